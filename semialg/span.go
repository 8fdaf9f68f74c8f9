package semialg

// Elimination of one linear factor of a matrix product by exact linear
// algebra (the structure of L_I, MATH.md §10 item 2; issue 4 item 6).
//
// L_I is the image of the multilinear map Φ_I(θ) = W_L ⋯ W_1 (MATH.md
// §2.2). Fix every factor but one: the product is then linear in the
// remaining factor X, A = M·X (X the rightmost factor, M the product of
// the others) or A = X·M (X the leftmost). The existential quantifier over
// X's entries is a question of linear algebra — is a vector in the span of
// some columns of M? — which has an exact quantifier-free answer in terms
// of ranks, uniformly in the other factors' entries:
//
//	∃X (supp X ⊆ I ∧ M·X = A)  ⇔  ⋀_j  A[:,j] ∈ span M[:,S_j],
//	S_j = {k : (k, j) ∈ I},
//
// and a ∈ span N ⇔ rank [N | a] = rank N, a Boolean combination of rank
// atoms ([InSpan]). Stage 1 of ALG-C (∃θ: Φ_I(θ) = A) thus loses the
// |I| variables of one factor before the CAD sees it, without the 2^k
// branches that eliminating them one equation at a time can produce
// (linelim.go); the rank atoms expand to minors or to the pivot case
// split (rank_pivot.go) when the CAD needs polynomials.
//
// Proofs are in the doc comments of [InSpan], [ColumnSpanElim] and
// [RowSpanElim]. All three are pointwise statements: at every real point
// of the remaining variables M and A are real matrices, and the claims
// are facts of linear algebra over R applied at that point.

import (
	"errors"
	"fmt"

	"github.com/relucad/relucad/poly"
)

// ErrBadShape is returned (wrapped, with the sizes involved) by [InSpan],
// [ColumnSpanElim] and [RowSpanElim] when their matrices are ragged, have
// nil entries, or do not have compatible sizes. Test with errors.Is.
var ErrBadShape = errors.New("semialg: matrix shapes do not match")

// shape checks that m is a rectangular matrix of non-nil polynomials from
// one ring (R on entry; nil means "not fixed yet") and returns its number
// of columns (0 when m has no rows) and the ring.
func shape(fn, name string, m [][]*poly.Poly, R *poly.Ring) (int, *poly.Ring, error) {
	cols := 0
	for i, row := range m {
		if i == 0 {
			cols = len(row)
		} else if len(row) != cols {
			return 0, nil, fmt.Errorf("%w: %s: %s is ragged (row 0 has %d entries, row %d has %d)", ErrBadShape, fn, name, cols, i, len(row))
		}
		for j, e := range row {
			if e == nil {
				return 0, nil, fmt.Errorf("%w: %s: %s[%d][%d] is nil", ErrBadShape, fn, name, i, j)
			}
			if R == nil {
				R = e.Ring()
			} else if !e.Ring().Same(R) {
				return 0, nil, fmt.Errorf("%w: %s: %s[%d][%d] belongs to another ring", ErrRingMismatch, fn, name, i, j)
			}
		}
	}
	return cols, R, nil
}

// maskShape checks that mask is rows × cols; cols < 0 means "any, but
// rectangular", and the number of columns is returned.
func maskShape(fn string, mask [][]bool, rows, cols int) (int, error) {
	if len(mask) != rows {
		return 0, fmt.Errorf("%w: %s: mask has %d rows, want %d", ErrBadShape, fn, len(mask), rows)
	}
	for i, row := range mask {
		if cols < 0 {
			cols = len(row)
		}
		if len(row) != cols {
			return 0, fmt.Errorf("%w: %s: mask row %d has %d entries, want %d", ErrBadShape, fn, i, len(row), cols)
		}
	}
	return max(cols, 0), nil
}

// InSpan returns a quantifier-free formula, with rank atoms, that holds
// exactly where the vector a lies in the column span of the matrix M: at
// every real point x of the ring's variables, the formula is true iff
// a(x) = M(x)·c for some real vector c. M is m×k, given as m rows of k
// entries; a has m entries; all entries are non-nil polynomials of one ring.
//
// The formula is, for k ≥ 1,
//
//	⋀_{q=0}^{min(k, m−1)} ( rank M ≤ q  ⇒  rank [M | a] ≤ q ),
//
// where the premise of the conjunct q = k is always true (M has k columns)
// and is left out; for k = 0 (rows of length zero) the span is {0} and the
// formula is a₁ = … = a_m = 0; for m = 0 it is True(). Before building it,
// columns of M that are identically zero are dropped, and rows on which M
// and a are both identically zero (neither changes the span, the rank of
// M, or the rank of [M | a]); an identically zero a gives True(). The
// result is simplified ([Simplify]).
//
// Proof. Fix a point x and write r = rank M(x), s = rank [M(x) | a(x)].
// Adding a column raises the rank by at most one, so s ∈ {r, r + 1}, and
// s = r iff a(x) lies in the column span of M(x) (a is a combination of
// the columns of M iff it adds no new dimension to their span). If s = r,
// every conjunct holds: r ≤ q gives s = r ≤ q. If s = r + 1, the conjunct
// q = r fails (r ≤ q but s > q), and it is present: r ≤ k since M has k
// columns, and r ≤ m − 1 since s = r + 1 ≤ m ([M | a] has m rows). So
// the conjunction holds iff s = r iff a(x) ∈ span M(x). Conjuncts with
// q ≥ m are omitted because rank [M | a] ≤ m always holds. ∎
//
// Note that q = k is needed: without it a full-column-rank M (r = k)
// would pass every conjunct whatever a is.
//
// Errors wrap [ErrBadShape] (ragged M, nil entries, len(a) ≠ m) or
// [ErrRingMismatch]; InSpan never panics on bad input.
func InSpan(M [][]*poly.Poly, a []*poly.Poly) (*Formula, error) {
	k, R, err := shape("InSpan", "M", M, nil)
	if err != nil {
		return nil, err
	}
	if len(a) != len(M) {
		return nil, fmt.Errorf("%w: InSpan: a has %d entries, M has %d rows", ErrBadShape, len(a), len(M))
	}
	for i, e := range a {
		if e == nil {
			return nil, fmt.Errorf("%w: InSpan: a[%d] is nil", ErrBadShape, i)
		}
		if R == nil {
			R = e.Ring()
		} else if !e.Ring().Same(R) {
			return nil, fmt.Errorf("%w: InSpan: a[%d] belongs to another ring", ErrRingMismatch, i)
		}
	}
	return inSpan(M, k, a), nil
}

// inSpan is InSpan on validated input (M rectangular with k columns).
func inSpan(M [][]*poly.Poly, k int, a []*poly.Poly) *Formula {
	// Columns of M that are not identically zero.
	var cols []int
	for j := 0; j < k; j++ {
		for _, row := range M {
			if !row[j].IsZero() {
				cols = append(cols, j)
				break
			}
		}
	}
	// [M' | a'] without the rows that are zero in both; aug holds it.
	var aug [][]*poly.Poly
	for i, row := range M {
		r := make([]*poly.Poly, 0, len(cols)+1)
		nz := !a[i].IsZero()
		for _, j := range cols {
			r = append(r, row[j])
			nz = nz || !row[j].IsZero()
		}
		if nz {
			aug = append(aug, append(r, a[i]))
		}
	}
	zeroA := true
	for _, e := range a {
		zeroA = zeroA && e.IsZero()
	}
	if zeroA || len(aug) == 0 {
		return True()
	}
	m, kk := len(aug), len(cols)
	if kk == 0 {
		var eqs []*Formula
		for _, row := range aug {
			eqs = append(eqs, Atom(row[0], EQ))
		}
		return Simplify(And(eqs...))
	}
	mm := make([][]*poly.Poly, m)
	for i, row := range aug {
		mm[i] = row[:kk:kk]
	}
	var conj []*Formula
	for q := 0; q <= min(kk, m-1); q++ {
		concl := RankLE(aug, q)
		if q < min(m, kk) {
			conj = append(conj, Implies(RankLE(mm, q), concl))
		} else {
			conj = append(conj, concl) // rank M' ≤ q holds: q ≥ min(m, k')
		}
	}
	return Simplify(And(conj...))
}

// ColumnSpanElim eliminates the right factor X of a product A = M·X: it
// returns a quantifier-free formula φ, with rank atoms, such that at every
// real point of the ring's variables
//
//	∃X ∈ R^{k×n} (X[l][j] = 0 wherever !mask[l][j], and M·X = A)  ⇔  φ,
//
// namely φ = ⋀_{j<n} InSpan(M[:, S_j], A[:, j]) with S_j = {l : mask[l][j]}
// (see [InSpan]). M is m×k, mask is k×n, A is m×n, all given row by row;
// the entries of M and A are polynomials of one ring in the variables
// other than X's (X does not appear: its entries are the eliminated
// unknowns). For the two-factor support I = (I_2, I_1) of MATH.md §2.2,
// ColumnSpanElim(W_2, I_1, A) with W_2's entries as ring variables gives
// A ∈ L_I ⇔ ∃W_2 φ.
//
// Proof. Fix a point, so M and A are real. M·X = A holds iff it holds
// column by column, M·X[:,j] = A[:,j] for every j. Column j of X is zero
// outside S_j, so M·X[:,j] = M[:,S_j]·X[S_j,j], where X[S_j,j] ∈ R^{S_j}
// is unconstrained by the mask; and distinct columns of X share no
// entries. Hence ∃X ⇔ ⋀_j ∃y ∈ R^{S_j}: M[:,S_j]·y = A[:,j] ⇔ ⋀_j
// A[:,j] ∈ span M[:,S_j], which is ⋀_j InSpan(M[:,S_j], A[:,j]) by the
// proof of [InSpan] (S_j = ∅ gives span {0}: A[:,j] = 0). ∎
//
// Errors wrap [ErrBadShape] (ragged matrices, nil entries, sizes that do
// not fit) or [ErrRingMismatch]; ColumnSpanElim never panics on bad input.
func ColumnSpanElim(M [][]*poly.Poly, mask [][]bool, A [][]*poly.Poly) (*Formula, error) {
	const fn = "ColumnSpanElim"
	k, R, err := shape(fn, "M", M, nil)
	if err != nil {
		return nil, err
	}
	n, _, err := shape(fn, "A", A, R)
	if err != nil {
		return nil, err
	}
	if len(A) != len(M) {
		return nil, fmt.Errorf("%w: %s: A has %d rows, M has %d", ErrBadShape, fn, len(A), len(M))
	}
	if len(M) == 0 {
		// No rows: k and n are unknown from M and A; take them from mask.
		if _, err := maskShape(fn, mask, len(mask), -1); err != nil {
			return nil, err
		}
		return True(), nil
	}
	if _, err := maskShape(fn, mask, k, n); err != nil {
		return nil, err
	}
	return columnSpanElim(M, k, mask, A, n), nil
}

// columnSpanElim is ColumnSpanElim on validated input.
func columnSpanElim(M [][]*poly.Poly, k int, mask [][]bool, A [][]*poly.Poly, n int) *Formula {
	var conj []*Formula
	for j := 0; j < n; j++ {
		var S []int
		for l := 0; l < k; l++ {
			if mask[l][j] {
				S = append(S, l)
			}
		}
		sub := make([][]*poly.Poly, len(M))
		a := make([]*poly.Poly, len(M))
		for i, row := range M {
			sub[i] = make([]*poly.Poly, len(S))
			for t, l := range S {
				sub[i][t] = row[l]
			}
			a[i] = A[i][j]
		}
		conj = append(conj, inSpan(sub, len(S), a))
	}
	return Simplify(And(conj...))
}

// RowSpanElim eliminates the left factor X of a product A = X·M: it
// returns a quantifier-free formula φ, with rank atoms, such that at every
// real point of the ring's variables
//
//	∃X ∈ R^{m×k} (X[i][l] = 0 wherever !mask[i][l], and X·M = A)  ⇔  φ,
//
// namely φ = ⋀_{i<m} "A[i,:] lies in the row span of M[T_i, :]" with
// T_i = {l : mask[i][l]}, written as InSpan(M[T_i,:]ᵀ, A[i,:]ᵀ). A is
// m×n, mask is m×k (the support of X), M is k×n, all given row by row;
// the arguments are in the order of the equation A = X·M with X replaced
// by its mask. For the two-factor support I = (I_2, I_1),
// RowSpanElim(A, I_2, W_1) with W_1's entries as ring variables gives
// A ∈ L_I ⇔ ∃W_1 φ.
//
// Proof. Transpose: X·M = A ⇔ Mᵀ·Xᵀ = Aᵀ, and supp Xᵀ ⊆ maskᵀ. By
// [ColumnSpanElim] applied to (Mᵀ, maskᵀ, Aᵀ), ∃X ⇔ ⋀_i Aᵀ[:,i] ∈ span
// Mᵀ[:,T_i], where T_i = {l : maskᵀ[l][i]} = {l : mask[i][l]}, and
// Aᵀ[:,i] = A[i,:]ᵀ, Mᵀ[:,T_i] = M[T_i,:]ᵀ. ∎ (This is how it is
// computed.)
//
// Errors wrap [ErrBadShape] or [ErrRingMismatch]; RowSpanElim never
// panics on bad input.
func RowSpanElim(A [][]*poly.Poly, mask [][]bool, M [][]*poly.Poly) (*Formula, error) {
	const fn = "RowSpanElim"
	n, R, err := shape(fn, "A", A, nil)
	if err != nil {
		return nil, err
	}
	nm, _, err := shape(fn, "M", M, R)
	if err != nil {
		return nil, err
	}
	k := len(M)
	if k > 0 && len(A) > 0 && nm != n {
		return nil, fmt.Errorf("%w: %s: M has %d columns, A has %d", ErrBadShape, fn, nm, n)
	}
	if len(A) == 0 {
		if _, err := maskShape(fn, mask, 0, -1); err != nil {
			return nil, err
		}
		return True(), nil
	}
	if _, err := maskShape(fn, mask, len(A), k); err != nil {
		return nil, err
	}
	m := len(A)
	// Transposes: Mᵀ is n×k, maskᵀ is k×m, Aᵀ is n×m.
	mt := make([][]*poly.Poly, n)
	at := make([][]*poly.Poly, n)
	for c := 0; c < n; c++ {
		mt[c] = make([]*poly.Poly, k)
		for l := 0; l < k; l++ {
			mt[c][l] = M[l][c]
		}
		at[c] = make([]*poly.Poly, m)
		for i := 0; i < m; i++ {
			at[c][i] = A[i][c]
		}
	}
	maskT := make([][]bool, k)
	for l := range maskT {
		maskT[l] = make([]bool, m)
		for i := 0; i < m; i++ {
			maskT[l][i] = mask[i][l]
		}
	}
	if n == 0 {
		return True(), nil // A has no columns: every row is the empty vector
	}
	return columnSpanElim(mt, k, maskT, at, m), nil
}
