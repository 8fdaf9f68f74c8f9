package relu

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParseSpec(t *testing.T) {
	tests := []struct {
		spec   string
		widths []int
		params int
	}{
		{"W2=10/11,W1=11/01", []int{2, 2, 2}, 6},             // MATH.md §8.1 (LU, E1)
		{"W2=11/11,W1=110/011", []int{3, 2, 2}, 8},           // MATH.md E6
		{"W2=1/1/1,W1=111", []int{3, 1, 3}, 6},               // MATH.md T4
		{"W3=10/11,W2=10/01,W1=11/01", []int{2, 2, 2, 2}, 8}, // MATH.md T14
		{" W2 = 10/11 , W1=11/01 ", []int{2, 2, 2}, 6},       // blanks ignored
		{"W1=101", []int{3, 1}, 2},                           // depth 1
		{"W2=1,W1=1", []int{1, 1, 1}, 2},                     // MATH.md T19
	}
	for _, tc := range tests {
		s, err := ParseSpec(tc.spec)
		if err != nil {
			t.Errorf("ParseSpec(%q): %v", tc.spec, err)
			continue
		}
		if got := s.Widths(); !equalInts(got, tc.widths) {
			t.Errorf("%q: widths %v, want %v", tc.spec, got, tc.widths)
		}
		if s.NumParams() != tc.params {
			t.Errorf("%q: params %d, want %d", tc.spec, s.NumParams(), tc.params)
		}
		// Round trip.
		s2, err := ParseSpec(s.String())
		if err != nil || !s2.Equal(s) {
			t.Errorf("round trip of %q: %v %v", tc.spec, s2, err)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseSpecErrors(t *testing.T) {
	tests := []struct {
		spec string
		want string // substring of the error
		col  int    // expected SpecError column, 0 if not a SpecError
	}{
		{"", "empty spec", 1},
		{"W2=10/11,W1=12/01", "entry 2 is '2'", 14},
		{"W2=10/11,W1=11/0", "row 2 has length 1", 16},
		{"W2=101/111,W1=11/01", "W2 has 3 columns but W1 has 2 rows", 0},
		{"W2=10/11,W1=11/01/11", "W2 has 2 columns but W1 has 3 rows", 0},
		{"W1=11/01,W2=10/11", "out of order", 1},
		{"W2=10/11;W1=11/01", "entry 3 is ';'", 9},
		{"W2=10/11,W1", "want W<layer>=<mask>", 10},
		{"X2=10/11,W1=11/01", "must be W<number>", 1},
		{"W2=10/11,W1=", "empty mask", 13},
		{"W2=10//11,W1=11/01", "row 2 is empty", 7},
		{"W2=10/11,,W1=11", "stray comma", 10},
	}
	for _, tc := range tests {
		_, err := ParseSpec(tc.spec)
		if err == nil {
			t.Errorf("ParseSpec(%q): no error", tc.spec)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseSpec(%q) = %v, want it to mention %q", tc.spec, err, tc.want)
		}
		var se *SpecError
		if tc.col > 0 {
			if !errors.As(err, &se) {
				t.Errorf("ParseSpec(%q): %T is not a *SpecError", tc.spec, err)
			} else if se.Col != tc.col {
				t.Errorf("ParseSpec(%q): column %d, want %d (%v)", tc.spec, se.Col, tc.col, err)
			}
		}
	}
}

func TestSupportJSON(t *testing.T) {
	s := MustSpec("W2=10/11,W1=110/011")
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"spec":"W2=10/11,W1=110/011","widths":[3,2,2],"masks":{"W1":["110","011"],"W2":["10","11"]}}`
	if string(b) != want {
		t.Errorf("Marshal = %s\nwant      %s", b, want)
	}
	var s2 Support
	if err := json.Unmarshal(b, &s2); err != nil || !s2.Equal(s) {
		t.Errorf("Unmarshal: %v %v", s2, err)
	}
	for _, in := range []string{`"W2=10/11,W1=11/01"`, `{"masks":{"W2":["10","11"],"W1":["11","01"]}}`} {
		var s3 Support
		if err := json.Unmarshal([]byte(in), &s3); err != nil || s3.String() != "W2=10/11,W1=11/01" {
			t.Errorf("Unmarshal(%s) = %v, %v", in, s3, err)
		}
	}
	for _, bad := range []string{`{}`, `{"spec":"W2=10/11,W1=11/01","masks":{"W2":["11","11"],"W1":["11","01"]}}`,
		`{"masks":{"W3":["1"],"W1":["1"]}}`, `"W2=1"x`, `{"masks":{"W2":["12"],"W1":["1","1"]}}`} {
		var s3 Support
		if err := json.Unmarshal([]byte(bad), &s3); err == nil {
			t.Errorf("Unmarshal(%s): no error", bad)
		}
	}
}

func TestMaskOps(t *testing.T) {
	m := MustMask([][]int{{1, 0, 1}, {0, 1, 1}})
	if m.String() != "101/011" || m.Transpose().String() != "10/01/11" || m.Count() != 4 {
		t.Errorf("mask ops: %s %s %d", m, m.Transpose(), m.Count())
	}
	id := MustMask([][]int{{1, 0}, {0, 1}})
	if !id.IsIdentity() || m.IsIdentity() {
		t.Error("IsIdentity")
	}
	// Boolean product: hand computation.
	p := MustMask([][]int{{1, 0}, {1, 1}}).BoolProduct(MustMask([][]int{{1, 1, 0}, {0, 0, 1}}))
	if p.String() != "110/111" {
		t.Errorf("BoolProduct = %s", p)
	}
	if _, err := NewMask([][]int{{1, 2}}); err == nil {
		t.Error("NewMask accepted 2")
	}
	if _, err := NewMask([][]int{{1, 0}, {1}}); err == nil {
		t.Error("NewMask accepted ragged rows")
	}
}

func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{"W2=10/11,W1=11/01", "W3=10/11,W2=10/01,W1=11/01", "W1=1", "W2=1/1/1,W1=111", "", ",", "W2=", "W0=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		s, err := ParseSpec(spec)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("ParseSpec(%q) returned an invalid support: %v", spec, err)
		}
		s2, err := ParseSpec(s.String())
		if err != nil || !s2.Equal(s) {
			t.Fatalf("round trip %q -> %q: %v", spec, s.String(), err)
		}
	})
}

func FuzzSupportJSON(f *testing.F) {
	for _, s := range []string{`"W2=10/11,W1=11/01"`, `{"masks":{"W2":["10","11"],"W1":["11","01"]}}`,
		`{"spec":"W1=1","masks":{"W1":["1"]}}`, `{}`, `{"masks":{"W3":["1"]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Support
		if err := json.Unmarshal(data, &s); err != nil {
			return
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal of decoded %v: %v", s, err)
		}
		var s2 Support
		if err := json.Unmarshal(b, &s2); err != nil || !s2.Equal(s) {
			t.Fatalf("round trip %s -> %s: %v", data, b, err)
		}
	})
}
