package kernel

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// unitKind classifies a top-level piece of a cell.
type unitKind int

const (
	unitDecl   unitKind = iota // func, method, type, var, const declarations
	unitImport                 // one import declaration
	unitStmts                  // a run of statements
)

// unit is a top-level piece of a cell evaluated by one interpreter call.
// yaegi cannot mix declarations and statements in one source string, so a
// cell "import; func; stmt; stmt; func; expr" becomes five units.
type unit struct {
	kind       unitKind
	src        string // source text
	line       int    // 1-based line of src's first byte in the cell
	col        int    // 1-based column of src's first byte
	start, end int    // byte range within an enclosing unit (stmtParts only)
}

// item is one top-level declaration or statement found by the scanner.
type item struct {
	start, end int // byte offsets
	kind       unitKind
}

// SyntaxError is a cell that does not scan.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d:%d: %s", e.Line, e.Col, e.Msg) }

// splitCell cuts Go source into top-level items with go/scanner (brackets
// are balanced; a semicolon, explicit or automatic, at depth 0 ends an item)
// and groups consecutive statements and consecutive non-import declarations
// into units. It does not parse: parse errors are left to the interpreter,
// which reports them with positions. Only an unterminated literal or an
// unbalanced bracket is reported here.
func splitCell(src string) ([]unit, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var serr *SyntaxError
	var s scanner.Scanner
	s.Init(file, []byte(src), func(pos token.Position, msg string) {
		if serr == nil {
			serr = &SyntaxError{pos.Line, pos.Column, msg}
		}
	}, 0)
	var items []item
	var cur []stok
	depth := 0
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		switch t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			if depth < 0 {
				p := fset.Position(pos)
				return nil, &SyntaxError{p.Line, p.Column, "unbalanced " + t.String()}
			}
		}
		if t == token.SEMICOLON && depth == 0 {
			end := file.Offset(pos)
			if lit == ";" {
				end++
			}
			if len(cur) > 0 {
				items = append(items, item{start: file.Offset(cur[0].pos), end: end, kind: classifyToks(cur)})
				cur = cur[:0]
			}
			continue
		}
		if t == token.COMMENT {
			continue
		}
		cur = append(cur, stok{pos, t, lit})
	}
	if serr != nil {
		return nil, serr
	}
	if len(cur) > 0 {
		items = append(items, item{start: file.Offset(cur[0].pos), end: len(src), kind: classifyToks(cur)})
	}
	// Group.
	var units []unit
	for i := 0; i < len(items); {
		j := i + 1
		if items[i].kind != unitImport {
			for j < len(items) && items[j].kind == items[i].kind {
				j++
			}
		}
		start, end := items[i].start, items[j-1].end
		p := fset.Position(file.Pos(start))
		units = append(units, unit{kind: items[i].kind, src: src[start:end], line: p.Line, col: p.Column})
		i = j
	}
	return units, nil
}

// stok is one scanned token.
type stok struct {
	pos token.Pos
	tok token.Token
	lit string
}

// classifyToks tells a declaration from a statement by its first tokens.
func classifyToks(ts []stok) unitKind {
	if len(ts) == 0 {
		return unitStmts
	}
	switch ts[0].tok {
	case token.IMPORT:
		return unitImport
	case token.TYPE, token.VAR, token.CONST:
		return unitDecl
	case token.FUNC:
		if len(ts) < 2 {
			return unitStmts
		}
		if ts[1].tok == token.IDENT {
			return unitDecl // func Name(
		}
		if ts[1].tok != token.LPAREN {
			return unitStmts
		}
		// "func (recv T) Name(" is a method; "func(...) ..." is a literal.
		depth := 0
		for k := 1; k < len(ts); k++ {
			switch ts[k].tok {
			case token.LPAREN:
				depth++
			case token.RPAREN:
				depth--
				if depth == 0 {
					if k+2 < len(ts) && ts[k+1].tok == token.IDENT && (ts[k+2].tok == token.LPAREN || ts[k+2].tok == token.LBRACK) {
						return unitDecl
					}
					return unitStmts
				}
			}
		}
	}
	return unitStmts
}

// lastExpr reports whether the statement run src ends in an expression
// statement and returns the byte range [start, end) of that expression
// (without a trailing comment) and the parsed expression.
func lastExpr(src string) (start, end int, e ast.Expr, ok bool) {
	const prefix = "package p\nfunc _() {\n"
	f, err := parser.ParseFile(token.NewFileSet(), "", prefix+src+"\n}", 0)
	if err != nil {
		return 0, 0, nil, false
	}
	fd, _ := f.Decls[0].(*ast.FuncDecl)
	if fd == nil || fd.Body == nil || len(fd.Body.List) == 0 {
		return 0, 0, nil, false
	}
	es, isExpr := fd.Body.List[len(fd.Body.List)-1].(*ast.ExprStmt)
	if !isExpr {
		return 0, 0, nil, false
	}
	start, end = int(es.Pos())-1-len(prefix), int(es.End())-1-len(prefix)
	if start < 0 || end > len(src) || start > end {
		return 0, 0, nil, false
	}
	return start, end, es.X, true
}

// quietCall reports whether e is a call whose value is not worth showing:
// printing functions and the kernel's own display helpers.
func quietCall(e ast.Expr) bool {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch f := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		switch f.Name {
		case "print", "println", "panic", "display", "newDisplay", "updateDisplay", "clearOutput", "close", "delete", "copy", "clear":
			return true
		}
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok {
			switch x.Name {
			case "fmt":
				return strings.HasPrefix(f.Sel.Name, "Print") || strings.HasPrefix(f.Sel.Name, "Fprint")
			case "log":
				return true
			}
		}
		switch f.Sel.Name {
		case "Update", "Write", "WriteString":
			return true
		}
	}
	return false
}

// declaredNames returns the names a unit declares at top level, with the
// source of their declaration (for completion and inspection).
func declaredNames(u unit) map[string]string {
	out := map[string]string{}
	switch u.kind {
	case unitDecl:
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+u.src, 0)
		if err != nil {
			return out
		}
		for _, d := range f.Decls {
			text := declText(u.src, d, len("package p\n"))
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = text
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						out[sp.Name.Name] = text
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							out[n.Name] = text
						}
					}
				}
			}
		}
	case unitStmts:
		body := "package p\nfunc _() {\n" + u.src + "\n}"
		f, err := parser.ParseFile(token.NewFileSet(), "", body, 0)
		if err != nil {
			return out
		}
		fd := f.Decls[0].(*ast.FuncDecl)
		for _, st := range fd.Body.List {
			if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				text := declText(u.src, as, len("package p\nfunc _() {\n"))
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						out[id.Name] = text
					}
				}
			}
		}
	}
	return out
}

// declText returns the source of node n given the length of the prefix that
// was added before src for parsing.
func declText(src string, n ast.Node, prefix int) string {
	s, e := int(n.Pos())-1-prefix, int(n.End())-1-prefix
	if s < 0 || e > len(src) || s > e {
		return ""
	}
	return src[s:e]
}

// signatureOf shortens a function declaration to its signature; other
// declarations are returned unchanged.
func signatureOf(decl string) string {
	if i := strings.Index(decl, "{"); i >= 0 && strings.HasPrefix(decl, "func") {
		return strings.TrimSpace(decl[:i])
	}
	return decl
}

// parseFile parses a Go file from source text.
func parseFile(src string) (*ast.File, error) {
	return parser.ParseFile(token.NewFileSet(), "", src, 0)
}

// topLevelDefer reports the cell position of the first defer statement at
// the top level of a statements unit.
func topLevelDefer(u unit) (line, col int, ok bool) {
	if !strings.Contains(u.src, "defer") {
		return 0, 0, false
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\nfunc _() {\n"+u.src+"\n}", 0)
	if err != nil {
		return 0, 0, false
	}
	for _, st := range f.Decls[0].(*ast.FuncDecl).Body.List {
		if d, isDefer := st.(*ast.DeferStmt); isDefer {
			p := fset.Position(d.Pos())
			l := u.line + p.Line - 3
			c := p.Column
			if p.Line == 3 {
				c += u.col - 1
			}
			return l, c, true
		}
	}
	return 0, 0, false
}

// stmtPart is a piece of a statements unit; wrap marks statements that run
// inside a function literal (see runStmts).
type stmtPart struct {
	unit
	wrap bool
}

// stmtParts cuts a statements unit into maximal runs of top-level short
// variable declarations (x := …, kept at top level) and of other statements
// (wrapped). If the unit does not parse it is returned whole, unwrapped,
// so that the interpreter reports the error.
func stmtParts(u unit) []stmtPart {
	const prefix = "package p\nfunc _() {\n"
	f, err := parser.ParseFile(token.NewFileSet(), "", prefix+u.src+"\n}", 0)
	if err != nil {
		return []stmtPart{{unit: u}}
	}
	var parts []stmtPart
	for _, st := range f.Decls[0].(*ast.FuncDecl).Body.List {
		if _, empty := st.(*ast.EmptyStmt); empty {
			continue
		}
		as, isAssign := st.(*ast.AssignStmt)
		wrap := !(isAssign && as.Tok == token.DEFINE)
		start, end := int(st.Pos())-1-len(prefix), int(st.End())-1-len(prefix)
		if start < 0 || end > len(u.src) || start > end {
			return []stmtPart{{unit: u}}
		}
		if n := len(parts); n > 0 && parts[n-1].wrap == wrap {
			parts[n-1].end = end
			continue
		}
		parts = append(parts, stmtPart{unit: unit{kind: unitStmts, start: start, end: end}, wrap: wrap})
	}
	for i := range parts {
		p := &parts[i]
		p.src = u.src[p.start:p.end]
		p.line, p.col = posAfter(u, p.start)
	}
	return parts
}
