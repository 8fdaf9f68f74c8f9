package atlas

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relucad/relucad/relu"
)

func mustShape(t testing.TB, s string) Shape {
	t.Helper()
	sh, err := ParseShape(s)
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

func openTemp(t testing.TB, name string) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestCensusSmallShapes runs the census of every shape with m, r, n ≤ 3
// (issue 8 target: all of them in under 60 s, unknowns reported) and checks
// the counts against Burnside and a second, idempotent run.
func TestCensusSmallShapes(t *testing.T) {
	shapes := []string{"1,1,1", "2,2,2", "2,3,2", "3,2,3", "3,3,3"}
	if !testing.Short() {
		shapes = nil
		for m := 1; m <= 3; m++ {
			for r := 1; r <= 3; r++ {
				for n := 1; n <= 3; n++ {
					shapes = append(shapes, Shape{m, r, n}.String())
				}
			}
		}
	}
	db := openTemp(t, "small.db")
	start := time.Now()
	unknown := 0
	for _, s := range shapes {
		sh := mustShape(t, s)
		st, err := Census(context.Background(), db, Options{Shape: sh, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := BurnsideTotal(sh)
		if int64(st.Done) != want.Int64() || !st.Complete {
			t.Errorf("%s: census decided %d (complete %v), Burnside says %s orbits", s, st.Done, st.Complete, want)
		}
		unknown += st.Unknown
		if st.Unknown > 0 {
			t.Logf("%s: %d closed, %d not closed, %d unknown", s, st.Closed, st.NotClosed, st.Unknown)
		}
		st2, err := Census(context.Background(), db, Options{Shape: sh, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if st2.Done != 0 || st2.Skipped != st.Done || !st2.Complete {
			t.Errorf("%s: second run decided %d, skipped %d; want 0 and %d", s, st2.Done, st2.Skipped, st.Done)
		}
	}
	t.Logf("%d shapes in %v, %d unknown in total", len(shapes), time.Since(start), unknown)
	sum, err := db.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sum) != len(shapes) {
		t.Fatalf("summary has %d shapes, want %d", len(sum), len(shapes))
	}
	for _, s := range sum {
		if !s.Complete || s.Closed+s.NotClosed+s.Unknown != s.Total {
			t.Errorf("summary %+v", s)
		}
	}
}

// TestShardsPartition checks that the shards of a census are disjoint and
// together give the whole census.
func TestShardsPartition(t *testing.T) {
	sh := mustShape(t, "2,3,2")
	whole := openTemp(t, "whole.db")
	if _, err := Census(context.Background(), whole, Options{Shape: sh}); err != nil {
		t.Fatal(err)
	}
	all, _ := whole.Keys(context.Background(), sh.String())
	seen := map[string]int{}
	for i := 0; i < 3; i++ {
		db := openTemp(t, "shard.db")
		st, err := Census(context.Background(), db, Options{Shape: sh, Shard: ShardSpec{i, 3}})
		if err != nil {
			t.Fatal(err)
		}
		if !st.Complete {
			t.Errorf("shard %d incomplete", i)
		}
		keys, _ := db.Keys(context.Background(), sh.String())
		for k := range keys {
			seen[k]++
		}
	}
	if len(seen) != len(all) {
		t.Errorf("shards hold %d keys, the whole census %d", len(seen), len(all))
	}
	for k, n := range seen {
		if n != 1 || !all[k] {
			t.Errorf("key %s in %d shards (in whole census: %v)", k, n, all[k])
		}
	}
}

func TestParseShardErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"3", "want i/n"},
		{"a/3", "integers"},
		{"3/3", "out of range 0..2"},
		{"-1/3", "out of range"},
		{"0/0", "at least 1"},
	} {
		_, err := ParseShard(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseShard(%q) = %v, want error containing %q", tc.in, err, tc.want)
		}
	}
	s, err := ParseShard(" 2/5 ")
	if err != nil || s != (ShardSpec{2, 5}) || s.String() != "2/5" {
		t.Errorf("ParseShard(2/5) = %v, %v", s, err)
	}
}

func TestParseShapeErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "empty shape"},
		{"3", "one width"},
		{"3,x,3", "width 2"},
		{"3,0,3", "between 1 and 6"},
		{"3,7,3", "between 1 and 6"},
		{"2,2,2,2,2,2", "depth 5"},
		{"5,5,5", "over the limit"},
		{"6,6", "too expensive"},
	} {
		_, err := ParseShape(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseShape(%q) = %v, want error containing %q", tc.in, err, tc.want)
		}
	}
}

// TestForeignAndCorruptDatabases: files that are not atlas databases are
// refused with clear errors and left byte-for-byte untouched.
func TestForeignAndCorruptDatabases(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("hello, this is not a database at all"), 0o644)

	foreign := filepath.Join(dir, "foreign.db")
	// A foreign SQLite file: an SQLite database made through the driver
	// with another application's table.
	if err := makeForeign(foreign); err != nil {
		t.Fatal(err)
	}

	// A corrupt atlas: a valid atlas whose pages are overwritten.
	corrupt := filepath.Join(dir, "corrupt.db")
	{
		db, err := Open(corrupt)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Census(context.Background(), db, Options{Shape: mustShape(t, "2,3,2")}); err != nil {
			t.Fatal(err)
		}
		db.Close()
		b, _ := os.ReadFile(corrupt)
		for i := 4096; i < len(b); i += 7 {
			b[i] ^= 0x5a
		}
		os.WriteFile(corrupt, b, 0o644)
	}
	for _, tc := range []struct{ path, want string }{
		{text, "not an SQLite database"},
		{foreign, "foreign SQLite database"},
		{corrupt, "corrupt"},
		{dir, "is a directory"},
	} {
		before, _ := os.ReadFile(tc.path)
		_, err := Open(tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%s) = %v, want error containing %q", filepath.Base(tc.path), err, tc.want)
		}
		after, _ := os.ReadFile(tc.path)
		if string(before) != string(after) {
			t.Errorf("Open(%s) changed the file", filepath.Base(tc.path))
		}
	}
	if _, err := OpenExisting(filepath.Join(dir, "missing.db")); err == nil || !strings.Contains(err.Error(), "no atlas database") {
		t.Errorf("OpenExisting(missing) = %v", err)
	}
}

// slowDecide wraps relu.Closedness with a delay, to make a census long
// enough to interrupt.
func slowDecide(d time.Duration) func(context.Context, relu.Support) (*relu.Verdict, error) {
	return func(ctx context.Context, s relu.Support) (*relu.Verdict, error) {
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return relu.Closedness(ctx, s)
	}
}

// TestCensusCancelResume cancels a census mid-run (as Ctrl-C does) and
// resumes it: the final database equals an uninterrupted run.
func TestCensusCancelResume(t *testing.T) {
	sh := mustShape(t, "3,3,2")
	db := openTemp(t, "resume.db")
	ctx, cancel := context.WithCancel(context.Background())
	var stopped bool
	st, err := Census(ctx, db, Options{Shape: sh, Workers: 4, BatchSize: 10, Decide: slowDecide(time.Millisecond),
		Progress: func(p Progress) {
			if p.Done >= 100 && !stopped {
				stopped = true
				cancel()
			}
		}})
	if err != context.Canceled {
		t.Fatalf("interrupted census returned %v", err)
	}
	keys, _ := db.Keys(context.Background(), sh.String())
	if len(keys) != st.Done || st.Done < 100 || st.Complete {
		t.Fatalf("after cancel: %d stored, stats say %d (complete %v)", len(keys), st.Done, st.Complete)
	}
	st2, err := Census(context.Background(), db, Options{Shape: sh})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := BurnsideTotal(sh)
	if int64(st.Done+st2.Done) != want.Int64() || st2.Skipped != st.Done || !st2.Complete {
		t.Errorf("resume: first %d, second %d (skipped %d), want total %s", st.Done, st2.Done, st2.Skipped, want)
	}
	assertSameAsFresh(t, db, sh)
}

// assertSameAsFresh compares the stored keys and verdicts of shape sh with
// a fresh uninterrupted census.
func assertSameAsFresh(t *testing.T, db *DB, sh Shape) {
	t.Helper()
	fresh := openTemp(t, "fresh.db")
	if _, err := Census(context.Background(), fresh, Options{Shape: sh}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	n := 0
	db.Each(context.Background(), func(r Result) error {
		if r.Shape == sh.String() {
			got[r.Key] = r.Verdict
			n++
		}
		return nil
	})
	if n != len(got) {
		t.Errorf("%d rows but %d distinct keys (duplicates)", n, len(got))
	}
	m := 0
	fresh.Each(context.Background(), func(r Result) error {
		m++
		if got[r.Key] != r.Verdict {
			t.Errorf("%s: resumed %q, fresh %q", r.Key, got[r.Key], r.Verdict)
		}
		return nil
	})
	if m != n {
		t.Errorf("resumed census has %d rows, fresh %d", n, m)
	}
}

// TestRecheckUnknown: a census run with an analyzer that answers unknown
// for everything, then rechecked with the real one, ends equal to a fresh
// census; without RecheckUnknown the unknowns are kept.
func TestRecheckUnknown(t *testing.T) {
	ctx := context.Background()
	sh := mustShape(t, "2,3,2")
	db := openTemp(t, "recheck.db")
	unknownAll := func(ctx context.Context, s relu.Support) (*relu.Verdict, error) {
		return &relu.Verdict{Status: relu.Unknown, Cert: &relu.Certificate{Spec: s.String(), Verdict: "unknown", Reason: "test"}}, nil
	}
	if _, err := Census(ctx, db, Options{Shape: sh, Decide: unknownAll}); err != nil {
		t.Fatal(err)
	}
	st, err := Census(ctx, db, Options{Shape: sh})
	if err != nil || st.Done != 0 {
		t.Fatalf("plain rerun decided %d (%v); want 0", st.Done, err)
	}
	st, err = Census(ctx, db, Options{Shape: sh, RecheckUnknown: true})
	if err != nil || st.Done != 158 || st.Unknown != 0 {
		t.Fatalf("recheck: %+v, %v", st, err)
	}
	// Rechecking with the all-unknown analyzer does not downgrade anything.
	if _, err := Census(ctx, db, Options{Shape: sh, RecheckUnknown: true, Decide: unknownAll}); err != nil {
		t.Fatal(err)
	}
	assertSameAsFresh(t, db, sh)
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data/x")
	if p, err := DefaultPath(); err != nil || p != "/data/x/relucad/atlas.db" {
		t.Errorf("with XDG_DATA_HOME: %q, %v", p, err)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored") // the XDG spec says relative paths are invalid
	t.Setenv("HOME", "/home/u")
	if p, err := DefaultPath(); err != nil || p != "/home/u/.local/share/relucad/atlas.db" {
		t.Errorf("without XDG_DATA_HOME: %q, %v", p, err)
	}
}

func TestProgressRendering(t *testing.T) {
	p := Progress{Shape: "3,3,3", Shard: ShardSpec{1, 4}, Total: 400, Exact: true, Skipped: 100, Done: 100,
		Closed: 60, NotClosed: 30, Unknown: 10, Elapsed: 10 * time.Second}
	// 100 decided in 10 s: 10/s; 200 left: ETA 20 s (hand computation).
	s := p.String()
	for _, want := range []string{"3,3,3 shard 1/4", " 50.0%", "200/400", "10/s", "ETA 20s", "unknown 10"} {
		if !strings.Contains(s, want) {
			t.Errorf("String() = %q, missing %q", s, want)
		}
	}
	if h := p.HTML(); !strings.Contains(h, `<progress value="200" max="400"`) {
		t.Errorf("HTML() = %q", h)
	}
	p.Final = true
	if s := p.String(); !strings.Contains(s, "stopped") {
		t.Errorf("final incomplete progress: %q", s)
	}
}

// TestCensusVerify: with Verify, a decision whose certificate fails is
// stored as unknown with the reason.
func TestCensusVerify(t *testing.T) {
	ctx := context.Background()
	sh := mustShape(t, "2,2,2")
	db := openTemp(t, "verify.db")
	// An analyzer that claims every support closed with the certificate
	// of the full support: wrong for the LU support (MATH.md T1).
	liar := func(ctx context.Context, s relu.Support) (*relu.Verdict, error) {
		v, err := relu.Closedness(ctx, s)
		if err != nil || v.Status != relu.NotClosed {
			return v, err
		}
		full, _ := relu.Closedness(ctx, relu.MustSpec("W2=11/11,W1=11/11"))
		c := *full.Cert
		c.Spec = s.String()
		return &relu.Verdict{Status: relu.Closed, Cert: &c}, nil
	}
	st, err := Census(ctx, db, Options{Shape: sh, Decide: liar, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.NotClosed != 0 || st.Unknown == 0 {
		t.Fatalf("verified census of a lying analyzer: %+v", st)
	}
	key, _ := Key(relu.MustSpec("W2=10/11,W1=11/01"))
	rs, _ := db.Lookup(ctx, key)
	if len(rs) != 1 || rs[0].Verdict != "unknown" || !strings.Contains(string(rs[0].Certificate), "failed verification") {
		t.Errorf("LU support stored as %+v", rs)
	}
	// The real analyzer upgrades them.
	st, err = Census(ctx, db, Options{Shape: sh, Verify: true, RecheckUnknown: true})
	if err != nil || st.Unknown != 0 {
		t.Fatalf("recheck: %+v, %v", st, err)
	}
	assertSameAsFresh(t, db, sh)
}
