package poly_test

import (
	"strings"
	"testing"

	"github.com/relucad/relucad/poly"
)

// FuzzParse: Parse never panics; whatever it accepts is canonical and
// prints to text that parses back to the same polynomial (also through
// ParseAuto and in a second order).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"x^2*y - 3/4*z + 1", "-x", "(x + y)^3 - z/7", "0", "", "x +", "2x", "x^-1",
		"((x))*(y - 1)^2", "x/0", "1.5", "x # c\n + y", "é", "(x+1)^20*(y-2)^3",
		"-9*x^5*y + 3*x^2 - 12345678901234567890/3", "x^4294967295", ")", "x^2^3",
	} {
		f.Add(s)
	}
	R := poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)
	L := R.WithOrder(poly.Lex)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 512 {
			return
		}
		p, err := R.Parse(s)
		if err != nil {
			if _, ok := err.(*poly.ParseError); !ok {
				t.Fatalf("Parse(%q) error of type %T: %v", s, err, err)
			}
			return
		}
		if err := p.CheckCanonical(); err != nil {
			t.Fatalf("Parse(%q) not canonical: %v", s, err)
		}
		q, err := R.Parse(p.String())
		if err != nil || !q.Equal(p) {
			t.Fatalf("round trip of %q via %q: %v, %v", s, p, q, err)
		}
		pl, err := L.Parse(s)
		if err != nil {
			t.Fatalf("lex Parse(%q) failed: %v", s, err)
		}
		if back, err := pl.ToRing(R); err != nil || !back.Equal(p) {
			t.Fatalf("lex and grevlex parses differ for %q", s)
		}
		a, err := poly.ParseAuto(p.String(), poly.GrLex)
		if err != nil {
			t.Fatalf("ParseAuto(%q): %v", p, err)
		}
		if a.String() != "0" && a.TotalDegree() != p.TotalDegree() {
			t.Fatalf("ParseAuto degree differs for %q", p)
		}
	})
}

// FuzzParsePolys: the multi-line reader never panics, its errors are
// *ParseError with a line inside the input, and the printed list (one
// polynomial per line) reads back to the same list.
func FuzzParsePolys(f *testing.F) {
	for _, s := range []string{
		"x + y\n\n# c\nx*y - 1 # t\n", "x\n\ny + q\n", "", "\n\n", "#only\n", "(x\n+1)", "x^2\r\ny",
	} {
		f.Add(s)
	}
	R := poly.MustRing([]string{"x", "y", "z"}, poly.GrLex)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 512 {
			return
		}
		ps, err := R.ParsePolys(s)
		if err != nil {
			pe, ok := err.(*poly.ParseError)
			if !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if pe.Line < 1 || pe.Line > strings.Count(s, "\n")+1 || pe.Col < 1 {
				t.Fatalf("position %d:%d outside the input %q", pe.Line, pe.Col, s)
			}
			return
		}
		var lines []string
		for _, p := range ps {
			if err := p.CheckCanonical(); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, p.String())
		}
		back, err := R.ParsePolys(strings.Join(lines, "\n"))
		if err != nil || len(back) != len(ps) {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
		for i := range ps {
			if !back[i].Equal(ps[i]) {
				t.Fatalf("round trip line %d: %s != %s", i+1, back[i], ps[i])
			}
		}
	})
}
