package symbols

import "testing"

// Every package named in the go:generate lines has a table.
func TestTablesPresent(t *testing.T) {
	for _, k := range []string{
		"github.com/relucad/relucad/kernel/rich/rich",
		"github.com/relucad/relucad/poly/poly",
		"github.com/relucad/relucad/semialg/semialg",
		"github.com/relucad/relucad/relu/relu",
		"github.com/relucad/relucad/relu/atlas/atlas",
		"gonum.org/v1/gonum/mat/mat",
		"gonum.org/v1/gonum/floats/floats",
		"gonum.org/v1/gonum/stat/stat",
	} {
		if len(Symbols[k]) == 0 {
			t.Errorf("no symbols for %s: run go generate ./kernel/...", k)
		}
	}
}
