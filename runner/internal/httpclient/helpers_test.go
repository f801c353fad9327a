package httpclient

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

// echoed is what echoHandler reports about a request it received.
type echoed struct {
	Method  string              `json:"method"`
	URI     string              `json:"uri"`
	Host    string              `json:"host"`
	Headers map[string][]string `json:"headers"`
	Body    string              `json:"body"`
}

// echoHandler answers with a JSON description of the request.
func echoHandler(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(echoed{Method: r.Method, URI: r.RequestURI, Host: r.Host,
		Headers: r.Header, Body: string(body)})
}

// newEchoServer starts a loopback server running echoHandler.
func newEchoServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(echoHandler))
	t.Cleanup(srv.Close)
	return srv
}

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

// newClient returns an Client closed at the end of the test.
func newClient(t *testing.T, opts Options) *Client {
	t.Helper()
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

// send sends req without auth and decodes the echo.
func sendEcho(t *testing.T, c *Client, req *collections.Request, auth *collections.Auth, ppb map[string]any) (*SendResult, echoed) {
	t.Helper()
	res, err := c.Send(context.Background(), req, auth, ppb)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	var e echoed
	if err := json.Unmarshal(res.Response.Body, &e); err != nil {
		t.Fatalf("echo body %q: %v", res.Response.Body, err)
	}
	return res, e
}

// headerKeys lists the header names in order.
func headerKeys(hs []collections.Header) []string {
	keys := make([]string, len(hs))
	for i, h := range hs {
		keys[i] = h.Key
	}
	return keys
}

// authOf builds an Auth from key/value pairs.
func authOf(typ string, kv ...any) *collections.Auth {
	a := &collections.Auth{Type: typ}
	for i := 0; i+1 < len(kv); i += 2 {
		a.Params = append(a.Params, collections.AuthParam{Key: kv[i].(string), Value: kv[i+1]})
	}
	return a
}

// quietLog discards a test server's log (TLS handshake failures are expected).
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }
