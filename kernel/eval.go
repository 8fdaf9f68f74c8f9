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
	"regexp"
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
var enginePackages = []string{"github.com/relucad/relucad/poly", "github.com/relucad/relucad/semialg", "github.com/relucad/relucad/relu"}

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
	live     *liveContext
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
	e.live = &liveContext{e: e}
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
// step, compiled code that ignores ctx is abandoned and keeps running in the
// background, and Execute returns at once with an "Interrupted" error.
func (e *Evaluator) Execute(ctx context.Context, code string, out Output) (*rich.Bundle, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := &execState{ctx: ctx, out: out}
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
	if n := len(vals); n >= 2 {
		if vals[n-1] == nil && isErrorSlot(vals) {
			vals = vals[:n-1]
		}
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

// isErrorSlot reports whether a trailing nil result should be taken as the
// conventional nil error of a (value, error) pair. The interpreter hands the
// host an untyped nil, so any multi-value result ending in nil qualifies.
func isErrorSlot(vals []any) bool { return len(vals) >= 2 }

// runUnit compiles and runs one unit.
func (e *Evaluator) runUnit(ctx context.Context, st *execState, cell string, u unit, last bool) error {
	pad := strings.Repeat("\n", u.line-1) + strings.Repeat(" ", u.col-1)
	switch u.kind {
	case unitImport:
		src, specs, err := e.newImports(u.src)
		if err != nil {
			return compileError(cell, u.line, u.col, err.Error())
		}
		if src == "" {
			return nil
		}
		if err := e.run(ctx, st, cell, pad+src); err != nil {
			return err
		}
		e.nmu.Lock()
		for name, p := range specs {
			e.imported[name] = p
		}
		e.nmu.Unlock()
		return nil
	case unitStmts:
		if last {
			if off, x, ok := lastExpr(u.src); ok && !quietCall(x) {
				if off > 0 {
					head := unit{kind: unitStmts, src: u.src[:off], line: u.line, col: u.col}
					if err := e.runUnit(ctx, st, cell, head, false); err != nil {
						return err
					}
				}
				tail := u.src[off:]
				line, col := posAfter(u, off)
				tpad := strings.Repeat("\n", line-1) + strings.Repeat(" ", col-1)
				wrapped := tpad + "_relucad_result(" + strings.TrimRight(tail, " \t\n;") + ",\n)"
				prog, cerr := e.in.Compile(wrapped)
				if cerr == nil {
					err := e.exec(ctx, st, cell, prog)
					if err == nil {
						e.remember(u)
					}
					return err
				}
				// A value-less expression: run it as a plain statement.
				if err := e.run(ctx, st, cell, tpad+tail); err != nil {
					return err
				}
				e.remember(u)
				return nil
			}
		}
	}
	if err := e.run(ctx, st, cell, pad+u.src); err != nil {
		return err
	}
	e.remember(u)
	return nil
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

// run compiles and executes src.
func (e *Evaluator) run(ctx context.Context, st *execState, cell, src string) error {
	prog, err := e.in.Compile(src)
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
	prog, err := e.in.Compile("_ = 0")
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
	prog, err := e.in.Compile("_ = 0")
	if err != nil {
		return
	}
	e.in.ExecuteWithContext(context.Background(), prog) //nolint:errcheck // the point is the side effect
}

func interrupted() *ExecError {
	return &ExecError{Name: "Interrupted", Value: "execution interrupted", Traceback: []string{"Interrupted: execution interrupted by the user"}}
}

// newImports drops the import specs of src that are already in effect and
// returns the source of the remaining ones with their names.
func (e *Evaluator) newImports(src string) (string, map[string]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+src, parser.ImportsOnly)
	if err != nil {
		return "", nil, errors.New(strings.TrimPrefix(err.Error(), "2:"))
	}
	e.nmu.Lock()
	defer e.nmu.Unlock()
	var b strings.Builder
	specs := map[string]string{}
	for _, is := range f.Imports {
		p, err := strconv.Unquote(is.Path.Value)
		if err != nil {
			return "", nil, err
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
		if is.Name != nil {
			fmt.Fprintf(&b, "import %s %q\n", is.Name.Name, p)
		} else {
			fmt.Fprintf(&b, "import %q\n", p)
		}
		if name != "." {
			specs[name] = p
		}
	}
	return b.String(), specs, nil
}

var posRE = regexp.MustCompile(`^(?:[^:\s]*\.go:)?(\d+):(\d+): (.*)$`)

func (e *Evaluator) compileErr(cell string, err error) error {
	msg := err.Error()
	if m := posRE.FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
		l, _ := strconv.Atoi(m[1])
		c, _ := strconv.Atoi(m[2])
		return compileError(cell, l, c, m[3])
	}
	return &ExecError{Name: "CompileError", Value: msg, Traceback: []string{"CompileError: " + msg}}
}

// compileError builds a readable error pointing into the cell.
func compileError(cell string, line, col int, msg string) *ExecError {
	tb := []string{fmt.Sprintf("CompileError: line %d:%d: %s", line, col, msg)}
	tb = append(tb, sourceExcerpt(cell, line, col)...)
	return &ExecError{Name: "CompileError", Value: fmt.Sprintf("line %d:%d: %s", line, col, msg), Traceback: tb}
}

// sourceExcerpt returns the cell line with a caret under col.
func sourceExcerpt(cell string, line, col int) []string {
	lines := strings.Split(cell, "\n")
	if line < 1 || line > len(lines) {
		return nil
	}
	text := strings.ReplaceAll(lines[line-1], "\t", "    ")
	out := []string{fmt.Sprintf("%5d | %s", line, text)}
	if col >= 1 {
		// Columns count bytes; tabs were widened to four spaces.
		pre := lines[line-1]
		if col-1 <= len(pre) {
			pre = pre[:col-1]
		}
		w := len([]rune(strings.ReplaceAll(pre, "\t", "    ")))
		out = append(out, "      | "+strings.Repeat(" ", w)+"^")
	}
	return out
}

var frameRE = regexp.MustCompile(`^(?:[^:\s]*\.go:)?(\d+):(\d+): panic: (.*?)(?:\(\.\.\.\))?\s*$`)

// panicError turns a recovered panic and the interpreter's frame lines
// (innermost first) into an error with a traceback.
func panicError(cell string, v any, frames []string) *ExecError {
	name := "Panic"
	val := fmt.Sprint(v)
	if _, ok := v.(interface{ RuntimeError() }); ok {
		name = "RuntimeError"
	} else if s, ok := v.(string); ok && strings.HasPrefix(s, "reflect: ") {
		// The interpreter reports index and nil errors through reflect.
		name, val = "RuntimeError", strings.TrimPrefix(s, "reflect: ")
	}
	tb := []string{name + ": " + val, "Traceback (innermost call first):"}
	for _, f := range frames {
		m := frameRE.FindStringSubmatch(f)
		if m == nil {
			continue
		}
		l, _ := strconv.Atoi(m[1])
		c, _ := strconv.Atoi(m[2])
		fn := m[3]
		if fn == "main" {
			fn = "cell"
		}
		fn = strings.TrimPrefix(fn, "main.")
		tb = append(tb, fmt.Sprintf("  in %s, line %d:%d", fn, l, c))
		for _, s := range sourceExcerpt(cell, l, 0) {
			tb = append(tb, "  "+s)
		}
	}
	return &ExecError{Name: name, Value: val, Traceback: tb}
}

// hostWriter sends the interpreter's stdout/stderr to the running cell (or
// the last one, for goroutines that outlive their cell). Panic frame lines
// written by the interpreter on stderr go to the traceback instead.
type hostWriter struct {
	e    *Evaluator
	name string
}

func (w *hostWriter) Write(p []byte) (int, error) {
	st := w.e.cur.Load()
	if w.name == "stderr" && st != nil && frameRE.Match(bytesTrimNL(p)) {
		st.mu.Lock()
		st.trace = append(st.trace, string(bytesTrimNL(p)))
		st.mu.Unlock()
		return len(p), nil
	}
	var out Output
	if st != nil {
		out = st.out
	} else if o := w.e.lastOut.Load(); o != nil {
		out = *o
	}
	if out != nil {
		out.Stream(w.name, string(p))
	}
	return len(p), nil
}

func bytesTrimNL(p []byte) []byte {
	for len(p) > 0 && (p[len(p)-1] == '\n' || p[len(p)-1] == '\r') {
		p = p[:len(p)-1]
	}
	return p
}

// liveContext is the ctx variable of cells: it always stands for the
// context of the cell that is running now (Background between cells).
// Code that outlives its cell should take Context() instead.
type liveContext struct{ e *Evaluator }

func (c *liveContext) cur() context.Context {
	if st := c.e.cur.Load(); st != nil {
		return st.ctx
	}
	return context.Background()
}

// Deadline implements context.Context.
func (c *liveContext) Deadline() (time.Time, bool) { return c.cur().Deadline() }

// Done implements context.Context.
func (c *liveContext) Done() <-chan struct{} { return c.cur().Done() }

// Err implements context.Context.
func (c *liveContext) Err() error { return c.cur().Err() }

// Value implements context.Context.
func (c *liveContext) Value(k any) any { return c.cur().Value(k) }

// String names the context in cell output.
func (c *liveContext) String() string { return "kernel.ctx" }

// DisplayHandle is an output that later updates can replace (a progress
// line, a growing table). Cells get one from newDisplay.
type DisplayHandle struct {
	e  *Evaluator
	ID string
}

// Update replaces the handle's output with the rendering of v.
func (h *DisplayHandle) Update(v any) { h.e.emit(v, h.ID, true) }

func (e *Evaluator) emit(v any, id string, update bool) {
	st := e.cur.Load()
	var out Output
	if st != nil {
		out = st.out
	} else if o := e.lastOut.Load(); o != nil {
		out = *o
	}
	if out != nil {
		out.Display(rich.Render(v), id, update)
	}
}

// hostExports builds the helper package that cells dot-import.
func (e *Evaluator) hostExports() interp.Exports {
	display := func(vs ...any) {
		for _, v := range vs {
			e.emit(v, "", false)
		}
	}
	newDisplay := func(v any) *DisplayHandle {
		h := &DisplayHandle{e: e, ID: newID()}
		e.emit(v, h.ID, false)
		return h
	}
	updateDisplay := func(h *DisplayHandle, v any) {
		if h != nil {
			e.emit(v, h.ID, true)
		}
	}
	clearOutput := func(wait bool) {
		if st := e.cur.Load(); st != nil {
			st.out.ClearOutput(wait)
		}
	}
	ask := func(prompt string, password bool) string {
		st := e.cur.Load()
		if st == nil {
			panic(errors.New("input: no cell is running"))
		}
		s, err := st.out.Input(prompt, password)
		if err != nil {
			panic(err)
		}
		return s
	}
	input := func(prompt string) string { return ask(prompt, false) }
	password := func(prompt string) string { return ask(prompt, true) }
	contextFn := func() context.Context { return e.live.cur() }
	result := func(vs ...any) {
		if st := e.cur.Load(); st != nil {
			st.mu.Lock()
			st.results, st.hasRes = vs, true
			st.mu.Unlock()
		}
	}
	var ctxVar context.Context = e.live
	mt := map[reflect.Value][]reflect.Type{}
	syms := map[string]reflect.Value{
		"display":         reflect.ValueOf(display),
		"newDisplay":      reflect.ValueOf(newDisplay),
		"updateDisplay":   reflect.ValueOf(updateDisplay),
		"clearOutput":     reflect.ValueOf(clearOutput),
		"input":           reflect.ValueOf(input),
		"password":        reflect.ValueOf(password),
		"Context":         reflect.ValueOf(contextFn),
		"ctx":             reflect.ValueOf(&ctxVar).Elem(),
		"DisplayHandle":   reflect.ValueOf((*DisplayHandle)(nil)),
		"_relucad_result": reflect.ValueOf(result),
	}
	for _, n := range []string{"display", "newDisplay", "updateDisplay", "_relucad_result"} {
		mt[syms[n]] = rich.WrapOrder
	}
	return interp.Exports{
		hostPath + "/" + path.Base(hostPath): syms,
		".":                                  {"MapTypes": reflect.ValueOf(mt)},
	}
}

// globalNames returns the names visible at top level in cells.
func (e *Evaluator) globalNames() []string {
	e.nmu.Lock()
	defer e.nmu.Unlock()
	var out []string
	for n := range e.names {
		out = append(out, n)
	}
	for n := range e.imported {
		out = append(out, n)
	}
	out = append(out, "display", "newDisplay", "updateDisplay", "clearOutput", "input", "password", "Context", "ctx")
	return out
}

// packageMembers returns the exported names of the package imported as name.
func (e *Evaluator) packageMembers(name string) ([]string, bool) {
	e.nmu.Lock()
	p, ok := e.imported[name]
	e.nmu.Unlock()
	if !ok {
		return nil, false
	}
	return e.pkgs[p], true
}

// valueMembers returns the methods and fields of the cell variable name
// (for completion after "name.").
func (e *Evaluator) valueMembers(name string) ([]string, bool) {
	v, ok := e.in.Globals()[name]
	if !ok || !v.IsValid() {
		return nil, false
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	return typeMembers(v.Type()), true
}

// typeMembers lists the methods of t and *t and the fields of the struct
// t or *t.
func typeMembers(t reflect.Type) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, tt := range []reflect.Type{t, reflect.PointerTo(t)} {
		for i := 0; i < tt.NumMethod(); i++ {
			add(tt.Method(i).Name)
		}
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for i := 0; i < st.NumField(); i++ {
			if f := st.Field(i); f.IsExported() {
				add(f.Name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// describe returns a one-paragraph description of an identifier for inspect.
func (e *Evaluator) describe(pkg, name string) (string, bool) {
	if pkg != "" {
		e.nmu.Lock()
		p, ok := e.imported[pkg]
		e.nmu.Unlock()
		if !ok {
			return e.describeMember(pkg, name)
		}
		v, ok := e.pkgSyms[p][name]
		if !ok {
			return "", false
		}
		return describeValue(path.Base(p)+"."+name, v) + "\n(package " + p + ")", true
	}
	e.nmu.Lock()
	text, ok := e.names[name]
	p, isPkg := e.imported[name]
	e.nmu.Unlock()
	if ok {
		return text, true
	}
	if isPkg {
		return fmt.Sprintf("package %s (import %q)", name, p), true
	}
	if d, ok := helperDocs[name]; ok {
		return d, true
	}
	if d, ok := builtinDocs[name]; ok {
		return d, true
	}
	return "", false
}

// describeMember describes the method or field name of cell variable x.
func (e *Evaluator) describeMember(x, name string) (string, bool) {
	v, ok := e.in.Globals()[x]
	if !ok || !v.IsValid() {
		return "", false
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	t := v.Type()
	for _, tt := range []reflect.Type{t, reflect.PointerTo(t)} {
		if m, ok := tt.MethodByName(name); ok {
			return fmt.Sprintf("func (%s) %s%s", tt, name, methodSig(m)), true
		}
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		if f, ok := st.FieldByName(name); ok {
			return fmt.Sprintf("field %s.%s %s", st, name, f.Type), true
		}
	}
	return "", false
}

// methodSig renders a method's signature without its receiver.
func methodSig(m reflect.Method) string {
	ft := m.Type
	var in, out []string
	for i := 1; i < ft.NumIn(); i++ {
		s := ft.In(i).String()
		if ft.IsVariadic() && i == ft.NumIn()-1 {
			s = "..." + ft.In(i).Elem().String()
		}
		in = append(in, s)
	}
	for i := 0; i < ft.NumOut(); i++ {
		out = append(out, ft.Out(i).String())
	}
	sig := "(" + strings.Join(in, ", ") + ")"
	switch len(out) {
	case 0:
	case 1:
		sig += " " + out[0]
	default:
		sig += " (" + strings.Join(out, ", ") + ")"
	}
	return sig
}

// describeValue renders the type of an exported symbol.
func describeValue(name string, v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	t := v.Type()
	switch {
	case t.Kind() == reflect.Func:
		return "func " + name + strings.TrimPrefix(t.String(), "func")
	case t.Kind() == reflect.Pointer && v.IsNil():
		et := t.Elem()
		s := "type " + name + " (" + et.Kind().String() + ")"
		var ms []string
		for _, tt := range []reflect.Type{et, t} {
			for i := 0; i < tt.NumMethod(); i++ {
				m := tt.Method(i)
				ms = append(ms, "  "+m.Name+strings.TrimPrefix(m.Type.String(), "func"))
			}
		}
		sort.Strings(ms)
		if len(ms) > 0 {
			s += "\nmethods:\n" + strings.Join(dedup(ms), "\n")
		}
		return s
	}
	if v.CanInterface() {
		return fmt.Sprintf("%s %s = %v", name, t, v.Interface())
	}
	return t.String()
}

func dedup(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

var helperDocs = map[string]string{
	"display":       "func display(vs ...any)\nShows each value as a rich output (text/latex, text/html, image/svg+xml when the value has LaTeX, HTML or SVG methods).",
	"newDisplay":    "func newDisplay(v any) *DisplayHandle\nShows v and returns a handle whose Update method replaces that output (progress displays).",
	"updateDisplay": "func updateDisplay(h *DisplayHandle, v any)\nReplaces the output of h with v.",
	"clearOutput":   "func clearOutput(wait bool)\nClears the cell's output; with wait, when the next output arrives.",
	"input":         "func input(prompt string) string\nAsks the notebook user for a line of text (needs allow_stdin).",
	"password":      "func password(prompt string) string\nLike input, with the typed text hidden.",
	"Context":       "func Context() context.Context\nThe context of the running cell; cancelled when the user interrupts it.",
	"ctx":           "var ctx context.Context\nAlways the context of the cell that is running now; pass it to long engine calls.",
}

var builtinDocs = map[string]string{
	"append":  "func append(slice []T, elems ...T) []T",
	"len":     "func len(v Type) int",
	"cap":     "func cap(v Type) int",
	"make":    "func make(t Type, size ...int) Type",
	"new":     "func new(Type) *Type",
	"panic":   "func panic(v any)",
	"print":   "func print(args ...Type)",
	"println": "func println(args ...Type)",
	"copy":    "func copy(dst, src []Type) int",
	"delete":  "func delete(m map[Type]Type1, key Type)",
}
