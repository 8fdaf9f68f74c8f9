package poly

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"
)

// henselRand is polytest.Rand (that package imports poly, so internal
// tests cannot use it): a logged seed, RELUCAD_SEED to replay.
func henselRand(t *testing.T) *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("RELUCAD_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		seed = v
	}
	t.Logf("seed %d (replay with RELUCAD_SEED=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

func henselIters(n int) int {
	if testing.Short() {
		return max(1, n/5)
	}
	return n
}

// TestHmodArithmetic checks the word arithmetic against math/big.
func TestHmodArithmetic(t *testing.T) {
	rng := henselRand(t)
	m := hmod{hPrime(0)}
	bp := new(big.Int).SetUint64(m.p)
	rp := func(n int) []uint64 {
		a := make([]uint64, n)
		for i := range a {
			a[i] = rng.Uint64N(m.p)
		}
		if n > 0 && a[n-1] == 0 {
			a[n-1] = 1
		}
		return a
	}
	for range henselIters(200) {
		a, b := rp(1+rng.IntN(40)), rp(1+rng.IntN(40))
		// product against big.Int
		c := m.pMul(a, b)
		for k := range len(a) + len(b) - 1 {
			s := new(big.Int)
			for i := range a {
				if j := k - i; j >= 0 && j < len(b) {
					s.Add(s, new(big.Int).Mul(new(big.Int).SetUint64(a[i]), new(big.Int).SetUint64(b[j])))
				}
			}
			s.Mod(s, bp)
			var got uint64
			if k < len(c) {
				got = c[k]
			}
			if s.Uint64() != got {
				t.Fatalf("pMul coefficient %d: %d, want %d", k, got, s)
			}
		}
		// division: a = q·b + r, deg r < deg b
		q, r := m.pDivRem(a, b)
		back := m.pAddSub(m.pMul(q, b), r, false)
		if !slices.Equal(back, hTrim(slices.Clone(a))) || len(r) >= len(b) {
			t.Fatalf("pDivRem(%v, %v) = %v, %v", a, b, q, r)
		}
		// Bézout for coprime a, b
		if len(m.pGCD(a, b)) == 1 {
			s, tt := m.pExtGCD(a, b)
			if one := m.pAddSub(m.pMul(s, a), m.pMul(tt, b), false); !slices.Equal(one, []uint64{1}) {
				t.Fatalf("pExtGCD: s·a + t·b = %v", one)
			}
		}
		x := rng.Uint64N(m.p-1) + 1
		if m.mul(x, m.inv(x)) != 1 {
			t.Fatalf("inv(%d)", x)
		}
	}
}

// bivFromStrings parses polynomials in x, y and returns them as level-2
// values (x outer).
func bivFromStrings(t *testing.T, ss ...string) []rp {
	R := MustRing([]string{"x", "y"}, Lex)
	var out []rp
	for _, s := range ss {
		F, _ := polyToRec(R.MustParse(s), []int{0, 1})
		out = append(out, F)
	}
	return out
}

// TestBivVerify: the modular product check accepts a true factorization
// (up to sign) and rejects one coefficient off, a wrong degree and a wrong
// leading coefficient (hand-built examples).
func TestBivVerify(t *testing.T) {
	p := bivFromStrings(t, "(x*y + 3*x - y^2 + 7)*(2*x^2 - x*y + 5)*(x + y + 1)",
		"x*y + 3*x - y^2 + 7", "2*x^2 - x*y + 5", "x + y + 1",
		"-x*y - 3*x + y^2 - 7", "x*y + 3*x - y^2 + 8", "x + y^2 + 1", "3*x + y + 1")
	f, g1, g2, g3, g1neg, g1off, g3deg, g3lc := p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
	for _, tc := range []struct {
		gs   []rp
		want bool
	}{
		{[]rp{g1, g2, g3}, true},
		{[]rp{g1neg, g2, g3}, true},
		{[]rp{g1off, g2, g3}, false},
		{[]rp{g1, g2, g3deg}, false},
		{[]rp{g1, g2, g3lc}, false},
		{[]rp{g1, g2}, false},
	} {
		if got := bivVerify(f, tc.gs); got != tc.want {
			t.Errorf("bivVerify(%v) = %v, want %v", tc.gs, got, tc.want)
		}
	}
}

// TestLiftBivariatePaths: on random products of three bivariate
// polynomials with coefficients up to 2^bits, the fast path (when it
// verifies) and the exact-division path find the same factors. With
// 40-bit coefficients the one-prime fast path cannot reconstruct them, and
// the result must come from the fallback.
func TestLiftBivariatePaths(t *testing.T) {
	rng := henselRand(t)
	R := MustRing([]string{"x", "y"}, Lex)
	checked, fellBack := 0, 0
	defer func() {
		t.Logf("%d products checked, %d needed the fallback", checked, fellBack)
		if checked == 0 {
			t.Error("no product reached the lifting step")
		}
	}()
	for it := range henselIters(20) {
		bits := []int{4, 40}[it%2]
		f := R.One()
		for range 3 {
			var ts []Term
			d := 1 + rng.IntN(4)
			for i := 0; i <= d; i++ {
				for j := 0; i+j <= d; j++ {
					c := randBits(rng, bits)
					if rng.IntN(2) == 0 {
						c.Neg(c)
					}
					ts = append(ts, Term{Mon: Monomial{uint32(i), uint32(j)}, Coef: new(big.Rat).SetInt(c)})
				}
			}
			ts = append(ts, Term{Mon: Monomial{uint32(d + 1), 0}, Coef: big.NewRat(1, 1)})
			f = f.Mul(R.NewPoly(ts))
		}
		if _, ok := bivSquareFreeQuick(f); !ok {
			continue
		}
		F, _ := polyToRec(normalizeZ(f), []int{0, 1})
		// evaluation at 0 with the image's Z-factors, as factorBivariate does
		fa := make([]*big.Int, F.deg()+1)
		for j, c := range F.cs {
			fa[j] = rpEvalInt(c, big.NewInt(0))
		}
		if fa[len(fa)-1].Sign() == 0 || !uSquareFreeZ(fa) {
			continue
		}
		if fa[len(fa)-1].Sign() < 0 {
			for j := range fa {
				fa[j] = new(big.Int).Neg(fa[j])
			}
		}
		cont := new(big.Int)
		for _, c := range fa {
			cont.GCD(nil, nil, cont, new(big.Int).Abs(c))
		}
		for j := range fa {
			fa[j] = new(big.Int).Quo(fa[j], cont)
		}
		us, err := factorSqfZ(context.Background(), fa, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		if len(us) < 2 {
			continue
		}
		L := &bivLifter{fs: F, n: F.deg(), us: us, M: big.NewInt(1)}
		mt := 0
		L.cols = make([][]*big.Int, L.n+1)
		for i, c := range F.cs {
			L.cols[i] = rpLevel1Dense(c)
			mt = max(mt, len(L.cols[i])-1)
		}
		L.k = mt + 1
		if ok, err := L.addPrime(context.Background()); !ok || err != nil {
			t.Fatal("no prime", err)
		}
		fast, okFast, err := L.recombineFast(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		verified := okFast && bivVerify(F, fast)
		checked++
		if !verified {
			fellBack++
		}
		if bits == 40 && verified {
			t.Errorf("iteration %d: 40-bit factors verified from one 31-bit prime", it)
		}
		norm2 := new(big.Int)
		for _, col := range L.cols {
			for _, c := range col {
				norm2.Add(norm2, new(big.Int).Mul(c, c))
			}
		}
		L.bound = new(big.Int).Sqrt(norm2)
		L.bound.Add(L.bound, big.NewInt(1)).Lsh(L.bound, uint(L.n+mt+1))
		for L.M.Cmp(L.bound) <= 0 {
			if ok, err := L.addPrime(context.Background()); !ok || err != nil {
				t.Fatal("no prime", err)
			}
		}
		exact, ok, err := L.recombineExact(context.Background())
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		if !bivVerify(F, exact) {
			t.Fatalf("iteration %d: exact path factors do not multiply to f", it)
		}
		key := func(gs []rp) string {
			var ss []string
			for _, g := range gs {
				ss = append(ss, recToPoly(rpNormSign(g), R, []int{0, 1}, nil).String())
			}
			slices.Sort(ss)
			return fmt.Sprint(ss)
		}
		if verified && key(fast) != key(exact) {
			t.Fatalf("iteration %d: fast %s, exact %s", it, key(fast), key(exact))
		}
	}
}

// randBits returns a uniformly random integer in [0, 2^bits).
func randBits(rng *rand.Rand, bits int) *big.Int {
	c := new(big.Int)
	for b := 0; b < bits; b += 32 {
		c.Lsh(c, 32).Or(c, big.NewInt(int64(rng.Uint32())))
	}
	return c.Rsh(c, uint((bits+31)/32*32-bits))
}

// uDDF is the reference for hmod.ddf (the implementation it replaced):
// distinct-degree factorization of the monic square-free g over F_p: gcd(x^{p^d} − x, g) collects the factors of degree d. The number
// of irreducible factors, Σ deg(g_d)/d, is known without splitting.
func (f fpCtx) uDDF(g []uint64) (parts []ddfPart, count int) {
	bp := new(big.Int).SetUint64(f.p)
	x := []uint64{0, 1}
	h := x
	rest := g
	for d := 1; 2*d <= len(rest)-1; d++ {
		h = f.uPowMod(h, bp, rest)
		hx := f.addSubU(h, x, true)
		c := f.uGCD(hx, rest)
		if len(c) > 1 {
			parts = append(parts, ddfPart{d, c})
			count += (len(c) - 1) / d
			rest, _ = f.uDivRem(rest, c)
			_, h = f.uDivRem(h, rest)
		}
	}
	if len(rest) > 1 {
		parts = append(parts, ddfPart{len(rest) - 1, f.uMonic(rest)})
		count++
	}
	return parts, count
}

// TestDDFWord: the word-arithmetic distinct-degree factorization agrees
// with uDDF, and pRemMonic with pDivRem.
func TestDDFWord(t *testing.T) {
	rng := henselRand(t)
	for range henselIters(100) {
		p := smallOddPrimes[rng.IntN(10)]
		m, f := hmod{p}, fpCtx{p: p}
		g := make([]uint64, 2+rng.IntN(25))
		for i := range g {
			g[i] = rng.Uint64N(p)
		}
		g[len(g)-1] = 1
		a := make([]uint64, rng.IntN(60))
		for i := range a {
			a[i] = rng.Uint64N(p)
		}
		if _, r := m.pDivRem(a, g); !slices.Equal(r, m.pRemMonic(a, g)) {
			t.Fatalf("pRemMonic(%v, %v) = %v, want %v", a, g, m.pRemMonic(a, g), r)
		}
		if len(f.uGCD(g, pDeriv(m, g))) > 1 {
			continue // not square-free
		}
		got, n1, _ := m.ddf(context.Background(), g)
		want, n2 := f.uDDF(g)
		if fmt.Sprint(got) != fmt.Sprint(want) || n1 != n2 {
			t.Fatalf("ddf(%v) mod %d = %v (%d), uDDF %v (%d)", g, p, got, n1, want, n2)
		}
	}
}

// TestW60: the 128-bit word arithmetic of the univariate Hensel lift
// against math/big, with moduli up to 2^60 and long products.
func TestW60(t *testing.T) {
	rng := henselRand(t)
	for range henselIters(100) {
		m := rng.Uint64N(1<<60-2) + 2
		w := w60{m}
		bm := new(big.Int).SetUint64(m)
		rnd := func(n int) []uint64 {
			a := make([]uint64, n)
			for i := range a {
				a[i] = rng.Uint64N(m)
			}
			return a
		}
		a, b := rnd(1+rng.IntN(400)), rnd(1+rng.IntN(400))
		b[len(b)-1] = 1
		toBig := func(a []uint64) []*big.Int {
			out := make([]*big.Int, len(a))
			for i, x := range a {
				out[i] = new(big.Int).SetUint64(x)
			}
			return out
		}
		want := zpMulMod(toBig(a), toBig(b), bm)
		if got := toBig(w.pMul(a, b)); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("w60.pMul mod %d differs", m)
		}
		q, r := w.pDivRemMonic(a, b)
		qb, rb := zpDivModMonic(toBig(a), toBig(b), bm)
		if fmt.Sprint(toBig(q)) != fmt.Sprint(qb) || fmt.Sprint(toBig(r)) != fmt.Sprint(rb) {
			t.Fatalf("w60.pDivRemMonic mod %d differs", m)
		}
	}
}

// TestIsPrime32 compares the deterministic Miller–Rabin test with
// math/big's ProbablyPrime on random and edge-case numbers below 2^32
// (including the strong pseudoprimes to base 2, 2047 and 3215031751, the
// smallest one for bases 2, 3, 5, 7).
func TestIsPrime32(t *testing.T) {
	rng := henselRand(t)
	ns := []uint64{0, 1, 2, 3, 4, 61, 2047, 3215031751, 1<<31 - 1, 1<<32 - 5, 1<<32 - 1, 4294967291}
	for range henselIters(20000) {
		ns = append(ns, rng.Uint64N(1<<32))
	}
	for _, n := range ns {
		if got, want := isPrime32(n), new(big.Int).SetUint64(n).ProbablyPrime(20); got != want {
			t.Fatalf("isPrime32(%d) = %v, want %v", n, got, want)
		}
	}
	if len(hPrimes()) != 200 || hPrime(0) != 1<<31-1 {
		t.Fatalf("hPrimes: %d primes, first %d", len(hPrimes()), hPrime(0))
	}
}
