package poly_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

// checkFactorization: the product is f, factors are primitive with
// positive leading coefficient, and (when want ≥ 0) the number of
// irreducible factors with multiplicity matches.
func checkFactorization(t *testing.T, f *poly.Poly, fs []poly.Factor) {
	t.Helper()
	prod := f.Ring().One()
	for _, fm := range fs {
		polytest.CheckCanonical(t, fm.Poly)
		prod = prod.Mul(fm.Poly.Pow(uint(fm.Mult)))
		if !fm.Poly.IsConst() && fm.Poly.LeadCoeff().Sign() <= 0 {
			t.Errorf("factor %s has a negative leading coefficient", fm.Poly)
		}
	}
	if !prod.Equal(f) {
		t.Fatalf("factors of %s multiply to %s", f, prod)
	}
}

func countFactors(fs []poly.Factor) int {
	n := 0
	for _, fm := range fs {
		if !fm.Poly.IsConst() {
			n += fm.Mult
		}
	}
	return n
}

var factorTests = []struct {
	f string
	n int // irreducible factors with multiplicity
}{
	// number of divisors of 12 (cyclotomic factors Φ_d, d | 12): 6
	{"x^12 - 1", 6},
	// divisors of 30: 8
	{"x^30 - 1", 8},
	// Swinnerton-Dyer S_3 (√2, √3, √5): irreducible, splits into quadratics mod every prime
	{"x^8 - 40*x^6 + 352*x^4 - 960*x^2 + 576", 1},
	// Swinnerton-Dyer S_4 (√2, √3, √5, √7): PARI/GP 2.15.2, iterated polresultant; irreducible
	{"x^16 - 136*x^14 + 6476*x^12 - 141912*x^10 + 1513334*x^8 - 7453176*x^6 + 13950764*x^4 - 5596840*x^2 + 46225", 1},
	// PARI/GP 2.15.2: #factor(x^105-1)~ = 8 (the divisors of 105)
	{"x^105 - 1", 8},
	// hand computation: (2x + 1)^2 (3x - 1)(x^2 + 1), with constant 5/2
	{"5/2*(2*x + 1)^2*(3*x - 1)*(x^2 + 1)", 4},
	// Wilkinson W(10)
	{"(x-1)*(x-2)*(x-3)*(x-4)*(x-5)*(x-6)*(x-7)*(x-8)*(x-9)*(x-10)", 10},
	// x^4 + 1 is irreducible over Q but reducible mod every prime
	{"x^4 + 1", 1},
	// bivariate: x^2 - y^2 = (x - y)(x + y); (x^2 + y^2 + 1) irreducible
	{"x^2 - y^2", 2},
	{"x^2 + y^2 + 1", 1},
	// hand computation: (x*y - 1)(x + y^2)(x - y)^2 y
	{"(x*y - 1)*(x + y^2)*(x - y)^2*y", 5},
	// trivariate: (x + y + z)(x*y*z - 2)
	{"(x + y + z)*(x*y*z - 2)", 2},
	{"x^3 + y^3 + z^3 - 3*x*y*z", 2}, // (x + y + z)(x^2 + y^2 + z^2 - xy - yz - zx)
	// hand-built: three trivariate irreducibles, one squared
	{"(x*y + z)*(x + y*z)^2*(x*z - y + 1)", 4},
	{"(x^2 + y^2 + z^2 + 1)*(x*y*z + x + 2)", 2},
	{"7", 0},
	// hand: x^8 - y and x^2 - y - 1 are linear in y, hence irreducible; at
	// y = 1 the image (x^8 - 1)(x^2 - 2) has 5 factors over Z, so the
	// bivariate recombination must try subsets of size 2
	{"(x^8 - y)*(x^2 - y - 1)", 2},
	{"(x^4 - y^3)*(x^8 - y)", 2}, // x^4 - y^3: gcd(4, 3) = 1, irreducible (hand)
	// hand: leading coefficient in x depends on y: (y*x^2 + 1)(y^2*x - 3)(x + y)
	{"(y*x^2 + 1)*(y^2*x - 3)*(x + y)", 3},
}

func TestFactorTable(t *testing.T) {
	R := mvRing
	for i, tc := range factorTests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			f := R.MustParse(tc.f)
			fs, err := poly.Factorize(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			checkFactorization(t, f, fs)
			if n := countFactors(fs); n != tc.n {
				t.Errorf("%s: %d factors %v, want %d", f, n, fs, tc.n)
			}
		})
	}
}

// TestFactorRandomProducts multiplies random polynomials and checks that
// the factorization multiplies back and has at least as many factors.
func TestFactorRandomProducts(t *testing.T) {
	rng := polytest.Rand(t)
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	for it := range polytest.Iters(t, 20) {
		nv := 1 + it%3
		Rv := poly.MustRing([]string{"x", "y", "z"}[:nv], poly.GRevLex)
		_ = R
		f := Rv.One()
		k := 0
		deg := 3
		if nv == 3 {
			deg = 2
		}
		for range 3 {
			g := polytest.RandPoly(rng, Rv, deg, 4, -5)
			if g.IsConst() {
				continue
			}
			f = f.Mul(g)
			k++
		}
		fs, err := poly.Factorize(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		checkFactorization(t, f, fs)
		// the Hensel-based method agrees with the Kronecker reference
		// (bivariate only: the pure Kronecker reference is exponential and
		// can take minutes on trivariate products)
		if nv == 2 {
			ref, err := poly.FactorizeKroneckerForTest(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(ref) != fmt.Sprint(fs) {
				t.Fatalf("%s: Hensel %v, Kronecker %v", f, fs, ref)
			}
		}
		if countFactors(fs) < k {
			t.Fatalf("%s: %d factors, built from %d", f, countFactors(fs), k)
		}
		// factors are irreducible: refactoring each gives itself
		for _, fm := range fs {
			if fm.Poly.IsConst() {
				continue
			}
			sub, err := poly.Factorize(context.Background(), fm.Poly)
			if err != nil {
				t.Fatal(err)
			}
			if countFactors(sub) != 1 {
				t.Fatalf("factor %s of %s is reducible: %v", fm.Poly, f, sub)
			}
		}
	}
}

// TestFactorVersusPARI compares the multiset of factors with PARI/GP's
// factor on random univariate products.
func TestFactorVersusPARI(t *testing.T) {
	gpPath(t)
	rng := polytest.Rand(t)
	R := poly.MustRing([]string{"x"}, poly.Lex)
	n := polytest.Iters(t, 15)
	var fs []*poly.Poly
	var sb strings.Builder
	for range n {
		f := R.One()
		for range 3 {
			f = f.Mul(polytest.RandNonZeroPoly(rng, R, 6, 7, -6))
		}
		fs = append(fs, f)
		fmt.Fprintf(&sb, "{my(F=factor(%s)); for(i=1,#F~, if(poldegree(F[i,1])>0, print(F[i,1], \" \", F[i,2])))}; print(\"END\");\n", f)
	}
	out := runGP(t, sb.String())
	k := 0
	for _, f := range fs {
		want := map[string]int{}
		for ; out[k] != "END"; k++ {
			sp := strings.LastIndex(out[k], " ")
			p := poly.GCD(R.MustParse(out[k][:sp]), R.Zero())
			var m int
			fmt.Sscan(out[k][sp+1:], &m)
			want[p.String()] += m
		}
		k++
		got, err := poly.Factorize(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]int{}
		for _, fm := range got {
			if !fm.Poly.IsConst() {
				have[fm.Poly.String()] += fm.Mult
			}
		}
		if fmt.Sprint(have) != fmt.Sprint(want) {
			t.Errorf("factor(%s) = %v, PARI %v", f, have, want)
		}
	}
}

// benchBivariateProduct returns the product of three seeded random dense
// bivariate polynomials of total degree d with coefficients in [-99, 99]
// (irreducible with high probability; the factor count is checked).
func benchBivariateProduct(d int) *poly.Poly {
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	rng := rand.New(rand.NewPCG(uint64(d), 20261127))
	f := R.One()
	for range 3 {
		var ts []poly.Term
		for i := 0; i <= d; i++ {
			for j := 0; i+j <= d; j++ {
				c := int64(rng.IntN(199)) - 99
				ts = append(ts, poly.Term{Mon: poly.Monomial{uint32(i), uint32(j)}, Coef: big.NewRat(c, 1)})
			}
		}
		f = f.Mul(R.NewPoly(ts))
	}
	return f
}

// BenchmarkFactorBivariate: issue 3's factorization target (d = 10,
// against Singular's factorize, which takes a few milliseconds here).
func BenchmarkFactorBivariate(b *testing.B) {
	for _, d := range []int{3, 5, 10} {
		f := benchBivariateProduct(d)
		b.Run(fmt.Sprintf("d%d", d), func(b *testing.B) {
			for b.Loop() {
				fs, err := poly.Factorize(context.Background(), f)
				if err != nil || countFactors(fs) != 3 {
					b.Fatalf("factors %v, err %v", fs, err)
				}
			}
		})
	}
}

// BenchmarkFactorBenchInputs times the factor class of bench/run.sh
// (bench/inputs/factor, generated by bench/gen_factor.py) in process.
func BenchmarkFactorBenchInputs(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "bench", "inputs", "factor", "*.poly"))
	if len(files) == 0 {
		b.Skip("bench/inputs/factor not found")
	}
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		f := R.MustParse(string(data))
		b.Run(strings.TrimSuffix(filepath.Base(file), ".poly"), func(b *testing.B) {
			for b.Loop() {
				fs, err := poly.Factorize(context.Background(), f)
				if err != nil || countFactors(fs) != 3 {
					b.Fatalf("factors %v, err %v", fs, err)
				}
			}
		})
	}
}

// normalizedFactors maps each non-constant factor (primitive over Z,
// positive leading coefficient: poly.GCD(p, 0)) to its multiplicity.
func normalizedFactors(fs []poly.Factor) map[string]int {
	out := map[string]int{}
	for _, fm := range fs {
		if !fm.Poly.IsConst() {
			out[poly.GCD(fm.Poly, fm.Poly.Ring().Zero()).String()] += fm.Mult
		}
	}
	return out
}

// TestFactorBenchInputs: the inputs of bench/run.sh's factor class factor
// into exactly the three polynomials bench/gen_factor.py multiplied (their
// irreducibility checked by Singular 4.3.1's factorize, gen_factor.py
// --check).
func TestFactorBenchInputs(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "bench", "inputs", "factor", "*.poly"))
	if len(files) == 0 {
		t.Skip("bench/inputs/factor not found")
	}
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		fdata, err := os.ReadFile(strings.TrimSuffix(file, ".poly") + ".factors")
		if err != nil {
			t.Fatal(err)
		}
		f := R.MustParse(string(data))
		var want []poly.Factor
		for _, line := range strings.Split(strings.TrimSpace(string(fdata)), "\n") {
			want = append(want, poly.Factor{Poly: R.MustParse(line), Mult: 1})
		}
		got, err := poly.Factorize(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		checkFactorization(t, f, got)
		if g, w := normalizedFactors(got), normalizedFactors(want); fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s: factors %v, want %v", filepath.Base(file), g, w)
		}
	}
}

// randEisenstein returns a random bivariate polynomial that is irreducible
// over Q by construction: g = c·x^n + Σ_{i<n} y·a_i(y)·x^i with
// a_0(0) ≠ 0 is Eisenstein at the prime y of Q[y] (and primitive in x, its
// leading coefficient being a constant), hence irreducible in Q[x, y];
// the affine substitution x ↦ x + s·y + u, y ↦ y + v (an automorphism)
// then makes it dense.
func randEisenstein(rng *rand.Rand, R *poly.Ring, n, dy int) *poly.Poly {
	x, y := R.Var(0), R.Var(1)
	ri := func() int64 { return int64(rng.IntN(7)) - 3 }
	g := R.ConstInt(int64(1 + rng.IntN(3))).Mul(x.Pow(uint(n)))
	for i := 0; i < n; i++ {
		a := R.Zero()
		for j := 0; j < dy; j++ {
			a = a.Add(R.ConstInt(ri()).Mul(y.Pow(uint(j))))
		}
		if i == 0 {
			c := ri()
			for c == 0 {
				c = ri()
			}
			a = a.Sub(a.Eval(1, big.NewRat(0, 1))).Add(R.ConstInt(c))
		}
		g = g.Add(y.Mul(a).Mul(x.Pow(uint(i))))
	}
	g = g.Subst(0, x.Add(R.ConstInt(ri()).Mul(y)).Add(R.ConstInt(ri())))
	return g.Subst(1, y.Add(R.ConstInt(ri())))
}

// TestFactorBivariateKnownIrreducibles: products of random irreducibles
// (randEisenstein) with random multiplicities factor into exactly those
// factors, in either variable order of the ring.
func TestFactorBivariateKnownIrreducibles(t *testing.T) {
	rng := polytest.Rand(t)
	for it := range polytest.Iters(t, 30) {
		vars := []string{"x", "y"}
		if it%2 == 1 {
			vars = []string{"y", "x"} // the main variable is the other one
		}
		R := poly.MustRing(vars, poly.GRevLex)
		S := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
		f := R.One()
		var want []poly.Factor
		for range 2 + rng.IntN(2) {
			g := randEisenstein(rng, S, 1+rng.IntN(5), 1+rng.IntN(4))
			g, err := g.ToRing(R)
			if err != nil {
				t.Fatal(err)
			}
			m := 1 + rng.IntN(2)
			if rng.IntN(3) > 0 {
				m = 1
			}
			f = f.Mul(g.Pow(uint(m)))
			want = append(want, poly.Factor{Poly: g, Mult: m})
		}
		got, err := poly.Factorize(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		checkFactorization(t, f, got)
		if g, w := normalizedFactors(got), normalizedFactors(want); fmt.Sprint(g) != fmt.Sprint(w) {
			t.Fatalf("iteration %d: factor(%s) = %v, want %v", it, f, g, w)
		}
	}
}

// TestFactorConcurrent: Factorize shares only read-only tables (the prime
// lists) between calls; run under -race this checks that.
func TestFactorConcurrent(t *testing.T) {
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	// hand: each factor is linear in y with coprime coefficients in x,
	// hence irreducible
	f := R.MustParse("(x^3*y - 2*x + 1)*(x^2 + 3*x*y + 4)*(x*y - x^2 + 5)")
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			fs, err := poly.Factorize(context.Background(), f)
			if err == nil && countFactors(fs) != 3 {
				err = fmt.Errorf("factors %v, want 3", fs)
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestFactorCancelled: a cancelled context stops univariate, bivariate
// and trivariate factorizations with an error wrapping context.Canceled.
func TestFactorCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	R := poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)
	for _, s := range []string{
		"(x^5 - 3*x + 1)*(x^4 + x + 7)",
		"(x^3*y - 2*x + 1)*(x^2 + 3*x*y + 4)*(x*y - x^2 + 5)",
		"(x*y + z)*(x + y*z)*(x*z - y + 1)",
	} {
		_, err := poly.Factorize(ctx, R.MustParse(s))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Factorize(%s) with a cancelled context: err = %v", s, err)
		}
	}
}

// TestFactorDeadline: a deadline that passes during a bivariate
// factorization stops it promptly (the lifting and recombination poll the
// context) with an error wrapping context.DeadlineExceeded.
func TestFactorDeadline(t *testing.T) {
	f := benchBivariateProduct(10)
	for _, d := range []time.Duration{100 * time.Microsecond, time.Millisecond, 3 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		start := time.Now()
		fs, err := poly.Factorize(ctx, f)
		el := time.Since(start)
		cancel()
		if err == nil {
			if countFactors(fs) != 3 {
				t.Errorf("deadline %v: factors %v", d, fs)
			}
			continue
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("deadline %v: err = %v", d, err)
		}
		if el > d+500*time.Millisecond {
			t.Errorf("deadline %v: returned after %v", d, el)
		}
	}
}
