package collections

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WireString renders the URL the way postman-runtime sends it: path variables
// (":name" segments) replaced by their values, disabled query parameters dropped, the hash
// kept (Newman reports it; net/http does not send it), "http://" added when no scheme is written, the host lower-cased, and the
// characters that WHATWG URL parsing would escape percent-encoded. Existing %XX escapes
// are kept as written. Without encode (protocolProfileBehavior disableUrlEncoding) only the
// characters net/http cannot send are escaped.
func (u URL) WireString(encode bool) string {
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
	if ip, ok := ipv4Shorthand(u.Host); ok {
		b.WriteString(ip)
	} else {
		writeLowerHost(&b, u.Host)
	}
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
func urlSizeHint(u URL) int {
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

// ipv4Shorthand reads a host the way WHATWG's IPv4 parser does when every label is a number
// (decimal, 0x hex or 0-led octal): "127.1" is 127.0.0.1, "0x7f.1" too, and the last label
// fills the remaining bytes. ok is false for any other host, or numbers out of range.
func ipv4Shorthand(host []string) (string, bool) {
	labels := host
	if n := len(labels); n > 1 && labels[n-1] == "" { // a trailing dot
		labels = labels[:n-1]
	}
	if len(labels) == 0 || len(labels) > 4 {
		return "", false
	}
	nums := make([]uint64, len(labels))
	for i, l := range labels {
		base, digits := 10, l
		switch {
		case len(l) > 2 && (l[:2] == "0x" || l[:2] == "0X"):
			base, digits = 16, l[2:]
		case len(l) > 1 && l[0] == '0':
			base, digits = 8, l[1:]
		}
		n, err := strconv.ParseUint(digits, base, 64)
		if l == "" || err != nil || (i < len(labels)-1 && n > 255) {
			return "", false
		}
		nums[i] = n
	}
	last := nums[len(nums)-1]
	if last >= 1<<(8*(5-len(nums))) {
		return "", false
	}
	addr := last
	for i, n := range nums[:len(nums)-1] {
		addr += n << (8 * (3 - i))
	}
	return fmt.Sprintf("%d.%d.%d.%d", addr>>24, addr>>16&255, addr>>8&255, addr&255), true
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
func writePath(b *strings.Builder, u URL, escapes *percentSet) {
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
func pathVariable(vars []Variable, key string) (string, bool) {
	for i := len(vars) - 1; i >= 0; i-- {
		v := vars[i]
		if v.Key != key || v.Disabled {
			continue
		}
		s := Stringify(v.Value)
		if s == "" {
			return "", false
		}
		return s, true
	}
	return "", false
}

func hasEnabledQuery(q []QueryParam) bool {
	for _, p := range q {
		if !p.Disabled {
			return true
		}
	}
	return false
}

// writeQuery writes the enabled query parameters joined with "&".
func writeQuery(b *strings.Builder, q []QueryParam, escapes *percentSet) {
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
