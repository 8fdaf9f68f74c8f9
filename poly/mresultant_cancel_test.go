package poly

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestResultantCancelHugeDegree: the subresultant PRS polls its context
// inside the pseudo-remainder, so a dividend of degree 10^5 (whose first
// pseudo-division alone is minutes of work) stops at the deadline. Found
// by hostile-input testing of `relucad poly resultant --timeout 2s`.
func TestResultantCancelHugeDegree(t *testing.T) {
	R := MustRing([]string{"x", "y"}, GRevLex)
	f := R.MustParse("x^100000 + y")
	g := R.MustParse("x*y - 1")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := ResultantCtx(ctx, f, g, 0)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Fatalf("cancellation took %v", el)
	}
}
