package atlas

// Exact probabilities from a complete census (MATH.md S11). With c_v[k]
// the number of supports of the shape with k ones and verdict v (the sum
// of Rep.Weight over the orbit representatives), Bernoulli(p) masks give
//
//	P(certified not closed) = Σ_k c_not_closed[k] p^k (1−p)^{B−k},
//	P(unknown)              = Σ_k c_unknown[k]    p^k (1−p)^{B−k},
//
// exactly, for every p; P(L_I not closed) lies between the first and the
// sum of both. With p rational the values are exact rationals.

import (
	"context"
	"fmt"
	"math/big"
)

// ExactCounts holds, for each verdict, the number of supports of a shape
// with k ones (k = 0..Bits).
type ExactCounts struct {
	Shape                      string
	Bits                       int
	NotClosed, Closed, Unknown []*big.Int
}

// Verdicts returns key → verdict for a shape.
func (d *DB) Verdicts(ctx context.Context, shape string) (map[string]string, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT key, verdict FROM results WHERE shape = ?", shape)
	if err != nil {
		return nil, fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, rows.Err()
}

// ExactCountsFromDB weights every stored verdict of shape sh by its orbit
// size. The census of the shape must be complete.
func ExactCountsFromDB(ctx context.Context, db *DB, sh Shape) (*ExactCounts, error) {
	verdicts, err := db.Verdicts(ctx, sh.String())
	if err != nil {
		return nil, err
	}
	B := sh.Bits()
	e := &ExactCounts{Shape: sh.String(), Bits: B}
	mk := func() []*big.Int {
		x := make([]*big.Int, B+1)
		for i := range x {
			x[i] = new(big.Int)
		}
		return x
	}
	e.NotClosed, e.Closed, e.Unknown = mk(), mk(), mk()
	missing, total := 0, 0
	err = Enumerate(ctx, sh, func(r Rep) bool {
		total++
		k := r.Support.NumParams()
		w := new(big.Int).SetUint64(r.Weight)
		switch verdicts[r.Key] {
		case "not_closed":
			e.NotClosed[k].Add(e.NotClosed[k], w)
		case "closed":
			e.Closed[k].Add(e.Closed[k], w)
		case "unknown":
			e.Unknown[k].Add(e.Unknown[k], w)
		default:
			missing++
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	if missing > 0 {
		return nil, fmt.Errorf("atlas: the census of shape %s in %s is incomplete: %d of %d orbits are not stored (run relucad census --shape %s)",
			sh, db.path, missing, total, sh)
	}
	return e, nil
}

func bernoulliSum(c []*big.Int, p *big.Rat) *big.Rat {
	B := len(c) - 1
	q := new(big.Rat).Sub(big.NewRat(1, 1), p)
	sum := new(big.Rat)
	pk := big.NewRat(1, 1)
	for k := 0; k <= B; k++ {
		if c[k].Sign() != 0 {
			t := new(big.Rat).Mul(pk, ratPow(q, B-k))
			t.Mul(t, new(big.Rat).SetInt(c[k]))
			sum.Add(sum, t)
		}
		pk.Mul(pk, p)
	}
	return sum
}

func ratPow(x *big.Rat, n int) *big.Rat {
	r := big.NewRat(1, 1)
	for i := 0; i < n; i++ {
		r.Mul(r, x)
	}
	return r
}

// Probabilities returns P(certified not closed) and P(unknown) for
// Bernoulli(p) masks, exactly.
func (e *ExactCounts) Probabilities(p *big.Rat) (notClosed, unknown *big.Rat) {
	return bernoulliSum(e.NotClosed, p), bernoulliSum(e.Unknown, p)
}
