package pmvault

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
)

func newKey(t *testing.T) Key {
	t.Helper()
	k, _, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mustParseKey(t *testing.T, s string) Key {
	t.Helper()
	k, err := ParseKey(s)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// newVaultFile creates a vault with one local and one linked secret and returns its path.
func newVaultFile(t *testing.T, key Key) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sub", "vault.age")
	v, err := Create(path, key)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.SetValue("apiKey", "s3cret-value"); err != nil {
		t.Fatal(err)
	}
	if err := v.Link("db", "op://Shared/Postgres/password"); err != nil {
		t.Fatal(err)
	}
	if err := v.SetDomains("db", []string{"*.example.com"}); err != nil {
		t.Fatal(err)
	}
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	return path
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for name, key := range map[string]Key{
		"identity":   newKey(t),
		"passphrase": mustParseKey(t, "correct horse battery staple"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := newVaultFile(t, key)
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o600 {
				t.Errorf("mode = %v, want 0600", st.Mode().Perm())
			}
			if bytes.Contains(readFile(t, path), []byte("s3cret-value")) {
				t.Fatal("vault file holds the value in clear text")
			}
			v, err := Open(path, key)
			if err != nil {
				t.Fatal(err)
			}
			got := v.Secrets()
			if len(got) != 2 || got[0].Name != "apiKey" || got[0].Value != "s3cret-value" || !got[0].Enabled ||
				got[1].Name != "db" || got[1].Link != "op://Shared/Postgres/password" || got[1].Domains[0] != "*.example.com" {
				t.Fatalf("secrets = %+v", got)
			}
			if s := v.Settings(); s.ScriptAccess || !s.MaskSecrets || s.CacheTTL != 0 {
				t.Errorf("default settings = %+v", s)
			}
			if key.IsPassphrase() != (name == "passphrase") {
				t.Errorf("IsPassphrase = %v", key.IsPassphrase())
			}
			if names := dirEntries(t, filepath.Dir(path)); !slices.Equal(names, []string{"vault.age", "vault.age.lock"}) {
				t.Errorf("directory holds %v, want only the vault and its lock file", names)
			}
		})
	}
}

func TestOpenWrongKeyChangesNothing(t *testing.T) {
	t.Parallel()
	idKey := newKey(t)
	passKey := mustParseKey(t, "right passphrase")
	tests := map[string]struct {
		fileKey, openKey Key
		detail           string
	}{
		"other identity":          {idKey, newKey(t), "age identity does not match"},
		"wrong passphrase":        {passKey, mustParseKey(t, "wrong passphrase"), "incorrect passphrase"},
		"passphrase for identity": {idKey, passKey, "not a passphrase"},
		"identity for passphrase": {passKey, idKey, "protected by a passphrase"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := newVaultFile(t, tc.fileKey)
			before, entries := readFile(t, path), dirEntries(t, filepath.Dir(path))
			_, err := Open(path, tc.openKey)
			var wk *WrongKeyError
			if !errors.As(err, &wk) {
				t.Fatalf("Open error = %v, want *WrongKeyError", err)
			}
			if !strings.Contains(err.Error(), tc.detail) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q lacks %q or the path", err, tc.detail)
			}
			if strings.Contains(err.Error(), "passphrase\"") || strings.Contains(err.Error(), "right passphrase") {
				t.Errorf("error %q repeats the key", err)
			}
			if !bytes.Equal(before, readFile(t, path)) || !slices.Equal(entries, dirEntries(t, filepath.Dir(path))) {
				t.Error("a failed open changed the directory")
			}
		})
	}
}

func TestOpenDamagedFile(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	good := readFile(t, newVaultFile(t, key))
	headerEnd := bytes.Index(good, []byte("\n---")) + 1
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x40
		return b
	}
	tests := map[string][]byte{
		"empty":               {},
		"truncated in header": good[:headerEnd/2],
		"header only":         good[:headerEnd+48],
		"last byte missing":   good[:len(good)-1],
		"half the payload":    good[:headerEnd+(len(good)-headerEnd)/2],
		"payload bit flipped": flip(len(good) - 5),
		"header MAC damaged":  flip(headerEnd + 10),
		"plain JSON":          []byte(`{"version":1,"secrets":[]}`),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "vault.age")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, key)
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("Open error = %v, want *CorruptError", err)
			}
			if !strings.Contains(err.Error(), "damaged or truncated") {
				t.Errorf("error = %q", err)
			}
			if !bytes.Equal(data, readFile(t, path)) {
				t.Error("Open changed the file")
			}
		})
	}
}

// encryptPlain writes arbitrary plaintext as a vault file, as a newer or broken pmrun might.
func encryptPlain(t *testing.T, key Key, plain string) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, key.recipient)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, plain); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "vault.age")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenContents(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	tests := map[string]struct {
		plain   string
		wantErr string // "" = opens
	}{
		"newer version":  {`{"version":2,"secrets":[],"future":{}}`, "format version 2, this pmrun reads up to version 1"},
		"no version":     {`{"secrets":[]}`, "no format version"},
		"not json":       {`secrets: []`, "not valid JSON"},
		"duplicate name": {`{"version":1,"secrets":[{"name":"a","value":"1","enabled":true},{"name":"a","value":"2","enabled":true}]}`, `"a" appears twice`},
		"value and link": {`{"version":1,"secrets":[{"name":"a","value":"1","link":"op://v/i/f","enabled":true}]}`, "both a value and a link"},
		"bad ttl":        {`{"version":1,"settings":{"cacheTTL":"soon"},"secrets":[]}`, "cacheTTL"},
		"unknown fields": {`{"version":1,"settings":{"scriptAccess":true,"cacheTTL":"5m","maskSecrets":false,"x":1},"secrets":[],"extra":true}`, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := encryptPlain(t, key, tc.plain)
			v, err := Open(path, key)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if s := v.Settings(); !s.ScriptAccess || s.MaskSecrets || s.CacheTTL.Minutes() != 5 {
					t.Errorf("settings = %+v", s)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Open error = %v, want %q", err, tc.wantErr)
			}
			var ve *VersionError
			if (name == "newer version") != errors.As(err, &ve) {
				t.Errorf("error type %T", err)
			}
		})
	}
}

func TestOpenMissingAndCreateExisting(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	missing := filepath.Join(t.TempDir(), "none.age")
	if _, err := Open(missing, key); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("Open(missing) = %v", err)
	}
	path := newVaultFile(t, key)
	before := readFile(t, path)
	if _, err := Create(path, key); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create(existing) = %v", err)
	}
	if !bytes.Equal(before, readFile(t, path)) {
		t.Error("Create overwrote the vault")
	}
}

func TestSaveCrashBeforeRename(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	path := newVaultFile(t, key)
	dir := filepath.Dir(path)

	// A temp file left by a process killed mid-save does not disturb Open or Save.
	leftover := filepath.Join(dir, ".vault-123.tmp")
	if err := os.WriteFile(leftover, []byte("half a vau"), 0o600); err != nil {
		t.Fatal(err)
	}
	v, err := Open(path, key)
	if err != nil {
		t.Fatalf("Open with leftover temp file: %v", err)
	}

	// A save that dies before the rename leaves the old file intact and cleans up.
	if err := v.SetValue("apiKey", "new-value"); err != nil {
		t.Fatal(err)
	}
	v.rename = func(string, string) error { return errors.New("simulated crash") }
	if err := v.Save(); err == nil || !strings.Contains(err.Error(), "simulated crash") {
		t.Fatalf("Save = %v, want the rename failure", err)
	}
	// The failed save removed its own temp file, and the leftover (under the lock).
	if names := dirEntries(t, dir); !slices.Equal(names, []string{"vault.age", "vault.age.lock"}) {
		t.Errorf("directory holds %v, want the vault and its lock file only", names)
	}
	old, err := Open(path, key)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := old.Secret("apiKey"); s.Value != "s3cret-value" {
		t.Errorf("after failed save apiKey = %q, want the old value", s.Value)
	}

	// With a working rename the same vault saves.
	v.rename = os.Rename
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	v2, err := Open(path, key)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := v2.Secret("apiKey"); s.Value != "new-value" {
		t.Errorf("apiKey = %q after save", s.Value)
	}
}

// TestOpenDamagedHeaderIsNotWrongKey changes each byte of the header of a vault encrypted
// to an age identity, in turn: opened with the right key, every such file is reported
// damaged, never as a wrong key; the undamaged file opened with another identity still is
// a wrong key.
func TestOpenDamagedHeaderIsNotWrongKey(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	good := readFile(t, newVaultFile(t, key))
	end := bytes.Index(good, []byte("\n---")) + 1
	dir := t.TempDir()
	tried := 0
	for i := 0; i < end; i++ {
		for _, repl := range []byte{'A', 'z', '7', '+'} {
			if good[i] == repl || good[i] == '\n' {
				continue
			}
			b := bytes.Clone(good)
			b[i] = repl
			path := filepath.Join(dir, "vault.age")
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			tried++
			_, err := Open(path, key)
			var wk *WrongKeyError
			var ce *CorruptError
			if errors.As(err, &wk) || !errors.As(err, &ce) {
				t.Fatalf("byte %d of the header set to %q: Open = %v, want *CorruptError", i, repl, err)
			}
		}
	}
	path := filepath.Join(dir, "vault.age")
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	var wk *WrongKeyError
	if _, err := Open(path, newKey(t)); !errors.As(err, &wk) {
		t.Fatalf("another identity: Open = %v, want *WrongKeyError", err)
	}
	t.Logf("%d damaged headers tried", tried)
}
