package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/relucad/relucad/poly"
)

// The poly subcommands read polynomials in the plain-text format of the
// benchmark inputs: a file holding one polynomial (newlines inside it are
// spaces), or the polynomial itself on the command line when no such file
// exists. Variables come from --vars, else from a .vars file next to the
// first input (x,y,z), else from the inputs in order of first occurrence.

func init() {
	register(&command{path: "poly realroots", summary: "isolate the real roots of a univariate polynomial", run: runRealRoots})
	register(&command{path: "poly gcd", summary: "greatest common divisor of two polynomials", run: runGCD})
	register(&command{path: "poly resultant", summary: "resultant of two polynomials in a variable", run: runResultant})
	register(&command{path: "poly discriminant", summary: "discriminant of a polynomial in a variable", run: runDiscriminant})
}

// polyFlags are the flags every poly subcommand shares.
type polyFlags struct {
	fs      *flag.FlagSet
	vars    string
	timing  bool
	minTime time.Duration
	timeout time.Duration
	stats   bool
}

func newPolyFlags(name, argsUsage string, stderr io.Writer) *polyFlags {
	pf := &polyFlags{fs: flag.NewFlagSet("relucad "+name, flag.ContinueOnError)}
	pf.fs.SetOutput(stderr)
	pf.fs.StringVar(&pf.vars, "vars", "", "comma-separated variables of the ring (default: a .vars file beside the input, else as they occur)")
	pf.fs.BoolVar(&pf.timing, "time", false, "print the compute time, parsing excluded, as a last line 'time_ms: N'")
	pf.fs.DurationVar(&pf.minTime, "min-time", 0, "with --time: repeat the computation until this much time has passed and report the mean (benchmarking)")
	pf.fs.DurationVar(&pf.timeout, "timeout", 0, "give up after this long (0: no limit)")
	pf.fs.BoolVar(&pf.stats, "stats", false, "print a one-line summary instead of the result, in the anchors' format (for cross-checks)")
	pf.fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: relucad %s [flags] %s\n", name, argsUsage)
		pf.fs.PrintDefaults()
	}
	return pf
}

// parse parses the flags, allowing them before and after the positional
// arguments, and checks the number of positional arguments.
func (pf *polyFlags) parse(args []string, nargs int) ([]string, error) {
	return parseArgs(pf.fs, args, nargs, nargs)
}

func (pf *polyFlags) context() (context.Context, context.CancelFunc) {
	if pf.timeout > 0 {
		return context.WithTimeout(context.Background(), pf.timeout)
	}
	return context.WithCancel(context.Background())
}

// readInput returns the text of a polynomial argument: the file's contents
// when arg names a file, else arg itself.
func readInput(arg string) (text, source string, err error) {
	b, err := os.ReadFile(arg)
	if err == nil {
		return strings.TrimSpace(string(b)), arg, nil
	}
	if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(arg, "/\\") || strings.ContainsAny(arg, "+-*^ ") {
		return arg, "argument", nil
	}
	return "", "", err
}

// ring builds the ring for the given inputs (see the comment at the top).
func (pf *polyFlags) ring(args []string, texts []string) (*poly.Ring, error) {
	var names []string
	switch {
	case pf.vars != "":
		names = splitVars(pf.vars)
	default:
		for _, a := range args {
			ext := filepath.Ext(a)
			if ext == "" {
				continue
			}
			if b, err := os.ReadFile(strings.TrimSuffix(a, ext) + ".vars"); err == nil {
				names = splitVars(string(b))
				break
			}
		}
	}
	extra := poly.ScanVars(texts...)
	if names == nil {
		names = extra
	}
	if len(names) == 0 {
		names = []string{"x"}
	}
	return poly.NewRing(names, poly.GRevLex)
}

func splitVars(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		out = append(out, f)
	}
	return out
}

// readPolys reads the polynomial arguments into one ring.
func (pf *polyFlags) readPolys(args []string) (*poly.Ring, []*poly.Poly, error) {
	texts := make([]string, len(args))
	sources := make([]string, len(args))
	for i, a := range args {
		t, src, err := readInput(a)
		if err != nil {
			return nil, nil, err
		}
		texts[i], sources[i] = t, src
	}
	R, err := pf.ring(args, texts)
	if err != nil {
		return nil, nil, err
	}
	ps := make([]*poly.Poly, len(args))
	for i, t := range texts {
		p, err := R.Parse(t)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", sources[i], err)
		}
		// The algorithms are dense in each variable (x^99999999 - 1 would
		// allocate gigabytes before --timeout is looked at).
		for v := range R.NumVars() {
			if d := p.Degree(v); d > poly.MaxUnivariateDegree {
				return nil, nil, fmt.Errorf("%s: degree %d in %s exceeds the limit %d of the dense algorithms", sources[i], d, R.VarNames()[v], poly.MaxUnivariateDegree)
			}
		}
		ps[i] = p
	}
	return R, ps, nil
}

// timed runs compute once, or repeatedly until minTime has passed, and
// returns the mean duration of one call.
func (pf *polyFlags) timed(compute func() error) (time.Duration, error) {
	start := time.Now()
	n := 0
	for {
		if err := compute(); err != nil {
			return 0, err
		}
		n++
		if el := time.Since(start); !pf.timing || el >= pf.minTime {
			return el / time.Duration(n), nil
		}
	}
}

func (pf *polyFlags) printTime(w io.Writer, d time.Duration) {
	if pf.timing {
		fmt.Fprintf(w, "time_ms: %.3f\n", float64(d.Nanoseconds())/1e6)
	}
}

func fail(stderr io.Writer, name string, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "relucad %s: %v\n", name, err)
	return 1
}

// varIndex resolves a variable name in R.
func varIndex(R *poly.Ring, name string) (int, error) {
	v, ok := R.VarIndex(name)
	if !ok {
		return 0, fmt.Errorf("unknown variable %q (the ring has %s)", name, strings.Join(R.VarNames(), ", "))
	}
	return v, nil
}

func runRealRoots(args []string, stdout, stderr io.Writer) int {
	const name = "poly realroots"
	pf := newPolyFlags(name, "FILE|POLY", stderr)
	digits := pf.fs.Int("digits", 0, "also print each root to this many significant decimal digits")
	pos, err := pf.parse(args, 1)
	if err != nil {
		return fail(stderr, name, err)
	}
	R, ps, err := pf.readPolys(pos)
	if err != nil {
		return fail(stderr, name, err)
	}
	f := ps[0]
	vs := f.Vars()
	if len(vs) > 1 {
		return fail(stderr, name, fmt.Errorf("%s is not univariate (variables %v)", pos[0], R.VarNames()))
	}
	v := 0
	if len(vs) == 1 {
		v = vs[0]
	}
	u, err := f.PrimitivePart().Univariate(v)
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := pf.context()
	defer cancel()
	var roots []poly.RootInterval
	d, err := pf.timed(func() (err error) {
		roots, err = poly.RealRoots(ctx, u)
		return err
	})
	if err != nil {
		return fail(stderr, name, err)
	}
	if pf.stats {
		fmt.Fprintf(stdout, "nreal=%d\n", len(roots))
		roots = nil
	}
	for _, r := range roots {
		line := r.String()
		if *digits > 0 {
			bits := uint(float64(*digits)*3.33) + 8
			ref, err := poly.RefineRoot(ctx, u, r, bits)
			if err != nil {
				return fail(stderr, name, err)
			}
			mid := new(big.Rat).Add(ref.Lo, ref.Hi)
			mid.Quo(mid, big.NewRat(2, 1))
			line += " ≈ " + new(big.Float).SetPrec(bits).SetRat(mid).Text('g', *digits)
		}
		fmt.Fprintln(stdout, line)
	}
	pf.printTime(stdout, d)
	return 0
}

func runGCD(args []string, stdout, stderr io.Writer) int {
	const name = "poly gcd"
	pf := newPolyFlags(name, "F G", stderr)
	pos, err := pf.parse(args, 2)
	if err != nil {
		return fail(stderr, name, err)
	}
	_, ps, err := pf.readPolys(pos)
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := pf.context()
	defer cancel()
	var g *poly.Poly
	d, err := pf.timed(func() (err error) { g, err = poly.GCDCtx(ctx, ps[0], ps[1]); return err })
	if err != nil {
		return fail(stderr, name, err)
	}
	if pf.stats {
		fmt.Fprintf(stdout, "nterms=%d tdeg=%d\n", g.NumTerms(), g.TotalDegree())
	} else {
		fmt.Fprintln(stdout, g.String())
	}
	pf.printTime(stdout, d)
	return 0
}

func runResultant(args []string, stdout, stderr io.Writer) int {
	const name = "poly resultant"
	pf := newPolyFlags(name, "F G VAR", stderr)
	pos, err := pf.parse(args, 3)
	if err != nil {
		return fail(stderr, name, err)
	}
	R, ps, err := pf.readPolys(pos[:2])
	if err != nil {
		return fail(stderr, name, err)
	}
	v, err := varIndex(R, pos[2])
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := pf.context()
	defer cancel()
	var r *poly.Poly
	d, err := pf.timed(func() (err error) { r, err = poly.ResultantCtx(ctx, ps[0], ps[1], v); return err })
	if err != nil {
		return fail(stderr, name, err)
	}
	pf.printResult(stdout, r)
	pf.printTime(stdout, d)
	return 0
}

func runDiscriminant(args []string, stdout, stderr io.Writer) int {
	const name = "poly discriminant"
	pf := newPolyFlags(name, "F VAR", stderr)
	pos, err := pf.parse(args, 2)
	if err != nil {
		return fail(stderr, name, err)
	}
	R, ps, err := pf.readPolys(pos[:1])
	if err != nil {
		return fail(stderr, name, err)
	}
	v, err := varIndex(R, pos[1])
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := pf.context()
	defer cancel()
	var r *poly.Poly
	d, err := pf.timed(func() (err error) { r, err = poly.DiscriminantCtx(ctx, ps[0], v); return err })
	if err != nil {
		return fail(stderr, name, err)
	}
	pf.printResult(stdout, r)
	pf.printTime(stdout, d)
	return 0
}

// printResult prints a resultant or discriminant, or with --stats its
// summary as the anchor drivers print it: degree in the first variable,
// largest coefficient bit size, and the value at 1 modulo 1000003.
func (pf *polyFlags) printResult(w io.Writer, r *poly.Poly) {
	if !pf.stats {
		fmt.Fprintln(w, r.String())
		return
	}
	bits := 0
	for _, t := range r.Terms() {
		if b := t.Coef.Num().BitLen(); b > bits {
			bits = b
		}
	}
	ones := make([]*big.Rat, r.Ring().NumVars())
	for i := range ones {
		ones[i] = big.NewRat(1, 1)
	}
	v := r.EvalAll(ones)
	r1 := new(big.Int).Mod(v.Num(), big.NewInt(1000003)) // v is an integer: the inputs have integer coefficients
	fmt.Fprintf(w, "degx=%d bits=%d r1=%s\n", r.Degree(0), bits, r1)
}
