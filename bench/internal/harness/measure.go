package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"time"
)

// Measurer runs one command and reports its Usage and the tail of its output.
type Measurer struct {
	// Launcher is the path of a binary that runs LaunchMain when its first argument is
	// LaunchArg (pmbench itself). Empty runs children directly, where peak RSS includes the
	// driver's own (good enough for tests).
	Launcher string
	// Timeout bounds one run.
	Timeout time.Duration
	// Dir is the children's working directory.
	Dir string
}

// tailSize is how much of a child's combined output is kept for error messages.
const tailSize = 4 << 10

// Measure runs argv and returns its Usage and the last few KiB of its output. The error
// means the measurement itself failed (no launcher, unreadable report), not the child.
func (m Measurer) Measure(ctx context.Context, argv []string) (Usage, string, error) {
	out := &tail{max: tailSize}
	var report bytes.Buffer
	if m.Launcher == "" {
		if err := Launch(argv, out, out, &report, m.Timeout); err != nil {
			return Usage{}, out.String(), err
		}
		return decodeUsage(report.Bytes(), out)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return Usage{}, "", fmt.Errorf("measure: report pipe: %w", err)
	}
	defer func() { _ = r.Close() }()
	args := append([]string{LaunchArg, "-timeout", m.Timeout.String(), "--"}, argv...)
	cmd := exec.CommandContext(ctx, m.Launcher, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = m.Dir, out, out
	cmd.ExtraFiles = []*os.File{w} // fd 3 in the launcher
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		_ = w.Close()
		return Usage{}, "", fmt.Errorf("measure: start launcher %s: %w", m.Launcher, err)
	}
	_ = w.Close()
	done := make(chan error, 1)
	go func() {
		_, err := report.ReadFrom(r)
		done <- err
	}()
	werr := cmd.Wait()
	if err := <-done; err != nil {
		return Usage{}, out.String(), fmt.Errorf("measure: read launcher report: %w", err)
	}
	if werr != nil {
		return Usage{}, out.String(), fmt.Errorf("measure: launcher: %w", werr)
	}
	return decodeUsage(report.Bytes(), out)
}

func decodeUsage(b []byte, out *tail) (Usage, string, error) {
	var u Usage
	if err := json.Unmarshal(b, &u); err != nil {
		return Usage{}, out.String(), fmt.Errorf("measure: decode launcher report %q: %w", b, err)
	}
	return u, out.String(), nil
}

// tail is an io.Writer keeping only the last max bytes written.
type tail struct {
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tail) String() string { return string(t.buf) }
