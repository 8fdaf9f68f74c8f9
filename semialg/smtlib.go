package semialg

import (
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/relucad/relucad/poly"
)

// SMT-LIB2 reader and writer for nonlinear real arithmetic (logics NRA and
// QF_NRA). Supported: declare-const and 0-ary declare-fun of sort Real,
// define-fun macros (Real or Bool result, Real parameters; expanded at use),
// assert, let, exists/forall over Real, true/false, not/and/or/=>/xor-free
// Boolean structure, = (on Reals: chained equalities; on Bools: ⇔),
// distinct, chained < <= >= >, ite on Bools, + - * and (/ p c) with c a
// non-zero constant, integer and decimal numerals, and (! t :named n)
// annotations. Other commands (set-logic, set-info, set-option, check-sat,
// get-model, apply, exit, ...) are kept as text in Problem.Commands.
//
// Quantified variables that would clash with a declared constant or with an
// enclosing binder of the same name (which happens when a macro is expanded
// inside a quantifier) are renamed name_1, name_2, ...

type sexp struct {
	atom   string // "" for a list
	list   []*sexp
	pos    pos
	num    *big.Rat // numerals and decimals
	isList bool
}

func (s *sexp) String() string {
	if !s.isList {
		return s.atom
	}
	parts := make([]string, len(s.list))
	for i, c := range s.list {
		parts[i] = c.String()
	}
	return "(" + strings.Join(parts, " ") + ")"
}

// readSexps parses a whole SMT-LIB2 script into s-expressions.
func readSexps(text string) ([]*sexp, error) {
	src := []rune(text)
	lx := newLexer(src, 0, pos{1, 1}, ";")
	var stack []*sexp
	var top []*sexp
	push := func(s *sexp) {
		if len(stack) == 0 {
			top = append(top, s)
		} else {
			p := stack[len(stack)-1]
			p.list = append(p.list, s)
		}
	}
	for {
		lx.skipSpace()
		at := pos{lx.line, lx.col}
		if lx.i >= len(src) {
			break
		}
		r := src[lx.i]
		switch {
		case r == '(':
			if len(stack) > maxParseDepth {
				return nil, at.errorf("s-expression nested deeper than %d", maxParseDepth)
			}
			s := &sexp{isList: true, pos: at}
			push(s)
			stack = append(stack, s)
			lx.advance(1)
		case r == ')':
			if len(stack) == 0 {
				return nil, at.errorf("unbalanced \")\"")
			}
			stack = stack[:len(stack)-1]
			lx.advance(1)
		case r == '|':
			j := lx.i + 1
			for j < len(src) && src[j] != '|' {
				j++
			}
			if j >= len(src) {
				return nil, at.errorf("unterminated quoted symbol")
			}
			push(&sexp{atom: string(src[lx.i+1 : j]), pos: at})
			lx.advance(j + 1 - lx.i)
		case r == '"':
			j := lx.i + 1
			for j < len(src) && !(src[j] == '"' && (j+1 >= len(src) || src[j+1] != '"')) {
				if src[j] == '"' {
					j++
				}
				j++
			}
			if j >= len(src) {
				return nil, at.errorf("unterminated string literal")
			}
			push(&sexp{atom: string(src[lx.i : j+1]), pos: at})
			lx.advance(j + 1 - lx.i)
		default:
			j := lx.i
			for j < len(src) && !isSpaceRune(src[j]) && src[j] != '(' && src[j] != ')' && src[j] != ';' && src[j] != '|' && src[j] != '"' {
				j++
			}
			a := string(src[lx.i:j])
			s := &sexp{atom: a, pos: at}
			if isDigit(rune(a[0])) {
				v, ok := new(big.Rat).SetString(a)
				if !ok || strings.ContainsAny(a, "/eE") || len(a) > maxNumeralDigits {
					return nil, at.errorf("bad numeral %q", a)
				}
				s.num = v
			}
			push(s)
			lx.advance(j - lx.i)
		}
	}
	if len(stack) > 0 {
		return nil, stack[len(stack)-1].pos.errorf("unbalanced \"(\": not closed before the end of input")
	}
	return top, nil
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
}

type smtMacro struct {
	params []string
	sort   string
	body   *sexp
}

// smtVal is a translated term: a Real expression or a Bool formula.
type smtVal struct {
	e *expr
	n *node
}

type smtReader struct {
	declared map[string]bool
	decls    []string
	macros   map[string]*smtMacro
	inScope  map[string]int // output names of enclosing binders
	used     map[string]bool
	depth    int
}

// ReadSMTLIB reads an SMT-LIB2 script in (QF_)NRA (see the file comment of
// smtlib.go for the supported subset). The problem's formula is the
// conjunction of the assertions; its free variables are the declared
// constants.
func ReadSMTLIB(r io.Reader) (*Problem, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return ParseSMTLIB(string(data))
}

// ParseSMTLIB is ReadSMTLIB on a string.
func ParseSMTLIB(text string) (*Problem, error) {
	cmds, err := readSexps(text)
	if err != nil {
		return nil, err
	}
	rd := &smtReader{declared: map[string]bool{}, macros: map[string]*smtMacro{}, inScope: map[string]int{}, used: map[string]bool{}}
	var asserts []*node
	prob := &Problem{}
	for _, c := range cmds {
		if !c.isList || len(c.list) == 0 || c.list[0].isList {
			return nil, c.pos.errorf("expected a command (a list starting with a command name), found %v", c)
		}
		switch name := c.list[0].atom; name {
		case "declare-const", "declare-fun":
			var sym, sort *sexp
			if name == "declare-const" && len(c.list) == 3 {
				sym, sort = c.list[1], c.list[2]
			} else if name == "declare-fun" && len(c.list) == 4 {
				if !c.list[2].isList || len(c.list[2].list) != 0 {
					return nil, c.list[2].pos.errorf("%w: functions with arguments (only constants of sort Real)", ErrNotSupported)
				}
				sym, sort = c.list[1], c.list[3]
			} else {
				return nil, c.pos.errorf("malformed %s", name)
			}
			if sym.isList || sort.isList || sort.atom != "Real" {
				return nil, sort.pos.errorf("%w: only constants of sort Real can be declared", ErrNotSupported)
			}
			if err := rd.checkName(sym); err != nil {
				return nil, err
			}
			if rd.declared[sym.atom] || rd.macros[sym.atom] != nil {
				return nil, sym.pos.errorf("%q declared twice", sym.atom)
			}
			rd.declared[sym.atom] = true
			rd.used[sym.atom] = true
			rd.decls = append(rd.decls, sym.atom)
		case "define-fun":
			if len(c.list) != 5 || c.list[1].isList || !c.list[2].isList || c.list[3].isList {
				return nil, c.pos.errorf("malformed define-fun")
			}
			m := &smtMacro{sort: c.list[3].atom, body: c.list[4]}
			if m.sort != "Real" && m.sort != "Bool" {
				return nil, c.list[3].pos.errorf("%w: define-fun of sort %s", ErrNotSupported, m.sort)
			}
			for _, pr := range c.list[2].list {
				if !pr.isList || len(pr.list) != 2 || pr.list[0].isList || pr.list[1].atom != "Real" {
					return nil, pr.pos.errorf("%w: define-fun parameters must be (name Real)", ErrNotSupported)
				}
				m.params = append(m.params, pr.list[0].atom)
			}
			if rd.declared[c.list[1].atom] || rd.macros[c.list[1].atom] != nil {
				return nil, c.list[1].pos.errorf("%q defined twice", c.list[1].atom)
			}
			rd.macros[c.list[1].atom] = m
		case "assert":
			if len(c.list) != 2 {
				return nil, c.pos.errorf("assert takes one term")
			}
			v, err := rd.term(c.list[1], nil)
			if err != nil {
				return nil, err
			}
			if v.n == nil {
				return nil, c.list[1].pos.errorf("assert needs a Bool term, found a Real term")
			}
			asserts = append(asserts, v.n)
		case "push", "pop", "reset", "reset-assertions", "declare-sort", "define-sort", "define-fun-rec", "declare-datatypes":
			return nil, c.pos.errorf("%w: command %s", ErrNotSupported, name)
		default:
			prob.Commands = append(prob.Commands, c.String())
		}
	}
	var all *node
	switch len(asserts) {
	case 0:
		all = &node{kind: nTrue, pos: pos{1, 1}}
	case 1:
		all = asserts[0]
	default:
		all = &node{kind: nAnd, args: asserts, pos: asserts[0].pos}
	}
	R, err := ringFromNodes(rd.decls, all)
	if err != nil {
		return nil, err
	}
	f, err := buildFormula(R, all)
	if err != nil {
		return nil, err
	}
	prob.Ring, prob.Formula, prob.NumFree = R, f, len(rd.decls)
	return prob, nil
}

func (rd *smtReader) checkName(s *sexp) error {
	if s.isList || !validName(s.atom) {
		return s.pos.errorf("%w: symbol %v is not usable as a variable name (letters, digits, _; not a reserved word)", ErrNotSupported, s)
	}
	return nil
}

func validName(n string) bool {
	if n == "" || keywords[n] || !isIdentStart(rune(n[0])) {
		return false
	}
	for _, r := range n {
		if !isIdentRune(r) {
			return false
		}
	}
	return true
}

// fresh returns an output name for a binder of name v.
func (rd *smtReader) fresh(v string) string {
	if !rd.used[v] {
		rd.used[v] = true
		return v
	}
	if rd.inScope[v] == 0 && !rd.declared[v] {
		return v // reuse of a name in a disjoint scope is harmless
	}
	for k := 1; ; k++ {
		n := v + "_" + strconv.Itoa(k)
		if !rd.used[n] {
			rd.used[n] = true
			return n
		}
	}
}

// term translates an SMT-LIB term under env (macro parameters and let
// bindings, innermost last).
func (rd *smtReader) term(s *sexp, env map[string]smtVal) (smtVal, error) {
	rd.depth++
	defer func() { rd.depth-- }()
	if rd.depth > 4*maxParseDepth {
		return smtVal{}, s.pos.errorf("term nested too deeply (macro recursion?)")
	}
	if !s.isList {
		if s.num != nil {
			return smtVal{e: &expr{kind: eNum, num: s.num, pos: s.pos}}, nil
		}
		switch s.atom {
		case "true":
			return smtVal{n: &node{kind: nTrue, pos: s.pos}}, nil
		case "false":
			return smtVal{n: &node{kind: nFalse, pos: s.pos}}, nil
		}
		if v, ok := env[s.atom]; ok {
			return v, nil
		}
		if rd.declared[s.atom] {
			return smtVal{e: &expr{kind: eVar, name: s.atom, pos: s.pos}}, nil
		}
		if m := rd.macros[s.atom]; m != nil && len(m.params) == 0 {
			return rd.term(m.body, nil)
		}
		return smtVal{}, s.pos.errorf("unknown symbol %q (not declared)", s.atom)
	}
	if len(s.list) == 0 {
		return smtVal{}, s.pos.errorf("empty application ()")
	}
	head := s.list[0]
	args := s.list[1:]
	if head.isList {
		return smtVal{}, head.pos.errorf("%w: application of a compound term", ErrNotSupported)
	}
	op := head.atom
	switch op {
	case "exists", "forall":
		return rd.quantifier(s, env)
	case "let":
		if len(args) != 2 || !args[0].isList {
			return smtVal{}, s.pos.errorf("malformed let")
		}
		inner := copyEnv(env)
		for _, b := range args[0].list {
			if !b.isList || len(b.list) != 2 || b.list[0].isList {
				return smtVal{}, b.pos.errorf("malformed let binding")
			}
			v, err := rd.term(b.list[1], env)
			if err != nil {
				return smtVal{}, err
			}
			inner[b.list[0].atom] = v
		}
		return rd.term(args[1], inner)
	case "!":
		if len(args) < 1 {
			return smtVal{}, s.pos.errorf("malformed annotation")
		}
		return rd.term(args[0], env)
	}
	vals := make([]smtVal, len(args))
	for i, a := range args {
		v, err := rd.term(a, env)
		if err != nil {
			return smtVal{}, err
		}
		vals[i] = v
	}
	needBool := func() ([]*node, error) {
		ns := make([]*node, len(vals))
		for i, v := range vals {
			if v.n == nil {
				return nil, args[i].pos.errorf("%s needs Bool arguments, found a Real term", op)
			}
			ns[i] = v.n
		}
		return ns, nil
	}
	needReal := func() ([]*expr, error) {
		es := make([]*expr, len(vals))
		for i, v := range vals {
			if v.e == nil {
				return nil, args[i].pos.errorf("%s needs Real arguments, found a Bool term", op)
			}
			es[i] = v.e
		}
		return es, nil
	}
	arity := func(lo int) error {
		if len(vals) < lo {
			return s.pos.errorf("%s needs at least %d arguments", op, lo)
		}
		return nil
	}
	switch op {
	case "not", "and", "or", "=>", "xor":
		ns, err := needBool()
		if err != nil {
			return smtVal{}, err
		}
		switch op {
		case "not":
			if len(ns) != 1 {
				return smtVal{}, s.pos.errorf("not takes one argument")
			}
			return smtVal{n: &node{kind: nNot, args: ns, pos: s.pos}}, nil
		case "and", "or":
			switch len(ns) {
			case 0:
				return smtVal{n: &node{kind: map[string]nodeKind{"and": nTrue, "or": nFalse}[op], pos: s.pos}}, nil
			case 1:
				return smtVal{n: ns[0]}, nil
			}
			return smtVal{n: &node{kind: map[string]nodeKind{"and": nAnd, "or": nOr}[op], args: ns, pos: s.pos}}, nil
		case "=>":
			if err := arity(2); err != nil {
				return smtVal{}, err
			}
			r := ns[len(ns)-1]
			for i := len(ns) - 2; i >= 0; i-- {
				r = &node{kind: nImplies, args: []*node{ns[i], r}, pos: s.pos}
			}
			return smtVal{n: r}, nil
		default: // xor: a xor b = not (a iff b)
			if err := arity(2); err != nil {
				return smtVal{}, err
			}
			r := ns[0]
			for _, b := range ns[1:] {
				r = &node{kind: nNot, args: []*node{{kind: nIff, args: []*node{r, b}, pos: s.pos}}, pos: s.pos}
			}
			return smtVal{n: r}, nil
		}
	case "ite":
		if len(vals) != 3 {
			return smtVal{}, s.pos.errorf("ite takes three arguments")
		}
		ns, err := needBool()
		if err != nil {
			return smtVal{}, fmt.Errorf("%w (ite on Real terms is not supported)", err)
		}
		return smtVal{n: &node{kind: nOr, pos: s.pos, args: []*node{
			{kind: nAnd, args: []*node{ns[0], ns[1]}, pos: s.pos},
			{kind: nAnd, args: []*node{{kind: nNot, args: []*node{ns[0]}, pos: s.pos}, ns[2]}, pos: s.pos},
		}}}, nil
	case "=", "distinct", "<", "<=", ">", ">=":
		if err := arity(2); err != nil {
			return smtVal{}, err
		}
		if vals[0].n != nil {
			ns, err := needBool()
			if err != nil {
				return smtVal{}, err
			}
			if op != "=" && op != "distinct" {
				return smtVal{}, s.pos.errorf("%s needs Real arguments", op)
			}
			var parts []*node
			for i := 0; i+1 < len(ns); i++ {
				parts = append(parts, &node{kind: nIff, args: []*node{ns[i], ns[i+1]}, pos: s.pos})
			}
			if op == "distinct" {
				if len(ns) != 2 {
					return smtVal{}, s.pos.errorf("%w: distinct on more than two Bool terms", ErrNotSupported)
				}
				return smtVal{n: &node{kind: nNot, args: parts, pos: s.pos}}, nil
			}
			return smtVal{n: conj(parts, s.pos)}, nil
		}
		es, err := needReal()
		if err != nil {
			return smtVal{}, err
		}
		rel := map[string]Rel{"=": EQ, "distinct": NE, "<": LT, "<=": LE, ">": GT, ">=": GE}[op]
		var parts []*node
		if op == "distinct" {
			for i := range es {
				for j := i + 1; j < len(es); j++ {
					parts = append(parts, &node{kind: nAtom, rel: NE, lhs: es[i], rhs: es[j], pos: s.pos})
				}
			}
		} else {
			for i := 0; i+1 < len(es); i++ {
				parts = append(parts, &node{kind: nAtom, rel: rel, lhs: es[i], rhs: es[i+1], pos: s.pos})
			}
		}
		return smtVal{n: conj(parts, s.pos)}, nil
	case "+", "-", "*", "/":
		es, err := needReal()
		if err != nil {
			return smtVal{}, err
		}
		if err := arity(1); err != nil {
			return smtVal{}, err
		}
		if len(es) == 1 {
			if op == "-" {
				return smtVal{e: &expr{kind: eNeg, args: es, pos: s.pos}}, nil
			}
			if op == "/" {
				return smtVal{}, s.pos.errorf("/ needs at least 2 arguments")
			}
			return smtVal{e: es[0]}, nil
		}
		k := map[string]exprKind{"+": eAdd, "-": eSub, "*": eMul, "/": eDiv}[op]
		r := es[0]
		for _, e := range es[1:] {
			r = &expr{kind: k, args: []*expr{r, e}, pos: s.pos}
		}
		return smtVal{e: r}, nil
	}
	if m := rd.macros[op]; m != nil {
		if len(m.params) != len(vals) {
			return smtVal{}, s.pos.errorf("%s takes %d arguments, found %d", op, len(m.params), len(vals))
		}
		menv := map[string]smtVal{}
		for i, p := range m.params {
			if vals[i].e == nil {
				return smtVal{}, args[i].pos.errorf("argument %d of %s must be a Real term", i+1, op)
			}
			menv[p] = vals[i]
		}
		v, err := rd.term(m.body, menv)
		if err != nil {
			return smtVal{}, err
		}
		if (m.sort == "Bool") != (v.n != nil) {
			return smtVal{}, m.body.pos.errorf("body of %s does not have sort %s", op, m.sort)
		}
		return v, nil
	}
	return smtVal{}, head.pos.errorf("%w: function %q", ErrNotSupported, op)
}

func conj(parts []*node, at pos) *node {
	if len(parts) == 1 {
		return parts[0]
	}
	return &node{kind: nAnd, args: parts, pos: at}
}

func copyEnv(env map[string]smtVal) map[string]smtVal {
	m := make(map[string]smtVal, len(env)+1)
	for k, v := range env {
		m[k] = v
	}
	return m
}

func (rd *smtReader) quantifier(s *sexp, env map[string]smtVal) (smtVal, error) {
	args := s.list[1:]
	if len(args) != 2 || !args[0].isList || len(args[0].list) == 0 {
		return smtVal{}, s.pos.errorf("malformed %s", s.list[0].atom)
	}
	inner := copyEnv(env)
	n := &node{kind: nEx, pos: s.pos}
	if s.list[0].atom == "forall" {
		n.kind = nAll
	}
	for _, b := range args[0].list {
		if !b.isList || len(b.list) != 2 || b.list[0].isList || b.list[1].atom != "Real" {
			return smtVal{}, b.pos.errorf("%w: quantified variables must be (name Real)", ErrNotSupported)
		}
		if err := rd.checkName(b.list[0]); err != nil {
			return smtVal{}, err
		}
		out := rd.fresh(b.list[0].atom)
		n.vars = append(n.vars, out)
		n.varPos = append(n.varPos, b.list[0].pos)
		inner[b.list[0].atom] = smtVal{e: &expr{kind: eVar, name: out, pos: b.list[0].pos}}
	}
	for _, v := range n.vars {
		rd.inScope[v]++
	}
	body, err := rd.term(args[1], inner)
	for _, v := range n.vars {
		rd.inScope[v]--
	}
	if err != nil {
		return smtVal{}, err
	}
	if body.n == nil {
		return smtVal{}, args[1].pos.errorf("quantifier body must be a Bool term")
	}
	n.args = []*node{body.n}
	return smtVal{n: n}, nil
}

// WriteSMTLIB writes f as an SMT-LIB2 script: (set-logic NRA) or
// (set-logic QF_NRA), a declare-const for each free variable, (assert f) and
// (check-sat). Asserting f asks whether its existential closure is true.
// Rank atoms are expanded to minors.
func WriteSMTLIB(w io.Writer, f *Formula) error {
	_, err := io.WriteString(w, SMTLIBString(f))
	return err
}

// SMTLIBString is WriteSMTLIB to a string.
func SMTLIBString(f *Formula) string {
	f = f.ExpandRank()
	var b strings.Builder
	if f.IsQuantifierFree() {
		b.WriteString("(set-logic QF_NRA)\n")
	} else {
		b.WriteString("(set-logic NRA)\n")
	}
	for _, v := range f.FreeVars() {
		fmt.Fprintf(&b, "(declare-const %s Real)\n", f.ring.VarNames()[v])
	}
	b.WriteString("(assert ")
	writeSMT(&b, f)
	b.WriteString(")\n(check-sat)\n")
	return b.String()
}

// SMTLIBTerm returns f as one SMT-LIB2 term.
func SMTLIBTerm(f *Formula) string {
	var b strings.Builder
	writeSMT(&b, f.ExpandRank())
	return b.String()
}

func writeSMT(b *strings.Builder, f *Formula) {
	switch f.op {
	case OpTrue:
		b.WriteString("true")
	case OpFalse:
		b.WriteString("false")
	case OpAtom:
		op := map[Rel]string{LT: "<", LE: "<=", EQ: "=", NE: "distinct", GE: ">=", GT: ">"}[f.rel]
		fmt.Fprintf(b, "(%s %s 0)", op, smtPoly(f.p))
	case OpNot, OpAnd, OpOr, OpImplies, OpIff:
		op := map[Op]string{OpNot: "not", OpAnd: "and", OpOr: "or", OpImplies: "=>", OpIff: "="}[f.op]
		b.WriteString("(" + op)
		for _, a := range f.args {
			b.WriteByte(' ')
			writeSMT(b, a)
		}
		b.WriteByte(')')
	case OpEx, OpAll:
		q := "exists"
		if f.op == OpAll {
			q = "forall"
		}
		b.WriteString("(" + q + " (")
		for i, v := range f.vars {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(b, "(%s Real)", f.ring.VarNames()[v])
		}
		b.WriteString(") ")
		writeSMT(b, f.args[0])
		b.WriteByte(')')
	}
}

func smtRat(c *big.Rat) string {
	a := new(big.Rat).Abs(c)
	s := a.Num().String()
	if !a.IsInt() {
		s = "(/ " + s + " " + a.Denom().String() + ")"
	}
	if c.Sign() < 0 {
		s = "(- " + s + ")"
	}
	return s
}

// smtPoly prints p as an SMT-LIB2 term: a sum of products with powers
// written out as repeated factors.
func smtPoly(p *poly.Poly) string {
	if p.IsZero() {
		return "0"
	}
	names := p.Ring().VarNames()
	var terms []string
	for _, t := range p.Terms() {
		var fs []string
		if t.Coef.Cmp(big.NewRat(1, 1)) != 0 {
			fs = append(fs, smtRat(t.Coef))
		}
		for v, e := range t.Mon {
			for k := uint32(0); k < e; k++ {
				fs = append(fs, names[v])
			}
		}
		switch len(fs) {
		case 0:
			terms = append(terms, "1")
		case 1:
			terms = append(terms, fs[0])
		default:
			terms = append(terms, "(* "+strings.Join(fs, " ")+")")
		}
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return "(+ " + strings.Join(terms, " ") + ")"
}
