package poly

// Hooks for the external tests (package poly_test) to reach the internal
// multiplication variants.

// MulNaiveForTest is the reference schoolbook product.
func MulNaiveForTest(p, q *Poly) *Poly {
	p.sameRing(q)
	if p.IsZero() || q.IsZero() {
		return p.r.zero
	}
	return mulNaive(p, q)
}

// MulVariantForTest runs Mul with the accumulator forced (0 auto, 1 dense,
// 2 hash) and, if big, big.Int accumulation forced.
func MulVariantForTest(p, q *Poly, accum int, big bool) *Poly {
	oa, ob := mulForceAccum, mulForceBig
	mulForceAccum, mulForceBig = accum, big
	defer func() { mulForceAccum, mulForceBig = oa, ob }()
	return p.Mul(q)
}
