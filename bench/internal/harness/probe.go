package harness

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Version runs `path args...` and returns the first line it prints.
func Version(ctx context.Context, path string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, args...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", path, strings.Join(args, " "), err)
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if line == "" {
		return "", fmt.Errorf("%s %s: %w", path, strings.Join(args, " "), errNoOutput)
	}
	return line, nil
}

// MissingFlags returns the flags of want that `pmrun run --help` does not mention.
func MissingFlags(ctx context.Context, pmrun string, want []string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, pmrun, "run", "--help").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s run --help: %w", pmrun, err)
	}
	var missing []string
	for _, f := range want {
		if !mentionsFlag(string(out), f) && !mentionsReporterOption(string(out), f) {
			missing = append(missing, f)
		}
	}
	return missing, nil
}

// mentionsReporterOption reports whether flag is a Newman-style reporter option
// (--reporter-<name>-<option>) that help accepts: pmrun reads those before its flag parser,
// so its help states the form once and names the reporters instead of listing each option.
func mentionsReporterOption(help, flag string) bool {
	rest, ok := strings.CutPrefix(flag, "--reporter-")
	if !ok || !strings.Contains(help, "--reporter-<name>-<option>") {
		return false
	}
	name, _, ok := strings.Cut(rest, "-")
	return ok && name != "" && mentionsFlag(help, name)
}

// mentionsFlag reports whether help text lists flag as a whole word.
func mentionsFlag(help, flag string) bool {
	for i := 0; ; {
		j := strings.Index(help[i:], flag)
		if j < 0 {
			return false
		}
		end := i + j + len(flag)
		if end == len(help) || !isFlagChar(help[end]) {
			return true
		}
		i = end
	}
}

func isFlagChar(c byte) bool {
	return c == '-' || c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// Machine describes this computer: CPU model, core count, OS and kernel.
func Machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	kernel := ""
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		kernel = " " + strings.TrimSpace(string(b))
	}
	return fmt.Sprintf("%s, %d cores, %s/%s%s", model, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, kernel)
}

// errNoOutput reports a version command that printed nothing.
var errNoOutput = errors.New("no output")
