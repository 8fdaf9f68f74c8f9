package atlas_test

import (
	"context"
	"fmt"

	"github.com/relucad/relucad/relu"
	"github.com/relucad/relucad/relu/atlas"
)

// The 2×2 LU support and its transpose-and-reverse (the UL support) are
// one orbit under D1, so they share a key.
func ExampleKey() {
	lu, _ := atlas.Key(relu.MustSpec("W2=10/11,W1=11/01"))
	ul, _ := atlas.Key(relu.MustSpec("W2=11/01,W1=10/11"))
	fmt.Println(lu == ul, lu)
	// Output: true W2=01/11,W1=10/11
}

// Shape 2,2,2 has 2^8 = 256 supports in 34 orbits; Burnside's lemma agrees.
func ExampleEnumerate() {
	sh, _ := atlas.ParseShape("2,2,2")
	n := 0
	atlas.Enumerate(context.Background(), sh, func(r atlas.Rep) bool { n++; return true })
	b, _ := atlas.BurnsideTotal(sh)
	fmt.Println(n, b)
	// Output: 34 34
}

func ExampleParseShard() {
	s, _ := atlas.ParseShard("3/8")
	fmt.Println(s.Index, s.Count)
	_, err := atlas.ParseShard("8/8")
	fmt.Println(err)
	// Output:
	// 3 8
	// atlas: shard "8/8": index 8 out of range 0..7 (shards are numbered from 0)
}
