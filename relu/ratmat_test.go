package relu

import (
	"math/big"
	"math/rand"
	"testing"
)

func TestRank(t *testing.T) {
	tests := []struct {
		a    [][]int64
		rank int
	}{
		{[][]int64{{1, 2}, {2, 4}}, 1},                             // hand computation
		{[][]int64{{0, 1}, {1, 0}}, 2},                             // permutation
		{[][]int64{{0, 0}, {0, 0}}, 0},                             // zero
		{[][]int64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, 2},            // classic singular 3x3
		{[][]int64{{1, 2, 3}, {4, 5, 6}, {7, 8, 10}}, 3},           // MATH.md E3 member
		{[][]int64{{0, 0, 1}, {0, 0, 2}, {1, 1, 0}}, 2},            // pivot column skip
		{[][]int64{{0, 1, 2, 3}}, 1},                               // one row
		{[][]int64{{1, 0, 0}, {0, 0, 0}, {0, 0, 1}, {1, 0, 1}}, 2}, // tall
	}
	for _, tc := range tests {
		if got := Rank(RatMatrixFromInts(tc.a)); got != tc.rank {
			t.Errorf("Rank(%v) = %d, want %d", tc.a, got, tc.rank)
		}
	}
	// Rational entries.
	a := RatMatrix{{big.NewRat(1, 2), big.NewRat(1, 3)}, {big.NewRat(3, 2), big.NewRat(1, 1)}}
	if Rank(a) != 1 {
		t.Errorf("rank of rational rank-1 matrix = %d", Rank(a))
	}
}

// TestRankProperty builds X·Y with X n×k, Y k×n random: rank ≤ k, and for
// generic integer data equal to k; compared with a plain rational
// elimination.
func TestRankProperty(t *testing.T) {
	seed := int64(7)
	rng := rand.New(rand.NewSource(seed))
	iters := 300
	if testing.Short() {
		iters = 50
	}
	for it := 0; it < iters; it++ {
		m, n, k := 1+rng.Intn(5), 1+rng.Intn(5), 1+rng.Intn(4)
		x := randRat(rng, m, k)
		y := randRat(rng, k, n)
		p := x.Mul(y)
		r := Rank(p)
		if r > k || r > m || r > n {
			t.Fatalf("seed %d: rank %d exceeds bound", seed, r)
		}
		if r2 := rankNaive(p); r2 != r {
			t.Fatalf("seed %d it %d: Bareiss rank %d, naive %d for %v", seed, it, r, r2, p)
		}
	}
}

func randRat(rng *rand.Rand, m, n int) RatMatrix {
	a := NewRatMatrix(m, n)
	for i := range a {
		for j := range a[i] {
			if rng.Intn(3) == 0 {
				continue
			}
			a[i][j].SetFrac64(int64(rng.Intn(7)-3), int64(1+rng.Intn(3)))
		}
	}
	return a
}

// rankNaive is Gaussian elimination over Q with big.Rat division.
func rankNaive(a RatMatrix) int {
	b := a.Submatrix(seq(a.Rows()), seq(a.Cols()))
	r := 0
	for c := 0; c < b.Cols() && r < b.Rows(); c++ {
		p := -1
		for i := r; i < b.Rows(); i++ {
			if b[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		b[r], b[p] = b[p], b[r]
		for i := r + 1; i < b.Rows(); i++ {
			f := new(big.Rat).Quo(b[i][c], b[r][c])
			for j := c; j < b.Cols(); j++ {
				b[i][j].Sub(b[i][j], new(big.Rat).Mul(f, b[r][j]))
			}
		}
		r++
	}
	return r
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}
