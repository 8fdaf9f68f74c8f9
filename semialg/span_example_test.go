package semialg_test

import (
	"context"
	"fmt"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/semialg"
)

// The vector (a, b) lies in the span of the column (x, y) exactly when
// the 2×2 matrix [x a; y b] has rank ≤ 1 and, where the column vanishes,
// (a, b) vanishes too.
func ExampleInSpan() {
	R := poly.MustRing([]string{"x", "y", "a", "b"}, semialg.DefaultOrder)
	M := [][]*poly.Poly{{R.Var(0)}, {R.Var(1)}}
	f, err := semialg.InSpan(M, []*poly.Poly{R.Var(2), R.Var(3)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f)
	fmt.Println(semialg.Simplify(f.ExpandRankWith(semialg.RankMinors)))
	// Output:
	// [rank([[x], [y]]) <= 0 ==> rank([[x, a], [y, b]]) <= 0] /\ rank([[x, a], [y, b]]) <= 1
	// [x = 0 /\ y = 0 ==> x = 0 /\ a = 0 /\ y = 0 /\ b = 0] /\ y*a - x*b = 0
}

// Stage 1 of ALG-C for the 2×2 LU support (MATH.md E1): A = L·U with L
// lower and U upper triangular. ColumnSpanElim eliminates U: column 1 of
// A must lie in the span of L's first column, column 2 in the span of L.
// QE over L's entries then gives L_I = {a ≠ 0 ∨ b = 0 ∨ c = 0}.
func ExampleColumnSpanElim() {
	R := poly.MustRing([]string{"a", "b", "c", "d", "l11", "l21", "l22"}, semialg.DefaultOrder)
	v := R.Var
	A := [][]*poly.Poly{{v(0), v(1)}, {v(2), v(3)}}
	L := [][]*poly.Poly{{v(4), R.Zero()}, {v(5), v(6)}}
	maskU := [][]bool{{true, true}, {false, true}}
	f, err := semialg.ColumnSpanElim(L, maskU, A)
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := semialg.QE(context.Background(), semialg.Ex(R, []int{4, 5, 6}, f))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g)
	// Output:
	// a /= 0 \/ c = 0 \/ b = 0
}
