package relu

// Ill-posed datasets (MATH.md S2, ALG-D, §8.4).
//
// Given a NOT_CLOSED support with witness A and a factor sequence W_ℓ(t)
// with W_L(t)⋯W_1(t) = A + O(t), the dataset has inputs x_i and targets
// y_i = A x_i. Along θ(t) the network computes exactly W_L(t)⋯W_1(t) x_i
// on the data when every hidden pre-activation is ≥ 0 for small t > 0:
//
//   - with biases (ALG-D step 3): b_1 = c_1·1, b_ℓ = −W_ℓ(c_{ℓ−1}·1) + c_ℓ·1,
//     b_L = −W_L(c_{L−1}·1). Then the pre-activation of layer ℓ is
//     P_ℓ(t)x + c_ℓ·1 with P_ℓ = W_ℓ⋯W_1 (induction on ℓ). Each c_ℓ is a
//     Laurent polynomial Σ_{k=v}^{0} K_k t^k chosen coefficient-wise:
//     K_k = max(0, max over entries e of −e_k) for k < 0 and
//     K_0 = max(0, max −e_0) + 1, where e ranges over the entries of
//     P_ℓ(t)x_i. Then every coefficient of c_ℓ + e at orders < 0 is ≥ 0 and
//     the one at order 0 is ≥ 1, so c_ℓ + e > 0 for all small t > 0
//     (its lowest non-zero coefficient is positive, MATH.md §8.2). For E5
//     this gives exactly c = 16 t^-1 + 1.
//   - without biases (L = 2 only): every hidden neuron whose pre-activations
//     on the data are all ≤ 0 for small t is flipped (its row of W_1 and
//     column of W_2 negated, which keeps the product); if some neuron has
//     both signs the construction fails (MATH.md S2: no general no-bias
//     construction is known). For E4 this gives exactly E4's sequence.
//
// The network is then evaluated exactly along t (ReLU by the sign for small
// t > 0), and the square loss is a Laurent polynomial; it must have
// positive valuation (loss → 0). Non-attainment: with the default inputs
// (P = 2^H·N_0 + 1 points on the moment curve, every N_0+1 affinely
// independent by the Vandermonde determinant) the pigeonhole argument of S2
// together with the verdict's non-membership certificate shows that no θ
// fits the data exactly.

import (
	"context"
	"fmt"
	"math/big"
	"strings"
)

// DatasetOptions configures NewDataset.
type DatasetOptions struct {
	// Biases selects the network variant (MATH.md §2.1).
	Biases bool
	// Inputs, if non-nil, are the data points (one row each, N_0 columns).
	// Default: P = 2^H·N_0 + 1 points (τ, τ², …, τ^{N_0}) at consecutive
	// integers τ centred at 0.
	Inputs RatMatrix
}

// A Dataset is an ill-posed training problem with its minimizing sequence
// (MATH.md §8.4).
type Dataset struct {
	Spec    string     `json:"spec"`
	Biases  bool       `json:"biases"`
	Witness [][]string `json:"witness"`
	Inputs  [][]string `json:"inputs"`
	Targets [][]string `json:"targets"`
	// Sequence holds "W<ℓ>" matrices and, with biases, "b<ℓ>" vectors
	// (as one-column matrices) of Laurent polynomials in t.
	Sequence   map[string][][]string `json:"sequence"`
	Loss       string                `json:"loss"`
	NoExactFit NoExactFit            `json:"no_exact_fit"`
	// Divergence: ‖θ(t)‖∞ = Θ(t^ParamValuation) and loss = Θ(t^LossValuation),
	// so along this sequence ‖θ‖∞ ≈ loss^(ParamValuation/LossValuation)
	// (MATH.md D7: every sequence with loss ≤ δ has ‖θ‖∞ ≳ δ^(−1/4) on E4).
	ParamValuation int    `json:"param_valuation"`
	LossValuation  int    `json:"loss_valuation"`
	Divergence     string `json:"divergence"`
}

// NoExactFit records why no parameter fits the data exactly.
type NoExactFit struct {
	Kind string `json:"kind"` // "pigeonhole" or "not_certified"
	Note string `json:"note"`
}

// NewDataset builds the ill-posed dataset of ALG-D for a NOT_CLOSED
// support. It returns an error if Closedness does not answer NOT_CLOSED,
// if the inputs have the wrong width, or (no biases) if the sequence is not
// sign-consistent on the data.
func NewDataset(ctx context.Context, s Support, opt DatasetOptions) (*Dataset, error) {
	v, err := Closedness(ctx, s)
	if err != nil {
		return nil, err
	}
	if v.Status != NotClosed {
		return nil, fmt.Errorf("relu: dataset: %s is %s, an ill-posed dataset needs a not-closed support", s, v.Status)
	}
	c := v.Cert
	A, err := ParseRatMatrix(c.Witness)
	if err != nil {
		return nil, err
	}
	L := s.Depth()
	W := make([]LaurentMatrix, L) // output-first
	for q := range W {
		W[q], err = ParseLaurentMatrix(c.Sequence[fmt.Sprintf("W%d", L-q)])
		if err != nil {
			return nil, err
		}
	}
	n0 := s.Widths()[0]
	X := opt.Inputs
	pigeon := false
	if X == nil {
		H := s.Hidden()
		if H > 20 {
			return nil, fmt.Errorf("relu: dataset: 2^H·N_0+1 points with H = %d hidden neurons is too many", H)
		}
		P := (1<<uint(H))*n0 + 1
		X = NewRatMatrix(P, n0)
		for p := 0; p < P; p++ {
			tau := big.NewRat(int64(p-(P-1)/2), 1)
			pw := big.NewRat(1, 1)
			for j := 0; j < n0; j++ {
				pw = new(big.Rat).Mul(pw, tau)
				X[p][j].Set(pw)
			}
		}
		pigeon = true
	}
	for p := range X {
		if len(X[p]) != n0 {
			return nil, fmt.Errorf("relu: dataset: input %d has %d coordinates, want %d", p+1, len(X[p]), n0)
		}
	}
	Y := X.Mul(transposeRat(A))
	// Laurent copies of the data.
	xs := make([][]Laurent, len(X))
	for p := range X {
		xs[p] = make([]Laurent, n0)
		for j := range X[p] {
			xs[p][j] = LaurentConst(X[p][j])
		}
	}
	var B [][]Laurent // output-first, nil without biases
	if opt.Biases {
		B = make([][]Laurent, L)
		cPrev := Laurent{}
		// Pre-activations with identity activations: z = P_ℓ x.
		zs := xs
		for l := 1; l <= L; l++ {
			Wl := W[L-l]
			next := make([][]Laurent, len(zs))
			for p := range zs {
				next[p] = matVec(Wl, zs[p])
			}
			zs = next
			b := make([]Laurent, len(Wl))
			ones := make([]Laurent, len(Wl[0]))
			for j := range ones {
				ones[j] = cPrev
			}
			shift := matVec(Wl, ones)
			if l == L {
				for i := range b {
					b[i] = shift[i].Neg()
				}
				B[L-l] = b
				break
			}
			cl := positiveShift(zs)
			for i := range b {
				b[i] = cl.Sub(shift[i])
			}
			B[L-l] = b
			cPrev = cl
		}
	} else if L == 2 {
		flipNeurons(W, xs)
	}
	// (Without biases and L ≥ 3 the sequence is used as is; the loss
	// check below rejects a sign-inconsistent one.)
	// Exact evaluation along t and the loss.
	loss := Laurent{}
	for p := range xs {
		out := evalLaurent(W, B, xs[p])
		for o := range out {
			d := out[o].Sub(LaurentConst(Y[p][o]))
			loss = loss.Add(d.Mul(d))
		}
	}
	if val, ok := loss.Valuation(); ok && val <= 0 {
		what := "with biases"
		if !opt.Biases {
			what = "without biases (the sequence is not sign-consistent on these inputs; MATH.md S2 has no general no-bias construction)"
		}
		return nil, fmt.Errorf("relu: dataset: the loss %s does not tend to 0 %s", loss, what)
	}
	d := &Dataset{Spec: s.String(), Biases: opt.Biases, Witness: c.Witness, Inputs: X.Strings(), Targets: Y.Strings(),
		Sequence: map[string][][]string{}, Loss: loss.String()}
	for q := range W {
		d.Sequence[fmt.Sprintf("W%d", L-q)] = W[q].Strings()
		if B != nil {
			col := make([][]string, len(B[q]))
			for i, x := range B[q] {
				col[i] = []string{x.String()}
			}
			d.Sequence[fmt.Sprintf("b%d", L-q)] = col
		}
	}
	pv := 0
	for q := range W {
		for _, row := range W[q] {
			for _, e := range row {
				if v, ok := e.Valuation(); ok && v < pv {
					pv = v
				}
			}
		}
		if B != nil {
			for _, e := range B[q] {
				if v, ok := e.Valuation(); ok && v < pv {
					pv = v
				}
			}
		}
	}
	d.ParamValuation = pv
	if lv, ok := loss.Valuation(); ok {
		d.LossValuation = lv
		d.Divergence = fmt.Sprintf("‖θ(t)‖∞ = Θ(t^%d), loss = Θ(t^%d): ‖θ‖∞ ≈ loss^(%s) along this sequence", pv, lv, big.NewRat(int64(pv), int64(lv)).RatString())
	} else {
		d.Divergence = "the loss is exactly 0 along the sequence"
	}
	if pigeon {
		d.NoExactFit = NoExactFit{Kind: "pigeonhole", Note: fmt.Sprintf(
			"%d points on the moment curve (every %d affinely independent) ≥ 2^H·N_0+1 with H = %d: an exact fit would put some activation pattern on N_0+1 affinely independent points and force A ∈ L_I (MATH.md S2), contradicting the non-membership certificate (block %v × %v, %s)",
			len(X), n0+1, s.Hidden(), c.Nonmembership.BlockRows, c.Nonmembership.BlockCols, c.Nonmembership.BlockType)}
	} else if need := (1<<uint(min(s.Hidden(), 30)))*n0 + 1; len(X) >= need && generalPosition(X, n0) {
		d.NoExactFit = NoExactFit{Kind: "pigeonhole", Note: fmt.Sprintf(
			"%d inputs ≥ 2^H·N_0+1 = %d, every %d of them affinely independent (checked exactly): an exact fit would put some activation pattern on N_0+1 affinely independent points and force A ∈ L_I (MATH.md S2), contradicting the non-membership certificate (block %v × %v, %s)",
			len(X), need, n0+1, c.Nonmembership.BlockRows, c.Nonmembership.BlockCols, c.Nonmembership.BlockType)}
	} else {
		d.NoExactFit = NoExactFit{Kind: "not_certified", Note: fmt.Sprintf("custom inputs: fewer than 2^H·N_0+1 = %d points or not in general position, so the pigeonhole argument of MATH.md S2 does not apply; no exact-fit certificate is given", need)}
	}
	return d, nil
}

func transposeRat(a RatMatrix) RatMatrix {
	t := NewRatMatrix(a.Cols(), a.Rows())
	for i := range a {
		for j := range a[i] {
			t[j][i].Set(a[i][j])
		}
	}
	return t
}

func matVec(W LaurentMatrix, x []Laurent) []Laurent {
	out := make([]Laurent, len(W))
	for i := range W {
		for j := range W[i] {
			if W[i][j].IsZero() || x[j].IsZero() {
				continue
			}
			out[i] = out[i].Add(W[i][j].Mul(x[j]))
		}
	}
	return out
}

// positiveShift returns c with c + e > 0 for small t > 0 for every entry e
// of the vectors zs (see the file comment).
func positiveShift(zs [][]Laurent) Laurent {
	v := 0
	for _, z := range zs {
		for _, e := range z {
			if k, ok := e.Valuation(); ok && k < v {
				v = k
			}
		}
	}
	coef := make([]*big.Rat, -v+1)
	for k := v; k <= 0; k++ {
		K := new(big.Rat)
		for _, z := range zs {
			for _, e := range z {
				neg := new(big.Rat).Neg(e.Coef(k))
				if neg.Cmp(K) > 0 {
					K = neg
				}
			}
		}
		if k == 0 {
			K.Add(K, big.NewRat(1, 1))
		}
		coef[k-v] = K
	}
	return newLaurent(v, coef)
}

// flipNeurons negates hidden neurons (L = 2) whose pre-activations on the
// data are all ≤ 0 for small t, keeping W2·W1.
func flipNeurons(W []LaurentMatrix, xs [][]Laurent) {
	W2, W1 := W[0], W[1]
	for k := range W1 {
		pos, neg := false, false
		for _, x := range xs {
			var z Laurent
			for j := range x {
				z = z.Add(W1[k][j].Mul(x[j]))
			}
			switch z.Sign() {
			case 1:
				pos = true
			case -1:
				neg = true
			}
		}
		if neg && !pos {
			for j := range W1[k] {
				W1[k][j] = W1[k][j].Neg()
			}
			for i := range W2 {
				W2[i][k] = W2[i][k].Neg()
			}
		}
	}
}

// evalLaurent evaluates the network along t: σ(z) = z if z ≥ 0 for small
// t > 0, else 0 (exact by MATH.md §8.2).
func evalLaurent(W []LaurentMatrix, B [][]Laurent, x []Laurent) []Laurent {
	L := len(W)
	h := x
	for l := 1; l <= L; l++ {
		z := matVec(W[L-l], h)
		if B != nil {
			for i := range z {
				z[i] = z[i].Add(B[L-l][i])
			}
		}
		if l < L {
			for i := range z {
				if z[i].Sign() < 0 {
					z[i] = Laurent{}
				}
			}
		}
		h = z
	}
	return h
}

// Check re-evaluates the dataset from its strings (§8.5): sequence on the
// masks, targets = witness·inputs, the exact loss along the sequence equals
// Loss and has positive valuation.
func (d *Dataset) Check() error {
	s, err := ParseSpec(d.Spec)
	if err != nil {
		return err
	}
	L := s.Depth()
	A, err := ParseRatMatrix(d.Witness)
	if err != nil {
		return err
	}
	X, err := ParseRatMatrix(d.Inputs)
	if err != nil {
		return err
	}
	Y, err := ParseRatMatrix(d.Targets)
	if err != nil {
		return err
	}
	if !X.Mul(transposeRat(A)).Equal(Y) {
		return fmt.Errorf("relu: dataset: targets are not A·x")
	}
	W := make([]LaurentMatrix, L)
	var B [][]Laurent
	if d.Biases {
		B = make([][]Laurent, L)
	}
	for q := range W {
		l := L - q
		W[q], err = ParseLaurentMatrix(d.Sequence[fmt.Sprintf("W%d", l)])
		if err != nil {
			return err
		}
		m := s.Layer(l)
		if len(W[q]) != m.Rows() || len(W[q][0]) != m.Cols() {
			return fmt.Errorf("relu: dataset: W%d has the wrong shape", l)
		}
		for i := range W[q] {
			for j := range W[q][i] {
				if !W[q][i][j].IsZero() && !m.At(i, j) {
					return fmt.Errorf("relu: dataset: W%d entry (%d,%d) outside the mask", l, i+1, j+1)
				}
			}
		}
		if d.Biases {
			col, err := ParseLaurentMatrix(d.Sequence[fmt.Sprintf("b%d", l)])
			if err != nil {
				return err
			}
			if len(col) != m.Rows() || len(col[0]) != 1 {
				return fmt.Errorf("relu: dataset: b%d must be a column of %d entries", l, m.Rows())
			}
			B[q] = make([]Laurent, len(col))
			for i := range col {
				B[q][i] = col[i][0]
			}
		}
	}
	loss := Laurent{}
	for p := range X {
		x := make([]Laurent, len(X[p]))
		for j := range x {
			x[j] = LaurentConst(X[p][j])
		}
		out := evalLaurent(W, B, x)
		for o := range out {
			e := out[o].Sub(LaurentConst(Y[p][o]))
			loss = loss.Add(e.Mul(e))
		}
	}
	want, err := ParseLaurent(d.Loss)
	if err != nil {
		return err
	}
	if !want.Equal(loss) {
		return fmt.Errorf("relu: dataset: loss along the sequence is %s, stated %s", loss, d.Loss)
	}
	if v, ok := loss.Valuation(); ok && v <= 0 {
		return fmt.Errorf("relu: dataset: loss %s does not tend to 0", loss)
	}
	return nil
}

// String summarizes the dataset.
func (d *Dataset) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ill-posed dataset for %s (biases: %v)\n", d.Spec, d.Biases)
	fmt.Fprintf(&b, "  witness A = %s\n", matText(d.Witness))
	for p := range d.Inputs {
		fmt.Fprintf(&b, "  x = (%s)  y = (%s)\n", strings.Join(d.Inputs[p], ", "), strings.Join(d.Targets[p], ", "))
	}
	for _, k := range seqKeys(d.Sequence) {
		fmt.Fprintf(&b, "  %s(t) = %s\n", k, matText(d.Sequence[k]))
	}
	fmt.Fprintf(&b, "  loss(t) = %s  (→ 0 as t → 0+)\n  divergence: %s\n  no exact fit: %s — %s\n", d.Loss, d.Divergence, d.NoExactFit.Kind, d.NoExactFit.Note)
	return b.String()
}

// generalPosition reports whether every n0+1 of the points are affinely
// independent (rank of the rows (x_i, 1) is n0+1), checking at most
// 100000 subsets (false beyond that).
func generalPosition(X RatMatrix, n0 int) bool {
	if binom(len(X), n0+1) > 100_000 {
		return false
	}
	ok := true
	subsets(seqInts(len(X)), n0+1, func(S []int) bool {
		M := make(RatMatrix, len(S))
		for a, i := range S {
			M[a] = make([]*big.Rat, n0+1)
			for j := 0; j < n0; j++ {
				M[a][j] = X[i][j]
			}
			M[a][n0] = big.NewRat(1, 1)
		}
		if Rank(M) != n0+1 {
			ok = false
			return false
		}
		return true
	})
	return ok
}
