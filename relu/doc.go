// Package relu decides, certifies and demonstrates whether sparse ReLU
// network supports have closed linear counterparts (MATH.md, the project's
// specification; section and item numbers below refer to it).
//
// # Overview
//
// A sparse architecture, or [Support], is a list of 0/1 masks I_ℓ, one per
// weight matrix, listed output-first like the product W_L⋯W_1. Its linear
// counterpart L_I = {W_L⋯W_1 : supp W_ℓ ⊆ I_ℓ} is the image of a
// multilinear map. By S2 (Theorem 3.1 of the paper), a non-closed L_I makes
// some finite training problem on the ReLU architecture (with biases)
// ill-posed: the infimum of the loss is 0 and not attained. This package
//
//   - parses and prints supports (spec strings "W2=10/11,W1=11/01", §8.1,
//     and JSON), evaluates networks exactly (big.Rat) and in float64;
//   - computes canonical forms under the symmetries of D1 ([Canonical],
//     [Key], [Invariant]);
//   - decides closedness of L_I structurally ([Closedness]): CLOSED,
//     NOT_CLOSED or UNKNOWN, never a guess;
//   - emits certificates (§8.3) and re-checks them from scratch ([Verify]);
//   - describes L_I by rank conditions ([Describe]) and builds ill-posed
//     datasets with exact Laurent losses ([NewDataset], ALG-D).
//
// # Representation
//
// A [Mask] is a dense row-major []bool with its shape; a Support holds
// Masks[0] = I_L … Masks[L−1] = I_1, and Support.Layer(ℓ) returns I_ℓ with
// the 1-based ℓ of MATH.md. Indices in the Go API are 0-based; every text
// and JSON format (spec strings, certificates, variable names W<ℓ>_<i>_<j>)
// is 1-based, as in MATH.md.
//
// Numbers are exact: [RatMatrix] is a matrix of *big.Rat, [Laurent] a
// Laurent polynomial in t over Q (sequences of certificates, t → 0⁺), and
// [LaurentMatrix] a matrix of those. Laurent values are immutable; the
// canonical form has non-zero first and last coefficients.
//
// Inside the analyzer a two-factor support (L = 2) is a list of hidden
// neurons, each with its rank-one support S_k = R_k × C_k stored as two
// uint64 bit sets (so widths are limited to [MaxWidth] = 64).
//
// # Decision pipeline
//
// [Closedness] runs, in order (each step's soundness proof is in the doc
// comment of the function that implements it, see analyze.go):
//
//  1. Depth reduction (L ≥ 3, E12 generalised): two adjacent factors whose
//     masks let one of them act as a "monomial" map are merged into one
//     factor with the Boolean product mask; the set L_I is unchanged. The
//     identity mask is the special case of E12. Repeat until L = 2 or no
//     merge applies; L = 1 is a coordinate subspace (closed).
//  2. Two factors: drop dead neurons (R_k = ∅ or C_k = ∅), split the
//     neurons into coordinate-disjoint components (L_I is then a product of
//     sets on disjoint coordinates, closed iff each factor is).
//  3. Per component, closedness theorems: rank1 (one neuron), ALG-B / D5
//     (exactly two neurons, exact), D3 (all rows and columns of the
//     component fit in a 2×2 block, exact), C1/C2 (D4; "dense" for full
//     masks, S8).
//  4. Per component, non-closedness detectors (hereditary, D2): 2×2 blocks
//     of local-LU type (S5/D3), and 2×3 / 3×2 blocks met by exactly two
//     neurons on which ALG-B says NOT_CLOSED (the E6 type and its
//     transpose).
//  5. Otherwise UNKNOWN with the reason (the exact fallback ALG-C is not
//     available yet).
//
// The closedness steps and the detectors are proved sound independently,
// so they can never both fire on one input; the tests check this.
//
// # Certificates
//
// A NOT_CLOSED [Certificate] carries a rational witness A, a factor
// sequence W_ℓ(t) (Laurent matrices on the masks) whose product is
// A + O(t), and a non-membership proof of kind "hereditary": the block
// rows and columns, the block type ("lu_2x2", "e6_2x3", "e6_3x2"), the
// theorem (D3 or D5) and a Nullstellensatz certificate: cofactors g_i with
// Σ g_i f_i = 1, where the f_i are the block entries of Φ_I(θ) − A in the
// variables W<ℓ>_<i>_<j>. Since A[B] ∉ L_{I|B} even over C, D2 gives
// A ∉ L_I. A CLOSED certificate carries the method and a description by
// support equations and rank bounds on sub-blocks, split into parts (one
// per component) each naming the theorem whose hypotheses it satisfies.
//
// [Verify] shares no code path with the analyzer: it re-derives the
// neurons from the masks, re-checks each theorem's hypotheses, expands the
// Laurent product, expands the Nullstellensatz identity with its own small
// sparse polynomial arithmetic (vpoly.go), and tests closed descriptions
// on random rational products Φ_I(θ).
//
// # Errors
//
// Bad input (spec strings, JSON, matrices) returns errors naming the layer,
// row, column or token; nothing panics on data. Programmer errors (shape
// mismatches in internal products) panic with a "relu: " message.
//
// # References
//
// MATH.md (docs/MATH.md in the shared material): S2, S5, S8, D1–D5, ALG-A,
// ALG-B, ALG-D, E1–E12, §8 certificate format, §9 test table.
// Le, Riccietti, Gribonval, "Does a sparse ReLU network training problem
// always admit an optimum?", NeurIPS 2023, arXiv:2306.02666.
package relu
