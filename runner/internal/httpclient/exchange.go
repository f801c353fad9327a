package httpclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// exchange sends a prepared request: one HTTP exchange plus the redirects it follows.
func (c *Client) exchange(ctx context.Context, out *outgoing, ppb map[string]any) (*event.HTTPRequest, *collections.Response, error) {
	if c.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.opts.Timeout)
		defer cancel()
	}
	tr := &exchangeTrace{start: time.Now()}
	ctx = httptrace.WithClientTrace(withProxyConfig(ctx, out.proxy), tr.clientTrace())
	hreq, err := c.newHTTPRequest(ctx, out)
	if err != nil {
		return out.record(), nil, newRequestError("", err.Error(), err)
	}
	rec := &hopRecorder{base: c.transportFor(ppb)}
	client := c.httpClient(rec, ppb)
	resp, err := client.Do(hreq)
	if err != nil {
		return out.sent(rec.firstHop()), nil, classifyError(err, out.parsed.Hostname(), tr.isConnected())
	}
	defer func() { _ = resp.Body.Close() }()
	block := tr.headerBlock()
	limit := c.opts.maxBody()
	raw, err := readBody(resp.Body, resp.ContentLength, limit)
	if err != nil {
		return out.sent(rec.firstHop()), nil, classifyError(err, out.parsed.Hostname(), true)
	}
	end := time.Now()
	response, err := c.buildResponse(resp, block, raw, !truthy(ppb["disableCookies"]), limit)
	if err != nil {
		return out.sent(rec.firstHop()), nil, classifyError(err, out.parsed.Hostname(), true)
	}
	response.ResponseTime = end.Sub(tr.start)
	response.Timings = tr.timings(end, time.Now())
	response.Timings.Secure = resp.TLS != nil || (resp.Request != nil && resp.Request.URL.Scheme == "https")
	return out.sent(rec.firstHop()), response, nil
}

// readBody is io.ReadAll starting with a buffer of the announced length (n < 0: unknown)
// when that is small, so that a small body does not cost ReadAll's 512-byte start. A
// large announced length is not trusted with an allocation (a HEAD response has none of
// the body it announces). A body longer than limit (>= 0) is a ResponseTooLargeError.
func readBody(r io.Reader, n, limit int64) ([]byte, error) {
	if limit >= 0 {
		if n > limit {
			return nil, &ResponseTooLargeError{Limit: limit}
		}
		r = newLimitedBody(r, limit)
	}
	if n < 0 || n > 64<<10 {
		return io.ReadAll(r)
	}
	b := make([]byte, 0, n+1) // +1: the read that sees EOF needs no growth
	for {
		m, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // a longer body than announced: grow as ReadAll does
		}
	}
}

// ResponseTooLargeError is a response body (as received or decoded) longer than
// Options.MaxResponseSize.
type ResponseTooLargeError struct{ Limit int64 }

func (e *ResponseTooLargeError) Error() string {
	return "maximum response size reached: the body is larger than " + FormatSize(e.Limit) +
		" (--max-response-size)"
}

// FormatSize writes n bytes as the largest whole unit: 256MB, 1GB, 512KB, 100B.
func FormatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}

// limitedBody reads at most left bytes and fails with ResponseTooLargeError on the byte
// after (io.LimitReader would end quietly, keeping a truncated body).
type limitedBody struct {
	r           io.Reader
	left, limit int64
}

func newLimitedBody(r io.Reader, limit int64) *limitedBody {
	return &limitedBody{r: r, left: limit, limit: limit}
}

func (l *limitedBody) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One more byte tells a body of exactly the limit from a longer one.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			return 0, &ResponseTooLargeError{Limit: l.limit}
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// newHTTPRequest converts the outgoing request to net/http form.
func (c *Client) newHTTPRequest(ctx context.Context, out *outgoing) (*http.Request, error) {
	var body io.Reader
	if out.hasBody {
		body = bytes.NewReader(out.body)
	}
	// prepare parsed out.url already: the request gets a copy of that URL instead of
	// parsing the text again (NewRequestWithContext would parse "" here).
	hreq, err := http.NewRequestWithContext(ctx, out.method, "", body)
	if err != nil {
		return nil, err
	}
	u := *out.parsed
	u.Host = removeEmptyPort(u.Host) // as NewRequestWithContext does
	hreq.URL, hreq.Host = &u, u.Host
	if hreq.ContentLength == 0 && sendsZeroLength(out.method) {
		// Node sends "Content-Length: 0" where net/http only does for POST, PUT and PATCH;
		// an identity transfer encoding on an explicit empty body makes net/http write it
		// for any method.
		hreq.Body, hreq.TransferEncoding = http.NoBody, []string{"identity"}
		hreq.GetBody = func() (io.ReadCloser, error) { return http.NoBody, nil }
	}
	// Header.Add with one backing array for the values: a name seen once (the usual
	// case) gets a one-element slice of it, with no room to grow into its neighbour's.
	values := make([]string, len(out.headers))
	for i, h := range out.headers {
		if strings.EqualFold(h.Key, "Host") {
			hreq.Host = h.Value
			continue
		}
		key := textproto.CanonicalMIMEHeaderKey(h.Key)
		if prev, ok := hreq.Header[key]; ok {
			hreq.Header[key] = append(prev, h.Value)
			continue
		}
		values[i] = h.Value
		hreq.Header[key] = values[i : i+1 : i+1]
	}
	if collections.FindHeader(out.headers, "User-Agent") < 0 {
		hreq.Header["User-Agent"] = []string{""} // net/http then sends none
	}
	return hreq, nil
}

// removeEmptyPort drops the ":" of a host that ends with an empty port, as net/http
// normalises a request's host.
func removeEmptyPort(host string) string {
	if strings.LastIndex(host, ":") > strings.LastIndex(host, "]") {
		return strings.TrimSuffix(host, ":")
	}
	return host
}

// httpClient returns a client for one exchange, sharing the run's transport, with the
// redirect and cookie policy of the request's protocolProfileBehavior.
func (c *Client) httpClient(rt http.RoundTripper, ppb map[string]any) *http.Client {
	follow := c.opts.FollowRedirects
	if v, ok := ppb["followRedirects"].(bool); ok {
		follow = v
	}
	maxRedirects := c.opts.MaxRedirects
	if v, ok := ppbInt(ppb["maxRedirects"]); ok {
		maxRedirects = v
	}
	client := &http.Client{
		Transport: rt,
		CheckRedirect: func(r *http.Request, via []*http.Request) error {
			if !follow {
				return http.ErrUseLastResponse
			}
			if len(via) > maxRedirects {
				return errTooManyRedirects(r.URL.String())
			}
			if truthy(ppb[SameOriginRedirects]) && !SameOrigin(r.URL, via[0].URL) {
				// A request carrying vault secrets: return the redirect response instead.
				return http.ErrUseLastResponse
			}
			adjustRedirect(r, via, ppb)
			return nil
		},
	}
	if !truthy(ppb["disableCookies"]) {
		client.Jar = c.jar
	}
	return client
}

// adjustRedirect applies the redirect behaviours of postman-request that net/http does
// not have: followOriginalHttpMethod (keep the method, without the body, on 301-303),
// followAuthorizationHeader (keep Authorization across hosts) and
// removeRefererHeaderOnRedirect. A redirect without body carries no Content-Type.
func adjustRedirect(r *http.Request, via []*http.Request, ppb map[string]any) {
	prev, first := via[len(via)-1], via[0]
	if truthy(ppb["followOriginalHttpMethod"]) && r.Method != prev.Method && r.Body == nil {
		r.Method = prev.Method
	}
	if truthy(ppb["followAuthorizationHeader"]) && r.Header.Get("Authorization") == "" {
		if v := first.Header.Get("Authorization"); v != "" {
			r.Header.Set("Authorization", v)
		}
	}
	if truthy(ppb["removeRefererHeaderOnRedirect"]) && first.Header.Get("Referer") == "" {
		r.Header.Del("Referer")
	}
	if r.Body == nil || r.ContentLength == 0 {
		r.Header.Del("Content-Type")
	}
}

// ppbInt reads a numeric protocolProfileBehavior value.
func ppbInt(v any) (int, bool) {
	switch n := v.(type) {
	case float64:
		return int(n), true
	case int:
		return n, true
	case int64:
		return int(n), true
	case string:
		i, err := strconv.Atoi(n)
		return i, err == nil
	}
	return 0, false
}

// sent returns the request as it went out: the prepared headers plus the Cookie and
// Content-Length headers net/http added (postman-runtime reports those two as well).
func (o *outgoing) sent(first *http.Request) *event.HTTPRequest {
	r := o.record()
	if first == nil {
		return r
	}
	// postman-runtime lists Content-Length, then the jar's Cookie, both as system headers.
	if first.ContentLength > 0 || (first.ContentLength == 0 && sendsZeroLength(o.method)) {
		r.Headers = collections.UpsertSystemHeader(r.Headers, "Content-Length", strconv.FormatInt(first.ContentLength, 10))
	}
	if v := first.Header.Values("Cookie"); len(v) > 0 && collections.FindHeader(r.Headers, "Cookie") < 0 {
		r.Headers = append(r.Headers, collections.Header{Key: "Cookie", Value: strings.Join(v, "; "), System: true})
	}
	return r
}

// sendsZeroLength reports whether Node's HTTP client sends "Content-Length: 0" for a
// request of this method without a body (a disabled or pruned body included): every method
// but those it does not expect a body for. Custom methods (PURGE, MKCOL...) do.
func sendsZeroLength(method string) bool {
	switch strings.ToUpper(method) {
	case "GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT":
		return false
	}
	return true
}

// hopRecorder remembers the first request that reached the transport (after the cookie
// jar added its Cookie header).
type hopRecorder struct {
	base  http.RoundTripper
	mu    sync.Mutex
	first *http.Request
}

func (h *hopRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	if h.first == nil {
		h.first = r
	}
	h.mu.Unlock()
	return h.base.RoundTrip(r)
}

// firstHop returns the first request sent, nil when none was.
func (h *hopRecorder) firstHop() *http.Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.first
}

// exchangeTrace collects the timings of one exchange and the connection it used.
type exchangeTrace struct {
	mu        sync.Mutex
	start     time.Time
	getConn   time.Time
	dnsStart  time.Time
	dnsDone   time.Time
	connStart time.Time
	connDone  time.Time
	tlsStart  time.Time
	tlsDone   time.Time
	gotConn   time.Time
	wrote     time.Time
	firstByte time.Time
	conn      net.Conn
	connected bool
}

func (t *exchangeTrace) clientTrace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GetConn:      func(string) { t.setFirst(&t.getConn) },
		DNSStart:     func(httptrace.DNSStartInfo) { t.setTime(&t.dnsStart) },
		DNSDone:      func(httptrace.DNSDoneInfo) { t.setTime(&t.dnsDone) },
		ConnectStart: func(_, _ string) { t.setTime(&t.connStart) },
		ConnectDone: func(_, _ string, err error) {
			now := time.Now()
			t.mu.Lock()
			t.connDone = now
			t.connected = t.connected || err == nil
			t.mu.Unlock()
		},
		TLSHandshakeStart: func() { t.setTime(&t.tlsStart) },
		TLSHandshakeDone:  func(tls.ConnectionState, error) { t.setTime(&t.tlsDone) },
		GotConn: func(info httptrace.GotConnInfo) {
			now := time.Now()
			t.mu.Lock()
			t.conn, t.connected, t.gotConn = info.Conn, true, now
			t.mu.Unlock()
		},
		WroteRequest:         func(httptrace.WroteRequestInfo) { t.setTime(&t.wrote) },
		GotFirstResponseByte: func() { t.setTime(&t.firstByte) },
	}
}

// setTime sets one of the trace's times to now.
func (t *exchangeTrace) setTime(at *time.Time) {
	now := time.Now()
	t.mu.Lock()
	*at = now
	t.mu.Unlock()
}

// setFirst sets one of the trace's times to now unless it is set (a redirect asks for a
// connection again; the prepare phase ends at the first).
func (t *exchangeTrace) setFirst(at *time.Time) {
	now := time.Now()
	t.mu.Lock()
	if at.IsZero() {
		*at = now
	}
	t.mu.Unlock()
}

func (t *exchangeTrace) isConnected() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.connected
}

// headerBlock returns the raw header block of the response just received, if the
// connection recorded it ("" otherwise).
func (t *exchangeTrace) headerBlock() string {
	t.mu.Lock()
	conn := t.conn
	t.mu.Unlock()
	if tc, ok := conn.(*tapConn); ok {
		return tc.headerBlock()
	}
	return ""
}

// timings returns the phases Newman reports (--verbose, JSON run.timings): end is when the
// body was read, done when the response was built. With redirects, the handshake phases
// are those of the last connection made.
func (t *exchangeTrace) timings(end, done time.Time) collections.Timings {
	t.mu.Lock()
	defer t.mu.Unlock()
	var tm collections.Timings
	span := func(from, to time.Time) time.Duration {
		if from.IsZero() || to.IsZero() || to.Before(from) {
			return 0
		}
		return to.Sub(from)
	}
	tm.DNS = span(t.dnsStart, t.dnsDone)
	if !t.firstByte.IsZero() {
		from := t.wrote
		if from.IsZero() || from.After(t.firstByte) {
			from = t.start
		}
		tm.FirstByte = t.firstByte.Sub(from)
	}
	tm.Prepare = span(t.start, t.getConn)
	waitEnd := t.gotConn
	for _, at := range []time.Time{t.connStart, t.dnsStart} {
		if !at.IsZero() && at.After(t.getConn) && (waitEnd.IsZero() || at.Before(waitEnd)) {
			waitEnd = at
		}
	}
	tm.Wait = span(t.getConn, waitEnd)
	tm.TCP = span(t.connStart, t.connDone)
	tm.TLS = span(t.tlsStart, t.tlsDone)
	tm.TransferStart = span(t.gotConn, t.firstByte)
	tm.Download = span(t.firstByte, end)
	tm.Process = span(end, done)
	tm.Total = done.Sub(t.start)
	return tm
}

// SameOrigin reports whether two URLs share scheme, host and port.
func SameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) &&
		portOf(a) == portOf(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

// SameOriginRedirects is the protocolProfileBehavior key (ours, not Postman's) that stops
// redirects to another scheme, host or port: set for requests that carry vault secrets,
// which must not follow a redirect to a host their allowed domains were not checked against.
const SameOriginRedirects = "pmrun:SameOriginRedirects"
