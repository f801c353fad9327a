package cli_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/runner/event/eventtest"
	"github.com/pmrun/pmrun/runner/report/cli"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func render(t *testing.T, b *eventtest.Builder, opts cli.Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := b.Replay(cli.New(&buf, opts)); err != nil {
		t.Fatalf("Report: %v", err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		run  *eventtest.Builder
		opts cli.Options
	}{
		"sample":     {eventtest.Sample(1), cli.Options{}},
		"iterations": {eventtest.Sample(2), cli.Options{}},
		"ascii":      {eventtest.Sample(1), cli.Options{DisableUnicode: true}},
		"quiet":      {eventtest.Sample(1), cli.Options{NoBanner: true, NoConsole: true, NoSuccessAssertions: true, NoSummary: true}},
		"no-tables":  {eventtest.Sample(1), cli.Options{NoAssertions: true, NoSummary: true, NoFailures: true}},
		"verbose":    {eventtest.Sample(1), cli.Options{Verbose: true, NoSummary: true, NoFailures: true}},
		"timestamps": {eventtest.Sample(1), cli.Options{ShowTimestamps: true, NoSummary: true, NoFailures: true}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := render(t, tc.run, tc.opts)
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, got)
			}
		})
	}
}

func TestColor(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		on   bool
		want bool
	}{"on": {true, true}, "off": {false, false}}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out := render(t, eventtest.Sample(1), cli.Options{Color: tc.on})
			if got := strings.Contains(out, "\x1b["); got != tc.want {
				t.Errorf("Color=%v: ANSI codes present = %v", tc.on, got)
			}
			if tc.on && !strings.Contains(out, "\x1b[32m  ✓ \x1b[0m") {
				t.Errorf("passing assertion mark not green:\n%q", out)
			}
		})
	}
}

func TestSilent(t *testing.T) {
	t.Parallel()
	if out := render(t, eventtest.Sample(1), cli.Options{Silent: true}); out != "" {
		t.Errorf("silent reporter printed %q", out)
	}
}

func TestSharedSummary(t *testing.T) {
	t.Parallel()
	b := eventtest.Sample(2)
	own := render(t, b, cli.Options{})
	coll := event.NewCollector()
	var buf bytes.Buffer
	if err := b.Replay(coll, cli.New(&buf, cli.Options{Summary: coll.Summary})); err != nil {
		t.Fatal(err)
	}
	if buf.String() != own {
		t.Errorf("output with a shared collector differs from the reporter's own:\n%s", buf.String())
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n--; w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	t.Parallel()
	w := &failingWriter{n: 2}
	err := eventtest.Sample(1).Replay(cli.New(w, cli.Options{}))
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Replay error = %v, want the write error", err)
	}
}

func TestScriptErrorShowsSourceLine(t *testing.T) {
	t.Parallel()
	item := eventtest.Req("i1", "Create", "POST", "http://h/")
	b := eventtest.New(eventtest.Collection("c", item), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, item, func() {
			b.Test(func() {
				b.ScriptSource("test", "const body = pm.response.json();\n\tbody.user.id();", nil,
					&event.Error{Name: "TypeError", Message: "Cannot read properties of undefined (reading 'id')", Line: 2, Column: 7})
			})
		})
	})
	b.Done(nil)
	out := render(t, b, cli.Options{NoSummary: true, NoFailures: true})
	want := "  1⠄ TypeError in test-script\n" +
		"     Cannot read properties of undefined (reading 'id')\n" +
		"     2 | \tbody.user.id();\n" +
		"       | \t     ^\n"
	if !strings.Contains(out, want) {
		t.Errorf("output:\n%s\nwant it to contain:\n%s", out, want)
	}
}
