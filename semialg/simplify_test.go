package semialg

import (
	"math/big"
	"math/rand"
	"testing"

	"github.com/relucad/relucad/poly"
)

func TestSimplifyTable(t *testing.T) {
	// Expected outputs: hand simplification (sign-condition algebra on each
	// polynomial; atoms normalized to primitive, positive leading coefficient).
	tests := []struct{ in, out string }{
		{"2 x - 4 > 0", "x - 2 > 0"},
		{"-2 x + 4 > 0", "x - 2 < 0"},
		{"1/2 x^2 - 3/4 y <= 0", "2*x^2 - 3*y <= 0"},
		{"3 > 2", "true"},
		{"0 /= 0", "false"},
		{"x > 0 /\\ x < 0", "false"},
		{"x >= 0 /\\ x <= 0", "x = 0"},
		{"x > 0 \\/ x = 0", "x >= 0"},
		{"x > 0 \\/ x <= 0", "true"},
		{"x > 0 /\\ 2 x > 0 /\\ y = 1", "x > 0 /\\ y - 1 = 0"},
		{"~[x > 0]", "x <= 0"},
		{"~[~[x > 0 /\\ y > 0]]", "x > 0 /\\ y > 0"},
		{"[x > 0 /\\ y > 0] \\/ ~[x > 0 /\\ y > 0]", "true"},
		{"x >= 0 \\/ [x > 0 /\\ y = 0]", "x >= 0"},
		{"x > 0 /\\ [x >= 0 \\/ y = 0]", "x > 0"},
		{"x > 0 /\\ [y > 0 /\\ [z > 0 /\\ true]]", "x > 0 /\\ y > 0 /\\ z > 0"},
		{"x > 0 ==> false", "x <= 0"},
		{"x > 0 ==> y > 0", "x <= 0 \\/ y > 0"},
		{"true <==> x = 0", "x = 0"},
		{"false <==> x = 0", "x /= 0"},
		{"ex y [x > 0]", "x > 0"},
		{"ex y [ex z [y z = x]]", "ex y, z [y*z - x = 0]"},
		{"all y [y^2 >= 0 \\/ false]", "all y [y^2 >= 0]"},
		{"rank([[1, 2], [2, 4]]) <= 1", "true"},
		{"rank([[1, 2], [3, 4]]) <= 1", "false"},
		// MATH.md E1: the LU description, written redundantly.
		{"a /= 0 \\/ b = 0 \\/ c = 0 \\/ [a /= 0 /\\ b = 0] \\/ 2 a > 0", "a /= 0 \\/ b = 0 \\/ c = 0"},
	}
	for _, tc := range tests {
		f, R, err := ParseAuto(tc.in)
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		g := Simplify(f)
		if got := g.String(); got != tc.out {
			t.Errorf("Simplify(%q) = %q, want %q", tc.in, got, tc.out)
		}
		if _, err := Parse(R, g.String()); err != nil {
			t.Errorf("Simplify(%q) does not re-parse: %v", tc.in, err)
		}
	}
}

// randFormula returns a random quantifier-free formula over R whose atoms
// come from a small pool of polynomials, scaled by random non-zero
// rationals, so that merging, duplicates and complements occur often.
func randFormula(rng *rand.Rand, R *poly.Ring, pool []*poly.Poly, depth int) *Formula {
	if depth == 0 || rng.Intn(3) == 0 {
		switch rng.Intn(12) {
		case 0:
			return True()
		case 1:
			return False()
		case 2:
			x := R.Var(rng.Intn(R.NumVars()))
			y := R.Var(rng.Intn(R.NumVars()))
			return RankLE([][]*poly.Poly{{x, y}, {y, R.ConstInt(int64(rng.Intn(3) - 1))}}, rng.Intn(2))
		}
		p := pool[rng.Intn(len(pool))]
		c := big.NewRat(int64(rng.Intn(7)-3), int64(rng.Intn(3)+1))
		if c.Sign() == 0 {
			c.SetInt64(1)
		}
		return Atom(p.ScaleRat(c), Rel(rng.Intn(8)))
	}
	k := rng.Intn(5)
	a := randFormula(rng, R, pool, depth-1)
	b := randFormula(rng, R, pool, depth-1)
	switch k {
	case 0:
		return Not(a)
	case 1:
		return And(a, b, randFormula(rng, R, pool, depth-1))
	case 2:
		return Or(a, b, randFormula(rng, R, pool, depth-1))
	case 3:
		return Implies(a, b)
	}
	return Iff(a, b)
}

func randPoint(rng *rand.Rand, n int) []*big.Rat {
	x := make([]*big.Rat, n)
	for i := range x {
		x[i] = big.NewRat(int64(rng.Intn(7)-3), int64(rng.Intn(2)+1))
	}
	return x
}

// TestSimplifyPreservesTruth checks, at many random rational points, that
// Simplify does not change the truth value, and that a formula and its
// negation partition the points.
func TestSimplifyPreservesTruth(t *testing.T) {
	const seed = 20261127
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x", "y", "z"}, DefaultOrder)
	pool := []*poly.Poly{
		R.MustParse("x"), R.MustParse("y"), R.MustParse("x - y"), R.MustParse("x^2 + y^2 - 1"),
		R.MustParse("x*y - z"), R.MustParse("2*x - 1"), R.MustParse("3"), R.Zero(),
	}
	for it := 0; it < iters(400); it++ {
		f := randFormula(rng, R, pool, 4)
		g := Simplify(f)
		if g.Size() > f.Size() {
			t.Errorf("seed %d, iteration %d: Simplify grew %v (size %d) to %v (size %d)", seed, it, f, f.Size(), g, g.Size())
		}
		ng := Simplify(Not(f))
		for k := 0; k < 10; k++ {
			x := randPoint(rng, 3)
			a, err1 := f.Eval(x)
			b, err2 := g.Eval(x)
			c, err3 := ng.Eval(x)
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatalf("seed %d: eval errors %v %v %v", seed, err1, err2, err3)
			}
			if a != b || a == c {
				t.Fatalf("seed %d, iteration %d: at %v: f=%v Simplify(f)=%v Simplify(~f)=%v\nf = %v\ng = %v\n~g = %v", seed, it, x, a, b, c, f, g, ng)
			}
		}
		// Simplified output re-parses to the same formula.
		h, err := Parse(R, g.String())
		if err != nil || !h.Equal(g) {
			t.Fatalf("seed %d: %q does not round-trip: %v %v", seed, g, h, err)
		}
	}
}
