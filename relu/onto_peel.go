package relu

// Peel covers: a QE-free proof that a whole normalised leaf lies in L_I
// (two factors), by symbolic Gaussian elimination one neuron at a time.
//
// Claim 7 (peeling). Let M(x) be an m×n matrix of polynomials in the
// leaf's free entries x, N a set of hidden neurons, and k ∈ N a neuron
// with rectangle R_k × C_k. Let (i, j) ∈ R_k × C_k be a pivot whose entry
// p = M_ij is a non-zero monomial c·x^α, and put u = M[R_k, j] (zero off
// R_k), v = M[i, C_k] (zero off C_k). Then
//
//	p·M = u vᵀ + M',  M' := p·M − u vᵀ,
//
// and u vᵀ is supported on R_k × C_k, so it is neuron k's rank-one term.
// Hence, at every x with p(x) ≠ 0: if M'(x) ∈ L_{N∖k} then M(x) ∈ L_N
// (L_N is a cone: M = (u vᵀ + M')/p, and 1/p scales the output row of
// every neuron). At the points with p(x) = 0 — some variable of α is
// zero — the substituted matrix M|_{x_l=0} is proved separately (for all
// x, which is stronger than needed). M'_ij = p·p − p·p = 0, and more
// generally row i and column j of M' vanish on R_k × C_k, so each step
// makes the matrix sparser where neuron k reached; entries off R_k × C_k
// are only scaled by p. The recursion ends with a star or group cover of
// the pattern of M' by the remaining neurons (Claims 3 and 5, which hold
// for any values of the entries, so an entry that is a non-zero
// polynomial may be treated as free) — or fails.
//
// Constant pivots divide instead of multiplying (M' = M − u vᵀ/p), which
// keeps the entries small. The search tries every order of neurons and
// every monomial pivot, with a memo of visited states and a node budget;
// failure proves nothing, and the leaf goes on to quantifier elimination.
//
// What it buys: a leaf of a 4×4 pattern whose neurons overlap has few free
// entries but usually no star cover, because one neuron must take a
// genuinely two-dimensional block; the elimination step is exactly what a
// factorisation of such a block does, so most of these leaves are proved
// in microseconds instead of one quantifier elimination per gauge branch.

import (
	"fmt"
	"math/big"
	"math/bits"
	"sort"
	"strings"
	"sync"

	"github.com/relucad/relucad/poly"
)

// peelBudget bounds the states peelCover visits per leaf.
const peelBudget = 4000

// peelCover reports whether every matrix of the leaf (kinds as in
// ontoLeaves, on the m×n product of s) is proved to lie in L_I by Claim 7.
// Only for two factors; false proves nothing.
func peelCover(s Support, leaf []int8, m, n int) bool {
	return peelProof(s, leaf, m, n, nil) != nil
}

// peelCoverCuts is peelCover for the leaf's points in the rank-cut hull:
// it proves A(x) ∈ L_I for every x satisfying the cuts (Claim 8).
//
// Claim 8 (cut substitution). Every (q+1)-minor of A[R, C] vanishes on
// the hull for a cut (R, C, q). If such a minor, as a polynomial in x, is
// a non-zero constant, no point of the leaf is in the hull; if it is
// c·x_l + g with c a non-zero constant and g free of x_l, the hull's points
// of the leaf satisfy x_l = −g/c, so it suffices to prove the substituted
// matrix for all remaining x; if it is a monomial, the hull's points have
// some variable of it zero, and each substitution x_l = 0 is proved in
// turn. The substitutions are repeated while a minor allows one, then the
// peeling search runs on the result — for all remaining x, which is
// stronger than needed, so any success is a proof.
func peelCoverCuts(s Support, leaf []int8, m, n int, cuts []rankCut) bool {
	return peelProof(s, leaf, m, n, cuts) != nil
}

// peelProof returns the proof tree of peelCover (cuts == nil) or
// peelCoverCuts, or nil. The leaf's free entries are the variables x0,
// x1, … in row-major order.
func peelProof(s Support, leaf []int8, m, n int, cuts []rankCut) *peelNode {
	if s.Depth() != 2 {
		return nil
	}
	R, M := leafPolys(leaf)
	if R == nil {
		return nil
	}
	pc := &peeler{s: s, m: m, n: n, r: s.Masks[1].Rows(), seen: map[string]bool{}, done: map[string]*peelNode{}}
	if cuts == nil {
		return pc.prove(M, (uint(1)<<pc.r)-1)
	}
	return pc.proveCuts(M, cuts, 0)
}

// leafPolys returns the leaf as a matrix of polynomials (zeros, ones and
// the variables x0, x1, … of its free entries, row-major) and their ring.
func leafPolys(leaf []int8) (*poly.Ring, []*poly.Poly) {
	var names []string
	for _, k := range leaf {
		if k == entryFree {
			names = append(names, "x"+itoa(len(names)))
		}
	}
	if len(names) == 0 {
		names = []string{"x0"}
	}
	R, err := poly.NewRing(names, poly.GRevLex)
	if err != nil {
		return nil, nil
	}
	M := make([]*poly.Poly, len(leaf))
	v := 0
	for c, k := range leaf {
		switch k {
		case entryZero:
			M[c] = R.Zero()
		case entryOne:
			M[c] = R.One()
		default:
			M[c] = R.Var(v)
			v++
		}
	}
	return R, M
}

// restricted is restrict(avail) and its spec string, remembered.
func (pc *peeler) restricted(avail uint) (Support, string) {
	if pc.subs == nil {
		pc.subs = map[uint]Support{}
		pc.specs = map[uint]string{}
	}
	if sub, ok := pc.subs[avail]; ok {
		return sub, pc.specs[avail]
	}
	sub := pc.restrict(avail)
	pc.subs[avail], pc.specs[avail] = sub, sub.String()
	return sub, pc.specs[avail]
}

type peeler struct {
	done    map[string]*peelNode // prove's finished answers (nil: fails)
	subs    map[uint]Support
	specs   map[uint]string
	s       Support
	m, n, r int
	nodes   int
	seen    map[string]bool // states already shown to fail
}

func (pc *peeler) key(M []*poly.Poly, avail uint) string {
	var b strings.Builder
	b.WriteString(itoa(int(avail)))
	for _, p := range M {
		b.WriteByte('|')
		if !p.IsZero() {
			b.WriteString(p.String())
		}
	}
	return b.String()
}

// prove reports whether M(x) ∈ L_avail for every x (avail: the neurons
// still unused, as a bit set).
func (pc *peeler) prove(M []*poly.Poly, avail uint) *peelNode {
	// Shallow probes first (one or two constant pivots, no zero cases),
	// then the full depth-first search: most proofs are shallow, and the
	// depth-first search would first exhaust deep failing branches. Results are remembered per state (the zero cases of
	// pivots meet the same states again at every depth).
	key := pc.key(M, avail)
	if nd, ok := pc.done[key]; ok {
		return nd
	}
	full := bits.OnesCount(avail)
	for _, d := range []int{1, 2, full} {
		if d > full {
			continue
		}
		if nd := pc.proveDepth(M, avail, d, d < full); nd != nil {
			pc.done[key] = nd
			return nd
		}
		if pc.nodes > peelBudget {
			return nil
		}
	}
	pc.done[key] = nil
	return nil
}

// proveDepth is prove with at most depth pivot steps on the residual
// (the zero cases of a pivot are proved by prove, with their own
// deepening).
func (pc *peeler) proveDepth(M []*poly.Poly, avail uint, depth int, constOnly bool) *peelNode {
	if pc.nodes++; pc.nodes > peelBudget {
		return nil
	}
	W2, W1 := pc.s.Masks[0], pc.s.Masks[1]
	in := func(k, i, j int) bool { return avail>>k&1 == 1 && W2.At(i, k) && W1.At(k, j) }
	kinds := make([]int8, len(M))
	for c, p := range M {
		switch {
		case p.IsZero():
			kinds[c] = entryZero
			continue
		case p.IsOne():
			kinds[c] = entryOne
		default:
			kinds[c] = entryFree
		}
		reach := false
		for k := 0; k < pc.r && !reach; k++ {
			reach = in(k, c/pc.n, c%pc.n)
		}
		if !reach {
			return nil
		}
	}
	if sub, spec := pc.restricted(avail); coverableKeyed(spec, sub, kinds, pc.m, pc.n) {
		return &peelNode{kind: peelByCover, avail: avail, kinds: kinds}
	}
	if depth == 0 {
		return nil
	}
	key := itoa(depth) + "/" + pc.key(M, avail)
	if constOnly {
		key = "c" + key
	}
	if pc.seen[key] {
		return nil
	}
	pc.seen[key] = true
	// Pivots: entries that fewer of the remaining neurons reach first (an
	// entry only neuron k reaches must be produced by k — the
	// most-constrained-first rule of backtracking search), then the
	// cheapest: constants (no zero case), monomials (one zero case per
	// variable), entries linear in some variable with a constant
	// coefficient (one zero case, by substitution).
	reach := make([]int, len(M))
	for c := range M {
		for k := 0; k < pc.r; k++ {
			if in(k, c/pc.n, c%pc.n) {
				reach[c]++
			}
		}
	}
	type cand struct{ k, i, j, cost int }
	var cands []cand
	for k := 0; k < pc.r; k++ {
		if avail>>k&1 == 0 {
			continue
		}
		for i := 0; i < pc.m; i++ {
			if !W2.At(i, k) {
				continue
			}
			for j := 0; j < pc.n; j++ {
				p := M[i*pc.n+j]
				if !W1.At(k, j) || p.IsZero() {
					continue
				}
				pri := 8 * reach[i*pc.n+j]
				switch {
				case constOnly && !p.IsConst():
				case p.IsConst():
					cands = append(cands, cand{k, i, j, pri})
				case p.NumTerms() == 1:
					cands = append(cands, cand{k, i, j, pri + 1 + len(p.Vars())})
				case linearVar(p) >= 0:
					cands = append(cands, cand{k, i, j, pri + 6})
				}
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].cost < cands[b].cost })
	for _, c := range cands {
		if nd := pc.pivot(M, avail, c.k, c.i, c.j, depth, constOnly); nd != nil {
			return nd
		}
		if pc.nodes > peelBudget {
			return nil
		}
	}
	return nil
}

// linearVar returns a variable in which p has degree one with a constant
// coefficient (p = c·x_l + q, q free of x_l), or −1.
func linearVar(p *poly.Poly) int {
	for _, l := range p.Vars() {
		if p.Degree(l) != 1 {
			continue
		}
		if lc := p.CoeffIn(l, 1); lc.IsConst() {
			return l
		}
	}
	return -1
}

// pivot performs one step of Claim 7 on neuron k at (i, j) and recurses.
func (pc *peeler) pivot(M []*poly.Poly, avail uint, k, i, j, depth int, constOnly bool) *peelNode {
	W2, W1 := pc.s.Masks[0], pc.s.Masks[1]
	n := pc.n
	p := M[i*n+j]
	nd := &peelNode{kind: peelByPivot, k: k, i: i, j: j, p: p}
	// Points where the pivot vanishes: prove the substituted matrix.
	switch {
	case p.IsConst():
	case p.NumTerms() == 1:
		for _, l := range p.Vars() {
			ch := pc.prove(substZero(M, l), avail)
			if ch == nil {
				return nil
			}
			nd.zero = append(nd.zero, ch)
			nd.zeroVar = append(nd.zeroVar, l)
		}
	default:
		// p = c·x_l + q: p = 0 ⇔ x_l = −q/c.
		l, sol := linearSolve(p)
		ch := pc.prove(substPoly(M, l, sol), avail)
		if ch == nil {
			return nil
		}
		nd.zero, nd.linVar, nd.linSol = []*peelNode{ch}, l, sol
	}
	N := make([]*poly.Poly, len(M))
	constant := p.IsConst()
	inv := new(big.Rat)
	if constant {
		inv.Inv(p.ConstCoeff())
	}
	for a := 0; a < pc.m; a++ {
		for b := 0; b < n; b++ {
			q := M[a*n+b]
			if !constant {
				q = q.Mul(p)
			}
			if W2.At(a, k) && W1.At(k, b) {
				uv := M[a*n+j].Mul(M[i*n+b])
				if constant {
					uv = uv.ScaleRat(inv)
				}
				q = q.Sub(uv)
			}
			N[a*n+b] = q
		}
	}
	if nd.next = pc.proveDepth(N, avail&^(1<<k), depth-1, constOnly); nd.next == nil {
		return nil
	}
	return nd
}

// restrict returns s with the neurons outside avail emptied.
func (pc *peeler) restrict(avail uint) Support {
	W2, W1 := pc.s.Masks[0], pc.s.Masks[1]
	for k := 0; k < pc.r; k++ {
		if avail>>k&1 == 1 {
			continue
		}
		for i := 0; i < W2.Rows(); i++ {
			W2 = W2.With(i, k, false)
		}
		for j := 0; j < W1.Cols(); j++ {
			W1 = W1.With(k, j, false)
		}
	}
	return Support{Masks: []Mask{W2, W1}}
}

// peelSequence looks for a factor sequence to the point A0 (row-major m×n)
// along the line A(t) = A0 + t·E, by the peeling of Claim 7 over Q[t]
// (two factors only):
//
// Claim 9. If p_0 M_0 = u_0 v_0ᵀ + M_1, …, p_{s−1} M_{s−1} = u_{s−1}
// v_{s−1}ᵀ + M_s with M_0 = A(t), each u_i v_iᵀ supported on the rectangle
// of a distinct neuron k_i, each p_i a non-zero polynomial, and M_s =
// Σ_g a_g b_gᵀ a cover by the remaining neurons (Claims 3 and 5), then
// with S = p_0⋯p_{s−1},
//
//	S·A(t) = Σ_i u_i v_iᵀ·(p_{i+1}⋯p_{s−1}) + Σ_g a_g b_gᵀ,
//
// a product W2(t)·W1(t) of polynomial factors on the masks. Writing S =
// t^K·U(t) with U(0) ≠ 0 and dividing W2 by t^K·U(0) gives Laurent factors
// whose product (U(t)/U(0))·A(t) tends to A0 as t → 0⁺. Unlike Claim 7
// no pivot needs a zero case: a non-zero polynomial has no zero on some
// interval (0, ε). The caller checks the product (seqLimitIs); nothing is
// claimed from a failure.
func peelSequence(s Support, A0, E []*big.Rat, budget int) ([]LaurentMatrix, bool) {
	if s.Depth() != 2 {
		return nil, false
	}
	W2m, W1m := s.Masks[0], s.Masks[1]
	m, r, n := W2m.Rows(), W1m.Rows(), W1m.Cols()
	M := make([]Laurent, m*n)
	for c := range M {
		M[c] = LaurentConst(A0[c]).Add(LaurentMonomial(E[c], 1))
	}
	type step struct {
		k    int
		u, v []Laurent // u on rows (length m), v on columns (length n)
		p    Laurent
	}
	var steps []step
	var cover [][2][]Laurent // per neuron: u, v of the final cover (nil: unused)
	nodes := 0
	seen := map[string]bool{}
	var rec func(M []Laurent, avail uint) bool
	rec = func(M []Laurent, avail uint) bool {
		if nodes++; nodes > budget {
			return false
		}
		kinds := make([]int8, len(M))
		for c, p := range M {
			switch {
			case p.IsZero():
				kinds[c] = entryZero
			case p.Equal(LaurentInt(1)):
				kinds[c] = entryOne
			default:
				kinds[c] = entryFree
			}
		}
		if sub := (&peeler{s: s, m: m, n: n, r: r}).restrict(avail); coverable(sub, kinds, m, n) {
			if c := peelCoverFactors(sub, kinds, M, m, n, r); c != nil {
				cover = c
				return true
			}
		}
		var key strings.Builder
		key.WriteString(itoa(int(avail)))
		for _, p := range M {
			key.WriteByte('|')
			key.WriteString(p.String())
		}
		if seen[key.String()] {
			return false
		}
		seen[key.String()] = true
		type cand struct{ k, i, j, cost int }
		var cands []cand
		for k := 0; k < r; k++ {
			if avail>>k&1 == 0 {
				continue
			}
			for i := 0; i < m; i++ {
				if !W2m.At(i, k) {
					continue
				}
				for j := 0; j < n; j++ {
					p := M[i*n+j]
					if !W1m.At(k, j) || p.IsZero() {
						continue
					}
					v, _ := p.Valuation()
					d, _ := p.Degree()
					cands = append(cands, cand{k, i, j, 4*v + (d - v)})
				}
			}
		}
		sort.SliceStable(cands, func(a, b int) bool { return cands[a].cost < cands[b].cost })
		for _, c := range cands {
			p := M[c.i*n+c.j]
			u := make([]Laurent, m)
			v := make([]Laurent, n)
			for a := 0; a < m; a++ {
				if W2m.At(a, c.k) {
					u[a] = M[a*n+c.j]
				}
			}
			for b := 0; b < n; b++ {
				if W1m.At(c.k, b) {
					v[b] = M[c.i*n+b]
				}
			}
			N := make([]Laurent, len(M))
			for a := 0; a < m; a++ {
				for b := 0; b < n; b++ {
					q := M[a*n+b].Mul(p)
					if W2m.At(a, c.k) && W1m.At(c.k, b) {
						q = q.Sub(u[a].Mul(v[b]))
					}
					N[a*n+b] = q
				}
			}
			steps = append(steps, step{c.k, u, v, p})
			if rec(N, avail&^(1<<c.k)) {
				return true
			}
			steps = steps[:len(steps)-1]
			if nodes > budget {
				return false
			}
		}
		return false
	}
	if !rec(M, (uint(1)<<r)-1) {
		return nil, false
	}
	W2 := NewLaurentMatrix(m, r)
	W1 := NewLaurentMatrix(r, n)
	S := LaurentInt(1)
	for _, st := range steps {
		S = S.Mul(st.p)
	}
	for x, st := range steps {
		tail := LaurentInt(1)
		for _, later := range steps[x+1:] {
			tail = tail.Mul(later.p)
		}
		for a := 0; a < m; a++ {
			if !st.u[a].IsZero() {
				W2[a][st.k] = st.u[a].Mul(tail)
			}
		}
		for b := 0; b < n; b++ {
			if !st.v[b].IsZero() {
				W1[st.k][b] = st.v[b]
			}
		}
	}
	for k, uv := range cover {
		if uv[0] == nil {
			continue
		}
		for a := 0; a < m; a++ {
			W2[a][k] = uv[0][a]
		}
		for b := 0; b < n; b++ {
			W1[k][b] = uv[1][b]
		}
	}
	K, ok := S.Valuation()
	if !ok {
		return nil, false
	}
	inv := new(big.Rat).Inv(S.Coef(K))
	scale := LaurentMonomial(inv, -K)
	for a := 0; a < m; a++ {
		for k := 0; k < r; k++ {
			W2[a][k] = W2[a][k].Mul(scale)
		}
	}
	// Factors in the order of algcResult.seq: W1 first.
	W := []LaurentMatrix{W1, W2}
	if !seqLimitIs(W, A0) {
		return nil, false
	}
	return W, true
}

// peelCoverFactors turns a star or group cover of the pattern kinds of M
// (Claims 3 and 5) into explicit rank-one terms: per neuron k, u (length
// m) and v (length n) with Σ_k u vᵀ = M, or nil when neither cover is
// found. Zero Laurent entries are the zero value.
func peelCoverFactors(s Support, kinds []int8, M []Laurent, m, n, r int) [][2][]Laurent {
	out := make([][2][]Laurent, r)
	newUV := func() [2][]Laurent { return [2][]Laurent{make([]Laurent, m), make([]Laurent, n)} }
	if sc := starCover(s, kinds, m, n); sc != nil {
		for k, cells := range sc {
			if len(cells) == 0 {
				continue
			}
			uv := newUV()
			sameRow, sameCol := true, true
			for _, c := range cells {
				sameRow = sameRow && c/n == cells[0]/n
				sameCol = sameCol && c%n == cells[0]%n
			}
			switch {
			case sameRow:
				uv[0][cells[0]/n] = LaurentInt(1)
				for _, c := range cells {
					uv[1][c%n] = M[c]
				}
			case sameCol:
				uv[1][cells[0]%n] = LaurentInt(1)
				for _, c := range cells {
					uv[0][c/n] = M[c]
				}
			default: // a rectangle of ones
				for _, c := range cells {
					uv[0][c/n] = LaurentInt(1)
					uv[1][c%n] = LaurentInt(1)
				}
			}
			out[k] = uv
		}
		return out
	}
	gc := groupCover(s, kinds, m, n)
	if gc == nil {
		return nil
	}
	for _, g := range gc {
		rows, cols := map[int]bool{}, map[int]bool{}
		for _, c := range g.cells {
			rows[c/n], cols[c%n] = true, true
		}
		byRow := len(rows) <= len(g.neurons)
		var lines []int
		if byRow {
			for i := range rows {
				lines = append(lines, i)
			}
		} else {
			for j := range cols {
				lines = append(lines, j)
			}
		}
		sort.Ints(lines)
		for x, line := range lines {
			uv := newUV()
			if byRow {
				uv[0][line] = LaurentInt(1)
			} else {
				uv[1][line] = LaurentInt(1)
			}
			for _, c := range g.cells {
				if byRow && c/n == line {
					uv[1][c%n] = M[c]
				}
				if !byRow && c%n == line {
					uv[0][c/n] = M[c]
				}
			}
			out[g.neurons[x]] = uv
		}
	}
	return out
}

// coverable reports whether starCover or groupCover finds a cover of the
// leaf pattern (kinds) for s. The answer depends only on s and the kinds,
// both in the key, and is remembered (positive and negative) in a bounded
// process-wide table: the peeling search and the case tree ask the same
// small questions many times.
func coverable(s Support, kinds []int8, m, n int) bool {
	return coverableKeyed(s.String(), s, kinds, m, n)
}

// coverableKeyed is coverable with s.String() given.
func coverableKeyed(spec string, s Support, kinds []int8, m, n int) bool {
	var b strings.Builder
	b.WriteString(spec)
	b.WriteByte('|')
	for _, k := range kinds {
		b.WriteByte(byte('0' + k))
	}
	key := b.String()
	coverMemo.mu.Lock()
	v, ok := coverMemo.m[key]
	coverMemo.mu.Unlock()
	if ok {
		return v
	}
	v = starCover(s, kinds, m, n) != nil || groupCover(s, kinds, m, n) != nil
	coverMemo.mu.Lock()
	if coverMemo.m == nil || len(coverMemo.m) >= 1<<20 {
		coverMemo.m = map[string]bool{}
	}
	coverMemo.m[key] = v
	coverMemo.mu.Unlock()
	return v
}

var coverMemo struct {
	mu sync.Mutex
	m  map[string]bool
}

// A peelNode is a proof found by the peeling search, kept so that it can
// be replayed at a rational point (peelReplay): the factors it builds are
// then multiplied back exactly, which is how the tests check Claims 7
// and 8 without trusting the search.
type peelNode struct {
	kind  peelKind
	avail uint   // peelByCover: the neurons of the cover
	kinds []int8 // peelByCover: the pattern covered
	// peelByPivot: neuron k at (i, j) with pivot entry p; zero holds the
	// proofs of the points where p vanishes (one per variable of a
	// monomial p, in zeroVar; one for a linear p, x_linVar = linSol), next
	// the proof of the residual.
	k, i, j int
	p       *poly.Poly
	zero    []*peelNode
	zeroVar []int
	linVar  int
	linSol  *poly.Poly
	next    *peelNode
}

type peelKind int8

const (
	peelByCover  peelKind = iota
	peelByPivot           // neuron k takes a rank-one term at the pivot
	peelCutEmpty          // a cut minor is a non-zero constant: no hull point
	peelCutMono           // a cut minor is a monomial: zero holds one proof per variable
	peelCutLin            // a cut minor is linear in x_linVar: next is the substituted proof
)

// proveCuts applies Claim 8 to M and then the peeling search.
func (pc *peeler) proveCuts(M []*poly.Poly, cuts []rankCut, depth int) *peelNode {
	if depth > 2*len(M) || pc.nodes > peelBudget {
		return nil
	}
	for _, c := range cuts {
		if min(len(c.rows), len(c.cols)) <= c.q {
			continue
		}
		var found *poly.Poly
		forSubsets(len(c.rows), c.q+1, func(rs []int) bool {
			if len(rs) != c.q+1 {
				return true
			}
			forSubsets(len(c.cols), c.q+1, func(cs []int) bool {
				if len(cs) != c.q+1 {
					return true
				}
				B := make([][]*poly.Poly, len(rs))
				for a, ri := range rs {
					B[a] = make([]*poly.Poly, len(cs))
					for b, ci := range cs {
						B[a][b] = M[c.rows[ri]*pc.n+c.cols[ci]]
					}
				}
				d := polyDet(B)
				if d.IsZero() {
					return true
				}
				if d.IsConst() || d.NumTerms() == 1 || linearVar(d) >= 0 {
					found = d
					return false
				}
				return true
			})
			return found == nil
		})
		if found == nil {
			continue
		}
		switch {
		case found.IsConst():
			return &peelNode{kind: peelCutEmpty}
		case found.NumTerms() == 1:
			nd := &peelNode{kind: peelCutMono}
			for _, l := range found.Vars() {
				ch := pc.proveCuts(substZero(M, l), cuts, depth+1)
				if ch == nil {
					return nil
				}
				nd.zero = append(nd.zero, ch)
				nd.zeroVar = append(nd.zeroVar, l)
			}
			return nd
		default:
			l, sol := linearSolve(found)
			ch := pc.proveCuts(substPoly(M, l, sol), cuts, depth+1)
			if ch == nil {
				return nil
			}
			return &peelNode{kind: peelCutLin, linVar: l, linSol: sol, next: ch}
		}
	}
	return pc.prove(M, (uint(1)<<pc.r)-1)
}

// substZero returns M with x_l = 0.
func substZero(M []*poly.Poly, l int) []*poly.Poly {
	Z := make([]*poly.Poly, len(M))
	for a, e := range M {
		Z[a] = e.Eval(l, new(big.Rat))
	}
	return Z
}

// substPoly returns M with x_l = sol.
func substPoly(M []*poly.Poly, l int, sol *poly.Poly) []*poly.Poly {
	Z := make([]*poly.Poly, len(M))
	for a, e := range M {
		Z[a] = e.Subst(l, sol)
	}
	return Z
}

// linearSolve writes p = c·x_l + q (linearVar) as its zero set x_l = −q/c.
func linearSolve(p *poly.Poly) (int, *poly.Poly) {
	l := linearVar(p)
	c := p.CoeffIn(l, 1).ConstCoeff()
	return l, p.CoeffIn(l, 0).ScaleRat(new(big.Rat).Neg(new(big.Rat).Inv(c)))
}

// polyDet is the determinant of a small square matrix of polynomials
// (Laplace expansion along the first row).
func polyDet(B [][]*poly.Poly) *poly.Poly {
	k := len(B)
	if k == 1 {
		return B[0][0]
	}
	var acc *poly.Poly
	for b := 0; b < k; b++ {
		if B[0][b].IsZero() {
			continue
		}
		minor := make([][]*poly.Poly, k-1)
		for a := 1; a < k; a++ {
			row := make([]*poly.Poly, 0, k-1)
			row = append(row, B[a][:b]...)
			row = append(row, B[a][b+1:]...)
			minor[a-1] = row
		}
		t := B[0][b].Mul(polyDet(minor))
		if b%2 == 1 {
			t = t.Neg()
		}
		if acc == nil {
			acc = t
		} else {
			acc = acc.Add(t)
		}
	}
	if acc == nil {
		return B[0][0].Sub(B[0][0])
	}
	return acc
}

// peelReplay builds, from a proof tree of peelProof and a rational point x
// of the leaf's free entries (in the hull, for a proof with cuts), factors
// W2 (m×r) and W1 (r×n) on the masks of s with W2·W1 = A(x): each pivot
// step is the rank-one term of Claim 7 evaluated at x (or, where the
// pivot vanishes at x, the proof of that case), each cover the explicit
// factorisation of Claims 3 and 5. It fails only when x violates a cut
// the proof relied on. The tests multiply the factors back.
func peelReplay(s Support, leaf []int8, nd *peelNode, x []*big.Rat) (W2, W1 [][]*big.Rat, err error) {
	m, n, r := s.Masks[0].Rows(), s.Masks[1].Cols(), s.Masks[1].Rows()
	_, M := leafPolys(leaf)
	N := make([]*big.Rat, len(M))
	pad := x
	if len(pad) == 0 {
		pad = []*big.Rat{new(big.Rat)}
	}
	for c, p := range M {
		N[c] = p.EvalAll(pad)
	}
	W2 = make([][]*big.Rat, m)
	for a := range W2 {
		W2[a] = make([]*big.Rat, r)
		for k := range W2[a] {
			W2[a][k] = new(big.Rat)
		}
	}
	W1 = make([][]*big.Rat, r)
	for k := range W1 {
		W1[k] = make([]*big.Rat, n)
		for b := range W1[k] {
			W1[k][b] = new(big.Rat)
		}
	}
	pc := &peeler{s: s, m: m, n: n, r: r}
	err = pc.replay(nd, pad, N, big.NewRat(1, 1), W2, W1)
	return W2, W1, err
}

// replay is peelReplay's walk: the target is N/c.
func (pc *peeler) replay(nd *peelNode, x, N []*big.Rat, c *big.Rat, W2, W1 [][]*big.Rat) error {
	m, n := pc.m, pc.n
	switch nd.kind {
	case peelCutEmpty:
		return fmt.Errorf("relu: peel replay: the point violates a rank cut")
	case peelCutMono:
		for z, l := range nd.zeroVar {
			if x[l].Sign() == 0 {
				return pc.replay(nd.zero[z], x, N, c, W2, W1)
			}
		}
		return fmt.Errorf("relu: peel replay: the point violates a rank cut (monomial minor)")
	case peelCutLin:
		if x[nd.linVar].Cmp(nd.linSol.EvalAll(x)) != 0 {
			return fmt.Errorf("relu: peel replay: the point violates a rank cut (linear minor)")
		}
		return pc.replay(nd.next, x, N, c, W2, W1)
	case peelByPivot:
		pv := nd.p.EvalAll(x)
		if pv.Sign() == 0 {
			if nd.linSol != nil {
				return pc.replay(nd.zero[0], x, N, c, W2, W1)
			}
			for z, l := range nd.zeroVar {
				if x[l].Sign() == 0 {
					return pc.replay(nd.zero[z], x, N, c, W2, W1)
				}
			}
			return fmt.Errorf("relu: peel replay: pivot vanishes with no zero variable")
		}
		S2, S1 := pc.s.Masks[0], pc.s.Masks[1]
		// Neuron k's term is u vᵀ/(pv·c); the next target is N'/c'.
		den := new(big.Rat).Mul(pv, c)
		for a := 0; a < m; a++ {
			if S2.At(a, nd.k) {
				W2[a][nd.k] = new(big.Rat).Set(N[a*n+nd.j])
			}
		}
		for b := 0; b < n; b++ {
			if S1.At(nd.k, b) {
				W1[nd.k][b] = new(big.Rat).Quo(N[nd.i*n+b], den)
			}
		}
		constant := nd.p.IsConst()
		N2 := make([]*big.Rat, len(N))
		for a := 0; a < m; a++ {
			for b := 0; b < n; b++ {
				q := new(big.Rat).Set(N[a*n+b])
				if !constant {
					q.Mul(q, pv)
				}
				if S2.At(a, nd.k) && S1.At(nd.k, b) {
					uv := new(big.Rat).Mul(N[a*n+nd.j], N[nd.i*n+b])
					if constant {
						uv.Quo(uv, pv)
					}
					q.Sub(q, uv)
				}
				N2[a*n+b] = q
			}
		}
		c2 := c
		if !constant {
			c2 = den
		}
		return pc.replay(nd.next, x, N2, c2, W2, W1)
	case peelByCover:
		sub := pc.restrict(nd.avail)
		T := make([]*big.Rat, len(N))
		for a := range N {
			T[a] = new(big.Rat).Quo(N[a], c)
		}
		if sc := starCover(sub, nd.kinds, m, n); sc != nil {
			for k, cells := range sc {
				if len(cells) == 0 {
					continue
				}
				sameRow, sameCol := true, true
				for _, e := range cells {
					sameRow = sameRow && e/n == cells[0]/n
					sameCol = sameCol && e%n == cells[0]%n
				}
				for _, e := range cells {
					switch {
					case sameRow:
						W2[e/n][k] = big.NewRat(1, 1)
						W1[k][e%n] = T[e]
					case sameCol:
						W2[e/n][k] = T[e]
						W1[k][e%n] = big.NewRat(1, 1)
					default: // ones: N = 1 there, T = 1/c
						W2[e/n][k] = new(big.Rat).Inv(c)
						W1[k][e%n] = big.NewRat(1, 1)
					}
				}
			}
			return nil
		}
		gc := groupCover(sub, nd.kinds, m, n)
		if gc == nil {
			return fmt.Errorf("relu: peel replay: cover not found again")
		}
		for _, g := range gc {
			rows, cols := map[int]bool{}, map[int]bool{}
			for _, e := range g.cells {
				rows[e/n], cols[e%n] = true, true
			}
			byRow := len(rows) <= len(g.neurons)
			var lines []int
			for l := range rows {
				if byRow {
					lines = append(lines, l)
				}
			}
			for l := range cols {
				if !byRow {
					lines = append(lines, l)
				}
			}
			sort.Ints(lines)
			for z, line := range lines {
				k := g.neurons[z]
				if byRow {
					W2[line][k] = big.NewRat(1, 1)
				} else {
					W1[k][line] = big.NewRat(1, 1)
				}
				for _, e := range g.cells {
					if byRow && e/n == line {
						W1[k][e%n] = T[e]
					}
					if !byRow && e%n == line {
						W2[e/n][k] = T[e]
					}
				}
			}
		}
		return nil
	}
	return fmt.Errorf("relu: peel replay: unknown node")
}
