package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runCLI runs the CLI in-process and returns its exit code and outputs.
func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLI(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		// want are regular expressions that stdout must match, line by line
		// where they start with ^ (multi-line mode).
		want []string
		// wantErr must match stderr.
		wantErr string
	}{
		// x^3 - 2x has roots -√2, 0, √2 (hand computation).
		{"realroots x^3-2x", []string{"poly", "realroots", "x^3 - 2*x"}, 0,
			[]string{`(?m)\A.*\n0\n.*\n\z`}, ""},
		// (x-1)^2 (x^2-2): the double root 1 is rational and reported exactly.
		{"realroots multiplicity", []string{"poly", "realroots", "(x-1)^2*(x^2-2)"}, 0,
			[]string{`(?m)^1 \(multiplicity 2\)$`}, ""},
		{"realroots digits", []string{"poly", "realroots", "--digits", "12", "x^2-2"}, 0,
			[]string{`≈ 1\.41421356237\n`, `≈ -1\.41421356237\n`}, ""},
		{"realroots stats", []string{"poly", "realroots", "--stats", "x^5 - x"}, 0,
			[]string{`\Anreal=3\n\z`}, ""},
		// gcd(x^2-1, x^2+2x+1) = x+1 (hand computation).
		{"gcd", []string{"poly", "gcd", "x^2-1", "x^2+2*x+1"}, 0, []string{`\Ax \+ 1\n\z`}, ""},
		// Res_y(x^2+y^2-1, x-y) = 2x^2-1: substitute y = x (circle meets the diagonal).
		{"resultant circle line", []string{"poly", "resultant", "x^2+y^2-1", "x-y", "y"}, 0,
			[]string{`\A2\*x\^2 - 1\n\z`}, ""},
		// disc_x(a x^2 + b x + c) = b^2 - 4ac (textbook).
		{"discriminant quadratic", []string{"poly", "discriminant", "a*x^2+b*x+c", "x"}, 0,
			[]string{`\Ab\^2 - 4\*a\*c\n\z`}, ""},
		{"time line", []string{"poly", "gcd", "--time", "x^2-1", "x-1"}, 0,
			[]string{`(?m)^time_ms: [0-9.]+\n\z`}, ""},
		{"parse error position", []string{"poly", "realroots", "x^2 +* 1"}, 1, nil, `1:6`},
		{"unknown variable", []string{"poly", "resultant", "x+y", "x-y", "z"}, 1, nil, `unknown variable "z"`},
		{"wrong arity", []string{"poly", "gcd", "x"}, 1, nil, `expected 2 argument`},
		{"unknown command", []string{"frobnicate"}, 2, nil, `unknown command`},
		{"missing file", []string{"poly", "realroots", "no/such/file.poly"}, 1, nil, `no such file`},
		// The built-in example: the LU support is not closed (MATH.md E1, T1).
		{"analyze default", []string{"analyze"}, 0,
			[]string{`NOT CLOSED`, `witness A = \[\[0, 1\], \[1, 0\]\]`, `: valid`, `loss\(t\) = 60\*t\^2`}, ""},
		// E7a is closed (MATH.md T9).
		{"check E7a", []string{"check", "W2=11/11,W1=111/001"}, 0, []string{`CLOSED`}, ""},
		{"check bad spec", []string{"check", "W2=1x/11"}, 1, nil, `'x'`},
		// QEPCAD B's answer for the disk projection is x+1 > 0 /\ x-1 < 0 (ANCHORS.md §6).
		{"qe disk", []string{"qe", "ex y [x^2 + y^2 < 1]"}, 0, []string{`\Ax\^2 - 1 < 0\n\z`}, ""},
		{"qe sentence", []string{"qe", "ex x [x^2 - 2 = 0]"}, 0, []string{`\Atrue\n\z`}, ""},
		{"qe false sentence", []string{"qe", "ex x [x^2 + 1 = 0]"}, 0, []string{`\Afalse\n\z`}, ""},
		{"qe parse error", []string{"qe", "ex x [x^2 + = 0]"}, 1, nil, `1:13`},
		// The disk projection with each operator gives the same answer; --stats names the operator.
		{"qe hong", []string{"qe", "--projection", "hong", "--stats", "ex y [x^2 + y^2 < 1]"}, 0, []string{`\Ax\^2 - 1 < 0
stats: operator hong;`}, ""},
		{"qe mccallum", []string{"qe", "--projection", "mccallum", "--stats", "ex y [x^2 + y^2 < 1]"}, 0, []string{`\Ax\^2 - 1 < 0
stats: operator mccallum`}, ""},
		{"qe bad projection", []string{"qe", "--projection", "brown", "ex y [y > 0]"}, 1, nil, `unknown --projection "brown"`},
		// (x^2-4)(y^2-1), hand factorization.
		{"factor", []string{"poly", "factor", "x^2*y^2 - 4*y^2 - x^2 + 4"}, 0,
			[]string{`(?m)^x \+ 2$`, `(?m)^x - 2$`, `(?m)^y \+ 1$`, `(?m)^y - 1$`}, ""},
		{"factor multiplicity", []string{"poly", "factor", "x^3 - 3*x + 2"}, 0, []string{`(?m)^\(x - 1\)\^2$`, `(?m)^x \+ 2$`}, ""},
		// The LU equations of MATH.md §8.3 generate the unit ideal.
		{"groebner certificate", []string{"poly", "groebner", "--cofactors",
			"W2_1_1*W1_1_1; W2_1_1*W1_1_2 - 1; W2_2_1*W1_1_1 - 1; W2_2_1*W1_1_2 + W2_2_2*W1_2_2"}, 0,
			[]string{`\A1\n`, `Nullstellensatz certificate`}, ""},
		// Circle and diagonal, lex: {x - y, y^2 - 1/2} (hand computation).
		{"groebner lex", []string{"poly", "groebner", "--order", "lex", "x^2+y^2-1; x-y"}, 0,
			[]string{`\Ay\^2 - 1/2\nx - y\n\z`}, ""},
		{"solve", []string{"poly", "solve", "x^2+y^2-1; x-y"}, 0,
			[]string{`\Anreal=2\n`, `≈ -0\.707106781187`, `≈ 0\.707106781187`}, ""},
		{"groebner bad order", []string{"poly", "groebner", "--order", "elim", "x"}, 1, nil, `unknown monomial order`},
		{"census negative workers", []string{"census", "--shape", "2,2,2", "--workers", "-3", "--db", "/nonexistent/x.db"}, 1, nil, `--workers is -3`},
		// MATH.md E1: L_I = {a ≠ 0 ∨ b = 0 ∨ c = 0}, closure everything.
		{"describe LU", []string{"describe", "W2=10/11,W1=11/01"}, 0,
			[]string{`NOT CLOSED`, `A_1_1 != 0 or A_1_2 = 0 or A_2_1 = 0`, `closure: \{ A : true \}`}, ""},
		// MATH.md E9: butterfly, four rank-one 2×2 blocks.
		{"describe butterfly", []string{"describe", "W2=1010/0101/1010/0101,W1=1100/1100/0011/0011"}, 0,
			[]string{`CLOSED \(c1\)`, `rank A\[\[1 3\], \[1 2\]\] ≤ 1`, `rank A\[\[2 4\], \[3 4\]\] ≤ 1`}, ""},
		{"check --json", []string{"check", "--json", "W2=1,W1=1"}, 0, []string{`"verdict": "closed"`}, ""},
		{"qe --file", []string{"qe", "--file", "testdata/disk.txt"}, 0, []string{`\Ax\^2 - 1 < 0\n\z`}, ""},
		{"check bad format", []string{"check", "--format", "pdf", "W2=1/1,W1=1"}, 1, nil, `unknown --format`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(tc.args...)
			if code != tc.code {
				t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			for _, re := range tc.want {
				if !regexp.MustCompile(re).MatchString(out) {
					t.Errorf("stdout does not match %q:\n%s", re, out)
				}
			}
			if tc.wantErr != "" && !strings.Contains(errs, tc.wantErr) {
				t.Errorf("stderr does not contain %q:\n%s", tc.wantErr, errs)
			}
		})
	}
}

// TestFit: MATH.md E11 / T19 — N = (1,1,1) with biases on x = (−1, 0, 1),
// y = (1, 0, 1) has minimum square loss exactly 1/2.
func TestFit(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "e11.csv")
	if err := os.WriteFile(data, []byte("# x, y\n-1, 1\n0, 0\n1, 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("fit", "--json", "--spec", "W2=1,W1=1", "--data", data)
	if code != 0 || !strings.Contains(out, `"optimum": "exists"`) || !strings.Contains(out, `"min_loss": "1/2"`) {
		t.Fatalf("fit: exit %d\n%s%s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("1, 2\n3, x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI("fit", "--spec", "W2=1,W1=1", "--data", bad); code != 1 || !strings.Contains(errs, "bad.csv:2") {
		t.Fatalf("bad CSV: exit %d, stderr %q (want the line number)", code, errs)
	}
	// Vector output, MATH.md E4 (LU, no exact fit, loss → 0): no optimum
	// (D10: every activation pattern decided, and the ALG-D sequence).
	vec := filepath.Join(dir, "vec.csv")
	if err := os.WriteFile(vec, []byte("0,0,0,0\n1,0,0,1\n0,1,1,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCLI("fit", "--json", "--spec", "W2=10/11,W1=11/01", "--data", vec); code != 0 || !strings.Contains(out, `"optimum": "none"`) || !strings.Contains(out, `"inf_loss": "0"`) {
		t.Fatalf("vector output: exit %d\n%s%s", code, out, errs)
	}
	// Vector output with a positive infimum (D10's QE route): equal
	// inputs with different targets (0, 0) and (1, 0) force the first
	// output o₁ to be the same at both points, so the loss is at least
	// o₁² + (o₁ − 1)² ≥ 1/2 (hand computation), attained by a network
	// with output (1/2, 0) there.
	und := filepath.Join(dir, "und.csv")
	if err := os.WriteFile(und, []byte("1,0,0,0\n1,0,1,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCLI("fit", "--spec", "W2=10/11,W1=11/01", "--data", und); code != 0 || !strings.Contains(out, "optimum: exists") || !strings.Contains(out, "minimum square loss: 1/2") {
		t.Fatalf("vector output, positive minimum: exit %d\n%s%s", code, out, errs)
	}
	// Beyond the QE route's budget (four free first-layer entries): no
	// guess.
	if code, out, errs := runCLI("fit", "--spec", "W2=11/11,W1=11/11", "--data", und); code != 0 || !strings.Contains(out, "optimum: unknown") {
		t.Fatalf("vector output, undecided: exit %d\n%s%s", code, out, errs)
	}
	// Decoupled vector output (MATH.md D8): E11 on output 1, a constant
	// output 2 with mean 2: 1/2 + (1 + 0 + 1) = 5/2 (hand computation).
	dec := filepath.Join(dir, "dec.csv")
	if err := os.WriteFile(dec, []byte("-1,1,1\n0,0,2\n1,1,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCLI("fit", "--json", "--spec", "W2=1/0,W1=1", "--data", dec); code != 0 || !strings.Contains(out, `"min_loss": "5/2"`) {
		t.Fatalf("decoupled output: exit %d\n%s%s", code, out, errs)
	}
}

// TestVerifyRoundTrip writes a certificate with check --format json and
// re-checks it with verify; a tampered copy must be rejected.
func TestVerifyRoundTrip(t *testing.T) {
	for _, spec := range []string{"W2=10/11,W1=11/01", "W2=11/11,W1=110/011", "W2=11/11,W1=111/001"} {
		code, out, errs := runCLI("check", "--format", "json", spec)
		if code != 0 {
			t.Fatalf("check %s: exit %d: %s", spec, code, errs)
		}
		dir := t.TempDir()
		good := filepath.Join(dir, "cert.json")
		if err := os.WriteFile(good, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, vout, verr := runCLI("verify", good); code != 0 || !strings.HasPrefix(vout, "valid ") {
			t.Fatalf("verify %s: exit %d\n%s%s", spec, code, vout, verr)
		}
		// Tamper: the witness of a not-closed certificate, or the spec of a
		// closed one, so that the claim no longer holds.
		bad := strings.Replace(out, `"1"`, `"2"`, 1)
		if !strings.Contains(out, `"witness"`) {
			bad = strings.Replace(out, `"W2=11/11,W1=111/001"`, `"W2=10/11,W1=11/01"`, 1)
		}
		badPath := filepath.Join(dir, "bad.json")
		if err := os.WriteFile(badPath, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, vout, _ := runCLI("verify", badPath); code == 0 {
			t.Errorf("verify accepted a tampered certificate for %s:\n%s", spec, vout)
		}
	}
}

// TestBenchInputs runs the poly commands on the shared benchmark inputs
// when they are present, comparing with the anchors' agreed results
// (ANCHORS.md sections 4 and 5).
func TestBenchInputs(t *testing.T) {
	in := filepath.Join("..", "..", "..", "shared", "bench", "inputs")
	if _, err := os.Stat(in); err != nil {
		t.Skip("../shared/bench/inputs not present")
	}
	tests := []struct {
		args []string
		want string
	}{
		// Root counts agreed by every anchor (ANCHORS.md §5a).
		{[]string{"poly", "realroots", "--stats", filepath.Join(in, "univ", "mignotte50.poly")}, "nreal=4"},
		{[]string{"poly", "realroots", "--stats", filepath.Join(in, "univ", "wilkinson50.poly")}, "nreal=50"},
		{[]string{"poly", "realroots", "--stats", filepath.Join(in, "univ", "chebyshev100.poly")}, "nreal=100"},
		{[]string{"poly", "realroots", "--stats", filepath.Join(in, "univ", "prod7x30.poly")}, "nreal=30"},
		{[]string{"poly", "realroots", "--stats", filepath.Join(in, "univ", "random200.poly")}, "nreal=4"},
		// gcd3_d6: 83 terms (ANCHORS.md §4), total degree 6.
		{[]string{"poly", "gcd", "--stats", filepath.Join(in, "gcd", "gcd3_d6.f"), filepath.Join(in, "gcd", "gcd3_d6.g")}, "nterms=83 tdeg=6"},
		// bivar_d10: PARI/GP 2.15.2 polresultant / poldisc summaries (degx, bits, R(1) mod 1000003).
		{[]string{"poly", "resultant", "--stats", "--vars", "x,y", filepath.Join(in, "res", "bivar_d10.f"), filepath.Join(in, "res", "bivar_d10.g"), "y"}, "degx=100 bits=154 r1=222815"},
		{[]string{"poly", "discriminant", "--stats", "--vars", "x,y", filepath.Join(in, "res", "bivar_d10.f"), "y"}, "degx=90 bits=161 r1=276971"},
		// QEPCAD B 1.74 on lu2_qe_full.qep: b = 0 \/ a /= 0 \/ c = 0 (ANCHORS.md §6).
		{[]string{"qe", filepath.Join(in, "..", "qe", "lu2_qe_full.qep")}, `a /= 0 \/ c = 0 \/ b = 0`},
		// z3 and cvc5: unsat; QEPCAD: FALSE (ANCHORS.md §6).
		{[]string{"qe", filepath.Join(in, "..", "qe", "lu2_member.smt2")}, "unsat"},
		// QEPCAD: TRUE ([[0,1],[1,0]] is in the closure of the LU set).
		{[]string{"qe", filepath.Join(in, "..", "qe", "lu2_closure_box.qep")}, "true"},
		// cyclic5: reduced grevlex basis of 20 elements, 70 complex solutions
		// (ANCHORS.md §4: Singular, Giac, SymPy, msolve agree).
		{[]string{"poly", "groebner", "--stats", filepath.Join(in, "gb", "cyclic5.sys")}, "gbsize=20 nsolutions=70"},
		// Control: the identity is not in the closure of the rank-one matrices.
		{[]string{"qe", filepath.Join(in, "..", "qe", "rank1_closure_identity.qep")}, "false"},
	}
	for _, tc := range tests {
		code, out, errs := runCLI(tc.args...)
		if code != 0 || strings.TrimSpace(out) != tc.want {
			t.Errorf("relucad %s: exit %d, got %q, want %q (%s)", strings.Join(tc.args, " "), code, strings.TrimSpace(out), tc.want, errs)
		}
	}
}
