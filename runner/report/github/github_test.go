package github_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner/event/eventtest"
	"github.com/pmrun/pmrun/runner/report/github"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestRecordedOutput replays the sample run (two iterations) and compares the workflow
// commands and the job summary with the recorded files under testdata.
func TestRecordedOutput(t *testing.T) {
	var log, summary bytes.Buffer
	if err := eventtest.Sample(2).Replay(github.New(&log, &summary, nil)); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]string{"commands.txt": log.String(), "summary.md": summary.String()} {
		golden := filepath.Join("testdata", name)
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs (run with -update to accept):\n%s", golden, got)
		}
	}
	// Every failure of the run is one ::error line, and each line is a single line.
	errs := 0
	for _, l := range strings.Split(strings.TrimSpace(log.String()), "\n") {
		if !strings.HasPrefix(l, "::error title=pmrun%3A ") && !strings.HasPrefix(l, "::warning ") {
			t.Errorf("not a workflow command: %q", l)
		}
		if strings.HasPrefix(l, "::error") {
			errs++
		}
	}
	if want := len(eventtest.Sample(2).Summary().Failures); errs != want {
		t.Errorf("%d ::error commands, want one per failure (%d)", errs, want)
	}
}

// TestCommandEscaping: a message with line breaks, % and a title with ":" and "," stay one
// command that GitHub parses back to the original text.
func TestCommandEscaping(t *testing.T) {
	b := eventtest.New(eventtest.Collection("c", eventtest.Req("i", "a, b: c", "GET", "http://h/")), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, eventtest.Req("i", "a, b: c", "GET", "http://h/"), func() {
			b.Test(func() { b.Script("test", func() { b.Fail("t", "100% wrong\nsecond line") }, nil) })
		})
	})
	b.Done(nil)
	var log bytes.Buffer
	if err := b.Replay(github.New(&log, nil, nil)); err != nil {
		t.Fatal(err)
	}
	want := "::error title=pmrun%3A a%2C b%3A c::t: 100%25 wrong%0Asecond line\n"
	if log.String() != want {
		t.Errorf("got %q\nwant %q", log.String(), want)
	}
}
