package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// The protocol test runs a real kernel in-process on ephemeral loopback
// ports and talks to it with zmq4 DEALER/SUB/REQ sockets, like a frontend.

const testKey = "3f8e2c1a-relucad-test-key"

// freePorts returns n distinct free loopback ports (there is a small window
// in which another process could take one; the kernel then fails to bind
// and the test reports it).
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ls []net.Listener
	var ports []int
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

type client struct {
	t       testing.TB
	signer  *Signer
	session string
	shell   zmq4.Socket
	control zmq4.Socket
	stdin   zmq4.Socket
	iopub   zmq4.Socket
	hb      zmq4.Socket
	// decoded messages per channel
	shellIn, controlIn, stdinIn, iopubIn chan *Message
	wg                                   sync.WaitGroup
	cancel                               context.CancelFunc
	closeOnce                            sync.Once
}

type testKernel struct {
	k        *Kernel
	c        *client
	ci       *ConnectionInfo
	done     chan struct{}
	restart  bool
	runErr   error
	log      *syncBuffer
	stopOnce sync.Once
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startKernel writes a connection file, starts the kernel and connects a
// client; it waits until kernel_info round-trips with its IOPub status.
func startKernel(t testing.TB) *testKernel {
	t.Helper()
	p := freePorts(t, 5)
	conn := fmt.Sprintf(`{"transport":"tcp","ip":"127.0.0.1","shell_port":%d,"iopub_port":%d,"stdin_port":%d,"control_port":%d,"hb_port":%d,"key":%q,"signature_scheme":"hmac-sha256","kernel_name":"relucad"}`,
		p[0], p[1], p[2], p[3], p[4], testKey)
	return startKernelConn(t, conn)
}

// startKernelConn starts a kernel from the given connection-file content.
func startKernelConn(t testing.TB, conn string) *testKernel {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kernel-test.json")
	if err := os.WriteFile(path, []byte(conn), 0o600); err != nil {
		t.Fatal(err)
	}
	ci, err := ReadConnectionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	logBuf := &syncBuffer{}
	k, err := New(Config{Conn: ci, Log: logBuf})
	if err != nil {
		t.Fatal(err)
	}
	k.eval.abandonGrace = 300 * time.Millisecond
	tk := &testKernel{k: k, ci: ci, done: make(chan struct{}), log: logBuf}
	go func() {
		defer close(tk.done)
		tk.restart, tk.runErr = k.Run(context.Background())
	}()
	tk.c = dial(t, ci)
	t.Cleanup(tk.stop)
	// Ready when a kernel_info reply and its IOPub status both arrive
	// (the PUB socket drops messages until the subscription is through).
	deadline := time.Now().Add(15 * time.Second)
	for {
		id := tk.c.send(tk.c.shell, "kernel_info_request", map[string]any{})
		if r := tk.c.wait(tk.c.shellIn, id, 2*time.Second); r != nil && tk.c.waitIOPub(id, "status", 300*time.Millisecond) != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("kernel not ready (no kernel_info_reply with its IOPub status); log:\n%s", logBuf.String())
		}
	}
	tk.c.drainIOPub()
	return tk
}

// stop shuts the kernel down through control (if it is still running),
// waits for Run to return and closes the client. It is idempotent.
func (tk *testKernel) stop() {
	tk.stopOnce.Do(func() {
		select {
		case <-tk.done:
		default:
			tk.c.send(tk.c.control, "shutdown_request", map[string]any{"restart": false})
			select {
			case <-tk.done:
			case <-time.After(10 * time.Second):
				tk.c.t.Error("kernel did not shut down")
			}
		}
		tk.c.close()
	})
}

func dial(t testing.TB, ci *ConnectionInfo) *client {
	ctx, cancel := context.WithCancel(context.Background())
	s, _ := NewSigner(ci.SignatureScheme, []byte(ci.Key))
	session := newID()
	id := zmq4.SocketIdentity(session)
	c := &client{
		t: t, signer: s, session: session, cancel: cancel,
		shell:   zmq4.NewDealer(ctx, zmq4.WithID(id)),
		control: zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity(session+"-control"))),
		stdin:   zmq4.NewDealer(ctx, zmq4.WithID(id)),
		iopub:   zmq4.NewSub(ctx),
		hb:      zmq4.NewReq(ctx),
		shellIn: make(chan *Message, 100), controlIn: make(chan *Message, 100),
		stdinIn: make(chan *Message, 100), iopubIn: make(chan *Message, 1000),
	}
	for _, d := range []struct {
		s    zmq4.Socket
		port int
	}{{c.shell, ci.ShellPort}, {c.control, ci.ControlPort}, {c.stdin, ci.StdinPort}, {c.iopub, ci.IOPubPort}, {c.hb, ci.HBPort}} {
		if err := d.s.Dial(ci.endpoint(d.port)); err != nil {
			t.Fatalf("dial %d: %v", d.port, err)
		}
	}
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		s  zmq4.Socket
		ch chan *Message
	}{{c.shell, c.shellIn}, {c.control, c.controlIn}, {c.stdin, c.stdinIn}, {c.iopub, c.iopubIn}} {
		c.wg.Add(1)
		go func(s zmq4.Socket, ch chan *Message) {
			defer c.wg.Done()
			for {
				raw, err := s.Recv()
				if err != nil {
					return
				}
				m, err := Decode(raw.Frames, c.signer)
				if err != nil {
					t.Errorf("client received a bad message: %v", err)
					continue
				}
				select {
				case ch <- m:
				case <-ctx.Done():
					return
				}
			}
		}(r.s, r.ch)
	}
	return c
}

func (c *client) close() {
	c.closeOnce.Do(func() {
		c.cancel()
		for _, s := range []zmq4.Socket{c.shell, c.control, c.stdin, c.iopub, c.hb} {
			s.Close()
		}
		c.wg.Wait()
	})
}

func (c *client) message(msgType string, content any) *Message {
	b, err := json.Marshal(content)
	if err != nil {
		c.t.Fatal(err)
	}
	h := newHeader(msgType, c.session)
	h.Username = "test"
	return &Message{Header: h, Content: b}
}

// send signs and sends a request and returns its msg_id.
func (c *client) send(s zmq4.Socket, msgType string, content any) string {
	m := c.message(msgType, content)
	frames, err := Encode(m, c.signer)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatal(err)
	}
	return m.Header.MsgID
}

func parentID(m *Message) string {
	var h struct {
		MsgID string `json:"msg_id"`
	}
	json.Unmarshal(m.Parent, &h)
	return h.MsgID
}

// wait returns the next message on ch whose parent is id (others dropped).
func (c *client) wait(ch chan *Message, id string, d time.Duration) *Message {
	timeout := time.After(d)
	for {
		select {
		case m := <-ch:
			if parentID(m) == id {
				return m
			}
		case <-timeout:
			return nil
		}
	}
}

func (c *client) waitIOPub(id, msgType string, d time.Duration) *Message {
	timeout := time.After(d)
	for {
		select {
		case m := <-c.iopubIn:
			if parentID(m) == id && m.Header.MsgType == msgType {
				return m
			}
		case <-timeout:
			return nil
		}
	}
}

func (c *client) drainIOPub() {
	for {
		select {
		case <-c.iopubIn:
		case <-time.After(100 * time.Millisecond):
			return
		}
	}
}

// collect returns the IOPub messages of request id up to and including its
// idle status.
func (c *client) collect(id string, d time.Duration) []*Message {
	var out []*Message
	timeout := time.After(d)
	for {
		select {
		case m := <-c.iopubIn:
			if parentID(m) != id {
				continue
			}
			out = append(out, m)
			if m.Header.MsgType == "status" && strings.Contains(string(m.Content), `"idle"`) {
				return out
			}
		case <-timeout:
			c.t.Errorf("no idle for %s; got %d messages", id, len(out))
			return out
		}
	}
}

func content(t testing.TB, m *Message) map[string]any {
	t.Helper()
	if m == nil {
		t.Fatal("no message (timed out)")
	}
	var v map[string]any
	if err := json.Unmarshal(m.Content, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

type execResult struct {
	reply map[string]any
	iopub []*Message
}

func (r execResult) types() []string {
	var s []string
	for _, m := range r.iopub {
		s = append(s, m.Header.MsgType)
	}
	return s
}

func (r execResult) find(msgType string) map[string]any {
	for _, m := range r.iopub {
		if m.Header.MsgType == msgType {
			var v map[string]any
			json.Unmarshal(m.Content, &v)
			return v
		}
	}
	return nil
}

func (r execResult) stream(name string) string {
	var b strings.Builder
	for _, m := range r.iopub {
		if m.Header.MsgType == "stream" {
			var v struct{ Name, Text string }
			json.Unmarshal(m.Content, &v)
			if v.Name == name {
				b.WriteString(v.Text)
			}
		}
	}
	return b.String()
}

func (tk *testKernel) execute(t testing.TB, code string, extra map[string]any) execResult {
	t.Helper()
	req := map[string]any{"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}
	for k, v := range extra {
		req[k] = v
	}
	id := tk.c.send(tk.c.shell, "execute_request", req)
	rep := tk.c.wait(tk.c.shellIn, id, 20*time.Second)
	if rep == nil {
		t.Fatalf("no execute_reply for %q; log:\n%s", code, tk.log.String())
	}
	if rep.Header.MsgType != "execute_reply" {
		t.Fatalf("reply type %s", rep.Header.MsgType)
	}
	return execResult{reply: content(t, rep), iopub: tk.c.collect(id, 10*time.Second)}
}

// TestProtocol replays a table of cells and requests against one kernel.
func TestProtocol(t *testing.T) {
	tk := startKernel(t)
	c := tk.c

	t.Run("kernel_info", func(t *testing.T) {
		id := c.send(c.shell, "kernel_info_request", map[string]any{})
		r := content(t, c.wait(c.shellIn, id, 5*time.Second))
		li, _ := r["language_info"].(map[string]any)
		if r["status"] != "ok" || r["protocol_version"] != ProtocolVersion || li["name"] != "go" || li["file_extension"] != ".go" {
			t.Errorf("kernel_info_reply %v", r)
		}
		st := c.collect(id, 5*time.Second)
		if len(st) < 2 || !strings.Contains(string(st[0].Content), "busy") {
			t.Errorf("status around kernel_info: %v", st)
		}
	})

	// Cells: code → expected reply status, text/plain result, stdout.
	cells := []struct {
		code, status, result, stdout, ename string
	}{
		{"x := 40", "ok", "", "", ""},
		{"x + 2", "ok", "42", "", ""},
		{`fmt.Println("hello, world")`, "ok", "", "hello, world\n", ""},
		{"func f() int { var a []int; return a[1] }\nf()", "error", "", "", "RuntimeError"},
		{"x", "ok", "40", "", ""},
		{"y := ", "error", "", "", "CompileError"},
		{"big.NewRat(1, 3)", "ok", "1/3", "", ""},
	}
	for _, cell := range cells {
		r := tk.execute(t, cell.code, nil)
		if r.reply["status"] != cell.status {
			t.Errorf("%q: status %v (%v)", cell.code, r.reply["status"], r.reply)
			continue
		}
		ty := r.types()
		if len(ty) < 3 || ty[0] != "status" || ty[1] != "execute_input" || ty[len(ty)-1] != "status" {
			t.Errorf("%q: IOPub sequence %v", cell.code, ty)
		}
		if cell.status == "error" {
			e := r.find("error")
			tb, ok := r.reply["traceback"].([]any)
			if e == nil || !ok || len(tb) == 0 || r.reply["ename"] != cell.ename {
				t.Errorf("%q: error reply %v / iopub %v", cell.code, r.reply, e)
			}
			if n := len(ty); n != 4 {
				t.Errorf("%q: want exactly busy, execute_input, error, idle; got %v", cell.code, ty)
			}
			continue
		}
		got := ""
		if er := r.find("execute_result"); er != nil {
			got, _ = er["data"].(map[string]any)["text/plain"].(string)
		}
		if got != cell.result || r.stream("stdout") != cell.stdout {
			t.Errorf("%q: result %q stdout %q, want %q %q", cell.code, got, r.stream("stdout"), cell.result, cell.stdout)
		}
	}

	t.Run("execution_count", func(t *testing.T) {
		a := tk.execute(t, "1", nil)
		b := tk.execute(t, "2", map[string]any{"store_history": false})
		s := tk.execute(t, "3", map[string]any{"silent": true})
		d := tk.execute(t, "4", nil)
		na, nb, nd := a.reply["execution_count"].(float64), b.reply["execution_count"].(float64), d.reply["execution_count"].(float64)
		if nb != na || nd != na+1 {
			t.Errorf("counts %v %v %v", na, nb, nd)
		}
		if ty := s.types(); len(ty) != 2 {
			t.Errorf("silent execution published %v", ty)
		}
	})

	t.Run("display", func(t *testing.T) {
		r := tk.execute(t, "type L struct{}\nfunc (L) LaTeX() string { return `x^2` }\ndisplay(L{})\nh := newDisplay(\"0%\")\nh.Update(\"100%\")", nil)
		dd, ud := r.find("display_data"), r.find("update_display_data")
		if dd == nil || dd["data"].(map[string]any)["text/latex"] != "$x^2$" {
			t.Errorf("display_data %v", dd)
		}
		if ud == nil || ud["transient"].(map[string]any)["display_id"] == "" {
			t.Errorf("update_display_data %v", ud)
		}
	})

	t.Run("bad messages", func(t *testing.T) {
		// Forged signature, truncated frames, invalid JSON: all dropped.
		m := c.message("kernel_info_request", map[string]any{})
		frames, _ := Encode(m, c.signer)
		frames[1] = []byte(strings.Repeat("0", 64))
		c.shell.SendMulti(zmq4.NewMsgFrom(frames...))
		unsigned := c.message("kernel_info_request", map[string]any{})
		uf, _ := Encode(unsigned, &Signer{}) // missing signature
		c.shell.SendMulti(zmq4.NewMsgFrom(uf...))
		c.shell.SendMulti(zmq4.NewMsgFrom([]byte(Delimiter), []byte("x")))
		c.shell.SendMulti(zmq4.NewMsgFrom([]byte("no delimiter")))
		h, _ := json.Marshal(newHeader("kernel_info_request", "s"))
		c.shell.SendMulti(zmq4.NewMsgFrom([]byte(Delimiter), []byte(c.signer.Sign(h, []byte("{}"), []byte("{}"), []byte("{nope"))), h, []byte("{}"), []byte("{}"), []byte("{nope")))
		if r := c.wait(c.shellIn, m.Header.MsgID, 300*time.Millisecond); r != nil {
			t.Fatal("forged message was answered")
		}
		if r := c.wait(c.shellIn, unsigned.Header.MsgID, 100*time.Millisecond); r != nil {
			t.Fatal("unsigned message was answered")
		}
		id := c.send(c.shell, "kernel_info_request", map[string]any{})
		if c.wait(c.shellIn, id, 5*time.Second) == nil {
			t.Fatal("kernel stopped answering after bad messages")
		}
		for _, want := range []string{"signature", "delimiter", "frames after", "content"} {
			if !strings.Contains(tk.log.String(), want) {
				t.Errorf("log does not mention %q:\n%s", want, tk.log.String())
			}
		}
		// An unknown message type is ignored, not fatal.
		c.send(c.shell, "no_such_request", map[string]any{})
		id = c.send(c.shell, "kernel_info_request", map[string]any{})
		if c.wait(c.shellIn, id, 5*time.Second) == nil {
			t.Fatal("kernel stopped answering after an unknown type")
		}
	})

	t.Run("complete", func(t *testing.T) {
		code := "s := \"𝔽≤\"; fmt.Prin"
		id := c.send(c.shell, "complete_request", map[string]any{"code": code, "cursor_pos": len([]rune(code))})
		r := content(t, c.wait(c.shellIn, id, 5*time.Second))
		ms := fmt.Sprint(r["matches"])
		if r["status"] != "ok" || !strings.Contains(ms, "Println") || !strings.Contains(ms, "Printf") {
			t.Errorf("complete_reply %v", r)
		}
		// cursor_start in code points: the identifier starts after "fmt.".
		if r["cursor_start"] != float64(len([]rune(code))-4) || r["cursor_end"] != float64(len([]rune(code))) {
			t.Errorf("cursor %v..%v", r["cursor_start"], r["cursor_end"])
		}
		id = c.send(c.shell, "complete_request", map[string]any{"code": "zzzq", "cursor_pos": 4})
		r = content(t, c.wait(c.shellIn, id, 5*time.Second))
		if r["status"] != "ok" || fmt.Sprint(r["matches"]) != "[]" {
			t.Errorf("no-match complete_reply %v", r)
		}
	})

	t.Run("inspect", func(t *testing.T) {
		id := c.send(c.shell, "inspect_request", map[string]any{"code": "fmt.Println", "cursor_pos": 6, "detail_level": 0})
		r := content(t, c.wait(c.shellIn, id, 5*time.Second))
		if r["found"] != true || !strings.Contains(fmt.Sprint(r["data"]), "func fmt.Println(") {
			t.Errorf("inspect_reply %v", r)
		}
	})

	t.Run("is_complete", func(t *testing.T) {
		for code, want := range map[string]string{"func f() {": "incomplete", "x := 1": "complete", "x := )": "invalid"} {
			id := c.send(c.shell, "is_complete_request", map[string]any{"code": code})
			r := content(t, c.wait(c.shellIn, id, 5*time.Second))
			if r["status"] != want {
				t.Errorf("is_complete(%q) = %v, want %s", code, r, want)
			}
		}
	})

	t.Run("history", func(t *testing.T) {
		id := c.send(c.shell, "history_request", map[string]any{"output": true, "raw": true, "hist_access_type": "tail", "n": 2})
		r := content(t, c.wait(c.shellIn, id, 5*time.Second))
		h, _ := r["history"].([]any)
		if r["status"] != "ok" || len(h) != 2 {
			t.Fatalf("history_reply %v", r)
		}
		e := h[1].([]any)
		if len(e) != 3 || len(e[2].([]any)) != 2 {
			t.Errorf("history entry %v", e)
		}
	})

	t.Run("large output", func(t *testing.T) {
		r := tk.execute(t, "for i := 0; i < 20000; i++ {\n\tfmt.Println(i)\n}", nil)
		var want strings.Builder
		for i := 0; i < 20000; i++ {
			fmt.Fprintln(&want, i)
		}
		n := 0
		for _, m := range r.iopub {
			if m.Header.MsgType == "stream" {
				n++
			}
		}
		if got := r.stream("stdout"); got != want.String() || n < 2 {
			t.Errorf("large output: %d bytes in %d stream messages, want %d bytes in several", len(got), n, want.Len())
		}
	})

	t.Run("more requests", func(t *testing.T) {
		r := tk.execute(t, "clearOutput(true)", map[string]any{"user_expressions": map[string]any{"a": "x * 2", "b": "nope("}})
		ue, _ := r.reply["user_expressions"].(map[string]any)
		a, _ := ue["a"].(map[string]any)
		b, _ := ue["b"].(map[string]any)
		if a["status"] != "ok" || a["data"].(map[string]any)["text/plain"] != "80" || b["status"] != "error" {
			t.Errorf("user_expressions %v", ue)
		}
		if co := r.find("clear_output"); co == nil || co["wait"] != true {
			t.Errorf("clear_output %v", r.types())
		}
		// history: range and glob search (inputs of this test's cells).
		id := c.send(c.shell, "history_request", map[string]any{"output": false, "raw": true, "hist_access_type": "range", "session": 0, "start": 1, "stop": 3})
		h := content(t, c.wait(c.shellIn, id, 5*time.Second))["history"].([]any)
		if len(h) != 2 || h[0].([]any)[2] != "x := 40" {
			t.Errorf("history range %v", h)
		}
		id = c.send(c.shell, "history_request", map[string]any{"output": false, "raw": true, "hist_access_type": "search", "pattern": "x +*", "n": 10, "unique": true})
		h = content(t, c.wait(c.shellIn, id, 5*time.Second))["history"].([]any)
		if len(h) != 1 || h[0].([]any)[2] != "x + 2" {
			t.Errorf("history search %v", h)
		}
		// kernel_info and connect on control; a request with a malformed
		// field gets an error reply.
		id = c.send(c.control, "kernel_info_request", map[string]any{})
		if r := c.wait(c.controlIn, id, 5*time.Second); r == nil || r.Header.MsgType != "kernel_info_reply" {
			t.Errorf("kernel_info on control: %v", r)
		}
		id = c.send(c.shell, "connect_request", map[string]any{})
		if r := content(t, c.wait(c.shellIn, id, 5*time.Second)); r["shell_port"] != float64(tk.ci.ShellPort) {
			t.Errorf("connect_reply %v", r)
		}
		id = c.send(c.shell, "is_complete_request", map[string]any{"code": 5})
		if r := content(t, c.wait(c.shellIn, id, 5*time.Second)); r["status"] != "error" || r["ename"] != "BadRequest" {
			t.Errorf("bad content reply %v", r)
		}
		c.drainIOPub()
	})

	t.Run("comms", func(t *testing.T) {
		id := c.send(c.shell, "comm_info_request", map[string]any{})
		r := content(t, c.wait(c.shellIn, id, 5*time.Second))
		if r["status"] != "ok" {
			t.Errorf("comm_info_reply %v", r)
		}
		id = c.send(c.shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "nope", "data": map[string]any{}})
		if m := c.waitIOPub(id, "comm_close", 5*time.Second); m == nil {
			t.Error("comm_open for an unknown target was not closed")
		}
	})

	t.Run("stdin", func(t *testing.T) {
		req := map[string]any{"code": `"hi " + input("name? ")`, "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": true, "stop_on_error": true}
		id := c.send(c.shell, "execute_request", req)
		ir := c.wait(c.stdinIn, id, 10*time.Second)
		if ir == nil || ir.Header.MsgType != "input_request" || content(t, ir)["prompt"] != "name? " {
			t.Fatalf("input_request %v", ir)
		}
		m := c.message("input_reply", map[string]any{"value": "Ada"})
		m.Parent = ir.RawHeader
		frames, _ := Encode(m, c.signer)
		c.stdin.SendMulti(zmq4.NewMsgFrom(frames...))
		rep := c.wait(c.shellIn, id, 10*time.Second)
		res := execResult{reply: content(t, rep), iopub: c.collect(id, 5*time.Second)}
		if er := res.find("execute_result"); er == nil || er["data"].(map[string]any)["text/plain"] != `"hi Ada"` {
			t.Errorf("after input: %v %v", res.reply, res.types())
		}
	})

	t.Run("stop_on_error", func(t *testing.T) {
		base := map[string]any{"silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}
		with := func(code string) map[string]any {
			m := map[string]any{"code": code}
			for k, v := range base {
				m[k] = v
			}
			return m
		}
		id1 := c.send(c.shell, "execute_request", with("import \"time\"\ntime.Sleep(500 * time.Millisecond)\npanic(\"first fails\")"))
		id2 := c.send(c.shell, "execute_request", with("x"))
		r1 := content(t, c.wait(c.shellIn, id1, 20*time.Second))
		r2 := content(t, c.wait(c.shellIn, id2, 20*time.Second))
		if r1["status"] != "error" || r2["status"] != "error" || r2["ename"] != "Aborted" {
			t.Errorf("replies %v / %v", r1, r2)
		}
		c.drainIOPub()
	})

	t.Run("interrupt", func(t *testing.T) {
		for _, code := range []string{"for {}", "for ctx.Err() == nil {}"} {
			id := c.send(c.shell, "execute_request", map[string]any{"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
			if c.waitIOPub(id, "execute_input", 5*time.Second) == nil {
				t.Fatal("cell did not start")
			}
			time.Sleep(50 * time.Millisecond)
			iid := c.send(c.control, "interrupt_request", map[string]any{})
			ir := c.wait(c.controlIn, iid, 5*time.Second)
			if ir == nil || ir.Header.MsgType != "interrupt_reply" {
				t.Fatalf("interrupt_reply on control: %v", ir)
			}
			rep := c.wait(c.shellIn, id, 10*time.Second)
			if rep == nil || content(t, rep)["ename"] != "Interrupted" {
				t.Fatalf("interrupted cell reply %v", rep)
			}
			c.collect(id, 5*time.Second)
			if r := tk.execute(t, "x + 1", nil); r.find("execute_result") == nil {
				t.Fatalf("kernel unusable after interrupt: %v", r.reply)
			}
		}
	})

	t.Run("heartbeat", func(t *testing.T) {
		if err := c.hb.Send(zmq4.NewMsgString("ping")); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			m, err := c.hb.Recv()
			if err == nil {
				got <- string(m.Bytes())
			}
		}()
		select {
		case s := <-got:
			if s != "ping" {
				t.Errorf("heartbeat echoed %q", s)
			}
		case <-time.After(5 * time.Second):
			t.Error("no heartbeat echo")
		}
	})

	t.Run("shutdown", func(t *testing.T) {
		// A long cell is running; shutdown on control still works.
		c.send(c.shell, "execute_request", map[string]any{"code": "for {}", "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
		time.Sleep(100 * time.Millisecond)
		id := c.send(c.control, "shutdown_request", map[string]any{"restart": true})
		r := c.wait(c.controlIn, id, 5*time.Second)
		if r == nil || r.Header.MsgType != "shutdown_reply" || content(t, r)["restart"] != true {
			t.Fatalf("shutdown_reply on control: %v", r)
		}
		select {
		case <-tk.done:
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not return after shutdown")
		}
		if !tk.restart || tk.runErr != nil {
			t.Errorf("Run = %v, %v; want restart true", tk.restart, tk.runErr)
		}
	})
}

// TestNoGoroutineLeak runs a kernel to shutdown and checks that none of its
// goroutines remain (zmq4's own PUB writer goroutine is a known leak of
// that library and is not ours).
func TestNoGoroutineLeak(t *testing.T) {
	tk := startKernel(t)
	tk.execute(t, "fmt.Println(1)", nil)
	id := tk.c.send(tk.c.control, "shutdown_request", map[string]any{"restart": false})
	if tk.c.wait(tk.c.controlIn, id, 5*time.Second) == nil {
		t.Fatal("no shutdown_reply")
	}
	<-tk.done
	tk.c.close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		buf := make([]byte, 1<<20)
		s := string(buf[:runtime.Stack(buf, true)])
		var ours []string
		for _, g := range strings.Split(s, "\n\n") {
			if strings.Contains(g, "relucad/kernel.(*Kernel)") {
				ours = append(ours, g)
			}
		}
		if len(ours) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d kernel goroutines left:\n%s", len(ours), strings.Join(ours, "\n\n"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestIPCTransport runs the kernel on Unix-domain sockets (transport ipc).
func TestIPCTransport(t *testing.T) {
	dir, err := os.MkdirTemp("", "rk")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	conn := fmt.Sprintf(`{"transport":"ipc","ip":%q,"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":%q,"signature_scheme":"hmac-sha256"}`,
		filepath.Join(dir, "k"), testKey)
	tk := startKernelConn(t, conn)
	if r := tk.execute(t, "6 * 7", nil); r.find("execute_result") == nil {
		t.Fatalf("execute over ipc: %v", r.reply)
	}
}

// Cancelling Run's context (SIGTERM in the command) stops the kernel
// cleanly; Run cannot be called twice; a port in use is an error.
func TestRunLifecycle(t *testing.T) {
	p := freePorts(t, 5)
	ci, err := ParseConnectionInfo([]byte(fmt.Sprintf(`{"ip":"127.0.0.1","shell_port":%d,"iopub_port":%d,"stdin_port":%d,"control_port":%d,"hb_port":%d,"key":"k"}`, p[0], p[1], p[2], p[3], p[4])))
	if err != nil {
		t.Fatal(err)
	}
	k, err := New(Config{Conn: ci, Log: &syncBuffer{}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		restart, err := k.Run(ctx)
		if restart {
			err = fmt.Errorf("restart reported")
		}
		done <- err
	}()
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p[4])); err == nil {
			c.Close() // the last socket (heartbeat) is bound
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("kernel never bound its ports")
		}
	}
	// The ports are taken: a second kernel on them fails to start.
	k2, err := New(Config{Conn: ci, Log: &syncBuffer{}})
	if err != nil {
		t.Fatal(err)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel2()
	if _, err := k2.Run(ctx2); err == nil {
		t.Error("second kernel on the same ports started")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if _, err := k.Run(context.Background()); err == nil {
		t.Error("Run twice accepted")
	}
}
