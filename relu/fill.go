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
	// Each attempt uses fresh pseudo-random values; a rank deficiency at
	// one point can be bad luck, a full rank is a proof.
	for attempt := int64(1); attempt <= 4; attempt++ {
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
							W[i][j].SetInt64(int64(1 + rng.Intn(997)))
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

// liftFill factors a Laurent matrix M supported on P = up·lo (Boolean) as
// U·D with U on up and D on lo, using the pair's fill: the fixed factor is
// constant and the free one solves the linear system G w = vec(M), which is
// consistent because G has full row rank |P|. A right inverse of G is
// computed by Gauss–Jordan elimination over Q, so w has Laurent entries.
func liftFill(up, lo Mask, f *Fill, M LaurentMatrix) (LaurentMatrix, LaurentMatrix) {
	var fixed RatMatrix
	var freeMask Mask
	if f.Layer == 2 {
		fixed, _ = ParseRatMatrix(f.Factors["W1"])
		freeMask = up
	} else {
		fixed, _ = ParseRatMatrix(f.Factors["W2"])
		freeMask = lo
	}
	P := up.BoolProduct(lo)
	type cell struct{ i, j int }
	var cells, vars []cell
	for i := 0; i < P.rows; i++ {
		for j := 0; j < P.cols; j++ {
			if P.At(i, j) {
				cells = append(cells, cell{i, j})
			}
		}
	}
	for a := 0; a < freeMask.rows; a++ {
		for b := 0; b < freeMask.cols; b++ {
			if freeMask.At(a, b) {
				vars = append(vars, cell{a, b})
			}
		}
	}
	// G[c][v]: coefficient of free variable v in product cell c.
	G := NewRatMatrix(len(cells), len(vars))
	for ci, c := range cells {
		for vi, v := range vars {
			if f.Layer == 2 && v.i == c.i { // W_up[i,k]·F[k,j]
				G[ci][vi].Set(fixed[v.j][c.j])
			}
			if f.Layer == 1 && v.j == c.j { // F[i,k]·W_lo[k,j]
				G[ci][vi].Set(fixed[c.i][v.i])
			}
		}
	}
	R := rightInverse(G)
	w := make([]Laurent, len(vars))
	for vi := range vars {
		for ci, c := range cells {
			if R[vi][ci].Sign() != 0 && !M[c.i][c.j].IsZero() {
				w[vi] = w[vi].Add(M[c.i][c.j].Scale(R[vi][ci]))
			}
		}
	}
	U := NewLaurentMatrix(up.rows, up.cols)
	D := NewLaurentMatrix(lo.rows, lo.cols)
	free, fix := U, D
	if f.Layer == 1 {
		free, fix = D, U
	}
	for vi, v := range vars {
		free[v.i][v.j] = w[vi]
	}
	for i := range fixed {
		for j := range fixed[i] {
			if fixed[i][j].Sign() != 0 {
				fix[i][j] = LaurentConst(fixed[i][j])
			}
		}
	}
	return U, D
}

// rightInverse returns R with G·R = I for G of full row rank.
func rightInverse(G RatMatrix) RatMatrix {
	m, n := G.Rows(), G.Cols()
	// Augmented [G | I].
	a := NewRatMatrix(m, n+m)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			a[i][j].Set(G[i][j])
		}
		a[i][n+i].SetInt64(1)
	}
	pivCol := make([]int, 0, m)
	r := 0
	for c := 0; c < n && r < m; c++ {
		p := -1
		for i := r; i < m; i++ {
			if a[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		a[r], a[p] = a[p], a[r]
		inv := new(big.Rat).Inv(a[r][c])
		for j := range a[r] {
			a[r][j].Mul(a[r][j], inv)
		}
		for i := 0; i < m; i++ {
			if i == r || a[i][c].Sign() == 0 {
				continue
			}
			fct := new(big.Rat).Set(a[i][c])
			for j := range a[i] {
				a[i][j].Sub(a[i][j], new(big.Rat).Mul(fct, a[r][j]))
			}
		}
		pivCol = append(pivCol, c)
		r++
	}
	R := NewRatMatrix(n, m)
	for row, c := range pivCol {
		for k := 0; k < m; k++ {
			R[c][k].Set(a[row][n+k])
		}
	}
	return R
}
