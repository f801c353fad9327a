package cli

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pmrun/pmrun/internal/echo"
)

// oneGetCollection is a one-request collection against base.
func oneGetCollection(t *testing.T, dir, base string) string {
	t.Helper()
	coll := `{"info": {"name": "one", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	  "item": [{"name": "get", "request": {"method": "GET", "url": "` + base + `/get"}}]}`
	path := filepath.Join(dir, "one.json")
	if err := os.WriteFile(path, []byte(coll), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReportPathsAreWrittenNotReplaced names a symlink and a FIFO as export paths: the link must
// stay a link with the report in its target, the FIFO must stay a FIFO and its reader must get
// the report (a rename would have put a regular file in their place, as it did to /dev/null).
func TestReportPathsAreWrittenNotReplaced(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	coll := oneGetCollection(t, dir, srv.URL)

	target := filepath.Join(dir, "real", "report.json")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink(filepath.Join(dir, "created-by-link.json"), dangling); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	// hold keeps a writer on the FIFO so that neither side blocks whatever pmrun does; closing
	// it after the run gives the reader its end of file.
	hold, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fromFIFO := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			fromFIFO <- "open: " + err.Error()
			return
		}
		defer func() { _ = f.Close() }()
		b, _ := io.ReadAll(f)
		fromFIFO <- string(b)
	}()

	code, out := runCLI(t, dir, []string{"run", coll, "-r", "json,junit",
		"--reporter-json-export", link, "--reporter-junit-export", fifo, "--export-environment", dangling})
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced: %v %v", fi.Mode(), err)
	}
	var report map[string]any
	if b, err := os.ReadFile(target); err != nil || json.Unmarshal(b, &report) != nil {
		t.Errorf("the link's target does not hold the JSON report: %q %v", b, err)
	}
	_ = hold.Close()
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
	if got := <-fromFIFO; !strings.Contains(got, "<testsuites") {
		t.Errorf("the FIFO's reader got %q, want the JUnit report", got)
	}
	if fi, err := os.Lstat(dangling); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the dangling symlink was replaced: %v %v", fi.Mode(), err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "created-by-link.json")); err != nil || !strings.Contains(string(b), "environment") {
		t.Errorf("the dangling link's target was not created with the export: %q %v", b, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(target))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temp file left behind: %s", e.Name())
		}
	}
}

// TestReportPathIsADirectory: a directory as export path is a reporter error (exit 5), not a
// crash, and the run's other outputs are still written.
func TestReportPathIsADirectory(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	coll := oneGetCollection(t, dir, srv.URL)
	junit := filepath.Join(dir, "out.xml")
	code, out := runCLI(t, dir, []string{"run", coll, "-r", "json,junit",
		"--reporter-json-export", dir, "--reporter-junit-export", junit})
	if code != ExitReporter || !strings.Contains(out, "is a directory") {
		t.Errorf("exit %d, want %d with 'is a directory':\n%s", code, ExitReporter, out)
	}
	if _, err := os.Stat(junit); err != nil {
		t.Errorf("the JUnit report was not written: %v", err)
	}
}
