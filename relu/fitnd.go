package relu

// Exact global optimum for one hidden layer and scalar output with inputs
// of any (small) dimension: MATH.md S6 / ALG-E. The structure is the one of
// fit.go; what changes is how patterns and cone generators are found.
//
// Patterns: every subset p of the data is tried (2^P, P ≤ MaxFitPoints);
// K_p = {z : a_iᵀz ≥ 0 (i ∈ p), −a_iᵀz ≥ 0 (i ∉ p)}, with
// a_i = (x_i restricted to the neuron's input support, 1 if biases), is
// {0} exactly when p is not an activation pattern of the neuron, and such
// p contribute nothing.
//
// Generators of K = {z : Az ≥ 0} (exact, any dimension d): the lineality
// space L = null(A) contributes ±(basis of L); K ∩ L^⊥ is pointed of
// dimension at most d' = d − dim L, and each of its extreme rays is the
// one-dimensional solution set of d'−1 tight constraints inside L^⊥, so
// enumerating the (d'−1)-subsets S of constraints whose system
// {A_S z = 0, z ⊥ L} has a one-dimensional solution ±v, and keeping the
// feasible signs, yields every extreme ray. Together they generate K.

import (
	"context"
	"fmt"
	"math/big"
)

// MaxFitPoints bounds the number of data points Fit accepts (it tries
// every subset as an activation pattern).
const MaxFitPoints = 12

// Fit computes the exact minimum of Σ_i (f_θ(x_i) − y_i)² for a
// one-hidden-layer support with scalar output (N_2 = 1; MATH.md S6: a
// minimizer exists), inputs X (one row per point, N_0 columns), with or
// without biases, and returns it with a minimizer. It returns an error for
// other shapes, mismatched data, more than MaxFitPoints points, neurons
// with more than 3 free input-side parameters, or more than MaxFitChoices
// pattern assignments.
func Fit(ctx context.Context, s Support, biases bool, X RatMatrix, y []*big.Rat) (*FitResult, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	w := s.Widths()
	if s.Depth() != 2 || w[2] != 1 {
		return nil, fmt.Errorf("relu: Fit needs one hidden layer and scalar output, have widths %v", w)
	}
	P := len(y)
	if X.Rows() != P || P == 0 {
		return nil, fmt.Errorf("relu: Fit: %d inputs and %d targets", X.Rows(), P)
	}
	if P > MaxFitPoints {
		return nil, fmt.Errorf("relu: Fit: %d points, at most %d supported", P, MaxFitPoints)
	}
	for i := range X {
		if len(X[i]) != w[0] {
			return nil, fmt.Errorf("relu: Fit: input %d has %d coordinates, want %d", i+1, len(X[i]), w[0])
		}
	}
	r := w[1]
	I2, I1 := s.Masks[0], s.Masks[1]
	type option struct {
		sign int
		gens [][]*big.Rat // generators z of K_p (input-side parameters)
		imgs [][]*big.Rat // their images on the data, times sign
	}
	var active []int
	var coords [][]int // per active neuron: input coordinates in the mask
	var options [][]option
	for k := 0; k < r; k++ {
		var cs []int
		for j := 0; j < w[0]; j++ {
			if I1.At(k, j) {
				cs = append(cs, j)
			}
		}
		d := len(cs)
		if biases {
			d++
		}
		if !I2.At(0, k) || d == 0 {
			continue
		}
		if d > 4 {
			return nil, fmt.Errorf("relu: Fit: neuron %d has %d input-side parameters, at most 4 supported", k+1, d)
		}
		row := func(i int) []*big.Rat {
			a := make([]*big.Rat, 0, d)
			for _, j := range cs {
				a = append(a, new(big.Rat).Set(X[i][j]))
			}
			if biases {
				a = append(a, big.NewRat(1, 1))
			}
			return a
		}
		var opts []option
		seen := map[string]bool{}
		for mask := 0; mask < 1<<uint(P); mask++ {
			A := make(RatMatrix, P)
			for i := 0; i < P; i++ {
				A[i] = row(i)
				if mask>>uint(i)&1 == 0 {
					for _, v := range A[i] {
						v.Neg(v)
					}
				}
			}
			gens := coneGens(A, d)
			if len(gens) == 0 {
				continue
			}
			for _, sign := range []int{1, -1} {
				o := option{sign: sign, gens: gens}
				key := fmt.Sprint(sign)
				for _, z := range gens {
					img := make([]*big.Rat, P)
					for i := 0; i < P; i++ {
						img[i] = new(big.Rat)
						if mask>>uint(i)&1 == 1 {
							img[i] = dot(row(i), z)
							if sign < 0 {
								img[i].Neg(img[i])
							}
						}
					}
					o.imgs = append(o.imgs, img)
					key += "|" + vecKey(img)
				}
				if !seen[key] {
					seen[key] = true
					opts = append(opts, o)
				}
			}
		}
		active = append(active, k)
		coords = append(coords, cs)
		options = append(options, opts)
	}
	total := 1
	for _, o := range options {
		total *= len(o) + 1
		if total > MaxFitChoices {
			return nil, fmt.Errorf("relu: Fit: more than %d pattern assignments", MaxFitChoices)
		}
	}
	var lin [][]*big.Rat
	if biases {
		one := make([]*big.Rat, P)
		for i := range one {
			one[i] = big.NewRat(1, 1)
		}
		lin = append(lin, one)
	}
	var best *big.Rat
	var bestNet *Network
	choice := make([]int, len(options))
	var rec func(a int) error
	rec = func(a int) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if a < len(options) {
			for c := -1; c < len(options[a]); c++ {
				choice[a] = c
				if err := rec(a + 1); err != nil {
					return err
				}
			}
			return nil
		}
		var gens [][]*big.Rat
		type origin struct{ b, opt, g int }
		var from []origin
		for b, c := range choice {
			if c < 0 {
				continue
			}
			for g, img := range options[b][c].imgs {
				gens = append(gens, img)
				from = append(from, origin{b, c, g})
			}
		}
		loss, lam, mu := projectCone(y, gens, lin)
		if loss == nil {
			return fmt.Errorf("relu: Fit: internal: no KKT point found")
		}
		if best != nil && loss.Cmp(best) >= 0 {
			return nil
		}
		W2 := NewRatMatrix(1, r)
		W1 := NewRatMatrix(r, w[0])
		b1 := make([]*big.Rat, r)
		for i := range b1 {
			b1[i] = new(big.Rat)
		}
		for t, o := range from {
			if lam[t].Sign() == 0 {
				continue
			}
			k := active[o.b]
			opt := options[o.b][o.opt]
			z := opt.gens[o.g]
			for x, j := range coords[o.b] {
				W1[k][j].Add(W1[k][j], new(big.Rat).Mul(lam[t], z[x]))
			}
			if biases {
				b1[k].Add(b1[k], new(big.Rat).Mul(lam[t], z[len(z)-1]))
			}
			W2[0][k].SetInt64(int64(opt.sign))
		}
		var B [][]*big.Rat
		if biases {
			c := new(big.Rat)
			if len(mu) > 0 {
				c.Set(mu[0])
			}
			B = [][]*big.Rat{{c}, b1}
		}
		net, err := NewNetwork(s, []RatMatrix{W2, W1}, B)
		if err != nil {
			return fmt.Errorf("relu: Fit: internal: %w", err)
		}
		l := new(big.Rat)
		for i := range X {
			out, _ := net.Eval(X[i])
			d := new(big.Rat).Sub(out[0], y[i])
			l.Add(l, d.Mul(d, d))
		}
		if l.Cmp(loss) != 0 {
			return fmt.Errorf("relu: Fit: internal: minimizer gives %s, projection %s", l.RatString(), loss.RatString())
		}
		best, bestNet = loss, net
		return nil
	}
	if err := rec(0); err != nil {
		return nil, err
	}
	res := &FitResult{Spec: s.String(), Biases: biases, Optimum: "exists", MinLoss: best.RatString(), Network: bestNet,
		Minimizer: map[string][][]string{"W2": bestNet.W[0].Strings(), "W1": bestNet.W[1].Strings()}}
	if biases {
		col := func(v []*big.Rat) [][]string {
			out := make([][]string, len(v))
			for i, x := range v {
				out[i] = []string{x.RatString()}
			}
			return out
		}
		res.Minimizer["b2"] = col(bestNet.B[0])
		res.Minimizer["b1"] = col(bestNet.B[1])
	}
	return res, nil
}

// coneGens returns generators of {z ∈ Q^d : Az ≥ 0} (see the file comment).
func coneGens(A RatMatrix, d int) [][]*big.Rat {
	Lb := nullSpace(A, d)
	var gens [][]*big.Rat
	seen := map[string]bool{}
	add := func(v []*big.Rat) {
		key := vecKey(normalizeDir(v))
		if !seen[key] {
			seen[key] = true
			gens = append(gens, v)
		}
	}
	for _, v := range Lb {
		add(v)
		add(negVec(v))
	}
	dp := d - len(Lb)
	if dp == 0 {
		return gens
	}
	feasible := func(v []*big.Rat) bool {
		for _, a := range A {
			if dot(a, v).Sign() < 0 {
				return false
			}
		}
		return true
	}
	subsets(seqInts(len(A)), dp-1, func(S []int) bool {
		M := make(RatMatrix, 0, len(S)+len(Lb))
		for _, i := range S {
			M = append(M, A[i])
		}
		M = append(M, Lb...)
		ns := nullSpace(M, d)
		if len(ns) != 1 {
			return true
		}
		v := ns[0]
		if feasible(v) {
			add(v)
		}
		if nv := negVec(v); feasible(nv) {
			add(nv)
		}
		return true
	})
	return gens
}

func negVec(v []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(v))
	for i, x := range v {
		out[i] = new(big.Rat).Neg(x)
	}
	return out
}

// normalizeDir scales v so that its first non-zero entry is ±1.
func normalizeDir(v []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(v))
	var s *big.Rat
	for _, x := range v {
		if x.Sign() != 0 {
			s = new(big.Rat).Abs(x)
			break
		}
	}
	for i, x := range v {
		out[i] = new(big.Rat).Set(x)
		if s != nil {
			out[i].Quo(out[i], s)
		}
	}
	return out
}

// nullSpace returns a basis of {z ∈ Q^d : Mz = 0} by exact RREF.
func nullSpace(M RatMatrix, d int) [][]*big.Rat {
	a := make(RatMatrix, len(M))
	for i := range M {
		a[i] = make([]*big.Rat, d)
		for j := 0; j < d; j++ {
			a[i][j] = new(big.Rat).Set(M[i][j])
		}
	}
	var pivots []int
	r := 0
	for c := 0; c < d && r < len(a); c++ {
		p := -1
		for i := r; i < len(a); i++ {
			if a[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		a[r], a[p] = a[p], a[r]
		inv := new(big.Rat).Inv(a[r][c])
		for j := c; j < d; j++ {
			a[r][j].Mul(a[r][j], inv)
		}
		for i := range a {
			if i == r || a[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(a[i][c])
			for j := c; j < d; j++ {
				a[i][j].Sub(a[i][j], new(big.Rat).Mul(f, a[r][j]))
			}
		}
		pivots = append(pivots, c)
		r++
	}
	isPivot := map[int]int{}
	for row, c := range pivots {
		isPivot[c] = row
	}
	var basis [][]*big.Rat
	for f := 0; f < d; f++ {
		if _, ok := isPivot[f]; ok {
			continue
		}
		v := make([]*big.Rat, d)
		for j := range v {
			v[j] = new(big.Rat)
		}
		v[f].SetInt64(1)
		for c, row := range isPivot {
			v[c].Neg(a[row][f])
		}
		basis = append(basis, v)
	}
	return basis
}
