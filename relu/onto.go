package relu

// The hull test: is L_I its rank-cut hull H (the whole support space Σ(P)
// when L_I is full-dimensional)? Decided by normalising A and splitting by
// zero patterns (MATH.md §10 item 2; issue 4 item 6).
//
// # Why
//
// Let P be the Boolean product of the masks and Σ(P) the matrices
// supported on P, so L_I ⊆ Σ(P). When L_I = Σ(P) it is a linear subspace,
// hence closed. Many supports the theorems leave UNKNOWN have dim L_I =
// |P| (the Jacobian of Φ_I has full rank |P| at a generic point), and for
// them the question "is Φ_I onto Σ(P)?" is the natural closedness proof.
// Stage 1 of ALG-C cannot answer it for 3×3 products: the quantifier
// elimination of ∃θ : Φ(θ) = A keeps all |P| entries of A free. The
// scaling symmetry removes most of them.
//
// # The normalisation lemma
//
// Claim 1 (scaling). For invertible diagonal D (m×m) and D' (n×n),
// A ∈ L_I ⇔ D·A·D' ∈ L_I. Proof: if A = W_L⋯W_1, then D·A·D' =
// (D·W_L)·W_{L−1}⋯(W_1·D'), and D·W_L, W_1·D' have the masks of W_L,
// W_1 (scaling rows or columns does not create non-zeros). The converse
// uses D⁻¹, D'⁻¹. ∎
//
// Claim 2 (normalisation). Let G be the bipartite graph on the m rows and
// n columns with an edge (i, j) for every entry of P, and let F be a forest
// in G with A_e ≠ 0 for every edge e ∈ F. Then some D, D' as in Claim 1
// give (D·A·D')_e = 1 for every e ∈ F. Proof: in each tree of F pick a
// root and set its scaling factor to 1; walking the tree from the root,
// each edge (i, j) reaches one new vertex, whose factor is fixed by
// d_i·A_ij·d'_j = 1 (possible as A_ij ≠ 0, and never contradicted, since a
// forest has no cycle). Vertices outside F get factor 1. ∎
//
// # The case tree
//
// Visit the entries of P in row-major order, keeping the forest F (a
// union–find on rows and columns) of the entries normalised so far. An
// entry whose row and column are already connected by F stays a free
// variable. Otherwise the tree branches: either A_e = 0, or A_e ≠ 0 and it
// is normalised to 1 (F gains the edge). Every A ∈ Σ(P) follows exactly one
// path (the test at each node is a property of A's zero pattern, and the
// connectivity test depends only on earlier decisions), and by Claim 2 its
// scaled image lies in the leaf's set: zeros and ones as decided, the
// remaining entries arbitrary (the free entries may be zero too, which
// only enlarges the leaf's set). By Claim 1, therefore,
//
//	L_I = Σ(P)  ⇔  for every leaf λ:  ∀x ∃θ : Φ(θ) = A_λ(x),
//
// where A_λ(x) has the leaf's zeros and ones and the free variables x. A
// leaf has at most |P| − (m + n − c) free variables (c = the number of
// connected components of G): four for a full 3×3 pattern instead of nine.
// The price is the number of leaves (328 for a full 3×3 pattern, up to
// 16,145 for 4×4), most of them with few non-zero entries.
//
// # Cheap leaves: star covers
//
// For two factors, L_I = {Σ_k u_k v_kᵀ : supp u_k ⊆ R_k, supp v_k ⊆ C_k}
// (neuron k's rectangle R_k × C_k). Claim 3. If the non-zero entries of
// A_λ (its ones and free entries) can be assigned to neurons, each entry
// to a neuron whose rectangle contains it, so that each neuron's entries
// lie in one row, or in one column, or are ones filling a sub-rectangle
// R' × C' of its rectangle, then A_λ(x) ∈ L_I for every x. Proof: a
// neuron with entries in row i takes u = e_i and v = those entries (in
// its columns); in column j, u = those entries and v = e_j; a rectangle
// of ones is 1_{R'}·1_{C'}ᵀ; unassigned neurons are zero, and the sum is
// A_λ(x) because every non-zero entry is assigned once and the zero
// entries to none. ∎ The search (starCover) is a small backtracking over
// entries and runs before any quantifier elimination.
//
// Claim 5 (group covers) generalises Claim 3: if the non-zero entries are
// split among disjoint groups G of neurons, each group's entries lying in
// a block R' × C' contained in the rectangle of every neuron of G, with
// min(|R'|, |C'|) ≤ |G|, then A_λ(x) ∈ L_I for every x. Proof: the
// group's entries form a matrix M on R' × C' (zero elsewhere in the
// block) of rank ≤ min(|R'|, |C'|) ≤ |G|, hence a sum of |G| rank-one
// matrices u vᵀ with supp u ⊆ R', supp v ⊆ C' (a rank factorisation,
// padded with zeros), one per neuron of G, each inside that neuron's
// rectangle. (MATH.md D3's "two neurons covering a 2×2 block reach
// everything" is the case |G| = 2.) ∎
//
// Claim 4 (zero rows and columns). If the rows outside R and the columns
// outside C of A are zero, then A ∈ L_I ⇔ A[R,C] ∈ L_{I|R,C}, where I|R,C
// keeps rows R of the output mask and columns C of the input mask (MATH.md
// D2). Proof: restriction maps L_I onto L_{I|R,C}, since (W_L⋯W_1)[R,C] =
// W_L[R,:]⋯W_1[:,C]; conversely, zero-extending W_L[R,:] and W_1[:,C]
// gives factors on the masks of I whose product is A. ∎ Hidden neurons of
// I|R,C with no input or no output are emptied (they contribute nothing
// whatever their weights), so the leaf's elimination has fewer variables.
//
// Claims 7–9 (onto_peel.go) add peel covers: symbolic Gaussian
// elimination of the leaf's matrix one neuron at a time (a pivot entry
// that is a constant, a monomial or linear in one free entry, with the
// points where it vanishes proved separately), ending in a star or group
// cover; with rank cuts, cut minors that are monomials or linear in one
// free entry are substituted first. On 4×4 patterns they settle most
// leaves the covers leave, in microseconds, before any elimination.
//
// Each remaining leaf is decided with the gauge branches of ALG-C stage 1 (algc.go:
// the per-neuron scaling fixed at the first non-zero of every hidden row):
// the quantifier elimination of ∃θ_p : Φ(θ_p) = A_λ(x) for every branch p,
// then the CAD decision of ∀x ∨_p φ_p(x). A branch whose result is
// already "true" ends the leaf. A leaf decided false proves L_I ≠ H; its
// rational point outside L_I, if it has a Nullstellensatz proof and a
// rational factor sequence (algc.go, ontoGapSequence: first the peeling of
// Claim 9 along random lines A0 + t·E, then Gröbner searches), proves
// NOT_CLOSED;
// otherwise nothing is claimed and ALG-C goes on with stage 1.
//
// # Lower-dimensional L_I: the rank-cut hull
//
// Claim 6 (rank cuts). For output neurons R and input neurons C, every
// A ∈ L_I has rank A[R,C] ≤ q(R,C), the largest number of vertex-disjoint
// paths from R to C in the layered graph of the masks. Proof: by Menger's
// theorem some set K of q(R,C) vertices meets every path from R to C.
// W_L[R,:]⋯W_1[:,C] = Σ over paths from R to C of the products of their
// weights. Every path meets K; group the paths by the first vertex v of K
// they meet (walking from the outputs). A path of group v is a segment
// from R to v meeting no other vertex of K followed by any segment from v
// to C, and every such pair is a path of group v, so the group's sum is
// a_v b_vᵀ (a_v sums the first segments by their start in R, b_v the second
// ones by their end in C). The product is Σ_{v∈K} a_v b_vᵀ, of rank at most
// |K| = q(R,C). ∎
//
// So L_I ⊆ H := Σ(P) ∩ {rank A[R,C] ≤ q(R,C) for all R, C}, a closed set
// (minors vanish), invariant under the scalings of Claim 1 (they do not
// change ranks). The leaf test then decides H ⊆ L_I the same way: a leaf
// must satisfy ∀x (x ∈ H ⇒ ∃θ …); leaves outside H (a constant block of
// too large a rank, or rank cuts no x satisfies) need nothing. When every
// leaf passes, L_I = H is closed (rule "rank_hull"; "onto" when H = Σ(P),
// that is when no cut is non-trivial). The cuts are exact (a max-flow
// computation), so the necessary half L_I ⊆ H never rests on a random
// point; Verify re-checks it on random products.
//
// # Trust
//
// A CLOSED verdict rests on the quantifier elimination of the leaves,
// exactly as the "qe" descriptions of ALG-C do (verify_formula.go), and on
// the covers and peel proofs, which are explicit factorisations (the
// tests rebuild the factors from every cover and replay peel proofs at
// random points, multiplying back exactly): the
// certificate's description is H written as a D9 formula (the entries off
// P are zero, the cuts are rank atoms), with QEStats rule "onto" or
// "rank_hull" and the numbers of leaves and eliminations, and Verify
// re-checks what it can independently (D9 shape, the support, random
// products in H). NOT_CLOSED verdicts from gap points rest on nothing
// trusted: both halves are checked by expansion.

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/semialg"
)

// maxOntoLeaves bounds the case tree (16,145 leaves for a full 4×4
// pattern; a full 5×5 pattern would have millions): beyond it ontoLeaves
// stops and returns more than maxOntoLeaves leaves, and the test is not
// run.
const maxOntoLeaves = 200_000

// ontoLeaves returns the leaves of the normalisation case tree for the
// m×n pattern P (row-major kinds: entryZero off P and for entries decided
// zero, entryOne for normalised entries, entryFree for the rest).
func ontoLeaves(P Mask) [][]int8 {
	m, n := P.Rows(), P.Cols()
	if m == 0 || n == 0 {
		return nil
	}
	var cells []int
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			if P.At(i, j) {
				cells = append(cells, i*n+j)
			}
		}
	}
	var out [][]int8
	leaf := make([]int8, m*n)
	for x := range leaf {
		leaf[x] = entryZero
	}
	parent := make([]int, m+n) // union–find: rows 0..m−1, columns m..m+n−1
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			x = parent[x]
		}
		return x
	}
	var rec func(c int)
	rec = func(c int) {
		if len(out) > maxOntoLeaves {
			return
		}
		if c == len(cells) {
			out = append(out, append([]int8(nil), leaf...))
			return
		}
		e := cells[c]
		i, j := e/n, e%n
		ri, rj := find(i), find(m+j)
		if ri == rj {
			leaf[e] = entryFree
			rec(c + 1)
			return
		}
		leaf[e] = entryZero
		rec(c + 1)
		leaf[e] = entryOne
		parent[ri] = rj
		rec(c + 1)
		parent[ri] = ri // union without path compression: undo is exact
		leaf[e] = entryZero
	}
	for x := range parent {
		parent[x] = x
	}
	rec(0)
	return out
}

// freeCount is the number of free entries of a leaf.
func freeCount(leaf []int8) int {
	c := 0
	for _, k := range leaf {
		if k == entryFree {
			c++
		}
	}
	return c
}

// genericRank is the rank of the Jacobian of Φ_I at a pseudo-random point,
// computed modulo a prime: a lower bound for the generic rank, which equals
// dim L_I, and equal to it unless the point is unlucky. It only decides
// whether the hull test with an empty set of cuts is worth running.
func genericRank(s Support, seed int64) int {
	const p = 2147483629 // prime below 2^31
	rng := rand.New(rand.NewSource(seed))
	L := s.Depth()
	W := make([][][]int64, L) // output-first, as s.Masks
	for q, mk := range s.Masks {
		W[q] = make([][]int64, mk.Rows())
		for i := range W[q] {
			W[q][i] = make([]int64, mk.Cols())
			for j := range W[q][i] {
				if mk.At(i, j) {
					W[q][i][j] = 1 + rng.Int63n(p-1)
				}
			}
		}
	}
	mul := func(a, b [][]int64) [][]int64 {
		if a == nil {
			return b
		}
		if b == nil {
			return a
		}
		c := make([][]int64, len(a))
		for i := range c {
			c[i] = make([]int64, len(b[0]))
			for k := range b {
				if a[i][k] == 0 {
					continue
				}
				for j := range c[i] {
					c[i][j] = (c[i][j] + a[i][k]*b[k][j]) % p
				}
			}
		}
		return c
	}
	w := s.Widths()
	m, n := w[L], w[0]
	var rows [][]int64
	for q := range W {
		var left, right [][]int64 // W_L⋯ above layer q, below it
		for x := 0; x < q; x++ {
			left = mul(left, W[x])
		}
		for x := q + 1; x < L; x++ {
			right = mul(right, W[x])
		}
		mk := s.Masks[q]
		for a := 0; a < mk.Rows(); a++ {
			for b := 0; b < mk.Cols(); b++ {
				if !mk.At(a, b) {
					continue
				}
				// ∂Φ/∂W[a][b] = left[:, a] · right[b, :]
				row := make([]int64, m*n)
				for i := 0; i < m; i++ {
					li := int64(1)
					if left != nil {
						li = left[i][a]
					} else if i != a {
						continue
					}
					if li == 0 {
						continue
					}
					for j := 0; j < n; j++ {
						rj := int64(1)
						if right != nil {
							rj = right[b][j]
						} else if j != b {
							continue
						}
						row[i*n+j] = li * rj % p
					}
				}
				rows = append(rows, row)
			}
		}
	}
	inv := func(a int64) int64 { // a^(p−2) mod p
		r, b, e := int64(1), a%p, int64(p-2)
		for e > 0 {
			if e&1 == 1 {
				r = r * b % p
			}
			b = b * b % p
			e >>= 1
		}
		return r
	}
	rank := 0
	for c := 0; c < m*n && rank < len(rows); c++ {
		piv := -1
		for r := rank; r < len(rows); r++ {
			if rows[r][c] != 0 {
				piv = r
				break
			}
		}
		if piv < 0 {
			continue
		}
		rows[rank], rows[piv] = rows[piv], rows[rank]
		iv := inv(rows[rank][c])
		for r := rank + 1; r < len(rows); r++ {
			if f := rows[r][c]; f != 0 {
				f = f * iv % p
				for x := c; x < m*n; x++ {
					rows[r][x] = ((rows[r][x]-f*rows[rank][x])%p + p) % p
				}
			}
		}
		rank++
	}
	return rank
}

// ontoResult is the outcome of the hull test.
type ontoResult struct {
	onto     bool   // L_I = Σ(P) proved
	decided  bool   // false: a limit or the deadline stopped the test
	reason   string // why not onto, or what stopped it
	leaves   int
	stars    int // leaves decided by a star or group cover, or outside the hull
	cached   int // leaves found in leafCache
	peeled   int // leaves proved by a peel cover (onto_peel.go)
	branches int // QE calls made
	// cuts are the rank conditions of the hull (empty: the hull is Σ(P)).
	cuts []rankCut
	// gap, when the test decided "not onto", is a rational point of
	// Σ(P) \ L_I (row-major m·n), if one was found.
	gap []*big.Rat
}

// ontoCheck decides whether Φ_I maps onto Σ(P) (see the file comment),
// within the budget's limits and the context's deadline.
func ontoCheck(ctx context.Context, s Support, b AlgCBudget) (ontoResult, error) {
	var res ontoResult
	if err := ctx.Err(); err != nil {
		return res, err
	}
	P := boolProduct(s)
	m, n := P.Rows(), P.Cols()
	cells := P.Count()
	cuts := rankCuts(s)
	res.cuts = cuts
	if r := genericRank(s, 1); r < cells && len(cuts) == 0 {
		res.decided = true
		res.reason = fmt.Sprintf("dim L_I = %d < %d = |P| (generic Jacobian rank) and no rank cut bounds it: L_I is not Σ(P)", r, cells)
		// A generic rank below |P| at a random point can only be
		// unlucky, never too high; not onto is then certain only if
		// another point agrees — it does not matter here, as nothing is
		// claimed from it.
		return res, nil
	}
	if _, ok := gaugeBranchCount(gaugeNeurons(s), b.MaxBranches); !ok {
		res.reason = fmt.Sprintf("more than %d gauge branches", b.MaxBranches)
		return res, nil
	}
	leaves := ontoLeaves(P)
	res.leaves = len(leaves)
	if len(leaves) > maxOntoLeaves {
		res.reason = fmt.Sprintf("more than %d normalised leaves", maxOntoLeaves)
		return res, nil
	}
	// Leaves with fewer free entries first: they are the cheap ones, and
	// a point outside L_I, when there is one, is most often a leaf with
	// no free entry at all, so a "not onto" answer comes early.
	sort.SliceStable(leaves, func(a, b int) bool { return freeCount(leaves[a]) < freeCount(leaves[b]) })
	for li, leaf := range leaves {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if coverable(s, leaf, m, n) {
			res.stars++
			continue
		}
		conds, vacuous := leafCuts(leaf, m, n, cuts)
		if vacuous {
			res.stars++
			continue
		}
		// Zero rows and columns of the leaf are dropped (Claim 4). The
		// free entries keep their row-major order, and their names are
		// those of the restricted matrix (stage1Leaf's ring).
		ls, lleaf := restrictLeaf(s, leaf, m, n)
		ln := ls.Masks[ls.Depth()-1].Cols()
		var names []string
		for x, k := range lleaf {
			if k == entryFree {
				names = append(names, aName(x/ln, x%ln))
			}
		}
		condText := ""
		if len(conds) > 0 {
			var err error
			if condText, err = cutsText(leaf, m, n, names, conds); err != nil {
				return res, err
			}
		}
		cacheKey := ls.String() + "|" + leafString(lleaf, ls.Masks[0].Rows(), ln) + "|" + condText
		if leafCache.known(cacheKey) {
			res.cached++
			continue
		}
		if len(conds) == 0 && peelCover(ls, lleaf, ls.Masks[0].Rows(), ln) ||
			len(conds) > 0 && peelCoverCuts(s, leaf, m, n, conds) {
			res.peeled++
			leafCache.add(cacheKey)
			continue
		}
		if len(conds) > 0 && len(names) > 0 {
			// A leaf on which no x satisfies the rank cuts is outside
			// the hull: nothing to show.
			sat, err := ontoCovered(ctx, names, nil, condText, b)
			if err != nil {
				return res, ontoStopped(&res, err, li, len(leaves))
			}
			if sat {
				res.stars++
				leafCache.add(cacheKey)
				continue
			}
		}
		lgn := gaugeNeurons(ls)
		lnb, ok := gaugeBranchCount(lgn, b.MaxBranches)
		if !ok { // cannot happen: restriction only removes choices
			res.reason = fmt.Sprintf("more than %d gauge branches in normalised leaf %d", b.MaxBranches, li+1)
			return res, nil
		}
		lchoice := make([]int, len(lgn))
		// Pass 1 gives every gauge branch a short time slice; the
		// branches it could not finish are retried in pass 2 only when the
		// finished ones do not already cover every x.
		var parts []string
		var postponed []int
		done := false
		run := func(br int, slice time.Duration) (bool, error) {
			gaugeChoice(lgn, br, lchoice)
			f, err := stage1Leaf(ls, lgn, lchoice, lleaf)
			if err != nil {
				return false, err
			}
			res.branches++
			bctx, cancel := ctx, context.CancelFunc(func() {})
			if slice > 0 {
				bctx, cancel = context.WithTimeout(ctx, slice)
			}
			defer cancel()
			var phi *semialg.Formula
			err = guarded(bctx, func(c context.Context) error {
				var e error
				if len(names) == 0 {
					var t bool
					t, e = semialg.DecideWithLimits(c, f, b.Limits)
					phi = semialg.Bool(t)
					return e
				}
				phi, e = semialg.QEWithLimits(c, f, b.Limits)
				return e
			})
			if err != nil {
				return false, err
			}
			phi = semialg.Simplify(phi)
			switch phi.Op() {
			case semialg.OpTrue:
				done = true
			case semialg.OpFalse:
			default:
				parts = append(parts, "("+phi.String()+")")
			}
			return true, nil
		}
		for br := 0; br < lnb && !done; br++ {
			if err := ctx.Err(); err != nil {
				return res, err
			}
			ok, err := run(br, ontoSlice)
			if err != nil && ctx.Err() == nil && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, errOverrun) || errors.Is(err, semialg.ErrLimit)) {
				postponed = append(postponed, br)
				continue
			}
			if err != nil {
				return res, ontoStopped(&res, err, li, len(leaves))
			}
			_ = ok
		}
		if done {
			leafCache.add(cacheKey)
			continue
		}
		valid, err := ontoCovered(ctx, names, parts, condText, b)
		if err != nil {
			return res, ontoStopped(&res, err, li, len(leaves))
		}
		for _, br := range postponed {
			if valid || done {
				break
			}
			if _, err := run(br, 0); err != nil {
				return res, ontoStopped(&res, err, li, len(leaves))
			}
			if !done {
				if valid, err = ontoCovered(ctx, names, parts, condText, b); err != nil {
					return res, ontoStopped(&res, err, li, len(leaves))
				}
			}
		}
		if done || valid {
			leafCache.add(cacheKey)
			continue
		}
		res.decided = true
		res.reason = fmt.Sprintf("normalised leaf %d of %d (%s) is not everything: L_I there is {%s}", li+1, len(leaves), leafString(leaf, m, n), strings.Join(parts, " \\/ "))
		if len(parts) == 0 {
			res.reason = fmt.Sprintf("normalised leaf %d of %d (%s) is not in L_I", li+1, len(leaves), leafString(leaf, m, n))
		}
		res.gap = leafGap(ctx, leaf, names, parts, condText, b)
		return res, nil
	}
	res.onto, res.decided = true, true
	return res, nil
}

// A rankCut is the condition rank A[rows, cols] ≤ q, which every product
// satisfies when q is the largest number of vertex-disjoint paths from
// the output neurons rows to the input neurons cols in the layered graph
// of the masks (Claim 6).
type rankCut struct {
	rows, cols []int
	q          int
}

// rankCuts returns the non-trivial rank cuts of s (q < min(|R|, |C|)),
// without the ones implied by another (R ⊆ R', C ⊆ C', q' ≤ q).
func rankCuts(s Support) []rankCut {
	P := boolProduct(s)
	m, n := P.Rows(), P.Cols()
	if m > 8 || n > 8 {
		return nil
	}
	var all []rankCut
	for rm := 1; rm < 1<<m; rm++ {
		rows := bitsOf(rm, m)
		if len(rows) < 2 {
			continue
		}
		for cm := 1; cm < 1<<n; cm++ {
			cols := bitsOf(cm, n)
			if len(cols) < 2 {
				continue
			}
			q := disjointPaths(s, rows, cols)
			// A cut no smaller than the term rank of P[R,C] (the largest
			// matching of its cells) is implied by the support itself.
			if q < termRank(P, rows, cols) {
				all = append(all, rankCut{rows: rows, cols: cols, q: q})
			}
		}
	}
	subset := func(a, b []int) bool {
		in := map[int]bool{}
		for _, x := range b {
			in[x] = true
		}
		for _, x := range a {
			if !in[x] {
				return false
			}
		}
		return true
	}
	var out []rankCut
	for x, c := range all {
		implied := false
		for y, d := range all {
			if x != y && d.q <= c.q && subset(c.rows, d.rows) && subset(c.cols, d.cols) &&
				(len(d.rows) > len(c.rows) || len(d.cols) > len(c.cols) || d.q < c.q) {
				implied = true
				break
			}
		}
		if !implied {
			out = append(out, c)
		}
	}
	return out
}

// termRank is the largest number of cells of P[rows, cols] no two in a
// row or a column (a maximum bipartite matching): an upper bound for the
// rank of every matrix supported on P.
func termRank(P Mask, rows, cols []int) int {
	match := make(map[int]int) // column → row
	var try func(i int, seen map[int]bool) bool
	try = func(i int, seen map[int]bool) bool {
		for _, j := range cols {
			if !P.At(i, j) || seen[j] {
				continue
			}
			seen[j] = true
			if r, ok := match[j]; !ok || try(r, seen) {
				match[j] = i
				return true
			}
		}
		return false
	}
	size := 0
	for _, i := range rows {
		if try(i, map[int]bool{}) {
			size++
		}
	}
	return size
}

func bitsOf(mask, n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		if mask>>i&1 == 1 {
			out = append(out, i)
		}
	}
	return out
}

// disjointPaths is the largest number of vertex-disjoint paths from the
// output neurons rows to the input neurons cols through the masks of s
// (Menger: the smallest vertex cut), by augmenting paths on the graph
// with every vertex split into an arc of capacity 1.
func disjointPaths(s Support, rows, cols []int) int {
	L := s.Depth()
	// Vertices: layer ℓ = 0 (inputs) … L (outputs); id(ℓ, i).
	w := s.Widths()
	base := make([]int, L+2)
	for l := 0; l <= L; l++ {
		base[l+1] = base[l] + w[l]
	}
	nv := base[L+1]
	// Split vertex v into in = 2v, out = 2v+1; source S, sink T.
	S, T := 2*nv, 2*nv+1
	cap := map[[2]int]int{}
	adj := make([][]int, 2*nv+2)
	addArc := func(a, b int) {
		if _, ok := cap[[2]int{a, b}]; !ok {
			adj[a] = append(adj[a], b)
			adj[b] = append(adj[b], a)
		}
		cap[[2]int{a, b}] = 1
	}
	for v := 0; v < nv; v++ {
		addArc(2*v, 2*v+1)
	}
	// Arcs from outputs (layer L) down to inputs (layer 0): W_ℓ[i][j]
	// links vertex i of layer ℓ to vertex j of layer ℓ−1.
	for l := L; l >= 1; l-- {
		mk := s.Layer(l)
		for i := 0; i < mk.Rows(); i++ {
			for j := 0; j < mk.Cols(); j++ {
				if mk.At(i, j) {
					addArc(2*(base[l]+i)+1, 2*(base[l-1]+j))
				}
			}
		}
	}
	for _, i := range rows {
		addArc(S, 2*(base[L]+i))
	}
	for _, j := range cols {
		addArc(2*(base[0]+j)+1, T)
	}
	flow := 0
	for {
		prev := make([]int, len(adj))
		for x := range prev {
			prev[x] = -1
		}
		prev[S] = S
		queue := []int{S}
		for len(queue) > 0 && prev[T] < 0 {
			a := queue[0]
			queue = queue[1:]
			for _, b := range adj[a] {
				if prev[b] < 0 && cap[[2]int{a, b}] > 0 {
					prev[b] = a
					queue = append(queue, b)
				}
			}
		}
		if prev[T] < 0 {
			return flow
		}
		for b := T; b != S; b = prev[b] {
			a := prev[b]
			cap[[2]int{a, b}]--
			cap[[2]int{b, a}]++
		}
		flow++
	}
}

// leafCuts returns the rank cuts that still constrain the leaf's free
// entries, dropping those that hold for every x (a constant block of rank
// ≤ q, or a block with at most q non-zero rows or columns); vacuous is
// true when a constant block violates its cut (no point of the leaf lies
// in the hull).
func leafCuts(leaf []int8, m, n int, cuts []rankCut) (out []rankCut, vacuous bool) {
	for _, c := range cuts {
		nzRows, nzCols := 0, 0
		constant := true
		for _, i := range c.rows {
			for _, j := range c.cols {
				if leaf[i*n+j] != entryZero {
					nzRows++
					break
				}
			}
		}
		for _, j := range c.cols {
			for _, i := range c.rows {
				if leaf[i*n+j] != entryZero {
					nzCols++
					break
				}
			}
		}
		if min(nzRows, nzCols) <= c.q {
			continue
		}
		M := make([][]*big.Rat, len(c.rows))
		for a, i := range c.rows {
			M[a] = make([]*big.Rat, len(c.cols))
			for b, j := range c.cols {
				switch leaf[i*n+j] {
				case entryFree:
					constant = false
				case entryOne:
					M[a][b] = big.NewRat(1, 1)
				default:
					M[a][b] = new(big.Rat)
				}
			}
		}
		if constant {
			if Rank(RatMatrix(M)) > c.q {
				return nil, true
			}
			continue
		}
		out = append(out, c)
	}
	return out, false
}

// cutsText writes the leaf's rank cuts as a formula over the free entries
// (names, in the leaf's row-major order of free cells).
func cutsText(leaf []int8, m, n int, names []string, cuts []rankCut) (string, error) {
	name := map[int]string{}
	f := 0
	for x, k := range leaf {
		if k == entryFree {
			if f >= len(names) {
				return "", fmt.Errorf("relu: onto: leaf has more free entries than names")
			}
			name[x] = names[f]
			f++
		}
	}
	var atoms []string
	for _, c := range cuts {
		var rows []string
		for _, i := range c.rows {
			var es []string
			for _, j := range c.cols {
				switch leaf[i*n+j] {
				case entryFree:
					es = append(es, name[i*n+j])
				case entryOne:
					es = append(es, "1")
				default:
					es = append(es, "0")
				}
			}
			rows = append(rows, "["+strings.Join(es, ", ")+"]")
		}
		atoms = append(atoms, fmt.Sprintf("rank([%s]) <= %d", strings.Join(rows, ", "), c.q))
	}
	return strings.Join(atoms, " /\\ "), nil
}

// hullFormula is the hull Σ(P) ∩ {rank cuts} as a D9 formula in A_<i>_<j>.
func hullFormula(P Mask, cuts []rankCut) string {
	f := supportFormula(P)
	var atoms []string
	if f != "true" {
		atoms = append(atoms, f)
	}
	for _, c := range cuts {
		var rows []string
		for _, i := range c.rows {
			var es []string
			for _, j := range c.cols {
				es = append(es, aName(i, j))
			}
			rows = append(rows, "["+strings.Join(es, ", ")+"]")
		}
		atoms = append(atoms, fmt.Sprintf("rank([%s]) <= %d", strings.Join(rows, ", "), c.q))
	}
	if len(atoms) == 0 {
		return "true"
	}
	return strings.Join(atoms, " /\\ ")
}

// A coverGroup is a set of hidden neurons (a group of Claim 5) and the
// cells (row-major indices) assigned to it.
type coverGroup struct {
	neurons []int
	cells   []int
}

// groupCover looks for a group cover of the leaf (Claim 5 of the file
// comment): disjoint groups G of at most three neurons, each taking cells
// inside the intersection of its neurons' rectangles whose rows R' and
// columns C' satisfy min(|R'|, |C'|) ≤ |G|. It returns nil when none is
// found within the search budget; only for two factors.
func groupCover(s Support, leaf []int8, m, n int) []coverGroup {
	if s.Depth() != 2 {
		return nil
	}
	W2, W1 := s.Masks[0], s.Masks[1]
	r := W1.Rows()
	type pseudo struct {
		neurons []int
		in      func(i, j int) bool
	}
	var ps []pseudo
	for size := 1; size <= 3 && size <= r; size++ {
		var rec func(start int, cur []int)
		rec = func(start int, cur []int) {
			if len(cur) == size {
				g := append([]int(nil), cur...)
				ps = append(ps, pseudo{neurons: g, in: func(i, j int) bool {
					for _, k := range g {
						if !W2.At(i, k) || !W1.At(k, j) {
							return false
						}
					}
					return true
				}})
				return
			}
			for k := start; k < r; k++ {
				rec(k+1, append(cur, k))
			}
		}
		rec(0, nil)
	}
	var cells []int
	for x, k := range leaf {
		if k != entryZero {
			cells = append(cells, x)
		}
	}
	owner := make([]int, r) // pseudo index using neuron k, or −1
	for k := range owner {
		owner[k] = -1
	}
	assigned := make([][]int, len(ps))
	fits := func(P int, c int) bool {
		rows, cols := map[int]bool{c / n: true}, map[int]bool{c % n: true}
		for _, d := range assigned[P] {
			rows[d/n], cols[d%n] = true, true
		}
		// Every cell of R' × C' must lie in the group's common
		// rectangle (the rank-≤|G| matrix on the block is spread over
		// the whole block).
		for i := range rows {
			for j := range cols {
				if !ps[P].in(i, j) {
					return false
				}
			}
		}
		return min(len(rows), len(cols)) <= len(ps[P].neurons)
	}
	steps := 0
	var rec func(x int) bool
	rec = func(x int) bool {
		if steps++; steps > starBudget {
			return false
		}
		if x == len(cells) {
			return true
		}
		c := cells[x]
		for P := range ps {
			if !ps[P].in(c/n, c%n) {
				continue
			}
			free := true
			for _, k := range ps[P].neurons {
				if owner[k] != -1 && owner[k] != P {
					free = false
					break
				}
			}
			if !free || !fits(P, c) {
				continue
			}
			for _, k := range ps[P].neurons {
				owner[k] = P
			}
			assigned[P] = append(assigned[P], c)
			if rec(x + 1) {
				return true
			}
			assigned[P] = assigned[P][:len(assigned[P])-1]
			if len(assigned[P]) == 0 {
				for _, k := range ps[P].neurons {
					owner[k] = -1
				}
			}
		}
		return false
	}
	if !rec(0) {
		return nil
	}
	var out []coverGroup
	for P := range ps {
		if len(assigned[P]) > 0 {
			out = append(out, coverGroup{neurons: ps[P].neurons, cells: assigned[P]})
		}
	}
	return out
}

// restrictLeaf drops the zero rows and columns of a leaf (Claim 4 of the
// file comment): it returns the restricted support I|R,C, with the hidden
// neurons that lost all their inputs or outputs emptied (repeatedly), and
// the leaf's kinds on R × C. With no zero row or column it returns s and
// leaf.
func restrictLeaf(s Support, leaf []int8, m, n int) (Support, []int8) {
	var R, C []int
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			if leaf[i*n+j] != entryZero {
				R = append(R, i)
				break
			}
		}
	}
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			if leaf[i*n+j] != entryZero {
				C = append(C, j)
				break
			}
		}
	}
	if len(R) == m && len(C) == n || len(R) == 0 {
		return s, leaf
	}
	L := s.Depth()
	masks := make([]Mask, L)
	copy(masks, s.Masks)
	top := ZeroMask(len(R), masks[0].Cols())
	for a, i := range R {
		for k := 0; k < top.cols; k++ {
			top.bits[a*top.cols+k] = masks[0].At(i, k)
		}
	}
	masks[0] = top
	low := masks[L-1]
	bot := ZeroMask(low.Rows(), len(C))
	for k := 0; k < bot.rows; k++ {
		for b, j := range C {
			bot.bits[k*bot.cols+b] = low.At(k, j)
		}
	}
	masks[L-1] = bot
	// Dead hidden neurons: no output (column of the upper mask empty) or
	// no input (row of the lower mask empty) contribute nothing.
	for changed := true; changed; {
		changed = false
		for q := 0; q+1 < L; q++ {
			up, lo := masks[q], masks[q+1]
			for k := 0; k < up.Cols(); k++ {
				out, in := false, false
				for i := 0; i < up.Rows(); i++ {
					out = out || up.At(i, k)
				}
				for j := 0; j < lo.Cols(); j++ {
					in = in || lo.At(k, j)
				}
				if out != in { // one side empty, the other not: empty it
					for i := 0; i < up.Rows(); i++ {
						up = up.With(i, k, false)
					}
					for j := 0; j < lo.Cols(); j++ {
						lo = lo.With(k, j, false)
					}
					changed = true
				}
			}
			masks[q], masks[q+1] = up, lo
		}
	}
	sub := make([]int8, 0, len(R)*len(C))
	for _, i := range R {
		for _, j := range C {
			sub = append(sub, leaf[i*n+j])
		}
	}
	return Support{Masks: masks}, sub
}

// starCover returns a star cover of the leaf (Claim 3 of the file
// comment: the cells, row-major indices, assigned to each hidden neuron),
// or nil when none is found within a fixed search budget; only for two
// factors.
func starCover(s Support, leaf []int8, m, n int) [][]int {
	if s.Depth() != 2 {
		return nil
	}
	steps := 0
	W2, W1 := s.Masks[0], s.Masks[1]
	r := W1.Rows()
	var cells []int
	for x, k := range leaf {
		if k != entryZero {
			cells = append(cells, x)
		}
	}
	// State per neuron: the assigned cells.
	assigned := make([][]int, r)
	ok := func(k int) bool {
		cs := assigned[k]
		if len(cs) <= 1 {
			return true
		}
		sameRow, sameCol, ones := true, true, true
		for _, c := range cs {
			sameRow = sameRow && c/n == cs[0]/n
			sameCol = sameCol && c%n == cs[0]%n
			ones = ones && leaf[c] == entryOne
		}
		if sameRow || sameCol {
			return true
		}
		if !ones {
			return false
		}
		// Ones filling R' × C': every pair (row of one, column of
		// another) must itself be assigned. Partial sets are accepted
		// during the search only if they can still grow into one; the
		// final check is exact (see full below).
		return true
	}
	full := func(k int) bool {
		cs := assigned[k]
		if len(cs) <= 1 {
			return true
		}
		rows, cols, in := map[int]bool{}, map[int]bool{}, map[int]bool{}
		sameRow, sameCol := true, true
		for _, c := range cs {
			rows[c/n], cols[c%n], in[c] = true, true, true
			sameRow = sameRow && c/n == cs[0]/n
			sameCol = sameCol && c%n == cs[0]%n
		}
		if sameRow || sameCol {
			return true
		}
		for i := range rows {
			for j := range cols {
				if !in[i*n+j] || leaf[i*n+j] != entryOne {
					return false
				}
			}
		}
		return true
	}
	var rec func(x int) bool
	rec = func(x int) bool {
		if steps++; steps > starBudget {
			return false
		}
		if x == len(cells) {
			for k := 0; k < r; k++ {
				if !full(k) {
					return false
				}
			}
			return true
		}
		c := cells[x]
		i, j := c/n, c%n
		for k := 0; k < r; k++ {
			if !W2.At(i, k) || !W1.At(k, j) {
				continue
			}
			assigned[k] = append(assigned[k], c)
			if ok(k) && rec(x+1) {
				return true
			}
			assigned[k] = assigned[k][:len(assigned[k])-1]
		}
		return false
	}
	if !rec(0) {
		return nil
	}
	return assigned
}

// starBudget bounds the backtracking of starCover (nodes visited).
const starBudget = 20000

// leafGap returns a rational point of the leaf outside L_I: the leaf itself
// when it has no free entries, else a rational sample of ¬∨parts from the
// CAD (nil when the sample is irrational or the CAD does not finish).
func leafGap(ctx context.Context, leaf []int8, names, parts []string, conds string, b AlgCBudget) []*big.Rat {
	A := make([]*big.Rat, len(leaf))
	for x, k := range leaf {
		A[x] = new(big.Rat)
		if k == entryOne {
			A[x].SetInt64(1)
		}
	}
	if len(names) == 0 {
		return A
	}
	R, err := poly.NewRing(names, semialg.DefaultOrder)
	if err != nil {
		return nil
	}
	phi := semialg.False()
	if len(parts) > 0 {
		if phi, err = semialg.Parse(R, strings.Join(parts, " \\/ ")); err != nil {
			return nil
		}
	}
	gap := semialg.Not(phi)
	if conds != "" {
		c, err := semialg.Parse(R, conds)
		if err != nil {
			return nil
		}
		gap = semialg.And(c, gap)
	}
	all := make([]int, len(names))
	for x := range all {
		all[x] = x
	}
	var ok bool
	var pt []*poly.RealAlg
	err = guarded(ctx, func(c context.Context) error {
		var e error
		ok, pt, e = semialg.WitnessWithLimits(c, semialg.Ex(R, all, gap), b.Limits)
		return e
	})
	if err != nil || !ok {
		return nil
	}
	q, ok := rationalPoint(pt, len(names))
	if !ok {
		return nil
	}
	f := 0
	for x, k := range leaf {
		if k == entryFree {
			A[x] = q[f]
			f++
		}
	}
	return A
}

// leafCache remembers the leaf problems already shown to hold — the
// statement "∀x (cuts(x) ⇒ A_λ(x) ∈ L_J)" for the restricted support J,
// the restricted leaf and its cut formula, all three in the key, so a hit
// is the same statement — for the other supports of a census, which share
// many small restricted problems. Bounded; cleared when full.
var leafCache = &stringSet{max: 1 << 18}

type stringSet struct {
	mu  sync.Mutex
	m   map[string]struct{}
	max int
}

func (c *stringSet) known(k string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.m[k]
	return ok
}

func (c *stringSet) add(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= c.max {
		c.m = map[string]struct{}{}
	}
	c.m[k] = struct{}{}
}

// ontoSlice is the time a gauge branch gets in the first pass over a leaf.
const ontoSlice = time.Second

// ontoCovered decides ∀x (conds ⇒ ∨ parts) (parts are QE results over
// the free entries names; conds, when not empty, the leaf's rank cuts).
func ontoCovered(ctx context.Context, names, parts []string, conds string, b AlgCBudget) (bool, error) {
	if len(parts) == 0 && conds == "" {
		return false, nil
	}
	text := "false"
	if len(parts) > 0 {
		text = strings.Join(parts, " \\/ ")
	}
	if conds != "" {
		text = "(" + conds + ") ==> (" + text + ")"
	}
	if len(names) == 0 {
		names = []string{"onto_unused"}
	}
	R, err := poly.NewRing(names, semialg.DefaultOrder)
	if err != nil {
		return false, err
	}
	phi, err := semialg.Parse(R, text)
	if err != nil {
		return false, fmt.Errorf("relu: onto: re-reading a leaf's QE result: %w", err)
	}
	all := make([]int, len(names))
	for x := range all {
		all[x] = x
	}
	var valid bool
	err = guarded(ctx, func(c context.Context) error {
		var e error
		valid, e = semialg.DecideWithLimits(c, semialg.All(R, all, phi), b.Limits)
		return e
	})
	return valid, err
}

// ontoStopped records why the test stopped (a limit or the deadline) and
// returns the error to pass on (only the caller's cancellation).
func ontoStopped(res *ontoResult, err error, li, nl int) error {
	switch {
	case errors.Is(err, context.Canceled):
		return err
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, errOverrun):
		res.reason = fmt.Sprintf("time limit exceeded in normalised leaf %d of %d", li+1, nl)
	case errors.Is(err, semialg.ErrLimit):
		res.reason = fmt.Sprintf("CAD limits exceeded in normalised leaf %d of %d", li+1, nl)
	default:
		res.reason = fmt.Sprintf("normalised leaf %d of %d: %v", li+1, nl, err)
	}
	return nil
}

// leafString prints a leaf as a matrix of 0, 1 and * (free).
func leafString(leaf []int8, m, n int) string {
	var sb strings.Builder
	for i := 0; i < m; i++ {
		if i > 0 {
			sb.WriteByte('/')
		}
		for j := 0; j < n; j++ {
			switch leaf[i*n+j] {
			case entryZero:
				sb.WriteByte('0')
			case entryOne:
				sb.WriteByte('1')
			default:
				sb.WriteByte('*')
			}
		}
	}
	return sb.String()
}
