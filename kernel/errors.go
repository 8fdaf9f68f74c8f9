package kernel

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var posRE = regexp.MustCompile(`^(?:[^:\s]*\.go:)?(\d+):(\d+): (.*)$`)

func (e *Evaluator) compileErr(cell string, err error) error {
	msg := err.Error()
	if m := posRE.FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
		l, _ := strconv.Atoi(m[1])
		c, _ := strconv.Atoi(m[2])
		return compileError(cell, l, c, m[3])
	}
	return &ExecError{Name: "CompileError", Value: msg, Traceback: []string{"CompileError: " + msg}}
}

// compileError builds a readable error pointing into the cell.
func compileError(cell string, line, col int, msg string) *ExecError {
	tb := []string{fmt.Sprintf("CompileError: line %d:%d: %s", line, col, msg)}
	tb = append(tb, sourceExcerpt(cell, line, col)...)
	return &ExecError{Name: "CompileError", Value: fmt.Sprintf("line %d:%d: %s", line, col, msg), Traceback: tb}
}

// sourceExcerpt returns the cell line with a caret under col.
func sourceExcerpt(cell string, line, col int) []string {
	lines := strings.Split(cell, "\n")
	if line < 1 || line > len(lines) {
		return nil
	}
	text := strings.ReplaceAll(lines[line-1], "\t", "    ")
	out := []string{fmt.Sprintf("%5d | %s", line, text)}
	if col >= 1 {
		// Columns count bytes; tabs were widened to four spaces.
		pre := lines[line-1]
		if col-1 <= len(pre) {
			pre = pre[:col-1]
		}
		w := len([]rune(strings.ReplaceAll(pre, "\t", "    ")))
		out = append(out, "      | "+strings.Repeat(" ", w)+"^")
	}
	return out
}

var frameRE = regexp.MustCompile(`^(?:[^:\s]*\.go:)?(\d+):(\d+): panic: (.*?)(?:\(\.\.\.\))?\s*$`)

// panicError turns a recovered panic and the interpreter's frame lines
// (innermost first) into an error with a traceback.
func panicError(cell string, v any, frames []string) *ExecError {
	name := "Panic"
	val := fmt.Sprint(v)
	if _, ok := v.(interface{ RuntimeError() }); ok {
		name = "RuntimeError"
	} else if s, ok := v.(string); ok && strings.HasPrefix(s, "reflect: ") {
		// The interpreter reports index and nil errors through reflect.
		name, val = "RuntimeError", strings.TrimPrefix(s, "reflect: ")
	}
	tb := []string{name + ": " + val, "Traceback (innermost call first):"}
	for _, f := range frames {
		m := frameRE.FindStringSubmatch(f)
		if m == nil {
			continue
		}
		l, _ := strconv.Atoi(m[1])
		c, _ := strconv.Atoi(m[2])
		fn := m[3]
		switch fn {
		case "main":
			fn = "cell"
		case "func":
			// A function literal, or the literal that wraps the cell's
			// top-level statements (see runStmts).
			fn = "function literal"
		}
		fn = strings.TrimPrefix(fn, "main.")
		tb = append(tb, fmt.Sprintf("  in %s, line %d:%d", fn, l, c))
		for _, s := range sourceExcerpt(cell, l, 0) {
			tb = append(tb, "  "+s)
		}
	}
	return &ExecError{Name: name, Value: val, Traceback: tb}
}
