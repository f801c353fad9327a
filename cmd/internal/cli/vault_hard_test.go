package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pmrun/pmrun/pmvault"
)

// TestVaultCommandsConcurrent runs "vault set" and other editing commands at the same
// moment on one vault file, many times: every change must be on disk afterwards.
func TestVaultCommandsConcurrent(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	const rounds = 15
	for round := range rounds {
		cmds := [][]string{
			{"set", fmt.Sprintf("a%d", round)},
			{"set", fmt.Sprintf("b%d", round)},
			{"link", fmt.Sprintf("c%d", round), "op://Shared/DB/password"},
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, len(cmds))
		for i, args := range cmds {
			env := *e.env
			var out bytes.Buffer
			env.Stdout, env.Stderr = &out, &out
			env.Stdin = strings.NewReader("value-of-" + args[1] + "\n")
			wg.Go(func() {
				cmd := newVaultCmdWith(&env, e.deps)
				cmd.SetArgs(args)
				cmd.SetOut(&out)
				cmd.SetErr(&out)
				<-start
				if err := cmd.ExecuteContext(context.Background()); err != nil {
					errs[i] = fmt.Errorf("vault %v: %w: %s", args, err, out.String())
				}
			})
		}
		close(start)
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
	}
	v := e.open()
	var missing []string
	for round := range rounds {
		for _, p := range []string{"a", "b", "c"} {
			name := fmt.Sprintf("%s%d", p, round)
			sec, ok := v.Secret(name)
			if !ok || (p != "c" && sec.Value != "value-of-"+name) {
				missing = append(missing, name)
			}
		}
	}
	if len(missing) > 0 {
		t.Fatalf("lost writes: %v", missing)
	}
}

// runVaultCollection runs collection (JSON text) with --vault and args in e's directory and
// returns the exit code, stdout and stderr.
func runVaultCollection(t *testing.T, e *vaultTestEnv, collection string, args ...string) (int, string, string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(e.env.Dir, "c.json"), []byte(collection), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	env := *e.env
	env.Stdout, env.Stderr = &stdout, &stderr
	cmd := newRunCmdWith(&env, e.deps)
	cmd.SilenceUsage = true
	rest, flags, err := extractReporterFlags(append([]string{"c.json", "--vault"}, args...))
	if err != nil {
		t.Fatal(err)
	}
	cmd.SetArgs(rest)
	cmd.SetOut(&stdout)
	cmd.SetErr(&stderr)
	ctx := context.WithValue(context.Background(), reporterFlagsKey{}, flags)
	runErr := cmd.ExecuteContext(ctx)
	return exitCodeOf(runErr), stdout.String(), stderr.String()
}

// TestLinkedSecretProviderFailureNotSent: with the 1Password provider failing (a bad token),
// a request using {{vault:linked}} is not sent; it is a request error naming the secret
// and the provider's reason, and the run exits 4. An unknown name and a domain not allowed
// keep the documented behaviour: the literal text is sent, with a warning.
func TestLinkedSecretProviderFailureNotSent(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	e.mustRun("", "link", "linked", "op://Shared/DB/password")
	e.mustRun("local-value-123\n", "set", "elsewhere")
	e.mustRun("", "domains", "elsewhere", "https://other.example")
	e.provider.CallErr = &pmvault.ProviderError{Provider: "1Password", Kind: pmvault.KindAuth,
		Msg: "the service account token was rejected (invalid token)"}
	e.vars["OP_SERVICE_ACCOUNT_TOKEN"] = "ops_bad_token_for_the_test"

	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.RawQuery+" "+r.Header.Get("X-Secret"))
		mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	coll := `{"info": {"name": "p", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	  "item": [
	    {"name": "uses linked", "request": {"method": "GET", "url": "` + srv.URL + `/a?item=linked",
	      "header": [{"key": "X-Secret", "value": "{{vault:linked}}"}]}},
	    {"name": "unknown and not allowed", "request": {"method": "GET",
	      "url": "` + srv.URL + `/b?item=literal&u={{vault:nosuch}}&d={{vault:elsewhere}}"}}
	  ]}`
	code, stdout, stderr := runVaultCollection(t, e, coll)
	if code != ExitVault {
		t.Errorf("exit code %d, want 4\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, s := range seen {
		if strings.Contains(s, "item=linked") {
			t.Errorf("the request using the failing secret was sent: %q", s)
		}
	}
	if len(seen) != 1 || !strings.Contains(seen[0], "u=%7B%7Bvault:nosuch%7D%7D") && !strings.Contains(seen[0], "u={{vault:nosuch}}") {
		t.Errorf("server saw %q, want only the second request with its literal text", seen)
	}
	for _, want := range []string{`vault secret "linked" could not be resolved`, "invalid token", "1Password"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stdout, `vault secret "nosuch" was not resolved`) {
		t.Errorf("no warning for the unknown name:\n%s", stdout)
	}
	if strings.Contains(stdout+stderr, "ops_bad_token_for_the_test") {
		t.Error("the token leaked")
	}
}
