package poly

// Factorization over Q.
//
// Factorize first splits f into square-free parts (SquareFree). A part in
// one variable is factored by the Zassenhaus method of factor_univ.go, a
// part in two variables by Hensel lifting from an evaluation point
// (factor_biv.go). A part in k ≥ 3 variables is first mapped to two
// variables by Kronecker's substitution of the inner variables,
// y_i ↦ t^{D_{i+1}⋯D_{k-1}} with D_i = deg_{y_i} f + 1 (the main variable
// is kept), factored there, and the image factors recombined.
//
// Kronecker's substitution is injective on the monomials of every divisor
// of f (their degrees in each variable are below D_i) and multiplicative,
// so every factor g of f has an image equal to ± a product of a subset of
// the image's irreducible factors. Subsets are tried by increasing size,
// mapped back (rejecting products with a digit ≥ D_i), and certified by
// exact division of f. A factor found with a minimal subset is irreducible
// (a proper factorization of it would have been found with a smaller
// subset, earlier), and what remains at the end is irreducible. The full
// substitution to one variable is kept as the reference (tests) and as the
// fallback when no good evaluation point is found.
//
// BUG(relucad): the recombination is exponential in the number of image
// factors (subsets by increasing size; no lattice reduction), so products
// whose images split into many factors at every evaluation point are slow;
// the pure Kronecker reference can take minutes on trivariate products.
// Three dense degree-10 bivariate factors take a few milliseconds (bench/run.sh
// factor, side by side with Singular's factorize).

import (
	"context"
	"math/big"
	"math/rand/v2"
	"slices"
)

// Factorize returns the factorization of f over Q: a rational constant c
// (first, Mult 1, omitted when c = 1) and irreducible factors, each
// primitive over Z with a positive leading coefficient in the ring order,
// with multiplicities, so that f = c · Π p_i^{m_i}. Factors are sorted by
// multiplicity, then by total degree, then by their text. Factorize(0) =
// [(0, 1)]. It honours ctx (returning an error wrapping ctx.Err()).
// Algorithms: see the file comments of factor.go and factor_univ.go.
func Factorize(ctx context.Context, f *Poly) ([]Factor, error) {
	return factorizeWith(ctx, f, true)
}

// factorizeWith is Factorize; biv selects the bivariate Hensel method for
// two-variable parts (else Kronecker's substitution, kept as the reference).
func factorizeWith(ctx context.Context, f *Poly, biv bool) ([]Factor, error) {
	R := f.r
	// a bivariate f that is visibly square-free and primitive in its main
	// variable (bivSquareFreeQuick) skips the square-free decomposition
	var sqf []Factor
	var pre *rp
	if biv {
		if F, ok := bivSquareFreeQuick(f); ok {
			pre = &F
		}
	}
	if pre != nil {
		sqf = []Factor{{f, 1}}
	} else {
		sqf = SquareFree(f)
	}
	rng := rand.New(rand.NewPCG(1, 2)) // deterministic: results do not depend on it
	var out []Factor
	for _, fm := range sqf {
		if fm.Poly.IsConst() {
			out = append(out, fm)
			continue
		}
		parts, err := factorSqf(ctx, fm.Poly, rng, biv, pre)
		if err != nil {
			return nil, err
		}
		for _, p := range parts {
			out = append(out, Factor{p, fm.Mult})
		}
	}
	// renormalize the constant so that the product is exactly f
	c := new(big.Rat).Set(f.LeadCoeff())
	var fs []Factor
	for _, fm := range out {
		if fm.Poly.IsConst() {
			continue
		}
		p := normalizeZ(fm.Poly)
		lc := p.LeadCoeff()
		for range fm.Mult {
			c.Quo(c, lc)
		}
		fs = append(fs, Factor{p, fm.Mult})
	}
	if f.IsZero() {
		return []Factor{{R.Zero(), 1}}, nil
	}
	slices.SortFunc(fs, func(a, b Factor) int {
		if a.Mult != b.Mult {
			return a.Mult - b.Mult
		}
		if da, db := a.Poly.TotalDegree(), b.Poly.TotalDegree(); da != db {
			return da - db
		}
		if a.Poly.String() < b.Poly.String() {
			return -1
		}
		return 1
	})
	if c.Cmp(big.NewRat(1, 1)) != 0 {
		fs = append([]Factor{{R.Const(c), 1}}, fs...)
	}
	return fs, nil
}

// factorSqf factors a square-free nonconstant f into irreducibles. A
// non-nil pre is f already in recursive form (polyToRec(normalizeZ(f),
// occurringVars(f))) and known to be primitive in its main variable.
func factorSqf(ctx context.Context, f *Poly, rng *rand.Rand, biv bool, pre *rp) ([]*Poly, error) {
	R := f.r
	vars := occurringVars(f)
	prim := pre != nil
	var F rp
	if prim {
		F = *pre
	} else {
		F, _ = polyToRec(normalizeZ(f), vars)
	}
	k := len(vars)
	if k == 2 && biv {
		gs, ok, err := factorBivariate(ctx, F, rng, prim)
		if err != nil {
			return nil, err
		}
		if ok {
			out := make([]*Poly, len(gs))
			for i, g := range gs {
				out[i] = recToPoly(g, R, vars, nil)
			}
			return out, nil
		}
	}
	if k >= 3 && biv {
		out, ok, err := factorKroneckerBivariate(ctx, F, k, R, vars, rng)
		if err != nil {
			return nil, err
		}
		if ok {
			return out, nil
		}
	}
	// Kronecker substitution
	D := make([]int, k)
	degs := make([]int, k)
	rpDegreesInner(F, k, degs)
	for i := range D {
		D[i] = degs[i] + 1
	}
	// weight of variable i (recursive order: vars[0] outermost)
	w := make([]int, k)
	acc := 1
	for i := k - 1; i >= 0; i-- {
		w[i] = acc
		acc *= D[i]
	}
	dense := kroneckerDense(F, 0, k, w)
	// the image may have a power of x as a factor when f does not (f with
	// no constant term in the image); strip it and keep track.
	low := 0
	for dense[low].Sign() == 0 {
		low++
	}
	img := dense[low:]
	var imgFactors [][]*big.Int
	for range low {
		imgFactors = append(imgFactors, []*big.Int{new(big.Int), big.NewInt(1)})
	}
	if len(img) > 1 {
		if img[len(img)-1].Sign() < 0 {
			for i := range img {
				img[i] = new(big.Int).Neg(img[i])
			}
		}
		// the image need not be square-free: factor its square-free parts
		for _, sf := range rpSquareFree(rpUniv(img)) {
			parts, err := factorSqfZ(ctx, rpToDense(sf.p), rng)
			if err != nil {
				return nil, err
			}
			for range sf.m {
				imgFactors = append(imgFactors, parts...)
			}
		}
	}
	if k == 1 && low == 0 {
		out := make([]*Poly, len(imgFactors))
		for i, g := range imgFactors {
			out[i] = recToPoly(rpUniv(g), R, vars, nil)
		}
		return out, nil
	}
	// inverse Kronecker map: dense → rp, or false if a digit overflows
	inv := func(g []*big.Int) (rp, bool) {
		var ts []mvIntTerm
		for e, c := range g {
			if c.Sign() == 0 {
				continue
			}
			ex := make([]int, k)
			r := e
			for i := 0; i < k; i++ {
				ex[i] = r / w[i]
				r %= w[i]
				if ex[i] >= D[i] {
					return rp{}, false
				}
			}
			ts = append(ts, mvIntTerm{ex, c})
		}
		return rpBuild(ts, 0, k), true
	}
	var out []*Poly
	cur := F
	hs := imgFactors
	// the product of hs is ±K(cur) throughout, so a factorization of cur
	// has a factor with at most half of hs: beyond that, cur is irreducible
	for size := 1; 2*size <= len(hs); {
		if cur.deg() <= 0 && rpIsConstRec(cur) {
			break
		}
		found := false
		idx := make([]int, size)
		for i := range idx {
			idx[i] = i
		}
		for {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			prod := []*big.Int{big.NewInt(1)}
			for _, i := range idx {
				prod = rpToDense(rpMul(rpUniv(prod), rpUniv(hs[i])))
			}
			if g, ok := inv(prod); ok && !rpIsConstRec(g) {
				if q, ok := rpExactDiv(cur, g); ok {
					out = append(out, recToPoly(g, R, vars, nil))
					cur = q
					var rest [][]*big.Int
					for i, h := range hs {
						if !slices.Contains(idx, i) {
							rest = append(rest, h)
						}
					}
					hs = rest
					found = true
					break
				}
			}
			if !nextCombination(idx, len(hs)) {
				break
			}
		}
		if !found {
			size++
		}
	}
	if !rpIsConstRec(cur) {
		out = append(out, recToPoly(cur, R, vars, nil))
	}
	return out, nil
}

// rpIsConstRec reports whether a is a constant (in all variables).
func rpIsConstRec(a rp) bool {
	for a.k == nil {
		if a.isZero() {
			return true
		}
		if len(a.cs) != 1 {
			return false
		}
		a = a.cs[0]
	}
	return true
}

// factorKroneckerBivariate factors F (level k ≥ 3) by Kronecker's
// substitution in the inner variables only, y_i ↦ t^{w_i}, keeping the main
// variable: the bivariate image is factored by Hensel lifting and its
// factors recombined like the univariate images of factorSqf (subsets by
// increasing size, inverse map with digit check, exact division). ok is
// false when the bivariate method gave up.
func factorKroneckerBivariate(ctx context.Context, F rp, k int, R *Ring, vars []int, rng *rand.Rand) ([]*Poly, bool, error) {
	degs := make([]int, k)
	rpDegreesInner(F, k, degs)
	D := make([]int, k)
	for i := range D {
		D[i] = degs[i] + 1
	}
	w := make([]int, k) // weights of the inner variables 1..k-1
	acc := 1
	for i := k - 1; i >= 1; i-- {
		w[i] = acc
		acc *= D[i]
	}
	// image: level 2, x outer, t inner
	img := make([]rp, len(F.cs))
	for i, c := range F.cs {
		img[i] = rpUniv(zpTrim(kroneckerDense(c, 1, k, w)))
	}
	image := rpTrim(img)
	// the image need not be square-free
	var hs []rp
	for _, sf := range rpSquareFree(image) {
		gs, ok, err := factorBivariate(ctx, sf.p, rng, false)
		if err != nil || !ok {
			return nil, ok, err
		}
		for range sf.m {
			hs = append(hs, gs...)
		}
	}
	inv := func(g rp) (rp, bool) {
		var ts []mvIntTerm
		for i, c := range g.cs {
			if c.isZero() {
				continue
			}
			if c.k != nil { // cannot happen for level-1 values; be safe
				return rp{}, false
			}
			for e, x := range c.cs {
				if x.isZero() {
					continue
				}
				ex := make([]int, k)
				ex[0] = i
				r := e
				for v := 1; v < k; v++ {
					ex[v] = r / w[v]
					r %= w[v]
					if ex[v] >= D[v] {
						return rp{}, false
					}
				}
				ts = append(ts, mvIntTerm{ex, x.k})
			}
		}
		return rpBuild(ts, 0, k), true
	}
	var out []*Poly
	cur := F
	for size := 1; 2*size <= len(hs); {
		found := false
		idx := make([]int, size)
		for i := range idx {
			idx[i] = i
		}
		for {
			if err := ctx.Err(); err != nil {
				return nil, false, err
			}
			prod := hs[idx[0]]
			for _, i := range idx[1:] {
				prod = rpMul(prod, hs[i])
			}
			for _, sgn := range []bool{false, true} {
				p := prod
				if sgn {
					p = rpNeg(prod)
				}
				if g, ok := inv(p); ok && !rpIsConstRec(g) {
					if q, ok := rpExactDiv(cur, g); ok {
						out = append(out, recToPoly(g, R, vars, nil))
						cur = q
						var rest []rp
						for i, h := range hs {
							if !slices.Contains(idx, i) {
								rest = append(rest, h)
							}
						}
						hs = rest
						found = true
						break
					}
				}
			}
			if found || !nextCombination(idx, len(hs)) {
				break
			}
		}
		if !found {
			size++
		}
	}
	if !rpIsConstRec(cur) {
		out = append(out, recToPoly(cur, R, vars, nil))
	}
	return out, true, nil
}

// kroneckerDense is the Kronecker substitution of the recursive
// polynomial a at level lvl of k levels: the dense coefficient list (low
// to high) of the univariate image in which the variable of level l has
// weight w[l].
func kroneckerDense(a rp, lvl, k int, w []int) []*big.Int {
	dense := make([]*big.Int, 0)
	var walk func(a rp, lvl, e int)
	walk = func(a rp, lvl, e int) {
		if a.isZero() {
			return
		}
		if lvl == k {
			for len(dense) <= e {
				dense = append(dense, new(big.Int))
			}
			dense[e].Set(a.k)
			return
		}
		for i, c := range a.cs {
			walk(c, lvl+1, e+i*w[lvl])
		}
	}
	walk(a, lvl, 0)
	return dense
}
