package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/relucad/relucad/semialg"
)

func init() {
	register(&command{path: "qe", summary: "quantifier elimination / decision (relucad syntax, QEPCAD B .qep, SMT-LIB2 .smt2)", run: runQE})
}

// runQE eliminates the quantifiers of a formula with free variables, or
// decides a sentence. Inputs: a .qep file (QEPCAD B input), a .smt2 file
// (SMT-LIB2 NRA; the assertions are existentially closed, as check-sat
// reads them, and the answer is sat or unsat), or a formula in relucad's
// syntax (a file or the text itself), e.g. 'ex y [x^2 + y^2 < 1]'.
func runQE(args []string, stdout, stderr io.Writer) int {
	const name = "qe"
	fs := flag.NewFlagSet("relucad qe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format of a formula: text, latex, qepcad or smtlib")
	timeout := fs.Duration("timeout", time.Minute, "give up after this long")
	timing := fs.Bool("time", false, "print the compute time, parsing excluded, as a last line 'time_ms: N'")
	witness := fs.Bool("witness", false, "for a true existential sentence, also print a satisfying sample point")
	file := fs.String("file", "", "read the problem from this file (.qep, .smt2, or relucad syntax)")
	projection := fs.String("projection", "auto", "CAD projection operator: auto (McCallum, falling back to Hong when the input is not well-oriented), hong or mccallum")
	stats := fs.Bool("stats", false, "print what the CADs did (operator, fallbacks and why, sizes) on a last line 'stats: …'")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: relucad qe [flags] FILE.qep|FILE.smt2|FILE|FORMULA  (or --file F)")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args, 0, 1)
	if err != nil {
		return fail(stderr, name, err)
	}
	if *file != "" {
		pos = append(pos, *file)
	}
	if len(pos) != 1 {
		fs.Usage()
		return fail(stderr, name, fmt.Errorf("expected one formula or file, got %d", len(pos)))
	}
	switch *format {
	case "text", "latex", "qepcad", "smtlib":
	default:
		return fail(stderr, name, fmt.Errorf("unknown --format %q (want text, latex, qepcad or smtlib)", *format))
	}
	var lim semialg.Limits
	switch *projection {
	case "auto":
		lim.Projection = semialg.ProjectionAuto
	case "hong":
		lim.Projection = semialg.ProjectionHong
	case "mccallum":
		lim.Projection = semialg.ProjectionMcCallum
	default:
		return fail(stderr, name, fmt.Errorf("unknown --projection %q (want auto, hong or mccallum)", *projection))
	}
	var st semialg.Stats
	lim.Stats = &st
	printStats := func() {
		if *stats {
			fmt.Fprintf(stdout, "stats: %s\n", st.String())
		}
	}
	text, source, err := readInput(pos[0])
	if err != nil {
		return fail(stderr, name, err)
	}
	smt := false
	var f *semialg.Formula
	switch strings.ToLower(filepath.Ext(source)) {
	case ".qep":
		p, err := semialg.ParseQEPCAD(text)
		if err != nil {
			return fail(stderr, name, fmt.Errorf("%s: %w", source, err))
		}
		f = p.Formula
		if p.Assume != nil {
			f = semialg.Implies(p.Assume, f)
		}
	case ".smt2":
		p, err := semialg.ParseSMTLIB(text)
		if err != nil {
			return fail(stderr, name, fmt.Errorf("%s: %w", source, err))
		}
		f, smt = semialg.ExClosure(p.Formula), true
	default:
		f, _, err = semialg.ParseAuto(text)
		if err != nil {
			return fail(stderr, name, fmt.Errorf("%s: %w", source, err))
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	start := time.Now()
	if len(f.FreeVars()) == 0 {
		truth, pt, err := semialg.WitnessWithLimits(ctx, f, lim)
		if err != nil {
			return fail(stderr, name, err)
		}
		el := time.Since(start)
		switch {
		case smt && truth:
			fmt.Fprintln(stdout, "sat")
		case smt:
			fmt.Fprintln(stdout, "unsat")
		default:
			fmt.Fprintln(stdout, truth)
		}
		if *witness && truth && len(pt) > 0 {
			for i, a := range pt {
				fmt.Fprintf(stdout, "  sample %d: %s ≈ %s\n", i+1, a.String(), a.Float(64).Text('g', 12))
			}
		}
		printStats()
		if *timing {
			fmt.Fprintf(stdout, "time_ms: %.3f\n", float64(el.Nanoseconds())/1e6)
		}
		return 0
	}
	g, err := semialg.QEWithLimits(ctx, f, lim)
	if err != nil {
		return fail(stderr, name, err)
	}
	el := time.Since(start)
	switch *format {
	case "latex":
		fmt.Fprintln(stdout, g.LaTeX())
	case "qepcad":
		s, err := semialg.QEPCADString("relucad qe output", g)
		if err != nil {
			return fail(stderr, name, err)
		}
		fmt.Fprint(stdout, s)
	case "smtlib":
		fmt.Fprintln(stdout, semialg.SMTLIBString(g))
	default:
		fmt.Fprintln(stdout, g.String())
	}
	printStats()
	if *timing {
		fmt.Fprintf(stdout, "time_ms: %.3f\n", float64(el.Nanoseconds())/1e6)
	}
	return 0
}
