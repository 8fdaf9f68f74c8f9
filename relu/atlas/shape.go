package atlas

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Limits on the shapes the atlas enumerates. Widths are bounded because the
// canonical form tries every permutation of the input layer (N_0! of them)
// and rows are kept as bit masks; the orbit bound keeps a census finite.
const (
	MaxWidth     = 6
	MaxDepth     = 4
	MaxOrbitsEst = 20_000_000
	MaxLayerWork = 200_000_000
)

// A Shape lists the layer widths output-first, like the product W_L⋯W_1
// and like the spec strings: Shape{m, r, n} is a depth-2 support with
// W2 of size m×r and W1 of size r×n. Its depth is len(Shape)−1.
type Shape []int

// ParseShape parses "m,r,n" (or "a,b,c,d", …): 2 to MaxDepth+1 positive
// widths, each at most MaxWidth, separated by commas. Errors name the
// offending field by its 1-based position.
func ParseShape(s string) (Shape, error) {
	sh, err := ParseSampleShape(s)
	if err != nil {
		return nil, err
	}
	return sh, sh.checkEnumerable()
}

// ParseSampleShape parses a shape like ParseShape but without the limits
// on the cost of enumerating it: random sampling (RandomEstimate) needs
// only valid widths, not a complete census.
func ParseSampleShape(s string) (Shape, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("atlas: empty shape (want widths like 3,3,3)")
	}
	fields := strings.Split(s, ",")
	if len(fields) < 2 {
		return nil, fmt.Errorf("atlas: shape %q has one width; want at least two (e.g. 3,3,3 for W2 3×3 and W1 3×3)", s)
	}
	if len(fields) > MaxDepth+1 {
		return nil, fmt.Errorf("atlas: shape %q has depth %d; at most %d is supported", s, len(fields)-1, MaxDepth)
	}
	sh := make(Shape, len(fields))
	for i, f := range fields {
		w, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("atlas: shape %q: width %d (%q) is not an integer", s, i+1, strings.TrimSpace(f))
		}
		if w < 1 || w > MaxWidth {
			return nil, fmt.Errorf("atlas: shape %q: width %d is %d; widths must be between 1 and %d", s, i+1, w, MaxWidth)
		}
		sh[i] = w
	}
	return sh, nil
}

// Validate reports whether sh is a shape the atlas handles: depth 1 to
// MaxDepth and widths between 1 and MaxWidth. Functions that take a Shape
// value call it, so a zero Shape gives an error, not a panic.
func (sh Shape) Validate() error {
	if len(sh) < 2 || len(sh) > MaxDepth+1 {
		return fmt.Errorf("atlas: shape %q has %d widths; want 2 to %d", sh.String(), len(sh), MaxDepth+1)
	}
	for i, w := range sh {
		if w < 1 || w > MaxWidth {
			return fmt.Errorf("atlas: shape %s: width %d is %d; widths must be between 1 and %d", sh, i+1, w, MaxWidth)
		}
	}
	return nil
}

// checkEnumerable applies the limits on the cost of a complete census.
func (sh Shape) checkEnumerable() error {
	if est := sh.OrbitEstimate(); est > MaxOrbitsEst {
		return fmt.Errorf("atlas: shape %s has about %.3g supports up to symmetry, over the limit %d", sh, est, MaxOrbitsEst)
	}
	// The generation scans, per layer, every multiset of N_ℓ rows out of
	// 2^{N_{ℓ−1}} (enum.go); the first layer against all N_0! column
	// permutations.
	w := sh.widthsIn()
	for l := 1; l < len(w); l++ {
		m := new(big.Int).Binomial(int64(1<<w[l-1]+w[l]-1), int64(w[l]))
		if l == 1 {
			m.Mul(m, new(big.Int).MulRange(1, int64(w[0])))
		}
		if m.Cmp(big.NewInt(MaxLayerWork)) > 0 {
			return fmt.Errorf("atlas: shape %s is too expensive to enumerate (layer W%d: about %s candidate row sets)", sh, l, m)
		}
	}
	return nil
}

// String returns "m,r,n".
func (sh Shape) String() string {
	parts := make([]string, len(sh))
	for i, w := range sh {
		parts[i] = strconv.Itoa(w)
	}
	return strings.Join(parts, ",")
}

// Depth returns L = len(sh) − 1.
func (sh Shape) Depth() int { return len(sh) - 1 }

// Bits returns the number of mask entries Σ N_ℓ N_{ℓ−1}.
func (sh Shape) Bits() int {
	b := 0
	for i := 0; i+1 < len(sh); i++ {
		b += sh[i] * sh[i+1]
	}
	return b
}

// Palindromic reports whether the shape equals its reverse, so that the
// transposition of D1 maps supports of this shape to the same shape.
func (sh Shape) Palindromic() bool {
	for i := range sh {
		if sh[i] != sh[len(sh)-1-i] {
			return false
		}
	}
	return true
}

// Reverse returns the shape of the transposed supports.
func (sh Shape) Reverse() Shape {
	r := make(Shape, len(sh))
	for i := range sh {
		r[i] = sh[len(sh)-1-i]
	}
	return r
}

// GroupOrder returns |Π S_{N_ℓ}| (times 2 when the shape is palindromic):
// the order of the D1 group acting on supports of this shape.
func (sh Shape) GroupOrder() *big.Int {
	g := big.NewInt(1)
	for _, w := range sh {
		g.Mul(g, new(big.Int).MulRange(1, int64(w)))
	}
	if sh.Palindromic() {
		g.Lsh(g, 1)
	}
	return g
}

// OrbitEstimate returns 2^Bits / GroupOrder, a lower bound on the number of
// orbits (good when most supports have no symmetry).
func (sh Shape) OrbitEstimate() float64 {
	g, _ := new(big.Float).SetInt(sh.GroupOrder()).Float64()
	return math.Pow(2, float64(sh.Bits())) / g
}

// widthsIn returns N_0..N_L (input first), the internal order.
func (sh Shape) widthsIn() []int {
	w := make([]int, len(sh))
	for i := range sh {
		w[i] = sh[len(sh)-1-i]
	}
	return w
}
