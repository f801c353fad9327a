package sandbox

import (
	"context"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

// writebackExec is a pre-request execution whose request carries a path variable with an id:
// the model does not keep ids, so the id survives only when the request is not written back.
func writebackExec(listen, src string) *Execution {
	ex := newExec(listen, src)
	u := collections.ParseURL("http://{{host}}/items/:id?a=1")
	u.Variables = []collections.Variable{{ID: "id", Key: "id", Value: "7"}}
	ex.Request = &collections.Request{Method: "POST", URL: u,
		Headers: []collections.Header{{Key: "Accept", Value: "application/json"}},
		Body:    &collections.Body{Mode: "raw", Raw: `{"a":1}`}}
	return ex
}

func writtenBack(r *collections.Request) bool {
	return len(r.URL.Variables) == 0 || r.URL.Variables[0].ID == ""
}

func headerLine(r *collections.Request) string {
	var out []string
	for _, h := range r.Headers {
		out = append(out, h.Key+"="+h.Value)
	}
	return strings.Join(out, ",")
}

// TestRequestWrittenBackOnlyWhenChanged runs each script twice in one sandbox (the second run
// meets what the first remembered of the same request) and after a run of every other
// script: the request goes back to Go exactly when the script changed it, with the change.
func TestRequestWrittenBackOnlyWhenChanged(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, listen, src string
		written           bool
		url, headers      string // after the run ("" headers: unchanged)
	}{
		{"not touched", "prerequest", `1;`, false, "", ""},
		{"method read", "prerequest", `if (pm.request.method !== 'POST') { throw new Error(pm.request.method); }`, false, "", ""},
		{"url read", "prerequest", `pm.request.url.toString(); pm.request.url.getHost(); pm.request.url.query.get('a');`, false, "", ""},
		{"all read", "prerequest", `JSON.stringify(pm.request.toJSON()); pm.request.headers.get('Accept'); String(pm.request.body);`, false, "", ""},
		{"url set to its string", "prerequest", `pm.request.url = pm.request.url.toString();`, true, "http://{{host}}/items/7?a=1", ""},
		{"header added", "prerequest", `pm.request.headers.add({ key: 'X-Sig', value: 'abc' });`, true, "", "Accept=application/json,X-Sig=abc"},
		{"header changed through the member", "prerequest", `pm.request.headers.one('accept').value = 'text/plain';`, true, "", "Accept=text/plain"},
		{"header changed through idx", "prerequest", `pm.request.headers.idx(0).value = 'x';`, true, "", "Accept=x"},
		{"header added then removed", "prerequest", `pm.request.headers.add({ key: 'X', value: '1' }); pm.request.headers.remove('X');`, false, "", ""},
		{"query changed through the url", "prerequest", `pm.request.url.query.idx(0).value = '2';`, true, "http://{{host}}/items/:id?a=2", ""},
		{"url replaced, then read", "prerequest", `pm.request.url = 'http://other.test/z?q=1';
if (pm.request.url.toString() !== 'http://other.test/z?q=1') { throw new Error(String(pm.request.url)); }`, true, "http://other.test/z?q=1", ""},
		{"url path pushed", "prerequest", `pm.request.url.path.push('more');`, true, "http://{{host}}/items/:id/more?a=1", ""},
		{"url host array element", "prerequest", `pm.request.url.host[0] = 'h.test';`, true, "http://h.test/items/:id?a=1", ""},
		{"header added, url read after", "prerequest", `pm.request.headers.add({ key: 'X', value: '1' });
if (pm.request.url.getPath() !== '/items/7') { throw new Error(pm.request.url.getPath()); }`, true, "", "Accept=application/json,X=1"},
		{"body changed", "prerequest", `pm.request.body.raw = '{"a":2}';`, true, "", ""},
		{"method changed", "prerequest", `pm.request.method = 'PUT';`, true, "", ""},
		{"own toJSON", "prerequest", `pm.request.toJSON = function () { return { url: 'http://own.test/', method: 'GET' }; };`, true, "http://own.test/", ""},
		{"url deleted", "prerequest", `delete pm.request.url;`, true, "", ""},
		{"legacy request read", "prerequest", `request.url; request.headers;`, false, "", ""},
		{"test script header add", "test", `pm.request.headers.add({ key: 'X', value: '1' }); pm.request.url.toString();`, false, "", ""},
	}
	h := newHarness(t, Options{})
	run := func(name, listen, src string) *collections.Request {
		t.Helper()
		ex := writebackExec(listen, src)
		if res := h.sb.Run(context.Background(), ex); res.Err != nil {
			t.Fatalf("%s: %v", name, res.Err)
		}
		return ex.Request
	}
	for round := range 2 {
		for _, c := range cases {
			r := run(c.name, c.listen, c.src)
			if got := writtenBack(r); got != c.written {
				t.Errorf("round %d, %s: written back %v, want %v", round, c.name, got, c.written)
			}
			if c.url != "" && r.URL.String() != c.url {
				t.Errorf("round %d, %s: url %q, want %q", round, c.name, r.URL.String(), c.url)
			}
			if c.headers != "" && headerLine(r) != c.headers {
				t.Errorf("round %d, %s: headers %q, want %q", round, c.name, headerLine(r), c.headers)
			}
			if !c.written && (headerLine(r) != "Accept=application/json" || r.Method != "POST" ||
				r.URL.String() != "http://{{host}}/items/:id?a=1" || r.Body.Raw != `{"a":1}`) {
				t.Errorf("round %d, %s: request changed: %+v", round, c.name, *r)
			}
			switch c.name {
			case "body changed":
				if r.Body.Raw != `{"a":2}` {
					t.Errorf("%s: body %q", c.name, r.Body.Raw)
				}
			case "method changed":
				if r.Method != "PUT" {
					t.Errorf("%s: method %q", c.name, r.Method)
				}
			}
		}
	}
}

// TestRequestWrittenBackForEachRequest checks that what is remembered of one request is not
// used for another: two requests that differ only in a header, one script.
func TestRequestWrittenBackForEachRequest(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	for i, accept := range []string{"a/b", "c/d", "a/b"} {
		ex := writebackExec("prerequest", `pm.request.headers.upsert({ key: 'Accept', value: 'a/b' });`)
		ex.Request.Headers[0].Value = accept
		if res := h.sb.Run(context.Background(), ex); res.Err != nil {
			t.Fatal(res.Err)
		}
		if got, want := writtenBack(ex.Request), accept != "a/b"; got != want {
			t.Errorf("run %d (Accept %s): written back %v, want %v", i, accept, got, want)
		}
		if headerLine(ex.Request) != "Accept=a/b" {
			t.Errorf("run %d: headers %q", i, headerLine(ex.Request))
		}
	}
}

// TestRequestURLReadAfterItsScript reads the Url of a pm.request first used after its script
// ended (kept in a global), and after the Go request it came from was written back: it is
// the URL the request had when the script ran.
func TestRequestURLReadAfterItsScript(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	first := writebackExec("prerequest", `globalThis.kept = pm.request; pm.request.headers.add({ key: 'X', value: '1' });
setTimeout(() => { globalThis.inTimer = pm.request.url.getPath(); }, 1);`)
	if res := h.sb.Run(context.Background(), first); res.Err != nil {
		t.Fatal(res.Err)
	}
	first.Request.URL = collections.ParseURL("http://changed.test/after")
	second := newExec("test", `console.log(globalThis.kept.url.toString(), globalThis.inTimer, pm.request.url.toString());`)
	if res := h.sb.Run(context.Background(), second); res.Err != nil {
		t.Fatal(res.Err)
	}
	want := "log: http://{{host}}/items/7?a=1 /items/7 http://{{host}}/get?a=1"
	if got := strings.Join(h.rec.console(), "\n"); got != want {
		t.Errorf("console:\n got %s\nwant %s", got, want)
	}
}

// TestSendRequestOfPmRequest sends pm.request itself, its Url never used before: what is
// sent is the whole request, and sending it does not count as a change.
func TestSendRequestOfPmRequest(t *testing.T) {
	t.Parallel()
	req := &fakeRequester{}
	h := newHarness(t, Options{Requester: req})
	ex := writebackExec("prerequest", `await pm.sendRequest(pm.request);`)
	if res := h.sb.Run(context.Background(), ex); res.Err != nil {
		t.Fatal(res.Err)
	}
	req.mu.Lock()
	defer req.mu.Unlock()
	if len(req.seen) != 1 || req.seen[0] != "POST http://{{host}}/items/:id?a=1" {
		t.Errorf("sent %q", req.seen)
	}
	if writtenBack(ex.Request) {
		t.Errorf("request written back: %+v", *ex.Request)
	}
}

// TestRequestWrittenBackBigRequest uses a request too big to be remembered between scripts:
// it is compared the same way.
func TestRequestWrittenBackBigRequest(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	big := strings.Repeat("x", 400<<10)
	for i, c := range []struct {
		src     string
		written bool
	}{
		{`pm.request.body.raw.length;`, false},
		{`pm.request.headers.add({ key: 'X', value: '1' });`, true},
		{`pm.request.url.getHost();`, false},
		{`pm.request.body.raw = pm.request.body.raw + 'y';`, true},
	} {
		ex := writebackExec("prerequest", c.src)
		ex.Request.Body.Raw = big
		if res := h.sb.Run(context.Background(), ex); res.Err != nil {
			t.Fatal(res.Err)
		}
		if got := writtenBack(ex.Request); got != c.written {
			t.Errorf("run %d (%s): written back %v, want %v", i, c.src, got, c.written)
		}
		if want := len(big) + map[bool]int{false: 0, true: 1}[i == 3]; len(ex.Request.Body.Raw) != want {
			t.Errorf("run %d: body of %d bytes, want %d", i, len(ex.Request.Body.Raw), want)
		}
	}
}
