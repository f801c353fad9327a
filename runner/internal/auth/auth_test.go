package auth

import (
	"crypto/md5"
	"maps"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

func TestParseDigestChallenge(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want map[string]string // nil: not a Digest challenge
	}{
		{`Digest realm="r", nonce="n", qop="auth,auth-int", algorithm=SHA-256`,
			map[string]string{"realm": "r", "nonce": "n", "qop": "auth,auth-int", "algorithm": "SHA-256"}},
		{`digest REALM="a \"quoted\" realm, with comma", Nonce=tok123,opaque="o"`,
			map[string]string{"realm": `a "quoted" realm, with comma`, "nonce": "tok123", "opaque": "o"}},
		{`Digest snonce="s", nonce="n", nonce="second"`, map[string]string{"snonce": "s", "nonce": "n"}},
		{`Digest realm="r", Basic realm="other"`, map[string]string{"realm": "r"}},
		{`Digest realm="unterminated`, map[string]string{"realm": "unterminated"}},
		{`Digest`, map[string]string{}},
		{`Basic realm="r"`, nil},
		{`DigestX realm="r"`, nil},
	}
	for _, tt := range tests {
		got, ok := parseDigestChallenge(tt.in)
		if ok != (tt.want != nil) || !maps.Equal(got, tt.want) {
			t.Errorf("parseDigestChallenge(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

// TestDigestHeaderVector checks the computation against RFC 2617's worked example.
func TestDigestHeaderVector(t *testing.T) {
	t.Parallel()
	p := digestParams{algorithm: "MD5", username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life",
		method: "GET", uri: "/dir/index.html", nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", nc: "00000001",
		cnonce: "0a4f113b", qop: "auth", opaque: "5ccc069c403ebaf9f0171e9517f40e41"}
	got := p.header(md5.New)
	if !strings.Contains(got, `response="6629fae49393a05397450978507c4ef1"`) {
		t.Errorf("header = %s", got)
	}
}

// Auth parameters read as JavaScript's String() reads them, through the one value-to-string
// helper (collections.Stringify): 1e21 is "1e+21", an array joins with ",", an object is
// "[object Object]" — as a Postman auth handler concatenating the value sees it.
func TestAuthParamsStringifiedAsJavaScript(t *testing.T) {
	t.Parallel()
	st := newAuthState(&collections.Auth{Type: "bearer", Params: []collections.AuthParam{
		{Key: "big", Value: 1e21}, {Key: "list", Value: []any{"a", 1.0}}, {Key: "obj", Value: map[string]any{"k": "v"}},
		{Key: "small", Value: 0.000001}, {Key: "flag", Value: true}}})
	want := map[string]string{"big": "1e+21", "list": "a,1", "obj": "[object Object]", "small": "0.000001", "flag": "true"}
	for k, w := range want {
		if got := st.get(k); got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}
}

// TestEveryAuthTypeHasAHandler checks that each auth type of the collection format (v2.1
// schema plus the types Postman added since: jwt, asap, edgegrid) resolves to a handler, so
// no collection fails with "could not find a handler for auth".
func TestEveryAuthTypeHasAHandler(t *testing.T) {
	t.Parallel()
	types := []string{"apikey", "asap", "awsv4", "basic", "bearer", "digest", "edgegrid", "hawk", "jwt", "ntlm", "oauth1", "oauth2"}
	for _, typ := range types {
		h, warning := authSigner(&collections.Auth{Type: typ})
		if h == nil || warning != "" {
			t.Errorf("auth %q: no handler (%q)", typ, warning)
		}
	}
	if h, warning := authSigner(&collections.Auth{Type: "noauth"}); h != nil || warning != "" {
		t.Errorf("noauth: handler %T, warning %q", h, warning)
	}
	if _, warning := authSigner(&collections.Auth{Type: "nosuch"}); warning != "runtime: could not find a handler for auth: nosuch" {
		t.Errorf("unknown type warning = %q", warning)
	}
}
