package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeE4 writes the E4 / T16 dataset (MATH.md E4) as CSV: inputs (0,0),
// (1,0), (0,1), targets (0,0), (0,1), (1,0).
func writeE4(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "e4.csv")
	if err := os.WriteFile(p, []byte("# x1, x2, y1, y2\n0,0,0,0\n1,0,0,1\n0,1,1,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTrainCLI(t *testing.T) {
	dir := t.TempDir()
	data := writeE4(t, dir)
	svg := filepath.Join(dir, "run.svg")
	code, out, errOut := runCLI("train", "W2=10/11,W1=11/01", "--data", data, "--steps", "3000", "--seed", "3", "--plot", svg)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, re := range []string{`(?m)^trained W2=10/11,W1=11/01 \(biases: true\) with adam, learning rate 0\.005, 3000 steps, seed 3`,
		`(?m)^  final square loss [0-9.e+-]+, ‖θ‖∞ [0-9.e+-]+, ‖θ‖₂ [0-9.e+-]+$`, `(?m)^  W2 = \[`, `(?m)^  b1 = \(`, `plot: .*run\.svg`} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("stdout does not match %s:\n%s", re, out)
		}
	}
	// Progress: about 20 lines, from step 0 to step 3000.
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) < 10 || len(lines) > 25 || !strings.HasPrefix(lines[0], "step    0  loss") || !strings.HasPrefix(lines[len(lines)-1], "step 3000  loss") {
		t.Errorf("progress lines:\n%s", errOut)
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("plot is not XML: %v", err)
		}
	}
	if !bytes.Contains(b, []byte("square loss")) {
		t.Error("SVG plot lacks the loss axis label")
	}
}

func TestTrainCLIJSON(t *testing.T) {
	dir := t.TempDir()
	data := writeE4(t, dir)
	pngPath := filepath.Join(dir, "run.png")
	code, out, errOut := runCLI("train", "--json", "--no-bias", "--quiet", "--method", "gd", "--lr", "0.02", "--steps", "400",
		"--seed", "6", "--log-every", "100", "--plot", pngPath, "--data", data, "W2=10/11,W1=11/01")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var res struct {
		Spec         string                 `json:"spec"`
		Biases       bool                   `json:"biases"`
		Method       string                 `json:"method"`
		LearningRate float64                `json:"learning_rate"`
		Steps        int                    `json:"steps"`
		Seed         uint64                 `json:"seed"`
		Loss         float64                `json:"loss"`
		History      []map[string]float64   `json:"history"`
		Params       map[string][][]float64 `json:"params"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res.Spec != "W2=10/11,W1=11/01" || res.Biases || res.Method != "gd" || res.LearningRate != 0.02 || res.Steps != 400 || res.Seed != 6 {
		t.Errorf("options not echoed: %+v", res)
	}
	// 0, 1, 2, 4, …, 64, then 100, 200, 300, 400.
	if len(res.History) != 12 || res.History[11]["step"] != 400 || res.History[11]["loss"] != res.Loss {
		t.Errorf("history %v", res.History)
	}
	for _, k := range []string{"step", "loss", "norm_inf", "norm2"} {
		if _, ok := res.History[0][k]; !ok {
			t.Errorf("history entries lack %q", k)
		}
	}
	if len(res.Params) != 2 || len(res.Params["W2"]) != 2 || len(res.Params["W1"][0]) != 2 {
		t.Errorf("params %v", res.Params)
	}
	// Off the masks (W2[1,2], W1[2,1]) the weights are 0.
	if res.Params["W2"][0][1] != 0 || res.Params["W1"][1][0] != 0 {
		t.Errorf("weights off the masks: %v", res.Params)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("PNG plot: %v", err)
	}
}

func TestTrainCLIErrors(t *testing.T) {
	dir := t.TempDir()
	data := writeE4(t, dir)
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("0,0,0,0\n1,0,zero,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.csv")
	if err := os.WriteFile(short, []byte("0,0,0,0\n# comment\n1,0,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	narrow := filepath.Join(dir, "narrow.csv")
	if err := os.WriteFile(narrow, []byte("# x, y\n0,0,0\n1,0,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no data flag", []string{"train", "W2=10/11,W1=11/01"}, "--data is required"},
		{"no spec", []string{"train", "--data", data}, "expected 1 argument"},
		{"bad spec", []string{"train", "W2=1x/11,W1=11/01", "--data", data}, "'x'"},
		{"missing file", []string{"train", "W2=10/11,W1=11/01", "--data", filepath.Join(dir, "none.csv")}, "no such file"},
		{"bad field", []string{"train", "W2=10/11,W1=11/01", "--data", bad}, `bad.csv:2: field 3 "zero" is not a rational number`},
		{"short row", []string{"train", "W2=10/11,W1=11/01", "--data", short}, "line 3: wrong number of fields"},
		{"narrow rows", []string{"train", "W2=10/11,W1=11/01", "--data", narrow}, "narrow.csv:2: 3 fields, want 2 inputs and 2 target(s)"},
		{"method", []string{"train", "W2=10/11,W1=11/01", "--data", data, "--method", "sgd"}, `unknown method "sgd"`},
		{"steps", []string{"train", "W2=10/11,W1=11/01", "--data", data, "--steps", "0"}, "--steps 0 must be positive"},
		{"lr", []string{"train", "W2=10/11,W1=11/01", "--data", data, "--lr", "-1"}, "learning rate -1"},
		{"plot ext", []string{"train", "W2=10/11,W1=11/01", "--data", data, "--steps", "10", "--quiet", "--plot", filepath.Join(dir, "x.pdf")}, "want .svg or .png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(tc.args...)
			if code == 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q, want it to contain %q", code, errOut, tc.want)
			}
		})
	}
	// Divergence: the last finite state is still printed, exit status 1.
	code, out, errOut := runCLI("train", "W2=10/11,W1=11/01", "--data", data, "--method", "gd", "--lr", "1000", "--quiet")
	if code != 1 || !strings.Contains(errOut, "not finite") || !strings.Contains(out, "final square loss") {
		t.Errorf("divergence: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// The command is listed in the usage.
	if _, out, _ := runCLI("help"); !strings.Contains(out, "train ") {
		t.Error("usage does not list train")
	}
}
