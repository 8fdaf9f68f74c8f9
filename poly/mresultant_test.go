package poly_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

var mvRing = poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)

// resultantTests: Res_v(f, g) and, when disc is set, Disc_v(f).
var resultantTests = []struct {
	f, g, v, res string
	disc         string
}{
	// hand computation: Res_y(y^2 + x^2 - 1, x - y) = (-1)^2 f(y = x)
	{"x^2 + y^2 - 1", "x - y", "y", "2*x^2 - 1", "-4*x^2 + 4"},
	// PARI/GP 2.15.2: polresultant(x^3*y+2*y^2-x, 3*y^3-x*y+x^2-1, y)
	{"x^3*y + 2*y^2 - x", "3*y^3 - x*y + x^2 - 1", "y",
		"-3*x^11 + 3*x^9 + 3*x^8 - 14*x^6 + 22*x^4 - x^3 - 16*x^2 + 8", ""},
	// PARI/GP 2.15.2: polresultant(3*x^2*y^2 - 5*x + y, 7*y - 2*x*y^3 + 1, x)
	{"3*x^2*y^2 - 5*x + y", "7*y - 2*x*y^3 + 1", "x", "4*y^7 + 77*y^4 + 32*y^3 + 3*y^2", ""},
	// PARI/GP 2.15.2: poldisc(y^4 - 2*x*y^2 + x^3, y)
	{"y^4 - 2*x*y^2 + x^3", "1", "y", "1", "256*x^9 - 512*x^8 + 256*x^7"},
	// PARI/GP 2.15.2: poldisc(x^3*y^3+2*y^2-x*y+5, y)
	{"x^3*y^3 + 2*y^2 - x*y + 5", "0", "y", "0", "-671*x^6 - 180*x^4 + 4*x^2 - 160"},
	// conventions (PARI/GP 2.15.2: polresultant(2,3)=1, polresultant(x^2+1,3)=9)
	{"2", "3", "x", "1", "0"},
	{"x^2 + 1", "3", "x", "9", "-4"},
	{"3", "x^2 + 1", "x", "9", ""},
	// hand computation: Res(ax + b, cx + d) = ad - bc = (1/2)(-y) - (-1)(1)
	{"1/2*x - 1", "x - y", "x", "-1/2*y + 1", "1"},
	// hand computation: the generic quadratic b^2 - 4ac (variables renamed)
	{"x*z^2 + y*z + 1", "z", "z", "1", "y^2 - 4*x"},
}

func TestResultantTable(t *testing.T) {
	R := mvRing
	for i, tc := range resultantTests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			f, g := R.MustParse(tc.f), R.MustParse(tc.g)
			v, _ := R.VarIndex(tc.v)
			want := R.MustParse(tc.res)
			snap := polytest.Take(f, g)
			for name, res := range map[string]func(f, g *poly.Poly, v int) *poly.Poly{
				"dispatch": poly.Resultant, "prs": poly.ResultantSubresultantForTest,
				"modular": poly.ResultantModularForTest,
			} {
				got := res(f, g, v)
				polytest.CheckCanonical(t, got)
				if !got.Equal(want) {
					t.Errorf("%s: Res_%s(%s, %s) = %s, want %s", name, tc.v, f, g, got, want)
				}
			}
			snap.Check(t)
			if tc.disc != "" {
				want := R.MustParse(tc.disc)
				for name, disc := range map[string]func(f *poly.Poly, v int) *poly.Poly{
					"dispatch": poly.Discriminant, "prs": poly.DiscriminantSubresultantForTest,
					"modular": poly.DiscriminantModularForTest,
				} {
					if got := disc(f, v); !got.Equal(want) {
						t.Errorf("%s: Disc_%s(%s) = %s, want %s", name, tc.v, f, got, want)
					}
				}
			}
		})
	}
}

func mvRandPoly(rng *rand.Rand, R *poly.Ring, deg, terms, bits int) *poly.Poly {
	return polytest.RandPoly(rng, R, deg, terms, -bits)
}

// TestSubresultantsAgainstDefinition compares the subresultant chain with
// Bareiss determinants of the Sylvester submatrices, and S_0 with every
// resultant variant.
func TestSubresultantsAgainstDefinition(t *testing.T) {
	rng := polytest.Rand(t)
	R := mvRing
	for it := range polytest.Iters(t, 60) {
		nv := 1 + it%2
		deg := 1 + rng.IntN(5)
		Rv := poly.MustRing([]string{"x", "y"}[:nv], poly.Lex)
		f := polytest.RandPoly(rng, Rv, deg, 6, -6)
		g := polytest.RandPoly(rng, Rv, 1+rng.IntN(5), 6, -6)
		if it%7 == 0 { // common factor: many vanishing subresultants
			h := polytest.RandPoly(rng, Rv, 2, 3, -4)
			f, g = f.Mul(h), g.Mul(h)
		}
		if it%5 == 0 { // rational coefficients
			f = f.ScaleRat(polytest.RandRat(rng, 4))
		}
		_ = R
		v := 0
		S := poly.Subresultants(f, g, v)
		D := poly.SubresultantsDetForTest(f, g, v)
		if len(S) != len(D) {
			t.Fatalf("f=%s g=%s: %d subresultants, definition has %d", f, g, len(S), len(D))
		}
		for j := range S {
			if !S[j].Equal(D[j]) {
				t.Fatalf("f=%s g=%s: S_%d = %s, definition %s", f, g, j, S[j], D[j])
			}
		}
		res := poly.Resultant(f, g, v)
		if len(S) > 0 && !res.Equal(S[0]) {
			t.Fatalf("f=%s g=%s: Res = %s but S_0 = %s", f, g, res, S[0])
		}
		for _, alt := range []*poly.Poly{poly.ResultantSubresultantForTest(f, g, v), poly.ResultantModularForTest(f, g, v)} {
			if !alt.Equal(res) {
				t.Fatalf("f=%s g=%s: resultant variants disagree: %s vs %s", f, g, alt, res)
			}
		}
		psc := poly.PrincipalSubresultantCoeffs(f, g, v)
		for j := range psc {
			if psc[j].Degree(v) > 0 {
				t.Fatalf("psc_%d contains the variable", j)
			}
		}
		// Res(g, f) = (-1)^{pq} Res(f, g)
		p, q := f.Degree(v), g.Degree(v)
		rev := poly.Resultant(g, f, v)
		if p*q%2 == 1 {
			rev = rev.Neg()
		}
		if p >= 0 && q >= 0 && !rev.Equal(res) {
			t.Fatalf("f=%s g=%s: Res(g,f) sign rule fails", f, g)
		}
	}
}

// TestResultantMultiplicative checks Res(f·g, h) = Res(f, h)·Res(g, h) in
// three variables, with all variants.
func TestResultantMultiplicative(t *testing.T) {
	rng := polytest.Rand(t)
	R := mvRing
	for range polytest.Iters(t, 20) {
		f := polytest.RandNonZeroPoly(rng, R, 2, 4, 5)
		g := polytest.RandNonZeroPoly(rng, R, 2, 4, 5)
		h := polytest.RandNonZeroPoly(rng, R, 2, 4, 5)
		v := rng.IntN(3)
		lhs := poly.Resultant(f.Mul(g), h, v)
		rhs := poly.Resultant(f, h, v).Mul(poly.Resultant(g, h, v))
		if !lhs.Equal(rhs) {
			t.Fatalf("Res(fg,h) != Res(f,h)Res(g,h) for f=%s g=%s h=%s v=%d", f, g, h, v)
		}
		if m := poly.ResultantModularForTest(f.Mul(g), h, v); !m.Equal(lhs) {
			t.Fatalf("modular resultant differs for fg=%s h=%s v=%d", f.Mul(g), h, v)
		}
	}
}

// gpPath returns the PARI/GP binary or skips.
func gpPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("gp")
	if err != nil {
		t.Skip("PARI/GP (gp) not installed")
	}
	return p
}

// runGP runs a gp script and returns its output lines.
func runGP(t *testing.T, script string) []string {
	t.Helper()
	cmd := exec.Command(gpPath(t), "-q", "-f", "--default", "colors=no")
	cmd.Stdin = strings.NewReader(script + "\nquit;\n")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("gp: %v\n%s", err, out.String())
	}
	return strings.Split(strings.TrimSpace(out.String()), "\n")
}

// TestResultantVersusPARI: random trivariate inputs, resultant and
// discriminant compared with PARI/GP's polresultant and poldisc.
func TestResultantVersusPARI(t *testing.T) {
	gpPath(t)
	rng := polytest.Rand(t)
	R := mvRing
	names := []string{"x", "y", "z"}
	n := polytest.Iters(t, 30)
	type row struct {
		f, g *poly.Poly
		v    int
	}
	var rows []row
	var sb strings.Builder
	for range n {
		f := polytest.RandNonZeroPoly(rng, R, 3, 5, 6)
		g := polytest.RandNonZeroPoly(rng, R, 3, 5, 6)
		v := rng.IntN(3)
		rows = append(rows, row{f, g, v})
		fmt.Fprintf(&sb, "print(polresultant(%s, %s, %s));\n", f, g, names[v])
		fmt.Fprintf(&sb, "print(if(poldegree(%s, %s) > 0, poldisc(%s, %s), 0));\n", f, names[v], f, names[v])
	}
	out := runGP(t, sb.String())
	if len(out) != 2*n {
		t.Fatalf("gp printed %d lines, want %d:\n%s", len(out), 2*n, strings.Join(out, "\n"))
	}
	for i, r := range rows {
		want := R.MustParse(out[2*i])
		if got := poly.Resultant(r.f, r.g, r.v); !got.Equal(want) {
			t.Errorf("Res_%s(%s, %s) = %s, PARI %s", names[r.v], r.f, r.g, got, want)
		}
		want = R.MustParse(out[2*i+1])
		if got := poly.Discriminant(r.f, r.v); !got.Equal(want) {
			t.Errorf("Disc_%s(%s) = %s, PARI %s", names[r.v], r.f, got, want)
		}
	}
}

// benchInputs returns ../shared/bench/inputs relative to the repository
// root, or skips.
func benchInputs(tb testing.TB) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "shared", "bench", "inputs")
	if _, err := os.Stat(dir); err != nil {
		tb.Skip("benchmark inputs not found: ", dir)
	}
	return dir
}

func readPolyFile(tb testing.TB, R *poly.Ring, path string) *poly.Poly {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := R.Parse(strings.TrimSpace(string(b)))
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return p
}

func BenchmarkResultantBivar(b *testing.B) {
	dir := benchInputs(b)
	R := poly.MustRing([]string{"x", "y"}, poly.Lex)
	for _, name := range []string{"bivar_d10", "bivar_d15", "bivar_d20"} {
		f := readPolyFile(b, R, filepath.Join(dir, "res", name+".f"))
		g := readPolyFile(b, R, filepath.Join(dir, "res", name+".g"))
		b.Run(name+"/res", func(b *testing.B) {
			for b.Loop() {
				poly.Resultant(f, g, 1)
			}
		})
		b.Run(name+"/disc", func(b *testing.B) {
			for b.Loop() {
				poly.Discriminant(f, 1)
			}
		})
	}
}

// TestResultantBenchInput checks the bivar_d10 resultant against the
// checksum of ANCHORS.md §4 (degree 100 in x) and the two algorithms
// against each other.
func TestResultantBenchInput(t *testing.T) {
	dir := benchInputs(t)
	R := poly.MustRing([]string{"x", "y"}, poly.Lex)
	f := readPolyFile(t, R, filepath.Join(dir, "res", "bivar_d10.f"))
	g := readPolyFile(t, R, filepath.Join(dir, "res", "bivar_d10.g"))
	m := poly.ResultantModularForTest(f, g, 1)
	s := poly.ResultantSubresultantForTest(f, g, 1)
	if !m.Equal(s) {
		t.Fatal("modular and subresultant resultants differ on bivar_d10")
	}
	// ANCHORS.md §5d: resultant degree in x is 100
	if d := m.Degree(0); d != 100 {
		t.Errorf("deg_x Res = %d, want 100", d)
	}
}

// TestResultantCtx: the Ctx variants agree with the plain ones and return
// promptly with an error wrapping the context's when it is cancelled or
// past its deadline.
func TestResultantCtx(t *testing.T) {
	dir := benchInputs(t)
	R := poly.MustRing([]string{"x", "y"}, poly.Lex)
	f := readPolyFile(t, R, filepath.Join(dir, "res", "bivar_d20.f"))
	g := readPolyFile(t, R, filepath.Join(dir, "res", "bivar_d20.g"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := poly.ResultantCtx(ctx, f, g, 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err = %v", err)
	}
	if _, err := poly.DiscriminantCtx(ctx, f, 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err = %v", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := poly.ResultantCtx(ctx, f, g, 1)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("deadline: err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("returned after %v with a 5ms deadline", d)
	}
	f10 := readPolyFile(t, R, filepath.Join(dir, "res", "bivar_d10.f"))
	g10 := readPolyFile(t, R, filepath.Join(dir, "res", "bivar_d10.g"))
	r, err := poly.ResultantCtx(context.Background(), f10, g10, 1)
	if err != nil || !r.Equal(poly.Resultant(f10, g10, 1)) {
		t.Fatalf("ResultantCtx differs from Resultant (err %v)", err)
	}
}
