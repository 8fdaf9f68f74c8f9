package semialg

import (
	"math/big"

	"github.com/relucad/relucad/poly"
)

// Parse reads a formula in the own syntax (see the package documentation)
// over the ring R. Every variable of the text must be a variable of R;
// otherwise the error names it with its position.
func Parse(R *poly.Ring, text string) (*Formula, error) {
	n, err := parseNode(text)
	if err != nil {
		return nil, err
	}
	return buildFormula(R, n)
}

// MustParse is like Parse but panics on error. For tests and examples.
func MustParse(R *poly.Ring, text string) *Formula {
	f, err := Parse(R, text)
	if err != nil {
		panic(err)
	}
	return f
}

// ParseAuto reads a formula in the own syntax and builds its ring from the
// text ([RingOf]): free variables in order of first occurrence, then bound
// variables in the order their quantifiers appear.
func ParseAuto(text string) (*Formula, *poly.Ring, error) {
	n, err := parseNode(text)
	if err != nil {
		return nil, nil, err
	}
	R, err := ringFromNodes(nil, n)
	if err != nil {
		return nil, nil, err
	}
	f, err := buildFormula(R, n)
	if err != nil {
		return nil, nil, err
	}
	return f, R, nil
}

// DefaultOrder is the monomial order of rings built by ParseAuto and the
// file readers.
var DefaultOrder = poly.GRevLex

// RingOf returns the variable order ParseAuto uses for a formula text:
// first the variables occurring free (in order of first occurrence), then
// the bound variables in the order of their quantifiers, outermost first.
// This is the order QEPCAD B requires (free variables first) and the order
// in which the CAD projects (last variable first). "a <== b" is read as
// "b ==> a", so the variables of b count first.
func RingOf(text string) ([]string, error) {
	n, err := parseNode(text)
	if err != nil {
		return nil, err
	}
	return varOrder(nil, n), nil
}

func ringFromNodes(first []string, ns ...*node) (*poly.Ring, error) {
	names := varOrder(first, ns...)
	R, err := poly.NewRing(names, DefaultOrder)
	if err != nil {
		return nil, &ParseError{Line: 1, Col: 1, Msg: err.Error()}
	}
	return R, nil
}

// varOrder lists first, then the free variables of ns in order of first
// occurrence, then the bound ones in quantifier order.
func varOrder(first []string, ns ...*node) []string {
	seen := map[string]bool{}
	var free, bound []string
	for _, v := range first {
		if !seen[v] {
			seen[v] = true
			free = append(free, v)
		}
	}
	var boundSeen = map[string]bool{}
	scope := map[string]int{}
	var walkExpr func(e *expr)
	walkExpr = func(e *expr) {
		if e.kind == eVar && scope[e.name] == 0 && !seen[e.name] {
			seen[e.name] = true
			free = append(free, e.name)
		}
		for _, a := range e.args {
			walkExpr(a)
		}
	}
	var walk func(n *node)
	walk = func(n *node) {
		switch n.kind {
		case nAtom:
			walkExpr(n.lhs)
			walkExpr(n.rhs)
		case nRank:
			for _, r := range n.mat {
				for _, e := range r {
					walkExpr(e)
				}
			}
		case nEx, nAll:
			for _, v := range n.vars {
				if !boundSeen[v] {
					boundSeen[v] = true
					bound = append(bound, v)
				}
				scope[v]++
			}
			walk(n.args[0])
			for _, v := range n.vars {
				scope[v]--
			}
		default:
			for _, a := range n.args {
				walk(a)
			}
		}
	}
	for _, n := range ns {
		walk(n)
	}
	for _, v := range bound {
		if !seen[v] {
			seen[v] = true
			free = append(free, v)
		}
	}
	return free
}

// builder converts syntax trees to formulas over a ring, with a work budget
// so that inputs such as (x+y+z)^9999 end with an error instead of
// exhausting memory.
type builder struct {
	R    *poly.Ring
	work int
}

// maxBuildWork bounds the number of term products spent expanding the
// polynomial expressions of one input.
const maxBuildWork = 4_000_000

// maxCoefBits bounds the size of a coefficient produced by a power of a
// monomial in text.
const maxCoefBits = 1 << 20

// coefBits returns the largest bit length of a numerator or denominator of
// p's coefficients.
func coefBits(p *poly.Poly) int {
	m := 0
	for i := 0; i < p.NumTerms(); i++ {
		c := p.Term(i).Coef
		m = max(m, c.Num().BitLen(), c.Denom().BitLen())
	}
	return m
}

func buildFormula(R *poly.Ring, n *node) (*Formula, error) {
	b := &builder{R: R}
	return b.node(n)
}

func (b *builder) node(n *node) (*Formula, error) {
	switch n.kind {
	case nTrue:
		return True(), nil
	case nFalse:
		return False(), nil
	case nAtom:
		l, err := b.expr(n.lhs)
		if err != nil {
			return nil, err
		}
		r, err := b.expr(n.rhs)
		if err != nil {
			return nil, err
		}
		p := l.Sub(r)
		return &Formula{op: OpAtom, rel: n.rel, p: p, ring: b.R}, nil
	case nRank:
		m := make([][]*poly.Poly, len(n.mat))
		for i, row := range n.mat {
			for _, e := range row {
				p, err := b.expr(e)
				if err != nil {
					return nil, err
				}
				m[i] = append(m[i], p)
			}
		}
		return rankRel(m, n.rel, n.bound), nil
	case nNot:
		a, err := b.node(n.args[0])
		if err != nil {
			return nil, err
		}
		return Not(a), nil
	case nAnd, nOr, nImplies, nIff:
		args := make([]*Formula, len(n.args))
		for i, a := range n.args {
			f, err := b.node(a)
			if err != nil {
				return nil, err
			}
			args[i] = f
		}
		switch n.kind {
		case nAnd:
			return And(args...), nil
		case nOr:
			return Or(args...), nil
		case nImplies:
			return Implies(args[0], args[1]), nil
		}
		return Iff(args[0], args[1]), nil
	case nEx, nAll:
		vars := make([]int, len(n.vars))
		for i, name := range n.vars {
			v, ok := b.R.VarIndex(name)
			if !ok {
				return nil, n.varPos[i].errorf("variable %q is not in the ring %v", name, b.R.VarNames())
			}
			vars[i] = v
		}
		body, err := b.node(n.args[0])
		if err != nil {
			return nil, err
		}
		if n.kind == nEx {
			return Ex(b.R, vars, body), nil
		}
		return All(b.R, vars, body), nil
	}
	panic("semialg: unknown syntax node")
}

// rankRel turns rank(m) ρ q into rank atoms of the form rank(m) ≤ k.
func rankRel(m [][]*poly.Poly, rel Rel, q int) *Formula {
	le := func(k int) *Formula {
		if k < 0 {
			return False()
		}
		return RankLE(m, k)
	}
	switch rel {
	case LE:
		return le(q)
	case LT:
		return le(q - 1)
	case EQ:
		return And(le(q), Not(le(q-1)))
	case NE:
		return Or(le(q-1), Not(le(q)))
	case GE:
		return Not(le(q - 1))
	case GT:
		return Not(le(q))
	}
	panic("semialg: bad relation")
}

func (b *builder) charge(n int, at pos) error {
	b.work += n
	if b.work > maxBuildWork {
		return at.errorf("polynomial expressions too large to expand (more than %d term products)", maxBuildWork)
	}
	return nil
}

func (b *builder) mul(x, y *poly.Poly, at pos) (*poly.Poly, error) {
	// Charge term products weighted by coefficient size, so that huge
	// integer powers are refused as well as huge term counts.
	bx, by := coefBits(x), coefBits(y)
	if bx+by > maxCoefBits {
		return nil, at.errorf("coefficients too large (more than %d bits)", maxCoefBits)
	}
	w := x.NumTerms() * y.NumTerms() * (1 + (bx+by)/256)
	if err := b.charge(w, at); err != nil {
		return nil, err
	}
	if x.TotalDegree()+y.TotalDegree() > 1<<30 {
		return nil, at.errorf("degree too large")
	}
	return x.Mul(y), nil
}

func (b *builder) expr(e *expr) (*poly.Poly, error) {
	switch e.kind {
	case eNum:
		return b.R.Const(e.num), nil
	case eVar:
		v, ok := b.R.VarIndex(e.name)
		if !ok {
			return nil, e.pos.errorf("unknown variable %q (the ring has %v)", e.name, b.R.VarNames())
		}
		return b.R.Var(v), nil
	}
	args := make([]*poly.Poly, len(e.args))
	for i, a := range e.args {
		p, err := b.expr(a)
		if err != nil {
			return nil, err
		}
		args[i] = p
		if err := b.charge(p.NumTerms(), a.pos); err != nil {
			return nil, err
		}
	}
	switch e.kind {
	case eAdd:
		s := args[0]
		for _, a := range args[1:] {
			s = s.Add(a)
		}
		return s, nil
	case eSub:
		return args[0].Sub(args[1]), nil
	case eNeg:
		return args[0].Neg(), nil
	case eMul:
		s := args[0]
		for _, a := range args[1:] {
			var err error
			if s, err = b.mul(s, a, e.pos); err != nil {
				return nil, err
			}
		}
		return s, nil
	case eDiv:
		d := args[1]
		if !d.IsConst() {
			return nil, e.pos.errorf("division by the non-constant polynomial %v", d)
		}
		if d.IsZero() {
			return nil, e.pos.errorf("division by zero")
		}
		return args[0].ScaleRat(new(big.Rat).Inv(d.LeadCoeff())), nil
	case ePow:
		base := args[0]
		if base.NumTerms() <= 1 {
			if base.IsZero() {
				if e.exp == 0 {
					return b.R.One(), nil
				}
				return base, nil
			}
			if d := base.TotalDegree(); d > 0 && e.exp > (1<<31)/d {
				return nil, e.pos.errorf("exponent too large")
			}
			if bits := coefBits(base); bits > 1 && e.exp > maxCoefBits/bits {
				return nil, e.pos.errorf("power too large (more than %d bits)", maxCoefBits)
			}
			return base.Pow(uint(e.exp)), nil
		}
		// Repeated squaring with the work budget charged before each product.
		result := b.R.One()
		sq := base
		for k := e.exp; k > 0; k >>= 1 {
			var err error
			if k&1 == 1 {
				if result, err = b.mul(result, sq, e.pos); err != nil {
					return nil, err
				}
			}
			if k > 1 {
				if sq, err = b.mul(sq, sq, e.pos); err != nil {
					return nil, err
				}
			}
		}
		return result, nil
	}
	panic("semialg: unknown expression node")
}
