package semialg

// Cylindrical algebraic decomposition: decision of sentences and quantifier
// elimination for small prenex formulas.
//
// The input is a prenex formula Q_{k} x_k … Q_{n-1} x_{n-1} φ(x_0, …, x_{n-1})
// with φ quantifier-free and x_0 … x_{k-1} free. Variables are renamed into
// a CAD ring in this order: free variables first (in the formula's ring
// order), then the bound ones in prefix order. Level j of the CAD is the
// variable x_j; a polynomial's level is its largest variable.
//
// Projection. The projection factors of level j are obtained from the
// square-free factors of the atoms' polynomials (rank atoms are expanded to
// minors first), kept as a square-free basis (pairwise coprime, primitive
// in the main variable; contents and variables dividing a polynomial are
// factors of their own). Projecting level j to the levels below uses
// McCallum's operator, or Hong's improvement of Collins' operator (Hong
// 1990) as the fallback (projection.go has the operators, the theorems and
// the well-orientedness check):
//
//	McCallum: P(A) = coefficients of f (down to the first non-zero constant)
//	               ∪ disc_{x_j}(f) ∪ res_{x_j}(f, g)           (f ≠ g in A)
//	Hong:     PROJ(A) = leading coefficients of the reducta f* of f
//	               ∪ psc_i(f*, ∂f*/∂x_j), i < deg f* − 1
//	               ∪ psc_i(f*, g)                               (f < g in A)
//
// where the reducta of f stop after the first one whose leading
// coefficient is a non-zero constant (that coefficient never vanishes, so
// the degree never drops further); the leading coefficients of the reducta
// are then exactly McCallum's coefficients. Every projection polynomial is
// split into square-free factors (poly.SquareFree), and each factor is
// filed at its own level.
//
// Base phase and lifting. Over a sample point s = (s_0, …, s_{j-1}) with
// real algebraic coordinates, the real roots of every level-j factor f in
// x_j are found as follows. Rational coordinates are substituted exactly.
// If all coordinates are rational, f(s, x_j) is a univariate rational
// polynomial and its roots come from poly.RealAlgRoots. Otherwise the
// irrational coordinates are eliminated by resultants with their defining
// polynomials, N(x_j) = Res_{x_i}(… f …, m_i(x_i)); the roots of f(s, x_j)
// are among the real roots of N. The exact number k of distinct real roots
// of f(s, x_j) comes from the signs at s of the subresultant coefficients
// of f and ∂f/∂x_j (lift.go); candidates are refined until interval
// evaluation has excluded all but k of them, which are then the roots. The
// roots of all factors are merged
// (exact comparison of real algebraic numbers); the stack over s is the
// alternating list of sectors (with a simple rational sample point) and
// sections (the roots themselves).
//
// Truth values (partial CAD, Collins–Hong 1991). Each cell first tries to
// evaluate φ three-valued with the signs of the polynomials whose variables
// are all assigned; if that decides φ, the whole cylinder above the cell has
// that value and is not lifted. Otherwise the children are lifted one by one
// and combined by the level's quantifier with early exit (∃: the first true
// child; ∀: the first false one).
//
// Solution formulas. For QE, every cell of the free-variable space gets a
// truth value and a signature: the signs of all projection factors of the
// free levels at its sample point (signs are invariant on cells). If two
// cells with different truth values share a signature, the factors do not
// define the answer (errNoSeparation; withCAD then tries more factors:
// Hong's operator, then the free levels' derivatives, and QE returns an
// error wrapping ErrNotSupported if none separates). Otherwise the true signatures are turned into
// conjunctions of sign conditions, each conjunction is widened greedily
// (drop a condition, or relax a sign to ≤, ≥ or ≠) while it still excludes
// every false cell, covered conjunctions are removed, and the disjunction is
// simplified. Example: for ∃y x²+y²<1 the factor x²−1 has signs +,0,−,0,+ on
// the five cells of the x-line; only the middle cell is true, so the answer
// is x² − 1 < 0.
//
// Termination: every step is finite (finitely many factors, roots and
// cells); budgets bound the number of cells, and the context is checked
// between cells.

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/relucad/relucad/poly"
)

// Limits bounds the work of one decision or QE call. Zero fields take the
// defaults.
type Limits struct {
	MaxCells   int // cells lifted (default 200000)
	MaxFactors int // projection factors over all levels (default 2000)

	// Projection selects the projection operator; the zero value is
	// ProjectionAuto (McCallum, falling back to Hong when needed).
	Projection Projection
	// Stats, when not nil, receives what the CADs did (operator, fallbacks
	// and their reasons, sizes); it is added to, not reset.
	Stats *Stats
}

// ErrLimit is wrapped by errors of calls that stopped at a Limits bound:
// the question is undecided within limits (never answered wrongly).
var ErrLimit = fmt.Errorf("semialg: undecided within limits")

type cad struct {
	ctx        context.Context
	S          *poly.Ring // CAD ring: free variables, then bound ones in prefix order
	n          int
	free       int
	quant      []Op // quant[j] for j ≥ free
	matrix     *Formula
	proj       [][]*poly.Poly // proj[j]: square-free factors of level j
	keys       map[string]bool
	lim        Limits
	cells      int
	atoms      []*poly.Poly // atom polynomials of the matrix
	levels     []int        // level of each atom polynomial (-1 for constants)
	atomFac    map[*poly.Poly][]atomFactor
	depth      int                         // recursion depth of insert
	exBlock    int                         // free + length of the leading ∃ block
	witness    []*poly.RealAlg             // sample of a true cell of the leading ∃ block
	mc         bool                        // McCallum's projection (else Hong's)
	ec         *poly.Poly                  // equational constraint of the top level (McCallum only), or nil
	ecFac      []bool                      // ecFac[i]: proj[n−1][i] divides ec
	aug        bool                        // McCallum with Hong's operator at level free (see withCAD)
	delineated int                         // delineating polynomials used (Stats)
	derivs     bool                        // derivatives of the free levels' factors added (see withCAD)
	pscCache   map[pscKey][]*poly.Poly     // psc lists for root counts (lift.go)
	refined    map[*poly.RealAlg]uint      // bits each number was refined to (interval_perf.go)
	coeffCache map[*poly.Poly][]*poly.Poly // coefficients in the main variable, for root counts (lift.go)
	termsCache map[*poly.Poly]polyTerms    // terms and variables of the factors evaluated (interval_perf.go)
	polyKeys   map[*poly.RealAlg]string    // defining polynomials as cache keys
	candCache  map[string][]*poly.RealAlg  // roots of the resultants N of lifting, by g and defining polynomials
	decomps    map[*poly.Poly]*pscDecomp   // cached psc's split into projection factors (lift.go)
}

// atomFactor locates a square-free factor (with multiplicity) of an atom's
// polynomial among the projection factors.
type atomFactor struct{ level, idx, mult int }

// Decide returns the truth value of the sentence f (a prenex formula
// without free variables) by cylindrical algebraic decomposition. Formulas
// the CAD cannot handle yet give an error wrapping ErrNotSupported; budget
// overruns wrap ErrLimit; cancellation wraps ctx.Err().
func Decide(ctx context.Context, f *Formula) (bool, error) {
	return DecideWithLimits(ctx, f, Limits{})
}

// DecideWithLimits is Decide with explicit budgets and options.
func DecideWithLimits(ctx context.Context, f *Formula, lim Limits) (bool, error) {
	f, ok := prenex(f)
	if !ok && len(f.FreeVars()) == 0 {
		g, err := elimInner(ctx, f, lim)
		if err != nil {
			return false, err
		}
		switch g = Simplify(g); g.op {
		case OpTrue:
			return true, nil
		case OpFalse:
			return false, nil
		}
		return false, fmt.Errorf("semialg: internal error: sentence reduced to %v", g)
	}
	if len(f.FreeVars()) > 0 {
		return false, fmt.Errorf("semialg: Decide: the formula has free variables %v (use QE)", varNames(f.ring, f.FreeVars()))
	}
	if g, ok, err := qeLinear(ctx, f, lim); ok {
		if err != nil {
			return false, err
		}
		if g.op != OpTrue && g.op != OpFalse {
			return false, fmt.Errorf("semialg: internal error: sentence reduced to %v", g)
		}
		return g.op == OpTrue, nil
	}
	var t bool
	err := withCAD(ctx, f, lim, func(c *cad) error {
		var err error
		t, err = c.truth(nil, nil, 0)
		return err
	})
	return t, err
}

// compactQF returns a shorter equivalent of the quantifier-free formula g
// when the CAD solution formula of g over its own variables is smaller,
// else g.
func compactQF(ctx context.Context, g *Formula, lim Limits) *Formula {
	if g.ring == nil || g.Size() <= 3 {
		return g
	}
	// A bounded attempt: the free space can be large, and g is already a
	// correct answer.
	if lim.MaxCells == 0 || lim.MaxCells > 20000 {
		lim.MaxCells = 20000
	}
	var h *Formula
	err := withCAD(ctx, g, lim, func(c *cad) error {
		var err error
		h, err = c.solutionFormula()
		return err
	})
	if err != nil {
		return g
	}
	h, err = mapRing(h, g.ring)
	if err != nil || h.Size() >= g.Size() {
		return g
	}
	return h
}

// Witness decides the sentence f like [Decide] and, when f is true and
// starts with ∃ x_1 … x_m, also returns values for x_1 … x_m that make the
// rest of the sentence true: point[v] for each such ring variable v of f
// (nil for the other variables). Variables that the decision never had to
// lift get the value 0.
func Witness(ctx context.Context, f *Formula) (truth bool, point []*poly.RealAlg, err error) {
	return WitnessWithLimits(ctx, f, Limits{})
}

// WitnessWithLimits is Witness with explicit budgets and options.
func WitnessWithLimits(ctx context.Context, f *Formula, lim Limits) (truth bool, point []*poly.RealAlg, err error) {
	f, ok := prenex(f)
	if !ok && len(f.FreeVars()) == 0 {
		// Not prenex: decided by inner eliminations, without a witness.
		t, err := DecideWithLimits(ctx, f, lim)
		return t, nil, err
	}
	if len(f.FreeVars()) > 0 {
		return false, nil, fmt.Errorf("semialg: Witness: the formula has free variables %v", varNames(f.ring, f.FreeVars()))
	}
	var c *cad
	var t bool
	err = withCAD(ctx, f, lim, func(cc *cad) error {
		c = cc
		var err error
		t, err = c.truth(nil, nil, 0)
		return err
	})
	if err != nil || !t || c.exBlock == 0 {
		return t, nil, err
	}
	point = make([]*poly.RealAlg, f.ring.NumVars())
	for i := 0; i < c.exBlock; i++ {
		v, _ := f.ring.VarIndex(c.S.VarNames()[i])
		if i < len(c.witness) {
			point[v] = c.witness[i]
		} else {
			point[v] = poly.RealAlgFromRat(new(big.Rat))
		}
	}
	return true, point, nil
}

// QE returns a quantifier-free formula equivalent to the prenex formula f,
// over f's ring, by cylindrical algebraic decomposition and solution formula
// construction (see the file comment of cad.go). For a sentence the result
// is True() or False().
func QE(ctx context.Context, f *Formula) (*Formula, error) {
	return QEWithLimits(ctx, f, Limits{})
}

// QEWithLimits is QE with explicit budgets.
func QEWithLimits(ctx context.Context, f *Formula, lim Limits) (*Formula, error) {
	f, ok := prenex(f)
	if !ok {
		g, err := elimInner(ctx, f, lim)
		if err != nil {
			return nil, err
		}
		return Simplify(g), nil
	}
	if g, ok, err := qeLinear(ctx, f, lim); ok {
		if err != nil {
			return nil, err
		}
		return compactQF(ctx, g, lim), nil
	}
	var g *Formula
	err := withCAD(ctx, f, lim, func(c *cad) error {
		if c.free == 0 {
			v, err := c.truth(nil, nil, 0)
			g = Bool(v)
			return err
		}
		var err error
		g, err = c.solutionFormula()
		return err
	})
	if err != nil {
		return nil, err
	}
	if g.ring == nil {
		return g, nil
	}
	// Back to the caller's ring.
	return mapRing(g, f.ring)
}

func varNames(R *poly.Ring, vs []int) []string {
	var out []string
	for _, v := range vs {
		out = append(out, R.VarNames()[v])
	}
	return out
}

// cadMode selects the projection of newCAD: McCallum's (mc) or Hong's,
// with mc, Hong's operator at the first bound level (aug), and the
// derivatives of the free levels' factors added (derivs).
type cadMode struct {
	mc, aug, derivs bool
	shared          *liftShared // caches shared between the CADs of one call, or nil
}

// newCAD checks the shape of f, builds the CAD ring and the projection.
func newCAD(ctx context.Context, f *Formula, lim Limits, mode cadMode) (*cad, error) {
	if lim.MaxCells == 0 {
		lim.MaxCells = 200000
	}
	if lim.MaxFactors == 0 {
		lim.MaxFactors = 2000
	}
	c := &cad{ctx: ctx, lim: lim, keys: map[string]bool{}, mc: mode.mc, aug: mode.aug, derivs: mode.derivs}
	if f.ring == nil {
		// A formula of constants: no variables at all.
		f = Simplify(f)
		R := poly.MustRing([]string{"x_"}, DefaultOrder)
		c.S, c.n, c.matrix = R, 0, f
		return c, nil
	}
	R := f.ring
	var prefix []int
	var qs []Op
	m := f
	for m.op == OpEx || m.op == OpAll {
		for _, v := range m.vars {
			prefix = append(prefix, v)
			qs = append(qs, m.op)
		}
		m = m.args[0]
	}
	if !m.IsQuantifierFree() {
		return nil, fmt.Errorf("%w: CAD needs a prenex formula (quantifiers only in front)", ErrNotSupported)
	}
	free := f.FreeVars()
	seen := map[int]bool{}
	for _, v := range free {
		seen[v] = true
	}
	for _, v := range prefix {
		if seen[v] {
			return nil, fmt.Errorf("%w: variable %s is bound twice or both free and bound", ErrNotSupported, R.VarNames()[v])
		}
		seen[v] = true
	}
	names := append(varNames(R, free), varNames(R, prefix)...)
	S, err := poly.NewRing(names, DefaultOrder)
	if err != nil {
		return nil, err
	}
	mat, err := mapRing(Simplify(m.ExpandRank()), S)
	if err != nil {
		return nil, err
	}
	c.S, c.n, c.free, c.matrix = S, len(names), len(free), mat
	c.quant = make([]Op, c.n)
	c.exBlock = c.free
	for i, q := range qs {
		c.quant[c.free+i] = q
		if q == OpEx && c.exBlock == c.free+i {
			c.exBlock++
		}
	}
	c.proj = make([][]*poly.Poly, c.n)
	mat.Atoms(func(a *Formula) bool {
		c.atoms = append(c.atoms, a.p)
		c.levels = append(c.levels, level0(a.p))
		return true
	})
	for _, p := range c.atoms {
		if err := c.add(p); err != nil {
			return nil, err
		}
	}
	if c.mc && !(c.aug && c.free == c.n-1) {
		if c.ec = c.pickEquation(); c.ec != nil {
			c.markEquational()
		}
	}
	for j := c.n - 1; j >= 1; j-- {
		if c.derivs && j < c.free {
			if err := c.addDerivatives(j); err != nil {
				return nil, err
			}
		}
		if err := c.project(j); err != nil {
			return nil, err
		}
	}
	if c.derivs && c.free > 0 {
		if err := c.addDerivatives(0); err != nil {
			return nil, err
		}
	}
	// Each atom's polynomial as a product of projection factors.
	index := map[string][2]int{}
	for j, fs := range c.proj {
		for i, f := range fs {
			index[f.String()] = [2]int{j, i}
		}
	}
	c.atomFac = map[*poly.Poly][]atomFactor{}
	for _, p := range c.atoms {
		if p.IsConst() {
			continue
		}
		rem := p
		for j := level0(p); j >= 0 && !rem.IsConst(); j-- {
			for i, h := range c.proj[j] {
				mult := 0
				for !rem.IsConst() {
					quo, err := rem.ExactQuo(h)
					if err != nil {
						break
					}
					rem = quo
					mult++
				}
				if mult > 0 {
					c.atomFac[p] = append(c.atomFac[p], atomFactor{j, i, mult})
				}
			}
		}
		if !rem.IsConst() {
			return nil, fmt.Errorf("semialg: internal error: %v is not a product of projection factors (left %v)", p, rem)
		}
	}
	if sh := mode.shared; sh != nil {
		if sh.S == nil {
			sh.S = c.S
			sh.psc = map[pscKey][]*poly.Poly{}
			sh.cand = map[string][]*poly.RealAlg{}
		}
		if sh.S.Same(c.S) {
			c.pscCache, c.candCache = sh.psc, sh.cand
		}
	}
	return c, nil
}

// liftShared holds lifting caches that stay valid from one CAD of a
// formula to the next (withCAD's retries with other projection sets): psc
// lists depend only on the factor, candidate roots only on the polynomial
// and the sample's numbers, not on the projection set.
type liftShared struct {
	S    *poly.Ring
	psc  map[pscKey][]*poly.Poly
	cand map[string][]*poly.RealAlg
}

// mapRing rewrites every polynomial of f into the ring S (by variable name).
func mapRing(f *Formula, S *poly.Ring) (*Formula, error) {
	switch f.op {
	case OpTrue, OpFalse:
		return f, nil
	case OpAtom:
		p, err := f.p.ToRing(S)
		if err != nil {
			return nil, err
		}
		return Atom(p, f.rel), nil
	case OpRank:
		m := make([][]*poly.Poly, len(f.mat))
		for i, r := range f.mat {
			for _, e := range r {
				p, err := e.ToRing(S)
				if err != nil {
					return nil, err
				}
				m[i] = append(m[i], p)
			}
		}
		return RankLE(m, f.bound), nil
	}
	args := make([]*Formula, len(f.args))
	for i, a := range f.args {
		g, err := mapRing(a, S)
		if err != nil {
			return nil, err
		}
		args[i] = g
	}
	switch f.op {
	case OpNot:
		return Not(args[0]), nil
	case OpAnd:
		return And(args...), nil
	case OpOr:
		return Or(args...), nil
	case OpImplies:
		return Implies(args[0], args[1]), nil
	case OpIff:
		return Iff(args[0], args[1]), nil
	}
	vars := make([]int, len(f.vars))
	for i, v := range f.vars {
		w, ok := S.VarIndex(f.ring.VarNames()[v])
		if !ok {
			return nil, fmt.Errorf("semialg: variable %s missing from ring %v", f.ring.VarNames()[v], S.VarNames())
		}
		vars[i] = w
	}
	return quant(f.op, S, vars, args[0]), nil
}

// level0 returns the largest variable index of p, or -1 for a constant.
func level0(p *poly.Poly) int {
	vs := p.Vars()
	if len(vs) == 0 {
		return -1
	}
	return vs[len(vs)-1]
}

// add files the factors of p in the projection basis.
func (c *cad) add(p *poly.Poly) error {
	if p.IsConst() {
		return nil
	}
	for _, fc := range poly.SquareFree(p) {
		if err := c.insert(fc.Poly); err != nil {
			return err
		}
	}
	return nil
}

// normalize returns the primitive integer multiple of q with positive
// leading coefficient.
func normalize(q *poly.Poly) *poly.Poly {
	q = primitive(q)
	if !q.IsZero() && q.LeadCoeff().Sign() < 0 {
		q = q.Neg()
	}
	return q
}

// insert adds the square-free polynomial q to the basis, keeping the basis
// pairwise coprime, each element primitive in its main variable, and
// variables dividing a polynomial split off as factors of their own:
// common factors with existing elements are split out by GCDs. A coprime
// basis makes the projection smaller (no resultants of products) without
// changing the cells: every input polynomial is a product of basis
// elements, so sign-invariance of the basis gives sign-invariance of the
// inputs.
func (c *cad) insert(q *poly.Poly) error {
	if q.IsConst() {
		return nil
	}
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > 10000 {
		return fmt.Errorf("semialg: internal error: basis refinement does not terminate")
	}
	// Variables that divide q.
	R := q.Ring()
	for _, v := range q.Vars() {
		divides := true
		for _, t := range q.Terms() {
			if t.Mon[v] == 0 {
				divides = false
				break
			}
		}
		if !divides || q.NumTerms() == 1 && len(q.Vars()) == 1 {
			continue
		}
		var ts []poly.Term
		for _, t := range q.Terms() {
			t.Mon[v]--
			ts = append(ts, t)
		}
		if err := c.insert(R.Var(v)); err != nil {
			return err
		}
		return c.insert(R.NewPoly(ts))
	}
	q = normalize(q)
	l := level0(q)
	if cont := poly.ContentIn(q, l); !cont.IsConst() {
		if err := c.insert(cont); err != nil {
			return err
		}
		return c.insert(poly.PrimitivePartIn(q, l))
	}
	k := q.String()
	if c.keys[k] {
		return nil
	}
	for lv := 0; lv <= l; lv++ {
		for i, h := range c.proj[lv] {
			g, err := poly.GCDCtx(c.ctx, q, h)
			if err != nil {
				return err
			}
			if g.IsConst() {
				continue
			}
			g = normalize(g)
			if g.Equal(h) {
				rest, err := q.ExactQuo(h)
				if err != nil {
					return fmt.Errorf("semialg: internal error: %v", err)
				}
				return c.insert(rest)
			}
			// g is a proper factor of h: replace h by g and h/g.
			hq, err := h.ExactQuo(g)
			if err != nil {
				return fmt.Errorf("semialg: internal error: %v", err)
			}
			qq, err := q.ExactQuo(g)
			if err != nil {
				return fmt.Errorf("semialg: internal error: %v", err)
			}
			delete(c.keys, h.String())
			c.proj[lv] = slices.Delete(c.proj[lv], i, i+1)
			for _, x := range []*poly.Poly{g, hq, qq} {
				if err := c.insert(x); err != nil {
					return err
				}
			}
			return nil
		}
	}
	c.keys[k] = true
	c.proj[l] = append(c.proj[l], q)
	if len(c.keys) > c.lim.MaxFactors {
		return fmt.Errorf("%w: more than %d projection factors", ErrLimit, c.lim.MaxFactors)
	}
	return nil
}

// coeffsIn returns the coefficients of p as a polynomial in v: out[k] is
// the coefficient of v^k (v does not occur in it).
func coeffsIn(p *poly.Poly, v int) []*poly.Poly {
	R := p.Ring()
	d := p.Degree(v)
	if d < 0 {
		return nil
	}
	ts := make([][]poly.Term, d+1)
	for _, t := range p.Terms() {
		k := int(t.Mon[v])
		t.Mon[v] = 0
		ts[k] = append(ts[k], t)
	}
	out := make([]*poly.Poly, d+1)
	for k := range ts {
		out[k] = R.NewPoly(ts[k])
	}
	return out
}

// derivIn returns ∂p/∂v.
func derivIn(p *poly.Poly, v int) *poly.Poly {
	var ts []poly.Term
	for _, t := range p.Terms() {
		e := t.Mon[v]
		if e == 0 {
			continue
		}
		t.Mon[v] = e - 1
		t.Coef.Mul(t.Coef, new(big.Rat).SetInt64(int64(e)))
		ts = append(ts, t)
	}
	return p.Ring().NewPoly(ts)
}

// reducta returns f, red(f), red²(f), … in v, stopping after the first
// reductum whose leading coefficient in v is a non-zero constant, and
// before degree 0.
func reducta(f *poly.Poly, v int) []*poly.Poly {
	var out []*poly.Poly
	g := f
	for g.Degree(v) >= 1 {
		out = append(out, g)
		cs := coeffsIn(g, v)
		lc := cs[len(cs)-1]
		if lc.IsConst() {
			break
		}
		var ts []poly.Term
		d := uint32(len(cs) - 1)
		for _, t := range g.Terms() {
			if t.Mon[v] != d {
				ts = append(ts, t)
			}
		}
		g = g.Ring().NewPoly(ts)
	}
	return out
}

// Sample points and lifting.

// point returns a full-length point for SignAt from a partial sample.
func (c *cad) point(s []*poly.RealAlg) []*poly.RealAlg {
	pt := make([]*poly.RealAlg, c.n)
	copy(pt, s)
	return pt
}

// sign returns the exact sign of p at s. Rational coordinates are
// substituted first: poly.SignAt's zero test is a resultant over the
// remaining coordinates' defining polynomials, and a univariate rest takes
// its cheap gcd route.
func (c *cad) sign(p *poly.Poly, s []*poly.RealAlg) (int, error) {
	return poly.SignAt(c.ctx, substRat(p, rationals(s, c.n)), c.point(s))
}

// substRat replaces the variables with rational sample coordinates by their
// values; rats[i] == nil keeps variable i.
func substRat(p *poly.Poly, rats []*big.Rat) *poly.Poly {
	R := p.Ring()
	var ts []poly.Term
	for _, t := range p.Terms() {
		for i, r := range rats {
			if r == nil || t.Mon[i] == 0 {
				continue
			}
			t.Coef.Mul(t.Coef, ratPow(r, t.Mon[i]))
			t.Mon[i] = 0
		}
		ts = append(ts, t)
	}
	return R.NewPoly(ts)
}

func ratPow(r *big.Rat, e uint32) *big.Rat {
	out := big.NewRat(1, 1)
	b := new(big.Rat).Set(r)
	for ; e > 0; e >>= 1 {
		if e&1 == 1 {
			out.Mul(out, b)
		}
		if e > 1 {
			b.Mul(b, b)
		}
	}
	return out
}

// toUPoly converts a polynomial in which only v occurs into an integer
// univariate polynomial with the same roots.
func toUPoly(p *poly.Poly, v int) poly.UPoly {
	q := primitive(p)
	cs := make([]*big.Int, q.Degree(v)+1)
	for _, t := range q.Terms() {
		cs[t.Mon[v]] = new(big.Int).Set(t.Coef.Num())
	}
	return poly.NewUPoly(cs)
}

// fromUPoly is the polynomial u(x_v) in R.
func fromUPoly(R *poly.Ring, u poly.UPoly, v int) *poly.Poly {
	var ts []poly.Term
	for i, c := range u {
		if c.Sign() == 0 {
			continue
		}
		m := make(poly.Monomial, R.NumVars())
		m[v] = uint32(i)
		ts = append(ts, poly.Term{Mon: m, Coef: new(big.Rat).SetInt(c)})
	}
	return R.NewPoly(ts)
}

// rationals returns the rational values of the sample coordinates (nil
// for irrational ones).
func rationals(s []*poly.RealAlg, n int) []*big.Rat {
	rats := make([]*big.Rat, n)
	for i, a := range s {
		if r, ok := a.IsRational(); ok {
			rats[i] = r
		}
	}
	return rats
}

// roots returns the distinct real roots of f(s, x_j), j = len(s),
// increasing, and whether f(s, x_j) is identically zero.
//
// signs, when not nil, holds the signs of the lower levels' factors on the
// cell of s (signs[l][i] is the sign of proj[l][i]); the root count uses
// them for the factors of its subresultant coefficients.
func (c *cad) roots(f *poly.Poly, s []*poly.RealAlg, signs [][]int) ([]*poly.RealAlg, bool, error) {
	j := len(s)
	rats := rationals(s, c.n)
	g := substRat(f, rats)
	if g.IsZero() {
		return nil, true, nil
	}
	irr := false
	for i := 0; i < j; i++ {
		if rats[i] == nil {
			irr = true
		}
	}
	if g.Degree(j) <= 0 {
		// Constant in x_j over the cell: zero everywhere or nowhere.
		if !irr {
			return nil, false, nil // a non-zero rational constant
		}
		sg, err := c.sign(g, s)
		return nil, sg == 0, err
	}
	if !irr {
		rs, err := poly.RealAlgRoots(c.ctx, toUPoly(g, j))
		return rs, false, err
	}
	// Is f(s, x_j) identically zero? Then it has no isolated roots.
	allZero := true
	cos := coeffsIn(g, j)
	slices.Reverse(cos) // the leading coefficient is often a non-zero constant
	for _, co := range cos {
		if co.IsConst() {
			if !co.IsZero() {
				allZero = false
				break
			}
			continue
		}
		sg, err := c.sign(co, s)
		if err != nil {
			return nil, false, err
		}
		if sg != 0 {
			allZero = false
			break
		}
	}
	if allZero {
		return nil, true, nil
	}
	// The exact root count first: without real roots there is nothing to
	// isolate (no resultant, no candidates) — about half of the sectors of
	// a CAD with a definite top-level polynomial.
	count, err := c.rootCount(f, s, signs)
	if err != nil {
		return nil, false, err
	}
	if count == 0 {
		return nil, false, nil
	}
	cands, err := c.candidates(g, s, rats)
	if err != nil || cands == nil {
		return nil, false, err
	}
	out, err := c.certifyRoots(g, s, cands, count)
	return out, false, err
}

// candidates returns the real roots of N (see roots), a superset of the
// real roots of g(s, x_j); nil without error when N is constant in x_j.
// They are cached by g and the defining polynomials of the irrational
// coordinates: the sections of a stack are often conjugate roots of one
// polynomial and share N, its roots and their refined brackets (the roots
// are the same numbers, so sharing the RealAlg values is sound).
func (c *cad) candidates(g *poly.Poly, s []*poly.RealAlg, rats []*big.Rat) ([]*poly.RealAlg, error) {
	j := len(s)
	var kb strings.Builder
	kb.WriteString(g.String())
	for i := j - 1; i >= 0; i-- {
		if rats[i] == nil && g.Degree(i) > 0 {
			pk, ok := c.polyKeys[s[i]]
			if !ok {
				pk = s[i].Poly().String()
				if c.polyKeys == nil {
					c.polyKeys = map[*poly.RealAlg]string{}
				}
				c.polyKeys[s[i]] = pk
			}
			fmt.Fprintf(&kb, "|%d:%s", i, pk)
		}
	}
	key := kb.String()
	if cands, ok := c.candCache[key]; ok {
		return cands, nil
	}
	N := g
	var irrIdx []int
	for i := j - 1; i >= 0; i-- {
		if rats[i] != nil || N.Degree(i) <= 0 {
			continue
		}
		irrIdx = append(irrIdx, i)
		var err error
		if N, err = poly.ResultantCtx(c.ctx, N, fromUPoly(c.S, s[i].Poly(), i), i); err != nil {
			return nil, err
		}
	}
	if N.IsZero() && len(irrIdx) == 1 {
		// g(β, x_j) ≡ 0 for a conjugate β of s_i: remove those conjugates
		// from the defining polynomial. h = gcd(m, coefficients of g in x_j)
		// vanishes at every such β but not at s_i (some coefficient is
		// non-zero at s_i), so m/h still defines s_i.
		i := irrIdx[0]
		m := s[i].Poly()
		h := m
		for _, co := range coeffsIn(g, j) {
			if !co.IsZero() {
				h = poly.UGCD(h, toUPoly(co, i))
			}
		}
		if h.Degree() >= 1 {
			m2, err := m.ExactQuo(h)
			if err != nil {
				return nil, fmt.Errorf("semialg: internal error: %v", err)
			}
			if N, err = poly.ResultantCtx(c.ctx, g, fromUPoly(c.S, m2, i), i); err != nil {
				return nil, err
			}
		}
	}
	if N.IsZero() {
		return nil, fmt.Errorf("%w: lifting over a sample point where a conjugate nullifies a factor", ErrNotSupported)
	}
	if N.Degree(j) <= 0 {
		return nil, nil
	}
	cands, err := poly.RealAlgRoots(c.ctx, toUPoly(N, j))
	if err != nil {
		return nil, err
	}
	if cands == nil {
		cands = []*poly.RealAlg{}
	}
	if c.candCache == nil {
		c.candCache = map[string][]*poly.RealAlg{}
	}
	c.candCache[key] = cands
	return cands, nil
}

// child is a cell of a stack: its sample coordinate, whether it is a
// section, and the signs of the stack's factors (proj[j]) on it.
type child struct {
	pt      *poly.RealAlg
	section bool
	signs   []int
	fill    func() error // computes the signs still unknown (2); nil when done
}

// stack returns the cells over the cell with sample s (level j = len(s))
// and dimension dim, in increasing order: sector, section, sector, ...,
// sector, with the signs of the level-j factors on each. A factor is zero on
// a section exactly when the section is one of its roots (or it vanishes on
// the whole cylinder); elsewhere its sign is non-zero and found by interval
// refinement.
//
// With McCallum's projection the well-orientedness check happens here: a
// factor vanishing on the whole cylinder over a cell of positive dimension
// stops the computation (errNotWellOriented); over a 0-cell the roots of a
// delineating polynomial are added (projection.go). With an equational
// constraint at the top level only the roots of its factors are sections;
// the other factors are zero at a sample exactly when it is one of their
// roots (or they vanish on the whole line).
func (c *cad) stack(s []*poly.RealAlg, signs [][]int, dim int) ([]child, error) {
	j := len(s)
	facs := c.proj[j]
	var all []*poly.RealAlg
	var vanish [][]int // vanish[k]: factors with root all[k]
	zeroAll := make([]bool, len(facs))
	delin := make([]bool, len(facs)) // factors whose roots are sections
	ec := c.mc && c.ec != nil && j == c.n-1
	for fi := range facs {
		delin[fi] = !ec || c.ecFac[fi]
	}
	insert := func(r *poly.RealAlg, fi int) {
		// Insert keeping the list sorted and distinct.
		k, dup := 0, false
		for k < len(all) {
			cmp := r.Cmp(all[k])
			if cmp == 0 {
				dup = true
				break
			}
			if cmp < 0 {
				break
			}
			k++
		}
		var fis []int
		if fi >= 0 {
			fis = []int{fi}
		}
		if dup {
			vanish[k] = append(vanish[k], fis...)
		} else {
			all = slices.Insert(all, k, r)
			vanish = slices.Insert(vanish, k, fis)
		}
	}
	var extra []*poly.RealAlg                   // roots of delineating polynomials
	other := make([][]*poly.RealAlg, len(facs)) // roots of the factors that are not delineated
	for fi := 0; fi < len(facs); fi++ {
		f := facs[fi]
		rs, zero, err := c.roots(f, s, signs)
		if err != nil {
			return nil, err
		}
		zeroAll[fi] = zero
		if !delin[fi] {
			other[fi] = rs
			continue
		}
		if zero && c.mc {
			if dim > 0 {
				return nil, fmt.Errorf("%w: %v vanishes identically over a cell of dimension %d (level %d)", errNotWellOriented, f, dim, j)
			}
			if ec && !slices.Contains(delin, false) {
				// already delineating everything
			} else if ec {
				// An equational factor vanishes on the whole line over a
				// point: the other factors matter everywhere on it. Over a
				// point sign-invariance is all the top level needs.
				for fk := range delin {
					delin[fk] = true
				}
				fi = -1 // start again with every factor
				all, vanish, extra = nil, nil, nil
				clear(zeroAll)
				clear(other)
				continue
			}
			if j < c.n-1 {
				ds, err := c.delineating(f, s)
				if err != nil {
					return nil, err
				}
				extra = append(extra, ds...)
			}
		}
		for _, r := range rs {
			insert(r, fi)
		}
	}
	for _, r := range extra {
		insert(r, -1)
	}
	var pts []*poly.RealAlg
	var zeros [][]int
	var sec []bool
	if len(all) == 0 {
		pts = []*poly.RealAlg{poly.RealAlgFromRat(new(big.Rat))}
		zeros = [][]int{nil}
		sec = []bool{false}
	} else {
		lo, _ := all[0].Interval()
		pts = append(pts, poly.RealAlgFromRat(simplestBelow(lo)))
		zeros = append(zeros, nil)
		sec = append(sec, false)
		for i, r := range all {
			pts = append(pts, r)
			zeros = append(zeros, vanish[i])
			sec = append(sec, true)
			if i+1 < len(all) {
				m, err := c.between(r, all[i+1])
				if err != nil {
					return nil, err
				}
				pts = append(pts, poly.RealAlgFromRat(m))
				zeros = append(zeros, nil)
				sec = append(sec, false)
			}
		}
		_, hi := all[len(all)-1].Interval()
		pts = append(pts, poly.RealAlgFromRat(simplestAbove(hi)))
		zeros = append(zeros, nil)
		sec = append(sec, false)
	}
	out := make([]child, len(pts))
	for k, pt := range pts {
		signs := make([]int, len(facs))
		for fi := range signs {
			signs[fi] = 2 // unknown
		}
		for _, fi := range zeros[k] {
			signs[fi] = 0
		}
		for fi := range facs {
			if zeroAll[fi] {
				signs[fi] = 0
			}
		}
		sp := append(slices.Clip(s), pt)
		fill := func() error {
			for fi, f := range facs {
				if signs[fi] != 2 {
					continue
				}
				if slices.ContainsFunc(other[fi], func(r *poly.RealAlg) bool { return r.Cmp(pt) == 0 }) {
					signs[fi] = 0
					continue
				}
				sg, err := c.nonzeroSign(f, sp)
				if err != nil {
					return err
				}
				signs[fi] = sg
			}
			return nil
		}
		out[k] = child{pt: pt, section: sec[k], signs: signs, fill: fill}
	}
	return out, nil
}

// complete computes the signs of k left to be found (stack defers them:
// a truth evaluation that stops at the first deciding cell never needs
// the signs on the cells after it).
func (k *child) complete() error {
	if k.fill == nil {
		return nil
	}
	err := k.fill()
	k.fill = nil
	return err
}

// rationalPointSign is the exact sign of the polynomial (terms over vars)
// at s when every coordinate it uses is rational; ok is false otherwise.
func rationalPointSign(terms []poly.Term, vars []int, s []*poly.RealAlg) (sign int, ok bool) {
	rats := make([]*big.Rat, len(s))
	for _, v := range vars {
		r, ok := s[v].IsRational()
		if !ok {
			return 0, false
		}
		rats[v] = r
	}
	for i := range rats {
		if rats[i] == nil {
			rats[i] = new(big.Rat)
		}
	}
	return ratSign(terms, vars, rats), true
}

// exactSign returns the sign of p at s, which may be zero: interval
// evaluation first, then poly.SignAt.
func (c *cad) exactSign(p *poly.Poly, s []*poly.RealAlg) (int, error) {
	terms, vars := c.termsOf(p)
	if sg, ok := rationalPointSign(terms, vars, s); ok {
		return sg, nil
	}
	for bits := uint(16); bits <= 128; bits *= 2 {
		box := make([][2]*big.Rat, len(s))
		for _, v := range vars {
			lo, hi := s[v].Interval()
			box[v] = [2]*big.Rat{lo, hi}
		}
		if sg := intervalSignPrec(terms, vars, box, 2*bits+128); sg != 0 {
			return sg, nil
		}
		for _, v := range vars {
			if err := c.refine(s[v], bits); err != nil {
				return 0, err
			}
		}
	}
	return c.sign(p, s)
}

// nonzeroSign returns the sign of p at the point s, where p is known not to
// vanish, by exact interval evaluation on the coordinates' brackets,
// refined until the interval excludes 0 (which must happen).
func (c *cad) nonzeroSign(p *poly.Poly, s []*poly.RealAlg) (int, error) {
	terms, vars := c.termsOf(p)
	if sg, ok := rationalPointSign(terms, vars, s); ok {
		return sg, nil
	}
	for bits := uint(16); ; bits *= 2 {
		if err := c.ctx.Err(); err != nil {
			return 0, fmt.Errorf("semialg: CAD lifting: %w", err)
		}
		box := make([][2]*big.Rat, len(s))
		for _, v := range vars {
			lo, hi := s[v].Interval()
			box[v] = [2]*big.Rat{lo, hi}
		}
		if sg := intervalSignPrec(terms, vars, box, 2*bits+128); sg != 0 {
			return sg, nil
		}
		if bits > 1<<20 {
			// The value is known to be non-zero, so this cannot happen
			// unless that knowledge was wrong: fall back to the exact test.
			return c.sign(p, s)
		}
		for _, v := range vars {
			if err := c.refine(s[v], bits); err != nil {
				return 0, err
			}
		}
	}
}

// simplestBelow returns an integer < x (x ≤ lo of a root bracket, so it is
// below the root): floor(x) − 1, or floor(x) when x is not an integer.
func simplestBelow(x *big.Rat) *big.Rat {
	f := new(big.Int).Div(x.Num(), x.Denom()) // floor (Euclidean division, denominator > 0)
	r := new(big.Rat).SetInt(f)
	if r.Cmp(x) == 0 {
		r.Sub(r, big.NewRat(1, 1))
	}
	return r
}

func simplestAbove(x *big.Rat) *big.Rat {
	f := new(big.Int).Div(x.Num(), x.Denom())
	return new(big.Rat).SetInt(f.Add(f, big.NewInt(1)))
}

// between returns a simple rational strictly between the distinct real
// algebraic numbers a < b.
func (c *cad) between(a, b *poly.RealAlg) (*big.Rat, error) {
	for bits := uint(4); ; bits += 8 {
		_, ahi := a.Interval()
		blo, _ := b.Interval()
		if ahi.Cmp(blo) <= 0 {
			// Prefer an integer, then the midpoint.
			cand := []*big.Rat{simplestAbove(ahi), new(big.Rat).Mul(new(big.Rat).Add(ahi, blo), big.NewRat(1, 2))}
			if ai, ok := a.IsRational(); ok {
				cand = append(cand, new(big.Rat).Add(ai, new(big.Rat).Quo(new(big.Rat).Sub(blo, ai), big.NewRat(2, 1))))
			}
			for _, m := range cand {
				if a.CmpRat(m) < 0 && b.CmpRat(m) > 0 {
					return m, nil
				}
			}
		}
		if err := c.refine(a, bits); err != nil {
			return nil, err
		}
		if err := c.refine(b, bits); err != nil {
			return nil, err
		}
		if bits > 1<<16 {
			return nil, fmt.Errorf("semialg: internal error: cannot separate %v and %v", a, b)
		}
	}
}

// atomSign returns the sign of an atom polynomial from the signs of its
// square-free factors on the cell (signs[j][i] is the sign of proj[j][i]).
func (c *cad) atomSign(p *poly.Poly, signs [][]int) int {
	if p.IsConst() {
		if p.IsZero() {
			return 0
		}
		return p.LeadCoeff().Sign()
	}
	sg := p.LeadCoeff().Sign()
	for _, af := range c.atomFac[p] {
		f := signs[af.level][af.idx]
		if f == 0 {
			return 0
		}
		if af.mult%2 == 1 {
			sg *= f
		}
	}
	return sg
}

// eval3 evaluates the matrix three-valued on a cell of level len(signs):
// atoms whose polynomial has a variable beyond the cell are unknown.
func (c *cad) eval3(f *Formula, signs [][]int) (val, known bool, err error) {
	switch f.op {
	case OpTrue:
		return true, true, nil
	case OpFalse:
		return false, true, nil
	case OpAtom:
		if level0(f.p) >= len(signs) {
			return false, false, nil
		}
		return f.rel.Holds(c.atomSign(f.p, signs)), true, nil
	case OpNot:
		v, k, err := c.eval3(f.args[0], signs)
		return !v, k, err
	case OpAnd, OpOr:
		want := f.op == OpOr
		allKnown := true
		for _, a := range f.args {
			v, k, err := c.eval3(a, signs)
			if err != nil {
				return false, false, err
			}
			if k && v == want {
				return want, true, nil
			}
			allKnown = allKnown && k
		}
		return !want, allKnown, nil
	case OpImplies:
		a, ka, err := c.eval3(f.args[0], signs)
		if err != nil {
			return false, false, err
		}
		if ka && !a {
			return true, true, nil
		}
		b, kb, err := c.eval3(f.args[1], signs)
		if err != nil {
			return false, false, err
		}
		if kb && b {
			return true, true, nil
		}
		return false, ka && kb, nil
	case OpIff:
		a, ka, err := c.eval3(f.args[0], signs)
		if err != nil || !ka {
			return false, false, err
		}
		b, kb, err := c.eval3(f.args[1], signs)
		return a == b, kb, err
	}
	return false, false, fmt.Errorf("%w: %v in a CAD matrix", ErrNotSupported, f.op)
}

// truth returns the truth value of the quantified part over the cell with
// sample s (len(s) ≥ free) and factor signs signs.
func (c *cad) truth(s []*poly.RealAlg, signs [][]int, dim int) (bool, error) {
	if err := c.ctx.Err(); err != nil {
		return false, fmt.Errorf("semialg: CAD lifting: %w", err)
	}
	c.cells++
	if c.cells > c.lim.MaxCells {
		return false, fmt.Errorf("%w: more than %d cells", ErrLimit, c.lim.MaxCells)
	}
	v, known, err := c.eval3(c.matrix, signs)
	if err != nil {
		return false, err
	}
	if known {
		return v, nil
	}
	if len(s) >= c.n {
		return false, fmt.Errorf("semialg: internal error: matrix undetermined at a full sample point")
	}
	kids, err := c.stack(s, signs, dim)
	if err != nil {
		return false, err
	}
	ex := c.quant[len(s)] == OpEx
	for _, k := range kids {
		if err := k.complete(); err != nil {
			return false, err
		}
		cs := append(slices.Clip(s), k.pt)
		t, err := c.truth(cs, append(slices.Clip(signs), k.signs), childDim(dim, k))
		if err != nil {
			return false, err
		}
		if t == ex {
			if ex && c.witness == nil && len(s) < c.exBlock {
				c.witness = cs // the deepest true cell of the leading ∃ block
			}
			return ex, nil
		}
	}
	return !ex, nil
}

// childDim is the dimension of the child cell k of a stack over a cell of
// dimension dim: sectors add one.
func childDim(dim int, k child) int {
	if k.section {
		return dim
	}
	return dim + 1
}

// freeCells enumerates the cells of the free space (levels 0 … free−1).
func (c *cad) freeCells(s []*poly.RealAlg, signs [][]int, dim int, fn func(s []*poly.RealAlg, signs [][]int, dim int) error) error {
	if len(s) == c.free {
		return fn(s, signs, dim)
	}
	kids, err := c.stack(s, signs, dim)
	if err != nil {
		return err
	}
	for _, k := range kids {
		if err := k.complete(); err != nil {
			return err
		}
		if err := c.freeCells(append(slices.Clip(s), k.pt), append(slices.Clip(signs), k.signs), childDim(dim, k), fn); err != nil {
			return err
		}
	}
	return nil
}

// solutionFormula builds a quantifier-free formula in the CAD ring for the
// free-variable part (see the file comment).
func (c *cad) solutionFormula() (*Formula, error) {
	var facs []*poly.Poly
	var at [][2]int
	for j := 0; j < c.free; j++ {
		facs = append(facs, c.proj[j]...)
		for i := range c.proj[j] {
			at = append(at, [2]int{j, i})
		}
	}
	type cellSig struct {
		sig   []Rel
		truth bool
	}
	var cells []cellSig
	seenSig := map[string]bool{} // signature → truth, to stop at the first conflict
	err := c.freeCells(nil, nil, 0, func(s []*poly.RealAlg, signs [][]int, dim int) error {
		t, err := c.truth(s, signs, dim)
		if err != nil {
			return err
		}
		sig := make([]Rel, len(facs))
		for i := range facs {
			sig[i] = signBit(signs[at[i][0]][at[i][1]])
		}
		key := fmt.Sprint(sig)
		if v, ok := seenSig[key]; ok && v != t {
			return errNoSeparation // no need to lift the remaining cells
		}
		seenSig[key] = t
		cells = append(cells, cellSig{sig, t})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Factor elimination: drop factors (most complex first) as long as the
	// remaining ones still separate true from false cells.
	keep := make([]bool, len(facs))
	for i := range keep {
		keep[i] = true
	}
	order := make([]int, len(facs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		la, lb := level0(facs[a]), level0(facs[b])
		if la != lb {
			return lb - la
		}
		return facs[b].TotalDegree()*1000 + facs[b].NumTerms() - facs[a].TotalDegree()*1000 - facs[a].NumTerms()
	})
	separates := func() bool {
		truthOf := map[string]bool{}
		for _, cl := range cells {
			var b strings.Builder
			for i, r := range cl.sig {
				if keep[i] {
					b.WriteByte('0' + byte(r))
				}
			}
			k := b.String()
			if t, ok := truthOf[k]; ok && t != cl.truth {
				return false
			}
			truthOf[k] = cl.truth
		}
		return true
	}
	if !separates() {
		return nil, errNoSeparation
	}
	for _, i := range order {
		keep[i] = false
		if !separates() {
			keep[i] = true
		}
	}
	for k := range cells {
		for i := range keep {
			if !keep[i] {
				cells[k].sig[i] = RelTrue
			}
		}
	}
	covers := func(term []Rel, sig []Rel) bool {
		for i := range term {
			if term[i]&sig[i] == 0 {
				return false
			}
		}
		return true
	}
	excludesFalse := func(term []Rel) bool {
		for _, cl := range cells {
			if !cl.truth && covers(term, cl.sig) {
				return false
			}
		}
		return true
	}
	var terms [][]Rel
	seen := map[string]bool{}
	for _, cl := range cells {
		if !cl.truth {
			continue
		}
		if !excludesFalse(cl.sig) {
			return nil, errNoSeparation
		}
		k := fmt.Sprint(cl.sig)
		if !seen[k] {
			seen[k] = true
			terms = append(terms, slices.Clone(cl.sig))
		}
	}
	// Widen each term greedily while it excludes every false cell.
	for _, t := range terms {
		for i := range t {
			orig := t[i]
			for _, r := range widenings(orig) {
				t[i] = r
				if excludesFalse(t) {
					break
				}
				t[i] = orig
			}
		}
	}
	// Drop terms covered by another term.
	var kept [][]Rel
	for a, t := range terms {
		covered := false
		for b, u := range terms {
			if a == b {
				continue
			}
			sub := true
			for i := range t {
				if t[i]&^u[i] != 0 {
					sub = false
					break
				}
			}
			if sub && (!slices.Equal(t, u) || b < a) {
				covered = true
				break
			}
		}
		if !covered {
			kept = append(kept, t)
		}
	}
	var disj []*Formula
	for _, t := range kept {
		var conj []*Formula
		for i, r := range t {
			if r != RelTrue {
				conj = append(conj, Atom(facs[i], r))
			}
		}
		disj = append(disj, And(conj...))
	}
	return Simplify(Or(disj...)), nil
}

// widenings lists the relaxations of a single sign, most general first.
func widenings(r Rel) []Rel {
	switch r {
	case LT:
		return []Rel{RelTrue, LE, NE}
	case EQ:
		return []Rel{RelTrue, LE, GE}
	case GT:
		return []Rel{RelTrue, GE, NE}
	}
	return []Rel{RelTrue}
}

// String of an Op, for messages.
func (o Op) String() string {
	names := []string{"true", "false", "atom", "rank", "not", "and", "or", "implies", "iff", "ex", "all"}
	if int(o) < len(names) {
		return names[o]
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// evalRatTerms evaluates terms at a rational point.
func evalRatTerms(terms []poly.Term, x []*big.Rat) *big.Rat {
	sum := new(big.Rat)
	for _, t := range terms {
		v := new(big.Rat).Set(t.Coef)
		for i, e := range t.Mon {
			if e > 0 {
				v.Mul(v, ratPow(x[i], e))
			}
		}
		sum.Add(sum, v)
	}
	return sum
}
