package atlas

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestHelperCensusProcess is not a test: TestCensusKillResume runs the test
// binary again with ATLAS_HELPER_DB set, and this function then runs a slow
// census in that child process until it is killed.
func TestHelperCensusProcess(t *testing.T) {
	path := os.Getenv("ATLAS_HELPER_DB")
	if path == "" {
		t.Skip("helper process for TestCensusKillResume")
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Census(context.Background(), db, Options{Shape: mustShape(t, "3,3,3"), Workers: 2, BatchSize: 5,
		Decide: slowDecide(3 * time.Millisecond)})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCensusKillResume kills a census process with SIGKILL in the middle
// of its run, checks that the database is intact, resumes the census and
// proves that nothing was lost or duplicated by comparing with a fresh
// uninterrupted census.
func TestCensusKillResume(t *testing.T) {
	if os.Getenv("ATLAS_HELPER_DB") != "" {
		t.Skip("inside the helper")
	}
	sh := mustShape(t, "3,3,3")
	path := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCensusProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATLAS_HELPER_DB="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Wait until some batches are committed, then kill -9.
	deadline := time.Now().Add(60 * time.Second)
	stored := 0
	for stored < 200 {
		select {
		case err := <-exited:
			t.Fatalf("helper exited before it was killed (%v); %d rows stored", err, stored)
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("helper made no progress in 60 s")
		}
		time.Sleep(20 * time.Millisecond)
		if db, err := OpenExisting(path); err == nil {
			keys, err := db.Keys(context.Background(), sh.String())
			if err == nil {
				stored = len(keys)
			}
			db.Close()
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
	db, err := Open(path)
	if err != nil {
		t.Fatalf("database after kill -9: %v", err)
	}
	defer db.Close()
	keys, _ := db.Keys(context.Background(), sh.String())
	total, _ := BurnsideTotal(sh)
	if int64(len(keys)) >= total.Int64() {
		t.Fatalf("the census finished before the kill (%d rows); the test proves nothing", len(keys))
	}
	t.Logf("killed with %d of %s orbits committed", len(keys), total)
	st, err := Census(context.Background(), db, Options{Shape: sh, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if st.Skipped != len(keys) || int64(st.Skipped+st.Done) != total.Int64() || !st.Complete {
		t.Errorf("resume: skipped %d, decided %d, complete %v; want %d + %d = %s", st.Skipped, st.Done, st.Complete, len(keys), total.Int64()-int64(len(keys)), total)
	}
	assertSameAsFresh(t, db, sh)
	// The killed run is recorded as never finished; the resumed one as complete.
	var running, complete int
	db.db.QueryRow("SELECT count(*) FROM runs WHERE status = 'running'").Scan(&running)
	db.db.QueryRow("SELECT count(*) FROM runs WHERE status = 'complete'").Scan(&complete)
	if running != 1 || complete != 1 {
		t.Errorf("runs table: %d running, %d complete; want 1 and 1", running, complete)
	}
}
