package poly

// Bivariate factorization by Hensel lifting from an evaluation point.
//
// For f ∈ Z[x, y] square-free and primitive in x (main variable x):
//
//  1. Pick a ∈ {0, 1, −1, 2, …} with lc_x f(a) ≠ 0 and f(x, a) square-free
//     of the same degree n in x; substitute y = t + a.
//  2. Factor f(x, a) = ℓ·u_1⋯u_r over Q (univariate, monic u_i). If r = 1,
//     f is irreducible (a factorization of f would specialize to one).
//  3. Lift in Q[[t]][x]: the monic f̃ = f/lc_x f (lc_x f is a unit of
//     Q[[t]] since lc_x f(a) ≠ 0) factors as h_1⋯h_r with h_i ≡ u_i mod t,
//     modulo t^k, k = 2·deg_y f + 1, by linear Hensel steps: with
//     σ u + τ w = 1 for a split f̃ ≡ g·h, the t^j-coefficients solve
//     g_j w + u h_j = e_j by g_j = τ e_j mod u, h_j = σ e_j mod w.
//  4. Recombine: a true factor G of f with modular factors S satisfies
//     (lc_x f / lc_x G)·G = lc_x f · Π_S h_i exactly, a polynomial of
//     t-degree ≤ deg_t lc_x f + deg_t G < k; so for subsets S of increasing
//     size, the truncated product, when integral, has its primitive part in
//     x tested by exact division. Minimal subsets give irreducible factors,
//     and subsets beyond half the remaining ones need not be tried.
//
// The lifting is exact over Q. Reference: Geddes–Czapor–Labahn, §6.5–6.8
// (here with the leading-coefficient problem handled by lifting monic
// factors over Q[[t]] and multiplying by lc_x f in the recombination).

import (
	"context"
	"math/big"
	"math/rand/v2"
)

// ---- univariate polynomials over Q (dense, low first, trimmed) ----

func qTrim(a []*big.Rat) []*big.Rat {
	n := len(a)
	for n > 0 && a[n-1].Sign() == 0 {
		n--
	}
	return a[:n]
}

func qMul(a, b []*big.Rat) []*big.Rat {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	out := ratVec(len(a) + len(b) - 1)
	t := new(big.Rat)
	for i, x := range a {
		if x.Sign() == 0 {
			continue
		}
		for j, y := range b {
			if y.Sign() != 0 {
				out[i+j].Add(out[i+j], t.Mul(x, y))
			}
		}
	}
	return qTrim(out)
}

func qAddSub(a, b []*big.Rat, sub bool) []*big.Rat {
	out := ratVec(max(len(a), len(b)))
	for i := range out {
		if i < len(a) {
			out[i].Set(a[i])
		}
		if i < len(b) {
			if sub {
				out[i].Sub(out[i], b[i])
			} else {
				out[i].Add(out[i], b[i])
			}
		}
	}
	return qTrim(out)
}

func qDivMod(a, b []*big.Rat) (q, r []*big.Rat) {
	r = make([]*big.Rat, len(a))
	for i, c := range a {
		r[i] = new(big.Rat).Set(c)
	}
	db := len(b) - 1
	if len(a) <= db {
		return nil, qTrim(r)
	}
	q = ratVec(len(a) - db)
	inv := new(big.Rat).Inv(b[db])
	t := new(big.Rat)
	for i := len(a) - 1; i >= db; i-- {
		if r[i].Sign() == 0 {
			continue
		}
		c := new(big.Rat).Mul(r[i], inv)
		q[i-db] = c
		for j := 0; j <= db; j++ {
			r[i-db+j].Sub(r[i-db+j], t.Mul(c, b[j]))
		}
	}
	return qTrim(q), qTrim(r[:db])
}

// qExtGCD returns σ, τ with σ·a + τ·b = 1 (a, b coprime).
func qExtGCD(a, b []*big.Rat) (s, t []*big.Rat) {
	r0, r1 := a, b
	s0, s1 := []*big.Rat{big.NewRat(1, 1)}, []*big.Rat(nil)
	t0, t1 := []*big.Rat(nil), []*big.Rat{big.NewRat(1, 1)}
	for len(r1) > 0 {
		q, r := qDivMod(r0, r1)
		r0, r1 = r1, r
		s0, s1 = s1, qAddSub(s0, qMul(q, s1), true)
		t0, t1 = t1, qAddSub(t0, qMul(q, t1), true)
	}
	inv := new(big.Rat).Inv(r0[0])
	sc := func(u []*big.Rat) []*big.Rat {
		out := make([]*big.Rat, len(u))
		for i, x := range u {
			out[i] = new(big.Rat).Mul(x, inv)
		}
		return out
	}
	return sc(s0), sc(t0)
}

// ---- polynomials in x over Q[t]/(t^k): ser[j] is the coefficient of t^j,
// a univariate polynomial in x ----

type tser [][]*big.Rat

// tserMulTrunc multiplies modulo t^k.
func tserMulTrunc(a, b tser, k int) tser {
	out := make(tser, k)
	for i := range a {
		if i >= k || len(a[i]) == 0 {
			continue
		}
		for j := range b {
			if i+j >= k {
				break
			}
			if len(b[j]) == 0 {
				continue
			}
			out[i+j] = qAddSub(out[i+j], qMul(a[i], b[j]), false)
		}
	}
	return out
}

// henselLiftQ lifts F ≡ g0·h0 (mod t), F monic in x, to g, h monic with
// F ≡ g·h (mod t^k).
func henselLiftQ(F tser, g0, h0 []*big.Rat, k int) (tser, tser) {
	sigma, tau := qExtGCD(g0, h0) // σ g0 + τ h0 = 1
	g := make(tser, k)
	h := make(tser, k)
	g[0], h[0] = g0, h0
	for j := 1; j < k; j++ {
		var e []*big.Rat
		if j < len(F) {
			e = F[j]
		}
		for l := 1; l < j; l++ {
			if len(g[l]) > 0 && len(h[j-l]) > 0 {
				e = qAddSub(e, qMul(g[l], h[j-l]), true)
			}
		}
		if len(e) == 0 {
			continue
		}
		// g_j h0 + g0 h_j = e:  g_j = τ e mod g0, h_j = σ e mod h0
		_, gj := qDivMod(qMul(tau, e), g0)
		_, hj := qDivMod(qMul(sigma, e), h0)
		g[j], h[j] = gj, hj
	}
	return g, h
}

// factorBivariate factors a square-free f in exactly two variables (rp of
// level 2, main variable outermost). It returns the irreducible factors
// (rp), or ok = false when no good evaluation point was found quickly (the
// caller then uses another method).
func factorBivariate(ctx context.Context, f rp, rng *rand.Rand, prim bool) ([]rp, bool, error) {
	// content in the main variable x (prim: known to be constant)
	var out []rp
	cont, pp := rpOne(1), f
	if !prim {
		cont, pp = rpPrimitive(f)
	}
	if !rpIsConstRec(cont) {
		// cont is univariate in y (level 1)
		parts, err := factorSqfZ(ctx, rpToDense(rpNormSign(cont)), rng)
		if err != nil {
			return nil, false, err
		}
		for _, p := range parts {
			out = append(out, rpLift(rpUniv(p)))
		}
	}
	f = rpNormSign(pp)
	n := f.deg()
	if n <= 0 {
		return out, true, nil
	}
	if n == 1 {
		return append(out, f), true, nil
	}
	degY := 0
	for _, c := range f.cs {
		degY = max(degY, c.deg())
	}
	// 1. evaluation point
	var a int64
	var fa []*big.Int
	found := false
	for i := 0; i < 40 && !found; i++ {
		a = int64((i + 1) / 2)
		if i%2 == 0 {
			a = -a
		}
		ba := big.NewInt(a)
		fa = make([]*big.Int, n+1)
		for j, c := range f.cs {
			fa[j] = rpEvalInt(c, ba)
		}
		if fa[n].Sign() == 0 {
			continue
		}
		if !uSquareFreeZ(fa) {
			continue
		}
		found = true
	}
	if !found {
		return nil, false, nil
	}
	// 2. factor the image
	if fa[n].Sign() < 0 {
		for j := range fa {
			fa[j] = new(big.Int).Neg(fa[j])
		}
	}
	cont0 := new(big.Int)
	for _, c := range fa {
		cont0.GCD(nil, nil, cont0, new(big.Int).Abs(c))
	}
	for j := range fa {
		fa[j] = new(big.Int).Quo(fa[j], cont0)
	}
	ufs, err := factorSqfZ(ctx, fa, rng)
	if err != nil {
		return nil, false, err
	}
	if len(ufs) == 1 {
		return append(out, f), true, nil
	}
	// shift y = t + a, lift modulo word primes and recombine (hensel_biv.go)
	fs := f
	if a != 0 {
		fs = rpShiftInner(f, big.NewInt(a)) // level 2, inner variable now t
	}
	found2, ok, err := liftBivariate(ctx, fs, ufs)
	if err != nil || !ok {
		return nil, ok, err
	}
	for _, g := range found2 {
		if a != 0 {
			g = rpShiftInner(g, big.NewInt(-a))
		}
		out = append(out, g)
	}
	return out, true, nil
}

// rpEvalInt evaluates a univariate (level 1) rp at the integer x.
func rpEvalInt(a rp, x *big.Int) *big.Int {
	s := new(big.Int)
	if a.isZero() {
		return s
	}
	if a.k != nil {
		return s.Set(a.k)
	}
	for i := len(a.cs) - 1; i >= 0; i-- {
		s.Mul(s, x)
		if !a.cs[i].isZero() {
			s.Add(s, a.cs[i].k)
		}
	}
	return s
}

// rpShiftInner substitutes y = t + a in the inner variable of a level-2 rp.
func rpShiftInner(f rp, a *big.Int) rp {
	cs := make([]rp, len(f.cs))
	for i, c := range f.cs {
		cs[i] = rpTaylorShift(c, a)
	}
	return rpTrim(cs)
}

// rpTaylorShift returns c(t + a) for a univariate c.
func rpTaylorShift(c rp, a *big.Int) rp {
	if c.isZero() || c.k != nil || a.Sign() == 0 {
		return c
	}
	d := rpToDense(c)
	for i := 0; i < len(d); i++ {
		for j := len(d) - 2; j >= i; j-- {
			d[j] = new(big.Int).Add(d[j], new(big.Int).Mul(a, d[j+1]))
		}
	}
	return rpUniv(d)
}

func rpToRatSeries(c rp, k int) []*big.Rat {
	s := ratVec(k)
	if c.isZero() {
		return s
	}
	if c.k != nil {
		s[0].SetInt(c.k)
		return s
	}
	for j, x := range c.cs {
		if j < k && !x.isZero() {
			s[j].SetInt(x.k)
		}
	}
	return s
}

func ratSeriesMul(a, b []*big.Rat, k int) []*big.Rat {
	out := ratVec(k)
	t := new(big.Rat)
	for i := 0; i < k; i++ {
		if a[i].Sign() == 0 {
			continue
		}
		for j := 0; i+j < k; j++ {
			if b[j].Sign() != 0 {
				out[i+j].Add(out[i+j], t.Mul(a[i], b[j]))
			}
		}
	}
	return out
}

// ratSeriesInv inverts a series with a[0] ≠ 0 modulo t^k.
func ratSeriesInv(a []*big.Rat, k int) []*big.Rat {
	inv := ratVec(k)
	inv[0].Inv(a[0])
	t := new(big.Rat)
	for j := 1; j < k; j++ {
		s := new(big.Rat)
		for i := 1; i <= j; i++ {
			if a[i].Sign() != 0 {
				s.Add(s, t.Mul(a[i], inv[j-i]))
			}
		}
		inv[j].Mul(s.Neg(s), inv[0])
	}
	return inv
}

// tserToRP converts a truncated series with integer coefficients to a
// level-2 rp (x outer, t inner); ok is false for non-integral data.
func tserToRP(s tser) (rp, bool) {
	n := 0
	for _, p := range s {
		n = max(n, len(p))
	}
	cs := make([]rp, n)
	for i := range cs {
		var d []*big.Int
		for j := range s {
			var c *big.Rat
			if i < len(s[j]) {
				c = s[j][i]
			}
			if c == nil || c.Sign() == 0 {
				d = append(d, new(big.Int))
				continue
			}
			if !c.IsInt() {
				return rp{}, false
			}
			d = append(d, new(big.Int).Set(c.Num()))
		}
		cs[i] = rpUniv(zpTrim(d))
	}
	return rpTrim(cs), true
}
