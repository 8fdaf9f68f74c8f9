package poly

import (
	"context"
	"errors"
	"math/big"
	"math/rand"
	"testing"
)

// shiftByBinomials returns h(x + 1) by the formula
// h(x+1)_j = sum_{i >= j} h_i C(i, j), independent of the Pascal-triangle
// recurrences under test.
func shiftByBinomials(h UPoly) UPoly {
	out := make(UPoly, len(h))
	var c, t, u big.Int
	for j := range out {
		out[j] = new(big.Int)
		c.SetInt64(1) // C(j, j)
		for i := j; i < len(h); i++ {
			out[j].Add(out[j], t.Mul(h[i], &c))
			// C(i+1, j) = C(i, j) (i+1) / (i+1-j)
			c.Mul(&c, u.SetInt64(int64(i+1)))
			c.Quo(&c, u.SetInt64(int64(i+1-j)))
		}
	}
	return out
}

// randSignedUPoly returns n coefficients of up to bits bits, each negative
// with probability 1/2 and zero with probability 1/8.
func randSignedUPoly(rng *rand.Rand, n, bits int) UPoly {
	p := make(UPoly, n)
	lim := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	for i := range p {
		p[i] = new(big.Int)
		if rng.Intn(8) == 0 {
			continue
		}
		p[i].Rand(rng, lim)
		if rng.Intn(2) == 0 {
			p[i].Neg(p[i])
		}
	}
	return p
}

func equalCoeffs(a, b UPoly) int {
	if len(a) != len(b) {
		return -2
	}
	for i := range a {
		if a[i].Cmp(b[i]) != 0 {
			return i
		}
	}
	return -1
}

// TestTaylorShiftMatchesBinomials checks the blocked shift (degrees >= 256)
// and the classical one (below) against the binomial formula, on random
// signed coefficients from 1 to 3000 bits.
func TestTaylorShiftMatchesBinomials(t *testing.T) {
	seed := int64(20261127)
	rng := rand.New(rand.NewSource(seed))
	degs := []int{0, 1, 2, 7, 255, 256, 257, 263, 300}
	if !testing.Short() {
		degs = append(degs, 511, 600)
	}
	for _, d := range degs {
		for _, bits := range []int{1, 64, 3000} {
			h := randSignedUPoly(rng, d+1, bits)
			want := shiftByBinomials(h)
			got := h.clone()
			if err := taylorShiftCtx(context.Background(), got); err != nil {
				t.Fatal(err)
			}
			if k := equalCoeffs(got, want); k != -1 {
				t.Fatalf("seed %d degree %d bits %d: coefficient %d differs", seed, d, bits, k)
			}
		}
	}
}

// TestTaylorShiftEdgeCases: hand computations.
func TestTaylorShiftEdgeCases(t *testing.T) {
	big1 := new(big.Int).Lsh(big.NewInt(1), 5000) // 2^5000
	neg := new(big.Int).Neg(big1)
	cases := []struct {
		name    string
		in, out UPoly
	}{
		{"empty", UPoly{}, UPoly{}},
		{"constant", UPoly{big.NewInt(-7)}, UPoly{big.NewInt(-7)}},
		// 3 - 2x at x+1: 1 - 2x
		{"linear", UPoly{big.NewInt(3), big.NewInt(-2)}, UPoly{big.NewInt(1), big.NewInt(-2)}},
		// x^2 - 2x + 1 = (x-1)^2 at x+1: x^2
		{"square", UPoly{big.NewInt(1), big.NewInt(-2), big.NewInt(1)}, UPoly{big.NewInt(0), big.NewInt(0), big.NewInt(1)}},
		// -2^5000 x + 2^5000 at x+1: -2^5000 x
		{"huge", UPoly{new(big.Int).Set(big1), new(big.Int).Set(neg)}, UPoly{big.NewInt(0), new(big.Int).Set(neg)}},
	}
	for _, c := range cases {
		got := c.in.clone()
		if err := taylorShiftCtx(context.Background(), got); err != nil {
			t.Fatal(err)
		}
		if k := equalCoeffs(got, c.out); k != -1 {
			t.Errorf("%s: got %v, want %v", c.name, got, c.out)
		}
	}
	// (x - 1)^300 at x+1 is x^300 (blocked path, exact cancellation).
	h := UPoly{big.NewInt(1)}
	for i := 0; i < 300; i++ {
		h = h.Mul(UPoly{big.NewInt(-1), big.NewInt(1)})
	}
	if err := taylorShiftCtx(context.Background(), h); err != nil {
		t.Fatal(err)
	}
	for i, c := range h {
		if want := 0; i == 300 {
			if c.Cmp(big.NewInt(1)) != 0 {
				t.Fatalf("(x-1)^300 shifted: leading coefficient %v", c)
			}
		} else if c.Sign() != want {
			t.Fatalf("(x-1)^300 shifted: coefficient %d is %v", i, c)
		}
	}
}

// TestTaylorShiftCancel: a cancelled context stops a large shift with the
// context's error.
func TestTaylorShiftCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h := randSignedUPoly(rand.New(rand.NewSource(1)), 1001, 100)
	if err := taylorShiftCtx(ctx, h); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestFlatShiftAndScale checks the flat-array shift by 1 (both its flat
// path and its hand-over to big.Int) and the scaling x -> 2^k x against
// UPoly arithmetic.
func TestFlatShiftAndScale(t *testing.T) {
	seed := int64(77)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < testIters(40); it++ {
		d := rng.Intn(60)
		if it%5 == 4 {
			d = 256 + rng.Intn(50) // blocked big.Int path
		}
		bits := 1 + rng.Intn(400)
		h := randSignedUPoly(rng, d+1, bits)
		h[d].SetInt64(int64(1 + rng.Intn(9))) // nonzero leading coefficient
		f := flatFromUPoly(h)
		if err := f.shift(context.Background()); err != nil {
			t.Fatal(err)
		}
		want := h.clone()
		taylorShift1(want)
		if k := equalCoeffs(f.toUPoly(), want); k != -1 {
			t.Fatalf("seed %d iteration %d (degree %d, %d bits): shift differs at %d", seed, it, d, bits, k)
		}
		k := uint(1 + rng.Intn(70))
		g := flatFromUPoly(h)
		g.scale(k)
		for i := range want {
			want[i].Lsh(h[i], k*uint(i))
		}
		if k2 := equalCoeffs(g.toUPoly(), want); k2 != -1 {
			t.Fatalf("seed %d iteration %d: scale by 2^%d differs at %d", seed, it, k, k2)
		}
		if s := g.signVariations(); s != want.signVariations() {
			t.Fatalf("seed %d iteration %d: sign variations %d after scale, want %d", seed, it, s, want.signVariations())
		}
	}
}

// BenchmarkTaylorShift: one shift by 1 of a degree-1000 polynomial with
// 7000-bit coefficients (the size of the last shifts on random1000), in the
// blocked order and in the classical one.
func BenchmarkTaylorShift(b *testing.B) {
	h := randSignedUPoly(rand.New(rand.NewSource(1)), 1001, 7000)
	b.Run("blocked", func(b *testing.B) {
		for b.Loop() {
			if err := taylorShiftCtx(context.Background(), h.clone()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("classical", func(b *testing.B) {
		for b.Loop() {
			taylorShift1(h.clone())
		}
	})
}
