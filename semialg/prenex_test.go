package semialg

import (
	"context"
	"math/rand"
	"testing"
	"time"
)

// TestPrenex: QE of formulas with quantifiers under ∧, ∨, ⇒ and ¬ (hand
// computations: ∃y y² = x ⇔ x ≥ 0, ∀z z² + x > 0 ⇔ x > 0), checked by
// evaluation at random points against the hand answer and against
// deciding the input.
func TestPrenex(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"x > 0 /\\ ex y [y^2 = x]", "x > 0"},
		{"x >= 0 ==> ex y [y^2 = x]", "true"},
		{"~ ex y [y^2 = x]", "x < 0"},
		{"ex y [y^2 = x] ==> x > 0", "x /= 0"},
		{"ex y [y^2 = x] \\/ all z [z^2 + x > 0]", "x >= 0"},
		{"ex y [y^2 = x] /\\ ~ all z [z^2 + x > 0]", "x = 0"},
		// An assumption in front of a ∀ block, as QEPCAD B files write it
		// (hand: w ≥ 0 ⇒ (∀u u² + w ≥ 0) is true; (w < 1) ⇒ ∀u (u² ≥ w) fails
		// for 0 < w < 1).
		{"w >= 0 ==> all u [u^2 + w >= 0]", "true"},
		{"w < 1 ==> all u [u^2 - w >= 0]", "w <= 0 \\/ w >= 1"},
	} {
		f, R, err := ParseAuto(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if f.isPrenex() {
			t.Fatalf("%s is already prenex", tc.in)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		g, err := QE(ctx, f)
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		want := MustParse(R, tc.want)
		rng := rand.New(rand.NewSource(9))
		if x, ok := agreeAt(rng, R, g, want, iters(200)); !ok {
			t.Errorf("%s: QE gives %v, differs from %s at %v", tc.in, g, tc.want, x)
		}
		checkQE(t, f, g, rng, iters(20))
	}
}

// TestElimInner: quantifiers under ⇔ (no prenex form without renaming)
// are eliminated bottom-up. Hand computations: ∃y y² = x ⇔ x ≥ 0, and
// ∃z z² = x + 1 ⇔ x ≥ −1.
func TestElimInner(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"(ex y [y^2 = x]) <==> x >= 0", "true"},
		{"(ex y [y^2 = x]) <==> x > 0", "x /= 0"},
		{"(ex y [y^2 = x]) <==> (ex y [y^2 = x + 1])", "x >= 0 \\/ x < -1"},
	} {
		f, R, err := ParseAuto(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := prenex(f); ok {
			t.Fatalf("%s has a prenex form; the test wants one that has not", tc.in)
		}
		g, err := QE(context.Background(), f)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		rng := rand.New(rand.NewSource(10))
		if x, ok := agreeAt(rng, R, g, MustParse(R, tc.want), iters(200)); !ok {
			t.Errorf("%s: QE gives %v, differs from %s at %v", tc.in, g, tc.want, x)
		}
	}
	// Sentences: the LU description check of ../shared/bench/qe/lu2_qe_check.smt2
	// in relucad syntax (true: QEPCAD's description of L_LU is right), and a
	// wrong description (false).
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"all a, b, c, d [(ex l11, l21, l22, u11, u12, u22 [a = l11*u11 /\\ b = l11*u12 /\\ c = l21*u11 /\\ d = l21*u12 + l22*u22]) <==> (a /= 0 \\/ b = 0 \\/ c = 0)]", true},
		{"all a, b, c, d [(ex l11, l21, l22, u11, u12, u22 [a = l11*u11 /\\ b = l11*u12 /\\ c = l21*u11 /\\ d = l21*u12 + l22*u22]) <==> (a /= 0 \\/ b = 0)]", false},
	} {
		f, _, err := ParseAuto(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decide(context.Background(), f)
		if err != nil || got != tc.want {
			t.Errorf("%s: %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}
