package harness

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pmrun/pmrun/bench/internal/gen"
)

// Server is what the driver needs of the loopback target server.
type Server interface {
	URL() string
	Requests() int64
	Conns() int64
	Reset()
}

// Config is one benchmark session.
type Config struct {
	Scenarios []gen.Scenario
	// Pmrun is required; Newman and Floor are left out when their Path is empty.
	Pmrun, Newman, Floor Tool
	// Variants add pmrun rows with extra arguments (already checked to be supported).
	Variants []Variant
	// Runs is the number of measured runs per row.
	Runs int
	// Latency is the simulated latency of data-scenario requests.
	Latency time.Duration
	// Dir receives the generated collections.
	Dir      string
	Measurer Measurer
	// Log receives one progress line per run and the output of failed runs.
	Log io.Writer
}

// Row is one tool on one scenario.
type Row struct {
	Scenario gen.Scenario
	Tool     Tool
	// Runs are the measured runs that passed every check.
	Runs []Usage
	// Failure is the first failed check; a failed row stops and counts for nothing.
	Failure string
}

// OK reports whether every planned run of the row passed its checks.
func (r Row) OK(planned int) bool { return r.Failure == "" && len(r.Runs) == planned }

// Run measures every scenario: rows in a rotating order, round by round, so no tool always
// runs first; each run starts from a reset request counter and must exit 0 having sent
// exactly the scenario's requests.
func Run(ctx context.Context, cfg Config, srv Server) ([]Row, error) {
	var all []Row
	for _, s := range cfg.Scenarios {
		files, err := gen.Generate(cfg.Dir, s, gen.Options{BaseURL: srv.URL(), Latency: cfg.Latency})
		if err != nil {
			return nil, err
		}
		rows := cfg.rowsFor(s)
		for round := range cfg.Runs {
			for j := range rows {
				r := &rows[(j+round)%len(rows)]
				if r.Failure != "" {
					continue
				}
				if err := cfg.measureOnce(ctx, r, files, srv, round); err != nil {
					return nil, err
				}
			}
		}
		all = append(all, rows...)
	}
	return all, nil
}

// rowsFor lists the rows of scenario s: the floor (plain only), pmrun, Newman, variants.
func (cfg Config) rowsFor(s gen.Scenario) []Row {
	var rows []Row
	if cfg.Floor.Path != "" && s.Kind == gen.Plain {
		rows = append(rows, Row{Scenario: s, Tool: cfg.Floor})
	}
	rows = append(rows, Row{Scenario: s, Tool: cfg.Pmrun})
	if cfg.Newman.Path != "" {
		rows = append(rows, Row{Scenario: s, Tool: cfg.Newman})
	}
	for _, v := range cfg.Variants {
		if v.Kind == s.Kind {
			rows = append(rows, Row{Scenario: s, Tool: v.tool(cfg.Pmrun)})
		}
	}
	return rows
}

// measureOnce runs row r once and records the run or the failure.
func (cfg Config) measureOnce(ctx context.Context, r *Row, f gen.Files, srv Server, round int) error {
	srv.Reset()
	u, out, err := cfg.Measurer.Measure(ctx, r.Tool.Argv(r.Scenario, f, srv.URL()))
	if err != nil {
		return fmt.Errorf("%s on %s: %w", r.Tool.Label, r.Scenario.Name, err)
	}
	prefix := fmt.Sprintf("%-14s %-20s run %d/%d", r.Scenario.Name, r.Tool.Label, round+1, cfg.Runs)
	if why := check(u, srv.Requests(), int64(r.Scenario.Requests())); why != "" {
		r.Failure = why
		_, _ = fmt.Fprintf(cfg.Log, "%s  FAILED: %s\n%s\n", prefix, why, indent(lastLines(out, 20)))
		return nil
	}
	r.Runs = append(r.Runs, u)
	_, _ = fmt.Fprintf(cfg.Log, "%s  wall %s  cpu %s  rss %s  conns %d\n", prefix,
		fmtSeconds(time.Duration(u.WallNS).Seconds()), fmtSeconds(time.Duration(u.UserNS+u.SysNS).Seconds()),
		fmtMiB(float64(u.MaxRSSKiB)/1024), srv.Conns())
	return nil
}

// check returns why a run does not count, or "" when it does.
func check(u Usage, saw, want int64) string {
	switch {
	case u.Err != "":
		return u.Err
	case u.ExitCode != 0:
		return fmt.Sprintf("exit status %d", u.ExitCode)
	case saw != want:
		return fmt.Sprintf("the target saw %d requests, want %d", saw, want)
	}
	return ""
}

// lastLines is the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func indent(s string) string {
	if s == "" {
		return "    (no output)"
	}
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
