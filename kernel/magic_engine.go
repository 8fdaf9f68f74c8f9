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
//	%check SPEC     closedness verdict of a ReLU support with its certificate
//	                (relu.ClosednessExact: theorems, detectors, then the
//	                budgeted exact fallback; interruptible)
//	%describe SPEC  the description of L_I and of its closure (relu.Describe),
//	                with the support's canonical form
//	%%qe            quantifier elimination (semialg.QE) of the formula in
//	                the cell body, in semialg's syntax; for a sentence the
//	                result is true or false
func DefaultMagics() *Magics {
	ms := NewMagics()
	ms.Register(Magic{Name: "check", Doc: "SPEC — decide whether the function space of a ReLU support is closed", Run: checkMagic})
	ms.Register(Magic{Name: "describe", Doc: "SPEC — the description of L_I (and of its closure) for a ReLU support", Run: describeMagic})
	ms.Register(Magic{Name: "qe", Cell: true, Doc: "quantifier elimination of the formula in the cell body (semialg syntax)", Run: qeMagic})
	return ms
}

func checkMagic(ctx context.Context, args, _ string, _ Output) (*rich.Bundle, error) {
	s, err := relu.ParseSpec(args)
	if err != nil {
		return nil, err
	}
	v, err := relu.ClosednessExact(ctx, s)
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

func describeMagic(ctx context.Context, args, _ string, _ Output) (*rich.Bundle, error) {
	s, err := relu.ParseSpec(args)
	if err != nil {
		return nil, err
	}
	c, err := relu.Canonical(s)
	if err != nil {
		return nil, err
	}
	d, err := relu.Describe(ctx, s)
	if err != nil {
		return nil, err
	}
	var lines []string
	lines = append(lines, fmt.Sprintf("support %s: %s", s, d.Verdict))
	if d.Method != "" {
		lines[0] += " (" + d.Method + ")"
	}
	if d.Support != "" {
		lines = append(lines, "support of the products: "+d.Support)
	}
	for _, rc := range d.Conditions {
		lines = append(lines, rc.String())
	}
	if d.Formula != "" {
		lines = append(lines, "L_I = { A : "+d.Formula+" }")
	}
	if d.Closure != "" {
		lines = append(lines, "closure = { A : "+d.Closure+" }")
	}
	if d.Note != "" {
		lines = append(lines, "note: "+d.Note)
	}
	lines = append(lines, "canonical form: "+c.String())
	text := strings.Join(lines, "\n")
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
