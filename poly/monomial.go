package poly

import "math"

// Monomial is an exponent vector: m[i] is the exponent of the ring's
// variable i. A Monomial held by a Poly has exactly the ring's number of
// variables and is never modified; functions that return one return fresh
// storage.
type Monomial []uint32

// TotalDegree returns the sum of the exponents.
func (m Monomial) TotalDegree() int {
	var d uint64
	for _, e := range m {
		d += uint64(e)
	}
	return int(d)
}

// Equal reports whether m and n are the same exponent vector.
func (m Monomial) Equal(n Monomial) bool {
	if len(m) != len(n) {
		return false
	}
	for i := range m {
		if m[i] != n[i] {
			return false
		}
	}
	return true
}

// IsOne reports whether m is the monomial 1 (all exponents zero).
func (m Monomial) IsOne() bool {
	for _, e := range m {
		if e != 0 {
			return false
		}
	}
	return true
}

// Clone returns a copy of m.
func (m Monomial) Clone() Monomial { return append(Monomial(nil), m...) }

// Mul returns m*n (exponent-wise sum). It panics with ErrLength if the
// lengths differ and with ErrExponentOverflow if an exponent exceeds 2^32-1.
func (m Monomial) Mul(n Monomial) Monomial {
	if len(m) != len(n) {
		panic(ErrLength)
	}
	r := make(Monomial, len(m))
	for i := range m {
		s := uint64(m[i]) + uint64(n[i])
		if s > math.MaxUint32 {
			panic(ErrExponentOverflow)
		}
		r[i] = uint32(s)
	}
	return r
}

// Divides reports whether m divides n (every exponent of m is at most the
// corresponding exponent of n).
func (m Monomial) Divides(n Monomial) bool {
	for i := range m {
		if m[i] > n[i] {
			return false
		}
	}
	return true
}

// Quo returns m/n and true if n divides m, otherwise nil and false.
func (m Monomial) Quo(n Monomial) (Monomial, bool) {
	if len(m) != len(n) || !n.Divides(m) {
		return nil, false
	}
	r := make(Monomial, len(m))
	for i := range m {
		r[i] = m[i] - n[i]
	}
	return r, true
}

// LCM returns the least common multiple (exponent-wise maximum).
func (m Monomial) LCM(n Monomial) Monomial {
	r := make(Monomial, len(m))
	for i := range m {
		r[i] = max(m[i], n[i])
	}
	return r
}

// GCD returns the greatest common divisor (exponent-wise minimum).
func (m Monomial) GCD(n Monomial) Monomial {
	r := make(Monomial, len(m))
	for i := range m {
		r[i] = min(m[i], n[i])
	}
	return r
}
