package cli

import (
	"io"
	"testing"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner"
)

// TestProgressOnlyOnATerminal: the live line is for a person at a terminal, on a run of more
// than a handful of requests; never for a pipe, CI or --silent.
func TestProgressOnlyOnATerminal(t *testing.T) {
	items := func(n int) *collections.Collection {
		c := &collections.Collection{}
		for range n {
			c.Items = append(c.Items, &collections.Item{Name: "r"})
		}
		return c
	}
	for _, tc := range []struct {
		name     string
		terminal bool
		silent   bool
		ci       string
		items    int
		want     bool
	}{
		{"terminal, many requests", true, false, "", 10, true},
		{"piped", false, false, "", 10, false},
		{"CI", true, false, "true", 10, false},
		{"silent", true, true, "", 10, false},
		{"a handful", true, false, "", 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := &Env{Stdout: io.Discard, StdoutIsTerminal: tc.terminal,
				Getenv: func(k string) string {
					if k == "CI" {
						return tc.ci
					}
					return ""
				}}
			o := &runOptions{silent: tc.silent}
			opts := runner.Options{Collection: items(tc.items), Iterations: 1}
			l := o.newProgress(env, &opts)
			if l != nil {
				l.Close()
			}
			if got := l != nil; got != tc.want {
				t.Errorf("progress line %v, want %v", got, tc.want)
			}
		})
	}
}
