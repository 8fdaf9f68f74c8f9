package semialg

import (
	"errors"
	"slices"

	"github.com/relucad/relucad/poly"
)

// Error is the type of the values this package panics with on programmer
// errors. Its message starts with "semialg: ".
type Error struct{ msg string }

func (e Error) Error() string { return e.msg }

var (
	// ErrRingMismatch: formulas or polynomials from different rings were
	// combined.
	ErrRingMismatch = Error{"semialg: formulas belong to different rings"}
	// ErrVarRange: a quantified variable index is outside the ring.
	ErrVarRange = Error{"semialg: variable index out of range"}
	// ErrBadRank: a rank atom with an empty or ragged matrix or a negative
	// bound.
	ErrBadRank = Error{"semialg: malformed rank atom"}
)

// ErrNotSupported is returned (wrapped, with details) for constructs and
// problems the package cannot handle yet. Test with errors.Is.
var ErrNotSupported = errors.New("semialg: not supported")

// Rel is a sign condition: the set of signs of a polynomial p for which the
// atom p ρ 0 holds, as a bit set. Bit 0 (value 1) is "negative", bit 1
// (value 2) is "zero", bit 2 (value 4) is "positive".
type Rel uint8

// The six relations, plus the two trivial sign conditions.
const (
	RelFalse Rel = 0
	LT       Rel = 1 // p < 0
	EQ       Rel = 2 // p = 0
	LE       Rel = 3 // p ≤ 0
	GT       Rel = 4 // p > 0
	NE       Rel = 5 // p ≠ 0
	GE       Rel = 6 // p ≥ 0
	RelTrue  Rel = 7
)

// String returns the relation in the own syntax: "<", "=", "<=", ">", "/=",
// ">=" (and "false"/"true" for the trivial conditions).
func (r Rel) String() string {
	return [...]string{"false", "<", "=", "<=", ">", "/=", ">=", "true"}[r&7]
}

// Holds reports whether a polynomial of sign s (−1, 0 or +1) satisfies r.
func (r Rel) Holds(s int) bool { return r&signBit(s) != 0 }

func signBit(s int) Rel {
	switch {
	case s < 0:
		return 1
	case s > 0:
		return 4
	}
	return 2
}

// Negate returns the complementary sign condition (¬(p ρ 0)).
func (r Rel) Negate() Rel { return 7 &^ r }

// Mirror returns the relation ρ' with (−p) ρ' 0 ⇔ p ρ 0 (swaps < and >).
func (r Rel) Mirror() Rel { return r&2 | (r&1)<<2 | (r&4)>>2 }

// Op is the kind of a formula node.
type Op uint8

// Formula node kinds.
const (
	OpTrue    Op = iota
	OpFalse      // the constant false
	OpAtom       // Poly() Rel() 0
	OpRank       // rank(Matrix()) ≤ RankBound()
	OpNot        // ¬Args()[0]
	OpAnd        // Args()[0] ∧ Args()[1] ∧ ...
	OpOr         // Args()[0] ∨ Args()[1] ∨ ...
	OpImplies    // Args()[0] ⇒ Args()[1]
	OpIff        // Args()[0] ⇔ Args()[1]
	OpEx         // ∃ Vars() Args()[0]
	OpAll        // ∀ Vars() Args()[0]
)

// Formula is an immutable first-order formula over the polynomials of one
// ring. Build formulas with the constructors ([Atom], [And], [Ex], ...) or the
// parsers; the zero value is not a valid formula.
type Formula struct {
	op    Op
	rel   Rel
	p     *poly.Poly
	mat   [][]*poly.Poly
	bound int
	args  []*Formula
	vars  []int
	ring  *poly.Ring // nil exactly for formulas without polynomials (true, false, and their combinations)
}

var (
	trueFormula  = &Formula{op: OpTrue}
	falseFormula = &Formula{op: OpFalse}
)

// True returns the constant true formula.
func True() *Formula { return trueFormula }

// False returns the constant false formula.
func False() *Formula { return falseFormula }

// Bool returns True() or False().
func Bool(b bool) *Formula {
	if b {
		return trueFormula
	}
	return falseFormula
}

// Atom returns the atom p ρ 0. The polynomial is kept as given (see
// [Simplify] for the canonical form). Atom(p, RelTrue) is True() and
// Atom(p, RelFalse) is False().
func Atom(p *poly.Poly, rel Rel) *Formula {
	switch rel & 7 {
	case RelFalse:
		return falseFormula
	case RelTrue:
		return trueFormula
	}
	return &Formula{op: OpAtom, rel: rel & 7, p: p, ring: p.Ring()}
}

// Compare returns the atom lhs − rhs ρ 0, i.e. lhs ρ rhs. It panics if lhs
// and rhs belong to different rings.
func Compare(lhs *poly.Poly, rel Rel, rhs *poly.Poly) *Formula {
	return Atom(lhs.Sub(rhs), rel)
}

// RankLE returns the rank atom rank(m) ≤ q. The matrix must be non-empty and
// rectangular with entries from one ring, and q ≥ 0; otherwise RankLE panics
// with ErrBadRank. When q ≥ min(rows, cols) the atom is True().
func RankLE(m [][]*poly.Poly, q int) *Formula {
	if len(m) == 0 || len(m[0]) == 0 || q < 0 {
		panic(ErrBadRank)
	}
	R := m[0][0].Ring()
	cp := make([][]*poly.Poly, len(m))
	for i, row := range m {
		if len(row) != len(m[0]) {
			panic(ErrBadRank)
		}
		for _, e := range row {
			if !e.Ring().Same(R) {
				panic(ErrRingMismatch)
			}
		}
		cp[i] = slices.Clone(row)
	}
	if q >= min(len(m), len(m[0])) {
		return trueFormula
	}
	return &Formula{op: OpRank, mat: cp, bound: q, ring: R}
}

func combineRing(fs []*Formula) *poly.Ring {
	var R *poly.Ring
	for _, f := range fs {
		if f.ring == nil {
			continue
		}
		if R == nil {
			R = f.ring
		} else if R != f.ring && !R.Same(f.ring) {
			panic(ErrRingMismatch)
		}
	}
	return R
}

// Not returns ¬f.
func Not(f *Formula) *Formula {
	return &Formula{op: OpNot, args: []*Formula{f}, ring: f.ring}
}

// And returns the conjunction of fs: True() for no arguments, the argument
// itself for one. It panics if the arguments belong to different rings.
func And(fs ...*Formula) *Formula { return nary(OpAnd, fs) }

// Or returns the disjunction of fs: False() for no arguments, the argument
// itself for one.
func Or(fs ...*Formula) *Formula { return nary(OpOr, fs) }

func nary(op Op, fs []*Formula) *Formula {
	switch len(fs) {
	case 0:
		if op == OpAnd {
			return trueFormula
		}
		return falseFormula
	case 1:
		return fs[0]
	}
	return &Formula{op: op, args: slices.Clone(fs), ring: combineRing(fs)}
}

// Implies returns a ⇒ b.
func Implies(a, b *Formula) *Formula {
	return &Formula{op: OpImplies, args: []*Formula{a, b}, ring: combineRing([]*Formula{a, b})}
}

// Iff returns a ⇔ b.
func Iff(a, b *Formula) *Formula {
	return &Formula{op: OpIff, args: []*Formula{a, b}, ring: combineRing([]*Formula{a, b})}
}

// Ex returns ∃ vars f, with vars indices of variables of R, the ring of f.
// With no variables it returns f. It panics with ErrVarRange for an index
// outside R and with ErrRingMismatch if f has a different ring.
func Ex(R *poly.Ring, vars []int, f *Formula) *Formula { return quant(OpEx, R, vars, f) }

// All returns ∀ vars f (see [Ex]).
func All(R *poly.Ring, vars []int, f *Formula) *Formula { return quant(OpAll, R, vars, f) }

func quant(op Op, R *poly.Ring, vars []int, f *Formula) *Formula {
	if len(vars) == 0 {
		return f
	}
	if f.ring != nil && !f.ring.Same(R) {
		panic(ErrRingMismatch)
	}
	for _, v := range vars {
		if v < 0 || v >= R.NumVars() {
			panic(ErrVarRange)
		}
	}
	return &Formula{op: op, args: []*Formula{f}, vars: slices.Clone(vars), ring: R}
}

// Op returns the kind of the formula's root node.
func (f *Formula) Op() Op { return f.op }

// Rel returns the relation of an atom (OpAtom), else 0.
func (f *Formula) Rel() Rel { return f.rel }

// Poly returns the polynomial of an atom (OpAtom), else nil.
func (f *Formula) Poly() *poly.Poly { return f.p }

// Matrix returns (a copy of the row slices of) the matrix of a rank atom,
// else nil.
func (f *Formula) Matrix() [][]*poly.Poly {
	if f.mat == nil {
		return nil
	}
	m := make([][]*poly.Poly, len(f.mat))
	for i, r := range f.mat {
		m[i] = slices.Clone(r)
	}
	return m
}

// RankBound returns q of a rank atom rank(M) ≤ q.
func (f *Formula) RankBound() int { return f.bound }

// Args returns the operands of a connective or the body of a quantifier
// (a copy of the slice).
func (f *Formula) Args() []*Formula { return slices.Clone(f.args) }

// Vars returns the variables bound by a quantifier node.
func (f *Formula) Vars() []int { return slices.Clone(f.vars) }

// Ring returns the ring of the formula's polynomials, or nil for a formula
// built from true and false only.
func (f *Formula) Ring() *poly.Ring { return f.ring }

// IsQuantifierFree reports whether f contains no quantifier.
func (f *Formula) IsQuantifierFree() bool {
	if f.op == OpEx || f.op == OpAll {
		return false
	}
	for _, a := range f.args {
		if !a.IsQuantifierFree() {
			return false
		}
	}
	return true
}

// FreeVars returns the indices of the variables that occur free in f,
// increasing.
func (f *Formula) FreeVars() []int {
	n := 0
	if f.ring != nil {
		n = f.ring.NumVars()
	}
	occ := make([]bool, n)
	f.markFree(occ, make([]int, n))
	var out []int
	for i, b := range occ {
		if b {
			out = append(out, i)
		}
	}
	return out
}

// markFree marks in occ the variables occurring free; boundDepth counts the
// enclosing quantifiers binding each variable.
func (f *Formula) markFree(occ []bool, bound []int) {
	mark := func(p *poly.Poly) {
		for _, v := range p.Vars() {
			if bound[v] == 0 {
				occ[v] = true
			}
		}
	}
	switch f.op {
	case OpAtom:
		mark(f.p)
	case OpRank:
		for _, r := range f.mat {
			for _, e := range r {
				mark(e)
			}
		}
	case OpEx, OpAll:
		for _, v := range f.vars {
			bound[v]++
		}
		f.args[0].markFree(occ, bound)
		for _, v := range f.vars {
			bound[v]--
		}
	default:
		for _, a := range f.args {
			a.markFree(occ, bound)
		}
	}
}

// Equal reports whether f and g are the same formula tree (same node kinds,
// equal polynomials, same variable lists). It is syntactic equality, not
// logical equivalence.
func (f *Formula) Equal(g *Formula) bool {
	if f == g {
		return true
	}
	if f.op != g.op || f.rel != g.rel || f.bound != g.bound || len(f.args) != len(g.args) ||
		!slices.Equal(f.vars, g.vars) || len(f.mat) != len(g.mat) {
		return false
	}
	if f.op == OpAtom && !f.p.Equal(g.p) {
		return false
	}
	for i := range f.mat {
		if len(f.mat[i]) != len(g.mat[i]) {
			return false
		}
		for j := range f.mat[i] {
			if !f.mat[i][j].Equal(g.mat[i][j]) {
				return false
			}
		}
	}
	for i := range f.args {
		if !f.args[i].Equal(g.args[i]) {
			return false
		}
	}
	return true
}

// Size returns the number of nodes of f (atoms count 1), a measure of
// formula size for tests and budgets.
func (f *Formula) Size() int {
	n := 1
	for _, a := range f.args {
		n += a.Size()
	}
	return n
}

// Atoms calls fn on every atom and rank atom of f, in order, until fn returns
// false.
func (f *Formula) Atoms(fn func(a *Formula) bool) bool {
	switch f.op {
	case OpAtom, OpRank:
		return fn(f)
	}
	for _, a := range f.args {
		if !a.Atoms(fn) {
			return false
		}
	}
	return true
}
