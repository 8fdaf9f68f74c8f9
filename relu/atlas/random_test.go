package atlas

import (
	"context"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/relucad/relucad/relu"
)

func TestClopperPearsonClosedForms(t *testing.T) {
	a := 0.025
	for _, n := range []int{1, 2, 10, 100} {
		// k = n: P(Bin(n,p) ≥ n) = p^n = a ⇒ lo = a^(1/n) (hand computation).
		lo, hi := ClopperPearson(n, n, a)
		if math.Abs(lo-math.Pow(a, 1/float64(n))) > 1e-9 || hi != 1 {
			t.Errorf("CP(%d,%d) = %v,%v", n, n, lo, hi)
		}
		// k = 0: P(Bin(n,p) ≤ 0) = (1−p)^n = a ⇒ hi = 1 − a^(1/n).
		lo, hi = ClopperPearson(0, n, a)
		if math.Abs(hi-(1-math.Pow(a, 1/float64(n)))) > 1e-9 || lo != 0 {
			t.Errorf("CP(0,%d) = %v,%v", n, lo, hi)
		}
	}
	// k = 1, n = 2: 1 − (1−p)² = a ⇒ lo = 1 − √(1−a); by symmetry hi = √(1−a).
	lo, hi := ClopperPearson(1, 2, a)
	if math.Abs(lo-(1-math.Sqrt(1-a))) > 1e-9 || math.Abs(hi-math.Sqrt(1-a)) > 1e-9 {
		t.Errorf("CP(1,2) = %v,%v", lo, hi)
	}
	// Symmetry lo(k, n) = 1 − hi(n−k, n), and the defining tails.
	for _, c := range [][2]int{{3, 17}, {50, 1000}, {999, 1000}} {
		k, n := c[0], c[1]
		lo, _ := ClopperPearson(k, n, a)
		_, hi2 := ClopperPearson(n-k, n, a)
		if math.Abs(lo-(1-hi2)) > 1e-9 {
			t.Errorf("CP symmetry fails for %d/%d: %v vs %v", k, n, lo, 1-hi2)
		}
		if tail := binomTailGE(k, n, lo); math.Abs(tail-a) > 1e-6 {
			t.Errorf("CP(%d,%d): tail at lo is %v, want %v", k, n, tail, a)
		}
		wl, wh := Wilson(k, n, a)
		ph := float64(k) / float64(n)
		if !(wl <= ph && ph <= wh) {
			t.Errorf("Wilson(%d,%d) = [%v,%v] misses %v", k, n, wl, wh, ph)
		}
	}
}

// exactNotClosed returns P(not closed), P(unknown) for Bernoulli(p) masks
// of a small shape by summing over all 2^Bits masks.
func exactNotClosed(t *testing.T, sh Shape, p float64) (float64, float64) {
	var nc, unk float64
	allSupports(sh, func(s sup) {
		rs := s.support()
		v, err := relu.Closedness(context.Background(), rs)
		if err != nil {
			t.Fatal(err)
		}
		k := rs.NumParams()
		w := math.Pow(p, float64(k)) * math.Pow(1-p, float64(sh.Bits()-k))
		switch v.Status {
		case relu.NotClosed:
			nc += w
		case relu.Unknown:
			unk += w
		}
	})
	return nc, unk
}

// TestRandomEstimateCoversExact compares the Monte Carlo bounds with the
// exact probability (sum over all masks) on shapes small enough to
// enumerate.
func TestRandomEstimateCoversExact(t *testing.T) {
	samples := 4000
	if testing.Short() {
		samples = 1000
	}
	for _, c := range []struct {
		shape string
		p     float64
		seed  uint64
	}{{"2,2,2", 0.5, 1}, {"2,3,2", 0.7, 2}, {"3,2,3", 0.6, 3}} {
		sh := mustShape(t, c.shape)
		nc, unk := exactNotClosed(t, sh, c.p)
		for _, m := range []string{"clopper-pearson", "wilson"} {
			r, err := RandomEstimate(context.Background(), RandomOptions{Shape: sh, P: c.p, Samples: samples, Seed: c.seed, Method: m, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if r.NotClosed+r.Closed+r.Unknown != samples || !(r.Lower <= r.Upper) {
				t.Fatalf("seed %d: %+v", c.seed, r)
			}
			if !(r.Lower <= nc && nc+unk <= r.Upper) {
				t.Errorf("seed %d, %s p=%v, %s: exact P(not closed) = %v (+%v unknown) outside [%v, %v]", c.seed, c.shape, c.p, m, nc, unk, r.Lower, r.Upper)
			}
			t.Logf("%s p=%v %s: exact %.4f (+%.4f unknown), bounds [%.4f, %.4f], %d orbits", c.shape, c.p, m, nc, unk, r.Lower, r.Upper, r.Orbits)
		}
	}
}

func TestRandomDeterministic(t *testing.T) {
	sh := mustShape(t, "3,3,3")
	var prev *RandomResult
	for _, w := range []int{1, 3} {
		r, err := RandomEstimate(context.Background(), RandomOptions{Shape: sh, P: 0.5, Samples: 300, Seed: 42, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if prev != nil && (r.NotClosed != prev.NotClosed || r.Unknown != prev.Unknown || r.Lower != prev.Lower) {
			t.Errorf("workers change the result: %+v vs %+v", r, prev)
		}
		prev = r
	}
	// The database answers stored supports.
	db := openTemp(t, "r.db")
	if _, err := Census(context.Background(), db, Options{Shape: sh}); err != nil {
		t.Fatal(err)
	}
	r, err := RandomEstimate(context.Background(), RandomOptions{Shape: sh, P: 0.5, Samples: 300, Seed: 42, DB: db})
	if err != nil {
		t.Fatal(err)
	}
	if r.FromDB != 300 || r.NotClosed != prev.NotClosed || r.Unknown != prev.Unknown {
		t.Errorf("with the database: %+v, without: %+v", r, prev)
	}
	svg := string(PlotSVG([]*RandomResult{r, prev}, "3,3,3 <test>"))
	if !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, "&lt;test&gt;") || !strings.Contains(svg, "<polygon") {
		t.Errorf("bad SVG: %.200s", svg)
	}
}

func TestParseProbabilities(t *testing.T) {
	ps, err := ParseProbabilities("0.1:0.5:0.1")
	if err != nil || len(ps) != 5 || ps[4] != 0.5 {
		t.Errorf("range: %v %v", ps, err)
	}
	ps, err = ParseProbabilities("0.25, 0.75")
	if err != nil || len(ps) != 2 {
		t.Errorf("list: %v %v", ps, err)
	}
	for _, bad := range []string{"1.5", "x", "0.1:0.2", "0.5:0.1:0.1", "0:1:0", "-0.1"} {
		if _, err := ParseProbabilities(bad); err == nil {
			t.Errorf("ParseProbabilities(%q) accepted", bad)
		}
	}
}

// TestExactCountsMatchBruteForce compares the orbit-weighted exact
// probabilities of a stored census with the sum over all masks.
func TestExactCountsMatchBruteForce(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t, "exact.db")
	for _, s := range []string{"2,3,2", "3,2,3", "2,2,2,2"} {
		sh := mustShape(t, s)
		if _, err := ExactCountsFromDB(ctx, db, sh); err == nil {
			t.Fatalf("%s: exact counts from an empty census were accepted", s)
		}
		if _, err := Census(ctx, db, Options{Shape: sh}); err != nil {
			t.Fatal(err)
		}
		e, err := ExactCountsFromDB(ctx, db, sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []float64{0.25, 0.5} {
			nc, unk := e.Probabilities(new(big.Rat).SetFloat64(p))
			bnc, bunk := exactNotClosed(t, sh, p)
			fnc, _ := nc.Float64()
			funk, _ := unk.Float64()
			if math.Abs(fnc-bnc) > 1e-12 || math.Abs(funk-bunk) > 1e-12 {
				t.Errorf("%s p=%v: orbit sums %v, %v; brute force %v, %v", s, p, fnc, funk, bnc, bunk)
			}
		}
	}
}
