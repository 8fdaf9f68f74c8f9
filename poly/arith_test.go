package poly_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

var xyz = poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)

// One row checks Add, Sub and Mul in both orders (math/big ratBinTests
// style). All reference values: hand computation, double-checked by
// expanding with the naive multiplication in TestMulVariants.
var binTests = []struct {
	f, g, sum, prod string
}{
	{"0", "0", "0", "0"},
	{"x", "0", "x", "0"},
	{"x + 1", "x - 1", "2*x", "x^2 - 1"},
	{"x + y", "x - y", "2*x", "x^2 - y^2"},
	{"1/2*x + 1/3", "2*x - 3", "5/2*x - 8/3", "x^2 - 5/6*x - 1"},
	{"x^2*y - 3/4*z + 1", "-x^2*y", "-3/4*z + 1", "-x^4*y^2 + 3/4*x^2*y*z - x^2*y"},
	{"x + y + z", "x^2 + y^2 + z^2 - x*y - y*z - x*z", "x^2 - x*y + y^2 - x*z - y*z + z^2 + x + y + z", "x^3 + y^3 + z^3 - 3*x*y*z"},
	{"-x", "-x", "-2*x", "x^2"},
}

func TestAddSubMul(t *testing.T) {
	for _, tc := range binTests {
		f, g := xyz.MustParse(tc.f), xyz.MustParse(tc.g)
		sum, prod := xyz.MustParse(tc.sum), xyz.MustParse(tc.prod)
		snap := polytest.Take(f, g, sum, prod)
		check := func(op string, got, want *poly.Poly) {
			t.Helper()
			polytest.CheckCanonical(t, got)
			if !got.Equal(want) {
				t.Errorf("(%s) %s (%s) = %s, want %s", tc.f, op, tc.g, got, want)
			}
		}
		check("+", f.Add(g), sum)
		check("+'", g.Add(f), sum)
		check("*", f.Mul(g), prod)
		check("*'", g.Mul(f), prod)
		check("sum-g", sum.Sub(g), f)
		check("sum-f", sum.Sub(f), g)
		check("neg", f.Sub(sum).Neg(), g)
		if !g.IsZero() {
			q, err := prod.ExactQuo(g)
			if err != nil || !q.Equal(f) {
				t.Errorf("(%s)/(%s) = %v, %v; want %s", tc.prod, tc.g, q, err, tc.f)
			}
		}
		snap.Check(t)
	}
}

func TestPow(t *testing.T) {
	tests := []struct {
		f    string
		n    uint
		want string
	}{
		{"x + 1", 0, "1"},
		{"0", 0, "1"}, // convention 0^0 = 1
		{"0", 3, "0"},
		{"x + 1", 3, "x^3 + 3*x^2 + 3*x + 1"}, // binomial theorem
		{"-2/3*x*y^2", 3, "-8/27*x^3*y^6"},    // hand computation
		{"x + y", 4, "x^4 + 4*x^3*y + 6*x^2*y^2 + 4*x*y^3 + y^4"}, // binomial theorem
		{"x - 1", 5, "x^5 - 5*x^4 + 10*x^3 - 10*x^2 + 5*x - 1"},   // binomial theorem
	}
	for _, tc := range tests {
		f := xyz.MustParse(tc.f)
		got := f.Pow(tc.n)
		polytest.CheckCanonical(t, got)
		if want := xyz.MustParse(tc.want); !got.Equal(want) {
			t.Errorf("(%s)^%d = %s, want %s", tc.f, tc.n, got, want)
		}
	}
}

func TestAccessors(t *testing.T) {
	f := xyz.MustParse("3*x^2*y - 1/2*y^3*z + 7") // grevlex: y^3 z > x^2 y
	if got := f.LeadCoeff(); got.Cmp(big.NewRat(-1, 2)) != 0 {
		t.Errorf("LeadCoeff = %v", got)
	}
	if got := f.LeadMonomial(); !got.Equal(poly.Monomial{0, 3, 1}) {
		t.Errorf("LeadMonomial = %v", got)
	}
	if f.Degree(0) != 2 || f.Degree(1) != 3 || f.Degree(2) != 1 || f.TotalDegree() != 4 {
		t.Errorf("degrees %v %d", f.Degrees(), f.TotalDegree())
	}
	if xyz.Zero().Degree(0) != -1 || xyz.Zero().TotalDegree() != -1 {
		t.Errorf("degree of 0")
	}
	if got := f.ConstCoeff(); got.Cmp(big.NewRat(7, 1)) != 0 {
		t.Errorf("ConstCoeff = %v", got)
	}
	if vs := xyz.MustParse("z^2 + x").Vars(); len(vs) != 2 || vs[0] != 0 || vs[1] != 2 {
		t.Errorf("Vars = %v", vs)
	}
	// Handing out copies: modifying them must not change f.
	lc := f.LeadCoeff()
	lc.SetInt64(100)
	ts := f.Terms()
	ts[0].Coef.SetInt64(5)
	ts[0].Mon[0] = 9
	if f.String() != "-1/2*y^3*z + 3*x^2*y + 7" {
		t.Errorf("f changed through a copy: %s", f)
	}
	if !xyz.One().IsOne() || !xyz.ConstInt(3).IsConst() || xyz.Var(0).IsConst() {
		t.Errorf("IsOne/IsConst")
	}
}

func TestNewPolyCanonicalizes(t *testing.T) {
	c := func(n, d int64) *big.Rat { return big.NewRat(n, d) }
	ts := []poly.Term{
		{Mon: poly.Monomial{0, 0, 0}, Coef: c(1, 2)},
		{Mon: poly.Monomial{1, 0, 0}, Coef: c(3, 1)},
		{Mon: poly.Monomial{0, 0, 0}, Coef: c(1, 2)},
		{Mon: poly.Monomial{0, 1, 0}, Coef: c(0, 1)},
		{Mon: poly.Monomial{1, 0, 0}, Coef: c(-3, 1)},
		{Mon: poly.Monomial{0, 0, 2}, Coef: c(2, 4)},
	}
	p := xyz.NewPoly(ts)
	polytest.CheckCanonical(t, p)
	if p.String() != "1/2*z^2 + 1" { // hand computation
		t.Errorf("NewPoly = %s", p)
	}
	ts[5].Coef.SetInt64(9) // the input is copied
	if p.String() != "1/2*z^2 + 1" {
		t.Errorf("NewPoly kept caller storage")
	}
}

func TestRingMismatchPanics(t *testing.T) {
	S := poly.MustRing([]string{"x", "y", "z"}, poly.Lex)
	same := poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)
	// Structurally equal rings are the same ring.
	if got := xyz.Var(0).Add(same.Var(1)); got.String() != "x + y" {
		t.Errorf("equal rings: %s", got)
	}
	defer func() {
		if r := recover(); r != poly.ErrRingMismatch {
			t.Errorf("recovered %v, want ErrRingMismatch", r)
		}
	}()
	xyz.Var(0).Add(S.Var(0))
}

func TestVarRangePanics(t *testing.T) {
	for _, f := range []func(){
		func() { xyz.Var(3) },
		func() { xyz.Var(-1) },
		func() { xyz.One().Degree(5) },
	} {
		func() {
			defer func() {
				if r := recover(); r != poly.ErrVarRange {
					t.Errorf("recovered %v, want ErrVarRange", r)
				}
			}()
			f()
		}()
	}
}

// Property tests of the ring axioms on random polynomials, in every order.
func TestRingAxioms(t *testing.T) {
	rng := polytest.Rand(t)
	for _, ord := range []poly.Order{poly.Lex, poly.GrLex, poly.GRevLex, poly.BlockOrder([]int{1, 2}, poly.GrLex, poly.Lex)} {
		R := poly.MustRing([]string{"x", "y", "z"}, ord)
		for range polytest.Iters(t, 150) {
			a := polytest.RandPoly(rng, R, 4, 8, 40)
			b := polytest.RandPoly(rng, R, 4, 8, 40)
			c := polytest.RandPoly(rng, R, 4, 8, 40)
			snap := polytest.Take(a, b, c)
			ab, ba := a.Mul(b), b.Mul(a)
			abc1, abc2 := ab.Mul(c), a.Mul(b.Mul(c))
			dist1, dist2 := a.Mul(b.Add(c)), ab.Add(a.Mul(c))
			s1, s2 := a.Add(b).Add(c), a.Add(b.Add(c))
			polytest.CheckCanonical(t, ab, ba, abc1, abc2, dist1, dist2, s1, s2)
			switch {
			case !ab.Equal(ba):
				t.Fatalf("%s: not commutative: (%s)*(%s)", ord, a, b)
			case !abc1.Equal(abc2):
				t.Fatalf("%s: not associative: %s, %s, %s", ord, a, b, c)
			case !dist1.Equal(dist2):
				t.Fatalf("%s: not distributive: %s, %s, %s", ord, a, b, c)
			case !s1.Equal(s2) || !a.Add(b).Equal(b.Add(a)):
				t.Fatalf("%s: addition: %s, %s, %s", ord, a, b, c)
			case !a.Sub(a).IsZero() || !a.Add(a.Neg()).IsZero():
				t.Fatalf("%s: a - a != 0 for %s", ord, a)
			case !a.Mul(R.One()).Equal(a) || !a.Mul(R.Zero()).IsZero():
				t.Fatalf("%s: unit/zero", ord)
			}
			if !b.IsZero() {
				q, err := ab.ExactQuo(b)
				if err != nil || !q.Equal(a) {
					t.Fatalf("%s: (a*b)/b = %v, %v; a = %s, b = %s", ord, q, err, a, b)
				}
			}
			if p3 := a.Pow(3); !p3.Equal(a.Mul(a).Mul(a)) {
				t.Fatalf("%s: Pow(3) of %s", ord, a)
			}
			snap.Check(t)
		}
	}
}

// The fast product is cross-checked against the schoolbook product in all
// its variants (dense/hash accumulators, int64/big.Int accumulation),
// including coefficients beyond 64 bits and rational coefficients.
func TestMulVariants(t *testing.T) {
	rng := polytest.Rand(t)
	orders := []poly.Order{poly.Lex, poly.GrLex, poly.GRevLex, poly.BlockOrder([]int{2, 2}, poly.GRevLex, poly.GRevLex)}
	for it := range polytest.Iters(t, 200) {
		R := poly.MustRing([]string{"a", "b", "c", "d"}, orders[it%len(orders)])
		bits := []int{-8, -30, -50, -62, -70, 20, 100}[it%7]
		f := polytest.RandPoly(rng, R, 6, 30, bits)
		g := polytest.RandPoly(rng, R, 6, 30, bits)
		want := poly.MulNaiveForTest(f, g)
		polytest.CheckCanonical(t, want)
		for _, accum := range []int{0, 1, 2, 3} {
			for _, width := range []int{0, 1, 2, 3} {
				got := poly.MulVariantForTest(f, g, accum, width)
				polytest.CheckCanonical(t, got)
				if !got.Equal(want) {
					t.Fatalf("accum=%d width=%d: (%s)*(%s) = %s, want %s", accum, width, f, g, got, want)
				}
			}
		}
	}
}

// Huge exponents force the generic (unpacked) path.
func TestMulHugeExponents(t *testing.T) {
	R := poly.MustRing([]string{"x", "y", "z"}, poly.GrLex)
	f := R.MustParse("x^2000000000*y^2000000000 + z^2000000000 + 1")
	g := R.MustParse("x^100*y - z + 2")
	want := poly.MulNaiveForTest(f, g)
	got := f.Mul(g)
	polytest.CheckCanonical(t, got)
	if !got.Equal(want) || got.NumTerms() != 9 {
		t.Errorf("got %s, want %s", got, want)
	}
	defer func() {
		if r := recover(); r != poly.ErrExponentOverflow {
			t.Errorf("recovered %v, want ErrExponentOverflow", r)
		}
	}()
	f.Mul(f).Mul(f)
}

func TestPowCtx(t *testing.T) {
	f := xyz.MustParse("x + y + z + 1")
	got, err := f.PowCtx(context.Background(), 4)
	if err != nil || !got.Equal(f.Mul(f).Mul(f).Mul(f)) {
		t.Errorf("PowCtx = %v, %v", got, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.PowCtx(ctx, 1000); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled PowCtx error = %v", err)
	}
}

func TestAllCoeff(t *testing.T) {
	f := xyz.MustParse("3*x^2*y - 1/2*y^3*z + 7")
	var got []string
	for m, c := range f.All() {
		got = append(got, fmt.Sprintf("%v %s", m, c.RatString()))
	}
	// grevlex order: y^3 z > x^2 y > 1
	if want := "[0 3 1] -1/2,[2 1 0] 3,[0 0 0] 7"; strings.Join(got, ",") != want {
		t.Errorf("All = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		m    poly.Monomial
		want string
	}{{poly.Monomial{2, 1, 0}, "3"}, {poly.Monomial{0, 3, 1}, "-1/2"}, {poly.Monomial{0, 0, 0}, "7"}, {poly.Monomial{1, 0, 0}, "0"}} {
		if c := f.Coeff(tc.m); c.RatString() != tc.want {
			t.Errorf("Coeff(%v) = %s, want %s", tc.m, c.RatString(), tc.want)
		}
	}
	if c := xyz.Zero().Coeff(poly.Monomial{0, 0, 0}); c.Sign() != 0 {
		t.Errorf("Coeff of 0")
	}
}

func TestSum(t *testing.T) {
	rng := polytest.Rand(t)
	for range polytest.Iters(t, 50) {
		var ps []*poly.Poly
		want := xyz.Zero()
		for range rng.IntN(6) {
			p := polytest.RandPoly(rng, xyz, 3, 6, 12)
			ps = append(ps, p)
			want = want.Add(p)
		}
		snap := polytest.Take(ps...)
		polytest.Equal(t, "Sum", xyz.Sum(ps...), want)
		snap.Check(t)
	}
	polytest.Equal(t, "x + (-x)", xyz.Sum(xyz.Var(0), xyz.Var(0).Neg()), xyz.Zero())
}
