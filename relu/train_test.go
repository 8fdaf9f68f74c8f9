package relu

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// e4Data is the E4 / T16 dataset (MATH.md E4): inputs (0,0), (1,0), (0,1)
// with targets P·x = (0,0), (0,1), (1,0).
func e4Data(t *testing.T, biases bool) (Support, [][]float64, [][]float64) {
	t.Helper()
	s := MustSpec("W2=10/11,W1=11/01")
	in := NewRatMatrix(3, 2)
	in[1][0].SetInt64(1)
	in[2][1].SetInt64(1)
	d, err := NewDataset(context.Background(), s, DatasetOptions{Biases: biases, Inputs: in})
	if err != nil {
		t.Fatal(err)
	}
	X, Y, err := d.TrainData()
	if err != nil {
		t.Fatal(err)
	}
	// MATH.md E4: the targets are (0,0), (0,1), (1,0).
	if want := [][]float64{{0, 0}, {0, 1}, {1, 0}}; !reflect.DeepEqual(Y, want) {
		t.Fatalf("E4 targets %v, want %v", Y, want)
	}
	return s, X, Y
}

// exactLoss is the square loss of the trained parameters, evaluated
// exactly (the float64 parameters are rationals).
func exactLoss(t *testing.T, r *TrainResult, X, Y [][]float64) *big.Rat {
	t.Helper()
	n, err := r.Network()
	if err != nil {
		t.Fatal(err)
	}
	loss := new(big.Rat)
	for i := range X {
		x := make([]*big.Rat, len(X[i]))
		for j, v := range X[i] {
			x[j] = new(big.Rat).SetFloat64(v)
		}
		out, err := n.Eval(x)
		if err != nil {
			t.Fatal(err)
		}
		for o := range out {
			d := new(big.Rat).Sub(out[o], new(big.Rat).SetFloat64(Y[i][o]))
			loss.Add(loss, d.Mul(d, d))
		}
	}
	return loss
}

// d7Bound is MATH.md D7's lower bound (1−2√δ)/(√2 δ^{1/4}) on
// max(|W2[2,1]|, |W1[1,2]|) for loss ≤ δ < 1/4 on the E4 data.
func d7Bound(delta float64) float64 {
	return (1 - 2*math.Sqrt(delta)) / (math.Sqrt2 * math.Pow(delta, 0.25))
}

// historyAt returns the last recorded point with Step ≤ k.
func historyAt(h []TrainPoint, k int) TrainPoint {
	p := h[0]
	for _, q := range h {
		if q.Step <= k {
			p = q
		}
	}
	return p
}

// On E4 the loss tends to 0 while ‖θ‖∞ grows, as D7 says it must. The
// seeds are ones for which Adam reaches the ill-posed regime (others stall
// at dead-ReLU critical points, which MATH.md §6 notes gradient methods may
// do); the assertions are the theorem's, not tuned constants.
func TestTrainE4IllPosed(t *testing.T) {
	const steps = 60000
	for _, tc := range []struct {
		name   string
		biases bool
		seed   uint64
	}{
		{"no-bias", false, 6},
		{"bias", true, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Logf("seed %d, adam, rate 0.005, %d steps", tc.seed, steps)
			s, X, Y := e4Data(t, tc.biases)
			r, err := Train(context.Background(), s, tc.biases, X, Y, TrainOptions{Method: "adam", LearningRate: 0.005, Steps: steps, Seed: tc.seed})
			if err != nil {
				t.Fatal(err)
			}
			if r.Steps != steps || r.History[len(r.History)-1].Step != steps || r.History[0].Step != 0 {
				t.Fatalf("steps %d, history %d..%d", r.Steps, r.History[0].Step, r.History[len(r.History)-1].Step)
			}
			if r.Loss >= 1e-3 {
				t.Errorf("final loss %g, want < 1e-3", r.Loss)
			}
			if r.Loss > r.History[0].Loss/100 {
				t.Errorf("loss went from %g to %g only", r.History[0].Loss, r.Loss)
			}
			tenth := historyAt(r.History, steps/10)
			if !(r.NormInf > tenth.NormInf) || !(r.Norm2 > tenth.Norm2) {
				t.Errorf("‖θ‖ at the end (%g, %g) not above ‖θ‖ at step %d (%g, %g)", r.NormInf, r.Norm2, tenth.Step, tenth.NormInf, tenth.Norm2)
			}
			// D7 on the final parameters, with their exact loss.
			delta, _ := exactLoss(t, r, X, Y).Float64()
			if math.Abs(delta-r.Loss) > 1e-9*math.Max(delta, 1e-300)+1e-15 {
				t.Errorf("exact loss %g, trained loss %g", delta, r.Loss)
			}
			W2, W1 := r.W[0], r.W[1]
			m := math.Max(math.Abs(W2[1][0]), math.Abs(W1[0][1]))
			if b := d7Bound(delta); !(m >= b) {
				t.Errorf("D7 violated: max(|W2[2,1]|,|W1[1,2]|) = %g < %g at loss %g", m, b, delta)
			}
			// Masks: W2[1,2] and W1[2,1] are not parameters.
			if W2[0][1] != 0 || W1[1][0] != 0 {
				t.Errorf("off-mask weights moved: W2 %v, W1 %v", W2, W1)
			}
			t.Logf("loss %.3g, ‖θ‖∞ %.3g (step %d: %.3g), D7 bound %.3g ≤ %.3g", r.Loss, r.NormInf, tenth.Step, tenth.NormInf, d7Bound(delta), m)
		})
	}
}

// D7 holds at every recorded point of every run on E4 (‖θ‖∞ bounds the two
// weights of the theorem), whichever critical point the run goes to.
func TestTrainE4D7AllSeeds(t *testing.T) {
	n, steps := 12, 4000
	if testing.Short() {
		n, steps = 4, 2000
	}
	checked := 0
	for _, biases := range []bool{false, true} {
		s, X, Y := e4Data(t, biases)
		for seed := range uint64(n) {
			for _, method := range []string{"adam", "gd"} {
				r, err := Train(context.Background(), s, biases, X, Y, TrainOptions{Method: method, Steps: steps, Seed: seed, LearningRate: 0.01})
				if err != nil {
					t.Fatalf("seed %d %s biases %v: %v", seed, method, biases, err)
				}
				for _, p := range r.History {
					if p.Loss >= 0.25 {
						continue
					}
					checked++
					if !(p.NormInf >= d7Bound(p.Loss)*(1-1e-9)) {
						t.Errorf("seed %d %s biases %v step %d: ‖θ‖∞ %g < D7 bound %g at loss %g", seed, method, biases, p.Step, p.NormInf, d7Bound(p.Loss), p.Loss)
					}
				}
			}
		}
	}
	t.Logf("seeds 0..%d, %d steps: D7 checked at %d recorded points with loss < 1/4", n-1, steps, checked)
	if checked == 0 {
		t.Error("no run reached loss < 1/4: the property was not exercised")
	}
}

// T19 / E11: N = (1,1,1) with biases on (−1,0,1) → (1,0,1) has minimum
// square loss exactly 1/2 (attained). Training approaches it from above and
// the parameters stay bounded.
func TestTrainT19WellPosed(t *testing.T) {
	s := MustSpec("W2=1,W1=1")
	X := [][]float64{{-1}, {0}, {1}}
	Y := [][]float64{{1}, {0}, {1}}
	// The exact minimum, by the library's ALG-E (MATH.md E11: 1/2).
	fr, err := FitScalar(context.Background(), s, true, []*big.Rat{big.NewRat(-1, 1), big.NewRat(0, 1), big.NewRat(1, 1)},
		[]*big.Rat{big.NewRat(1, 1), big.NewRat(0, 1), big.NewRat(1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if fr.MinLoss != "1/2" {
		t.Fatalf("FitScalar min %s, want 1/2 (MATH.md E11)", fr.MinLoss)
	}
	for _, tc := range []struct {
		method string
		rate   float64
		seed   uint64
	}{
		{"adam", 0.005, 2},
		{"gd", 0.01, 2},
	} {
		t.Run(tc.method, func(t *testing.T) {
			t.Logf("seed %d, %s, rate %g", tc.seed, tc.method, tc.rate)
			r, err := Train(context.Background(), s, true, X, Y, TrainOptions{Method: tc.method, LearningRate: tc.rate, Steps: 3000, Seed: tc.seed})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range r.History {
				if p.Loss < 0.5-1e-12 {
					t.Fatalf("step %d: loss %.17g below the exact minimum 1/2", p.Step, p.Loss)
				}
				if p.NormInf > 5 {
					t.Fatalf("step %d: ‖θ‖∞ = %g, parameters should stay bounded", p.Step, p.NormInf)
				}
			}
			if r.Loss-0.5 > 1e-6 {
				t.Errorf("final loss %.10g, want within 1e-6 of 1/2", r.Loss)
			}
			last := historyAt(r.History, r.Steps/2)
			if math.Abs(r.NormInf-last.NormInf) > 0.1 {
				t.Errorf("‖θ‖∞ still moving in the second half: %g → %g", last.NormInf, r.NormInf)
			}
		})
	}
	// Whatever the seed (some runs stall at the constant fit 2/3), no
	// loss goes below the minimum.
	for seed := range uint64(8) {
		r, err := Train(context.Background(), s, true, X, Y, TrainOptions{Steps: 1000, Seed: seed})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, p := range r.History {
			if p.Loss < 0.5-1e-12 {
				t.Fatalf("seed %d step %d: loss %.17g below 1/2", seed, p.Step, p.Loss)
			}
		}
	}
}

// The backpropagated gradient matches central finite differences, on a
// depth-3 sparse support with and without biases.
func TestTrainGradient(t *testing.T) {
	const seed = 11
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	s := MustSpec("W3=110/011,W2=101/111/010,W1=10/11/01")
	X := make([][]float64, 5)
	Y := make([][]float64, 5)
	for i := range X {
		X[i] = []float64{rng.NormFloat64(), rng.NormFloat64()}
		Y[i] = []float64{rng.NormFloat64(), rng.NormFloat64()}
	}
	for _, biases := range []bool{false, true} {
		o, err := TrainOptions{Seed: seed, InitScale: 1}.withDefaults()
		if err != nil {
			t.Fatal(err)
		}
		tr, err := newTrainer(s, biases, X, Y, o)
		if err != nil {
			t.Fatal(err)
		}
		for i := range tr.theta {
			tr.theta[i] += 0.3 * rng.NormFloat64()
		}
		tr.lossGrad()
		g := append([]float64(nil), tr.grad...)
		for i := range tr.theta {
			const h = 1e-6
			old := tr.theta[i]
			tr.theta[i] = old + h
			lp := tr.lossGrad()
			tr.theta[i] = old - h
			lm := tr.lossGrad()
			tr.theta[i] = old
			fd := (lp - lm) / (2 * h)
			if math.Abs(fd-g[i]) > 1e-5*(1+math.Abs(g[i])) {
				t.Errorf("biases %v: ∂J/∂θ_%d = %g, finite difference %g", biases, i, g[i], fd)
			}
		}
	}
}

// The trained parameters, as a Network, give the recorded loss under
// Network.EvalFloat (the package's float64 realization), and stay on the
// masks.
func TestTrainMatchesEvalFloat(t *testing.T) {
	s := MustSpec("W3=110/011,W2=101/111/010,W1=10/11/01")
	X := [][]float64{{1, 2}, {-1, 0.5}, {0.25, -3}, {2, 2}}
	Y := [][]float64{{0, 1}, {1, 0}, {2, 2}, {-1, 1}}
	for _, biases := range []bool{false, true} {
		r, err := Train(context.Background(), s, biases, X, Y, TrainOptions{Steps: 300, Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		n, err := r.Network() // NewNetwork rejects weights off the masks
		if err != nil {
			t.Fatal(err)
		}
		loss := 0.0
		for i := range X {
			out, err := n.EvalFloat(X[i])
			if err != nil {
				t.Fatal(err)
			}
			for o := range out {
				loss += (out[o] - Y[i][o]) * (out[o] - Y[i][o])
			}
		}
		if math.Abs(loss-r.Loss) > 1e-12*math.Max(1, loss) {
			t.Errorf("biases %v: EvalFloat loss %.17g, trained %.17g", biases, loss, r.Loss)
		}
		if (r.B != nil) != biases || len(r.Params) != 3*map[bool]int{false: 1, true: 2}[biases] {
			t.Errorf("biases %v: B %v, params %v", biases, r.B, r.Params)
		}
	}
}

func TestTrainDeterministic(t *testing.T) {
	s, X, Y := e4Data(t, true)
	run := func(seed uint64) *TrainResult {
		r, err := Train(context.Background(), s, true, X, Y, TrainOptions{Steps: 500, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a, b, c := run(7), run(7), run(8)
	if !reflect.DeepEqual(a.History, b.History) || !reflect.DeepEqual(a.W, b.W) || !reflect.DeepEqual(a.B, b.B) {
		t.Error("two runs with seed 7 differ")
	}
	if reflect.DeepEqual(a.W, c.W) {
		t.Error("seeds 7 and 8 give the same weights")
	}
}

func TestTrainCancel(t *testing.T) {
	s, X, Y := e4Data(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := Train(ctx, s, false, X, Y, TrainOptions{Steps: 1_000_000})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if r == nil || r.Steps >= 1000 || len(r.History) == 0 || r.History[len(r.History)-1].Step != r.Steps {
		t.Fatalf("partial result %+v", r)
	}
}

func TestTrainDiverges(t *testing.T) {
	s, X, Y := e4Data(t, true)
	r, err := Train(context.Background(), s, true, X, Y, TrainOptions{Method: "gd", LearningRate: 1e3, Steps: 10000, Seed: 1})
	if err == nil || !strings.Contains(err.Error(), "not finite") {
		t.Fatalf("err = %v, want a divergence error", err)
	}
	if r == nil || r.Steps >= 10000 {
		t.Fatalf("result %+v", r)
	}
	for _, p := range r.History {
		if math.IsNaN(p.Loss) || math.IsInf(p.Loss, 0) {
			t.Fatalf("non-finite loss recorded at step %d", p.Step)
		}
	}
	// The result holds the last finite parameters, and its loss is theirs.
	if last := r.History[len(r.History)-1]; last.Step != r.Steps || last.Loss != r.Loss {
		t.Errorf("history ends at step %d (loss %g), result says %d (loss %g)", last.Step, last.Loss, r.Steps, r.Loss)
	}
	if _, err := r.Network(); err != nil {
		t.Error(err)
	}
	if got := exactLoss(t, r, X, Y); got.Sign() < 0 {
		t.Error("negative loss")
	} else if f, _ := got.Float64(); math.Abs(f-r.Loss) > 1e-9*f {
		t.Errorf("loss of the returned parameters %g, result says %g", f, r.Loss)
	}
	// Data so large that the very first loss overflows: no result.
	huge := [][]float64{{1e300, 1e300}, {0, 0}, {0, 1}}
	if r, err := Train(context.Background(), s, true, huge, Y, TrainOptions{InitScale: 1e10}); err == nil || r != nil {
		t.Errorf("overflowing data: r %v, err %v", r, err)
	}
}

func TestTrainProgressAndLog(t *testing.T) {
	s, X, Y := e4Data(t, false)
	var steps []int
	r, err := Train(context.Background(), s, false, X, Y, TrainOptions{Steps: 100, LogEvery: 30, Seed: 1,
		Progress: func(step int, loss, norm float64) { steps = append(steps, step) }})
	if err != nil {
		t.Fatal(err)
	}
	// 0, the powers of two below 30, the multiples of 30, and the last step.
	want := []int{0, 1, 2, 4, 8, 16, 30, 60, 90, 100}
	if !reflect.DeepEqual(steps, want) {
		t.Errorf("progress at %v, want %v", steps, want)
	}
	for i, p := range r.History {
		if p.Step != want[i] {
			t.Errorf("history step %d is %d, want %d", i, p.Step, want[i])
		}
	}
}

func TestTrainBadInput(t *testing.T) {
	s := MustSpec("W2=10/11,W1=11/01")
	X := [][]float64{{0, 0}, {1, 0}}
	Y := [][]float64{{0, 0}, {0, 1}}
	for _, tc := range []struct {
		name string
		X, Y [][]float64
		opt  TrainOptions
		want string
	}{
		{"no data", nil, nil, TrainOptions{}, "no data"},
		{"count", X, Y[:1], TrainOptions{}, "2 inputs and 1 targets"},
		{"input width", [][]float64{{0}, {1, 0}}, Y, TrainOptions{}, "input 1 has 1 coordinates"},
		{"target width", X, [][]float64{{0, 0}, {1}}, TrainOptions{}, "target 2 has 1 coordinates"},
		{"nan", [][]float64{{0, 0}, {1, math.NaN()}}, Y, TrainOptions{}, "input 2 coordinate 2 is NaN"},
		{"inf target", X, [][]float64{{0, math.Inf(1)}, {0, 1}}, TrainOptions{}, "target 1 coordinate 2 is +Inf"},
		{"method", X, Y, TrainOptions{Method: "sgd"}, `unknown method "sgd"`},
		{"rate", X, Y, TrainOptions{LearningRate: -1}, "learning rate"},
		{"steps", X, Y, TrainOptions{Steps: -5}, "steps -5"},
		{"scale", X, Y, TrainOptions{InitScale: math.NaN()}, "init scale"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Train(context.Background(), s, true, tc.X, tc.Y, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) || r != nil {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// The plot: SVG is well-formed XML with both panels' axis labels; PNG
// decodes at the expected size; WritePlot picks the format by extension.
func TestTrainPlot(t *testing.T) {
	s, X, Y := e4Data(t, true)
	r, err := Train(context.Background(), s, true, X, Y, TrainOptions{Steps: 2000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	svg := r.SVG()
	checkXML(t, svg)
	for _, want := range []string{"<svg", "step", "square loss", "parameter norm", "W2=10/11,W1=11/01"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	b, err := r.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// 16 cm at 150 dpi.
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != 945 || h != 945 {
		t.Errorf("PNG is %d×%d, want 945×945", w, h)
	}
	dir := t.TempDir()
	for _, name := range []string{"a.svg", "b.PNG"} {
		p := filepath.Join(dir, name)
		if err := r.WritePlot(p); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, "svg") {
			checkXML(t, string(data))
		} else if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := r.WritePlot(filepath.Join(dir, "c.pdf")); err == nil || !strings.Contains(err.Error(), "want .svg or .png") {
		t.Errorf("c.pdf: err = %v", err)
	}
	// Degenerate histories still give valid documents: only step 0 (an
	// error rendered as SVG text), a flat curve, a zero loss.
	for _, h := range [][]TrainPoint{
		{{Step: 0, Loss: 1, NormInf: 1, Norm2: 1}},
		{{Step: 1, Loss: 1, NormInf: 1, Norm2: 1}, {Step: 2, Loss: 1, NormInf: 1, Norm2: 1}},
		{{Step: 1, Loss: 0, NormInf: 2, Norm2: 3}, {Step: 5, Loss: 0.5, NormInf: 2, Norm2: 3}},
	} {
		d := &TrainResult{Spec: "W2=1,W1=1", History: h}
		checkXML(t, d.SVG())
	}
}

func checkXML(t *testing.T, s string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Fatalf("SVG root element %q", root)
	}
}

// Starting points given as exact networks: T19's exact minimizer
// 1/2 + σ(x)/2 (MATH.md E11) is a stationary point, so the loss stays 1/2;
// E4's sequence at ε = 1/10 (MATH.md E4: J = ε² = 1/100) starts at loss
// 1/100 and training goes on lowering it.
func TestTrainStart(t *testing.T) {
	r1 := func(n, d int64) *big.Rat { return big.NewRat(n, d) }
	s19 := MustSpec("W2=1,W1=1")
	min19, err := NewNetwork(s19, []RatMatrix{{{r1(1, 2)}}, {{r1(1, 1)}}}, [][]*big.Rat{{r1(1, 2)}, {r1(0, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, method := range []string{"gd", "adam"} {
		r, err := Train(context.Background(), s19, true, [][]float64{{-1}, {0}, {1}}, [][]float64{{1}, {0}, {1}}, TrainOptions{Method: method, Steps: 200, Start: min19})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range r.History {
			if p.Loss != 0.5 {
				t.Fatalf("%s step %d: loss %.17g, want exactly 1/2 at the minimizer", method, p.Step, p.Loss)
			}
		}
	}
	s, X, Y := e4Data(t, false)
	eps := r1(1, 10)
	inv := r1(10, 1)
	e4, err := NewNetwork(s, []RatMatrix{{{r1(1, 1), r1(0, 1)}, {inv, r1(-1, 1)}}, {{eps, r1(1, 1)}, {r1(0, 1), inv}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Train(context.Background(), s, false, X, Y, TrainOptions{Steps: 2000, Start: e4})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.History[0].Loss; math.Abs(got-0.01) > 1e-15 {
		t.Errorf("loss at the E4 point ε = 1/10 is %.17g, want 1/100", got)
	}
	if !(r.Loss < 0.01) || !(r.NormInf > 10) {
		t.Errorf("from ε = 1/10: loss %g, ‖θ‖∞ %g; want the loss below 1/100 and the norm above 10", r.Loss, r.NormInf)
	}
	// Mismatched start networks are rejected.
	if _, err := Train(context.Background(), s, true, X, Y, TrainOptions{Start: e4}); err == nil || !strings.Contains(err.Error(), "biases") {
		t.Errorf("bias mismatch: %v", err)
	}
	if _, err := Train(context.Background(), MustSpec("W2=11/11,W1=11/01"), false, X, Y, TrainOptions{Start: e4}); err == nil || !strings.Contains(err.Error(), "not on") {
		t.Errorf("support mismatch: %v", err)
	}
}

// FuzzTrain feeds arbitrary float64 data (NaN, ±Inf, huge, subnormal) and
// options to Train on the E4 support: it must return an error or a result
// whose history is finite, never panic.
func FuzzTrain(f *testing.F) {
	f.Add([]byte{}, uint8(0), 0.005)
	f.Add([]byte("\x00\x00\x00\x00\x00\x00\xf0\x7f"), uint8(1), 1e300) // +Inf
	f.Add([]byte("\x01\x00\x00\x00\x00\x00\xf8\x7f0123456789abcdef"), uint8(2), -1.0)
	s := MustSpec("W2=10/11,W1=11/01")
	f.Fuzz(func(t *testing.T, raw []byte, flags uint8, rate float64) {
		vals := make([]float64, 12)
		for i := range vals {
			if 8*i+8 <= len(raw) {
				var u uint64
				for _, b := range raw[8*i : 8*i+8] {
					u = u<<8 | uint64(b)
				}
				vals[i] = math.Float64frombits(u)
			}
		}
		X := [][]float64{vals[0:2], vals[2:4], vals[4:6]}
		Y := [][]float64{vals[6:8], vals[8:10], vals[10:12]}
		method := []string{"adam", "gd"}[flags&1]
		r, err := Train(context.Background(), s, flags&2 != 0, X, Y, TrainOptions{Method: method, LearningRate: rate, Steps: 20, Seed: uint64(flags)})
		if err != nil && r == nil {
			return
		}
		for _, p := range r.History {
			if math.IsNaN(p.Loss) || math.IsInf(p.Loss, 0) || math.IsNaN(p.NormInf) {
				t.Fatalf("non-finite history entry %+v (err %v)", p, err)
			}
		}
		if _, nerr := r.Network(); nerr != nil {
			t.Fatalf("result parameters: %v", nerr)
		}
	})
}
