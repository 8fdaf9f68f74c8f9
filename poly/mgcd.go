package poly

// Multivariate GCD, content and square-free decomposition over Q.
//
// # Method
//
// The inputs are scaled to integer coefficients and converted to recursive
// dense form (mgcd_rec.go) in the variables that occur, the chosen main
// variable outermost. Over Z[x_1, …, x_n] = Z[x_2, …, x_n][x_1] the GCD is
//
//	gcd(A, B) = gcd(cont A, cont B) · gcd(pp A, pp B),
//
// where cont is the GCD of the coefficients in x_1 (computed recursively)
// and pp = A / cont A. For the primitive parts, the reference algorithm is
// the subresultant polynomial remainder sequence (Collins 1967; Brown and
// Traub 1971):
//
//	R_0 = A, R_1 = B, R_{i+1} = prem(R_{i-1}, R_i) / (g_i h_i^δ_i),
//	g_i = lc(R_i), h_{i+1} = g_{i+1}^δ / h_i^(δ-1), δ_i = deg R_{i-1} - deg R_i,
//
// whose members are (up to sign) subresultants, so every division is exact
// and the coefficients stay polynomial in the input size. The last nonzero
// R_k has the GCD as its primitive part; a nonzero constant remainder means
// the primitive parts are coprime. Gauss's lemma makes the result over Z the
// GCD over Q as well; it is returned primitive with a positive leading
// coefficient in the ring's order.
//
// The fast path first reduces the number of variables when one occurs in
// only one input (gcdSplitVars: the GCD is then that of the coefficients
// with respect to it). Then come stages that each fall through to the next
// when they decline: the flat dense modular algorithm of mgcd_dense.go
// (word-size boxes, random evaluation points with early termination, the
// candidate certified by exact division over Z and a degree argument);
// Zippel's sparse interpolation (zippel.go, same certificate) when the
// dense boxes would be much larger than the inputs; Brown's dense modular
// algorithm (mgcd_modular.go), which is complete. The tests run every
// stage and the subresultant reference on the same inputs and require
// identical output.
//
// Measured on the benchmark inputs of ../shared/bench/inputs/gcd (3 and 4
// variables, dense, total degree 5 to 10, two-digit coefficients): the
// dense stage answers them all with one prime, in 0.3 to 10 ms of CPU,
// where Brown's recursive-tree implementation took 2 to 69 ms; its time
// splits roughly 40% images modulo p, 30% the two exact divisions, 15%
// converting to and from Poly. On random sparse products in 8 to 10
// variables the Zippel stage is about 3 times faster than Brown's.
//
// Worked example: A = x^2 - y^2, B = x^2 + 2xy + y^2 in Z[y][x]. Both are
// primitive in x; prem(A, B) = -2xy - 2y^2, whose primitive part in x is
// x + y; prem(B, x + y) = 0, so gcd = x + y.
//
// Termination: each step lowers deg R_i in x_1; the recursion on contents
// lowers the number of variables.

import (
	"context"
	"fmt"
	"math/big"
	"slices"
)

// Factor is a polynomial with a multiplicity, as returned by SquareFree (and
// by factorization).
type Factor struct {
	Poly *Poly
	Mult int
}

// occurringVars returns the sorted indices of the variables that occur in
// any of ps.
func occurringVars(ps ...*Poly) []int {
	if len(ps) == 0 {
		return nil
	}
	n := ps[0].r.NumVars()
	seen := make([]bool, n)
	for _, p := range ps {
		for _, t := range p.terms {
			for i, e := range t.Mon {
				if e != 0 {
					seen[i] = true
				}
			}
		}
	}
	var vs []int
	for i, s := range seen {
		if s {
			vs = append(vs, i)
		}
	}
	return vs
}

// varOrderWithMain returns vars with v moved to the front (v added if it does
// not occur).
func varOrderWithMain(vars []int, v int) []int {
	out := []int{v}
	for _, x := range vars {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}

// polyDenLCM returns the least common multiple of the coefficient
// denominators of p.
func polyDenLCM(p *Poly) *big.Int {
	d := big.NewInt(1)
	g := new(big.Int)
	for _, t := range p.terms {
		den := t.Coef.Denom()
		if den.Cmp(mvOne) == 0 {
			continue
		}
		g.GCD(nil, nil, d, den)
		d.Mul(d, new(big.Int).Quo(den, g))
	}
	return d
}

type mvIntTerm struct {
	e []int
	c *big.Int
}

// polyToRec converts d·p to recursive dense form in the variables vars
// (vars[0] outermost), where d = polyDenLCM(p) is returned too. Every
// variable occurring in p must be listed in vars.
func polyToRec(p *Poly, vars []int) (rp, *big.Int) {
	d := polyDenLCM(p)
	ts := make([]mvIntTerm, len(p.terms))
	for i, t := range p.terms {
		e := make([]int, len(vars))
		for j, v := range vars {
			e[j] = int(t.Mon[v])
		}
		c := new(big.Int).Mul(t.Coef.Num(), d)
		c.Quo(c, t.Coef.Denom())
		ts[i] = mvIntTerm{e, c}
	}
	return rpBuild(ts, 0, len(vars)), d
}

func rpBuild(ts []mvIntTerm, lvl, nv int) rp {
	if len(ts) == 0 {
		return rp{}
	}
	if lvl == nv {
		s := new(big.Int)
		for _, t := range ts {
			s.Add(s, t.c)
		}
		return rpInt(s)
	}
	maxd := 0
	for _, t := range ts {
		maxd = max(maxd, t.e[lvl])
	}
	buckets := make([][]mvIntTerm, maxd+1)
	for _, t := range ts {
		buckets[t.e[lvl]] = append(buckets[t.e[lvl]], t)
	}
	cs := make([]rp, maxd+1)
	for i, b := range buckets {
		cs[i] = rpBuild(b, lvl+1, nv)
	}
	return rpTrim(cs)
}

// recToPoly converts a/den (den nil means 1) back to a Poly of R, the
// recursive variables being vars (vars[0] outermost). The level of a must be
// len(vars).
func recToPoly(a rp, R *Ring, vars []int, den *big.Int) *Poly {
	var ts []Term
	e := make([]uint32, R.NumVars())
	var walk func(a rp, lvl int)
	walk = func(a rp, lvl int) {
		if a.isZero() {
			return
		}
		if lvl == len(vars) {
			c := new(big.Rat).SetInt(a.k)
			if den != nil {
				c.Quo(c, new(big.Rat).SetInt(den))
			}
			ts = append(ts, Term{Mon: Monomial(slices.Clone(e)), Coef: c})
			return
		}
		for i, c := range a.cs {
			e[vars[lvl]] = uint32(i)
			walk(c, lvl+1)
		}
		e[vars[lvl]] = 0
	}
	walk(a, 0)
	return R.NewPoly(ts)
}

// normalizeZ returns the primitive integer polynomial proportional to p with
// a positive leading coefficient in the ring order (0 for 0).
func normalizeZ(p *Poly) *Poly {
	if p.IsZero() {
		return p
	}
	// content = gcd(numerators) / lcm(denominators)
	num := new(big.Int)
	for _, t := range p.terms {
		num.GCD(nil, nil, num, new(big.Int).Abs(t.Coef.Num()))
	}
	c := new(big.Rat).SetFrac(num, polyDenLCM(p))
	if p.terms[0].Coef.Sign() < 0 {
		c.Neg(c)
	}
	if c.Cmp(big.NewRat(1, 1)) == 0 {
		return p
	}
	ts := make([]Term, len(p.terms))
	for i, t := range p.terms {
		ts[i] = Term{Mon: t.Mon, Coef: new(big.Rat).Quo(t.Coef, c)}
	}
	return p.r.NewPoly(ts)
}

// GCD returns the greatest common divisor of f and g in Q[x_1, …, x_n],
// normalized to be primitive over Z (integer coefficients with GCD 1) with a
// positive leading coefficient in the ring's monomial order. GCD(0, 0) = 0,
// and GCD(f, 0) is the normalization of f.
//
// Algorithm: variables occurring in only one input are split off; then a
// dense modular GCD with early termination and an exact certificate
// (mgcd_dense.go), or Zippel's sparse interpolation for sparse inputs
// (zippel.go); Brown's dense modular GCD (mgcd_modular.go) when those
// decline, and the subresultant PRS reference when no good prime is found;
// see the file comment. Panics with
// ErrRingMismatch when f and g belong to different rings.
func GCD(f, g *Poly) *Poly {
	f.sameRing(g)
	return gcdDispatch(f, g, true, nil)
}

// GCDCtx is GCD honouring ctx: it returns an error wrapping ctx.Err() when
// ctx is cancelled or its deadline passes during the computation.
func GCDCtx(ctx context.Context, f, g *Poly) (h *Poly, err error) {
	f.sameRing(g)
	defer recoverCancel(&err, "GCD")
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("poly: GCD cancelled: %w", err)
	}
	return gcdDispatch(f, g, true, newCanceler(ctx)), nil
}

// mgcdSubresultant is GCD by the subresultant reference algorithm only.
func mgcdSubresultant(f, g *Poly) *Poly {
	f.sameRing(g)
	return gcdDispatch(f, g, false, nil)
}

func gcdDispatch(f, g *Poly, fast bool, cc *canceler) *Poly {
	R := f.r
	if f.IsZero() {
		return normalizeZ(g)
	}
	if g.IsZero() {
		return normalizeZ(f)
	}
	vars := occurringVars(f, g)
	if len(vars) == 0 {
		return R.One()
	}
	if fast {
		if h, ok := gcdSplitVars(f, g, cc); ok {
			return h
		}
		if h, ok := gcdDenseDirect(f, g, vars, cc); ok {
			return h
		}
		if !denseOK(polyExtents(f, vars)) || !denseOK(polyExtents(g, vars)) {
			if h, ok := gcdZippel(f, g, vars, cc); ok {
				return h
			}
		}
	}
	F, _ := polyToRec(f, vars)
	G, _ := polyToRec(g, vars)
	var h rp
	if fast {
		h = rpGCDFast(F, G, cc)
	} else {
		h = rpGCD(F, G)
	}
	return normalizeZ(recToPoly(h, R, vars, nil))
}

// GCDCofactors returns h = GCD(f, g) together with the exact cofactors
// cf = f/h and cg = g/h (rational coefficients), so that f = h·cf and
// g = h·cg. For f = g = 0 all three are 0. Panics with ErrRingMismatch when
// f and g belong to different rings.
func GCDCofactors(f, g *Poly) (h, cf, cg *Poly) {
	f.sameRing(g)
	R := f.r
	if f.IsZero() && g.IsZero() {
		return R.Zero(), R.Zero(), R.Zero()
	}
	h = GCD(f, g)
	return h, exactQuoRec(f, h), exactQuoRec(g, h)
}

// exactQuoRec divides f by a divisor h known to divide it over Q.
func exactQuoRec(f, h *Poly) *Poly {
	if f.IsZero() {
		return f
	}
	vars := occurringVars(f, h)
	if len(vars) == 0 {
		return f.ScaleRat(new(big.Rat).Inv(h.terms[0].Coef))
	}
	F, df := polyToRec(f, vars)
	H, dh := polyToRec(h, vars)
	// f/h = (F/df)/(H/dh) = (F/H)·dh/df, and F/H is exact over Q; over Z it
	// may leave an integer factor: divide F·lc by H with lc the base LC of H.
	lh := new(big.Int).Set(H.baseLC())
	q, ok := rpExactDiv(rpScale(F, lh), H)
	if !ok {
		panic(Error{"poly: internal error: GCD does not divide its input"})
	}
	den := new(big.Int).Mul(df, lh)
	p := recToPoly(q, f.r, vars, nil)
	return p.ScaleRat(new(big.Rat).SetFrac(dh, den))
}

// ContentIn returns the content of f with respect to the variable v: the GCD
// (normalized as by GCD) of the coefficients of the powers of v, a
// polynomial in which v does not occur. ContentIn(0, v) = 0. Panics with
// ErrVarRange for a bad v.
func ContentIn(f *Poly, v int) *Poly {
	f.r.checkVar(v)
	if f.IsZero() {
		return f
	}
	vars := varOrderWithMain(occurringVars(f), v)
	F, _ := polyToRec(f, vars)
	c := rpContentWith(F, func(a, b rp) rp { return rpGCDFast(a, b, nil) })
	return normalizeZ(recToPoly(rpLift(c), f.r, vars, nil))
}

// PrimitivePartIn returns f / ContentIn(f, v), so that
// f = ContentIn(f, v) · PrimitivePartIn(f, v) exactly. PrimitivePartIn(0, v)
// = 0. Panics with ErrVarRange for a bad v.
func PrimitivePartIn(f *Poly, v int) *Poly {
	if f.IsZero() {
		f.r.checkVar(v)
		return f
	}
	return exactQuoRec(f, ContentIn(f, v))
}

// SquareFree returns the square-free decomposition of f: factors
// (f_1, 1), (f_2, 2), … with f = c · Π f_i^i, where each f_i is square-free,
// primitive over Z with a positive leading coefficient in the ring order,
// of positive degree, and the f_i are pairwise coprime. The rational unit c
// comes first as a constant factor with Mult 1 when c ≠ 1. SquareFree(0)
// returns [(0, 1)]; for a nonzero constant only the constant (if ≠ 1) is
// returned.
//
// Algorithm: recursively, the content with respect to the main variable is
// decomposed in fewer variables, and the primitive part by Yun's algorithm
// (in characteristic 0 every factor of a primitive polynomial involves the
// main variable, so gcd(f, ∂f/∂x) captures all repeated factors); factors of
// equal multiplicity are multiplied together.
func SquareFree(f *Poly) []Factor {
	R := f.r
	if f.IsZero() {
		return []Factor{{R.Zero(), 1}}
	}
	vars := occurringVars(f)
	byMult := map[int]rp{}
	if len(vars) > 0 {
		F, _ := polyToRec(f, vars)
		for _, fm := range rpSquareFree(F) {
			p := fm.p
			if q, ok := byMult[fm.m]; ok {
				p = rpMul(q, p)
			}
			byMult[fm.m] = p
		}
	}
	mults := make([]int, 0, len(byMult))
	for m := range byMult {
		mults = append(mults, m)
	}
	slices.Sort(mults)
	c := new(big.Rat).Set(f.terms[0].Coef)
	var out []Factor
	for _, m := range mults {
		p := normalizeZ(recToPoly(byMult[m], R, vars, nil))
		lc := p.terms[0].Coef
		for i := 0; i < m; i++ {
			c.Quo(c, lc)
		}
		out = append(out, Factor{p, m})
	}
	if c.Cmp(big.NewRat(1, 1)) != 0 {
		out = append([]Factor{{R.Const(c), 1}}, out...)
	}
	return out
}

type rpFactor struct {
	p rp
	m int
}

// rpSquareFree returns the square-free factors (with multiplicities) of a
// nonzero a of level ≥ 1; their product equals a up to an integer constant.
// Factors are primitive with positive base leading coefficient.
func rpSquareFree(a rp) []rpFactor {
	if a.k != nil {
		return nil
	}
	gcd := func(a, b rp) rp { return rpGCDFast(a, b, nil) }
	cont := rpContentWith(a, gcd)
	pp, _ := rpDivCoef(a, cont)
	var out []rpFactor
	for _, fm := range rpSquareFree(cont) {
		out = append(out, rpFactor{rpLift(fm.p), fm.m})
	}
	if pp.deg() == 0 {
		return out
	}
	pp = rpNormSign(pp)
	d := rpDeriv(pp)
	g := gcd(pp, d)
	c := rpMustDiv(pp, g)
	dd := rpSub(rpMustDiv(d, g), rpDeriv(c))
	for i := 1; c.deg() > 0; i++ {
		y := gcd(c, dd)
		if y.deg() > 0 {
			out = append(out, rpFactor{y, i})
		}
		c = rpMustDiv(c, y)
		dd = rpSub(rpMustDiv(dd, y), rpDeriv(c))
	}
	return out
}

// gcdSplitVars handles nonzero f, g where some variable occurs in only one
// of them: the GCD divides the other input, so it is free of that
// variable, and a polynomial free of y divides f exactly when it divides
// every coefficient of f with respect to y. So gcd(f, g) is the GCD of the
// coefficients of f with respect to its exclusive variables and those of g
// with respect to its own, in fewer variables (most GCDs of sparse inputs
// in many variables shrink this way to a constant after a few steps).
// ok is false when every variable occurs in both.
func gcdSplitVars(f, g *Poly, cc *canceler) (*Poly, bool) {
	n := f.r.NumVars()
	inF, inG := make([]bool, n), make([]bool, n)
	for _, v := range occurringVars(f) {
		inF[v] = true
	}
	for _, v := range occurringVars(g) {
		inG[v] = true
	}
	split := false
	for v := range n {
		if inF[v] != inG[v] {
			split = true
		}
	}
	if !split {
		return nil, false
	}
	// coefficients of p with respect to the variables it has and q lacks
	coeffs := func(p *Poly, own, other []bool) []*Poly {
		groups := map[string][]Term{}
		var keys []string
		key := make([]byte, 0, 4*n)
		for _, t := range p.terms {
			key = key[:0]
			m := slices.Clone(t.Mon)
			for v := range n {
				if own[v] && !other[v] {
					key = append(key, byte(m[v]), byte(m[v]>>8), byte(m[v]>>16), byte(m[v]>>24))
					m[v] = 0
				}
			}
			k := string(key)
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], Term{Mon: m, Coef: t.Coef})
		}
		out := make([]*Poly, len(keys))
		for i, k := range keys {
			out[i] = p.r.NewPoly(groups[k])
		}
		return out
	}
	cs := append(coeffs(f, inF, inG), coeffs(g, inG, inF)...)
	slices.SortStableFunc(cs, func(a, b *Poly) int { return len(a.terms) - len(b.terms) })
	h := cs[0]
	for _, c := range cs[1:] {
		if h.IsConst() {
			break
		}
		cc.checkNow()
		h = gcdDispatch(h, c, true, cc)
	}
	if h.IsConst() {
		return f.r.One(), true
	}
	return normalizeZ(h), true
}

// polyExtents returns the extents (degree + 1) of p in vars and its number
// of terms.
func polyExtents(p *Poly, vars []int) ([]int, int) {
	d := make([]int, len(vars))
	for _, t := range p.terms {
		for i, v := range vars {
			d[i] = max(d[i], int(t.Mon[v])+1)
		}
	}
	return d, len(p.terms)
}
