package pmvault_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pmrun/pmrun/pmvault"
	"github.com/pmrun/pmrun/pmvault/pmvaulttest"
)

const (
	refDB    = "op://Shared/Postgres/password"
	refToken = "op://Shared/API/token"
	refGone  = "op://Shared/Gone/password"
)

// testVault makes a vault file with local "apiKey" (api.example.com only), local "off"
// (disabled), linked "db" and "dbAlias" (same reference), linked "token" and "gone".
func testVault(t *testing.T, scripts bool) (*pmvault.Vault, string, pmvault.Key) {
	t.Helper()
	key, _, err := pmvault.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "vault.age")
	v, err := pmvault.Create(path, key)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(v.SetValue("apiKey", "local-api-key"))
	must(v.SetDomains("apiKey", []string{"api.example.com"}))
	must(v.SetValue("off", "disabled-value"))
	must(v.SetEnabled("off", false))
	must(v.Link("db", refDB))
	must(v.Link("dbAlias", refDB))
	must(v.Link("token", refToken))
	must(v.Link("gone", refGone))
	v.SetScriptAccess(scripts)
	must(v.Save())
	return v, path, key
}

func fakeOP() *pmvaulttest.Provider {
	return &pmvaulttest.Provider{Values: map[string]string{refDB: "db-password-1", refToken: "tok-value-2"}}
}

func TestSessionAccessDenied(t *testing.T) {
	t.Parallel()
	v, _, _ := testVault(t, false)
	p := fakeOP()
	s := pmvault.NewSession(v, pmvault.SessionOptions{Providers: []pmvault.Provider{p}})
	ctx := context.Background()
	_, _, errGet := s.Get(ctx, "apiKey")
	errSet := s.Set(ctx, "apiKey", "x")
	errUnset := s.Unset(ctx, "apiKey")
	for _, err := range []error{errGet, errSet, errUnset} {
		if err == nil || err.Error() != "Vault access denied" {
			t.Errorf("err = %v, want exactly \"Vault access denied\"", err)
		}
	}
	if s.Dirty() || len(p.Calls()) != 0 {
		t.Error("denied calls changed something or called the provider")
	}
	// Requests still resolve: script access only governs pm.vault.
	if got, ok := s.Lookup("https://api.example.com/x")("vault:apiKey"); !ok || got != "local-api-key" {
		t.Errorf("Lookup = %q, %v", got, ok)
	}
}

func TestSessionGet(t *testing.T) {
	t.Parallel()
	v, _, _ := testVault(t, true)
	p := fakeOP()
	s := pmvault.NewSession(v, pmvault.SessionOptions{Providers: []pmvault.Provider{p}})
	ctx := context.Background()
	tests := map[string]struct {
		value string
		ok    bool
		err   pmvault.ErrorKind
	}{
		"apiKey":       {"local-api-key", true, ""}, // domains do not apply to scripts
		"db":           {"db-password-1", true, ""},
		"missing":      {"", false, ""},
		"off":          {"", false, ""},
		"vault:apiKey": {"", false, ""}, // scripts name secrets without the prefix
		"gone":         {"", false, pmvault.KindNotFound},
	}
	for key, tc := range tests {
		got, ok, err := s.Get(ctx, key)
		var pe *pmvault.ProviderError
		if tc.err != "" {
			if !errors.As(err, &pe) || pe.Kind != tc.err || !strings.Contains(err.Error(), refGone) {
				t.Errorf("Get(%q) err = %v, want kind %s", key, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.value || ok != tc.ok {
			t.Errorf("Get(%q) = %q, %v, %v; want %q, %v", key, got, ok, err, tc.value, tc.ok)
		}
	}
	// db was resolved once though asked for again below; the linked value is masked.
	if _, _, err := s.Get(ctx, "dbAlias"); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(strings.Join(p.Refs(), " "), refDB); n != 1 {
		t.Errorf("%s resolved %d times, want 1 (cache): calls %v", refDB, n, p.Calls())
	}
	if got := s.Redactor().Redact("pw=db-password-1 key=local-api-key off=disabled-value"); got != "pw=******** key=******** off=********" {
		t.Errorf("Redact = %q", got)
	}
}

func TestSessionPrefetchBatchesDuplicates(t *testing.T) {
	t.Parallel()
	v, _, _ := testVault(t, true)
	p := fakeOP()
	p.Block = make(chan struct{})
	s := pmvault.NewSession(v, pmvault.SessionOptions{Providers: []pmvault.Provider{p}})
	ctx := context.Background()
	s.Prefetch(ctx, []string{"vault:db", "dbAlias", "db", "token", "apiKey", "off", "unknown"})

	// A Get and a Lookup issued while the batch is in flight wait for it.
	var wg sync.WaitGroup
	results := make([]string, 2)
	wg.Add(2)
	go func() {
		defer wg.Done()
		results[0], _, _ = s.Get(ctx, "token")
	}()
	go func() {
		defer wg.Done()
		results[1], _ = s.Lookup("https://db.example.com")("vault:db")
	}()
	waitFor(t, func() bool { return len(p.Calls()) >= 1 })
	time.Sleep(20 * time.Millisecond) // give the waiters a chance to (wrongly) call the provider
	close(p.Block)
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	calls := p.Calls()
	if len(calls) != 1 {
		t.Fatalf("provider calls = %v, want one batch", calls)
	}
	got := slices.Clone(calls[0])
	slices.Sort(got)
	if !slices.Equal(got, []string{refToken, refDB}) {
		t.Errorf("batch = %v, want each linked reference once", calls[0])
	}
	if results[0] != "tok-value-2" || results[1] != "db-password-1" {
		t.Errorf("results = %q", results)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 5 s")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestResolverCacheLifetime(t *testing.T) {
	t.Parallel()
	p := fakeOP()
	p.Errors = map[string]error{refGone: &pmvault.ProviderError{Provider: "1Password", Ref: refGone, Kind: pmvault.KindNotFound, Msg: "item not found"}}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var seen []string
	r := pmvault.NewResolver(p, 10*time.Minute, pmvault.WithClock(func() time.Time { return now }),
		pmvault.WithOnResolved(func(ref, _ string) { seen = append(seen, ref) }))
	ctx := context.Background()

	vals, errs := r.ResolveAll(ctx, []string{refDB, refDB, refGone})
	if vals[refDB] != "db-password-1" || errs[refGone] == nil || len(p.Calls()[0]) != 2 {
		t.Fatalf("first = %v %v, calls %v", vals, errs, p.Calls())
	}
	now = now.Add(9 * time.Minute)
	if v, err := r.Resolve(ctx, refDB); v != "db-password-1" || err != nil {
		t.Errorf("cached Resolve = %q, %v", v, err)
	}
	if _, err := r.Resolve(ctx, refGone); err == nil {
		t.Error("cached failure forgotten")
	}
	if len(p.Calls()) != 1 {
		t.Errorf("calls within lifetime = %v, want 1", p.Calls())
	}
	now = now.Add(2 * time.Minute)
	if _, err := r.Resolve(ctx, refDB); err != nil {
		t.Fatal(err)
	}
	if calls := p.Calls(); len(calls) != 2 || !slices.Equal(calls[1], []string{refDB}) {
		t.Errorf("calls after expiry = %v", calls)
	}
	if !slices.Equal(seen, []string{refDB, refDB}) {
		t.Errorf("OnResolved saw %v", seen)
	}
}

func TestSessionProviderErrorClasses(t *testing.T) {
	t.Parallel()
	kinds := []pmvault.ErrorKind{pmvault.KindMissingToken, pmvault.KindBadToken, pmvault.KindAuth,
		pmvault.KindNotFound, pmvault.KindRateLimited, pmvault.KindNetwork, pmvault.KindOther}
	for _, kind := range kinds {
		t.Run(string(kind), func(t *testing.T) {
			t.Parallel()
			v, _, _ := testVault(t, true)
			perr := &pmvault.ProviderError{Provider: "1Password", Kind: kind, Msg: "message for " + string(kind)}
			p := &pmvaulttest.Provider{CallErr: perr}
			var warned []pmvault.Unresolved
			s := pmvault.NewSession(v, pmvault.SessionOptions{Providers: []pmvault.Provider{p},
				OnUnresolved: func(u pmvault.Unresolved) { warned = append(warned, u) }})
			_, ok, err := s.Get(context.Background(), "token")
			var got *pmvault.ProviderError
			if ok || !errors.As(err, &got) || got.Kind != kind {
				t.Fatalf("Get = %v, %v; want kind %s", ok, err, kind)
			}
			if _, ok := s.Lookup("https://x.test")("vault:db"); ok {
				t.Fatal("Lookup resolved despite the error")
			}
			if len(warned) != 1 || warned[0].Name != "db" || !strings.Contains(warned[0].Reason, "message for "+string(kind)) {
				t.Errorf("warnings = %+v", warned)
			}
			// The run continues: local secrets still work.
			if v, ok := s.Lookup("https://api.example.com")("vault:apiKey"); !ok || v != "local-api-key" {
				t.Errorf("local secret after provider failure = %q, %v", v, ok)
			}
		})
	}
}

func TestSessionSetUnsetLinkedRejected(t *testing.T) {
	t.Parallel()
	v, path, key := testVault(t, true)
	p := fakeOP()
	s := pmvault.NewSession(v, pmvault.SessionOptions{Providers: []pmvault.Provider{p}})
	ctx := context.Background()
	for name, err := range map[string]error{
		"set":   s.Set(ctx, "db", "new"),
		"unset": s.Unset(ctx, "db"),
	} {
		var le *pmvault.LinkedSecretError
		if !errors.As(err, &le) || err.Error() != `vault secret "db" is linked to 1Password and cannot be changed from scripts` {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if s.Dirty() {
		t.Error("rejected changes made the session dirty")
	}
	if got, ok, err := s.Get(ctx, "db"); got != "db-password-1" || !ok || err != nil {
		t.Errorf("db after rejected changes = %q, %v, %v", got, ok, err)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	v2, err := pmvault.Open(path, key)
	if err != nil {
		t.Fatal(err)
	}
	if sec, _ := v2.Secret("db"); sec.Link != refDB {
		t.Errorf("db on disk = %+v", sec)
	}
}

func TestSessionLocalChangesSaved(t *testing.T) {
	t.Parallel()
	v, path, key := testVault(t, true)
	s := pmvault.NewSession(v, pmvault.SessionOptions{})
	ctx := context.Background()
	if err := s.Set(ctx, "newSecret", "fresh-value"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, "apiKey", "rotated-key"); err != nil {
		t.Fatal(err)
	}
	if err := s.Unset(ctx, "off"); err != nil {
		t.Fatal(err)
	}
	if err := s.Unset(ctx, "never-existed"); err != nil {
		t.Fatalf("Unset of a missing secret = %v, want nil", err)
	}
	if err := s.Set(ctx, "", "x"); err == nil {
		t.Error("Set with an empty name succeeded")
	}
	// Visible to later scripts and requests of the same run, and masked.
	if got, ok, _ := s.Get(ctx, "newSecret"); !ok || got != "fresh-value" {
		t.Errorf("Get(newSecret) = %q, %v", got, ok)
	}
	if got, ok := s.Lookup("https://api.example.com/v1")("vault:apiKey"); !ok || got != "rotated-key" {
		t.Errorf("Lookup(apiKey) = %q, %v", got, ok)
	}
	if s.Redactor().Redact("fresh-value rotated-key") != "******** ********" {
		t.Error("values set by scripts are not masked")
	}
	if !s.Dirty() {
		t.Fatal("not dirty after changes")
	}

	// Another pmrun adds a secret during the run; Save replays onto the current file.
	other, err := pmvault.Open(path, key)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SetValue("addedMeanwhile", "kept"); err != nil {
		t.Fatal(err)
	}
	if err := other.Save(); err != nil {
		t.Fatal(err)
	}

	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if s.Dirty() {
		t.Error("still dirty after Save")
	}
	v2, err := pmvault.Open(path, key)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"newSecret": "fresh-value", "apiKey": "rotated-key", "addedMeanwhile": "kept"}
	for name, value := range want {
		if sec, ok := v2.Secret(name); !ok || sec.Value != value {
			t.Errorf("%s on disk = %+v", name, sec)
		}
	}
	if sec, _ := v2.Secret("apiKey"); len(sec.Domains) != 1 {
		t.Errorf("apiKey lost its domains: %+v", sec)
	}
	if _, ok := v2.Secret("off"); ok {
		t.Error("unset secret still on disk")
	}
}

func TestSessionLookup(t *testing.T) {
	t.Parallel()
	v, _, _ := testVault(t, false)
	var warned []string
	s := pmvault.NewSession(v, pmvault.SessionOptions{Providers: []pmvault.Provider{fakeOP()},
		OnUnresolved: func(u pmvault.Unresolved) { warned = append(warned, u.Name) }})
	tests := []struct {
		url, key, want string
		ok             bool
		reason         string
	}{
		{"https://api.example.com/x", "vault:apiKey", "local-api-key", true, ""},
		{"https://API.example.com:8443/x", "vault:apiKey", "local-api-key", true, ""},
		{"https://evil.test/x", "vault:apiKey", "", false, "allowed domains (api.example.com)"},
		{"http://api.example.com/x", "vault:apiKey", "", false, "allowed domains"},
		{"https://x.test", "vault:off", "", false, "disabled"},
		{"https://x.test", "vault:nope", "", false, "no such secret"},
		{"https://x.test", "apiKey", "", false, ""}, // not a vault key: not recorded
		{"https://x.test", "vault:db", "db-password-1", true, ""},
	}
	for _, tc := range tests {
		got, ok := s.Lookup(tc.url)(tc.key)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Lookup(%q)(%q) = %q, %v", tc.url, tc.key, got, ok)
		}
		if tc.reason != "" && !slices.ContainsFunc(s.Unresolved(), func(u pmvault.Unresolved) bool {
			return "vault:"+u.Name == tc.key && strings.Contains(u.Reason, tc.reason)
		}) {
			t.Errorf("%s at %s: no unresolved entry with %q in %+v", tc.key, tc.url, tc.reason, s.Unresolved())
		}
	}
	if !slices.Equal(warned, []string{"apiKey", "apiKey", "off", "nope"}) {
		t.Errorf("OnUnresolved saw %v", warned)
	}
	if n := len(s.Unresolved()); n != 3 {
		t.Errorf("Unresolved has %d entries, want 3 distinct (apiKey once per reason... ): %+v", n, s.Unresolved())
	}
}

func TestSessionNoProviderAndNoMask(t *testing.T) {
	t.Parallel()
	v, _, _ := testVault(t, true)
	s := pmvault.NewSession(v, pmvault.SessionOptions{NoMask: true})
	_, _, err := s.Get(context.Background(), "db")
	var pe *pmvault.ProviderError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "no provider") {
		t.Errorf("Get(linked) without provider = %v", err)
	}
	if s.Redactor().Masking() || s.Redactor().Redact("local-api-key") != "local-api-key" {
		t.Error("NoMask session still masks")
	}
}

func TestSessionCanceledPrefetchNotCached(t *testing.T) {
	t.Parallel()
	v, _, _ := testVault(t, true)
	p := fakeOP()
	p.Block = make(chan struct{})
	s := pmvault.NewSession(v, pmvault.SessionOptions{Providers: []pmvault.Provider{p}})
	ctx, cancel := context.WithCancel(context.Background())
	s.Prefetch(ctx, []string{"db"})
	waitFor(t, func() bool { return len(p.Calls()) == 1 })
	cancel()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	close(p.Block)
	if got, ok, err := s.Get(context.Background(), "db"); got != "db-password-1" || !ok || err != nil {
		t.Errorf("Get after cancelled prefetch = %q, %v, %v", got, ok, err)
	}
}

// TestSessionLookupStrict: a linked secret whose provider fails is an error naming the
// secret and the reason; unknown, disabled and not-allowed secrets stay literal (no error).
func TestSessionLookupStrict(t *testing.T) {
	t.Parallel()
	v, _, _ := testVault(t, false)
	op := fakeOP()
	op.CallErr = &pmvault.ProviderError{Provider: "1Password", Kind: pmvault.KindAuth, Msg: "invalid token"}
	s := pmvault.NewSession(v, pmvault.SessionOptions{Providers: []pmvault.Provider{op}})
	lookup := s.LookupStrict("https://api.example.com/v1")
	_, ok, err := lookup("vault:db")
	var se *pmvault.SecretError
	if ok || !errors.As(err, &se) || se.Name != "db" || !strings.Contains(err.Error(), "invalid token") {
		t.Fatalf("LookupStrict(db) = %v, %v; want a *SecretError naming db and the reason", ok, err)
	}
	for _, key := range []string{"vault:nosuch", "vault:off", "other"} {
		if _, ok, err := lookup(key); ok || err != nil {
			t.Errorf("LookupStrict(%s) = %v, %v; want literal (false, nil)", key, ok, err)
		}
	}
	if _, ok, err := s.LookupStrict("https://elsewhere.test/")("vault:apiKey"); ok || err != nil {
		t.Errorf("apiKey on a domain not allowed = %v, %v", ok, err)
	}
	if got, ok, err := lookup("vault:apiKey"); !ok || err != nil || got != "local-api-key" {
		t.Errorf("LookupStrict(apiKey) = %q, %v, %v", got, ok, err)
	}
	if n := s.ProviderFailures(); n != 1 {
		t.Errorf("ProviderFailures = %d, want 1", n)
	}
}
