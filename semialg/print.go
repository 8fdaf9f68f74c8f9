package semialg

import (
	"strconv"
	"strings"

	"github.com/relucad/relucad/poly"
)

// Binding strength of the connectives when printing: a subformula is
// bracketed when it binds more weakly than its position requires.
const (
	levIff = iota
	levImplies
	levOr
	levAnd
	levUnary
)

func level(f *Formula) int {
	switch f.op {
	case OpIff:
		return levIff
	case OpImplies:
		return levImplies
	case OpOr:
		return levOr
	case OpAnd:
		return levAnd
	}
	return levUnary
}

// String prints f in the own syntax, which [Parse] reads back to an equal
// formula: atoms as "p rel 0", connectives /\ \/ ~ ==> <==>, quantifiers
// "ex x, y [...]" and "all x [...]", and [ ] brackets where precedence
// requires them.
func (f *Formula) String() string {
	var b strings.Builder
	f.write(&b, textStyle)
	return b.String()
}

// LaTeX prints f for LaTeX math mode.
func (f *Formula) LaTeX() string {
	var b strings.Builder
	f.write(&b, latexStyle)
	return b.String()
}

type printStyle struct {
	and, or, not, implies, iff string
	open, close                string
	ex, all                    func(names []string) string
	rel                        func(Rel) string
	poly                       func(*poly.Poly) string
	rank                       func(m [][]*poly.Poly, q int, style *printStyle) string
	tru, fals                  string
}

var textStyle = &printStyle{
	and: " /\\ ", or: " \\/ ", not: "~", implies: " ==> ", iff: " <==> ",
	open: "[", close: "]",
	ex:   func(n []string) string { return "ex " + strings.Join(n, ", ") + " " },
	all:  func(n []string) string { return "all " + strings.Join(n, ", ") + " " },
	rel:  Rel.String,
	poly: (*poly.Poly).String,
	rank: func(m [][]*poly.Poly, q int, _ *printStyle) string {
		var b strings.Builder
		b.WriteString("rank([")
		for i, r := range m {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('[')
			for j, e := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(e.String())
			}
			b.WriteByte(']')
		}
		b.WriteString("]) <= " + strconv.Itoa(q))
		return b.String()
	},
	tru: "true", fals: "false",
}

var latexRel = [...]string{"", "<", "=", "\\le", ">", "\\ne", "\\ge", ""}

var latexStyle = &printStyle{
	and: " \\land ", or: " \\lor ", not: "\\lnot ", implies: " \\Rightarrow ", iff: " \\Leftrightarrow ",
	open: "\\left[", close: "\\right]",
	ex:   func(n []string) string { return "\\exists " + strings.Join(n, ", ") + "\\, " },
	all:  func(n []string) string { return "\\forall " + strings.Join(n, ", ") + "\\, " },
	rel:  func(r Rel) string { return latexRel[r&7] },
	poly: (*poly.Poly).LaTeX,
	rank: func(m [][]*poly.Poly, q int, _ *printStyle) string {
		var b strings.Builder
		b.WriteString("\\operatorname{rank}\\begin{pmatrix}")
		for i, r := range m {
			if i > 0 {
				b.WriteString(" \\\\ ")
			}
			for j, e := range r {
				if j > 0 {
					b.WriteString(" & ")
				}
				b.WriteString(e.LaTeX())
			}
		}
		b.WriteString("\\end{pmatrix} \\le " + strconv.Itoa(q))
		return b.String()
	},
	tru: "\\mathrm{true}", fals: "\\mathrm{false}",
}

func (f *Formula) writeAt(b *strings.Builder, st *printStyle, min int) {
	if level(f) < min {
		b.WriteString(st.open)
		f.write(b, st)
		b.WriteString(st.close)
		return
	}
	f.write(b, st)
}

func (f *Formula) write(b *strings.Builder, st *printStyle) {
	switch f.op {
	case OpTrue:
		b.WriteString(st.tru)
	case OpFalse:
		b.WriteString(st.fals)
	case OpAtom:
		b.WriteString(st.poly(f.p))
		b.WriteString(" " + st.rel(f.rel) + " 0")
	case OpRank:
		b.WriteString(st.rank(f.mat, f.bound, st))
	case OpNot:
		b.WriteString(st.not)
		b.WriteString(st.open)
		f.args[0].write(b, st)
		b.WriteString(st.close)
	case OpAnd, OpOr:
		op := st.and
		if f.op == OpOr {
			op = st.or
		}
		for i, a := range f.args {
			if i > 0 {
				b.WriteString(op)
			}
			a.writeAt(b, st, level(f)+1)
		}
	case OpImplies:
		f.args[0].writeAt(b, st, levOr)
		b.WriteString(st.implies)
		f.args[1].writeAt(b, st, levImplies)
	case OpIff:
		f.args[0].writeAt(b, st, levIff)
		b.WriteString(st.iff)
		f.args[1].writeAt(b, st, levImplies)
	case OpEx, OpAll:
		names := make([]string, len(f.vars))
		for i, v := range f.vars {
			names[i] = f.ring.VarNames()[v]
		}
		if f.op == OpEx {
			b.WriteString(st.ex(names))
		} else {
			b.WriteString(st.all(names))
		}
		b.WriteString(st.open)
		f.args[0].write(b, st)
		b.WriteString(st.close)
	}
}
