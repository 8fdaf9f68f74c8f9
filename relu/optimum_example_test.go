package relu_test

import (
	"context"
	"fmt"

	"github.com/relucad/relucad/relu"
	"github.com/relucad/relucad/semialg"
)

// The LU support of MATH.md E4 on inputs (1,0), (1,0) with targets (0,0),
// (1,0): equal inputs with different targets have no exact fit; the QE
// route of D10 finds the minimum 1/2 and a minimiser.
func ExampleDecideOptimum() {
	X := relu.RatMatrixFromInts([][]int64{{1, 0}, {1, 0}})
	Y := relu.RatMatrixFromInts([][]int64{{0, 0}, {1, 0}})
	d, err := relu.DecideOptimum(context.Background(), relu.MustSpec("W2=10/11,W1=11/01"), false, X, Y, semialg.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Optimum, d.MinLoss)
	fmt.Println("W2 =", d.Minimizer["W2"], "W1 =", d.Minimizer["W1"])
	// Output:
	// exists 1/2
	// W2 = [[1/2 0] [0 0]] W1 = [[1 0] [0 0]]
}
