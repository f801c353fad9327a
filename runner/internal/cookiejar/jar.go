package cookiejar

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/publicsuffix"

	"github.com/pmrun/pmrun/collections"
)

// Jar is the run's cookie store. It serves net/http (http.CookieJar), scripts
// (sandbox.CookieJar: pm.cookies.jar()) and the --cookie-jar / --export-cookie-jar files
// (tough-cookie's JSON). Unlike net/http/cookiejar it can list and delete cookies. It
// applies RFC 6265 domain and path rules and, like Newman's tough-cookie store with
// rejectPublicSuffixes (which the exported jar declares), refuses a Domain attribute that
// names a public suffix (golang.org/x/net/publicsuffix: co.uk, github.io, …), so
// evil.co.uk cannot set a cookie that bank.co.uk receives. Safe for concurrent use.
type Jar struct {
	mu      sync.Mutex
	cookies map[cookieKey]*storedCookie
	seq     int64
	now     func() time.Time
}

type cookieKey struct{ domain, path, name string }

// storedCookie is one cookie with the attributes tough-cookie keeps.
type storedCookie struct {
	Name, Value  string
	Domain, Path string
	Expires      time.Time // when it expires (from Max-Age or Expires); zero: session cookie
	ExpiresAttr  time.Time // the Expires attribute as received, zero when absent
	MaxAge       int       // as received, 0 when absent
	HostOnly     bool
	Secure       bool
	HTTPOnly     bool
	Quoted       bool // the value came in double quotes, which go back on the wire
	SameSite     string
	Creation     time.Time
	LastAccessed time.Time
	seq          int64 // creation order, ties broken by it
}

var _ http.CookieJar = (*Jar)(nil)

// New returns an empty jar.
func New() *Jar {
	return &Jar{cookies: map[cookieKey]*storedCookie{}, now: time.Now}
}

// SetCookies stores the cookies of a response from u (http.CookieJar).
func (j *Jar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, c := range cookies {
		j.store(u, c)
	}
}

// Cookies returns the cookies to send to u (http.CookieJar).
func (j *Jar) Cookies(u *url.URL) []*http.Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*http.Cookie
	for _, c := range j.matching(u, true) {
		c.LastAccessed = j.now()
		out = append(out, &http.Cookie{Name: c.Name, Value: c.Value, Quoted: c.Quoted})
	}
	return out
}

// store applies one Set-Cookie to the jar; the caller holds the lock.
func (j *Jar) store(u *url.URL, c *http.Cookie) {
	host := canonicalHost(u.Hostname())
	sc := &storedCookie{Name: c.Name, Value: c.Value, Secure: c.Secure, HTTPOnly: c.HttpOnly,
		MaxAge: c.MaxAge, SameSite: sameSiteName(c.SameSite), Quoted: c.Quoted, ExpiresAttr: c.Expires}
	if c.Domain == "" {
		sc.Domain, sc.HostOnly = host, true
	} else {
		d := canonicalHost(strings.TrimPrefix(c.Domain, "."))
		if !domainMatch(host, d) || (d != host && isPublicSuffix(d)) {
			return // a cookie for a domain the server does not belong to, or for a public suffix
		}
		sc.Domain = d
	}
	sc.Path = c.Path
	if sc.Path == "" || sc.Path[0] != '/' {
		sc.Path = defaultPath(u.EscapedPath())
	}
	now := j.now()
	switch {
	case c.MaxAge < 0:
		sc.Expires = time.Unix(0, 0)
	case c.MaxAge > 0:
		sc.Expires = now.Add(time.Duration(c.MaxAge) * time.Second)
	case !c.Expires.IsZero():
		sc.Expires = c.Expires
	}
	j.put(sc, now)
}

// put inserts sc (or deletes its key when it has expired), keeping the creation time
// of a cookie it replaces.
func (j *Jar) put(sc *storedCookie, now time.Time) {
	key := cookieKey{sc.Domain, sc.Path, sc.Name}
	old := j.cookies[key]
	if !sc.Expires.IsZero() && !sc.Expires.After(now) {
		delete(j.cookies, key)
		return
	}
	if old != nil {
		sc.Creation, sc.seq = old.Creation, old.seq
	} else {
		if sc.Creation.IsZero() {
			sc.Creation = now
		}
		j.seq++
		sc.seq = j.seq
	}
	if sc.LastAccessed.IsZero() {
		sc.LastAccessed = now
	}
	j.cookies[key] = sc
}

// matching returns the live cookies for u, longest path first, then oldest first.
// forRequest applies the Secure rule (scripts see all cookies of the URL).
func (j *Jar) matching(u *url.URL, forRequest bool) []*storedCookie {
	if len(j.cookies) == 0 {
		return nil
	}
	host := canonicalHost(u.Hostname())
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	now := j.now()
	var out []*storedCookie
	for key, c := range j.cookies {
		if !c.Expires.IsZero() && !c.Expires.After(now) {
			delete(j.cookies, key)
			continue
		}
		if c.HostOnly && host != c.Domain || !c.HostOnly && !domainMatch(host, c.Domain) {
			continue
		}
		if !pathMatch(path, c.Path) {
			continue
		}
		if forRequest && c.Secure && u.Scheme != "https" && u.Scheme != "wss" {
			continue
		}
		out = append(out, c)
	}
	if len(out) < 2 {
		return out
	}
	sort.Slice(out, func(a, b int) bool {
		if len(out[a].Path) != len(out[b].Path) {
			return len(out[a].Path) > len(out[b].Path)
		}
		return out[a].seq < out[b].seq
	})
	return out
}

// CookiesFor returns the cookies of u in Postman's shape.
func (j *Jar) CookiesFor(u *url.URL) []collections.Cookie {
	return j.collect(u, func(c *storedCookie) time.Time { return c.Expires })
}

// collect converts the cookies matching u, with expires(c) as each one's Expires.
func (j *Jar) collect(u *url.URL, expires func(*storedCookie) time.Time) []collections.Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []collections.Cookie
	for _, c := range j.matching(u, false) {
		cc := c.toCollection()
		cc.Expires = expires(c)
		out = append(out, cc)
	}
	return out
}

func (c *storedCookie) toCollection() collections.Cookie {
	return collections.Cookie{Name: c.Name, Value: quotedValue(c.Value, c.Quoted), Domain: c.Domain, Path: c.Path,
		Expires: c.Expires, HTTPOnly: c.HTTPOnly, Secure: c.Secure, MaxAge: max(c.MaxAge, 0), HostOnly: c.HostOnly}
}

// Get returns the cookie named name for rawURL (nil when there is none), for
// pm.cookies.jar().get.
func (j *Jar) Get(_ context.Context, rawURL, name string) (*collections.Cookie, error) {
	all, err := j.GetAll(context.Background(), rawURL)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].Name == name {
			return &all[i], nil
		}
	}
	return nil, nil
}

// GetAll returns every cookie for rawURL (pm.cookies.jar().getAll). As tough-cookie's jar
// does, a cookie's expires is its Expires attribute, none for one that came with Max-Age
// only (its maxAge says when it goes).
func (j *Jar) GetAll(_ context.Context, rawURL string) ([]collections.Cookie, error) {
	u, err := parseJarURL(rawURL)
	if err != nil {
		return nil, err
	}
	return j.collect(u, func(c *storedCookie) time.Time { return c.ExpiresAttr }), nil
}

// Set stores c for rawURL (pm.cookies.jar().set). Empty Domain makes a host-only cookie
// and empty Path the URL's default path, as a Set-Cookie without them would.
func (j *Jar) Set(_ context.Context, rawURL string, c collections.Cookie) error {
	u, err := parseJarURL(rawURL)
	if err != nil {
		return err
	}
	if c.Name == "" {
		return fmt.Errorf("cookie jar: a cookie needs a name")
	}
	hc := &http.Cookie{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path,
		Expires: c.Expires, Secure: c.Secure, HttpOnly: c.HTTPOnly}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.store(u, hc)
	return nil
}

// Unset deletes the cookies named name that rawURL would see (pm.cookies.jar().unset).
func (j *Jar) Unset(_ context.Context, rawURL, name string) error {
	return j.remove(rawURL, func(c *storedCookie) bool { return c.Name == name })
}

// Clear deletes every cookie rawURL would see (pm.cookies.jar().clear).
func (j *Jar) Clear(_ context.Context, rawURL string) error {
	return j.remove(rawURL, func(*storedCookie) bool { return true })
}

func (j *Jar) remove(rawURL string, match func(*storedCookie) bool) error {
	u, err := parseJarURL(rawURL)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, c := range j.matching(u, false) {
		if match(c) {
			delete(j.cookies, cookieKey{c.Domain, c.Path, c.Name})
		}
	}
	return nil
}

// parseJarURL accepts URLs with or without a scheme, as pm.cookies.jar() does.
func parseJarURL(raw string) (*url.URL, error) {
	u, err := url.Parse(collections.WithScheme(strings.TrimSpace(raw)))
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("cookie jar: invalid url %q", raw)
	}
	return u, nil
}

func canonicalHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// isPublicSuffix reports whether d (canonical, not an IP address) is a public suffix,
// ICANN or private, or a single label (the list's default rule "*").
func isPublicSuffix(d string) bool {
	if net.ParseIP(d) != nil {
		return false
	}
	ps, _ := publicsuffix.PublicSuffix(d)
	return ps == d
}

// domainMatch is RFC 6265 5.1.3.
func domainMatch(host, domain string) bool {
	if host == domain {
		return true
	}
	if net.ParseIP(host) != nil {
		return false
	}
	return strings.HasSuffix(host, "."+domain)
}

// pathMatch is RFC 6265 5.1.4.
func pathMatch(reqPath, cookiePath string) bool {
	if reqPath == cookiePath {
		return true
	}
	if !strings.HasPrefix(reqPath, cookiePath) {
		return false
	}
	return strings.HasSuffix(cookiePath, "/") || reqPath[len(cookiePath)] == '/'
}

// defaultPath is RFC 6265 5.1.4's default-path.
func defaultPath(p string) string {
	if p == "" || p[0] != '/' {
		return "/"
	}
	i := strings.LastIndexByte(p, '/')
	if i == 0 {
		return "/"
	}
	return p[:i]
}

func sameSiteName(s http.SameSite) string {
	switch s {
	case http.SameSiteLaxMode:
		return "lax"
	case http.SameSiteStrictMode:
		return "strict"
	case http.SameSiteNoneMode:
		return "none"
	}
	return ""
}

// FromHTTP converts a Set-Cookie of the response to req (nil: unknown) to the cookie
// scripts see, with the domain and path a jar would give it when the header names none.
func FromHTTP(c *http.Cookie, req *http.Request) collections.Cookie {
	out := collections.Cookie{Name: c.Name, Value: quotedValue(c.Value, c.Quoted), Domain: strings.TrimPrefix(c.Domain, "."),
		Path: c.Path, Expires: c.Expires, HTTPOnly: c.HttpOnly, Secure: c.Secure, MaxAge: max(c.MaxAge, 0),
		HostOnly: c.Domain == ""}
	if out.Domain == "" && req != nil {
		out.Domain = canonicalHost(req.URL.Hostname())
	}
	if out.Path == "" && req != nil {
		out.Path = defaultPath(req.URL.EscapedPath())
	}
	return out
}

// quotedValue is a cookie's value as tough-cookie keeps it, which is what scripts see: a
// value that came in double quotes keeps them.
func quotedValue(v string, quoted bool) string {
	if quoted {
		return `"` + v + `"`
	}
	return v
}
