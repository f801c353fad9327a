package harness

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/bench/internal/gen"
	"github.com/pmrun/pmrun/bench/internal/target"
)

// Run measures every row, and a run that exits non-zero or sends the wrong number of
// requests fails its row, which then stops.
func TestRunChecksEveryRun(t *testing.T) {
	t.Parallel()
	srv, err := target.Start(gen.HMACKey)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	var log bytes.Buffer
	cfg := Config{
		Scenarios: []gen.Scenario{{Name: "empty", Kind: gen.Empty}, {Name: "plain-4", Kind: gen.Plain, N: 4}},
		Pmrun:     Tool{Label: LabelPmrun, Path: os.Args[0]},
		Newman:    Tool{Label: LabelNewman, Path: os.Args[0], Extra: []string{"--lazy"}},
		Variants:  []Variant{{Kind: gen.Plain, Args: []string{"--fail"}}},
		Runs:      3,
		Dir:       t.TempDir(),
		Measurer:  Measurer{Launcher: os.Args[0], Timeout: time.Minute},
		Log:       &log,
	}
	rows, err := Run(context.Background(), cfg, srv)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		runs    int
		failure string
	}
	wants := map[string]want{
		"empty/pmrun":          {runs: 3},
		"empty/newman":         {runs: 3},
		"plain-4/pmrun":        {runs: 3},
		"plain-4/newman":       {failure: "the target saw 2 requests, want 4"},
		"plain-4/pmrun --fail": {failure: "exit status 1"},
	}
	if len(rows) != len(wants) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(wants), rows)
	}
	for _, r := range rows {
		key := r.Scenario.Name + "/" + r.Tool.Label
		w, ok := wants[key]
		if !ok {
			t.Errorf("unexpected row %s", key)
			continue
		}
		if len(r.Runs) != w.runs || r.Failure != w.failure {
			t.Errorf("%s: %d runs, failure %q; want %d, %q", key, len(r.Runs), r.Failure, w.runs, w.failure)
		}
	}
	if !strings.Contains(log.String(), "1 assertion failed") {
		t.Errorf("the log lacks the failed run's output:\n%s", log.String())
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		u         Usage
		saw, want int64
		bad       string
	}{
		{name: "good", saw: 5, want: 5},
		{name: "exit", u: Usage{ExitCode: 1}, saw: 5, want: 5, bad: "exit status 1"},
		{name: "too few", saw: 4, want: 5, bad: "the target saw 4 requests, want 5"},
		{name: "too many", saw: 6, want: 5, bad: "the target saw 6 requests, want 5"},
		{name: "killed", u: Usage{Err: "killed after 1s", ExitCode: -1}, saw: 5, want: 5, bad: "killed after 1s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := check(tt.u, tt.saw, tt.want); got != tt.bad {
				t.Errorf("check = %q, want %q", got, tt.bad)
			}
		})
	}
}

func TestArgv(t *testing.T) {
	t.Parallel()
	files := gen.Files{Collection: "/t/c.json", Data: "/t/d.json"}
	tests := []struct {
		name string
		tool Tool
		s    gen.Scenario
		f    gen.Files
		want string
	}{
		{name: "plain", tool: Tool{Path: "pmrun"}, s: gen.Scenario{Kind: gen.Plain, N: 3}, f: gen.Files{Collection: "/t/c.json"},
			want: "pmrun run /t/c.json"},
		{name: "data", tool: Tool{Path: "newman"}, s: gen.Scenario{Kind: gen.Data, N: 7}, f: files,
			want: "newman run /t/c.json -d /t/d.json -n 7"},
		{name: "variant", tool: Variant{Kind: gen.Data, Args: []string{"--parallel", "2"}}.tool(Tool{Label: "pmrun", Path: "pmrun"}),
			s: gen.Scenario{Kind: gen.Data, N: 7}, f: files, want: "pmrun run /t/c.json -d /t/d.json -n 7 --parallel 2"},
		{name: "floor", tool: Tool{Path: "floor", Floor: true}, s: gen.Scenario{Kind: gen.Plain, N: 9},
			want: "floor -url http://127.0.0.1:1/get -n 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := strings.Join(tt.tool.Argv(tt.s, tt.f, "http://127.0.0.1:1/"), " "); got != tt.want {
				t.Errorf("Argv = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseVariant(t *testing.T) {
	t.Parallel()
	v, ok := ParseVariant("data: --parallel 2 --bail=folder -x")
	if !ok || v.Kind != gen.Data || strings.Join(v.Args, " ") != "--parallel 2 --bail=folder -x" {
		t.Fatalf("ParseVariant = %+v, %v", v, ok)
	}
	if got := strings.Join(v.Flags(), " "); got != "--parallel --bail" {
		t.Errorf("Flags = %q, want --parallel --bail", got)
	}
	for _, bad := range []string{"data", "data:", "data:  "} {
		if _, ok := ParseVariant(bad); ok {
			t.Errorf("ParseVariant(%q) accepted", bad)
		}
	}
}

func TestMentionsFlag(t *testing.T) {
	t.Parallel()
	help := "Flags:\n  -n, --iteration-count int\n      --parallel-x int\n      --bail\n"
	tests := map[string]bool{"--bail": true, "--parallel": false, "--parallel-x": true, "--iteration": false, "--iteration-count": true}
	for flag, want := range tests {
		if got := mentionsFlag(help, flag); got != want {
			t.Errorf("mentionsFlag(%q) = %v, want %v", flag, got, want)
		}
	}
}

func TestMentionsReporterOption(t *testing.T) {
	t.Parallel()
	help := "Reporter options take Newman's form --reporter-<name>-<option> [value].\n" +
		"  -r, --reporters string   reporters to use: cli, json, html\n"
	tests := map[string]bool{"--reporter-html-export": true, "--reporter-json-export": true,
		"--reporter-junit-export": false, "--reporters": false, "--reporter-": false, "--bail": false}
	for flag, want := range tests {
		if got := mentionsReporterOption(help, flag); got != want {
			t.Errorf("mentionsReporterOption(%q) = %v, want %v", flag, got, want)
		}
	}
	if mentionsReporterOption("  -r, --reporters string   cli, html\n", "--reporter-html-export") {
		t.Error("accepted a reporter option from a help that does not state the form")
	}
}
