// Package kernel is relucad's Jupyter kernel: Go notebook cells, interpreted
// by yaegi, with the exact polynomial (poly), semialgebraic (semialg) and
// ReLU-network (relu) engines linked in and pre-imported.
//
// The command `relucad kernel CONNECTION_FILE` runs it; `relucad kernel
// install [--user | --prefix DIR]` writes the kernelspec (argv with the
// absolute binary path, language "go", interrupt_mode "message").
//
// # Architecture
//
// A Kernel owns the five ZeroMQ sockets of the messaging protocol (spec
// 5.3, with 5.4's rule that shutdown goes on control), all from the pure-Go
// github.com/go-zeromq/zmq4:
//
//	shell    ROUTER  requests; one worker goroutine serves them in order
//	control  ROUTER  its own goroutine: shutdown and interrupt work while a
//	                 cell runs; replies leave on control
//	stdin    ROUTER  input_request to the identity of the shell request
//	iopub    PUB     status busy/idle around every request, with the
//	                 request header as parent; streams, results, errors
//	hb       REP     echo
//
// Every received message is decoded by Decode, which checks frame counts,
// the <IDS|MSG> delimiter, the HMAC (constant-time, hmac.Equal) and that the
// four JSON frames are objects. A bad message is logged and dropped; the
// kernel never exits because of input. Encode writes {} (never null) for
// empty parent/metadata/content, so replies validate against the
// jupyter_kernel_test schemas.
//
// # Cells
//
// The Evaluator keeps one yaegi interpreter for the life of the kernel.
// yaegi cannot evaluate declarations and statements in one source string,
// so a cell is cut (splitCell, on go/scanner tokens at bracket depth 0) into
// units: each import, each run of declarations, each run of statements.
// Units are compiled and run in order; positions in errors are cell
// positions because each unit is padded to its place in the cell. Imports
// already in effect are skipped, so re-running a cell that imports works;
// redefining functions, variables and constants works as in yaegi's REPL.
//
// Within a run of statements, top-level short variable declarations
// (x := …) run at top level, where they declare the cell's globals; every
// run of other statements (loops, ifs, assignments, calls) runs inside a
// function literal, because yaegi v0.16 mis-scopes blocks at the top level
// of a REPL source (x := … inside an if assigned the global x). Two more
// yaegi defects are handled: a function literal called at the start of a
// source was re-run after every later cell (Evaluator.resetMain), and a
// top-level defer ran after every later cell (it is rejected with a clear
// error; defer works inside functions).
//
// When the cell ends in an expression statement that is not a print or
// display call, that expression is wrapped as _relucad_result(expr) and its
// value(s) become the execute_result (a trailing nil of a (value, error)
// pair is dropped). If the expression has no value, the wrapping does not
// compile and the plain statement runs instead; compilation comes before
// execution, so nothing runs twice.
//
// Cells see, through a dot import of the helper package relucad/kernelhost:
//
//	display(vs ...any)           show values as rich outputs
//	newDisplay(v) *DisplayHandle show v; h.Update(v2) replaces it
//	updateDisplay(h, v)          same as h.Update(v)
//	clearOutput(wait bool)
//	input(prompt), password(prompt) string   (stdin; needs allow_stdin)
//	ctx context.Context          the running cell's context, cancelled on
//	                             interrupt and when the cell ends
//	Context() context.Context    same, as a function
//
// and the pre-imported packages fmt, math/big, context, rich
// (kernel/rich: rich.HTML, rich.LaTeX, rich.SVG, rich.Markdown) and every
// engine package present in kernel/symbols (poly, semialg, relu) plus
// gonum's numeric essentials (mat, floats, stat: for the numeric,
// labelled-as-such parts of notebooks);
// relu/atlas and the standard library (yaegi's tables, up to Go 1.22) can
// be imported.
//
// # Output
//
// cellOutput implements Output for a running execute_request: stream text
// is buffered for 50 ms (or until 64 KiB) and published as stream
// messages; display() and
// results become display_data / execute_result bundles built by
// rich.Render from structural interfaces (LaTeX() string, HTML() string,
// SVG() string, Markdown() string, String() string), so engine packages
// never import the kernel. Values of types declared inside cells reach the
// host through yaegi interface wrappers (rich.WrapOrder), so they render
// too. The interpreter's stdout and stderr (fmt.Print*, os.Stdout,
// os.Stderr in cells) are the Evaluator's own writers; os.Stdout of the
// process is never swapped. Output written by goroutines after their cell
// ended goes to the most recent cell. Compiled code that writes to the
// process's file descriptors directly is not captured.
//
// # Interrupts
//
// interrupt_request (control) and SIGINT cancel the running cell's
// context. Interpreted code stops at its next step (the kernel uses yaegi's
// own run-id and done-channel mechanism; see Evaluator.stopRunning) and the
// cell replies with ename "Interrupted". Compiled code stops only if it
// watches the context it was given — engine calls should be passed ctx. A
// compiled call that never returns is abandoned after a grace period (2 s):
// its goroutine keeps running, the kernel stays usable.
//
// # Magics
//
// A cell starting with "%%name args" is a cell magic; leading lines
// "%name args" are line magics. Magics are looked up in a Magics registry;
// every kernel has %help and %who (names declared by cells); DefaultMagics
// adds %check SPEC (relu.Closedness), %describe SPEC
// (relu.ParseSpec, Canonical, Invariant) and %%qe (the cell body, a
// formula in semialg's syntax, through semialg.ParseAuto and semialg.QE;
// e.g. "ex y [x^2 + y^2 < 1]" gives x^2 - 1 < 0).
//
// # Regenerating symbols
//
// Cells call compiled packages through the tables in kernel/symbols,
// generated by yaegi's extract tool. After changing the exported API of
// poly, semialg, relu or kernel/rich, run
//
//	go generate ./kernel/...
//
// # Known limitations
//
//   - A panic inside a goroutine started by a cell crashes the process (Go
//     cannot recover panics of other goroutines); panics in the cell itself
//     become error replies.
//   - yaegi's standard-library tables stop at Go 1.22 (no iter package).
//   - Redefining a type with a different structure in a later cell keeps
//     the old type (a yaegi limitation); functions, variables and constants
//     can be redefined. Restart the kernel after changing a type.
//   - A multi-value call passed to display is not unwrapped for
//     interpreted types; call display on each value.
//   - history is kept in memory for the life of the kernel only.
//
// # References
//
// Jupyter messaging specification 5.3/5.4
// (jupyter-client.readthedocs.io/en/stable/messaging.html);
// ../shared/docs/KERNEL.md (protocol checklist, gophernotes' defects, test
// plan); yaegi v0.16.1 (github.com/traefik/yaegi).
package kernel
