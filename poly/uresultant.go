package poly

// Resultants, discriminants and subresultants of univariate polynomials
// over Z.
//
// Definitions. For P of degree p and Q of degree q, and 0 <= j < min(p, q),
// the j-th subresultant S_j(P, Q) is the polynomial sum_{i<=j} det(M_{j,i})
// x^i, where M_j is the (p+q-2j) x (p+q-j) matrix whose rows are the
// coefficient vectors (highest power first) of x^(q-j-1) P, ..., P,
// x^(p-j-1) Q, ..., Q, and M_{j,i} keeps its first p+q-2j-1 columns and the
// column of x^i. S_0 is the resultant Res(P, Q) = det Sylvester(P, Q), and
// the coefficient of x^j in S_j is the j-th principal subresultant
// coefficient psc_j. The least j with psc_j != 0 is deg gcd(P, Q), and
// S_j is then a gcd (Basu–Pollack–Roy, ch. 8; Collins 1967).
//
// Variants (cross-checked in the tests, and against a direct evaluation of
// the determinants above on small inputs):
//
//   - subresultantChain computes every S_j with the Lazard–Ducos form of the
//     subresultant algorithm (L. Ducos, Optimizations of the subresultant
//     algorithm, J. Pure Appl. Algebra 145 (2000)). With A a multiple of the
//     regular subresultant S_d, s = psc_d and B = S_{d-1} of degree e:
//     S_e = lc(B)^(d-e-1) B / s^(d-e-1) (the "Lazard" step, done by repeated
//     exact division to keep sizes down), and
//     S_{e-1} = prem(A, -B) / (s^(d-e) lc(A)); every division is exact.
//     The loop starts with A = Q, s = lc(Q)^(p-q), B = prem(P, -Q).
//
//   - resultantModular evaluates Res(P, Q) mod many word primes by the
//     Euclidean recurrence Res(A, B) = (-1)^(deg A deg B) lc(B)^(deg A - deg R)
//     Res(B, R), R = A rem B, and reconstructs the integer by CRT once the
//     product of the primes exceeds twice Hadamard's bound
//     |Res| <= ||P||_2^q ||Q||_2^p. Primes dividing lc(P) lc(Q) are skipped
//     (they would change the degrees).
//
// Worked example: P = x^2 + 1, Q = x - 2. p = 2, q = 1: s = lc(Q)^1 = 1,
// B = prem(P, -Q) = 5, d = 1, e = 0, so S_0 = 5 = Res(P, Q) = P(2).

import (
	"context"
	"math/big"
)

// UResultant returns the resultant Res(f, g) = det Sylvester(f, g), with
// Res(f, g) = 0 when f or g is zero and Res(c, g) = c^deg g for a nonzero
// constant c. Large inputs use the multimodular algorithm, small ones the
// subresultant chain.
func UResultant(f, g UPoly) *big.Int {
	r, _ := UResultantCtx(context.Background(), f, g)
	return r
}

// UResultantCtx is UResultant honouring ctx (the modular loop checks it).
func UResultantCtx(ctx context.Context, f, g UPoly) (*big.Int, error) {
	if len(f) == 0 || len(g) == 0 {
		return new(big.Int), nil
	}
	if len(f) == 1 || len(g) == 1 {
		return resultantConst(f, g), nil
	}
	if useModularResultant(f, g) {
		return resultantModular(ctx, f, g)
	}
	return resultantSubresultant(f, g), nil
}

// useModularResultant picks the algorithm: the chain is faster while the
// degree is tiny; the modular method wins from moderate degree on (measured
// by BenchmarkUResultant: crossover near degree 8 for 32-bit coefficients).
func useModularResultant(f, g UPoly) bool {
	return len(f)+len(g) > 16
}

// resultantConst handles a constant operand.
func resultantConst(f, g UPoly) *big.Int {
	if len(f) == 1 {
		return new(big.Int).Exp(f[0], big.NewInt(int64(len(g)-1)), nil)
	}
	// Res(f, c) = c^deg f
	return new(big.Int).Exp(g[0], big.NewInt(int64(len(f)-1)), nil)
}

// resultantSubresultant is the reference resultant (S_0 of the chain).
func resultantSubresultant(f, g UPoly) *big.Int {
	if len(f) == 0 || len(g) == 0 {
		return new(big.Int)
	}
	if len(f) == 1 || len(g) == 1 {
		return resultantConst(f, g)
	}
	S := USubresultants(f, g)
	if len(S[0]) == 0 {
		return new(big.Int)
	}
	return new(big.Int).Set(S[0][0])
}

// UDiscriminant returns disc(f) = (-1)^(n(n-1)/2) Res(f, f') / lc(f) for f of
// degree n >= 1 (the normalized discriminant, as PARI's poldisc); it is 1
// for n = 1. It panics with ErrZeroDivisor for a constant f, whose
// discriminant is not defined.
func UDiscriminant(f UPoly) *big.Int {
	d, _ := UDiscriminantCtx(context.Background(), f)
	return d
}

// UDiscriminantCtx is UDiscriminant honouring ctx.
func UDiscriminantCtx(ctx context.Context, f UPoly) (*big.Int, error) {
	n := len(f) - 1
	if n < 1 {
		panic(ErrZeroDivisor)
	}
	if n == 1 {
		return big.NewInt(1), nil
	}
	r, err := UResultantCtx(ctx, f, f.Deriv())
	if err != nil {
		return nil, err
	}
	r.Quo(r, f.lc())
	if (n*(n-1)/2)%2 == 1 {
		r.Neg(r)
	}
	return r, nil
}

// USubresultants returns the subresultant sequence of f and g: element j
// (0 <= j < min(deg f, deg g)) is S_j(f, g) as defined in the file comment
// (nil where it vanishes). S_0 is the resultant. It returns nil when f or g
// is constant or zero.
func USubresultants(f, g UPoly) []UPoly {
	S, _ := USubresultantsCtx(context.Background(), f, g)
	return S
}

// USubresultantsCtx is USubresultants honouring ctx (checked at every step
// of the chain).
func USubresultantsCtx(ctx context.Context, f, g UPoly) ([]UPoly, error) {
	p, q := len(f)-1, len(g)-1
	if p < 1 || q < 1 {
		return nil, nil
	}
	if p < q {
		S, err := subresultantChain(ctx, g, f)
		if err != nil {
			return nil, err
		}
		for j := range S {
			if ((p-j)*(q-j))%2 == 1 {
				S[j] = S[j].Neg()
			}
		}
		return S, nil
	}
	return subresultantChain(ctx, f, g)
}

// UPSC returns the principal subresultant coefficients of f and g: element
// j (0 <= j < min(deg f, deg g)) is the coefficient of x^j in S_j(f, g);
// element 0 is the resultant.
func UPSC(f, g UPoly) []*big.Int {
	S := USubresultants(f, g)
	out := make([]*big.Int, len(S))
	for j, s := range S {
		out[j] = s.Coeff(j)
	}
	return out
}

// subresultantChain computes S_0..S_{q-1} for deg P = p >= deg Q = q >= 1.
func subresultantChain(ctx context.Context, P, Q UPoly) ([]UPoly, error) {
	p, q := len(P)-1, len(Q)-1
	S := make([]UPoly, q)
	s := new(big.Int).Exp(Q.lc(), big.NewInt(int64(p-q)), nil)
	A := Q
	B := P.PseudoRem(Q.Neg())
	for {
		if err := ctx.Err(); err != nil {
			return nil, wrapCtx("subresultants", err)
		}
		if len(B) == 0 {
			return S, nil
		}
		d, e := len(A)-1, len(B)-1
		S[d-1] = B
		delta := d - e
		C := B
		if delta > 1 {
			C = lazardStep(B, s, delta-1)
			S[e] = C
		}
		if e == 0 {
			return S, nil
		}
		den := new(big.Int).Exp(s, big.NewInt(int64(delta)), nil)
		den.Mul(den, A.lc())
		B = A.PseudoRem(B.Neg()).divExactScalar(den)
		A = C
		s = new(big.Int).Set(A.lc())
	}
}

// lazardStep returns lc(B)^n B / s^n, dividing at each of the n steps
// (every intermediate quotient is exact: Ducos 2000, Lazard's optimization).
func lazardStep(B UPoly, s *big.Int, n int) UPoly {
	lc := B.lc()
	// c = lc^n / s^(n-1) computed as c_1 = lc, c_{k+1} = c_k lc / s.
	c := new(big.Int).Set(lc)
	for i := 1; i < n; i++ {
		c.Mul(c, lc)
		c.Quo(c, s)
	}
	out := zeros(len(B))
	for i, b := range B {
		out[i].Mul(b, c)
		out[i].Quo(out[i], s)
	}
	return out.trim()
}

// resultantModular computes Res(f, g) by CRT over word primes (file comment).
func resultantModular(ctx context.Context, f, g UPoly) (*big.Int, error) {
	p, q := len(f)-1, len(g)-1
	bound := p*norm2Bits(g) + q*norm2Bits(f) + 2 // |Res| < 2^(bound-1)
	X := new(big.Int)
	M := big.NewInt(1)
	var acc crtAcc
	for i := 0; M.BitLen() <= bound; i++ {
		if err := ctx.Err(); err != nil {
			return nil, wrapCtx("UResultant", err)
		}
		pr := modPrime(i)
		F := newModp(pr)
		a, b := F.reducePoly(f), F.reducePoly(g)
		if len(a) != len(f) || len(b) != len(g) {
			continue
		}
		r := F.fromMont(F.resultantModp(a, b))
		if M.BitLen() == 1 {
			X = symmetricMod(r, pr)
			M.SetUint64(pr)
			continue
		}
		acc.M = M
		minv := F.inv(F.reduce(M))
		newM := new(big.Int).Mul(M, new(big.Int).SetUint64(pr))
		Y := acc.combine(X, r, F, minv)
		half := new(big.Int).Rsh(newM, 1)
		if Y.Cmp(half) > 0 {
			Y.Sub(Y, newM)
		} else if new(big.Int).Neg(Y).Cmp(half) > 0 {
			Y.Add(Y, newM)
		}
		X, M = Y, newM
	}
	return X, nil
}

// resultantModp returns Res(a, b) over Z/pZ (Montgomery form); a and b are
// consumed. Both must be nonzero.
func (m *modp) resultantModp(a, b []uint64) uint64 {
	res := m.one
	for {
		da, db := len(a)-1, len(b)-1
		if db == 0 {
			return m.mul(res, m.pow(b[0], uint64(da)))
		}
		r := m.remModp(a, b)
		if len(r) == 0 {
			return 0
		}
		dr := len(r) - 1
		if (da*db)%2 == 1 {
			res = m.neg(res)
		}
		res = m.mul(res, m.pow(b[db], uint64(da-dr)))
		a, b = b, r
	}
}
