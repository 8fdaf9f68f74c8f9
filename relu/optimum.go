package relu

// Deciding a specific dataset (MATH.md D10) for small two-layer instances
// beyond S6 and D8.
//
// "J attains its infimum on this dataset" is the first-order sentence
// ∃θ* ∀θ J(θ*) ≤ J(θ). DecideOptimum answers it in three steps, each exact
// and checkable; what none of them decides stays "unknown", with the
// reason (which limit was hit).
//
// Exact fit (optimum exists, minimum 0). Fix an activation pattern σ
// (σ_kp = 1 when hidden neuron k is active at data point p). On the
// parameters with that pattern — the linear constraints z_kp ≥ 0 for
// σ_kp = 1 and z_kp ≤ 0 for σ_kp = 0, where z_kp = (W_1 x_p + b_1)_k — the
// network's output at x_p is Σ_k W_2[i,k]·σ_kp·z_kp + b_2,i, a polynomial.
// Every θ has some pattern (take σ_kp = [z_kp ≥ 0]; at z_kp = 0 both
// choices give the same output), so an exact fit exists iff for some σ the
// existential sentence "constraints ∧ outputs = targets" holds. Each
// sentence is decided by semialg (the output weights occur linearly and
// are eliminated exactly, linelim.go; the CAD decides the rest). A true
// sentence gives J's minimum 0, attained; a CAD witness is then searched
// on that pattern only, and when it is rational the minimiser is returned
// and re-checked by exact evaluation of the network.
//
// No optimum (infimum 0, not attained). If no pattern admits an exact fit,
// the minimum is not 0. When moreover the dataset is the ill-posed dataset
// of ALG-D for the support's NOT_CLOSED certificate and these inputs (the
// targets y_p = A·x_p of the witness A), the minimizing sequence θ(t) of
// NewDataset has loss → 0 (a Laurent polynomial with positive valuation,
// checked exactly), so the infimum 0 is not attained: no optimum.
//
// The QE route (optimum_qe.go, with the proof). Otherwise, for small
// instances, the ∀ is eliminated: ψ(c) = QE(∃θ J(θ) < c) is "c > inf J",
// computed per activation pattern and per sign pattern of the gauge
// (positive scaling of each hidden neuron; the first non-zero entry of
// each first-layer row is ±1, or the row is 0), with the output layer
// eliminated through ∇J = 0 (J is a convex quadratic in it). inf J is read
// off ψ exactly (rational, or an algebraic number given by its defining
// polynomial and an isolating interval), and J attains it iff some
// pattern's region holds a point with J ≤ inf J, an existential sentence.
// The answer is "exists" with MinLoss (and, for a rational minimum with a
// rational witness, a minimiser re-checked by exact evaluation), or
// "none" with InfLoss. This runs when the first-layer entries left free by
// the gauge number at most MaxOptimumQEFree (3), with at most
// MaxOptimumQECombos (400) feasible combinations of gauge case and
// pattern, within OptimumQEBudget (30 s, or half the time left before
// ctx's deadline) and the caller's semialg.Limits per CAD. Decided so in
// the tests (2–4 points, typically well under a second each): N = (1,1,1)
// and (2,1,1) with and without biases, (1,2,1) without biases and with
// biases on 3 points, one neuron with two outputs, the LU support
// (2,2,2) of E4 with or without biases. Some (1,2,1) instances with biases
// on 4 points exceed the time budget, and larger first layers are not
// tried: the CAD's cost grows with the free entries and with the degree of
// J after the output layer is eliminated.

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/semialg"
)

// An OptimumDecision answers "does the square loss attain its infimum on
// this dataset?" (MATH.md D10).
type OptimumDecision struct {
	Optimum string // "exists", "none" or "unknown"
	// InfLoss and MinLoss are exact when known: a rational string ("0",
	// "1/2"), or "the root of P in (lo, hi), ≈ d" for an algebraic number
	// (P a polynomial in J with exactly one root in the open interval; d a
	// 12-digit decimal approximation, for reading only).
	InfLoss, MinLoss string
	// Minimizer, when the optimum exists and a rational minimiser was
	// found, keyed "W2", "W1", "b2", "b1" (rational strings).
	Minimizer map[string][][]string
	// Patterns counts the activation patterns decided (the exact-fit
	// step's, plus the QE route's combinations of gauge case and pattern).
	Patterns int
	Reason   string
}

// MaxOptimumPatterns bounds the activation patterns DecideOptimum
// enumerates (2^(hidden·points)).
const MaxOptimumPatterns = 4096

// DecideOptimum decides, for a two-layer support and the dataset (one input
// per row of X, one target per row of Y), whether the square loss attains
// its infimum, in the cases described in the file comment. Limits bounds
// each CAD; ctx bounds the whole computation.
func DecideOptimum(ctx context.Context, s Support, biases bool, X, Y RatMatrix, lim semialg.Limits) (*OptimumDecision, error) {
	return decideOptimum(ctx, s, biases, X, Y, lim, optOptions{lift: true, budget: OptimumQEBudget})
}

// optOptions are test hooks of decideOptimum.
type optOptions struct {
	lift   bool          // try the ALG-D lift (false: tests check the QE route against it)
	budget time.Duration // most time of the QE route (0: no QE route)
}

// decideOptimum is DecideOptimum with options.
func decideOptimum(ctx context.Context, s Support, biases bool, X, Y RatMatrix, lim semialg.Limits, opt optOptions) (*OptimumDecision, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.Depth() != 2 {
		return &OptimumDecision{Optimum: "unknown", Reason: fmt.Sprintf("D10 is decided for two layers only, not depth %d", s.Depth())}, nil
	}
	W2m, W1m := s.Masks[0], s.Masks[1]
	m, h, n := W2m.Rows(), W1m.Rows(), W1m.Cols()
	N := len(X)
	if N == 0 || len(Y) != N {
		return nil, fmt.Errorf("relu: D10: %d inputs and %d targets", N, len(Y))
	}
	for p := range X {
		if len(X[p]) != n {
			return nil, fmt.Errorf("relu: D10: input %d has %d coordinates, want %d", p+1, len(X[p]), n)
		}
		if len(Y[p]) != m {
			return nil, fmt.Errorf("relu: D10: target %d has %d coordinates, want %d", p+1, len(Y[p]), m)
		}
	}
	if h*N > 12 || 1<<(h*N) > MaxOptimumPatterns {
		return &OptimumDecision{Optimum: "unknown", Reason: fmt.Sprintf("%d hidden neurons × %d points: more than %d activation patterns", h, N, MaxOptimumPatterns)}, nil
	}
	// Ring: W1 mask entries, b1, W2 mask entries, b2.
	var names []string
	type ent = optEnt
	var ents []ent
	add := func(e ent, name string) {
		ents = append(ents, e)
		names = append(names, name)
	}
	for k := 0; k < h; k++ {
		for j := 0; j < n; j++ {
			if W1m.At(k, j) {
				add(ent{1, k, j}, weightName(1, k, j))
			}
		}
		if biases {
			add(ent{1, k, -1}, fmt.Sprintf("b1_%d", k+1))
		}
	}
	for i := 0; i < m; i++ {
		for k := 0; k < h; k++ {
			if W2m.At(i, k) {
				add(ent{2, i, k}, weightName(2, i, k))
			}
		}
		if biases {
			add(ent{2, i, -1}, fmt.Sprintf("b2_%d", i+1))
		}
	}
	R, err := poly.NewRing(names, semialg.DefaultOrder)
	if err != nil {
		return nil, err
	}
	idx := map[ent]int{}
	for x, e := range ents {
		idx[e] = x
	}
	rat := func(r *big.Rat) *poly.Poly { return R.Const(r) }
	// Pre-activations z_kp (polynomials, linear in W1, b1).
	z := make([][]*poly.Poly, h)
	for k := range z {
		z[k] = make([]*poly.Poly, N)
		for p := 0; p < N; p++ {
			acc := R.Zero()
			for j := 0; j < n; j++ {
				if W1m.At(k, j) && X[p][j].Sign() != 0 {
					acc = acc.Add(R.Var(idx[ent{1, k, j}]).Mul(rat(X[p][j])))
				}
			}
			if biases {
				acc = acc.Add(R.Var(idx[ent{1, k, -1}]))
			}
			z[k][p] = acc
		}
	}
	all := make([]int, len(names))
	for x := range all {
		all[x] = x
	}
	dec := &OptimumDecision{Optimum: "unknown"}
	undecided := 0
	for sigma := 0; sigma < 1<<(h*N); sigma++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		active := func(k, p int) bool { return sigma>>(k*N+p)&1 == 1 }
		var atoms []*semialg.Formula
		for k := 0; k < h; k++ {
			for p := 0; p < N; p++ {
				if active(k, p) {
					atoms = append(atoms, semialg.Atom(z[k][p], semialg.GE))
				} else {
					atoms = append(atoms, semialg.Atom(z[k][p], semialg.LE))
				}
			}
		}
		for i := 0; i < m; i++ {
			for p := 0; p < N; p++ {
				out := R.Zero()
				for k := 0; k < h; k++ {
					if W2m.At(i, k) && active(k, p) {
						out = out.Add(R.Var(idx[ent{2, i, k}]).Mul(z[k][p]))
					}
				}
				if biases {
					out = out.Add(R.Var(idx[ent{2, i, -1}]))
				}
				atoms = append(atoms, semialg.Atom(out.Sub(rat(Y[p][i])), semialg.EQ))
			}
		}
		f := semialg.Ex(R, all, semialg.And(atoms...))
		// Decide first (the output layer is eliminated linearly there), and
		// look for a witness only on the pattern that holds.
		ok, err := semialg.DecideWithLimits(ctx, f, lim)
		dec.Patterns++
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if errors.Is(err, semialg.ErrLimit) || errors.Is(err, semialg.ErrNotSupported) {
				undecided++
				continue
			}
			return nil, err
		}
		if !ok {
			continue
		}
		dec.Optimum, dec.InfLoss, dec.MinLoss = "exists", "0", "0"
		dec.Reason = fmt.Sprintf("an exact fit exists (activation pattern %d of %d; semialg's CAD): the minimum 0 is attained", sigma+1, 1<<(h*N))
		// The witness is only for the minimiser: under its own deadline, so
		// that a slow search ends with "exists" and no minimiser.
		wctx, cancel := context.WithTimeout(ctx, qeBudget(ctx, OptimumQEBudget))
		ok, pt, err := semialg.WitnessWithLimits(wctx, f, lim)
		cancel()
		if err != nil && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if q, rat := rationalPoint(pt, len(names)); err == nil && ok && rat {
			if mz, ok := optimumMinimizer(s, biases, X, Y, ents, q); ok {
				dec.Minimizer = mz
			}
		}
		return dec, nil
	}
	if undecided > 0 {
		dec.Reason = fmt.Sprintf("whether an exact fit exists is undecided: %d of %d activation patterns exceeded the CAD limits", undecided, 1<<(h*N))
	} else {
		// No exact fit. Is the dataset the ALG-D lift of a witness?
		if opt.lift {
			v, err := Closedness(ctx, s)
			if err != nil {
				return nil, err
			}
			if v.Status == NotClosed {
				ds, err := NewDataset(ctx, s, DatasetOptions{Biases: biases, Inputs: X})
				if err == nil && sameTargets(ds.Targets, Y) {
					dec.Optimum, dec.InfLoss = "none", "0"
					dec.Reason = fmt.Sprintf("no exact fit (all %d activation patterns decided), and the targets are y = A·x for the NOT_CLOSED witness A, whose minimizing sequence (ALG-D) has loss %s → 0: the infimum 0 is not attained", 1<<(h*N), ds.Loss)
					return dec, nil
				}
			}
		}
		dec.Reason = fmt.Sprintf("no exact fit (all %d activation patterns decided), so the minimum is not 0", 1<<(h*N))
	}
	// The QE route (optimum_qe.go) for small instances.
	if opt.budget <= 0 {
		dec.Reason += "; the QE route was not tried"
		return dec, nil
	}
	qo, err := optimumQE(ctx, s, biases, X, Y, lim, qeBudget(ctx, opt.budget))
	if err != nil {
		return nil, err
	}
	dec.Patterns += qo.combos
	if qo.optimum == "" {
		if qo.inf != "" {
			dec.InfLoss = qo.inf
		}
		dec.Reason += "; " + qo.reason + "; whether the infimum is attained is not decided (MATH.md D10)"
		return dec, nil
	}
	dec.Optimum, dec.InfLoss, dec.MinLoss, dec.Minimizer = qo.optimum, qo.inf, qo.min, qo.minimizer
	dec.Reason += "; " + qo.reason
	return dec, nil
}

// optEnt names a parameter: layer 1 or 2, row i, column j (j = −1 for a
// bias).
type optEnt struct{ layer, i, j int }

// sameTargets compares targets given as strings with Y.
func sameTargets(t [][]string, Y RatMatrix) bool {
	if len(t) != len(Y) {
		return false
	}
	for p := range t {
		if len(t[p]) != len(Y[p]) {
			return false
		}
		for i := range t[p] {
			v, ok := new(big.Rat).SetString(t[p][i])
			if !ok || v.Cmp(Y[p][i]) != 0 {
				return false
			}
		}
	}
	return true
}

// optimumMinimizer builds the network of a rational exact fit and checks
// it by exact evaluation on every data point.
func optimumMinimizer(s Support, biases bool, X, Y RatMatrix, ents []optEnt, q []*big.Rat) (map[string][][]string, bool) {
	W2m, W1m := s.Masks[0], s.Masks[1]
	W2 := NewRatMatrix(W2m.Rows(), W2m.Cols())
	W1 := NewRatMatrix(W1m.Rows(), W1m.Cols())
	b2 := make([]*big.Rat, W2m.Rows())
	b1 := make([]*big.Rat, W1m.Rows())
	for i := range b2 {
		b2[i] = new(big.Rat)
	}
	for i := range b1 {
		b1[i] = new(big.Rat)
	}
	for x, e := range ents {
		switch {
		case e.layer == 1 && e.j >= 0:
			W1[e.i][e.j] = q[x]
		case e.layer == 1:
			b1[e.i] = q[x]
		case e.j >= 0:
			W2[e.i][e.j] = q[x]
		default:
			b2[e.i] = q[x]
		}
	}
	var b [][]*big.Rat
	if biases {
		b = [][]*big.Rat{b2, b1}
	}
	net, err := NewNetwork(s, []RatMatrix{W2, W1}, b)
	if err != nil {
		return nil, false
	}
	for p := range X {
		out, err := net.Eval(X[p])
		if err != nil {
			return nil, false
		}
		for i := range out {
			if out[i].Cmp(Y[p][i]) != 0 {
				return nil, false
			}
		}
	}
	mz := minimizerStrings(W2, W1, b2, b1, biases)
	return mz, true
}

// minimizerStrings is a minimiser as OptimumDecision.Minimizer keys it:
// "W2", "W1" and, with biases, the columns "b2", "b1" (rational strings).
func minimizerStrings(W2, W1 RatMatrix, b2, b1 []*big.Rat, biases bool) map[string][][]string {
	col := func(v []*big.Rat) [][]string {
		out := make([][]string, len(v))
		for i, x := range v {
			out[i] = []string{x.RatString()}
		}
		return out
	}
	mz := map[string][][]string{"W2": W2.Strings(), "W1": W1.Strings()}
	if biases {
		mz["b2"], mz["b1"] = col(b2), col(b1)
	}
	return mz
}
