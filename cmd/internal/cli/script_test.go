package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pmrun/pmrun/internal/echo"
	"github.com/pmrun/pmrun/runner/packages/packagestest"
)

// TestScripts runs the CLI golden tests in testdata/script/*.txtar. Each script can use:
//
//	pmrun ARGS...   run pmrun in-process (fails unless it exits 0; with ! unless non-zero)
//	exit N          assert the exit code of the last pmrun
//
// and $BASEURL, an echo server started for the script, and $REGISTRY, a fake npm registry
// (scriptRegistry) with the package cache in $WORK/pkgcache.
func TestScripts(t *testing.T) {
	t.Parallel()
	reg := scriptRegistry(t)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			srv := httptest.NewServer(echo.Handler())
			e.Defer(srv.Close)
			e.Setenv("BASEURL", srv.URL)
			e.Setenv("REGISTRY", reg.URL)
			e.Setenv("PMRUN_PACKAGE_CACHE", e.WorkDir+"/pkgcache")
			e.Setenv("NO_COLOR", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"pmrun":      cmdPmrun,
			"exit":       cmdExit,
			"exec-stats": cmdExecStats,
			"exec-order": cmdExecOrder,
			"env-value":  cmdEnvValue,
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

// cmdEnvValue writes the value of variable KEY of an exported environment file to OUT:
// env-value FILE KEY OUT.
func cmdEnvValue(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: env-value FILE KEY OUT")
	}
	var env struct {
		Values []struct {
			Key   string `json:"key"`
			Value any    `json:"value"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &env); err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	for _, v := range env.Values {
		if v.Key == args[1] {
			if err := os.WriteFile(ts.MkAbs(args[2]), []byte(fmt.Sprint(v.Value)+"\n"), 0o600); err != nil {
				ts.Fatalf("%v", err)
			}
			return
		}
	}
	ts.Fatalf("%s has no variable %s", args[0], args[1])
}

// cmdExecStats asserts a JSON report's run.stats.<name>.total: exec-stats FILE NAME N.
func cmdExecStats(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: exec-stats FILE NAME TOTAL")
	}
	var r struct {
		Run struct {
			Stats map[string]struct{ Total int } `json:"stats"`
		} `json:"run"`
	}
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &r); err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	if got := strconv.Itoa(r.Run.Stats[args[1]].Total); got != args[2] {
		ts.Fatalf("%s: run.stats.%s.total = %s, want %s", args[0], args[1], got, args[2])
	}
}

// cmdExecOrder asserts the iterations of a JSON report's executions: exec-order FILE 0,1,2.
func cmdExecOrder(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: exec-order FILE I,J,K")
	}
	var r struct {
		Run struct {
			Executions []struct {
				Cursor struct{ Iteration int } `json:"cursor"`
			} `json:"executions"`
		} `json:"run"`
	}
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &r); err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	var got []string
	for _, x := range r.Run.Executions {
		got = append(got, strconv.Itoa(x.Cursor.Iteration))
	}
	if strings.Join(got, ",") != args[1] {
		ts.Fatalf("%s: execution iterations %s, want %s", args[0], strings.Join(got, ","), args[1])
	}
}

// scriptRegistry serves the npm packages of the golden scripts: slugify 1.2.0 (with its
// dependency) and 2.0.0.
func scriptRegistry(t *testing.T) *packagestest.Registry {
	return packagestest.NewRegistry(t,
		packagestest.Package{Name: "lower-dash", Version: "1.0.3", Files: map[string]string{
			"index.js": "module.exports = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');",
		}},
		packagestest.Package{Name: "slugify", Version: "1.2.0", Deps: map[string]string{"lower-dash": "^1.0.0"}, Files: map[string]string{
			"index.js": "const dash = require('lower-dash');\nmodule.exports = { slug: (s) => dash(s), version: '1.2.0' };",
		}},
		packagestest.Package{Name: "slugify", Version: "2.0.0", Files: map[string]string{
			"index.js": "module.exports = { slug: (s) => s, version: '2.0.0' };",
		}},
	)
}
