package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInterruptDuringRequestExits130: Ctrl-C (the run's context cancelled) while a request
// waits for its response ends the run with exit 130, not 1, even though the aborted request
// counts as a failure, and the JSON report is still written.
func TestInterruptDuringRequestExits130(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-r.Context().Done() // never answers
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	coll := oneGetCollection(t, dir, srv.URL)
	report := filepath.Join(dir, "report.json")

	var out bytes.Buffer
	env := &Env{Args: []string{"run", coll, "-r", "cli,json", "--reporter-json-export", report},
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out,
		Getenv: func(string) string { return "" }, Dir: dir, Now: time.Now}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- Execute(ctx, env) }()
	select {
	case <-arrived:
	case <-time.After(30 * time.Second):
		t.Fatal("the request never arrived")
	}
	cancel()
	var code int
	select {
	case code = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("pmrun did not stop after the interrupt")
	}
	if code != ExitInterrupted {
		t.Errorf("exit %d, want %d:\n%s", code, ExitInterrupted, out.String())
	}
	if !strings.Contains(out.String(), "interrupted") {
		t.Errorf("no word about the interrupt:\n%s", out.String())
	}
	var r struct {
		Run struct {
			Executions []any `json:"executions"`
		} `json:"run"`
	}
	b, err := os.ReadFile(report)
	if err != nil || json.Unmarshal(b, &r) != nil || len(r.Run.Executions) != 1 {
		t.Errorf("the report of the interrupted run is missing or incomplete: %v\n%s", err, b)
	}
}
