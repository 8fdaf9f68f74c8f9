package poly

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// univBenchDir returns ../shared/bench/inputs/univ relative to the
// repository root, or "" when it is absent.
func univBenchDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	root := filepath.Dir(filepath.Dir(file)) // poly/ -> repo root
	dir := filepath.Join(root, "..", "shared", "bench", "inputs", "univ")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

// readUnivPoly reads a benchmark .poly file: an expanded univariate
// polynomial with integer coefficients in x ("x^20 - 50*x^2 + 20*x - 2"),
// through the package parser.
func readUnivPoly(path string) (UPoly, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	R := MustRing([]string{"x"}, Lex)
	p, err := R.Parse(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p.Univariate(0)
}

// univBenchNames are the named problems of ANCHORS.md §5a, with the number
// of real roots every anchor agrees on.
var univBenchNames = []struct {
	name  string
	roots int
}{
	{"mignotte20", 4}, {"mignotte50", 4}, {"mignotte100", 4}, {"mignotte400", 4},
	{"wilkinson20", 20}, {"wilkinson50", 50}, {"wilkinson100", 100},
	{"chebyshev100", 100}, {"random200", 4}, {"random1000", 8}, {"prod7x30", 30},
}

func BenchmarkRealRoots(b *testing.B) {
	dir := univBenchDir()
	if dir == "" {
		b.Skip("../shared/bench/inputs/univ not present")
	}
	for _, nb := range univBenchNames {
		f, err := readUnivPoly(filepath.Join(dir, nb.name+".poly"))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(nb.name, func(b *testing.B) {
			for b.Loop() {
				ivs, err := RealRoots(context.Background(), f)
				if err != nil {
					b.Fatal(err)
				}
				if len(ivs) != nb.roots {
					b.Fatalf("%d roots, want %d", len(ivs), nb.roots)
				}
			}
		})
	}
}

// TestBenchInputsRootCounts checks the root counts agreed by all anchors
// (ANCHORS.md §5a) on the smaller benchmark inputs.
func TestBenchInputsRootCounts(t *testing.T) {
	dir := univBenchDir()
	if dir == "" {
		t.Skip("../shared/bench/inputs/univ not present")
	}
	for _, nb := range univBenchNames {
		if testing.Short() && (nb.name == "random1000" || nb.name == "mignotte400" || nb.name == "wilkinson100") {
			continue
		}
		f, err := readUnivPoly(filepath.Join(dir, nb.name+".poly"))
		if err != nil {
			t.Fatal(err)
		}
		ivs, err := RealRoots(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(ivs) != nb.roots {
			t.Errorf("%s: %d roots, want %d (ANCHORS.md 5a)", nb.name, len(ivs), nb.roots)
		}
	}
}

// gcdBenchPair returns f = a g, h = b g with deg a = deg b = deg g = d/2
// and coefficients of about digits decimal digits (seeded).
func gcdBenchPair(d, digits int, seed int64) (UPoly, UPoly) {
	rng := rand.New(rand.NewSource(seed))
	bits := digits * 332 / 100 / 2
	g := randUPoly(rng, d/2, bits)
	a := randUPoly(rng, d/2, bits)
	h := randUPoly(rng, d/2, bits)
	return a.Mul(g), h.Mul(g)
}

func BenchmarkUGCD(b *testing.B) {
	f, g := gcdBenchPair(200, 100, 1)
	b.Run("modular/deg200_100digits", func(b *testing.B) {
		for b.Loop() {
			if _, err := gcdModular(context.Background(), f, g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("subresultant/deg200_100digits", func(b *testing.B) {
		for b.Loop() {
			gcdSubresultant(f, g)
		}
	})
}

func BenchmarkUResultant(b *testing.B) {
	rng := rand.New(rand.NewSource(5))
	f := randUPoly(rng, 200, 332)
	g := randUPoly(rng, 200, 332)
	b.Run("modular/deg200_100digits", func(b *testing.B) {
		for b.Loop() {
			if _, err := resultantModular(context.Background(), f, g); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, d := range []int{4, 8, 16, 32} {
		f := randUPoly(rng, d, 32)
		g := randUPoly(rng, d, 32)
		b.Run(fmt.Sprintf("modular/deg%d_32bit", d), func(b *testing.B) {
			for b.Loop() {
				resultantModular(context.Background(), f, g)
			}
		})
		b.Run(fmt.Sprintf("subresultant/deg%d_32bit", d), func(b *testing.B) {
			for b.Loop() {
				resultantSubresultant(f, g)
			}
		})
	}
}

func BenchmarkUPolyMul(b *testing.B) {
	rng := rand.New(rand.NewSource(6))
	for _, n := range []int{4, 8, 12, 16, 32, 128} {
		for _, bits := range []int{64, 1024} {
			f := randUPoly(rng, n-1, bits)
			g := randUPoly(rng, n-1, bits)
			b.Run(fmt.Sprintf("school/n%d_%dbit", n, bits), func(b *testing.B) {
				for b.Loop() {
					mulSchool(f, g)
				}
			})
			b.Run(fmt.Sprintf("kronecker/n%d_%dbit", n, bits), func(b *testing.B) {
				for b.Loop() {
					mulKronecker(f, g)
				}
			})
		}
	}
}
