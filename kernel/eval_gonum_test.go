package kernel

import (
	"context"
	"testing"
)

// TestEvaluatorGonum: gonum's numeric essentials (mat, floats, stat) are
// pre-imported in cells, for the numeric parts of the notebooks (training
// runs, plots), which are labelled numeric.
func TestEvaluatorGonum(t *testing.T) {
	e := newTestEvaluator(t)
	cells := []struct{ code, want string }{
		// det [[1,2],[3,4]] = -2 (hand computation); floats.Sum, stat.Mean.
		{"a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})\nmat.Det(a)", "-2"},
		{"floats.Sum([]float64{1, 2, 3.5})", "6.5"},
		{"stat.Mean([]float64{1, 2, 3, 6}, nil)", "3"},
	}
	for _, c := range cells {
		b, err := e.Execute(context.Background(), c.code, newRec())
		if err != nil {
			t.Fatalf("%q: %v", c.code, err)
		}
		if got, _ := b.Data["text/plain"].(string); got != c.want {
			t.Errorf("%q = %q, want %q", c.code, got, c.want)
		}
	}
}
