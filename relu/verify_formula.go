package relu

// Verification of ALG-C ("qe") closed certificates.
//
// What Verify re-proves, and what it trusts. A description of kind
// "formula" claims L_I = {ψ} for a quantifier-free ψ with only =, <=, >=
// atoms joined by and/or. Verify checks, from scratch:
//
//   - ψ parses over the entries A_<i>_<j> of the product and has the D9
//     shape (every atom holds at sign 0, only ∧ and ∨) — so {ψ} is closed;
//   - the necessary half of L_I ⊆ {ψ}: seeded random rational products
//     Φ_I(θ) (half of them with many zero parameters) satisfy ψ, evaluated
//     exactly;
//   - the support field is the Boolean product of the masks, and every
//     random product vanishes off it.
//
// It cannot re-prove {ψ} ⊆ L_I or the full inclusion L_I ⊆ {ψ}: that is
// the quantifier elimination (stage 1) and, for rule "weak_closure", the
// CAD decision that φ and ψ agree, which are trusted. The certificate
// records the stage-1 output φ, the number of gauge branches and the
// time (QEStats) so the computation can be reproduced, and Verify checks
// that φ parses, that every random product satisfies φ too, and that φ
// implies ψ at those points and at seeded random small-integer points.
// Evaluation uses semialg's parser and exact evaluator (not its CAD).

import (
	"fmt"
	"math/big"
	"math/rand"

	"github.com/relucad/relucad/poly"
	"github.com/relucad/relucad/semialg"
)

func verifyFormula(s Support, c *Certificate) error {
	d := c.Description
	if c.Method != "qe" {
		return fmt.Errorf("relu: verify: formula description with method %q (want \"qe\")", c.Method)
	}
	w := s.Widths()
	L := s.Depth()
	m, n := w[L], w[0]
	sup, err := ParseMask(d.Support)
	if err != nil || sup.Rows() != m || sup.Cols() != n {
		return fmt.Errorf("relu: verify: description support %q is not a %dx%d mask", d.Support, m, n)
	}
	// Boolean product of the masks, recomputed with plain loops.
	P := make([][]bool, m)
	{
		cur := make([][]bool, s.Masks[0].Rows())
		for i := range cur {
			cur[i] = make([]bool, s.Masks[0].Cols())
			for j := range cur[i] {
				cur[i][j] = s.Masks[0].At(i, j)
			}
		}
		for q := 1; q < L; q++ {
			mk := s.Masks[q]
			next := make([][]bool, len(cur))
			for i := range next {
				next[i] = make([]bool, mk.Cols())
				for j := range next[i] {
					for k := 0; k < mk.Rows(); k++ {
						if cur[i][k] && mk.At(k, j) {
							next[i][j] = true
						}
					}
				}
			}
			cur = next
		}
		P = cur
	}
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			if P[i][j] != sup.At(i, j) {
				return fmt.Errorf("relu: verify: description support %q is not the Boolean product of the masks (entry (%d,%d))", d.Support, i+1, j+1)
			}
		}
	}
	names := make([]string, 0, m*n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			names = append(names, fmt.Sprintf("A_%d_%d", i+1, j+1))
		}
	}
	R, err := poly.NewRing(names, semialg.DefaultOrder)
	if err != nil {
		return fmt.Errorf("relu: verify: %w", err)
	}
	psi, err := semialg.Parse(R, d.Formula)
	if err != nil {
		return fmt.Errorf("relu: verify: description formula: %w", err)
	}
	if err := vD9Shape(psi); err != nil {
		return err
	}
	var phi *semialg.Formula
	if d.QE != nil && d.QE.Stage1 != "" {
		phi, err = semialg.Parse(R, d.QE.Stage1)
		if err != nil {
			return fmt.Errorf("relu: verify: stage-1 formula: %w", err)
		}
		if !phi.IsQuantifierFree() {
			return fmt.Errorf("relu: verify: stage-1 formula has quantifiers")
		}
	}
	seed := int64(20232)
	rng := rand.New(rand.NewSource(seed))
	check := func(x []*big.Rat, what string, it int, mustHold bool) error {
		v, err := psi.Eval(x)
		if err != nil {
			return fmt.Errorf("relu: verify: evaluating the description: %w", err)
		}
		if mustHold && !v {
			return fmt.Errorf("relu: verify: %s (seed %d, sample %d) violates the description %s", what, seed, it, d.Formula)
		}
		if phi != nil {
			u, err := phi.Eval(x)
			if err != nil {
				return fmt.Errorf("relu: verify: evaluating the stage-1 formula: %w", err)
			}
			if mustHold && !u {
				return fmt.Errorf("relu: verify: %s (seed %d, sample %d) violates the stage-1 formula", what, seed, it)
			}
			if u && !v {
				return fmt.Errorf("relu: verify: %s (seed %d, sample %d) satisfies the stage-1 formula but not the description", what, seed, it)
			}
		}
		return nil
	}
	for it := 0; it < 4*VerifySamples; it++ {
		zeroProb := 0.0
		if it%2 == 1 {
			zeroProb = 0.5
		}
		A := vRandomProduct(rng, s, zeroProb)
		x := make([]*big.Rat, 0, m*n)
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				if A[i][j].Sign() != 0 && !sup.At(i, j) {
					return fmt.Errorf("relu: verify: random product (seed %d, sample %d) is non-zero at (%d,%d) outside the support", seed, it, i+1, j+1)
				}
				x = append(x, A[i][j])
			}
		}
		if err := check(x, "random product", it, true); err != nil {
			return err
		}
		// A random small-integer point: φ ⇒ ψ there.
		y := make([]*big.Rat, m*n)
		for k := range y {
			y[k] = new(big.Rat)
			if rng.Intn(2) == 0 {
				y[k].SetInt64(int64(rng.Intn(5) - 2))
			}
		}
		if err := check(y, "random point", it, false); err != nil {
			return err
		}
	}
	return nil
}

// vD9Shape checks that f is built from true, false and atoms holding at
// sign 0 (=, <=, >=) with ∧ and ∨ only.
func vD9Shape(f *semialg.Formula) error {
	switch f.Op() {
	case semialg.OpTrue, semialg.OpFalse:
		return nil
	case semialg.OpRank:
		return nil // rank ≤ q: the minors of order q+1 vanish, a closed set
	case semialg.OpAtom:
		if !f.Rel().Holds(0) {
			return fmt.Errorf("relu: verify: description atom %v is strict (not of D9 form)", f)
		}
		return nil
	case semialg.OpAnd, semialg.OpOr:
		for _, g := range f.Args() {
			if err := vD9Shape(g); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("relu: verify: description %v is not an and/or of atoms (D9)", f)
}

// verifyCADNonmembership checks a non-membership proof of kind "cad"
// (MATH.md §8.3): the membership formula φ (ALG-C stage 1, trusted: the
// quantifier elimination is not re-run) is false at the witness,
// evaluated exactly, and — the necessary half of L_I ⊆ {φ} that can be
// re-checked — true at seeded random products Φ_I(θ).
func verifyCADNonmembership(s Support, A RatMatrix, nm *Nonmembership) error {
	// With a block (D2): the formula describes L_{I|R,C} in the block's
	// entries; the restriction of every product lies in it.
	var rows, cols []int
	if len(nm.BlockRows) > 0 || len(nm.BlockCols) > 0 {
		var err error
		if rows, err = vIndices(nm.BlockRows, A.Rows(), "block row"); err != nil {
			return err
		}
		if cols, err = vIndices(nm.BlockCols, A.Cols(), "block column"); err != nil {
			return err
		}
	} else {
		for i := 0; i < A.Rows(); i++ {
			rows = append(rows, i)
		}
		for j := 0; j < A.Cols(); j++ {
			cols = append(cols, j)
		}
	}
	restrict := func(M RatMatrix) RatMatrix {
		out := make(RatMatrix, len(rows))
		for a, i := range rows {
			out[a] = make([]*big.Rat, len(cols))
			for b, j := range cols {
				out[a][b] = M[i][j]
			}
		}
		return out
	}
	if len(rows) == 0 || len(cols) == 0 {
		return fmt.Errorf("relu: verify: empty cad block")
	}
	A = restrict(A)
	m, n := A.Rows(), A.Cols()
	if len(nm.FreeVariables) != m*n {
		return fmt.Errorf("relu: verify: cad proof has %d free variables, want the %d entries of A", len(nm.FreeVariables), m*n)
	}
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			if want := fmt.Sprintf("A_%d_%d", i+1, j+1); nm.FreeVariables[i*n+j] != want {
				return fmt.Errorf("relu: verify: cad free variable %d is %q, want %q", i*n+j+1, nm.FreeVariables[i*n+j], want)
			}
		}
	}
	if nm.ValueAtWitness == nil || *nm.ValueAtWitness {
		return fmt.Errorf("relu: verify: cad proof must state value_at_witness = false")
	}
	R, err := poly.NewRing(nm.FreeVariables, semialg.DefaultOrder)
	if err != nil {
		return fmt.Errorf("relu: verify: %w", err)
	}
	phi, err := semialg.Parse(R, nm.MembershipFormula)
	if err != nil {
		return fmt.Errorf("relu: verify: membership formula: %w", err)
	}
	if !phi.IsQuantifierFree() {
		return fmt.Errorf("relu: verify: membership formula has quantifiers")
	}
	x := make([]*big.Rat, 0, m*n)
	for i := 0; i < m; i++ {
		x = append(x, A[i]...)
	}
	v, err := phi.Eval(x)
	if err != nil {
		return fmt.Errorf("relu: verify: membership formula at the witness: %w", err)
	}
	if v {
		return fmt.Errorf("relu: verify: the witness satisfies the membership formula (it lies in L_I)")
	}
	seed := int64(20233)
	rng := rand.New(rand.NewSource(seed))
	for it := 0; it < 4*VerifySamples; it++ {
		zeroProb := 0.0
		if it%2 == 1 {
			zeroProb = 0.5
		}
		P := restrict(vRandomProduct(rng, s, zeroProb))
		y := make([]*big.Rat, 0, m*n)
		for i := 0; i < m; i++ {
			y = append(y, P[i]...)
		}
		if ok, err := phi.Eval(y); err != nil || !ok {
			return fmt.Errorf("relu: verify: random product (seed %d, sample %d) violates the membership formula", seed, it)
		}
	}
	return nil
}
