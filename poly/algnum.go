package poly

// Real algebraic numbers.
//
// A RealAlg is a real root of a square-free, primitive integer polynomial
// f with positive leading coefficient, singled out by a bracket: either an
// exact rational (lo = hi, f(lo) = 0) or an open interval (lo, hi) with
// rational endpoints, f(lo) f(hi) < 0 and exactly one root of f inside.
//
// Comparisons refine brackets by bisection (at dyadic points, with exact
// sign evaluation) until they separate. Equality cannot be detected by
// refinement alone, so Cmp first tests it exactly: with h = gcd(f_x, f_y),
// x = y iff both are roots of h (h changes sign on both brackets) and the
// intersection of the brackets holds a root of h (Sturm count); the
// endpoints of the intersection are bracket endpoints, hence not roots of h.
// When x != y, refinement terminates because the bracket widths halve.
//
// A RealAlg is immutable as a number; its bracket shrinks as a side effect
// of comparisons and conversions (guarded by a mutex, so values may be shared
// between goroutines).

import (
	"context"
	"fmt"
	"math/big"
	"sync"
)

// RealAlg is a real algebraic number (see the file comment).
type RealAlg struct {
	mu  sync.Mutex
	f   UPoly // square-free, primitive, lc > 0, degree >= 1
	br  *bracket
	rat *big.Rat // the value when known to be rational
	irr bool     // known to be irrational
	idx int      // 1-based index among the real roots of f (0: not computed)
}

// NewRealAlg returns the root of f in [lo, hi]. If lo == hi, lo must be a
// root of f. Otherwise the open interval (lo, hi) must contain exactly one
// distinct real root of f (endpoints may be roots; they are moved inside).
// f is replaced by its square-free part. Errors name the violated
// condition: f constant or zero, lo > hi, or the wrong number of roots.
func NewRealAlg(f UPoly, lo, hi *big.Rat) (*RealAlg, error) {
	if len(f) <= 1 {
		return nil, fmt.Errorf("poly: NewRealAlg: defining polynomial %v is constant", f)
	}
	if lo.Cmp(hi) > 0 {
		return nil, fmt.Errorf("poly: NewRealAlg: empty interval [%s, %s]", lo.RatString(), hi.RatString())
	}
	P := USquareFreePart(f)
	if lo.Cmp(hi) == 0 {
		if P.EvalSign(lo) != 0 {
			return nil, fmt.Errorf("poly: NewRealAlg: %s is not a root of %v", lo.RatString(), f)
		}
		r := new(big.Rat).Set(lo)
		return &RealAlg{f: P, br: &bracket{p: P, lo: r, hi: r, exact: true}, rat: r}, nil
	}
	seq := NewSturmSeq(P)
	openCount := func(a, b *big.Rat) int {
		c := seq.Count(a, b)
		if P.EvalSign(b) == 0 {
			c--
		}
		return c
	}
	if c := openCount(lo, hi); c != 1 {
		return nil, fmt.Errorf("poly: NewRealAlg: (%s, %s) contains %d real roots of %v, want 1", lo.RatString(), hi.RatString(), c, f)
	}
	a, b := new(big.Rat).Set(lo), new(big.Rat).Set(hi)
	for P.EvalSign(a) == 0 || P.EvalSign(b) == 0 {
		m := dyadicBetween(a, b)
		if P.EvalSign(m) == 0 {
			return &RealAlg{f: P, br: &bracket{p: P, lo: m, hi: m, exact: true}, rat: m}, nil
		}
		if openCount(a, m) == 1 {
			b = m
		} else {
			a = m
		}
	}
	br, err := newBracket(P, a, b)
	if err != nil {
		return nil, err
	}
	return &RealAlg{f: P, br: br}, nil
}

// RealAlgFromRat returns the rational r as a real algebraic number (root of
// den(r) x - num(r)).
func RealAlgFromRat(r *big.Rat) *RealAlg {
	v := new(big.Rat).Set(r)
	f := NewUPoly([]*big.Int{new(big.Int).Neg(v.Num()), new(big.Int).Set(v.Denom())})
	return &RealAlg{f: f, br: &bracket{p: f, lo: v, hi: v, exact: true}, rat: v}
}

// RealAlgRoots returns the distinct real roots of f, increasing, as real
// algebraic numbers (defined by the square-free part of f).
func RealAlgRoots(ctx context.Context, f UPoly) ([]*RealAlg, error) {
	ivs, err := RealRoots(ctx, f)
	if err != nil {
		return nil, err
	}
	P := USquareFreePart(f)
	out := make([]*RealAlg, len(ivs))
	for i, iv := range ivs {
		if iv.IsExact() {
			out[i] = RealAlgFromRat(iv.Lo)
			continue
		}
		br, err := newBracket(P, iv.Lo, iv.Hi)
		if err != nil {
			return nil, err
		}
		// RealRoots reports every rational root exactly, so a root left
		// in an interval is irrational: IsRational needs no bisection.
		out[i] = &RealAlg{f: P, br: br, irr: true}
	}
	return out, nil
}

// Poly returns the defining polynomial (square-free, primitive, positive
// leading coefficient).
func (x *RealAlg) Poly() UPoly { return x.f.clone() }

// Interval returns the current isolating bracket [lo, hi] (lo == hi for a
// rational number found exactly).
func (x *RealAlg) Interval() (lo, hi *big.Rat) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return new(big.Rat).Set(x.br.lo), new(big.Rat).Set(x.br.hi)
}

// snapshot returns a copy of the bracket.
func (x *RealAlg) snapshot() *bracket {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.br.clone()
}

// bisect halves the bracket once.
func (x *RealAlg) bisect() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.br.bisect()
	if x.br.exact && x.rat == nil {
		x.rat = new(big.Rat).Set(x.br.lo)
	}
}

// Refine shrinks the bracket to width at most 2^-bits.
func (x *RealAlg) Refine(ctx context.Context, bits uint) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if bits <= 64 && !x.br.exact {
		// Low precision: plain bisection at dyadic points keeps the
		// endpoints short (Newton's rational iterates have long
		// denominators that every later evaluation pays for).
		// Each bisection at least halves the width once the endpoints are
		// dyadic (the first may only shrink it to 3/4), so e + bits + 1
		// steps usually suffice; the width is checked only between rounds.
		for e := x.br.widthLog2(); e > -int(bits) && !x.br.exact; e = x.br.widthLog2() {
			if err := ctx.Err(); err != nil {
				return wrapCtx("root refinement", err)
			}
			for k := e + int(bits) + 1; k > 0 && !x.br.exact; k-- {
				x.br.bisect()
			}
		}
	}
	err := x.br.refineTo(ctx, bits)
	if x.br.exact && x.rat == nil {
		x.rat = new(big.Rat).Set(x.br.lo)
	}
	return err
}

// IsRational reports whether x is rational, and returns its value. The
// test is exact: a rational root p/q of the primitive f has q | lc(f), so
// lc(f) x is an integer; once the bracket is narrower than 1/lc(f) there is
// at most one candidate integer N, and x = N/lc(f) iff f(N/lc(f)) = 0.
func (x *RealAlg) IsRational() (*big.Rat, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.rat != nil {
		return new(big.Rat).Set(x.rat), true
	}
	if x.irr {
		return nil, false
	}
	lc := x.f.lc()
	for {
		if x.br.exact {
			x.rat = new(big.Rat).Set(x.br.lo)
			return new(big.Rat).Set(x.rat), true
		}
		w := x.br.width()
		if w.Mul(w, new(big.Rat).SetInt(lc)).Cmp(big.NewRat(1, 1)) < 0 {
			break
		}
		x.br.bisect()
	}
	// the only integer in (lc lo, lc hi), if any
	L := new(big.Rat).Mul(x.br.lo, new(big.Rat).SetInt(lc))
	N := new(big.Int).Div(L.Num(), L.Denom()) // floor
	N.Add(N, big.NewInt(1))
	cand := new(big.Rat).SetFrac(N, lc)
	if cand.Cmp(x.br.hi) < 0 && x.f.EvalSign(cand) == 0 {
		x.rat = cand
		x.br = &bracket{p: x.f, lo: cand, hi: new(big.Rat).Set(cand), exact: true}
		return new(big.Rat).Set(cand), true
	}
	x.irr = true
	return nil, false
}

// CmpRat compares x with the rational r: -1 if x < r, 0 if x = r, +1 if
// x > r.
func (x *RealAlg) CmpRat(r *big.Rat) int {
	x.mu.Lock()
	defer x.mu.Unlock()
	b := x.br
	if b.exact {
		return b.lo.Cmp(r)
	}
	if r.Cmp(b.lo) <= 0 {
		return 1
	}
	if r.Cmp(b.hi) >= 0 {
		return -1
	}
	s := x.f.EvalSign(r)
	if s == 0 {
		x.rat = new(big.Rat).Set(r)
		x.br = &bracket{p: x.f, lo: x.rat, hi: new(big.Rat).Set(r), exact: true}
		return 0
	}
	// r becomes an endpoint: the root is on the side where the sign differs
	if s == b.sLo {
		b.lo = new(big.Rat).Set(r)
		return 1
	}
	b.hi = new(big.Rat).Set(r)
	return -1
}

// Sign returns the sign of x.
func (x *RealAlg) Sign() int { return x.CmpRat(new(big.Rat)) }

// Cmp compares x and y exactly: -1 if x < y, 0 if x = y, +1 if x > y.
func (x *RealAlg) Cmp(y *RealAlg) int {
	if x == y {
		return 0
	}
	if r, ok := y.knownRat(); ok {
		return x.CmpRat(r)
	}
	if r, ok := x.knownRat(); ok {
		return -y.CmpRat(r)
	}
	equalityTested := false
	for round := 0; ; round++ {
		bx, by := x.snapshot(), y.snapshot()
		if bx.exact || by.exact {
			// a bisection hit a root exactly
			return x.Cmp(y)
		}
		if bx.hi.Cmp(by.lo) <= 0 {
			return -1
		}
		if by.hi.Cmp(bx.lo) <= 0 {
			return 1
		}
		if !equalityTested && round >= 2 {
			equalityTested = true
			if algEqual(x.f, bx, y.f, by) {
				return 0
			}
		}
		x.bisect()
		y.bisect()
	}
}

// knownRat returns the value when it is already known to be rational.
func (x *RealAlg) knownRat() (*big.Rat, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.rat != nil {
		return x.rat, true
	}
	return nil, false
}

// algEqual decides whether the roots isolated by the overlapping open
// brackets bx (of f) and by (of g) are equal (see the file comment).
func algEqual(f UPoly, bx *bracket, g UPoly, by *bracket) bool {
	h := UGCD(f, g)
	if len(h) <= 1 {
		return false
	}
	if h.EvalSign(bx.lo)*h.EvalSign(bx.hi) >= 0 || h.EvalSign(by.lo)*h.EvalSign(by.hi) >= 0 {
		return false
	}
	L, H := bx.lo, bx.hi
	if by.lo.Cmp(L) > 0 {
		L = by.lo
	}
	if by.hi.Cmp(H) < 0 {
		H = by.hi
	}
	if L.Cmp(H) >= 0 {
		return false
	}
	return SturmCount(h, L, H) > 0
}

// Float returns x rounded to nearest (ties to even) at precision prec
// (prec > 0). The bracket is refined until both endpoints round to the same
// float, which then is the correctly rounded value of x.
func (x *RealAlg) Float(prec uint) *big.Float {
	if prec == 0 {
		prec = 53
	}
	round := func(r *big.Rat) *big.Float {
		return new(big.Float).SetPrec(prec).SetMode(big.ToNearestEven).SetRat(r)
	}
	if r, ok := x.knownRat(); ok {
		return round(r)
	}
	bits := prec + 8
	for i := 0; ; i++ {
		b := x.snapshot()
		if b.exact {
			return round(b.lo)
		}
		fl, fh := round(b.lo), round(b.hi)
		if fl.Cmp(fh) == 0 {
			return fl
		}
		// relative refinement: width below 2^(exponent - bits)
		e := fl.MantExp(nil)
		if fh.MantExp(nil) > e {
			e = fh.MantExp(nil)
		}
		target := int(bits) - e
		if target < 1 {
			target = 1
		}
		_ = x.Refine(context.Background(), uint(target))
		bits += 16 + bits/2
		if i == 8 {
			// x might be a rational exactly halfway between two floats
			if r, ok := x.IsRational(); ok {
				return round(r)
			}
		}
	}
}

// String formats x as "root k of f in [lo, hi]" (k-th real root of the
// defining polynomial f in increasing order, 1-based; the bracket is the
// current one), or as the rational "p/q" when x is known to be rational.
func (x *RealAlg) String() string {
	b := x.snapshot()
	if b.exact {
		return b.lo.RatString()
	}
	k := x.rootIndex()
	return fmt.Sprintf("root %d of %v in [%s, %s]", k, x.f, b.lo.RatString(), b.hi.RatString())
}

// rootIndex returns the 1-based index of x among the real roots of its
// defining polynomial, in increasing order. The roots of f are isolated
// once; those whose intervals lie below x's bracket are counted directly
// and the few overlapping it are compared with x exactly.
func (x *RealAlg) rootIndex() int {
	x.mu.Lock()
	k := x.idx
	x.mu.Unlock()
	if k > 0 {
		return k
	}
	ivs, err := RealRoots(context.Background(), x.f)
	if err != nil {
		panic("poly: internal error: " + err.Error())
	}
	b := x.snapshot()
	// compare with a copy, so that printing does not change x's bracket
	xc := &RealAlg{f: x.f, br: b.clone()}
	if b.exact {
		xc.rat = new(big.Rat).Set(b.lo)
	}
	below := 0
	for _, iv := range ivs {
		if iv.Hi.Cmp(b.lo) < 0 || iv.Hi.Cmp(b.lo) == 0 && !iv.IsExact() {
			below++ // root < Hi <= lo < x (or root < lo)
			continue
		}
		if iv.Lo.Cmp(b.hi) >= 0 && !(b.exact && iv.IsExact() && iv.Lo.Cmp(b.lo) == 0) {
			continue // root >= hi > x, unless it is x itself
		}
		var r *RealAlg
		if iv.IsExact() {
			r = RealAlgFromRat(iv.Lo)
		} else {
			r = &RealAlg{f: x.f, br: &bracket{p: x.f, lo: iv.Lo, hi: iv.Hi, sLo: x.f.EvalSign(iv.Lo)}}
		}
		if r.Cmp(xc) < 0 {
			below++
		}
	}
	x.mu.Lock()
	x.idx = below + 1
	x.mu.Unlock()
	return below + 1
}

// LaTeX formats x like String, e.g.
// "\mathrm{root}_{3}\left(x^{3} - 2 x\right) \in \left[1, 2\right]".
func (x *RealAlg) LaTeX() string {
	b := x.snapshot()
	if b.exact {
		return latexRat(b.lo)
	}
	k := x.rootIndex()
	return fmt.Sprintf(`\mathrm{root}_{%d}\left(%s\right) \in \left[%s, %s\right]`, k, x.f.LaTeX("x"), latexRat(b.lo), latexRat(b.hi))
}

func latexRat(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	s := ""
	n := new(big.Int).Set(r.Num())
	if n.Sign() < 0 {
		s = "-"
		n.Neg(n)
	}
	return fmt.Sprintf(`%s\frac{%s}{%s}`, s, n, r.Denom())
}

// USignAt returns the exact sign of the integer polynomial g at x. It is
// 0 iff x is a root of gcd(g, f_x); otherwise x's bracket is refined until
// g has no root in it, and the sign of g at an endpoint is returned.
func USignAt(g UPoly, x *RealAlg) int {
	if len(g) == 0 {
		return 0
	}
	if r, ok := x.knownRat(); ok {
		return g.EvalSign(r)
	}
	b := x.snapshot()
	if b.exact {
		return g.EvalSign(b.lo)
	}
	h := UGCD(g, x.f)
	if len(h) > 1 && h.EvalSign(b.lo)*h.EvalSign(b.hi) < 0 {
		return 0
	}
	seq := NewSturmSeq(g)
	for {
		b := x.snapshot()
		if b.exact {
			return g.EvalSign(b.lo)
		}
		sl := g.EvalSign(b.lo)
		if sl != 0 && seq.Count(b.lo, b.hi) == 0 {
			return sl
		}
		x.bisect()
	}
}

// Neg returns -x (defined by f(-x), normalized).
func (x *RealAlg) Neg() *RealAlg {
	b := x.snapshot()
	if b.exact {
		return RealAlgFromRat(new(big.Rat).Neg(b.lo))
	}
	g := normalizeSign(x.f.negX())
	lo, hi := new(big.Rat).Neg(b.hi), new(big.Rat).Neg(b.lo)
	return &RealAlg{f: g, br: &bracket{p: g, lo: lo, hi: hi, sLo: g.EvalSign(lo)}}
}

// RationalBetween returns a rational r with x < r < y; it panics if
// x >= y. The result is a dyadic rational of small size: the brackets are
// refined until they separate, then the simplest dyadic number in the gap
// is chosen.
func RationalBetween(x, y *RealAlg) *big.Rat {
	if x.Cmp(y) >= 0 {
		panic("poly: RationalBetween: x >= y")
	}
	for {
		bx, by := x.snapshot(), y.snapshot()
		// x <= hi(x) = L < H = lo(y) <= y: any point of (L, H) separates
		L, H := bx.hi, by.lo
		if L.Cmp(H) < 0 {
			return simplestDyadicIn(L, H)
		}
		x.bisect()
		y.bisect()
	}
}

// RationalBelow returns a rational r < x, and RationalAbove one r > x.
func RationalBelow(x *RealAlg) *big.Rat {
	lo, _ := x.Interval()
	r := new(big.Rat).SetInt(new(big.Int).Div(lo.Num(), lo.Denom())) // floor
	return r.Sub(r, big.NewRat(1, 1))
}

// RationalAbove returns a rational r > x.
func RationalAbove(x *RealAlg) *big.Rat {
	_, hi := x.Interval()
	r := new(big.Rat).SetInt(new(big.Int).Div(hi.Num(), hi.Denom()))
	return r.Add(r, big.NewRat(1, 1))
}

// simplestDyadicIn returns a dyadic rational with the smallest denominator
// strictly inside (L, H), L < H.
func simplestDyadicIn(L, H *big.Rat) *big.Rat {
	// smallest k with an integer strictly between L 2^k and H 2^k
	for k := uint(0); ; k++ {
		s := new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), k))
		a := new(big.Rat).Mul(L, s)
		n := new(big.Int).Div(a.Num(), a.Denom()) // floor(L 2^k)
		n.Add(n, big.NewInt(1))
		c := new(big.Rat).SetFrac(n, new(big.Int).Lsh(big.NewInt(1), k))
		if c.Cmp(H) < 0 {
			return c
		}
	}
}
