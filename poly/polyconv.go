package poly

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"unicode/utf8"
)

// String returns p in the plain text format, terms in decreasing ring
// order: "x^2*y - 3/4*z + 1", "-x", "2*x", "0" for the zero polynomial.
// Coefficients 1 and -1 are omitted in front of a monomial. The output
// parses back to p with the ring's Parse.
func (p *Poly) String() string {
	if p.IsZero() {
		return "0"
	}
	var b []byte
	abs := new(big.Int)
	for i, t := range p.terms {
		neg := t.Coef.Sign() < 0
		switch {
		case i == 0 && neg:
			b = append(b, '-')
		case i > 0 && neg:
			b = append(b, " - "...)
		case i > 0:
			b = append(b, " + "...)
		}
		one := t.Mon.IsOne()
		unit := t.Coef.IsInt() && t.Coef.Num().CmpAbs(unitInt) == 0
		if one || !unit {
			b = abs.Abs(t.Coef.Num()).Append(b, 10)
			if !t.Coef.IsInt() {
				b = append(b, '/')
				b = t.Coef.Denom().Append(b, 10)
			}
			if !one {
				b = append(b, '*')
			}
		}
		first := true
		for v, e := range t.Mon {
			if e == 0 {
				continue
			}
			if !first {
				b = append(b, '*')
			}
			first = false
			b = append(b, p.r.vars[v]...)
			if e != 1 {
				b = append(b, '^')
				b = appendUint(b, uint64(e))
			}
		}
	}
	return string(b)
}

var unitInt = big.NewInt(1)

func appendUint(b []byte, u uint64) []byte {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	return append(b, buf[i:]...)
}

// LaTeX returns p as LaTeX math-mode source: "x^{2} y - \frac{3}{4} z + 1".
// Variable names ending in digits are subscripted (x12, x_12 → x_{12}),
// Greek letter names become letters (alpha → \alpha), other multi-letter
// names are set in \mathit.
func (p *Poly) LaTeX() string {
	if p.IsZero() {
		return "0"
	}
	names := make([]string, len(p.r.vars))
	for i, v := range p.r.vars {
		names[i] = latexName(v)
	}
	var b strings.Builder
	abs := new(big.Int)
	for i, t := range p.terms {
		neg := t.Coef.Sign() < 0
		switch {
		case i == 0 && neg:
			b.WriteString("-")
		case i > 0 && neg:
			b.WriteString(" - ")
		case i > 0:
			b.WriteString(" + ")
		}
		one := t.Mon.IsOne()
		unit := t.Coef.IsInt() && t.Coef.Num().CmpAbs(unitInt) == 0
		if one || !unit {
			abs.Abs(t.Coef.Num())
			if t.Coef.IsInt() {
				b.WriteString(abs.String())
			} else {
				fmt.Fprintf(&b, `\frac{%s}{%s}`, abs, t.Coef.Denom())
			}
			if !one {
				b.WriteByte(' ')
			}
		}
		first := true
		for v, e := range t.Mon {
			if e == 0 {
				continue
			}
			if !first {
				b.WriteByte(' ')
			}
			first = false
			b.WriteString(names[v])
			if e != 1 {
				fmt.Fprintf(&b, "^{%d}", e)
			}
		}
	}
	return b.String()
}

// latexGreek are the names set as Greek letters.
var latexGreek = map[string]bool{
	"alpha": true, "beta": true, "gamma": true, "delta": true, "epsilon": true, "zeta": true,
	"eta": true, "theta": true, "iota": true, "kappa": true, "lambda": true, "mu": true,
	"nu": true, "xi": true, "pi": true, "rho": true, "sigma": true, "tau": true,
	"upsilon": true, "phi": true, "chi": true, "psi": true, "omega": true,
	"Gamma": true, "Delta": true, "Theta": true, "Lambda": true, "Xi": true, "Pi": true,
	"Sigma": true, "Phi": true, "Psi": true, "Omega": true,
}

// latexName renders a variable name: a trailing digit run (optionally after
// '_') becomes a subscript (x12, x_12 → x_{12}), Greek letter names become
// the letter (alpha → \alpha), other multi-character names are set in
// \mathit with '_' escaped.
func latexName(v string) string {
	j := len(v)
	for j > 0 && v[j-1] >= '0' && v[j-1] <= '9' {
		j--
	}
	base, sub := v[:j], v[j:]
	if sub != "" && len(base) > 1 && base[len(base)-1] == '_' {
		base = base[:len(base)-1]
	}
	if base == "" || base == "_" { // "_1", "_": no letter to subscript
		base, sub = v, ""
	}
	switch {
	case latexGreek[base]:
		base = `\` + base
	case len(base) > 1:
		base = `\mathit{` + strings.ReplaceAll(base, "_", `\_`) + "}"
	case base == "_":
		base = `\_`
	}
	if sub != "" {
		return base + "_{" + sub + "}"
	}
	return base
}

// Limits on what the parser is willing to build, so that short hostile
// inputs cannot make it run for hours (see Parse).
const (
	maxParseDepth     = 1000    // nesting of parentheses
	maxParsePowBits   = 1 << 20 // bits of a constant raised to a power
	maxParsePowTerms  = 1 << 20 // bound on the terms of (poly)^n
	maxParsePowCoeffs = 1 << 16 // bound on the coefficient bits of (poly)^n
	maxParseWork      = 1 << 31 // bound on the estimated word operations of all products
)

// Parse reads a polynomial of R in the plain text format: integers, p/q
// rationals (more generally, division by a nonzero constant), the ring's
// variables, + - * ^ (the exponent a non-negative integer literal),
// parentheses, unary minus, whitespace and newlines, and '#' comments to the
// end of a line. Implicit multiplication (2x, x y) is not allowed. Errors are
// *ParseError with the 1-based line and column of the offending token, e.g.
// "unknown variable 'z' at 1:5".
//
// Sums are parsed by iteration and collected into one term list that is
// sorted once, so parsing is O(n log n) in the input length for expanded
// input and uses no recursion except for parentheses (nesting depth is
// limited to 1000). Powers of parenthesized sums are limited to results of
// at most about a million terms and 2^16-bit coefficients; larger ones are
// reported as errors instead of being computed.
func (R *Ring) Parse(s string) (*Poly, error) {
	ps := &parser{R: R, src: s, line: 1}
	return ps.parseAll()
}

// MustParse is like Parse but panics on error. For tests, examples and
// constants in code.
func (R *Ring) MustParse(s string) *Poly {
	p, err := R.Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

// ParsePolys reads one polynomial per line. Blank lines and lines holding
// only a '#' comment are skipped; a '#' starts a comment anywhere. Errors
// carry the line and column in s.
func (R *Ring) ParsePolys(s string) ([]*Poly, error) {
	var ps []*Poly
	line := 0
	for len(s) > 0 || line == 0 {
		line++
		l := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			l, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		body := l
		if i := strings.IndexByte(body, '#'); i >= 0 {
			body = body[:i]
		}
		if strings.TrimSpace(body) == "" {
			continue
		}
		pr := &parser{R: R, src: l, line: line}
		p, err := pr.parseAll()
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// ParseAuto parses s in a fresh ring whose variables are the identifiers of
// s in order of first occurrence, with monomial order ord.
func ParseAuto(s string, ord Order) (*Poly, error) {
	var vars []string
	seen := map[string]bool{}
	lx := &parser{src: s, line: 1}
	for {
		tok, err := lx.next()
		if err != nil {
			return nil, err
		}
		if tok.kind == tokEOF {
			break
		}
		if tok.kind == tokIdent && !seen[tok.text] {
			seen[tok.text] = true
			vars = append(vars, tok.text)
		}
	}
	R, err := NewRing(vars, ord)
	if err != nil {
		return nil, err
	}
	return R.Parse(s)
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokNum
	tokIdent
	tokOp // one of + - * / ^ ( )
)

type token struct {
	kind tokKind
	text string
	pos  int // byte offset in src
}

func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokNum:
		if len(t.text) > 20 {
			return "number " + t.text[:20] + "..."
		}
		return "number " + t.text
	case tokIdent:
		return "'" + t.text + "'"
	}
	return "'" + t.text + "'"
}

type parser struct {
	R    *Ring
	src  string
	line int // line number of src[0]
	pos  int // byte offset of the next unread byte
	tok  token
	work float64 // estimated cost of the products computed so far
}

// charge adds the estimated cost of a product to the parser's budget and
// reports whether the budget still holds.
func (ps *parser) charge(terms1, terms2, bits float64) bool {
	ps.work += terms1 * terms2 * (1 + bits/64)
	return ps.work <= maxParseWork
}

func coefBits(p *Poly) int {
	b := 0
	for _, t := range p.terms {
		b = max(b, t.Coef.Num().BitLen()+t.Coef.Denom().BitLen())
	}
	return b
}

// errAt builds a ParseError at byte offset off.
func (ps *parser) errAt(off int, expected, found, msg string) *ParseError {
	line, col := ps.line, 1
	start := 0
	for i := 0; i < off && i < len(ps.src); {
		r, w := utf8.DecodeRuneInString(ps.src[i:])
		if r == '\n' {
			line++
			col = 1
			start = i + 1
		} else {
			col++
		}
		i += w
	}
	end := strings.IndexByte(ps.src[start:], '\n')
	in := ps.src[start:]
	if end >= 0 {
		in = in[:end]
	}
	return &ParseError{Line: line, Col: col, Expected: expected, Found: found, Input: in, Msg: msg}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// next scans the next token into ps.tok and returns it.
func (ps *parser) next() (token, error) {
	s := ps.src
	i := ps.pos
	for i < len(s) {
		if isSpace(s[i]) {
			i++
		} else if s[i] == '#' {
			for i < len(s) && s[i] != '\n' {
				i++
			}
		} else {
			break
		}
	}
	if i >= len(s) {
		ps.pos = i
		ps.tok = token{kind: tokEOF, pos: i}
		return ps.tok, nil
	}
	c := s[i]
	j := i + 1
	switch {
	case isDigit(c):
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		ps.tok = token{kind: tokNum, text: s[i:j], pos: i}
		if j < len(s) && s[j] == '.' {
			return ps.tok, ps.errAt(j, "", "'.'", "decimal numbers are not supported (write p/q), unexpected '.'")
		}
	case isIdentStart(c):
		for j < len(s) && (isIdentStart(s[j]) || isDigit(s[j])) {
			j++
		}
		ps.tok = token{kind: tokIdent, text: s[i:j], pos: i}
	case strings.IndexByte("+-*/^()", c) >= 0:
		ps.tok = token{kind: tokOp, text: s[i:j], pos: i}
	default:
		r, _ := utf8.DecodeRuneInString(s[i:])
		return token{}, ps.errAt(i, "", fmt.Sprintf("%q", r), fmt.Sprintf("unexpected character %q", r))
	}
	ps.pos = j
	return ps.tok, nil
}

func (ps *parser) isOp(c string) bool { return ps.tok.kind == tokOp && ps.tok.text == c }

// pval is a parsed value: a single term coef*mon (mon nil meaning 1) when
// poly is nil, otherwise a polynomial.
//
// A bare power of a variable, the most common factor, is kept as vi (the
// variable's index + 1) and its exponent ve without allocating anything
// until it has to be materialized as a term.
type pval struct {
	coef *big.Rat
	mon  Monomial
	poly *Poly
	vi   int
	ve   uint32
}

// term returns v as a term (coef, mon) if it is a variable power.
func (v pval) term(R *Ring) pval {
	if v.vi == 0 {
		return v
	}
	m := make(Monomial, R.NumVars())
	m[v.vi-1] = v.ve
	return pval{coef: big.NewRat(1, 1), mon: m}
}

func (v pval) toPoly(R *Ring) *Poly {
	v = v.term(R)
	if v.poly != nil {
		return v.poly
	}
	m := v.mon
	if m == nil {
		m = make(Monomial, R.NumVars())
	}
	if v.coef.Sign() == 0 {
		return R.zero
	}
	return &Poly{r: R, terms: []Term{{Mon: m, Coef: v.coef}}}
}

func (ps *parser) parseAll() (*Poly, error) {
	if _, err := ps.next(); err != nil {
		return nil, err
	}
	if ps.tok.kind == tokEOF {
		return nil, ps.errAt(ps.tok.pos, "polynomial", "end of input", "")
	}
	p, err := ps.parseSum(0)
	if err != nil {
		return nil, err
	}
	if ps.tok.kind != tokEOF {
		exp := "operator or end of input"
		if ps.isOp(")") {
			return nil, ps.errAt(ps.tok.pos, "", "')'", "unmatched ')'")
		}
		return nil, ps.errAt(ps.tok.pos, exp, ps.tok.describe(), "")
	}
	return p, nil
}

// parseSum parses term {(+|-) term} and leaves ps.tok at the first token
// after it.
func (ps *parser) parseSum(depth int) (*Poly, error) {
	var ts []Term
	n := ps.R.NumVars()
	neg := false
	for {
		v, err := ps.parseTerm(depth)
		if err != nil {
			return nil, err
		}
		v = v.term(ps.R)
		if v.poly != nil {
			for _, t := range v.poly.terms {
				if neg {
					t.Coef = new(big.Rat).Neg(t.Coef)
				}
				ts = append(ts, t)
			}
		} else if v.coef.Sign() != 0 {
			m := v.mon
			if m == nil {
				m = make(Monomial, n)
			}
			if neg {
				v.coef.Neg(v.coef)
			}
			ts = append(ts, Term{Mon: m, Coef: v.coef})
		}
		switch {
		case ps.isOp("+"):
			neg = false
		case ps.isOp("-"):
			neg = true
		default:
			return ps.R.canonical(ts), nil
		}
		if _, err := ps.next(); err != nil {
			return nil, err
		}
	}
}

// parseTerm parses factor {(*|/) factor}.
func (ps *parser) parseTerm(depth int) (pval, error) {
	acc, err := ps.parseFactor(depth)
	if err != nil {
		return pval{}, err
	}
	for {
		switch {
		case ps.isOp("*"):
			if _, err := ps.next(); err != nil {
				return pval{}, err
			}
			start := ps.tok.pos
			f, err := ps.parseFactor(depth)
			if err != nil {
				return pval{}, err
			}
			if acc, err = ps.mul(acc, f, start); err != nil {
				return pval{}, err
			}
		case ps.isOp("/"):
			if _, err := ps.next(); err != nil {
				return pval{}, err
			}
			start := ps.tok.pos
			f, err := ps.parseFactor(depth)
			if err != nil {
				return pval{}, err
			}
			acc = acc.term(ps.R)
			var c *big.Rat
			if f.vi > 0 {
				return pval{}, ps.errAt(start, "", "", "division by a non-constant")
			}
			if f.poly == nil && f.mon == nil {
				c = f.coef
			} else if fp := f.toPoly(ps.R); fp.IsConst() {
				c = fp.ConstCoeff()
			} else {
				return pval{}, ps.errAt(start, "", "", "division by a non-constant")
			}
			if c.Sign() == 0 {
				return pval{}, ps.errAt(start, "", "", "division by zero")
			}
			inv := new(big.Rat).Inv(c)
			if acc.poly != nil {
				acc.poly = acc.poly.ScaleRat(inv)
			} else {
				acc.coef.Mul(acc.coef, inv)
			}
		case ps.tok.kind == tokNum || ps.tok.kind == tokIdent || ps.isOp("("):
			return pval{}, ps.errAt(ps.tok.pos, "operator", ps.tok.describe(), "")
		default:
			return acc, nil
		}
	}
}

func (ps *parser) mul(a, b pval, pos int) (pval, error) {
	a = a.term(ps.R)
	if a.poly == nil && b.vi > 0 {
		if a.mon == nil {
			a.mon = make(Monomial, ps.R.NumVars())
		}
		s := uint64(a.mon[b.vi-1]) + uint64(b.ve)
		if s > math.MaxUint32 {
			return pval{}, ps.errAt(pos, "", "", "exponent too large")
		}
		a.mon[b.vi-1] = uint32(s)
		return a, nil
	}
	b = b.term(ps.R)
	if a.poly == nil && b.poly == nil {
		a.coef.Mul(a.coef, b.coef)
		switch {
		case a.mon == nil:
			a.mon = b.mon
		case b.mon != nil:
			for i := range a.mon {
				s := uint64(a.mon[i]) + uint64(b.mon[i])
				if s > math.MaxUint32 {
					return pval{}, ps.errAt(pos, "", "", "exponent too large")
				}
				a.mon[i] = uint32(s)
			}
		}
		return a, nil
	}
	pa, pb := a.toPoly(ps.R), b.toPoly(ps.R)
	if !ps.charge(float64(len(pa.terms)), float64(len(pb.terms)), float64(coefBits(pa)+coefBits(pb))) {
		return pval{}, ps.errAt(pos, "", "", "expression too large to expand")
	}
	var r *Poly
	err := catchOverflow(func() { r = pa.Mul(pb) })
	if err != nil {
		return pval{}, ps.errAt(pos, "", "", "exponent too large")
	}
	return pval{poly: r}, nil
}

func catchOverflow(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == ErrExponentOverflow {
				err = ErrExponentOverflow
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}

// parseFactor parses {+|-} primary [^ integer].
func (ps *parser) parseFactor(depth int) (pval, error) {
	neg := false
	for ps.isOp("-") || ps.isOp("+") {
		if ps.isOp("-") {
			neg = !neg
		}
		if _, err := ps.next(); err != nil {
			return pval{}, err
		}
	}
	v, err := ps.parsePrimary(depth)
	if err != nil {
		return pval{}, err
	}
	if ps.isOp("^") {
		caret := ps.tok.pos
		if _, err := ps.next(); err != nil {
			return pval{}, err
		}
		if ps.tok.kind != tokNum {
			return pval{}, ps.errAt(ps.tok.pos, "non-negative integer exponent", ps.tok.describe(), "")
		}
		epos := ps.tok.pos
		e, ok := new(big.Int).SetString(ps.tok.text, 10)
		if !ok || !e.IsUint64() || e.Uint64() > math.MaxUint32 {
			return pval{}, ps.errAt(epos, "", "", "exponent too large")
		}
		if _, err := ps.next(); err != nil {
			return pval{}, err
		}
		if ps.isOp("^") {
			return pval{}, ps.errAt(ps.tok.pos, "", "'^'", "ambiguous repeated '^' (use parentheses)")
		}
		if v.vi > 0 && e.Uint64() > 0 {
			v.ve = uint32(e.Uint64()) // base exponent is 1, e <= 2^32-1
		} else if v, err = ps.pow(v.term(ps.R), e.Uint64(), caret); err != nil {
			return pval{}, err
		}
	}
	if neg {
		v = v.term(ps.R)
		if v.poly != nil {
			v.poly = v.poly.Neg()
		} else {
			v.coef.Neg(v.coef)
		}
	}
	return v, nil
}

func (ps *parser) pow(v pval, n uint64, pos int) (pval, error) {
	if v.poly != nil && len(v.poly.terms) == 1 {
		t := v.poly.terms[0]
		v = pval{coef: new(big.Rat).Set(t.Coef), mon: t.Mon.Clone()}
	} else if v.poly != nil && v.poly.IsZero() {
		v = pval{coef: new(big.Rat)}
	}
	if v.poly == nil {
		if n == 0 {
			return pval{coef: big.NewRat(1, 1)}, nil
		}
		if v.mon != nil {
			for i, e := range v.mon {
				s := uint64(e) * n
				if e != 0 && (s/uint64(e) != n || s > math.MaxUint32) {
					return pval{}, ps.errAt(pos, "", "", "exponent too large")
				}
				v.mon[i] = uint32(s)
			}
		}
		if isOneRat(v.coef) {
			return v, nil
		}
		num, den := v.coef.Num(), v.coef.Denom()
		if nb := uint64(max(num.BitLen(), den.BitLen())); nb > 1 && nb*n > maxParsePowBits {
			return pval{}, ps.errAt(pos, "", "", "power too large")
		}
		en := new(big.Int).SetUint64(n)
		v.coef = new(big.Rat).SetFrac(new(big.Int).Exp(num, en, nil), new(big.Int).Exp(den, en, nil))
		return v, nil
	}
	p := v.poly
	// Bound the size of p^n before computing it.
	k := len(p.Vars())
	d := float64(p.TotalDegree()) * float64(n)
	terms := 1.0 // C(d+k, k) bounds the number of monomials
	for i := 1; i <= k; i++ {
		terms = terms * (d + float64(i)) / float64(i)
	}
	growth := float64(coefBits(p)) + math.Log2(float64(len(p.terms))) + 1
	if terms > maxParsePowTerms || growth*float64(n) > maxParsePowCoeffs {
		return pval{}, ps.errAt(pos, "", "", "power too large")
	}
	// The last squaring dominates the cost of repeated squaring.
	half := terms / 2
	if !ps.charge(half, half, growth*float64(n)) {
		return pval{}, ps.errAt(pos, "", "", "expression too large to expand")
	}
	var r *Poly
	if err := catchOverflow(func() { r = p.Pow(uint(n)) }); err != nil {
		return pval{}, ps.errAt(pos, "", "", "exponent too large")
	}
	return pval{poly: r}, nil
}

func (ps *parser) parsePrimary(depth int) (pval, error) {
	t := ps.tok
	switch {
	case t.kind == tokNum:
		c := new(big.Rat)
		if len(t.text) <= 18 {
			var u int64
			for i := 0; i < len(t.text); i++ {
				u = u*10 + int64(t.text[i]-'0')
			}
			c.SetInt64(u)
		} else {
			z, _ := new(big.Int).SetString(t.text, 10)
			c.SetInt(z)
		}
		if _, err := ps.next(); err != nil {
			return pval{}, err
		}
		return pval{coef: c}, nil
	case t.kind == tokIdent:
		i, ok := ps.R.VarIndex(t.text)
		if !ok {
			return pval{}, ps.errAt(t.pos, "", "'"+t.text+"'", "unknown variable '"+t.text+"'")
		}
		if _, err := ps.next(); err != nil {
			return pval{}, err
		}
		return pval{vi: i + 1, ve: 1}, nil
	case ps.isOp("("):
		if depth >= maxParseDepth {
			return pval{}, ps.errAt(t.pos, "", "", "parentheses nested too deeply")
		}
		if _, err := ps.next(); err != nil {
			return pval{}, err
		}
		p, err := ps.parseSum(depth + 1)
		if err != nil {
			return pval{}, err
		}
		if !ps.isOp(")") {
			return pval{}, ps.errAt(ps.tok.pos, "')'", ps.tok.describe(), "")
		}
		if _, err := ps.next(); err != nil {
			return pval{}, err
		}
		return pval{poly: p}, nil
	}
	return pval{}, ps.errAt(t.pos, "number, variable or '('", t.describe(), "")
}
