package relu

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// A Laurent is a Laurent polynomial in one variable t over Q:
// Σ_k c_k t^k with finitely many non-zero c_k and k ∈ Z (possibly negative).
// Sequences of MATH.md certificates are matrices of Laurent polynomials with
// the parameter t → 0⁺.
//
// Representation: lo is the exponent of c[0]; c holds consecutive
// coefficients. Canonical form (kept by every operation): c[0] and
// c[len(c)−1] are non-zero, and the zero polynomial has c == nil and lo == 0.
// Laurent values are immutable: operations return fresh values.
type Laurent struct {
	lo int
	c  []*big.Rat
}

// LaurentConst returns the constant c (copied).
func LaurentConst(c *big.Rat) Laurent {
	return newLaurent(0, []*big.Rat{new(big.Rat).Set(c)})
}

// LaurentInt returns the integer constant c.
func LaurentInt(c int64) Laurent { return newLaurent(0, []*big.Rat{big.NewRat(c, 1)}) }

// LaurentMonomial returns c·t^k.
func LaurentMonomial(c *big.Rat, k int) Laurent {
	return newLaurent(k, []*big.Rat{new(big.Rat).Set(c)})
}

// T returns t^k with coefficient 1.
func T(k int) Laurent { return newLaurent(k, []*big.Rat{big.NewRat(1, 1)}) }

// newLaurent canonicalizes (takes ownership of c).
func newLaurent(lo int, c []*big.Rat) Laurent {
	a, b := 0, len(c)
	for a < b && c[a].Sign() == 0 {
		a++
	}
	for b > a && c[b-1].Sign() == 0 {
		b--
	}
	if a == b {
		return Laurent{}
	}
	return Laurent{lo: lo + a, c: c[a:b]}
}

// IsZero reports whether p = 0.
func (p Laurent) IsZero() bool { return len(p.c) == 0 }

// Valuation returns the lowest exponent with a non-zero coefficient;
// ok is false for the zero polynomial (valuation +∞).
func (p Laurent) Valuation() (v int, ok bool) {
	if p.IsZero() {
		return 0, false
	}
	return p.lo, true
}

// Degree returns the highest exponent; ok is false for zero.
func (p Laurent) Degree() (d int, ok bool) {
	if p.IsZero() {
		return 0, false
	}
	return p.lo + len(p.c) - 1, true
}

// Coef returns the coefficient of t^k (a fresh value).
func (p Laurent) Coef(k int) *big.Rat {
	if k < p.lo || k >= p.lo+len(p.c) {
		return new(big.Rat)
	}
	return new(big.Rat).Set(p.c[k-p.lo])
}

// Limit returns lim_{t→0⁺} p(t), which exists iff p has no negative powers;
// it is then the coefficient of t^0 (MATH.md §8.2).
func (p Laurent) Limit() (*big.Rat, bool) {
	if !p.IsZero() && p.lo < 0 {
		return nil, false
	}
	return p.Coef(0), true
}

// Sign returns the sign of p(t) for all sufficiently small t > 0: the sign
// of the lowest-order non-zero coefficient (0 for the zero polynomial).
func (p Laurent) Sign() int {
	if p.IsZero() {
		return 0
	}
	return p.c[0].Sign()
}

// Equal reports p == q.
func (p Laurent) Equal(q Laurent) bool {
	if p.lo != q.lo || len(p.c) != len(q.c) {
		return false
	}
	for i := range p.c {
		if p.c[i].Cmp(q.c[i]) != 0 {
			return false
		}
	}
	return true
}

// Add returns p + q.
func (p Laurent) Add(q Laurent) Laurent { return p.addScaled(q, 1) }

// Sub returns p − q.
func (p Laurent) Sub(q Laurent) Laurent { return p.addScaled(q, -1) }

func (p Laurent) addScaled(q Laurent, s int) Laurent {
	if q.IsZero() {
		return p.clone()
	}
	if p.IsZero() {
		if s < 0 {
			return q.Neg()
		}
		return q.clone()
	}
	lo := min(p.lo, q.lo)
	hi := max(p.lo+len(p.c), q.lo+len(q.c))
	c := make([]*big.Rat, hi-lo)
	for i := range c {
		c[i] = new(big.Rat)
	}
	for i, v := range p.c {
		c[p.lo+i-lo].Add(c[p.lo+i-lo], v)
	}
	for i, v := range q.c {
		if s < 0 {
			c[q.lo+i-lo].Sub(c[q.lo+i-lo], v)
		} else {
			c[q.lo+i-lo].Add(c[q.lo+i-lo], v)
		}
	}
	return newLaurent(lo, c)
}

func (p Laurent) clone() Laurent {
	c := make([]*big.Rat, len(p.c))
	for i, v := range p.c {
		c[i] = new(big.Rat).Set(v)
	}
	return Laurent{lo: p.lo, c: c}
}

// Neg returns −p.
func (p Laurent) Neg() Laurent {
	c := make([]*big.Rat, len(p.c))
	for i, v := range p.c {
		c[i] = new(big.Rat).Neg(v)
	}
	return Laurent{lo: p.lo, c: c}
}

// Scale returns r·p.
func (p Laurent) Scale(r *big.Rat) Laurent {
	c := make([]*big.Rat, len(p.c))
	for i, v := range p.c {
		c[i] = new(big.Rat).Mul(v, r)
	}
	return newLaurent(p.lo, c)
}

// Mul returns p·q.
func (p Laurent) Mul(q Laurent) Laurent {
	if p.IsZero() || q.IsZero() {
		return Laurent{}
	}
	c := make([]*big.Rat, len(p.c)+len(q.c)-1)
	for i := range c {
		c[i] = new(big.Rat)
	}
	var tmp big.Rat
	for i, a := range p.c {
		for j, b := range q.c {
			c[i+j].Add(c[i+j], tmp.Mul(a, b))
		}
	}
	return newLaurent(p.lo+q.lo, c)
}

// Eval returns p(t0) for a non-zero rational t0 (t0 = 0 is allowed only
// when p has no negative powers).
func (p Laurent) Eval(t0 *big.Rat) (*big.Rat, error) {
	if t0.Sign() == 0 {
		if v, ok := p.Limit(); ok {
			return v, nil
		}
		return nil, fmt.Errorf("relu: Laurent %s has a pole at t = 0", p)
	}
	sum := new(big.Rat)
	var pw, tmp big.Rat
	// pw = t0^lo
	pw.SetInt64(1)
	e := p.lo
	base := new(big.Rat).Set(t0)
	if e < 0 {
		base.Inv(base)
		e = -e
	}
	for i := 0; i < e; i++ {
		pw.Mul(&pw, base)
	}
	for _, v := range p.c {
		sum.Add(sum, tmp.Mul(v, &pw))
		pw.Mul(&pw, t0)
	}
	return sum, nil
}

// Float returns p(t0) in float64 (numeric, labelled).
func (p Laurent) Float(t0 float64) float64 {
	s := 0.0
	for i, v := range p.c {
		f, _ := v.Float64()
		s += f * pow(t0, p.lo+i)
	}
	return s
}

func pow(x float64, k int) float64 {
	r := 1.0
	if k < 0 {
		x, k = 1/x, -k
	}
	for ; k > 0; k-- {
		r *= x
	}
	return r
}

// String prints p as a sum of terms c*t^k in increasing order of k, e.g.
// "16*t^-1 + 1", "-t^-1", "t", "3/4*t^2", "0" (MATH.md §8.2).
func (p Laurent) String() string {
	if p.IsZero() {
		return "0"
	}
	var b strings.Builder
	first := true
	for i, v := range p.c {
		if v.Sign() == 0 {
			continue
		}
		k := p.lo + i
		abs := new(big.Rat).Abs(v)
		if first {
			if v.Sign() < 0 {
				b.WriteByte('-')
			}
		} else if v.Sign() < 0 {
			b.WriteString(" - ")
		} else {
			b.WriteString(" + ")
		}
		first = false
		one := abs.Cmp(big.NewRat(1, 1)) == 0
		switch {
		case k == 0:
			b.WriteString(abs.RatString())
		case one:
			b.WriteString(tPow(k))
		default:
			b.WriteString(abs.RatString())
			b.WriteByte('*')
			b.WriteString(tPow(k))
		}
	}
	return b.String()
}

func tPow(k int) string {
	if k == 1 {
		return "t"
	}
	return "t^" + strconv.Itoa(k)
}

// LaTeX renders p, e.g. "16 t^{-1} + 1", "\frac{3}{4} t^{2}".
func (p Laurent) LaTeX() string {
	if p.IsZero() {
		return "0"
	}
	var b strings.Builder
	for i, v := range p.c {
		if v.Sign() == 0 {
			continue
		}
		k := p.lo + i
		abs := new(big.Rat).Abs(v)
		switch {
		case b.Len() == 0 && v.Sign() < 0:
			b.WriteString("-")
		case b.Len() > 0 && v.Sign() < 0:
			b.WriteString(" - ")
		case b.Len() > 0:
			b.WriteString(" + ")
		}
		coef := ratLaTeX(abs)
		switch {
		case k == 0:
			b.WriteString(coef)
		case abs.Cmp(big.NewRat(1, 1)) == 0:
			b.WriteString(tLaTeX(k))
		default:
			b.WriteString(coef + " " + tLaTeX(k))
		}
	}
	return b.String()
}

func tLaTeX(k int) string {
	if k == 1 {
		return "t"
	}
	return fmt.Sprintf("t^{%d}", k)
}

func ratLaTeX(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	s := ""
	if r.Sign() < 0 {
		s = "-"
	}
	return fmt.Sprintf("%s\\frac{%s}{%s}", s, new(big.Int).Abs(r.Num()), r.Denom())
}

// MarshalText encodes p as its String form.
func (p Laurent) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText parses the String form (see ParseLaurent).
func (p *Laurent) UnmarshalText(b []byte) error {
	q, err := ParseLaurent(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// MaxLaurentExponent bounds |k| in parsed terms t^k.
const MaxLaurentExponent = 1000

// A LaurentParseError reports a syntax error with its 1-based column.
type LaurentParseError struct {
	Input string
	Col   int
	Msg   string
}

// Error implements error.
func (e *LaurentParseError) Error() string {
	return fmt.Sprintf("relu: Laurent polynomial %q: column %d: %s", e.Input, e.Col, e.Msg)
}

// ParseLaurent parses a sum of terms in t (MATH.md §8.2). Accepted terms:
// a rational "3", "-3/4"; a power "t", "t^2", "t^-1", "t^(-1)"; a product
// "c*t^k"; and a quotient by t, "c/t" or "c/t^k", meaning c·t^−k. Terms are
// joined by + and −; blanks are ignored. The exponent is limited to
// |k| ≤ MaxLaurentExponent (the representation is dense). Errors give the
// column.
func ParseLaurent(s string) (Laurent, error) {
	ps := &lparser{in: s}
	ps.skip()
	if ps.pos >= len(s) {
		return Laurent{}, ps.err("empty input")
	}
	sum := Laurent{}
	first := true
	for {
		ps.skip()
		if ps.pos >= len(s) {
			break
		}
		sign := 1
		if c := s[ps.pos]; c == '+' || c == '-' {
			if c == '-' {
				sign = -1
			}
			ps.pos++
			ps.skip()
		} else if !first {
			return Laurent{}, ps.err("expected + or -")
		}
		first = false
		term, err := ps.term()
		if err != nil {
			return Laurent{}, err
		}
		if sign < 0 {
			term = term.Neg()
		}
		sum = sum.Add(term)
	}
	return sum, nil
}

type lparser struct {
	in  string
	pos int
}

func (p *lparser) err(msg string) error {
	return &LaurentParseError{Input: p.in, Col: p.pos + 1, Msg: msg}
}

func (p *lparser) skip() {
	for p.pos < len(p.in) && (p.in[p.pos] == ' ' || p.in[p.pos] == '\t') {
		p.pos++
	}
}

func (p *lparser) peek() byte {
	if p.pos < len(p.in) {
		return p.in[p.pos]
	}
	return 0
}

// term := rat [('*' power) | ('/' power)] | power
func (p *lparser) term() (Laurent, error) {
	p.skip()
	c := p.peek()
	switch {
	case c >= '0' && c <= '9':
		r, err := p.rat()
		if err != nil {
			return Laurent{}, err
		}
		p.skip()
		switch p.peek() {
		case '*':
			p.pos++
			p.skip()
			k, err := p.power()
			if err != nil {
				return Laurent{}, err
			}
			return LaurentMonomial(r, k), nil
		case '/':
			// Only reached when the rational had no denominator digits,
			// i.e. "c/t".
			p.pos++
			p.skip()
			k, err := p.power()
			if err != nil {
				return Laurent{}, err
			}
			return LaurentMonomial(r, -k), nil
		}
		return LaurentConst(r), nil
	case c == 't':
		k, err := p.power()
		if err != nil {
			return Laurent{}, err
		}
		return T(k), nil
	case c == 0:
		return Laurent{}, p.err("unexpected end of input, expected a term")
	}
	return Laurent{}, p.err(fmt.Sprintf("unexpected %q, expected a number or t", c))
}

// rat := digits ['/' digits]  (a '/' followed by 't' is left for the caller)
func (p *lparser) rat() (*big.Rat, error) {
	start := p.pos
	for p.pos < len(p.in) && p.in[p.pos] >= '0' && p.in[p.pos] <= '9' {
		p.pos++
	}
	num := p.in[start:p.pos]
	den := "1"
	save := p.pos
	p.skip()
	if p.peek() == '/' {
		q := p.pos + 1
		for q < len(p.in) && (p.in[q] == ' ' || p.in[q] == '\t') {
			q++
		}
		if q < len(p.in) && p.in[q] >= '0' && p.in[q] <= '9' {
			d0 := q
			for q < len(p.in) && p.in[q] >= '0' && p.in[q] <= '9' {
				q++
			}
			den = p.in[d0:q]
			p.pos = q
		} else {
			p.pos = save
		}
	} else {
		p.pos = save
	}
	n, _ := new(big.Int).SetString(num, 10)
	d, _ := new(big.Int).SetString(den, 10)
	if d.Sign() == 0 {
		return nil, p.err("zero denominator")
	}
	return new(big.Rat).SetFrac(n, d), nil
}

// power := 't' ['^' ['('] ['-'] digits [')']]
func (p *lparser) power() (int, error) {
	if p.peek() != 't' {
		return 0, p.err("expected t")
	}
	p.pos++
	p.skip()
	if p.peek() != '^' {
		return 1, nil
	}
	p.pos++
	p.skip()
	paren := false
	if p.peek() == '(' {
		paren = true
		p.pos++
		p.skip()
	}
	neg := false
	if p.peek() == '-' {
		neg = true
		p.pos++
	}
	start := p.pos
	for p.pos < len(p.in) && p.in[p.pos] >= '0' && p.in[p.pos] <= '9' {
		p.pos++
	}
	if start == p.pos {
		return 0, p.err("expected an integer exponent")
	}
	if p.pos-start > 7 {
		return 0, p.err("exponent too large")
	}
	k, _ := strconv.Atoi(p.in[start:p.pos])
	if k > MaxLaurentExponent {
		return 0, p.err(fmt.Sprintf("exponent %d exceeds %d", k, MaxLaurentExponent))
	}
	if paren {
		p.skip()
		if p.peek() != ')' {
			return 0, p.err("expected )")
		}
		p.pos++
	}
	if neg {
		k = -k
	}
	return k, nil
}

// A LaurentMatrix is a matrix of Laurent polynomials, row by row.
type LaurentMatrix [][]Laurent

// NewLaurentMatrix returns the rows×cols zero matrix.
func NewLaurentMatrix(rows, cols int) LaurentMatrix {
	a := make(LaurentMatrix, rows)
	for i := range a {
		a[i] = make([]Laurent, cols)
	}
	return a
}

// Mul returns a·b; it panics if shapes do not chain.
func (a LaurentMatrix) Mul(b LaurentMatrix) LaurentMatrix {
	if len(a) == 0 || len(a[0]) != len(b) {
		panic("relu: LaurentMatrix.Mul: shapes do not chain")
	}
	c := NewLaurentMatrix(len(a), len(b[0]))
	for i := range a {
		for k := range a[i] {
			if a[i][k].IsZero() {
				continue
			}
			for j := range c[i] {
				c[i][j] = c[i][j].Add(a[i][k].Mul(b[k][j]))
			}
		}
	}
	return c
}

// Strings returns the entries' String forms.
func (a LaurentMatrix) Strings() [][]string {
	out := make([][]string, len(a))
	for i, row := range a {
		out[i] = make([]string, len(row))
		for j, v := range row {
			out[i][j] = v.String()
		}
	}
	return out
}

// ParseLaurentMatrix parses a matrix of Laurent strings; errors name the entry.
func ParseLaurentMatrix(x [][]string) (LaurentMatrix, error) {
	if len(x) == 0 || len(x[0]) == 0 {
		return nil, fmt.Errorf("relu: empty matrix")
	}
	a := make(LaurentMatrix, len(x))
	for i, row := range x {
		if len(row) != len(x[0]) {
			return nil, fmt.Errorf("relu: matrix row %d has %d entries, row 1 has %d", i+1, len(row), len(x[0]))
		}
		a[i] = make([]Laurent, len(row))
		for j, s := range row {
			v, err := ParseLaurent(s)
			if err != nil {
				return nil, fmt.Errorf("relu: entry (%d,%d): %w", i+1, j+1, err)
			}
			a[i][j] = v
		}
	}
	return a, nil
}
