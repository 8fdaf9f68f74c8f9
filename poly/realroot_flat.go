package poly

import (
	"context"
	"math"
	"math/big"
	"math/bits"
	"sort"
)

// The continued-fraction loop on flat coefficient arrays.
//
// Taylor shifts are the inner loop of root isolation: O(n^2) additions of
// coefficients that all have about the same size. flatPoly stores the n
// coefficients of a CF node as fixed-width two's complement integers of w
// words each in one []uint64, so an addition is a carry chain over w words
// with no allocation, sign handling or normalization (3-5x faster than
// big.Int.Add at the sizes of the benchmarks). Before every shift the width
// is raised to cover the growth bound (a shift by 2^k of a degree-d
// polynomial multiplies coefficient sizes by at most (1 + 2^k)^d), so no
// addition overflows. isolatePositive (this file) and isolatePositiveRef
// (realroot.go, on UPoly) run the same algorithm; the tests compare them.

type flatPoly struct {
	n, w int      // number of coefficients, words per coefficient
	a    []uint64 // coefficient i in a[i*w : (i+1)*w], little endian
	mb   int      // cached maxBits (0: unknown)
}

func flatFromUPoly(p UPoly) *flatPoly {
	w := (maxBitLen(p)+1)/64 + 1
	f := &flatPoly{n: len(p), w: w, a: make([]uint64, len(p)*w)}
	for i, c := range p {
		dst := f.a[i*w : (i+1)*w]
		for j, x := range c.Bits() {
			// little-endian big.Words of 64 or 32 bits
			dst[j*wordBits/64] |= uint64(x) << (uint(j*wordBits) % 64)
		}
		if c.Sign() < 0 {
			negWords(dst)
		}
	}
	return f
}

// negWords negates a two's complement number in place.
func negWords(x []uint64) {
	var c uint64 = 1
	for i := range x {
		x[i], c = bits.Add64(^x[i], 0, c)
	}
}

func (f *flatPoly) coef(i int) []uint64 { return f.a[i*f.w : (i+1)*f.w] }

func (f *flatPoly) sign(i int) int {
	c := f.coef(i)
	if int64(c[len(c)-1]) < 0 {
		return -1
	}
	for _, x := range c {
		if x != 0 {
			return 1
		}
	}
	return 0
}

func (f *flatPoly) clone() *flatPoly {
	return &flatPoly{n: f.n, w: f.w, a: append([]uint64(nil), f.a...), mb: f.mb}
}

// dropLowest divides by x (the constant coefficient must be zero).
func (f *flatPoly) dropLowest() {
	f.a = f.a[f.w:]
	f.n--
}

// reverse returns x^(n-1) f(1/x) (f(0) != 0 is assumed).
func (f *flatPoly) reverse() *flatPoly {
	g := &flatPoly{n: f.n, w: f.w, a: make([]uint64, len(f.a)), mb: f.mb}
	for i := 0; i < f.n; i++ {
		copy(g.coef(f.n-1-i), f.coef(i))
	}
	return g
}

// absTop returns the bit length of |c| and its leading 64 bits.
func absTop(c []uint64, tmp []uint64) (int, uint64) {
	if int64(c[len(c)-1]) < 0 {
		copy(tmp, c)
		negWords(tmp)
		c = tmp
	}
	t := len(c) - 1
	for t >= 0 && c[t] == 0 {
		t--
	}
	if t < 0 {
		return 0, 0
	}
	l := bits.Len64(c[t])
	bl := 64*t + l
	top := c[t]
	if l < 64 && t > 0 {
		top = c[t]<<(64-l) | c[t-1]>>l
	}
	return bl, top
}

// maxBits returns an upper bound (exact up to one bit for negative
// coefficients) on the bit length of the coefficients, without negating:
// for c < 0, bitlen(^c) <= bitlen(|c|) <= bitlen(^c) + 1. The value is
// cached until the coefficients change.
func (f *flatPoly) maxBits() int {
	if f.mb > 0 {
		return f.mb
	}
	m := 0
	w := f.w
	for i := 0; i < f.n; i++ {
		c := f.a[i*w : i*w+w]
		ext := uint64(0)
		extra := 0
		if int64(c[w-1]) < 0 {
			ext = ^uint64(0)
			extra = 1
		}
		t := w - 1
		for t >= 0 && c[t] == ext {
			t--
		}
		bl := extra
		if t >= 0 {
			bl += 64*t + bits.Len64(c[t]^ext)
		}
		if bl > m {
			m = bl
		}
	}
	f.mb = max(m, 1)
	return f.mb
}

// ensure widens the coefficients to hold bits bits plus a sign bit.
func (f *flatPoly) ensure(bitsNeeded int) {
	w := (bitsNeeded+1)/64 + 1
	if w <= f.w {
		return
	}
	w++ // headroom: the next shifts usually fit without another copy
	a := make([]uint64, f.n*w)
	for i := 0; i < f.n; i++ {
		src := f.coef(i)
		dst := a[i*w : (i+1)*w]
		copy(dst, src)
		if int64(src[len(src)-1]) < 0 {
			for j := f.w; j < w; j++ {
				dst[j] = ^uint64(0)
			}
		}
	}
	f.a, f.w = a, w
}

// shrink re-lays the coefficients out at the width their current size
// needs (the growth bound used by shift is pessimistic).
func (f *flatPoly) shrink() {
	w := (f.maxBits()+1)/64 + 1
	if w+2 >= f.w {
		return // not worth a copy
	}
	a := make([]uint64, f.n*w)
	for i := 0; i < f.n; i++ {
		copy(a[i*w:(i+1)*w], f.coef(i)[:w])
	}
	f.a, f.w = a, w
}

// flatMaxWords is the coefficient width above which shift hands over to
// big.Int arithmetic: math/big's assembly carry chains beat the portable
// bits.Add64 loop on long numbers, while the flat loop wins on short ones
// by avoiding per-addition overhead (measured on the benchmark inputs).
var flatMaxWords = 12

// toUPoly converts back to big.Int coefficients.
func (f *flatPoly) toUPoly() UPoly {
	p := make(UPoly, f.n)
	tmp := make([]uint64, f.w)
	for i := range p {
		c := f.coef(i)
		neg := int64(c[len(c)-1]) < 0
		if neg {
			copy(tmp, c)
			negWords(tmp)
			c = tmp
		}
		ws := make([]big.Word, len(c)*64/wordBits)
		for j := range ws {
			ws[j] = big.Word(c[j*wordBits/64] >> (uint(j*wordBits) % 64))
		}
		p[i] = new(big.Int).SetBits(ws)
		if neg {
			p[i].Neg(p[i])
		}
	}
	return p
}

// shift replaces f by f(x + 1) in place. Coefficients that would grow past
// flatMaxWords words are shifted as big.Int (taylorShiftCtx).
func (f *flatPoly) shift(ctx context.Context) error {
	d := f.n - 1
	if d < 1 {
		return nil
	}
	mb := f.maxBits()
	if (mb+d+1)/64+1 > flatMaxWords {
		p := f.toUPoly()
		if err := taylorShiftCtx(ctx, p); err != nil {
			return err
		}
		*f = *flatFromUPoly(p)
		return nil
	}
	// |f(x+1)_j| <= sum_i |f_i| C(i, j) < 2^(mb + d + 1)
	f.ensure(mb + d + 1)
	w := f.w
	a := f.a
	for i := 0; i < d; i++ {
		if d >= 256 && i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return wrapCtx("RealRoots", err)
			}
		}
		for j := d - 1; j >= i; j-- {
			addWords(a[j*w:j*w+w], a[(j+1)*w:(j+1)*w+w])
		}
	}
	f.mb = 0
	f.shrink()
	return nil
}

// scale replaces f by f(2^k x) in place: coefficient i is shifted left by
// k*i bits.
func (f *flatPoly) scale(k uint) {
	if f.n < 2 || k == 0 {
		return
	}
	f.ensure(f.maxBits() + int(k)*(f.n-1) + 1)
	for i := 1; i < f.n; i++ {
		lshWords(f.coef(i), k*uint(i))
	}
	f.mb = 0
}

// lshWords shifts the two's complement number x left by s bits in place
// (the caller guarantees that the result fits).
func lshWords(x []uint64, s uint) {
	ws, bs := int(s/64), s%64
	if ws >= len(x) {
		clear(x)
		return
	}
	for t := len(x) - 1; t >= ws; t-- {
		v := x[t-ws] << bs
		if bs != 0 && t-ws-1 >= 0 {
			v |= x[t-ws-1] >> (64 - bs)
		}
		x[t] = v
	}
	clear(x[:ws])
}

func (f *flatPoly) signVariations() int {
	v, last := 0, 0
	for i := 0; i < f.n; i++ {
		s := f.sign(i)
		if s == 0 {
			continue
		}
		if last != 0 && s != last {
			v++
		}
		last = s
	}
	return v
}

// lmq returns log2 of the LMQ bound on positive roots of f (reversed: of
// x^(n-1) f(1/x)); see lmqUpperLog2.
func (f *flatPoly) lmq(reversed bool) (float64, bool) {
	n := f.n - 1
	logs := make([]float64, n+1)
	sgn := make([]int8, n+1)
	tmp := make([]uint64, f.w)
	idx := func(i int) int {
		if reversed {
			return n - i
		}
		return i
	}
	lead := f.sign(idx(n))
	if lead == 0 {
		return 0, false
	}
	for i := 0; i <= n; i++ {
		c := f.coef(idx(i))
		s := f.sign(idx(i)) * lead
		sgn[i] = int8(s)
		if s != 0 {
			bl, top := absTop(c, tmp)
			if bl <= 64 {
				logs[i] = math.Log2(float64(top))
			} else {
				logs[i] = math.Log2(float64(top)) + float64(bl-64)
			}
		}
	}
	return lmqCore(logs, sgn)
}

// lmqLog2 is lmq without the flag.
func (f *flatPoly) lmqLog2(reversed bool) float64 {
	l, _ := f.lmq(reversed)
	return l
}

// flatNode is a CF node on a flat polynomial.
type flatNode struct {
	q          *flatPoly
	a, b, c, d *big.Int
}

func (n flatNode) mobius() cfNode { return cfNode{a: n.a, b: n.b, c: n.c, d: n.d} }

// isolatePositive isolates the positive roots of a square-free P with
// P(0) != 0 by VAS-CF (file comment of realroot.go), returning them sorted.
func isolatePositive(ctx context.Context, P UPoly) ([]RootInterval, error) {
	if P.signVariations() == 0 {
		return nil, nil
	}
	var out []RootInterval
	emitExact := func(n flatNode) {
		r := new(big.Rat).SetFrac(n.b, n.d)
		out = append(out, RootInterval{Lo: r, Hi: new(big.Rat).Set(r)})
	}
	emitInterval := func(n flatNode) {
		lo, hi := cfEnds(P, n.mobius(), n.q.lmqLog2)
		out = append(out, orderedInterval(lo, hi))
	}
	// trySplit emits the two roots of a node with var(q) = 2 when a power
	// of two separates them (pairSplitPoint in realroot.go).
	trySplit := func(n flatNode) bool {
		t := pairSplitPoint(n.q.toUPoly(), -n.q.lmqLog2(true), n.q.lmqLog2(false))
		if t == nil {
			return false
		}
		lo, hi := cfEnds(P, n.mobius(), n.q.lmqLog2)
		mt := mobiusAt(n.mobius(), t)
		out = append(out, orderedInterval(lo, mt), orderedInterval(mt, hi))
		return true
	}
	stack := []flatNode{{q: flatFromUPoly(P), a: big.NewInt(1), b: big.NewInt(0), c: big.NewInt(0), d: big.NewInt(1)}}
	steps := 0
	for len(stack) > 0 {
		steps++
		if steps%16 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, wrapCtx("RealRoots", err)
			}
		}
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.q.sign(0) == 0 {
			emitExact(n)
			n.q.dropLowest()
		}
		v := n.q.signVariations()
		if v == 0 {
			continue
		}
		if v == 1 {
			emitInterval(n)
			continue
		}
		if v == 2 && trySplit(n) {
			continue
		}
		if l, ok := n.q.lmq(true); ok {
			k := math.Floor(-l - 1e-6)
			if k >= 0 && k < 1e6 {
				if k >= 1 {
					// x -> 2^k x: M(x) -> M(2^k x); then x -> x + 1 below.
					n.q.scale(uint(k))
					n.a = new(big.Int).Lsh(n.a, uint(k))
					n.c = new(big.Int).Lsh(n.c, uint(k))
				}
				if err := n.q.shift(ctx); err != nil {
					return nil, err
				}
				n.b = new(big.Int).Add(n.b, n.a)
				n.d = new(big.Int).Add(n.d, n.c)
				if n.q.sign(0) == 0 {
					emitExact(n)
					n.q.dropLowest()
				}
				v = n.q.signVariations()
				if v == 0 {
					continue
				}
				if v == 1 {
					emitInterval(n)
					continue
				}
				if v == 2 && trySplit(n) {
					continue
				}
			}
		}
		q1 := n.q.clone()
		if err := q1.shift(ctx); err != nil {
			return nil, err
		}
		ab := new(big.Int).Add(n.a, n.b)
		cd := new(big.Int).Add(n.c, n.d)
		n1 := flatNode{q: q1, a: n.a, b: ab, c: n.c, d: cd}
		rootAt1 := q1.sign(0) == 0
		one := 0
		if rootAt1 {
			emitExact(n1)
			q1.dropLowest()
			one = 1
		}
		v1 := q1.signVariations()
		if v2 := v - v1 - one; v2 == 1 && n.b.Sign() != 0 && !rootAt1 &&
			P.EvalSign(new(big.Rat).SetFrac(n.b, n.d)) != 0 {
			// var(q) - var(q1) - [q(1) = 0] - var(q2) is even and >= 0
			// (parity of the sign variations, see the file comment of
			// realroot.go), so q2 has exactly one positive root: its
			// interval (M(1), M(0)) is isolating and q2 is not needed
			// since neither endpoint is 0 or a root of P.
			lo, hi := new(big.Rat).SetFrac(ab, cd), new(big.Rat).SetFrac(n.b, n.d)
			if lo.Cmp(hi) > 0 {
				lo, hi = hi, lo
			}
			out = append(out, RootInterval{Lo: lo, Hi: hi})
		} else if v2 > 0 {
			q2 := n.q.reverse()
			if err := q2.shift(ctx); err != nil {
				return nil, err
			}
			if rootAt1 {
				q2.dropLowest()
			}
			stack = append(stack, flatNode{q: q2, a: n.b, b: ab, c: n.d, d: cd})
		}
		if v1 > 0 {
			stack = append(stack, n1)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Lo.Cmp(out[j].Lo) < 0 })
	return out, nil
}

// addWords adds src into dst (same length), unrolled by four so that the
// carry stays in the flags register between the additions of a group.
func addWords(dst, src []uint64) {
	var c uint64
	n := len(dst)
	src = src[:n]
	t := 0
	for ; t+4 <= n; t += 4 {
		d, s := dst[t:t+4:t+4], src[t:t+4:t+4]
		d[0], c = bits.Add64(d[0], s[0], c)
		d[1], c = bits.Add64(d[1], s[1], c)
		d[2], c = bits.Add64(d[2], s[2], c)
		d[3], c = bits.Add64(d[3], s[3], c)
	}
	for ; t < n; t++ {
		dst[t], c = bits.Add64(dst[t], src[t], c)
	}
}
