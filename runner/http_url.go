package runner

import (
	"strings"
	"unicode/utf8"

	"github.com/pmrun/pmrun/collections"
)

// requestURL renders a request URL the way postman-runtime sends it: path variables
// (":name" segments) replaced by their values, disabled query parameters dropped, the hash
// kept (Newman reports it; net/http does not send it), "http://" added when no scheme is written, the host lower-cased, and the
// characters that WHATWG URL parsing would escape percent-encoded. Existing %XX escapes
// are kept as written.
func requestURL(u collections.URL) string { return renderURL(u, true) }

// renderURL is requestURL with percent-encoding optional (protocolProfileBehavior
// disableUrlEncoding turns it off; characters net/http cannot send are still escaped).
func renderURL(u collections.URL, encode bool) string {
	ps, qs, hs, as := pathSet, querySet, fragmentSet, userinfoSet
	if !encode {
		ps, qs, hs, as = rawPathSet, rawQuerySet, rawHashSet, rawAuthSet
	}
	var b strings.Builder
	b.Grow(urlSizeHint(u))
	proto := strings.ToLower(u.Protocol)
	if proto == "" {
		proto = "http"
	}
	b.WriteString(proto)
	b.WriteString("://")
	if u.Auth != "" { // "user:password", each part percent-encoded as WHATWG's userinfo set
		user, pass, hasPass := strings.Cut(u.Auth, ":")
		as.write(&b, user)
		if hasPass {
			b.WriteByte(':')
			as.write(&b, pass)
		}
		b.WriteByte('@')
	}
	writeLowerHost(&b, u.Host)
	if u.Port != "" {
		b.WriteByte(':')
		b.WriteString(u.Port)
	}
	writePath(&b, u, ps)
	if hasEnabledQuery(u.Query) {
		b.WriteByte('?')
		writeQuery(&b, u.Query, qs)
	}
	if u.Hash != "" {
		b.WriteByte('#')
		hs.write(&b, u.Hash)
	}
	return b.String()
}

// urlSizeHint is about the length of a rendered URL without escapes.
func urlSizeHint(u collections.URL) int {
	n := len(u.Protocol) + 8 + len(u.Auth) + len(u.Port) + len(u.Hash) + 3
	for _, h := range u.Host {
		n += len(h) + 1
	}
	for _, p := range u.Path {
		n += len(p) + 1
	}
	for _, q := range u.Query {
		n += len(q.Key) + len(q.Value) + 2
	}
	return n
}

// writeLowerHost writes the host segments joined with "." in lower case.
func writeLowerHost(b *strings.Builder, host []string) {
	for i, h := range host {
		if i > 0 {
			b.WriteByte('.')
		}
		for j := 0; j < len(h); j++ {
			c := h[j]
			if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
				b.WriteString(strings.ToLower(h[j:])) // rare: let strings.ToLower do Unicode
				break
			}
			b.WriteByte(c)
		}
	}
}

// writePath writes the path segments, substituting path variables; "/" when there are none.
func writePath(b *strings.Builder, u collections.URL, escapes *percentSet) {
	if len(u.Path) == 0 {
		b.WriteByte('/')
		return
	}
	for _, seg := range u.Path {
		b.WriteByte('/')
		if strings.HasPrefix(seg, ":") && len(seg) > 1 {
			if v, ok := pathVariable(u.Variables, seg[1:]); ok {
				seg = v
			}
		}
		escapes.write(b, seg)
	}
}

// pathVariable finds the value of the path variable named key ("" values keep the segment).
func pathVariable(vars []collections.Variable, key string) (string, bool) {
	for i := len(vars) - 1; i >= 0; i-- {
		v := vars[i]
		if v.Key != key || v.Disabled {
			continue
		}
		s := collections.Stringify(v.Value)
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

// writeQuery writes the enabled query parameters joined with "&".
func writeQuery(b *strings.Builder, q []collections.QueryParam, escapes *percentSet) {
	first := true
	for _, p := range q {
		if p.Disabled {
			continue
		}
		if !first {
			b.WriteByte('&')
		}
		first = false
		escapes.write(b, p.Key)
		if !p.NoValue {
			b.WriteByte('=')
			escapes.write(b, p.Value)
		}
	}
}

// withScheme adds "http://" to a raw URL string that has no scheme (pm.sendRequest("host/x")).
func withScheme(raw string) string {
	if i := strings.Index(raw, "://"); i > 0 && !strings.ContainsAny(raw[:i], "/?#") {
		return raw
	}
	return "http://" + raw
}
