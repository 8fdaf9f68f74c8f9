package relu

import (
	"fmt"
	"math/big"
)

// A Network is a parameter point θ on a support: weights W_ℓ (output-first,
// W[0] = W_L, like Support.Masks) and, when Biases is true, bias vectors B
// (B[0] = b_L). Its realization is
//
//	f_θ(x) = W_L σ(W_{L−1} σ(⋯ σ(W_1 x + b_1) ⋯) + b_{L−1}) + b_L
//
// with σ = max(·, 0) entrywise (MATH.md §2.1). Without biases every b_ℓ is 0.
type Network struct {
	Support Support
	W       []RatMatrix
	Biases  bool
	B       [][]*big.Rat
}

// NewNetwork checks that the weights fit the support (shapes, and zeros
// outside the masks) and that biases, if present, have the layer widths.
// Pass b == nil for the no-bias variant.
func NewNetwork(s Support, w []RatMatrix, b [][]*big.Rat) (*Network, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	L := s.Depth()
	if len(w) != L {
		return nil, fmt.Errorf("relu: network has %d weight matrices, support has %d layers", len(w), L)
	}
	for q, m := range s.Masks {
		l := L - q
		if w[q].Rows() != m.Rows() || w[q].Cols() != m.Cols() {
			return nil, fmt.Errorf("relu: W%d is %dx%d, mask is %dx%d", l, w[q].Rows(), w[q].Cols(), m.Rows(), m.Cols())
		}
		for i := range w[q] {
			if len(w[q][i]) != m.Cols() {
				return nil, fmt.Errorf("relu: W%d row %d has %d entries, want %d", l, i+1, len(w[q][i]), m.Cols())
			}
			for j, v := range w[q][i] {
				if v == nil {
					return nil, fmt.Errorf("relu: W%d entry (%d,%d) is nil", l, i+1, j+1)
				}
				if v.Sign() != 0 && !m.At(i, j) {
					return nil, fmt.Errorf("relu: W%d entry (%d,%d) = %s lies outside the mask", l, i+1, j+1, v.RatString())
				}
			}
		}
	}
	n := &Network{Support: s, W: w}
	if b != nil {
		if len(b) != L {
			return nil, fmt.Errorf("relu: network has %d bias vectors, support has %d layers", len(b), L)
		}
		for q, m := range s.Masks {
			if len(b[q]) != m.Rows() {
				return nil, fmt.Errorf("relu: b%d has %d entries, want %d", L-q, len(b[q]), m.Rows())
			}
		}
		n.Biases = true
		n.B = b
	}
	return n, nil
}

// Eval returns f_θ(x) exactly. It returns an error if x has the wrong length.
func (n *Network) Eval(x []*big.Rat) ([]*big.Rat, error) {
	L := n.Support.Depth()
	if len(x) != n.Support.Layer(1).Cols() {
		return nil, fmt.Errorf("relu: input has %d coordinates, network expects %d", len(x), n.Support.Layer(1).Cols())
	}
	h := x
	var tmp big.Rat
	for l := 1; l <= L; l++ {
		W := n.W[L-l]
		z := make([]*big.Rat, W.Rows())
		for i := range W {
			z[i] = new(big.Rat)
			for j, v := range W[i] {
				z[i].Add(z[i], tmp.Mul(v, h[j]))
			}
			if n.Biases {
				z[i].Add(z[i], n.B[L-l][i])
			}
			if l < L && z[i].Sign() < 0 {
				z[i].SetInt64(0)
			}
		}
		h = z
	}
	return h, nil
}

// EvalFloat returns f_θ(x) in float64 (numeric; the weights are rounded to
// the nearest float64 first).
func (n *Network) EvalFloat(x []float64) ([]float64, error) {
	L := n.Support.Depth()
	if len(x) != n.Support.Layer(1).Cols() {
		return nil, fmt.Errorf("relu: input has %d coordinates, network expects %d", len(x), n.Support.Layer(1).Cols())
	}
	h := x
	for l := 1; l <= L; l++ {
		W := n.W[L-l]
		z := make([]float64, W.Rows())
		for i := range W {
			for j, v := range W[i] {
				f, _ := v.Float64()
				z[i] += f * h[j]
			}
			if n.Biases {
				f, _ := n.B[L-l][i].Float64()
				z[i] += f
			}
			if l < L && z[i] < 0 {
				z[i] = 0
			}
		}
		h = z
	}
	return h, nil
}

// Product returns Φ_I(θ) = W_L⋯W_1, the linear counterpart of the weights.
func (n *Network) Product() RatMatrix {
	p := n.W[0]
	for q := 1; q < len(n.W); q++ {
		p = p.Mul(n.W[q])
	}
	return p
}
