package relu

import (
	"context"
	"math/rand"
	"strings"
	"testing"
)

// randomSymmetry applies a random D1 symmetry to a two-factor support.
func randomSymmetry(rng *rand.Rand, s Support) Support {
	W2, W1 := s.Layer(2), s.Layer(1)
	if rng.Intn(2) == 1 {
		W2, W1 = W1.Transpose(), W2.Transpose()
	}
	pr, ph, pc := rng.Perm(W2.Rows()), rng.Perm(W2.Cols()), rng.Perm(W1.Cols())
	n2, n1 := ZeroMask(W2.Rows(), W2.Cols()), ZeroMask(W1.Rows(), W1.Cols())
	for i := 0; i < W2.Rows(); i++ {
		for k := 0; k < W2.Cols(); k++ {
			n2 = n2.With(pr[i], ph[k], W2.At(i, k))
		}
	}
	for k := 0; k < W1.Rows(); k++ {
		for j := 0; j < W1.Cols(); j++ {
			n1 = n1.With(ph[k], pc[j], W1.At(k, j))
		}
	}
	out, err := NewSupport(n2, n1)
	if err != nil {
		panic(err)
	}
	return out
}

// TestBlockTable: every entry of the embedded table verifies, is still
// UNKNOWN for the structural pipeline without the table (else the entry is
// stale), and is found, relabelled and verified, from random relabellings
// of its representative.
func TestBlockTable(t *testing.T) {
	tab, err := LoadBlockTable()
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Entries) == 0 {
		t.Fatal("the embedded block table is empty (run go generate ./relu)")
	}
	seed := int64(11)
	rng := rand.New(rand.NewSource(seed))
	ctx := context.Background()
	reps := 3
	if testing.Short() {
		reps = 1
	}
	for _, e := range tab.Entries {
		if err := Verify(e.Certificate); err != nil {
			t.Errorf("%s: stored certificate: %v", e.Key, err)
			continue
		}
		rep := MustSpec(e.Key)
		if v, err := ClosednessWith(ctx, rep, Options{NoTable: true}); err != nil || v.Status != Unknown {
			t.Errorf("%s: the structural pipeline decides it now (%v); regenerate the table", e.Key, v.Status)
		}
		for k := 0; k < reps; k++ {
			s := randomSymmetry(rng, rep)
			v, err := Closedness(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			if v.Cert.Verdict != e.Certificate.Verdict {
				t.Errorf("seed %d: %s relabelled as %s: verdict %s, table %s (%s)", seed, e.Key, s, v.Cert.Verdict, e.Certificate.Verdict, v.Cert.Reason)
				continue
			}
			if err := Verify(v.Cert); err != nil {
				t.Errorf("seed %d: %s relabelled as %s: %v", seed, e.Key, s, err)
			}
		}
	}
}

// TestBlockTableHereditary: a NOT_CLOSED table entry embedded as a block of
// a 4×4·4×4 support (a fourth neuron on the new row and column only) makes
// the big support NOT_CLOSED by D2, with a certificate Verify accepts.
func TestBlockTableHereditary(t *testing.T) {
	tab, err := LoadBlockTable()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range tab.Entries {
		if e.Certificate.Verdict != "not_closed" {
			continue
		}
		rep := MustSpec(e.Key)
		if w := rep.Widths(); w[0] != 3 || w[1] != 3 || w[2] != 3 {
			continue
		}
		W2, W1 := ZeroMask(4, 4), ZeroMask(4, 4)
		for i := 0; i < 3; i++ {
			for k := 0; k < 3; k++ {
				W2 = W2.With(i, k, rep.Layer(2).At(i, k))
				W1 = W1.With(i, k, rep.Layer(1).At(i, k))
			}
		}
		W2, W1 = W2.With(3, 3, true), W1.With(3, 3, true)
		big, _ := NewSupport(W2, W1)
		v, err := Closedness(context.Background(), big)
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != NotClosed {
			t.Errorf("%s embedded in %s: %v (%s)", e.Key, big, v.Status, v.Cert.Reason)
			continue
		}
		if err := Verify(v.Cert); err != nil {
			t.Errorf("%s: %v", big, err)
		}
		if n++; testing.Short() && n >= 3 {
			break
		}
	}
	if n == 0 {
		t.Fatal("no 3·3·3 NOT_CLOSED entry in the table")
	}
}

// TestExtendBlockCertCAD: a NOT_CLOSED certificate with a "cad"
// non-membership proof (the ALG-C formula, no Nullstellensatz cofactors)
// extends to a larger support by D2 and Verify checks it on the block; a
// tampered block position is rejected.
func TestExtendBlockCertCAD(t *testing.T) {
	s := MustSpec("W2=001/111/111,W1=100/011/111")
	r, err := algCStages(context.Background(), s, DefaultAlgCBudget)
	if err != nil {
		t.Fatal(err)
	}
	if r.status != NotClosed {
		t.Fatalf("ALG-C: %v (%s)", r.status, r.reason)
	}
	r.nullstellensatz = nil
	v, err := algcNotClosed(s, r)
	if err != nil {
		t.Fatal(err)
	}
	if v.Cert.Nonmembership.Kind != "cad" {
		t.Fatalf("kind %q", v.Cert.Nonmembership.Kind)
	}
	// Embed as rows {1,2,4}, neurons {1,3,4}, columns {2,3,4} of a 4·4·4
	// support; neuron 2 touches only row 3 and column 1.
	R, live, C := []int{0, 1, 3}, []int{0, 2, 3}, []int{1, 2, 3}
	W2, W1 := ZeroMask(4, 4), ZeroMask(4, 4)
	for a, i := range R {
		for b, k := range live {
			W2 = W2.With(i, k, s.Layer(2).At(a, b))
		}
	}
	for b, k := range live {
		for c, j := range C {
			W1 = W1.With(k, j, s.Layer(1).At(b, c))
		}
	}
	W2, W1 = W2.With(2, 1, true), W1.With(1, 0, true)
	big, err := NewSupport(W2, W1)
	if err != nil {
		t.Fatal(err)
	}
	c := extendBlockCert(v.Cert, big, R, live, C)
	if c == nil {
		t.Fatal("no extension")
	}
	if err := Verify(c); err != nil {
		t.Fatalf("%s: %v", big, err)
	}
	bad := *c
	nm := *c.Nonmembership
	nm.BlockRows = []int{1, 2, 3}
	bad.Nonmembership = &nm
	if Verify(&bad) == nil {
		t.Error("wrong block rows accepted")
	}
}

// The block table holds the orbits of its shapes that the pipeline leaves
// UNKNOWN, not supports with empty neurons or zero rows and columns;
// tableCompact answers for them from their compact form and carries the
// certificate back (MATH.md D2). Reference values: the keys below are
// blocktable.json entries (a CLOSED QE description and a NOT_CLOSED
// tangent certificate of shape 3,3,3), padded here with an empty neuron,
// a zero output row and a zero input column.
func TestTableCompact(t *testing.T) {
	pad := func(key string) Support {
		c := MustSpec(key)
		C2, C1 := c.Layer(2), c.Layer(1)
		W2, W1 := ZeroMask(C2.Rows()+1, C2.Cols()+1), ZeroMask(C1.Rows()+1, C1.Cols()+1)
		for i := 0; i < C2.Rows(); i++ {
			for k := 0; k < C2.Cols(); k++ {
				W2 = W2.With(i+1, k+1, C2.At(i, k))
			}
		}
		for k := 0; k < C1.Rows(); k++ {
			for j := 0; j < C1.Cols(); j++ {
				W1 = W1.With(k+1, j+1, C1.At(k, j))
			}
		}
		// The empty neuron 0 gets an input but no output: it is dead.
		W1 = W1.With(0, 0, true)
		s, err := NewSupport(W2, W1)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tc := range []struct {
		key  string
		want Status
	}{
		{"W2=001/111/111,W1=011/101/110", Closed},
		{"W2=001/111/111,W1=100/011/111", NotClosed},
	} {
		s := pad(tc.key)
		if _, ok := tableVerdict(s); ok {
			t.Fatalf("%s: the padded support itself is in the table; the test needs one that is not", s)
		}
		v, ok := tableCompact(s)
		if !ok || v.Status != tc.want {
			t.Fatalf("%s (compact %s): %v, %v; want %v", s, tc.key, v, ok, tc.want)
		}
		if err := Verify(v.Cert); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if v.Cert.Spec != s.String() {
			t.Fatalf("certificate about %s, not %s", v.Cert.Spec, s)
		}
		if tc.want == Closed {
			if d := v.Cert.Description; d.Support != boolProduct(s).String() || strings.Contains(d.Formula, "A_1_") {
				t.Fatalf("%s: description not carried to the padded support: support %s, formula %s", s, d.Support, d.Formula)
			}
		}
		got, err := Closedness(context.Background(), s)
		if err != nil || got.Status != tc.want {
			t.Fatalf("%s: Closedness says %v (%v)", s, got.Status, err)
		}
		t.Logf("%s: %v (%s)", s, v.Status, v.Cert.Method)
	}
}
