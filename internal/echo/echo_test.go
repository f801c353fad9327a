package echo_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"go.uber.org/goleak"

	"github.com/pmrun/pmrun/internal/echo"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newServer starts the echo handler on loopback and a client that does not follow redirects.
func newServer(t *testing.T) (*httptest.Server, *http.Client) {
	t.Helper()
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)
	tr := &http.Transport{DisableCompression: true}
	t.Cleanup(tr.CloseIdleConnections)
	client := &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return srv, client
}

type reply struct {
	code   int
	header http.Header
	body   []byte
}

func (r reply) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.body)
	}
	return v
}

func do(t *testing.T, client *http.Client, req *http.Request) reply {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	body, err := io.ReadAll(resp.Body)
	if cerr := resp.Body.Close(); cerr != nil {
		t.Errorf("closing the body of %s: %v", req.URL, cerr)
	}
	if err != nil {
		t.Fatalf("reading %s: %v", req.URL, err)
	}
	return reply{resp.StatusCode, resp.Header, body}
}

func newRequest(t *testing.T, method, url, contentType, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

func multipartBody(t *testing.T) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("name", "pm"); err != nil {
		t.Fatal(err)
	}
	fw, err := mw.CreateFormFile("upload", "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write([]byte("hi")); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), buf.String()
}

func TestEndpoints(t *testing.T) {
	t.Parallel()
	mpType, mpBody := multipartBody(t)
	tests := []struct {
		name        string
		method      string
		path        string
		contentType string
		body        string
		header      map[string]string
		wantCode    int
		wantType    string
		wantHeader  map[string]string
		wantBody    string // substring of the raw body
		check       func(t *testing.T, v map[string]any, base string)
	}{
		{
			name: "get echoes args in order and lower-case headers", method: "GET",
			path: "/get?b=2&a=1&a=3&sp=x+y&bad=%zz&flag", header: map[string]string{"X-Custom": "v"},
			wantCode: 200, wantType: "application/json; charset=utf-8",
			wantBody: `"args":{"b":"2","a":["1","3"],"sp":"x y","bad":"%zz","flag":""}`,
			check: func(t *testing.T, v map[string]any, base string) {
				h := v["headers"].(map[string]any)
				if h["x-custom"] != "v" || h["host"] != strings.TrimPrefix(base, "http://") {
					t.Errorf("headers = %v", h)
				}
				if v["url"] != base+"/get?b=2&a=1&a=3&sp=x+y&bad=%zz&flag" {
					t.Errorf("url = %v", v["url"])
				}
			},
		},
		{name: "post to get is 404", method: "POST", path: "/get", wantCode: 404, wantBody: "Cannot POST /get"},
		{name: "unknown path is 404", method: "GET", path: "/nope", wantCode: 404, wantBody: "Cannot GET /nope"},
		{
			name: "post json", method: "POST", path: "/post?q=1", contentType: "application/json",
			body: `{"a": [1, 2], "b": {"c": true}}`, wantCode: 200,
			wantBody: `"json":{"a":[1,2],"b":{"c":true}}`,
			check: func(t *testing.T, v map[string]any, _ string) {
				if v["args"].(map[string]any)["q"] != "1" {
					t.Errorf("args = %v", v["args"])
				}
				if fmt.Sprint(v["data"]) != "map[a:[1 2] b:map[c:true]]" {
					t.Errorf("data = %v", v["data"])
				}
			},
		},
		{
			name: "put with invalid json keeps text", method: "PUT", path: "/put", contentType: "application/json",
			body: `{oops`, wantCode: 200, wantBody: `"data":"{oops"`,
			check: func(t *testing.T, v map[string]any, _ string) {
				if v["json"] != nil {
					t.Errorf("json = %v, want null", v["json"])
				}
			},
		},
		{
			name: "patch urlencoded", method: "PATCH", path: "/patch", contentType: "application/x-www-form-urlencoded",
			body: "x=1&y=a+b&x=2", wantCode: 200,
			wantBody: `"data":"","files":{},"form":{"x":["1","2"],"y":"a b"}`,
			check: func(t *testing.T, v map[string]any, _ string) {
				if fmt.Sprint(v["json"]) != "map[x:[1 2] y:a b]" {
					t.Errorf("json = %v", v["json"])
				}
			},
		},
		{
			name: "delete multipart", method: "DELETE", path: "/delete", contentType: mpType, body: mpBody,
			wantCode: 200, wantBody: `"files":{"a.txt":"data:application/octet-stream;base64,aGk="},"form":{"name":"pm"}`,
		},
		{
			name: "post text", method: "POST", path: "/post", contentType: "text/plain", body: "hello",
			wantCode: 200, wantBody: `"data":"hello"`,
		},
		{
			name: "post empty body", method: "POST", path: "/post", wantCode: 200,
			wantBody: `"data":{},"files":{},"form":{}`,
		},
		{
			name: "headers", method: "GET", path: "/headers", header: map[string]string{"Cookie": "a=1", "X-A": "b"},
			wantCode: 200, wantBody: `"cookie":"a=1"`,
			check: func(t *testing.T, v map[string]any, _ string) {
				if v["headers"].(map[string]any)["x-a"] != "b" {
					t.Errorf("headers = %v", v["headers"])
				}
			},
		},
		{
			name: "response headers", method: "GET", path: "/response-headers?X-Foo=bar&Content-Type=text/plain",
			wantCode: 200, wantType: "text/plain; charset=utf-8", wantHeader: map[string]string{"X-Foo": "bar"},
			wantBody: `{"X-Foo":"bar","Content-Type":"text/plain"}`,
		},
		{name: "status 418", method: "GET", path: "/status/418", wantCode: 418, wantBody: `{"status":418}`},
		{name: "status 201 by post", method: "POST", path: "/status/201", wantCode: 201, wantBody: `{"status":201}`},
		{name: "status 204 has no body", method: "GET", path: "/status/204", wantCode: 204},
		{name: "status out of range", method: "GET", path: "/status/1000", wantCode: 400},
		{name: "delay zero", method: "GET", path: "/delay/0", wantCode: 200, wantBody: `{"delay":"0"}`},
		{name: "delay invalid", method: "GET", path: "/delay/x", wantCode: 400},
		{name: "basic auth ok", method: "GET", path: "/basic-auth", header: map[string]string{
			"Authorization": "Basic cG9zdG1hbjpwYXNzd29yZA==",
		}, wantCode: 200, wantBody: `{"authenticated":true}`},
		{name: "basic auth wrong", method: "GET", path: "/basic-auth", header: map[string]string{
			"Authorization": "Basic cG9zdG1hbjp4",
		}, wantCode: 401, wantBody: "Unauthorized"},
		{name: "basic auth missing", method: "GET", path: "/basic-auth", wantCode: 401},
		{
			name: "digest challenge", method: "GET", path: "/digest-auth", wantCode: 401,
			check: nil, wantHeader: map[string]string{"WWW-Authenticate": `Digest realm="Users", nonce="`},
		},
		{name: "cookies", method: "GET", path: "/cookies", header: map[string]string{"Cookie": "a=1; b=2"},
			wantCode: 200, wantBody: `{"cookies":{"a":"1","b":"2"}}`},
		{name: "cookies set", method: "GET", path: "/cookies/set?a=1&b=2&a=3", wantCode: 302,
			wantHeader: map[string]string{"Location": "/cookies", "Set-Cookie": "a=3; Path=/"}},
		{name: "cookies delete", method: "GET", path: "/cookies/delete?a", header: map[string]string{"Cookie": "a=1; b=2"},
			wantCode: 200, wantBody: `{"cookies":{"b":"2"}}`, wantHeader: map[string]string{"Set-Cookie": "a=; Path=/; Expires="}},
		{name: "redirect-to", method: "GET", path: "/redirect-to?url=/get%3Fx%3D1&status_code=307", wantCode: 307,
			wantHeader: map[string]string{"Location": "/get?x=1"}},
		{name: "redirect-to default status", method: "GET", path: "/redirect-to?url=http://example.test/", wantCode: 302,
			wantHeader: map[string]string{"Location": "http://example.test/"}},
		{name: "redirect n", method: "GET", path: "/redirect/3", wantCode: 302, wantHeader: map[string]string{"Location": "/redirect/2"}},
		{name: "redirect last", method: "GET", path: "/redirect/1", wantCode: 302, wantHeader: map[string]string{"Location": "/get"}},
		{name: "redirect invalid", method: "GET", path: "/redirect/0", wantCode: 400},
		{name: "html", method: "GET", path: "/type/html", wantCode: 200, wantType: "text/html; charset=utf-8", wantBody: `<h1 id="title">`},
		{name: "xml", method: "GET", path: "/type/xml", wantCode: 200, wantType: "application/xml; charset=utf-8", wantBody: "<to>Tove</to>"},
		{name: "utf8", method: "GET", path: "/encoding/utf8", wantCode: 200, wantBody: "日本語"},
		{name: "stream", method: "GET", path: "/stream/3?k=v", wantCode: 200, wantBody: `"args":{"k":"v"}`},
		{name: "ip", method: "GET", path: "/ip", wantCode: 200, wantBody: `{"ip":"127.0.0.1"}`},
		{name: "bytes invalid", method: "GET", path: "/bytes/-1", wantCode: 400},
		{name: "options", method: "OPTIONS", path: "/post", wantCode: 200, wantHeader: map[string]string{"Allow": "POST"}},
		{name: "root", method: "GET", path: "/", wantCode: 200, wantBody: "postman-echo"},
	}
	srv, client := newServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := newRequest(t, tt.method, srv.URL+tt.path, tt.contentType, tt.body)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			got := do(t, client, req)
			if got.code != tt.wantCode {
				t.Fatalf("status = %d, want %d; body %s", got.code, tt.wantCode, got.body)
			}
			if tt.wantType != "" && got.header.Get("Content-Type") != tt.wantType {
				t.Errorf("Content-Type = %q, want %q", got.header.Get("Content-Type"), tt.wantType)
			}
			for k, v := range tt.wantHeader {
				if !strings.HasPrefix(got.header.Get(k), v) {
					t.Errorf("header %s = %q, want prefix %q", k, got.header.Get(k), v)
				}
			}
			if !bytes.Contains(got.body, []byte(tt.wantBody)) {
				t.Errorf("body does not contain %s:\n%s", tt.wantBody, got.body)
			}
			if tt.check != nil {
				tt.check(t, got.json(t), srv.URL)
			}
		})
	}
}

func TestStreamLines(t *testing.T) {
	t.Parallel()
	srv, client := newServer(t)
	got := do(t, client, newRequest(t, "GET", srv.URL+"/stream/3", "", ""))
	lines := strings.Split(strings.TrimSuffix(string(got.body), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 3:\n%s", len(lines), got.body)
	}
	for i, line := range lines {
		var v struct{ ID int }
		if err := json.Unmarshal([]byte(line), &v); err != nil || v.ID != i {
			t.Errorf("line %d = %s (err %v)", i, line, err)
		}
	}
}

func TestBytes(t *testing.T) {
	t.Parallel()
	srv, client := newServer(t)
	a := do(t, client, newRequest(t, "GET", srv.URL+"/bytes/64?seed=7", "", ""))
	b := do(t, client, newRequest(t, "GET", srv.URL+"/bytes/64?seed=7", "", ""))
	if len(a.body) != 64 || !bytes.Equal(a.body, b.body) {
		t.Errorf("seeded bytes differ or wrong length: %x / %x", a.body, b.body)
	}
	if a.header.Get("Content-Type") != "application/octet-stream" {
		t.Errorf("Content-Type = %q", a.header.Get("Content-Type"))
	}
}

func TestTimeNow(t *testing.T) {
	t.Parallel()
	srv, client := newServer(t)
	got := do(t, client, newRequest(t, "GET", srv.URL+"/time/now", "", ""))
	when, err := http.ParseTime(string(got.body))
	if err != nil {
		t.Fatalf("body %q is not an HTTP date: %v", got.body, err)
	}
	if d := time.Since(when); d < -time.Minute || d > time.Minute {
		t.Errorf("time %v is %v away from now", when, d)
	}
}

func TestCompressed(t *testing.T) {
	t.Parallel()
	decoders := map[string]func(io.Reader) (io.Reader, error){
		"gzip":    func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"deflate": func(r io.Reader) (io.Reader, error) { return flate.NewReader(r), nil },
		"br":      func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	tests := []struct{ path, encoding, flag string }{
		{"/gzip", "gzip", "gzipped"},
		{"/deflate", "deflate", "deflated"},
		{"/brotli", "br", "brotli"},
	}
	srv, client := newServer(t)
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			got := do(t, client, newRequest(t, "GET", srv.URL+tt.path, "", ""))
			if got.header.Get("Content-Encoding") != tt.encoding {
				t.Fatalf("Content-Encoding = %q, want %q", got.header.Get("Content-Encoding"), tt.encoding)
			}
			r, err := decoders[tt.encoding](bytes.NewReader(got.body))
			if err != nil {
				t.Fatal(err)
			}
			plain, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("decoding %s: %v", tt.encoding, err)
			}
			var v map[string]any
			if err := json.Unmarshal(plain, &v); err != nil {
				t.Fatalf("decoded body is not JSON: %v", err)
			}
			if v[tt.flag] != true || v["method"] != "GET" {
				t.Errorf("decoded body = %s", plain)
			}
		})
	}
}

// digestAuthorization answers a digest challenge the way an RFC 7616 client does.
func digestAuthorization(challenge, method, uri, user, pass string) string {
	params := map[string]string{}
	for part := range strings.SplitSeq(strings.TrimPrefix(challenge, "Digest "), ", ") {
		k, v, _ := strings.Cut(part, "=")
		params[k] = strings.Trim(v, `"`)
	}
	h := func(s string) string { sum := md5.Sum([]byte(s)); return hex.EncodeToString(sum[:]) }
	ha1 := h(user + ":" + params["realm"] + ":" + pass)
	ha2 := h(method + ":" + uri)
	cnonce, nc := "0a4f113b", "00000001"
	resp := h(ha1 + ":" + params["nonce"] + ":" + nc + ":" + cnonce + ":auth:" + ha2)
	return fmt.Sprintf(`Digest username="%s", realm="%s", nonce="%s", uri="%s", algorithm="MD5", qop=auth, nc=%s, cnonce="%s", response="%s"`,
		user, params["realm"], params["nonce"], uri, nc, cnonce, resp)
}

func TestDigestAuth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, user, pass string
		want             int
	}{
		{"right credentials", "postman", "password", 200},
		{"wrong password", "postman", "nope", 401},
		{"wrong user", "someone", "password", 401},
	}
	srv, client := newServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			first := do(t, client, newRequest(t, "GET", srv.URL+"/digest-auth", "", ""))
			challenge := first.header.Get("WWW-Authenticate")
			if first.code != 401 || !strings.Contains(challenge, `qop="auth"`) || !strings.Contains(challenge, `realm="Users"`) {
				t.Fatalf("challenge: %d %q", first.code, challenge)
			}
			req := newRequest(t, "GET", srv.URL+"/digest-auth", "", "")
			req.Header.Set("Authorization", digestAuthorization(challenge, "GET", "/digest-auth", tt.user, tt.pass))
			got := do(t, client, req)
			if got.code != tt.want {
				t.Errorf("status = %d, want %d: %s", got.code, tt.want, got.body)
			}
		})
	}
}

func TestCookieJarFlow(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	client := &http.Client{Jar: jar, Transport: tr}
	got := do(t, client, newRequest(t, "GET", srv.URL+"/cookies/set?foo=bar&n=1", "", ""))
	if string(got.body) != `{"cookies":{"foo":"bar","n":"1"}}` {
		t.Errorf("after set and redirect: %s", got.body)
	}
	got = do(t, client, newRequest(t, "GET", srv.URL+"/cookies/delete?foo", "", ""))
	if string(got.body) != `{"cookies":{"n":"1"}}` {
		t.Errorf("after delete: %s", got.body)
	}
	got = do(t, client, newRequest(t, "GET", srv.URL+"/cookies", "", ""))
	if string(got.body) != `{"cookies":{"n":"1"}}` {
		t.Errorf("jar after delete: %s", got.body)
	}
}

func TestRedirectChainLandsOnGet(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	client := srv.Client()
	got := do(t, client, newRequest(t, "GET", srv.URL+"/redirect/3", "", ""))
	if got.code != 200 || !bytes.Contains(got.body, []byte(`"url":"`+srv.URL+`/get"`)) {
		t.Errorf("after redirects: %d %s", got.code, got.body)
	}
}

func TestDelayHonoursContext(t *testing.T) {
	t.Parallel()
	srv, client := newServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", srv.URL+"/delay/5", nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err == nil {
		_ = resp.Body.Close() // the test fails here anyway; only the connection is freed
		t.Fatalf("request finished with %d, want a timeout", resp.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}

	start = time.Now()
	got := do(t, client, newRequest(t, "GET", srv.URL+"/delay/0.2", "", ""))
	if got.code != 200 || time.Since(start) < 200*time.Millisecond {
		t.Errorf("delay/0.2: %d after %v", got.code, time.Since(start))
	}
}

func TestStart(t *testing.T) {
	t.Parallel()
	s, err := echo.Start("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("URL() = %q", s.URL())
	}
	tr := &http.Transport{}
	client := &http.Client{Transport: tr}
	got := do(t, client, newRequest(t, "GET", s.URL()+"/status/200", "", ""))
	tr.CloseIdleConnections()
	if got.code != 200 {
		t.Errorf("status = %d", got.code)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if resp, err := client.Do(newRequest(t, "GET", s.URL()+"/get", "", "")); err == nil {
		_ = resp.Body.Close() // the test fails here anyway; only the connection is freed
		t.Error("server still answers after Close")
	}
}

func TestStartBadAddress(t *testing.T) {
	t.Parallel()
	if _, err := echo.Start("256.0.0.1:bad"); err == nil || !strings.Contains(err.Error(), "starting echo server") {
		t.Errorf("err = %v", err)
	}
}
