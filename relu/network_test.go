package relu

import (
	"math/big"
	"testing"
)

func TestNetworkEval(t *testing.T) {
	s := MustSpec("W2=10/11,W1=11/01")
	// MATH.md E4 at ε = 1/10, no biases: outputs (0,0), (ε,1), (1,0).
	e := big.NewRat(1, 10)
	ie := new(big.Rat).Inv(e)
	r := func(x int64) *big.Rat { return big.NewRat(x, 1) }
	W2 := RatMatrix{{r(1), r(0)}, {ie, r(-1)}}
	W1 := RatMatrix{{e, r(1)}, {r(0), ie}}
	n, err := NewNetwork(s, []RatMatrix{W2, W1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ x, y []*big.Rat }{
		{[]*big.Rat{r(0), r(0)}, []*big.Rat{r(0), r(0)}},
		{[]*big.Rat{r(1), r(0)}, []*big.Rat{e, r(1)}},
		{[]*big.Rat{r(0), r(1)}, []*big.Rat{r(1), r(0)}},
		// ReLU active: x = (-1, 0): h = σ(-1/10, 0) = 0 → output 0 (hand computation).
		{[]*big.Rat{r(-1), r(0)}, []*big.Rat{r(0), r(0)}},
	}
	for _, tc := range tests {
		y, err := n.Eval(tc.x)
		if err != nil {
			t.Fatal(err)
		}
		for i := range y {
			if y[i].Cmp(tc.y[i]) != 0 {
				t.Errorf("f(%v) = %v, want %v", tc.x, y, tc.y)
			}
		}
		xf := make([]float64, len(tc.x))
		for i, v := range tc.x {
			xf[i], _ = v.Float64()
		}
		yf, _ := n.EvalFloat(xf)
		for i := range y {
			want, _ := y[i].Float64()
			if d := yf[i] - want; d > 1e-12 || d < -1e-12 {
				t.Errorf("float f(%v) = %v, exact %v", xf, yf, y)
			}
		}
	}
	if got := n.Product().String(); got != "[[1/10,1],[1,0]]" { // MATH.md E4: W2·W1 = [[ε,1],[1,0]]
		t.Errorf("product %s", got)
	}
	// With biases: constant shift.
	nb, err := NewNetwork(s, []RatMatrix{W2, W1}, [][]*big.Rat{{r(1), r(2)}, {r(0), r(0)}})
	if err != nil {
		t.Fatal(err)
	}
	y, _ := nb.Eval([]*big.Rat{r(0), r(1)})
	if y[0].Cmp(r(2)) != 0 || y[1].Cmp(r(2)) != 0 {
		t.Errorf("biased eval %v", y)
	}
	// Errors.
	if _, err := NewNetwork(s, []RatMatrix{W1, W1}, nil); err == nil {
		t.Error("weights outside the mask accepted")
	}
	if _, err := n.Eval([]*big.Rat{r(1)}); err == nil {
		t.Error("short input accepted")
	}
	if _, err := NewNetwork(s, []RatMatrix{W2, W1}, [][]*big.Rat{{r(1)}, {r(0), r(0)}}); err == nil {
		t.Error("short bias accepted")
	}
}
