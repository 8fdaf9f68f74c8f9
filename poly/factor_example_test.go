package poly_test

import (
	"context"
	"fmt"

	"github.com/relucad/relucad/poly"
)

// Factorization over Q: the rational unit comes first, then the
// irreducible factors with multiplicities.
func ExampleFactorize() {
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	f := R.MustParse("3/2*x^4*y - 3/2*y^5")
	fs, err := poly.Factorize(context.Background(), f)
	if err != nil {
		panic(err)
	}
	for _, fm := range fs {
		fmt.Printf("(%s)^%d\n", fm.Poly, fm.Mult)
	}
	// Output:
	// (3/2)^1
	// (x + y)^1
	// (x - y)^1
	// (y)^1
	// (x^2 + y^2)^1
}

// The real points where a circle meets a parabola, as exact real algebraic
// numbers.
func ExampleRealSolutions() {
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	gens := []*poly.Poly{R.MustParse("x^2 + y^2 - 2"), R.MustParse("y - x^2")}
	sols, err := poly.RealSolutions(context.Background(), gens)
	if err != nil {
		panic(err)
	}
	for _, s := range sols {
		fmt.Println(s.Coords[0], s.Coords[1])
	}
	// Output:
	// -1 1
	// 1 1
}
