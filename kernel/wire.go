package kernel

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"time"
)

// Delimiter separates the routing identities from the message proper.
const Delimiter = "<IDS|MSG>"

// ProtocolVersion is the messaging-spec version this kernel speaks.
const ProtocolVersion = "5.3"

// MaxMessageSize bounds the total size of an accepted message (all frames).
const MaxMessageSize = 64 << 20

// Header is a message header (messaging spec, "General message format").
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one decoded Jupyter message. Parent, Metadata and Content hold
// JSON objects; they are never null on the wire ({} when empty).
type Message struct {
	Identities [][]byte        // routing identities before the delimiter
	Header     Header          // decoded header
	RawHeader  json.RawMessage // header exactly as received (used as a parent)
	Parent     json.RawMessage // parent header, {} when none
	Metadata   json.RawMessage // {} when none
	Content    json.RawMessage // message-type specific object
	Buffers    [][]byte        // extra binary frames
}

// WireError reports a malformed multipart message.
type WireError struct {
	Reason string
}

func (e *WireError) Error() string { return "kernel: malformed message: " + e.Reason }

// ErrBadSignature is returned by Decode when the HMAC does not match.
var ErrBadSignature = errors.New("kernel: message signature does not match")

// Signer computes message signatures for one key and scheme.
// The zero value (no key) signs with the empty string and accepts any
// signature, as the spec prescribes for an empty key.
type Signer struct {
	key []byte
	new func() hash.Hash
}

// NewSigner returns a Signer for scheme ("hmac-sha256", "hmac-sha512",
// "hmac-sha1") and key. An empty key disables signing regardless of scheme.
func NewSigner(scheme string, key []byte) (*Signer, error) {
	if len(key) == 0 {
		return &Signer{}, nil
	}
	var h func() hash.Hash
	switch scheme {
	case "hmac-sha256", "":
		h = sha256.New
	case "hmac-sha512":
		h = sha512.New
	case "hmac-sha1":
		h = sha1.New
	default:
		return nil, fmt.Errorf("kernel: unsupported signature_scheme %q", scheme)
	}
	return &Signer{key: append([]byte(nil), key...), new: h}, nil
}

// Enabled reports whether messages are signed.
func (s *Signer) Enabled() bool { return s != nil && len(s.key) > 0 }

// Sign returns the lowercase hex HMAC of the four JSON frames, or "" when
// signing is disabled.
func (s *Signer) Sign(header, parent, metadata, content []byte) string {
	if !s.Enabled() {
		return ""
	}
	return hex.EncodeToString(s.mac(header, parent, metadata, content))
}

func (s *Signer) mac(frames ...[]byte) []byte {
	m := hmac.New(s.new, s.key)
	for _, f := range frames {
		m.Write(f)
	}
	return m.Sum(nil)
}

// Verify checks sig against the four frames in constant time.
func (s *Signer) Verify(sig []byte, header, parent, metadata, content []byte) bool {
	if !s.Enabled() {
		return true
	}
	got := make([]byte, hex.DecodedLen(len(sig)))
	if _, err := hex.Decode(got, sig); err != nil {
		return false
	}
	return hmac.Equal(got, s.mac(header, parent, metadata, content))
}

// Decode parses a multipart message and checks its signature. It never
// panics: malformed input gives a *WireError, a bad signature ErrBadSignature.
func Decode(frames [][]byte, s *Signer) (*Message, error) {
	total := 0
	for _, f := range frames {
		total += len(f)
	}
	if total > MaxMessageSize {
		return nil, &WireError{fmt.Sprintf("message of %d bytes exceeds the limit of %d", total, MaxMessageSize)}
	}
	d := -1
	for i, f := range frames {
		if string(f) == Delimiter {
			d = i
			break
		}
	}
	if d < 0 {
		return nil, &WireError{"no " + Delimiter + " delimiter"}
	}
	rest := frames[d+1:]
	if len(rest) < 5 {
		return nil, &WireError{fmt.Sprintf("%d frames after the delimiter, want at least 5", len(rest))}
	}
	sig, header, parent, metadata, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	if !s.Verify(sig, header, parent, metadata, content) {
		return nil, ErrBadSignature
	}
	m := &Message{}
	for i := 0; i < d; i++ {
		m.Identities = append(m.Identities, append([]byte(nil), frames[i]...))
	}
	for _, part := range []struct {
		name string
		src  []byte
		dst  *json.RawMessage
	}{{"header", header, &m.RawHeader}, {"parent_header", parent, &m.Parent}, {"metadata", metadata, &m.Metadata}, {"content", content, &m.Content}} {
		b, err := jsonObject(part.src)
		if err != nil {
			return nil, &WireError{part.name + ": " + err.Error()}
		}
		*part.dst = b
	}
	if err := json.Unmarshal(m.RawHeader, &m.Header); err != nil {
		return nil, &WireError{"header: " + err.Error()}
	}
	if m.Header.MsgType == "" {
		return nil, &WireError{"header has no msg_type"}
	}
	for _, b := range rest[5:] {
		m.Buffers = append(m.Buffers, append([]byte(nil), b...))
	}
	return m, nil
}

// jsonObject checks that b is a JSON object (an empty frame counts as {})
// and returns a private copy.
func jsonObject(b []byte) (json.RawMessage, error) {
	t := bytes.TrimSpace(b)
	if len(t) == 0 {
		return json.RawMessage("{}"), nil
	}
	if t[0] != '{' || !json.Valid(t) {
		return nil, errors.New("not a JSON object")
	}
	return append(json.RawMessage(nil), t...), nil
}

// Encode returns the frames of m, signed with s. Nil Parent/Metadata/Content
// are sent as {}.
func Encode(m *Message, s *Signer) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, err
	}
	obj := func(r json.RawMessage) []byte {
		if len(bytes.TrimSpace(r)) == 0 || string(r) == "null" {
			return []byte("{}")
		}
		return r
	}
	parent, metadata, content := obj(m.Parent), obj(m.Metadata), obj(m.Content)
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter), []byte(s.Sign(header, parent, metadata, content)), header, parent, metadata, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// newHeader returns a fresh header of the given type for session.
func newHeader(msgType, session string) Header {
	return Header{
		MsgID:    newID(),
		Session:  session,
		Username: "relucad",
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}
