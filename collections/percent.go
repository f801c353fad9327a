package collections

import "strings"

// percentSet is the set of bytes a context percent-encodes (as %XX, upper-case hex). It is
// the one percent-encoder of pmrun: URLs (WHATWG's path, query, fragment and userinfo
// sets), the query of Url.toString ("&" and "#"), urlencoded bodies (Node's querystring.escape) and signatures (RFC 3986, for SigV4
// and OAuth 1.0) each use a set of their own. Existing %XX escapes are not special: callers
// that keep them pass sets without "%".
type percentSet [256]bool

// allBut returns the set encoding every byte but ASCII letters, digits and the bytes of keep.
func allBut(keep string) *percentSet {
	var s percentSet
	for c := 0; c < 256; c++ {
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		s[c] = !alnum && strings.IndexByte(keep, byte(c)) < 0
	}
	return &s
}

// controlsAnd returns the set encoding C0 controls, space, DEL, non-ASCII bytes and extra.
func controlsAnd(extra string) *percentSet {
	var s percentSet
	for c := 0; c < 256; c++ {
		s[c] = c <= 0x20 || c >= 0x7f || strings.IndexByte(extra, byte(c)) >= 0
	}
	return &s
}

// only returns the set encoding just the bytes of chars.
func only(chars string) *percentSet {
	var s percentSet
	for i := 0; i < len(chars); i++ {
		s[chars[i]] = true
	}
	return &s
}

var (
	// querySplitSet encodes what would split a query parameter when a rendered URL is
	// parsed again ("&", "#"), as postman-collection's Url.toString does.
	querySplitSet = only("&#")
	// rfc3986Set keeps only RFC 3986's unreserved characters (encodeURIComponent plus !'()*).
	rfc3986Set = allBut("-._~")
	// querystringSet is Node's querystring.escape (urlencoded bodies).
	querystringSet = allBut("-_.!~*'()")
	// WHATWG's percent-encode sets, as postman-runtime sends a URL.
	pathSet     = controlsAnd(" \"#<>?`{}")
	querySet    = controlsAnd(" \"#<>'")
	fragmentSet = controlsAnd(" \"<>`")
	userinfoSet = controlsAnd(" \"#<>?`{}/:;=@[\\]^|")
	rawPathSet  = controlsAnd(" #?") // disableUrlEncoding: only what net/http cannot send
	rawQuerySet = controlsAnd(" #")
	rawHashSet  = controlsAnd(" ")
	rawAuthSet  = controlsAnd(" ")
)

// write writes s to b with the set's bytes percent-encoded.
func (set *percentSet) write(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if set[c] {
			b.WriteString(s[start:i])
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			start = i + 1
		}
	}
	b.WriteString(s[start:])
}

// escape returns s with the set's bytes percent-encoded.
func (set *percentSet) escape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	set.write(&b, s)
	return b.String()
}

// EscapeRFC3986 percent-encodes every byte but RFC 3986's unreserved characters
// (encodeURIComponent plus !'()*), as SigV4 and OAuth 1.0 signatures need.
func EscapeRFC3986(s string) string { return rfc3986Set.escape(s) }

// EscapeQuerystring percent-encodes s as Node's querystring.escape does (urlencoded
// bodies).
func EscapeQuerystring(s string) string { return querystringSet.escape(s) }
