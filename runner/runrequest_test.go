package runner_test

import (
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/runner/event"
)

func TestRunRequest(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "runRequest"}, "item": [
	  {"name": "caller", "event": [{"listen": "prerequest", "script": {"exec": [
	    "const res = await pm.execution.runRequest('target-id', { variables: { who: 'nested' } });",
	    "pm.variables.set('nestedArg', res.json().args.who);",
	    "const byName = await pm.execution.runRequest('target');",
	    "pm.variables.set('byName', byName.json().args.who);",
	    "pm.variables.set('skipped', String(await pm.execution.runRequest('skipper')));",
	    "try { await pm.execution.runRequest('nope'); } catch (e) { pm.variables.set('unknown', e.message); }"
	  ]}}, {"listen": "test", "script": {"exec": [
	    "pm.test('nested response', () => pm.expect(pm.variables.get('nestedArg')).to.equal('nested'));",
	    "pm.test('by name, default variables', () => pm.expect(pm.variables.get('byName')).to.equal('{{who}}'));",
	    "pm.test('skipped is null', () => pm.expect(pm.variables.get('skipped')).to.equal('null'));",
	    "pm.test('unknown rejects', () => pm.expect(pm.variables.get('unknown')).to.include('no request with id or name \"nope\"'));",
	    "pm.test('nested changes stay nested', () => pm.expect(pm.environment.get('setByTarget')).to.equal(undefined));"
	  ]}}],
	   "request": {"url": "{{baseUrl}}/get?caller=1"}},
	  {"id": "target-id", "name": "target", "event": [{"listen": "test", "script": {"exec": [
	    "pm.environment.set('setByTarget', 'yes');",
	    "pm.test('target test', () => pm.response.to.have.status(200));"
	  ]}}],
	   "request": {"url": "{{baseUrl}}/get?who={{who}}"}},
	  {"name": "skipper", "event": [{"listen": "prerequest", "script": {"exec": ["pm.execution.skipRequest();"]}}],
	   "request": {"url": "{{baseUrl}}/get?skipped=1"}}
	]}`
	evs, res := runCollection(t, src, runner.Options{Folders: []string{"caller"}})
	var passed []string
	for _, ev := range evs {
		if a, ok := ev.(*event.Assertion); ok {
			if a.Err != nil {
				t.Errorf("%s: %s", a.Name, a.Err.Message)
			} else {
				passed = append(passed, a.Name)
			}
		}
	}
	want := "target test,target test,nested response,by name, default variables,skipped is null,unknown rejects,nested changes stay nested"
	if got := strings.Join(passed, ","); got != want {
		t.Errorf("assertions:\n%s\nwant:\n%s", got, want)
	}
	if res.Failures != 0 {
		t.Errorf("failures = %d", res.Failures)
	}
}

func TestRunRequestFailuresCountAndCyclesStop(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "loop"}, "item": [
	  {"name": "self", "event": [{"listen": "prerequest", "script": {"exec": [
	    "await pm.execution.runRequest('self');"
	  ]}}, {"listen": "test", "script": {"exec": [
	    "pm.test('fails', () => pm.expect(1).to.equal(2));"
	  ]}}],
	   "request": {"url": "{{baseUrl}}/get"}}
	]}`
	evs, res := runCollection(t, src, runner.Options{})
	var scriptErrs []string
	fails := 0
	for _, ev := range evs {
		switch ev := ev.(type) {
		case *event.Script:
			if ev.Err != nil {
				scriptErrs = append(scriptErrs, ev.Err.Message)
			}
		case *event.Assertion:
			if ev.Err != nil {
				fails++
			}
		}
	}
	// Six levels: the outer item and five nested runs, the deepest of which is refused.
	if fails != 6 {
		t.Errorf("failed assertions = %d, want 6", fails)
	}
	if len(scriptErrs) != 1 || !strings.Contains(scriptErrs[0], "more than 5 levels deep") {
		t.Errorf("script errors = %q", scriptErrs)
	}
	if res.Failures != 7 {
		t.Errorf("failures = %d, want 7", res.Failures)
	}
}
