package httpclient

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

// protoServer starts a TLS server answering with the protocol of the request; h2 says
// whether it offers HTTP/2.
func protoServer(t *testing.T, h2 bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Seen-Proto", r.Proto)
		_, _ = io.WriteString(w, r.Proto)
	}))
	srv.EnableHTTP2 = h2
	srv.Config.ErrorLog = quietLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestProtocolVersion(t *testing.T) {
	t.Parallel()
	h2 := protoServer(t, true)
	h1 := protoServer(t, false)
	tests := []struct {
		name     string
		srv      *httptest.Server
		ppb      map[string]any
		insecure bool
		want     string
		wantErr  bool
	}{
		{name: "default is HTTP/1.1", srv: h2, insecure: true, want: "HTTP/1.1"},
		{name: "http1", srv: h2, ppb: map[string]any{"protocolVersion": "http1"}, insecure: true, want: "HTTP/1.1"},
		{name: "http2", srv: h2, ppb: map[string]any{"protocolVersion": "http2"}, insecure: true, want: "HTTP/2.0"},
		{name: "auto picks h2", srv: h2, ppb: map[string]any{"protocolVersion": "auto"}, insecure: true, want: "HTTP/2.0"},
		{name: "auto falls back to HTTP/1.1", srv: h1, ppb: map[string]any{"protocolVersion": "auto"}, insecure: true, want: "HTTP/1.1"},
		{name: "http2 with strictSSL false", srv: h2, ppb: map[string]any{"protocolVersion": "http2", "strictSSL": false}, want: "HTTP/2.0"},
		{name: "http2 still checks certificates", srv: h2, ppb: map[string]any{"protocolVersion": "http2"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, Options{Insecure: tt.insecure})
			req := &collections.Request{Method: "GET", URL: urlOf(t, tt.srv.URL+"/p"),
				Headers: []collections.Header{{Key: "X-Custom", Value: "1"}}}
			for i := 0; i < 2; i++ { // the second request reuses the connection
				res, err := c.Send(context.Background(), req, nil, tt.ppb)
				if tt.wantErr {
					if err == nil {
						t.Fatal("no error for an untrusted certificate")
					}
					return
				}
				if err != nil {
					t.Fatalf("Send: %v", err)
				}
				if got := string(res.Response.Body); got != tt.want || res.Response.Proto != tt.want {
					t.Errorf("server saw %s, response proto %s, want %s", got, res.Response.Proto, tt.want)
				}
				if tt.want == "HTTP/2.0" && !slices.Contains(headerKeys(res.Response.Headers), "x-seen-proto") {
					t.Errorf("HTTP/2 response headers = %+v, want lower-case names", res.Response.Headers)
				}
			}
		})
	}
}
