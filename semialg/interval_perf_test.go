package semialg

import (
	"math"
	"math/big"
	"math/rand"
	"testing"

	"github.com/relucad/relucad/poly"
)

// TestIntervalSign64 checks the float64 fast path against exact evaluation
// on point boxes chosen near cancellation (x − y with y = x(1 + 2^−k)) and
// far beyond float64's range: it may give up (0) but never claims a wrong
// sign.
func TestIntervalSign64(t *testing.T) {
	R := poly.MustRing([]string{"x", "y"}, DefaultOrder)
	x, y := R.Var(0), R.Var(1)
	pt := func(a, b *big.Rat) [][2]*big.Rat { return [][2]*big.Rat{{a, a}, {b, b}} }
	cases := []struct {
		name string
		p    *poly.Poly
		box  [][2]*big.Rat
		want int // exact sign at the point (hand computation)
	}{
		{"x-y, y just above x", x.Sub(y), pt(big.NewRat(1, 1), new(big.Rat).Add(big.NewRat(1, 1), new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 80)))), -1},
		{"x^4 at 10^100", x.Mul(x).Mul(x).Mul(x), pt(new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(100), nil)), big.NewRat(0, 1)), 1},
		{"x^2-2y^2 at 99/70, 1", x.Mul(x).Sub(y.Mul(y).Mul(R.Const(big.NewRat(2, 1)))), pt(big.NewRat(99, 70), big.NewRat(1, 1)), 1},
		{"x*y at 0, 5", x.Mul(y), pt(big.NewRat(0, 1), big.NewRat(5, 1)), 0},
	}
	for _, tc := range cases {
		got, _ := intervalSign64(tc.p.Terms(), tc.p.Vars(), tc.box)
		if got != 0 && got != tc.want {
			t.Errorf("%s: float64 interval sign %d, exact %d", tc.name, got, tc.want)
		}
	}
	seed := int64(20261127)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < iters(3000); it++ {
		p := R.Zero()
		for k := 0; k < 1+rng.Intn(5); k++ {
			m := poly.Monomial{uint32(rng.Intn(5)), uint32(rng.Intn(5))}
			p = p.Add(R.Monomial(big.NewRat(int64(rng.Intn(41)-20), int64(1+rng.Intn(9))), m))
		}
		a := big.NewRat(int64(rng.Intn(2001)-1000), int64(1+rng.Intn(99)))
		// b = a(1 + 2^-k): near-cancellation for p containing x − y factors.
		eps := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), uint(rng.Intn(70))))
		b := new(big.Rat).Mul(a, new(big.Rat).Add(big.NewRat(1, 1), eps))
		if rng.Intn(2) == 0 {
			p = p.Mul(x.Sub(y))
		}
		got, _ := intervalSign64(p.Terms(), p.Vars(), pt(a, b))
		want := evalRatTerms(p.Terms(), []*big.Rat{a, b}).Sign()
		if got != 0 && got != want {
			t.Fatalf("seed %d: %v at (%v, %v): float64 interval sign %d, exact %d", seed, p, a, b, got, want)
		}
	}
}

// TestRatIv64: the float64 interval of a rational contains it (checked
// exactly), for integers, dyadic rationals of every scale (down to the
// subnormal range and up to overflow) and other rationals.
func TestRatIv64(t *testing.T) {
	seed := int64(7)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < iters(5000); it++ {
		num := new(big.Int).Rand(rng, new(big.Int).Lsh(big.NewInt(1), uint(1+rng.Intn(200))))
		if rng.Intn(2) == 0 {
			num.Neg(num)
		}
		var den *big.Int
		switch rng.Intn(3) {
		case 0:
			den = big.NewInt(1)
		case 1:
			den = new(big.Int).Lsh(big.NewInt(1), uint(rng.Intn(1200)))
		default:
			den = big.NewInt(int64(1 + rng.Intn(1000)))
		}
		r := new(big.Rat).SetFrac(num, den)
		iv := ratIv64(r)
		if math.IsInf(iv.lo, 0) || math.IsInf(iv.hi, 0) {
			continue // overflow: the caller gives up on it
		}
		lo, hi := new(big.Rat).SetFloat64(iv.lo), new(big.Rat).SetFloat64(iv.hi)
		if lo.Cmp(r) > 0 || hi.Cmp(r) < 0 {
			t.Fatalf("seed %d: %v not in [%g, %g]", seed, r, iv.lo, iv.hi)
		}
	}
}
