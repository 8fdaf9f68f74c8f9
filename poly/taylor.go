package poly

// Taylor shift by 1 for real root isolation.
//
// The continued fraction isolation (realroot.go) spends nearly all its time
// in Taylor shifts q(x) -> q(x + 1) of polynomials whose coefficients grow by
// about deg q bits per level of the search: on the benchmark input
// random1000 (degree 1000) the last shifts work on coefficients of 6000 to
// 8000 bits, and one such shift is 500 000 additions of ~120-word integers.
//
// The classical algorithm computes the shift in place by
//
//	for i = 0 .. n-1:  for j = n-1 down to i:  h[j] += h[j+1]
//
// (level i of the Pascal triangle). taylorShiftCtx runs the same additions
// in a skewed, blocked order: a block of B consecutive levels i .. i+B-1 is
// swept once from the top, and at sweep position p level i+l updates
// h[p+l] (l = 0 .. B-1, in this order). Each update still sees exactly the
// operands of the classical order: h[p+l+1] already holds level i+l (it was
// updated at position p+1 and is advanced to level i+l+1 only after h[p+l]
// has read it), and h[p+l] holds level i+l-1. The window of B+1 consecutive
// coefficients stays in the L1 cache, so a coefficient is streamed from L2
// once per B levels instead of once per level.
//
// Measured on the 2-core AMD EPYC (thread CPU time, degree 1000, 7000-bit
// coefficients; scratch benchmarks, not kept): classical order 29-31 ms,
// blocked with B = 8 or 16 26-28 ms. Alternatives evaluated and rejected:
//
//   - a flat fixed-width two's complement array with bits.Add64 carry
//     chains (realroot_flat.go's representation): 30-34 ms, no better than
//     math/big's assembly addVV at these lengths (both run at about one
//     word per 1.2 cycles, the latency of the carry chain), so
//     realroot_flat.go hands coefficients wider than flatMaxWords words to
//     this function;
//   - the asymptotically fast shift (divide and conquer,
//     p(x+1) = p_lo(x+1) + (x+1)^k p_hi(x+1), with products by Kronecker
//     substitution; von zur Gathen and Gerhard, Fast algorithms for Taylor
//     shifts, ISSAC 1997): the top-level product alone multiplies two
//     ~60 000-word integers, which takes 220 ms with math/big's Karatsuba
//     (no FFT multiplication in the standard library), against 30 ms for
//     the whole classical shift; the convolution formulation has the same
//     product sizes plus factorials;
//   - delayed carries (signed digits with headroom, Johnson, Krandick and
//     Ruslanov, ISSAC 2005): in the in-place order a level makes suffix
//     sums, which grow by log2(n) bits per level, so the headroom lasts a
//     single level; the Pascal-triangle tiling that bounds the growth needs
//     SIMD to pay for half-density digits and boundary normalization.
//
// What did pay off is doing fewer shifts (realroot.go: scaling by the lower
// bound instead of shifting by it, the parity rule that skips the shift of
// a child known to hold exactly one root, and separating the two roots of
// a node with two sign variations by a sign change at a power of two):
// random1000 went from 41 shifts and 720 ms to 9 shifts and 84 ms.

import "context"

// taylorBlock is the number of Pascal-triangle levels per sweep of
// taylorShiftCtx (8 and 16 measured alike).
const taylorBlock = 8

// taylorShiftCtx replaces h by h(x + 1) in place, checking ctx every 64
// levels for large degrees (a shift of a degree-10^4 polynomial with large
// coefficients takes seconds).
func taylorShiftCtx(ctx context.Context, h UPoly) error {
	n := len(h) - 1
	if n < 256 {
		taylorShift1(h)
		return nil
	}
	for i := 0; i < n; i += taylorBlock {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return wrapCtx("RealRoots", err)
			}
		}
		taylorLevels(h, i, min(taylorBlock, n-i))
	}
	return nil
}

// taylorLevels applies levels i .. i+b-1 of the in-place shift by 1 to h
// (levels below i done), in the skewed order of the file comment.
func taylorLevels(h UPoly, i, b int) {
	n := len(h) - 1
	for p := n - 1; p >= i; p-- {
		top := min(b, n-p) // level i+l touches h[p+l] only while p+l <= n-1
		for l := 0; l < top; l++ {
			h[p+l].Add(h[p+l], h[p+l+1])
		}
	}
}
