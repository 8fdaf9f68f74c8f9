package relu

import (
	"context"
	"testing"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		spec, formula, closure, source string
	}{
		{"W2=11/11,W1=111/001", "A_1_1*A_2_2 - A_1_2*A_2_1 = 0", "A_1_1*A_2_2 - A_1_2*A_2_1 = 0", "MATH.md E7a"},
		{"W2=11/01,W1=111/110", "A_2_3 = 0", "A_2_3 = 0", "MATH.md E7b (f = 0)"},
		{"W2=10/11,W1=11/01", "(A_1_1 != 0 or A_1_2 = 0 or A_2_1 = 0)", "true", "MATH.md E1"},
		{"W2=11/01,W1=10/11", "(A_2_2 != 0 or A_2_1 = 0 or A_1_2 = 0)", "true", "MATH.md E2 (d ≠ 0 or b = 0 or c = 0)"},
		{"W2=11/11,W1=11/11", "true", "true", "MATH.md T4"},
		{"W2=1010/0101/1010/0101,W1=1100/1100/0011/0011",
			"A_1_1*A_3_2 - A_1_2*A_3_1 = 0 and A_2_1*A_4_2 - A_2_2*A_4_1 = 0 and A_1_3*A_3_4 - A_1_4*A_3_3 = 0 and A_2_3*A_4_4 - A_2_4*A_4_3 = 0", "", "MATH.md E9 (four 2x2 determinants)"},
	}
	for _, tc := range tests {
		d, err := Describe(context.Background(), MustSpec(tc.spec))
		if err != nil {
			t.Fatal(err)
		}
		if d.Formula != tc.formula {
			t.Errorf("%s: formula %q, want %q (%s)", tc.spec, d.Formula, tc.formula, tc.source)
		}
		if tc.closure != "" && d.Closure != tc.closure {
			t.Errorf("%s: closure %q, want %q", tc.spec, d.Closure, tc.closure)
		}
	}
	// E7c: A33 = 0 and det A = 0 (MATH.md E7c).
	d, _ := Describe(context.Background(), MustSpec("W2=11/11/01,W1=111/110"))
	want := "A_3_3 = 0 and A_1_1*A_2_2*A_3_3 - A_1_1*A_2_3*A_3_2 - A_1_2*A_2_1*A_3_3 + A_1_2*A_2_3*A_3_1 - A_1_3*A_2_2*A_3_1 + A_1_3*A_2_1*A_3_2 = 0" // Leibniz expansion of det A (hand computation)
	if d.Formula != want {
		t.Errorf("E7c formula %q", d.Formula)
	}
	// E6: not closed, no formula.
	d, _ = Describe(context.Background(), MustSpec("W2=11/11,W1=110/011"))
	if d.Formula != "" || d.Verdict != "not_closed" {
		t.Errorf("E6: %+v", d)
	}
}
