package kernel

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relucad/relucad/kernel/rich"
	"github.com/traefik/yaegi/interp"
)

// recOutput records what a cell produced.
type recOutput struct {
	mu       sync.Mutex
	streams  map[string]string
	displays []rich.Bundle
	ids      []string
	updates  []bool
	inputs   []string
}

func newRec() *recOutput { return &recOutput{streams: map[string]string{}} }

func (r *recOutput) Stream(name, text string) {
	r.mu.Lock()
	r.streams[name] += text
	r.mu.Unlock()
}

func (r *recOutput) Display(b rich.Bundle, id string, update bool) {
	r.mu.Lock()
	r.displays = append(r.displays, b)
	r.ids = append(r.ids, id)
	r.updates = append(r.updates, update)
	r.mu.Unlock()
}

func (r *recOutput) ClearOutput(bool) {}

func (r *recOutput) Input(prompt string, password bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.inputs) == 0 {
		return "", errors.New("no input")
	}
	s := r.inputs[0]
	r.inputs = r.inputs[1:]
	return s, nil
}

func newTestEvaluator(t *testing.T) *Evaluator {
	t.Helper()
	e, err := NewEvaluator()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestEvaluatorCells replays cells through one evaluator; each row states
// the expected text/plain result (or "" for none), stdout, and error name.
// Expected values are hand computations of the Go semantics.
func TestEvaluatorCells(t *testing.T) {
	e := newTestEvaluator(t)
	cells := []struct {
		name, code, result, stdout, stderr, errName string
	}{
		{"expr", "1 + 2", "3", "", "", ""},
		{"define", "x := 40", "", "", "", ""},
		{"persist", "x + 2", "42", "", "", ""},
		{"print", `fmt.Println("hello, world")`, "", "hello, world\n", "", ""},
		{"stderr", "import \"os\"\nfmt.Fprintln(os.Stderr, \"oops\")", "", "", "oops\n", ""},
		{"import-print", "import \"os\"\nos.Stdout.Write([]byte(\"w\\n\"))", "", "w\n", "", ""},
		{"mixed", "import \"strings\"\nfunc up(s string) string { return strings.ToUpper(s) }\ny := up(\"ab\")\ny", `"AB"`, "", "", ""},
		{"rerun-mixed", "import \"strings\"\nfunc up(s string) string { return strings.ToUpper(s) + \"!\" }\ny := up(\"ab\")\ny", `"AB!"`, "", "", ""},
		{"multi", "func two() (int, string) { return 1, \"a\" }\ntwo()", `1, "a"`, "", "", ""},
		{"value-error", "func vf() (int, error) { return 7, nil }\nvf()", "7", "", "", ""},
		{"void", "func void() {}\nvoid()", "", "", "", ""},
		{"bigrat", "big.NewRat(6, 4)", "3/2", "", "", ""},
		{"panic", "func boom() { panic(\"boom\") }\nboom()", "", "", "", "Panic"},
		{"after-panic", "x", "40", "", "", ""},
		{"runtime", "var m map[string]int\nm[\"a\"] = 1", "", "", "", "RuntimeError"},
		{"compile", "undefinedThing + 1", "", "", "", "CompileError"},
		{"syntax", "func (", "", "", "", "CompileError"},
		{"comment-only", "// nothing", "", "", "", ""},
		{"loop", "s := 0\nfor i := 1; i <= 10; i++ { s += i }\ns", "55", "", "", ""},
		{"method", "type P struct{ a int }\nfunc (p P) Double() int { return 2 * p.a }\nP{21}.Double()", "42", "", "", ""},
		{"trailing-comment", "x + 3 // the answer, almost", "43", "", "", ""},
		{"multiline-expr", "x +\n\t4", "44", "", "", ""},
	}
	for _, c := range cells {
		out := newRec()
		b, err := e.Execute(context.Background(), c.code, out)
		var ee *ExecError
		gotErr := ""
		if errors.As(err, &ee) {
			gotErr = ee.Name
			if len(ee.Traceback) == 0 {
				t.Errorf("%s: empty traceback", c.name)
			}
		} else if err != nil {
			t.Fatalf("%s: non-ExecError %v", c.name, err)
		}
		if gotErr != c.errName {
			t.Errorf("%s: error %q (%v), want %q", c.name, gotErr, err, c.errName)
			continue
		}
		got := ""
		if b != nil {
			got, _ = b.Data["text/plain"].(string)
		}
		if got != c.result {
			t.Errorf("%s: result %q, want %q", c.name, got, c.result)
		}
		if out.streams["stdout"] != c.stdout || out.streams["stderr"] != c.stderr {
			t.Errorf("%s: streams %q, want stdout %q stderr %q", c.name, out.streams, c.stdout, c.stderr)
		}
	}
}

func TestEvaluatorPanicTraceback(t *testing.T) {
	e := newTestEvaluator(t)
	out := newRec()
	_, err := e.Execute(context.Background(), "func inner() {\n\tpanic(\"deep\")\n}\ninner()", out)
	var ee *ExecError
	if !errors.As(err, &ee) {
		t.Fatalf("got %v", err)
	}
	tb := strings.Join(ee.Traceback, "\n")
	if !strings.Contains(tb, "in inner, line 2") || !strings.Contains(tb, `panic("deep")`) {
		t.Errorf("traceback lacks the frame:\n%s", tb)
	}
	if out.streams["stderr"] != "" {
		t.Errorf("panic frames leaked to stderr: %q", out.streams["stderr"])
	}
}

func TestEvaluatorRichDisplay(t *testing.T) {
	e := newTestEvaluator(t)
	out := newRec()
	code := "type T struct{}\nfunc (T) LaTeX() string { return `x^2` }\nfunc (T) String() string { return \"x^2\" }\ndisplay(T{}, rich.HTML(\"<b>b</b>\"))\nh := newDisplay(\"0%\")\nh.Update(\"100%\")\nT{}"
	b, err := e.Execute(context.Background(), code, out)
	if err != nil {
		t.Fatal(err)
	}
	if b == nil || b.Data["text/latex"] != "$x^2$" || b.Data["text/plain"] != "x^2" {
		t.Fatalf("result bundle %+v", b)
	}
	if len(out.displays) != 4 {
		t.Fatalf("%d displays, want 4", len(out.displays))
	}
	if out.displays[0].Data["text/latex"] != "$x^2$" || out.displays[1].Data["text/html"] != "<b>b</b>" {
		t.Errorf("displays %+v", out.displays[:2])
	}
	if out.ids[2] == "" || out.ids[2] != out.ids[3] || out.updates[2] || !out.updates[3] {
		t.Errorf("display ids %q updates %v", out.ids, out.updates)
	}
}

func TestEvaluatorInterrupt(t *testing.T) {
	e := newTestEvaluator(t)
	e.abandonGrace = time.Second
	for _, code := range []string{
		"for {}",
		"for ctx.Err() == nil {}\npanic(\"not reached\")",
		"<-Context().Done()\nselect {}",
	} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		start := time.Now()
		_, err := e.Execute(ctx, code, newRec())
		var ee *ExecError
		if !errors.As(err, &ee) || ee.Name != "Interrupted" {
			t.Errorf("%q: got %v, want Interrupted", code, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%q: interrupt took %v", code, d)
		}
		b, err := e.Execute(context.Background(), "6 * 7", newRec())
		if err != nil || b == nil || b.Data["text/plain"] != "42" {
			t.Fatalf("after interrupt of %q: %v %v", code, b, err)
		}
	}
	// Interpreted loops and channel operations stop; nothing is abandoned.
	if n := e.abandoned.Load(); n != 0 {
		t.Errorf("%d cells abandoned", n)
	}
}

func TestEvaluatorInput(t *testing.T) {
	e := newTestEvaluator(t)
	out := newRec()
	out.inputs = []string{"Ada"}
	b, err := e.Execute(context.Background(), `"hi " + input("name? ")`, out)
	if err != nil || b == nil || b.Data["text/plain"] != `"hi Ada"` {
		t.Fatalf("got %v %v", b, err)
	}
	_, err = e.Execute(context.Background(), `input("again? ")`, out)
	if err == nil {
		t.Fatal("input without a reply should fail the cell")
	}
}

// Completion and inspection of cell variables, packages and helpers; the
// expected members are those of math/big's documented API.
func TestEvaluatorCompletions(t *testing.T) {
	e := newTestEvaluator(t)
	if _, err := e.Execute(context.Background(), "r := big.NewRat(1, 2)\ntype P struct{ Alpha int }\np := P{}\nfunc helper() {}", newRec()); err != nil {
		t.Fatal(err)
	}
	has := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	for _, c := range []struct{ qual, prefix, want string }{
		{"r", "Nu", "Num"},
		{"p", "Al", "Alpha"},
		{"big", "NewR", "NewRat"},
		{"", "hel", "helper"},
		{"", "disp", "display"},
		{"", "fo", "for"},
	} {
		if got := e.completions(c.qual, c.prefix); !has(got, c.want) {
			t.Errorf("completions(%q, %q) = %v, want %s among them", c.qual, c.prefix, got, c.want)
		}
	}
	if got, _ := e.describe("", "helper", 1); got != "func helper() {}" {
		t.Errorf("detail level 1 shows %q, want the whole declaration", got)
	}
	if got := e.completions("nosuch", ""); len(got) != 0 {
		t.Errorf("completions of an unknown name: %v", got)
	}
	for _, c := range []struct{ qual, name, want string }{
		{"r", "Num", "func (*big.Rat) Num() *big.Int"},
		{"big", "NewRat", "func big.NewRat(int64, int64) *big.Rat"},
		{"", "helper", "func helper()"},
		{"", "display", "func display(vs ...any)"},
		{"", "fmt", `package fmt (import "fmt")`},
	} {
		got, ok := e.describe(c.qual, c.name, 0)
		if !ok || !strings.Contains(got, c.want) {
			t.Errorf("describe(%q, %q) = %q, %v; want it to contain %q", c.qual, c.name, got, ok, c.want)
		}
	}
}

// An interrupt stops a compiled computation that watches ctx at once; one
// that ignores ctx is abandoned after the grace period and the evaluator
// stays usable.
func TestEvaluatorInterruptCompiled(t *testing.T) {
	e := newTestEvaluator(t)
	e.abandonGrace = time.Second // generous: a loaded CI machine must not turn a prompt stop into an abandonment
	release := make(chan struct{})
	defer close(release)
	gate, lateSaw := make(chan struct{}), make(chan error, 1)
	err := e.Use(interp.Exports{"relucadtest/slow/slow": {
		"Spin": reflect.ValueOf(func(ctx context.Context) error {
			for ctx.Err() == nil {
				time.Sleep(time.Millisecond)
			}
			return ctx.Err()
		}),
		"Stuck": reflect.ValueOf(func() { <-release }),
		"Late": reflect.ValueOf(func(ctx context.Context) {
			<-gate // ignores ctx for a while
			lateSaw <- ctx.Err()
		}),
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		code      string
		abandoned int64
	}{
		{"import \"relucadtest/slow\"\nslow.Spin(ctx)", 0},
		{"slow.Stuck()", 1},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		start := time.Now()
		_, err := e.Execute(ctx, c.code, newRec())
		d := time.Since(start)
		var ee *ExecError
		if !errors.As(err, &ee) || ee.Name != "Interrupted" {
			t.Errorf("%q: %v", c.code, err)
		}
		if c.abandoned == 0 && d > 900*time.Millisecond {
			t.Errorf("%q: ctx-aware call took %v to stop", c.code, d)
		}
		if got := e.abandoned.Load(); got != c.abandoned {
			t.Errorf("%q: abandoned %d, want %d", c.code, got, c.abandoned)
		}
		if c.abandoned > 0 && ee != nil && !strings.Contains(strings.Join(ee.Traceback, "\n"), "keeps running in the background") {
			t.Errorf("%q: traceback does not say the computation was abandoned: %v", c.code, ee.Traceback)
		}
		if b, err := e.Execute(context.Background(), "1 + 1", newRec()); err != nil || b.Data["text/plain"] != "2" {
			t.Fatalf("after %q: %v %v", c.code, b, err)
		}
	}
	// An abandoned call that looks at its ctx only later sees its own
	// cell's cancellation, not the context of the cell running then.
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := e.Execute(ctx, "slow.Late(ctx)", newRec()); err == nil {
		t.Fatal("Late was not interrupted")
	}
	next := make(chan struct{})
	go func() {
		defer close(next)
		e.Execute(context.Background(), "import \"time\"\ntime.Sleep(200 * time.Millisecond)", newRec())
	}()
	time.Sleep(50 * time.Millisecond)
	close(gate)
	if err := <-lateSaw; err == nil {
		t.Error("the abandoned call saw an uncancelled ctx")
	}
	<-next
}

// An import that cannot be resolved is reported on its own line of the cell.
func TestEvaluatorImportErrorLine(t *testing.T) {
	e := newTestEvaluator(t)
	_, err := e.Execute(context.Background(), "import (\n\t\"strings\"\n\t\"no/such/pkg\"\n)", newRec())
	var ee *ExecError
	if !errors.As(err, &ee) || !strings.HasPrefix(ee.Value, "line 3:") {
		t.Fatalf("got %v", err)
	}
	// The import before the failing one stays in effect and recorded, so
	// a corrected cell that imports it again works.
	if b, err := e.Execute(context.Background(), "import \"strings\"\nstrings.Repeat(\"ab\", 2)", newRec()); err != nil || b.Data["text/plain"] != `"abab"` {
		t.Fatalf("after failed import: %v %v", b, err)
	}
}

// TestIssueTopLevelFuncLiteral: a function literal called at the start of
// a cell runs once, not again in every later cell (yaegi v0.16 defect, see
// Evaluator.resetMain).
func TestIssueTopLevelFuncLiteral(t *testing.T) {
	e := newTestEvaluator(t)
	for i, c := range []struct{ code, stdout string }{
		{`func() { fmt.Println("once") }()`, "once\n"},
		{"1", ""},
		{"2", ""},
		{`fmt.Println("plain")`, "plain\n"},
	} {
		out := newRec()
		if _, err := e.Execute(context.Background(), c.code, out); err != nil {
			t.Fatalf("cell %d: %v", i, err)
		}
		if out.streams["stdout"] != c.stdout {
			t.Errorf("cell %d %q: stdout %q, want %q", i, c.code, out.streams["stdout"], c.stdout)
		}
	}
}

func TestTopLevelDeferRejected(t *testing.T) {
	e := newTestEvaluator(t)
	out := newRec()
	_, err := e.Execute(context.Background(), "x := 1\ndefer fmt.Println(\"later\")", out)
	var ee *ExecError
	if !errors.As(err, &ee) || !strings.HasPrefix(ee.Value, "line 2:1: defer") {
		t.Fatalf("got %v", err)
	}
	if _, err := e.Execute(context.Background(), "func g() { defer fmt.Println(\"in g\") }\ng()", out); err != nil || out.streams["stdout"] != "in g\n" {
		t.Fatalf("defer inside a function: %v %q", err, out.streams)
	}
}

// Block scoping at the top level of a cell follows Go (yaegi v0.16 alone
// gets these wrong; see runStmts). Expected values: hand evaluation.
func TestTopLevelScoping(t *testing.T) {
	e := newTestEvaluator(t)
	for _, c := range []struct{ code, result string }{
		{"x := 5\nif true { x := 7; _ = x }\nx", "5"},
		{"sum := 0\nfor i := 0; i < 3; i++ { a, b := i, 2*i; sum += a + b }\nsum", "9"}, // (0+0)+(1+2)+(2+4)
		{"import \"strconv\"\ntotal := 0\nfor _, s := range []string{\"1\", \"22\"} {\n\tn, err := strconv.Atoi(s)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\ttotal += n\n}\ntotal", "23"},
		{"k := 1\nk++\nk *= 10\nk", "20"},
	} {
		b, err := e.Execute(context.Background(), c.code, newRec())
		if err != nil || b == nil || b.Data["text/plain"] != c.result {
			t.Errorf("%q: %v %v, want %s", c.code, b, err, c.result)
		}
	}
	_, err := e.Execute(context.Background(), "y := 1\nfor {\n\tpanic(\"in loop\")\n}", newRec())
	var ee *ExecError
	if !errors.As(err, &ee) || !strings.Contains(strings.Join(ee.Traceback, "\n"), `panic("in loop")`) {
		t.Errorf("panic in a wrapped loop: %v", err)
	}
	_, err = e.Execute(context.Background(), "z := 1\nfor {\n\tundefinedName++\n}", newRec())
	if !errors.As(err, &ee) || !strings.HasPrefix(ee.Value, "line 3:") {
		t.Errorf("compile error in a wrapped loop: %v", err)
	}
}

// TestBlankAfterTypedBlank: a cell that assigns an error to _ does not
// break the statement wrapping of later cells.
func TestBlankAfterTypedBlank(t *testing.T) {
	e := newTestEvaluator(t)
	for _, code := range []string{"_, err := fmt.Println()", "if err == nil {\n\tfmt.Print(\"\")\n}", "_ = 3"} {
		if _, err := e.Execute(context.Background(), code, newRec()); err != nil && code != "_ = 3" {
			t.Fatalf("%q: %v", code, err)
		}
	}
}

// After _ has been given a type, interrupts still re-arm cancellable
// channel operations: a cell blocked on a channel can be interrupted twice.
func TestInterruptAfterTypedBlank(t *testing.T) {
	e := newTestEvaluator(t)
	e.abandonGrace = time.Second
	if _, err := e.Execute(context.Background(), "_, err := fmt.Println()\nch := make(chan int)", newRec()); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		start := time.Now()
		_, err := e.Execute(ctx, "<-ch", newRec())
		var ee *ExecError
		if !errors.As(err, &ee) || ee.Name != "Interrupted" {
			t.Fatalf("round %d: %v", i, err)
		}
		if d := time.Since(start); d < 90*time.Millisecond {
			t.Fatalf("round %d: the channel receive returned after %v, before the interrupt", i, d)
		}
	}
	if e.abandoned.Load() != 0 {
		t.Errorf("a channel receive was abandoned instead of cancelled")
	}
}
