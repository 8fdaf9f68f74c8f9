package relu

import (
	"context"
	"math/big"
	"math/rand"
	"testing"
)

func rats(xs ...int64) []*big.Rat {
	out := make([]*big.Rat, len(xs))
	for i, x := range xs {
		out[i] = big.NewRat(x, 1)
	}
	return out
}

// TestFitScalar covers MATH.md T19/E11 and hand computations.
func TestFitScalar(t *testing.T) {
	tests := []struct {
		name, spec string
		biases     bool
		x, y       []*big.Rat
		min        string
		source     string
	}{
		{"T19", "W2=1,W1=1", true, rats(-1, 0, 1), rats(1, 0, 1), "1/2", "MATH.md T19/E11"},
		{"E11 two neurons", "W2=11,W1=1/1", true, rats(-1, 0, 1), rats(1, 0, 1), "0", "MATH.md E11 (σ(x)+σ(−x))"},
		{"T19 no bias", "W2=1,W1=1", false, rats(-1, 0, 1), rats(1, 0, 1), "1", "hand: f(0)=0 and one of f(±1) is 0"},
		{"constant only", "W2=1,W1=0", true, rats(0, 1, 2), rats(0, 3, 0), "6", "hand: best constant fit 1, loss 1+4+1"},
		{"masked output", "W2=0,W1=1", true, rats(0, 1), rats(1, 3), "2", "hand: only the output bias, mean 2"},
		{"exact line", "W2=1,W1=1", true, rats(0, 1, 2), rats(1, 3, 5), "0", "hand: 1 + 2σ(x)"},
	}
	for _, tc := range tests {
		res, err := FitScalar(context.Background(), MustSpec(tc.spec), tc.biases, tc.x, tc.y)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if res.MinLoss != tc.min {
			t.Errorf("%s: min loss %s, want %s (%s); minimizer %v", tc.name, res.MinLoss, tc.min, tc.source, res.Minimizer)
		}
	}
	if _, err := FitScalar(context.Background(), MustSpec("W2=10/11,W1=11/01"), true, rats(1), rats(1)); err == nil {
		t.Error("vector output accepted")
	}
}

// TestFitScalarLowerBound: the exact minimum is never above the loss of
// random networks (property; seed printed on failure).
func TestFitScalarLowerBound(t *testing.T) {
	seed := int64(8)
	rng := rand.New(rand.NewSource(seed))
	iters := 40
	if testing.Short() {
		iters = 8
	}
	for it := 0; it < iters; it++ {
		r := 1 + rng.Intn(2)
		s := randomSupport(rng, []int{1, r, 1}, 0.8)
		P := 2 + rng.Intn(3)
		x := make([]*big.Rat, P)
		y := make([]*big.Rat, P)
		for i := range x {
			x[i] = big.NewRat(int64(rng.Intn(7)-3), 1)
			y[i] = big.NewRat(int64(rng.Intn(7)-3), 1)
		}
		biases := rng.Intn(2) == 0
		res, err := FitScalar(context.Background(), s, biases, x, y)
		if err != nil {
			t.Fatalf("seed %d: %s: %v", seed, s, err)
		}
		min, _ := new(big.Rat).SetString(res.MinLoss)
		for trial := 0; trial < 50; trial++ {
			W := []RatMatrix{NewRatMatrix(1, r), NewRatMatrix(r, 1)}
			for q, m := range s.Masks {
				for i := 0; i < m.Rows(); i++ {
					for j := 0; j < m.Cols(); j++ {
						if m.At(i, j) {
							W[q][i][j].SetFrac64(int64(rng.Intn(13)-6), int64(1+rng.Intn(3)))
						}
					}
				}
			}
			var B [][]*big.Rat
			if biases {
				B = [][]*big.Rat{{big.NewRat(int64(rng.Intn(9)-4), 2)}, make([]*big.Rat, r)}
				for k := range B[1] {
					B[1][k] = big.NewRat(int64(rng.Intn(9)-4), 2)
				}
			}
			n, _ := NewNetwork(s, W, B)
			l := new(big.Rat)
			for i := range x {
				out, _ := n.Eval([]*big.Rat{x[i]})
				d := new(big.Rat).Sub(out[0], y[i])
				l.Add(l, d.Mul(d, d))
			}
			if l.Cmp(min) < 0 {
				t.Fatalf("seed %d: %s biases=%v x=%v y=%v: random network loss %s below the claimed minimum %s", seed, s, biases, x, y, l.RatString(), res.MinLoss)
			}
		}
	}
}
