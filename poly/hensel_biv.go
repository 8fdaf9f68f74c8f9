package poly

// Bivariate Hensel lifting modulo word-size primes.
//
// factorBivariate (factor_biv.go) reduces the factorization of a primitive
// square-free f ∈ Z[x, y] to that of the univariate image f(x, a) over Z,
// f(x, a) = c·u_1⋯u_r. This file lifts the u_i to factors of f in
// Z[x, t] (t = y − a) and recombines them, with all the lifting done in
// word arithmetic:
//
//  1. Bound. Let fs(x, t) = f(x, t + a), n = deg_x fs, m = deg_t fs. For a
//     factor G of fs with cofactor H, the polynomial P = lc_x(H)·G has
//     deg_t P ≤ deg_t H + deg_t G = m and Mahler measure
//     M(P) = M(lc_x H)·M(G) ≤ M(H)·M(G) = M(fs) ≤ ‖fs‖₂, hence (Mahler's
//     inequality, coefficientwise binomials) every coefficient of P is at
//     most B = 2^(n+m)·‖fs‖₂ in absolute value. Lifting modulo t^(m+1)
//     and modulo primes with product above 2B determines P.
//  2. Lifting. For each prime p (below 2^31, with lc_x fs(x, 0) ≢ 0 and
//     f(x, a) square-free modulo p, so the u_i are pairwise coprime
//     mod p), the monic F̃ = fs/lc_x fs in F_p[[t]][x] is split as
//     h_1⋯h_r mod t^(m+1) with h_i ≡ u_i/lc(u_i) mod t: one factor at a
//     time, by linear Hensel steps (with σ g₀ + τ h₀ = 1, the
//     t^j-coefficients solve g_j h₀ + g₀ h_j = e_j by g_j = τ e_j mod g₀,
//     h_j = σ e_j mod h₀). By uniqueness of Hensel lifts over Z_(p)[[t]],
//     h_i mod p is the reduction of the lift over Q[[t]], so the images
//     under different primes are images of one rational object, indexed
//     alike because the u_i are factors over Z.
//  3. Recombination. For subsets S of the remaining factors, by increasing
//     size, P_S = lc_x(F)·Π_S h_i mod t^(m+1) (F the cofactor still to
//     split) equals lc_x(H)·G exactly when S is the set of modular factors
//     of a true factor G. A cheap necessary test comes first: P_S(x, t₀)
//     must divide F(x, t₀) modulo the first prime, at a point t₀ with
//     lc_x F(t₀) ≠ 0 (P divides lc_x(F)·F over Z). Survivors are
//     reconstructed from all primes by the Chinese remainder theorem in
//     the symmetric range, G is taken as the primitive part in x, and
//     exact division of F over Z certifies it. A factor found with a
//     minimal subset is irreducible; subsets beyond half the remaining
//     factors need not be tried, and what remains at the end is
//     irreducible.
//
// Fast path. The bound is pessimistic (2^(n+m) for typical inputs whose
// factors have small coefficients), so liftBivariate first runs the whole
// recombination with one prime, tracking the cofactor only through its
// leading coefficient (exact, in Z[t]) and its value at t₀ mod p, and then
// certifies the complete result at once: fs = ±Π g_i is checked modulo
// primes whose product exceeds 2·max(‖fs‖_∞, Π‖g_i‖₁), a bound on both
// sides' coefficients (bivVerify). If that check passes, every g_i is a
// true factor, and the minimal-subset argument below still gives
// irreducibility, since true subsets always pass the quick test. If it
// fails, the rigorous path lifts modulo primes beyond 2B and certifies
// each factor by exact division over Z.
//
// Every reported factor is certified (by the product check or by exact
// division over Z), so wrong guesses (bad luck in the quick test, a
// coefficient beyond one prime) cost time, never correctness; in the
// rigorous path the bound makes the failure of a division a proof that S
// is not a true subset. References: Geddes–Czapor–Labahn, Algorithms for Computer
// Algebra, §6.5–6.8; von zur Gathen–Gerhard, Modern Computer Algebra,
// §15.4–15.6 (Hensel lifting), §6.2 and ex. 6.23 (Mahler measure bounds).

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"sync"
)

// hmod is arithmetic modulo a prime p < 2^31 (products fit in 62 bits).
type hmod struct{ p uint64 }

func (m hmod) mul(a, b uint64) uint64 { return a * b % m.p }
func (m hmod) add(a, b uint64) uint64 {
	s := a + b
	if s >= m.p {
		s -= m.p
	}
	return s
}
func (m hmod) sub(a, b uint64) uint64 {
	if a >= b {
		return a - b
	}
	return a + m.p - b
}

// inv returns a^{-1} mod p (a ≢ 0).
func (m hmod) inv(a uint64) uint64 {
	r0, r1 := int64(m.p), int64(a%m.p)
	t0, t1 := int64(0), int64(1)
	for r1 != 0 {
		q := r0 / r1
		r0, r1 = r1, r0-q*r1
		t0, t1 = t1, t0-q*t1
	}
	if t0 < 0 {
		t0 += int64(m.p)
	}
	return uint64(t0)
}

func (m hmod) fromBig(x *big.Int, bp *big.Int, tmp *big.Int) uint64 {
	if x.IsInt64() {
		v := x.Int64() % int64(m.p)
		if v < 0 {
			v += int64(m.p)
		}
		return uint64(v)
	}
	return tmp.Mod(x, bp).Uint64()
}

func hTrim(a []uint64) []uint64 {
	n := len(a)
	for n > 0 && a[n-1] == 0 {
		n--
	}
	return a[:n]
}

// pMul multiplies dense polynomials over F_p. Products (< 2^62) are summed
// unreduced and folded back below 2^63 only when the sum overflows it.
func (m hmod) pMul(a, b []uint64) []uint64 {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	out := make([]uint64, len(a)+len(b)-1)
	m.pMulAcc(out, a, b)
	return hTrim(out)
}

// pMulAcc adds a·b to out (len(out) ≥ len(a)+len(b)−1, entries < p).
func (m hmod) pMulAcc(out, a, b []uint64) {
	const top = 1 << 63
	fold := (top / m.p) * m.p // a multiple of p just below 2^63
	for k := range len(a) + len(b) - 1 {
		lo := max(0, k-len(b)+1)
		hi := min(k, len(a)-1)
		s := out[k]
		for i := lo; i <= hi; i++ {
			s += a[i] * b[k-i]
			if s >= top {
				s -= fold
			}
		}
		out[k] = s % m.p
	}
}

func (m hmod) pAddSub(a, b []uint64, sub bool) []uint64 {
	out := make([]uint64, max(len(a), len(b)))
	copy(out, a)
	for i, x := range b {
		if sub {
			out[i] = m.sub(out[i], x)
		} else {
			out[i] = m.add(out[i], x)
		}
	}
	return hTrim(out)
}

// pDivRem divides a by b (b nonzero) over F_p.
func (m hmod) pDivRem(a, b []uint64) (q, r []uint64) {
	r = slices.Clone(a)
	db := len(b) - 1
	if len(a) <= db {
		return nil, hTrim(r)
	}
	q = make([]uint64, len(a)-db)
	inv := m.inv(b[db])
	for i := len(a) - 1; i >= db; i-- {
		c := r[i]
		if c == 0 {
			continue
		}
		c = m.mul(c, inv)
		q[i-db] = c
		for j := 0; j <= db; j++ {
			r[i-db+j] = m.sub(r[i-db+j], m.mul(c, b[j]))
		}
	}
	return hTrim(q), hTrim(r[:db])
}

func (m hmod) pMonic(a []uint64) []uint64 {
	if len(a) == 0 {
		return a
	}
	inv := m.inv(a[len(a)-1])
	out := make([]uint64, len(a))
	for i, x := range a {
		out[i] = m.mul(x, inv)
	}
	return out
}

func (m hmod) pGCD(a, b []uint64) []uint64 {
	a, b = hTrim(slices.Clone(a)), hTrim(slices.Clone(b))
	for len(b) > 0 {
		b = m.pMonic(b)
		a, b = b, m.pRemMonic(a, b)
	}
	return m.pMonic(a)
}

// pExtGCD returns s, t with s·a + t·b = 1 (a, b coprime).
func (m hmod) pExtGCD(a, b []uint64) (s, t []uint64) {
	r0, r1 := hTrim(slices.Clone(a)), hTrim(slices.Clone(b))
	s0, s1 := []uint64{1}, []uint64(nil)
	t0, t1 := []uint64(nil), []uint64{1}
	for len(r1) > 0 {
		q, r := m.pDivRem(r0, r1)
		r0, r1 = r1, r
		s0, s1 = s1, m.pAddSub(s0, m.pMul(q, s1), true)
		t0, t1 = t1, m.pAddSub(t0, m.pMul(q, t1), true)
	}
	inv := m.inv(r0[0])
	for i := range s0 {
		s0[i] = m.mul(s0[i], inv)
	}
	for i := range t0 {
		t0[i] = m.mul(t0[i], inv)
	}
	return hTrim(s0), hTrim(t0)
}

func (m hmod) pEval(a []uint64, x uint64) uint64 {
	var s uint64
	for i := len(a) - 1; i >= 0; i-- {
		s = (s*x + a[i]) % m.p
	}
	return s
}

// hser is a polynomial in x over F_p[t]/(t^k): s[j] is the coefficient of
// t^j (a dense polynomial in x); len(s) = k.
type hser [][]uint64

// serMul multiplies modulo t^k.
func (m hmod) serMul(a, b hser, k int) hser {
	out := make(hser, k)
	for j := range k {
		n := 0
		for l := 0; l <= j; l++ {
			if l < len(a) && j-l < len(b) && len(a[l]) > 0 && len(b[j-l]) > 0 {
				n = max(n, len(a[l])+len(b[j-l])-1)
			}
		}
		if n == 0 {
			continue
		}
		acc := make([]uint64, n)
		for l := 0; l <= j; l++ {
			if l < len(a) && j-l < len(b) && len(a[l]) > 0 && len(b[j-l]) > 0 {
				m.pMulAcc(acc, a[l], b[j-l])
			}
		}
		out[j] = hTrim(acc)
	}
	return out
}

// serEvalT evaluates the t-variable at t0: a polynomial in x.
func (m hmod) serEvalT(a hser, t0 uint64) []uint64 {
	var out []uint64
	pw := uint64(1)
	for _, c := range a {
		if len(c) > len(out) {
			out = append(out, make([]uint64, len(c)-len(out))...)
		}
		for i, x := range c {
			out[i] = m.add(out[i], m.mul(x, pw))
		}
		pw = m.mul(pw, t0)
	}
	return hTrim(out)
}

// liftTwo lifts F ≡ g0·h0 (mod t), F monic in x, g0 and h0 monic and
// coprime, to g, h with F ≡ g·h (mod t^k). It polls ctx once per power
// of t.
func (m hmod) liftTwo(ctx context.Context, F hser, g0, h0 []uint64, k int) (hser, hser, error) {
	sigma, tau := m.pExtGCD(g0, h0)
	g := make(hser, k)
	h := make(hser, k)
	g[0], h[0] = g0, h0
	n := len(g0) + len(h0) - 1
	acc := make([]uint64, n)
	e := make([]uint64, n)
	const top = 1 << 63
	fold := (top / m.p) * m.p
	for j := 1; j < k; j++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("poly: factorization cancelled: %w", err)
		}
		// acc = Σ_{0<l<j} g_l·h_{j−l}, summed unreduced (folded below 2^63)
		clear(acc)
		for l := 1; l < j; l++ {
			a, b := g[l], h[j-l]
			for i, x := range a {
				if x == 0 {
					continue
				}
				row := acc[i : i+len(b)]
				for r, y := range b {
					v := row[r] + x*y
					if v >= top {
						v -= fold
					}
					row[r] = v
				}
			}
		}
		clear(e)
		if j < len(F) {
			copy(e, F[j])
		}
		for i := range e {
			e[i] = m.sub(e[i], acc[i]%m.p)
		}
		ej := hTrim(e)
		if len(ej) == 0 {
			continue
		}
		// g_j h0 + g0 h_j = e_j:  g_j = τ e_j mod g0, h_j = σ e_j mod h0
		g[j] = m.pRemMonic(m.pMul(tau, ej), g0)
		h[j] = m.pRemMonic(m.pMul(sigma, ej), h0)
	}
	return g, h, nil
}

// liftAll splits the monic F mod t^k into lifts of the monic coprime us.
func (m hmod) liftAll(ctx context.Context, F hser, us [][]uint64, k int) ([]hser, error) {
	hs := make([]hser, len(us))
	cur := F
	for i := 0; i < len(us)-1; i++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("poly: factorization cancelled: %w", err)
		}
		rest := []uint64{1}
		for _, u := range us[i+1:] {
			rest = m.pMul(rest, u)
		}
		var err error
		if hs[i], cur, err = m.liftTwo(ctx, cur, us[i], rest, k); err != nil {
			return nil, err
		}
	}
	hs[len(us)-1] = cur
	return hs, nil
}

// bivModImage is everything liftBivariate keeps per prime.
type bivModImage struct {
	m  hmod
	hs []hser // lifted monic factors, aligned with the integer u_i
}

// hPrimes lists the 200 largest primes below 2^31, largest first,
// computed once on first use (safe for concurrent callers; about a
// millisecond with isPrime32).
var hPrimes = sync.OnceValue(func() []uint64 {
	ps := make([]uint64, 0, 200)
	for c := uint64(1<<31 - 1); len(ps) < 200; c -= 2 {
		if isPrime32(c) {
			ps = append(ps, c)
		}
	}
	return ps
})

// isPrime32 is a deterministic Miller–Rabin test for n < 2^32: the bases
// 2, 7 and 61 have no common strong pseudoprime below 4 759 123 141
// (Jaeschke, Math. Comp. 61 (1993)).
func isPrime32(n uint64) bool {
	if n < 2 {
		return false
	}
	for _, q := range []uint64{2, 3, 5, 7, 11, 13, 61} {
		if n%q == 0 {
			return n == q
		}
	}
	d, r := n-1, 0
	for d%2 == 0 {
		d /= 2
		r++
	}
	pow := func(a, e uint64) uint64 {
		x := uint64(1)
		for a %= n; e > 0; e >>= 1 {
			if e&1 == 1 {
				x = x * a % n
			}
			a = a * a % n
		}
		return x
	}
outer:
	for _, a := range []uint64{2, 7, 61} {
		x := pow(a, d)
		if x == 1 || x == n-1 {
			continue
		}
		for range r - 1 {
			if x = x * x % n; x == n-1 {
				continue outer
			}
		}
		return false
	}
	return true
}

// hPrime returns the i-th prime of hPrimes (i < 200).
func hPrime(i int) uint64 { return hPrimes()[i] }

// rpLevel1Dense returns the dense integer coefficients of a level-1 value
// (a constant may be stored as a bare integer).
func rpLevel1Dense(c rp) []*big.Int {
	if c.isZero() {
		return nil
	}
	if c.k != nil {
		return []*big.Int{c.k}
	}
	out := make([]*big.Int, len(c.cs))
	for i, x := range c.cs {
		if x.isZero() {
			out[i] = new(big.Int)
		} else {
			out[i] = x.k
		}
	}
	return out
}

// bivLifter holds the data of one bivariate lifting problem: fs by
// columns, the truncation order k, the factors of fs(x, 0), and the images
// modulo the primes lifted so far (their product M).
type bivLifter struct {
	fs    rp
	allow []bool       // allowed x-degrees of factors (nil: all)
	cols  [][]*big.Int // cols[i]: coefficients in t of x^i
	n, k  int
	us    [][]*big.Int
	imgs  []bivModImage
	M     *big.Int
	next  int // index of the next candidate prime
	bound *big.Int
}

// addPrime lifts modulo the next usable prime; false when none of the
// first 200 primes below 2^31 is usable.
func (L *bivLifter) addPrime(ctx context.Context) (bool, error) {
	n, k := L.n, L.k
	tmp := new(big.Int)
	for ; L.next < 200; L.next++ {
		if err := ctx.Err(); err != nil {
			return false, fmt.Errorf("poly: factorization cancelled: %w", err)
		}
		p := hPrime(L.next)
		md := hmod{p}
		bp := new(big.Int).SetUint64(p)
		F := make(hser, k)
		for j := range k {
			F[j] = make([]uint64, n+1)
		}
		for i, col := range L.cols {
			for j, c := range col {
				F[j][i] = md.fromBig(c, bp, tmp)
			}
		}
		lcS := make([]uint64, k) // lc_x fs as a series in t
		for j := range k {
			lcS[j] = F[j][n]
		}
		if lcS[0] == 0 {
			continue
		}
		a0 := hTrim(slices.Clone(F[0]))
		if len(md.pGCD(a0, pDeriv(md, a0))) > 1 {
			continue // fs(x, 0) not square-free mod p
		}
		// monic F̃ = F / lc mod t^k
		inv := make([]uint64, k)
		inv[0] = md.inv(lcS[0])
		for j := 1; j < k; j++ {
			var s uint64
			for i := 1; i <= j; i++ {
				s = md.add(s, md.mul(lcS[i], inv[j-i]))
			}
			inv[j] = md.mul(md.sub(0, s), inv[0])
		}
		Ft := make(hser, k)
		for j := range k {
			acc := make([]uint64, n+1)
			for l := 0; l <= j; l++ {
				if inv[l] == 0 {
					continue
				}
				for i, x := range F[j-l] {
					acc[i] = md.add(acc[i], md.mul(x, inv[l]))
				}
			}
			Ft[j] = hTrim(acc)
		}
		um := make([][]uint64, len(L.us))
		for i, u := range L.us {
			v := make([]uint64, len(u))
			for j, c := range u {
				v[j] = md.fromBig(c, bp, tmp)
			}
			um[i] = md.pMonic(hTrim(v))
		}
		hs, err := md.liftAll(ctx, Ft, um, k)
		if err != nil {
			return false, err
		}
		L.imgs = append(L.imgs, bivModImage{md, hs})
		L.M.Mul(L.M, bp)
		L.next++
		return true, nil
	}
	return false, nil
}

// liftBivariate factors the primitive square-free fs ∈ Z[x, t] (level 2,
// x outer, deg_x ≥ 2, lc_x fs(0) ≠ 0, fs(x, 0) square-free of full degree)
// given the irreducible factors us of fs(x, 0) over Z (r ≥ 2). It returns
// the irreducible factors of fs, or ok = false when no usable primes were
// found (the caller falls back). allow[d] (when allow is not nil) says
// that a factor of x-degree d is possible; subsets of other degrees are
// skipped.
//
// Fast path: one prime, the cofactor tracked only through lc_x and its
// value at t0, and the whole factorization certified at the end by
// comparing fs with the product of the factors modulo enough primes
// (bivVerify). When that fails (a coefficient beyond the prime, or a
// false positive of the quick test), the rigorous path lifts modulo
// primes beyond the Mahler bound and certifies each factor by exact
// division.
func liftBivariate(ctx context.Context, fs rp, us [][]*big.Int, allow []bool) ([]rp, bool, error) {
	L := &bivLifter{fs: fs, n: fs.deg(), us: us, M: big.NewInt(1), allow: allow}
	mt := 0
	L.cols = make([][]*big.Int, L.n+1)
	for i, c := range fs.cs {
		L.cols[i] = rpLevel1Dense(c)
		mt = max(mt, len(L.cols[i])-1)
	}
	L.k = mt + 1
	// B = 2^(n+m)·‖fs‖₂; primes until their product exceeds 2B.
	norm2 := new(big.Int)
	sq := new(big.Int)
	for _, col := range L.cols {
		for _, c := range col {
			norm2.Add(norm2, sq.Mul(c, c))
		}
	}
	L.bound = new(big.Int).Sqrt(norm2)
	L.bound.Add(L.bound, mvOne)
	L.bound.Lsh(L.bound, uint(L.n+mt+1))
	if ok, err := L.addPrime(ctx); !ok || err != nil {
		return nil, false, err
	}
	out, ok, err := L.recombineFast(ctx)
	if err != nil {
		return nil, false, err
	}
	if ok && bivVerify(fs, out) {
		return out, true, nil
	}
	for L.M.Cmp(L.bound) <= 0 {
		if ok, err := L.addPrime(ctx); !ok || err != nil {
			return nil, false, err
		}
	}
	return L.recombineExact(ctx)
}

// recombineFast is the recombination of the fast path; ok is false when
// a step fails to be consistent (then the caller takes the rigorous path).
func (L *bivLifter) recombineFast(ctx context.Context) ([]rp, bool, error) {
	k := L.k
	m0 := L.imgs[0].m
	lcCur := L.fs.lc()
	curAt, t0 := bivQuickData(L.fs, m0)
	idx := make([]int, len(L.us))
	for i := range idx {
		idx[i] = i
	}
	var out []rp
	for size := 1; 2*size <= len(idx); {
		hit := false
		comb := make([]int, size)
		for i := range comb {
			comb[i] = i
		}
		for {
			if err := ctx.Err(); err != nil {
				return nil, false, fmt.Errorf("poly: factorization cancelled: %w", err)
			}
			if !L.allowed(idx, comb) {
				if !nextCombination(comb, len(idx)) {
					break
				}
				continue
			}
			P0 := bivProduct(L.imgs[0], lcCur, idx, comb, k)
			if _, r := m0.pDivRem(curAt, m0.serEvalT(P0, t0)); len(r) == 0 {
				g, ok := bivReconstruct(L.imgs, lcCur, idx, comb, k, L.M, P0)
				if !ok {
					return nil, false, nil
				}
				q, ok := rpExactDiv(lcCur, g.lc())
				if !ok {
					return nil, false, nil
				}
				gAt := bivEvalModP(g, m0, t0)
				cq, r := m0.pDivRem(curAt, gAt)
				if len(r) != 0 {
					return nil, false, nil
				}
				out = append(out, g)
				lcCur, curAt = q, cq
				idx = withoutPositions(idx, comb)
				hit = true
				break
			}
			if !nextCombination(comb, len(idx)) {
				break
			}
		}
		if !hit {
			size++
		}
	}
	// the rest is the cofactor itself: lc_x(cur)·Π_rest h_i = cur
	all := make([]int, len(idx))
	for i := range all {
		all[i] = i
	}
	P0 := bivProduct(L.imgs[0], lcCur, idx, all, k)
	g, ok := bivReconstruct(L.imgs, lcCur, idx, all, k, L.M, P0)
	if !ok {
		return nil, false, nil
	}
	return append(out, g), true, nil
}

// recombineExact is the rigorous recombination: the primes' product is
// above 2B, so a true subset always reconstructs its factor exactly, and
// exact division of the cofactor over Z certifies each factor.
func (L *bivLifter) recombineExact(ctx context.Context) ([]rp, bool, error) {
	k := L.k
	cur := L.fs
	idx := make([]int, len(L.us)) // remaining factor indices
	for i := range idx {
		idx[i] = i
	}
	var out []rp
	for size := 1; 2*size <= len(idx); {
		hit := false
		comb := make([]int, size)
		for i := range comb {
			comb[i] = i
		}
		m0 := L.imgs[0].m
		curAt, t0 := bivQuickData(cur, m0)
		for {
			if err := ctx.Err(); err != nil {
				return nil, false, fmt.Errorf("poly: factorization cancelled: %w", err)
			}
			// quick test modulo the first prime at t0 (the product is
			// truncated first: the h_i are power series in t)
			if !L.allowed(idx, comb) {
				if !nextCombination(comb, len(idx)) {
					break
				}
				continue
			}
			P0 := bivProduct(L.imgs[0], cur.lc(), idx, comb, k)
			if _, r := m0.pDivRem(curAt, m0.serEvalT(P0, t0)); len(r) == 0 {
				if g, ok := bivReconstruct(L.imgs, cur.lc(), idx, comb, k, L.M, P0); ok {
					if q, ok := rpExactDiv(cur, g); ok {
						out = append(out, g)
						cur = q
						idx = withoutPositions(idx, comb)
						hit = true
						break
					}
				}
			}
			if !nextCombination(comb, len(idx)) {
				break
			}
		}
		if !hit {
			size++
		}
	}
	if cur.deg() > 0 {
		out = append(out, rpNormSign(cur))
	}
	return out, true, nil
}

// allowed reports whether the subset comb of the factors idx has an
// x-degree that a factor of fs may have (degree-pattern pruning).
func (L *bivLifter) allowed(idx, comb []int) bool {
	if L.allow == nil {
		return true
	}
	d := 0
	for _, c := range comb {
		d += len(L.us[idx[c]]) - 1
	}
	return L.allow[d]
}

// bivEvalModP returns g(x, t0) mod p for a level-2 g.
func bivEvalModP(g rp, m hmod, t0 uint64) []uint64 {
	bp := new(big.Int).SetUint64(m.p)
	tmp := new(big.Int)
	out := make([]uint64, len(g.cs))
	for i, c := range g.cs {
		d := rpLevel1Dense(c)
		v := make([]uint64, len(d))
		for j, x := range d {
			v[j] = m.fromBig(x, bp, tmp)
		}
		out[i] = m.pEval(v, t0)
	}
	return hTrim(out)
}

// bivVerify reports whether fs = ±Π gs exactly. Degrees and the leading
// integer coefficients are compared first; then fs and ±Π gs are compared
// modulo primes whose product exceeds 2·max(‖fs‖_∞, Π‖g‖₁), which bounds
// the coefficients of both sides, so agreement modulo the product is
// equality over Z.
func bivVerify(fs rp, gs []rp) bool {
	dx, dt := 0, 0
	lc := big.NewInt(1)
	bnd := big.NewInt(1)
	for _, g := range gs {
		if g.deg() <= 0 {
			return false
		}
		dx += g.deg()
		m := 0
		n1 := new(big.Int)
		for _, c := range g.cs {
			d := rpLevel1Dense(c)
			m = max(m, len(d)-1)
			for _, x := range d {
				n1.Add(n1, new(big.Int).Abs(x))
			}
		}
		dt += m
		lc.Mul(lc, g.baseLC())
		bnd.Mul(bnd, n1)
	}
	mt := 0
	for _, c := range fs.cs {
		d := rpLevel1Dense(c)
		mt = max(mt, len(d)-1)
		for _, x := range d {
			if x.CmpAbs(bnd) > 0 {
				bnd.Abs(x)
			}
		}
	}
	if dx != fs.deg() || dt != mt || lc.CmpAbs(fs.baseLC()) != 0 {
		return false
	}
	neg := lc.Sign() != fs.baseLC().Sign()
	k := mt + 1
	bnd.Lsh(bnd, 1)
	M := big.NewInt(1)
	for pi := 0; M.Cmp(bnd) <= 0; pi++ {
		if pi == len(hPrimes()) {
			return false // beyond the table: let the exact path decide
		}
		m := hmod{hPrime(pi)}
		prod := bivToSer(gs[0], m, k)
		for _, g := range gs[1:] {
			prod = m.serMul(prod, bivToSer(g, m, k), k)
		}
		want := bivToSer(fs, m, k)
		for j := range k {
			a, b := hTrim(prod[j]), hTrim(want[j])
			if len(a) != len(b) {
				return false
			}
			for i := range a {
				x := a[i]
				if neg {
					x = m.sub(0, x)
				}
				if x != b[i] {
					return false
				}
			}
		}
		M.Mul(M, new(big.Int).SetUint64(m.p))
	}
	return true
}

// bivToSer reduces a level-2 g (x outer, t inner) modulo p into the
// series layout (index t-degree, then x-degree), with k t-coefficients.
func bivToSer(g rp, m hmod, k int) hser {
	bp := new(big.Int).SetUint64(m.p)
	tmp := new(big.Int)
	out := make(hser, k)
	n := len(g.cs)
	for i, c := range g.cs {
		for j, x := range rpLevel1Dense(c) {
			if j >= k {
				break
			}
			if out[j] == nil {
				out[j] = make([]uint64, n)
			}
			out[j][i] = m.fromBig(x, bp, tmp)
		}
	}
	for j := range out {
		out[j] = hTrim(out[j])
	}
	return out
}

func pDeriv(m hmod, a []uint64) []uint64 {
	if len(a) <= 1 {
		return nil
	}
	out := make([]uint64, len(a)-1)
	for i := 1; i < len(a); i++ {
		out[i-1] = m.mul(a[i], uint64(i)%m.p)
	}
	return hTrim(out)
}

// bivQuickData returns, modulo p, cur(x, t0) at a point t0 with
// lc_x(cur)(t0) ≠ 0.
func bivQuickData(cur rp, m hmod) (at []uint64, t0 uint64) {
	bp := new(big.Int).SetUint64(m.p)
	tmp := new(big.Int)
	col := func(c rp) []uint64 {
		d := rpLevel1Dense(c)
		v := make([]uint64, len(d))
		for i, x := range d {
			v[i] = m.fromBig(x, bp, tmp)
		}
		return hTrim(v)
	}
	lc := col(cur.lc())
	for t0 = 12345; m.pEval(lc, t0) == 0; t0++ {
	}
	at = make([]uint64, len(cur.cs))
	for i, c := range cur.cs {
		at[i] = m.pEval(col(c), t0)
	}
	return hTrim(at), t0
}

// bivProduct returns lc·Π_{c∈comb} h_idx[c] mod t^k modulo the image's
// prime (lc a polynomial in t).
func bivProduct(im bivModImage, lc rp, idx, comb []int, k int) hser {
	m := im.m
	bp := new(big.Int).SetUint64(m.p)
	tmp := new(big.Int)
	P := make(hser, k)
	for j, c := range rpLevel1Dense(lc) {
		if j < k {
			if v := m.fromBig(c, bp, tmp); v != 0 {
				P[j] = []uint64{v}
			}
		}
	}
	for _, c := range comb {
		P = m.serMul(P, im.hs[idx[c]], k)
	}
	return P
}

// bivReconstruct computes lc·Π_{c∈comb} h_idx[c] mod t^k modulo
// every prime (P0 is the image modulo the first), combines the images by
// CRT in the symmetric range of M, and returns the primitive part in x
// with a positive base leading coefficient; ok is false when it is
// constant in x.
func bivReconstruct(imgs []bivModImage, lc rp, idx, comb []int, k int, M *big.Int, P0 hser) (rp, bool) {
	prods := []hser{P0}
	for _, im := range imgs[1:] {
		prods = append(prods, bivProduct(im, lc, idx, comb, k))
	}
	// Garner's CRT, coefficientwise
	nx := 0
	for _, P := range prods {
		for _, c := range P {
			nx = max(nx, len(c))
		}
	}
	half := new(big.Int).Rsh(M, 1)
	// precompute (p_1⋯p_{i-1})^{-1} mod p_i
	pre := make([]*big.Int, len(imgs))
	invs := make([]uint64, len(imgs))
	acc := big.NewInt(1)
	for i, im := range imgs {
		pre[i] = new(big.Int).Set(acc)
		bp := new(big.Int).SetUint64(im.m.p)
		invs[i] = im.m.inv(new(big.Int).Mod(acc, bp).Uint64())
		acc.Mul(acc, bp)
	}
	cs := make([]rp, nx)
	tmp, tmp2 := new(big.Int), new(big.Int)
	bpi := new(big.Int)
	for i := range nx {
		d := make([]*big.Int, k)
		for j := range k {
			x := new(big.Int)
			for pi, P := range prods {
				var r uint64
				if i < len(P[j]) {
					r = P[j][i]
				}
				m := imgs[pi].m
				if pi == 0 {
					x.SetUint64(r)
					continue
				}
				bpi.SetUint64(m.p)
				xr := tmp.Mod(x, bpi).Uint64()
				if c := m.mul(m.sub(r, xr), invs[pi]); c != 0 {
					x.Add(x, tmp.Mul(pre[pi], tmp2.SetUint64(c)))
				}
			}
			if x.Cmp(half) > 0 {
				x.Sub(x, M)
			}
			d[j] = x
		}
		cs[i] = rpUniv(zpTrim(d))
	}
	g := rpTrim(cs)
	if g.deg() <= 0 {
		return rp{}, false
	}
	_, g = rpPrimitive(g)
	return rpNormSign(g), true
}

// uSquareFreeZ reports whether the dense integer polynomial a (degree ≥ 1)
// is square-free over Q. Square-free modulo a prime not dividing the
// leading coefficient implies square-free over Q; only when three primes
// say otherwise is the exact GCD computed.
func uSquareFreeZ(a []*big.Int) bool {
	bp, tmp := new(big.Int), new(big.Int)
	tried := 0
	for pi := 0; tried < 3 && pi < 20; pi++ {
		m := hmod{hPrime(pi)}
		bp.SetUint64(m.p)
		v := make([]uint64, len(a))
		for i, c := range a {
			v[i] = m.fromBig(c, bp, tmp)
		}
		if v[len(v)-1] == 0 {
			continue
		}
		tried++
		if len(m.pGCD(v, pDeriv(m, v))) == 1 {
			return true
		}
	}
	u := rpUniv(a)
	return rpGCD(u, rpDeriv(u)).deg() <= 0
}

// bivSquareFreeQuick reports that f, a polynomial in exactly two
// variables, is square-free and primitive (over Q[y], y the second
// occurring variable) in its first occurring variable x, by a test modulo
// one prime; false means "not shown", not "not square-free".
//
// Primitive: if D = gcd over Q[y] of the x-coefficients c_i of f is not
// constant, then (D primitive in Z[y], lc(D) | lc(c_n)) D mod p divides
// every c_i mod p with its degree kept when p ∤ lc(c_n); so a constant
// GCD of the reductions proves D constant. Square-free: if f = g²h with
// deg_x g > 0, then for b with lc_x(f)(b) ≢ 0 mod p, g(x, b)² divides
// f(x, b) mod p with deg g(x, b) = deg_x g > 0; so f(x, b) square-free
// mod p proves f square-free (its content being constant). When ok, F is
// f in recursive form, polyToRec(normalizeZ(f), occurringVars(f)).
func bivSquareFreeQuick(f *Poly) (F rp, ok bool) {
	vars := occurringVars(f)
	if len(vars) != 2 {
		return rp{}, false
	}
	F, _ = polyToRec(normalizeZ(f), vars)
	m := hmod{hPrime(0)}
	bp, tmp := new(big.Int).SetUint64(m.p), new(big.Int)
	cs := make([][]uint64, len(F.cs))
	for i, c := range F.cs {
		d := rpLevel1Dense(c)
		v := make([]uint64, len(d))
		for j, x := range d {
			v[j] = m.fromBig(x, bp, tmp)
		}
		cs[i] = v
	}
	lc := cs[len(cs)-1]
	if len(lc) == 0 || lc[len(lc)-1] == 0 {
		return rp{}, false
	}
	g := hTrim(slices.Clone(lc))
	for _, c := range cs {
		if len(g) <= 1 {
			break
		}
		g = m.pGCD(g, hTrim(c))
	}
	if len(g) > 1 {
		return rp{}, false
	}
	for b := uint64(0); b < 5; b++ {
		if m.pEval(lc, b) == 0 {
			continue
		}
		fb := make([]uint64, len(cs))
		for i, c := range cs {
			fb[i] = m.pEval(c, b)
		}
		return F, len(m.pGCD(fb, pDeriv(m, fb))) == 1
	}
	return rp{}, false
}
