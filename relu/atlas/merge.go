package atlas

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
)

// MergeStats counts what Merge did.
type MergeStats struct {
	Inputs   int
	Added    int // new (shape, key) rows
	Upgraded int // unknown verdicts replaced by a decided one
	Same     int // rows already present with the same verdict
	Kept     int // decided rows kept over an input's unknown
}

// An InconsistentError reports two databases that disagree on a support.
type InconsistentError struct {
	Key            string
	Shape1, Shape2 string
	Verdict1       string
	Verdict2       string
	Source1        string
	Source2        string
}

func (e *InconsistentError) Error() string {
	return fmt.Sprintf("atlas: inconsistent inputs: support %s is %s in %s (shape %s) but %s in %s (shape %s); nothing was written",
		e.Key, e.Verdict1, e.Source1, e.Shape1, e.Verdict2, e.Source2, e.Shape2)
}

type seenVerdict struct {
	verdict, shape, source string
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// Merge copies the results, completed shards and run records of the input
// databases into out, in one transaction: if two sources disagree on a key
// (one says closed, the other not closed) nothing is written and an
// *InconsistentError is returned. An unknown verdict is not a
// disagreement: a decided verdict replaces it. With verify, every input
// row is first re-checked with CheckResult (certificates from untrusted
// machines), and a failure also aborts the merge.
func Merge(ctx context.Context, out *DB, inputs []string, verify bool) (*MergeStats, error) {
	st := &MergeStats{}
	seen := map[string]seenVerdict{}
	err := out.Each(ctx, func(r Result) error {
		if prev, ok := seen[r.Key]; ok && conflict(prev.verdict, r.Verdict) {
			return &InconsistentError{Key: r.Key, Shape1: prev.shape, Verdict1: prev.verdict, Source1: out.path,
				Shape2: r.Shape, Verdict2: r.Verdict, Source2: out.path}
		}
		if _, ok := seen[r.Key]; !ok || r.Verdict != "unknown" {
			seen[r.Key] = seenVerdict{r.Verdict, r.Shape, out.path}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	tx, err := out.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("atlas: %s: %v", out.path, err)
	}
	defer tx.Rollback()
	exists, err := tx.Prepare("SELECT verdict FROM results WHERE shape = ? AND key = ?")
	if err != nil {
		return nil, err
	}
	defer exists.Close()
	ins, err := tx.Prepare("INSERT OR REPLACE INTO results (" + resultCols + ", created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return nil, err
	}
	defer ins.Close()
	for _, path := range inputs {
		if sameFile(path, out.path) {
			return nil, fmt.Errorf("atlas: input %s is the output database", path)
		}
		in, err := OpenExisting(path)
		if err != nil {
			return nil, err
		}
		name := filepath.Clean(path)
		err = in.Each(ctx, func(r Result) error {
			if r.Verdict != "closed" && r.Verdict != "not_closed" && r.Verdict != "unknown" {
				return fmt.Errorf("atlas: %s: support %s has verdict %q", name, r.Key, r.Verdict)
			}
			if verify {
				if err := CheckResult(r); err != nil {
					return fmt.Errorf("atlas: %s: shape %s, support %s fails verification: %v; nothing was written", name, r.Shape, r.Key, err)
				}
			}
			if prev, ok := seen[r.Key]; ok && conflict(prev.verdict, r.Verdict) {
				return &InconsistentError{Key: r.Key, Shape1: prev.shape, Verdict1: prev.verdict, Source1: prev.source,
					Shape2: r.Shape, Verdict2: r.Verdict, Source2: name}
			}
			if prev, ok := seen[r.Key]; !ok || (prev.verdict == "unknown" && r.Verdict != "unknown") {
				seen[r.Key] = seenVerdict{r.Verdict, r.Shape, name}
			}
			var old string
			switch err := exists.QueryRow(r.Shape, r.Key).Scan(&old); {
			case err == nil:
				switch {
				case old == r.Verdict:
					st.Same++
					return nil
				case old == "unknown":
					st.Upgraded++
				default:
					st.Kept++
					return nil
				}
			default:
				st.Added++
			}
			_, err := ins.Exec(r.Shape, r.Key, r.Spec, r.Verdict, r.Method, string(r.Certificate), r.Seconds, r.Version, now())
			return err
		})
		if err == nil {
			err = copyMeta(ctx, in, tx)
		}
		in.Close()
		if err != nil {
			return nil, err
		}
		st.Inputs++
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("atlas: %s: commit: %v", out.path, err)
	}
	return st, nil
}

func conflict(a, b string) bool {
	return a != b && a != "unknown" && b != "unknown"
}

// copyMeta copies completed shards and run records.
func copyMeta(ctx context.Context, in *DB, tx *sql.Tx) error {
	shards, err := in.Shards(ctx)
	if err != nil {
		return err
	}
	for _, r := range shards {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO shards VALUES (?, ?, ?, ?, ?)", r.Shape, r.Shard, r.Expected, r.Version, r.Finished); err != nil {
			return err
		}
	}
	rows, err := in.db.QueryContext(ctx, "SELECT shape, shard, relucad, host, started, finished, status, decided FROM runs ORDER BY id")
	if err != nil {
		return fmt.Errorf("atlas: %s: %v", in.path, err)
	}
	type run struct {
		shape, shard, version, host, started string
		finished                             sql.NullString
		status                               string
		decided                              int
	}
	var runs []run
	for rows.Next() {
		var r run
		if err := rows.Scan(&r.shape, &r.shard, &r.version, &r.host, &r.started, &r.finished, &r.status, &r.decided); err != nil {
			rows.Close()
			return err
		}
		runs = append(runs, r)
	}
	rows.Close()
	for _, r := range runs {
		if _, err := tx.ExecContext(ctx, "INSERT INTO runs (shape, shard, relucad, host, started, finished, status, decided) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			r.shape, r.shard, r.version, r.host, r.started, r.finished, r.status, r.decided); err != nil {
			return err
		}
	}
	return nil
}
