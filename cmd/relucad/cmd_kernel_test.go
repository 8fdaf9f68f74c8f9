package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestKernelInstallCommand(t *testing.T) {
	prefix := t.TempDir()
	var out, errb strings.Builder
	if code := run([]string{"kernel", "install", "--prefix", prefix}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(filepath.Join(prefix, "share", "jupyter", "kernels", "relucad", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Argv          []string `json:"argv"`
		InterruptMode string   `json:"interrupt_mode"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	if len(spec.Argv) != 3 || !filepath.IsAbs(spec.Argv[0]) || spec.Argv[1] != "kernel" || spec.Argv[2] != "{connection_file}" || spec.InterruptMode != "message" {
		t.Errorf("kernel.json %s", b)
	}
}

func TestKernelCommandErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"kernel"}, 2, "Usage"},
		{[]string{"kernel", "a.json", "b.json"}, 2, "Usage"},
		{[]string{"kernel", filepath.Join(t.TempDir(), "missing.json")}, 1, "connection file"},
		{[]string{"kernel", "install", "--user", "--prefix", "x"}, 2, "Usage"},
		{[]string{"kernel", "-h"}, 0, "Usage"},
	} {
		var out, errb strings.Builder
		if code := run(c.args, &out, &errb); code != c.code || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errb.String(), c.code, c.want)
		}
	}
}
