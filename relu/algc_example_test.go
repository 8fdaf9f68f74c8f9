package relu_test

import (
	"context"
	"fmt"

	"github.com/relucad/relucad/relu"
)

// ClosednessExact falls back to quantifier elimination (ALG-C) where the
// structural theorems stop: this depth-3 support has L_I = R^{2×2}, which
// the surjectivity test (rule "onto") proves leaf by leaf.
func ExampleClosednessExact() {
	s := relu.MustSpec("W3=01/11,W2=01/11,W1=01/11")
	v, _ := relu.Closedness(context.Background(), s)
	fmt.Println("structural:", v.Status)
	v, err := relu.ClosednessExact(context.Background(), s)
	if err != nil {
		panic(err)
	}
	d := v.Cert.Description
	fmt.Println("exact:", v.Status, v.Cert.Method, d.Kind, d.Formula, d.QE.Rule)
	fmt.Println("verify:", relu.Verify(v.Cert))
	// Output:
	// structural: unknown
	// exact: closed qe formula true onto
	// verify: <nil>
}
