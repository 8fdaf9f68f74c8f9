package semialg

import (
	"math/big"
	"strconv"
	"strings"
)

// This file holds the syntax trees that the three readers (own syntax,
// QEPCAD B, SMT-LIB2) produce before any ring exists: variable names are
// still strings and polynomial expressions are unexpanded. [buildFormula]
// turns a tree into a [Formula] once the ring is known.

type exprKind uint8

const (
	eNum exprKind = iota
	eVar
	eAdd // args[0] + args[1] + ...
	eSub // args[0] - args[1]
	eNeg // -args[0]
	eMul // args[0] * args[1] * ...
	eDiv // args[0] / args[1], args[1] a non-zero constant
	ePow // args[0] ^ exp
)

// expr is an unexpanded polynomial expression.
type expr struct {
	kind exprKind
	name string   // eVar
	num  *big.Rat // eNum, non-negative in parsed text
	text string   // eNum: the numeral as written ("" when synthesized)
	args []*expr
	exp  int // ePow
	pos  pos
}

type nodeKind uint8

const (
	nTrue nodeKind = iota
	nFalse
	nAtom    // lhs rel rhs
	nRank    // rank(mat) rel bound
	nNot     // args[0]
	nAnd     // args...
	nOr      // args...
	nImplies // args[0] ==> args[1]
	nIff     // args[0] <==> args[1]
	nEx      // ex vars [args[0]]
	nAll     // all vars [args[0]]
)

// node is a formula syntax tree.
type node struct {
	kind     nodeKind
	rel      Rel
	lhs, rhs *expr
	mat      [][]*expr
	bound    int // rank bound
	args     []*node
	vars     []string
	varPos   []pos
	pos      pos
}

// exprString prints e in the own syntax, fully parenthesized where needed.
func exprString(e *expr) string {
	var b strings.Builder
	writeExpr(&b, e, 0)
	return b.String()
}

// precedence levels: 0 sum, 1 product, 2 unary minus, 3 power base.
func writeExpr(b *strings.Builder, e *expr, ctx int) {
	prec := 0
	switch e.kind {
	case eNum, eVar:
		prec = 4
	case eAdd, eSub:
		prec = 0
	case eMul, eDiv:
		prec = 1
	case eNeg:
		prec = 2
	case ePow:
		prec = 3
	}
	paren := prec < ctx
	if paren {
		b.WriteByte('(')
	}
	switch e.kind {
	case eNum:
		switch {
		case e.text != "":
			b.WriteString(e.text)
		case e.num.IsInt():
			b.WriteString(e.num.RatString())
		default:
			b.WriteString("(" + e.num.RatString() + ")")
		}
	case eVar:
		b.WriteString(e.name)
	case eAdd:
		for i, a := range e.args {
			c := 0
			if i > 0 {
				b.WriteString(" + ")
				c = 1 // sums associate to the left
			}
			writeExpr(b, a, c)
		}
	case eSub:
		writeExpr(b, e.args[0], 0)
		b.WriteString(" - ")
		writeExpr(b, e.args[1], 1)
	case eMul, eDiv:
		op := "*"
		if e.kind == eDiv {
			op = "/"
		}
		for i, a := range e.args {
			if i > 0 {
				b.WriteString(op)
			}
			c := 1
			if i > 0 {
				c = 2 // products associate to the left
			}
			writeExpr(b, a, c)
		}
	case eNeg:
		b.WriteByte('-')
		writeExpr(b, e.args[0], 3)
	case ePow:
		writeExpr(b, e.args[0], 4)
		b.WriteByte('^')
		b.WriteString(strconv.Itoa(e.exp))
	}
	if paren {
		b.WriteByte(')')
	}
}

// nodeString prints a syntax tree in the own syntax with explicit brackets
// around every compound subformula (used by the round-trip tests of the
// readers).
func nodeString(n *node) string {
	var b strings.Builder
	writeNode(&b, n)
	return b.String()
}

func writeNode(b *strings.Builder, n *node) {
	switch n.kind {
	case nTrue:
		b.WriteString("true")
	case nFalse:
		b.WriteString("false")
	case nAtom:
		writeExpr(b, n.lhs, 0)
		b.WriteString(" " + n.rel.String() + " ")
		writeExpr(b, n.rhs, 0)
	case nRank:
		b.WriteString("rank([")
		for i, row := range n.mat {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('[')
			for j, e := range row {
				if j > 0 {
					b.WriteString(", ")
				}
				writeExpr(b, e, 0)
			}
			b.WriteByte(']')
		}
		b.WriteString("]) " + n.rel.String() + " " + strconv.Itoa(n.bound))
	case nNot:
		b.WriteString("~[")
		writeNode(b, n.args[0])
		b.WriteByte(']')
	case nAnd, nOr, nImplies, nIff:
		op := map[nodeKind]string{nAnd: " /\\ ", nOr: " \\/ ", nImplies: " ==> ", nIff: " <==> "}[n.kind]
		for i, a := range n.args {
			if i > 0 {
				b.WriteString(op)
			}
			b.WriteByte('[')
			writeNode(b, a)
			b.WriteByte(']')
		}
	case nEx, nAll:
		if n.kind == nEx {
			b.WriteString("ex ")
		} else {
			b.WriteString("all ")
		}
		b.WriteString(strings.Join(n.vars, ", "))
		b.WriteString(" [")
		writeNode(b, n.args[0])
		b.WriteByte(']')
	}
}
