package poly

// Real root isolation.
//
// RealRoots isolates the real roots of an integer polynomial f exactly:
// it returns disjoint intervals with rational endpoints, each containing
// exactly one real root, and the root's multiplicity.
//
// Pipeline.
//
//  1. f is made primitive; a factor x^k gives the exact root 0 with
//     multiplicity k.
//  2. Yun's square-free decomposition f = c prod F_i^i. The roots of the
//     square-free part P = prod F_i are isolated; the multiplicity of a root
//     is the i for which F_i changes sign across its interval (the F_i are
//     pairwise coprime, square-free, and the endpoints are not roots of P).
//  3. If P is a polynomial in x^g (g >= 2), the roots of the deflated
//     polynomial are isolated instead (realroot_deflate.go).
//  4. Positive roots of P and of P(-x) are isolated by the continued
//     fraction method of Vincent–Akritas–Strzeboński (VAS-CF), on flat
//     fixed-width coefficient arrays (realroot_flat.go).
//  5. Rational roots not hit exactly by the isolation are detected and
//     reported as Lo == Hi (realroot_rational.go).
//
// Performance (thread CPU time, best of 7, 2-core AMD EPYC, 2026-11-27;
// bench_univ_test.go has the inputs): Mignotte d = 20/50/100/400
// 0.03/0.06/0.15/1.4 ms, Wilkinson 20/50/100 0.06/0.32/2.0 ms, Chebyshev
// T_100 1.9 ms, random degree 200 1.1 ms and 1000 84 ms, prod (7x - i)
// 0.8 ms. Giac's realroot on random1000, the slowest of these inputs, takes
// about 250 ms on the same machine (bench/run.sh; PARI/GP polrootsreal
// 1.5 s).
//
// The VAS-CF method. A node is a pair (q, M) with M(x) = (a x + b)/(c x + d),
// a, b, c, d >= 0, ad - bc != 0, and q(x) = (c x + d)^n P(M(x)) up to a
// positive constant, so the positive roots of q correspond one to one to the
// roots of P in the open interval between M(0) = b/d and M(inf) = a/c. The
// root node is (P, x). At a node:
//
//   - if q(0) = 0, M(0) is an exact rational root; it is recorded and q is
//     divided by x;
//   - Descartes' rule: the number v of sign variations of q's coefficients
//     bounds the number of positive roots and has the same parity. v = 0:
//     no root; v = 1: exactly one root, and the node's interval is an
//     isolating interval;
//   - otherwise, if a lower bound lb >= 1 on the positive roots of q is
//     known, q is replaced by q(lb (x + 1)) (M(x) by M(lb (x + 1))): a
//     scaling x -> lb x, which costs O(n) shifts of coefficients, then a
//     Taylor shift by 1. lb is the power of two below 1 / LMQ(x^n q(1/x)),
//     where LMQ is the local-max-quadratic upper bound of Akritas,
//     Strzeboński and Vigklas (2008) on positive roots. These steps are the
//     "partial quotients" of the continued fraction expansion of the roots
//     and are what makes the method fast on clustered roots (Mignotte
//     polynomials). Scaling instead of shifting by lb (the paper scales
//     for lb > 16) halves the number of Taylor shifts on random1000 (37 to
//     18) and never increased it on the benchmark inputs: the scaled node
//     keeps a relative (logarithmic) view of roots far from the origin,
//     where the shift x -> x + lb resolves their integer part one power of
//     two at a time, each step adding n*log2(lb) bits to the coefficients;
//   - if v = 2 (checked before and after the lb step) and q changes sign
//     at a power of two t (q(t) and q(0) of opposite signs; a few exact
//     evaluations, see pairSplitPoint), the two roots are isolated by
//     M(t): (0, t) and (t, inf) each hold an odd number of roots, at most
//     two in all;
//   - then q is split at 1 into q1 = q(x + 1) (roots > 1) and
//     q2 = (x + 1)^n q(1/(x + 1)) (roots in (0, 1)), with maps M(x + 1) and
//     M(1/(x + 1)); a root at x = 1 is recorded once. Since sign variations
//     are subadditive over such a split (Eigenwillig 2008, Cor. 2.27),
//     var(q1) + [q(1)=0] = var(q) proves that q2 has no positive root and
//     saves its Taylor shift. The difference var(q) - var(q1) -
//     [q(1)=0] - var(q2) is moreover even (compare the signs of q(0),
//     q(1) and the leading coefficients), so when var(q) - var(q1) -
//     [q(1)=0] = 1, q2 has exactly one positive root and (M(1), M(0)) is
//     isolating without computing q2 (when neither endpoint is 0 or a root).
//
// Termination is Vincent's theorem (with the bound of Alesina–Galuzzi /
// Akritas): for square-free P, after finitely many transformations every
// node has v <= 1.
//
// Worked example: P = x^2 - 2. v = 1 at the root node (coefficients 1, 0,
// -2): one positive root, in (M(0), M(inf)) = (0, inf), which is replaced
// by (0, B) with B = 2, a power-of-two upper bound of the positive roots
// (LMQ). The negative root comes from P(-x) = P: interval (-2, 0).
//
// Taylor shifts by 1 are the inner loop (O(n^2) additions); they are done
// in place, on flat arrays for short coefficients and on big.Int in a
// cache-blocked order otherwise (taylor.go, which also records the faster
// shift algorithms that were measured and rejected).

import (
	"context"
	"errors"
	"math"
	"math/big"
	"sort"
)

// RootInterval is an isolating interval of a real root: if Lo == Hi the
// root is the rational Lo; otherwise the root lies in the open interval
// (Lo, Hi), which contains no other root and whose endpoints are not roots.
// Mult is the root's multiplicity as a root of the polynomial it was
// computed for.
type RootInterval struct {
	Lo, Hi *big.Rat
	Mult   int
}

// IsExact reports whether the interval is a single rational root.
func (r RootInterval) IsExact() bool { return r.Lo.Cmp(r.Hi) == 0 }

// String formats the interval as "[lo, hi]", or the rational root for an
// exact one, followed by " (multiplicity m)" when m > 1.
func (r RootInterval) String() string {
	s := "[" + r.Lo.RatString() + ", " + r.Hi.RatString() + "]"
	if r.IsExact() {
		s = r.Lo.RatString()
	}
	if r.Mult > 1 {
		s += " (multiplicity " + itoa(r.Mult) + ")"
	}
	return s
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// ErrZeroPolynomial is returned by RealRoots for the zero polynomial, which
// vanishes everywhere.
var ErrZeroPolynomial = errors.New("poly: the zero polynomial has every real number as a root")

// RealRoots returns the real roots of f as isolating intervals, sorted
// increasingly, pairwise disjoint, each with the root's multiplicity (see
// the file comment for the algorithm). Rational roots are always reported
// exactly, with Lo == Hi (see realroot_rational.go). A constant f has no roots; the zero
// polynomial is an error (ErrZeroPolynomial). The computation checks ctx
// between steps and returns its error, wrapped, when it is done.
func RealRoots(ctx context.Context, f UPoly) ([]RootInterval, error) {
	if len(f) == 0 {
		return nil, ErrZeroPolynomial
	}
	if len(f) == 1 {
		return nil, nil
	}
	F := f.primitivePositive()
	k := 0
	for F[k].Sign() == 0 {
		k++
	}
	var out []RootInterval
	if k > 0 {
		out = append(out, RootInterval{Lo: new(big.Rat), Hi: new(big.Rat), Mult: k})
		F = NewUPoly(F[k:])
	}
	if len(F) > 1 {
		fs, err := USquareFreeCtx(ctx, F)
		if err != nil {
			return nil, err
		}
		P := fs[0].F
		for _, s := range fs[1:] {
			P = P.Mul(s.F)
		}
		var ivs []RootInterval
		sieved := true
		if len(P) == 2 {
			// Linear: the root -P0/P1 directly (with huge coefficients the
			// isolation's rational arithmetic costs seconds per operation).
			r := new(big.Rat).SetFrac(new(big.Int).Neg(P[0]), P[1])
			ivs = []RootInterval{{Lo: r, Hi: new(big.Rat).Set(r)}}
		} else {
			if ivs, err = isolateSquareFree(ctx, P); err != nil {
				return nil, err
			}
			sieved = noRationalRootsModp(P)
		}
		var rf *ratRootFinder
		if !sieved {
			rf = newRatRootFinder(P)
		}
		for _, iv := range ivs {
			if !iv.IsExact() && !sieved {
				if iv, err = rf.exactRationalRoot(ctx, iv); err != nil {
					return nil, err
				}
			}
			iv.Mult = 1
			if len(fs) > 1 || fs[0].Mult > 1 {
				iv.Mult = multiplicityIn(fs, iv)
			}
			out = append(out, iv)
		}
	}
	sortRoots(out)
	return out, nil
}

// sortRoots orders intervals by lower end, then upper end (an exact root
// before an interval starting at it, although isolation never produces
// such a pair).
func sortRoots(out []RootInterval) {
	sort.Slice(out, func(i, j int) bool {
		if c := out[i].Lo.Cmp(out[j].Lo); c != 0 {
			return c < 0
		}
		return out[i].Hi.Cmp(out[j].Hi) < 0
	})
}

// multiplicityIn returns the multiplicity of the root isolated by iv.
func multiplicityIn(fs []SqfFactor, iv RootInterval) int {
	for _, s := range fs {
		if iv.IsExact() {
			if s.F.EvalSign(iv.Lo) == 0 {
				return s.Mult
			}
			continue
		}
		if s.F.EvalSign(iv.Lo)*s.F.EvalSign(iv.Hi) < 0 {
			return s.Mult
		}
	}
	panic("poly: internal error: root in no square-free factor")
}

// isolateSquareFree isolates the real roots of a square-free P with
// P(0) != 0, returning them sorted (Mult unset).
func isolateSquareFree(ctx context.Context, P UPoly) ([]RootInterval, error) {
	if g := deflationDegree(P); g >= 2 {
		return isolateDeflated(ctx, P, g)
	}
	pos, err := isolatePositive(ctx, P)
	if err != nil {
		return nil, err
	}
	neg, err := isolatePositive(ctx, P.negX())
	if err != nil {
		return nil, err
	}
	out := make([]RootInterval, 0, len(pos)+len(neg))
	for i := len(neg) - 1; i >= 0; i-- {
		iv := neg[i]
		out = append(out, RootInterval{Lo: new(big.Rat).Neg(iv.Hi), Hi: new(big.Rat).Neg(iv.Lo)})
	}
	out = append(out, pos...)
	return out, nil
}

// cfNode is a node of the continued fraction search: q(x) = (c x + d)^n
// P((a x + b)/(c x + d)) up to a positive factor.
type cfNode struct {
	q          UPoly
	a, b, c, d *big.Int
}

// isolatePositiveRef is the reference implementation of isolatePositive
// (realroot_flat.go) on UPoly coefficients: the same VAS-CF algorithm with
// big.Int arithmetic, kept for cross-checking in the tests.
func isolatePositiveRef(ctx context.Context, P UPoly) ([]RootInterval, error) {
	P = P.clone()
	if P.lc().Sign() < 0 {
		for _, c := range P {
			c.Neg(c)
		}
	}
	if P.signVariations() == 0 {
		return nil, nil
	}
	var out []RootInterval
	emitExact := func(n cfNode) {
		// root M(0) = b/d
		r := new(big.Rat).SetFrac(n.b, n.d)
		out = append(out, RootInterval{Lo: r, Hi: new(big.Rat).Set(r)})
	}
	lmqOf := func(q UPoly) func(bool) float64 {
		return func(rev bool) float64 { l, _ := lmqUpperLog2(q, rev); return l }
	}
	emitInterval := func(n cfNode) {
		lo, hi := cfEnds(P, n, lmqOf(n.q))
		out = append(out, orderedInterval(lo, hi))
	}
	// trySplit emits the two roots of a node with var(q) = 2 when a power
	// of two separates them (pairSplitPoint).
	trySplit := func(n cfNode) bool {
		lmq := lmqOf(n.q)
		t := pairSplitPoint(n.q, -lmq(true), lmq(false))
		if t == nil {
			return false
		}
		lo, hi := cfEnds(P, n, lmq)
		mt := mobiusAt(n, t)
		out = append(out, orderedInterval(lo, mt), orderedInterval(mt, hi))
		return true
	}
	stack := []cfNode{{q: P.clone(), a: big.NewInt(1), b: big.NewInt(0), c: big.NewInt(0), d: big.NewInt(1)}}
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
		if n.q[0].Sign() == 0 {
			emitExact(n)
			n.q = n.q[1:]
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
		// Lower bound on positive roots: 1/LMQ(reverse q).
		if l, ok := lmqUpperLog2(n.q, true); ok {
			k := math.Floor(-l - 1e-6)
			if k >= 0 && k < 1e6 {
				if k >= 1 {
					// x -> 2^k x, then x -> x + 1
					for i := range n.q {
						n.q[i].Lsh(n.q[i], uint(k)*uint(i))
					}
					n.a = new(big.Int).Lsh(n.a, uint(k))
					n.c = new(big.Int).Lsh(n.c, uint(k))
				}
				if err := taylorShiftCtx(ctx, n.q); err != nil {
					return nil, err
				}
				n.b = new(big.Int).Add(n.b, n.a)
				n.d = new(big.Int).Add(n.d, n.c)
				if n.q[0].Sign() == 0 {
					emitExact(n)
					n.q = n.q[1:]
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
		// Split at 1.
		q1 := n.q.clone()
		if err := taylorShiftCtx(ctx, q1); err != nil {
			return nil, err
		}
		ab := new(big.Int).Add(n.a, n.b)
		cd := new(big.Int).Add(n.c, n.d)
		n1 := cfNode{q: q1, a: n.a, b: ab, c: n.c, d: cd}
		rootAt1 := q1[0].Sign() == 0
		if rootAt1 {
			emitExact(n1)
			n1.q = q1[1:]
		}
		v1 := n1.q.signVariations()
		one := 0
		if rootAt1 {
			one = 1
		}
		if v2 := v - v1 - one; v2 == 1 && n.b.Sign() != 0 && !rootAt1 &&
			P.EvalSign(new(big.Rat).SetFrac(n.b, n.d)) != 0 {
			lo, hi := new(big.Rat).SetFrac(ab, cd), new(big.Rat).SetFrac(n.b, n.d)
			if lo.Cmp(hi) > 0 {
				lo, hi = hi, lo
			}
			out = append(out, RootInterval{Lo: lo, Hi: hi})
		} else if v2 > 0 {
			q2 := n.q.Reverse()
			if err := taylorShiftCtx(ctx, q2); err != nil {
				return nil, err
			}
			if rootAt1 {
				q2 = q2[1:]
			}
			stack = append(stack, cfNode{q: q2, a: n.b, b: ab, c: n.d, d: cd})
		}
		if v1 > 0 {
			stack = append(stack, n1)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Lo.Cmp(out[j].Lo) < 0 })
	return out, nil
}

// cfEnds returns the ends M(0) and M(inf) of the interval of a node
// (M(0) first; not ordered), for a root M(t) with t a positive root of the
// node's q. An end that is 0, infinite, or a root of P (removed earlier) is
// replaced by M(lb) or M(ub) for a lower bound lb = 2^(-lmq(true)) / 2 or an
// upper bound ub = 2 * 2^lmq(false) of the positive roots of q, lmq(rev)
// being the log2 of the LMQ bound of q (reversed: of x^n q(1/x)); so no
// end is a root of P.
func cfEnds(P UPoly, n cfNode, lmq func(reversed bool) float64) (lo, hi *big.Rat) {
	if n.b.Sign() != 0 {
		lo = new(big.Rat).SetFrac(n.b, n.d)
		if P.EvalSign(lo) == 0 {
			lo = nil
		}
	}
	if lo == nil {
		lo = mobiusAt(n, pow2Rat(int(math.Floor(-lmq(true)-1e-6))-1))
	}
	if n.c.Sign() != 0 && n.a.Sign() != 0 {
		hi = new(big.Rat).SetFrac(n.a, n.c)
		if P.EvalSign(hi) == 0 {
			hi = nil
		}
	}
	if hi == nil {
		hi = mobiusAt(n, pow2Rat(int(math.Ceil(lmq(false)+1e-6))+1))
	}
	return lo, hi
}

// orderedInterval returns the interval between a and b.
func orderedInterval(a, b *big.Rat) RootInterval {
	if a.Cmp(b) > 0 {
		a, b = b, a
	}
	return RootInterval{Lo: a, Hi: b}
}

// pairSplitMaxTries bounds the evaluations of pairSplitPoint, and
// pairSplitMaxExp the exponents of its points 2^j.
const (
	pairSplitMaxTries = 24
	pairSplitMaxExp   = 64
)

// pairSplitPoint returns a power of two t > 0 with q(t) of the sign
// opposite to q(0), or nil when none of the points tried has one. The
// points are 2^j for j from floor(lbLog2) - 1 to ceil(ubLog2) + 1, |j| <=
// pairSplitMaxExp + 1 (at most pairSplitMaxTries of them, evenly spaced),
// where 2^lbLog2 and 2^ubLog2 bound the positive roots of q from below and
// above.
//
// Use: when var(q) = 2, q(0) and the leading coefficient have the same sign
// (even number of variations), so a t with sign q(t) != sign q(0) gives an
// odd number of roots in (0, t) and in (t, inf); with at most var(q) = 2
// positive roots in all (Descartes), each holds exactly one, and the node's
// two roots are isolated by M(t) without any further Taylor shift. Each
// try is one exact evaluation (O(n) additions of growing integers, against
// O(n^2) for a shift). Measured: random1000 needs 9 shifts instead of 18
// (84 ms instead of 250 ms CPU); the tries that fail cost under 1%
// (Wilkinson polynomials, whose pairs no power of two separates).
func pairSplitPoint(q UPoly, lbLog2, ubLog2 float64) *big.Rat {
	if math.IsInf(lbLog2, 0) || math.IsNaN(lbLog2) || math.IsInf(ubLog2, 0) || math.IsNaN(ubLog2) {
		return nil
	}
	// Evaluations at 2^j cost O(n (bits + n |j|)) word operations; the
	// clip keeps the failing tries cheap next to the Taylor shift they try
	// to save.
	jlo := max(int(math.Floor(max(lbLog2, -pairSplitMaxExp))), -pairSplitMaxExp) - 1
	jhi := min(int(math.Ceil(min(ubLog2, pairSplitMaxExp))), pairSplitMaxExp) + 1
	if jlo > jhi {
		return nil
	}
	step := 1
	if span := jhi - jlo; span >= pairSplitMaxTries {
		step = span/pairSplitMaxTries + 1
	}
	s0 := q[0].Sign()
	for j := jlo; j <= jhi; j += step {
		t := pow2Rat(j)
		if s := q.EvalSign(t); s != 0 && s != s0 {
			return t
		}
	}
	return nil
}

// pow2Rat returns 2^e.
func pow2Rat(e int) *big.Rat {
	if e >= 0 {
		return new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), uint(e)))
	}
	return new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), uint(-e)))
}

// mobiusAt returns M(t) = (a t + b)/(c t + d) for t > 0.
func mobiusAt(n cfNode, t *big.Rat) *big.Rat {
	num := new(big.Rat).Mul(new(big.Rat).SetInt(n.a), t)
	num.Add(num, new(big.Rat).SetInt(n.b))
	den := new(big.Rat).Mul(new(big.Rat).SetInt(n.c), t)
	den.Add(den, new(big.Rat).SetInt(n.d))
	return num.Quo(num, den)
}

// log2Abs returns log2|x| for x != 0 with relative error below 2^-50.
func log2Abs(x *big.Int) float64 {
	b := x.BitLen()
	if b <= 63 {
		v := x.Int64()
		if v < 0 {
			v = -v
		}
		return math.Log2(float64(v))
	}
	t := new(big.Int).Abs(x)
	t.Rsh(t, uint(b-64)) // top 64 bits
	top := t.Uint64()
	return math.Log2(float64(top)) + float64(b-64)
}

// lmqUpperLog2 returns log2 of the local-max-quadratic upper bound on the
// positive roots of q (of x^n q(1/x) when reversed), computed in floating
// point from log2|coefficients|; ok is false when there is no sign
// variation (no positive root). The caller adds a safety margin far above
// the floating point error.
func lmqUpperLog2(q UPoly, reversed bool) (float64, bool) {
	n := len(q) - 1
	coef := func(i int) *big.Int {
		if reversed {
			return q[n-i]
		}
		return q[i]
	}
	lead := coef(n).Sign()
	if lead == 0 {
		// reversed with q(0) = 0 cannot happen here (roots at 0 removed)
		return 0, false
	}
	logs := make([]float64, n+1)
	sgn := make([]int8, n+1)
	for i := 0; i <= n; i++ {
		c := coef(i)
		s := c.Sign() * lead
		sgn[i] = int8(s)
		if s != 0 {
			logs[i] = log2Abs(c)
		}
	}
	return lmqCore(logs, sgn)
}

// lmqCore computes the LMQ bound from log2|coefficient| and the signs
// relative to the leading coefficient (index = degree).
func lmqCore(logs []float64, sgn []int8) (float64, bool) {
	n := len(logs) - 1
	times := make([]float64, n+1)
	for i := range times {
		times[i] = 1
	}
	ub := math.Inf(-1)
	any := false
	for i := n - 1; i >= 0; i-- {
		if sgn[i] >= 0 {
			continue
		}
		any = true
		best := math.Inf(1)
		for j := n; j > i; j-- {
			if sgn[j] <= 0 {
				continue
			}
			v := (times[j] + logs[i] - logs[j]) / float64(j-i)
			times[j]++
			if v < best {
				best = v
			}
		}
		if best > ub {
			ub = best
		}
	}
	return ub, any
}

// RefineRoot returns a subinterval of iv, of width at most 2^-bits, that
// still isolates the same root of f (exact rational roots are returned
// unchanged). iv must be an isolating interval of a root of f as returned
// by RealRoots. Refinement bisects at dyadic points with exact sign
// evaluation, accelerated by Newton steps in big.Float whose results are
// accepted only after an exact sign check.
func RefineRoot(ctx context.Context, f UPoly, iv RootInterval, bits uint) (RootInterval, error) {
	if iv.IsExact() {
		return iv, nil
	}
	P := USquareFreePart(f)
	br, err := newBracket(P, iv.Lo, iv.Hi)
	if err != nil {
		return RootInterval{}, err
	}
	if err := br.refineTo(ctx, bits); err != nil {
		return RootInterval{}, err
	}
	return RootInterval{Lo: br.lo, Hi: br.hi, Mult: iv.Mult}, nil
}
