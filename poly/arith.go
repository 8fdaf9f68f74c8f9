package poly

import (
	"context"
	"fmt"
	"math/big"
)

// Add returns p + q. It panics with ErrRingMismatch if the rings differ.
func (p *Poly) Add(q *Poly) *Poly { return p.addSub(q, false) }

// Sub returns p - q. It panics with ErrRingMismatch if the rings differ.
func (p *Poly) Sub(q *Poly) *Poly { return p.addSub(q, true) }

// addSub merges the two sorted term lists. Untouched terms share storage
// with the operands (which is never written).
func (p *Poly) addSub(q *Poly, neg bool) *Poly {
	p.sameRing(q)
	if q.IsZero() {
		return p
	}
	if p.IsZero() {
		if neg {
			return q.Neg()
		}
		return q
	}
	ord := p.r.ord
	a, b := p.terms, q.terms
	out := make([]Term, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := ord.Cmp(a[i].Mon, b[j].Mon); {
		case c > 0:
			out = append(out, a[i])
			i++
		case c < 0:
			t := b[j]
			if neg {
				t.Coef = new(big.Rat).Neg(t.Coef)
			}
			out = append(out, t)
			j++
		default:
			s := new(big.Rat)
			if neg {
				s.Sub(a[i].Coef, b[j].Coef)
			} else {
				s.Add(a[i].Coef, b[j].Coef)
			}
			if s.Sign() != 0 {
				out = append(out, Term{Mon: a[i].Mon, Coef: s})
			}
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	for ; j < len(b); j++ {
		t := b[j]
		if neg {
			t.Coef = new(big.Rat).Neg(t.Coef)
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return p.r.zero
	}
	return &Poly{r: p.r, terms: out}
}

// Neg returns -p.
func (p *Poly) Neg() *Poly {
	if p.IsZero() {
		return p
	}
	out := make([]Term, len(p.terms))
	for i, t := range p.terms {
		out[i] = Term{Mon: t.Mon, Coef: new(big.Rat).Neg(t.Coef)}
	}
	return &Poly{r: p.r, terms: out}
}

// ScaleRat returns c*p (c is not retained).
func (p *Poly) ScaleRat(c *big.Rat) *Poly {
	if c.Sign() == 0 {
		return p.r.zero
	}
	if isOneRat(c) {
		return p
	}
	out := make([]Term, len(p.terms))
	for i, t := range p.terms {
		out[i] = Term{Mon: t.Mon, Coef: new(big.Rat).Mul(t.Coef, c)}
	}
	return &Poly{r: p.r, terms: out}
}

// ScaleInt returns c*p.
func (p *Poly) ScaleInt(c int64) *Poly { return p.ScaleRat(new(big.Rat).SetInt64(c)) }

// MulTerm returns c*m*p. It panics with ErrLength if len(m) != NumVars and
// with ErrExponentOverflow if an exponent would exceed 2^32-1.
func (p *Poly) MulTerm(c *big.Rat, m Monomial) *Poly {
	if len(m) != p.r.NumVars() {
		panic(ErrLength)
	}
	if c.Sign() == 0 || p.IsZero() {
		return p.r.zero
	}
	one := isOneRat(c)
	out := make([]Term, len(p.terms))
	mons := make([]uint32, len(p.terms)*len(m))
	n := len(m)
	for i, t := range p.terms {
		mm := Monomial(mons[i*n : (i+1)*n : (i+1)*n])
		for k := range mm {
			s := uint64(t.Mon[k]) + uint64(m[k])
			if s > 1<<32-1 {
				panic(ErrExponentOverflow)
			}
			mm[k] = uint32(s)
		}
		cc := t.Coef
		if !one {
			cc = new(big.Rat).Mul(t.Coef, c)
		}
		out[i] = Term{Mon: mm, Coef: cc}
	}
	// Multiplying by a monomial preserves a monomial order.
	return &Poly{r: p.r, terms: out}
}

// Pow returns p^n (p^0 = 1, also for p = 0), by repeated squaring.
func (p *Poly) Pow(n uint) *Poly {
	if n == 0 {
		return p.r.one
	}
	if p.IsZero() || n == 1 {
		return p
	}
	if len(p.terms) == 1 {
		t := p.terms[0]
		m := make(Monomial, len(t.Mon))
		for k, e := range t.Mon {
			s := uint64(e) * uint64(n)
			if n != 0 && s/uint64(n) != uint64(e) || s > 1<<32-1 {
				panic(ErrExponentOverflow)
			}
			m[k] = uint32(s)
		}
		num := new(big.Int).Exp(t.Coef.Num(), new(big.Int).SetUint64(uint64(n)), nil)
		den := new(big.Int).Exp(t.Coef.Denom(), new(big.Int).SetUint64(uint64(n)), nil)
		return &Poly{r: p.r, terms: []Term{{Mon: m, Coef: new(big.Rat).SetFrac(num, den)}}}
	}
	r, _ := p.PowCtx(context.Background(), n)
	return r
}

// PowCtx is Pow with cancellation: it checks ctx before each of its
// O(log n) multiplications and returns ctx.Err() (wrapped) when ctx is
// done. For single terms and n <= 1 it never fails.
func (p *Poly) PowCtx(ctx context.Context, n uint) (*Poly, error) {
	if n == 0 {
		return p.r.one, nil
	}
	if p.IsZero() || n == 1 || len(p.terms) == 1 {
		return p.Pow(n), nil
	}
	result := p.r.one
	base := p
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("poly: Pow(%d) interrupted: %w", n, err)
		}
		if n&1 == 1 {
			result = result.Mul(base)
		}
		n >>= 1
		if n == 0 {
			return result, nil
		}
		base = base.Mul(base)
	}
}

// Sum returns the sum of the polynomials (0 for none). Summing k
// polynomials with N terms in all costs O(N log N), where adding them one
// by one costs O(k·N): use it to accumulate many terms or products. It
// panics with ErrRingMismatch if a polynomial is not in R.
func (R *Ring) Sum(ps ...*Poly) *Poly {
	n := 0
	for _, p := range ps {
		if !p.r.Same(R) {
			panic(ErrRingMismatch)
		}
		n += len(p.terms)
	}
	switch {
	case n == 0:
		return R.zero
	case len(ps) == 1:
		return ps[0]
	}
	ts := make([]Term, 0, n)
	for _, p := range ps {
		ts = append(ts, p.terms...)
	}
	// canonical copies a coefficient before merging into it, so the shared
	// terms of the operands are not modified.
	return R.canonical(ts)
}
