package poly

// The sign of a polynomial at a real algebraic point (CAD lifting).
//
// SignAt(ctx, p, pt) decides the sign of alpha = p(pt_1, ..., pt_n) exactly.
//
//  1. Interval evaluation: every term of p is evaluated in exact rational
//     interval arithmetic on the brackets of the coordinates. If the
//     resulting interval excludes 0, its sign is the answer. Otherwise the
//     brackets are refined (the precision doubles each round) and the
//     evaluation repeated. As the brackets shrink, the interval converges to
//     alpha, so a nonzero alpha is always decided this way.
//
//  2. Zero test, once the interval still straddles 0 after a few rounds:
//     alpha is a root of
//     R(y) = Res_{x_1}( ... Res_{x_n}(y - p, f_n(x_n)) ..., f_1(x_1)),
//     where f_i is the defining polynomial of pt_i: since each f_i has a
//     constant leading coefficient, R(y) = c prod (y - p(beta)) over all
//     tuples beta of roots, c != 0, identically. If R(0) != 0 then
//     alpha != 0 and step 1 continues until it decides. If R = y^k R1 with
//     R1(0) != 0, every nonzero root of R has |root| >= delta =
//     |r_0| / (|r_0| + max |r_i|) (Cauchy's bound applied to the reversed
//     R1); an evaluation interval inside (-delta, delta) then proves
//     alpha = 0.
//
// A univariate p (one variable occurring) takes the cheaper exact route of
// USignAt (gcd with the defining polynomial, then Sturm-certified
// refinement).

import (
	"context"
	"fmt"
	"math/big"
)

// SignAt returns the sign (-1, 0, +1) of p at the point pt, whose i-th
// coordinate is the value of variable i of p's ring. len(pt) must equal the
// number of variables; entries for variables that do not occur in p may be
// nil. The result is exact (see the file comment of signat.go). It returns
// an error for a malformed point or when ctx is done.
func SignAt(ctx context.Context, p *Poly, pt []*RealAlg) (int, error) {
	R := p.Ring()
	if len(pt) != R.NumVars() {
		return 0, fmt.Errorf("poly: SignAt: point has %d coordinates, ring %s has %d variables", len(pt), R, R.NumVars())
	}
	if p.IsZero() {
		return 0, nil
	}
	vars := p.Vars()
	for _, v := range vars {
		if pt[v] == nil {
			return 0, fmt.Errorf("poly: SignAt: no value for variable %s", R.VarName(v))
		}
	}
	if len(vars) == 0 {
		return p.LeadCoeff().Sign(), nil
	}
	if len(vars) == 1 {
		u, err := p.PrimitivePart().Univariate(vars[0])
		if err != nil {
			return 0, err
		}
		// PrimitivePart divides by a positive content
		return USignAt(u, pt[vars[0]]), nil
	}
	terms := p.Terms()
	var (
		delta     *big.Rat // zero-certification radius once the test ran
		zeroKnown bool     // R(0) = 0
		tested    bool
	)
	bits := uint(8)
	for round := 0; ; round++ {
		if err := ctx.Err(); err != nil {
			return 0, wrapCtx("SignAt", err)
		}
		box := make([]ival, len(pt))
		for _, v := range vars {
			lo, hi := pt[v].Interval()
			box[v] = ival{lo, hi}
		}
		val := evalTermsInterval(terms, vars, box)
		if val.lo.Sign() > 0 {
			return 1, nil
		}
		if val.hi.Sign() < 0 {
			return -1, nil
		}
		if val.lo.Sign() == 0 && val.hi.Sign() == 0 {
			return 0, nil // all coordinates exact and p vanishes
		}
		if zeroKnown && new(big.Rat).Neg(delta).Cmp(val.lo) < 0 && val.hi.Cmp(delta) < 0 {
			return 0, nil
		}
		if !tested && round >= 3 {
			tested = true
			d, isZeroRoot, err := zeroTestRadius(ctx, p, vars, pt)
			if err != nil {
				return 0, err
			}
			zeroKnown, delta = isZeroRoot, d
			if zeroKnown && new(big.Rat).Neg(delta).Cmp(val.lo) < 0 && val.hi.Cmp(delta) < 0 {
				return 0, nil
			}
		}
		for _, v := range vars {
			if err := pt[v].Refine(ctx, bits); err != nil {
				return 0, err
			}
		}
		bits *= 2
	}
}

// ival is a closed interval [lo, hi] of rationals.
type ival struct{ lo, hi *big.Rat }

func (a ival) mul(b ival) ival {
	p := [4]*big.Rat{
		new(big.Rat).Mul(a.lo, b.lo), new(big.Rat).Mul(a.lo, b.hi),
		new(big.Rat).Mul(a.hi, b.lo), new(big.Rat).Mul(a.hi, b.hi),
	}
	lo, hi := p[0], p[0]
	for _, x := range p[1:] {
		if x.Cmp(lo) < 0 {
			lo = x
		}
		if x.Cmp(hi) > 0 {
			hi = x
		}
	}
	return ival{lo, hi}
}

func (a ival) pow(e int) ival {
	if e == 0 {
		return ival{big.NewRat(1, 1), big.NewRat(1, 1)}
	}
	pl, ph := ratPowInt(a.lo, e), ratPowInt(a.hi, e)
	switch {
	case a.lo.Sign() >= 0:
		return ival{pl, ph}
	case a.hi.Sign() <= 0:
		if e%2 == 0 {
			return ival{ph, pl}
		}
		return ival{pl, ph}
	default: // straddles 0
		if e%2 == 0 {
			m := pl
			if ph.Cmp(m) > 0 {
				m = ph
			}
			return ival{new(big.Rat), m}
		}
		return ival{pl, ph}
	}
}

// evalTermsInterval evaluates sum c_t prod x_v^e in interval arithmetic.
func evalTermsInterval(terms []Term, vars []int, box []ival) ival {
	sum := ival{new(big.Rat), new(big.Rat)}
	for _, t := range terms {
		acc := ival{new(big.Rat).Set(t.Coef), new(big.Rat).Set(t.Coef)}
		for _, v := range vars {
			if e := int(t.Mon[v]); e > 0 {
				acc = acc.mul(box[v].pow(e))
			}
		}
		sum.lo.Add(sum.lo, acc.lo)
		sum.hi.Add(sum.hi, acc.hi)
	}
	return sum
}

// zeroTestRadius computes R(y) (file comment) and returns whether R(0) = 0
// and, if so, the radius delta below which no nonzero root of R lies.
func zeroTestRadius(ctx context.Context, p *Poly, vars []int, pt []*RealAlg) (*big.Rat, bool, error) {
	R := p.Ring()
	names := R.VarNames()
	yname := "y_signat"
	for {
		if _, clash := R.VarIndex(yname); !clash {
			break
		}
		yname += "_"
	}
	S, err := NewRing(append(names, yname), Lex)
	if err != nil {
		return nil, false, err
	}
	ny := len(names)
	ps, err := p.ToRing(S)
	if err != nil {
		return nil, false, err
	}
	Q := S.Var(ny).Sub(ps)
	for i := len(vars) - 1; i >= 0; i-- {
		v := vars[i]
		Q, err = ResultantCtx(ctx, Q, S.FromUPoly(pt[v].Poly(), v), v)
		if err != nil {
			return nil, false, err
		}
	}
	if Q.IsZero() {
		// cannot happen: R is c prod (y - p(beta)) with c != 0
		return nil, false, fmt.Errorf("poly: SignAt: internal error: vanishing elimination resultant")
	}
	u, err := Q.PrimitivePart().Univariate(ny)
	if err != nil {
		return nil, false, err
	}
	if u[0].Sign() != 0 {
		return nil, false, nil
	}
	k := 0
	for u[k].Sign() == 0 {
		k++
	}
	r1 := u[k:]
	if len(r1) == 1 {
		// R = c y^k: every root is 0
		return big.NewRat(1, 1), true, nil
	}
	m := new(big.Int)
	for _, c := range r1[1:] {
		if a := new(big.Int).Abs(c); a.Cmp(m) > 0 {
			m = a
		}
	}
	r0 := new(big.Int).Abs(r1[0])
	return new(big.Rat).SetFrac(r0, new(big.Int).Add(r0, m)), true, nil
}
