package semialg_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/relucad/relucad/semialg"
)

func ExampleParseAuto() {
	f, R, err := semialg.ParseAuto("ex y [x^2 + y^2 < 1]")
	if err != nil {
		panic(err)
	}
	fmt.Println(R.VarNames())
	fmt.Println(f)
	fmt.Println(f.LaTeX())
	// Output:
	// [x y]
	// ex y [x^2 + y^2 - 1 < 0]
	// \exists y\, \left[x^{2} + y^{2} - 1 < 0\right]
}

func ExampleQE() {
	// The projection of the open unit disk (ANCHORS.md §6).
	f, _, _ := semialg.ParseAuto("ex y [x^2 + y^2 < 1]")
	g, err := semialg.QE(context.Background(), f)
	if err != nil {
		panic(err)
	}
	fmt.Println(g)
	// The 2×2 LU set of MATH.md E1, reduced form (lu2_qe_3free.qep).
	h, _, _ := semialg.ParseAuto("ex l1, l2, u1, u2 [a = l1 u1 /\\ b = l1 u2 /\\ c = l2 u1]")
	k, err := semialg.QE(context.Background(), h)
	if err != nil {
		panic(err)
	}
	fmt.Println(k)
	// Output:
	// x^2 - 1 < 0
	// a /= 0 \/ c = 0 \/ b = 0
}

func ExampleDecide() {
	f, _, _ := semialg.ParseAuto("ex x [x^2 - 2 = 0]")
	v, err := semialg.Decide(context.Background(), f)
	fmt.Println(v, err)
	// Output:
	// true <nil>
}

func ExampleFormula_Eval() {
	// MATH.md E1: [[0,1],[1,0]] is not in the LU set.
	f, R, _ := semialg.ParseAuto("a /= 0 \\/ b = 0 \\/ c = 0")
	x := make([]*big.Rat, R.NumVars())
	for i, v := range []int64{0, 1, 1} {
		x[i] = big.NewRat(v, 1)
	}
	v, err := f.Eval(x)
	fmt.Println(v, err)
	// Output:
	// false <nil>
}

func ExampleSimplify() {
	f, _, _ := semialg.ParseAuto("2 x > 0 /\\ x >= 0 \\/ [x = 0 /\\ y > 1]")
	fmt.Println(semialg.Simplify(f))
	// Output:
	// x > 0 \/ x = 0 /\ y - 1 > 0
}

func ExampleParseSMTLIB() {
	p, err := semialg.ParseSMTLIB(`(declare-const x Real)
(assert (exists ((y Real)) (< (+ (* x x) (* y y)) 1.0)))
(check-sat)`)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Formula)
	fmt.Print(semialg.SMTLIBString(p.Formula))
	// Output:
	// ex y [x^2 + y^2 - 1 < 0]
	// (set-logic NRA)
	// (declare-const x Real)
	// (assert (exists ((y Real)) (< (+ (* x x) (* y y) (- 1)) 0)))
	// (check-sat)
}

func ExampleSet_IsClosed() {
	// MATH.md E1 stage 2: the LU set {a ≠ 0 ∨ b = 0 ∨ c = 0} is not closed.
	f, R, _ := semialg.ParseAuto("a /= 0 \\/ b = 0 \\/ c = 0")
	S, _ := semialg.NewSet(R, []int{0, 1, 2}, f)
	closed, gap, err := S.IsClosed(context.Background())
	fmt.Println(closed, err)
	fmt.Println(gap[0].Sign() == 0, gap[1].Sign() != 0, gap[2].Sign() != 0)
	// Output:
	// false <nil>
	// true true true
}

func ExampleLimits_projection() {
	// x·z − y vanishes identically over the line x = y = 0 of (x, y, w)
	// space: McCallum's projection is not well oriented there, and the CAD
	// starts again with Hong's operator.
	f, _, _ := semialg.ParseAuto("ex z [x*z - y > 0 /\\ z - w < 0]")
	st := &semialg.Stats{}
	g, err := semialg.QEWithLimits(context.Background(), f, semialg.Limits{Stats: st})
	if err != nil {
		panic(err)
	}
	fmt.Println(g)
	fmt.Println(st.Operator, len(st.Fallbacks))
	// Forcing McCallum's operator refuses instead of answering.
	_, err = semialg.QEWithLimits(context.Background(), f, semialg.Limits{Projection: semialg.ProjectionMcCallum})
	fmt.Println(errors.Is(err, semialg.ErrNotSupported))
	// An equational constraint restricts the first projection step.
	h, _, _ := semialg.ParseAuto("ex y, z [y^2 + z^2 - x = 0 /\\ y z - 1 > 0]")
	st = &semialg.Stats{}
	k, err := semialg.QEWithLimits(context.Background(), h, semialg.Limits{Stats: st})
	if err != nil {
		panic(err)
	}
	fmt.Println(k)
	fmt.Println(st.Operator)
	// Output:
	// x*w - y > 0 \/ x < 0
	// hong 1
	// true
	// x >= 0 /\ x^2 - 4 > 0
	// mccallum+ec
}
