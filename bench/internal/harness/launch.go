package harness

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"
)

// LaunchArg is the first argument that puts the pmbench binary into launcher mode.
//
// Why a launcher: Go starts a child with vfork semantics, and Linux counts the parent's
// memory high-water mark into the child's ru_maxrss at exec. Measured straight from the
// driver (which holds the target server and output buffers), every child would report at
// least the driver's RSS. A freshly started launcher is a few MiB, so the child's peak RSS
// is its own down to that floor.
const LaunchArg = "__launch"

// Usage is what the launcher reports about one finished child.
type Usage struct {
	WallNS    int64  `json:"wallNs"`
	UserNS    int64  `json:"userNs"`
	SysNS     int64  `json:"sysNs"`
	MaxRSSKiB int64  `json:"maxRssKiB"`
	ExitCode  int    `json:"exitCode"`
	Err       string `json:"err,omitempty"` // the child could not start or was killed
}

// Launch runs argv with the given output streams, waits for it, and writes its Usage as
// JSON to report. The child is killed after timeout. The error is about the launcher
// itself (bad argv, unwritable report), not about the child, whose failure is in Usage.
func Launch(argv []string, stdout, stderr, report io.Writer, timeout time.Duration) error {
	if len(argv) == 0 {
		return errors.New("launch: no command")
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	dieWithParent(cmd)
	start := time.Now()
	err := cmd.Run()
	u := Usage{WallNS: time.Since(start).Nanoseconds(), ExitCode: -1}
	if cmd.ProcessState != nil {
		u.UserNS, u.SysNS, u.MaxRSSKiB = usageOf(cmd.ProcessState)
		u.ExitCode = cmd.ProcessState.ExitCode()
	}
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		u.Err = fmt.Sprintf("killed after %s", timeout)
	case err != nil && !errors.As(err, &exitErr):
		u.Err = err.Error()
	}
	if err := json.NewEncoder(report).Encode(u); err != nil {
		return fmt.Errorf("launch: write report: %w", err)
	}
	return nil
}

// reportFD is the file descriptor the driver hands the launcher for its report.
const reportFD = 3

// LaunchMain is the launcher's entry point: args are what follows LaunchArg,
// "-timeout <duration> -- <command> [args...]". It writes the Usage to file descriptor 3
// and returns the launcher's exit code (0 unless the launcher itself failed).
func LaunchMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("launch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	timeout := fs.Duration("timeout", 10*time.Minute, "kill the command after this long")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	report := os.NewFile(reportFD, "report")
	if report == nil {
		_, _ = fmt.Fprintln(stderr, "launch: no report descriptor")
		return 2
	}
	closeOnExec(report) // the measured command must not hold the report pipe open
	defer func() { _ = report.Close() }()
	if err := Launch(fs.Args(), stdout, stderr, report, *timeout); err != nil {
		_, _ = fmt.Fprintln(stderr, err)
		return 2
	}
	return 0
}
