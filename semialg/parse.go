package semialg

import (
	"fmt"
	"math/big"
)

// parser is a recursive-descent parser for the own formula syntax (see the
// package documentation for the grammar). Tokens are lexed on demand and
// cached so that the parser can backtrack: at a "(" it first tries an atom
// whose left-hand side starts with a parenthesized expression, and falls back
// to a parenthesized formula. Of all failed alternatives, the error that got
// furthest into the input is reported.
type parser struct {
	lx     *lexer
	toks   []token
	lexErr error
	i      int
	best   *ParseError // furthest error seen, for backtracking
	depth  int
	stopAt func(t token) bool // optional: tokens at which the formula ends
}

const maxParseDepth = 500

var keywords = map[string]bool{
	"ex": true, "exists": true, "all": true, "forall": true,
	"and": true, "or": true, "not": true, "implies": true, "iff": true,
	"true": true, "false": true, "TRUE": true, "FALSE": true, "rank": true,
}

func newParser(src []rune, start int, at pos, comments string) *parser {
	return &parser{lx: newLexer(src, start, at, comments)}
}

func (p *parser) tok(k int) token {
	for len(p.toks) <= p.i+k {
		if p.lexErr != nil {
			return token{kind: tEOF, pos: p.toks[len(p.toks)-1].pos}
		}
		t, err := p.lx.next()
		if err != nil {
			p.lexErr = err
			t = token{kind: tEOF, pos: pos{err.(*ParseError).Line, err.(*ParseError).Col}}
		}
		p.toks = append(p.toks, t)
	}
	return p.toks[p.i+k]
}

func (p *parser) peek() token { return p.tok(0) }

func (p *parser) isPunc(s string) bool {
	t := p.peek()
	return t.kind == tPunc && t.text == s
}

func (p *parser) isWord(s string) bool {
	t := p.peek()
	return t.kind == tIdent && t.text == s
}

func (p *parser) fail(t token, format string, args ...any) error {
	if p.lexErr != nil && t.kind == tEOF {
		e := p.lexErr.(*ParseError)
		p.note(e)
		return e
	}
	e := t.pos.errorf(format, args...)
	p.note(e)
	return e
}

func (p *parser) note(e *ParseError) {
	if p.best == nil || e.Line > p.best.Line || e.Line == p.best.Line && e.Col > p.best.Col {
		p.best = e
	}
}

func (p *parser) expect(s string) (token, error) {
	t := p.peek()
	if t.kind == tPunc && t.text == s {
		p.i++
		return t, nil
	}
	return t, p.fail(t, "expected %q, found %v", s, t)
}

// parseAll parses a whole text as one formula.
func parseNode(src string) (*node, error) {
	p := newParser([]rune(src), 0, pos{1, 1}, "#")
	n, err := p.formula()
	if err == nil {
		if t := p.peek(); t.kind != tEOF || p.lexErr != nil {
			err = p.fail(t, "expected end of formula, found %v", t)
		}
	}
	if err != nil {
		return nil, p.bestErr(err)
	}
	return n, nil
}

func (p *parser) bestErr(err error) error {
	if p.best != nil {
		return p.best
	}
	return err
}

func (p *parser) formula() (*node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxParseDepth {
		return nil, p.fail(p.peek(), "formula nested deeper than %d", maxParseDepth)
	}
	return p.iff()
}

func (p *parser) iff() (*node, error) {
	l, err := p.implies()
	if err != nil {
		return nil, err
	}
	for p.isPunc("<==>") || p.isWord("iff") {
		t := p.peek()
		p.i++
		r, err := p.implies()
		if err != nil {
			return nil, err
		}
		l = &node{kind: nIff, args: []*node{l, r}, pos: t.pos}
	}
	return l, nil
}

func (p *parser) implies() (*node, error) {
	l, err := p.or()
	if err != nil {
		return nil, err
	}
	switch {
	case p.isPunc("==>") || p.isWord("implies"):
		t := p.peek()
		p.i++
		r, err := p.implies() // right associative
		if err != nil {
			return nil, err
		}
		return &node{kind: nImplies, args: []*node{l, r}, pos: t.pos}, nil
	case p.isPunc("<=="):
		t := p.peek()
		p.i++
		r, err := p.or()
		if err != nil {
			return nil, err
		}
		return &node{kind: nImplies, args: []*node{r, l}, pos: t.pos}, nil
	}
	return l, nil
}

func (p *parser) or() (*node, error) {
	return p.nary(nOr, []string{"\\/", "||"}, "or", p.and)
}

func (p *parser) and() (*node, error) {
	return p.nary(nAnd, []string{"/\\", "&&"}, "and", p.unary)
}

func (p *parser) nary(kind nodeKind, ops []string, word string, sub func() (*node, error)) (*node, error) {
	first, err := sub()
	if err != nil {
		return nil, err
	}
	args := []*node{first}
	at := first.pos
	for {
		t := p.peek()
		isOp := t.kind == tIdent && t.text == word
		for _, o := range ops {
			isOp = isOp || t.kind == tPunc && t.text == o
		}
		if !isOp {
			break
		}
		p.i++
		n, err := sub()
		if err != nil {
			return nil, err
		}
		args = append(args, n)
	}
	if len(args) == 1 {
		return first, nil
	}
	return &node{kind: kind, args: args, pos: at}, nil
}

// qepcadQuantifier reports whether the tokens at the cursor are "(E x)" or
// "(A x)" used as a quantifier, i.e. not followed by something that would
// make them part of a polynomial expression.
func (p *parser) qepcadQuantifier() (nodeKind, bool) {
	t0, t1, t2, t3 := p.tok(0), p.tok(1), p.tok(2), p.tok(3)
	if t0.kind != tPunc || t0.text != "(" || t1.kind != tIdent || (t1.text != "E" && t1.text != "A") ||
		t2.kind != tIdent || keywords[t2.text] || t3.kind != tPunc || t3.text != ")" {
		return 0, false
	}
	t4 := p.tok(4)
	if t4.kind == tPunc {
		switch t4.text {
		case "(", "[", "~", "!":
		default:
			return 0, false
		}
	}
	if t1.text == "E" {
		return nEx, true
	}
	return nAll, true
}

func (p *parser) unary() (*node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxParseDepth {
		return nil, p.fail(p.peek(), "formula nested deeper than %d", maxParseDepth)
	}
	t := p.peek()
	switch {
	case t.kind == tPunc && (t.text == "~" || t.text == "!") || p.isWord("not"):
		p.i++
		a, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &node{kind: nNot, args: []*node{a}, pos: t.pos}, nil
	case p.isWord("ex") || p.isWord("exists") || p.isWord("all") || p.isWord("forall"):
		p.i++
		kind := nEx
		if t.text == "all" || t.text == "forall" {
			kind = nAll
		}
		n := &node{kind: kind, pos: t.pos}
		for {
			v := p.peek()
			if v.kind != tIdent || keywords[v.text] {
				return nil, p.fail(v, "expected a variable name after %q, found %v", t.text, v)
			}
			p.i++
			n.vars = append(n.vars, v.text)
			n.varPos = append(n.varPos, v.pos)
			if !p.isPunc(",") {
				break
			}
			p.i++
		}
		body, err := p.unary()
		if err != nil {
			return nil, err
		}
		n.args = []*node{body}
		return n, nil
	case t.kind == tPunc && t.text == "(":
		if kind, ok := p.qepcadQuantifier(); ok {
			v := p.tok(2)
			p.i += 4
			body, err := p.unary()
			if err != nil {
				return nil, err
			}
			return &node{kind: kind, vars: []string{v.text}, varPos: []pos{v.pos}, args: []*node{body}, pos: t.pos}, nil
		}
		// Either an atom such as "(x + 1)^2 > 0" or a parenthesized formula.
		save := p.i
		if n, err := p.atom(); err == nil {
			return n, nil
		}
		p.i = save
		p.i++
		n, err := p.formula()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(")"); err != nil {
			return nil, err
		}
		return n, nil
	case t.kind == tPunc && t.text == "[":
		p.i++
		n, err := p.formula()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect("]"); err != nil {
			return nil, err
		}
		return n, nil
	case p.isWord("true") || p.isWord("TRUE"):
		p.i++
		return &node{kind: nTrue, pos: t.pos}, nil
	case p.isWord("false") || p.isWord("FALSE"):
		p.i++
		return &node{kind: nFalse, pos: t.pos}, nil
	}
	return p.atom()
}

var relTokens = map[string]Rel{
	"<": LT, "<=": LE, "=": EQ, "==": EQ, "/=": NE, "!=": NE, ">=": GE, ">": GT,
}

func (p *parser) rel() (Rel, error) {
	t := p.peek()
	if t.kind == tPunc {
		if r, ok := relTokens[t.text]; ok {
			p.i++
			return r, nil
		}
	}
	return 0, p.fail(t, "expected a relation (<, <=, =, /=, >=, >), found %v", t)
}

func (p *parser) atom() (*node, error) {
	t := p.peek()
	if p.isWord("rank") {
		return p.rankAtom()
	}
	lhs, err := p.expr()
	if err != nil {
		return nil, err
	}
	r, err := p.rel()
	if err != nil {
		return nil, err
	}
	rhs, err := p.expr()
	if err != nil {
		return nil, err
	}
	return &node{kind: nAtom, rel: r, lhs: lhs, rhs: rhs, pos: t.pos}, nil
}

func (p *parser) rankAtom() (*node, error) {
	t := p.peek()
	p.i++
	if _, err := p.expect("("); err != nil {
		return nil, err
	}
	if _, err := p.expect("["); err != nil {
		return nil, err
	}
	var mat [][]*expr
	for {
		if _, err := p.expect("["); err != nil {
			return nil, err
		}
		var row []*expr
		for {
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			row = append(row, e)
			if !p.isPunc(",") {
				break
			}
			p.i++
		}
		rt, err := p.expect("]")
		if err != nil {
			return nil, err
		}
		if len(mat) > 0 && len(row) != len(mat[0]) {
			return nil, p.fail(rt, "matrix row %d has %d entries, row 1 has %d", len(mat)+1, len(row), len(mat[0]))
		}
		mat = append(mat, row)
		if !p.isPunc(",") {
			break
		}
		p.i++
	}
	if _, err := p.expect("]"); err != nil {
		return nil, err
	}
	if _, err := p.expect(")"); err != nil {
		return nil, err
	}
	r, err := p.rel()
	if err != nil {
		return nil, err
	}
	b := p.peek()
	if b.kind != tNum || !b.num.IsInt() || b.num.Num().BitLen() > 20 {
		return nil, p.fail(b, "expected a small non-negative integer rank bound, found %v", b)
	}
	p.i++
	return &node{kind: nRank, rel: r, mat: mat, bound: int(b.num.Num().Int64()), pos: t.pos}, nil
}

// Polynomial expressions.

func (p *parser) expr() (*expr, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxParseDepth {
		return nil, p.fail(p.peek(), "expression nested deeper than %d", maxParseDepth)
	}
	l, err := p.product()
	if err != nil {
		return nil, err
	}
	for p.isPunc("+") || p.isPunc("-") {
		t := p.peek()
		p.i++
		r, err := p.product()
		if err != nil {
			return nil, err
		}
		k := eAdd
		if t.text == "-" {
			k = eSub
		}
		l = &expr{kind: k, args: []*expr{l, r}, pos: t.pos}
	}
	return l, nil
}

// startsPrimary reports whether t can start a factor of an implicit
// (juxtaposition) product.
func startsPrimary(t token) bool {
	switch t.kind {
	case tNum:
		return true
	case tIdent:
		return !keywords[t.text]
	case tPunc:
		return t.text == "("
	}
	return false
}

func (p *parser) product() (*expr, error) {
	l, err := p.signed()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		k := eMul
		switch {
		case t.kind == tPunc && t.text == "*":
			p.i++
		case t.kind == tPunc && t.text == "/":
			p.i++
			k = eDiv
		case startsPrimary(t):
			if _, ok := p.qepcadQuantifier(); ok {
				return l, nil
			}
		default:
			return l, nil
		}
		r, err := p.signed()
		if err != nil {
			return nil, err
		}
		l = &expr{kind: k, args: []*expr{l, r}, pos: t.pos}
	}
}

func (p *parser) signed() (*expr, error) {
	t := p.peek()
	if t.kind == tPunc && (t.text == "-" || t.text == "+") {
		p.i++
		p.depth++
		defer func() { p.depth-- }()
		if p.depth > maxParseDepth {
			return nil, p.fail(t, "expression nested deeper than %d", maxParseDepth)
		}
		a, err := p.signed()
		if err != nil {
			return nil, err
		}
		if t.text == "+" {
			return a, nil
		}
		return &expr{kind: eNeg, args: []*expr{a}, pos: t.pos}, nil
	}
	return p.power()
}

// maxExponent bounds exponents in text; larger powers are almost certainly
// typing errors and would only exhaust memory.
const maxExponent = 1 << 16

func (p *parser) power() (*expr, error) {
	base, err := p.primary()
	if err != nil {
		return nil, err
	}
	if !p.isPunc("^") {
		return base, nil
	}
	t := p.peek()
	p.i++
	n := p.peek()
	if n.kind != tNum || !n.num.IsInt() || n.num.Num().BitLen() > 20 || n.num.Num().Int64() > maxExponent {
		return nil, p.fail(n, "expected a non-negative integer exponent at most %d, found %v", maxExponent, n)
	}
	p.i++
	return &expr{kind: ePow, args: []*expr{base}, exp: int(n.num.Num().Int64()), pos: t.pos}, nil
}

func (p *parser) primary() (*expr, error) {
	t := p.peek()
	switch {
	case t.kind == tNum:
		p.i++
		return &expr{kind: eNum, num: t.num, text: t.text, pos: t.pos}, nil
	case t.kind == tIdent && !keywords[t.text]:
		p.i++
		return &expr{kind: eVar, name: t.text, pos: t.pos}, nil
	case t.kind == tPunc && t.text == "(":
		p.i++
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(")"); err != nil {
			return nil, err
		}
		return e, nil
	}
	return nil, p.fail(t, "expected a polynomial (number, variable or \"(\"), found %v", t)
}

// Helpers shared by the readers.

func numExpr(v *big.Rat) *expr { return &expr{kind: eNum, num: v} }

func fmtPos(p pos) string { return fmt.Sprintf("%d:%d", p.line, p.col) }
