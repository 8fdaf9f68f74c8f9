package semialg

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/relucad/relucad/poly"
)

// Set is a semialgebraic subset of R^k: the points (x_{v_1}, …, x_{v_k}) of
// the ring variables Vars() that satisfy Formula(). Every other variable of
// the formula must be bound in it. Sets are immutable.
type Set struct {
	ring *poly.Ring
	vars []int
	f    *Formula
}

// NewSet returns the set {x_vars : f}. The free variables of f must be among
// vars (distinct indices of R).
func NewSet(R *poly.Ring, vars []int, f *Formula) (*Set, error) {
	if f.ring != nil && !f.ring.Same(R) {
		return nil, fmt.Errorf("semialg: NewSet: formula ring %v differs from %v", f.ring.VarNames(), R.VarNames())
	}
	seen := map[int]bool{}
	for _, v := range vars {
		if v < 0 || v >= R.NumVars() || seen[v] {
			return nil, fmt.Errorf("semialg: NewSet: bad or repeated variable index %d", v)
		}
		seen[v] = true
	}
	for _, v := range f.FreeVars() {
		if !seen[v] {
			return nil, fmt.Errorf("semialg: NewSet: free variable %s is not a coordinate of the set", R.VarNames()[v])
		}
	}
	return &Set{ring: R, vars: slices.Clone(vars), f: f}, nil
}

// Ring returns the ring of the set's formula.
func (S *Set) Ring() *poly.Ring { return S.ring }

// Vars returns the coordinates of the set (ring variable indices).
func (S *Set) Vars() []int { return slices.Clone(S.vars) }

// Formula returns the defining formula.
func (S *Set) Formula() *Formula { return S.f }

// String prints the set as "{ (x, y) : formula }".
func (S *Set) String() string {
	return "{ (" + strings.Join(varNames(S.ring, S.vars), ", ") + ") : " + S.f.String() + " }"
}

func (S *Set) same(T *Set) {
	if !S.ring.Same(T.ring) || !slices.Equal(S.vars, T.vars) {
		panic(Error{"semialg: sets with different rings or coordinates"})
	}
}

// Union returns S ∪ T (same ring and coordinates, else it panics).
func (S *Set) Union(T *Set) *Set {
	S.same(T)
	return &Set{S.ring, S.vars, Or(S.f, T.f)}
}

// Intersect returns S ∩ T.
func (S *Set) Intersect(T *Set) *Set {
	S.same(T)
	return &Set{S.ring, S.vars, And(S.f, T.f)}
}

// Complement returns R^k \ S.
func (S *Set) Complement() *Set { return &Set{S.ring, S.vars, Not(S.f)} }

// substituteRat replaces variables by rational values in every atom.
func substituteRat(f *Formula, rats []*big.Rat) *Formula {
	switch f.op {
	case OpTrue, OpFalse:
		return f
	case OpAtom:
		return Atom(substRat(f.p, rats), f.rel)
	case OpRank:
		m := f.Matrix()
		for i := range m {
			for j := range m[i] {
				m[i][j] = substRat(m[i][j], rats)
			}
		}
		return RankLE(m, f.bound)
	}
	g := *f
	g.args = make([]*Formula, len(f.args))
	for i, a := range f.args {
		g.args[i] = substituteRat(a, rats)
	}
	return &g
}

// Contains reports whether the rational point x (one value per coordinate)
// lies in S, exactly: quantifier-free formulas are evaluated, others decided
// after substitution.
func (S *Set) Contains(ctx context.Context, x []*big.Rat) (bool, error) {
	if len(x) != len(S.vars) {
		return false, fmt.Errorf("semialg: Contains: %d values for a set in R^%d", len(x), len(S.vars))
	}
	rats := make([]*big.Rat, S.ring.NumVars())
	for i, v := range S.vars {
		rats[v] = x[i]
	}
	g := substituteRat(S.f, rats)
	if g.IsQuantifierFree() {
		pt := make([]*big.Rat, S.ring.NumVars())
		for i := range pt {
			pt[i] = new(big.Rat)
		}
		return g.Eval(pt)
	}
	return Decide(ctx, Simplify(g))
}

// ContainsAlg reports whether the point x with real algebraic coordinates
// lies in S. Only quantifier-free descriptions are supported (use Describe
// first); otherwise the error wraps ErrNotSupported.
func (S *Set) ContainsAlg(ctx context.Context, x []*poly.RealAlg) (bool, error) {
	if len(x) != len(S.vars) {
		return false, fmt.Errorf("semialg: ContainsAlg: %d values for a set in R^%d", len(x), len(S.vars))
	}
	if !S.f.IsQuantifierFree() {
		return false, fmt.Errorf("%w: membership of an algebraic point in a quantified description (call Describe first)", ErrNotSupported)
	}
	pt := make([]*poly.RealAlg, S.ring.NumVars())
	for i, v := range S.vars {
		pt[v] = x[i]
	}
	return S.f.EvalAlg(ctx, pt)
}

// Sample returns a point of S (values for the coordinates), or ok = false
// when S is empty.
func (S *Set) Sample(ctx context.Context) (point []*poly.RealAlg, ok bool, err error) {
	if S.f.ring == nil {
		v, err := S.f.evalWith(nil, nil)
		if err != nil || !v {
			return nil, false, err
		}
		point = make([]*poly.RealAlg, len(S.vars))
		for i := range point {
			point[i] = poly.RealAlgFromRat(new(big.Rat))
		}
		return point, true, nil
	}
	t, pt, err := Witness(ctx, Ex(S.ring, S.vars, S.f))
	if err != nil || !t {
		return nil, false, err
	}
	point = make([]*poly.RealAlg, len(S.vars))
	for i, v := range S.vars {
		point[i] = pt[v]
	}
	return point, true, nil
}

// IsEmpty reports whether S is empty.
func (S *Set) IsEmpty(ctx context.Context) (bool, error) {
	_, ok, err := S.Sample(ctx)
	return !ok, err
}

// Describe returns S with a quantifier-free formula (QE).
func (S *Set) Describe(ctx context.Context) (*Set, error) {
	g, err := QE(ctx, S.f)
	if err != nil {
		return nil, err
	}
	return &Set{S.ring, S.vars, g}, nil
}

// Project returns the projection of S onto the coordinates keep (a subset
// of Vars, in the order given): ∃ (the other coordinates) S. The result is
// quantified; call Describe for a quantifier-free description.
func (S *Set) Project(keep []int) (*Set, error) {
	var drop []int
	for _, v := range S.vars {
		if !slices.Contains(keep, v) {
			drop = append(drop, v)
		}
	}
	for _, v := range keep {
		if !slices.Contains(S.vars, v) {
			return nil, fmt.Errorf("semialg: Project: %s is not a coordinate of the set", S.ring.VarNames()[v])
		}
	}
	return &Set{S.ring, slices.Clone(keep), Ex(S.ring, drop, S.f)}, nil
}

// closureRing returns a ring with the variables of R followed by one copy
// y of each coordinate and an ε, with fresh names, and the indices of the
// copies and of ε.
func (S *Set) closureRing() (*poly.Ring, []int, int, error) {
	names := S.ring.VarNames()
	used := map[string]bool{}
	for _, n := range names {
		used[n] = true
	}
	fresh := func(base string) string {
		n := base
		for k := 1; used[n]; k++ {
			n = fmt.Sprintf("%s_%d", base, k)
		}
		used[n] = true
		return n
	}
	var ys []int
	for _, v := range S.vars {
		ys = append(ys, len(names))
		names = append(names, fresh(names[v]+"_y"))
	}
	eps := len(names)
	names = append(names, fresh("eps"))
	T, err := poly.NewRing(names, DefaultOrder)
	return T, ys, eps, err
}

// renameFormula maps f (over S.ring) into T, sending coordinate vars[i] to
// ys[i] and every other variable to the same index.
func renameFormula(f *Formula, T *poly.Ring, vars, ys []int) *Formula {
	perm := make([]int, f.ring.NumVars())
	for i := range perm {
		perm[i] = i
	}
	for i, v := range vars {
		perm[v] = ys[i]
	}
	rp := func(p *poly.Poly) *poly.Poly {
		var ts []poly.Term
		for _, t := range p.Terms() {
			m := make(poly.Monomial, T.NumVars())
			for v, e := range t.Mon {
				m[perm[v]] += e
			}
			ts = append(ts, poly.Term{Mon: m, Coef: t.Coef})
		}
		return T.NewPoly(ts)
	}
	var rec func(g *Formula) *Formula
	rec = func(g *Formula) *Formula {
		switch g.op {
		case OpTrue, OpFalse:
			return g
		case OpAtom:
			return Atom(rp(g.p), g.rel)
		case OpRank:
			m := g.Matrix()
			for i := range m {
				for j := range m[i] {
					m[i][j] = rp(m[i][j])
				}
			}
			return RankLE(m, g.bound)
		}
		h := &Formula{op: g.op, ring: T}
		for _, a := range g.args {
			h.args = append(h.args, rec(a))
		}
		for _, v := range g.vars {
			h.vars = append(h.vars, perm[v])
		}
		return h
	}
	return rec(f)
}

// Closure returns the closure of S as a formula over a larger ring (the
// set's ring plus fresh variables):
//
//	cl(S) = { x : ∀ε ∃y [ ε > 0 ⇒ (φ(y) ∧ Σ (x_i − y_i)² < ε) ] }.
func (S *Set) Closure() (*Set, error) {
	T, ys, eps, err := S.closureRing()
	if err != nil {
		return nil, err
	}
	body := S.closureBody(T, ys, eps)
	f := All(T, []int{eps}, Ex(T, ys, body))
	return &Set{T, S.vars, f}, nil
}

func (S *Set) closureBody(T *poly.Ring, ys []int, eps int) *Formula {
	dist := T.Zero()
	for i, v := range S.vars {
		d := T.Var(v).Sub(T.Var(ys[i]))
		dist = dist.Add(d.Mul(d))
	}
	e := T.Var(eps)
	return Implies(Atom(e, GT), And(renameFormula(S.f, T, S.vars, ys), Compare(dist, LT, e)))
}

// IsClosed decides whether S is closed. When it is not, it returns a point
// of cl(S) \ S. The description must be quantifier-free (call Describe
// first); the decision is the sentence
//
//	∃x ∀ε ∃y [ ¬φ(x) ∧ (ε > 0 ⇒ φ(y) ∧ Σ (x_i − y_i)² < ε) ],
//
// whose witness x is the point returned.
func (S *Set) IsClosed(ctx context.Context) (closed bool, gap []*poly.RealAlg, err error) {
	if !S.f.IsQuantifierFree() {
		return false, nil, fmt.Errorf("%w: IsClosed needs a quantifier-free description (call Describe first)", ErrNotSupported)
	}
	if S.f.ring == nil {
		return true, nil, nil
	}
	T, ys, eps, err := S.closureRing()
	if err != nil {
		return false, nil, err
	}
	phiX, err := mapRing(S.f, T)
	if err != nil {
		return false, nil, err
	}
	body := And(Not(phiX), S.closureBody(T, ys, eps))
	sentence := Ex(T, S.vars, All(T, []int{eps}, Ex(T, ys, body)))
	t, pt, err := Witness(ctx, sentence)
	if err != nil {
		return false, nil, err
	}
	if !t {
		return true, nil, nil
	}
	gap = make([]*poly.RealAlg, len(S.vars))
	for i, v := range S.vars {
		gap[i] = pt[v]
	}
	return false, gap, nil
}
