package poly

import (
	"context"
	"fmt"
	"math/big"
)

func ExampleUGCD() {
	f := UPolyFromInts(-1, 0, 1) // x^2 - 1
	g := UPolyFromInts(2, 4, 2)  // 2(x + 1)^2
	fmt.Println(UGCD(f, g))      // primitive gcd times gcd of contents
	fmt.Println(UGCD(f.Scale(big.NewInt(6)), g))
	// Output:
	// x + 1
	// 2*x + 2
}

func ExampleUResultant() {
	f := UPolyFromInts(1, 0, 1)   // x^2 + 1
	g := UPolyFromInts(-2, 1)     // x - 2
	fmt.Println(UResultant(f, g)) // f(2)
	fmt.Println(UDiscriminant(UPolyFromInts(1, 1, 0, 1)))
	fmt.Println(UPSC(UPolyFromInts(-1, 0, 1), UPolyFromInts(1, 2, 1)))
	// Output:
	// 5
	// -31
	// [0 2]
}

func ExampleUSquareFree() {
	// 3 x^2 (x - 1)^3
	f := UPolyFromInts(0, 0, 3).Mul(UPolyFromInts(-1, 1).Mul(UPolyFromInts(-1, 1)).Mul(UPolyFromInts(-1, 1)))
	fs := USquareFree(f)
	for _, s := range fs {
		fmt.Printf("(%v)^%d\n", s.F, s.Mult)
	}
	fmt.Println(USquareFreeConst(f, fs))
	// Output:
	// (x)^2
	// (x - 1)^3
	// 3
}

func ExampleSturmCount() {
	f := UPolyFromInts(0, -2, 0, 1) // x^3 - 2x: roots -sqrt 2, 0, sqrt 2
	fmt.Println(SturmCount(f, nil, nil))
	fmt.Println(SturmCount(f, big.NewRat(0, 1), big.NewRat(2, 1))) // (0, 2]
	// Output:
	// 3
	// 1
}

func ExampleRefineRoot() {
	f := UPolyFromInts(-2, 0, 1)
	ivs, _ := RealRoots(context.Background(), f)
	r, _ := RefineRoot(context.Background(), f, ivs[1], 20)
	lo, _ := r.Lo.Float64()
	fmt.Printf("%.5f\n", lo)
	// Output:
	// 1.41421
}

func ExampleSignAt() {
	R := MustRing([]string{"x", "y"}, GRevLex)
	sqrt2, _ := NewRealAlg(UPolyFromInts(-2, 0, 1), big.NewRat(1, 1), big.NewRat(2, 1))
	cbrt2, _ := NewRealAlg(UPolyFromInts(-2, 0, 0, 1), big.NewRat(1, 1), big.NewRat(2, 1))
	for _, s := range []string{"x^2 - 2", "x - y", "x^6 - y^6*2"} {
		sg, _ := SignAt(context.Background(), R.MustParse(s), []*RealAlg{sqrt2, cbrt2})
		fmt.Println(s, sg)
	}
	// Output:
	// x^2 - 2 0
	// x - y 1
	// x^6 - y^6*2 0
}
