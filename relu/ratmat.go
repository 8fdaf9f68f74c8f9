package relu

import (
	"fmt"
	"math/big"
	"strings"
)

// A RatMatrix is a dense matrix of exact rationals, row by row. Entries are
// never nil in matrices built by this package; functions do not modify
// their arguments and return fresh matrices.
type RatMatrix [][]*big.Rat

// NewRatMatrix returns the rows×cols zero matrix.
func NewRatMatrix(rows, cols int) RatMatrix {
	a := make(RatMatrix, rows)
	for i := range a {
		a[i] = make([]*big.Rat, cols)
		for j := range a[i] {
			a[i][j] = new(big.Rat)
		}
	}
	return a
}

// RatMatrixFromInts converts an integer matrix.
func RatMatrixFromInts(x [][]int64) RatMatrix {
	a := make(RatMatrix, len(x))
	for i, row := range x {
		a[i] = make([]*big.Rat, len(row))
		for j, v := range row {
			a[i][j] = big.NewRat(v, 1)
		}
	}
	return a
}

// ParseRatMatrix parses a matrix of rational strings such as "-3/4".
func ParseRatMatrix(x [][]string) (RatMatrix, error) {
	if len(x) == 0 || len(x[0]) == 0 {
		return nil, fmt.Errorf("relu: empty matrix")
	}
	a := make(RatMatrix, len(x))
	for i, row := range x {
		if len(row) != len(x[0]) {
			return nil, fmt.Errorf("relu: matrix row %d has %d entries, row 1 has %d", i+1, len(row), len(x[0]))
		}
		a[i] = make([]*big.Rat, len(row))
		for j, s := range row {
			r, ok := parseRat(s)
			if !ok {
				return nil, fmt.Errorf("relu: matrix entry (%d,%d) %q is not a rational number", i+1, j+1, s)
			}
			a[i][j] = r
		}
	}
	return a, nil
}

// parseRat parses "p" or "p/q" with integers p, q (q ≠ 0).
func parseRat(s string) (*big.Rat, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, ".eE") {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// Rows returns the number of rows.
func (a RatMatrix) Rows() int { return len(a) }

// Cols returns the number of columns (0 for a matrix without rows).
func (a RatMatrix) Cols() int {
	if len(a) == 0 {
		return 0
	}
	return len(a[0])
}

// Strings returns the entries as rational strings ("0", "-3/5", "16").
func (a RatMatrix) Strings() [][]string {
	out := make([][]string, len(a))
	for i, row := range a {
		out[i] = make([]string, len(row))
		for j, v := range row {
			out[i][j] = v.RatString()
		}
	}
	return out
}

// String renders the matrix as [[a,b],[c,d]].
func (a RatMatrix) String() string {
	var b strings.Builder
	b.WriteByte('[')
	for i, row := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for j, v := range row {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(v.RatString())
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String()
}

// Equal reports entrywise equality (and equal shapes).
func (a RatMatrix) Equal(b RatMatrix) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j].Cmp(b[i][j]) != 0 {
				return false
			}
		}
	}
	return true
}

// Mul returns the product a·b; it panics if the shapes do not chain.
func (a RatMatrix) Mul(b RatMatrix) RatMatrix {
	if a.Cols() != b.Rows() {
		panic(fmt.Sprintf("relu: RatMatrix.Mul of %dx%d and %dx%d", a.Rows(), a.Cols(), b.Rows(), b.Cols()))
	}
	c := NewRatMatrix(a.Rows(), b.Cols())
	var tmp big.Rat
	for i := range a {
		for k, aik := range a[i] {
			if aik.Sign() == 0 {
				continue
			}
			for j := range c[i] {
				c[i][j].Add(c[i][j], tmp.Mul(aik, b[k][j]))
			}
		}
	}
	return c
}

// Sub returns a − b.
func (a RatMatrix) Sub(b RatMatrix) RatMatrix {
	c := NewRatMatrix(a.Rows(), a.Cols())
	for i := range a {
		for j := range a[i] {
			c[i][j].Sub(a[i][j], b[i][j])
		}
	}
	return c
}

// Submatrix returns the submatrix on the given rows and columns (0-based).
func (a RatMatrix) Submatrix(rows, cols []int) RatMatrix {
	c := make(RatMatrix, len(rows))
	for p, i := range rows {
		c[p] = make([]*big.Rat, len(cols))
		for q, j := range cols {
			c[p][q] = new(big.Rat).Set(a[i][j])
		}
	}
	return c
}

// Rank returns the exact rank of a by fraction-free Gaussian elimination
// (Bareiss): each row is first scaled to integers by the least common
// multiple of its denominators, which does not change the rank; then every
// elimination step computes
//
//	a[i][j] ← (a[k][k]·a[i][j] − a[i][k]·a[k][j]) / prev
//
// where prev is the previous pivot. By Sylvester's identity the division is
// exact, every intermediate entry is a minor of the integer matrix, and the
// entries stay polynomially bounded in size.
func Rank(a RatMatrix) int {
	m := a.Rows()
	n := a.Cols()
	if m == 0 || n == 0 {
		return 0
	}
	// Integer copy.
	z := make([][]*big.Int, m)
	for i := range a {
		l := big.NewInt(1)
		for _, v := range a[i] {
			d := v.Denom()
			g := new(big.Int).GCD(nil, nil, l, d)
			l.Mul(l, new(big.Int).Quo(d, g))
		}
		z[i] = make([]*big.Int, n)
		for j, v := range a[i] {
			x := new(big.Int).Mul(v.Num(), l)
			z[i][j] = x.Quo(x, v.Denom())
		}
	}
	prev := big.NewInt(1)
	rank := 0
	t1, t2 := new(big.Int), new(big.Int)
	for col := 0; col < n && rank < m; col++ {
		// Find a pivot in this column at or below row rank.
		p := -1
		for i := rank; i < m; i++ {
			if z[i][col].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		z[rank], z[p] = z[p], z[rank]
		piv := z[rank][col]
		for i := rank + 1; i < m; i++ {
			for j := col + 1; j < n; j++ {
				t1.Mul(piv, z[i][j])
				t2.Mul(z[i][col], z[rank][j])
				t1.Sub(t1, t2)
				z[i][j] = new(big.Int).Quo(t1, prev)
			}
			z[i][col] = new(big.Int)
		}
		prev = new(big.Int).Set(piv)
		rank++
	}
	return rank
}
