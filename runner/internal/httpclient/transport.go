package httpclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"time"
)

// HTTP protocol choices of protocolProfileBehavior.protocolVersion.
const (
	protoHTTP1 = "http1" // HTTP/1.1 only (the default, as Newman)
	protoHTTP2 = "http2" // HTTP/2 over TLS (ALPN offers only h2)
	protoAuto  = "auto"  // ALPN picks h2 or HTTP/1.1
)

// protocolVersion reads protocolProfileBehavior.protocolVersion (http1 when absent or
// unknown).
func protocolVersion(ppb map[string]any) string {
	switch v, _ := ppb["protocolVersion"].(string); strings.ToLower(v) {
	case protoHTTP2:
		return protoHTTP2
	case protoAuto:
		return protoAuto
	}
	return protoHTTP1
}

// newTransport returns a keep-alive transport: HTTP/1.1 only unless proto asks for
// HTTP/2 (over TLS, negotiated with ALPN; plain http stays HTTP/1.1), proxies from the
// request's proxy setting or the environment, no transparent decompression (the runner
// decodes bodies itself so that Content-Encoding stays visible), and HTTP/1 connections
// that remember the raw response header block so response headers keep their received
// order.
func newTransport(conf *tls.Config, certs *clientCerts, proto string, proxy func(*http.Request) (*url.URL, error)) *http.Transport {
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	t := &http.Transport{
		Proxy:                 proxy,
		TLSClientConfig:       conf,
		DisableCompression:    true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   0,
		ExpectContinueTimeout: time.Second,
	}
	switch proto {
	case protoHTTP2:
		conf.NextProtos = []string{"h2"}
	case protoAuto:
		conf.NextProtos = []string{"h2", "http/1.1"}
	default:
		conf.NextProtos = []string{"http/1.1"}
		t.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{} // no HTTP/2
	}
	if proto != protoHTTP1 {
		p := &http.Protocols{}
		p.SetHTTP1(true)
		p.SetHTTP2(true)
		t.Protocols = p
	}
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := dialer.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &tapConn{Conn: conn}, nil
	}
	t.DialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		raw, err := dialer.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		host, port, _ := net.SplitHostPort(addr)
		c := conf.Clone()
		c.ServerName = host // an IP is checked against IP SANs and sent without SNI
		if cert := certs.forHost(host, port); cert != nil {
			c.Certificates = []tls.Certificate{*cert}
		}
		tc := tls.Client(raw, c)
		// net/http reports the handshakes it makes itself; this one is ours to report.
		trace := httptrace.ContextClientTrace(ctx)
		if trace != nil && trace.TLSHandshakeStart != nil {
			trace.TLSHandshakeStart()
		}
		err = tc.HandshakeContext(ctx)
		if trace != nil && trace.TLSHandshakeDone != nil {
			trace.TLSHandshakeDone(tc.ConnectionState(), err)
		}
		if err != nil {
			_ = raw.Close()
			return nil, err
		}
		if tc.ConnectionState().NegotiatedProtocol == "h2" {
			return tc, nil // net/http needs the *tls.Conn to switch to HTTP/2
		}
		return &tapConn{Conn: tc}, nil
	}
	if certs != nil && certs.fallback != nil {
		conf.Certificates = []tls.Certificate{*certs.fallback}
	}
	return t
}

// maxHeaderTap bounds the bytes a tapConn keeps per response.
const maxHeaderTap = 64 << 10

// tapConn keeps a copy of the response header block of the exchange in progress.
// A write after a completed response starts a new exchange.
type tapConn struct {
	net.Conn
	mu       sync.Mutex
	buf      []byte
	block    string // the last complete final (non-1xx) header block
	complete bool
}

func (c *tapConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	if c.complete {
		// The block handed out stays valid (it is a copy); the buffer is reused.
		c.buf, c.block, c.complete = c.buf[:0], "", false
	}
	c.mu.Unlock()
	return c.Conn.Write(p)
}

func (c *tapConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		c.capture(p[:n])
		c.mu.Unlock()
	}
	return n, err
}

// capture appends bytes until a final response's header block is complete.
func (c *tapConn) capture(p []byte) {
	for !c.complete && len(p) > 0 {
		if len(c.buf)+len(p) > maxHeaderTap {
			c.complete = true
			return
		}
		c.buf = append(c.buf, p...)
		end := bytes.Index(c.buf, []byte("\r\n\r\n"))
		if end < 0 {
			return
		}
		block := c.buf[:end+4]
		rest := c.buf[end+4:]
		p = nil
		if bytes.HasPrefix(block, []byte("HTTP/1.1 1")) || bytes.HasPrefix(block, []byte("HTTP/1.0 1")) {
			p = append([]byte(nil), rest...)
			c.buf = c.buf[:0]
			continue
		}
		c.block = string(block)
		c.complete = true
	}
}

// headerBlock returns the captured header block ("" when unknown).
func (c *tapConn) headerBlock() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.block
}
