package event

import (
	"context"
	"strconv"

	"github.com/pmrun/pmrun/collections"
)

// Collector is a Reporter that builds a Summary from the event stream, the way Newman's
// RunSummary listens to its run emitter. Register it before any reporter that reads its
// Summary while the run goes on (the CLI reporter numbers failures from it).
//
// A Collector is not safe for concurrent use; events arrive on the run goroutine.
type Collector struct {
	// DropResponseBodies keeps response bodies out of the summary (executions then hold a
	// copy of each response without its Body), which bounds its memory by the number of
	// requests. Transfers still count the bodies. Set it before the first event.
	DropResponseBodies bool
	// KeepFailedBody, with DropResponseBodies, keeps what it returns of the last response
	// body of each execution that fails (an assertion, a script or the request), so a
	// report still shows the evidence of a failure: the caller masks and cuts the body
	// there, in that order (a cut must not leave the start of a secret). It must return a
	// new slice. Nil keeps none.
	KeepFailedBody func([]byte) []byte

	sum   Summary
	held  map[string][]byte // the last body of each open execution (KeepFailedBody)
	byRef map[string]*Execution
	resp  phaseStats
	dns   phaseStats
	first phaseStats
}

var _ Reporter = (*Collector)(nil)

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	return &Collector{byRef: make(map[string]*Execution)}
}

// Summary returns the summary built so far. The pointer stays the same for the whole run;
// its contents are final after Done.
func (c *Collector) Summary() *Summary { return &c.sum }

// Report folds one event into the summary. It never fails.
func (c *Collector) Report(_ context.Context, ev Event) error {
	c.count(ev)
	c.track(ev)
	c.failure(ev)
	return nil
}

// count updates the stats: BeforeX adds to X.Pending, X moves one from Pending to Total.
func (c *Collector) count(ev Event) {
	st := &c.sum.Stats
	switch e := ev.(type) {
	case *BeforeIteration:
		st.Iterations.before()
	case *Iteration:
		st.Iterations.after(e.Err)
	case *BeforeItem:
		st.Items.before()
	case *Item:
		st.Items.after(e.Err)
	case *BeforePrerequest:
		st.Prerequests.before()
	case *Prerequest:
		st.Prerequests.after(e.Err)
	case *BeforeTest:
		st.Tests.before()
	case *Test:
		st.Tests.after(e.Err)
	case *BeforeScript:
		st.Scripts.before()
		if ctr := st.scriptCounter(e.Listen); ctr != nil {
			ctr.before()
		}
	case *Script:
		st.Scripts.after(e.Err)
		if ctr := st.scriptCounter(e.Listen); ctr != nil {
			ctr.after(e.Err)
		}
	case *BeforeRequest:
		st.Requests.before()
	case *Request:
		st.Requests.after(e.Err)
	case *Assertion:
		st.Assertions.after(assertionErr(e))
	}
}

func (s *Stats) scriptCounter(listen string) *Counter {
	switch listen {
	case "test":
		return &s.TestScripts
	case "prerequest":
		return &s.PrerequestScripts
	}
	return nil
}

func (ctr *Counter) before() { ctr.Pending++ }

func (ctr *Counter) after(err *Error) {
	if ctr.Pending > 0 {
		ctr.Pending--
	}
	if err != nil {
		ctr.Failed++
	}
	ctr.Total++
}

// assertionErr is the error an Assertion event counts with: none when skipped.
func assertionErr(e *Assertion) *Error {
	if e.Skipped {
		return nil
	}
	return e.Err
}

// track records run-level facts and the per-execution records.
func (c *Collector) track(ev Event) {
	switch e := ev.(type) {
	case *Start:
		c.sum.Collection, c.sum.Environment, c.sum.Globals = e.Collection, e.Environment, e.Globals
		c.sum.Timings.Started = e.Time
	case *BeforeDone:
		c.sum.Timings.Completed = e.Time
	case *Done:
		c.sum.Err = e.Err
		if c.sum.Timings.Completed.IsZero() {
			c.sum.Timings.Completed = e.Time
		}
	case *BeforeItem:
		x := &Execution{Cursor: e.Cursor, Item: e.Item}
		c.byRef[e.Cursor.Ref] = x
		c.sum.Executions = append(c.sum.Executions, x)
	case *Item:
		if body, ok := c.held[e.Cursor.Ref]; ok {
			delete(c.held, e.Cursor.Ref)
			if x := c.byRef[e.Cursor.Ref]; x != nil && x.Response != nil && failed(x) {
				r := *x.Response
				r.Body = c.KeepFailedBody(body)
				x.Response = &r
			}
		}
		delete(c.byRef, e.Cursor.Ref) // the execution is complete; free the index entry
	case *Request:
		c.request(e)
	case *Script:
		if x := c.execution(e.Cursor, e.Item); x != nil && e.Err != nil {
			c.scriptError(x, e.Listen, e.Err)
		}
	case *Assertion:
		if x := c.execution(e.Cursor, e.Item); x != nil {
			x.Assertions = append(x.Assertions,
				AssertionResult{Name: e.Name, Index: e.Index, Skipped: e.Skipped, Err: assertionErr(e)})
		}
	}
}

func (c *Collector) scriptError(x *Execution, listen string, err *Error) {
	switch listen {
	case "prerequest":
		x.PrerequestScriptErrors = append(x.PrerequestScriptErrors, err)
	case "test":
		x.TestScriptErrors = append(x.TestScriptErrors, err)
	}
}

// failed reports whether an execution has a failed assertion, a script error or a request
// error.
func failed(x *Execution) bool {
	if x.RequestError != nil || len(x.PrerequestScriptErrors) > 0 || len(x.TestScriptErrors) > 0 {
		return true
	}
	for _, a := range x.Assertions {
		if a.Err != nil {
			return true
		}
	}
	return false
}

// execution finds the record for cur.Ref, creating one when no BeforeItem opened it (an
// event stream that starts mid-item, or a runner that emits no BeforeItem).
func (c *Collector) execution(cur Cursor, it *collections.Item) *Execution {
	if cur.Ref == "" {
		return nil
	}
	if x, ok := c.byRef[cur.Ref]; ok {
		return x
	}
	x := &Execution{Cursor: cur, Item: it}
	c.byRef[cur.Ref] = x
	c.sum.Executions = append(c.sum.Executions, x)
	return x
}

func (c *Collector) request(e *Request) {
	if x := c.execution(e.Cursor, e.Item); x != nil {
		x.Cursor = e.Cursor
		x.Request, x.Response = e.Request, e.Response
		if c.DropResponseBodies && e.Response != nil && e.Response.Body != nil {
			r := *e.Response
			r.Body = nil
			x.Response = &r
			if c.KeepFailedBody != nil && !e.FromScript {
				if c.held == nil {
					c.held = map[string][]byte{}
				}
				c.held[e.Cursor.Ref] = e.Response.Body // until the item ends
			}
		}
		if e.Err != nil {
			x.RequestError = e.Err
		}
		x.Requests++
	}
	if e.Err != nil || e.Response == nil {
		return
	}
	c.sum.Transfers.ResponseTotal += int64(len(e.Response.Body))
	t := &c.sum.Timings
	c.resp.add(e.Response.ResponseTime, &t.ResponseAverage, &t.ResponseMin, &t.ResponseMax, &t.ResponseSd)
	c.dns.add(e.Response.Timings.DNS, &t.DNSAverage, &t.DNSMin, &t.DNSMax, &t.DNSSd)
	c.first.add(e.Response.Timings.FirstByte,
		&t.FirstByteAverage, &t.FirstByteMin, &t.FirstByteMax, &t.FirstByteSd)
}

// failure records the error an event carries, as Newman's failure tracker does.
func (c *Collector) failure(ev Event) {
	var (
		err *Error
		at  string
		src *collections.Item
	)
	switch e := ev.(type) {
	case *Iteration:
		err, at = e.Err, "iteration"
	case *Item:
		err, at, src = e.Err, "item", e.Item
	case *Prerequest:
		err, at, src = e.Err, "prerequest", e.Item
	case *Test:
		err, at, src = e.Err, "test", e.Item
	case *Script:
		err, at, src = e.Err, scriptAt(e), e.Item
	case *Request:
		err, at, src = e.Err, "request", e.Item
	case *Assertion:
		err, src = assertionErr(e), e.Item
		at = "assertion:" + strconv.Itoa(e.Index) + " in test-script"
	}
	if err == nil {
		return
	}
	f := Failure{Err: err, At: at, Source: src, Cursor: ev.Base().Cursor}
	if src != nil {
		f.Parent = src.Parent
	}
	if r, ok := ev.(*Request); ok {
		f.Resolved = r.Resolved
	}
	c.sum.Failures = append(c.sum.Failures, f)
}

// scriptAt is "<listen>-script", with ":<line>:<column>" when the error has both.
func scriptAt(e *Script) string {
	at := e.Listen + "-script"
	if e.Err != nil && e.Err.Line > 0 && e.Err.Column > 0 {
		at += ":" + strconv.Itoa(e.Err.Line) + ":" + strconv.Itoa(e.Err.Column)
	}
	return at
}
