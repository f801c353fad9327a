package runner

import (
	"fmt"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// resolveRequest substitutes variables in every part of a request that is sent: URL (path
// variables included), headers, body and auth. Vault secrets ({{vault:name}}) resolve after
// every other scope and only for the URL as resolved without them, so that the secret's
// allowed domains are checked against the real host. Tokens left unresolved stay literal;
// vault tokens left unresolved produce a warning.
// It also returns the resolved URL as text (URL.String), and
// usedVault reports whether any vault secret went into the request: such a request's
// redirects stay on its origin, and test scripts see its {{vault:…}} references instead of
// the values. vaultErr is the first secret the vault could not resolve because its
// provider failed (see strictVault): such a request must not be sent.
func resolveRequest(req *collections.Request, auth *collections.Auth, scopes collections.Scopes, vault Vault,
) (out *collections.Request, rauth *collections.Auth, warnings []string, urlText string, usedVault bool, vaultErr error) {
	if vault != nil {
		u := collections.ResolveURL(req.URL, scopes.Lookup)
		lookup := vault.Lookup(u.String())
		if sv, ok := vault.(strictVault); ok {
			strict := sv.LookupStrict(u.String())
			lookup = func(key string) (string, bool) {
				v, ok, err := strict(key)
				if err != nil && vaultErr == nil {
					vaultErr = err
				}
				return v, ok
			}
		}
		scopes.Extra = func(key string) (string, bool) {
			v, ok := lookup(key)
			usedVault = usedVault || ok
			return v, ok
		}
	}
	out = collections.ResolveRequest(req, scopes.Lookup)
	rauth = collections.ResolveAuth(auth, scopes.Lookup)
	urlText = out.URL.String()
	if vaultErr != nil {
		return out, rauth, nil, urlText, usedVault, vaultErr
	}
	return out, rauth, unresolvedVault(out, urlText, rauth), urlText, usedVault, nil
}

// strictVault is a Vault that tells a secret it could not resolve because its provider
// failed (an error) from one that is unknown or not allowed for the URL (ok false, nil: the
// text stays literal). pmvault.Session implements it.
type strictVault interface {
	LookupStrict(url string) func(key string) (string, bool, error)
}

// unresolvedVault lists a warning for each {{vault:name}} still in the request, whose URL
// renders as urlText.
func unresolvedVault(req *collections.Request, urlText string, auth *collections.Auth) []string {
	var seen map[string]bool
	var warnings []string
	host := strings.Join(req.URL.Host, ".")
	scan := func(s string) {
		for _, name := range collections.TokenNames(s, "vault:") {
			if seen[name] {
				continue
			}
			if seen == nil {
				seen = map[string]bool{}
			}
			seen[name] = true
			warnings = append(warnings, fmt.Sprintf(
				"vault secret %q was not resolved for %s: it is unknown, disabled, not allowed for this domain, or the vault is not enabled (--vault)",
				name, host))
		}
	}
	scan(urlText)
	for _, h := range req.Headers {
		if strings.Contains(h.Key, "{{") || strings.Contains(h.Value, "{{") || strings.HasSuffix(h.Key, "{") {
			scan(h.Key + h.Value)
		}
	}
	if b := req.Body; b != nil {
		scan(b.Raw)
		for _, p := range b.URLEncoded {
			scan(p.Key + p.Value)
		}
		for _, p := range b.FormData {
			scan(p.Key + p.Value)
		}
	}
	if auth != nil {
		for _, p := range auth.Params {
			if s, ok := p.Value.(string); ok {
				scan(s)
			}
		}
	}
	return warnings
}
