package poly

import (
	"context"
	"math"
	"math/big"
)

// Deflation: when the square-free P (with P(0) != 0) is a polynomial in
// x^g for some g >= 2 (Chebyshev polynomials of even degree, x^d - 2 ...),
// its real roots are the real g-th roots of the real roots of
// U(y) = sum_i P[g i] y^i, a polynomial of degree deg(P)/g; isolation cost
// grows like the cube of the degree, so isolating U instead pays off.
//
// A root y > 0 of U isolated in (lo, hi) gives the root y^(1/g) of P in
// (a, b) with a <= lo^(1/g) and b >= hi^(1/g) rational approximations. The
// interval (a, b) isolates y^(1/g) iff (a^g, b^g) holds no other root of U,
// which holds when a^g > the previous interval's upper end and b^g < the
// next interval's lower end; then a^g, b^g are not roots of U either. When
// the approximations are too coarse the precision is doubled, and when two
// brackets of U touch they are bisected until they separate.
// Negative roots of P: for even g they are the negatives of the positive
// ones; for odd g they come from the positive roots of U(-y).

// deflationDegree returns the gcd of the exponents of P's nonzero terms.
func deflationDegree(P UPoly) int {
	g := 0
	for i := 1; i < len(P); i++ {
		if P[i].Sign() != 0 {
			g = gcdInt(g, i)
			if g == 1 {
				return 1
			}
		}
	}
	return g
}

func gcdInt(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// isolateDeflated isolates the real roots of P(x) = U(x^g), g >= 2.
func isolateDeflated(ctx context.Context, P UPoly, g int) ([]RootInterval, error) {
	U := make(UPoly, (len(P)-1)/g+1)
	for i := range U {
		U[i] = P[g*i]
	}
	U = U.clone()
	pos, err := deflatedPositive(ctx, U, g)
	if err != nil {
		return nil, err
	}
	var negPos []RootInterval
	if g%2 == 0 {
		negPos = pos
	} else {
		negPos, err = deflatedPositive(ctx, U.negX(), g)
		if err != nil {
			return nil, err
		}
	}
	out := make([]RootInterval, 0, len(pos)+len(negPos))
	for i := len(negPos) - 1; i >= 0; i-- {
		iv := negPos[i]
		out = append(out, RootInterval{Lo: new(big.Rat).Neg(iv.Hi), Hi: new(big.Rat).Neg(iv.Lo)})
	}
	return append(out, pos...), nil
}

// deflatedPositive returns isolating intervals of the positive roots of
// U(x^g), U square-free with U(0) != 0.
func deflatedPositive(ctx context.Context, U UPoly, g int) ([]RootInterval, error) {
	ivs, err := isolatePositive(ctx, U)
	if err != nil || len(ivs) == 0 {
		return nil, err
	}
	brs := make([]*bracket, len(ivs))
	for i, iv := range ivs {
		if iv.IsExact() {
			brs[i] = &bracket{p: U, lo: iv.Lo, hi: iv.Hi, exact: true}
			continue
		}
		brs[i] = &bracket{p: U, lo: iv.Lo, hi: iv.Hi, sLo: U.EvalSign(iv.Lo)}
	}
	out := make([]RootInterval, len(ivs))
	prec := uint(16)
	for round := 0; ; round++ {
		if err := ctx.Err(); err != nil {
			return nil, wrapCtx("RealRoots", err)
		}
		ok := true
		for i, br := range brs {
			a, aExact, err := ratRoot(ctx, br.lo, g, prec, false)
			if err != nil {
				return nil, err
			}
			b, _, err := ratRoot(ctx, br.hi, g, prec, true)
			if err != nil {
				return nil, err
			}
			if br.exact && aExact {
				out[i] = RootInterval{Lo: a, Hi: new(big.Rat).Set(a)}
				continue
			}
			if br.exact {
				// irrational g-th root of a rational root of U: an open
				// interval around it
				if a, _, err = ratRoot(ctx, br.lo, g, prec, false); err != nil {
					return nil, err
				}
				if b, _, err = ratRoot(ctx, br.hi, g, prec, true); err != nil {
					return nil, err
				}
			}
			if i > 0 && ratPowInt(a, g).Cmp(brs[i-1].hi) <= 0 {
				ok = false
				if brs[i-1].hi.Cmp(br.lo) == 0 {
					brs[i-1].bisect()
					br.bisect()
				}
			}
			if i+1 < len(brs) && ratPowInt(b, g).Cmp(brs[i+1].lo) >= 0 {
				ok = false
				if brs[i+1].lo.Cmp(br.hi) == 0 {
					brs[i+1].bisect()
					br.bisect()
				}
			}
			if a.Sign() <= 0 {
				ok = false
			}
			out[i] = RootInterval{Lo: a, Hi: b}
		}
		if ok {
			return out, nil
		}
		prec *= 2
	}
}

// ratRoot returns a rational approximation of r^(1/g) (r >= 0) from below
// (up = false) or above (up = true), with error below 2^-prec, and whether
// it is exact. For large g each step works on numbers of g·prec bits, so
// ctx is checked between them.
func ratRoot(ctx context.Context, r *big.Rat, g int, prec uint, up bool) (*big.Rat, bool, error) {
	// floor((num * 2^(g prec) / den)^(1/g)) / 2^prec
	num := new(big.Int).Lsh(r.Num(), uint(g)*prec)
	q, m := new(big.Int).QuoRem(num, r.Denom(), new(big.Int))
	s, err := iroot(ctx, q, g)
	if err != nil {
		return nil, false, err
	}
	exact := m.Sign() == 0 && new(big.Int).Exp(s, big.NewInt(int64(g)), nil).Cmp(q) == 0
	if up && !exact {
		s.Add(s, big.NewInt(1))
	}
	return new(big.Rat).SetFrac(s, new(big.Int).Lsh(big.NewInt(1), prec)), exact, nil
}

// iroot returns floor(x^(1/g)) for x >= 0; it checks ctx between Newton
// steps.
func iroot(ctx context.Context, x *big.Int, g int) (*big.Int, error) {
	if x.Sign() == 0 {
		return new(big.Int), nil
	}
	if g == 2 {
		return new(big.Int).Sqrt(x), nil
	}
	// Newton from above: y = ((g-1) y + x / y^(g-1)) / g. Far above the
	// root a step only shrinks y by the factor (g-1)/g, so for large g the
	// start 2^ceil(bits/g) would take ~g steps; start instead from a
	// floating-point estimate rounded up (irootStart), from which Newton
	// converges quadratically. Any start >= floor(x^(1/g)) is correct.
	y := irootStart(x, g)
	G := big.NewInt(int64(g))
	G1 := big.NewInt(int64(g - 1))
	for {
		if err := ctx.Err(); err != nil {
			return nil, wrapCtx("RealRoots", err)
		}
		t := new(big.Int).Exp(y, G1, nil)
		t.Quo(x, t)
		t.Add(t, new(big.Int).Mul(y, G1))
		t.Quo(t, G)
		if t.Cmp(y) >= 0 {
			return y, nil
		}
		y = t
	}
}

// irootStart returns an integer y >= x^(1/g) (x > 0, g >= 3) close to it:
// 2^(log2(x)/g) computed in float64 from the top 53 bits of x, raised by a
// margin far above the float error (relative ~1e-12 for roots of moderate
// size), or 2^ceil(bits/g) when that is smaller or the check y^g >= x fails.
func irootStart(x *big.Int, g int) *big.Int {
	n := x.BitLen()
	coarse := new(big.Int).Lsh(big.NewInt(1), uint((n+g-1)/g))
	// log2(x) = e + log2(m), m = x / 2^e in [1, 2) from its top bits.
	top := new(big.Int).Rsh(x, uint(max(n-53, 0)))
	m, _ := new(big.Float).SetInt(top).Float64()
	e := float64(max(n-53, 0))
	l := (e + math.Log2(m)) / float64(g) // log2 of the root
	// l carries an absolute error below ~4e-16 (l + 1) (the rounding of
	// e + log2(m) and of the division); raise it by far more than that.
	l += 1e-12 + 1e-14*l
	// The root is below 2^l = 2^k * 2^f, k integer: y = ceil(2^(f+52)) * 2^(k-52).
	k := math.Floor(l)
	f := l - k
	mant := math.Ceil(math.Exp2(f + 52))
	y := new(big.Int)
	new(big.Float).SetFloat64(mant).Int(y)
	if sh := int(k) - 52; sh >= 0 {
		y.Lsh(y, uint(sh))
	} else {
		y.Rsh(y, uint(-sh))
		y.Add(y, big.NewInt(1))
	}
	// Safety net for the float estimate: y^g >= x means y >= x^(1/g).
	if y.Cmp(coarse) > 0 || new(big.Int).Exp(y, big.NewInt(int64(g)), nil).Cmp(x) < 0 {
		return coarse
	}
	return y
}

// ratPowInt returns r^g.
func ratPowInt(r *big.Rat, g int) *big.Rat {
	n := new(big.Int).Exp(r.Num(), big.NewInt(int64(g)), nil)
	d := new(big.Int).Exp(r.Denom(), big.NewInt(int64(g)), nil)
	return new(big.Rat).SetFrac(n, d)
}
