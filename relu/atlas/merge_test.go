package atlas

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func countRows(t *testing.T, db *DB) int {
	t.Helper()
	n := 0
	if err := db.Each(context.Background(), func(Result) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMergeShards merges three shard databases and compares with the
// unsharded census; merging again changes nothing.
func TestMergeShards(t *testing.T) {
	ctx := context.Background()
	sh := mustShape(t, "3,2,3")
	dir := t.TempDir()
	var paths []string
	for i := 0; i < 3; i++ {
		p := filepath.Join(dir, fmt.Sprintf("shard%d.db", i))
		db, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Census(ctx, db, Options{Shape: sh, Shard: ShardSpec{i, 3}}); err != nil {
			t.Fatal(err)
		}
		db.Close()
		paths = append(paths, p)
	}
	out := openTemp(t, "merged.db")
	st, err := Merge(ctx, out, paths, true)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := BurnsideTotal(sh)
	if int64(st.Added) != want.Int64() || st.Inputs != 3 {
		t.Errorf("merge added %d from %d inputs, want %s from 3", st.Added, st.Inputs, want)
	}
	sum, _ := out.Summary(ctx)
	if len(sum) != 1 || !sum[0].Complete {
		t.Errorf("merged summary %+v", sum)
	}
	shards, _ := out.Shards(ctx)
	if len(shards) != 3 {
		t.Errorf("merged database records %d completed shards, want 3", len(shards))
	}
	st2, err := Merge(ctx, out, paths, true)
	if err != nil || st2.Added != 0 || st2.Same != st.Added {
		t.Errorf("second merge: %+v, %v", st2, err)
	}
	assertSameAsFresh(t, out, sh)
	if _, err := Merge(ctx, out, []string{out.Path()}, false); err == nil {
		t.Error("merging a database into itself was accepted")
	}
}

// TestMergeRefusesInconsistent: a database that flips one verdict is
// refused and the output is left as it was.
func TestMergeRefusesInconsistent(t *testing.T) {
	ctx := context.Background()
	sh := mustShape(t, "2,3,2")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	bad := filepath.Join(dir, "bad.db")
	var flipped Result
	{
		db, _ := Open(good)
		if _, err := Census(ctx, db, Options{Shape: sh}); err != nil {
			t.Fatal(err)
		}
		db.Each(ctx, func(r Result) error {
			if r.Verdict == "not_closed" && flipped.Key == "" {
				flipped = r
			}
			return nil
		})
		db.Close()
	}
	{
		db, _ := Open(bad)
		flipped.Verdict = "closed"
		if _, err := db.Insert(ctx, []Result{flipped}); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	out := openTemp(t, "out.db")
	// An unrelated input merged first, to check that the refusal rolls
	// back everything.
	other := filepath.Join(dir, "other.db")
	{
		db, _ := Open(other)
		if _, err := Census(ctx, db, Options{Shape: mustShape(t, "2,2,2")}); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	_, err := Merge(ctx, out, []string{other, good, bad}, false)
	var ie *InconsistentError
	if !errors.As(err, &ie) || ie.Key != flipped.Key {
		t.Fatalf("merge of inconsistent inputs: %v", err)
	}
	t.Log(err)
	if n := countRows(t, out); n != 0 {
		t.Errorf("refused merge left %d rows in the output", n)
	}
	// With verification, the bad row alone is refused: its certificate
	// proves the opposite verdict.
	if _, err := Merge(ctx, out, []string{other, bad}, true); err == nil || !strings.Contains(err.Error(), "fails verification") {
		t.Errorf("verified merge of a bad row: %v", err)
	}
	if n := countRows(t, out); n != 0 {
		t.Errorf("refused merge left %d rows in the output", n)
	}
	// Unknown versus decided is not a conflict: the decided verdict wins.
	unk := filepath.Join(dir, "unknown.db")
	{
		db, _ := Open(unk)
		u := flipped
		u.Verdict, u.Method = "unknown", ""
		db.Insert(ctx, []Result{u})
		db.Close()
	}
	st, err := Merge(ctx, out, []string{unk, good}, false)
	if err != nil || st.Upgraded != 1 {
		t.Fatalf("merge unknown then decided: %+v, %v", st, err)
	}
	rs, _ := out.Lookup(ctx, flipped.Key)
	if len(rs) != 1 || rs[0].Verdict != "not_closed" {
		t.Errorf("after upgrade: %+v", rs)
	}
}

// TestVerifyAll verifies every certificate of a census, then tampers with
// stored rows and checks that each tampering is caught.
func TestVerifyAll(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t, "verify.db")
	for _, s := range []string{"2,3,2", "3,3,3"} {
		if _, err := Census(ctx, db, Options{Shape: mustShape(t, s)}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := VerifyAll(ctx, db, VerifyOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Failures) > 0 {
		t.Fatalf("%d failures, first: %v", len(st.Failures), st.Failures[0])
	}
	t.Logf("verified %d closed, %d not closed; %d unknown", st.Closed, st.NotClosed, st.Unknown)
	st2, err := VerifyAll(ctx, db, VerifyOptions{Shape: "2,3,2"})
	if err != nil || st2.Checked != 158 {
		t.Errorf("verify of shape 2,3,2 checked %d rows (%v), want 158", st2.Checked, err)
	}
	var nc, cl Result
	db.Each(ctx, func(r Result) error {
		if r.Verdict == "not_closed" && nc.Key == "" {
			nc = r
		}
		if r.Verdict == "closed" && r.Method != "subspace" && cl.Key == "" {
			cl = r
		}
		return nil
	})
	tampered := []Result{}
	r := nc
	r.Verdict = "closed" // verdict flipped, certificate kept
	tampered = append(tampered, r)
	r = nc
	r.Key = cl.Key // wrong key
	tampered = append(tampered, r)
	r = nc
	r.Certificate = cl.Certificate // another support's certificate
	tampered = append(tampered, r)
	r = cl
	r.Verdict, r.Certificate = "not_closed", nc.Certificate
	tampered = append(tampered, r)
	r = nc
	r.Shape = "3,2,2"
	tampered = append(tampered, r)
	for i, r := range tampered {
		if err := CheckResult(r); err == nil {
			t.Errorf("tampered row %d passed: %+v", i, r)
		}
	}
	// Repair: store a tampered row in place of the real one, find it with
	// VerifyAll, delete it, and recompute it with a census.
	bad := nc
	bad.Certificate = cl.Certificate
	db.Delete(ctx, []VerifyFailure{{Shape: nc.Shape, Key: nc.Key}})
	if _, err := db.Insert(ctx, []Result{bad}); err != nil {
		t.Fatal(err)
	}
	st, _ = VerifyAll(ctx, db, VerifyOptions{})
	if len(st.Failures) != 1 || st.Failures[0].Key != nc.Key {
		t.Fatalf("after tampering: %d failures", len(st.Failures))
	}
	if n, err := db.Delete(ctx, st.Failures); n != 1 || err != nil {
		t.Fatalf("Delete: %d, %v", n, err)
	}
	cs, err := Census(ctx, db, Options{Shape: mustShape(t, nc.Shape)})
	if err != nil || cs.Done != 1 || !cs.Complete {
		t.Fatalf("census after repair: %+v, %v", cs, err)
	}
	if st, _ = VerifyAll(ctx, db, VerifyOptions{}); len(st.Failures) != 0 {
		t.Errorf("after repair: %v", st.Failures[0])
	}
}
