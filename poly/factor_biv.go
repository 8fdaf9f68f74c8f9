package poly

// Bivariate factorization by Hensel lifting from an evaluation point.
//
// For f ∈ Z[x, y] square-free and primitive in x (main variable x):
//
//  1. Pick a ∈ {0, 1, −1, 2, …} with lc_x f(a) ≠ 0 and f(x, a) square-free
//     of the same degree n in x (tested modulo primes, see uSquareFreeZ);
//     substitute y = t + a.
//  2. Factor f(x, a) = c·u_1⋯u_r over Z (univariate Zassenhaus,
//     factor_univ.go). If r = 1, f is irreducible (a factorization of f
//     would specialize to one, degrees kept since lc_x f(a) ≠ 0).
//  3. Lift the u_i to factors of f(x, t + a) modulo t^(deg_t f + 1) and
//     modulo word-size primes, recombine, and certify (hensel_biv.go: the
//     Mahler bound that makes the primes sufficient, the fast path with a
//     final modular product check, the exact-division fallback).
//
// The u_i are factors over Z, so their images modulo different primes are
// labelled alike, which is what lets the Chinese remainder theorem combine
// the lifts. Reference: Geddes–Czapor–Labahn, §6.5–6.8 (here with the
// leading-coefficient problem handled by lifting monic factors over
// F_p[[t]] and multiplying by lc_x f in the recombination).

import (
	"context"
	"math/big"
	"math/rand/v2"
)

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
