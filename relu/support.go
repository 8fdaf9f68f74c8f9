package relu

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxWidth is the largest layer width the structural analysis accepts. Row
// and column sets of rank-one supports are kept in uint64 bit sets.
const MaxWidth = 64

// A Mask is a 0/1 matrix, the support I_ℓ of one weight matrix. The zero
// value is the empty 0×0 mask. Masks are values: the methods that change a
// mask return a new one.
type Mask struct {
	rows, cols int
	bits       []bool // row-major, len rows*cols
}

// NewMask returns the rows×cols mask with the given entries (each 0 or 1).
// It returns an error naming the row and column of the first bad entry, or
// when the rows have unequal lengths.
func NewMask(entries [][]int) (Mask, error) {
	if len(entries) == 0 {
		return Mask{}, fmt.Errorf("relu: mask has no rows")
	}
	m := ZeroMask(len(entries), len(entries[0]))
	for i, row := range entries {
		if len(row) != m.cols {
			return Mask{}, fmt.Errorf("relu: mask row %d has %d entries, row 1 has %d", i+1, len(row), m.cols)
		}
		for j, v := range row {
			switch v {
			case 0:
			case 1:
				m.bits[i*m.cols+j] = true
			default:
				return Mask{}, fmt.Errorf("relu: mask entry (%d,%d) is %d, want 0 or 1", i+1, j+1, v)
			}
		}
	}
	if m.cols == 0 {
		return Mask{}, fmt.Errorf("relu: mask rows are empty")
	}
	return m, nil
}

// MustMask is NewMask for literals in tests and examples; it panics on error.
func MustMask(entries [][]int) Mask {
	m, err := NewMask(entries)
	if err != nil {
		panic(err)
	}
	return m
}

// ZeroMask returns the rows×cols mask with no ones.
func ZeroMask(rows, cols int) Mask {
	return Mask{rows: rows, cols: cols, bits: make([]bool, rows*cols)}
}

// FullMask returns the rows×cols mask with all ones.
func FullMask(rows, cols int) Mask {
	m := ZeroMask(rows, cols)
	for i := range m.bits {
		m.bits[i] = true
	}
	return m
}

// Rows returns the number of rows (the output width N_ℓ of the layer).
func (m Mask) Rows() int { return m.rows }

// Cols returns the number of columns (the input width N_{ℓ−1}).
func (m Mask) Cols() int { return m.cols }

// At reports whether (i,j) is in the support; indices are 0-based here.
func (m Mask) At(i, j int) bool { return m.bits[i*m.cols+j] }

// With returns a copy of m with entry (i,j) (0-based) set to v.
func (m Mask) With(i, j int, v bool) Mask {
	c := m.clone()
	c.bits[i*m.cols+j] = v
	return c
}

func (m Mask) clone() Mask {
	return Mask{rows: m.rows, cols: m.cols, bits: append([]bool(nil), m.bits...)}
}

// Count returns the number of ones.
func (m Mask) Count() int {
	n := 0
	for _, b := range m.bits {
		if b {
			n++
		}
	}
	return n
}

// IsFull reports whether every entry is 1.
func (m Mask) IsFull() bool { return m.Count() == len(m.bits) }

// IsIdentity reports whether m is the square identity pattern.
func (m Mask) IsIdentity() bool {
	if m.rows != m.cols {
		return false
	}
	for i := 0; i < m.rows; i++ {
		for j := 0; j < m.cols; j++ {
			if m.At(i, j) != (i == j) {
				return false
			}
		}
	}
	return true
}

// Equal reports whether m and o have the same shape and entries.
func (m Mask) Equal(o Mask) bool {
	if m.rows != o.rows || m.cols != o.cols {
		return false
	}
	for i := range m.bits {
		if m.bits[i] != o.bits[i] {
			return false
		}
	}
	return true
}

// Transpose returns mᵀ.
func (m Mask) Transpose() Mask {
	t := ZeroMask(m.cols, m.rows)
	for i := 0; i < m.rows; i++ {
		for j := 0; j < m.cols; j++ {
			t.bits[j*m.rows+i] = m.At(i, j)
		}
	}
	return t
}

// Entries returns the mask as a 0/1 integer matrix.
func (m Mask) Entries() [][]int {
	out := make([][]int, m.rows)
	for i := range out {
		out[i] = make([]int, m.cols)
		for j := range out[i] {
			if m.At(i, j) {
				out[i][j] = 1
			}
		}
	}
	return out
}

// String returns the compact form "10/11" (rows separated by '/').
func (m Mask) String() string {
	var b strings.Builder
	for i := 0; i < m.rows; i++ {
		if i > 0 {
			b.WriteByte('/')
		}
		for j := 0; j < m.cols; j++ {
			if m.At(i, j) {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
	}
	return b.String()
}

// BoolProduct returns the Boolean product m·o: entry (i,j) is 1 iff some k
// has m(i,k) = o(k,j) = 1. It is the support pattern of products of
// matrices supported on m and o. It panics if the shapes do not chain.
func (m Mask) BoolProduct(o Mask) Mask {
	if m.cols != o.rows {
		panic(fmt.Sprintf("relu: BoolProduct of %dx%d and %dx%d masks", m.rows, m.cols, o.rows, o.cols))
	}
	p := ZeroMask(m.rows, o.cols)
	for i := 0; i < m.rows; i++ {
		for k := 0; k < m.cols; k++ {
			if !m.At(i, k) {
				continue
			}
			for j := 0; j < o.cols; j++ {
				if o.At(k, j) {
					p.bits[i*o.cols+j] = true
				}
			}
		}
	}
	return p
}

// ParseMask parses the compact form "10/11". Errors name the 1-based
// row and column of the offending character.
func ParseMask(s string) (Mask, error) {
	return parseMaskAt(s, "", 1)
}

// parseMaskAt parses a mask that starts at byte column col0 of a larger
// spec string; layer names the layer in error messages ("" for none).
// Errors are *SpecError values whose Col is the column of the problem.
func parseMaskAt(s, layer string, col0 int) (Mask, error) {
	fail := func(col int, format string, args ...any) (Mask, error) {
		msg := fmt.Sprintf(format, args...)
		if layer != "" {
			msg = "layer " + layer + ": " + msg
		}
		return Mask{}, &SpecError{Spec: s, Col: col, Token: s, Msg: msg}
	}
	if s == "" {
		return fail(col0, "empty mask")
	}
	rowStrs := strings.Split(s, "/")
	cols := len(rowStrs[0])
	m := ZeroMask(len(rowStrs), cols)
	col := col0
	for i, r := range rowStrs {
		if r == "" {
			return fail(col, "mask row %d is empty", i+1)
		}
		for j := 0; j < len(r); j++ {
			if r[j] != '0' && r[j] != '1' {
				return fail(col+j, "mask row %d, entry %d is %q, want 0 or 1", i+1, j+1, r[j])
			}
		}
		if len(r) != cols {
			return fail(col, "mask row %d has length %d, row 1 has length %d", i+1, len(r), cols)
		}
		for j := 0; j < len(r); j++ {
			m.bits[i*cols+j] = r[j] == '1'
		}
		col += len(r) + 1
	}
	return m, nil
}

// A Support is a sparse architecture I = (I_L, …, I_1). Masks is listed
// output-first, like the product W_L⋯W_1: Masks[0] = I_L and
// Masks[L−1] = I_1. A valid support has L ≥ 1 and chaining shapes:
// Masks[q].Cols() == Masks[q+1].Rows().
type Support struct {
	Masks []Mask
}

// NewSupport returns the support with the given masks, output-first, after
// checking shapes.
func NewSupport(masks ...Mask) (Support, error) {
	s := Support{Masks: masks}
	if err := s.Validate(); err != nil {
		return Support{}, err
	}
	return s, nil
}

// MustSpec parses a spec string and panics on error; for literals.
func MustSpec(spec string) Support {
	s, err := ParseSpec(spec)
	if err != nil {
		panic(err)
	}
	return s
}

// Validate checks that s has at least one layer, that no mask is empty and
// that the shapes chain; errors name the layer (W<ℓ>).
func (s Support) Validate() error {
	L := len(s.Masks)
	if L == 0 {
		return fmt.Errorf("relu: support has no layers")
	}
	for q, m := range s.Masks {
		l := L - q
		if m.rows == 0 || m.cols == 0 {
			return fmt.Errorf("relu: layer W%d is empty", l)
		}
		if len(m.bits) != m.rows*m.cols {
			return fmt.Errorf("relu: layer W%d is malformed", l)
		}
		if q+1 < L && m.cols != s.Masks[q+1].rows {
			return fmt.Errorf("relu: layer W%d has %d columns but W%d has %d rows", l, m.cols, l-1, s.Masks[q+1].rows)
		}
	}
	return nil
}

// Depth returns L, the number of weight matrices.
func (s Support) Depth() int { return len(s.Masks) }

// Layer returns I_l for 1 ≤ l ≤ L (1 is the input side).
func (s Support) Layer(l int) Mask { return s.Masks[len(s.Masks)-l] }

// Widths returns (N_0, N_1, …, N_L).
func (s Support) Widths() []int {
	L := len(s.Masks)
	w := make([]int, L+1)
	w[0] = s.Layer(1).cols
	for l := 1; l <= L; l++ {
		w[l] = s.Layer(l).rows
	}
	return w
}

// Hidden returns H = N_1 + … + N_{L−1}, the number of hidden neurons.
func (s Support) Hidden() int {
	h := 0
	w := s.Widths()
	for _, x := range w[1 : len(w)-1] {
		h += x
	}
	return h
}

// NumParams returns p = Σ_ℓ |I_ℓ|, the number of free weights.
func (s Support) NumParams() int {
	p := 0
	for _, m := range s.Masks {
		p += m.Count()
	}
	return p
}

// Transpose returns (I_1ᵀ, …, I_Lᵀ), the support of the transposed product
// (MATH.md D1).
func (s Support) Transpose() Support {
	L := len(s.Masks)
	out := make([]Mask, L)
	for q, m := range s.Masks {
		out[L-1-q] = m.Transpose()
	}
	return Support{Masks: out}
}

// Equal reports whether s and o have identical masks.
func (s Support) Equal(o Support) bool {
	if len(s.Masks) != len(o.Masks) {
		return false
	}
	for q := range s.Masks {
		if !s.Masks[q].Equal(o.Masks[q]) {
			return false
		}
	}
	return true
}

// String returns the spec string of MATH.md §8.1, e.g. "W2=10/11,W1=11/01".
func (s Support) String() string {
	var b strings.Builder
	L := len(s.Masks)
	for q, m := range s.Masks {
		if q > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "W%d=%s", L-q, m.String())
	}
	return b.String()
}

// A SpecError is a parse error in a spec string. Col is the 1-based byte
// column where the problem was found; Token is the offending token.
type SpecError struct {
	Spec  string
	Col   int
	Token string
	Msg   string
}

// Error implements error.
func (e *SpecError) Error() string {
	return fmt.Sprintf("relu: spec %q: column %d (token %q): %s", e.Spec, e.Col, e.Token, e.Msg)
}

// ParseSpec parses a spec string "W2=10/11,W1=11/01" (MATH.md §8.1): a
// comma-separated list of W<ℓ>=<mask> listed output-first, ℓ running from L
// down to 1, each mask rows of 0/1 separated by '/'. Surrounding whitespace
// of each token is ignored. Errors are *SpecError values naming the column
// and token, or shape errors naming the layers.
func ParseSpec(spec string) (Support, error) {
	fail := func(col int, tok, format string, args ...any) (Support, error) {
		return Support{}, &SpecError{Spec: spec, Col: col, Token: tok, Msg: fmt.Sprintf(format, args...)}
	}
	if strings.TrimSpace(spec) == "" {
		return fail(1, "", "empty spec")
	}
	toks := strings.Split(spec, ",")
	masks := make([]Mask, 0, len(toks))
	layers := make([]int, 0, len(toks))
	cols := make([]int, 0, len(toks))
	col := 1
	for _, raw := range toks {
		lead := len(raw) - len(strings.TrimLeft(raw, " \t\r\n"))
		tok := strings.TrimSpace(raw)
		tcol := col + lead
		col += len(raw) + 1
		if tok == "" {
			return fail(tcol, tok, "empty layer (stray comma?)")
		}
		eq := strings.IndexByte(tok, '=')
		if eq < 0 {
			return fail(tcol, tok, "want W<layer>=<mask>")
		}
		name := strings.TrimSpace(tok[:eq])
		if len(name) < 2 || (name[0] != 'W' && name[0] != 'w') {
			return fail(tcol, tok, "layer name %q must be W<number>", name)
		}
		l, err := strconv.Atoi(name[1:])
		if err != nil || l < 1 {
			return fail(tcol, tok, "layer name %q must be W<number> with number ≥ 1", name)
		}
		body := tok[eq+1:]
		bl := len(body) - len(strings.TrimLeft(body, " \t"))
		body = strings.TrimSpace(body)
		m, err := parseMaskAt(body, name, tcol+eq+1+bl)
		if err != nil {
			var se *SpecError
			if errors.As(err, &se) {
				return fail(se.Col, tok, "%s", se.Msg)
			}
			return Support{}, err
		}
		masks = append(masks, m)
		layers = append(layers, l)
		cols = append(cols, tcol)
	}
	L := len(masks)
	for q, l := range layers {
		if l != L-q {
			return fail(cols[q], toks[q], "layer W%d out of order: layers are listed output-first (W%d first), expected W%d here", l, L, L-q)
		}
	}
	s := Support{Masks: masks}
	if err := s.Validate(); err != nil {
		return Support{}, err
	}
	return s, nil
}

// supportJSON is the JSON form of a Support: the spec string plus the masks
// as row strings keyed "W<ℓ>" and the widths (N_0..N_L).
type supportJSON struct {
	Spec   string              `json:"spec,omitempty"`
	Widths []int               `json:"widths,omitempty"`
	Masks  map[string][]string `json:"masks,omitempty"`
}

// MarshalJSON encodes s as {"spec": …, "widths": […], "masks": {"W2": ["10","11"], …}}.
func (s Support) MarshalJSON() ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	j := supportJSON{Spec: s.String(), Widths: s.Widths(), Masks: map[string][]string{}}
	L := len(s.Masks)
	for q, m := range s.Masks {
		j.Masks[fmt.Sprintf("W%d", L-q)] = strings.Split(m.String(), "/")
	}
	return json.Marshal(j)
}

// UnmarshalJSON accepts a JSON string holding a spec, or an object with
// "spec" or with "masks" (keyed "W1".."WL", rows as strings of 0/1). When
// both are given they must agree.
func (s *Support) UnmarshalJSON(data []byte) error {
	var str string
	if err := json.Unmarshal(data, &str); err == nil {
		t, err := ParseSpec(str)
		if err != nil {
			return err
		}
		*s = t
		return nil
	}
	var j supportJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("relu: support JSON: %w", err)
	}
	var fromMasks *Support
	if len(j.Masks) > 0 {
		L := len(j.Masks)
		masks := make([]Mask, L)
		for l := L; l >= 1; l-- {
			rows, ok := j.Masks[fmt.Sprintf("W%d", l)]
			if !ok {
				return fmt.Errorf("relu: support JSON: masks has %d layers but no W%d", L, l)
			}
			m, err := parseMaskAt(strings.Join(rows, "/"), fmt.Sprintf("W%d", l), 1)
			if err != nil {
				return err
			}
			masks[L-l] = m
		}
		t, err := NewSupport(masks...)
		if err != nil {
			return err
		}
		fromMasks = &t
	}
	switch {
	case j.Spec != "":
		t, err := ParseSpec(j.Spec)
		if err != nil {
			return err
		}
		if fromMasks != nil && !fromMasks.Equal(t) {
			return fmt.Errorf("relu: support JSON: spec %q disagrees with masks %q", j.Spec, fromMasks.String())
		}
		*s = t
	case fromMasks != nil:
		*s = *fromMasks
	default:
		return fmt.Errorf("relu: support JSON: neither spec nor masks given")
	}
	return nil
}
