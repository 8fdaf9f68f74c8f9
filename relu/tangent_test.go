package relu

import (
	"context"
	"testing"
	"time"
)

// TestTangentSearch: tangent limits with Nullstellensatz proofs are found
// for supports known to be not closed, never for closed ones (that would
// be a false certificate), and a tampered cofactor is rejected.
func TestTangentSearch(t *testing.T) {
	ctx := context.Background()
	notClosed := []struct{ spec, src string }{
		{"W2=10/11,W1=11/01", "MATH.md E1/T1"},
		{"W2=100/110/111,W1=111/011/001", "MATH.md T3"},
		{"W2=011/011/111,W1=100/111/111", "3·3·3 orbit left UNKNOWN by the structural pipeline; not closed by this certificate (expansion + Nullstellensatz, checked by Verify)"},
	}
	for _, c := range notClosed {
		s := MustSpec(c.spec)
		v, ok := tangentVerdict(ctx, s, AlgCBudget{TangentTries: 400, TangentTime: 20 * time.Second})
		if !ok {
			t.Errorf("%s (%s): no tangent certificate", c.spec, c.src)
			continue
		}
		if err := Verify(v.Cert); err != nil {
			t.Errorf("%s: %v", c.spec, err)
			continue
		}
		if v.Cert.Nonmembership.Kind != "nullstellensatz" {
			t.Errorf("%s: kind %q", c.spec, v.Cert.Nonmembership.Kind)
		}
		bad := *v.Cert
		nm := *v.Cert.Nonmembership
		nm.Cofactors = append([]string(nil), nm.Cofactors...)
		for i, g := range nm.Cofactors {
			if g != "0" {
				nm.Cofactors[i] = g + " + 1"
				break
			}
		}
		bad.Nonmembership = &nm
		if Verify(&bad) == nil {
			t.Errorf("%s: tampered cofactor accepted", c.spec)
		}
	}
	closed := []struct{ spec, src string }{
		{"W2=11/11,W1=111/001", "MATH.md E7a/T9"},
		{"W2=11/11,W1=11/11", "MATH.md T4"},
		{"W2=101/111,W1=11/01/11", "MATH.md E8/T7"},
		{"W2=11/01,W1=111/110", "MATH.md E7b/T11"},
	}
	for _, c := range closed {
		if v, ok := tangentVerdict(ctx, MustSpec(c.spec), AlgCBudget{TangentTries: 100, TangentTime: 10 * time.Second}); ok {
			t.Errorf("%s (%s) is closed, but the tangent search returned %v", c.spec, c.src, v.Cert)
		}
	}
}
