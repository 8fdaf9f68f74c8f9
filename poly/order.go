package poly

import (
	"fmt"
	"strings"
)

// Order is a monomial order: a total order on exponent vectors of one
// length that is compatible with multiplication and has 1 as its least
// element. Cmp returns -1, 0 or +1 as a is smaller than, equal to or greater
// than b; a and b have the same length. String names the order ("lex",
// "grlex", "grevlex", "block(2:lex,1:grevlex)").
//
// Orders are values: Lex, GrLex and GRevLex are ready to use, and BlockOrder
// composes them into elimination (product) orders.
type Order interface {
	Cmp(a, b Monomial) int
	String() string
}

type lexOrder struct{}
type grlexOrder struct{}
type grevlexOrder struct{}

// The standard orders. In all of them the variables are ranked by index:
// x0 > x1 > ... > x(n-1).
var (
	// Lex compares exponents of x0, then x1, ...: the first difference
	// decides.
	Lex Order = lexOrder{}
	// GrLex compares total degrees, then breaks ties by Lex.
	GrLex Order = grlexOrder{}
	// GRevLex compares total degrees, then the last variable in which the
	// exponents differ: the monomial with the smaller exponent there is the
	// greater one.
	GRevLex Order = grevlexOrder{}
)

var (
	_ Order = lexOrder{}
	_ Order = grlexOrder{}
	_ Order = grevlexOrder{}
	_ Order = (*blockOrder)(nil)
)

func cmpLex(a, b Monomial) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] > b[i] {
				return 1
			}
			return -1
		}
	}
	return 0
}

func cmpRevLexTail(a, b Monomial) int {
	for i := len(a) - 1; i >= 0; i-- {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return 1
			}
			return -1
		}
	}
	return 0
}

func cmpDeg(a, b Monomial) int {
	da, db := a.TotalDegree(), b.TotalDegree()
	switch {
	case da > db:
		return 1
	case da < db:
		return -1
	}
	return 0
}

func (lexOrder) Cmp(a, b Monomial) int { return cmpLex(a, b) }
func (lexOrder) String() string        { return "lex" }

func (grlexOrder) Cmp(a, b Monomial) int {
	if c := cmpDeg(a, b); c != 0 {
		return c
	}
	return cmpLex(a, b)
}
func (grlexOrder) String() string { return "grlex" }

func (grevlexOrder) Cmp(a, b Monomial) int {
	if c := cmpDeg(a, b); c != 0 {
		return c
	}
	return cmpRevLexTail(a, b)
}
func (grevlexOrder) String() string { return "grevlex" }

// blockOrder compares the first block of variables with its order, then the
// second, and so on.
type blockOrder struct {
	sizes  []int
	orders []Order
	total  int
	name   string
}

// BlockOrder returns the block (product) order with consecutive blocks of
// sizes[0], sizes[1], ... variables, block i compared with orders[i]; the
// first block in which two monomials differ decides. Every variable of an
// earlier block is greater than any monomial in later blocks, which makes
// BlockOrder([]int{k, n-k}, o1, o2) an elimination order for the first k
// variables: a Gröbner basis contains a basis of the elimination ideal
// (Cox–Little–O'Shea, Ideals, Varieties, and Algorithms, §3.1).
//
// It panics with an Error if len(sizes) != len(orders), a size is not
// positive, or an order is nil. A ring built with a block order must have
// exactly sum(sizes) variables (NewRing checks).
func BlockOrder(sizes []int, orders ...Order) Order {
	if len(sizes) != len(orders) || len(sizes) == 0 {
		panic(Error{"poly: BlockOrder needs one order per block"})
	}
	bo := &blockOrder{sizes: append([]int(nil), sizes...), orders: append([]Order(nil), orders...)}
	var parts []string
	for i, s := range sizes {
		if s <= 0 {
			panic(Error{"poly: BlockOrder block size must be positive"})
		}
		if orders[i] == nil {
			panic(Error{"poly: BlockOrder nil order"})
		}
		bo.total += s
		parts = append(parts, fmt.Sprintf("%d:%s", s, orders[i]))
	}
	bo.name = "block(" + strings.Join(parts, ",") + ")"
	return bo
}

func (o *blockOrder) Cmp(a, b Monomial) int {
	off := 0
	for i, s := range o.sizes {
		if c := o.orders[i].Cmp(a[off:off+s], b[off:off+s]); c != 0 {
			return c
		}
		off += s
	}
	return 0
}

func (o *blockOrder) String() string { return o.name }

// orderVars returns the number of variables an order requires, or -1 if it
// works for any number.
func orderVars(o Order) int {
	if bo, ok := o.(*blockOrder); ok {
		return bo.total
	}
	return -1
}

// sameOrder reports whether two orders are the same order.
func sameOrder(a, b Order) bool {
	if a == b {
		return true
	}
	_, ba := a.(*blockOrder)
	_, bb := b.(*blockOrder)
	if ba && bb {
		return a.String() == b.String()
	}
	return false
}
