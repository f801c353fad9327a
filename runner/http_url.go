package runner

import (
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// requestURL renders a request URL the way postman-runtime sends it: path variables
// (":name" segments) replaced by their values, disabled query parameters dropped, the hash
// left out, "http://" added when no scheme is written, the host lower-cased, and the
// characters that WHATWG URL parsing would escape percent-encoded. Existing %XX escapes
// are kept as written.
func requestURL(u collections.URL) string { return renderURL(u, true) }

// renderURL is requestURL with percent-encoding optional (protocolProfileBehavior
// disableUrlEncoding turns it off; characters net/http cannot send are still escaped).
func renderURL(u collections.URL, encode bool) string {
	pathSet, querySet := pathEscapes, queryEscapes
	if !encode {
		pathSet, querySet = " #?", " #"
	}
	var b strings.Builder
	proto := strings.ToLower(u.Protocol)
	if proto == "" {
		proto = "http"
	}
	b.WriteString(proto)
	b.WriteString("://")
	if u.Auth != "" {
		b.WriteString(u.Auth)
		b.WriteByte('@')
	}
	b.WriteString(strings.ToLower(strings.Join(u.Host, ".")))
	if u.Port != "" {
		b.WriteByte(':')
		b.WriteString(u.Port)
	}
	b.WriteString(renderPath(u, pathSet))
	if q := renderQuery(u.Query, querySet); q != "" || hasEnabledQuery(u.Query) {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String()
}

// renderPath joins the path segments, substituting path variables.
func renderPath(u collections.URL, escapes string) string {
	if len(u.Path) == 0 {
		return "/"
	}
	var b strings.Builder
	for _, seg := range u.Path {
		b.WriteByte('/')
		if strings.HasPrefix(seg, ":") && len(seg) > 1 {
			if v, ok := pathVariable(u.Variables, seg[1:]); ok {
				seg = v
			}
		}
		b.WriteString(escapeURLPart(seg, escapes))
	}
	return b.String()
}

// pathVariable finds the value of the path variable named key ("" values keep the segment).
func pathVariable(vars []collections.Variable, key string) (string, bool) {
	for i := len(vars) - 1; i >= 0; i-- {
		v := vars[i]
		if v.Key != key || v.Disabled {
			continue
		}
		s := stringValue(v.Value)
		if s == "" {
			return "", false
		}
		return s, true
	}
	return "", false
}

func hasEnabledQuery(q []collections.QueryParam) bool {
	for _, p := range q {
		if !p.Disabled {
			return true
		}
	}
	return false
}

// renderQuery joins the enabled query parameters.
func renderQuery(q []collections.QueryParam, escapes string) string {
	var parts []string
	for _, p := range q {
		if p.Disabled {
			continue
		}
		s := escapeURLPart(p.Key, escapes)
		if !p.NoValue {
			s += "=" + escapeURLPart(p.Value, escapes)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "&")
}

const (
	// pathEscapes are the characters WHATWG's path percent-encode set adds to C0 controls.
	pathEscapes = " \"#<>?`{}"
	// queryEscapes are the special-scheme query percent-encode set's additions.
	queryEscapes = " \"#<>'"
)

// escapeURLPart percent-encodes controls, non-ASCII bytes and the given characters.
func escapeURLPart(s, extra string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c >= 0x7f || strings.IndexByte(extra, c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// withScheme adds "http://" to a raw URL string that has no scheme (pm.sendRequest("host/x")).
func withScheme(raw string) string {
	if i := strings.Index(raw, "://"); i > 0 && !strings.ContainsAny(raw[:i], "/?#") {
		return raw
	}
	return "http://" + raw
}
