package semialg

// A float64 fast path for intervalSign.
//
// Interval evaluation in float64 with outward rounding: every operation is
// done in round-to-nearest (error at most half an ulp) and its result moved
// one ulp outward with math.Nextafter, so the computed interval contains
// the exact range. Endpoints and coefficients convert with big.Rat.Float64
// (nearest) and move outward unless exact. Overflow (±Inf) or NaN gives up
// (returns 0, unknown), and so does an interval containing 0: the caller
// then evaluates in big.Float. Most sign decisions in lifting are on boxes
// whose widths and values are far from float64's limits, and this path
// avoids a big.Float allocation per operation.

import (
	"math"
	"math/big"

	"github.com/relucad/relucad/poly"
)

type f64iv struct{ lo, hi float64 }

func down64(x float64) float64 { return math.Nextafter(x, math.Inf(-1)) }
func up64(x float64) float64   { return math.Nextafter(x, math.Inf(1)) }

// ratIv64 returns a float64 interval containing r. Integers and dyadic
// rationals (bisection endpoints) convert through big.Int.Float64 and an
// exact scaling by a power of 2, without the allocations of Rat.Float64.
func ratIv64(r *big.Rat) f64iv {
	if r.IsInt() {
		f, acc := r.Num().Float64()
		if acc == big.Exact {
			return f64iv{f, f}
		}
		return f64iv{down64(f), up64(f)}
	}
	if d := r.Denom(); d.TrailingZeroBits() == uint(d.BitLen()-1) {
		f, acc := r.Num().Float64()
		g := math.Ldexp(f, -(d.BitLen() - 1))
		// Ldexp is exact unless the result is subnormal (or 0).
		if acc == big.Exact && (g == 0) == (f == 0) && math.Abs(g) >= 0x1p-1022 {
			return f64iv{g, g}
		}
		if !math.IsInf(f, 0) {
			return f64iv{down64(g), up64(g)}
		}
	}
	f, exact := r.Float64()
	if exact {
		return f64iv{f, f}
	}
	return f64iv{down64(f), up64(f)}
}

func mul64(x, y f64iv) f64iv {
	a, b, c, d := x.lo*y.lo, x.lo*y.hi, x.hi*y.lo, x.hi*y.hi
	lo := min(a, b, c, d)
	hi := max(a, b, c, d)
	return f64iv{down64(lo), up64(hi)}
}

// pow64 is x^e with the tight even-power rule (non-negative result).
func pow64(x f64iv, e uint32) f64iv {
	r := f64iv{1, 1}
	if e%2 == 0 && x.lo < 0 && x.hi > 0 {
		m := max(-x.lo, x.hi)
		// x^e ∈ [0, m^e]
		q := f64iv{1, 1}
		for k := uint32(0); k < e; k++ {
			q = mul64(q, f64iv{m, m})
		}
		return f64iv{0, q.hi}
	}
	for k := uint32(0); k < e; k++ {
		r = mul64(r, x)
	}
	if e%2 == 0 && r.lo < 0 {
		r.lo = 0 // an even power is non-negative
	}
	return r
}

// intervalSign64 returns the sign of the polynomial with the given terms on
// the box when float64 interval evaluation proves it, else 0. wide reports
// that the computed interval straddles 0 by far more than float64 rounding
// can explain (its width exceeds 2^-30 of the sum of the terms'
// magnitudes, while rounding contributes about 2^-45 of it): evaluating
// the same box at a higher precision would straddle 0 as well, so the
// caller can skip that and refine the box instead.
func intervalSign64(terms []poly.Term, vars []int, box [][2]*big.Rat) (sign int, wide bool) {
	var bx [8]f64iv
	var bxs []f64iv
	if len(box) <= len(bx) {
		bxs = bx[:len(box)]
	} else {
		bxs = make([]f64iv, len(box))
	}
	for _, v := range vars {
		lo, hi := ratIv64(box[v][0]), ratIv64(box[v][1])
		bxs[v] = f64iv{lo.lo, hi.hi}
	}
	sum := f64iv{0, 0}
	mag := 0.0
	for _, t := range terms {
		acc := ratIv64(t.Coef)
		for _, v := range vars {
			if e := t.Mon[v]; e > 0 {
				acc = mul64(acc, pow64(bxs[v], e))
			}
		}
		sum = f64iv{down64(sum.lo + acc.lo), up64(sum.hi + acc.hi)}
		mag += max(math.Abs(acc.lo), math.Abs(acc.hi))
	}
	if math.IsNaN(sum.lo) || math.IsNaN(sum.hi) || math.IsInf(sum.lo, 0) || math.IsInf(sum.hi, 0) || math.IsInf(mag, 0) {
		return 0, false
	}
	switch {
	case sum.lo > 0:
		return 1, false
	case sum.hi < 0:
		return -1, false
	}
	// Subnormal magnitudes: rounding is not relative there.
	return 0, mag > 0x1p-900 && sum.hi-sum.lo > 0x1p-30*mag
}

// refine shrinks x's bracket to width at most 2^-bits, remembering per
// number the widest request done so that repeated requests (the same
// sample coordinate for every candidate and endpoint of a stack) cost a map
// lookup instead of a bracket-width computation in big.Rat.
func (c *cad) refine(x *poly.RealAlg, bits uint) error {
	if c.refined[x] >= bits {
		return nil
	}
	if err := x.Refine(c.ctx, bits); err != nil {
		return err
	}
	if c.refined == nil {
		c.refined = map[*poly.RealAlg]uint{}
	}
	c.refined[x] = bits
	return nil
}

// polyTerms caches p.Terms() and p.Vars() (both copy) of a polynomial
// whose sign is taken at many samples: the projection factors and their
// psc's, immutable for the life of a CAD. Callers must not modify them.
type polyTerms struct {
	terms []poly.Term
	vars  []int
}

func (c *cad) termsOf(p *poly.Poly) ([]poly.Term, []int) {
	if pt, ok := c.termsCache[p]; ok {
		return pt.terms, pt.vars
	}
	pt := polyTerms{p.Terms(), p.Vars()}
	if c.termsCache == nil {
		c.termsCache = map[*poly.Poly]polyTerms{}
	}
	c.termsCache[p] = pt
	return pt.terms, pt.vars
}
