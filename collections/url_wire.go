package collections

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WireString renders the URL the way postman-runtime sends it: path variables (":name"
// segments) replaced by their values, disabled query parameters dropped, the hash kept
// (Newman reports it; net/http does not send it), "http://" added when no scheme is
// written, the host lower-cased, and the characters that WHATWG URL parsing would escape
// percent-encoded. Existing %XX escapes are kept as written. Without encode
// (protocolProfileBehavior disableUrlEncoding) only the characters net/http cannot send
// are escaped. It shares render with String (see urlStyle).
func (u URL) WireString(encode bool) string {
	if encode {
		return u.render(urlStyle{wire: encodedSets})
	}
	return u.render(urlStyle{wire: rawSets})
}

// writeSentHost writes the host as WHATWG parsing leaves it: an IPv4 shorthand expanded,
// any other name lower-cased.
func writeSentHost(b *strings.Builder, host []string) {
	if ip, ok := ipv4Shorthand(host); ok {
		b.WriteString(ip)
		return
	}
	writeLowerHost(b, host)
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

// sentSegment is a path segment as postman-runtime sends it: ":name" becomes the value of
// the last enabled variable "name", unless that value is empty.
func (u URL) sentSegment(seg string) string {
	if strings.HasPrefix(seg, ":") && len(seg) > 1 {
		if v, ok := pathVariable(u.Variables, seg[1:]); ok {
			return v
		}
	}
	return seg
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
