package atlas

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"math/big"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/relucad/relucad/relu"
)

// A ShardSpec selects shard Index of Count (0 ≤ Index < Count): the
// supports whose key hashes (FNV-1a, 64 bit) to Index mod Count. The
// split depends only on the keys, so it is the same on every machine and
// every relucad version with the same keys.
type ShardSpec struct {
	Index, Count int
}

// ParseShard parses "i/n" with 0 ≤ i < n.
func ParseShard(s string) (ShardSpec, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return ShardSpec{}, fmt.Errorf("atlas: shard %q: want i/n, e.g. 0/8 (shards are numbered from 0)", s)
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil {
		return ShardSpec{}, fmt.Errorf("atlas: shard %q: i and n must be integers", s)
	}
	if n < 1 {
		return ShardSpec{}, fmt.Errorf("atlas: shard %q: the number of shards must be at least 1", s)
	}
	if i < 0 || i >= n {
		return ShardSpec{}, fmt.Errorf("atlas: shard %q: index %d out of range 0..%d (shards are numbered from 0)", s, i, n-1)
	}
	return ShardSpec{Index: i, Count: n}, nil
}

// String returns "i/n".
func (s ShardSpec) String() string {
	if s.Count == 0 {
		return "0/1"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Contains reports whether the key belongs to the shard.
func (s ShardSpec) Contains(key string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64()%uint64(s.Count) == uint64(s.Index)
}

var (
	expMu    sync.Mutex
	expCache = map[string]int{}
)

// expectedOrbits returns the Burnside orbit count when it is cheap.
func expectedOrbits(sh Shape) (int, bool) {
	if sh.GroupOrder().Cmp(big.NewInt(200_000)) > 0 {
		return 0, false
	}
	expMu.Lock()
	defer expMu.Unlock()
	if n, ok := expCache[sh.String()]; ok {
		return n, true
	}
	t, err := BurnsideTotal(sh)
	if err != nil || !t.IsInt64() {
		return 0, false
	}
	expCache[sh.String()] = int(t.Int64())
	return int(t.Int64()), true
}

// Options configure a census run.
type Options struct {
	Shape   Shape
	Shard   ShardSpec     // zero value: everything
	Workers int           // ≤ 0: runtime.NumCPU()
	Timeout time.Duration // per support; 0: no limit. A timeout is stored as unknown.
	// BatchSize and BatchInterval bound the work lost on a crash: results
	// are committed every BatchSize results or BatchInterval, whichever
	// comes first (defaults 256 and 2 s).
	BatchSize     int
	BatchInterval time.Duration
	// Progress, if set, is called from one goroutine after every commit
	// and at the end.
	Progress func(Progress)
	// Verify re-checks every certificate with relu.Verify before storing
	// it; a certificate that fails is stored as an unknown verdict whose
	// reason names the failure (so the database only holds verified
	// decisions, and the failure is kept for the analyzer's authors).
	Verify bool
	// RecheckUnknown decides again the supports stored as unknown (after
	// an analyzer upgrade, or with a longer Timeout); decided verdicts
	// replace them, unknown ones are left as they were.
	RecheckUnknown bool
	// Decide replaces relu.Closedness (tests use it to slow the census
	// down or to inject verdicts).
	Decide func(context.Context, relu.Support) (*relu.Verdict, error)
}

// Progress is a snapshot of a running census.
type Progress struct {
	Shape                      string
	Shard                      ShardSpec
	Total                      int  // orbits in the shard (exact when Exact, else an estimate)
	Exact                      bool // Total is exact
	Skipped                    int  // already in the database at the start
	Done                       int  // decided and committed in this run
	Closed, NotClosed, Unknown int
	Elapsed                    time.Duration
	Final                      bool
}

// Rate returns the supports decided per second in this run.
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Done) / p.Elapsed.Seconds()
}

// ETA estimates the remaining time (0 when unknown).
func (p Progress) ETA() time.Duration {
	r := p.Rate()
	left := p.Total - p.Skipped - p.Done
	if r <= 0 || left <= 0 {
		return 0
	}
	return time.Duration(float64(left) / r * float64(time.Second))
}

// Stats is the outcome of Census.
type Stats struct {
	Progress
	Complete bool // every orbit of the shard is in the database
}

// MethodOf returns the method recorded for a verdict: the certificate's
// method for closed supports, "hereditary:<block type>" for non-closed
// ones proved by a detector's block, "<method>:<proof kind>" for the
// others (e.g. "qe:nullstellensatz" from the block table, "tangent:
// nullstellensatz"), "" for unknown.
func MethodOf(v *relu.Verdict) string {
	c := v.Cert
	switch v.Status {
	case relu.Closed:
		return c.Method
	case relu.NotClosed:
		if nm := c.Nonmembership; nm != nil {
			if nm.Kind == "hereditary" {
				return nm.Kind + ":" + nm.BlockType
			}
			// "qe:nullstellensatz", "tangent:nullstellensatz",
			// "qe+hereditary:cad", …
			return c.Method + ":" + nm.Kind
		}
		return c.Method
	}
	return ""
}

// decide runs the analyzer with a timeout; a timeout or a panic becomes an
// unknown verdict with the reason.
func decide(ctx context.Context, opt *Options, s relu.Support) (v *relu.Verdict, err error) {
	f := opt.Decide
	if f == nil {
		f = relu.Closedness
	}
	cctx := ctx
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		cctx, cancel = context.WithTimeout(ctx, opt.Timeout)
		defer cancel()
	}
	defer func() {
		if p := recover(); p != nil {
			v, err = &relu.Verdict{Status: relu.Unknown, Cert: &relu.Certificate{Spec: s.String(), Verdict: "unknown",
				Reason: fmt.Sprintf("analyzer panicked: %v", p)}}, nil
		}
	}()
	v, err = f(cctx, s)
	if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		return &relu.Verdict{Status: relu.Unknown, Cert: &relu.Certificate{Spec: s.String(), Verdict: "unknown",
			Reason: fmt.Sprintf("analyzer timed out after %v", opt.Timeout)}}, nil
	}
	return v, err
}

// Census decides every orbit of opt.Shape in opt.Shard that is not yet in
// db (or is stored as unknown, with RecheckUnknown) and stores the
// verdicts. It is idempotent and resumable: a run that
// was interrupted (context cancelled, Ctrl-C, kill -9) can simply be run
// again. On cancellation it commits what was decided and returns the
// context's error with the stats.
func Census(ctx context.Context, db *DB, opt Options) (*Stats, error) {
	if len(opt.Shape) < 2 {
		return nil, fmt.Errorf("atlas: census needs a shape")
	}
	if opt.Shard.Count == 0 {
		opt.Shard = ShardSpec{0, 1}
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 256
	}
	if opt.BatchInterval <= 0 {
		opt.BatchInterval = 2 * time.Second
	}
	shape := opt.Shape.String()
	have, err := db.keys(ctx, shape, opt.RecheckUnknown)
	if err != nil {
		return nil, err
	}
	runID, err := db.startRun(shape, opt.Shard)
	if err != nil {
		return nil, err
	}
	st := &Stats{Progress: Progress{Shape: shape, Shard: opt.Shard}}
	if n, ok := expectedOrbits(opt.Shape); ok {
		st.Total = n
		st.Exact = opt.Shard.Count == 1
		if !st.Exact {
			st.Total = (n + opt.Shard.Count - 1) / opt.Shard.Count
		}
	} else {
		st.Total = int(opt.Shape.OrbitEstimate()) / opt.Shard.Count
	}
	start := time.Now()

	wctx, cancelWork := context.WithCancel(ctx)
	defer cancelWork()
	jobs := make(chan Rep, 4*opt.Workers)
	results := make(chan Result, 4*opt.Workers)
	var enumErr error
	shardTotal := 0
	enumDone := make(chan struct{})
	go func() { // producer
		defer close(jobs)
		defer close(enumDone)
		enumErr = Enumerate(wctx, opt.Shape, func(r Rep) bool {
			if !opt.Shard.Contains(r.Key) {
				return true
			}
			shardTotal++
			if have[r.Key] {
				return true
			}
			select {
			case jobs <- r:
				return true
			case <-wctx.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	var workErr error
	var errOnce sync.Once
	for w := 0; w < opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				t0 := time.Now()
				v, err := decide(wctx, &opt, r.Support)
				if err != nil {
					if wctx.Err() == nil {
						errOnce.Do(func() { workErr = fmt.Errorf("atlas: deciding %s: %v", r.Support, err); cancelWork() })
					}
					continue
				}
				if opt.Verify && v.Status != relu.Unknown {
					if err := relu.Verify(v.Cert); err != nil {
						v = &relu.Verdict{Status: relu.Unknown, Cert: &relu.Certificate{Spec: r.Support.String(), Verdict: "unknown",
							Reason: fmt.Sprintf("the analyzer said %s (method %s) but its certificate failed verification: %v", v.Status, MethodOf(v), err)}}
					}
				}
				cert, err := json.Marshal(v.Cert)
				if err != nil {
					errOnce.Do(func() { workErr = fmt.Errorf("atlas: certificate of %s: %v", r.Support, err); cancelWork() })
					continue
				}
				results <- Result{Shape: shape, Key: r.Key, Spec: r.Support.String(), Verdict: v.Status.String(),
					Method: MethodOf(v), Certificate: cert, Seconds: time.Since(t0).Seconds(), Version: Version()}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Writer: this goroutine.
	st.Skipped = len(have)
	var batch []Result
	var writeErr error
	tick := time.NewTicker(opt.BatchInterval)
	defer tick.Stop()
	flush := func() {
		if len(batch) == 0 || writeErr != nil {
			return
		}
		// Commit even when ctx is cancelled: the results are decided.
		if _, err := db.Insert(context.Background(), batch); err != nil {
			writeErr = err
			cancelWork()
			return
		}
		for _, r := range batch {
			st.Done++
			switch r.Verdict {
			case "closed":
				st.Closed++
			case "not_closed":
				st.NotClosed++
			default:
				st.Unknown++
			}
		}
		batch = batch[:0]
		st.Elapsed = time.Since(start)
		if opt.Progress != nil {
			opt.Progress(st.Progress)
		}
	}
loop:
	for {
		select {
		case r, ok := <-results:
			if !ok {
				break loop
			}
			batch = append(batch, r)
			if len(batch) >= opt.BatchSize {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
	flush()
	<-enumDone
	st.Elapsed = time.Since(start)
	st.Final = true
	status := "complete"
	var retErr error
	switch {
	case writeErr != nil:
		status, retErr = "failed", writeErr
	case workErr != nil:
		status, retErr = "failed", workErr
	case ctx.Err() != nil:
		status, retErr = "interrupted", ctx.Err()
	case enumErr != nil:
		status, retErr = "failed", enumErr
	}
	if retErr == nil {
		st.Total, st.Exact = shardTotal, true
		stored, err := db.Keys(context.Background(), shape)
		if err != nil {
			return st, err
		}
		n := 0
		for k := range stored {
			if opt.Shard.Contains(k) {
				n++
			}
		}
		st.Complete = n == shardTotal
		if !st.Complete {
			status, retErr = "failed", fmt.Errorf("atlas: internal error: shard %s of %s has %d orbits but %d are stored", opt.Shard, shape, shardTotal, n)
		} else if err := db.finishShard(shape, opt.Shard, shardTotal); err != nil {
			return st, err
		}
	}
	if opt.Progress != nil {
		opt.Progress(st.Progress)
	}
	if err := db.finishRun(runID, status, st.Done); err != nil && retErr == nil {
		retErr = err
	}
	return st, retErr
}

// String renders the progress as one line: percentage, counts, rate, ETA.
func (p Progress) String() string {
	done := p.Skipped + p.Done
	total := p.Total
	if total < done {
		total = done
	}
	frac := 0.0
	if total > 0 {
		frac = float64(done) / float64(total)
	}
	approx := ""
	if !p.Exact {
		approx = "~"
	}
	eta := "ETA " + fmtDuration(p.ETA())
	if p.Final {
		eta = "done"
		if done < p.Total {
			eta = "stopped"
		}
	}
	return fmt.Sprintf("census %s shard %s: %5.1f%%  %d/%s%d  %.0f/s  %s  closed %d  not closed %d  unknown %d  elapsed %s",
		p.Shape, p.Shard, 100*frac, done, approx, total, p.Rate(), eta, p.Closed, p.NotClosed, p.Unknown, fmtDuration(p.Elapsed))
}

// HTML renders the progress as an HTML progress bar with the same line
// (for notebook displays: the kernel shows values with an HTML method).
func (p Progress) HTML() string {
	done := p.Skipped + p.Done
	total := p.Total
	if total < done {
		total = done
	}
	return fmt.Sprintf(`<div><progress value="%d" max="%d" style="width:30em"></progress><br><code>%s</code></div>`,
		done, total, html.EscapeString(p.String()))
}

func fmtDuration(d time.Duration) string {
	if d <= 0 {
		return "?"
	}
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
