package poly

import (
	"math/big"
)

// ratPow returns c^e as a fresh big.Rat.
func ratPow(c *big.Rat, e uint32) *big.Rat {
	if e == 0 {
		return big.NewRat(1, 1)
	}
	en := big.NewInt(int64(e))
	num := new(big.Int).Exp(c.Num(), en, nil)
	if c.IsInt() {
		return new(big.Rat).SetInt(num)
	}
	den := new(big.Int).Exp(c.Denom(), en, nil)
	return new(big.Rat).SetFrac(num, den)
}

// powCache memoizes the powers of one rational.
type powCache struct {
	c  *big.Rat
	ps map[uint32]*big.Rat
}

func (pc *powCache) pow(e uint32) *big.Rat {
	if r, ok := pc.ps[e]; ok {
		return r
	}
	if pc.ps == nil {
		pc.ps = map[uint32]*big.Rat{}
	}
	var r *big.Rat
	if q, ok := pc.ps[e-1]; ok && e > 0 {
		r = new(big.Rat).Mul(q, pc.c)
	} else {
		r = ratPow(pc.c, e)
	}
	pc.ps[e] = r
	return r
}

// Eval returns p with x_v replaced by the rational c: a polynomial of the
// same ring in which x_v does not occur. It panics with ErrVarRange if v is
// out of range.
func (p *Poly) Eval(v int, c *big.Rat) *Poly {
	p.r.checkVar(v)
	if p.Degree(v) <= 0 {
		return p
	}
	cs := p.CoeffsIn(v)
	pc := &powCache{c: new(big.Rat).Set(c)}
	var ts []Term
	for k, ck := range cs {
		if ck.IsZero() {
			continue
		}
		if k == 0 {
			ts = append(ts, ck.terms...)
			continue
		}
		w := pc.pow(uint32(k))
		if w.Sign() == 0 {
			continue
		}
		for _, t := range ck.terms {
			ts = append(ts, Term{Mon: t.Mon, Coef: new(big.Rat).Mul(t.Coef, w)})
		}
	}
	return p.r.canonical(ts)
}

// EvalAll returns p(vals[0], ..., vals[n-1]). It panics with ErrLength if
// len(vals) != NumVars.
func (p *Poly) EvalAll(vals []*big.Rat) *big.Rat {
	n := p.r.NumVars()
	if len(vals) != n {
		panic(ErrLength)
	}
	pcs := make([]powCache, n)
	for i := range pcs {
		pcs[i].c = vals[i]
	}
	sum := new(big.Rat)
	tmp := new(big.Rat)
	for _, t := range p.terms {
		tmp.Set(t.Coef)
		for i, e := range t.Mon {
			if e != 0 {
				tmp.Mul(tmp, pcs[i].pow(e))
			}
		}
		sum.Add(sum, tmp)
	}
	return sum
}

// Subst returns p with x_v replaced by the polynomial q (of the same ring;
// q may involve x_v). It uses Horner's rule in x_v. It panics with
// ErrVarRange or ErrRingMismatch.
func (p *Poly) Subst(v int, q *Poly) *Poly {
	p.sameRing(q)
	p.r.checkVar(v)
	d := p.Degree(v)
	if d <= 0 {
		return p
	}
	if q.IsConst() {
		return p.Eval(v, q.ConstCoeff())
	}
	cs := p.CoeffsIn(v)
	res := cs[d]
	gap := uint(0)
	for k := d - 1; k >= 0; k-- {
		gap++
		if cs[k].IsZero() && k > 0 {
			continue
		}
		res = res.Mul(q.Pow(gap)).Add(cs[k])
		gap = 0
	}
	return res
}

// Deriv returns the partial derivative ∂p/∂x_v. It panics with ErrVarRange
// if v is out of range.
func (p *Poly) Deriv(v int) *Poly {
	p.r.checkVar(v)
	var ts []Term
	n := p.r.NumVars()
	for _, t := range p.terms {
		e := t.Mon[v]
		if e == 0 {
			continue
		}
		m := make(Monomial, n)
		copy(m, t.Mon)
		m[v] = e - 1
		c := new(big.Rat).SetUint64(uint64(e))
		ts = append(ts, Term{Mon: m, Coef: c.Mul(c, t.Coef)})
	}
	// Dividing by x_v keeps the order; the coefficients are nonzero.
	if len(ts) == 0 {
		return p.r.zero
	}
	return &Poly{r: p.r, terms: ts}
}

// Compose returns p(qs[0], ..., qs[n-1]): every variable x_i of p replaced
// simultaneously by qs[i]. The qs must all belong to one ring S (which may
// differ from p's ring); the result is in S. It panics with ErrLength if
// len(qs) != NumVars and with ErrRingMismatch if the qs are not in one ring.
// A ring with no variables needs S: use ToRing or Const instead.
func (p *Poly) Compose(qs []*Poly) *Poly {
	n := p.r.NumVars()
	if len(qs) != n {
		panic(ErrLength)
	}
	if n == 0 {
		panic(Error{"poly: Compose of a polynomial in a ring without variables"})
	}
	S := qs[0].r
	for _, q := range qs[1:] {
		if !q.r.Same(S) {
			panic(ErrRingMismatch)
		}
	}
	pows := make([]map[uint32]*Poly, n)
	pow := func(i int, e uint32) *Poly {
		if e == 0 {
			return S.one
		}
		if pows[i] == nil {
			pows[i] = map[uint32]*Poly{1: qs[i]}
		}
		if r, ok := pows[i][e]; ok {
			return r
		}
		var r *Poly
		if prev, ok := pows[i][e-1]; ok {
			r = prev.Mul(qs[i])
		} else {
			r = qs[i].Pow(uint(e))
		}
		pows[i][e] = r
		return r
	}
	var ts []Term
	for _, t := range p.terms {
		prod := S.Const(t.Coef)
		for i, e := range t.Mon {
			if e != 0 {
				prod = prod.Mul(pow(i, e))
			}
		}
		ts = append(ts, prod.terms...)
	}
	return S.canonical(ts)
}
