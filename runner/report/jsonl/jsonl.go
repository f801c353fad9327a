package jsonl

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// Version is the schema version every line carries in "v". It changes only when a field
// changes meaning or goes away; new fields and new event types do not change it.
const Version = 1

// Reporter writes one JSON line per event. Lines are flushed at the end of each item and of
// the run, and whenever a quarter of a second has passed, so a tail shows progress without
// a write per line. It is not safe for concurrent use; events arrive on the run goroutine.
type Reporter struct {
	w         *bufio.Writer
	now       func() time.Time
	last      time.Time
	sum       *event.Collector
	summaryOf func() *event.Summary
	fail      map[string]int // failures per execution ref, until its item line
	red       func(string) string
	enc       *json.Encoder
	err       error
}

var _ event.Reporter = (*Reporter)(nil)

// New returns a reporter writing to w. now is the clock used for the flush interval (nil:
// time.Now). redact masks secrets in every text of a line before it is encoded (nil: none);
// the caller should mask what it writes as well.
func New(w io.Writer, now func() time.Time, redact func(string) string) *Reporter {
	if now == nil {
		now = time.Now
	}
	if redact == nil {
		redact = func(s string) string { return s }
	}
	c := event.NewCollector()
	c.DropResponseBodies = true
	bw := bufio.NewWriterSize(w, 16<<10)
	enc := json.NewEncoder(bw)
	// Text as it is (no \u0026 for &): the same spelling the masking of the writer matches.
	enc.SetEscapeHTML(false)
	return &Reporter{w: bw, now: now, sum: c, fail: map[string]int{}, red: redact, enc: enc}
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

// Line is the shape of every line; fields that do not apply to an event type are left out.
type Line struct {
	V    int    `json:"v"`
	Type string `json:"type"`
	Time string `json:"time"`

	Iteration  *int     `json:"iteration,omitempty"` // 1-based
	Iterations int      `json:"iterations,omitempty"`
	Item       []string `json:"item,omitempty"` // folder names down to the item
	ItemID     string   `json:"itemId,omitempty"`

	Collection string `json:"collection,omitempty"`
	Items      int    `json:"items,omitempty"`

	Method     string `json:"method,omitempty"`
	URL        string `json:"url,omitempty"`
	FromScript bool   `json:"fromScript,omitempty"`

	Code     int      `json:"code,omitempty"`
	Status   string   `json:"status,omitempty"`
	TimeMs   *float64 `json:"timeMs,omitempty"`
	Size     *int     `json:"size,omitempty"`
	Timings  *Timings `json:"timings,omitempty"`
	Error    *Error   `json:"error,omitempty"`
	Script   string   `json:"script,omitempty"` // prerequest or test
	Level    string   `json:"level,omitempty"`
	Line     int      `json:"line,omitempty"`
	Text     string   `json:"text,omitempty"`
	Name     string   `json:"name,omitempty"`
	Passed   *bool    `json:"passed,omitempty"`
	Skipped  bool     `json:"skipped,omitempty"`
	Failures *int     `json:"failures,omitempty"`
	Stats    *Stats   `json:"stats,omitempty"`
}

// Timings are one exchange's phases in milliseconds (Newman's --verbose table).
type Timings struct {
	Prepare       float64 `json:"prepare"`
	Wait          float64 `json:"wait"`
	DNS           float64 `json:"dnsLookup"`
	TCP           float64 `json:"tcpHandshake"`
	TLS           float64 `json:"sslHandshake,omitempty"`
	TransferStart float64 `json:"transferStart"`
	Download      float64 `json:"download"`
	Process       float64 `json:"process"`
	Total         float64 `json:"total"`
}

// Error is a failed assertion's, a script's or a request's error.
type Error struct {
	Name     string   `json:"name"`
	Message  string   `json:"message"`
	Expected string   `json:"expected,omitempty"`
	Actual   string   `json:"actual,omitempty"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	Stack    []string `json:"stack,omitempty"`
	Code     string   `json:"code,omitempty"`
}

// Stats are the run's totals in the done line.
type Stats struct {
	Iterations  event.Counter `json:"iterations"`
	Requests    event.Counter `json:"requests"`
	Assertions  event.Counter `json:"assertions"`
	TestScripts event.Counter `json:"testScripts"`
	PreScripts  event.Counter `json:"prerequestScripts"`
	DurationMs  float64       `json:"durationMs"`
}

// Report writes the line of ev, if it has one. It returns the first write error (and from
// then on writes nothing).
func (r *Reporter) Report(ctx context.Context, ev event.Event) error {
	if r.sum != nil {
		_ = r.sum.Report(ctx, ev) // a Collector never fails
	}
	if r.err != nil {
		return r.err
	}
	h := ev.Base()
	switch e := ev.(type) {
	case *event.Assertion:
		if e.Err != nil && !e.Skipped {
			r.fail[h.Cursor.Ref]++
		}
	case *event.Script:
		if e.Err != nil {
			r.fail[h.Cursor.Ref]++
		}
	case *event.Request:
		if e.Err != nil {
			r.fail[h.Cursor.Ref]++
		}
	}
	l := &Line{V: Version, Time: h.Time.UTC().Format(time.RFC3339Nano)}
	at := func() {
		i := h.Cursor.Iteration + 1
		l.Iteration, l.Item, l.ItemID = &i, h.Cursor.ItemPath, h.Cursor.ItemID
	}
	flush := false
	switch e := ev.(type) {
	case *event.Start:
		l.Type, l.Iterations, l.Items = "start", h.Cursor.Iterations, h.Cursor.Length
		if e.Collection != nil {
			l.Collection = e.Collection.Info.Name
		}
		flush = true
	case *event.BeforeIteration:
		i := h.Cursor.Iteration + 1
		l.Type, l.Iteration, l.Iterations = "iteration", &i, h.Cursor.Iterations
	case *event.BeforeRequest:
		if e.Request == nil {
			return nil
		}
		at()
		l.Type, l.Method, l.URL = "request", e.Request.Method, e.Request.URL
	case *event.Request:
		at()
		l.Type, l.FromScript = "response", e.FromScript
		if e.Request != nil {
			l.Method, l.URL = e.Request.Method, e.Request.URL
		}
		if e.Err != nil || e.Response == nil {
			l.Error = errorOf(e.Err)
			if l.Error == nil {
				l.Error = &Error{Name: "Error", Message: "no response"}
			}
			break
		}
		res := e.Response
		l.Code, l.Status = res.Code, res.Status
		ms, size := millis(res.ResponseTime), res.Size
		l.TimeMs, l.Size, l.Timings = &ms, &size, timingsOf(res.Timings)
	case *event.Console:
		at()
		l.Type, l.Script, l.Level, l.Line, l.Text = "console", e.Listen, e.Level, e.Line, e.Text
	case *event.Assertion:
		at()
		passed := e.Err == nil && !e.Skipped
		l.Type, l.Script, l.Name, l.Passed, l.Skipped = "assertion", e.Listen, e.Name, &passed, e.Skipped
		if !e.Skipped {
			l.Error = errorOf(e.Err)
		}
	case *event.Script:
		if e.Err == nil {
			return nil
		}
		at()
		l.Type, l.Script, l.Error = "scriptError", e.Listen, errorOf(e.Err)
	case *event.Warning:
		at()
		l.Type, l.Text = "warning", e.Text
	case *event.Item:
		at()
		n := r.fail[h.Cursor.Ref]
		delete(r.fail, h.Cursor.Ref)
		passed := n == 0
		l.Type, l.Passed, l.Failures = "item", &passed, &n
		if e.Item != nil {
			l.Name = e.Item.Name
		}
		flush = true
	case *event.Done:
		s := r.summaryNow()
		st := s.Stats
		n := len(s.Failures)
		l.Type, l.Failures = "done", &n
		l.Stats = &Stats{Iterations: st.Iterations, Requests: st.Requests, Assertions: st.Assertions,
			TestScripts: st.TestScripts, PreScripts: st.PrerequestScripts,
			DurationMs: millis(s.Timings.Completed.Sub(s.Timings.Started))}
		l.Error = errorOf(e.Err)
		flush = true
	default:
		return nil
	}
	r.redactLine(l)
	if err := r.enc.Encode(l); err != nil { // Encode ends the line with \n
		r.err = err
		return err
	}
	if now := r.now(); flush || now.Sub(r.last) > 250*time.Millisecond {
		r.last = now
		r.err = r.w.Flush()
	}
	return r.err
}

// redactLine masks secrets in the texts of l.
func (r *Reporter) redactLine(l *Line) {
	for _, s := range []*string{&l.URL, &l.Text, &l.Name, &l.Collection, &l.Status} {
		if *s != "" {
			*s = r.red(*s)
		}
	}
	l.Item = redactAll(l.Item, r.red) // copies: the cursor's path is shared
	if e := l.Error; e != nil {
		e.Message, e.Expected, e.Actual = r.red(e.Message), r.red(e.Expected), r.red(e.Actual)
		e.Stack = redactAll(e.Stack, r.red)
	}
}

func redactAll(in []string, red func(string) string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = red(s)
	}
	return out
}

func errorOf(e *event.Error) *Error {
	if e == nil {
		return nil
	}
	return &Error{Name: e.Name, Message: e.Message, Expected: e.Expected, Actual: e.Actual,
		Line: e.Line, Column: e.Column, Stack: e.Trace, Code: e.Code}
}

func millis(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}

func timingsOf(t collections.Timings) *Timings {
	if t.Total == 0 {
		return nil
	}
	return &Timings{Prepare: millis(t.Prepare), Wait: millis(t.Wait), DNS: millis(t.DNS), TCP: millis(t.TCP),
		TLS: millis(t.TLS), TransferStart: millis(t.TransferStart), Download: millis(t.Download),
		Process: millis(t.Process), Total: millis(t.Total)}
}
