package relu

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestDecideOptimumQERandomSupports runs DecideOptimum on random small
// two-layer supports and datasets (fixed seeds, logged): it must return
// without error within its budgets, never contradict a random rational
// parameter (J(θ) ≥ inf J; strictly for "none"), and every reported
// minimiser must attain the minimum exactly.
func TestDecideOptimumQERandomSupports(t *testing.T) {
	cases := 24
	if testing.Short() {
		cases = 6
	}
	decided := 0
	for seed := uint64(1); seed <= uint64(cases); seed++ {
		rng := rand.New(rand.NewPCG(seed, 23))
		n, h, m := 1+rng.IntN(2), 1+rng.IntN(2), 1+rng.IntN(2)
		mask := func(r, c int) string {
			var rows []string
			for i := 0; i < r; i++ {
				var b strings.Builder
				for j := 0; j < c; j++ {
					if rng.IntN(4) > 0 { // 1 with probability 3/4
						b.WriteByte('1')
					} else {
						b.WriteByte('0')
					}
				}
				rows = append(rows, b.String())
			}
			return strings.Join(rows, "/")
		}
		spec := fmt.Sprintf("W2=%s,W1=%s", mask(m, h), mask(h, n))
		s, err := ParseSpec(spec)
		if err != nil {
			t.Fatalf("seed %d: %s: %v", seed, spec, err)
		}
		biases := rng.IntN(2) == 1
		N := 2 + rng.IntN(3)
		X, Y := NewRatMatrix(N, n), NewRatMatrix(N, m)
		for p := 0; p < N; p++ {
			for j := range X[p] {
				X[p][j] = big.NewRat(int64(rng.IntN(5))-2, 1)
			}
			for i := range Y[p] {
				Y[p][i] = big.NewRat(int64(rng.IntN(7))-3, 1)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		start := time.Now()
		d, err := decideOptimum(ctx, s, biases, X, Y, optQELim, optOptions{lift: true, budget: 2 * time.Second})
		cancel()
		if err != nil {
			t.Fatalf("seed %d: %s biases %v X %v Y %v: %v", seed, spec, biases, X.Strings(), Y.Strings(), err)
		}
		t.Logf("seed %d: %s biases %v N %d: %v: %s, inf %q", seed, spec, biases, N, time.Since(start).Round(time.Millisecond), d.Optimum, d.InfLoss)
		if d.Optimum == "unknown" {
			continue
		}
		decided++
		if d.Minimizer != nil {
			checkMinimizer(t, spec, biases, X, Y, d)
		}
		inf, ok := new(big.Rat).SetString(d.InfLoss)
		strict := d.Optimum == "none"
		if !ok {
			a, err := parseAlgebraicLoss(d.InfLoss)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			inf, _ = a.Interval()
			strict = true
		}
		for it := 0; it < 200; it++ {
			J, _ := randomThetaLoss(t, rng, s, biases, X, Y)
			if c := J.Cmp(inf); c < 0 || c == 0 && strict {
				t.Fatalf("seed %d: %s: J(θ) = %s below the reported %s inf %s", seed, spec, J.RatString(), d.Optimum, d.InfLoss)
			}
		}
	}
	t.Logf("%d of %d decided", decided, cases)
}
