package relu

import (
	"math/big"
	"math/rand"
	"testing"
)

func TestLinearMap(t *testing.T) {
	// MATH.md E1: LU = [[l11u11, l11u12],[l21u11, l21u12 + l22u22]].
	got, err := LinearMap(MustSpec("W2=10/11,W1=11/01"))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"W2_1_1*W1_1_1", "W2_1_1*W1_1_2"}, {"W2_2_1*W1_1_1", "W2_2_1*W1_1_2 + W2_2_2*W1_2_2"}}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("entry (%d,%d) = %q, want %q", i+1, j+1, got[i][j], want[i][j])
			}
		}
	}
	if names := WeightNames(MustSpec("W2=10/11,W1=11/01")); len(names) != 6 || names[0] != "W2_1_1" || names[5] != "W1_2_2" {
		t.Errorf("names %v", names)
	}
	// Property: evaluating the strings at random weights gives the product.
	rng := rand.New(rand.NewSource(5))
	for it := 0; it < 30; it++ {
		s := randomSupport(rng, []int{1 + rng.Intn(3), 1 + rng.Intn(3), 1 + rng.Intn(3), 1 + rng.Intn(3)}, 0.6)
		ents, err := LinearMap(s)
		if err != nil {
			t.Fatal(err)
		}
		W := make([]RatMatrix, s.Depth())
		val := map[string]*big.Rat{}
		for q, m := range s.Masks {
			W[q] = NewRatMatrix(m.Rows(), m.Cols())
			for i := 0; i < m.Rows(); i++ {
				for j := 0; j < m.Cols(); j++ {
					if m.At(i, j) {
						W[q][i][j].SetInt64(int64(rng.Intn(7) - 3))
						val[weightName(s.Depth()-q, i, j)] = W[q][i][j]
					}
				}
			}
		}
		n, _ := NewNetwork(s, W, nil)
		P := n.Product()
		for i := range ents {
			for j := range ents[i] {
				p, err := vpParse(ents[i][j])
				if err != nil {
					t.Fatal(err)
				}
				sum := new(big.Rat)
				for k, c := range p {
					term := new(big.Rat).Set(c)
					for name, e := range vpParseKey(k) {
						for x := 0; x < e; x++ {
							term.Mul(term, val[name])
						}
					}
					sum.Add(sum, term)
				}
				if sum.Cmp(P[i][j]) != 0 {
					t.Fatalf("seed 5: %s entry (%d,%d): %s != %s", s, i+1, j+1, sum.RatString(), P[i][j].RatString())
				}
			}
		}
	}
}
