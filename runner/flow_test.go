package runner_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/internal/echo"
	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/runner/event"
)

// runCollection runs a collection given as JSON against a fresh echo server and returns its
// events.
func runCollection(t *testing.T, src string, opts runner.Options) ([]event.Event, *runner.Result) {
	t.Helper()
	return runCollectionEnv(t, src, opts, nil)
}

// runCollectionEnv is runCollection with a hook to add environment variables (given the
// echo server's base URL).
func runCollectionEnv(t *testing.T, src string, opts runner.Options,
	setEnv func(env *collections.VariableScope, baseURL string),
) ([]event.Event, *runner.Result) {
	t.Helper()
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)
	c, err := collections.ParseCollection([]byte(src), "test.json")
	if err != nil {
		t.Fatal(err)
	}
	env := collections.NewScope("", "env", nil)
	env.Set("baseUrl", srv.URL)
	if setEnv != nil {
		setEnv(env, srv.URL)
	}
	var evs []event.Event
	opts.Collection, opts.Environment = c, env
	opts.HTTP.FollowRedirects = true
	opts.Reporters = []event.Reporter{event.ReporterFunc(func(_ context.Context, ev event.Event) error {
		evs = append(evs, ev)
		return nil
	})}
	res, err := runner.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return evs, res
}

func TestRunawayScriptStoppedAndRunContinues(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "runaway"}, "item": [
	  {"name": "spins", "event": [{"listen": "test", "script": {"exec": ["while (true) {}"]}}],
	   "request": {"url": "{{baseUrl}}/get?n=1"}},
	  {"name": "recurses", "event": [{"listen": "prerequest", "script": {"exec": ["(function f() { return f() + 1; })();"]}}],
	   "request": {"url": "{{baseUrl}}/get?n=2"}},
	  {"name": "after", "event": [{"listen": "test", "script": {"exec": ["pm.test('still runs', () => pm.response.to.have.status(200));"]}}],
	   "request": {"url": "{{baseUrl}}/get?n=3"}}
	]}`
	start := time.Now()
	// The budget must let the recursion reach the stack limit first, on a loaded machine too.
	evs, res := runCollection(t, src, runner.Options{ScriptTimeout: raceSlowdown * 1500 * time.Millisecond})
	if d := time.Since(start); d > raceSlowdown*20*time.Second {
		t.Fatalf("run took %v", d)
	}
	var scriptErrs []string
	passed := 0
	for _, ev := range evs {
		switch ev := ev.(type) {
		case *event.Script:
			if ev.Err != nil {
				scriptErrs = append(scriptErrs, ev.Item.Name+": "+ev.Err.Name+": "+ev.Err.Message)
			}
		case *event.Assertion:
			if ev.Err == nil && ev.Name == "still runs" {
				passed++
			}
		}
	}
	want := []string{
		"spins: Error: sandbox: synchronous script execution timeout",
		"recurses: RangeError: Maximum call stack size exceeded",
	}
	if strings.Join(scriptErrs, "\n") != strings.Join(want, "\n") {
		t.Errorf("script errors:\n%s\nwant:\n%s", strings.Join(scriptErrs, "\n"), strings.Join(want, "\n"))
	}
	if passed != 1 {
		t.Errorf("the item after the runaway scripts did not pass (%d)", passed)
	}
	if res.Failures != 2 {
		t.Errorf("failures = %d, want 2", res.Failures)
	}
}

// fakeVault is a runner.Vault over a map, with allowed hosts per secret.
type fakeVault struct {
	values  map[string]string
	allowed map[string]string // secret -> host substring that must be in the URL
}

func (v *fakeVault) Get(_ context.Context, key string) (string, bool, error) {
	val, ok := v.values[key]
	return val, ok, nil
}
func (v *fakeVault) Set(context.Context, string, string) error { return nil }
func (v *fakeVault) Unset(context.Context, string) error       { return nil }
func (v *fakeVault) Lookup(u string) func(string) (string, bool) {
	return func(key string) (string, bool) {
		name, ok := strings.CutPrefix(key, "vault:")
		if !ok {
			return "", false
		}
		val, ok := v.values[name]
		if host := v.allowed[name]; ok && host != "" && !strings.Contains(u, host) {
			return "", false
		}
		return val, ok
	}
}

func TestVaultSecretsInRequests(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "vault"}, "variable": [{"key": "vault:shadow", "value": "collection wins"}],
	"item": [
	  {"name": "allowed", "event": [{"listen": "test", "script": {"exec": [
	    "const b = pm.response.json();",
	    "pm.test('header', () => pm.expect(b.headers['x-key']).to.equal('k-123'));",
	    "pm.test('query', () => pm.expect(b.args.k).to.equal('k-123'));",
	    "pm.test('scripts cannot read it through variables', () => pm.expect(pm.variables.get('vault:key')).to.equal(undefined));",
	    "pm.test('nor through replaceIn', () => pm.expect(pm.variables.replaceIn('{{vault:key}}')).to.equal('{{vault:key}}'));",
	    "pm.test('a variable literally named vault:x wins', () => pm.expect(b.args.s).to.equal('collection wins'));",
	    "pm.test('pm.request shows the reference, not the value', () => {",
	    "  pm.expect(pm.request.headers.get('X-Key')).to.equal('{{vault:key}}');",
	    "  pm.expect(pm.request.url.toString()).to.include('k={{vault:key}}');",
	    "});"
	  ]}}],
	   "request": {"url": "{{baseUrl}}/get?k={{vault:key}}&s={{vault:shadow}}", "header": [{"key": "X-Key", "value": "{{vault:key}}"}]}},
	  {"name": "redirect to another origin", "event": [{"listen": "test", "script": {"exec": [
	    "pm.test('not followed', () => pm.expect(pm.response.code).to.equal(302));"
	  ]}}],
	   "request": {"url": "{{baseUrl}}/redirect-to?url={{otherOrigin}}/headers", "header": [{"key": "X-Key", "value": "{{vault:key}}"}]}},
	  {"name": "redirect on the same origin", "event": [{"listen": "test", "script": {"exec": [
	    "pm.test('followed', () => pm.expect(pm.response.json().headers['x-key']).to.equal('k-123'));"
	  ]}}],
	   "request": {"url": "{{baseUrl}}/redirect-to?url=/headers", "header": [{"key": "X-Key", "value": "{{vault:key}}"}]}},
	  {"name": "other host", "event": [{"listen": "test", "script": {"exec": [
	    "pm.test('stays literal', () => pm.expect(pm.response.json().args.k).to.equal('{{vault:restricted}}'));"
	  ]}}],
	   "request": {"url": "{{baseUrl}}/get?k={{vault:restricted}}"}}
	]}`
	v := &fakeVault{
		values:  map[string]string{"key": "k-123", "restricted": "never-sent", "shadow": "vault value"},
		allowed: map[string]string{"restricted": "example.com"},
	}
	evs, res := runCollectionEnv(t, src, runner.Options{Vault: v}, func(env *collections.VariableScope, base string) {
		env.Set("otherOrigin", strings.Replace(base, "127.0.0.1", "localhost", 1))
	})
	var warnings []string
	for _, ev := range evs {
		switch ev := ev.(type) {
		case *event.Assertion:
			if ev.Err != nil {
				t.Errorf("%s: %s", ev.Name, ev.Err.Message)
			}
		case *event.Warning:
			warnings = append(warnings, ev.Text)
		case *event.Request:
			if strings.Contains(ev.Request.URL, "never-sent") {
				t.Errorf("restricted secret sent to %s", ev.Request.URL)
			}
		}
	}
	if res.Failures != 0 {
		t.Errorf("failures = %d", res.Failures)
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], "not following the redirect") ||
		!strings.Contains(warnings[1], `"restricted"`) {
		t.Errorf("warnings = %q, want one about the redirect and one about \"restricted\"", warnings)
	}
}

// TestBailReportsAssertionFailure: with --bail, Newman 6.2.2 (postman-runtime) turns a
// script's failed assertions into a script error "AssertionFailure: <names>" and stops;
// without --bail there is no such error.
func TestBailReportsAssertionFailure(t *testing.T) {
	t.Parallel()
	src := `{"info": {"name": "bail"}, "item": [
	  {"name": "fails", "event": [{"listen": "test", "script": {"exec": [
	    "pm.test('first fails', () => { pm.expect(1).to.equal(2); });",
	    "pm.test('second ok', () => {});",
	    "pm.test('third fails', () => { pm.expect(3).to.equal(4); });",
	    "tests['legacy fail'] = false;"]}}],
	   "request": {"url": "{{baseUrl}}/get?n=1"}},
	  {"name": "not reached", "request": {"url": "{{baseUrl}}/get?n=2"}}
	]}`
	for _, bail := range []bool{true, false} {
		evs, _ := runCollection(t, src, runner.Options{Bail: bail})
		var scriptErrs, exceptions []string
		items := 0
		for _, ev := range evs {
			switch ev := ev.(type) {
			case *event.Script:
				if ev.Err != nil {
					scriptErrs = append(scriptErrs, ev.Item.Name+": "+ev.Err.Name+": "+ev.Err.Message)
				}
			case *event.Exception:
				exceptions = append(exceptions, ev.Err.Name+": "+ev.Err.Message)
			case *event.Item:
				items++
			}
		}
		want, wantItems := []string{"fails: AssertionFailure: first fails, third fails, legacy fail"}, 1
		if !bail {
			want, wantItems = nil, 2
		}
		if strings.Join(scriptErrs, "\n") != strings.Join(want, "\n") {
			t.Errorf("bail=%v: script errors %q, want %q", bail, scriptErrs, want)
		}
		if len(exceptions) != len(want) {
			t.Errorf("bail=%v: exceptions %q", bail, exceptions)
		}
		if items != wantItems {
			t.Errorf("bail=%v: %d items ran, want %d", bail, items, wantItems)
		}
	}
}

// TestInheritedAuthInTestScript checks pm.request.auth against Newman 6.2.2 (recorded with
// real Newman): a pre-request script sees no auth on an item that inherits it, a test script
// sees the folder's or collection's auth with its variables resolved; an item's own auth and
// "noauth" are left as they are.
func TestInheritedAuthInTestScript(t *testing.T) {
	t.Parallel()
	show := `"pm.test(pm.info.eventName + ' ' + (pm.request.auth ? pm.request.auth.type + ' ' + JSON.stringify(pm.request.auth.parameters().toObject()) : 'none'), function () {});"`
	ev := `"event": [{"listen": "prerequest", "script": {"exec": [` + show + `]}}, {"listen": "test", "script": {"exec": [` + show + `]}}]`
	src := `{"info": {"name": "inherited auth"},
	  "auth": {"type": "basic", "basic": [{"key": "username", "value": "u"}, {"key": "password", "value": "p"}]},
	  "variable": [{"key": "tok", "value": "T1"}],
	  "item": [
	    {"name": "F", "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{tok}}", "type": "string"}]}, "item": [
	      {"name": "inherits", ` + ev + `, "request": {"url": "{{baseUrl}}/get?n=1"}},
	      {"name": "noauth", ` + ev + `, "request": {"url": "{{baseUrl}}/get?n=2", "auth": {"type": "noauth"}}}
	    ]},
	    {"name": "top", ` + ev + `, "request": {"url": "{{baseUrl}}/get?n=3"}}
	  ]}`
	evs, _ := runCollection(t, src, runner.Options{})
	var got []string
	for _, e := range evs {
		if a, ok := e.(*event.Assertion); ok {
			got = append(got, a.Item.Name+": "+a.Name)
		}
	}
	want := []string{
		"inherits: prerequest none", `inherits: test bearer {"token":"T1"}`,
		"noauth: prerequest noauth {}", "noauth: test noauth {}",
		"top: prerequest none", `top: test basic {"username":"u","password":"p"}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n %q\nwant\n %q", got, want)
	}
}
