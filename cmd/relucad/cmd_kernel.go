package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/relucad/relucad/kernel"
)

func init() {
	register(&command{path: "kernel", summary: "run the Jupyter kernel: kernel [-f] CONNECTION_FILE", run: runKernel})
	register(&command{path: "kernel install", summary: "install the Jupyter kernelspec [--user | --prefix DIR] [--name N]", run: runKernelInstall})
}

func runKernel(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("f", "", "connection file written by the Jupyter frontend")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: relucad kernel [-f] CONNECTION_FILE\n\nServes Go notebook cells over the Jupyter protocol; started by Jupyter through the kernelspec that 'relucad kernel install' writes.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *file == "" && fs.NArg() == 1 {
		*file = fs.Arg(0)
	}
	if *file == "" || fs.NArg() > 1 || (fs.NArg() == 1 && *file != fs.Arg(0)) {
		fs.Usage()
		return 2
	}
	ci, err := kernel.ReadConnectionFile(*file)
	if err != nil {
		fmt.Fprintln(stderr, "relucad:", err)
		return 1
	}
	k, err := kernel.New(kernel.Config{Conn: ci, Log: stderr, HandleSIGINT: true})
	if err != nil {
		fmt.Fprintln(stderr, "relucad:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if _, err := k.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "relucad:", err)
		return 1
	}
	return 0
}

func runKernelInstall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kernel install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	user := fs.Bool("user", false, "install into the per-user Jupyter data directory (the default)")
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter/kernels (like jupyter kernelspec install --prefix)")
	name := fs.String("name", kernel.SpecName, "kernelspec name")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 0 || (*user && *prefix != "") {
		fmt.Fprintln(stderr, "Usage: relucad kernel install [--user | --prefix DIR] [--name N]")
		return 2
	}
	exe, err := os.Executable()
	if err == nil {
		exe, err = filepath.EvalSymlinks(exe)
	}
	if err == nil {
		exe, err = filepath.Abs(exe)
	}
	if err != nil {
		fmt.Fprintln(stderr, "relucad: cannot locate the running binary:", err)
		return 1
	}
	spec, err := kernel.NewKernelSpec(exe)
	if err != nil {
		fmt.Fprintln(stderr, "relucad:", err)
		return 1
	}
	dir := ""
	if *prefix != "" {
		p, err := filepath.Abs(*prefix)
		if err != nil {
			fmt.Fprintln(stderr, "relucad:", err)
			return 1
		}
		dir = kernel.PrefixKernelsDir(p)
	} else if dir, err = kernel.UserKernelsDir(); err != nil {
		fmt.Fprintln(stderr, "relucad:", err)
		return 1
	}
	out, err := kernel.InstallKernelSpec(dir, *name, spec)
	if err != nil {
		fmt.Fprintln(stderr, "relucad:", err)
		return 1
	}
	fmt.Fprintf(stdout, "installed kernelspec %s in %s\n", *name, out)
	return 0
}
