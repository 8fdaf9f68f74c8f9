package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/relucad/relucad/poly"
)

// Part 2 of the poly commands: factorization, Gröbner bases with their
// cofactor certificates, and real solutions of zero-dimensional systems.
// System files hold one generator per line ('#' comments and blank lines
// allowed), as the benchmark's .sys files do, with the variables in a .vars
// file beside them or given by --vars.

func init() {
	register(&command{path: "poly factor", summary: "factor a polynomial over Q into irreducibles", run: runFactor})
	register(&command{path: "poly groebner", summary: "reduced Gröbner basis of a system (with --cofactors: certificates)", run: runGroebner})
	register(&command{path: "poly solve", summary: "real solutions of a zero-dimensional system, exactly", run: runSolve})
}

func runFactor(args []string, stdout, stderr io.Writer) int {
	const name = "poly factor"
	pf := newPolyFlags(name, "FILE|POLY", stderr)
	pos, err := pf.parse(args, 1)
	if err != nil {
		return fail(stderr, name, err)
	}
	_, ps, err := pf.readPolys(pos)
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := pf.context()
	defer cancel()
	var fs []poly.Factor
	d, err := pf.timed(func() (err error) { fs, err = poly.Factorize(ctx, ps[0]); return err })
	if err != nil {
		return fail(stderr, name, err)
	}
	if pf.stats {
		fmt.Fprintf(stdout, "nfactors=%d\n", len(fs))
	} else {
		for _, f := range fs {
			if f.Mult > 1 {
				fmt.Fprintf(stdout, "(%s)^%d\n", f.Poly, f.Mult)
			} else {
				fmt.Fprintf(stdout, "%s\n", f.Poly)
			}
		}
	}
	pf.printTime(stdout, d)
	return 0
}

// readSystem reads a system file (or inline generators separated by ';').
func (pf *polyFlags) readSystem(arg string, ord poly.Order) (*poly.Ring, []*poly.Poly, error) {
	text, source, err := readInput(arg)
	if err != nil {
		return nil, nil, err
	}
	if source == "argument" {
		text = strings.ReplaceAll(text, ";", "\n")
	}
	R, err := pf.ring([]string{arg}, []string{text})
	if err != nil {
		return nil, nil, err
	}
	R = R.WithOrder(ord)
	gens, err := R.ParsePolys(text)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", source, err)
	}
	if len(gens) == 0 {
		return nil, nil, fmt.Errorf("%s: no generators", source)
	}
	return R, gens, nil
}

func parseOrder(s string) (poly.Order, error) {
	switch strings.ToLower(s) {
	case "grevlex", "degrevlex", "dp":
		return poly.GRevLex, nil
	case "lex", "lp":
		return poly.Lex, nil
	case "grlex", "deglex", "dp_deglex", "dd":
		return poly.GrLex, nil
	}
	return nil, fmt.Errorf("unknown monomial order %q (want grevlex, grlex or lex)", s)
}

func runGroebner(args []string, stdout, stderr io.Writer) int {
	const name = "poly groebner"
	pf := newPolyFlags(name, "SYS", stderr)
	orderStr := pf.fs.String("order", "grevlex", "monomial order: grevlex, grlex or lex")
	cof := pf.fs.Bool("cofactors", false, "also print each basis element as a combination of the generators, and check it")
	pos, err := pf.parse(args, 1)
	if err != nil {
		return fail(stderr, name, err)
	}
	ord, err := parseOrder(*orderStr)
	if err != nil {
		return fail(stderr, name, err)
	}
	_, gens, err := pf.readSystem(pos[0], ord)
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := pf.context()
	defer cancel()
	var G *poly.GroebnerResult
	d, err := pf.timed(func() (err error) {
		G, err = poly.GroebnerBasis(ctx, gens, poly.GroebnerOptions{Cofactors: *cof})
		return err
	})
	if err != nil {
		return fail(stderr, name, err)
	}
	if pf.stats {
		n, ok := G.NumSolutions()
		sols := "infinite"
		if ok {
			sols = fmt.Sprint(n)
		}
		fmt.Fprintf(stdout, "gbsize=%d nsolutions=%s\n", len(G.Basis), sols)
		pf.printTime(stdout, d)
		return 0
	}
	for i, g := range G.Basis {
		fmt.Fprintln(stdout, g)
		if *cof {
			var terms []string
			for j, c := range G.Cofactors[i] {
				if !c.IsZero() {
					terms = append(terms, fmt.Sprintf("(%s)*g%d", c, j+1))
				}
			}
			fmt.Fprintf(stdout, "  = %s\n", strings.Join(terms, " + "))
		}
	}
	if *cof {
		// The certificate is re-checked by expansion, independently of the
		// basis computation.
		for i, g := range G.Basis {
			sum := g.Ring().Zero()
			for j, c := range G.Cofactors[i] {
				sum = sum.Add(c.Mul(G.Gens[j]))
			}
			if !sum.Equal(g) {
				fmt.Fprintf(stdout, "cofactor check FAILED for basis element %d\n", i+1)
				return 1
			}
		}
		if G.IsOne() {
			fmt.Fprintln(stdout, "# the ideal is the whole ring: 1 = Σ cofactor_j·g_j (Nullstellensatz certificate), checked by expansion")
		} else {
			fmt.Fprintln(stdout, "# every basis element equals its cofactor combination of the generators, checked by expansion")
		}
	}
	pf.printTime(stdout, d)
	return 0
}

func runSolve(args []string, stdout, stderr io.Writer) int {
	const name = "poly solve"
	pf := newPolyFlags(name, "SYS", stderr)
	digits := pf.fs.Int("digits", 12, "significant digits of the decimal approximations printed beside the exact solutions")
	pos, err := pf.parse(args, 1)
	if err != nil {
		return fail(stderr, name, err)
	}
	R, gens, err := pf.readSystem(pos[0], poly.GRevLex)
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := pf.context()
	defer cancel()
	var sols []poly.RealSolution
	d, err := pf.timed(func() (err error) { sols, err = poly.RealSolutions(ctx, gens); return err })
	if err != nil {
		return fail(stderr, name, err)
	}
	fmt.Fprintf(stdout, "nreal=%d\n", len(sols))
	if !pf.stats {
		bits := uint(float64(*digits)*3.33) + 8
		for k, s := range sols {
			fmt.Fprintf(stdout, "solution %d:\n", k+1)
			for i, c := range s.Coords {
				exact := c.String() // before Float, which refines the interval
				fmt.Fprintf(stdout, "  %s = %s ≈ %s\n", R.VarName(i), exact, c.Float(bits).Text('g', *digits))
			}
		}
	}
	pf.printTime(stdout, d)
	return 0
}
