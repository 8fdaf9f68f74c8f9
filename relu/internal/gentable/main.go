// Command gentable regenerates relu/blocktable.json, the table of small
// block types classified offline by relucad's own exact procedure (see
// relu/blocktable.go). Run it through `go generate ./relu`.
//
// For every two-factor shape m,r,n with 1 ≤ m, r, n ≤ max, it enumerates
// the D1 orbits (relu/atlas), decides each with the polynomial-time
// pipeline, and gives those left UNKNOWN to the exact fallback ALG-C with
// the budget of the flags. Decided orbits are written with the certificate
// of their canonical representative (relu.Canonical), after relu.Verify
// accepted it; the others are listed with their reason. The output is
// deterministic apart from the "generated" line.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/relucad/relucad/relu"
	"github.com/relucad/relucad/relu/atlas"
)

// The offline run can afford a much longer tangent-limit search than
// ClosednessExact's default (150 tries, 5 s): one 3·3·3 orbit needs about
// a thousand random tries.
const (
	offlineTangentTries = 5000
	offlineTangentTime  = time.Minute
)

func main() {
	out := flag.String("out", "blocktable.json", "output file")
	max := flag.Int("max", 3, "largest width m, r, n")
	timeout := flag.Duration("timeout", 3*time.Minute, "ALG-C time limit per orbit")
	retry := flag.Bool("retry-unknown", false, "keep the decided entries of -out and re-run only its unknown orbits (with -timeout; -timeout 0 only drops the orbits the structural pipeline now decides)")
	extendSh := flag.String("extend-shape", "", "keep -out and add one more shape m,r,n (orbits the pipeline, table included, leaves UNKNOWN; ALG-C with -timeout and a short tangent search); lookups then cover it and its mirror n,r,m")
	extend := flag.Int("extend-hidden", 0, "keep -out and add the shapes m, n ≤ max_width with max_width < r ≤ this many hidden neurons (orbits the pipeline, table included, leaves UNKNOWN; ALG-C with -timeout and a short tangent search)")
	flag.Parse()
	var err error
	switch {
	case *extendSh != "":
		var sh atlas.Shape
		if sh, err = atlas.ParseShape(*extendSh); err == nil {
			if len(sh) != 3 {
				err = fmt.Errorf("-extend-shape %s: want m,r,n", *extendSh)
			} else {
				err = extendShape(*out, sh, *timeout)
			}
		}
	case *extend > 0:
		err = extendHidden(*out, *extend, *timeout)
	case *retry:
		err = retryUnknown(*out, *timeout)
	default:
		err = run(*out, *max, *timeout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gentable:", err)
		os.Exit(1)
	}
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		return strings.TrimSpace(string(out))
	}
	return "devel"
}

func run(out string, max int, timeout time.Duration) error {
	ctx := context.Background()
	budget := relu.DefaultAlgCBudget
	budget.Timeout = timeout
	budget.Limits.MaxCells *= 5
	budget.TangentTries, budget.TangentTime = offlineTangentTries, offlineTangentTime
	t := relu.BlockTable{MaxWidth: max}
	start := time.Now()
	for m := 1; m <= max; m++ {
		for r := 1; r <= max; r++ {
			for n := 1; n <= max; n++ {
				reps, err := undecided(ctx, atlas.Shape{m, r, n}, relu.Options{NoTable: true})
				if err != nil {
					return err
				}
				for _, c := range reps {
					key := c.String()
					t0 := time.Now()
					v, err := relu.ClosednessWith(ctx, c, relu.Options{NoTable: true, Fallback: true, Budget: budget})
					if err != nil {
						return err
					}
					fmt.Fprintf(os.Stderr, "%s: %s (%.1fs)\n", key, v.Status, time.Since(t0).Seconds())
					if v.Status == relu.Unknown {
						t.Unknown = append(t.Unknown, relu.BlockEntry{Key: key, Reason: v.Cert.Reason})
						continue
					}
					if err := relu.Verify(v.Cert); err != nil {
						return fmt.Errorf("%s: certificate does not verify: %w", key, err)
					}
					t.Entries = append(t.Entries, relu.BlockEntry{Key: key, Certificate: v.Cert})
				}
			}
		}
	}
	sort.Slice(t.Entries, func(i, j int) bool { return t.Entries[i].Key < t.Entries[j].Key })
	sort.Slice(t.Unknown, func(i, j int) bool { return t.Unknown[i].Key < t.Unknown[j].Key })
	t.Generated = fmt.Sprintf("relucad %s, go generate ./relu at %s (%s), ALG-C budget %v per orbit",
		version(), start.UTC().Format(time.RFC3339), time.Since(start).Round(time.Second), timeout)
	b, err := json.MarshalIndent(&t, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

// retryUnknown re-runs ALG-C on the unknown orbits of an existing table
// with a new time limit, keeping every decided entry.
func retryUnknown(out string, timeout time.Duration) error {
	b, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	var t relu.BlockTable
	if err := json.Unmarshal(b, &t); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	ctx := context.Background()
	budget := relu.DefaultAlgCBudget
	budget.Timeout = timeout
	budget.Limits.MaxCells *= 5
	budget.TangentTries, budget.TangentTime = offlineTangentTries, offlineTangentTime
	start := time.Now()
	// Entries a new theorem now decides leave the table (the structural
	// pipeline answers them before the table is consulted).
	var kept []relu.BlockEntry
	for _, e := range t.Entries {
		s, err := relu.ParseSpec(e.Key)
		if err != nil {
			return err
		}
		v, err := relu.ClosednessWith(ctx, s, relu.Options{NoTable: true})
		if err != nil {
			return err
		}
		if v.Status != relu.Unknown {
			if v.Cert.Verdict != e.Certificate.Verdict {
				return fmt.Errorf("%s: the structural pipeline says %s, the table %s: a bug in one of them", e.Key, v.Cert.Verdict, e.Certificate.Verdict)
			}
			fmt.Fprintf(os.Stderr, "%s: entry now decided by the structural pipeline (%s, agrees), dropped\n", e.Key, v.Cert.Method)
			continue
		}
		kept = append(kept, e)
	}
	t.Entries = kept
	var still []relu.BlockEntry
	for _, u := range t.Unknown {
		s, err := relu.ParseSpec(u.Key)
		if err != nil {
			return err
		}
		// Orbits a new theorem now decides leave the table altogether.
		if v, err := relu.ClosednessWith(ctx, s, relu.Options{NoTable: true}); err != nil {
			return err
		} else if v.Status != relu.Unknown {
			fmt.Fprintf(os.Stderr, "%s: now decided by the structural pipeline (%s), dropped\n", u.Key, v.Cert.Method)
			continue
		}
		if timeout <= 0 {
			still = append(still, u) // prune only: keep the orbit and its reason
			continue
		}
		t0 := time.Now()
		v, err := relu.ClosednessWith(ctx, s, relu.Options{NoTable: true, Fallback: true, Budget: budget})
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %s (%.1fs)\n", u.Key, v.Status, time.Since(t0).Seconds())
		if v.Status == relu.Unknown {
			still = append(still, relu.BlockEntry{Key: u.Key, Reason: v.Cert.Reason})
			continue
		}
		if err := relu.Verify(v.Cert); err != nil {
			return fmt.Errorf("%s: certificate does not verify: %w", u.Key, err)
		}
		t.Entries = append(t.Entries, relu.BlockEntry{Key: u.Key, Certificate: v.Cert})
	}
	t.Unknown = still
	sort.Slice(t.Entries, func(i, j int) bool { return t.Entries[i].Key < t.Entries[j].Key })
	if timeout <= 0 {
		t.Generated += fmt.Sprintf("; orbits now decided by the structural pipeline dropped with relucad %s at %s",
			version(), start.UTC().Format(time.RFC3339))
	} else {
		t.Generated += fmt.Sprintf("; unknown orbits re-run with relucad %s at %s (%s), ALG-C budget %v per orbit",
			version(), start.UTC().Format(time.RFC3339), time.Since(start).Round(time.Second), timeout)
	}
	nb, err := json.MarshalIndent(&t, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(nb, '\n'), 0o644)
}

// extendHidden adds the shapes m, n ≤ MaxWidth with MaxWidth < r ≤ hidden
// to the table in out (addShape).
func extendHidden(out string, hidden int, timeout time.Duration) error {
	t, err := readTable(out)
	if err != nil {
		return err
	}
	if hidden <= max(t.MaxWidth, t.MaxHidden) {
		return fmt.Errorf("-extend-hidden %d: the table already covers %d hidden neurons", hidden, max(t.MaxWidth, t.MaxHidden))
	}
	start := time.Now()
	added, unknown := 0, 0
	for m := 1; m <= t.MaxWidth; m++ {
		for r := max(t.MaxWidth, t.MaxHidden) + 1; r <= hidden; r++ {
			for n := 1; n <= t.MaxWidth; n++ {
				a, u, err := addShape(t, atlas.Shape{m, r, n}, timeout)
				if err != nil {
					return err
				}
				added, unknown = added+a, unknown+u
			}
		}
	}
	t.MaxHidden = hidden
	t.Generated += fmt.Sprintf("; extended to %d hidden neurons with relucad %s at %s (%s, %d orbits added, %d unknown), ALG-C budget %v per orbit",
		hidden, version(), start.UTC().Format(time.RFC3339), time.Since(start).Round(time.Second), added, unknown, timeout)
	return writeTable(out, t)
}

// extendShape adds one more shape (and, by the transposition of D1, its
// mirror) to the table in out (addShape).
func extendShape(out string, sh atlas.Shape, timeout time.Duration) error {
	t, err := readTable(out)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("%d,%d,%d", sh[0], sh[1], sh[2])
	for _, x := range t.Shapes {
		if x == name {
			return fmt.Errorf("-extend-shape %s: already in the table", name)
		}
	}
	start := time.Now()
	added, unknown, err := addShape(t, sh, timeout)
	if err != nil {
		return err
	}
	t.Shapes = append(t.Shapes, name)
	t.Generated += fmt.Sprintf("; shape %s added with relucad %s at %s (%s, %d orbits added, %d unknown), ALG-C budget %v per orbit",
		name, version(), start.UTC().Format(time.RFC3339), time.Since(start).Round(time.Second), added, unknown, timeout)
	return writeTable(out, t)
}

func readTable(out string) (*relu.BlockTable, error) {
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	var t relu.BlockTable
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", out, err)
	}
	return &t, nil
}

func writeTable(out string, t *relu.BlockTable) error {
	sort.Slice(t.Entries, func(i, j int) bool { return t.Entries[i].Key < t.Entries[j].Key })
	sort.Slice(t.Unknown, func(i, j int) bool { return t.Unknown[i].Key < t.Unknown[j].Key })
	nb, err := json.MarshalIndent(t, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(nb, '\n'), 0o644)
}

// addShape adds the orbits of sh that the pipeline (with the table as it
// stands, so smaller blocks decide hereditarily) leaves UNKNOWN: each goes
// to the fallback with the given time limit and a short tangent search, on
// all CPUs; decided orbits become entries (verified), the others unknown
// entries.
func addShape(t *relu.BlockTable, sh atlas.Shape, timeout time.Duration) (added, unknown int, err error) {
	ctx := context.Background()
	budget := relu.DefaultAlgCBudget
	budget.Timeout = timeout
	budget.TangentTries, budget.TangentTime = 100, 300*time.Millisecond
	have := map[string]bool{}
	for _, e := range t.Entries {
		have[e.Key] = true
	}
	for _, e := range t.Unknown {
		have[e.Key] = true
	}
	reps, err := undecided(ctx, sh, relu.Options{})
	if err != nil {
		return 0, 0, err
	}
	var todo []relu.Support
	for _, c := range reps {
		key := c.String()
		if have[key] {
			continue
		}
		have[key] = true
		// The pipeline is not labelling-invariant in every
		// case: when it decides the canonical representative,
		// the table cannot hold the orbit (lookups would never
		// reach the entry for that labelling, and its
		// certificate may not be relabelled).
		if vc, err := relu.Closedness(ctx, c); err != nil {
			return 0, 0, err
		} else if vc.Status != relu.Unknown {
			continue
		}
		todo = append(todo, c)
	}
	// The fallback runs on all CPUs, one orbit per worker.
	type result struct {
		key string
		v   *relu.Verdict
		err error
	}
	jobs := make(chan relu.Support)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				t0 := time.Now()
				v, err := relu.ClosednessWith(ctx, c, relu.Options{Fallback: true, Budget: budget})
				if err == nil {
					fmt.Fprintf(os.Stderr, "%s: %s (%.1fs)\n", c.String(), v.Status, time.Since(t0).Seconds())
				}
				results <- result{c.String(), v, err}
			}
		}()
	}
	go func() {
		for _, c := range todo {
			jobs <- c
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var firstErr error
	for res := range results {
		switch {
		case firstErr != nil:
		case res.err != nil:
			firstErr = res.err
		case res.v.Status == relu.Unknown:
			t.Unknown = append(t.Unknown, relu.BlockEntry{Key: res.key, Reason: res.v.Cert.Reason})
			unknown++
		default:
			if err := relu.Verify(res.v.Cert); err != nil {
				firstErr = fmt.Errorf("%s: certificate does not verify: %w", res.key, err)
				continue
			}
			t.Entries = append(t.Entries, relu.BlockEntry{Key: res.key, Certificate: res.v.Cert})
			added++
		}
	}
	if firstErr != nil {
		return 0, 0, firstErr
	}
	return added, unknown, nil
}

// undecided returns the canonical representatives (relu.Canonical) of the
// D1 orbits of sh that the polynomial-time pipeline, with opt, leaves
// UNKNOWN on the enumeration's representative.
func undecided(ctx context.Context, sh atlas.Shape, opt relu.Options) ([]relu.Support, error) {
	var reps []relu.Support
	if err := atlas.Enumerate(ctx, sh, func(rep atlas.Rep) bool {
		reps = append(reps, rep.Support)
		return true
	}); err != nil {
		return nil, err
	}
	var out []relu.Support
	for _, s := range reps {
		v, err := relu.ClosednessWith(ctx, s, opt)
		if err != nil {
			return nil, err
		}
		if v.Status != relu.Unknown {
			continue
		}
		c, err := relu.Canonical(s)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
