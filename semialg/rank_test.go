package semialg

import (
	"context"
	"fmt"
	"math/big"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/relucad/relucad/poly"
)

// randRankPoly returns a random polynomial over R with up to three terms
// of total degree ≤ 2 and small integer coefficients (often zero or a
// constant, so that pivoting meets zero and constant entries).
func randRankPoly(rng *rand.Rand, R *poly.Ring) *poly.Poly {
	p := R.Zero()
	for t := rng.Intn(4); t > 0; t-- {
		m := R.ConstInt(int64(rng.Intn(7) - 3))
		for d := rng.Intn(3); d > 0; d-- {
			m = m.Mul(R.Var(rng.Intn(R.NumVars())))
		}
		p = p.Add(m)
	}
	return p
}

func randRankMatrix(rng *rand.Rand, R *poly.Ring, r, c int) [][]*poly.Poly {
	m := make([][]*poly.Poly, r)
	for i := range m {
		m[i] = make([]*poly.Poly, c)
		for j := range m[i] {
			m[i][j] = randRankPoly(rng, R)
		}
	}
	return m
}

// lowRankMatrix returns A·B for random polynomial matrices A (r×k) and
// B (k×c): a polynomial matrix of rank ≤ k at every point.
func lowRankMatrix(rng *rand.Rand, R *poly.Ring, r, c, k int) [][]*poly.Poly {
	a, b := randRankMatrix(rng, R, r, k), randRankMatrix(rng, R, k, c)
	m := make([][]*poly.Poly, r)
	for i := range m {
		m[i] = make([]*poly.Poly, c)
		for j := range m[i] {
			s := R.Zero()
			for l := 0; l < k; l++ {
				s = s.Add(a[i][l].Mul(b[l][j]))
			}
			m[i][j] = s
		}
	}
	return m
}

func randSmallRat(rng *rand.Rand) *big.Rat {
	if rng.Intn(2) == 0 {
		return big.NewRat(int64(rng.Intn(5)-2), 1)
	}
	return big.NewRat(int64(rng.Intn(21)-10), int64(rng.Intn(4)+1))
}

func evalMatrix(m [][]*poly.Poly, x []*big.Rat) [][]*big.Rat {
	v := make([][]*big.Rat, len(m))
	for i, r := range m {
		v[i] = make([]*big.Rat, len(r))
		for j, e := range r {
			v[i][j] = EvalPoly(e, x)
		}
	}
	return v
}

var rankShapes = [][2]int{{1, 1}, {1, 3}, {2, 2}, {2, 3}, {3, 2}, {3, 3}}

// TestRankExpansionsAgree checks rank(M) ≤ q expanded by minors, by
// pivoting and automatically against exact Gaussian elimination (rankRat)
// at random rational points, for random polynomial matrices and for
// products A·B of random factors (rank ≤ k everywhere, so that the true
// side of high bounds and the case splits below full rank are exercised).
func TestRankExpansionsAgree(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x", "y", "z"}, DefaultOrder)
	mats, pts := 40, 12
	if testing.Short() {
		mats, pts = 12, 8
	}
	hits := map[string]int{}
	for _, sh := range rankShapes {
		for n := 0; n < mats; n++ {
			var m [][]*poly.Poly
			if n%2 == 0 {
				m = randRankMatrix(rng, R, sh[0], sh[1])
			} else {
				m = lowRankMatrix(rng, R, sh[0], sh[1], 1+rng.Intn(min(sh[0], sh[1])))
			}
			for q := 0; q <= 2; q++ {
				forms := map[string]*Formula{
					"minors": MinorsRankLE(m, q),
					"pivot":  PivotRankLE(m, q),
					"auto":   expandRankAtom(m, q, RankAuto),
				}
				if q < min(sh[0], sh[1]) {
					forms["atom"] = RankLE(m, q).ExpandRankWith(RankPivot)
				}
				for p := 0; p < pts; p++ {
					x := []*big.Rat{randSmallRat(rng), randSmallRat(rng), randSmallRat(rng)}
					rk := rankRat(evalMatrix(m, x))
					want := rk <= q
					hits[fmt.Sprint(want)]++
					for name, f := range forms {
						got, err := f.Eval(x)
						if err != nil {
							t.Fatalf("seed %d: %s: %v", seed, name, err)
						}
						if got != want {
							t.Fatalf("seed %d: %v, q=%d at %v: %s expansion says %v, rank is %d\n%s",
								seed, m, q, x, name, got, rk, f)
						}
					}
				}
			}
		}
	}
	if hits["true"] == 0 || hits["false"] == 0 {
		t.Fatalf("seed %d: only one truth value exercised: %v", seed, hits)
	}
}

// TestRankGenericLowRankPoints evaluates the expansions of rank(X) ≤ q for
// the generic matrix X of variables at points X = U·V with random rational
// U (r×k), V (k×c), whose rank is exactly computed and is ≤ k, so every
// rank 0…min(r,c) occurs.
func TestRankGenericLowRankPoints(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	pts := 60
	if testing.Short() {
		pts = 20
	}
	for _, sh := range rankShapes {
		r, c := sh[0], sh[1]
		var names []string
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				names = append(names, fmt.Sprintf("x%d%d", i, j))
			}
		}
		R := poly.MustRing(names, DefaultOrder)
		X := make([][]*poly.Poly, r)
		for i := range X {
			X[i] = make([]*poly.Poly, c)
			for j := range X[i] {
				X[i][j] = R.Var(i*c + j)
			}
		}
		ranks := map[int]bool{}
		for q := 0; q <= 2; q++ {
			mi, pv := MinorsRankLE(X, q), PivotRankLE(X, q)
			for p := 0; p < pts; p++ {
				k := rng.Intn(min(r, c) + 1)
				x := make([]*big.Rat, r*c)
				u := make([][]*big.Rat, r)
				for i := range u {
					u[i] = make([]*big.Rat, k)
					for l := range u[i] {
						u[i][l] = randSmallRat(rng)
					}
				}
				for l := 0; l < k; l++ {
					v := make([]*big.Rat, c)
					for j := range v {
						v[j] = randSmallRat(rng)
					}
					for i := 0; i < r; i++ {
						for j := 0; j < c; j++ {
							if x[i*c+j] == nil {
								x[i*c+j] = new(big.Rat)
							}
							x[i*c+j].Add(x[i*c+j], new(big.Rat).Mul(u[i][l], v[j]))
						}
					}
				}
				for i := range x {
					if x[i] == nil {
						x[i] = new(big.Rat)
					}
				}
				rk := rankRat(evalMatrix(X, x))
				if rk > k {
					t.Fatalf("seed %d: rank %d of a product through dimension %d", seed, rk, k)
				}
				ranks[rk] = true
				g1, err1 := mi.Eval(x)
				g2, err2 := pv.Eval(x)
				if err1 != nil || err2 != nil {
					t.Fatalf("seed %d: %v %v", seed, err1, err2)
				}
				if g1 != (rk <= q) || g2 != (rk <= q) {
					t.Fatalf("seed %d: %dx%d q=%d rank %d at %v: minors %v, pivot %v", seed, r, c, q, rk, x, g1, g2)
				}
			}
		}
		if !testing.Short() && len(ranks) < min(r, c)+1 {
			t.Errorf("seed %d: %dx%d: only ranks %v occurred", seed, r, c, ranks)
		}
	}
}

// TestRankProfile checks that the cases of RankProfile partition the
// points and give the exact rank, for random and low-rank polynomial
// matrices, and that RankProfileByRank agrees.
func TestRankProfile(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x", "y", "z"}, DefaultOrder)
	mats, pts := 20, 12
	if testing.Short() {
		mats, pts = 6, 8
	}
	for _, sh := range rankShapes {
		for n := 0; n < mats; n++ {
			m := randRankMatrix(rng, R, sh[0], sh[1])
			if n%2 == 1 {
				m = lowRankMatrix(rng, R, sh[0], sh[1], 1)
			}
			cases := RankProfile(m)
			byRank := RankProfileByRank(m)
			for p := 0; p < pts; p++ {
				x := []*big.Rat{randSmallRat(rng), randSmallRat(rng), randSmallRat(rng)}
				rk := rankRat(evalMatrix(m, x))
				holds := 0
				for _, c := range cases {
					ok, err := c.Cond.Eval(x)
					if err != nil {
						t.Fatal(err)
					}
					if ok {
						holds++
						if c.Rank != rk {
							t.Fatalf("seed %d: %v at %v: case %s says rank %d, rank is %d", seed, m, x, c.Cond, c.Rank, rk)
						}
					}
				}
				if holds != 1 {
					t.Fatalf("seed %d: %v at %v: %d cases hold", seed, m, x, holds)
				}
				for r, f := range byRank {
					ok, err := f.Eval(x)
					if err != nil {
						t.Fatal(err)
					}
					if ok != (r == rk) {
						t.Fatalf("seed %d: %v at %v: rank = %d condition %s is %v, rank is %d", seed, m, x, r, f, ok, rk)
					}
				}
			}
		}
	}
}

// TestRankPivotShapes pins the pivot expansion on hand-checked cases.
func TestRankPivotShapes(t *testing.T) {
	R := poly.MustRing([]string{"a", "b", "c", "d"}, DefaultOrder)
	a, b, c, d := R.Var(0), R.Var(1), R.Var(2), R.Var(3)
	one, zero := R.One(), R.Zero()
	tests := []struct {
		m    [][]*poly.Poly
		q    int
		want string // hand computation
	}{
		// A constant pivot: rank [[1, b], [c, d]] ≤ 1 ⇔ d − b·c = 0, with no case split.
		{[][]*poly.Poly{{one, b}, {c, d}}, 1, "-b*c + d = 0"},
		// rank ≤ 0 is the vanishing of every entry.
		{[][]*poly.Poly{{a, zero}, {c, d}}, 0, "a = 0 /\\ c = 0 /\\ d = 0"},
		// Zero rows and columns are dropped: rank [[0, 0], [0, a]] ≤ 0 ⇔ a = 0.
		{[][]*poly.Poly{{zero, zero}, {zero, a}}, 0, "a = 0"},
		// A bound at least the size is true.
		{[][]*poly.Poly{{a, b}, {c, d}}, 2, "true"},
		// Pivot a (a ≠ 0: Schur a·d − c·b), else b (a = 0, b ≠ 0: the Schur
		// complement of the zeroed matrix [[0, b], [c, d]] is [[c]]), else
		// (row 1 is the last: its Schur complement is empty) a = b = 0.
		{[][]*poly.Poly{{a, b}, {c, d}}, 1,
			"a /= 0 /\\ -b*c + a*d = 0 \\/ a = 0 /\\ b /= 0 /\\ c = 0 \\/ a = 0 /\\ b = 0"},
	}
	for _, tc := range tests {
		got := PivotRankLE(tc.m, tc.q)
		if got.String() != tc.want {
			t.Errorf("PivotRankLE(%v, %d) = %s, want %s", tc.m, tc.q, got, tc.want)
		}
	}
	// The automatic choice takes the constant pivot (2 atoms instead of the
	// 3 minors of a 3×2 matrix) and the minors for a generic 2×2 (1 minor).
	m := [][]*poly.Poly{{one, b}, {c, d}, {a, a}}
	if got := expandRankAtom(m, 1, RankAuto); got.String() != PivotRankLE(m, 1).String() {
		t.Errorf("auto for %v: %s, want the pivot expansion %s", m, got, PivotRankLE(m, 1))
	}
	g := [][]*poly.Poly{{a, b}, {c, d}}
	if got := expandRankAtom(g, 1, RankAuto); got.String() != "-b*c + a*d = 0" {
		t.Errorf("auto for %v: %s, want the determinant", g, got)
	}
}

// TestRankQE eliminates small rank questions with each expansion and
// checks every answer against a hand answer at random rational points.
func TestRankQE(t *testing.T) {
	tests := []struct{ in, want string }{
		// Hand computation: the determinant ab − t² vanishes for some real
		// t iff a·b ≥ 0.
		{"ex t [rank([[a, t], [t, b]]) <= 1]", "a*b >= 0"},
		// Hand computation: the 2-minors are ab − t², t(a − 1), t² − b;
		// t = 0 needs b = 0, t ≠ 0 needs a = 1 and b = t² > 0.
		{"ex t [rank([[a, t, 1], [t, b, t]]) <= 1]", "b = 0 \\/ a = 1 /\\ b > 0"},
		// Hand computation: rank ≤ 0 needs every entry zero, so a = b = 0.
		{"ex t [rank([[a, t], [t, b]]) <= 0]", "a = 0 /\\ b = 0"},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rng := rand.New(rand.NewSource(1))
	for _, tc := range tests {
		f, R, err := ParseAuto(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		want := MustParse(R, tc.want)
		for _, mode := range []RankExpansion{RankMinors, RankPivot, RankAuto} {
			g, err := QE(ctx, f.ExpandRankWith(mode))
			if err != nil {
				t.Fatalf("%s, %v: %v", tc.in, mode, err)
			}
			for i := 0; i < 300; i++ {
				x := []*big.Rat{randSmallRat(rng), randSmallRat(rng), randSmallRat(rng)}
				if i%3 == 0 {
					x[0].SetInt64(1) // the a = 1 branch of the second problem
				}
				got, _ := g.Eval(x)
				w, _ := want.Eval(x)
				if got != w {
					t.Fatalf("%s, %v: QE gave %s; at %v it is %v, %s is %v", tc.in, mode, g, x, got, tc.want, w)
				}
			}
		}
	}
}

func hasRankAtom(f *Formula) bool {
	found := false
	f.Atoms(func(a *Formula) bool {
		found = found || a.Op() == OpRank
		return !found
	})
	return found
}

// scaled returns the atom c·p ρ 0 ⇔ p ρ' 0 for a random non-zero rational c
// (ρ' = ρ, mirrored when c < 0): FoldRank must see minors up to a constant.
func scaledAtom(rng *rand.Rand, p *poly.Poly, rel Rel) *Formula {
	c := big.NewRat(int64(rng.Intn(5)+1), int64(rng.Intn(3)+1))
	if rng.Intn(2) == 0 {
		c.Neg(c)
		rel = rel.Mirror()
	}
	return Atom(p.ScaleRat(c), rel)
}

// TestFoldRank checks FoldRank on conjunctions of all minors, disjunctions
// of their negations, and pivot-entry conjunctions (the Sylvester rule):
// the result contains the rank atom and agrees with the input at random
// rational points of random and low-rank matrices.
func TestFoldRank(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x", "y", "z"}, DefaultOrder)
	mats, pts := 30, 15
	if testing.Short() {
		mats, pts = 10, 8
	}
	extra := Atom(R.Var(0).Sub(R.Var(1)), LE)
	for _, sh := range rankShapes {
		for n := 0; n < mats; n++ {
			m := randRankMatrix(rng, R, sh[0], sh[1])
			if n%2 == 1 {
				m = lowRankMatrix(rng, R, sh[0], sh[1], 1)
			}
			q := rng.Intn(min(sh[0], sh[1]))
			var eqs, nes []*Formula
			constMinor := false
			for _, d := range Minors(m, q+1) {
				if d.IsZero() {
					continue
				}
				if d.IsConst() {
					constMinor = true
				}
				eqs = append(eqs, scaledAtom(rng, d, EQ))
				nes = append(nes, scaledAtom(rng, d, NE))
			}
			if constMinor || len(eqs) == 0 {
				continue
			}
			rng.Shuffle(len(eqs), func(i, j int) { eqs[i], eqs[j] = eqs[j], eqs[i] })
			var partial []*Formula
			inputs := []*Formula{
				And(append(eqs, extra)...),
				Or(append(nes, extra)...),
			}
			// The pivot rule: a non-constant entry ≠ 0 and the minors through it.
			for i := range m {
				for j := range m[i] {
					e := m[i][j]
					if e.IsConst() {
						continue
					}
					conj := []*Formula{scaledAtom(rng, e, NE)}
					forSubsets(sh[0], q+1, func(rs []int) {
						forSubsets(sh[1], q+1, func(cs []int) {
							if slices.Contains(rs, i) && slices.Contains(cs, j) {
								sub := make([][]*poly.Poly, len(rs))
								for a, r := range rs {
									for _, c := range cs {
										sub[a] = append(sub[a], m[r][c])
									}
								}
								if d := Minors(sub, q+1)[0]; !d.IsZero() {
									conj = append(conj, scaledAtom(rng, d, EQ))
								}
							}
						})
					})
					if len(conj) > 1 {
						inputs = append(inputs, And(conj...))
						// Without the pivot's ≠ 0 the minors through it do not
						// imply rank ≤ q; FoldRank may fold only if they are all.
						partial = append(partial, And(append(conj[1:], extra)...))
					}
				}
			}
			for n, f := range append(inputs, partial...) {
				g := FoldRank(f, m, q)
				if n < len(inputs) && !hasRankAtom(g) {
					t.Fatalf("seed %d: FoldRank(%s, %v, %d) = %s: no rank atom", seed, f, m, q, g)
				}
				for p := 0; p < pts; p++ {
					x := []*big.Rat{randSmallRat(rng), randSmallRat(rng), randSmallRat(rng)}
					w, err1 := f.Eval(x)
					got, err2 := g.Eval(x)
					if err1 != nil || err2 != nil {
						t.Fatal(err1, err2)
					}
					if w != got {
						t.Fatalf("seed %d: %v q=%d at %v: %s is %v but folded %s is %v", seed, m, q, x, f, w, g, got)
					}
				}
			}
		}
	}
}

// TestFoldRankQE folds quantifier-elimination results back into rank
// conditions; the expected texts are hand computations (∃t with t·a = 1 is
// a ≠ 0, and on a ≠ 0 the two minors through a are rank ≤ 1).
func TestFoldRankQE(t *testing.T) {
	tests := []struct {
		in   string
		mat  string
		q    int
		want string
	}{
		{"ex t [t*(a*d - b*c) = 0 /\\ t /= 0]", "[[a, b], [c, d]]", 1, "rank([[a, b], [c, d]]) <= 1"},
		{"ex t [rank([[a, b], [c, d], [e, f]]) <= 1 /\\ t*a = 1]", "[[a, b], [c, d], [e, f]]", 1,
			"a /= 0 /\\ rank([[a, b], [c, d], [e, f]]) <= 1"},
		{"ex t [rank([[a, b], [c, d], [e, f]]) <= 1 /\\ t^2 = 1]", "[[a, b], [c, d], [e, f]]", 1,
			"rank([[a, b], [c, d], [e, f]]) <= 1"},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, tc := range tests {
		f, R, err := ParseAuto(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		ra := MustParse(R, "rank("+tc.mat+") <= "+fmt.Sprint(tc.q))
		g, err := QE(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		h := FoldRank(g, ra.Matrix(), tc.q)
		if h.String() != tc.want {
			t.Errorf("FoldRank(QE(%s)) = %s (QE gave %s), want %s", tc.in, h, g, tc.want)
		}
		if hasRankAtom(f) {
			if h2 := FoldRankOf(g, f); h2.String() != tc.want {
				t.Errorf("FoldRankOf(QE(%s)) = %s, want %s", tc.in, h2, tc.want)
			}
		}
	}
}

// TestRankPrint pins the text and LaTeX forms of rank atoms (hand-written
// expectations) and checks that the text parses back to an equal formula.
func TestRankPrint(t *testing.T) {
	R := poly.MustRing([]string{"a", "b", "t"}, DefaultOrder)
	f := And(Atom(R.Var(0), NE), MustParse(R, "rank([[a, t], [t^2, 2*b]]) <= 1"))
	if got, want := f.String(), "a /= 0 /\\ rank([[a, t], [t^2, 2*b]]) <= 1"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if got, want := f.LaTeX(), "a \\ne 0 \\land \\operatorname{rank}\\begin{pmatrix}a & t \\\\ t^{2} & 2 b\\end{pmatrix} \\le 1"; got != want {
		t.Errorf("LaTeX = %q, want %q", got, want)
	}
	back, err := Parse(R, f.String())
	if err != nil || !back.Equal(f) {
		t.Errorf("Parse(String()) = %v, %v; want %s", back, err, f)
	}
}
