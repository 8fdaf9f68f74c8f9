package relu

// The quantifier-elimination route of DecideOptimum (MATH.md D10): whether
// the square loss J attains a positive infimum, for instances small enough
// that a CAD can answer. The file comment of optimum.go says when the route
// runs; this comment has the proof.
//
// Eliminating the ∀. "J attains its infimum" is ∃θ* ∀θ J(θ*) ≤ J(θ). With
// one free variable c, let ψ(c) be a quantifier-free equivalent of
// ∃θ J(θ) < c. Then ψ(c) holds iff c > m, m = inf J (if c > m some θ has
// J(θ) < c by definition of the infimum; if c ≤ m no θ has J(θ) < m ≤ c).
// So J(θ*) ≤ m iff ¬ψ(J(θ*)), and J(θ*) ≤ m iff θ* is a minimiser (J ≥ m
// everywhere). Hence
//
//	J attains its infimum  ⇔  ∃θ* ¬ψ(J(θ*)),
//
// an existential sentence. The set {c : ψ(c)} is the open ray (m, ∞), so m
// is read off ψ exactly: it is the real root of one of ψ's polynomials at
// which ψ switches from false to true (rayThreshold checks that shape at a
// sample of every cell of the c-line).
//
// Activation patterns. Every θ has the pattern σ_kp = [z_kp > 0] (z_kp the
// pre-activation of hidden neuron k at point p); on the region R_σ of
// parameters with pattern σ (z_kp > 0 for σ_kp = 1, z_kp ≤ 0 for σ_kp = 0,
// linear constraints in the first layer) the network's outputs are the
// polynomials o_ip = Σ_k W_2[i,k]·σ_kp·z_kp + b_2,i and J is the polynomial
// J_σ = Σ_ip (o_ip − y_ip)². The regions partition parameter space, so
// ψ = ∨_σ ψ_σ with ψ_σ(c) ⇔ ∃θ ∈ R_σ J_σ(θ) < c ⇔ c > m_σ, m_σ the infimum
// over R_σ, and m = min_σ m_σ. J attains m iff for some σ with m_σ = m the
// sentence ∃θ ∈ R_σ J_σ(θ) ≤ m holds (regions with m_σ > m cannot hold a
// minimiser). For rational m the atom is J_σ − m ≤ 0; for an irrational m
// with defining polynomial P and isolating interval (lo, hi) it is
// P(J_σ) = 0 ∧ lo < J_σ < hi (on R_σ, J_σ ≥ m, so J_σ ≤ m iff J_σ = m).
//
// Gauge fixing. For λ > 0, scaling hidden neuron k's first-layer row and
// bias by λ and its output weights by 1/λ leaves the network function and
// the pattern unchanged (ReLU is positively homogeneous; the signs of the
// z_kp do not change). Only positive λ commute with ReLU, so a row is
// normalised to its sign pattern: its first non-zero entry is +1 or −1, or
// the row is 0. These cases partition the rows and each θ is equivalent to
// one normalised θ with the same J; a row of d entries has 2d + 1 cases and
// d − 1 free entries in each case with a pivot. A neuron without output
// weights never matters and is set to 0.
//
// Output layer. For fixed first-layer parameters and pattern, J_σ is a sum
// of squares of affine functions of the output weights and biases u, so it
// is a convex quadratic bounded below, which attains its minimum exactly at
// its critical points ∇_u J_σ = 0 (linear equations in u). So
//
//	∃u J_σ < c  ⇔  ∃u (∇_u J_σ = 0 ∧ J_σ < c),
//
// and the same with ≤ m: the first layer's constraints do not involve u.
// The equations are linear in u, and semialg's linear elimination
// (semialg/linelim.go) removes u with exact case splits; the CAD sees only
// c and the free first-layer entries.
//
// Pruning. The combinations are taken in order of their number of free
// first-layer entries (cheap CADs first). Once some m_σ' is known, U =
// the least of them (or, when irrational, the rational right end of its
// isolating interval) is an upper bound on m. Before the QE of a further
// combination σ the sentence ∃θ ∈ R_σ J_σ ≤ U is decided (a sentence:
// no solution formula, and the CAD stops at the first true cell); when it
// is false, J_σ > U ≥ m on all of R_σ, so R_σ neither lowers m nor holds
// a minimiser (a point with J = m ≤ U), and σ is dropped from both steps.
//
// Minimiser. When m is rational and J attains it on R_σ, the output layer
// is eliminated by QE with the free first-layer entries left free, a
// witness of the result is taken, and when it is rational the output layer
// is the exact least-squares solution for those features (normal
// equations over Q). The network is rebuilt and its loss evaluated
// exactly; it must equal m (a mismatch is an internal error, never a
// silent answer).
//
// Budget. The route runs when the free first-layer entries after gauge
// fixing number at most MaxOptimumQEFree and the combinations (products of
// each neuron's feasible (gauge case, pattern) pairs; a neuron inactive at
// every point counts once, as the zero row) number at most
// MaxOptimumQECombos. It runs under its own deadline, OptimumQEBudget or
// half the time left before ctx's deadline, and each CAD honours the
// caller's semialg.Limits. Beyond a budget, or when a CAD exceeds its
// limits, the answer stays "unknown" with the limit named; cancellation of
// ctx itself is returned as an error. A single CAD step (a resultant over
// algebraic sample points) can overrun the deadline by a few seconds
// before the CAD looks at it again (semialg's BUG note).

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/semialg"
)

// MaxOptimumQEFree bounds the first-layer parameters left free after gauge
// fixing (Σ_k (row entries − 1) over the hidden neurons that have output
// weights) for which DecideOptimum tries the QE route: each CAD then has
// these variables and the loss level c.
const MaxOptimumQEFree = 3

// MaxOptimumQECombos bounds the feasible combinations of a gauge case and
// an activation pattern per hidden neuron that the QE route decides (one
// QE call each).
const MaxOptimumQECombos = 400

// OptimumQEBudget is the time the QE route of DecideOptimum may take at
// most; when ctx has a deadline, the route takes at most half of the time
// left, so that it ends with "unknown" (and the reason) rather than with
// the caller's deadline.
const OptimumQEBudget = 30 * time.Second

// qeBudget is the QE route's time budget under ctx.
func qeBudget(ctx context.Context, limit time.Duration) time.Duration {
	if d, ok := ctx.Deadline(); ok {
		if left := (time.Until(d) / 2).Round(100 * time.Millisecond); left < limit {
			return max(left, 0)
		}
	}
	return limit
}

// qeNeuronCase is one feasible (gauge case, pattern) of a hidden neuron.
type qeNeuronCase struct {
	free []int        // ring variables left free
	z    []*poly.Poly // pre-activations at the points, gauge substituted
	pat  uint64       // bit p: active at point p
	cons []*semialg.Formula
	val  map[int]*big.Rat // fixed ring variables
}

// qeCombo is a combination of neuron cases with its loss polynomial.
type qeCombo struct {
	cases  []*qeNeuronCase
	free   []int // free first-layer variables
	outs   []int // output-layer variables that occur
	matrix []*semialg.Formula
	J      *poly.Poly
	inf    *poly.RealAlg // m_σ; nil when the region is empty
}

// qeOutcome is what the QE route found.
type qeOutcome struct {
	optimum   string // "exists", "none", or "" (not decided)
	inf, min  string
	minimizer map[string][][]string
	combos    int
	reason    string
}

// optimumQE runs the QE route (see the file comment). It returns an
// outcome with optimum "" and the reason when it does not decide.
func optimumQE(ctx context.Context, s Support, biases bool, X, Y RatMatrix, lim semialg.Limits, budget time.Duration) (*qeOutcome, error) {
	qctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	// stop turns an error of a semialg call into an undecided outcome
	// (limits, the route's own time budget) or returns it (cancellation
	// of ctx, anything else).
	stop := func(err error, what string) (string, error) {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if qctx.Err() != nil {
			return fmt.Sprintf("%s exceeded the QE route's time budget of %v", what, budget), nil
		}
		if errors.Is(err, semialg.ErrLimit) || errors.Is(err, semialg.ErrNotSupported) {
			return fmt.Sprintf("%s exceeded the CAD limits (%v)", what, err), nil
		}
		return "", err
	}
	W2m, W1m := s.Masks[0], s.Masks[1]
	m, h, n := W2m.Rows(), W1m.Rows(), W1m.Cols()
	N := len(X)
	// Ring: the loss level J first (the free variable of ψ), then the
	// first layer row by row, then the output layer.
	names := []string{"J"}
	var ents []optEnt // ents[x] is ring variable x+1
	add := func(e optEnt, name string) int {
		ents = append(ents, e)
		names = append(names, name)
		return len(names) - 1
	}
	rows := make([][]int, h)         // ring variables of neuron k's row
	coefs := make([][][]*big.Rat, h) // coefs[k][t][p]: coefficient of rows[k][t] in z_kp
	free := 0
	for k := 0; k < h; k++ {
		for j := 0; j < n; j++ {
			if W1m.At(k, j) {
				rows[k] = append(rows[k], add(optEnt{1, k, j}, weightName(1, k, j)))
				c := make([]*big.Rat, N)
				for p := range c {
					c[p] = X[p][j]
				}
				coefs[k] = append(coefs[k], c)
			}
		}
		if biases {
			rows[k] = append(rows[k], add(optEnt{1, k, -1}, fmt.Sprintf("b1_%d", k+1)))
			c := make([]*big.Rat, N)
			for p := range c {
				c[p] = big.NewRat(1, 1)
			}
			coefs[k] = append(coefs[k], c)
		}
		if qeUsed(W2m, k) && len(rows[k]) > 1 {
			free += len(rows[k]) - 1
		}
	}
	outVar := map[optEnt]int{}
	for i := 0; i < m; i++ {
		for k := 0; k < h; k++ {
			if W2m.At(i, k) {
				outVar[optEnt{2, i, k}] = add(optEnt{2, i, k}, weightName(2, i, k))
			}
		}
		if biases {
			outVar[optEnt{2, i, -1}] = add(optEnt{2, i, -1}, fmt.Sprintf("b2_%d", i+1))
		}
	}
	if free > MaxOptimumQEFree {
		return &qeOutcome{reason: fmt.Sprintf("the QE route was not tried: %d first-layer parameters stay free after gauge fixing, more than MaxOptimumQEFree = %d", free, MaxOptimumQEFree)}, nil
	}
	R, err := poly.NewRing(names, semialg.DefaultOrder)
	if err != nil {
		return nil, err
	}
	// Feasible (gauge case, pattern) pairs per neuron.
	cases := make([][]*qeNeuronCase, h)
	total := 1
	for k := 0; k < h; k++ {
		cs, err := qeNeuronCases(qctx, R, rows[k], coefs[k], N, qeUsed(W2m, k), lim)
		if err != nil {
			r, err := stop(err, fmt.Sprintf("the QE route did not finish: listing the activation patterns of neuron %d", k+1))
			return &qeOutcome{reason: r}, err
		}
		if len(cs) == 0 {
			return nil, fmt.Errorf("relu: D10: internal error: neuron %d has no feasible activation pattern", k+1)
		}
		cases[k] = cs
		if total *= len(cs); total > MaxOptimumQECombos {
			return &qeOutcome{reason: fmt.Sprintf("the QE route was not tried: more than MaxOptimumQECombos = %d combinations of gauge case and activation pattern", MaxOptimumQECombos)}, nil
		}
	}
	// The combinations, those with fewer free first-layer entries (cheaper
	// CADs) first, so that a good upper bound on inf J comes early.
	var all []*qeCombo
	idx := make([]int, h)
	for {
		cb := &qeCombo{}
		for k := 0; k < h; k++ {
			c := cases[k][idx[k]]
			cb.cases = append(cb.cases, c)
			cb.free = append(cb.free, c.free...)
			cb.matrix = append(cb.matrix, c.cons...)
		}
		all = append(all, cb)
		k := 0
		for ; k < h; k++ {
			if idx[k]++; idx[k] < len(cases[k]) {
				break
			}
			idx[k] = 0
		}
		if k == h {
			break
		}
	}
	slices.SortStableFunc(all, func(a, b *qeCombo) int { return len(a.free) - len(b.free) })
	// One QE per combination: ψ_σ(J) and its threshold m_σ — unless the
	// sentence ∃θ ∈ R_σ J_σ ≤ U is false for an upper bound U ≥ inf J
	// found so far (U = the least m_σ yet, or a rational above it): then
	// J_σ > U ≥ inf J on R_σ, so R_σ neither lowers the infimum nor holds
	// a minimiser, and it is dropped.
	var combos []*qeCombo
	var best *poly.RealAlg
	pruned := 0
	for n, cb := range all {
		qeBuildLoss(R, cb, W2m, biases, Y, outVar)
		grads := make([]*semialg.Formula, 0, len(cb.outs))
		for _, u := range cb.outs {
			grads = append(grads, semialg.Atom(cb.J.Deriv(u), semialg.EQ))
		}
		cb.matrix = append(cb.matrix, grads...)
		bound := append(slices.Clone(cb.free), cb.outs...)
		if best != nil {
			U, ok := best.IsRational()
			if !ok {
				_, U = best.Interval()
			}
			f := semialg.Ex(R, bound, semialg.And(append(slices.Clone(cb.matrix), semialg.Compare(cb.J, semialg.LE, R.Const(U)))...))
			below, err := semialg.DecideWithLimits(qctx, f, lim)
			if err != nil {
				r, err := stop(err, fmt.Sprintf("the QE route did not finish: deciding ∃θ J(θ) ≤ %s on combination %d of %d (%s)", U.RatString(), n+1, total, qeDescribe(cb, N)))
				return &qeOutcome{combos: n, reason: r}, err
			}
			if !below {
				pruned++
				continue
			}
		}
		f := semialg.Ex(R, bound, semialg.And(append(slices.Clone(cb.matrix), semialg.Compare(cb.J, semialg.LT, R.Var(0)))...))
		psi, err := semialg.QEWithLimits(qctx, f, lim)
		if err == nil {
			cb.inf, err = rayThreshold(qctx, psi)
		}
		if err != nil {
			r, err := stop(err, fmt.Sprintf("the QE route did not finish: eliminating ∃θ J(θ) < c on combination %d of %d (%s)", n+1, total, qeDescribe(cb, N)))
			return &qeOutcome{combos: n, reason: r}, err
		}
		if cb.inf != nil && (best == nil || cb.inf.Cmp(best) < 0) {
			best = cb.inf
		}
		combos = append(combos, cb)
	}
	over := fmt.Sprintf("over all %d combinations of gauge case and activation pattern (%d by QE, %d dropped by a bound J ≤ U)", total, len(combos), pruned)
	// m = min m_σ.
	var inf *poly.RealAlg
	for _, cb := range combos {
		if cb.inf != nil && (inf == nil || cb.inf.Cmp(inf) < 0) {
			inf = cb.inf
		}
	}
	if inf == nil {
		return nil, fmt.Errorf("relu: D10: internal error: every region of parameter space is empty")
	}
	out := &qeOutcome{combos: total, inf: qeNumber(inf)}
	q, rational := inf.IsRational()
	// Attainment: some region with m_σ = m holds a point with J_σ ≤ m.
	for _, cb := range combos {
		if cb.inf == nil || cb.inf.Cmp(inf) != 0 {
			continue
		}
		at := qeAttainAtoms(R, cb.J, inf)
		bound := append(slices.Clone(cb.free), cb.outs...)
		f := semialg.Ex(R, bound, semialg.And(append(slices.Clone(cb.matrix), at...)...))
		ok, err := semialg.DecideWithLimits(qctx, f, lim)
		if err != nil {
			r, err := stop(err, fmt.Sprintf("the infimum of J %s is %s, but deciding whether it is attained on %s", over, out.inf, qeDescribe(cb, N)))
			out.reason = r
			return out, err
		}
		if !ok {
			continue
		}
		out.optimum, out.min = "exists", out.inf
		out.reason = fmt.Sprintf("QE (MATH.md D10): the infimum of J %s is %s, and it is attained", over, out.inf)
		if rational {
			mz, err := qeMinimizer(qctx, s, biases, X, Y, R, ents, cb, at, q, lim)
			switch {
			case err == nil:
				out.minimizer = mz
			case ctx.Err() != nil:
				return nil, ctx.Err()
			case qctx.Err() == nil:
				return nil, err
			default:
				out.reason += fmt.Sprintf(" (no minimiser: its search exceeded the time budget of %v)", budget)
			}
		}
		return out, nil
	}
	out.optimum = "none"
	out.reason = fmt.Sprintf("QE (MATH.md D10): the infimum of J %s is %s, and no parameter attains it", over, out.inf)
	return out, nil
}

// qeUsed reports whether hidden neuron k has an output weight.
func qeUsed(W2m Mask, k int) bool {
	for i := 0; i < W2m.Rows(); i++ {
		if W2m.At(i, k) {
			return true
		}
	}
	return false
}

// qeNeuronCases lists the feasible (gauge case, pattern) pairs of one
// neuron: the row (ring variables vars, coefficient coefs[t][p] of
// vars[t] in z_p) has its first non-zero entry ±1, or is 0; the pattern's
// constraints z_p > 0 (active) and z_p ≤ 0 must be satisfiable (decided by
// semialg). A neuron that is not used gets only the zero row.
func qeNeuronCases(ctx context.Context, R *poly.Ring, vars []int, coefs [][]*big.Rat, N int, used bool, lim semialg.Limits) ([]*qeNeuronCase, error) {
	type gauge struct {
		val  map[int]*big.Rat
		free []int
	}
	gauges := []gauge{{val: map[int]*big.Rat{}}}
	for _, v := range vars {
		gauges[0].val[v] = new(big.Rat)
	}
	if used {
		for t := range vars {
			for _, sgn := range []int64{1, -1} {
				g := gauge{val: map[int]*big.Rat{}}
				for u, v := range vars {
					switch {
					case u < t:
						g.val[v] = new(big.Rat)
					case u == t:
						g.val[v] = big.NewRat(sgn, 1)
					default:
						g.free = append(g.free, v)
					}
				}
				gauges = append(gauges, g)
			}
		}
	}
	var out []*qeNeuronCase
	for _, g := range gauges {
		z := make([]*poly.Poly, N)
		for p := range z {
			acc := R.Zero()
			for t, v := range vars {
				if coefs[t][p].Sign() == 0 {
					continue
				}
				if x, ok := g.val[v]; ok {
					acc = acc.Add(R.Const(new(big.Rat).Mul(x, coefs[t][p])))
				} else {
					acc = acc.Add(R.Var(v).Mul(R.Const(coefs[t][p])))
				}
			}
			z[p] = acc
		}
		for pat := uint64(0); pat < 1<<N; pat++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			var cons []*semialg.Formula
			for p := 0; p < N; p++ {
				if pat>>p&1 == 1 {
					cons = append(cons, semialg.Atom(z[p], semialg.GT))
				} else {
					cons = append(cons, semialg.Atom(z[p], semialg.LE))
				}
			}
			f := semialg.Simplify(semialg.And(cons...))
			switch f.Op() {
			case semialg.OpFalse:
				continue
			case semialg.OpTrue:
			default:
				ok, err := semialg.DecideWithLimits(ctx, semialg.Ex(R, g.free, f), lim)
				if err != nil {
					if ctx.Err() != nil {
						return nil, ctx.Err()
					}
					return nil, fmt.Errorf("relu: D10: feasibility of an activation pattern: %w", err)
				}
				if !ok {
					continue
				}
			}
			if pat == 0 && len(out) > 0 && out[0].pat == 0 {
				// Inactive at every point: the neuron's row does not occur in
				// J, and the region is a product with the row's own
				// (non-empty) region, so the zero row (the first case)
				// already stands for it.
				continue
			}
			out = append(out, &qeNeuronCase{free: g.free, z: z, pat: pat, cons: cons, val: g.val})
		}
	}
	return out, nil
}

// qeBuildLoss sets cb.J (the loss polynomial of the combination) and
// cb.outs (the output-layer variables occurring in it).
func qeBuildLoss(R *poly.Ring, cb *qeCombo, W2m Mask, biases bool, Y RatMatrix, outVar map[optEnt]int) {
	m, h := W2m.Rows(), W2m.Cols()
	J := R.Zero()
	for i := 0; i < m; i++ {
		for p := range Y {
			o := R.Zero()
			for k := 0; k < h; k++ {
				if W2m.At(i, k) && cb.cases[k].pat>>p&1 == 1 {
					o = o.Add(R.Var(outVar[optEnt{2, i, k}]).Mul(cb.cases[k].z[p]))
				}
			}
			if biases {
				o = o.Add(R.Var(outVar[optEnt{2, i, -1}]))
			}
			d := o.Sub(R.Const(Y[p][i]))
			J = J.Add(d.Mul(d))
		}
	}
	cb.J = J
	occ := J.Vars()
	for _, v := range outVar {
		if _, ok := slices.BinarySearch(occ, v); ok {
			cb.outs = append(cb.outs, v)
		}
	}
	slices.Sort(cb.outs)
}

// qeAttainAtoms returns atoms equivalent to J ≤ m on a region where J ≥ m
// (see the file comment).
func qeAttainAtoms(R *poly.Ring, J *poly.Poly, m *poly.RealAlg) []*semialg.Formula {
	if q, ok := m.IsRational(); ok {
		return []*semialg.Formula{semialg.Compare(J, semialg.LE, R.Const(q))}
	}
	lo, hi := m.Interval()
	P := R.FromUPoly(m.Poly(), 0).Subst(0, J)
	return []*semialg.Formula{
		semialg.Atom(P, semialg.EQ),
		semialg.Compare(J, semialg.GT, R.Const(lo)),
		semialg.Compare(J, semialg.LT, R.Const(hi)),
	}
}

// qeNumber formats an infimum: a rational string, or the defining
// polynomial (in J), an isolating interval, and a decimal approximation
// (12 digits, for reading only).
func qeNumber(x *poly.RealAlg) string {
	if q, ok := x.IsRational(); ok {
		return q.RatString()
	}
	lo, hi := x.Interval()
	u := x.Poly()
	R := poly.MustRing([]string{"J"}, semialg.DefaultOrder)
	return fmt.Sprintf("the root of %v in (%s, %s), ≈ %s", R.FromUPoly(u, 0), lo.RatString(), hi.RatString(), x.Float(64).Text('g', 12))
}

// rayThreshold returns m when the quantifier-free formula ψ in ring
// variable 0 alone is equivalent to c > m, nil when ψ is false everywhere,
// and an error for any other shape (which the proof excludes). The truth
// value is evaluated exactly at every root of ψ's polynomials and at a
// rational point of every interval between them.
func rayThreshold(ctx context.Context, psi *semialg.Formula) (*poly.RealAlg, error) {
	var roots []*poly.RealAlg
	var bad error
	psi.Atoms(func(a *semialg.Formula) bool {
		p := a.Poly()
		if p == nil {
			bad = fmt.Errorf("relu: D10: internal error: rank atom in %v", psi)
			return false
		}
		if p.IsConst() {
			return true
		}
		if vs := p.Vars(); len(vs) != 1 || vs[0] != 0 {
			bad = fmt.Errorf("relu: D10: internal error: %v has bound variables left", psi)
			return false
		}
		u, err := p.PrimitivePart().Univariate(0)
		if err != nil {
			bad = err
			return false
		}
		rs, err := poly.RealAlgRoots(ctx, u)
		if err != nil {
			bad = err
			return false
		}
		roots = append(roots, rs...)
		return true
	})
	if bad != nil {
		return nil, bad
	}
	slices.SortFunc(roots, func(a, b *poly.RealAlg) int { return a.Cmp(b) })
	roots = slices.CompactFunc(roots, func(a, b *poly.RealAlg) bool { return a.Cmp(b) == 0 })
	var nv int
	if r := psi.Ring(); r != nil {
		nv = r.NumVars()
	}
	atRat := func(x *big.Rat) (bool, error) {
		pt := make([]*big.Rat, nv)
		for i := range pt {
			pt[i] = new(big.Rat)
		}
		if nv > 0 {
			pt[0] = x
		}
		return psi.Eval(pt)
	}
	atAlg := func(x *poly.RealAlg) (bool, error) {
		pt := make([]*poly.RealAlg, nv)
		pt[0] = x
		return psi.EvalAlg(ctx, pt)
	}
	// Cells of the line: sector, root, sector, …, root, sector.
	var truth []bool
	var samples []*big.Rat
	if len(roots) == 0 {
		samples = []*big.Rat{new(big.Rat)}
	} else {
		samples = append(samples, poly.RationalBelow(roots[0]))
		for i := 1; i < len(roots); i++ {
			samples = append(samples, poly.RationalBetween(roots[i-1], roots[i]))
		}
		samples = append(samples, poly.RationalAbove(roots[len(roots)-1]))
	}
	for i, x := range samples {
		t, err := atRat(x)
		if err != nil {
			return nil, err
		}
		truth = append(truth, t)
		if i < len(roots) {
			t, err := atAlg(roots[i])
			if err != nil {
				return nil, err
			}
			truth = append(truth, t)
		}
	}
	first := slices.Index(truth, true)
	if first < 0 {
		return nil, nil
	}
	for _, t := range truth[first:] {
		if !t {
			return nil, fmt.Errorf("relu: D10: internal error: {c : %v} is not a ray", psi)
		}
	}
	if first == 0 || first%2 == 1 {
		// True below every root, or at a root itself: not an open ray
		// (m, ∞) with m a root.
		return nil, fmt.Errorf("relu: D10: internal error: {c : %v} is not an open ray", psi)
	}
	return roots[first/2-1], nil
}

// qeMinimizer finds a rational minimiser on the combination cb (where J
// attains the rational infimum q) and re-checks it by exact evaluation of
// the network. It returns nil when the witness found is not rational.
func qeMinimizer(ctx context.Context, s Support, biases bool, X, Y RatMatrix, R *poly.Ring, ents []optEnt, cb *qeCombo, at []*semialg.Formula, q *big.Rat, lim semialg.Limits) (map[string][][]string, error) {
	vals := make([]*big.Rat, R.NumVars())
	for i := range vals {
		vals[i] = new(big.Rat)
	}
	for _, c := range cb.cases {
		for v, x := range c.val {
			vals[v] = x
		}
	}
	if len(cb.free) > 0 {
		// Eliminate the output layer, then take a point of the first layer.
		mat := semialg.And(append(slices.Clone(cb.matrix), at...)...)
		phi, err := semialg.QEWithLimits(ctx, semialg.Ex(R, cb.outs, mat), lim)
		if err == nil {
			var ok bool
			var pt []*poly.RealAlg
			ok, pt, err = semialg.WitnessWithLimits(ctx, semialg.Ex(R, cb.free, phi), lim)
			if err == nil && !ok {
				return nil, fmt.Errorf("relu: D10: internal error: the attained region has no first-layer point")
			}
			if err == nil {
				for _, v := range cb.free {
					if pt[v] == nil {
						continue
					}
					r, ok := pt[v].IsRational()
					if !ok {
						return nil, nil
					}
					vals[v] = r
				}
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if errors.Is(err, semialg.ErrLimit) || errors.Is(err, semialg.ErrNotSupported) {
				return nil, nil
			}
			return nil, err
		}
	}
	// Output layer: exact least squares per output for these features.
	W2m, W1m := s.Masks[0], s.Masks[1]
	m, h := W2m.Rows(), W2m.Cols()
	N := len(X)
	feat := make([][]*big.Rat, h) // feat[k][p]: activation of neuron k at point p
	for k := 0; k < h; k++ {
		feat[k] = make([]*big.Rat, N)
		for p := 0; p < N; p++ {
			zv := new(big.Rat)
			if cb.cases[k].pat>>p&1 == 1 {
				zv = semialg.EvalPoly(cb.cases[k].z[p], vals)
			}
			feat[k][p] = zv
		}
	}
	W2 := NewRatMatrix(m, h)
	b2 := make([]*big.Rat, m)
	for i := 0; i < m; i++ {
		var cols [][]*big.Rat
		var ks []int
		for k := 0; k < h; k++ {
			if W2m.At(i, k) {
				cols = append(cols, feat[k])
				ks = append(ks, k)
			}
		}
		if biases {
			one := make([]*big.Rat, N)
			for p := range one {
				one[p] = big.NewRat(1, 1)
			}
			cols = append(cols, one)
		}
		y := make([]*big.Rat, N)
		for p := range y {
			y[p] = Y[p][i]
		}
		beta, err := leastSquaresRat(cols, y)
		if err != nil {
			return nil, err
		}
		for t, k := range ks {
			W2[i][k] = beta[t]
		}
		b2[i] = new(big.Rat)
		if biases {
			b2[i] = beta[len(ks)]
		}
	}
	W1 := NewRatMatrix(W1m.Rows(), W1m.Cols())
	b1 := make([]*big.Rat, W1m.Rows())
	for i := range b1 {
		b1[i] = new(big.Rat)
	}
	for x, e := range ents {
		if e.layer != 1 {
			continue
		}
		if e.j >= 0 {
			W1[e.i][e.j] = vals[x+1]
		} else {
			b1[e.i] = vals[x+1]
		}
	}
	var b [][]*big.Rat
	if biases {
		b = [][]*big.Rat{b2, b1}
	}
	net, err := NewNetwork(s, []RatMatrix{W2, W1}, b)
	if err != nil {
		return nil, err
	}
	loss, err := networkLossRat(net, X, Y)
	if err != nil {
		return nil, err
	}
	if loss.Cmp(q) != 0 {
		return nil, fmt.Errorf("relu: D10: internal error: the minimiser found has loss %s, not the infimum %s", loss.RatString(), q.RatString())
	}
	mz := minimizerStrings(W2, W1, b2, b1, biases)
	return mz, nil
}

// networkLossRat is Σ_p ‖net(x_p) − y_p‖², exactly.
func networkLossRat(net *Network, X, Y RatMatrix) (*big.Rat, error) {
	loss := new(big.Rat)
	for p := range X {
		out, err := net.Eval(X[p])
		if err != nil {
			return nil, err
		}
		for i := range out {
			d := new(big.Rat).Sub(out[i], Y[p][i])
			loss.Add(loss, d.Mul(d, d))
		}
	}
	return loss, nil
}

// leastSquaresRat returns β minimising ‖Σ_t β_t cols[t] − y‖², exactly: a
// solution of the normal equations G β = Fᵀy (G = FᵀF), which are always
// consistent; free unknowns are set to 0.
func leastSquaresRat(cols [][]*big.Rat, y []*big.Rat) ([]*big.Rat, error) {
	r := len(cols)
	dot := func(a, b []*big.Rat) *big.Rat {
		s := new(big.Rat)
		for i := range a {
			s.Add(s, new(big.Rat).Mul(a[i], b[i]))
		}
		return s
	}
	// Augmented matrix [G | Fᵀy].
	A := make([][]*big.Rat, r)
	for i := range A {
		A[i] = make([]*big.Rat, r+1)
		for j := 0; j < r; j++ {
			A[i][j] = dot(cols[i], cols[j])
		}
		A[i][r] = dot(cols[i], y)
	}
	var pivCols []int
	row := 0
	for col := 0; col < r && row < r; col++ {
		piv := -1
		for i := row; i < r; i++ {
			if A[i][col].Sign() != 0 {
				piv = i
				break
			}
		}
		if piv < 0 {
			continue
		}
		A[row], A[piv] = A[piv], A[row]
		inv := new(big.Rat).Inv(A[row][col])
		for j := col; j <= r; j++ {
			A[row][j].Mul(A[row][j], inv)
		}
		for i := 0; i < r; i++ {
			if i == row || A[i][col].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(A[i][col])
			for j := col; j <= r; j++ {
				A[i][j].Sub(A[i][j], new(big.Rat).Mul(f, A[row][j]))
			}
		}
		pivCols = append(pivCols, col)
		row++
	}
	for i := row; i < r; i++ {
		if A[i][r].Sign() != 0 {
			return nil, fmt.Errorf("relu: D10: internal error: inconsistent normal equations")
		}
	}
	beta := make([]*big.Rat, r)
	for i := range beta {
		beta[i] = new(big.Rat)
	}
	for i, c := range pivCols {
		beta[c] = new(big.Rat).Set(A[i][r])
	}
	return beta, nil
}

// qeDescribe is a short description of a combination (for messages):
// per neuron its pattern (one digit per point, point 1 first; 1 = active).
func qeDescribe(cb *qeCombo, N int) string {
	var b strings.Builder
	for k, c := range cb.cases {
		if k > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "neuron %d pattern ", k+1)
		for p := 0; p < N; p++ {
			b.WriteByte('0' + byte(c.pat>>p&1))
		}
	}
	return b.String()
}
