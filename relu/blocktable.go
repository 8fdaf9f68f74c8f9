package relu

// The table of small block types classified offline (issue 5 item 2;
// MATH.md ALG-A step 5, "a table of block types classified offline by
// ALG-C").
//
// # What it holds
//
// For every two-factor shape m×r·r×n with m, r, n ≤ 3, every D1 orbit that
// the polynomial-time pipeline leaves UNKNOWN was given to the exact
// fallback ALG-C (algc.go, algc_seq.go) with a generous budget, offline;
// the table was then extended to r = 4 hidden neurons for m, n ≤ 3
// (gentable -extend-hidden 4: 514 orbits the pipeline, the smaller entries
// included, leaves UNKNOWN; 357 CLOSED and 153 NOT_CLOSED by the fallback,
// mostly by the hull test of onto.go; the last 4 were decided CLOSED
// later by the hull test with peel covers, gentable -retry-unknown), and
// to the shape
// 2×4·4×4 and its mirror (gentable -extend-shape 2,4,4: 273 orbits, 262
// CLOSED, 11 NOT_CLOSED). The NOT_CLOSED entries with four neurons decide
// 4×4·4×4 supports hereditarily (D2). The
// orbits it decided are stored in blocktable.json, keyed by the canonical
// key (canon.go) and with the certificate of the canonical representative.
// `go generate ./relu` (the generator is relu/internal/gentable) rebuilds the
// file from scratch with the engine's own exact procedure; it records the
// budget, the relucad version and the orbits that stayed UNKNOWN.
//
// # How it is used
//
// Closedness looks a two-factor support whose shape is within the table's
// up by its key and maps the stored certificate to the support's own
// labelling: a D1 symmetry g (row, hidden and column permutations, and the
// transposition) with g·c = s is found by search (at most 2·3!·4!·3! candidates),
// and the witness, the factor sequence and the A-variables of every formula
// are carried along by g. The certificate is then re-checked by Verify
// before it is returned, so a table entry can never produce an unchecked
// verdict; an entry that does not verify is ignored (the verdict stays
// UNKNOWN). A support with hidden neurons that have no input or no output,
// or with output rows and input columns that no live neuron reaches, is
// looked up by its compact form (tableCompact: drop them; L_I is the
// compact L zero-extended, D2), and the certificate is carried back — a
// NOT_CLOSED one by zero extension, a CLOSED description by renaming its
// A-variables. Larger supports are searched for NOT_CLOSED blocks
// (tableHereditary).
//
// The stored certificates are of method "qe" or "tangent": their
// descriptions rest on the quantifier elimination of ALG-C (trusted, see
// verify_formula.go); every NOT_CLOSED entry carries Nullstellensatz
// cofactors as its non-membership proof and a factor sequence, both
// checked by expansion.

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"sync"
)

//go:generate go run ./internal/gentable -out blocktable.json -timeout 4m
//go:generate go run ./internal/gentable -out blocktable.json -extend-hidden 4 -timeout 12s
//go:generate go run ./internal/gentable -out blocktable.json -extend-shape 2,4,4 -timeout 12s
//go:generate go run ./internal/gentable -out blocktable.json -retry-unknown -timeout 60s

//go:embed blocktable.json
var blockTableJSON []byte

// BlockTable is the content of blocktable.json.
type BlockTable struct {
	// Generated describes the run: relucad version, budget and time.
	Generated string `json:"generated"`
	// MaxWidth bounds m, r and n of the shapes covered.
	MaxWidth int `json:"max_width"`
	// MaxHidden, when larger than MaxWidth, extends the range to r ≤
	// MaxHidden hidden neurons for m, n ≤ MaxWidth (go generate's
	// -extend-hidden); 0 means MaxWidth.
	MaxHidden int `json:"max_hidden,omitempty"`
	// Shapes lists further shapes "m,r,n" covered (go generate's
	// -extend-shape), each with its mirror n,r,m (D1 transposition).
	Shapes  []string     `json:"shapes,omitempty"`
	Entries []BlockEntry `json:"entries"`
	// Unknown lists the canonical keys of orbits of the covered shapes
	// that ALG-C did not decide within the budget, with the reason.
	Unknown []BlockEntry `json:"unknown,omitempty"`
}

// A BlockEntry is one classified orbit: its canonical key (the spec of the
// canonical representative) and the certificate of that representative.
type BlockEntry struct {
	Key         string       `json:"key"`
	Certificate *Certificate `json:"certificate,omitempty"`
	Reason      string       `json:"reason,omitempty"`
}

var blockTable struct {
	once sync.Once
	t    *BlockTable
	m    map[string]*Certificate
	err  error
	// Prefilters for the hereditary lookup: the D1 invariants (Invariant)
	// and the (rows, neurons, columns) shapes of the NOT_CLOSED entries.
	ncInv   map[string]bool
	ncShape map[[3]int]bool
}

func loadBlockTable() (*BlockTable, map[string]*Certificate, error) {
	blockTable.once.Do(func() {
		var t BlockTable
		if len(blockTableJSON) > 0 {
			if err := json.Unmarshal(blockTableJSON, &t); err != nil {
				blockTable.err = fmt.Errorf("relu: blocktable.json: %w", err)
				return
			}
		}
		blockTable.t = &t
		blockTable.m = map[string]*Certificate{}
		blockTable.ncInv = map[string]bool{}
		blockTable.ncShape = map[[3]int]bool{}
		for i := range t.Entries {
			e := t.Entries[i]
			blockTable.m[e.Key] = e.Certificate
			if e.Certificate == nil || e.Certificate.Verdict != "not_closed" {
				continue
			}
			if s, err := ParseSpec(e.Key); err == nil && s.Depth() == 2 {
				w := s.Widths()
				blockTable.ncInv[Invariant(s)] = true
				// Both orientations (D1 transposition).
				blockTable.ncShape[[3]int{w[2], w[1], w[0]}] = true
				blockTable.ncShape[[3]int{w[0], w[1], w[2]}] = true
			}
		}
	})
	return blockTable.t, blockTable.m, blockTable.err
}

// LoadBlockTable returns the embedded table of small block types.
func LoadBlockTable() (*BlockTable, error) {
	t, _, err := loadBlockTable()
	return t, err
}

// maxHidden is the largest number of hidden neurons of the box m, n ≤
// MaxWidth the table covers.
func (t *BlockTable) maxHidden() int {
	return max(t.MaxWidth, t.MaxHidden)
}

// covers reports whether the two-factor shape m, r, n is in the table's
// range: the box m, n ≤ MaxWidth, r ≤ maxHidden, or a listed shape or its
// mirror.
func (t *BlockTable) covers(m, r, n int) bool {
	if m <= t.MaxWidth && n <= t.MaxWidth && r <= t.maxHidden() {
		return true
	}
	for _, x := range t.Shapes {
		if x == fmt.Sprintf("%d,%d,%d", m, r, n) || x == fmt.Sprintf("%d,%d,%d", n, r, m) {
			return true
		}
	}
	return false
}

// maxBlock is the largest number of rows or columns of a covered shape.
func (t *BlockTable) maxBlock() int {
	b := t.MaxWidth
	for _, x := range t.Shapes {
		var m, r, n int
		if _, err := fmt.Sscanf(x, "%d,%d,%d", &m, &r, &n); err == nil {
			b = max(b, m, n)
		}
	}
	return b
}

// tableVerdict looks the two-factor support s up in the block table and
// returns the stored verdict mapped to s's labelling, verified.
func tableVerdict(s Support) (*Verdict, bool) {
	if s.Depth() != 2 {
		return nil, false
	}
	t, m, err := loadBlockTable()
	if err != nil || t == nil || len(m) == 0 {
		return nil, false
	}
	if w := s.Widths(); !t.covers(w[2], w[1], w[0]) {
		return nil, false
	}
	key, err := Key(s)
	if err != nil {
		return nil, false
	}
	c0, ok := m[key]
	if !ok || c0 == nil {
		return nil, false
	}
	rep, err := ParseSpec(key)
	if err != nil {
		return nil, false
	}
	g, ok := findSymmetry(rep, s)
	if !ok {
		return nil, false
	}
	c := g.certificate(c0, s)
	if c == nil || Verify(c) != nil {
		return nil, false
	}
	st := Closed
	if c.Verdict == "not_closed" {
		st = NotClosed
	}
	return &Verdict{Status: st, Cert: c}, true
}

// A symmetry2 is a D1 symmetry of two-factor supports: optional
// transposition (applied first: (W2, W1) ↦ (W1ᵀ, W2ᵀ)), then the row
// permutation pr, hidden permutation ph and column permutation pc
// (entry (i,k) of W2 goes to (pr[i], ph[k]), entry (k,j) of W1 to
// (ph[k], pc[j]), entry (i,j) of A to (pr[i], pc[j])).
type symmetry2 struct {
	tr         bool
	pr, ph, pc []int
}

// findSymmetry returns g with g·c = s, if any.
func findSymmetry(c, s Support) (symmetry2, bool) {
	for _, tr := range []bool{false, true} {
		w2, w1 := c.Layer(2), c.Layer(1)
		if tr {
			w2, w1 = c.Layer(1).Transpose(), c.Layer(2).Transpose()
		}
		t2, t1 := s.Layer(2), s.Layer(1)
		if w2.Rows() != t2.Rows() || w2.Cols() != t2.Cols() || w1.Cols() != t1.Cols() {
			continue
		}
		var found symmetry2
		ok := false
		forPerms(w2.Rows(), func(pr []int) bool {
			forPerms(w2.Cols(), func(ph []int) bool {
				for i := 0; i < w2.Rows(); i++ {
					for k := 0; k < w2.Cols(); k++ {
						if w2.At(i, k) != t2.At(pr[i], ph[k]) {
							return true
						}
					}
				}
				forPerms(w1.Cols(), func(pc []int) bool {
					for k := 0; k < w1.Rows(); k++ {
						for j := 0; j < w1.Cols(); j++ {
							if w1.At(k, j) != t1.At(ph[k], pc[j]) {
								return true
							}
						}
					}
					found = symmetry2{tr, append([]int(nil), pr...), append([]int(nil), ph...), append([]int(nil), pc...)}
					ok = true
					return false
				})
				return !ok
			})
			return !ok
		})
		if ok {
			return found, true
		}
	}
	return symmetry2{}, false
}

// forPerms calls f on every permutation of 0..n−1 until f returns false.
func forPerms(n int, f func([]int) bool) bool {
	p := make([]int, n)
	used := make([]bool, n)
	var rec func(k int) bool
	rec = func(k int) bool {
		if k == n {
			return f(p)
		}
		for x := 0; x < n; x++ {
			if !used[x] {
				used[x] = true
				p[k] = x
				if !rec(k + 1) {
					used[x] = false
					return false
				}
				used[x] = false
			}
		}
		return true
	}
	return rec(0)
}

var aVarRE = regexp.MustCompile(`A_([0-9]+)_([0-9]+)`)

// formula renames the A-variables of a formula text by g (1-based names).
func (g symmetry2) formula(f string) string {
	return aVarRE.ReplaceAllStringFunc(f, func(v string) string {
		m := aVarRE.FindStringSubmatch(v)
		i, _ := strconv.Atoi(m[1])
		j, _ := strconv.Atoi(m[2])
		i, j = i-1, j-1
		if g.tr {
			i, j = j, i
		}
		if i >= len(g.pr) || j >= len(g.pc) {
			return v // cannot happen for a valid certificate; Verify rejects
		}
		return aName(g.pr[i], g.pc[j])
	})
}

// cofactors maps Nullstellensatz cofactors (row-major over the entries of
// the representative's product, in its variables W<ℓ>_<i>_<j>) to s.
func (g symmetry2) cofactors(cof []string, s Support) []string {
	m, n := len(g.pr), len(g.pc)
	if len(cof) != m*n {
		return nil
	}
	ren := func(x string) string {
		return wVarRE.ReplaceAllStringFunc(x, func(v string) string {
			q := wVarRE.FindStringSubmatch(v)
			a, _ := strconv.Atoi(q[2])
			b, _ := strconv.Atoi(q[3])
			a, b = a-1, b-1
			layer := q[1]
			if g.tr { // old W2_i_k → new W1_k_i, old W1_k_j → new W2_j_k
				a, b = b, a
				if layer == "2" {
					layer = "1"
				} else {
					layer = "2"
				}
			}
			if layer == "2" {
				if a >= len(g.pr) || b >= len(g.ph) {
					return v
				}
				return fmt.Sprintf("W2_%d_%d", g.pr[a]+1, g.ph[b]+1)
			}
			if a >= len(g.ph) || b >= len(g.pc) {
				return v
			}
			return fmt.Sprintf("W1_%d_%d", g.ph[a]+1, g.pc[b]+1)
		})
	}
	// Old entries in row-major order of the representative's product.
	om, on := m, n
	if g.tr {
		om, on = n, m
	}
	out := make([]string, m*n)
	for i := 0; i < om; i++ {
		for j := 0; j < on; j++ {
			a, b := i, j
			if g.tr {
				a, b = j, i
			}
			out[g.pr[a]*n+g.pc[b]] = ren(cof[i*on+j])
		}
	}
	return out
}

// matrix maps a string matrix of the product shape (or of a factor, with
// row permutation rp and column permutation cp after the optional
// transposition).
func mapMatrix(x [][]string, tr bool, rp, cp []int) [][]string {
	if tr {
		t := make([][]string, len(x[0]))
		for j := range t {
			t[j] = make([]string, len(x))
			for i := range x {
				t[j][i] = x[i][j]
			}
		}
		x = t
	}
	if len(x) != len(rp) || len(x[0]) != len(cp) {
		return nil
	}
	out := make([][]string, len(x))
	for i := range out {
		out[i] = make([]string, len(x[0]))
	}
	for i := range x {
		for j := range x[i] {
			out[rp[i]][cp[j]] = x[i][j]
		}
	}
	return out
}

// certificate maps the certificate c0 of the representative to s.
func (g symmetry2) certificate(c0 *Certificate, s Support) *Certificate {
	if c0 == nil || (c0.Method != "qe" && c0.Method != "tangent") {
		return nil
	}
	c := &Certificate{Spec: s.String(), Verdict: c0.Verdict, Method: c0.Method}
	switch c0.Verdict {
	case "not_closed":
		if c.Witness = mapMatrix(c0.Witness, g.tr, g.pr, g.pc); c.Witness == nil {
			return nil
		}
		w2, w1 := c0.Sequence["W2"], c0.Sequence["W1"]
		if w2 == nil || w1 == nil {
			return nil
		}
		if g.tr {
			w2, w1 = w1, w2
		}
		c.Sequence = map[string][][]string{
			"W2": mapMatrix(w2, g.tr, g.pr, g.ph),
			"W1": mapMatrix(w1, g.tr, g.ph, g.pc),
		}
		if c.Sequence["W2"] == nil || c.Sequence["W1"] == nil || c0.Nonmembership == nil {
			return nil
		}
		nm := *c0.Nonmembership
		if nm.Kind == "nullstellensatz" {
			cof := g.cofactors(nm.Cofactors, s)
			if cof == nil {
				return nil
			}
			nm.Cofactors, nm.Equations = cof, nil // Verify recomputes the equations
			nm.Theorem += "; from the offline block table (blocktable.go), relabelled by a D1 symmetry"
			c.Nonmembership = &nm
			break
		}
		nm.MembershipFormula = g.formula(nm.MembershipFormula)
		nm.FreeVariables = nil
		w := s.Widths()
		for i := 0; i < w[2]; i++ {
			for j := 0; j < w[0]; j++ {
				nm.FreeVariables = append(nm.FreeVariables, aName(i, j))
			}
		}
		nm.Theorem += "; from the offline block table (blocktable.go), relabelled by a D1 symmetry"
		c.Nonmembership = &nm
	case "closed":
		if c0.Description == nil || c0.Description.Kind != "formula" {
			return nil
		}
		d := *c0.Description
		d.Formula = g.formula(d.Formula)
		d.Support = boolProduct(s).String()
		if d.QE != nil {
			q := *d.QE
			q.Stage1 = g.formula(q.Stage1)
			d.QE = &q
		}
		c.Description = &d
	default:
		return nil
	}
	return c
}

// tableHereditary looks for a block R×C of the two-factor support s
// (|R|, |C| ≤ the table's width, at most that many neurons meeting it) whose
// restriction I|R,C is NOT_CLOSED in the table, and returns the
// zero-extended certificate (MATH.md D2): the witness and the factors of
// the block's neurons are placed at rows R, columns C and those neurons,
// everything else 0, so the product tends to the extended witness; the
// block's non-membership proof carries over with BlockRows/BlockCols and
// renamed variables. The certificate is re-checked by Verify.
func tableHereditary(ctx context.Context, s Support) (*Verdict, bool) {
	if s.Depth() != 2 {
		return nil, false
	}
	t, m, err := loadBlockTable()
	if err != nil || t == nil || len(m) == 0 {
		return nil, false
	}
	W2, W1 := s.Layer(2), s.Layer(1)
	M, r, N := W2.Rows(), W2.Cols(), W1.Cols()
	if t.covers(M, r, N) {
		return nil, false // the whole support is in the table's range
	}
	var found *Verdict
	mb := t.maxBlock()
	forSubsets(M, mb, func(R []int) bool {
		forSubsets(N, mb, func(C []int) bool {
			if ctx.Err() != nil {
				return false
			}
			var live []int
			for k := 0; k < r; k++ {
				inR, inC := false, false
				for _, i := range R {
					inR = inR || W2.At(i, k)
				}
				for _, j := range C {
					inC = inC || W1.At(k, j)
				}
				if inR && inC {
					live = append(live, k)
				}
			}
			if len(live) == 0 || !blockTable.ncShape[[3]int{len(R), len(live), len(C)}] {
				return true
			}
			sub, err := blockSupport(W2, W1, R, live, C)
			if err != nil || !blockTable.ncInv[Invariant(sub)] {
				return true
			}
			key, err := Key(sub)
			if err != nil {
				return true
			}
			if c0, ok := m[key]; !ok || c0 == nil || c0.Verdict != "not_closed" {
				return true
			}
			v, ok := tableVerdict(sub)
			if !ok || v.Status != NotClosed {
				return true
			}
			if c := extendBlockCert(v.Cert, s, R, live, C); c != nil && Verify(c) == nil {
				found = &Verdict{Status: NotClosed, Cert: c}
				return false
			}
			return true
		})
		return found == nil && ctx.Err() == nil
	})
	return found, found != nil
}

// forSubsets calls f on the non-empty subsets of 0..n−1 with at most k
// elements (increasing), until f returns false.
func forSubsets(n, k int, f func([]int) bool) {
	var cur []int
	var rec func(start int) bool
	rec = func(start int) bool {
		if len(cur) > 0 && !f(cur) {
			return false
		}
		if len(cur) == k {
			return true
		}
		for x := start; x < n; x++ {
			cur = append(cur, x)
			if !rec(x + 1) {
				return false
			}
			cur = cur[:len(cur)-1]
		}
		return true
	}
	rec(0)
}

var wVarRE = regexp.MustCompile(`W([12])_([0-9]+)_([0-9]+)`)

// extendBlockCert zero-extends the NOT_CLOSED certificate c of the block
// support (rows R, neurons live, columns C of s) to s.
func extendBlockCert(c *Certificate, s Support, R, live, C []int) *Certificate {
	W2, W1 := s.Layer(2), s.Layer(1)
	M, r, N := W2.Rows(), W2.Cols(), W1.Cols()
	zeros := func(a, b int) [][]string {
		x := make([][]string, a)
		for i := range x {
			x[i] = make([]string, b)
			for j := range x[i] {
				x[i][j] = "0"
			}
		}
		return x
	}
	A, S2, S1 := zeros(M, N), zeros(M, r), zeros(r, N)
	w2, w1 := c.Sequence["W2"], c.Sequence["W1"]
	if len(c.Witness) != len(R) || len(w2) != len(R) || len(w1) != len(live) {
		return nil
	}
	for a, i := range R {
		for b, j := range C {
			A[i][j] = c.Witness[a][b]
		}
		for b, k := range live {
			S2[i][k] = w2[a][b]
		}
	}
	for b, k := range live {
		for d, j := range C {
			S1[k][j] = w1[b][d]
		}
	}
	nm0 := c.Nonmembership
	if nm0 == nil || (nm0.Kind != "nullstellensatz" && nm0.Kind != "cad") || len(nm0.BlockRows) > 0 {
		return nil
	}
	nm := *nm0
	nm.BlockRows, nm.BlockCols = plus1(R), plus1(C)
	nm.Theorem += fmt.Sprintf("; for the block rows %v × columns %v (neurons %v), extended by D2", plus1(R), plus1(C), plus1(live))
	if nm.Kind == "nullstellensatz" {
		rename := func(x string) string {
			return wVarRE.ReplaceAllStringFunc(x, func(v string) string {
				g := wVarRE.FindStringSubmatch(v)
				a, _ := strconv.Atoi(g[2])
				b, _ := strconv.Atoi(g[3])
				if g[1] == "2" {
					return fmt.Sprintf("W2_%d_%d", R[a-1]+1, live[b-1]+1)
				}
				return fmt.Sprintf("W1_%d_%d", live[a-1]+1, C[b-1]+1)
			})
		}
		nm.Equations = nil // recomputed by Verify; the block's own are in its table entry
		nm.Cofactors = make([]string, len(nm0.Cofactors))
		for i, g := range nm0.Cofactors {
			nm.Cofactors[i] = rename(g)
		}
	}
	return &Certificate{Spec: s.String(), Verdict: "not_closed", Method: c.Method + "+hereditary",
		Witness: A, Sequence: map[string][][]string{"W2": S2, "W1": S1}, Nonmembership: &nm}
}

// compactSupport removes from the two-factor support s its hidden neurons
// with no input or no output, then the output rows and input columns that
// no remaining neuron reaches. It returns the compact support and the kept
// rows R, neurons K and columns C of s; ok is false when nothing is
// removed. L_s is L_compact zero-extended: removed neurons contribute
// nothing, rows outside R and columns outside C of every product are zero,
// and the product's block R × C is W2[R,K]·W1[K,C] with both factors free
// on their masks (MATH.md D2).
func compactSupport(s Support) (c Support, R, K, C []int, ok bool) {
	if s.Depth() != 2 {
		return Support{}, nil, nil, nil, false
	}
	W2, W1 := s.Layer(2), s.Layer(1)
	m, r, n := W2.Rows(), W2.Cols(), W1.Cols()
	for k := 0; k < r; k++ {
		in, out := false, false
		for i := 0; i < m; i++ {
			out = out || W2.At(i, k)
		}
		for j := 0; j < n; j++ {
			in = in || W1.At(k, j)
		}
		if in && out {
			K = append(K, k)
		}
	}
	for i := 0; i < m; i++ {
		for _, k := range K {
			if W2.At(i, k) {
				R = append(R, i)
				break
			}
		}
	}
	for j := 0; j < n; j++ {
		for _, k := range K {
			if W1.At(k, j) {
				C = append(C, j)
				break
			}
		}
	}
	if len(K) == 0 || len(R) == m && len(K) == r && len(C) == n {
		return Support{}, nil, nil, nil, false
	}
	c, err := blockSupport(W2, W1, R, K, C)
	if err != nil {
		return Support{}, nil, nil, nil, false
	}
	return c, R, K, C, true
}

// tableCompact looks up the compact form of s (compactSupport) in the
// block table — the table holds orbits of its shapes that the pipeline
// leaves UNKNOWN, not supports with empty neurons or zero rows, whose
// verdict is that of their compact form — and carries the certificate
// back to s: a NOT_CLOSED one by zero extension (extendBlockCert), a
// CLOSED "formula" description by renaming A_a_b to A_{R[a]}_{C[b]} (the
// support space of s forces the other entries to zero). The result is
// re-checked by Verify.
func tableCompact(s Support) (*Verdict, bool) {
	c, R, K, C, ok := compactSupport(s)
	if !ok {
		return nil, false
	}
	v, ok := tableVerdict(c)
	if !ok {
		return nil, false
	}
	var cert *Certificate
	switch v.Status {
	case NotClosed:
		cert = extendBlockCert(v.Cert, s, R, K, C)
	case Closed:
		d0 := v.Cert.Description
		if d0 == nil || d0.Kind != "formula" {
			return nil, false
		}
		rename := func(x string) string {
			return aVarRE.ReplaceAllStringFunc(x, func(name string) string {
				g := aVarRE.FindStringSubmatch(name)
				a, _ := strconv.Atoi(g[1])
				b, _ := strconv.Atoi(g[2])
				return fmt.Sprintf("A_%d_%d", R[a-1]+1, C[b-1]+1)
			})
		}
		d := *d0
		d.Support = boolProduct(s).String()
		d.Formula = rename(d0.Formula)
		if d0.QE != nil {
			q := *d0.QE
			q.Stage1 = rename(q.Stage1)
			d.QE = &q
		}
		cert = &Certificate{Spec: s.String(), Verdict: "closed", Method: v.Cert.Method, Description: &d,
			Reason: fmt.Sprintf("the block table's verdict for the compact support %s (rows %v, neurons %v, columns %v; D2)", c, plus1(R), plus1(K), plus1(C))}
	}
	if cert == nil || Verify(cert) != nil {
		return nil, false
	}
	return &Verdict{Status: v.Status, Cert: cert}, true
}

// blockSupport is the two-factor support W2[R,K]·W1[K,C]: rows R and
// neurons K of the output mask, neurons K and columns C of the input mask.
func blockSupport(W2, W1 Mask, R, K, C []int) (Support, error) {
	b2, b1 := ZeroMask(len(R), len(K)), ZeroMask(len(K), len(C))
	for a, i := range R {
		for b, k := range K {
			b2 = b2.With(a, b, W2.At(i, k))
		}
	}
	for b, k := range K {
		for d, j := range C {
			b1 = b1.With(b, d, W1.At(k, j))
		}
	}
	return NewSupport(b2, b1)
}
