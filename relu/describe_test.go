package relu

import (
	"context"
	"math/big"
	"math/rand"
	"testing"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		spec, formula, closure, source string
	}{
		{"W2=11/11,W1=111/001", "A_1_1*A_2_2 - A_1_2*A_2_1 = 0", "A_1_1*A_2_2 - A_1_2*A_2_1 = 0", "MATH.md E7a"},
		{"W2=11/01,W1=111/110", "A_2_3 = 0", "A_2_3 = 0", "MATH.md E7b (f = 0)"},
		{"W2=10/11,W1=11/01", "(A_1_1 != 0 or A_1_2 = 0 or A_2_1 = 0)", "true", "MATH.md E1"},
		{"W2=11/01,W1=10/11", "(A_2_2 != 0 or A_2_1 = 0 or A_1_2 = 0)", "true", "MATH.md E2 (d ≠ 0 or b = 0 or c = 0)"},
		{"W2=11/11,W1=11/11", "true", "true", "MATH.md T4"},
		{"W2=1010/0101/1010/0101,W1=1100/1100/0011/0011",
			"A_1_1*A_3_2 - A_1_2*A_3_1 = 0 and A_2_1*A_4_2 - A_2_2*A_4_1 = 0 and A_1_3*A_3_4 - A_1_4*A_3_3 = 0 and A_2_3*A_4_4 - A_2_4*A_4_3 = 0", "", "MATH.md E9 (four 2x2 determinants)"},
	}
	for _, tc := range tests {
		d, err := Describe(context.Background(), MustSpec(tc.spec))
		if err != nil {
			t.Fatal(err)
		}
		if d.Formula != tc.formula {
			t.Errorf("%s: formula %q, want %q (%s)", tc.spec, d.Formula, tc.formula, tc.source)
		}
		if tc.closure != "" && d.Closure != tc.closure {
			t.Errorf("%s: closure %q, want %q", tc.spec, d.Closure, tc.closure)
		}
	}
	// E7c: A33 = 0 and det A = 0 (MATH.md E7c).
	d, _ := Describe(context.Background(), MustSpec("W2=11/11/01,W1=111/110"))
	want := "A_3_3 = 0 and A_1_1*A_2_2*A_3_3 - A_1_1*A_2_3*A_3_2 - A_1_2*A_2_1*A_3_3 + A_1_2*A_2_3*A_3_1 - A_1_3*A_2_2*A_3_1 + A_1_3*A_2_1*A_3_2 = 0" // Leibniz expansion of det A (hand computation)
	if d.Formula != want {
		t.Errorf("E7c formula %q", d.Formula)
	}
	// E6 (MATH.md E6, derived form): {af−cd ≠ 0} ∪ {ae−bd = 0} ∪ {c = f = 0}.
	d, _ = Describe(context.Background(), MustSpec("W2=11/11,W1=110/011"))
	if d.Formula != "(A_1_1*A_2_3 - A_1_3*A_2_1 != 0 or A_1_1*A_2_2 - A_1_2*A_2_1 = 0 or (A_1_3 = 0 and A_2_3 = 0))" || d.Closure != "true" {
		t.Errorf("E6: %+v", d)
	}
	// E6 with a third neuron: no exact formula.
	d, _ = Describe(context.Background(), MustSpec("W2=110/111,W1=110/011/001"))
	if d.Verdict == "not_closed" && d.Formula != "" {
		t.Errorf("E6+cell: %+v", d)
	}
}

// TestE6FormulaOnProducts: random products of the E6 support and of its
// transpose satisfy the E6 description; the witnesses do not.
func TestE6FormulaOnProducts(t *testing.T) {
	seed := int64(6)
	rng := rand.New(rand.NewSource(seed))
	holds := func(A RatMatrix, tr bool) bool {
		g := func(i, j int) *big.Rat {
			if tr {
				return A[j][i]
			}
			return A[i][j]
		}
		m := func(a, b, c, d *big.Rat) int { // sign of a*b − c*d
			return new(big.Rat).Sub(new(big.Rat).Mul(a, b), new(big.Rat).Mul(c, d)).Sign()
		}
		return m(g(0, 0), g(1, 2), g(0, 2), g(1, 0)) != 0 || m(g(0, 0), g(1, 1), g(0, 1), g(1, 0)) == 0 ||
			(g(0, 2).Sign() == 0 && g(1, 2).Sign() == 0)
	}
	for _, tr := range []bool{false, true} {
		s := MustSpec("W2=11/11,W1=110/011")
		if tr {
			s = s.Transpose()
		}
		for it := 0; it < 200; it++ {
			var A RatMatrix
			for _, m := range s.Masks {
				W := NewRatMatrix(m.Rows(), m.Cols())
				for i := 0; i < m.Rows(); i++ {
					for j := 0; j < m.Cols(); j++ {
						if m.At(i, j) && rng.Intn(3) > 0 {
							W[i][j].SetInt64(int64(rng.Intn(5) - 2))
						}
					}
				}
				if A == nil {
					A = W
				} else {
					A = A.Mul(W)
				}
			}
			if !holds(A, tr) {
				t.Fatalf("seed %d: product %s violates the E6 description", seed, A)
			}
		}
		v, _ := Closedness(context.Background(), s)
		W, _ := ParseRatMatrix(v.Cert.Witness)
		if holds(W, tr) {
			t.Errorf("witness %s satisfies the E6 description", W)
		}
		d, _ := Describe(context.Background(), s)
		if d.Formula == "" {
			t.Errorf("no formula for %s", s)
		}
	}
}
