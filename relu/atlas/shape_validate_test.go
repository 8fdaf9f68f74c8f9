package atlas

import (
	"context"
	"strings"
	"testing"
)

// TestRandomEstimateInvalidShape: a zero or malformed Shape value is an
// error, not a panic (found when a caller ignored ParseShape's error).
func TestRandomEstimateInvalidShape(t *testing.T) {
	for _, sh := range []Shape{nil, {3}, {3, 0, 3}, {3, 99, 3}} {
		_, err := RandomEstimate(context.Background(), RandomOptions{Shape: sh, P: 0.5, Samples: 10})
		if err == nil || !strings.Contains(err.Error(), "atlas: shape") {
			t.Errorf("RandomEstimate(%v): err = %v, want a shape error", sh, err)
		}
	}
}

// TestParseSampleShape: shapes too large for a census can still be sampled.
func TestParseSampleShape(t *testing.T) {
	if _, err := ParseShape("5,5,5"); err == nil {
		t.Fatal("ParseShape(5,5,5) accepted a shape over the census limits")
	}
	sh, err := ParseSampleShape("5,5,5")
	if err != nil || sh.String() != "5,5,5" {
		t.Fatalf("ParseSampleShape(5,5,5) = %v, %v", sh, err)
	}
	res, err := RandomEstimate(context.Background(), RandomOptions{Shape: sh, P: 0.5, Samples: 20, Seed: 7})
	if err != nil || res == nil {
		t.Fatalf("RandomEstimate on 5,5,5: %v", err)
	}
}
