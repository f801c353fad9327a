package event

import (
	"context"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// Reporter receives every run event, in order, on the run goroutine. Reporters must not keep
// references to mutable data beyond the call; events are immutable after they are emitted.
type Reporter interface {
	Report(ctx context.Context, ev Event) error
}

// ReporterFunc adapts a function to Reporter.
type ReporterFunc func(context.Context, Event) error

// Report calls f.
func (f ReporterFunc) Report(ctx context.Context, ev Event) error { return f(ctx, ev) }

// Event is one run event. Kind returns Newman's event name ("beforeIteration", ...).
type Event interface {
	Kind() string
	Base() *Header
}

// Cursor says where in the run an event happened (postman-runtime's cursor).
type Cursor struct {
	Iteration  int      `json:"iteration"` // 0-based
	Iterations int      `json:"cycles"`    // total iterations
	Position   int      `json:"position"`  // index of the item in the run order
	Length     int      `json:"length"`    // number of items per iteration
	Ref        string   `json:"ref"`       // unique per item execution
	HTTPReqID  string   `json:"httpRequestId,omitempty"`
	ItemID     string   `json:"-"`
	ItemPath   []string `json:"-"` // folder names down to the item name
}

// Header is the part every event has.
type Header struct {
	Cursor Cursor
	Time   time.Time
}

// Base returns the header itself (so embedding types implement Event).
func (h *Header) Base() *Header { return h }

// Error is a script, assertion or request error in a serialisable form.
type Error struct {
	Name    string `json:"name"`
	Message string `json:"message"`
	Stack   string `json:"stack,omitempty"`
	// Code is a Node-style error code for request errors (ECONNREFUSED, ETIMEDOUT, ...).
	Code string `json:"code,omitempty"`
	// Test is the assertion name for assertion errors; Index is its index in the script.
	Test  string `json:"test,omitempty"`
	Index int    `json:"index,omitempty"`
	// Line and Column locate a script error (1-based; 0 when unknown).
	Line   int `json:"-"`
	Column int `json:"-"`
	// Expected and Actual are a failed assertion's values as Node's util.inspect shows them
	// ("" when unknown).
	Expected string `json:"-"`
	Actual   string `json:"-"`
	// Trace is the JavaScript stack through the collection's scripts, innermost first
	// ("fn (script:line:column)"); nil when the error did not pass through functions.
	Trace []string `json:"-"`
}

func (e *Error) Error() string { return e.Name + ": " + e.Message }

// HTTPRequest is the request as sent (after substitution, auth and default headers).
type HTTPRequest struct {
	ID      string
	Method  string
	URL     string
	Headers []collections.Header
	Body    []byte
}

// The events, in Newman's names. Every X with a BeforeX is emitted exactly once after it.
type (
	// Start opens the run.
	Start struct {
		Header
		Collection  *collections.Collection
		Environment *collections.VariableScope
		Globals     *collections.VariableScope
	}
	// BeforeIteration opens an iteration.
	BeforeIteration struct{ Header }
	// Iteration closes an iteration.
	Iteration struct {
		Header
		Err *Error
	}
	// BeforeItem opens one item's execution.
	BeforeItem struct {
		Header
		Item *collections.Item
	}
	// Item closes one item's execution.
	Item struct {
		Header
		Item *collections.Item
		Err  *Error
	}
	// BeforePrerequest opens the pre-request scripts of an item.
	BeforePrerequest struct {
		Header
		Item *collections.Item
	}
	// Prerequest closes the pre-request scripts of an item.
	Prerequest struct {
		Header
		Item *collections.Item
		Err  *Error
	}
	// BeforeTest opens the test scripts of an item.
	BeforeTest struct {
		Header
		Item *collections.Item
	}
	// Test closes the test scripts of an item.
	Test struct {
		Header
		Item *collections.Item
		Err  *Error
	}
	// BeforeScript opens one script (Listen is "prerequest" or "test").
	BeforeScript struct {
		Header
		Item   *collections.Item
		Listen string
		Script collections.Script
	}
	// Script closes one script; Err is set when it failed (syntax, thrown, timeout).
	Script struct {
		Header
		Item   *collections.Item
		Listen string
		Err    *Error
	}
	// BeforeRequest precedes an HTTP request (the item's or a pm.sendRequest).
	BeforeRequest struct {
		Header
		Item    *collections.Item
		Request *HTTPRequest
	}
	// Request follows an HTTP request; Err is set on a request error (refused, timeout...).
	Request struct {
		Header
		Item     *collections.Item
		Request  *HTTPRequest
		Response *collections.Response
		Err      *Error
		// FromScript is true for pm.sendRequest.
		FromScript bool
		// Resolved, set with Err, is the item as Newman names a request's failure: a copy
		// with its {{variables}} substituted in the name and the request, and no parent (for
		// pm.sendRequest, an item without a name holding the script's request).
		Resolved *collections.Item
	}
	// Assertion reports one pm.test (or tests[] entry).
	Assertion struct {
		Header
		Item    *collections.Item
		Listen  string
		Name    string
		Index   int
		Skipped bool
		Err     *Error
	}
	// Console is one console.* call from a script. Text is already formatted.
	Console struct {
		Header
		Item   *collections.Item
		Listen string
		Level  string // log, info, warn, error, debug
		Text   string
		// Line is the line of the console call in the script (0 when unknown).
		Line int
	}
	// Exception is an uncaught script error (reported besides Script.Err).
	Exception struct {
		Header
		Item   *collections.Item
		Listen string
		Err    *Error
	}
	// Warning is a runner notice for the user (unknown auth type, unresolved vault secret...).
	Warning struct {
		Header
		Item *collections.Item
		Text string
	}
	// BeforeDone precedes Done.
	BeforeDone struct{ Header }
	// Done ends the run. Err is a fatal run error (nil normally).
	Done struct {
		Header
		Err *Error
	}
)

// The Kind methods give each event its name in Newman's event stream (the names a Newman
// reporter subscribes to), so they keep Newman's spelling exactly.

// Kind returns "start": the run begins.
func (*Start) Kind() string { return "start" }

// Kind returns "beforeIteration": an iteration begins.
func (*BeforeIteration) Kind() string { return "beforeIteration" }

// Kind returns "iteration": an iteration ends.
func (*Iteration) Kind() string { return "iteration" }

// Kind returns "beforeItem": an item's execution begins.
func (*BeforeItem) Kind() string { return "beforeItem" }

// Kind returns "item": an item's execution ends.
func (*Item) Kind() string { return "item" }

// Kind returns "beforePrerequest": an item's pre-request scripts begin.
func (*BeforePrerequest) Kind() string { return "beforePrerequest" }

// Kind returns "prerequest": an item's pre-request scripts end.
func (*Prerequest) Kind() string { return "prerequest" }

// Kind returns "beforeTest": an item's test scripts begin.
func (*BeforeTest) Kind() string { return "beforeTest" }

// Kind returns "test": an item's test scripts end.
func (*Test) Kind() string { return "test" }

// Kind returns "beforeScript": one script begins.
func (*BeforeScript) Kind() string { return "beforeScript" }

// Kind returns "script": one script ends.
func (*Script) Kind() string { return "script" }

// Kind returns "beforeRequest": an HTTP request is about to go out.
func (*BeforeRequest) Kind() string { return "beforeRequest" }

// Kind returns "request": an HTTP request got a response or failed.
func (*Request) Kind() string { return "request" }

// Kind returns "assertion": a pm.test or tests[] entry has a result.
func (*Assertion) Kind() string { return "assertion" }

// Kind returns "console": a script called console.*.
func (*Console) Kind() string { return "console" }

// Kind returns "exception": a script threw an uncaught error.
func (*Exception) Kind() string { return "exception" }

// Kind returns "warning": a runner notice for the user. Newman has no such event; the name
// follows the same style.
func (*Warning) Kind() string { return "warning" }

// Kind returns "beforeDone": the run is about to end.
func (*BeforeDone) Kind() string { return "beforeDone" }

// Kind returns "done": the run ends.
func (*Done) Kind() string { return "done" }
