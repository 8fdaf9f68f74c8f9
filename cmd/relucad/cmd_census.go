package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/relucad/relucad/relu"
	"github.com/relucad/relucad/relu/atlas"
)

func init() {
	register(&command{path: "census", summary: "decide every support of a shape up to symmetry into the atlas database", run: runCensus})
	register(&command{path: "census merge", summary: "merge atlas databases (e.g. shards), refusing inconsistent ones", run: runCensusMerge})
}

// atlasFlagSet is a flag set whose parse allows flags before and after the
// positional arguments, with a --db flag.
type atlasFlagSet struct {
	fs    *flag.FlagSet
	db    string
	usage string
}

func newAtlasFlags(name, argsUsage string, stderr io.Writer) *atlasFlagSet {
	af := &atlasFlagSet{fs: flag.NewFlagSet("relucad "+name, flag.ContinueOnError), usage: argsUsage}
	af.fs.SetOutput(stderr)
	af.fs.StringVar(&af.db, "db", "", "atlas database file (default $XDG_DATA_HOME/relucad/atlas.db or ~/.local/share/relucad/atlas.db)")
	af.fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: relucad %s [flags] %s\n", name, argsUsage)
		af.fs.PrintDefaults()
	}
	return af
}

func (af *atlasFlagSet) parse(args []string, min, max int) ([]string, error) {
	return parseArgs(af.fs, args, min, max)
}

func (af *atlasFlagSet) path() (string, error) {
	if af.db != "" {
		return af.db, nil
	}
	return atlas.DefaultPath()
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressPrinter renders census progress on stderr: a redrawn bar on a
// terminal, a plain line every interval otherwise.
type progressPrinter struct {
	mu       sync.Mutex
	w        io.Writer
	tty      bool
	interval time.Duration
	last     time.Time
}

func newProgressPrinter(w io.Writer, quiet bool) *progressPrinter {
	if quiet {
		return nil
	}
	p := &progressPrinter{w: w, tty: isTerminal(w), interval: 10 * time.Second}
	if p.tty {
		p.interval = 200 * time.Millisecond
	}
	return p
}

func (p *progressPrinter) update(pr atlas.Progress) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !pr.Final && time.Since(p.last) < p.interval {
		return
	}
	p.last = time.Now()
	if !p.tty {
		fmt.Fprintln(p.w, pr)
		return
	}
	done, total := pr.Skipped+pr.Done, pr.Total
	frac := 0.0
	if total > 0 {
		frac = min(1, float64(done)/float64(total))
	}
	const width = 30
	n := int(frac * width)
	line := pr.String()
	if _, rest, ok := strings.Cut(line, "%  "); ok {
		line = rest // the bar shows the percentage
	}
	fmt.Fprintf(p.w, "\r\033[K%s%s %5.1f%%  %s", strings.Repeat("█", n), strings.Repeat("░", width-n), 100*frac, line)
	if pr.Final {
		fmt.Fprintln(p.w)
	}
}

func runCensus(args []string, stdout, stderr io.Writer) int {
	af := newAtlasFlags("census", "--shape m,r,n", stderr)
	shapeStr := af.fs.String("shape", "", "widths output-first: m,r,n (W2 m×r, W1 r×n) or a,b,c,d for depth 3")
	shardStr := af.fs.String("shard", "0/1", "run shard i of n (0 ≤ i < n), e.g. $SLURM_ARRAY_TASK_ID/64")
	workers := af.fs.Int("workers", 0, "parallel analyzer workers (0: all CPUs)")
	timeout := af.fs.Duration("timeout", time.Minute, "per-support time limit; a timeout is stored as unknown")
	batch := af.fs.Int("batch", 256, "commit every this many results (and every 2 s)")
	quiet := af.fs.Bool("quiet", false, "no progress output")
	recheck := af.fs.Bool("recheck-unknown", false, "decide again the supports stored as unknown (decided verdicts replace them)")
	verify := af.fs.Bool("verify", true, "re-check each certificate with relu.Verify before storing it (a failing one is stored as unknown, with the reason); --verify=false skips it")
	tangent := af.fs.Duration("tangent", 0, "per support left UNKNOWN by the theorems and the block table, search this long for tangent limits with Nullstellensatz proofs (QE-free NOT_CLOSED certificates; e.g. 250ms)")
	onto := af.fs.Duration("onto", 0, "per support still UNKNOWN, test this long whether L_I equals its rank-cut hull (the support space with the rank bounds of vertex cuts), by a zero-pattern split with scaling normalisation, explicit factorisations and QE per leaf: CLOSED when equal; NOT_CLOSED with Nullstellensatz and sequence proofs for a gap point; e.g. 1s")
	if _, err := af.parse(args, 0, 0); err != nil {
		return fail(stderr, "census", err)
	}
	if *shapeStr == "" {
		af.fs.Usage()
		return fail(stderr, "census", errors.New("--shape is required (e.g. --shape 3,3,3)"))
	}
	if *workers < 0 {
		return fail(stderr, "census", fmt.Errorf("--workers is %d; want 0 (all CPUs) or a positive count", *workers))
	}
	if *batch < 1 {
		return fail(stderr, "census", fmt.Errorf("--batch is %d; want a positive count", *batch))
	}
	sh, err := atlas.ParseShape(*shapeStr)
	if err != nil {
		return fail(stderr, "census", err)
	}
	shard, err := atlas.ParseShard(*shardStr)
	if err != nil {
		return fail(stderr, "census", err)
	}
	path, err := af.path()
	if err != nil {
		return fail(stderr, "census", err)
	}
	db, err := atlas.Open(path)
	if err != nil {
		return fail(stderr, "census", err)
	}
	defer db.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	pp := newProgressPrinter(stderr, *quiet)
	if *onto < 0 {
		return fail(stderr, "census", fmt.Errorf("--onto is %v; want a non-negative duration", *onto))
	}
	if *tangent < 0 {
		return fail(stderr, "census", fmt.Errorf("--tangent is %v; want a non-negative duration", *tangent))
	}
	opt := atlas.Options{Shape: sh, Shard: shard, Workers: *workers, Timeout: *timeout,
		BatchSize: *batch, Progress: pp.update, RecheckUnknown: *recheck, Verify: *verify}
	if *tangent > 0 || *onto > 0 {
		ro := relu.Options{TangentTime: *tangent, OntoTime: *onto}
		opt.Decide = func(ctx context.Context, s relu.Support) (*relu.Verdict, error) {
			return relu.ClosednessWith(ctx, s, ro)
		}
	}
	st, err := atlas.Census(ctx, db, opt)
	stop()
	if st != nil {
		fmt.Fprintf(stdout, "shape %s shard %s: %d decided now, %d already stored: %d closed, %d not closed, %d unknown in %s\n",
			sh, shard, st.Done, st.Skipped, st.Closed, st.NotClosed, st.Unknown, st.Elapsed.Round(time.Millisecond))
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "relucad census: interrupted; %d results committed to %s; run the same command again to resume\n", st.Done, path)
		return 130
	}
	if err != nil {
		return fail(stderr, "census", err)
	}
	fmt.Fprintf(stdout, "complete: %d orbits in shard %s, database %s\n", st.Total, shard, path)
	return 0
}

func runCensusMerge(args []string, stdout, stderr io.Writer) int {
	af := newAtlasFlags("census merge", "OUT IN...", stderr)
	verify := af.fs.Bool("verify", false, "re-check every input certificate (relu.Verify) before merging; any failure aborts")
	pos, err := af.parse(args, 2, -1)
	if err != nil {
		return fail(stderr, "census merge", err)
	}
	if af.db != "" {
		return fail(stderr, "census merge", errors.New("--db does not apply: the output is the first argument"))
	}
	// Check every input before the output is created.
	for _, in := range pos[1:] {
		db, err := atlas.OpenExisting(in)
		if err != nil {
			return fail(stderr, "census merge", err)
		}
		db.Close()
	}
	out, err := atlas.Open(pos[0])
	if err != nil {
		return fail(stderr, "census merge", err)
	}
	defer out.Close()
	st, err := atlas.Merge(context.Background(), out, pos[1:], *verify)
	if err != nil {
		return fail(stderr, "census merge", err)
	}
	fmt.Fprintf(stdout, "merged %d database(s) into %s: %d added, %d unknown upgraded, %d already present, %d decided kept over unknown\n",
		st.Inputs, pos[0], st.Added, st.Upgraded, st.Same, st.Kept)
	return 0
}
