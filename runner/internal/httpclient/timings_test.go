package httpclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// TestTimingPhases: the first request over a new connection has a TCP handshake (and a TLS
// one over HTTPS); the second reuses the connection and has neither. The phases never add
// up to more than the total.
func TestTimingPhases(t *testing.T) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("hello"))
	})
	for _, secure := range []bool{false, true} {
		var srv *httptest.Server
		if secure {
			srv = httptest.NewTLSServer(handler)
		} else {
			srv = httptest.NewServer(handler)
		}
		t.Cleanup(srv.Close)
		c := newClient(t, Options{Insecure: true})
		req := &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/x")}
		var phases []collections.Timings
		for range 2 {
			res, err := c.Send(context.Background(), req, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			phases = append(phases, res.Response.Timings)
		}
		first, second := phases[0], phases[1]
		if first.TCP <= 0 || first.TransferStart <= 0 || first.Total <= 0 || first.Secure != secure {
			t.Errorf("secure=%v first request: %+v", secure, first)
		}
		if secure != (first.TLS > 0) {
			t.Errorf("secure=%v: TLS handshake %v", secure, first.TLS)
		}
		if second.TCP != 0 || second.TLS != 0 || second.DNS != 0 {
			t.Errorf("secure=%v: the reused connection has handshakes: %+v", secure, second)
		}
		for _, tm := range phases {
			sum := tm.Prepare + tm.Wait + tm.DNS + tm.TCP + tm.TLS + tm.TransferStart + tm.Download + tm.Process
			if sum > tm.Total+time.Millisecond {
				t.Errorf("secure=%v: phases add up to %v, more than the total %v: %+v", secure, sum, tm.Total, tm)
			}
		}
	}
}
