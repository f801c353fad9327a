package auth

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

// urlOf builds a collections.URL from a raw URL by hand (independent of the collections
// parser): scheme, host segments, port, path segments, query.
func urlOf(t *testing.T, raw string) collections.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("bad test url %q: %v", raw, err)
	}
	out := collections.URL{Protocol: u.Scheme, Host: strings.Split(u.Hostname(), "."), Port: u.Port()}
	if p := strings.TrimPrefix(u.EscapedPath(), "/"); p != "" || u.Path == "/" {
		out.Path = strings.Split(p, "/")
	}
	if u.RawQuery != "" {
		for _, part := range strings.Split(u.RawQuery, "&") {
			k, v, ok := strings.Cut(part, "=")
			out.Query = append(out.Query, collections.QueryParam{Key: k, Value: v, NoValue: !ok})
		}
	}
	return out
}

// authOf builds an Auth from key/value pairs.
func authOf(typ string, kv ...any) *collections.Auth {
	a := &collections.Auth{Type: typ}
	for i := 0; i+1 < len(kv); i += 2 {
		a.Params = append(a.Params, collections.AuthParam{Key: kv[i].(string), Value: kv[i+1]})
	}
	return a
}

// regexpMatch reports whether s matches the pattern.
func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }
