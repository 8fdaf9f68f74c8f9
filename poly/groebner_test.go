package poly_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

func mustPolys(t testing.TB, R *poly.Ring, ss ...string) []*poly.Poly {
	t.Helper()
	out := make([]*poly.Poly, len(ss))
	for i, s := range ss {
		p, err := R.Parse(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		out[i] = p
	}
	return out
}

// checkGroebner verifies the defining properties of a reduced basis:
// generators reduce to 0; S-polynomials reduce to 0 (Buchberger's
// criterion); elements monic, sorted, with no term divisible by another
// element's leading monomial; cofactor identities expand exactly.
func checkGroebner(t *testing.T, gens []*poly.Poly, G *poly.GroebnerResult) {
	t.Helper()
	R := G.Ring
	polytest.CheckCanonical(t, G.Basis...)
	for _, g := range gens {
		if nf := G.NormalForm(g); !nf.IsZero() {
			t.Fatalf("generator %s has normal form %s", g, nf)
		}
	}
	for i, b := range G.Basis {
		if !b.LeadCoeff().IsInt() || b.LeadCoeff().Num().Int64() != 1 {
			t.Fatalf("basis element %s not monic", b)
		}
		if i > 0 && R.Order().Cmp(G.Basis[i-1].LeadMonomial(), b.LeadMonomial()) >= 0 {
			t.Fatalf("basis not sorted by increasing leading monomial")
		}
		for j, c := range G.Basis {
			if i == j {
				continue
			}
			for _, term := range b.Terms() {
				if c.LeadMonomial().Divides(term.Mon) {
					t.Fatalf("term of %s divisible by LM of %s: not reduced", b, c)
				}
			}
		}
		for j := i + 1; j < len(G.Basis); j++ {
			c := G.Basis[j]
			l := b.LeadMonomial().LCM(c.LeadMonomial())
			mb, _ := l.Quo(b.LeadMonomial())
			mc, _ := l.Quo(c.LeadMonomial())
			one := new(polyRat).SetInt64(1)
			s := b.MulTerm(one, mb).Sub(c.MulTerm(one, mc))
			if nf := G.NormalForm(s); !nf.IsZero() {
				t.Fatalf("S(%s, %s) has normal form %s", b, c, nf)
			}
		}
	}
	if G.Cofactors != nil {
		for i, b := range G.Basis {
			sum := R.Zero()
			for j, g := range G.Gens {
				sum = sum.Add(G.Cofactors[i][j].Mul(g))
			}
			if !sum.Equal(b) {
				t.Fatalf("cofactor identity fails for %s: got %s", b, sum)
			}
		}
	}
}

var xyzLex = poly.MustRing([]string{"x", "y", "z"}, poly.Lex)

var groebnerTests = []struct {
	name  string
	ring  *poly.Ring
	gens  []string
	basis []string
	nsol  int // -1: not zero-dimensional
}{
	// hand computation (Cox–Little–O'Shea §2.8 style): the twisted cubic
	// (t, t^2, t^3), lex x > y > z.
	{"twisted cubic lex", xyzLex, []string{"x^2 - y", "x^3 - z"},
		[]string{"y^3 - z^2", "x*z - y^2", "x*y - z", "x^2 - y"}, -1},
	// hand computation: the same ideal in grevlex (x > y > z)
	{"twisted cubic grevlex", mvRing, []string{"x^2 - y", "x^3 - z"},
		[]string{"y^2 - x*z", "x*y - z", "x^2 - y"}, -1},
	// hand computation: circle and line meet in two points, lex x > y > z
	{"circle line", xyzLex, []string{"x^2 + y^2 - 1", "x - y", "z"},
		[]string{"z", "y^2 - 1/2", "x - y"}, 2},
	// hand computation: x^2 = 0, y = 0: one point of multiplicity 2
	{"double point", mvRing, []string{"x^2", "y", "z - 1"}, []string{"z - 1", "y", "x^2"}, 2},
	{"unit", mvRing, []string{"x*y - 1", "x", "z"}, []string{"1"}, 0},
	{"zero ideal", mvRing, []string{"0"}, nil, -1},
}

type polyRat = big.Rat

func TestGroebnerTable(t *testing.T) {
	for _, tc := range groebnerTests {
		t.Run(tc.name, func(t *testing.T) {
			gens := mustPolys(t, tc.ring, tc.gens...)
			want := mustPolys(t, tc.ring, tc.basis...)
			snap := polytest.Take(gens...)
			for _, cof := range []bool{false, true} {
				G, err := poly.GroebnerBasis(context.Background(), gens, poly.GroebnerOptions{Cofactors: cof})
				if err != nil {
					t.Fatal(err)
				}
				if len(G.Basis) != len(want) {
					t.Fatalf("basis %v, want %v", G.Basis, want)
				}
				for i := range want {
					if !G.Basis[i].Equal(want[i]) {
						t.Fatalf("basis %v, want %v", G.Basis, want)
					}
				}
				checkGroebner(t, gens, G)
				n, ok := G.NumSolutions()
				if (tc.nsol < 0) == ok || (ok && n != tc.nsol) {
					t.Errorf("NumSolutions = %d, %v; want %d", n, ok, tc.nsol)
				}
			}
			snap.Check(t)
		})
	}
}

// TestNullstellensatzLU is the certificate of MATH.md §8.3 (E1, the 2×2 LU
// support): the equations have basis {1}.
func TestNullstellensatzLU(t *testing.T) {
	R := poly.MustRing([]string{"W2_1_1", "W2_2_1", "W2_2_2", "W1_1_1", "W1_1_2", "W1_2_2"}, poly.GRevLex)
	gens := mustPolys(t, R, "W2_1_1*W1_1_1", "W2_1_1*W1_1_2 - 1", "W2_2_1*W1_1_1 - 1", "W2_2_1*W1_1_2 + W2_2_2*W1_2_2")
	// MATH.md §8.3: the published cofactors
	pub := mustPolys(t, R, "W2_2_1*W1_1_2", "-W2_2_1*W1_1_1", "-1", "0")
	if !poly.VerifyCertificate(gens, pub) {
		t.Fatal("the MATH.md §8.3 certificate does not verify")
	}
	cof, ok, err := poly.NullstellensatzCertificate(context.Background(), gens)
	if err != nil || !ok {
		t.Fatalf("no certificate: ok=%v err=%v", ok, err)
	}
	if !poly.VerifyCertificate(gens, cof) {
		t.Fatalf("certificate %v does not verify", cof)
	}
	// the certificate comes back in the generators' ring whatever its order
	Rl := poly.MustRing(R.VarNames(), poly.Lex)
	gl := make([]*poly.Poly, len(gens))
	for i, g := range gens {
		gl[i], _ = g.ToRing(Rl)
	}
	cl, ok, err := poly.NullstellensatzCertificate(context.Background(), gl)
	if err != nil || !ok || !poly.VerifyCertificate(gl, cl) {
		t.Fatalf("lex ring: ok=%v err=%v", ok, err)
	}
	// negative controls: a perturbed certificate and a feasible system
	bad := append([]*poly.Poly(nil), cof...)
	bad[3] = bad[3].Add(R.One())
	if poly.VerifyCertificate(gens, bad) {
		t.Fatal("perturbed certificate verifies")
	}
	if poly.VerifyCertificate(gens, cof[:3]) {
		t.Fatal("short certificate verifies")
	}
	// without l11·u11 = 0 the system is feasible (l11 = l21 = u11 = u12 = 1, l22 u22 = -1)
	_, ok, err = poly.NullstellensatzCertificate(context.Background(), gens[1:])
	if err != nil || ok {
		t.Fatalf("feasible system got a certificate (ok=%v err=%v)", ok, err)
	}
}

// TestNullstellensatzRandom: systems made infeasible on purpose
// (f, g, 1 - u·f - v·g style) get certificates that verify.
func TestNullstellensatzRandom(t *testing.T) {
	rng := polytest.Rand(t)
	R := mvRing
	for range polytest.Iters(t, 15) {
		f := polytest.RandNonZeroPoly(rng, R, 2, 3, 3)
		g := polytest.RandNonZeroPoly(rng, R, 2, 3, 3)
		u := polytest.RandNonZeroPoly(rng, R, 1, 2, 3)
		h := R.One().Sub(u.Mul(f)).Mul(polytest.RandNonZeroPoly(rng, R, 1, 2, 3)).Add(g.Mul(f))
		// h ≡ c·(1 - u f) mod f … so {f, 1 - u f} ⊂ ideal: infeasible
		gens := []*poly.Poly{f, R.One().Sub(u.Mul(f)), h}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		cof, ok, err := poly.NullstellensatzCertificate(ctx, gens)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if !ok || !poly.VerifyCertificate(gens, cof) {
			t.Fatalf("gens %v: ok=%v", gens, ok)
		}
	}
}

// TestGroebnerProperties: random small systems in several orders; the
// reduced basis is checked by its defining properties, is independent of
// the generators' order, and is its own basis.
func TestGroebnerProperties(t *testing.T) {
	rng := polytest.Rand(t)
	orders := []poly.Order{poly.Lex, poly.GrLex, poly.GRevLex, poly.BlockOrder([]int{1, 2}, poly.Lex, poly.GRevLex)}
	checked, total := 0, 0
	defer func() { t.Logf("checked %d bases (%d elements)", checked, total) }()
	for it := range polytest.Iters(t, 30) {
		R := poly.MustRing([]string{"x", "y", "z"}, orders[it%len(orders)])
		n := 2 // mostly 1-dimensional ideals: larger, non-trivial bases
		if it%4 == 0 {
			n = 3
		}
		gens := make([]*poly.Poly, n)
		for i := range gens {
			gens[i] = polytest.RandNonZeroPoly(rng, R, 2, 4, -3)
		}
		// random lex bases can be huge (degrees far above the input's):
		// bound the time and count the skips
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		G, err := poly.GroebnerBasis(ctx, gens, poly.GroebnerOptions{MaxPairs: 2000})
		cancel()
		if errors.Is(err, poly.ErrGroebnerLimit) || errors.Is(err, context.DeadlineExceeded) {
			t.Logf("skipped (%v): %v in %v", err, gens, R.Order())
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		checkGroebner(t, gens, G)
		// cofactors can grow large on some random systems: bound the time
		// spent on them (the basis itself was checked above)
		ctx, cancel = context.WithTimeout(context.Background(), 2*time.Second)
		GC, err := poly.GroebnerBasis(ctx, gens, poly.GroebnerOptions{Cofactors: true})
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			t.Logf("cofactor run skipped after 2 s for %v", gens)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sameBasis(t, G.Basis, GC.Basis)
		checkGroebner(t, gens, GC)
		G = GC
		checked++
		total += len(G.Basis)
		perm := slices_Reversed(gens)
		H, err := poly.GroebnerBasis(context.Background(), perm, poly.GroebnerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sameBasis(t, G.Basis, H.Basis)
		K, err := poly.GroebnerBasis(context.Background(), G.Basis, poly.GroebnerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sameBasis(t, G.Basis, K.Basis)
		// membership: a random combination is a member, with a certificate
		f := R.Zero()
		for _, g := range gens {
			f = f.Add(polytest.RandPoly(rng, R, 1, 2, -3).Mul(g))
		}
		cof, ok := G.ReduceCertificate(f)
		if !ok {
			t.Fatalf("combination %s of %v not found in the ideal", f, gens)
		}
		sum := R.Zero()
		for j, g := range gens {
			sum = sum.Add(cof[j].Mul(g))
		}
		if !sum.Equal(f) {
			t.Fatalf("membership certificate wrong for %s", f)
		}
	}
}

func slices_Reversed(ps []*poly.Poly) []*poly.Poly {
	out := make([]*poly.Poly, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}

func sameBasis(t *testing.T, a, b []*poly.Poly) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("bases differ: %v vs %v", a, b)
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			t.Fatalf("bases differ: %v vs %v", a, b)
		}
	}
}

func TestIdealMemberAndElimination(t *testing.T) {
	R := mvRing
	gens := mustPolys(t, R, "x^2 - y", "x^3 - z")
	// hand computation: y^3 - z^2 vanishes on (t, t^2, t^3); x*y is not in the ideal
	f := R.MustParse("y^3 - z^2")
	ok, cof, err := poly.IdealMember(context.Background(), f, gens)
	if err != nil || !ok {
		t.Fatalf("y^3 - z^2 not found in the ideal: %v", err)
	}
	if !cof[0].Mul(gens[0]).Add(cof[1].Mul(gens[1])).Equal(f) {
		t.Fatalf("membership certificate %v wrong", cof)
	}
	if ok, _, _ := poly.IdealMember(context.Background(), R.MustParse("x*y"), gens); ok {
		t.Fatal("x*y reported in the ideal")
	}
	elim, err := poly.EliminationIdeal(context.Background(), gens, []int{0})
	if err != nil {
		t.Fatal(err)
	}
	if len(elim) != 1 || !elim[0].Equal(f) {
		t.Fatalf("elimination ideal %v, want [y^3 - z^2]", elim)
	}
}

func TestGroebnerErrors(t *testing.T) {
	if _, err := poly.GroebnerBasis(context.Background(), nil, poly.GroebnerOptions{}); err == nil {
		t.Fatal("empty generator list accepted")
	}
	gens := readSystem(t, "cyclic6")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := poly.GroebnerBasis(ctx, gens, poly.GroebnerOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled context: err = %v", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := poly.GroebnerBasis(ctx, gens, poly.GroebnerOptions{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("deadline: err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("returned %v after a 20ms deadline", d)
	}
	if _, err := poly.GroebnerBasis(context.Background(), gens, poly.GroebnerOptions{MaxPairs: 3}); !errors.Is(err, poly.ErrGroebnerLimit) {
		t.Fatalf("pair limit: err = %v", err)
	}
}

func readSystem(tb testing.TB, name string) []*poly.Poly {
	tb.Helper()
	dir := filepath.Join(benchInputs(tb), "gb")
	vb, err := os.ReadFile(filepath.Join(dir, name+".vars"))
	if err != nil {
		tb.Fatal(err)
	}
	R := poly.MustRing(strings.Split(strings.TrimSpace(string(vb)), ","), poly.GRevLex)
	sb, err := os.ReadFile(filepath.Join(dir, name+".sys"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []*poly.Poly
	for _, line := range strings.Split(string(sb), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		p, err := R.Parse(line)
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		out = append(out, p)
	}
	return out
}

// TestGroebnerBenchSystems: ANCHORS.md §5c: reduced bases of 20/41
// elements and 70/64 complex solutions for cyclic5 and katsura6.
func TestGroebnerBenchSystems(t *testing.T) {
	for _, tc := range []struct {
		name       string
		size, nsol int
	}{{"cyclic5", 20, 70}, {"katsura6", 41, 64}} {
		if testing.Short() && tc.name != "cyclic5" {
			continue
		}
		gens := readSystem(t, tc.name)
		start := time.Now()
		G, err := poly.GroebnerBasis(context.Background(), gens, poly.GroebnerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %v, %+v", tc.name, time.Since(start), G.Stats)
		n, ok := G.NumSolutions()
		if len(G.Basis) != tc.size || !ok || n != tc.nsol {
			t.Errorf("%s: %d elements, %d solutions (ok %v); want %d, %d", tc.name, len(G.Basis), n, ok, tc.size, tc.nsol)
		}
		for _, g := range gens {
			if !G.NormalForm(g).IsZero() {
				t.Errorf("%s: generator does not reduce to 0", tc.name)
			}
		}
	}
}

func BenchmarkGroebner(b *testing.B) {
	for _, name := range []string{"cyclic5", "katsura6", "cyclic6", "katsura7"} {
		gens := readSystem(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := poly.GroebnerBasis(context.Background(), gens, poly.GroebnerOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var _ = rand.IntN
var _ = fmt.Sprint
