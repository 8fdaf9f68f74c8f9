package polytest_test

import (
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

func TestSeedReplay(t *testing.T) {
	t.Setenv("RELUCAD_SEED", "42")
	a, b := polytest.Rand(t), polytest.Rand(t)
	for range 10 {
		if a.Uint64() != b.Uint64() {
			t.Fatal("same RELUCAD_SEED, different streams")
		}
	}
}

func TestGenerators(t *testing.T) {
	rng := polytest.Rand(t)
	R := poly.MustRing([]string{"x", "y"}, poly.Lex)
	for range polytest.Iters(t, 100) {
		p := polytest.RandPoly(rng, R, 3, 5, 10)
		polytest.CheckCanonical(t, p)
		if p.NumTerms() > 5 || (!p.IsZero() && (p.Degree(0) > 3 || p.Degree(1) > 3)) {
			t.Fatalf("RandPoly out of bounds: %s", p)
		}
		if polytest.RandNonZeroPoly(rng, R, 3, 5, 10).IsZero() {
			t.Fatal("RandNonZeroPoly returned 0")
		}
		if ip := polytest.RandPoly(rng, R, 3, 5, -20); !ip.IsIntegral() {
			t.Fatalf("negative coefBits gave rational coefficients: %s", ip)
		}
		u := polytest.RandUPoly(rng, 6, 20)
		if len(u) > 7 || (len(u) > 0 && u[len(u)-1].Sign() == 0) {
			t.Fatalf("RandUPoly not canonical: %v", u)
		}
	}
	if polytest.Iters(t, 100) < 1 {
		t.Fatal("Iters < 1")
	}
}
