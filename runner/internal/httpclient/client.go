package httpclient

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/pmrun/pmrun/runner/internal/cookiejar"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/runner/internal/auth"
)

// DefaultUserAgent is the User-Agent Newman 6.2 sends. pmrun sends the same by default so
// that servers which sniff it behave as they do under Newman.
const DefaultUserAgent = "PostmanRuntime/7.39.1"

// defaultMaxRedirects is postman-request's default redirect limit.
const defaultMaxRedirects = 10

// Options configure the HTTP client of one run (Newman's request flags).
type Options struct {
	// Timeout bounds one HTTP exchange, redirects and body included (--timeout-request;
	// 0 = none).
	Timeout time.Duration
	// Insecure turns TLS certificate verification off (-k, --insecure).
	Insecure bool
	// FollowRedirects follows 3xx responses, as Newman does unless --ignore-redirects is
	// given: set it to true for Newman's default (false returns 3xx responses as they are).
	// A request's protocolProfileBehavior.followRedirects overrides it.
	FollowRedirects bool
	// MaxRedirects limits the redirects followed (0 = 10, postman-request's default).
	// protocolProfileBehavior.maxRedirects overrides it.
	MaxRedirects int
	// CookieJar holds the run's cookies (--cookie-jar); nil means a new, empty jar.
	CookieJar *cookiejar.Jar
	// ClientCert and ClientKey are PEM files for TLS client authentication
	// (--ssl-client-cert, --ssl-client-key); ClientPassphrase decrypts an encrypted key.
	ClientCert, ClientKey, ClientPassphrase string
	// ClientCertList is Newman's JSON list of per-host client certificates
	// (--ssl-client-cert-list).
	ClientCertList string
	// ExtraCACerts is a PEM file of CA certificates trusted besides the system's
	// (--ssl-extra-ca-certs).
	ExtraCACerts string
	// WorkingDir resolves relative file paths of file and form-data bodies (--working-dir);
	// "" means the current directory.
	WorkingDir string
	// NoInsecureFileRead refuses body files outside WorkingDir (--no-insecure-file-read;
	// the zero value allows them, Newman's default). A refused file fails its request
	// with code PPERM.
	NoInsecureFileRead bool
	// UserAgent is the default User-Agent header ("" = DefaultUserAgent).
	UserAgent string
	// MaxResponseSize bounds a response body, both as received and after Content-Encoding
	// is undone (--max-response-size; 0 = DefaultMaxResponseSize, < 0 = no limit). A body
	// past it fails its request with a ResponseTooLargeError; the run goes on.
	MaxResponseSize int64
}

// DefaultMaxResponseSize is the body limit when Options.MaxResponseSize is 0.
const DefaultMaxResponseSize = 256 << 20

// maxBody is the effective body limit of o (-1: none).
func (o Options) maxBody() int64 {
	switch {
	case o.MaxResponseSize < 0:
		return -1
	case o.MaxResponseSize == 0:
		return DefaultMaxResponseSize
	}
	return o.MaxResponseSize
}

// Client sends collection requests the way postman-runtime does. One client serves a
// whole run: it keeps one keep-alive transport, so connections are reused. It is safe
// for concurrent use (pm.sendRequest runs beside the run loop).
type Client struct {
	opts      Options
	transport *http.Transport
	jar       *cookiejar.Jar
	certs     *clientCerts
	tlsConf   *tls.Config
	now       func() time.Time // signing clock (tests fix it)
	// envProxy is the proxy of the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), read
	// when the client is made; nil means none.
	envProxy func(*url.URL) (*url.URL, error)

	// extra holds the transports for requests whose protocolProfileBehavior asks for
	// other certificate checking (strictSSL) or another protocol (protocolVersion) than
	// the run's; made on first use, nil after Close.
	extraMu sync.Mutex
	extra   map[transportKey]*http.Transport
	closed  bool
}

// New builds the client of a run: TLS settings and client certificates are
// loaded here, so a bad file is reported before the first request.
func New(opts Options) (*Client, error) {
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = defaultMaxRedirects
	}
	jar := opts.CookieJar
	if jar == nil {
		jar = cookiejar.New()
	}
	c := &Client{opts: opts, jar: jar, now: time.Now, envProxy: envProxyFunc()}
	tlsConf, certs, err := buildTLS(opts)
	if err != nil {
		return nil, err
	}
	c.certs, c.tlsConf = certs, tlsConf
	c.transport = newTransport(tlsConf.Clone(), certs, protoHTTP1, c.proxyFor)
	return c, nil
}

// transportKey names a transport variant: certificate checking and HTTP protocol.
type transportKey struct {
	insecure bool
	proto    string // protoHTTP1, protoHTTP2 or protoAuto
}

// transportFor picks the transport honouring protocolProfileBehavior.strictSSL and
// protocolVersion.
func (c *Client) transportFor(ppb map[string]any) *http.Transport {
	key := transportKey{insecure: c.opts.Insecure, proto: protocolVersion(ppb)}
	if strict, ok := ppb["strictSSL"].(bool); ok {
		key.insecure = !strict
	}
	if key == (transportKey{insecure: c.opts.Insecure, proto: protoHTTP1}) {
		return c.transport
	}
	c.extraMu.Lock()
	defer c.extraMu.Unlock()
	if c.closed {
		return c.transport
	}
	t := c.extra[key]
	if t == nil {
		conf := c.tlsConf.Clone()
		conf.InsecureSkipVerify = key.insecure //nolint:gosec // the request or -k asked for it
		t = newTransport(conf, c.certs, key.proto, c.proxyFor)
		if c.extra == nil {
			c.extra = map[transportKey]*http.Transport{}
		}
		c.extra[key] = t
	}
	return t
}

// Jar returns the run's cookie jar (also the pm.cookies.jar() of scripts).
func (c *Client) Jar() *cookiejar.Jar { return c.jar }

// Close releases idle connections.
func (c *Client) Close() {
	c.transport.CloseIdleConnections()
	c.extraMu.Lock()
	defer c.extraMu.Unlock()
	c.closed = true // no other transport can be made after Close
	for _, t := range c.extra {
		t.CloseIdleConnections()
	}
}

// SendResult is everything one Send produced.
type SendResult struct {
	// Request is the request as sent (default, auth, cookie and content-length headers
	// included). With a digest retry it is the retried request.
	Request *event.HTTPRequest
	// Response is nil when the request failed.
	Response *collections.Response
	// Exchanges lists every HTTP exchange in order when auth needed more than one (a
	// digest challenge and its retry); the last one is Request/Response. Newman reports
	// each exchange as its own request event.
	Exchanges []Exchange
	// Warnings are postman-runtime's console warnings for this request ("runtime: could
	// not find a handler for auth: foo", file load errors...), to be shown as console
	// warn lines.
	Warnings []string
}

// Exchange is one HTTP request and its response (nil when Err is set).
type Exchange struct {
	Request  *event.HTTPRequest
	Response *collections.Response
	Err      error
}

// Do is Send returning the request as sent, the response, and a *RequestError when no
// response was received (the request is still returned then). Callers that show
// runtime's warnings use Send.
func (c *Client) Do(ctx context.Context, req *collections.Request, auth *collections.Auth, ppb map[string]any) (*event.HTTPRequest, *collections.Response, error) {
	res, err := c.Send(ctx, req, auth, ppb)
	return res.Request, res.Response, err
}

// CookiesFor returns the jar's cookies for req's URL (pm.cookies in scripts); nil for a
// nil request or one without a usable URL.
func (c *Client) CookiesFor(req *collections.Request) []collections.Cookie {
	if req == nil {
		return nil
	}
	u, err := url.Parse(req.URL.WireString(true))
	if err != nil || u.Host == "" {
		return nil
	}
	return c.jar.CookiesFor(u)
}

// Send is Do returning every exchange and the warnings. The SendResult is never nil. The
// error is a *RequestError for network failures, or an error naming a bad input.
func (c *Client) Send(ctx context.Context, req *collections.Request, reqAuth *collections.Auth, ppb map[string]any) (*SendResult, error) {
	res := &SendResult{}
	if req == nil {
		return res, newRequestError("", errEmptyURL, nil)
	}
	signer, warn := auth.New(reqAuth, c.now, ppb)
	if warn != "" {
		res.Warnings = append(res.Warnings, warn)
	}
	for attempt := 1; ; attempt++ {
		ex, resp, err := c.attempt(ctx, req, signer, ppb, res)
		res.Exchanges = append(res.Exchanges, Exchange{Request: ex, Response: resp, Err: err})
		res.Request, res.Response = ex, resp
		if err != nil || signer == nil || attempt == maxAuthExchanges || !signer.Retry(resp) {
			return res, err
		}
	}
}

// maxAuthExchanges bounds the exchanges of one Send: NTLM needs three (the request,
// negotiate, authenticate), digest two.
const maxAuthExchanges = 3

// attempt prepares and sends one exchange.
func (c *Client) attempt(ctx context.Context, req *collections.Request, signer *auth.Signer, ppb map[string]any, res *SendResult) (*event.HTTPRequest, *collections.Response, error) {
	out, warnings, err := c.prepare(req, signer, ppb)
	res.Warnings = append(res.Warnings, warnings...)
	if err != nil {
		return out.record(), nil, err
	}
	return c.exchange(ctx, out, ppb)
}

// AsSent returns a copy of req as postman-runtime leaves the request object after
// sending it, which is what test scripts see as pm.request: the headers as sent (the
// user's, auth, Content-Type, runtime defaults, Cookie, Content-Length) and the URL as
// sent (path variables and auth query parameters applied). The request's disabled headers
// stay in the list where they were written (with disabled: true), as in Newman; they are
// never sent. A nil sent returns req.
func AsSent(req *collections.Request, sent *event.HTTPRequest) *collections.Request {
	if req == nil || sent == nil {
		return req
	}
	r := *req
	r.Headers = withDisabled(req.Headers, sent.Headers)
	if sent.URL != "" {
		u := collections.ParseURL(sent.URL)
		u.Hash = req.URL.Hash
		r.URL = u
	}
	return &r
}

// withDisabled returns the headers as sent with the request's disabled headers put back in
// their places among the user's headers, which lead the sent list in the request's order
// (enabledHeaders). A user header the auth handler replaced or removed is skipped; the
// headers added after the user's (auth, Content-Type, runtime defaults) follow.
func withDisabled(user, sent []collections.Header) []collections.Header {
	out := make([]collections.Header, 0, len(user)+len(sent))
	j := 0
	for _, h := range user {
		switch {
		case h.Disabled:
			out = append(out, h)
		case strings.TrimSpace(h.Key) == "":
		case j < len(sent) && strings.EqualFold(sent[j].Key, h.Key):
			out = append(out, sent[j])
			j++
		}
	}
	return append(out, sent[j:]...)
}
