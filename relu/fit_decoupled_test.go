package relu

import (
	"context"
	"math/big"
	"testing"
)

func ratRows(rows ...[]int64) RatMatrix {
	M := make(RatMatrix, len(rows))
	for i, r := range rows {
		M[i] = ratsOf(r...)
	}
	return M
}

// TestFitDecoupled: D8 splits vector output into scalar problems (S6).
func TestFitDecoupled(t *testing.T) {
	X := ratRows([]int64{-1}, []int64{0}, []int64{1})
	tests := []struct {
		spec   string
		biases bool
		Y      RatMatrix
		want   string
		src    string
	}{
		// MATH.md E11/T19 on each of two decoupled outputs: 1/2 + 1/2.
		{"W2=10/01,W1=1/1", true, ratRows([]int64{1, 1}, []int64{0, 0}, []int64{1, 1}), "1", "E11 twice (S6, D8)"},
		// Output 2 has no neuron: the constant 2 (the mean) is optimal, Σ(y−2)² = 2; output 1 is E11.
		{"W2=1/0,W1=1", true, ratRows([]int64{1, 1}, []int64{0, 2}, []int64{1, 3}), "5/2", "E11 + hand computation"},
		// Without biases output 2 is 0: Σ y² = 1 + 4 + 9 = 14.
		{"W2=1/0,W1=1", false, ratRows([]int64{1, 1}, []int64{0, 2}, []int64{1, 3}), "", "hand computation + FitScalar"},
	}
	for _, tc := range tests {
		s := MustSpec(tc.spec)
		if !Decoupled(s) {
			t.Fatalf("%s: not decoupled", tc.spec)
		}
		res, err := FitDecoupled(context.Background(), s, tc.biases, X, tc.Y)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		want := tc.want
		if want == "" {
			// Output 1 alone by Fit, plus 14.
			y := []*big.Rat{big.NewRat(1, 1), big.NewRat(0, 1), big.NewRat(1, 1)}
			r1, err := Fit(context.Background(), MustSpec("W2=1,W1=1"), false, X, y)
			if err != nil {
				t.Fatal(err)
			}
			l, _ := new(big.Rat).SetString(r1.MinLoss)
			want = l.Add(l, big.NewRat(14, 1)).RatString()
		}
		if res.MinLoss != want || res.Optimum != "exists" {
			t.Errorf("%s (%s): min %s (%s), want %s", tc.spec, tc.src, res.MinLoss, res.Optimum, want)
		}
	}
	if Decoupled(MustSpec("W2=11/11,W1=11/11")) {
		t.Error("a neuron feeding two outputs is not decoupled")
	}
	if _, err := FitDecoupled(context.Background(), MustSpec("W2=11/11,W1=11/11"), true, X, ratRows([]int64{0, 0}, []int64{0, 0}, []int64{0, 0})); err == nil {
		t.Error("coupled support accepted")
	}
}
