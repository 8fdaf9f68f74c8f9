package relu

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden pins the JSON, text, LaTeX and HTML renderings of a few
// certificates (MATH.md T1, T8, T9, T15) and the E5 dataset. Run with
// -update after an intended change and review the diff.
func TestGolden(t *testing.T) {
	cases := []struct{ name, spec string }{
		{"t1_lu", "W2=10/11,W1=11/01"},
		{"t8_e6", "W2=11/11,W1=110/011"},
		{"t9_e7a", "W2=11/11,W1=111/001"},
		{"t15_fill", "W3=10/11,W2=11/11,W1=11/01"},
	}
	for _, tc := range cases {
		v, err := Closedness(context.Background(), MustSpec(tc.spec))
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.MarshalIndent(v.Cert, "", "  ")
		out := strings.Join([]string{"== json", string(js), "== text", v.Cert.Text(), "== latex", v.Cert.LaTeX(), "== html", v.Cert.HTML(), ""}, "\n")
		golden(t, tc.name, out)
	}
	d, err := NewDataset(context.Background(), MustSpec("W2=10/11,W1=11/01"), DatasetOptions{Biases: true})
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.MarshalIndent(d, "", "  ")
	golden(t, "e5_dataset", string(js)+"\n"+d.String())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}
