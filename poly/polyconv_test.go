package poly_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

// Parse then print; the printed form is canonical (hand computation of the
// expansion, terms in grevlex order x > y > z).
func TestParsePrint(t *testing.T) {
	tests := []struct{ in, out string }{
		{"0", "0"},
		{"x^2*y - 3/4*z + 1", "x^2*y - 3/4*z + 1"},
		{"1 - 3/4*z + y*x^2", "x^2*y - 3/4*z + 1"},
		{"-x", "-x"},
		{"2*x", "2*x"},
		{"x*2", "2*x"},
		{"- - x", "x"},
		{"x - -y", "x + y"},
		{"6/4", "3/2"},
		{"-6/4*x", "-3/2*x"},
		{"x/2 + y/(2*3)", "1/2*x + 1/6*y"},
		{"(x + 1)^2", "x^2 + 2*x + 1"},
		{"(x - y)*(x + y)", "x^2 - y^2"},
		{"x^0", "1"},
		{"2^10*x", "1024*x"},
		{"(2/3)^2", "4/9"},
		{"x*x*y^2*y", "x^2*y^3"},
		{"x + y - x - y", "0"},
		{"  x\n +\t1  # comment\n", "x + 1"},
		{"(((x)))", "x"},
		{"-(x - 1)^3", "-x^3 + 3*x^2 - 3*x + 1"},
		{"007*x^02", "7*x^2"},
		{"123456789012345678901234567890*z", "123456789012345678901234567890*z"},
		{"z^2 + y^2 + x*z", "y^2 + x*z + z^2"}, // grevlex: x z > z^2? no: y^2 > x z > z^2
	}
	for _, tc := range tests {
		p, err := xyz.Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		polytest.CheckCanonical(t, p)
		if got := p.String(); got != tc.out {
			t.Errorf("Parse(%q).String() = %q, want %q", tc.in, got, tc.out)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in        string
		line, col int
		msg       string
	}{
		{"x + z + w", 1, 9, "unknown variable 'w' at 1:9"},
		{"", 1, 1, "expected polynomial, found end of input at 1:1"},
		{"x +", 1, 4, "expected number, variable or '(', found end of input at 1:4"},
		{"2x", 1, 2, "expected operator, found 'x' at 1:2"},
		{"x y", 1, 3, "expected operator, found 'y' at 1:3"},
		{"(x + 1", 1, 7, "expected ')', found end of input at 1:7"},
		{"x + 1)", 1, 6, "unmatched ')' at 1:6"},
		{"x^-1", 1, 3, "expected non-negative integer exponent, found '-' at 1:3"},
		{"x^y", 1, 3, "expected non-negative integer exponent, found 'y' at 1:3"},
		{"x^2^3", 1, 4, "ambiguous repeated '^' (use parentheses) at 1:4"},
		{"x/0", 1, 3, "division by zero at 1:3"},
		{"x/y", 1, 3, "division by a non-constant at 1:3"},
		{"1.5*x", 1, 2, "decimal numbers are not supported (write p/q), unexpected '.' at 1:2"},
		{"x +\n  é", 2, 3, "unexpected character 'é' at 2:3"},
		{"é + w", 1, 1, "unexpected character 'é' at 1:1"},
		{"x^99999999999", 1, 3, "exponent too large at 1:3"},
		{"(x^4294967295)*x", 1, 16, "exponent too large at 1:16"},
		{"x^4294967295*x", 1, 14, "exponent too large at 1:14"},
		{"(x+y+z+1)^100000", 1, 10, "power too large at 1:10"},
		{"12345678901^1000000", 1, 12, "power too large at 1:12"},
		{"(" + strings.Repeat("(", 1000) + "x" + strings.Repeat(")", 1001), 1, 1001, "parentheses nested too deeply at 1:1001"},
	}
	for _, tc := range tests {
		_, err := xyz.Parse(tc.in)
		var pe *poly.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) error = %v, want *ParseError", tc.in, err)
			continue
		}
		if pe.Line != tc.line || pe.Col != tc.col || err.Error() != tc.msg {
			t.Errorf("Parse(%q) = %d:%d %q, want %d:%d %q", tc.in, pe.Line, pe.Col, err, tc.line, tc.col, tc.msg)
		}
	}
}

func TestLaTeX(t *testing.T) {
	R := poly.MustRing([]string{"x", "y", "z", "x12", "ab", "x_3", "alpha", "a_b", "_2"}, poly.Lex)
	tests := []struct{ in, out string }{
		{"x^2*y - 3/4*z + 1", `x^{2} y - \frac{3}{4} z + 1`},
		{"0", "0"},
		{"-x", "-x"},
		{"-1/2", `-\frac{1}{2}`},
		{"2*x12^3*ab", `2 x_{12}^{3} \mathit{ab}`},
		{"x_3*alpha^2 - a_b*_2", `x_{3} \alpha^{2} - \mathit{a\_b} \mathit{\_2}`},
	}
	for _, tc := range tests {
		if got := R.MustParse(tc.in).LaTeX(); got != tc.out {
			t.Errorf("LaTeX(%s) = %q, want %q", tc.in, got, tc.out)
		}
	}
}

func TestParsePolys(t *testing.T) {
	src := "# system\nx + y\n\n  # indented comment\nx*y - 1  # trailing\n\n"
	ps, err := xyz.ParsePolys(src)
	if err != nil || len(ps) != 2 || ps[0].String() != "x + y" || ps[1].String() != "x*y - 1" {
		t.Fatalf("ParsePolys = %v, %v", ps, err)
	}
	_, err = xyz.ParsePolys("x\n\ny + q\n")
	if err == nil || err.Error() != "unknown variable 'q' at 3:5" {
		t.Errorf("ParsePolys error = %v", err)
	}
	var pe *poly.ParseError
	if errors.As(err, &pe) && pe.Input != "y + q" {
		t.Errorf("Input = %q", pe.Input)
	}
}

func TestParseAuto(t *testing.T) {
	p, err := poly.ParseAuto("b*a^2 + c - a", poly.Lex)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Ring().VarNames(), ","); got != "b,a,c" {
		t.Errorf("vars = %s", got)
	}
	if p.String() != "b*a^2 - a + c" { // variables in order b > a > c
		t.Errorf("ParseAuto = %s", p)
	}
	if _, err := poly.ParseAuto("a + $", poly.Lex); err == nil {
		t.Errorf("ParseAuto accepted '$'")
	}
	if p, err := poly.ParseAuto("3/4", poly.Lex); err != nil || p.String() != "3/4" {
		t.Errorf("ParseAuto constant = %v, %v", p, err)
	}
}

// Property: printing then parsing gives the same polynomial.
func TestRoundTrip(t *testing.T) {
	rng := polytest.Rand(t)
	for _, ord := range []poly.Order{poly.Lex, poly.GRevLex} {
		R := poly.MustRing([]string{"x", "y_1", "Z2"}, ord)
		for range polytest.Iters(t, 300) {
			p := polytest.RandPoly(rng, R, 5, 10, 80)
			q, err := R.Parse(p.String())
			if err != nil || !q.Equal(p) {
				t.Fatalf("round trip of %s: %v, %v", p, q, err)
			}
		}
	}
}

// repoRoot returns the repository root (the directory holding go.mod).
func sharedDir(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Skip(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(d, "..", "shared")
			if _, err := os.Stat(s); err != nil {
				t.Skipf("shared inputs not present at %s", s)
			}
			return s
		}
		if filepath.Dir(d) == d {
			t.Skip("go.mod not found")
		}
	}
}

// loadGCD reads a gcd bench problem: the ring from .vars, f, g and their gcd.
func loadGCD(t testing.TB, name string) (R *poly.Ring, f, g, h *poly.Poly) {
	t.Helper()
	dir := filepath.Join(sharedDir(t), "bench", "inputs", "gcd")
	read := func(ext string) string {
		b, err := os.ReadFile(filepath.Join(dir, name+ext))
		if err != nil {
			t.Skip(err)
		}
		return string(b)
	}
	R = poly.MustRing(strings.Split(strings.TrimSpace(read(".vars")), ","), poly.GRevLex)
	parse := func(ext string) *poly.Poly {
		p, err := R.Parse(read(ext))
		if err != nil {
			t.Fatalf("%s%s: %v", name, ext, err)
		}
		return p
	}
	return R, parse(".f"), parse(".g"), parse(".gcd")
}

var gcdProblems = []string{"gcd3_d6", "gcd3_d10", "gcd4_d5", "gcd4_d8"}

// The bench inputs parse, print back to text that reparses to the same
// polynomial, and the gcd divides both inputs (the files are products
// gcd*cofactor, per ../shared/bench/inputs).
func TestBenchInputs(t *testing.T) {
	for _, name := range gcdProblems {
		if testing.Short() && name == "gcd4_d8" {
			continue
		}
		R, f, g, h := loadGCD(t, name)
		polytest.CheckCanonical(t, f, g, h)
		if q, err := R.Parse(f.String()); err != nil || !q.Equal(f) {
			t.Errorf("%s: round trip failed: %v", name, err)
		}
		cf, err1 := f.ExactQuo(h)
		cg, err2 := g.ExactQuo(h)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: gcd does not divide: %v %v", name, err1, err2)
		}
		if !cf.Mul(h).Equal(f) || !cg.Mul(h).Equal(g) {
			t.Errorf("%s: cofactor*gcd != input", name)
		}
	}
}

// Long inputs parse in linear time without deep recursion: a 50 000-term
// sum, a 100 000-factor product and 100 000 unary minus signs.
func TestParseLong(t *testing.T) {
	var b strings.Builder
	for i := range 50000 {
		fmt.Fprintf(&b, " + %d*x^%d*y", i+1, i)
	}
	p, err := xyz.Parse(b.String())
	if err != nil || p.NumTerms() != 50000 || p.Degree(0) != 49999 {
		t.Fatalf("long sum: %d terms, %v", p.NumTerms(), err)
	}
	polytest.CheckCanonical(t, p)
	p, err = xyz.Parse(strings.Repeat("x*", 100000) + "2")
	if err != nil || p.String() != "2*x^100000" {
		t.Fatalf("long product: %v", err)
	}
	p, err = xyz.Parse(strings.Repeat("-", 100001) + "y")
	if err != nil || p.String() != "-y" {
		t.Fatalf("long sign chain: %v %v", p, err)
	}
}
