package pmvault

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// FormatVersion is the newest plaintext format this package reads and the one it writes.
const FormatVersion = 1

// DefaultCacheTTL is how long a linked secret's value is kept in memory (Postman's default).
const DefaultCacheTTL = time.Hour

// Secret is one vault entry: a local Value or a Link to an external store, never both.
type Secret struct {
	Name  string `json:"name"`
	Value string `json:"value,omitempty"`
	// Link is a reference such as "op://vault/item/[section/]field".
	Link string `json:"link,omitempty"`
	// Domains restrict {{vault:name}} to requests whose URL matches one of these patterns;
	// empty means any URL.
	Domains []string `json:"domains,omitempty"`
	Enabled bool     `json:"enabled"`
}

// Linked reports whether the secret's value lives in an external store.
func (s Secret) Linked() bool { return s.Link != "" }

// Settings are the vault-wide options.
type Settings struct {
	// ScriptAccess lets scripts use pm.vault (off by default, as in Postman).
	ScriptAccess bool
	// CacheTTL is how long linked values stay cached in memory (DefaultCacheTTL when 0).
	CacheTTL time.Duration
	// MaskSecrets masks secret values in output (true unless turned off).
	MaskSecrets bool
}

// document is the plaintext inside the encrypted file.
type document struct {
	Version      int              `json:"version"`
	Settings     documentSettings `json:"settings"`
	Secrets      []Secret         `json:"secrets"`
	Integrations integrations     `json:"integrations"`
}

type documentSettings struct {
	ScriptAccess bool   `json:"scriptAccess"`
	CacheTTL     string `json:"cacheTTL,omitempty"`
	MaskSecrets  *bool  `json:"maskSecrets,omitempty"`
}

type integrations struct {
	OnePassword *onePasswordSettings `json:"onepassword,omitempty"`
}

type onePasswordSettings struct {
	Token string `json:"token"`
}

// decodeDocument parses and checks the plaintext. A newer version is a *VersionError;
// anything malformed is a plain error that the caller wraps as corrupt.
func decodeDocument(path string, plain []byte) (*document, error) {
	var probe struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(plain, &probe); err != nil {
		return nil, fmt.Errorf("contents are not valid JSON: %w", err)
	}
	if probe.Version == nil || *probe.Version < 1 {
		return nil, errors.New("contents have no format version")
	}
	if *probe.Version > FormatVersion {
		return nil, &VersionError{Path: path, Version: *probe.Version}
	}
	var d document
	if err := json.Unmarshal(plain, &d); err != nil {
		return nil, fmt.Errorf("contents do not match format version %d: %w", d.Version, err)
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	return &d, nil
}

func (d *document) check() error {
	seen := make(map[string]bool, len(d.Secrets))
	for _, s := range d.Secrets {
		if err := CheckName(s.Name); err != nil {
			return err
		}
		if seen[s.Name] {
			return fmt.Errorf("secret %q appears twice", s.Name)
		}
		seen[s.Name] = true
		if s.Link != "" && s.Value != "" {
			return fmt.Errorf("secret %q has both a value and a link", s.Name)
		}
	}
	if d.Settings.CacheTTL != "" {
		if _, err := time.ParseDuration(d.Settings.CacheTTL); err != nil {
			return fmt.Errorf("settings.cacheTTL: %w", err)
		}
	}
	return nil
}

func (d *document) settings() Settings {
	s := Settings{ScriptAccess: d.Settings.ScriptAccess, MaskSecrets: true}
	if d.Settings.CacheTTL != "" {
		s.CacheTTL, _ = time.ParseDuration(d.Settings.CacheTTL) // checked on load
	}
	if d.Settings.MaskSecrets != nil {
		s.MaskSecrets = *d.Settings.MaskSecrets
	}
	return s
}
