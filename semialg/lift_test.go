package semialg

import (
	"context"
	"math/big"
	"math/rand"
	"testing"

	"github.com/relucad/relucad/poly"
)

// TestRootCountSigns checks the Sturm–Habicht root count of lift.go
// against real root isolation (poly.RealAlgRoots) on random products of
// linear and quadratic factors with multiplicities, so that zero
// subresultant coefficients (defective sequences) occur often.
func TestRootCountSigns(t *testing.T) {
	seed := int64(1)
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x"}, DefaultOrder)
	zeros := 0
	for it := 0; it < iters(3000); it++ {
		p := R.ConstInt(int64(rng.Intn(5) - 2))
		if p.IsZero() {
			p = R.ConstInt(3)
		}
		for k := 0; k < 1+rng.Intn(4); k++ {
			var q *poly.Poly
			if rng.Intn(2) == 0 {
				q = R.Var(0).Sub(R.ConstInt(int64(rng.Intn(7) - 3)))
			} else {
				q = R.Var(0).Mul(R.Var(0)).Add(R.Var(0).Mul(R.ConstInt(int64(rng.Intn(5) - 2)))).Add(R.ConstInt(int64(rng.Intn(7) - 3)))
			}
			for e := 0; e < 1+rng.Intn(3); e++ {
				p = p.Mul(q)
			}
		}
		d := p.Degree(0)
		if d < 1 {
			continue
		}
		rs, err := poly.RealAlgRoots(context.Background(), toUPoly(p, 0))
		if err != nil {
			t.Fatal(err)
		}
		var signs []int
		if d >= 2 {
			for _, q := range poly.PrincipalSubresultantCoeffs(p, derivIn(p, 0), 0) {
				sg := 0
				if !q.IsZero() {
					sg = q.LeadCoeff().Sign()
				} else {
					zeros++
				}
				signs = append(signs, sg)
			}
		}
		if got := rootCountSigns(d, p.LeadCoeff().Sign(), signs); got != len(rs) {
			t.Fatalf("seed %d: %v: psc signs %v count %d real roots, root isolation finds %d", seed, p, signs, got, len(rs))
		}
	}
	if zeros == 0 {
		t.Errorf("seed %d: no zero subresultant coefficient was tested", seed)
	}
}

// TestPmV: hand computations from the definition (BPR Def 4.30).
func TestPmV(t *testing.T) {
	for _, tc := range []struct {
		seq  []int
		want int
	}{
		{[]int{1, 1, 1}, 2},         // two permanences
		{[]int{1, -1, 1}, -2},       // two variations
		{[]int{1, 0, 1}, 0},         // even gap: no contribution
		{[]int{1, 0, 0, 1}, -1},     // gap 3: ε₃ = −1
		{[]int{1, 0, 0, 0, 1}, 0},   // gap 4 (even)
		{[]int{-1, 1, 0, 0, 1}, -2}, // variation, then gap 3 with ε₃ = −1
	} {
		if got := pmv(tc.seq); got != tc.want {
			t.Errorf("pmv(%v) = %d, want %d", tc.seq, got, tc.want)
		}
	}
}

// TestIntervalSign: the outward-rounded interval evaluation never claims a
// sign that some point of the box contradicts (checked exactly at the
// corners and the centre), and decides non-zero values on small boxes.
func TestIntervalSign(t *testing.T) {
	seed := int64(3)
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"a", "b", "c"}, DefaultOrder)
	decided := 0
	for it := 0; it < iters(2000); it++ {
		p := R.Zero()
		for k := 0; k < 1+rng.Intn(5); k++ {
			m := poly.Monomial{uint32(rng.Intn(4)), uint32(rng.Intn(4)), uint32(rng.Intn(3))}
			p = p.Add(R.Monomial(big.NewRat(int64(rng.Intn(21)-10), int64(1+rng.Intn(7))), m))
		}
		box := make([][2]*big.Rat, 3)
		centre := make([]*big.Rat, 3)
		for v := range box {
			c := big.NewRat(int64(rng.Intn(41)-20), int64(1+rng.Intn(9)))
			w := big.NewRat(1, int64(1)<<uint(rng.Intn(40)))
			if rng.Intn(5) == 0 {
				w = new(big.Rat) // a point
			}
			box[v] = [2]*big.Rat{new(big.Rat).Sub(c, w), new(big.Rat).Add(c, w)}
			centre[v] = c
		}
		sg := intervalSign(p.Terms(), p.Vars(), box)
		if sg == 0 {
			continue
		}
		decided++
		for mask := 0; mask < 9; mask++ {
			x := make([]*big.Rat, 3)
			for v := range x {
				switch {
				case mask == 8:
					x[v] = centre[v]
				case mask>>v&1 == 1:
					x[v] = box[v][1]
				default:
					x[v] = box[v][0]
				}
			}
			if val := evalRatTerms(p.Terms(), x); val.Sign() != sg {
				t.Fatalf("seed %d: %v on %v: interval sign %d, value %v at %v", seed, p, box, sg, val, x)
			}
		}
	}
	if decided < iters(2000)/2 {
		t.Errorf("seed %d: only %d of %d boxes decided", seed, decided, iters(2000))
	}
}

// TestRatSign: the integer evaluation agrees with exact rational
// evaluation (evalRatTerms) on random polynomials and points, zeros
// included.
func TestRatSign(t *testing.T) {
	seed := int64(4)
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"a", "b", "c"}, DefaultOrder)
	zeros := 0
	for it := 0; it < iters(3000); it++ {
		p := R.Zero()
		for k := 0; k < 1+rng.Intn(5); k++ {
			m := poly.Monomial{uint32(rng.Intn(4)), uint32(rng.Intn(4)), uint32(rng.Intn(3))}
			p = p.Add(R.Monomial(big.NewRat(int64(rng.Intn(21)-10), int64(1+rng.Intn(7))), m))
		}
		x := make([]*big.Rat, 3)
		for v := range x {
			x[v] = big.NewRat(int64(rng.Intn(9)-4), int64(1+rng.Intn(4)))
		}
		if rng.Intn(3) == 0 && !p.IsZero() {
			// Force a zero: subtract the value.
			p = p.Sub(R.Const(evalRatTerms(p.Terms(), x)))
		}
		want := evalRatTerms(p.Terms(), x).Sign()
		if want == 0 {
			zeros++
		}
		if got := ratSign(p.Terms(), p.Vars(), x); got != want {
			t.Fatalf("seed %d: %v at %v: ratSign %d, exact %d", seed, p, x, got, want)
		}
	}
	if zeros == 0 {
		t.Errorf("seed %d: no zero value tested", seed)
	}
}
