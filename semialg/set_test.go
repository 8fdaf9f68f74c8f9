package semialg

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/relucad/relucad/poly"
)

func mustSet(t *testing.T, vars []string, text string) *Set {
	t.Helper()
	R := poly.MustRing(vars, DefaultOrder)
	f, err := Parse(R, text)
	if err != nil {
		t.Fatal(err)
	}
	idx := make([]int, len(vars))
	for i := range idx {
		idx[i] = i
	}
	S, err := NewSet(R, idx, f)
	if err != nil {
		t.Fatal(err)
	}
	return S
}

func TestSetLU(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	// MATH.md E1: L_I = {a ≠ 0 ∨ b = 0 ∨ c = 0} (QEPCAD B, stage 1), with d free.
	S := mustSet(t, []string{"a", "b", "c"}, "a /= 0 \\/ b = 0 \\/ c = 0")
	in, err := S.Contains(ctx, ratVec(0, 1, 1))
	if err != nil || in {
		t.Errorf("[[0,1],[1,*]] in L_I: %v %v, want false (MATH.md E1)", in, err)
	}
	// Stage 2 (MATH.md ALG-C, Appendix A: QEPCAD B says TRUE, not closed):
	// the gap cl(L_I) \ L_I = {a = 0, b ≠ 0, c ≠ 0}.
	closed, gap, err := S.IsClosed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if closed {
		t.Fatalf("LU set reported closed (MATH.md E1: not closed)")
	}
	in, err = S.ContainsAlg(ctx, gap)
	if err != nil || in {
		t.Errorf("gap point %v is in the set (%v)", gap, err)
	}
	if gap[0].Sign() != 0 || gap[1].Sign() == 0 || gap[2].Sign() == 0 {
		t.Errorf("gap point %v is not of the form a = 0, b ≠ 0, c ≠ 0 (MATH.md E1)", gap)
	}
	// The complement is not empty, the set is; the union with the
	// complement is everything.
	if e, err := S.Complement().IsEmpty(ctx); err != nil || e {
		t.Errorf("complement empty: %v %v", e, err)
	}
	if e, err := S.Intersect(S.Complement()).IsEmpty(ctx); err != nil || !e {
		t.Errorf("S ∩ ¬S empty: %v %v", e, err)
	}
}

func TestSetClosedness(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	tests := []struct {
		vars   []string
		text   string
		closed bool
	}{
		{[]string{"x"}, "x^2 <= 1", true}, // hand
		{[]string{"x"}, "x^2 < 1", false}, // hand: gap ±1
		{[]string{"x"}, "x^2 = 2", true},  // hand: two points
		{[]string{"x"}, "x /= 0", false},  // hand: gap 0
	}
	for _, tc := range tests {
		S := mustSet(t, tc.vars, tc.text)
		closed, gap, err := S.IsClosed(ctx)
		if err != nil {
			t.Fatalf("%s: %v", tc.text, err)
		}
		if closed != tc.closed {
			t.Errorf("%s: closed = %v, want %v", tc.text, closed, tc.closed)
			continue
		}
		if !closed {
			if in, err := S.ContainsAlg(ctx, gap); err != nil || in {
				t.Errorf("%s: gap point %v in the set (%v)", tc.text, gap, err)
			}
		}
	}
}

func TestSetProjectSample(t *testing.T) {
	ctx := context.Background()
	// ANCHORS.md §6: the projection of the open unit disk is -1 < x < 1.
	D := mustSet(t, []string{"x", "y"}, "x^2 + y^2 < 1")
	P, err := D.Project([]int{0})
	if err != nil {
		t.Fatal(err)
	}
	Q, err := P.Describe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := Q.Formula().String(); got != "x^2 - 1 < 0" {
		t.Errorf("projection = %s", got)
	}
	pt, ok, err := D.Sample(ctx)
	if err != nil || !ok {
		t.Fatalf("sample: %v %v", ok, err)
	}
	if in, err := D.ContainsAlg(ctx, pt); err != nil || !in {
		t.Errorf("sample %v not in the disk (%v)", pt, err)
	}
	if in, err := P.Contains(ctx, []*big.Rat{big.NewRat(1, 2)}); err != nil || !in {
		t.Errorf("1/2 in the projection: %v %v", in, err)
	}
	E := mustSet(t, []string{"x", "y"}, "x^2 + y^2 < 0")
	if e, err := E.IsEmpty(ctx); err != nil || !e {
		t.Errorf("empty set: %v %v", e, err)
	}
	if got := D.String(); got != "{ (x, y) : x^2 + y^2 - 1 < 0 }" {
		t.Errorf("String = %q", got)
	}
}
