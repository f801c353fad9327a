package httpclient

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

// bombServer serves hostile bodies: /bomb a small gzip body that inflates to 64 MiB,
// /endless an unending chunked body, /sized?n=N exactly N bytes, /announced a
// Content-Length over any sane limit.
func bombServer(t *testing.T) *httptest.Server {
	t.Helper()
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 64 {
		_, _ = zw.Write(zeros)
	}
	_ = zw.Close()
	bomb := gz.Bytes()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(bomb)
		case "/endless":
			chunk := bytes.Repeat([]byte("x"), 32<<10)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/sized":
			n, _ := strconv.Atoi(r.URL.Query().Get("n"))
			_, _ = w.Write(bytes.Repeat([]byte("y"), n))
		case "/announced":
			w.Header().Set("Content-Length", strconv.Itoa(1<<40))
			_, _ = w.Write([]byte("short"))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestResponseSizeLimit: bodies past MaxResponseSize, raw or decoded, fail their request with
// a clear error instead of filling memory; a body of exactly the limit passes.
func TestResponseSizeLimit(t *testing.T) {
	t.Parallel()
	srv := bombServer(t)
	const limit = 1 << 20
	c := newClient(t, Options{MaxResponseSize: limit})
	tests := []struct {
		path    string
		wantErr bool
	}{
		{"/bomb", true},
		{"/endless", true},
		{"/announced", true},
		{"/sized?n=" + strconv.Itoa(limit+1), true},
		{"/sized?n=" + strconv.Itoa(limit), false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+tt.path)}
			_, resp, err := c.Do(context.Background(), req, nil, nil)
			if !tt.wantErr {
				if err != nil || resp == nil || len(resp.Body) != limit {
					t.Fatalf("body of exactly the limit: err %v", err)
				}
				return
			}
			var re *RequestError
			if !asRequestError(err, &re) {
				t.Fatalf("err = %T %v, want *RequestError", err, err)
			}
			if re.Code() != "ERESPONSETOOLARGE" || !strings.Contains(re.Error(), "1MB (--max-response-size)") {
				t.Errorf("got %s %q", re.Code(), re.Error())
			}
			if resp != nil {
				t.Errorf("a response was kept: %d bytes", len(resp.Body))
			}
		})
	}
}

// TestResponseSizeDefault: the zero options bound bodies at DefaultMaxResponseSize, and a
// negative limit means none.
func TestResponseSizeDefault(t *testing.T) {
	t.Parallel()
	if got := (Options{}).maxBody(); got != DefaultMaxResponseSize {
		t.Errorf("default limit %d", got)
	}
	if got := (Options{MaxResponseSize: -1}).maxBody(); got != -1 {
		t.Errorf("no limit: %d", got)
	}
	srv := bombServer(t)
	c := newClient(t, Options{MaxResponseSize: -1})
	_, resp, err := c.Do(context.Background(), &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/bomb")}, nil, nil)
	if err != nil || len(resp.Body) != 64<<20 {
		t.Errorf("without a limit the 64 MiB body decodes: %v", err)
	}
}
