package relu

import (
	"math/big"
	"testing"
)

func TestLaurentParsePrint(t *testing.T) {
	tests := []struct{ in, out string }{
		{"16*t^-1 + 1", "16*t^-1 + 1"}, // MATH.md §8.4 (E5 bias)
		{"t^-1", "t^-1"},               // MATH.md §8.2
		{"-t^-1", "-t^-1"},             // MATH.md §8.2
		{"t", "t"},                     // MATH.md §8.2
		{"0", "0"},                     // MATH.md §8.2
		{"1/t - 2*t", "t^-1 - 2*t"},    // issue 5 CLI example
		{"-16*t^-2 - 17*t^-1 - 1", "-16*t^-2 - 17*t^-1 - 1"}, // MATH.md §8.4 (E5 b2)
		{"3/4*t^2 + t^2", "7/4*t^2"},                         // like terms combine
		{"t - t", "0"},
		{"2/4", "1/2"},
		{"t^(-3)", "t^-3"},
		{"-3/t^2", "-3*t^-2"},
		{" 60 * t ^ 2 ", "60*t^2"},
	}
	for _, tc := range tests {
		p, err := ParseLaurent(tc.in)
		if err != nil {
			t.Errorf("ParseLaurent(%q): %v", tc.in, err)
			continue
		}
		if p.String() != tc.out {
			t.Errorf("ParseLaurent(%q).String() = %q, want %q", tc.in, p.String(), tc.out)
		}
		q, err := ParseLaurent(p.String())
		if err != nil || !q.Equal(p) {
			t.Errorf("round trip %q: %v %v", tc.in, q, err)
		}
	}
	for _, bad := range []string{"", "x", "t^", "1/0", "2 3", "t^99999999", "t^1001", "+", "t^(1", "1**t"} {
		if _, err := ParseLaurent(bad); err == nil {
			t.Errorf("ParseLaurent(%q): no error", bad)
		}
	}
}

func TestLaurentArith(t *testing.T) {
	mp := func(s string) Laurent { return mustLaurent(t, s) }
	// E1 sequence entries (MATH.md E1): (t^-1)*(t) + 1*0 = 1, etc.
	if got := mp("t^-1").Mul(mp("t")); got.String() != "1" {
		t.Errorf("t^-1*t = %s", got)
	}
	// (t^-1 + 1)(t^-1 - 1) = t^-2 - 1  (hand computation)
	if got := mp("t^-1 + 1").Mul(mp("t^-1 - 1")); got.String() != "t^-2 - 1" {
		t.Errorf("product = %s", got)
	}
	p := mp("3*t^-2 - t + 2")
	if v, _ := p.Valuation(); v != -2 {
		t.Errorf("valuation %d", v)
	}
	if _, ok := p.Limit(); ok {
		t.Error("limit of pole exists")
	}
	if l, ok := mp("5 + t").Limit(); !ok || l.Cmp(big.NewRat(5, 1)) != 0 {
		t.Error("limit 5")
	}
	if mp("-t^3 + t^-1").Sign() != 1 || mp("-t^3 + 7").Sign() != 1 || mp("-t + t^2").Sign() != -1 || mp("0").Sign() != 0 {
		t.Error("Sign")
	}
	if v, _ := p.Eval(big.NewRat(1, 2)); v.Cmp(big.NewRat(27, 2)) != 0 { // 12 - 1/2 + 2
		t.Errorf("eval = %s", v.RatString())
	}
	if got := p.Sub(p); !got.IsZero() {
		t.Error("p-p")
	}
	if got := p.Scale(big.NewRat(-1, 3)).String(); got != "-t^-2 - 2/3 + 1/3*t" {
		t.Errorf("Scale = %s", got)
	}
	if p.LaTeX() != "3 t^{-2} + 2 - t" {
		t.Errorf("LaTeX = %s", p.LaTeX())
	}
}

func mustLaurent(t testing.TB, s string) Laurent {
	t.Helper()
	p, err := ParseLaurent(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func FuzzParseLaurent(f *testing.F) {
	for _, s := range []string{"16*t^-1 + 1", "t", "0", "-3/4*t^2", "1/t", "t^(-2)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseLaurent(s)
		if err != nil {
			return
		}
		q, err := ParseLaurent(p.String())
		if err != nil || !q.Equal(p) {
			t.Fatalf("round trip %q -> %q: %v", s, p.String(), err)
		}
	})
}
