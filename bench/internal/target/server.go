package target

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Header names the generated collections send and the server echoes back.
const (
	// TagHeader carries a value a pre-request script built; the server echoes it as "tag".
	TagHeader = "X-Bench-Tag"
	// SigHeader carries hex HMAC-SHA256(SignedPayload + tag, key); the server answers "sigOk".
	SigHeader = "X-Bench-Sig"
)

// maxDelay bounds the simulated latency a request may ask for with ?delay=<ms>.
const maxDelay = 10 * time.Second

// Server is a loopback HTTP server that counts the requests and connections it sees.
// The counters start at zero and go back to zero on Reset, once per measured run.
type Server struct {
	key      []byte
	listener net.Listener
	http     *http.Server
	requests atomic.Int64
	conns    atomic.Int64
}

// Start listens on 127.0.0.1 at a free port and serves until Close. key is the HMAC key
// used to check SigHeader.
func Start(key string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen on loopback: %w", err)
	}
	s := &Server{key: []byte(key), listener: ln}
	s.http = &http.Server{
		Handler:           http.HandlerFunc(s.serve),
		ReadHeaderTimeout: 10 * time.Second,
		ConnState: func(_ net.Conn, st http.ConnState) {
			if st == http.StateNew {
				s.conns.Add(1)
			}
		},
	}
	go func() { _ = s.http.Serve(ln) }()
	return s, nil
}

// URL is the server's base URL, http://127.0.0.1:<port>, without a trailing slash.
func (s *Server) URL() string { return "http://" + s.listener.Addr().String() }

// Requests is how many requests the server answered since the last Reset.
func (s *Server) Requests() int64 { return s.requests.Load() }

// Conns is how many connections were opened to the server since the last Reset.
func (s *Server) Conns() int64 { return s.conns.Load() }

// Reset sets both counters back to zero.
func (s *Server) Reset() {
	s.requests.Store(0)
	s.conns.Store(0)
}

// Close stops the server and closes its connections.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.http.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("close target server: %w", err)
	}
	return nil
}

// reply is the JSON body of every answer.
type reply struct {
	OK    bool              `json:"ok"`
	N     int64             `json:"n"`
	Args  map[string]string `json:"args"`
	Tag   string            `json:"tag,omitempty"`
	SigOK *bool             `json:"sigOk,omitempty"`
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	n := s.requests.Add(1)
	q := r.URL.Query()
	if d := delayOf(q.Get("delay")); d > 0 {
		time.Sleep(d)
	}
	out := reply{OK: true, N: n, Args: make(map[string]string, len(q)), Tag: r.Header.Get(TagHeader)}
	for k, v := range q {
		out.Args[k] = v[0]
	}
	if sig := r.Header.Get(SigHeader); sig != "" {
		ok := s.checkSig(out.Tag, sig)
		out.SigOK = &ok
	}
	body, _ := json.Marshal(out)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// checkSig reports whether sig is the hex HMAC-SHA256 of SignedPayload + tag under the
// server's key.
func (s *Server) checkSig(tag, sig string) bool {
	got, err := hex.DecodeString(sig)
	if err != nil {
		return false
	}
	return hmac.Equal(got, Sign(s.key, SignedPayload+tag))
}

// SignedPayload is the JSON body the heavy pre-request script builds with lodash before
// it signs body + tag (issue 14's signing script): JSON.stringify of
// lodash.sortBy(lodash.map(lodash.range(20), i => ({i, sq: i*i, tag: padStart(i, 4, '0')})), 'tag').
var SignedPayload = func() string {
	var b strings.Builder
	b.WriteByte('[')
	for i := range 20 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"i":%d,"sq":%d,"tag":"%04d"}`, i, i*i, i)
	}
	b.WriteByte(']')
	return b.String()
}()

// Sign is HMAC-SHA256(msg) under key, the signature heavy collections compute with crypto-js.
func Sign(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// delayOf parses a ?delay= value in milliseconds; bad or negative values mean no delay.
func delayOf(v string) time.Duration {
	if v == "" {
		return 0
	}
	ms, err := strconv.Atoi(v)
	if err != nil || ms <= 0 {
		return 0
	}
	return min(time.Duration(ms)*time.Millisecond, maxDelay)
}
