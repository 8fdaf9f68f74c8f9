package poly

// Resultants, discriminants and subresultants of multivariate polynomials
// with respect to a chosen variable.
//
// # Definitions
//
// For P, Q with deg_x P = p, deg_x Q = q and coefficients in the ring D of
// the other variables, the j-th subresultant (0 ≤ j < min(p, q)) is the
// determinant polynomial
//
//	S_j(P, Q) = detpol(x^{q-j-1}P, …, xP, P, x^{p-j-1}Q, …, xQ, Q),
//
// the (p+q-2j)-rowed matrix of the coefficients (highest power first) of
// those polynomials, with the last column replaced by each of the columns of
// x^j, …, x^0 in turn. Its coefficient of x^j is the principal subresultant
// coefficient psc_j; S_0 = psc_0 = Res(P, Q), the Sylvester determinant.
// Conventions (those of PARI/GP and FLINT): Res(P, Q) = 0 if either is 0;
// Res(c, Q) = c^q for a nonzero constant c (so Res of two nonzero constants
// is 1); Res(Q, P) = (-1)^{pq} Res(P, Q). The discriminant is normalized:
//
//	disc_x(P) = (-1)^{p(p-1)/2} Res(P, ∂P/∂x) / lc_x(P),
//
// so disc(ax^2 + bx + c) = b^2 - 4ac; it is 0 when deg_x P ≤ 0 (consistent
// with the formula, as ∂P/∂x = 0).
//
// # Algorithms
//
// mresultantSubresultant (the reference) runs the subresultant PRS (Collins;
// Cohen, A Course in Computational Algebraic Number Theory, alg. 3.3.7) in
// recursive dense form over Z, tracking the sign of the degree swaps: with
// δ = deg A - deg B, A ← B, B ← prem(A, B)/(g h^δ), g ← lc(A),
// h ← h^{1-δ} g^δ, and finally Res = s · lc(B)^{deg A} / h^{deg A - 1}.
//
// subresultantChain computes all S_j by Ducos' form of the subresultant
// algorithm (L. Ducos, Optimizations of the subresultant algorithm, JPAA
// 145, 2000), with Lazard's trick for the defective (gap) case:
// S_e = lc(S_{d-1})^{d-e-1} S_{d-1} / s_d^{d-e-1}, and the next member
// S_{e-1} = prem(S_d', -S_{d-1}) / (s_d^{d-e} · lc(S_d')).
//
// mresultantModular (the fast path for large inputs) is evaluation and
// interpolation modulo word-size primes with Chinese remaindering: for each
// prime p and each point α of the last remaining variable with
// lc_x P(α) lc_x Q(α) ≠ 0 (mod p) the Sylvester matrix specializes, so
// Res(P, Q)(α) = Res(P(α), Q(α)); the other variables are handled
// recursively, the innermost level is the Euclidean algorithm over F_p
// (Res(A, B) = (-1)^{ab} lc(B)^{a-r} Res(B, A mod B)), and the values are
// interpolated (Newton) up to the degree bound
// deg_y Res ≤ q·deg_y P + p·deg_y Q. Primes are added until their product
// exceeds twice Hadamard's bound on the coefficients: evaluating the
// entries on the unit torus bounds each by its 1-norm, so
// |coef(Res)| ≤ max_torus |Res| ≤ Π_rows ‖row‖_2, rows of 1-norms.
// The answer is therefore exact, not probabilistic.

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"sync"
)

// Resultant returns the resultant of f and g with respect to the variable
// v, a polynomial in which v does not occur (conventions in the file
// comment; coefficients over Q are allowed: Res(f/a, g/b) = Res(f,g)/(a^q b^p)).
// Panics with ErrRingMismatch or ErrVarRange.
func Resultant(f, g *Poly, v int) *Poly {
	return resultantDispatch(f, g, v, 0, nil)
}

// ResultantCtx is Resultant honouring ctx: it returns an error wrapping
// ctx.Err() when ctx is cancelled or its deadline passes.
func ResultantCtx(ctx context.Context, f, g *Poly, v int) (res *Poly, err error) {
	defer recoverCancel(&err, "resultant")
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("poly: resultant cancelled: %w", err)
	}
	return resultantDispatch(f, g, v, 0, newCanceler(ctx)), nil
}

// DiscriminantCtx is Discriminant honouring ctx.
func DiscriminantCtx(ctx context.Context, f *Poly, v int) (res *Poly, err error) {
	defer recoverCancel(&err, "discriminant")
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("poly: discriminant cancelled: %w", err)
	}
	return discriminantAlg(f, v, 0, newCanceler(ctx)), nil
}

// mresultantSubresultant and mresultantModular force one algorithm (tests).
func mresultantSubresultant(f, g *Poly, v int) *Poly { return resultantDispatch(f, g, v, 1, nil) }
func mresultantModular(f, g *Poly, v int) *Poly      { return resultantDispatch(f, g, v, 2, nil) }

func resultantDispatch(f, g *Poly, v int, alg int, cc *canceler) *Poly {
	f.sameRing(g)
	R := f.r
	R.checkVar(v)
	if f.IsZero() || g.IsZero() {
		return R.Zero()
	}
	vars := varOrderWithMain(occurringVars(f, g), v)
	F, df := polyToRec(f, vars)
	G, dg := polyToRec(g, vars)
	res := rpResultantAlg(F, G, alg, cc)
	p, q := F.deg(), G.deg()
	den := new(big.Int).Exp(df, big.NewInt(int64(q)), nil)
	den.Mul(den, new(big.Int).Exp(dg, big.NewInt(int64(p)), nil))
	return recToPoly(res, R, vars[1:], den)
}

// modularResultantMinDeg: below this main-variable degree (of the smaller
// input) the subresultant PRS is used. Measured on random inputs with
// 7-bit coefficients (2 and 3 variables, degree d in each, 3d terms; the
// machine shared and loaded): at d = 3 PRS 5 µs vs modular 59 µs, at d = 4
// 0.54 ms vs 0.41 ms (bivariate) and 25 ms vs 2.5 ms (trivariate), at
// d = 6 8.7 ms vs 0.75 ms and 2.9 s vs 81 ms.
const modularResultantMinDeg = 4

// rpResultantAlg dispatches: alg 0 automatic, 1 subresultant, 2 modular.
func rpResultantAlg(A, B rp, alg int, cc *canceler) rp {
	if A.isZero() || B.isZero() {
		return rp{}
	}
	lvl := A.level() - 1
	da, db := A.deg(), B.deg()
	switch {
	case da == 0 && db == 0:
		return rpOne(lvl)
	case db == 0:
		return rpPow(B.cs[0], da, lvl)
	case da == 0:
		return rpPow(A.cs[0], db, lvl)
	}
	if alg == 2 || (alg == 0 && min(da, db) >= modularResultantMinDeg) {
		return rpResultantModular(A, B, cc)
	}
	return rpResultantPRS(A, B, cc)
}

// rpResultantPRS is the subresultant-PRS resultant of A, B (level ≥ 1,
// degrees ≥ 1 in the main variable); the result has level one less.
func rpResultantPRS(A, B rp, cc *canceler) rp {
	lvl := A.level() - 1
	sign := 1
	if A.deg() < B.deg() {
		A, B = B, A
		if A.deg()%2 == 1 && B.deg()%2 == 1 {
			sign = -sign
		}
	}
	g, h := rpOne(lvl), rpOne(lvl)
	for {
		cc.checkNow()
		da, db := A.deg(), B.deg()
		delta := da - db
		if da%2 == 1 && db%2 == 1 {
			sign = -sign
		}
		R := rpPremCC(A, B, cc)
		if R.isZero() {
			return rp{}
		}
		A = B
		B = rpMustDiv(R, rpLift(rpMul(g, rpPow(h, delta, lvl))))
		g = A.lc()
		switch {
		case delta == 0:
		case delta == 1:
			h = g
		default:
			h = rpMustDiv(rpPow(g, delta, lvl), rpPow(h, delta-1, lvl))
		}
		if B.deg() == 0 {
			n := A.deg()
			r := rpPow(B.cs[0], n, lvl)
			if n > 1 {
				r = rpMustDiv(r, rpPow(h, n-1, lvl))
			}
			if sign < 0 {
				r = rpNeg(r)
			}
			return r
		}
	}
}

// rpSubresultantChain returns S_0, …, S_{q-1} of P, Q (level ≥ 1) with
// deg P = p ≥ deg Q = q ≥ 1; entries that vanish are zero.
func rpSubresultantChain(P, Q rp) []rp {
	p, q := P.deg(), Q.deg()
	lvl := P.level() - 1
	S := make([]rp, q)
	s := rpPow(Q.lc(), p-q, lvl)
	A := Q
	B := rpPrem(P, rpNeg(Q))
	for {
		if B.isZero() {
			return S
		}
		d, e := A.deg(), B.deg()
		S[d-1] = B
		C := B
		if d-e > 1 {
			n := d - e - 1
			x := B.lc()
			c := x
			for i := 1; i < n; i++ {
				c = rpMustDiv(rpMul(c, x), s)
			}
			C = rpMustDiv(rpMulCoef(B, c), rpLift(s))
			S[e] = C
		}
		if e == 0 {
			return S
		}
		div := rpMul(rpPow(s, d-e, lvl), A.lc())
		B = rpMustDiv(rpPrem(A, rpNeg(B)), rpLift(div))
		A = C
		s = A.lc()
	}
}

// rpSubresultants returns S_0..S_{min(p,q)-1} of A, B for any degrees
// (≥ 1), with the determinantal sign convention (A's rows first).
func rpSubresultants(A, B rp) []rp {
	p, q := A.deg(), B.deg()
	if p >= q {
		return rpSubresultantChain(A, B)
	}
	S := rpSubresultantChain(B, A)
	for j := range S {
		if (p-j)*(q-j)%2 == 1 {
			S[j] = rpNeg(S[j])
		}
	}
	return S
}

// Subresultants returns the subresultants S_0, …, S_{m-1} of f and g with
// respect to v, m = min(deg_v f, deg_v g) (definition in the file comment;
// S_0 = Resultant(f, g, v) when m ≥ 1). It returns nil when m ≤ 0 (either
// polynomial is zero or free of v). Panics with ErrRingMismatch or
// ErrVarRange.
func Subresultants(f, g *Poly, v int) []*Poly {
	f.sameRing(g)
	R := f.r
	R.checkVar(v)
	if f.IsZero() || g.IsZero() {
		return nil
	}
	vars := varOrderWithMain(occurringVars(f, g), v)
	F, df := polyToRec(f, vars)
	G, dg := polyToRec(g, vars)
	p, q := F.deg(), G.deg()
	if min(p, q) <= 0 {
		return nil
	}
	S := rpSubresultants(F, G)
	out := make([]*Poly, len(S))
	for j, s := range S {
		// rows: q-j of f, p-j of g
		den := new(big.Int).Exp(df, big.NewInt(int64(q-j)), nil)
		den.Mul(den, new(big.Int).Exp(dg, big.NewInt(int64(p-j)), nil))
		out[j] = recToPoly(s, R, vars, den)
	}
	return out
}

// PrincipalSubresultantCoeffs returns psc_0, …, psc_{m-1} of f and g with
// respect to v (psc_j = coefficient of v^j in S_j, so psc_0 is the
// resultant), m = min(deg_v f, deg_v g); nil when m ≤ 0. These are the
// polynomials of Collins' and McCallum's CAD projections. Panics with
// ErrRingMismatch or ErrVarRange.
func PrincipalSubresultantCoeffs(f, g *Poly, v int) []*Poly {
	S := Subresultants(f, g, v)
	out := make([]*Poly, len(S))
	for j, s := range S {
		out[j] = coeffInVar(s, v, j)
	}
	return out
}

// coeffInVar is the coefficient of v^k of p (v removed).
func coeffInVar(p *Poly, v, k int) *Poly {
	var ts []Term
	for _, t := range p.terms {
		if int(t.Mon[v]) == k {
			m := t.Mon.Clone()
			m[v] = 0
			ts = append(ts, Term{Mon: m, Coef: t.Coef})
		}
	}
	return p.r.NewPoly(ts)
}

// Discriminant returns the normalized discriminant of f with respect to v:
// (-1)^{n(n-1)/2} Res_v(f, ∂f/∂v) / lc_v(f), n = deg_v f (as PARI/GP's
// poldisc and FLINT; Singular's discriminant is the unnormalized
// Res_v(f, ∂f/∂v)). It is 0 when deg_v f ≤ 0. Panics with ErrVarRange.
func Discriminant(f *Poly, v int) *Poly {
	return discriminantAlg(f, v, 0, nil)
}

func discriminantAlg(f *Poly, v int, alg int, cc *canceler) *Poly {
	R := f.r
	R.checkVar(v)
	if f.IsZero() {
		return R.Zero()
	}
	vars := varOrderWithMain(occurringVars(f), v)
	F, d := polyToRec(f, vars)
	n := F.deg()
	if n <= 0 {
		return R.Zero()
	}
	lvl := len(vars) - 1
	var D rp
	if n == 1 {
		D = rpOne(lvl)
	} else {
		res := rpResultantAlg(F, rpDeriv(F), alg, cc)
		D = rpMustDiv(res, F.lc())
		if (n*(n-1)/2)%2 == 1 {
			D = rpNeg(D)
		}
	}
	// disc(F/d) = disc(F) / d^(2n-2)
	den := new(big.Int).Exp(d, big.NewInt(int64(2*n-2)), nil)
	return recToPoly(D, R, vars[1:], den)
}

// ---- modular resultant ----

// mvp is a recursive dense polynomial over F_p, shaped like rp: level 0 is
// the scalar k (0 = zero), level ≥ 1 the coefficient list cs (no trailing
// zero; empty = zero).
type mvp struct {
	k  uint64
	cs []mvp
}

func (a mvp) isZero() bool { return len(a.cs) == 0 && a.k == 0 }

func (a mvp) deg() int {
	if a.isZero() {
		return -1
	}
	if a.cs == nil {
		return 0
	}
	return len(a.cs) - 1
}

func mvpTrim(cs []mvp) mvp {
	n := len(cs)
	for n > 0 && cs[n-1].isZero() {
		n--
	}
	if n == 0 {
		return mvp{}
	}
	return mvp{cs: cs[:n]}
}

// rpToMVP reduces a (of level lvl) modulo p.
func rpToMVP(a rp, p uint64, bp *big.Int, lvl int) mvp {
	if a.isZero() {
		return mvp{}
	}
	if lvl == 0 {
		return mvp{k: new(big.Int).Mod(a.k, bp).Uint64()}
	}
	cs := make([]mvp, len(a.cs))
	for i, c := range a.cs {
		cs[i] = rpToMVP(c, p, bp, lvl-1)
	}
	return mvpTrim(cs)
}

func mvMulmod(a, b, p uint64) uint64 { return a * b % p }

func mvPowmod(a uint64, e uint64, p uint64) uint64 {
	r := uint64(1)
	a %= p
	for ; e > 0; e >>= 1 {
		if e&1 == 1 {
			r = r * a % p
		}
		a = a * a % p
	}
	return r
}

// mvInvmod returns a^{-1} mod p (a ≢ 0, p prime) by the extended
// Euclidean algorithm (cheaper than Fermat's a^{p-2}).
func mvInvmod(a, p uint64) uint64 {
	r0, r1 := int64(p), int64(a%p)
	t0, t1 := int64(0), int64(1)
	for r1 != 0 {
		q := r0 / r1
		r0, r1 = r1, r0-q*r1
		t0, t1 = t1, t0-q*t1
	}
	if t0 < 0 {
		t0 += int64(p)
	}
	return uint64(t0)
}

// mvpEvalInner evaluates the innermost variable of a (level lvl ≥ 1) at x,
// giving a value of level lvl-1.
func mvpEvalInner(a mvp, lvl int, x, p uint64) mvp {
	if a.isZero() {
		return mvp{}
	}
	if lvl == 1 {
		var s uint64
		for i := len(a.cs) - 1; i >= 0; i-- {
			s = (s*x + a.cs[i].k) % p
		}
		return mvp{k: s}
	}
	cs := make([]mvp, len(a.cs))
	for i, c := range a.cs {
		cs[i] = mvpEvalInner(c, lvl-1, x, p)
	}
	return mvpTrim(cs)
}

// resUniModP is the resultant of two univariate polynomials over F_p given
// as dense coefficient slices (low first, no trailing zeros, degrees ≥ 0,
// both nonzero). The slices are overwritten.
func resUniModP(a, b []uint64, p uint64) uint64 {
	res := uint64(1)
	for {
		da, db := len(a)-1, len(b)-1
		if db == 0 {
			return mvMulmod(res, mvPowmod(b[0], uint64(da), p), p)
		}
		if da == 0 {
			return mvMulmod(res, mvPowmod(a[0], uint64(db), p), p)
		}
		if da < db {
			a, b = b, a
			if da%2 == 1 && db%2 == 1 {
				res = (p - res) % p
			}
			da, db = db, da
		}
		// a mod b in place
		inv := mvInvmod(b[db], p)
		for i := da; i >= db; i-- {
			c := a[i]
			if c == 0 {
				continue
			}
			c = mvMulmod(c, inv, p)
			s := i - db
			for j := 0; j < db; j++ {
				a[s+j] = (a[s+j] + p - mvMulmod(c, b[j], p)) % p
			}
			a[i] = 0
		}
		r := db - 1
		for r >= 0 && a[r] == 0 {
			r--
		}
		if r < 0 {
			return 0
		}
		// Res(a,b) = (-1)^{da db} lc(b)^{da-r} Res(b, a mod b)
		if da%2 == 1 && db%2 == 1 {
			res = (p - res) % p
		}
		res = mvMulmod(res, mvPowmod(b[db], uint64(da-r), p), p)
		a, b = b, a[:r+1]
	}
}

// resModP computes Res(A, B) mod p for A, B of level L = len(bounds)+1
// whose main-variable degrees must be preserved by every specialization;
// bounds[i] bounds the degree of the result in the i-th remaining variable.
// The result is dense, index = mixed radix over the remaining variables,
// innermost fastest. ok is false if not enough good points exist (tiny p).
func resModP(A, B mvp, bounds []int, p uint64, cc *canceler) ([]uint64, bool) {
	L := len(bounds) + 1
	if L == 1 {
		a := make([]uint64, len(A.cs))
		for i, c := range A.cs {
			a[i] = c.k
		}
		b := make([]uint64, len(B.cs))
		for i, c := range B.cs {
			b[i] = c.k
		}
		return []uint64{resUniModP(a, b, p)}, true
	}
	D := bounds[L-2]
	inner := 1
	for _, b := range bounds[:L-2] {
		inner *= b + 1
	}
	pts := make([]uint64, 0, D+1)
	vals := make([][]uint64, 0, D+1)
	da, db := A.deg(), B.deg()
	for x := uint64(0); len(pts) <= D; x++ {
		if x >= p {
			return nil, false
		}
		Ax := mvpEvalInner(A, L, x, p)
		Bx := mvpEvalInner(B, L, x, p)
		if Ax.deg() != da || Bx.deg() != db {
			continue
		}
		cc.check()
		v, ok := resModP(Ax, Bx, bounds[:L-2], p, cc)
		if !ok {
			return nil, false
		}
		pts = append(pts, x)
		vals = append(vals, v)
	}
	out := make([]uint64, inner*(D+1))
	ys := make([]uint64, D+1)
	cs := make([]uint64, D+1)
	inv := mvInvTable(int(pts[len(pts)-1]), p)
	for pos := 0; pos < inner; pos++ {
		for i := range ys {
			ys[i] = vals[i][pos]
		}
		mvNewtonInterp(pts, ys, cs, inv, p)
		copy(out[pos*(D+1):], cs)
	}
	return out, true
}

// mvInvTable returns inv with inv[d] = d^{-1} mod p for 1 ≤ d ≤ n (n < p),
// by the recurrence inv[d] = -(p div d)·inv[p mod d].
func mvInvTable(n int, p uint64) []uint64 {
	inv := make([]uint64, n+1)
	if n >= 1 {
		inv[1] = 1
	}
	for d := 2; d <= n; d++ {
		inv[d] = (p - mvMulmod(p/uint64(d), inv[p%uint64(d)], p)) % p
	}
	return inv
}

// mvNewtonInterp writes into cs the coefficients (low first) of the
// polynomial of degree ≤ len(xs)-1 through (xs[i], ys[i]) over F_p. The
// points are increasing integers and inv is mvInvTable(max xs).
// ys is overwritten with the divided differences.
func mvNewtonInterp(xs, ys, cs, inv []uint64, p uint64) {
	n := len(xs)
	for j := 1; j < n; j++ {
		for i := n - 1; i >= j; i-- {
			num := (ys[i] + p - ys[i-1]) % p
			ys[i] = mvMulmod(num, inv[xs[i]-xs[i-j]], p)
		}
	}
	// Horner on the Newton form
	for i := range cs {
		cs[i] = 0
	}
	for k := n - 1; k >= 0; k-- {
		// cs = cs*(x - xs[k]) + ys[k]
		xk := xs[k]
		for i := n - 1; i >= 1; i-- {
			cs[i] = (cs[i-1] + p - mvMulmod(cs[i], xk, p)) % p
		}
		cs[0] = (ys[k] + p - mvMulmod(cs[0], xk, p)) % p
	}
}

// rpDegreesInner returns, for each level below the top (variables 1..L-1),
// the maximal degree of a in that variable.
func rpDegreesInner(a rp, lvl int, out []int) {
	if a.isZero() || lvl == 0 {
		return
	}
	for _, c := range a.cs {
		rpDegreesInner(c, lvl-1, out[1:])
	}
	if len(out) > 0 {
		out[0] = max(out[0], len(a.cs)-1)
	}
}

// rpNorm1 is the sum of absolute values of the integers in a.
func rpNorm1(a rp, acc *big.Int) {
	if a.isZero() {
		return
	}
	if a.k != nil {
		if a.k.Sign() < 0 {
			acc.Sub(acc, a.k)
		} else {
			acc.Add(acc, a.k)
		}
		return
	}
	for _, c := range a.cs {
		rpNorm1(c, acc)
	}
}

// mvLog2Big returns log2(x) for x > 0 (double precision is ample: it is
// only used with a safety margin).
func mvLog2Big(x *big.Int) float64 {
	if x.Sign() <= 0 {
		return 0
	}
	f, _ := new(big.Float).SetInt(x).Float64()
	if !math.IsInf(f, 0) {
		return math.Log2(f)
	}
	n := x.BitLen()
	y := new(big.Int).Rsh(x, uint(n-60))
	g, _ := new(big.Float).SetInt(y).Float64()
	return math.Log2(g) + float64(n-60)
}

// hadamardBits bounds log2 of every coefficient of Res(A, B).
func hadamardBits(A, B rp) float64 {
	rowBits := func(P rp) float64 {
		s := new(big.Int)
		for _, c := range P.cs {
			n := new(big.Int)
			rpNorm1(c, n)
			s.Add(s, n.Mul(n, n))
		}
		return mvLog2Big(s) / 2
	}
	return float64(B.deg())*rowBits(A) + float64(A.deg())*rowBits(B)
}

// rpResultantModular computes Res(A, B) (level L ≥ 1, degrees ≥ 1) by
// multi-modular evaluation/interpolation; see the file comment.
// maxModularGrid bounds the number of evaluation points of the dense
// modular resultant; beyond it rpResultantModular uses the subresultant PRS.
const maxModularGrid = 1 << 20

func rpResultantModular(A, B rp, cc *canceler) rp {
	L := A.level()
	da, db := A.deg(), B.deg()
	bounds := make([]int, L-1)
	degA := make([]int, L)
	degB := make([]int, L)
	rpDegreesInner(A, L, degA)
	rpDegreesInner(B, L, degB)
	for i := range bounds {
		bounds[i] = db*degA[i+1] + da*degB[i+1]
	}
	size := 1
	for _, b := range bounds {
		// The dense evaluation grid has Π (bound+1) points; with many
		// variables it explodes (one CAD projection asked for 2^41 points
		// and ran out of memory), and the sparse-friendly PRS is the better
		// algorithm there anyway.
		if b+1 > maxModularGrid/size {
			return rpResultantPRS(A, B, cc)
		}
		size *= b + 1
	}
	needBits := hadamardBits(A, B) + 2
	acc := make([]*big.Int, size)
	for i := range acc {
		acc[i] = new(big.Int)
	}
	M := big.NewInt(1)
	Mbits := 0.0
	prime := uint64(1<<32 - 1)
	bp := new(big.Int)
	t := new(big.Int)
	for Mbits < needBits {
		prime = mvPrevPrime(prime)
		bp.SetUint64(prime)
		Ap := rpToMVP(A, prime, bp, L)
		Bp := rpToMVP(B, prime, bp, L)
		if Ap.deg() != da || Bp.deg() != db {
			continue // prime divides a leading coefficient
		}
		cc.checkNow()
		vals, ok := resModP(Ap, Bp, bounds, prime, cc)
		if !ok {
			continue
		}
		// CRT: acc ≡ old mod M, ≡ vals mod prime
		minv := mvInvmod(new(big.Int).Mod(M, bp).Uint64(), prime)
		for i, r := range vals {
			cur := t.Mod(acc[i], bp).Uint64()
			d := mvMulmod((r+prime-cur)%prime, minv, prime)
			if d != 0 {
				acc[i].Add(acc[i], t.Mul(M, t.SetUint64(d)))
			}
		}
		M.Mul(M, bp)
		Mbits += math.Log2(float64(prime))
	}
	half := new(big.Int).Rsh(M, 1)
	for _, x := range acc {
		if x.Cmp(half) > 0 {
			x.Sub(x, M)
		}
	}
	return denseToRP(acc, bounds)
}

// denseToRP builds a recursive polynomial from a dense mixed-radix array
// (innermost variable fastest).
func denseToRP(a []*big.Int, bounds []int) rp {
	if len(bounds) == 0 {
		return rpInt(a[0])
	}
	n := bounds[0] + 1
	stride := len(a) / n
	cs := make([]rp, n)
	for i := range cs {
		cs[i] = denseToRP(a[i*stride:(i+1)*stride], bounds[1:])
	}
	return rpTrim(cs)
}

// mvPrevPrime returns the largest prime below n (n > 2). Results are
// memoized: the modular algorithms walk down from the same starting points
// on every call, and the primality tests were a fixed cost of about 40 µs
// per small GCD.
func mvPrevPrime(n uint64) uint64 {
	primeMemo.Lock()
	defer primeMemo.Unlock()
	if p, ok := primeMemo.m[n]; ok {
		return p
	}
	b := new(big.Int)
	for m := n - 1; ; m-- {
		if b.SetUint64(m).ProbablyPrime(0) {
			if len(primeMemo.m) < 4096 {
				primeMemo.m[n] = m
			}
			return m
		}
	}
}

var primeMemo = struct {
	sync.Mutex
	m map[uint64]uint64
}{m: map[uint64]uint64{}}
