package kernel

import (
	"context"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/relucad/relucad/kernel/rich"
	"github.com/relucad/relucad/kernel/symbols"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// Output receives what a running cell produces. Implementations must be
// safe for concurrent use: goroutines started by a cell may outlive it.
type Output interface {
	// Stream appends text to the "stdout" or "stderr" stream.
	Stream(name, text string)
	// Display shows a bundle; with update it replaces the output that was
	// shown earlier under displayID.
	Display(b rich.Bundle, displayID string, update bool)
	// ClearOutput clears the cell's output (wait: when the next output arrives).
	ClearOutput(wait bool)
	// Input asks the frontend for a line of text.
	Input(prompt string, password bool) (string, error)
}

// ExecError is a failed cell: the content of an error reply.
type ExecError struct {
	Name      string   // ename, e.g. "CompileError", "Panic", "Interrupted"
	Value     string   // evalue
	Traceback []string // readable lines; never nil
}

func (e *ExecError) Error() string { return e.Name + ": " + e.Value }

// hostPath is the import path of the per-kernel helper package that every
// cell sees through a dot import (display, ctx, input, ...).
const hostPath = "relucad/kernelhost"

// preImports are imported before the first cell. Engine packages are added
// when their symbol tables exist (see kernel/symbols).
var preImports = []string{"fmt", "math/big", "context", "github.com/relucad/relucad/kernel/rich"}

// enginePackages are pre-imported when present in symbols.Symbols.
var enginePackages = []string{"github.com/relucad/relucad/poly", "github.com/relucad/relucad/semialg", "github.com/relucad/relucad/relu",
	"gonum.org/v1/gonum/mat", "gonum.org/v1/gonum/floats", "gonum.org/v1/gonum/stat"}

// Evaluator runs Go cells in a yaegi interpreter whose state persists from
// cell to cell. One cell runs at a time.
type Evaluator struct {
	in *interp.Interpreter

	mu  sync.Mutex // serialises Execute
	cur atomic.Pointer[execState]
	// lastOut receives output written between cells (goroutines that
	// outlive their cell); it is the Output of the most recent cell.
	lastOut      atomic.Pointer[Output]
	stopper      func()        // see stopRunning
	abandonGrace time.Duration // see abandonGraceDefault
	// abandoned counts interrupted cells whose goroutine did not stop.
	abandoned atomic.Int64

	nmu      sync.Mutex
	imported map[string]string   // package name in cells -> import path
	names    map[string]string   // names declared by cells -> declaration text
	pkgs     map[string][]string // import path -> exported names (binary packages)
	pkgSyms  map[string]map[string]reflect.Value
	// ctxVar is the ctx variable of cells: the context of the current
	// cell, set before the cell starts (no interpreted code runs then).
	// It is cancelled when the cell ends or is interrupted, so engine
	// calls given ctx stop even if the kernel abandoned them.
	ctxVar context.Context
}

// execState is the per-execution context seen by host helpers.
type execState struct {
	ctx     context.Context
	out     Output
	mu      sync.Mutex
	trace   []string // panic frames reported by the interpreter
	results []any
	hasRes  bool
}

// NewEvaluator returns an interpreter with the standard library, the relucad
// packages present in kernel/symbols and the kernel helpers loaded.
func NewEvaluator() (*Evaluator, error) {
	e := &Evaluator{
		imported: map[string]string{},
		names:    map[string]string{},
		pkgs:     map[string][]string{},
		pkgSyms:  map[string]map[string]reflect.Value{},
	}
	e.ctxVar = context.Background()
	stdout := &hostWriter{e: e, name: "stdout"}
	stderr := &hostWriter{e: e, name: "stderr"}
	e.in = interp.New(interp.Options{Stdout: stdout, Stderr: stderr, Stdin: strings.NewReader(""), Args: []string{"relucad-cell"}})
	for _, tbl := range []interp.Exports{stdlib.Symbols, interp.Exports(symbols.Symbols)} {
		if err := e.in.Use(tbl); err != nil {
			return nil, fmt.Errorf("kernel: loading symbols: %w", err)
		}
		for k, syms := range tbl {
			p := path.Dir(k)
			e.pkgSyms[p] = syms
			for n := range syms {
				if !strings.HasPrefix(n, "_") {
					e.pkgs[p] = append(e.pkgs[p], n)
				}
			}
			sort.Strings(e.pkgs[p])
		}
	}
	// os.Stdout and os.Stderr in cells write to the cell's streams.
	var so, se io.Writer = stdout, stderr
	if err := e.in.Use(interp.Exports{"os/os": {"Stdout": reflect.ValueOf(&so).Elem(), "Stderr": reflect.ValueOf(&se).Elem()}}); err != nil {
		return nil, err
	}
	if err := e.in.Use(e.hostExports()); err != nil {
		return nil, err
	}
	imports := append([]string(nil), preImports...)
	for _, p := range enginePackages {
		if _, ok := e.pkgSyms[p]; ok {
			imports = append(imports, p)
		}
	}
	var b strings.Builder
	b.WriteString("import (\n\t. \"" + hostPath + "\"\n")
	for _, p := range imports {
		fmt.Fprintf(&b, "\t%q\n", p)
	}
	b.WriteString(")\n")
	if _, err := e.in.Eval(b.String()); err != nil {
		return nil, fmt.Errorf("kernel: pre-imports: %w", err)
	}
	if _, err := e.in.Eval("var _relucad_sink bool"); err != nil {
		return nil, fmt.Errorf("kernel: prelude: %w", err)
	}
	for _, p := range imports {
		e.imported[path.Base(p)] = p
	}
	e.stopper = interpStopper(e.in)
	e.abandonGrace = abandonGraceDefault
	e.armCancel()
	return e, nil
}

// Use makes more compiled packages importable by cells, in the format of
// yaegi's interp.Exports ("importpath/pkgname" → name → value); see
// kernel/symbols for generating such tables.
func (e *Evaluator) Use(x interp.Exports) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.in.Use(x); err != nil {
		return err
	}
	e.nmu.Lock()
	defer e.nmu.Unlock()
	for k, syms := range x {
		p := path.Dir(k)
		if p == "." {
			continue
		}
		if e.pkgSyms[p] == nil {
			e.pkgSyms[p] = map[string]reflect.Value{}
		}
		for n, v := range syms {
			e.pkgSyms[p][n] = v
			if !strings.HasPrefix(n, "_") {
				e.pkgs[p] = append(e.pkgs[p], n)
			}
		}
		sort.Strings(e.pkgs[p])
	}
	return nil
}

// Execute runs one cell. It returns the bundle of the cell's value (nil when
// the cell ends in a statement or a value-less call) or an *ExecError.
// Cancelling ctx interrupts the cell: interpreted code stops at its next
// step, compiled code stops if it watches ctx, and compiled code that does
// not is abandoned after a grace period (2 s) and keeps running in the
// background; Execute then returns an "Interrupted" error.
func (e *Evaluator) Execute(ctx context.Context, code string, out Output) (*rich.Bundle, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := &execState{ctx: ctx, out: out}
	e.ctxVar = ctx
	e.cur.Store(st)
	defer e.cur.Store(nil)
	e.lastOut.Store(&out)

	units, err := splitCell(code)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			return nil, compileError(code, se.Line, se.Col, se.Msg)
		}
		return nil, &ExecError{Name: "SyntaxError", Value: err.Error(), Traceback: []string{err.Error()}}
	}
	for k, u := range units {
		last := k == len(units)-1
		if err := e.runUnit(ctx, st, code, u, last); err != nil {
			return nil, err
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.hasRes {
		return nil, nil
	}
	vals := st.results
	// A trailing nil of a multi-value result is taken as the conventional
	// nil error of a (value, error) pair (the interpreter hands the host an
	// untyped nil, so its static type is not known here).
	if n := len(vals); n >= 2 && vals[n-1] == nil {
		vals = vals[:n-1]
	}
	switch len(vals) {
	case 0:
		return nil, nil
	case 1:
		b := rich.Render(vals[0])
		return &b, nil
	}
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = rich.Plain(v)
	}
	b := rich.Bundle{Data: map[string]any{"text/plain": strings.Join(parts, ", ")}, Metadata: map[string]any{}}
	return &b, nil
}

// runUnit compiles and runs one unit.
func (e *Evaluator) runUnit(ctx context.Context, st *execState, cell string, u unit, last bool) error {
	pad := strings.Repeat("\n", u.line-1) + strings.Repeat(" ", u.col-1)
	switch u.kind {
	case unitImport:
		specs, err := e.newImports(u.src)
		if err != nil {
			return compileError(cell, u.line, u.col, err.Error())
		}
		// One spec at a time, each on its own cell line: a failing import
		// leaves the earlier ones in effect and recorded.
		for _, sp := range specs {
			if err := e.run(ctx, st, cell, strings.Repeat("\n", u.line+sp.line-2)+sp.src); err != nil {
				return err
			}
			if sp.name != "" {
				e.nmu.Lock()
				e.imported[sp.name] = sp.path
				e.nmu.Unlock()
			}
		}
		return nil
	case unitStmts:
		if line, col, ok := topLevelDefer(u); ok {
			// yaegi keeps a top-level deferred call in its global frame and
			// runs it after every later cell.
			return compileError(cell, line, col, "defer at the top level of a cell is not supported; use it inside a function")
		}
		if last {
			if off, end, x, ok := lastExpr(u.src); ok && !quietCall(x) {
				if off > 0 {
					head := unit{kind: unitStmts, src: u.src[:off], line: u.line, col: u.col}
					if err := e.runUnit(ctx, st, cell, head, false); err != nil {
						return err
					}
				}
				tail := u.src[off:]
				line, col := posAfter(u, off)
				tpad := strings.Repeat("\n", line-1) + strings.Repeat(" ", col-1)
				wrapped := tpad + "_relucad_result(" + u.src[off:end] + ",\n)"
				prog, cerr := e.compile(wrapped)
				if cerr == nil {
					err := e.exec(ctx, st, cell, prog)
					if err == nil {
						e.remember(u)
					}
					return err
				}
				// A value-less expression: run it as a plain statement.
				err := e.run(ctx, st, cell, tpad+tail)
				e.resetMain(tail)
				if err != nil {
					return err
				}
				e.remember(u)
				return nil
			}
		}
	}
	if u.kind == unitStmts {
		return e.runStmts(ctx, st, cell, u)
	}
	if err := e.run(ctx, st, cell, pad+u.src); err != nil {
		return err
	}
	e.remember(u)
	return nil
}

// wrapPrefix and wrapSuffix enclose statements that are not top-level
// declarations in a function literal. yaegi v0.16 mis-scopes blocks at the
// top level of a REPL source (x := … inside an if or for assigns the global
// x; a, b := f() inside a loop does not declare a and b); inside a function
// body its scoping is right. The literal's result is assigned to a global
// declared by NewEvaluator so that the source does not start with "func"
// (see resetMain); assigning to _ is not an option, as yaegi gives _ the
// type of its first assignment.
const (
	wrapPrefix = "_relucad_sink = func() bool {"
	wrapSuffix = "\nreturn true\n}()"
)

// runStmts runs a statements unit: top-level short variable declarations
// run as they are (they declare the cell's globals), every run of other
// statements runs wrapped in a function literal.
func (e *Evaluator) runStmts(ctx context.Context, st *execState, cell string, u unit) error {
	for _, p := range stmtParts(u) {
		src := strings.Repeat("\n", p.line-1) + strings.Repeat(" ", p.col-1) + p.src
		if p.wrap {
			src = strings.Repeat("\n", p.line-1) + strings.Repeat(" ", max(p.col-1-len(wrapPrefix), 0)) + wrapPrefix + p.src + wrapSuffix
		}
		err := e.run(ctx, st, cell, src)
		if !p.wrap {
			e.resetMain(p.src)
		}
		if err != nil {
			return err
		}
	}
	e.remember(u)
	return nil
}

// resetMain works around a yaegi v0.16 defect: when a statement source
// starts with "func" (a function literal called at top level),
// the interpreter keeps that literal as the program's main function and runs
// it again after every later compilation. Declaring an empty main replaces
// it.
func (e *Evaluator) resetMain(src string) {
	t := strings.TrimSpace(src)
	if !strings.HasPrefix(t, "func") {
		return
	}
	if prog, err := e.compile("func main() {}"); err == nil {
		e.in.Execute(prog) //nolint:errcheck // an empty declaration
	}
}

// posAfter returns the cell line and column of byte offset off within u.
func posAfter(u unit, off int) (line, col int) {
	line, col = u.line, u.col
	for _, r := range u.src[:off] {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

func (e *Evaluator) remember(u unit) {
	names := declaredNames(u)
	e.nmu.Lock()
	for n, t := range names {
		e.names[n] = t
	}
	e.nmu.Unlock()
}

// compile compiles src, turning a panic inside the interpreter's compiler
// (yaegi has a few) into an error so that the kernel survives it.
func (e *Evaluator) compile(src string) (prog *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("internal interpreter error while compiling: %v", r)
		}
	}()
	return e.in.Compile(src)
}

// run compiles and executes src.
func (e *Evaluator) run(ctx context.Context, st *execState, cell, src string) error {
	prog, err := e.compile(src)
	if err != nil {
		return e.compileErr(cell, err)
	}
	return e.exec(ctx, st, cell, prog)
}

func (e *Evaluator) exec(ctx context.Context, st *execState, cell string, prog *interp.Program) error {
	if err := ctx.Err(); err != nil {
		return interrupted()
	}
	st.mu.Lock()
	st.trace = nil // frames of panics recovered inside earlier units
	st.mu.Unlock()
	type result struct{ err error }
	done := make(chan result, 1)
	go func() {
		// Execute recovers panics of interpreted code into interp.Panic.
		_, err := e.in.Execute(prog)
		done <- result{err}
	}()
	var err error
	select {
	case r := <-done:
		err = r.err
	case <-ctx.Done():
		e.stopRunning()
		select {
		case <-done:
		case <-time.After(e.abandonGrace):
			// Compiled code that ignores ctx: abandon its goroutine.
			e.abandoned.Add(1)
			e.armCancel()
			ie := interrupted()
			ie.Traceback = append(ie.Traceback, fmt.Sprintf("The cell did not stop within %v (compiled code that does not watch ctx); it keeps running in the background. Its state may change under later cells; restart the kernel to be safe.", e.abandonGrace))
			return ie
		}
		e.armCancel()
		return interrupted()
	}
	if err == nil {
		return nil
	}
	var p interp.Panic
	if errors.As(err, &p) {
		st.mu.Lock()
		frames := append([]string(nil), st.trace...)
		st.trace = nil
		st.mu.Unlock()
		return panicError(cell, p.Value, frames)
	}
	return e.compileErr(cell, err)
}

// abandonGraceDefault is how long an interrupt waits for the cell to stop before
// abandoning it. Interpreted code stops at its next step; only compiled
// code that does not watch ctx outlives the grace period.
const abandonGraceDefault = 2 * time.Second

// stopRunning makes every running interpreted frame stop at its next step
// and cancels its blocking channel operations.
//
// yaegi offers this only inside ExecuteWithContext, which returns at once
// and leaves the cancelled program running concurrently with whatever runs
// next (a data race inside the interpreter). The kernel instead runs
// programs with Execute in its own goroutine, stops them with the
// interpreter's own mechanism (bump the run id that every frame checks,
// close the done channel that cancellable channel operations select on) and
// then waits for the goroutine. The two unexported fields are located by
// reflection and checked; if yaegi's layout ever changes, the fallback runs
// an empty program under a cancelled context, which has the same effect
// but races.
func (e *Evaluator) stopRunning() {
	if e.stopper != nil {
		e.stopper()
		return
	}
	prog, err := e.compile("_relucad_sink = false")
	if err != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e.in.ExecuteWithContext(ctx, prog) //nolint:errcheck // the point is the side effect
}

// interpStopper returns the stop function described at stopRunning, or nil
// when the interpreter's layout is not the expected one.
func interpStopper(in *interp.Interpreter) func() {
	t := reflect.TypeOf(in).Elem()
	idf, ok1 := t.FieldByName("id")
	df, ok2 := t.FieldByName("done")
	if !ok1 || !ok2 || idf.Type.Kind() != reflect.Uint64 || idf.Offset%8 != 0 || df.Type != reflect.TypeOf((chan struct{})(nil)) {
		return nil
	}
	base := unsafe.Pointer(in)
	idp := (*uint64)(unsafe.Add(base, idf.Offset))
	donep := (*chan struct{})(unsafe.Add(base, df.Offset))
	return func() {
		atomic.AddUint64(idp, 1)
		if d := *donep; d != nil {
			select {
			case <-d: // already closed
			default:
				close(d)
			}
		}
	}
}

// armCancel makes channel operations of the next cells cancellable again
// (stopRunning closed the interpreter's cancellation channel).
func (e *Evaluator) armCancel() {
	prog, err := e.compile("_relucad_sink = false")
	if err != nil {
		return
	}
	e.in.ExecuteWithContext(context.Background(), prog) //nolint:errcheck // the point is the side effect
}

func interrupted() *ExecError {
	return &ExecError{Name: "Interrupted", Value: "execution interrupted", Traceback: []string{"Interrupted: execution interrupted by the user"}}
}

// importSpec is one import of a cell that is not in effect yet.
type importSpec struct {
	name string // name in cells ("" for a dot import)
	path string
	line int    // line within the unit, 1-based
	src  string // "import name \"path\""
}

// newImports returns the import specs of src that are not already in
// effect.
func (e *Evaluator) newImports(src string) ([]importSpec, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\n"+src, parser.ImportsOnly)
	if err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "2:"))
	}
	e.nmu.Lock()
	defer e.nmu.Unlock()
	var out []importSpec
	for _, is := range f.Imports {
		p, err := strconv.Unquote(is.Path.Value)
		if err != nil {
			return nil, err
		}
		name := path.Base(p)
		if is.Name != nil {
			name = is.Name.Name
		}
		if name == "_" {
			continue
		}
		if old, ok := e.imported[name]; ok && old == p {
			continue
		}
		sp := importSpec{name: name, path: p, line: fset.Position(is.Pos()).Line - 1, src: fmt.Sprintf("import %q", p)}
		if is.Name != nil {
			sp.src = fmt.Sprintf("import %s %q", is.Name.Name, p)
		}
		if name == "." {
			sp.name = ""
		}
		out = append(out, sp)
	}
	return out, nil
}
