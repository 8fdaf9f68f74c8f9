package poly_test

import (
	"math/big"
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

func TestNewRing(t *testing.T) {
	bad := [][]string{{"x", "x"}, {"1x"}, {""}, {"x-y"}, {"é"}, {"x y"}}
	for _, vs := range bad {
		if _, err := poly.NewRing(vs, poly.Lex); err == nil {
			t.Errorf("NewRing(%q) accepted", vs)
		}
	}
	if _, err := poly.NewRing([]string{"x"}, nil); err == nil {
		t.Errorf("NewRing with nil order accepted")
	}
	R, err := poly.NewRing([]string{"x_1", "Y", "_t0"}, poly.GrLex)
	if err != nil {
		t.Fatal(err)
	}
	names := R.VarNames()
	names[0] = "changed"
	if R.VarNames()[0] != "x_1" || R.NumVars() != 3 || R.Order() != poly.GrLex {
		t.Errorf("ring accessors")
	}
	if i, ok := R.VarIndex("_t0"); !ok || i != 2 {
		t.Errorf("VarIndex = %d, %v", i, ok)
	}
	if _, ok := R.VarIndex("z"); ok {
		t.Errorf("VarIndex of a missing variable")
	}
	if R.String() != "Q[x_1,Y,_t0] grlex" {
		t.Errorf("String = %s", R)
	}
	// A ring with no variables is Q.
	Q := poly.MustRing(nil, poly.Lex)
	if p := Q.MustParse("3/4 - 1"); p.String() != "-1/4" || !p.IsConst() {
		t.Errorf("Q: %s", p)
	}
}

func TestToRingWithOrder(t *testing.T) {
	R := poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)
	p := R.MustParse("x*z^2 + y^3 - 2")
	L := R.WithOrder(poly.Lex)
	pl, err := p.ToRing(L)
	if err != nil {
		t.Fatal(err)
	}
	polytest.CheckCanonical(t, pl)
	if pl.String() != "x*z^2 + y^3 - 2" || p.String() != "y^3 + x*z^2 - 2" { // hand: lex vs grevlex
		t.Errorf("ToRing: %s / %s", pl, p)
	}
	S := poly.MustRing([]string{"z", "y", "w", "x"}, poly.Lex)
	ps, err := p.ToRing(S)
	if err != nil || ps.String() != "z^2*x + y^3 - 2" {
		t.Errorf("ToRing permuted = %v, %v", ps, err)
	}
	back, err := ps.ToRing(R)
	if err != nil || !back.Equal(p) {
		t.Errorf("ToRing back = %v, %v", back, err)
	}
	if _, err := S.MustParse("w").ToRing(R); err == nil {
		t.Errorf("ToRing dropped an occurring variable")
	}
	if got, err := S.MustParse("x + 1").ToRing(R); err != nil || got.String() != "x + 1" {
		t.Errorf("ToRing unused variable: %v %v", got, err)
	}
}

// Aliasing: an operand used twice, and results reused as operands, leave
// every input unchanged.
func TestAliasing(t *testing.T) {
	rng := polytest.Rand(t)
	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
	for range polytest.Iters(t, 50) {
		p := polytest.RandNonZeroPoly(rng, R, 4, 6, 30)
		snap := polytest.Take(p)
		results := []*poly.Poly{p.Add(p), p.Sub(p), p.Mul(p), p.Pow(2), p.Neg(), p.ScaleRat(big.NewRat(1, 1)),
			p.Subst(0, p), p.Deriv(0), p.PrimitivePart(), p.Monic()}
		q, err := p.ExactQuo(p)
		if err != nil || !q.IsOne() {
			t.Fatalf("p/p = %v, %v", q, err)
		}
		quos, rem := p.DivideMulti([]*poly.Poly{p, p})
		pq, pr := p.PseudoQuoRem(p, 0)
		results = append(results, quos[0], quos[1], rem, pq, pr)
		polytest.CheckCanonical(t, results...)
		if !results[0].Equal(p.ScaleInt(2)) || !results[1].IsZero() || !rem.IsZero() {
			t.Fatalf("aliasing results wrong for %s", p)
		}
		// Mutating what the results hand out does not reach p.
		for _, r := range results {
			for _, tm := range r.Terms() {
				tm.Coef.SetInt64(12345)
			}
			r.LeadCoeff().SetInt64(7)
		}
		snap.Check(t)
	}
}
