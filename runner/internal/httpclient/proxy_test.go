package httpclient

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/http/httpproxy"

	"github.com/pmrun/pmrun/collections"
)

// forwardProxy is a loopback HTTP forward proxy: it answers proxied plain requests
// itself (recording them) and tunnels CONNECT requests to tunnelTo.
type forwardProxy struct {
	srv      *httptest.Server
	tunnelTo string // host:port CONNECT requests are tunnelled to

	mu   sync.Mutex
	seen []proxied
}

type proxied struct {
	method, uri, auth string
}

func newForwardProxy(t *testing.T, tunnelTo string) *forwardProxy {
	t.Helper()
	p := &forwardProxy{tunnelTo: tunnelTo}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *forwardProxy) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.seen = append(p.seen, proxied{r.Method, r.RequestURI, r.Header.Get("Proxy-Authorization")})
	p.mu.Unlock()
	if r.Method != http.MethodConnect {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"via": "proxy", "uri": r.RequestURI})
		return
	}
	upstream, err := net.Dial("tcp", p.tunnelTo)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		_ = upstream.Close()
		return
	}
	_, _ = conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
	go func() { _, _ = io.Copy(upstream, conn); _ = upstream.Close() }()
	_, _ = io.Copy(conn, upstream)
	_ = conn.Close()
}

func (p *forwardProxy) requests() []proxied {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]proxied(nil), p.seen...)
}

// hostPort returns the proxy's host and port.
func (p *forwardProxy) hostPort(t *testing.T) (string, int) {
	t.Helper()
	u, _ := url.Parse(p.srv.URL)
	n, err := strconv.Atoi(u.Port())
	if err != nil {
		t.Fatal(err)
	}
	return u.Hostname(), n
}

func TestRequestProxySetting(t *testing.T) {
	t.Parallel()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"via":"tunnel","host":"`+r.Host+`"}`)
	}))
	tlsSrv.Config.ErrorLog = quietLog()
	t.Cleanup(tlsSrv.Close)
	reqProxy := newForwardProxy(t, tlsSrv.Listener.Addr().String())
	envProxy := newForwardProxy(t, "")
	host, port := reqProxy.hostPort(t)
	setting := func(extra string) json.RawMessage {
		return json.RawMessage(`{"host":"` + host + `","port":` + strconv.Itoa(port) + extra + `}`)
	}
	tests := []struct {
		name     string
		url      string
		proxy    json.RawMessage
		wantReq  []proxied // requests the request's proxy sees
		wantEnv  int       // requests the environment's proxy sees
		wantBody string
	}{
		{name: "request proxy", url: "http://api.example.invalid/a?b=1", proxy: setting(""),
			wantReq: []proxied{{"GET", "http://api.example.invalid/a?b=1", ""}}, wantBody: `"via":"proxy"`},
		{name: "request proxy with credentials and match", url: "http://api.example.invalid/v1/x",
			proxy:   setting(`,"match":"http+https://*.example.invalid/v1/*","authenticate":true,"username":"u","password":"p w"`),
			wantReq: []proxied{{"GET", "http://api.example.invalid/v1/x", "Basic " + base64.StdEncoding.EncodeToString([]byte("u:p w"))}}, wantBody: `"via":"proxy"`},
		{name: "pattern does not match: environment", url: "http://api.example.invalid/v2/x",
			proxy: setting(`,"match":"*://*.example.invalid/v1/*"`), wantEnv: 1, wantBody: `"via":"proxy"`},
		{name: "disabled: environment", url: "http://api.example.invalid/", proxy: setting(`,"disabled":true`),
			wantEnv: 1, wantBody: `"via":"proxy"`},
		{name: "protocol not listed: environment", url: "http://api.example.invalid/", proxy: setting(`,"protocols":["https"]`),
			wantEnv: 1, wantBody: `"via":"proxy"`},
		{name: "no setting: environment", url: "http://api.example.invalid/", wantEnv: 1, wantBody: `"via":"proxy"`},
		{name: "https through CONNECT", url: "https://secure.example.invalid/x", proxy: setting(""),
			wantReq: []proxied{{"CONNECT", "secure.example.invalid:443", ""}}, wantBody: `"via":"tunnel","host":"secure.example.invalid"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Not parallel: the two proxies are shared and their logs compared.
			before, beforeEnv := len(reqProxy.requests()), len(envProxy.requests())
			c := newClient(t, Options{Insecure: true, Timeout: 10 * time.Second})
			c.envProxy = (&httpproxy.Config{HTTPProxy: envProxy.srv.URL}).ProxyFunc()
			req := &collections.Request{Method: "GET", URL: collections.ParseURL(tt.url), Proxy: tt.proxy}
			res, err := c.Send(context.Background(), req, nil, nil)
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if body := string(res.Response.Body); !strings.Contains(body, tt.wantBody) {
				t.Errorf("body = %s, want it to contain %s", body, tt.wantBody)
			}
			got := reqProxy.requests()[before:]
			if len(got) != len(tt.wantReq) {
				t.Fatalf("request proxy saw %+v, want %+v", got, tt.wantReq)
			}
			for i := range got {
				if got[i] != tt.wantReq[i] {
					t.Errorf("request proxy saw %+v, want %+v", got[i], tt.wantReq[i])
				}
			}
			if n := len(envProxy.requests()) - beforeEnv; n != tt.wantEnv {
				t.Errorf("environment proxy saw %d requests, want %d", n, tt.wantEnv)
			}
		})
	}
}

func TestEnvironmentNoProxy(t *testing.T) {
	t.Parallel()
	target := newEchoServer(t)
	envProxy := newForwardProxy(t, "")
	c := newClient(t, Options{Timeout: 10 * time.Second})
	// A loopback target is never proxied (as in Go and in Node's proxy-from-env);
	// NO_PROXY excludes a named host.
	c.envProxy = (&httpproxy.Config{HTTPProxy: envProxy.srv.URL, NoProxy: "skip.example.invalid"}).ProxyFunc()
	if _, err := c.Send(context.Background(), &collections.Request{URL: urlOf(t, target.URL+"/direct")}, nil, nil); err != nil {
		t.Fatalf("loopback request: %v", err)
	}
	if _, err := c.Send(context.Background(), &collections.Request{URL: collections.ParseURL("http://via.example.invalid/")}, nil, nil); err != nil {
		t.Fatalf("proxied request: %v", err)
	}
	_, err := c.Send(context.Background(), &collections.Request{URL: collections.ParseURL("http://skip.example.invalid/")}, nil, nil)
	if err == nil {
		t.Error("a NO_PROXY host was reached through the proxy")
	}
	if got := envProxy.requests(); len(got) != 1 || got[0].uri != "http://via.example.invalid/" {
		t.Errorf("environment proxy saw %+v, want only via.example.invalid", got)
	}
}

func TestURLPattern(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, url string
		want         bool
	}{
		{"", "http://a.b/c", true},
		{"<all_urls>", "https://x:1/", true},
		{"http+https://*/*", "http://host/p", true},
		{"*.example.com/*", "http://example.com/", true},
		{"*.example.com/*", "http://api.example.com/x", true},
		{"*.example.com/*", "http://badexample.com/x", false},
		{"example.com:8080/*", "http://example.com:8080/x", true},
		{"example.com:8080/*", "http://example.com/x", false},
		{"https://example.com/api/*", "http://example.com/api/v1", true}, // the protocol part is ignored
		{"example.com/api/*", "http://example.com/web", false},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		if got := parseURLPattern(tt.pattern).match(u); got != tt.want {
			t.Errorf("pattern %q on %s = %v, want %v", tt.pattern, tt.url, got, tt.want)
		}
	}
}

func TestBadProxySettingIsAWarning(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{})
	req := &collections.Request{URL: urlOf(t, srv.URL+"/x"), Proxy: json.RawMessage(`{"host": 5}`)}
	res, err := c.Send(context.Background(), req, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "request proxy setting") {
		t.Errorf("warnings = %q", res.Warnings)
	}
}
