package sandbox

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// recorder collects a Sandbox's events.
type recorder struct {
	events []Event
}

func (r *recorder) emit(e Event) { r.events = append(r.events, e) }

func (r *recorder) assertions() []AssertionEvent {
	var out []AssertionEvent
	for _, e := range r.events {
		if a, ok := e.(AssertionEvent); ok {
			out = append(out, a)
		}
	}
	return out
}

func (r *recorder) console() []string {
	out := []string{}
	for _, e := range r.events {
		if c, ok := e.(ConsoleEvent); ok {
			out = append(out, c.Level+": "+c.Text)
		}
	}
	return out
}

// harness is a Sandbox plus an execution template for tests.
type harness struct {
	t   *testing.T
	sb  *Sandbox
	rec *recorder
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	rec := &recorder{}
	opts.Emit = rec.emit
	sb, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(sb.Close)
	return &harness{t: t, sb: sb, rec: rec}
}

// newExec returns an execution of a test script with a 200 JSON response and empty scopes.
func newExec(listen, src string) *Execution {
	return &Execution{
		Listen:         listen,
		Script:         collections.Script{Source: src},
		ScriptName:     "Folder/Item [" + listen + "]",
		ItemID:         "item-1",
		ItemName:       "Item",
		ItemPath:       []string{"Folder", "Item"},
		RequestID:      "req-1",
		Iteration:      0,
		IterationCount: 1,
		Scopes: collections.Scopes{
			Local:       collections.NewScope("", "variables", nil),
			Data:        collections.NewScope("", "data", []collections.Variable{{Key: "row", Value: "r1"}}),
			Environment: collections.NewScope("env-id", "env", []collections.Variable{{Key: "host", Value: "example.com"}}),
			Collection:  collections.NewScope("", "collection", nil),
			Globals:     collections.NewScope("", "globals", nil),
		},
		Request: &collections.Request{
			Method:  "GET",
			URL:     collections.ParseURL("http://{{host}}/get?a=1"),
			Headers: []collections.Header{{Key: "Accept", Value: "application/json"}},
		},
		Response: &collections.Response{
			Code: 200, Status: "OK",
			Headers:      []collections.Header{{Key: "Content-Type", Value: "application/json"}},
			Body:         []byte(`{"args":{"a":"1"},"n":5,"list":[1,2,3]}`),
			ResponseTime: 12 * time.Millisecond,
			Size:         40,
		},
	}
}

// run runs src as a test script and returns the result.
func (h *harness) run(src string) Result {
	h.t.Helper()
	return h.sb.Run(context.Background(), newExec("test", src))
}

func (h *harness) reset() { h.rec.events = nil }

func errText(e *ScriptError) string {
	if e == nil {
		return "<nil>"
	}
	return e.Name + ": " + e.Message
}

func joinLines(ls []string) string { return strings.Join(ls, "\n") }
