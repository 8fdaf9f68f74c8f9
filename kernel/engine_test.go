package kernel

import (
	"context"
	"strings"
	"testing"
)

// Engine packages are pre-imported and their values render richly.
// Expected texts: poly's String/LaTeX conventions (POLY_API.md) and
// semialg's ExampleQE.
func TestEngineCells(t *testing.T) {
	e := newTestEvaluator(t)
	for _, c := range []struct{ code, plain, latexHas string }{
		{"R := poly.MustRing([]string{\"x\", \"y\"}, poly.GRevLex)\np := R.MustParse(\"x^2 - 2*y\")\np", "x^2 - 2*y", "x^{2}"},
		{"p.Mul(p)", "x^4 - 4*x^2*y + 4*y^2", "y^{2}"},
		{"f, _, _ := semialg.ParseAuto(\"ex y [x^2 + y^2 < 1]\")\ng, err := semialg.QE(ctx, f)\ng", "x^2 - 1 < 0", ""},
		{"s, err := relu.ParseSpec(\"W2=10/11,W1=11/01\")\nv, err := relu.Closedness(ctx, s)\nv.Status", "", ""},
	} {
		b, err := e.Execute(context.Background(), c.code, newRec())
		if err != nil || b == nil {
			t.Fatalf("%q: %v %v", c.code, b, err)
		}
		if c.plain != "" && b.Data["text/plain"] != c.plain {
			t.Errorf("%q: text/plain %q, want %q", c.code, b.Data["text/plain"], c.plain)
		}
		if l, _ := b.Data["text/latex"].(string); c.latexHas != "" && !strings.Contains(l, c.latexHas) {
			t.Errorf("%q: text/latex %q lacks %q", c.code, l, c.latexHas)
		}
	}
}
