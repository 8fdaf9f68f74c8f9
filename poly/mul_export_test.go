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
// 2 hash, 3 heap) and the coefficient width forced to at least width (0 auto,
// 1 int64, 2 int128, 3 big.Int).
func MulVariantForTest(p, q *Poly, accum, width int) *Poly {
	oa, ow := mulForceAccum, mulForceWidth
	mulForceAccum, mulForceWidth = accum, width
	defer func() { mulForceAccum, mulForceWidth = oa, ow }()
	return p.Mul(q)
}

// ExactQuoGenericForTest runs ExactQuo on the generic rational path.
func ExactQuoGenericForTest(p, q *Poly) (*Poly, error) {
	old := divForceGeneric
	divForceGeneric = true
	defer func() { divForceGeneric = old }()
	return p.ExactQuo(q)
}
