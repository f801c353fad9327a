package echo

import (
	"net/http"
	"strings"
)

// parseForm decodes a query string or an urlencoded body leniently, as node's qs does: '+'
// is a space, malformed escapes are kept verbatim, a key without '=' gets "", empty keys are
// dropped and bracket keys are not expanded.
func parseForm(raw string) object {
	out := object{}
	for _, pair := range splitPairs(raw) {
		out = out.with(pair[0], pair[1])
	}
	return out
}

// splitPairs splits raw on '&' into decoded key/value pairs, dropping empty keys.
func splitPairs(raw string) [][2]string {
	var pairs [][2]string
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		key, value, _ := strings.Cut(part, "=")
		key = unescape(key)
		if key == "" {
			continue
		}
		pairs = append(pairs, [2]string{key, unescape(value)})
	}
	return pairs
}

// unescape decodes '+' and valid %XX escapes, leaving anything else as it is.
func unescape(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, hexVal(s[i+1])<<4|hexVal(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func hexVal(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// rawQuery returns the query string exactly as it came on the request line.
func rawQuery(r *http.Request) string {
	_, q, _ := strings.Cut(r.RequestURI, "?")
	return q
}

// args returns the request's query parameters in order.
func args(r *http.Request) object { return parseForm(rawQuery(r)) }
