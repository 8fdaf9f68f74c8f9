// Package poly is relucad's exact polynomial engine over the rationals.
//
// Everything relucad decides — CAD projection and lifting, closedness
// verdicts, Nullstellensatz certificates — is built on the values of this
// package, so every result here is exact: coefficients are arbitrary
// precision rationals, and floating point appears only where it is named
// (refinement of real roots to a requested precision), always followed by an
// exact check.
//
// # Overview
//
// A [Ring] fixes an ordered list of named variables and a monomial [Order].
// A [Poly] is a sparse multivariate polynomial over Q in a ring. A [UPoly]
// is a dense univariate polynomial over Z, the working representation of the
// univariate toolkit (GCD, resultants, subresultants, square-free
// decomposition, Sturm sequences, real root isolation). A [RealAlg] is a real
// algebraic number given by a square-free integer polynomial and an isolating
// interval with rational (dyadic) endpoints.
//
//	R := poly.MustRing([]string{"x", "y"}, poly.GRevLex)
//	f := R.MustParse("x^2*y - 3/4*y + 1")
//	g := f.Mul(f).Sub(R.Var(0))
//
// # Representation
//
// A Poly is a ring pointer plus a slice of terms (monomial, coefficient).
// The canonical form, checked by CheckCanonical and by the tests after every
// operation, is:
//
//   - terms are sorted strictly decreasing in the ring's order (so the
//     leading term is terms[0]) and no monomial repeats;
//   - no coefficient is zero, and every coefficient is a normalized big.Rat
//     (math/big keeps Rat in lowest terms with a positive denominator);
//   - every exponent vector has exactly the ring's number of variables;
//   - the zero polynomial has no terms.
//
// Term storage (exponent vectors and big.Rat coefficients) is written only
// while a Poly is being built and is read-only afterwards, so a result may
// share it with its operands (Add keeps untouched terms by reference, Neg
// shares the monomials); nothing handed out to callers (Terms, LeadCoeff,
// LeadMonomial, CoeffsIn's polynomials are Polys again) aliases writable
// storage.
//
// Monomial orders are values of the [Order] interface: [Lex], [GrLex],
// [GRevLex], and [BlockOrder] products of them (elimination orders).
// Variables rank by index, x0 > x1 > ... . Two rings are the same ring when
// their variable names and orders agree (block orders compared by their
// String), so independently built equal rings interoperate.
//
// Internally, multiplication and exact division pack exponent vectors into
// one uint64 in mixed radix (additive, so multiplying monomials is adding
// keys) and work on integer coefficients with one common denominator,
// choosing a dense (Kronecker) table, a heap (Johnson) or a hash table by
// the shape of the operands; see mul.go and div_packed.go for the
// measurements.
//
// Coefficients are big.Rat per term. Integer-only algorithms (GCD,
// resultants, root isolation) first clear denominators and move to UPoly or
// to integer-coefficient term lists, so the rational overhead is paid only at
// the boundary.
//
// A UPoly is a slice of *big.Int coefficients, index i holding the
// coefficient of x^i, with no trailing zero (the zero polynomial is the empty
// slice). It carries no variable name: conversions to and from Poly name the
// variable.
//
// # Conventions
//
// Polynomials are immutable values. Every operation returns a fresh result
// and never modifies its operands or shares mutable coefficient storage with
// them; callers may keep and reuse any Poly they hold. Scalar accumulation
// inside algorithms uses math/big's receiver style (z.Add(z, x)) on private
// temporaries only.
//
// Arithmetic is methods (p.Add(q), p.Mul(q), p.Pow(n)); algorithms are
// package functions (GCD, Resultant, Discriminant, RealRoots). Variables are
// referred to by index in the ring (0-based) in the Go API and by name in the
// text formats and the CLI.
//
// Long computations take a context.Context and return ctx.Err() (wrapped)
// when it is cancelled or its deadline passes; none of them spins without
// checking it.
//
// # Errors
//
// Programmer errors panic with a typed [Error] value whose message starts
// with "poly: ": operands from different rings ([ErrRingMismatch]), a
// variable index out of range ([ErrVarRange]), and division by the zero
// polynomial ([ErrZeroDivisor]). Division by zero is a programmer error
// because the caller can always test IsZero first; ExactQuo of non-multiples
// is not, and returns a [NotDividesError]. Also programmer errors: an
// exponent above 2^32-1 ([ErrExponentOverflow]), an exponent vector or value
// list of the wrong length ([ErrLength]), and QuoRem by a divisor whose
// leading coefficient in the chosen variable is not a constant
// ([ErrLeadCoeffIn]; PseudoQuoRem is the total operation).
//
// Data errors are returned: [ParseError] carries line, column (1-based, in
// Unicode code points) and what was expected, and its message reads like
// "unknown variable 'z' at 1:5". The parser refuses, with a ParseError
// instead of running for hours, parenthesis nesting deeper than 1000 and
// powers or products of parenthesized sums whose expansion would exceed
// about 2^31 word operations ("power too large", "expression too large to
// expand"). Resource limits and cancellation wrap ctx.Err().
//
// # Glossary
//
// LC leading coefficient, LM leading monomial, LT leading term (all with
// respect to the ring's order unless a variable is named), SRes subresultant,
// PRS polynomial remainder sequence, VCA Vincent–Collins–Akritas.
//
// # References
//
//   - G. E. Collins, Subresultants and reduced polynomial remainder
//     sequences, J. ACM 14 (1967).
//   - K. O. Geddes, S. R. Czapor, G. Labahn, Algorithms for Computer Algebra,
//     Kluwer 1992 (ch. 7: GCD and resultants; ch. 8: factorization).
//   - J. von zur Gathen, J. Gerhard, Modern Computer Algebra, 3rd ed.,
//     Cambridge 2013 (ch. 6: modular GCD and resultants; ch. 14–16).
//   - F. Rouillier, P. Zimmermann, Efficient isolation of polynomial's real
//     roots, J. Comput. Appl. Math. 162 (2004).
//   - A. Akritas, A. Strzeboński, P. Vigklas, Improving the performance of
//     the continued fractions method using new bounds of positive roots,
//     Nonlinear Anal. Model. Control 13 (2008).
//   - S. Basu, R. Pollack, M.-F. Roy, Algorithms in Real Algebraic Geometry,
//     2nd ed., Springer 2006 (ch. 2, 8, 10: Sturm, subresultants, real roots).
package poly
