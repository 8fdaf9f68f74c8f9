package relu_test

import (
	"context"
	"fmt"
	"math"

	"github.com/relucad/relucad/relu"
)

// Adam on the ill-posed E4 dataset (MATH.md E4, T16): the loss goes to 0
// while ‖θ‖∞ grows, and D7's lower bound holds at the final loss.
func ExampleTrain() {
	s := relu.MustSpec("W2=10/11,W1=11/01")
	X := [][]float64{{0, 0}, {1, 0}, {0, 1}}
	Y := [][]float64{{0, 0}, {0, 1}, {1, 0}}
	r, err := relu.Train(context.Background(), s, true, X, Y, relu.TrainOptions{Method: "adam", Steps: 60000, Seed: 3})
	if err != nil {
		panic(err)
	}
	early := r.History[0]
	for _, p := range r.History {
		if p.Step <= r.Steps/10 {
			early = p
		}
	}
	d := r.Loss
	bound := (1 - 2*math.Sqrt(d)) / (math.Sqrt2 * math.Pow(d, 0.25))
	fmt.Println("loss below 1e-3:", d < 1e-3)
	fmt.Println("norm grew after the first tenth:", r.NormInf > early.NormInf)
	fmt.Println("D7 bound holds:", math.Max(math.Abs(r.W[0][1][0]), math.Abs(r.W[1][0][1])) >= bound)
	// Output:
	// loss below 1e-3: true
	// norm grew after the first tenth: true
	// D7 bound holds: true
}
