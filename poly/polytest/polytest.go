// Package polytest holds test helpers for code built on package poly:
// seeded random generators whose seed is printed (and can be overridden by
// the environment variable RELUCAD_SEED to replay a failure), iteration
// counts that shrink under -short, and assertions of the canonical-form
// invariant.
//
// Typical use:
//
//	rng := polytest.Rand(t)
//	for range polytest.Iters(t, 200) {
//		f := polytest.RandPoly(rng, R, 5, 8, 32)
//		g := f.Mul(f)
//		polytest.CheckCanonical(t, g)
//	}
package polytest

import (
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/relucad/relucad/poly"
)

// Rand returns a deterministic generator for the test. The seed is the
// value of RELUCAD_SEED when set (to replay a failure), else derived from
// the clock; it is logged with t.Logf, so it shows with -v and in the output
// of a failing test.
func Rand(t testing.TB) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("RELUCAD_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("RELUCAD_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("seed %d (replay with RELUCAD_SEED=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// Iters returns n, or max(1, n/10) under -short.
func Iters(t testing.TB, n int) int {
	if testing.Short() {
		return max(1, n/10)
	}
	return n
}

// RandInt returns a uniformly random integer with |c| < 2^bits (possibly
// zero), with a random sign.
func RandInt(rng *rand.Rand, bits int) *big.Int {
	if bits <= 0 {
		return new(big.Int)
	}
	words := make([]big.Word, (bits+63)/64)
	for i := range words {
		words[i] = big.Word(rng.Uint64())
	}
	z := new(big.Int).SetBits(words)
	mask := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	z.Mod(z, mask)
	// Vary the size too: small coefficients are the common case.
	if rng.IntN(3) == 0 {
		z.Rsh(z, uint(rng.IntN(bits)))
	}
	if rng.IntN(2) == 0 {
		z.Neg(z)
	}
	return z
}

// RandRat returns a random rational with numerator below 2^bits and, in a
// third of the cases, a denominator other than 1 (below 2^(bits/2+1)).
func RandRat(rng *rand.Rand, bits int) *big.Rat {
	num := RandInt(rng, bits)
	den := big.NewInt(1)
	if rng.IntN(3) == 0 {
		den = new(big.Int).Abs(RandInt(rng, bits/2+1))
		if den.Sign() == 0 {
			den.SetInt64(1)
		}
	}
	return new(big.Rat).SetFrac(num, den)
}

// RandPoly returns a random polynomial of R with at most maxTerms terms,
// exponents at most maxDeg per variable, and coefficients from RandRat (or
// integers only when coefBits is negative, using -coefBits bits). It may be
// zero.
func RandPoly(rng *rand.Rand, R *poly.Ring, maxDeg, maxTerms, coefBits int) *poly.Poly {
	n := R.NumVars()
	k := 0
	if maxTerms > 0 {
		k = rng.IntN(maxTerms + 1)
	}
	ts := make([]poly.Term, k)
	for i := range ts {
		m := make(poly.Monomial, n)
		for j := range m {
			m[j] = uint32(rng.IntN(maxDeg + 1))
		}
		var c *big.Rat
		if coefBits < 0 {
			c = new(big.Rat).SetInt(RandInt(rng, -coefBits))
		} else {
			c = RandRat(rng, coefBits)
		}
		ts[i] = poly.Term{Mon: m, Coef: c}
	}
	return R.NewPoly(ts)
}

// RandNonZeroPoly is RandPoly retried until the result is not zero.
func RandNonZeroPoly(rng *rand.Rand, R *poly.Ring, maxDeg, maxTerms, coefBits int) *poly.Poly {
	for {
		p := RandPoly(rng, R, maxDeg, max(1, maxTerms), max(1, coefBits))
		if !p.IsZero() {
			return p
		}
	}
}

// RandUPoly returns a random univariate integer polynomial of degree at most
// deg with coefficients below 2^coefBits in absolute value (canonical: no
// trailing zero).
func RandUPoly(rng *rand.Rand, deg, coefBits int) poly.UPoly {
	cs := make([]*big.Int, deg+1)
	for i := range cs {
		cs[i] = RandInt(rng, coefBits)
	}
	for len(cs) > 0 && cs[len(cs)-1].Sign() == 0 {
		cs = cs[:len(cs)-1]
	}
	return poly.UPoly(cs)
}

// CheckCanonical fails the test (t.Errorf) for every polynomial that
// violates the canonical-form invariant.
func CheckCanonical(t testing.TB, ps ...*poly.Poly) {
	t.Helper()
	for i, p := range ps {
		if err := p.CheckCanonical(); err != nil {
			t.Errorf("result %d not canonical: %v", i, err)
		}
	}
}

// Snapshot records the text and terms of polynomials so that a test can
// check later that an operation did not modify its inputs.
type Snapshot struct {
	ps    []*poly.Poly
	terms [][]poly.Term
}

// Take records ps.
func Take(ps ...*poly.Poly) *Snapshot {
	s := &Snapshot{ps: ps}
	for _, p := range ps {
		s.terms = append(s.terms, p.Terms())
	}
	return s
}

// Check fails the test if any recorded polynomial changed since Take.
func (s *Snapshot) Check(t testing.TB) {
	t.Helper()
	for i, p := range s.ps {
		now := p.Terms()
		old := s.terms[i]
		same := len(now) == len(old)
		for j := 0; same && j < len(now); j++ {
			same = now[j].Mon.Equal(old[j].Mon) && now[j].Coef.Cmp(old[j].Coef) == 0
		}
		if !same {
			t.Errorf("input %d was modified", i)
		}
	}
}

// Equal fails the test (t.Errorf) when got is not canonical or differs from
// want; what describes the computation in the message.
func Equal(t testing.TB, what string, got, want *poly.Poly) {
	t.Helper()
	if err := got.CheckCanonical(); err != nil {
		t.Errorf("%s: result not canonical: %v", what, err)
		return
	}
	if !got.Equal(want) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}
