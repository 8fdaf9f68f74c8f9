package semialg

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relucad/relucad/poly"
)

func TestDecide(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		src  string
	}{
		{"ex x [x^2 - 2 = 0]", true, "hand: x = √2"},
		{"ex x [x^2 + 1 = 0]", false, "hand: x² + 1 > 0"},
		{"all x [x^2 - 2 x + 1 >= 0]", true, "hand: (x − 1)² ≥ 0"},
		{"all x [x^2 - 2 x + 1 > 0]", false, "hand: fails at x = 1"},
		{"ex x [x^2 - 2 = 0 /\\ x > 0 /\\ x^3 - 2 x = 0]", true, "hand: x = √2"},
		{"ex x [x^2 - 2 = 0 /\\ x^2 - 3 = 0]", false, "hand: no common root"},
		{"all x [ex y [y^2 = x]]", false, "hand: x < 0 has no square root"},
		{"all x [ex y [y^3 = x]]", true, "hand: cube roots exist"},
		{"ex x [all y [x y = 0]]", true, "hand: x = 0"},
		{"ex x, y [x^2 + y^2 = 2 /\\ x y = 1]", true, "hand: x = y = 1"},
		{"ex x, y [x^2 + y^2 = 3 /\\ x^2 - 2 = 0 /\\ y > 0]", true, "hand: x = √2, y = 1"},
		{"ex x, y [x^2 = 2 /\\ y^2 = 2 /\\ x y = -2 /\\ x > 0]", true, "hand: x = √2, y = −√2"},
		{"ex x, y [x^2 = 2 /\\ y^2 = 3 /\\ x y = 2]", false, "hand: xy = ±√6"},
		{"ex x [rank([[x, 1], [1, x]]) <= 0]", false, "hand: entry 1 ≠ 0"},
		{"ex x [rank([[x, 1], [1, x]]) <= 1]", true, "hand: det = x² − 1 = 0 at x = 1"},
		// ANCHORS.md §6, lu2_member.qep: QEPCAD B 1.72 answers FALSE.
		{"ex l1, l2, l3, u1, u2, u3 [l1 u1 = 0 /\\ l1 u2 = 1 /\\ l2 u1 = 1 /\\ l2 u2 + l3 u3 = 0]", false, "QEPCAD B (ANCHORS.md §6)"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			f, _, err := ParseAuto(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			got, err := Decide(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Decide = %v, want %v (%s)", got, tc.want, tc.src)
			}
		})
	}
}

// checkQE compares the QE result with the input at random rational points
// where the input can be decided independently: the free variables are
// substituted and the resulting sentence decided.
func checkQE(t *testing.T, f, g *Formula, rng *rand.Rand, n int) {
	t.Helper()
	R := f.ring
	free := f.FreeVars()
	for k := 0; k < n; k++ {
		x := make([]*big.Rat, R.NumVars())
		for i := range x {
			x[i] = new(big.Rat)
		}
		for _, v := range free {
			x[v] = big.NewRat(int64(rng.Intn(9)-4), int64(rng.Intn(2)+1))
		}
		want, err := Decide(context.Background(), substFormula(f, free, x))
		if err != nil {
			t.Fatal(err)
		}
		got, err := g.Eval(x)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("at %v: QE result %v gives %v, the input %v", x, g, got, want)
		}
	}
}

// substFormula substitutes rational values for the variables vs.
func substFormula(f *Formula, vs []int, x []*big.Rat) *Formula {
	rats := make([]*big.Rat, f.ring.NumVars())
	for _, v := range vs {
		rats[v] = x[v]
	}
	var rec func(g *Formula) *Formula
	rec = func(g *Formula) *Formula {
		switch g.op {
		case OpAtom:
			return Atom(substRat(g.p, rats), g.rel)
		case OpTrue, OpFalse:
			return g
		case OpRank:
			m := g.Matrix()
			for i := range m {
				for j := range m[i] {
					m[i][j] = substRat(m[i][j], rats)
				}
			}
			return RankLE(m, g.bound)
		}
		h := *g
		h.args = make([]*Formula, len(g.args))
		for i, a := range g.args {
			h.args[i] = rec(a)
		}
		return &h
	}
	return rec(f)
}

func TestQE(t *testing.T) {
	tests := []struct {
		in, want, src string
	}{
		// ANCHORS.md §6, disk_projection.qep: QEPCAD B gives
		// x + 1 > 0 /\ x - 1 < 0, i.e. x² − 1 < 0 (our factor is not split).
		{"ex y [x^2 + y^2 < 1]", "x^2 - 1 < 0", "QEPCAD B (ANCHORS.md §6)"},
		// ANCHORS.md §6, lu2_qe_3free.qep: QEPCAD B gives b = 0 \/ a /= 0 \/ c = 0.
		{"ex l1, l2, u1, u2 [a = l1 u1 /\\ b = l1 u2 /\\ c = l2 u1]", "a /= 0 \\/ b = 0 \\/ c = 0", "QEPCAD B (ANCHORS.md §6)"},
		{"ex y [y^2 = x]", "x >= 0", "hand"},
		{"all y [y^2 + x y + 1 > 0]", "x^2 - 4 < 0", "hand: discriminant x² − 4 < 0"},
		{"ex y [x y = 1]", "x /= 0", "hand"},
	}
	rng := rand.New(rand.NewSource(7))
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			f, R, err := ParseAuto(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			g, err := QE(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want := Simplify(MustParse(R, tc.want))
			if sortedString(g) != sortedString(want) {
				t.Errorf("QE = %v, want %v (%s)", g, want, tc.src)
			}
			checkQE(t, f, g, rng, iters(20))
		})
	}
}

func TestCADErrors(t *testing.T) {
	// Formulas without a prenex form (y bound in one operand and free in
	// the other; a quantifier under ⇔) are eliminated bottom-up
	// (elimInner), not refused. Hand: y > 0 ∧ x ≥ 0; true.
	for _, tc := range []struct{ in, want string }{
		{"y > 0 /\\ ex y [y^2 = x]", "y > 0 /\\ x >= 0"},
		{"ex y [y^2 = x] <==> x >= 0", "true"},
	} {
		f, R, _ := ParseAuto(tc.in)
		g, err := QE(context.Background(), f)
		if err != nil {
			t.Fatalf("non-prenex %s: %v", tc.in, err)
		}
		rng := rand.New(rand.NewSource(3))
		if x, ok := agreeAt(rng, R, g, MustParse(R, tc.want), iters(100)); !ok {
			t.Errorf("non-prenex %s: QE gives %v, differs from %s at %v", tc.in, g, tc.want, x)
		}
	}
	g, _, _ := ParseAuto("ex y [y^2 = x]")
	if _, err := Decide(context.Background(), g); err == nil {
		t.Errorf("Decide with a free variable: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h, _, _ := ParseAuto("ex x, y [x^2 + y^2 = 2 /\\ x y = 1]")
	if _, err := Decide(ctx, h); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := QEWithLimits(context.Background(), h, Limits{MaxCells: 2}); !errors.Is(err, ErrLimit) {
		t.Errorf("cell limit: %v", err)
	}
	_ = poly.GRevLex
}

// sortedString prints f with the operands of its top-level ∧/∨ sorted, so
// that results differing only in operand order compare equal.
func sortedString(f *Formula) string {
	if f.op != OpAnd && f.op != OpOr {
		return f.String()
	}
	parts := make([]string, len(f.args))
	for i, a := range f.args {
		parts[i] = a.String()
	}
	slices.Sort(parts)
	return f.op.String() + "(" + strings.Join(parts, "; ") + ")"
}

// TestBenchQE runs the QEPCAD B inputs of ../shared/bench/qe whose answers
// ANCHORS.md §6 quotes, and compares: sentences exactly, QE results by exact
// evaluation against QEPCAD B's formula at random rational points.
func TestBenchQE(t *testing.T) {
	dir := sharedQEDir(t)
	tests := []struct {
		file   string
		qepcad string // QEPCAD B 1.72 output quoted in ANCHORS.md §6
		slow   bool
	}{
		{"disk_projection.qep", "x + 1 > 0 /\\ x - 1 < 0", false},
		{"lu2_member.qep", "FALSE", false},
		{"lu2_qe_3free.qep", "b = 0 \\/ a /= 0 \\/ c = 0", false},
		{"lu2_qe_full.qep", "b = 0 \\/ a /= 0 \\/ c = 0", false},
		{"rank1_closure_identity.qep", "FALSE", false},
		{"lu2_closure_box.qep", "TRUE", false},
		{"lu3_member.qep", "FALSE", true},
	}
	rng := rand.New(rand.NewSource(11))
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			if tc.slow && testing.Short() {
				t.Skip("slow")
			}
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Skip(err)
			}
			p, err := ParseQEPCAD(string(data))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			got, err := QE(ctx, p.Formula)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Parse(p.Ring, tc.qepcad)
			if err != nil {
				t.Fatal(err)
			}
			if p.NumFree == 0 {
				if got.String() != Simplify(want).String() {
					t.Errorf("%s: %v, QEPCAD B says %v", tc.file, got, want)
				}
				return
			}
			if sortedString(got) == sortedString(Simplify(want)) {
				return
			}
			for k := 0; k < iters(200); k++ {
				x := randPoint(rng, p.Ring.NumVars())
				if rng.Intn(3) == 0 {
					x[rng.Intn(p.NumFree)] = new(big.Rat)
				}
				a, _ := got.Eval(x)
				b, _ := want.Eval(x)
				if a != b {
					t.Fatalf("%s: %v and QEPCAD's %v differ at %v", tc.file, got, want, x)
				}
			}
		})
	}
}

// TestQERandom: QE of random formulas ∃y φ and ∀y φ (φ quantifier-free in
// x, y) agrees with deciding the input at random rational x.
func TestQERandom(t *testing.T) {
	seed := int64(424242)
	if s := os.Getenv("SEMIALG_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x", "y"}, DefaultOrder)
	randPoly := func() *poly.Poly {
		p := R.Zero()
		for dx := 0; dx <= 2; dx++ {
			for dy := 0; dx+dy <= 2; dy++ {
				if rng.Intn(2) == 0 {
					m := poly.Monomial{uint32(dx), uint32(dy)}
					p = p.Add(R.Monomial(big.NewRat(int64(rng.Intn(5)-2), 1), m))
				}
			}
		}
		return p
	}
	unsupported := 0
	for it := 0; it < iters(40); it++ {
		var atoms []*Formula
		for k := 0; k < 1+rng.Intn(3); k++ {
			atoms = append(atoms, Atom(randPoly(), Rel(1+rng.Intn(6))))
		}
		var m *Formula
		if rng.Intn(2) == 0 {
			m = And(atoms...)
		} else {
			m = Or(atoms...)
		}
		var f *Formula
		if rng.Intn(2) == 0 {
			f = Ex(R, []int{1}, m)
		} else {
			f = All(R, []int{1}, m)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		g, err := QE(ctx, f)
		cancel()
		if errors.Is(err, ErrNotSupported) {
			unsupported++
			continue
		}
		if err != nil {
			t.Fatalf("seed %d, iteration %d: QE(%v): %v", seed, it, f, err)
		}
		if !g.IsQuantifierFree() {
			t.Fatalf("seed %d: QE(%v) = %v has quantifiers", seed, f, g)
		}
		for k := 0; k < 8; k++ {
			x := []*big.Rat{big.NewRat(int64(rng.Intn(9)-4), int64(rng.Intn(3)+1)), new(big.Rat)}
			want, err := Decide(context.Background(), substFormula(f, []int{0}, x))
			if err != nil {
				t.Fatalf("seed %d: deciding %v at x = %v: %v", seed, f, x[0], err)
			}
			got, err := g.Eval(x)
			if err != nil || got != want {
				t.Fatalf("seed %d, iteration %d: QE(%v) = %v is %v at x = %v, the input is %v", seed, it, f, g, got, x[0], want)
			}
		}
	}
	t.Logf("seed %d: %d of %d formulas need derivatives in the solution formula", seed, unsupported, iters(40))
}

func TestWitness(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"ex x [x^2 - 2 = 0 /\\ x > 0]", true},                  // hand: √2
		{"ex x, y [x^2 + y^2 = 2 /\\ x y = 1 /\\ x > 0]", true}, // hand: (1, 1)
		{"ex x, y [x y = 1 /\\ x = 0]", false},
		{"ex x [all y [x y = 0]]", true}, // hand: x = 0
		{"ex x, y [x^3 = 2 /\\ y^2 = x]", true},
	} {
		f, R, err := ParseAuto(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		truth, pt, err := Witness(context.Background(), f)
		if err != nil || truth != tc.want {
			t.Fatalf("%s: %v %v, want %v", tc.in, truth, err, tc.want)
		}
		if !truth {
			continue
		}
		// The witness satisfies the body: substitute it and decide exactly.
		body := f
		var bound []int
		for body.op == OpEx {
			bound = append(bound, body.vars...)
			body = body.args[0]
		}
		if body.IsQuantifierFree() {
			ok, err := body.EvalAlg(context.Background(), pt)
			if err != nil || !ok {
				t.Errorf("%s: witness %v does not satisfy the body (%v)", tc.in, pt, err)
			}
		}
		for _, v := range bound {
			if pt[v] == nil {
				t.Errorf("%s: no value for %s", tc.in, R.VarNames()[v])
			}
		}
	}
}

// TestQERandom3: QE of random formulas Q1 y Q2 z φ(x, y, z) agrees with
// deciding the input at random rational x. Exercises lifting over
// irrational sample points.
func TestQERandom3(t *testing.T) {
	seed := int64(99)
	if s := os.Getenv("SEMIALG_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"x", "y", "z"}, DefaultOrder)
	randPoly := func() *poly.Poly {
		p := R.Zero()
		for k := 0; k < 4; k++ {
			m := poly.Monomial{uint32(rng.Intn(3)), uint32(rng.Intn(3)), uint32(rng.Intn(3))}
			if m[0]+m[1]+m[2] > 2 {
				continue
			}
			p = p.Add(R.Monomial(big.NewRat(int64(rng.Intn(5)-2), 1), m))
		}
		return p
	}
	skipped := 0
	for it := 0; it < iters(30); it++ {
		var atoms []*Formula
		for k := 0; k < 1+rng.Intn(2); k++ {
			atoms = append(atoms, Atom(randPoly(), Rel(1+rng.Intn(6))))
		}
		m := And(atoms...)
		if rng.Intn(2) == 0 {
			m = Or(atoms...)
		}
		q := []func(*poly.Ring, []int, *Formula) *Formula{Ex, All}
		f := q[rng.Intn(2)](R, []int{1}, q[rng.Intn(2)](R, []int{2}, m))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		g, err := QE(ctx, f)
		cancel()
		if errors.Is(err, ErrNotSupported) || errors.Is(err, ErrLimit) || errors.Is(err, context.DeadlineExceeded) {
			skipped++
			continue
		}
		if err != nil {
			t.Fatalf("seed %d, iteration %d: QE(%v): %v", seed, it, f, err)
		}
		for k := 0; k < 5; k++ {
			x := []*big.Rat{big.NewRat(int64(rng.Intn(9)-4), int64(rng.Intn(3)+1)), new(big.Rat), new(big.Rat)}
			want, err := Decide(context.Background(), substFormula(f, []int{0}, x))
			if err != nil {
				t.Fatalf("seed %d: deciding %v at x = %v: %v", seed, f, x[0], err)
			}
			got, err := g.Eval(x)
			if err != nil || got != want {
				t.Fatalf("seed %d, iteration %d: QE(%v) = %v is %v at x = %v, the input is %v", seed, it, f, g, got, x[0], want)
			}
		}
	}
	t.Logf("seed %d: %d of %d skipped (not supported or over limits)", seed, skipped, iters(30))
}

// TestLIStage1 runs ALG-C stage 1 (MATH.md) on the examples whose
// descriptions MATH.md states: E1 (LU), E6, E7a, E7b, E7c. Each result is
// compared with the reference by exact evaluation at random rational points
// (with many zero coordinates, where the descriptions differ if at all).
func TestLIStage1(t *testing.T) {
	tests := []struct {
		name, vars, formula, want, src string
	}{
		{"E1", "a b c d l11 l21 l22 u11 u12 u22",
			"ex l11, l21, l22, u11, u12, u22 [a = l11 u11 /\\ b = l11 u12 /\\ c = l21 u11 /\\ d = l21 u12 + l22 u22]",
			"a /= 0 \\/ b = 0 \\/ c = 0", "MATH.md E1 (QEPCAD B)"},
		{"E6", "a b c d e f p q r s u v w z",
			"ex p, q, r, s, u, v, w, z [a = p u /\\ b = p v + q w /\\ c = q z /\\ d = r u /\\ e = r v + s w /\\ f = s z]",
			"a e - b d = 0 \\/ a f - c d /= 0 \\/ [a /= 0 /\\ c = 0] \\/ [d /= 0 /\\ f = 0]", "MATH.md E6 (QEPCAD B)"},
		{"E7a", "a b c d e f p q r s u v w z",
			"ex p, q, r, s, u, v, w, z [a = p u /\\ b = p v /\\ c = p w + q z /\\ d = r u /\\ e = r v /\\ f = r w + s z]",
			"a e - b d = 0", "MATH.md E7a (QEPCAD B)"},
		{"E7b", "a b c d e f p q s u v w x y",
			"ex p, q, s, u, v, w, x, y [a = p u + q x /\\ b = p v + q y /\\ c = p w /\\ d = s x /\\ e = s y /\\ f = 0]",
			"f = 0", "MATH.md E7b (QEPCAD B)"},
		{"E7c", "a11 a12 a13 a21 a22 a23 a31 a32 a33 p1 q1 p2 q2 q3 u1 u2 u3 v1 v2",
			"ex p1, q1, p2, q2, q3, u1, u2, u3, v1, v2 [a11 = p1 u1 + q1 v1 /\\ a12 = p1 u2 + q1 v2 /\\ a13 = p1 u3 /\\ " +
				"a21 = p2 u1 + q2 v1 /\\ a22 = p2 u2 + q2 v2 /\\ a23 = p2 u3 /\\ a31 = q3 v1 /\\ a32 = q3 v2 /\\ a33 = 0]",
			"a33 = 0 /\\ rank([[a11, a12, a13], [a21, a22, a23], [a31, a32, a33]]) <= 2", "MATH.md E7c (proof; nlsat sampling)"},
	}
	rng := rand.New(rand.NewSource(5))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "E7c" && testing.Short() {
				t.Skip("E7c takes seconds")
			}
			R := poly.MustRing(strings.Fields(tc.vars), DefaultOrder)
			f := MustParse(R, tc.formula)
			want := MustParse(R, tc.want)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			start := time.Now()
			got, err := QE(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %v (%v)", tc.name, got, time.Since(start))
			if !got.IsQuantifierFree() {
				t.Fatalf("result has quantifiers: %v", got)
			}
			free := f.FreeVars()
			for k := 0; k < iters(300); k++ {
				x := make([]*big.Rat, R.NumVars())
				for i := range x {
					x[i] = new(big.Rat)
				}
				for _, v := range free {
					if rng.Intn(2) == 0 {
						x[v] = big.NewRat(int64(rng.Intn(5)-2), 1)
					}
				}
				a, _ := got.Eval(x)
				b, _ := want.Eval(x)
				if a != b {
					t.Fatalf("%s: QE result %v and reference %v (%s) differ at %v", tc.name, got, want, tc.src, x)
				}
			}
		})
	}
}

// decideCAD decides a sentence by the CAD alone (no linear elimination),
// the reference for TestLinearElimination.
func decideCAD(ctx context.Context, f *Formula) (bool, error) {
	c, err := newCAD(ctx, f, Limits{}, cadMode{})
	if err != nil {
		return false, err
	}
	return c.truth(nil, nil, 0)
}

// TestLinearElimination compares QE through linear elimination with QE by
// the CAD alone on random ∃y,z [conjunction] with y, z occurring linearly
// in some equations.
func TestLinearElimination(t *testing.T) {
	seed := int64(31)
	if s := os.Getenv("SEMIALG_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	rng := rand.New(rand.NewSource(seed))
	R := poly.MustRing([]string{"a", "b", "y", "z"}, DefaultOrder)
	lin := func() *poly.Poly {
		// (c1) y + (c2) z + c0 with small random polynomial coefficients in a, b.
		p := R.Zero()
		for _, m := range []poly.Monomial{{0, 0, 1, 0}, {1, 0, 1, 0}, {0, 0, 0, 1}, {0, 1, 0, 1}, {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {1, 1, 0, 0}} {
			if rng.Intn(2) == 0 {
				p = p.Add(R.Monomial(big.NewRat(int64(rng.Intn(5)-2), 1), m))
			}
		}
		return p
	}
	checked := 0
	for it := 0; it < iters(15); it++ {
		var atoms []*Formula
		for k := 0; k < 1+rng.Intn(3); k++ {
			rel := EQ
			if rng.Intn(3) == 0 {
				rel = Rel(1 + rng.Intn(6))
			}
			atoms = append(atoms, Atom(lin(), rel))
		}
		f := Ex(R, []int{2, 3}, And(atoms...))
		if os.Getenv("SEMIALG_DEBUG") != "" {
			t.Logf("iteration %d: %v", it, f)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		g, err := QE(ctx, f)
		cancel()
		if errors.Is(err, ErrNotSupported) || errors.Is(err, context.DeadlineExceeded) {
			continue
		}
		if err != nil {
			t.Fatalf("seed %d, iteration %d: %v: %v", seed, it, f, err)
		}
		checked++
		for k := 0; k < 10; k++ {
			x := []*big.Rat{big.NewRat(int64(rng.Intn(7)-3), int64(rng.Intn(2)+1)), big.NewRat(int64(rng.Intn(7)-3), int64(rng.Intn(2)+1)), new(big.Rat), new(big.Rat)}
			if rng.Intn(3) == 0 {
				x[rng.Intn(2)] = new(big.Rat)
			}
			want, err := decideCAD(context.Background(), substFormula(f, []int{0, 1}, x))
			if err != nil {
				t.Fatalf("seed %d: reference decision: %v", seed, err)
			}
			got, _ := g.Eval(x)
			if got != want {
				t.Fatalf("seed %d, iteration %d: %v\nlinear elimination gives %v, which is %v at a=%v b=%v; the CAD says %v", seed, it, f, g, got, x[0], x[1], want)
			}
		}
	}
	t.Logf("seed %d: %d formulas compared", seed, checked)
}
