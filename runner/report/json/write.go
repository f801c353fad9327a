package json

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// Options tune the report. The zero value writes what Newman writes.
type Options struct {
	// OmitResponseBodies leaves response.stream out of every execution, which bounds the
	// report's size (and the memory used to write it) by the number of requests, not by the
	// size of the bodies.
	OmitResponseBodies bool
	// KeepHeldBodies, with OmitResponseBodies, still writes the bodies the summary holds:
	// those a Collector with KeepFailedBodies kept as the evidence of failed executions.
	KeepHeldBodies bool
	// RedactBody, when set, is applied to every response body before it is written as a
	// byte array: a text filter over the whole report cannot see secrets spelt as numbers.
	RedactBody func([]byte) []byte
	// RedactURL, when set, is applied to each request URL before the report splits it into
	// host, path and query parts, which a text filter over the report would no longer
	// recognise as one value.
	RedactURL func(string) string
}

// Write writes s as Newman's JSON report to w, with the default Options.
func Write(w io.Writer, s *event.Summary) error { return Options{}.Write(w, s) }

// Write writes s as Newman's JSON report to w.
func (o Options) Write(w io.Writer, s *event.Summary) error {
	if s == nil {
		return errors.New("writing json report: no summary")
	}
	d := &doc{w: w, opts: o}
	d.raw("{\n")
	d.field(1, "collection", collectionJSON(s.Collection), false)
	d.field(1, "environment", scopeOf(s.Environment), false)
	d.field(1, "globals", scopeOf(s.Globals), false)
	d.raw("  \"run\": {\n")
	d.field(2, "stats", s.Stats, false)
	d.field(2, "timings", timingsOf(s.Timings), false)
	d.executions(s)
	d.field(2, "transfers", map[string]int64{"responseTotal": s.Transfers.ResponseTotal}, false)
	d.failures(s.Failures)
	d.field(2, "error", errorOf(s.Err, false), true)
	d.raw("  }\n}\n")
	if d.err != nil {
		return fmt.Errorf("writing json report: %w", d.err)
	}
	return nil
}

// doc writes the report piece by piece, keeping the first error.
type doc struct {
	w    io.Writer
	opts Options
	buf  bytes.Buffer
	err  error
}

func (d *doc) raw(s string) {
	if d.err == nil {
		_, d.err = io.WriteString(d.w, s)
	}
}

// value writes v, indented for the given depth, without a trailing newline.
func (d *doc) value(depth int, v any) {
	if d.err != nil {
		return
	}
	compact, err := stdjson.Marshal(v)
	if err != nil {
		d.err = err
		return
	}
	d.buf.Reset()
	indentTo(&d.buf, compact, indentOf(depth))
	_, d.err = d.w.Write(d.buf.Bytes())
}

// field writes `"name": value` at depth, with a comma unless last.
func (d *doc) field(depth int, name string, v any, last bool) {
	key, _ := stdjson.Marshal(name)
	d.raw(indentOf(depth) + string(key) + ": ")
	d.value(depth, v)
	d.raw(sep(last))
}

func (d *doc) executions(s *event.Summary) {
	d.raw("    \"executions\": [")
	first := true
	for _, x := range s.Executions {
		if x.Requests == 0 {
			continue // Newman lists an execution once per request event
		}
		v, err := d.execution(x)
		if err != nil {
			d.err = err
			return
		}
		for range x.Requests {
			if !first {
				d.raw(",")
			}
			first = false
			d.raw("\n      ")
			d.value(3, v)
		}
	}
	if !first {
		d.raw("\n    ")
	}
	d.raw("],\n")
}

func (d *doc) failures(fs []event.Failure) {
	d.raw("    \"failures\": [")
	for i, f := range fs {
		v, err := failureOf(f)
		if err != nil {
			d.err = err
			return
		}
		if i > 0 {
			d.raw(",")
		}
		d.raw("\n      ")
		d.value(3, v)
	}
	if len(fs) > 0 {
		d.raw("\n    ")
	}
	d.raw("],\n")
}

func indentOf(depth int) string {
	b := make([]byte, 2*depth)
	for i := range b {
		b[i] = ' '
	}
	return string(b)
}

func sep(last bool) string {
	if last {
		return "\n"
	}
	return ",\n"
}

// collectionJSON is the collection file as read, or a minimal collection when it is unknown.
func collectionJSON(c *collections.Collection) any {
	if c == nil {
		return nil
	}
	if raw := bytes.TrimSpace(c.Raw); len(raw) > 0 {
		var top map[string]stdjson.RawMessage
		if raw[0] == '{' && stdjson.Unmarshal(raw, &top) == nil && top["info"] == nil {
			// Newman writes the collection as postman-collection holds it, which always has
			// an info object: without one in the file, the top level's name is its name
			info := []byte(`{"info":{}`)
			if name := top["name"]; name != nil {
				info = append(append([]byte(`{"info":{"name":`), name...), '}')
			}
			if len(top) == 0 {
				return stdjson.RawMessage(append(info, '}'))
			}
			return stdjson.RawMessage(append(append(info, ','), raw[1:]...))
		}
		return c.Raw
	}
	return map[string]any{"info": c.Info, "item": []any{}}
}

type scopeJSON struct {
	ID     string                 `json:"id,omitempty"`
	Name   string                 `json:"name,omitempty"`
	Values []collections.Variable `json:"values"`
}

// scopeOf is a variable scope in Postman's JSON form (VariableScope.toJSON).
func scopeOf(s *collections.VariableScope) scopeJSON {
	if s == nil {
		return scopeJSON{Values: []collections.Variable{}}
	}
	out := scopeJSON{ID: s.ID, Name: s.Name, Values: make([]collections.Variable, len(s.Values))}
	for i, v := range s.Values {
		if v.Type == "" {
			v.Type = "any"
		}
		v.Value = collections.JSONSafe(v.Value) // NaN (a "number" that did not parse) → null
		out.Values[i] = v
	}
	return out
}

type timingsJSON struct {
	ResponseAverage  float64 `json:"responseAverage"`
	ResponseMin      float64 `json:"responseMin"`
	ResponseMax      float64 `json:"responseMax"`
	ResponseSd       float64 `json:"responseSd"`
	DNSAverage       float64 `json:"dnsAverage"`
	DNSMin           float64 `json:"dnsMin"`
	DNSMax           float64 `json:"dnsMax"`
	DNSSd            float64 `json:"dnsSd"`
	FirstByteAverage float64 `json:"firstByteAverage"`
	FirstByteMin     float64 `json:"firstByteMin"`
	FirstByteMax     float64 `json:"firstByteMax"`
	FirstByteSd      float64 `json:"firstByteSd"`
	Started          int64   `json:"started,omitempty"`
	Completed        int64   `json:"completed,omitempty"`
}

func timingsOf(t event.Timings) timingsJSON {
	out := timingsJSON{
		ResponseAverage: millis(t.ResponseAverage), ResponseMin: millis(t.ResponseMin),
		ResponseMax: millis(t.ResponseMax), ResponseSd: millis(t.ResponseSd),
		DNSAverage: millis(t.DNSAverage), DNSMin: millis(t.DNSMin),
		DNSMax: millis(t.DNSMax), DNSSd: millis(t.DNSSd),
		FirstByteAverage: millis(t.FirstByteAverage), FirstByteMin: millis(t.FirstByteMin),
		FirstByteMax: millis(t.FirstByteMax), FirstByteSd: millis(t.FirstByteSd),
	}
	if !t.Started.IsZero() {
		out.Started = t.Started.UnixMilli()
	}
	if !t.Completed.IsZero() {
		out.Completed = t.Completed.UnixMilli()
	}
	return out
}
