package poly

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"strings"
	"testing"
)

func mustAlg(t *testing.T, f UPoly, lo, hi *big.Rat) *RealAlg {
	t.Helper()
	x, err := NewRealAlg(f, lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestRealAlgBasics(t *testing.T) {
	one, two := big.NewRat(1, 1), big.NewRat(2, 1)
	sqrt2 := mustAlg(t, UPolyFromInts(-2, 0, 1), one, two)
	cbrt2 := mustAlg(t, UPolyFromInts(-2, 0, 0, 1), one, two)
	// hand: sqrt 2 = 1.414... > 2^(1/3) = 1.259...
	if sqrt2.Cmp(cbrt2) != 1 || cbrt2.Cmp(sqrt2) != -1 {
		t.Fatal("sqrt 2 vs cbrt 2")
	}
	// the same number with other defining polynomials (hand: factors)
	s2b := mustAlg(t, UPolyFromInts(-2, 0, 1).Mul(UPolyFromInts(-3, 0, 1)), one, big.NewRat(3, 2))
	s2c := mustAlg(t, UPolyFromInts(-4, 0, 0, 0, 1), big.NewRat(0, 1), big.NewRat(10, 1))
	if sqrt2.Cmp(s2b) != 0 || s2b.Cmp(s2c) != 0 || s2c.Cmp(sqrt2) != 0 {
		t.Fatal("sqrt 2 equality across defining polynomials")
	}
	if got, _ := sqrt2.Float(53).Float64(); got != math.Sqrt2 {
		t.Fatalf("Float(53) = %v, want %v", got, math.Sqrt2)
	}
	want := new(big.Float).SetPrec(300).Sqrt(new(big.Float).SetPrec(300).SetInt64(2))
	if got := s2b.Float(300); got.Cmp(want) != 0 {
		t.Fatalf("Float(300) = %v, want %v", got.Text('g', 100), want.Text('g', 100))
	}
	if sqrt2.Sign() != 1 || mustAlg(t, UPolyFromInts(-2, 0, 1), big.NewRat(-2, 1), big.NewRat(0, 1)).Sign() != -1 {
		t.Fatal("Sign")
	}
	if _, ok := sqrt2.IsRational(); ok {
		t.Fatal("sqrt 2 is irrational")
	}
	// (2x - 1)(x^2 - 2): the root in (0, 1) is 1/2 (hand)
	half := mustAlg(t, UPolyFromInts(-1, 2).Mul(UPolyFromInts(-2, 0, 1)), big.NewRat(0, 1), one)
	if r, ok := half.IsRational(); !ok || r.Cmp(big.NewRat(1, 2)) != 0 {
		t.Fatalf("IsRational = %v %v, want 1/2", r, ok)
	}
	if half.CmpRat(big.NewRat(1, 2)) != 0 || RealAlgFromRat(big.NewRat(1, 2)).Cmp(half) != 0 {
		t.Fatal("1/2 equality")
	}
	// String: x^3 - 2x has roots -sqrt2, 0, sqrt2; the one in [1, 2] is the 3rd.
	r3 := mustAlg(t, UPolyFromInts(0, -2, 0, 1), one, two)
	if got := r3.String(); got != "root 3 of x^3 - 2*x in [1, 2]" {
		t.Fatalf("String = %q", got)
	}
	if got := r3.LaTeX(); got != `\mathrm{root}_{3}\left(x^{3} - 2 x\right) \in \left[1, 2\right]` {
		t.Fatalf("LaTeX = %q", got)
	}
	if got := RealAlgFromRat(big.NewRat(-3, 4)).String(); got != "-3/4" {
		t.Fatalf("String = %q", got)
	}
}

func TestNewRealAlgErrors(t *testing.T) {
	f := UPolyFromInts(-2, 0, 1)
	cases := []struct {
		f      UPoly
		lo, hi *big.Rat
		msg    string
	}{
		{f, big.NewRat(-2, 1), big.NewRat(2, 1), "contains 2"},
		{f, big.NewRat(2, 1), big.NewRat(3, 1), "contains 0"},
		{f, big.NewRat(1, 1), big.NewRat(1, 1), "not a root"},
		{f, big.NewRat(2, 1), big.NewRat(1, 1), "empty interval"},
		{UPolyFromInts(5), big.NewRat(1, 1), big.NewRat(2, 1), "constant"},
	}
	for _, c := range cases {
		_, err := NewRealAlg(c.f, c.lo, c.hi)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("NewRealAlg(%v, %v, %v): %v, want error with %q", c.f, c.lo, c.hi, err, c.msg)
		}
	}
	// endpoints that are roots are moved inside: (x-1)(x-2) in [1, 3/2]
	// hand: (1, 3/2) holds no root but [1, 3/2] holds the root 1 -> error;
	// [1, 2] open holds none -> error; [0, 3/2] holds 1.
	g := UPolyFromInts(2, -3, 1)
	if _, err := NewRealAlg(g, big.NewRat(1, 1), big.NewRat(2, 1)); err == nil {
		t.Error("open (1,2) holds no root of (x-1)(x-2)")
	}
	x, err := NewRealAlg(g, big.NewRat(0, 1), big.NewRat(2, 1))
	if err != nil || x.CmpRat(big.NewRat(1, 1)) != 0 {
		t.Errorf("root 1 of (x-1)(x-2) in (0,2): %v %v", x, err)
	}
}

// TestRealAlgProperties: Cmp is consistent with Float, and roots shared by
// two polynomials are found equal.
func TestRealAlgProperties(t *testing.T) {
	seed := int64(31)
	rng := rand.New(rand.NewSource(seed))
	ctx := context.Background()
	for it := 0; it < testIters(40); it++ {
		common := randUPoly(rng, 1+rng.Intn(3), 6)
		f := common.Mul(randUPoly(rng, 1+rng.Intn(4), 6))
		g := common.Mul(randUPoly(rng, 1+rng.Intn(4), 6))
		xs, err := RealAlgRoots(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		ys, err := RealAlgRoots(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		for i, x := range xs {
			if _, ok := x.IsRational(); ok {
				continue
			}
			if k := x.rootIndex(); k != i+1 {
				t.Fatalf("seed %d it %d: root index %d, want %d", seed, it, k, i+1)
			}
			lo, _ := x.Interval()
			if k := SturmCount(x.f, nil, lo) + 1; k != i+1 {
				t.Fatalf("seed %d it %d: Sturm index %d, want %d", seed, it, k, i+1)
			}
		}
		all := append(append([]*RealAlg{}, xs...), ys...)
		for i, a := range all {
			fa := a.Float(80)
			for j, b := range all {
				c := a.Cmp(b)
				if c != -b.Cmp(a) {
					t.Fatalf("seed %d it %d: Cmp not antisymmetric", seed, it)
				}
				fb := b.Float(80)
				if fc := fa.Cmp(fb); fc != 0 && fc != c {
					t.Fatalf("seed %d it %d: Cmp(%v, %v) = %d but floats %v %v", seed, it, a, b, c, fa, fb)
				}
				if c == 0 && fa.Cmp(fb) != 0 {
					t.Fatalf("seed %d it %d: equal numbers with different floats", seed, it)
				}
				if i == j && c != 0 {
					t.Fatalf("seed %d: x != x", seed)
				}
			}
		}
		// every real root of common appears in both lists and compares equal
		cs, _ := RealAlgRoots(ctx, common)
		for _, c := range cs {
			found := 0
			for _, x := range xs {
				if c.Cmp(x) == 0 {
					found++
				}
			}
			for _, y := range ys {
				if c.Cmp(y) == 0 {
					found++
				}
			}
			if found != 2 {
				t.Fatalf("seed %d it %d: common root %v found %d times", seed, it, c, found)
			}
			if USignAt(f, c) != 0 || USignAt(g, c) != 0 {
				t.Fatalf("seed %d: USignAt of a root is not 0", seed)
			}
		}
		// USignAt agrees with a high-precision float evaluation
		for _, x := range xs {
			s := USignAt(g, x)
			xf := x.Float(200)
			v := evalFloat(g, xf, 200)
			if s != 0 && v.Sign() != s {
				t.Fatalf("seed %d: USignAt %d, float %v", seed, s, v)
			}
		}
	}
}

func ExampleRealAlg() {
	// sqrt(2) as the root of x^2 - 2 in [1, 2]
	x, _ := NewRealAlg(UPolyFromInts(-2, 0, 1), big.NewRat(1, 1), big.NewRat(2, 1))
	fmt.Println(x)
	fmt.Println(x.Float(64).Text('g', 15))
	fmt.Println(x.CmpRat(big.NewRat(3, 2)))
	// Output:
	// root 2 of x^2 - 2 in [1, 2]
	// 1.4142135623731
	// -1
}

func ExampleRealRoots() {
	// (x - 1)^2 (x^2 - 2)
	f := UPolyFromInts(-1, 1).Mul(UPolyFromInts(-1, 1)).Mul(UPolyFromInts(-2, 0, 1))
	ivs, _ := RealRoots(context.Background(), f)
	for _, iv := range ivs {
		fmt.Println(iv)
	}
	// Output:
	// [-8, -1/4]
	// 1 (multiplicity 2)
	// [17/16, 5]
}

func TestRationalBetweenNeg(t *testing.T) {
	ctx := context.Background()
	// hand: the roots of (x^2 - 2)(x^2 - 3)(2x - 3) sorted are
	// -sqrt3 < -sqrt2 < sqrt2 < 3/2 < sqrt3
	f := UPolyFromInts(-2, 0, 1).Mul(UPolyFromInts(-3, 0, 1)).Mul(UPolyFromInts(-3, 2))
	xs, err := RealAlgRoots(ctx, f)
	if err != nil || len(xs) != 5 {
		t.Fatalf("roots: %v %v", xs, err)
	}
	for i := 0; i+1 < len(xs); i++ {
		r := RationalBetween(xs[i], xs[i+1])
		if xs[i].CmpRat(r) != -1 || xs[i+1].CmpRat(r) != 1 {
			t.Fatalf("RationalBetween(%v, %v) = %v", xs[i], xs[i+1], r)
		}
	}
	for _, x := range xs {
		if x.CmpRat(RationalBelow(x)) != 1 || x.CmpRat(RationalAbove(x)) != -1 {
			t.Fatalf("RationalBelow/Above of %v", x)
		}
		n := x.Neg()
		if n.Cmp(x) != -x.Sign() && x.Sign() != 0 {
			t.Fatalf("Neg(%v) = %v", x, n)
		}
		if n.Neg().Cmp(x) != 0 {
			t.Fatalf("Neg(Neg(%v)) != x", x)
		}
		fx, _ := x.Float(60).Float64()
		fn, _ := n.Float(60).Float64()
		if fx != -fn {
			t.Fatalf("Neg float %v vs %v", fx, fn)
		}
	}
	// hand: the dyadic with smallest denominator strictly between sqrt2 and
	// 3/2 is 23/16 (2^4 sqrt2 = 22.6 < 23 < 24; no integer in (11.3, 12)).
	if r := RationalBetween(xs[2], xs[3]); r.Cmp(big.NewRat(23, 16)) != 0 {
		t.Fatalf("RationalBetween(sqrt2, 3/2) = %v, want 23/16", r)
	}
}
