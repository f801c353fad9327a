package html

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	_ "embed"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// Body caps: every response body is kept up to failedBodyCap while its item runs; a body of
// an item that passed is then cut to bodyCap. The page says where a body was cut.
const (
	bodyCap       = 8 << 10
	failedBodyCap = 64 << 10
	consoleCap    = 8 << 10
)

//go:embed page.html
var pageSource string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"ms": func(d time.Duration) string { return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) },
}).Parse(pageSource))

// Reporter collects the run for the page. It is not safe for concurrent use; events arrive
// on the run goroutine.
type Reporter struct {
	sum       *event.Collector
	summaryOf func() *event.Summary
	execs     []*execution
	byRef     map[string]*execution
	sources   map[string]string // the running script's source, by execution ref
	started   time.Time
	red       func(string) string
}

var _ event.Reporter = (*Reporter)(nil)

// New returns an empty reporter. redact masks secrets in every text the page shows, before
// it is escaped for HTML or JSON (nil: none); the caller should mask the page as well.
func New(redact func(string) string) *Reporter {
	c := event.NewCollector()
	c.DropResponseBodies = true
	if redact == nil {
		redact = func(s string) string { return s }
	}
	return &Reporter{sum: c, byRef: map[string]*execution{}, sources: map[string]string{}, red: redact}
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

// execution is one request of the run as the page shows it. Short JSON names keep the page
// small on big runs.
type execution struct {
	Iteration int         `json:"it"`
	Path      string      `json:"p"`
	Method    string      `json:"m,omitempty"`
	URL       string      `json:"u,omitempty"`
	ReqHead   [][2]string `json:"qh,omitempty"`
	ReqBody   string      `json:"qb,omitempty"`
	Code      int         `json:"c,omitempty"`
	Status    string      `json:"s,omitempty"`
	TimeMs    float64     `json:"t"`
	Size      int         `json:"z,omitempty"`
	ResHead   [][2]string `json:"rh,omitempty"`
	ResBody   string      `json:"rb,omitempty"`
	BodySize  int         `json:"bz,omitempty"` // full size when ResBody was cut
	ReqError  string      `json:"re,omitempty"`
	Console   []console   `json:"cl,omitempty"`
	Asserts   []assertion `json:"a,omitempty"`
	Errors    []scriptErr `json:"se,omitempty"`
	Failed    bool        `json:"f,omitempty"`
	Timings   []float64   `json:"tp,omitempty"` // prepare, wait, dns, tcp, tls, transfer-start, download, process, total
	ref       string
	masked    bool
}

type console struct {
	Level  string `json:"l"`
	Text   string `json:"x"`
	Listen string `json:"k"`
	Line   int    `json:"n,omitempty"`
}

type assertion struct {
	Name     string `json:"n"`
	State    int    `json:"s"` // 0 passed, 1 failed, 2 skipped
	Message  string `json:"m,omitempty"`
	Expected string `json:"e,omitempty"`
	Actual   string `json:"a,omitempty"`
}

type scriptErr struct {
	Listen  string   `json:"k"`
	Name    string   `json:"n"`
	Message string   `json:"m"`
	Line    int      `json:"l,omitempty"`
	Column  int      `json:"c,omitempty"`
	Source  string   `json:"src,omitempty"` // the failing source line
	Trace   []string `json:"tr,omitempty"`
}

// Report collects ev.
func (r *Reporter) Report(ctx context.Context, ev event.Event) error {
	if r.sum != nil {
		_ = r.sum.Report(ctx, ev) // a Collector never fails
	}
	h := ev.Base()
	ref := h.Cursor.Ref
	switch e := ev.(type) {
	case *event.Start:
		r.started = e.Time
	case *event.BeforeItem:
		x := &execution{Iteration: h.Cursor.Iteration + 1, Path: strings.Join(h.Cursor.ItemPath, " / "), ref: ref}
		r.byRef[ref] = x
		r.execs = append(r.execs, x)
	case *event.BeforeScript:
		r.sources[ref] = e.Script.Source
	case *event.Request:
		if x := r.byRef[ref]; x != nil && !e.FromScript {
			fillRequest(x, e, r.red)
		}
	case *event.Console:
		if x := r.byRef[ref]; x != nil {
			x.Console = append(x.Console, console{Level: e.Level, Text: clip(r.red(e.Text), consoleCap), Listen: e.Listen, Line: e.Line})
		}
	case *event.Assertion:
		if x := r.byRef[ref]; x != nil {
			a := assertion{Name: e.Name}
			switch {
			case e.Skipped:
				a.State = 2
			case e.Err != nil:
				a.State, a.Message, a.Expected, a.Actual = 1, e.Err.Message, e.Err.Expected, e.Err.Actual
				x.Failed = true
			}
			x.Asserts = append(x.Asserts, a)
		}
	case *event.Script:
		if x := r.byRef[ref]; x != nil && e.Err != nil {
			se := scriptErr{Listen: e.Listen, Name: e.Err.Name, Message: e.Err.Message, Line: e.Err.Line,
				Column: e.Err.Column, Trace: e.Err.Trace}
			if lines := strings.Split(r.sources[ref], "\n"); e.Err.Line >= 1 && e.Err.Line <= len(lines) {
				se.Source = strings.TrimRight(lines[e.Err.Line-1], " \t\r")
			}
			x.Errors = append(x.Errors, se)
			x.Failed = true
		}
	case *event.Item:
		if x := r.byRef[ref]; x != nil {
			if !x.Failed && x.BodySize == 0 && len(x.ResBody) > bodyCap {
				x.BodySize = len(x.ResBody)
				x.ResBody = clip(x.ResBody, bodyCap)
			}
			delete(r.byRef, ref)
			delete(r.sources, ref)
		}
	}
	return nil
}

// redact masks secrets in every text of x, once.
func (x *execution) redact(red func(string) string) {
	if x.masked {
		return
	}
	x.masked = true
	for _, s := range []*string{&x.Path, &x.URL, &x.ReqBody, &x.Status, &x.ResBody, &x.ReqError} {
		*s = red(*s)
	}
	for _, hs := range [][][2]string{x.ReqHead, x.ResHead} {
		for i := range hs {
			hs[i][0], hs[i][1] = red(hs[i][0]), red(hs[i][1])
		}
	}
	for i := range x.Console {
		x.Console[i].Text = red(x.Console[i].Text)
	}
	for i := range x.Asserts {
		a := &x.Asserts[i]
		a.Name, a.Message, a.Expected, a.Actual = red(a.Name), red(a.Message), red(a.Expected), red(a.Actual)
	}
	for i := range x.Errors {
		e := &x.Errors[i]
		e.Message, e.Source = red(e.Message), red(e.Source)
		tr := make([]string, len(e.Trace))
		for j, f := range e.Trace {
			tr[j] = red(f)
		}
		e.Trace = tr
	}
}

// fillRequest records the item's request and response. Bodies are masked before they are
// cut, so a cut never leaves the start of a secret.
func fillRequest(x *execution, e *event.Request, red func(string) string) {
	if e.Request != nil {
		x.Method, x.URL = e.Request.Method, e.Request.URL
		x.ReqHead = headers(e.Request.Headers)
		x.ReqBody = clip(red(text(e.Request.Body)), bodyCap)
	}
	if e.Err != nil || e.Response == nil {
		x.ReqError = "no response"
		if e.Err != nil {
			x.ReqError = e.Err.Message
		}
		x.Failed = true
		return
	}
	res := e.Response
	x.Code, x.Status, x.Size = res.Code, res.Status, res.Size
	x.TimeMs = ms(res.ResponseTime)
	x.ResHead = headers(res.Headers)
	body := red(text(res.Body))
	x.ResBody = clip(body, failedBodyCap)
	if len(x.ResBody) < len(body) {
		x.BodySize = len(body)
	}
	if t := res.Timings; t.Total > 0 {
		x.Timings = []float64{ms(t.Prepare), ms(t.Wait), ms(t.DNS), ms(t.TCP), ms(t.TLS), ms(t.TransferStart),
			ms(t.Download), ms(t.Process), ms(t.Total)}
	}
}

func headers(hs []collections.Header) [][2]string {
	out := make([][2]string, 0, len(hs))
	for _, h := range hs {
		if !h.Disabled {
			out = append(out, [2]string{h.Key, h.Value})
		}
	}
	return out
}

// text is a body as text, or a note for binary content.
func text(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	probe := b[:min(len(b), 4096)]
	if bytes.IndexByte(probe, 0) >= 0 || !utf8.Valid(probe[:max(0, len(probe)-utf8.UTFMax)]) {
		return "(binary body, " + strconv.Itoa(len(b)) + " bytes)"
	}
	return string(b)
}

// clip cuts s to at most n bytes on a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// view is what the page template reads.
type view struct {
	Name       string
	Started    string
	Duration   string
	Rows       []statRow
	Failures   []failureRow
	Data       template.JS
	Requests   int
	Assertions event.Counter
	AvgMs      string
}

type statRow struct {
	Label         string
	Total, Failed int
}

type failureRow struct {
	Num      int
	Exec     int // index into executions, -1 when none
	Item     string
	Name     string
	Message  string
	At       string
	Expected string
	Actual   string
}

// WriteTo renders the page of the run reported so far to w.
func (r *Reporter) WriteTo(w io.Writer) (int64, error) {
	s := r.summaryNow()
	v := view{Name: "collection", Requests: s.Stats.Requests.Total, Assertions: s.Stats.Assertions}
	if s.Collection != nil && s.Collection.Info.Name != "" {
		v.Name = r.red(s.Collection.Info.Name)
	}
	if !s.Timings.Started.IsZero() {
		v.Started = s.Timings.Started.UTC().Format("2006-01-02 15:04:05 UTC")
		v.Duration = s.Timings.Completed.Sub(s.Timings.Started).Round(time.Millisecond).String()
	}
	v.AvgMs = strconv.FormatFloat(ms(s.Timings.ResponseAverage), 'f', 1, 64)
	for _, row := range s.Stats.TableRows() {
		v.Rows = append(v.Rows, statRow{row.Label, row.Total, row.Failed})
	}
	index := map[string]int{}
	for i, x := range r.execs {
		index[x.ref] = i
	}
	for i, f := range s.Failures {
		fr := failureRow{Num: i + 1, Exec: -1, Item: r.red(event.ItemFullName(f.Source)), Name: f.Err.Name,
			Message: r.red(f.Err.Message), At: f.At, Expected: r.red(f.Err.Expected), Actual: r.red(f.Err.Actual)}
		if f.Err.Test != "" {
			fr.Name = r.red(fr.Name + ": " + f.Err.Test)
		}
		if f.Cursor.Iterations > 1 {
			fr.Item += " (iteration " + strconv.Itoa(f.Cursor.Iteration+1) + ")"
		}
		if j, ok := index[f.Cursor.Ref]; ok {
			fr.Exec = j
		}
		v.Failures = append(v.Failures, fr)
	}
	for _, x := range r.execs {
		x.redact(r.red)
	}
	data, err := json.Marshal(r.execs) // escapes <, > and &: safe inside <script>
	if err != nil {
		return 0, fmt.Errorf("html report: %w", err)
	}
	v.Data = template.JS(data) //nolint:gosec // JSON from encoding/json, HTML-escaped
	cw := &countWriter{w: w}
	err = page.Execute(cw, v)
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
