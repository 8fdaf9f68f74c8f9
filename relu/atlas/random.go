package atlas

// Random supports (MATH.md S11, §10 item 3). Every mask entry is kept
// independently with probability p. Each sampled support is decided by
// the analyzer: NOT_CLOSED samples come with certificates, so the fraction
// of not-closed samples estimates a lower bound on q(p) = P(L_I not
// closed); counting UNKNOWN samples as not closed gives an upper bound.
// Each side gets a one-sided confidence bound at level α/2, so that
//
//	P( lower ≤ q(p) ≤ upper ) ≥ 1 − α
//
// by the union bound: with q_NC ≤ q ≤ q_NC + q_U (exact inequalities, the
// analyzer never guesses), lower is a one-sided lower bound for q_NC and
// upper a one-sided upper bound for q_NC + q_U. The bounds are
// Clopper–Pearson (exact binomial tails, found by bisection) by default,
// or Wilson score bounds.

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/relucad/relucad/relu"
)

// RandomOptions configure RandomEstimate.
type RandomOptions struct {
	Shape      Shape
	P          float64 // probability of keeping an entry
	Samples    int
	Seed       uint64
	Confidence float64 // two-sided level 1 − α of [Lower, Upper], default 0.95
	Method     string  // "clopper-pearson" (default) or "wilson"
	Workers    int
	// DB, if set, answers supports whose key is stored; others are decided.
	DB *DB
	// Decide replaces relu.Closedness (tests).
	Decide func(context.Context, relu.Support) (*relu.Verdict, error)
}

// RandomResult is the outcome of RandomEstimate.
type RandomResult struct {
	Shape      string  `json:"shape"`
	P          float64 `json:"p"`
	Samples    int     `json:"samples"`
	NotClosed  int     `json:"not_closed"`
	Closed     int     `json:"closed"`
	Unknown    int     `json:"unknown"`
	Lower      float64 `json:"lower"` // confidence lower bound on P(not closed)
	Upper      float64 `json:"upper"` // confidence upper bound on P(not closed)
	Confidence float64 `json:"confidence"`
	Method     string  `json:"method"`
	Seed       uint64  `json:"seed"`
	FromDB     int     `json:"from_db"` // samples answered by the database
	Orbits     int     `json:"orbits"`  // distinct keys among the samples
}

// SampleSupport draws a Bernoulli(p) support of shape sh.
func SampleSupport(rng *rand.Rand, sh Shape, p float64) relu.Support {
	masks := make([]relu.Mask, len(sh)-1)
	for q := range masks {
		m := relu.ZeroMask(sh[q], sh[q+1])
		for i := 0; i < sh[q]; i++ {
			for j := 0; j < sh[q+1]; j++ {
				if rng.Float64() < p {
					m = m.With(i, j, true)
				}
			}
		}
		masks[q] = m
	}
	return relu.Support{Masks: masks}
}

// RandomEstimate samples opt.Samples supports and returns certified
// bounds on P(L_I not closed) with confidence intervals. The samples
// depend only on Shape, P and Seed (not on Workers).
func RandomEstimate(ctx context.Context, opt RandomOptions) (*RandomResult, error) {
	if err := opt.Shape.Validate(); err != nil {
		return nil, err
	}
	if opt.P < 0 || opt.P > 1 || math.IsNaN(opt.P) {
		return nil, fmt.Errorf("atlas: probability p = %v is not in [0, 1]", opt.P)
	}
	if opt.Samples < 1 {
		return nil, fmt.Errorf("atlas: need at least one sample, got %d", opt.Samples)
	}
	if opt.Confidence == 0 {
		opt.Confidence = 0.95
	}
	if !(opt.Confidence > 0 && opt.Confidence < 1) {
		return nil, fmt.Errorf("atlas: confidence %v is not in (0, 1)", opt.Confidence)
	}
	if opt.Method == "" {
		opt.Method = "clopper-pearson"
	}
	if opt.Method != "clopper-pearson" && opt.Method != "wilson" {
		return nil, fmt.Errorf("atlas: unknown interval method %q (want clopper-pearson or wilson)", opt.Method)
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x72656c75))
	keys := make([]string, opt.Samples)
	reps := map[string]relu.Support{}
	for i := range keys {
		s := SampleSupport(rng, opt.Shape, opt.P)
		k, err := Key(s)
		if err != nil {
			return nil, err
		}
		keys[i] = k
		if _, ok := reps[k]; !ok {
			reps[k] = s
		}
	}
	verdict := map[string]string{}
	res := &RandomResult{Shape: opt.Shape.String(), P: opt.P, Samples: opt.Samples, Confidence: opt.Confidence,
		Method: opt.Method, Seed: opt.Seed, Orbits: len(reps)}
	fromDB := map[string]bool{}
	if opt.DB != nil {
		for k := range reps {
			rs, err := opt.DB.Lookup(ctx, k)
			if err != nil {
				return nil, err
			}
			for _, r := range rs {
				if v, ok := verdict[k]; !ok || v == "unknown" {
					verdict[k] = r.Verdict
					fromDB[k] = true
				}
			}
		}
	}
	var todo []string
	for k := range reps {
		if _, ok := verdict[k]; !ok {
			todo = append(todo, k)
		}
	}
	sort.Strings(todo)
	var mu sync.Mutex
	var firstErr error
	jobs := make(chan string)
	var wg sync.WaitGroup
	copt := Options{Decide: opt.Decide}
	for w := 0; w < opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				v, err := decide(ctx, &copt, reps[k])
				mu.Lock()
				if err != nil {
					if firstErr == nil {
						firstErr = err
					}
				} else {
					verdict[k] = v.Status.String()
				}
				mu.Unlock()
			}
		}()
	}
	for _, k := range todo {
		if ctx.Err() != nil {
			break
		}
		jobs <- k
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, k := range keys {
		switch verdict[k] {
		case "not_closed":
			res.NotClosed++
		case "closed":
			res.Closed++
		default:
			res.Unknown++
		}
		if fromDB[k] {
			res.FromDB++
		}
	}
	alpha := (1 - opt.Confidence) / 2
	n := res.Samples
	if opt.Method == "wilson" {
		res.Lower, _ = Wilson(res.NotClosed, n, alpha)
		_, res.Upper = Wilson(res.NotClosed+res.Unknown, n, alpha)
	} else {
		res.Lower, _ = ClopperPearson(res.NotClosed, n, alpha)
		_, res.Upper = ClopperPearson(res.NotClosed+res.Unknown, n, alpha)
	}
	return res, nil
}

// normalQuantile returns z with Φ(z) = 1 − a (0 < a < 1).
func normalQuantile(a float64) float64 {
	return math.Sqrt2 * math.Erfinv(1-2*a)
}

// Wilson returns the one-sided Wilson score bounds at level 1 − a for k
// successes in n trials: P(p ≥ lo) ≥ 1 − a and P(p ≤ hi) ≥ 1 − a
// (approximately; Wilson is not exact).
func Wilson(k, n int, a float64) (lo, hi float64) {
	z := normalQuantile(a)
	ph := float64(k) / float64(n)
	nn := float64(n)
	den := 1 + z*z/nn
	c := (ph + z*z/(2*nn)) / den
	h := z * math.Sqrt(ph*(1-ph)/nn+z*z/(4*nn*nn)) / den
	lo, hi = math.Max(0, c-h), math.Min(1, c+h)
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}

// binomTailGE returns P(Bin(n,p) ≥ k).
func binomTailGE(k, n int, p float64) float64 {
	if k <= 0 {
		return 1
	}
	if p <= 0 {
		return 0
	}
	if p >= 1 {
		return 1
	}
	lp, lq := math.Log(p), math.Log1p(-p)
	ln, _ := math.Lgamma(float64(n + 1))
	s := 0.0
	for i := k; i <= n; i++ {
		a, _ := math.Lgamma(float64(i + 1))
		b, _ := math.Lgamma(float64(n - i + 1))
		t := math.Exp(ln - a - b + float64(i)*lp + float64(n-i)*lq)
		s += t
		if t < s*1e-17 && float64(i) > float64(n)*p {
			break
		}
	}
	return math.Min(1, s)
}

// ClopperPearson returns the one-sided exact bounds at level 1 − a for k
// successes in n trials: lo solves P(Bin(n,lo) ≥ k) = a (0 when k = 0), hi
// solves P(Bin(n,hi) ≤ k) = a (1 when k = n). The bisection brackets the
// root to 1e-12 and returns the conservative end.
func ClopperPearson(k, n int, a float64) (lo, hi float64) {
	lo, hi = 0, 1
	if k > 0 {
		l, h := 0.0, 1.0 // tail(k) increases with p: find p with tail = a
		for h-l > 1e-12 {
			m := (l + h) / 2
			if binomTailGE(k, n, m) < a {
				l = m
			} else {
				h = m
			}
		}
		lo = l
	}
	if k < n {
		l, h := 0.0, 1.0 // P(X ≤ k) = 1 − tail(k+1) decreases with p
		for h-l > 1e-12 {
			m := (l + h) / 2
			if 1-binomTailGE(k+1, n, m) > a {
				l = m
			} else {
				h = m
			}
		}
		hi = h
	}
	return lo, hi
}

// ParseProbabilities parses "0.5", "0.1,0.3,0.5" or a range
// "0.05:0.95:0.05" (start:stop:step, inclusive up to rounding).
func ParseProbabilities(s string) ([]float64, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) != 3 {
			return nil, fmt.Errorf("atlas: p range %q: want start:stop:step", s)
		}
		var v [3]float64
		for i, p := range parts {
			if _, err := fmt.Sscan(strings.TrimSpace(p), &v[i]); err != nil {
				return nil, fmt.Errorf("atlas: p range %q: field %d (%q) is not a number", s, i+1, p)
			}
		}
		if v[2] <= 0 || v[1] < v[0] {
			return nil, fmt.Errorf("atlas: p range %q: want start ≤ stop and step > 0", s)
		}
		var out []float64
		for i := 0; ; i++ {
			x := v[0] + float64(i)*v[2]
			if x > v[1]+1e-9 {
				break
			}
			out = append(out, math.Round(x*1e9)/1e9)
			if len(out) > 10000 {
				return nil, fmt.Errorf("atlas: p range %q has more than 10000 points", s)
			}
		}
		return checkProbs(s, out)
	}
	var out []float64
	for i, f := range strings.Split(s, ",") {
		var x float64
		if _, err := fmt.Sscan(strings.TrimSpace(f), &x); err != nil {
			return nil, fmt.Errorf("atlas: p list %q: entry %d (%q) is not a number", s, i+1, strings.TrimSpace(f))
		}
		out = append(out, x)
	}
	return checkProbs(s, out)
}

func checkProbs(s string, ps []float64) ([]float64, error) {
	for i, p := range ps {
		if !(p >= 0 && p <= 1) {
			return nil, fmt.Errorf("atlas: p %q: entry %d is %v, not in [0, 1]", s, i+1, p)
		}
	}
	return ps, nil
}

// CSVHeader and CSVRow write RandomResults as CSV.
const CSVHeader = "shape,p,samples,not_closed,closed,unknown,frac_not_closed,frac_not_closed_or_unknown,lower,upper,confidence,method,seed"

// CSVRow returns one CSV line (no newline).
func (r *RandomResult) CSVRow() string {
	n := float64(r.Samples)
	return fmt.Sprintf("%q,%g,%d,%d,%d,%d,%.6f,%.6f,%.6f,%.6f,%g,%s,%d", r.Shape, r.P, r.Samples, r.NotClosed, r.Closed, r.Unknown,
		float64(r.NotClosed)/n, float64(r.NotClosed+r.Unknown)/n, r.Lower, r.Upper, r.Confidence, r.Method, r.Seed)
}

// JSON returns the result as a JSON object.
func (r *RandomResult) JSON() []byte {
	b, _ := json.Marshal(r)
	return b
}
