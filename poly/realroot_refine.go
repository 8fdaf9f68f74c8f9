package poly

import (
	"context"
	"fmt"
	"math"
	"math/big"
)

// bracket is an isolating interval of a root of a square-free polynomial
// p: either exact (lo == hi, p(lo) = 0) or open with p(lo) p(hi) < 0 and
// exactly one root inside (the caller guarantees uniqueness). Refinement
// keeps endpoints dyadic once they have been moved.
type bracket struct {
	p      UPoly
	lo, hi *big.Rat
	sLo    int // sign of p at lo (open brackets)
	exact  bool
}

// newBracket validates the sign condition and copies the endpoints.
func newBracket(p UPoly, lo, hi *big.Rat) (*bracket, error) {
	b := &bracket{p: p, lo: new(big.Rat).Set(lo), hi: new(big.Rat).Set(hi)}
	switch lo.Cmp(hi) {
	case 0:
		if p.EvalSign(lo) != 0 {
			return nil, fmt.Errorf("poly: %s is not a root of %v", lo.RatString(), p)
		}
		b.exact = true
		return b, nil
	case 1:
		return nil, fmt.Errorf("poly: empty interval [%s, %s]", lo.RatString(), hi.RatString())
	}
	sl, sh := p.EvalSign(lo), p.EvalSign(hi)
	if sl == 0 || sh == 0 || sl == sh {
		return nil, fmt.Errorf("poly: (%s, %s) is not an isolating interval of a root of %v (no sign change)", lo.RatString(), hi.RatString(), p)
	}
	b.sLo = sl
	return b, nil
}

func (b *bracket) clone() *bracket {
	c := *b
	c.lo = new(big.Rat).Set(b.lo)
	c.hi = new(big.Rat).Set(b.hi)
	return &c
}

func isDyadic(r *big.Rat) bool { return isPow2(r.Denom()) }

// dyadicBetween returns a dyadic rational strictly inside (lo, hi), close
// to the midpoint.
func dyadicBetween(lo, hi *big.Rat) *big.Rat {
	m := new(big.Rat).Add(lo, hi)
	m.Mul(m, big.NewRat(1, 2))
	if isDyadic(lo) && isDyadic(hi) {
		return m
	}
	w := new(big.Rat).Sub(hi, lo)
	// 2^-k < w/4
	q := new(big.Int).Quo(w.Denom(), w.Num())
	k := uint(q.BitLen() + 3)
	num := new(big.Int).Lsh(m.Num(), k)
	num.Div(num, m.Denom()) // floor
	return new(big.Rat).SetFrac(num, new(big.Int).Lsh(big.NewInt(1), k))
}

// bisect halves the bracket (at a dyadic point); it may find the root
// exactly.
func (b *bracket) bisect() {
	if b.exact {
		return
	}
	m := dyadicBetween(b.lo, b.hi)
	s := b.p.EvalSign(m)
	switch {
	case s == 0:
		b.lo, b.hi, b.exact = m, new(big.Rat).Set(m), true
	case s == b.sLo:
		b.lo = m
	default:
		b.hi = m
	}
}

// width returns hi - lo.
func (b *bracket) width() *big.Rat { return new(big.Rat).Sub(b.hi, b.lo) }

// widthLog2 returns an integer e with width <= 2^e (approximately the
// smallest such).
func (b *bracket) widthLog2() int {
	w := b.width()
	if w.Sign() == 0 {
		return -1 << 30
	}
	return w.Num().BitLen() - w.Denom().BitLen() + 1
}

// refineTo shrinks the bracket to width <= 2^-bits. Newton steps (which
// double the number of correct bits when they succeed) are tried once the
// bracket is narrow; after a failed attempt the number of bisections before
// the next attempt doubles, so failures cost at most a constant factor.
func (b *bracket) refineTo(ctx context.Context, bits uint) error {
	target := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), bits))
	wait, backoff := 0, 2
	for i := 0; !b.exact && b.width().Cmp(target) > 0; i++ {
		if i%8 == 0 {
			if err := ctx.Err(); err != nil {
				return wrapCtx("root refinement", err)
			}
		}
		cur := -b.widthLog2()
		if wait == 0 && cur >= 4 && uint(cur)+8 < bits {
			if b.newtonStep(min(uint(2*cur), bits)) {
				backoff = 2
				continue
			}
			wait, backoff = backoff, 2*backoff
		}
		if wait > 0 {
			wait--
		}
		b.bisect()
	}
	return nil
}

// newtonApprox returns a Newton approximation (want bits) of the root,
// started from the middle of the bracket; ok is false when Newton failed
// to produce a point inside the bracket.
func (b *bracket) newtonApprox(want uint) (*big.Rat, bool) {
	prec := want + 64
	x := new(big.Float).SetPrec(prec).SetRat(dyadicBetween(b.lo, b.hi))
	maxIt := 8
	for w := uint(4); w < want; w *= 2 {
		maxIt++
	}
	// float64 Newton first when the coefficients fit comfortably.
	if x0, ok := newton64(b.p, b.lo, b.hi); ok {
		x.SetFloat64(x0)
		maxIt = 3
		for w := uint(40); w < want; w *= 2 {
			maxIt++
		}
	}
	pf := toFloats(b.p, prec)
	dpf := toFloats(b.p.Deriv(), prec)
	for it := 0; it < maxIt; it++ {
		fx := hornerFloat(pf, x, prec)
		dx := hornerFloat(dpf, x, prec)
		if dx.Sign() == 0 {
			return nil, false
		}
		step := new(big.Float).SetPrec(prec).Quo(fx, dx)
		x.Sub(x, step)
		if x.IsInf() {
			return nil, false
		}
		if step.Sign() == 0 || step.MantExp(nil)-x.MantExp(nil) < -int(want)-8 {
			break
		}
	}
	xr, _ := x.Rat(nil)
	if xr == nil || xr.Cmp(b.lo) <= 0 || xr.Cmp(b.hi) >= 0 {
		return nil, false
	}
	return xr, true
}

// f64Coeff holds the coefficients of a polynomial as float64 mantissas
// and binary exponents (c_i = m_i 2^e_i), so that scaled float64 copies
// can be made without overflow for any evaluation range.
type f64Coeff struct {
	m  []float64
	e  []int
	bl []int
}

func newF64Coeff(p UPoly) *f64Coeff {
	f := &f64Coeff{m: make([]float64, len(p)), e: make([]int, len(p)), bl: make([]int, len(p))}
	var t big.Float
	for i, a := range p {
		t.SetInt(a)
		f.e[i] = t.MantExp(&t)
		f.m[i], _ = t.Float64()
		f.bl[i] = a.BitLen()
	}
	return f
}

// newton64 runs Newton's method in float64 from the middle of (lo, hi);
// ok is false if the coefficients or the iterates leave the safe range.
func newton64(p UPoly, lo, hi *big.Rat) (float64, bool) {
	return newF64Coeff(p).newton(lo, hi)
}

// newton runs a safeguarded Newton iteration in float64 on (lo, hi); ok is
// false when float64 cannot represent the problem.
func (f *f64Coeff) newton(lo, hi *big.Rat) (float64, bool) {
	if len(f.m) > 4000 {
		return 0, false
	}
	// Scale the coefficients by 2^-s so that |c_i| R^i stays below 2^900
	// for R = max(|lo|, |hi|, 1): same roots, no overflow.
	l, _ := lo.Float64()
	h, _ := hi.Float64()
	R := math.Max(1, math.Max(math.Abs(l), math.Abs(h)))
	if math.IsInf(R, 0) {
		return 0, false
	}
	lr := math.Log2(R)
	top := math.Inf(-1)
	for i, b := range f.bl {
		if b != 0 {
			top = math.Max(top, float64(b)+float64(i)*lr)
		}
	}
	s := 0
	if top > 900 {
		s = int(top) - 900
	}
	c := make([]float64, len(f.m))
	for i := range c {
		c[i] = math.Ldexp(f.m[i], f.e[i]-s)
	}
	eval := func(x float64) (float64, float64) {
		v, d := 0.0, 0.0
		for i := len(c) - 1; i >= 0; i-- {
			d = d*x + v
			v = v*x + c[i]
		}
		return v, d
	}
	sl, _ := eval(l)
	if sl == 0 || math.IsInf(sl, 0) || math.IsNaN(sl) {
		return 0, false
	}
	// safeguarded Newton: bisect whenever the Newton step leaves (l, h)
	x := (l + h) / 2
	for it := 0; it < 200; it++ {
		v, d := eval(x)
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, false
		}
		if v == 0 {
			return x, true
		}
		if (v < 0) == (sl < 0) {
			l = x
		} else {
			h = x
		}
		nx := x - v/d
		if d == 0 || !(nx > l && nx < h) {
			nx = (l + h) / 2
		}
		if nx == x || h-l <= 4e-16*math.Abs(x) {
			return nx, true
		}
		x = nx
	}
	return x, true
}

func toFloats(p UPoly, prec uint) []*big.Float {
	out := make([]*big.Float, len(p))
	for i, a := range p {
		out[i] = new(big.Float).SetPrec(prec).SetInt(a)
	}
	return out
}

func hornerFloat(c []*big.Float, x *big.Float, prec uint) *big.Float {
	v := new(big.Float).SetPrec(prec)
	t := new(big.Float).SetPrec(prec)
	for i := len(c) - 1; i >= 0; i-- {
		t.Mul(v, x) // no aliasing: avoids temporaries inside math/big
		v.Add(t, c[i])
	}
	return v
}

// newtonStep tries to shrink the bracket to width 2^-want around a Newton
// approximation computed in big.Float; the result is accepted only if the
// exact signs at the new endpoints prove the root is inside.
func (b *bracket) newtonStep(want uint) bool {
	xr, ok := b.newtonApprox(want)
	if !ok {
		return false
	}
	w := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), want+1))
	L := new(big.Rat).Sub(xr, w)
	H := new(big.Rat).Add(xr, w)
	if L.Cmp(b.lo) <= 0 || H.Cmp(b.hi) >= 0 {
		return false
	}
	sL := b.p.EvalSign(L)
	if sL == 0 {
		b.lo, b.hi, b.exact = L, new(big.Rat).Set(L), true
		return true
	}
	sH := b.p.EvalSign(H)
	if sH == 0 {
		b.lo, b.hi, b.exact = H, new(big.Rat).Set(H), true
		return true
	}
	if sL == b.sLo && sH == -b.sLo {
		b.lo, b.hi = L, H
		return true
	}
	return false
}

// evalFloat evaluates p at x in big.Float arithmetic with precision prec.
func evalFloat(p UPoly, x *big.Float, prec uint) *big.Float {
	v := new(big.Float).SetPrec(prec)
	var c big.Float
	c.SetPrec(prec)
	for i := len(p) - 1; i >= 0; i-- {
		v.Mul(v, x)
		c.SetInt(p[i])
		v.Add(v, &c)
	}
	return v
}
