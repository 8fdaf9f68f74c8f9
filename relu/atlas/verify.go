package atlas

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/relucad/relucad/relu"
)

// VerifyStats counts the outcome of VerifyAll.
type VerifyStats struct {
	Checked   int // rows read
	Closed    int // closed certificates verified
	NotClosed int // not-closed certificates verified
	Unknown   int // unknown verdicts (no certificate to check; their row is still checked)
	Failures  []VerifyFailure
}

// A VerifyFailure is a stored row that did not pass.
type VerifyFailure struct {
	Shape, Key string
	Err        error
}

func (f VerifyFailure) Error() string { return fmt.Sprintf("%s %s: %v", f.Shape, f.Key, f.Err) }

// CheckResult re-checks one stored row from scratch: the spec parses and
// has the row's shape, the key is the spec's canonical key, the certificate
// parses, names the same spec and verdict, and (for decided verdicts)
// passes relu.Verify.
func CheckResult(r Result) error {
	s, err := relu.ParseSpec(r.Spec)
	if err != nil {
		return fmt.Errorf("stored spec: %v", err)
	}
	if got := ShapeOf(s).String(); got != r.Shape {
		return fmt.Errorf("spec %s has shape %s, stored under shape %s", r.Spec, got, r.Shape)
	}
	k, err := Key(s)
	if err != nil {
		return err
	}
	if k != r.Key {
		return fmt.Errorf("the canonical key of %s is %s, stored key %s", r.Spec, k, r.Key)
	}
	c, err := relu.ParseCertificate(r.Certificate)
	if err != nil {
		return err
	}
	if c.Spec != r.Spec {
		return fmt.Errorf("certificate is about %s, row is about %s", c.Spec, r.Spec)
	}
	if c.Verdict != r.Verdict {
		return fmt.Errorf("certificate says %s, row says %s", c.Verdict, r.Verdict)
	}
	switch r.Verdict {
	case "closed", "not_closed":
		return relu.Verify(c)
	case "unknown":
		return nil
	}
	return fmt.Errorf("unknown verdict %q", r.Verdict)
}

// VerifyOptions configure VerifyAll.
type VerifyOptions struct {
	Shape    string         // only rows of this shape ("" for all)
	Workers  int            // ≤ 0: all CPUs
	Progress func(done int) // called with the number of rows checked so far
}

// VerifyAll checks every stored row (of opt.Shape, if set) with
// CheckResult in parallel.
func VerifyAll(ctx context.Context, db *DB, opt VerifyOptions) (*VerifyStats, error) {
	workers, progress := opt.Workers, opt.Progress
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	st := &VerifyStats{}
	jobs := make(chan Result, 4*workers)
	type outcome struct {
		r   Result
		err error
	}
	outs := make(chan outcome, 4*workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				outs <- outcome{r, CheckResult(r)}
			}
		}()
	}
	var readErr error
	go func() {
		readErr = db.Each(ctx, func(r Result) error {
			if opt.Shape != "" && r.Shape != opt.Shape {
				return nil
			}
			select {
			case jobs <- r:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		close(jobs)
		wg.Wait()
		close(outs)
	}()
	for o := range outs {
		st.Checked++
		if o.err != nil {
			st.Failures = append(st.Failures, VerifyFailure{o.r.Shape, o.r.Key, o.err})
		} else {
			switch o.r.Verdict {
			case "closed":
				st.Closed++
			case "not_closed":
				st.NotClosed++
			default:
				st.Unknown++
			}
		}
		if progress != nil {
			progress(st.Checked)
		}
	}
	return st, readErr
}

// Delete removes the rows of the given failures in one transaction, and
// the completion records of their shapes, so that a census run recomputes
// them (the repair after a verifier or certificate-format change). It
// returns the number of rows removed.
func (d *DB) Delete(ctx context.Context, fs []VerifyFailure) (int, error) {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer tx.Rollback()
	n := 0
	shapes := map[string]bool{}
	for _, f := range fs {
		res, err := tx.ExecContext(ctx, "DELETE FROM results WHERE shape = ? AND key = ?", f.Shape, f.Key)
		if err != nil {
			return 0, fmt.Errorf("atlas: %s: %v", d.path, err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
		shapes[f.Shape] = true
	}
	for s := range shapes {
		if _, err := tx.ExecContext(ctx, "DELETE FROM shards WHERE shape = ?", s); err != nil {
			return 0, fmt.Errorf("atlas: %s: %v", d.path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("atlas: %s: commit: %v", d.path, err)
	}
	return n, nil
}
