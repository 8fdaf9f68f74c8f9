package relu

import (
	"context"
	"math/rand"
	"testing"
)

// TestComponentsZeroOtherCells is the regression test for closed
// certificates of method "components" whose rank conditions spanned cells
// of another component (found by `relucad atlas verify` on the 4,4,4
// census: the block rows {2,3,4} × cols {1..4} of the second component
// contains the cells (2,1), (2,2) of the first, which must be set to 0).
func TestComponentsZeroOtherCells(t *testing.T) {
	s := MustSpec("W2=0100/0110/0011/1011,W1=0000/1100/0011/1111")
	v, err := Closedness(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != Closed {
		t.Fatalf("verdict %v, want closed (two coordinate-disjoint components, rank1 and alg_b)", v.Status)
	}
	if err := Verify(v.Cert); err != nil {
		t.Fatalf("certificate does not verify: %v\n%s", err, v.Cert.Text())
	}
}

// TestRandomSupports444 checks that every definite verdict on random
// 4×4×4 supports carries a certificate that Verify accepts.
func TestRandomSupports444(t *testing.T) {
	seed := int64(20261127)
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	n := 400
	if testing.Short() {
		n = 60
	}
	for it := 0; it < n; it++ {
		ms := make([]Mask, 2)
		for q := range ms {
			e := make([][]int, 4)
			for i := range e {
				e[i] = make([]int, 4)
				for j := range e[i] {
					if rng.Intn(2) == 1 {
						e[i][j] = 1
					}
				}
			}
			ms[q] = MustMask(e)
		}
		s, err := NewSupport(ms...)
		if err != nil {
			t.Fatal(err)
		}
		v, err := Closedness(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		if v.Status == Unknown {
			continue
		}
		if err := Verify(v.Cert); err != nil {
			t.Fatalf("iter %d (seed %d): %s: %v certificate does not verify: %v", it, seed, v.Cert.Spec, v.Status, err)
		}
	}
}
