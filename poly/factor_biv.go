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
	"slices"
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
	// 1.–2. evaluation points and their images' factors over Z. When the
	// first image has many factors (recombination is exponential in their
	// number), a few more points are tried and the one with the fewest
	// factors kept; the degrees of true factors must be subset sums of the
	// image degrees at every point (degree-pattern pruning, allowed).
	var (
		a       int64
		ufs     [][]*big.Int
		allowed []bool
	)
	good := 0
	for i := 0; i < 40 && good < 3; i++ {
		ai := int64((i + 1) / 2)
		if i%2 == 0 {
			ai = -ai
		}
		ba := big.NewInt(ai)
		fa := make([]*big.Int, n+1)
		for j, c := range f.cs {
			fa[j] = rpEvalInt(c, ba)
		}
		if fa[n].Sign() == 0 || !uSquareFreeZ(fa) {
			continue
		}
		good++
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
		us, err := factorSqfZ(ctx, fa, rng)
		if err != nil {
			return nil, false, err
		}
		if len(us) == 1 {
			return append(out, f), true, nil
		}
		sums := make([]bool, n+1) // subset sums of the image degrees
		sums[0] = true
		for _, u := range us {
			d := len(u) - 1
			for s := n; s >= d; s-- {
				sums[s] = sums[s] || sums[s-d]
			}
		}
		if allowed == nil {
			allowed = sums
		} else {
			for s := range allowed {
				allowed[s] = allowed[s] && sums[s]
			}
		}
		if ufs == nil || len(us) < len(ufs) {
			a, ufs = ai, us
		}
		if len(ufs) <= 4 {
			break
		}
	}
	if ufs == nil {
		return nil, false, nil
	}
	if !slices.Contains(allowed[1:n], true) {
		return append(out, f), true, nil // no proper factor degree survives
	}
	// shift y = t + a, lift modulo word primes and recombine (hensel_biv.go)
	fs := f
	if a != 0 {
		fs = rpShiftInner(f, big.NewInt(a)) // level 2, inner variable now t
	}
	found2, ok, err := liftBivariate(ctx, fs, ufs, allowed)
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
