package kernel

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestInstallKernelSpec(t *testing.T) {
	if _, err := NewKernelSpec("relative/relucad"); err == nil {
		t.Fatal("relative binary path accepted")
	}
	exe := filepath.Join(t.TempDir(), "bin", "relucad")
	spec, err := NewKernelSpec(exe)
	if err != nil {
		t.Fatal(err)
	}
	root := PrefixKernelsDir(t.TempDir())
	dir, err := InstallKernelSpec(root, SpecName, spec)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	argv, _ := got["argv"].([]any)
	if len(argv) != 3 || argv[0] != exe || argv[1] != "kernel" || argv[2] != "{connection_file}" ||
		got["language"] != "go" || got["display_name"] != "relucad (Go)" || got["interrupt_mode"] != "message" {
		t.Errorf("kernel.json = %s", b)
	}
	for _, n := range []string{"logo-32x32.png", "logo-64x64.png"} {
		p, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(p)); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

func TestUserKernelsDir(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "/x/data")
	if d, _ := UserKernelsDir(); d != filepath.Join("/x/data", "kernels") {
		t.Errorf("UserKernelsDir = %s", d)
	}
}
