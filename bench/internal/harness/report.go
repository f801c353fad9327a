package harness

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Report is everything the driver prints: the setting, the results table and the targets.
type Report struct {
	Date     time.Time
	Machine  string
	Versions []string
	Settings string
	// Notes are things the reader must know (a tool left out, a variant skipped).
	Notes []string
	Rows  []Row
	// Runs is the planned number of runs per row.
	Runs int
}

// WriteMarkdown writes the report as Markdown.
func (r Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	_, _ = fmt.Fprintf(&b, "Measured %s on %s.\n\n", r.Date.UTC().Format("2006-01-02 15:04 MST"), r.Machine)
	if len(r.Versions) > 0 {
		_, _ = fmt.Fprintf(&b, "Versions: %s. %s\n\n", strings.Join(r.Versions, ", "), r.Settings)
	}
	for _, n := range r.Notes {
		_, _ = fmt.Fprintf(&b, "- %s\n", n)
	}
	if len(r.Notes) > 0 {
		b.WriteString("\n")
	}
	writeTable(&b, r.Rows, r.Runs)
	b.WriteString("\n")
	writeTargets(&b, Targets(r.Rows, r.Runs))
	writeFailures(&b, r.Rows)
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// writeTable writes one line per row with the ratio column filled where a comparison exists.
func writeTable(b *strings.Builder, rows []Row, runs int) {
	b.WriteString("| scenario | tool | runs ok | wall median (min–max) | CPU median | peak RSS median | ratios |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, row := range rows {
		st := StatsOf(row.Runs)
		wall, cpu, rss := "—", "—", "—"
		if len(row.Runs) > 0 {
			wall, cpu, rss = fmtSpread(st.Wall, fmtSeconds), fmtSeconds(st.CPU.Median), fmtMiB(st.RSS.Median)
		}
		okRuns := fmt.Sprintf("%d/%d", len(row.Runs), runs)
		if row.Failure != "" {
			okRuns += " FAILED"
		}
		_, _ = fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n",
			row.Scenario.Name, row.Tool.Label, okRuns, wall, cpu, rss, ratioCell(row, rows, runs))
	}
}

// ratioCell is the comparison shown on a row: pmrun/Newman for pmrun, pmrun/floor for the
// floor, the speedup over pmrun for a variant.
func ratioCell(row Row, rows []Row, runs int) string {
	if !row.OK(runs) {
		return ""
	}
	st := StatsOf(row.Runs)
	switch {
	case row.Tool.Label == LabelPmrun:
		nm, ok := find(rows, row.Scenario.Name, LabelNewman, runs)
		if !ok {
			return ""
		}
		ns := StatsOf(nm.Runs)
		return fmt.Sprintf("pmrun/Newman: wall %s · CPU %s · RSS %s",
			fmtRatio(ratio(st.Wall.Median, ns.Wall.Median)), fmtRatio(ratio(st.CPU.Median, ns.CPU.Median)),
			fmtRatio(ratio(st.RSS.Median, ns.RSS.Median)))
	case row.Tool.Label == LabelFloor:
		pm, ok := find(rows, row.Scenario.Name, LabelPmrun, runs)
		if !ok {
			return ""
		}
		return "pmrun/floor: wall " + fmtRatio(ratio(StatsOf(pm.Runs).Wall.Median, st.Wall.Median))
	case row.Tool.Base != "":
		base, ok := find(rows, row.Scenario.Name, row.Tool.Base, runs)
		if !ok {
			return ""
		}
		return fmt.Sprintf("%s× faster than %s", fmtRatio(ratio(StatsOf(base.Runs).Wall.Median, st.Wall.Median)), row.Tool.Base)
	}
	return ""
}

// find returns the fully valid row of a tool on a scenario.
func find(rows []Row, scenario, label string, runs int) (Row, bool) {
	for _, r := range rows {
		if r.Scenario.Name == scenario && r.Tool.Label == label {
			return r, r.OK(runs)
		}
	}
	return Row{}, false
}

func writeFailures(b *strings.Builder, rows []Row) {
	first := true
	for _, r := range rows {
		if r.Failure == "" {
			continue
		}
		if first {
			b.WriteString("\nFailed rows (they count for nothing):\n\n")
			first = false
		}
		_, _ = fmt.Fprintf(b, "- %s, %s: %s\n", r.Scenario.Name, r.Tool.Label, r.Failure)
	}
}
