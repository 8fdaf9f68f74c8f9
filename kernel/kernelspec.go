package kernel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
)

// KernelSpec is the content of a kernelspec's kernel.json.
type KernelSpec struct {
	Argv          []string       `json:"argv"`
	DisplayName   string         `json:"display_name"`
	Language      string         `json:"language"`
	InterruptMode string         `json:"interrupt_mode"`
	Env           map[string]any `json:"env"`
	Metadata      map[string]any `json:"metadata"`
}

// SpecName is the kernelspec directory name.
const SpecName = "relucad"

// NewKernelSpec returns the relucad kernelspec for the binary at exe, which
// must be an absolute path (frontends start kernels from other working
// directories): argv [exe, "kernel", "{connection_file}"], language go,
// interrupt_mode message.
func NewKernelSpec(exe string) (KernelSpec, error) {
	if !filepath.IsAbs(exe) {
		return KernelSpec{}, fmt.Errorf("kernel: kernelspec needs an absolute binary path, got %q", exe)
	}
	return KernelSpec{
		Argv:          []string{exe, "kernel", "{connection_file}"},
		DisplayName:   "relucad (Go)",
		Language:      "go",
		InterruptMode: "message",
		Env:           map[string]any{},
		Metadata:      map[string]any{},
	}, nil
}

// UserKernelsDir returns the per-user Jupyter kernels directory: under
// $JUPYTER_DATA_DIR if set, else the platform default that
// jupyter_core uses (~/.local/share/jupyter on Linux, honouring
// $XDG_DATA_HOME; ~/Library/Jupyter on macOS; %APPDATA%\jupyter on Windows).
func UserKernelsDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Join(d, "kernels"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter", "kernels"), nil
	case "windows":
		if a := os.Getenv("APPDATA"); a != "" {
			return filepath.Join(a, "jupyter", "kernels"), nil
		}
		return "", errors.New("kernel: APPDATA is not set")
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter", "kernels"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter", "kernels"), nil
}

// PrefixKernelsDir returns PREFIX/share/jupyter/kernels, the directory
// `jupyter kernelspec install --prefix PREFIX` writes to.
func PrefixKernelsDir(prefix string) string {
	return filepath.Join(prefix, "share", "jupyter", "kernels")
}

// InstallKernelSpec writes spec as kernelsDir/name/kernel.json together with
// 32×32 and 64×64 logos and returns the spec directory.
func InstallKernelSpec(kernelsDir, name string, spec KernelSpec) (string, error) {
	dir := filepath.Join(kernelsDir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("kernel: install: %w", err)
	}
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(b, '\n'), 0o644); err != nil {
		return "", fmt.Errorf("kernel: install: %w", err)
	}
	for _, n := range []int{32, 64} {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", n, n)), logoPNG(n), 0o644); err != nil {
			return "", fmt.Errorf("kernel: install: %w", err)
		}
	}
	return dir, nil
}

// logoPNG draws the kernel logo: the graph of ReLU(x) = max(0, x) on a
// dark square.
func logoPNG(n int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	bg := color.RGBA{0x1f, 0x2a, 0x44, 0xff}
	fg := color.RGBA{0x7f, 0xd3, 0xff, 0xff}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			img.Set(x, y, bg)
		}
	}
	w := n / 16
	if w < 1 {
		w = 1
	}
	mid := n / 2
	for x := n / 8; x < n-n/8; x++ {
		y := n - n/4 // flat part, then slope 1
		if x > mid {
			y -= x - mid
		}
		for d := -w; d <= w; d++ {
			if yy := y + d; yy >= 0 && yy < n {
				img.Set(x, yy, fg)
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // writing to a bytes.Buffer cannot fail
	return buf.Bytes()
}
