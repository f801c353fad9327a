package httpclient

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/runner/internal/auth"
)

// outgoing is a request ready to go on the wire: URL rendered, headers in
// postman-runtime's order (user headers, auth, body content type, system headers).
type outgoing struct {
	id      string
	method  string
	url     string
	parsed  *url.URL
	headers []collections.Header
	body    []byte
	hasBody bool
	proxy   *proxyConfig // the request's own proxy setting, nil for the environment's
	// typeUnreported leaves the Content-Type header out of the recorded request
	typeUnreported bool
}

// record returns the request in event form. The event takes the header list over: an
// outgoing is recorded once, when its exchange is over, and not used after that.
func (o *outgoing) record() *event.HTTPRequest {
	if o == nil {
		return nil
	}
	headers := o.headers
	if o.typeUnreported {
		headers = collections.RemoveHeaders(slices.Clone(headers), "Content-Type")
	}
	return &event.HTTPRequest{
		ID:      o.id,
		Method:  o.method,
		URL:     o.url,
		Headers: headers,
		Body:    o.body,
	}
}

// prepare builds the outgoing request: body, auth, URL and headers. The returned
// outgoing is non-nil even with an error, so the failed request can be reported.
func (c *Client) prepare(req *collections.Request, signer *auth.Signer, ppb map[string]any) (*outgoing, []string, error) {
	r := cloneRequest(req)
	out := &outgoing{id: NewUUID(), method: r.Method}
	if out.method == "" {
		out.method = http.MethodGet
	}
	r.Method = out.method
	if allEmpty(r.URL.Host) {
		if err := emptyHost(r, out, !truthy(ppb["disableUrlEncoding"])); err != nil {
			return out, nil, err
		}
	}
	body, err := c.buildBody(r, ppb)
	warnings := body.warnings
	if err != nil {
		out.url = r.URL.WireString(true)
		return out, warnings, err
	}
	out.body, out.hasBody = body.data, body.present
	if signer != nil {
		changed, warning := signer.Sign(r, out.body)
		if warning != "" {
			warnings = append(warnings, warning)
		}
		if changed { // the handler changed the body (OAuth 1.0 parameters)
			if body, err = c.buildBody(r, ppb); err != nil {
				return out, warnings, err
			}
			out.body, out.hasBody = body.data, body.present
		}
	}
	out.url = r.URL.WireString(!truthy(ppb["disableUrlEncoding"]))
	out.headers = enabledHeaders(r.Headers)
	if err := checkPort(r.URL.Port); err != nil {
		return out, warnings, err
	}
	parsed, perr := url.Parse(out.url)
	if perr != nil {
		parsed, perr = parseStrayPercent(out.url)
	}
	if perr != nil || parsed.Host == "" {
		return out, warnings, newRequestError("ENOTFOUND", "getaddrinfo ENOTFOUND "+rawHost(out.url), perr)
	}
	out.parsed = parsed
	if out.proxy, perr = parseProxyConfig(r.Proxy); perr != nil {
		warnings = append(warnings, perr.Error()+" (ignored)")
	}
	userType := collections.FindHeader(out.headers, "Content-Type") >= 0
	out.headers = withContentType(out.headers, body.contentType, ppb)
	// postman-request, not runtime, types form-data and urlencoded bodies: the type is sent
	// but is not among the headers Newman reports and test scripts see
	out.typeUnreported = !userType && body.libraryType
	out.headers = c.addSystemHeaders(out.headers, parsed, ppb)
	return out, warnings, nil
}

// parseStrayPercent parses a URL whose path holds a "%" that starts no escape ("/100%",
// "/%/"), which url.Parse rejects and Node sends as written: the path goes on the wire
// verbatim (as the URL's opaque part).
func parseStrayPercent(raw string) (*url.URL, error) {
	i := strings.Index(raw, "://")
	if i < 0 {
		return nil, errors.New("no scheme")
	}
	rest := raw[i+3:]
	pathStart := strings.IndexAny(rest, "/?#")
	if pathStart < 0 || rest[pathStart] != '/' {
		return nil, errors.New("no path")
	}
	u, err := url.Parse(raw[:i+3] + rest[:pathStart])
	if err != nil {
		return nil, err
	}
	path := rest[pathStart:]
	if j := strings.IndexByte(path, '#'); j >= 0 {
		path, u.Fragment = path[:j], path[j+1:]
	}
	path, u.RawQuery, u.ForceQuery = strings.Cut(path, "?")
	u.Opaque, u.Path = path, path
	return u, nil
}

// errEmptyURL is runtime's error for a request without a URL.
const errEmptyURL = "runtime:extensions~request: request url is empty"

// emptyHost handles a URL whose host is empty once variables are substituted ("{{host}}/x"
// with host empty), as Newman does: without a URL at all the request is not sent; without a
// protocol written, runtime's "http://" makes "http:///x", which the request library rejects
// as an invalid URI (Newman reports the URL as read back, "http://x"); with one written,
// WHATWG parsing skips the empty host and the first path segment becomes the host.
func emptyHost(r *collections.Request, out *outgoing, encode bool) error {
	if len(r.URL.Path) == 0 {
		return newRequestError("", errEmptyURL, nil)
	}
	if r.URL.Protocol == "" {
		text := r.URL.WireString(encode)
		out.url = "http://" + strings.TrimPrefix(text, "http:///")
		return newRequestError("", `Invalid URI "`+text+`"`, nil)
	}
	r.URL.Host, r.URL.Path = strings.Split(r.URL.Path[0], "."), r.URL.Path[1:]
	return nil
}

// checkPort rejects a port Node's socket layer would not connect to (":12345undefined",
// ":70000", ":-1") with Node's RangeError.
func checkPort(port string) error {
	if port == "" {
		return nil
	}
	n, err := strconv.ParseUint(port, 10, 32)
	if err == nil && n <= 65535 {
		return nil
	}
	e := newRequestError("ERR_SOCKET_BAD_PORT",
		"Port should be >= 0 and < 65536. Received type string ('"+port+"').", nil)
	e.name = "RangeError"
	return e
}

// withContentType adds the body's Content-Type when the request sets none (and
// disabledSystemHeaders does not disable it). A multipart type the user wrote without a
// boundary gets the body's boundary, or the server could not read the parts.
func withContentType(hs []collections.Header, ctype string, ppb map[string]any) []collections.Header {
	if ctype == "" {
		return hs
	}
	i := collections.FindHeader(hs, "Content-Type")
	if i >= 0 {
		v := strings.ToLower(hs[i].Value)
		if strings.HasPrefix(v, "multipart/") && !strings.Contains(v, "boundary=") {
			if _, b, ok := strings.Cut(ctype, "; boundary="); ok {
				hs[i].Value = strings.TrimRight(strings.TrimSpace(hs[i].Value), ";") + "; boundary=" + b
			}
		}
		return hs
	}
	disabled, _ := ppb["disabledSystemHeaders"].(map[string]any)
	if truthy(disabled["content-type"]) {
		return hs
	}
	return append(hs, collections.Header{Key: "Content-Type", Value: ctype, System: true})
}

// cloneRequest copies the parts of req that preparing a request changes.
func cloneRequest(req *collections.Request) *collections.Request {
	r := *req
	r.Headers = append([]collections.Header(nil), req.Headers...)
	r.URL.Query = append([]collections.QueryParam(nil), req.URL.Query...)
	if req.Body != nil {
		b := *req.Body
		b.URLEncoded = append([]collections.Param(nil), req.Body.URLEncoded...)
		r.Body = &b
	}
	return &r
}

// enabledHeaders drops disabled headers and headers without a name.
func enabledHeaders(hs []collections.Header) []collections.Header {
	out := make([]collections.Header, 0, len(hs)+8)
	for _, h := range hs {
		if h.Disabled || strings.TrimSpace(h.Key) == "" {
			continue
		}
		out = append(out, collections.Header{Key: h.Key, Value: h.Value, System: h.System})
	}
	return out
}

// systemHeaders are postman-runtime's default headers in the order it adds them, with
// the lower-case names disabledSystemHeaders uses. An empty value is computed per request.
var systemHeaders = [...]struct{ key, lower, value string }{
	{"User-Agent", "user-agent", ""},
	{"Accept", "accept", "*/*"},
	{"Cache-Control", "cache-control", "no-cache"},
	{"Postman-Token", "postman-token", ""},
	{"Host", "host", ""},
	{"Accept-Encoding", "accept-encoding", "gzip, deflate, br"},
	{"Connection", "connection", "keep-alive"},
}

// addSystemHeaders appends postman-runtime's default headers that the request does not
// set and protocolProfileBehavior.disabledSystemHeaders does not disable.
func (c *Client) addSystemHeaders(hs []collections.Header, u *url.URL, ppb map[string]any) []collections.Header {
	disabled, _ := ppb["disabledSystemHeaders"].(map[string]any)
	for _, d := range systemHeaders {
		if truthy(disabled[d.lower]) || collections.FindHeader(hs, d.key) >= 0 {
			continue
		}
		v := d.value
		switch d.key {
		case "User-Agent":
			v = c.opts.UserAgent
		case "Postman-Token":
			v = NewUUID()
		case "Host":
			v = collections.HostHeader(u)
		}
		hs = append(hs, collections.Header{Key: d.key, Value: v, System: true})
	}
	return hs
}

// allEmpty reports whether every string of list is empty (an empty list too).
func allEmpty(list []string) bool {
	for _, s := range list {
		if s != "" {
			return false
		}
	}
	return true
}

// rawHost extracts the host name from a URL Go could not parse, for the ENOTFOUND text.
func rawHost(raw string) string {
	s := raw
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "]") {
		s = s[:i]
	}
	return s
}

// NewUUID returns a random (version 4) UUID. The ids of requests and responses and the
// Postman-Token header only need to be unique, not secret: they come from math/rand/v2's
// generator (ChaCha8 per thread, seeded by the runtime from the operating system), which
// costs no system call and no lock per request.
func NewUUID() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(b[8:], rand.Uint64())
	return collections.FormatUUID(b)
}

// truthy reports whether a protocolProfileBehavior value is set to true.
func truthy(v any) bool {
	b, ok := v.(bool)
	return ok && b
}
