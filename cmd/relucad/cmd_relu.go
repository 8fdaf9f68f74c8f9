package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/relucad/relucad/relu"
)

// defaultSpec is the built-in example of `relucad analyze`: the 2×2 LU
// support, the canonical non-closed case (MATH.md E1, T1).
const defaultSpec = "W2=10/11,W1=11/01"

func init() {
	register(&command{path: "analyze", summary: "full analysis of a support (default: the 2×2 LU support)", run: runAnalyze})
	register(&command{path: "check", summary: "closedness verdict and certificate of a support", run: runCheck})
	register(&command{path: "verify", summary: "re-check a certificate (JSON file) from scratch", run: runVerify})
	register(&command{path: "dataset", summary: "ill-posed training dataset for a non-closed support", run: runDataset})
}

type reluFlags struct {
	fs         *flag.FlagSet
	format     string
	timeout    time.Duration
	structural bool
}

func newReluFlags(name, argsUsage string, stderr io.Writer) *reluFlags {
	rf := &reluFlags{fs: flag.NewFlagSet("relucad "+name, flag.ContinueOnError)}
	rf.fs.SetOutput(stderr)
	rf.fs.StringVar(&rf.format, "format", "text", "output format: text, json, latex or html")
	rf.fs.DurationVar(&rf.timeout, "timeout", time.Minute, "give up (verdict unknown) after this long")
	rf.fs.BoolFunc("json", "same as --format json", func(string) error { rf.format = "json"; return nil })
	rf.fs.BoolVar(&rf.structural, "structural", false, "theorems and detectors only (polynomial time); skip the exact QE fallback ALG-C")
	rf.fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: relucad %s [flags] %s\n", name, argsUsage)
		rf.fs.PrintDefaults()
	}
	return rf
}

// parse allows flags before and after the positional arguments.
func (rf *reluFlags) parse(args []string, min, max int) ([]string, error) {
	pos, err := parseArgs(rf.fs, args, min, max)
	if err != nil {
		return nil, err
	}
	switch rf.format {
	case "text", "json", "latex", "html":
	default:
		return nil, fmt.Errorf("unknown --format %q (want text, json, latex or html)", rf.format)
	}
	return pos, nil
}

func (rf *reluFlags) context() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), rf.timeout)
}

// spec parses the flags and the one SPEC argument of a support command.
func (rf *reluFlags) spec(args []string) (relu.Support, error) {
	pos, err := rf.parse(args, 1, 1)
	if err != nil {
		return relu.Support{}, err
	}
	return relu.ParseSpec(pos[0])
}

// closedness runs the structural pipeline and, unless --structural, the
// budgeted exact fallback on what it leaves unknown.
func (rf *reluFlags) closedness(ctx context.Context, s relu.Support) (*relu.Verdict, error) {
	if rf.structural {
		return relu.Closedness(ctx, s)
	}
	return relu.ClosednessExact(ctx, s)
}

func printCert(w io.Writer, c *relu.Certificate, format string) error {
	switch format {
	case "json":
		b, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintln(w, string(b))
	case "latex":
		fmt.Fprintln(w, c.LaTeX())
	case "html":
		fmt.Fprintln(w, c.HTML())
	default:
		fmt.Fprint(w, c.Text())
	}
	return nil
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	const name = "check"
	rf := newReluFlags(name, "SPEC", stderr)
	s, err := rf.spec(args)
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := rf.context()
	defer cancel()
	v, err := rf.closedness(ctx, s)
	if err != nil {
		return fail(stderr, name, err)
	}
	// A verdict is printed only with a certificate that the independent
	// verifier accepts: a failure here is a bug, reported as such.
	if err := relu.Verify(v.Cert); err != nil {
		return fail(stderr, name, fmt.Errorf("internal error: the %s certificate failed independent verification (%v); please report this support", v.Cert.Verdict, err))
	}
	if err := printCert(stdout, v.Cert, rf.format); err != nil {
		return fail(stderr, name, err)
	}
	if rf.format == "text" && v.Status != relu.Unknown {
		fmt.Fprintln(stdout, "  certificate re-checked by relu.Verify: valid")
	}
	return 0
}

func runVerify(args []string, stdout, stderr io.Writer) int {
	const name = "verify"
	rf := newReluFlags(name, "CERT.json", stderr)
	pos, err := rf.parse(args, 1, 1)
	if err != nil {
		return fail(stderr, name, err)
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return fail(stderr, name, err)
	}
	c, err := relu.ParseCertificate(data)
	if err != nil {
		return fail(stderr, name, fmt.Errorf("%s: %w", pos[0], err))
	}
	if err := relu.Verify(c); err != nil {
		fmt.Fprintf(stdout, "INVALID: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "valid %s certificate for %s\n", c.Verdict, c.Spec)
	return 0
}

func runDataset(args []string, stdout, stderr io.Writer) int {
	const name = "dataset"
	rf := newReluFlags(name, "SPEC", stderr)
	biases := rf.fs.Bool("biases", true, "networks with biases (false: without)")
	s, err := rf.spec(args)
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := rf.context()
	defer cancel()
	d, err := relu.NewDataset(ctx, s, relu.DatasetOptions{Biases: *biases})
	if err != nil {
		return fail(stderr, name, err)
	}
	if rf.format == "json" {
		b, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return fail(stderr, name, err)
		}
		fmt.Fprintln(stdout, string(b))
		return 0
	}
	fmt.Fprint(stdout, d.String())
	return 0
}

// runAnalyze is the main job: verdict, certificate, independent
// verification and (when not closed) an ill-posed dataset, for one support.
func runAnalyze(args []string, stdout, stderr io.Writer) int {
	const name = "analyze"
	rf := newReluFlags(name, "[SPEC]", stderr)
	pos, err := rf.parse(args, 0, 1)
	if err != nil {
		return fail(stderr, name, err)
	}
	spec := defaultSpec
	if len(pos) == 1 {
		spec = pos[0]
	} else {
		fmt.Fprintf(stdout, "No support given: analysing the built-in example %s (2×2 LU, MATH.md E1).\n\n", spec)
	}
	s, err := relu.ParseSpec(spec)
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := rf.context()
	defer cancel()
	start := time.Now()
	v, err := rf.closedness(ctx, s)
	if err != nil {
		return fail(stderr, name, err)
	}
	key, err := relu.Key(s)
	if err != nil {
		return fail(stderr, name, err)
	}
	fmt.Fprintf(stdout, "== Support %s\ncanonical key: %s\n\n== Verdict (%s)\n", spec, key, time.Since(start).Round(time.Microsecond))
	if err := printCert(stdout, v.Cert, rf.format); err != nil {
		return fail(stderr, name, err)
	}
	fmt.Fprintln(stdout, "\n== Independent verification")
	if err := relu.Verify(v.Cert); err != nil {
		fmt.Fprintf(stdout, "FAILED: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "certificate re-checked from scratch with exact arithmetic: valid")
	if v.Status == relu.NotClosed {
		fmt.Fprintln(stdout, "\n== An ill-posed training problem (networks with biases)")
		d, err := relu.NewDataset(ctx, s, relu.DatasetOptions{Biases: true})
		if err != nil {
			fmt.Fprintf(stdout, "no dataset: %v\n", err)
		} else {
			fmt.Fprint(stdout, d.String())
			if err := d.Check(); err != nil {
				fmt.Fprintf(stdout, "dataset check FAILED: %v\n", err)
				return 1
			}
			fmt.Fprintln(stdout, "dataset re-checked: the loss along the sequence is exact and tends to 0")
		}
	}
	return 0
}
