package poly

import (
	"context"
	"math/big"
	"math/rand"
	"testing"
)

func TestUGCDTable(t *testing.T) {
	tests := []struct {
		f, g, want UPoly
		src        string
	}{
		{UPolyFromInts(-1, 0, 1), UPolyFromInts(1, 2, 1), UPolyFromInts(1, 1), "hand: x^2-1, (x+1)^2"},
		{UPolyFromInts(2, 4), UPolyFromInts(6, 6), UPolyFromInts(2), "hand: gcd of contents 2, primitive parts 2x+1, x+1 coprime"},
		{UPolyFromInts(-4, 0, 2), UPolyFromInts(-6, 0, 3), UPolyFromInts(-2, 0, 1), "hand: 2(x^2-2), 3(x^2-2)"},
		{UPolyFromInts(0, 0, 6), UPolyFromInts(0, 4), UPolyFromInts(0, 2), "hand: 6x^2, 4x"},
		{nil, UPolyFromInts(3, -6), UPolyFromInts(-3, 6), "convention: gcd(0,g) = g with positive LC"},
		{nil, nil, nil, "convention: gcd(0,0) = 0"},
		// Knuth TAOCP vol. 2 §4.6.1: x^8+x^6-3x^4-3x^3+8x^2+2x-5 and
		// 3x^6+5x^4-4x^2-9x+21 are coprime.
		{UPolyFromInts(-5, 2, 8, -3, -3, 0, 1, 0, 1), UPolyFromInts(21, -9, -4, 0, 5, 0, 3), UPolyFromInts(1), "Knuth 4.6.1"},
	}
	for _, tt := range tests {
		for name, gcd := range map[string]func(f, g UPoly) UPoly{
			"dispatch":     UGCD,
			"subresultant": gcdSubresultant,
			"modular": func(f, g UPoly) UPoly {
				if len(f) == 0 || len(g) == 0 {
					return UGCD(f, g)
				}
				h, err := gcdModular(context.Background(), f, g)
				if err != nil {
					t.Fatal(err)
				}
				return h
			},
		} {
			if got := gcd(tt.f, tt.g); !got.Equal(tt.want) {
				t.Errorf("%s: gcd(%v, %v) = %v, want %v (%s)", name, tt.f, tt.g, got, tt.want, tt.src)
			}
		}
	}
}

// TestUGCDProperties builds inputs with known common factors (FLINT style)
// and checks divisibility, cofactor coprimality and agreement of variants.
func TestUGCDProperties(t *testing.T) {
	seed := int64(11)
	rng := rand.New(rand.NewSource(seed))
	ctx := context.Background()
	for it := 0; it < testIters(150); it++ {
		g := randUPoly(rng, rng.Intn(8), 1+rng.Intn(60))
		a := randUPoly(rng, rng.Intn(10), 1+rng.Intn(60))
		b := randUPoly(rng, rng.Intn(10), 1+rng.Intn(60))
		f, h := a.Mul(g), b.Mul(g)
		d1 := gcdSubresultant(f, h)
		var d2 UPoly
		if len(f) > 0 && len(h) > 0 {
			var err error
			d2, err = gcdModular(ctx, f, h)
			if err != nil {
				t.Fatal(err)
			}
		} else {
			d2 = UGCD(f, h)
		}
		if !d1.Equal(d2) {
			t.Fatalf("seed %d it %d: subresultant %v != modular %v", seed, it, d1, d2)
		}
		d := UGCD(f, h)
		if !d.Equal(d1) {
			t.Fatalf("seed %d it %d: dispatch differs", seed, it)
		}
		if len(d) == 0 {
			continue
		}
		if d.lc().Sign() <= 0 {
			t.Fatalf("seed %d: LC not positive", seed)
		}
		cf, err1 := f.ExactQuo(d)
		ch, err2 := h.ExactQuo(d)
		if err1 != nil || err2 != nil {
			t.Fatalf("seed %d it %d: gcd does not divide inputs", seed, it)
		}
		if cg := UGCD(cf, ch); len(cg) != 1 || cg[0].Int64() != 1 {
			if len(cf) > 0 && len(ch) > 0 {
				t.Fatalf("seed %d it %d: cofactors not coprime: %v", seed, it, cg)
			}
		}
		if len(g) > 0 {
			if _, err := d.ExactQuo(g); err != nil {
				t.Fatalf("seed %d it %d: g does not divide gcd(a g, b g)", seed, it)
			}
		}
	}
}

// determinantSubresultant evaluates S_j(P, Q) directly from its definition
// (file comment of uresultant.go) by Bareiss elimination: the test oracle.
func determinantSubresultant(P, Q UPoly, j int) UPoly {
	p, q := len(P)-1, len(Q)-1
	cols := p + q - j
	rows := p + q - 2*j
	row := func(f UPoly, shift int) []*big.Int {
		r := make([]*big.Int, cols)
		for c := range r {
			r[c] = new(big.Int)
		}
		// column c holds power cols-1-c
		for i, a := range f {
			pw := i + shift
			r[cols-1-pw].Set(a)
		}
		return r
	}
	var M [][]*big.Int
	for k := q - j - 1; k >= 0; k-- {
		M = append(M, row(P, k))
	}
	for k := p - j - 1; k >= 0; k-- {
		M = append(M, row(Q, k))
	}
	out := zeros(j + 1)
	for i := 0; i <= j; i++ {
		sub := make([][]*big.Int, rows)
		for r := range sub {
			sub[r] = make([]*big.Int, rows)
			for c := 0; c < rows-1; c++ {
				sub[r][c] = new(big.Int).Set(M[r][c])
			}
			sub[r][rows-1] = new(big.Int).Set(M[r][cols-1-i])
		}
		out[i] = bareissDet(sub)
	}
	return out.trim()
}

func bareissDet(a [][]*big.Int) *big.Int {
	n := len(a)
	sign := 1
	prev := big.NewInt(1)
	var t big.Int
	for k := 0; k < n-1; k++ {
		if a[k][k].Sign() == 0 {
			sw := -1
			for r := k + 1; r < n; r++ {
				if a[r][k].Sign() != 0 {
					sw = r
					break
				}
			}
			if sw < 0 {
				return new(big.Int)
			}
			a[k], a[sw] = a[sw], a[k]
			sign = -sign
		}
		for i := k + 1; i < n; i++ {
			for j := k + 1; j < n; j++ {
				v := new(big.Int).Mul(a[i][j], a[k][k])
				t.Mul(a[i][k], a[k][j])
				v.Sub(v, &t)
				a[i][j] = v.Quo(v, prev)
			}
		}
		prev = a[k][k]
	}
	d := new(big.Int).Set(a[n-1][n-1])
	if sign < 0 {
		d.Neg(d)
	}
	return d
}

func TestUSubresultantsAgainstDeterminants(t *testing.T) {
	seed := int64(12)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < testIters(150); it++ {
		P := randUPoly(rng, 1+rng.Intn(7), 1+rng.Intn(8))
		Q := randUPoly(rng, 1+rng.Intn(7), 1+rng.Intn(8))
		switch rng.Intn(4) {
		case 0: // force a nontrivial gcd (defective chain)
			g := randUPoly(rng, 1+rng.Intn(3), 3)
			P, Q = P.Mul(g), Q.Mul(g)
		case 1: // sparse: many defective steps
			for i := 1; i < len(P)-1; i++ {
				if rng.Intn(2) == 0 {
					P[i].SetInt64(0)
				}
			}
			for i := 1; i < len(Q)-1; i++ {
				if rng.Intn(2) == 0 {
					Q[i].SetInt64(0)
				}
			}
		}
		S := USubresultants(P, Q)
		n := min(len(P), len(Q)) - 1
		if len(S) != n {
			t.Fatalf("seed %d: %d subresultants, want %d", seed, len(S), n)
		}
		for j := 0; j < n; j++ {
			want := determinantSubresultant(P, Q, j)
			if !S[j].Equal(want) {
				t.Fatalf("seed %d it %d: S_%d(%v, %v) = %v, want %v", seed, it, j, P, Q, S[j], want)
			}
		}
		res := determinantSubresultant(P, Q, 0)
		var r0 *big.Int
		if len(res) == 0 {
			r0 = new(big.Int)
		} else {
			r0 = res[0]
		}
		if got := UResultant(P, Q); got.Cmp(r0) != 0 {
			t.Fatalf("seed %d it %d: UResultant = %v, want det %v", seed, it, got, r0)
		}
		rm, err := resultantModular(context.Background(), P, Q)
		if err != nil || rm.Cmp(r0) != 0 {
			t.Fatalf("seed %d it %d: modular resultant = %v, want %v", seed, it, rm, r0)
		}
	}
}

func TestUResultantTable(t *testing.T) {
	tests := []struct {
		f, g UPoly
		want int64
		src  string
	}{
		{UPolyFromInts(1, 0, 1), UPolyFromInts(-2, 1), 5, "hand: Res(x^2+1, x-2) = (2)^2+1"},
		{UPolyFromInts(-2, 1), UPolyFromInts(1, 0, 1), 5, "hand: (-1)^(1*2) * 5"},
		{UPolyFromInts(-1, 0, 1), UPolyFromInts(1, 1), 0, "hand: common root -1"},
		{UPolyFromInts(3), UPolyFromInts(1, 2, 1), 9, "convention: Res(c, g) = c^deg g"},
		{UPolyFromInts(1, 2, 1), UPolyFromInts(3), 9, "convention: Res(f, c) = c^deg f"},
		{nil, UPolyFromInts(1, 1), 0, "convention: Res(0, g) = 0"},
		// Res(x^3 - 2, x^2 + x + 1) = (w^3-2)(w^6-2) = 1 for w a primitive
		// cube root of 1; PARI/GP 2.15.2: polresultant(x^3-2, x^2+x+1) = 1
		{UPolyFromInts(-2, 0, 0, 1), UPolyFromInts(1, 1, 1), 1, "PARI/GP polresultant"},
	}
	for _, tt := range tests {
		if got := UResultant(tt.f, tt.g); got.Int64() != tt.want || !got.IsInt64() {
			t.Errorf("Res(%v, %v) = %v, want %d (%s)", tt.f, tt.g, got, tt.want, tt.src)
		}
	}
	discs := []struct {
		f    UPoly
		want int64
		src  string
	}{
		{UPolyFromInts(1, 3, 2), 1, "hand: b^2-4ac = 9-8"},
		{UPolyFromInts(-2, 0, 1), 8, "hand: 0 + 8"},
		{UPolyFromInts(1, 1, 0, 1), -31, "hand: x^3+px+q: -4p^3-27q^2 = -4-27; PARI/GP 2.15.2 poldisc(x^3+x+1) = -31"},
		{UPolyFromInts(5, 7), 1, "convention: linear"},
		{UPolyFromInts(1, 2, 1), 0, "hand: double root"},
	}
	for _, tt := range discs {
		if got := UDiscriminant(tt.f); got.Int64() != tt.want {
			t.Errorf("disc(%v) = %v, want %d (%s)", tt.f, got, tt.want, tt.src)
		}
	}
}

func TestUResultantMultiplicative(t *testing.T) {
	seed := int64(13)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < testIters(60); it++ {
		f := randUPoly(rng, 1+rng.Intn(12), 1+rng.Intn(40))
		g := randUPoly(rng, 1+rng.Intn(12), 1+rng.Intn(40))
		h := randUPoly(rng, 1+rng.Intn(12), 1+rng.Intn(40))
		lhs := UResultant(f.Mul(g), h)
		rhs := new(big.Int).Mul(UResultant(f, h), UResultant(g, h))
		if lhs.Cmp(rhs) != 0 {
			t.Fatalf("seed %d it %d: Res(fg,h) != Res(f,h)Res(g,h)", seed, it)
		}
		if a, b := resultantSubresultant(f.Mul(g), h), lhs; a.Cmp(b) != 0 {
			t.Fatalf("seed %d it %d: subresultant %v != dispatch %v", seed, it, a, b)
		}
	}
}

func TestUSquareFree(t *testing.T) {
	seed := int64(14)
	rng := rand.New(rand.NewSource(seed))
	// hand computation: 12 (x-1)(x+2)^2 x^3
	f := UPolyFromInts(-1, 1).Mul(UPolyFromInts(2, 1).Mul(UPolyFromInts(2, 1))).Mul(UPolyFromInts(0, 0, 0, 12))
	fs := USquareFree(f)
	if len(fs) != 3 || !fs[0].F.Equal(UPolyFromInts(-1, 1)) || fs[0].Mult != 1 ||
		!fs[1].F.Equal(UPolyFromInts(2, 1)) || fs[1].Mult != 2 ||
		!fs[2].F.Equal(UPolyFromInts(0, 1)) || fs[2].Mult != 3 {
		t.Fatalf("USquareFree(%v) = %v", f, fs)
	}
	if c := USquareFreeConst(f, fs); c.Int64() != 12 {
		t.Fatalf("constant %v, want 12", c)
	}
	for it := 0; it < testIters(60); it++ {
		prod := UPolyFromInts(int64(rng.Intn(7) - 3))
		if len(prod) == 0 {
			prod = UPolyFromInts(-6)
		}
		for k := 0; k < 1+rng.Intn(3); k++ {
			a := randUPoly(rng, 1+rng.Intn(3), 4)
			m := 1 + rng.Intn(3)
			for i := 0; i < m; i++ {
				prod = prod.Mul(a)
			}
		}
		fs := USquareFree(prod)
		back := UPolyFromInts(1)
		for i, s := range fs {
			if i > 0 && s.Mult <= fs[i-1].Mult {
				t.Fatalf("seed %d: multiplicities not increasing", seed)
			}
			if len(UGCD(s.F, s.F.Deriv())) != 1 {
				t.Fatalf("seed %d: factor %v not square-free", seed, s.F)
			}
			for i := 0; i < s.Mult; i++ {
				back = back.Mul(s.F)
			}
		}
		back = back.Scale(USquareFreeConst(prod, fs))
		if !back.Equal(prod) {
			t.Fatalf("seed %d it %d: factors do not multiply back: %v vs %v", seed, it, back, prod)
		}
	}
}
