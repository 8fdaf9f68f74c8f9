package relu_test

import (
	"context"
	"fmt"
	"math/big"

	"github.com/relucad/relucad/relu"
)

// The 2×2 LU support (MATH.md E1) is not closed: the witness [[0,1],[1,0]]
// is a limit of products L(t)U(t) but not itself a product.
func ExampleClosedness() {
	s, err := relu.ParseSpec("W2=10/11,W1=11/01")
	if err != nil {
		panic(err)
	}
	v, err := relu.Closedness(context.Background(), s)
	if err != nil {
		panic(err)
	}
	c := v.Cert
	fmt.Println(v.Status)
	fmt.Println("witness:", c.Witness)
	fmt.Println("W2(t):", c.Sequence["W2"])
	fmt.Println("W1(t):", c.Sequence["W1"])
	fmt.Println("cofactors:", c.Nonmembership.Cofactors)
	fmt.Println("verify:", relu.Verify(c))
	// Output:
	// not_closed
	// witness: [[0 1] [1 0]]
	// W2(t): [[1 0] [t^-1 1]]
	// W1(t): [[t 1] [0 -t^-1]]
	// cofactors: [W2_2_1*W1_1_2 -W2_2_1*W1_1_1 -1 0]
	// verify: <nil>
}

// E7a (MATH.md T9) is closed: L_I = {ae − bd = 0}.
func ExampleDescribe() {
	d, err := relu.Describe(context.Background(), relu.MustSpec("W2=11/11,W1=111/001"))
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Verdict, d.Method)
	fmt.Println(d.Formula)
	// Output:
	// closed alg_b
	// A_1_1*A_2_2 - A_1_2*A_2_1 = 0
}

// The ill-posed dataset of MATH.md E5: nine moment-curve points, the loss
// along the sequence is exactly 60 t².
func ExampleNewDataset() {
	d, err := relu.NewDataset(context.Background(), relu.MustSpec("W2=10/11,W1=11/01"), relu.DatasetOptions{Biases: true})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(d.Inputs), "points; loss", d.Loss)
	fmt.Println("b1:", d.Sequence["b1"])
	fmt.Println("check:", d.Check())
	// Output:
	// 9 points; loss 60*t^2
	// b1: [[16*t^-1 + 1] [16*t^-1 + 1]]
	// check: <nil>
}

// LU and UL are the same support up to the symmetries of MATH.md D1.
func ExampleKey() {
	a, _ := relu.Key(relu.MustSpec("W2=10/11,W1=11/01"))
	b, _ := relu.Key(relu.MustSpec("W2=11/01,W1=10/11"))
	fmt.Println(a == b)
	// Output: true
}

// Entry (2,1) of the E1 product L(t)U(t): t^-1·t + 1·0 → 1 as t → 0⁺.
func ExampleParseLaurent() {
	p, _ := relu.ParseLaurent("t^-1")
	q, _ := relu.ParseLaurent("t + 2*t^2")
	r := p.Mul(q)
	lim, ok := r.Limit()
	fmt.Println(r, lim.RatString(), ok, p.Sign())
	// Output: 1 + 2*t 1 true 1
}

// MATH.md E11/T19: N = (1,1,1) with biases on x = (−1, 0, 1), y = (1, 0, 1):
// the exact minimum of the square loss is 1/2 (S6: it is attained).
func ExampleFitScalar() {
	x := []*big.Rat{big.NewRat(-1, 1), big.NewRat(0, 1), big.NewRat(1, 1)}
	y := []*big.Rat{big.NewRat(1, 1), big.NewRat(0, 1), big.NewRat(1, 1)}
	res, err := relu.FitScalar(context.Background(), relu.MustSpec("W2=1,W1=1"), true, x, y)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Optimum, res.MinLoss)
	// Output: exists 1/2
}
