package runner_test

import (
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/runner/event"
)

// Behaviours of exported collections that Newman 6.2.2 handles in a particular way (issue 9);
// each was checked on real Newman with the matching case in conformance/cases.

// scriptCounts counts the Script events of a run per listen ("prerequest", "test").
func scriptCounts(evs []event.Event) map[string]int {
	n := map[string]int{}
	for _, ev := range evs {
		if s, ok := ev.(*event.Script); ok {
			n[s.Listen]++
		}
	}
	return n
}

// Blank scripts (`"exec": [""]`, blank lines, no exec) run and count at every level; an event
// without a script object and a disabled event do not (conformance case dropin-empty-scripts).
func TestBlankScriptsRunAndCount(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "blank"},
	  "event": [{"listen": "prerequest", "script": {"exec": [""]}}, {"listen": "test", "script": {"exec": ["", ""]}}],
	  "item": [{"name": "folder",
	    "event": [{"listen": "prerequest", "script": {"exec": []}}, {"listen": "test", "script": {"type": "text/javascript"}}],
	    "item": [{"name": "one", "request": {"url": "{{baseUrl}}/get"},
	      "event": [{"listen": "test", "script": {"exec": ["  "]}}, {"listen": "prerequest", "script": {"exec": "pm.test('x', () => {})"}},
	                {"listen": "test"}, {"listen": "test", "disabled": true, "script": {"exec": [""]}}]}]},
	    {"name": "two", "request": {"url": "{{baseUrl}}/get"}}]}`
	evs, res := runCollection(t, src, runner.Options{})
	got := scriptCounts(evs)
	if got["prerequest"] != 4 || got["test"] != 4 {
		t.Errorf("scripts run: %v, want 4 prerequest and 4 test (as Newman)", got)
	}
	if res.Failures != 0 {
		t.Errorf("failures = %d", res.Failures)
	}
}

// `event` given as one object instead of a list (conformance case dropin-event-object).
func TestEventAsOneObject(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "one event"}, "item": [{"name": "one", "request": {"url": "{{baseUrl}}/get"},
	  "event": {"listen": "test", "script": {"exec": ["pm.test('ran', () => pm.response.to.have.status(200));"]}}}]}`
	evs, res := runCollection(t, src, runner.Options{})
	passed := 0
	for _, ev := range evs {
		if a, ok := ev.(*event.Assertion); ok && a.Name == "ran" && a.Err == nil {
			passed++
		}
	}
	if passed != 1 || res.Failures != 0 {
		t.Errorf("the single event object did not run: %d passed, %d failures", passed, res.Failures)
	}
}

// URLs as they reach Newman after substitution (conformance case dropin-urls): a v2.0 URL
// object's `"auth": {}` adds nothing; an empty host without a protocol is an invalid URI
// (reported as read back, host "api"); a non-numeric or out-of-range port is Node's RangeError;
// the fragment stays in the reported URL but is not sent.
func TestURLsAsNewmanSendsThem(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "urls"}, "variable": [{"key": "empty", "value": ""}], "item": [
	  {"name": "auth object", "request": {"url": {"raw": "{{baseUrl}}/get", "auth": {}, "host": ["{{baseUrl}}"], "path": ["get"]}}},
	  {"name": "empty host", "request": {"url": "{{empty}}/api/x?a=1#f"}},
	  {"name": "bad port", "request": {"url": "http://127.0.0.1:12345undefined/get"}},
	  {"name": "fragment", "request": {"url": "{{baseUrl}}/get?b=2#frag"},
	   "event": [{"listen": "test", "script": {"exec": ["pm.test('not sent', () => pm.expect(pm.response.json().url).to.not.include('frag'));"]}}]},
	  {"name": "no url", "request": {"url": "{{empty}}"}}]}`
	evs, _ := runCollection(t, src, runner.Options{})
	type got struct{ url, err string }
	var reqs []got
	for _, ev := range evs {
		switch ev := ev.(type) {
		case *event.Request:
			g := got{url: ev.Request.URL}
			if ev.Err != nil {
				g.err = ev.Err.Name + "|" + ev.Err.Code + "|" + ev.Err.Message
			}
			reqs = append(reqs, g)
		case *event.Assertion:
			if ev.Err != nil {
				t.Errorf("%s: %s", ev.Name, ev.Err.Message)
			}
		}
	}
	if len(reqs) != 5 {
		t.Fatalf("requests: %v", reqs)
	}
	if reqs[0].err != "" || strings.Contains(reqs[0].url, "@") {
		t.Errorf("auth {}: %+v", reqs[0])
	}
	if want := (got{"http://api/x?a=1#f", `Error||Invalid URI "http:///api/x?a=1#f"`}); reqs[1] != want {
		t.Errorf("empty host: %+v, want %+v", reqs[1], want)
	}
	if want := "RangeError|ERR_SOCKET_BAD_PORT|Port should be >= 0 and < 65536. Received type string ('12345undefined')."; reqs[2].err != want {
		t.Errorf("bad port: %q, want %q", reqs[2].err, want)
	}
	if reqs[3].err != "" || !strings.HasSuffix(reqs[3].url, "/get?b=2#frag") {
		t.Errorf("fragment: %+v", reqs[3])
	}
	if reqs[4].err != "Error||runtime:extensions~request: request url is empty" {
		t.Errorf("no url: %+v", reqs[4])
	}
}

// Newman's JSON report names a request failure by the item with its {{variables}}
// substituted (conformance case dropin-urls, "refused for {{who}}").
func TestRequestFailureNamesResolvedItem(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "names"}, "variable": [{"key": "who", "value": "alice"}], "item": [{"name": "f", "item": [
	  {"name": "refused for {{who}}", "request": {"url": "http://127.0.0.1:1/{{who}}"}}]}]}`
	evs, _ := runCollection(t, src, runner.Options{})
	for _, ev := range evs {
		if r, ok := ev.(*event.Request); ok {
			if r.Err == nil || r.Resolved == nil {
				t.Fatalf("request event: err %v, resolved %v", r.Err, r.Resolved)
			}
			if r.Resolved.Name != "refused for alice" || r.Resolved.Parent != nil || r.Item.Name != "refused for {{who}}" ||
				r.Resolved.Request.URL.String() != "http://127.0.0.1:1/alice" {
				t.Errorf("resolved item %q (parent %v, url %s), item %q", r.Resolved.Name, r.Resolved.Parent,
					r.Resolved.Request.URL.String(), r.Item.Name)
			}
			return
		}
	}
	t.Fatal("no request event")
}

// pm.sendRequest as Newman (conformance case dropin-sendrequest): sent without substitution,
// and a failed one is a run failure whose source is the script's request, without a name.
func TestSendRequestAsNewman(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "sr"}, "variable": [{"key": "who", "value": "alice"}], "item": [{"name": "one",
	  "request": {"url": "{{baseUrl}}/get"}, "event": [{"listen": "test", "script": {"exec": [
	    "const res = await pm.sendRequest(pm.environment.get('baseUrl') + '/get?x={{who}}');",
	    "pm.test('literal', () => pm.expect(res.json().args.x).to.equal('{{who}}'));",
	    "pm.sendRequest('http://127.0.0.1:1/', (err, res) => pm.test('node error', () => pm.expect(err).to.deep.equal({errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 1})));"]}}]}]}`
	evs, _ := runCollection(t, src, runner.Options{})
	var failed *event.Request
	for _, ev := range evs {
		switch ev := ev.(type) {
		case *event.Assertion:
			if ev.Err != nil {
				t.Errorf("%s: %s", ev.Name, ev.Err.Message)
			}
		case *event.Request:
			if ev.FromScript && ev.Err != nil {
				failed = ev
			}
		}
	}
	if failed == nil || failed.Resolved == nil || failed.Resolved.Name != "" || failed.Item.Name != "one" {
		t.Fatalf("failed script request: %+v", failed)
	}
}

// The legacy request.data collects a form key given twice into an array, as Newman's legacy
// interface does (Newman's integration collection multi-value-data).
func TestLegacyRequestDataMultiValue(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "multi"}, "item": [{"name": "r1",
	  "request": {"url": "{{baseUrl}}/post", "method": "POST", "body": {"mode": "formdata", "formdata": [
	    {"key": "name", "value": "a"}, {"key": "name", "value": "b"}, {"key": "one", "value": "c"}]}},
	  "event": [{"listen": "test", "script": {"exec": [
	    "tests['array'] = _.isEqual(request.data.name, ['a', 'b']) && request.data.one === 'c';"]}}]}]}`
	evs, res := runCollection(t, src, runner.Options{})
	for _, ev := range evs {
		if a, ok := ev.(*event.Assertion); ok && a.Err != nil {
			t.Errorf("%s: %s", a.Name, a.Err.Message)
		}
	}
	if res.Failures != 0 {
		t.Errorf("failures = %d", res.Failures)
	}
}

// Runtime's warnings for a pm.sendRequest request (here an auth type without a handler) are
// run events like those of the item's own request (issue 13.4: they used to be kept where
// only tests read them).
func TestSendRequestWarningsAreRunEvents(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "warn"}, "item": [{"name": "one", "request": {"url": "{{baseUrl}}/get"},
	  "event": [{"listen": "test", "script": {"exec": [
	    "await pm.sendRequest({url: pm.environment.get('baseUrl') + '/get', auth: {type: 'kerberos'}});"]}}]}]}`
	evs, _ := runCollection(t, src, runner.Options{})
	var warnings []string
	for _, ev := range evs {
		if w, ok := ev.(*event.Warning); ok {
			warnings = append(warnings, w.Item.Name+": "+w.Text)
		}
	}
	if strings.Join(warnings, "\n") != "one: runtime: could not find a handler for auth: kerberos" {
		t.Errorf("warnings = %q", warnings)
	}
}
