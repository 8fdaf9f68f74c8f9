package kernel

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/relucad/relucad/kernel/rich"
)

// A Magic is a command written at the start of a cell: "%name args" (a
// line magic, Cell false) or "%%name args" followed by a body (a cell
// magic, Cell true). Magics are thin wrappers over library functions.
type Magic struct {
	Name string // without the % signs
	Cell bool
	Doc  string // one line, shown by %help
	// Run executes the magic. body is empty for line magics. It returns a
	// bundle to show as the cell's result (or nil) or an error, ideally an
	// *ExecError.
	Run func(ctx context.Context, args, body string, out Output) (*rich.Bundle, error)
}

// Magics is a registry of magics, safe for concurrent use.
type Magics struct {
	mu sync.RWMutex
	m  map[string]Magic // key "%name" or "%%name"
}

// NewMagics returns a registry holding only %help.
func NewMagics() *Magics {
	ms := &Magics{m: map[string]Magic{}}
	ms.Register(Magic{Name: "help", Doc: "list the available magics", Run: func(context.Context, string, string, Output) (*rich.Bundle, error) {
		b := rich.Render(rich.Markdown(ms.helpText()))
		b.Data["text/plain"] = ms.helpText()
		return &b, nil
	}})
	return ms
}

// Register adds or replaces a magic.
func (ms *Magics) Register(m Magic) {
	key := "%" + m.Name
	if m.Cell {
		key = "%" + key
	}
	ms.mu.Lock()
	ms.m[key] = m
	ms.mu.Unlock()
}

// has reports whether key ("%name" or "%%name") is registered.
func (ms *Magics) has(key string) bool {
	ms.mu.RLock()
	defer ms.mu.RUnlock()
	_, ok := ms.m[key]
	return ok
}

func (ms *Magics) helpText() string {
	ms.mu.RLock()
	defer ms.mu.RUnlock()
	keys := make([]string, 0, len(ms.m))
	for k := range ms.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%-12s %s\n", k, ms.m[k].Doc)
	}
	return b.String()
}

// ErrNotAvailable is wrapped by magics whose library function is missing
// from this build.
var ErrNotAvailable = errors.New("not available in this build")

func (ms *Magics) run(ctx context.Context, key, args, body string, out Output) (b *rich.Bundle, err error) {
	ms.mu.RLock()
	m, ok := ms.m[key]
	ms.mu.RUnlock()
	if !ok {
		return nil, &ExecError{Name: "UnknownMagic", Value: key + " is not a magic (try %help)", Traceback: []string{"UnknownMagic: " + key + " is not a magic (try %help)"}}
	}
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, panicError("", r, nil)
		}
	}()
	b, err = m.Run(ctx, args, body, out)
	if err != nil {
		var ee *ExecError
		if !errors.As(err, &ee) {
			name := "MagicError"
			if errors.Is(err, ErrNotAvailable) {
				name = "NotAvailable"
			}
			if ctx.Err() != nil {
				return nil, interrupted()
			}
			err = &ExecError{Name: name, Value: key + ": " + err.Error(), Traceback: []string{name + ": " + key + ": " + err.Error()}}
		}
	}
	return b, err
}
