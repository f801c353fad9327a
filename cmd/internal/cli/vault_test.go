package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/pmvault"
	"github.com/pmrun/pmrun/pmvault/pmvaulttest"
	"github.com/pmrun/pmrun/sandbox"
)

// vaultTestEnv is an Env with buffers and a map environment for the vault commands.
type vaultTestEnv struct {
	t        *testing.T
	env      *Env
	vars     map[string]string
	out, err bytes.Buffer
	path     string
	deps     vaultDeps
	tokens   []string // tokens the fake 1Password provider was built with
	provider *pmvaulttest.Provider
}

func newVaultTestEnv(t *testing.T) *vaultTestEnv {
	t.Helper()
	dir := t.TempDir()
	e := &vaultTestEnv{t: t, vars: map[string]string{"HOME": dir}}
	e.path = filepath.Join(dir, ".config", "pmrun", "vault.age")
	e.env = &Env{
		Stdout: &e.out, Stderr: &e.err, Dir: dir, Now: time.Now,
		Getenv: func(k string) string { return e.vars[k] },
	}
	e.provider = &pmvaulttest.Provider{Values: map[string]string{"op://Shared/DB/password": "linked-db-password"}}
	e.deps = vaultDeps{onePassword: func(token string) pmvault.Provider {
		e.tokens = append(e.tokens, token)
		return e.provider
	}}
	return e
}

// run executes "pmrun vault ARGS" with stdin; output is collected in e.out / e.err.
func (e *vaultTestEnv) run(stdin string, args ...string) error {
	e.t.Helper()
	e.out.Reset()
	e.err.Reset()
	e.env.Stdin = strings.NewReader(stdin)
	cmd := newVaultCmdWith(e.env, e.deps)
	cmd.SetArgs(args)
	cmd.SetOut(&e.err)
	cmd.SetErr(&e.err)
	return cmd.ExecuteContext(context.Background())
}

func (e *vaultTestEnv) mustRun(stdin string, args ...string) string {
	e.t.Helper()
	if err := e.run(stdin, args...); err != nil {
		e.t.Fatalf("vault %s: %v\nstderr: %s", strings.Join(args, " "), err, e.err.String())
	}
	return e.out.String()
}

// initVault creates the vault with a generated key and exports it as PMRUN_VAULT_KEY.
func (e *vaultTestEnv) initVault() string {
	e.t.Helper()
	key := strings.TrimSpace(e.mustRun("", "init"))
	e.vars["PMRUN_VAULT_KEY"] = key
	return key
}

func (e *vaultTestEnv) open() *pmvault.Vault {
	e.t.Helper()
	k, err := pmvault.ParseKey(e.vars["PMRUN_VAULT_KEY"])
	if err != nil {
		e.t.Fatal(err)
	}
	v, err := pmvault.Open(e.path, k)
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

func vaultExitCode(err error) int {
	var ec interface{ ExitCode() int }
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return -1
}

func TestVaultInitGeneratesKeyOnce(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	key := e.initVault()
	if !strings.HasPrefix(key, "AGE-SECRET-KEY-1") || strings.Count(key, "\n") != 0 {
		t.Fatalf("stdout = %q, want the generated identity alone", key)
	}
	if !strings.Contains(e.err.String(), "shown only this once") || !strings.Contains(e.err.String(), e.path) {
		t.Errorf("stderr = %q", e.err.String())
	}
	st, err := os.Stat(e.path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("vault file: %v, %v", st, err)
	}
	before, _ := os.ReadFile(e.path)
	err = e.run("", "init")
	if vaultExitCode(err) != ExitVault || !errors.Is(err, os.ErrExist) {
		t.Errorf("second init = %v (exit %d)", err, vaultExitCode(err))
	}
	if after, _ := os.ReadFile(e.path); !bytes.Equal(before, after) {
		t.Error("second init changed the vault")
	}
	if out := e.mustRun("", "list"); !strings.HasPrefix(out, "No secrets.") || !strings.Contains(out, "Script access (pm.vault): off") {
		t.Errorf("list = %q", out)
	}
}

func TestVaultInitWithKeySources(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.vars["PMRUN_VAULT_KEY"] = "a passphrase for people"
	e.vars["PMRUN_VAULT_FILE"] = "custom/v.age" // relative to the working directory
	out := e.mustRun("", "init")
	if !strings.Contains(out, "passphrase") || strings.Contains(out, "a passphrase for people") {
		t.Errorf("init output = %q", out)
	}
	if _, err := os.Stat(filepath.Join(e.env.Dir, "custom", "v.age")); err != nil {
		t.Fatal(err)
	}

	// --passphrase prompts twice on a terminal; a mismatch is a usage error.
	e2 := newVaultTestEnv(t)
	e2.env.StdinIsTerminal = true
	answers := []string{"typed one", "typed two"}
	e2.env.ReadPassword = func(string) (string, error) { a := answers[0]; answers = answers[1:]; return a, nil }
	if err := e2.run("", "init", "--passphrase"); vaultExitCode(err) != ExitUsage {
		t.Errorf("mismatched passphrases = %v", err)
	}
	if _, err := os.Stat(e2.path); !errors.Is(err, os.ErrNotExist) {
		t.Error("vault created despite the mismatch")
	}
}

func TestVaultCommandsFlow(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	e.mustRun("s3cret value\n", "set", "apiKey")
	e.mustRun("", "link", "db", "op://Shared/DB/password", "--allowed-domains", "*.example.com, api.test")
	e.mustRun("", "domains", "apiKey", "api.example.com")
	e.mustRun("", "disable", "apiKey")
	e.mustRun("", "scripts", "on")
	e.mustRun("", "cache-ttl", "30m")
	e.mustRun("", "mask", "off")

	out := e.mustRun("", "list")
	for _, want := range []string{"apiKey", "local", "api.example.com", "no",
		"db", "1password", "op://Shared/DB/password", "*.example.com,api.test", "yes",
		"Script access (pm.vault): on", "Mask secrets in output: off", "cache lifetime: 30m0s", "1Password token: not stored"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "s3cret") {
		t.Fatalf("list shows a value:\n%s", out)
	}
	if got := e.mustRun("", "get", "apiKey"); got != "s3cret value\n" {
		t.Errorf("get apiKey = %q", got)
	}

	v := e.open()
	sec, _ := v.Secret("apiKey")
	if sec.Value != "s3cret value" || sec.Enabled || len(sec.Domains) != 1 {
		t.Errorf("apiKey on disk = %+v", sec)
	}
	if st := v.Settings(); !st.ScriptAccess || st.CacheTTL != 30*time.Minute || st.MaskSecrets {
		t.Errorf("settings = %+v", st)
	}

	e.mustRun("", "enable", "apiKey")
	e.mustRun("", "domains", "apiKey")
	e.mustRun("", "unset", "db")
	v = e.open()
	if sec, _ := v.Secret("apiKey"); !sec.Enabled || len(sec.Domains) != 0 {
		t.Errorf("apiKey after enable/clear = %+v", sec)
	}
	if _, ok := v.Secret("db"); ok {
		t.Error("db still there after unset")
	}
	if err := e.run("", "unset", "db"); vaultExitCode(err) != ExitVault || !strings.Contains(err.Error(), `"db" not found`) {
		t.Errorf("unset missing = %v", err)
	}
}

func TestVaultValueNeverFromArgs(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	if err := e.run("", "set", "apiKey", "value-on-argv"); err == nil {
		t.Fatal("set accepted a value argument")
	}
	// On a terminal the value comes from the no-echo prompt, not from stdin.
	e.env.StdinIsTerminal = true
	var prompts []string
	e.env.ReadPassword = func(p string) (string, error) { prompts = append(prompts, p); return "typed-value", nil }
	e.mustRun("ignored stdin", "set", "apiKey")
	if sec, _ := e.open().Secret("apiKey"); sec.Value != "typed-value" {
		t.Errorf("apiKey = %q", sec.Value)
	}
	if len(prompts) != 1 || prompts[0] != "Value for apiKey: " {
		t.Errorf("prompts = %q (the key came from PMRUN_VAULT_KEY, so only the value is asked)", prompts)
	}
}

func TestVaultErrorsChangeNothing(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	key := e.initVault()
	e.mustRun("v1\n", "set", "apiKey")
	before, _ := os.ReadFile(e.path)

	tests := map[string]struct {
		vars  map[string]string
		stdin string
		args  []string
		code  int
		want  string
	}{
		"wrong key":       {map[string]string{"PMRUN_VAULT_KEY": "not the key"}, "v2\n", []string{"set", "apiKey"}, ExitVault, "wrong vault key"},
		"no key":          {map[string]string{"PMRUN_VAULT_KEY": ""}, "", []string{"list"}, ExitVault, "no vault key"},
		"bad reference":   {nil, "", []string{"link", "db", "op://Shared/DB"}, ExitUsage, "invalid format"},
		"bad domain":      {nil, "", []string{"domains", "apiKey", "ws://x.test"}, ExitUsage, "invalid allowed domain"},
		"bad ttl":         {nil, "", []string{"cache-ttl", "0s"}, ExitUsage, "positive duration"},
		"bad switch":      {nil, "", []string{"scripts", "maybe"}, ExitUsage, "want on or off"},
		"bad name":        {nil, "x\n", []string{"set", "{{bad}}"}, ExitUsage, "contains { or }"},
		"unknown secret":  {nil, "", []string{"disable", "nope"}, ExitVault, `"nope" not found`},
		"bad token":       {nil, "ops_" + base64.RawURLEncoding.EncodeToString([]byte("[1]")), []string{"integrate", "1password"}, ExitUsage, "malformed"},
		"unknown service": {nil, "tok", []string{"integrate", "vaultwarden"}, ExitUsage, "unknown integration"},
		"missing file":    {map[string]string{"PMRUN_VAULT_FILE": filepath.Join(t.TempDir(), "none.age")}, "", []string{"list"}, ExitVault, "no vault file"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			// Not parallel: the cases share e and its environment map.
			for k, v := range tc.vars {
				e.vars[k] = v
			}
			defer func() {
				e.vars["PMRUN_VAULT_KEY"] = key
				delete(e.vars, "PMRUN_VAULT_FILE")
			}()
			err := e.run(tc.stdin, tc.args...)
			if vaultExitCode(err) != tc.code || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v (exit %d), want %q with exit %d", err, vaultExitCode(err), tc.want, tc.code)
			}
			if strings.Contains(err.Error(), tc.stdin) && tc.stdin != "" {
				t.Errorf("error repeats the input: %v", err)
			}
			if after, _ := os.ReadFile(e.path); !bytes.Equal(before, after) {
				t.Error("the vault file changed")
			}
		})
	}
}

func TestVaultIntegrateAndGetLinked(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	token := "ops_" + base64.RawURLEncoding.EncodeToString([]byte(`{"signInAddress":"my.1password.com"}`))
	e.mustRun(token+"\n", "integrate", "1password")
	if got := e.open().OnePasswordToken(); got != token {
		t.Fatalf("stored token = %q", got)
	}
	e.mustRun("", "link", "db", "op://Shared/DB/password")
	e.mustRun("", "link", "gone", "op://Shared/Gone/password")
	if out := e.mustRun("", "list"); !strings.Contains(out, "1Password token: stored in the vault") || strings.Contains(out, token) {
		t.Errorf("list = %q", out)
	}
	if got := e.mustRun("", "get", "db"); got != "linked-db-password\n" {
		t.Errorf("get db = %q", got)
	}
	err := e.run("", "get", "gone")
	if vaultExitCode(err) != ExitVault || !strings.Contains(err.Error(), "item not found") {
		t.Errorf("get gone = %v", err)
	}
	e.vars["OP_SERVICE_ACCOUNT_TOKEN"] = "ops_from_env"
	e.mustRun("", "get", "db")
	if len(e.tokens) != 3 || e.tokens[0] != token || e.tokens[2] != "ops_from_env" {
		t.Errorf("provider tokens = %q, want the stored one, then OP_SERVICE_ACCOUNT_TOKEN", e.tokens)
	}
	e.mustRun("", "integrate", "1password", "--remove")
	if e.open().OnePasswordToken() != "" {
		t.Error("token not removed")
	}
}

func TestOpenVaultSession(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	e.mustRun("local-secret-1\n", "set", "apiKey")
	e.mustRun("", "scripts", "on")
	ctx := context.Background()

	// No linked secret: no provider is built.
	s, err := openVaultSessionWith(ctx, e.env, &VaultRunOptions{Enabled: true}, e.deps)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.tokens) != 0 {
		t.Errorf("provider built without linked secrets: %q", e.tokens)
	}
	if got := s.Redactor().Redact("x local-secret-1"); got != "x "+pmvault.Mask {
		t.Errorf("Redact = %q", got)
	}

	e.mustRun("", "link", "db", "op://Shared/DB/password")
	e.vars["OP_SERVICE_ACCOUNT_TOKEN"] = "ops_env_token_value"
	s, err = openVaultSessionWith(ctx, e.env, &VaultRunOptions{Enabled: true}, e.deps)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.tokens) != 1 || e.tokens[0] != "ops_env_token_value" {
		t.Errorf("provider tokens = %q", e.tokens)
	}
	if v, ok, err := s.Get(ctx, "db"); v != "linked-db-password" || !ok || err != nil {
		t.Errorf("Get(db) = %q, %v, %v", v, ok, err)
	}
	if got := s.Redactor().Redact("ops_env_token_value linked-db-password"); got != pmvault.Mask+" "+pmvault.Mask {
		t.Errorf("Redact = %q", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// --no-mask-secrets turns masking off; a wrong key is an exit-4 error.
	s, err = openVaultSessionWith(ctx, e.env, &VaultRunOptions{Enabled: true, NoMaskSecrets: true}, e.deps)
	if err != nil || s.Redactor().Masking() {
		t.Errorf("NoMaskSecrets: %v, masking %v", err, s.Redactor().Masking())
	}
	e.vars["PMRUN_VAULT_KEY"] = "wrong"
	if _, err := openVaultSessionWith(ctx, e.env, &VaultRunOptions{Enabled: true}, e.deps); vaultExitCode(err) != ExitVault {
		t.Errorf("wrong key: %v", err)
	}
}

func TestVaultRunFlags(t *testing.T) {
	t.Parallel()
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	var o VaultRunOptions
	addVaultRunFlags(fs, &o)
	if err := fs.Parse([]string{"--vault-file", "v.age", "--no-mask-secrets"}); err != nil {
		t.Fatal(err)
	}
	if !o.enabled() || o.File != "v.age" || !o.NoMaskSecrets || o.Enabled {
		t.Errorf("options = %+v, enabled %v", o, o.enabled())
	}
	if (&VaultRunOptions{}).enabled() {
		t.Error("vault enabled without flags")
	}
}

// The session plugs into the sandbox and the substitution code without adapters.
var (
	_ sandbox.Vault      = (*pmvault.Session)(nil)
	_ collections.Lookup = (*pmvault.Session)(nil).Lookup("")
	_ interface {
		Redact(string) string
		Writer(io.Writer) io.Writer
	} = (*pmvault.Redactor)(nil)
)
