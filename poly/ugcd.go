package poly

// Univariate GCD over Z.
//
// UGCD is a dispatcher in front of two variants that the tests run side by
// side on the same inputs:
//
//   - gcdSubresultant, the reference: Collins' subresultant polynomial
//     remainder sequence (Cohen, A Course in Computational Algebraic Number
//     Theory, Alg. 3.3.1). Pseudo-remainders are divided by g*h^delta, the
//     exact factor predicted by the fundamental theorem of subresultants,
//     which keeps coefficient growth linear in the depth. Simple and always
//     correct, but every step works with coefficients as large as the
//     subresultants (degree times input size).
//
//   - gcdModular, the fast path (Brown's dense modular algorithm, von zur
//     Gathen–Gerhard §6.7): for word-size primes p not dividing
//     gamma = gcd(lc f, lc g), compute the monic gcd of f mod p and g mod p,
//     scale it by gamma, and combine the images of minimal degree by the
//     Chinese remainder theorem. A prime whose image has larger degree is
//     unlucky and is discarded; an image of smaller degree means all earlier
//     primes were unlucky, and the accumulation restarts. Whenever the
//     symmetric CRT lift stops changing, its primitive part is tested by
//     exact trial division of both inputs: success proves it is the gcd (a
//     common divisor of degree >= deg gcd, since deg(gcd mod p) >= deg gcd
//     for p not dividing gamma). An image of degree 0 proves at once that the
//     gcd is a constant — the common case, which costs one modular gcd.
//
// Worked example: f = x^2 - 1, g = x^2 + 2x + 1. Modulo any odd p the monic
// gcd is x + 1; gamma = 1; the lift x + 1 divides both, so UGCD = x + 1.
//
// Termination: a prime is unlucky only if it divides a nonzero subresultant
// coefficient (finitely many primes), and the CRT lift is correct once the
// modulus exceeds twice the Mignotte bound of gamma*gcd, after which it no
// longer changes.

import (
	"context"
	"fmt"
	"math/big"
	"math/bits"
	"sync"
)

// ---------------------------------------------------------------------------
// Word-size prime fields in Montgomery form.

// modp is the field Z/pZ for an odd prime p < 2^63; elements are kept in
// Montgomery form a*2^64 mod p.
type modp struct {
	p    uint64
	pinv uint64 // -p^-1 mod 2^64
	r2   uint64 // 2^128 mod p
	one  uint64 // 2^64 mod p (Montgomery form of 1)
}

func newModp(p uint64) *modp {
	// Newton iteration for p^-1 mod 2^64.
	inv := p
	for i := 0; i < 6; i++ {
		inv *= 2 - p*inv
	}
	m := &modp{p: p, pinv: -inv}
	_, r1 := bits.Div64(1, 0, p) // 2^64 mod p
	m.one = r1
	_, m.r2 = bits.Div64(r1, 0, p) // 2^128 mod p
	return m
}

// mul returns the Montgomery product a*b*2^-64 mod p.
func (m *modp) mul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	q := lo * m.pinv
	h2, l2 := bits.Mul64(q, m.p)
	_, c := bits.Add64(lo, l2, 0)
	u := hi + h2 + c
	if u >= m.p {
		u -= m.p
	}
	return u
}

func (m *modp) add(a, b uint64) uint64 {
	s := a + b
	if s >= m.p {
		s -= m.p
	}
	return s
}

func (m *modp) sub(a, b uint64) uint64 {
	if a >= b {
		return a - b
	}
	return a + m.p - b
}

func (m *modp) neg(a uint64) uint64 {
	if a == 0 {
		return 0
	}
	return m.p - a
}

func (m *modp) toMont(a uint64) uint64   { return m.mul(a%m.p, m.r2) }
func (m *modp) fromMont(a uint64) uint64 { return m.mul(a, 1) }

// inv returns the inverse of a (Montgomery form in and out); a != 0.
// Extended Euclid on (p, a) with signed cofactors (|t| < p < 2^63).
func (m *modp) inv(a uint64) uint64 {
	x := m.fromMont(a)
	var t, newt int64 = 0, 1
	r, newr := m.p, x
	for newr != 0 {
		q := r / newr
		t, newt = newt, t-int64(q)*newt
		r, newr = newr, r-q*newr
	}
	if t < 0 {
		t += int64(m.p)
	}
	// Montgomery form of t is t*R = REDC(t * R^3)... use two products:
	// toMont(t) = REDC(t * R^2).
	return m.mul(uint64(t), m.r2)
}

func (m *modp) pow(a uint64, e uint64) uint64 {
	r := m.one
	for e > 0 {
		if e&1 == 1 {
			r = m.mul(r, a)
		}
		a = m.mul(a, a)
		e >>= 1
	}
	return r
}

// reduce returns x mod p in Montgomery form.
func (m *modp) reduce(x *big.Int) uint64 {
	ws := x.Bits()
	var r uint64
	for i := len(ws) - 1; i >= 0; i-- {
		r = remWord(r, uint64(ws[i]), m.p)
	}
	if x.Sign() < 0 && r != 0 {
		r = m.p - r
	}
	return m.toMont(r)
}

// remWord returns (r * 2^W + w) mod p for the big.Word size W (64 or 32
// bits) and r < p.
func remWord(r, w, p uint64) uint64 {
	if wordBits == 64 {
		return bits.Rem64(r, w, p)
	}
	return bits.Rem64(r>>32, r<<32|w, p)
}

// reducePoly returns f mod p (Montgomery form), trimmed.
func (m *modp) reducePoly(f UPoly) []uint64 {
	out := make([]uint64, len(f))
	for i, c := range f {
		out[i] = m.reduce(c)
	}
	return trimModp(out)
}

func trimModp(a []uint64) []uint64 {
	n := len(a)
	for n > 0 && a[n-1] == 0 {
		n--
	}
	return a[:n]
}

// remModp replaces a by a mod b in place and returns the trimmed remainder;
// b must be nonzero.
func (m *modp) remModp(a, b []uint64) []uint64 {
	db := len(b) - 1
	ilc := m.inv(b[db])
	pp, pinv := m.p, m.pinv
	bb := b[:db]
	for len(a) > db {
		da := len(a) - 1
		c := m.mul(a[da], ilc)
		if c != 0 {
			aa := a[da-db : da]
			aa = aa[:len(bb)]
			for i, bi := range bb {
				// t = Montgomery product c*bi; the low word of
				// lo + q*p vanishes, so its carry is (lo != 0).
				hi, lo := bits.Mul64(c, bi)
				h2, _ := bits.Mul64(lo*pinv, pp)
				t := hi + h2
				if lo != 0 {
					t++
				}
				if t >= pp {
					t -= pp
				}
				x := aa[i]
				if x >= t {
					x -= t
				} else {
					x += pp - t
				}
				aa[i] = x
			}
		}
		a[da] = 0
		a = trimModp(a[:da])
	}
	return a
}

// gcdModp returns the monic gcd of a and b over Z/pZ (inputs are consumed).
func (m *modp) gcdModp(a, b []uint64) []uint64 {
	for len(b) > 0 {
		a = m.remModp(a, b)
		a, b = b, a
	}
	if len(a) == 0 {
		return a
	}
	il := m.inv(a[len(a)-1])
	for i := range a {
		a[i] = m.mul(a[i], il)
	}
	return a
}

// ---------------------------------------------------------------------------
// Prime supply.

var primeCache struct {
	sync.Mutex
	ps []uint64
}

// smallPrimes for trial division when generating word primes.
var smallPrimes = func() []uint64 {
	var ps []uint64
	for n := uint64(3); n < 2000; n += 2 {
		isP := true
		for _, p := range ps {
			if p*p > n {
				break
			}
			if n%p == 0 {
				isP = false
				break
			}
		}
		if isP {
			ps = append(ps, n)
		}
	}
	return ps
}()

// modPrime returns the i-th prime below 2^62 in decreasing order. The list
// is generated once and cached (ProbablyPrime(0) is exact below 2^64).
func modPrime(i int) uint64 {
	primeCache.Lock()
	defer primeCache.Unlock()
	ps := primeCache.ps
	n := uint64(1)<<62 - 1
	if len(ps) > 0 {
		n = ps[len(ps)-1] - 2
	}
	var b big.Int
	for len(ps) <= i {
		ok := true
		for _, q := range smallPrimes {
			if n%q == 0 {
				ok = false
				break
			}
		}
		if ok && b.SetUint64(n).ProbablyPrime(0) {
			ps = append(ps, n)
		}
		n -= 2
	}
	primeCache.ps = ps
	return ps[i]
}

// ---------------------------------------------------------------------------
// CRT accumulation.

// crtAcc accumulates integers modulo a growing product of primes (Garner's
// incremental form), keeping the symmetric representative.
type crtAcc struct {
	M *big.Int // product of the primes so far
}

// combine returns X' with X' = X mod M and X' = r mod p (r in normal form),
// |X'| <= M p / 2. X is the previous symmetric representative.
func (c *crtAcc) combine(X *big.Int, r uint64, f *modp, minv uint64) *big.Int {
	// t = (r - X) * M^-1 mod p
	xm := f.fromMont(f.reduce(X))
	d := r + f.p - xm
	if d >= f.p {
		d -= f.p
	}
	t := f.fromMont(f.mul(f.toMont(d), minv))
	// X' = X + M t, then symmetric
	Y := new(big.Int).SetUint64(t)
	Y.Mul(Y, c.M)
	Y.Add(Y, X)
	return Y
}

// ---------------------------------------------------------------------------
// GCD.

// UGCD returns the greatest common divisor of f and g in Z[x], normalized
// to a positive leading coefficient (so it is the product of the gcd of the
// contents and the primitive gcd). UGCD(0, 0) = 0, UGCD(f, 0) = |f| up to
// sign normalization.
//
// It dispatches to the modular algorithm (see the file comment) and uses
// the subresultant PRS for small inputs; both give identical results.
func UGCD(f, g UPoly) UPoly {
	h, _ := ugcdCtx(context.Background(), f, g)
	return h
}

// UGCDCtx is UGCD honouring ctx in its modular loop.
func UGCDCtx(ctx context.Context, f, g UPoly) (UPoly, error) {
	return ugcdCtx(ctx, f, g)
}

func ugcdCtx(ctx context.Context, f, g UPoly) (UPoly, error) {
	if len(f) == 0 {
		return normalizeSign(g.clone()), nil
	}
	if len(g) == 0 {
		return normalizeSign(f.clone()), nil
	}
	if len(f) <= 3 || len(g) <= 3 {
		return gcdSubresultant(f, g), nil
	}
	return gcdModular(ctx, f, g)
}

func normalizeSign(f UPoly) UPoly {
	if len(f) > 0 && f.lc().Sign() < 0 {
		for _, c := range f {
			c.Neg(c)
		}
	}
	return f
}

// gcdSubresultant is the reference GCD (subresultant PRS).
func gcdSubresultant(f, g UPoly) UPoly {
	if len(f) == 0 {
		return normalizeSign(g.clone())
	}
	if len(g) == 0 {
		return normalizeSign(f.clone())
	}
	c := new(big.Int).GCD(nil, nil, f.Content(), g.Content())
	A, B := f.PrimitivePart(), g.PrimitivePart()
	if len(A) < len(B) {
		A, B = B, A
	}
	gg, h := big.NewInt(1), big.NewInt(1)
	for {
		delta := len(A) - len(B)
		R := A.PseudoRem(B)
		if len(R) == 0 {
			break
		}
		if len(R) == 1 {
			return UPoly{c}
		}
		// divisor g*h^delta
		d := new(big.Int).Exp(h, big.NewInt(int64(delta)), nil)
		d.Mul(d, gg)
		A, B = B, R.divExactScalar(d)
		gg = new(big.Int).Set(A.lc())
		// h = h^(1-delta) g^delta
		if delta == 0 {
			// h unchanged
		} else {
			num := new(big.Int).Exp(gg, big.NewInt(int64(delta)), nil)
			den := new(big.Int).Exp(h, big.NewInt(int64(delta-1)), nil)
			h = num.Quo(num, den)
		}
	}
	return B.primitivePositive().Scale(c)
}

// gcdModular is Brown's modular GCD with early termination by trial
// division (see the file comment).
func gcdModular(ctx context.Context, f, g UPoly) (UPoly, error) {
	cf, cg := f.Content(), g.Content()
	c := new(big.Int).GCD(nil, nil, cf, cg)
	A, B := f.divExactScalar(cf), g.divExactScalar(cg)
	gamma := new(big.Int).GCD(nil, nil, new(big.Int).Abs(A.lc()), new(big.Int).Abs(B.lc()))
	bound := mignotteGCDBound(A, B, gamma) // bits
	var (
		deg  = -1
		X    []*big.Int // symmetric CRT images of gamma*gcd coefficients
		acc  crtAcc
		last UPoly
	)
	for i := 0; ; i++ {
		if err := ctx.Err(); err != nil {
			return nil, wrapCtx("UGCD", err)
		}
		p := modPrime(i)
		F := newModp(p)
		gm := F.reduce(gamma)
		if gm == 0 {
			continue
		}
		a, b := F.reducePoly(A), F.reducePoly(B)
		h := F.gcdModp(a, b)
		dh := len(h) - 1
		if dh == 0 {
			return UPoly{c}, nil
		}
		if deg >= 0 && dh > deg {
			continue // unlucky prime
		}
		for j := range h {
			h[j] = F.fromMont(F.mul(h[j], gm))
		}
		if deg < 0 || dh < deg {
			deg = dh
			X = make([]*big.Int, len(h))
			for j := range h {
				X[j] = symmetricMod(h[j], p)
			}
			acc.M = new(big.Int).SetUint64(p)
			last = nil
		} else {
			minv := F.inv(F.reduce(acc.M))
			half := new(big.Int).Set(acc.M)
			half.Mul(half, new(big.Int).SetUint64(p))
			newM := half
			half = new(big.Int).Rsh(newM, 1)
			for j := range h {
				Y := acc.combine(X[j], h[j], F, minv)
				if Y.Cmp(half) > 0 {
					Y.Sub(Y, newM)
				} else if new(big.Int).Neg(Y).Cmp(half) > 0 {
					Y.Add(Y, newM)
				}
				X[j] = Y
			}
			acc.M = newM
		}
		cand := UPoly(X).clone().trim()
		stable := last != nil && cand.Equal(last)
		// A lift much smaller than the modulus is very likely already
		// correct: try it without waiting for a confirming prime (the
		// trial division decides).
		small := maxBitLen(cand)+10 < acc.M.BitLen()
		if !stable && !small && acc.M.BitLen() <= bound+2 {
			last = cand
			continue
		}
		last = cand
		H := cand.primitivePositive()
		if len(H) == 0 {
			continue
		}
		if _, ok := A.trialQuo(H); !ok {
			continue
		}
		if _, ok := B.trialQuo(H); !ok {
			continue
		}
		return H.Scale(c), nil
	}
}

func symmetricMod(r, p uint64) *big.Int {
	if r > p/2 {
		return new(big.Int).Sub(new(big.Int).SetUint64(r), new(big.Int).SetUint64(p))
	}
	return new(big.Int).SetUint64(r)
}

// mignotteGCDBound returns a bit count B with 2^B > 2*gamma*||h||_inf for
// every divisor h of A or B scaled to leading coefficient gamma (Mignotte:
// ||h||_inf <= 2^deg h ||A||_2).
func mignotteGCDBound(A, B UPoly, gamma *big.Int) int {
	na, nb := norm2Bits(A), norm2Bits(B)
	d := len(A) - 1
	n := na
	if nb < na {
		n, d = nb, len(B)-1
	}
	return d + n + gamma.BitLen() + 2
}

// norm2Bits returns an integer b with ||f||_2 < 2^b.
func norm2Bits(f UPoly) int {
	s := new(big.Int)
	var t big.Int
	for _, c := range f {
		t.Mul(c, c)
		s.Add(s, &t)
	}
	return (s.BitLen() + 2) / 2
}

// wrapCtx wraps a context error with the operation that was interrupted.
func wrapCtx(op string, err error) error {
	return fmt.Errorf("poly: %s interrupted: %w", op, err)
}

// trialQuo is the exact division used to verify GCD candidates: Kronecker
// substitution for large operands, schoolbook otherwise (crossover measured
// with BenchmarkUGCD).
func (f UPoly) trialQuo(g UPoly) (UPoly, bool) {
	if len(g) >= 16 && len(f)-len(g) >= 8 {
		return f.quoExactKronecker(g)
	}
	return f.quoExact(g)
}
