package runner_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/internal/echo"
	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/runner/event"
)

// TestMain checks for leaked goroutines. regexp2's clock (the sandbox's regex time limit)
// runs on its own for a moment after the last match and then ends: it is not a leak.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("github.com/dlclark/regexp2/v2.runClock"))
}

// suiteDir holds the self-checking collections, named as Newman's integration suite names
// them: <name>.postman_collection.json with optional <name>.postman_environment.json,
// .postman_globals.json, .postman_data.csv or .postman_data.json, and our own
// <name>.options.json ({"iterations": n}).
const suiteDir = "testdata/integration"

// wantAssertions is the number of passing assertions each collection must report, so that a
// test that silently never runs (a lost callback, an async test not awaited) is noticed.
var wantAssertions = map[string]int{
	"async-send-request":    6,
	"auth":                  9,
	"auth-digest":           2,
	"auth-hawk-oauth1":      5,
	"body-modes":            9,
	"console":               1,
	"data-csv-bom":          15,
	"data-json":             6,
	"data-reuse":            12,
	"dynamic-variables":     7,
	"flow-next-request":     4,
	"flow-skip-request":     2,
	"headers":               4,
	"legacy-api":            5,
	"libraries":             4,
	"redirects-cookies":     10,
	"response-assertions":   11,
	"script-order":          3,
	"variable-scopes":       11,
	"variable-substitution": 10,
	"v1-basic":              9,
}

// consoleLine is a console event a collection must produce.
type consoleLine struct{ level, text string }

// wantConsole lists console output collections must produce (text is a substring).
var wantConsole = map[string][]consoleLine{
	"console": {
		{"log", "pre-request marker 1"},
		{"log", "log marker 42 text"},
		{"info", "info marker"},
		{"warn", "warn marker"},
		{"error", "error marker"},
		{"log", "a: 1"},
	},
}

// TestIntegration runs every collection of the suite against the echo server and fails on
// any failed assertion, script error or request error.
func TestIntegration(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)

	files, err := filepath.Glob(filepath.Join(suiteDir, "*.postman_collection.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("found %d collections in %s, want at least 10", len(files), suiteDir)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".postman_collection.json")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			opts := loadSuiteCase(t, name, srv.URL)
			rec := &recorder{}
			opts.Reporters = []event.Reporter{rec.reporter()}
			res := run(t, opts)

			passed, problems := rec.verdict()
			for _, p := range problems {
				t.Error(p)
			}
			if res.Failures != 0 {
				t.Errorf("Result.Failures = %d, want 0", res.Failures)
			}
			if passed == 0 {
				t.Errorf("no assertion passed")
			}
			if want, ok := wantAssertions[name]; ok && passed != want {
				t.Errorf("%d assertions passed, want %d", passed, want)
			}
			for _, line := range wantConsole[name] {
				if !rec.hasConsole(line) {
					t.Errorf("no console.%s output containing %q", line.level, line.text)
				}
			}
			if t.Failed() {
				t.Logf("console and warnings of the run:\n%s", rec.transcript())
			}
		})
	}
}

// run runs opts with a deadline and fails the test on a run error.
func run(t *testing.T, opts runner.Options) *runner.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	opts.Timeout = 50 * time.Second
	opts.ScriptTimeout = 20 * time.Second
	res, err := runner.Run(ctx, opts)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if res.Err != nil {
		t.Errorf("run ended early: %v", res.Err)
	}
	return res
}

// loadSuiteCase builds the run options of one suite collection: its environment (plus
// baseUrl), globals, data and iteration count.
func loadSuiteCase(t *testing.T, name, baseURL string) runner.Options {
	t.Helper()
	base := filepath.Join(suiteDir, name)
	coll, err := collections.ParseCollection(mustRead(t, base+".postman_collection.json"), base+".postman_collection.json")
	if err != nil {
		t.Fatal(err)
	}
	// Newman follows redirects unless --ignore-redirects is given.
	opts := runner.Options{Collection: coll, HTTP: runner.HTTPOptions{FollowRedirects: true}}

	opts.Environment = collections.NewScope("", name, nil)
	if data, ok := readOptional(t, base+".postman_environment.json"); ok {
		if opts.Environment, err = collections.ParseVariableFile(data, base+".postman_environment.json"); err != nil {
			t.Fatal(err)
		}
	}
	opts.Environment.Set("baseUrl", baseURL)

	if data, ok := readOptional(t, base+".postman_globals.json"); ok {
		if opts.Globals, err = collections.ParseVariableFile(data, base+".postman_globals.json"); err != nil {
			t.Fatal(err)
		}
	}
	for _, ext := range []string{".postman_data.csv", ".postman_data.json"} {
		if data, ok := readOptional(t, base+ext); ok {
			if opts.Data, err = collections.ParseData(data, base+ext); err != nil {
				t.Fatal(err)
			}
		}
	}
	if data, ok := readOptional(t, base+".options.json"); ok {
		var o struct{ Iterations int }
		if err := json.Unmarshal(data, &o); err != nil {
			t.Fatalf("%s.options.json: %v", base, err)
		}
		opts.Iterations = o.Iterations
	}
	return opts
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readOptional(t *testing.T, path string) ([]byte, bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return data, true
}

// recorder keeps every event of a run.
type recorder struct {
	mu     sync.Mutex
	events []event.Event
}

func (r *recorder) reporter() event.Reporter {
	return event.ReporterFunc(func(_ context.Context, ev event.Event) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.events = append(r.events, ev)
		return nil
	})
}

func (r *recorder) all() []event.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]event.Event(nil), r.events...)
}

// verdict counts passed assertions and describes every failure the run reported.
func (r *recorder) verdict() (passed int, problems []string) {
	for _, ev := range r.all() {
		switch ev := ev.(type) {
		case *event.Assertion:
			switch {
			case ev.Err != nil:
				problems = append(problems, fmt.Sprintf("%s: assertion %q failed: %s",
					itemName(ev.Item), ev.Name, ev.Err.Message))
			case !ev.Skipped:
				passed++
			}
		case *event.Script:
			if ev.Err != nil {
				problems = append(problems, fmt.Sprintf("%s [%s]: script error %s: %s (line %d:%d)",
					itemName(ev.Item), ev.Listen, ev.Err.Name, ev.Err.Message, ev.Err.Line, ev.Err.Column))
			}
		case *event.Exception:
			problems = append(problems, fmt.Sprintf("%s [%s]: uncaught %s: %s",
				itemName(ev.Item), ev.Listen, ev.Err.Name, ev.Err.Message))
		case *event.Request:
			if ev.Err != nil {
				problems = append(problems, fmt.Sprintf("%s: request %s %s failed: %s",
					itemName(ev.Item), ev.Request.Method, ev.Request.URL, ev.Err.Message))
			}
		case *event.Done:
			if ev.Err != nil {
				problems = append(problems, "run failed: "+ev.Err.Message)
			}
		}
	}
	return passed, problems
}

func (r *recorder) hasConsole(want consoleLine) bool {
	for _, ev := range r.all() {
		if c, ok := ev.(*event.Console); ok && c.Level == want.level && strings.Contains(c.Text, want.text) {
			return true
		}
	}
	return false
}

// transcript lists the run's console lines and warnings, to explain a failure.
func (r *recorder) transcript() string {
	var b strings.Builder
	for _, ev := range r.all() {
		switch ev := ev.(type) {
		case *event.Console:
			fmt.Fprintf(&b, "  %s: console.%s: %s\n", itemName(ev.Item), ev.Level, ev.Text)
		case *event.Warning:
			fmt.Fprintf(&b, "  %s: warning: %s\n", itemName(ev.Item), ev.Text)
		}
	}
	return b.String()
}

func itemName(it *collections.Item) string {
	if it == nil {
		return "(no item)"
	}
	return it.Name
}

// TestIntegrationFailuresAreCounted checks that what the suite relies on is reported: a
// failing assertion (sync or async), a thrown error and a refused request each make
// Result.Failures positive and produce the matching event.
func TestIntegrationFailuresAreCounted(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)

	tests := []struct {
		name   string
		url    string
		script string
		want   func(event.Event) bool
	}{
		{
			name:   "failing assertion",
			url:    "{{baseUrl}}/status/404",
			script: `pm.test('wants 200', () => { pm.response.to.have.status(200); });`,
			want: func(ev event.Event) bool {
				a, ok := ev.(*event.Assertion)
				return ok && a.Name == "wants 200" && a.Err != nil
			},
		},
		{
			name: "failing async assertion",
			url:  "{{baseUrl}}/get",
			script: `pm.test('async fails late', async () => {
				await new Promise((resolve) => setTimeout(resolve, 10));
				pm.expect(1).to.equal(2);
			});`,
			want: func(ev event.Event) bool {
				a, ok := ev.(*event.Assertion)
				return ok && a.Name == "async fails late" && a.Err != nil
			},
		},
		{
			name:   "legacy tests entry set to false",
			url:    "{{baseUrl}}/get",
			script: `tests['legacy false'] = false;`,
			want: func(ev event.Event) bool {
				a, ok := ev.(*event.Assertion)
				return ok && a.Name == "legacy false" && a.Err != nil
			},
		},
		{
			name:   "script error",
			url:    "{{baseUrl}}/get",
			script: `throw new Error('boom');`,
			want: func(ev event.Event) bool {
				s, ok := ev.(*event.Script)
				return ok && s.Err != nil && strings.Contains(s.Err.Message, "boom")
			},
		},
		{
			name:   "request error",
			url:    "http://127.0.0.1:1/unreachable",
			script: `pm.test('runs after a request error', () => {});`,
			want: func(ev event.Event) bool {
				r, ok := ev.(*event.Request)
				return ok && r.Err != nil
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			coll := singleRequestCollection(t, tt.url, tt.script)
			env := collections.NewScope("", "env", []collections.Variable{{Key: "baseUrl", Value: srv.URL}})
			rec := &recorder{}
			res := run(t, runner.Options{Collection: coll, Environment: env, Reporters: []event.Reporter{rec.reporter()}})
			if res.Failures == 0 {
				t.Errorf("Result.Failures = 0, want > 0")
			}
			found := false
			for _, ev := range rec.all() {
				found = found || tt.want(ev)
			}
			if !found {
				_, problems := rec.verdict()
				t.Errorf("the expected failure event is missing; reported: %q", problems)
			}
		})
	}
}

// singleRequestCollection builds a v2.1 collection with one GET request and a test script.
func singleRequestCollection(t *testing.T, url, test string) *collections.Collection {
	t.Helper()
	doc := map[string]any{
		"info": map[string]any{
			"name":   "single",
			"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
		},
		"item": []any{map[string]any{
			"name": "the request",
			"event": []any{map[string]any{
				"listen": "test",
				"script": map[string]any{"type": "text/javascript", "exec": strings.Split(test, "\n")},
			}},
			"request": map[string]any{"method": "GET", "url": url},
		}},
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	coll, err := collections.ParseCollection(data, "single.postman_collection.json")
	if err != nil {
		t.Fatal(err)
	}
	return coll
}
