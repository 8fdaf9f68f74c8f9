package semialg

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relucad/relucad/poly"
)

// Tests of span.go. The reference for "a ∈ span N" is an exact linear
// solver over Q whose answers are certified: a solution c is checked by
// computing N·c = a, and infeasibility by a vector y with yᵀN = 0 and
// yᵀa ≠ 0 (the row combination that produced the inconsistent row of
// the elimination), also checked by multiplication. So the reference
// does not rely on ranks, and ColumnSpanElim/RowSpanElim are compared
// with the whole linear system M·X = A (all unknowns of X at once), not
// column by column.

// spanSolve decides whether N·c = b has a solution c ∈ Q^k (N is m×k,
// given by rows of length k) and returns a certificate: c with N·c = b,
// or y with yᵀN = 0 and yᵀb ≠ 0. The certificate is verified; a failed
// verification is reported as an error (a bug in the reference).
func spanSolve(N [][]*big.Rat, k int, b []*big.Rat) (c, y []*big.Rat, ok bool, err error) {
	m := len(N)
	// Rows [N | b | e_i]: the last m entries record the combination of the
	// original rows that each current row is.
	w := k + 1 + m
	T := make([][]*big.Rat, m)
	for i := range T {
		T[i] = make([]*big.Rat, w)
		for j := 0; j < k; j++ {
			T[i][j] = new(big.Rat).Set(N[i][j])
		}
		T[i][k] = new(big.Rat).Set(b[i])
		for j := 0; j < m; j++ {
			T[i][k+1+j] = new(big.Rat)
		}
		T[i][k+1+i].SetInt64(1)
	}
	var pivCols []int
	r := 0
	for col := 0; col < k && r < m; col++ {
		p := -1
		for i := r; i < m; i++ {
			if T[i][col].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		T[r], T[p] = T[p], T[r]
		inv := new(big.Rat).Inv(T[r][col])
		for j := range T[r] {
			T[r][j].Mul(T[r][j], inv)
		}
		for i := 0; i < m; i++ {
			if i == r || T[i][col].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(T[i][col])
			for j := range T[i] {
				T[i][j].Sub(T[i][j], new(big.Rat).Mul(f, T[r][j]))
			}
		}
		pivCols = append(pivCols, col)
		r++
	}
	dot := func(u, v []*big.Rat) *big.Rat {
		s := new(big.Rat)
		for i := range u {
			s.Add(s, new(big.Rat).Mul(u[i], v[i]))
		}
		return s
	}
	// Rows r… have zero N-part; an inconsistent one certifies infeasibility.
	for i := r; i < m; i++ {
		if T[i][k].Sign() == 0 {
			continue
		}
		y = T[i][k+1:]
		for j := 0; j < k; j++ {
			colj := make([]*big.Rat, m)
			for l := 0; l < m; l++ {
				colj[l] = N[l][j]
			}
			if dot(y, colj).Sign() != 0 {
				return nil, nil, false, fmt.Errorf("reference: yᵀN ≠ 0 in column %d", j)
			}
		}
		if dot(y, b).Sign() == 0 {
			return nil, nil, false, fmt.Errorf("reference: yᵀb = 0")
		}
		return nil, y, false, nil
	}
	c = make([]*big.Rat, k)
	for j := range c {
		c[j] = new(big.Rat)
	}
	for i, col := range pivCols {
		c[col].Set(T[i][k])
	}
	for i := 0; i < m; i++ {
		if dot(N[i], c).Cmp(b[i]) != 0 {
			return nil, nil, false, fmt.Errorf("reference: N·c ≠ b in row %d", i)
		}
	}
	return c, nil, true, nil
}

func spanMul(R *poly.Ring, a, b [][]*poly.Poly, inner, cols int) [][]*poly.Poly {
	out := make([][]*poly.Poly, len(a))
	for i := range out {
		out[i] = make([]*poly.Poly, cols)
		for j := range out[i] {
			s := R.Zero()
			for l := 0; l < inner; l++ {
				s = s.Add(a[i][l].Mul(b[l][j]))
			}
			out[i][j] = s
		}
	}
	return out
}

// spanRandM returns an m×k matrix of one of several kinds, many of them
// rank-deficient: random; with repeated and zero columns; a product
// through a dimension smaller than k.
func spanRandM(rng *rand.Rand, R *poly.Ring, m, k int) ([][]*poly.Poly, string) {
	M := randRankMatrix(rng, R, m, k)
	switch kind := rng.Intn(4); {
	case kind == 1 && k >= 2:
		for j := 1; j < k; j++ {
			src := rng.Intn(j)
			switch rng.Intn(3) {
			case 0: // repeated column
				for i := range M {
					M[i][j] = M[i][src]
				}
			case 1: // multiple of an earlier column
				f := randRankPoly(rng, R)
				for i := range M {
					M[i][j] = M[i][src].Mul(f)
				}
			case 2: // zero column
				for i := range M {
					M[i][j] = R.Zero()
				}
			}
		}
		return M, "repeated"
	case kind == 2 && k >= 2 && m >= 1:
		d := 1 + rng.Intn(k-1)
		return spanMul(R, randRankMatrix(rng, R, m, d), randRankMatrix(rng, R, d, k), d, k), "lowrank"
	case kind == 3:
		// Sparse: most entries zero.
		for i := range M {
			for j := range M[i] {
				if rng.Intn(3) > 0 {
					M[i][j] = R.Zero()
				}
			}
		}
		return M, "sparse"
	}
	return M, "random"
}

// spanRandVec returns a vector of length m: random, in the span of M
// identically (M·c for a random polynomial c), a column of M, zero, or in
// the span up to one changed entry.
func spanRandVec(rng *rand.Rand, R *poly.Ring, M [][]*poly.Poly, m, k int) []*poly.Poly {
	a := make([]*poly.Poly, m)
	inSpan := func() {
		c := randRankMatrix(rng, R, k, 1)
		for i := range a {
			s := R.Zero()
			for l := 0; l < k; l++ {
				s = s.Add(M[i][l].Mul(c[l][0]))
			}
			a[i] = s
		}
	}
	switch rng.Intn(5) {
	case 0:
		for i := range a {
			a[i] = randRankPoly(rng, R)
		}
	case 1:
		inSpan()
	case 2:
		if k == 0 {
			inSpan()
			break
		}
		j := rng.Intn(k)
		for i := range a {
			a[i] = M[i][j]
		}
	case 3:
		for i := range a {
			a[i] = R.Zero()
		}
	case 4:
		inSpan()
		if m > 0 {
			i := rng.Intn(m)
			a[i] = a[i].Add(randRankPoly(rng, R))
		}
	}
	return a
}

// spanRandPoint returns a point of Q^n; half of the points are degenerate
// (coordinates in {0, 0, 1, −1}, or all coordinates equal), where the
// random matrices above lose rank much more often.
func spanRandPoint(rng *rand.Rand, n int) []*big.Rat {
	x := make([]*big.Rat, n)
	switch rng.Intn(4) {
	case 0:
		for i := range x {
			x[i] = big.NewRat(int64([]int{0, 0, 1, -1}[rng.Intn(4)]), 1)
		}
	case 1:
		v := big.NewRat(int64(rng.Intn(5)-2), 1)
		for i := range x {
			x[i] = new(big.Rat).Set(v)
		}
	default:
		for i := range x {
			x[i] = big.NewRat(int64(rng.Intn(21)-10), int64(rng.Intn(4)+1))
		}
	}
	return x
}

func spanEvalMatrix(M [][]*poly.Poly, x []*big.Rat) [][]*big.Rat {
	v := make([][]*big.Rat, len(M))
	for i, r := range M {
		v[i] = make([]*big.Rat, len(r))
		for j, e := range r {
			v[i][j] = EvalPoly(e, x)
		}
	}
	return v
}

// spanForms returns f and its expansions by every RankExpansion mode.
func spanForms(t *testing.T, f *Formula) map[string]*Formula {
	t.Helper()
	out := map[string]*Formula{"rank atoms": f}
	for _, mode := range []RankExpansion{RankAuto, RankMinors, RankPivot} {
		g := f.ExpandRankWith(mode)
		g.Atoms(func(a *Formula) bool {
			if a.Op() == OpRank {
				t.Fatalf("rank atom left after ExpandRankWith(%v): %v", mode, g)
			}
			return true
		})
		out[mode.String()] = g
	}
	return out
}

// TestInSpanAgainstLinearSolve compares InSpan, with rank atoms evaluated
// exactly and expanded by each RankExpansion mode, with the certified
// linear solver at random rational points, for random and rank-deficient
// M and vectors in and out of the span.
func TestInSpanAgainstLinearSolve(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x", "y", "z"}, DefaultOrder)
	cases, pts := 30, 10
	if testing.Short() {
		cases, pts = 10, 6
	}
	hits := map[string]int{}
	for m := 0; m <= 3; m++ {
		for k := 0; k <= 3; k++ {
			for n := 0; n < cases; n++ {
				M, kind := spanRandM(rng, R, m, k)
				a := spanRandVec(rng, R, M, m, k)
				f, err := InSpan(M, a)
				if err != nil {
					t.Fatalf("seed %d: InSpan(%v, %v): %v", seed, M, a, err)
				}
				forms := spanForms(t, f)
				for p := 0; p < pts; p++ {
					x := spanRandPoint(rng, 3)
					Mx := spanEvalMatrix(M, x)
					ax := make([]*big.Rat, m)
					for i := range ax {
						ax[i] = EvalPoly(a[i], x)
					}
					_, _, want, err := spanSolve(Mx, k, ax)
					if err != nil {
						t.Fatalf("seed %d: %v", seed, err)
					}
					deficient := rankRat(Mx) < min(m, k)
					hits[fmt.Sprintf("%v deficient=%v", want, deficient)]++
					hits[kind]++
					for name, g := range forms {
						got, err := g.Eval(x)
						if err != nil {
							t.Fatalf("seed %d: %s: %v", seed, name, err)
						}
						if got != want {
							t.Fatalf("seed %d: M = %v, a = %v at %v (M(x) = %v, a(x) = %v): %s form says %v, linear solve says %v\n%v",
								seed, M, a, x, Mx, ax, name, got, want, g)
						}
					}
				}
			}
		}
	}
	for _, key := range []string{"true deficient=true", "false deficient=true", "true deficient=false", "false deficient=false"} {
		if hits[key] == 0 {
			t.Errorf("seed %d: case %q never exercised: %v", seed, key, hits)
		}
	}
	t.Logf("%v", hits)
}

// TestInSpanTable checks InSpan on hand-made cases, including the
// full-column-rank case that needs the conjunct q = k.
func TestInSpanTable(t *testing.T) {
	R := poly.MustRing([]string{"x", "y", "a", "b"}, DefaultOrder)
	P := R.MustParse
	Z := R.Zero()
	col := func(s ...string) []*poly.Poly {
		var v []*poly.Poly
		for _, e := range s {
			v = append(v, P(e))
		}
		return v
	}
	tests := []struct {
		name string
		M    [][]*poly.Poly
		a    []*poly.Poly
		// points (x, y, a, b) and the expected truth value, all by hand:
		// a ∈ span M at that point.
		pts  [][4]int64
		want []bool
	}{
		{"M=[1;0], a=[0;1] (full column rank, a outside)",
			[][]*poly.Poly{{R.One()}, {Z}}, col("0", "1"),
			[][4]int64{{0, 0, 0, 0}}, []bool{false}},
		{"M=[1;0], a=[a;b]: in span iff b = 0",
			[][]*poly.Poly{{R.One()}, {Z}}, col("a", "b"),
			[][4]int64{{0, 0, 3, 0}, {0, 0, 3, 1}}, []bool{true, false}},
		{"M=[x;y], a=[a;b]: in span iff (x,y) ≠ 0 ∧ xb − ya = 0, or a = b = 0",
			[][]*poly.Poly{{P("x")}, {P("y")}}, col("a", "b"),
			[][4]int64{{1, 2, 1, 2}, {1, 2, 1, 3}, {0, 0, 0, 0}, {0, 0, 1, 0}, {0, 1, 0, 5}, {0, 1, 1, 5}},
			[]bool{true, false, true, false, true, false}},
		{"M=[x y; y x] (singular iff x = ±y), a=[a;b]",
			[][]*poly.Poly{{P("x"), P("y")}, {P("y"), P("x")}}, col("a", "b"),
			[][4]int64{{1, 0, 5, 7}, {1, 1, 2, 2}, {1, 1, 2, 3}, {1, -1, 2, -2}, {1, -1, 2, 2}, {0, 0, 0, 0}, {0, 0, 0, 1}},
			[]bool{true, true, false, true, false, true, false}},
		{"no columns: a = 0",
			[][]*poly.Poly{{}, {}}, col("a", "b"),
			[][4]int64{{1, 1, 0, 0}, {1, 1, 0, 1}}, []bool{true, false}},
		{"1×3 row, a scalar: in span iff not (x = y = 0 ∧ a ≠ 0)",
			[][]*poly.Poly{{P("x"), P("y"), Z}}, col("a"),
			[][4]int64{{0, 0, 0, 0}, {0, 0, 1, 0}, {0, 1, 1, 0}}, []bool{true, false, true}},
	}
	for _, tc := range tests {
		f, err := InSpan(tc.M, tc.a)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for name, g := range spanForms(t, f) {
			for i, p := range tc.pts {
				x := []*big.Rat{big.NewRat(p[0], 1), big.NewRat(p[1], 1), big.NewRat(p[2], 1), big.NewRat(p[3], 1)}
				got, err := g.Eval(x)
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				if got != tc.want[i] {
					t.Errorf("%s (%s) at %v: got %v, want %v\n%v", tc.name, name, p, got, tc.want[i], g)
				}
			}
		}
	}
	// Identically zero a and a matrix without rows: True().
	if f, _ := InSpan([][]*poly.Poly{{P("x")}}, col("0")); f.Op() != OpTrue {
		t.Errorf("InSpan with a = 0 is %v, want true", f)
	}
	if f, _ := InSpan(nil, nil); f.Op() != OpTrue {
		t.Errorf("InSpan of an empty matrix is %v, want true", f)
	}
}

// spanRandMask returns a random r×c Boolean mask (each entry true with
// probability 2/3).
func spanRandMask(rng *rand.Rand, r, c int) [][]bool {
	mask := make([][]bool, r)
	for i := range mask {
		mask[i] = make([]bool, c)
		for j := range mask[i] {
			mask[i][j] = rng.Intn(3) > 0
		}
	}
	return mask
}

// spanProductCase returns a random problem for ColumnSpanElim (right =
// true: A = M·X, M m×k, X k×n) or RowSpanElim (A = X·M, X m×k, M k×n):
// A is the product with a random polynomial X on the mask (so A ∈ image),
// that product with one entry changed, or a random matrix.
func spanProductCase(rng *rand.Rand, R *poly.Ring, right bool, m, k, n int) (M [][]*poly.Poly, mask [][]bool, A [][]*poly.Poly) {
	if right {
		M, _ = spanRandM(rng, R, m, k)
		mask = spanRandMask(rng, k, n)
	} else {
		M, _ = spanRandM(rng, R, k, n)
		mask = spanRandMask(rng, m, k)
	}
	var X [][]*poly.Poly
	if right {
		X = randRankMatrix(rng, R, k, n)
	} else {
		X = randRankMatrix(rng, R, m, k)
	}
	for i := range mask {
		for j := range mask[i] {
			if !mask[i][j] {
				X[i][j] = R.Zero()
			}
		}
	}
	if right {
		A = spanMul(R, M, X, k, n)
	} else {
		A = spanMul(R, X, M, k, n)
	}
	switch rng.Intn(3) {
	case 1:
		if m > 0 && n > 0 {
			i, j := rng.Intn(m), rng.Intn(n)
			A[i][j] = A[i][j].Add(randRankPoly(rng, R))
		}
	case 2:
		A = randRankMatrix(rng, R, m, n)
	}
	return M, mask, A
}

// spanSystem returns the linear system of M·X = A (right) or X·M = A in
// the unknowns X[l][j] with mask[l][j], at a point: one equation per
// entry of A.
func spanSystem(right bool, Mx [][]*big.Rat, mask [][]bool, Ax [][]*big.Rat, m, k, n int) ([][]*big.Rat, int, []*big.Rat) {
	idx := map[[2]int]int{}
	for i := range mask {
		for j := range mask[i] {
			if mask[i][j] {
				idx[[2]int{i, j}] = len(idx)
			}
		}
	}
	u := len(idx)
	var N [][]*big.Rat
	var b []*big.Rat
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			row := make([]*big.Rat, u)
			for t := range row {
				row[t] = new(big.Rat)
			}
			for l := 0; l < k; l++ {
				if right { // Σ_l M[i][l] X[l][j]
					if t, ok := idx[[2]int{l, j}]; ok {
						row[t].Set(Mx[i][l])
					}
				} else { // Σ_l X[i][l] M[l][j]
					if t, ok := idx[[2]int{i, l}]; ok {
						row[t].Set(Mx[l][j])
					}
				}
			}
			N = append(N, row)
			b = append(b, Ax[i][j])
		}
	}
	return N, u, b
}

// TestSpanElimAgainstLinearSolve compares ColumnSpanElim and RowSpanElim,
// with every rank expansion, with the certified solver applied to the
// whole system M·X = A (resp. X·M = A) at random points.
func TestSpanElimAgainstLinearSolve(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x", "y", "z"}, DefaultOrder)
	cases, pts := 12, 8
	if testing.Short() {
		cases, pts = 4, 5
	}
	shapes := [][3]int{{1, 1, 1}, {2, 1, 2}, {2, 2, 2}, {2, 2, 3}, {3, 2, 2}, {2, 3, 2}, {3, 3, 2}, {1, 2, 3}, {2, 0, 2}}
	hits := map[string]int{}
	for _, right := range []bool{true, false} {
		name := "ColumnSpanElim"
		if !right {
			name = "RowSpanElim"
		}
		for _, sh := range shapes {
			m, k, n := sh[0], sh[1], sh[2]
			for c := 0; c < cases; c++ {
				M, mask, A := spanProductCase(rng, R, right, m, k, n)
				var f *Formula
				var err error
				if right {
					f, err = ColumnSpanElim(M, mask, A)
				} else {
					f, err = RowSpanElim(A, mask, M)
				}
				if err != nil {
					t.Fatalf("seed %d: %s(%v, %v, %v): %v", seed, name, M, mask, A, err)
				}
				forms := spanForms(t, f)
				for p := 0; p < pts; p++ {
					x := spanRandPoint(rng, 3)
					Mx, Ax := spanEvalMatrix(M, x), spanEvalMatrix(A, x)
					N, u, b := spanSystem(right, Mx, mask, Ax, m, k, n)
					_, _, want, err := spanSolve(N, u, b)
					if err != nil {
						t.Fatalf("seed %d: %v", seed, err)
					}
					hits[fmt.Sprint(name, " ", want)]++
					for fname, g := range forms {
						got, err := g.Eval(x)
						if err != nil {
							t.Fatalf("seed %d: %v", seed, err)
						}
						if got != want {
							t.Fatalf("seed %d: %s: M = %v, mask = %v, A = %v at %v: %s form says %v, the linear system says %v\n%v",
								seed, name, M, mask, A, x, fname, got, want, g)
						}
					}
				}
			}
		}
	}
	for _, key := range []string{"ColumnSpanElim true", "ColumnSpanElim false", "RowSpanElim true", "RowSpanElim false"} {
		if hits[key] == 0 {
			t.Errorf("seed %d: %q never exercised: %v", seed, key, hits)
		}
	}
	t.Logf("%v", hits)
}

// spanLI builds, for a support I = (I_L, …, I_1) (output first, L ≥ 2;
// I_L is m×·, I_1 is ·×n), the ring (A's entries a_ij, then the
// non-masked entries of W_L, …, W_1, named w<ℓ>_<i><j>; for L = 2 they
// are x_ij for W_2 and y_ij for W_1) and the three stage-1 formulas of
// ALG-C: ∃W_L…W_2 ColumnSpanElim(W_L⋯W_2, I_1, A),
// ∃W_{L−1}…W_1 RowSpanElim(A, I_L, W_{L−1}⋯W_1), and
// ∃W_L…W_1 (W_L⋯W_1 = A) as equations.
func spanLI(t *testing.T, masks ...[][]bool) (R *poly.Ring, free []int, col, row, eqs *Formula) {
	t.Helper()
	L := len(masks)
	m, n := len(masks[0]), len(masks[L-1][0])
	var names []string
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			names = append(names, fmt.Sprintf("a%d%d", i+1, j+1))
		}
	}
	for f, mask := range masks {
		prefix := fmt.Sprintf("w%d_", L-f)
		if L == 2 {
			prefix = []string{"x", "y"}[f]
		}
		for i := range mask {
			for j := range mask[i] {
				if mask[i][j] {
					names = append(names, fmt.Sprintf("%s%d%d", prefix, i+1, j+1))
				}
			}
		}
	}
	R = poly.MustRing(names, DefaultOrder)
	v := 0
	A := make([][]*poly.Poly, m)
	for i := range A {
		A[i] = make([]*poly.Poly, n)
		for j := range A[i] {
			A[i][j] = R.Var(v)
			free = append(free, v)
			v++
		}
	}
	Ws := make([][][]*poly.Poly, L)
	vars := make([][]int, L)
	for f, mask := range masks {
		Ws[f] = make([][]*poly.Poly, len(mask))
		for i := range mask {
			Ws[f][i] = make([]*poly.Poly, len(mask[i]))
			for j := range mask[i] {
				Ws[f][i][j] = R.Zero()
				if mask[i][j] {
					Ws[f][i][j] = R.Var(v)
					vars[f] = append(vars[f], v)
					v++
				}
			}
		}
	}
	if v != len(names) {
		t.Fatal("spanLI: variable count")
	}
	prod := func(ws [][][]*poly.Poly) [][]*poly.Poly {
		P := ws[0]
		for _, W := range ws[1:] {
			P = spanMul(R, P, W, len(W), len(W[0]))
		}
		return P
	}
	join := func(vs [][]int) []int {
		var out []int
		for _, x := range vs {
			out = append(out, x...)
		}
		return out
	}
	f, err := ColumnSpanElim(prod(Ws[:L-1]), masks[L-1], A)
	if err != nil {
		t.Fatal(err)
	}
	col = Ex(R, join(vars[:L-1]), f)
	g, err := RowSpanElim(A, masks[0], prod(Ws[1:]))
	if err != nil {
		t.Fatal(err)
	}
	row = Ex(R, join(vars[1:]), g)
	P := prod(Ws)
	var atoms []*Formula
	for i := range P {
		for j := range P[i] {
			atoms = append(atoms, Compare(P[i][j], EQ, A[i][j]))
		}
	}
	eqs = Ex(R, join(vars), And(atoms...))
	return R, free, col, row, eqs
}

func spanParseMask(s string) [][]bool {
	var mask [][]bool
	for _, r := range strings.Split(s, "/") {
		var row []bool
		for _, c := range r {
			row = append(row, c == '1')
		}
		mask = append(mask, row)
	}
	return mask
}

// spanEquiv decides ∀free (f ⇔ g) exactly.
func spanEquiv(ctx context.Context, t *testing.T, R *poly.Ring, free []int, f, g *Formula) bool {
	t.Helper()
	ok, err := Decide(ctx, All(R, free, Iff(f, g)))
	if err != nil {
		t.Fatalf("Decide(∀ %v ⇔ %v): %v", f, g, err)
	}
	return ok
}

// TestSpanElimQE runs stage 1 of ALG-C for small supports in up to three
// ways — eliminating W_1 by ColumnSpanElim with M = W_L⋯W_2, eliminating
// W_L by RowSpanElim with M = W_{L−1}⋯W_1 (then QE of the other
// factors), and QE of the equations W_L⋯W_1 = A (linelim.go) — and
// decides exactly that each description of L_I is equivalent to the
// reference description. Masks are written as in the spec strings of
// MATH.md §8.1 (rows separated by "/"), output factor first; variables
// a_ij are A's entries. For L = 3 (E12) M is a product of two factors,
// so the remaining problem is no longer linear in each entry of M.
func TestSpanElimQE(t *testing.T) {
	tests := []struct {
		name  string
		masks string // W_L, …, W_1 separated by ",", e.g. "10/11,11/01"
		want  string // reference description of L_I
		short bool   // run under -short
		// noRow skips the RowSpanElim route: for E7a and E7b it leaves
		// the 4–5 entries of W1 under ∃ with 3×3 rank conditions, and the
		// CAD stops at its 200000-cell limit (measured 2026-11-27), while
		// ColumnSpanElim leaves W2 with 2×2 conditions and answers.
		noRow bool
	}{
		// MATH.md E1: L_I = {a ≠ 0 ∨ b = 0 ∨ c = 0}, a = A11, b = A12, c = A21.
		{"E1 LU", "10/11,11/01", "a11 /= 0 \\/ a12 = 0 \\/ a21 = 0", true, false},
		// MATH.md E2: L_I = {d ≠ 0 ∨ b = 0 ∨ c = 0}.
		{"E2 UL", "11/01,10/11", "a22 /= 0 \\/ a12 = 0 \\/ a21 = 0", true, false},
		// Hand: one hidden neuron with a full rectangle gives rank ≤ 1.
		{"rank one", "1/1,11", "a11 a22 - a12 a21 = 0", true, false},
		// Hand: diagonal times diagonal is diagonal, and every diagonal is one.
		{"diagonal", "10/01,10/01", "a12 = 0 /\\ a21 = 0", true, false},
		// Hand: a dense 2×2 times 2×2 covers every 2×2 matrix.
		{"dense", "11/11,11/11", "true", true, false},
		// MATH.md E7b: L_I = {f = 0} for A = [[a,b,c],[d,e,f]].
		{"E7b", "11/01,111/110", "a23 = 0", true, true},
		// MATH.md E7a: L_I = {ae − bd = 0}.
		{"E7a", "11/11,111/001", "a11 a22 - a12 a21 = 0", true, true},
		// MATH.md E12: lower · diagonal · upper gives exactly the E1 set.
		{"E12 lower-diag-upper", "10/11,10/01,11/01", "a11 /= 0 \\/ a12 = 0 \\/ a21 = 0", true, false},
		// MATH.md E12: lower · full · upper gives every 2×2 matrix.
		{"E12 lower-full-upper", "10/11,11/11,11/01", "true", true, false},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, tc := range tests {
		if testing.Short() && !tc.short {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			var masks [][][]bool
			for _, ms := range strings.Split(tc.masks, ",") {
				masks = append(masks, spanParseMask(ms))
			}
			R, free, col, row, eqs := spanLI(t, masks...)
			want, err := Parse(R, tc.want)
			if err != nil {
				t.Fatal(err)
			}
			routes := []struct {
				name string
				f    *Formula
			}{{"ColumnSpanElim", col}, {"RowSpanElim", row}, {"equations", eqs}}
			if tc.noRow {
				routes = slices.Delete(routes, 1, 2)
			}
			for _, r := range routes {
				start := time.Now()
				g, err := QE(ctx, r.f)
				if err != nil {
					t.Fatalf("%s: QE(%v): %v", r.name, r.f, err)
				}
				t.Logf("%s: QE in %v: %v", r.name, time.Since(start).Round(time.Millisecond), g)
				if !spanEquiv(ctx, t, R, free, g, want) {
					t.Errorf("%s gives %v, want %v", r.name, g, want)
				}
			}
		})
	}
}

// TestSpanElimQERandom compares, for random small supports, QE of the
// column and of the row elimination with QE of the equations, deciding
// equivalence exactly.
func TestSpanElimQERandom(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	cases := 8
	if testing.Short() {
		cases = 3
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	shapes := [][3]int{{2, 2, 2}, {2, 1, 2}, {1, 2, 2}, {2, 2, 1}}
	for c := 0; c < cases; c++ {
		sh := shapes[rng.Intn(len(shapes))]
		I2, I1 := spanRandMask(rng, sh[0], sh[1]), spanRandMask(rng, sh[1], sh[2])
		R, free, col, row, eqs := spanLI(t, I2, I1)
		g, err := QE(ctx, eqs)
		if err != nil {
			t.Fatalf("seed %d: QE(%v): %v", seed, eqs, err)
		}
		for _, f := range []*Formula{col, row} {
			h, err := QE(ctx, f)
			if err != nil {
				t.Fatalf("seed %d: QE(%v): %v", seed, f, err)
			}
			if !spanEquiv(ctx, t, R, free, h, g) {
				t.Fatalf("seed %d: I2 = %v, I1 = %v: QE(%v) = %v, the equations give %v", seed, I2, I1, f, h, g)
			}
		}
	}
}

// TestSpanShapes checks that malformed input gives errors (never panics)
// and that empty dimensions have the right meaning.
func TestSpanShapes(t *testing.T) {
	R := poly.MustRing([]string{"x", "y"}, DefaultOrder)
	S := poly.MustRing([]string{"u"}, DefaultOrder)
	x, y, u := R.Var(0), R.Var(1), S.Var(0)
	M22 := [][]*poly.Poly{{x, y}, {y, x}}
	A22 := [][]*poly.Poly{{x, x}, {y, y}}
	mask22 := [][]bool{{true, false}, {true, true}}
	bad := []struct {
		name string
		call func() (*Formula, error)
		want error
	}{
		{"InSpan ragged M", func() (*Formula, error) { return InSpan([][]*poly.Poly{{x, y}, {x}}, []*poly.Poly{x, y}) }, ErrBadShape},
		{"InSpan short a", func() (*Formula, error) { return InSpan(M22, []*poly.Poly{x}) }, ErrBadShape},
		{"InSpan long a", func() (*Formula, error) { return InSpan(M22, []*poly.Poly{x, y, x}) }, ErrBadShape},
		{"InSpan nil entry", func() (*Formula, error) { return InSpan([][]*poly.Poly{{x, nil}, {y, x}}, []*poly.Poly{x, y}) }, ErrBadShape},
		{"InSpan nil in a", func() (*Formula, error) { return InSpan(M22, []*poly.Poly{x, nil}) }, ErrBadShape},
		{"InSpan rings", func() (*Formula, error) { return InSpan(M22, []*poly.Poly{x, u}) }, ErrRingMismatch},
		{"InSpan a without M", func() (*Formula, error) { return InSpan(nil, []*poly.Poly{x}) }, ErrBadShape},
		{"Column mask rows", func() (*Formula, error) { return ColumnSpanElim(M22, mask22[:1], A22) }, ErrBadShape},
		{"Column mask cols", func() (*Formula, error) {
			return ColumnSpanElim(M22, [][]bool{{true, false, true}, {true, true, true}}, A22)
		}, ErrBadShape},
		{"Column ragged mask", func() (*Formula, error) { return ColumnSpanElim(M22, [][]bool{{true, false}, {true}}, A22) }, ErrBadShape},
		{"Column ragged M", func() (*Formula, error) { return ColumnSpanElim([][]*poly.Poly{{x, y}, {y}}, mask22, A22) }, ErrBadShape},
		{"Column ragged A", func() (*Formula, error) { return ColumnSpanElim(M22, mask22, [][]*poly.Poly{{x, y}, {y}}) }, ErrBadShape},
		{"Column A rows", func() (*Formula, error) { return ColumnSpanElim(M22, mask22, A22[:1]) }, ErrBadShape},
		{"Column A without M", func() (*Formula, error) { return ColumnSpanElim(nil, nil, A22) }, ErrBadShape},
		{"Column nil mask", func() (*Formula, error) { return ColumnSpanElim(M22, nil, A22) }, ErrBadShape},
		{"Column rings", func() (*Formula, error) { return ColumnSpanElim(M22, mask22, [][]*poly.Poly{{x, u}, {y, y}}) }, ErrRingMismatch},
		{"Row mask rows", func() (*Formula, error) { return RowSpanElim(A22, mask22[:1], M22) }, ErrBadShape},
		{"Row mask cols", func() (*Formula, error) { return RowSpanElim(A22, [][]bool{{true}, {true}}, M22) }, ErrBadShape},
		{"Row M cols", func() (*Formula, error) {
			return RowSpanElim(A22, mask22, [][]*poly.Poly{{x, y, x}, {y, x, y}})
		}, ErrBadShape},
		{"Row ragged M", func() (*Formula, error) { return RowSpanElim(A22, mask22, [][]*poly.Poly{{x, y}, {x}}) }, ErrBadShape},
		{"Row ragged A", func() (*Formula, error) { return RowSpanElim([][]*poly.Poly{{x}, {x, y}}, mask22, M22) }, ErrBadShape},
		{"Row nil entry", func() (*Formula, error) { return RowSpanElim(A22, mask22, [][]*poly.Poly{{x, y}, {nil, x}}) }, ErrBadShape},
		{"Row rings", func() (*Formula, error) { return RowSpanElim(A22, mask22, [][]*poly.Poly{{x, u}, {y, x}}) }, ErrRingMismatch},
		{"Row ragged mask, no A", func() (*Formula, error) { return RowSpanElim(nil, [][]bool{{true}}, nil) }, ErrBadShape},
	}
	for _, tc := range bad {
		f, err := tc.call()
		if err == nil || !errors.Is(err, tc.want) || f != nil {
			t.Errorf("%s: got (%v, %v), want an error wrapping %q", tc.name, f, err, tc.want)
		} else if !strings.Contains(err.Error(), "SpanElim") && !strings.Contains(err.Error(), "InSpan") {
			t.Errorf("%s: error %q does not name the function", tc.name, err)
		}
	}
	// Empty dimensions (hand): no rows is true; k = 0 forces A = 0; n = 0
	// is true.
	good := []struct {
		name string
		call func() (*Formula, error)
		want string
	}{
		{"Column no rows", func() (*Formula, error) { return ColumnSpanElim(nil, mask22, nil) }, "true"},
		{"Column k = 0", func() (*Formula, error) { return ColumnSpanElim([][]*poly.Poly{{}, {}}, nil, A22) }, "x = 0 /\\ y = 0"},
		{"Column n = 0", func() (*Formula, error) {
			return ColumnSpanElim(M22, [][]bool{{}, {}}, [][]*poly.Poly{{}, {}})
		}, "true"},
		{"Column empty mask column", func() (*Formula, error) {
			return ColumnSpanElim(M22, [][]bool{{true, false}, {true, false}}, A22)
		}, "x = 0 /\\ y = 0"},
		{"Row k = 0", func() (*Formula, error) { return RowSpanElim(A22, [][]bool{{}, {}}, nil) }, "x = 0 /\\ y = 0"},
		{"Row no rows", func() (*Formula, error) { return RowSpanElim(nil, nil, M22) }, "true"},
		{"Row n = 0", func() (*Formula, error) { return RowSpanElim([][]*poly.Poly{{}, {}}, mask22, [][]*poly.Poly{{}, {}}) }, "true"},
	}
	for _, tc := range good {
		f, err := tc.call()
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		want := MustParse(R, tc.want)
		for _, p := range [][2]int64{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, -2}, {3, 5}} {
			x := []*big.Rat{big.NewRat(p[0], 1), big.NewRat(p[1], 1)}
			g, err1 := f.Eval(x)
			w, err2 := want.Eval(x)
			if err1 != nil || err2 != nil || g != w {
				t.Errorf("%s at %v: got %v (%v), want %v (%v): %v", tc.name, p, g, err1, w, err2, f)
			}
		}
	}
}

// TestSpanShapesRandom calls the three functions with random, mostly
// inconsistent shapes (including empty and nil rows): they must return a
// formula or an error wrapping ErrBadShape, never panic, and a formula
// only when the shapes fit.
func TestSpanShapesRandom(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x"}, DefaultOrder)
	n := 2000
	if testing.Short() {
		n = 300
	}
	ragged := func() [][]*poly.Poly {
		m := make([][]*poly.Poly, rng.Intn(3))
		for i := range m {
			m[i] = make([]*poly.Poly, rng.Intn(3))
			for j := range m[i] {
				m[i][j] = R.Var(0)
			}
		}
		return m
	}
	raggedMask := func() [][]bool {
		m := make([][]bool, rng.Intn(3))
		for i := range m {
			m[i] = make([]bool, rng.Intn(3))
		}
		return m
	}
	rect := func(m [][]*poly.Poly) (int, int, bool) {
		c := 0
		for i, r := range m {
			if i == 0 {
				c = len(r)
			} else if len(r) != c {
				return 0, 0, false
			}
		}
		return len(m), c, true
	}
	rectMask := func(m [][]bool) (int, int, bool) {
		c := 0
		for i, r := range m {
			if i == 0 {
				c = len(r)
			} else if len(r) != c {
				return 0, 0, false
			}
		}
		return len(m), c, true
	}
	for it := 0; it < n; it++ {
		M, mask, A := ragged(), raggedMask(), ragged()
		mr, mc, okM := rect(M)
		kr, kc, okK := rectMask(mask)
		ar, ac, okA := rect(A)
		check := func(name string, fits bool, f *Formula, err error) {
			if fits != (err == nil) || (err != nil && !errors.Is(err, ErrBadShape)) || (err == nil && f == nil) {
				t.Fatalf("seed %d: %s(%v, %v, %v): fits %v, got (%v, %v)", seed, name, M, mask, A, fits, f, err)
			}
		}
		// A = M·X: M m×k, mask k×n, A m×n (sizes only checkable where rows exist).
		fits := okM && okK && okA && mr == ar && (mr == 0 || (kr == mc && (kr == 0 || kc == ac)))
		f, err := ColumnSpanElim(M, mask, A)
		check("ColumnSpanElim", fits, f, err)
		// A = X·M: A m×n, mask m×k, M k×n.
		fits = okM && okK && okA && ((ar == 0 && kr == 0) || (ar > 0 && kr == ar && (kr == 0 || kc == mr) && (mr == 0 || mc == ac)))
		f, err = RowSpanElim(A, mask, M)
		check("RowSpanElim", fits, f, err)
		if okA && ar > 0 {
			col := make([]*poly.Poly, ar)
			for i := range col {
				col[i] = R.One()
			}
			f, err = InSpan(M, col)
			check("InSpan", okM && mr == ar, f, err)
		}
	}
}
