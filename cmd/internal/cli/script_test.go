package cli

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pmrun/pmrun/runner/echo"
)

// TestScripts runs the CLI golden tests in testdata/script/*.txtar. Each script can use:
//
//	pmrun ARGS...   run pmrun in-process (fails unless it exits 0; with ! unless non-zero)
//	exit N          assert the exit code of the last pmrun
//
// and $BASEURL, an echo server started for the script.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			srv := httptest.NewServer(echo.Handler())
			e.Defer(srv.Close)
			e.Setenv("BASEURL", srv.URL)
			e.Setenv("NO_COLOR", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"pmrun": cmdPmrun,
			"exit":  cmdExit,
		},
	})
}

func cmdPmrun(ts *testscript.TestScript, neg bool, args []string) {
	var stdin bytes.Buffer
	if in := ts.Getenv("PMRUN_STDIN"); in != "" {
		stdin.WriteString(ts.ReadFile(in))
	}
	env := &Env{
		Args:   args,
		Stdin:  &stdin,
		Stdout: ts.Stdout(),
		Stderr: ts.Stderr(),
		Getenv: ts.Getenv,
		Dir:    ts.MkAbs("."),
		Now:    time.Now,
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	code := Execute(ctx, env)
	ts.Setenv("PMRUN_EXIT", strconv.Itoa(code))
	if neg && code == 0 {
		ts.Fatalf("pmrun succeeded unexpectedly")
	}
	if !neg && code != 0 {
		ts.Fatalf("pmrun exited %d", code)
	}
}

func cmdExit(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: exit N")
	}
	got := strings.TrimSpace(ts.Getenv("PMRUN_EXIT"))
	if got != args[0] {
		ts.Fatalf("exit code %s, want %s", got, args[0])
	}
}
