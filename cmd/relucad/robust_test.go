package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHostileInputs: bad or enormous inputs give a clear error (exit code
// 1, a message naming the problem) or a result within a bounded time —
// never a panic or a hang. Cases from the robustness pass; the poly ones
// used to hang (x^99999999 allocated a dense polynomial of 10^8
// coefficients; x^999999 - 1 ran ~10^6 Newton steps).
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.qep", "")
	garbage := write("garbage.bin", "\x00\xff\xfe\x01binary\x80\x81")
	deep := write("deep.txt", strings.Repeat("(", 100000)+"x"+strings.Repeat(")", 100000))
	bigqe := write("big.txt", "ex y ["+strings.Repeat("7", 1000000)+" x y > 1]")
	for _, tc := range []struct {
		args []string
		code int
		want string // substring of stdout+stderr
		out  string // when non-empty: stdout exactly
	}{
		{[]string{"poly", "realroots", "x^99999999 - 1"}, 1, "exceeds the limit", ""},
		{[]string{"poly", "gcd", "x^99999999 - 1", "x^99999998 - 1"}, 1, "exceeds the limit", ""},
		{[]string{"poly", "resultant", "x^99999999 + y", "x y - 1", "x"}, 1, "exceeds the limit", ""},
		{[]string{"poly", "discriminant", "x^99999999 + y", "x"}, 1, "exceeds the limit", ""},
		{[]string{"poly", "realroots", "x^99999 - 1"}, 0, "", "1\n"}, // hand computation: 1 is the only real root
		{[]string{"poly", "realroots", "x^4294967296 - 1"}, 1, "exponent too large", ""},
		{[]string{"poly", "realroots", deep}, 1, "nested too deeply", ""},
		{[]string{"poly", "realroots", empty}, 1, "expected polynomial", ""},
		{[]string{"poly", "realroots", garbage}, 1, "unexpected character", ""},
		{[]string{"poly", "gcd", "x"}, 1, "Usage", ""},
		{[]string{"qe", empty}, 1, "parse error at 1:1", ""},
		{[]string{"qe", garbage}, 1, "parse error at 1:1", ""},
		{[]string{"qe", bigqe}, 1, "numeral longer than", ""},
		{[]string{"qe", "ex x [x^99999999 > 1]"}, 1, "exponent at most", ""},
		{[]string{"qe", "rank([[]]) <= 0"}, 1, "parse error", ""},
		{[]string{"check", "W2=,W1="}, 1, "empty mask", ""},
		{[]string{"check", "W2=/,W1=/"}, 1, "is empty", ""},
		{[]string{"check", "W2=10/11,W1=11"}, 1, "columns", ""},
		{[]string{"check", garbage}, 1, "want W<layer>=<mask>", ""},
		{[]string{"verify", garbage}, 1, "certificate JSON", ""},
		{[]string{"verify", empty}, 1, "certificate JSON", ""},
		{[]string{"census", "--db", filepath.Join(dir, "a.db"), "--shape", "0,0,0"}, 1, "widths must be between", ""},
		{[]string{"atlas", "random", "--db", filepath.Join(dir, "a.db"), "--shape", "2,2,2", "--samples", "0"}, 1, "at least one sample", ""},
		{[]string{"census", "--db", garbage, "--shape", "2,2,2"}, 1, "not an SQLite database", ""},
	} {
		start := time.Now()
		code, out, errs := runCLI(tc.args...)
		d := time.Since(start)
		name := strings.Join(tc.args, " ")
		if len(name) > 80 {
			name = name[:80] + "..."
		}
		if code != tc.code || !strings.Contains(out+errs, tc.want) || tc.out != "" && out != tc.out {
			t.Errorf("%s: exit %d (want %d), output %q, want it to contain %q", name, code, tc.code, trunc(out+errs), tc.want)
		}
		if d > 15*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
}

func trunc(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}
