package poly

import (
	"context"
	"math/big"
)

// SturmSeq is a Sturm sequence f_0 = f, f_1 = f', f_{i+1} = -rem(f_{i-1},
// f_i) (each element divided by a positive constant, which does not change
// signs), divided through by gcd(f, f') so that it is the Sturm sequence of
// the square-free part of f. By Sturm's theorem the number of distinct real
// roots of f in (a, b] is V(a) - V(b), where V(t) counts the sign changes of
// f_0(t), f_1(t), ... (zeros skipped) (Basu–Pollack–Roy, Thm 2.50).
type SturmSeq []UPoly

// NewSturmSeq returns the Sturm sequence of f (nil for a constant f).
func NewSturmSeq(f UPoly) SturmSeq {
	s, _ := NewSturmSeqCtx(context.Background(), f)
	return s
}

// NewSturmSeqCtx is NewSturmSeq honouring ctx (checked at every remainder).
func NewSturmSeqCtx(ctx context.Context, f UPoly) (SturmSeq, error) {
	if len(f) <= 1 {
		return nil, nil
	}
	seq := SturmSeq{f.primitivePositive()}
	seq = append(seq, seq[0].Deriv().primitivePositive())
	for {
		if err := ctx.Err(); err != nil {
			return nil, wrapCtx("Sturm sequence", err)
		}
		a, b := seq[len(seq)-2], seq[len(seq)-1]
		if len(b) == 1 {
			break
		}
		r := a.PseudoRem(b)
		if len(r) == 0 {
			break
		}
		// prem = lc(b)^k a - q b; rem = prem / lc(b)^k. The sign of
		// lc(b)^k is that of lc(b) when k is odd.
		k := len(a) - len(b) + 1
		negate := true // Sturm: next = -rem
		if b.lc().Sign() < 0 && k%2 == 1 {
			negate = !negate
		}
		r = r.PrimitivePart()
		if negate {
			r = r.Neg()
		}
		seq = append(seq, r)
	}
	if g := seq[len(seq)-1]; len(g) > 1 {
		// f has multiple roots: divide by the gcd (keeping its sign
		// pattern) to get the sequence of the square-free part.
		for i := range seq {
			seq[i] = seq[i].mustQuo(g)
		}
	}
	return seq, nil
}

// variations counts sign changes of the sequence at t (nil means +infinity
// when plusInf, else -infinity).
func (s SturmSeq) variations(t *big.Rat, plusInf bool) int {
	v, last := 0, 0
	for _, p := range s {
		var sg int
		if t == nil {
			sg = p.lc().Sign()
			if !plusInf && (len(p)-1)%2 == 1 {
				sg = -sg
			}
		} else {
			sg = p.EvalSign(t)
		}
		if sg == 0 {
			continue
		}
		if last != 0 && sg != last {
			v++
		}
		last = sg
	}
	return v
}

// Count returns the number of distinct real roots in (a, b]; a nil a means
// -infinity and a nil b +infinity. It is 0 when a >= b.
func (s SturmSeq) Count(a, b *big.Rat) int {
	if len(s) == 0 {
		return 0
	}
	if a != nil && b != nil && a.Cmp(b) >= 0 {
		return 0
	}
	return s.variations(a, false) - s.variations(b, true)
}

// SturmCount returns the number of distinct real roots of f in (a, b] (nil
// a or b: unbounded). f must be nonzero; constants have no roots.
func SturmCount(f UPoly, a, b *big.Rat) int {
	return NewSturmSeq(f).Count(a, b)
}
