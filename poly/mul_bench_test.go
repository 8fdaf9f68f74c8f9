package poly_test

import (
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

// BenchmarkMul recomputes the gcd bench inputs f = cofactor·gcd from their
// factors with every multiplication variant (see the table in mul.go).
func BenchmarkMul(b *testing.B) {
	for _, name := range gcdProblems {
		_, f, _, h := loadGCD(b, name)
		cf, err := f.ExactQuo(h)
		if err != nil {
			b.Fatal(err)
		}
		variants := []struct {
			name string
			mul  func(p, q *poly.Poly) *poly.Poly
		}{
			{"auto", func(p, q *poly.Poly) *poly.Poly { return p.Mul(q) }},
			{"dense-int64", func(p, q *poly.Poly) *poly.Poly { return poly.MulVariantForTest(p, q, 1, 1) }},
			{"hash-int64", func(p, q *poly.Poly) *poly.Poly { return poly.MulVariantForTest(p, q, 2, 1) }},
			{"dense-int128", func(p, q *poly.Poly) *poly.Poly { return poly.MulVariantForTest(p, q, 1, 2) }},
			{"hash-int128", func(p, q *poly.Poly) *poly.Poly { return poly.MulVariantForTest(p, q, 2, 2) }},
			{"heap-int64", func(p, q *poly.Poly) *poly.Poly { return poly.MulVariantForTest(p, q, 3, 1) }},
			{"heap-bigint", func(p, q *poly.Poly) *poly.Poly { return poly.MulVariantForTest(p, q, 3, 3) }},
			{"dense-bigint", func(p, q *poly.Poly) *poly.Poly { return poly.MulVariantForTest(p, q, 1, 3) }},
			{"hash-bigint", func(p, q *poly.Poly) *poly.Poly { return poly.MulVariantForTest(p, q, 2, 3) }},
			{"naive-rat", poly.MulNaiveForTest},
		}
		for _, v := range variants {
			b.Run(name+"/"+v.name, func(b *testing.B) {
				for b.Loop() {
					v.mul(cf, h)
				}
			})
		}
		// Rational coefficients: same supports, coefficients divided by 3 and 7.
		cfr, hr := cf.ScaleRat(bigRat(1, 3)), h.ScaleRat(bigRat(2, 7))
		b.Run(name+"/auto-rational", func(b *testing.B) {
			for b.Loop() {
				cfr.Mul(hr)
			}
		})
		// Large coefficients: squares of the inputs have ~2x the bits; the
		// cube pushes past the int64 bound.
		f2 := f.Mul(f)
		b.Run(name+"/auto-square-f", func(b *testing.B) {
			for b.Loop() {
				f.Mul(f)
			}
		})
		_ = f2
	}
}

// BenchmarkMulRandomSparse: sparse 4-variable products with large degree
// spread (hash accumulator territory).
func BenchmarkMulRandomSparse(b *testing.B) {
	rng := polytest.Rand(b)
	R := poly.MustRing([]string{"a", "b", "c", "d"}, poly.GRevLex)
	for _, n := range []int{100, 1000} {
		p := polytest.RandPoly(rng, R, 40, n, -20)
		q := polytest.RandPoly(rng, R, 40, n, -20)
		b.Run("terms="+itoa(n)+"/auto", func(b *testing.B) {
			for b.Loop() {
				p.Mul(q)
			}
		})
		for _, v := range []struct {
			name         string
			accum, width int
		}{{"hash-int64", 2, 1}, {"heap-int64", 3, 1}, {"hash-bigint", 2, 3}, {"heap-bigint", 3, 3}} {
			b.Run("terms="+itoa(n)+"/"+v.name, func(b *testing.B) {
				for b.Loop() {
					poly.MulVariantForTest(p, q, v.accum, v.width)
				}
			})
		}
		b.Run("terms="+itoa(n)+"/naive-rat", func(b *testing.B) {
			for b.Loop() {
				poly.MulNaiveForTest(p, q)
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	for _, name := range gcdProblems {
		R, _, _, _ := loadGCD(b, name)
		src, err := os.ReadFile(filepath.Join(sharedDir(b), "bench", "inputs", "gcd", name+".f"))
		if err != nil {
			b.Skip(err)
		}
		s := string(src)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				if _, err := R.Parse(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkString(b *testing.B) {
	for _, name := range gcdProblems {
		_, f, _, _ := loadGCD(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				_ = f.String()
			}
		})
	}
}

func BenchmarkExactQuo(b *testing.B) {
	for _, name := range gcdProblems {
		_, f, _, h := loadGCD(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := f.ExactQuo(h); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func bigRat(a, b int64) *big.Rat { return big.NewRat(a, b) }

func itoa(n int) string { return strconv.Itoa(n) }

// BenchmarkMulSmall: the many small products of CAD projection and
// Gröbner code, where per-call overhead matters more than the inner loop.
func BenchmarkMulSmall(b *testing.B) {
	rng := polytest.Rand(b)
	R := poly.MustRing([]string{"x", "y", "z"}, poly.GRevLex)
	for _, n := range []int{3, 10, 30} {
		var ps []*poly.Poly
		for range 16 {
			ps = append(ps, polytest.RandNonZeroPoly(rng, R, 6, n, 16).PrimitivePart())
		}
		for _, v := range []struct {
			name         string
			accum, width int
		}{{"auto", 0, 0}, {"dense", 1, 0}, {"hash", 2, 0}, {"heap", 3, 0}} {
			b.Run("terms="+itoa(n)+"/"+v.name, func(b *testing.B) {
				i := 0
				for b.Loop() {
					poly.MulVariantForTest(ps[i%16], ps[(i+1)%16], v.accum, v.width)
					i++
				}
			})
		}
		b.Run("terms="+itoa(n)+"/naive-rat", func(b *testing.B) {
			i := 0
			for b.Loop() {
				poly.MulNaiveForTest(ps[i%16], ps[(i+1)%16])
				i++
			}
		})
	}
}
