package atlas

import (
	"fmt"
	"html"
	"sort"
	"strings"
)

// PlotSVG draws the results of a sweep over p: the shaded band between the
// confidence bounds Lower and Upper, the observed fraction of not-closed
// samples (solid line, lower estimate) and of not-closed-or-unknown samples
// (dashed line, upper estimate), against p on [0, 1].
func PlotSVG(rs []*RandomResult, title string) []byte {
	pts := make([]PlotPoint, len(rs))
	conf, n := 0.95, 0
	for i, r := range rs {
		pts[i] = PlotPoint{P: r.P, Lo: r.Lower, Hi: r.Upper,
			A: float64(r.NotClosed) / float64(r.Samples), B: float64(r.NotClosed+r.Unknown) / float64(r.Samples)}
		conf, n = r.Confidence, r.Samples
	}
	return plotSVG(pts, title,
		fmt.Sprintf("%g%% confidence band (lower: not closed, upper: not closed or unknown)", 100*conf),
		fmt.Sprintf("certified not closed (fraction of %d samples)", n),
		"not closed or unknown")
}

// A PlotPoint is one abscissa p of a plot: a band from Lo to Hi and two
// curves A (solid) and B (dashed).
type PlotPoint struct {
	P, Lo, Hi, A, B float64
}

// PlotExactSVG draws exact probabilities from a complete census: the band
// between P(certified not closed) and P(not closed or unknown).
func PlotExactSVG(pts []PlotPoint, title string) []byte {
	return plotSVG(pts, title, "unknown supports (undecided)", "P(certified not closed), exact", "P(not closed or unknown), exact")
}

func plotSVG(rs []PlotPoint, title, bandLabel, aLabel, bLabel string) []byte {
	rs = append([]PlotPoint(nil), rs...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].P < rs[j].P })
	const (
		W, H                   = 640, 420
		left, right, top, bott = 64, 24, 40, 56
	)
	pw, ph := float64(W-left-right), float64(H-top-bott)
	x := func(p float64) float64 { return float64(left) + p*pw }
	y := func(q float64) float64 { return float64(top) + (1-q)*ph }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", W, H, W, H)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", W, H)
	fmt.Fprintf(&b, `<text x="%d" y="22" font-size="15" text-anchor="middle">%s</text>`+"\n", W/2, html.EscapeString(title))
	// Grid and ticks.
	for i := 0; i <= 10; i++ {
		t := float64(i) / 10
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#e4e4e4"/>`+"\n", x(t), top, x(t), H-bott)
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e4e4e4"/>`+"\n", left, y(t), W-right, y(t))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%.1f</text>`+"\n", x(t), H-bott+16, t)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%.1f</text>`+"\n", left-6, y(t)+4, t)
	}
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.0f" height="%.0f" fill="none" stroke="black"/>`+"\n", left, top, pw, ph)
	fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">p (probability of keeping a mask entry)</text>`+"\n", x(0.5), H-14)
	fmt.Fprintf(&b, `<text transform="translate(16 %.1f) rotate(-90)" text-anchor="middle">P(L_I not closed)</text>`+"\n", y(0.5))
	if len(rs) > 0 {
		// Confidence band.
		var pts []string
		for _, r := range rs {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(r.P), y(r.Hi)))
		}
		for i := len(rs) - 1; i >= 0; i-- {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(rs[i].P), y(rs[i].Lo)))
		}
		fmt.Fprintf(&b, `<polygon points="%s" fill="#9ecae1" fill-opacity="0.5" stroke="none"/>`+"\n", strings.Join(pts, " "))
		line := func(f func(PlotPoint) float64, style string) {
			var ps []string
			for _, r := range rs {
				ps = append(ps, fmt.Sprintf("%.1f,%.1f", x(r.P), y(f(r))))
			}
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" %s/>`+"\n", strings.Join(ps, " "), style)
			for _, r := range rs {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="#08519c"/>`+"\n", x(r.P), y(f(r)))
			}
		}
		line(func(r PlotPoint) float64 { return r.A }, `stroke="#08519c" stroke-width="2"`)
		line(func(r PlotPoint) float64 { return r.B }, `stroke="#08519c" stroke-width="1.5" stroke-dasharray="6 4"`)
	}
	// Legend.
	lx, ly := left+12, top+14
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="44" fill="white" fill-opacity="0.8"/>`+"\n", lx-4, ly-13, W-right-lx-8)
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="18" height="10" fill="#9ecae1" fill-opacity="0.5"/>`+"\n", lx, ly-9)
	fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", lx+24, ly, html.EscapeString(bandLabel))
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#08519c" stroke-width="2"/>`+"\n", lx, ly+12, lx+18, ly+12)
	fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", lx+24, ly+16, html.EscapeString(aLabel))
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#08519c" stroke-width="1.5" stroke-dasharray="6 4"/>`+"\n", lx, ly+28, lx+18, ly+28)
	fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", lx+24, ly+32, html.EscapeString(bLabel))
	b.WriteString("</svg>\n")
	return []byte(b.String())
}
