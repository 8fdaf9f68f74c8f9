// Package rich turns Go values into Jupyter MIME bundles.
//
// # Overview
//
// The relucad kernel shows every cell result and every value passed to
// display as a MIME bundle: a map from MIME type to content. text/plain is
// always present; richer types are added when the value has the matching
// method, found through small structural interfaces:
//
//	LaTeX() string    → text/latex   (also the spelling Latex())
//	HTML() string     → text/html
//	SVG() string      → image/svg+xml
//	Markdown() string → text/markdown
//	String() string   → text/plain   (otherwise fmt's %v)
//
// Engine packages (poly, semialg, relu) implement these plain methods and
// never import this package or the kernel; the interfaces match them
// structurally (STYLE.md rule 15).
//
// # Conventions
//
// text/latex content is wrapped in $…$ unless the method already returned a
// string delimited by $ or \[ / \begin, since MathJax in the notebook only
// renders delimited math. Values are never rendered by panicking methods:
// a method that panics is skipped and the panic text is recorded in the
// text/plain representation.
//
// # Interpreted values
//
// Types declared inside notebook cells live in the yaegi interpreter and do
// not satisfy host interfaces through a plain any. The composed interfaces in
// compose.go let the interpreter build wrapper values (see kernel/symbols)
// so that such types render as well; Unwrap removes the wrapper again.
package rich

import (
	"fmt"
	"reflect"
	"strings"
)

// Structural interfaces that select MIME types. Libraries implement the
// methods without importing this package.
type (
	// LaTeXer is implemented by values with a LaTeX rendering (text/latex).
	LaTeXer interface{ LaTeX() string }
	// Latexer is the alternative spelling accepted for LaTeXer.
	Latexer interface{ Latex() string }
	// HTMLer is implemented by values with an HTML rendering (text/html).
	HTMLer interface{ HTML() string }
	// SVGer is implemented by values with an SVG rendering (image/svg+xml).
	SVGer interface{ SVG() string }
	// Markdowner is implemented by values with a Markdown rendering.
	Markdowner interface{ Markdown() string }
)

// Bundle is one displayable output: MIME data and per-MIME metadata.
// Data always holds "text/plain".
type Bundle struct {
	Data     map[string]any
	Metadata map[string]any
}

// HTML is a string shown as text/html.
type HTML string

// HTML returns s unchanged.
func (s HTML) HTML() string { return string(s) }

// String returns a plain-text stand-in.
func (s HTML) String() string { return "<HTML>" }

// LaTeX is a string shown as text/latex (math mode delimiters are added when
// missing).
type LaTeX string

// LaTeX returns s unchanged.
func (s LaTeX) LaTeX() string { return string(s) }

// String returns the LaTeX source.
func (s LaTeX) String() string { return string(s) }

// SVG is an SVG document shown as image/svg+xml.
type SVG string

// SVG returns s unchanged.
func (s SVG) SVG() string { return string(s) }

// String returns a plain-text stand-in.
func (s SVG) String() string { return "<SVG image>" }

// Markdown is a string shown as text/markdown.
type Markdown string

// Markdown returns s unchanged.
func (s Markdown) Markdown() string { return string(s) }

// String returns the Markdown source.
func (s Markdown) String() string { return string(s) }

// Render returns the MIME bundle of v. It never panics: a rendering method
// that panics is left out of the bundle.
func Render(v any) Bundle {
	b := Bundle{Data: map[string]any{}, Metadata: map[string]any{}}
	b.Data["text/plain"] = Plain(v)
	if s, ok := call(v, func(x any) (string, bool) {
		if l, ok := x.(LaTeXer); ok {
			return l.LaTeX(), true
		}
		if l, ok := x.(Latexer); ok {
			return l.Latex(), true
		}
		return "", false
	}); ok {
		b.Data["text/latex"] = MathDelimit(s)
	}
	if s, ok := call(v, func(x any) (string, bool) {
		h, ok := x.(HTMLer)
		if !ok {
			return "", false
		}
		return h.HTML(), true
	}); ok {
		b.Data["text/html"] = s
	}
	if s, ok := call(v, func(x any) (string, bool) {
		h, ok := x.(SVGer)
		if !ok {
			return "", false
		}
		return h.SVG(), true
	}); ok {
		b.Data["image/svg+xml"] = s
	}
	if s, ok := call(v, func(x any) (string, bool) {
		h, ok := x.(Markdowner)
		if !ok {
			return "", false
		}
		return h.Markdown(), true
	}); ok {
		b.Data["text/markdown"] = s
	}
	if len(b.Data) > 1 && !hasText(v) {
		// fmt's %v of a struct with pointers would put addresses into
		// text/plain (and into saved notebooks); use the LaTeX source or
		// the type name instead.
		if s, ok := b.Data["text/latex"].(string); ok {
			b.Data["text/plain"] = s
		} else {
			b.Data["text/plain"] = fmt.Sprintf("<%T>", Unwrap(v))
		}
	}
	return b
}

// hasText reports whether v has its own plain-text form (String or Error).
func hasText(v any) bool {
	switch v.(type) {
	case fmt.Stringer, error:
		return true
	}
	switch Unwrap(v).(type) {
	case fmt.Stringer, error:
		return true
	}
	return false
}

// call runs f on v and reports false if f reports false or panics.
func call(v any, f func(any) (string, bool)) (s string, ok bool) {
	defer func() {
		if recover() != nil {
			s, ok = "", false
		}
	}()
	return f(v)
}

// Plain returns the text/plain form of v: String() when v has it (or
// Error() for errors), else fmt's %v. A panicking String method yields a
// bracketed note instead of a panic.
func Plain(v any) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprintf("<%T: String panicked: %v>", v, r)
		}
	}()
	if x, ok := v.(fmt.Stringer); ok {
		return x.String()
	}
	v = Unwrap(v)
	switch x := v.(type) {
	case nil:
		return "<nil>"
	case string:
		return fmt.Sprintf("%q", x)
	case fmt.Stringer:
		return x.String()
	case error:
		return x.Error()
	}
	return fmt.Sprintf("%v", v)
}

// MathDelimit wraps LaTeX source in $…$ unless it is already delimited
// ($, $$, \[, \( or a \begin environment).
func MathDelimit(s string) string {
	t := strings.TrimSpace(s)
	for _, p := range []string{"$", `\[`, `\(`, `\begin`} {
		if strings.HasPrefix(t, p) {
			return s
		}
	}
	return "$" + s + "$"
}

// Unwrap returns the value held by an interpreter interface wrapper (a
// struct whose first field is IValue, as generated by yaegi extract), or v
// itself.
func Unwrap(v any) any {
	for i := 0; i < 4 && v != nil; i++ {
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Struct || rv.NumField() == 0 || rv.Type().Field(0).Name != "IValue" {
			return v
		}
		f := rv.Field(0)
		if !f.CanInterface() {
			return v
		}
		v = f.Interface()
	}
	return v
}
