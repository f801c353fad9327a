package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

var updateREADME = flag.Bool("update", false, "rewrite README.md's compatibility section from the Compat table")

// compatExec is the world the Compat scripts run in (described on Compat).
func compatExec(row CompatRow) *Execution {
	listen := row.Listen
	if listen == "" {
		listen = "test"
	}
	ex := &Execution{
		Listen:     listen,
		Script:     collections.Script{Source: strings.TrimPrefix(row.Script, "\n")},
		ScriptName: "Folder/Item [" + listen + "]",
		ItemID:     "item-1", ItemName: "Item", ItemPath: []string{"Folder", "Item"}, CollectionName: "My Collection",
		RequestID: "req-1", Iteration: 0, IterationCount: 1,
		Scopes: collections.Scopes{
			Local: collections.NewScope("", "variables", nil),
			Data:  collections.NewScope("", "data", []collections.Variable{{Key: "user", Value: "alice"}}),
			Environment: collections.NewScope("env-id", "env", []collections.Variable{
				{Key: "host", Value: "example.com"}, {Key: "token", Value: "t0k"}}),
			Collection: collections.NewScope("", "collection", []collections.Variable{{Key: "base", Value: "/v1"}}),
			Globals:    collections.NewScope("", "globals", []collections.Variable{{Key: "g", Value: "1"}}),
		},
		Request: &collections.Request{
			Method: "POST",
			URL:    collections.ParseURL("http://{{host}}/users?page=2&sort=name"),
			Headers: []collections.Header{
				{Key: "Accept", Value: "application/json"},
				{Key: "Content-Type", Value: "application/json"},
				{Key: "X-Token", Value: "{{token}}"},
			},
			Body: &collections.Body{Mode: "raw", Raw: `{"name":"{{user}}"}`,
				Options: map[string]any{"raw": map[string]any{"language": "json"}}},
			Auth: &collections.Auth{Type: "bearer", Params: []collections.AuthParam{{Key: "token", Value: "{{token}}", Type: "string"}}},
		},
		Cookies: []collections.Cookie{{Name: "session", Value: "abc", Domain: "example.com"}},
	}
	if listen == "test" {
		ex.Response = &collections.Response{
			Code: 200, Status: "OK",
			Headers: []collections.Header{
				{Key: "Content-Type", Value: "application/json; charset=utf-8"},
				{Key: "X-Request-Id", Value: "abc-123"},
			},
			Body:         []byte(`{"id":1,"name":"pmrun","tags":["a","b"],"nested":{"ok":true}}`),
			ResponseTime: 42 * time.Millisecond,
			Cookies:      []collections.Cookie{{Name: "session", Value: "abc", Domain: "example.com"}},
		}
	}
	return ex
}

// echoRequester answers with JSON describing the request it was sent.
type echoRequester struct{}

func (echoRequester) Send(_ context.Context, req *collections.Request) (*collections.Response, error) {
	if len(req.URL.Host) > 0 && strings.Join(req.URL.Host, ".") == "refused.test" {
		return nil, systemError{codedError{"ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:80"}, "127.0.0.1", 80}
	}
	headers := map[string]string{}
	for _, h := range req.Headers {
		headers[h.Key] = h.Value
	}
	var body any
	if req.Body != nil {
		body = req.Body.Raw
	}
	b, err := json.Marshal(map[string]any{"method": req.Method, "url": req.URL.String(), "body": body, "headers": headers})
	if err != nil {
		return nil, err
	}
	return &collections.Response{
		Code: 200, Status: "OK",
		Headers: []collections.Header{{Key: "Content-Type", Value: "application/json"}},
		Body:    b,
	}, nil
}

// compatVault holds apiKey; linked-db is a linked secret scripts cannot change.
type compatVault struct {
	mu     sync.Mutex
	values map[string]string
}

var errLinked = errors.New(`secret "linked-db" is linked and cannot be changed from scripts`)

func (v *compatVault) Get(_ context.Context, key string) (string, bool, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	s, ok := v.values[key]
	return s, ok, nil
}

func (v *compatVault) Set(_ context.Context, key, value string) error {
	if key == "linked-db" {
		return errLinked
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.values[key] = value
	return nil
}

func (v *compatVault) Unset(_ context.Context, key string) error {
	if key == "linked-db" {
		return errLinked
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	delete(v.values, key)
	return nil
}

// compatChecks are the effects of rows that a script cannot see itself (run results,
// console lines), keyed by CompatRow.API.
var compatChecks = map[string]func(t *testing.T, res Result, console []string){
	"pm.execution.setNextRequest()": func(t *testing.T, res Result, _ []string) {
		if res.NextRequest == nil || *res.NextRequest != "Item 2" {
			t.Errorf("NextRequest = %v", res.NextRequest)
		}
	},
	"postman.setNextRequest": func(t *testing.T, res Result, console []string) {
		if res.NextRequest == nil || *res.NextRequest != "Item 2" {
			t.Errorf("NextRequest = %v", res.NextRequest)
		}
		wantConsole(t, console, `warn: Using "postman.setNextRequest" is deprecated. Use "pm.execution.setNextRequest()" instead.`)
	},
	"pm.execution.skipRequest()": func(t *testing.T, res Result, _ []string) {
		if !res.SkipRequest {
			t.Error("SkipRequest not set")
		}
	},
	"pm.visualizer.set(), clear()": func(t *testing.T, res Result, _ []string) {
		if v := res.Visualizer; v == nil || v.Template != "<p>{{name}}</p>" {
			t.Errorf("Visualizer = %+v", v)
		}
	},
	"pm.sendRequest with a file body": func(t *testing.T, _ Result, console []string) {
		wantConsole(t, console, "warn: uploading files from scripts is not allowed")
	},
	"pm.vault.get(), set(), unset()": func(t *testing.T, _ Result, console []string) {
		wantConsole(t, console, "error: "+errLinked.Error())
	},
	"console (log, info, warn, error, debug, clear)": func(t *testing.T, _ Result, console []string) {
		want := []string{"log: log { a: [ 1, 'x' ] }", "info: info n=5", "warn: warn", "error: boom", "debug: debug null undefined", "log: "}
		if !slices.Equal(console, want) {
			t.Errorf("console = %q, want %q", console, want)
		}
	},
	"responseBody, responseCode, responseHeaders, responseTime, responseCookies": func(t *testing.T, _ Result, console []string) {
		// As in Postman, only the legacy objects warn, not the primitives.
		want := []string{
			`warn: Using "responseCode" is deprecated. Use "pm.response.code" instead.`,
			`warn: Using "responseHeaders" is deprecated. Use "pm.response.headers" instead.`,
			`warn: Using "responseCookies" is deprecated. Use "pm.cookies" instead.`,
		}
		if !slices.Equal(console, want) {
			t.Errorf("console = %q, want %q", console, want)
		}
	},
	"_ (lodash 3), CryptoJS, tv4, cheerio, Backbone, xml2Json": func(t *testing.T, _ Result, console []string) {
		wantConsole(t, console, `warn: Using "CryptoJS" is deprecated. Use global "crypto" object instead.`)
		wantConsole(t, console, `warn: Using "Backbone" is deprecated.`)
	},
	"tests[]": func(t *testing.T, _ Result, console []string) {
		wantConsole(t, console, `warn: Using "tests" is deprecated. Use "pm.test()" instead.`)
	},
}

func wantConsole(t *testing.T, console []string, line string) {
	t.Helper()
	if !slices.Contains(console, line) {
		t.Errorf("console has no %q: %q", line, console)
	}
}

func TestCompatTable(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	areas := map[string]bool{}
	for _, a := range compatAreas {
		areas[a.key] = true
	}
	for _, row := range Compat {
		if seen[row.API] {
			t.Errorf("duplicate row %q", row.API)
		}
		seen[row.API] = true
		if !areas[row.Area] {
			t.Errorf("row %q: unknown area %q", row.API, row.Area)
		}
		if (row.Status == StatusNotSupported) != (row.Fails != "") {
			t.Errorf("row %q: status %q with Fails %q", row.API, row.Status, row.Fails)
		}
		if row.Status != StatusSupported && row.Note == "" {
			t.Errorf("row %q: a %s row needs a note", row.API, row.Status)
		}
	}
	for api := range compatChecks {
		if !seen[api] {
			t.Errorf("compatChecks names %q, which is not in Compat", api)
		}
	}
	for _, row := range Compat {
		t.Run(row.API, func(t *testing.T) {
			t.Parallel()
			runCompatRow(t, row)
		})
	}
}

func runCompatRow(t *testing.T, row CompatRow) {
	switch row.Status {
	case StatusSupported, StatusPartial, StatusNotSupported:
	default:
		t.Fatalf("unknown status %q", row.Status)
	}
	h := newHarness(t, Options{
		// Generous: no row tests the timeout, and under -race on 2 busy cores ajv alone
		// took more than 5 s.
		ScriptTimeout: 60 * time.Second,
		Requester:     echoRequester{},
		Cookies:       &fakeJar{cookies: map[string][]collections.Cookie{}},
		Vault:         &compatVault{values: map[string]string{"apiKey": "s3cr3t"}},
		Runner:        compatRunner{},
		Packages:      mapPackages{"@team/utils": "module.exports = { greet: (n) => 'hello ' + n + ' from ' + pm.info.requestName };"},
	})
	res := h.sb.Run(context.Background(), compatExec(row))
	console := h.rec.console()
	if row.Status == StatusNotSupported {
		if got := errText(res.Err); got != row.Fails {
			t.Fatalf("error = %q, want %q", got, row.Fails)
		}
		return
	}
	if res.Err != nil {
		t.Fatalf("script error %s (line %d)\nconsole:\n%s", errText(res.Err), res.Err.Line, joinLines(console))
	}
	passed := 0
	for _, a := range h.rec.assertions() {
		switch {
		case a.Err != nil:
			t.Errorf("assertion %q failed: %s", a.Name, errText(a.Err))
		case !a.Skipped:
			passed++
		}
	}
	if passed == 0 {
		t.Error("the script made no passing assertion")
	}
	if check := compatChecks[row.API]; check != nil {
		check(t, res, console)
	}
}

func TestCompatTableInREADME(t *testing.T) {
	t.Parallel()
	const path = "../README.md"
	const begin, end = "<!-- compat:begin -->\n", "<!-- compat:end -->"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q … %q section", path, strings.TrimSpace(begin), end)
	}
	want := CompatMarkdown()
	if got := text[i+len(begin) : j]; got == want {
		return
	}
	if !*updateREADME {
		t.Fatalf("%s's compatibility section differs from sandbox.Compat: run `go test ./sandbox -run TestCompatTableInREADME -update`", path)
	}
	out := text[:i+len(begin)] + want + text[j:]
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// compatRunner answers pm.execution.runRequest with a response naming the request and its
// "id" variable; "skipped" is reported as skipped.
type compatRunner struct{}

func (compatRunner) PrepareRun(idOrName string, vars map[string]any,
) (func(context.Context) (*collections.Response, bool, error), error) {
	body := fmt.Sprintf(`{"ran": "%s:%v"}`, idOrName, vars["id"])
	return func(context.Context) (*collections.Response, bool, error) {
		if idOrName == "skipped" {
			return nil, true, nil
		}
		return &collections.Response{Code: 200, Status: "OK", Body: []byte(body)}, false, nil
	}, nil
}
