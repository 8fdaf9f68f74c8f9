package relu

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Closedness decides whether L_I is closed by the polynomial-time
// pipeline (see the package doc and analyze.go for the steps and their
// proofs). It returns a verdict with a certificate; the status is
// Unknown, with the reason, whenever no theorem or detector applies — it
// never guesses. It returns an error only for an invalid support or a
// cancelled context. It is fast enough for censuses of all supports of a
// shape; ClosednessExact adds the exponential exact fallback.
func Closedness(ctx context.Context, s Support) (*Verdict, error) {
	return ClosednessWith(ctx, s, Options{})
}

// ClosednessExact is Closedness followed, on UNKNOWN, by the exact
// fallback ALG-C (algc.go) within DefaultAlgCBudget: quantifier
// elimination through semialg. A support beyond the budget stays UNKNOWN
// and the reason names the limit.
func ClosednessExact(ctx context.Context, s Support) (*Verdict, error) {
	return ClosednessWith(ctx, s, Options{Fallback: true, Budget: DefaultAlgCBudget})
}

// Options configure ClosednessWith.
type Options struct {
	// Fallback runs ALG-C (quantifier elimination through semialg, see
	// algc.go) with Budget on supports the structural pipeline leaves
	// UNKNOWN.
	Fallback bool
	Budget   AlgCBudget
	// NoTable skips the offline block table (blocktable.go); its
	// generator sets it so that the table is rebuilt from scratch.
	NoTable bool
	// TangentTime, when positive and Fallback is off, runs the QE-free
	// tangent-limit search (tangent.go) for that long on supports still
	// UNKNOWN: cheap NOT_CLOSED certificates with Nullstellensatz proofs
	// for censuses (relucad census --tangent).
	TangentTime time.Duration
	// OntoTime, when positive and Fallback is off, runs the hull test
	// (onto.go: is L_I its rank-cut hull, Σ(P) with the rank bounds of
	// vertex cuts?) for that long on supports still UNKNOWN: CLOSED when
	// equal, NOT_CLOSED with checkable proofs when a point of the hull
	// outside L_I is found to be a limit (relucad census --onto).
	OntoTime time.Duration
}

// ClosednessWith is Closedness with explicit options.
func ClosednessWith(ctx context.Context, s Support, opt Options) (*Verdict, error) {
	v, err := closedness(ctx, s, true)
	if err == nil && v.Status == Unknown && !opt.NoTable {
		if tv, ok := tableVerdict(s); ok {
			return tv, nil
		}
		if tv, ok := tableCompact(s); ok {
			return tv, nil
		}
		if tv, ok := tableHereditary(ctx, s); ok {
			return tv, nil
		}
	}
	if err == nil && v.Status == Unknown && !opt.Fallback && opt.TangentTime > 0 {
		if tv, ok := tangentVerdict(ctx, s, AlgCBudget{TangentTries: 1 << 20, TangentTime: opt.TangentTime}); ok {
			return tv, nil
		}
	}
	if err == nil && v.Status == Unknown && !opt.Fallback && opt.OntoTime > 0 {
		b := DefaultAlgCBudget
		b.Timeout = opt.OntoTime
		r, err := algcOnto(ctx, s, b)
		if err != nil {
			return nil, err
		}
		if r.status != Unknown {
			return algcVerdict(s, r)
		}
		if r.reason != "" {
			c := *v.Cert
			c.Reason += "; hull test (is L_I its rank-cut hull?): " + r.reason
			v = &Verdict{Status: Unknown, Cert: &c}
		}
	}
	if err != nil || v.Status != Unknown || !opt.Fallback {
		return v, err
	}
	return fallback(ctx, s, v, opt.Budget)
}

// fallback runs ALG-C on s after the structural pipeline returned the
// UNKNOWN verdict v.
func fallback(ctx context.Context, s Support, v *Verdict, b AlgCBudget) (*Verdict, error) {
	if tv, ok := tangentVerdict(ctx, s, b); ok {
		return tv, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r, err := algC(ctx, s, b)
	if err != nil {
		return nil, err
	}
	if r.status == NotClosed {
		return algcNotClosed(s, r)
	}
	if r.status != Closed {
		c := *v.Cert
		c.Reason = strings.Replace(c.Reason, "exact fallback (ALG-C) not run (relu.ClosednessExact runs it)", r.reason, 1)
		if c.Reason == v.Cert.Reason {
			c.Reason += "; " + r.reason
		}
		return &Verdict{Status: Unknown, Cert: &c}, nil
	}
	return algcVerdict(s, r)
}

// algcVerdict is the certificate of a decided ALG-C result.
func algcVerdict(s Support, r algcResult) (*Verdict, error) {
	if r.status == NotClosed {
		return algcNotClosed(s, r)
	}
	rule := "weak_closure"
	if r.d9 {
		rule = "d9"
	}
	if r.rule != "" {
		rule = r.rule
	}
	cert := &Certificate{Spec: s.String(), Verdict: "closed", Method: "qe",
		Description: &Description{Kind: "formula", Support: boolProduct(s).String(), Formula: r.description,
			QE: &QEStats{Stage1: r.formula, Branches: r.branches, Leaves: r.leaves, Rule: rule, Seconds: r.elapsed.Seconds()}}}
	return &Verdict{Status: Closed, Cert: cert}, nil
}

// algcNotClosed is the NOT_CLOSED certificate of an ALG-C result with a
// witness and a factor sequence (algc_seq.go): the sequence proves A* ∈
// cl(L_I) by expansion; A* ∉ L_I is the stage-1 QE description evaluated at
// A* (non-membership kind "cad", MATH.md §8.3). The certificate is checked
// with Verify before it is returned.
func algcNotClosed(s Support, r algcResult) (*Verdict, error) {
	w := s.Widths()
	m, n := w[s.Depth()], w[0]
	A := make(RatMatrix, m)
	names := make([]string, 0, m*n)
	for i := range A {
		A[i] = r.witness[i*n : (i+1)*n]
		for j := 0; j < n; j++ {
			names = append(names, aName(i, j))
		}
	}
	f := false
	cert := &Certificate{Spec: s.String(), Verdict: "not_closed", Method: "qe",
		Witness: A.Strings(), Sequence: map[string][][]string{},
		Nonmembership: &Nonmembership{Kind: "cad", FreeVariables: names,
			MembershipFormula: r.formula, ValueAtWitness: &f,
			Theorem: "ALG-C stage 1: L_I = {membership formula} (quantifier elimination, trusted); the witness violates it"}}
	for l, W := range r.seq {
		cert.Sequence[fmt.Sprintf("W%d", l+1)] = W.Strings()
	}
	if r.nullstellensatz != nil {
		// A proof that needs no trust in the QE.
		cert.Nonmembership = r.nullstellensatz
	}
	if err := Verify(cert); err != nil {
		return nil, fmt.Errorf("relu: ALG-C built a certificate that does not verify (a bug): %w", err)
	}
	return &Verdict{Status: NotClosed, Cert: cert}, nil
}

// closedness is Closedness; blocks enables the deep hereditary scan.
func closedness(ctx context.Context, s Support, blocks bool) (*Verdict, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	unknown := func(reason string) *Verdict {
		return &Verdict{Status: Unknown, Cert: &Certificate{Spec: s.String(), Verdict: "unknown", Reason: reason}}
	}
	for _, w := range s.Widths() {
		if w > MaxWidth {
			return unknown(fmt.Sprintf("layer width %d exceeds %d", w, MaxWidth)), nil
		}
	}
	fillVerdict := func() (*Verdict, bool) {
		f, ok := findFill(s)
		if !ok {
			return nil, false
		}
		return &Verdict{Status: Closed, Cert: &Certificate{Spec: s.String(), Verdict: "closed", Method: "subspace",
			Description: &Description{Kind: "rank_conditions", Support: boolProduct(s).String(), Fill: f}}}, true
	}
	if s.Depth() >= 3 {
		// L_I = Σ(P) is the most informative answer (E12: T15).
		if v, ok := fillVerdict(); ok {
			return v, nil
		}
	}
	ch := reduceDepth(s)
	cur := ch.final
	if cur.Depth() == 1 {
		// Σ(I_1) is a linear subspace.
		return &Verdict{Status: Closed, Cert: &Certificate{Spec: s.String(), Verdict: "closed", Method: "subspace",
			Description: &Description{Kind: "rank_conditions", Support: cur.Masks[0].String()}}}, nil
	}
	if cur.Depth() > 2 && blocks {
		v, err := blockScan(ctx, s)
		if err != nil || v != nil {
			return v, err
		}
	}
	if cur.Depth() > 2 {
		return unknown(fmt.Sprintf("depth %d support does not reduce to two factors by merges (E12) and no factor fills the product support; no theorem or detector applies; exact fallback (ALG-C) not run (relu.ClosednessExact runs it)", cur.Depth())), nil
	}
	tf := newTwoFactor(cur.Masks[0], cur.Masks[1])
	tf.full = allFull(s)
	res := analyzeTwo(ctx, tf)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cert := &Certificate{Spec: s.String(), Reductions: ch.reductions}
	switch res.status {
	case Unknown:
		if v, ok := fillVerdict(); ok {
			return v, nil
		}
		if cur.Depth() == 2 && rankCompletion(cur) {
			// completion.go: L_I = R^{m×n}.
			return &Verdict{Status: Closed, Cert: &Certificate{Spec: s.String(), Verdict: "closed", Method: "rank_completion",
				Reductions:  ch.reductions,
				Description: &Description{Kind: "rank_conditions", Support: boolProduct(s).String()}}}, nil
		}
		cert.Verdict = "unknown"
		cert.Reason = res.reason + "; no factor fills the product support; exact fallback (ALG-C) not run (relu.ClosednessExact runs it)"
		return &Verdict{Status: Unknown, Cert: cert}, nil
	case Closed:
		cert.Verdict = "closed"
		cert.Method = closedMethod(res.parts, ch.reductions, len(res.residue))
		d := &Description{Kind: "rank_conditions", Support: unionMask(tf).String()}
		d.Residue = res.residue
		for _, p := range res.parts {
			d.Conditions = append(d.Conditions, p.conds...)
			d.Parts = append(d.Parts, ClosedPart{Method: p.method, Neurons: p.neurons, Conditions: nonNil(p.conds)})
		}
		cert.Description = d
		return &Verdict{Status: Closed, Cert: cert}, nil
	}
	nc := res.nc
	cert.Verdict = "not_closed"
	W := NewRatMatrix(tf.m, tf.n)
	for _, c := range nc.ones {
		W[c[0]][c[1]].SetInt64(1)
	}
	cert.Witness = W.Strings()
	W2 := NewLaurentMatrix(tf.m, tf.r)
	W1 := NewLaurentMatrix(tf.r, tf.n)
	for p, v := range nc.w2 {
		W2[p[0]][p[1]] = v
	}
	for p, v := range nc.w1 {
		W1[p[0]][p[1]] = v
	}
	factors := ch.lift([]LaurentMatrix{W2, W1})
	cert.Sequence = map[string][][]string{}
	L := s.Depth()
	for q, f := range factors {
		cert.Sequence[fmt.Sprintf("W%d", L-q)] = f.Strings()
	}
	nm := &Nonmembership{Kind: "hereditary", BlockRows: plus1(nc.rows), BlockCols: plus1(nc.cols),
		BlockType: nc.blockType, Theorem: nc.theorem, Detector: nc.detector}
	e2, e1 := ch.ents[0], ch.ents[1]
	for _, g := range nc.cofactors {
		nm.Cofactors = append(nm.Cofactors, cofactorString(g, e2, e1))
	}
	for _, i := range nc.rows {
		for _, j := range nc.cols {
			nm.Equations = append(nm.Equations, equationString(e2, e1, i, j, W[i][j].RatString()))
		}
	}
	cert.Nonmembership = nm
	return &Verdict{Status: NotClosed, Cert: cert}, nil
}

func nonNilPairs(p [][2]int) [][2]int {
	if p == nil {
		return [][2]int{}
	}
	return p
}

func nonNil(c []RankCondition) []RankCondition {
	if c == nil {
		return []RankCondition{}
	}
	return c
}

func allFull(s Support) bool {
	for _, m := range s.Masks {
		if !m.IsFull() {
			return false
		}
	}
	return true
}

func closedMethod(parts []tfClosedPart, reductions []Reduction, rounds int) string {
	m := ""
	for _, p := range parts {
		switch {
		case m == "":
			m = p.method
		case m != p.method:
			m = "components"
		}
	}
	if m == "" {
		m = "rank1" // no live neuron: L_I = {0}
	}
	if rounds > 0 {
		m = "complete_residue+" + m
	}
	if len(reductions) > 0 {
		prefix := "identity_reduction+"
		for _, r := range reductions {
			if r.Rule == "fill" {
				prefix = "subspace_merge+"
			}
		}
		m = prefix + m
	}
	return m
}

// unionMask is the union of the live neurons' rectangles (m×n).
func unionMask(tf twoFactor) Mask {
	u := ZeroMask(tf.m, tf.n)
	for _, nn := range tf.neurons {
		for _, i := range nn.R.list() {
			for _, j := range nn.C.list() {
				u.bits[i*tf.n+j] = true
			}
		}
	}
	return u
}

// expr is a sum of monomials, each a "*"-joined product of variable names.
type expr []string

func (e expr) paren() string {
	if len(e) == 1 {
		return e[0]
	}
	return "(" + strings.Join(e, " + ") + ")"
}

func cofactorString(g monoTerm, e2, e1 [][]expr) string {
	if g.sign == 0 {
		return "0"
	}
	parts := make([]string, 0, len(g.vars))
	for _, v := range g.vars {
		if v.f == 2 {
			parts = append(parts, e2[v.i][v.j].paren())
		} else {
			parts = append(parts, e1[v.i][v.j].paren())
		}
	}
	s := strings.Join(parts, "*")
	if s == "" {
		s = "1"
	}
	if g.sign < 0 {
		return "-" + s
	}
	return s
}

func equationString(e2, e1 [][]expr, i, j int, a string) string {
	var terms []string
	for k := range e1 {
		if e2[i][k] == nil || e1[k][j] == nil {
			continue
		}
		terms = append(terms, e2[i][k].paren()+"*"+e1[k][j].paren())
	}
	s := strings.Join(terms, " + ")
	switch {
	case a == "0" && s == "":
		return "0"
	case a == "0":
		return s
	case s == "":
		return "-" + a
	case strings.HasPrefix(a, "-"):
		return s + " + " + a[1:]
	}
	return s + " - " + a
}

// depthChain records the merges applied to a support, the variable
// expressions of the final factors, and how to lift sequences back.
type depthChain struct {
	final      Support
	reductions []Reduction
	steps      []mergeStep
	ents       [][][]expr // per final factor (output-first), entry expressions
}

type mergeStep struct {
	q            int   // output-first index of the upper factor before the merge
	upper, lower Mask  // masks after zeroing dead neurons
	rowsRule     bool  // rows of lower have ≤ 1 one (else columns of upper)
	fill         *Fill // rule "fill": the pair's product set is Σ(P) (fill.go)
}

// zeroDead clears hidden neurons with an empty input row or empty output
// column (they contribute nothing to the product), repeatedly.
func zeroDead(masks []Mask, ents [][][]expr) {
	L := len(masks)
	for changed := true; changed; {
		changed = false
		for q := 0; q+1 < L; q++ {
			up, lo := masks[q], masks[q+1] // neurons: columns of up = rows of lo
			for k := 0; k < up.cols; k++ {
				inEmpty, outEmpty := true, true
				anything := false
				for j := 0; j < lo.cols; j++ {
					if lo.At(k, j) {
						inEmpty = false
						anything = true
					}
				}
				for i := 0; i < up.rows; i++ {
					if up.At(i, k) {
						outEmpty = false
						anything = true
					}
				}
				if anything && (inEmpty || outEmpty) {
					for j := 0; j < lo.cols; j++ {
						lo.bits[k*lo.cols+j] = false
						ents[q+1][k][j] = nil
					}
					for i := 0; i < up.rows; i++ {
						up.bits[i*up.cols+k] = false
						ents[q][i][k] = nil
					}
					changed = true
				}
			}
		}
	}
}

func rowsAtMostOne(m Mask) bool {
	for i := 0; i < m.rows; i++ {
		c := 0
		for j := 0; j < m.cols; j++ {
			if m.At(i, j) {
				c++
			}
		}
		if c > 1 {
			return false
		}
	}
	return true
}

// reduceDepth merges adjacent factors while L ≥ 3 (see analyze.go).
func reduceDepth(s Support) depthChain {
	L := s.Depth()
	masks := make([]Mask, L)
	ents := make([][][]expr, L)
	for q, m := range s.Masks {
		masks[q] = m.clone()
		l := L - q
		ents[q] = make([][]expr, m.rows)
		for i := range ents[q] {
			ents[q][i] = make([]expr, m.cols)
			for j := range ents[q][i] {
				if m.At(i, j) {
					ents[q][i][j] = expr{fmt.Sprintf("W%d_%d_%d", l, i+1, j+1)}
				}
			}
		}
	}
	ch := depthChain{}
	for len(masks) >= 3 {
		zeroDead(masks, ents)
		merged := false
		for pass := 0; pass < 2 && !merged; pass++ {
			for q := 0; q+1 < len(masks); q++ {
				up, lo := masks[q], masks[q+1]
				st := mergeStep{q: q, upper: up.clone(), lower: lo.clone()}
				rule := ""
				if pass == 0 {
					rows := rowsAtMostOne(lo)
					cols := rowsAtMostOne(up.Transpose())
					if !rows && !cols {
						continue
					}
					st.rowsRule = rows
					rule = "cols"
					if rows {
						rule = "rows"
					}
				} else {
					f, ok := findFill(Support{Masks: []Mask{up, lo}})
					if !ok {
						continue
					}
					st.fill = f
					rule = "fill"
				}
				ch.steps = append(ch.steps, st)
				masks, ents = mergeAt(masks, ents, q)
				ch.reductions = append(ch.reductions, Reduction{Lower: len(masks) - q, Rule: rule, Result: Support{Masks: masks}.String(), Fill: st.fill})
				merged = true
				break
			}
		}
		if !merged {
			break
		}
	}
	ch.final = Support{Masks: masks}
	ch.ents = ents
	return ch
}

// mergeAt replaces factors q, q+1 by their Boolean product, with the
// entry expressions multiplied out.
func mergeAt(masks []Mask, ents [][][]expr, q int) ([]Mask, [][][]expr) {
	up, lo := masks[q], masks[q+1]
	prod := up.BoolProduct(lo)
	pe := make([][]expr, up.rows)
	for i := range pe {
		pe[i] = make([]expr, lo.cols)
		for j := range pe[i] {
			for k := 0; k < up.cols; k++ {
				if ents[q][i][k] == nil || ents[q+1][k][j] == nil {
					continue
				}
				for _, a := range ents[q][i][k] {
					for _, b := range ents[q+1][k][j] {
						pe[i][j] = append(pe[i][j], a+"*"+b)
					}
				}
			}
		}
	}
	masks = append(append(append([]Mask(nil), masks[:q]...), prod), masks[q+2:]...)
	ents = append(append(append([][][]expr(nil), ents[:q]...), pe), ents[q+2:]...)
	return masks, ents
}

// lift turns a sequence for the final factors into one for the original
// support by undoing the merges in reverse order.
func (ch depthChain) lift(factors []LaurentMatrix) []LaurentMatrix {
	for x := len(ch.steps) - 1; x >= 0; x-- {
		st := ch.steps[x]
		M := factors[st.q]
		up, lo := st.upper, st.lower
		if st.fill != nil {
			U, D := liftFill(up, lo, st.fill, M)
			next := append([]LaurentMatrix(nil), factors[:st.q]...)
			next = append(next, U, D)
			factors = append(next, factors[st.q+1:]...)
			continue
		}
		U := NewLaurentMatrix(up.rows, up.cols)
		D := NewLaurentMatrix(lo.rows, lo.cols)
		if st.rowsRule {
			for k := 0; k < lo.rows; k++ {
				for j := 0; j < lo.cols; j++ {
					if lo.At(k, j) {
						D[k][j] = LaurentInt(1)
					}
				}
			}
		} else {
			for i := 0; i < up.rows; i++ {
				for k := 0; k < up.cols; k++ {
					if up.At(i, k) {
						U[i][k] = LaurentInt(1)
					}
				}
			}
		}
		for i := 0; i < up.rows; i++ {
			for j := 0; j < lo.cols; j++ {
				if M[i][j].IsZero() {
					continue
				}
				for k := 0; k < up.cols; k++ {
					if up.At(i, k) && lo.At(k, j) {
						if st.rowsRule {
							U[i][k] = M[i][j]
						} else {
							D[k][j] = M[i][j]
						}
						break
					}
				}
			}
		}
		next := append([]LaurentMatrix(nil), factors[:st.q]...)
		next = append(next, U, D)
		factors = append(next, factors[st.q+1:]...)
	}
	return factors
}

// blockScan is the hereditary restriction D2 applied to whole analyses:
// for blocks of output rows R and input columns C (every proper block with
// at least two rows and two columns when the output and input widths are
// at most SmallBlockWidth, else the 2×2, 2×3 and 3×2 blocks), the
// restricted support I|_{R,C} (rows R of I_L, columns C of I_1) is analysed
// by the full pipeline without this scan. Restriction maps L_I onto
// L_{I|R,C} and zero-extension maps back, so a non-closed block makes L_I
// non-closed. Restricting can create new complete classes or absorbing
// pairs (rows or columns disappear), which is why whole analyses of blocks
// decide more than the fixed detectors. The block's certificate is renamed
// to the original indices: the witness and the first and last factors are
// zero-extended, and since the entries of Φ_I(θ) on R × C are exactly
// those of Φ_{I|R,C}(θ), the Nullstellensatz identity carries over by
// renaming variables.
func blockScan(ctx context.Context, s Support) (*Verdict, error) {
	w := s.Widths()
	L := s.Depth()
	m, n := w[L], w[0]
	var shapes [][2]int
	if m <= SmallBlockWidth && n <= SmallBlockWidth {
		for a := 2; a <= m; a++ {
			for b := 2; b <= n; b++ {
				if a < m || b < n {
					shapes = append(shapes, [2]int{a, b})
				}
			}
		}
		sort.Slice(shapes, func(x, y int) bool {
			return shapes[x][0]*shapes[x][1] < shapes[y][0]*shapes[y][1]
		})
	} else {
		shapes = [][2]int{{2, 2}, {2, 3}, {3, 2}}
	}
	rowsAll, colsAll := seqInts(m), seqInts(n)
	for _, shape := range shapes {
		var found *Verdict
		var ferr error
		subsets(rowsAll, shape[0], func(R []int) bool {
			subsets(colsAll, shape[1], func(C []int) bool {
				if ctx.Err() != nil {
					ferr = ctx.Err()
					return false
				}
				sub := restrictSupport(s, R, C)
				v, err := closedness(ctx, sub, false)
				if err != nil {
					ferr = err
					return false
				}
				if v.Status == NotClosed {
					found = liftBlockCert(s, v.Cert, R, C)
					return false
				}
				return true
			})
			return found == nil && ferr == nil
		})
		if ferr != nil || found != nil {
			return found, ferr
		}
	}
	return nil, nil
}

// SmallBlockWidth bounds the output and input widths for which blockScan
// tries every block (2^(m+n) of them).
const SmallBlockWidth = 6

func seqInts(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// restrictSupport keeps rows R of I_L and columns C of I_1 (0-based).
func restrictSupport(s Support, R, C []int) Support {
	L := s.Depth()
	masks := make([]Mask, L)
	for q, m := range s.Masks {
		masks[q] = m.clone()
	}
	top := s.Masks[0]
	t := ZeroMask(len(R), top.cols)
	for a, i := range R {
		for j := 0; j < top.cols; j++ {
			t.bits[a*top.cols+j] = top.At(i, j)
		}
	}
	masks[0] = t
	bot := masks[L-1]
	b := ZeroMask(bot.rows, len(C))
	for i := 0; i < bot.rows; i++ {
		for c, j := range C {
			b.bits[i*len(C)+c] = bot.At(i, j)
		}
	}
	masks[L-1] = b
	return Support{Masks: masks}
}

// liftBlockCert maps a NOT_CLOSED certificate of I|_{R,C} to I.
func liftBlockCert(s Support, c *Certificate, R, C []int) *Verdict {
	w := s.Widths()
	L := s.Depth()
	out := &Certificate{Spec: s.String(), Verdict: "not_closed"}
	A := make([][]string, w[L])
	for i := range A {
		A[i] = make([]string, w[0])
		for j := range A[i] {
			A[i][j] = "0"
		}
	}
	for a, i := range R {
		for b, j := range C {
			A[i][j] = c.Witness[a][b]
		}
	}
	out.Witness = A
	out.Sequence = map[string][][]string{}
	for k, m := range c.Sequence {
		out.Sequence[k] = m
	}
	top := fmt.Sprintf("W%d", L)
	full := make([][]string, w[L])
	for i := range full {
		full[i] = make([]string, w[L-1])
		for j := range full[i] {
			full[i][j] = "0"
		}
	}
	for a, i := range R {
		full[i] = c.Sequence[top][a]
	}
	out.Sequence[top] = full
	bot := make([][]string, w[1])
	for i := range bot {
		bot[i] = make([]string, w[0])
		for j := range bot[i] {
			bot[i][j] = "0"
		}
		for b, j := range C {
			bot[i][j] = c.Sequence["W1"][i][b]
		}
	}
	out.Sequence["W1"] = bot
	nm := *c.Nonmembership
	nm.BlockRows = make([]int, len(c.Nonmembership.BlockRows))
	for x, i := range c.Nonmembership.BlockRows {
		nm.BlockRows[x] = R[i-1] + 1
	}
	nm.BlockCols = make([]int, len(c.Nonmembership.BlockCols))
	for x, j := range c.Nonmembership.BlockCols {
		nm.BlockCols[x] = C[j-1] + 1
	}
	nm.Theorem += fmt.Sprintf("; D2 on rows %v × cols %v", plus1(R), plus1(C))
	rename := func(p string) string { return renameVars(p, L, R, C) }
	nm.Equations = mapStrings(c.Nonmembership.Equations, rename)
	nm.Cofactors = mapStrings(c.Nonmembership.Cofactors, rename)
	out.Nonmembership = &nm
	return &Verdict{Status: NotClosed, Cert: out}
}

func mapStrings(xs []string, f func(string) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// renameVars rewrites W<L>_<i>_<j> → W<L>_<R[i]>_<j> and
// W1_<i>_<j> → W1_<i>_<C[j]> in a polynomial string (1-based names).
func renameVars(p string, L int, R, C []int) string {
	var b strings.Builder
	for k := 0; k < len(p); {
		if p[k] != 'W' || (k > 0 && isIdent(p[k-1])) {
			b.WriteByte(p[k])
			k++
			continue
		}
		e := k + 1
		for e < len(p) && isIdent(p[e]) {
			e++
		}
		var l, i, j int
		if n, _ := fmt.Sscanf(p[k:e], "W%d_%d_%d", &l, &i, &j); n == 3 {
			if l == L {
				i = R[i-1] + 1
			}
			if l == 1 {
				j = C[j-1] + 1
			}
			b.WriteString(weightName(l, i-1, j-1))
		} else {
			b.WriteString(p[k:e])
		}
		k = e
	}
	return b.String()
}

func isIdent(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}
