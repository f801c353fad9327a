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

// TestInterruptSavesVaultChanges: a vault change a script made before Ctrl-C is saved, and
// the run still exits 130.
func TestInterruptSavesVaultChanges(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	e.mustRun("", "scripts", "on")
	arrived := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			_, _ = w.Write([]byte("ok"))
			return
		}
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	coll := writeCollection(t, e.env.Dir, []hostileItem{
		{name: "sets", url: srv.URL + "/ok", test: "await pm.vault.set('fromRun', 'saved-on-interrupt');"},
		{name: "hangs", url: srv.URL + "/hang"},
	})
	var out bytes.Buffer
	env := *e.env
	env.Stdout, env.Stderr = &out, &out
	cmd := newRunCmdWith(&env, e.deps)
	cmd.SetArgs([]string{coll, "--vault"})
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	select {
	case <-arrived:
	case <-time.After(30 * time.Second):
		t.Fatal("the hanging request never arrived")
	}
	cancel()
	if code := exitCodeOf(<-done); code != ExitInterrupted {
		t.Errorf("exit %d, want %d:\n%s", code, ExitInterrupted, out.String())
	}
	if sec, ok := e.open().Secret("fromRun"); !ok || sec.Value != "saved-on-interrupt" {
		t.Errorf("the vault change was lost: %+v %v", sec, ok)
	}
}
