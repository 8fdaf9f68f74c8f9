package poly_test

import (
	"fmt"

	"github.com/relucad/relucad/poly"
)

func ExampleGCD() {
	R := poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)
	f := R.MustParse("(x*y + z)^2*(x - z)")
	g := R.MustParse("(x*y + z)*(y + 1)*(x + 2)")
	fmt.Println(poly.GCD(f, g))
	// rational inputs: the GCD over Q is normalized to a primitive integer
	// polynomial with a positive leading coefficient
	fmt.Println(poly.GCD(R.MustParse("1/2*x^2 - 1/2"), R.MustParse("-3*x - 3")))
	// Output:
	// x*y + z
	// x + 1
}

func ExampleGCDCofactors() {
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	h, cf, cg := poly.GCDCofactors(R.MustParse("x^2 - y^2"), R.MustParse("2*x^2 + 4*x*y + 2*y^2"))
	fmt.Println(h, "|", cf, "|", cg)
	// Output:
	// x + y | x - y | 2*x + 2*y
}

func ExampleSquareFree() {
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	for _, fm := range poly.SquareFree(R.MustParse("-2*(x - y)^2*(x*y + 1)^3")) {
		fmt.Printf("(%s)^%d\n", fm.Poly, fm.Mult)
	}
	// Output:
	// (-2)^1
	// (x - y)^2
	// (x*y + 1)^3
}
