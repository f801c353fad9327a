package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/fatih/color"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// Options are the CLI reporter's settings (Newman's --reporter-cli-* flags, --color,
// --disable-unicode, --verbose).
type Options struct {
	// Color turns ANSI colours on. The caller decides (--color, NO_COLOR, whether w is a
	// terminal); the reporter does not look.
	Color bool
	// NoSummary leaves out the summary table, NoFailures the failure table.
	NoSummary, NoFailures bool
	// NoAssertions hides every assertion line, NoSuccessAssertions the passed and skipped ones.
	NoAssertions, NoSuccessAssertions bool
	// NoConsole hides script console output; NoBanner the "pmrun" banner.
	NoConsole, NoBanner bool
	// Silent prints nothing at all.
	Silent bool
	// ShowTimestamps prefixes request, assertion and console lines with the event's time.
	ShowTimestamps bool
	// DisableUnicode uses Newman's plain-text symbols.
	DisableUnicode bool
	// Verbose adds each request's and response's headers and bodies after its request line,
	// the timing phases of each exchange, and the source (item › script:line) of each
	// console line.
	Verbose bool
	// FailureDetails is how much evidence of each failed item the summary shows ("" is
	// DetailsSummary).
	FailureDetails FailureDetails
	// Redact masks secrets in a body before the failure details cut it, so a cut never
	// shows the start of a secret (nil: no masking; the caller masks the output as well).
	Redact func(string) string
	// Summary returns the run's summary, built by a Collector that receives every event
	// before this reporter does (it numbers failures as they happen). When nil, the reporter
	// feeds a Collector of its own.
	Summary func() *event.Summary
}

// Reporter prints a run to a terminal as it happens. It is not safe for concurrent use;
// events arrive on the run goroutine.
type Reporter struct {
	w       io.Writer
	opts    Options
	sym     symbols
	pal     palette
	own     *event.Collector
	summary func() *event.Summary

	group     *collections.Item // folder of the last item printed
	inRequest bool              // a request line waits for its outcome
	box       *color.Color      // colour of the open console box; nil when none is open
	source    string            // the running script's source, to show where it failed
	level     string            // the running script's level: collection, folder, item or ""
	coll      *collections.Collection
	err       error // first write error; nothing is written after it

	pending    map[string]*event.Request // the item's own request, by execution ref
	failedRefs map[string]bool           // executions with a failure so far
	evidence   []*evidence               // failed executions, in order
}

var _ event.Reporter = (*Reporter)(nil)

// New returns a reporter writing to w.
func New(w io.Writer, opts Options) *Reporter {
	r := &Reporter{w: w, opts: opts, sym: unicodeSymbols, pal: newPalette(opts.Color), summary: opts.Summary,
		pending: map[string]*event.Request{}, failedRefs: map[string]bool{}}
	if opts.DisableUnicode {
		r.sym = asciiSymbols
	}
	if r.summary == nil {
		r.own = event.NewCollector()
		r.summary = r.own.Summary
	}
	return r
}

// Report prints what ev shows. It returns the first error writing to w (and from then on
// prints nothing).
func (r *Reporter) Report(ctx context.Context, ev event.Event) error {
	if r.opts.Silent {
		return nil
	}
	if r.own != nil {
		_ = r.own.Report(ctx, ev) // a Collector never fails
	}
	r.track(ev)
	switch e := ev.(type) {
	case *event.Start:
		r.start(e)
	case *event.BeforeIteration:
		if e.Cursor.Iterations > 1 {
			r.line("\n" + r.pal.grayUnderline.Sprintf("Iteration %d/%d", e.Cursor.Iteration+1, e.Cursor.Iterations))
		}
	case *event.BeforeItem:
		r.beforeItem(e)
	case *event.BeforeRequest:
		r.beforeRequest(e.Time, e.Request)
	case *event.Request:
		r.request(e)
	case *event.BeforeScript:
		r.source = e.Script.Source
		r.level = scriptLevel(r.coll, e.Item, e.Script)
	case *event.Script:
		if e.Err != nil {
			n := padLeft(fmt.Sprint(len(r.summary().Failures)), 3, " ")
			where := ""
			if r.level != "" {
				where = r.pal.gray.Sprint(" (" + r.level + " script)")
			}
			r.line(r.pal.redBold.Sprintf("%s%s %s in %s-script", n, r.sym.scriptErr, e.Err.Name, e.Listen) + where)
			r.scriptErrorDetail(e.Err)
		}
	case *event.Assertion:
		r.assertion(e)
	case *event.Console:
		r.console(e)
	case *event.Warning:
		r.line(r.pal.yellow.Sprint("  warning: " + e.Text))
	case *event.Done:
		r.done()
	}
	return r.err
}

// write writes s, closing an open console box first and ending a pending request line.
func (r *Reporter) write(s string) {
	if r.box != nil {
		box := r.box
		r.box = nil
		r.raw(box.Sprint("  "+r.sym.bottom) + "\n")
	}
	if r.inRequest {
		r.inRequest = false
		r.raw("\n")
	}
	r.raw(s)
}

func (r *Reporter) line(s string) { r.write(s + "\n") }

func (r *Reporter) raw(s string) {
	if r.err == nil {
		_, r.err = io.WriteString(r.w, s)
	}
}

func (r *Reporter) start(e *event.Start) {
	r.coll = e.Collection
	if !r.opts.NoBanner {
		r.write("pmrun\n\n")
	}
	if c := e.Collection; c != nil {
		name := c.Info.Name
		if name == "" {
			name = c.Info.ID
		}
		if name != "" {
			r.line(name)
		}
	}
}

func (r *Reporter) beforeItem(e *event.BeforeItem) {
	it := e.Item
	if it == nil {
		return
	}
	if it.Parent != r.group {
		if it.Parent != nil {
			r.write("\n" + r.sym.folder + " " + event.ItemFullName(it.Parent))
		}
		r.group = it.Parent
	}
	sym := r.sym.root
	if it.Parent != nil {
		sym = r.sym.sub
	}
	r.line("\n" + sym + " " + it.Name)
}

func (r *Reporter) assertion(e *event.Assertion) {
	if r.opts.NoAssertions {
		return
	}
	if e.Skipped {
		if !r.opts.NoSuccessAssertions {
			r.line(r.pal.cyan.Sprint("  - ") + " " + r.pal.cyan.Sprint("[skipped] "+e.Name))
		}
		return
	}
	passed := e.Err == nil
	if passed && r.opts.NoSuccessAssertions {
		return
	}
	var mark, name string
	if passed {
		mark, name = r.pal.green.Sprint("  "+r.sym.ok+" "), r.pal.gray.Sprint(e.Name)
	} else {
		n := fmt.Sprint(len(r.summary().Failures))
		width := 3
		if r.opts.ShowTimestamps {
			width = 2
		}
		mark, name = r.pal.redBold.Sprint(padLeft(n, width, " ")+r.sym.dot), r.pal.redBold.Sprint(e.Name)
	}
	if r.opts.ShowTimestamps {
		r.line("  " + r.pal.gray.Sprint("["+e.Time.Format("15:04:05")+"]") + mark + " " + name)
		return
	}
	r.line(mark + " " + name)
}

func (r *Reporter) console(e *event.Console) {
	if r.opts.NoConsole {
		return
	}
	c := r.pal.level(e.Level)
	if r.opts.ShowTimestamps {
		r.write("\n  " + r.pal.gray.Sprint("["+e.Time.Format("15:04:05")+"]\n"))
	}
	if r.box == nil {
		r.write(c.Sprint("  "+r.sym.top) + "\n")
		r.box = c
	}
	var lines []string
	for _, l := range strings.Split(e.Text, "\n") {
		if strings.TrimSpace(l) != "" { // blank lines are dropped, as Newman does
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	tag := ""
	if e.Level != "log" && e.Level != "" {
		tag = c.Sprint("["+e.Level+"]") + " "
	}
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(c.Sprint("  "+r.sym.middle) + " " + tag + r.pal.gray.Sprint(l))
		if i == 0 && r.opts.Verbose {
			b.WriteString(r.pal.gray.Sprint("  " + r.consoleSource(e)))
		}
		b.WriteString("\n")
	}
	r.raw(b.String()) // inside the open box: do not close it
}

// consoleSource names where a console line came from: item path › script kind:line.
func (r *Reporter) consoleSource(e *event.Console) string {
	sep := " › "
	if r.opts.DisableUnicode {
		sep = " > "
	}
	src := event.ItemFullName(e.Item) + sep + e.Listen
	if r.level == "collection" || r.level == "folder" {
		src += " (" + r.level + ")"
	}
	if e.Line > 0 {
		src += ":" + strconv.Itoa(e.Line)
	}
	return "(" + src + ")"
}

// scriptLevel says where a script running for an item is defined: "collection", "folder"
// or "item" ("" when it is in none of them).
func scriptLevel(c *collections.Collection, it *collections.Item, s collections.Script) string {
	if it == nil {
		return ""
	}
	has := func(evs []collections.Event) bool {
		for _, e := range evs {
			if e.Script.Source == s.Source && e.Script.ID == s.ID {
				return true
			}
		}
		return false
	}
	if has(it.Events) {
		return "item"
	}
	for p := it.Parent; p != nil; p = p.Parent {
		if has(p.Events) {
			return "folder"
		}
	}
	if c != nil && has(c.Events) {
		return "collection"
	}
	return ""
}

// scriptErrorDetail prints a script error's message and, when its position is known, the
// failing source line with a caret under the column, so the user sees where the script
// broke without a stack trace.
func (r *Reporter) scriptErrorDetail(e *event.Error) {
	const indent = "     "
	if e.Message != "" {
		for _, l := range strings.Split(e.Message, "\n") {
			r.line(r.pal.gray.Sprint(indent + l))
		}
	}
	defer func() { // the stack goes under the source line
		for _, f := range e.Trace {
			r.line(r.pal.gray.Sprint(indent + "at " + f))
		}
	}()
	lines := strings.Split(r.source, "\n")
	if e.Line < 1 || e.Line > len(lines) {
		return
	}
	src := strings.TrimRight(lines[e.Line-1], " \t\r")
	num := strconv.Itoa(e.Line)
	r.line(r.pal.gray.Sprintf("%s%s | ", indent, num) + src)
	if e.Column >= 1 && e.Column <= len(src)+1 {
		// Keep tabs so the caret lines up with the source above it.
		pad := strings.Map(func(c rune) rune {
			if c == '\t' {
				return c
			}
			return ' '
		}, src[:e.Column-1])
		r.line(r.pal.gray.Sprintf("%s%s | ", indent, strings.Repeat(" ", len(num))) + r.pal.redBold.Sprint(pad+"^"))
	}

}
