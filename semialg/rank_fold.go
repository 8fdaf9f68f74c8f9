package semialg

import (
	"github.com/relucad/relucad/poly"
)

// FoldRank returns f with the minors of m folded back into rank atoms, so
// that a description produced by quantifier elimination or by
// [Formula.ExpandRank] prints as a rank condition rather than as a page of
// minors. m is a matrix of polynomials of f's ring chosen by the caller
// (FoldRank does not search for matrices).
//
// Let D be the set of the non-zero (q+1)×(q+1) minors of m, each up to a
// non-zero constant factor. Then, anywhere in f (also under quantifiers):
//
//   - a conjunction whose p = 0 atoms include p = c·d for every d ∈ D
//     loses those atoms and gains rank(m) ≤ q;
//   - a disjunction whose p ≠ 0 atoms include p = c·d for every d ∈ D
//     loses those atoms and gains ¬(rank(m) ≤ q);
//   - a lone atom p = 0 (p ≠ 0) becomes rank(m) ≤ q (its negation) when D
//     is that one polynomial up to a constant.
//
// A quantifier-elimination result often omits minors that its other atoms
// imply, so there is a second rule for conjunctions:
//
//   - a conjunction that contains e ≠ 0 for an entry e = M[i][j] (up to a
//     constant factor; no atom is needed when the entry is a non-zero
//     constant) and p = 0 atoms for all non-zero (q+1)-minors of M through
//     row i and column j loses its minor atoms and gains rank(m) ≤ q.
//
// Proof of the second rule. Where e ≠ 0, rank M = 1 + rank S for the
// fraction-free Schur complement S[k][l] = e·M[k][l] − M[k][j]·M[i][l]
// (k ≠ i, l ≠ j; see rank_pivot.go). By Sylvester's determinant identity
// (Bareiss 1968) each q×q minor of S with rows K and columns L equals
// ±e^{q−1}·det M[{i}∪K, {j}∪L], a (q+1)-minor of M through (i, j), and
// every such minor arises. So, where e ≠ 0, rank M ≤ q ⇔ rank S ≤ q−1 ⇔
// the q-minors of S vanish ⇔ the (q+1)-minors of M through (i, j) vanish.
// Conversely rank M ≤ q implies that every (q+1)-minor vanishes, so the
// removed minor atoms (through (i, j) or not) are implied by the
// conjunction after the replacement. □
//
// Each replacement is exact: p = 0 ⇔ d = 0 when p = c·d with c ≠ 0, the
// conjunction of d = 0 over D is rank(m) ≤ q (a matrix has rank ≤ q iff all
// its (q+1)-minors vanish; zero minors are vacuous), and the disjunction
// of d ≠ 0 is its negation. When D is empty or some minor is a non-zero
// constant (rank(m) ≤ q is then constant) f is returned unchanged. FoldRank
// panics with ErrBadRank for a malformed matrix or q < 0 and with
// ErrRingMismatch when m and f have different rings.
func FoldRank(f *Formula, m [][]*poly.Poly, q int) *Formula {
	atom := RankLE(m, q) // validates m and q
	if atom.Op() != OpRank {
		return f
	}
	if f.ring != nil && !f.ring.Same(atom.ring) {
		panic(ErrRingMismatch)
	}
	fo := &folder{keys: map[string]bool{}, atom: atom}
	rows, cols := len(m), len(m[0])
	fo.through = make([][]map[string]bool, rows)
	for i := range fo.through {
		fo.through[i] = make([]map[string]bool, cols)
		for j := range fo.through[i] {
			fo.through[i][j] = map[string]bool{}
		}
	}
	minors := Minors(m, q+1)
	n := 0
	forSubsets(rows, q+1, func(rs []int) {
		forSubsets(cols, q+1, func(cs []int) {
			d := minors[n]
			n++
			if d.IsZero() || d.IsConst() {
				return
			}
			k := minorKey(d)
			fo.keys[k] = true
			for _, i := range rs {
				for _, j := range cs {
					fo.through[i][j][k] = true
				}
			}
		})
	})
	for _, d := range minors {
		if !d.IsZero() && d.IsConst() {
			return f
		}
	}
	if len(fo.keys) == 0 {
		return f
	}
	for i, row := range m {
		for j, e := range row {
			switch {
			case e.IsZero():
			case e.IsConst():
				fo.pivots = append(fo.pivots, pivotEntry{i: i, j: j})
			default:
				fo.pivots = append(fo.pivots, pivotEntry{i: i, j: j, key: minorKey(e)})
			}
		}
	}
	return fo.fold(f)
}

// pivotEntry is a non-zero entry M[i][j]; key is empty for a constant
// entry, else the entry's minorKey.
type pivotEntry struct {
	i, j int
	key  string
}

// minorKey identifies a polynomial up to a non-zero constant factor: the
// text of its monic associate.
func minorKey(p *poly.Poly) string { return p.Monic().String() }

type folder struct {
	keys    map[string]bool     // the non-zero (q+1)-minors
	through [][]map[string]bool // [i][j]: those through row i and column j
	pivots  []pivotEntry
	atom    *Formula
}

func (fo *folder) match(a *Formula, rel Rel) (string, bool) {
	if a.op != OpAtom || a.rel != rel || a.p.IsConst() {
		return "", false
	}
	k := minorKey(a.p)
	return k, fo.keys[k]
}

func (fo *folder) fold(f *Formula) *Formula {
	switch f.op {
	case OpTrue, OpFalse, OpRank:
		return f
	case OpAtom:
		if len(fo.keys) == 1 {
			if _, ok := fo.match(f, EQ); ok {
				return fo.atom
			}
			if _, ok := fo.match(f, NE); ok {
				return Not(fo.atom)
			}
		}
		return f
	}
	args := make([]*Formula, len(f.args))
	changed := false
	for i, a := range f.args {
		args[i] = fo.fold(a)
		changed = changed || args[i] != a
	}
	if f.op == OpAnd || f.op == OpOr {
		rel, repl := EQ, fo.atom
		if f.op == OpOr {
			rel, repl = NE, Not(fo.atom)
		}
		seen := map[string]bool{}
		for _, a := range args {
			if k, ok := fo.match(a, rel); ok {
				seen[k] = true
			}
		}
		full := len(seen) == len(fo.keys)
		if !full && f.op == OpAnd {
			full = fo.pivotCovered(args, seen)
		}
		if full {
			var rest []*Formula
			for _, a := range args {
				if _, ok := fo.match(a, rel); !ok {
					rest = append(rest, a)
				}
			}
			return nary(f.op, append(rest, repl))
		}
	}
	if !changed {
		return f
	}
	g := *f
	g.args = args
	return &g
}

// pivotCovered reports whether the conjunction args has, for some
// non-zero entry M[i][j], the atom M[i][j] ≠ 0 (not needed for a constant
// entry) and seen holds every non-zero minor through (i, j).
func (fo *folder) pivotCovered(args []*Formula, seen map[string]bool) bool {
	if len(seen) == 0 {
		return false // nothing to fold
	}
	ne := map[string]bool{}
	for _, a := range args {
		if a.op == OpAtom && a.rel == NE && !a.p.IsConst() {
			ne[minorKey(a.p)] = true
		}
	}
	for _, pv := range fo.pivots {
		if pv.key != "" && !ne[pv.key] {
			continue
		}
		ok := true
		for k := range fo.through[pv.i][pv.j] {
			if !seen[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// FoldRankOf folds into g, with [FoldRank], the matrices of the rank atoms
// of f, in the order they occur in f: the usual call is
// FoldRankOf(QE(f), f), so that a description of a formula stated with
// rank conditions prints with them. g and f must have the same ring (QE
// returns its answer over the ring of its input). Rank atoms of f whose
// matrices involve bound variables do not match anything in a
// quantifier-free g and are harmless.
func FoldRankOf(g, f *Formula) *Formula {
	f.Atoms(func(a *Formula) bool {
		if a.op == OpRank {
			g = FoldRank(g, a.mat, a.bound)
		}
		return true
	})
	return g
}
