package poly

import (
	"fmt"
	"strings"
)

// Error is the type of the values this package panics with on programmer
// errors (see the Errors section of the package documentation). Its message
// starts with "poly: ". Compare with errors.Is against the sentinels below,
// or recover and type-assert to Error.
type Error struct{ msg string }

func (e Error) Error() string { return e.msg }

// Programmer-error sentinels. Operations panic with these values (not with
// wrapped copies), so a recovered value compares equal with ==.
var (
	// ErrRingMismatch: the operands belong to different rings (different
	// variable names or monomial orders).
	ErrRingMismatch = Error{"poly: operands belong to different rings"}
	// ErrVarRange: a variable index is outside [0, NumVars).
	ErrVarRange = Error{"poly: variable index out of range"}
	// ErrZeroDivisor: division by the zero polynomial (or the zero rational).
	ErrZeroDivisor = Error{"poly: division by zero"}
	// ErrExponentOverflow: a monomial product would have an exponent above
	// 2^32-1.
	ErrExponentOverflow = Error{"poly: exponent overflow"}
	// ErrLength: an exponent vector or value list has the wrong length for
	// the ring.
	ErrLength = Error{"poly: wrong number of variables"}
)

// ParseError reports malformed polynomial text. Line and Col are 1-based;
// Col counts Unicode code points. Expected describes what the parser wanted
// (may be empty when Msg says it all), Found what it saw ("end of input" at
// the end). Input is the text that was parsed (for a multi-line file, the
// line in which the error occurs).
type ParseError struct {
	Line, Col int
	Expected  string
	Found     string
	Input     string
	// Msg, when not empty, is the complete description (for example
	// "unknown variable 'z'"); otherwise the message is built from
	// Expected and Found.
	Msg string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	switch {
	case e.Msg != "":
		b.WriteString(e.Msg)
	case e.Expected != "":
		fmt.Fprintf(&b, "expected %s, found %s", e.Expected, e.Found)
	default:
		fmt.Fprintf(&b, "unexpected %s", e.Found)
	}
	fmt.Fprintf(&b, " at %d:%d", e.Line, e.Col)
	return b.String()
}

// NotDividesError is returned by ExactQuo when G does not divide F.
type NotDividesError struct{ F, G *Poly }

func (e *NotDividesError) Error() string {
	f, g := e.F.String(), e.G.String()
	const max = 80
	if len(f) > max {
		f = f[:max] + "..."
	}
	if len(g) > max {
		g = g[:max] + "..."
	}
	return fmt.Sprintf("poly: %s does not divide %s", g, f)
}
