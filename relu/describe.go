package relu

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// MaxMinors bounds the number of minors Describe writes into a formula.
const MaxMinors = 400

// A SetDescription is a quantifier-free description of L_I in the entries
// A_<i>_<j> of the product (MATH.md §8.2 formula syntax), and of its
// closure where known.
type SetDescription struct {
	Spec       string          `json:"spec"`
	Verdict    string          `json:"verdict"`
	Method     string          `json:"method,omitempty"`
	Support    string          `json:"support,omitempty"`
	Conditions []RankCondition `json:"conditions,omitempty"`
	Formula    string          `json:"formula,omitempty"`
	Closure    string          `json:"closure,omitempty"`
	Note       string          `json:"note,omitempty"`
}

// Describe returns a description of L_I for the structural cases:
//
//   - CLOSED: L_I = {supp A ⊆ support} ∧ rank conditions, written as a
//     formula with "A_i_j = 0" for cells outside the support and the
//     vanishing of all (q+1)-minors for "rank ≤ q" (MATH.md §7); the
//     closure is the same set. E7a gives "A_1_1*A_2_2 - A_1_2*A_2_1 = 0".
//   - NOT_CLOSED with the whole support inside one local-LU 2×2 block
//     (D3, exact): L_I = {a ≠ 0 ∨ b = 0 ∨ c = 0} in the block's labels
//     (E1), and its closure is the support subspace.
//   - otherwise only the verdict and a note (the exact description needs
//     ALG-C).
func Describe(ctx context.Context, s Support) (*SetDescription, error) {
	v, err := Closedness(ctx, s)
	if err != nil {
		return nil, err
	}
	c := v.Cert
	d := &SetDescription{Spec: c.Spec, Verdict: c.Verdict, Method: c.Method}
	switch v.Status {
	case Closed:
		desc := c.Description
		if desc.Kind == "formula" { // ALG-C (algc.go): L_I = {ψ}, closed
			d.Support = desc.Support
			d.Formula = desc.Formula
			d.Closure = desc.Formula
			break
		}
		d.Support = desc.Support
		d.Conditions = desc.Conditions
		sup, err := ParseMask(desc.Support)
		if err != nil {
			return nil, err
		}
		atoms := supportAtoms(sup)
		count := 0
		for _, cd := range desc.Conditions {
			count += binom(len(cd.Rows), cd.MaxRank+1) * binom(len(cd.Cols), cd.MaxRank+1)
		}
		if count > MaxMinors {
			d.Note = fmt.Sprintf("%d minors: formula omitted, see conditions", count)
		} else {
			for _, cd := range desc.Conditions {
				atoms = append(atoms, minorAtoms(cd)...)
			}
			d.Formula = joinAnd(atoms)
			d.Closure = d.Formula
		}
	case NotClosed:
		nm := c.Nonmembership
		P := boolProduct(s)
		rows, cols := usedLines(P)
		if nm.BlockType == "lu_2x2" && s.Depth() == 2 && len(rows) == 2 && len(cols) == 2 &&
			sortInts(nm.BlockRows)[0] == rows[0]+1 && sortInts(nm.BlockRows)[1] == rows[1]+1 &&
			sortInts(nm.BlockCols)[0] == cols[0]+1 && sortInts(nm.BlockCols)[1] == cols[1]+1 {
			io, ic := nm.BlockRows[0], nm.BlockRows[1]
			jo, jc := nm.BlockCols[0], nm.BlockCols[1]
			d.Support = P.String()
			sup := supportAtoms(P)
			lu := fmt.Sprintf("(A_%d_%d != 0 or A_%d_%d = 0 or A_%d_%d = 0)", io, jo, io, jc, ic, jo)
			d.Formula = joinAnd(append(append([]string(nil), sup...), lu))
			d.Closure = joinAnd(sup)
			if d.Closure == "" {
				d.Closure = "true"
			}
			d.Note = "MATH.md D3/E1: exact on the 2x2 block"
		} else if f, ok := e6Formula(s, nm, P, rows, cols); ok {
			d.Support = P.String()
			sup := supportAtoms(P)
			d.Formula = joinAnd(append(append([]string(nil), sup...), f))
			d.Closure = joinAnd(sup)
			if d.Closure == "" {
				d.Closure = "true"
			}
			d.Note = "MATH.md E6: exact for the two-neuron 2x3 pattern (transposed for 3x2)"
		} else {
			d.Note = fmt.Sprintf("not closed (witness %s); the exact description needs ALG-C", matText(c.Witness))
		}
	default:
		d.Note = c.Reason
	}
	if d.Formula == "" && v.Status == Closed && d.Note == "" {
		d.Formula = "true"
		d.Closure = "true"
	}
	return d, nil
}

func usedLines(P Mask) (rows, cols []int) {
	for i := 0; i < P.rows; i++ {
		for j := 0; j < P.cols; j++ {
			if P.At(i, j) {
				rows = append(rows, i)
				break
			}
		}
	}
	for j := 0; j < P.cols; j++ {
		for i := 0; i < P.rows; i++ {
			if P.At(i, j) {
				cols = append(cols, j)
				break
			}
		}
	}
	return rows, cols
}

func supportAtoms(sup Mask) []string {
	var atoms []string
	for i := 0; i < sup.rows; i++ {
		for j := 0; j < sup.cols; j++ {
			if !sup.At(i, j) {
				atoms = append(atoms, fmt.Sprintf("A_%d_%d = 0", i+1, j+1))
			}
		}
	}
	return atoms
}

func joinAnd(atoms []string) string {
	if len(atoms) == 0 {
		return ""
	}
	return strings.Join(atoms, " and ")
}

func binom(n, k int) int {
	if k < 0 || k > n {
		return 0
	}
	r := 1
	for i := 0; i < k; i++ {
		r = r * (n - i) / (i + 1)
	}
	return r
}

// minorAtoms returns "det = 0" for every (q+1)-minor of A[Rows, Cols].
func minorAtoms(cd RankCondition) []string {
	q := cd.MaxRank + 1
	var atoms []string
	rows, cols := sortInts(cd.Rows), sortInts(cd.Cols)
	subsets(rows, q, func(rs []int) bool {
		subsets(cols, q, func(cs []int) bool {
			if det := detString(rs, cs, cd.Zeroed); det != "" {
				atoms = append(atoms, det+" = 0")
			}
			return true
		})
		return true
	})
	sort.Strings(atoms)
	return atoms
}

// detString is the Leibniz expansion of det A[rs, cs] (1-based labels).
func detString(rs, cs []int, zeroed [][2]int) string {
	z := map[[2]int]bool{}
	for _, c := range zeroed {
		z[c] = true
	}
	var b strings.Builder
	idx := make([]int, len(cs))
	for i := range idx {
		idx[i] = i
	}
	first := true
	permuteSign(idx, 0, 1, func(p []int, sign int) {
		var fs []string
		for a, r := range rs {
			if z[[2]int{r, cs[p[a]]}] {
				return // a zeroed cell: the term vanishes
			}
			fs = append(fs, fmt.Sprintf("A_%d_%d", r, cs[p[a]]))
		}
		term := strings.Join(fs, "*")
		switch {
		case first && sign < 0:
			b.WriteString("-" + term)
		case first:
			b.WriteString(term)
		case sign < 0:
			b.WriteString(" - " + term)
		default:
			b.WriteString(" + " + term)
		}
		first = false
	})
	return b.String()
}

// permuteSign enumerates permutations in a fixed order with their signs.
func permuteSign(a []int, k, sign int, f func([]int, int)) {
	if k == len(a) {
		f(a, sign)
		return
	}
	for i := k; i < len(a); i++ {
		a[k], a[i] = a[i], a[k]
		s := sign
		if i != k {
			s = -sign
		}
		permuteSign(a, k+1, s, f)
		a[k], a[i] = a[i], a[k]
	}
}

// e6Formula returns MATH.md E6's description {af−cd ≠ 0} ∪ {ae−bd = 0} ∪
// {c = f = 0} in the block's labels when the whole support is exactly the
// two-neuron E6 pattern (or its transpose): columns j1 (first neuron
// only), j2 (shared), j3 (second only); for the transpose the roles of
// rows and columns swap.
func e6Formula(s Support, nm *Nonmembership, P Mask, rows, cols []int) (string, bool) {
	if s.Depth() != 2 || len(newTwoFactor(s.Masks[0], s.Masks[1]).neurons) != 2 {
		return "", false
	}
	a := func(i, j int) string { return fmt.Sprintf("A_%d_%d", i, j) }
	switch {
	case nm.BlockType == "e6_2x3" && len(rows) == 2 && len(cols) == 3:
		i1, i2 := nm.BlockRows[0], nm.BlockRows[1]
		j1, j2, j3 := nm.BlockCols[0], nm.BlockCols[1], nm.BlockCols[2]
		return fmt.Sprintf("(%s*%s - %s*%s != 0 or %s*%s - %s*%s = 0 or (%s = 0 and %s = 0))",
			a(i1, j1), a(i2, j3), a(i1, j3), a(i2, j1),
			a(i1, j1), a(i2, j2), a(i1, j2), a(i2, j1),
			a(i1, j3), a(i2, j3)), true
	case nm.BlockType == "e6_3x2" && len(rows) == 3 && len(cols) == 2:
		i1, i2, i3 := nm.BlockRows[0], nm.BlockRows[1], nm.BlockRows[2]
		j1, j2 := nm.BlockCols[0], nm.BlockCols[1]
		return fmt.Sprintf("(%s*%s - %s*%s != 0 or %s*%s - %s*%s = 0 or (%s = 0 and %s = 0))",
			a(i1, j1), a(i3, j2), a(i3, j1), a(i1, j2),
			a(i1, j1), a(i2, j2), a(i2, j1), a(i1, j2),
			a(i3, j1), a(i3, j2)), true
	}
	return "", false
}
