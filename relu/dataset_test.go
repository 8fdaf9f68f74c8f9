package relu

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestDatasets(t *testing.T) {
	ints := func(rows ...[]int64) RatMatrix { return RatMatrixFromInts(rows) }
	tests := []struct {
		name     string
		spec     string
		biases   bool
		inputs   RatMatrix
		loss     string
		sequence string // JSON of selected sequence entries, "" = skip
		kind     string
		source   string
	}{
		{"T16 E4 no bias", "W2=10/11,W1=11/01", false, ints([]int64{0, 0}, []int64{1, 0}, []int64{0, 1}), "t^2",
			`{"W1":[["t","1"],["0","t^-1"]],"W2":[["1","0"],["t^-1","-1"]]}`, "not_certified", "MATH.md E4, §8.4"},
		{"T16 E4 bias", "W2=10/11,W1=11/01", true, ints([]int64{0, 0}, []int64{1, 0}, []int64{0, 1}), "t^2", "", "not_certified", "MATH.md E4 (loss ε² with biases)"},
		{"T17 E5", "W2=10/11,W1=11/01", true, nil, "60*t^2",
			`{"W1":[["t","1"],["0","-t^-1"]],"W2":[["1","0"],["t^-1","1"]],"b1":[["16*t^-1 + 1"],["16*t^-1 + 1"]],"b2":[["-16*t^-1 - 1"],["-16*t^-2 - 17*t^-1 - 1"]]}`,
			"pigeonhole", "MATH.md E5, §8.4"},
		{"T18 E6", "W2=11/11,W1=110/011", true, ints([]int64{0, 0, 0}, []int64{1, 0, 0}, []int64{0, 1, 0}, []int64{0, 0, 1}), "t^2", "", "not_certified", "MATH.md E6 (loss δ²)"},
		{"T14 deep", "W3=10/11,W2=10/01,W1=11/01", true, nil, "", "", "pigeonhole", "MATH.md T14 via ALG-D"},
		{"E3 3x3 LU", "W2=100/110/111,W1=111/011/001", true, nil, "", "", "pigeonhole", "MATH.md T3 via ALG-D"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := NewDataset(context.Background(), MustSpec(tc.spec), DatasetOptions{Biases: tc.biases, Inputs: tc.inputs})
			if err != nil {
				t.Fatal(err)
			}
			if tc.loss != "" && d.Loss != tc.loss {
				t.Errorf("loss %s, want %s (%s)", d.Loss, tc.loss, tc.source)
			}
			if tc.sequence != "" {
				got, _ := json.Marshal(d.Sequence)
				if string(got) != tc.sequence {
					t.Errorf("sequence %s\nwant     %s", got, tc.sequence)
				}
			}
			if d.NoExactFit.Kind != tc.kind {
				t.Errorf("no_exact_fit %s, want %s", d.NoExactFit.Kind, tc.kind)
			}
			if d.LossValuation != 2 || d.ParamValuation >= 0 {
				t.Errorf("valuations: loss %d, params %d (%s)", d.LossValuation, d.ParamValuation, d.Divergence)
			}
			if err := d.Check(); err != nil {
				t.Errorf("Check: %v", err)
			}
			// Tampered loss is rejected.
			d.Loss = "2*t^2"
			if d.Check() == nil {
				t.Error("tampered loss accepted")
			}
		})
	}
	// E5 inputs and targets (MATH.md E5: (τ,τ²) ↦ (τ²,τ), τ = −4..4).
	d, _ := NewDataset(context.Background(), MustSpec("W2=10/11,W1=11/01"), DatasetOptions{Biases: true})
	if len(d.Inputs) != 9 || strings.Join(d.Inputs[0], ",") != "-4,16" || strings.Join(d.Targets[0], ",") != "16,-4" {
		t.Errorf("E5 data %v -> %v", d.Inputs, d.Targets)
	}
	// Custom inputs on the moment curve, enough of them: pigeonhole applies.
	X := NewRatMatrix(9, 2)
	for p := 0; p < 9; p++ {
		X[p][0].SetInt64(int64(p))
		X[p][1].SetInt64(int64(p * p))
	}
	d2, err := NewDataset(context.Background(), MustSpec("W2=10/11,W1=11/01"), DatasetOptions{Biases: true, Inputs: X})
	if err != nil || d2.NoExactFit.Kind != "pigeonhole" {
		t.Errorf("custom moment-curve inputs: %v %+v", err, d2)
	}
	// Nine collinear points are not in general position.
	for p := 0; p < 9; p++ {
		X[p][1].SetInt64(int64(2 * p))
	}
	d3, err := NewDataset(context.Background(), MustSpec("W2=10/11,W1=11/01"), DatasetOptions{Biases: true, Inputs: X})
	if err != nil || d3.NoExactFit.Kind != "not_certified" {
		t.Errorf("collinear inputs: %v %+v", err, d3)
	}
	// Closed supports never get an ill-posed dataset (MATH.md T19, T20).
	for _, spec := range []string{"W2=1,W1=1", "W2=11,W1=10/01", "W2=11/11,W1=11/11"} {
		if _, err := NewDataset(context.Background(), MustSpec(spec), DatasetOptions{Biases: true}); err == nil {
			t.Errorf("%s: dataset for a closed support", spec)
		}
	}
	// No-bias failure: inputs with both signs for the second neuron.
	if _, err := NewDataset(context.Background(), MustSpec("W2=10/11,W1=11/01"), DatasetOptions{Inputs: ints([]int64{0, 1}, []int64{0, -1}, []int64{1, 0})}); err == nil {
		t.Error("sign-inconsistent no-bias dataset accepted")
	}
	if _, err := NewDataset(context.Background(), MustSpec("W2=10/11,W1=11/01"), DatasetOptions{Inputs: ints([]int64{0, 1, 2})}); err == nil {
		t.Error("wrong input width accepted")
	}
}

// TestE4Balanced reproduces MATH.md E4's balanced sequence (s = √ε):
// W1 = [[s,1/s],[0,1/s]], W2 = [[s,0],[1/s,−1/s]] gives J = s⁴ exactly
// (no biases), ‖θ‖∞ = 1/s = J^(−1/4), and D7's lower bound
// ‖θ‖∞ ≥ (1−2√δ)/(√2 δ^(1/4)) holds along it (numeric check, float64).
func TestE4Balanced(t *testing.T) {
	p := func(s string) Laurent { return mustLaurent(t, s) }
	W := []LaurentMatrix{
		{{p("t"), p("0")}, {p("t^-1"), p("-t^-1")}},
		{{p("t"), p("t^-1")}, {p("0"), p("t^-1")}},
	}
	data := [][2]int64{{0, 0}, {1, 0}, {0, 1}}
	targets := [][2]int64{{0, 0}, {0, 1}, {1, 0}}
	loss := Laurent{}
	for k, x := range data {
		out := evalLaurent(W, nil, []Laurent{LaurentInt(x[0]), LaurentInt(x[1])})
		for o := range out {
			d := out[o].Sub(LaurentInt(targets[k][o]))
			loss = loss.Add(d.Mul(d))
		}
	}
	if loss.String() != "t^4" { // MATH.md E4: J = s^4
		t.Fatalf("balanced loss %s, want t^4", loss)
	}
	for _, s := range []float64{0.3, 0.1, 0.01} {
		delta := loss.Float(s)
		norm := 1 / s // max |entry| of θ(s)
		bound := (1 - 2*math.Sqrt(delta)) / (math.Sqrt2 * math.Pow(delta, 0.25))
		if norm < bound {
			t.Errorf("s=%v: ‖θ‖∞ = %v below the D7 bound %v", s, norm, bound)
		}
	}
}
