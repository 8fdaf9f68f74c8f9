package poly

// Recursive dense polynomials over Z: the working representation of the
// multivariate GCD, resultant and square-free algorithms.
//
// A value of type rp of level L ≥ 1 is a polynomial in L variables
// x_0 > x_1 > … > x_{L-1}, stored as its coefficient list in the main
// (outermost) variable x_0, low degree first; each coefficient is an rp of
// level L-1 in x_1, …, x_{L-1}. A level-0 value is an integer (field k).
//
// Invariants:
//   - a nonzero level-0 value has k != nil, k ≠ 0 and cs == nil;
//   - a nonzero value of level ≥ 1 has k == nil and len(cs) > 0 with a
//     nonzero last entry (no trailing zeros);
//   - the zero polynomial of every level is the zero value rp{} (or k == 0),
//     so zero carries no level: operations take the level from the other
//     operand;
//   - values are immutable once built: functions never write into the
//     big.Ints or slices of their arguments, so subtrees may be shared.
//
// The level of an operand is therefore implicit, and callers must only
// combine values of the same level (or zero). Conversions from and to Poly,
// with a chosen variable order, live in mgcd.go.

import (
	"math/big"
)

type rp struct {
	k  *big.Int
	cs []rp
}

var mvOne = big.NewInt(1)

func (a rp) isZero() bool { return len(a.cs) == 0 && (a.k == nil || a.k.Sign() == 0) }

// deg is the degree in the main variable (-1 for zero, 0 for a nonzero
// integer).
func (a rp) deg() int {
	if a.isZero() {
		return -1
	}
	if a.k != nil {
		return 0
	}
	return len(a.cs) - 1
}

// lc is the leading coefficient in the main variable (level ≥ 1, nonzero).
func (a rp) lc() rp { return a.cs[len(a.cs)-1] }

// coef returns the coefficient of x_0^i (zero when out of range).
func (a rp) coef(i int) rp {
	if i < len(a.cs) {
		return a.cs[i]
	}
	return rp{}
}

// level of a nonzero value.
func (a rp) level() int {
	l := 0
	for a.k == nil {
		a = a.lc()
		l++
	}
	return l
}

// baseLC is the integer leading coefficient in the lexicographic order of
// the recursive variables (the lc of the lc of …). a must be nonzero.
func (a rp) baseLC() *big.Int {
	for a.k == nil {
		a = a.lc()
	}
	return a.k
}

func rpInt(x *big.Int) rp {
	if x.Sign() == 0 {
		return rp{}
	}
	return rp{k: new(big.Int).Set(x)}
}

// rpConst returns the integer x as a polynomial of level lvl.
func rpConst(x *big.Int, lvl int) rp {
	r := rpInt(x)
	if r.isZero() {
		return r
	}
	for ; lvl > 0; lvl-- {
		r = rp{cs: []rp{r}}
	}
	return r
}

func rpOne(lvl int) rp { return rpConst(mvOne, lvl) }

// rpLift returns c (of level L-1) as a polynomial of level L constant in
// the main variable.
func rpLift(c rp) rp {
	if c.isZero() {
		return rp{}
	}
	return rp{cs: []rp{c}}
}

func rpTrim(cs []rp) rp {
	n := len(cs)
	for n > 0 && cs[n-1].isZero() {
		n--
	}
	if n == 0 {
		return rp{}
	}
	return rp{cs: cs[:n:n]}
}

func rpEqual(a, b rp) bool {
	az, bz := a.isZero(), b.isZero()
	if az || bz {
		return az == bz
	}
	if a.k != nil || b.k != nil {
		return a.k != nil && b.k != nil && a.k.Cmp(b.k) == 0
	}
	if len(a.cs) != len(b.cs) {
		return false
	}
	for i := range a.cs {
		if !rpEqual(a.cs[i], b.cs[i]) {
			return false
		}
	}
	return true
}

func rpNeg(a rp) rp {
	if a.isZero() {
		return rp{}
	}
	if a.k != nil {
		return rp{k: new(big.Int).Neg(a.k)}
	}
	cs := make([]rp, len(a.cs))
	for i, c := range a.cs {
		cs[i] = rpNeg(c)
	}
	return rp{cs: cs}
}

func rpAddSub(a, b rp, sub bool) rp {
	if b.isZero() {
		return a
	}
	if a.isZero() {
		if sub {
			return rpNeg(b)
		}
		return b
	}
	if a.k != nil {
		z := new(big.Int)
		if sub {
			z.Sub(a.k, b.k)
		} else {
			z.Add(a.k, b.k)
		}
		if z.Sign() == 0 {
			return rp{}
		}
		return rp{k: z}
	}
	n := max(len(a.cs), len(b.cs))
	cs := make([]rp, n)
	for i := range cs {
		cs[i] = rpAddSub(a.coef(i), b.coef(i), sub)
	}
	return rpTrim(cs)
}

func rpAdd(a, b rp) rp { return rpAddSub(a, b, false) }
func rpSub(a, b rp) rp { return rpAddSub(a, b, true) }

// rpScale multiplies every integer of a by x (x ≠ 0).
func rpScale(a rp, x *big.Int) rp {
	if a.isZero() || x.Sign() == 0 {
		return rp{}
	}
	if a.k != nil {
		return rp{k: new(big.Int).Mul(a.k, x)}
	}
	cs := make([]rp, len(a.cs))
	for i, c := range a.cs {
		cs[i] = rpScale(c, x)
	}
	return rp{cs: cs}
}

func rpMul(a, b rp) rp {
	if a.isZero() || b.isZero() {
		return rp{}
	}
	if a.k != nil {
		if b.k != nil {
			return rp{k: new(big.Int).Mul(a.k, b.k)}
		}
		return rpScale(b, a.k)
	}
	if b.k != nil {
		return rpScale(a, b.k)
	}
	if a.lc().k != nil { // level 1: integer convolution
		return rpMulLevel1(a, b)
	}
	cs := make([]rp, len(a.cs)+len(b.cs)-1)
	for i, x := range a.cs {
		if x.isZero() {
			continue
		}
		for j, y := range b.cs {
			if y.isZero() {
				continue
			}
			cs[i+j] = rpAdd(cs[i+j], rpMul(x, y))
		}
	}
	return rpTrim(cs)
}

// rpMulCC is rpMul polling cc between coefficient products at every level
// of the recursion, so that one product of large multivariate polynomials
// (the pseudo-remainders of a resultant can be huge) is cancellable.
func rpMulCC(a, b rp, cc *canceler) rp {
	if cc == nil || a.isZero() || b.isZero() || a.k != nil || b.k != nil || a.lc().k != nil {
		return rpMul(a, b)
	}
	cs := make([]rp, len(a.cs)+len(b.cs)-1)
	for i, x := range a.cs {
		if x.isZero() {
			continue
		}
		for j, y := range b.cs {
			if y.isZero() {
				continue
			}
			cc.check()
			cs[i+j] = rpAdd(cs[i+j], rpMulCC(x, y, cc))
		}
	}
	return rpTrim(cs)
}

// kronThreshold is the size (min of the two lengths) from which level-1
// products go through Kronecker substitution, so that math/big's Karatsuba
// multiplication does the work.
const kronThreshold = 24

func rpMulLevel1(a, b rp) rp {
	if min(len(a.cs), len(b.cs)) >= kronThreshold {
		return rpMulKronecker(a, b)
	}
	acc := make([]*big.Int, len(a.cs)+len(b.cs)-1)
	for i := range acc {
		acc[i] = new(big.Int)
	}
	t := new(big.Int)
	for i, x := range a.cs {
		if x.isZero() {
			continue
		}
		for j, y := range b.cs {
			if y.isZero() {
				continue
			}
			acc[i+j].Add(acc[i+j], t.Mul(x.k, y.k))
		}
	}
	cs := make([]rp, len(acc))
	for i, z := range acc {
		if z.Sign() != 0 {
			cs[i] = rp{k: z}
		}
	}
	return rpTrim(cs)
}

// rpMulKronecker multiplies two level-1 polynomials by packing each into one
// integer, evaluating at 2^s with s large enough that every product
// coefficient (in absolute value, with a sign bit) fits in s bits.
func rpMulKronecker(a, b rp) rp {
	maxBits := func(p rp) int {
		m := 0
		for _, c := range p.cs {
			if !c.isZero() {
				m = max(m, c.k.BitLen())
			}
		}
		return m
	}
	n := min(len(a.cs), len(b.cs))
	s := uint(maxBits(a) + maxBits(b) + big.NewInt(int64(n)).BitLen() + 2)
	pack := func(p rp) *big.Int {
		z := new(big.Int)
		for i := len(p.cs) - 1; i >= 0; i-- {
			z.Lsh(z, s)
			if !p.cs[i].isZero() {
				z.Add(z, p.cs[i].k)
			}
		}
		return z
	}
	z := new(big.Int).Mul(pack(a), pack(b))
	cs := make([]rp, len(a.cs)+len(b.cs)-1)
	mask := new(big.Int).Sub(new(big.Int).Lsh(mvOne, s), mvOne)
	half := new(big.Int).Lsh(mvOne, s-1)
	full := new(big.Int).Lsh(mvOne, s)
	neg := z.Sign() < 0
	if neg {
		z.Neg(z)
	}
	for i := range cs {
		d := new(big.Int).And(z, mask)
		z.Rsh(z, s)
		if d.Cmp(half) >= 0 {
			d.Sub(d, full)
			z.Add(z, mvOne)
		}
		if neg {
			d.Neg(d)
		}
		if d.Sign() != 0 {
			cs[i] = rp{k: d}
		}
	}
	return rpTrim(cs)
}

func rpPow(a rp, n int, lvl int) rp {
	r := rpOne(lvl)
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r = rpMul(r, a)
		}
		if n > 1 {
			a = rpMul(a, a)
		}
	}
	return r
}

// rpShift multiplies a (level ≥ 1) by x_0^s.
func rpShift(a rp, s int) rp {
	if a.isZero() || s == 0 {
		return a
	}
	cs := make([]rp, len(a.cs)+s)
	copy(cs[s:], a.cs)
	return rp{cs: cs}
}

// rpMulCoef multiplies every main-variable coefficient of a (level L) by c
// (level L-1).
func rpMulCoef(a, c rp) rp {
	if a.isZero() || c.isZero() {
		return rp{}
	}
	cs := make([]rp, len(a.cs))
	for i, x := range a.cs {
		cs[i] = rpMul(x, c)
	}
	return rpTrim(cs)
}

// rpExactDiv returns a/b when b divides a exactly; ok is false otherwise.
// b must be nonzero and of the level of a, or an integer (level 0).
func rpExactDiv(a, b rp) (q rp, ok bool) {
	if b.isZero() {
		panic(ErrZeroDivisor)
	}
	if a.isZero() {
		return rp{}, true
	}
	if b.k != nil {
		if a.k != nil {
			q, r := new(big.Int).QuoRem(a.k, b.k, new(big.Int))
			if r.Sign() != 0 {
				return rp{}, false
			}
			return rp{k: q}, true
		}
		if b.k.CmpAbs(mvOne) == 0 && b.k.Sign() > 0 {
			return a, true
		}
		cs := make([]rp, len(a.cs))
		for i, c := range a.cs {
			if cs[i], ok = rpExactDiv(c, b); !ok {
				return rp{}, false
			}
		}
		return rp{cs: cs}, true
	}
	if a.k != nil {
		return rp{}, false
	}
	if len(b.cs) == 1 {
		return rpDivCoef(a, b.cs[0])
	}
	da, db := a.deg(), b.deg()
	if da < db {
		return rp{}, false
	}
	r := append([]rp(nil), a.cs...)
	qs := make([]rp, da-db+1)
	lb := b.lc()
	for i := da; i >= db; i-- {
		if r[i].isZero() {
			continue
		}
		qc, ok := rpExactDiv(r[i], lb)
		if !ok {
			return rp{}, false
		}
		qs[i-db] = qc
		for j := 0; j < db; j++ {
			if !b.cs[j].isZero() {
				r[i-db+j] = rpSub(r[i-db+j], rpMul(qc, b.cs[j]))
			}
		}
		r[i] = rp{}
	}
	for j := 0; j < db; j++ {
		if !r[j].isZero() {
			return rp{}, false
		}
	}
	return rpTrim(qs), true
}

// rpDivCoef divides each main-variable coefficient of a by c (level L-1).
func rpDivCoef(a, c rp) (rp, bool) {
	cs := make([]rp, len(a.cs))
	for i, x := range a.cs {
		var ok bool
		if cs[i], ok = rpExactDiv(x, c); !ok {
			return rp{}, false
		}
	}
	return rpTrim(cs), true
}

func rpMustDiv(a, b rp) rp {
	q, ok := rpExactDiv(a, b)
	if !ok {
		panic(Error{"poly: internal error: inexact division in a subresultant computation"})
	}
	return q
}

// rpPrem is the pseudo-remainder of a by b in the main variable:
// lc(b)^(deg a - deg b + 1) * a = q*b + r with deg r < deg b. a and b have
// level ≥ 1, b nonzero. For deg a < deg b it returns a.
func rpPrem(a, b rp) rp { return rpPremCC(a, b, nil) }

// rpPremCC is rpPrem polling cc once per eliminated degree (each step costs
// O(deg a) coefficient operations, so a huge-degree dividend is cancellable).
func rpPremCC(a, b rp, cc *canceler) rp {
	da, db := a.deg(), b.deg()
	if da < db {
		return a
	}
	if db == 0 {
		return rp{}
	}
	lb := b.lc()
	r := append([]rp(nil), a.cs...)
	n := da - db + 1
	for dr := da; dr >= db; dr-- {
		cc.checkNow()
		t := r[dr]
		if t.isZero() {
			continue // factor lb applied at the end
		}
		s := dr - db
		for i := 0; i < dr; i++ {
			cc.checkNow() // coefficients may be large multivariate polynomials
			x := r[i]
			if !x.isZero() {
				x = rpMulCC(x, lb, cc)
			}
			if i >= s && !b.cs[i-s].isZero() {
				x = rpSub(x, rpMulCC(t, b.cs[i-s], cc))
			}
			r[i] = x
		}
		r[dr] = rp{}
		n--
	}
	res := rpTrim(r[:db])
	if n > 0 && !res.isZero() {
		res = rpMulCoef(res, rpPow(lb, n, lb.levelOrZero()))
	}
	return res
}

func (a rp) levelOrZero() int {
	if a.isZero() {
		return 0
	}
	return a.level()
}

// rpDeriv is the derivative in the main variable.
func rpDeriv(a rp) rp {
	if a.deg() <= 0 {
		return rp{}
	}
	cs := make([]rp, len(a.cs)-1)
	for i := 1; i < len(a.cs); i++ {
		cs[i-1] = rpScale(a.cs[i], big.NewInt(int64(i)))
	}
	return rpTrim(cs)
}

// rpNormSign returns ±a with a positive base leading coefficient.
func rpNormSign(a rp) rp {
	if !a.isZero() && a.baseLC().Sign() < 0 {
		return rpNeg(a)
	}
	return a
}

// rpContent is the GCD of the main-variable coefficients of a (level L ≥ 1),
// a polynomial of level L-1 with positive base leading coefficient.
func rpContent(a rp) rp { return rpContentWith(a, rpGCD) }

// rpContentWith is rpContent with the given GCD algorithm.
func rpContentWith(a rp, gcd func(a, b rp) rp) rp {
	var g rp
	for i := len(a.cs) - 1; i >= 0; i-- {
		c := a.cs[i]
		if c.isZero() {
			continue
		}
		g = gcd(g, c)
		if rpIsUnit(g) {
			break
		}
	}
	return g
}

func rpIsUnit(a rp) bool {
	for !a.isZero() && a.k == nil {
		if len(a.cs) != 1 {
			return false
		}
		a = a.cs[0]
	}
	return a.k != nil && a.k.CmpAbs(mvOne) == 0
}

// rpGCD is the GCD of a and b (same level), normalized to a positive base
// leading coefficient; rpGCD(0, 0) = 0. Reference algorithm: content and
// primitive part recursively, and the subresultant PRS (Collins; Brown and
// Traub) on the primitive parts.
func rpGCD(a, b rp) rp {
	if a.isZero() {
		return rpNormSign(b)
	}
	if b.isZero() {
		return rpNormSign(a)
	}
	if a.k != nil {
		return rp{k: new(big.Int).GCD(nil, nil, new(big.Int).Abs(a.k), new(big.Int).Abs(b.k))}
	}
	ca, cb := rpContent(a), rpContent(b)
	c := rpGCD(ca, cb)
	pa, _ := rpDivCoef(a, ca)
	pb, _ := rpDivCoef(b, cb)
	if pa.deg() < pb.deg() {
		pa, pb = pb, pa
	}
	if pb.deg() == 0 {
		return rpLift(c)
	}
	g := rpSubresultantGCDPrimitive(pa, pb)
	return rpNormSign(rpMulCoef(g, c))
}

// rpSubresultantGCDPrimitive returns the primitive GCD of two primitive
// polynomials A, B of level ≥ 1 with deg A ≥ deg B ≥ 1, via the
// subresultant PRS: R_{i+1} = prem(R_{i-1}, R_i) / (g·h^δ), which keeps the
// coefficients of the sequence polynomial in the input size (they are
// subresultants).
func rpSubresultantGCDPrimitive(A, B rp) rp {
	lvl := A.lc().levelOrZero()
	g, h := rpOne(lvl), rpOne(lvl)
	for {
		delta := A.deg() - B.deg()
		R := rpPrem(A, B)
		if R.isZero() {
			break
		}
		if R.deg() == 0 {
			return rpOne(lvl + 1)
		}
		A = B
		B = rpMustDiv(R, rpLift(rpMul(g, rpPow(h, delta, lvl))))
		g = A.lc()
		switch {
		case delta == 0:
		case delta == 1:
			h = g
		default:
			h = rpMustDiv(rpPow(g, delta, lvl), rpPow(h, delta-1, lvl))
		}
	}
	cB := rpContent(B)
	pB, _ := rpDivCoef(B, cB)
	return rpNormSign(pB)
}

// rpPrimitive returns the content and primitive part (main variable) of a
// nonzero level ≥ 1 value; the primitive part keeps the sign of a.
func rpPrimitive(a rp) (cont, pp rp) {
	cont = rpContent(a)
	pp, _ = rpDivCoef(a, cont)
	return cont, pp
}
