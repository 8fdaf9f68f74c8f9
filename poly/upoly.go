package poly

import (
	"fmt"
	"math/big"
	"math/bits"
	"strings"
)

// UPoly is a dense univariate polynomial over Z: index i holds the
// coefficient of x^i. The canonical form has no trailing zero coefficient,
// so the zero polynomial is the empty (or nil) slice and len(f)-1 is the
// degree.
//
// A UPoly is an immutable value: every method returns a fresh result whose
// coefficients are not shared with the operands. Construct one with
// [NewUPoly] or [UPolyFromInts]; a hand-built slice must respect the
// canonical form (no nil entries, no trailing zero).
type UPoly []*big.Int

// UNotDividesError is returned by [UPoly.ExactQuo] when G does not divide F
// in Z[x].
type UNotDividesError struct {
	F, G UPoly
}

// Error implements the error interface.
func (e *UNotDividesError) Error() string {
	return fmt.Sprintf("poly: %v does not divide %v in Z[x]", e.G, e.F)
}

// NewUPoly returns the canonical polynomial with coefficients cs (index i is
// the coefficient of x^i). The coefficients are copied; nil entries count as
// zero.
func NewUPoly(cs []*big.Int) UPoly {
	f := make(UPoly, len(cs))
	for i, c := range cs {
		f[i] = new(big.Int)
		if c != nil {
			f[i].Set(c)
		}
	}
	return f.trim()
}

// UPolyFromInts returns the polynomial cs[0] + cs[1] x + ... .
func UPolyFromInts(cs ...int64) UPoly {
	f := make(UPoly, len(cs))
	for i, c := range cs {
		f[i] = big.NewInt(c)
	}
	return f.trim()
}

// UPolyMonomial returns c x^n.
func UPolyMonomial(c *big.Int, n int) UPoly {
	if c.Sign() == 0 {
		return nil
	}
	f := make(UPoly, n+1)
	for i := range f {
		f[i] = new(big.Int)
	}
	f[n].Set(c)
	return f
}

// trim drops trailing zeros in place and returns the shortened slice.
func (f UPoly) trim() UPoly {
	n := len(f)
	for n > 0 && f[n-1].Sign() == 0 {
		n--
	}
	if n == 0 {
		return nil
	}
	return f[:n]
}

// zeros returns n fresh zero coefficients (not canonical).
func zeros(n int) UPoly {
	f := make(UPoly, n)
	buf := make([]big.Int, n)
	for i := range f {
		f[i] = &buf[i]
	}
	return f
}

// clone returns a deep copy of f.
func (f UPoly) clone() UPoly {
	if len(f) == 0 {
		return nil
	}
	g := make(UPoly, len(f))
	buf := make([]big.Int, len(f))
	for i, c := range f {
		g[i] = buf[i].Set(c)
	}
	return g
}

// Degree returns the degree of f, and -1 for the zero polynomial.
func (f UPoly) Degree() int { return len(f) - 1 }

// IsZero reports whether f is the zero polynomial.
func (f UPoly) IsZero() bool { return len(f) == 0 }

// LeadCoeff returns (a copy of) the leading coefficient of f, 0 for zero.
func (f UPoly) LeadCoeff() *big.Int {
	if len(f) == 0 {
		return new(big.Int)
	}
	return new(big.Int).Set(f[len(f)-1])
}

// Coeff returns (a copy of) the coefficient of x^i; 0 when i is out of range.
func (f UPoly) Coeff(i int) *big.Int {
	if i < 0 || i >= len(f) {
		return new(big.Int)
	}
	return new(big.Int).Set(f[i])
}

// lc returns the leading coefficient without copying (internal use only).
func (f UPoly) lc() *big.Int { return f[len(f)-1] }

// Equal reports whether f and g are the same polynomial.
func (f UPoly) Equal(g UPoly) bool {
	if len(f) != len(g) {
		return false
	}
	for i := range f {
		if f[i].Cmp(g[i]) != 0 {
			return false
		}
	}
	return true
}

// Add returns f + g.
func (f UPoly) Add(g UPoly) UPoly {
	if len(f) < len(g) {
		f, g = g, f
	}
	h := f.clone()
	for i, c := range g {
		h[i].Add(h[i], c)
	}
	return h.trim()
}

// Sub returns f - g.
func (f UPoly) Sub(g UPoly) UPoly {
	n := max(len(f), len(g))
	h := zeros(n)
	for i := range h {
		if i < len(f) {
			h[i].Set(f[i])
		}
		if i < len(g) {
			h[i].Sub(h[i], g[i])
		}
	}
	return h.trim()
}

// Neg returns -f.
func (f UPoly) Neg() UPoly {
	h := zeros(len(f))
	for i, c := range f {
		h[i].Neg(c)
	}
	return h.trim()
}

// Scale returns c*f.
func (f UPoly) Scale(c *big.Int) UPoly {
	if c.Sign() == 0 {
		return nil
	}
	h := zeros(len(f))
	for i, a := range f {
		h[i].Mul(a, c)
	}
	return h.trim()
}

// ShiftUp returns x^k * f (k >= 0).
func (f UPoly) ShiftUp(k int) UPoly {
	if len(f) == 0 {
		return nil
	}
	h := zeros(len(f) + k)
	for i, c := range f {
		h[i+k].Set(c)
	}
	return h
}

// Deriv returns the derivative f'.
func (f UPoly) Deriv() UPoly {
	if len(f) <= 1 {
		return nil
	}
	h := zeros(len(f) - 1)
	for i := 1; i < len(f); i++ {
		h[i-1].Mul(f[i], big.NewInt(int64(i)))
	}
	return h.trim()
}

// karatsubaThreshold and karatsubaSmallCoeffThreshold are the smaller
// operand lengths from which Mul switches from the schoolbook product to
// Kronecker substitution (one big integer product, which math/big performs
// with Karatsuba multiplication), for coefficients above and below 256 bits.
// Measured with BenchmarkUPolyMul (2-core AMD EPYC): with 64-bit
// coefficients Kronecker wins from 8 coefficients on, with 1024-bit ones
// from about 24.
var (
	karatsubaThreshold           = 24
	karatsubaSmallCoeffThreshold = 8
)

// Mul returns f*g. Small operands use the schoolbook product; larger ones
// use Kronecker substitution: f and g are evaluated at 2^k for k larger than
// twice the coefficient size plus log2 of the length, the integers are
// multiplied (Karatsuba/Toom inside math/big), and the balanced base-2^k
// digits of the product are the coefficients of f*g.
func (f UPoly) Mul(g UPoly) UPoly {
	if len(f) == 0 || len(g) == 0 {
		return nil
	}
	n := min(len(f), len(g))
	if n < karatsubaSmallCoeffThreshold ||
		n < karatsubaThreshold && max(maxBitLen(f), maxBitLen(g)) > 256 {
		return mulSchool(f, g)
	}
	return mulKronecker(f, g)
}

func mulSchool(f, g UPoly) UPoly {
	h := zeros(len(f) + len(g) - 1)
	var t big.Int
	for i, a := range f {
		if a.Sign() == 0 {
			continue
		}
		for j, b := range g {
			t.Mul(a, b)
			h[i+j].Add(h[i+j], &t)
		}
	}
	return h.trim()
}

func maxBitLen(f UPoly) int {
	m := 0
	for _, c := range f {
		if b := c.BitLen(); b > m {
			m = b
		}
	}
	return m
}

func mulKronecker(f, g UPoly) UPoly {
	k := uint(maxBitLen(f) + maxBitLen(g) + bits.Len(uint(min(len(f), len(g)))) + 2)
	F := packSigned(f, k)
	var G *big.Int
	if &f[0] == &g[0] && len(f) == len(g) {
		G = F
	} else {
		G = packSigned(g, k)
	}
	H := new(big.Int).Mul(F, G)
	return unpackSigned(H, len(f)+len(g)-1, k)
}

const wordBits = bits.UintSize

// packSigned returns sum f[i] 2^(k i); |f[i]| < 2^(k-1) is required.
func packSigned(f UPoly, k uint) *big.Int {
	nw := int(uint(len(f))*k/wordBits) + 2
	pos := make([]big.Word, nw)
	var neg []big.Word
	for i, c := range f {
		switch c.Sign() {
		case 1:
			orBits(pos, c.Bits(), uint(i)*k)
		case -1:
			if neg == nil {
				neg = make([]big.Word, nw)
			}
			orBits(neg, c.Bits(), uint(i)*k)
		}
	}
	P := new(big.Int).SetBits(pos)
	if neg != nil {
		P.Sub(P, new(big.Int).SetBits(neg))
	}
	return P
}

func orBits(dst, src []big.Word, off uint) {
	w := int(off / wordBits)
	s := off % wordBits
	if s == 0 {
		for j, x := range src {
			dst[w+j] |= x
		}
		return
	}
	for j, x := range src {
		dst[w+j] |= x << s
		dst[w+j+1] |= x >> (wordBits - s)
	}
}

// extractBits returns bits [off, off+k) of the little-endian word slice.
func extractBits(words []big.Word, off, k uint) []big.Word {
	nw := int((k + wordBits - 1) / wordBits)
	out := make([]big.Word, nw)
	w := int(off / wordBits)
	s := off % wordBits
	for j := 0; j < nw; j++ {
		var lo, hi big.Word
		if w+j < len(words) {
			lo = words[w+j]
		}
		if s == 0 {
			out[j] = lo
			continue
		}
		if w+j+1 < len(words) {
			hi = words[w+j+1]
		}
		out[j] = lo>>s | hi<<(wordBits-s)
	}
	if r := k % wordBits; r != 0 {
		out[nw-1] &= 1<<r - 1
	}
	return out
}

// unpackSigned inverts packSigned for n coefficients of absolute value
// below 2^(k-1).
func unpackSigned(H *big.Int, n int, k uint) UPoly {
	neg := H.Sign() < 0
	words := H.Bits()
	h := make(UPoly, n)
	half := new(big.Int).Lsh(big.NewInt(1), k-1)
	full := new(big.Int).Lsh(big.NewInt(1), k)
	carry := false
	for i := 0; i < n; i++ {
		d := new(big.Int).SetBits(extractBits(words, uint(i)*k, k))
		if carry {
			d.Add(d, big.NewInt(1))
		}
		carry = false
		if d.Cmp(half) >= 0 {
			d.Sub(d, full)
			carry = true
		}
		if neg {
			d.Neg(d)
		}
		h[i] = d
	}
	return h.trim()
}

// Eval returns f(r).
func (f UPoly) Eval(r *big.Rat) *big.Rat {
	if len(f) == 0 {
		return new(big.Rat)
	}
	v := f.evalHom(r.Num(), r.Denom())
	d := new(big.Int).Exp(r.Denom(), big.NewInt(int64(len(f)-1)), nil)
	return new(big.Rat).SetFrac(v, d)
}

// EvalInt returns f(a).
func (f UPoly) EvalInt(a *big.Int) *big.Int {
	v := new(big.Int)
	for i := len(f) - 1; i >= 0; i-- {
		v.Mul(v, a)
		v.Add(v, f[i])
	}
	return v
}

// evalHom returns b^deg(f) f(a/b) = sum f[i] a^i b^(d-i), an integer.
func (f UPoly) evalHom(a, b *big.Int) *big.Int {
	if len(f) == 0 {
		return new(big.Int)
	}
	if b.IsInt64() && b.Int64() == 1 {
		return f.EvalInt(a)
	}
	if b.Sign() > 0 && isPow2(b) {
		k := uint(b.BitLen() - 1)
		return f.evalDyadic(a, k)
	}
	v := new(big.Int).Set(f[len(f)-1])
	bp := new(big.Int).Set(b)
	var t big.Int
	for i := len(f) - 2; i >= 0; i-- {
		v.Mul(v, a)
		if f[i].Sign() != 0 {
			t.Mul(f[i], bp)
			v.Add(v, &t)
		}
		if i > 0 {
			bp.Mul(bp, b)
		}
	}
	return v
}

// evalDyadic returns 2^(k d) f(a/2^k).
func (f UPoly) evalDyadic(a *big.Int, k uint) *big.Int {
	v := new(big.Int).Set(f[len(f)-1])
	var t big.Int
	sh := k
	for i := len(f) - 2; i >= 0; i-- {
		v.Mul(v, a)
		if f[i].Sign() != 0 {
			t.Lsh(f[i], sh)
			v.Add(v, &t)
		}
		sh += k
	}
	return v
}

func isPow2(b *big.Int) bool {
	return b.Sign() > 0 && b.TrailingZeroBits() == uint(b.BitLen()-1)
}

// EvalSign returns the sign (-1, 0, +1) of f(r), computed exactly.
func (f UPoly) EvalSign(r *big.Rat) int {
	if len(f) == 0 {
		return 0
	}
	return f.evalHom(r.Num(), r.Denom()).Sign()
}

// Content returns the non-negative gcd of the coefficients of f (0 for the
// zero polynomial).
func (f UPoly) Content() *big.Int {
	g := new(big.Int)
	for i := len(f) - 1; i >= 0; i-- {
		if f[i].Sign() == 0 {
			continue
		}
		if g.Sign() == 0 {
			g.Abs(f[i])
		} else {
			g.GCD(nil, nil, g, new(big.Int).Abs(f[i]))
		}
		if g.IsInt64() && g.Int64() == 1 {
			break
		}
	}
	return g
}

// PrimitivePart returns f / Content(f): the leading coefficient keeps its
// sign. PrimitivePart(0) = 0.
func (f UPoly) PrimitivePart() UPoly {
	if len(f) == 0 {
		return nil
	}
	c := f.Content()
	if c.IsInt64() && c.Int64() == 1 {
		return f.clone()
	}
	return f.divExactScalar(c)
}

// primitivePositive returns the primitive part with a positive leading
// coefficient.
func (f UPoly) primitivePositive() UPoly {
	g := f.PrimitivePart()
	if len(g) > 0 && g.lc().Sign() < 0 {
		for _, c := range g {
			c.Neg(c)
		}
	}
	return g
}

// divExactScalar returns f/c; c must divide every coefficient.
func (f UPoly) divExactScalar(c *big.Int) UPoly {
	h := zeros(len(f))
	for i, a := range f {
		h[i].Quo(a, c)
	}
	return h.trim()
}

// PseudoQuoRem returns q and r with lc(g)^(deg f - deg g + 1) f = q g + r and
// deg r < deg g. When deg f < deg g, q = 0 and r = f. It panics with
// ErrZeroDivisor if g is zero.
func (f UPoly) PseudoQuoRem(g UPoly) (q, r UPoly) {
	if len(g) == 0 {
		panic(ErrZeroDivisor)
	}
	if len(f) < len(g) {
		return nil, f.clone()
	}
	dg := len(g) - 1
	delta := len(f) - len(g)
	lc := g.lc()
	r = f.clone()
	q = zeros(delta + 1)
	var t big.Int
	e := delta + 1
	for rd := len(r) - 1; rd >= dg; rd-- {
		c := new(big.Int).Set(r[rd])
		if c.Sign() == 0 {
			continue // a skipped step; compensated by lc^e below
		}
		// q = lc*q + c x^(rd-dg); r = lc*r - c x^(rd-dg) g
		for i := range q {
			q[i].Mul(q[i], lc)
		}
		q[rd-dg].Add(q[rd-dg], c)
		for i := 0; i < rd; i++ {
			r[i].Mul(r[i], lc)
		}
		for i := 0; i < dg; i++ {
			t.Mul(c, g[i])
			r[i+rd-dg].Sub(r[i+rd-dg], &t)
		}
		r[rd].SetInt64(0)
		e--
	}
	if e > 0 {
		s := new(big.Int).Exp(lc, big.NewInt(int64(e)), nil)
		for _, c := range q {
			c.Mul(c, s)
		}
		for _, c := range r {
			c.Mul(c, s)
		}
	}
	return q.trim(), r.trim()
}

// PseudoRem returns the pseudo-remainder r of f by g:
// lc(g)^(deg f - deg g + 1) f = q g + r with deg r < deg g. It panics with
// ErrZeroDivisor if g is zero.
func (f UPoly) PseudoRem(g UPoly) UPoly {
	if len(g) == 0 {
		panic(ErrZeroDivisor)
	}
	if len(f) < len(g) {
		return f.clone()
	}
	dg := len(g) - 1
	lc := g.lc()
	r := f.clone()
	var t big.Int
	e := len(f) - len(g) + 1
	for rd := len(r) - 1; rd >= dg; rd-- {
		c := new(big.Int).Set(r[rd])
		if c.Sign() == 0 {
			continue // a skipped step; compensated by lc^e below
		}
		for i := 0; i < rd; i++ {
			r[i].Mul(r[i], lc)
		}
		for i := 0; i < dg; i++ {
			t.Mul(c, g[i])
			r[i+rd-dg].Sub(r[i+rd-dg], &t)
		}
		r[rd].SetInt64(0)
		e--
	}
	if e > 0 {
		s := new(big.Int).Exp(lc, big.NewInt(int64(e)), nil)
		for _, c := range r[:dg] {
			c.Mul(c, s)
		}
	}
	return r.trim()
}

// ExactQuo returns f/g when g divides f in Z[x], and a *UNotDividesError
// otherwise. It panics with ErrZeroDivisor if g is zero.
func (f UPoly) ExactQuo(g UPoly) (UPoly, error) {
	q, ok := f.trialQuo(g)
	if !ok {
		return nil, &UNotDividesError{F: f.clone(), G: g.clone()}
	}
	return q, nil
}

// quoExact is ExactQuo without the error allocation.
func (f UPoly) quoExact(g UPoly) (UPoly, bool) {
	if len(g) == 0 {
		panic(ErrZeroDivisor)
	}
	if len(f) == 0 {
		return nil, true
	}
	if len(f) < len(g) {
		return nil, false
	}
	dg := len(g) - 1
	lc := g.lc()
	r := f.clone()
	q := zeros(len(f) - len(g) + 1)
	var t, m big.Int
	for rd := len(r) - 1; rd >= dg; rd-- {
		if r[rd].Sign() == 0 {
			continue
		}
		c := q[rd-dg]
		c.QuoRem(r[rd], lc, &m)
		if m.Sign() != 0 {
			return nil, false
		}
		for i := 0; i < dg; i++ {
			if g[i].Sign() != 0 {
				t.Mul(c, g[i])
				r[i+rd-dg].Sub(r[i+rd-dg], &t)
			}
		}
		r[rd].SetInt64(0)
	}
	for i := 0; i < dg; i++ {
		if r[i].Sign() != 0 {
			return nil, false
		}
	}
	return q.trim(), true
}

// mustQuo is quoExact for divisions known to be exact.
func (f UPoly) mustQuo(g UPoly) UPoly {
	q, ok := f.trialQuo(g)
	if !ok {
		panic("poly: internal error: inexact division " + f.String() + " / " + g.String())
	}
	return q
}

// Compose returns f(g).
func (f UPoly) Compose(g UPoly) UPoly {
	if len(f) == 0 {
		return nil
	}
	r := UPoly{new(big.Int).Set(f[len(f)-1])}
	for i := len(f) - 2; i >= 0; i-- {
		r = r.Mul(g)
		if len(r) == 0 {
			r = UPoly{new(big.Int).Set(f[i])}.trim()
			continue
		}
		r[0].Add(r[0], f[i])
		r = r.trim()
	}
	return r
}

// TaylorShift returns f(x + c).
func (f UPoly) TaylorShift(c *big.Int) UPoly {
	h := f.clone()
	if c.Sign() == 0 || len(h) <= 1 {
		return h
	}
	if c.IsInt64() && c.Int64() == 1 {
		taylorShift1(h)
		return h
	}
	if c.IsInt64() && c.Int64() == -1 {
		h = h.negX()
		taylorShift1(h)
		return h.negX()
	}
	var t big.Int
	n := len(h) - 1
	for i := 0; i < n; i++ {
		for j := n - 1; j >= i; j-- {
			t.Mul(h[j+1], c)
			h[j].Add(h[j], &t)
		}
	}
	return h.trim()
}

// taylorShift1 replaces the coefficients of h in place by those of h(x+1)
// (classical O(d^2) additions).
func taylorShift1(h UPoly) {
	n := len(h) - 1
	for i := 0; i < n; i++ {
		for j := n - 1; j >= i; j-- {
			h[j].Add(h[j], h[j+1])
		}
	}
}

// negX returns f(-x).
func (f UPoly) negX() UPoly {
	h := f.clone()
	for i := 1; i < len(h); i += 2 {
		h[i].Neg(h[i])
	}
	return h
}

// Reverse returns x^deg(f) f(1/x) (which may have lower degree when f(0)=0).
func (f UPoly) Reverse() UPoly {
	h := zeros(len(f))
	for i, c := range f {
		h[len(f)-1-i].Set(c)
	}
	return h.trim()
}

// String formats f in the variable x, e.g. "x^3 - 2*x + 1"; "0" for zero.
func (f UPoly) String() string { return f.Format("x") }

// Format formats f in the named variable, highest degree first, in the
// plain-text syntax of Poly.String.
func (f UPoly) Format(v string) string { return f.format(v, "*", "^%d") }

// LaTeX formats f in the named variable, e.g. "x^{3} - 2 x + 1".
func (f UPoly) LaTeX(v string) string { return f.format(v, " ", "^{%d}") }

// format writes f highest degree first; mul separates a coefficient from
// the variable and pow formats an exponent above 1.
func (f UPoly) format(v, mul, pow string) string {
	if len(f) == 0 {
		return "0"
	}
	var sb strings.Builder
	first := true
	for i := len(f) - 1; i >= 0; i-- {
		c := f[i]
		if c.Sign() == 0 {
			continue
		}
		a := new(big.Int).Abs(c)
		switch {
		case first && c.Sign() < 0:
			sb.WriteString("-")
		case !first && c.Sign() < 0:
			sb.WriteString(" - ")
		case !first:
			sb.WriteString(" + ")
		}
		first = false
		one := a.IsInt64() && a.Int64() == 1
		if i == 0 {
			sb.WriteString(a.String())
			continue
		}
		if !one {
			sb.WriteString(a.String())
			sb.WriteString(mul)
		}
		sb.WriteString(v)
		if i > 1 {
			fmt.Fprintf(&sb, pow, i)
		}
	}
	return sb.String()
}

// signVariations returns the number of sign changes in the coefficient
// sequence of f (zeros skipped), the Descartes bound on positive roots.
func (f UPoly) signVariations() int {
	v, last := 0, 0
	for _, c := range f {
		s := c.Sign()
		if s == 0 {
			continue
		}
		if last != 0 && s != last {
			v++
		}
		last = s
	}
	return v
}

// quoExactKronecker is quoExact by Kronecker substitution, for large
// operands: with t = 2^k and k above the size of any possible quotient
// (Mignotte: a divisor Q of f has ||Q||_inf <= 2^deg Q ||f||_2), g | f
// implies g(t) | f(t) and the balanced base-t digits of f(t)/g(t) are the
// coefficients of f/g. So: if g(t) does not divide f(t), g does not divide
// f; otherwise the digits give Q and g | f iff Q g = f, which is checked
// exactly. Integer division and multiplication run in math/big's
// subquadratic algorithms.
func (f UPoly) quoExactKronecker(g UPoly) (UPoly, bool) {
	if len(g) == 0 {
		panic(ErrZeroDivisor)
	}
	if len(f) == 0 {
		return nil, true
	}
	if len(f) < len(g) {
		return nil, false
	}
	dq := len(f) - len(g)
	k := uint(dq + norm2Bits(f) + 2)
	if kg := uint(maxBitLen(g) + 2); kg > k {
		k = kg
	}
	F := packSigned(f, k)
	G := packSigned(g, k)
	Qi, R := new(big.Int).QuoRem(F, G, new(big.Int))
	if R.Sign() != 0 {
		return nil, false
	}
	Q := unpackSigned(Qi, dq+1, k)
	if len(Q) != dq+1 || !Q.Mul(g).Equal(f) {
		return nil, false
	}
	return Q, true
}
