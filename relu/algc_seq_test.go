package relu

import (
	"context"
	"errors"
	"math/big"
	"testing"
)

func ratsOf(xs ...int64) []*big.Rat {
	out := make([]*big.Rat, len(xs))
	for i, x := range xs {
		out[i] = big.NewRat(x, 1)
	}
	return out
}

// TestCurveSequence checks the constructive stage 2 on curves whose
// membership is known by hand: the factors found lie on the masks and their
// product tends to A*, or the search reports that there is none.
func TestCurveSequence(t *testing.T) {
	cases := []struct {
		spec  string
		A0, E []int64
		found bool
		why   string // provenance
	}{
		// MATH.md E1: A*+tE = [[t,1],[1,0]] has a ≠ 0, so it is in L_LU = {a≠0 ∨ b=0 ∨ c=0}.
		{"W2=10/11,W1=11/01", []int64{0, 1, 1, 0}, []int64{1, 0, 0, 0}, true, "E1"},
		// [[0,1],[1,t]]: a = 0, b, c ≠ 0: not in L_LU for any t, so the fibre over Q(t) is empty.
		{"W2=10/11,W1=11/01", []int64{0, 1, 1, 0}, []int64{0, 0, 0, 1}, false, "E1, hand"},
		// MATH.md E6: A* = [[1,0,1],[0,1,0]], A*+t·E[2,3] is the E6 product of ALG-B step 3.
		{"W2=11/11,W1=110/011", []int64{1, 0, 1, 0, 1, 0}, []int64{0, 0, 0, 0, 0, 1}, true, "E6"},
		// A 3·3·3 orbit the structural pipeline leaves UNKNOWN; ALG-C stage 1 gives
		// L_I ∌ A* and term "A_1_2 != 0" along E (hand check: row 1 of A spans W1's
		// third row, which then makes W1 invertible).
		{"W2=001/111/111,W1=100/011/111", []int64{-1, 0, 0, 0, -1, -1, 0, -1, -2}, []int64{0, 1, 0, 0, 0, 0, 0, 0, 0}, true, "ALG-C gap, hand"},
	}
	for _, c := range cases {
		s := MustSpec(c.spec)
		W, err := curveSequence(context.Background(), s, ratsOf(c.A0...), ratsOf(c.E...), 6)
		if !c.found {
			if !errors.Is(err, errNoSequence) {
				t.Errorf("%s (%s): got %v, %v; want errNoSequence", c.spec, c.why, W, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s (%s): %v", c.spec, c.why, err)
			continue
		}
		if !seqLimitIs(W, ratsOf(c.A0...)) {
			t.Errorf("%s (%s): product does not tend to A*", c.spec, c.why)
		}
		for l, Wl := range W {
			mk := s.Layer(l + 1)
			for i := range Wl {
				for j := range Wl[i] {
					if !Wl[i][j].IsZero() && !mk.At(i, j) {
						t.Errorf("%s: W%d(%d,%d) = %s off the mask", c.spec, l+1, i+1, j+1, Wl[i][j])
					}
				}
			}
		}
	}
}

// TestAlgCNotClosedCertificates: the fallback turns ALG-C gap points into
// NOT_CLOSED certificates that Verify accepts, and tampering is caught.
func TestAlgCNotClosedCertificates(t *testing.T) {
	specs := []string{
		"W2=001/111/111,W1=100/011/111",
		"W2=010/111/111,W1=100/110/011",
	}
	if testing.Short() {
		specs = specs[:1]
	}
	for _, spec := range specs {
		v, err := ClosednessWith(context.Background(), MustSpec(spec), Options{Fallback: true, Budget: DefaultAlgCBudget, NoTable: true})
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != NotClosed {
			t.Errorf("%s: %v (%s)", spec, v.Status, v.Cert.Reason)
			continue
		}
		if err := Verify(v.Cert); err != nil {
			t.Errorf("%s: %v", spec, err)
		}
		bad := *v.Cert
		bad.Witness = append([][]string(nil), v.Cert.Witness...)
		bad.Witness[0] = append([]string(nil), v.Cert.Witness[0]...)
		bad.Witness[0][0] = "7"
		if Verify(&bad) == nil {
			t.Errorf("%s: tampered witness accepted", spec)
		}
	}
}
