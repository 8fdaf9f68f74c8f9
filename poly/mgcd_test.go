package poly_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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

// randDense returns a random polynomial of R of total degree at most d:
// each monomial is present with probability density, with a coefficient
// uniform in [-c, c].
func randDense(rng *rand.Rand, R *poly.Ring, d int, density float64, c int64) *poly.Poly {
	n := R.NumVars()
	var ts []poly.Term
	e := make(poly.Monomial, n)
	var walk func(i, left int)
	walk = func(i, left int) {
		if i == n {
			if rng.Float64() < density {
				ts = append(ts, poly.Term{Mon: slices.Clone(e), Coef: big.NewRat(rng.Int64N(2*c+1)-c, 1)})
			}
			return
		}
		for k := 0; k <= left; k++ {
			e[i] = uint32(k)
			walk(i+1, left-k)
		}
		e[i] = 0
	}
	walk(0, d)
	return R.NewPoly(ts)
}

func randDenseNonZero(rng *rand.Rand, R *poly.Ring, d int, density float64, c int64) *poly.Poly {
	for {
		if p := randDense(rng, R, d, density, c); !p.IsZero() {
			return p
		}
	}
}

// TestGCDDenseProperty: f = a·g, h = b·g with random dense a, b, g in 2, 3
// and 4 variables (leading coefficients in the main variable constant or
// not, small or 40-bit coefficients); the dense fast path, when it answers,
// and GCD must equal the subresultant reference, which is a multiple of g.
// The dense path must answer on most small-coefficient inputs.
func TestGCDDenseProperty(t *testing.T) {
	rng := polytest.Rand(t)
	rings := []*poly.Ring{
		poly.MustRing([]string{"x", "y"}, poly.GRevLex),
		mvRing,
		poly.MustRing([]string{"w", "x", "y", "z"}, poly.Lex),
	}
	answered, small := 0, 0
	for it := range polytest.Iters(t, 60) {
		R := rings[it%len(rings)]
		c := int64(20)
		if it%5 == 4 {
			c = 1 << 40
		} else {
			small++
		}
		density := 0.3 + 0.7*rng.Float64()
		dg := 1 + rng.IntN(3)
		g := randDenseNonZero(rng, R, dg, density, c)
		a := randDenseNonZero(rng, R, 1+rng.IntN(3), density, c)
		b := randDenseNonZero(rng, R, 1+rng.IntN(3), density, c)
		f, h := a.Mul(g), b.Mul(g)
		want := poly.GCDSubresultantForTest(f, h)
		if _, err := want.ExactQuo(g); err != nil {
			t.Fatalf("reference GCD(%s, %s) = %s is not a multiple of %s", f, h, want, g)
		}
		if got := poly.GCD(f, h); !got.Equal(want) {
			t.Fatalf("GCD(%s, %s) = %s, want %s", f, h, got, want)
		}
		for name, fast := range map[string]func(f, g *poly.Poly) (*poly.Poly, bool){
			"dense": poly.GCDDenseForTest, "direct": poly.GCDDenseDirectForTest,
		} {
			got, ok := fast(f, h)
			if !ok {
				continue
			}
			if name == "dense" && c == 20 {
				answered++
			}
			polytest.CheckCanonical(t, got)
			if !got.Equal(want) {
				t.Fatalf("%s: GCD(%s, %s) = %s, want %s", name, f, h, got, want)
			}
		}
	}
	t.Logf("dense path answered %d of %d small-coefficient inputs", answered, small)
	if answered*4 < small*3 {
		t.Errorf("dense path answered only %d of %d small-coefficient inputs", answered, small)
	}
}

// TestGCDDenseSmallPrimes runs the dense path with primes below 100, where
// unlucky primes, unlucky evaluation points, exhausted fields and wrong
// early terminations are common: every certified answer must still be the
// GCD (the certificate, not luck, makes the result exact).
func TestGCDDenseSmallPrimes(t *testing.T) {
	rng := polytest.Rand(t)
	R := mvRing
	certified, declined := 0, 0
	for range polytest.Iters(t, 300) {
		g := randDenseNonZero(rng, R, 1+rng.IntN(2), 0.6, 2)
		a := randDenseNonZero(rng, R, 1+rng.IntN(3), 0.6, 2)
		b := randDenseNonZero(rng, R, 1+rng.IntN(3), 0.6, 2)
		f, h := a.Mul(g), b.Mul(g)
		want := poly.GCDSubresultantForTest(f, h)
		for _, start := range []uint64{12, 30, 100} {
			got, ok := poly.GCDDenseSmallPrimesForTest(f, h, start, 3)
			if !ok {
				declined++
				continue
			}
			certified++
			if !got.Equal(want) {
				t.Fatalf("primes below %d: GCD(%s, %s) = %s, want %s", start, f, h, got, want)
			}
		}
	}
	t.Logf("certified %d, declined %d", certified, declined)
	if certified == 0 {
		t.Errorf("no certified answer with small primes")
	}
}

// prevPrime is the largest prime below n (test-side, by math/big).
func prevPrime(n int64) int64 {
	for m := n - 1; ; m-- {
		if big.NewInt(m).ProbablyPrime(20) {
			return m
		}
	}
}

// TestGCDDenseEdge: inputs aimed at the branches of the dense path. The
// dense path's first two primes are the two largest below 2^31 - 1.
func TestGCDDenseEdge(t *testing.T) {
	R := mvRing
	p1 := prevPrime(1<<31 - 1)
	p2 := prevPrime(p1)
	tests := []struct {
		name, f, g, gcd string
		dense           int // 1: the dense path must answer, 0: must decline, -1: either
	}{
		// hand computation: common content (y + z) in the main variable x
		{"content", "(y + z)*(x + y)*(x - 2)", "(y + z)*(x + y)*(x + 3)*y", "x*y + y^2 + x*z + y*z", 1},
		// hand computation: lc_x = y + 1 is not constant
		{"nonmonic", "((y + 1)*x^2 + z*x + 3)*(x*y - z + 1)", "((y + 1)*x^2 + z*x + 3)*(x^2 - y)", "x^2*y + x^2 + x*z + 3", 1},
		// hand computation: the cofactors agree modulo p1, so the first
		// prime's image has degree 2 and the second prime answers
		{"unlucky prime", fmt.Sprintf("(x + y)*(x + %d*y + 1)", p1), fmt.Sprintf("(x + y)*(x + %d*z + 1)", p1), "x + y", 1},
		// hand computation: the first two primes are unlucky, the third
		// answers
		{"two unlucky primes", fmt.Sprintf("(x + y)*(x + %d*y + 1)", p1*p2), fmt.Sprintf("(x + y)*(x + %d*z + 1)", p1*p2), "x + y", 1},
		// hand computation: coefficients beyond 62 bits (math/big boxes),
		// the GCD needs three primes
		{"big coefficients", "(x + 2^70*y)*(x - z)", "(x + 2^70*y)*(x + z)", "x + 1180591620717411303424*y", 1},
		// hand computation: a GCD coefficient above 2^31 needs two primes
		{"two primes", "(3*x + 2^40*y - 1)*(x - z)", "(3*x + 2^40*y - 1)*(x + z^2)", "3*x + 1099511627776*y - 1", 1},
		// hand computation: the GCD is sparse of high degree; the box would
		// be too sparse for the dense path
		{"sparse", "(x^30*y^30*z^30 + 1)*(x - 1)", "(x^30*y^30*z^30 + 1)*(x + 1)", "x^30*y^30*z^30 + 1", 0},
		// hand computation: coprime
		{"coprime", "x^2 + y^2 + 1", "x*y - 1", "1", 1},
		// hand computation: univariate
		{"univariate", "x^3 - 1", "x^2 - 1", "x - 1", 1},
		// hand computation: the GCD is free of the main variable
		{"gcd free of x", "(y^2 + z)*(x^2 + 1)", "(y^2 + z)*(x - 1)*x", "y^2 + z", 1},
		// hand computation: gcd γ·G/lc(G) needs γ = 6 (lc_x 2·3 and 2·5)
		{"gamma", "(2*x + y)*(3*x + z)", "(2*x + y)*(5*x - z)", "2*x + y", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, g, want := R.MustParse(tc.f), R.MustParse(tc.g), R.MustParse(tc.gcd)
			if got := poly.GCD(f, g); !got.Equal(want) {
				t.Errorf("GCD = %s, want %s", got, want)
			}
			if got := poly.GCDSubresultantForTest(f, g); !got.Equal(want) {
				t.Errorf("reference GCD = %s, want %s", got, want)
			}
			got, ok := poly.GCDDenseForTest(f, g)
			if ok && !got.Equal(want) {
				t.Errorf("dense GCD = %s, want %s", got, want)
			}
			if (tc.dense == 1 && !ok) || (tc.dense == 0 && ok) {
				t.Errorf("dense path answered = %v, want %v", ok, tc.dense == 1)
			}
		})
	}
}

// TestDenseDivides checks the int64 dense exact division against ExactQuo.
func TestDenseDivides(t *testing.T) {
	rng := polytest.Rand(t)
	R := mvRing
	for range polytest.Iters(t, 200) {
		// d primitive, so that divisibility over Z and over Q agree (Gauss)
		d := poly.GCD(randDenseNonZero(rng, R, 1+rng.IntN(3), 0.5, 50), R.Zero())
		a := randDenseNonZero(rng, R, rng.IntN(3), 0.5, 50).Mul(d)
		if rng.IntN(2) == 0 {
			a = a.Add(randDense(rng, R, rng.IntN(4), 0.1, 3))
		}
		if a.IsZero() || (a.IsConst() && d.IsConst()) {
			continue // no variables: no box
		}
		divides, overflow, ok := poly.DenseDividesForTest(a, d)
		if !ok || overflow {
			t.Fatalf("DenseDivides(%s, %s): ok %v overflow %v", a, d, ok, overflow)
		}
		_, err := a.ExactQuo(d)
		if divides != (err == nil) {
			t.Fatalf("DenseDivides(%s, %s) = %v, ExactQuo error %v", a, d, divides, err)
		}
	}
	// hand computation: (2^40 x + 1)(2^40 x - 1) overflows the int64
	// remainder updates only through the 2^80 coefficient, which does not fit
	// the box: the conversion declines
	a := R.MustParse("(2^40*x + 1)*(2^40*x - 1)")
	if _, _, ok := poly.DenseDividesForTest(a, R.MustParse("2^40*x + 1")); ok {
		t.Errorf("2^80 coefficient accepted by the int64 box")
	}
	// hand computation: quotient coefficient 2^35 exceeds the 2^31 bound
	a = R.MustParse("(2^35*x + 1)*(x + 1)")
	if _, overflow, ok := poly.DenseDividesForTest(a, R.MustParse("x + 1")); !ok || !overflow {
		t.Errorf("large quotient: ok %v overflow %v, want overflow", ok, overflow)
	}
}

// TestGCDCtxDeadline: a deadline far below the computation's time stops the
// dense path inside its loops with the context's error.
func TestGCDCtxDeadline(t *testing.T) {
	f, g, _ := readGCDInput(t, "gcd4_d8") // about 10 ms of CPU
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Microsecond)
	defer cancel()
	start := time.Now()
	_, err := poly.GCDCtx(ctx, f, g)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v after %v, want deadline exceeded", err, time.Since(start))
	}
}

// TestGCDSplitVars: inputs where some variable occurs in only one of them
// (the GCD is then the GCD of coefficients in fewer variables).
func TestGCDSplitVars(t *testing.T) {
	R := mvRing
	for _, tc := range []struct{ f, g, gcd string }{
		// hand computation: z only in f; both z-coefficients are x + y
		{"(x + y)*(z + 1)", "(x + y)*(x - y)", "x + y"},
		// hand computation: y and z only in f
		{"(x + 1)*z^2 + (x + 1)*y", "(x + 1)*(x + 2)", "x + 1"},
		// hand computation: y only in f, z only in g
		{"(x + 1)*y", "(x + 1)*z", "x + 1"},
		// hand computation: coefficient 1 makes the GCD 1
		{"x*y + 1", "x*z + 1", "1"},
		// hand computation: disjoint variables
		{"y^2 - 1", "x^2 - 1", "1"},
		// hand computation: x only in f, z only in g, common factor y + 1
		{"(y + 1)^2*x", "(y + 1)*y*z", "y + 1"},
	} {
		f, g, want := R.MustParse(tc.f), R.MustParse(tc.g), R.MustParse(tc.gcd)
		for _, p := range [][2]*poly.Poly{{f, g}, {g, f}} {
			if got := poly.GCD(p[0], p[1]); !got.Equal(want) {
				t.Errorf("GCD(%s, %s) = %s, want %s", p[0], p[1], got, want)
			}
			if got := poly.GCDSubresultantForTest(p[0], p[1]); !got.Equal(want) {
				t.Errorf("reference GCD(%s, %s) = %s, want %s", p[0], p[1], got, want)
			}
		}
	}
	// random: a may involve z, b and g do not
	rng := polytest.Rand(t)
	Rxy := poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)
	for range polytest.Iters(t, 40) {
		g := randDenseNonZero(rng, Rxy, 1+rng.IntN(2), 0.6, 9)
		a := randDenseNonZero(rng, Rxy, 1+rng.IntN(2), 0.6, 9)
		b := randDenseNonZero(rng, Rxy, 1+rng.IntN(2), 0.6, 9)
		g, b = g.Eval(2, big.NewRat(int64(rng.IntN(5)), 1)), b.Eval(2, big.NewRat(int64(rng.IntN(5)), 1))
		if g.IsZero() || b.IsZero() {
			continue
		}
		f, h := a.Mul(g), b.Mul(g)
		if got, want := poly.GCD(f, h), poly.GCDSubresultantForTest(f, h); !got.Equal(want) {
			t.Fatalf("GCD(%s, %s) = %s, want %s", f, h, got, want)
		}
	}
}

// randSparse returns a random polynomial of R with at most nterms terms,
// each a product of one to three powers (exponents 1..maxdeg) of random
// variables, with coefficients in [-9, 9].
func randSparse(rng *rand.Rand, R *poly.Ring, nterms, maxdeg int) *poly.Poly {
	var ts []poly.Term
	for range nterms {
		m := make(poly.Monomial, R.NumVars())
		for range 1 + rng.IntN(3) {
			m[rng.IntN(len(m))] += uint32(1 + rng.IntN(maxdeg))
		}
		ts = append(ts, poly.Term{Mon: m, Coef: big.NewRat(int64(rng.IntN(19)-9), 1)})
	}
	return R.NewPoly(ts)
}

// TestGCDZippel: sparse products in 4 to 8 variables; the Zippel path,
// with large primes and with primes below 100 (where unlucky points,
// clashing Vandermonde nodes and wrong skeletons are common), must return
// the reference GCD whenever it certifies an answer, and must answer most
// of the large-prime cases.
func TestGCDZippel(t *testing.T) {
	rng := polytest.Rand(t)
	answered, total, small := 0, 0, 0
	for it := range polytest.Iters(t, 60) {
		nv := 4 + it%5
		names := make([]string, nv)
		for i := range names {
			names[i] = fmt.Sprintf("v%d", i)
		}
		R := poly.MustRing(names, poly.GRevLex)
		// (small enough for the subresultant reference to stay fast)
		g := randSparse(rng, R, 2+rng.IntN(3), 2)
		a := randSparse(rng, R, 2+rng.IntN(3), 2)
		b := randSparse(rng, R, 2+rng.IntN(3), 2)
		f, h := a.Mul(g), b.Mul(g)
		if f.IsZero() || h.IsZero() {
			continue
		}
		want := poly.GCDSubresultantForTest(f, h)
		if got := poly.GCD(f, h); !got.Equal(want) {
			t.Fatalf("GCD(%s, %s) = %s, want %s", f, h, got, want)
		}
		total++
		if got, ok := poly.GCDZippelForTest(f, h, 1<<31-1, 2); ok {
			answered++
			if !got.Equal(want) {
				t.Fatalf("Zippel GCD(%s, %s) = %s, want %s", f, h, got, want)
			}
		}
		for _, start := range []uint64{8, 20, 100} {
			if got, ok := poly.GCDZippelForTest(f, h, start, 3); ok {
				small++
				if !got.Equal(want) {
					t.Fatalf("Zippel, primes below %d: GCD(%s, %s) = %s, want %s", start, f, h, got, want)
				}
			}
		}
	}
	t.Logf("Zippel answered %d of %d (large primes), %d certified with small primes", answered, total, small)
	if answered*2 < total {
		t.Errorf("Zippel answered only %d of %d", answered, total)
	}
}
