package relu

// A search for NOT_CLOSED certificates that needs no quantifier
// elimination: tangent limits plus Nullstellensatz.
//
// # Tangent limits
//
// For a two-factor support, take a set Q of live hidden neurons, non-zero
// rationals λ_k (k ∈ Q), and a vector u on the rows R_Q = ∩_{k∈Q} R_k that
// every neuron of Q reaches. Choose W1⁰ on the mask with
// Σ_{k∈Q} λ_k·W1⁰[k,:] = 0 (for each column j, the entries of the neurons
// of Q that have j in their mask are tied by one linear equation), any W1¹
// on the mask, and any W2⁰ on the mask. With
//
//	W2(t) = W2⁰ + t⁻¹·u λᵀ   (columns Q, rows of u: inside the mask)
//	W1(t) = W1⁰ + t·W1¹
//
// the product is W2⁰W1⁰ + t⁻¹·u(λᵀW1⁰[Q,:]) + u(λᵀW1¹[Q,:]) + t·W2⁰W1¹, and
// the t⁻¹ term vanishes by the choice of W1⁰, so the product tends to
//
//	A* = W2⁰W1⁰ + u·(Σ_{k∈Q} λ_k W1¹[k,:]),
//
// a point of cl(L_I): the derivative of the map along a direction in which
// the neurons of Q cancel. (The LU sequence of MATH.md E1 is of this form
// up to the gauge.) If moreover the fibre Φ_I(θ) = A* has no complex point,
// the weak Nullstellensatz gives cofactors with Σ g_ij·(Φ_ij(θ) − A*_ij) = 1,
// which Verify checks by expansion: a complete NOT_CLOSED certificate that
// rests on no trusted computation. The search draws the data at random
// (seeded) with many zeros, since points outside L_I are special; it is a
// semi-decision: finding nothing proves nothing.

import (
	"context"
	"math/big"
	"math/rand"
	"time"
)

// tangentSearch tries up to tries random tangent limits of the two-factor
// support s and returns a verified NOT_CLOSED certificate for the first
// whose fibre has no complex point (each Nullstellensatz attempt bounded by
// per).
func tangentSearch(ctx context.Context, s Support, tries int, per time.Duration, seed int64) (*Certificate, bool) {
	if s.Depth() != 2 {
		return nil, false
	}
	W2m, W1m := s.Layer(2), s.Layer(1)
	m, r, n := W2m.Rows(), W2m.Cols(), W1m.Cols()
	var live []int
	for k := 0; k < r; k++ {
		a, b := false, false
		for i := 0; i < m; i++ {
			a = a || W2m.At(i, k)
		}
		for j := 0; j < n; j++ {
			b = b || W1m.At(k, j)
		}
		if a && b {
			live = append(live, k)
		}
	}
	if len(live) < 2 {
		return nil, false
	}
	rng := rand.New(rand.NewSource(seed))
	small := func() int64 { return []int64{1, -1, 2, -2, 3}[rng.Intn(5)] }
	maybe := func(p float64) int64 {
		if rng.Float64() < p {
			return 0
		}
		return small()
	}
	seen := map[string]bool{}
	for try := 0; try < tries; try++ {
		if ctx.Err() != nil {
			return nil, false
		}
		// Q: 2 or 3 live neurons.
		q := 2
		if len(live) > 2 && rng.Intn(3) == 0 {
			q = 3
		}
		perm := rng.Perm(len(live))
		Q := make([]int, q)
		inQ := map[int]int64{}
		for a := range Q {
			Q[a] = live[perm[a]]
			inQ[Q[a]] = small()
		}
		var U []int
		for i := 0; i < m; i++ {
			all := true
			for _, k := range Q {
				all = all && W2m.At(i, k)
			}
			if all {
				U = append(U, i)
			}
		}
		if len(U) == 0 {
			continue
		}
		u := make([]int64, m)
		nz := false
		for _, i := range U {
			u[i] = maybe(0.4)
			nz = nz || u[i] != 0
		}
		if !nz {
			u[U[rng.Intn(len(U))]] = 1
		}
		zp := []float64{0.3, 0.5, 0.7}[rng.Intn(3)]
		W2 := NewLaurentMatrix(m, r)
		W1 := NewLaurentMatrix(r, n)
		for i := 0; i < m; i++ {
			for k := 0; k < r; k++ {
				if !W2m.At(i, k) {
					continue
				}
				c := LaurentInt(maybe(zp))
				if lam, ok := inQ[k]; ok && u[i] != 0 {
					c = c.Add(LaurentMonomial(big.NewRat(u[i]*lam, 1), -1))
				}
				W2[i][k] = c
			}
		}
		for j := 0; j < n; j++ {
			var K []int
			for _, k := range Q {
				if W1m.At(k, j) {
					K = append(K, k)
				}
			}
			sum := new(big.Rat)
			for a, k := range K {
				var v *big.Rat
				if a < len(K)-1 {
					v = big.NewRat(maybe(zp), 1)
					sum.Add(sum, new(big.Rat).Mul(v, big.NewRat(inQ[k], 1)))
				} else {
					v = new(big.Rat).Quo(new(big.Rat).Neg(sum), big.NewRat(inQ[k], 1))
				}
				W1[k][j] = LaurentConst(v).Add(LaurentMonomial(big.NewRat(maybe(zp), 1), 1))
			}
			for k := 0; k < r; k++ {
				if _, ok := inQ[k]; !ok && W1m.At(k, j) {
					W1[k][j] = LaurentInt(maybe(zp))
				}
			}
		}
		prod := W2.Mul(W1)
		A := make([]*big.Rat, 0, m*n)
		ok := true
		key := ""
		for i := range prod {
			for j := range prod[i] {
				lim, fin := prod[i][j].Limit()
				if !fin {
					ok = false
				}
				A = append(A, lim)
				if lim != nil {
					key += lim.RatString() + ","
				}
			}
		}
		if !ok || seen[key] {
			continue
		}
		seen[key] = true
		nctx, cancel := context.WithTimeout(ctx, per)
		nm, found := fibreNullstellensatz(nctx, s, A)
		cancel()
		if !found {
			continue
		}
		Am := make(RatMatrix, m)
		for i := range Am {
			Am[i] = A[i*n : (i+1)*n]
		}
		c := &Certificate{Spec: s.String(), Verdict: "not_closed", Method: "tangent",
			Witness: Am.Strings(), Sequence: map[string][][]string{"W2": W2.Strings(), "W1": W1.Strings()},
			Nonmembership: nm}
		if Verify(c) == nil {
			return c, true
		}
	}
	return nil, false
}

// tangentVerdict runs tangentSearch on s and on its transpose (D1; the
// certificate is transposed back) within the budget's tangent limits.
func tangentVerdict(ctx context.Context, s Support, b AlgCBudget) (*Verdict, bool) {
	if b.TangentTries <= 0 || s.Depth() != 2 {
		return nil, false
	}
	tctx := ctx
	if b.TangentTime > 0 {
		var cancel context.CancelFunc
		tctx, cancel = context.WithTimeout(ctx, b.TangentTime)
		defer cancel()
	}
	per := time.Second
	if c, ok := tangentSearch(tctx, s, b.TangentTries, per, 1); ok {
		return &Verdict{Status: NotClosed, Cert: c}, true
	}
	st := s.Transpose()
	c0, ok := tangentSearch(tctx, st, b.TangentTries, per, 2)
	if !ok {
		return nil, false
	}
	w := s.Widths()
	id := func(n int) []int {
		p := make([]int, n)
		for i := range p {
			p[i] = i
		}
		return p
	}
	g := symmetry2{tr: true, pr: id(w[2]), ph: id(w[1]), pc: id(w[0])}
	c := g.certificate(c0, s)
	if c == nil || Verify(c) != nil {
		return nil, false
	}
	c.Nonmembership.Theorem = c0.Nonmembership.Theorem + " (found on the transposed support, transposed back by D1)"
	return &Verdict{Status: NotClosed, Cert: c}, true
}
