package semialg

import (
	"math/big"
	"testing"

	"github.com/relucad/relucad/poly"
)

// FuzzRankExpansions decodes a small polynomial matrix and a bound from
// the input and checks, on a 5×5 grid of rational points, that the minor
// and pivot expansions of rank(M) ≤ q, and the rank profile, agree with
// exact Gaussian elimination.
func FuzzRankExpansions(f *testing.F) {
	f.Add([]byte{2, 2, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0})
	f.Add([]byte{3, 3, 1, 1, 1, 0, 0, 2, 0, 1, 0, 255, 1, 1, 1, 0, 0, 0, 0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21})
	f.Add([]byte{1, 3, 0, 0, 0, 0, 0, 0, 1, 0, 0})
	R := poly.MustRing([]string{"x", "y"}, DefaultOrder)
	basis := []*poly.Poly{R.One(), R.Var(0), R.Var(1), R.Var(0).Mul(R.Var(1))}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 3 {
			return
		}
		r, c, q := int(data[0]%3)+1, int(data[1]%3)+1, int(data[2]%3)
		data = data[3:]
		next := func() int64 {
			if len(data) == 0 {
				return 0
			}
			b := int8(data[0])
			data = data[1:]
			return int64(b % 3)
		}
		m := make([][]*poly.Poly, r)
		for i := range m {
			m[i] = make([]*poly.Poly, c)
			for j := range m[i] {
				e := R.Zero()
				for _, b := range basis {
					e = e.Add(b.Mul(R.ConstInt(next())))
				}
				m[i][j] = e
			}
		}
		mi, pv := MinorsRankLE(m, q), PivotRankLE(m, q)
		cases := RankProfile(m)
		for a := int64(-2); a <= 2; a++ {
			for b := int64(-2); b <= 2; b++ {
				x := []*big.Rat{big.NewRat(a, 1), big.NewRat(b, 2)}
				rk := rankRat(evalMatrix(m, x))
				g1, err1 := mi.Eval(x)
				g2, err2 := pv.Eval(x)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if g1 != (rk <= q) || g2 != (rk <= q) {
					t.Fatalf("%v q=%d at %v: rank %d, minors %v (%s), pivot %v (%s)", m, q, x, rk, g1, mi, g2, pv)
				}
				holds := 0
				for _, cs := range cases {
					if ok, _ := cs.Cond.Eval(x); ok {
						holds++
						if cs.Rank != rk {
							t.Fatalf("%v at %v: profile case %s says rank %d, rank is %d", m, x, cs.Cond, cs.Rank, rk)
						}
					}
				}
				if holds != 1 {
					t.Fatalf("%v at %v: %d profile cases hold", m, x, holds)
				}
			}
		}
	})
}
