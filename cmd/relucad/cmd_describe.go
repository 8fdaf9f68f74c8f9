package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"

	"github.com/relucad/relucad/relu"
	"github.com/relucad/relucad/semialg"
)

func init() {
	register(&command{path: "describe", summary: "quantifier-free description of L_I (and of its closure where known)", run: runDescribe})
	register(&command{path: "fit", summary: "does the square loss attain its infimum on a CSV dataset? exact optimum for one hidden layer (scalar or decoupled output), exact-fit and ill-posedness decisions for small two-layer instances (D10)", run: runFit})
}

func runDescribe(args []string, stdout, stderr io.Writer) int {
	const name = "describe"
	rf := newReluFlags(name, "SPEC", stderr)
	s, err := rf.spec(args)
	if err != nil {
		return fail(stderr, name, err)
	}
	ctx, cancel := rf.context()
	defer cancel()
	d, err := relu.Describe(ctx, s)
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
	fmt.Fprintf(stdout, "support %s: %s", d.Spec, strings.ToUpper(strings.ReplaceAll(d.Verdict, "_", " ")))
	if d.Method != "" {
		fmt.Fprintf(stdout, " (%s)", d.Method)
	}
	fmt.Fprintln(stdout)
	if d.Support != "" {
		fmt.Fprintf(stdout, "  support of the products: %s\n", d.Support)
	}
	for _, c := range d.Conditions {
		fmt.Fprintf(stdout, "  %s\n", c)
	}
	if d.Formula != "" {
		fmt.Fprintf(stdout, "  L_I = { A : %s }\n", d.Formula)
	}
	if d.Closure != "" {
		fmt.Fprintf(stdout, "  closure: { A : %s }\n", d.Closure)
	}
	if d.Note != "" {
		fmt.Fprintf(stdout, "  note: %s\n", d.Note)
	}
	return 0
}

// fitOutput is the JSON of relucad fit.
type fitOutput struct {
	Spec      string                `json:"spec"`
	Biases    bool                  `json:"biases"`
	Optimum   string                `json:"optimum"` // exists, none or unknown
	InfLoss   string                `json:"inf_loss,omitempty"`
	MinLoss   string                `json:"min_loss,omitempty"`
	Minimizer map[string][][]string `json:"minimizer,omitempty"`
	Reason    string                `json:"reason,omitempty"`
}

// readCSV reads rows of rationals: nIn input coordinates, then the targets.
func readCSV(path string, nIn, nOut int) (relu.RatMatrix, []*big.Rat, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.TrimLeadingSpace = true
	var X relu.RatMatrix
	var y []*big.Rat
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != nIn+nOut {
			return nil, nil, fmt.Errorf("%s:%d: %d fields, want %d inputs and %d target(s)", path, line, len(rec), nIn, nOut)
		}
		row := make([]*big.Rat, nIn)
		for j := range rec {
			v, ok := new(big.Rat).SetString(strings.TrimSpace(rec[j]))
			if !ok {
				return nil, nil, fmt.Errorf("%s:%d: field %d %q is not a rational number", path, line, j+1, rec[j])
			}
			if j < nIn {
				row[j] = v
			} else {
				y = append(y, v)
			}
		}
		X = append(X, row)
	}
	if len(X) == 0 {
		return nil, nil, fmt.Errorf("%s: no data rows", path)
	}
	return X, y, nil
}

func runFit(args []string, stdout, stderr io.Writer) int {
	const name = "fit"
	rf := newReluFlags(name, "--spec SPEC --data FILE.csv", stderr)
	spec := rf.fs.String("spec", "", "the support (spec string)")
	data := rf.fs.String("data", "", "CSV file: each row the input coordinates, then the target")
	noBias := rf.fs.Bool("no-bias", false, "networks without biases")
	if _, err := rf.parse(args, 0, 0); err != nil {
		return fail(stderr, name, err)
	}
	if *spec == "" || *data == "" {
		rf.fs.Usage()
		return fail(stderr, name, fmt.Errorf("--spec and --data are required"))
	}
	s, err := relu.ParseSpec(*spec)
	if err != nil {
		return fail(stderr, name, err)
	}
	w := s.Widths()
	X, y, err := readCSV(*data, w[0], w[len(w)-1])
	if err != nil {
		return fail(stderr, name, err)
	}
	out := fitOutput{Spec: *spec, Biases: !*noBias, Optimum: "unknown"}
	if s.Depth() == 2 && w[2] == 1 {
		ctx, cancel := rf.context()
		defer cancel()
		res, err := relu.Fit(ctx, s, !*noBias, X, y)
		if err != nil {
			out.Reason = err.Error()
		} else {
			// S6: one hidden layer and scalar output always attain the
			// infimum on finite data; ALG-E computed it exactly.
			out.Optimum, out.MinLoss, out.InfLoss, out.Minimizer = res.Optimum, res.MinLoss, res.MinLoss, res.Minimizer
		}
	} else if relu.Decoupled(s) {
		// D8: each hidden neuron feeds at most one output, so the problem
		// splits into scalar-output problems, each attaining its minimum (S6).
		ctx, cancel := rf.context()
		defer cancel()
		m := w[2]
		Y := make(relu.RatMatrix, len(X))
		for p := range Y {
			Y[p] = y[p*m : (p+1)*m]
		}
		res, err := relu.FitDecoupled(ctx, s, !*noBias, X, Y)
		if err != nil {
			out.Reason = err.Error()
		} else {
			out.Optimum, out.MinLoss, out.InfLoss, out.Minimizer = res.Optimum, res.MinLoss, res.MinLoss, res.Minimizer
			out.Reason = "decoupled vector output (MATH.md D8): the sum of the exact scalar optima (S6, ALG-E)"
		}
	} else {
		// MATH.md D10 for small instances: an exact fit by activation
		// patterns and QE, or the ALG-D lift of a NOT_CLOSED witness.
		ctx, cancel := rf.context()
		defer cancel()
		m := w[len(w)-1]
		Y := make(relu.RatMatrix, len(X))
		for p := range Y {
			Y[p] = y[p*m : (p+1)*m]
		}
		d, err := relu.DecideOptimum(ctx, s, !*noBias, X, Y, semialg.Limits{MaxCells: 200000, MaxFactors: 2000})
		if err != nil {
			return fail(stderr, name, err)
		}
		out.Optimum, out.InfLoss, out.MinLoss, out.Minimizer, out.Reason = d.Optimum, d.InfLoss, d.MinLoss, d.Minimizer, d.Reason
	}
	if rf.format == "json" {
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return fail(stderr, name, err)
		}
		fmt.Fprintln(stdout, string(b))
		return 0
	}
	fmt.Fprintf(stdout, "optimum: %s\n", out.Optimum)
	switch {
	case out.MinLoss == "" && out.InfLoss != "" && out.Optimum == "none":
		fmt.Fprintf(stdout, "infimum of the square loss: %s (not attained)\n", out.InfLoss)
	case out.MinLoss == "" && out.InfLoss != "":
		// Known infimum, attainment undecided (a budget ran out).
		fmt.Fprintf(stdout, "infimum of the square loss: %s (attainment not decided)\n", out.InfLoss)
	}
	if out.MinLoss != "" {
		fmt.Fprintf(stdout, "minimum square loss: %s (attained)\n", out.MinLoss)
		for _, k := range []string{"W2", "b2", "W1", "b1"} {
			if m, ok := out.Minimizer[k]; ok {
				fmt.Fprintf(stdout, "  %s = %v\n", k, m)
			}
		}
	}
	if out.Reason != "" {
		fmt.Fprintf(stdout, "reason: %s\n", out.Reason)
	}
	return 0
}
