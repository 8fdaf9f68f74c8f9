package semialg

// CAD projection operators: McCallum's (the default), Hong's improvement of
// Collins' (the fallback), and McCallum's restricted projection for an
// equational constraint.
//
// McCallum (1988, 1998). For a square-free basis A of level j (pairwise
// coprime, square-free, primitive in x_j — what insert maintains),
//
//	P(A) = { coefficients of f in x_j : f ∈ A }
//	     ∪ { disc_{x_j}(f) : f ∈ A, deg f ≥ 2 }
//	     ∪ { res_{x_j}(f, g) : f ≠ g ∈ A },
//
// where the coefficients are taken from the leading one down and stop at
// the first non-zero constant: below it nothing can change the degree of f
// (the constant never vanishes) and f can never vanish identically.
// McCallum's theorem: let S ⊂ R^j be a connected submanifold (a cell) on
// which every element of P(A) is order-invariant. If no f ∈ A vanishes
// identically on S (f is not nullified on S), every f ∈ A is delineable on
// S and order-invariant in each section over S. By induction from the base
// phase (cells of R^1 are order-invariant for everything), the CAD is
// order-invariant for all projection factors — provided no factor is
// nullified on a cell of positive dimension. A set with that property is
// well oriented; it cannot be known before lifting, so the check is made
// while lifting: a factor with f(s, x_j) ≡ 0 at the sample s of a cell of
// positive dimension means the CAD may be wrong, and the computation stops
// with errNotWellOriented. The caller then starts again with Hong's
// operator (Limits.Projection = ProjectionAuto), which needs no condition,
// and records why in Stats.
//
// Nullification on a 0-cell (a point s) is harmless for sign-invariance
// (every factor has finitely many roots over a point or vanishes on the
// whole line), but the cells above it must still be order-invariant for
// the next level. A delineating polynomial restores that (McCallum 1998,
// §5): let k be the least order such that some partial derivative
// d = ∂^α f, |α| = k, in x_0 … x_{j-1} does not vanish identically on the
// line L = {s} × R. All partial derivatives of lower order vanish on L (a
// derivative in x_j of a polynomial vanishing on L vanishes on L), so the
// order of f is ≥ k on L and exactly k where d ≠ 0; adding the roots of
// d(s, x_j) as extra sections makes the order of f constant on every
// sector, and sections are points.
//
// Equational constraints (McCallum 1999). Suppose the quantifier-free
// matrix is constant wherever e ≠ 0 for a polynomial e containing the top
// variable x_{n−1} (a bound one): e = 0 is a conjunct of the matrix (it is
// false there), or dually e ≠ 0 is a disjunct, or e = 0 is a conjunct of an
// implication's premise (also of nested implications A ⇒ (B ⇒ φ)), as in
// ∀x [e = 0 ⇒ φ] (it is true there), and e
// is primitive in x_{n−1} (a content c of lower level would make the
// constraint void over the cells where c = 0). Let E be the basis elements
// of level n−1 dividing e. The first projection step
// may use the restricted projection
//
//	P_E(A) = P(E) ∪ { res_{x_{n−1}}(f, g) : f ∈ E, g ∈ A \ E },
//
// dropping the coefficients and discriminants of the other factors and
// their resultants with each other. McCallum's theorem (1999, Thm 2.2): if
// f ∈ E is degree-invariant and not nullified on S and res(f, g) is
// order-invariant in S, then g is sign-invariant in every section of f
// over S. So only the sections of the elements of E matter at the top
// level: only their roots are lifted, and the other factors' signs there
// are exact (they are invariant on those sections); on the sectors the
// matrix has its constant value whatever the other signs are.
// Nullification of an element of E on a positive-dimensional cell is again
// a fallback; on a 0-cell all factors are delineated over the point (the
// top level needs sign-invariance only). The restricted projection is used
// only with McCallum's operator below it (the theorem needs
// order-invariance) and only when the top level is bound (solution
// formulas need the free levels' factors sign-invariant on every cell).
//
// Hong (1990) is the operator of the fallback; see project in cad.go's
// essay.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/relucad/relucad/poly"
)

// Projection selects the projection operator of the CAD.
type Projection int

const (
	// ProjectionAuto uses McCallum's operator (with an equational
	// constraint where one applies) and starts again with Hong's when the
	// projection set turns out not to be well oriented, or when McCallum's
	// smaller factor set cannot express a QE answer.
	ProjectionAuto Projection = iota
	// ProjectionHong forces Hong's improvement of Collins' operator (always
	// valid, larger), e.g. for differential testing.
	ProjectionHong
	// ProjectionMcCallum forces McCallum's operator: where it is not
	// valid the call fails with an error wrapping ErrNotSupported instead
	// of falling back.
	ProjectionMcCallum
)

// String returns "auto", "hong" or "mccallum".
func (p Projection) String() string {
	switch p {
	case ProjectionAuto:
		return "auto"
	case ProjectionHong:
		return "hong"
	case ProjectionMcCallum:
		return "mccallum"
	}
	return fmt.Sprintf("Projection(%d)", int(p))
}

// Stats records what the CADs of one call did. Pass a pointer in
// Limits.Stats to receive it; calls add to it (linear elimination may run
// several CADs for one QE call).
type Stats struct {
	CADs       int      // CADs built (a fallback builds two)
	McCallum   int      // CADs with McCallum's operator
	Hong       int      // CADs with Hong's operator
	Equational int      // CADs with an equational constraint at the top level
	Fallbacks  []string // why McCallum's CAD was abandoned, one entry per fallback
	Delineated int      // nullifications on 0-cells handled by a delineating polynomial
	Factors    int      // projection factors of the last CAD
	Cells      int      // cells lifted by all CADs
	Operator   string   // operator of the last CAD that answered: "hong" or "mccallum" ("+hong-at-free", "+ec"), then "+derivatives" if added
}

// String summarizes the statistics in one line.
func (s *Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "operator %s; %d CADs (%d McCallum, %d with an equational constraint, %d Hong); %d factors in the last; %d cells; %d delineating polynomials",
		s.Operator, s.CADs, s.McCallum, s.Equational, s.Hong, s.Factors, s.Cells, s.Delineated)
	for _, f := range s.Fallbacks {
		fmt.Fprintf(&b, "; fallback: %s", f)
	}
	return b.String()
}

// errNotWellOriented is wrapped by lifting errors that invalidate
// McCallum's projection (nullification on a cell of positive dimension).
var errNotWellOriented = fmt.Errorf("%w: McCallum's projection is not valid here (not well oriented)", ErrNotSupported)

// errNoSeparation is wrapped when the projection factors of the free
// levels do not separate true and false cells.
var errNoSeparation = fmt.Errorf("%w: the projection factors do not separate true and false cells (solution formula needs derivatives)", ErrNotSupported)

// withCAD builds the CAD of f with the operator lim.Projection asks for and
// runs body on it. With ProjectionAuto (and ProjectionMcCallum) a McCallum
// CAD whose free-level factors cannot express the answer is built again
// with Hong's polynomials added at the first bound level (still a valid
// McCallum projection: a superset of McCallum's set, projected by McCallum
// below); with ProjectionAuto a McCallum CAD that is not well oriented, or
// still cannot express the answer, is replaced by a Hong CAD.
func withCAD(ctx context.Context, f *Formula, lim Limits, body func(c *cad) error) error {
	st := lim.Stats
	hasBound := false // the CAD has a bound level (else Hong at the first bound level changes nothing)
	shared := &liftShared{}
	run := func(ctx context.Context, m cadMode) error {
		m.shared = shared
		c, err := newCAD(ctx, f, lim, m)
		if c != nil {
			hasBound = c.free < c.n
		}
		if err == nil {
			err = body(c)
		}
		if st != nil && c != nil {
			st.CADs++
			if c.mc {
				st.McCallum++
			} else {
				st.Hong++
			}
			if c.ec != nil {
				st.Equational++
			}
			st.Factors = len(c.keys)
			st.Cells += c.cells
			st.Delineated += c.delineated
			if err == nil {
				st.Operator = c.operator()
			}
		}
		if err != nil && st != nil && c != nil && m.mc && (errors.Is(err, errNotWellOriented) || errors.Is(err, errNoSeparation)) {
			st.Fallbacks = append(st.Fallbacks, c.operator()+": "+err.Error())
		}
		return err
	}
	start := time.Now()
	// derivatives makes a last attempt when the factors do not separate
	// true and false cells: the CAD with the free levels' derivatives added,
	// within twice the time spent so far (at least a second); if that does
	// not answer in time, the original error stands.
	derivatives := func(err error) error {
		if !errors.Is(err, errNoSeparation) {
			return err
		}
		sub, cancel := context.WithTimeout(ctx, max(2*time.Since(start), time.Second))
		defer cancel()
		e := run(sub, cadMode{mc: lim.Projection != ProjectionHong, derivs: true})
		if errors.Is(e, errNotWellOriented) && lim.Projection == ProjectionAuto {
			e = run(sub, cadMode{derivs: true})
		}
		if e == nil || ctx.Err() != nil {
			return e
		}
		return err
	}
	if lim.Projection == ProjectionHong {
		return derivatives(run(ctx, cadMode{}))
	}
	err := run(ctx, cadMode{mc: true})
	if errors.Is(err, errNoSeparation) && hasBound {
		err = run(ctx, cadMode{mc: true, aug: true})
	}
	if err == nil || lim.Projection == ProjectionMcCallum || !(errors.Is(err, errNotWellOriented) || errors.Is(err, errNoSeparation)) {
		return derivatives(err)
	}
	return derivatives(run(ctx, cadMode{}))
}

// operator names the projection of c for Stats.
func (c *cad) operator() string {
	name := "hong"
	if c.mc {
		name = "mccallum"
		if c.aug {
			name += "+hong-at-free"
		}
		if c.ec != nil {
			name += "+ec"
		}
	}
	if c.derivs {
		name += "+derivatives"
	}
	return name
}

// project adds the projection of level j to the lower levels.
func (c *cad) project(j int) error {
	if !c.mc || c.aug && j == c.free {
		return c.projectHong(j)
	}
	if j == c.n-1 && c.ec != nil {
		return c.projectEC(j)
	}
	return c.projectMcCallum(j)
}

// addAll adds the factors of every p, checking the context first.
func (c *cad) addAll(ps ...*poly.Poly) error {
	if err := c.ctx.Err(); err != nil {
		return fmt.Errorf("semialg: CAD projection: %w", err)
	}
	for _, p := range ps {
		if err := c.add(p); err != nil {
			return err
		}
	}
	return nil
}

// mcCoeffs returns the coefficients of f in x_j from the leading one down,
// stopping at the first non-zero constant (it is not returned: it adds no
// factor).
func mcCoeffs(f *poly.Poly, j int) []*poly.Poly {
	cs := coeffsIn(f, j)
	var out []*poly.Poly
	for k := len(cs) - 1; k >= 0; k-- {
		if cs[k].IsZero() {
			continue
		}
		if cs[k].IsConst() {
			break
		}
		out = append(out, cs[k])
	}
	return out
}

// mcSelf adds the coefficients and the discriminant of f (McCallum).
func (c *cad) mcSelf(f *poly.Poly, j int) error {
	if err := c.addAll(mcCoeffs(f, j)...); err != nil {
		return err
	}
	if f.Degree(j) >= 2 {
		d, err := poly.DiscriminantCtx(c.ctx, f, j)
		if err != nil {
			return fmt.Errorf("semialg: CAD projection: %w", err)
		}
		return c.addAll(d)
	}
	return nil
}

// mcRes adds res_{x_j}(f, g).
func (c *cad) mcRes(f, g *poly.Poly, j int) error {
	r, err := poly.ResultantCtx(c.ctx, f, g, j)
	if err != nil {
		return fmt.Errorf("semialg: CAD projection: %w", err)
	}
	return c.addAll(r)
}

// projectMcCallum adds McCallum's projection P(A) of level j.
func (c *cad) projectMcCallum(j int) error {
	A := slices.Clone(c.proj[j])
	for _, f := range A {
		if err := c.mcSelf(f, j); err != nil {
			return err
		}
	}
	for a := range A {
		for b := a + 1; b < len(A); b++ {
			if err := c.mcRes(A[a], A[b], j); err != nil {
				return err
			}
		}
	}
	return nil
}

// projectEC adds the restricted projection P_E(A) of the top level.
func (c *cad) projectEC(j int) error {
	A := slices.Clone(c.proj[j])
	var E, rest []*poly.Poly
	for i, f := range A {
		if c.ecFac[i] {
			E = append(E, f)
		} else {
			rest = append(rest, f)
		}
	}
	for a, f := range E {
		if err := c.mcSelf(f, j); err != nil {
			return err
		}
		for _, g := range E[a+1:] {
			if err := c.mcRes(f, g, j); err != nil {
				return err
			}
		}
		for _, g := range rest {
			if err := c.mcRes(f, g, j); err != nil {
				return err
			}
		}
	}
	return nil
}

// projectHong adds Hong's projection of level j (see cad.go).
func (c *cad) projectHong(j int) error {
	A := slices.Clone(c.proj[j])
	for _, f := range A {
		if err := c.ctx.Err(); err != nil {
			return fmt.Errorf("semialg: CAD projection: %w", err)
		}
		// The leading coefficients of the reducta, down to the first
		// non-zero constant (or the trailing coefficient): McCallum's
		// coefficient set.
		if err := c.addAll(mcCoeffs(f, j)...); err != nil {
			return err
		}
		for _, r := range reducta(f, j) {
			if r.Degree(j) >= 2 {
				if err := c.addAll(poly.PrincipalSubresultantCoeffs(r, derivIn(r, j), j)...); err != nil {
					return err
				}
			}
		}
	}
	for a := range A {
		for b := a + 1; b < len(A); b++ {
			if err := c.ctx.Err(); err != nil {
				return fmt.Errorf("semialg: CAD projection: %w", err)
			}
			for _, r := range reducta(A[a], j) {
				if err := c.addAll(poly.PrincipalSubresultantCoeffs(r, A[b], j)...); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// pickEquation returns the polynomial of an equational constraint for the
// top level of the CAD ring: a polynomial e containing x_{n−1}, primitive
// in x_{n−1}, such that the matrix is constant wherever e ≠ 0 (constOff).
// Of least degree in x_{n−1}, then fewest terms; nil when there is none or
// the top level is free.
func (c *cad) pickEquation() *poly.Poly {
	if c.n == 0 || c.free >= c.n {
		return nil
	}
	top := c.n - 1
	var best *poly.Poly
	for _, e := range append(constOff(c.matrix, false), constOff(c.matrix, true)...) {
		if e.Degree(top) < 1 {
			continue
		}
		if !poly.ContentIn(e, top).IsConst() {
			// e = c·e' with c of lower level: over a cell where c = 0 the
			// constraint is void (e vanishes on the whole cylinder) and the
			// other factors would need their full projection.
			continue
		}
		if best == nil || e.Degree(top) < best.Degree(top) ||
			e.Degree(top) == best.Degree(top) && e.NumTerms() < best.NumTerms() {
			best = e
		}
	}
	return best
}

// constOff returns polynomials e such that m is false (value = false) or
// true (value = true) at every point where e ≠ 0: m is false off e = 0
// when e = 0 is an atom of m or a conjunct of such a conjunction, true off
// e = 0 when e ≠ 0 is a disjunct; implications A ⇒ B count as ¬A ∨ B and
// negations swap the two cases.
func constOff(m *Formula, value bool) []*poly.Poly {
	switch m.op {
	case OpAtom:
		if !value && m.rel == EQ || value && m.rel == NE {
			return []*poly.Poly{m.p}
		}
	case OpNot:
		return constOff(m.args[0], !value)
	case OpAnd, OpOr:
		if (m.op == OpAnd) == value {
			// true off e = 0 for a conjunction (false for a disjunction)
			// would need every operand: not looked for.
			return nil
		}
		var out []*poly.Poly
		for _, a := range m.args {
			out = append(out, constOff(a, value)...)
		}
		return out
	case OpImplies:
		if !value {
			return nil
		}
		return append(constOff(m.args[0], false), constOff(m.args[1], true)...)
	}
	return nil
}

// markEquational sets c.ecFac: which top-level basis elements divide the
// equational constraint c.ec.
func (c *cad) markEquational() {
	top := c.n - 1
	c.ecFac = make([]bool, len(c.proj[top]))
	any := false
	for i, h := range c.proj[top] {
		if _, err := c.ec.ExactQuo(h); err == nil {
			c.ecFac[i] = true
			any = true
		}
	}
	if !any {
		c.ec, c.ecFac = nil, nil
	}
}

// delineating returns the real roots over the 0-cell s of a delineating
// polynomial of f, where f(s, x_j) vanishes identically: a partial
// derivative of f in x_0 … x_{j−1} of least order that does not vanish
// identically on {s} × R (see the file comment).
func (c *cad) delineating(f *poly.Poly, s []*poly.RealAlg) ([]*poly.RealAlg, error) {
	j := len(s)
	type der struct {
		p    *poly.Poly
		last int // derivatives are taken in x_last, …, x_{j−1} only: each multi-index once
	}
	c.delineated++
	cur := []der{{f, 0}}
	for k := 1; len(cur) > 0; k++ {
		var next []der
		for _, d := range cur {
			for i := d.last; i < j; i++ {
				q := d.p.Deriv(i)
				if q.IsZero() {
					continue
				}
				rs, zero, err := c.roots(q, s, nil)
				if err != nil {
					return nil, err
				}
				if !zero {
					return rs, nil
				}
				next = append(next, der{q, i})
			}
		}
		if len(next) > 5000 {
			return nil, fmt.Errorf("%w: no delineating polynomial of order ≤ %d for %v", errNotWellOriented, k, f)
		}
		cur = next
	}
	return nil, fmt.Errorf("semialg: internal error: no delineating polynomial for %v", f)
}

// addDerivatives adds the derivatives of every factor of level j in x_j,
// of orders 1 to degree − 1, to the basis (before level j is projected).
// More factors never make a CAD wrong; at the free levels their signs tell
// apart cells of one stack that the factors alone do not (Thom's lemma:
// the sign conditions on a polynomial and all its derivatives define
// connected subsets of a line), which is what a solution formula needs
// when the projection factors do not separate true and false cells (QEPCAD
// B adds derivatives for the same reason; Brown 1999). Here the CAD is
// simply rebuilt with the derivatives as projection factors of their level.
func (c *cad) addDerivatives(j int) error {
	for _, f := range slices.Clone(c.proj[j]) {
		d := f
		for d.Degree(j) >= 2 {
			d = derivIn(d, j)
			if err := c.addAll(d); err != nil {
				return err
			}
		}
	}
	return nil
}
