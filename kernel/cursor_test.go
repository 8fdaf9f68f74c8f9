package kernel

import "testing"

// Offsets are hand counted: "ℚ" is 1 code point, 3 bytes, 1 UTF-16 unit;
// "𝔽" is 1 code point, 4 bytes, 2 UTF-16 units (a surrogate pair).
func TestCursorConversion(t *testing.T) {
	s := "a≤ℚ𝔽b"
	cases := []struct{ runes, bytes, utf16 int }{
		{0, 0, 0}, {1, 1, 1}, {2, 4, 2}, {3, 7, 3}, {4, 11, 5}, {5, 12, 6},
	}
	for _, c := range cases {
		if got := runeToByte(s, c.runes); got != c.bytes {
			t.Errorf("runeToByte(%d) = %d, want %d", c.runes, got, c.bytes)
		}
		if got := byteToRune(s, c.bytes); got != c.runes {
			t.Errorf("byteToRune(%d) = %d, want %d", c.bytes, got, c.runes)
		}
		if got := utf16ToByte(s, c.utf16); got != c.bytes {
			t.Errorf("utf16ToByte(%d) = %d, want %d", c.utf16, got, c.bytes)
		}
		if got := byteToUTF16(s, c.bytes); got != c.utf16 {
			t.Errorf("byteToUTF16(%d) = %d, want %d", c.bytes, got, c.utf16)
		}
	}
	if runeToByte(s, 99) != len(s) || runeToByte(s, -3) != 0 || utf16ToByte(s, 4) != 7 {
		t.Error("clamping / mid-surrogate rounding")
	}
	if !unitsFor("5.1").utf16 || unitsFor("5.3").utf16 || unitsFor("").utf16 || unitsFor("5.10").utf16 {
		t.Error("unitsFor version rule")
	}
}

func TestIdentAt(t *testing.T) {
	code := "x := fmt.Prin"
	qual, prefix, start, end := identAt(code, len(code))
	if qual != "fmt" || prefix != "Prin" || start != 9 || end != len(code) {
		t.Errorf("identAt = %q %q %d %d", qual, prefix, start, end)
	}
	code = "ℚval := 1; ℚv"
	qual, prefix, start, _ = identAt(code, len(code))
	if qual != "" || prefix != "ℚv" || byteToRune(code, start) != 11 {
		t.Errorf("unicode identAt = %q %q %d", qual, prefix, start)
	}
}

// Classifications follow the Go grammar (hand checked).
func TestCompleteness(t *testing.T) {
	for _, c := range []struct{ code, status, indent string }{
		{"x := 1", "complete", ""},
		{"", "complete", ""},
		{"func f() {", "incomplete", "\t"},
		{"if x {\n\tfor {", "incomplete", "\t\t"},
		{"x := `raw", "incomplete", ""},
		{"y := 1 +", "incomplete", ""},
		{"fmt.Println(1,", "incomplete", "\t"},
		{"x := )", "invalid", ""},
		{"func f() { return 1 +* }", "invalid", ""},
		{"%check W1=1", "complete", ""},
		{"import \"fmt\"\nfmt.Println(1)", "complete", ""},
	} {
		st, ind := completeness(c.code)
		if st != c.status || ind != c.indent {
			t.Errorf("completeness(%q) = %q %q, want %q %q", c.code, st, ind, c.status, c.indent)
		}
	}
}

func TestSplitCell(t *testing.T) {
	code := "import \"fmt\"\nimport \"os\"\ntype T int\nfunc (t T) M() int { return 1 }\nx := T(1)\nfunc() {}()\nfmt.Println(x.M()); y := 2\nfunc g() {}\ng()"
	units, err := splitCell(code)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []unitKind{unitImport, unitImport, unitDecl, unitStmts, unitDecl, unitStmts}
	if len(units) != len(kinds) {
		t.Fatalf("%d units: %+v", len(units), units)
	}
	for i, u := range units {
		if u.kind != kinds[i] {
			t.Errorf("unit %d (%q): kind %d, want %d", i, u.src, u.kind, kinds[i])
		}
	}
	if units[3].line != 5 || units[5].line != 9 {
		t.Errorf("lines %d %d", units[3].line, units[5].line)
	}
	if _, err := splitCell("x := (1"); err != nil {
		t.Errorf("unbalanced open paren is left to the parser: %v", err)
	}
	if _, err := splitCell("x := 1)"); err == nil {
		t.Error("unbalanced close paren not reported")
	}
}

// FuzzSplitCell: splitting never panics, units are in order, do not
// overlap, and lie inside the cell at the positions they claim.
func FuzzSplitCell(f *testing.F) {
	f.Add("import \"fmt\"\nfunc f() {}\nx := 1\nf()")
	f.Add("func (r T) M() {}\nfunc() {}()")
	f.Add("x := `raw\n")
	f.Fuzz(func(t *testing.T, code string) {
		units, err := splitCell(code)
		if err != nil {
			return
		}
		prevLine := 0
		for _, u := range units {
			if u.line < prevLine {
				t.Fatalf("units out of order: %+v", units)
			}
			prevLine = u.line
			off := runeOffsetOfLineCol(code, u.line, u.col)
			if off < 0 || off+len(u.src) > len(code) || code[off:off+len(u.src)] != u.src {
				t.Fatalf("unit %+v is not at line %d col %d of %q", u, u.line, u.col, code)
			}
		}
		st, _ := completeness(code)
		if st != "complete" && st != "incomplete" && st != "invalid" {
			t.Fatalf("completeness(%q) = %q", code, st)
		}
	})
}

// runeOffsetOfLineCol returns the byte offset of a 1-based line and byte
// column, or -1.
func runeOffsetOfLineCol(s string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := indexByte(s[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	return off + col - 1
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
