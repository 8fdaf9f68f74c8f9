package poly_test

import (
	"math/big"
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

func TestContent(t *testing.T) {
	// hand computations
	tests := []struct {
		p, content, pp, monic string
		den                   int64
	}{
		{"6*x + 4*y", "2", "3*x + 2*y", "x + 2/3*y", 1},
		{"1/2*x + 1/3", "1/6", "3*x + 2", "x + 2/3", 6},
		{"-6*x + 4", "2", "-3*x + 2", "x - 2/3", 1},
		{"-3/4", "3/4", "-1", "1", 4},
		{"0", "0", "0", "0", 1},
	}
	for _, tc := range tests {
		p := xyz.MustParse(tc.p)
		c, ok := new(big.Rat).SetString(tc.content)
		if !ok || p.Content().Cmp(c) != 0 {
			t.Errorf("Content(%s) = %v, want %s", tc.p, p.Content(), tc.content)
		}
		pp, m := p.PrimitivePart(), p.Monic()
		cd, d := p.ClearDenominators()
		polytest.CheckCanonical(t, pp, m, cd)
		if pp.String() != tc.pp || m.String() != tc.monic {
			t.Errorf("PP/Monic(%s) = %s, %s", tc.p, pp, m)
		}
		if d.Int64() != tc.den || !cd.IsIntegral() || !cd.Equal(p.ScaleInt(tc.den)) {
			t.Errorf("ClearDenominators(%s) = %s, %v", tc.p, cd, d)
		}
	}
}

func TestUnivariateConversion(t *testing.T) {
	p := xyz.MustParse("3*y^4 - y + 7")
	u, err := p.Univariate(1)
	if err != nil || len(u) != 5 || u[4].Int64() != 3 || u[1].Int64() != -1 || u[0].Int64() != 7 || u[2].Sign() != 0 {
		t.Fatalf("Univariate = %v, %v", u, err)
	}
	if back := xyz.FromUPoly(u, 1); !back.Equal(p) {
		t.Errorf("FromUPoly = %s", back)
	}
	if got := xyz.FromUPoly(poly.UPoly{big.NewInt(1), big.NewInt(0), big.NewInt(-2)}, 2); got.String() != "-2*z^2 + 1" {
		t.Errorf("FromUPoly = %s", got)
	}
	if _, err := p.Univariate(0); err == nil {
		t.Errorf("Univariate in x of a polynomial in y")
	}
	if _, err := xyz.MustParse("x/2").Univariate(0); err == nil {
		t.Errorf("Univariate with a rational coefficient")
	}
	if u, err := xyz.Zero().Univariate(0); err != nil || len(u) != 0 {
		t.Errorf("Univariate(0) = %v, %v", u, err)
	}
	rng := polytest.Rand(t)
	for range polytest.Iters(t, 50) {
		u := polytest.RandUPoly(rng, 10, 70)
		p := xyz.FromUPoly(u, 0)
		polytest.CheckCanonical(t, p)
		back, err := p.Univariate(0)
		if err != nil || len(back) != len(u) {
			t.Fatalf("round trip: %v %v", back, err)
		}
		for i := range u {
			if back[i].Cmp(u[i]) != 0 {
				t.Fatalf("round trip coefficient %d", i)
			}
		}
	}
}
