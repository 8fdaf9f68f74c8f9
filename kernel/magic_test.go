package kernel

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/relucad/relucad/kernel/rich"
)

func newOfflineKernel(t *testing.T) *Kernel {
	t.Helper()
	ci, err := ParseConnectionInfo([]byte(`{"ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`))
	if err != nil {
		t.Fatal(err)
	}
	k, err := New(Config{Conn: ci})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestMagics(t *testing.T) {
	k := newOfflineKernel(t)
	ctx := context.Background()
	run := func(code string) (*rich.Bundle, *recOutput, error) {
		out := newRec()
		b, err := k.runCell(ctx, code, out)
		return b, out, err
	}
	b, _, err := run("%help")
	if err != nil || !strings.Contains(b.Data["text/plain"].(string), "%check") {
		t.Errorf("%%help: %v %v", b, err)
	}
	// The E1-style support W2=10/11,W1=11/01 (relu.ParseSpec syntax).
	// MATH.md E1: L_I = {a ≠ 0 ∨ b = 0 ∨ c = 0}, dense in R^{2×2}.
	b, _, err = run("%describe W2=10/11,W1=11/01")
	if err != nil || !strings.Contains(b.Data["text/plain"].(string), "A_1_1 != 0 or A_1_2 = 0 or A_2_1 = 0") ||
		!strings.Contains(b.Data["text/plain"].(string), "canonical form:") {
		t.Errorf("%%describe: %v %v", b, err)
	}
	b, _, err = run("%check W2=10/11,W1=11/01")
	if err != nil || b == nil || !strings.HasPrefix(b.Data["text/plain"].(string), "W2=10/11,W1=11/01: ") {
		t.Errorf("%%check: %v %v", b, err)
	}
	var ee *ExecError
	if _, _, err = run("%check W2=1x"); !errors.As(err, &ee) || ee.Name != "MagicError" {
		t.Errorf("%%check bad spec: %v", err)
	}
	if _, _, err = run("%nosuch"); !errors.As(err, &ee) || ee.Name != "UnknownMagic" {
		t.Errorf("unknown magic: %v", err)
	}
	// semialg's ExampleQE: the projection of the open unit disk is -1 < x < 1.
	b, _, err = run("%%qe\nex y [x^2 + y^2 < 1]")
	if err != nil || b == nil || b.Data["text/plain"] != "x^2 - 1 < 0" || !strings.Contains(b.Data["text/latex"].(string), `\iff`) {
		t.Errorf("%%%%qe: %v %v", b, err)
	}
	if _, _, err = run("%%qe\nex y [x^2 + "); !errors.As(err, &ee) || ee.Name != "MagicError" {
		t.Errorf("%%%%qe parse error: %v", err)
	}
	if _, _, err := run("answer := 42\nfunc twice(x int) int { return 2 * x }"); err != nil {
		t.Fatal(err)
	}
	b, _, err = run("%who")
	if err != nil || !strings.Contains(b.Data["text/plain"].(string), "answer           answer := 42") || !strings.Contains(b.Data["text/plain"].(string), "func twice(x int) int") {
		t.Errorf("%%who: %v %v", b, err)
	}
	// A line magic followed by Go code: the magic's result is displayed and
	// the Go value is the cell result; line numbers still match the cell.
	b, out, err := run("%describe W1=1\n1 + 1")
	if err != nil || b == nil || b.Data["text/plain"] != "2" || len(out.displays) != 1 {
		t.Errorf("magic + code: %v %v %d", b, err, len(out.displays))
	}
	_, _, err = run("%describe W1=1\nnope")
	if !errors.As(err, &ee) || !strings.Contains(ee.Value, "line 2:") {
		t.Errorf("error position after a magic line: %v", err)
	}
}

func TestMagicPanicIsError(t *testing.T) {
	ms := NewMagics()
	ms.Register(Magic{Name: "boom", Run: func(context.Context, string, string, Output) (*rich.Bundle, error) { panic("inside magic") }})
	var ee *ExecError
	if _, err := ms.run(context.Background(), "%boom", "", "", newRec()); !errors.As(err, &ee) || ee.Name != "Panic" {
		t.Errorf("got %v", err)
	}
}
