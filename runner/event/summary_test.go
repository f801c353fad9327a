package event_test

import (
	"context"
	"github.com/pmrun/pmrun/runner/event/eventtest"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

func TestCollectorSampleStats(t *testing.T) {
	t.Parallel()
	s := eventtest.Sample(1).Summary()
	want := event.Stats{
		Iterations:        event.Counter{Total: 1},
		Items:             event.Counter{Total: 4},
		Scripts:           event.Counter{Total: 5, Failed: 1},
		Prerequests:       event.Counter{Total: 4},
		Requests:          event.Counter{Total: 3, Failed: 1},
		Tests:             event.Counter{Total: 3},
		Assertions:        event.Counter{Total: 6, Failed: 1},
		TestScripts:       event.Counter{Total: 3, Failed: 1},
		PrerequestScripts: event.Counter{Total: 2},
	}
	if s.Stats != want {
		t.Errorf("stats:\n got %+v\nwant %+v", s.Stats, want)
	}
	if s.Collection == nil || s.Collection.Info.Name != "Sample API" {
		t.Errorf("collection not taken from Start: %+v", s.Collection)
	}
	if s.Environment == nil || s.Environment.ID != "env-1" {
		t.Errorf("environment not taken from Start: %+v", s.Environment)
	}
	if s.Err != nil {
		t.Errorf("run error = %v, want nil", s.Err)
	}
}

func TestCollectorSampleTimings(t *testing.T) {
	t.Parallel()
	s := eventtest.Sample(1).Summary()
	tm := s.Timings
	ms := time.Millisecond
	if tm.ResponseAverage != 21*ms || tm.ResponseMin != 12*ms || tm.ResponseMax != 30*ms || tm.ResponseSd != 9*ms {
		t.Errorf("response timings avg %v min %v max %v sd %v, want 21ms 12ms 30ms 9ms",
			tm.ResponseAverage, tm.ResponseMin, tm.ResponseMax, tm.ResponseSd)
	}
	if tm.DNSAverage != 0 || tm.FirstByteMax != 0 {
		t.Errorf("phases without samples must stay zero: dns %v first byte %v", tm.DNSAverage, tm.FirstByteMax)
	}
	if !tm.Started.Equal(eventtest.T0) {
		t.Errorf("started = %v, want %v", tm.Started, eventtest.T0)
	}
	if !tm.Completed.After(tm.Started) {
		t.Errorf("completed %v not after started %v", tm.Completed, tm.Started)
	}
	if got := s.Transfers.ResponseTotal; got != int64(len(`{"users":[]}`)+len(`{"id":1}`)) {
		t.Errorf("response total = %d, want the sum of the body sizes", got)
	}
}

func TestCollectorSampleExecutions(t *testing.T) {
	t.Parallel()
	s := eventtest.Sample(1).Summary()
	if len(s.Executions) != 4 {
		t.Fatalf("executions = %d, want 4 (one per item execution)", len(s.Executions))
	}
	list, create, get, skipped := s.Executions[0], s.Executions[1], s.Executions[2], s.Executions[3]
	if list.Item.Name != "List users" || list.Requests != 1 || list.Response.Code != 200 {
		t.Errorf("list: item %q requests %d response %+v", list.Item.Name, list.Requests, list.Response)
	}
	wantAssertions := []event.AssertionResult{
		{Name: "status is 200", Index: 0}, {Name: "has users", Index: 1}, {Name: "pagination", Index: 2, Skipped: true},
	}
	if len(list.Assertions) != 3 {
		t.Fatalf("list assertions = %+v", list.Assertions)
	}
	for i, a := range wantAssertions {
		if list.Assertions[i] != a {
			t.Errorf("assertion %d = %+v, want %+v", i, list.Assertions[i], a)
		}
	}
	if list.Cursor.HTTPReqID == "" {
		t.Error("execution cursor must be the request event's (with its http request id)")
	}
	if len(create.TestScriptErrors) != 1 || create.TestScriptErrors[0].Name != "TypeError" ||
		len(create.PrerequestScriptErrors) != 0 {
		t.Errorf("create script errors: test %+v prerequest %+v", create.TestScriptErrors, create.PrerequestScriptErrors)
	}
	if a := create.Assertions[1]; a.Err == nil || a.Passed() {
		t.Errorf("failed assertion recorded as %+v", a)
	}
	if get.RequestError == nil || get.RequestError.Code != "ECONNREFUSED" || get.Response != nil {
		t.Errorf("get: request error %+v response %+v", get.RequestError, get.Response)
	}
	if skipped.Requests != 0 || skipped.Request != nil {
		t.Errorf("skipped item: requests %d request %+v, want none", skipped.Requests, skipped.Request)
	}
}

func TestCollectorSampleFailures(t *testing.T) {
	t.Parallel()
	s := eventtest.Sample(2).Summary()
	type row struct{ at, src, parent, name string }
	want := []row{
		{"assertion:1 in test-script", "Create account", "Accounts", "AssertionError"},
		{"test-script:3:7", "Create account", "Accounts", "TypeError"},
		{"request", "Get account", "Accounts", "Error"},
	}
	if len(s.Failures) != 2*len(want) {
		t.Fatalf("failures = %d, want %d", len(s.Failures), 2*len(want))
	}
	for i, f := range s.Failures {
		w := want[i%len(want)]
		got := row{f.At, f.Source.Name, "", f.Err.Name}
		if f.Parent != nil {
			got.parent = f.Parent.Name
		}
		if got != w {
			t.Errorf("failure %d = %+v, want %+v", i, got, w)
		}
		if f.Cursor.Iteration != i/len(want) {
			t.Errorf("failure %d iteration = %d, want %d", i, f.Cursor.Iteration, i/len(want))
		}
	}
}

func TestCollectorOutcomes(t *testing.T) {
	t.Parallel()
	item := eventtest.Req("i1", "one", "GET", "http://h/")
	coll := eventtest.Collection("c", item)
	tests := map[string]struct {
		run        func(b *eventtest.Builder)
		assertions event.Counter
		scripts    event.Counter
		requests   event.Counter
		failures   []string
	}{
		"passing": {
			run: func(b *eventtest.Builder) {
				b.Request(eventtest.Get("http://h/"), eventtest.OK("{}", 5), nil)
				b.Test(func() { b.Script("test", func() { b.Pass("ok") }, nil) })
			},
			assertions: event.Counter{Total: 1}, scripts: event.Counter{Total: 1},
			requests: event.Counter{Total: 1},
		},
		"failing assertion": {
			run: func(b *eventtest.Builder) {
				b.Request(eventtest.Get("http://h/"), eventtest.OK("{}", 5), nil)
				b.Test(func() { b.Script("test", func() { b.Pass("a"); b.Fail("b", "nope") }, nil) })
			},
			assertions: event.Counter{Total: 2, Failed: 1}, scripts: event.Counter{Total: 1},
			requests: event.Counter{Total: 1}, failures: []string{"assertion:1 in test-script"},
		},
		"script error": {
			run: func(b *eventtest.Builder) {
				b.Prerequest(func() { b.Script("prerequest", nil, &event.Error{Name: "SyntaxError", Message: "x"}) })
				b.Request(eventtest.Get("http://h/"), eventtest.OK("{}", 5), nil)
			},
			scripts:  event.Counter{Total: 1, Failed: 1},
			requests: event.Counter{Total: 1}, failures: []string{"prerequest-script"},
		},
		"request error": {
			run: func(b *eventtest.Builder) {
				b.Request(eventtest.Get("http://h/"), nil, &event.Error{Name: "Error", Message: "refused", Code: "ECONNREFUSED"})
				b.Test(func() { b.Script("test", func() { b.Pass("still runs") }, nil) })
			},
			assertions: event.Counter{Total: 1}, scripts: event.Counter{Total: 1},
			requests: event.Counter{Total: 1, Failed: 1}, failures: []string{"request"},
		},
		"skipped test": {
			run: func(b *eventtest.Builder) {
				b.Request(eventtest.Get("http://h/"), eventtest.OK("{}", 5), nil)
				b.Test(func() { b.Script("test", func() { b.Skip("later") }, nil) })
			},
			assertions: event.Counter{Total: 1}, scripts: event.Counter{Total: 1},
			requests: event.Counter{Total: 1},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := eventtest.New(coll, 1, 1)
			b.Iteration(0, func() { b.Item(0, item, func() { tc.run(b) }) })
			b.Done(nil)
			s := b.Summary()
			if s.Stats.Assertions != tc.assertions || s.Stats.Scripts != tc.scripts || s.Stats.Requests != tc.requests {
				t.Errorf("assertions %+v scripts %+v requests %+v, want %+v %+v %+v", s.Stats.Assertions,
					s.Stats.Scripts, s.Stats.Requests, tc.assertions, tc.scripts, tc.requests)
			}
			var ats []string
			for _, f := range s.Failures {
				ats = append(ats, f.At)
			}
			if len(ats) != len(tc.failures) || (len(ats) > 0 && ats[0] != tc.failures[0]) {
				t.Errorf("failures at %q, want %q", ats, tc.failures)
			}
		})
	}
}

func TestCollectorRepeatedRequests(t *testing.T) {
	t.Parallel()
	item := eventtest.Req("i1", "one", "GET", "http://h/")
	b := eventtest.New(eventtest.Collection("c", item), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, item, func() {
			b.Request(eventtest.Get("http://h/first"), nil, &event.Error{Name: "Error", Message: "boom", Code: "ECONNRESET"})
			b.Request(eventtest.Get("http://h/second"), eventtest.OK("{}", 7), nil)
		})
	})
	b.Done(&event.Error{Name: "Error", Message: "run timed out"})
	s := b.Summary()
	x := s.Executions[0]
	if x.Requests != 2 || x.Request.URL != "http://h/second" || x.Response == nil {
		t.Errorf("requests %d last url %q response %v: want 2, the second, a response", x.Requests, x.Request.URL, x.Response)
	}
	if x.RequestError == nil || x.RequestError.Code != "ECONNRESET" {
		t.Errorf("a request error must stay on the execution, got %+v", x.RequestError)
	}
	if s.Stats.Requests != (event.Counter{Total: 2, Failed: 1}) {
		t.Errorf("requests = %+v", s.Stats.Requests)
	}
	if s.Err == nil || s.Err.Message != "run timed out" {
		t.Errorf("run error = %+v", s.Err)
	}
}

func TestCollectorPending(t *testing.T) {
	t.Parallel()
	c := event.NewCollector()
	item := eventtest.Req("i1", "one", "GET", "http://h/")
	ctx := context.Background()
	h := event.Header{Cursor: event.Cursor{Ref: "r1"}}
	for _, ev := range []event.Event{
		&event.BeforeItem{Header: h, Item: item},
		&event.BeforeScript{Header: h, Item: item, Listen: "test"},
	} {
		if err := c.Report(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	st := c.Summary().Stats
	if st.Items.Pending != 1 || st.Scripts.Pending != 1 || st.TestScripts.Pending != 1 || st.Items.Total != 0 {
		t.Errorf("pending items %d scripts %d test scripts %d, total items %d",
			st.Items.Pending, st.Scripts.Pending, st.TestScripts.Pending, st.Items.Total)
	}
}

func TestItemFullName(t *testing.T) {
	t.Parallel()
	leaf := eventtest.Req("i1", "leaf", "GET", "http://h/")
	unnamed := &collections.Item{ID: "x-id"}
	eventtest.Folder("f1", "outer", eventtest.Folder("f2", "inner", leaf, unnamed))
	tests := map[string]struct {
		item *collections.Item
		want string
	}{
		"nested":  {leaf, "outer / inner / leaf"},
		"no name": {unnamed, "outer / inner / x-id"},
		"nil":     {nil, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := event.ItemFullName(tc.item); got != tc.want {
				t.Errorf("ItemFullName = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCollectorDropResponseBodies(t *testing.T) {
	t.Parallel()
	b := eventtest.Sample(1)
	c := event.NewCollector()
	c.DropResponseBodies = true
	if err := b.Replay(c); err != nil {
		t.Fatal(err)
	}
	s := c.Summary()
	x := s.Executions[0]
	if x.Response == nil || x.Response.Body != nil || x.Response.Code != 200 {
		t.Errorf("response kept as %+v, want it without its body", x.Response)
	}
	if s.Transfers.ResponseTotal != 20 {
		t.Errorf("response total = %d, want the bodies still counted (20)", s.Transfers.ResponseTotal)
	}
	for _, ev := range b.Events {
		if r, ok := ev.(*event.Request); ok && r.Response != nil && r.Response.Body == nil {
			t.Error("the collector modified an event's response")
		}
	}
}
