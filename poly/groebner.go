package poly

// Gröbner bases over Q with cofactor tracking.
//
// # Algorithm
//
// Buchberger's algorithm (B. Buchberger 1965; Becker and Weispfenning,
// Gröbner Bases, Springer 1993, §5.5) with:
//
//   - fraction-free arithmetic: every element is a primitive polynomial
//     with integer coefficients; the reduction step that cancels the
//     leading term c·M of f with g (leading coefficient d, M = m·LM(g)) is
//     f ← (d/γ)·f − (c/γ)·m·g with γ = gcd(c, d), and the content is
//     removed after each top reduction;
//   - the Gebauer–Möller installation of the criteria (R. Gebauer and
//     H. M. Möller, On an installation of Buchberger's algorithm, JSC 6,
//     1988): when h joins the basis, among the new pairs (h, g) those whose
//     lcm is a proper multiple of another new pair's lcm are dropped, as are
//     all but one of equal lcms, and pairs with coprime leading monomials
//     (product criterion); old pairs (g1, g2) with LM(h) | lcm(g1, g2) and
//     lcm(g_i, h) ≠ lcm(g1, g2) are dropped (chain criterion); basis
//     elements whose leading monomial LM(h) divides leave the basis;
//   - the sugar strategy (Giovini, Mora, Niesi, Robbiano, Traverso, "One
//     sugar cube, please", ISSAC 1991) for degree orders: each polynomial
//     carries a phantom degree, the total degree it would have if the input
//     were homogenized; the pair of least sugar is reduced next (ties:
//     smaller lcm). For lex and block orders the pair of least lcm degree
//     is taken instead (see selectPair for the measurements);
//
// The result is reduced: each element's tail is fully reduced by the
// others (one pass suffices for a minimal basis, since tail terms are
// smaller than their own leading monomial and so never divisible by it),
// made monic over Q, and sorted by increasing leading monomial. The reduced
// basis is unique, so the tests compare it exactly.
//
// # Cofactors
//
// With cofactor tracking each element h carries polynomials c_1, …, c_s
// over Q with h = Σ c_j·f_j for the input generators f_j; every operation
// on h (scaling, subtracting a multiple of another element, dividing by the
// content) is applied to the c_j too, so the identity is an invariant. When
// the basis is {1} the cofactors are a Nullstellensatz certificate
// 1 = Σ c_j f_j: the generators have no common complex zero, hence no real
// one. VerifyCertificate checks such an identity by an independent naive
// expansion. As soon as a nonzero constant appears the ideal is the whole
// ring, and the computation stops.
//
// Worked example (MATH.md §8.3): for the LU equations
// {l11 u11, l11 u12 − 1, l21 u11 − 1, l21 u12 + l22 u22} the basis is {1}
// with cofactors (l21 u12, −l21 u11, −1, 0):
// l21 u12 · l11 u11 − l21 u11 · (l11 u12 − 1) − (l21 u11 − 1) = 1.
//
// Termination: the leading monomials of the successive basis elements
// generate a strictly increasing chain of monomial ideals, which is finite
// by Dickson's lemma; each reduction terminates since the order is a
// well-order.

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// GroebnerOptions configures GroebnerBasis.
type GroebnerOptions struct {
	// Cofactors requests cofactor tracking: GroebnerResult.Cofactors[i][j]
	// with Basis[i] = Σ_j Cofactors[i][j]·gens[j].
	Cofactors bool
	// Order, when non-nil, is the monomial order of the basis: the
	// generators are moved to Ring.WithOrder(Order). Default: the ring's
	// order.
	Order Order
	// MaxPairs bounds the number of S-polynomials reduced (0 = no bound);
	// beyond it GroebnerBasis returns an error wrapping ErrGroebnerLimit.
	MaxPairs int
}

// ErrGroebnerLimit is wrapped by the error GroebnerBasis returns when
// GroebnerOptions.MaxPairs is exceeded.
var ErrGroebnerLimit = errors.New("poly: Gröbner basis: pair limit exceeded")

// GroebnerStats reports the work done.
type GroebnerStats struct {
	Pairs      int // S-polynomials reduced
	Zero       int // of which reduced to zero
	Reductions int // elementary reduction steps
}

// GroebnerResult is a reduced Gröbner basis.
type GroebnerResult struct {
	// Ring is the ring of the basis (and of the cofactors): the
	// generators' ring, with GroebnerOptions.Order if it was set.
	Ring *Ring
	// Basis is the reduced Gröbner basis: monic, sorted by increasing
	// leading monomial; {} for the zero ideal, {1} for the whole ring.
	Basis []*Poly
	// Cofactors (only with GroebnerOptions.Cofactors): Basis[i] =
	// Σ_j Cofactors[i][j]·Gens[j].
	Cofactors [][]*Poly
	// Gens are the generators, in Ring.
	Gens  []*Poly
	Stats GroebnerStats
}

// IsOne reports whether the ideal is the whole ring (the basis is {1}).
func (G *GroebnerResult) IsOne() bool {
	return len(G.Basis) == 1 && G.Basis[0].IsOne()
}

type gbElem struct {
	p        gpoly
	normBits int // leading-coefficient size after the last content removal
	lm       Monomial
	mask     uint64
	sugar    int
	cof      []*Poly // p = Σ cof[j]·gens[j]; nil without tracking
}

type gbPair struct {
	i, j  int
	lcm   Monomial
	sugar int
}

type gbEngine struct {
	cx     gbCtx
	R      *Ring
	ctx    context.Context
	gens   []*Poly
	track  bool
	elems  []*gbElem
	active []int // indices of the current basis G
	pairs  []gbPair
	stats  GroebnerStats
	limit  int
	one    int // index of a constant element, or -1
}

func (e *gbEngine) checkCtx() error {
	if err := e.ctx.Err(); err != nil {
		return fmt.Errorf("poly: Gröbner basis cancelled: %w", err)
	}
	return nil
}

// GroebnerBasis computes the reduced Gröbner basis of the ideal generated by
// gens (all in one ring; zero generators are allowed and ignored), with
// cofactors if requested. It honours ctx (returning an error wrapping
// ctx.Err()) and GroebnerOptions.MaxPairs. An empty gens is an error (the
// ring is unknown). Panics with ErrRingMismatch if the generators belong
// to different rings. See the file comment for the algorithm.
func GroebnerBasis(ctx context.Context, gens []*Poly, opts GroebnerOptions) (*GroebnerResult, error) {
	if len(gens) == 0 {
		return nil, errors.New("poly: Gröbner basis of an empty generator list")
	}
	R := gens[0].r
	for _, g := range gens[1:] {
		gens[0].sameRing(g)
	}
	if opts.Order != nil {
		S := R.WithOrder(opts.Order)
		moved := make([]*Poly, len(gens))
		for i, g := range gens {
			moved[i], _ = g.ToRing(S)
		}
		R, gens = S, moved
	}
	e := &gbEngine{
		cx:    newGBCtx(R.ord, R.NumVars()),
		R:     R,
		ctx:   ctx,
		gens:  gens,
		track: opts.Cofactors,
		limit: opts.MaxPairs,
		one:   -1,
	}
	if err := e.run(); err != nil {
		return nil, err
	}
	res := &GroebnerResult{Ring: R, Gens: append([]*Poly(nil), gens...), Stats: e.stats}
	res.Basis, res.Cofactors = e.reducedBasis()
	if !e.track {
		res.Cofactors = nil
	}
	return res, nil
}

func (e *gbEngine) newElem(p gpoly, sugar int, cof []*Poly) *gbElem {
	return &gbElem{p: p, lm: p[0].m, mask: divMask(p[0].m), sugar: sugar, cof: cof}
}

func (e *gbEngine) run() error {
	type input struct {
		p     gpoly
		s     *big.Rat
		j     int
		sugar int
	}
	var ins []input
	for j, g := range e.gens {
		if g.IsZero() {
			continue
		}
		p, s := polyToG(g)
		ins = append(ins, input{p, s, j, g.TotalDegree()})
	}
	slices.SortStableFunc(ins, func(a, b input) int {
		if a.sugar != b.sugar {
			return a.sugar - b.sugar
		}
		return e.cx.cmp(a.p[0].m, b.p[0].m)
	})
	for _, in := range ins {
		var cof []*Poly
		if e.track {
			cof = make([]*Poly, len(e.gens))
			for k := range cof {
				cof[k] = e.R.Zero()
			}
			cof[in.j] = e.R.Const(in.s)
		}
		h := &gbElem{p: in.p, sugar: in.sugar, cof: cof}
		if err := e.topReduce(h); err != nil {
			return err
		}
		if len(h.p) > 0 {
			if err := e.tailReduce(h); err != nil {
				return err
			}
			e.add(h)
			if e.one >= 0 {
				return nil
			}
		}
	}
	for len(e.pairs) > 0 {
		if err := e.checkCtx(); err != nil {
			return err
		}
		if e.limit > 0 && e.stats.Pairs >= e.limit {
			return fmt.Errorf("%w (%d pairs)", ErrGroebnerLimit, e.limit)
		}
		pr := e.selectPair()
		e.stats.Pairs++
		// Most S-polynomials reduce to zero; with cofactor tracking, first
		// reduce without it and redo the (deterministic, identical)
		// reduction with cofactors only when the result is nonzero.
		track := e.track
		e.track = false
		h := e.spoly(pr)
		err := e.topReduce(h)
		e.track = track
		if err != nil {
			return err
		}
		if len(h.p) == 0 {
			e.stats.Zero++
			continue
		}
		if track {
			h = e.spoly(pr)
			if err := e.topReduce(h); err != nil {
				return err
			}
		}
		// tail reduction keeps the coefficients of the basis elements
		// small (top reduction alone lets them grow without bound)
		if err := e.tailReduce(h); err != nil {
			return err
		}
		e.add(h)
		if e.one >= 0 {
			return nil
		}
		if err := e.interreduce(h); err != nil {
			return err
		}
	}
	return nil
}

// interreduce reduces, by the basis, the tails of the basis elements that
// have a term divisible by LM(h) (h just added), so that the basis stays
// inter-reduced: this keeps the coefficients of later S-polynomials close
// to those of the reduced basis instead of accumulating unreduced tails.
// Leading monomials do not change, so the pair set and the criteria stay
// valid.
func (e *gbEngine) interreduce(h *gbElem) error {
	for _, k := range e.active {
		g := e.elems[k]
		if g == h {
			continue
		}
		hit := false
		for _, t := range g.p[1:] {
			if h.mask&^divMask(t.m) == 0 && monDivides(h.lm, t.m) {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		cp := &gbElem{p: g.p, lm: g.lm, mask: g.mask, sugar: g.sugar, cof: slices.Clone(g.cof)}
		if _, err := e.fullReduce(cp, e.active, k, false); err != nil {
			return err
		}
		e.normalize(cp)
		e.elems[k] = cp
	}
	return nil
}

// selectPair removes and returns the next pair: for degree-compatible
// orders (grlex, grevlex) the one of least sugar (ties: least lcm); for the
// others (lex, block orders) the one of least lcm degree (ties: least lcm).
// Measured: sugar is best on cyclic-n and katsura-n in grevlex (cyclic6
// 0.8 s vs 1.6 s by lcm degree), but on a random lex system that Singular
// solves in 0.1 s the sugar values ran away (above 300 for elements of
// degree below 100) and the run did not finish in a minute, while
// selection by lcm degree took 1 ms.
func (e *gbEngine) selectPair() gbPair {
	best := 0
	useSugar := e.cx.kind == 2 || e.cx.kind == 3
	for k := 1; k < len(e.pairs); k++ {
		p, b := e.pairs[k], e.pairs[best]
		var pk, bk int
		if useSugar {
			pk, bk = p.sugar, b.sugar
		} else {
			pk, bk = monDeg(p.lcm), monDeg(b.lcm)
		}
		if pk < bk || (pk == bk && e.cx.cmp(p.lcm, b.lcm) < 0) {
			best = k
		}
	}
	pr := e.pairs[best]
	e.pairs[best] = e.pairs[len(e.pairs)-1]
	e.pairs = e.pairs[:len(e.pairs)-1]
	return pr
}

// spoly returns the S-polynomial of a pair as an element with sugar and
// cofactors.
func (e *gbEngine) spoly(pr gbPair) *gbElem {
	f, g := e.elems[pr.i], e.elems[pr.j]
	mf, mg := monQuo(pr.lcm, f.lm), monQuo(pr.lcm, g.lm)
	cf, cg := f.p[0].c, g.p[0].c
	gam := new(big.Int).GCD(nil, nil, new(big.Int).Abs(cf), new(big.Int).Abs(cg))
	a := new(big.Int).Quo(cg, gam) // s = a·mf·f − b·mg·g
	b := new(big.Int).Quo(cf, gam)
	p := e.cx.axpy(a, f.p.mulMon(mf), b, mg, g.p)
	h := &gbElem{p: p, sugar: max(f.sugar+monDeg(mf), g.sugar+monDeg(mg))}
	if e.track {
		ar, br := new(big.Rat).SetInt(a), new(big.Rat).SetInt(b)
		h.cof = make([]*Poly, len(e.gens))
		for k := range h.cof {
			h.cof[k] = f.cof[k].MulTerm(ar, mf).Sub(g.cof[k].MulTerm(br, mg))
		}
	}
	return h
}

// mulMon returns m·f.
func (f gpoly) mulMon(m Monomial) gpoly {
	if monDeg(m) == 0 {
		return f
	}
	out := make(gpoly, len(f))
	for i, t := range f {
		out[i] = gterm{monMul(t.m, m), t.c}
	}
	return out
}

// findReducer returns the index of the shortest active element whose
// leading monomial divides m, or -1.
func (e *gbEngine) findReducer(m Monomial, among []int, skip int) int {
	mask := divMask(m)
	best := -1
	for _, k := range among {
		if k == skip {
			continue
		}
		g := e.elems[k]
		if g.mask&^mask != 0 || !monDivides(g.lm, m) {
			continue
		}
		if best < 0 || len(g.p) < len(e.elems[best].p) {
			best = k
		}
	}
	return best
}

// reduceStep cancels the term t of h (t = h.p[0] for top reduction) with
// element g: h ← a·h − b·m·g. It returns a (the factor applied to h).
func (e *gbEngine) reduceStep(h *gbElem, rest gpoly, t gterm, g *gbElem) (gpoly, *big.Int) {
	m := monQuo(t.m, g.lm)
	lc := g.p[0].c
	gam := new(big.Int).GCD(nil, nil, new(big.Int).Abs(t.c), new(big.Int).Abs(lc))
	a := new(big.Int).Quo(lc, gam)
	b := new(big.Int).Quo(t.c, gam)
	if a.Sign() < 0 {
		a.Neg(a)
		b.Neg(b)
	}
	out := e.cx.axpy(a, rest, b, m, g.p)
	h.sugar = max(h.sugar, monDeg(m)+g.sugar)
	if e.track {
		ar, br := new(big.Rat).SetInt(a), new(big.Rat).SetInt(b)
		for k := range h.cof {
			c := h.cof[k]
			if !(a.IsInt64() && a.Int64() == 1) {
				c = c.ScaleRat(ar)
			}
			h.cof[k] = c.Sub(g.cof[k].MulTerm(br, m))
		}
	}
	e.stats.Reductions++
	return out, a
}

// topReduce reduces the leading term of h until no basis element's leading
// monomial divides it, then makes h primitive (with positive leading
// coefficient).
func (e *gbEngine) topReduce(h *gbElem) error {
	for len(h.p) > 0 {
		// every step: a single step can be expensive on hard inputs, and
		// ctx.Err is cheap
		if err := e.checkCtx(); err != nil {
			return err
		}
		k := e.findReducer(h.p[0].m, e.active, -1)
		if k < 0 {
			break
		}
		h.p, _ = e.reduceStep(h, h.p, h.p[0], e.elems[k])
		e.maybeNormalize(h)
	}
	e.normalize(h)
	return nil
}

// maybeNormalize removes the content of h when its leading coefficient has
// grown large: fraction-free steps multiply h by lc(g)/γ each time, and
// long reduction chains would otherwise grow the coefficients exponentially.
// The content is removed only when the leading coefficient has grown by
// more than a factor 2^(normBits+256) since the last removal, so that the
// (costly) content computations stay rare when the coefficients are
// legitimately large.
func (e *gbEngine) maybeNormalize(h *gbElem) {
	if len(h.p) > 0 && h.p[0].c.BitLen() > 2*h.normBits+256 {
		e.normalize(h)
		if len(h.p) > 0 {
			h.normBits = h.p[0].c.BitLen()
		}
	}
}

// tailReduce reduces the non-leading terms of h by the basis and makes it
// primitive.
func (e *gbEngine) tailReduce(h *gbElem) error {
	if _, err := e.fullReduce(h, e.active, -1, false); err != nil {
		return err
	}
	e.normalize(h)
	return nil
}

// normalize divides h by its content, signed so that the leading
// coefficient is positive.
func (e *gbEngine) normalize(h *gbElem) {
	if len(h.p) == 0 {
		return
	}
	c := h.p.content()
	if h.p[0].c.Sign() < 0 {
		c.Neg(c)
	}
	if c.IsInt64() && c.Int64() == 1 {
		return
	}
	h.p = h.p.divScalar(c)
	if e.track {
		inv := new(big.Rat).SetFrac(bigOneInt(), c)
		for k := range h.cof {
			h.cof[k] = h.cof[k].ScaleRat(inv)
		}
	}
}

func bigOneInt() *big.Int { return big.NewInt(1) }

// add installs h (top-reduced, nonzero) in the basis with the
// Gebauer–Möller update of the pair set.
func (e *gbEngine) add(h *gbElem) {
	h.lm, h.mask = h.p[0].m, divMask(h.p[0].m)
	hi := len(e.elems)
	e.elems = append(e.elems, h)
	if monDeg(h.lm) == 0 {
		e.one = hi
		e.active = []int{hi}
		e.pairs = nil
		return
	}
	// new pairs (h, g)
	type cand struct {
		g     int
		lcm   Monomial
		cop   bool
		keep  bool
		sugar int
	}
	cs := make([]cand, len(e.active))
	for k, gi := range e.active {
		g := e.elems[gi]
		l := monLCM(h.lm, g.lm)
		s := max(h.sugar+monDeg(l)-monDeg(h.lm), g.sugar+monDeg(l)-monDeg(g.lm))
		cs[k] = cand{g: gi, lcm: l, cop: monCoprime(h.lm, g.lm), keep: true, sugar: s}
	}
	// chain criterion among new pairs: drop (h,g1) if some other kept
	// (h,g2) has lcm(h,g2) | lcm(h,g1), strictly, or equal with g2 earlier.
	for a := range cs {
		for b := range cs {
			if a == b || !cs[b].keep {
				continue
			}
			if monDivides(cs[b].lcm, cs[a].lcm) {
				if !monEqual(cs[b].lcm, cs[a].lcm) || b < a {
					// prefer keeping a coprime pair's partner out: Buchberger's
					// product criterion applies to the representative below
					cs[a].keep = false
					break
				}
			}
		}
	}
	// among equal lcms, if any pair with that lcm is coprime, drop them all
	// (Gebauer–Möller: the coprime one is superfluous and so is its class)
	for a := range cs {
		if !cs[a].keep {
			continue
		}
		for b := range cs {
			if cs[b].cop && monEqual(cs[a].lcm, cs[b].lcm) {
				cs[a].keep = false
				break
			}
		}
	}
	// old pairs
	kept := e.pairs[:0]
	for _, p := range e.pairs {
		if monDivides(h.lm, p.lcm) {
			l1 := monLCM(e.elems[p.i].lm, h.lm)
			l2 := monLCM(e.elems[p.j].lm, h.lm)
			if !monEqual(l1, p.lcm) && !monEqual(l2, p.lcm) {
				continue
			}
		}
		kept = append(kept, p)
	}
	e.pairs = kept
	for _, c := range cs {
		if c.keep {
			e.pairs = append(e.pairs, gbPair{i: c.g, j: hi, lcm: c.lcm, sugar: c.sugar})
		}
	}
	// update the basis
	act := e.active[:0]
	for _, gi := range e.active {
		if !monDivides(h.lm, e.elems[gi].lm) {
			act = append(act, gi)
		}
	}
	e.active = append(act, hi)
}

// fullReduce reduces every term of h by the elements among (except skip);
// the leading term too when top is true. It returns the factor λ applied
// overall (result = λ·h − Σ …) when no content was removed on the way; the
// callers only need the result up to a constant.
func (e *gbEngine) fullReduce(h *gbElem, among []int, skip int, top bool) (*big.Int, error) {
	lambda := big.NewInt(1)
	var done gpoly
	rest := h.p
	normBits := 0
	if !top && len(rest) > 0 {
		done = gpoly{rest[0]}
		rest = rest[1:]
	}
	for len(rest) > 0 {
		if err := e.checkCtx(); err != nil {
			return nil, err
		}
		t := rest[0]
		k := e.findReducer(t.m, among, skip)
		if k < 0 {
			done = append(done, t)
			rest = rest[1:]
			continue
		}
		var a *big.Int
		rest, a = e.reduceStep(h, rest, t, e.elems[k])
		if !(a.IsInt64() && a.Int64() == 1) {
			done = done.scale(a)
			lambda.Mul(lambda, a)
		}
		if len(rest) > 0 && rest[0].c.BitLen() > 2*normBits+256 {
			// same growth control as maybeNormalize, on done+rest together
			// (the callers ignore λ: they remove contents anyway)
			c := gpoly(append(append(gpoly(nil), done...), rest...)).content()
			normBits = max(rest[0].c.BitLen()-c.BitLen(), 0)
			if !(c.IsInt64() && c.Int64() == 1) && c.Sign() != 0 {
				done, rest = done.divScalar(c), rest.divScalar(c)
				if e.track {
					inv := new(big.Rat).SetFrac(big.NewInt(1), c)
					for k := range h.cof {
						h.cof[k] = h.cof[k].ScaleRat(inv)
					}
				}
			}
		}
	}
	h.p = done
	return lambda, nil
}

// reducedBasis interreduces the active elements and returns the monic
// basis (increasing leading monomials) and its cofactors.
func (e *gbEngine) reducedBasis() ([]*Poly, [][]*Poly) {
	R := e.R
	idx := append([]int(nil), e.active...)
	if e.one >= 0 {
		idx = []int{e.one}
	}
	// tail reduction (cannot fail: the context is only checked every 256
	// steps and we ignore cancellation here to finish a completed basis)
	saved := e.ctx
	e.ctx = context.Background()
	for _, k := range idx {
		h := e.elems[k]
		cp := &gbElem{p: h.p, lm: h.lm, mask: h.mask, sugar: h.sugar, cof: h.cof}
		if e.track {
			cp.cof = slices.Clone(h.cof)
		}
		e.fullReduce(cp, idx, k, false)
		e.normalize(cp)
		e.elems[k] = cp
	}
	e.ctx = saved
	slices.SortFunc(idx, func(a, b int) int { return e.cx.cmp(e.elems[a].lm, e.elems[b].lm) })
	basis := make([]*Poly, len(idx))
	var cofs [][]*Poly
	if e.track {
		cofs = make([][]*Poly, len(idx))
	}
	for i, k := range idx {
		h := e.elems[k]
		lc := h.p[0].c
		basis[i] = gToPoly(h.p, R, lc)
		if e.track {
			inv := new(big.Rat).SetFrac(big.NewInt(1), lc)
			cofs[i] = make([]*Poly, len(h.cof))
			for j, c := range h.cof {
				cofs[i][j] = c.ScaleRat(inv)
			}
		}
	}
	return basis, cofs
}

// NormalForm returns the normal form of f modulo the basis: the unique
// polynomial congruent to f modulo the ideal none of whose terms is
// divisible by a leading monomial of the basis. f is moved to G.Ring by
// variable name; it panics with an Error if f has a variable the ring lacks.
func (G *GroebnerResult) NormalForm(f *Poly) *Poly {
	_, r := G.divide(f, false)
	return r
}

// divide reduces f fully by the basis; with quo it also returns the
// quotients q_i with f = Σ q_i·Basis[i] + r.
func (G *GroebnerResult) divide(f *Poly, quo bool) ([]*Poly, *Poly) {
	R := G.Ring
	f, err := f.ToRing(R)
	if err != nil {
		panic(Error{err.Error()})
	}
	if f.IsZero() || len(G.Basis) == 0 {
		return nil, f
	}
	e := &gbEngine{cx: newGBCtx(R.ord, R.NumVars()), R: R, ctx: context.Background(), one: -1}
	idx := make([]int, len(G.Basis))
	for i, b := range G.Basis {
		p, _ := polyToG(b)
		e.elems = append(e.elems, e.newElem(p, b.TotalDegree(), nil))
		idx[i] = i
	}
	F, s := polyToG(f)
	// Track quotients as Q_i = q_i/λ so that one update per step suffices:
	// λ·F = Σ q_i g_i + r  ⇒  F = Σ Q_i g_i + r/λ.
	lambda := big.NewInt(1)
	Q := make([]*Poly, len(G.Basis))
	for i := range Q {
		Q[i] = R.Zero()
	}
	var done gpoly
	rest := F
	for len(rest) > 0 {
		t := rest[0]
		k := e.findReducer(t.m, idx, -1)
		if k < 0 {
			done = append(done, t)
			rest = rest[1:]
			continue
		}
		g := e.elems[k]
		m := monQuo(t.m, g.lm)
		lc := g.p[0].c
		gam := new(big.Int).GCD(nil, nil, new(big.Int).Abs(t.c), new(big.Int).Abs(lc))
		a := new(big.Int).Quo(lc, gam)
		b := new(big.Int).Quo(t.c, gam)
		if a.Sign() < 0 {
			a.Neg(a)
			b.Neg(b)
		}
		rest = e.cx.axpy(a, rest, b, m, g.p)
		if !(a.IsInt64() && a.Int64() == 1) {
			done = done.scale(a)
			lambda.Mul(lambda, a)
		}
		if quo {
			// q_k += b·m·(g = Basis[k]·lc_int) with the new λ
			c := new(big.Rat).SetFrac(new(big.Int).Mul(b, lc), lambda)
			Q[k] = Q[k].Add(R.Monomial(c, m))
		}
	}
	// F = s·f; r = done/λ ⇒ f = Σ (Q_i/s)·Basis_i + done/(λ s)
	inv := new(big.Rat).Inv(s)
	den := new(big.Rat).Mul(new(big.Rat).SetInt(lambda), s)
	r := gToPoly(done, R, nil).ScaleRat(new(big.Rat).Inv(den))
	if quo {
		for i := range Q {
			Q[i] = Q[i].ScaleRat(inv)
		}
	}
	return Q, r
}

// ReduceCertificate returns, when f lies in the ideal, cofactors c_j with
// f = Σ_j c_j·Gens[j]; ok is false when f is not in the ideal. It needs a
// result computed with cofactor tracking (else it panics with an Error).
func (G *GroebnerResult) ReduceCertificate(f *Poly) (cofactors []*Poly, ok bool) {
	if G.Cofactors == nil && len(G.Basis) > 0 {
		panic(Error{"poly: ReduceCertificate needs a basis computed with Cofactors"})
	}
	Q, r := G.divide(f, true)
	if !r.IsZero() {
		return nil, false
	}
	R := G.Ring
	out := make([]*Poly, len(G.Gens))
	for j := range out {
		out[j] = R.Zero()
	}
	for i, q := range Q {
		if q.IsZero() {
			continue
		}
		for j := range out {
			out[j] = out[j].Add(q.Mul(G.Cofactors[i][j]))
		}
	}
	return out, true
}

// IdealMember reports whether f lies in the ideal generated by gens and, if
// so, returns cofactors c_j with f = Σ_j c_j·gens[j] (in the ring of gens;
// f is moved there by variable name). It honours ctx.
func IdealMember(ctx context.Context, f *Poly, gens []*Poly) (member bool, cofactors []*Poly, err error) {
	if len(gens) == 0 {
		return false, nil, errors.New("poly: ideal membership in an empty generator list")
	}
	// grevlex keeps cofactors far smaller than lex; the answer and the
	// identity do not depend on the order
	G, err := GroebnerBasis(ctx, gens, GroebnerOptions{Cofactors: true, Order: GRevLex})
	if err != nil {
		return false, nil, err
	}
	cof, ok := G.ReduceCertificate(f)
	if !ok {
		return false, nil, nil
	}
	return true, toRingAll(cof, gens[0].r), nil
}

// toRingAll moves polynomials to the ring R (same variables, another
// order).
func toRingAll(ps []*Poly, R *Ring) []*Poly {
	out := make([]*Poly, len(ps))
	for i, p := range ps {
		out[i], _ = p.ToRing(R)
	}
	return out
}

// NullstellensatzCertificate decides whether the generators have no common
// zero over C (equivalently, 1 lies in their ideal) and, if so, returns
// cofactors c_j with Σ_j c_j·gens[j] = 1, which VerifyCertificate checks.
// ok is false when the ideal is proper (a common complex zero exists). It
// honours ctx.
func NullstellensatzCertificate(ctx context.Context, gens []*Poly) (cofactors []*Poly, ok bool, err error) {
	if len(gens) == 0 {
		return nil, false, errors.New("poly: Nullstellensatz certificate of an empty generator list")
	}
	// computed in grevlex whatever the ring's order (see IdealMember)
	G, err := GroebnerBasis(ctx, gens, GroebnerOptions{Cofactors: true, Order: GRevLex})
	if err != nil {
		return nil, false, err
	}
	if !G.IsOne() {
		return nil, false, nil
	}
	return toRingAll(G.Cofactors[0], gens[0].r), true, nil
}

// VerifyCertificate reports whether Σ_i cofactors[i]·gens[i] = 1 exactly.
// It expands the sum naively (term by term, in a map keyed by exponent
// vector), independently of the Gröbner and multiplication code, so that a
// certificate is checked by code that did not produce it. Lengths must
// match and all polynomials must share one ring (else it returns false).
func VerifyCertificate(gens, cofactors []*Poly) bool {
	if len(gens) != len(cofactors) || len(gens) == 0 {
		return false
	}
	R := gens[0].r
	acc := map[string]*big.Rat{}
	var key strings.Builder
	for i, g := range gens {
		c := cofactors[i]
		if !g.r.Same(R) || !c.r.Same(R) {
			return false
		}
		for _, s := range c.terms {
			for _, t := range g.terms {
				key.Reset()
				for v := range s.Mon {
					key.WriteString(strconv.FormatUint(uint64(s.Mon[v])+uint64(t.Mon[v]), 10))
					key.WriteByte(',')
				}
				k := key.String()
				x := acc[k]
				if x == nil {
					x = new(big.Rat)
					acc[k] = x
				}
				x.Add(x, new(big.Rat).Mul(s.Coef, t.Coef))
			}
		}
	}
	one := strings.Repeat("0,", R.NumVars())
	for k, x := range acc {
		if k == one {
			if x.Cmp(big.NewRat(1, 1)) != 0 {
				return false
			}
		} else if x.Sign() != 0 {
			return false
		}
	}
	x := acc[one]
	return x != nil && x.Cmp(big.NewRat(1, 1)) == 0
}

// EliminationIdeal returns a Gröbner basis of the elimination ideal
// I ∩ Q[variables not in elim], I the ideal of gens: the elements free of
// the eliminated variables of the reduced basis of I for the block order
// (eliminated variables first, grevlex in each block), which is a reduced
// basis of the elimination ideal for grevlex on the remaining variables
// (Cox–Little–O'Shea, §3.1, elimination theorem). The result is in the
// ring of gens. It honours ctx.
func EliminationIdeal(ctx context.Context, gens []*Poly, elim []int) ([]*Poly, error) {
	if len(gens) == 0 {
		return nil, errors.New("poly: elimination ideal of an empty generator list")
	}
	R := gens[0].r
	n := R.NumVars()
	isElim := make([]bool, n)
	for _, v := range elim {
		R.checkVar(v)
		isElim[v] = true
	}
	var names []string
	k := 0
	for v := range n {
		if isElim[v] {
			names = append(names, R.vars[v])
			k++
		}
	}
	if k == 0 {
		G, err := GroebnerBasis(ctx, gens, GroebnerOptions{})
		if err != nil {
			return nil, err
		}
		return G.Basis, nil
	}
	for v := range n {
		if !isElim[v] {
			names = append(names, R.vars[v])
		}
	}
	var ord Order
	if k == n {
		ord = GRevLex
	} else {
		ord = BlockOrder([]int{k, n - k}, GRevLex, GRevLex)
	}
	S, err := NewRing(names, ord)
	if err != nil {
		return nil, err
	}
	moved := make([]*Poly, len(gens))
	for i, g := range gens {
		gens[0].sameRing(g)
		moved[i], _ = g.ToRing(S)
	}
	G, err := GroebnerBasis(ctx, moved, GroebnerOptions{})
	if err != nil {
		return nil, err
	}
	var out []*Poly
	for _, b := range G.Basis {
		free := true
		for v := 0; v < k; v++ {
			if b.Degree(v) > 0 {
				free = false
				break
			}
		}
		if free {
			p, _ := b.ToRing(R)
			out = append(out, p)
		}
	}
	return out, nil
}

// NumSolutions returns the number of complex solutions of the system,
// counted with multiplicity — the dimension of Q[x]/I as a vector space,
// the number of standard monomials — when the ideal is zero-dimensional;
// ok is false otherwise (infinitely many solutions; also for the zero
// ideal in ≥ 1 variables). The whole ring gives (0, true).
func (G *GroebnerResult) NumSolutions() (count int, ok bool) {
	n := G.Ring.NumVars()
	if G.IsOne() {
		return 0, true
	}
	bound := make([]int, n)
	for v := range bound {
		bound[v] = -1
	}
	lms := make([]Monomial, len(G.Basis))
	for i, b := range G.Basis {
		lm := b.terms[0].Mon
		lms[i] = lm
		vars := 0
		last := -1
		for v, x := range lm {
			if x > 0 {
				vars++
				last = v
			}
		}
		if vars == 1 && (bound[last] < 0 || int(lm[last]) < bound[last]) {
			bound[last] = int(lm[last])
		}
	}
	for _, b := range bound {
		if b < 0 {
			return 0, false
		}
	}
	m := make(Monomial, n)
	var count0 func(v int) int
	count0 = func(v int) int {
		for _, lm := range lms {
			if monDivides(lm, m) {
				return 0
			}
		}
		if v == n {
			return 1
		}
		c := 0
		for x := 0; x < bound[v]; x++ {
			m[v] = uint32(x)
			d := count0(v + 1)
			if d == 0 && x > 0 {
				break // larger exponents stay divisible
			}
			c += d
		}
		m[v] = 0
		return c
	}
	return count0(0), true
}
