package semialg

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode"
)

// ParseError reports a syntax or binding error in formula text. Line and Col
// are 1-based; Col counts Unicode code points.
type ParseError struct {
	Line, Col int
	Msg       string // what went wrong, e.g. `expected "]", found "/\"`
	Err       error  // the wrapped cause, e.g. ErrNotSupported, or nil
}

// Unwrap returns the cause, so that errors.Is(err, ErrNotSupported) works.
func (e *ParseError) Unwrap() error { return e.Err }

func (e *ParseError) Error() string {
	return fmt.Sprintf("semialg: parse error at %d:%d: %s", e.Line, e.Col, e.Msg)
}

// pos is a position in the input text (1-based line and column).
type pos struct{ line, col int }

func (p pos) errorf(format string, args ...any) *ParseError {
	err := fmt.Errorf(format, args...)
	return &ParseError{Line: p.line, Col: p.col, Msg: err.Error(), Err: errors.Unwrap(err)}
}

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tNum  // integer or decimal numeral; value in tok.num
	tPunc // operators and brackets; text in tok.text
)

type token struct {
	kind tokKind
	text string
	num  *big.Rat
	pos  pos
	off  int // offset (in runes) of the token start
	end  int // offset just past the token
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tNum:
		return fmt.Sprintf("number %q", t.text)
	case tIdent:
		return fmt.Sprintf("%q", t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

// puncs lists the operator tokens, longest first so that the lexer takes the
// longest match.
var puncs = []string{
	"<==>", "==>", "<==", "/\\", "\\/", "&&", "||", "<=", ">=", "==", "/=", "!=",
	"(", ")", "[", "]", ",", "+", "-", "*", "/", "^", "~", "!", "<", ">", "=", ".",
}

// lexer turns text into tokens. It works on runes so that columns count code
// points.
type lexer struct {
	src       []rune
	i         int
	line, col int
	comments  string // characters that start a comment running to the end of the line
}

func newLexer(src []rune, start int, at pos, comments string) *lexer {
	return &lexer{src: src, i: start, line: at.line, col: at.col, comments: comments}
}

func (lx *lexer) advance(n int) {
	for k := 0; k < n && lx.i < len(lx.src); k++ {
		if lx.src[lx.i] == '\n' {
			lx.line++
			lx.col = 1
		} else {
			lx.col++
		}
		lx.i++
	}
}

func (lx *lexer) skipSpace() {
	for lx.i < len(lx.src) {
		r := lx.src[lx.i]
		if unicode.IsSpace(r) {
			lx.advance(1)
			continue
		}
		if lx.comments != "" && strings.ContainsRune(lx.comments, r) {
			for lx.i < len(lx.src) && lx.src[lx.i] != '\n' {
				lx.advance(1)
			}
			continue
		}
		return
	}
}

func isIdentStart(r rune) bool { return r == '_' || r < 128 && unicode.IsLetter(r) }
func isIdentRune(r rune) bool  { return isIdentStart(r) || r >= '0' && r <= '9' }
func isDigit(r rune) bool      { return r >= '0' && r <= '9' }

// next returns the next token or a ParseError for a character that starts
// no token.
func (lx *lexer) next() (token, error) {
	lx.skipSpace()
	p := pos{lx.line, lx.col}
	start := lx.i
	if lx.i >= len(lx.src) {
		return token{kind: tEOF, pos: p, off: start, end: start}, nil
	}
	r := lx.src[lx.i]
	switch {
	case isIdentStart(r):
		j := lx.i
		for j < len(lx.src) && isIdentRune(lx.src[j]) {
			j++
		}
		text := string(lx.src[lx.i:j])
		lx.advance(j - lx.i)
		return token{kind: tIdent, text: text, pos: p, off: start, end: lx.i}, nil
	case isDigit(r):
		j := lx.i
		for j < len(lx.src) && isDigit(lx.src[j]) {
			j++
		}
		if j+1 < len(lx.src) && lx.src[j] == '.' && isDigit(lx.src[j+1]) {
			j++
			for j < len(lx.src) && isDigit(lx.src[j]) {
				j++
			}
		}
		text := string(lx.src[lx.i:j])
		if j-lx.i > maxNumeralDigits {
			return token{}, p.errorf("numeral longer than %d digits", maxNumeralDigits)
		}
		v, ok := new(big.Rat).SetString(text)
		if !ok {
			return token{}, p.errorf("bad numeral %q", text)
		}
		lx.advance(j - lx.i)
		return token{kind: tNum, text: text, num: v, pos: p, off: start, end: lx.i}, nil
	}
	for _, s := range puncs {
		n := len([]rune(s))
		if lx.i+n <= len(lx.src) && string(lx.src[lx.i:lx.i+n]) == s {
			lx.advance(n)
			return token{kind: tPunc, text: s, pos: p, off: start, end: lx.i}, nil
		}
	}
	return token{}, p.errorf("unexpected character %q", r)
}

// maxNumeralDigits bounds numerals in text; it is above the decimal length
// of the largest coefficient the readers may build (maxCoefBits bits), so
// every printed formula reads back.
const maxNumeralDigits = 400_000
