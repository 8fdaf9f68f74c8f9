package poly

// Flat dense modular GCD with early termination and an exact certificate.
//
// This is the first stage of the multivariate GCD fast path (rpGCDFast). It
// computes the same object as Brown's algorithm (mgcd_modular.go) but is
// organised for speed on dense inputs with word-size coefficients:
//
//   - Polynomials modulo p live in flat []uint64 boxes in mixed radix, the
//     outermost variable most significant, so the innermost variable's
//     coefficient lists ("fibres") are contiguous, evaluation of the innermost
//     variable is one Horner pass per fibre, and the lexicographic order of
//     monomials is the numeric order of flat indices. Arithmetic modulo a
//     prime p < 2^31 uses Barrett reduction instead of a hardware division.
//
//   - Modulo p the recursion is Brown's PGCD (contents in F_p[x_L] removed,
//     evaluation of x_L at points where the leading coefficients do not
//     vanish, unlucky points filtered by the lexicographic leading monomial,
//     images scaled by g(α) with g = gcd(lc A, lc B), Newton interpolation),
//     with random evaluation points and early termination: a level stops as
//     soon as one new point does not change the interpolant (or the degree
//     bound is reached), without the trial divisions Brown's algorithm does
//     at every level. The result modulo p may therefore be wrong, with
//     probability about deg/p per level; it is never trusted.
//
//   - Over Z the inputs are first made primitive with respect to the main
//     variable x = x_0 (content in Z[x_1, …]; the direct entry from Poly
//     only accepts inputs where some coefficient in x is an integer, so
//     that this content is trivially 1), then each prime p not dividing
//     the integer lexicographic leading coefficients gives an image γ·G_p
//     (γ = their GCD, G_p monic). The first image, lifted to the symmetric
//     range, is the candidate D = pp(γ·G_p) when its coefficients fit one
//     prime, which is the common case; otherwise images are combined by
//     Chinese remaindering (larger leading monomial: unlucky prime,
//     skipped; smaller: restart) and the candidate is tested whenever a
//     new prime leaves the combination unchanged. Coefficients below 2^62
//     are kept in int64 boxes, larger ones in math/big boxes.
//
// Certificate. D is accepted only when it divides both primitive inputs A'
// and B' exactly over Z (dense lexicographic division in int64 with
// overflow detection, or over math/big). Then D divides G* = gcd(A', B'),
// so deg_x D ≤ deg_x G*. Conversely every image that reaches the bottom of
// the recursion is a univariate GCD in x over F_p, computed exactly, at a
// point β at which lc_x(A') does not vanish modulo p (each level only uses
// points where the lexicographic leading coefficient of its input stays
// nonzero, and p does not divide the integer one). Since lc_x(G*) divides
// lc_x(A'), G*(x, β) keeps its x-degree and (by Gauss's lemma over
// F_p[x_L] at each level, after the contents are removed) divides that
// image, so the image — and hence D, whose x-degree is that of the images
// (the leading coefficient of every interpolant is a nonzero interpolant of
// the values g(α) ≠ 0) — has x-degree ≥ deg_x G*. So G* = D·c with
// c ∈ Z[x_1, …], and c divides the content of G*, which is 1 because A' is
// primitive. Hence D = ±G*, and gcd(A, B) = gcd(cont A, cont B)·D. The same
// argument certifies "coprime" when the images have x-degree 0.
//
// When no candidate is certified within a number of primes covering a
// Mignotte-type coefficient bound (unlucky primes, bad points, or an input
// outside the dense size limits: more than 2^22 entries, or a box much
// sparser than the input), the caller falls back to Brown's algorithm,
// which is complete; so this stage changes the running time, never the
// result. TestGCDDenseSmallPrimes runs it with primes below 100, where
// every kind of bad luck is frequent, and checks each certified answer.
//
// References: W. S. Brown, J. ACM 18 (1971) for the recursion;
// M. Monagan and A. Wittkopf, On the design and implementation of Brown's
// algorithm over the integers and number fields, ISSAC 2000, for early
// termination and the cost analysis; Geddes–Czapor–Labahn §7.4.

import (
	"math/big"
	"math/bits"
	"slices"
	"sync"
)

// zp is arithmetic modulo a prime p < 2^32 with Barrett reduction:
// m = ⌊(2^64-1)/p⌋ makes q = ⌊x·m/2^64⌋ fall short of ⌊x/p⌋ by at most 1,
// so one conditional subtraction finishes the reduction of any x < 2^64.
type zp struct {
	p, m uint64
}

func newZp(p uint64) zp { return zp{p: p, m: ^uint64(0) / p} }

func (z zp) red(x uint64) uint64 {
	q, _ := bits.Mul64(x, z.m)
	r := x - q*z.p
	if r >= z.p {
		r -= z.p
	}
	return r
}

func (z zp) mul(a, b uint64) uint64 { return z.red(a * b) }

func (z zp) add(a, b uint64) uint64 {
	s := a + b
	if s >= z.p {
		s -= z.p
	}
	return s
}

func (z zp) sub(a, b uint64) uint64 {
	if a >= b {
		return a - b
	}
	return a + z.p - b
}

func (z zp) inv(a uint64) uint64 { return mvInvmod(a, z.p) }

// ---- univariate polynomials over F_p: []uint64, low first, trimmed ----

// uzEval is Horner's rule.
func (z zp) uzEval(a []uint64, x uint64) uint64 {
	var s uint64
	for i := len(a) - 1; i >= 0; i-- {
		s = z.red(s*x + a[i])
	}
	return s
}

// uzRemInPlace reduces a modulo b (b trimmed, nonzero) in place and returns
// the trimmed remainder (a prefix of a).
func (z zp) uzRemInPlace(a, b []uint64) []uint64 {
	db := len(b) - 1
	if db == 0 {
		return a[:0]
	}
	inv := z.inv(b[db])
	for i := len(a) - 1; i >= db; i-- {
		c := a[i]
		if c == 0 {
			continue
		}
		c = z.p - z.mul(c, inv) // subtract c·x^(i-db)·b
		off := i - db
		for j := 0; j < db; j++ {
			a[off+j] = z.red(a[off+j] + c*b[j])
		}
		a[i] = 0
	}
	return uTrim(a[:db])
}

// uzGCD returns the monic GCD of a and b (fresh slice; nil for gcd(0, 0)).
func (z zp) uzGCD(a, b []uint64) []uint64 {
	a, b = uTrim(a), uTrim(b)
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return z.uzMonic(append([]uint64(nil), a...))
	}
	if len(b) == 1 {
		return []uint64{1}
	}
	x := append([]uint64(nil), a...)
	y := append([]uint64(nil), b...)
	for len(y) > 0 {
		if len(y) == 1 {
			return []uint64{1}
		}
		x = z.uzRemInPlace(x, y)
		x, y = y, x
	}
	return z.uzMonic(x)
}

func (z zp) uzMonic(a []uint64) []uint64 {
	if len(a) == 0 || a[len(a)-1] == 1 {
		return a
	}
	inv := z.inv(a[len(a)-1])
	for i := range a {
		a[i] = z.mul(a[i], inv)
	}
	return a
}

// uzQuoInPlace replaces a by a/b (exact division assumed; b trimmed,
// nonzero) and returns the trimmed quotient, stored in a's prefix.
func (z zp) uzQuoInPlace(a, b []uint64) []uint64 {
	a = uTrim(a)
	db := len(b) - 1
	if len(a) <= db {
		return a[:0]
	}
	inv := z.inv(b[db])
	n := len(a) - db
	q := make([]uint64, n)
	for i := len(a) - 1; i >= db; i-- {
		c := a[i]
		if c == 0 {
			continue
		}
		c = z.mul(c, inv)
		q[i-db] = c
		nc := z.p - c
		off := i - db
		for j := 0; j < db; j++ {
			a[off+j] = z.red(a[off+j] + nc*b[j])
		}
		a[i] = 0
	}
	copy(a, q)
	clear(a[n:])
	return uTrim(a[:n])
}

// uzMulInto stores a·b into out (len(out) ≥ len(a)+len(b)-1, zeroed here).
func (z zp) uzMulInto(out, a, b []uint64) {
	clear(out)
	for i, x := range a {
		if x == 0 {
			continue
		}
		for j, y := range b {
			out[i+j] = z.red(out[i+j] + x*y)
		}
	}
}

// uzGCDcc is uzGCD polling the context once per remainder.
func (s *dgcd) uzGCDcc(a, b []uint64) []uint64 {
	if len(a) < 256 && len(b) < 256 {
		return s.z.uzGCD(a, b)
	}
	a, b = uTrim(a), uTrim(b)
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return s.z.uzMonic(append([]uint64(nil), a...))
	}
	x := append([]uint64(nil), a...)
	y := append([]uint64(nil), b...)
	for len(y) > 1 {
		s.cc.check()
		x = s.z.uzRemInPlace(x, y)
		x, y = y, x
	}
	if len(y) == 1 {
		return []uint64{1}
	}
	return s.z.uzMonic(x)
}

// ---- dense boxes over F_p ----

// dbox is a polynomial in k variables over F_p stored densely: dims[i] is
// the extent (degree bound + 1) of variable i, variable 0 outermost, and
// c has length Π dims in mixed radix (last variable contiguous). Entries
// beyond a polynomial's actual degrees are zero.
type dbox struct {
	dims []int
	c    []uint64
}

func boxSize(dims []int) int {
	n := 1
	for _, d := range dims {
		n *= d
	}
	return n
}

// top returns the flat index of the last nonzero entry (the lexicographic
// leading monomial), or -1 for zero.
func (b dbox) top() int {
	for i := len(b.c) - 1; i >= 0; i-- {
		if b.c[i] != 0 {
			return i
		}
	}
	return -1
}

// dgcd holds the state of one modular GCD computation.
type dgcd struct {
	z   zp
	rng uint64
	cc  *canceler
	lv  []*lvlBuf // scratch per number of variables
}

// lvlBuf is the scratch storage of gcd for one number of variables k.
// Calls with the same k never overlap (each recursion level calls the next
// one at a time), so they can share it; the box gcd returns lives in out
// and stays valid until the next call with the same k.
type lvlBuf struct {
	gd, hdims    []int
	evA, evB     []uint64 // evaluated inputs handed to level k-1
	lensA, lensB []int32
	H, out, tmp  []uint64
	q, qa, used  []uint64
	hnz          []bool
}

func (s *dgcd) buf(k int) *lvlBuf {
	for len(s.lv) <= k {
		s.lv = append(s.lv, new(lvlBuf))
	}
	return s.lv[k]
}

// release returns the large scratch buffers to the pool; boxes returned by
// gcd are invalid afterwards.
func (s *dgcd) release() {
	for _, b := range s.lv {
		for _, x := range [][]uint64{b.evA, b.evB, b.H, b.out} {
			putU64(x)
		}
	}
	s.lv = nil
}

// Pools of large scratch slices: one GCD of the benchmark inputs would
// otherwise allocate about a megabyte of boxes, and the garbage collector
// that follows is what makes timings jump on a loaded machine.
var u64Pool, i64Pool sync.Pool

const poolMin = 512

// getU64 returns a zeroed slice of n entries, from the pool when possible.
func getU64(n int) []uint64 {
	if n >= poolMin {
		if v, ok := u64Pool.Get().(*[]uint64); ok {
			if cap(*v) >= n {
				b := (*v)[:n]
				clear(b)
				return b
			}
		}
	}
	return make([]uint64, n)
}

func putU64(b []uint64) {
	if cap(b) >= poolMin {
		u64Pool.Put(&b)
	}
}

// getI64 is getU64 for int64.
func getI64(n int) []int64 {
	if n >= poolMin {
		if v, ok := i64Pool.Get().(*[]int64); ok {
			if cap(*v) >= n {
				b := (*v)[:n]
				clear(b)
				return b
			}
		}
	}
	return make([]int64, n)
}

func putI64(b []int64) {
	if cap(b) >= poolMin {
		i64Pool.Put(&b)
	}
}

// growU64 is grow for the large buffers, drawing new ones from the pool.
func growU64(buf []uint64, n int) []uint64 {
	if cap(buf) < n {
		putU64(buf)
		return getU64(n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

// grow returns buf resized to n entries, zeroed.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

func (s *dgcd) rand() uint64 {
	// xorshift64*
	s.rng ^= s.rng >> 12
	s.rng ^= s.rng << 25
	s.rng ^= s.rng >> 27
	return (s.rng * 2685821657736338717) % s.z.p
}

// fibreContent returns the monic GCD of the nonzero fibres (coefficient
// lists in the last variable) of a, stopping at 1.
func (s *dgcd) fibreContent(a dbox) []uint64 {
	L := a.dims[len(a.dims)-1]
	var g []uint64
	for off := len(a.c) - L; off >= 0; off -= L {
		f := uTrim(a.c[off : off+L])
		if len(f) == 0 {
			continue
		}
		if g == nil {
			g = s.z.uzMonic(append([]uint64(nil), f...))
		} else {
			g = s.z.uzGCD(g, f)
		}
		if len(g) == 1 {
			return g
		}
	}
	return g
}

// divFibres divides every fibre of a by c in place (exact).
func (s *dgcd) divFibres(a dbox, c []uint64) {
	L := a.dims[len(a.dims)-1]
	for off := 0; off < len(a.c); off += L {
		f := a.c[off : off+L]
		s.z.uzQuoInPlace(f, c)
	}
}

// leadFibre is the fibre of the lexicographically largest monomial in the
// first k-1 variables.
func leadFibre(a dbox) []uint64 {
	L := a.dims[len(a.dims)-1]
	t := a.top()
	off := t - t%L
	return uTrim(a.c[off : off+L])
}

// lastDeg is the degree of a in its last variable.
func lastDeg(a dbox) int {
	L := a.dims[len(a.dims)-1]
	d := -1
	for off := 0; off < len(a.c); off += L {
		for i := L - 1; i > d; i-- {
			if a.c[off+i] != 0 {
				d = i
				break
			}
		}
	}
	return d
}

// fibreLens stores the trimmed length of every fibre of a in out (reused
// when large enough) and returns it.
func fibreLens(a dbox, out []int32) []int32 {
	L := a.dims[len(a.dims)-1]
	out = grow(out, len(a.c)/L)
	for i := range out {
		f := a.c[i*L : i*L+L]
		j := L
		for j > 0 && f[j-1] == 0 {
			j--
		}
		out[i] = int32(j)
	}
	return out
}

// evalLast evaluates the last variable of a at x into out (reused when
// large enough); lens are a's fibre lengths (fibreLens).
func (s *dgcd) evalLast(a dbox, lens []int32, x uint64, out []uint64) dbox {
	k := len(a.dims)
	L := a.dims[k-1]
	res := dbox{dims: a.dims[:k-1], c: growU64(out, len(lens))}
	z := s.z
	for i, n := range lens {
		if n == 0 {
			continue
		}
		f := a.c[i*L : i*L+int(n)]
		v := f[len(f)-1]
		for j := len(f) - 2; j >= 0; j-- {
			v = z.red(v*x + f[j])
		}
		res.c[i] = v
	}
	return res
}

func (s *dgcd) monicBox(a dbox) {
	t := a.top()
	if t < 0 || a.c[t] == 1 {
		return
	}
	inv := s.z.inv(a.c[t])
	for i, x := range a.c {
		if x != 0 {
			a.c[i] = s.z.mul(x, inv)
		}
	}
}

// gcd returns the GCD of the nonzero boxes A and B (same number of
// variables), monic in the lexicographic order, in a box whose extents are
// the minima of A's and B's; ok is false when no result was found (the
// field ran out of points or an image was inconsistent). A and B may be
// modified.
func (s *dgcd) gcd(A, B dbox) (G dbox, ok bool) {
	k := len(A.dims)
	b := s.buf(k)
	gd := grow(b.gd, k)
	b.gd = gd
	for i := range gd {
		gd[i] = min(A.dims[i], B.dims[i])
	}
	z := s.z
	if k == 1 {
		g := s.uzGCDcc(A.c, B.c)
		if len(g) > gd[0] {
			return dbox{}, false
		}
		b.out = growU64(b.out, gd[0])
		copy(b.out, g)
		return dbox{dims: gd, c: b.out}, true
	}
	s.cc.check()
	ca, cb := s.fibreContent(A), s.fibreContent(B)
	c := z.uzGCD(ca, cb)
	if len(ca) > 1 {
		s.divFibres(A, ca)
	}
	if len(cb) > 1 {
		s.divFibres(B, cb)
	}
	la, lb := leadFibre(A), leadFibre(B)
	b.lensA, b.lensB = fibreLens(A, b.lensA), fibreLens(B, b.lensB)
	g := z.uzGCD(la, lb)
	dA, dB := lastDeg(A), lastDeg(B)
	outL := gd[k-1]
	bound := len(g) - 1 + min(dA, dB)
	capL := bound + 1
	inner := gd[:k-1]
	nf := boxSize(inner) // number of fibres of H
	b.H = growU64(b.H, nf*capL)
	H := b.H
	b.hnz = grow(b.hnz, nf)
	hnz := b.hnz // fibres of H that are not zero
	hlm := -1    // lexicographic leading index of the images in use
	b.q = grow(b.q, capL+1)[:1]
	q := b.q
	q[0] = 1
	b.qa = grow(b.qa, capL+1)
	qa := b.qa
	used := b.used[:0]
	n := 0
	done := false
	for tries := 0; !done; tries++ {
		if tries > 3*capL+20 {
			return dbox{}, false
		}
		alpha := s.rand()
		if z.uzEval(la, alpha) == 0 || z.uzEval(lb, alpha) == 0 {
			continue
		}
		dup := false
		for _, u := range used[:n] {
			if u == alpha {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		eA := s.evalLast(A, b.lensA, alpha, b.evA)
		eB := s.evalLast(B, b.lensB, alpha, b.evB)
		b.evA, b.evB = eA.c, eB.c
		Ca, ok := s.gcd(eA, eB)
		if !ok {
			return dbox{}, false
		}
		lm := Ca.top()
		if lm == 0 {
			// the primitive parts are coprime: the GCD is c
			if len(c) > outL {
				return dbox{}, false
			}
			b.out = growU64(b.out, boxSize(gd))
			copy(b.out, c)
			return dbox{dims: gd, c: b.out}, true
		}
		if n > 0 && lm > hlm {
			continue // unlucky point
		}
		ga := z.uzEval(g, alpha)
		if n == 0 || lm < hlm {
			// (re)start the interpolation
			clear(H)
			for f, x := range Ca.c {
				H[f*capL] = z.mul(x, ga)
				hnz[f] = x != 0
			}
			q = q[:2]
			q[0], q[1] = z.sub(0, alpha), 1
			used = append(used[:0], alpha)
			hlm, n = lm, 1
			done = n > bound
			continue
		}
		// Newton step: H += (C(α) - H(α))/q(α) · q
		qinv := z.inv(z.uzEval(q, alpha))
		changed := false
		for f, x := range Ca.c {
			if x == 0 && !hnz[f] {
				continue
			}
			hf := H[f*capL : f*capL+n]
			d := z.sub(z.mul(x, ga), z.uzEval(hf, alpha))
			if d == 0 {
				continue
			}
			changed = true
			hnz[f] = true
			d = z.mul(d, qinv)
			hf = H[f*capL : f*capL+n+1]
			for j, y := range q {
				hf[j] = z.red(hf[j] + d*y)
			}
		}
		// q ← q·(x - α)
		na := z.sub(0, alpha)
		clear(qa)
		for j, y := range q {
			qa[j+1] = z.add(qa[j+1], y)
			qa[j] = z.add(qa[j], z.mul(y, na))
		}
		q = append(q[:0], qa[:len(q)+1]...)
		used = append(used, alpha)
		n++
		done = !changed || n > bound
	}
	b.used = used
	// G = c · pp(H), with pp the primitive part over F_p[x_last]
	b.hdims = append(append(b.hdims[:0], inner...), capL)
	Hb := dbox{dims: b.hdims, c: H}
	if ch := s.fibreContent(Hb); len(ch) > 1 {
		s.divFibres(Hb, ch)
	}
	b.out = growU64(b.out, boxSize(gd))
	out := b.out
	b.tmp = grow(b.tmp, capL+len(c))
	for f := 0; f < nf; f++ {
		if !hnz[f] {
			continue
		}
		hf := uTrim(H[f*capL : f*capL+capL])
		if len(hf) == 0 {
			continue
		}
		if len(hf)+len(c)-1 > outL {
			return dbox{}, false
		}
		t := b.tmp[:len(hf)+len(c)-1]
		z.uzMulInto(t, hf, c)
		copy(out[f*outL:], t)
	}
	G = dbox{dims: gd, c: out}
	s.monicBox(G)
	return G, true
}

// ---- over Z ----

// zbox is an integer polynomial in a dense box (see dbox): coefficients in
// c as int64 (below 2^62 in absolute value), or, when some coefficient is
// larger, all of them in big (nil entries are zero) and c is nil.
type zbox struct {
	dims []int
	c    []int64
	big  []*big.Int
}

// at returns the coefficient at flat index i.
func (b zbox) at(i int) *big.Int {
	if b.big != nil {
		if b.big[i] == nil {
			return new(big.Int)
		}
		return b.big[i]
	}
	return big.NewInt(b.c[i])
}

// setBig moves b to the big representation.
func (b *zbox) setBig() {
	b.big = make([]*big.Int, len(b.c))
	for i, x := range b.c {
		if x != 0 {
			b.big[i] = big.NewInt(x)
		}
	}
	b.c = nil
}

// maxDenseBox bounds the boxes of the dense path (entries); larger or
// sparser inputs go to Brown's algorithm directly.
const maxDenseBox = 1 << 22

// rpToZbox converts a (level k ≥ 1) into a box with the given extents.
func rpToZbox(a rp, dims []int) zbox {
	b := zbox{dims: dims, c: make([]int64, boxSize(dims))}
	strides := make([]int, len(dims))
	st := 1
	for i := len(dims) - 1; i >= 0; i-- {
		strides[i] = st
		st *= dims[i]
	}
	var walk func(a rp, lvl, off int)
	walk = func(a rp, lvl, off int) {
		if a.isZero() {
			return
		}
		if lvl == len(dims) {
			if b.big == nil && a.k.IsInt64() && bits.Len64(uint64(absInt64(a.k.Int64()))) <= 62 {
				b.c[off] = a.k.Int64()
				return
			}
			if b.big == nil {
				b.setBig()
			}
			b.big[off] = a.k
			return
		}
		for i, c := range a.cs {
			walk(c, lvl+1, off+i*strides[lvl])
		}
	}
	walk(a, 0, 0)
	return b
}

func absInt64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// rpDegs returns the maximal degree of a (level k) in each variable, and
// the number of terms.
func rpDegs(a rp, k int) ([]int, int) {
	d := make([]int, k)
	for i := range d {
		d[i] = -1
	}
	n := 0
	var walk func(a rp, lvl int)
	walk = func(a rp, lvl int) {
		if a.isZero() {
			return
		}
		if lvl == k {
			n++
			return
		}
		d[lvl] = max(d[lvl], len(a.cs)-1)
		for _, c := range a.cs {
			walk(c, lvl+1)
		}
	}
	walk(a, 0)
	return d, n
}

// denseOK reports whether a box of the given extents is acceptable for a
// polynomial with n terms: not too large, and not too sparse (the dense
// path evaluates every entry of the box at every point).
func denseOK(dims []int, n int) bool {
	s := boxSize(dims)
	return s <= maxDenseBox && s <= 64*n+4096
}

func zboxToRp(b zbox) rp {
	var build func(lvl, off, stride int) rp
	build = func(lvl, off, stride int) rp {
		if lvl == len(b.dims) {
			if b.big != nil {
				if b.big[off] == nil || b.big[off].Sign() == 0 {
					return rp{}
				}
				return rp{k: b.big[off]}
			}
			if b.c[off] == 0 {
				return rp{}
			}
			return rp{k: big.NewInt(b.c[off])}
		}
		st := stride / b.dims[lvl]
		cs := make([]rp, b.dims[lvl])
		for i := range cs {
			cs[i] = build(lvl+1, off+i*st, st)
		}
		return rpTrim(cs)
	}
	return build(0, 0, boxSize(b.dims))
}

func (b zbox) toMod(z zp) dbox {
	out := dbox{dims: b.dims, c: getU64(boxSize(b.dims))}
	if b.big != nil {
		bp := new(big.Int).SetUint64(z.p)
		t := new(big.Int)
		for i, x := range b.big {
			if x != nil {
				out.c[i] = t.Mod(x, bp).Uint64()
			}
		}
		return out
	}
	p := int64(z.p)
	for i, x := range b.c {
		r := x % p
		if r < 0 {
			r += p
		}
		out.c[i] = uint64(r)
	}
	return out
}

// zboxDivides reports whether d divides a over Z, by dense division in the
// lexicographic order (the numeric order of flat indices, with no carries
// as long as every quotient monomial stays inside a's box, which holds for
// an exact division). overflow is set when int64 arithmetic could not
// decide; divides is then meaningless.
func zboxDivides(a, d zbox, cc *canceler) (divides, overflow bool) {
	if a.big != nil || d.big != nil {
		return false, true
	}
	k := len(a.dims)
	if len(d.dims) != k {
		return false, false
	}
	// terms of d re-indexed in a's radix
	astr := make([]int, k)
	st := 1
	for i := k - 1; i >= 0; i-- {
		astr[i] = st
		st *= a.dims[i]
	}
	type term struct {
		off int
		c   int64
	}
	var ts []term
	ddig := make([]int, k) // digits of d's leading monomial
	dmax := make([]int, k) // degrees of d
	e := make([]int, k)
	for idx, x := range d.c {
		if x == 0 {
			continue
		}
		r, off := idx, 0
		for i := k - 1; i >= 0; i-- {
			e[i] = r % d.dims[i]
			r /= d.dims[i]
			if e[i] >= a.dims[i] {
				return false, false // degree of d exceeds a's
			}
			off += e[i] * astr[i]
			dmax[i] = max(dmax[i], e[i])
		}
		if x >= 1<<31 || x <= -(1<<31) {
			return false, true
		}
		ts = append(ts, term{off, x})
		copy(ddig, e) // the last nonzero is the leading monomial
	}
	if len(ts) == 0 {
		return false, false
	}
	lt := ts[len(ts)-1]
	ts = ts[:len(ts)-1]
	offs := make([]int, len(ts))
	cs := make([]int64, len(ts))
	for i, m := range ts {
		offs[i], cs[i] = m.off, m.c
	}
	cs = cs[:len(offs)]
	r := getI64(len(a.c))
	copy(r, a.c)
	defer putI64(r)
	for idx := len(r) - 1; idx >= 0; idx-- {
		c := r[idx]
		if c == 0 {
			continue
		}
		if idx < lt.off {
			return false, false
		}
		// the quotient monomial t = idx - lt.off must have digits
		// 0 ≤ t_i ≤ deg_i a - deg_i d (in an exact division degrees add
		// up), so that no product t·m carries between digits
		rr := idx
		for i := k - 1; i >= 0; i-- {
			di := rr % a.dims[i]
			rr /= a.dims[i]
			if di < ddig[i] || di-ddig[i]+dmax[i] >= a.dims[i] {
				return false, false
			}
		}
		if c%lt.c != 0 {
			return false, false
		}
		cc.check()
		q := c / lt.c
		if q >= 1<<31 || q <= -(1<<31) {
			return false, true
		}
		// r -= q·t·(d - lt), branch-free overflow detection: x - pr
		// overflows iff x and pr differ in sign and so do the result and x
		w := r[idx-lt.off : idx]
		var ov int64
		for i, o := range offs {
			x := w[o]
			pr := q * cs[i]
			y := x - pr
			ov |= (x ^ pr) & (y ^ x)
			w[o] = y
		}
		if ov < 0 {
			return false, true
		}
		r[idx] = 0
	}
	return true, false
}

// rpContentMain returns the content of a (level ≥ 1, integer content 1)
// with respect to the main variable, of level L-1, using gcd for the
// coefficient GCDs; a coefficient free of the other variables makes it 1.
func rpContentMain(a rp, gcd func(a, b rp) rp) rp {
	lvl := a.level()
	for _, c := range a.cs {
		if !c.isZero() && rpIsConstant(c) {
			return rpOne(lvl - 1)
		}
	}
	return rpContentWith(a, gcd)
}

// rpIsConstant reports whether a nonzero a involves no variable.
func rpIsConstant(a rp) bool {
	for a.k == nil {
		if len(a.cs) != 1 {
			return false
		}
		a = a.cs[0]
	}
	return true
}

// rpGCDDense is the flat dense modular GCD with a certified result (see
// the file comment) of A and B of the same level ≥ 1; ok is false when it
// declined or found no certified candidate. The result is normalized like
// rpGCD's.
func rpGCDDense(A, B rp, cc *canceler) (rp, bool) {
	lvl := A.level()
	if B.level() != lvl || lvl == 0 {
		return rp{}, false
	}
	// decline before the contents are computed when the boxes would be too
	// large or too sparse (removing contents lowers degrees and term
	// counts alike, so the test after it rarely differs)
	for _, X := range []rp{A, B} {
		d, n := rpDegs(X, lvl)
		for i := range d {
			d[i]++
		}
		if !denseOK(d, n) {
			return rp{}, false
		}
	}
	// integer contents
	ia, ib := new(big.Int), new(big.Int)
	rpIntContent(A, ia)
	rpIntContent(B, ib)
	ic := new(big.Int).GCD(nil, nil, ia, ib)
	if ia.Cmp(mvOne) != 0 {
		A, _ = rpExactDiv(A, rp{k: ia})
	}
	if ib.Cmp(mvOne) != 0 {
		B, _ = rpExactDiv(B, rp{k: ib})
	}
	if A.deg() == 0 || B.deg() == 0 {
		// the level-(L-1) GCD of the contents is the whole GCD
		return rp{}, false
	}
	// contents in the main variable
	var cg rp
	if lvl > 1 {
		gcd := func(a, b rp) rp { return rpGCDFast(a, b, cc) }
		ca, cb := rpContentMain(A, gcd), rpContentMain(B, gcd)
		if !rpIsUnit(ca) {
			A, _ = rpDivCoef(A, ca)
		}
		if !rpIsUnit(cb) {
			B, _ = rpDivCoef(B, cb)
		}
		if rpIsUnit(ca) || rpIsUnit(cb) {
			cg = rpOne(lvl - 1)
		} else {
			cg = gcd(ca, cb)
		}
	}
	finish := func(D rp) rp {
		if lvl > 1 {
			D = rpMulCoef(D, cg)
		}
		return rpNormSign(rpScale(D, ic))
	}
	dA, nA := rpDegs(A, lvl)
	dB, nB := rpDegs(B, lvl)
	for i := range dA {
		dA[i]++
		dB[i]++
	}
	if !denseOK(dA, nA) || !denseOK(dB, nB) {
		return rp{}, false
	}
	D, coprime, ok := zboxGCD(rpToZbox(A, dA), rpToZbox(B, dB), cc)
	if !ok {
		return rp{}, false
	}
	if coprime {
		return finish(rpOne(lvl)), true
	}
	h := finish(zboxToRp(D))
	putI64(D.c)
	return h, true
}

// zboxGCD is the core of the dense path: A and B are integer boxes with
// integer content 1, primitive with respect to the main variable (content
// in Z[x_1, …] equal to 1) and of positive degree in it. It returns the
// primitive GCD D with positive lexicographic leading coefficient, or
// coprime = true when the GCD is 1; ok is false when no certified candidate
// was found (see the file comment for the certificate).
func zboxGCD(A, B zbox, cc *canceler) (D zbox, coprime, ok bool) {
	// enough primes for a Mignotte-type bound on the GCD's coefficients,
	// 2^(total degree)·‖A‖, times γ (a few to spare for unlucky primes)
	deg := 0
	for i := range A.dims {
		deg += min(A.dims[i], B.dims[i]) - 1
	}
	maxPrimes := 4 + (2*max(A.maxBits(), B.maxBits())+deg+32)/30
	return zboxGCDPrimes(A, B, cc, 1<<31-1, maxPrimes)
}

// zboxGCDPrimes is zboxGCD trying at most maxPrimes primes below start
// (tests use small primes to provoke unlucky primes and points).
//
// Each prime gives the image γ·G_p (γ = gcd of the integer lexicographic
// leading coefficients). Images are combined by Chinese remaindering in the
// symmetric range; one with a larger leading monomial than the current
// combination comes from an unlucky prime (p divides a subresultant's
// leading coefficient) and is skipped, a smaller one restarts the
// combination. The candidate pp(H) is tested after the first prime of a
// combination when the word-size test applies (it costs little and
// usually succeeds: the GCD's coefficients are small) and whenever a prime
// leaves H unchanged.
func zboxGCDPrimes(A, B zbox, cc *canceler, start uint64, maxPrimes int) (D zbox, coprime, ok bool) {
	la, lb := A.at(A.top()), B.at(B.top())
	gamma := new(big.Int).GCD(nil, nil, new(big.Int).Abs(la), new(big.Int).Abs(lb))
	small := A.big == nil && B.big == nil
	var Arp, Brp rp // built on first use
	verifyBig := func(D zbox) bool {
		if Arp.isZero() {
			Arp, Brp = zboxToRp(A), zboxToRp(B)
		}
		Drp := zboxToRp(D)
		if _, ok := rpExactDiv(Arp, Drp); !ok {
			return false
		}
		_, ok := rpExactDiv(Brp, Drp)
		return ok
	}
	prime := start
	bp, tm := new(big.Int), new(big.Int)
	var H []*big.Int // CRT image of γ·G, symmetric mod M
	M := new(big.Int)
	htop := -1
	for np := 0; np < maxPrimes; np++ {
		for {
			if prime <= 2 {
				// no smaller prime (mvPrevPrime(2) would wrap around);
				// only tests start this low
				return zbox{}, false, false
			}
			prime = mvPrevPrime(prime)
			bp.SetUint64(prime)
			if tm.Mod(la, bp).Sign() != 0 && tm.Mod(lb, bp).Sign() != 0 {
				break
			}
		}
		cc.checkNow()
		// one prime; done reports a final answer in D, coprime
		done := func() bool {
			s := &dgcd{z: newZp(prime), rng: 0x9E3779B97F4A7C15 ^ prime, cc: cc}
			defer s.release()
			Am, Bm := A.toMod(s.z), B.toMod(s.z)
			G, ok := s.gcd(Am, Bm)
			putU64(Am.c)
			putU64(Bm.c)
			if !ok {
				return false
			}
			top := G.top()
			if top/(len(G.c)/G.dims[0]) == 0 {
				// x-degree 0 at good points: the inputs are coprime
				coprime = true
				return true
			}
			if htop >= 0 && top > htop {
				return false // unlucky prime
			}
			gm := tm.Mod(gamma, bp).Uint64()
			for i, x := range G.c {
				if x != 0 {
					G.c[i] = s.z.mul(x, gm)
				}
			}
			if htop < 0 || top < htop {
				// (re)start the combination with this image
				if small {
					if D, ok = verifySmall(A, B, G, prime, top, verifyBig, cc); ok {
						return true
					}
				}
				htop = top
				M.Set(bp)
				H = make([]*big.Int, len(G.c))
				half := prime / 2
				for i, x := range G.c {
					if x > half {
						H[i] = big.NewInt(-int64(prime - x))
					} else if x != 0 {
						H[i] = big.NewInt(int64(x))
					}
				}
				return false
			}
			if crtStep(H, G.c, M, bp, prime) {
				return false // changed: more primes needed
			}
			D = zbox{dims: slices.Clone(G.dims), big: ppBig(H, top)}
			return verifyBig(D)
		}()
		if done {
			return D, coprime, true
		}
	}
	return zbox{}, false, false
}

// verifySmall tests the one-prime candidate pp(γ·G mod p), lifted to the
// symmetric range, by the int64 exact division (math/big on overflow).
func verifySmall(A, B zbox, G dbox, prime uint64, top int, verifyBig func(zbox) bool, cc *canceler) (zbox, bool) {
	D := zbox{dims: slices.Clone(G.dims), c: getI64(len(G.c))}
	half := prime / 2
	var ucont uint64
	for i, y := range G.c {
		if y == 0 {
			continue
		}
		var v int64
		if y > half {
			v = -int64(prime - y)
		} else {
			v = int64(y)
		}
		D.c[i] = v
		ucont = gcdU64(ucont, uint64(absInt64(v)))
	}
	cont := int64(ucont)
	if D.c[top] < 0 {
		cont = -cont
	}
	if cont != 1 {
		for i := range D.c {
			D.c[i] /= cont
		}
	}
	okA, ovA := zboxDivides(A, D, cc)
	okB, ovB := false, false
	if okA || ovA {
		okB, ovB = zboxDivides(B, D, cc)
	}
	if (!okA && !ovA) || (!okB && !ovB) || ((ovA || ovB) && !verifyBig(D)) {
		putI64(D.c)
		return zbox{}, false
	}
	return D, true
}

// crtStep combines H (symmetric mod M) with r (mod p) into the symmetric
// representative mod M·p, updating M; it reports whether any entry changed.
func crtStep(H []*big.Int, r []uint64, M, bp *big.Int, p uint64) bool {
	z := newZp(p)
	tm := new(big.Int)
	minv := z.inv(tm.Mod(M, bp).Uint64())
	MP := new(big.Int).Mul(M, bp)
	half := new(big.Int).Rsh(MP, 1)
	changed := false
	for i, h := range H {
		var cur uint64
		if h != nil {
			cur = tm.Mod(h, bp).Uint64()
		}
		t := z.mul(z.sub(r[i], cur), minv)
		if t == 0 {
			continue
		}
		changed = true
		if h == nil {
			h = new(big.Int)
			H[i] = h
		}
		h.Add(h, tm.Mul(M, tm.SetUint64(t)))
		if h.Cmp(half) > 0 {
			h.Sub(h, MP)
		}
	}
	M.Set(MP)
	return changed
}

// ppBig returns H divided by the GCD of its entries, with the sign making
// H[top] positive (fresh big.Ints; nil entries stay nil).
func ppBig(H []*big.Int, top int) []*big.Int {
	c := new(big.Int)
	for _, h := range H {
		if h != nil && h.Sign() != 0 {
			c.GCD(nil, nil, c, new(big.Int).Abs(h))
		}
	}
	if H[top].Sign() < 0 {
		c.Neg(c)
	}
	out := make([]*big.Int, len(H))
	for i, h := range H {
		if h != nil && h.Sign() != 0 {
			out[i] = new(big.Int).Quo(h, c)
		}
	}
	return out
}

// maxBits is the bit length of the largest coefficient.
func (b zbox) maxBits() int {
	m := 0
	if b.big != nil {
		for _, x := range b.big {
			if x != nil {
				m = max(m, x.BitLen())
			}
		}
		return m
	}
	for _, x := range b.c {
		m = max(m, bits.Len64(uint64(absInt64(x))))
	}
	return m
}

func (b zbox) top() int {
	if b.big != nil {
		for i := len(b.big) - 1; i >= 0; i-- {
			if b.big[i] != nil && b.big[i].Sign() != 0 {
				return i
			}
		}
		return -1
	}
	for i := len(b.c) - 1; i >= 0; i-- {
		if b.c[i] != 0 {
			return i
		}
	}
	return -1
}

func gcdU64(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// gcdDenseDirect is the dense path straight from the term lists, skipping
// the recursive representation, for the common case of integer
// coefficients below 2^62 whose contents with respect to the main variable
// vars[0] are trivially integers (some term of each input is free of the
// other variables). ok is false when it does not apply or found nothing;
// the result is normalized as by GCD.
func gcdDenseDirect(f, g *Poly, vars []int, cc *canceler) (*Poly, bool) {
	dF, okF := polyDims(f, vars)
	dG, okG := polyDims(g, vars)
	if !okF || !okG || dF[0] < 2 || dG[0] < 2 {
		return nil, false
	}
	A, B := polyToZbox(f, vars, dF), polyToZbox(g, vars, dG)
	D, coprime, ok := zboxGCD(A, B, cc)
	putI64(A.c)
	putI64(B.c)
	if !ok {
		return nil, false
	}
	if coprime {
		return f.r.One(), true
	}
	h := zboxToPoly(D, f.r, vars)
	putI64(D.c)
	return h, true
}

// zboxToPoly converts the primitive integer polynomial b (variables vars of
// R) to a Poly with a positive leading coefficient in R's order.
func zboxToPoly(b zbox, R *Ring, vars []int) *Poly {
	n := 0
	size := boxSize(b.dims)
	for i := range size {
		if b.at(i).Sign() != 0 {
			n++
		}
	}
	nv := R.NumVars()
	mons := make([]uint32, n*nv)
	ts := make([]Term, 0, n)
	k := len(vars)
	for idx := range size {
		var c *big.Rat
		if b.big != nil {
			if b.big[idx] == nil || b.big[idx].Sign() == 0 {
				continue
			}
			c = new(big.Rat).SetInt(b.big[idx])
		} else {
			if b.c[idx] == 0 {
				continue
			}
			c = new(big.Rat).SetInt64(b.c[idx])
		}
		m := Monomial(mons[len(ts)*nv : (len(ts)+1)*nv : (len(ts)+1)*nv])
		r := idx
		for i := k - 1; i >= 0; i-- {
			m[vars[i]] = uint32(r % b.dims[i])
			r /= b.dims[i]
		}
		ts = append(ts, Term{Mon: m, Coef: c})
	}
	p := R.canonical(ts)
	if !p.IsZero() && p.terms[0].Coef.Sign() < 0 {
		for _, t := range p.terms {
			t.Coef.Neg(t.Coef)
		}
	}
	return p
}

// polyDims returns the extents (degree + 1) of p in vars, and whether p
// qualifies for gcdDenseDirect: integer coefficients, and some coefficient
// with respect to the main variable vars[0] that is a nonzero integer (so
// that the content in the main variable is an integer).
func polyDims(p *Poly, vars []int) ([]int, bool) {
	d := make([]int, len(vars))
	for _, t := range p.terms {
		if !t.Coef.IsInt() {
			return nil, false
		}
		for i, v := range vars {
			d[i] = max(d[i], int(t.Mon[v])+1)
		}
	}
	if !denseOK(d, len(p.terms)) {
		return nil, false
	}
	// constCoef[k]: 1 while every term with x-degree k is free of the
	// other variables, -1 once one is not
	constCoef := make([]int8, d[0])
	for _, t := range p.terms {
		k := t.Mon[vars[0]]
		other := false
		for _, v := range vars[1:] {
			if t.Mon[v] != 0 {
				other = true
				break
			}
		}
		switch {
		case other:
			constCoef[k] = -1
		case constCoef[k] == 0:
			constCoef[k] = 1
		}
	}
	for _, c := range constCoef {
		if c == 1 {
			return d, true
		}
	}
	return nil, false
}

// polyToZbox fills a box with the integer coefficients of p divided by
// their GCD.
func polyToZbox(p *Poly, vars []int, dims []int) zbox {
	b := zbox{dims: dims, c: getI64(boxSize(dims))}
	var cont uint64
	for _, t := range p.terms {
		off := 0
		for i, v := range vars {
			off = off*dims[i] + int(t.Mon[v])
		}
		n := t.Coef.Num()
		if b.big == nil && n.IsInt64() && bits.Len64(uint64(absInt64(n.Int64()))) <= 62 {
			x := n.Int64()
			b.c[off] = x
			cont = gcdU64(cont, uint64(absInt64(x)))
			continue
		}
		if b.big == nil {
			b.setBig()
		}
		b.big[off] = n
	}
	if b.big != nil {
		c := new(big.Int)
		for _, x := range b.big {
			if x != nil {
				c.GCD(nil, nil, c, new(big.Int).Abs(x))
			}
		}
		if c.Cmp(mvOne) != 0 {
			for i, x := range b.big {
				if x != nil {
					b.big[i] = new(big.Int).Quo(x, c)
				}
			}
		}
		return b
	}
	if cont > 1 {
		for i := range b.c {
			b.c[i] /= int64(cont)
		}
	}
	return b
}
