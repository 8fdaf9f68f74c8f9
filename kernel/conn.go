package kernel

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
)

// ConnectionInfo is the content of a Jupyter connection file.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	ControlPort     int    `json:"control_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name"`
}

// ReadConnectionFile reads and validates a connection file.
func ReadConnectionFile(path string) (*ConnectionInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("kernel: connection file: %w", err)
	}
	ci, err := ParseConnectionInfo(b)
	if err != nil {
		return nil, fmt.Errorf("kernel: connection file %s: %w", path, err)
	}
	return ci, nil
}

// ParseConnectionInfo decodes and validates connection-file JSON: transport
// tcp or ipc (default tcp), an ip, ports in 1..65535 for tcp, a known
// signature scheme.
func ParseConnectionInfo(b []byte) (*ConnectionInfo, error) {
	var ci ConnectionInfo
	if err := json.Unmarshal(b, &ci); err != nil {
		return nil, err
	}
	if ci.Transport == "" {
		ci.Transport = "tcp"
	}
	if ci.Transport != "tcp" && ci.Transport != "ipc" {
		return nil, fmt.Errorf("unsupported transport %q", ci.Transport)
	}
	if ci.IP == "" {
		return nil, fmt.Errorf("no ip")
	}
	if ci.Transport == "tcp" {
		for _, p := range []struct {
			name string
			port int
		}{{"shell_port", ci.ShellPort}, {"iopub_port", ci.IOPubPort}, {"stdin_port", ci.StdinPort}, {"control_port", ci.ControlPort}, {"hb_port", ci.HBPort}} {
			if p.port <= 0 || p.port > 65535 {
				return nil, fmt.Errorf("%s %d out of range 1..65535", p.name, p.port)
			}
		}
	}
	if ci.SignatureScheme == "" {
		ci.SignatureScheme = "hmac-sha256"
	}
	if _, err := NewSigner(ci.SignatureScheme, []byte(ci.Key)); err != nil {
		return nil, err
	}
	return &ci, nil
}

// endpoint returns the ZeroMQ endpoint for a port.
func (ci *ConnectionInfo) endpoint(port int) string {
	if ci.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", ci.IP, port)
	}
	return fmt.Sprintf("tcp://%s:%d", ci.IP, port)
}

// newID returns a random UUID-like identifier.
func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("kernel: crypto/rand failed: " + err.Error())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
