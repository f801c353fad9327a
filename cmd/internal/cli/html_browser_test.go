package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pmrun/pmrun/internal/echo"
)

// browserCollection has passing and failing items over two iterations, console lines and a
// script error, so the page has something of each kind.
const browserCollection = `{
  "info": {"name": "browser", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [
    {"name": "passes", "request": {"method": "GET", "url": "{{baseUrl}}/get?n=1"},
     "event": [{"listen": "test", "script": {"exec": ["pm.test('ok', () => pm.response.to.have.status(200)); console.info('fine');"]}}]},
    {"name": "Folder", "item": [
      {"name": "fails", "request": {"method": "POST", "url": "{{baseUrl}}/post", "body": {"mode": "raw", "raw": "{\"a\":1}"}},
       "event": [{"listen": "test", "script": {"exec": ["pm.test('is 404', () => pm.response.to.have.status(404));", "console.warn('careful');"]}}]},
      {"name": "throws", "request": {"method": "GET", "url": "{{baseUrl}}/get?n=3"},
       "event": [{"listen": "test", "script": {"exec": ["const o = {};", "o.missing.call();"]}}]}
    ]}
  ]
}`

// findBrowser returns a Chromium or Chrome binary ("" when there is none). PMRUN_CHROME
// names one explicitly.
func findBrowser() string {
	if p := os.Getenv("PMRUN_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless browser for the test, or skips when there is none outside
// CI. In CI (CI=true) a missing browser fails the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	bin := findBrowser()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found (CI=true): install Debian's chromium package, or set PMRUN_CHROME")
		}
		t.Skip("skipping the browser test: no chromium, chromium-browser or google-chrome on PATH (set PMRUN_CHROME to a browser binary)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.NoSandbox, // runs as root in CI containers
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// artifactDir is where browser screenshots go: $PMRUN_TEST_ARTIFACTS, or a directory under
// the system temp directory that outlives the test.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PMRUN_TEST_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "pmrun-test-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runInProcess runs pmrun with args in dir and returns its exit code and output.
func runInProcess(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	env := &Env{Args: args, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out,
		Getenv: func(string) string { return "" }, Dir: dir, Now: time.Now}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return Execute(ctx, env), out.String()
}

// TestHTMLReportInBrowser opens the HTML report in headless Chromium: the counts it shows
// match the JSON report of the same run, the failures filter leaves the failed requests
// only, a failed request opens with its response and script error, and a screenshot is
// saved as a test artifact.
func TestHTMLReportInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "c.json"), []byte(browserCollection), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := runInProcess(t, dir, "run", "c.json", "-n", "2", "--env-var", "baseUrl="+srv.URL,
		"-r", "html,json", "--reporter-html-export", "report.html", "--reporter-json-export", "report.json")
	if code != ExitFailures {
		t.Fatalf("exit code %d, want 1 (the collection fails on purpose)\n%s", code, out)
	}
	var report struct {
		Run struct {
			Stats      map[string]struct{ Total, Failed int } `json:"stats"`
			Failures   []json.RawMessage                      `json:"failures"`
			Executions []struct {
				Assertions []struct {
					Error json.RawMessage `json:"error"`
				} `json:"assertions"`
				TestScript []json.RawMessage `json:"testScript"`
			} `json:"executions"`
		} `json:"run"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatal(err)
	}
	failedExecs := 0
	for _, x := range report.Run.Executions {
		failed := len(x.TestScript) > 0
		for _, a := range x.Assertions {
			failed = failed || len(a.Error) > 0
		}
		if failed {
			failedExecs++
		}
	}

	url := "file://" + filepath.Join(dir, "report.html")
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return v
	}
	count := func(sel string) string {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+sel+`').length`))
		if err != nil {
			t.Fatalf("counting %s: %v", sel, err)
		}
		return strconv.Itoa(n)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`))); err != nil {
		t.Fatalf("opening the report: %v", err)
	}
	requests, assertions := text("#count-requests"), text("#count-assertions")
	failedAssertions, failures := text("#count-failed-assertions"), text("#count-failures")
	rowsAll, failureItems := count("#list .row"), count("#failures li")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#filter-failures"))); err != nil {
		t.Fatalf("clicking the failures filter: %v", err)
	}
	rowsFailed := count("#list .row")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#list .row.failed .sum"))); err != nil {
		t.Fatalf("opening a failed request: %v", err)
	}
	detail := text("#list .row.failed .detail")
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	stats := report.Run.Stats
	for _, c := range []struct {
		what      string
		shown     string
		wantValue int
	}{
		{"requests", requests, stats["requests"].Total},
		{"assertions", assertions, stats["assertions"].Total},
		{"failed assertions", failedAssertions, stats["assertions"].Failed},
		{"failures", failures, len(report.Run.Failures)},
		{"failure list entries", failureItems, len(report.Run.Failures)},
		{"request rows", rowsAll, len(report.Run.Executions)},
		{"rows after the failures filter", rowsFailed, failedExecs},
	} {
		if n, err := strconv.Atoi(strings.TrimSpace(c.shown)); err != nil || n != c.wantValue {
			t.Errorf("%s: page shows %q, the JSON report says %d", c.what, c.shown, c.wantValue)
		}
	}
	if failedExecs == 0 || failedExecs == len(report.Run.Executions) {
		t.Errorf("%d of %d executions failed: the filter is not tested", failedExecs, len(report.Run.Executions))
	}
	for _, want := range []string{"Response", "expected response to have status code 404 but got 200", "careful"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the failed request's detail lacks %q:\n%s", want, detail)
		}
	}
	path := filepath.Join(artifactDir(t), "html-report-failures.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
