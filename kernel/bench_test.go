package kernel

import (
	"bufio"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Targets (issue 6): kernel start to kernel_info_reply < 300 ms; trivial
// execute round trip < 5 ms median; resident memory at idle < 80 MB.

// BenchmarkStartup measures New + Run until the first kernel_info_reply
// (including the client's connection).
func BenchmarkStartup(b *testing.B) {
	for i := 0; i < b.N; i++ {
		start := time.Now()
		tk := startKernel(b)
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-to-ready")
		b.StopTimer()
		tk.stop()
		b.StartTimer()
	}
}

// BenchmarkExecuteRoundTrip measures execute_request → execute_reply for a
// trivial cell and reports the median.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	tk := startKernel(b)
	c := tk.c
	req := map[string]any{"code": "1 + 1", "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}
	var ds []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		id := c.send(c.shell, "execute_request", req)
		if c.wait(c.shellIn, id, 10*time.Second) == nil {
			b.Fatal("no reply")
		}
		ds = append(ds, time.Since(t0))
		b.StopTimer()
		c.collect(id, 5*time.Second)
		b.StartTimer()
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "ms-median")
}

// BenchmarkIdleMemory reports the process's resident set after a kernel
// has started and run one cell (Linux /proc only).
func BenchmarkIdleMemory(b *testing.B) {
	tk := startKernel(b)
	tk.execute(b, "x := 1", nil)
	for i := 0; i < b.N; i++ {
		time.Sleep(time.Millisecond)
	}
	if kb := vmRSS(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "MB-rss")
	}
}

func vmRSS() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return n
		}
	}
	return 0
}
