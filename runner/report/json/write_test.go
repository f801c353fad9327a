package json_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	jsonreport "github.com/pmrun/pmrun/runner/report/json"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/runner/event/eventtest"
)

// obj is a decoded JSON object; get walks a path of keys and indexes.
type obj = map[string]any

func get(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(obj)
			if !ok {
				t.Fatalf("%v: not an object at %q", path, k)
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("%v: no index %d", path, k)
			}
			v = a[k]
		}
	}
	return v
}

func writeReport(t *testing.T, s *event.Summary, opts jsonreport.Options) obj {
	t.Helper()
	var buf bytes.Buffer
	if err := opts.Write(&buf, s); err != nil {
		t.Fatalf("Write: %v", err)
	}
	var out obj
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, buf.String())
	}
	return out
}

func TestWriteTopLevel(t *testing.T) {
	t.Parallel()
	r := writeReport(t, eventtest.Sample(1).Summary(), jsonreport.Options{})
	if got := get(t, r, "collection", "info", "name"); got != "Sample API" {
		t.Errorf("collection.info.name = %v", got)
	}
	if got := get(t, r, "environment", "values", 0, "key"); got != "baseUrl" {
		t.Errorf("environment.values[0].key = %v", got)
	}
	if got := get(t, r, "environment", "values", 0, "type"); got != "any" {
		t.Errorf("environment.values[0].type = %v, want any", got)
	}
	if got := get(t, r, "globals", "values"); got == nil {
		t.Error("globals.values missing")
	}
	if got := get(t, r, "run", "error"); got != nil {
		t.Errorf("run.error = %v, want null", got)
	}
	stats := map[string][2]float64{
		"iterations": {1, 0}, "items": {4, 0}, "scripts": {5, 1}, "prerequests": {4, 0},
		"requests": {3, 1}, "tests": {3, 0}, "assertions": {6, 1}, "testScripts": {3, 1},
		"prerequestScripts": {2, 0},
	}
	for k, w := range stats {
		c := get(t, r, "run", "stats", k).(obj)
		if c["total"] != w[0] || c["failed"] != w[1] || c["pending"] != 0.0 {
			t.Errorf("run.stats.%s = %v, want total %v failed %v pending 0", k, c, w[0], w[1])
		}
	}
	tm := get(t, r, "run", "timings").(obj)
	if tm["responseAverage"] != 21.0 || tm["responseMin"] != 12.0 || tm["responseMax"] != 30.0 ||
		tm["started"] != float64(eventtest.T0.UnixMilli()) || tm["completed"] == nil {
		t.Errorf("run.timings = %v", tm)
	}
	if got := get(t, r, "run", "transfers", "responseTotal"); got != 20.0 {
		t.Errorf("run.transfers.responseTotal = %v, want 20", got)
	}
}

func TestWriteExecutions(t *testing.T) {
	t.Parallel()
	r := writeReport(t, eventtest.Sample(1).Summary(), jsonreport.Options{})
	ex := get(t, r, "run", "executions").([]any)
	if len(ex) != 3 {
		t.Fatalf("executions = %d, want 3 (the item that skipped its request is left out)", len(ex))
	}
	list := ex[0]
	cur := get(t, list, "cursor").(obj)
	wantCursor := obj{"position": 0.0, "iteration": 0.0, "length": 4.0, "cycles": 1.0, "empty": false,
		"eof": false, "bof": true, "cr": false, "ref": "ref-1", "httpRequestId": "req-ref-1"}
	for k, w := range wantCursor {
		if cur[k] != w {
			t.Errorf("cursor.%s = %v, want %v", k, cur[k], w)
		}
	}
	checks := []struct {
		path []any
		want any
	}{
		{[]any{"item", "id"}, "i-list"},
		{[]any{"item", "name"}, "List users"},
		{[]any{"id"}, "i-list"},
		{[]any{"request", "method"}, "GET"},
		{[]any{"request", "url", "host", 0}, "127"},
		{[]any{"request", "url", "port"}, "1"},
		{[]any{"request", "url", "path", 0}, "users"},
		{[]any{"request", "url", "query", 0, "value"}, "1"},
		{[]any{"request", "header", 0, "key"}, "Accept"},
		{[]any{"response", "code"}, 200.0},
		{[]any{"response", "status"}, "OK"},
		{[]any{"response", "responseTime"}, 12.0},
		{[]any{"response", "responseSize"}, 12.0},
		{[]any{"response", "stream", "type"}, "Buffer"},
		{[]any{"response", "stream", "data", 0}, float64('{')},
		{[]any{"response", "header", 0, "value"}, "application/json"},
		{[]any{"assertions", 0, "assertion"}, "status is 200"},
		{[]any{"assertions", 0, "skipped"}, false},
		{[]any{"assertions", 2, "skipped"}, true},
	}
	for _, c := range checks {
		if got := get(t, list, c.path...); got != c.want {
			t.Errorf("executions[0].%v = %v, want %v", c.path, got, c.want)
		}
	}
	if a := get(t, list, "assertions", 0).(obj); a["error"] != nil {
		t.Errorf("passing assertion has an error: %v", a)
	}
	if _, ok := list.(obj)["testScript"]; ok {
		t.Error("testScript written for an execution whose scripts did not fail")
	}
}

func TestWriteErrors(t *testing.T) {
	t.Parallel()
	r := writeReport(t, eventtest.Sample(1).Summary(), jsonreport.Options{})
	create := get(t, r, "run", "executions", 1)
	aerr := get(t, create, "assertions", 1, "error").(obj)
	want := obj{"name": "AssertionError", "index": 1.0, "test": "status is 200",
		"message": "expected response to have status code 200 but got 201"}
	for k, w := range want {
		if aerr[k] != w {
			t.Errorf("assertion error %s = %v, want %v", k, aerr[k], w)
		}
	}
	if get(t, create, "testScript", 0, "error", "name") != "TypeError" {
		t.Errorf("testScript = %v", get(t, create, "testScript"))
	}
	if get(t, create, "request", "body", "raw") != `{"name":"a"}` {
		t.Errorf("request body = %v", get(t, create, "request", "body"))
	}
	getExec := get(t, r, "run", "executions", 2).(obj)
	rerr := getExec["requestError"].(obj)
	if rerr["code"] != "ECONNREFUSED" || rerr["message"] != nil {
		t.Errorf("requestError = %v, want the code and no message (as Node errors serialise)", rerr)
	}
	if getExec["response"] != nil {
		t.Errorf("errored request has a response: %v", getExec["response"])
	}

	fails := get(t, r, "run", "failures").([]any)
	wantFails := []struct{ at, source, parent, name, message string }{
		{"assertion:1 in test-script", "Create account", "Accounts", "AssertionError",
			"expected response to have status code 200 but got 201"},
		{"test-script:3:7", "Create account", "Accounts", "TypeError", "Cannot read properties of undefined (reading 'id')"},
		{"request", "Get account", "Accounts", "Error", "connect ECONNREFUSED 127.0.0.1:9"},
	}
	if len(fails) != len(wantFails) {
		t.Fatalf("failures = %d, want %d", len(fails), len(wantFails))
	}
	for i, w := range wantFails {
		f := fails[i]
		got := struct{ at, source, parent, name, message string }{
			get(t, f, "at").(string), get(t, f, "source", "name").(string), get(t, f, "parent", "name").(string),
			get(t, f, "error", "name").(string), get(t, f, "error", "message").(string),
		}
		if got != w {
			t.Errorf("failure %d = %+v, want %+v", i, got, w)
		}
	}
	if get(t, fails[0], "error", "index") != 1.0 {
		t.Errorf("assertion failure lacks its index: %v", get(t, fails[0], "error"))
	}
}

func TestWriteRepeatsExecutionPerRequest(t *testing.T) {
	t.Parallel()
	item := eventtest.Req("i1", "one", "GET", "http://h/")
	b := eventtest.New(eventtest.Collection("c", item), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, item, func() {
			b.Request(eventtest.Get("http://h/a"), eventtest.OK("1", 1), nil)
			b.Request(eventtest.Get("http://h/b"), eventtest.OK("2", 1), nil)
		})
	})
	b.Done(&event.Error{Name: "Error", Message: "stopped"})
	r := writeReport(t, b.Summary(), jsonreport.Options{})
	ex := get(t, r, "run", "executions").([]any)
	if len(ex) != 2 {
		t.Fatalf("executions = %d, want the execution twice", len(ex))
	}
	for i := range ex {
		if got := get(t, ex[i], "request", "url", "path", 0); got != "b" {
			t.Errorf("executions[%d] request path = %v, want the last request's", i, got)
		}
	}
	if got := get(t, r, "run", "error", "message"); got != "stopped" {
		t.Errorf("run.error.message = %v", got)
	}
}

func TestWriteOmitResponseBodies(t *testing.T) {
	t.Parallel()
	r := writeReport(t, eventtest.Sample(1).Summary(), jsonreport.Options{OmitResponseBodies: true})
	resp := get(t, r, "run", "executions", 0, "response").(obj)
	if _, ok := resp["stream"]; ok {
		t.Errorf("response.stream written with OmitResponseBodies: %v", resp)
	}
	if resp["code"] != 200.0 {
		t.Errorf("response.code = %v", resp["code"])
	}
}

func TestWriteThrownNonError(t *testing.T) {
	t.Parallel()
	item := eventtest.Req("i1", "one", "GET", "http://h/")
	b := eventtest.New(eventtest.Collection("c", item), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, item, func() {
			b.Request(eventtest.Get("http://h/"), eventtest.OK("", 1), nil)
			b.Test(func() { b.Script("test", nil, &event.Error{}) })
		})
	})
	b.Done(nil)
	r := writeReport(t, b.Summary(), jsonreport.Options{})
	e := get(t, r, "run", "executions", 0, "testScript", 0, "error").(obj)
	if _, ok := e["message"]; ok {
		t.Errorf("error of a thrown non-Error has a message: %v", e)
	}
	if _, ok := e["name"]; ok {
		t.Errorf("error of a thrown non-Error has a name: %v", e)
	}
}

func TestWriteCompactBodies(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := jsonreport.Write(&buf, eventtest.Sample(1).Summary()); err != nil {
		t.Fatal(err)
	}
	want := `"data": [123,34,117,115,101,114,115,34,58,91,93,125]`
	if !strings.Contains(buf.String(), want) {
		t.Errorf("body bytes not written on one line as %s", want)
	}
	if !strings.HasPrefix(buf.String(), "{\n  \"collection\": {\n    \"") {
		t.Errorf("report not indented by two spaces: %.60q", buf.String())
	}
}

func TestWriteNilSummary(t *testing.T) {
	t.Parallel()
	if err := jsonreport.Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("Write(nil) succeeded")
	}
}

// A request error is written as Node serialises the error: its own properties (the code) and
// not its message, so one without a code ("Invalid URI …") is {} as in Newman's report; the
// run's failures keep the message.
func TestRequestErrorWithoutCode(t *testing.T) {
	t.Parallel()
	it := eventtest.Req("r1", "empty host", "GET", "{{empty}}/api/x")
	b := eventtest.New(eventtest.Collection("c", it), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, it, func() {
			b.Request(eventtest.Get("http://api/x"), nil, &event.Error{Name: "Error", Message: `Invalid URI "http:///api/x"`})
		})
	})
	b.Done(nil)
	r := writeReport(t, b.Summary(), jsonreport.Options{})
	if got := get(t, r, "run", "executions", 0, "requestError").(obj); len(got) != 0 {
		t.Errorf("requestError = %v, want {}", got)
	}
	if got := get(t, r, "run", "failures", 0, "error", "message"); got != `Invalid URI "http:///api/x"` {
		t.Errorf("failure message = %v", got)
	}
}

// A request failure is named by the resolved item, without a parent, as Newman writes it.
func TestRequestFailureSourceResolved(t *testing.T) {
	t.Parallel()
	folder := eventtest.Folder("f1", "folder")
	it := eventtest.Req("r1", "refused for {{who}}", "GET", "http://127.0.0.1:1/")
	it.Parent = folder
	s := &event.Summary{Failures: []event.Failure{{Err: &event.Error{Name: "Error", Message: "connect ECONNREFUSED 127.0.0.1:1"},
		At: "request", Source: it, Parent: folder, Resolved: eventtest.Req("r1", "refused for alice", "GET", "http://127.0.0.1:1/")}}}
	r := writeReport(t, s, jsonreport.Options{})
	if got := get(t, r, "run", "failures", 0, "source", "name"); got != "refused for alice" {
		t.Errorf("source name = %v", got)
	}
	if p := get(t, r, "run", "failures", 0).(obj)["parent"]; p != nil {
		t.Errorf("parent = %v, want none", p)
	}
}

// A collection file without an info object is written with an empty one, as Newman writes
// every collection (Newman's integration collection timeout has none).
func TestCollectionWithoutInfo(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		`{"item": []}`:                        `{"info":{},"item":[]}`,
		`{}`:                                  `{"info":{}}`,
		`{"info": {"name": "n"}, "item": []}`: `{"info":{"name":"n"},"item":[]}`,
		`{"name": "top", "item": []}`:         `{"info":{"name":"top"},"item":[],"name":"top"}`,
	} {
		s := &event.Summary{Collection: &collections.Collection{Raw: []byte(raw)}}
		r := writeReport(t, s, jsonreport.Options{})
		got, err := json.Marshal(r["collection"])
		if err != nil || string(got) != want {
			t.Errorf("%s: collection %s, want %s", raw, got, want)
		}
	}
}
