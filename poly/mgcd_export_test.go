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

// GCDDenseForTest runs only the dense fast path (mgcd_dense.go) on f and g
// through the recursive representation (contents in the main variable
// computed): ok reports whether it returned a certified result.
func GCDDenseForTest(f, g *Poly) (*Poly, bool) {
	vars := occurringVars(f, g)
	if len(vars) == 0 || f.IsZero() || g.IsZero() {
		return nil, false
	}
	F, _ := polyToRec(f, vars)
	G, _ := polyToRec(g, vars)
	h, ok := rpGCDDense(F, G, nil)
	if !ok {
		return nil, false
	}
	return normalizeZ(recToPoly(h, f.r, vars, nil)), true
}

// GCDDenseDirectForTest runs only the direct dense path from the term lists.
func GCDDenseDirectForTest(f, g *Poly) (*Poly, bool) {
	vars := occurringVars(f, g)
	if len(vars) == 0 || f.IsZero() || g.IsZero() {
		return nil, false
	}
	return gcdDenseDirect(f, g, vars, nil)
}

// GCDDenseSmallPrimesForTest is the direct dense path with the given number
// of primes below start, so that unlucky primes, unlucky or exhausted
// evaluation points and wrong early terminations are frequent.
func GCDDenseSmallPrimesForTest(f, g *Poly, start uint64, attempts int) (*Poly, bool) {
	vars := occurringVars(f, g)
	dF, okF := polyDims(f, vars)
	dG, okG := polyDims(g, vars)
	if !okF || !okG || dF[0] < 2 || dG[0] < 2 {
		return nil, false
	}
	A, B := polyToZbox(f, vars, dF), polyToZbox(g, vars, dG)
	D, coprime, ok := zboxGCDPrimes(A, B, nil, start, attempts)
	if !ok {
		return nil, false
	}
	if coprime {
		return f.r.One(), true
	}
	return zboxToPoly(D, f.r, vars), true
}

// DenseDividesForTest is the int64 dense exact-division test of
// mgcd_dense.go on integer polynomials a and d (in the variables of a, the
// ring order); ok is false when the inputs do not fit the boxes.
func DenseDividesForTest(a, d *Poly) (divides, overflow, ok bool) {
	vars := occurringVars(a, d)
	if len(vars) == 0 {
		return false, false, false
	}
	A := rpToZbox(mustRec(a, vars), recDims(a, vars))
	D := rpToZbox(mustRec(d, vars), recDims(d, vars))
	if A.big != nil || D.big != nil {
		return false, false, false
	}
	divides, overflow = zboxDivides(A, D, nil)
	return divides, overflow, true
}

func mustRec(p *Poly, vars []int) rp {
	r, den := polyToRec(p, vars)
	if den.Cmp(mvOne) != 0 {
		panic("mustRec: non-integer coefficients")
	}
	return r
}

func recDims(p *Poly, vars []int) []int {
	d, _ := rpDegs(mustRec(p, vars), len(vars))
	for i := range d {
		d[i] = max(d[i], 0) + 1
	}
	return d
}

// GCDZippelForTest runs only the sparse (Zippel) path with the given number
// of primes below start; ok reports whether it returned a certified result.
func GCDZippelForTest(f, g *Poly, start uint64, attempts int) (*Poly, bool) {
	vars := occurringVars(f, g)
	if f.IsZero() || g.IsZero() {
		return nil, false
	}
	return gcdZippelPrimes(f, g, vars, nil, start, attempts)
}
