package event

import (
	"time"

	"github.com/pmrun/pmrun/collections"
)

// Summary is what a run produced, built from the event stream by a Collector. It mirrors
// Newman's run summary (lib/run/summary.js), which its JSON reporter writes out and its CLI
// and JUnit reporters read.
//
// A Summary is filled on the run goroutine; read it after Done (or from a reporter on the run
// goroutine). It holds pointers into events, which are immutable once emitted.
type Summary struct {
	// Collection is the collection that ran (from Start).
	Collection *collections.Collection
	// Environment and Globals are the scopes given at Start. The runner mutates those scopes
	// during the run, so after Done they hold the final values; whoever owns the run may
	// also replace them with the final scopes before writing reports.
	Environment *collections.VariableScope
	Globals     *collections.VariableScope

	Stats     Stats
	Timings   Timings
	Transfers Transfers

	// Executions has one record per item execution, in run order. Records with Requests == 0
	// (the item skipped its request) are kept here, but Newman's reports leave them out:
	// see Execution.Requests.
	Executions []*Execution
	// Failures lists every error carried by an event, in order (Newman's run.failures).
	Failures []Failure
	// Err is the fatal run error carried by Done, nil normally.
	Err *Error
}

// Counter counts one kind of event. Pending counts BeforeX events whose X has not come yet.
type Counter struct {
	Total   int `json:"total"`
	Pending int `json:"pending"`
	Failed  int `json:"failed"`
}

// Stats are Newman's run.stats: one Counter per kind of event. X.Total counts X events,
// X.Failed those whose Err is set. Scripts counts every Script event, TestScripts and
// PrerequestScripts split them by Listen; Assertions counts Assertion events (a skipped
// assertion never fails).
type Stats struct {
	Iterations        Counter `json:"iterations"`
	Items             Counter `json:"items"`
	Scripts           Counter `json:"scripts"`
	Prerequests       Counter `json:"prerequests"`
	Requests          Counter `json:"requests"`
	Tests             Counter `json:"tests"`
	Assertions        Counter `json:"assertions"`
	TestScripts       Counter `json:"testScripts"`
	PrerequestScripts Counter `json:"prerequestScripts"`
}

// StatRow is one row of Newman's summary table: a label and its counter.
type StatRow struct {
	Label string
	Counter
}

// TableRows are the rows of Newman's summary table (CLI, job summary, HTML), in its order.
func (s Stats) TableRows() []StatRow {
	return []StatRow{
		{"iterations", s.Iterations},
		{"requests", s.Requests},
		{"test-scripts", s.TestScripts},
		{"prerequest-scripts", s.PrerequestScripts},
		{"assertions", s.Assertions},
	}
}

// Timings are Newman's run.timings: response, DNS and first-byte times over the responses
// received (each phase only over the responses where it is non-zero), and when the run
// started (Start) and completed (BeforeDone).
type Timings struct {
	ResponseAverage, ResponseMin, ResponseMax, ResponseSd     time.Duration
	DNSAverage, DNSMin, DNSMax, DNSSd                         time.Duration
	FirstByteAverage, FirstByteMin, FirstByteMax, FirstByteSd time.Duration
	Started, Completed                                        time.Time
}

// Transfers are Newman's run.transfers. ResponseTotal is the sum of the received response
// body sizes in bytes (what Newman effectively counts).
type Transfers struct {
	ResponseTotal int64
}

// Execution is one item execution: the last request it sent and what its scripts reported.
type Execution struct {
	// Cursor is the cursor of the last Request event (BeforeItem's until a request is sent).
	Cursor Cursor
	Item   *collections.Item
	// Request, Response and RequestError come from the last Request event of this execution;
	// RequestError stays set once a request of the execution failed (as in Newman).
	Request      *HTTPRequest
	Response     *collections.Response
	RequestError *Error
	// Requests counts the Request events of this execution (the item's request plus each
	// pm.sendRequest). Newman's JSON report lists the execution once per request event, so
	// an execution that skipped its request (Requests == 0) is not in Newman's reports.
	Requests int
	// Assertions are the Assertion events of this execution, in order.
	Assertions []AssertionResult
	// PrerequestScriptErrors and TestScriptErrors are the errors of the scripts that failed.
	PrerequestScriptErrors []*Error
	TestScriptErrors       []*Error
}

// AssertionResult is one pm.test outcome. Err is nil when it passed or was skipped.
type AssertionResult struct {
	Name    string
	Index   int
	Skipped bool
	Err     *Error
}

// Passed reports whether the assertion neither failed nor was skipped.
func (a AssertionResult) Passed() bool { return a.Err == nil && !a.Skipped }

// Failure is one entry of Newman's run.failures.
type Failure struct {
	Err *Error
	// At says where: "assertion:<index> in test-script", "<listen>-script" (with
	// ":<line>:<column>" when known), "request", "item", "iteration".
	At string
	// Source is the item the failure happened in (nil for iteration failures); Parent is
	// its folder (nil for a top-level item, whose parent is the collection).
	Source *collections.Item
	Parent *collections.Item
	// Resolved is, for a request failure, the item with its {{variables}} substituted and no
	// parent: Newman's JSON report names the failure by it (its CLI by Source).
	Resolved *collections.Item
	Cursor   Cursor
}

// ItemFullName is Newman's full name of an item: the folder names down to the item, joined
// with " / ".
func ItemFullName(it *collections.Item) string {
	if it == nil {
		return ""
	}
	name := itemLabel(it)
	for p := it.Parent; p != nil; p = p.Parent {
		name = itemLabel(p) + " / " + name
	}
	return name
}

// itemLabel is an item's name, or its id when it has none (as Newman does).
func itemLabel(it *collections.Item) string {
	if it.Name != "" {
		return it.Name
	}
	return it.ID
}
