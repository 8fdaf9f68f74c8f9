package semialg

import (
	"context"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/relucad/relucad/poly"
)

// sharedDir returns ../shared/bench/qe relative to the repository root, or
// skips the test when the reference material is absent.
func sharedQEDir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "shared", "bench", "qe")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("reference inputs not available: %v", err)
	}
	return dir
}

func iters(n int) int {
	if testing.Short() {
		return max(1, n/10)
	}
	return n
}

func TestParsePrint(t *testing.T) {
	// Expected outputs: hand expansion of each input (atoms are lhs − rhs ρ 0,
	// polynomials printed by poly in grevlex order of the ring built from the
	// text: free variables by first occurrence, then bound ones).
	tests := []struct {
		in, vars, out string
	}{
		{"ex y [x^2 + y^2 < 1]", "x y", "ex y [x^2 + y^2 - 1 < 0]"},
		{"(E y)[ x^2 + y^2 < 1 ]", "x y", "ex y [x^2 + y^2 - 1 < 0]"},
		{"all x [x^4 + p*x^2 + q*x + r >= 0]", "p q r x", "all x [x^4 + p*x^2 + q*x + r >= 0]"},
		{"(A x)[ x^4 + p x^2 + q x + r >= 0 ]", "p q r x", "all x [x^4 + p*x^2 + q*x + r >= 0]"},
		{"a = l1 u1", "a l1 u1", "-l1*u1 + a = 0"},
		{"x > 0 and not y = 3/4 x", "x y", "x > 0 /\\ ~[-3/4*x + y = 0]"},
		{"x > 0 /\\ y > 0 \\/ z > 0", "x y z", "x > 0 /\\ y > 0 \\/ z > 0"},
		{"x > 0 /\\ [y > 0 \\/ z > 0]", "x y z", "x > 0 /\\ [y > 0 \\/ z > 0]"},
		{"x > 0 ==> y > 0 ==> z > 0", "x y z", "x > 0 ==> y > 0 ==> z > 0"},
		{"[x > 0 ==> y > 0] ==> z > 0", "x y z", "[x > 0 ==> y > 0] ==> z > 0"},
		{"x > 0 <== y > 0", "y x", "y > 0 ==> x > 0"}, // "a <== b" is stored as "b ==> a"
		{"x != 1 || x == 2 && x <= 3", "x", "x - 1 /= 0 \\/ x - 2 = 0 /\\ x - 3 <= 0"},
		{"((x + 1)^2 > 0)", "x", "x^2 + 2*x + 1 > 0"},
		{"(x > 0 /\\ (y < 0))", "x y", "x > 0 /\\ y < 0"},
		{"1.25 x >= 2 - -x", "x", "1/4*x - 2 >= 0"},
		{"2 x y - (x - y)(x + y) = 0", "x y", "-x^2 + 2*x*y + y^2 = 0"},
		{"ex y, z [y z = x]", "x y z", "ex y, z [y*z - x = 0]"},
		{"exists y forall z [y z = x]", "x y z", "ex y [all z [y*z - x = 0]]"},
		{"x > 0 /\\ ex x [x < 0]", "x", "x > 0 /\\ ex x [x < 0]"},
		{"true \\/ FALSE", "", "true \\/ false"},
		{"rank([[a, b], [c, d]]) <= 1", "a b c d", "rank([[a, b], [c, d]]) <= 1"},
		{"rank([[a, b, c]]) < 1", "a b c", "rank([[a, b, c]]) <= 0"},
		{"rank([[a, b], [c, d]]) >= 1", "a b c d", "~[rank([[a, b], [c, d]]) <= 0]"},
		{"rank([[a, b], [c, d]]) <= 2", "a b c d", "true"},
		{"x > 0 # a comment\n /\\ y > 0", "x y", "x > 0 /\\ y > 0"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			f, R, err := ParseAuto(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(R.VarNames(), " "); got != tc.vars {
				t.Errorf("ring variables %q, want %q", got, tc.vars)
			}
			if got := f.String(); got != tc.out {
				t.Errorf("String() = %q, want %q", got, tc.out)
			}
			g, err := Parse(R, f.String())
			if err != nil {
				t.Fatalf("re-parse %q: %v", f.String(), err)
			}
			if !g.Equal(f) {
				t.Errorf("round trip: %q became %q", f, g)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	// Expected positions: counted by hand (1-based line:column).
	tests := []struct {
		in, at, msg string
	}{
		{"x >", "1:4", "expected a polynomial"},
		{"ex [x > 0]", "1:4", "expected a variable name"},
		{"x > 0 /\\ ", "1:10", "expected a polynomial"},
		{"x + y", "1:6", "expected a relation"},
		{"x ^ y > 0", "1:5", "exponent"},
		{"(x > 0", "1:7", `expected ")"`},
		{"x > 0 $", "1:7", "unexpected character"},
		{"x > 0\n  /\\ y ? 1", "2:8", "unexpected character"},
		{"x/y > 0", "1:2", "non-constant"},
		{"x/0 > 1", "1:2", "division by zero"},
		{"x > 0 /\\ [y < 1", "1:16", `expected "]"`},
		{"rank([[a, b], [c]]) <= 1", "1:17", "row 2 has 1 entries"},
		{"rank([[a]]) <= x", "1:16", "rank bound"},
		{"(x + y + z)^9999 > 0", "1:12", "too large"},
		{"and > 0", "1:1", "expected a polynomial"},
		{strings.Repeat("[", 2000) + "x > 0" + strings.Repeat("]", 2000), "", "nested deeper"},
	}
	for _, tc := range tests {
		_, _, err := ParseAuto(tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: error %v, want a ParseError", tc.in, err)
			continue
		}
		if tc.at != "" && fmtPos(pos{pe.Line, pe.Col}) != tc.at {
			t.Errorf("%q: error at %d:%d, want %s (%v)", tc.in, pe.Line, pe.Col, tc.at, err)
		}
		if !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: error %q does not mention %q", tc.in, err, tc.msg)
		}
	}
	// A variable outside the given ring is named with its position.
	R := poly.MustRing([]string{"x"}, DefaultOrder)
	_, err := Parse(R, "x > 0 /\\ y > 0")
	if err == nil || !strings.Contains(err.Error(), `unknown variable "y"`) || !strings.Contains(err.Error(), "1:10") {
		t.Errorf("unknown variable: got %v", err)
	}
}

func TestLaTeX(t *testing.T) {
	f, _, err := ParseAuto("ex y [x^2 + y^2 < 1 /\\ rank([[x, y], [1, x]]) <= 1] \\/ ~[x /= 0]")
	if err != nil {
		t.Fatal(err)
	}
	// Hand-written expected LaTeX for this formula.
	want := `\exists y\, \left[x^{2} + y^{2} - 1 < 0 \land \operatorname{rank}\begin{pmatrix}x & y \\ 1 & x\end{pmatrix} \le 1\right] \lor \lnot \left[x \ne 0\right]`
	if got := f.LaTeX(); got != want {
		t.Errorf("LaTeX:\n got %s\nwant %s", got, want)
	}
}

func ratVec(vals ...int64) []*big.Rat {
	v := make([]*big.Rat, len(vals))
	for i, x := range vals {
		v[i] = big.NewRat(x, 1)
	}
	return v
}

func TestEvalLU(t *testing.T) {
	// MATH.md E1 / ANCHORS.md §6: QEPCAD B's description of the 2×2 LU set is
	// b = 0 \/ a /= 0 \/ c = 0; [[0,1],[1,0]] and [[0,1],[1,5]] are not in it
	// (nlsat, MATH.md Appendix A), [[1,2],[3,4]] is (a ≠ 0).
	R := poly.MustRing([]string{"a", "b", "c", "d"}, DefaultOrder)
	lu := MustParse(R, "b = 0 \\/ a /= 0 \\/ c = 0")
	for _, tc := range []struct {
		m    []int64
		want bool
	}{
		{[]int64{0, 1, 1, 0}, false},
		{[]int64{0, 1, 1, 5}, false},
		{[]int64{1, 2, 3, 4}, true},
		{[]int64{0, 0, 1, 7}, true},
	} {
		got, err := lu.Eval(ratVec(tc.m...))
		if err != nil || got != tc.want {
			t.Errorf("LU description at %v = %v, %v; want %v", tc.m, got, err, tc.want)
		}
	}
	// E7c (MATH.md): L_I = {A33 = 0, rank A ≤ 2}; the rank atom is decided
	// by exact elimination and by minors alike.
	S := poly.MustRing([]string{"a11", "a12", "a13", "a21", "a22", "a23", "a31", "a32", "a33"}, DefaultOrder)
	e7c := MustParse(S, "a33 = 0 /\\ rank([[a11, a12, a13], [a21, a22, a23], [a31, a32, a33]]) <= 2")
	for _, tc := range []struct {
		m    []int64
		want bool
	}{
		{[]int64{1, 2, 3, 4, 5, 6, 7, 8, 0}, false}, // det = 27 (hand computation)
		{[]int64{1, 2, 3, 2, 4, 6, 7, 8, 0}, true},  // row 2 = 2·row 1
		{[]int64{1, 0, 0, 0, 1, 0, 0, 0, 1}, false}, // A33 ≠ 0
	} {
		got, err := e7c.Eval(ratVec(tc.m...))
		if err != nil || got != tc.want {
			t.Errorf("E7c at %v = %v, %v; want %v", tc.m, got, err, tc.want)
		}
		x := ratVec(tc.m...)
		got2, err := e7c.EvalSigns(func(p *poly.Poly) (int, error) { return EvalPoly(p, x).Sign(), nil })
		if err != nil || got2 != tc.want {
			t.Errorf("E7c by minors at %v = %v, %v; want %v", tc.m, got2, err, tc.want)
		}
		got3, err := e7c.ExpandRank().Eval(x)
		if err != nil || got3 != tc.want {
			t.Errorf("E7c expanded at %v = %v, %v; want %v", tc.m, got3, err, tc.want)
		}
	}
	if _, err := MustParse(R, "ex d [a = d]").Eval(ratVec(0, 0, 0, 0)); !errors.Is(err, ErrNotSupported) {
		t.Errorf("Eval of a quantified formula: %v, want ErrNotSupported", err)
	}
}

func TestMinors(t *testing.T) {
	R := poly.MustRing([]string{"a", "b", "c", "d", "e", "f"}, DefaultOrder)
	m := [][]*poly.Poly{
		{R.MustParse("a"), R.MustParse("b"), R.MustParse("c")},
		{R.MustParse("d"), R.MustParse("e"), R.MustParse("f")},
	}
	// The three 2×2 minors of [[a,b,c],[d,e,f]] (hand computation), columns
	// {1,2}, {1,3}, {2,3}.
	want := []string{"a*e - b*d", "a*f - c*d", "b*f - c*e"}
	got := Minors(m, 2)
	if len(got) != len(want) {
		t.Fatalf("%d minors, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].Equal(R.MustParse(want[i])) {
			t.Errorf("minor %d = %v, want %v", i, got[i], want[i])
		}
	}
	S := poly.MustRing([]string{"x"}, DefaultOrder)
	x := S.Var(0)
	// det [[x,1,0],[1,x,1],[0,1,x]] = x^3 - 2x (hand computation).
	d := Minors([][]*poly.Poly{{x, S.One(), S.Zero()}, {S.One(), x, S.One()}, {S.Zero(), S.One(), x}}, 3)
	if len(d) != 1 || !d[0].Equal(S.MustParse("x^3 - 2*x")) {
		t.Errorf("3×3 determinant = %v", d)
	}
}

func TestEvalAlg(t *testing.T) {
	// √2 is the positive root of x² − 2 (hand): x² = 2, x > 1, x³ − 2x = 0.
	roots, err := poly.RealAlgRoots(context.Background(), poly.UPolyFromInts(-2, 0, 1))
	if err != nil || len(roots) != 2 {
		t.Fatalf("roots of x^2 - 2: %v %v", roots, err)
	}
	R := poly.MustRing([]string{"x", "y"}, DefaultOrder)
	f := MustParse(R, "x^2 = 2 /\\ x > 1 /\\ x^3 - 2 x = 0 /\\ rank([[x, 2], [1, x]]) <= 1 /\\ y = 0")
	pt := []*poly.RealAlg{roots[1], poly.RealAlgFromRat(new(big.Rat))}
	if v, err := f.EvalAlg(context.Background(), pt); err != nil || !v {
		t.Errorf("at (√2, 0): %v %v, want true", v, err)
	}
	pt[0] = roots[0]
	if v, err := f.EvalAlg(context.Background(), pt); err != nil || v {
		t.Errorf("at (−√2, 0): %v %v, want false", v, err)
	}
}
