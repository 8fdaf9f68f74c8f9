package poly

// Univariate factorization over Z (Zassenhaus' approach: factor modulo a
// prime, Hensel-lift, recombine).
//
// Input: a primitive square-free f ∈ Z[x] of degree n ≥ 2 with positive
// leading coefficient ℓ.
//
//  1. Prime: among the first primes p ∤ ℓ with f mod p square-free, keep
//     the one giving the fewest modular factors (of five tried), since
//     recombination is exponential in that number. The count comes from
//     the distinct-degree factorization alone (Σ deg g_d / d), in word
//     arithmetic with delayed reductions (hmod.ddf); only the chosen prime
//     is split further.
//  2. Factorization mod p: distinct-degree factorization (gcd(x^{p^d} − x,
//     f) collects the factors of degree d), then Cantor–Zassenhaus
//     equal-degree splitting with random a: gcd(a^{(p^d−1)/2} − 1, g)
//     splits g with probability about 1/2 (p odd).
//  3. Hensel lifting: f ≡ ℓ·h_1⋯h_r (mod p) with monic h_i is lifted to
//     the least modulus M = p^K > 2ℓ·B, where B = 2^n·‖f‖_2 bounds the
//     coefficients of any factor of f (Mignotte), one factor at a time with
//     the quadratic two-factor step of von zur Gathen–Gerhard (Modern
//     Computer Algebra, alg. 15.10), which also lifts the Bézout
//     coefficients. The precisions are K, ⌈K/2⌉, … read backwards, so the
//     last step does not overshoot; steps to moduli below 2^60 run in
//     128-bit word arithmetic (w60), the rest with math/big.
//  4. Recombination: for subsets S of the lifted factors, of increasing
//     size, g = pp(ℓ·Π_S h_i mods M) is a factor of f iff it divides f; a
//     cheap necessary test on the constant coefficients (ℓ·Π h_i(0) mods M
//     must divide ℓ·f(0)) prunes most subsets before the trial division.
//     Found factors are removed with their subsets, and the search goes on
//     with the cofactor. What remains at the end is irreducible.
//
// Correctness: every true factor g of f is, up to sign, pp(ℓ·Π_S h_i mods M)
// for the set S of modular factors of g, because ℓ/lc(g)·g has coefficients
// below M/2 in absolute value; trial division certifies each factor, and
// the exhaustive search over subsets of the remaining factors certifies
// irreducibility of the last one. The search is exponential in r in the
// worst case (Swinnerton-Dyer polynomials); van Hoeij's lattice method
// would remove that.

import (
	"context"
	"fmt"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// ---- dense integer polynomials modulo m (low first) ----

func zpTrim(a []*big.Int) []*big.Int {
	n := len(a)
	for n > 0 && a[n-1].Sign() == 0 {
		n--
	}
	return a[:n]
}

func zpMod(a []*big.Int, m *big.Int) []*big.Int {
	out := make([]*big.Int, len(a))
	for i, c := range a {
		out[i] = new(big.Int).Mod(c, m)
	}
	return zpTrim(out)
}

func zpAddSubMod(a, b []*big.Int, m *big.Int, sub bool) []*big.Int {
	n := max(len(a), len(b))
	out := make([]*big.Int, n)
	for i := range out {
		z := new(big.Int)
		if i < len(a) {
			z.Set(a[i])
		}
		if i < len(b) {
			if sub {
				z.Sub(z, b[i])
			} else {
				z.Add(z, b[i])
			}
		}
		out[i] = z.Mod(z, m)
	}
	return zpTrim(out)
}

func zpMulMod(a, b []*big.Int, m *big.Int) []*big.Int {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	out := make([]*big.Int, len(a)+len(b)-1)
	for i := range out {
		out[i] = new(big.Int)
	}
	t := new(big.Int)
	for i, x := range a {
		if x.Sign() == 0 {
			continue
		}
		for j, y := range b {
			out[i+j].Add(out[i+j], t.Mul(x, y))
		}
	}
	for _, z := range out {
		z.Mod(z, m)
	}
	return zpTrim(out)
}

// zpDivModMonic divides a by the monic b modulo m.
func zpDivModMonic(a, b []*big.Int, m *big.Int) (q, r []*big.Int) {
	r = make([]*big.Int, len(a))
	for i, c := range a {
		r[i] = new(big.Int).Set(c)
	}
	db := len(b) - 1
	if len(a) <= db {
		return nil, zpTrim(r)
	}
	q = make([]*big.Int, len(a)-db)
	t := new(big.Int)
	for i := len(a) - 1; i >= db; i-- {
		c := new(big.Int).Mod(r[i], m)
		q[i-db] = c
		if c.Sign() == 0 {
			continue
		}
		for j := 0; j <= db; j++ {
			r[i-db+j].Sub(r[i-db+j], t.Mul(c, b[j]))
		}
	}
	rr := r[:db]
	for _, z := range rr {
		z.Mod(z, m)
	}
	return zpTrim(q), zpTrim(rr)
}

func zpFromU(u []uint64) []*big.Int {
	out := make([]*big.Int, len(u))
	for i, x := range u {
		out[i] = new(big.Int).SetUint64(x)
	}
	return out
}

// zpSym maps coefficients to the symmetric range (-m/2, m/2].
func zpSym(a []*big.Int, m *big.Int) []*big.Int {
	half := new(big.Int).Rsh(m, 1)
	out := make([]*big.Int, len(a))
	for i, c := range a {
		z := new(big.Int).Mod(c, m)
		if z.Cmp(half) > 0 {
			z.Sub(z, m)
		}
		out[i] = z
	}
	return zpTrim(out)
}

// ---- factorization modulo a small prime ----

// uPowMod returns a^e mod f over F_p.
func (f fpCtx) uPowMod(a []uint64, e *big.Int, mod []uint64) []uint64 {
	_, a = f.uDivRem(a, mod)
	r := []uint64{1}
	for i := e.BitLen() - 1; i >= 0; i-- {
		r = f.uMul(r, r)
		_, r = f.uDivRem(r, mod)
		if e.Bit(i) == 1 {
			r = f.uMul(r, a)
			_, r = f.uDivRem(r, mod)
		}
	}
	return r
}

// ddfPart is the product of the irreducible factors of degree d of a
// polynomial over F_p.
type ddfPart struct {
	d int
	g []uint64
}

// ddf is distinct-degree factorization of the monic square-free g over
// F_p: gcd(x^{p^d} − x, g) collects the factors of degree d, and the
// number of irreducible factors, Σ deg(g_d)/d, is known without
// splitting. Word arithmetic with delayed reductions (p < 2^31). It polls ctx once per
// degree.
func (m hmod) ddf(ctx context.Context, g []uint64) (parts []ddfPart, count int, err error) {
	x := []uint64{0, 1}
	h := x
	rest := g
	for d := 1; 2*d <= len(rest)-1; d++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, fmt.Errorf("poly: factorization cancelled: %w", err)
		}
		h = m.pPowRemMonic(h, m.p, rest)
		c := m.pGCD(m.pAddSub(h, x, true), rest)
		if len(c) > 1 {
			parts = append(parts, ddfPart{d, c})
			count += (len(c) - 1) / d
			rest, _ = m.pDivRem(rest, c)
			h = m.pRemMonic(h, rest)
		}
	}
	if len(rest) > 1 {
		parts = append(parts, ddfPart{len(rest) - 1, m.pMonic(rest)})
		count++
	}
	return parts, count, nil
}

// pRemMonic returns a mod b for a monic b, reducing the accumulators only
// when they would pass 2^63.
func (m hmod) pRemMonic(a, b []uint64) []uint64 {
	db := len(b) - 1
	if len(a) <= db {
		return hTrim(slices.Clone(a))
	}
	r := slices.Clone(a)
	const top = 1 << 63
	fold := (top / m.p) * m.p
	for i := len(r) - 1; i >= db; i-- {
		c := r[i] % m.p
		if c == 0 {
			continue
		}
		c = m.p - c
		base := r[i-db : i]
		for j, y := range b[:db] {
			v := base[j] + c*y
			if v >= top {
				v -= fold
			}
			base[j] = v
		}
	}
	r = r[:db]
	for j := range r {
		r[j] %= m.p
	}
	return hTrim(r)
}

// pPowRemMonic returns a^e mod the monic b.
func (m hmod) pPowRemMonic(a []uint64, e uint64, b []uint64) []uint64 {
	a = m.pRemMonic(a, b)
	r := []uint64{1}
	for i := 63 - bits.LeadingZeros64(e); i >= 0; i-- {
		r = m.pRemMonic(m.pMul(r, r), b)
		if e>>uint(i)&1 == 1 {
			r = m.pRemMonic(m.pMul(r, a), b)
		}
	}
	return r
}

// uSplitDDF splits distinct-degree parts into irreducibles.
func (f fpCtx) uSplitDDF(parts []ddfPart, rng *rand.Rand) [][]uint64 {
	var out [][]uint64
	for _, pt := range parts {
		out = append(out, f.edf(pt.g, pt.d, rng)...)
	}
	return out
}

func (f fpCtx) addSubU(a, b []uint64, sub bool) []uint64 {
	n := max(len(a), len(b))
	out := make([]uint64, n)
	for i := range out {
		var x, y uint64
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if sub {
			out[i] = f.sub(x, y)
		} else {
			out[i] = f.add(x, y)
		}
	}
	return uTrim(out)
}

// edf splits g (monic, product of irreducibles of degree d) by
// Cantor–Zassenhaus.
func (f fpCtx) edf(g []uint64, d int, rng *rand.Rand) [][]uint64 {
	n := len(g) - 1
	if n == d {
		return [][]uint64{f.uMonic(g)}
	}
	e := new(big.Int).Exp(new(big.Int).SetUint64(f.p), big.NewInt(int64(d)), nil)
	e.Sub(e, big.NewInt(1)).Rsh(e, 1)
	for {
		a := make([]uint64, n)
		for i := range a {
			a[i] = rng.Uint64N(f.p)
		}
		a = uTrim(a)
		if len(a) <= 1 {
			continue
		}
		b := f.uPowMod(a, e, g)
		b = f.addSubU(b, []uint64{1}, true)
		c := f.uGCD(b, g)
		if len(c) > 1 && len(c) < len(g) {
			q, _ := f.uDivRem(g, c)
			return append(f.edf(c, d, rng), f.edf(f.uMonic(q), d, rng)...)
		}
	}
}

// henselStep is one quadratic lifting step (von zur Gathen–Gerhard 15.10)
// from modulus m to m2 (a divisor of m², here a power of p): f ≡ g·h,
// s·g + t·h ≡ 1 (mod m), h monic.
func henselStep(F, g, h, s, t []*big.Int, m2 *big.Int) (g2, h2, s2, t2 []*big.Int) {
	e := zpAddSubMod(F, zpMulMod(g, h, m2), m2, true)
	q, r := zpDivModMonic(zpMulMod(s, e, m2), h, m2)
	g2 = zpAddSubMod(zpAddSubMod(g, zpMulMod(t, e, m2), m2, false), zpMulMod(q, g, m2), m2, false)
	h2 = zpAddSubMod(h, r, m2, false)
	b := zpAddSubMod(zpAddSubMod(zpMulMod(s, g2, m2), zpMulMod(t, h2, m2), m2, false), []*big.Int{big.NewInt(1)}, m2, true)
	c, d := zpDivModMonic(zpMulMod(s, b, m2), h2, m2)
	s2 = zpAddSubMod(s, d, m2, true)
	t2 = zpAddSubMod(zpAddSubMod(t, zpMulMod(t, b, m2), m2, true), zpMulMod(c, g2, m2), m2, true)
	return
}

// w60 is arithmetic modulo m < 2^60 (not necessarily prime) with 128-bit
// products summed before one reduction per coefficient.
type w60 struct{ m uint64 }

func (w w60) mul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return bits.Rem64(hi, lo, w.m)
}

func (w w60) pMul(a, b []uint64) []uint64 {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	out := make([]uint64, len(a)+len(b)-1)
	for k := range out {
		var hi, lo uint64
		for i := max(0, k-len(b)+1); i <= min(k, len(a)-1); i++ {
			h, l := bits.Mul64(a[i], b[k-i])
			var c uint64
			lo, c = bits.Add64(lo, l, 0)
			if hi += h + c; hi >= 1<<62 {
				hi %= w.m // (hi·2^64 + lo) mod m is unchanged
			}
		}
		out[k] = bits.Rem64(hi%w.m, lo, w.m)
	}
	return hTrim(out)
}

func (w w60) pAddSub(a, b []uint64, sub bool) []uint64 {
	out := make([]uint64, max(len(a), len(b)))
	copy(out, a)
	for i, x := range b {
		if sub {
			if out[i] >= x {
				out[i] -= x
			} else {
				out[i] = out[i] + w.m - x
			}
		} else if out[i] += x; out[i] >= w.m {
			out[i] -= w.m
		}
	}
	return hTrim(out)
}

// pDivRemMonic divides a by the monic b.
func (w w60) pDivRemMonic(a, b []uint64) (q, r []uint64) {
	r = slices.Clone(a)
	db := len(b) - 1
	if len(a) <= db {
		return nil, hTrim(r)
	}
	q = make([]uint64, len(a)-db)
	for i := len(a) - 1; i >= db; i-- {
		c := r[i]
		q[i-db] = c
		if c == 0 {
			continue
		}
		for j := 0; j < db; j++ {
			x := w.mul(c, b[j])
			if r[i-db+j] >= x {
				r[i-db+j] -= x
			} else {
				r[i-db+j] = r[i-db+j] + w.m - x
			}
		}
		r[i] = 0
	}
	return hTrim(q), hTrim(r[:db])
}

// henselStepW is henselStep in word arithmetic, for a target modulus
// m2 < 2^60 (w60).
func henselStepW(F, g, h, s, t []uint64, m2 uint64) (g2, h2, s2, t2 []uint64) {
	m := w60{m2}
	e := m.pAddSub(F, m.pMul(g, h), true)
	q, r := m.pDivRemMonic(m.pMul(s, e), h)
	g2 = m.pAddSub(m.pAddSub(g, m.pMul(t, e), false), m.pMul(q, g), false)
	h2 = m.pAddSub(h, r, false)
	b := m.pAddSub(m.pAddSub(m.pMul(s, g2), m.pMul(t, h2), false), []uint64{1}, true)
	c, d := m.pDivRemMonic(m.pMul(s, b), h2)
	s2 = m.pAddSub(s, d, true)
	t2 = m.pAddSub(m.pAddSub(t, m.pMul(t, b), true), m.pMul(c, g2), true)
	return
}

// henselLift lifts f ≡ ℓ·Π hs (mod p), hs monic, to the least modulus
// M = p^K > bound; it returns the lifted monic factors and M. The
// precisions follow K, ⌈K/2⌉, …, 1 read backwards (each step at most
// squares the modulus), and the steps whose modulus is below 2^60 run in
// word arithmetic (w60).
func henselLift(ctx context.Context, F []*big.Int, hs [][]uint64, p uint64, bound *big.Int) ([][]*big.Int, *big.Int, error) {
	fp := hmod{p}
	bp := new(big.Int).SetUint64(p)
	K := 1
	M := new(big.Int).Set(bp)
	for M.Cmp(bound) <= 0 {
		M.Mul(M, bp)
		K++
	}
	var sched []int // exponents after each step, increasing
	for e := K; e > 1; e = (e + 1) / 2 {
		sched = append(sched, e)
	}
	slices.Reverse(sched)
	mods := make([]*big.Int, len(sched))
	for i, e := range sched {
		mods[i] = new(big.Int).Exp(bp, big.NewInt(int64(e)), nil)
	}
	out := make([][]*big.Int, len(hs))
	cur := F // the part still to split, lc = ℓ
	tmp := new(big.Int)
	for i := 0; i < len(hs)-1; i++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("poly: factorization cancelled: %w", err)
		}
		// g = cur / h_i mod p
		curP := make([]uint64, len(cur))
		for j, c := range cur {
			curP[j] = tmp.Mod(c, bp).Uint64()
		}
		gP, _ := fp.pDivRem(hTrim(curP), hs[i])
		sP, tP := fp.pExtGCD(gP, hs[i])
		gW, hW, sW, tW := gP, hs[i], sP, tP
		step := 0
		for ; step < len(sched) && mods[step].BitLen() <= 60; step++ {
			m2 := mods[step].Uint64()
			cw := make([]uint64, len(cur))
			for j, c := range cur {
				cw[j] = tmp.Mod(c, mods[step]).Uint64()
			}
			gW, hW, sW, tW = henselStepW(hTrim(cw), gW, hW, sW, tW, m2)
		}
		g, h, s, t := zpFromU(gW), zpFromU(hW), zpFromU(sW), zpFromU(tW)
		for ; step < len(sched); step++ {
			if err := ctx.Err(); err != nil {
				return nil, nil, fmt.Errorf("poly: factorization cancelled: %w", err)
			}
			g, h, s, t = henselStep(cur, g, h, s, t, mods[step])
		}
		out[i] = h
		cur = zpSym(g, M)
	}
	// the last factor: cur ≡ ℓ·h_last, make it monic mod M
	lc := cur[len(cur)-1]
	inv := new(big.Int).ModInverse(new(big.Int).Mod(lc, M), M)
	last := make([]*big.Int, len(cur))
	for j, c := range cur {
		last[j] = new(big.Int).Mod(new(big.Int).Mul(c, inv), M)
	}
	out[len(hs)-1] = last
	return out, M, nil
}

var smallOddPrimes = func() []uint64 {
	var ps []uint64
	for n := uint64(3); len(ps) < 200; n += 2 {
		if isPrime32(n) {
			ps = append(ps, n)
		}
	}
	return ps
}()

// rpUniv converts a dense coefficient list to a level-1 rp.
func rpUniv(a []*big.Int) rp {
	cs := make([]rp, len(a))
	for i, c := range a {
		cs[i] = rpInt(c)
	}
	return rpTrim(cs)
}

func rpToDense(a rp) []*big.Int {
	out := make([]*big.Int, len(a.cs))
	for i, c := range a.cs {
		if c.isZero() {
			out[i] = new(big.Int)
		} else {
			out[i] = new(big.Int).Set(c.k)
		}
	}
	return out
}

// factorSqfZ returns the irreducible factors over Z of the primitive
// square-free F (dense, degree ≥ 1, positive leading coefficient); each
// factor is primitive with positive leading coefficient.
func factorSqfZ(ctx context.Context, F []*big.Int, rng *rand.Rand) ([][]*big.Int, error) {
	n := len(F) - 1
	if n == 1 {
		return [][]*big.Int{F}, nil
	}
	lc := F[n]
	// choose a prime: the fewest modular factors, counted by distinct-degree
	// factorization only (the equal-degree split is for the chosen prime)
	var bestP uint64
	var bestParts []ddfPart
	bestCount := 0
	tried := 0
	for _, p := range smallOddPrimes {
		if tried >= 5 {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("poly: factorization cancelled: %w", err)
		}
		bp := new(big.Int).SetUint64(p)
		if new(big.Int).Mod(lc, bp).Sign() == 0 {
			continue
		}
		fp := fpCtx{p: p}
		u := make([]uint64, len(F))
		for i, c := range F {
			u[i] = new(big.Int).Mod(c, bp).Uint64()
		}
		u = fp.uMonic(u)
		d := make([]uint64, len(u)-1)
		for i := 1; i < len(u); i++ {
			d[i-1] = fp.mul(u[i], uint64(i)%p)
		}
		if g := fp.uGCD(u, uTrim(d)); len(g) > 1 {
			continue // not square-free mod p
		}
		tried++
		parts, count, err := hmod{p}.ddf(ctx, u)
		if err != nil {
			return nil, err
		}
		if bestParts == nil || count < bestCount {
			bestParts, bestCount, bestP = parts, count, p
		}
		if count == 1 {
			break
		}
	}
	if bestParts == nil {
		return nil, fmt.Errorf("poly: factorization: no suitable prime for a polynomial of degree %d", n)
	}
	if bestCount == 1 {
		return [][]*big.Int{F}, nil
	}
	best := fpCtx{p: bestP}.uSplitDDF(bestParts, rng)
	// Mignotte: any factor's coefficients are below 2^n·‖F‖_2; we need
	// M > 2·ℓ·B.
	norm2 := new(big.Int)
	for _, c := range F {
		norm2.Add(norm2, new(big.Int).Mul(c, c))
	}
	B := new(big.Int).Sqrt(norm2)
	B.Add(B, big.NewInt(1))
	B.Lsh(B, uint(n+1))
	B.Mul(B, new(big.Int).Abs(lc))
	lifted, M, err := henselLift(ctx, F, best, bestP, B)
	if err != nil {
		return nil, err
	}
	return recombine(ctx, F, lifted, M)
}

// recombine searches subsets of the lifted factors for true factors.
func recombine(ctx context.Context, F []*big.Int, hs [][]*big.Int, M *big.Int) ([][]*big.Int, error) {
	var out [][]*big.Int
	f := F
	for size := 1; 2*size <= len(hs); {
		found := false
		idx := make([]int, size)
		for i := range idx {
			idx[i] = i
		}
		for {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("poly: factorization cancelled: %w", err)
			}
			if g, ok := tryCombination(f, hs, idx, M); ok {
				out = append(out, g)
				q, _ := rpExactDiv(rpUniv(f), rpUniv(g))
				f = rpToDense(q)
				hs = withoutPositions(hs, idx)
				found = true
				break
			}
			if !nextCombination(idx, len(hs)) {
				break
			}
		}
		if !found {
			size++
		}
	}
	if len(f) > 1 {
		if f[len(f)-1].Sign() < 0 {
			for i := range f {
				f[i] = new(big.Int).Neg(f[i])
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// withoutPositions returns the elements of xs whose positions are not in
// pos (the factors left after a combination was split off).
func withoutPositions[T any](xs []T, pos []int) []T {
	var rest []T
	for i, x := range xs {
		if !slices.Contains(pos, i) {
			rest = append(rest, x)
		}
	}
	return rest
}

func nextCombination(idx []int, n int) bool {
	k := len(idx)
	for i := k - 1; i >= 0; i-- {
		if idx[i] < n-k+i {
			idx[i]++
			for j := i + 1; j < k; j++ {
				idx[j] = idx[j-1] + 1
			}
			return true
		}
	}
	return false
}

// tryCombination tests whether pp(ℓ·Π_{i∈idx} hs[i] mods M) divides f.
func tryCombination(f []*big.Int, hs [][]*big.Int, idx []int, M *big.Int) ([]*big.Int, bool) {
	lc := f[len(f)-1]
	// constant-term test
	if f[0].Sign() != 0 {
		c := new(big.Int).Set(lc)
		for _, i := range idx {
			c.Mul(c, hs[i][0]).Mod(c, M)
		}
		if c.Cmp(new(big.Int).Rsh(M, 1)) > 0 {
			c.Sub(c, M)
		}
		if c.Sign() == 0 || new(big.Int).Rem(new(big.Int).Mul(lc, f[0]), c).Sign() != 0 {
			return nil, false
		}
	}
	g := []*big.Int{new(big.Int).Set(lc)}
	for _, i := range idx {
		g = zpMulMod(g, hs[i], M)
	}
	g = zpSym(g, M)
	cont := new(big.Int)
	for _, c := range g {
		cont.GCD(nil, nil, cont, new(big.Int).Abs(c))
	}
	if cont.Sign() == 0 {
		return nil, false
	}
	for i := range g {
		g[i] = new(big.Int).Quo(g[i], cont)
	}
	if g[len(g)-1].Sign() < 0 {
		for i := range g {
			g[i].Neg(g[i])
		}
	}
	if _, ok := rpExactDiv(rpUniv(f), rpUniv(g)); !ok {
		return nil, false
	}
	return g, true
}
