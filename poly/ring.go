package poly

import (
	"fmt"
	"math/big"
)

// Ring is a polynomial ring Q[x0, ..., x(n-1)]: an ordered list of distinct
// variable names and a monomial order. Rings are immutable and may be shared
// freely. Two rings are the same ring when their variable names (in order)
// and their orders agree; binary operations on polynomials of different
// rings panic with ErrRingMismatch.
type Ring struct {
	vars  []string
	index map[string]int
	ord   Order
	zero  *Poly
	one   *Poly
}

func validIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// NewRing returns the ring with the given variables (x0 > x1 > ... in every
// order) and monomial order. Names must be identifiers
// ([A-Za-z_][A-Za-z0-9_]*) and distinct; a block order must cover exactly
// len(vars) variables. A ring may have no variables (then it is Q).
func NewRing(vars []string, ord Order) (*Ring, error) {
	if ord == nil {
		return nil, fmt.Errorf("poly: NewRing: nil order")
	}
	if n := orderVars(ord); n >= 0 && n != len(vars) {
		return nil, fmt.Errorf("poly: NewRing: order %s needs %d variables, have %d", ord, n, len(vars))
	}
	R := &Ring{vars: append([]string(nil), vars...), index: make(map[string]int, len(vars)), ord: ord}
	for i, v := range vars {
		if !validIdent(v) {
			return nil, fmt.Errorf("poly: NewRing: invalid variable name %q", v)
		}
		if _, dup := R.index[v]; dup {
			return nil, fmt.Errorf("poly: NewRing: duplicate variable %q", v)
		}
		R.index[v] = i
	}
	R.zero = &Poly{r: R}
	R.one = &Poly{r: R, terms: []Term{{Mon: make(Monomial, len(vars)), Coef: big.NewRat(1, 1)}}}
	return R, nil
}

// MustRing is like NewRing but panics (with the error) on invalid input.
func MustRing(vars []string, ord Order) *Ring {
	R, err := NewRing(vars, ord)
	if err != nil {
		panic(err)
	}
	return R
}

// NumVars returns the number of variables.
func (R *Ring) NumVars() int { return len(R.vars) }

// VarNames returns a copy of the variable names, in ring order.
func (R *Ring) VarNames() []string { return append([]string(nil), R.vars...) }

// VarName returns the name of variable i; it panics with ErrVarRange if i is
// out of range.
func (R *Ring) VarName(i int) string {
	R.checkVar(i)
	return R.vars[i]
}

// VarIndex returns the index of the named variable.
func (R *Ring) VarIndex(name string) (int, bool) {
	i, ok := R.index[name]
	return i, ok
}

// Order returns the ring's monomial order.
func (R *Ring) Order() Order { return R.ord }

// String describes the ring, e.g. "Q[x,y] grevlex".
func (R *Ring) String() string {
	s := "Q["
	for i, v := range R.vars {
		if i > 0 {
			s += ","
		}
		s += v
	}
	return s + "] " + R.ord.String()
}

// Same reports whether R and S are the same ring: same variable names in the
// same order and the same monomial order.
func (R *Ring) Same(S *Ring) bool {
	if R == S {
		return true
	}
	if R == nil || S == nil || len(R.vars) != len(S.vars) || !sameOrder(R.ord, S.ord) {
		return false
	}
	for i := range R.vars {
		if R.vars[i] != S.vars[i] {
			return false
		}
	}
	return true
}

func (R *Ring) checkVar(i int) {
	if i < 0 || i >= len(R.vars) {
		panic(ErrVarRange)
	}
}

// WithOrder returns the ring with the same variables and another order.
// It panics if ord is a block order of the wrong size.
func (R *Ring) WithOrder(ord Order) *Ring {
	S, err := NewRing(R.vars, ord)
	if err != nil {
		panic(Error{err.Error()})
	}
	return S
}

// Zero returns the zero polynomial of R.
func (R *Ring) Zero() *Poly { return R.zero }

// One returns the constant 1 of R.
func (R *Ring) One() *Poly { return R.one }

// Var returns the polynomial x_i. It panics with ErrVarRange if i is out of
// range.
func (R *Ring) Var(i int) *Poly {
	R.checkVar(i)
	m := make(Monomial, len(R.vars))
	m[i] = 1
	return &Poly{r: R, terms: []Term{{Mon: m, Coef: big.NewRat(1, 1)}}}
}

// Const returns the constant polynomial c (c is copied).
func (R *Ring) Const(c *big.Rat) *Poly {
	if c.Sign() == 0 {
		return R.zero
	}
	return &Poly{r: R, terms: []Term{{Mon: make(Monomial, len(R.vars)), Coef: new(big.Rat).Set(c)}}}
}

// ConstInt returns the constant polynomial c.
func (R *Ring) ConstInt(c int64) *Poly {
	if c == 0 {
		return R.zero
	}
	return &Poly{r: R, terms: []Term{{Mon: make(Monomial, len(R.vars)), Coef: new(big.Rat).SetInt64(c)}}}
}

// Monomial returns the polynomial c*m (both copied). It panics with
// ErrLength if len(m) != NumVars.
func (R *Ring) Monomial(c *big.Rat, m Monomial) *Poly {
	if len(m) != len(R.vars) {
		panic(ErrLength)
	}
	if c.Sign() == 0 {
		return R.zero
	}
	return &Poly{r: R, terms: []Term{{Mon: m.Clone(), Coef: new(big.Rat).Set(c)}}}
}

// NewPoly returns the polynomial sum of the terms. The terms may come in any
// order, repeat monomials and have zero coefficients; the result is
// canonical. Inputs are copied. It panics with ErrLength if a monomial does
// not have NumVars entries, and with an Error if a coefficient is nil.
func (R *Ring) NewPoly(terms []Term) *Poly {
	ts := make([]Term, 0, len(terms))
	n := len(R.vars)
	for _, t := range terms {
		if len(t.Mon) != n {
			panic(ErrLength)
		}
		if t.Coef == nil {
			panic(Error{"poly: NewPoly: nil coefficient"})
		}
		if t.Coef.Sign() == 0 {
			continue
		}
		ts = append(ts, Term{Mon: t.Mon.Clone(), Coef: new(big.Rat).Set(t.Coef)})
	}
	return R.canonical(ts)
}
