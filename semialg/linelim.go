package semialg

// Elimination of existentially quantified variables through equations in
// which they occur linearly (the structure of relucad's L_I problems: every
// entry of a product of sparse factors is multilinear in the factors'
// entries).
//
// Claim. Let u be a bound variable of ∃u [ (c₁u + c₀ = 0) ∧ ψ(u) ], where
// c₁ and c₀ do not contain u and ψ is a conjunction of atoms. Then
//
//	∃u [c₁u + c₀ = 0 ∧ ψ(u)]  ⇔  (c₁ ≠ 0 ∧ ψ*)  ∨  (c₁ = 0 ∧ c₀ = 0 ∧ ∃u ψ(u))
//
// where ψ* replaces every atom q(u) ρ 0 of ψ, with d = deg_u q, by
// Q ρ 0 for Q = c₁^d · q(−c₀/c₁) when d is even and Q = c₁^{d+1} · q(−c₀/c₁)
// when d is odd.
//
// Proof. If c₁ ≠ 0 the equation has the single solution u = −c₀/c₁, so the
// left side is ψ(−c₀/c₁); Q is a polynomial (the powers of c₁ clear the
// denominators) and Q = c₁^e · q(−c₀/c₁) with e = d or d + 1 even, so
// c₁^e > 0 and Q has the sign of q(−c₀/c₁). If c₁ = 0 the equation reads
// c₀ = 0 and does not constrain u. The two cases are exhaustive. ∎
//
// Applied repeatedly (branches are conjunctions again), every existential
// variable that occurs linearly in some equation is eliminated; the
// branches that keep bound variables go to the CAD, which is much smaller
// there. ∃ distributes over the disjunction of branches. The number of
// branches is at most 2^k for k eliminations; c₁ constant gives one branch.

import (
	"context"
	"fmt"
	"slices"

	"github.com/relucad/relucad/poly"
)

// maxLinearBranches bounds the case split of linear elimination.
const maxLinearBranches = 4096

// linearBranch is a conjunction of atoms with the bound variables that
// still occur in it.
type linearBranch struct {
	atoms []*Formula
	bound []int
}

// conjunctionAtoms returns the atoms of f when f is an atom or a
// conjunction of atoms (after simplification), else ok = false.
func conjunctionAtoms(f *Formula) ([]*Formula, bool) {
	switch f.op {
	case OpAtom:
		return []*Formula{f}, true
	case OpTrue:
		return nil, true
	case OpAnd:
		for _, a := range f.args {
			if a.op != OpAtom {
				return nil, false
			}
		}
		return slices.Clone(f.args), true
	}
	return nil, false
}

// linearPick finds a bound variable u and an equation c₁u + c₀ = 0 among
// atoms, preferring a constant c₁, then the fewest terms of c₁.
func linearPick(atoms []*Formula, bound []int) (ai, u int, c1, c0 *poly.Poly, ok bool) {
	best := -1
	for i, a := range atoms {
		if a.rel != EQ {
			continue
		}
		for _, v := range bound {
			if a.p.Degree(v) != 1 {
				continue
			}
			cs := coeffsIn(a.p, v)
			cost := cs[1].NumTerms()*10 + len(cs[1].Vars())
			if cs[1].IsConst() {
				cost = 0
			}
			if best < 0 || cost < best {
				best, ai, u, c1, c0, ok = cost, i, v, cs[1], cs[0], true
			}
		}
	}
	return
}

// substLinear returns the atom a with u := −c₀/c₁ (see the file comment).
func substLinear(a *Formula, u int, c1, c0 *poly.Poly) *Formula {
	d := a.p.Degree(u)
	if d <= 0 {
		return a
	}
	cs := coeffsIn(a.p, u)
	// Q = Σ_k cs[k] (−c₀)^k c₁^{e−k}, e = d or d+1 (even).
	e := d
	if d%2 == 1 {
		e = d + 1
	}
	R := a.p.Ring()
	Q := R.Zero()
	negc0 := c0.Neg()
	for k, ck := range cs {
		if ck.IsZero() {
			continue
		}
		Q = Q.Add(ck.Mul(negc0.Pow(uint(k))).Mul(c1.Pow(uint(e - k))))
	}
	return Atom(Q, a.rel)
}

// eliminateLinear splits ∃bound (∧ atoms) into branches without the
// linearly occurring variables.
func eliminateLinear(ctx context.Context, atoms []*Formula, bound []int) ([]linearBranch, error) {
	var out []linearBranch
	work := []linearBranch{{atoms, bound}}
	for len(work) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("semialg: linear elimination: %w", err)
		}
		if len(out)+len(work) > maxLinearBranches {
			return nil, fmt.Errorf("%w: more than %d branches in linear elimination", ErrLimit, maxLinearBranches)
		}
		br := work[len(work)-1]
		work = work[:len(work)-1]
		// Simplify the branch; a false branch disappears.
		g := Simplify(And(br.atoms...))
		if g.op == OpFalse {
			continue
		}
		as, ok := conjunctionAtoms(g)
		if !ok {
			return nil, fmt.Errorf("semialg: internal error: branch %v is not a conjunction", g)
		}
		as = reduceEquations(as)
		if g = Simplify(And(as...)); g.op == OpFalse {
			continue
		}
		if as, ok = conjunctionAtoms(g); !ok {
			return nil, fmt.Errorf("semialg: internal error: branch %v is not a conjunction", g)
		}
		as, br.bound = dropTrivialBound(as, br.bound)
		// Keep only bound variables that still occur.
		var bnd []int
		for _, v := range br.bound {
			for _, a := range as {
				if a.p.Degree(v) > 0 {
					bnd = append(bnd, v)
					break
				}
			}
		}
		ai, u, c1, c0, found := linearPick(as, bnd)
		if !found {
			out = append(out, linearBranch{as, bnd})
			continue
		}
		rest := slices.Delete(slices.Clone(as), ai, ai+1)
		// Branch c₁ ≠ 0: substitute.
		var sub []*Formula
		if !c1.IsConst() {
			sub = append(sub, Atom(c1, NE))
		}
		for _, a := range rest {
			sub = append(sub, substLinear(a, u, c1, c0))
		}
		rb := slices.DeleteFunc(slices.Clone(bnd), func(v int) bool { return v == u })
		work = append(work, linearBranch{sub, rb})
		// Branch c₁ = 0 (only when c₁ can vanish).
		if !c1.IsConst() {
			zero := append([]*Formula{Atom(c1, EQ), Atom(c0, EQ)}, rest...)
			work = append(work, linearBranch{zero, bnd})
		}
	}
	return out, nil
}

// qeLinear handles ∃-block formulas whose matrix is a conjunction of atoms
// with a linearly occurring bound variable: it eliminates what it can and
// runs the CAD on each remaining branch. ok = false when the shape does
// not apply.
func qeLinear(ctx context.Context, f *Formula, lim Limits) (g *Formula, ok bool, err error) {
	var bound []int
	m := f
	for m.op == OpEx {
		bound = append(bound, m.vars...)
		m = m.args[0]
	}
	if len(bound) == 0 || !m.IsQuantifierFree() {
		return nil, false, nil
	}
	atoms, isConj := conjunctionAtoms(Simplify(m.ExpandRank()))
	if !isConj {
		return nil, false, nil
	}
	if _, _, _, _, found := linearPick(atoms, bound); !found {
		return nil, false, nil
	}
	branches, err := eliminateLinear(ctx, atoms, bound)
	if err != nil {
		return nil, true, err
	}
	var parts []*Formula
	for _, br := range branches {
		h := eliminateNonzero(br)
		if len(br.bound) > 0 && len(h.FreeVars()) > 0 {
			var still []int
			fv := h.FreeVars()
			for _, v := range br.bound {
				if _, found := slices.BinarySearch(fv, v); found {
					still = append(still, v)
				}
			}
			br.bound = still
		}
		if len(br.bound) > 0 {
			r, err := QEWithLimits(ctx, Ex(f.ring, br.bound, h), lim)
			if err != nil {
				return nil, true, err
			}
			h = r
		}
		parts = append(parts, h)
	}
	return Simplify(Or(parts...)), true, nil
}

// sqfFactors returns the distinct non-constant square-free factors of p,
// normalized, with the variables that divide p split off.
func sqfFactors(p *poly.Poly) []*poly.Poly {
	var out []*poly.Poly
	seen := map[string]bool{}
	add := func(q *poly.Poly) {
		q = normalize(q)
		if q.IsConst() || seen[q.String()] {
			return
		}
		seen[q.String()] = true
		out = append(out, q)
	}
	// A polynomial of degree at most one in every variable is square-free
	// (a square factor f² has degree ≥ 2 in each variable of f), so the
	// square-free decomposition — most of the cost of the linear
	// elimination's bookkeeping — is skipped for it.
	var sqf []*poly.Poly
	if multilinear(p) {
		sqf = []*poly.Poly{p}
	} else {
		for _, fc := range poly.SquareFree(p) {
			sqf = append(sqf, fc.Poly)
		}
	}
	for _, q := range sqf {
		if q.IsConst() {
			continue
		}
		// Split off variables dividing q.
		R := q.Ring()
		for _, v := range q.Vars() {
			min := uint32(1 << 31)
			for _, t := range q.Terms() {
				min = minU(min, t.Mon[v])
			}
			if min == 0 || q.NumTerms() == 1 && len(q.Vars()) == 1 {
				continue
			}
			var ts []poly.Term
			for _, t := range q.Terms() {
				t.Mon[v] -= min
				ts = append(ts, t)
			}
			add(R.Var(v))
			q = R.NewPoly(ts)
		}
		add(q)
	}
	return out
}

// multilinear reports whether p has degree at most one in every variable.
func multilinear(p *poly.Poly) bool {
	for _, d := range p.Degrees() {
		if d > 1 {
			return false
		}
	}
	return true
}

func minU(a, b uint32) uint32 {
	if a < b {
		return a
	}
	return b
}

// reduceEquations rewrites a conjunction of atoms without changing its
// meaning: p ≠ 0 becomes one atom f ≠ 0 per square-free factor f of p;
// p = 0 becomes q = 0 with q the product of the distinct square-free
// factors of p that are not already known to be non-zero (if all are, the
// conjunction is false). Both rules hold because a product vanishes iff
// one factor does, and f^k = 0 iff f = 0.
func reduceEquations(as []*Formula) []*Formula {
	nonzero := map[string]bool{}
	var out []*Formula
	for _, a := range as {
		if a.rel == NE {
			for _, f := range sqfFactors(a.p) {
				nonzero[f.String()] = true
				out = append(out, Atom(f, NE))
			}
		}
	}
	for _, a := range as {
		switch a.rel {
		case NE:
			continue
		case EQ:
			R := a.p.Ring()
			q := R.One()
			for _, f := range sqfFactors(a.p) {
				if !nonzero[f.String()] {
					q = q.Mul(f)
				}
			}
			out = append(out, Atom(q, EQ)) // q = 1 (all factors non-zero) gives false
		default:
			out = append(out, a)
		}
	}
	return out
}

// dropTrivialBound removes bound variables v whose only atoms are v ≠ 0,
// v > 0 or v < 0 (consistent after simplification): ∃v satisfies them, and
// v occurs nowhere else.
func dropTrivialBound(as []*Formula, bound []int) ([]*Formula, []int) {
	var keep []int
	for _, v := range bound {
		trivial := true
		for _, a := range as {
			if a.p.Degree(v) <= 0 {
				continue
			}
			isVar := a.p.NumTerms() == 1 && a.p.TotalDegree() == 1 && a.p.Degree(v) == 1
			if !isVar || (a.rel != NE && a.rel != LT && a.rel != GT) {
				trivial = false
				break
			}
		}
		if !trivial {
			keep = append(keep, v)
			continue
		}
		as = slices.DeleteFunc(slices.Clone(as), func(a *Formula) bool { return a.p.Degree(v) > 0 })
	}
	return as, keep
}

// eliminateNonzero removes the bound variables V of a branch that occur
// only in ≠ atoms:
//
//	∃V [ ∧_i p_i ≠ 0 ∧ ρ ]  ⇔  ρ ∧ ∨_m coef_m(Π_i p_i) ≠ 0
//
// where the p_i are the atoms containing a variable of V, ρ the others,
// and coef_m ranges over the coefficients of Π p_i as a polynomial in V.
// Proof: Π p_i ≠ 0 at some point of R^V iff Π p_i is not the zero
// polynomial in V (a non-zero real polynomial does not vanish on all of
// R^V), iff one of its coefficients is non-zero. ∎
func eliminateNonzero(br linearBranch) *Formula {
	inV := map[int]bool{}
	for _, v := range br.bound {
		only := true
		for _, a := range br.atoms {
			if a.p.Degree(v) > 0 && a.rel != NE {
				only = false
				break
			}
		}
		if only {
			inV[v] = true
		}
	}
	if len(inV) == 0 {
		return And(br.atoms...)
	}
	var rest []*Formula
	var prod *poly.Poly
	for _, a := range br.atoms {
		uses := false
		for v := range inV {
			if a.p.Degree(v) > 0 {
				uses = true
				break
			}
		}
		if !uses {
			rest = append(rest, a)
			continue
		}
		if prod == nil {
			prod = a.p
		} else {
			prod = prod.Mul(a.p)
		}
	}
	if prod == nil {
		return And(br.atoms...)
	}
	// Coefficients of prod as a polynomial in the variables of V.
	R := prod.Ring()
	groups := map[string][]poly.Term{}
	var order []string
	for _, t := range prod.Terms() {
		var key []byte
		for v := range t.Mon {
			if inV[v] {
				key = fmt.Appendf(key, "%d,", t.Mon[v])
				t.Mon[v] = 0
			}
		}
		k := string(key)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], t)
	}
	var disj []*Formula
	for _, k := range order {
		disj = append(disj, Atom(R.NewPoly(groups[k]), NE))
	}
	return Simplify(And(append(rest, Or(disj...))...))
}
