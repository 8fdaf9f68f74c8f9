package relu

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

func check(t testing.TB, spec string) *Verdict {
	t.Helper()
	v, err := Closedness(context.Background(), MustSpec(spec))
	if err != nil {
		t.Fatalf("Closedness(%s): %v", spec, err)
	}
	return v
}

// TestTable is the closedness part of MATH.md §9 (T1–T15).
func TestTable(t *testing.T) {
	tests := []struct {
		name, spec string
		want       Status
		method     string // "" = any
		witness    string // "" = any
		source     string
	}{
		{"T1", "W2=10/11,W1=11/01", NotClosed, "", "[[0,1],[1,0]]", "MATH.md T1/E1"},
		{"T2", "W2=11/01,W1=10/11", NotClosed, "", "[[0,1],[1,0]]", "MATH.md T2/E2"},
		{"T3", "W2=100/110/111,W1=111/011/001", NotClosed, "", "", "MATH.md T3/E3 (hereditary from T1)"},
		{"T4a", "W2=11/11,W1=11/11", Closed, "dense", "", "MATH.md T4/S8"},
		{"T4b", "W2=1/1/1,W1=111", Closed, "dense", "", "MATH.md T4/E10"},
		{"T5", "W2=10/01,W1=10/01", Closed, "c1", "", "MATH.md T5"},
		{"T6", "W2=1010/0101/1010/0101,W1=1100/1100/0011/0011", Closed, "c1", "", "MATH.md T6/E9"},
		{"T7", "W2=101/111,W1=11/01/11", Closed, "", "", "MATH.md T7/E8"},
		{"T8", "W2=11/11,W1=110/011", NotClosed, "", "[[1,0,1],[0,1,0]]", "MATH.md T8/E6"},
		{"T9", "W2=11/11,W1=111/001", Closed, "", "", "MATH.md T9/E7a"},
		{"T10", "W2=11/11/01,W1=111/110", Closed, "alg_b", "", "MATH.md T10/E7c"},
		{"T11", "W2=11/01,W1=111/110", Closed, "alg_b", "", "MATH.md T11/E7b"},
		{"T12", "W2=100/111,W1=11/01/01", NotClosed, "", "[[0,1],[1,0]]", "MATH.md T12 (D3)"},
		{"T13", "W2=101/110,W1=11/01/10", Closed, "d3", "", "MATH.md T13 (D3)"},
		{"T14", "W3=10/11,W2=10/01,W1=11/01", NotClosed, "", "[[0,1],[1,0]]", "MATH.md T14/E12"},
		{"T15", "W3=10/11,W2=11/11,W1=11/01", Closed, "subspace", "", "MATH.md T15/E12"},
		// W2·W1 fills Σ(upper) (fill merge), leaving LU (MATH.md E1).
		{"fill merge", "W3=10/11,W2=110/011,W1=11/01/01", NotClosed, "", "[[0,1],[1,0]]", "derived: fill merge + E1"},
		{"fill merge closed", "W3=11/01,W2=110/011,W1=11/01/01", Closed, "subspace", "", "derived: upper·upper is Σ(upper)"},
		// Columns {1,3} of I_1 form a permutation: the block reduces to an LU
		// pair (D2 for depth 3, closedness.go deepBlockScan).
		{"deep block", "W3=01/11,W2=01/11,W1=001/110", NotClosed, "", "[[1,0,0],[0,0,1]]", "derived: D2 + E12 merge + E1"},
		// Three neurons whose own support fills Σ(U_J) absorb the rest
		// (analyze.go residueTry); the remaining residue is rank one.
		{"absorbing fill", "W2=111/111/011,W1=1111/1111/1111", Closed, "complete_residue+rank1", "", "derived: fill-absorbing set + residue reduction"},
		// E6 pair on rows {1,2} plus the cell (2,3) in the second neuron's
		// exclusive column: the whole 2×3 block (analyze.go isE6Cell).
		{"e6 cell", "W2=011/111,W1=001/110/011", Closed, "e6_cell", "", "derived: isE6Cell case analysis"},
		// The same with the cell in the shared column is not closed.
		{"e6 shared cell", "W2=011/111,W1=010/110/011", NotClosed, "", "", "derived: E6 certificate, zero cofactor at the shared cell"},
		// Row 1 is a complete class; the residues {2,3}×{1,2,3} and {2,3}×{1,3}
		// are nested with equal rows, closed by D5 (analyze.go residueReduce).
		{"residue", "W2=101/110/110,W1=111/101/111", Closed, "complete_residue+alg_b", "", "derived: D4 residue reduction + D5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := check(t, tc.spec)
			if v.Status != tc.want {
				t.Fatalf("%s: %s, want %s (%s); reason %q", tc.spec, v.Status, tc.want, tc.source, v.Cert.Reason)
			}
			if tc.method != "" && v.Cert.Method != tc.method {
				t.Errorf("%s: method %s, want %s", tc.spec, v.Cert.Method, tc.method)
			}
			if tc.witness != "" {
				A, _ := ParseRatMatrix(v.Cert.Witness)
				if A.String() != tc.witness {
					t.Errorf("%s: witness %s, want %s", tc.spec, A, tc.witness)
				}
			}
			if err := Verify(v.Cert); err != nil {
				t.Errorf("%s: Verify: %v", tc.spec, err)
			}
			// JSON round trip keeps it verifiable.
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			c2, err := ParseCertificate(b)
			if err != nil {
				t.Fatal(err)
			}
			if err := Verify(c2); err != nil {
				t.Errorf("%s: Verify after JSON round trip: %v", tc.spec, err)
			}
		})
	}
}

// TestE1Certificate pins the E1 certificate to MATH.md §8.3.
func TestE1Certificate(t *testing.T) {
	c := check(t, "W2=10/11,W1=11/01").Cert
	got, _ := json.Marshal(c.Sequence)
	if string(got) != `{"W1":[["t","1"],["0","-t^-1"]],"W2":[["1","0"],["t^-1","1"]]}` { // MATH.md §8.3
		t.Errorf("sequence %s", got)
	}
	want := []string{"W2_2_1*W1_1_2", "-W2_2_1*W1_1_1", "-1", "0"} // MATH.md §8.3
	if strings.Join(c.Nonmembership.Cofactors, ";") != strings.Join(want, ";") {
		t.Errorf("cofactors %v", c.Nonmembership.Cofactors)
	}
	wantEq := []string{"W2_1_1*W1_1_1", "W2_1_1*W1_1_2 - 1", "W2_2_1*W1_1_1 - 1", "W2_2_1*W1_1_2 + W2_2_2*W1_2_2"} // MATH.md §8.3
	if strings.Join(c.Nonmembership.Equations, ";") != strings.Join(wantEq, ";") {
		t.Errorf("equations %v", c.Nonmembership.Equations)
	}
	// E6 sequence (MATH.md E6: X2 = [[1,1],[0,δ]], X1 = [[1,−1/δ,0],[0,1/δ,1]]).
	c6 := check(t, "W2=11/11,W1=110/011").Cert
	got, _ = json.Marshal(c6.Sequence)
	if string(got) != `{"W1":[["1","-t^-1","0"],["0","t^-1","1"]],"W2":[["1","1"],["0","t"]]}` {
		t.Errorf("E6 sequence %s", got)
	}
}

func TestVerifyRejectsTampering(t *testing.T) {
	fresh := func(spec string) *Certificate {
		b, _ := json.Marshal(check(t, spec))
		c, _ := ParseCertificate(b)
		return c
	}
	tamper := []struct {
		name, spec string
		f          func(c *Certificate)
	}{
		{"mask violated", "W2=10/11,W1=11/01", func(c *Certificate) { c.Sequence["W2"][0][1] = "t" }},
		{"wrong limit", "W2=10/11,W1=11/01", func(c *Certificate) { c.Witness[0][0] = "1" }},
		{"negative power", "W2=10/11,W1=11/01", func(c *Certificate) { c.Sequence["W1"][0][0] = "t^-1" }},
		{"bad cofactor", "W2=10/11,W1=11/01", func(c *Certificate) { c.Nonmembership.Cofactors[2] = "1" }},
		{"bad equation", "W2=10/11,W1=11/01", func(c *Certificate) { c.Nonmembership.Equations[0] = "W2_1_1" }},
		{"no cofactors", "W2=10/11,W1=11/01", func(c *Certificate) { c.Nonmembership.Cofactors = nil }},
		{"wrong block", "W2=10/11,W1=11/01", func(c *Certificate) { c.Nonmembership.BlockRows = []int{2, 1} }},
		{"block type", "W2=11/11,W1=110/011", func(c *Certificate) { c.Nonmembership.BlockType = "lu_2x2" }},
		{"witness inside L_I", "W2=10/11,W1=11/01", func(c *Certificate) {
			// [[1,1],[1,0]] ∈ L_I (a ≠ 0, MATH.md E1), reached by constant factors.
			c.Witness = [][]string{{"1", "1"}, {"1", "0"}}
			c.Sequence = map[string][][]string{"W2": {{"1", "0"}, {"1", "1"}}, "W1": {{"1", "1"}, {"0", "-1"}}}
		}},
		{"dropped condition", "W2=11/11,W1=111/001", func(c *Certificate) {
			c.Description.Conditions = nil
			c.Description.Parts[0].Conditions = nil
		}},
		{"false condition", "W2=11/11,W1=111/110", func(c *Certificate) {
			bad := RankCondition{Rows: []int{1, 2}, Cols: []int{1, 2}, MaxRank: 1}
			c.Description.Conditions = append(c.Description.Conditions, bad)
			c.Description.Parts[0].Conditions = append(c.Description.Parts[0].Conditions, bad)
		}},
		{"closed claim for LU", "W2=10/11,W1=11/01", func(c *Certificate) {
			c.Verdict = "closed"
			c.Method = "d3"
			c.Description = &Description{Kind: "rank_conditions", Support: "11/11", Parts: []ClosedPart{{Method: "d3", Neurons: []int{1, 2}}}}
		}},
		{"alg_b claim for E6", "W2=11/11,W1=110/011", func(c *Certificate) {
			c.Verdict = "closed"
			c.Method = "alg_b"
			c.Description = &Description{Kind: "rank_conditions", Support: "111/111",
				Conditions: []RankCondition{}, Parts: []ClosedPart{{Method: "alg_b", Neurons: []int{1, 2}}}}
		}},
		{"bad fill", "W3=10/11,W2=11/11,W1=11/01", func(c *Certificate) { c.Description.Fill.Factors["W1"] = [][]string{{"1", "1"}, {"0", "0"}} }},
		{"bad reduction", "W3=10/11,W2=10/01,W1=11/01", func(c *Certificate) { c.Reductions[0].Rule = "cols"; c.Verdict = "closed" }},
		{"residue rounds dropped", "W2=101/110/110,W1=111/101/111", func(c *Certificate) { c.Description.Residue = nil }},
		{"bad absorbing fill", "W2=111/111/011,W1=1111/1111/1111", func(c *Certificate) {
			f := c.Description.Residue[0].Fills[0].Fill
			for k, m := range f.Factors {
				for i := range m {
					for j := range m[i] {
						m[i][j] = "0"
					}
				}
				f.Factors[k] = m
			}
		}},
		{"e6_cell claim on a non-closed support", "W2=011/111,W1=010/110/011", func(c *Certificate) {
			c.Verdict = "closed"
			c.Method = "e6_cell"
			c.Description = &Description{Kind: "rank_conditions", Support: "111/111",
				Conditions: []RankCondition{}, Parts: []ClosedPart{{Method: "e6_cell", Neurons: []int{1, 2, 3}}}}
		}},
		{"false absorbing pair", "W2=101/110/110,W1=111/101/111", func(c *Certificate) { c.Description.Residue[0].Pairs = [][2]int{{1, 2}} }},
	}
	for _, tc := range tamper {
		c := fresh(tc.spec)
		if err := Verify(c); err != nil {
			t.Fatalf("%s: untampered certificate fails: %v", tc.name, err)
		}
		tc.f(c)
		if err := Verify(c); err == nil {
			t.Errorf("%s: tampered certificate accepted", tc.name)
		} else {
			t.Logf("%s: %v", tc.name, err)
		}
	}
}

// TestD5Counts enumerates all ordered pairs of non-empty rectangles with
// m, n ∈ {2,3} (3,364 pairs) and compares with MATH.md D5 / Appendix A:
// 2,540 closed and 824 not closed (764 local LU, 30 E6, 30 transposed E6).
func TestD5Counts(t *testing.T) {
	closed, notClosed, unknown := 0, 0, 0
	byType := map[string]int{}
	verifyAll := !testing.Short()
	for _, mn := range [][2]int{{2, 2}, {2, 3}, {3, 2}, {3, 3}} {
		m, n := mn[0], mn[1]
		for R1 := 1; R1 < 1<<m; R1++ {
			for C1 := 1; C1 < 1<<n; C1++ {
				for R2 := 1; R2 < 1<<m; R2++ {
					for C2 := 1; C2 < 1<<n; C2++ {
						I2 := ZeroMask(m, 2)
						I1 := ZeroMask(2, n)
						for i := 0; i < m; i++ {
							I2.bits[i*2] = R1>>i&1 == 1
							I2.bits[i*2+1] = R2>>i&1 == 1
						}
						for j := 0; j < n; j++ {
							I1.bits[j] = C1>>j&1 == 1
							I1.bits[n+j] = C2>>j&1 == 1
						}
						s := Support{Masks: []Mask{I2, I1}}
						v, err := Closedness(context.Background(), s)
						if err != nil {
							t.Fatal(err)
						}
						switch v.Status {
						case Closed:
							closed++
						case NotClosed:
							notClosed++
							byType[v.Cert.Nonmembership.BlockType]++
						default:
							unknown++
						}
						if verifyAll || v.Status == NotClosed && notClosed%10 == 0 {
							if err := Verify(v.Cert); err != nil {
								t.Fatalf("%s: %v", s, err)
							}
						}
					}
				}
			}
		}
	}
	if closed != 2540 || notClosed != 824 || unknown != 0 { // MATH.md D5, Appendix A
		t.Errorf("closed %d, not closed %d, unknown %d; want 2540, 824, 0", closed, notClosed, unknown)
	}
	if byType["lu_2x2"] != 764 || byType["e6_2x3"] != 30 || byType["e6_3x2"] != 30 { // MATH.md D5
		t.Errorf("by block type %v; want lu 764, e6 30, e6t 30", byType)
	}
}

// TestRandomSupports: random small supports; every decided certificate
// passes Verify, and for CLOSED verdicts the non-closedness detectors stay
// silent (the two directions are proved independently, MATH.md ALG-A).
func TestRandomSupports(t *testing.T) {
	seed := int64(42)
	rng := rand.New(rand.NewSource(seed))
	iters := 1500
	if testing.Short() {
		iters = 300
	}
	counts := map[Status]int{}
	for it := 0; it < iters; it++ {
		var w []int
		if rng.Intn(4) == 0 {
			w = []int{1 + rng.Intn(3), 1 + rng.Intn(3), 1 + rng.Intn(3), 1 + rng.Intn(3)}
		} else {
			w = []int{1 + rng.Intn(3), 1 + rng.Intn(3), 1 + rng.Intn(3)}
		}
		s := randomSupport(rng, w, 0.3+0.5*rng.Float64())
		v, err := Closedness(context.Background(), s)
		if err != nil {
			t.Fatalf("seed %d: %s: %v", seed, s, err)
		}
		counts[v.Status]++
		if err := Verify(v.Cert); err != nil {
			t.Fatalf("seed %d: %s (%s): %v", seed, s, v.Status, err)
		}
		if v.Status == Closed && s.Depth() == 2 {
			tf := newTwoFactor(s.Masks[0], s.Masks[1])
			if nc := scanLU(context.Background(), tf.neurons); nc != nil {
				t.Fatalf("seed %d: %s closed but the LU detector fires", seed, s)
			}
			if nc := scanSmallBlocks(context.Background(), tf.neurons); nc != nil {
				t.Fatalf("seed %d: %s closed but the block detector fires", seed, s)
			}
		}
		// D1 invariance of the verdict.
		g := randomGroupElement(rng, s)
		v2, _ := Closedness(context.Background(), g)
		if v.Status != Unknown && v2.Status != Unknown && v.Status != v2.Status {
			t.Fatalf("seed %d: %s is %s but its image %s is %s", seed, s, v.Status, g, v2.Status)
		}
	}
	t.Logf("seed %d: %v", seed, counts)
}

func TestClosednessErrors(t *testing.T) {
	if _, err := Closedness(context.Background(), Support{}); err == nil {
		t.Error("empty support accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Closedness(ctx, MustSpec("W2=10/11,W1=11/01")); err == nil {
		t.Error("cancelled context ignored")
	}
	// A large support honours a deadline.
	big := randomSupport(rand.New(rand.NewSource(3)), []int{60, 60, 60}, 0.5)
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	start := time.Now()
	_, err := Closedness(ctx2, big)
	if time.Since(start) > 5*time.Second {
		t.Errorf("deadline ignored: %v (%v)", time.Since(start), err)
	}
	// Renderings mention the essentials.
	c := check(t, "W2=10/11,W1=11/01").Cert
	for _, r := range []string{c.Text(), c.LaTeX(), c.HTML()} {
		if !strings.Contains(r, "W2=10/11,W1=11/01") || !strings.Contains(strings.ToLower(r), "not closed") {
			t.Errorf("rendering lacks spec or verdict:\n%s", r)
		}
	}
	if !strings.Contains(c.LaTeX(), "t^{-1}") {
		t.Errorf("LaTeX: %s", c.LaTeX())
	}
	cc := check(t, "W2=11/11,W1=111/001").Cert
	if !strings.Contains(cc.Text(), "rank A[[1 2], [1 2]] ≤ 1") {
		t.Errorf("closed text: %s", cc.Text())
	}
}

// FuzzVerify: Verify never panics on mangled certificates, and the
// untouched seeds verify.
func FuzzVerify(f *testing.F) {
	for _, spec := range []string{"W2=10/11,W1=11/01", "W2=11/11,W1=110/011", "W2=11/11,W1=111/001",
		"W3=10/11,W2=11/11,W1=11/01", "W3=10/11,W2=10/01,W1=11/01", "W2=101/110/110,W1=111/101/111"} {
		v, err := Closedness(context.Background(), MustSpec(spec))
		if err != nil {
			f.Fatal(err)
		}
		b, _ := json.Marshal(v)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCertificate(data)
		if err != nil {
			return
		}
		_ = Verify(c) // must not panic or hang
	})
}

// TestCensusConsistency runs every support of shapes 2·3·3 and 3·3·2:
// closed verdicts must not trigger any non-closedness detector, every
// decided certificate must verify (sampled under -short), and D1-images
// must get the same verdict.
func TestCensusConsistency(t *testing.T) {
	step := 5
	if testing.Short() {
		step = 37
	}
	rng := rand.New(rand.NewSource(77))
	for _, w := range [][]int{{3, 3, 2}, {2, 3, 3}} {
		n := 0
		forAllSupports(w, func(s Support) {
			n++
			if n%step != 0 {
				return
			}
			v, err := Closedness(context.Background(), s)
			if err != nil {
				t.Fatal(err)
			}
			if v.Status == Closed {
				tf := newTwoFactor(s.Masks[0], s.Masks[1])
				if scanLU(context.Background(), tf.neurons) != nil || scanSmallBlocks(context.Background(), tf.neurons) != nil {
					t.Fatalf("%s: closed (%s) but a detector fires", s, v.Cert.Method)
				}
			}
			if v.Status != Unknown {
				if err := Verify(v.Cert); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			g := randomGroupElement(rng, s)
			v2, err := Closedness(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			if v2.Status != v.Status && v.Status != Unknown && v2.Status != Unknown {
				t.Fatalf("%s is %s but %s is %s", s, v.Status, g, v2.Status)
			}
		})
	}
}

func BenchmarkClosedness(b *testing.B) {
	for _, spec := range []string{"W2=10/11,W1=11/01", "W2=11/11,W1=110/011", "W2=11/11/01,W1=111/110",
		"W3=10/11,W2=10/01,W1=11/01", "W2=101/110/110,W1=111/101/111"} {
		s := MustSpec(spec)
		b.Run(spec, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Closedness(context.Background(), s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	rng := rand.New(rand.NewSource(1))
	for _, w := range [][]int{{3, 3, 3}, {4, 4, 4}, {6, 6, 6}} {
		ss := make([]Support, 64)
		for i := range ss {
			ss[i] = randomSupport(rng, w, 0.5)
		}
		b.Run(fmt.Sprintf("random=%dx%dx%d", w[0], w[1], w[2]), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Closedness(context.Background(), ss[i%len(ss)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
