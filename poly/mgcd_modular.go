package poly

// Brown's dense modular GCD (W. S. Brown, On Euclid's algorithm and the
// computation of polynomial greatest common divisors, J. ACM 18, 1971;
// Geddes–Czapor–Labahn, Algorithms for Computer Algebra, §7.4, algorithms
// MGCD and PGCD).
//
// Over Z: after removing the integer contents, let γ = gcd(lc(A), lc(B))
// (leading integer coefficients in the lexicographic order of the recursive
// variables). For primes p not dividing lc(A)·lc(B), the GCD G_p modulo p
// is computed monic together with the cofactors A_p/G_p and B_p/G_p; images
// whose leading monomial is larger than the smallest seen are unlucky and
// discarded (a smaller one restarts the reconstruction); equal ones are
// combined by Chinese remaindering in the symmetric range: H from γ·G_p,
// Ā and B̄ from the cofactors. The loop stops by Brown's criterion (see
// rpGCDModular): once the modulus exceeds twice the norm bounds, H·Ā = γA
// and H·B̄ = γB hold over Z, which certifies pp(H) as the GCD without a
// trial division over Z.
//
// Modulo p, PGCD recursively evaluates the innermost variable x_L at points
// α where the leading coefficients of A and B (univariate in x_L) do not
// vanish, computes the GCD of the images, scales it by g(α) where
// g = gcd(lc A, lc B) ∈ F_p[x_L], and interpolates (Newton) in x_L, with the
// same leading-monomial filter for unlucky points. The interpolant has
// degree ≤ deg g + min(deg_{x_L} A, deg_{x_L} B) in x_L; once that many
// points are in (or earlier, when a new point does not change it) its
// primitive part with respect to x_1..x_{L-1} is tested by division.
// Contents in F_p[x_L] are removed first and their GCD multiplied back.

import (
	"context"
	"fmt"
	"math/big"
	"slices"
)

// ---- univariate polynomials over F_p (dense, low first, trimmed) ----

type fpCtx struct {
	p  uint64
	cc *canceler // nil: no cancellation checks
}

func (f fpCtx) add(a, b uint64) uint64 { return (a + b) % f.p }
func (f fpCtx) sub(a, b uint64) uint64 { return (a + f.p - b) % f.p }
func (f fpCtx) mul(a, b uint64) uint64 { return a * b % f.p }
func (f fpCtx) inv(a uint64) uint64    { return mvInvmod(a, f.p) }

func uTrim(a []uint64) []uint64 {
	n := len(a)
	for n > 0 && a[n-1] == 0 {
		n--
	}
	return a[:n]
}

func (f fpCtx) uMul(a, b []uint64) []uint64 {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	out := make([]uint64, len(a)+len(b)-1)
	for i, x := range a {
		if x == 0 {
			continue
		}
		for j, y := range b {
			out[i+j] = (out[i+j] + x*y%f.p) % f.p
		}
	}
	return uTrim(out)
}

// uDivRem returns quotient and remainder of a by b (b nonzero).
func (f fpCtx) uDivRem(a, b []uint64) (q, r []uint64) {
	r = slices.Clone(a)
	db := len(b) - 1
	if len(a) < len(b) {
		return nil, uTrim(r)
	}
	q = make([]uint64, len(a)-db)
	inv := f.inv(b[db])
	for i := len(a) - 1; i >= db; i-- {
		c := r[i]
		if c == 0 {
			continue
		}
		c = f.mul(c, inv)
		q[i-db] = c
		for j := 0; j <= db; j++ {
			r[i-db+j] = f.sub(r[i-db+j], f.mul(c, b[j]))
		}
	}
	return uTrim(q), uTrim(r[:db])
}

func (f fpCtx) uMonic(a []uint64) []uint64 {
	if len(a) == 0 || a[len(a)-1] == 1 {
		return a
	}
	inv := f.inv(a[len(a)-1])
	out := make([]uint64, len(a))
	for i, x := range a {
		out[i] = f.mul(x, inv)
	}
	return out
}

// uGCD returns the monic GCD (nil for gcd(0,0)).
func (f fpCtx) uGCD(a, b []uint64) []uint64 {
	a, b = uTrim(slices.Clone(a)), uTrim(slices.Clone(b))
	for len(b) > 0 {
		_, r := f.uDivRem(a, b)
		a, b = b, r
	}
	return f.uMonic(a)
}

func (f fpCtx) uEval(a []uint64, x uint64) uint64 {
	var s uint64
	for i := len(a) - 1; i >= 0; i-- {
		s = (s*x + a[i]) % f.p
	}
	return s
}

// ---- recursive dense polynomials over F_p (mvp, see mresultant.go) ----

func mvpToU(a mvp) []uint64 {
	if a.isZero() {
		return nil
	}
	if a.cs == nil {
		return []uint64{a.k}
	}
	out := make([]uint64, len(a.cs))
	for i, c := range a.cs {
		out[i] = c.k
	}
	return out
}

func mvpFromU(u []uint64) mvp {
	u = uTrim(u)
	if len(u) == 0 {
		return mvp{}
	}
	cs := make([]mvp, len(u))
	for i, x := range u {
		cs[i] = mvp{k: x}
	}
	return mvp{cs: cs}
}

func (f fpCtx) mvpAddSub(a, b mvp, sub bool) mvp {
	if b.isZero() {
		return a
	}
	if a.isZero() {
		if sub {
			return f.mvpNeg(b)
		}
		return b
	}
	if a.cs == nil {
		if sub {
			return mvp{k: f.sub(a.k, b.k)}
		}
		return mvp{k: f.add(a.k, b.k)}
	}
	n := max(len(a.cs), len(b.cs))
	cs := make([]mvp, n)
	for i := range cs {
		var x, y mvp
		if i < len(a.cs) {
			x = a.cs[i]
		}
		if i < len(b.cs) {
			y = b.cs[i]
		}
		cs[i] = f.mvpAddSub(x, y, sub)
	}
	return mvpTrim(cs)
}

func (f fpCtx) mvpNeg(a mvp) mvp {
	if a.isZero() {
		return a
	}
	if a.cs == nil {
		return mvp{k: f.p - a.k}
	}
	cs := make([]mvp, len(a.cs))
	for i, c := range a.cs {
		cs[i] = f.mvpNeg(c)
	}
	return mvp{cs: cs}
}

func (f fpCtx) mvpScale(a mvp, k uint64) mvp {
	if a.isZero() || k == 0 {
		return mvp{}
	}
	if a.cs == nil {
		return mvp{k: f.mul(a.k, k)}
	}
	cs := make([]mvp, len(a.cs))
	for i, c := range a.cs {
		cs[i] = f.mvpScale(c, k)
	}
	return mvpTrim(cs)
}

func (f fpCtx) mvpMul(a, b mvp) mvp {
	if a.isZero() || b.isZero() {
		return mvp{}
	}
	if a.cs == nil {
		return f.mvpScale(b, a.k)
	}
	if b.cs == nil {
		return f.mvpScale(a, b.k)
	}
	cs := make([]mvp, len(a.cs)+len(b.cs)-1)
	for i, x := range a.cs {
		if x.isZero() {
			continue
		}
		for j, y := range b.cs {
			if y.isZero() {
				continue
			}
			cs[i+j] = f.mvpAddSub(cs[i+j], f.mvpMul(x, y), false)
		}
	}
	return mvpTrim(cs)
}

// mvpDivExact returns a/b if b divides a (same level or b a scalar).
func (f fpCtx) mvpDivExact(a, b mvp) (mvp, bool) {
	if a.isZero() {
		return mvp{}, true
	}
	if b.cs == nil {
		return f.mvpScale(a, f.inv(b.k)), true
	}
	if a.cs == nil {
		return mvp{}, false
	}
	if len(b.cs) == 1 {
		cs := make([]mvp, len(a.cs))
		for i, c := range a.cs {
			var ok bool
			if cs[i], ok = f.mvpDivExact(c, b.cs[0]); !ok {
				return mvp{}, false
			}
		}
		return mvpTrim(cs), true
	}
	da, db := len(a.cs)-1, len(b.cs)-1
	if da < db {
		return mvp{}, false
	}
	r := slices.Clone(a.cs)
	q := make([]mvp, da-db+1)
	lb := b.cs[db]
	for i := da; i >= db; i-- {
		if r[i].isZero() {
			continue
		}
		qc, ok := f.mvpDivExact(r[i], lb)
		if !ok {
			return mvp{}, false
		}
		q[i-db] = qc
		for j := 0; j < db; j++ {
			if !b.cs[j].isZero() {
				r[i-db+j] = f.mvpAddSub(r[i-db+j], f.mvpMul(qc, b.cs[j]), true)
			}
		}
		r[i] = mvp{}
	}
	for j := 0; j < db; j++ {
		if !r[j].isZero() {
			return mvp{}, false
		}
	}
	return mvpTrim(q), true
}

// mvpLeaves applies fn to every level-1 node of a (level lvl ≥ 1), i.e. to
// its coefficients as univariate polynomials in the innermost variable.
func mvpMapLeaves(a mvp, lvl int, fn func([]uint64) []uint64) mvp {
	if a.isZero() {
		return a
	}
	if lvl == 1 {
		return mvpFromU(fn(mvpToU(a)))
	}
	cs := make([]mvp, len(a.cs))
	for i, c := range a.cs {
		cs[i] = mvpMapLeaves(c, lvl-1, fn)
	}
	return mvpTrim(cs)
}

func mvpEachLeaf(a mvp, lvl int, fn func([]uint64)) {
	if a.isZero() {
		return
	}
	if lvl == 1 {
		fn(mvpToU(a))
		return
	}
	for _, c := range a.cs {
		mvpEachLeaf(c, lvl-1, fn)
	}
}

// mvpLeadLeaf is the leading coefficient of a (level ≥ 1) in the lex order
// of all variables but the innermost: a univariate polynomial in x_L.
func mvpLeadLeaf(a mvp, lvl int) []uint64 {
	for ; lvl > 1; lvl-- {
		a = a.cs[len(a.cs)-1]
	}
	return mvpToU(a)
}

// mvpLeadDegs is the exponent vector of the lex leading monomial.
func mvpLeadDegs(a mvp) []int {
	var d []int
	for a.cs != nil {
		d = append(d, len(a.cs)-1)
		a = a.cs[len(a.cs)-1]
	}
	return d
}

// mvpLeadScalar is the lex leading scalar coefficient.
func mvpLeadScalar(a mvp) uint64 {
	for a.cs != nil {
		a = a.cs[len(a.cs)-1]
	}
	return a.k
}

// mvpInnerDeg is the degree of a in the innermost variable.
func mvpInnerDeg(a mvp, lvl int) int {
	d := -1
	mvpEachLeaf(a, lvl, func(u []uint64) { d = max(d, len(u)-1) })
	return d
}

func cmpDegs(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

// mvpLiftMulU turns the scalars of d (level lvl) into univariate
// polynomials s·q in a new innermost variable (level lvl+1).
func (f fpCtx) mvpLiftMulU(d mvp, lvl int, q []uint64) mvp {
	if d.isZero() {
		return d
	}
	if lvl == 0 {
		out := make([]uint64, len(q))
		for i, x := range q {
			out[i] = f.mul(x, d.k)
		}
		return mvpFromU(out)
	}
	cs := make([]mvp, len(d.cs))
	for i, c := range d.cs {
		cs[i] = f.mvpLiftMulU(c, lvl-1, q)
	}
	return mvpTrim(cs)
}

// pgcd returns the monic GCD of nonzero A, B of level lvl ≥ 1 over F_p, or
// ok = false when the field is too small to find good points.
func (f fpCtx) pgcd(A, B mvp, lvl int) (mvp, bool) {
	G, _, _, ok := f.pgcdCof(A, B, lvl, false)
	return G, ok
}

// pgcdCof is pgcd that also returns, when cof is set, the cofactors
// Abar = A/G and Bbar = B/G.
func (f fpCtx) pgcdCof(A, B mvp, lvl int, cof bool) (G, Abar, Bbar mvp, ok bool) {
	if lvl == 1 {
		a, b := mvpToU(A), mvpToU(B)
		g := f.uGCD(a, b)
		if cof {
			qa, _ := f.uDivRem(a, g)
			qb, _ := f.uDivRem(b, g)
			Abar, Bbar = mvpFromU(qa), mvpFromU(qb)
		}
		return mvpFromU(g), Abar, Bbar, true
	}
	A0, B0 := A, B
	// contents in F_p[x_L]
	var ca, cb []uint64
	mvpEachLeaf(A, lvl, func(u []uint64) { ca = f.uGCD(ca, u) })
	mvpEachLeaf(B, lvl, func(u []uint64) { cb = f.uGCD(cb, u) })
	c := f.uGCD(ca, cb)
	divBy := func(d []uint64) func([]uint64) []uint64 {
		return func(u []uint64) []uint64 { q, _ := f.uDivRem(u, d); return q }
	}
	if len(ca) > 1 {
		A = mvpMapLeaves(A, lvl, divBy(ca))
	}
	if len(cb) > 1 {
		B = mvpMapLeaves(B, lvl, divBy(cb))
	}
	mulC := func(G mvp) mvp {
		if len(c) <= 1 {
			return G
		}
		return mvpMapLeaves(G, lvl, func(u []uint64) []uint64 { return f.uMul(u, c) })
	}
	la, lb := mvpLeadLeaf(A, lvl), mvpLeadLeaf(B, lvl)
	g := f.uGCD(la, lb)
	bound := len(g) - 1 + min(mvpInnerDeg(A, lvl), mvpInnerDeg(B, lvl))
	var H mvp
	var hdegs []int
	var q []uint64 // Π (x - α)
	n := 0
	for alpha := uint64(0); ; alpha++ {
		if alpha >= f.p {
			return mvp{}, mvp{}, mvp{}, false
		}
		if f.uEval(la, alpha) == 0 || f.uEval(lb, alpha) == 0 {
			continue
		}
		Aa := mvpEvalInner(A, lvl, alpha, f.p)
		Ba := mvpEvalInner(B, lvl, alpha, f.p)
		f.cc.check()
		Ca, ok := f.pgcd(Aa, Ba, lvl-1)
		if !ok {
			return mvp{}, mvp{}, mvp{}, false
		}
		degs := mvpLeadDegs(Ca)
		if len(degs) == 0 || allZero(degs) {
			// the primitive parts are coprime
			if len(c) == 0 {
				c = []uint64{1}
			}
			G = mvpFromU(c).liftConstTo(lvl)
			if cof {
				Abar, _ = f.mvpDivExact(A0, G)
				Bbar, _ = f.mvpDivExact(B0, G)
			}
			return G, Abar, Bbar, true
		}
		Ca = f.mvpScale(Ca, f.uEval(g, alpha))
		if n > 0 {
			switch cmpDegs(degs, hdegs) {
			case 1:
				continue // unlucky point
			case -1:
				n = 0 // all previous points were unlucky
			}
		}
		if n == 0 {
			H = f.mvpLiftMulU(Ca, lvl-1, []uint64{1})
			hdegs = degs
			q = []uint64{f.p - alpha%f.p, 1}
			n = 1
			if n <= bound {
				continue
			}
		} else {
			Ha := mvpEvalInner(H, lvl, alpha, f.p)
			d := f.mvpAddSub(Ca, Ha, true)
			changed := !d.isZero()
			if changed {
				s := f.inv(f.uEval(q, alpha))
				H = f.mvpAddSub(H, f.mvpLiftMulU(f.mvpScale(d, s), lvl-1, q), false)
			}
			q = f.uMul(q, []uint64{f.p - alpha%f.p, 1})
			n++
			if changed && n <= bound {
				continue
			}
		}
		// test: primitive part of H (content in x_L removed) divides A and B
		var ch []uint64
		mvpEachLeaf(H, lvl, func(u []uint64) { ch = f.uGCD(ch, u) })
		P := H
		if len(ch) > 1 {
			P = mvpMapLeaves(H, lvl, divBy(ch))
		}
		if qa, ok := f.mvpDivExact(A, P); ok {
			if qb, ok := f.mvpDivExact(B, P); ok {
				G := mulC(P)
				s := f.inv(mvpLeadScalar(G))
				G = f.mvpScale(G, s)
				if cof {
					// A0 = ca·A = ca·P·qa and G = s·c·P, so A0/G = (ca/c)·qa/s
					sinv := f.inv(s)
					fix := func(q mvp, cx []uint64) mvp {
						k, _ := f.uDivRem(cx, c)
						if len(cx) == 0 {
							k = []uint64{1}
						}
						q = mvpMapLeaves(q, lvl, func(u []uint64) []uint64 { return f.uMul(u, k) })
						return f.mvpScale(q, sinv)
					}
					Abar, Bbar = fix(qa, ca), fix(qb, cb)
				}
				return G, Abar, Bbar, true
			}
		}
		if n > bound {
			n = 0 // enough points but wrong: restart with new points
		}
	}
}

func allZero(d []int) bool {
	for _, x := range d {
		if x != 0 {
			return false
		}
	}
	return true
}

// liftConstTo turns a level-1 value constant in all but the innermost
// variable into a value of level lvl (prefixing constant coefficients).
func (a mvp) liftConstTo(lvl int) mvp {
	for l := 1; l < lvl; l++ {
		a = mvp{cs: []mvp{a}}
	}
	return a
}

// rpIntContent is the positive GCD of all integers of a (nonzero).
func rpIntContent(a rp, acc *big.Int) {
	if a.isZero() {
		return
	}
	if a.k != nil {
		acc.GCD(nil, nil, acc, new(big.Int).Abs(a.k))
		return
	}
	for _, c := range a.cs {
		rpIntContent(c, acc)
		if acc.Cmp(mvOne) == 0 {
			return
		}
	}
}

// rpCRT combines h (integer, symmetric mod M) with r (mod p), returning the
// symmetric representative mod M·p. Shapes may differ (missing = zero).
func rpCRT(h rp, r mvp, lvl int, M, bp, MP, half *big.Int, minv, p uint64) rp {
	if lvl == 0 {
		x := new(big.Int)
		if h.k != nil {
			x.Set(h.k)
		}
		cur := new(big.Int).Mod(x, bp).Uint64()
		t := mvMulmod((r.k+p-cur)%p, minv, p)
		if t != 0 {
			x.Add(x, new(big.Int).Mul(M, new(big.Int).SetUint64(t)))
		}
		if x.Cmp(half) > 0 {
			x.Sub(x, MP)
		}
		return rpInt(x)
	}
	n := max(len(h.cs), len(r.cs))
	cs := make([]rp, n)
	for i := range cs {
		var hc rp
		var rc mvp
		if i < len(h.cs) {
			hc = h.cs[i]
		}
		if i < len(r.cs) {
			rc = r.cs[i]
		}
		if hc.isZero() && rc.isZero() {
			continue
		}
		cs[i] = rpCRT(hc, rc, lvl-1, M, bp, MP, half, minv, p)
	}
	return rpTrim(cs)
}

// rpGCDModular is Brown's algorithm over Z for A, B of the same level ≥ 1;
// ok is false if it gave up (no usable prime among many), in which case the
// caller falls back to the reference algorithm.
//
// Termination test (Brown's, no trial division over Z): with H the CRT
// image of γ·G_p and Ā, B̄ those of the cofactors A_p/G_p, B_p/G_p, every
// prime gives H·Ā ≡ γ·A (mod M). When M/2 exceeds both ‖H‖_1·‖Ā‖_∞ and
// ‖γA‖_∞, the congruence is an equality over Z, so H divides γA (likewise
// γB) and pp(H) divides A and B; its leading monomial is that of the images,
// which is at least that of the true GCD, so pp(H) is the GCD.
func rpGCDModular(A, B rp, cc *canceler) (rp, bool) {
	lvl := A.level()
	ia, ib := new(big.Int), new(big.Int)
	rpIntContent(A, ia)
	rpIntContent(B, ib)
	c := new(big.Int).GCD(nil, nil, ia, ib)
	A, _ = rpExactDiv(A, rp{k: ia})
	B, _ = rpExactDiv(B, rp{k: ib})
	la, lb := A.baseLC(), B.baseLC()
	gamma := new(big.Int).GCD(nil, nil, new(big.Int).Abs(la), new(big.Int).Abs(lb))
	// ‖γA‖_∞, ‖γB‖_∞
	needA := new(big.Int).Mul(rpMaxAbs(A), gamma)
	needB := new(big.Int).Mul(rpMaxAbs(B), gamma)
	var H, Ab, Bb rp
	var hdegs []int
	M := new(big.Int)
	prime := uint64(1<<31 - 1)
	bp := new(big.Int)
	tries := 0
	for {
		tries++
		if tries > 200 {
			return rp{}, false
		}
		prime = mvPrevPrime(prime)
		bp.SetUint64(prime)
		if new(big.Int).Mod(la, bp).Sign() == 0 || new(big.Int).Mod(lb, bp).Sign() == 0 {
			continue
		}
		cc.checkNow()
		f := fpCtx{p: prime, cc: cc}
		Ap, Bp := rpToMVP(A, prime, bp, lvl), rpToMVP(B, prime, bp, lvl)
		Gp, Abp, Bbp, ok := f.pgcdCof(Ap, Bp, lvl, true)
		if !ok {
			continue
		}
		degs := mvpLeadDegs(Gp)
		if allZero(degs) {
			return rpConst(c, lvl), true
		}
		Gp = f.mvpScale(Gp, new(big.Int).Mod(gamma, bp).Uint64())
		if M.Sign() != 0 {
			switch cmpDegs(degs, hdegs) {
			case 1:
				continue
			case -1:
				M.SetInt64(0)
			}
		}
		if M.Sign() == 0 {
			one, half := big.NewInt(1), new(big.Int).Rsh(bp, 1)
			H = rpCRT(rp{}, Gp, lvl, one, bp, bp, half, 1, prime)
			Ab = rpCRT(rp{}, Abp, lvl, one, bp, bp, half, 1, prime)
			Bb = rpCRT(rp{}, Bbp, lvl, one, bp, bp, half, 1, prime)
			hdegs = degs
			M.Set(bp)
		} else {
			minv := mvInvmod(new(big.Int).Mod(M, bp).Uint64(), prime)
			MP := new(big.Int).Mul(M, bp)
			half := new(big.Int).Rsh(MP, 1)
			H = rpCRT(H, Gp, lvl, M, bp, MP, half, minv, prime)
			Ab = rpCRT(Ab, Abp, lvl, M, bp, MP, half, minv, prime)
			Bb = rpCRT(Bb, Bbp, lvl, M, bp, MP, half, minv, prime)
			M = MP
		}
		half := new(big.Int).Rsh(M, 1)
		h1 := rpNorm1Of(H)
		if needA.Cmp(half) >= 0 || needB.Cmp(half) >= 0 ||
			new(big.Int).Mul(h1, rpMaxAbs(Ab)).Cmp(half) >= 0 ||
			new(big.Int).Mul(h1, rpMaxAbs(Bb)).Cmp(half) >= 0 {
			continue
		}
		ih := new(big.Int)
		rpIntContent(H, ih)
		P, _ := rpExactDiv(H, rp{k: ih})
		return rpNormSign(rpScale(P, c)), true
	}
}

// rpMaxAbs is the largest absolute value of the integers of a.
func rpMaxAbs(a rp) *big.Int {
	m := new(big.Int)
	var walk func(a rp)
	walk = func(a rp) {
		if a.isZero() {
			return
		}
		if a.k != nil {
			if a.k.CmpAbs(m) > 0 {
				m.Abs(a.k)
			}
			return
		}
		for _, c := range a.cs {
			walk(c)
		}
	}
	walk(a)
	return m
}

func rpNorm1Of(a rp) *big.Int {
	s := new(big.Int)
	rpNorm1(a, s)
	return s
}

// rpGCDFast is the fast-path GCD: Brown's modular algorithm, falling back
// to the subresultant reference if it gives up.
func rpGCDFast(a, b rp, cc *canceler) rp {
	if a.isZero() {
		return rpNormSign(b)
	}
	if b.isZero() {
		return rpNormSign(a)
	}
	if a.k != nil {
		return rpGCD(a, b)
	}
	if g, ok := rpGCDDense(a, b, cc); ok {
		return g
	}
	if g, ok := rpGCDModular(a, b, cc); ok {
		return g
	}
	return rpGCD(a, b)
}

// canceler turns context cancellation into a panic (cancelPanic) inside the
// deep recursive algorithms, recovered by the exported ...Ctx entry points;
// a nil *canceler never fires.
type canceler struct {
	ctx context.Context
	n   int
}

type cancelPanic struct{ err error }

func newCanceler(ctx context.Context) *canceler {
	if ctx == nil || ctx.Done() == nil {
		return nil
	}
	return &canceler{ctx: ctx}
}

// check polls the context every 64 calls.
func (c *canceler) check() {
	if c == nil {
		return
	}
	c.n++
	if c.n&63 == 0 {
		c.checkNow()
	}
}

func (c *canceler) checkNow() {
	if c == nil {
		return
	}
	if err := c.ctx.Err(); err != nil {
		panic(cancelPanic{err})
	}
}

// recoverCancel converts a cancelPanic into *err; other panics propagate.
func recoverCancel(err *error, what string) {
	if r := recover(); r != nil {
		cp, ok := r.(cancelPanic)
		if !ok {
			panic(r)
		}
		*err = fmt.Errorf("poly: %s cancelled: %w", what, cp.err)
	}
}
