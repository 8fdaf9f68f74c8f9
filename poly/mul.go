package poly

// Multiplication of sparse polynomials.
//
// Mul dispatches between these implementations:
//
//   - MulTerm: one operand is a single term (a monomial shift and scaling,
//     which preserves the order, so no sorting is needed);
//   - mulPacked: the common case. Both operands are brought to integer
//     coefficients (p = P/dp, q = Q/dq with dp, dq the LCMs of the
//     denominators; when all denominators are 1 this costs nothing), so the
//     O(#p·#q) inner loop multiplies machine or big integers and the
//     rationals are rebuilt once per result term by dividing by dp·dq.
//     Exponent vectors are encoded in mixed radix with radix
//     (deg_i p + deg_i q + 1) per variable, which makes the encoding
//     additive (key(m·n) = key(m) + key(n)) with no carries. Products are
//     accumulated by key in one of three ways:
//     dense: a table indexed by the key (Kronecker substitution), used when
//     the box of possible keys has at most #p·#q and at most 2^22 cells;
//     scanning the table from the top yields lex order;
//     heap: Johnson's merge of the #p sorted streams p_i·q (mul_heap.go),
//     for lex/grlex/grevlex when the box is too large or too sparse;
//     hash: a map from key to accumulator (other orders).
//     Coefficients accumulate in int64 when a worst-case bound
//     (bits(max|P|) + bits(max|Q|) + bits(min(#p,#q)) <= 62) proves no
//     overflow, in 128-bit two's complement when the bound is <= 126,
//     otherwise in big.Int. Dense and hash results are sorted once at the
//     end: lex by key, grlex/grevlex by a (degree, key) pair, other orders
//     with Order.Cmp on the decoded monomials.
//   - mulNaive: the reference schoolbook product on big.Rat with a map keyed
//     by the exponent vector. Used when the packed key would not fit in 63
//     bits, and in tests as the oracle the fast paths are cross-checked
//     against (TestMulVariants).
//
// Measurements, Go 1.26, on 2 cores shared with five other busy processes.
// Wall-clock benchmark timings varied 2-5x between runs, so the first two
// columns are CPU time per product (user+sys of the test binary running
// N+1 iterations minus running 1, divided by N; N = 40, 5 for naive).
// "gcd X" is the product cofactor·gcd that rebuilds
// ../shared/bench/inputs/gcd/X.f (grevlex, integer coefficients; 285×285
// and 494×492 terms). "sparse" is two random 4-variable polynomials with up
// to 1000 terms, exponents up to 40, 20-bit coefficients (box 81^4 cells,
// almost no collisions); its column is the range of wall-clock ns/op over
// three runs of go test -bench MulRandomSparse -benchtime 10x.
//
//	variant         gcd3_d10 CPU   gcd4_d8 CPU    sparse 1000 (wall)
//	naive big.Rat    46 ms          138 ms         0.57–1.0 s
//	hash  big.Int    5.0 ms         16.5 ms        86–630 ms
//	hash  int128     2.0 ms         7.8 ms
//	hash  int64      2.0 ms         6.3 ms         130–610 ms
//	heap  big.Int    6.0 ms         19.8 ms        190–580 ms
//	heap  int64      3.3 ms         10.8 ms        44–320 ms
//	dense big.Int    3.5 ms         9.8 ms         (box too big for dense)
//	dense int128     1.0 ms         4.3 ms
//	dense int64      1.0 ms         2.8 ms
//
// Conclusions: the integer packed paths are 14–50× faster than the naive
// rational product; dense beats hash by 2× when the box is not much larger
// than the number of pairs; the heap beats the hash by up to 3× on sparse
// products (and needs O(#p) memory) but loses 3–4× to dense on dense
// ones; machine-word accumulation gains another 2–3.5× over big.Int.
// Rational coefficients (gcd4_d8 scaled by 1/3 and 2/7: 3.0 ms CPU against
// 1.8–2.8 ms for the integer product through Mul) cost little: only the
// final per-term division by dp·dq is extra.

import (
	"math"
	"math/big"
	"math/bits"
	"slices"
	"sync"
)

// Mul returns p*q. It panics with ErrRingMismatch if the rings differ and
// with ErrExponentOverflow if an exponent would exceed 2^32-1.
func (p *Poly) Mul(q *Poly) *Poly {
	p.sameRing(q)
	if p.IsZero() || q.IsZero() {
		return p.r.zero
	}
	if len(p.terms) == 1 {
		return q.MulTerm(p.terms[0].Coef, p.terms[0].Mon)
	}
	if len(q.terms) == 1 {
		return p.MulTerm(q.terms[0].Coef, q.terms[0].Mon)
	}
	if r := mulPacked(p, q); r != nil {
		return r
	}
	return mulNaive(p, q)
}

// monKey encodes a monomial as a string (map key for the generic paths).
func monKey(m Monomial) string {
	b := make([]byte, 4*len(m))
	for i, e := range m {
		b[4*i] = byte(e)
		b[4*i+1] = byte(e >> 8)
		b[4*i+2] = byte(e >> 16)
		b[4*i+3] = byte(e >> 24)
	}
	return string(b)
}

// mulNaive is the schoolbook product on big.Rat coefficients.
func mulNaive(p, q *Poly) *Poly {
	idx := make(map[string]int, len(p.terms)+len(q.terms))
	var ts []Term
	tmp := new(big.Rat)
	for _, a := range p.terms {
		for _, b := range q.terms {
			m := a.Mon.Mul(b.Mon)
			k := monKey(m)
			tmp.Mul(a.Coef, b.Coef)
			if i, ok := idx[k]; ok {
				ts[i].Coef.Add(ts[i].Coef, tmp)
			} else {
				idx[k] = len(ts)
				ts = append(ts, Term{Mon: m, Coef: new(big.Rat).Set(tmp)})
			}
		}
	}
	return p.r.canonical(ts)
}

// intCoeffs returns integer coefficients P and the positive denominator d
// with p = P/d (d = LCM of the denominators). The returned big.Ints are
// p's own numerators when d = 1 and must not be modified.
func intCoeffs(p *Poly) ([]*big.Int, *big.Int) {
	d := big.NewInt(1)
	g := new(big.Int)
	for _, t := range p.terms {
		if !t.Coef.IsInt() {
			den := t.Coef.Denom()
			g.GCD(nil, nil, d, den)
			d.Mul(d, g.Quo(den, g))
		}
	}
	cs := make([]*big.Int, len(p.terms))
	if d.IsInt64() && d.Int64() == 1 {
		for i, t := range p.terms {
			cs[i] = t.Coef.Num()
		}
		return cs, d
	}
	for i, t := range p.terms {
		c := new(big.Int).Quo(d, t.Coef.Denom())
		cs[i] = c.Mul(c, t.Coef.Num())
	}
	return cs, d
}

// packing is a mixed-radix encoding of exponent vectors.
type packing struct {
	radix  []uint64 // radix[i] = max exponent of variable i + 1
	stride []uint64 // stride[n-1] = 1, var 0 most significant
	box    uint64   // product of the radices
}

// newPacking returns an encoding for exponents up to maxExp, or false if
// the box does not fit in 63 bits.
func newPacking(maxExp []uint64) (packing, bool) {
	n := len(maxExp)
	pk := packing{radix: make([]uint64, n), stride: make([]uint64, n)}
	box := uint64(1)
	for i := n - 1; i >= 0; i-- {
		r := maxExp[i] + 1
		pk.radix[i] = r
		pk.stride[i] = box
		hi, lo := bits.Mul64(box, r)
		if hi != 0 || lo > math.MaxInt64 {
			return pk, false
		}
		box = lo
	}
	pk.box = box
	return pk, true
}

func (pk *packing) key(m Monomial) uint64 {
	var k uint64
	for i, e := range m {
		k += uint64(e) * pk.stride[i]
	}
	return k
}

func (pk *packing) decode(k uint64, m Monomial) {
	for i := len(m) - 1; i >= 0; i-- {
		r := pk.radix[i]
		m[i] = uint32(k % r)
		k /= r
	}
}

// The Kronecker (dense) accumulator is used when the box of possible keys
// has at most #p·#q and at most denseMax cells, that is when on average
// every cell receives at least one product (BenchmarkMulSmall: with a box
// 2.4× the number of pairs the heap was already 2× faster than the table).
const denseMax = 1 << 22

// mulForceAccum, when not 0, forces the accumulator (1 dense, 2 hash) and
// mulForceWidth forces the coefficient accumulation (1 int64, 2 int128,
// 3 big.Int; a narrower width than the bound allows is never used); tests
// and benchmarks use them to exercise every variant.
var (
	mulForceAccum = 0
	mulForceWidth = 0
)

// tablePool recycles the int64 Kronecker tables (returned all zero).
var tablePool sync.Pool

func getTable(n uint64) []int64 {
	if t, ok := tablePool.Get().(*[]int64); ok && uint64(cap(*t)) >= n {
		return (*t)[:n]
	}
	return make([]int64, n)
}

func putTable(t []int64) {
	if cap(t) <= 1<<20 { // keep at most 8 MB around
		tablePool.Put(&t)
	}
}

// i128 is a two's complement 128-bit integer.
type i128 struct {
	hi int64
	lo uint64
}

// addMul adds a*b to z. The caller guarantees that no overflow occurs.
func (z *i128) addMul(a, b int64) {
	neg := (a < 0) != (b < 0)
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = -ua
	}
	if b < 0 {
		ub = -ub
	}
	hi, lo := bits.Mul64(ua, ub)
	if neg {
		lo = -lo
		hi = ^hi
		if lo == 0 {
			hi++
		}
	}
	var c uint64
	z.lo, c = bits.Add64(z.lo, lo, 0)
	z.hi += int64(hi) + int64(c)
}

func (z i128) isZero() bool { return z.hi == 0 && z.lo == 0 }

func (z i128) big() *big.Int {
	if z.hi == 0 && z.lo <= math.MaxInt64 {
		return big.NewInt(int64(z.lo))
	}
	if z.hi == -1 && z.lo > math.MaxInt64 {
		return big.NewInt(int64(z.lo))
	}
	neg := z.hi < 0
	hi, lo := uint64(z.hi), z.lo
	if neg {
		lo = -lo
		hi = ^hi
		if lo == 0 {
			hi++
		}
	}
	r := new(big.Int).SetUint64(hi)
	r.Lsh(r, 64)
	r.Or(r, new(big.Int).SetUint64(lo))
	if neg {
		r.Neg(r)
	}
	return r
}

// mulPacked is the integer, packed-key product described at the top of the
// file. It returns nil when the exponent box does not fit in 63 bits.
func mulPacked(p, q *Poly) *Poly {
	R := p.r
	n := R.NumVars()
	pd, qd := p.Degrees(), q.Degrees()
	maxExp := make([]uint64, n)
	for i := range maxExp {
		maxExp[i] = uint64(pd[i]) + uint64(qd[i])
		if maxExp[i] > math.MaxUint32 {
			panic(ErrExponentOverflow)
		}
	}
	pk, ok := newPacking(maxExp)
	if !ok {
		return nil
	}
	P, dp := intCoeffs(p)
	Q, dq := intCoeffs(q)
	pkeys := make([]uint64, len(p.terms))
	for i, t := range p.terms {
		pkeys[i] = pk.key(t.Mon)
	}
	qkeys := make([]uint64, len(q.terms))
	for i, t := range q.terms {
		qkeys[i] = pk.key(t.Mon)
	}

	pairs := uint64(len(p.terms)) * uint64(len(q.terms))
	dense := pk.box <= denseMax && pk.box <= pairs
	useHeap := !dense
	switch mulForceAccum {
	case 1:
		dense, useHeap = pk.box <= denseMax, false
	case 2:
		dense, useHeap = false, false
	case 3:
		dense, useHeap = false, true
	}

	// Width: every output coefficient is a sum of at most min(#p,#q)
	// products, so bits(max|P|) + bits(max|Q|) + bits(min(#p,#q)) bounds
	// its size.
	maxBits := func(cs []*big.Int) int {
		b := 0
		for _, c := range cs {
			b = max(b, c.BitLen())
		}
		return b
	}
	bp, bq := maxBits(P), maxBits(Q)
	need := bp + bq + bits.Len(uint(min(len(P), len(Q))))
	width := 3
	switch {
	case need <= 62:
		width = 1
	case need <= 126 && bp <= 62 && bq <= 62:
		width = 2
	}
	if mulForceWidth > width {
		width = mulForceWidth
	}
	var pv, qv []int64
	if width <= 2 {
		pv = make([]int64, len(P))
		for i, c := range P {
			pv[i] = c.Int64()
		}
		qv = make([]int64, len(Q))
		for i, c := range Q {
			qv[i] = c.Int64()
		}
	}

	if useHeap {
		if r := mulHeap(p, q, &pk, width, P, Q, pv, qv, new(big.Int).Mul(dp, dq)); r != nil {
			return r
		}
	}
	if !dense && pairs > math.MaxInt32 {
		return nil // int32 slot indices could overflow
	}

	var keys []uint64
	var ints []*big.Int // result coefficients (integers, before /dp·dq)
	var smalls []int64  // or these, for width 1
	switch {
	case dense && width == 1:
		acc := getTable(pk.box)
		for i, a := range pv {
			row := acc[pkeys[i]:]
			for j, b := range qv {
				row[qkeys[j]] += a * b
			}
		}
		// Reading the table also clears it for the pool.
		for k := len(acc) - 1; k >= 0; k-- {
			if c := acc[k]; c != 0 {
				keys = append(keys, uint64(k))
				smalls = append(smalls, c)
				acc[k] = 0
			}
		}
		putTable(acc)
	case dense && width == 2:
		acc := make([]i128, pk.box)
		for i, a := range pv {
			row := acc[pkeys[i]:]
			for j, b := range qv {
				row[qkeys[j]].addMul(a, b)
			}
		}
		for k := len(acc) - 1; k >= 0; k-- {
			if !acc[k].isZero() {
				keys = append(keys, uint64(k))
				ints = append(ints, acc[k].big())
			}
		}
	case dense:
		acc := make([]*big.Int, pk.box)
		tmp := new(big.Int)
		for i, a := range P {
			row := acc[pkeys[i]:]
			for j, b := range Q {
				if z := row[qkeys[j]]; z != nil {
					z.Add(z, tmp.Mul(a, b))
				} else {
					row[qkeys[j]] = new(big.Int).Mul(a, b)
				}
			}
		}
		for k := len(acc) - 1; k >= 0; k-- {
			if acc[k] != nil && acc[k].Sign() != 0 {
				keys = append(keys, uint64(k))
				ints = append(ints, acc[k])
			}
		}
	default:
		hash := make(map[uint64]int32, len(p.terms)+len(q.terms))
		slot := func(k uint64) (int32, bool) {
			if s, ok := hash[k]; ok {
				return s, false
			}
			s := int32(len(keys))
			hash[k] = s
			keys = append(keys, k)
			return s, true
		}
		switch width {
		case 1:
			var acc []int64
			for i, a := range pv {
				ka := pkeys[i]
				for j, b := range qv {
					if s, fresh := slot(ka + qkeys[j]); fresh {
						acc = append(acc, a*b)
					} else {
						acc[s] += a * b
					}
				}
			}
			smalls = acc
		case 2:
			var acc []i128
			for i, a := range pv {
				ka := pkeys[i]
				for j, b := range qv {
					s, fresh := slot(ka + qkeys[j])
					if fresh {
						acc = append(acc, i128{})
					}
					acc[s].addMul(a, b)
				}
			}
			ints = make([]*big.Int, len(acc))
			for i, c := range acc {
				if !c.isZero() {
					ints[i] = c.big()
				}
			}
		default:
			tmp := new(big.Int)
			for i, a := range P {
				ka := pkeys[i]
				for j, b := range Q {
					if s, fresh := slot(ka + qkeys[j]); fresh {
						ints = append(ints, new(big.Int).Mul(a, b))
					} else {
						z := ints[s]
						z.Add(z, tmp.Mul(a, b))
					}
				}
			}
			for i, c := range ints {
				if c.Sign() == 0 {
					ints[i] = nil
				}
			}
		}
	}
	den := new(big.Int).Mul(dp, dq)
	denOne := den.IsInt64() && den.Int64() == 1
	if smalls != nil {
		coefs := make([]*big.Rat, len(smalls))
		slab := make([]big.Rat, len(smalls)) // one allocation for all result Rats
		for i, c := range smalls {
			switch {
			case c == 0:
			case denOne:
				coefs[i] = slab[i].SetInt64(c)
			default:
				coefs[i] = slab[i].SetFrac(big.NewInt(c), den)
			}
		}
		return packedResult(R, &pk, keys, coefs)
	}
	coefs := make([]*big.Rat, len(ints))
	slab := make([]big.Rat, len(ints)) // one allocation for all result Rats
	for i, c := range ints {
		switch {
		case c == nil:
		case denOne:
			coefs[i] = slab[i].SetInt(c)
		default:
			coefs[i] = slab[i].SetFrac(c, den)
		}
	}
	return packedResult(R, &pk, keys, coefs)
}

// packedResult builds the canonical polynomial from packed keys and their
// coefficients (nil coefficients are zero and dropped).
func packedResult(R *Ring, pk *packing, keys []uint64, coefs []*big.Rat) *Poly {
	n := R.NumVars()
	type ent struct {
		k1, k2 uint64 // sort keys, decreasing (k1, then k2)
		key    uint64
		c      *big.Rat
	}
	es := make([]ent, 0, len(keys))
	for i, k := range keys {
		if coefs[i] != nil {
			es = append(es, ent{key: k, c: coefs[i]})
		}
	}
	if len(es) == 0 {
		return R.zero
	}
	mons := make([]uint32, len(es)*n)
	ts := make([]Term, len(es))
	switch R.ord.(type) {
	case lexOrder:
		slices.SortFunc(es, func(a, b ent) int { return cmpU64(b.key, a.key) })
	case grlexOrder, grevlexOrder:
		_, rev := R.ord.(grevlexOrder)
		// deg in k1; for grevlex k2 is the complement of the key with
		// the variables reversed (last variable most significant), so
		// that a smaller exponent in the last differing variable sorts
		// first.
		rstride := make([]uint64, n)
		s := uint64(1)
		for i := 0; i < n; i++ {
			rstride[i] = s
			s *= pk.radix[i]
		}
		maxDeg := uint64(0)
		for _, r := range pk.radix {
			maxDeg += r - 1
		}
		hi, lo := bits.Mul64(maxDeg+1, pk.box)
		composite := hi == 0 && lo != 0 // (deg, k2) packed in one uint64
		m := make(Monomial, n)
		for i := range es {
			pk.decode(es[i].key, m)
			var d, rk uint64
			for v, e := range m {
				d += uint64(e)
				rk += uint64(e) * rstride[v]
			}
			k2 := es[i].key
			if rev {
				k2 = pk.box - 1 - rk
			}
			if composite {
				es[i].k1 = d*pk.box + k2
			} else {
				es[i].k1, es[i].k2 = d, k2
			}
		}
		if composite {
			slices.SortFunc(es, func(a, b ent) int { return cmpU64(b.k1, a.k1) })
		} else {
			slices.SortFunc(es, func(a, b ent) int {
				if a.k1 != b.k1 {
					return cmpU64(b.k1, a.k1)
				}
				return cmpU64(b.k2, a.k2)
			})
		}
	default:
		for i := range es {
			m := Monomial(mons[i*n : (i+1)*n : (i+1)*n])
			pk.decode(es[i].key, m)
			ts[i] = Term{Mon: m, Coef: es[i].c}
		}
		ord := R.ord
		slices.SortFunc(ts, func(a, b Term) int { return ord.Cmp(b.Mon, a.Mon) })
		return &Poly{r: R, terms: ts}
	}
	for i := range es {
		m := Monomial(mons[i*n : (i+1)*n : (i+1)*n])
		pk.decode(es[i].key, m)
		ts[i] = Term{Mon: m, Coef: es[i].c}
	}
	return &Poly{r: R, terms: ts}
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
