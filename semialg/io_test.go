package semialg

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchQEPCAD reads every QEPCAD B input of ../shared/bench/qe, writes it
// back and reads the result again: the formulas must agree.
func TestBenchQEPCAD(t *testing.T) {
	dir := sharedQEDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.qep"))
	if len(files) == 0 {
		t.Skip("no .qep files")
	}
	for _, fn := range files {
		t.Run(filepath.Base(fn), func(t *testing.T) {
			data, err := os.ReadFile(fn)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ParseQEPCAD(string(data))
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Commands) == 0 || p.Commands[len(p.Commands)-1] != "finish" {
				t.Errorf("commands %q, want a final finish", p.Commands)
			}
			out, err := QEPCADString(p.Description, p.Formula)
			if err != nil {
				t.Fatal(err)
			}
			q, err := ParseQEPCAD(out)
			if err != nil {
				t.Fatalf("re-read:\n%s\n%v", out, err)
			}
			if q.Formula.String() != p.Formula.String() || q.NumFree != p.NumFree || q.Description != p.Description {
				t.Errorf("round trip changed the problem:\n%v\n%v", p.Formula, q.Formula)
			}
		})
	}
}

func TestQEPCADDisk(t *testing.T) {
	// ANCHORS.md §6 input disk_projection.qep, inlined.
	src := "[ projection of the open unit disk: (E y)[x^2 + y^2 < 1] ]\n(x,y)\n1\n(E y)[ x^2 + y^2 < 1 ].\nfinish\n"
	p, err := ParseQEPCAD(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Ring.VarNames(), ","); got != "x,y" || p.NumFree != 1 {
		t.Errorf("variables %s, %d free", got, p.NumFree)
	}
	if p.Description != "projection of the open unit disk: (E y)[x^2 + y^2 < 1]" {
		t.Errorf("description %q", p.Description)
	}
	if got := p.Formula.String(); got != "ex y [x^2 + y^2 - 1 < 0]" {
		t.Errorf("formula %q", got)
	}
	out, _ := QEPCADString("disk", p.Formula)
	want := "[ disk ]\n(x,y)\n1\n(E y)[ x^2 + y^2 - 1 < 0 ].\nfinish\n"
	if out != want {
		t.Errorf("QEPCAD output\n%s\nwant\n%s", out, want)
	}
	// Rational coefficients are scaled to integers, keeping the sign.
	f, _, _ := ParseAuto("ex y [1/2 x - 3/4 y > 0]")
	out, _ = QEPCADString("r", f)
	if !strings.Contains(out, "[ 2 x - 3 y > 0 ]") {
		t.Errorf("rational atom printed as\n%s", out)
	}
}

func TestQEPCADAssumeAndErrors(t *testing.T) {
	src := "[ ellipse ]\n(a,b,c,x,y)\n3\n(A x)(A y)[ b^2 (x - c)^2 + a^2 y^2 - a^2 b^2 = 0 ==> x^2 + y^2 - 1 <= 0 ].\nassume [ a > 0 /\\ b > 0 ]\nfinish\n"
	p, err := ParseQEPCAD(src)
	if err != nil {
		t.Fatal(err)
	}
	if p.Assume == nil || p.Assume.String() != "a > 0 /\\ b > 0" {
		t.Errorf("assume = %v", p.Assume)
	}
	if len(p.Commands) != 1 || p.Commands[0] != "finish" {
		t.Errorf("commands %q", p.Commands)
	}
	// Expected positions: counted by hand.
	bad := []struct{ in, at, msg string }{
		{"(x,y)\n1\n", "1:1", "informal description"},
		{"[ d ]\n(x,y\n1\n", "3:1", `expected "," or ")"`},
		{"[ d ]\n(x,y)\n3\n", "3:1", "number of free variables"},
		{"[ d ]\n(x,y)\n1\n(E y)[ x^2 + y^2 < 1 ]\nfinish", "5:1", `expected "."`},
		{"[ d ]\n(x,y)\n1\n(E x)[ x^2 + y^2 < 1 ].", "4:4", "out of order"},
		{"[ d ]\n(x,y)\n0\n(E x)[ x^2 + y^2 < 1 ].", "4:8", "listed as bound but not quantified"},
		{"[ d ]\n(x,y)\n1\n(E y)[ x^2 + z^2 < 1 ].", "4:14", `unknown variable "z"`},
	}
	for _, tc := range bad {
		_, err := ParseQEPCAD(tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: %v, want a ParseError", tc.in, err)
			continue
		}
		if got := fmtPos(pos{pe.Line, pe.Col}); got != tc.at || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: %v (at %s), want %s mentioning %q", tc.in, err, got, tc.at, tc.msg)
		}
	}
	// Non-prenex formulas cannot be written.
	f, _, _ := ParseAuto("x > 0 /\\ ex y [y^2 = x]")
	if _, err := QEPCADString("np", f); !errors.Is(err, ErrNotSupported) {
		t.Errorf("non-prenex: %v", err)
	}
}

// TestBenchSMTLIB reads every SMT-LIB2 script of ../shared/bench/qe, writes
// the formula back and reads it again.
func TestBenchSMTLIB(t *testing.T) {
	dir := sharedQEDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.smt2"))
	if len(files) == 0 {
		t.Skip("no .smt2 files")
	}
	for _, fn := range files {
		t.Run(filepath.Base(fn), func(t *testing.T) {
			data, err := os.ReadFile(fn)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ParseSMTLIB(string(data))
			if err != nil {
				t.Fatal(err)
			}
			out := SMTLIBString(p.Formula)
			q, err := ParseSMTLIB(out)
			if err != nil {
				t.Fatalf("re-read:\n%s\n%v", out, err)
			}
			if q.Formula.String() != p.Formula.String() {
				t.Errorf("round trip changed the formula:\n%v\n%v", p.Formula, q.Formula)
			}
		})
	}
}

func TestSMTLIBFeatures(t *testing.T) {
	tests := []struct{ in, out string }{
		// Expected outputs: hand translation.
		{"(declare-const x Real)(assert (< (* x x) 2.5))", "x^2 - 5/2 < 0"},
		{"(declare-fun x () Real)(assert (< 0 x 1))", "-x < 0 /\\ x - 1 < 0"},
		{"(declare-const x Real)(assert (distinct x 1 2))", "x - 1 /= 0 /\\ x - 2 /= 0 /\\ -1 /= 0"},
		{"(declare-const x Real)(assert (= (- x) (/ 1 3)))", "-x - 1/3 = 0"},
		{"(declare-const x Real)(define-fun sq ((v Real)) Real (* v v))(assert (>= (sq (- x 1)) 0))", "x^2 - 2*x + 1 >= 0"},
		{"(declare-const x Real)(assert (let ((y (+ x 1))) (> (* y y) 0)))", "x^2 + 2*x + 1 > 0"},
		{"(declare-const x Real)(assert (=> (> x 0) (> x 1) (> x 2)))", "x > 0 ==> x - 1 > 0 ==> x - 2 > 0"},
		{"(declare-const x Real)(assert (= (> x 0) (< x 1)))", "x > 0 <==> x - 1 < 0"},
		{"(declare-const x Real)(assert (! (> x 0) :named a1))", "x > 0"},
		// The bound x clashes with the declared x and is renamed.
		{"(declare-const x Real)(assert (exists ((x Real)) (> x 0)))", "ex x_1 [x_1 > 0]"},
		// A macro expanded under a binder of the same name as its argument's variable.
		{"(define-fun pos ((a Real)) Bool (exists ((y Real)) (= (* y y) a)))(assert (forall ((y Real)) (pos y)))",
			"all y [ex y_1 [y_1^2 - y = 0]]"},
		{"(set-logic QF_NRA)(check-sat)", "true"},
	}
	for _, tc := range tests {
		p, err := ParseSMTLIB(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got := p.Formula.String(); got != tc.out {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.out)
		}
	}
	bad := []struct{ in, at, msg string }{
		{"(assert (> x 0))", "1:12", `unknown symbol "x"`},
		{"(declare-const x Int)", "1:18", "not supported"},
		{"(declare-const x Real)(assert (> x 0)", "1:23", "unbalanced"},
		{"(declare-const x Real)(assert (+ x 1))", "1:31", "Bool term"},
		{"(declare-const x Real)(assert (> (f x) 0))", "1:35", "not supported"},
		{"(declare-const x Real)(assert (> (/ 1 x) 0))", "1:34", "non-constant"},
		{"(declare-const x Real)(push 1)", "1:23", "not supported"},
	}
	for _, tc := range bad {
		_, err := ParseSMTLIB(tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: %v, want a ParseError", tc.in, err)
			continue
		}
		if got := fmtPos(pos{pe.Line, pe.Col}); got != tc.at || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: %v (at %s), want %s mentioning %q", tc.in, err, got, tc.at, tc.msg)
		}
	}
}
