package kernel

import (
	"context"
	"errors"
	"path"
	"reflect"

	"github.com/relucad/relucad/kernel/rich"
	"github.com/traefik/yaegi/interp"
)

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

// DisplayHandle is an output that later updates can replace (a progress
// line, a growing table). Cells get one from newDisplay.
type DisplayHandle struct {
	e  *Evaluator
	ID string
}

// String names the handle.
func (h *DisplayHandle) String() string { return "display " + h.ID }

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
	contextFn := func() context.Context {
		if st := e.cur.Load(); st != nil {
			return st.ctx
		}
		return context.Background()
	}
	result := func(vs ...any) {
		if st := e.cur.Load(); st != nil {
			st.mu.Lock()
			st.results, st.hasRes = vs, true
			st.mu.Unlock()
		}
	}
	mt := map[reflect.Value][]reflect.Type{}
	syms := map[string]reflect.Value{
		"display":         reflect.ValueOf(display),
		"newDisplay":      reflect.ValueOf(newDisplay),
		"updateDisplay":   reflect.ValueOf(updateDisplay),
		"clearOutput":     reflect.ValueOf(clearOutput),
		"input":           reflect.ValueOf(input),
		"password":        reflect.ValueOf(password),
		"Context":         reflect.ValueOf(contextFn),
		"ctx":             reflect.ValueOf(&e.ctxVar).Elem(),
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
