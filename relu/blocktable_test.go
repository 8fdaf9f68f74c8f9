package relu

import (
	"context"
	"math/rand"
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
