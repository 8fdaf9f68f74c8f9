package poly

import (
	"fmt"
	"iter"
	"math/big"
	"slices"
)

// Term is one term c*m of a polynomial.
type Term struct {
	Mon  Monomial
	Coef *big.Rat
}

// Poly is a sparse multivariate polynomial over Q in a Ring. Polys are
// immutable: no method modifies its receiver or its arguments, and values
// handed out (Terms, LeadCoeff, LeadMonomial, ...) are copies.
//
// Invariant (checked by CheckCanonical): terms are sorted strictly
// decreasing in the ring's order, no coefficient is zero, coefficients are
// normalized big.Rats, every monomial has the ring's number of variables,
// and the zero polynomial has no terms. Term storage (monomials and
// coefficients) is never written after the Poly is built, so polynomials
// may share it internally.
type Poly struct {
	r     *Ring
	terms []Term
}

// canonical sorts ts decreasing, merges equal monomials and drops zeros. It
// owns ts and its coefficients (it may modify them).
func (R *Ring) canonical(ts []Term) *Poly {
	ord := R.ord
	sorted := true
	for i := 1; i < len(ts); i++ {
		if ord.Cmp(ts[i-1].Mon, ts[i].Mon) <= 0 {
			sorted = false
			break
		}
	}
	if !sorted {
		slices.SortFunc(ts, func(a, b Term) int { return ord.Cmp(b.Mon, a.Mon) })
	}
	out := ts[:0]
	for i := 0; i < len(ts); {
		t := ts[i]
		j := i + 1
		if !sorted {
			for j < len(ts) && t.Mon.Equal(ts[j].Mon) {
				if j == i+1 {
					t.Coef = new(big.Rat).Set(t.Coef)
				}
				t.Coef.Add(t.Coef, ts[j].Coef)
				j++
			}
		}
		if t.Coef.Sign() != 0 {
			out = append(out, t)
		}
		i = j
	}
	clear(ts[len(out):])
	if len(out) == 0 {
		return R.zero
	}
	return &Poly{r: R, terms: out}
}

func (p *Poly) sameRing(q *Poly) {
	if !p.r.Same(q.r) {
		panic(ErrRingMismatch)
	}
}

// Ring returns the ring of p.
func (p *Poly) Ring() *Ring { return p.r }

// Terms returns a copy of the terms of p, in decreasing ring order.
func (p *Poly) Terms() []Term {
	ts := make([]Term, len(p.terms))
	for i, t := range p.terms {
		ts[i] = Term{Mon: t.Mon.Clone(), Coef: new(big.Rat).Set(t.Coef)}
	}
	return ts
}

// Term returns a copy of the i-th term (0 is the leading term).
func (p *Poly) Term(i int) Term {
	t := p.terms[i]
	return Term{Mon: t.Mon.Clone(), Coef: new(big.Rat).Set(t.Coef)}
}

// NumTerms returns the number of (nonzero) terms.
func (p *Poly) NumTerms() int { return len(p.terms) }

// IsZero reports whether p is 0.
func (p *Poly) IsZero() bool { return len(p.terms) == 0 }

// IsConst reports whether p is a constant (including 0).
func (p *Poly) IsConst() bool {
	return len(p.terms) == 0 || (len(p.terms) == 1 && p.terms[0].Mon.IsOne())
}

// IsOne reports whether p is the constant 1.
func (p *Poly) IsOne() bool {
	return len(p.terms) == 1 && p.terms[0].Mon.IsOne() && isOneRat(p.terms[0].Coef)
}

func isOneRat(c *big.Rat) bool {
	return c.IsInt() && c.Num().IsInt64() && c.Num().Int64() == 1
}

// Equal reports whether p and q are the same polynomial. Polynomials of
// different rings are never equal.
func (p *Poly) Equal(q *Poly) bool {
	if p == q {
		return true
	}
	if !p.r.Same(q.r) || len(p.terms) != len(q.terms) {
		return false
	}
	for i := range p.terms {
		if !p.terms[i].Mon.Equal(q.terms[i].Mon) || p.terms[i].Coef.Cmp(q.terms[i].Coef) != 0 {
			return false
		}
	}
	return true
}

// CheckCanonical returns an error describing the first violation of the
// canonical-form invariant (see Poly), or nil.
func (p *Poly) CheckCanonical() error {
	if p == nil {
		return fmt.Errorf("poly: nil *Poly")
	}
	if p.r == nil {
		return fmt.Errorf("poly: Poly without ring")
	}
	n := p.r.NumVars()
	g := new(big.Int)
	for i, t := range p.terms {
		if len(t.Mon) != n {
			return fmt.Errorf("poly: term %d has %d exponents, ring has %d variables", i, len(t.Mon), n)
		}
		if t.Coef == nil {
			return fmt.Errorf("poly: term %d has nil coefficient", i)
		}
		if t.Coef.Sign() == 0 {
			return fmt.Errorf("poly: term %d has zero coefficient", i)
		}
		d := t.Coef.Denom()
		if d.Sign() <= 0 {
			return fmt.Errorf("poly: term %d has non-positive denominator", i)
		}
		if g.GCD(nil, nil, new(big.Int).Abs(t.Coef.Num()), d); g.Cmp(big.NewInt(1)) != 0 {
			return fmt.Errorf("poly: term %d coefficient %s not in lowest terms", i, t.Coef)
		}
		if i > 0 && p.r.ord.Cmp(p.terms[i-1].Mon, t.Mon) <= 0 {
			return fmt.Errorf("poly: terms %d and %d not strictly decreasing in %s", i-1, i, p.r.ord)
		}
	}
	return nil
}

// LeadTerm returns a copy of the leading term (in the ring order); for the
// zero polynomial, a zero coefficient and the monomial 1.
func (p *Poly) LeadTerm() Term {
	if p.IsZero() {
		return Term{Mon: make(Monomial, p.r.NumVars()), Coef: new(big.Rat)}
	}
	return p.Term(0)
}

// LeadCoeff returns a copy of the leading coefficient (0 for 0).
func (p *Poly) LeadCoeff() *big.Rat { return p.LeadTerm().Coef }

// LeadMonomial returns a copy of the leading monomial (1 for 0).
func (p *Poly) LeadMonomial() Monomial { return p.LeadTerm().Mon }

// ConstCoeff returns a copy of the constant term.
func (p *Poly) ConstCoeff() *big.Rat {
	if n := len(p.terms); n > 0 && p.terms[n-1].Mon.IsOne() {
		return new(big.Rat).Set(p.terms[n-1].Coef)
	}
	return new(big.Rat)
}

// Degree returns the degree of p in variable v (-1 for the zero
// polynomial). It panics with ErrVarRange if v is out of range.
func (p *Poly) Degree(v int) int {
	p.r.checkVar(v)
	if p.IsZero() {
		return -1
	}
	d := uint32(0)
	for _, t := range p.terms {
		d = max(d, t.Mon[v])
	}
	return int(d)
}

// Degrees returns the degree in each variable (all -1 for zero).
func (p *Poly) Degrees() []int {
	ds := make([]int, p.r.NumVars())
	if p.IsZero() {
		for i := range ds {
			ds[i] = -1
		}
		return ds
	}
	for _, t := range p.terms {
		for i, e := range t.Mon {
			ds[i] = max(ds[i], int(e))
		}
	}
	return ds
}

// TotalDegree returns the maximum total degree of a term (-1 for zero).
func (p *Poly) TotalDegree() int {
	d := -1
	for _, t := range p.terms {
		d = max(d, t.Mon.TotalDegree())
	}
	return d
}

// Vars returns the increasing indices of the variables that occur in p.
func (p *Poly) Vars() []int {
	var vs []int
	for i, d := range p.Degrees() {
		if d > 0 {
			vs = append(vs, i)
		}
	}
	return vs
}

// ToRing maps p into S by variable name. Every variable occurring in p must
// exist in S, else an error names it. The result is canonical in S's order.
func (p *Poly) ToRing(S *Ring) (*Poly, error) {
	if p.r.Same(S) {
		return p, nil
	}
	idx := make([]int, p.r.NumVars())
	deg := p.Degrees()
	for i, name := range p.r.vars {
		j, ok := S.index[name]
		if !ok {
			if deg[i] > 0 {
				return nil, fmt.Errorf("poly: variable %q of %s is not in %s", name, p.r, S)
			}
			j = -1
		}
		idx[i] = j
	}
	ts := make([]Term, len(p.terms))
	n := S.NumVars()
	for k, t := range p.terms {
		m := make(Monomial, n)
		for i, e := range t.Mon {
			if e != 0 {
				m[idx[i]] = e
			}
		}
		ts[k] = Term{Mon: m, Coef: t.Coef}
	}
	return S.canonical(ts), nil
}

// CoeffsIn returns the coefficients of p as a polynomial in variable v:
// p = Σ_k cs[k]·x_v^k, where cs[k] is a polynomial of the same ring in which
// x_v does not occur. len(cs) = Degree(v)+1 (empty for the zero
// polynomial). It panics with ErrVarRange if v is out of range.
func (p *Poly) CoeffsIn(v int) []*Poly {
	d := p.Degree(v)
	if d < 0 {
		return nil
	}
	buckets := make([][]Term, d+1)
	n := p.r.NumVars()
	mons := make([]uint32, len(p.terms)*n)
	for i, t := range p.terms {
		k := t.Mon[v]
		m := t.Mon
		if k != 0 {
			m = Monomial(mons[i*n : (i+1)*n : (i+1)*n])
			copy(m, t.Mon)
			m[v] = 0
		}
		// Dividing every term of a bucket by the same x_v^k keeps the
		// order (monomial orders are multiplicative), so buckets stay
		// sorted.
		buckets[k] = append(buckets[k], Term{Mon: m, Coef: t.Coef})
	}
	cs := make([]*Poly, d+1)
	for k, b := range buckets {
		if len(b) == 0 {
			cs[k] = p.r.zero
		} else {
			cs[k] = &Poly{r: p.r, terms: b}
		}
	}
	return cs
}

// CoeffIn returns the coefficient of x_v^k in p, as a polynomial in which
// x_v does not occur (0 when k is out of range).
func (p *Poly) CoeffIn(v, k int) *Poly {
	p.r.checkVar(v)
	if k < 0 {
		return p.r.zero
	}
	var ts []Term
	n := p.r.NumVars()
	for _, t := range p.terms {
		if int(t.Mon[v]) == k {
			m := make(Monomial, n)
			copy(m, t.Mon)
			m[v] = 0
			ts = append(ts, Term{Mon: m, Coef: t.Coef})
		}
	}
	if len(ts) == 0 {
		return p.r.zero
	}
	return &Poly{r: p.r, terms: ts}
}

// LeadCoeffIn returns the leading coefficient of p in variable v, the
// coefficient of x_v^Degree(v) (0 for the zero polynomial).
func (p *Poly) LeadCoeffIn(v int) *Poly {
	return p.CoeffIn(v, p.Degree(v))
}

// All returns an iterator over the terms of p in decreasing ring order,
// without copying: the yielded monomial and coefficient are p's own
// storage and must not be modified (use Terms for copies). It is the cheap
// way to read a large polynomial.
func (p *Poly) All() iter.Seq2[Monomial, *big.Rat] {
	return func(yield func(Monomial, *big.Rat) bool) {
		for _, t := range p.terms {
			if !yield(t.Mon, t.Coef) {
				return
			}
		}
	}
}

// Coeff returns a copy of the coefficient of the monomial m in p (0 if m
// does not occur), by binary search in the sorted terms. It panics with
// ErrLength if len(m) != NumVars.
func (p *Poly) Coeff(m Monomial) *big.Rat {
	if len(m) != p.r.NumVars() {
		panic(ErrLength)
	}
	ord := p.r.ord
	i, found := slices.BinarySearchFunc(p.terms, m, func(t Term, m Monomial) int { return ord.Cmp(m, t.Mon) })
	if !found {
		return new(big.Rat)
	}
	return new(big.Rat).Set(p.terms[i].Coef)
}
