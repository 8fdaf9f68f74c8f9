// Command relucad is the command-line front end of the relucad engine.
//
// It is thin on purpose: each subcommand parses its flags, calls one library
// function of poly, semialg or relu, and prints the result. Subcommands
// register themselves from their own files (cmd_*.go) through register, so
// that adding one never touches this file.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one subcommand: path is its words ("poly realroots"), run gets
// the remaining arguments and the output streams and returns the exit code.
type command struct {
	path    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.path]; dup {
		panic("relucad: duplicate command " + c.path)
	}
	commands[c.path] = c
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches on the longest registered command path that prefixes args.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	for n := len(args); n >= 1; n-- {
		if c, ok := commands[strings.Join(args[:n], " ")]; ok {
			return c.run(args[n:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "relucad: unknown command %q\n\n", strings.Join(args, " "))
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "relucad — exact closedness analysis of sparse ReLU network supports")
	fmt.Fprintln(w, "\nUsage: relucad COMMAND [ARGS]\n\nCommands:")
	paths := make([]string, 0, len(commands))
	for p := range commands {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(w, "  %-28s %s\n", p, commands[p].summary)
	}
	fmt.Fprintln(w, "\nRun 'relucad COMMAND -h' for the flags of a command.")
}
