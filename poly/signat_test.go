package poly

import (
	"context"
	"math/big"
	"math/rand"
	"testing"
)

func TestSignAtTable(t *testing.T) {
	ctx := context.Background()
	R := MustRing([]string{"x", "y", "z"}, GRevLex)
	one, two := big.NewRat(1, 1), big.NewRat(2, 1)
	sqrt2 := func() *RealAlg { return mustAlg(t, UPolyFromInts(-2, 0, 1), one, two) }
	msqrt2 := func() *RealAlg { return mustAlg(t, UPolyFromInts(-2, 0, 1), big.NewRat(-2, 1), big.NewRat(-1, 1)) }
	sqrt2b := func() *RealAlg { return mustAlg(t, UPolyFromInts(-4, 0, 0, 0, 1), one, two) }
	cbrt2 := func() *RealAlg { return mustAlg(t, UPolyFromInts(-2, 0, 0, 1), one, two) }
	// hand computations
	tests := []struct {
		p    string
		pt   []*RealAlg
		want int
	}{
		{"x^2 - 2", []*RealAlg{sqrt2(), nil, nil}, 0},
		{"x^2 - 3", []*RealAlg{sqrt2(), nil, nil}, -1},
		{"x*y - 2", []*RealAlg{sqrt2(), sqrt2b(), nil}, 0},
		{"x + y", []*RealAlg{sqrt2(), msqrt2(), nil}, 0},
		{"x + y - 1/1000000", []*RealAlg{sqrt2(), msqrt2(), nil}, -1},
		{"x - y", []*RealAlg{sqrt2(), cbrt2(), nil}, 1},
		{"x^6 - y^4", []*RealAlg{sqrt2(), cbrt2(), nil}, 1},                                // 8 - 2^(4/3) > 0
		{"y^3*z - x^2", []*RealAlg{sqrt2(), cbrt2(), RealAlgFromRat(big.NewRat(1, 1))}, 0}, // 2*1 - 2
		{"x^2 + y^2 + z^2 - 7", []*RealAlg{sqrt2(), sqrt2b(), RealAlgFromRat(big.NewRat(3, 2))}, -1},
		// hand: sqrt2 + sqrt3 is the largest root of x^4 - 10x^2 + 1, so
		// x + y + z vanishes at (sqrt2, sqrt3, -(sqrt2 + sqrt3)): three
		// levels of resultant elimination.
		{"x + y + z", []*RealAlg{sqrt2(), mustAlg(t, UPolyFromInts(-3, 0, 1), one, two),
			mustAlg(t, UPolyFromInts(1, 0, -10, 0, 1), big.NewRat(-4, 1), big.NewRat(-3, 1))}, 0},
		{"x + y + z + 1/10^30", []*RealAlg{sqrt2(), mustAlg(t, UPolyFromInts(-3, 0, 1), one, two),
			mustAlg(t, UPolyFromInts(1, 0, -10, 0, 1), big.NewRat(-4, 1), big.NewRat(-3, 1))}, 1},
		{"x*y*z + 2*x^2 + 2*y^2", []*RealAlg{sqrt2(), mustAlg(t, UPolyFromInts(-3, 0, 1), one, two),
			mustAlg(t, UPolyFromInts(1, 0, -10, 0, 1), big.NewRat(-4, 1), big.NewRat(-3, 1))}, 1}, // -sqrt6(sqrt2+sqrt3) + 10 = 10 - 2sqrt3 - 3sqrt2 > 0
		{"3", []*RealAlg{nil, nil, nil}, 1},
		{"0", []*RealAlg{nil, nil, nil}, 0},
	}
	for _, tt := range tests {
		p := R.MustParse(tt.p)
		got, err := SignAt(ctx, p, tt.pt)
		if err != nil {
			t.Fatalf("SignAt(%s): %v", tt.p, err)
		}
		if got != tt.want {
			t.Errorf("SignAt(%s) = %d, want %d", tt.p, got, tt.want)
		}
	}
	if _, err := SignAt(ctx, R.MustParse("x"), []*RealAlg{nil, nil, nil}); err == nil {
		t.Error("missing coordinate accepted")
	}
	if _, err := SignAt(ctx, R.MustParse("x"), []*RealAlg{sqrt2()}); err == nil {
		t.Error("short point accepted")
	}
}

func TestSignAtRandom(t *testing.T) {
	seed := int64(41)
	rng := rand.New(rand.NewSource(seed))
	ctx := context.Background()
	R := MustRing([]string{"x", "y"}, GRevLex)
	for it := 0; it < testIters(30); it++ {
		fx := randUPoly(rng, 2+rng.Intn(2), 4)
		fy := randUPoly(rng, 2+rng.Intn(2), 4)
		xs, _ := RealAlgRoots(ctx, fx)
		ys, _ := RealAlgRoots(ctx, fy)
		if len(xs) == 0 || len(ys) == 0 {
			continue
		}
		x, y := xs[rng.Intn(len(xs))], ys[rng.Intn(len(ys))]
		// p = a(x) + b(x) * (something vanishing at y) sometimes
		var p *Poly
		if rng.Intn(2) == 0 {
			p = R.FromUPoly(fy, 1).Mul(R.FromUPoly(randUPoly(rng, 1, 3), 0))
			p = p.Add(R.FromUPoly(fx, 0).Mul(R.Var(1))) // vanishes at (x, y)
		} else {
			p = R.FromUPoly(randUPoly(rng, 2, 3), 0).Add(R.FromUPoly(randUPoly(rng, 2, 3), 1))
		}
		s, err := SignAt(ctx, p, []*RealAlg{x, y})
		if err != nil {
			t.Fatal(err)
		}
		// high-precision float check
		xf, yf := x.Float(300), y.Float(300)
		v := new(big.Float).SetPrec(300)
		for _, tm := range p.Terms() {
			c := new(big.Float).SetPrec(300).SetRat(tm.Coef)
			for i := uint32(0); i < tm.Mon[0]; i++ {
				c.Mul(c, xf)
			}
			for i := uint32(0); i < tm.Mon[1]; i++ {
				c.Mul(c, yf)
			}
			v.Add(v, c)
		}
		fv, _ := v.Float64()
		if s == 0 && (fv > 1e-60 || fv < -1e-60) || s != 0 && v.Sign() != s {
			t.Fatalf("seed %d it %d: SignAt(%v) = %d, float value %g", seed, it, p, s, fv)
		}
	}
}
