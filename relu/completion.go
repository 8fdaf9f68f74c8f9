package relu

import "sort"

// Rank completion: a closedness theorem for full-dimensional supports.
//
// Lemma. Let A ∈ R^{m×n} have rank q+1, and let R ⊆ [m], C ⊆ [n] with
// q + 1 + |R| + |C| > m + n. Then there are u supported on R and v
// supported on C with rank(A − uvᵀ) ≤ q.
//
// Proof. Let V = range A and W = range Aᵀ (both of dimension q+1); A maps W
// bijectively onto V, so every y ∈ V has a unique preimage x_y ∈ W. The
// pairing ⟨z, y⟩ = zᵀx_y on W × V is non-degenerate: if zᵀx_y = 0 for all
// y, then z ⊥ W, and z ∈ W, so z = 0. Let V_R = V ∩ span{e_i : i ∈ R} and
// W_C = W ∩ span{e_j : j ∈ C}; dim V_R ≥ q+1+|R|−m and
// dim W_C ≥ q+1+|C|−n, and these add up to more than q+1. The annihilator
// of V_R in W has dimension q+1 − dim V_R < dim W_C, so some z ∈ W_C and
// y ∈ V_R have zᵀx_y = 1 (after scaling). Put u = y, v = z. Then
// (A − uvᵀ)x_y = y − y = 0 with x_y ∉ ker A, and for x ∈ ker A,
// (A − uvᵀ)x = −u(vᵀx) = 0 because v ∈ W ⊥ ker A; the kernel grows by one
// dimension, so rank(A − uvᵀ) ≤ q. ∎
//
// Theorem. Let I = (I_2, I_1) be a two-factor support with m outputs and n
// inputs, F live neurons with the full rectangle [m] × [n], and the other
// live neurons with rectangles R_k × C_k taken in order of decreasing
// |R_k| + |C_k|. Start with q = F and, for each of them in turn, increase q
// by one when q + 1 + |R_k| + |C_k| > m + n. If q reaches min(m, n), then
// L_I = R^{m×n} (closed).
//
// Proof. Let S_q = {rank ≤ q}. The F full neurons give S_F ⊆ L_I (a matrix
// of rank ≤ F is a sum of F rank-one matrices, one per full neuron). If
// the neurons used so far give S_q, and neuron k satisfies
// q + 1 + |R_k| + |C_k| > m + n, then they and k give S_{q+1}: a matrix of
// rank ≤ q needs k to be 0; one of rank q+1 is uvᵀ (neuron k, by the lemma)
// plus a matrix of S_q. When q = min(m, n), S_q = R^{m×n}. ∎
//
// (F ≥ min(m, n) is the complete case of C2. The decreasing order is the
// best order, since the condition only gets easier as q grows.) Of the 38
// orbits of 3·3·3 that the other rules leave UNKNOWN it decides one
// (W2=011/111/111,W1=011/111/111); of the 27,498 UNKNOWN 4·4·4 orbits, 135.

// rankCompletion reports whether the two-factor support s (output-first
// masks) satisfies the hypotheses of the theorem above.
func rankCompletion(s Support) bool {
	if s.Depth() != 2 {
		return false
	}
	W2, W1 := s.Layer(2), s.Layer(1)
	m, r, n := W2.Rows(), W2.Cols(), W1.Cols()
	q := 0
	var sizes []int // |R_k| + |C_k| of the live neurons that are not full
	for k := 0; k < r; k++ {
		nr, nc := 0, 0
		for i := 0; i < m; i++ {
			if W2.At(i, k) {
				nr++
			}
		}
		for j := 0; j < n; j++ {
			if W1.At(k, j) {
				nc++
			}
		}
		switch {
		case nr == 0 || nc == 0:
		case nr == m && nc == n:
			q++
		default:
			sizes = append(sizes, nr+nc)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
	for _, z := range sizes {
		if q+1+z > m+n {
			q++
		}
	}
	return q >= min(m, n)
}
