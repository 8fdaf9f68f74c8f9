package relu

// Canonical forms under the symmetries of MATH.md D1.
//
// The group. A support of depth L has vertex layers 0..L of widths
// N_0..N_L; mask I_ℓ joins layer ℓ−1 (columns) to layer ℓ (rows). D1 lists
// the symmetries that preserve closedness of L_I: permuting the vertices of
// every layer independently (hidden layers: relabelling neurons; layers 0
// and L: permuting inputs and outputs), and the global transposition with
// reversal (I_L,…,I_1) ↦ (I_1ᵀ,…,I_Lᵀ). Canonical(s) returns one fixed
// representative of the orbit of s under this group, so that
// Canonical(s) == Canonical(g·s) for every group element g.
//
// The encoding. For one orientation, a support is encoded as its widths
// followed by the mask bits (W_L first, row-major). The canonical form is
// the support with the smallest encoding among a set of candidates that is
// itself determined by the orbit alone:
//
//  1. Colour refinement. Every vertex gets the colour (layer, in-degree,
//     out-degree); then repeatedly the colour is refined by the sorted
//     multisets of its neighbours' colours, until the number of colour
//     classes stops growing. Colours are renamed by sorting their
//     descriptions, so they are invariant: an isomorphism maps colours to
//     equal colours.
//  2. Ordered partitions. In each layer the vertices are grouped by colour,
//     groups in colour order. Only permutations that place the groups in
//     that order are tried (the product of the factorials of the group
//     sizes, instead of Π N_ℓ!).
//  3. One sorted layer. One layer (the one with the most candidate
//     permutations) is not enumerated: once every other layer is placed,
//     its vertices are sorted by their (row in I_ℓ, column in I_{ℓ+1}) bit
//     strings. Vertices with equal keys are twins, so the result does not
//     depend on the order among them.
//  4. Both orientations. Steps 1–3 run on s and on its transpose; the
//     smaller encoding (widths first) wins.
//
// Every step depends only on the orbit, hence the result is canonical; the
// Burnside test in canon_test.go counts orbits independently (by cycle
// counting over the whole group) and compares with the number of distinct
// keys. The enumeration is exponential in the sizes of the colour classes;
// CanonicalBudget bounds it and Canonical returns an error beyond it.

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// CanonicalBudget bounds the number of candidate placements Canonical
// tries per orientation.
var CanonicalBudget = 5_000_000

// Canonical returns the canonical representative of s under the symmetries
// of MATH.md D1 (see the file comment). It returns an error for invalid
// supports or when the search exceeds CanonicalBudget.
func Canonical(s Support) (Support, error) {
	if err := s.Validate(); err != nil {
		return Support{}, err
	}
	a, ea, err := canonOriented(s)
	if err != nil {
		return Support{}, err
	}
	b, eb, err := canonOriented(s.Transpose())
	if err != nil {
		return Support{}, err
	}
	if bytes.Compare(eb, ea) < 0 {
		return b, nil
	}
	return a, nil
}

// Key returns the spec string of Canonical(s): two supports have the same
// key iff one maps to the other under D1.
func Key(s Support) (string, error) {
	c, err := Canonical(s)
	if err != nil {
		return "", err
	}
	return c.String(), nil
}

// Invariant returns a cheap D1-invariant string (widths and sorted degree
// pairs per layer, minimized over both orientations). Supports with
// different invariants have different keys; equal invariants do not imply
// equal keys. Use it to bucket supports before calling Key.
func Invariant(s Support) string {
	a := degreeInvariant(s)
	b := degreeInvariant(s.Transpose())
	if b < a {
		return b
	}
	return a
}

func degreeInvariant(s Support) string {
	w := s.Widths()
	L := s.Depth()
	var sb strings.Builder
	for _, x := range w {
		fmt.Fprintf(&sb, "%d,", x)
	}
	for l := 0; l <= L; l++ {
		pairs := make([]string, w[l])
		for v := 0; v < w[l]; v++ {
			in, out := 0, 0
			if l >= 1 {
				m := s.Layer(l)
				for j := 0; j < m.cols; j++ {
					if m.At(v, j) {
						in++
					}
				}
			}
			if l < L {
				m := s.Layer(l + 1)
				for i := 0; i < m.rows; i++ {
					if m.At(i, v) {
						out++
					}
				}
			}
			pairs[v] = fmt.Sprintf("%03d.%03d", in, out)
		}
		sort.Strings(pairs)
		sb.WriteString("|" + strings.Join(pairs, ";"))
	}
	return sb.String()
}

// encode returns widths then bits (W_L first, row-major).
func encode(s Support) []byte {
	w := s.Widths()
	out := make([]byte, 0, 64)
	// Widths N_L..N_0, three bytes each, so that shapes never collide.
	for l := len(w) - 1; l >= 0; l-- {
		out = append(out, byte(w[l]>>16), byte(w[l]>>8), byte(w[l]))
	}
	for _, m := range s.Masks {
		for _, b := range m.bits {
			if b {
				out = append(out, 1)
			} else {
				out = append(out, 0)
			}
		}
	}
	return out
}

// colours runs colour refinement and returns, per layer, each vertex's
// colour (small integers, order-invariant).
func colours(s Support) [][]int {
	w := s.Widths()
	L := s.Depth()
	col := make([][]int, L+1)
	desc := make([][]string, L+1)
	for l := 0; l <= L; l++ {
		col[l] = make([]int, w[l])
		desc[l] = make([]string, w[l])
	}
	in := func(l, v int) []int { // neighbours in layer l−1
		var nb []int
		if l >= 1 {
			m := s.Layer(l)
			for j := 0; j < m.cols; j++ {
				if m.At(v, j) {
					nb = append(nb, j)
				}
			}
		}
		return nb
	}
	out := func(l, v int) []int { // neighbours in layer l+1
		var nb []int
		if l < L {
			m := s.Layer(l + 1)
			for i := 0; i < m.rows; i++ {
				if m.At(i, v) {
					nb = append(nb, i)
				}
			}
		}
		return nb
	}
	for l := 0; l <= L; l++ {
		for v := 0; v < w[l]; v++ {
			desc[l][v] = fmt.Sprintf("%d/%d/%d", l, len(in(l, v)), len(out(l, v)))
		}
	}
	rename := func() int {
		var all []string
		for l := range desc {
			all = append(all, desc[l]...)
		}
		sort.Strings(all)
		id := map[string]int{}
		for _, d := range all {
			if _, ok := id[d]; !ok {
				id[d] = len(id)
			}
		}
		for l := range desc {
			for v := range desc[l] {
				col[l][v] = id[desc[l][v]]
			}
		}
		return len(id)
	}
	n := rename()
	for round := 0; round < 64; round++ {
		for l := 0; l <= L; l++ {
			for v := 0; v < w[l]; v++ {
				var a, b []int
				for _, u := range in(l, v) {
					a = append(a, col[l-1][u])
				}
				for _, u := range out(l, v) {
					b = append(b, col[l+1][u])
				}
				sort.Ints(a)
				sort.Ints(b)
				desc[l][v] = fmt.Sprintf("%d:%v:%v", col[l][v], a, b)
			}
		}
		n2 := rename()
		if n2 == n {
			break
		}
		n = n2
	}
	return col
}

// layerPerms returns all placements of layer vertices that keep colour
// groups in colour order; count is their number (possibly +Inf-ish).
func layerGroups(c []int) [][]int {
	idx := make([]int, len(c))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return c[idx[a]] < c[idx[b]] })
	var groups [][]int
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && c[idx[j]] == c[idx[i]] {
			j++
		}
		groups = append(groups, idx[i:j])
		i = j
	}
	return groups
}

func logCount(groups [][]int) float64 {
	x := 0.0
	for _, g := range groups {
		lg, _ := math.Lgamma(float64(len(g) + 1))
		x += lg
	}
	return x
}

// allPerms lists every placement (new position p holds old vertex perm[p]).
func allPerms(groups [][]int) [][]int {
	res := [][]int{{}}
	for _, g := range groups {
		var next [][]int
		for _, pre := range res {
			permute(append([]int(nil), g...), 0, func(p []int) {
				next = append(next, append(append([]int(nil), pre...), p...))
			})
		}
		res = next
	}
	return res
}

func permute(a []int, k int, f func([]int)) {
	if k == len(a) {
		f(a)
		return
	}
	for i := k; i < len(a); i++ {
		a[k], a[i] = a[i], a[k]
		permute(a, k+1, f)
		a[k], a[i] = a[i], a[k]
	}
}

// applyPerms returns the support with layer l's vertices placed by perm[l].
func applyPerms(s Support, perm [][]int) Support {
	L := s.Depth()
	out := make([]Mask, L)
	for l := 1; l <= L; l++ {
		m := s.Layer(l)
		n := ZeroMask(m.rows, m.cols)
		for i := 0; i < m.rows; i++ {
			for j := 0; j < m.cols; j++ {
				n.bits[i*m.cols+j] = m.At(perm[l][i], perm[l-1][j])
			}
		}
		out[L-l] = n
	}
	return Support{Masks: out}
}

// sortLayer reorders layer l's vertices by their (row of I_l, column of
// I_{l+1}) bit strings, ascending.
func sortLayer(s Support, l int) Support {
	w := s.Widths()
	L := s.Depth()
	keys := make([]string, w[l])
	for v := 0; v < w[l]; v++ {
		var b strings.Builder
		if l < L {
			m := s.Layer(l + 1)
			for i := 0; i < m.rows; i++ {
				b.WriteByte('0' + b2i(m.At(i, v)))
			}
		}
		b.WriteByte('|')
		if l >= 1 {
			m := s.Layer(l)
			for j := 0; j < m.cols; j++ {
				b.WriteByte('0' + b2i(m.At(v, j)))
			}
		}
		keys[v] = b.String()
	}
	idx := make([]int, w[l])
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	perm := make([][]int, L+1)
	for k := 0; k <= L; k++ {
		if k == l {
			perm[k] = idx
			continue
		}
		perm[k] = make([]int, w[k])
		for i := range perm[k] {
			perm[k][i] = i
		}
	}
	return applyPerms(s, perm)
}

func b2i(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func canonOriented(s Support) (Support, []byte, error) {
	L := s.Depth()
	col := colours(s)
	groups := make([][][]int, L+1)
	best, bestL := -1, -1.0
	for l := 0; l <= L; l++ {
		groups[l] = layerGroups(col[l])
		if c := logCount(groups[l]); c > bestL {
			best, bestL = l, c
		}
	}
	total := 0.0
	for l := 0; l <= L; l++ {
		if l != best {
			total += logCount(groups[l])
		}
	}
	if total > math.Log(float64(CanonicalBudget)) {
		return Support{}, nil, fmt.Errorf("relu: canonical form of %s needs about %.3g placements, over the budget %d", s, math.Exp(total), CanonicalBudget)
	}
	perms := make([][][]int, L+1)
	for l := 0; l <= L; l++ {
		if l == best {
			var flat []int
			for _, g := range groups[l] {
				flat = append(flat, g...)
			}
			perms[l] = [][]int{flat}
			continue
		}
		perms[l] = allPerms(groups[l])
	}
	var bestS Support
	var bestE []byte
	cur := make([][]int, L+1)
	var rec func(l int)
	rec = func(l int) {
		if l > L {
			t := sortLayer(applyPerms(s, cur), best)
			e := encode(t)
			if bestE == nil || bytes.Compare(e, bestE) < 0 {
				bestS, bestE = t, e
			}
			return
		}
		for _, p := range perms[l] {
			cur[l] = p
			rec(l + 1)
		}
	}
	rec(0)
	return bestS, bestE, nil
}

// itoa is a tiny helper for variable names.
func itoa(i int) string { return strconv.Itoa(i) }
