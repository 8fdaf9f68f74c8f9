package poly

// Zippel's sparse interpolation for the GCD of sparse polynomials in three
// or more variables (R. Zippel, Probabilistic algorithms for sparse
// polynomials, EUROSAM 1979; the transposed Vandermonde solver as in
// Kaltofen–Lee, J. Symb. Comput. 36, 2003).
//
// The dense algorithms (mgcd_dense.go, Brown's in mgcd_modular.go)
// interpolate every variable densely, so their number of univariate images
// grows like the product of the degrees; for sparse inputs in many
// variables Zippel's method needs about (number of terms) × (degree) images
// instead. Modulo a prime p, with x the main variable and y_1, …, y_n the
// others, A and B primitive in x, and γ = gcd(lc_x A, lc_x B) ∈ Z[y]:
//
//  1. Fix a random point β ∈ F_p^n. Interpolate H(x, y_1, β_2, …, β_n)
//     densely in y_1 from univariate images gcd(A, B)(x, α, β_2, …) made
//     monic and scaled by γ(α, β_2, …), stopping when a new point does not
//     change the interpolant.
//  2. For k = 2, …, n: the support (skeleton) in y_1, …, y_{k-1} of each
//     x-coefficient of H is taken to be that of the previous stage. For new
//     values α of y_k, the images at the points (θ^t, α, β_{k+1}, …),
//     t = 1, …, T, give for every x-coefficient a transposed Vandermonde
//     system in the unknown coefficients, whose nodes are the monomials
//     evaluated at θ; each coefficient is then interpolated densely in y_k
//     (the previous stage gives the value at α = β_k), again with early
//     termination.
//
// The result is H = (γ / lc_x G)·G modulo p when no choice was unlucky.
// Scaled to the lexicographic leading coefficient gcd(lA, lB) (the integer
// leading coefficients) and lifted to the symmetric range, its primitive
// part D is a candidate, accepted only under the certificate of
// mgcd_dense.go: D divides both primitive inputs exactly over Z, and
// deg_x D equals the degree of the univariate images, all computed at
// points where lc_x A and lc_x B do not vanish. Anything unlucky (a zero
// of a leading coefficient, an image of the wrong degree, clashing
// Vandermonde nodes, a skeleton missing a monomial because β was a root of
// its coefficient, coefficients too large for one prime, or γ/lc_x G not
// constant) makes the candidate fail and the caller falls back to the
// complete algorithms: this path changes running times, never results.

import (
	"math/big"
	"slices"
)

// zipTerm is a term of a polynomial modulo p: x-exponent, exponents of
// y_1, …, y_n and the coefficient.
type zipTerm struct {
	ex int
	ey []uint32
	c  uint64
}

type zippel struct {
	z      zp
	rng    uint64
	cc     *canceler
	n      int // number of variables y
	degY   []int
	A, B   []zipTerm
	gam    []zipTerm // γ, with ex = 0
	dxA    int
	dxB    int
	images int // univariate GCDs computed (cost guard)
}

// zipMaxImages bounds the univariate GCDs of one Zippel run; beyond it the
// run gives up (the inputs are then not sparse in the sense that pays).
const zipMaxImages = 1 << 16

func (s *zippel) rand() uint64 {
	s.rng ^= s.rng >> 12
	s.rng ^= s.rng << 25
	s.rng ^= s.rng >> 27
	return (s.rng*2685821657736338717)%(s.z.p-1) + 1 // nonzero
}

// eval evaluates ts at y = pt into a univariate polynomial in x of length
// dx+1 (powers of the point are tabulated once per call).
func (s *zippel) eval(ts []zipTerm, pt []uint64, dx int, pows [][]uint64) []uint64 {
	z := s.z
	out := make([]uint64, dx+1)
	for _, t := range ts {
		v := t.c
		for j, e := range t.ey {
			if e != 0 {
				v = z.mul(v, pows[j][e])
			}
		}
		out[t.ex] = z.add(out[t.ex], v)
	}
	return out
}

func (s *zippel) powTable(pt []uint64) [][]uint64 {
	pows := make([][]uint64, s.n)
	for j := range pows {
		p := make([]uint64, s.degY[j]+1)
		p[0] = 1
		for e := 1; e < len(p); e++ {
			p[e] = s.z.mul(p[e-1], pt[j])
		}
		pows[j] = p
	}
	return pows
}

// image returns the univariate GCD at pt scaled by γ(pt) (monic times
// γ(pt)), or ok = false when a leading coefficient vanishes at pt.
func (s *zippel) image(pt []uint64) (g []uint64, ok bool) {
	s.images++
	if s.images > zipMaxImages {
		return nil, false
	}
	s.cc.check()
	pows := s.powTable(pt)
	a := s.eval(s.A, pt, s.dxA, pows)
	b := s.eval(s.B, pt, s.dxB, pows)
	if a[s.dxA] == 0 || b[s.dxB] == 0 {
		return nil, false
	}
	gv := s.eval(s.gam, pt, 0, pows)[0]
	if gv == 0 {
		return nil, false
	}
	g = s.z.uzGCD(a, b)
	for i := range g {
		g[i] = s.z.mul(g[i], gv)
	}
	return g, true
}

// newtonSet interpolates a vector of functions of one variable by Newton's
// method, keeping each interpolant in the monomial basis.
type newtonSet struct {
	z   zp
	pts []uint64
	q   []uint64   // Π (y - pts)
	f   [][]uint64 // interpolants, f[r] of length len(pts)
}

// add adds the values v (one per function) at y = a and reports whether
// any interpolant changed.
func (ns *newtonSet) add(a uint64, v []uint64) bool {
	z := ns.z
	if len(ns.pts) == 0 {
		ns.f = make([][]uint64, len(v))
		for r, x := range v {
			ns.f[r] = []uint64{x}
		}
		ns.pts = []uint64{a}
		ns.q = []uint64{z.sub(0, a), 1}
		return true
	}
	qinv := z.inv(z.uzEval(ns.q, a))
	changed := false
	for r, x := range v {
		f := append(ns.f[r], 0)
		d := z.sub(x, z.uzEval(f, a))
		if d != 0 {
			changed = true
			d = z.mul(d, qinv)
			for j, y := range ns.q {
				f[j] = z.add(f[j], z.mul(d, y))
			}
		}
		ns.f[r] = f
	}
	// q ← q·(y - a)
	na := z.sub(0, a)
	nq := make([]uint64, len(ns.q)+1)
	for j, y := range ns.q {
		nq[j+1] = z.add(nq[j+1], y)
		nq[j] = z.add(nq[j], z.mul(y, na))
	}
	ns.q = nq
	ns.pts = append(ns.pts, a)
	return changed
}

// zipMon is a monomial in y with its coefficient.
type zipMon struct {
	e []uint32
	c uint64
}

// run computes H modulo p: skel[i] lists the terms of the coefficient of
// x^i. dx is the x-degree of the univariate images (0: coprime).
func (s *zippel) run() (skel [][]zipMon, dx int, ok bool) {
	z := s.z
	n := s.n
	beta := make([]uint64, n)
	for j := range beta {
		beta[j] = s.rand()
	}
	pt := slices.Clone(beta)
	// stage 1: dense in y_1
	bound1 := s.degY[0]*2 + 2
	var ns newtonSet
	dx = -1
	for tries := 0; ; tries++ {
		if tries > 3*bound1+20 {
			return nil, 0, false
		}
		a := s.rand()
		if slices.Contains(ns.pts, a) {
			continue
		}
		pt[0] = a
		g, ok := s.image(pt)
		if !ok {
			if s.images > zipMaxImages {
				return nil, 0, false
			}
			continue
		}
		d := len(g) - 1
		if d == 0 {
			return nil, 0, true // coprime, certified by this image
		}
		if dx >= 0 && d > dx {
			continue // unlucky point
		}
		if d < dx {
			ns = newtonSet{}
		}
		ns.z = z
		dx = d
		changed := ns.add(a, g)
		if (!changed && len(ns.pts) >= 2) || len(ns.pts) > bound1 {
			break
		}
	}
	skel = make([][]zipMon, dx+1)
	for i, f := range ns.f {
		for e, c := range f {
			if c != 0 {
				m := make([]uint32, n)
				m[0] = uint32(e)
				skel[i] = append(skel[i], zipMon{m, c})
			}
		}
	}
	// stages 2..n
	for k := 1; k < n; k++ {
		T := 0
		for _, sk := range skel {
			T = max(T, len(sk))
		}
		theta := make([]uint64, k)
		for j := range theta {
			theta[j] = s.rand()
		}
		// nodes w_m = θ^m per x-degree, distinct within each list
		nodes := make([][]uint64, dx+1)
		for i, sk := range skel {
			nodes[i] = make([]uint64, len(sk))
			for r, m := range sk {
				w := uint64(1)
				for j := 0; j < k; j++ {
					for range m.e[j] {
						w = z.mul(w, theta[j])
					}
				}
				nodes[i][r] = w
			}
			ws := slices.Clone(nodes[i])
			slices.Sort(ws)
			if len(slices.Compact(ws)) != len(ws) {
				return nil, 0, false
			}
		}
		// first point: y_k = β_k, values from the previous stage
		var ns newtonSet
		ns.z = z
		var vals []uint64
		for _, sk := range skel {
			for _, m := range sk {
				vals = append(vals, m.c)
			}
		}
		ns.add(beta[k], vals)
		boundK := s.degY[k]*2 + 2
		for tries := 0; ; tries++ {
			if tries > 3*boundK+20 {
				return nil, 0, false
			}
			a := s.rand()
			if slices.Contains(ns.pts, a) {
				continue
			}
			// images at (θ^t, a, β_{k+1}, …), t = 1..T
			imgs := make([][]uint64, T)
			p := slices.Clone(beta)
			p[k] = a
			tp := slices.Clone(theta)
			for t := 0; t < T; t++ {
				copy(p[:k], tp)
				g, ok := s.image(p)
				if !ok || len(g)-1 != dx {
					return nil, 0, false
				}
				imgs[t] = g
				for j := range tp {
					tp[j] = z.mul(tp[j], theta[j])
				}
			}
			vals = vals[:0]
			for i, sk := range skel {
				v := make([]uint64, len(sk))
				for t := range v {
					v[t] = imgs[t][i]
				}
				c, ok := s.vandermonde(nodes[i], v)
				if !ok {
					return nil, 0, false
				}
				vals = append(vals, c...)
			}
			changed := ns.add(a, vals)
			if !changed || len(ns.pts) > boundK {
				break
			}
		}
		// new skeleton with the exponent of y_k
		r := 0
		next := make([][]zipMon, dx+1)
		for i, sk := range skel {
			for _, m := range sk {
				for e, c := range ns.f[r] {
					if c != 0 {
						me := slices.Clone(m.e)
						me[k] = uint32(e)
						next[i] = append(next[i], zipMon{me, c})
					}
				}
				r++
			}
		}
		skel = next
	}
	return skel, dx, true
}

// vandermonde solves Σ_m c_m w_m^t = v_t (t = 1..len(w)) for c, the w
// distinct and nonzero.
func (s *zippel) vandermonde(w, v []uint64) ([]uint64, bool) {
	z := s.z
	T := len(w)
	if T == 0 {
		return nil, true
	}
	// M(y) = Π (y - w_m)
	M := []uint64{1}
	for _, x := range w {
		nm := make([]uint64, len(M)+1)
		nx := z.sub(0, x)
		for j, y := range M {
			nm[j+1] = z.add(nm[j+1], y)
			nm[j] = z.add(nm[j], z.mul(y, nx))
		}
		M = nm
	}
	c := make([]uint64, T)
	q := make([]uint64, T)
	for m, x := range w {
		// q = M / (y - x) by synthetic division, and q(x)
		q[T-1] = M[T]
		for j := T - 2; j >= 0; j-- {
			q[j] = z.add(M[j+1], z.mul(q[j+1], x))
		}
		var num uint64
		for j := 0; j < T; j++ {
			num = z.add(num, z.mul(q[j], v[j]))
		}
		den := z.mul(z.uzEval(q, x), x)
		if den == 0 {
			return nil, false
		}
		c[m] = z.mul(num, z.inv(den))
	}
	return c, true
}

// contentInFast is ContentIn by the fast GCD, with the shortcut that a
// constant coefficient makes it 1.
func contentInFast(f *Poly, v int, cc *canceler) *Poly {
	cs := f.CoeffsIn(v)
	var nz []*Poly
	for _, c := range cs {
		if c.IsZero() {
			continue
		}
		if c.IsConst() {
			return f.r.One()
		}
		nz = append(nz, c)
	}
	slices.SortStableFunc(nz, func(a, b *Poly) int { return len(a.terms) - len(b.terms) })
	h := nz[0]
	for _, c := range nz[1:] {
		h = gcdDispatch(h, c, true, cc)
		if h.IsConst() {
			return f.r.One()
		}
	}
	return normalizeZ(h)
}

// lexLeadCoeff is the leading integer coefficient of the integer
// polynomial p in the lexicographic order of vars.
func lexLeadCoeff(p *Poly, vars []int) *big.Int {
	var best Monomial
	var c *big.Rat
	for _, t := range p.terms {
		if best != nil {
			cmp := 0
			for _, v := range vars {
				if t.Mon[v] != best[v] {
					if t.Mon[v] > best[v] {
						cmp = 1
					} else {
						cmp = -1
					}
					break
				}
			}
			if cmp <= 0 {
				continue
			}
		}
		best, c = t.Mon, t.Coef
	}
	return c.Num()
}

// gcdZippel is the sparse GCD path for nonzero f, g involving at least
// three variables vars (vars[0] the main variable); ok is false when it
// declines or finds no certified candidate. The result is normalized as
// by GCD.
func gcdZippel(f, g *Poly, vars []int, cc *canceler) (*Poly, bool) {
	return gcdZippelPrimes(f, g, vars, cc, 1<<31-1, 2)
}

// gcdZippelPrimes is gcdZippel trying the given number of primes below
// start (tests use small primes to provoke every kind of bad luck).
func gcdZippelPrimes(f, g *Poly, vars []int, cc *canceler, start uint64, attempts int) (*Poly, bool) {
	if len(vars) < 3 {
		return nil, false
	}
	x, ys := vars[0], vars[1:]
	f, g = normalizeZ(f), normalizeZ(g)
	cf, cg := contentInFast(f, x, cc), contentInFast(g, x, cc)
	var err error
	if !cf.IsOne() {
		if f, err = f.ExactQuo(cf); err != nil {
			return nil, false
		}
	}
	if !cg.IsOne() {
		if g, err = g.ExactQuo(cg); err != nil {
			return nil, false
		}
	}
	cont := cf
	if !cf.IsOne() && !cg.IsOne() {
		cont = gcdDispatch(cf, cg, true, cc)
	} else {
		cont = f.r.One()
	}
	if f.Degree(x) == 0 || g.Degree(x) == 0 {
		return normalizeZ(cont), true
	}
	gam := gcdDispatch(f.LeadCoeffIn(x), g.LeadCoeffIn(x), true, cc)
	lA, lB := lexLeadCoeff(f, vars), lexLeadCoeff(g, vars)
	lg := new(big.Int).GCD(nil, nil, new(big.Int).Abs(lA), new(big.Int).Abs(lB))
	degY := make([]int, len(ys))
	for j, v := range ys {
		degY[j] = max(f.Degree(v), g.Degree(v))
	}
	prime := start
	bp, tm := new(big.Int), new(big.Int)
	for attempt := 0; attempt < attempts; attempt++ {
		for {
			if prime <= 2 {
				// no smaller prime (mvPrevPrime(2) would wrap around);
				// only tests start this low
				return nil, false
			}
			prime = mvPrevPrime(prime)
			bp.SetUint64(prime)
			if tm.Mod(lA, bp).Sign() != 0 && tm.Mod(lB, bp).Sign() != 0 {
				break
			}
		}
		cc.checkNow()
		s := &zippel{z: newZp(prime), rng: 0x2545F4914F6CDD1D ^ prime, cc: cc, n: len(ys), degY: degY,
			dxA: f.Degree(x), dxB: g.Degree(x)}
		conv := func(p *Poly) []zipTerm {
			ts := make([]zipTerm, 0, len(p.terms))
			for _, t := range p.terms {
				c := tm.Mod(t.Coef.Num(), bp).Uint64()
				if c == 0 {
					continue
				}
				ey := make([]uint32, len(ys))
				for j, v := range ys {
					ey[j] = t.Mon[v]
				}
				ts = append(ts, zipTerm{int(t.Mon[x]), ey, c})
			}
			return ts
		}
		s.A, s.B, s.gam = conv(f), conv(g), conv(normalizeZ(gam))
		skel, dx, ok := s.run()
		if !ok {
			continue
		}
		if dx == 0 {
			return normalizeZ(cont), true
		}
		// scale H so that its lexicographic leading coefficient is gcd(lA, lB)
		var ts []Term
		lead := -1
		var leadMon []uint32
		for i := dx; i >= 0 && lead < 0; i-- {
			for r, m := range skel[i] {
				if leadMon == nil || lexGreater(m.e, leadMon) {
					leadMon, lead = m.e, r
				}
			}
			if lead >= 0 {
				sc := s.z.mul(tm.Mod(lg, bp).Uint64(), s.z.inv(skel[i][lead].c))
				for _, sk := range skel {
					for r := range sk {
						sk[r].c = s.z.mul(sk[r].c, sc)
					}
				}
			}
		}
		half := prime / 2
		for i, sk := range skel {
			for _, m := range sk {
				if m.c == 0 {
					continue
				}
				mon := make(Monomial, f.r.NumVars())
				mon[x] = uint32(i)
				for j, v := range ys {
					mon[v] = m.e[j]
				}
				v := int64(m.c)
				if m.c > half {
					v = -int64(prime - m.c)
				}
				ts = append(ts, Term{Mon: mon, Coef: new(big.Rat).SetInt64(v)})
			}
		}
		D := normalizeZ(f.r.NewPoly(ts))
		if D.Degree(x) != dx {
			continue
		}
		if _, err := f.ExactQuo(D); err != nil {
			continue
		}
		if _, err := g.ExactQuo(D); err != nil {
			continue
		}
		return normalizeZ(D.Mul(cont)), true
	}
	return nil, false
}

func lexGreater(a, b []uint32) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}
