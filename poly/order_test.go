package poly_test

import (
	"testing"

	"github.com/relucad/relucad/poly"
)

// Orders on exponent vectors of x > y > z. Reference values: the definitions
// in Cox–Little–O'Shea, Ideals, Varieties, and Algorithms, §2.2
// (Examples 2, 5, 6 there: x y^2 z^4 vs x^3 y^2 z^4 style comparisons).
func TestOrderCmp(t *testing.T) {
	tests := []struct {
		ord  poly.Order
		a, b poly.Monomial
		want int
	}{
		// CLO §2.2 Ex. 2(i): (1,2,0) >lex (0,3,4).
		{poly.Lex, poly.Monomial{1, 2, 0}, poly.Monomial{0, 3, 4}, 1},
		// CLO §2.2 Ex. 2(ii): (3,2,4) >lex (3,2,1).
		{poly.Lex, poly.Monomial{3, 2, 4}, poly.Monomial{3, 2, 1}, 1},
		// CLO §2.2 Ex. 5: (1,2,3) >grlex (3,2,0) (degree 6 > 5).
		{poly.GrLex, poly.Monomial{1, 2, 3}, poly.Monomial{3, 2, 0}, 1},
		// CLO §2.2 Ex. 5: (1,2,4) >grlex (1,1,5) (same degree, lex).
		{poly.GrLex, poly.Monomial{1, 2, 4}, poly.Monomial{1, 1, 5}, 1},
		// CLO §2.2 Ex. 6: (4,7,1) >grevlex (4,2,3) (degree 12 > 9).
		{poly.GRevLex, poly.Monomial{4, 7, 1}, poly.Monomial{4, 2, 3}, 1},
		// CLO §2.2 Ex. 6: (1,5,2) >grevlex (4,1,3) (same degree, last var smaller).
		{poly.GRevLex, poly.Monomial{1, 5, 2}, poly.Monomial{4, 1, 3}, 1},
		// hand computation: grlex and grevlex differ on x*z^2 vs y^3? no: on
		// x z vs y^2: grlex x z > y^2 (x first); grevlex x z < y^2 (z power).
		{poly.GrLex, poly.Monomial{1, 0, 1}, poly.Monomial{0, 2, 0}, 1},
		{poly.GRevLex, poly.Monomial{1, 0, 1}, poly.Monomial{0, 2, 0}, -1},
		{poly.Lex, poly.Monomial{0, 0, 0}, poly.Monomial{0, 0, 0}, 0},
		// hand computation: block (x | y,z) with lex then grevlex:
		// x beats y^5 z^5 (elimination of x).
		{poly.BlockOrder([]int{1, 2}, poly.Lex, poly.GRevLex), poly.Monomial{1, 0, 0}, poly.Monomial{0, 5, 5}, 1},
		{poly.BlockOrder([]int{1, 2}, poly.Lex, poly.GRevLex), poly.Monomial{1, 0, 2}, poly.Monomial{1, 1, 1}, -1},
	}
	for _, tc := range tests {
		if got := tc.ord.Cmp(tc.a, tc.b); got != tc.want {
			t.Errorf("%s.Cmp(%v, %v) = %d, want %d", tc.ord, tc.a, tc.b, got, tc.want)
		}
		if got := tc.ord.Cmp(tc.b, tc.a); got != -tc.want {
			t.Errorf("%s.Cmp(%v, %v) = %d, want %d", tc.ord, tc.b, tc.a, got, -tc.want)
		}
	}
}

// Property: every order is total, multiplicative and has 1 as least element,
// on all exponent vectors in {0..2}^3.
func TestOrderAxioms(t *testing.T) {
	var ms []poly.Monomial
	for a := uint32(0); a < 3; a++ {
		for b := uint32(0); b < 3; b++ {
			for c := uint32(0); c < 3; c++ {
				ms = append(ms, poly.Monomial{a, b, c})
			}
		}
	}
	orders := []poly.Order{poly.Lex, poly.GrLex, poly.GRevLex,
		poly.BlockOrder([]int{1, 2}, poly.Lex, poly.GRevLex),
		poly.BlockOrder([]int{2, 1}, poly.GrLex, poly.Lex)}
	one := poly.Monomial{0, 0, 0}
	for _, o := range orders {
		for _, a := range ms {
			if !a.IsOne() && o.Cmp(a, one) <= 0 {
				t.Errorf("%s: %v not > 1", o, a)
			}
			for _, b := range ms {
				c := o.Cmp(a, b)
				if (c == 0) != a.Equal(b) {
					t.Errorf("%s: Cmp(%v,%v)=0 for different monomials", o, a, b)
				}
				for _, m := range ms {
					if o.Cmp(a.Mul(m), b.Mul(m)) != c {
						t.Errorf("%s: not multiplicative at %v %v %v", o, a, b, m)
					}
					if c > 0 && o.Cmp(b, m) > 0 && o.Cmp(a, m) <= 0 {
						t.Errorf("%s: not transitive at %v %v %v", o, a, b, m)
					}
				}
			}
		}
	}
}

func TestBlockOrderRing(t *testing.T) {
	if _, err := poly.NewRing([]string{"x", "y"}, poly.BlockOrder([]int{1, 2}, poly.Lex, poly.Lex)); err == nil {
		t.Errorf("NewRing accepted a block order of the wrong size")
	}
	if got := poly.BlockOrder([]int{2, 1}, poly.Lex, poly.GRevLex).String(); got != "block(2:lex,1:grevlex)" {
		t.Errorf("String = %q", got)
	}
}

func TestMonomialOps(t *testing.T) {
	a, b := poly.Monomial{2, 0, 1}, poly.Monomial{1, 3, 0}
	// hand computation
	if got := a.Mul(b); !got.Equal(poly.Monomial{3, 3, 1}) {
		t.Errorf("Mul = %v", got)
	}
	if got := a.LCM(b); !got.Equal(poly.Monomial{2, 3, 1}) {
		t.Errorf("LCM = %v", got)
	}
	if got := a.GCD(b); !got.Equal(poly.Monomial{1, 0, 0}) {
		t.Errorf("GCD = %v", got)
	}
	if q, ok := a.Quo(poly.Monomial{1, 0, 1}); !ok || !q.Equal(poly.Monomial{1, 0, 0}) {
		t.Errorf("Quo = %v %v", q, ok)
	}
	if _, ok := a.Quo(b); ok {
		t.Errorf("Quo succeeded for a non-divisor")
	}
	if a.TotalDegree() != 3 || a.Divides(b) || !a.Divides(poly.Monomial{2, 1, 1}) {
		t.Errorf("TotalDegree/Divides wrong")
	}
	defer func() {
		if r := recover(); r != poly.ErrExponentOverflow {
			t.Errorf("overflow: recovered %v", r)
		}
	}()
	poly.Monomial{1 << 31}.Mul(poly.Monomial{1 << 31})
}
