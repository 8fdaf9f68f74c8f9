// Package semialg is relucad's exact engine for first-order formulas over the
// real numbers: semialgebraic formulas, their text formats, simplification,
// exact evaluation, and cylindrical algebraic decomposition for deciding
// sentences and eliminating quantifiers on small problems.
//
// Whether a support pattern's set L_I is closed is a first-order statement
// over the reals (MATH.md S4, ALG-C); a quantifier-free description of L_I is
// the result of quantifier elimination, and a description that uses only =,
// ≤, ≥ joined by ∧ and ∨ certifies closedness (MATH.md D9). This package
// provides the formulas those statements are written in, and the decision
// machinery that answers them.
//
// # Overview
//
// A [Formula] is an immutable tree over polynomials of one [poly.Ring]. The
// ring holds every variable of the formula, free and bound; its variable order
// is the CAD variable order (index 0 is the base variable, projected last),
// exactly as the variable list of a QEPCAD B input.
//
//	f, R, err := semialg.ParseAuto("ex y [x^2 + y^2 < 1]")
//	// R has variables (x, y): free variables first, then bound ones.
//	fmt.Println(f)            // ex y [x^2 + y^2 - 1 < 0]
//
// Text formats:
//
//   - relucad's own syntax ([Parse], [ParseAuto], [Formula.String]), a
//     superset of QEPCAD B's formula syntax;
//   - QEPCAD B input files ([ReadQEPCAD], [WriteQEPCAD]);
//   - SMT-LIB2 nonlinear real arithmetic ([ReadSMTLIB], [WriteSMTLIB]);
//   - LaTeX output ([Formula.LaTeX]).
//
// # Representation
//
// Atoms are sign conditions on one polynomial: p ρ 0 where the relation ρ is
// a [Rel], the set of signs of p that satisfy the atom, stored as a 3-bit
// set (bit 0 negative, bit 1 zero, bit 2 positive). So < is {−}, ≤ is {−,0},
// = is {0}, ≠ is {−,+}, ≥ is {0,+}, > is {+}; the empty set is false and the
// full set is true. Negation is complement, conjunction of two atoms on the
// same polynomial is intersection, disjunction is union: this is what lets
// [Simplify] merge atoms on one polynomial without any case analysis.
//
// Rank atoms rank(M) ≤ q hold a matrix of polynomials and a bound q ≥ 0.
// They stay rank atoms through printing and simplification (descriptions
// print as rank conditions, not as pages of minors) and are expanded only
// when an algorithm needs plain polynomial atoms ([Formula.ExpandRank]):
// either to the vanishing of all (q+1)×(q+1) minors ([MinorsRankLE]) or by
// a rank-profile case split — pivot on the first non-zero entry and recurse
// on the fraction-free Schur complement ([PivotRankLE], proof in
// rank_pivot.go) — whichever has fewer atoms ([Formula.ExpandRankWith]);
// [RankProfile] splits a matrix into sign-condition cells of constant rank.
// [FoldRank] and [FoldRankOf] fold the minors in a QE answer back into rank
// atoms (proof by Sylvester's identity in rank_fold.go), so results print
// as rank conditions too.
//
// Connectives are ¬, ∧, ∨ (any number of arguments), ⇒ and ⇔; quantifiers
// ∃ and ∀ bind a list of ring variables (by index). Nodes are immutable and
// may be shared between formulas.
//
// # Canonical form of atoms
//
// [Simplify] brings every atom to a canonical form: the polynomial is
// primitive (integer coefficients with gcd 1, [poly.Poly.PrimitivePart]) and
// its leading coefficient in the ring order is positive; when normalizing
// divides by a negative number the relation is mirrored (− and + swapped).
// Constant atoms fold to true or false. Two atoms therefore talk about the
// same polynomial exactly when their polynomials are equal, which is how
// conjunctions and disjunctions merge them (sign-condition bitsets), drop
// duplicates, and detect contradictions (x < 0 ∧ x > 0 is false) and
// tautologies. Simplification also flattens nested ∧/∨, applies absorption
// (A ∨ (A ∧ B) = A), and drops quantified variables that do not occur.
// It never changes the meaning of a formula; the tests check this by exact
// evaluation at random points.
//
// # Syntax
//
// Own syntax (also accepted inside QEPCAD B files):
//
//	formula  := iff
//	iff      := implies { ("<==>" | "iff") implies }
//	implies  := or { ("==>" | "implies") or } | or "<==" or   (right-assoc)
//	or       := and { ("\/" | "or" | "||") and }
//	and      := unary { ("/\" | "and" | "&&") unary }
//	unary    := ("~" | "not" | "!") unary
//	          | ("ex" | "all") vars formula-body      e.g. ex y, z [ ... ]
//	          | "(E" var ")" unary | "(A" var ")" unary   (QEPCAD)
//	          | "[" formula "]" | "(" formula ")" | "true" | "false"
//	          | atom
//	atom     := expr rel expr | "rank" "(" matrix ")" rel integer
//	rel      := "<" | "<=" | "=" | "==" | "/=" | "!=" | ">=" | ">"
//	matrix   := "[" row { "," row } "]",   row := "[" expr { "," expr } "]"
//	expr     := polynomial with + - * / ^, parentheses, integer and decimal
//	            numerals; juxtaposition multiplies ("2 x y", "l1 u1") as in
//	            QEPCAD; "/" divides by a non-zero constant only.
//
// An atom p ρ q is stored as p − q ρ 0. The words and, or, not, implies, iff,
// ex, all, true, false, rank are reserved and cannot name variables. Errors
// are [ParseError] values with line and column (1-based, in code points).
//
// [ParseAuto] builds the ring from the text: free variables in order of first
// occurrence, then bound variables in the order their quantifiers appear
// (outermost first) — the order QEPCAD B expects and the CAD uses.
//
// # Evaluation
//
// [Formula.Eval] decides a quantifier-free formula at a rational point
// exactly (polynomial values as big.Rat; rank atoms by exact Gaussian
// elimination). [Formula.EvalAlg] does the same at a point with real
// algebraic coordinates through poly.SignAt, and [Formula.EvalSigns] with
// any sign oracle (how the CAD evaluates on cells).
//
// # Cylindrical algebraic decomposition
//
// [Decide] (sentences) and [QE] (quantifier elimination) follow Collins
// (1975); cad.go has the essay. In short:
//
//   - Projection (projection.go has the essay): McCallum's operator
//     (1988, 1998) by default — coefficients (down to the first non-zero
//     constant), discriminants and pairwise resultants of a square-free
//     basis. It is valid only for well-oriented inputs, which cannot be
//     known in advance, so the lifting checks it: a projection factor that
//     vanishes identically over a cell of positive dimension stops the
//     CAD, and the problem starts again with Hong's improvement of Collins'
//     operator (Hong 1990: leading coefficients of the reducta, principal
//     subresultant coefficients), which needs no condition. Nullification
//     over a 0-cell is handled by a delineating polynomial (a partial
//     derivative of least order that does not vanish there, McCallum 1998).
//     An answer is therefore never silently invalid.
//   - Equational constraints (McCallum 1999): when the matrix is a
//     conjunction containing an equation e = 0 in the innermost bound
//     variable (or dually a disjunction containing e ≠ 0, or an implication
//     from e = 0), with e primitive in that variable, the first projection
//     step is restricted to e's factors (their coefficients and
//     discriminants, resultants with every other factor), and only e's
//     roots are lifted at the top level.
//   - Solution formulas that McCallum's smaller factor set cannot express
//     are retried with Hong's operator at the first bound level (still a
//     McCallum projection below it), then with Hong's operator throughout.
//   - [Limits].Projection forces an operator (ProjectionHong,
//     ProjectionMcCallum) for differential testing; [Limits].Stats records
//     which operator answered, the fallbacks and why, and the sizes.
//   - Base phase: real root isolation of the level-1 factors
//     ([poly.RealAlgRoots]); sections are real algebraic numbers, sectors get
//     simple rational sample points.
//   - Lifting: rational coordinates are substituted exactly; irrational ones
//     are eliminated by resultants with their defining polynomials, giving
//     candidate roots; the exact number of real roots over the sample
//     (Sturm–Habicht signs, lift.go) tells when interval refinement has
//     excluded every false candidate.
//   - Partial CAD (Collins–Hong 1991): a cell whose truth value is already
//     determined by the assigned variables (three-valued evaluation) is not
//     lifted; ∃ stops at the first true child, ∀ at the first false one.
//   - Solution formulas (after Hong 1992 and Brown 1999, as in QEPCAD B):
//     the free cells' signatures over the projection factors of the free
//     levels; redundant factors are dropped, true signatures are widened
//     while they exclude all false cells. When the factors do not separate
//     true from false cells (with McCallum's, then Hong's operator), the CAD
//     is built once more with the derivatives of the free levels' factors
//     added, within a time budget; if that does not answer either, QE says
//     so ([ErrNotSupported]).
//
// # Structure of relucad's problems
//
// Before the CAD, [QE] and [Decide] eliminate existential variables that
// occur linearly in an equation (linelim.go, with the proof): ∃u [c₁u + c₀ =
// 0 ∧ ψ] splits into c₁ ≠ 0 ∧ ψ(−c₀/c₁) (denominators cleared by even
// powers of c₁) and c₁ = c₀ = 0 ∧ ∃u ψ. Every entry of a product of sparse
// factors is multilinear in the factors' entries, so stage 1 of ALG-C
// (∃θ: Φ_I(θ) = A) falls apart into small branches; bound variables left
// only in ≠ atoms are removed by the coefficient rule (a non-zero
// polynomial does not vanish everywhere), and the CAD handles what remains.
// MATH.md E6, E7a and E7b then take 0.1–0.5 s instead of QEPCAD B's 2–21 s,
// with QEPCAD's answers, and E7c (QEPCAD B crashed) is decided.
//
// One factor of a matrix product can also be eliminated at once by linear
// algebra ([InSpan], [ColumnSpanElim], [RowSpanElim], span.go, with the
// proofs): ∃X (supp X ⊆ I ∧ M·X = A) holds iff each column A[:,j] lies in
// the span of the columns M[:,S_j] selected by I, which is the rank
// condition rank [M[:,S_j] | A[:,j]] = rank M[:,S_j], written with rank
// atoms and expanded by [Formula.ExpandRankWith] (minors or the
// rank-profile case split). The other two reductions of relucad's problems
// are in package relu, where the maps are built: gauge fixing of the
// per-neuron scaling (relu/algc.go) and the split by zero patterns of A
// with normalisation by row and column scalings (relu/onto.go).
//
// [Set] wraps a formula with its coordinates: membership, emptiness,
// samples, Boolean operations, projection, closure and [Set.IsClosed] with
// a point of cl(S) \ S (stage 2 of ALG-C).
//
// Every long computation takes a context.Context and stops with a wrapped
// ctx.Err() when it is cancelled; [Limits] bound cells and projection
// factors ([ErrLimit]: undecided within limits). A piece that is not
// implemented returns [ErrNotSupported]; the package never answers a
// question it cannot decide.
//
// # Errors
//
// Programmer errors (formulas over different rings combined, variable index
// out of range) panic with an [Error] whose message starts with "semialg: ".
// Data errors are returned: [ParseError] for text, [ErrNotSupported] for
// constructs or problems beyond what is implemented, and wrapped ctx.Err()
// for cancellation.
//
// # Glossary
//
// CAD cylindrical algebraic decomposition, QE quantifier elimination, NRA
// nonlinear real arithmetic (SMT-LIB logic), QF quantifier-free, PSC
// principal subresultant coefficient.
//
// # References
//
//   - G. E. Collins, Quantifier elimination for real closed fields by
//     cylindrical algebraic decomposition, LNCS 33 (1975).
//   - H. Hong, An improvement of the projection operator in cylindrical
//     algebraic decomposition, ISSAC 1990.
//   - S. McCallum, An improved projection operation for cylindrical algebraic
//     decomposition of three-dimensional space, J. Symb. Comput. 5 (1988);
//     An improved projection operation for CAD, in Quantifier Elimination and
//     Cylindrical Algebraic Decomposition, Springer 1998 (well-orientedness,
//     delineating polynomials).
//   - S. McCallum, On projection in CAD-based quantifier elimination with
//     equational constraint, ISSAC 1999 (the restricted projection).
//   - C. W. Brown, Improved projection for cylindrical algebraic
//     decomposition, J. Symb. Comput. 32 (2001).
//   - G. E. Collins, H. Hong, Partial cylindrical algebraic decomposition for
//     quantifier elimination, J. Symb. Comput. 12 (1991).
//   - H. Hong, Simple solution formula construction in cylindrical algebraic
//     decomposition based quantifier elimination, ISSAC 1992; C. W. Brown,
//     Solution formula construction for truth invariant CADs, PhD thesis,
//     Univ. of Delaware 1999 (QEPCAD B).
//   - SMT-LIB Standard 2.6 and the NRA logic, smtlib.cs.uiowa.edu.
//   - S. Basu, R. Pollack, M.-F. Roy, Algorithms in Real Algebraic Geometry,
//     Springer 2006, §4.2 (Sturm–Habicht sequences, the root count of
//     lift.go).
//   - D. Lazard, Quantifier elimination: optimal solution for two classical
//     examples, J. Symb. Comput. 5 (1988) (the quartic problem).
package semialg

// BUG(semialg): Exact zero tests over sample points with two or more
// irrational coordinates (poly.SignAt, when a root count or a sign is
// exactly zero) use resultants that can be slow; such a call may overrun
// its deadline (the answer, when it comes, is exact).

// BUG(semialg): Brown's reduced McCallum operator (2001) is not used, and
// only one equational constraint (at the first projection step) is
// exploited. Derivatives for solution formulas are added wholesale (all
// derivatives of the free levels' factors, then a new CAD) rather than
// only where cells conflict, as QEPCAD B does; when that CAD does not
// finish within its budget or still does not separate true from false
// cells, QE returns ErrNotSupported.

// BUG(semialg): Decide, QE and Witness bring quantifiers under ∧, ∨, ⇒
// and ¬ to the front (prenex.go) but not those under ⇔, nor a variable
// that is bound in one operand and occurs in another (no renaming); such
// formulas return ErrNotSupported.
