package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/relucad/relucad/kernel/rich"
)

// streamDelay is how long stream output is buffered before it is
// published, so that a loop printing lines sends a few messages, not
// thousands.
const streamDelay = 50 * time.Millisecond

// streamFlushSize publishes buffered stream text at once when this many
// bytes are pending.
const streamFlushSize = 64 << 10

// execute runs an execute_request and sends its reply. When the cell fails
// and the request asks to stop on error, abortQueue is called just before
// the error reply is sent.
func (k *Kernel) execute(m *Message, abortQueue func()) {
	var c struct {
		Code            string            `json:"code"`
		Silent          bool              `json:"silent"`
		StoreHistory    *bool             `json:"store_history"`
		UserExpressions map[string]string `json:"user_expressions"`
		AllowStdin      bool              `json:"allow_stdin"`
		StopOnError     *bool             `json:"stop_on_error"`
	}
	if err := json.Unmarshal(m.Content, &c); err != nil {
		r := errorContent("BadRequest", "content: "+err.Error())
		r["execution_count"] = k.counter()
		k.reply(k.shell, &k.shellMu, m, "execute_reply", r)
		return
	}
	store := !c.Silent && (c.StoreHistory == nil || *c.StoreHistory)
	stopOnError := c.StopOnError == nil || *c.StopOnError
	k.stateMu.Lock()
	if store {
		k.count++
	}
	n := k.count
	k.stateMu.Unlock()
	if !c.Silent {
		k.publish(m, "execute_input", map[string]any{"code": c.Code, "execution_count": n})
	}

	ctx, cancel := context.WithCancel(context.Background())
	k.execMu.Lock()
	k.execCancel = cancel
	k.execMu.Unlock()
	out := &cellOutput{k: k, req: m, silent: c.Silent, allowStdin: c.AllowStdin, ctx: ctx}
	b, err := k.runCell(ctx, c.Code, out)
	userExpr := k.userExpressions(ctx, c.UserExpressions)
	k.execMu.Lock()
	k.execCancel = nil
	k.execMu.Unlock()
	cancel()
	out.Flush()

	if err != nil {
		var ee *ExecError
		if !errors.As(err, &ee) {
			ee = &ExecError{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
		}
		if ee.Traceback == nil {
			ee.Traceback = []string{}
		}
		if !c.Silent {
			k.publish(m, "error", map[string]any{"ename": ee.Name, "evalue": ee.Value, "traceback": ee.Traceback})
		}
		if store {
			k.addHistory(n, c.Code, "")
		}
		if stopOnError {
			abortQueue()
		}
		k.reply(k.shell, &k.shellMu, m, "execute_reply", map[string]any{
			"status": "error", "execution_count": n, "ename": ee.Name, "evalue": ee.Value, "traceback": ee.Traceback,
			"user_expressions": userExpr, "payload": []any{},
		})
		return
	}
	output := ""
	if b != nil {
		output, _ = b.Data["text/plain"].(string)
		if !c.Silent {
			k.publish(m, "execute_result", map[string]any{"execution_count": n, "data": b.Data, "metadata": b.Metadata})
		}
	}
	if store {
		k.addHistory(n, c.Code, output)
	}
	k.reply(k.shell, &k.shellMu, m, "execute_reply", map[string]any{
		"status": "ok", "execution_count": n, "user_expressions": userExpr, "payload": []any{},
	})
}

func (k *Kernel) counter() int {
	k.stateMu.Lock()
	defer k.stateMu.Unlock()
	return k.count
}

// userExpressions evaluates the user_expressions of an execute request
// after the cell, each to a MIME bundle or an error.
func (k *Kernel) userExpressions(ctx context.Context, exprs map[string]string) map[string]any {
	out := map[string]any{}
	for name, code := range exprs {
		b, err := k.eval.Execute(ctx, code, discard{})
		switch {
		case err != nil:
			var ee *ExecError
			if errors.As(err, &ee) {
				out[name] = map[string]any{"status": "error", "ename": ee.Name, "evalue": ee.Value, "traceback": ee.Traceback}
			} else {
				out[name] = errorContent("Error", err.Error())
			}
		case b == nil:
			out[name] = map[string]any{"status": "ok", "data": map[string]any{"text/plain": ""}, "metadata": map[string]any{}}
		default:
			out[name] = map[string]any{"status": "ok", "data": b.Data, "metadata": b.Metadata}
		}
	}
	return out
}

// runCell dispatches magics and evaluates Go code.
func (k *Kernel) runCell(ctx context.Context, code string, out Output) (*rich.Bundle, error) {
	lines := strings.Split(code, "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "%%") {
		name, args := splitMagic(strings.TrimSpace(lines[i])[2:])
		body := strings.Join(lines[i+1:], "\n")
		return k.magics.run(ctx, "%%"+name, args, body, out)
	}
	// Leading line magics, each shown as it runs; the lines are blanked so
	// that Go positions still match the cell.
	ran := false
	var last *rich.Bundle
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "%") {
			break
		}
		if last != nil {
			out.Display(*last, "", false)
			last = nil
		}
		name, args := splitMagic(t[1:])
		b, err := k.magics.run(ctx, "%"+name, args, "", out)
		if err != nil {
			return nil, err
		}
		last, ran = b, true
		lines[i] = ""
	}
	rest := strings.Join(lines, "\n")
	if ran && strings.TrimSpace(rest) == "" {
		return last, nil
	}
	if last != nil {
		out.Display(*last, "", false)
	}
	return k.eval.Execute(ctx, rest, out)
}

func splitMagic(s string) (name, args string) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], strings.TrimSpace(s[i+1:])
	}
	return s, ""
}

// cellOutput publishes a cell's output on IOPub with the execute request as
// parent. Writes after the cell ended (from goroutines it started) are still
// published with that parent.
type cellOutput struct {
	k          *Kernel
	req        *Message
	silent     bool
	allowStdin bool
	ctx        context.Context

	flushMu sync.Mutex // serializes Flush
	mu      sync.Mutex // guards pending, size, timer
	pending []streamChunk
	size    int // bytes in pending
	timer   *time.Timer
}

type streamChunk struct{ name, text string }

// Stream implements Output.
func (o *cellOutput) Stream(name, text string) {
	if o.silent || text == "" {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if n := len(o.pending); n > 0 && o.pending[n-1].name == name {
		o.pending[n-1].text += text
	} else {
		o.pending = append(o.pending, streamChunk{name, text})
	}
	o.size += len(text)
	if o.size >= streamFlushSize {
		// A cell printing fast: publish now rather than build one huge
		// message (Flush takes the lock itself).
		o.mu.Unlock()
		o.Flush()
		o.mu.Lock()
		return
	}
	if o.timer == nil {
		o.timer = time.AfterFunc(streamDelay, o.Flush)
	}
}

// Flush publishes buffered stream text. Flushes are serialized, so text
// is published in order and a Flush returns only after everything buffered
// before it has been published (the final flush of a cell must not race
// with a timer flush that would publish after the idle status).
func (o *cellOutput) Flush() {
	o.flushMu.Lock()
	defer o.flushMu.Unlock()
	o.mu.Lock()
	p := o.pending
	o.pending, o.size = nil, 0
	if o.timer != nil {
		o.timer.Stop()
		o.timer = nil
	}
	o.mu.Unlock()
	for _, c := range p {
		o.k.publish(o.req, "stream", map[string]any{"name": c.name, "text": c.text})
	}
}

// Display implements Output.
func (o *cellOutput) Display(b rich.Bundle, id string, update bool) {
	if o.silent {
		return
	}
	o.Flush()
	transient := map[string]any{}
	if id != "" {
		transient["display_id"] = id
	}
	t := "display_data"
	if update {
		t = "update_display_data"
	}
	md := b.Metadata
	if md == nil {
		md = map[string]any{}
	}
	o.k.publish(o.req, t, map[string]any{"data": b.Data, "metadata": md, "transient": transient})
}

// ClearOutput implements Output.
func (o *cellOutput) ClearOutput(wait bool) {
	if o.silent {
		return
	}
	o.Flush()
	o.k.publish(o.req, "clear_output", map[string]any{"wait": wait})
}

// Input implements Output: it sends input_request on stdin to the identity
// of the shell request and waits for the input_reply (or an interrupt).
func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", errors.New("input: this frontend does not accept input (allow_stdin is false)")
	}
	o.Flush()
	for { // drop stale replies
		select {
		case <-o.k.stdinReplies:
			continue
		default:
		}
		break
	}
	c, _ := json.Marshal(map[string]any{"prompt": prompt, "password": password})
	req := &Message{Identities: o.req.Identities, Header: newHeader("input_request", o.k.session), Parent: o.req.RawHeader, Content: c}
	o.k.send(o.k.stdin, &o.k.stdinMu, req)
	for {
		select {
		case <-o.ctx.Done():
			return "", errors.New("input: interrupted")
		case r := <-o.k.stdinReplies:
			if r.Header.MsgType != "input_reply" {
				continue
			}
			var v struct {
				Value  string `json:"value"`
				Status string `json:"status"`
			}
			if err := json.Unmarshal(r.Content, &v); err != nil {
				return "", errors.New("input: malformed input_reply: " + err.Error())
			}
			return v.Value, nil
		}
	}
}

// discard is an Output that drops everything (user_expressions).
type discard struct{}

func (discard) Stream(string, string)             {}
func (discard) Display(rich.Bundle, string, bool) {}
func (discard) ClearOutput(bool)                  {}
func (discard) Input(string, bool) (string, error) {
	return "", errors.New("input: not available here")
}

func (k *Kernel) addHistory(n int, input, output string) {
	k.stateMu.Lock()
	defer k.stateMu.Unlock()
	k.history = append(k.history, histEntry{line: n, input: input, output: output})
}

// historySession is the session number this kernel reports in history.
const historySession = 1

func (k *Kernel) historyReply(m *Message) map[string]any {
	var c struct {
		Output  bool   `json:"output"`
		Raw     bool   `json:"raw"`
		Access  string `json:"hist_access_type"`
		Session int    `json:"session"`
		Start   int    `json:"start"`
		Stop    int    `json:"stop"`
		N       int    `json:"n"`
		Pattern string `json:"pattern"`
		Unique  bool   `json:"unique"`
	}
	if err := json.Unmarshal(m.Content, &c); err != nil {
		return errorContent("BadRequest", "content: "+err.Error())
	}
	k.stateMu.Lock()
	all := append([]histEntry(nil), k.history...)
	k.stateMu.Unlock()
	var sel []histEntry
	switch c.Access {
	case "tail":
		sel = all
		if c.N >= 0 && c.N < len(sel) {
			sel = sel[len(sel)-c.N:]
		}
	case "range":
		if c.Session == 0 || c.Session == historySession || c.Session == -1 {
			for _, h := range all {
				if h.line >= c.Start && (c.Stop <= 0 || h.line < c.Stop) {
					sel = append(sel, h)
				}
			}
		}
	case "search":
		seen := map[string]bool{}
		for i := len(all) - 1; i >= 0; i-- {
			h := all[i]
			if !globMatch(c.Pattern, h.input) || (c.Unique && seen[h.input]) {
				continue
			}
			seen[h.input] = true
			sel = append([]histEntry{h}, sel...)
			if c.N > 0 && len(sel) == c.N {
				break
			}
		}
	}
	hist := []any{}
	for _, h := range sel {
		if c.Output {
			var o any
			if h.output != "" {
				o = h.output
			}
			hist = append(hist, []any{historySession, h.line, []any{h.input, o}})
		} else {
			hist = append(hist, []any{historySession, h.line, h.input})
		}
	}
	return map[string]any{"status": "ok", "history": hist}
}

// globMatch matches s against a glob with * and ? (which also match
// newlines), as IPython's history search does; an empty pattern matches all.
func globMatch(pattern, s string) bool {
	if pattern == "" {
		return true
	}
	ok, err := path.Match(strings.ReplaceAll(pattern, "/", "\x00"), strings.ReplaceAll(strings.ReplaceAll(s, "/", "\x00"), "\n", " "))
	return err == nil && ok
}

func (k *Kernel) complete(m *Message) map[string]any {
	var c struct {
		Code      string `json:"code"`
		CursorPos *int   `json:"cursor_pos"`
	}
	if err := json.Unmarshal(m.Content, &c); err != nil {
		return errorContent("BadRequest", "content: "+err.Error())
	}
	u := unitsFor(m.Header.Version)
	pos := u.fromByte(c.Code, len(c.Code))
	if c.CursorPos != nil {
		pos = *c.CursorPos
	}
	off := u.toByte(c.Code, pos)
	qual, prefix, start, _ := identAt(c.Code, off)
	matches := k.eval.completions(qual, prefix)
	return map[string]any{
		"status": "ok", "matches": matches,
		"cursor_start": u.fromByte(c.Code, start), "cursor_end": u.fromByte(c.Code, off),
		"metadata": map[string]any{},
	}
}

func (k *Kernel) inspect(m *Message) map[string]any {
	var c struct {
		Code        string `json:"code"`
		CursorPos   *int   `json:"cursor_pos"`
		DetailLevel int    `json:"detail_level"`
	}
	if err := json.Unmarshal(m.Content, &c); err != nil {
		return errorContent("BadRequest", "content: "+err.Error())
	}
	u := unitsFor(m.Header.Version)
	pos := u.fromByte(c.Code, len(c.Code))
	if c.CursorPos != nil {
		pos = *c.CursorPos
	}
	off := u.toByte(c.Code, pos)
	qual, _, start, end := identAt(c.Code, off)
	if start == end && off > 0 && c.Code[off-1] == '(' {
		qual, _, start, end = identAt(c.Code, off-1)
	}
	r := map[string]any{"status": "ok", "found": false, "data": map[string]any{}, "metadata": map[string]any{}}
	if start == end {
		return r
	}
	if text, ok := k.eval.describe(qual, c.Code[start:end], c.DetailLevel); ok {
		r["found"] = true
		r["data"] = map[string]any{"text/plain": text}
	}
	return r
}
