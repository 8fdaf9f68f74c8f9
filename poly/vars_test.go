package poly

import (
	"reflect"
	"testing"
)

func TestScanVars(t *testing.T) {
	tests := []struct {
		in   []string
		want []string
	}{
		{[]string{"x^2*y - 3/4*z + 1"}, []string{"x", "y", "z"}},
		{[]string{"y + x", "x*z2 - w_1"}, []string{"y", "x", "z2", "w_1"}},
		{[]string{"12x + 3"}, nil}, // a digit run is a coefficient, "12x" names no variable
		{[]string{"W2_1_1*W1_1_2 - 1"}, []string{"W2_1_1", "W1_1_2"}},
		{[]string{""}, nil},
	}
	for _, tc := range tests {
		if got := ScanVars(tc.in...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ScanVars(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
