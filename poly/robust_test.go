package poly

import (
	"context"
	"errors"
	"math/big"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// Regression tests for hostile inputs found by the robustness pass
// (CLI: relucad poly realroots).

// TestIrootFloor: iroot(x, g) = floor(x^(1/g)) on random and extreme
// inputs, including huge g, where Newton from the coarse power-of-two start
// used to need ~g iterations (x^999999 - 1 hung realroots).
func TestIrootFloor(t *testing.T) {
	const seed = 7
	rng := rand.New(rand.NewSource(seed))
	check := func(x *big.Int, g int) {
		t.Helper()
		y, err := iroot(context.Background(), x, g)
		if err != nil {
			t.Fatal(err)
		}
		G := big.NewInt(int64(g))
		lo := new(big.Int).Exp(y, G, nil)
		hi := new(big.Int).Exp(new(big.Int).Add(y, big.NewInt(1)), G, nil)
		if lo.Cmp(x) > 0 || hi.Cmp(x) <= 0 {
			t.Fatalf("seed %d: iroot(%v bits, %d) = %v is not the floor of the root", seed, x.BitLen(), g, y)
		}
	}
	n := 300
	if testing.Short() {
		n = 30
	}
	for it := 0; it < n; it++ {
		g := 3 + rng.Intn(40)
		x := new(big.Int).Rand(rng, new(big.Int).Lsh(big.NewInt(1), uint(1+rng.Intn(2000))))
		x.Add(x, big.NewInt(1))
		check(x, g)
		// perfect powers and their neighbours
		r := new(big.Int).Rand(rng, new(big.Int).Lsh(big.NewInt(1), uint(1+rng.Intn(200))))
		r.Add(r, big.NewInt(2))
		p := new(big.Int).Exp(r, big.NewInt(int64(g)), nil)
		check(p, g)
		check(new(big.Int).Sub(p, big.NewInt(1)), g)
		check(new(big.Int).Add(p, big.NewInt(1)), g)
	}
	for _, x := range []int64{1, 2, 7, 8, 9, 1 << 62} {
		check(big.NewInt(x), 3)
	}
	// huge g: the root 2^16 of 2^(16 g) (ratRoot of 1 at precision 16)
	g := 99999
	start := time.Now()
	check(new(big.Int).Lsh(big.NewInt(1), uint(16*g)), g)
	check(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(16*g)), big.NewInt(1)), g)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("iroot with g = %d took %v", g, d)
	}
}

// TestRealRootsHugeDeflation: x^99999 - 1 (deflation degree 99999) is
// answered quickly: the real root 1.
func TestRealRootsHugeDeflation(t *testing.T) {
	R := MustRing([]string{"x"}, Lex)
	p := R.MustParse("x^99999 - 1")
	u, err := p.Univariate(0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	roots, err := RealRoots(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	// hand computation: the only real root of x^odd - 1 is 1
	if one := big.NewRat(1, 1); len(roots) != 1 || roots[0].Lo.Cmp(one) > 0 || roots[0].Hi.Cmp(one) < 0 {
		t.Fatalf("RealRoots(x^99999 - 1) = %v, want one interval containing 1", roots)
	}
}

// TestUnivariateDegreeLimit: a dense conversion of x^99999999 is refused
// with an error instead of allocating gigabytes.
func TestUnivariateDegreeLimit(t *testing.T) {
	R := MustRing([]string{"x"}, Lex)
	_, err := R.MustParse("x^99999999 - 1").Univariate(0)
	if err == nil || !strings.Contains(err.Error(), "exceeds the dense univariate limit") {
		t.Fatalf("Univariate(x^99999999 - 1): err = %v", err)
	}
}

// TestRealRootsDeflationCancel: the g-th roots of the deflated isolation
// honour ctx between their big-number steps (x^999999 - 3 with a 100 ms
// budget stops with the context's error within a few seconds; one step at
// this size costs about a second).
func TestRealRootsDeflationCancel(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a degree-999999 polynomial")
	}
	R := MustRing([]string{"x"}, Lex)
	u, err := R.MustParse("x^999999 - 3").Univariate(0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = RealRoots(ctx, u)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("RealRoots(x^999999 - 3) with a 100 ms budget: err = %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancellation took %v", d)
	}
}

// TestRealRootsLinearHugeCoefficient: a linear polynomial with a
// 200000-digit coefficient has its root -b/a at once (the isolation path
// spent seconds per rational operation; a 10^6-digit one took 47 s).
func TestRealRootsLinearHugeCoefficient(t *testing.T) {
	a, _ := new(big.Int).SetString(strings.Repeat("7", 200000), 10)
	for _, u := range []UPoly{{big.NewInt(-1), a}, {big.NewInt(3), new(big.Int).Neg(a)}} {
		start := time.Now()
		roots, err := RealRoots(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		// hand computation: the root of a x + b is -b/a
		want := new(big.Rat).SetFrac(new(big.Int).Neg(u[0]), u[1])
		if len(roots) != 1 || !roots[0].IsExact() || roots[0].Lo.Cmp(want) != 0 || roots[0].Mult != 1 {
			t.Fatalf("RealRoots(%v x + %v): %d roots, want the exact root -b/a", u[1].BitLen(), u[0], len(roots))
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v", d)
		}
	}
}
