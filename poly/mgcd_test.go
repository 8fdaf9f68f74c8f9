package poly_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

// gcdTests: one row checks GCD (both algorithms), GCDCofactors and the
// identities f = h·cf, g = h·cg.
var gcdTests = []struct{ f, g, gcd string }{
	{"0", "0", "0"}, // convention GCD(0,0) = 0
	{"0", "-2*x + 4", "x - 2"},
	{"3/4", "0", "1"},
	{"6", "4", "1"}, // over Q every nonzero constant is a unit
	// hand computation (PARI/GP 2.15.2 gcd gives -x - y, the same up to sign)
	{"x^2 - y^2", "x^2 + 2*x*y + y^2", "x + y"},
	// hand computation: rational inputs, gcd (x + 1)
	{"1/2*x^2 - 1/2", "3*x + 3", "x + 1"},
	// hand computation: (x*y + z)^2 (x - z) and (x*y + z)(y + 1)
	{"x^3*y^2 - x^2*y^2*z + 2*x^2*y*z - 2*x*y*z^2 + x*z^2 - z^3", "x*y^2 + x*y + y*z + z", "x*y + z"},
	// hand computation: content-only gcd, y*z common
	{"x*y*z + y*z", "y^2*z - y*z^2", "y*z"},
	// coprime
	{"x^2 + y^2 + 1", "x*y - 1", "1"},
}

func TestGCDTable(t *testing.T) {
	R := mvRing
	for i, tc := range gcdTests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			f, g, want := R.MustParse(tc.f), R.MustParse(tc.g), R.MustParse(tc.gcd)
			snap := polytest.Take(f, g)
			for name, gcd := range map[string]func(f, g *poly.Poly) *poly.Poly{
				"dispatch": poly.GCD, "subresultant": poly.GCDSubresultantForTest,
			} {
				if got := gcd(f, g); !got.Equal(want) {
					t.Errorf("%s: GCD(%s, %s) = %s, want %s", name, f, g, got, want)
				}
				if got := gcd(g, f); !got.Equal(want) {
					t.Errorf("%s: GCD(%s, %s) = %s, want %s", name, g, f, got, want)
				}
			}
			h, cf, cg := poly.GCDCofactors(f, g)
			polytest.CheckCanonical(t, h, cf, cg)
			if !h.Equal(want) || !h.Mul(cf).Equal(f) || !h.Mul(cg).Equal(g) {
				t.Errorf("GCDCofactors(%s, %s) = %s, %s, %s", f, g, h, cf, cg)
			}
			snap.Check(t)
		})
	}
}

// TestGCDKnownFactor builds f = a·g, h = b·g and checks GCD(f, h) =
// norm(g·GCD(a, b)), for both algorithms, with cofactors.
func TestGCDKnownFactor(t *testing.T) {
	rng := polytest.Rand(t)
	R := mvRing
	for range polytest.Iters(t, 40) {
		g := polytest.RandNonZeroPoly(rng, R, 2, 5, -5)
		a := polytest.RandNonZeroPoly(rng, R, 2, 5, -5)
		b := polytest.RandNonZeroPoly(rng, R, 2, 5, -5)
		f, h := a.Mul(g), b.Mul(g)
		want := poly.GCD(g.Mul(poly.GCDSubresultantForTest(a, b)), R.Zero())
		for name, gcd := range map[string]func(f, g *poly.Poly) *poly.Poly{
			"dispatch": poly.GCD, "subresultant": poly.GCDSubresultantForTest,
		} {
			got := gcd(f, h)
			polytest.CheckCanonical(t, got)
			if !got.Equal(want) {
				t.Fatalf("%s: GCD(%s, %s) = %s, want %s", name, f, h, got, want)
			}
		}
		d, cf, ch := poly.GCDCofactors(f, h)
		if !d.Mul(cf).Equal(f) || !d.Mul(ch).Equal(h) {
			t.Fatalf("cofactor identity fails for f=%s h=%s", f, h)
		}
		if c := poly.GCD(cf, ch); !c.IsOne() {
			t.Fatalf("cofactors %s, %s not coprime (gcd %s)", cf, ch, c)
		}
	}
}

func TestContentIn(t *testing.T) {
	R := mvRing
	// hand computation: 2x^2 y^2 + 2x^2 y - x y z - x z = x (y + 1)(2xy - z)
	f := R.MustParse("2*x^2*y^2 + 2*x^2*y - x*y*z - x*z")
	for _, tc := range []struct{ v, cont, pp string }{
		{"z", "x*y + x", "2*x*y - z"},
		{"y", "x", "2*x*y^2 + 2*x*y - y*z - z"},
		{"x", "y + 1", "2*x^2*y - x*z"},
	} {
		v, _ := R.VarIndex(tc.v)
		c, p := poly.ContentIn(f, v), poly.PrimitivePartIn(f, v)
		if !c.Equal(R.MustParse(tc.cont)) || !p.Equal(R.MustParse(tc.pp)) || !c.Mul(p).Equal(f) {
			t.Errorf("content in %s: %s, pp %s", tc.v, c, p)
		}
	}
}

func TestSquareFree(t *testing.T) {
	R := mvRing
	// hand computation: -3 (x - y)^2 (x y + 1)^3 z
	f := R.MustParse("-3*(x - y)^2*(x*y + 1)^3*z")
	got := poly.SquareFree(f)
	want := []poly.Factor{{R.MustParse("-3"), 1}, {R.MustParse("z"), 1}, {R.MustParse("x - y"), 2}, {R.MustParse("x*y + 1"), 3}}
	if len(got) != len(want) {
		t.Fatalf("SquareFree(%s) = %v", f, got)
	}
	for i := range got {
		if !got[i].Poly.Equal(want[i].Poly) || got[i].Mult != want[i].Mult {
			t.Errorf("factor %d: %s^%d, want %s^%d", i, got[i].Poly, got[i].Mult, want[i].Poly, want[i].Mult)
		}
	}
	rng := polytest.Rand(t)
	for range polytest.Iters(t, 20) {
		f := R.One()
		for k := 1; k <= 3; k++ {
			f = f.Mul(polytest.RandNonZeroPoly(rng, R, 2, 3, 4).Pow(uint(k)))
		}
		fs := poly.SquareFree(f)
		prod := R.One()
		for i, fm := range fs {
			prod = prod.Mul(fm.Poly.Pow(uint(fm.Mult)))
			if fm.Poly.IsConst() {
				continue
			}
			// char 0: square-free iff gcd(p, ∂p/∂x, ∂p/∂y, ∂p/∂z) = 1
			g := fm.Poly
			for v := range 3 {
				g = poly.GCD(g, fm.Poly.Deriv(v))
			}
			if !g.IsOne() {
				t.Fatalf("factor %s of %s not square-free", fm.Poly, f)
			}
			for _, other := range fs[i+1:] {
				if g := poly.GCD(fm.Poly, other.Poly); !g.IsConst() {
					t.Fatalf("factors %s and %s not coprime", fm.Poly, other.Poly)
				}
			}
		}
		if !prod.Equal(f) {
			t.Fatalf("SquareFree(%s) multiplies back to %s", f, prod)
		}
	}
}

// TestGCDVersusPARI: random products compared with PARI/GP's gcd (up to
// normalization).
func TestGCDVersusPARI(t *testing.T) {
	gpPath(t)
	rng := polytest.Rand(t)
	R := mvRing
	n := polytest.Iters(t, 20)
	var fs, gs []*poly.Poly
	var sb strings.Builder
	for range n {
		c := polytest.RandNonZeroPoly(rng, R, 2, 4, -6)
		f := polytest.RandNonZeroPoly(rng, R, 2, 4, -6).Mul(c)
		g := polytest.RandNonZeroPoly(rng, R, 2, 4, -6).Mul(c)
		fs, gs = append(fs, f), append(gs, g)
		fmt.Fprintf(&sb, "print(gcd(%s, %s));\n", f, g)
	}
	out := runGP(t, sb.String())
	if len(out) != n {
		t.Fatalf("gp printed %d lines, want %d", len(out), n)
	}
	for i := range fs {
		want := poly.GCD(R.MustParse(out[i]), R.Zero())
		if got := poly.GCD(fs[i], gs[i]); !got.Equal(want) {
			t.Errorf("GCD(%s, %s) = %s, PARI %s", fs[i], gs[i], got, want)
		}
	}
}

func readGCDInput(tb testing.TB, name string) (f, g, want *poly.Poly) {
	dir := filepath.Join(benchInputs(tb), "gcd")
	b, err := os.ReadFile(filepath.Join(dir, name+".vars"))
	if err != nil {
		tb.Fatal(err)
	}
	R := poly.MustRing(strings.Split(strings.TrimSpace(string(b)), ","), poly.GRevLex)
	return readPolyFile(tb, R, filepath.Join(dir, name+".f")),
		readPolyFile(tb, R, filepath.Join(dir, name+".g")),
		readPolyFile(tb, R, filepath.Join(dir, name+".gcd"))
}

// TestGCDBenchInputs: the known answers of ../shared/bench/inputs/gcd
// (ANCHORS.md §4: the gcd is ±g).
func TestGCDBenchInputs(t *testing.T) {
	names := []string{"gcd3_d6", "gcd4_d5", "gcd3_d10", "gcd4_d8"}
	if testing.Short() {
		names = names[:1]
	}
	for _, name := range names {
		f, g, want := readGCDInput(t, name)
		want = poly.GCD(want, want.Ring().Zero())
		if got := poly.GCD(f, g); !got.Equal(want) {
			t.Errorf("%s: wrong gcd (%d terms, want %d)", name, got.NumTerms(), want.NumTerms())
		}
	}
}

func BenchmarkGCD(b *testing.B) {
	for _, name := range []string{"gcd3_d6", "gcd3_d10", "gcd4_d5", "gcd4_d8"} {
		f, g, _ := readGCDInput(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				poly.GCD(f, g)
			}
		})
	}
}

func TestGCDCtx(t *testing.T) {
	f, g, want := readGCDInput(t, "gcd3_d6")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := poly.GCDCtx(ctx, f, g); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err = %v", err)
	}
	h, err := poly.GCDCtx(context.Background(), f, g)
	if err != nil || !h.Equal(poly.GCD(want, want.Ring().Zero())) {
		t.Fatalf("GCDCtx: %v", err)
	}
}
