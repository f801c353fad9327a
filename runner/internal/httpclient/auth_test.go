package httpclient

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

func TestSimpleAuth(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{})
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
				if got := collections.HeaderValue(res.Request.Headers, k); got != v {
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
			c := newClient(t, Options{})
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
			authz := collections.HeaderValue(res.Request.Headers, "Authorization")
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

// awsExampleTime is the signing time of AWS's SigV4 examples.
var awsExampleTime = time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)

func TestAWSv4OnTheWire(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{})
	c.now = func() time.Time { return awsExampleTime }
	auth := authOf("awsv4", "accessKey", "AK", "secretKey", "SK", "sessionToken", "TOK", "region", "eu-west-1", "service", "s3")
	req := &collections.Request{Method: "PUT", URL: urlOf(t, srv.URL+"/bucket/key"), Body: &collections.Body{Mode: "raw", Raw: "hello"},
		Headers: []collections.Header{{Key: "Authorization", Value: "stale"}, {Key: "X-Amz-Date", Value: "stale"}}}
	res, e := sendEcho(t, c, req, auth, nil)
	helloSum := sha256.Sum256([]byte("hello"))
	authz := strings.Join(e.Headers["Authorization"], "")
	if !strings.HasPrefix(authz, "AWS4-HMAC-SHA256 Credential=AK/20150830/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=") {
		t.Errorf("Authorization = %q", authz)
	}
	if got := strings.Join(e.Headers["X-Amz-Content-Sha256"], ""); got != hex.EncodeToString(helloSum[:]) {
		t.Errorf("body hash header = %q", got)
	}
	if strings.Join(e.Headers["X-Amz-Date"], ",") != "20150830T123600Z" || strings.Join(e.Headers["X-Amz-Security-Token"], "") != "TOK" {
		t.Errorf("server headers = %v", e.Headers)
	}
	if n := strings.Count(strings.Join(headerKeys(res.Request.Headers), ","), "Host"); n != 1 {
		t.Errorf("%d Host headers recorded: %v", n, res.Request.Headers)
	}

	presigned := authOf("awsv4", "accessKey", "AK", "secretKey", "SK", "addAuthDataToQuery", true)
	_, e = sendEcho(t, c, &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/x?a=1")}, presigned, nil)
	for _, want := range []string{"/x?a=1&X-Amz-Date=20150830T123600Z&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20150830%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-SignedHeaders=host&X-Amz-Signature="} {
		if !strings.HasPrefix(e.URI, want) {
			t.Errorf("presigned uri = %s, want prefix %s", e.URI, want)
		}
	}
	if e.Headers["Authorization"] != nil {
		t.Errorf("presigned request has Authorization %v", e.Headers["Authorization"])
	}
}

func TestSigningErrorsBecomeWarnings(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{})
	res, e := sendEcho(t, c, &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/")}, authOf("jwt", "algorithm", "XX999"), nil)
	if strings.Join(res.Warnings, "|") != "runtime~jwt.auth: could not sign the request: invalid algorithm" {
		t.Errorf("warnings = %q", res.Warnings)
	}
	if e.Headers["Authorization"] != nil {
		t.Errorf("unsigned request carries %v", e.Headers["Authorization"])
	}
}

func TestOAuth1BodyOnTheWire(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{})
	req := &collections.Request{Method: "POST", URL: urlOf(t, srv.URL+"/post"),
		Body: &collections.Body{Mode: "urlencoded", URLEncoded: []collections.Param{{Key: "a", Value: "1"}}}}
	_, e := sendEcho(t, c, req, authOf("oauth1", "consumerKey", "ck", "consumerSecret", "cs", "timestamp", "7", "nonce", "n"), nil)
	if !strings.HasPrefix(e.Body, "a=1&oauth_consumer_key=ck&oauth_signature_method=HMAC-SHA1&oauth_timestamp=7&oauth_nonce=n&oauth_signature=") {
		t.Errorf("body = %q", e.Body)
	}
	if len(req.Body.URLEncoded) != 1 {
		t.Error("Send changed the caller's body")
	}
}
