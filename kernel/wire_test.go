package kernel

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// TestSignKnownAnswer checks the HMAC against a value computed outside Go:
// Python 3.11 hmac.new(key, header+parent+metadata+content, hashlib.sha256).hexdigest().
func TestSignKnownAnswer(t *testing.T) {
	s, err := NewSigner("hmac-sha256", []byte("a0436f6c-1916-498b-8eb9-e81ab9368e84"))
	if err != nil {
		t.Fatal(err)
	}
	h := []byte(`{"msg_id":"1","msg_type":"kernel_info_request"}`)
	got := s.Sign(h, []byte("{}"), []byte("{}"), []byte("{}"))
	const want = "23d21ade63d42fc48bbe2721cd9045ceffb260c3521b7d246495f23adfca79a0" // Python 3.11 hmac, see above
	if got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
	if !s.Verify([]byte(want), h, []byte("{}"), []byte("{}"), []byte("{}")) {
		t.Fatal("Verify rejects the known answer")
	}
	bad := []byte(want)
	bad[0] = '0'
	if s.Verify(bad, h, []byte("{}"), []byte("{}"), []byte("{}")) {
		t.Fatal("Verify accepts a tampered signature")
	}
	if s.Verify([]byte("zz"), h, []byte("{}"), []byte("{}"), []byte("{}")) {
		t.Fatal("Verify accepts non-hex")
	}
}

func TestSignerEmptyKey(t *testing.T) {
	s, err := NewSigner("hmac-sha256", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Sign([]byte("{}"), nil, nil, nil) != "" || !s.Verify([]byte("anything"), nil, nil, nil, nil) {
		t.Fatal("empty key must sign with \"\" and accept any signature")
	}
	if _, err := NewSigner("hmac-md5", []byte("k")); err == nil {
		t.Fatal("unknown scheme accepted")
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("key"))
	m := &Message{
		Identities: [][]byte{[]byte("id1"), []byte("id2")},
		Header:     newHeader("execute_request", "sess"),
		Content:    []byte(`{"code":"1+1"}`),
		Buffers:    [][]byte{{0, 1, 2}},
	}
	frames, err := Encode(m, s)
	if err != nil {
		t.Fatal(err)
	}
	if string(frames[2]) != Delimiter || len(frames) != 2+6+1 {
		t.Fatalf("frame layout %q", frames)
	}
	if string(frames[5]) != "{}" || string(frames[6]) != "{}" {
		t.Fatalf("nil parent/metadata must be {}: %q %q", frames[5], frames[6])
	}
	got, err := Decode(frames, s)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header != m.Header || string(got.Content) != string(m.Content) || len(got.Identities) != 2 || !bytes.Equal(got.Buffers[0], []byte{0, 1, 2}) {
		t.Fatalf("round trip: %+v", got)
	}
	// Tampering with any signed frame is detected.
	for i := 4; i <= 7; i++ {
		f2 := append([][]byte(nil), frames...)
		f2[i] = append([]byte(nil), frames[i]...)
		f2[i] = append(f2[i][:len(f2[i])-1], ' ', '}')
		if _, err := Decode(f2, s); !errors.Is(err, ErrBadSignature) {
			t.Errorf("tampered frame %d: err %v", i, err)
		}
	}
}

func TestDecodeMalformed(t *testing.T) {
	s, _ := NewSigner("", nil)
	d := []byte(Delimiter)
	for _, c := range []struct {
		name   string
		frames [][]byte
	}{
		{"empty", nil},
		{"no delimiter", [][]byte{[]byte("a"), []byte("{}")}},
		{"short", [][]byte{d, nil, []byte("{}"), []byte("{}")}},
		{"bad header json", [][]byte{d, nil, []byte("{"), []byte("{}"), []byte("{}"), []byte("{}")}},
		{"header not object", [][]byte{d, nil, []byte("[]"), []byte("{}"), []byte("{}"), []byte("{}")}},
		{"no msg_type", [][]byte{d, nil, []byte(`{"msg_id":"x"}`), []byte("{}"), []byte("{}"), []byte("{}")}},
		{"content not object", [][]byte{d, nil, []byte(`{"msg_type":"x"}`), []byte("{}"), []byte("{}"), []byte("3")}},
		{"header wrong types", [][]byte{d, nil, []byte(`{"msg_type":7}`), []byte("{}"), []byte("{}"), []byte("{}")}},
	} {
		var we *WireError
		if _, err := Decode(c.frames, s); !errors.As(err, &we) {
			t.Errorf("%s: err %v, want *WireError", c.name, err)
		}
	}
	big := make([]byte, MaxMessageSize+1)
	if _, err := Decode([][]byte{d, nil, big, nil, nil, nil}, s); err == nil {
		t.Error("oversized message accepted")
	}
}

// FuzzDecode: Decode never panics, and whatever it accepts re-encodes to a
// message that decodes to the same header and content.
func FuzzDecode(f *testing.F) {
	s, _ := NewSigner("hmac-sha256", []byte("k"))
	m := &Message{Identities: [][]byte{[]byte("id")}, Header: newHeader("kernel_info_request", "s"), Content: []byte(`{"a":1}`)}
	good, _ := Encode(m, s)
	f.Add(bytes.Join(good, []byte{0xff}))
	f.Add([]byte("<IDS|MSG>\xff\xff{}\xff{}\xff{}\xff{}"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		frames := bytes.Split(data, []byte{0xff})
		for _, signer := range []*Signer{s, {}} {
			got, err := Decode(frames, signer)
			if err != nil {
				continue
			}
			again, err := Encode(got, signer)
			if err != nil {
				t.Fatalf("re-encode: %v", err)
			}
			back, err := Decode(again, signer)
			if err != nil {
				t.Fatalf("decode of re-encoded message: %v", err)
			}
			if back.Header != got.Header || string(back.Content) != string(got.Content) {
				t.Fatalf("round trip changed the message: %+v vs %+v", back, got)
			}
		}
	})
}

func TestParseConnectionInfo(t *testing.T) {
	good := `{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-sha256","kernel_name":"relucad"}`
	ci, err := ParseConnectionInfo([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if ci.endpoint(ci.ShellPort) != "tcp://127.0.0.1:1" {
		t.Errorf("endpoint %s", ci.endpoint(ci.ShellPort))
	}
	for _, bad := range []string{
		`{`,
		`{"transport":"udp","ip":"1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`,
		`{"ip":"127.0.0.1","shell_port":0,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`,
		`{"ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":70000}`,
		`{"ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"rot13"}`,
		`{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`,
	} {
		if _, err := ParseConnectionInfo([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

// FuzzParseConnectionInfo: never panics; accepted input re-marshals to an
// equal value.
func FuzzParseConnectionInfo(f *testing.F) {
	f.Add(`{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-sha256"}`)
	f.Add(`{"transport":"ipc","ip":"/tmp/k"}`)
	f.Fuzz(func(t *testing.T, s string) {
		ci, err := ParseConnectionInfo([]byte(s))
		if err != nil {
			return
		}
		b, err := json.Marshal(ci)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseConnectionInfo(b)
		if err != nil || *again != *ci {
			t.Fatalf("round trip: %v %+v %+v", err, again, ci)
		}
	})
}
