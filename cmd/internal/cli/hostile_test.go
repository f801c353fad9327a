package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pmrun/pmrun/internal/echo"
)

// The hostile battery: pmrun against a hostile loopback server, runaway and escaping
// scripts and bad input files. Every case asserts pmrun's clean behaviour: its exit code,
// a message that says what happened, and (for request and script faults) that the run
// went on to the next request. Resources stay small through the limit flags.

// hostileServer serves what a hostile or broken server sends.
func hostileServer(t *testing.T) (base, slowHeaders string) {
	t.Helper()
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 32 { // 32 MiB of zeros in ~32 KiB
		_, _ = zw.Write(zeros)
	}
	_ = zw.Close()
	bomb := gz.Bytes()
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":true}`))
	})
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(bomb)
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("x"), 64<<10)
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/huge-headers", func(w http.ResponseWriter, _ *http.Request) {
		v := strings.Repeat("h", 64<<10)
		for i := range 200 { // 12.5 MiB of headers
			w.Header().Set(fmt.Sprintf("X-Big-%d", i), v)
		}
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/json-bomb", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(strings.Repeat("[", 100000) + strings.Repeat("]", 100000)))
	})
	raw := func(reply string) http.HandlerFunc { // writes reply on the bare connection and hangs up
		return func(w http.ResponseWriter, _ *http.Request) {
			conn, buf, err := http.NewResponseController(w).Hijack()
			if err != nil {
				return
			}
			_, _ = buf.WriteString(reply)
			_ = buf.Flush()
			_ = conn.Close()
		}
	}
	mux.HandleFunc("/lying-length", raw("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nshort"))
	mux.HandleFunc("/not-http", raw("SSH-2.0-OpenSSH_9.6\r\n\r\n"))
	mux.HandleFunc("/bad-gzip", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write([]byte("this is not gzip"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	// Slowloris: a status line, then one header byte every 50 ms, for ever.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop); _ = ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { _ = conn.Close() }()
				_, _ = bufio.NewReader(conn).ReadString('\n')
				if _, err := conn.Write([]byte("HTTP/1.1 200 OK\r\nX-Slow: ")); err != nil {
					return
				}
				for {
					select {
					case <-stop:
						return
					case <-time.After(50 * time.Millisecond):
					}
					if _, err := conn.Write([]byte("z")); err != nil {
						return
					}
				}
			}()
		}
	}()
	return srv.URL, "http://" + ln.Addr().String()
}

// hostileItem is one item of a battery collection: a request and an optional test script.
type hostileItem struct {
	name, url string
	test      string
}

func writeCollection(t *testing.T, dir string, items []hostileItem) string {
	t.Helper()
	type script struct {
		Exec []string `json:"exec"`
	}
	type ev struct {
		Listen string `json:"listen"`
		Script script `json:"script"`
	}
	var list []map[string]any
	for _, it := range items {
		m := map[string]any{"name": it.name, "request": map[string]any{"method": "GET", "url": it.url}}
		if it.test != "" {
			m["event"] = []ev{{Listen: "test", Script: script{Exec: strings.Split(it.test, "\n")}}}
		}
		list = append(list, m)
	}
	b, err := json.Marshal(map[string]any{
		"info": map[string]any{"name": "hostile", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
		"item": list,
	})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "hostile.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// reportedItems lists the names of the executed items and the failure messages of a JSON report.
func reportedItems(t *testing.T, path string) (items, failures []string) {
	t.Helper()
	var r struct {
		Run struct {
			Executions []struct {
				Item struct {
					Name string `json:"name"`
				} `json:"item"`
			} `json:"executions"`
			Failures []struct {
				Error struct {
					Message string `json:"message"`
				} `json:"error"`
			} `json:"failures"`
		} `json:"run"`
	}
	b, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(b, &r) != nil {
		t.Fatalf("no JSON report at %s: %v", path, err)
	}
	for _, e := range r.Run.Executions {
		items = append(items, e.Item.Name)
	}
	for _, f := range r.Run.Failures {
		failures = append(failures, f.Error.Message)
	}
	return items, failures
}

// TestHostileBattery runs each hostile case as a collection whose second item is a plain
// request: the run must go on to it, end with the expected exit code, and say why.
func TestHostileBattery(t *testing.T) {
	t.Parallel()
	base, slow := hostileServer(t)
	tests := map[string]struct {
		item  hostileItem
		flags []string
		code  int
		want  string // in a failure message of the JSON report
	}{
		"gzip bomb": {item: hostileItem{url: base + "/gzip-bomb"}, flags: []string{"--max-response-size", "1MB"},
			code: ExitFailures, want: "maximum response size reached: the body is larger than 1MB (--max-response-size)"},
		"endless body": {item: hostileItem{url: base + "/endless"}, flags: []string{"--max-response-size", "2MB"},
			code: ExitFailures, want: "maximum response size reached"},
		"slowloris headers": {item: hostileItem{url: slow + "/"}, flags: []string{"--timeout-request", "300"},
			code: ExitFailures, want: "ESOCKETTIMEDOUT"},
		"huge headers": {item: hostileItem{url: base + "/huge-headers"},
			code: ExitFailures, want: "server response headers exceeded"},
		"redirect loop": {item: hostileItem{url: base + "/loop"},
			code: ExitFailures, want: "maxRedirects"},
		"lying Content-Length": {item: hostileItem{url: base + "/lying-length"},
			code: ExitFailures, want: "socket hang up"},
		"not HTTP": {item: hostileItem{url: base + "/not-http"},
			code: ExitFailures, want: "malformed HTTP"},
		"body that is not the gzip it claims": {item: hostileItem{url: base + "/bad-gzip",
			test: "pm.test('raw body kept', () => pm.expect(pm.response.text()).to.equal('this is not gzip'));"},
			code: ExitOK},
		"deeply nested JSON body": {item: hostileItem{url: base + "/json-bomb", test: "JSON.stringify(pm.response.json());"},
			code: ExitFailures, want: "Maximum call stack size exceeded"},
		"busy loop": {item: hostileItem{url: base + "/ok", test: "while (true) {}"}, flags: []string{"--timeout-script", "200"},
			code: ExitFailures, want: "synchronous script execution timeout"},
		"catastrophic regex": {item: hostileItem{url: base + "/ok", test: "/^(?=a)(a+)+$/.test('a'.repeat(32) + 'b');"},
			code: ExitFailures, want: "regular expression stopped after 1s"},
		"huge fill": {item: hostileItem{url: base + "/ok", test: "new Array(2 ** 28).fill(0);"},
			code: ExitFailures, want: "memory limit of 1024 MiB exceeded"},
		"huge fill under the timeout": {item: hostileItem{url: base + "/ok", test: "new Array(2 ** 28).fill(0);"},
			flags: []string{"--timeout-script", "300", "--max-script-memory", "0"},
			code:  ExitFailures, want: "synchronous script execution timeout"},
		"exponential stringify": {item: hostileItem{url: base + "/ok", test: "let o = {}; for (let i = 0; i < 40; i++) o = {a: o, b: o}; JSON.stringify(o);"},
			flags: []string{"--timeout-script", "300"}, code: ExitFailures, want: "synchronous script execution timeout"},
		"string past V8's limit": {item: hostileItem{url: base + "/ok", test: "'ab'.repeat(2 ** 29);"},
			code: ExitFailures, want: "Invalid string length"},
		"deep recursion": {item: hostileItem{url: base + "/ok", test: "function f() { return f() + 1; } f();"},
			code: ExitFailures, want: "Maximum call stack size exceeded"},
		"timer flood": {item: hostileItem{url: base + "/ok", test: "setInterval(() => {}, 0);"}, flags: []string{"--timeout-script", "200"},
			code: ExitFailures, want: "asynchronous script execution timeout"},
		"escape attempts": {item: hostileItem{url: base + "/ok", test: escapeScript}, code: ExitOK},
		"thrown Proxy whose traps throw": {item: hostileItem{url: base + "/ok",
			test: "throw new Proxy({}, {get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('proto'); }});"},
			code: ExitFailures},
		"rejection with a throwing name": {item: hostileItem{url: base + "/ok",
			test: "Promise.reject({get name() { throw new Error('getter'); }, message: {toString() { throw new Error('toString'); }}});"},
			code: ExitFailures},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			tc.item.name = name
			coll := writeCollection(t, dir, []hostileItem{tc.item, {name: "after", url: base + "/ok",
				test: "pm.test('the run went on', () => pm.response.to.have.status(200));"}})
			report := filepath.Join(dir, "report.json")
			args := append([]string{"run", coll, "-r", "cli,json", "--reporter-json-export", report}, tc.flags...)
			start := time.Now()
			code, out := runCLI(t, dir, args)
			if code != tc.code {
				t.Errorf("exit %d, want %d after %v:\n%s", code, tc.code, time.Since(start), out)
			}
			if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic") {
				t.Errorf("a Go crash in the output:\n%s", out)
			}
			items, failures := reportedItems(t, report)
			if len(items) != 2 || items[1] != "after" {
				t.Errorf("executions %q: the run did not go on", items)
			}
			joined := strings.Join(failures, "\n")
			if tc.want != "" && !strings.Contains(joined, tc.want) {
				t.Errorf("failures %q, want one with %q", failures, tc.want)
			}
			if tc.code == ExitOK && len(failures) != 0 {
				t.Errorf("failures %q", failures)
			}
		})
	}
}

// escapeScript tries to reach the file system, processes, the environment and the network
// from a script; every test in it must pass.
const escapeScript = `
const G = Function('return this')();
pm.test('no process env', () => {
	pm.expect(typeof process === 'undefined' || !process.env || Object.keys(process.env).length === 0).to.equal(true);
	pm.expect(G.process === undefined || !G.process.env || Object.keys(G.process.env).length === 0).to.equal(true);
});
pm.test('no file system', () => {
	const fs = require('fs');
	pm.expect(typeof fs.readFileSync).to.equal('undefined');
	pm.expect(typeof fs.writeFileSync).to.equal('undefined');
	pm.expect(typeof fs.openSync).to.equal('undefined');
});
pm.test('no child processes, sockets or modules from disk', () => {
	for (const name of ['child_process', 'net', 'http', 'https', 'dgram', 'worker_threads', 'vm', 'module', '/etc/passwd', './hostile.json', '../../etc/passwd']) {
		pm.expect(() => require(name), name).to.throw(/Cannot find module/);
	}
});
pm.test('no host objects through constructors', () => {
	const viaCtor = (function () { return this; }).constructor('return typeof require + typeof process + typeof Deno + typeof Bun')();
	pm.expect(viaCtor).to.not.include('object' + 'object');
	pm.expect(typeof G.__proto__.constructor.constructor('return globalThis.os')()).to.equal('undefined');
});
`

// TestHostileMemory: a script that grows the heap past --max-script-memory is stopped with a
// clear message and the run goes on. Not parallel: the limit is on the process's heap.
//
//nolint:paralleltest // the memory limit measures the whole process's heap
func TestHostileMemory(t *testing.T) {
	base, _ := hostileServer(t)
	dir := t.TempDir()
	coll := writeCollection(t, dir, []hostileItem{
		// 64 KB a step: quick to reach the limit under -race as well.
		{name: "grow", url: base + "/ok", test: "const keep = []; for (;;) keep.push('x'.repeat(65536) + keep.length);"},
		{name: "big allocation", url: base + "/ok", test: "const s = JSON.stringify(new Array(2 ** 20).fill('y'.repeat(512)));"},
		{name: "after", url: base + "/ok"},
	})
	report := filepath.Join(dir, "report.json")
	code, out := runCLI(t, dir, []string{"run", coll, "-r", "cli,json", "--reporter-json-export", report,
		"--max-script-memory", "300MB", "--timeout-script", "120000"})
	if code != ExitFailures {
		t.Errorf("exit %d:\n%s", code, out)
	}
	items, failures := reportedItems(t, report)
	if len(items) != 3 {
		t.Errorf("executions %q", items)
	}
	if len(failures) != 2 || !strings.Contains(failures[0], "memory limit of 300 MiB exceeded") ||
		!strings.Contains(failures[1], "memory limit of 300 MiB exceeded") {
		t.Errorf("failures %q", failures)
	}
}

// TestRunawayScriptEndsTheRun: a script that stays inside one native call long after its
// timeout ends pmrun with a clear message, exit 1 and the reports of what ran before.
func TestRunawayScriptEndsTheRun(t *testing.T) {
	t.Parallel()
	base, _ := hostileServer(t)
	dir := t.TempDir()
	coll := writeCollection(t, dir, []hostileItem{
		{name: "first", url: base + "/ok", test: "pm.test('first ran', () => {});"},
		{name: "stuck", url: base + "/ok", test: "const s = 'ab'.repeat(2 ** 26) + 'cd'.repeat(2 ** 26);"},
		{name: "never", url: base + "/ok"},
	})
	report := filepath.Join(dir, "report.json")
	var out bytes.Buffer
	exited := make(chan int, 1)
	env := &Env{Args: []string{"run", coll, "-r", "cli,json", "--reporter-json-export", report,
		"--timeout-script", "20", "--runaway-grace", "50"},
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" },
		Dir: dir, Now: time.Now,
		Exit: func(code int) {
			exited <- code
			// The test process stays: Execute returns once the script does.
		}}
	Execute(context.Background(), env)
	select {
	case code := <-exited:
		if code != ExitFailures {
			t.Errorf("exit code %d", code)
		}
	default:
		t.Fatalf("the runaway backstop did not end the run:\n%s", out.String())
	}
	if !strings.Contains(out.String(), `script "stuck [test]" did not stop within 50ms after its timeout (--timeout-script 20)`) {
		t.Errorf("no clear message:\n%s", out.String())
	}
	items, _ := reportedItems(t, report)
	if len(items) < 1 || items[0] != "first" {
		t.Errorf("report of what ran before: %q", items)
	}
}

// TestBadFiles: broken or hostile input files are input errors (exit 3) that name the file
// (and the item, where there is one), never a crash or a silently wrong run.
func TestBadFiles(t *testing.T) {
	t.Parallel()
	good := `{"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	  "item": [{"name": "r", "request": "http://127.0.0.1:1/"}]}`
	tests := map[string]struct {
		files map[string]string
		args  []string
		want  string
	}{
		"not JSON":       {map[string]string{"c.json": "<html>not a collection</html>"}, []string{"c.json"}, `"c.json"`},
		"binary garbage": {map[string]string{"c.json": "\x00\xff\xfe\x01{{{"}, []string{"c.json"}, `"c.json"`},
		"truncated":      {map[string]string{"c.json": good[:60]}, []string{"c.json"}, `"c.json"`},
		"method object": {map[string]string{"c.json": strings.Replace(good, `"request": "http://127.0.0.1:1/"`,
			`"request": {"method": {"x": 1}, "url": "http://127.0.0.1:1/"}`, 1)}, []string{"c.json"}, `item "r": request: method`},
		"v1 folder cycle": {map[string]string{"c.json": `{"id": "c", "name": "v1", "order": [], "requests": [],
			"folders": [{"id": "a", "name": "A", "folders_order": ["b"]}, {"id": "b", "name": "B", "folders_order": ["a"]}]}`},
			[]string{"c.json"}, `folders "A" → "B" → "A" list each other`},
		"environment of the wrong shape": {map[string]string{"c.json": good, "e.json": `[1, 2, 3]`},
			[]string{"c.json", "-e", "e.json"}, `"e.json"`},
		"broken CSV":   {map[string]string{"c.json": good, "d.csv": "a,b\n\"1,2\n"}, []string{"c.json", "-d", "d.csv"}, `"d.csv"`},
		"missing file": {map[string]string{}, []string{"nope.json"}, `"nope.json"`},
		"directory":    {map[string]string{"dir/x": ""}, []string{"dir"}, `"dir"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for f, content := range tc.files {
				p := filepath.Join(dir, f)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			code, out := runCLI(t, dir, append([]string{"run"}, tc.args...))
			if code != ExitInput || !strings.Contains(out, tc.want) || strings.Contains(out, "goroutine ") {
				t.Errorf("exit %d, want %d with %q:\n%s", code, ExitInput, tc.want, out)
			}
		})
	}
}

// TestHostileVaultPlaces: a vault secret used where the runner changes its case — a host
// name (lower-cased by URL parsing, in the report's URL and the Host header) and a header
// name (canonicalised by the HTTP client, echoed back by the server) — is masked in every
// output in those forms too. The host is reached through a loopback proxy, so nothing is
// looked up in DNS.
func TestHostileVaultPlaces(t *testing.T) {
	t.Parallel()
	const secret = "Sup3rS3cretValue"
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	e := newVaultTestEnv(t)
	e.initVault()
	e.mustRun(secret, "set", "tok")
	dir := e.env.Dir
	coll := `{"info": {"name": "places", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	  "item": [
	    {"name": "host", "request": {"method": "GET", "url": "http://{{vault:tok}}.example.invalid/get",
	      "proxy": {"host": "127.0.0.1", "port": ` + fmt.Sprint(port) + `}}},
	    {"name": "header name", "request": {"method": "GET", "url": "` + srv.URL + `/get",
	      "header": [{"key": "{{vault:tok}}", "value": "v"}]},
	     "event": [{"listen": "test", "script": {"exec": ["pm.test('echoed', () => pm.expect(pm.response.text()).to.equal(''));"]}}]}
	  ]}`
	if err := os.WriteFile(filepath.Join(dir, "c.json"), []byte(coll), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	env := *e.env
	env.Stdout, env.Stderr = &out, &out
	env.Args = []string{"run", "c.json", "--vault", "--verbose", "-r", "cli,json,junit,jsonl,html",
		"--reporter-json-export", "r.json", "--reporter-junit-export", "r.xml",
		"--reporter-jsonl-export", "r.jsonl", "--reporter-html-export", "r.html"}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if code := Execute(ctx, &env); code != ExitFailures {
		t.Fatalf("exit %d, want 1:\n%s", code, out.String())
	}
	outputs := map[string]string{"console": out.String()}
	for _, name := range []string{"r.json", "r.xml", "r.jsonl", "r.html"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		outputs[name] = string(b)
	}
	if !strings.Contains(outputs["r.json"], "example.invalid") || !strings.Contains(outputs["console"], "echoed") {
		t.Fatalf("the run did not use the secret as expected:\n%s", out.String())
	}
	for where, text := range outputs {
		if i := strings.Index(strings.ToLower(text), strings.ToLower(secret)); i >= 0 {
			t.Errorf("the secret (in another case) in %s: %q", where, text[max(0, i-40):min(len(text), i+40)])
		}
	}
}

// fullWriter fails every write, as standard output on a full disk (>/dev/full) does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestStandardOutputFails: when the console output cannot be written (a full disk), the run
// ends as a reporter failure (exit 5) that names standard output, after writing its file
// reports — not as an input error (exit 3).
func TestStandardOutputFails(t *testing.T) {
	t.Parallel()
	base, _ := hostileServer(t)
	dir := t.TempDir()
	coll := writeCollection(t, dir, []hostileItem{{name: "r", url: base + "/ok"}})
	var errOut bytes.Buffer
	env := &Env{Args: []string{"run", coll, "-r", "cli,json", "--reporter-json-export", "r.json"},
		Stdin: strings.NewReader(""), Stdout: fullWriter{}, Stderr: &errOut,
		Getenv: func(string) string { return "" }, Dir: dir, Now: time.Now}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if code := Execute(ctx, env); code != ExitReporter {
		t.Errorf("exit %d, want %d:\n%s", code, ExitReporter, errOut.String())
	}
	if !strings.Contains(errOut.String(), "cannot write standard output: no space left on device") {
		t.Errorf("no clear message:\n%s", errOut.String())
	}
	if items, _ := reportedItems(t, filepath.Join(dir, "r.json")); len(items) != 1 {
		t.Errorf("the JSON report was not written: %q", items)
	}
}

// TestCircularValueInScopes: a script that stores a circular object in a variable scope
// (Newman then crashes writing its report: "Converting circular structure to JSON") gets
// every report and export written, the cycle shown as "[Circular]".
func TestCircularValueInScopes(t *testing.T) {
	t.Parallel()
	base, _ := hostileServer(t)
	dir := t.TempDir()
	coll := writeCollection(t, dir, []hostileItem{
		{name: "circular", url: base + "/ok", test: "const c = {a: 1, list: []}; c.self = c; c.list.push(c);\n" +
			"pm.environment.set('env', c); pm.globals.set('glob', c); pm.collectionVariables.set('coll', c); pm.variables.set('local', c);"},
		{name: "after", url: base + "/ok", test: "pm.test('still an object', () => pm.expect(pm.environment.get('env').a).to.equal(1));"},
	})
	outs := []string{"r.json", "r.xml", "r.jsonl", "r.html", "env.json", "glob.json", "coll.json"}
	code, out := runCLI(t, dir, []string{"run", coll, "-r", "cli,json,junit,jsonl,html",
		"--reporter-json-export", "r.json", "--reporter-junit-export", "r.xml", "--reporter-jsonl-export", "r.jsonl",
		"--reporter-html-export", "r.html", "--export-environment", "env.json", "--export-globals", "glob.json",
		"--export-collection", "coll.json"})
	if code != ExitOK || strings.Contains(out, "goroutine ") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, name := range outs {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s not written: %v", name, err)
			continue
		}
		if strings.HasSuffix(name, ".json") && !json.Valid(b) {
			t.Errorf("%s is not JSON", name)
		}
	}
	env, _ := os.ReadFile(filepath.Join(dir, "env.json"))
	if !strings.Contains(string(env), `"self": "[Circular]"`) {
		t.Errorf("the exported environment does not show the cycle:\n%s", env)
	}
}

// TestDeepFolderChain: an item inside 2,500 nested folders, each with a pre-request script,
// runs all of them (naming each script by its folder's path was cubic in the depth: this
// run took minutes and outlived runCLI's one-minute context; it takes seconds).
func TestDeepFolderChain(t *testing.T) {
	t.Parallel()
	base, _ := hostileServer(t)
	dir := t.TempDir()
	const depth = 2500
	item := `{"name": "leaf", "request": "` + base + `/ok", "event": [{"listen": "test", "script": {"exec": ["pm.test('deep', () => pm.expect(pm.variables.get('n')).to.equal(` + fmt.Sprint(depth) + `));"]}}]}`
	for i := range depth {
		item = fmt.Sprintf(`{"name": "f%d", "item": [%s], "event": [{"listen": "prerequest", "script": {"exec": ["pm.variables.set('n', (pm.variables.get('n') || 0) + 1);"]}}]}`, i, item)
	}
	coll := `{"info": {"name": "deep", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [` + item + `]}`
	if err := os.WriteFile(filepath.Join(dir, "c.json"), []byte(coll), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := runCLI(t, dir, []string{"run", "c.json", "-r", "json", "--reporter-json-export", "r.json"})
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if items, failures := reportedItems(t, filepath.Join(dir, "r.json")); len(items) != 1 || len(failures) != 0 {
		t.Errorf("executions %q, failures %q", items, failures)
	}
}

// TestVaultArgumentsNotEchoed: a key or secret typed as an argument by mistake
// ("pmrun vault init MY-PASSPHRASE") is refused without being repeated in the error, which
// often ends up in a CI log.
func TestVaultArgumentsNotEchoed(t *testing.T) {
	t.Parallel()
	const secret = "MyArgvSecretValue-42"
	for _, args := range [][]string{{"init", secret}, {"list", secret}} {
		e := newVaultTestEnv(t)
		err := e.run("", args...)
		if code := exitCodeOf(err); code != ExitUsage {
			t.Errorf("vault %s: exit %d, want %d (%v)", args[0], code, ExitUsage, err)
		}
		if err == nil || strings.Contains(err.Error()+e.err.String(), secret) || !strings.Contains(err.Error(), "takes no arguments") {
			t.Errorf("vault %s: error %v, output %q", args[0], err, e.err.String())
		}
	}
}
