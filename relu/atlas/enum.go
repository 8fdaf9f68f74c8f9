package atlas

// Orbit enumeration and canonical forms under the symmetries of MATH.md D1.
//
// The group. A support of shape N_L,…,N_0 is a list of masks I_ℓ
// (N_ℓ × N_{ℓ−1}). The group G = S_{N_0} × ⋯ × S_{N_L} acts by relabelling
// the vertices of every layer: (σ·I)_ℓ[p][q] = I_ℓ[σ_ℓ(p)][σ_{ℓ−1}(q)]. When
// the shape is a palindrome, the transposition with reversal
// (I_L,…,I_1) ↦ (I_1ᵀ,…,I_Lᵀ) adds a factor 2.
//
// Representation. Layer ℓ is kept as its N_ℓ rows, each a bit mask over
// the N_{ℓ−1} columns (bit j = column j). Permuting the rows of I_ℓ
// (σ_ℓ) does not change the multiset of rows, so a layer up to σ_ℓ is a
// sorted row list; the only remaining freedom is the column permutation,
// which is the vertex permutation of layer ℓ−1.
//
// Canonical form, layer by layer (input side first). Let H_0 = S_{N_0}.
// Given the canonical layers c_1,…,c_{ℓ−1} and the group H_{ℓ−1} ⊆ S_{N_{ℓ−1}}
// of vertex permutations of layer ℓ−1 that extend to symmetries of the
// prefix, the canonical c_ℓ is the lexicographically smallest sorted row
// list among {sort(h·I_ℓ) : h ∈ H_{ℓ−1}} (h permutes columns), and
//
//	H_ℓ = {σ ∈ S_{N_ℓ} : ∃h ∈ H_{ℓ−1}, (σ, h)·c_ℓ = c_ℓ},
//
// the projection to layer ℓ of the stabilizer of the prefix c_1,…,c_ℓ. Any
// two frames that put the prefix in canonical form differ by an element of
// that stabilizer, so the minimum at the next layer does not depend on
// which minimizer was chosen: the tuple (c_1,…,c_L) is a function of the
// orbit. Ordering: tuples compare by c_1, then c_2, …, each row list
// lexicographically (rows as integers).
//
// Orderly generation. The same recursion enumerates one representative per
// orbit without ever storing the orbit: at level ℓ, every sorted row list
// R (a multiset of N_ℓ rows from 2^{N_{ℓ−1}} values) is kept iff no h in
// H_{ℓ−1} gives sort(h·R) < R; then H_ℓ is computed and the recursion
// descends. A kept tuple is exactly the canonical form of its orbit, and
// every orbit's canonical form is reached, so there are no duplicates and
// no gaps. For 4,4,4 this is 317 first layers (bipartite graphs up to
// isomorphism) times at most 3876 row multisets, each checked against at
// most 24 permutations.
//
// Transposition. For palindromic shapes a representative s is kept iff
// s ≤ canonical(sᵀ). Keys (Key) take the smaller of canonical(s) and
// canonical(sᵀ) over both orientations, comparing the widths (input first)
// before the rows, so supports of shape m,r,n and n,r,m share keys as D1
// demands.
//
// Independent checks (enum_test.go): the number of representatives equals
// Burnside's count (burnside.go, which shares no code with this file), and
// on small shapes the partition of all masks by Key equals the partition
// by relu.Key, a canonical form computed by a different method (colour
// refinement with candidate placements).

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/relucad/relucad/relu"
)

// perm is a vertex permutation: new position p holds old vertex p[p], with
// its column table t[row] = the row mask after permuting columns by p.
type perm struct {
	p []uint8
	t []uint32
}

func newPerm(p []uint8) *perm {
	n := len(p)
	t := make([]uint32, 1<<n)
	for r := range t {
		var v uint32
		for q := 0; q < n; q++ {
			if r>>p[q]&1 == 1 {
				v |= 1 << q
			}
		}
		t[r] = v
	}
	return &perm{p: p, t: t}
}

var (
	symMu    sync.Mutex
	symCache = map[int][]*perm{}
)

// symmetric returns all n! permutations of n points (identity first),
// shared and read-only.
func symmetric(n int) []*perm {
	symMu.Lock()
	defer symMu.Unlock()
	if s, ok := symCache[n]; ok {
		return s
	}
	s := genSymmetric(n)
	symCache[n] = s
	return s
}

func genSymmetric(n int) []*perm {
	var out []*perm
	a := make([]uint8, n)
	for i := range a {
		a[i] = uint8(i)
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			out = append(out, newPerm(append([]uint8(nil), a...)))
			return
		}
		for i := k; i < n; i++ {
			a[k], a[i] = a[i], a[k]
			rec(k + 1)
			a[k], a[i] = a[i], a[k]
		}
	}
	rec(0)
	return out
}

// sup is the internal form of a support: w = N_0..N_L (input first),
// rows[ℓ−1] = the rows of I_ℓ.
type sup struct {
	w    []int
	rows [][]uint32
}

func sortRows(r []uint32) {
	for i := 1; i < len(r); i++ {
		for j := i; j > 0 && r[j] < r[j-1]; j-- {
			r[j], r[j-1] = r[j-1], r[j]
		}
	}
}

func cmpRows(a, b []uint32) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// imageInto writes sort(h·R) into buf.
func imageInto(buf, R []uint32, h *perm) {
	for i, r := range R {
		buf[i] = h.t[r]
	}
	sortRows(buf)
}

// isMin reports whether the sorted row list R is minimal under H.
func isMin(R []uint32, H []*perm, buf []uint32) bool {
	for _, h := range H {
		imageInto(buf, R, h)
		if cmpRows(buf, R) < 0 {
			return false
		}
	}
	return true
}

// stab returns H' = {σ : ∃h ∈ H, (σ,h)·R = R} for a sorted row list R.
func stab(R []uint32, H []*perm) []*perm {
	n := len(R)
	seen := map[string]bool{}
	var out []*perm
	T := make([]uint32, n)
	sigma := make([]uint8, n)
	used := make([]bool, n)
	var rec func(p int)
	rec = func(p int) {
		if p == n {
			k := string(sigma)
			if !seen[k] {
				seen[k] = true
				out = append(out, newPerm(append([]uint8(nil), sigma...)))
			}
			return
		}
		for i := 0; i < n; i++ {
			if !used[i] && T[i] == R[p] {
				used[i] = true
				sigma[p] = uint8(i)
				rec(p + 1)
				used[i] = false
			}
		}
	}
	buf := make([]uint32, n)
	for _, h := range H {
		imageInto(buf, R, h)
		if cmpRows(buf, R) != 0 {
			continue
		}
		for i, r := range R {
			T[i] = h.t[r]
		}
		rec(0)
	}
	return out
}

// canonPerm returns the canonical form of s under the vertex permutations
// (no transposition).
func canonPerm(s sup) sup {
	L := len(s.rows)
	out := sup{w: s.w, rows: make([][]uint32, L)}
	H := symmetric(s.w[0])
	var sigma *perm // frame of the previous layer (nil: identity)
	for l := 0; l < L; l++ {
		n := s.w[l+1]
		R := make([]uint32, n)
		for i, r := range s.rows[l] {
			if sigma != nil {
				r = sigma.t[r]
			}
			R[i] = r
		}
		best := make([]uint32, n)
		var bestH *perm
		buf := make([]uint32, n)
		for _, h := range H {
			imageInto(buf, R, h)
			if bestH == nil || cmpRows(buf, best) < 0 {
				copy(best, buf)
				bestH = h
			}
		}
		out.rows[l] = best
		if l == L-1 {
			break
		}
		// The row permutation taking bestH·R to best (stable on ties).
		T := make([]uint32, n)
		for i, r := range R {
			T[i] = bestH.t[r]
		}
		idx := make([]uint8, n)
		for i := range idx {
			idx[i] = uint8(i)
		}
		sort.SliceStable(idx, func(a, b int) bool { return T[idx[a]] < T[idx[b]] })
		sigma = newPerm(idx)
		H = stab(best, H)
	}
	return out
}

func (s sup) transpose() sup {
	L := len(s.rows)
	t := sup{w: make([]int, L+1), rows: make([][]uint32, L)}
	for i := range s.w {
		t.w[i] = s.w[L-i]
	}
	for l := 1; l <= L; l++ {
		src := s.rows[L-l] // I_{L+1−l}, N_{L+1−l} × N_{L−l}
		rows := make([]uint32, t.w[l])
		for p := range rows {
			var v uint32
			for q, r := range src {
				if r>>p&1 == 1 {
					v |= 1 << q
				}
			}
			rows[p] = v
		}
		t.rows[l-1] = rows
	}
	return t
}

// cmpSup orders supports by widths (input first), then rows layer by layer.
func cmpSup(a, b sup) int {
	if len(a.w) != len(b.w) {
		if len(a.w) < len(b.w) {
			return -1
		}
		return 1
	}
	for i := range a.w {
		if a.w[i] != b.w[i] {
			if a.w[i] < b.w[i] {
				return -1
			}
			return 1
		}
	}
	for l := range a.rows {
		if c := cmpRows(a.rows[l], b.rows[l]); c != 0 {
			return c
		}
	}
	return 0
}

func (s sup) support() relu.Support {
	L := len(s.rows)
	masks := make([]relu.Mask, L)
	for l := 1; l <= L; l++ {
		m := relu.ZeroMask(s.w[l], s.w[l-1])
		for i, r := range s.rows[l-1] {
			for j := 0; j < s.w[l-1]; j++ {
				if r>>j&1 == 1 {
					m = m.With(i, j, true)
				}
			}
		}
		masks[L-l] = m
	}
	return relu.Support{Masks: masks}
}

func (s sup) String() string { return s.support().String() }

func fromSupport(x relu.Support) (sup, error) {
	if err := x.Validate(); err != nil {
		return sup{}, err
	}
	w := x.Widths()
	for _, n := range w {
		if n > MaxWidth {
			return sup{}, fmt.Errorf("atlas: support %s has a layer of width %d; at most %d is supported", x, n, MaxWidth)
		}
	}
	L := x.Depth()
	s := sup{w: w, rows: make([][]uint32, L)}
	for l := 1; l <= L; l++ {
		m := x.Layer(l)
		rows := make([]uint32, m.Rows())
		for i := range rows {
			for j := 0; j < m.Cols(); j++ {
				if m.At(i, j) {
					rows[i] |= 1 << j
				}
			}
		}
		s.rows[l-1] = rows
	}
	return s, nil
}

// canonical returns the D1 canonical form (both orientations).
func canonical(s sup) sup {
	a := canonPerm(s)
	b := canonPerm(s.transpose())
	if cmpSup(b, a) < 0 {
		return b
	}
	return a
}

// Canonical returns the canonical representative of the D1 orbit of s (see
// the file comment). Widths are limited to MaxWidth.
func Canonical(s relu.Support) (relu.Support, error) {
	x, err := fromSupport(s)
	if err != nil {
		return relu.Support{}, err
	}
	return canonical(x).support(), nil
}

// Key returns the spec string of Canonical(s): two supports have the same
// key iff one maps to the other under D1. It is the key of the atlas
// database. (It partitions supports exactly as relu.Key does; the strings
// differ because the representatives are chosen by another rule.)
func Key(s relu.Support) (string, error) {
	c, err := Canonical(s)
	if err != nil {
		return "", err
	}
	return c.String(), nil
}

// ShapeOf returns the shape (widths output-first) of a support.
func ShapeOf(s relu.Support) Shape {
	w := s.Widths()
	sh := make(Shape, len(w))
	for i := range w {
		sh[i] = w[len(w)-1-i]
	}
	return sh
}

// A Rep is one orbit representative produced by Enumerate: the support (in
// the requested shape), its key, and its position in the enumeration order.
//
// Weight is the number of supports of this shape in the orbit: the orbit
// of the vertex permutations has |G|/|Aut| elements, where the order of
// the automorphism group is accumulated level by level (Enumerate: with
// K_ℓ the automorphisms of the prefix fixing every vertex of layer ℓ,
// |Aut(prefix_ℓ)| = |H_ℓ|·|K_ℓ| and |K_ℓ| = |K_{ℓ−1}|·#{h ∈ H_{ℓ−1} fixing
// every row of c_ℓ}), and for palindromic shapes an orbit that is not closed under
// transposition is the union of two such orbits. Summing Weight over all
// representatives with k ones gives the binomial coefficient C(Bits, k)
// (checked in the tests).
type Rep struct {
	Index   int
	Support relu.Support
	Key     string
	Weight  uint64
}

// fixesRows counts the h in H with h·R_i = R_i for every row i.
func fixesRows(R []uint32, H []*perm) uint64 {
	n := uint64(0)
outer:
	for _, h := range H {
		for _, r := range R {
			if h.t[r] != r {
				continue outer
			}
		}
		n++
	}
	return n
}

// lastAut returns #{(σ, h) : h ∈ H, (σ, h)·R = R} for a sorted row list R:
// for every h with sort(h·R) = R, the σ are the bijections between equal
// rows, Π_v mult(v)! of them.
func lastAut(R []uint32, H []*perm, buf []uint32) uint64 {
	per := uint64(1)
	for i := 0; i < len(R); {
		j := i
		for j < len(R) && R[j] == R[i] {
			j++
			per *= uint64(j - i)
		}
		i = j
	}
	n := uint64(0)
	for _, h := range H {
		imageInto(buf, R, h)
		if cmpRows(buf, R) == 0 {
			n++
		}
	}
	return n * per
}

// Enumerate calls f once per D1 orbit of supports of shape sh, in a fixed
// deterministic order (see the file comment), with Index counting from 0.
// It stops early when f returns false or ctx is cancelled (returning the
// context's error).
func Enumerate(ctx context.Context, sh Shape, f func(Rep) bool) error {
	w := sh.widthsIn()
	L := len(w) - 1
	pal := sh.Palindromic()
	cur := sup{w: w, rows: make([][]uint32, L)}
	index := 0
	stop := false
	var err error
	gPerm := uint64(1)
	for _, n := range w {
		for k := 2; k <= n; k++ {
			gPerm *= uint64(k)
		}
	}
	// level l has the canonical layers 1..l in cur; H is H_l and kern is
	// |K_l|, the order of the subgroup of the prefix's automorphisms that
	// fix every vertex of layer l (|Aut(prefix)| = |H_l|·|K_l|).
	var aut uint64
	var level func(l int, H []*perm, kern uint64)
	level = func(l int, H []*perm, kern uint64) {
		if stop {
			return
		}
		if l == L {
			if index&1023 == 0 {
				if err = ctx.Err(); err != nil {
					stop = true
					return
				}
			}
			s := sup{w: w, rows: make([][]uint32, L)}
			for i := range cur.rows {
				s.rows[i] = append([]uint32(nil), cur.rows[i]...)
			}
			key := s
			weight := gPerm / aut
			t := canonPerm(s.transpose())
			c := cmpSup(t, s)
			if c < 0 {
				if pal {
					return // the transposed orbit's representative is smaller
				}
				key = t
			}
			if pal && c > 0 {
				weight *= 2
			}
			if !f(Rep{Index: index, Support: s.support(), Key: key.String(), Weight: weight}) {
				stop = true
			}
			index++
			return
		}
		n, vals := w[l+1], uint32(1)<<w[l]
		R := make([]uint32, n)
		buf := make([]uint32, n)
		cur.rows[l] = R
		var rec func(i int, lo uint32)
		rec = func(i int, lo uint32) {
			if stop {
				return
			}
			if i == n {
				if !isMin(R, H, buf) {
					return
				}
				if l+1 < L {
					level(l+1, stab(R, H), kern*fixesRows(R, H))
				} else {
					aut = kern * lastAut(R, H, buf)
					level(l+1, nil, 0)
				}
				cur.rows[l] = R
				return
			}
			for v := lo; v < vals; v++ {
				R[i] = v
				rec(i+1, v)
			}
		}
		rec(0, 0)
	}
	level(0, symmetric(w[0]), 1)
	return err
}

// Count returns the number of orbits of shape sh by running Enumerate.
func Count(ctx context.Context, sh Shape) (int, error) {
	n := 0
	err := Enumerate(ctx, sh, func(Rep) bool { n++; return true })
	return n, err
}
