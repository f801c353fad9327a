package cookiejar

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

func TestCookieJarRules(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	jar := New()
	jar.now = func() time.Time { return now }
	set := func(raw string, cookies ...*http.Cookie) {
		u, _ := url.Parse(raw)
		jar.SetCookies(u, cookies)
	}
	names := func(raw string) string {
		u, _ := url.Parse(raw)
		var out []string
		for _, c := range jar.Cookies(u) {
			out = append(out, c.Name+"="+c.Value)
		}
		return strings.Join(out, "; ")
	}
	set("http://a.example.com/app/page",
		&http.Cookie{Name: "host", Value: "1"},                                   // host-only, path /app
		&http.Cookie{Name: "dom", Value: "2", Domain: ".example.com", Path: "/"}, // domain cookie
		&http.Cookie{Name: "sec", Value: "3", Path: "/", Secure: true},
		&http.Cookie{Name: "evil", Value: "4", Domain: "other.com"}, // rejected
		&http.Cookie{Name: "tld", Value: "5", Domain: "com"},        // rejected
		&http.Cookie{Name: "old", Value: "6", Path: "/", Expires: now.Add(-time.Hour)},
		&http.Cookie{Name: "short", Value: "7", Path: "/", MaxAge: 60},
	)
	tests := []struct{ url, want string }{
		{"http://a.example.com/app/x", "host=1; dom=2; short=7"},
		{"https://a.example.com/app/x", "host=1; dom=2; sec=3; short=7"},
		{"http://a.example.com/other", "dom=2; short=7"},
		{"http://b.example.com/app/x", "dom=2"},
		{"http://other.com/", ""},
	}
	for _, tt := range tests {
		if got := names(tt.url); got != tt.want {
			t.Errorf("cookies for %s = %q, want %q", tt.url, got, tt.want)
		}
	}
	now = now.Add(2 * time.Minute)
	if got := names("http://a.example.com/"); got != "dom=2" {
		t.Errorf("after max-age = %q", got)
	}
	set("http://a.example.com/", &http.Cookie{Name: "dom", Value: "x", Domain: "example.com", Path: "/", MaxAge: -1})
	if got := names("http://a.example.com/"); got != "" {
		t.Errorf("after deletion = %q", got)
	}
}

// A Domain attribute naming a public suffix is refused, as tough-cookie does with
// rejectPublicSuffixes (which pmrun's exported jar declares): evil.co.uk must not be able
// to set a cookie that bank.co.uk receives.
func TestCookieJarRejectsPublicSuffixes(t *testing.T) {
	t.Parallel()
	jar := New()
	set := func(raw string, c *http.Cookie) {
		u, _ := url.Parse(raw)
		jar.SetCookies(u, []*http.Cookie{c})
	}
	names := func(raw string) string {
		u, _ := url.Parse(raw)
		var out []string
		for _, c := range jar.Cookies(u) {
			out = append(out, c.Name+"="+c.Value)
		}
		return strings.Join(out, "; ")
	}
	set("https://evil.co.uk/", &http.Cookie{Name: "couk", Value: "1", Domain: "co.uk", Path: "/"})
	set("https://evil.co.uk/", &http.Cookie{Name: "dotcouk", Value: "2", Domain: ".CO.UK.", Path: "/"})
	set("https://me.github.io/", &http.Cookie{Name: "ghio", Value: "3", Domain: "github.io", Path: "/"}) // private suffix
	set("https://a.b.example.co.uk/", &http.Cookie{Name: "ok", Value: "4", Domain: "example.co.uk", Path: "/"})
	set("http://localhost/", &http.Cookie{Name: "local", Value: "5", Domain: "localhost", Path: "/"})
	tests := []struct{ url, want string }{
		{"https://bank.co.uk/", ""},
		{"https://evil.co.uk/", ""},
		{"https://you.github.io/", ""},
		{"https://www.example.co.uk/", "ok=4"},
		{"http://localhost/", "local=5"},
	}
	for _, tt := range tests {
		if got := names(tt.url); got != tt.want {
			t.Errorf("cookies for %s = %q, want %q", tt.url, got, tt.want)
		}
	}
	ctx := context.Background()
	if err := jar.Set(ctx, "https://evil.co.uk/", collections.Cookie{Name: "script", Value: "6", Domain: "co.uk"}); err != nil {
		t.Fatal(err)
	}
	if got := names("https://bank.co.uk/"); got != "" {
		t.Errorf("pm.cookies.jar().set with Domain=co.uk reached bank.co.uk: %q", got)
	}
}
