package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/relucad/relucad/kernel/rich"
)

// Version is the kernel's implementation version.
const Version = "0.1.0"

// Config configures a Kernel.
type Config struct {
	// Conn holds the endpoints and key from the connection file.
	Conn *ConnectionInfo
	// Log receives diagnostics (rejected messages, unknown types); nil
	// means os.Stderr.
	Log io.Writer
	// HandleSIGINT makes SIGINT interrupt the running cell instead of
	// killing the process (for frontends in interrupt_mode "signal").
	HandleSIGINT bool
	// Magics are the %/%% commands available in cells; nil means
	// DefaultMagics().
	Magics *Magics
}

// Kernel is a Jupyter kernel serving Go cells. Create it with New and
// serve with Run.
type Kernel struct {
	cfg     Config
	signer  *Signer
	session string
	log     *log.Logger
	eval    *Evaluator
	magics  *Magics

	shell, control, stdin, iopub, hb   zmq4.Socket
	shellMu, controlMu, stdinMu, pubMu sync.Mutex

	stdinReplies chan *Message

	stateMu sync.Mutex // guards count, history, comms
	count   int
	history []histEntry
	comms   map[string]string

	execMu     sync.Mutex
	execCancel context.CancelFunc // cancels the running cell, nil when idle

	shutdownOnce sync.Once
	shutdownCh   chan bool // carries the restart flag

	startOnce sync.Once
}

type histEntry struct {
	line   int
	input  string
	output string
}

// New prepares a kernel: it checks the configuration and starts the
// interpreter. Sockets are opened by Run.
func New(cfg Config) (*Kernel, error) {
	if cfg.Conn == nil {
		return nil, errors.New("kernel: no connection info")
	}
	signer, err := NewSigner(cfg.Conn.SignatureScheme, []byte(cfg.Conn.Key))
	if err != nil {
		return nil, err
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	ev, err := NewEvaluator()
	if err != nil {
		return nil, err
	}
	m := cfg.Magics
	if m == nil {
		m = DefaultMagics()
	}
	if !m.has("%who") {
		m.Register(Magic{Name: "who", Doc: "list the names declared by cells", Run: func(context.Context, string, string, Output) (*rich.Bundle, error) {
			text := ev.who()
			b := rich.Bundle{Data: map[string]any{"text/plain": text}, Metadata: map[string]any{}}
			return &b, nil
		}})
	}
	return &Kernel{
		cfg:          cfg,
		signer:       signer,
		session:      newID(),
		log:          log.New(cfg.Log, "relucad kernel: ", log.LstdFlags),
		eval:         ev,
		magics:       m,
		stdinReplies: make(chan *Message, 8),
		comms:        map[string]string{},
		shutdownCh:   make(chan bool, 1),
	}, nil
}

// Evaluator returns the kernel's interpreter (for embedding and tests).
func (k *Kernel) Evaluator() *Evaluator { return k.eval }

// Run binds the five sockets and serves until a shutdown_request arrives or
// ctx is cancelled. It returns the restart flag of the shutdown request.
// Run may be called once.
func (k *Kernel) Run(ctx context.Context) (restart bool, err error) {
	started := false
	k.startOnce.Do(func() { started = true })
	if !started {
		return false, errors.New("kernel: Run called twice")
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ci := k.cfg.Conn
	k.shell = zmq4.NewRouter(sctx, zmq4.WithTimeout(10*time.Second))
	k.control = zmq4.NewRouter(sctx, zmq4.WithTimeout(10*time.Second))
	k.stdin = zmq4.NewRouter(sctx, zmq4.WithTimeout(10*time.Second))
	k.iopub = zmq4.NewPub(sctx, zmq4.WithTimeout(10*time.Second))
	k.hb = zmq4.NewRep(sctx, zmq4.WithTimeout(10*time.Second))
	socks := []struct {
		s    zmq4.Socket
		port int
		name string
	}{{k.shell, ci.ShellPort, "shell"}, {k.control, ci.ControlPort, "control"}, {k.stdin, ci.StdinPort, "stdin"}, {k.iopub, ci.IOPubPort, "iopub"}, {k.hb, ci.HBPort, "heartbeat"}}
	closeAll := func() {
		for _, s := range socks {
			s.s.Close()
		}
	}
	for _, s := range socks {
		if err := s.s.Listen(ci.endpoint(s.port)); err != nil {
			cancel()
			closeAll()
			return false, fmt.Errorf("kernel: %s socket: %w", s.name, err)
		}
	}

	var wg sync.WaitGroup
	shellCh := make(chan *Message, 64)
	goLoop := func(f func()) {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	goLoop(func() { k.heartbeat(sctx) })
	goLoop(func() {
		k.recvLoop(sctx, k.shell, "shell", func(m *Message) {
			select {
			case shellCh <- m:
			case <-sctx.Done(): // shutting down; the worker is gone
			}
		})
	})
	goLoop(func() {
		k.recvLoop(sctx, k.control, "control", func(m *Message) { k.handle(k.control, &k.controlMu, m) })
	})
	goLoop(func() {
		k.recvLoop(sctx, k.stdin, "stdin", func(m *Message) {
			select {
			case k.stdinReplies <- m:
			default:
				k.log.Printf("stdin: dropping unexpected %s", m.Header.MsgType)
			}
		})
	})
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		for {
			select {
			case <-sctx.Done():
				return
			case m := <-shellCh:
				k.handleShell(m, shellCh)
			}
		}
	}()
	if k.cfg.HandleSIGINT {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		defer signal.Stop(sig)
		goLoop(func() {
			for {
				select {
				case <-sctx.Done():
					return
				case <-sig:
					k.log.Printf("SIGINT: interrupting the running cell")
					k.interrupt()
				}
			}
		})
	}
	k.log.Printf("relucad kernel %s (protocol %s) serving %s on %s ports shell %d, iopub %d, stdin %d, control %d, hb %d",
		Version, ProtocolVersion, ci.Transport, ci.IP, ci.ShellPort, ci.IOPubPort, ci.StdinPort, ci.ControlPort, ci.HBPort)
	k.publish(nil, "status", map[string]any{"execution_state": "starting"})

	select {
	case <-ctx.Done():
	case restart = <-k.shutdownCh:
	}
	// Stop the running cell, then the sockets; the loops end when their
	// sockets close.
	k.interrupt()
	cancel()
	<-workerDone
	closeAll()
	wg.Wait()
	return restart, nil
}

// recvLoop decodes messages from s and hands valid ones to f. Malformed or
// badly signed messages are logged and dropped; the loop ends when the
// socket is closed.
func (k *Kernel) recvLoop(ctx context.Context, s zmq4.Socket, name string, f func(*Message)) {
	for {
		raw, err := s.Recv()
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			k.log.Printf("%s: receive: %v", name, err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
			continue
		}
		m, err := Decode(raw.Frames, k.signer)
		if err != nil {
			k.log.Printf("%s: rejected message: %v", name, err)
			continue
		}
		f(m)
	}
}

func (k *Kernel) heartbeat(ctx context.Context) {
	for {
		m, err := k.hb.Recv()
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			continue
		}
		if err := k.hb.Send(m); err != nil && ctx.Err() == nil {
			k.log.Printf("heartbeat: %v", err)
		}
	}
}

// send encodes and sends a message on a ROUTER socket.
func (k *Kernel) send(s zmq4.Socket, mu *sync.Mutex, m *Message) {
	frames, err := Encode(m, k.signer)
	if err != nil {
		k.log.Printf("encode %s: %v", m.Header.MsgType, err)
		return
	}
	mu.Lock()
	defer mu.Unlock()
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		k.log.Printf("send %s: %v", m.Header.MsgType, err)
	}
}

// reply answers request req on the socket it came from.
func (k *Kernel) reply(s zmq4.Socket, mu *sync.Mutex, req *Message, msgType string, content any) {
	c, err := json.Marshal(content)
	if err != nil {
		k.log.Printf("marshal %s: %v", msgType, err)
		return
	}
	k.send(s, mu, &Message{Identities: req.Identities, Header: newHeader(msgType, k.session), Parent: req.RawHeader, Content: c})
}

// publish broadcasts on IOPub with parent as the parent header (nil: none).
func (k *Kernel) publish(parent *Message, msgType string, content any) {
	c, err := json.Marshal(content)
	if err != nil {
		k.log.Printf("marshal %s: %v", msgType, err)
		return
	}
	m := &Message{Identities: [][]byte{[]byte(msgType)}, Header: newHeader(msgType, k.session), Content: c}
	if parent != nil {
		m.Parent = parent.RawHeader
	}
	frames, err := Encode(m, k.signer)
	if err != nil {
		k.log.Printf("encode %s: %v", msgType, err)
		return
	}
	k.pubMu.Lock()
	defer k.pubMu.Unlock()
	if err := k.iopub.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		k.log.Printf("publish %s: %v", msgType, err)
	}
}

func (k *Kernel) status(parent *Message, state string) {
	k.publish(parent, "status", map[string]any{"execution_state": state})
}

// handleShell serves one shell message on the shell worker.
func (k *Kernel) handleShell(m *Message, queue chan *Message) {
	if m.Header.MsgType != "execute_request" {
		k.handle(k.shell, &k.shellMu, m)
		return
	}
	k.status(m, "busy")
	var queued []*Message
	k.execute(m, func() {
		// Called just before the error reply: the requests queued at
		// this moment were sent behind the failed cell.
		for {
			select {
			case q := <-queue:
				queued = append(queued, q)
				continue
			default:
			}
			return
		}
	})
	k.status(m, "idle")
	for _, q := range queued {
		if q.Header.MsgType != "execute_request" {
			k.handle(k.shell, &k.shellMu, q)
			continue
		}
		k.status(q, "busy")
		k.reply(k.shell, &k.shellMu, q, "execute_reply", map[string]any{
			"status": "error", "execution_count": k.counter(), "ename": "Aborted",
			"evalue": "not run because an earlier cell failed", "traceback": []string{"Aborted: not run because an earlier cell failed"},
			"user_expressions": map[string]any{}, "payload": []any{},
		})
		k.status(q, "idle")
	}
}

// handle serves every request except execute, on shell or control.
func (k *Kernel) handle(s zmq4.Socket, mu *sync.Mutex, m *Message) {
	k.status(m, "busy")
	defer k.status(m, "idle")
	switch m.Header.MsgType {
	case "kernel_info_request":
		k.reply(s, mu, m, "kernel_info_reply", k.kernelInfo())
	case "complete_request":
		k.reply(s, mu, m, "complete_reply", k.complete(m))
	case "inspect_request":
		k.reply(s, mu, m, "inspect_reply", k.inspect(m))
	case "is_complete_request":
		var c struct {
			Code string `json:"code"`
		}
		if !k.content(s, mu, m, &c) {
			return
		}
		st, indent := completeness(c.Code)
		r := map[string]any{"status": st}
		if st == "incomplete" {
			r["indent"] = indent
		}
		k.reply(s, mu, m, "is_complete_reply", r)
	case "history_request":
		k.reply(s, mu, m, "history_reply", k.historyReply(m))
	case "comm_info_request":
		k.reply(s, mu, m, "comm_info_reply", k.commInfo(m))
	case "comm_open":
		var c struct {
			CommID     string `json:"comm_id"`
			TargetName string `json:"target_name"`
		}
		if json.Unmarshal(m.Content, &c) == nil && c.CommID != "" {
			// No comm targets are registered: refuse by closing (spec).
			k.publish(m, "comm_close", map[string]any{"comm_id": c.CommID, "data": map[string]any{}})
			k.log.Printf("comm_open for unknown target %q: closed", c.TargetName)
		}
	case "comm_msg", "comm_close":
		// No comms are ever open; nothing to do.
	case "shutdown_request":
		var c struct {
			Restart bool `json:"restart"`
		}
		_ = json.Unmarshal(m.Content, &c)
		r := map[string]any{"status": "ok", "restart": c.Restart}
		k.reply(s, mu, m, "shutdown_reply", r)
		k.publish(m, "shutdown_reply", r)
		k.shutdownOnce.Do(func() { k.shutdownCh <- c.Restart })
	case "connect_request": // deprecated, still answered
		ci := k.cfg.Conn
		k.reply(s, mu, m, "connect_reply", map[string]any{"status": "ok", "shell_port": ci.ShellPort, "iopub_port": ci.IOPubPort,
			"stdin_port": ci.StdinPort, "control_port": ci.ControlPort, "hb_port": ci.HBPort})
	case "interrupt_request":
		k.interrupt()
		k.reply(s, mu, m, "interrupt_reply", map[string]any{"status": "ok"})
	default:
		k.log.Printf("ignoring unknown message type %q", m.Header.MsgType)
	}
}

// content decodes the request content into v; on failure it sends an error
// reply and returns false.
func (k *Kernel) content(s zmq4.Socket, mu *sync.Mutex, m *Message, v any) bool {
	if err := json.Unmarshal(m.Content, v); err != nil {
		t := m.Header.MsgType
		if len(t) > 8 && t[len(t)-8:] == "_request" {
			t = t[:len(t)-8] + "_reply"
		}
		k.reply(s, mu, m, t, errorContent("BadRequest", "content: "+err.Error()))
		return false
	}
	return true
}

func errorContent(ename, evalue string) map[string]any {
	return map[string]any{"status": "error", "ename": ename, "evalue": evalue, "traceback": []string{ename + ": " + evalue}}
}

// interrupt cancels the running cell, if any.
func (k *Kernel) interrupt() {
	k.execMu.Lock()
	defer k.execMu.Unlock()
	if k.execCancel != nil {
		k.execCancel()
	}
}

func (k *Kernel) kernelInfo() map[string]any {
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         "relucad",
		"implementation_version": Version,
		"language_info": map[string]any{
			"name":               "go",
			"version":            runtime.Version(),
			"mimetype":           "text/x-go",
			"file_extension":     ".go",
			"pygments_lexer":     "go",
			"codemirror_mode":    "go",
			"nbconvert_exporter": "script",
		},
		"banner":     "relucad " + Version + " — Go cells (yaegi) with the exact polynomial, semialgebraic and ReLU engine preloaded",
		"help_links": []any{},
		"debugger":   false,
	}
}

func (k *Kernel) commInfo(m *Message) map[string]any {
	return map[string]any{"status": "ok", "comms": map[string]any{}}
}
