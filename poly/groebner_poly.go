package poly

// Integer-coefficient sparse polynomials for the Gröbner engine
// (groebner.go): fraction-free reduction steps f ← a·f − b·m·g on term lists
// sorted in the ring's order, with divisibility masks for fast reducer
// rejection.

import (
	"math/big"
)

type gterm struct {
	m Monomial
	c *big.Int
}

// gpoly is a list of terms with nonzero integer coefficients, strictly
// decreasing in the order of the computation; nil is zero.
type gpoly []gterm

// gbCtx carries the order and the variable count of a computation.
type gbCtx struct {
	ord Order
	n   int
	// kind selects an inlined comparison for the standard orders
	// (0: call ord.Cmp, 1: lex, 2: grlex, 3: grevlex).
	kind int
}

func newGBCtx(ord Order, n int) gbCtx {
	cx := gbCtx{ord: ord, n: n}
	switch ord {
	case Lex:
		cx.kind = 1
	case GrLex:
		cx.kind = 2
	case GRevLex:
		cx.kind = 3
	}
	return cx
}

// cmp compares monomials in the order of the computation.
func (cx *gbCtx) cmp(a, b Monomial) int {
	switch cx.kind {
	case 1:
		for i := range a {
			if a[i] != b[i] {
				if a[i] > b[i] {
					return 1
				}
				return -1
			}
		}
		return 0
	case 2, 3:
		var da, db uint64
		for i := range a {
			da += uint64(a[i])
			db += uint64(b[i])
		}
		if da != db {
			if da > db {
				return 1
			}
			return -1
		}
		if cx.kind == 2 {
			for i := range a {
				if a[i] != b[i] {
					if a[i] > b[i] {
						return 1
					}
					return -1
				}
			}
			return 0
		}
		for i := len(a) - 1; i >= 0; i-- {
			if a[i] != b[i] {
				if a[i] < b[i] {
					return 1
				}
				return -1
			}
		}
		return 0
	}
	return cx.ord.Cmp(a, b)
}

// divMask is a 64-bit summary of a monomial: bit i%64 is set when some
// variable ≡ i (mod 64) has a positive exponent. If mask(a) has a bit
// that mask(b) lacks, a cannot divide b.
func divMask(m Monomial) uint64 {
	var s uint64
	for i, e := range m {
		if e != 0 {
			s |= 1 << (uint(i) & 63)
		}
	}
	return s
}

func monDivides(a, b Monomial) bool {
	for i, e := range a {
		if e > b[i] {
			return false
		}
	}
	return true
}

func monMul(a, b Monomial) Monomial {
	m := make(Monomial, len(a))
	for i := range a {
		m[i] = a[i] + b[i]
	}
	return m
}

func monQuo(a, b Monomial) Monomial {
	m := make(Monomial, len(a))
	for i := range a {
		m[i] = a[i] - b[i]
	}
	return m
}

func monLCM(a, b Monomial) Monomial {
	m := make(Monomial, len(a))
	for i := range a {
		m[i] = max(a[i], b[i])
	}
	return m
}

func monCoprime(a, b Monomial) bool {
	for i := range a {
		if a[i] != 0 && b[i] != 0 {
			return false
		}
	}
	return true
}

func monDeg(m Monomial) int {
	d := 0
	for _, e := range m {
		d += int(e)
	}
	return d
}

func monEqual(a, b Monomial) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// axpy returns a·f − b·m·g (a, b nonzero; m may be nil for 1), merging
// in the order; terms that cancel are dropped. The leading terms are
// included (the caller arranges that they cancel).
func (cx *gbCtx) axpy(a *big.Int, f gpoly, b *big.Int, m Monomial, g gpoly) gpoly {
	out := make(gpoly, 0, len(f)+len(g))
	i, j := 0, 0
	aOne := a.IsInt64() && a.Int64() == 1
	var gm Monomial
	n := cx.n
	var slab []uint32
	if m != nil {
		slab = make([]uint32, n*len(g))
	}
	nextG := func() {
		if j < len(g) {
			if m == nil {
				gm = g[j].m
			} else {
				gm = Monomial(slab[j*n : (j+1)*n : (j+1)*n])
				for k, e := range g[j].m {
					gm[k] = e + m[k]
				}
			}
		}
	}
	nextG()
	for i < len(f) || j < len(g) {
		var c int
		switch {
		case i == len(f):
			c = -1
		case j == len(g):
			c = 1
		default:
			c = cx.cmp(f[i].m, gm)
		}
		switch {
		case c > 0:
			if aOne {
				out = append(out, f[i])
			} else {
				out = append(out, gterm{f[i].m, new(big.Int).Mul(a, f[i].c)})
			}
			i++
		case c < 0:
			z := new(big.Int).Mul(b, g[j].c)
			out = append(out, gterm{gm, z.Neg(z)})
			j++
			nextG()
		default:
			z := new(big.Int).Mul(b, g[j].c)
			if aOne {
				z.Sub(f[i].c, z)
			} else {
				z.Sub(new(big.Int).Mul(a, f[i].c), z)
			}
			if z.Sign() != 0 {
				out = append(out, gterm{f[i].m, z})
			}
			i++
			j++
			nextG()
		}
	}
	return out
}

// content returns the positive GCD of the coefficients (0 for zero).
func (f gpoly) content() *big.Int {
	g := new(big.Int)
	for _, t := range f {
		g.GCD(nil, nil, g, t.c)
		if g.IsInt64() && g.Int64() == 1 {
			break
		}
	}
	return g.Abs(g)
}

// divScalar divides every coefficient by c (exactly).
func (f gpoly) divScalar(c *big.Int) gpoly {
	out := make(gpoly, len(f))
	for i, t := range f {
		out[i] = gterm{t.m, new(big.Int).Quo(t.c, c)}
	}
	return out
}

func (f gpoly) scale(c *big.Int) gpoly {
	out := make(gpoly, len(f))
	for i, t := range f {
		out[i] = gterm{t.m, new(big.Int).Mul(t.c, c)}
	}
	return out
}

// polyToG converts p to a primitive integer polynomial P = s·p (s > 0
// rational), returning P and s.
func polyToG(p *Poly) (gpoly, *big.Rat) {
	d := polyDenLCM(p)
	out := make(gpoly, len(p.terms))
	for i, t := range p.terms {
		c := new(big.Int).Mul(t.Coef.Num(), d)
		c.Quo(c, t.Coef.Denom())
		out[i] = gterm{t.Mon, c}
	}
	s := new(big.Rat).SetInt(d)
	if cont := out.content(); cont.Sign() > 0 && !(cont.IsInt64() && cont.Int64() == 1) {
		out = out.divScalar(cont)
		s.Quo(s, new(big.Rat).SetInt(cont))
	}
	return out, s
}

// gToPoly returns f/den as a Poly of R (den nil means 1).
func gToPoly(f gpoly, R *Ring, den *big.Int) *Poly {
	ts := make([]Term, len(f))
	for i, t := range f {
		c := new(big.Rat).SetInt(t.c)
		if den != nil {
			c.Quo(c, new(big.Rat).SetInt(den))
		}
		ts[i] = Term{Mon: t.m, Coef: c}
	}
	return R.NewPoly(ts)
}
