package atlas

// Burnside counting, written independently of the orbit enumeration in
// enum.go so that each checks the other.
//
// By Burnside's lemma the number of orbits of a finite group G acting on
// the 0/1 labellings of a set P of mask positions is (1/|G|) Σ_g 2^{c(g)},
// where c(g) is the number of cycles of g on P: a labelling is fixed by g
// iff it is constant on every cycle. Keeping track of the number of ones,
// the labellings fixed by g are counted by Π_cycles (1 + x^{|cycle|}), so
// the same sum of polynomials gives the number of orbits with exactly k
// ones for every k.
//
// Here P is the set of positions (ℓ, p, q) of all masks, and G runs over
// every tuple of permutations (σ_0, …, σ_L), acting by
// (ℓ,p,q) ← (ℓ, σ_ℓ(p), σ_{ℓ−1}(q)); for palindromic shapes also over the
// transposed coset, (ℓ,p,q) ← (L+1−ℓ, σ_{L+1−ℓ}(q), σ_{L−ℓ}(p)). The sum is
// taken over the whole group element by element (no cycle-index shortcut),
// which is affordable for the shapes of the tests.

import (
	"fmt"
	"math/big"
)

// MaxBurnsideGroup bounds the group order Burnside will sum over.
const MaxBurnsideGroup = 20_000_000

// Burnside returns, for k = 0..Bits, the number of D1 orbits of supports of
// shape sh with exactly k ones. It returns an error when the group is larger
// than MaxBurnsideGroup.
func Burnside(sh Shape) ([]*big.Int, error) {
	if g := sh.GroupOrder(); g.Cmp(big.NewInt(MaxBurnsideGroup)) > 0 {
		return nil, fmt.Errorf("atlas: Burnside sum over a group of order %s is over the limit %d", g, MaxBurnsideGroup)
	}
	w := sh.widthsIn() // N_0..N_L
	L := len(w) - 1
	off := make([]int, L+2) // off[l] = first position of layer l (1-based l)
	for l := 1; l <= L; l++ {
		off[l+1] = off[l] + w[l]*w[l-1]
	}
	P := off[L+1]
	pos := func(l, p, q int) int { return off[l] + p*w[l-1] + q }
	total := make([]*big.Int, P+1)
	for i := range total {
		total[i] = new(big.Int)
	}
	f := make([]int, P)
	seen := make([]bool, P)
	addCycles := func() {
		// poly = Π (1 + x^len) over the cycles of f.
		poly := make([]*big.Int, P+1)
		for i := range poly {
			poly[i] = new(big.Int)
		}
		poly[0].SetInt64(1)
		deg := 0
		for i := range seen {
			seen[i] = false
		}
		for i := 0; i < P; i++ {
			if seen[i] {
				continue
			}
			n := 0
			for j := i; !seen[j]; j = f[j] {
				seen[j] = true
				n++
			}
			for d := deg; d >= 0; d-- {
				if poly[d].Sign() != 0 {
					poly[d+n].Add(poly[d+n], poly[d])
				}
			}
			deg += n
		}
		for k := range poly {
			total[k].Add(total[k], poly[k])
		}
	}
	sig := make([][]int, L+1)
	for l := range sig {
		sig[l] = make([]int, w[l])
	}
	pal := sh.Palindromic()
	var rec func(l int)
	rec = func(l int) {
		if l > L {
			for ll := 1; ll <= L; ll++ {
				for p := 0; p < w[ll]; p++ {
					for q := 0; q < w[ll-1]; q++ {
						f[pos(ll, p, q)] = pos(ll, sig[ll][p], sig[ll-1][q])
					}
				}
			}
			addCycles()
			if pal {
				for ll := 1; ll <= L; ll++ {
					for p := 0; p < w[ll]; p++ {
						for q := 0; q < w[ll-1]; q++ {
							f[pos(ll, p, q)] = pos(L+1-ll, sig[L+1-ll][q], sig[L-ll][p])
						}
					}
				}
				addCycles()
			}
			return
		}
		forEachPerm(w[l], func(s []int) {
			copy(sig[l], s)
			rec(l + 1)
		})
	}
	rec(0)
	order := sh.GroupOrder()
	for k, t := range total {
		q, r := new(big.Int).QuoRem(t, order, new(big.Int))
		if r.Sign() != 0 {
			return nil, fmt.Errorf("atlas: internal error: Burnside sum for %d ones is not divisible by the group order", k)
		}
		total[k] = q
	}
	return total, nil
}

// forEachPerm calls f with every permutation of 0..n−1 (Heap's algorithm;
// f must not keep the slice).
func forEachPerm(n int, f func([]int)) {
	a := make([]int, n)
	for i := range a {
		a[i] = i
	}
	c := make([]int, n)
	f(a)
	for i := 0; i < n; {
		if c[i] < i {
			if i%2 == 0 {
				a[0], a[i] = a[i], a[0]
			} else {
				a[c[i]], a[i] = a[i], a[c[i]]
			}
			f(a)
			c[i]++
			i = 0
		} else {
			c[i] = 0
			i++
		}
	}
}

// BurnsideTotal returns the total number of D1 orbits of shape sh.
func BurnsideTotal(sh Shape) (*big.Int, error) {
	by, err := Burnside(sh)
	if err != nil {
		return nil, err
	}
	t := new(big.Int)
	for _, x := range by {
		t.Add(t, x)
	}
	return t, nil
}
