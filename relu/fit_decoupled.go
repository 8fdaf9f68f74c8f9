package relu

// Exact optima for decoupled vector output (MATH.md D8 with S6).
//
// If L = 2 and every column of I_2 has at most one non-zero — each hidden
// neuron feeds at most one output — then output i depends only on the
// neurons K_i = {k : I_2[i,k] = 1}, and the sets K_i are disjoint. The
// square loss is the sum over outputs of the loss of the scalar-output
// network (I_2[i,K_i], I_1[K_i,:]) on the targets y_{·,i}, and these
// networks have disjoint parameters (the output bias b_2[i] included). So
// the minimum is the sum of the scalar minima, attained by the union of
// scalar minimizers, and each scalar minimum exists and is computed exactly
// by Fit (S6, ALG-E). An output with K_i = ∅ is the constant b_2[i] (with
// biases: the mean of its targets is optimal) or 0. Hidden neurons that
// feed no output are set to zero. The assembled network is re-evaluated
// exactly on the data and its loss compared with the sum.

import (
	"context"
	"fmt"
	"math/big"
)

// Decoupled reports whether the two-factor support s has decoupled vector
// output (D8): every column of I_2 has at most one non-zero.
func Decoupled(s Support) bool {
	if s.Depth() != 2 {
		return false
	}
	W2 := s.Layer(2)
	for k := 0; k < W2.Cols(); k++ {
		c := 0
		for i := 0; i < W2.Rows(); i++ {
			if W2.At(i, k) {
				c++
			}
		}
		if c > 1 {
			return false
		}
	}
	return true
}

// FitDecoupled computes the exact minimum of the square loss
// Σ_p ‖f_θ(x_p) − y_p‖² and a minimizer for a two-factor support with
// decoupled vector output (D8), output by output with Fit. X has one row
// per data point (N_0 inputs), Y one row per point (N_2 targets).
func FitDecoupled(ctx context.Context, s Support, biases bool, X, Y RatMatrix) (*FitResult, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if !Decoupled(s) {
		return nil, fmt.Errorf("relu: FitDecoupled: %s is not decoupled (a hidden neuron feeds two outputs; MATH.md D8)", s)
	}
	w := s.Widths()
	m, r, n := w[2], w[1], w[0]
	P := X.Rows()
	if P == 0 || Y.Rows() != P {
		return nil, fmt.Errorf("relu: FitDecoupled: %d inputs and %d targets", P, Y.Rows())
	}
	for p := 0; p < P; p++ {
		if len(X[p]) != n || len(Y[p]) != m {
			return nil, fmt.Errorf("relu: FitDecoupled: data point %d has %d inputs and %d targets, want %d and %d", p+1, len(X[p]), len(Y[p]), n, m)
		}
	}
	W2m, W1m := s.Layer(2), s.Layer(1)
	zero := func(a, b int) RatMatrix {
		M := make(RatMatrix, a)
		for i := range M {
			M[i] = make([]*big.Rat, b)
			for j := range M[i] {
				M[i][j] = new(big.Rat)
			}
		}
		return M
	}
	W2, W1 := zero(m, r), zero(r, n)
	b2, b1 := make([]*big.Rat, m), make([]*big.Rat, r)
	for i := range b2 {
		b2[i] = new(big.Rat)
	}
	for k := range b1 {
		b1[k] = new(big.Rat)
	}
	total := new(big.Rat)
	for i := 0; i < m; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		y := make([]*big.Rat, P)
		for p := range y {
			y[p] = Y[p][i]
		}
		var K []int
		for k := 0; k < r; k++ {
			if W2m.At(i, k) {
				K = append(K, k)
			}
		}
		if len(K) == 0 {
			// Constant output b_2[i] (or 0).
			c := new(big.Rat)
			if biases {
				for _, v := range y {
					c.Add(c, v)
				}
				c.Quo(c, big.NewRat(int64(P), 1))
				b2[i] = c
			}
			for _, v := range y {
				d := new(big.Rat).Sub(v, c)
				total.Add(total, d.Mul(d, d))
			}
			continue
		}
		sub2 := FullMask(1, len(K))
		sub1 := ZeroMask(len(K), n)
		for a, k := range K {
			for j := 0; j < n; j++ {
				sub1 = sub1.With(a, j, W1m.At(k, j))
			}
		}
		sub, err := NewSupport(sub2, sub1)
		if err != nil {
			return nil, err
		}
		res, err := Fit(ctx, sub, biases, X, y)
		if err != nil {
			return nil, fmt.Errorf("relu: FitDecoupled: output %d: %w", i+1, err)
		}
		net := res.Network
		for a, k := range K {
			W2[i][k] = net.W[0][0][a]
			copy(W1[k], net.W[1][a])
			if biases {
				b1[k] = net.B[1][a]
			}
		}
		if biases {
			b2[i] = net.B[0][0]
		}
		l, _ := new(big.Rat).SetString(res.MinLoss)
		total.Add(total, l)
	}
	var B [][]*big.Rat
	if biases {
		B = [][]*big.Rat{b2, b1}
	}
	net, err := NewNetwork(s, []RatMatrix{W2, W1}, B)
	if err != nil {
		return nil, fmt.Errorf("relu: FitDecoupled: internal: %w", err)
	}
	// Exact re-evaluation of the assembled minimizer.
	loss := new(big.Rat)
	for p := 0; p < P; p++ {
		out, err := net.Eval(X[p])
		if err != nil {
			return nil, err
		}
		for i := range out {
			d := new(big.Rat).Sub(out[i], Y[p][i])
			loss.Add(loss, d.Mul(d, d))
		}
	}
	if loss.Cmp(total) != 0 {
		return nil, fmt.Errorf("relu: FitDecoupled: internal: minimizer gives %s, sum of output minima %s", loss.RatString(), total.RatString())
	}
	res := &FitResult{Spec: s.String(), Biases: biases, Optimum: "exists", MinLoss: total.RatString(), Network: net,
		Minimizer: map[string][][]string{"W2": W2.Strings(), "W1": W1.Strings()}}
	if biases {
		col := func(v []*big.Rat) [][]string {
			out := make([][]string, len(v))
			for i, x := range v {
				out[i] = []string{x.RatString()}
			}
			return out
		}
		res.Minimizer["b2"] = col(b2)
		res.Minimizer["b1"] = col(b1)
	}
	return res, nil
}
