package atlas

import (
	"context"
	"math/big"
	"os"
	"testing"
	"time"

	"github.com/relucad/relucad/relu"
)

// allSupports calls f with every support of shape sh (all 2^Bits masks).
func allSupports(sh Shape, f func(sup)) {
	w := sh.widthsIn()
	L := len(w) - 1
	bits := sh.Bits()
	for x := uint64(0); x < 1<<bits; x++ {
		s := sup{w: w, rows: make([][]uint32, L)}
		b := 0
		for l := 1; l <= L; l++ {
			rows := make([]uint32, w[l])
			for i := range rows {
				rows[i] = uint32(x>>b) & (1<<w[l-1] - 1)
				b += w[l-1]
			}
			s.rows[l-1] = rows
		}
		f(s)
	}
}

func ones(s relu.Support) int { return s.NumParams() }

// TestEnumerateMatchesBurnside compares, per number of ones, the orbit
// representatives of Enumerate with Burnside's count (burnside.go).
func TestEnumerateMatchesBurnside(t *testing.T) {
	shapes := []string{"1,1", "2,3", "3,2", "1,1,1", "2,2,2", "2,1,2", "1,2,3", "3,2,1", "2,3,2",
		"3,3,2", "3,3,3", "2,2,2,2", "1,2,2,1", "2,3,3,2", "3,3,3,3"}
	if testing.Short() {
		shapes = shapes[:12]
	}
	if os.Getenv("ATLAS_BIG") != "" {
		// 344392 orbits, about 15 s; measured 12.7 s on the 2-core machine.
		shapes = append(shapes, "4,4,4")
	}
	for _, spec := range shapes {
		sh, err := ParseShape(spec)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Burnside(sh)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]int64, sh.Bits()+1)
		weights := make([]uint64, sh.Bits()+1)
		keys := map[string]bool{}
		start := time.Now()
		err = Enumerate(context.Background(), sh, func(r Rep) bool {
			got[ones(r.Support)]++
			weights[ones(r.Support)] += r.Weight
			if keys[r.Key] {
				t.Errorf("%s: duplicate key %s", sh, r.Key)
			}
			keys[r.Key] = true
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		total := int64(0)
		for k := range got {
			if big.NewInt(got[k]).Cmp(want[k]) != 0 {
				t.Errorf("%s with %d ones: Enumerate gives %d orbits, Burnside %s", sh, k, got[k], want[k])
			}
			total += got[k]
			// The orbits with k ones partition the C(Bits, k) supports.
			if c := new(big.Int).Binomial(int64(sh.Bits()), int64(k)); !c.IsUint64() || c.Uint64() != weights[k] {
				t.Errorf("%s with %d ones: orbit weights sum to %d, want C(%d,%d) = %s", sh, k, weights[k], sh.Bits(), k, c)
			}
		}
		t.Logf("%s: %d orbits in %v", sh, total, time.Since(start))
	}
}

// TestKeyPartitionMatchesRelu checks on every mask of small shapes that
// atlas.Key and relu.Key induce the same partition, that the enumerated
// representative of each class has that key, and that Canonical is
// idempotent.
func TestKeyPartitionMatchesRelu(t *testing.T) {
	shapes := []string{"2,2,2", "2,3,1", "1,3,2", "2,2,3", "2,1,2,2", "3,2,2"}
	if testing.Short() {
		shapes = shapes[:3]
	}
	for _, spec := range shapes {
		sh, _ := ParseShape(spec)
		ours := map[string]string{}   // atlas key → relu key
		theirs := map[string]string{} // relu key → atlas key
		allSupports(sh, func(s sup) {
			rs := s.support()
			a, err := Key(rs)
			if err != nil {
				t.Fatal(err)
			}
			b, err := relu.Key(rs)
			if err != nil {
				t.Fatal(err)
			}
			if x, ok := ours[a]; ok && x != b {
				t.Fatalf("%s: atlas key %s maps to relu keys %s and %s", rs, a, x, b)
			}
			if x, ok := theirs[b]; ok && x != a {
				t.Fatalf("%s: relu key %s maps to atlas keys %s and %s", rs, b, x, a)
			}
			ours[a], theirs[b] = b, a
			c, _ := Canonical(rs)
			if k2, _ := Key(c); k2 != a {
				t.Fatalf("%s: Key(Canonical) = %s, Key = %s", rs, k2, a)
			}
		})
		n := 0
		Enumerate(context.Background(), sh, func(r Rep) bool {
			n++
			if _, ok := ours[r.Key]; !ok {
				t.Errorf("%s: enumerated key %s is not the key of any support", sh, r.Key)
			}
			if k, _ := Key(r.Support); k != r.Key {
				t.Errorf("%s: Rep.Key %s but Key(Rep.Support) %s", sh, r.Key, k)
			}
			return true
		})
		if n != len(ours) {
			t.Errorf("%s: %d enumerated, %d classes", sh, n, len(ours))
		}
	}
}
