package relu

import (
	"fmt"
	"math/big"
	"math/rand"
)

// A Fill proves that L_I is the whole coordinate subspace Σ(P), where P is
// the Boolean product of the masks: with every factor except W_Layer fixed
// to the given rational matrices (on their masks), the linear map
// W_Layer ↦ W_L⋯W_1 on Σ(I_Layer) has rank |P|. Its image is then Σ(P),
// and Σ(P) ⊆ L_I ⊆ Σ(P) (every product is supported on P), so L_I is a
// linear subspace, hence closed. This covers MATH.md E12 (T15: lower·full·
// upper = R^{2×2}) and E8-like complete covers at any depth.
type Fill struct {
	Layer   int                   `json:"layer"`
	Factors map[string][][]string `json:"factors"`
}

// MaxFillCells bounds the product support size for which findFill tries
// (the rank computation is cubic in it).
const MaxFillCells = 256

// boolProduct returns the Boolean product of all masks (N_L × N_0).
func boolProduct(s Support) Mask {
	p := s.Masks[0]
	for q := 1; q < len(s.Masks); q++ {
		p = p.BoolProduct(s.Masks[q])
	}
	return p
}

// findFill tries each layer as the free one, the others at seeded
// pseudo-random small positive integers on their masks.
func findFill(s Support) (*Fill, bool) {
	P := boolProduct(s)
	np := P.Count()
	if np > MaxFillCells {
		return nil, false
	}
	L := s.Depth()
	for attempt := int64(1); attempt <= 2; attempt++ {
		for l := 1; l <= L; l++ {
			if s.Layer(l).Count() < np {
				continue
			}
			rng := rand.New(rand.NewSource(attempt*1000 + int64(l)))
			fixed := make([]RatMatrix, L) // output-first
			for q, m := range s.Masks {
				if L-q == l {
					continue
				}
				W := NewRatMatrix(m.rows, m.cols)
				for i := 0; i < m.rows; i++ {
					for j := 0; j < m.cols; j++ {
						if m.At(i, j) {
							W[i][j].SetInt64(int64(1 + rng.Intn(7)))
						}
					}
				}
				fixed[q] = W
			}
			if fillRank(s, l, fixed, P) == np {
				f := &Fill{Layer: l, Factors: map[string][][]string{}}
				for q, W := range fixed {
					if W != nil {
						f.Factors[fmt.Sprintf("W%d", L-q)] = W.Strings()
					}
				}
				return f, true
			}
		}
	}
	return nil, false
}

// fillRank is the rank of W_l ↦ (upper)·W_l·(lower) restricted to P.
func fillRank(s Support, l int, fixed []RatMatrix, P Mask) int {
	L := s.Depth()
	w := s.Widths()
	up := identity(w[L])
	for q := 0; q < L-l; q++ {
		up = up.Mul(fixed[q])
	}
	down := identity(w[l-1])
	for q := L - l + 1; q < L; q++ {
		down = down.Mul(fixed[q])
	}
	m := s.Layer(l)
	var cols []RatMatrix
	for a := 0; a < m.rows; a++ {
		for b := 0; b < m.cols; b++ {
			if !m.At(a, b) {
				continue
			}
			col := make(RatMatrix, 0, P.Count())
			for i := 0; i < P.rows; i++ {
				for j := 0; j < P.cols; j++ {
					if P.At(i, j) {
						v := new(big.Rat).Mul(up[i][a], down[b][j])
						col = append(col, []*big.Rat{v})
					}
				}
			}
			cols = append(cols, col)
		}
	}
	// Matrix with one row per free weight (rank is transpose-invariant).
	M := make(RatMatrix, len(cols))
	for r, c := range cols {
		M[r] = make([]*big.Rat, len(c))
		for i := range c {
			M[r][i] = c[i][0]
		}
	}
	return Rank(M)
}

func identity(n int) RatMatrix {
	a := NewRatMatrix(n, n)
	for i := 0; i < n; i++ {
		a[i][i].SetInt64(1)
	}
	return a
}
