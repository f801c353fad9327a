package runner

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

func TestSimpleAuth(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, HTTPOptions{})
	tests := []struct {
		name       string
		auth       *collections.Auth
		headers    []collections.Header
		wantHeader map[string]string // header → value the server must see ("" = absent)
		wantQuery  string            // substring of the request URI
		wantWarn   string
	}{
		{"basic", authOf("basic", "username", "postman", "password", "password"), nil,
			map[string]string{"Authorization": "Basic cG9zdG1hbjpwYXNzd29yZA=="}, "", ""},
		{"basic replaces a user header", authOf("basic", "username", "postman", "password", "password"),
			[]collections.Header{{Key: "authorization", Value: "Custom abc"}},
			map[string]string{"Authorization": "Basic cG9zdG1hbjpwYXNzd29yZA=="}, "", ""},
		{"bearer", authOf("bearer", "token", "tok-123"), nil, map[string]string{"Authorization": "Bearer tok-123"}, "", ""},
		{"bearer without token", authOf("bearer", "token", ""), []collections.Header{{Key: "Authorization", Value: "Keep"}},
			map[string]string{"Authorization": "Keep"}, "", ""},
		{"apikey header", authOf("apikey", "key", "X-Api-Key", "value", "k-1", "in", "header"),
			[]collections.Header{{Key: "x-api-key", Value: "old"}}, map[string]string{"X-Api-Key": "k-1"}, "", ""},
		{"apikey default in", authOf("apikey", "key", "X-Api-Key", "value", "k-2"), nil, map[string]string{"X-Api-Key": "k-2"}, "", ""},
		{"apikey query", authOf("apikey", "key", "api_key", "value", "q 1", "in", "query"), nil,
			map[string]string{"X-Api-Key": ""}, "?keep=1&api_key=q%201", ""},
		{"oauth2 header", authOf("oauth2", "accessToken", "at", "addTokenTo", "header"), nil,
			map[string]string{"Authorization": "Bearer at"}, "", ""},
		{"oauth2 prefix", authOf("oauth2", "accessToken", "at", "headerPrefix", " Token "), nil,
			map[string]string{"Authorization": "Token at"}, "", ""},
		{"oauth2 empty prefix", authOf("oauth2", "accessToken", "at", "headerPrefix", ""), nil,
			map[string]string{"Authorization": "at"}, "", ""},
		{"oauth2 query", authOf("oauth2", "accessToken", "at", "addTokenTo", "queryParams"), nil,
			map[string]string{"Authorization": ""}, "?keep=1&access_token=at", ""},
		{"noauth", authOf("noauth"), nil, map[string]string{"Authorization": ""}, "", ""},
		{"unknown", authOf("kerberos"), nil, map[string]string{"Authorization": ""}, "", "runtime: could not find a handler for auth: kerberos"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/get?keep=1"), Headers: tt.headers}
			res, e := sendEcho(t, c, req, tt.auth, nil)
			for k, v := range tt.wantHeader {
				if got := strings.Join(e.Headers[k], ","); got != v {
					t.Errorf("server saw %s = %q, want %q", k, got, v)
				}
				if got := headerValue(res.Request.Headers, k); got != v {
					t.Errorf("recorded %s = %q, want %q", k, got, v)
				}
			}
			if tt.wantQuery != "" && !strings.HasSuffix(e.URI, tt.wantQuery) {
				t.Errorf("uri = %q, want suffix %q", e.URI, tt.wantQuery)
			}
			if strings.Join(res.Warnings, "|") != tt.wantWarn {
				t.Errorf("warnings = %q, want %q", res.Warnings, tt.wantWarn)
			}
			if len(req.Headers) != len(tt.headers) || len(req.URL.Query) != 1 {
				t.Error("Send changed the caller's request")
			}
		})
	}
}

// digestServer verifies Digest responses for user "postman"/"password" with its own
// computation and answers 401 with a challenge otherwise.
type digestServer struct {
	algorithm string // as announced; "" = no algorithm parameter
	qop       string // "" = none announced
	tokens    bool   // nonce and opaque as tokens, not quoted strings; parameter names in capitals
	requests  atomic.Int32
}

var digestParamRe = regexp.MustCompile(`(\w+)=(?:"([^"]*)"|([^,\s]*))`)

func (d *digestServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.requests.Add(1)
	const nonce, realm, opaque = "n0nce", "Users", "0paque"
	auth := r.Header.Get("Authorization")
	if strings.HasPrefix(auth, "Digest ") {
		p := map[string]string{}
		for _, m := range digestParamRe.FindAllStringSubmatch(auth[7:], -1) {
			p[m[1]] = m[2] + m[3]
		}
		newHash := md5.New
		if strings.HasPrefix(strings.ToUpper(d.algorithm), "SHA-256") {
			newHash = sha256.New
		}
		h := func(s string) string { x := newHash(); x.Write([]byte(s)); return hex.EncodeToString(x.Sum(nil)) }
		ha1 := h("postman:" + realm + ":password")
		if strings.HasSuffix(strings.ToLower(d.algorithm), "-sess") {
			ha1 = h(ha1 + ":" + nonce + ":" + p["cnonce"])
		}
		ha2 := h(r.Method + ":" + r.RequestURI)
		want := h(ha1 + ":" + nonce + ":" + ha2)
		if d.qop != "" {
			want = h(ha1 + ":" + nonce + ":" + p["nc"] + ":" + p["cnonce"] + ":" + p["qop"] + ":" + ha2)
		}
		if p["username"] == "postman" && p["uri"] == r.RequestURI && p["response"] == want && p["opaque"] == opaque {
			_, _ = w.Write([]byte(`{"authenticated":true}`))
			return
		}
	}
	ch := `Digest realm="` + realm + `", nonce="` + nonce + `", opaque="` + opaque + `"`
	if d.tokens {
		ch = `Digest Realm="` + realm + `",NONCE=` + nonce + ` , Opaque = ` + opaque
	}
	if d.qop != "" {
		ch += `, qop="` + d.qop + `"`
	}
	if d.algorithm != "" {
		ch += ", algorithm=" + d.algorithm
	}
	w.Header().Set("WWW-Authenticate", ch)
	w.WriteHeader(http.StatusUnauthorized)
}

func TestDigestAuth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		server      *digestServer
		auth        *collections.Auth
		wantCode    int
		wantReqs    int32
		wantHeaders []string // fragments of the final Authorization header
	}{
		{"md5 qop auth", &digestServer{qop: "auth"}, authOf("digest", "username", "postman", "password", "password"),
			200, 2, []string{`algorithm="MD5"`, "qop=auth", "nc=00000001", `opaque="0paque"`}},
		{"md5 qop list", &digestServer{qop: "auth,auth-int"}, authOf("digest", "username", "postman", "password", "password"),
			200, 2, []string{"qop=auth,", `cnonce="`}},
		{"md5 no qop", &digestServer{}, authOf("digest", "username", "postman", "password", "password"),
			200, 2, []string{`realm="Users"`}},
		{"sha-256", &digestServer{algorithm: "SHA-256", qop: "auth"},
			authOf("digest", "username", "postman", "password", "password", "algorithm", "SHA-256"),
			200, 2, []string{`algorithm="SHA-256"`}},
		{"sha-256 from challenge", &digestServer{algorithm: "SHA-256", qop: "auth"},
			authOf("digest", "username", "postman", "password", "password"), 200, 2, []string{`algorithm="SHA-256"`}},
		{"md5-sess", &digestServer{algorithm: "MD5-sess", qop: "auth"},
			authOf("digest", "username", "postman", "password", "password", "algorithm", "MD5-sess"),
			200, 2, []string{`algorithm="MD5-sess"`}},
		{"token values, names in capitals", &digestServer{qop: "auth", tokens: true},
			authOf("digest", "username", "postman", "password", "password"), 200, 2, []string{`nonce="n0nce"`, `opaque="0paque"`}},
		{"wrong password", &digestServer{qop: "auth"}, authOf("digest", "username", "postman", "password", "nope"),
			401, 2, []string{"Digest "}},
		{"retry disabled", &digestServer{qop: "auth"},
			authOf("digest", "username", "postman", "password", "password", "disableRetryRequest", true), 401, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(tt.server)
			t.Cleanup(srv.Close)
			c := newClient(t, HTTPOptions{})
			req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/digest-auth?x=1")}
			res, err := c.Send(context.Background(), req, tt.auth, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Response.Code != tt.wantCode || tt.server.requests.Load() != tt.wantReqs {
				t.Errorf("code %d after %d requests, want %d after %d", res.Response.Code, tt.server.requests.Load(), tt.wantCode, tt.wantReqs)
			}
			if len(res.Exchanges) != int(tt.wantReqs) {
				t.Errorf("%d exchanges reported, want %d", len(res.Exchanges), tt.wantReqs)
			}
			authz := headerValue(res.Request.Headers, "Authorization")
			for _, frag := range tt.wantHeaders {
				if !strings.Contains(authz, frag) {
					t.Errorf("Authorization %q lacks %q", authz, frag)
				}
			}
			if tt.wantHeaders == nil && authz != "" {
				t.Errorf("unexpected Authorization %q", authz)
			}
		})
	}
}

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
