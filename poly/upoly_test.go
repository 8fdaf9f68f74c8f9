package poly

import (
	"math/big"
	"math/rand"
	"testing"
)

// testIters scales property-test iteration counts down under -short.
func testIters(n int) int {
	if testing.Short() {
		return max(1, n/5)
	}
	return n
}

// randUPoly returns a random polynomial of exact degree deg with
// coefficients of at most bits bits (nonzero leading coefficient).
func randUPoly(rng *rand.Rand, deg, bits int) UPoly {
	f := make(UPoly, deg+1)
	for i := range f {
		c := new(big.Int).Rand(rng, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
		if rng.Intn(2) == 0 {
			c.Neg(c)
		}
		f[i] = c
	}
	for f[deg].Sign() == 0 {
		f[deg].SetInt64(int64(rng.Intn(5) + 1))
	}
	return f
}

func checkCanonicalU(t *testing.T, what string, f UPoly) {
	t.Helper()
	for i, c := range f {
		if c == nil {
			t.Fatalf("%s: nil coefficient %d", what, i)
		}
	}
	if len(f) > 0 && f[len(f)-1].Sign() == 0 {
		t.Fatalf("%s: trailing zero in %v", what, f)
	}
}

func TestUPolyArithTable(t *testing.T) {
	// hand computations
	tests := []struct {
		f, g           UPoly
		sum, diff, prd UPoly
		str            string
	}{
		{UPolyFromInts(1, 1), UPolyFromInts(-1, 1), UPolyFromInts(0, 2), UPolyFromInts(2), UPolyFromInts(-1, 0, 1), "x + 1"},
		{UPolyFromInts(0, 0, 1), UPolyFromInts(0, 0, -1), nil, UPolyFromInts(0, 0, 2), UPolyFromInts(0, 0, 0, 0, -1), "x^2"},
		{UPolyFromInts(-3, 0, 2), nil, UPolyFromInts(-3, 0, 2), UPolyFromInts(-3, 0, 2), nil, "2*x^2 - 3"},
		{UPolyFromInts(1, -1, 0, -1), UPolyFromInts(5), UPolyFromInts(6, -1, 0, -1), UPolyFromInts(-4, -1, 0, -1), UPolyFromInts(5, -5, 0, -5), "-x^3 - x + 1"},
		{nil, nil, nil, nil, nil, "0"},
	}
	for _, tt := range tests {
		if got := tt.f.Add(tt.g); !got.Equal(tt.sum) {
			t.Errorf("(%v)+(%v) = %v, want %v", tt.f, tt.g, got, tt.sum)
		}
		if got := tt.g.Add(tt.f); !got.Equal(tt.sum) {
			t.Errorf("(%v)+(%v) = %v, want %v", tt.g, tt.f, got, tt.sum)
		}
		if got := tt.f.Sub(tt.g); !got.Equal(tt.diff) {
			t.Errorf("(%v)-(%v) = %v, want %v", tt.f, tt.g, got, tt.diff)
		}
		if got := tt.f.Mul(tt.g); !got.Equal(tt.prd) {
			t.Errorf("(%v)*(%v) = %v, want %v", tt.f, tt.g, got, tt.prd)
		}
		if got := tt.f.String(); got != tt.str {
			t.Errorf("String = %q, want %q", got, tt.str)
		}
		if tt.prd != nil {
			q, err := tt.prd.ExactQuo(tt.g)
			if err != nil || !q.Equal(tt.f) {
				t.Errorf("(%v)/(%v) = %v, %v; want %v", tt.prd, tt.g, q, err, tt.f)
			}
		}
	}
}

func TestUPolyMulKroneckerMatchesSchool(t *testing.T) {
	seed := int64(1)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < testIters(200); it++ {
		f := randUPoly(rng, rng.Intn(60), 1+rng.Intn(200))
		g := randUPoly(rng, rng.Intn(60), 1+rng.Intn(200))
		a, b := mulSchool(f, g), mulKronecker(f, g)
		if !a.Equal(b) {
			t.Fatalf("seed %d it %d: Kronecker product differs\nf=%v\ng=%v", seed, it, f, g)
		}
		checkCanonicalU(t, "mul", b)
		sq := mulKronecker(f, f)
		if !sq.Equal(mulSchool(f, f)) {
			t.Fatalf("seed %d it %d: Kronecker square differs", seed, it)
		}
	}
}

func TestUPolyImmutable(t *testing.T) {
	f := UPolyFromInts(1, 2, 3)
	g := UPolyFromInts(-1, 5)
	fc, gc := f.clone(), g.clone()
	_ = f.Add(g)
	_ = f.Sub(g)
	_ = f.Mul(g)
	_, _ = f.PseudoQuoRem(g)
	_ = f.PseudoRem(g)
	_, _ = f.ExactQuo(g)
	_ = f.TaylorShift(big.NewInt(3))
	_ = f.Compose(g)
	_ = f.PrimitivePart()
	_ = UGCD(f, g)
	_ = UResultant(f, g)
	if !f.Equal(fc) || !g.Equal(gc) {
		t.Fatalf("operands modified: %v %v", f, g)
	}
	// results do not share storage
	h := f.Add(nil)
	h[0].SetInt64(99)
	if f[0].Int64() != 1 {
		t.Fatal("Add shares coefficient storage with its operand")
	}
}

func TestUPolyPseudoDivision(t *testing.T) {
	seed := int64(2)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < testIters(200); it++ {
		f := randUPoly(rng, rng.Intn(12), 1+rng.Intn(40))
		g := randUPoly(rng, rng.Intn(8), 1+rng.Intn(40))
		if rng.Intn(5) == 0 {
			f[0].SetInt64(0)
			f = f.trim()
		}
		q, r := f.PseudoQuoRem(g)
		if !r.Equal(f.PseudoRem(g)) {
			t.Fatalf("seed %d: PseudoRem != PseudoQuoRem remainder", seed)
		}
		if len(r) >= len(g) {
			t.Fatalf("seed %d: deg r >= deg g", seed)
		}
		e := max(len(f)-len(g)+1, 0)
		lhs := f.Scale(new(big.Int).Exp(g.lc(), big.NewInt(int64(e)), nil))
		if !lhs.Equal(q.Mul(g).Add(r)) {
			t.Fatalf("seed %d it %d: lc^e f != q g + r for f=%v g=%v", seed, it, f, g)
		}
		// exact quotient round trip
		p := f.Mul(g)
		if len(p) > 0 {
			qq, err := p.ExactQuo(g)
			if err != nil || !qq.Equal(f) {
				t.Fatalf("seed %d: ExactQuo(f g, g) != f", seed)
			}
		}
		if len(g) > 1 && len(f) > 0 {
			if _, err := p.Add(UPolyFromInts(1)).ExactQuo(g); err == nil {
				t.Fatalf("seed %d: ExactQuo accepted a non-multiple", seed)
			}
		}
	}
}

func TestUPolyEvalShiftCompose(t *testing.T) {
	seed := int64(3)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < testIters(100); it++ {
		f := randUPoly(rng, rng.Intn(15), 1+rng.Intn(30))
		c := big.NewInt(rng.Int63n(21) - 10)
		r := big.NewRat(rng.Int63n(41)-20, rng.Int63n(9)+1)
		// f(x+c) at r equals f at r+c
		sh := f.TaylorShift(c)
		rc := new(big.Rat).Add(r, new(big.Rat).SetInt(c))
		if sh.Eval(r).Cmp(f.Eval(rc)) != 0 {
			t.Fatalf("seed %d: TaylorShift eval mismatch f=%v c=%v", seed, f, c)
		}
		// TaylorShift equals Compose with x + c
		if !sh.Equal(f.Compose(NewUPoly([]*big.Int{c, big.NewInt(1)}))) {
			t.Fatalf("seed %d: TaylorShift != Compose(x+c)", seed)
		}
		if f.EvalSign(r) != f.Eval(r).Sign() {
			t.Fatalf("seed %d: EvalSign mismatch", seed)
		}
		dy := big.NewRat(rng.Int63n(41)-20, 1<<uint(rng.Intn(6)))
		if f.EvalSign(dy) != f.Eval(dy).Sign() {
			t.Fatalf("seed %d: EvalSign dyadic mismatch", seed)
		}
	}
	// hand computation: (x^2 - 2) at 3/2 = 1/4
	if got := UPolyFromInts(-2, 0, 1).Eval(big.NewRat(3, 2)); got.Cmp(big.NewRat(1, 4)) != 0 {
		t.Fatalf("eval = %v, want 1/4", got)
	}
}

func TestUPolyContent(t *testing.T) {
	// hand computations
	f := UPolyFromInts(6, -4, 10)
	if f.Content().Int64() != 2 || !f.PrimitivePart().Equal(UPolyFromInts(3, -2, 5)) {
		t.Fatal("content/primitive part of 10x^2-4x+6")
	}
	g := UPolyFromInts(6, -4, -10)
	if !g.PrimitivePart().Equal(UPolyFromInts(3, -2, -5)) {
		t.Fatal("PrimitivePart must keep the LC sign")
	}
	if UPoly(nil).Content().Sign() != 0 || UPoly(nil).PrimitivePart() != nil {
		t.Fatal("content of 0")
	}
}

func TestUPolyDivisionByZeroPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != ErrZeroDivisor {
			t.Fatalf("recovered %v, want ErrZeroDivisor", r)
		}
	}()
	_, _ = UPolyFromInts(1, 1).ExactQuo(nil)
}

func TestQuoExactKronecker(t *testing.T) {
	seed := int64(4)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < testIters(200); it++ {
		g := randUPoly(rng, rng.Intn(30), 1+rng.Intn(200))
		q := randUPoly(rng, rng.Intn(30), 1+rng.Intn(200))
		f := q.Mul(g)
		got, ok := f.quoExactKronecker(g)
		if !ok || !got.Equal(q) {
			t.Fatalf("seed %d it %d: Kronecker quotient failed", seed, it)
		}
		// non-multiples are rejected, in agreement with quoExact
		h := f.Add(randUPoly(rng, rng.Intn(len(f)+1), 1+rng.Intn(8)))
		_, ok1 := h.quoExact(g)
		_, ok2 := h.quoExactKronecker(g)
		if ok1 != ok2 {
			t.Fatalf("seed %d it %d: quoExact %v, Kronecker %v", seed, it, ok1, ok2)
		}
	}
}
