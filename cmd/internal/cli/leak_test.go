package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/internal/echo"
)

// leakCollection uses vault secrets everywhere a value can travel: URL, headers, body, auth,
// cookies, script variables, test names, console output, thrown errors and exports.
const leakCollection = `{
  "info": {"name": "leak", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [
    {
      "name": "secrets in the request",
      "event": [
        {"listen": "prerequest", "script": {"exec": [
          "const local = await pm.vault.get('apiKey');",
          "console.log('pre-request sees', local);"
        ]}},
        {"listen": "test", "script": {"exec": [
          "const local = await pm.vault.get('apiKey');",
          "const linked = await pm.vault.get('db');",
          "console.log('local', local, 'linked', linked);",
          "console.error({ nested: { local, linked } });",
          "pm.environment.set('copiedLocal', local);",
          "pm.globals.set('copiedLinked', linked);",
          "pm.test('test named after ' + local, () => pm.expect(pm.response.json().headers['x-api-key']).to.equal(local));",
          "pm.test('fails showing ' + linked, () => pm.expect(linked).to.equal('something else'));",
          "const odd = await pm.vault.get('odd');",
          "pm.test('long value shortened by chai', () => pm.expect(odd).to.equal('something else'));",
          "pm.test('odd value sent', () => pm.expect(pm.response.json().args.o).to.equal(odd));",
          "console.log({k: local, o: odd}, [linked]);",
          "console.log(encodeURI(odd), encodeURIComponent(local), escape(linked), JSON.stringify({local, odd}));",
          "pm.test('short value shown by chai', () => pm.expect(local).to.equal('nope'));",
          "pm.test('deep value shown by chai', () => pm.expect({k: odd}).to.eql({k: 1}));",
          "throw new Error('thrown with ' + local + ' and ' + linked);"
        ]}}
      ],
      "request": {
        "method": "POST",
        "auth": {"type": "basic", "basic": [
          {"key": "username", "value": "user"}, {"key": "password", "value": "{{vault:db}}"}
        ]},
        "header": [{"key": "X-Api-Key", "value": "{{vault:apiKey}}"}],
        "body": {"mode": "raw", "raw": "{\"key\": \"{{vault:apiKey}}\", \"db\": \"{{vault:db}}\"}"},
        "url": "{{baseUrl}}/post?key={{vault:apiKey}}&db={{vault:db}}&o={{vault:odd}}"
      }
    },
    {
      "name": "secret in a path",
      "request": {"method": "GET", "url": "{{baseUrl}}/nowhere/{{vault:odd}}/end"}
    },
    {
      "name": "secret in a cookie",
      "request": {"method": "GET", "url": "{{baseUrl}}/cookies/set?session={{vault:apiKey}}"}
    }
  ]
}`

// TestSecretsNeverLeak runs a collection that uses a local and a 1Password-linked secret
// everywhere, with every reporter, the console, --verbose and every export on, then searches
// all output for the secret values in any form: with ordinary values, values made of every
// printable ASCII character, and 64 KB values. With --no-mask-secrets the same search must
// find them (so the search itself works).
func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	printable := printableASCIIText()
	// Separators the JSON report splits URLs on, XML specials and more than chai's 40
	// characters.
	const odd = `Odd/v4lue&x=<"q">+slash/and.dots-plus-enough-characters-0042`
	reversed := []byte(printable)
	slices.Reverse(reversed)
	big := strings.Repeat(printable, 64<<10/len(printable)+1)[:64<<10]
	cases := []struct {
		name               string
		local, linked, odd string
	}{
		{"ordinary values", "local-s3cret-value-4711", "linked-db-p4ssword-0815", odd},
		{"every printable ASCII character", printable, "linked-" + string(reversed), "Tr0ub4dor'sHorse-Battery9 " + printable},
		{"quotes and URL delimiters", "Tr0ub4dor'sHorse-Battery9", `q'u"o` + "`te-#-and space", "a b#c?d&e=f/g'h\\i\"j`k"},
		{"64 KB values", big, "L" + big[1:], "x" + big[:40<<10]},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			outputs := runLeakCollection(t, tc.local, tc.linked, tc.odd, false)
			// The run really used the secrets: the scripts read them, and with ordinary values
			// the echo server saw them and the test comparing them passed.
			if tc.name == "ordinary values" && !strings.Contains(outputs["stdout"], "✓") || !strings.Contains(outputs["report.json"], "copiedLocal") {
				t.Fatalf("the run did not use the secrets as expected:\n%s", outputs["stdout"])
			}
			if !strings.Contains(outputs["stdout"], "********") {
				t.Errorf("no masked value in the console output:\n%s", outputs["stdout"])
			}
			// The newer outputs really carry what the secrets travel in: failure details with
			// the echoed body, console lines in the stream and the page, annotations of the
			// failures.
			for where, want := range map[string]string{
				"stdout":          "failure details",
				"events.jsonl":    `"type":"console"`,
				"report.html":     `"cl":[`,
				"step-summary.md": "fails showing ********",
			} {
				if !strings.Contains(outputs[where], want) {
					t.Errorf("%s lacks %q: the leak test does not cover it", where, want)
				}
			}
			if !strings.Contains(outputs["stdout"], "::error title=") {
				t.Errorf("no GitHub annotation in stdout")
			}
			for _, leak := range findLeaks(outputs, tc.local, tc.linked, tc.odd, "ops_fake_token_for_the_leak_test") {
				t.Error(leak)
			}
		})
	}
	t.Run("no-mask-secrets shows them", func(t *testing.T) {
		t.Parallel()
		c := cases[1]
		outputs := runLeakCollection(t, c.local, c.linked, c.odd, true)
		leaks := findLeaks(outputs, c.local, c.linked, c.odd)
		for _, want := range []string{"(plain form) found in stdout", "found in report.json", "found in junit.xml"} {
			if !slices.ContainsFunc(leaks, func(l string) bool { return strings.Contains(l, want) }) {
				t.Errorf("with --no-mask-secrets the search finds no secret %s; it found %d leaks", want, len(leaks))
			}
		}
	})
}

// printableASCIIText is every printable ASCII character, space to tilde.
func printableASCIIText() string {
	var b strings.Builder
	for c := byte(' '); c <= '~'; c++ {
		b.WriteByte(c)
	}
	return b.String()
}

// runLeakCollection runs leakCollection with a vault holding the local value (apiKey), the
// linked value (db, through the fake 1Password) and odd, and returns every output by name.
func runLeakCollection(t *testing.T, local, linked, odd string, noMask bool) map[string]string {
	t.Helper()
	e := newVaultTestEnv(t)
	e.provider.Values["op://Shared/DB/password"] = linked
	e.initVault()
	e.mustRun(local, "set", "apiKey")
	e.mustRun(odd, "set", "odd")
	e.mustRun("", "link", "db", "op://Shared/DB/password")
	e.mustRun("", "scripts", "on")
	e.vars["OP_SERVICE_ACCOUNT_TOKEN"] = "ops_fake_token_for_the_leak_test"
	e.vars["GITHUB_STEP_SUMMARY"] = filepath.Join(e.env.Dir, "out", "step-summary.md")
	if err := os.MkdirAll(filepath.Join(e.env.Dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}

	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)
	dir := e.env.Dir
	if err := os.WriteFile(filepath.Join(dir, "leak.json"), []byte(leakCollection), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	env := *e.env
	env.Stdout, env.Stderr = &stdout, &stderr
	env.Args = nil
	cmd := newRunCmdWith(&env, e.deps)
	args := []string{
		"leak.json", "--vault", "--env-var", "baseUrl=" + srv.URL, "--verbose", "--color", "on",
		"-r", "cli,json,junit,jsonl,html,github", "--reporter-cli-failure-details", "full",
		"--reporter-json-export", "out/report.json", "--reporter-junit-export", "out/junit.xml",
		"--reporter-jsonl-export", "out/events.jsonl", "--reporter-html-export", "out/report.html",
		"--export-environment", "out/env.json", "--export-globals", "out/globals.json",
		"--export-cookie-jar", "out/cookies.json",
	}
	if noMask {
		args = append(args, "--no-mask-secrets")
	}
	rest, flags, err := extractReporterFlags(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd.SetArgs(rest)
	cmd.SetOut(&stdout)
	cmd.SetErr(&stderr)
	ctx := context.WithValue(context.Background(), reporterFlagsKey{}, flags)
	runErr := cmd.ExecuteContext(ctx)
	if code := exitCodeOf(runErr); code != ExitFailures {
		t.Fatalf("exit code %d (%v), want 1 (the collection fails on purpose)\nstdout:\n%s\nstderr:\n%s", code, runErr, stdout.String(), stderr.String())
	}

	outputs := map[string]string{"stdout": stdout.String(), "stderr": stderr.String()}
	for _, name := range []string{"report.json", "junit.xml", "env.json", "globals.json", "cookies.json",
		"events.jsonl", "report.html", "step-summary.md"} {
		data, err := os.ReadFile(filepath.Join(dir, "out", name))
		if err != nil {
			t.Fatalf("%s not written: %v", name, err)
		}
		outputs[name] = string(data)
	}
	outputs["report.json response bodies"] = decodedBodies(t, outputs["report.json"])
	if os.Getenv("PMRUN_LEAK_DUMP") != "" {
		for where, text := range outputs {
			t.Logf("=== %s\n%s", where, text)
		}
	}
	return outputs
}

// findLeaks searches every output for each secret: whole, query-escaped, its middle, its
// first 12 characters and the base64 runs of "user:"+secret, in the text as written and
// with JSON, XML and URL escapes undone.
func findLeaks(outputs map[string]string, secrets ...string) []string {
	var leaks []string
	for i, secret := range secrets {
		forms := map[string]string{
			"plain":  secret,
			"query":  url.QueryEscape(secret),
			"middle": secret[4 : len(secret)-4],
			"prefix": secret[:12],
		}
		for i, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			s := enc.EncodeToString([]byte("user:" + secret))
			forms["base64-"+string(rune('a'+i))] = s[12 : len(s)-4]
		}
		for where, text := range outputs {
			// Search the text as written and with the escapes of JSON, XML and URLs undone,
			// so a value spelt \u0026, &amp; or %26 is found too.
			for _, view := range []string{text, unescapeAll(text)} {
				for form, v := range forms {
					if strings.Contains(view, v) {
						leaks = append(leaks, fmt.Sprintf("secret %d (%s form) found in %s", i, form, where))
					}
				}
			}
		}
	}
	slices.Sort(leaks)
	return slices.Compact(leaks)
}

// decodedBodies turns every response.stream byte array of a Newman JSON report back into
// text, so a secret spelt as numbers is found too.
func decodedBodies(t *testing.T, report string) string {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal([]byte(report), &raw); err != nil {
		t.Fatalf("report.json is not JSON: %v", err)
	}
	var b strings.Builder
	run, _ := raw["run"].(map[string]any)
	execs, _ := run["executions"].([]any)
	for _, x := range execs {
		resp, _ := x.(map[string]any)["response"].(map[string]any)
		stream, _ := resp["stream"].(map[string]any)
		data, _ := stream["data"].([]any)
		for _, n := range data {
			f, _ := n.(float64)
			b.WriteByte(byte(f))
		}
		b.WriteByte('\n')
	}
	if b.Len() < 50 {
		t.Fatalf("no response bodies in the report")
	}
	return b.String()
}

// unescapeAll undoes JSON \u escapes, XML entities and URL percent-encoding in text (each
// where it parses), for searching.
func unescapeAll(text string) string {
	text = strings.NewReplacer(`\u0026`, "&", `\u003c`, "<", `\u003e`, ">", `\"`, `"`, `\/`, "/").Replace(text)
	text = html.UnescapeString(text)
	// Percent-decoding, leaving anything that is not a valid %XX as it is.
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+2 < len(text) {
			if v, err := strconv.ParseUint(text[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(text[i])
	}
	return b.String()
}
