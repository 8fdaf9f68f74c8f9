package semialg

import (
	"context"
	"testing"
)

// BenchmarkQuarticQE measures the bench quartic (bench/BENCHMARKS.md, issue
// 4): all x [x^4 + p*x^2 + q*x + r >= 0], one QE per iteration.
func BenchmarkQuarticQE(b *testing.B) {
	f, _, err := ParseAuto("all x [x^4 + p*x^2 + q*x + r >= 0]")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := QE(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}
