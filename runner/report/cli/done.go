package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fatih/color"

	"github.com/pmrun/pmrun/runner/event"
)

// done closes the stream and prints the summary and failure tables.
func (r *Reporter) done() {
	r.write("") // close a console box or a request line left open
	s := r.summary()
	if s == nil {
		return
	}
	if !r.opts.NoSummary {
		r.raw("\n" + r.statsTable(s)) // the table ends with a line break
	}
	if !r.opts.NoFailures && len(s.Failures) > 0 {
		r.raw("\n" + r.failureTable(s.Failures))
		r.raw(r.failureDetails(s.Failures))
	}
}

// statsTable renders Newman's summary table.
func (r *Reporter) statsTable(s *event.Summary) string {
	t := &statsTable{head: [3]text{{}, {Plain: "executed"}, {Plain: "  failed"}}}
	for _, row := range s.Stats.TableRows() {
		label := text{Plain: row.Label, Color: r.pal.green}
		failed := text{Plain: strconv.Itoa(row.Failed)}
		switch {
		case row.Failed > 0:
			label.Color, failed.Color = r.pal.red, r.pal.red
		case row.Pending > 0:
			label.Color = nil
		}
		t.rows = append(t.rows, [3]text{label, {Plain: strconv.Itoa(row.Total)}, failed})
	}
	tm := s.Timings
	if !tm.Started.IsZero() {
		t.spans = append(t.spans, text{Plain: "total run duration: " + prettyDuration(tm.Completed.Sub(tm.Started))})
	}
	t.spans = append(t.spans, text{Plain: "total data received: " + fileSize(s.Transfers.ResponseTotal) + " (approx)"})
	t.spans = append(t.spans, phaseRows(tm)...)
	var border *color.Color
	if r.opts.Color {
		border = r.pal.gray
	}
	return t.render(r.sym.table, border)
}

// phaseRows are the average [min, max, s.d.] rows of the timing phases that have samples.
func phaseRows(tm event.Timings) []text {
	var out []text
	add := func(label string, avg, minD, maxD, sd time.Duration) {
		if avg == 0 {
			return
		}
		out = append(out, text{Plain: fmt.Sprintf("%s %s [min: %s, max: %s, s.d.: %s]", label,
			prettyDuration(avg), prettyDuration(minD), prettyDuration(maxD), prettyDuration(sd))})
	}
	add("average response time:", tm.ResponseAverage, tm.ResponseMin, tm.ResponseMax, tm.ResponseSd)
	add("average DNS lookup time:", tm.DNSAverage, tm.DNSMin, tm.DNSMax, tm.DNSSd)
	add("average first byte time:", tm.FirstByteAverage, tm.FirstByteMin, tm.FirstByteMax, tm.FirstByteSd)
	return out
}

// failureTable renders Newman's failure table: number, error name (and iteration when the
// run has several), then the assertion, message, location and item.
func (r *Reporter) failureTable(fs []event.Failure) string {
	digits := len(strconv.Itoa(len(fs)))
	rows := [][]cell{{
		{{Plain: "#", Color: r.pal.redUnderline}},
		{{Plain: "failure", Color: r.pal.redUnderline}},
		{{Plain: "detail", Color: r.pal.redUnderline}},
	}}
	for i, f := range fs {
		var name, detail cell
		name = append(name, text{Plain: f.Err.Name})
		if f.Cursor.Iterations > 1 {
			name = append(name, text{Plain: "iteration: " + strconv.Itoa(f.Cursor.Iteration+1), Color: r.pal.gray})
		}
		detail = append(detail, text{Plain: f.Err.Test})
		for _, l := range strings.Split(f.Err.Message, "\n") {
			detail = append(detail, text{Plain: l, Color: r.pal.gray})
		}
		if f.At != "" {
			detail = append(detail, text{Plain: "at " + f.At, Color: r.pal.gray})
		}
		if f.Source != nil {
			detail = append(detail, text{Plain: `inside "` + event.ItemFullName(f.Source) + `"`, Color: r.pal.gray})
		}
		num := padLeft(strconv.Itoa(i+1), digits, "0") + "."
		rows = append(rows, []cell{{{Plain: num}}, name, detail})
	}
	return plainTable(rows)
}
