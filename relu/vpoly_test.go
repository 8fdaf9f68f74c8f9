package relu

import "testing"

func TestVPoly(t *testing.T) {
	tests := []struct{ a, b string }{
		// MATH.md §8.3: l21u12·l11u11 − l21u11·(l11u12 − 1) − (l21u11 − 1) = 1.
		{"l21*u12*(l11*u11) - l21*u11*(l11*u12 - 1) - (l21*u11 - 1)", "1"},
		{"(x + y)^2", "x^2 + 2*x*y + y^2"},   // binomial
		{"(x - 1/2)*(x + 1/2)", "x^2 - 1/4"}, // hand computation
		{"-(a*b) + b*a", "0"},                // commutativity
		{"2*x^0 + 3", "5"},                   // x^0 = 1
		{"-x^2", "-1*x*x"},                   // unary minus binds looser than ^
	}
	for _, tc := range tests {
		a, err := vpParse(tc.a)
		if err != nil {
			t.Fatalf("%q: %v", tc.a, err)
		}
		b, err := vpParse(tc.b)
		if err != nil {
			t.Fatalf("%q: %v", tc.b, err)
		}
		if !a.equal(b) {
			t.Errorf("%q = %s, want %s", tc.a, a, b)
		}
	}
	if p, _ := vpParse("1"); !p.isOne() {
		t.Error("isOne")
	}
	for _, bad := range []string{"", "x +", "(x", "x^y", "1/0", "x $ y", "x^100"} {
		if _, err := vpParse(bad); err == nil {
			t.Errorf("vpParse(%q): no error", bad)
		}
	}
}

func FuzzVPoly(f *testing.F) {
	for _, s := range []string{"x*y - 1", "(a+b)^3", "-W2_1_1*W1_1_2 + 3/4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := vpParse(s)
		if err != nil {
			return
		}
		q, err := vpParse(p.String())
		if err != nil || !q.equal(p) {
			t.Fatalf("round trip %q -> %q: %v", s, p.String(), err)
		}
	})
}
