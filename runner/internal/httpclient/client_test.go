package httpclient

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

func TestDefaultHeaders(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{})
	req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/get"), Headers: []collections.Header{
		{Key: "X-Mine", Value: "1"},
		{Key: "X-Off", Value: "no", Disabled: true},
		{Key: "", Value: "nameless"},
	}}
	res, e := sendEcho(t, c, req, nil, nil)

	want := []string{"X-Mine", "User-Agent", "Accept", "Cache-Control", "Postman-Token", "Host", "Accept-Encoding", "Connection"}
	if got := headerKeys(res.Request.Headers); !slices.Equal(got, want) {
		t.Errorf("headers as sent = %v, want %v", got, want)
	}
	checks := map[string]string{
		"User-Agent":      "PostmanRuntime/7.39.1",
		"Accept":          "*/*",
		"Cache-Control":   "no-cache",
		"Accept-Encoding": "gzip, deflate, br",
		"Connection":      "keep-alive",
		"X-Mine":          "1",
	}
	for k, v := range checks {
		if got := strings.Join(e.Headers[k], ","); got != v {
			t.Errorf("server saw %s = %q, want %q", k, got, v)
		}
	}
	if _, ok := e.Headers["X-Off"]; ok {
		t.Error("disabled header was sent")
	}
	token := collections.HeaderValue(res.Request.Headers, "Postman-Token")
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(token) ||
		e.Headers["Postman-Token"][0] != token {
		t.Errorf("Postman-Token %q (server %q) is not the uuid v4 sent", token, e.Headers["Postman-Token"])
	}
	if host := collections.HeaderValue(res.Request.Headers, "Host"); host != e.Host || host != srv.Listener.Addr().String() {
		t.Errorf("Host header %q, server saw %q", host, e.Host)
	}
	if res.Request.Method != "GET" || res.Request.URL != srv.URL+"/get" {
		t.Errorf("request = %s %s", res.Request.Method, res.Request.URL)
	}
}

func TestUserHeadersOverrideDefaults(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{UserAgent: "pmrun/test"})
	tests := []struct {
		name    string
		headers []collections.Header
		ppb     map[string]any
		want    map[string]string // "" = absent
	}{
		{"user values win", []collections.Header{{Key: "user-agent", Value: "conformance/1"}, {Key: "Accept", Value: "application/json"}},
			nil, map[string]string{"User-Agent": "conformance/1", "Accept": "application/json", "Cache-Control": "no-cache"}},
		{"option user agent", nil, nil, map[string]string{"User-Agent": "pmrun/test"}},
		{"disabled system headers", nil, map[string]any{"disabledSystemHeaders": map[string]any{"user-agent": true, "cache-control": true}},
			map[string]string{"User-Agent": "", "Cache-Control": "", "Accept": "*/*"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/h"), Headers: tt.headers}
			_, e := sendEcho(t, c, req, nil, tt.ppb)
			for k, v := range tt.want {
				if got := strings.Join(e.Headers[k], ","); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestResponseBasics(t *testing.T) {
	t.Parallel()
	// A raw server, so that header order and reason phrase are ours, not net/http's.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	var conns atomic.Int32
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			go serveRaw(conn)
		}
	}()
	c := newClient(t, Options{})
	req := &collections.Request{Method: "GET", URL: urlOf(t, "http://"+ln.Addr().String()+"/x")}
	for i := 0; i < 3; i++ {
		res, err := c.Send(context.Background(), req, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := res.Response
		if r.Code != 201 || r.Status != "Made It" {
			t.Errorf("status = %d %q", r.Code, r.Status)
		}
		want := []collections.Header{{Key: "Zeta", Value: "1"}, {Key: "alpha", Value: "2"}, {Key: "X-Multi", Value: "a"},
			{Key: "Content-Length", Value: "5"}, {Key: "X-Multi", Value: "b"}}
		if !slices.Equal(r.Headers, want) {
			t.Errorf("headers = %v, want %v", r.Headers, want)
		}
		if string(r.Body) != "hello" || r.Size <= 5 || r.ResponseTime <= 0 || r.Timings.Total <= 0 {
			t.Errorf("body %q size %d time %v", r.Body, r.Size, r.ResponseTime)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 3 requests, want 1 (keep-alive)", n)
	}
}

// serveRaw answers every request on conn with a fixed response.
func serveRaw(conn net.Conn) {
	defer func() { _ = conn.Close() }()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		_ = req.Body.Close()
		_, err = fmt.Fprint(conn, "HTTP/1.1 201 Made It\r\nZeta: 1\r\nalpha: 2\r\nX-Multi: a\r\nContent-Length: 5\r\nX-Multi: b\r\n\r\nhello")
		if err != nil {
			return
		}
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/start", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/end", http.StatusFound) })
	mux.HandleFunc("/end", echoHandler)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	tests := []struct {
		name     string
		opts     Options
		path     string
		ppb      map[string]any
		wantCode int
		wantErr  string
	}{
		{"followed", Options{FollowRedirects: true}, "/start", nil, 200, ""},
		{"ignored", Options{}, "/start", nil, 302, ""},
		{"ppb off", Options{FollowRedirects: true}, "/start", map[string]any{"followRedirects": false}, 302, ""},
		{"ppb on beats option", Options{}, "/start", map[string]any{"followRedirects": true}, 200, ""},
		{"loop", Options{FollowRedirects: true}, "/loop", nil, 0, "Exceeded maxRedirects. Probably stuck in a redirect loop " + srv.URL + "/loop"},
		{"ppb max", Options{FollowRedirects: true}, "/start", map[string]any{"maxRedirects": float64(0)}, 0, "Exceeded maxRedirects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, tt.opts)
			req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+tt.path)}
			res, err := c.Send(context.Background(), req, nil, tt.ppb)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Response.Code != tt.wantCode {
				t.Errorf("code = %d, want %d", res.Response.Code, tt.wantCode)
			}
			if res.Request.URL != srv.URL+tt.path {
				t.Errorf("request url = %s", res.Request.URL)
			}
		})
	}
}

func TestTimeoutAndRefused(t *testing.T) {
	t.Parallel()
	slow := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	}))
	t.Cleanup(slow.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := ln.Addr().String()
	_ = ln.Close()
	hangup, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = hangup.Close() })
	go func() {
		for {
			conn, err := hangup.Accept()
			if err != nil {
				return
			}
			_, _ = bufio.NewReader(conn).ReadString('\n')
			_ = conn.Close()
		}
	}()

	tests := []struct {
		name, url, code, msg string
	}{
		{"socket timeout", slow.URL + "/delay/3", "ESOCKETTIMEDOUT", "ESOCKETTIMEDOUT"},
		{"refused", "http://" + closedAddr + "/refused", "ECONNREFUSED", "connect ECONNREFUSED " + closedAddr},
		{"unresolved variable host", "", "ENOTFOUND", "getaddrinfo ENOTFOUND {{nosuchhost}}"},
		{"hang up", "http://" + hangup.Addr().String() + "/", "ECONNRESET", "socket hang up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, Options{Timeout: 200 * time.Millisecond})
			u := collections.URL{Host: []string{"{{noSuchHost}}"}, Path: []string{"get"}}
			if tt.url != "" {
				u = urlOf(t, tt.url)
			}
			start := time.Now()
			req, resp, err := c.Do(context.Background(), &collections.Request{Method: "GET", URL: u}, nil, nil)
			var re *RequestError
			if !asRequestError(err, &re) {
				t.Fatalf("err = %T %v, want *RequestError", err, err)
			}
			if re.Code() != tt.code || re.Error() != tt.msg {
				t.Errorf("got %s %q, want %s %q", re.Code(), re.Error(), tt.code, tt.msg)
			}
			if resp != nil || req == nil {
				t.Errorf("resp = %v, req = %v: want only the request", resp, req)
			}
			if time.Since(start) > 2*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
	t.Run("empty url", func(t *testing.T) {
		t.Parallel()
		_, _, err := newClient(t, Options{}).Do(context.Background(), &collections.Request{}, nil, nil)
		if err == nil || err.Error() != errEmptyURL {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("request url of a bad host", func(t *testing.T) {
		t.Parallel()
		c := newClient(t, Options{})
		req, _, _ := c.Do(context.Background(), &collections.Request{URL: collections.URL{Host: []string{"{{noSuchHost}}"}, Path: []string{"get"}}}, nil, nil)
		if req.URL != "http://{{nosuchhost}}/get" || req.Method != "GET" {
			t.Errorf("request = %s %s", req.Method, req.URL)
		}
	})
}

func asRequestError(err error, target **RequestError) bool {
	return errors.As(err, target)
}

func TestContentDecoding(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(serveEncoded))
	t.Cleanup(srv.Close)
	c := newClient(t, Options{})
	for _, enc := range []string{"gzip", "deflate", "br", "identity"} {
		t.Run(enc, func(t *testing.T) {
			t.Parallel()
			req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/?enc="+enc)}
			_, resp, err := c.Do(context.Background(), req, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != encodedText {
				t.Errorf("body = %q", resp.Body)
			}
			if enc != "identity" && collections.HeaderValue(resp.Headers, "Content-Encoding") != enc {
				t.Errorf("Content-Encoding header = %q", collections.HeaderValue(resp.Headers, "Content-Encoding"))
			}
		})
	}
}

func TestRedirectBehaviours(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/302", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/end", http.StatusFound) })
	mux.HandleFunc("/307", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/end", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/end", echoHandler)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c := newClient(t, Options{FollowRedirects: true})
	tests := []struct {
		name, path string
		ppb        map[string]any
		wantMethod string
		wantBody   string
		wantType   string
	}{
		{"302 turns POST into GET", "/302", nil, "GET", "", ""},
		{"302 keeps method when asked", "/302", map[string]any{"followOriginalHttpMethod": true}, "POST", "", ""},
		{"307 keeps method and body", "/307", nil, "POST", "data", "text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := &collections.Request{Method: "POST", URL: urlOf(t, srv.URL+tt.path),
				Body: &collections.Body{Mode: "raw", Raw: "data"}}
			_, e := sendEcho(t, c, req, nil, tt.ppb)
			if e.Method != tt.wantMethod || e.Body != tt.wantBody || strings.Join(e.Headers["Content-Type"], "") != tt.wantType {
				t.Errorf("server saw %s body %q type %q, want %s %q %q", e.Method, e.Body, e.Headers["Content-Type"], tt.wantMethod, tt.wantBody, tt.wantType)
			}
		})
	}
}

func TestProtocolProfileBehaviour(t *testing.T) {
	t.Parallel()
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(echoHandler))
	tlsSrv.Config.ErrorLog = quietLog()
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	srv := newEchoServer(t)
	c := newClient(t, Options{})
	if _, _, err := c.Do(context.Background(), &collections.Request{URL: urlOf(t, tlsSrv.URL+"/")}, nil, map[string]any{"strictSSL": false}); err != nil {
		t.Errorf("strictSSL false: %v", err)
	}
	if _, _, err := c.Do(context.Background(), &collections.Request{URL: urlOf(t, tlsSrv.URL+"/")}, nil, map[string]any{"strictSSL": true}); err == nil {
		t.Error("strictSSL true accepted a self-signed certificate")
	}
	u := urlOf(t, srv.URL+"/")
	u.Path = []string{"a b"}
	u.Query = []collections.QueryParam{{Key: "q", Value: "<x>"}}
	_, e := sendEcho(t, c, &collections.Request{URL: u}, nil, nil)
	if e.URI != "/a%20b?q=%3Cx%3E" {
		t.Errorf("encoded uri = %q", e.URI)
	}
	_, e = sendEcho(t, c, &collections.Request{URL: u}, nil, map[string]any{"disableUrlEncoding": true})
	if e.URI != "/a%20b?q=<x>" {
		t.Errorf("unencoded uri = %q", e.URI)
	}
}

func TestSendWarningsAndCookiesFor(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "k", Value: "v", Path: "/"})
	}))
	t.Cleanup(srv.Close)
	c := newClient(t, Options{})
	req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/a")}
	res, err := c.Send(context.Background(), req, authOf("kerberos"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if w := res.Warnings; len(w) != 1 || w[0] != "runtime: could not find a handler for auth: kerberos" {
		t.Errorf("warnings = %q", w)
	}
	if got := c.CookiesFor(req); len(got) != 1 || got[0].Name != "k" || got[0].Value != "v" {
		t.Errorf("CookiesFor = %+v", got)
	}
	if c.CookiesFor(nil) != nil {
		t.Error("CookiesFor(nil) is not nil")
	}
}

func TestAsSent(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{})
	u := urlOf(t, srv.URL+"/users/:id")
	u.Variables = []collections.Variable{{Key: "id", Value: "7"}}
	req := &collections.Request{Method: "GET", URL: u, Headers: []collections.Header{{Key: "X-A", Value: "1"}}}
	sent, _, err := c.Do(context.Background(), req, authOf("apikey", "key", "k", "value", "v", "in", "query"), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := AsSent(req, sent)
	if got.URL.String() != srv.URL+"/users/7?k=v" {
		t.Errorf("url = %s", got.URL.String())
	}
	if collections.HeaderValue(got.Headers, "X-A") != "1" || collections.HeaderValue(got.Headers, "User-Agent") != DefaultUserAgent {
		t.Errorf("headers = %v", got.Headers)
	}
	if len(req.Headers) != 1 || AsSent(req, nil) != req {
		t.Error("AsSent changed its input or mishandled a nil request")
	}
}

// Newman's test scripts see a request's disabled headers in pm.request.headers, in their
// places (disabled: true), though they are not sent.
func TestAsSentKeepsDisabledHeaders(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{})
	req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/get"), Headers: []collections.Header{
		{Key: "X-On", Value: "1"}, {Key: "X-Off", Value: "2", Disabled: true},
		{Key: "X-Both", Value: "a", Disabled: true}, {Key: "X-Both", Value: "b"}}}
	sent, _, err := c.Do(context.Background(), req, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range sent.Headers {
		if h.Disabled || h.Key == "X-Off" || h.Value == "a" {
			t.Fatalf("a disabled header was sent: %v", sent.Headers)
		}
	}
	got := AsSent(req, sent).Headers
	want := []string{"X-On:1:false", "X-Off:2:true", "X-Both:a:true", "X-Both:b:false", "User-Agent"}
	for i, w := range want {
		if i >= len(got) {
			t.Fatalf("headers = %v, want %v first", got, want)
		}
		h := got[i]
		s := h.Key + ":" + h.Value + ":" + map[bool]string{true: "true", false: "false"}[h.Disabled]
		if w == "User-Agent" {
			s = h.Key
		}
		if s != w {
			t.Errorf("header %d = %s, want %s (all: %v)", i, s, w, got)
		}
	}
}

// postman-runtime flags the headers it adds "system": true where test scripts and reports
// see the request: its defaults, the body's Content-Type and Content-Length, auth and the
// jar's Cookie (Content-Length before Cookie); the request's own headers never.
func TestSentHeadersMarkSystem(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/set" {
			http.SetCookie(w, &http.Cookie{Name: "k", Value: "v", Path: "/"})
		}
	}))
	t.Cleanup(srv.Close)
	c := newClient(t, Options{})
	if _, _, err := c.Do(context.Background(), &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/set")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	req := &collections.Request{Method: "POST", URL: urlOf(t, srv.URL+"/post"),
		Headers: []collections.Header{{Key: "X-A", Value: "1"}, {Key: "Accept", Value: "text/plain"}},
		Body:    &collections.Body{Mode: "raw", Raw: `{"a":1}`, Options: map[string]any{"raw": map[string]any{"language": "json"}}}}
	sent, _, err := c.Do(context.Background(), req, authOf("bearer", "token", "t"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range AsSent(req, sent).Headers {
		if h.System {
			got = append(got, h.Key+"*")
		} else {
			got = append(got, h.Key)
		}
	}
	want := []string{"X-A", "Accept", "Authorization*", "Content-Type*", "User-Agent*", "Cache-Control*",
		"Postman-Token*", "Host*", "Accept-Encoding*", "Connection*", "Content-Length*", "Cookie*"}
	if !slices.Equal(got, want) {
		t.Errorf("headers as sent = %v\n want %v", got, want)
	}
}
