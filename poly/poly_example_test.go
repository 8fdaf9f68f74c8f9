package poly_test

import (
	"fmt"
	"math/big"

	"github.com/relucad/relucad/poly"
)

func ExampleRing_Parse() {
	R := poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)
	f, err := R.Parse("1 - 3/4*z + y*x^2")
	fmt.Println(f, err)
	_, err = R.Parse("x + w")
	fmt.Println(err)
	// Output:
	// x^2*y - 3/4*z + 1 <nil>
	// unknown variable 'w' at 1:5
}

func ExamplePoly_Mul() {
	R := poly.MustRing([]string{"x", "y"}, poly.Lex)
	x, y := R.Var(0), R.Var(1)
	f := x.Add(y).Pow(3)
	fmt.Println(f)
	fmt.Println(f.Mul(x.Sub(y)))
	// Output:
	// x^3 + 3*x^2*y + 3*x*y^2 + y^3
	// x^4 + 2*x^3*y - 2*x*y^3 - y^4
}

func ExamplePoly_LaTeX() {
	R := poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)
	fmt.Println(R.MustParse("x^2*y - 3/4*z + 1").LaTeX())
	// Output:
	// x^{2} y - \frac{3}{4} z + 1
}

// The circle x^2 + y^2 = 1 and the line y = x - 1: pseudo-dividing the
// circle by the line in y leaves the polynomial in x whose roots are the
// x-coordinates of the intersection points, (0, -1) and (1, 0).
func ExamplePoly_PseudoQuoRem() {
	R := poly.MustRing([]string{"x", "y"}, poly.Lex)
	circle := R.MustParse("x^2 + y^2 - 1")
	line := R.MustParse("y - x + 1")
	quo, rem := circle.PseudoQuoRem(line, 1)
	fmt.Println("quo:", quo)
	fmt.Println("rem:", rem)
	// Output:
	// quo: x + y - 1
	// rem: 2*x^2 - 2*x
}

// Division by a list (Cox–Little–O'Shea §2.3, Example 2).
func ExamplePoly_DivideMulti() {
	R := poly.MustRing([]string{"x", "y"}, poly.Lex)
	f := R.MustParse("x^2*y + x*y^2 + y^2")
	quos, rem := f.DivideMulti([]*poly.Poly{R.MustParse("x*y - 1"), R.MustParse("y^2 - 1")})
	fmt.Println(quos[0], "|", quos[1], "|", rem)
	// Output:
	// x + y | 1 | x + y + 1
}

func ExamplePoly_ExactQuo() {
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	f := R.MustParse("x^3 - y^3")
	q, err := f.ExactQuo(R.MustParse("x - y"))
	fmt.Println(q, err)
	_, err = f.ExactQuo(R.MustParse("x + y"))
	fmt.Println(err)
	// Output:
	// x^2 + x*y + y^2 <nil>
	// poly: x + y does not divide x^3 - y^3
}

func ExamplePoly_Subst() {
	R := poly.MustRing([]string{"x", "y"}, poly.Lex)
	f := R.MustParse("x^2 + y")
	fmt.Println(f.Subst(0, R.MustParse("y - 1")))
	fmt.Println(f.Eval(0, big.NewRat(1, 2)))
	fmt.Println(f.EvalAll([]*big.Rat{big.NewRat(1, 2), big.NewRat(3, 1)}))
	fmt.Println(f.Deriv(0))
	// Output:
	// y^2 - y + 1
	// y + 1/4
	// 13/4
	// 2*x
}

func ExamplePoly_PrimitivePart() {
	R := poly.MustRing([]string{"x"}, poly.Lex)
	f := R.MustParse("-3/4*x^2 + 1/2")
	fmt.Println(f.Content(), f.PrimitivePart(), f.Monic())
	// Output:
	// 1/4 -3*x^2 + 2 x^2 - 2/3
}

func ExampleBlockOrder() {
	// Eliminate t: t is greater than every monomial in x, y.
	elim := poly.BlockOrder([]int{1, 2}, poly.Lex, poly.GRevLex)
	R := poly.MustRing([]string{"t", "x", "y"}, elim)
	fmt.Println(R.MustParse("x^5*y^5 + t + x*y^2 + x^2*y"))
	fmt.Println(elim)
	// Output:
	// t + x^5*y^5 + x^2*y + x*y^2
	// block(1:lex,2:grevlex)
}

func ExampleParseAuto() {
	f, err := poly.ParseAuto("b*a^2 + c - a", poly.Lex)
	fmt.Println(f, f.Ring(), err)
	// Output:
	// b*a^2 - a + c Q[b,a,c] lex <nil>
}
