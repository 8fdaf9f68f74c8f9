package relu

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/relucad/relucad/semialg"
)

func TestDecideOptimum(t *testing.T) {
	ints := func(rows ...[]int64) RatMatrix { return RatMatrixFromInts(rows) }
	lu := "W2=10/11,W1=11/01"
	e4X := ints([]int64{0, 0}, []int64{1, 0}, []int64{0, 1})
	e4Y := ints([]int64{0, 0}, []int64{0, 1}, []int64{1, 0})
	// A realizable dataset: targets of the network W2 = [[1,0],[2,-1]],
	// W1 = [[1,1],[0,1]], no biases, at the E4 inputs (hand computation:
	// hidden (0,0), (1,0), (1,1); outputs (0,0), (1,2), (1,1)).
	fitY := ints([]int64{0, 0}, []int64{1, 2}, []int64{1, 1})
	// Two equal inputs with different targets: no exact fit, not a lift;
	// the QE route finds the minimum 1/2 (optimum_qe_test.go has the hand
	// argument).
	badX := ints([]int64{1, 0}, []int64{1, 0})
	badY := ints([]int64{0, 0}, []int64{1, 0})
	for _, tc := range []struct {
		name   string
		spec   string
		biases bool
		X, Y   RatMatrix
		want   string
		min    string
		src    string
	}{
		{"E4 no bias", lu, false, e4X, e4Y, "none", "", "MATH.md E4 (nlsat: no exact fit; J = ε²)"},
		{"E4 bias", lu, true, e4X, e4Y, "none", "", "MATH.md E4 (with or without biases)"},
		{"realizable", lu, false, e4X, fitY, "exists", "0", "hand computation"},
		{"realizable with biases", lu, true, e4X, fitY, "exists", "0", "hand computation (zero biases)"},
		{"contradictory", lu, true, badX, badY, "exists", "1/2", "equal inputs, different targets: (o−0)² + (o−1)² ≥ 1/2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			d, err := DecideOptimum(ctx, MustSpec(tc.spec), tc.biases, tc.X, tc.Y, semialg.Limits{MaxCells: 200000, MaxFactors: 2000})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %s (%d patterns): %s", tc.name, d.Optimum, d.Patterns, d.Reason)
			if d.Optimum != tc.want {
				t.Fatalf("optimum %s, want %s (%s): %s", d.Optimum, tc.want, tc.src, d.Reason)
			}
			if d.MinLoss != tc.min {
				t.Fatalf("min loss %q, want %q", d.MinLoss, tc.min)
			}
			if tc.min != "0" && !strings.Contains(d.Reason, "no exact fit") {
				t.Fatalf("reason %q should say there is no exact fit", d.Reason)
			}
			if d.Minimizer != nil && tc.min != "0" {
				checkMinimizer(t, tc.spec, tc.biases, tc.X, tc.Y, d)
			} else if d.Minimizer != nil {
				// Independent re-check of the minimiser.
				var W []RatMatrix
				for _, k := range []string{"W2", "W1"} {
					M, err := ParseRatMatrix(d.Minimizer[k])
					if err != nil {
						t.Fatal(err)
					}
					W = append(W, M)
				}
				var b [][]*big.Rat
				if tc.biases {
					for _, k := range []string{"b2", "b1"} {
						var v []*big.Rat
						for _, r := range d.Minimizer[k] {
							x, _ := new(big.Rat).SetString(r[0])
							v = append(v, x)
						}
						b = append(b, v)
					}
				}
				net, err := NewNetwork(MustSpec(tc.spec), W, b)
				if err != nil {
					t.Fatal(err)
				}
				for p := range tc.X {
					out, _ := net.Eval(tc.X[p])
					for i := range out {
						if out[i].Cmp(tc.Y[p][i]) != 0 {
							t.Fatalf("minimiser misses point %d", p+1)
						}
					}
				}
			}
		})
	}
}

func TestDecideOptimumBadInput(t *testing.T) {
	ints := func(rows ...[]int64) RatMatrix { return RatMatrixFromInts(rows) }
	s := MustSpec("W2=10/11,W1=11/01")
	lim := semialg.Limits{MaxCells: 1000, MaxFactors: 100}
	if _, err := DecideOptimum(context.Background(), s, true, ints([]int64{1, 0}), ints([]int64{1}), lim); err == nil {
		t.Fatal("short target accepted")
	}
	if _, err := DecideOptimum(context.Background(), s, true, ints([]int64{1, 0, 2}), ints([]int64{1, 1}), lim); err == nil {
		t.Fatal("long input accepted")
	}
	d, err := DecideOptimum(context.Background(), s, true, make(RatMatrix, 9), make(RatMatrix, 9), lim)
	if err == nil && d.Optimum != "unknown" {
		t.Fatal("too many patterns decided")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := DecideOptimum(ctx, s, true, ints([]int64{0, 0}, []int64{1, 0}, []int64{0, 1}), ints([]int64{0, 0}, []int64{0, 1}, []int64{1, 0}), lim); err == nil {
		t.Fatal("cancelled context: no error")
	}
}
