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
