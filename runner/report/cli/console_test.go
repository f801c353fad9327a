package cli_test

import (
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner/event/eventtest"
	"github.com/pmrun/pmrun/runner/report/cli"
)

func TestConsoleBox(t *testing.T) {
	t.Parallel()
	item := eventtest.Req("i1", "one", "GET", "http://h/")
	b := eventtest.New(eventtest.Collection("c", item), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, item, func() {
			b.Prerequest(func() {
				b.Script("prerequest", func() {
					b.Console("log", "first")
					b.Console("warn", "two\n\nlines")
					b.Console("log", "")
				}, nil)
			})
			b.Request(eventtest.Get("http://h/"), eventtest.OK("{}", 3), nil)
			b.Test(func() { b.Script("test", func() { b.Console("error", "after") }, nil) })
		})
	})
	b.Done(nil)
	got := render(t, b, cli.Options{NoBanner: true, NoSummary: true})
	want := "c\n\n→ one\n" +
		"  ┌\n  │ first\n  │ [warn] two\n  │ [warn] lines\n  │ \n  └\n" +
		"  GET http://h/ [200 OK, 32B, 3ms]\n" +
		"  ┌\n  │ [error] after\n  └\n"
	if got != want {
		t.Errorf("console output:\n%s\nwant:\n%s", got, want)
	}
}

// TestConsoleSourceWithVerbose: with --verbose each console line names its item and script.
func TestConsoleSourceWithVerbose(t *testing.T) {
	t.Parallel()
	item := eventtest.Req("i1", "one", "GET", "http://h/")
	b := eventtest.New(eventtest.Collection("c", item), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, item, func() {
			b.Prerequest(func() {
				b.Script("prerequest", func() { b.Console("info", "hello") }, nil)
			})
		})
	})
	b.Done(nil)
	got := render(t, b, cli.Options{NoBanner: true, NoSummary: true, Verbose: true})
	if want := "  │ [info] hello  (one › prerequest)\n"; !strings.Contains(got, want) {
		t.Errorf("console output:\n%s\nwant a line %q", got, want)
	}
}
