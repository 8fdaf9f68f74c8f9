package semialg

import (
	"context"
	"fmt"
	"math/big"

	"github.com/relucad/relucad/poly"
)

// EvalPoly returns the exact value of p at the rational point x (one value
// per ring variable). It panics with ErrVarRange-like poly.ErrLength if x
// has the wrong length.
func EvalPoly(p *poly.Poly, x []*big.Rat) *big.Rat {
	if len(x) != p.Ring().NumVars() {
		panic(poly.ErrLength)
	}
	sum := new(big.Rat)
	t := new(big.Rat)
	pw := make(map[[2]int]*big.Rat)
	power := func(v int, e uint32) *big.Rat {
		k := [2]int{v, int(e)}
		if r, ok := pw[k]; ok {
			return r
		}
		r := new(big.Rat).SetInt64(1)
		b := new(big.Rat).Set(x[v])
		for n := e; n > 0; n >>= 1 {
			if n&1 == 1 {
				r.Mul(r, b)
			}
			if n > 1 {
				b.Mul(b, b)
			}
		}
		pw[k] = r
		return r
	}
	for _, term := range p.Terms() {
		t.Set(term.Coef)
		for v, e := range term.Mon {
			if e > 0 {
				t.Mul(t, power(v, e))
			}
		}
		sum.Add(sum, t)
	}
	return sum
}

// Eval returns the truth value of the quantifier-free formula f at the
// rational point x (x[i] is the value of ring variable i). It is exact:
// atoms are decided by the sign of the polynomial's exact value, rank atoms
// by exact Gaussian elimination. A formula with quantifiers gives an error
// wrapping ErrNotSupported (decide it instead); x must have one value per
// ring variable (ignored for formulas without a ring).
func (f *Formula) Eval(x []*big.Rat) (bool, error) {
	if f.ring != nil && len(x) != f.ring.NumVars() {
		return false, fmt.Errorf("semialg: Eval: point has %d coordinates, the ring has %d variables", len(x), f.ring.NumVars())
	}
	return f.evalWith(func(p *poly.Poly) (int, error) {
		return EvalPoly(p, x).Sign(), nil
	}, func(m [][]*poly.Poly) (int, error) {
		a := make([][]*big.Rat, len(m))
		for i, r := range m {
			a[i] = make([]*big.Rat, len(r))
			for j, e := range r {
				a[i][j] = EvalPoly(e, x)
			}
		}
		return rankRat(a), nil
	})
}

// EvalSigns returns the truth value of the quantifier-free formula f when
// each polynomial p has the sign sign(p) (−1, 0, +1). Rank atoms are decided
// through their minors. This is how a CAD evaluates a formula on a cell, and
// how formulas are evaluated at real algebraic points (sign = exact sign
// evaluation). Errors from sign are returned unchanged.
func (f *Formula) EvalSigns(sign func(p *poly.Poly) (int, error)) (bool, error) {
	return f.evalWith(sign, nil)
}

// evalWith evaluates f with a sign oracle; rank, when non-nil, gives the
// exact rank of a matrix at the point (otherwise minors are used).
func (f *Formula) evalWith(sign func(*poly.Poly) (int, error), rank func([][]*poly.Poly) (int, error)) (bool, error) {
	switch f.op {
	case OpTrue:
		return true, nil
	case OpFalse:
		return false, nil
	case OpAtom:
		s, err := sign(f.p)
		if err != nil {
			return false, err
		}
		return f.rel.Holds(s), nil
	case OpRank:
		if rank != nil {
			r, err := rank(f.mat)
			if err != nil {
				return false, err
			}
			return r <= f.bound, nil
		}
		for _, m := range Minors(f.mat, f.bound+1) {
			s, err := sign(m)
			if err != nil {
				return false, err
			}
			if s != 0 {
				return false, nil
			}
		}
		return true, nil
	case OpNot:
		v, err := f.args[0].evalWith(sign, rank)
		return !v, err
	case OpAnd, OpOr:
		want := f.op == OpOr // the value that decides the connective
		for _, a := range f.args {
			v, err := a.evalWith(sign, rank)
			if err != nil {
				return false, err
			}
			if v == want {
				return want, nil
			}
		}
		return !want, nil
	case OpImplies:
		a, err := f.args[0].evalWith(sign, rank)
		if err != nil || !a {
			return true, err
		}
		return f.args[1].evalWith(sign, rank)
	case OpIff:
		a, err := f.args[0].evalWith(sign, rank)
		if err != nil {
			return false, err
		}
		b, err := f.args[1].evalWith(sign, rank)
		return a == b, err
	}
	return false, fmt.Errorf("%w: evaluating a quantified formula at a point (decide it instead)", ErrNotSupported)
}

// EvalAlg returns the truth value of the quantifier-free formula f at the
// point x with real algebraic coordinates (x[i] is the value of ring
// variable i; entries of variables that do not occur may be nil). Signs are
// exact (poly.SignAt); rank atoms are decided through their minors.
func (f *Formula) EvalAlg(ctx context.Context, x []*poly.RealAlg) (bool, error) {
	if f.ring != nil && len(x) != f.ring.NumVars() {
		return false, fmt.Errorf("semialg: EvalAlg: point has %d coordinates, the ring has %d variables", len(x), f.ring.NumVars())
	}
	return f.EvalSigns(func(p *poly.Poly) (int, error) { return poly.SignAt(ctx, p, x) })
}
