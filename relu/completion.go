package relu

// Rank completion: a closedness theorem for full-dimensional supports.
//
// Theorem. Let I = (I_2, I_1) be a two-factor support with m outputs and n
// inputs, min(m, n) ≥ 2. Suppose that at least F = min(m, n) − 1 live
// neurons have the full rectangle [m] × [n], and that another live neuron
// k has a rectangle R × C with |R| + |C| > max(m, n). Then
// L_I = R^{m×n} (closed).
//
// Proof. By transposition (D1) assume m ≥ n, so F ≥ n − 1. Let A be any
// m×n matrix. If rank A ≤ n − 1, A is a sum of at most n − 1 ≤ F rank-one
// matrices, each realised by one full neuron (all other parameters 0).
// Otherwise rank A = n and A is injective. Let U = span{e_i : i ∈ R} ⊆ R^m
// and X = A⁻¹(range A ∩ U) ⊆ R^n; dim(range A ∩ U) ≥ n + |R| − m, so
// dim X ≥ n + |R| − m. Let K = {x : x_j = 0 for j ∈ C}, dim K = n − |C|.
// Since |R| + |C| > m, dim X > dim K, so some x ∈ X has x_C ≠ 0. Put
// u = Ax (non-zero, supported on R) and choose v supported on C with
// vᵀx = 1. Then (A − uvᵀ)x = u − u = 0, so rank(A − uvᵀ) ≤ n − 1 ≤ F:
// A = uvᵀ + (A − uvᵀ), where uvᵀ is realised by neuron k (column k of W_2
// is u on R, row k of W_1 is vᵀ on C) and A − uvᵀ by at most F full
// neurons. ∎
//
// (With F ≥ min(m, n) full neurons the class is complete and C2 already
// gives L_I = R^{m×n}; the theorem adds the case of one neuron fewer.) Of
// the 38 orbits of 3·3·3 that the other rules leave UNKNOWN it decides one
// (W2=011/111/111,W1=011/111/111), of the 4·4·4 ones two.

// rankCompletion reports whether the two-factor support s (output-first
// masks) satisfies the hypotheses of the theorem above.
func rankCompletion(s Support) bool {
	if s.Depth() != 2 {
		return false
	}
	W2, W1 := s.Layer(2), s.Layer(1)
	m, r, n := W2.Rows(), W2.Cols(), W1.Cols()
	if min(m, n) < 2 {
		return false
	}
	full, other := 0, false
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
			full++
		case nr+nc > max(m, n):
			other = true
		}
	}
	return other && full >= min(m, n)-1
}
