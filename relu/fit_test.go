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

func TestFitND(t *testing.T) {
	X := RatMatrixFromInts([][]int64{{0, 0}, {1, 0}, {0, 1}, {1, 1}})
	// MATH.md T20 shape N = (2,2,1), I_1 = diag, I_2 = [1 1]: additive model.
	// XOR targets: the best additive fit is the constant 1/2, loss 1 (hand
	// computation: the interaction contrast of XOR on the 2x2 grid).
	res, err := Fit(context.Background(), MustSpec("W2=11,W1=10/01"), true, X, rats(0, 1, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if res.MinLoss != "1" {
		t.Errorf("T20 XOR: min loss %s, want 1", res.MinLoss)
	}
	// Dense (2,2,1) fits XOR exactly: σ(x1−x2) + σ(x2−x1) (hand computation).
	res, err = Fit(context.Background(), MustSpec("W2=11,W1=11/11"), true, X, rats(0, 1, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if res.MinLoss != "0" {
		t.Errorf("dense XOR: min loss %s, want 0", res.MinLoss)
	}
	// Agreement with the 1-D routine (differential test, seeded).
	seed := int64(12)
	rng := rand.New(rand.NewSource(seed))
	iters := 30
	if testing.Short() {
		iters = 8
	}
	for it := 0; it < iters; it++ {
		r := 1 + rng.Intn(2)
		s := randomSupport(rng, []int{1, r, 1}, 0.8)
		P := 2 + rng.Intn(3)
		x := make([]*big.Rat, P)
		y := make([]*big.Rat, P)
		Xm := NewRatMatrix(P, 1)
		for i := range x {
			x[i] = big.NewRat(int64(rng.Intn(7)-3), 1)
			Xm[i][0].Set(x[i])
			y[i] = big.NewRat(int64(rng.Intn(7)-3), 1)
		}
		biases := rng.Intn(2) == 0
		a, err := FitScalar(context.Background(), s, biases, x, y)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Fit(context.Background(), s, biases, Xm, y)
		if err != nil {
			t.Fatal(err)
		}
		if a.MinLoss != b.MinLoss {
			t.Fatalf("seed %d: %s biases=%v x=%v y=%v: FitScalar %s, Fit %s", seed, s, biases, x, y, a.MinLoss, b.MinLoss)
		}
	}
	if _, err := Fit(context.Background(), MustSpec("W2=11,W1=10/01"), true, X, rats(0, 1, 1)); err == nil {
		t.Error("mismatched data accepted")
	}
}

func TestConeGens(t *testing.T) {
	// Quadrant {z1 ≥ 0, z2 ≥ 0}: generators e1, e2 (hand computation).
	g := coneGens(RatMatrixFromInts([][]int64{{1, 0}, {0, 1}}), 2)
	if len(g) != 2 {
		t.Errorf("quadrant: %v", g)
	}
	// Half-plane {z1 ≥ 0} in R^2: ±e2 and e1.
	g = coneGens(RatMatrixFromInts([][]int64{{1, 0}}), 2)
	if len(g) != 3 {
		t.Errorf("half-plane: %v", g)
	}
	// {z1 ≥ 0, −z1 ≥ 0, z2 ≥ 0, −z2 ≥ 0} = {0}.
	g = coneGens(RatMatrixFromInts([][]int64{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}), 2)
	if len(g) != 0 {
		t.Errorf("origin: %v", g)
	}
	// Octant in R^3: three rays.
	g = coneGens(RatMatrixFromInts([][]int64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), 3)
	if len(g) != 3 {
		t.Errorf("octant: %v", g)
	}
}

// TestFitNDLowerBound: in two input dimensions, random networks never beat
// the exact minimum (property, seeded).
func TestFitNDLowerBound(t *testing.T) {
	seed := int64(21)
	rng := rand.New(rand.NewSource(seed))
	iters := 10
	if testing.Short() {
		iters = 3
	}
	for it := 0; it < iters; it++ {
		s := randomSupport(rng, []int{2, 2, 1}, 0.7)
		P := 3 + rng.Intn(2)
		X := NewRatMatrix(P, 2)
		y := make([]*big.Rat, P)
		for i := range X {
			X[i][0].SetInt64(int64(rng.Intn(5) - 2))
			X[i][1].SetInt64(int64(rng.Intn(5) - 2))
			y[i] = big.NewRat(int64(rng.Intn(5)-2), 1)
		}
		biases := rng.Intn(2) == 0
		res, err := Fit(context.Background(), s, biases, X, y)
		if err != nil {
			t.Fatalf("seed %d: %s: %v", seed, s, err)
		}
		min, _ := new(big.Rat).SetString(res.MinLoss)
		for trial := 0; trial < 100; trial++ {
			W := []RatMatrix{NewRatMatrix(1, 2), NewRatMatrix(2, 2)}
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
				B = [][]*big.Rat{{big.NewRat(int64(rng.Intn(9)-4), 2)}, {big.NewRat(int64(rng.Intn(9)-4), 2), big.NewRat(int64(rng.Intn(9)-4), 2)}}
			}
			n, _ := NewNetwork(s, W, B)
			l := new(big.Rat)
			for i := range X {
				out, _ := n.Eval(X[i])
				d := new(big.Rat).Sub(out[0], y[i])
				l.Add(l, d.Mul(d, d))
			}
			if l.Cmp(min) < 0 {
				t.Fatalf("seed %d: %s: random loss %s below minimum %s", seed, s, l.RatString(), res.MinLoss)
			}
		}
	}
}
