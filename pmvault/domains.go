package pmvault

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Allowed-domain patterns follow Postman's rule: each entry d becomes the URL match pattern
// "<proto>://<host>:*/*" where proto is d's scheme or https when d has none; the path is
// ignored and any port matches. The host is "*" (any), "*.example.com" (example.com and
// any subdomain) or an exact name, compared without regard to case. One difference: when
// the entry names a port ("api.example.com:8443") only that port matches (Postman builds an
// invalid pattern from such entries, which then matches nothing).

// matchProtocols are the URL schemes Postman's match patterns can allow.
var matchProtocols = []string{"http", "https", "file", "ftp"}

var defaultPorts = map[string]string{"http": "80", "https": "443", "ftp": "21"}

type domainPattern struct {
	protocols []string // or ["*"]
	host      string   // "*", "*.example.com" or "example.com", lower case
	port      string   // "" or "*" (any) or digits
}

// DomainError rejects an allowed-domain pattern.
type DomainError struct {
	Pattern string
	Reason  string
}

func (e *DomainError) Error() string {
	return fmt.Sprintf("invalid allowed domain %q: %s", e.Pattern, e.Reason)
}

// CheckDomain checks an allowed-domain pattern such as "*.example.com" or
// "http://localhost".
func CheckDomain(pattern string) error {
	_, err := parseDomain(pattern)
	return err
}

func parseDomain(pattern string) (domainPattern, error) {
	fail := func(reason string) (domainPattern, error) {
		return domainPattern{}, &DomainError{Pattern: pattern, Reason: reason}
	}
	p := domainPattern{protocols: []string{"https"}}
	rest := strings.ToLower(strings.TrimSpace(pattern))
	if proto, after, ok := strings.Cut(rest, "://"); ok {
		p.protocols = strings.Split(proto, "+")
		for _, pr := range p.protocols {
			if pr != "*" && !slices.Contains(matchProtocols, pr) {
				return fail("protocol must be one of http, https, file, ftp or *")
			}
		}
		rest = after
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	host, port, hasPort := strings.Cut(rest, ":")
	if strings.HasPrefix(rest, "[") { // an IPv6 literal: [::1] or [::1]:8080
		end := strings.Index(rest, "]")
		if end < 0 {
			return fail("unterminated [IPv6] address")
		}
		host = rest[1:end]
		after := rest[end+1:]
		port, hasPort = strings.CutPrefix(after, ":")
		if after != "" && !hasPort {
			return fail("unexpected text after the [IPv6] address")
		}
		if net.ParseIP(host) == nil {
			return fail("not an IPv6 address")
		}
	}
	if hasPort {
		if _, err := strconv.Atoi(port); port != "*" && err != nil {
			return fail("port must be a number or *")
		}
		p.port = port
	}
	switch {
	case host == "":
		return fail("host is empty")
	case host == "*":
	case strings.HasPrefix(host, "*."):
		if strings.Contains(host[2:], "*") || host == "*." {
			return fail("only a leading \"*.\" wildcard is allowed")
		}
	case strings.Contains(host, "*"):
		return fail("only a leading \"*.\" wildcard is allowed")
	}
	if strings.ContainsAny(host, " \t@") {
		return fail("host contains a space or @")
	}
	p.host = host
	return p, nil
}

// MatchDomains reports whether rawURL is allowed by the patterns; no patterns allow any
// URL. A URL without a scheme is taken as http, as Postman does for unresolved URLs.
// Invalid patterns match nothing.
func MatchDomains(patterns []string, rawURL string) bool {
	if len(patterns) == 0 {
		return true
	}
	u, ok := parseRequestURL(rawURL)
	if !ok {
		return false
	}
	for _, pat := range patterns {
		p, err := parseDomain(pat)
		if err == nil && p.match(u) {
			return true
		}
	}
	return false
}

func parseRequestURL(raw string) (*url.URL, bool) {
	raw = strings.TrimSpace(raw)
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" && u.Scheme != "file" {
		return nil, false
	}
	return u, true
}

func (p domainPattern) match(u *url.URL) bool {
	proto := strings.ToLower(u.Scheme)
	if !slices.Contains(matchProtocols, proto) {
		return false
	}
	if !slices.Contains(p.protocols, "*") && !slices.Contains(p.protocols, proto) {
		return false
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case p.host == "*":
	case strings.HasPrefix(p.host, "*."):
		// A wildcard names subdomains: it never matches an IP address, whose dotted
		// "labels" would otherwise match textually (*.0.0.1 and 127.0.0.1).
		suffix := p.host[2:]
		if net.ParseIP(host) != nil || host != suffix && !strings.HasSuffix(host, "."+suffix) {
			return false
		}
	case host != p.host:
		return false
	}
	if p.port == "" || p.port == "*" {
		return true
	}
	port := u.Port()
	if port == "" {
		port = defaultPorts[proto]
	}
	return port == p.port
}
