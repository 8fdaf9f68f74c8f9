package relu

// The structural closedness analyzer (MATH.md ALG-A, ALG-B, D2–D5, E12).
//
// Setting. For two factors, L_I = Σ_k 𝓡_1(S_k): the Minkowski sum over
// hidden neurons k of the rank-≤1 matrices supported on the rectangle
// S_k = R_k × C_k (R_k = rows of column k of I_2, C_k = columns of row k of
// I_1). Dead neurons (R_k or C_k empty) contribute only 0 and are dropped.
//
// Components. Call two neurons adjacent when their rectangles share a
// cell, and let U_g be the union of the rectangles of a connected
// component g. The U_g are pairwise disjoint, each summand 𝓡_1(S_k) lives
// in the coordinates U_g of its component, so L_I = Π_g L_g is a product
// of sets on disjoint coordinate subspaces (L_g the counterpart of the
// neurons of g). A product of non-empty sets is closed iff every factor is;
// a witness A_g ∈ cl(L_g) \ L_g extended by zero lies in cl(L_I) \ L_I
// because the projection of L_I onto U_g is L_g. So each component is
// decided on its own.
//
// Per component, in order:
//
//	rank1  one neuron: 𝓡_1(S_k), a determinantal set, closed.
//	alg_b  two neurons: the exact rule D5 (ALG-B). Not closed in three
//	       patterns (local LU; E6 2×3; its transpose), closed otherwise
//	       with L = {supp ⊆ S1∪S2, rank ≤ 2, rank A[S1\S2] ≤ 1,
//	       rank A[S2\S1] ≤ 1}.
//	d3     the component's rows and columns fit in a 2×2 block B: the
//	       exact classification D3 (closed unless exactly one neuron covers
//	       B and all others meet B in one and the same cell — then LU).
//	c1/c2  D4: complete classes (μ_P ≥ min(|R_P|,|C_P|)) give the subspace
//	       on T = ∪ S_P; if every non-complete class has a rectangular
//	       residue S_P \ T and the residues are disjoint, L = {supp ⊆ ∪S_k,
//	       rank A[residue_P] ≤ μ_P}. "dense" when all masks are full (S8).
//
// When some component is not decided, the hereditary detectors (D2) scan
// every 2×2 block for the local-LU configuration (S5, exact on 2×2 by D3)
// and every 2×3 / 3×2 block met by exactly two neurons for a non-closed
// ALG-B verdict on the restricted rectangles. Their blocks lie inside one
// or two rectangles of a single component, so no other neuron meets them.
//
// Depth L ≥ 3 (E12 generalised). If every row of I_ℓ has at most one 1
// (each neuron of layer ℓ reads one input), then {W_{ℓ+1}W_ℓ} is exactly
// Σ(I_{ℓ+1}·I_ℓ) (Boolean product): column j of the product is a sum of
// columns of W_{ℓ+1}, each used for column j only, scaled by free
// weights, so any matrix on the product pattern is reached by copying its
// entries into W_{ℓ+1} and setting W_ℓ to the pattern. Symmetrically if
// every column of I_{ℓ+1} has at most one 1. Merging the two factors does
// not change L_I; the identity mask (E12) is the special case. Hidden
// neurons with an empty row in I_ℓ or an empty column in I_{ℓ+1} carry
// nothing and are zeroed first. The analysis merges until two factors
// remain; sequences are lifted back through the merges.
//
// Non-membership certificates. For the local LU block with cells
// o = (i_o,j_o), (i_o,j_c), (i_c,j_o), c = (i_c,j_c) and full neuron k
// (x = W2[:,k], y = W1[k,:]), the witness has A[o] = 0 and 1 on the two
// off-diagonal cells, and only neuron k meets those three cells, so
//
//	x_c y_c·(x_o y_o) − x_c y_o·(x_o y_c − 1) − (x_c y_o − 1) = 1
//
// (MATH.md §8.3) is a Nullstellensatz certificate over the block entries.
// For the E6 block with rows i1,i2, columns j1,j2,j3, neuron a (column u,
// row entries v1,v2) and neuron b (column w, row entries z2,z3):
// u2 = u1·f21 − u2·f11 and w2 = w1·f23 − w2·f13 lie in the ideal, hence
// 1 = −f22 + v2·(u1 f21 − u2 f11) + z2·(w1 f23 − w2 f13). The 3×2 case is
// the transpose.

import (
	"context"
	"fmt"
	"math/bits"
	"sort"
	"strings"
)

// Status is a closedness verdict.
type Status int

// The three verdicts. Unknown is never a guess: it means no theorem or
// detector applied.
const (
	Unknown Status = iota
	Closed
	NotClosed
)

// String returns "closed", "not_closed" or "unknown" (the JSON verdicts).
func (s Status) String() string {
	switch s {
	case Closed:
		return "closed"
	case NotClosed:
		return "not_closed"
	}
	return "unknown"
}

// A Verdict is the answer of Closedness: the status, and the certificate
// (always non-nil; for Unknown it carries the reason).
type Verdict struct {
	Status Status
	Cert   *Certificate
}

// MarshalJSON encodes the certificate.
func (v Verdict) MarshalJSON() ([]byte, error) {
	if v.Cert == nil {
		return []byte(`{"verdict":"` + v.Status.String() + `"}`), nil
	}
	return v.Cert.MarshalJSON()
}

type bitset uint64

func (b bitset) has(i int) bool { return b>>uint(i)&1 == 1 }
func (b bitset) count() int     { return bits.OnesCount64(uint64(b)) }
func (b bitset) list() []int {
	var out []int
	for x := uint64(b); x != 0; x &= x - 1 {
		out = append(out, bits.TrailingZeros64(x))
	}
	return out
}
func (b bitset) first() int { return bits.TrailingZeros64(uint64(b)) }

// A neuron of a two-factor support: hidden index k (0-based) and its
// rank-one support R × C.
type neuron struct {
	k    int
	R, C bitset
}

func (a neuron) meets(b neuron) bool { return a.R&b.R != 0 && a.C&b.C != 0 }

// twoFactor is the two-factor view used by the analysis.
type twoFactor struct {
	m, r, n int
	neurons []neuron // live neurons only
	full    bool     // both masks full (for the "dense" label)
}

func newTwoFactor(I2, I1 Mask) twoFactor {
	tf := twoFactor{m: I2.rows, r: I2.cols, n: I1.cols, full: I2.IsFull() && I1.IsFull()}
	for k := 0; k < tf.r; k++ {
		var R, C bitset
		for i := 0; i < tf.m; i++ {
			if I2.At(i, k) {
				R |= 1 << uint(i)
			}
		}
		for j := 0; j < tf.n; j++ {
			if I1.At(k, j) {
				C |= 1 << uint(j)
			}
		}
		if R != 0 && C != 0 {
			tf.neurons = append(tf.neurons, neuron{k: k, R: R, C: C})
		}
	}
	return tf
}

// varRef names a weight of the two-factor support: factor 2 (W2) or 1.
type varRef struct{ f, i, j int }

// monoTerm is ±(product of weights); an empty product is the constant.
type monoTerm struct {
	sign int
	vars []varRef
}

// tfNotClosed is a non-closedness certificate on the two-factor support.
type tfNotClosed struct {
	ones      [][2]int           // cells where the 0/1 witness is 1
	w2, w1    map[[2]int]Laurent // sparse sequence entries
	rows      []int              // block rows in equation order
	cols      []int
	blockType string
	theorem   string
	cofactors []monoTerm // row-major over rows × cols; zero term = sign 0
	detector  string
}

// tfClosedPart is one component's closedness argument.
type tfClosedPart struct {
	method  string
	neurons []int // hidden indices
	conds   []RankCondition
}

type tfResult struct {
	status  Status
	reason  string
	residue []ResidueStep // absorbing sets of each residue reduction applied (closed only)
	parts   []tfClosedPart
	nc      *tfNotClosed
}

// RankCondition is "rank A[Rows, Cols] ≤ MaxRank" (1-based indices),
// where the cells listed in Zeroed (1-based (row, col) pairs inside the
// block) are replaced by 0 before taking the rank. Zeroed cells arise from
// the complete-class residue reduction: they lie in the rectangles of
// complete classes, which absorb any value there (MATH.md D4).
type RankCondition struct {
	Rows    []int    `json:"rows"`
	Cols    []int    `json:"cols"`
	MaxRank int      `json:"max_rank"`
	Zeroed  [][2]int `json:"zeroed,omitempty"`
}

// String renders the condition for humans.
func (c RankCondition) String() string {
	if len(c.Zeroed) > 0 {
		return fmt.Sprintf("rank A[%v, %v] ≤ %d with cells %v set to 0", c.Rows, c.Cols, c.MaxRank, c.Zeroed)
	}
	return fmt.Sprintf("rank A[%v, %v] ≤ %d", c.Rows, c.Cols, c.MaxRank)
}

// zeroCells adds the cells of T (0-based) inside the block to Zeroed.
func zeroCells(c RankCondition, T map[[2]int]bool) RankCondition {
	for _, i := range c.Rows {
		for _, j := range c.Cols {
			if T[[2]int{i - 1, j - 1}] && !hasCell(c.Zeroed, [2]int{i, j}) {
				c.Zeroed = append(c.Zeroed, [2]int{i, j})
			}
		}
	}
	sort.Slice(c.Zeroed, func(a, b int) bool {
		if c.Zeroed[a][0] != c.Zeroed[b][0] {
			return c.Zeroed[a][0] < c.Zeroed[b][0]
		}
		return c.Zeroed[a][1] < c.Zeroed[b][1]
	})
	return c
}

func hasCell(cs [][2]int, c [2]int) bool {
	for _, d := range cs {
		if d == c {
			return true
		}
	}
	return false
}

// residueReduce is the complete-class residue reduction (MATH.md D4,
// generalised). Call a set J of neurons absorbing when its own
// counterpart L_J is the whole coordinate subspace Σ(U_J), U_J = ∪_{k∈J} S_k:
// a complete class, or a pair that D5 (ALG-B) declares closed without any
// rank condition. Let T be the union of the U_J of all absorbing sets
// found and π the projection onto the coordinates outside T. Since
// L_I ⊇ L_J = Σ(U_J) for each of them, L_I ⊇ V_T and L_I + V_T = L_I, so
// A ∈ L_I ⇔ π(A) ∈ π(L_I) (the T-coordinates are free). When every
// neuron has a rectangular residue S_k \ T, the
// projection of 𝓡_1(S_k) is 𝓡_1(residue), so π(L_I) is the counterpart of
// the residue support I' (each non-complete neuron replaced by its
// residue, complete ones dropped). Hence L_I is closed iff L_{I'} is; a
// witness of I' (zero on T) with its sequence is a witness of I (the
// residue rows and columns lie inside the neuron's own rectangle), and its
// block lies outside T, so no complete neuron meets it and the block
// equations are unchanged. A description of L_{I'} becomes one of L_I by
// zeroing the cells of T inside each rank condition's block.
func residueReduce(tf twoFactor) (twoFactor, map[[2]int]bool, ResidueStep, bool) {
	for _, pairsFirst := range []bool{false, true} {
		if out, T, step, ok := residueTry(tf, pairsFirst); ok {
			return out, T, step, true
		}
	}
	return twoFactor{}, nil, ResidueStep{}, false
}

type absorberFill struct {
	neurons []int // 1-based hidden indices
	fill    *Fill
}

func makeStep(pairs [][2]int, fills []absorberFill, triples [][3]int) ResidueStep {
	st := ResidueStep{Pairs: nonNilPairs(pairs), Triples: triples}
	for _, af := range fills {
		st.Fills = append(st.Fills, AbsorbingFill{Neurons: af.neurons, Fill: af.fill})
	}
	return st
}

// neuronSupport is the two-factor support of the given neurons (in order):
// column a of W2 is R of neuron a, row a of W1 is its C.
func neuronSupport(J []neuron, m, n int) Support {
	W2 := ZeroMask(m, len(J))
	W1 := ZeroMask(len(J), n)
	for a, nn := range J {
		for _, i := range nn.R.list() {
			W2.bits[i*len(J)+a] = true
		}
		for _, j := range nn.C.list() {
			W1.bits[a*n+j] = true
		}
	}
	return Support{Masks: []Mask{W2, W1}}
}

// residueTry picks a family of pairwise disjoint absorbing sets — complete
// classes (computed among the neurons outside the chosen pairs) and
// absorbing pairs, greedily, classes first or pairs first — and builds the
// residue support; ok is false if nothing absorbs or a residue is not a
// rectangle.
func residueTry(tf twoFactor, pairsFirst bool) (twoFactor, map[[2]int]bool, ResidueStep, bool) {
	used := map[int]bool{}
	completeSet := func() map[int]bool {
		type class struct {
			R, C bitset
			mu   int
		}
		var classes []*class
		for _, nn := range tf.neurons {
			if used[nn.k] {
				continue
			}
			found := false
			for _, c := range classes {
				if c.R == nn.R && c.C == nn.C {
					c.mu++
					found = true
					break
				}
			}
			if !found {
				classes = append(classes, &class{R: nn.R, C: nn.C, mu: 1})
			}
		}
		out := map[int]bool{}
		for _, nn := range tf.neurons {
			if used[nn.k] {
				continue
			}
			for _, c := range classes {
				if c.R == nn.R && c.C == nn.C && c.mu >= min(c.R.count(), c.C.count()) {
					out[nn.k] = true
				}
			}
		}
		return out
	}
	var pairs [][2]int
	choosePairs := func() {
		for x := range tf.neurons {
			for y := x + 1; y < len(tf.neurons); y++ {
				a, b := tf.neurons[x], tf.neurons[y]
				if used[a.k] || used[b.k] {
					continue
				}
				if res := algB(a, b); res.status == Closed && len(res.parts[0].conds) == 0 {
					used[a.k], used[b.k] = true, true
					pairs = append(pairs, [2]int{a.k + 1, b.k + 1})
				}
			}
		}
	}
	var comp map[int]bool
	if pairsFirst {
		choosePairs()
		comp = completeSet()
	} else {
		comp = completeSet()
		for k := range comp {
			used[k] = true
		}
		choosePairs()
	}
	for k := range comp {
		used[k] = true
	}
	// Larger absorbing sets: 3 to 5 unused neurons whose own two-factor
	// support fills Σ(U_J) (fill.go), greedily.
	var fills []absorberFill
	var free []neuron
	for _, nn := range tf.neurons {
		if !used[nn.k] {
			free = append(free, nn)
		}
	}
	maxSize := min(5, len(free))
	if len(free) > 6 {
		maxSize = 0 // keep the subset search small
	}
	for size := 3; size <= maxSize; size++ {
		subsets(seqInts(len(free)), size, func(idx []int) bool {
			for _, x := range idx {
				if used[free[x].k] {
					return true
				}
			}
			J := make([]neuron, len(idx))
			for a, x := range idx {
				J[a] = free[x]
			}
			if f, ok := findFill(neuronSupport(J, tf.m, tf.n)); ok {
				ids := make([]int, len(J))
				for a, nn := range J {
					used[nn.k] = true
					ids[a] = nn.k + 1
				}
				fills = append(fills, absorberFill{neurons: ids, fill: f})
			}
			return true
		})
	}
	// Absorbing triples of the isE6Cell type.
	var triples [][3]int
	if len(free) <= 12 {
		subsets(seqInts(len(free)), 3, func(idx []int) bool {
			a, b, c := free[idx[0]], free[idx[1]], free[idx[2]]
			if used[a.k] || used[b.k] || used[c.k] || !isE6Cell(a, b, c) {
				return true
			}
			used[a.k], used[b.k], used[c.k] = true, true, true
			triples = append(triples, [3]int{a.k + 1, b.k + 1, c.k + 1})
			return true
		})
	}
	absorbed := map[int]bool{}
	for k := range comp {
		absorbed[k] = true
	}
	for _, tr := range triples {
		for _, k := range tr {
			absorbed[k-1] = true
		}
	}
	for _, p := range pairs {
		absorbed[p[0]-1], absorbed[p[1]-1] = true, true
	}
	for _, af := range fills {
		for _, k := range af.neurons {
			absorbed[k-1] = true
		}
	}
	T := map[[2]int]bool{}
	for _, nn := range tf.neurons {
		if !absorbed[nn.k] {
			continue
		}
		for _, i := range nn.R.list() {
			for _, j := range nn.C.list() {
				T[[2]int{i, j}] = true
			}
		}
	}
	if len(T) == 0 {
		return twoFactor{}, nil, ResidueStep{}, false
	}
	out := twoFactor{m: tf.m, r: tf.r, n: tf.n}
	for _, nn := range tf.neurons {
		var R, C bitset
		cnt := 0
		for _, i := range nn.R.list() {
			for _, j := range nn.C.list() {
				if !T[[2]int{i, j}] {
					R |= 1 << uint(i)
					C |= 1 << uint(j)
					cnt++
				}
			}
		}
		if cnt != R.count()*C.count() {
			return twoFactor{}, nil, ResidueStep{}, false
		}
		if cnt > 0 {
			out.neurons = append(out.neurons, neuron{k: nn.k, R: R, C: C})
		}
	}
	return out, T, makeStep(pairs, fills, triples), true
}

func rankCond(R, C bitset, q int) (RankCondition, bool) {
	if q >= min(R.count(), C.count()) {
		return RankCondition{}, false // trivially true
	}
	return RankCondition{Rows: plus1(R.list()), Cols: plus1(C.list()), MaxRank: q}, true
}

func plus1(x []int) []int {
	out := make([]int, len(x))
	for i, v := range x {
		out[i] = v + 1
	}
	return out
}

// analyzeTwo decides closedness of a two-factor support (ALG-A): first the
// whole neuron set (rank1, alg_b, d3, c1/c2/dense, in ALG-A's order), then
// per connected component, then the hereditary detectors.
func analyzeTwo(ctx context.Context, tf twoFactor) tfResult {
	res := decideComponent(tf, tf.neurons)
	if res.status != Unknown {
		return res
	}
	undecided := []string{res.reason}
	if tf2, T, step, ok := residueReduce(tf); ok {
		inner := analyzeTwo(ctx, tf2)
		switch inner.status {
		case NotClosed:
			return inner
		case Closed:
			for p := range inner.parts {
				for c := range inner.parts[p].conds {
					inner.parts[p].conds[c] = zeroCells(inner.parts[p].conds[c], T)
				}
			}
			inner.residue = append([]ResidueStep{step}, inner.residue...)
			return inner
		}
		undecided = append(undecided, "after removing complete classes: "+inner.reason)
	}
	if comps := components(tf.neurons); len(comps) > 1 {
		var parts []tfClosedPart
		undecided = nil
		for _, g := range comps {
			if ctx.Err() != nil {
				return tfResult{status: Unknown, reason: "cancelled: " + ctx.Err().Error()}
			}
			res := decideComponent(tf, g)
			switch res.status {
			case NotClosed:
				return res
			case Closed:
				// L_I is the direct sum of the components' sets on disjoint
				// cells, so a component's rank conditions apply to A with the
				// other components' cells set to 0 (a block of the component
				// may contain such cells).
				others := otherCells(comps, g)
				for p := range res.parts {
					for c := range res.parts[p].conds {
						res.parts[p].conds[c] = zeroCells(res.parts[p].conds[c], others)
					}
				}
				parts = append(parts, res.parts...)
			default:
				undecided = append(undecided, res.reason)
			}
		}
		if len(undecided) == 0 {
			return tfResult{status: Closed, parts: parts}
		}
	}
	if nc := scanLU(ctx, tf.neurons); nc != nil {
		return tfResult{status: NotClosed, nc: nc}
	}
	if nc := scanSmallBlocks(ctx, tf.neurons); nc != nil {
		return tfResult{status: NotClosed, nc: nc}
	}
	return tfResult{status: Unknown, reason: "ALG-A: no theorem or detector applies (" + strings.Join(undecided, "; ") + ")"}
}

// otherCells returns the cells (0-based) of the rectangles of the
// components other than g.
func otherCells(comps [][]neuron, g []neuron) map[[2]int]bool {
	out := map[[2]int]bool{}
	for _, h := range comps {
		if len(h) > 0 && len(g) > 0 && h[0].k == g[0].k {
			continue
		}
		for _, n := range h {
			for i := 0; i < 64; i++ {
				if n.R&(1<<uint(i)) == 0 {
					continue
				}
				for j := 0; j < 64; j++ {
					if n.C&(1<<uint(j)) != 0 {
						out[[2]int{i, j}] = true
					}
				}
			}
		}
	}
	return out
}

// components groups neurons whose rectangles are connected by shared cells.
func components(ns []neuron) [][]neuron {
	parent := make([]int, len(ns))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for a := range ns {
		for b := a + 1; b < len(ns); b++ {
			if ns[a].meets(ns[b]) {
				parent[find(a)] = find(b)
			}
		}
	}
	idx := map[int]int{}
	var out [][]neuron
	for a := range ns {
		r := find(a)
		p, ok := idx[r]
		if !ok {
			p = len(out)
			idx[r] = p
			out = append(out, nil)
		}
		out[p] = append(out[p], ns[a])
	}
	return out
}

func neuronIDs(g []neuron) []int {
	ids := make([]int, len(g))
	for i, nn := range g {
		ids[i] = nn.k + 1
	}
	return ids
}

// decideComponent applies rank1, alg_b, d3 and c1/c2 to one component.
func decideComponent(tf twoFactor, g []neuron) tfResult {
	closed := func(method string, conds []RankCondition) tfResult {
		return tfResult{status: Closed, parts: []tfClosedPart{{method: method, neurons: neuronIDs(g), conds: conds}}}
	}
	if tf.full && len(g) == len(tf.neurons) {
		// S8: all masks full, L_I = {rank A ≤ r}.
		var conds []RankCondition
		if c, ok := rankCond(g[0].R, g[0].C, len(g)); ok {
			conds = append(conds, c)
		}
		return closed("dense", conds)
	}
	switch len(g) {
	case 0:
		return tfResult{status: Closed} // L_I = {0}
	case 1:
		var conds []RankCondition
		if c, ok := rankCond(g[0].R, g[0].C, 1); ok {
			conds = append(conds, c)
		}
		return closed("rank1", conds)
	case 2:
		return algB(g[0], g[1])
	}
	var rows, cols bitset
	for _, nn := range g {
		rows |= nn.R
		cols |= nn.C
	}
	if rows.count() == 2 && cols.count() == 2 {
		return d3(g, rows, cols)
	}
	if len(g) == 3 && isE6Cell(g[0], g[1], g[2]) {
		return closed("e6_cell", nil)
	}
	if conds, kind, ok := c2(g); ok {
		return closed(kind, conds)
	}
	return tfResult{status: Unknown, reason: fmt.Sprintf("neurons %v: C1/C2 fail", neuronIDs(g))}
}

// algB is MATH.md ALG-B (D5) for two neurons a, b.
//
// Proof references: step 1 is C1; step 2 is the local LU of S5 (D3 on the
// block, D2 to extend); steps 3 and 4 are the E6 pattern and its transpose
// (D2); step 5 is the closed case of D5, whose description is a
// conjunction of rank conditions (proof sketch in MATH.md D5, E7).
func algB(a, b neuron) tfResult {
	ids := []int{a.k + 1, b.k + 1}
	if a.R&b.R == 0 || a.C&b.C == 0 {
		var conds []RankCondition
		for _, x := range []neuron{a, b} {
			if c, ok := rankCond(x.R, x.C, 1); ok {
				conds = append(conds, c)
			}
		}
		return tfResult{status: Closed, parts: []tfClosedPart{{method: "c1", neurons: ids, conds: conds}}}
	}
	for _, p := range [][2]neuron{{a, b}, {b, a}} {
		x, y := p[0], p[1]
		if x.R&^y.R != 0 && x.C&^y.C != 0 {
			ic, jc := (x.R & y.R).first(), (x.C & y.C).first()
			io, jo := (x.R &^ y.R).first(), (x.C &^ y.C).first()
			nc := luEmbed(io, ic, jo, jc, x.k, y.k)
			nc.theorem = "D5 (local LU, S5/D3)"
			nc.detector = "alg_b"
			return tfResult{status: NotClosed, nc: nc}
		}
	}
	if a.R == b.R && a.R.count() >= 2 && a.C&^b.C != 0 && b.C&^a.C != 0 {
		rs := a.R.list()
		nc := e6Embed(rs[0], rs[1], (a.C &^ b.C).first(), (a.C & b.C).first(), (b.C &^ a.C).first(), a.k, b.k)
		nc.detector = "alg_b"
		return tfResult{status: NotClosed, nc: nc}
	}
	if a.C == b.C && a.C.count() >= 2 && a.R&^b.R != 0 && b.R&^a.R != 0 {
		cs := a.C.list()
		nc := e6tEmbed(cs[0], cs[1], (a.R &^ b.R).first(), (a.R & b.R).first(), (b.R &^ a.R).first(), a.k, b.k)
		nc.detector = "alg_b"
		return tfResult{status: NotClosed, nc: nc}
	}
	// Closed case of D5: S1\S2 and S2\S1 are rectangles.
	var conds []RankCondition
	if c, ok := rankCond(a.R|b.R, a.C|b.C, 2); ok {
		conds = append(conds, c)
	}
	for _, p := range [][2]neuron{{a, b}, {b, a}} {
		R, C, ok := rectDiff(p[0], p[1])
		if !ok {
			return tfResult{status: Unknown, reason: fmt.Sprintf("internal: ALG-B residue of neuron %d is not a rectangle", p[0].k+1)}
		}
		if c, ok := rankCond(R, C, 1); ok {
			conds = append(conds, c)
		}
	}
	return tfResult{status: Closed, parts: []tfClosedPart{{method: "alg_b", neurons: ids, conds: conds}}}
}

// rectDiff returns S_x \ S_y as a rectangle, ok=false if it is not one.
func rectDiff(x, y neuron) (R, C bitset, ok bool) {
	cells := map[[2]int]bool{}
	for _, i := range x.R.list() {
		for _, j := range x.C.list() {
			if !(y.R.has(i) && y.C.has(j)) {
				cells[[2]int{i, j}] = true
				R |= 1 << uint(i)
				C |= 1 << uint(j)
			}
		}
	}
	return R, C, len(cells) == R.count()*C.count()
}

// d3 is the exact 2×2 classification of MATH.md D3 for a component whose
// rows and columns are exactly the 2×2 block B.
func d3(g []neuron, rows, cols bitset) tfResult {
	var full []neuron
	var others []neuron
	for _, nn := range g {
		if nn.R == rows && nn.C == cols {
			full = append(full, nn)
		} else {
			others = append(others, nn)
		}
	}
	closed := func(conds []RankCondition) tfResult {
		return tfResult{status: Closed, parts: []tfClosedPart{{method: "d3", neurons: neuronIDs(g), conds: conds}}}
	}
	if len(full) != 1 {
		return closed(nil) // ≥2 full: everything; none: coordinate subspace
	}
	cells := map[[2]int]bool{}
	for _, nn := range others {
		for _, i := range nn.R.list() {
			for _, j := range nn.C.list() {
				cells[[2]int{i, j}] = true
			}
		}
	}
	switch len(cells) {
	case 0:
		c, _ := rankCond(rows, cols, 1)
		return closed([]RankCondition{c})
	case 1:
		var c [2]int
		for k := range cells {
			c = k
		}
		ic, jc := c[0], c[1]
		io := (rows &^ (1 << uint(ic))).first()
		jo := (cols &^ (1 << uint(jc))).first()
		nc := luEmbed(io, ic, jo, jc, full[0].k, others[0].k)
		nc.theorem = "D3 (local LU, S5)"
		nc.detector = "d3"
		return tfResult{status: NotClosed, nc: nc}
	}
	return closed(nil)
}

// c2 checks condition C2 of MATH.md D4 (which contains C1) and returns the
// rank conditions, and "c1" when all class rectangles are pairwise disjoint.
func c2(g []neuron) ([]RankCondition, string, bool) {
	type class struct {
		R, C bitset
		mu   int
	}
	var classes []*class
	for _, nn := range g {
		found := false
		for _, c := range classes {
			if c.R == nn.R && c.C == nn.C {
				c.mu++
				found = true
				break
			}
		}
		if !found {
			classes = append(classes, &class{R: nn.R, C: nn.C, mu: 1})
		}
	}
	disjoint := true
	for a := range classes {
		for b := a + 1; b < len(classes); b++ {
			if classes[a].R&classes[b].R != 0 && classes[a].C&classes[b].C != 0 {
				disjoint = false
			}
		}
	}
	inT := map[[2]int]bool{}
	for _, c := range classes {
		if c.mu >= min(c.R.count(), c.C.count()) {
			for _, i := range c.R.list() {
				for _, j := range c.C.list() {
					inT[[2]int{i, j}] = true
				}
			}
		}
	}
	used := map[[2]int]bool{}
	var conds []RankCondition
	for _, c := range classes {
		if c.mu >= min(c.R.count(), c.C.count()) {
			continue
		}
		var R, C bitset
		n := 0
		for _, i := range c.R.list() {
			for _, j := range c.C.list() {
				cell := [2]int{i, j}
				if inT[cell] {
					continue
				}
				if used[cell] {
					return nil, "", false // residues overlap
				}
				used[cell] = true
				R |= 1 << uint(i)
				C |= 1 << uint(j)
				n++
			}
		}
		if n != R.count()*C.count() {
			return nil, "", false // residue not a rectangle
		}
		if cd, ok := rankCond(R, C, c.mu); ok {
			conds = append(conds, cd)
		}
	}
	kind := "c2"
	if disjoint {
		kind = "c1"
	}
	return conds, kind, true
}

// luEmbed is LU-EMBED(B, c, k, l) of MATH.md ALG-A with B = {io,ic}×{jo,jc},
// c = (ic,jc), full neuron k and single-cell neuron l.
func luEmbed(io, ic, jo, jc, k, l int) *tfNotClosed {
	nc := &tfNotClosed{
		w2:        map[[2]int]Laurent{{io, k}: LaurentInt(1), {ic, k}: T(-1), {ic, l}: LaurentInt(1)},
		w1:        map[[2]int]Laurent{{k, jo}: T(1), {k, jc}: LaurentInt(1), {l, jc}: T(-1).Neg()},
		rows:      []int{io, ic},
		cols:      []int{jo, jc},
		blockType: "lu_2x2",
	}
	nc.ones = [][2]int{{io, jc}, {ic, jo}}
	xc := varRef{2, ic, k}
	yc := varRef{1, k, jc}
	yo := varRef{1, k, jo}
	nc.cofactors = []monoTerm{
		{1, []varRef{xc, yc}},  // f(o,o) = x_o y_o
		{-1, []varRef{xc, yo}}, // f(o,c) = x_o y_c − 1
		{-1, nil},              // f(c,o) = x_c y_o − 1
		{0, nil},               // f(c,c)
	}
	return nc
}

// e6Embed is ALG-B step 3: rows i1, i2 common to both neurons, j1 ∈ C_a\C_b,
// j2 ∈ C_a∩C_b, j3 ∈ C_b\C_a.
func e6Embed(i1, i2, j1, j2, j3, a, b int) *tfNotClosed {
	nc := &tfNotClosed{
		w2: map[[2]int]Laurent{{i1, a}: LaurentInt(1), {i1, b}: LaurentInt(1), {i2, b}: T(1)},
		w1: map[[2]int]Laurent{{a, j1}: LaurentInt(1), {a, j2}: T(-1).Neg(),
			{b, j2}: T(-1), {b, j3}: LaurentInt(1)},
		rows:      []int{i1, i2},
		cols:      []int{j1, j2, j3},
		blockType: "e6_2x3",
		theorem:   "D5 (E6 pattern, D2)",
	}
	nc.ones = [][2]int{{i1, j1}, {i2, j2}, {i1, j3}}
	u1, u2 := varRef{2, i1, a}, varRef{2, i2, a}
	v2 := varRef{1, a, j2}
	w1, w2 := varRef{2, i1, b}, varRef{2, i2, b}
	z2 := varRef{1, b, j2}
	nc.cofactors = []monoTerm{
		{-1, []varRef{v2, u2}}, {0, nil}, {-1, []varRef{z2, w2}},
		{1, []varRef{v2, u1}}, {-1, nil}, {1, []varRef{z2, w1}},
	}
	return nc
}

// e6tEmbed is ALG-B step 4 (transpose of step 3): columns j1, j2 common to
// both neurons, i1 ∈ R_a\R_b, i2 ∈ R_a∩R_b, i3 ∈ R_b\R_a.
func e6tEmbed(j1, j2, i1, i2, i3, a, b int) *tfNotClosed {
	nc := &tfNotClosed{
		w2: map[[2]int]Laurent{{i1, a}: LaurentInt(1), {i2, a}: T(-1).Neg(),
			{i2, b}: T(-1), {i3, b}: LaurentInt(1)},
		w1:        map[[2]int]Laurent{{a, j1}: LaurentInt(1), {b, j1}: LaurentInt(1), {b, j2}: T(1)},
		rows:      []int{i1, i2, i3},
		cols:      []int{j1, j2},
		blockType: "e6_3x2",
		theorem:   "D5 (transposed E6 pattern, D1, D2)",
	}
	nc.ones = [][2]int{{i1, j1}, {i2, j2}, {i3, j1}}
	x2 := varRef{2, i2, a}
	y1, y2 := varRef{1, a, j1}, varRef{1, a, j2}
	p2 := varRef{2, i2, b}
	q1, q2 := varRef{1, b, j1}, varRef{1, b, j2}
	nc.cofactors = []monoTerm{
		{-1, []varRef{x2, y2}}, {1, []varRef{x2, y1}},
		{0, nil}, {-1, nil},
		{-1, []varRef{p2, q2}}, {1, []varRef{p2, q1}},
	}
	return nc
}

// scanLU is the local-LU detector of MATH.md S5 over all 2×2 blocks
// (O(m²n²r)): exactly one neuron covers B and every other neuron meeting B
// meets it in the same single cell. Sound by D3 (the block set is the LU
// set, not closed) and D2.
func scanLU(ctx context.Context, ns []neuron) *tfNotClosed {
	var rowsU, colsU bitset
	for _, nn := range ns {
		rowsU |= nn.R
		colsU |= nn.C
	}
	rl, cl := rowsU.list(), colsU.list()
	for a := 0; a < len(rl); a++ {
		if ctx.Err() != nil {
			return nil
		}
		for b := a + 1; b < len(rl); b++ {
			BR := bitset(1)<<uint(rl[a]) | bitset(1)<<uint(rl[b])
			for c := 0; c < len(cl); c++ {
				for d := c + 1; d < len(cl); d++ {
					BC := bitset(1)<<uint(cl[c]) | bitset(1)<<uint(cl[d])
					fullIdx := -1
					nfull := 0
					cell := [2]int{-1, -1}
					bad := false
					other := -1
					for x, nn := range ns {
						r, cc := nn.R&BR, nn.C&BC
						if r == 0 || cc == 0 {
							continue
						}
						if r == BR && cc == BC {
							nfull++
							fullIdx = x
							continue
						}
						if r.count() != 1 || cc.count() != 1 {
							bad = true
							break
						}
						this := [2]int{r.first(), cc.first()}
						if cell[0] >= 0 && cell != this {
							bad = true
							break
						}
						cell = this
						other = x
					}
					if bad || nfull != 1 || cell[0] < 0 {
						continue
					}
					ic, jc := cell[0], cell[1]
					io := (BR &^ (1 << uint(ic))).first()
					jo := (BC &^ (1 << uint(jc))).first()
					nc := luEmbed(io, ic, jo, jc, ns[fullIdx].k, ns[other].k)
					nc.theorem = "S5/D3 (local LU block), D2"
					nc.detector = "lu_scan"
					return nc
				}
			}
		}
	}
	return nil
}

// scanSmallBlocks scans 2×3 and 3×2 blocks met by exactly two neurons and
// applies ALG-B to the restricted rectangles (exact for two neurons, D5);
// a non-closed block gives non-closedness by D2.
func scanSmallBlocks(ctx context.Context, ns []neuron) *tfNotClosed {
	var rowsU, colsU bitset
	for _, nn := range ns {
		rowsU |= nn.R
		colsU |= nn.C
	}
	rl, cl := rowsU.list(), colsU.list()
	for _, shape := range [][2]int{{2, 3}, {3, 2}} {
		var found *tfNotClosed
		subsets(rl, shape[0], func(BRl []int) bool {
			if ctx.Err() != nil {
				return false
			}
			subsets(cl, shape[1], func(BCl []int) bool {
				var BR, BC bitset
				for _, i := range BRl {
					BR |= 1 << uint(i)
				}
				for _, j := range BCl {
					BC |= 1 << uint(j)
				}
				var meet []neuron
				for _, nn := range ns {
					if nn.R&BR != 0 && nn.C&BC != 0 {
						meet = append(meet, neuron{k: nn.k, R: nn.R & BR, C: nn.C & BC})
					}
				}
				if len(meet) < 2 {
					return true
				}
				if len(meet) == 2 {
					res := algB(meet[0], meet[1])
					if res.status == NotClosed {
						found = res.nc
						found.detector = "block_scan"
						return false
					}
					return true
				}
				if nc := e6Extended(meet, BR, BC); nc != nil {
					found = nc
					return false
				}
				return true
			})
			return found == nil
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// subsets calls f on every k-subset of xs in lexicographic order until f
// returns false; it returns false if stopped.
func subsets(xs []int, k int, f func([]int) bool) bool {
	cur := make([]int, 0, k)
	var rec func(start int) bool
	rec = func(start int) bool {
		if len(cur) == k {
			return f(append([]int(nil), cur...))
		}
		for i := start; i < len(xs); i++ {
			cur = append(cur, xs[i])
			if !rec(i + 1) {
				return false
			}
			cur = cur[:len(cur)-1]
		}
		return true
	}
	return rec(0)
}

// sortInts returns a sorted copy.
func sortInts(x []int) []int {
	y := append([]int(nil), x...)
	sort.Ints(y)
	return y
}

// e6Extended detects the E6 block (or its transpose) met by further
// neurons only in the cell whose cofactor in the E6 certificate is 0:
// cell (i1, j2) for the 2×3 pattern, (i2, j1) for the 3×2 one (see
// e6Embed, e6tEmbed). Those neurons change no equation used by the
// Nullstellensatz identity and are set to 0 in the sequence, so the
// witness stays outside the block's counterpart (and L_I by D2) while the
// E6 sequence still converges to it. This is the E6 analogue of the
// "other neurons meet only c" clause of the local-LU detector (S5).
func e6Extended(meet []neuron, BR, BC bitset) *tfNotClosed {
	for x := range meet {
		for y := range meet {
			if x == y {
				continue
			}
			a, b := meet[x], meet[y]
			cell := [2]int{-1, -1}
			ok := true
			for z, o := range meet {
				if z == x || z == y {
					continue
				}
				if o.R.count() != 1 || o.C.count() != 1 {
					ok = false
					break
				}
				c := [2]int{o.R.first(), o.C.first()}
				if cell[0] >= 0 && c != cell {
					ok = false
					break
				}
				cell = c
			}
			if !ok || cell[0] < 0 {
				continue
			}
			if BR.count() == 2 && a.R == BR && b.R == BR && a.C|b.C == BC &&
				(a.C&b.C).count() == 1 && (a.C&^b.C).count() == 1 && (b.C&^a.C).count() == 1 {
				j2 := (a.C & b.C).first()
				if cell[1] != j2 {
					continue
				}
				i1 := cell[0]
				i2 := (BR &^ (1 << uint(i1))).first()
				nc := e6Embed(i1, i2, (a.C &^ b.C).first(), j2, (b.C &^ a.C).first(), a.k, b.k)
				nc.theorem = "D5 (E6 pattern) with extra neurons on the cell of cofactor 0, D2"
				nc.detector = "e6_extended"
				return nc
			}
			if BC.count() == 2 && a.C == BC && b.C == BC && a.R|b.R == BR &&
				(a.R&b.R).count() == 1 && (a.R&^b.R).count() == 1 && (b.R&^a.R).count() == 1 {
				i2 := (a.R & b.R).first()
				if cell[0] != i2 {
					continue
				}
				j1 := cell[1]
				j2 := (BC &^ (1 << uint(j1))).first()
				nc := e6tEmbed(j1, j2, (a.R &^ b.R).first(), i2, (b.R &^ a.R).first(), a.k, b.k)
				nc.theorem = "D5 (transposed E6 pattern) with extra neurons on the cell of cofactor 0, D2"
				nc.detector = "e6_extended"
				return nc
			}
		}
	}
	return nil
}

// isE6Cell reports whether three neurons form the "E6 plus a cell in an
// exclusive column" type, whose counterpart is the whole 2×3 block
// (derived here). Rows {p, q}; neuron a on {p,q}×{j1,j2}, neuron b on
// {p,q}×{j2,j3}, neuron c on the single cell (q, j3) (or (q, j1), by
// symmetry). Write M = [m1 m2 m3] with m1 = v1 u, m2 = v2 u + z2 w,
// m3 = z3 w + δ e_q. Column m3 is arbitrary as soon as w_p ≠ 0 (z3 fixes
// row p, δ row q). If m1 ≠ 0 take u = m1, v1 = 1, and either
// w = m2 − v2 m1 with w_p ≠ 0 for a suitable v2, or, when m1_p = m2_p = 0,
// m2 = v2 m1 exactly and w = e_p, z2 = 0. If m1 = 0 take v1 = 0, u = m2,
// v2 = 1, w = e_p, z2 = 0. So every M is reached: L = R^{2×3}, closed, and
// the three neurons absorb their block. (With the cell in the shared
// column j2 instead, the set is not closed: e6Extended.)
func isE6Cell(x, y, z neuron) bool {
	ns := [3]neuron{x, y, z}
	for ci := 0; ci < 3; ci++ {
		c := ns[ci]
		a, b := ns[(ci+1)%3], ns[(ci+2)%3]
		if c.R.count() != 1 || c.C.count() != 1 {
			continue
		}
		if a.R != b.R || a.R.count() != 2 || a.C.count() != 2 || b.C.count() != 2 ||
			(a.C&b.C).count() != 1 || (a.C|b.C).count() != 3 {
			continue
		}
		if c.R&a.R == 0 || c.C&(a.C^b.C) == 0 {
			continue
		}
		return true
	}
	// The transposed type (D1): two neurons on the same two columns with
	// row pairs sharing one row, and a cell in an exclusive row.
	for ci := 0; ci < 3; ci++ {
		c := ns[ci]
		a, b := ns[(ci+1)%3], ns[(ci+2)%3]
		if c.R.count() != 1 || c.C.count() != 1 {
			continue
		}
		if a.C != b.C || a.C.count() != 2 || a.R.count() != 2 || b.R.count() != 2 ||
			(a.R&b.R).count() != 1 || (a.R|b.R).count() != 3 {
			continue
		}
		if c.C&a.C == 0 || c.R&(a.R^b.R) == 0 {
			continue
		}
		return true
	}
	return false
}
