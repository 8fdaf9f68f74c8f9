package poly

// Real solutions of zero-dimensional systems.
//
// Method (linear algebra in the quotient algebra A = Q[x]/I, dimension D =
// number of complex solutions with multiplicity, from a grevlex basis):
//
//  1. For each variable x_i the minimal polynomial of x_i in A (Krylov:
//     the first linear dependency among NF(1), NF(x_i), NF(x_i^2), …) is
//     the generator of the eliminant I ∩ Q[x_i]. Its square-free part p_i
//     vanishes at every x_i-coordinate of a solution. If some p_i is not
//     the minimal polynomial itself, I is replaced by its radical
//     I + ⟨p_1, …, p_n⟩ (Seidenberg's lemma) and the basis recomputed.
//  2. A separating linear form u = x_1 + c·x_2 + … + c^{n-1}·x_n (c = 0,
//     1, 2, … and the single variables first) is one whose minimal
//     polynomial m_u has degree D = dim A: then 1, u, …, u^{D-1} is a basis
//     of A (shape position for u), and each x_i ≡ h_i(u) (mod I) for a
//     unique h_i of degree < D, found by solving a linear system.
//  3. The real solutions are (h_1(θ), …, h_n(θ)) for the real roots θ of
//     m_u. Each coordinate is returned as a real algebraic number defined by
//     p_i: an enclosure of h_i(θ) by exact rational interval arithmetic on
//     θ's isolating interval is refined until it meets the isolating
//     interval of exactly one real root of p_i, which is then the
//     coordinate (h_i(θ) is a root of p_i, and the roots are distinct).
//
// This is the rational-univariate-representation idea in its simplest,
// non-optimized form (F. Rouillier, Solving zero-dimensional systems through
// the rational univariate representation, AAECC 9, 1999, uses h_i = g_i/m_u'
// to keep coefficients small); it suits the small systems of relucad.
//
// BUG(relucad): the linear algebra is exact over Q (big.Rat), whose
// coefficient growth dominates beyond a few dozen solutions: cyclic5
// (70 solutions) takes about 0.3 s, cyclic6 (156) about 75 s and katsura6
// over 100 s. Multi-modular linear algebra with rational reconstruction
// would remove the growth.

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// ErrNotZeroDimensional is returned by RealSolutions for systems with
// infinitely many complex solutions.
var ErrNotZeroDimensional = errors.New("poly: the system is not zero-dimensional")

// RealSolution is a real solution of a polynomial system: Coords[i] is the
// value of the ring's i-th variable.
type RealSolution struct {
	Coords []*RealAlg
}

// quotientAlg is Q[x]/I for a zero-dimensional reduced basis.
type quotientAlg struct {
	G     *GroebnerResult
	std   []Monomial
	index map[string]int
}

func monKeyStr(m Monomial) string {
	var b strings.Builder
	for _, e := range m {
		b.WriteString(strconv.FormatUint(uint64(e), 10))
		b.WriteByte(',')
	}
	return b.String()
}

func newQuotient(G *GroebnerResult) (*quotientAlg, error) {
	if _, ok := G.NumSolutions(); !ok {
		return nil, ErrNotZeroDimensional
	}
	n := G.Ring.NumVars()
	lms := make([]Monomial, len(G.Basis))
	for i, b := range G.Basis {
		lms[i] = b.terms[0].Mon
	}
	q := &quotientAlg{G: G, index: map[string]int{}}
	// standard monomials: breadth-first from 1, multiplying by variables
	queue := []Monomial{make(Monomial, n)}
	seen := map[string]bool{monKeyStr(queue[0]): true}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		div := false
		for _, lm := range lms {
			if monDivides(lm, m) {
				div = true
				break
			}
		}
		if div {
			continue
		}
		q.index[monKeyStr(m)] = len(q.std)
		q.std = append(q.std, m)
		for v := range n {
			m2 := m.Clone()
			m2[v]++
			if k := monKeyStr(m2); !seen[k] {
				seen[k] = true
				queue = append(queue, m2)
			}
		}
	}
	return q, nil
}

// vec returns the coordinates of NF(p) on the standard monomials.
func (q *quotientAlg) vec(p *Poly) []*big.Rat {
	nf := q.G.NormalForm(p)
	v := make([]*big.Rat, len(q.std))
	for i := range v {
		v[i] = new(big.Rat)
	}
	for _, t := range nf.terms {
		v[q.index[monKeyStr(t.Mon)]].Set(t.Coef)
	}
	return v
}

// echelon is an incremental row echelon form of vectors v_0, v_1, … with,
// for each row, its expression in the v_j.
type echelon struct {
	rows   [][]*big.Rat
	combos [][]*big.Rat // row = Σ combo[j]·v_j
	pivots []int
}

// reduce reduces w (and its combination c, w = Σ c_j v_j) by the rows.
func (e *echelon) reduce(w, c []*big.Rat) {
	t := new(big.Rat)
	for r, row := range e.rows {
		p := e.pivots[r]
		if w[p].Sign() == 0 {
			continue
		}
		f := new(big.Rat).Set(w[p]) // row[p] = 1
		for k := range w {
			if row[k].Sign() != 0 {
				w[k].Sub(w[k], t.Mul(f, row[k]))
			}
		}
		for k := range e.combos[r] {
			if e.combos[r][k].Sign() != 0 {
				c[k].Sub(c[k], t.Mul(f, e.combos[r][k]))
			}
		}
	}
}

// add installs a reduced nonzero w as a row (normalized pivot 1).
func (e *echelon) add(w, c []*big.Rat) {
	p := slices.IndexFunc(w, func(x *big.Rat) bool { return x.Sign() != 0 })
	inv := new(big.Rat).Inv(w[p])
	for _, x := range w {
		x.Mul(x, inv)
	}
	for _, x := range c {
		x.Mul(x, inv)
	}
	e.rows = append(e.rows, w)
	e.combos = append(e.combos, c)
	e.pivots = append(e.pivots, p)
}

func ratVec(n int) []*big.Rat {
	v := make([]*big.Rat, n)
	for i := range v {
		v[i] = new(big.Rat)
	}
	return v
}

// krylov returns the minimal polynomial of u in A (monic, coefficients low
// first) and the echelon form of 1, u, …, u^{d-1}.
func (q *quotientAlg) krylov(ctx context.Context, u *Poly) ([]*big.Rat, *echelon, error) {
	D := len(q.std)
	e := &echelon{}
	pw := u.r.One()
	for k := 0; k <= D; k++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("poly: real solutions cancelled: %w", err)
		}
		w := q.vec(pw)
		c := ratVec(D + 1)
		c[k].SetInt64(1)
		e.reduce(w, c)
		if slices.IndexFunc(w, func(x *big.Rat) bool { return x.Sign() != 0 }) < 0 {
			// 0 = Σ c_j u^j with c_k = 1: the minimal polynomial
			return c[:k+1], e, nil
		}
		e.add(w, c)
		pw = q.G.NormalForm(pw.Mul(u))
	}
	return nil, nil, errors.New("poly: internal error: no linear dependency in the quotient algebra")
}

// ratPolyToU returns the primitive integer polynomial with positive
// leading coefficient proportional to cs (low first).
func ratPolyToU(cs []*big.Rat) UPoly {
	d := big.NewInt(1)
	g := new(big.Int)
	for _, c := range cs {
		g.GCD(nil, nil, d, c.Denom())
		d.Mul(d, new(big.Int).Quo(c.Denom(), g))
	}
	out := make([]*big.Int, len(cs))
	cont := new(big.Int)
	for i, c := range cs {
		z := new(big.Int).Mul(c.Num(), d)
		out[i] = z.Quo(z, c.Denom())
		cont.GCD(nil, nil, cont, new(big.Int).Abs(out[i]))
	}
	n := len(out)
	for n > 0 && out[n-1].Sign() == 0 {
		n--
	}
	out = out[:n]
	if n > 0 && out[n-1].Sign() < 0 {
		cont.Neg(cont)
	}
	if cont.Sign() != 0 {
		for i := range out {
			out[i].Quo(out[i], cont)
		}
	}
	return NewUPoly(out)
}

// RealSolutions returns the real solutions of the polynomial system gens
// (all in one ring), which must have finitely many complex solutions (else
// the error wraps ErrNotZeroDimensional). Solutions are distinct, sorted
// lexicographically in the ring's variable order, and exact: each
// coordinate is a real algebraic number. An inconsistent system gives no
// solutions. It honours ctx. Method: see the file comment.
func RealSolutions(ctx context.Context, gens []*Poly) ([]RealSolution, error) {
	if len(gens) == 0 {
		return nil, errors.New("poly: real solutions of an empty system")
	}
	R := gens[0].r
	S := R.WithOrder(GRevLex)
	G, err := GroebnerBasis(ctx, gens, GroebnerOptions{Order: GRevLex})
	if err != nil {
		return nil, err
	}
	if G.IsOne() {
		return nil, nil
	}
	q, err := newQuotient(G)
	if err != nil {
		return nil, err
	}
	n := R.NumVars()
	// 1. eliminants and the radical
	elim := make([]UPoly, n)
	radical := true
	type kry struct {
		m []*big.Rat
		e *echelon
	}
	varKrylov := make([]kry, n)
	for i := range n {
		m, e, err := q.krylov(ctx, S.Var(i))
		if err != nil {
			return nil, err
		}
		varKrylov[i] = kry{m, e}
		p := ratPolyToU(m)
		sq := USquareFreePart(p)
		if sq.Degree() != p.Degree() {
			radical = false
		}
		elim[i] = sq
	}
	if !radical {
		more := append([]*Poly(nil), G.Basis...)
		for i, p := range elim {
			more = append(more, S.FromUPoly(p, i))
		}
		G, err = GroebnerBasis(ctx, more, GroebnerOptions{})
		if err != nil {
			return nil, err
		}
		if q, err = newQuotient(G); err != nil {
			return nil, err
		}
	}
	D := len(q.std)
	// 2. a separating linear form
	var mu []*big.Rat
	var ech *echelon
	var u *Poly
	try := func(cand *Poly) (bool, error) {
		m, e, err := q.krylov(ctx, cand)
		if err != nil {
			return false, err
		}
		if len(m)-1 == D {
			mu, ech, u = m, e, cand
			return true, nil
		}
		return false, nil
	}
	found := false
	for i := 0; i < n && !found; i++ {
		if radical { // the quotient is unchanged: reuse the eliminant's Krylov data
			if k := varKrylov[i]; len(k.m)-1 == D {
				mu, ech, u, found = k.m, k.e, S.Var(i), true
			}
			continue
		}
		if found, err = try(S.Var(i)); err != nil {
			return nil, err
		}
	}
	for c := int64(1); !found; c++ {
		if c > int64(D*D*n+2) {
			return nil, errors.New("poly: internal error: no separating linear form found")
		}
		cand := S.Zero()
		w := big.NewRat(1, 1)
		for i := range n {
			cand = cand.Add(S.Var(i).ScaleRat(w))
			w = new(big.Rat).Mul(w, big.NewRat(c, 1))
		}
		if found, err = try(cand); err != nil {
			return nil, err
		}
	}
	_ = u
	// x_i = h_i(u): reduce NF(x_i) by the echelon rows of 1, u, …, u^{D-1}
	hs := make([][]*big.Rat, n)
	for i := range n {
		w := q.vec(S.Var(i))
		c := ratVec(D + 1)
		ech.reduce(w, c)
		// w - Σ λ rows = 0 ⇒ NF(x_i) = -Σ c_j u^j
		h := make([]*big.Rat, D)
		for j := range h {
			h[j] = new(big.Rat).Neg(c[j])
		}
		hs[i] = h
	}
	// 3. real roots of m_u and the coordinates
	thetas, err := RealAlgRoots(ctx, ratPolyToU(mu))
	if err != nil {
		return nil, err
	}
	roots := make([][]*RealAlg, n)
	for i := range n {
		if roots[i], err = RealAlgRoots(ctx, elim[i]); err != nil {
			return nil, err
		}
	}
	var sols []RealSolution
	for _, th := range thetas {
		sol := RealSolution{Coords: make([]*RealAlg, n)}
		for i := range n {
			x, err := matchCoordinate(ctx, hs[i], th, roots[i])
			if err != nil {
				return nil, err
			}
			sol.Coords[i] = x
		}
		sols = append(sols, sol)
	}
	slices.SortFunc(sols, func(a, b RealSolution) int {
		for i := range a.Coords {
			if c := a.Coords[i].Cmp(b.Coords[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return sols, nil
}

// ratHorner evaluates h (low first) at the rational x.
func ratHorner(h []*big.Rat, x *big.Rat) *big.Rat {
	acc := new(big.Rat)
	for i := len(h) - 1; i >= 0; i-- {
		acc.Mul(acc, x)
		acc.Add(acc, h[i])
	}
	return acc
}

// intervalHorner encloses {h(t) : t ∈ [lo, hi]} by interval arithmetic in
// binary floating point of precision prec with outward (directed)
// rounding, so the enclosure is rigorous; the bounds are returned as exact
// rationals.
func intervalHorner(h []*big.Rat, lo, hi *big.Rat, prec uint) (*big.Rat, *big.Rat) {
	down := func() *big.Float { return new(big.Float).SetPrec(prec).SetMode(big.ToNegativeInf) }
	up := func() *big.Float { return new(big.Float).SetPrec(prec).SetMode(big.ToPositiveInf) }
	tl, th := down().SetRat(lo), up().SetRat(hi)
	a, b := down(), up() // [a, b] ∋ partial Horner value
	for i := len(h) - 1; i >= 0; i-- {
		// [a,b]·[tl,th]: min of lower-rounded and max of upper-rounded products
		var mn, mx *big.Float
		for _, x := range []*big.Float{a, b} {
			for _, y := range []*big.Float{tl, th} {
				l := down().Mul(x, y)
				u := up().Mul(x, y)
				if mn == nil || l.Cmp(mn) < 0 {
					mn = l
				}
				if mx == nil || u.Cmp(mx) > 0 {
					mx = u
				}
			}
		}
		a = down().Add(mn, down().SetRat(h[i]))
		b = up().Add(mx, up().SetRat(h[i]))
	}
	ra, _ := a.Rat(nil)
	rb, _ := b.Rat(nil)
	return ra, rb
}

// matchCoordinate returns the root among cands equal to h(θ) (it is one of
// them), refining θ and the candidates until a single candidate's bracket
// meets the enclosure of h(θ).
func matchCoordinate(ctx context.Context, h []*big.Rat, th *RealAlg, cands []*RealAlg) (*RealAlg, error) {
	if r, ok := th.IsRational(); ok {
		return RealAlgFromRat(ratHorner(h, r)), nil
	}
	for bits := uint(16); bits <= 1<<16; bits *= 2 {
		lo, hi := th.Interval()
		a, b := intervalHorner(h, lo, hi, 2*bits+128)
		var hit []*RealAlg
		for _, c := range cands {
			clo, chi := c.Interval()
			if clo.Cmp(b) <= 0 && chi.Cmp(a) >= 0 {
				hit = append(hit, c)
			}
		}
		if len(hit) == 1 {
			return hit[0], nil
		}
		if len(hit) == 0 {
			return nil, errors.New("poly: internal error: coordinate matches no root of its eliminant")
		}
		if err := th.Refine(ctx, bits); err != nil {
			return nil, err
		}
		for _, c := range hit {
			if err := c.Refine(ctx, bits); err != nil {
				return nil, err
			}
		}
	}
	return nil, errors.New("poly: real solutions: coordinates could not be separated")
}
