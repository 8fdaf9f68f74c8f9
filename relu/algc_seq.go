package relu

// Laurent factor sequences along a closure curve (ALG-C, constructive
// stage 2).
//
// # The problem
//
// ALG-C stage 1 gives a quantifier-free φ with L_I = {φ}. When φ is not of
// D9 form, the fallback looks for a rational A* with ¬φ(A*) and a rational
// direction E such that φ holds at A* + t·E for all small t > 0 (closureCurve
// in algc.go). Then A* ∈ cl(L_I) \ L_I — but only according to the QE. A
// NOT_CLOSED certificate (MATH.md §8.3) needs more: factor matrices W_ℓ(t)
// of Laurent polynomials in t, supported on the masks, whose product tends to
// A* as t → 0⁺, which anyone can check by expanding the product. This file
// builds them.
//
// # The method: a Q(t)-rational point of the fibre
//
// Let t be a new variable and consider the fibre ideal
//
//	J = ⟨ (W_L⋯W_1)[i,j] − (A*[i,j] + t·E[i,j]) : all i, j ⟩ ⊆ Q[θ, t]
//
// over the field K = Q(t). We look for a point θ(t) ∈ K^N of its variety.
// Such a point, expanded as Laurent series at t = 0 and truncated at a
// high enough order, is the sequence (below). The search is a triangular
// solve of a lexicographic Gröbner basis with random pins:
//
//  1. Gauge pins (the per-neuron scaling of algc.go, which is exact for
//     every point of L_I): for every live hidden neuron k of layer ℓ, one
//     entry W_ℓ[k,p] of its input row, chosen at random among the mask
//     positions, is set to 1.
//  2. G := the reduced Gröbner basis of J (plus the pins) for lex with
//     θ ≻ t, where the W_L entries come first. With an order that
//     eliminates θ, G ∩ Q[t] generates J ∩ Q[t]; if it is not {0}, the fibre
//     is empty over K (this gauge choice is wrong) and we try another.
//  3. Back substitution from the smallest variable up: for variable v, the
//     elements of G whose largest variable is v become, after substituting
//     the values already chosen, polynomials in Q(t)[v]. If they all vanish,
//     v is free over the partial solution and is pinned to a random small
//     integer; otherwise their gcd must have a factor of degree 1 in v
//     (found by bivariate factorization over Q), whose root in Q(t) is the
//     value of v. No factor of degree 1 (the fibre point is algebraic over
//     Q(t), not rational) or an inconsistent partial solution sends us back
//     to step 1 with new random choices, a bounded number of times.
//
// Nothing in the search needs to be right for the certificate to be right:
// step 4 and relu.Verify check the outcome exactly.
//
//  4. Truncation. Every value is a rational function a(t)/b(t); its Laurent
//     series at 0 has valuation ≥ v_min (the least over all entries, ≤ 0
//     when something diverges). Truncating every entry after the power K
//     changes each factor by O(t^{K+1}), so the product changes by terms of
//     valuation ≥ (L−1)·v_min + K + 1 (every such term has at least one
//     truncation error and at most L−1 other factors). With
//     K = max(0, −(L−1)·v_min) the truncated product is A* + tE + O(t), so it
//     tends to A*. The product is then recomputed exactly and its limit
//     compared with A*; a greedy pass drops high-order terms while the limit
//     stays A*, for a readable certificate.
//
// Over a real closed field the points of the fibre over A*+tE for small t
// need not be rational functions of t (Puiseux series with fractional
// exponents can be needed); then the search fails and the verdict stays
// UNKNOWN, as it did before this step.

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand"

	"github.com/relucad/relucad/poly"
)

// ratFun is a rational function num/den in Q[t] (ring rt), den ≠ 0.
type ratFun struct{ num, den *poly.Poly }

// seqSearch carries the rings and equations of one curve.
type seqSearch struct {
	s     Support
	L     int
	vars  []seqVar // θ, in lex order (largest first); t is last
	S     *poly.Ring
	tIdx  int
	rt    *poly.Ring // Q[t]
	rvt   *poly.Ring // Q[v, t]
	eqs   []*poly.Poly
	entry []*poly.Poly // Φ_ij − target_ij, row-major over all entries
	rng   *rand.Rand
	pairs int // Gröbner pair budget per attempt
}

type seqVar struct{ l, i, j int }

// errNoSequence reports that the search gave up (not a failure of the
// caller's input).
var errNoSequence = errors.New("relu: no rational factor sequence found along the curve")

// curveSequence returns factors W_ℓ(t) (index ℓ−1) with entries Laurent
// polynomials on the masks of s, whose product tends to A0 as t → 0⁺; A0
// and E are m×n row-major. It returns errNoSequence when the randomized
// search (bounded by attempts) finds no Q(t)-rational point of the fibre
// over A0 + t·E.
func curveSequence(ctx context.Context, s Support, A0, E []*big.Rat, attempts int) ([]LaurentMatrix, error) {
	ss, err := newSeqSearch(s, A0, E)
	if err != nil {
		return nil, err
	}
	for a := 0; a < attempts; a++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		vals, err := ss.attempt(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if errors.Is(err, errNoSequence) || errors.Is(err, poly.ErrGroebnerLimit) {
				continue
			}
			return nil, err
		}
		if W, ok := ss.truncate(vals, A0); ok {
			return W, nil
		}
	}
	return nil, errNoSequence
}

func newSeqSearch(s Support, A0, E []*big.Rat) (*seqSearch, error) {
	L := s.Depth()
	ss := &seqSearch{s: s, L: L, rng: rand.New(rand.NewSource(20261127)), pairs: 4000}
	// Variables: WeightNames' order (W_L first, row-major), then t.
	for l := L; l >= 1; l-- {
		mk := s.Layer(l)
		for i := 0; i < mk.Rows(); i++ {
			for j := 0; j < mk.Cols(); j++ {
				if mk.At(i, j) {
					ss.vars = append(ss.vars, seqVar{l, i, j})
				}
			}
		}
	}
	names := WeightNames(s)
	ss.tIdx = len(names)
	names = append(names, "t")
	var err error
	if ss.S, err = poly.NewRing(names, poly.Lex); err != nil {
		return nil, err
	}
	if ss.rt, err = poly.NewRing([]string{"t"}, poly.Lex); err != nil {
		return nil, err
	}
	if ss.rvt, err = poly.NewRing([]string{"v", "t"}, poly.Lex); err != nil {
		return nil, err
	}
	// The product W_L ⋯ W_1 as polynomials (LinearMap's entries).
	lm, err := LinearMap(s)
	if err != nil {
		return nil, err
	}
	prod := make([][]*poly.Poly, len(lm))
	for i := range lm {
		prod[i] = make([]*poly.Poly, len(lm[i]))
		for j, e := range lm[i] {
			if prod[i][j], err = ss.S.Parse(e); err != nil {
				return nil, fmt.Errorf("relu: curve sequence: entry (%d,%d): %w", i+1, j+1, err)
			}
		}
	}
	m, n := len(prod), len(prod[0])
	if len(A0) != m*n || len(E) != m*n {
		return nil, fmt.Errorf("relu: curve sequence: point has %d entries, want %d", len(A0), m*n)
	}
	t := ss.S.Var(ss.tIdx)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			target := ss.S.Const(A0[i*n+j]).Add(t.Mul(ss.S.Const(E[i*n+j])))
			e := prod[i][j].Sub(target)
			ss.entry = append(ss.entry, e)
			if !e.IsZero() {
				if e.IsConst() {
					// The target is non-zero off the product support.
					return nil, errNoSequence
				}
				ss.eqs = append(ss.eqs, e)
			}
		}
	}
	return ss, nil
}

// attempt runs steps 1–3 once with fresh random choices.
func (ss *seqSearch) attempt(ctx context.Context) ([]ratFun, error) {
	gens := append([]*poly.Poly(nil), ss.eqs...)
	idx := map[seqVar]int{}
	for k, v := range ss.vars {
		idx[v] = k
	}
	for l := 1; l < ss.L; l++ {
		mk, up := ss.s.Layer(l), ss.s.Layer(l+1)
		for k := 0; k < mk.Rows(); k++ {
			var pos []int
			for j := 0; j < mk.Cols(); j++ {
				if mk.At(k, j) {
					pos = append(pos, j)
				}
			}
			live := false
			for i := 0; i < up.Rows(); i++ {
				live = live || up.At(i, k)
			}
			if len(pos) == 0 || !live {
				continue
			}
			p := pos[ss.rng.Intn(len(pos))]
			gens = append(gens, ss.S.Var(idx[seqVar{l, k, p}]).Sub(ss.S.One()))
		}
	}
	G, err := poly.GroebnerBasis(ctx, gens, poly.GroebnerOptions{MaxPairs: ss.pairs})
	if err != nil {
		return nil, err
	}
	if G.IsOne() {
		return nil, errNoSequence
	}
	for _, g := range G.Basis {
		if vs := g.Vars(); len(vs) == 1 && vs[0] == ss.tIdx {
			return nil, errNoSequence // G ∩ Q[t] ≠ 0: empty fibre over Q(t)
		}
	}
	vals := make([]ratFun, ss.tIdx)
	for v := ss.tIdx - 1; v >= 0; v-- {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var cands []*poly.Poly
		for _, g := range G.Basis {
			vs := g.Vars()
			if len(vs) == 0 || vs[0] != v {
				continue
			}
			h, err := ss.substitute(g, vals, v)
			if err != nil {
				return nil, err
			}
			if !h.IsZero() {
				cands = append(cands, h)
			}
		}
		if len(cands) == 0 {
			c := []int64{1, 2, -1, 3, -2, 1}[ss.rng.Intn(6)]
			vals[v] = ratFun{ss.rt.ConstInt(c), ss.rt.One()}
			continue
		}
		g := cands[0]
		for _, h := range cands[1:] {
			if g, err = poly.GCDCtx(ctx, g, h); err != nil {
				return nil, err
			}
		}
		g = ss.primitiveInV(g)
		if g.Degree(0) <= 0 {
			return nil, errNoSequence // inconsistent partial solution
		}
		lin := g
		if g.Degree(0) > 1 {
			fs, err := poly.Factorize(ctx, g)
			if err != nil {
				return nil, err
			}
			lin = nil
			for _, f := range fs {
				if f.Poly.Degree(0) == 1 {
					lin = f.Poly
					break
				}
			}
			if lin == nil {
				return nil, errNoSequence // the fibre point is not rational over Q(t)
			}
		}
		a, err := lin.CoeffIn(0, 1).ToRing(ss.rt)
		if err != nil {
			return nil, err
		}
		b, err := lin.CoeffIn(0, 0).ToRing(ss.rt)
		if err != nil {
			return nil, err
		}
		vals[v] = reduceRatFun(ratFun{b.Neg(), a})
	}
	return vals, nil
}

// substitute returns the numerator, in Q[v, t], of g with the values vals
// substituted for every variable other than v and t (all of which must have
// values).
func (ss *seqSearch) substitute(g *poly.Poly, vals []ratFun, v int) (*poly.Poly, error) {
	deg := g.Degrees()
	out := ss.rvt.Zero()
	powNum := map[[2]int]*poly.Poly{}
	powDen := map[[2]int]*poly.Poly{}
	pw := func(cache map[[2]int]*poly.Poly, p *poly.Poly, x, e int) *poly.Poly {
		if q, ok := cache[[2]int{x, e}]; ok {
			return q
		}
		q := p.Pow(uint(e))
		cache[[2]int{x, e}] = q
		return q
	}
	for _, term := range g.Terms() {
		acc := ss.rt.Const(term.Coef)
		for x, e := range term.Mon {
			if x == v || x == ss.tIdx || deg[x] == 0 {
				continue
			}
			if vals[x].num == nil {
				return nil, fmt.Errorf("relu: curve sequence: variable %d has no value yet", x)
			}
			if e > 0 {
				acc = acc.Mul(pw(powNum, vals[x].num, x, int(e)))
			}
			if d := deg[x] - int(e); d > 0 {
				acc = acc.Mul(pw(powDen, vals[x].den, x, d))
			}
		}
		lifted, err := acc.ToRing(ss.rvt)
		if err != nil {
			return nil, err
		}
		mon := make(poly.Monomial, 2)
		mon[0] = term.Mon[v]
		mon[1] = term.Mon[ss.tIdx]
		out = out.Add(lifted.MulTerm(big.NewRat(1, 1), mon))
	}
	return out, nil
}

// primitiveInV divides g ∈ Q[v,t] by the gcd of its coefficients in v (a
// polynomial in t), so that its roots in v over Q(t) are unchanged.
func (ss *seqSearch) primitiveInV(g *poly.Poly) *poly.Poly {
	cs := g.CoeffsIn(0)
	var c *poly.Poly
	for _, x := range cs {
		if x.IsZero() {
			continue
		}
		if c == nil {
			c = x
		} else {
			c = poly.GCD(c, x)
		}
	}
	if c == nil || c.IsConst() {
		return g
	}
	q, err := g.ExactQuo(c)
	if err != nil {
		return g
	}
	return q
}

// reduceRatFun cancels the gcd of numerator and denominator.
func reduceRatFun(r ratFun) ratFun {
	if r.num.IsZero() {
		return ratFun{r.num, r.den.Ring().One()}
	}
	g := poly.GCD(r.num, r.den)
	if !g.IsConst() {
		if n, err := r.num.ExactQuo(g); err == nil {
			if d, err := r.den.ExactQuo(g); err == nil {
				r = ratFun{n, d}
			}
		}
	}
	return r
}

// tCoeffs returns the coefficients of p ∈ Q[t] indexed by degree.
func tCoeffs(p *poly.Poly) []*big.Rat {
	d := p.Degree(0)
	out := make([]*big.Rat, d+1)
	for i := range out {
		out[i] = new(big.Rat)
	}
	for _, term := range p.Terms() {
		out[term.Mon[0]].Set(term.Coef)
	}
	return out
}

// laurentSeries returns the Laurent expansion of r at t = 0 truncated
// after t^K, and the valuation of r (ok false when r = 0).
func laurentSeries(r ratFun, K int) (Laurent, int, bool) {
	if r.num.IsZero() {
		return Laurent{}, 0, false
	}
	n, d := tCoeffs(r.num), tCoeffs(r.den)
	a := 0
	for n[a].Sign() == 0 {
		a++
	}
	b := 0
	for d[b].Sign() == 0 {
		b++
	}
	n, d = n[a:], d[b:]
	val := a - b
	// c = n/d as a power series, coefficients 0..K−val.
	cnt := K - val + 1
	if cnt < 1 {
		return Laurent{}, val, true
	}
	c := make([]*big.Rat, cnt)
	for k := 0; k < cnt; k++ {
		x := new(big.Rat)
		if k < len(n) {
			x.Set(n[k])
		}
		for j := 1; j <= k && j < len(d); j++ {
			x.Sub(x, new(big.Rat).Mul(d[j], c[k-j]))
		}
		c[k] = x.Quo(x, d[0])
	}
	return newLaurent(val, c), val, true
}

// truncate is step 4: Laurent factors from the values, with an exact check
// that the product tends to A0, then a greedy simplification.
func (ss *seqSearch) truncate(vals []ratFun, A0 []*big.Rat) ([]LaurentMatrix, bool) {
	vmin := 0
	for _, r := range vals {
		if _, v, ok := laurentSeries(r, 0); ok && v < vmin {
			vmin = v
		}
	}
	K := -(ss.L - 1) * vmin
	if K < 0 {
		K = 0
	}
	W := make([]LaurentMatrix, ss.L)
	for l := 1; l <= ss.L; l++ {
		mk := ss.s.Layer(l)
		W[l-1] = NewLaurentMatrix(mk.Rows(), mk.Cols())
	}
	for k, v := range ss.vars {
		s, _, _ := laurentSeries(vals[k], K)
		W[v.l-1][v.i][v.j] = s
	}
	if !seqLimitIs(W, A0) {
		return nil, false
	}
	// Greedy: drop the highest-order term of an entry while the limit
	// stays A0.
	for _, v := range ss.vars {
		for {
			e := W[v.l-1][v.i][v.j]
			d, ok := e.Degree()
			if !ok || d <= 0 {
				break
			}
			c := e.clone()
			c.c = c.c[:len(c.c)-1]
			W[v.l-1][v.i][v.j] = newLaurent(c.lo, c.c)
			if !seqLimitIs(W, A0) {
				W[v.l-1][v.i][v.j] = e
				break
			}
		}
	}
	return W, true
}

// seqLimitIs reports whether W_L⋯W_1 has no negative powers of t and its
// constant term is A0 (row-major).
func seqLimitIs(W []LaurentMatrix, A0 []*big.Rat) bool {
	prod := W[len(W)-1]
	for l := len(W) - 2; l >= 0; l-- {
		prod = prod.Mul(W[l])
	}
	n := len(prod[0])
	for i := range prod {
		for j := range prod[i] {
			lim, ok := prod[i][j].Limit()
			if !ok || lim.Cmp(A0[i*n+j]) != 0 {
				return false
			}
		}
	}
	return true
}

// fibreNullstellensatz tries to prove A0 ∉ L_I over C: cofactors g with
// Σ g_ij·(Φ_ij(θ) − A0_ij) = 1 (a Gröbner basis with cofactors, bounded by
// ctx). ok is false when the fibre has a complex point or the computation
// did not finish; the caller then keeps its other proof.
func fibreNullstellensatz(ctx context.Context, s Support, A0 []*big.Rat) (*Nonmembership, bool) {
	zero := make([]*big.Rat, len(A0))
	for i := range zero {
		zero[i] = new(big.Rat)
	}
	ss, err := newSeqSearch(s, A0, zero)
	if err != nil || len(ss.eqs) == 0 {
		return nil, false
	}
	cof, ok, err := poly.NullstellensatzCertificate(ctx, ss.eqs)
	if err != nil || !ok || !poly.VerifyCertificate(ss.eqs, cof) {
		return nil, false
	}
	nm := &Nonmembership{Kind: "nullstellensatz",
		Theorem: "weak Nullstellensatz: 1 is in the ideal of the entries of W_L⋯W_1 − A (Gröbner basis with cofactors)"}
	k := 0
	for _, e := range ss.entry {
		nm.Equations = append(nm.Equations, e.String())
		if e.IsZero() {
			nm.Cofactors = append(nm.Cofactors, "0")
			continue
		}
		nm.Cofactors = append(nm.Cofactors, cof[k].String())
		k++
	}
	return nm, true
}
