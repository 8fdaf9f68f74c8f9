// Composed display interfaces for the interpreter's wrapper mechanism.
//
// yaegi passes an interpreted value to a compiled function parameter of type
// any without its methods. When the kernel registers a compiled function
// with a list of interfaces ("MapTypes"), yaegi wraps the argument in the
// first listed interface that the interpreted type implements. Each wrapper
// carries exactly the methods of that one interface, so the list must run
// from the largest method set to the smallest; WrapOrder is that list.
//
// Written by hand from the four display methods LaTeX, HTML, SVG and String;
// keep it in sync with Render.

package rich

import "reflect"

type (
	// LaTeXHTMLSVGStringer has the methods LaTeX, HTML, SVG, String.
	LaTeXHTMLSVGStringer interface {
		LaTeX() string
		HTML() string
		SVG() string
		String() string
	}
	// LaTeXHTMLSVGer has the methods LaTeX, HTML, SVG.
	LaTeXHTMLSVGer interface {
		LaTeX() string
		HTML() string
		SVG() string
	}
	// LaTeXHTMLStringer has the methods LaTeX, HTML, String.
	LaTeXHTMLStringer interface {
		LaTeX() string
		HTML() string
		String() string
	}
	// LaTeXSVGStringer has the methods LaTeX, SVG, String.
	LaTeXSVGStringer interface {
		LaTeX() string
		SVG() string
		String() string
	}
	// HTMLSVGStringer has the methods HTML, SVG, String.
	HTMLSVGStringer interface {
		HTML() string
		SVG() string
		String() string
	}
	// LaTeXHTMLer has the methods LaTeX, HTML.
	LaTeXHTMLer interface {
		LaTeX() string
		HTML() string
	}
	// LaTeXSVGer has the methods LaTeX, SVG.
	LaTeXSVGer interface {
		LaTeX() string
		SVG() string
	}
	// LaTeXStringer has the methods LaTeX, String.
	LaTeXStringer interface {
		LaTeX() string
		String() string
	}
	// HTMLSVGer has the methods HTML, SVG.
	HTMLSVGer interface {
		HTML() string
		SVG() string
	}
	// HTMLStringer has the methods HTML, String.
	HTMLStringer interface {
		HTML() string
		String() string
	}
	// SVGStringer has the methods SVG, String.
	SVGStringer interface {
		SVG() string
		String() string
	}
)

// Stringer is the text/plain interface (fmt.Stringer under a local name so
// that the interpreter finds its wrapper in this package).
type Stringer interface{ String() string }

// WrapOrder lists the display interfaces from the largest method set to the
// smallest, the order yaegi's MapTypes mechanism requires.
var WrapOrder = []reflect.Type{
	reflect.TypeFor[LaTeXHTMLSVGStringer](),
	reflect.TypeFor[LaTeXHTMLSVGer](),
	reflect.TypeFor[LaTeXHTMLStringer](),
	reflect.TypeFor[LaTeXSVGStringer](),
	reflect.TypeFor[HTMLSVGStringer](),
	reflect.TypeFor[LaTeXHTMLer](),
	reflect.TypeFor[LaTeXSVGer](),
	reflect.TypeFor[LaTeXStringer](),
	reflect.TypeFor[HTMLSVGer](),
	reflect.TypeFor[HTMLStringer](),
	reflect.TypeFor[SVGStringer](),
	reflect.TypeFor[LaTeXer](),
	reflect.TypeFor[HTMLer](),
	reflect.TypeFor[SVGer](),
	reflect.TypeFor[Markdowner](),
	reflect.TypeFor[Stringer](),
}
