package semialg

import (
	"testing"
	"time"
)

// slowGuard fails the fuzz input when it takes longer than a second, so
// that the fuzzer records inputs that would make a reader hang.
func slowGuard(t *testing.T, s string) func() {
	start := time.Now()
	return func() {
		if d := time.Since(start); d > time.Second {
			t.Fatalf("input took %v: %q", d, s)
		}
	}
}

var fuzzFormulaSeeds = []string{
	"ex y [x^2 + y^2 < 1]",
	"all x [x^4 + p*x^2 + q*x + r >= 0]",
	"(E y)(A z)[ y z > x /\\ ~[x = 0] ]",
	"x > 0 ==> y >= 0 <==> z /= 1/2",
	"rank([[a, b], [c, d]]) <= 1 \\/ a != 0 || b == 0 && c = 0",
	"((x + 1)^2 - 2 x y > 3.5) and not (y < 0) or true",
	"ex x, y [x y = 1 /\\ x <== y > 0]",
}

// FuzzParse: any text either fails with an error or parses to a formula
// whose printed form parses back to an equal formula, and whose simplified
// form does too.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzFormulaSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 {
			return
		}
		defer slowGuard(t, s)()
		g, R, err := ParseAuto(s)
		if err != nil {
			return
		}
		if R == nil {
			t.Fatalf("nil ring for %q", s)
		}
		h, err := Parse(R, g.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, g, err)
		}
		if !h.Equal(g) {
			t.Fatalf("%q: round trip %q -> %q", s, g, h)
		}
		sg := Simplify(g)
		h, err = Parse(R, sg.String())
		if err != nil || !h.Equal(sg) {
			t.Fatalf("%q: simplified %q does not round-trip: %v", s, sg, err)
		}
		_ = g.LaTeX()
	})
}

// FuzzQEPCAD: a QEPCAD B input that reads without error is written and read
// back to the same formula.
func FuzzQEPCAD(f *testing.F) {
	f.Add("[ disk ]\n(x,y)\n1\n(E y)[ x^2 + y^2 < 1 ].\nfinish\n")
	f.Add("[ q ]\n(p,q,r,x)\n3\n(A x)[ x^4 + p x^2 + q x + r >= 0 ].\nassume [ p > 0 ]\nfinish\n")
	f.Add("[ lu ]\n(l1,u1)\n0\n(E l1)(E u1)[ l1 u1 = 0 /\\ [ l1 = 1 \\/ ~[ u1 < 2 ] ] ].\ngo\nfinish\n")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 {
			return
		}
		defer slowGuard(t, s)()
		p, err := ParseQEPCAD(s)
		if err != nil {
			return
		}
		out, err := QEPCADString(p.Description, p.Formula)
		if err != nil {
			return // e.g. a prefix the writer cannot express
		}
		q, err := ParseQEPCAD(out)
		if err != nil {
			t.Fatalf("written form does not read:\n%s\n%v", out, err)
		}
		if q.Formula.String() != p.Formula.ExpandRank().String() && q.Formula.String() != p.Formula.String() {
			// The writer scales atoms to integer coefficients; compare
			// after normalizing both.
			if Simplify(q.Formula).String() != Simplify(p.Formula).String() {
				t.Fatalf("round trip changed the formula:\n%v\n%v", p.Formula, q.Formula)
			}
		}
	})
}

// FuzzSMTLIB: an SMT-LIB2 script that reads without error is written and
// read back to the same formula.
func FuzzSMTLIB(f *testing.F) {
	f.Add("(declare-const x Real)(assert (exists ((y Real)) (< (+ (* x x) (* y y)) 1.0)))(check-sat)")
	f.Add("(define-fun sq ((v Real)) Real (* v v))(declare-const e Real)(assert (forall ((a Real)) (>= (sq (- a e)) 0)))")
	f.Add("(declare-fun x () Real)(assert (let ((y (/ x 2))) (and (distinct y 1) (=> (< 0 y 1) (= (> y 0) true)))))")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 {
			return
		}
		defer slowGuard(t, s)()
		p, err := ParseSMTLIB(s)
		if err != nil {
			return
		}
		out := SMTLIBString(p.Formula)
		q, err := ParseSMTLIB(out)
		if err != nil {
			t.Fatalf("written form does not read:\n%s\n%v", out, err)
		}
		if q.Formula.String() != p.Formula.String() {
			// Variable order can differ when names were renamed or declared
			// constants do not occur; compare on a common ring then.
			a, b := Simplify(p.Formula).String(), Simplify(q.Formula).String()
			if len(p.Ring.VarNames()) == len(q.Ring.VarNames()) && a != b {
				t.Fatalf("round trip changed the formula:\n%v\n%v", p.Formula, q.Formula)
			}
		}
	})
}
