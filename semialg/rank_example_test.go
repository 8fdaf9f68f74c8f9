package semialg_test

import (
	"context"
	"fmt"

	"github.com/relucad/relucad/semialg"
)

// A rank condition expanded by minors and by the pivot case split.
func ExamplePivotRankLE() {
	f, _, _ := semialg.ParseAuto("rank([[a, b], [c, d]]) <= 1")
	fmt.Println(semialg.MinorsRankLE(f.Matrix(), 1))
	fmt.Println(semialg.PivotRankLE(f.Matrix(), 1))
	// Output:
	// -b*c + a*d = 0
	// a /= 0 /\ -b*c + a*d = 0 \/ a = 0 /\ b /= 0 /\ c = 0 \/ a = 0 /\ b = 0
}

// The rank profile of [[a, b], [b, a]]: the rank on each cell of the
// pivot case split.
func ExampleRankProfileByRank() {
	f, _, _ := semialg.ParseAuto("rank([[a, b], [b, a]]) <= 1")
	for r, c := range semialg.RankProfileByRank(f.Matrix()) {
		fmt.Printf("rank %d: %s\n", r, c)
	}
	// Output:
	// rank 0: a = 0 /\ b = 0
	// rank 1: a /= 0 /\ a^2 - b^2 = 0
	// rank 2: a /= 0 /\ a^2 - b^2 /= 0 \/ a = 0 /\ b /= 0
}

// Quantifier elimination returns minors; FoldRank prints them as the rank
// condition again.
func ExampleFoldRank() {
	f, R, _ := semialg.ParseAuto("ex t [rank([[a, b], [c, d], [e, f]]) <= 1 /\\ t*a = 1]")
	g, _ := semialg.QE(context.Background(), f)
	fmt.Println(g)
	m := semialg.MustParse(R, "rank([[a, b], [c, d], [e, f]]) <= 1").Matrix()
	fmt.Println(semialg.FoldRank(g, m, 1))
	// Output:
	// a /= 0 /\ b*c - a*d = 0 /\ b*e - a*f = 0
	// a /= 0 /\ rank([[a, b], [c, d], [e, f]]) <= 1
}
