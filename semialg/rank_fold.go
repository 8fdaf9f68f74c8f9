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
	keys := map[string]bool{}
	for _, d := range Minors(m, q+1) {
		if d.IsZero() {
			continue
		}
		if d.IsConst() {
			return f
		}
		keys[minorKey(d)] = true
	}
	if len(keys) == 0 {
		return f
	}
	fo := &folder{keys: keys, atom: atom}
	return fo.fold(f)
}

// minorKey identifies a polynomial up to a non-zero constant factor: the
// text of its monic associate.
func minorKey(p *poly.Poly) string { return p.Monic().String() }

type folder struct {
	keys map[string]bool
	atom *Formula
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
		if len(seen) == len(fo.keys) {
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
