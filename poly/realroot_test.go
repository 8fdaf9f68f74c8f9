package poly

import (
	"context"
	"math"
	"math/big"
	"math/rand"
	"testing"
)

// wilkinson returns prod_{i=1..n} (x - i).
func wilkinson(n int) UPoly {
	f := UPolyFromInts(1)
	for i := 1; i <= n; i++ {
		f = f.Mul(UPolyFromInts(int64(-i), 1))
	}
	return f
}

// chebyshev returns T_n by T_{k+1} = 2x T_k - T_{k-1}.
func chebyshev(n int) UPoly {
	a, b := UPolyFromInts(1), UPolyFromInts(0, 1)
	if n == 0 {
		return a
	}
	for k := 1; k < n; k++ {
		a, b = b, b.Mul(UPolyFromInts(0, 2)).Sub(a)
	}
	return b
}

// mignotte returns x^d - 2(5x-1)^2 (the benchmark family of ANCHORS.md).
func mignotte(d int) UPoly {
	f := UPolyFromInts(-2, 20, -50)
	return f.Add(UPolyMonomial(big.NewInt(1), d))
}

func ratFloat(r *big.Rat) float64 { f, _ := r.Float64(); return f }

// checkIsolation verifies the RealRoots contract on f: sorted, disjoint,
// each interval holding exactly one root (Sturm), endpoints not roots, and
// the number of intervals equal to the Sturm count of distinct real roots.
func checkIsolation(t *testing.T, f UPoly, ivs []RootInterval) {
	t.Helper()
	checkIsolationLogged(t, 0, -1, f, ivs)
}

func checkIsolationLogged(t *testing.T, seed int64, it int, f UPoly, ivs []RootInterval) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		if it >= 0 {
			t.Logf("seed %d it %d", seed, it)
		}
		t.Fatalf(format, args...)
	}
	seq := NewSturmSeq(f)
	if got, want := len(ivs), seq.Count(nil, nil); got != want {
		fail("%v: %d intervals, Sturm counts %d real roots", f, got, want)
	}
	for i, iv := range ivs {
		if iv.Lo.Cmp(iv.Hi) > 0 {
			fail("%v: interval %v reversed", f, iv)
		}
		if i > 0 && ivs[i-1].Hi.Cmp(iv.Lo) > 0 {
			fail("%v: intervals %v and %v overlap", f, ivs[i-1], iv)
		}
		if i > 0 && ivs[i-1].IsExact() && iv.IsExact() && ivs[i-1].Lo.Cmp(iv.Lo) == 0 {
			fail("%v: root %v reported twice", f, iv)
		}
		if iv.Mult < 1 {
			fail("%v: multiplicity %d", f, iv.Mult)
		}
		if iv.IsExact() {
			if f.EvalSign(iv.Lo) != 0 {
				fail("%v: exact root %v is not a root", f, iv.Lo)
			}
			continue
		}
		if f.EvalSign(iv.Lo) == 0 || f.EvalSign(iv.Hi) == 0 {
			fail("%v: endpoint of %v is a root", f, iv)
		}
		// roots in (Lo, Hi): Count(Lo, Hi] and Hi is not a root
		if c := seq.Count(iv.Lo, iv.Hi); c != 1 {
			fail("%v: interval %v holds %d roots", f, iv, c)
		}
	}
}

func TestRealRootsTable(t *testing.T) {
	ctx := context.Background()
	sqrt2 := math.Sqrt2
	tests := []struct {
		name  string
		f     UPoly
		roots []float64
		mults []int
		src   string
	}{
		{"x^2-2", UPolyFromInts(-2, 0, 1), []float64{-sqrt2, sqrt2}, []int{1, 1}, "hand"},
		{"x^2+1", UPolyFromInts(1, 0, 1), nil, nil, "hand: no real roots"},
		{"x", UPolyFromInts(0, 1), []float64{0}, []int{1}, "hand"},
		{"x^3(x-1)^3(x+2)^2(x^2-2)", UPolyFromInts(0, 0, 0, 1).Mul(wilkinson(1).Mul(wilkinson(1)).Mul(wilkinson(1))).Mul(UPolyFromInts(2, 1).Mul(UPolyFromInts(2, 1))).Mul(UPolyFromInts(-2, 0, 1)),
			[]float64{-2, -sqrt2, 0, 1, sqrt2}, []int{2, 1, 3, 3, 1}, "hand: constructed factors"},
		{"(2x-1)(3x+1)", UPolyFromInts(-1, 2).Mul(UPolyFromInts(1, 3)), []float64{-1.0 / 3, 0.5}, []int{1, 1}, "hand"},
		{"x^3-2x", UPolyFromInts(0, -2, 0, 1), []float64{-sqrt2, 0, sqrt2}, []int{1, 1, 1}, "hand"},
		// Mignotte x^d - 2(5x-1)^2 has 4 real roots for d = 20, 50, 100
		// (ANCHORS.md §5a: all tools agree on 4), two of them within
		// 5^(-d/2) of 1/5.
		{"mignotte20", mignotte(20), nil, nil, "ANCHORS.md 5a: 4 roots"},
		{"mignotte50", mignotte(50), nil, nil, "ANCHORS.md 5a: 4 roots"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ivs, err := RealRoots(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			checkIsolation(t, tt.f, ivs)
			if tt.roots == nil && tt.mults == nil {
				if len(ivs) != 0 && tt.f[0].Int64() == 1 {
					t.Fatalf("expected no roots, got %v", ivs)
				}
				return
			}
			if len(ivs) != len(tt.roots) {
				t.Fatalf("got %v, want roots %v (%s)", ivs, tt.roots, tt.src)
			}
			for i, iv := range ivs {
				r := tt.roots[i]
				if !(ratFloat(iv.Lo) <= r+1e-12 && r-1e-12 <= ratFloat(iv.Hi)) {
					t.Errorf("interval %v does not contain %g", iv, r)
				}
				if iv.Mult != tt.mults[i] {
					t.Errorf("root %g: multiplicity %d, want %d", r, iv.Mult, tt.mults[i])
				}
			}
		})
	}
	for _, d := range []int{20, 50, 100} {
		ivs, err := RealRoots(ctx, mignotte(d))
		if err != nil || len(ivs) != 4 {
			t.Fatalf("mignotte%d: %d roots (%v), want 4 (ANCHORS.md 5a)", d, len(ivs), err)
		}
	}
}

func TestRealRootsWilkinsonChebyshev(t *testing.T) {
	ctx := context.Background()
	for _, n := range []int{1, 2, 5, 20, 50} {
		f := wilkinson(n)
		ivs, err := RealRoots(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		checkIsolation(t, f, ivs)
		// W(n) has the roots 1..n (definition)
		for i, iv := range ivs {
			r := big.NewRat(int64(i+1), 1)
			if iv.IsExact() && iv.Lo.Cmp(r) != 0 || !iv.IsExact() && (iv.Lo.Cmp(r) >= 0 || iv.Hi.Cmp(r) <= 0) {
				t.Fatalf("W(%d): interval %d = %v does not hold %d", n, i, iv, i+1)
			}
		}
	}
	for _, n := range []int{1, 2, 3, 10, 30, 100} {
		f := chebyshev(n)
		ivs, err := RealRoots(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		checkIsolation(t, f, ivs)
		// T_n has the n roots cos((2k-1)pi/(2n)), k = 1..n (definition);
		// sorted increasingly they are k = n..1.
		if len(ivs) != n {
			t.Fatalf("T_%d: %d roots", n, len(ivs))
		}
		for i, iv := range ivs {
			k := n - i
			r := math.Cos(float64(2*k-1) * math.Pi / float64(2*n))
			if !(ratFloat(iv.Lo) <= r+1e-12 && r-1e-12 <= ratFloat(iv.Hi)) {
				t.Fatalf("T_%d: interval %v does not contain %g", n, iv, r)
			}
		}
	}
}

func TestRealRootsRandomProperties(t *testing.T) {
	seed := int64(21)
	rng := rand.New(rand.NewSource(seed))
	ctx := context.Background()
	for it := 0; it < testIters(120); it++ {
		var f UPoly
		switch rng.Intn(3) {
		case 0:
			f = randUPoly(rng, 1+rng.Intn(25), 1+rng.Intn(30))
		case 1: // product of linear factors with repeats and rational roots
			f = UPolyFromInts(int64(1 + rng.Intn(3)))
			for k := 0; k < 1+rng.Intn(6); k++ {
				l := UPolyFromInts(int64(rng.Intn(21)-10), int64(1+rng.Intn(4)))
				for m := 0; m < 1+rng.Intn(3); m++ {
					f = f.Mul(l)
				}
			}
			if rng.Intn(2) == 0 { // irrational roots too
				f = f.Mul(UPolyFromInts(-int64(2+rng.Intn(5)), 0, int64(1+rng.Intn(3))))
			}
		default: // close roots: (x^2 - c)(x^2 - c - 1/big)
			a := randUPoly(rng, 2, 10)
			b := a.Add(UPolyFromInts(int64(rng.Intn(3) + 1)))
			f = a.Mul(b).Mul(randUPoly(rng, rng.Intn(5), 8))
		}
		if len(f) == 0 {
			continue
		}
		ivs, err := RealRoots(ctx, f)
		if err != nil {
			t.Fatalf("seed %d it %d: %v", seed, it, err)
		}
		checkIsolationLogged(t, seed, it, f, ivs)
		// rational roots are exact: a non-exact interval of width < 1 ...
		// holds no rational root with denominator dividing lc(f)
		for _, iv := range ivs {
			if iv.IsExact() {
				continue
			}
			lc := new(big.Rat).SetInt(f.LeadCoeff())
			lo := new(big.Rat).Mul(iv.Lo, lc)
			hi := new(big.Rat).Mul(iv.Hi, lc)
			n0 := new(big.Int).Quo(lo.Num(), lo.Denom())
			for n := new(big.Int).Set(n0); new(big.Rat).SetInt(n).Cmp(hi) <= 0; n.Add(n, big.NewInt(1)) {
				c := new(big.Rat).SetFrac(n, f.LeadCoeff())
				if c.Cmp(iv.Lo) > 0 && c.Cmp(iv.Hi) < 0 && f.EvalSign(c) == 0 {
					t.Fatalf("seed %d it %d: rational root %v reported as interval %v", seed, it, c, iv)
				}
				if new(big.Int).Sub(n, n0).BitLen() > 8 {
					break // wide interval: spot check only
				}
			}
		}
		// multiplicities: sum of multiplicities of roots equals the degree
		// of the product of the real linear/irreducible parts — check
		// instead that f^(m-1) vanishes at exact roots and f^(m) does not.
		for _, iv := range ivs {
			if !iv.IsExact() {
				continue
			}
			d := f
			for k := 1; k < iv.Mult; k++ {
				d = d.Deriv()
				if d.EvalSign(iv.Lo) != 0 {
					t.Fatalf("seed %d: multiplicity %d too high at %v", seed, iv.Mult, iv.Lo)
				}
			}
			if d.Deriv().EvalSign(iv.Lo) == 0 {
				t.Fatalf("seed %d: multiplicity %d too low at %v", seed, iv.Mult, iv.Lo)
			}
		}
		// refinement keeps one root and reaches the width
		for _, iv := range ivs {
			r, err := RefineRoot(ctx, f, iv, 40)
			if err != nil {
				t.Fatalf("seed %d: refine: %v", seed, err)
			}
			w := new(big.Rat).Sub(r.Hi, r.Lo)
			if w.Cmp(big.NewRat(1, 1<<40)) > 0 || r.Lo.Cmp(iv.Lo) < 0 || r.Hi.Cmp(iv.Hi) > 0 {
				t.Fatalf("seed %d: refine %v -> %v", seed, iv, r)
			}
			if !r.IsExact() && NewSturmSeq(f).Count(r.Lo, r.Hi) != 1 {
				t.Fatalf("seed %d: refined interval lost its root", seed)
			}
		}
	}
}

func TestRealRootsDeflated(t *testing.T) {
	ctx := context.Background()
	// hand: x^6 - 2 has roots +-2^(1/6); x^3 - 2 has the root 2^(1/3);
	// x^4 - 5x^2 + 4 = (x^2-1)(x^2-4) has roots -2, -1, 1, 2.
	tests := []struct {
		f     UPoly
		roots []float64
	}{
		{UPolyFromInts(-2, 0, 0, 0, 0, 0, 1), []float64{-math.Pow(2, 1.0/6), math.Pow(2, 1.0/6)}},
		{UPolyFromInts(-2, 0, 0, 1), []float64{math.Cbrt(2)}},
		{UPolyFromInts(2, 0, 0, 1), []float64{-math.Cbrt(2)}},
		{UPolyFromInts(4, 0, -5, 0, 1), []float64{-2, -1, 1, 2}},
		{UPolyFromInts(-4, 0, 0, 0, 1), []float64{-math.Sqrt2, math.Sqrt2}},
	}
	for _, tt := range tests {
		ivs, err := RealRoots(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		checkIsolation(t, tt.f, ivs)
		if len(ivs) != len(tt.roots) {
			t.Fatalf("%v: %v, want %v", tt.f, ivs, tt.roots)
		}
		for i, iv := range ivs {
			r := tt.roots[i]
			if !(ratFloat(iv.Lo) <= r+1e-12 && r-1e-12 <= ratFloat(iv.Hi)) {
				t.Errorf("%v: interval %v does not contain %g", tt.f, iv, r)
			}
		}
	}
	seed := int64(22)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < testIters(60); it++ {
		u := randUPoly(rng, 1+rng.Intn(8), 1+rng.Intn(12))
		if rng.Intn(2) == 0 { // clustered roots
			u = u.Mul(u.Add(UPolyFromInts(1)))
		}
		g := 2 + rng.Intn(3)
		f := make(UPoly, (len(u)-1)*g+1)
		for i := range f {
			f[i] = new(big.Int)
		}
		for i, c := range u {
			f[i*g].Set(c)
		}
		ivs, err := RealRoots(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		checkIsolationLogged(t, seed, it, f, ivs)
	}
}

func TestRefineRootHighPrecision(t *testing.T) {
	ctx := context.Background()
	f := UPolyFromInts(-2, 0, 1)
	ivs, _ := RealRoots(ctx, f)
	r, err := RefineRoot(ctx, f, ivs[1], 2000)
	if err != nil {
		t.Fatal(err)
	}
	// exact check: Lo^2 < 2 < Hi^2 and width <= 2^-2000
	lo2 := new(big.Rat).Mul(r.Lo, r.Lo)
	hi2 := new(big.Rat).Mul(r.Hi, r.Hi)
	if lo2.Cmp(big.NewRat(2, 1)) >= 0 || hi2.Cmp(big.NewRat(2, 1)) <= 0 {
		t.Fatal("refined interval does not bracket sqrt 2")
	}
	w := new(big.Rat).Sub(r.Hi, r.Lo)
	lim := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 2000))
	if w.Cmp(lim) > 0 {
		t.Fatalf("width too large")
	}
}

func TestRealRootsCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RealRoots(ctx, wilkinson(60)); err == nil {
		t.Fatal("cancelled context not honoured")
	}
	if _, err := RealRoots(context.Background(), nil); err != ErrZeroPolynomial {
		t.Fatal("zero polynomial must be an error")
	}
}

// FuzzRealRoots checks the isolation contract on arbitrary small integer
// polynomials built from the fuzz input (coefficients in [-128, 127]).
func FuzzRealRoots(f *testing.F) {
	f.Add([]byte{0xfe, 0, 1})          // x^2 - 2
	f.Add([]byte{0, 0xff, 0, 1, 0, 3}) // x(...) with repeated structure
	f.Add([]byte{1, 2, 1, 0xff, 0xfe}) // mixed signs
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 24 {
			data = data[:24]
		}
		cs := make([]int64, len(data))
		for i, b := range data {
			cs[i] = int64(int8(b))
		}
		p := UPolyFromInts(cs...)
		if len(p) == 0 {
			return
		}
		// square some of it to get multiplicities
		if len(p) < 8 && len(data) > 0 && data[0]&1 == 1 {
			p = p.Mul(p)
		}
		ivs, err := RealRoots(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		checkIsolation(t, p, ivs)
	})
}

// TestIsolatePositiveFlatMatchesRef runs the flat-array and the UPoly
// implementations of VAS-CF on the same square-free inputs: the algorithm
// is the same, so the intervals must be identical.
func TestIsolatePositiveFlatMatchesRef(t *testing.T) {
	seed := int64(23)
	rng := rand.New(rand.NewSource(seed))
	ctx := context.Background()
	inputs := []UPoly{wilkinson(20), chebyshev(31), mignotte(30)}
	for it := 0; it < testIters(60); it++ {
		inputs = append(inputs, randUPoly(rng, 1+rng.Intn(40), 1+rng.Intn(200)))
	}
	for i, f := range inputs {
		P := USquareFreePart(f)
		if P[0].Sign() == 0 {
			continue
		}
		for _, Q := range []UPoly{P, P.negX()} {
			a, err1 := isolatePositive(ctx, Q)
			b, err2 := isolatePositiveRef(ctx, Q)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if len(a) != len(b) {
				t.Fatalf("seed %d input %d: %d vs %d intervals", seed, i, len(a), len(b))
			}
			for k := range a {
				if a[k].Lo.Cmp(b[k].Lo) != 0 || a[k].Hi.Cmp(b[k].Hi) != 0 {
					t.Fatalf("seed %d input %d: interval %v vs %v", seed, i, a[k], b[k])
				}
			}
		}
	}
}

// TestPairSplitPoint: hand computations on quadratics.
func TestPairSplitPoint(t *testing.T) {
	tests := []struct {
		name   string
		q      UPoly
		lb, ub float64
		want   *big.Rat // nil: no power of two separates
	}{
		// (x-1)(x-4): q(1) = 0 is skipped, q(2) = -2 < 0 < q(0) = 4
		{"(x-1)(x-4)", UPolyFromInts(4, -5, 1), -3, 4, big.NewRat(2, 1)},
		// (8x-1)(x-1): the tries are 2^-4 (q > 0), 2^-3 (a root, skipped),
		// 2^-2: q(1/4) = (2-1)(1/4-1) < 0
		{"(8x-1)(x-1)", UPolyFromInts(1, -9, 8), -3, 0, big.NewRat(1, 4)},
		// x^2 - x + 1 has no real root: q > 0 everywhere
		{"x^2-x+1", UPolyFromInts(1, -1, 1), -1, 1, nil},
		// (x-3)(2x-7), roots 3 and 7/2: no power of two in between
		{"(x-3)(2x-7)", UPolyFromInts(21, -13, 2), 1, 2, nil},
		// no bounds: nothing tried
		{"infinite bound", UPolyFromInts(4, -5, 1), math.Inf(-1), 4, nil},
	}
	for _, tc := range tests {
		got := pairSplitPoint(tc.q, tc.lb, tc.ub)
		if (got == nil) != (tc.want == nil) || (got != nil && got.Cmp(tc.want) != 0) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestRealRootsClosePairs isolates products of two close rational roots
// (a/b and a/b + 1/m, so a v = 2 node has to separate them) with a factor
// without real roots, checking the isolation by Sturm and that each
// rational root lies in its interval or is reported exactly.
func TestRealRootsClosePairs(t *testing.T) {
	seed := int64(5)
	rng := rand.New(rand.NewSource(seed))
	ctx := context.Background()
	for it := 0; it < testIters(40); it++ {
		b := int64(1 + rng.Intn(50))
		a := int64(rng.Intn(400)) - 200
		m := int64(2 + rng.Intn(1000))
		r1 := big.NewRat(a, b)
		r2 := new(big.Rat).Add(r1, big.NewRat(1, m))
		lin := func(r *big.Rat) UPoly { // denominator * (x - r)
			return NewUPoly([]*big.Int{new(big.Int).Neg(r.Num()), new(big.Int).Set(r.Denom())})
		}
		// x^(2k) + c, c > 0: no real root
		k := 1 + rng.Intn(10)
		co := make([]int64, 2*k+1)
		co[0], co[2*k] = int64(1+rng.Intn(100)), 1
		f := lin(r1).Mul(lin(r2)).Mul(UPolyFromInts(co...))
		ivs, err := RealRoots(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		checkIsolationLogged(t, seed, it, f, ivs)
		for i, r := range []*big.Rat{r1, r2} {
			iv := ivs[i]
			if iv.IsExact() && iv.Lo.Cmp(r) != 0 || !iv.IsExact() && (iv.Lo.Cmp(r) >= 0 || iv.Hi.Cmp(r) <= 0) {
				t.Fatalf("seed %d it %d: root %v not in %v", seed, it, r, iv)
			}
		}
	}
}
