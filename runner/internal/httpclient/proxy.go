package httpclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/http/httpproxy"
)

// proxyConfig is a request's "proxy" setting (postman-collection's ProxyConfig).
type proxyConfig struct {
	Match        string   `json:"match"`
	Host         string   `json:"host"`
	Port         any      `json:"port"`
	Protocols    []string `json:"protocols"`
	Tunnel       bool     `json:"tunnel"`
	Disabled     bool     `json:"disabled"`
	Authenticate bool     `json:"authenticate"`
	Username     string   `json:"username"`
	Password     string   `json:"password"`

	matcher *urlPattern
}

// defaultProxyPort is ProxyConfig's default port.
const defaultProxyPort = 8080

// parseProxyConfig reads a request's proxy setting; nil when it is absent, disabled or
// names no host.
func parseProxyConfig(raw json.RawMessage) (*proxyConfig, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var p proxyConfig
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("request proxy setting: %w", err)
	}
	if i := strings.Index(p.Host, "://"); i >= 0 {
		p.Host = p.Host[i+3:]
	}
	if p.Disabled || p.Host == "" {
		return nil, nil
	}
	if len(p.Protocols) == 0 {
		p.Protocols = []string{"http", "https"}
	}
	p.matcher = parseURLPattern(p.Match)
	return &p, nil
}

// proxyURL returns the proxy for target, or nil when the setting does not match it.
func (p *proxyConfig) proxyURL(target *url.URL) *url.URL {
	if p == nil || !p.matches(target) {
		return nil
	}
	port := defaultProxyPort
	switch v := p.Port.(type) {
	case float64:
		if v >= 0 && v <= 65535 && v == float64(int(v)) {
			port = int(v)
		}
	case string:
		if n, err := strconv.Atoi(v); err == nil && n >= 0 && n <= 65535 {
			port = n
		}
	}
	u := &url.URL{Scheme: "http", Host: p.Host + ":" + strconv.Itoa(port)}
	if p.Authenticate {
		u.User = url.UserPassword(p.Username, p.Password)
	}
	return u
}

func (p *proxyConfig) matches(target *url.URL) bool {
	scheme := strings.ToLower(target.Scheme)
	ok := false
	for _, proto := range p.Protocols {
		ok = ok || strings.EqualFold(proto, scheme)
	}
	return ok && p.matcher.match(target)
}

// urlPattern is a Chrome-style match pattern ("<all_urls>", "http+https://*.example.com/*",
// "example.com:8080/api/*"); the protocol part is ignored, as ProxyConfig does.
type urlPattern struct {
	all  bool
	host string // "*", "*.example.com" or a host name
	port string // "" or "*" = any
	path *regexp.Regexp
}

func parseURLPattern(s string) *urlPattern {
	s = strings.TrimSpace(s)
	if s == "" || s == "<all_urls>" {
		return &urlPattern{all: true}
	}
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	hostport, path := s, "/*"
	if i := strings.IndexByte(s, '/'); i >= 0 {
		hostport, path = s[:i], s[i:]
	}
	p := &urlPattern{host: strings.ToLower(hostport)}
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 && !strings.Contains(hostport[i:], "]") {
		p.host, p.port = strings.ToLower(hostport[:i]), hostport[i+1:]
	}
	parts := strings.Split(path, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	p.path = regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
	return p
}

func (p *urlPattern) match(u *url.URL) bool {
	if p.all {
		return true
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case p.host == "*":
	case strings.HasPrefix(p.host, "*."):
		if host != p.host[2:] && !strings.HasSuffix(host, p.host[1:]) {
			return false
		}
	case p.host != host:
		return false
	}
	if p.port != "" && p.port != "*" && p.port != u.Port() {
		return false
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return p.path.MatchString(path)
}

// proxyKey is the context key carrying a request's proxy setting to the transport.
type proxyKey struct{}

// withProxyConfig attaches a request's proxy setting to ctx.
func withProxyConfig(ctx context.Context, p *proxyConfig) context.Context {
	if p == nil {
		return ctx
	}
	return context.WithValue(ctx, proxyKey{}, p)
}

// envProxyFunc reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY (and their lower-case forms)
// once, when the client is made.
func envProxyFunc() func(*url.URL) (*url.URL, error) {
	return httpproxy.FromEnvironment().ProxyFunc()
}

// proxyFor is the transports' Proxy function: the request's own proxy setting when it
// matches the URL, else the environment's proxy.
func (c *Client) proxyFor(r *http.Request) (*url.URL, error) {
	if p, ok := r.Context().Value(proxyKey{}).(*proxyConfig); ok {
		if u := p.proxyURL(r.URL); u != nil {
			return u, nil
		}
	}
	if c.envProxy == nil {
		return nil, nil
	}
	return c.envProxy(r.URL)
}
