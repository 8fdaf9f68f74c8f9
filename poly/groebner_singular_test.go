package poly_test

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/poly/polytest"
)

// singularBasis computes the reduced degrevlex basis of gens with
// Singular's std (option redSB), or skips when Singular is absent. The
// elements are returned monic, in the ring R (grevlex).
func singularBasis(t *testing.T, R *poly.Ring, gens []*poly.Poly) []*poly.Poly {
	t.Helper()
	bin, err := exec.LookPath("Singular")
	if err != nil {
		t.Skip("Singular not installed")
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "ring r=0,(%s),dp;\nshort=0;\noption(redSB);\nideal i = ", strings.Join(R.VarNames(), ","))
	for k, g := range gens {
		if k > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(g.String())
	}
	sb.WriteString(";\nideal G = std(i);\nint k;\nfor(k=1;k<=size(G);k++){ print(string(G[k])); }\nquit;\n")
	cmd := exec.Command(bin, "-q", "--no-rc")
	cmd.Stdin = strings.NewReader(sb.String())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("Singular: %v\n%s", err, out.String())
	}
	var basis []*poly.Poly
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if line == "" {
			continue
		}
		p, err := R.Parse(line)
		if err != nil {
			t.Fatalf("parsing Singular output %q: %v", line, err)
		}
		if p.IsZero() {
			continue
		}
		basis = append(basis, p.ScaleRat(new(big.Rat).Inv(p.LeadCoeff())))
	}
	slices.SortFunc(basis, func(a, b *poly.Poly) int { return R.Order().Cmp(a.LeadMonomial(), b.LeadMonomial()) })
	return basis
}

// TestGroebnerVersusSingular compares reduced grevlex bases with
// Singular's std on random systems and on cyclic-5/6 and katsura-6 (the
// reduced basis is unique, so they must agree exactly).
func TestGroebnerVersusSingular(t *testing.T) {
	if _, err := exec.LookPath("Singular"); err != nil {
		t.Skip("Singular not installed")
	}
	rng := polytest.Rand(t)
	R := mvRing
	for range polytest.Iters(t, 10) {
		gens := []*poly.Poly{
			polytest.RandNonZeroPoly(rng, R, 2, 4, 4),
			polytest.RandNonZeroPoly(rng, R, 2, 4, 4),
		}
		G, err := poly.GroebnerBasis(context.Background(), gens, poly.GroebnerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sameBasis(t, G.Basis, singularBasis(t, R, gens))
	}
	names := []string{"cyclic5", "katsura6", "cyclic6"}
	if testing.Short() {
		names = names[:1]
	}
	for _, name := range names {
		gens := readSystem(t, name)
		G, err := poly.GroebnerBasis(context.Background(), gens, poly.GroebnerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sameBasis(t, G.Basis, singularBasis(t, G.Ring, gens))
	}
}
