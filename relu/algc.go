package relu

// The exact fallback ALG-C (MATH.md S4, ALG-C, D9): quantifier elimination
// through package semialg for supports the structural theorems leave
// UNKNOWN, under an explicit budget.
//
// # Stage 1: the description of L_I
//
// L_I is the projection onto the A-coordinates of
// {(A, θ) : Φ_I(θ) = A}, so quantifier elimination of
//
//	∃θ : W_L⋯W_1 = A        (θ = the entries of the W_ℓ on the masks)
//
// gives a quantifier-free φ(A) with L_I = {φ}. Two exact reductions make
// the elimination small (MATH.md §10 item 2, issue 4 item 6):
//
// Gauge fixing of the per-neuron scaling. For a hidden neuron k between
// W_{ℓ+1} and W_ℓ, replacing row k of W_ℓ by row/λ and column k of W_{ℓ+1}
// by λ·column (λ ≠ 0) leaves the product unchanged and the masks
// respected. Claim: L_I is the union, over the choice for every hidden
// neuron of a position p in its input row (its row of W_ℓ inside the mask),
// of the images of the restricted parameter sets Θ_p = {θ : row k of W_ℓ is
// 0 before p, 1 at p, free after p}. Proof: "⊇" is trivial (Θ_p ⊆ Θ). "⊆":
// take θ. Process the hidden layers bottom-up (ℓ = 1, …, L−1), and in each
// layer every neuron k. If row k of W_ℓ is zero, the neuron contributes
// nothing to the product; set column k of W_{ℓ+1} to zero too and row k to
// (1 at its first mask position, 0 elsewhere): the product is unchanged.
// Otherwise let p be the first non-zero position of row k and rescale with
// λ = W_ℓ[k,p]. Rescaling at layer ℓ changes only row k of W_ℓ and column k
// of W_{ℓ+1}; rows of W_{ℓ+1} are normalised later (layer ℓ+1 is processed
// after ℓ) and a column rescaling of W_{ℓ+1} does not move the first
// non-zero position of any row of W_ℓ, so normalised rows stay normalised.
// Rows with an empty mask belong to dead neurons and are skipped. ∎
// So stage 1 eliminates each branch separately (fewer variables, the
// fixed 1 removes a bilinear term) and φ is the disjunction of the branch
// results.
//
// The entries of W_L occur linearly in the equations; semialg eliminates
// them by exact case splits on their coefficients (semialg/linelim.go),
// which is the "row of A in the row span of the lower factors" elimination
// of issue 4 item 6 carried out by the engine.
//
// # D9 and the DNF merge
//
// The QE result is a disjunction of conjunctions of sign conditions. Two
// rewriting rules keep its set and make closedness visible (mergeDNF):
// absorption (a conjunction that implies another is dropped) and widening:
// if C1 = X ∧ (p ρ1 0) and C2 ⊇ X ∧ (p ρ2 0) (C2's other atoms imply X's),
// then C1 ∨ C2 = C1 ∨ C2[p ρ1∪ρ2 0], because the added points satisfy
// X ∧ p ρ1 0 ⊆ C1. Repeated, "a ≠ 0 ∧ X ∨ a = 0 ∧ X" becomes X. When every
// remaining atom is =, ≤ or ≥ (its relation holds at sign 0), the set is a
// finite union of finite intersections of closed sets: closed (D9).
//
// # Stage 2
//
// When the merged description still has strict atoms, ALG-C stage 2 asks
// whether some A ∉ L_I is a limit of L_I. Deciding that sentence doubles
// the free variables and is beyond the CAD here; the fallback answers it
// constructively instead. The weak closure ψ (strict atoms widened) is
// closed and contains {φ}; if the CAD finds no point of ψ ∧ ¬φ, L_I = {ψ} is
// closed (D9). Otherwise it takes the sample point A* of ψ ∧ ¬φ when it is
// rational, looks for directions E along which φ holds at A* + t·E for all
// small t > 0 (closureCurves), and builds Laurent factors W_ℓ(t) on the
// masks with product → A* (algc_seq.go). Success gives a NOT_CLOSED
// certificate: the sequence is checked by expansion, and A* ∉ L_I is φ
// evaluated at A* (non-membership kind "cad", resting on the stage-1 QE).
// Failure (no rational gap point, no curve, or no Q(t)-rational point of
// the fibre) leaves UNKNOWN with the reason.
//
// # Budget
//
// Variables (mask entries), branches, the CAD's cell and factor limits and
// the context's deadline bound the work; any of them exceeded gives
// UNKNOWN with the limit named — never a verdict that was not proved.

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand"
	"sort"
	"strings"
	"time"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/semialg"
)

// AlgCBudget bounds the exact fallback ALG-C.
type AlgCBudget struct {
	// MaxVars bounds the number of parameters (mask entries) of the
	// support; larger supports are not attempted.
	MaxVars int
	// MaxBranches bounds the number of gauge branches.
	MaxBranches int
	// Timeout bounds the wall-clock time of the whole fallback (in addition
	// to the caller's context).
	Timeout time.Duration
	// Limits are passed to semialg.QEWithLimits for every branch.
	Limits semialg.Limits
	// TangentTries and TangentTime bound the QE-free search for tangent
	// limits with Nullstellensatz proofs (tangent.go) run before stage 1,
	// in each orientation; 0 tries skips it.
	TangentTries int
	TangentTime  time.Duration
}

// DefaultAlgCBudget is the budget Closedness uses.
var DefaultAlgCBudget = AlgCBudget{MaxVars: 20, MaxBranches: 256, Timeout: 20 * time.Second,
	Limits:       semialg.Limits{MaxCells: 200000, MaxFactors: 2000},
	TangentTries: 150, TangentTime: 5 * time.Second}

// algcResult is the outcome of the fallback.
type algcResult struct {
	status  Status
	reason  string // Unknown: which stage or limit stopped it
	formula string // stage-1 description φ (merged DNF), 1-based A_<i>_<j> names
	weak    string // weak closure ψ of φ (strict atoms widened)
	// description is the closed description (φ when D9 applies, else ψ
	// when L_I = {ψ} was decided).
	description string
	d9          bool
	rule        string // "onto" when onto.go proved L_I = Σ(P); else empty
	branches    int
	leaves      int // onto: normalised leaves decided
	elapsed     time.Duration
	// NotClosed: the rational witness A* (row-major) and Laurent factors
	// (index ℓ−1) whose product tends to it (algc_seq.go).
	witness []*big.Rat
	seq     []LaurentMatrix
	// nullstellensatz, when non-nil, proves witness ∉ L_I over C.
	nullstellensatz *Nonmembership
}

// aName is the 1-based name of entry (i,j) of A (MATH.md §8.2).
func aName(i, j int) string { return fmt.Sprintf("A_%d_%d", i+1, j+1) }

// gaugeBranches lists, for every hidden neuron with a non-empty input row,
// the possible first non-zero positions; it returns the per-neuron choices
// as (layer index q in s.Masks (output-first), row k, positions).
type gaugeNeuron struct {
	q, k int
	pos  []int
}

func gaugeNeurons(s Support) []gaugeNeuron {
	var out []gaugeNeuron
	L := s.Depth()
	// Hidden neurons of layer boundary between W_{ℓ+1} and W_ℓ are the rows
	// of W_ℓ, ℓ = 1..L−1; bottom-up order (ℓ = 1 first).
	for l := 1; l < L; l++ {
		m := s.Layer(l)
		q := L - l
		for k := 0; k < m.Rows(); k++ {
			var pos []int
			for j := 0; j < m.Cols(); j++ {
				if m.At(k, j) {
					pos = append(pos, j)
				}
			}
			if len(pos) > 0 {
				out = append(out, gaugeNeuron{q: q, k: k, pos: pos})
			}
		}
	}
	return out
}

// gaugeBranchCount is the number of gauge branches of gn (the product of
// the per-neuron choices), or ok = false when it exceeds limit.
func gaugeBranchCount(gn []gaugeNeuron, limit int) (n int, ok bool) {
	n = 1
	for _, g := range gn {
		n *= len(g.pos)
		if n > limit {
			return n, false
		}
	}
	return n, true
}

// gaugeChoice writes the per-neuron positions of gauge branch br (mixed
// radix over the neurons' choices) into choice.
func gaugeChoice(gn []gaugeNeuron, br int, choice []int) {
	for i := range gn {
		choice[i] = br % len(gn[i].pos)
		br /= len(gn[i].pos)
	}
}

// stage1Branch builds ∃θ_p : Φ(θ_p) = A for one gauge choice (choice[x]
// indexes gaugeNeurons[x].pos). The ring has the m·n entries of A first.
func stage1Branch(s Support, gn []gaugeNeuron, choice []int) (*semialg.Formula, error) {
	return stage1Leaf(s, gn, choice, nil)
}

// Entry kinds of a normalised matrix (onto.go): an entry of A is a free
// variable, the constant 0 or the constant 1.
const (
	entryFree int8 = iota
	entryZero
	entryOne
)

// stage1Leaf is stage1Branch for a matrix A whose entries are fixed by
// leaf (row-major, m·n kinds; nil: every entry free). The ring's first
// variables are the free entries of A, in row-major order.
func stage1Leaf(s Support, gn []gaugeNeuron, choice []int, leaf []int8) (*semialg.Formula, error) {
	L := s.Depth()
	w := s.Widths()
	m, n := w[L], w[0]
	if leaf == nil {
		leaf = make([]int8, m*n)
	}
	// fixed[q][k][j]: 0 = free mask entry, 1 = fixed one, 2 = fixed zero.
	fixed := make([]map[[2]int]int, L)
	for q := range fixed {
		fixed[q] = map[[2]int]int{}
	}
	for x, g := range gn {
		p := g.pos[choice[x]]
		for _, j := range g.pos {
			switch {
			case j < p:
				fixed[g.q][[2]int{g.k, j}] = 2
			case j == p:
				fixed[g.q][[2]int{g.k, j}] = 1
			}
		}
	}
	names := make([]string, 0, m*n)
	aVar := make([]int, m*n) // ring index of a free entry of A
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			if leaf[i*n+j] == entryFree {
				aVar[i*n+j] = len(names)
				names = append(names, aName(i, j))
			}
		}
	}
	nA := len(names)
	type ent struct{ q, i, j int }
	var bound []ent
	for q, mk := range s.Masks {
		for i := 0; i < mk.Rows(); i++ {
			for j := 0; j < mk.Cols(); j++ {
				if mk.At(i, j) && fixed[q][[2]int{i, j}] == 0 {
					bound = append(bound, ent{q, i, j})
					names = append(names, weightName(L-q, i, j))
				}
			}
		}
	}
	R, err := poly.NewRing(names, semialg.DefaultOrder)
	if err != nil {
		return nil, err
	}
	vi := map[ent]int{}
	for x, e := range bound {
		vi[e] = nA + x
	}
	var prod [][]*poly.Poly
	for q := 0; q < L; q++ {
		mk := s.Masks[q]
		W := make([][]*poly.Poly, mk.Rows())
		for i := range W {
			W[i] = make([]*poly.Poly, mk.Cols())
			for j := range W[i] {
				switch {
				case !mk.At(i, j) || fixed[q][[2]int{i, j}] == 2:
					W[i][j] = R.Zero()
				case fixed[q][[2]int{i, j}] == 1:
					W[i][j] = R.One()
				default:
					W[i][j] = R.Var(vi[ent{q, i, j}])
				}
			}
		}
		if prod == nil {
			prod = W
			continue
		}
		next := make([][]*poly.Poly, len(prod))
		for i := range next {
			next[i] = make([]*poly.Poly, len(W[0]))
			for j := range next[i] {
				acc := R.Zero()
				for k := range W {
					if prod[i][k].IsZero() || W[k][j].IsZero() {
						continue
					}
					acc = acc.Add(prod[i][k].Mul(W[k][j]))
				}
				next[i][j] = acc
			}
		}
		prod = next
	}
	var eqs []*semialg.Formula
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var a *poly.Poly
			switch leaf[i*n+j] {
			case entryFree:
				a = R.Var(aVar[i*n+j])
			case entryZero:
				a = R.Zero()
			default:
				a = R.One()
			}
			eqs = append(eqs, semialg.Atom(a.Sub(prod[i][j]), semialg.EQ))
		}
	}
	vars := make([]int, len(bound))
	for x := range bound {
		vars[x] = nA + x
	}
	body := semialg.And(eqs...)
	if len(vars) == 0 {
		return body, nil
	}
	return semialg.Ex(R, vars, body), nil
}

// paramCount is the number of mask entries (parameters) of s.
func paramCount(s Support) int {
	c := 0
	for _, mk := range s.Masks {
		for i := 0; i < mk.Rows(); i++ {
			for j := 0; j < mk.Cols(); j++ {
				if mk.At(i, j) {
					c++
				}
			}
		}
	}
	return c
}

// algC runs the hull test (algcOnto) and, when it does not
// decide, stage 1 (and D9) on s, within the budget.
func algC(ctx context.Context, s Support, b AlgCBudget) (algcResult, error) {
	// Half of the time at most for the hull test, so that stage 1
	// keeps the rest.
	ob := b
	ob.Timeout = b.Timeout / 2
	r, err := algcOnto(ctx, s, ob)
	if err != nil || r.status != Unknown {
		return r, err
	}
	res, err := algCStages(ctx, s, b)
	if err == nil && res.status == Unknown && r.reason != "" {
		res.reason += "; hull test (is L_I its rank-cut hull?): " + r.reason
	}
	return res, err
}

// algcOnto runs the hull test (onto.go) within b.Timeout: CLOSED
// when L_I = Σ(P); NOT_CLOSED when a point of Σ(P) \ L_I comes with a
// Nullstellensatz proof and a factor sequence (ontoGapSequence); else
// UNKNOWN with the reason. The parameter limit of stage 1 does not apply:
// the leaves are small whatever the number of parameters.
func algcOnto(ctx context.Context, s Support, b AlgCBudget) (algcResult, error) {
	start := time.Now()
	octx, cancel := ctx, context.CancelFunc(func() {})
	if b.Timeout > 0 {
		octx, cancel = context.WithTimeout(ctx, b.Timeout)
	}
	defer cancel()
	or, err := ontoCheck(octx, s, b)
	if err != nil {
		if ctx.Err() != nil {
			return algcResult{}, ctx.Err()
		}
		return algcResult{status: Unknown, reason: err.Error()}, nil
	}
	if or.onto {
		f := hullFormula(boolProduct(s), or.cuts)
		rule := "onto"
		if len(or.cuts) > 0 {
			rule = "rank_hull"
		}
		return algcResult{status: Closed, rule: rule, d9: true, formula: f, description: f,
			branches: or.branches, leaves: or.leaves, elapsed: time.Since(start)}, nil
	}
	if or.gap != nil {
		// Half of what is left for a sequence to the gap point.
		gctx, gcancel := ctx, context.CancelFunc(func() {})
		if b.Timeout > 0 {
			gctx, gcancel = context.WithTimeout(ctx, max(b.Timeout-time.Since(start), b.Timeout/4))
		}
		r, ok := ontoGapSequence(gctx, s, or.gap)
		gcancel()
		if ok {
			r.elapsed = time.Since(start)
			return r, nil
		}
		if ctx.Err() != nil {
			return algcResult{}, ctx.Err()
		}
		or.reason += fmt.Sprintf(" (the point %s of Σ(P) \\ L_I has no Nullstellensatz proof or no rational factor sequence was found)", ratMatString(or.gap, boolProduct(s).Rows(), boolProduct(s).Cols()))
	}
	return algcResult{status: Unknown, reason: or.reason}, nil
}

// algCStages runs stage 1 (and D9) on s within the budget.
func algCStages(ctx context.Context, s Support, b AlgCBudget) (algcResult, error) {
	start := time.Now()
	res := algcResult{status: Unknown}
	if p := paramCount(s); p > b.MaxVars {
		res.reason = fmt.Sprintf("ALG-C skipped: %d parameters over the limit of %d", p, b.MaxVars)
		return res, nil
	}
	gn := gaugeNeurons(s)
	nb, ok := gaugeBranchCount(gn, b.MaxBranches)
	if !ok {
		res.reason = fmt.Sprintf("ALG-C skipped: more than %d gauge branches", b.MaxBranches)
		return res, nil
	}
	cctx := ctx
	if b.Timeout > 0 {
		var cancel context.CancelFunc
		cctx, cancel = context.WithTimeout(ctx, b.Timeout)
		defer cancel()
	}
	w := s.Widths()
	m, n := w[s.Depth()], w[0]
	var terms []dnfTerm
	choice := make([]int, len(gn))
	for br := 0; br < nb; br++ {
		gaugeChoice(gn, br, choice)
		f, err := stage1Branch(s, gn, choice)
		if err != nil {
			return res, err
		}
		var phi *semialg.Formula
		err = guarded(cctx, func(c context.Context) error {
			var e error
			phi, e = semialg.QEWithLimits(c, f, b.Limits)
			return e
		})
		if err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			switch {
			case errors.Is(err, context.DeadlineExceeded), errors.Is(err, errOverrun):
				res.reason = fmt.Sprintf("ALG-C stage 1: time limit %v exceeded after %d of %d gauge branches", b.Timeout, br, nb)
			case errors.Is(err, semialg.ErrLimit):
				res.reason = fmt.Sprintf("ALG-C stage 1: CAD limits (cells %d, factors %d) exceeded in gauge branch %d of %d", b.Limits.MaxCells, b.Limits.MaxFactors, br+1, nb)
			default:
				res.reason = fmt.Sprintf("ALG-C stage 1: %v", err)
			}
			return res, nil
		}
		ts, ok := toDNF(semialg.Simplify(phi), m*n)
		if !ok {
			res.reason = "ALG-C stage 1: QE result is not a disjunction of conjunctions of atoms"
			return res, nil
		}
		terms = append(terms, ts...)
		terms = mergeDNF(terms)
	}
	res.branches = nb
	res.formula = dnfString(terms, m, n)
	res.elapsed = time.Since(start)
	res.d9 = dnfClosedForm(terms)
	if res.d9 {
		res.status = Closed
		res.description = res.formula
		return res, nil
	}
	// Weak closure ψ: strict atoms widened (≠ → true, < → ≤, > → ≥). ψ is
	// closed and contains {φ}; if ∃A [ψ ∧ ¬φ] is false then L_I = {ψ},
	// closed by D9.
	weak := weakClosure(terms)
	res.weak = dnfString(weak, m, n)
	names := make([]string, 0, m*n)
	all := make([]int, 0, m*n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			names = append(names, aName(i, j))
			all = append(all, len(all))
		}
	}
	R, err := poly.NewRing(names, semialg.DefaultOrder)
	if err != nil {
		return res, err
	}
	phiF, err1 := semialg.Parse(R, res.formula)
	psiF, err2 := semialg.Parse(R, res.weak)
	if err1 != nil || err2 != nil {
		return res, fmt.Errorf("relu: ALG-C: re-reading the description: %v %v", err1, err2)
	}
	gap := semialg.Simplify(semialg.Ex(R, all, semialg.And(psiF, semialg.Not(phiF))))
	var nonEmpty bool
	var point []*poly.RealAlg
	err = guarded(cctx, func(c context.Context) error {
		var e error
		nonEmpty, point, e = semialg.Witness(c, gap)
		return e
	})
	res.elapsed = time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		what := err.Error()
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, errOverrun) {
			what = fmt.Sprintf("time limit %v exceeded", b.Timeout)
		}
		res.reason = fmt.Sprintf("ALG-C: deciding whether L_I equals the weak closure {%s} of its description failed (%s); L_I = {%s}", res.weak, what, res.formula)
		return res, nil
	}
	if !nonEmpty {
		res.status = Closed
		res.description = res.weak
		return res, nil
	}
	var pt []string
	for k, x := range point {
		if x != nil && k < len(names) {
			pt = append(pt, names[k]+" = "+x.String())
		}
	}
	res.reason = fmt.Sprintf("ALG-C stage 1: L_I = {%s} is not of D9 form and differs from its weak closure {%s} (at %s, other entries arbitrary); stage 2 (is that gap in the closure of L_I?) is not implemented", res.formula, res.weak, strings.Join(pt, ", "))
	if gapA, ok := rationalPoint(point, m*n); ok && !dnfEval(terms, gapA) {
		curves := closureCurves(terms, gapA, boolProduct(s), m, n, 8)
		for _, cv := range curves {
			W, err := curveSequence(cctx, s, gapA, cv.E, 6)
			if err != nil {
				if ctx.Err() != nil {
					return res, ctx.Err()
				}
				if cctx.Err() != nil {
					break
				}
				continue
			}
			res.status = NotClosed
			res.witness = gapA
			res.seq = W
			nctx, cancel := context.WithTimeout(cctx, 5*time.Second)
			if nm, ok := fibreNullstellensatz(nctx, s, gapA); ok {
				res.nullstellensatz = nm
			}
			cancel()
			res.elapsed = time.Since(start)
			return res, nil
		}
		if len(curves) > 0 {
			cv := curves[0]
			res.reason = fmt.Sprintf("ALG-C: the stage-1 description L_I = {%s} is false at the rational A* = %s, and its term %d holds along A* + t·E for E = %s and all small t > 0, so A* ∈ cl(L_I) \\ L_I: NOT closed according to the (trusted) QE; no Laurent factor sequence with rational coefficients was found along %d such curves, so the verdict stays UNKNOWN",
				res.formula, ratMatString(gapA, m, n), cv.term+1, ratMatString(cv.E, m, n), len(curves))
		}
	}
	return res, nil
}

// weakClosure replaces every strict atom by its closure (≠ by true, < by
// ≤, > by ≥).
func weakClosure(ts []dnfTerm) []dnfTerm {
	out := make([]dnfTerm, 0, len(ts))
	for _, t := range ts {
		var nt dnfTerm
		for _, a := range t {
			r := a.rel | semialg.EQ
			if r != semialg.RelTrue {
				nt = append(nt, dnfAtom{a.key, r, a.p})
			}
		}
		out = append(out, nt)
	}
	return mergeDNF(out)
}

// errOverrun reports a computation that did not stop within
// overrunGrace after its context's deadline.
var errOverrun = errors.New("relu: ALG-C computation overran its deadline and was abandoned")

// overrunGrace is how long guarded waits past the deadline.
const overrunGrace = 2 * time.Second

// guarded runs fn with ctx and returns its error, or errOverrun when fn
// has not returned overrunGrace after ctx is done. Some semialg and poly
// loops (exact resultants inside SignAt during solution-formula
// construction) do not poll the context; an abandoned goroutine keeps
// running until that inner step finishes, but the caller gets its
// UNKNOWN verdict on time.
func guarded(ctx context.Context, fn func(context.Context) error) error {
	done := make(chan error, 1)
	go func() { done <- fn(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	select {
	case err := <-done:
		return err
	case <-time.After(overrunGrace):
		return errOverrun
	}
}

// A dnfAtom is p ρ 0 with p's canonical text as key; vals evaluates p.
type dnfAtom struct {
	key string
	rel semialg.Rel
	p   *poly.Poly
}

// A dnfTerm is a conjunction of atoms on distinct polynomials (sorted by
// key); the empty term is true.
type dnfTerm []dnfAtom

// maxDNFTerms bounds the distribution of ∧ over ∨ in toDNF.
const maxDNFTerms = 4096

// toDNF expands a quantifier-free formula made of true, false, atoms, ∧
// and ∨ into terms; polynomials must only involve the first nFree ring
// variables. ok = false for any other node, or when more than maxDNFTerms
// terms arise.
func toDNF(f *semialg.Formula, nFree int) ([]dnfTerm, bool) {
	switch f.Op() {
	case semialg.OpTrue:
		return []dnfTerm{{}}, true
	case semialg.OpFalse:
		return nil, true
	case semialg.OpAtom:
		for _, v := range f.Poly().Vars() {
			if v >= nFree {
				return nil, false
			}
		}
		if f.Rel() == semialg.RelFalse {
			return nil, true
		}
		if f.Rel() == semialg.RelTrue {
			return []dnfTerm{{}}, true
		}
		if fs := atomFactors(f.Poly()); len(fs) > 1 && (f.Rel() == semialg.EQ || f.Rel() == semialg.NE) {
			// p = c·Π f_i^{m_i}: p = 0 ⇔ ∨ f_i = 0, p ≠ 0 ⇔ ∧ f_i ≠ 0.
			if f.Rel() == semialg.EQ {
				var out []dnfTerm
				for _, g := range fs {
					out = append(out, dnfTerm{{g.String(), semialg.EQ, g}})
				}
				return out, true
			}
			t := dnfTerm{}
			for _, g := range fs {
				t = append(t, dnfAtom{g.String(), semialg.NE, g})
			}
			t, _ = conjoin(t, nil)
			return []dnfTerm{t}, true
		}
		return []dnfTerm{{{f.Poly().String(), f.Rel(), f.Poly()}}}, true
	case semialg.OpOr:
		var out []dnfTerm
		for _, g := range f.Args() {
			ts, ok := toDNF(g, nFree)
			if !ok || len(out)+len(ts) > maxDNFTerms {
				return nil, false
			}
			out = append(out, ts...)
		}
		return out, true
	case semialg.OpAnd:
		out := []dnfTerm{{}}
		for _, g := range f.Args() {
			ts, ok := toDNF(g, nFree)
			if !ok || len(out)*len(ts) > maxDNFTerms {
				return nil, false
			}
			var next []dnfTerm
			for _, a := range out {
				for _, b := range ts {
					if c, ok := conjoin(a, b); ok {
						next = append(next, c)
					}
				}
			}
			out = next
		}
		return out, true
	}
	return nil, false
}

// atomFactors returns the distinct non-constant irreducible factors of p
// (primitive, positive leading coefficient), or nil when p is not small
// (degree ≤ 2 in each variable, sum of those ≤ 6) or factoring fails
// within a short deadline.
func atomFactors(p *poly.Poly) []*poly.Poly {
	// Only small atoms are factored: the merge runs on every DNF term
	// pair, and larger atoms rarely split (poly.Factorize honours the
	// deadline either way).
	sum := 0
	for _, d := range p.Degrees() {
		if d > 2 {
			return nil
		}
		sum += d
	}
	if sum > 6 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	fs, err := poly.Factorize(ctx, p)
	if err != nil {
		return nil
	}
	var out []*poly.Poly
	for _, f := range fs {
		if len(f.Poly.Vars()) > 0 {
			out = append(out, f.Poly)
		}
	}
	return out
}

// conjoin is a ∧ b; ok = false when it is empty (contradictory atoms on
// one polynomial).
func conjoin(a, b dnfTerm) (dnfTerm, bool) {
	m := map[string]dnfAtom{}
	for _, t := range append(append(dnfTerm{}, a...), b...) {
		if old, ok := m[t.key]; ok {
			t.rel &= old.rel
		}
		m[t.key] = t
	}
	out := make(dnfTerm, 0, len(m))
	for _, t := range m {
		if t.rel == semialg.RelFalse {
			return nil, false
		}
		if t.rel != semialg.RelTrue {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(x, y int) bool { return out[x].key < out[y].key })
	return out, true
}

// implies reports whether every point of a satisfies b (atom-wise: every
// atom of b is present in a with a smaller sign condition).
func (a dnfTerm) implies(b dnfTerm) bool {
	x := 0
	for _, bt := range b {
		for x < len(a) && a[x].key < bt.key {
			x++
		}
		if x == len(a) || a[x].key != bt.key || a[x].rel&^bt.rel != 0 {
			return false
		}
	}
	return true
}

func (a dnfTerm) rel(key string) semialg.Rel {
	for _, t := range a {
		if t.key == key {
			return t.rel
		}
	}
	return semialg.RelTrue
}

// without returns a minus the atom on key.
func (a dnfTerm) without(key string) dnfTerm {
	out := make(dnfTerm, 0, len(a))
	for _, t := range a {
		if t.key != key {
			out = append(out, t)
		}
	}
	return out
}

// mergeDNF applies absorption and widening (see the file comment) until
// nothing changes.
func mergeDNF(ts []dnfTerm) []dnfTerm {
	for changed := true; changed; {
		changed = false
		// Absorption.
		keep := ts[:0:0]
		for x, a := range ts {
			dead := false
			for y, b := range ts {
				if x != y && a.implies(b) && (!b.implies(a) || y < x) {
					dead = true
					break
				}
			}
			if !dead {
				keep = append(keep, a)
			}
		}
		if len(keep) != len(ts) {
			changed = true
		}
		ts = keep
		// Widening: C1 = X ∧ (p ρ1), C2 implies X, C2's ρ2 on p not ⊇ ρ1.
		for x := range ts {
			for y := range ts {
				if x == y {
					continue
				}
				for _, at := range ts[x] {
					X := ts[x].without(at.key)
					r2 := ts[y].rel(at.key)
					if r2&at.rel == at.rel || !ts[y].without(at.key).implies(X) {
						continue
					}
					nr := r2 | at.rel
					nt := ts[y].without(at.key)
					if nr != semialg.RelTrue {
						nt = append(nt, dnfAtom{at.key, nr, at.p})
						sort.Slice(nt, func(u, v int) bool { return nt[u].key < nt[v].key })
					}
					ts[y] = nt
					changed = true
					break
				}
			}
		}
	}
	return ts
}

// dnfClosedForm reports whether every atom is =, ≤ or ≥ (D9).
func dnfClosedForm(ts []dnfTerm) bool {
	for _, t := range ts {
		for _, a := range t {
			if !a.rel.Holds(0) {
				return false
			}
		}
	}
	return true
}

// dnfString prints the terms with A_<i>_<j> names (§8.2 formula syntax:
// and, or, parentheses). The polynomials' ring names them A_i_j already.
func dnfString(ts []dnfTerm, m, n int) string {
	if len(ts) == 0 {
		return "false"
	}
	var parts []string
	for _, t := range ts {
		if len(t) == 0 {
			return "true"
		}
		var as []string
		for _, a := range t {
			as = append(as, a.p.String()+" "+relText(a.rel)+" 0")
		}
		s := strings.Join(as, " and ")
		if len(ts) > 1 && len(t) > 1 {
			s = "(" + s + ")"
		}
		parts = append(parts, s)
	}
	sort.Strings(parts)
	return strings.Join(parts, " or ")
}

func relText(r semialg.Rel) string {
	switch r {
	case semialg.NE:
		return "!="
	}
	return r.String()
}

// rationalPoint converts a witness point (nil = arbitrary, taken as 0)
// to rationals; ok = false if a coordinate is irrational.
func rationalPoint(pt []*poly.RealAlg, k int) ([]*big.Rat, bool) {
	out := make([]*big.Rat, k)
	for i := range out {
		out[i] = new(big.Rat)
		if i < len(pt) && pt[i] != nil {
			r, ok := pt[i].IsRational()
			if !ok {
				return nil, false
			}
			out[i] = r
		}
	}
	return out, true
}

// evalFree evaluates p at x (the first len(x) ring variables; the others,
// which do not occur, at 0).
func evalFree(p *poly.Poly, x []*big.Rat) *big.Rat {
	vals := make([]*big.Rat, p.Ring().NumVars())
	for i := range vals {
		vals[i] = new(big.Rat)
		if i < len(x) {
			vals[i] = x[i]
		}
	}
	return p.EvalAll(vals)
}

// dnfEval evaluates the DNF at x exactly.
func dnfEval(ts []dnfTerm, x []*big.Rat) bool {
	for _, t := range ts {
		ok := true
		for _, a := range t {
			if !a.rel.Holds(evalFree(a.p, x).Sign()) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// signNearZero returns the sign of q(t) = p(x + t·e) for all small t > 0:
// q is interpolated exactly at deg+1 points (deg bounds its degree) and
// the sign is that of its lowest non-zero coefficient (0 if q ≡ 0).
func signNearZero(p *poly.Poly, x, e []*big.Rat) int {
	deg := 0
	for _, d := range p.Degrees() {
		deg += d
	}
	ts := make([]*big.Rat, deg+1)
	vs := make([]*big.Rat, deg+1)
	for k := range ts {
		ts[k] = big.NewRat(int64(k+1), 1)
		y := make([]*big.Rat, len(x))
		for i := range y {
			y[i] = new(big.Rat).Add(x[i], new(big.Rat).Mul(ts[k], e[i]))
		}
		vs[k] = evalFree(p, y)
	}
	// Newton divided differences, then expansion to monomial coefficients.
	c := make([]*big.Rat, len(vs))
	for i := range vs {
		c[i] = new(big.Rat).Set(vs[i])
	}
	for j := 1; j < len(c); j++ {
		for i := len(c) - 1; i >= j; i-- {
			num := new(big.Rat).Sub(c[i], c[i-1])
			den := new(big.Rat).Sub(ts[i], ts[i-j])
			c[i] = num.Quo(num, den)
		}
	}
	coef := []*big.Rat{new(big.Rat).Set(c[len(c)-1])}
	for i := len(c) - 2; i >= 0; i-- {
		// coef = coef·(t − ts[i]) + c[i]
		next := make([]*big.Rat, len(coef)+1)
		for k := range next {
			next[k] = new(big.Rat)
		}
		for k, a := range coef {
			next[k+1].Add(next[k+1], a)
			next[k].Sub(next[k], new(big.Rat).Mul(a, ts[i]))
		}
		next[0].Add(next[0], c[i])
		coef = next
	}
	for _, a := range coef {
		if a.Sign() != 0 {
			return a.Sign()
		}
	}
	return 0
}

// closureCurve looks for a direction E (unit matrices on the product
// support P, then their pairwise sums) and a term of φ that holds at
// x + t·E for all small t > 0; that proves x ∈ cl({φ}).
// A curve is a direction E along which term holds at x + t·E for all
// small t > 0.
type curve struct {
	E    []*big.Rat
	term int
}

// closureCurves returns up to max directions (unit vectors and sums of two
// unit vectors on the product support P, in that order) along which some
// term of ts holds at x + t·E for all small t > 0.
func closureCurves(ts []dnfTerm, x []*big.Rat, P Mask, m, n, max int) []curve {
	var cells []int
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			if P.At(i, j) {
				cells = append(cells, i*n+j)
			}
		}
	}
	var dirs [][]*big.Rat
	unit := func(ks ...int) []*big.Rat {
		e := make([]*big.Rat, m*n)
		for i := range e {
			e[i] = new(big.Rat)
		}
		for _, k := range ks {
			e[k].SetInt64(1)
		}
		return e
	}
	for _, a := range cells {
		dirs = append(dirs, unit(a))
	}
	for x1, a := range cells {
		for _, b := range cells[x1+1:] {
			dirs = append(dirs, unit(a, b))
		}
	}
	var out []curve
	for _, e := range dirs {
		for k, t := range ts {
			ok := true
			for _, a := range t {
				if !a.rel.Holds(signNearZero(a.p, x, e)) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, curve{e, k})
				if len(out) >= max {
					return out
				}
				break
			}
		}
	}
	return out
}

func ratMatString(x []*big.Rat, m, n int) string {
	rows := make([]string, m)
	for i := 0; i < m; i++ {
		r := make([]string, n)
		for j := 0; j < n; j++ {
			r[j] = x[i*n+j].RatString()
		}
		rows[i] = "[" + strings.Join(r, ", ") + "]"
	}
	return "[" + strings.Join(rows, ", ") + "]"
}

// supportFormula is Σ(P) as a D9 formula in the entries of A: the entries
// off P are zero ("true" when P is full).
func supportFormula(P Mask) string {
	var atoms []string
	for i := 0; i < P.Rows(); i++ {
		for j := 0; j < P.Cols(); j++ {
			if !P.At(i, j) {
				atoms = append(atoms, aName(i, j)+" = 0")
			}
		}
	}
	if len(atoms) == 0 {
		return "true"
	}
	return strings.Join(atoms, " /\\ ")
}

// ontoGapSequence turns a point A* of Σ(P) \ L_I found by the surjectivity
// test (L_I full-dimensional) into a NOT_CLOSED result when both halves
// have checkable proofs: A* ∉ L_I over C (Nullstellensatz cofactors) and
// Laurent factors on the masks with product A* + t·E + O(t²) for a random
// integer direction E on P (algc_seq.go; along a generic line the
// full-dimensional L_I holds for small t, and the search looks for a
// Q(t)-rational fibre point). Anything less gives ok = false.
func ontoGapSequence(ctx context.Context, s Support, gap []*big.Rat) (algcResult, bool) {
	nctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	nm, ok := fibreNullstellensatz(nctx, s, gap)
	cancel()
	if !ok {
		return algcResult{}, false
	}
	P := boolProduct(s)
	n := P.Cols()
	// First the peeling search along random lines (Claim 9 of
	// onto_peel.go): no Gröbner basis, microseconds per line.
	prng := rand.New(rand.NewSource(int64(len(gap)) * 104729))
	// Sparse directions with a small search each come first (most
	// succeed within a few tries), then denser ones with more room.
	for try := 0; try < 72 && ctx.Err() == nil; try++ {
		density, budget := []float64{0.25, 0.15, 0.4}[try%3], 100
		if try >= 60 {
			density, budget = 0.5, 1000
		}
		E := make([]*big.Rat, len(gap))
		for x := range E {
			E[x] = new(big.Rat)
			if P.At(x/n, x%n) && prng.Float64() < density {
				E[x].SetInt64(int64(prng.Intn(5) - 2))
			}
		}
		if W, ok := peelSequence(s, gap, E, budget); ok {
			return algcResult{status: NotClosed, witness: gap, seq: W, nullstellensatz: nm,
				reason: "a point of the rank-cut hull outside L_I (hull test) that is a limit of L_I"}, true
		}
	}
	// Many short tries: the Gröbner search for a rational fibre point is
	// fast along most directions and stalls along some; sparser
	// directions give smaller systems.
	rng := rand.New(rand.NewSource(int64(len(gap)) * 7919))
	for try := 0; try < 64 && ctx.Err() == nil; try++ {
		density := []float64{1, 0.6, 0.35}[try%3]
		E := make([]*big.Rat, len(gap))
		nz := 0
		for x := range E {
			E[x] = new(big.Rat)
			if P.At(x/n, x%n) && rng.Float64() < density {
				E[x].SetInt64(int64(rng.Intn(7) - 3))
				if E[x].Sign() != 0 {
					nz++
				}
			}
		}
		if nz == 0 {
			continue
		}
		tctx, tcancel := context.WithTimeout(ctx, 300*time.Millisecond)
		W, err := curveSequence(tctx, s, gap, E, 6)
		tcancel()
		if err != nil {
			continue
		}
		return algcResult{status: NotClosed, witness: gap, seq: W, nullstellensatz: nm,
			reason: "a point of the rank-cut hull outside L_I (hull test) that is a limit of L_I"}, true
	}
	return algcResult{}, false
}
