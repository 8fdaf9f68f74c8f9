package semialg

// Certifying the roots of a factor over a sample point with irrational
// coordinates.
//
// Over a sample s with irrational coordinates, the real roots of f(s, x_j)
// are found among the real roots of N(x_j), the resultant of f with the
// coordinates' defining polynomials (cad.go). A candidate root β of N that
// is not a root of f(s, ·) is a root of f(s', ·) for a conjugate point s';
// interval evaluation of f(s, β) on refined brackets proves f(s, β) ≠ 0
// for it sooner or later. A true root is never excluded, and proving
// f(s, β) = 0 directly (poly.SignAt) needs a resultant that involves N's
// degree — the slow part of lifting. Instead the number of distinct real
// roots of f(s, ·) is computed exactly first (zero: nothing to isolate);
// candidates whose bracket shows a sign change of f(s, ·) at its rational
// endpoints are roots, candidates on whose bracket f(s, ·) is monotone
// without a sign change are not; the others are refined until exactly the
// counted number survive, and then the survivors are the roots. Candidate
// lists are cached by polynomial and defining polynomials (conjugate
// sections share them), and signs are found by interval evaluation in
// float64 first (interval_perf.go), then big.Float, then exactly.
//
// Root count (Sturm–Habicht; Basu, Pollack, Roy, Algorithms in Real
// Algebraic Geometry, Thm 4.31 and Def 4.30). Let P of degree d be the
// polynomial f(s, ·) (the reductum of f whose leading coefficient does not
// vanish at s). The number of distinct real roots of P is the Cauchy index
// Ind(P'/P) = PmV(sRes_d, sRes_{d−1}, …, sRes_0), the generalized
// permanences minus variations of the signed subresultant coefficients of
// P and P': sRes_d = lc(P), sRes_{d−1} = d·lc(P), and for i ≤ d − 2,
// sRes_i = ε_{d−i} psc_i(P, P') with ε_m = (−1)^{m(m−1)/2} (psc_i are the
// classical principal subresultant coefficients that poly computes).
// PmV of a list s_n, …, s_0 with s_n ≠ 0: let s_m be the next non-zero
// entry; PmV(s) = PmV(s_m, …, s_0) + ε_{n−m} sign(s_n s_m) when n − m is
// odd and PmV(s_m, …, s_0) when it is even. The signs are taken at s
// exactly: the psc_i are computed once per factor and degree, as
// polynomials in the lower variables (specialization commutes with
// subresultants when the formal degrees are kept, which the choice of the
// reductum ensures), and their signs at s come from interval evaluation
// with an exact fallback. A test checks the count against real root
// isolation on random polynomials with multiple roots.

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/relucad/relucad/poly"
)

// epsSign is ε_m = (−1)^{m(m−1)/2}.
func epsSign(m int) int {
	if (m*(m-1)/2)%2 == 0 {
		return 1
	}
	return -1
}

// pmv returns the generalized permanences minus variations of the sign
// list seq (seq[0] ≠ 0 is s_n, the last entry s_0).
func pmv(seq []int) int {
	res, prev := 0, 0
	for k := 1; k < len(seq); k++ {
		if seq[k] == 0 {
			continue
		}
		if (k-prev)%2 == 1 {
			res += epsSign(k-prev) * seq[prev] * seq[k]
		}
		prev = k
	}
	return res
}

// rootCountSigns returns the number of distinct real roots of a polynomial
// of degree d ≥ 1 whose leading coefficient has sign lc and whose
// principal subresultant coefficients with its derivative have signs
// psc[i] (i = 0 … d−2).
func rootCountSigns(d, lc int, psc []int) int {
	seq := []int{lc, lc}
	for i := d - 2; i >= 0; i-- {
		seq = append(seq, epsSign(d-i)*psc[i])
	}
	return pmv(seq)
}

// pscKey identifies the psc list of a factor's reductum.
type pscKey struct {
	f string
	d int
}

// pscDecomp is a polynomial in the lower variables written as
// sign · ∏ proj[l][i]^mult · rest, where rest is nil when it is a constant.
type pscDecomp struct {
	sign int
	facs []atomFactor
	rest *poly.Poly
}

// decompose splits p into projection factors by exact division (once per
// polynomial: the psc lists are cached, so their pointers are stable).
func (c *cad) decompose(p *poly.Poly) *pscDecomp {
	if d, ok := c.decomps[p]; ok {
		return d
	}
	d := &pscDecomp{sign: 1}
	rem := p
	for l := level0(p); l >= 0 && !rem.IsConst(); l-- {
		for i, h := range c.proj[l] {
			mult := 0
			for !rem.IsConst() {
				quo, err := rem.ExactQuo(h)
				if err != nil {
					break
				}
				rem, mult = quo, mult+1
			}
			if mult > 0 {
				d.facs = append(d.facs, atomFactor{l, i, mult})
			}
		}
	}
	if rem.IsConst() {
		d.sign = rem.LeadCoeff().Sign()
	} else {
		d.rest = rem
	}
	if c.decomps == nil {
		c.decomps = map[*poly.Poly]*pscDecomp{}
	}
	c.decomps[p] = d
	return d
}

// signWith returns the sign of p at s, using the known signs of the
// projection factors on the cell of s (signs may be nil) for the factors
// of p that are projection factors: a factor vanishing on the cell makes
// the sign 0 without a zero test, the slow part of exactSign.
func (c *cad) signWith(p *poly.Poly, s []*poly.RealAlg, signs [][]int) (int, error) {
	if p.IsZero() {
		return 0, nil
	}
	if signs == nil || len(signs) < len(s) || p.IsConst() {
		return c.exactSign(p, s)
	}
	d := c.decompose(p)
	sg := d.sign
	for _, af := range d.facs {
		f := signs[af.level][af.idx]
		if f == 0 {
			return 0, nil
		}
		if af.mult%2 == 1 {
			sg *= f
		}
	}
	if d.rest != nil {
		r, err := c.exactSign(d.rest, s)
		if err != nil {
			return 0, err
		}
		sg *= r
	}
	return sg, nil
}

// rootCount returns the number of distinct real roots of f(s, x_j),
// j = len(s), which is not identically zero. signs (may be nil) are the
// lower levels' factor signs on the cell of s.
func (c *cad) rootCount(f *poly.Poly, s []*poly.RealAlg, signs [][]int) (int, error) {
	j := len(s)
	cos, ok := c.coeffCache[f]
	if !ok {
		cos = coeffsIn(f, j)
		if c.coeffCache == nil {
			c.coeffCache = map[*poly.Poly][]*poly.Poly{}
		}
		c.coeffCache[f] = cos
	}
	d, lc := -1, 0
	for i := len(cos) - 1; i >= 0; i-- {
		if cos[i].IsZero() {
			continue
		}
		sg, err := c.exactSign(cos[i], s)
		if err != nil {
			return 0, err
		}
		if sg != 0 {
			d, lc = i, sg
			break
		}
	}
	switch {
	case d < 0:
		return 0, fmt.Errorf("semialg: internal error: root count of a factor vanishing at the sample")
	case d == 0:
		return 0, nil
	case d == 1:
		return 1, nil
	}
	key := pscKey{f.String(), d}
	pscs, ok := c.pscCache[key]
	if !ok {
		var ts []poly.Term
		for _, t := range f.Terms() {
			if int(t.Mon[j]) <= d {
				ts = append(ts, t)
			}
		}
		P := f.Ring().NewPoly(ts)
		pscs = poly.PrincipalSubresultantCoeffs(P, derivIn(P, j), j)
		if c.pscCache == nil {
			c.pscCache = map[pscKey][]*poly.Poly{}
		}
		c.pscCache[key] = pscs
	}
	sgs := make([]int, len(pscs))
	for i, p := range pscs {
		sg, err := c.signWith(p, s, signs)
		if err != nil {
			return 0, err
		}
		sgs[i] = sg
	}
	return rootCountSigns(d, lc, sgs), nil
}

// certifyRoots returns the candidates (increasing real roots of N, a
// superset of the real roots of g(s, x_j)) that are roots of g(s, x_j),
// which has exactly count distinct real roots: candidates are refined until
// interval evaluation has excluded all but count of them. If that takes
// too long, the remaining candidates are tested exactly.
//
// Sign changes first: a candidate's bracket (lo, hi) holds exactly one root
// of N, and its endpoints are not roots of N, hence not roots of g(s, ·);
// when g(s, lo) and g(s, hi) have opposite signs the bracket holds a root
// of g(s, ·), which can only be the candidate. Those signs are signs at
// rational x_j, cheap to decide with the sample's brackets alone (no
// refinement of N's roots, the slow part). If the sign changes account for
// all count roots — every root simple, as over the sectors of a
// discriminant — the other candidates are excluded without further work.
func (c *cad) certifyRoots(g *poly.Poly, s []*poly.RealAlg, cands []*poly.RealAlg, count int) ([]*poly.RealAlg, error) {
	gTerms, gVars := g.Terms(), g.Vars()
	j := len(s)
	certified := make([]bool, len(cands))
	excluded := make([]bool, len(cands)) // no root of g(s, ·) in the bracket
	var dTerms []poly.Term               // ∂g/∂x_j, when needed
	var dVars []int
	nCert := 0
	for k, b := range cands {
		lo, hi := b.Interval()
		if lo.Cmp(hi) == 0 {
			continue
		}
		sl, err := c.signAtRational(gTerms, gVars, s, lo)
		if err != nil {
			return nil, err
		}
		if sl == 0 {
			continue
		}
		sh, err := c.signAtRational(gTerms, gVars, s, hi)
		if err != nil {
			return nil, err
		}
		if sh == -sl {
			certified[k] = true
			nCert++
			continue
		}
		if sh == sl {
			// No sign change: if g(s, ·) is monotone on the bracket it has
			// no root there.
			if dTerms == nil {
				d := derivIn(g, j)
				dTerms, dVars = d.Terms(), d.Vars()
			}
			box := make([][2]*big.Rat, j+1)
			for _, v := range dVars {
				if v == j {
					box[v] = [2]*big.Rat{lo, hi}
				} else {
					l, h := s[v].Interval()
					box[v] = [2]*big.Rat{l, h}
				}
			}
			if len(dTerms) > 0 && intervalSignPrec(dTerms, dVars, box, 256) != 0 {
				excluded[k] = true
			}
		}
	}
	if nCert == count {
		var out []*poly.RealAlg
		for k, b := range cands {
			if certified[k] {
				out = append(out, b)
			}
		}
		return out, nil
	}
	if nCert > count {
		return nil, fmt.Errorf("semialg: internal error: %d real roots counted, %d sign changes found", count, nCert)
	}
	var rest []*poly.RealAlg
	for k, b := range cands {
		if !certified[k] && !excluded[k] {
			rest = append(rest, b)
		}
	}
	if len(rest) == count-nCert {
		// Every root of g(s, ·) is a candidate; the rest are the roots not
		// found by sign changes (of even multiplicity).
		var out []*poly.RealAlg
		for k, b := range cands {
			if !excluded[k] {
				out = append(out, b)
			}
		}
		return out, nil
	}
	others, err := c.certifyRest(g, gTerms, gVars, s, rest, count-nCert)
	if err != nil {
		return nil, err
	}
	var out []*poly.RealAlg
	for k, b := range cands {
		if certified[k] || slices.Contains(others, b) {
			out = append(out, b)
		}
	}
	return out, nil
}

// signAtRational returns the sign of the polynomial with the given terms
// at (s, x) for a rational x when interval evaluation on the sample's
// brackets (refined once) proves it, else 0 (unknown, possibly zero).
func (c *cad) signAtRational(terms []poly.Term, vars []int, s []*poly.RealAlg, x *big.Rat) (int, error) {
	j := len(s)
	box := make([][2]*big.Rat, j+1)
	// At the brackets as they are, then once with the sample refined to
	// 16 bits: a value still undecided is tiny (the endpoint is close to a
	// root), and refining the candidates (certifyRest) is cheaper than
	// refining the sample much further — measured on the bench quartic.
	for _, bits := range []uint{0, 16} {
		if bits > 0 {
			for _, v := range vars {
				if v < j {
					if err := c.refine(s[v], bits); err != nil {
						return 0, err
					}
				}
			}
		}
		for _, v := range vars {
			if v == j {
				box[v] = [2]*big.Rat{x, x}
			} else {
				lo, hi := s[v].Interval()
				box[v] = [2]*big.Rat{lo, hi}
			}
		}
		if sg := intervalSignPrec(terms, vars, box, 2*bits+128); sg != 0 {
			return sg, nil
		}
	}
	return 0, nil
}

// certifyRest is certifyRoots' refinement loop: it returns the candidates
// that are roots of g(s, x_j), exactly count of them.
func (c *cad) certifyRest(g *poly.Poly, gTerms []poly.Term, gVars []int, s []*poly.RealAlg, cands []*poly.RealAlg, count int) ([]*poly.RealAlg, error) {
	j := len(s)
	if count == 0 {
		return nil, nil
	}
	alive := slices.Clone(cands)
	for bits := uint(16); bits <= 4096; bits *= 2 {
		if err := c.ctx.Err(); err != nil {
			return nil, fmt.Errorf("semialg: CAD lifting: %w", err)
		}
		var next []*poly.RealAlg
		for _, b := range alive {
			box := make([][2]*big.Rat, j+1)
			for _, v := range gVars {
				var lo, hi *big.Rat
				if v == j {
					lo, hi = b.Interval()
				} else {
					lo, hi = s[v].Interval()
				}
				box[v] = [2]*big.Rat{lo, hi}
			}
			if intervalSignPrec(gTerms, gVars, box, 2*bits+128) != 0 {
				continue
			}
			next = append(next, b)
		}
		alive = next
		if len(alive) == count {
			return alive, nil
		}
		if len(alive) < count {
			return nil, fmt.Errorf("semialg: internal error: %d real roots counted, %d found", count, len(alive))
		}
		for _, v := range gVars {
			if v < j {
				if err := c.refine(s[v], bits); err != nil {
					return nil, err
				}
			}
		}
		for _, b := range alive {
			if err := c.refine(b, bits); err != nil {
				return nil, err
			}
		}
	}
	var out []*poly.RealAlg
	for _, b := range alive {
		sg, err := c.sign(g, append(slices.Clip(s), b))
		if err != nil {
			return nil, err
		}
		if sg == 0 {
			out = append(out, b)
		}
	}
	return out, nil
}

// intervalSign returns the sign of the polynomial with the given terms on
// the box (box[v] = [lo, hi] for v in vars) when interval evaluation
// proves it, else 0. The evaluation uses big.Float with outward rounding
// (lower bounds rounded toward −∞, upper bounds toward +∞, so the computed
// interval contains the exact range) at a precision that grows with the
// box's rationals: as the box shrinks the interval converges to the value,
// and exact rational interval arithmetic spent most of its time in gcds.
func intervalSign(terms []poly.Term, vars []int, box [][2]*big.Rat) int {
	return intervalSignPrec(terms, vars, box, 0)
}

// intervalSignPrec is intervalSign with the working precision capped at
// maxPrec bits (0: no cap). Any precision is sound — the endpoints are
// rounded outward too — but a precision far above −log2 of the box width
// buys nothing: refined brackets have endpoints with thousands of bits
// (Newton steps) while the callers need only about twice their width's
// bits, so they pass a cap derived from it.
func intervalSignPrec(terms []poly.Term, vars []int, box [][2]*big.Rat, maxPrec uint) int {
	if sg, wide := intervalSign64(terms, vars, box); sg != 0 || wide {
		return sg
	}
	prec := uint(64)
	for _, v := range vars {
		for _, x := range box[v] {
			prec = max(prec, uint(x.Num().BitLen()+x.Denom().BitLen())+64)
		}
	}
	if maxPrec > 0 {
		prec = min(prec, max(maxPrec, 64))
	}
	down := func() *big.Float { return new(big.Float).SetPrec(prec).SetMode(big.ToNegativeInf) }
	up := func() *big.Float { return new(big.Float).SetPrec(prec).SetMode(big.ToPositiveInf) }
	type fint struct{ lo, hi *big.Float }
	bx := make([]fint, len(box))
	for _, v := range vars {
		bx[v] = fint{down().SetRat(box[v][0]), up().SetRat(box[v][1])}
	}
	// absPow returns |a|^e rounded in a's direction (monotone: the factors
	// are non-negative).
	absPow := func(a *big.Float, e uint32, mk func() *big.Float) *big.Float {
		b := mk().Abs(a)
		r := mk().SetInt64(1)
		for k := uint32(0); k < e; k++ {
			r.Mul(r, b)
		}
		return r
	}
	pow := func(x fint, e uint32) fint {
		if e%2 == 1 {
			lo, hi := absPow(x.lo, e, down), absPow(x.hi, e, up)
			if x.lo.Sign() < 0 {
				lo = absPow(x.lo, e, up)
				lo.Neg(lo)
			}
			if x.hi.Sign() < 0 {
				hi = absPow(x.hi, e, down)
				hi.Neg(hi)
			}
			return fint{lo, hi}
		}
		switch {
		case x.lo.Sign() >= 0:
			return fint{absPow(x.lo, e, down), absPow(x.hi, e, up)}
		case x.hi.Sign() <= 0:
			return fint{absPow(x.hi, e, down), absPow(x.lo, e, up)}
		}
		a, b := absPow(x.lo, e, up), absPow(x.hi, e, up)
		if a.Cmp(b) < 0 {
			a = b
		}
		return fint{down(), a}
	}
	mul := func(x, y fint) fint {
		lo, hi := (*big.Float)(nil), (*big.Float)(nil)
		for _, a := range []*big.Float{x.lo, x.hi} {
			for _, b := range []*big.Float{y.lo, y.hi} {
				l, h := down().Mul(a, b), up().Mul(a, b)
				if lo == nil || l.Cmp(lo) < 0 {
					lo = l
				}
				if hi == nil || h.Cmp(hi) > 0 {
					hi = h
				}
			}
		}
		return fint{lo, hi}
	}
	sum := fint{down(), up()}
	for _, t := range terms {
		acc := fint{down().SetRat(t.Coef), up().SetRat(t.Coef)}
		for _, v := range vars {
			if e := t.Mon[v]; e > 0 {
				acc = mul(acc, pow(bx[v], e))
			}
		}
		sum.lo.Add(sum.lo, acc.lo)
		sum.hi.Add(sum.hi, acc.hi)
	}
	switch {
	case sum.lo.Sign() > 0:
		return 1
	case sum.hi.Sign() < 0:
		return -1
	}
	return 0
}

// ratSign returns the sign of the polynomial with the given terms at the
// rational point x (x[v] for v in vars) in integer arithmetic: with
// x_v = n_v/d_v, D_v the largest exponent of x_v and L the lcm of the
// coefficients' denominators, L·∏ d_v^{D_v}·p(x) is an integer of the same
// sign (the factor is positive), a sum of products of integers — no
// rational normalization (gcds) on the way.
func ratSign(terms []poly.Term, vars []int, x []*big.Rat) int {
	// A float64 interval evaluation at the point decides most signs
	// without big-integer products.
	var small [8][2]*big.Rat
	box := small[:0]
	if len(x) > len(small) {
		box = make([][2]*big.Rat, 0, len(x))
	}
	for _, r := range x {
		box = append(box, [2]*big.Rat{r, r})
	}
	if sg, _ := intervalSign64(terms, vars, box); sg != 0 {
		return sg
	}
	L := big.NewInt(1)
	g := new(big.Int)
	for _, t := range terms {
		d := t.Coef.Denom()
		g.GCD(nil, nil, L, d)
		L.Mul(L, new(big.Int).Quo(d, g))
	}
	maxExp := map[int]uint32{}
	for _, t := range terms {
		for _, v := range vars {
			maxExp[v] = max(maxExp[v], t.Mon[v])
		}
	}
	// powers[v][k] = (n_v^k, d_v^k)
	type pw struct{ n, d []*big.Int }
	powers := map[int]pw{}
	for _, v := range vars {
		D := maxExp[v]
		p := pw{make([]*big.Int, D+1), make([]*big.Int, D+1)}
		p.n[0], p.d[0] = big.NewInt(1), big.NewInt(1)
		for k := uint32(1); k <= D; k++ {
			p.n[k] = new(big.Int).Mul(p.n[k-1], x[v].Num())
			p.d[k] = new(big.Int).Mul(p.d[k-1], x[v].Denom())
		}
		powers[v] = p
	}
	sum, term := new(big.Int), new(big.Int)
	for _, t := range terms {
		term.Quo(L, t.Coef.Denom())
		term.Mul(term, t.Coef.Num())
		for _, v := range vars {
			e, p := t.Mon[v], powers[v]
			if e > 0 {
				term.Mul(term, p.n[e])
			}
			if D := maxExp[v]; D > e {
				term.Mul(term, p.d[D-e])
			}
		}
		sum.Add(sum, term)
	}
	return sum.Sign()
}
