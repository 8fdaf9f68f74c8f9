package semialg

import (
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"unicode"

	"github.com/relucad/relucad/poly"
)

// Problem is a formula read from a file, with its ring and the metadata of
// the file format.
//
// For a QEPCAD B input, the ring's variables are the input's variable list
// and the first NumFree of them are the free variables. For an SMT-LIB2
// script, the ring's variables are the declared constants (in declaration
// order, NumFree of them) followed by the bound variables; Formula is the
// conjunction of the assertions, and (check-sat) asks whether its existential
// closure ([ExClosure]) is true.
type Problem struct {
	Ring        *poly.Ring
	Formula     *Formula
	NumFree     int
	Description string   // QEPCAD: the informal description line; SMT-LIB: unused
	Assume      *Formula // QEPCAD "assume" command, or nil
	Commands    []string // commands after the formula (QEPCAD) or non-assertion commands (SMT-LIB), as text
}

// ExClosure returns ∃ (free variables of f) f.
func ExClosure(f *Formula) *Formula {
	if f.ring == nil {
		return f
	}
	return Ex(f.ring, f.FreeVars(), f)
}

// ReadQEPCAD reads a QEPCAD B input: an informal description in [ ], the
// variable list (x,y,...), the number of free variables, a prenex formula
// ending in ".", then commands (one per line; "assume [ F ]" is parsed into
// Problem.Assume, the others are kept as text). Errors carry line:column.
func ReadQEPCAD(r io.Reader) (*Problem, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return ParseQEPCAD(string(data))
}

// ParseQEPCAD is ReadQEPCAD on a string.
func ParseQEPCAD(text string) (*Problem, error) {
	src := []rune(text)
	lx := newLexer(src, 0, pos{1, 1}, "")
	lx.skipSpace()
	at := pos{lx.line, lx.col}
	if lx.i >= len(src) || src[lx.i] != '[' {
		return nil, at.errorf("expected \"[\" starting the informal description")
	}
	depth, j := 0, lx.i
	for ; j < len(src); j++ {
		if src[j] == '[' {
			depth++
		} else if src[j] == ']' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	if j >= len(src) {
		return nil, at.errorf("unterminated informal description (no matching \"]\")")
	}
	prob := &Problem{Description: strings.TrimSpace(string(src[lx.i+1 : j]))}
	lx.advance(j + 1 - lx.i)

	next := func() (token, error) { return lx.next() }
	t, err := next()
	if err != nil {
		return nil, err
	}
	if t.kind != tPunc || t.text != "(" {
		return nil, t.pos.errorf("expected \"(\" starting the variable list, found %v", t)
	}
	var names []string
	for {
		t, err = next()
		if err != nil {
			return nil, err
		}
		if len(names) == 0 && t.kind == tPunc && t.text == ")" {
			break // empty variable list (a formula without variables)
		}
		if t.kind != tIdent || keywords[t.text] {
			return nil, t.pos.errorf("expected a variable name, found %v", t)
		}
		for _, n := range names {
			if n == t.text {
				return nil, t.pos.errorf("variable %q listed twice", t.text)
			}
		}
		names = append(names, t.text)
		t, err = next()
		if err != nil {
			return nil, err
		}
		if t.kind == tPunc && t.text == ")" {
			break
		}
		if t.kind != tPunc || t.text != "," {
			return nil, t.pos.errorf("expected \",\" or \")\" in the variable list, found %v", t)
		}
	}
	t, err = next()
	if err != nil {
		return nil, err
	}
	if t.kind != tNum || !t.num.IsInt() || t.num.Sign() < 0 || t.num.Cmp(big.NewRat(int64(len(names)), 1)) > 0 {
		return nil, t.pos.errorf("expected the number of free variables (0 to %d), found %v", len(names), t)
	}
	prob.NumFree = int(t.num.Num().Int64())
	R, err := poly.NewRing(names, DefaultOrder)
	if err != nil {
		return nil, t.pos.errorf("%v", err)
	}
	prob.Ring = R

	p := &parser{lx: lx}
	n, err := p.formula()
	if err == nil {
		_, err = p.expect(".")
	}
	if err != nil {
		return nil, p.bestErr(err)
	}
	if err := checkQEPCADPrefix(n, names, prob.NumFree); err != nil {
		return nil, err
	}
	if prob.Formula, err = buildFormula(R, n); err != nil {
		return nil, err
	}
	// Commands: resume right after the "." token.
	end := p.toks[p.i-1]
	cl := newLexer(src, end.end, pos{end.pos.line, end.pos.col + 1}, "")
	for {
		cl.skipSpace()
		if cl.i >= len(src) {
			break
		}
		start := pos{cl.line, cl.col}
		k := cl.i
		for k < len(src) && !unicode.IsSpace(src[k]) && src[k] != '[' {
			k++
		}
		word := string(src[cl.i:k])
		if word == "assume" {
			cl.advance(k - cl.i)
			ap := &parser{lx: cl}
			an, err := ap.unary()
			if err != nil {
				return nil, ap.bestErr(err)
			}
			if prob.Assume, err = buildFormula(R, an); err != nil {
				return nil, err
			}
			last := ap.toks[ap.i-1]
			cl = newLexer(src, last.end, pos{last.pos.line, last.pos.col + len([]rune(last.text))}, "")
			continue
		}
		if word == "" {
			return nil, start.errorf("unexpected %q in the command section", src[k])
		}
		k = cl.i
		for k < len(src) && src[k] != '\n' {
			k++
		}
		prob.Commands = append(prob.Commands, strings.TrimSpace(string(src[cl.i:k])))
		cl.advance(k - cl.i)
	}
	return prob, nil
}

// checkQEPCADPrefix checks that the formula is a quantifier prefix over
// exactly the bound variables names[numFree:], in order, followed by a
// quantifier-free matrix — the shape QEPCAD B requires.
func checkQEPCADPrefix(n *node, names []string, numFree int) error {
	k := numFree
	for n.kind == nEx || n.kind == nAll {
		for i, v := range n.vars {
			if k >= len(names) || names[k] != v {
				want := "no more quantified variables"
				if k < len(names) {
					want = fmt.Sprintf("%q", names[k])
				}
				return n.varPos[i].errorf("quantified variable %q out of order: the variable list expects %s", v, want)
			}
			k++
		}
		n = n.args[0]
	}
	if k != len(names) {
		return n.pos.errorf("variables %v are listed as bound but not quantified", names[k:])
	}
	var qf func(n *node) error
	qf = func(n *node) error {
		if n.kind == nEx || n.kind == nAll {
			return n.pos.errorf("QEPCAD B input must be prenex: quantifier inside the matrix")
		}
		for _, a := range n.args {
			if err := qf(a); err != nil {
				return err
			}
		}
		return nil
	}
	return qf(n)
}

// WriteQEPCAD writes f as a QEPCAD B input with the given description line,
// followed by the command "finish". The formula must be prenex (a quantifier
// prefix over distinct variables that do not occur free, then a
// quantifier-free matrix); rank atoms are expanded to minors and every atom's
// polynomial is scaled to integer coefficients. The variable list is the free
// variables in ring order followed by the bound ones in prefix order.
func WriteQEPCAD(w io.Writer, description string, f *Formula) error {
	s, err := QEPCADString(description, f)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, s)
	return err
}

// QEPCADString is WriteQEPCAD to a string.
func QEPCADString(description string, f *Formula) (string, error) {
	free := f.FreeVars()
	var prefix strings.Builder
	var bound []int
	used := map[int]bool{}
	for _, v := range free {
		used[v] = true
	}
	m := f
	for m.op == OpEx || m.op == OpAll {
		q := "E"
		if m.op == OpAll {
			q = "A"
		}
		for _, v := range m.vars {
			if used[v] {
				return "", fmt.Errorf("%w: QEPCAD B output needs distinct bound variables that do not occur free (%s)", ErrNotSupported, m.ring.VarNames()[v])
			}
			used[v] = true
			bound = append(bound, v)
			fmt.Fprintf(&prefix, "(%s %s)", q, m.ring.VarNames()[v])
		}
		m = m.args[0]
	}
	if !m.IsQuantifierFree() {
		return "", fmt.Errorf("%w: QEPCAD B output needs a prenex formula", ErrNotSupported)
	}
	m = m.ExpandRank()
	var names []string
	var b strings.Builder
	if f.ring != nil {
		for _, v := range append(free, bound...) {
			names = append(names, f.ring.VarNames()[v])
		}
	}
	desc := strings.ReplaceAll(description, "\n", " ")
	if !balancedBrackets(desc) {
		desc = strings.ReplaceAll(strings.ReplaceAll(desc, "[", "("), "]", ")")
	}
	fmt.Fprintf(&b, "[ %s ]\n(%s)\n%d\n%s[ ", desc, strings.Join(names, ","), len(free), prefix.String())
	writeQEPCADMatrix(&b, m)
	b.WriteString(" ].\nfinish\n")
	return b.String(), nil
}

func writeQEPCADMatrix(b *strings.Builder, f *Formula) {
	sub := func(g *Formula) {
		if g.op == OpAtom || g.op == OpTrue || g.op == OpFalse {
			writeQEPCADMatrix(b, g)
			return
		}
		b.WriteString("[ ")
		writeQEPCADMatrix(b, g)
		b.WriteString(" ]")
	}
	switch f.op {
	case OpTrue:
		b.WriteString("TRUE")
	case OpFalse:
		b.WriteString("FALSE")
	case OpAtom:
		b.WriteString(qepcadPoly(primitive(f.p)))
		b.WriteString(" " + f.rel.String() + " 0")
	case OpNot:
		b.WriteString("~")
		b.WriteString("[ ")
		writeQEPCADMatrix(b, f.args[0])
		b.WriteString(" ]")
	case OpAnd, OpOr, OpImplies, OpIff:
		op := map[Op]string{OpAnd: " /\\ ", OpOr: " \\/ ", OpImplies: " ==> ", OpIff: " <==> "}[f.op]
		for i, a := range f.args {
			if i > 0 {
				b.WriteString(op)
			}
			sub(a)
		}
	}
}

// qepcadPoly prints an integer-coefficient polynomial in QEPCAD B's syntax
// (juxtaposition for products: "3 x^2 y - 1").
func qepcadPoly(p *poly.Poly) string {
	if p.IsZero() {
		return "0"
	}
	names := p.Ring().VarNames()
	var b strings.Builder
	for i, t := range p.Terms() {
		c := new(big.Rat).Set(t.Coef)
		if c.Sign() < 0 {
			if i == 0 {
				b.WriteString("-")
			} else {
				b.WriteString(" - ")
			}
			c.Neg(c)
		} else if i > 0 {
			b.WriteString(" + ")
		}
		var parts []string
		isOne := c.Cmp(big.NewRat(1, 1)) == 0
		for v, e := range t.Mon {
			switch {
			case e == 1:
				parts = append(parts, names[v])
			case e > 1:
				parts = append(parts, names[v]+"^"+strconv.FormatUint(uint64(e), 10))
			}
		}
		if !isOne || len(parts) == 0 {
			parts = append([]string{c.RatString()}, parts...)
		}
		b.WriteString(strings.Join(parts, " "))
	}
	return b.String()
}

func balancedBrackets(s string) bool {
	d := 0
	for _, r := range s {
		switch r {
		case '[':
			d++
		case ']':
			d--
			if d < 0 {
				return false
			}
		}
	}
	return d == 0
}
