package poly

import (
	"context"
	"math/big"
)

// Internal variants exported to the external tests (poly_test), so that the
// tests can run every algorithm on the same inputs.

var (
	GCDSubresultantForTest          = mgcdSubresultant
	ResultantSubresultantForTest    = mresultantSubresultant
	ResultantModularForTest         = mresultantModular
	DiscriminantModularForTest      = func(f *Poly, v int) *Poly { return discriminantAlg(f, v, 2, nil) }
	DiscriminantSubresultantForTest = func(f *Poly, v int) *Poly { return discriminantAlg(f, v, 1, nil) }
)

// FactorizeKroneckerForTest is Factorize with Kronecker's substitution for
// bivariate parts (the reference of the bivariate Hensel method).
func FactorizeKroneckerForTest(ctx context.Context, f *Poly) ([]Factor, error) {
	return factorizeWith(ctx, f, false)
}

// SubresultantsDetForTest computes S_j(f, g) w.r.t. v from the definition
// (Bareiss determinants of the Sylvester submatrices), for checking the
// subresultant chain.
func SubresultantsDetForTest(f, g *Poly, v int) []*Poly {
	R := f.r
	vars := varOrderWithMain(occurringVars(f, g), v)
	F, df := polyToRec(f, vars)
	G, dg := polyToRec(g, vars)
	p, q := F.deg(), G.deg()
	if min(p, q) <= 0 {
		return nil
	}
	lvl := len(vars) - 1
	out := make([]*Poly, min(p, q))
	for j := range out {
		rows := p + q - 2*j
		cols := p + q - j
		mat := make([][]rp, rows)
		for i := 0; i < q-j; i++ { // x^{q-j-1-i} F
			mat[i] = make([]rp, cols)
			sh := q - j - 1 - i
			for k := 0; k <= p; k++ { // coefficient of x^k -> column cols-1-(k+sh)
				mat[i][cols-1-(k+sh)] = F.coef(k)
			}
		}
		for i := 0; i < p-j; i++ {
			r := q - j + i
			mat[r] = make([]rp, cols)
			sh := p - j - 1 - i
			for k := 0; k <= q; k++ {
				mat[r][cols-1-(k+sh)] = G.coef(k)
			}
		}
		// detpol = sum_{i=0..j} det(first rows-1 cols, col of x^i) x^i
		cs := make([]rp, j+1)
		for i := 0; i <= j; i++ {
			sq := make([][]rp, rows)
			for r := range sq {
				sq[r] = append(append([]rp(nil), mat[r][:rows-1]...), mat[r][cols-1-i])
			}
			cs[i] = rpBareissDet(sq, lvl)
		}
		den := new(big.Int).Exp(df, big.NewInt(int64(q-j)), nil)
		den.Mul(den, new(big.Int).Exp(dg, big.NewInt(int64(p-j)), nil))
		out[j] = recToPoly(rpTrim(cs), R, vars, den)
	}
	return out
}

func rpBareissDet(m [][]rp, lvl int) rp {
	n := len(m)
	sign := 1
	prev := rpOne(lvl)
	for k := 0; k < n-1; k++ {
		if m[k][k].isZero() {
			sw := -1
			for i := k + 1; i < n; i++ {
				if !m[i][k].isZero() {
					sw = i
					break
				}
			}
			if sw < 0 {
				return rp{}
			}
			m[k], m[sw] = m[sw], m[k]
			sign = -sign
		}
		for i := k + 1; i < n; i++ {
			for j := k + 1; j < n; j++ {
				x := rpSub(rpMul(m[k][k], m[i][j]), rpMul(m[i][k], m[k][j]))
				m[i][j] = rpMustDiv(x, prev)
			}
		}
		prev = m[k][k]
	}
	d := m[n-1][n-1]
	if sign < 0 {
		d = rpNeg(d)
	}
	return d
}
