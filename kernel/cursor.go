package kernel

import (
	"go/scanner"
	"go/token"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Cursor positions in complete/inspect requests count Unicode code points
// (protocol 5.2 and later); older frontends count UTF-16 code units. The
// kernel works on byte offsets internally.

// runeToByte converts a code-point offset into a byte offset in s, clamped
// to [0, len(s)].
func runeToByte(s string, pos int) int {
	if pos <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == pos {
			return i
		}
		n++
	}
	return len(s)
}

// byteToRune converts a byte offset into a code-point offset.
func byteToRune(s string, off int) int {
	if off > len(s) {
		off = len(s)
	}
	if off < 0 {
		off = 0
	}
	return utf8.RuneCountInString(s[:off])
}

// utf16ToByte converts a UTF-16 code-unit offset into a byte offset. An
// offset inside a surrogate pair is rounded down to the character start.
func utf16ToByte(s string, pos int) int {
	if pos <= 0 {
		return 0
	}
	n := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > pos {
			return i
		}
		n += w
	}
	return len(s)
}

// byteToUTF16 converts a byte offset into a UTF-16 code-unit offset.
func byteToUTF16(s string, off int) int {
	if off > len(s) {
		off = len(s)
	}
	if off < 0 {
		off = 0
	}
	return len(utf16.Encode([]rune(s[:off])))
}

// cursorUnits picks the unit of cursor positions from the request's header
// version: UTF-16 before 5.2, code points from 5.2 on.
type cursorUnits struct{ utf16 bool }

func unitsFor(version string) cursorUnits {
	return cursorUnits{utf16: versionLess(version, "5.2")}
}

func (u cursorUnits) toByte(s string, pos int) int {
	if u.utf16 {
		return utf16ToByte(s, pos)
	}
	return runeToByte(s, pos)
}

func (u cursorUnits) fromByte(s string, off int) int {
	if u.utf16 {
		return byteToUTF16(s, off)
	}
	return byteToRune(s, off)
}

// versionLess compares dotted numeric versions; an empty or malformed
// version counts as current (not less).
func versionLess(a, b string) bool {
	if a == "" {
		return false
	}
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		x, y := 0, 0
		if i < len(as) {
			for _, c := range as[i] {
				if c < '0' || c > '9' {
					return false
				}
				x = x*10 + int(c-'0')
			}
		}
		if i < len(bs) {
			for _, c := range bs[i] {
				y = y*10 + int(c-'0')
			}
		}
		if x != y {
			return x < y
		}
	}
	return false
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// identAt finds the identifier around byte offset off: it returns the
// qualifier before a dot (pkg in pkg.Name, "" if none), the identifier's
// prefix up to off, its byte start, and its byte end (the identifier may
// continue after the cursor).
func identAt(code string, off int) (qual, prefix string, start, end int) {
	if off > len(code) {
		off = len(code)
	}
	start = off
	for start > 0 {
		r, w := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) {
			break
		}
		start -= w
	}
	end = off
	for end < len(code) {
		r, w := utf8.DecodeRuneInString(code[end:])
		if !isIdentRune(r) {
			break
		}
		end += w
	}
	prefix = code[start:off]
	if start > 0 && code[start-1] == '.' {
		q := start - 1
		for q > 0 {
			r, w := utf8.DecodeLastRuneInString(code[:q])
			if !isIdentRune(r) {
				break
			}
			q -= w
		}
		qual = code[q : start-1]
	}
	return qual, prefix, start, end
}

var goKeywords = []string{"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var"}

var goBuiltins = []string{"any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex", "complex128", "complex64", "copy", "delete", "error", "false", "float32", "float64", "imag", "int", "int16", "int32", "int64", "int8", "iota", "len", "make", "max", "min", "new", "nil", "panic", "print", "println", "real", "recover", "rune", "string", "true", "uint", "uint16", "uint32", "uint64", "uint8", "uintptr"}

// completions returns the sorted candidates extending prefix: members of
// the package qual when qual names an imported package, else keywords,
// builtins and the names cells have declared or imported.
func (e *Evaluator) completions(qual, prefix string) []string {
	var pool []string
	if qual != "" {
		members, ok := e.packageMembers(qual)
		if !ok {
			members, ok = e.valueMembers(qual)
		}
		if !ok {
			return []string{}
		}
		pool = members
	} else {
		pool = append(append(append(pool, goKeywords...), goBuiltins...), e.globalNames()...)
	}
	seen := map[string]bool{}
	out := []string{}
	for _, c := range pool {
		if strings.HasPrefix(c, prefix) && !seen[c] && !strings.HasPrefix(c, "_") {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// completeness classifies code for is_complete_request: "complete",
// "incomplete" (with the indent for the next line) or "invalid".
func completeness(code string) (status, indent string) {
	if t := strings.TrimSpace(code); t == "" || strings.HasPrefix(t, "%") {
		return "complete", "" // magics run as typed
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var errs []string
	var s scanner.Scanner
	s.Init(file, []byte(code), func(_ token.Position, msg string) { errs = append(errs, msg) }, 0)
	depth := 0
	var last token.Token
	for {
		_, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		switch t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			if depth < 0 {
				return "invalid", ""
			}
		}
		if !(t == token.SEMICOLON && lit == "\n") {
			last = t
		}
	}
	for _, m := range errs {
		if m == "raw string literal not terminated" || m == "comment not terminated" {
			return "incomplete", ""
		}
		return "invalid", ""
	}
	if depth > 0 {
		return "incomplete", strings.Repeat("\t", depth)
	}
	switch last {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR,
		token.SHL, token.SHR, token.AND_NOT, token.LAND, token.LOR, token.COMMA, token.PERIOD,
		token.ASSIGN, token.DEFINE, token.EQL, token.NEQ, token.LSS, token.GTR, token.LEQ, token.GEQ, token.ARROW:
		return "incomplete", ""
	}
	units, err := splitCell(code)
	if err != nil {
		return "invalid", ""
	}
	for _, u := range units {
		if u.kind == unitImport {
			continue
		}
		src := "package p\n" + u.src
		if u.kind == unitStmts {
			src = "package p\nfunc _() {\n" + u.src + "\n}"
		}
		if _, perr := parseFile(src); perr != nil {
			return "invalid", ""
		}
	}
	return "complete", ""
}
