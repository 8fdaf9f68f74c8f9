package semialg

import (
	"math/big"
	"slices"

	"github.com/relucad/relucad/poly"
)

// Simplify returns a formula equivalent to f (over the reals, for every
// value of the free variables) that is usually smaller. It
//
//   - normalizes every atom p ρ 0 to c·p ρ' 0 with c·p primitive with integer
//     coefficients and positive leading coefficient (ρ' = ρ mirrored when
//     c < 0), and folds constant atoms and constant rank atoms;
//   - pushes ¬ into atoms (complement of the sign condition) and removes
//     double negation;
//   - flattens nested ∧/∨, removes true/false operands, merges the atoms
//     on one polynomial by intersecting (∧) or uniting (∨) their sign
//     conditions, removes duplicate operands, detects g ∧ ¬g and g ∨ ¬g, and
//     drops subsumed operands (absorption A ∨ (A ∧ B) = A, also up to
//     implication between atoms: (x ≥ 0) ∨ (x > 0 ∧ y = 0) is x ≥ 0);
//   - folds ⇒ and ⇔ with a constant side;
//   - drops quantified variables that do not occur in the body, and merges
//     directly nested quantifiers of the same kind.
//
// Simplify never changes the truth value at any point; the tests check this
// by exact evaluation at random rational points.
func Simplify(f *Formula) *Formula {
	switch f.op {
	case OpTrue, OpFalse:
		return f
	case OpAtom:
		return normAtom(f.p, f.rel)
	case OpRank:
		return simplifyRank(f)
	case OpNot:
		return negate(Simplify(f.args[0]))
	case OpAnd, OpOr:
		args := make([]*Formula, len(f.args))
		for i, a := range f.args {
			args[i] = Simplify(a)
		}
		return simplifyNary(f.op, args)
	case OpImplies:
		a, b := Simplify(f.args[0]), Simplify(f.args[1])
		switch {
		case a.op == OpFalse || b.op == OpTrue:
			return True()
		case a.op == OpTrue:
			return b
		case b.op == OpFalse:
			return negate(a)
		case a.Equal(b):
			return True()
		}
		// a ⇒ b is ¬a ∨ b; use that form when it is not larger.
		if na := negate(a); na.op == OpAtom || na.op == OpTrue || na.op == OpFalse {
			return simplifyNary(OpOr, []*Formula{na, b})
		}
		return Implies(a, b)
	case OpIff:
		a, b := Simplify(f.args[0]), Simplify(f.args[1])
		switch {
		case a.op == OpTrue:
			return b
		case b.op == OpTrue:
			return a
		case a.op == OpFalse:
			return negate(b)
		case b.op == OpFalse:
			return negate(a)
		case a.Equal(b):
			return True()
		}
		return Iff(a, b)
	case OpEx, OpAll:
		body := Simplify(f.args[0])
		free := body.FreeVars()
		var vars []int
		for _, v := range f.vars {
			if _, found := slices.BinarySearch(free, v); found && !slices.Contains(vars, v) {
				vars = append(vars, v)
			}
		}
		if len(vars) == 0 {
			return body
		}
		if body.op == f.op {
			for _, v := range body.vars {
				if !slices.Contains(vars, v) {
					vars = append(vars, v)
				}
			}
			body = body.args[0]
		}
		return quant(f.op, f.ring, vars, body)
	}
	panic("semialg: unknown formula node")
}

// normAtom returns the canonical form of p ρ 0.
func normAtom(p *poly.Poly, rel Rel) *Formula {
	if p.IsConst() {
		s := 0
		if !p.IsZero() {
			s = p.LeadCoeff().Sign()
		}
		return Bool(rel.Holds(s))
	}
	q := primitive(p)
	if q.LeadCoeff().Sign() < 0 {
		q = q.Neg()
		rel = rel.Mirror()
	}
	return Atom(q, rel)
}

func simplifyRank(f *Formula) *Formula {
	allConst := true
	for _, r := range f.mat {
		for _, e := range r {
			if !e.IsConst() {
				allConst = false
			}
		}
	}
	if !allConst {
		return f
	}
	a := make([][]*big.Rat, len(f.mat))
	for i, r := range f.mat {
		for _, e := range r {
			c := new(big.Rat)
			if !e.IsZero() {
				c = e.LeadCoeff()
			}
			a[i] = append(a[i], c)
		}
	}
	return Bool(rankRat(a) <= f.bound)
}

// negate returns a simplified formula equivalent to ¬g for a simplified g.
func negate(g *Formula) *Formula {
	switch g.op {
	case OpTrue:
		return False()
	case OpFalse:
		return True()
	case OpAtom:
		return Atom(g.p, g.rel.Negate())
	case OpNot:
		return g.args[0]
	}
	return Not(g)
}

// key identifies a simplified formula for duplicate detection.
func key(f *Formula) string { return f.String() }

// implies reports whether a ⇒ b is evident: equal formulas, or atoms on the
// same polynomial with the sign condition of a contained in that of b.
func implies(a, b *Formula) bool {
	if a.op == OpAtom && b.op == OpAtom {
		return a.rel&^b.rel == 0 && a.p.Equal(b.p)
	}
	return a.Equal(b)
}

func simplifyNary(op Op, args []*Formula) *Formula {
	unit, zero := OpTrue, OpFalse // neutral and absorbing constants for ∧
	if op == OpOr {
		unit, zero = OpFalse, OpTrue
	}
	// Flatten.
	var flat []*Formula
	for _, a := range args {
		if a.op == op {
			flat = append(flat, a.args...)
		} else {
			flat = append(flat, a)
		}
	}
	// Merge atoms per polynomial, drop units, stop at the absorbing constant.
	atomIdx := map[string]int{}
	var out []*Formula
	seen := map[string]bool{}
	for _, a := range flat {
		switch a.op {
		case unit:
			continue
		case zero:
			return a
		case OpAtom:
			k := a.p.String()
			if i, ok := atomIdx[k]; ok {
				b := out[i]
				rel := b.rel & a.rel
				if op == OpOr {
					rel = b.rel | a.rel
				}
				out[i] = &Formula{op: OpAtom, rel: rel, p: b.p, ring: b.ring}
				continue
			}
			atomIdx[k] = len(out)
			out = append(out, a)
		default:
			k := key(a)
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, a)
		}
	}
	// Trivial merged atoms.
	kept := out[:0]
	for _, a := range out {
		if a.op == OpAtom {
			switch a.rel {
			case RelFalse:
				if op == OpAnd {
					return False()
				}
				continue
			case RelTrue:
				if op == OpOr {
					return True()
				}
				continue
			}
		}
		kept = append(kept, a)
	}
	out = kept
	// g and ¬g.
	keys := map[string]bool{}
	for _, a := range out {
		keys[key(a)] = true
	}
	for _, a := range out {
		if a.op == OpNot && keys[key(a.args[0])] {
			return Bool(op == OpOr)
		}
	}
	// Absorption: in ∨, drop a conjunction one of whose conjuncts implies
	// another operand; in ∧, drop a disjunction one of whose disjuncts is
	// implied by another operand.
	dual := OpOr
	if op == OpOr {
		dual = OpAnd
	}
	var res []*Formula
	for i, a := range out {
		subsumed := false
		if a.op == dual {
			for j, b := range out {
				if i == j {
					continue
				}
				for _, c := range a.args {
					if op == OpOr && implies(c, b) || op == OpAnd && implies(b, c) {
						subsumed = true
						break
					}
				}
				if subsumed {
					break
				}
			}
		}
		if !subsumed {
			res = append(res, a)
		}
	}
	res = absorbDual(op, dual, res)
	switch len(res) {
	case 0:
		return Bool(op == OpAnd)
	case 1:
		return res[0]
	}
	return &Formula{op: op, args: res, ring: combineRing(res)}
}

// operands returns the operands of g as an operand of the dual
// connective: the arguments of a dual node, or g itself.
func operands(g *Formula, dual Op) []*Formula {
	if g.op == dual {
		return g.args
	}
	return []*Formula{g}
}

// absorbDual drops an operand A of an ∨ when another kept operand B is
// implied by it evidently: every conjunct of B is implied by a conjunct of
// A (then A ⇒ B and A ∨ B = B). Dually for ∧: A is dropped when some other
// operand B implies it (every disjunct of B implies a disjunct of A).
func absorbDual(op, dual Op, args []*Formula) []*Formula {
	kept := make([]bool, len(args))
	for i := range kept {
		kept[i] = true
	}
	// weaker(a, b): a ⇒ b evidently (for ∨: a conjunction implies b).
	weaker := func(a, b *Formula) bool {
		if op == OpOr {
			for _, y := range operands(b, dual) {
				found := false
				for _, x := range operands(a, dual) {
					if implies(x, y) {
						found = true
						break
					}
				}
				if !found {
					return false
				}
			}
			return true
		}
		// ∧: b ⇒ a when every disjunct of b implies a disjunct of a.
		for _, y := range operands(b, dual) {
			found := false
			for _, x := range operands(a, dual) {
				if implies(y, x) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
	for i, a := range args {
		for j, b := range args {
			if i == j || !kept[j] {
				continue
			}
			if weaker(a, b) {
				kept[i] = false
				break
			}
		}
	}
	var out []*Formula
	for i, a := range args {
		if kept[i] {
			out = append(out, a)
		}
	}
	return out
}
