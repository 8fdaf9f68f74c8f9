package kernel_test

import (
	"context"
	"fmt"

	"github.com/relucad/relucad/kernel"
	"github.com/relucad/relucad/kernel/rich"
)

// printOutput prints what a cell writes.
type printOutput struct{}

func (printOutput) Stream(name, text string) { fmt.Printf("[%s] %s", name, text) }
func (printOutput) Display(b rich.Bundle, id string, update bool) {
	fmt.Printf("[display] %v\n", b.Data["text/plain"])
}
func (printOutput) ClearOutput(bool)                   {}
func (printOutput) Input(string, bool) (string, error) { return "", nil }

// Cells share state; the value of a trailing expression is the result.
func ExampleEvaluator_Execute() {
	e, err := kernel.NewEvaluator()
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	cells := []string{
		"r := big.NewRat(1, 3)",
		"func double(x *big.Rat) *big.Rat { return new(big.Rat).Add(x, x) }\nfmt.Println(\"doubling\", r)\ndouble(r)",
	}
	for _, c := range cells {
		b, err := e.Execute(ctx, c, printOutput{})
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		if b != nil {
			fmt.Println("result:", b.Data["text/plain"])
		}
	}
	// Output:
	// [stdout] doubling 1/3
	// result: 2/3
}
