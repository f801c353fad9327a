package httpclient

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/andybalholm/brotli"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/internal/cookiejar"
)

// buildResponse converts a received response. raw is the body as received; it is
// decoded per Content-Encoding, up to limit bytes (< 0: no limit). withJar says whether
// cookies come from the jar (all cookies for the final URL, as postman-runtime reports) or
// only from Set-Cookie.
func (c *Client) buildResponse(resp *http.Response, block string, raw []byte, withJar bool,
	limit int64,
) (*collections.Response, error) {
	body, err := decodeBody(raw, resp.Header.Values("Content-Encoding"), limit)
	if err != nil {
		return nil, err
	}
	r := &collections.Response{
		ID:      NewUUID(),
		Code:    resp.StatusCode,
		Status:  reasonPhrase(resp),
		Proto:   resp.Proto,
		Headers: orderedHeaders(resp, block),
		Body:    body,
	}
	headerSize := len(block)
	if headerSize == 0 {
		headerSize = estimateHeaderSize(r)
	}
	r.Size = len(raw) + headerSize
	if withJar && resp.Request != nil {
		r.Cookies = c.jar.CookiesFor(resp.Request.URL)
	} else {
		for _, ck := range resp.Cookies() {
			r.Cookies = append(r.Cookies, cookiejar.FromHTTP(ck, resp.Request))
		}
	}
	return r, nil
}

// reasonPhrase is the status text as received ("OK"), or the standard one when the
// server sent none.
func reasonPhrase(resp *http.Response) string {
	s := strings.TrimSpace(strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode)))
	if s == "" {
		s = http.StatusText(resp.StatusCode)
	}
	return s
}

// orderedHeaders lists response headers in received order and case when the raw header
// block is known, else in sorted order of net/http's map (HTTP/2 names in lower case,
// as they are on the wire).
func orderedHeaders(resp *http.Response, block string) []collections.Header {
	if hs := parseHeaderBlock(block, resp.StatusCode); len(hs) > 0 {
		return hs
	}
	keys := make([]string, 0, len(resp.Header))
	for k := range resp.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var hs []collections.Header
	for _, k := range keys {
		name := k
		if resp.ProtoMajor == 2 {
			name = strings.ToLower(k)
		}
		for _, v := range resp.Header[k] {
			hs = append(hs, collections.Header{Key: name, Value: v})
		}
	}
	return hs
}

// parseHeaderBlock parses "HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\n"; nil when the
// block is missing or belongs to another status.
func parseHeaderBlock(block string, code int) []collections.Header {
	text := strings.TrimRight(block, "\r\n")
	status, rest, ok := strings.Cut(text, "\r\n")
	if !ok || secondField(status) != strconv.Itoa(code) {
		return nil
	}
	hs := make([]collections.Header, 0, strings.Count(rest, "\r\n")+1)
	for {
		line, next, more := strings.Cut(rest, "\r\n")
		if (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && len(hs) > 0 {
			hs[len(hs)-1].Value += " " + strings.TrimSpace(line)
		} else if k, v, ok := strings.Cut(line, ":"); ok {
			hs = append(hs, collections.Header{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
		}
		if !more {
			break
		}
		rest = next
	}
	if len(hs) == 0 {
		return nil
	}
	return hs
}

// secondField is strings.Fields(s)[1], or "" when s has fewer fields.
func secondField(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return ""
	}
	s = strings.TrimLeftFunc(s[i:], unicode.IsSpace)
	if j := strings.IndexFunc(s, unicode.IsSpace); j >= 0 {
		s = s[:j]
	}
	return s
}

// estimateHeaderSize sizes the header section as postman-collection does.
func estimateHeaderSize(r *collections.Response) int {
	n := len(r.Proto) + len(strconv.Itoa(r.Code)) + len(r.Status) + 4
	for _, h := range r.Headers {
		n += len(h.Key) + len(h.Value) + 4
	}
	return n + 2
}

// decodeBody undoes Content-Encoding (gzip, deflate, br, in reverse order of
// application). A body that does not decode is returned as received; one that decodes to
// more than limit bytes (>= 0) is a ResponseTooLargeError (a compression bomb).
func decodeBody(raw []byte, encodings []string, limit int64) ([]byte, error) {
	var codings []string
	for _, e := range encodings {
		for _, part := range strings.Split(e, ",") {
			if p := strings.ToLower(strings.TrimSpace(part)); p != "" && p != "identity" {
				codings = append(codings, p)
			}
		}
	}
	body := raw
	for i := len(codings) - 1; i >= 0; i-- {
		decoded, err := decodeOne(body, codings[i], limit)
		var tooLarge *ResponseTooLargeError
		if errors.As(err, &tooLarge) {
			return nil, err
		}
		if err != nil {
			return raw, nil
		}
		body = decoded
	}
	return body, nil
}

func decodeOne(data []byte, coding string, limit int64) ([]byte, error) {
	if len(data) == 0 {
		return data, nil
	}
	read := func(r io.Reader) ([]byte, error) {
		if limit >= 0 {
			r = newLimitedBody(r, limit)
		}
		return io.ReadAll(r)
	}
	switch coding {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return read(zr)
	case "deflate":
		if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			out, err := read(zr)
			var tooLarge *ResponseTooLargeError
			if err == nil || errors.As(err, &tooLarge) {
				return out, err
			}
		}
		return read(flate.NewReader(bytes.NewReader(data)))
	case "br":
		return read(brotli.NewReader(bytes.NewReader(data)))
	}
	return data, nil
}
