package poly

// Division.
//
// ExactQuo and DivideMulti are the multivariate division algorithm with
// respect to the ring's monomial order (Cox–Little–O'Shea, Ideals,
// Varieties, and Algorithms, §2.3, Theorem 3). Instead of rewriting the
// whole remainder after every step (O(#r) per step), the dividend is kept
// as a hash map from monomial to coefficient plus a max-heap of its
// monomials: a reduction step c·m·g touches only the #g entries it changes,
// so dividing by g with quotient Q costs O(#Q·#g·log) coefficient
// operations. Monomials enter the heap once: every monomial created by a
// step is smaller than the monomial being reduced, and that one never
// reappears, so the heap pops monomials in strictly decreasing order and
// the quotients and the remainder come out already sorted.
//
// QuoRem and PseudoQuoRem divide in one chosen variable v, treating the
// polynomials as univariate in v with coefficients polynomials in the other
// variables (CoeffsIn); see their doc comments.

import (
	"container/heap"
	"math/big"
)

// divForceGeneric disables the packed integer path of ExactQuo (tests
// cross-check both).
var divForceGeneric = false

type redEntry struct {
	mon  Monomial
	coef *big.Rat
}

// reducer holds a polynomial being reduced.
type reducer struct {
	ord   Order
	m     map[string]*redEntry
	h     monHeap
	scrat *big.Rat
}

type monHeap struct {
	ord Order
	ms  []Monomial
}

func (h *monHeap) Len() int           { return len(h.ms) }
func (h *monHeap) Less(i, j int) bool { return h.ord.Cmp(h.ms[i], h.ms[j]) > 0 }
func (h *monHeap) Swap(i, j int)      { h.ms[i], h.ms[j] = h.ms[j], h.ms[i] }
func (h *monHeap) Push(x any)         { h.ms = append(h.ms, x.(Monomial)) }
func (h *monHeap) Pop() any {
	n := len(h.ms) - 1
	x := h.ms[n]
	h.ms = h.ms[:n]
	return x
}

func newReducer(p *Poly) *reducer {
	rd := &reducer{ord: p.r.ord, m: make(map[string]*redEntry, len(p.terms)), scrat: new(big.Rat)}
	rd.h.ord = p.r.ord
	// p's terms are sorted decreasing, which is a valid max-heap layout.
	rd.h.ms = make([]Monomial, len(p.terms))
	for i, t := range p.terms {
		rd.m[monKey(t.Mon)] = &redEntry{mon: t.Mon, coef: new(big.Rat).Set(t.Coef)}
		rd.h.ms[i] = t.Mon
	}
	return rd
}

// pop returns the largest monomial with a nonzero coefficient, removing it,
// or ok == false when the polynomial is zero.
func (rd *reducer) pop() (Monomial, *big.Rat, bool) {
	for rd.h.Len() > 0 {
		m := heap.Pop(&rd.h).(Monomial)
		k := monKey(m)
		e := rd.m[k]
		delete(rd.m, k)
		if e.coef.Sign() != 0 {
			return e.mon, e.coef, true
		}
	}
	return nil, nil, false
}

// subMul subtracts c·mq·g minus its leading term (the leading term is
// cancelled by construction and never added).
func (rd *reducer) subMul(c *big.Rat, mq Monomial, g []Term) {
	for _, t := range g[1:] {
		m := mq.Mul(t.Mon)
		k := monKey(m)
		rd.scrat.Mul(c, t.Coef)
		if e, ok := rd.m[k]; ok {
			e.coef.Sub(e.coef, rd.scrat)
		} else {
			rd.m[k] = &redEntry{mon: m, coef: new(big.Rat).Neg(rd.scrat)}
			heap.Push(&rd.h, m)
		}
	}
}

// ExactQuo returns p/q when q divides p. When it does not, it returns a
// *NotDividesError. It panics with ErrZeroDivisor if q is zero and with
// ErrRingMismatch if the rings differ. ExactQuo(0, q) = 0.
func (p *Poly) ExactQuo(q *Poly) (*Poly, error) {
	p.sameRing(q)
	if q.IsZero() {
		panic(ErrZeroDivisor)
	}
	if p.IsZero() {
		return p.r.zero, nil
	}
	if q.IsConst() {
		return p.ScaleRat(new(big.Rat).Inv(q.terms[0].Coef)), nil
	}
	notDiv := &NotDividesError{F: p, G: q}
	pd, qd := p.Degrees(), q.Degrees()
	for i := range pd {
		if qd[i] > pd[i] {
			return nil, notDiv
		}
	}
	if len(q.terms) == 1 {
		t := q.terms[0]
		inv := new(big.Rat).Inv(t.Coef)
		out := make([]Term, len(p.terms))
		for i, s := range p.terms {
			m, ok := s.Mon.Quo(t.Mon)
			if !ok {
				return nil, notDiv
			}
			out[i] = Term{Mon: m, Coef: new(big.Rat).Mul(s.Coef, inv)}
		}
		return &Poly{r: p.r, terms: out}, nil
	}
	if !divForceGeneric {
		if quo, err, ok := exactQuoPacked(p, q); ok {
			return quo, err
		}
	}
	lm, lcInv := q.terms[0].Mon, new(big.Rat).Inv(q.terms[0].Coef)
	rd := newReducer(p)
	var quo []Term
	for {
		m, c, ok := rd.pop()
		if !ok {
			break
		}
		mq, ok := m.Quo(lm)
		if !ok {
			return nil, notDiv
		}
		c.Mul(c, lcInv)
		quo = append(quo, Term{Mon: mq, Coef: c})
		rd.subMul(c, mq, q.terms)
	}
	return &Poly{r: p.r, terms: quo}, nil
}

// Divides reports whether q divides p (q must not be zero).
func (q *Poly) Divides(p *Poly) bool {
	_, err := p.ExactQuo(q)
	return err == nil
}

// DivideMulti divides p by the list gs with respect to the ring's order:
// p = Σ quos[i]·gs[i] + rem where no term of rem is divisible by any
// leading monomial LM(gs[i]), and LM(quos[i]·gs[i]) <= LM(p). At each step
// the leading term of the running dividend is divided by the first gs[i]
// whose leading monomial divides it, else moved to the remainder (CLO §2.3).
// Zero entries of gs are skipped (their quotient is 0). It panics with
// ErrRingMismatch if the rings differ.
func (p *Poly) DivideMulti(gs []*Poly) (quos []*Poly, rem *Poly) {
	quos = make([]*Poly, len(gs))
	qts := make([][]Term, len(gs))
	lcInv := make([]*big.Rat, len(gs))
	for i, g := range gs {
		p.sameRing(g)
		if !g.IsZero() {
			lcInv[i] = new(big.Rat).Inv(g.terms[0].Coef)
		}
	}
	var rts []Term
	rd := newReducer(p)
	for {
		m, c, ok := rd.pop()
		if !ok {
			break
		}
		reduced := false
		for i, g := range gs {
			if g.IsZero() {
				continue
			}
			mq, ok := m.Quo(g.terms[0].Mon)
			if !ok {
				continue
			}
			c.Mul(c, lcInv[i])
			qts[i] = append(qts[i], Term{Mon: mq, Coef: c})
			rd.subMul(c, mq, g.terms)
			reduced = true
			break
		}
		if !reduced {
			rts = append(rts, Term{Mon: m, Coef: c})
		}
	}
	for i := range gs {
		quos[i] = p.r.zero
		if len(qts[i]) > 0 {
			quos[i] = &Poly{r: p.r, terms: qts[i]}
		}
	}
	rem = p.r.zero
	if len(rts) > 0 {
		rem = &Poly{r: p.r, terms: rts}
	}
	return quos, rem
}

// Reduce returns the remainder of DivideMulti(gs).
func (p *Poly) Reduce(gs []*Poly) *Poly {
	_, r := p.DivideMulti(gs)
	return r
}

// ErrLeadCoeffIn is the panic value of QuoRem when the leading coefficient
// of the divisor in the chosen variable is not a constant.
var ErrLeadCoeffIn = Error{"poly: QuoRem: leading coefficient of the divisor in the variable is not a constant (use PseudoQuoRem)"}

// xPow returns the monomial x_v^k of R.
func (R *Ring) xPow(v, k int) Monomial {
	m := make(Monomial, R.NumVars())
	m[v] = uint32(k)
	return m
}

// QuoRem divides p by q as univariate polynomials in x_v: p = quo·q + rem
// with Degree(rem, v) < Degree(q, v). The leading coefficient of q in x_v
// must be a nonzero constant, so that the division is exact over Q[other
// variables]; otherwise QuoRem panics with ErrLeadCoeffIn (use
// PseudoQuoRem). It panics with ErrZeroDivisor if q is zero, with
// ErrVarRange and ErrRingMismatch as usual.
func (p *Poly) QuoRem(q *Poly, v int) (quo, rem *Poly) {
	p.sameRing(q)
	p.r.checkVar(v)
	if q.IsZero() {
		panic(ErrZeroDivisor)
	}
	d := q.Degree(v)
	lc := q.LeadCoeffIn(v)
	if !lc.IsConst() {
		panic(ErrLeadCoeffIn)
	}
	inv := new(big.Rat).Inv(lc.terms[0].Coef)
	R := p.r
	quo, rem = R.zero, p
	for !rem.IsZero() {
		dr := rem.Degree(v)
		if dr < d {
			break
		}
		t := rem.LeadCoeffIn(v).MulTerm(inv, R.xPow(v, dr-d))
		quo = quo.Add(t)
		rem = rem.Sub(t.Mul(q))
	}
	return quo, rem
}

// PseudoQuoRem is pseudo-division in x_v: with b = LeadCoeffIn(q, v),
// δ = Degree(p, v) − Degree(q, v) + 1, it returns quo and rem such that
//
//	b^δ · p = quo·q + rem,  Degree(rem, v) < Degree(q, v)
//
// when δ > 0, and quo = 0, rem = p when δ <= 0. The multiplier b^δ is
// exact (not the smallest power that would do), as in Knuth, TAOCP vol. 2,
// Algorithm 4.6.1R, and Geddes–Czapor–Labahn §2.8. It panics with
// ErrZeroDivisor if q is zero, and with ErrVarRange and ErrRingMismatch.
func (p *Poly) PseudoQuoRem(q *Poly, v int) (quo, rem *Poly) {
	p.sameRing(q)
	p.r.checkVar(v)
	if q.IsZero() {
		panic(ErrZeroDivisor)
	}
	R := p.r
	d := q.Degree(v)
	dp := p.Degree(v)
	if dp < d {
		return R.zero, p
	}
	b := q.LeadCoeffIn(v)
	one := big.NewRat(1, 1)
	e := dp - d + 1
	quo, rem = R.zero, p
	for !rem.IsZero() {
		dr := rem.Degree(v)
		if dr < d {
			break
		}
		t := rem.LeadCoeffIn(v).MulTerm(one, R.xPow(v, dr-d))
		quo = b.Mul(quo).Add(t)
		rem = b.Mul(rem).Sub(t.Mul(q))
		e--
	}
	if e > 0 {
		f := b.Pow(uint(e))
		quo, rem = quo.Mul(f), rem.Mul(f)
	}
	return quo, rem
}
