package poly

import (
	"context"
	"math/big"
)

// SqfFactor is one factor of a square-free decomposition: F is a primitive,
// square-free polynomial with positive leading coefficient and positive
// degree, occurring with multiplicity Mult.
type SqfFactor struct {
	F    UPoly
	Mult int
}

// USquareFree returns the square-free decomposition of f: factors F_i with
// strictly increasing multiplicities, pairwise coprime, such that
// f = c * prod F_i^Mult_i for the integer constant c returned by
// USquareFreeConst. Factors with F_i = 1 are omitted, so a constant f has
// no factors.
//
// Algorithm: Yun (1976), over Z with primitive gcds: with g = gcd(f, f'),
// c_1 = f/g, d_1 = f'/g - c_1', the i-th factor is a_i = gcd(c_i, d_i), and
// c_{i+1} = c_i/a_i, d_{i+1} = d_i/a_i - c_{i+1}'. Every division is exact
// in Z[x] because the divisors are primitive (Gauss's lemma).
func USquareFree(f UPoly) []SqfFactor {
	fs, _ := USquareFreeCtx(context.Background(), f)
	return fs
}

// USquareFreeCtx is USquareFree honouring ctx.
func USquareFreeCtx(ctx context.Context, f UPoly) ([]SqfFactor, error) {
	if len(f) <= 1 {
		return nil, nil
	}
	F := f.primitivePositive()
	df := F.Deriv()
	g, err := UGCDCtx(ctx, F, df)
	if err != nil {
		return nil, err
	}
	if len(g) == 1 {
		return []SqfFactor{{F: F, Mult: 1}}, nil
	}
	c := F.mustQuo(g)
	d := df.mustQuo(g).Sub(c.Deriv())
	var out []SqfFactor
	for i := 1; len(c) > 1; i++ {
		if err := ctx.Err(); err != nil {
			return nil, wrapCtx("USquareFree", err)
		}
		a, err := UGCDCtx(ctx, c, d)
		if err != nil {
			return nil, err
		}
		if len(a) > 1 {
			out = append(out, SqfFactor{F: a, Mult: i})
		}
		c = c.mustQuo(a)
		d = d.mustQuo(a).Sub(c.Deriv())
	}
	return out, nil
}

// USquareFreeConst returns the constant c with f = c * prod F_i^Mult_i for
// the factors fs = USquareFree(f): c = lc(f) / prod lc(F_i)^Mult_i.
func USquareFreeConst(f UPoly, fs []SqfFactor) *big.Int {
	if len(f) == 0 {
		return new(big.Int)
	}
	den := big.NewInt(1)
	for _, s := range fs {
		den.Mul(den, new(big.Int).Exp(s.F.lc(), big.NewInt(int64(s.Mult)), nil))
	}
	return new(big.Int).Quo(f.lc(), den)
}

// USquareFreePart returns the square-free part of f: the primitive
// polynomial with positive leading coefficient whose roots are the distinct
// complex roots of f (f / gcd(f, f') made primitive). It is 1 for a nonzero
// constant and 0 for 0.
func USquareFreePart(f UPoly) UPoly {
	if len(f) == 0 {
		return nil
	}
	if len(f) == 1 {
		return UPolyFromInts(1)
	}
	F := f.primitivePositive()
	g := UGCD(F, F.Deriv())
	if len(g) == 1 {
		return F
	}
	return F.mustQuo(g).primitivePositive()
}
