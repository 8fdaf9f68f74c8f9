package relu

// Numeric training of sparse ReLU networks (issue 5 item 7). Everything in
// this file is labelled numeric: float64 arithmetic, no exactness claim. It
// is the demonstration MATH.md §6 asks for after E11: on an ill-posed
// dataset (E4, T16) gradient methods drive the square loss towards 0 while
// ‖θ‖ grows (D7 says it must: loss ≤ δ forces ‖θ‖∞ ≳ δ^(−1/4)); on a
// well-posed one (E11, T19) the loss tends to its minimum and θ stays
// bounded. Nothing here decides anything; the exact statements are
// Closedness, NewDataset and Fit.
//
// Parameters. θ is the vector of the weights on the mask entries, layer by
// layer output-first (W_L, …, W_1), each row-major, followed, with biases,
// by b_L, …, b_1. Entries outside the masks are not parameters: they stay 0
// for the whole run, so every iterate is a network on the support.
//
// Loss. J(θ) = Σ_i ‖f_θ(x_i) − y_i‖², the square loss of MATH.md (a sum,
// not a mean: E4's sequence has J = ε² with this normalisation).
//
// Gradient (batch backpropagation). With H_0 = X (P × N_0, one data point
// per row), Z_ℓ = H_{ℓ−1} W_ℓᵀ + 1 b_ℓᵀ, H_ℓ = σ(Z_ℓ) for ℓ < L and the
// residual R = Z_L − Y:
//
//	D_L = 2R,  ∂J/∂W_ℓ = D_ℓᵀ H_{ℓ−1},  ∂J/∂b_ℓ = D_ℓᵀ 1,
//	D_{ℓ−1} = (D_ℓ W_ℓ) ⊙ 1[Z_{ℓ−1} > 0],
//
// taking σ'(0) = 0. Only the mask entries of ∂J/∂W_ℓ are read, which is the
// gradient of J restricted to the parameters. The products use gonum's
// mat.Dense; the updates and norms work on the flat parameter vector with
// gonum's floats.
//
// Methods. "gd": θ ← θ − η ∇J(θ). "adam": Kingma and Ba, "Adam: a method
// for stochastic optimization", ICLR 2015, arXiv:1412.6980, with β1 = 0.9,
// β2 = 0.999, ε = 1e-8 and bias correction, on the full batch.
//
// Initialisation. Weights on the masks are drawn from N(0, s²) with
// s = TrainOptions.InitScale, biases start at 0, from a PCG generator seeded
// with TrainOptions.Seed; then every hidden neuron that is inactive
// (pre-activation ≤ 0) on all the data has its incoming weights negated
// (reviveDead), since it would otherwise never receive a gradient. A run is
// a deterministic function of its inputs and options (on one platform:
// floating-point contraction may differ between architectures).
// TrainOptions.Start replaces all this by a given network.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// TrainOptions configures Train. Zero fields take the documented defaults.
type TrainOptions struct {
	// Method is "adam" (default) or "gd" (plain gradient descent).
	Method string
	// LearningRate is the step size η (default 0.005).
	LearningRate float64
	// Steps is the number of parameter updates (default 5000).
	Steps int
	// Seed seeds the initialisation (0 is a valid seed).
	Seed uint64
	// InitScale is the standard deviation of the initial weights
	// (default 0.5).
	InitScale float64
	// LogEvery: the history records steps 0, LogEvery, 2·LogEvery, …, the
	// powers of two below LogEvery (so that log-scaled plots have points
	// near the start) and the last step. Default max(1, Steps/500).
	LogEvery int
	// Progress, if non-nil, is called at every recorded step with the loss
	// and ‖θ‖∞.
	Progress func(step int, loss, norm float64)
	// Start, if non-nil, is the initial point instead of a random one (its
	// weights and biases rounded to float64; Seed and InitScale are then
	// unused). It must be a network on the same support, with biases iff
	// Train is asked for biases.
	Start *Network
}

// A TrainPoint is one entry of the training history: the loss and the norms
// of θ after Step updates.
type TrainPoint struct {
	Step    int     `json:"step"`
	Loss    float64 `json:"loss"`
	NormInf float64 `json:"norm_inf"`
	Norm2   float64 `json:"norm2"`
}

// A TrainResult is the outcome of Train: the history and the final
// parameters (numeric).
type TrainResult struct {
	Spec         string  `json:"spec"`
	Biases       bool    `json:"biases"`
	Method       string  `json:"method"`
	LearningRate float64 `json:"learning_rate"`
	Seed         uint64  `json:"seed"`
	InitScale    float64 `json:"init_scale"`
	// Steps is the number of updates done (fewer than asked if the run was
	// cancelled or diverged).
	Steps   int          `json:"steps"`
	History []TrainPoint `json:"history"`
	// Loss, NormInf and Norm2 are those of the final parameters.
	Loss    float64 `json:"loss"`
	NormInf float64 `json:"norm_inf"`
	Norm2   float64 `json:"norm2"`
	// Params holds the final weights "W<ℓ>" (full matrices, 0 off the
	// masks) and, with biases, the biases "b<ℓ>" as one-column matrices.
	Params map[string][][]float64 `json:"params"`
	// W (output-first, like Support.Masks) and B (nil without biases) are
	// the same final parameters.
	W [][][]float64 `json:"-"`
	B [][]float64   `json:"-"`

	support Support
}

// Default training options.
const (
	DefaultTrainSteps     = 5000
	DefaultTrainRate      = 0.005
	DefaultTrainInitScale = 0.5
)

// tlayer is one layer of the trainer: the weights as a dense matrix (zeros
// off the mask), the bias, the mask entries (row, col) and the offsets of
// its weights and biases in θ.
type tlayer struct {
	W       *mat.Dense
	b       []float64
	entries [][2]int
	wOff    int
	bOff    int
}

// trainer holds the preallocated buffers of one run.
type trainer struct {
	s      Support
	biases bool
	layers []tlayer // input-first: layers[0] is W_1
	X, Y   *mat.Dense
	Z, H   []*mat.Dense // Z[ℓ-1] and H[ℓ-1] of layer ℓ
	D      []*mat.Dense
	G      []*mat.Dense // weight gradients, full matrices
	theta  []float64
	grad   []float64
}

// Train fits the network on support s (with or without biases) to the data
// X → Y (one point per row: N_0 input and N_L target coordinates) by
// full-batch gradient descent or Adam on the square loss, as described in
// the file comment. It returns the history and the final parameters.
//
// It returns an error for an invalid support, empty or mismatched data,
// non-finite data, an unknown method or non-positive options. If ctx is
// cancelled, or the loss stops being finite (the step size is too large),
// Train returns the result so far together with an error wrapping ctx.Err()
// or describing the divergence; after a divergence the result holds the
// last parameters whose loss and gradient were finite.
func Train(ctx context.Context, s Support, biases bool, X, Y [][]float64, opt TrainOptions) (*TrainResult, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	t, err := newTrainer(s, biases, X, Y, opt)
	if err != nil {
		return nil, err
	}
	res := &TrainResult{Spec: s.String(), Biases: biases, Method: opt.Method, LearningRate: opt.LearningRate,
		Seed: opt.Seed, InitScale: opt.InitScale, support: s}
	n := len(t.theta)
	var m, v, mh, vh []float64
	if opt.Method == "adam" {
		m, v, mh, vh = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	}
	const beta1, beta2, eps = 0.9, 0.999, 1e-8
	p1, p2 := 1.0, 1.0 // β1^k, β2^k
	var runErr error
	prev := make([]float64, n) // θ_{k−1}, restored if θ_k is not finite
	prevLoss := math.NaN()
	k := 0
	for ; ; k++ {
		loss := t.lossGrad()
		if math.IsNaN(loss) || math.IsInf(loss, 0) || !allFinite(t.grad) || !allFinite(t.theta) {
			runErr = fmt.Errorf("relu: Train: the loss or its gradient is not finite at step %d (%s, learning rate %g): lower the learning rate", k, opt.Method, opt.LearningRate)
			if k == 0 {
				return nil, runErr
			}
			copy(t.theta, prev)
			k--
			res.record(k, prevLoss, t.theta, opt.Progress)
			break
		}
		last := k == opt.Steps
		if last || logStep(k, opt.LogEvery) {
			res.record(k, loss, t.theta, opt.Progress)
		}
		if last {
			break
		}
		if k%64 == 63 {
			if err := ctx.Err(); err != nil {
				res.record(k, loss, t.theta, opt.Progress)
				runErr = fmt.Errorf("relu: Train stopped at step %d: %w", k, err)
				break
			}
		}
		copy(prev, t.theta)
		prevLoss = loss
		switch opt.Method {
		case "gd":
			floats.AddScaled(t.theta, -opt.LearningRate, t.grad)
		case "adam":
			p1 *= beta1
			p2 *= beta2
			floats.Scale(beta1, m)
			floats.AddScaled(m, 1-beta1, t.grad)
			floats.Scale(beta2, v)
			for i, g := range t.grad {
				v[i] += (1 - beta2) * g * g
			}
			floats.ScaleTo(mh, 1/(1-p1), m)
			floats.ScaleTo(vh, 1/(1-p2), v)
			for i := range vh {
				vh[i] = math.Sqrt(vh[i]) + eps
			}
			floats.Div(mh, vh)
			floats.AddScaled(t.theta, -opt.LearningRate, mh)
		}
	}
	res.Steps = k
	t.exportParams(res)
	// The history always ends at step k (recorded above).
	h := res.History[len(res.History)-1]
	res.Loss, res.NormInf, res.Norm2 = h.Loss, h.NormInf, h.Norm2
	return res, runErr
}

func (o TrainOptions) withDefaults() (TrainOptions, error) {
	switch o.Method {
	case "":
		o.Method = "adam"
	case "adam", "gd":
	default:
		return o, fmt.Errorf("relu: Train: unknown method %q (want adam or gd)", o.Method)
	}
	if o.LearningRate == 0 {
		o.LearningRate = DefaultTrainRate
	}
	if o.Steps == 0 {
		o.Steps = DefaultTrainSteps
	}
	if o.InitScale == 0 {
		o.InitScale = DefaultTrainInitScale
	}
	if o.LogEvery == 0 {
		o.LogEvery = max(1, o.Steps/500)
	}
	switch {
	case !(o.LearningRate > 0) || math.IsInf(o.LearningRate, 0):
		return o, fmt.Errorf("relu: Train: learning rate %g must be positive and finite", o.LearningRate)
	case o.Steps < 0:
		return o, fmt.Errorf("relu: Train: steps %d must be positive", o.Steps)
	case !(o.InitScale > 0) || math.IsInf(o.InitScale, 0):
		return o, fmt.Errorf("relu: Train: init scale %g must be positive and finite", o.InitScale)
	case o.LogEvery < 0:
		return o, fmt.Errorf("relu: Train: log-every %d must be positive", o.LogEvery)
	}
	return o, nil
}

// logStep reports whether step k is recorded: multiples of every, and the
// powers of two below every.
func logStep(k, every int) bool {
	return k%every == 0 || (k < every && bits.OnesCount(uint(k)) == 1)
}

func allFinite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func (r *TrainResult) record(k int, loss float64, theta []float64, progress func(int, float64, float64)) {
	if n := len(r.History); n > 0 && r.History[n-1].Step == k {
		return
	}
	p := TrainPoint{Step: k, Loss: loss, NormInf: floats.Norm(theta, math.Inf(1)), Norm2: floats.Norm(theta, 2)}
	r.History = append(r.History, p)
	if progress != nil {
		progress(k, loss, p.NormInf)
	}
}

// newTrainer checks the data, lays out θ and draws the initial point.
func newTrainer(s Support, biases bool, X, Y [][]float64, opt TrainOptions) (*trainer, error) {
	w := s.Widths()
	L := s.Depth()
	n0, nL := w[0], w[L]
	if len(X) == 0 {
		return nil, errors.New("relu: Train: no data points")
	}
	if len(X) != len(Y) {
		return nil, fmt.Errorf("relu: Train: %d inputs and %d targets", len(X), len(Y))
	}
	P := len(X)
	t := &trainer{s: s, biases: biases, X: mat.NewDense(P, n0, nil), Y: mat.NewDense(P, nL, nil)}
	for i := range X {
		if len(X[i]) != n0 {
			return nil, fmt.Errorf("relu: Train: input %d has %d coordinates, the network expects %d", i+1, len(X[i]), n0)
		}
		if len(Y[i]) != nL {
			return nil, fmt.Errorf("relu: Train: target %d has %d coordinates, the network has %d outputs", i+1, len(Y[i]), nL)
		}
		for j, v := range X[i] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("relu: Train: input %d coordinate %d is %g", i+1, j+1, v)
			}
			t.X.Set(i, j, v)
		}
		for j, v := range Y[i] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("relu: Train: target %d coordinate %d is %g", i+1, j+1, v)
			}
			t.Y.Set(i, j, v)
		}
	}
	// Layout of θ: weights W_L … W_1 (row-major mask entries), then
	// biases b_L … b_1.
	t.layers = make([]tlayer, L)
	off := 0
	for q := range L {
		l := L - q
		m := s.Layer(l)
		ly := &t.layers[l-1]
		ly.W = mat.NewDense(m.Rows(), m.Cols(), nil)
		ly.wOff = off
		for i := range m.Rows() {
			for j := range m.Cols() {
				if m.At(i, j) {
					ly.entries = append(ly.entries, [2]int{i, j})
				}
			}
		}
		off += len(ly.entries)
	}
	if biases {
		for q := range L {
			ly := &t.layers[L-q-1]
			ly.bOff = off
			off += w[L-q]
		}
	}
	t.theta = make([]float64, off)
	t.grad = make([]float64, off)
	if st := opt.Start; st != nil {
		if !st.Support.Equal(s) {
			return nil, fmt.Errorf("relu: Train: the start network is on %s, not on %s", st.Support, s)
		}
		if st.Biases != biases {
			return nil, fmt.Errorf("relu: Train: the start network has biases %v, the training biases %v", st.Biases, biases)
		}
		for q := range L {
			ly := &t.layers[L-q-1]
			for e, ij := range ly.entries {
				t.theta[ly.wOff+e], _ = st.W[q][ij[0]][ij[1]].Float64()
			}
			if biases {
				for i, v := range st.B[q] {
					t.theta[ly.bOff+i], _ = v.Float64()
				}
			}
		}
	} else {
		rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
		for q := range L {
			ly := &t.layers[L-q-1]
			for e := range ly.entries {
				t.theta[ly.wOff+e] = opt.InitScale * rng.NormFloat64()
			}
		}
	}
	t.Z = make([]*mat.Dense, L)
	t.H = make([]*mat.Dense, L)
	t.D = make([]*mat.Dense, L)
	t.G = make([]*mat.Dense, L)
	for l := 1; l <= L; l++ {
		t.Z[l-1] = mat.NewDense(P, w[l], nil)
		t.H[l-1] = mat.NewDense(P, w[l], nil)
		t.D[l-1] = mat.NewDense(P, w[l], nil)
		t.G[l-1] = mat.NewDense(w[l], w[l-1], nil)
	}
	if opt.Start == nil {
		t.reviveDead()
	}
	return t, nil
}

// reviveDead negates the incoming weights of every hidden neuron whose
// pre-activation is ≤ 0 on every data point at the initial θ (layer by
// layer, from the input side): such a neuron has zero gradient and would
// stay dead for the whole run. The weight distribution is symmetric, so
// this only picks, among the 2^H sign patterns of the neurons' incoming
// weights, one under which no neuron is dead where avoidable.
func (t *trainer) reviveDead() {
	L := len(t.layers)
	for l := 1; l < L; l++ {
		t.load()
		t.forward(l)
		ly := &t.layers[l-1]
		Z := t.Z[l-1]
		P, r := Z.Dims()
		for k := range r {
			dead := true
			for i := range P {
				if Z.At(i, k) > 0 {
					dead = false
					break
				}
			}
			if !dead {
				continue
			}
			for e, ij := range ly.entries {
				if ij[0] == k {
					t.theta[ly.wOff+e] = -t.theta[ly.wOff+e]
				}
			}
		}
	}
}

// load copies θ into the layer matrices and bias vectors.
func (t *trainer) load() {
	for l := range t.layers {
		ly := &t.layers[l]
		for e, ij := range ly.entries {
			ly.W.Set(ij[0], ij[1], t.theta[ly.wOff+e])
		}
		if t.biases {
			r, _ := ly.W.Dims()
			ly.b = t.theta[ly.bOff : ly.bOff+r]
		}
	}
}

// forward computes Z_1, H_1, …, Z_upto from the loaded parameters (H_ℓ
// only for hidden layers).
func (t *trainer) forward(upto int) {
	L := len(t.layers)
	var in mat.Matrix = t.X
	for l := 1; l <= upto; l++ {
		ly := &t.layers[l-1]
		Z := t.Z[l-1]
		Z.Mul(in, ly.W.T())
		if t.biases {
			P, r := Z.Dims()
			for i := range P {
				row := Z.RawRowView(i)
				floats.Add(row[:r], ly.b)
			}
		}
		if l < L {
			H := t.H[l-1]
			H.Apply(func(_, _ int, z float64) float64 { return max(z, 0) }, Z)
			in = H
		}
	}
}

// lossGrad evaluates J(θ) and stores ∇J(θ) in t.grad.
func (t *trainer) lossGrad() float64 {
	t.load()
	L := len(t.layers)
	t.forward(L)
	// D_L = 2R.
	D := t.D[L-1]
	D.Sub(t.Z[L-1], t.Y)
	loss := 0.0
	P, _ := D.Dims()
	for i := range P {
		row := D.RawRowView(i)
		loss += floats.Dot(row, row)
	}
	D.Scale(2, D)
	clear(t.grad)
	for l := L; l >= 1; l-- {
		ly := &t.layers[l-1]
		D := t.D[l-1]
		var prev mat.Matrix = t.X
		if l > 1 {
			prev = t.H[l-2]
		}
		G := t.G[l-1]
		G.Mul(D.T(), prev)
		for e, ij := range ly.entries {
			t.grad[ly.wOff+e] = G.At(ij[0], ij[1])
		}
		if t.biases {
			P, r := D.Dims()
			gb := t.grad[ly.bOff : ly.bOff+r]
			for i := range P {
				floats.Add(gb, D.RawRowView(i))
			}
		}
		if l > 1 {
			Dp := t.D[l-2]
			Dp.Mul(D, ly.W)
			Zp := t.Z[l-2]
			Dp.Apply(func(i, j int, d float64) float64 {
				if Zp.At(i, j) > 0 {
					return d
				}
				return 0
			}, Dp)
		}
	}
	return loss
}

// exportParams copies the final θ into res.W, res.B and res.Params.
func (t *trainer) exportParams(res *TrainResult) {
	t.load()
	L := len(t.layers)
	res.W = make([][][]float64, L)
	res.Params = map[string][][]float64{}
	if t.biases {
		res.B = make([][]float64, L)
	}
	for q := range L {
		l := L - q
		ly := &t.layers[l-1]
		r, c := ly.W.Dims()
		W := make([][]float64, r)
		for i := range W {
			W[i] = make([]float64, c)
			copy(W[i], ly.W.RawRowView(i))
		}
		res.W[q] = W
		res.Params[fmt.Sprintf("W%d", l)] = W
		if t.biases {
			b := append([]float64(nil), ly.b...)
			res.B[q] = b
			col := make([][]float64, len(b))
			for i, v := range b {
				col[i] = []float64{v}
			}
			res.Params[fmt.Sprintf("b%d", l)] = col
		}
	}
}

// Network returns the final parameters as an exact network on the support
// (every float64 is a rational; the conversion is exact), so that
// Network.EvalFloat and Network.Eval evaluate the trained f_θ. It returns
// an error if a parameter is not finite.
func (r *TrainResult) Network() (*Network, error) {
	L := len(r.W)
	w := make([]RatMatrix, L)
	for q := range r.W {
		w[q] = make(RatMatrix, len(r.W[q]))
		for i, row := range r.W[q] {
			w[q][i] = make([]*big.Rat, len(row))
			for j, v := range row {
				x, ok := new(big.Rat).SetString(floatRat(v))
				if !ok {
					return nil, fmt.Errorf("relu: trained W%d entry (%d,%d) is %g", L-q, i+1, j+1, v)
				}
				w[q][i][j] = x
			}
		}
	}
	var b [][]*big.Rat
	if r.B != nil {
		b = make([][]*big.Rat, L)
		for q := range r.B {
			b[q] = make([]*big.Rat, len(r.B[q]))
			for i, v := range r.B[q] {
				x, ok := new(big.Rat).SetString(floatRat(v))
				if !ok {
					return nil, fmt.Errorf("relu: trained b%d entry %d is %g", L-q, i+1, v)
				}
				b[q][i] = x
			}
		}
	}
	return NewNetwork(r.support, w, b)
}

// floatRat returns the exact rational value of a finite float64 as a
// string big.Rat parses, or "" (unparsable) for NaN and ±Inf.
func floatRat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return new(big.Rat).SetFloat64(v).RatString()
}

// TrainData returns the dataset's inputs and targets rounded to float64,
// ready for Train.
func (d *Dataset) TrainData() (X, Y [][]float64, err error) {
	conv := func(name string, m [][]string) ([][]float64, error) {
		R, err := ParseRatMatrix(m)
		if err != nil {
			return nil, fmt.Errorf("relu: dataset %s: %w", name, err)
		}
		out := make([][]float64, len(R))
		for i := range R {
			out[i] = make([]float64, len(R[i]))
			for j := range R[i] {
				out[i][j], _ = R[i][j].Float64()
			}
		}
		return out, nil
	}
	if X, err = conv("inputs", d.Inputs); err != nil {
		return nil, nil, err
	}
	if Y, err = conv("targets", d.Targets); err != nil {
		return nil, nil, err
	}
	return X, Y, nil
}

// String summarizes the run: final loss and norms, and the parameters.
func (r *TrainResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "trained %s (biases: %v) with %s, learning rate %g, %d steps, seed %d (numeric, float64)\n",
		r.Spec, r.Biases, r.Method, r.LearningRate, r.Steps, r.Seed)
	fmt.Fprintf(&b, "  final square loss %.6g, ‖θ‖∞ %.6g, ‖θ‖₂ %.6g\n", r.Loss, r.NormInf, r.Norm2)
	L := len(r.W)
	for q := range r.W {
		fmt.Fprintf(&b, "  W%d = %s\n", L-q, floatMatText(r.W[q]))
		if r.B != nil {
			fmt.Fprintf(&b, "  b%d = %s\n", L-q, floatVecText(r.B[q]))
		}
	}
	return b.String()
}

func floatVecText(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf("%.6g", x)
	}
	return "(" + strings.Join(s, ", ") + ")"
}

func floatMatText(m [][]float64) string {
	s := make([]string, len(m))
	for i, row := range m {
		s[i] = strings.Trim(floatVecText(row), "()")
	}
	return "[" + strings.Join(s, "; ") + "]"
}
