package poly

import (
	"fmt"
	"math/big"
)

// MaxUnivariateDegree bounds the degree Univariate converts: a dense
// UPoly holds one big.Int per degree (about 40 bytes each), so x^99999999
// would need gigabytes before any algorithm starts, and exact root
// isolation beyond degree 2^20 is out of reach even for sparse inputs.
const MaxUnivariateDegree = 1 << 20

// Univariate returns p as a dense univariate integer polynomial in x_v.
// It returns an error if another variable occurs in p, a coefficient is
// not an integer (use PrimitivePart or ClearDenominators first) or the
// degree exceeds MaxUnivariateDegree. It panics with ErrVarRange if v is
// out of range.
func (p *Poly) Univariate(v int) (UPoly, error) {
	p.r.checkVar(v)
	if p.IsZero() {
		return UPoly{}, nil
	}
	d := p.Degree(v)
	if d > MaxUnivariateDegree {
		return nil, fmt.Errorf("poly: Univariate: degree %d in %s exceeds the dense univariate limit %d", d, p.r.vars[v], MaxUnivariateDegree)
	}
	u := make(UPoly, d+1)
	for _, t := range p.terms {
		for i, e := range t.Mon {
			if i != v && e != 0 {
				return nil, fmt.Errorf("poly: Univariate: variable %s occurs in a polynomial taken as univariate in %s", p.r.vars[i], p.r.vars[v])
			}
		}
		if !t.Coef.IsInt() {
			return nil, fmt.Errorf("poly: Univariate: coefficient %s is not an integer", t.Coef.RatString())
		}
		u[t.Mon[v]] = new(big.Int).Set(t.Coef.Num())
	}
	for i := range u {
		if u[i] == nil {
			u[i] = new(big.Int)
		}
	}
	return u, nil
}

// FromUPoly returns u as a polynomial of R in x_v (u's coefficients are
// copied; trailing zero coefficients are allowed). It panics with
// ErrVarRange if v is out of range.
func (R *Ring) FromUPoly(u UPoly, v int) *Poly {
	R.checkVar(v)
	n := R.NumVars()
	var ts []Term
	for k := len(u) - 1; k >= 0; k-- {
		c := u[k]
		if c == nil || c.Sign() == 0 {
			continue
		}
		m := make(Monomial, n)
		m[v] = uint32(k)
		ts = append(ts, Term{Mon: m, Coef: new(big.Rat).SetInt(c)})
	}
	if len(ts) == 0 {
		return R.zero
	}
	// Powers of one variable are ordered by exponent in every monomial
	// order.
	return &Poly{r: R, terms: ts}
}
