package runner_test

import (
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
