package harness

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func TestMeasure(t *testing.T) {
	t.Parallel()
	for _, launcher := range []string{"", os.Args[0]} {
		m := Measurer{Launcher: launcher, Timeout: time.Minute, Dir: t.TempDir()}
		u, out, err := m.Measure(context.Background(), []string{os.Args[0], "child", "exit3"})
		if err != nil {
			t.Fatalf("launcher %q: %v", launcher, err)
		}
		if u.ExitCode != 3 || u.Err != "" || !strings.Contains(out, "bye") {
			t.Errorf("launcher %q: usage %+v, output %q; want exit 3 and bye", launcher, u, out)
		}
		if u.WallNS <= 0 || u.UserNS+u.SysNS <= 0 {
			t.Errorf("launcher %q: no times measured: %+v", launcher, u)
		}
	}
}

func TestMeasureMissingCommand(t *testing.T) {
	t.Parallel()
	m := Measurer{Launcher: os.Args[0], Timeout: time.Minute}
	u, _, err := m.Measure(context.Background(), []string{"/nonexistent/pmbench-tool"})
	if err != nil {
		t.Fatal(err)
	}
	if u.Err == "" || check(u, 0, 0) == "" {
		t.Errorf("a command that cannot start must not count: %+v", u)
	}
}

func TestMeasureTimeout(t *testing.T) {
	t.Parallel()
	m := Measurer{Launcher: os.Args[0], Timeout: 50 * time.Millisecond}
	u, _, err := m.Measure(context.Background(), []string{"sleep", "5"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u.Err, "killed after") || time.Duration(u.WallNS) > 4*time.Second {
		t.Errorf("want the run killed after 50ms, got %+v", u)
	}
}

func TestTail(t *testing.T) {
	t.Parallel()
	tl := &tail{max: 5}
	for _, s := range []string{"abc", "defg", "h"} {
		if n, err := tl.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	if got := tl.String(); got != "defgh" {
		t.Errorf("tail = %q, want defgh", got)
	}
}
