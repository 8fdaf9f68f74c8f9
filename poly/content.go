package poly

import "math/big"

// denLCM returns the LCM of the denominators of p's coefficients (1 for 0).
func denLCM(p *Poly) *big.Int {
	d := big.NewInt(1)
	g := new(big.Int)
	for _, t := range p.terms {
		if !t.Coef.IsInt() {
			den := t.Coef.Denom()
			g.GCD(nil, nil, d, den)
			d.Mul(d, g.Quo(den, g))
		}
	}
	return d
}

// Content returns the positive rational c such that p/c has coprime integer
// coefficients: the GCD of the numerators over the LCM of the denominators.
// Content(0) = 0.
func (p *Poly) Content() *big.Rat {
	if p.IsZero() {
		return new(big.Rat)
	}
	num := new(big.Int)
	for _, t := range p.terms {
		num.GCD(nil, nil, num, new(big.Int).Abs(t.Coef.Num()))
		if num.IsInt64() && num.Int64() == 1 {
			break
		}
	}
	return new(big.Rat).SetFrac(num, denLCM(p))
}

// PrimitivePart returns p/Content(p): integer coefficients with GCD 1 and
// the sign of p's leading coefficient kept. PrimitivePart(0) = 0.
func (p *Poly) PrimitivePart() *Poly {
	if p.IsZero() {
		return p
	}
	return p.ScaleRat(new(big.Rat).Inv(p.Content()))
}

// Monic returns p divided by its leading coefficient (in the ring order).
// Monic(0) = 0.
func (p *Poly) Monic() *Poly {
	if p.IsZero() {
		return p
	}
	return p.ScaleRat(new(big.Rat).Inv(p.terms[0].Coef))
}

// ClearDenominators returns d·p and d, where d > 0 is the LCM of the
// denominators of p's coefficients, so d·p has integer coefficients (not
// necessarily coprime). For p = 0 it returns (0, 1).
func (p *Poly) ClearDenominators() (*Poly, *big.Int) {
	d := denLCM(p)
	return p.ScaleRat(new(big.Rat).SetInt(d)), d
}

// IsIntegral reports whether all coefficients of p are integers.
func (p *Poly) IsIntegral() bool {
	for _, t := range p.terms {
		if !t.Coef.IsInt() {
			return false
		}
	}
	return true
}
