package relu

import (
	"fmt"
	"strings"
)

// WeightNames returns the variable names W<ℓ>_<i>_<j> (MATH.md §8.2) of
// the free weights of s, layer W_L first, row-major inside a layer.
func WeightNames(s Support) []string {
	var names []string
	L := s.Depth()
	for l := L; l >= 1; l-- {
		m := s.Layer(l)
		for i := 0; i < m.rows; i++ {
			for j := 0; j < m.cols; j++ {
				if m.At(i, j) {
					names = append(names, weightName(l, i, j))
				}
			}
		}
	}
	return names
}

func weightName(l, i, j int) string { return fmt.Sprintf("W%d_%d_%d", l, i+1, j+1) }

// LinearMap returns the entries of Φ_I(θ) = W_L⋯W_1 as polynomial strings
// in the variables of WeightNames (a sum of products, one per path through
// the masks; "0" where no path exists). It is the polynomial map whose
// image is L_I, in the text syntax of package poly, for the exact
// fallback (ALG-C). The number of terms of an entry is the number of paths,
// which grows like the product of the hidden widths.
func LinearMap(s Support) ([][]string, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	L := s.Depth()
	// cur[i][j]: terms of (W_L⋯W_l)[i][j], starting from W_L.
	first := s.Layer(L)
	cur := make([][][]string, first.rows)
	for i := range cur {
		cur[i] = make([][]string, first.cols)
		for j := range cur[i] {
			if first.At(i, j) {
				cur[i][j] = []string{weightName(L, i, j)}
			}
		}
	}
	for l := L - 1; l >= 1; l-- {
		m := s.Layer(l)
		next := make([][][]string, len(cur))
		for i := range cur {
			next[i] = make([][]string, m.cols)
			for j := 0; j < m.cols; j++ {
				for k := 0; k < m.rows; k++ {
					if !m.At(k, j) {
						continue
					}
					for _, t := range cur[i][k] {
						next[i][j] = append(next[i][j], t+"*"+weightName(l, k, j))
					}
				}
				if len(next[i][j]) > 100_000 {
					return nil, fmt.Errorf("relu: LinearMap: entry (%d,%d) has more than 100000 terms", i+1, j+1)
				}
			}
		}
		cur = next
	}
	out := make([][]string, len(cur))
	for i := range cur {
		out[i] = make([]string, len(cur[i]))
		for j, ts := range cur[i] {
			if len(ts) == 0 {
				out[i][j] = "0"
			} else {
				out[i][j] = strings.Join(ts, " + ")
			}
		}
	}
	return out, nil
}
