package rich

import (
	"errors"
	"reflect"
	"testing"
)

type both struct{}

func (both) LaTeX() string  { return `\frac{1}{2}` }
func (both) HTML() string   { return "<i>half</i>" }
func (both) String() string { return "1/2" }

type oldSpelling struct{}

func (oldSpelling) Latex() string { return "$$x$$" }

type panicky struct{}

func (panicky) String() string { panic("no") }
func (panicky) SVG() string    { panic("no") }

// wrapper mimics a yaegi interface wrapper around an interpreted value.
type wrapper struct {
	IValue any
	WLaTeX func() string
}

func (w wrapper) LaTeX() string { return w.WLaTeX() }

func TestRender(t *testing.T) {
	b := Render(both{})
	want := map[string]any{"text/plain": "1/2", "text/latex": `$\frac{1}{2}$`, "text/html": "<i>half</i>"}
	if !reflect.DeepEqual(b.Data, want) {
		t.Errorf("Render(both) = %v", b.Data)
	}
	if b := Render(oldSpelling{}); b.Data["text/latex"] != "$$x$$" {
		t.Errorf("Latex() spelling: %v", b.Data)
	}
	b = Render(panicky{})
	if _, ok := b.Data["image/svg+xml"]; ok || b.Data["text/plain"] == "" {
		t.Errorf("panicking methods: %v", b.Data)
	}
	for v, plain := range map[any]string{nil: "<nil>", "s": `"s"`, 3: "3"} {
		if got := Render(v).Data["text/plain"]; got != plain {
			t.Errorf("Render(%v) plain = %q, want %q", v, got, plain)
		}
	}
	if got := Plain(errors.New("bad")); got != "bad" {
		t.Errorf("Plain(error) = %q", got)
	}
	w := wrapper{IValue: struct{ A int }{7}, WLaTeX: func() string { return "y" }}
	b = Render(w)
	if b.Data["text/latex"] != "$y$" || b.Data["text/plain"] != "$y$" {
		t.Errorf("wrapped value: %v", b.Data)
	}
	for _, c := range []struct{ in, out string }{{"x", "$x$"}, {"$x$", "$x$"}, {`\[x\]`, `\[x\]`}, {`\begin{pmatrix}1\end{pmatrix}`, `\begin{pmatrix}1\end{pmatrix}`}} {
		if got := MathDelimit(c.in); got != c.out {
			t.Errorf("MathDelimit(%q) = %q", c.in, got)
		}
	}
	if Render(HTML("<b>")).Data["text/html"] != "<b>" || Render(SVG("<svg/>")).Data["image/svg+xml"] != "<svg/>" || Render(Markdown("*a*")).Data["text/markdown"] != "*a*" {
		t.Error("constructor types")
	}
}

// WrapOrder must list interfaces from the largest method set to the
// smallest (yaegi picks the first one the value implements).
func TestWrapOrder(t *testing.T) {
	prev := 1 << 30
	for _, tt := range WrapOrder {
		if tt.Kind() != reflect.Interface {
			t.Fatalf("%v is not an interface", tt)
		}
		if tt.NumMethod() > prev {
			t.Errorf("%v (%d methods) after a smaller set", tt, tt.NumMethod())
		}
		prev = tt.NumMethod()
	}
	// The first match for a type with LaTeX, HTML and String keeps all three.
	for _, tt := range WrapOrder {
		if reflect.TypeOf(both{}).Implements(tt) {
			if tt != reflect.TypeFor[LaTeXHTMLStringer]() {
				t.Errorf("first match %v, want LaTeXHTMLStringer", tt)
			}
			break
		}
	}
}

type htmlOnly struct{ p *int }

func (htmlOnly) HTML() string { return "<p>card</p>" }

// A value with a rich form but no String method gets a text/plain without
// pointer addresses.
func TestPlainWithoutString(t *testing.T) {
	n := 3
	if got := Render(htmlOnly{&n}).Data["text/plain"]; got != "<rich.htmlOnly>" {
		t.Errorf("text/plain = %q", got)
	}
	if got := Render(struct{ A int }{4}).Data["text/plain"]; got != "{4}" {
		t.Errorf("plain struct = %q", got)
	}
}
