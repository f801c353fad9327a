package harness

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// NewmanVersion is the Newman release installed when none is found.
const NewmanVersion = "6.2.2"

// NewmanIn is where `npm install --prefix cacheDir newman` puts the newman command.
func NewmanIn(cacheDir string) string {
	return filepath.Join(cacheDir, "node_modules", ".bin", "newman")
}

// FindNewman returns the newman command to measure: the one in cacheDir, else one on PATH,
// else, when install is set and npm is on PATH, a fresh `npm install --prefix cacheDir
// newman@version`. It returns "" and the reason when there is none.
func FindNewman(ctx context.Context, cacheDir, version string, install bool, log io.Writer) (string, string) {
	if p := NewmanIn(cacheDir); isExecutable(p) {
		return p, ""
	}
	if p, err := exec.LookPath("newman"); err == nil {
		return p, ""
	}
	if !install {
		return "", "Newman is not installed and installing was turned off"
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", "Newman is not installed and npm is not on PATH to install it"
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return "", fmt.Sprintf("cannot create the Newman cache %s: %v", cacheDir, err)
	}
	_, _ = fmt.Fprintf(log, "installing newman@%s into %s\n", version, cacheDir)
	cmd := exec.CommandContext(ctx, npm, "install", "--prefix", cacheDir, "--no-audit", "--no-fund", "newman@"+version)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return "", fmt.Sprintf("npm install newman@%s failed: %v", version, err)
	}
	if p := NewmanIn(cacheDir); isExecutable(p) {
		return p, ""
	}
	return "", "npm install finished but " + NewmanIn(cacheDir) + " is missing"
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}
