package kernel

import (
	"context"
	"fmt"
	"html"
	"strings"

	"github.com/relucad/relucad/kernel/rich"
	"github.com/relucad/relucad/relu"
	"github.com/relucad/relucad/semialg"
)

// DefaultMagics returns %help plus the engine magics:
//
//	%check SPEC     closedness verdict of a ReLU support (relu.Closedness)
//	%describe SPEC  the support, its canonical form and invariant
//	%%qe            quantifier elimination (semialg.QE) of the formula in
//	                the cell body, in semialg's syntax; for a sentence the
//	                result is true or false
func DefaultMagics() *Magics {
	ms := NewMagics()
	ms.Register(Magic{Name: "check", Doc: "SPEC — decide whether the function space of a ReLU support is closed", Run: checkMagic})
	ms.Register(Magic{Name: "describe", Doc: "SPEC — show a ReLU support, its canonical form and invariant", Run: describeMagic})
	ms.Register(Magic{Name: "qe", Cell: true, Doc: "quantifier elimination of the formula in the cell body (semialg syntax)", Run: qeMagic})
	return ms
}

func checkMagic(ctx context.Context, args, _ string, _ Output) (*rich.Bundle, error) {
	s, err := relu.ParseSpec(args)
	if err != nil {
		return nil, err
	}
	v, err := relu.Closedness(ctx, s)
	if err != nil {
		return nil, err
	}
	b := rich.Render(v.Cert)
	b.Data["text/plain"] = fmt.Sprintf("%s: %s", s, v.Status)
	if v.Cert != nil {
		if _, ok := b.Data["text/html"]; !ok {
			b.Data["text/html"] = "<pre>" + html.EscapeString(rich.Plain(v.Cert)) + "</pre>"
		}
	}
	return &b, nil
}

func describeMagic(_ context.Context, args, _ string, _ Output) (*rich.Bundle, error) {
	s, err := relu.ParseSpec(args)
	if err != nil {
		return nil, err
	}
	c, err := relu.Canonical(s)
	if err != nil {
		return nil, err
	}
	text := fmt.Sprintf("support:   %s\ncanonical: %s\ninvariant: %s", s, c, relu.Invariant(s))
	b := rich.Bundle{Data: map[string]any{
		"text/plain": text,
		"text/html":  "<pre>" + html.EscapeString(text) + "</pre>",
	}, Metadata: map[string]any{}}
	return &b, nil
}

func qeMagic(ctx context.Context, args, body string, _ Output) (*rich.Bundle, error) {
	text := strings.TrimSpace(body)
	if text == "" {
		text = strings.TrimSpace(args)
	}
	f, _, err := semialg.ParseAuto(text)
	if err != nil {
		return nil, err
	}
	g, err := semialg.QE(ctx, f)
	if err != nil {
		return nil, err
	}
	b := rich.Bundle{Data: map[string]any{
		"text/plain": g.String(),
		"text/latex": "$$" + f.LaTeX() + ` \iff ` + g.LaTeX() + "$$",
	}, Metadata: map[string]any{}}
	return &b, nil
}
