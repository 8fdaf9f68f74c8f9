package relu

// Plots of a training run (gonum.org/v1/plot): two aligned panels sharing
// the step axis, the square loss on top and ‖θ‖∞, ‖θ‖₂ below, both on
// log–log axes (step 0 cannot be shown on a log axis and is left out; so
// are non-positive values). The axis ranges are set here, not by
// gonum/plot's defaults, so that a flat curve (min = max) or a range
// inside one decade still gets a valid log axis with labelled ticks.

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Plot size: two panels stacked.
const (
	trainPlotWidth  = 16 * vg.Centimeter
	trainPlotHeight = 16 * vg.Centimeter
)

// SVG returns the plot of the run (loss and ‖θ‖ against the step, log
// scales) as an SVG document. A Jupyter kernel that displays values with
// an SVG() string method shows it as an image. On a rendering error it
// returns an SVG document holding the error message as text.
func (r *TrainResult) SVG() string {
	var b bytes.Buffer
	if err := r.writePlot(&b, "svg"); err != nil {
		return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="40"><text x="10" y="25">%s</text></svg>`, xmlEscape(err.Error()))
	}
	return b.String()
}

// PNG returns the plot of the run as a PNG image (150 dpi).
func (r *TrainResult) PNG() ([]byte, error) {
	var b bytes.Buffer
	if err := r.writePlot(&b, "png"); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WritePlot writes the plot of the run to path, as SVG or PNG according to
// the extension (.svg or .png, any case). Other extensions are an error.
func (r *TrainResult) WritePlot(path string) (err error) {
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if format != "svg" && format != "png" {
		return fmt.Errorf("relu: plot file %q: unknown extension, want .svg or .png", path)
	}
	var b bytes.Buffer
	if err := r.writePlot(&b, format); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// writePlot renders both panels onto one canvas of the given format.
func (r *TrainResult) writePlot(w io.Writer, format string) error {
	var steps, loss, ninf, n2 []float64
	for _, p := range r.History {
		if p.Step < 1 {
			continue
		}
		steps = append(steps, float64(p.Step))
		loss = append(loss, p.Loss)
		ninf = append(ninf, p.NormInf)
		n2 = append(n2, p.Norm2)
	}
	if len(steps) == 0 {
		return fmt.Errorf("relu: nothing to plot: the history has no step ≥ 1")
	}
	xlo, xhi := logRange(steps)
	title := fmt.Sprintf("%s, biases %v: %s, rate %g, seed %d", r.Spec, r.Biases, r.Method, r.LearningRate, r.Seed)

	top := newLogPlot(title, "square loss J(θ)")
	if err := addLine(top, steps, loss, "", plotter.DefaultLineStyle.Color); err != nil {
		return err
	}
	bot := newLogPlot("", "parameter norm")
	bot.X.Label.Text = "step"
	if err := addLine(bot, steps, ninf, "‖θ‖∞ = max |θᵢ|", color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}); err != nil {
		return err
	}
	if err := addLine(bot, steps, n2, "‖θ‖₂ (Euclidean)", color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}); err != nil {
		return err
	}
	bot.Legend.Top = true
	bot.Legend.Left = true
	for _, p := range []*plot.Plot{top, bot} {
		p.X.Min, p.X.Max = xlo, xhi
	}
	top.Y.Min, top.Y.Max = logRange(loss)
	bot.Y.Min, bot.Y.Max = logRange(append(append([]float64(nil), ninf...), n2...))

	var c vg.CanvasWriterTo
	switch format {
	case "svg":
		c = vgsvg.New(trainPlotWidth, trainPlotHeight)
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(trainPlotWidth, trainPlotHeight), vgimg.UseDPI(150))}
	default:
		return fmt.Errorf("relu: unknown plot format %q", format)
	}
	dc := draw.New(c)
	if format == "png" {
		// vgimg starts transparent; paint a white background.
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
	}
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadX: vg.Millimeter, PadY: 4 * vg.Millimeter,
		PadTop: 2 * vg.Millimeter, PadBottom: 2 * vg.Millimeter, PadLeft: 2 * vg.Millimeter, PadRight: 4 * vg.Millimeter}
	plots := [][]*plot.Plot{{top}, {bot}}
	canvases := plot.Align(plots, tiles, dc)
	top.Draw(canvases[0][0])
	bot.Draw(canvases[1][0])
	_, err := c.WriteTo(w)
	return err
}

func newLogPlot(title, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = ylabel
	p.X.Scale = plot.LogScale{}
	p.Y.Scale = plot.LogScale{}
	p.X.Tick.Marker = decadeTicks{}
	p.Y.Tick.Marker = decadeTicks{}
	p.Add(plotter.NewGrid())
	return p
}

// addLine adds the points (x_i, y_i) with y_i > 0 and finite as a line.
func addLine(p *plot.Plot, x, y []float64, name string, c color.Color) error {
	var xys plotter.XYs
	for i := range x {
		if y[i] > 0 && !math.IsInf(y[i], 0) && !math.IsNaN(y[i]) {
			xys = append(xys, plotter.XY{X: x[i], Y: y[i]})
		}
	}
	if len(xys) == 0 {
		return nil
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		return fmt.Errorf("relu: plot: %w", err)
	}
	l.Color = c
	l.Width = vg.Points(1.5)
	p.Add(l)
	if name != "" {
		p.Legend.Add(name, l)
	}
	return nil
}

// logRange returns a positive range covering the positive finite values,
// widened to a factor of 2 on each side when they are all equal (or when
// there are none: [0.5, 2]).
func logRange(v []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if x > 0 && !math.IsInf(x, 0) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	if math.IsInf(lo, 1) {
		return 0.5, 2
	}
	if hi/lo < 1.0001 {
		lo, hi = lo/2, hi*2
	}
	return lo, hi
}

// decadeTicks labels the powers of ten in the range, with minor ticks at
// their multiples 2…9; when fewer than two powers of ten fall in the range
// the multiples 2 and 5 are labelled too (and, for a range within a
// single decade, every multiple).
type decadeTicks struct{}

func (decadeTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) {
		return nil
	}
	k0 := int(math.Floor(math.Log10(min)))
	k1 := int(math.Ceil(math.Log10(max)))
	major := 0
	for k := k0; k <= k1; k++ {
		if v := math.Pow10(k); v >= min && v <= max {
			major++
		}
	}
	var ticks []plot.Tick
	for k := k0; k <= k1; k++ {
		base := math.Pow10(k)
		for m := 1; m <= 9; m++ {
			v := float64(m) * base
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || (major < 2 && (m == 2 || m == 5)) || (major == 0 && k1-k0 <= 1) {
				t.Label = tickLabel(v)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

func tickLabel(v float64) string {
	if v >= 1e-3 && v < 1e5 {
		return fmt.Sprintf("%g", v)
	}
	return fmt.Sprintf("%.0e", v)
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
