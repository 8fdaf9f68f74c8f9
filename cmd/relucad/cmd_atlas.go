package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/relucad/relucad/relu"
	"github.com/relucad/relucad/relu/atlas"
)

func init() {
	register(&command{path: "atlas lookup", summary: "verdict and certificate of a support from the atlas database", run: runAtlasLookup})
	register(&command{path: "atlas summary", summary: "per-shape counts of the atlas database (table, --json or --csv)", run: runAtlasSummary})
	register(&command{path: "atlas verify", summary: "re-check every certificate stored in the atlas database", run: runAtlasVerify})
	register(&command{path: "atlas random", summary: "bounds on P(not closed) for Bernoulli(p) masks, with a sweep plot", run: runAtlasRandom})
	register(&command{path: "atlas exact", summary: "exact P(not closed) for Bernoulli(p) masks from a complete census", run: runAtlasExact})
}

func openAtlas(af *atlasFlagSet) (*atlas.DB, error) {
	path, err := af.path()
	if err != nil {
		return nil, err
	}
	return atlas.OpenExisting(path)
}

func runAtlasLookup(args []string, stdout, stderr io.Writer) int {
	af := newAtlasFlags("atlas lookup", "SPEC", stderr)
	format := af.fs.String("format", "text", "output format: text or json")
	pos, err := af.parse(args, 1, 1)
	if err != nil {
		return fail(stderr, "atlas lookup", err)
	}
	if *format != "text" && *format != "json" {
		return fail(stderr, "atlas lookup", fmt.Errorf("unknown --format %q (want text or json)", *format))
	}
	s, err := relu.ParseSpec(pos[0])
	if err != nil {
		return fail(stderr, "atlas lookup", err)
	}
	key, err := atlas.Key(s)
	if err != nil {
		return fail(stderr, "atlas lookup", err)
	}
	db, err := openAtlas(af)
	if err != nil {
		return fail(stderr, "atlas lookup", err)
	}
	defer db.Close()
	rs, err := db.Lookup(context.Background(), key)
	if err != nil {
		return fail(stderr, "atlas lookup", err)
	}
	if len(rs) == 0 {
		sh := atlas.ShapeOf(s)
		return fail(stderr, "atlas lookup", fmt.Errorf("%s (key %s) is not in %s; run relucad census --shape %s", s, key, db.Path(), sh))
	}
	if *format == "json" {
		type out struct {
			Shape       string          `json:"shape"`
			Key         string          `json:"key"`
			Spec        string          `json:"spec"`
			Verdict     string          `json:"verdict"`
			Method      string          `json:"method,omitempty"`
			Seconds     float64         `json:"seconds"`
			Relucad     string          `json:"relucad"`
			Certificate json.RawMessage `json:"certificate"`
		}
		var list []out
		for _, r := range rs {
			list = append(list, out{r.Shape, r.Key, r.Spec, r.Verdict, r.Method, r.Seconds, r.Version, r.Certificate})
		}
		b, _ := json.MarshalIndent(list, "", "  ")
		fmt.Fprintln(stdout, string(b))
		return 0
	}
	for i, r := range rs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "support:        %s\nkey:            %s\nshape:          %s\nverdict:        %s\n", s, r.Key, r.Shape, r.Verdict)
		if r.Method != "" {
			fmt.Fprintf(stdout, "method:         %s\n", r.Method)
		}
		fmt.Fprintf(stdout, "representative: %s", r.Spec)
		if r.Spec != s.String() {
			fmt.Fprint(stdout, " (the certificate is about this support; it maps to yours under the symmetries of MATH.md D1)")
		}
		fmt.Fprintf(stdout, "\ndecided by:     %s in %.3g s\n", r.Version, r.Seconds)
		c, err := relu.ParseCertificate(r.Certificate)
		if err != nil {
			return fail(stderr, "atlas lookup", fmt.Errorf("stored certificate: %v", err))
		}
		fmt.Fprintln(stdout, "\n"+c.Text())
	}
	return 0
}

func runAtlasSummary(args []string, stdout, stderr io.Writer) int {
	af := newAtlasFlags("atlas summary", "", stderr)
	asJSON := af.fs.Bool("json", false, "print a JSON list of {shape, closed, not_closed, unknown, total, seconds, …}")
	asCSV := af.fs.Bool("csv", false, "print CSV")
	if _, err := af.parse(args, 0, 0); err != nil {
		return fail(stderr, "atlas summary", err)
	}
	if *asJSON && *asCSV {
		return fail(stderr, "atlas summary", errors.New("--json and --csv exclude each other"))
	}
	db, err := openAtlas(af)
	if err != nil {
		return fail(stderr, "atlas summary", err)
	}
	defer db.Close()
	sum, err := db.Summary(context.Background())
	if err != nil {
		return fail(stderr, "atlas summary", err)
	}
	switch {
	case *asJSON:
		if sum == nil {
			sum = []atlas.ShapeSummary{}
		}
		b, _ := json.MarshalIndent(sum, "", "  ")
		fmt.Fprintln(stdout, string(b))
	case *asCSV:
		w := csv.NewWriter(stdout)
		w.Write([]string{"shape", "closed", "not_closed", "unknown", "total", "seconds", "expected", "complete"})
		for _, s := range sum {
			w.Write([]string{s.Shape, strconv.Itoa(s.Closed), strconv.Itoa(s.NotClosed), strconv.Itoa(s.Unknown), strconv.Itoa(s.Total),
				strconv.FormatFloat(s.Seconds, 'f', 3, 64), strconv.Itoa(s.Expected), strconv.FormatBool(s.Complete)})
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return fail(stderr, "atlas summary", err)
		}
	default:
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "shape\tclosed\tnot closed\tunknown\ttotal\tof\tcpu seconds\t")
		for _, s := range sum {
			of := "?"
			if s.Expected > 0 {
				of = strconv.Itoa(s.Expected)
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\t%.1f\t\n", s.Shape, s.Closed, s.NotClosed, s.Unknown, s.Total, of, s.Seconds)
		}
		tw.Flush()
		if len(sum) == 0 {
			fmt.Fprintf(stdout, "(empty: run relucad census --shape m,r,n --db %s)\n", db.Path())
		}
	}
	return 0
}

func runAtlasVerify(args []string, stdout, stderr io.Writer) int {
	af := newAtlasFlags("atlas verify", "", stderr)
	workers := af.fs.Int("workers", 0, "parallel verifiers (0: all CPUs)")
	quiet := af.fs.Bool("quiet", false, "no progress output")
	shape := af.fs.String("shape", "", "only verify rows of this shape, e.g. 3,3,3")
	repair := af.fs.Bool("delete-failed", false, "delete the rows that fail, so that relucad census recomputes them")
	if _, err := af.parse(args, 0, 0); err != nil {
		return fail(stderr, "atlas verify", err)
	}
	db, err := openAtlas(af)
	if err != nil {
		return fail(stderr, "atlas verify", err)
	}
	defer db.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	last := start
	tty := isTerminal(stderr)
	progress := func(n int) {
		if *quiet {
			return
		}
		iv := 10 * time.Second
		if tty {
			iv = 200 * time.Millisecond
		}
		if time.Since(last) < iv {
			return
		}
		last = time.Now()
		rate := float64(n) / time.Since(start).Seconds()
		if tty {
			fmt.Fprintf(stderr, "\r\033[Kverified %d rows, %.0f/s", n, rate)
		} else {
			fmt.Fprintf(stderr, "verified %d rows, %.0f/s\n", n, rate)
		}
	}
	if *shape != "" {
		sh, err := atlas.ParseShape(*shape)
		if err != nil {
			return fail(stderr, "atlas verify", err)
		}
		*shape = sh.String()
	}
	st, err := atlas.VerifyAll(ctx, db, atlas.VerifyOptions{Shape: *shape, Workers: *workers, Progress: progress})
	if tty && !*quiet {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		return fail(stderr, "atlas verify", err)
	}
	for i, f := range st.Failures {
		if i == 20 {
			fmt.Fprintf(stdout, "… and %d more failures\n", len(st.Failures)-20)
			break
		}
		fmt.Fprintf(stdout, "FAIL %v\n", f)
	}
	fmt.Fprintf(stdout, "%d rows: %d closed and %d not closed certificates verified, %d unknown (nothing to verify), %d failures, in %s\n",
		st.Checked, st.Closed, st.NotClosed, st.Unknown, len(st.Failures), time.Since(start).Round(time.Millisecond))
	if len(st.Failures) == 0 {
		return 0
	}
	if *repair {
		n, err := db.Delete(context.Background(), st.Failures)
		if err != nil {
			return fail(stderr, "atlas verify", err)
		}
		shapes := map[string]bool{}
		for _, f := range st.Failures {
			shapes[f.Shape] = true
		}
		for s := range shapes {
			fmt.Fprintf(stdout, "deleted the failing rows of shape %s; recompute them with: relucad census --shape %s --db %s\n", s, s, db.Path())
		}
		fmt.Fprintf(stdout, "%d rows deleted\n", n)
	}
	return 1
}

func runAtlasRandom(args []string, stdout, stderr io.Writer) int {
	af := newAtlasFlags("atlas random", "--shape m,r,n", stderr)
	shapeStr := af.fs.String("shape", "", "widths output-first, e.g. 3,3,3")
	pStr := af.fs.String("p", "0.5", "probability of keeping an entry: a value, a list 0.3,0.5 or a range 0.05:0.95:0.05")
	samples := af.fs.Int("samples", 1000, "samples per value of p")
	seed := af.fs.Uint64("seed", 1, "random seed (results depend only on shape, p, samples and seed)")
	conf := af.fs.Float64("confidence", 0.95, "two-sided confidence level of [lower, upper]")
	method := af.fs.String("method", "clopper-pearson", "interval: clopper-pearson (exact) or wilson")
	workers := af.fs.Int("workers", 0, "parallel analyzer workers (0: all CPUs)")
	csvPath := af.fs.String("csv", "", "write the sweep as CSV to this file")
	svgPath := af.fs.String("svg", "", "write a plot of the bounds against p (SVG) to this file")
	useDB := af.fs.Bool("use-db", false, "answer supports already in the atlas database (--db) from it")
	asJSON := af.fs.Bool("json", false, "print JSON instead of a table")
	if _, err := af.parse(args, 0, 0); err != nil {
		return fail(stderr, "atlas random", err)
	}
	if *shapeStr == "" {
		af.fs.Usage()
		return fail(stderr, "atlas random", errors.New("--shape is required (e.g. --shape 3,3,3)"))
	}
	sh, err := atlas.ParseSampleShape(*shapeStr)
	if err != nil {
		return fail(stderr, "atlas random", err)
	}
	ps, err := atlas.ParseProbabilities(*pStr)
	if err != nil {
		return fail(stderr, "atlas random", err)
	}
	var db *atlas.DB
	if *useDB {
		if db, err = openAtlas(af); err != nil {
			return fail(stderr, "atlas random", err)
		}
		defer db.Close()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var rs []*atlas.RandomResult
	for i, p := range ps {
		r, err := atlas.RandomEstimate(ctx, atlas.RandomOptions{Shape: sh, P: p, Samples: *samples, Seed: *seed + uint64(i),
			Confidence: *conf, Method: *method, Workers: *workers, DB: db})
		if err != nil {
			return fail(stderr, "atlas random", err)
		}
		rs = append(rs, r)
		if len(ps) > 1 && isTerminal(stderr) {
			fmt.Fprintf(stderr, "\r\033[Kp = %g done (%d/%d)", p, i+1, len(ps))
		}
	}
	if len(ps) > 1 && isTerminal(stderr) {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if *asJSON {
		b, _ := json.MarshalIndent(rs, "", "  ")
		fmt.Fprintln(stdout, string(b))
	} else {
		fmt.Fprintf(stdout, "shape %s, %d samples per p, %g%% confidence (%s), seed %d\n", sh, *samples, 100*rs[0].Confidence, rs[0].Method, *seed)
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "p\tnot closed\tclosed\tunknown\tlower\tupper\t")
		for _, r := range rs {
			fmt.Fprintf(tw, "%g\t%d\t%d\t%d\t%.4f\t%.4f\t\n", r.P, r.NotClosed, r.Closed, r.Unknown, r.Lower, r.Upper)
		}
		tw.Flush()
		fmt.Fprintln(stdout, "lower: confidence bound from certified NOT_CLOSED samples; upper: counting UNKNOWN samples as not closed")
	}
	if *csvPath != "" {
		f, err := os.Create(*csvPath)
		if err != nil {
			return fail(stderr, "atlas random", err)
		}
		fmt.Fprintln(f, atlas.CSVHeader)
		for _, r := range rs {
			fmt.Fprintln(f, r.CSVRow())
		}
		if err := f.Close(); err != nil {
			return fail(stderr, "atlas random", err)
		}
	}
	if *svgPath != "" {
		title := fmt.Sprintf("Bernoulli(p) supports of shape %s: P(L_I not closed)", sh)
		if err := os.WriteFile(*svgPath, atlas.PlotSVG(rs, title), 0o644); err != nil {
			return fail(stderr, "atlas random", err)
		}
	}
	return 0
}

func runAtlasExact(args []string, stdout, stderr io.Writer) int {
	af := newAtlasFlags("atlas exact", "--shape m,r,n", stderr)
	shapeStr := af.fs.String("shape", "", "widths output-first, e.g. 3,3,3 (its census must be complete in --db)")
	pStr := af.fs.String("p", "0.1:0.9:0.1", "probabilities: a value, a list 0.3,0.5 or a range 0.05:0.95:0.05 (taken as exact decimals)")
	csvPath := af.fs.String("csv", "", "write p, lower, upper as CSV to this file")
	svgPath := af.fs.String("svg", "", "write a plot against p (SVG) to this file")
	counts := af.fs.Bool("counts", false, "also print the number of supports with k ones per verdict")
	asJSON := af.fs.Bool("json", false, "print JSON (exact rationals as strings)")
	if _, err := af.parse(args, 0, 0); err != nil {
		return fail(stderr, "atlas exact", err)
	}
	if *shapeStr == "" {
		af.fs.Usage()
		return fail(stderr, "atlas exact", errors.New("--shape is required (e.g. --shape 3,3,3)"))
	}
	sh, err := atlas.ParseShape(*shapeStr)
	if err != nil {
		return fail(stderr, "atlas exact", err)
	}
	ps, err := atlas.ParseProbabilities(*pStr)
	if err != nil {
		return fail(stderr, "atlas exact", err)
	}
	db, err := openAtlas(af)
	if err != nil {
		return fail(stderr, "atlas exact", err)
	}
	defer db.Close()
	e, err := atlas.ExactCountsFromDB(context.Background(), db, sh)
	if err != nil {
		return fail(stderr, "atlas exact", err)
	}
	type row struct {
		P         string  `json:"p"`
		NotClosed string  `json:"not_closed"`
		Unknown   string  `json:"unknown"`
		Lower     float64 `json:"lower"`
		Upper     float64 `json:"upper"`
	}
	var rows []row
	var pts []atlas.PlotPoint
	for _, p := range ps {
		pr, ok := new(big.Rat).SetString(strconv.FormatFloat(p, 'f', -1, 64))
		if !ok {
			return fail(stderr, "atlas exact", fmt.Errorf("p = %v", p))
		}
		nc, unk := e.Probabilities(pr)
		lo, _ := nc.Float64()
		u, _ := unk.Float64()
		rows = append(rows, row{pr.RatString(), nc.RatString(), unk.RatString(), lo, lo + u})
		pts = append(pts, atlas.PlotPoint{P: p, Lo: lo, Hi: lo + u, A: lo, B: lo + u})
	}
	if *asJSON {
		b, _ := json.MarshalIndent(rows, "", "  ")
		fmt.Fprintln(stdout, string(b))
	} else {
		fmt.Fprintf(stdout, "shape %s (%d mask entries): exact probabilities over all 2^%d supports, weighted by orbit size\n", sh, e.Bits, e.Bits)
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "p\tP(not closed) ≥\tP(not closed) ≤\t")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%.6f\t%.6f\t\n", r.P, r.Lower, r.Upper)
		}
		tw.Flush()
		if *counts {
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "ones\tnot closed\tclosed\tunknown\t")
			for k := 0; k <= e.Bits; k++ {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t\n", k, e.NotClosed[k], e.Closed[k], e.Unknown[k])
			}
			tw.Flush()
		}
	}
	if *csvPath != "" {
		var b strings.Builder
		b.WriteString("shape,p,lower,upper,lower_exact,unknown_exact\n")
		for _, r := range rows {
			fmt.Fprintf(&b, "%q,%s,%.12g,%.12g,%s,%s\n", sh.String(), r.P, r.Lower, r.Upper, r.NotClosed, r.Unknown)
		}
		if err := os.WriteFile(*csvPath, []byte(b.String()), 0o644); err != nil {
			return fail(stderr, "atlas exact", err)
		}
	}
	if *svgPath != "" {
		title := fmt.Sprintf("Bernoulli(p) supports of shape %s: exact P(L_I not closed) from the census", sh)
		if err := os.WriteFile(*svgPath, atlas.PlotExactSVG(pts, title), 0o644); err != nil {
			return fail(stderr, "atlas exact", err)
		}
	}
	return 0
}
