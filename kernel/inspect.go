package kernel

import (
	"fmt"
	"path"
	"reflect"
	"sort"
	"strings"
)

// who lists the names cells have declared, one per line with the text of
// their declaration, sorted.
func (e *Evaluator) who() string {
	e.nmu.Lock()
	defer e.nmu.Unlock()
	names := make([]string, 0, len(e.names))
	for n := range e.names {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		decl := strings.ReplaceAll(signatureOf(e.names[n]), "\n", " ")
		if len(decl) > 100 {
			decl = decl[:97] + "..."
		}
		fmt.Fprintf(&b, "%-16s %s\n", n, decl)
	}
	if len(names) == 0 {
		return "no names declared yet"
	}
	return b.String()
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
	// Reading the interpreter's globals while a cell runs would race with
	// it (a complete_request on control); then variables are not completed.
	if !e.mu.TryLock() {
		return nil, false
	}
	v, ok := e.in.Globals()[name]
	e.mu.Unlock()
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
func (e *Evaluator) describe(pkg, name string, detail int) (string, bool) {
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
		if detail == 0 {
			text = signatureOf(text)
		}
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
	if !e.mu.TryLock() { // see valueMembers
		return "", false
	}
	v, ok := e.in.Globals()[x]
	e.mu.Unlock()
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
	"ctx":           "var ctx context.Context\nThe context of the running cell, cancelled when the cell is interrupted or ends; pass it to long engine calls. Goroutines that should outlive the cell need their own context.",
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
