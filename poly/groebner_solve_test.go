package poly_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/relucad/relucad/poly"
)

var realSolutionTests = []struct {
	name  string
	vars  []string
	gens  []string
	count int
	first []float64 // approximate coordinates of the first solution (hand computation)
}{
	// circle and line: (±1/√2, ±1/√2)
	{"circle line", []string{"x", "y"}, []string{"x^2 + y^2 - 1", "x - y"}, 2, []float64{-0.7071067811865476, -0.7071067811865476}},
	// (±√2, ±√3): x alone does not separate; u = x + c·y does
	{"product", []string{"x", "y"}, []string{"x^2 - 2", "y^2 - 3"}, 4, []float64{-1.4142135623730951, -1.7320508075688772}},
	// no real point: x^2 + 1 = 0
	{"complex only", []string{"x", "y"}, []string{"x^2 + 1", "y - x"}, 0, nil},
	// not radical: x^2 = 0, y = 1 (one point of multiplicity 2)
	{"double point", []string{"x", "y"}, []string{"x^2", "y - 1"}, 1, []float64{0, 1}},
	// hand computation: y = x^2, x^2 + y^2 = 2 ⇒ y = 1 (y = -2 gives no real x): (±1, 1)
	{"parabola circle", []string{"x", "y"}, []string{"y - x^2", "x^2 + y^2 - 2"}, 2, []float64{-1, 1}},
	{"inconsistent", []string{"x", "y"}, []string{"x*y - 1", "x"}, 0, nil},
}

func TestRealSolutions(t *testing.T) {
	for _, tc := range realSolutionTests {
		t.Run(tc.name, func(t *testing.T) {
			R := poly.MustRing(tc.vars, poly.Lex)
			gens := mustPolys(t, R, tc.gens...)
			sols, err := poly.RealSolutions(context.Background(), gens)
			if err != nil {
				t.Fatal(err)
			}
			if len(sols) != tc.count {
				t.Fatalf("%d solutions, want %d", len(sols), tc.count)
			}
			for _, s := range sols {
				// every generator vanishes: check numerically at 200 bits
				for _, g := range gens {
					if v := evalFloat(g, s); v > 1e-40 {
						t.Errorf("generator %s = %g at %v", g, v, s.Coords)
					}
				}
			}
			if tc.first != nil {
				for i, x := range tc.first {
					f, _ := sols[0].Coords[i].Float(64).Float64()
					if d := f - x; d > 1e-12 || d < -1e-12 {
						t.Errorf("coordinate %d = %v, want %v", i, f, x)
					}
				}
			}
		})
	}
}

// evalFloat returns |g| at the solution, in 200-bit floating point
// (a numeric sanity check; the solutions themselves are exact).
func evalFloat(g *poly.Poly, s poly.RealSolution) float64 {
	sum := new(big.Float).SetPrec(200)
	for _, t := range g.Terms() {
		term := new(big.Float).SetPrec(200).SetRat(t.Coef)
		for i, e := range t.Mon {
			x := s.Coords[i].Float(200)
			for range e {
				term.Mul(term, x)
			}
		}
		sum.Add(sum, term)
	}
	f, _ := sum.Abs(sum).Float64()
	return f
}

func TestRealSolutionsErrors(t *testing.T) {
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	if _, err := poly.RealSolutions(context.Background(), mustPolys(t, R, "x - y")); !errors.Is(err, poly.ErrNotZeroDimensional) {
		t.Fatalf("err = %v, want ErrNotZeroDimensional", err)
	}
	if _, err := poly.RealSolutions(context.Background(), nil); err == nil {
		t.Fatal("empty system accepted")
	}
}

// TestRealSolutionsCyclic5: ANCHORS.md §4: cyclic5 has 10 real solutions.
func TestRealSolutionsCyclic5(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	gens := readSystem(t, "cyclic5")
	start := time.Now()
	sols, err := poly.RealSolutions(context.Background(), gens)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("cyclic5: %d real solutions in %v", len(sols), time.Since(start))
	if len(sols) != 10 {
		t.Fatalf("%d real solutions, want 10", len(sols))
	}
	_ = fmt.Sprint
}
