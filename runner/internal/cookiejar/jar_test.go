package cookiejar

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
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

// Scripts see a cookie as tough-cookie keeps it (Newman 6.2.2): Max-Age, host-only for a
// Set-Cookie without Domain, a quoted value with its quotes, which also go back on the wire
// and into the exported jar.
func TestCookieJarKeepsMaxAgeHostOnlyAndQuotes(t *testing.T) {
	t.Parallel()
	jar := New()
	u, _ := url.Parse("http://127.0.0.1:8080/x")
	req := &http.Request{URL: u}
	var set []*http.Cookie
	for _, line := range []string{`quoted="q v"; Path=/`, "age=1; Max-Age=3600; Path=/", "dom=3; Domain=127.0.0.1; Path=/"} {
		c, err := http.ParseSetCookie(line)
		if err != nil {
			t.Fatal(err)
		}
		set = append(set, c)
		got := FromHTTP(c, req)
		want := map[string]string{"quoted": `"q v" 0 true`, "age": "1 3600 true", "dom": "3 0 false"}[c.Name]
		if s := got.Value + " " + strconv.Itoa(got.MaxAge) + " " + strconv.FormatBool(got.HostOnly); s != want {
			t.Errorf("FromHTTP(%s) = %s, want %s", line, s, want)
		}
	}
	jar.SetCookies(u, set)
	byName := map[string]collections.Cookie{}
	for _, c := range jar.CookiesFor(u) {
		byName[c.Name] = c
	}
	if c := byName["quoted"]; c.Value != `"q v"` || !c.HostOnly || c.MaxAge != 0 {
		t.Errorf("quoted = %+v", c)
	}
	if c := byName["age"]; c.MaxAge != 3600 || !c.HostOnly {
		t.Errorf("age = %+v", c)
	}
	if c := byName["dom"]; c.HostOnly {
		t.Errorf("dom = %+v", c)
	}
	for _, c := range jar.Cookies(u) {
		if c.Name == "quoted" && c.String() != `quoted="q v"` {
			t.Errorf("sent as %s", c.String())
		}
	}
	data, err := jar.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"value": "\"q v\""`) {
		t.Errorf("exported jar loses the quotes: %s", data)
	}
	back, err := Parse(data, "jar.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range back.Cookies(u) {
		if c.Name == "quoted" && c.String() != `quoted="q v"` {
			t.Errorf("read back and sent as %s", c.String())
		}
	}
}

// The jar API shows a cookie's Expires attribute (none for a Max-Age-only cookie), as
// tough-cookie does; the cookies of a response and of a request show when it expires.
func TestGetAllShowsTheExpiresAttribute(t *testing.T) {
	t.Parallel()
	jar := New()
	u, _ := url.Parse("http://127.0.0.1:8080/x")
	var set []*http.Cookie
	for _, line := range []string{"ma=1; Max-Age=3600; Path=/", "ex=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Path=/",
		"both=3; Max-Age=60; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Path=/"} {
		c, err := http.ParseSetCookie(line)
		if err != nil {
			t.Fatal(err)
		}
		set = append(set, c)
	}
	jar.SetCookies(u, set)
	all, err := jar.GetAll(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2037, 10, 21, 7, 28, 0, 0, time.UTC)
	for _, c := range all {
		want := map[string]time.Time{"ma": {}, "ex": date, "both": date}[c.Name]
		if !c.Expires.Equal(want) {
			t.Errorf("GetAll %s expires %v, want %v", c.Name, c.Expires, want)
		}
	}
	for _, c := range jar.CookiesFor(u) {
		if c.Name == "ma" && c.Expires.IsZero() {
			t.Error("CookiesFor lost when the Max-Age cookie expires")
		}
	}
	if len(all) != 3 {
		t.Fatalf("GetAll = %d cookies", len(all))
	}
}
