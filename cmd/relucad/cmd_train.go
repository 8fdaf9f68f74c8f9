package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/relucad/relucad/relu"
)

func init() {
	register(&command{path: "train", summary: "numeric training (gd or Adam) on a CSV dataset, with a loss/norm plot", run: runTrain})
}

// runTrain is `relucad train SPEC --data FILE.csv`: relu.Train on the CSV
// rows (input coordinates, then target coordinates, as for fit), progress on
// stderr, the final loss and norms (or the whole run as JSON) on stdout.
func runTrain(args []string, stdout, stderr io.Writer) int {
	const name = "train"
	fs := flag.NewFlagSet("relucad "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "CSV file: each row the input coordinates, then the target coordinates (required)")
	noBias := fs.Bool("no-bias", false, "networks without biases")
	method := fs.String("method", "adam", "optimizer: adam or gd")
	steps := fs.Int("steps", relu.DefaultTrainSteps, "number of parameter updates")
	lr := fs.Float64("lr", relu.DefaultTrainRate, "learning rate")
	seed := fs.Uint64("seed", 1, "seed of the initialisation")
	initScale := fs.Float64("init", relu.DefaultTrainInitScale, "standard deviation of the initial weights")
	logEvery := fs.Int("log-every", 0, "record the history every N steps (default steps/500)")
	plotPath := fs.String("plot", "", "write the loss and norm plot to this file (.svg or .png)")
	asJSON := fs.Bool("json", false, "print the run (options, history, final parameters) as one JSON object")
	quiet := fs.Bool("quiet", false, "no progress lines on stderr")
	timeout := fs.Duration("timeout", 10*time.Minute, "stop the run after this long (the result so far is still printed)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: relucad %s [flags] SPEC --data FILE.csv\n", name)
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return fail(stderr, name, err)
	}
	if *data == "" {
		fs.Usage()
		return fail(stderr, name, fmt.Errorf("--data is required"))
	}
	if *steps <= 0 {
		return fail(stderr, name, fmt.Errorf("--steps %d must be positive", *steps))
	}
	if *logEvery < 0 {
		return fail(stderr, name, fmt.Errorf("--log-every %d must be positive", *logEvery))
	}
	s, err := relu.ParseSpec(pos[0])
	if err != nil {
		return fail(stderr, name, err)
	}
	w := s.Widths()
	nIn, nOut := w[0], w[len(w)-1]
	Xr, yr, err := readCSV(*data, nIn, nOut)
	if err != nil {
		return fail(stderr, name, err)
	}
	X := make([][]float64, len(Xr))
	Y := make([][]float64, len(Xr))
	for i := range Xr {
		X[i] = make([]float64, nIn)
		for j, v := range Xr[i] {
			X[i][j], _ = v.Float64()
		}
		Y[i] = make([]float64, nOut)
		for j := range Y[i] {
			Y[i][j], _ = yr[i*nOut+j].Float64()
		}
	}
	opt := relu.TrainOptions{Method: *method, LearningRate: *lr, Steps: *steps, Seed: *seed, InitScale: *initScale, LogEvery: *logEvery}
	if !*quiet {
		every := max(1, *steps/20)
		next := 0
		opt.Progress = func(step int, loss, norm float64) {
			if step >= next || step == *steps {
				fmt.Fprintf(stderr, "step %*d  loss %.6g  ‖θ‖∞ %.6g\n", len(fmt.Sprint(*steps)), step, loss, norm)
				for next <= step {
					next += every
				}
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	res, runErr := relu.Train(ctx, s, !*noBias, X, Y, opt)
	if res == nil {
		return fail(stderr, name, runErr)
	}
	if runErr != nil {
		// Cancelled or diverged: report, then print what there is.
		fmt.Fprintf(stderr, "relucad %s: %v\n", name, runErr)
	}
	if *plotPath != "" {
		if err := res.WritePlot(*plotPath); err != nil {
			return fail(stderr, name, err)
		}
	}
	if *asJSON {
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return fail(stderr, name, err)
		}
		fmt.Fprintln(stdout, string(b))
	} else {
		fmt.Fprint(stdout, res)
		if *plotPath != "" {
			fmt.Fprintf(stdout, "  plot: %s\n", *plotPath)
		}
	}
	if runErr != nil {
		return 1
	}
	return 0
}
