package poly_test

import (
	"math/big"
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

func TestEvalSubstDeriv(t *testing.T) {
	p := xyz.MustParse("x^2*y + 3*z - x")
	// hand computations
	if got := p.Eval(0, big.NewRat(2, 1)); got.String() != "4*y + 3*z - 2" {
		t.Errorf("Eval x=2: %s", got)
	}
	if got := p.Eval(0, big.NewRat(-1, 2)); got.String() != "1/4*y + 3*z + 1/2" {
		t.Errorf("Eval x=-1/2: %s", got)
	}
	if got := p.Eval(1, new(big.Rat)); got.String() != "-x + 3*z" {
		t.Errorf("Eval y=0: %s", got)
	}
	vals := []*big.Rat{big.NewRat(1, 2), big.NewRat(4, 1), big.NewRat(-1, 3)}
	if got := p.EvalAll(vals); got.Cmp(big.NewRat(-1, 2)) != 0 { // 1/4*4 - 1 - 1/2
		t.Errorf("EvalAll = %v", got)
	}
	if got := p.Subst(0, xyz.MustParse("y + 1")); got.String() != "y^3 + 2*y^2 + 3*z - 1" {
		t.Errorf("Subst x=y+1: %s", got) // (y+1)^2 y + 3z - y - 1
	}
	if got := p.Subst(0, xyz.MustParse("x^2")); got.String() != "x^4*y - x^2 + 3*z" {
		t.Errorf("Subst x=x^2: %s", got)
	}
	if got := xyz.MustParse("x^3*y + 2*x - 7").Deriv(0); got.String() != "3*x^2*y + 2" {
		t.Errorf("Deriv: %s", got)
	}
	if got := xyz.MustParse("x^3*y").Deriv(2); !got.IsZero() {
		t.Errorf("Deriv z: %s", got)
	}
}

func randPoint(rng interface{ IntN(int) int }, n int) []*big.Rat {
	pt := make([]*big.Rat, n)
	for i := range pt {
		pt[i] = big.NewRat(int64(rng.IntN(21)-10), int64(rng.IntN(5)+1))
	}
	return pt
}

// Properties: evaluation is a ring homomorphism; Eval, Subst and EvalAll
// agree; the product rule holds for Deriv.
func TestEvalProperties(t *testing.T) {
	rng := polytest.Rand(t)
	for _, ord := range []poly.Order{poly.Lex, poly.GRevLex} {
		R := poly.MustRing([]string{"x", "y", "z"}, ord)
		for range polytest.Iters(t, 100) {
			p := polytest.RandPoly(rng, R, 4, 8, 20)
			q := polytest.RandPoly(rng, R, 3, 5, 20)
			snap := polytest.Take(p, q)
			pt := randPoint(rng, 3)
			ep, eq := p.EvalAll(pt), q.EvalAll(pt)
			if got := p.Mul(q).EvalAll(pt); got.Cmp(new(big.Rat).Mul(ep, eq)) != 0 {
				t.Fatalf("EvalAll(pq) != EvalAll(p)EvalAll(q)")
			}
			if got := p.Add(q).EvalAll(pt); got.Cmp(new(big.Rat).Add(ep, eq)) != 0 {
				t.Fatalf("EvalAll(p+q)")
			}
			v := rng.IntN(3)
			ev := p.Eval(v, pt[v])
			polytest.CheckCanonical(t, ev)
			if ev.Degree(v) > 0 || ev.EvalAll(pt).Cmp(ep) != 0 {
				t.Fatalf("Eval then EvalAll")
			}
			if !p.Subst(v, R.Const(pt[v])).Equal(ev) {
				t.Fatalf("Subst by constant != Eval")
			}
			sq := p.Subst(v, q)
			polytest.CheckCanonical(t, sq)
			pt2 := append([]*big.Rat(nil), pt...)
			pt2[v] = eq
			if sq.EvalAll(pt).Cmp(p.EvalAll(pt2)) != 0 {
				t.Fatalf("Subst(%d, %s) of %s", v, q, p)
			}
			d := p.Mul(q).Deriv(v)
			polytest.CheckCanonical(t, d, p.Deriv(v))
			if !d.Equal(p.Deriv(v).Mul(q).Add(p.Mul(q.Deriv(v)))) {
				t.Fatalf("product rule")
			}
			cs := p.CoeffsIn(v)
			sum := R.Zero()
			for k, c := range cs {
				polytest.CheckCanonical(t, c)
				if c.Degree(v) > 0 {
					t.Fatalf("x_v occurs in a coefficient")
				}
				if !c.Equal(p.CoeffIn(v, k)) {
					t.Fatalf("CoeffIn != CoeffsIn")
				}
				sum = sum.Add(c.Mul(R.Var(v).Pow(uint(k))))
			}
			if !sum.Equal(p) || (!p.IsZero() && !p.LeadCoeffIn(v).Equal(cs[len(cs)-1])) {
				t.Fatalf("CoeffsIn does not rebuild p")
			}
			snap.Check(t)
		}
	}
}

func TestCompose(t *testing.T) {
	S := poly.MustRing([]string{"u", "v"}, poly.Lex)
	p := xyz.MustParse("x^2*y - 3*z + 1")
	// hand computation: (u+v)^2 (u-v) - 3 u v + 1 = u^3 + u^2 v - u v^2 - v^3 - 3 u v + 1
	got := p.Compose([]*poly.Poly{S.MustParse("u + v"), S.MustParse("u - v"), S.MustParse("u*v")})
	polytest.Equal(t, "Compose", got, S.MustParse("u^3 + u^2*v - u*v^2 - v^3 - 3*u*v + 1"))
	// Property: composing with the variables is the identity, and
	// evaluation commutes with composition.
	rng := polytest.Rand(t)
	for range polytest.Iters(t, 50) {
		p := polytest.RandPoly(rng, xyz, 3, 6, 10)
		polytest.Equal(t, "identity Compose", p.Compose([]*poly.Poly{xyz.Var(0), xyz.Var(1), xyz.Var(2)}), p)
		qs := []*poly.Poly{polytest.RandPoly(rng, S, 2, 3, 8), polytest.RandPoly(rng, S, 2, 3, 8), polytest.RandPoly(rng, S, 2, 3, 8)}
		pt := randPoint(rng, 2)
		inner := []*big.Rat{qs[0].EvalAll(pt), qs[1].EvalAll(pt), qs[2].EvalAll(pt)}
		c := p.Compose(qs)
		polytest.CheckCanonical(t, c)
		if c.EvalAll(pt).Cmp(p.EvalAll(inner)) != 0 {
			t.Fatalf("Compose does not commute with evaluation for %s", p)
		}
	}
}
