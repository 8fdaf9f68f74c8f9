package semialg

// Prenex form for the CAD entry points.
//
// Decide, QE and Witness need the quantifiers in front. Formulas such as
// a QEPCAD B problem with an assumption, A ⇒ ∀x ∀y φ, are brought to
// prenex form by the classical equivalences, each valid when the bound
// variable x does not occur in the other operand B:
//
//	B ∧ Qx φ ≡ Qx (B ∧ φ),   B ∨ Qx φ ≡ Qx (B ∨ φ),
//	B ⇒ Qx φ ≡ Qx (B ⇒ φ),   (Qx φ) ⇒ B ≡ Q*x (φ ⇒ B),   ¬Qx φ ≡ Q*x ¬φ,
//
// where Q* is the dual quantifier (∃* = ∀, ∀* = ∃). (Proof: for the first
// three, B does not depend on x, so it can be moved in and out of the
// quantifier; the others follow with A ⇒ B = ¬A ∨ B and De Morgan.) The
// quantifier blocks of different operands bind disjoint variables that do
// not occur in the other operands, so they are independent and may be
// concatenated in any order. When a variable is bound in one operand and
// occurs in another, or a quantifier sits under ⇔, prenex leaves the
// formula alone and the entry points eliminate its quantified subformulas
// bottom-up instead (elimInner).

import (
	"context"
	"fmt"
	"slices"
)

// qblock is one quantifier of a prefix.
type qblock struct {
	op   Op
	vars []int
}

// prenex returns a prenex formula equivalent to f, or f itself (ok = false)
// when the rules above do not apply.
func prenex(f *Formula) (*Formula, bool) {
	if f.ring == nil || f.isPrenex() {
		return f, true
	}
	prefix, m, ok := pullQuantifiers(f)
	if !ok {
		return f, false
	}
	for i := len(prefix) - 1; i >= 0; i-- {
		m = quant(prefix[i].op, f.ring, prefix[i].vars, m)
	}
	return m, true
}

// isPrenex reports whether only a quantifier prefix precedes a
// quantifier-free matrix.
func (f *Formula) isPrenex() bool {
	for f.op == OpEx || f.op == OpAll {
		f = f.args[0]
	}
	return f.IsQuantifierFree()
}

// allVars marks every variable occurring in f, free or bound.
func (f *Formula) allVars(occ map[int]bool) {
	switch f.op {
	case OpAtom:
		for _, v := range f.p.Vars() {
			occ[v] = true
		}
	case OpRank:
		for _, row := range f.mat {
			for _, e := range row {
				for _, v := range e.Vars() {
					occ[v] = true
				}
			}
		}
	}
	for _, v := range f.vars {
		occ[v] = true
	}
	for _, a := range f.args {
		a.allVars(occ)
	}
}

func dual(op Op) Op {
	if op == OpEx {
		return OpAll
	}
	return OpEx
}

// pullQuantifiers splits f into a quantifier prefix and a quantifier-free
// matrix by the equivalences of the file comment.
func pullQuantifiers(f *Formula) ([]qblock, *Formula, bool) {
	switch f.op {
	case OpTrue, OpFalse, OpAtom, OpRank:
		return nil, f, true
	case OpEx, OpAll:
		pre, m, ok := pullQuantifiers(f.args[0])
		return append([]qblock{{f.op, slices.Clone(f.vars)}}, pre...), m, ok
	case OpNot:
		pre, m, ok := pullQuantifiers(f.args[0])
		for i := range pre {
			pre[i].op = dual(pre[i].op)
		}
		return pre, Not(m), ok
	case OpIff:
		if !f.IsQuantifierFree() {
			return nil, nil, false
		}
		return nil, f, true
	}
	// And, Or, Implies: operands with independent prefixes.
	var prefix []qblock
	ms := make([]*Formula, len(f.args))
	for i, a := range f.args {
		pre, m, ok := pullQuantifiers(a)
		if !ok {
			return nil, nil, false
		}
		if f.op == OpImplies && i == 0 {
			for k := range pre {
				pre[k].op = dual(pre[k].op)
			}
		}
		// The variables bound here must not occur in any other operand.
		for j, b := range f.args {
			if j == i {
				continue
			}
			occ := map[int]bool{}
			b.allVars(occ)
			for _, q := range pre {
				for _, v := range q.vars {
					if occ[v] {
						return nil, nil, false
					}
				}
			}
		}
		prefix = append(prefix, pre...)
		ms[i] = m
	}
	switch f.op {
	case OpAnd:
		return prefix, And(ms...), true
	case OpOr:
		return prefix, Or(ms...), true
	}
	return prefix, Implies(ms[0], ms[1]), true
}

// elimInner handles the formulas prenex leaves alone (a quantifier under
// ⇔, or a bound variable that also occurs outside its scope): it
// eliminates the quantified subformulas bottom-up, each by QEWithLimits
// over its own free variables (which may include variables bound further
// out), and replaces it by the quantifier-free result. Each step replaces a
// subformula by an equivalent one, so the final quantifier-free formula is
// equivalent to f. (The innermost eliminations keep the outer bound
// variables free, so they can be larger than one prenex CAD; this path is
// taken only when prenex form is not available.)
func elimInner(ctx context.Context, f *Formula, lim Limits) (*Formula, error) {
	if f.IsQuantifierFree() {
		return f, nil
	}
	switch f.op {
	case OpEx, OpAll:
		body, err := elimInner(ctx, f.args[0], lim)
		if err != nil {
			return nil, err
		}
		return QEWithLimits(ctx, quant(f.op, f.ring, f.vars, body), lim)
	case OpNot:
		a, err := elimInner(ctx, f.args[0], lim)
		if err != nil {
			return nil, err
		}
		return Not(a), nil
	case OpAnd, OpOr, OpImplies, OpIff:
		args := make([]*Formula, len(f.args))
		for i, a := range f.args {
			var err error
			if args[i], err = elimInner(ctx, a, lim); err != nil {
				return nil, err
			}
		}
		switch f.op {
		case OpAnd:
			return And(args...), nil
		case OpOr:
			return Or(args...), nil
		case OpImplies:
			return Implies(args[0], args[1]), nil
		default:
			return Iff(args[0], args[1]), nil
		}
	}
	return nil, Error{msg: fmt.Sprintf("semialg: cannot eliminate the quantifiers under operator %d", f.op)}
}
