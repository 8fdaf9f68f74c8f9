package poly

// Heap (Johnson) multiplication for sparse products.
//
// Johnson's algorithm (S. C. Johnson, Sparse polynomial arithmetic, 1974;
// M. Monagan, R. Pearce, Polynomial division using dynamic arrays, heaps,
// and packed exponent vectors, CASC 2007) merges the #p sorted streams
// p_i·q (each already in decreasing order, since monomial orders are
// multiplicative) with a heap of #p entries. The product comes out sorted,
// all contributions to one monomial arrive consecutively and are summed in
// one accumulator, and the working memory is O(#p) instead of a table or
// hash map of the size of the result. Heap keys are the additive order items
// of div_packed.go, so a product's key is a sum of two precomputed items.

import (
	"math/big"
)

type mheapEnt struct {
	k1, k2 uint64
	i, j   int32
}

// mulHeap multiplies with the heap method; it returns nil if the ring's
// order has no additive order items (then the caller uses the hash path).
// P, Q are the integer coefficients (or pv, qv their int64 values when
// width <= 2), den the common denominator.
func mulHeap(p, q *Poly, pk *packing, width int, P, Q []*big.Int, pv, qv []int64, den *big.Int) *Poly {
	item, rev := orderItems(p.r.ord, pk)
	if item == nil {
		return nil
	}
	if len(p.terms) > len(q.terms) {
		p, q = q, p
		P, Q = Q, P
		pv, qv = qv, pv
	}
	pi := make([]ordItem, len(p.terms))
	for i, t := range p.terms {
		pi[i] = item(t.Mon)
	}
	qi := make([]ordItem, len(q.terms))
	for j, t := range q.terms {
		qi[j] = item(t.Mon)
	}
	less := func(a, b *mheapEnt) bool { // a before b: a greater in the order
		if a.k1 != b.k1 {
			return a.k1 > b.k1
		}
		if rev {
			return a.k2 < b.k2
		}
		return a.k2 > b.k2
	}
	h := make([]mheapEnt, 0, len(p.terms))
	up := func(k int) {
		for k > 0 {
			par := (k - 1) / 2
			if !less(&h[k], &h[par]) {
				break
			}
			h[k], h[par] = h[par], h[k]
			k = par
		}
	}
	down := func(k int) {
		n := len(h)
		for {
			l := 2*k + 1
			if l >= n {
				return
			}
			c := l
			if r := l + 1; r < n && less(&h[r], &h[l]) {
				c = r
			}
			if !less(&h[c], &h[k]) {
				return
			}
			h[k], h[c] = h[c], h[k]
			k = c
		}
	}
	for i := range p.terms {
		h = append(h, mheapEnt{k1: pi[i].k1 + qi[0].k1, k2: pi[i].k2 + qi[0].k2, i: int32(i)})
		up(len(h) - 1)
	}
	n := p.r.NumVars()
	denOne := den.IsInt64() && den.Int64() == 1
	denRat := new(big.Rat).SetInt(den)
	var ts []Term
	emit := func(key uint64, c *big.Int) {
		if c.Sign() == 0 {
			return
		}
		m := make(Monomial, n)
		pk.decode(key, m)
		r := new(big.Rat)
		if denOne {
			r.SetInt(c)
		} else {
			r.SetFrac(c, den)
		}
		ts = append(ts, Term{Mon: m, Coef: r})
	}
	var a64 int64
	var a128 i128
	abig, tmp := new(big.Int), new(big.Int)
	for len(h) > 0 {
		top := h[0]
		key := pi[top.i].key + qi[top.j].key
		a64, a128 = 0, i128{}
		abig.SetInt64(0)
		// Pop every entry with this monomial, advancing its stream.
		for len(h) > 0 && h[0].k1 == top.k1 && h[0].k2 == top.k2 {
			e := &h[0]
			i, j := e.i, e.j
			switch width {
			case 1:
				a64 += pv[i] * qv[j]
			case 2:
				a128.addMul(pv[i], qv[j])
			default:
				abig.Add(abig, tmp.Mul(P[i], Q[j]))
			}
			if int(j)+1 < len(qi) {
				e.j++
				e.k1 = pi[i].k1 + qi[j+1].k1
				e.k2 = pi[i].k2 + qi[j+1].k2
			} else {
				h[0] = h[len(h)-1]
				h = h[:len(h)-1]
			}
			down(0)
		}
		switch width {
		case 1:
			if a64 != 0 {
				m := make(Monomial, n)
				pk.decode(key, m)
				r := new(big.Rat).SetInt64(a64)
				if !denOne {
					r.Quo(r, denRat)
				}
				ts = append(ts, Term{Mon: m, Coef: r})
			}
		case 2:
			if !a128.isZero() {
				emit(key, a128.big())
			}
		default:
			if abig.Sign() != 0 {
				emit(key, new(big.Int).Set(abig))
			}
		}
	}
	if len(ts) == 0 {
		return p.r.zero
	}
	return &Poly{r: p.r, terms: ts}
}
