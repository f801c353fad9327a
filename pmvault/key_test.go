package pmvault

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseKey(t *testing.T) {
	t.Parallel()
	_, idText, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		text       string
		passphrase bool
		wantErr    string
	}{
		"identity":             {idText, false, ""},
		"identity with spaces": {"  " + idText + "\n", false, ""},
		"passphrase":           {"hunter2 hunter2", true, ""},
		"empty":                {" \n", false, "empty"},
		"broken identity":      {idText[:len(idText)-3], false, "not a valid one"},
		"lower-case identity":  {strings.ToLower(idText), false, ""},
		"passphrase near miss": {"AGE-SECRET-KEY", true, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			k, err := ParseKey(tc.text)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), strings.TrimSpace(tc.text)) && strings.TrimSpace(tc.text) != "" {
					t.Errorf("error repeats the key: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if k.IsPassphrase() != tc.passphrase || !k.Valid() {
				t.Errorf("IsPassphrase = %v, Valid = %v", k.IsPassphrase(), k.Valid())
			}
		})
	}
}

func TestLoadKey(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, idText, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	idFile := filepath.Join(dir, "key.txt")
	ageStyle := "# created: 2026-01-01T00:00:00Z\n# public key: age1xyz\n" + idText + "\n"
	if err := os.WriteFile(idFile, []byte(ageStyle), 0o600); err != nil {
		t.Fatal(err)
	}
	passFile := filepath.Join(dir, "pass.txt")
	if err := os.WriteFile(passFile, []byte("file passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	prompted := 0
	prompt := func(string) (string, error) { prompted++; return "typed passphrase", nil }

	tests := map[string]struct {
		opts       KeyOptions
		passphrase bool
		wantErr    error
	}{
		"flag file wins":   {KeyOptions{File: idFile, Env: "env pass", EnvFile: passFile, Prompt: prompt}, false, nil},
		"env before file":  {KeyOptions{Env: idText, EnvFile: passFile, Prompt: prompt}, false, nil},
		"env file":         {KeyOptions{EnvFile: passFile, Prompt: prompt}, true, nil},
		"prompt":           {KeyOptions{Prompt: prompt}, true, nil},
		"nothing":          {KeyOptions{}, false, ErrNoKey},
		"missing key file": {KeyOptions{File: filepath.Join(dir, "nope")}, false, os.ErrNotExist},
		"prompt fails":     {KeyOptions{Prompt: func(string) (string, error) { return "", errors.New("no tty") }}, false, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			k, err := LoadKey(tc.opts)
			if name == "prompt fails" {
				if err == nil || !strings.Contains(err.Error(), "no tty") {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if k.IsPassphrase() != tc.passphrase {
				t.Errorf("IsPassphrase = %v", k.IsPassphrase())
			}
		})
	}
	if prompted != 1 {
		t.Errorf("prompt called %d times, want 1 (only when nothing else is set)", prompted)
	}
}
