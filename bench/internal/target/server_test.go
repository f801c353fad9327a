package target

import (
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"
)

func startServer(t *testing.T) *Server {
	t.Helper()
	s, err := Start("test-key")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func get(t *testing.T, c *http.Client, url string, header map[string]string) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var r reply
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("body %s: %v", b, err)
	}
	return r
}

// The server counts requests and connections, numbers its answers, and starts over on Reset.
func TestServerCounts(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := &http.Client{Transport: &http.Transport{}}
	for i := 1; i <= 3; i++ {
		r := get(t, c, s.URL()+"/get?i=x", nil)
		if !r.OK || r.N != int64(i) || r.Args["i"] != "x" {
			t.Errorf("answer %d = %+v, want ok, n=%d, args.i=x", i, r, i)
		}
	}
	if s.Requests() != 3 || s.Conns() != 1 {
		t.Errorf("Requests, Conns = %d, %d; want 3, 1 (keep-alive)", s.Requests(), s.Conns())
	}
	s.Reset()
	if s.Requests() != 0 || s.Conns() != 0 {
		t.Fatalf("after Reset: %d requests, %d conns", s.Requests(), s.Conns())
	}
	if r := get(t, c, s.URL()+"/anything", nil); r.N != 1 {
		t.Errorf("first answer after Reset has n=%d, want 1", r.N)
	}
}

// The tag header is echoed and the signature checked against the key.
func TestServerEchoesTagAndChecksSig(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	good := hex.EncodeToString(Sign([]byte("test-key"), SignedPayload+"pmbench-7"))
	bad := hex.EncodeToString(Sign([]byte("other-key"), SignedPayload+"pmbench-7"))
	tests := []struct {
		name   string
		header map[string]string
		want   *bool
	}{
		{name: "no signature", header: map[string]string{TagHeader: "pmbench-7"}},
		{name: "good", header: map[string]string{TagHeader: "pmbench-7", SigHeader: good}, want: ptr(true)},
		{name: "wrong key", header: map[string]string{TagHeader: "pmbench-7", SigHeader: bad}, want: ptr(false)},
		{name: "not hex", header: map[string]string{TagHeader: "pmbench-7", SigHeader: "{{sig}}"}, want: ptr(false)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := get(t, http.DefaultClient, s.URL()+"/get", tt.header)
			if r.Tag != "pmbench-7" {
				t.Errorf("tag %q, want pmbench-7", r.Tag)
			}
			if (r.SigOK == nil) != (tt.want == nil) || (r.SigOK != nil && *r.SigOK != *tt.want) {
				t.Errorf("sigOk = %v, want %v", deref(r.SigOK), deref(tt.want))
			}
		})
	}
}

func TestServerDelay(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	start := time.Now()
	get(t, http.DefaultClient, s.URL()+"/get?delay=30", nil)
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("?delay=30 answered after %s, want at least 30ms", d)
	}
}

func TestDelayOf(t *testing.T) {
	t.Parallel()
	tests := map[string]time.Duration{"": 0, "x": 0, "-5": 0, "0": 0, "12": 12 * time.Millisecond, "999999": maxDelay}
	for in, want := range tests {
		if got := delayOf(in); got != want {
			t.Errorf("delayOf(%q) = %s, want %s", in, got, want)
		}
	}
}

func ptr(b bool) *bool { return &b }

func deref(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}
