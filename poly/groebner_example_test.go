package poly_test

import (
	"context"
	"fmt"

	"github.com/relucad/relucad/poly"
)

// The twisted cubic (t, t^2, t^3): its lex basis contains the implicit
// equations, and eliminating x leaves the plane curve y^3 = z^2. Each
// element is printed with its cofactors (not unique: these are the ones the
// computation produced; the identities expand exactly).
func ExampleGroebnerBasis() {
	R := poly.MustRing([]string{"x", "y", "z"}, poly.Lex)
	gens := []*poly.Poly{R.MustParse("x^2 - y"), R.MustParse("x^3 - z")}
	G, err := poly.GroebnerBasis(context.Background(), gens, poly.GroebnerOptions{Cofactors: true})
	if err != nil {
		panic(err)
	}
	for i, b := range G.Basis {
		fmt.Printf("%s = (%s)*(%s) + (%s)*(%s)\n", b, G.Cofactors[i][0], gens[0], G.Cofactors[i][1], gens[1])
	}
	// Output:
	// y^3 - z^2 = (-x^2*y - x*z - y^2)*(x^2 - y) + (x*y + z)*(x^3 - z)
	// x*z - y^2 = (x^2 + y)*(x^2 - y) + (-x)*(x^3 - z)
	// x*y - z = (-x)*(x^2 - y) + (1)*(x^3 - z)
	// x^2 - y = (1)*(x^2 - y) + (0)*(x^3 - z)
}

// The LU support of MATH.md §8.3: the entries of Φ(θ) − A for the witness
// A = [[0,1],[1,0]] have no common zero, and the certificate proves it.
func ExampleNullstellensatzCertificate() {
	R := poly.MustRing([]string{"W2_1_1", "W2_2_1", "W2_2_2", "W1_1_1", "W1_1_2", "W1_2_2"}, poly.GRevLex)
	var gens []*poly.Poly
	for _, s := range []string{"W2_1_1*W1_1_1", "W2_1_1*W1_1_2 - 1", "W2_2_1*W1_1_1 - 1", "W2_2_1*W1_1_2 + W2_2_2*W1_2_2"} {
		gens = append(gens, R.MustParse(s))
	}
	cof, ok, err := poly.NullstellensatzCertificate(context.Background(), gens)
	if err != nil {
		panic(err)
	}
	fmt.Println("infeasible:", ok, "verified:", poly.VerifyCertificate(gens, cof))
	// Output:
	// infeasible: true verified: true
}

// A circle and a line: the resultant eliminates y, leaving the x-coordinates
// of the two intersection points (±1/√2); the discriminant in y of the
// circle vanishes where the vertical lines are tangent (x = ±1).
func ExampleResultant() {
	R := poly.MustRing([]string{"x", "y"}, poly.Lex)
	circle := R.MustParse("x^2 + y^2 - 1")
	line := R.MustParse("x - y")
	fmt.Println(poly.Resultant(circle, line, 1))
	fmt.Println(poly.Discriminant(circle, 1))
	fmt.Println(poly.GCD(R.MustParse("x^2 - y^2"), R.MustParse("x^2 + 2*x*y + y^2")))
	// Output:
	// 2*x^2 - 1
	// -4*x^2 + 4
	// x + y
}
