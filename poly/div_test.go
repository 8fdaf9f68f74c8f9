package poly_test

import (
	"errors"
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

var xyLex = poly.MustRing([]string{"x", "y"}, poly.Lex)

// Cox–Little–O'Shea, Ideals, Varieties, and Algorithms (4th ed.), §2.3,
// Examples 1 and 2 (lex, x > y), and Example 4's reversed divisor list.
func TestDivideMultiCLO(t *testing.T) {
	tests := []struct {
		f    string
		gs   []string
		quos []string
		rem  string
	}{
		{"x*y^2 + 1", []string{"x*y + 1", "y + 1"}, []string{"y", "-1"}, "2"},                        // CLO Ex. 1
		{"x^2*y + x*y^2 + y^2", []string{"x*y - 1", "y^2 - 1"}, []string{"x + y", "1"}, "x + y + 1"}, // CLO Ex. 2
		{"x^2*y + x*y^2 + y^2", []string{"y^2 - 1", "x*y - 1"}, []string{"x + 1", "x"}, "2*x + 1"},   // CLO Ex. 4
		{"x*y^2 - x", []string{"x*y + 1", "y^2 - 1"}, []string{"y", "0"}, "-x - y"},                  // CLO Ex. 5
		{"x*y^2 - x", []string{"y^2 - 1", "x*y + 1"}, []string{"x", "0"}, "0"},                       // CLO Ex. 5
		{"x^3", []string{"0", "x"}, []string{"0", "x^2"}, "0"},                                       // hand computation: zero divisors skipped
	}
	for _, tc := range tests {
		f := xyLex.MustParse(tc.f)
		var gs []*poly.Poly
		for _, g := range tc.gs {
			gs = append(gs, xyLex.MustParse(g))
		}
		snap := polytest.Take(append([]*poly.Poly{f}, gs...)...)
		quos, rem := f.DivideMulti(gs)
		polytest.CheckCanonical(t, append(quos, rem)...)
		for i, q := range quos {
			if !q.Equal(xyLex.MustParse(tc.quos[i])) {
				t.Errorf("%s / %v: quo[%d] = %s, want %s", tc.f, tc.gs, i, q, tc.quos[i])
			}
		}
		if !rem.Equal(xyLex.MustParse(tc.rem)) {
			t.Errorf("%s / %v: rem = %s, want %s", tc.f, tc.gs, rem, tc.rem)
		}
		if !f.Reduce(gs).Equal(rem) {
			t.Errorf("Reduce differs from DivideMulti")
		}
		snap.Check(t)
	}
}

// Property: f = Σ q_i g_i + r, no term of r is divisible by an LM(g_i),
// and LM(q_i g_i) <= LM(f).
func TestDivideMultiProperty(t *testing.T) {
	rng := polytest.Rand(t)
	for _, ord := range []poly.Order{poly.Lex, poly.GrLex, poly.GRevLex} {
		R := poly.MustRing([]string{"x", "y", "z"}, ord)
		for range polytest.Iters(t, 100) {
			f := polytest.RandPoly(rng, R, 5, 12, 20)
			gs := []*poly.Poly{polytest.RandNonZeroPoly(rng, R, 2, 3, 8), polytest.RandNonZeroPoly(rng, R, 2, 3, 8)}
			quos, rem := f.DivideMulti(gs)
			polytest.CheckCanonical(t, append(quos, rem)...)
			sum := rem
			for i, q := range quos {
				qg := q.Mul(gs[i])
				sum = sum.Add(qg)
				if !qg.IsZero() && ord.Cmp(qg.LeadMonomial(), f.LeadMonomial()) > 0 {
					t.Fatalf("LM(q%d g%d) > LM(f)", i, i)
				}
			}
			if !sum.Equal(f) {
				t.Fatalf("%s: f != Σ q g + r for f=%s gs=%v", ord, f, gs)
			}
			for _, tm := range rem.Terms() {
				for _, g := range gs {
					if g.LeadMonomial().Divides(tm.Mon) {
						t.Fatalf("remainder term %v divisible by LM(%s)", tm.Mon, g)
					}
				}
			}
		}
	}
}

func TestExactQuoErrors(t *testing.T) {
	f, g := xyz.MustParse("x^2 + 1"), xyz.MustParse("x + 1")
	_, err := f.ExactQuo(g)
	var nd *poly.NotDividesError
	if !errors.As(err, &nd) || !nd.F.Equal(f) || !nd.G.Equal(g) {
		t.Errorf("ExactQuo error = %v", err)
	}
	if _, err := xyz.MustParse("x*y").ExactQuo(xyz.MustParse("z")); err == nil {
		t.Errorf("z divides x*y?")
	}
	if q, err := xyz.MustParse("6*x*y").ExactQuo(xyz.MustParse("4*y")); err != nil || q.String() != "3/2*x" {
		t.Errorf("monomial ExactQuo = %v, %v", q, err) // hand computation
	}
	if !xyz.MustParse("x + 1").Divides(xyz.MustParse("x^2 - 1")) {
		t.Errorf("Divides")
	}
	defer func() {
		if r := recover(); r != poly.ErrZeroDivisor {
			t.Errorf("recovered %v, want ErrZeroDivisor", r)
		}
	}()
	f.ExactQuo(xyz.Zero())
}

func TestQuoRemPseudo(t *testing.T) {
	tests := []struct {
		p, q      string
		v         int
		quo, rem  string
		pquo, prm string
	}{
		// hand computation: (x - y)(x^2 + x y + y^2 + y) = x^3 + x y - y^3 - y^2
		{"x^3 + y*x + 1", "x - y", 0, "x^2 + x*y + y^2 + y", "y^3 + y^2 + 1", "x^2 + x*y + y^2 + y", "y^3 + y^2 + 1"},
		// hand computation: y^2 x^2 = (y x - 1)(y x + 1) + 1
		{"x^2", "y*x + 1", 0, "", "", "x*y - 1", "1"},
		// degree of p below degree of q: quo = 0, rem = p
		{"y", "x^2 + 1", 0, "0", "y", "0", "y"},
		// in y: (2y^2 + x) = (2y + 2)... hand: pseudo with b=2, δ=2: 4(2y^2+x) = (4y - 2)(2y + 1) + 4x + 2
		{"2*y^2 + x", "2*y + 1", 1, "y - 1/2", "x + 1/2", "4*y - 2", "4*x + 2"},
	}
	for _, tc := range tests {
		p, q := xyz.MustParse(tc.p), xyz.MustParse(tc.q)
		if tc.quo != "" {
			quo, rem := p.QuoRem(q, tc.v)
			polytest.CheckCanonical(t, quo, rem)
			if !quo.Equal(xyz.MustParse(tc.quo)) || !rem.Equal(xyz.MustParse(tc.rem)) {
				t.Errorf("QuoRem(%s, %s) = %s, %s; want %s, %s", tc.p, tc.q, quo, rem, tc.quo, tc.rem)
			}
		}
		quo, rem := p.PseudoQuoRem(q, tc.v)
		polytest.CheckCanonical(t, quo, rem)
		if !quo.Equal(xyz.MustParse(tc.pquo)) || !rem.Equal(xyz.MustParse(tc.prm)) {
			t.Errorf("PseudoQuoRem(%s, %s) = %s, %s; want %s, %s", tc.p, tc.q, quo, rem, tc.pquo, tc.prm)
		}
	}
	func() {
		defer func() {
			if r := recover(); r != poly.ErrLeadCoeffIn {
				t.Errorf("recovered %v, want ErrLeadCoeffIn", r)
			}
		}()
		xyz.MustParse("x^2").QuoRem(xyz.MustParse("y*x + 1"), 0)
	}()
}

// Property: the pseudo-division identity b^δ p = quo q + rem with
// deg_v rem < deg_v q, and the division identity for QuoRem when the
// divisor's leading coefficient in v is constant.
func TestPseudoDivisionIdentity(t *testing.T) {
	rng := polytest.Rand(t)
	for range polytest.Iters(t, 150) {
		v := rng.IntN(3)
		p := polytest.RandPoly(rng, xyz, 4, 8, 16)
		q := polytest.RandNonZeroPoly(rng, xyz, 3, 4, 8)
		snap := polytest.Take(p, q)
		quo, rem := p.PseudoQuoRem(q, v)
		polytest.CheckCanonical(t, quo, rem)
		if q.Degree(v) > 0 && rem.Degree(v) >= q.Degree(v) {
			t.Fatalf("deg rem %d >= deg q %d", rem.Degree(v), q.Degree(v))
		}
		lhs := p
		if dl := p.Degree(v) - q.Degree(v) + 1; dl > 0 {
			lhs = q.LeadCoeffIn(v).Pow(uint(dl)).Mul(p)
		}
		if !lhs.Equal(quo.Mul(q).Add(rem)) {
			t.Fatalf("pseudo-division identity fails: p=%s q=%s v=%d", p, q, v)
		}
		// Make q monic-ish in v and check QuoRem.
		qm := q.Add(xyz.Var(v).Pow(uint(q.Degree(v) + 1)))
		quo, rem = p.QuoRem(qm, v)
		polytest.CheckCanonical(t, quo, rem)
		if !quo.Mul(qm).Add(rem).Equal(p) || rem.Degree(v) >= qm.Degree(v) {
			t.Fatalf("QuoRem identity fails: p=%s q=%s v=%d", p, qm, v)
		}
		snap.Check(t)
	}
}

// The packed integer ExactQuo agrees with the generic rational one, on
// multiples (quotient known) and on random non-multiples, in every order
// (block orders exercise the generic path through the dispatcher).
func TestExactQuoVariants(t *testing.T) {
	rng := polytest.Rand(t)
	orders := []poly.Order{poly.Lex, poly.GrLex, poly.GRevLex, poly.BlockOrder([]int{1, 2}, poly.GRevLex, poly.Lex)}
	for it := range polytest.Iters(t, 200) {
		R := poly.MustRing([]string{"x", "y", "z"}, orders[it%len(orders)])
		bits := []int{-10, -80, 12, -40}[it%4]
		a := polytest.RandNonZeroPoly(rng, R, 4, 10, 20)
		b := polytest.RandNonZeroPoly(rng, R, 3, 6, 20)
		if bits < 0 {
			a = polytest.RandPoly(rng, R, 4, 10, bits)
			b = polytest.RandNonZeroPoly(rng, R, 3, 6, 8).PrimitivePart()
		}
		ab := a.Mul(b)
		q1, err1 := ab.ExactQuo(b)
		q2, err2 := poly.ExactQuoGenericForTest(ab, b)
		if err1 != nil || err2 != nil || !q1.Equal(a) || !q2.Equal(a) {
			t.Fatalf("%s: (%s)/(%s): %v %v / %v %v", R.Order(), ab, b, q1, err1, q2, err2)
		}
		polytest.CheckCanonical(t, q1, q2)
		// A perturbed product is (almost surely) not a multiple.
		c := ab.Add(polytest.RandNonZeroPoly(rng, R, 2, 2, 5))
		q1, err1 = c.ExactQuo(b)
		q2, err2 = poly.ExactQuoGenericForTest(c, b)
		if (err1 == nil) != (err2 == nil) || (err1 == nil && !q1.Equal(q2)) {
			t.Fatalf("%s: (%s)/(%s) disagree: %v %v / %v %v", R.Order(), c, b, q1, err1, q2, err2)
		}
		if err1 == nil && !q1.Mul(b).Equal(c) {
			t.Fatalf("ExactQuo returned a wrong quotient")
		}
	}
}

// Overflow of the int64 path: dividing x^5 by x - 2^20 builds remainder
// coefficients 2^20, 2^40, 2^60, 2^80 (the last overflows int64), so the
// packed division must fall back to big.Int and still report
// non-divisibility; x^4 - 2^80 (not int64) takes the big.Int path directly.
func TestExactQuoOverflow(t *testing.T) {
	R := poly.MustRing([]string{"x"}, poly.GRevLex)
	q := R.MustParse("x - 2^20")
	if _, err := R.MustParse("x^5").ExactQuo(q); err == nil {
		t.Errorf("x - 2^20 divides x^5?")
	}
	got, err := R.MustParse("x^4 - 2^80").ExactQuo(q)
	want := R.MustParse("x^3 + 2^20*x^2 + 2^40*x + 2^60") // geometric series, hand computation
	if err != nil || !got.Equal(want) {
		t.Errorf("(x^4 - 2^80)/(x - 2^20) = %v, %v", got, err)
	}
	// 2-variable, int64 inputs whose quotient coefficients overflow.
	S := poly.MustRing([]string{"x", "y"}, poly.Lex)
	a := S.MustParse("x^3 + 2^30*x^2*y + 2^60*x*y^2 + 2^62*y^3")
	b := S.MustParse("x - 4*y")
	ab := a.Mul(b)
	if got, err := ab.ExactQuo(b); err != nil || !got.Equal(a) {
		t.Errorf("ExactQuo with big quotient: %v, %v", got, err)
	}
}
