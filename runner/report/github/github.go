package github

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pmrun/pmrun/runner/event"
)

// Reporter writes workflow commands to Log as failures happen and, at the end of the run,
// the Markdown job summary to Summary (when it is not nil). It is not safe for concurrent
// use; events arrive on the run goroutine.
type Reporter struct {
	log       io.Writer
	summary   io.Writer
	sum       *event.Collector
	summaryOf func() *event.Summary
	red       func(string) string
	err       error
}

var _ event.Reporter = (*Reporter)(nil)

// New returns a reporter writing commands to log and the job summary to summary (nil: no
// summary). redact masks secrets in every text before it is escaped (nil: none); the
// caller should mask what it writes as well.
func New(log, summary io.Writer, redact func(string) string) *Reporter {
	c := event.NewCollector()
	c.DropResponseBodies = true
	if redact == nil {
		redact = func(s string) string { return s }
	}
	return &Reporter{log: log, summary: summary, sum: c, red: redact}
}

// UseSummary makes the reporter read the run's summary from f (a Collector that receives
// every event before this reporter does) instead of keeping a Collector of its own.
func (r *Reporter) UseSummary(f func() *event.Summary) { r.sum, r.summaryOf = nil, f }

// summaryNow is the run's summary so far.
func (r *Reporter) summaryNow() *event.Summary {
	if r.summaryOf != nil {
		return r.summaryOf()
	}
	return r.sum.Summary()
}

// Report writes a workflow command for each failure and the summary at Done. It returns
// the first write error.
func (r *Reporter) Report(ctx context.Context, ev event.Event) error {
	if r.sum != nil {
		_ = r.sum.Report(ctx, ev) // a Collector never fails
	}
	if r.err != nil {
		return r.err
	}
	where := func(h *event.Header) string {
		s := strings.Join(h.Cursor.ItemPath, " / ")
		if h.Cursor.Iterations > 1 {
			s += " (iteration " + strconv.Itoa(h.Cursor.Iteration+1) + ")"
		}
		return s
	}
	switch e := ev.(type) {
	case *event.Assertion:
		if e.Err != nil && !e.Skipped {
			msg := e.Name + ": " + e.Err.Message
			if e.Err.Expected != "" || e.Err.Actual != "" {
				msg += "\nexpected: " + e.Err.Expected + "\nactual:   " + e.Err.Actual
			}
			r.command("error", "pmrun: "+where(&e.Header), msg)
		}
	case *event.Script:
		if e.Err != nil {
			msg := e.Err.Name + " in " + e.Listen + "-script"
			if e.Err.Line > 0 {
				msg += " at line " + strconv.Itoa(e.Err.Line) + ":" + strconv.Itoa(e.Err.Column)
			}
			msg += ": " + e.Err.Message
			for _, f := range e.Err.Trace {
				msg += "\n  at " + f
			}
			r.command("error", "pmrun: "+where(&e.Header), msg)
		}
	case *event.Request:
		if e.Err != nil {
			url := ""
			if e.Request != nil {
				url = e.Request.Method + " " + e.Request.URL + ": "
			}
			r.command("error", "pmrun: "+where(&e.Header), url+e.Err.Message)
		}
	case *event.Warning:
		r.command("warning", "pmrun: "+where(&e.Header), e.Text)
	case *event.Done:
		if r.summary != nil {
			r.write(r.summary, markdown(r.summaryNow(), r.red))
		}
	}
	return r.err
}

func (r *Reporter) write(w io.Writer, s string) {
	if r.err == nil {
		_, r.err = io.WriteString(w, s)
	}
}

// command writes one workflow command: "::name title=…::message".
func (r *Reporter) command(name, title, msg string) {
	r.write(r.log, "::"+name+" title="+escapeProperty(r.red(title))+"::"+escapeData(r.red(msg))+"\n")
}

// escapeData escapes a command's message as GitHub's runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a command property's value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Markdown is the job summary of a run: a verdict, the totals and the failures.
func Markdown(s *event.Summary) string { return markdown(s, func(s string) string { return s }) }

func markdown(s *event.Summary, red func(string) string) string {
	md := func(s string) string { return mdCell(red(s)) }
	var b strings.Builder
	name := "collection"
	if s.Collection != nil && s.Collection.Info.Name != "" {
		name = s.Collection.Info.Name
	}
	verdict := "✅ passed"
	if len(s.Failures) > 0 || s.Err != nil {
		verdict = fmt.Sprintf("❌ %d failure%s", len(s.Failures), plural(len(s.Failures)))
	}
	fmt.Fprintf(&b, "## pmrun: %s — %s\n\n", md(name), verdict)
	b.WriteString("| | executed | failed |\n|---|---:|---:|\n")
	for _, row := range s.Stats.TableRows() {
		fmt.Fprintf(&b, "| %s | %d | %d |\n", row.Label, row.Total, row.Failed)
	}
	d := s.Timings.Completed.Sub(s.Timings.Started).Round(time.Millisecond)
	fmt.Fprintf(&b, "\nDuration %s, average response time %s.\n", d, s.Timings.ResponseAverage.Round(time.Microsecond))
	if len(s.Failures) == 0 {
		return b.String()
	}
	b.WriteString("\n### Failures\n\n| # | item | failure | detail |\n|---:|---|---|---|\n")
	for i, f := range s.Failures {
		item := event.ItemFullName(f.Source)
		if f.Cursor.Iterations > 1 {
			item += " (iteration " + strconv.Itoa(f.Cursor.Iteration+1) + ")"
		}
		what := f.Err.Name
		if f.Err.Test != "" {
			what += ": " + f.Err.Test
		}
		detail := f.Err.Message
		if f.Err.Expected != "" || f.Err.Actual != "" {
			detail += " (expected " + f.Err.Expected + ", actual " + f.Err.Actual + ")"
		}
		if f.At != "" {
			detail += " — at " + f.At
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", i+1, md(item), md(what), md(detail))
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// mdCell makes text safe inside a Markdown table cell: no pipes, no line breaks, no HTML.
func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\r", "", "\n", "<br>", "<", "&lt;", ">", "&gt;", "`", "\\`").Replace(s)
}
