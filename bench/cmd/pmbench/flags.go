package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pmrun/pmrun/bench/internal/harness"
)

// options are pmbench's command-line settings.
type options struct {
	pmrun, newman, floor string
	cacheDir, newmanVer  string
	install, keep        bool
	runs, n, iterations  int
	latency, timeout     time.Duration
	only, out            string
	extra                listFlag
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("pmbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.pmrun, "pmrun", "bin/pmrun", "the pmrun binary to measure")
	fs.StringVar(&o.newman, "newman", "", `the newman command; "" finds or installs it, "none" leaves Newman out`)
	fs.StringVar(&o.cacheDir, "cache", defaultCache(), "where Newman is installed with npm")
	fs.StringVar(&o.newmanVer, "newman-version", harness.NewmanVersion, "the Newman version to install")
	fs.BoolVar(&o.install, "install", true, "install Newman with npm when it is missing")
	fs.StringVar(&o.floor, "floor", "", `the floor client; "" builds ./bench/cmd/floor, "none" leaves it out`)
	fs.IntVar(&o.runs, "runs", 5, "measured runs per tool and scenario")
	fs.IntVar(&o.n, "n", 1000, "requests in the plain, scripted, heavy, aes and digest collections")
	fs.IntVar(&o.iterations, "iterations", 100, "iterations of the data run")
	fs.DurationVar(&o.latency, "latency", 10*time.Millisecond, "simulated server latency of each data-run request")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Minute, "kill a run after this long")
	fs.StringVar(&o.only, "only", "", "comma-separated scenarios to run (default: empty,plain-N,scripted-N,heavy-N,aes-N,digest-N,data-ITERATIONS,cpu-ITERATIONS)")
	fs.StringVar(&o.out, "out", "", "also write the report to this file")
	fs.BoolVar(&o.keep, "keep", false, "keep the generated collections and print where they are")
	fs.Var(&o.extra, "extra", `an extra pmrun row "kind:args" (repeatable; default "data:--parallel 2" and "cpu:--parallel 2")`)
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if o.runs < 1 || o.n < 1 || o.iterations < 1 {
		return o, fmt.Errorf("-runs, -n and -iterations must be at least 1")
	}
	if len(o.extra) == 0 {
		o.extra = listFlag{"data:--parallel 2", "cpu:--parallel 2"}
	}
	if o.only == "" {
		o.only = fmt.Sprintf("empty,plain-%d,scripted-%d,heavy-%d,aes-%d,digest-%d,data-%d,cpu-%d",
			o.n, o.n, o.n, o.n, o.n, o.iterations, o.iterations)
	}
	return o, nil
}

// defaultCache is ~/.cache/pmrun-bench (or the platform's user cache directory).
func defaultCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "pmrun-bench")
	}
	return filepath.Join(dir, "pmrun-bench")
}
