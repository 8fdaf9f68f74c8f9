package relu

import (
	"encoding/json"
	"fmt"
	"html"
	"sort"
	"strings"
)

// A Certificate is a closedness verdict with its proof, in the JSON shape
// of MATH.md §8.3. Indices are 1-based; numbers are rational strings;
// sequence entries are Laurent polynomials in t (§8.2).
type Certificate struct {
	Spec    string `json:"spec"`
	Subject string `json:"subject,omitempty"`
	Verdict string `json:"verdict"` // "closed", "not_closed" or "unknown"
	Reason  string `json:"reason,omitempty"`
	Method  string `json:"method,omitempty"`

	// Reductions lists the depth merges (E12 generalised) applied before
	// the two-factor analysis, in order.
	Reductions []Reduction `json:"reductions,omitempty"`

	// Not closed.
	Witness       [][]string            `json:"witness,omitempty"`
	Sequence      map[string][][]string `json:"sequence,omitempty"`
	Nonmembership *Nonmembership        `json:"nonmembership,omitempty"`

	// Closed.
	Description *Description `json:"description,omitempty"`
}

// A Reduction merges the adjacent factors W_{Lower+1}·W_{Lower} of the
// current support into one factor with the Boolean product mask, after
// zeroing dead hidden neurons (empty row in their input mask or empty
// column in their output mask). Rule "rows": every row of I_Lower has at
// most one 1; rule "cols": every column of I_{Lower+1} has at most one 1;
// rule "fill": see Fill.
// Result is the spec of the support after the merge.
type Reduction struct {
	Lower  int    `json:"lower"`
	Rule   string `json:"rule"`
	Result string `json:"result"`
	// Fill (rule "fill") proves that the pair's product set is the whole
	// subspace Σ(I_{Lower+1}·I_Lower), so the merge keeps L_I; its Layer
	// and Factors are relative to the pair (W2 = upper, W1 = lower).
	Fill *Fill `json:"fill,omitempty"`
}

// Nonmembership proves witness ∉ L_I. Kind "nullstellensatz": with f_i
// the entries of Φ_I(θ) − A in row-major order over the whole matrix
// (variables W<ℓ>_<i>_<j>), the cofactors g_i satisfy Σ g_i f_i = 1
// identically, so A is not even a complex point of the image. Kind
// "hereditary": the witness
// restricted to the block (BlockRows × BlockCols) is the witness of the
// block type ("lu_2x2", MATH.md D3/E1; "e6_2x3", E6; "e6_3x2", its
// transpose), which lies outside the block's counterpart by Theorem; D2
// extends this to L_I. Cofactors g_i, when present, make it checkable:
// with f_i the block entries of Φ_I(θ) − A in row-major order over
// BlockRows × BlockCols (variables W<ℓ>_<i>_<j>), Σ g_i f_i = 1
// identically, so Φ_I(θ) = A has no solution even over C.
type Nonmembership struct {
	Kind      string   `json:"kind"`
	BlockRows []int    `json:"block_rows"`
	BlockCols []int    `json:"block_cols"`
	BlockType string   `json:"block_type"`
	Theorem   string   `json:"theorem"`
	Detector  string   `json:"detector,omitempty"`
	Equations []string `json:"equations,omitempty"`
	Cofactors []string `json:"cofactors,omitempty"`

	// Kind "cad" (MATH.md §8.3): MembershipFormula is a quantifier-free
	// description of L_I in FreeVariables (the entries A_<i>_<j>, all of
	// them, row-major) from ALG-C stage 1, and ValueAtWitness its value at
	// the witness, which must be false.
	FreeVariables     []string `json:"free_variables,omitempty"`
	MembershipFormula string   `json:"membership_formula,omitempty"`
	ValueAtWitness    *bool    `json:"value_at_witness,omitempty"`
}

// A Description describes L_I as {supp A ⊆ Support} ∧ (every rank
// condition). Parts are the per-component arguments (theorem and neurons of
// the reduced two-factor support, 1-based).
type Description struct {
	Kind    string `json:"kind"` // "rank_conditions" or "formula"
	Support string `json:"support"`
	// Formula (kind "formula", method "qe"): a quantifier-free formula in
	// A_<i>_<j> (§8.2 syntax) with only =, <=, >= atoms joined by and/or,
	// equal to L_I (MATH.md ALG-C stage 1 and D9); QE records how it was
	// obtained (see algc.go).
	Formula    string          `json:"formula,omitempty"`
	QE         *QEStats        `json:"qe,omitempty"`
	Conditions []RankCondition `json:"conditions"`
	Parts      []ClosedPart    `json:"parts,omitempty"`
	Fill       *Fill           `json:"fill,omitempty"`
	// Residue lists the residue reductions (analyze.go, residueReduce)
	// applied before the parts, in order: each removes the complete classes
	// and the listed absorbing pairs and replaces every other neuron by its
	// residue rectangle; the parts' neurons then carry those rectangles.
	Residue []ResidueStep `json:"residue,omitempty"`
}

// QEStats records how an ALG-C description was computed, for
// reproducibility: Stage1 is the merged stage-1 QE output φ (L_I = {φ}),
// Branches the number of gauge branches eliminated separately, Rule
// "d9" when φ itself has only =, <=, >= atoms, "weak_closure" when the
// CAD decided that φ is equivalent to its weak closure (the Formula), or
// "onto" when L_I = Σ(P) was decided leaf by leaf after normalising A by
// row and column scalings (onto.go; Leaves counts the leaves, Branches the
// eliminations), and Seconds the wall-clock time.
type QEStats struct {
	Stage1   string  `json:"stage1"`
	Branches int     `json:"branches"`
	Leaves   int     `json:"leaves,omitempty"`
	Rule     string  `json:"rule"`
	Seconds  float64 `json:"seconds"`
}

// A ResidueStep names the absorbing sets of one residue reduction:
// pairs (1-based hidden neurons) closed by D5 without rank conditions, and
// larger sets whose own two-factor support (column a of W2 and row a of W1
// are the a-th listed neuron's current rectangle) is filled (see Fill);
// complete classes among the remaining neurons are implied.
type ResidueStep struct {
	Pairs [][2]int        `json:"pairs"`
	Fills []AbsorbingFill `json:"fills,omitempty"`
	// Triples of the "E6 plus a cell in an exclusive column" type
	// (analyze.go isE6Cell), which span their 2×3 block.
	Triples [][3]int `json:"triples,omitempty"`
}

// An AbsorbingFill is a set of neurons with a fill proof of its own
// two-factor support.
type AbsorbingFill struct {
	Neurons []int `json:"neurons"`
	Fill    *Fill `json:"fill"`
}

// A ClosedPart is one component's closedness argument: Method is "rank1",
// "alg_b", "d3", "c1", "c2", "dense" or "e6_cell" (analyze.go isE6Cell).
type ClosedPart struct {
	Method     string          `json:"method"`
	Neurons    []int           `json:"neurons"`
	Conditions []RankCondition `json:"conditions"`
}

// MarshalJSON is the default encoding (defined so that Verdict can
// delegate to it).
func (c Certificate) MarshalJSON() ([]byte, error) {
	type plain Certificate
	if c.Description != nil && c.Description.Conditions == nil {
		d := *c.Description
		d.Conditions = []RankCondition{}
		c.Description = &d
	}
	return json.Marshal(plain(c))
}

// ParseCertificate decodes a certificate from JSON.
func ParseCertificate(data []byte) (*Certificate, error) {
	var c Certificate
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("relu: certificate JSON: %w", err)
	}
	return &c, nil
}

func seqKeys(m map[string][][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// Output-first: W3, W2, W1.
	sort.Slice(keys, func(a, b int) bool {
		if len(keys[a]) != len(keys[b]) {
			return len(keys[a]) > len(keys[b])
		}
		return keys[a] > keys[b]
	})
	return keys
}

func matText(m [][]string) string {
	rows := make([]string, len(m))
	for i, r := range m {
		rows[i] = "[" + strings.Join(r, ", ") + "]"
	}
	return "[" + strings.Join(rows, ", ") + "]"
}

// Text renders the certificate for a terminal.
func (c *Certificate) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "support %s: %s\n", c.Spec, strings.ToUpper(strings.ReplaceAll(c.Verdict, "_", " ")))
	if c.Reason != "" {
		fmt.Fprintf(&b, "  reason: %s\n", c.Reason)
	}
	if c.Method != "" {
		fmt.Fprintf(&b, "  method: %s\n", c.Method)
	}
	for _, r := range c.Reductions {
		fmt.Fprintf(&b, "  merge W%d·W%d (rule %s) -> %s\n", r.Lower+1, r.Lower, r.Rule, r.Result)
	}
	if c.Witness != nil {
		fmt.Fprintf(&b, "  witness A = %s\n", matText(c.Witness))
		b.WriteString("  sequence (t -> 0+):\n")
		for _, k := range seqKeys(c.Sequence) {
			fmt.Fprintf(&b, "    %s(t) = %s\n", k, matText(c.Sequence[k]))
		}
	}
	if nm := c.Nonmembership; nm != nil && nm.Kind == "cad" {
		fmt.Fprintf(&b, "  A is not in L_I: L_I = { %s } (%s), false at A\n", nm.MembershipFormula, nm.Theorem)
	} else if nm != nil && nm.Kind == "nullstellensatz" {
		fmt.Fprintf(&b, "  A is not in L_I: W_L⋯W_1 = A has no solution even over C (%s)\n", nm.Theorem)
		b.WriteString("  Nullstellensatz: sum of cofactor * equation = 1 (cofactors in the JSON certificate)\n")
	} else if nm != nil {
		fmt.Fprintf(&b, "  A is not in L_I: block rows %v × cols %v is of type %s (%s)\n", nm.BlockRows, nm.BlockCols, nm.BlockType, nm.Theorem)
		if len(nm.Cofactors) > 0 {
			b.WriteString("  Nullstellensatz: sum of cofactor * equation = 1\n")
			for i, g := range nm.Cofactors {
				eq := ""
				if i < len(nm.Equations) {
					eq = nm.Equations[i]
				}
				fmt.Fprintf(&b, "    (%s) * (%s)\n", g, eq)
			}
		}
	}
	if d := c.Description; d != nil {
		if d.Kind == "formula" {
			fmt.Fprintf(&b, "  L_I = { A : %s }\n", d.Formula)
			if q := d.QE; q != nil && (q.Rule == "onto" || q.Rule == "rank_hull") {
				what := "the whole support space"
				if q.Rule == "rank_hull" {
					what = "its rank-cut hull (the support space with the rank bounds of vertex cuts)"
				}
				fmt.Fprintf(&b, "  (L_I is %s: hull test over %d normalised leaves, %d eliminations)\n", what, q.Leaves, q.Branches)
			}
		}
		fmt.Fprintf(&b, "  L_I %s { A : supp A ⊆ %s", map[bool]string{true: "⊆", false: "="}[d.Kind == "formula"], d.Support)
		for _, cd := range d.Conditions {
			fmt.Fprintf(&b, ", %s", cd)
		}
		b.WriteString(" }\n")
		for _, p := range d.Parts {
			fmt.Fprintf(&b, "    neurons %v: %s\n", p.Neurons, p.Method)
		}
	}
	return b.String()
}

func texMatrix(m [][]string, cell func(string) string) string {
	rows := make([]string, len(m))
	for i, r := range m {
		cs := make([]string, len(r))
		for j, x := range r {
			cs[j] = cell(x)
		}
		rows[i] = strings.Join(cs, " & ")
	}
	return "\\begin{pmatrix}" + strings.Join(rows, " \\\\ ") + "\\end{pmatrix}"
}

func texLaurent(s string) string {
	p, err := ParseLaurent(s)
	if err != nil {
		return "\\text{" + s + "}"
	}
	return p.LaTeX()
}

func texRat(s string) string {
	r, ok := parseRat(s)
	if !ok {
		return "\\text{" + s + "}"
	}
	return ratLaTeX(r)
}

func intsText(x []int) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ",")
}

// LaTeX renders the certificate as a LaTeX fragment (math mode pieces in
// a small itemize list).
func (c *Certificate) LaTeX() string {
	// One display-math array, so that the same text is valid in a LaTeX
	// document and in MathJax (Jupyter's text/latex), which typesets only
	// delimited mathematics.
	var rows []string
	rows = append(rows, fmt.Sprintf("\\textbf{Support } \\texttt{%s}\\text{: }\\textbf{%s}", texText(c.Spec), strings.ReplaceAll(c.Verdict, "_", " ")))
	if c.Reason != "" {
		rows = append(rows, "\\text{Reason: "+texText(c.Reason)+"}")
	}
	if c.Method != "" {
		rows = append(rows, "\\text{Method: }"+texIdent(c.Method))
	}
	if c.Witness != nil {
		rows = append(rows, "\\text{Witness } A = "+texMatrix(c.Witness, texRat))
		for _, k := range seqKeys(c.Sequence) {
			rows = append(rows, fmt.Sprintf("W_{%s}(t) = %s", k[1:], texMatrix(c.Sequence[k], texLaurent)))
		}
		rows = append(rows, "\\prod_\\ell W_\\ell(t) \\to A \\text{ as } t \\to 0^+")
	}
	if nm := c.Nonmembership; nm != nil && nm.Kind == "cad" {
		rows = append(rows, fmt.Sprintf("A \\notin L_I\\text{: } L_I = \\{\\, \\texttt{%s} \\,\\} \\text{ (%s), false at } A",
			texText(nm.MembershipFormula), texText(nm.Theorem)))
	} else if nm != nil && nm.Kind == "nullstellensatz" {
		rows = append(rows, fmt.Sprintf("A \\notin L_I\\text{: } \\textstyle\\sum_i g_i f_i = 1 \\text{ for the entries } f_i \\text{ of } W_L\\cdots W_1 - A \\text{ (%s; cofactors in the JSON certificate)}", texText(nm.Theorem)))
	} else if nm != nil {
		rows = append(rows, fmt.Sprintf("A \\notin L_I\\text{: the block } \\{%s\\} \\times \\{%s\\} \\text{ has type } %s \\text{ (%s)}",
			intsText(nm.BlockRows), intsText(nm.BlockCols), texIdent(nm.BlockType), texText(nm.Theorem)))
		if len(nm.Cofactors) > 0 {
			rows = append(rows, fmt.Sprintf("\\textstyle\\sum_i g_i f_i = 1 \\text{ with } g = (%s)", texPoly(strings.Join(nm.Cofactors, ",\\ "))))
		}
	}
	if d := c.Description; d != nil {
		conds := []string{fmt.Sprintf("\\operatorname{supp} A \\subseteq \\texttt{%s}", texText(d.Support))}
		for _, cd := range d.Conditions {
			conds = append(conds, fmt.Sprintf("\\operatorname{rank} A[\\{%s\\},\\{%s\\}] \\le %d", intsText(cd.Rows), intsText(cd.Cols), cd.MaxRank))
		}
		if d.Kind == "formula" {
			conds = []string{texPoly(d.Formula)}
		}
		rows = append(rows, fmt.Sprintf("L_I = \\{ A : %s \\}", strings.Join(conds, ",\\ ")))
	}
	return "$$\\begin{array}{l}\n" + strings.Join(rows, " \\\\\n") + "\n\\end{array}$$\n"
}

// texIdent typesets an identifier such as lu_2x2 in math-mode typewriter
// type, where \_ is an underscore in LaTeX and in MathJax alike.
func texIdent(s string) string {
	return `\mathtt{` + strings.ReplaceAll(texText(s), `\_`, `\_`) + `}`
}

// texText escapes text for \text{} and \texttt{} arguments.
func texText(s string) string {
	r := strings.NewReplacer(`\`, `\backslash `, `{`, `\{`, `}`, `\}`, `_`, `\_`, `%`, `\%`, `#`, `\#`,
		`&`, `\&`, `$`, `\$`, `^`, `\hat{}`, `~`, `\sim `)
	return r.Replace(s)
}

// String is the plain-text rendering (Text), so that fmt and notebook
// text/plain outputs show the certificate rather than its fields.
func (c *Certificate) String() string { return c.Text() }

// HTML renders the certificate as an HTML fragment.
func (c *Certificate) HTML() string {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, "<div class=\"relu-cert\"><p><b>Support</b> <code>%s</code>: <b>%s</b></p><ul>", e(c.Spec), e(strings.ReplaceAll(c.Verdict, "_", " ")))
	if c.Reason != "" {
		fmt.Fprintf(&b, "<li>Reason: %s</li>", e(c.Reason))
	}
	if c.Method != "" {
		fmt.Fprintf(&b, "<li>Method: <code>%s</code></li>", e(c.Method))
	}
	table := func(m [][]string) string {
		var t strings.Builder
		t.WriteString("<table>")
		for _, r := range m {
			t.WriteString("<tr>")
			for _, x := range r {
				fmt.Fprintf(&t, "<td>%s</td>", e(x))
			}
			t.WriteString("</tr>")
		}
		t.WriteString("</table>")
		return t.String()
	}
	if c.Witness != nil {
		fmt.Fprintf(&b, "<li>Witness A = %s</li>", table(c.Witness))
		for _, k := range seqKeys(c.Sequence) {
			fmt.Fprintf(&b, "<li>%s(t) = %s</li>", e(k), table(c.Sequence[k]))
		}
	}
	if nm := c.Nonmembership; nm != nil && nm.Kind == "cad" {
		fmt.Fprintf(&b, "<li>A ∉ L_I: L_I = { <code>%s</code> } (%s), false at A</li>", e(nm.MembershipFormula), e(nm.Theorem))
	} else if nm != nil && nm.Kind == "nullstellensatz" {
		fmt.Fprintf(&b, "<li>A ∉ L_I: Σ g_i f_i = 1 for the entries f_i of W_L⋯W_1 − A, no solution even over C (%s); %d cofactors in the JSON certificate</li>", e(nm.Theorem), len(nm.Cofactors))
	} else if nm != nil {
		fmt.Fprintf(&b, "<li>A ∉ L_I: block rows %v × cols %v, type <code>%s</code> (%s); cofactors <code>%s</code></li>",
			nm.BlockRows, nm.BlockCols, e(nm.BlockType), e(nm.Theorem), e(strings.Join(nm.Cofactors, "; ")))
	}
	if d := c.Description; d != nil {
		var conds []string
		for _, cd := range d.Conditions {
			conds = append(conds, e(cd.String()))
		}
		if d.Kind == "formula" {
			fmt.Fprintf(&b, "<li>L_I = { A : <code>%s</code> } (method qe)</li>", e(d.Formula))
		} else {
			fmt.Fprintf(&b, "<li>L_I = { A : supp A ⊆ <code>%s</code>%s }</li>", e(d.Support), prefixJoin(", ", conds))
		}
	}
	b.WriteString("</ul></div>")
	return b.String()
}

func prefixJoin(sep string, xs []string) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(sep + x)
	}
	return b.String()
}

// texPoly renders a polynomial string for LaTeX math mode: W<ℓ>_<i>_<j>
// becomes W^{(ℓ)}_{i,j}, A_<i>_<j> becomes A_{i,j}, and * a thin space.
func texPoly(p string) string {
	var b strings.Builder
	for k := 0; k < len(p); {
		c := p[k]
		if (c == 'W' || c == 'A') && (k == 0 || !isIdent(p[k-1])) {
			e := k + 1
			for e < len(p) && isIdent(p[e]) {
				e++
			}
			var l, i, j int
			if c == 'W' {
				if n, _ := fmt.Sscanf(p[k:e], "W%d_%d_%d", &l, &i, &j); n == 3 {
					fmt.Fprintf(&b, "W^{(%d)}_{%d,%d}", l, i, j)
					k = e
					continue
				}
			} else if n, _ := fmt.Sscanf(p[k:e], "A_%d_%d", &i, &j); n == 2 {
				fmt.Fprintf(&b, "A_{%d,%d}", i, j)
				k = e
				continue
			}
			b.WriteString(p[k:e])
			k = e
			continue
		}
		if c == '*' {
			b.WriteString("\\,")
		} else {
			b.WriteByte(c)
		}
		k++
	}
	return b.String()
}
