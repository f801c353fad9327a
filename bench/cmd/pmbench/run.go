package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/pmrun/pmrun/bench/internal/gen"
	"github.com/pmrun/pmrun/bench/internal/harness"
	"github.com/pmrun/pmrun/bench/internal/target"
)

// run is pmbench without the process: it returns the exit code (0 all runs valid, 1 a run
// failed its checks, 2 bad usage or setup).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "pmbench:", err)
		return 2
	}
	rows, rep, err := session(ctx, o, stderr)
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "pmbench:", err)
		return 2
	}
	if err := rep.WriteMarkdown(stdout); err != nil {
		_, _ = fmt.Fprintln(stderr, "pmbench:", err)
		return 2
	}
	if o.out != "" {
		if err := writeFile(o.out, rep); err != nil {
			_, _ = fmt.Fprintln(stderr, "pmbench:", err)
			return 2
		}
	}
	for _, r := range rows {
		if r.Failure != "" {
			return 1
		}
	}
	return 0
}

// session sets everything up, runs the scenarios and returns the rows and the report.
func session(ctx context.Context, o options, log io.Writer) ([]harness.Row, harness.Report, error) {
	scenarios, err := parseScenarios(o.only)
	if err != nil {
		return nil, harness.Report{}, err
	}
	pmrun, err := filepath.Abs(o.pmrun)
	if err != nil {
		return nil, harness.Report{}, fmt.Errorf("pmrun path %s: %w", o.pmrun, err)
	}
	if _, err := os.Stat(pmrun); err != nil {
		return nil, harness.Report{}, fmt.Errorf("pmrun binary: %w (build it with `make build`)", err)
	}
	dir, err := os.MkdirTemp("", "pmbench-")
	if err != nil {
		return nil, harness.Report{}, fmt.Errorf("temp dir: %w", err)
	}
	if o.keep {
		_, _ = fmt.Fprintln(log, "generated files are kept in", dir)
	} else {
		defer func() { _ = os.RemoveAll(dir) }()
	}
	srv, err := target.Start(gen.HMACKey)
	if err != nil {
		return nil, harness.Report{}, err
	}
	defer func() { _ = srv.Close() }()

	self, err := os.Executable()
	if err != nil {
		return nil, harness.Report{}, fmt.Errorf("find the pmbench binary for the launcher: %w", err)
	}
	cfg := harness.Config{
		Scenarios: scenarios, Runs: o.runs, Latency: o.latency, Dir: dir, Log: log,
		Pmrun:    harness.Tool{Label: harness.LabelPmrun, Path: pmrun},
		Measurer: harness.Measurer{Launcher: self, Timeout: o.timeout, Dir: dir},
	}
	rep := harness.Report{Date: time.Now(), Machine: harness.Machine(), Runs: o.runs}
	rep.Notes = setupTools(ctx, o, &cfg, dir, log)
	if err := warmUp(ctx, &cfg, srv, &rep.Notes); err != nil {
		return nil, rep, err
	}
	rep.Versions = versions(ctx, cfg)
	rep.Settings = settings(o, cfg)
	rows, err := harness.Run(ctx, cfg, srv)
	if err != nil {
		return nil, rep, err
	}
	rep.Rows = rows
	return rows, rep, nil
}

func parseScenarios(list string) ([]gen.Scenario, error) {
	var out []gen.Scenario
	for _, name := range strings.Split(list, ",") {
		s, err := gen.Parse(strings.TrimSpace(name))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// setupTools finds Newman, builds the floor client and keeps the variants pmrun supports;
// it returns what the reader must know about anything left out.
func setupTools(ctx context.Context, o options, cfg *harness.Config, dir string, log io.Writer) []string {
	var notes []string
	switch o.newman {
	case "none":
		notes = append(notes, "Newman left out (-newman none): pmrun runs alone, no ratios.")
	case "":
		p, why := harness.FindNewman(ctx, o.cacheDir, o.newmanVer, o.install, log)
		if p == "" {
			notes = append(notes, why+": pmrun runs alone, no ratios.")
		}
		cfg.Newman = harness.Tool{Label: harness.LabelNewman, Path: p}
	default:
		cfg.Newman = harness.Tool{Label: harness.LabelNewman, Path: o.newman}
	}
	switch o.floor {
	case "none":
		notes = append(notes, "Floor client left out (-floor none).")
	case "":
		p, err := buildFloor(ctx, dir)
		if err != nil {
			notes = append(notes, fmt.Sprintf("Floor client left out: %v.", err))
		}
		cfg.Floor = harness.Tool{Label: harness.LabelFloor, Path: p, Floor: true}
	default:
		cfg.Floor = harness.Tool{Label: harness.LabelFloor, Path: o.floor, Floor: true}
	}
	for _, e := range o.extra {
		v, ok := harness.ParseVariant(e)
		if !ok {
			notes = append(notes, fmt.Sprintf("Ignored -extra %q: want kind:args.", e))
			continue
		}
		missing, err := harness.MissingFlags(ctx, cfg.Pmrun.Path, v.Flags())
		switch {
		case err != nil:
			notes = append(notes, fmt.Sprintf("Skipped the `pmrun %s` row: %v.", strings.Join(v.Args, " "), err))
		case len(missing) > 0:
			notes = append(notes, fmt.Sprintf("Skipped the `pmrun %s` row: `pmrun run` has no %s flag yet.",
				strings.Join(v.Args, " "), strings.Join(missing, ", ")))
		default:
			cfg.Variants = append(cfg.Variants, v)
		}
	}
	return notes
}

// buildFloor compiles bench/cmd/floor into dir.
func buildFloor(ctx context.Context, dir string) (string, error) {
	out := filepath.Join(dir, "floor")
	if runtime.GOOS == "windows" {
		out += ".exe"
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "github.com/pmrun/pmrun/bench/cmd/floor")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build bench/cmd/floor: %w: %s", err, strings.TrimSpace(string(b)))
	}
	return out, nil
}

// warmUp runs pmrun and Newman once, unmeasured, on the empty collection: it fills the
// page cache and catches a broken tool before the long runs. A broken Newman is left out;
// a broken pmrun stops the session.
func warmUp(ctx context.Context, cfg *harness.Config, srv *target.Server, notes *[]string) error {
	empty := harness.Config{
		Scenarios: []gen.Scenario{{Name: "empty", Kind: gen.Empty}}, Runs: 1, Dir: cfg.Dir,
		Pmrun: cfg.Pmrun, Newman: cfg.Newman, Measurer: cfg.Measurer, Log: io.Discard,
	}
	rows, err := harness.Run(ctx, empty, srv)
	if err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	for _, r := range rows {
		if r.Failure == "" {
			continue
		}
		if r.Tool.Label == harness.LabelPmrun {
			return fmt.Errorf("warm-up: pmrun run on an empty collection failed: %s", r.Failure)
		}
		*notes = append(*notes, fmt.Sprintf("Newman left out: its warm-up run failed (%s).", r.Failure))
		cfg.Newman = harness.Tool{}
	}
	return nil
}

// versions names what was measured.
func versions(ctx context.Context, cfg harness.Config) []string {
	out := []string{"pmrun " + versionOr(ctx, cfg.Pmrun.Path, "--version")}
	if cfg.Newman.Path != "" {
		out = append(out, "Newman "+versionOr(ctx, cfg.Newman.Path, "--version"))
		out = append(out, "Node.js "+versionOr(ctx, "node", "--version"))
	}
	return append(out, runtime.Version())
}

func versionOr(ctx context.Context, path string, args ...string) string {
	v, err := harness.Version(ctx, path, args...)
	if err != nil {
		return "(unknown)"
	}
	return v
}

// settings is the one-line description of how the numbers were taken.
func settings(o options, cfg harness.Config) string {
	return fmt.Sprintf("Runs per row: %d, tools alternating, after one unmeasured warm-up run each. "+
		"N=%d; data run: %d iterations × %d requests with %s of simulated server latency each; "+
		"cpu run: the same iterations × %d requests, no latency. "+
		"Commands: `<tool> run <collection> [-d <data> -n <iterations>]` with the tool's default reporter "+
		"writing to a pipe. Peak RSS is taken through a small launcher process (its own floor is ~2 MiB).",
		cfg.Runs, o.n, o.iterations, gen.DataItems, o.latency, gen.CPUItems)
}

func writeFile(path string, rep harness.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := rep.WriteMarkdown(f); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	return nil
}
