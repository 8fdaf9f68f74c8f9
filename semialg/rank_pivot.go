package semialg

import (
	"github.com/relucad/relucad/poly"
)

// Rank conditions by pivoting (rank-profile case splits).
//
// A rank atom rank(M) ≤ q over a matrix M of polynomials can be expanded in
// two equivalent ways:
//
//   - Minors: rank(M) ≤ q ⇔ every (q+1)×(q+1) minor of M vanishes — one
//     conjunction of C(r,q+1)·C(c,q+1) equations of degree (q+1)·d.
//   - Pivoting: a case split on the first non-zero entry of M in row-major
//     order, followed by the same question for a fraction-free Schur
//     complement of one size less and bound q−1.
//
// The pivot expansion. Let M be r×c, entries e₁, …, e_{rc} in row-major
// order, and q ≥ 1. Then
//
//	rank(M) ≤ q  ⇔  (e₁ = … = e_{rc} = 0)
//	             ∨  ⋁ₜ (e₁ = 0 ∧ … ∧ e_{t−1} = 0 ∧ eₜ ≠ 0 ∧ rank(Sₜ) ≤ q−1),
//
// and rank(M) ≤ 0 ⇔ e₁ = … = e_{rc} = 0. Here, for eₜ = M[i][j] =: m, Sₜ
// has rows k > i and columns l ≠ j with
//
//	Sₜ[k][l] = M[k][l]                            for l < j,
//	Sₜ[k][l] = m·M[k][l] − M[k][j]·M[i][l]        for l > j.
//
// Proof. At a real point x exactly one disjunct's guard holds: either all
// entries vanish (rank 0 ≤ q), or there is a unique first non-zero entry
// eₜ = M[i][j]. So it suffices to show rank M(x) = 1 + rank Sₜ(x) when
// the guard of t holds at x. There the rows k < i of M(x) are zero and
// M[i][l](x) = 0 for l < j; deleting zero rows keeps the rank. With
// m = M[i][j](x) ≠ 0, replace each row k > i by m·row_k − M[k][j]·row_i
// (an invertible row operation since m ≠ 0): column j becomes zero except
// for m in row i. Column operations col_l ← col_l − (M[i][l]/m)·col_j then
// clear row i outside column j without touching rows k > i (their entry in
// column j is now 0). The matrix is now block-diagonal diag(m, S′) with
// S′[k][l] = m·M[k][l] − M[k][j]·M[i][l] (k > i, l ≠ j), so rank M(x) =
// 1 + rank S′. For l < j, M[i][l](x) = 0, so column l of S′ is m·M[k][l];
// dividing it by m ≠ 0 keeps the rank and gives Sₜ(x). Note that Sₜ is
// built from M with the guard's zero entries already set to zero, which
// is why it only agrees with the general fraction-free Schur complement on
// the guard — that is where it is used. □
//
// Pruning, all exact: identically zero entries produce no disjunct and no
// guard atom; a non-zero constant entry eₜ makes every later disjunct (and
// the all-zero one) false, so the split stops there; zero rows and zero
// columns of Sₜ are dropped (rank unchanged); when q ≥ min(rows, cols) the
// condition is true. When the pivot eₜ = M[i][j] has q−1 ≥ min(r−1−i, c−1),
// every Sₛ with s ≥ t has at most r−1−i rows and c−1 columns, so its rank
// condition is true, and the disjuncts s ≥ t together with the all-zero
// one cover exactly the points where e₁ = … = e_{t−1} = 0: the split ends
// with that conjunction.
//
// Which expansion is smaller depends on the shape: minors are one
// conjunction (good for equational constraints in the CAD), pivoting
// gives many branches but polynomials of lower degree, and its number of
// atoms grows more slowly than the number of minors when q is small
// compared with a large matrix. [Formula.ExpandRank] chooses by the cost
// estimate in rankCost; [Formula.ExpandRankWith] forces a choice.

// RankExpansion selects how [Formula.ExpandRankWith] expands rank atoms.
type RankExpansion uint8

const (
	// RankAuto chooses per atom between minors and pivoting by a size
	// estimate (minors unless pivoting is estimated to be much smaller).
	RankAuto RankExpansion = iota
	// RankMinors expands rank(M) ≤ q to the vanishing of all
	// (q+1)×(q+1) minors.
	RankMinors
	// RankPivot expands rank(M) ≤ q by the pivot case split (rank_pivot.go).
	RankPivot
)

// String returns "auto", "minors" or "pivot".
func (e RankExpansion) String() string {
	switch e {
	case RankMinors:
		return "minors"
	case RankPivot:
		return "pivot"
	}
	return "auto"
}

// PivotRankLE returns a quantifier-free formula without rank atoms that is
// equivalent to rank(m) ≤ q, by the pivot case split (see the file
// comment of rank_pivot.go for the proof). m must be rectangular with
// entries of one ring; an empty matrix has rank 0. q < 0 gives False().
func PivotRankLE(m [][]*poly.Poly, q int) *Formula {
	if q < 0 {
		return False()
	}
	return pivotLE(trimZero(m), q)
}

func pivotLE(m [][]*poly.Poly, q int) *Formula { return pivotLEBudget(m, q, nil) }

// pivotLEBudget is the pivot expansion of rank(m) ≤ q for a matrix without
// zero rows and columns. With a non-nil budget every atom created is
// charged to it, and the expansion returns nil once the budget is
// exhausted.
func pivotLEBudget(m [][]*poly.Poly, q int, budget *int) *Formula {
	if len(m) == 0 || q >= min(len(m), len(m[0])) {
		return True()
	}
	charge := func() bool {
		if budget == nil {
			return true
		}
		*budget--
		return *budget > 0
	}
	if q == 0 {
		var atoms []*Formula
		for _, row := range m {
			for _, e := range row {
				switch {
				case e.IsZero():
				case e.IsConst():
					return False()
				default:
					if !charge() {
						return nil
					}
					atoms = append(atoms, Atom(e, EQ))
				}
			}
		}
		return And(atoms...)
	}
	var branches, prefix []*Formula
	for i, row := range m {
		for j, e := range row {
			if e.IsZero() {
				continue
			}
			if !e.IsConst() && !charge() {
				return nil
			}
			// The guard's atoms are charged once per occurrence.
			if budget != nil {
				*budget -= len(prefix)
				if *budget <= 0 {
					return nil
				}
			}
			if q-1 >= min(len(m)-1-i, len(m[0])-1) {
				// Every Schur complement from here on (rows below i,
				// one column less) has rank ≤ q−1, so this and all later
				// branches, with the all-zero one, make up prefix.
				return Or(append(branches, And(prefix...))...)
			}
			guard := append(append([]*Formula(nil), prefix...), nonZero(e))
			sub := pivotLEBudget(trimZero(schurAt(m, i, j)), q-1, budget)
			if sub == nil {
				return nil
			}
			branches = append(branches, andTrue(append(guard, sub)...))
			if e.IsConst() {
				return Or(branches...)
			}
			prefix = append(prefix, Atom(e, EQ))
		}
	}
	branches = append(branches, And(prefix...))
	return Or(branches...)
}

// andTrue is And without the True() arguments.
func andTrue(fs ...*Formula) *Formula {
	var out []*Formula
	for _, f := range fs {
		if f.Op() != OpTrue {
			out = append(out, f)
		}
	}
	return And(out...)
}

// nonZero returns e ≠ 0, folded to True() for a non-zero constant.
func nonZero(e *poly.Poly) *Formula {
	if e.IsConst() {
		return True()
	}
	return Atom(e, NE)
}

// schurAt returns the fraction-free Schur complement S of m at pivot
// (i, j), valid where every entry before (i, j) in row-major order
// vanishes: rows k > i, columns l ≠ j, S[k][l] = m[k][l] for l < j and
// m[i][j]·m[k][l] − m[k][j]·m[i][l] for l > j.
func schurAt(m [][]*poly.Poly, i, j int) [][]*poly.Poly {
	p := m[i][j]
	var s [][]*poly.Poly
	for k := i + 1; k < len(m); k++ {
		row := make([]*poly.Poly, 0, len(m[k])-1)
		for l := range m[k] {
			switch {
			case l < j:
				row = append(row, m[k][l])
			case l > j:
				row = append(row, p.Mul(m[k][l]).Sub(m[k][j].Mul(m[i][l])))
			}
		}
		s = append(s, row)
	}
	return s
}

// trimZero drops identically zero rows and columns (rank unchanged); the
// result is empty (nil) when every entry is zero or m has no entries.
func trimZero(m [][]*poly.Poly) [][]*poly.Poly {
	if len(m) == 0 {
		return nil
	}
	cols := len(m[0])
	keepCol := make([]bool, cols)
	var rows [][]*poly.Poly
	for _, r := range m {
		nz := false
		for l, e := range r {
			if !e.IsZero() {
				nz = true
				keepCol[l] = true
			}
		}
		if nz {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	out := make([][]*poly.Poly, len(rows))
	for k, r := range rows {
		for l, e := range r {
			if keepCol[l] {
				out[k] = append(out[k], e)
			}
		}
	}
	return out
}

// RankCase is one cell of a rank profile: on the points satisfying Cond
// (a conjunction of p = 0 and p ≠ 0 atoms) the matrix has rank exactly
// Rank.
type RankCase struct {
	Rank int
	Cond *Formula
}

// RankProfile splits the parameter space of the polynomial matrix m by
// the pivot case split without a bound: the returned cases have pairwise
// disjoint conditions whose union is everything, and on each the rank of
// m is the case's Rank (the number of pivots on its path; the proof is
// the one in rank_pivot.go's file comment, applied at every level). Cases
// whose guard is a contradiction found by [Simplify] are dropped; other
// empty cells may remain. Cases are in pivot order; use
// [RankProfileByRank] to group them. The number of cases can grow like
// the number of pivot sequences (up to (rc)·((r−1)(c−1))·…), so this is
// meant for the small matrices of case splits, not for large ones.
func RankProfile(m [][]*poly.Poly) []RankCase {
	var out []RankCase
	var rec func(m [][]*poly.Poly, guard []*Formula, rank int)
	rec = func(m [][]*poly.Poly, guard []*Formula, rank int) {
		emit := func(g []*Formula, r int) {
			c := Simplify(And(g...))
			if c.Op() != OpFalse {
				out = append(out, RankCase{Rank: r, Cond: c})
			}
		}
		prefix := append([]*Formula(nil), guard...)
		for i, row := range m {
			for j, e := range row {
				if e.IsZero() {
					continue
				}
				g := append(append([]*Formula(nil), prefix...), nonZero(e))
				if Simplify(And(g...)).Op() != OpFalse {
					rec(trimZero(schurAt(m, i, j)), g, rank+1)
				}
				if e.IsConst() {
					return
				}
				prefix = append(prefix, Atom(e, EQ))
			}
		}
		emit(prefix, rank)
	}
	rec(trimZero(m), nil, 0)
	return out
}

// RankProfileByRank returns, for r = 0 … min(rows, cols), the condition
// under which rank(m) = r (False() for ranks that do not occur): the
// disjunction of the [RankProfile] cases of that rank, simplified.
func RankProfileByRank(m [][]*poly.Poly) []*Formula {
	n := 0
	if len(m) > 0 {
		n = min(len(m), len(m[0]))
	}
	by := make([][]*Formula, n+1)
	for _, c := range RankProfile(m) {
		by[c.Rank] = append(by[c.Rank], c.Cond)
	}
	out := make([]*Formula, n+1)
	for r := range out {
		out[r] = Simplify(Or(by[r]...))
	}
	return out
}
