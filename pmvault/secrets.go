package pmvault

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
)

// CheckName rejects names that cannot be written as {{vault:name}}: empty, with braces,
// control characters, or white space at either end.
func CheckName(name string) error {
	switch {
	case name == "":
		return &InvalidNameError{Name: name, Reason: "name is empty"}
	case strings.TrimSpace(name) != name:
		return &InvalidNameError{Name: name, Reason: "name starts or ends with white space"}
	case strings.ContainsAny(name, "{}"):
		return &InvalidNameError{Name: name, Reason: "name contains { or }"}
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return &InvalidNameError{Name: name, Reason: "name contains a control character"}
	}
	return nil
}

// Secrets returns copies of all secrets, sorted by name.
func (v *Vault) Secrets() []Secret {
	out := make([]Secret, len(v.doc.Secrets))
	for i, s := range v.doc.Secrets {
		out[i] = s
		out[i].Domains = slices.Clone(s.Domains)
	}
	slices.SortFunc(out, func(a, b Secret) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Secret returns a copy of the secret called name.
func (v *Vault) Secret(name string) (Secret, bool) {
	i := v.index(name)
	if i < 0 {
		return Secret{}, false
	}
	s := v.doc.Secrets[i]
	s.Domains = slices.Clone(s.Domains)
	return s, true
}

func (v *Vault) index(name string) int {
	return slices.IndexFunc(v.doc.Secrets, func(s Secret) bool { return s.Name == name })
}

// SetValue stores a local value under name. A new secret is enabled and allowed on any
// domain; an existing one keeps its domains and enabled flag and loses any link.
func (v *Vault) SetValue(name, value string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if i := v.index(name); i >= 0 {
		v.doc.Secrets[i].Value = value
		v.doc.Secrets[i].Link = ""
		return nil
	}
	v.doc.Secrets = append(v.doc.Secrets, Secret{Name: name, Value: value, Enabled: true})
	return nil
}

// Link makes name a secret linked to ref, which must pass CheckReference. A new secret is
// enabled and allowed on any domain; an existing one keeps its domains and enabled flag and
// loses any local value.
func (v *Vault) Link(name, ref string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if err := CheckReference(ref); err != nil {
		return err
	}
	if i := v.index(name); i >= 0 {
		v.doc.Secrets[i].Link = ref
		v.doc.Secrets[i].Value = ""
		return nil
	}
	v.doc.Secrets = append(v.doc.Secrets, Secret{Name: name, Link: ref, Enabled: true})
	return nil
}

// Unset removes the secret called name (*NotFoundError if there is none).
func (v *Vault) Unset(name string) error {
	i := v.index(name)
	if i < 0 {
		return &NotFoundError{Name: name}
	}
	v.doc.Secrets = slices.Delete(v.doc.Secrets, i, i+1)
	return nil
}

// SetDomains replaces the allowed domains of name; an empty list allows any domain. Each
// pattern must pass CheckDomain.
func (v *Vault) SetDomains(name string, domains []string) error {
	i := v.index(name)
	if i < 0 {
		return &NotFoundError{Name: name}
	}
	var clean []string
	for _, d := range domains {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		if err := CheckDomain(d); err != nil {
			return err
		}
		if !slices.Contains(clean, d) {
			clean = append(clean, d)
		}
	}
	v.doc.Secrets[i].Domains = clean
	return nil
}

// SetEnabled turns the secret called name on or off. A disabled secret is invisible to
// requests and scripts but kept in the file.
func (v *Vault) SetEnabled(name string, enabled bool) error {
	i := v.index(name)
	if i < 0 {
		return &NotFoundError{Name: name}
	}
	v.doc.Secrets[i].Enabled = enabled
	return nil
}

// Settings returns the vault-wide settings with defaults applied (CacheTTL stays 0 when
// unset; callers use DefaultCacheTTL then).
func (v *Vault) Settings() Settings { return v.doc.settings() }

// SetScriptAccess lets scripts use pm.vault, or stops them.
func (v *Vault) SetScriptAccess(on bool) { v.doc.Settings.ScriptAccess = on }

// SetCacheTTL sets how long linked values stay cached in memory during a run.
func (v *Vault) SetCacheTTL(d time.Duration) error {
	if d <= 0 {
		return errors.New("cache lifetime must be positive")
	}
	v.doc.Settings.CacheTTL = d.String()
	return nil
}

// SetMaskSecrets turns masking of secret values in output on or off.
func (v *Vault) SetMaskSecrets(on bool) {
	if on {
		v.doc.Settings.MaskSecrets = nil // the default
		return
	}
	v.doc.Settings.MaskSecrets = &on
}

// OnePasswordToken is the 1Password service account token stored in the vault ("" if none).
func (v *Vault) OnePasswordToken() string {
	if v.doc.Integrations.OnePassword == nil {
		return ""
	}
	return v.doc.Integrations.OnePassword.Token
}

// SetOnePasswordToken stores a 1Password service account token in the vault; "" removes it.
func (v *Vault) SetOnePasswordToken(token string) {
	if token == "" {
		v.doc.Integrations.OnePassword = nil
		return
	}
	v.doc.Integrations.OnePassword = &onePasswordSettings{Token: token}
}

// HasLinks reports whether any enabled secret is linked to the store with this scheme
// ("op" for 1Password).
func (v *Vault) HasLinks(scheme string) bool {
	for _, s := range v.doc.Secrets {
		if s.Enabled && s.Linked() && referenceScheme(s.Link) == scheme {
			return true
		}
	}
	return false
}

// referenceScheme returns "op" for "op://…".
func referenceScheme(ref string) string {
	scheme, _, ok := strings.Cut(ref, "://")
	if !ok {
		return ""
	}
	return scheme
}

// describe is a short human label for error messages.
func describeScheme(scheme string) string {
	if scheme == "op" {
		return "1Password"
	}
	return fmt.Sprintf("%s://", scheme)
}
