package relu

// Independent certificate checking.
//
// Verify shares no code path with the analyzer (analyze.go, closedness.go,
// fill.go): it re-derives rank-one supports from the masks with its own
// loops, re-checks the hypotheses of every theorem a CLOSED certificate
// names and recomputes the rank conditions those theorems imply, replays
// depth merges, computes ranks with its own plain Gaussian elimination
// (vRank), expands Laurent products, and checks Nullstellensatz identities
// with its own sparse polynomial expansion (vpoly.go). It uses only the
// value types (Support, Laurent, RatMatrix) and their parsers.

import (
	"fmt"
	"math/big"
	"math/rand"
	"sort"
	"strings"
)

// VerifySamples is the number of random parameter points Verify uses to
// test a closed description (plus as many degenerate ones with zeros).
var VerifySamples = 16

// Verify re-checks a certificate from scratch with exact arithmetic and
// returns nil if it is valid, or an error naming the first failed check.
// An "unknown" certificate claims nothing and is valid if it has a reason.
func Verify(c *Certificate) error {
	if c == nil {
		return fmt.Errorf("relu: verify: nil certificate")
	}
	s, err := ParseSpec(c.Spec)
	if err != nil {
		return fmt.Errorf("relu: verify: %w", err)
	}
	switch c.Verdict {
	case "not_closed":
		return verifyNotClosed(s, c)
	case "closed":
		return verifyClosed(s, c)
	case "unknown":
		if c.Reason == "" {
			return fmt.Errorf("relu: verify: unknown verdict without a reason")
		}
		return nil
	}
	return fmt.Errorf("relu: verify: unknown verdict %q", c.Verdict)
}

func verifyNotClosed(s Support, c *Certificate) error {
	L := s.Depth()
	w := s.Widths()
	A, err := ParseRatMatrix(c.Witness)
	if err != nil {
		return fmt.Errorf("relu: verify: witness: %w", err)
	}
	if A.Rows() != w[L] || A.Cols() != w[0] {
		return fmt.Errorf("relu: verify: witness is %dx%d, want %dx%d", A.Rows(), A.Cols(), w[L], w[0])
	}
	// Sequence: on the masks, product A + O(t).
	if len(c.Sequence) != L {
		return fmt.Errorf("relu: verify: sequence has %d factors, support has %d", len(c.Sequence), L)
	}
	var prod LaurentMatrix
	for l := L; l >= 1; l-- {
		key := fmt.Sprintf("W%d", l)
		raw, ok := c.Sequence[key]
		if !ok {
			return fmt.Errorf("relu: verify: sequence has no %s", key)
		}
		Wl, err := ParseLaurentMatrix(raw)
		if err != nil {
			return fmt.Errorf("relu: verify: sequence %s: %w", key, err)
		}
		m := s.Layer(l)
		if len(Wl) != m.Rows() || len(Wl[0]) != m.Cols() {
			return fmt.Errorf("relu: verify: sequence %s is %dx%d, mask is %dx%d", key, len(Wl), len(Wl[0]), m.Rows(), m.Cols())
		}
		for i := range Wl {
			for j := range Wl[i] {
				if !Wl[i][j].IsZero() && !m.At(i, j) {
					return fmt.Errorf("relu: verify: sequence %s entry (%d,%d) = %s lies outside the mask", key, i+1, j+1, Wl[i][j])
				}
			}
		}
		if prod == nil {
			prod = Wl
		} else {
			prod = prod.Mul(Wl)
		}
	}
	for i := range prod {
		for j := range prod[i] {
			lim, ok := prod[i][j].Limit()
			if !ok {
				return fmt.Errorf("relu: verify: product entry (%d,%d) = %s has negative powers of t", i+1, j+1, prod[i][j])
			}
			if lim.Cmp(A[i][j]) != 0 {
				return fmt.Errorf("relu: verify: product entry (%d,%d) tends to %s, witness has %s", i+1, j+1, lim.RatString(), A[i][j].RatString())
			}
		}
	}
	return verifyNonmembership(s, A, c.Nonmembership)
}

var blockPatterns = map[string][][]int64{
	"lu_2x2": {{0, 1}, {1, 0}},         // MATH.md E1
	"e6_2x3": {{1, 0, 1}, {0, 1, 0}},   // MATH.md E6
	"e6_3x2": {{1, 0}, {0, 1}, {1, 0}}, // transpose of E6
}

func verifyNonmembership(s Support, A RatMatrix, nm *Nonmembership) error {
	if nm == nil {
		return fmt.Errorf("relu: verify: no non-membership proof")
	}
	if nm.Kind == "cad" {
		return verifyCADNonmembership(s, A, nm)
	}
	var rows, cols []int
	switch nm.Kind {
	case "nullstellensatz":
		// Φ_I(θ) = A has no complex solution on the block (the whole
		// matrix when no block is given); D2 extends a block to L_I.
		if len(nm.BlockRows) == 0 && len(nm.BlockCols) == 0 {
			for i := 0; i < A.Rows(); i++ {
				rows = append(rows, i)
			}
			for j := 0; j < A.Cols(); j++ {
				cols = append(cols, j)
			}
			break
		}
		var err error
		if rows, err = vIndices(nm.BlockRows, A.Rows(), "block row"); err != nil {
			return err
		}
		if cols, err = vIndices(nm.BlockCols, A.Cols(), "block column"); err != nil {
			return err
		}
	case "hereditary":
		pat, ok := blockPatterns[nm.BlockType]
		if !ok {
			return fmt.Errorf("relu: verify: unknown block type %q", nm.BlockType)
		}
		var err error
		if rows, err = vIndices(nm.BlockRows, A.Rows(), "block row"); err != nil {
			return err
		}
		if cols, err = vIndices(nm.BlockCols, A.Cols(), "block column"); err != nil {
			return err
		}
		if len(rows) != len(pat) || len(cols) != len(pat[0]) {
			return fmt.Errorf("relu: verify: block %dx%d does not have the shape of %s", len(rows), len(cols), nm.BlockType)
		}
		for a, i := range rows {
			for b, j := range cols {
				if A[i][j].Cmp(big.NewRat(pat[a][b], 1)) != 0 {
					return fmt.Errorf("relu: verify: witness on the block is not the %s pattern at (%d,%d)", nm.BlockType, i+1, j+1)
				}
			}
		}
	default:
		return fmt.Errorf("relu: verify: non-membership kind %q not supported", nm.Kind)
	}
	if len(rows) == 0 || len(cols) == 0 {
		return fmt.Errorf("relu: verify: empty non-membership block")
	}
	if len(nm.Cofactors) == 0 {
		return fmt.Errorf("relu: verify: no Nullstellensatz cofactors to check")
	}
	if len(nm.Cofactors) != len(rows)*len(cols) {
		return fmt.Errorf("relu: verify: %d cofactors for %d block entries", len(nm.Cofactors), len(rows)*len(cols))
	}
	L := s.Depth()
	sym := func(l int) [][]vpoly {
		m := s.Layer(l)
		out := make([][]vpoly, m.Rows())
		for i := range out {
			out[i] = make([]vpoly, m.Cols())
			for j := range out[i] {
				if m.At(i, j) {
					out[i][j] = vpVar(fmt.Sprintf("W%d_%d_%d", l, i+1, j+1))
				} else {
					out[i][j] = vpoly{}
				}
			}
		}
		return out
	}
	// Rows of Φ on the block rows: start with rows of W_L, multiply down.
	cur := make([][]vpoly, len(rows))
	WL := sym(L)
	for a, i := range rows {
		cur[a] = WL[i]
	}
	for l := L - 1; l >= 1; l-- {
		Wl := sym(l)
		next := make([][]vpoly, len(rows))
		for a := range cur {
			next[a] = make([]vpoly, len(Wl[0]))
			for j := range next[a] {
				acc := vpoly{}
				for k := range cur[a] {
					if len(cur[a][k]) == 0 || len(Wl[k][j]) == 0 {
						continue
					}
					acc = acc.add(cur[a][k].mul(Wl[k][j]), 1)
				}
				next[a][j] = acc
			}
		}
		cur = next
	}
	sum := vpoly{}
	idx := 0
	for a, i := range rows {
		for _, j := range cols {
			f := cur[a][j].add(vpConst(A[i][j]), -1)
			if idx < len(nm.Equations) {
				e, err := vpParse(nm.Equations[idx])
				if err != nil {
					return fmt.Errorf("relu: verify: equation %d: %w", idx+1, err)
				}
				if !e.equal(f) {
					return fmt.Errorf("relu: verify: equation %d is %s, recomputed %s", idx+1, e, f)
				}
			}
			g, err := vpParse(nm.Cofactors[idx])
			if err != nil {
				return fmt.Errorf("relu: verify: cofactor %d: %w", idx+1, err)
			}
			sum = sum.add(g.mul(f), 1)
			idx++
		}
	}
	if !sum.isOne() {
		return fmt.Errorf("relu: verify: Nullstellensatz identity fails: sum of cofactor*equation = %s, not 1", sum)
	}
	return nil
}

func vIndices(x []int, n int, what string) ([]int, error) {
	seen := map[int]bool{}
	out := make([]int, len(x))
	for a, v := range x {
		if v < 1 || v > n {
			return nil, fmt.Errorf("relu: verify: %s %d out of range 1..%d", what, v, n)
		}
		if seen[v] {
			return nil, fmt.Errorf("relu: verify: %s %d repeated", what, v)
		}
		seen[v] = true
		out[a] = v - 1
	}
	return out, nil
}

// vMasks is a verifier-side copy of masks as [][]bool, output-first.
type vMasks [][][]bool

func vCopy(s Support) vMasks {
	out := make(vMasks, s.Depth())
	for q, m := range s.Masks {
		out[q] = make([][]bool, m.Rows())
		for i := range out[q] {
			out[q][i] = make([]bool, m.Cols())
			for j := range out[q][i] {
				out[q][i][j] = m.At(i, j)
			}
		}
	}
	return out
}

func (v vMasks) spec() string {
	parts := make([]string, len(v))
	for q, m := range v {
		rs := make([]string, len(m))
		for i, r := range m {
			var b strings.Builder
			for _, x := range r {
				if x {
					b.WriteByte('1')
				} else {
					b.WriteByte('0')
				}
			}
			rs[i] = b.String()
		}
		parts[q] = fmt.Sprintf("W%d=%s", len(v)-q, strings.Join(rs, "/"))
	}
	return strings.Join(parts, ",")
}

func vBoolMul(a, b [][]bool) [][]bool {
	out := make([][]bool, len(a))
	for i := range a {
		out[i] = make([]bool, len(b[0]))
		for j := range out[i] {
			for k := range b {
				if a[i][k] && b[k][j] {
					out[i][j] = true
				}
			}
		}
	}
	return out
}

func vMaskString(m [][]bool) string {
	return strings.TrimPrefix(vMasks{m}.spec(), "W1=")
}

// vZeroDead clears hidden neurons with an empty input row or output column.
func vZeroDead(v vMasks) {
	for changed := true; changed; {
		changed = false
		for q := 0; q+1 < len(v); q++ {
			up, lo := v[q], v[q+1]
			for k := range lo {
				in, out := false, false
				for _, x := range lo[k] {
					in = in || x
				}
				for i := range up {
					out = out || up[i][k]
				}
				if in != out { // exactly one side empty, the other not
					for j := range lo[k] {
						lo[k][j] = false
					}
					for i := range up {
						up[i][k] = false
					}
					changed = true
				}
			}
		}
	}
}

func verifyClosed(s Support, c *Certificate) error {
	d := c.Description
	if d == nil {
		return fmt.Errorf("relu: verify: closed certificate without description")
	}
	if d.Kind == "formula" {
		return verifyFormula(s, c)
	}
	if d.Kind != "rank_conditions" {
		return fmt.Errorf("relu: verify: description kind %q not supported", d.Kind)
	}
	if err := verifyDescriptionTheorems(s, c); err != nil {
		return err
	}
	return verifyOnRandomProducts(s, d)
}

func verifyDescriptionTheorems(s Support, c *Certificate) error {
	d := c.Description
	v := vCopy(s)
	// Fill proofs: rank of the linear map.
	if d.Fill != nil {
		if c.Method != "subspace" {
			return fmt.Errorf("relu: verify: fill proof with method %q", c.Method)
		}
		return verifyFill(s, v, d)
	}
	for x, r := range c.Reductions {
		vZeroDead(v)
		L := len(v)
		if r.Lower < 1 || r.Lower+1 > L {
			return fmt.Errorf("relu: verify: reduction %d merges W%d·W%d, out of range", x+1, r.Lower+1, r.Lower)
		}
		q := L - 1 - r.Lower // output-first index of the upper factor
		up, lo := v[q], v[q+1]
		switch r.Rule {
		case "rows":
			for k := range lo {
				n := 0
				for _, b := range lo[k] {
					if b {
						n++
					}
				}
				if n > 1 {
					return fmt.Errorf("relu: verify: reduction %d: row %d of W%d has %d ones", x+1, k+1, r.Lower, n)
				}
			}
		case "cols":
			for k := range up[0] {
				n := 0
				for i := range up {
					if up[i][k] {
						n++
					}
				}
				if n > 1 {
					return fmt.Errorf("relu: verify: reduction %d: column %d of W%d has %d ones", x+1, k+1, r.Lower+1, n)
				}
			}
		case "fill":
			if r.Fill == nil {
				return fmt.Errorf("relu: verify: reduction %d: rule fill without a fill proof", x+1)
			}
			if err := vFillRank(vMasks{up, lo}, r.Fill); err != nil {
				return fmt.Errorf("relu: verify: reduction %d: %w", x+1, err)
			}
		default:
			return fmt.Errorf("relu: verify: reduction %d: unknown rule %q", x+1, r.Rule)
		}
		merged := vBoolMul(up, lo)
		nv := append(append(append(vMasks(nil), v[:q]...), merged), v[q+2:]...)
		v = nv
		if got := v.spec(); got != r.Result {
			return fmt.Errorf("relu: verify: reduction %d gives %s, certificate says %s", x+1, got, r.Result)
		}
	}
	if len(v) == 1 {
		if c.Method != "subspace" || d.Support != vMaskString(v[0]) || len(d.Conditions) != 0 {
			return fmt.Errorf("relu: verify: one factor: want method subspace with support %s", vMaskString(v[0]))
		}
		return nil
	}
	if len(v) != 2 {
		return fmt.Errorf("relu: verify: description needs two factors after reductions, have %d", len(v))
	}
	I2, I1 := v[0], v[1]
	m, r, n := len(I2), len(I1), len(I1[0])
	live := map[int]vNeuron{}
	for k := 0; k < r; k++ {
		var nn vNeuron
		for i := 0; i < m; i++ {
			if I2[i][k] {
				nn.rows = append(nn.rows, i)
			}
		}
		for j := 0; j < n; j++ {
			if I1[k][j] {
				nn.cols = append(nn.cols, j)
			}
		}
		if len(nn.rows) > 0 && len(nn.cols) > 0 {
			live[k+1] = nn
		}
	}
	// Union support.
	U := make([][]bool, m)
	for i := range U {
		U[i] = make([]bool, n)
	}
	for _, nn := range live {
		for _, i := range nn.rows {
			for _, j := range nn.cols {
				U[i][j] = true
			}
		}
	}
	if d.Support != vMaskString(U) {
		return fmt.Errorf("relu: verify: description support %s, recomputed %s", d.Support, vMaskString(U))
	}
	if c.Method == "rank_completion" {
		// completion.go's theorem, re-derived: count the full rectangles,
		// then repeatedly take any unused neuron with
		// rank + 1 + |R| + |C| > m + n (the largest first is never worse).
		rank := 0
		used := map[int]bool{}
		for k, nn := range live {
			if len(nn.rows) == m && len(nn.cols) == n {
				rank++
				used[k] = true
			}
		}
		for progress := true; progress && rank < min(m, n); {
			progress = false
			best, bestSize := 0, -1
			for k, nn := range live {
				if !used[k] && len(nn.rows)+len(nn.cols) > bestSize {
					best, bestSize = k, len(nn.rows)+len(nn.cols)
				}
			}
			if bestSize >= 0 && rank+1+bestSize > m+n {
				used[best] = true
				rank++
				progress = true
			}
		}
		if rank < min(m, n) {
			return fmt.Errorf("relu: verify: rank completion reaches rank %d only, not %d", rank, min(m, n))
		}
		if len(d.Conditions) != 0 || len(d.Parts) != 0 || len(d.Residue) != 0 {
			return fmt.Errorf("relu: verify: rank completion describes L_I = R^{m×n}: no conditions, parts or residues")
		}
		return nil
	}
	// Complete-class residue reductions (analyze.go, residueReduce).
	zeroed := map[[2]int]bool{}
	for round, step := range d.Residue {
		type cls struct {
			rows, cols []int
			mu         int
		}
		inPair := map[int]bool{}
		for _, pr := range step.Pairs {
			for _, k := range pr {
				if inPair[k] {
					return fmt.Errorf("relu: verify: residue round %d: neuron %d in two absorbing sets", round+1, k)
				}
				inPair[k] = true
			}
		}
		for _, af := range step.Fills {
			for _, k := range af.Neurons {
				if inPair[k] {
					return fmt.Errorf("relu: verify: residue round %d: neuron %d in two absorbing sets", round+1, k)
				}
				inPair[k] = true
			}
		}
		for _, tr := range step.Triples {
			var ns []vNeuron
			for _, k := range tr {
				if inPair[k] {
					return fmt.Errorf("relu: verify: residue round %d: neuron %d in two absorbing sets", round+1, k)
				}
				inPair[k] = true
				nn, ok := live[k]
				if !ok {
					return fmt.Errorf("relu: verify: residue round %d: neuron %d is not live", round+1, k)
				}
				ns = append(ns, nn)
			}
			if !vIsE6Cell(ns) {
				return fmt.Errorf("relu: verify: residue round %d: triple %v is not of the E6-plus-cell type", round+1, tr)
			}
		}
		// Complete classes among the neurons outside the listed pairs.
		var classes []*cls
		classOf := map[int]*cls{}
		ids := make([]int, 0, len(live))
		for k := range live {
			ids = append(ids, k)
		}
		sort.Ints(ids)
		for _, k := range ids {
			if inPair[k] {
				continue
			}
			nn := live[k]
			var found *cls
			for _, c := range classes {
				if vEq(c.rows, nn.rows) && vEq(c.cols, nn.cols) {
					found = c
				}
			}
			if found == nil {
				found = &cls{rows: nn.rows, cols: nn.cols}
				classes = append(classes, found)
			}
			found.mu++
			classOf[k] = found
		}
		T := map[[2]int]bool{}
		for _, c := range classes {
			if c.mu >= min(len(c.rows), len(c.cols)) {
				for _, i := range c.rows {
					for _, j := range c.cols {
						T[[2]int{i, j}] = true
					}
				}
			}
		}
		for _, pr := range step.Pairs {
			a, okA := live[pr[0]]
			b, okB := live[pr[1]]
			if !okA || !okB || pr[0] == pr[1] {
				return fmt.Errorf("relu: verify: residue round %d: pair %v is not two live neurons", round+1, pr)
			}
			if !vPairAbsorbing(a, b) {
				return fmt.Errorf("relu: verify: residue round %d: pair %v does not span its subspace (D5)", round+1, pr)
			}
			for _, nn := range []vNeuron{a, b} {
				for _, i := range nn.rows {
					for _, j := range nn.cols {
						T[[2]int{i, j}] = true
					}
				}
			}
		}
		for _, af := range step.Fills {
			if af.Fill == nil || len(af.Neurons) == 0 {
				return fmt.Errorf("relu: verify: residue round %d: empty absorbing fill", round+1)
			}
			W2 := make([][]bool, m)
			for i := range W2 {
				W2[i] = make([]bool, len(af.Neurons))
			}
			W1 := make([][]bool, len(af.Neurons))
			for a, k := range af.Neurons {
				nn, ok := live[k]
				if !ok {
					return fmt.Errorf("relu: verify: residue round %d: neuron %d is not live", round+1, k)
				}
				W1[a] = make([]bool, n)
				for _, i := range nn.rows {
					W2[i][a] = true
				}
				for _, j := range nn.cols {
					W1[a][j] = true
				}
				for _, i := range nn.rows {
					for _, j := range nn.cols {
						T[[2]int{i, j}] = true
					}
				}
			}
			if err := vFillRank(vMasks{W2, W1}, af.Fill); err != nil {
				return fmt.Errorf("relu: verify: residue round %d: absorbing set %v: %w", round+1, af.Neurons, err)
			}
		}
		for _, tr := range step.Triples {
			for _, k := range tr {
				nn := live[k]
				for _, i := range nn.rows {
					for _, j := range nn.cols {
						T[[2]int{i, j}] = true
					}
				}
			}
		}
		if len(T) == 0 {
			return fmt.Errorf("relu: verify: residue round %d: nothing absorbs", round+1)
		}
		next := map[int]vNeuron{}
		for _, k := range ids {
			nn := live[k]
			var rr, cc []int
			cnt := 0
			for _, i := range nn.rows {
				for _, j := range nn.cols {
					if !T[[2]int{i, j}] {
						rr = vUnion(rr, []int{i})
						cc = vUnion(cc, []int{j})
						cnt++
					}
				}
			}
			if cnt != len(rr)*len(cc) {
				return fmt.Errorf("relu: verify: residue round %d: residue of neuron %d is not a rectangle", round+1, k)
			}
			if cnt > 0 {
				next[k] = vNeuron{rows: rr, cols: cc}
			}
		}
		for c := range T {
			zeroed[c] = true
		}
		live = next
	}
	// Parts partition the live neurons and are coordinate-disjoint.
	owner := map[int]int{}
	for p, part := range d.Parts {
		for _, k := range part.Neurons {
			if _, ok := live[k]; !ok {
				return fmt.Errorf("relu: verify: part %d names neuron %d, which is not live", p+1, k)
			}
			if _, dup := owner[k]; dup {
				return fmt.Errorf("relu: verify: neuron %d in two parts", k)
			}
			owner[k] = p
		}
	}
	if len(owner) != len(live) {
		return fmt.Errorf("relu: verify: parts cover %d of %d live neurons", len(owner), len(live))
	}
	cellOwner := map[[2]int]int{}
	for k, nn := range live {
		for _, i := range nn.rows {
			for _, j := range nn.cols {
				cell := [2]int{i, j}
				if p, ok := cellOwner[cell]; ok && p != owner[k] {
					return fmt.Errorf("relu: verify: parts %d and %d share cell (%d,%d)", p+1, owner[k]+1, i+1, j+1)
				}
				cellOwner[cell] = owner[k]
			}
		}
	}
	allFullMasks := true
	for _, q := range v {
		for _, row := range q {
			for _, b := range row {
				allFullMasks = allFullMasks && b
			}
		}
	}
	// A part's conditions constrain A with the cells of the other parts set
	// to 0: L_I is the direct sum of the parts' sets on disjoint cells.
	curPart := -1
	cond := func(rows, cols []int, q int) []string {
		if q >= len(rows) || q >= len(cols) {
			return nil
		}
		c := RankCondition{Rows: plus1v(rows), Cols: plus1v(cols), MaxRank: q}
		for _, i := range rows {
			for _, j := range cols {
				o, owned := cellOwner[[2]int{i, j}]
				if zeroed[[2]int{i, j}] || owned && o != curPart {
					c.Zeroed = append(c.Zeroed, [2]int{i + 1, j + 1})
				}
			}
		}
		return []string{condKey(c)}
	}
	var all []string
	for p, part := range d.Parts {
		curPart = p
		ns := make([]vNeuron, len(part.Neurons))
		for a, k := range part.Neurons {
			ns[a] = live[k]
		}
		var want []string
		switch part.Method {
		case "rank1":
			if len(ns) != 1 {
				return fmt.Errorf("relu: verify: part %d: rank1 needs one neuron, has %d", p+1, len(ns))
			}
			want = cond(ns[0].rows, ns[0].cols, 1)
		case "dense":
			if !allFullMasks || len(ns) != len(live) || len(ns) == 0 {
				return fmt.Errorf("relu: verify: part %d: dense needs full masks", p+1)
			}
			want = cond(ns[0].rows, ns[0].cols, len(ns))
		case "alg_b":
			if len(ns) != 2 {
				return fmt.Errorf("relu: verify: part %d: alg_b needs two neurons", p+1)
			}
			a, b := ns[0], ns[1]
			if len(vInter(a.rows, b.rows)) == 0 || len(vInter(a.cols, b.cols)) == 0 {
				return fmt.Errorf("relu: verify: part %d: alg_b closed case needs overlapping rectangles (disjoint is c1)", p+1)
			}
			for _, xy := range [][2]vNeuron{{a, b}, {b, a}} {
				x, y := xy[0], xy[1]
				if len(vMinus(x.rows, y.rows)) > 0 && len(vMinus(x.cols, y.cols)) > 0 {
					return fmt.Errorf("relu: verify: part %d: local LU pattern (D5 not closed)", p+1)
				}
			}
			if vEq(a.rows, b.rows) && len(a.rows) >= 2 && len(vMinus(a.cols, b.cols)) > 0 && len(vMinus(b.cols, a.cols)) > 0 {
				return fmt.Errorf("relu: verify: part %d: E6 pattern (D5 not closed)", p+1)
			}
			if vEq(a.cols, b.cols) && len(a.cols) >= 2 && len(vMinus(a.rows, b.rows)) > 0 && len(vMinus(b.rows, a.rows)) > 0 {
				return fmt.Errorf("relu: verify: part %d: transposed E6 pattern (D5 not closed)", p+1)
			}
			want = cond(vUnion(a.rows, b.rows), vUnion(a.cols, b.cols), 2)
			for _, xy := range [][2]vNeuron{{a, b}, {b, a}} {
				rr, cc, ok := vRectMinus(xy[0].rows, xy[0].cols, xy[1].rows, xy[1].cols)
				if !ok {
					return fmt.Errorf("relu: verify: part %d: rectangle difference is not a rectangle", p+1)
				}
				want = append(want, cond(rr, cc, 1)...)
			}
		case "d3":
			var rows, cols []int
			for _, nn := range ns {
				rows = vUnion(rows, nn.rows)
				cols = vUnion(cols, nn.cols)
			}
			if len(rows) != 2 || len(cols) != 2 {
				return fmt.Errorf("relu: verify: part %d: d3 needs a 2x2 block, has %dx%d", p+1, len(rows), len(cols))
			}
			full := 0
			cells := map[[2]int]bool{}
			for _, nn := range ns {
				if len(nn.rows) == 2 && len(nn.cols) == 2 {
					full++
					continue
				}
				for _, i := range nn.rows {
					for _, j := range nn.cols {
						cells[[2]int{i, j}] = true
					}
				}
			}
			if full == 1 && len(cells) == 1 {
				return fmt.Errorf("relu: verify: part %d: LU configuration (D3 not closed)", p+1)
			}
			if full == 1 && len(cells) == 0 {
				want = cond(rows, cols, 1)
			}
		case "e6_cell":
			if len(ns) != 3 || !vIsE6Cell(ns) {
				return fmt.Errorf("relu: verify: part %d: not of the E6-plus-cell type", p+1)
			}
		case "c1", "c2":
			w, disjoint, ok := vC2(ns, func(nn vNeuron) ([]int, []int) { return nn.rows, nn.cols })
			if !ok {
				return fmt.Errorf("relu: verify: part %d: C2 hypotheses fail", p+1)
			}
			if part.Method == "c1" && !disjoint {
				return fmt.Errorf("relu: verify: part %d: C1 needs pairwise disjoint classes", p+1)
			}
			for _, x := range w {
				want = append(want, cond(x.rows, x.cols, x.mu)...)
			}
		default:
			return fmt.Errorf("relu: verify: part %d: unknown method %q", p+1, part.Method)
		}
		got := make([]string, len(part.Conditions))
		for i, cd := range part.Conditions {
			got[i] = condKey(cd)
		}
		if !sameMultiset(got, want) {
			return fmt.Errorf("relu: verify: part %d (%s): conditions %v, theorem gives %v", p+1, part.Method, got, want)
		}
		all = append(all, want...)
	}
	got := make([]string, len(d.Conditions))
	for i, cd := range d.Conditions {
		got[i] = condKey(cd)
	}
	if !sameMultiset(got, all) {
		return fmt.Errorf("relu: verify: description conditions %v differ from the parts' %v", got, all)
	}
	return nil
}

type vResidue struct {
	rows, cols []int
	mu         int
}

// vC2 recomputes classes, completeness and residues (MATH.md D4).
func vC2[N any](ns []N, rc func(N) ([]int, []int)) ([]vResidue, bool, bool) {
	type class struct {
		rows, cols []int
		mu         int
	}
	var classes []*class
	for _, nn := range ns {
		r, c := rc(nn)
		found := false
		for _, cl := range classes {
			if vEq(cl.rows, r) && vEq(cl.cols, c) {
				cl.mu++
				found = true
			}
		}
		if !found {
			classes = append(classes, &class{rows: r, cols: c, mu: 1})
		}
	}
	disjoint := true
	for a := range classes {
		for b := a + 1; b < len(classes); b++ {
			if len(vInter(classes[a].rows, classes[b].rows)) > 0 && len(vInter(classes[a].cols, classes[b].cols)) > 0 {
				disjoint = false
			}
		}
	}
	T := map[[2]int]bool{}
	complete := func(cl *class) bool { return cl.mu >= min(len(cl.rows), len(cl.cols)) }
	for _, cl := range classes {
		if complete(cl) {
			for _, i := range cl.rows {
				for _, j := range cl.cols {
					T[[2]int{i, j}] = true
				}
			}
		}
	}
	used := map[[2]int]bool{}
	var out []vResidue
	for _, cl := range classes {
		if complete(cl) {
			continue
		}
		var rows, cols []int
		count := 0
		for _, i := range cl.rows {
			for _, j := range cl.cols {
				if T[[2]int{i, j}] {
					continue
				}
				if used[[2]int{i, j}] {
					return nil, false, false
				}
				used[[2]int{i, j}] = true
				rows = vUnion(rows, []int{i})
				cols = vUnion(cols, []int{j})
				count++
			}
		}
		if count != len(rows)*len(cols) {
			return nil, false, false
		}
		out = append(out, vResidue{rows: rows, cols: cols, mu: cl.mu})
	}
	return out, disjoint, true
}

func verifyFill(s Support, v vMasks, d *Description) error {
	P := v[0]
	for q := 1; q < len(v); q++ {
		P = vBoolMul(P, v[q])
	}
	if d.Support != vMaskString(P) || len(d.Conditions) != 0 {
		return fmt.Errorf("relu: verify: fill description must be the product support %s without conditions", vMaskString(P))
	}
	return vFillRank(v, d.Fill)
}

// vFillRank checks that, with the fixed factors of f, the linear map of
// the free layer onto the Boolean product support has full rank.
func vFillRank(v vMasks, f *Fill) error {
	L := len(v)
	if f.Layer < 1 || f.Layer > L {
		return fmt.Errorf("relu: verify: fill layer %d out of range", f.Layer)
	}
	P := v[0]
	for q := 1; q < L; q++ {
		P = vBoolMul(P, v[q])
	}
	mats := make([]RatMatrix, L)
	for q := 0; q < L; q++ {
		l := L - q
		if l == f.Layer {
			continue
		}
		raw, ok := f.Factors[fmt.Sprintf("W%d", l)]
		if !ok {
			return fmt.Errorf("relu: verify: fill has no W%d", l)
		}
		M, err := ParseRatMatrix(raw)
		if err != nil {
			return fmt.Errorf("relu: verify: fill W%d: %w", l, err)
		}
		if len(M) != len(v[q]) || len(M[0]) != len(v[q][0]) {
			return fmt.Errorf("relu: verify: fill W%d has the wrong shape", l)
		}
		for i := range M {
			for j := range M[i] {
				if M[i][j].Sign() != 0 && !v[q][i][j] {
					return fmt.Errorf("relu: verify: fill W%d entry (%d,%d) outside the mask", l, i+1, j+1)
				}
			}
		}
		mats[q] = M
	}
	qf := L - f.Layer
	// up = product of factors above, down = below (identity if none).
	var up, down RatMatrix
	for q := 0; q < qf; q++ {
		up = vMul(up, mats[q])
	}
	for q := qf + 1; q < L; q++ {
		down = vMul(down, mats[q])
	}
	free := v[qf]
	var rows [][]*big.Rat
	for a := range free {
		for b := range free[a] {
			if !free[a][b] {
				continue
			}
			var row []*big.Rat
			for i := range P {
				for j := range P[i] {
					if !P[i][j] {
						continue
					}
					x := big.NewRat(0, 1)
					if (up == nil && i == a) || up != nil {
						x.SetInt64(1)
						if up != nil {
							x.Set(up[i][a])
						}
					}
					y := big.NewRat(0, 1)
					if (down == nil && b == j) || down != nil {
						y.SetInt64(1)
						if down != nil {
							y.Set(down[b][j])
						}
					}
					row = append(row, x.Mul(x, y))
				}
			}
			rows = append(rows, row)
		}
	}
	need := 0
	for i := range P {
		for j := range P[i] {
			if P[i][j] {
				need++
			}
		}
	}
	if got := vRank(rows); got != need {
		return fmt.Errorf("relu: verify: fill map has rank %d, product support has %d cells", got, need)
	}
	return nil
}

func vMul(a, b RatMatrix) RatMatrix {
	if a == nil {
		return b
	}
	out := make(RatMatrix, len(a))
	for i := range a {
		out[i] = make([]*big.Rat, len(b[0]))
		for j := range out[i] {
			acc := new(big.Rat)
			for k := range b {
				acc.Add(acc, new(big.Rat).Mul(a[i][k], b[k][j]))
			}
			out[i][j] = acc
		}
	}
	return out
}

// vRank is plain Gaussian elimination over Q (copying its input).
func vRank(a [][]*big.Rat) int {
	if len(a) == 0 {
		return 0
	}
	b := make([][]*big.Rat, len(a))
	for i := range a {
		b[i] = make([]*big.Rat, len(a[i]))
		for j := range a[i] {
			b[i][j] = new(big.Rat).Set(a[i][j])
		}
	}
	r := 0
	for c := 0; c < len(b[0]) && r < len(b); c++ {
		p := -1
		for i := r; i < len(b); i++ {
			if b[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		b[r], b[p] = b[p], b[r]
		for i := r + 1; i < len(b); i++ {
			if b[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(b[i][c], b[r][c])
			for j := c; j < len(b[i]); j++ {
				b[i][j].Sub(b[i][j], new(big.Rat).Mul(f, b[r][j]))
			}
		}
		r++
	}
	return r
}

// verifyOnRandomProducts checks the description at random rational
// products Φ_I(θ) (seeded; half of them with many zeros).
func verifyOnRandomProducts(s Support, d *Description) error {
	sup, err := ParseMask(d.Support)
	w := s.Widths()
	L := s.Depth()
	if err != nil || sup.Rows() != w[L] || sup.Cols() != w[0] {
		return fmt.Errorf("relu: verify: description support %q is not a %dx%d mask", d.Support, w[L], w[0])
	}
	for _, cd := range d.Conditions {
		if _, err := vIndices(cd.Rows, w[L], "condition row"); err != nil {
			return err
		}
		if _, err := vIndices(cd.Cols, w[0], "condition column"); err != nil {
			return err
		}
	}
	seed := int64(20231)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < 2*VerifySamples; it++ {
		zeroProb := 0.0
		if it%2 == 1 {
			zeroProb = 0.4
		}
		A := vRandomProduct(rng, s, zeroProb)
		for i := range A {
			for j := range A[i] {
				if A[i][j].Sign() != 0 && !sup.At(i, j) {
					return fmt.Errorf("relu: verify: random product (seed %d, sample %d) is non-zero at (%d,%d) outside the support", seed, it, i+1, j+1)
				}
			}
		}
		for _, cd := range d.Conditions {
			z := map[[2]int]bool{}
			for _, c := range cd.Zeroed {
				z[c] = true
			}
			sub := make([][]*big.Rat, len(cd.Rows))
			for a, i := range cd.Rows {
				sub[a] = make([]*big.Rat, len(cd.Cols))
				for b, j := range cd.Cols {
					sub[a][b] = A[i-1][j-1]
					if z[[2]int{i, j}] {
						sub[a][b] = new(big.Rat)
					}
				}
			}
			if r := vRank(sub); r > cd.MaxRank {
				return fmt.Errorf("relu: verify: random product (seed %d, sample %d) violates %s (rank %d)", seed, it, cd, r)
			}
		}
	}
	return nil
}

func condKey(c RankCondition) string {
	r := append([]int(nil), c.Rows...)
	k := append([]int(nil), c.Cols...)
	sort.Ints(r)
	sort.Ints(k)
	z := append([][2]int(nil), c.Zeroed...)
	sort.Slice(z, func(a, b int) bool { return z[a][0] < z[b][0] || z[a][0] == z[b][0] && z[a][1] < z[b][1] })
	return fmt.Sprintf("%v%v<=%d zeroed %v", r, k, c.MaxRank, z)
}

func sameMultiset(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x := append([]string(nil), a...)
	y := append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

func plus1v(x []int) []int {
	out := make([]int, len(x))
	for i, v := range x {
		out[i] = v + 1
	}
	return out
}

func vInter(a, b []int) []int {
	var out []int
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
			}
		}
	}
	return out
}

func vMinus(a, b []int) []int {
	var out []int
	for _, x := range a {
		if len(vInter([]int{x}, b)) == 0 {
			out = append(out, x)
		}
	}
	return out
}

func vUnion(a, b []int) []int {
	out := append([]int(nil), a...)
	out = append(out, vMinus(b, a)...)
	sort.Ints(out)
	return out
}

func vEq(a, b []int) bool {
	return len(vMinus(a, b)) == 0 && len(vMinus(b, a)) == 0
}

// vRectMinus returns (R1×C1) \ (R2×C2) as a rectangle.
func vRectMinus(r1, c1, r2, c2 []int) ([]int, []int, bool) {
	var rows, cols []int
	n := 0
	for _, i := range r1 {
		for _, j := range c1 {
			if len(vInter([]int{i}, r2)) > 0 && len(vInter([]int{j}, c2)) > 0 {
				continue
			}
			rows = vUnion(rows, []int{i})
			cols = vUnion(cols, []int{j})
			n++
		}
	}
	return rows, cols, n == len(rows)*len(cols)
}

// vNeuron is a live neuron's rectangle (0-based rows and columns).
type vNeuron struct{ rows, cols []int }

// vPairAbsorbing reports whether two neurons' counterpart is the whole
// subspace on the union of their rectangles, by MATH.md D5: disjoint lines,
// or the closed case of D5 with every rank condition trivial.
func vPairAbsorbing(a, b vNeuron) bool {
	line := func(n vNeuron) bool { return len(n.rows) <= 1 || len(n.cols) <= 1 }
	if len(vInter(a.rows, b.rows)) == 0 || len(vInter(a.cols, b.cols)) == 0 {
		return line(a) && line(b)
	}
	for _, xy := range [][2]vNeuron{{a, b}, {b, a}} {
		x, y := xy[0], xy[1]
		if len(vMinus(x.rows, y.rows)) > 0 && len(vMinus(x.cols, y.cols)) > 0 {
			return false
		}
		if vEq(x.rows, y.rows) && len(x.rows) >= 2 && len(vMinus(x.cols, y.cols)) > 0 && len(vMinus(y.cols, x.cols)) > 0 {
			return false
		}
		if vEq(x.cols, y.cols) && len(x.cols) >= 2 && len(vMinus(x.rows, y.rows)) > 0 && len(vMinus(y.rows, x.rows)) > 0 {
			return false
		}
		rr, cc, ok := vRectMinus(x.rows, x.cols, y.rows, y.cols)
		if !ok || (len(rr) > 1 && len(cc) > 1) {
			return false
		}
	}
	return min(len(vUnion(a.rows, b.rows)), len(vUnion(a.cols, b.cols))) <= 2
}

// vIsE6Cell checks the "E6 plus a cell in an exclusive column" type: two
// neurons on the same two rows with column pairs sharing exactly one
// column, and a single-cell neuron in one of those rows and in a column
// that only one of the two covers.
func vIsE6Cell(ns []vNeuron) bool {
	if len(ns) != 3 {
		return false
	}
	for ci := 0; ci < 3; ci++ {
		c, a, b := ns[ci], ns[(ci+1)%3], ns[(ci+2)%3]
		if len(c.rows) != 1 || len(c.cols) != 1 {
			continue
		}
		if !vEq(a.rows, b.rows) || len(a.rows) != 2 || len(a.cols) != 2 || len(b.cols) != 2 ||
			len(vInter(a.cols, b.cols)) != 1 || len(vUnion(a.cols, b.cols)) != 3 {
			continue
		}
		excl := append(vMinus(a.cols, b.cols), vMinus(b.cols, a.cols)...)
		if len(vInter(c.rows, a.rows)) == 1 && len(vInter(c.cols, excl)) == 1 {
			return true
		}
	}
	// Transposed type.
	for ci := 0; ci < 3; ci++ {
		c, a, b := ns[ci], ns[(ci+1)%3], ns[(ci+2)%3]
		if len(c.rows) != 1 || len(c.cols) != 1 {
			continue
		}
		if !vEq(a.cols, b.cols) || len(a.cols) != 2 || len(a.rows) != 2 || len(b.rows) != 2 ||
			len(vInter(a.rows, b.rows)) != 1 || len(vUnion(a.rows, b.rows)) != 3 {
			continue
		}
		excl := append(vMinus(a.rows, b.rows), vMinus(b.rows, a.rows)...)
		if len(vInter(c.cols, a.cols)) == 1 && len(vInter(c.rows, excl)) == 1 {
			return true
		}
	}
	return false
}

// vRandomProduct returns W_L⋯W_1 for factors with entries on the masks
// drawn from rng (small rationals; each entry zero with probability
// zeroProb), the verifier's sample of L_I.
func vRandomProduct(rng *rand.Rand, s Support, zeroProb float64) RatMatrix {
	var A RatMatrix
	for _, mk := range s.Masks {
		W := make(RatMatrix, mk.Rows())
		for i := range W {
			W[i] = make([]*big.Rat, mk.Cols())
			for j := range W[i] {
				W[i][j] = new(big.Rat)
				if mk.At(i, j) && rng.Float64() >= zeroProb {
					W[i][j].SetFrac64(int64(rng.Intn(19)-9), int64(1+rng.Intn(4)))
				}
			}
		}
		A = vMul(A, W)
	}
	return A
}
