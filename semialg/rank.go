package semialg

import (
	"math/big"

	"github.com/relucad/relucad/poly"
)

// ExpandRank returns f with every rank atom rank(M) ≤ q replaced by an
// equivalent quantifier-free formula without rank atoms: the vanishing of
// all (q+1)×(q+1) minors of M (MATH.md §7: rank ≤ q of a matrix with
// polynomial entries), or the pivot case split of rank_pivot.go when that
// is smaller ([RankAuto]; see [Formula.ExpandRankWith]). Minors that are
// identically zero are dropped; a non-zero constant minor makes the atom
// false.
func (f *Formula) ExpandRank() *Formula { return f.ExpandRankWith(RankAuto) }

// ExpandRankWith is [Formula.ExpandRank] with the expansion of rank atoms
// chosen by mode. With RankAuto each atom is expanded by pivoting when the
// pivot expansion has fewer atoms than M has non-zero (q+1)-minors (the
// binomial count when there are more than maxCountedMinors) — typically
// when M has a non-zero constant entry, which pivots without a case split
// — and by minors otherwise; the pivot expansion is abandoned as
// soon as it reaches that many atoms, so the choice costs at most one
// expansion of the minors' size.
func (f *Formula) ExpandRankWith(mode RankExpansion) *Formula {
	switch f.op {
	case OpRank:
		return expandRankAtom(f.mat, f.bound, mode)
	case OpTrue, OpFalse, OpAtom:
		return f
	}
	changed := false
	args := make([]*Formula, len(f.args))
	for i, a := range f.args {
		args[i] = a.ExpandRankWith(mode)
		changed = changed || args[i] != a
	}
	if !changed {
		return f
	}
	g := *f
	g.args = args
	return &g
}

func expandRankAtom(mat [][]*poly.Poly, q int, mode RankExpansion) *Formula {
	switch mode {
	case RankPivot:
		return PivotRankLE(mat, q)
	case RankAuto:
		m := trimZero(mat)
		if len(m) == 0 || q >= min(len(m), len(m[0])) {
			return True()
		}
		n := binom(len(m), q+1) * binom(len(m[0]), q+1)
		var minors *Formula
		if n <= maxCountedMinors {
			// Few enough to compute: compare with the number of
			// non-zero minors rather than the binomial bound.
			minors = MinorsRankLE(m, q)
			n = minors.Size()
			if minors.Op() == OpAnd {
				n-- // the ∧ node
			}
		}
		if n > 1 {
			budget := n
			if g := pivotLEBudget(m, q, &budget); g != nil {
				return g
			}
		}
		if minors != nil {
			return minors
		}
	}
	return MinorsRankLE(mat, q)
}

// MinorsRankLE returns the conjunction of the vanishing of all
// (q+1)×(q+1) minors of m, which is equivalent to rank(m) ≤ q: True() when
// q ≥ min(rows, cols), False() when a minor is a non-zero constant.
func MinorsRankLE(m [][]*poly.Poly, q int) *Formula {
	if q < 0 {
		return False()
	}
	if len(m) == 0 || q >= min(len(m), len(m[0])) {
		return True()
	}
	minors := Minors(m, q+1)
	var atoms []*Formula
	for _, d := range minors {
		if d.IsZero() {
			continue
		}
		if d.IsConst() {
			return False()
		}
		atoms = append(atoms, Atom(d, EQ))
	}
	return And(atoms...)
}

// maxCountedMinors: up to this many (q+1)-minors, RankAuto computes them
// to compare their number with the pivot expansion.
const maxCountedMinors = 400

// binom returns C(n, k), saturating at 1<<40.
func binom(n, k int) int {
	if k < 0 || k > n {
		return 0
	}
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > 1<<40 {
			return 1 << 40
		}
	}
	return r
}

// Minors returns all k×k minors of the matrix m (rows and columns in
// lexicographic order of their index sets), computed by Laplace expansion
// along the first row with memoization on column subsets. m must be
// rectangular and non-empty; 1 ≤ k ≤ min(rows, cols).
func Minors(m [][]*poly.Poly, k int) []*poly.Poly {
	rows, cols := len(m), len(m[0])
	var out []*poly.Poly
	forSubsets(rows, k, func(rs []int) {
		memo := map[uint64]*poly.Poly{}
		forSubsets(cols, k, func(cs []int) {
			var mask uint64
			for _, c := range cs {
				mask |= 1 << uint(c)
			}
			out = append(out, laplace(m, rs, mask, memo))
		})
	})
	return out
}

// laplace returns the determinant of the submatrix with rows rs and the
// columns in mask (|mask| = len(rs)), expanding along the first row.
func laplace(m [][]*poly.Poly, rs []int, mask uint64, memo map[uint64]*poly.Poly) *poly.Poly {
	if d, ok := memo[mask]; ok {
		return d
	}
	R := m[0][0].Ring()
	if mask == 0 {
		return R.One()
	}
	// The rows used are the last |mask| rows of rs, so the memo key (the
	// column set) determines the submatrix.
	row := rs[len(rs)-bitsSet(mask)]
	det := R.Zero()
	sign := 1
	for c := 0; c < 64; c++ {
		if mask&(1<<uint(c)) == 0 {
			continue
		}
		if e := m[row][c]; !e.IsZero() {
			sub := laplace(m, rs, mask&^(1<<uint(c)), memo)
			t := e.Mul(sub)
			if sign > 0 {
				det = det.Add(t)
			} else {
				det = det.Sub(t)
			}
		}
		sign = -sign
	}
	memo[mask] = det
	return det
}

func bitsSet(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// forSubsets calls fn with every k-subset of {0..n-1} in lexicographic order.
func forSubsets(n, k int, fn func([]int)) {
	idx := make([]int, k)
	var rec func(start, d int)
	rec = func(start, d int) {
		if d == k {
			fn(idx)
			return
		}
		for i := start; i <= n-(k-d); i++ {
			idx[d] = i
			rec(i+1, d+1)
		}
	}
	rec(0, 0)
}

// rankRat returns the rank of a rational matrix by exact Gaussian
// elimination.
func rankRat(a [][]*big.Rat) int {
	if len(a) == 0 {
		return 0
	}
	m := make([][]*big.Rat, len(a))
	for i, r := range a {
		m[i] = make([]*big.Rat, len(r))
		for j, x := range r {
			m[i][j] = new(big.Rat).Set(x)
		}
	}
	rank := 0
	cols := len(m[0])
	t := new(big.Rat)
	for c := 0; c < cols && rank < len(m); c++ {
		piv := -1
		for i := rank; i < len(m); i++ {
			if m[i][c].Sign() != 0 {
				piv = i
				break
			}
		}
		if piv < 0 {
			continue
		}
		m[rank], m[piv] = m[piv], m[rank]
		for i := rank + 1; i < len(m); i++ {
			if m[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(m[i][c], m[rank][c])
			for j := c; j < cols; j++ {
				t.Mul(f, m[rank][j])
				m[i][j].Sub(m[i][j], t)
			}
		}
		rank++
	}
	return rank
}

// primitive returns c·p for the positive rational c that makes the
// coefficients of p coprime integers (p itself when it is zero). The sign of
// every coefficient is kept.
func primitive(p *poly.Poly) *poly.Poly {
	if p.IsZero() {
		return p
	}
	num := new(big.Int)
	den := big.NewInt(1)
	g := new(big.Int)
	for _, t := range p.Terms() {
		num.GCD(nil, nil, num, new(big.Int).Abs(t.Coef.Num()))
		d := t.Coef.Denom()
		g.GCD(nil, nil, den, d)
		den.Mul(den, new(big.Int).Quo(d, g))
	}
	c := new(big.Rat).SetFrac(den, num)
	if c.Cmp(big.NewRat(1, 1)) == 0 {
		return p
	}
	return p.ScaleRat(c)
}
