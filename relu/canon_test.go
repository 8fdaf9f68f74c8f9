package relu

import (
	"math/big"
	"math/rand"
	"testing"
)

// randomGroupElement applies a random element of the D1 group to s.
func randomGroupElement(rng *rand.Rand, s Support) Support {
	if rng.Intn(2) == 0 {
		s = s.Transpose()
	}
	w := s.Widths()
	perm := make([][]int, len(w))
	for l, n := range w {
		perm[l] = rng.Perm(n)
	}
	return applyPerms(s, perm)
}

func randomSupport(rng *rand.Rand, widths []int, p float64) Support {
	L := len(widths) - 1
	masks := make([]Mask, L)
	for l := 1; l <= L; l++ {
		m := ZeroMask(widths[l], widths[l-1])
		for i := range m.bits {
			m.bits[i] = rng.Float64() < p
		}
		masks[L-l] = m
	}
	return Support{Masks: masks}
}

func TestCanonicalInvariance(t *testing.T) {
	seed := int64(11)
	rng := rand.New(rand.NewSource(seed))
	iters := 400
	if testing.Short() {
		iters = 100
	}
	shapes := [][]int{{2, 2, 2}, {3, 2, 3}, {3, 3, 3}, {2, 3, 4}, {2, 2, 2, 2}, {3, 2, 3, 2}, {4, 4, 4}, {3, 3}, {2, 5}}
	for it := 0; it < iters; it++ {
		w := shapes[rng.Intn(len(shapes))]
		s := randomSupport(rng, w, 0.5)
		k1, err := Key(s)
		if err != nil {
			t.Fatalf("seed %d: Key(%s): %v", seed, s, err)
		}
		g := randomGroupElement(rng, s)
		k2, err := Key(g)
		if err != nil {
			t.Fatalf("seed %d: Key(%s): %v", seed, g, err)
		}
		if k1 != k2 {
			t.Fatalf("seed %d: Key(%s) = %s but Key(%s) = %s", seed, s, k1, g, k2)
		}
		if Invariant(s) != Invariant(g) {
			t.Fatalf("seed %d: invariant differs for %s and %s", seed, s, g)
		}
		// The canonical form is in the orbit: same invariant, and canonical of canonical is itself.
		c := MustSpec(k1)
		if k3, _ := Key(c); k3 != k1 {
			t.Fatalf("seed %d: Key not idempotent: %s -> %s", seed, k1, k3)
		}
	}
}

// TestBurnside compares the number of distinct keys over all supports of a
// shape with the number of orbits computed by Burnside's lemma: the average
// over the group of 2^(number of cycles of the element on mask cells).
func TestBurnside(t *testing.T) {
	shapes := [][]int{{2, 2, 2}, {2, 3, 2}, {2, 2, 3}, {1, 3, 2}, {2, 2, 2, 2}, {3, 3}}
	if !testing.Short() {
		shapes = append(shapes, []int{3, 2, 3}, []int{3, 3, 2})
	}
	for _, w := range shapes {
		keys := map[string]bool{}
		invs := map[string]bool{}
		forAllSupports(w, func(s Support) {
			k, err := Key(s)
			if err != nil {
				t.Fatal(err)
			}
			keys[k] = true
			invs[Invariant(s)] = true
		})
		want := burnside(w)
		if !want.IsInt() || want.Num().Int64() != int64(len(keys)) {
			t.Errorf("shape %v: %d distinct keys, Burnside gives %s orbits", w, len(keys), want)
		}
		if len(invs) > len(keys) {
			t.Errorf("shape %v: invariant separates more than the key", w)
		}
	}
}

// forAllSupports enumerates every support of the given widths (N_0..N_L).
func forAllSupports(w []int, f func(Support)) {
	L := len(w) - 1
	total := 0
	for l := 1; l <= L; l++ {
		total += w[l] * w[l-1]
	}
	for code := 0; code < 1<<total; code++ {
		masks := make([]Mask, L)
		bit := 0
		for l := L; l >= 1; l-- {
			m := ZeroMask(w[l], w[l-1])
			for i := range m.bits {
				m.bits[i] = code>>bit&1 == 1
				bit++
			}
			masks[L-l] = m
		}
		f(Support{Masks: masks})
	}
}

// burnside counts orbits of supports of widths w under D1.
func burnside(w []int) *big.Rat {
	L := len(w) - 1
	// Cell numbering: layer l (1..L), (i,j) -> offset[l] + i*w[l-1] + j.
	offset := make([]int, L+2)
	for l := 1; l <= L; l++ {
		offset[l+1] = offset[l] + w[l]*w[l-1]
	}
	ncell := offset[L+1]
	palin := true
	for l := range w {
		if w[l] != w[L-l] {
			palin = false
		}
	}
	sum := new(big.Int)
	count := new(big.Int)
	var perLayer [][][]int
	for _, n := range w {
		var ps [][]int
		permute(seq(n), 0, func(p []int) { ps = append(ps, append([]int(nil), p...)) })
		perLayer = append(perLayer, ps)
	}
	cur := make([][]int, L+1)
	var rec func(l int)
	rec = func(l int) {
		if l > L {
			for tr := 0; tr < 2; tr++ {
				if tr == 1 && !palin {
					continue
				}
				img := make([]int, ncell)
				for k := 1; k <= L; k++ {
					for i := 0; i < w[k]; i++ {
						for j := 0; j < w[k-1]; j++ {
							i2, j2 := cur[k][i], cur[k-1][j]
							var dst int
							if tr == 0 {
								dst = offset[k] + i2*w[k-1] + j2
							} else {
								// transpose: cell (k,i2,j2) -> layer L+1-k, (j2,i2)
								k2 := L + 1 - k
								dst = offset[k2] + j2*w[k2-1] + i2
							}
							img[offset[k]+i*w[k-1]+j] = dst
						}
					}
				}
				seen := make([]bool, ncell)
				cycles := 0
				for c := 0; c < ncell; c++ {
					if seen[c] {
						continue
					}
					cycles++
					for d := c; !seen[d]; d = img[d] {
						seen[d] = true
					}
				}
				sum.Add(sum, new(big.Int).Lsh(big.NewInt(1), uint(cycles)))
				count.Add(count, big.NewInt(1))
			}
			return
		}
		for _, p := range perLayer[l] {
			cur[l] = p
			rec(l + 1)
		}
	}
	rec(0)
	return new(big.Rat).SetFrac(sum, count)
}

func TestCanonicalExamples(t *testing.T) {
	// LU and UL are transposes-with-reversal of each other up to relabelling
	// (MATH.md D1, E1/E2): LU^T = (U^T, L^T) = (lower, upper) reversed.
	k1, _ := Key(MustSpec("W2=10/11,W1=11/01"))
	k2, _ := Key(MustSpec("W2=11/01,W1=10/11"))
	if k1 != k2 {
		t.Errorf("LU key %s, UL key %s", k1, k2)
	}
	// E6 and its transpose (3x2 pattern) share a key.
	k3, _ := Key(MustSpec("W2=11/11,W1=110/011"))
	k4, _ := Key(MustSpec("W2=11/11,W1=110/011").Transpose())
	if k3 != k4 {
		t.Errorf("E6 keys differ: %s %s", k3, k4)
	}
	// Dense differs from LU.
	k5, _ := Key(MustSpec("W2=11/11,W1=11/11"))
	if k5 == k1 {
		t.Error("dense and LU share a key")
	}
	old := CanonicalBudget
	CanonicalBudget = 10
	defer func() { CanonicalBudget = old }()
	if _, err := Key(MustSpec("W2=1000/0100/0010/0001,W1=1000/0100/0010/0001")); err == nil {
		t.Error("no budget error")
	}
}

func BenchmarkKey(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	ss := make([]Support, 64)
	for i := range ss {
		ss[i] = randomSupport(rng, []int{3, 3, 3}, 0.5)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Key(ss[i%len(ss)]); err != nil {
			b.Fatal(err)
		}
	}
}
