package atlas

import (
	"testing"

	"github.com/relucad/relucad/relu"
)

func FuzzParseShape(f *testing.F) {
	for _, s := range []string{"3,3,3", "2,2,2,2", "1,6", "", "3,,3", "4,4,4,4", "-1,2", " 2 , 3 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := ParseShape(s)
		if err != nil {
			return
		}
		sh2, err := ParseShape(sh.String())
		if err != nil || sh2.String() != sh.String() {
			t.Fatalf("round trip %q -> %q -> %v, %v", s, sh, sh2, err)
		}
	})
}

func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"0/1", "3/8", "8/8", "x/2", "1/", "/", " 2 / 5 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := ParseShard(s)
		if err != nil {
			return
		}
		if sh.Index < 0 || sh.Index >= sh.Count {
			t.Fatalf("%q parsed to out-of-range %v", s, sh)
		}
		sh2, err := ParseShard(sh.String())
		if err != nil || sh2 != sh {
			t.Fatalf("round trip %q -> %v -> %v, %v", s, sh, sh2, err)
		}
	})
}

func FuzzParseProbabilities(f *testing.F) {
	for _, s := range []string{"0.5", "0.1,0.2", "0:1:0.25", "1e-3:2e-3:1e-4", "nan", "0.1:0.2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := ParseProbabilities(s)
		if err != nil {
			return
		}
		for _, p := range ps {
			if !(p >= 0 && p <= 1) {
				t.Fatalf("%q gave p = %v", s, p)
			}
		}
	})
}

// FuzzKey: Key is invariant under the D1 symmetries applied to a support
// built from the fuzz input (row permutation of a layer and transposition),
// and Key(Canonical(s)) == Key(s).
func FuzzKey(f *testing.F) {
	f.Add(uint64(0x1234), uint8(2), uint8(3), uint8(2), uint8(1))
	f.Add(uint64(0xffff), uint8(3), uint8(3), uint8(3), uint8(5))
	f.Fuzz(func(t *testing.T, bits uint64, m, r, n, rot uint8) {
		sh := Shape{int(m%4) + 1, int(r%4) + 1, int(n%4) + 1}
		w := sh.widthsIn()
		s := sup{w: w, rows: make([][]uint32, 2)}
		for l := 1; l <= 2; l++ {
			rows := make([]uint32, w[l])
			for i := range rows {
				rows[i] = uint32(bits) & (1<<w[l-1] - 1)
				bits >>= w[l-1]
			}
			s.rows[l-1] = rows
		}
		k1, err := Key(s.support())
		if err != nil {
			t.Fatal(err)
		}
		// Rotate the hidden neurons (rows of I_1 and columns of I_2).
		h := w[1]
		p := make([]uint8, h)
		for i := range p {
			p[i] = uint8((i + int(rot)) % h)
		}
		pp := newPerm(p)
		t2 := sup{w: w, rows: [][]uint32{make([]uint32, h), make([]uint32, w[2])}}
		for i := range p {
			t2.rows[0][i] = s.rows[0][p[i]]
		}
		for i, row := range s.rows[1] {
			t2.rows[1][i] = pp.t[row]
		}
		k2, _ := Key(t2.support())
		k3, _ := Key(s.transpose().support())
		c, _ := Canonical(s.support())
		k4, _ := Key(c)
		if k1 != k2 || k1 != k3 || k1 != k4 {
			t.Fatalf("%s: keys %s %s %s %s", s, k1, k2, k3, k4)
		}
		if _, err := relu.ParseSpec(k1); err != nil {
			t.Fatalf("key %s does not parse: %v", k1, err)
		}
	})
}
