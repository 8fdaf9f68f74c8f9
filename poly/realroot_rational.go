package poly

import (
	"context"
	"math"
	"math/big"
)

// Exact rational roots.
//
// RealRoots reports every rational root exactly (Lo == Hi). A rational
// root a/b (lowest terms) of the primitive square-free P has b | lc(P) and
// so lies on the grid (1/lc) Z. Two steps keep this cheap:
//
//  1. A modular sieve: for a prime p not dividing lc(P), a rational root
//     a/b gives the root a b^-1 of P mod p. If P mod p has no root in F_p
//     (checked by evaluating at all p residues, O(n p) word operations, for
//     a few small primes), P has no rational root at all. A random
//     polynomial has no root mod p with probability about 1/e, so a few
//     primes settle most inputs.
//  2. Otherwise each interval is examined. When it holds at most 256 grid
//     points k/lc, all are tested (a modular filter, then an exact
//     evaluation); finding none proves the root irrational. Otherwise the
//     best rational
//     approximations (continued-fraction convergents, denominators below
//     2^20, dividing lc) of a float64 Newton estimate are tested exactly (this finds the small-denominator roots of inputs
//     like prod (7x - i) at once). Then a Newton approximation x of its
//     root to bitlen(lc) + 32 bits gives the grid cell [N/lc, (N+1)/lc]
//     containing it, N = floor(lc x). If P vanishes at a cell end inside the
//     interval, that is the root. If P changes sign across the cell (clipped
//     to the interval) the root lies strictly inside a cell and is not
//     rational. If the approximation was not good enough, the interval is
//     refined by bisection to width below 1/lc and the single grid point
//     inside is tested.

// sievePrimes are the primes tried by noRationalRootsModp.
var sievePrimes = []uint64{101, 103, 107, 109, 113, 127, 131, 137}

// noRationalRootsModp reports whether some small prime proves that P has
// no rational root.
func noRationalRootsModp(P UPoly) bool {
	lc := P.lc()
	for _, p := range sievePrimes {
		if modSmall(lc, p) == 0 {
			continue
		}
		c := make([]uint64, len(P))
		for i, a := range P {
			c[i] = modSmall(a, p)
		}
		hasRoot := false
		for x := uint64(0); x < p && !hasRoot; x++ {
			v := uint64(0)
			for i := len(c) - 1; i >= 0; i-- {
				v = (v*x + c[i]) % p
			}
			hasRoot = v == 0
		}
		if !hasRoot {
			return true
		}
	}
	return false
}

// modSmall returns a mod p in [0, p) for a small prime p.
func modSmall(a *big.Int, p uint64) uint64 {
	ws := a.Bits()
	var r uint64
	for i := len(ws) - 1; i >= 0; i-- {
		r = remWord(r, uint64(ws[i]), p)
	}
	if a.Sign() < 0 && r != 0 {
		r = p - r
	}
	return r
}

// ratRootFinder holds the per-polynomial data of exactRationalRoot.
type ratRootFinder struct {
	P    UPoly
	lc   *big.Int
	divs []int64   // small divisors of lc
	modq *modp     // a word prime field for the necessary modular test
	pq   []uint64  // P mod q (Montgomery form)
	f64  *f64Coeff // float64 mantissas/exponents of P
}

func newRatRootFinder(P UPoly) *ratRootFinder {
	const q = 4611686018427387847 // prime < 2^62
	F := newModp(q)
	return &ratRootFinder{P: P, lc: P.lc(), divs: smallDivisors(P.lc(), 1<<20), modq: F,
		pq: F.reducePoly(P), f64: newF64Coeff(P)}
}

// modRoot is a necessary condition for P(c) = 0: P(c) vanishes modulo q.
func (rf *ratRootFinder) modRoot(c *big.Rat) bool {
	F := rf.modq
	d := F.reduce(c.Denom())
	if d == 0 {
		return true
	}
	x := F.mul(F.reduce(c.Num()), F.inv(d))
	v := uint64(0)
	for i := len(rf.pq) - 1; i >= 0; i-- {
		v = F.add(F.mul(v, x), rf.pq[i])
	}
	return v == 0
}

// exactRationalRoot returns iv collapsed to Lo == Hi when the root of the
// square-free P it isolates is rational, and otherwise an isolating
// interval (possibly narrower) proving it is not (see the file comment).
func (rf *ratRootFinder) exactRationalRoot(ctx context.Context, iv RootInterval) (RootInterval, error) {
	P, lc := rf.P, rf.lc
	lcR := new(big.Rat).SetInt(lc)
	// Few grid points k/lc in the interval: test them all (modular filter,
	// then exact evaluation); finding none proves the root irrational.
	L := new(big.Rat).Mul(iv.Lo, lcR)
	H := new(big.Rat).Mul(iv.Hi, lcR)
	k0 := new(big.Int).Div(L.Num(), L.Denom()) // floor(lc lo)
	k1 := new(big.Int).Div(H.Num(), H.Denom()) // floor(lc hi)
	if span := new(big.Int).Sub(k1, k0); span.IsInt64() && span.Int64() <= 256 {
		for k := new(big.Int).Add(k0, big.NewInt(1)); k.Cmp(k1) <= 0; k.Add(k, big.NewInt(1)) {
			c := new(big.Rat).SetFrac(k, lc)
			if c.Cmp(iv.Lo) > 0 && c.Cmp(iv.Hi) < 0 && rf.modRoot(c) && P.EvalSign(c) == 0 {
				return RootInterval{Lo: c, Hi: new(big.Rat).Set(c)}, nil
			}
		}
		return iv, nil
	}
	// Cheap first guess: a root with a small denominator is the best
	// rational approximation of a float64 estimate; it is confirmed by an
	// exact evaluation.
	if x0, ok := rf.f64.newton(iv.Lo, iv.Hi); ok {
		cands := convergents(x0, 1<<20)
		for _, k := range rf.divs {
			kr := new(big.Rat).SetFloat64(x0 * float64(k))
			if kr == nil {
				continue
			}
			n := new(big.Int).Quo(kr.Num(), kr.Denom())
			for _, d := range []int64{0, 1, -1} {
				cands = append(cands, new(big.Rat).SetFrac(new(big.Int).Add(n, big.NewInt(d)), big.NewInt(k)))
			}
		}
		for _, c := range cands {
			if c.Cmp(iv.Lo) > 0 && c.Cmp(iv.Hi) < 0 &&
				new(big.Int).Rem(lc, c.Denom()).Sign() == 0 && rf.modRoot(c) && P.EvalSign(c) == 0 {
				return RootInterval{Lo: c, Hi: new(big.Rat).Set(c)}, nil
			}
		}
	}
	br, err := newBracket(P, iv.Lo, iv.Hi)
	if err != nil {
		return iv, err
	}
	want := uint(lc.BitLen() + 32)
	for attempt := 0; attempt < 3 && !br.exact; attempt++ {
		if x, ok := br.newtonApprox(want); ok {
			// cell [N/lc, (N+1)/lc] around x
			L := new(big.Rat).Mul(x, lcR)
			N := new(big.Int).Div(L.Num(), L.Denom())
			a := new(big.Rat).SetFrac(N, lc)
			b := new(big.Rat).SetFrac(new(big.Int).Add(N, big.NewInt(1)), lc)
			for _, c := range []*big.Rat{a, b} {
				if c.Cmp(br.lo) > 0 && c.Cmp(br.hi) < 0 && P.EvalSign(c) == 0 {
					return RootInterval{Lo: c, Hi: new(big.Rat).Set(c)}, nil
				}
			}
			if a.Cmp(br.lo) < 0 {
				a = br.lo
			}
			if b.Cmp(br.hi) > 0 {
				b = br.hi
			}
			if a.Cmp(b) < 0 {
				sa, sb := P.EvalSign(a), P.EvalSign(b)
				if sa != 0 && sb != 0 && sa != sb {
					return RootInterval{Lo: a, Hi: b}, nil
				}
			}
		}
		for k := 0; k < 4 && !br.exact; k++ {
			br.bisect()
		}
	}
	// fallback: refine below the grid spacing and test the only candidate
	if err := br.refineTo(ctx, uint(lc.BitLen())); err != nil {
		return iv, err
	}
	if br.exact {
		return RootInterval{Lo: br.lo, Hi: br.hi}, nil
	}
	L = new(big.Rat).Mul(br.lo, lcR)
	N := new(big.Int).Div(L.Num(), L.Denom())
	N.Add(N, big.NewInt(1))
	cand := new(big.Rat).SetFrac(N, lc)
	if cand.Cmp(br.hi) < 0 && P.EvalSign(cand) == 0 {
		return RootInterval{Lo: cand, Hi: new(big.Rat).Set(cand)}, nil
	}
	return RootInterval{Lo: br.lo, Hi: br.hi}, nil
}

// convergents returns the continued-fraction convergents of x with
// denominators at most maxDen (the float estimate may be inaccurate, so all
// of them are candidates).
func convergents(x float64, maxDen int64) []*big.Rat {
	if math.IsInf(x, 0) || math.IsNaN(x) || math.Abs(x) > 1<<52 {
		return nil
	}
	var out []*big.Rat
	h0, h1 := int64(0), int64(1)
	k0, k1 := int64(1), int64(0)
	y := x
	for i := 0; i < 64; i++ {
		a := math.Floor(y)
		if math.Abs(a) > 1<<40 {
			break
		}
		ai := int64(a)
		h2, k2 := ai*h1+h0, ai*k1+k0
		if k2 > maxDen || k2 <= 0 {
			break
		}
		h0, h1, k0, k1 = h1, h2, k1, k2
		out = append(out, big.NewRat(h1, k1))
		f := y - a
		if f < 1e-12 {
			break
		}
		y = 1 / f
	}
	return out
}

// smallDivisors returns the divisors of |n| up to limit that are products of
// primes below 100 (a cheap, incomplete list: candidates only).
func smallDivisors(n *big.Int, limit int64) []int64 {
	var ps []int64
	var m big.Int
	for _, p := range []int64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97} {
		if m.Rem(n, big.NewInt(p)).Sign() == 0 {
			ps = append(ps, p)
		}
	}
	divs := []int64{1}
	for _, p := range ps {
		cur := len(divs)
		for i := 0; i < cur; i++ {
			for d := divs[i] * p; d <= limit; d *= p {
				if m.Rem(n, big.NewInt(d)).Sign() != 0 {
					break
				}
				divs = append(divs, d)
			}
		}
		if len(divs) > 64 {
			break
		}
	}
	return divs
}
