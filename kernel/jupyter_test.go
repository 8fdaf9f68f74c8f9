package kernel

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestJupyterClient drives the installed kernelspec with Debian's
// jupyter_client (testdata/jupyter_smoke.py). It is skipped when jupyter is
// not installed, except under CI=true, where a missing jupyter is a failure
// (so a missing apt step cannot turn the suite green).
func TestJupyterClient(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real kernel processes")
	}
	if _, err := exec.LookPath("jupyter"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("jupyter is not installed (apt-get install jupyter-client python3-nbclient jupyter-nbconvert)")
		}
		t.Skip("jupyter not installed")
	}
	python := "/usr/bin/python3" // Debian's python sees the apt packages; a pyenv shim may not
	if _, err := os.Stat(python); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "relucad")
	build := exec.Command("go", "build", "-o", bin, "../cmd/relucad")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	prefix := filepath.Join(dir, "prefix")
	if out, err := exec.Command(bin, "kernel", "install", "--prefix", prefix).CombinedOutput(); err != nil {
		t.Fatalf("install: %v\n%s", err, out)
	}
	env := append(os.Environ(), "JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"), "PYENV_VERSION=system",
		"JUPYTER_RUNTIME_DIR="+filepath.Join(dir, "runtime"), "JUPYTER_DATA_DIR="+filepath.Join(dir, "data"))
	list := exec.Command("jupyter", "kernelspec", "list")
	list.Env = env
	if out, err := list.CombinedOutput(); err != nil || !strings.Contains(string(out), SpecName) {
		t.Fatalf("kernelspec list: %v\n%s", err, out)
	}
	smoke := exec.Command(python, "testdata/jupyter_smoke.py", SpecName)
	smoke.Env = env
	out, err := smoke.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "RESULT: ok") {
		t.Fatalf("smoke test: %v\n%s", err, out)
	}
	t.Logf("%s", out)

	// nbconvert executes a notebook; its outputs carry the MIME types.
	outDir := filepath.Join(dir, "nb")
	nb := exec.Command("jupyter", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=60",
		"--ExecutePreprocessor.kernel_name="+SpecName, "--output-dir", outDir, "testdata/display.ipynb")
	nb.Env = env
	if out, err := nb.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert: %v\n%s", err, out)
	}
	checkNotebook(t, filepath.Join(outDir, "display.ipynb"))

	// The same binary under interrupt_mode "signal": the frontend sends
	// SIGINT to the process group, which must interrupt, not kill.
	specDir := filepath.Join(prefix, "share", "jupyter", "kernels")
	spec, err := NewKernelSpec(bin)
	if err != nil {
		t.Fatal(err)
	}
	spec.InterruptMode = "signal"
	if _, err := InstallKernelSpec(specDir, "relucad-signal", spec); err != nil {
		t.Fatal(err)
	}
	sig := exec.Command(python, "testdata/jupyter_smoke.py", "relucad-signal", "--interrupt-only")
	sig.Env = env
	if out, err := sig.CombinedOutput(); err != nil || !strings.Contains(string(out), "RESULT: ok") {
		t.Fatalf("signal-mode interrupt: %v\n%s", err, out)
	}
}

// checkNotebook checks the outputs of the executed testdata/display.ipynb
// (expected values: the cells' Go semantics, hand derived).
func checkNotebook(t *testing.T, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Outputs []struct {
				OutputType string            `json:"output_type"`
				Text       any               `json:"text"`
				Data       map[string]any    `json:"data"`
				Metadata   map[string]any    `json:"metadata"`
				Transient  map[string]string `json:"transient"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 4 {
		t.Fatalf("%d cells", len(nb.Cells))
	}
	text := func(v any) string {
		switch v := v.(type) {
		case string:
			return v
		case []any:
			var s strings.Builder
			for _, x := range v {
				s.WriteString(x.(string))
			}
			return s.String()
		}
		return ""
	}
	c := nb.Cells
	if len(c[0].Outputs) != 1 || c[0].Outputs[0].OutputType != "stream" || text(c[0].Outputs[0].Text) != "hello from relucad\n" {
		t.Errorf("cell 0 outputs %+v", c[0].Outputs)
	}
	if len(c[1].Outputs) != 1 || text(c[1].Outputs[0].Data["text/plain"]) != "3/4" {
		t.Errorf("cell 1 outputs %+v", c[1].Outputs)
	}
	if len(c[2].Outputs) != 1 || text(c[2].Outputs[0].Data["text/latex"]) != "$\\frac{3}{4}$" {
		t.Errorf("cell 2 outputs %+v", c[2].Outputs)
	}
	if len(c[3].Outputs) != 2 || text(c[3].Outputs[0].Data["text/html"]) != "<b>bold</b>" || text(c[3].Outputs[1].Data["text/plain"]) != `"100%"` {
		t.Errorf("cell 3 outputs %+v", c[3].Outputs)
	}
}
