package pmvault

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/textproto"
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"
)

// Mask replaces every secret value in redacted output.
const Mask = "********"

// MinSecretLen is the shortest value the redactor masks. Masking one- or two-character
// values would shred ordinary output (every "1" in a report) while hiding next to nothing;
// such values are used but not masked.
const MinSecretLen = 3

// minCut is the shortest start of a form that is masked when output cuts it with "…" (chai
// shortens values longer than 40 characters in assertion messages: "expected 'sk_live_AB…'"):
// no more than 7 bytes of a form show.
const minCut = 8

// prefixMin is the shortest start of a form that is masked wherever it ends: output that
// cuts a value at any point (a body shown up to a size, a URL split at "?" or "#", a header
// trimmed) shows at most 11 bytes of it. Shorter starts are left alone: a value's first few
// characters are often ordinary text ("Bearer ", "https://").
const prefixMin = 12

// ellipsis is what chai and loupe put where they cut a long value.
const ellipsis = "…"

// Redactor masks registered secret values. Besides the value itself it masks the forms a
// value takes in output: URL encodings (query and path escaping, encodeURI,
// encodeURIComponent, escape), JSON strings, XML and HTML escaping, the JavaScript string
// escapes of chai's and Node's inspect (quotes, backslashes, control characters, unicode
// escapes), base64 (inside Basic auth headers, JWTs), the value lower-cased (a host name) and
// canonicalised as a header name, the value trimmed and its pieces
// between URL delimiters; any start of at least 8 bytes of a form cut off with "…"; and any
// start of at least 12 bytes of a form, wherever it ends (a value cut off by whatever shows
// it: a body shown up to a size, a URL split at "?" or "#"). It is safe for concurrent use;
// the nil *Redactor masks nothing.
//
// Matching: each form is stored once (memory linear in the secrets' total length, a few
// dozen times the value at most for values full of special characters), an Aho-Corasick
// automaton over the first bytes of every form finds where a form may start, and only the
// forms whose start occurs are matched in full, with a Knuth-Morris-Pratt scan (linear in
// the text, whatever the value: a 64 KB run of one character costs no more than any other).
// The automaton is written here rather than taken from a library because the redactor needs
// its streaming state (where a form may begin at the end of a buffer) and prefix matches
// before "…", which the maintained libraries do not expose; it is small.
type Redactor struct {
	mu     sync.RWMutex
	off    bool
	forms  []*form
	index  map[string]struct{} // the forms' texts, to skip duplicates
	ac     *anchorMachine
	maxLen int
}

// form is one text to mask, with as much of its KMP failure table as matching has needed
// so far (a form that never occurs far costs no table).
type form struct {
	s    string
	mu   sync.Mutex
	fail []int32
}

// anchorLen is how many leading bytes of each form the automaton holds.
const anchorLen = 8

// NewRedactor returns an empty redactor; with mask false it never masks anything (the
// user's --no-mask-secrets).
func NewRedactor(mask bool) *Redactor { return &Redactor{off: !mask} }

// Masking reports whether the redactor masks values.
func (r *Redactor) Masking() bool { return r != nil && !r.off }

// Add registers a secret value (and its escaped forms) to be masked from now on.
func (r *Redactor) Add(secret string) {
	if !r.Masking() || len(secret) < MinSecretLen {
		return
	}
	forms := secretForms(secret)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.index == nil {
		r.index = map[string]struct{}{}
	}
	changed := false
	for _, f := range forms {
		if len(f) < MinSecretLen {
			continue
		}
		if _, dup := r.index[f]; dup {
			continue
		}
		r.index[f] = struct{}{}
		r.forms = append(r.forms, &form{s: f})
		r.maxLen = max(r.maxLen, len(f))
		changed = true
	}
	if changed {
		r.ac = newAnchorMachine(r.forms)
	}
}

// secretForms lists the texts a secret value may take in output.
func secretForms(v string) []string {
	// Forms a script can print: chai's and Node's quoting, JSON.stringify, unicode escapes;
	// the value without surrounding white space (HTTP trims header values).
	text := []string{v, strings.TrimSpace(v), chaiForm(v), jsJSONForm(v), unicodeEscaped(jsJSONForm(v))}
	// A value used as a host name is lower-cased by URL parsing (the report's URL, the Host
	// header, a DNS error); one used as a header name is canonicalised by the HTTP client
	// (Sup3rs3cret) and lower-cased by HTTP/2 and many servers.
	text = append(text, strings.ToLower(v), textproto.CanonicalMIMEHeaderKey(v))
	for _, q := range []byte{'\'', '"', '`'} {
		text = append(text, inspectForm(v, q, false), inspectForm(v, q, true))
	}
	// URL forms: url.Values and paths (Go), encodeURIComponent, encodeURI, escape, and a
	// URL encoded as a whole (postman-runtime).
	urls := []string{url.QueryEscape(v), url.PathEscape(v), encodeURIForm(v, uriComponentKeep),
		encodeURIForm(v, uriKeep), urlTextForm(v), jsEscapeForm(v)}
	urls = append(urls, renderedURLForms(v)...)
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	// A value with URL delimiters in a URL is split into pieces (path segments, query
	// parameters) that reports show apart: each piece of at least prefixMin bytes is masked.
	text = append(text, urlPieces(v)...)
	for _, t := range append(text, urls...) {
		// Reports carry them again inside JSON strings and XML attributes (JUnit).
		add(t)
		add(jsonForm(t, true))
		add(jsonForm(t, false))
		add(xmlForm(t))
	}
	add(html.EscapeString(v))
	for _, b := range base64Cores(v) {
		add(b)
	}
	return out
}

// urlPieces splits v at the characters that split a URL ("/", "?", "#", "&", "=") and
// returns the pieces of at least prefixMin bytes, when there is more than one piece.
func urlPieces(v string) []string {
	parts := strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("/?#&=", r) })
	if len(parts) < 2 && (len(parts) == 0 || parts[0] == v) {
		return nil
	}
	var out []string
	for _, p := range parts {
		if len(p) >= prefixMin && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// chaiForm is the value inside chai's quotes in an assertion message (loupe's string
// inspection): ' escaped, \b \t \n \f \r short, other control and invisible characters as
// \uXXXX; the backslash stays as it is.
func chaiForm(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\'':
			b.WriteString(`\'`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if loupeEscapes(r) {
				writeU16(&b, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// loupeEscapes reports whether loupe writes r as a \u escape.
func loupeEscapes(r rune) bool {
	switch {
	case r <= 0x1f, r >= 0x7f && r <= 0x9f, r == 0xad, r >= 0x600 && r <= 0x604, r == 0x70f,
		r == 0x17b4, r == 0x17b5, r >= 0x200c && r <= 0x200f, r >= 0x2028 && r <= 0x202f,
		r >= 0x2060 && r <= 0x206f, r == 0xfeff, r >= 0xfff0 && r <= 0xffff:
		return true
	}
	return false
}

// writeU16 writes r as JavaScript \uXXXX escapes (a surrogate pair above U+FFFF).
func writeU16(b *strings.Builder, r rune) {
	if r > 0xffff {
		r1, r2 := utf16.EncodeRune(r)
		fmt.Fprintf(b, `\u%04x\u%04x`, r1, r2)
		return
	}
	fmt.Fprintf(b, `\u%04x`, r)
}

// inspectForm is the value inside quote q as Node's util.inspect writes it: q and \ escaped,
// \n \t \r short, other control characters as \xHH. node picks Node's own spelling of
// \b, \f, \v and DEL (\b, \f, \x0B, \x7F) instead of the sandbox's lower-case \xHH.
func inspectForm(s string, q byte, node bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\r':
			b.WriteString(`\r`)
		case node && c == '\b':
			b.WriteString(`\b`)
		case node && c == '\f':
			b.WriteString(`\f`)
		case node && (c < ' ' || c == 0x7f):
			fmt.Fprintf(&b, `\x%02X`, c)
		case c < ' ':
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// jsJSONForm is the value inside JSON.stringify's quotes.
func jsJSONForm(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < ' ' {
				writeU16(&b, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// unicodeEscaped writes every non-ASCII character of s as \uXXXX (ASCII-only JSON).
func unicodeEscaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
		} else {
			writeU16(&b, r)
		}
	}
	return b.String()
}

// The characters encodeURIComponent and encodeURI leave as they are (besides ASCII letters
// and digits).
const (
	uriComponentKeep = "-_.!~*'()"
	uriKeep          = uriComponentKeep + ";,/?:@&=+$#"
)

// encodeURIForm is JavaScript's encodeURIComponent (keep uriComponentKeep) or encodeURI
// (keep uriKeep): every other byte of the UTF-8 text percent-encoded.
func encodeURIForm(s, keep string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (isAlnum(c) || strings.IndexByte(keep, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// The percent-encode sets postman-runtime renders a URL with (WHATWG's; the runner's
// percentSet values in collections/percent.go): C0 controls, space, DEL and non-ASCII bytes, plus
// these.
const (
	whatwgPath     = " \"#<>?`{}"
	whatwgQuery    = " \"#<>'"
	whatwgFragment = " \"<>`"
)

// renderedURLForms are the texts a value takes inside a URL that the runner renders: placed
// in the path, the query or the fragment, it is encoded with that part's set, and where it
// holds the delimiter of a later part ("?" in a path, "#" anywhere) the rest of it is that
// part and encoded with its set (a value with "#" in a query parameter becomes the
// fragment).
func renderedURLForms(v string) []string {
	const path, query, fragment = 0, 1, 2
	sets := [3]string{whatwgPath, whatwgQuery, whatwgFragment}
	var out []string
	for start := path; start <= fragment; start++ {
		var b strings.Builder
		part := start
		for i := 0; i < len(v); i++ {
			c := v[i]
			switch {
			case c == '#' && part != fragment:
				part = fragment
				b.WriteByte(c)
				continue
			case c == '?' && part == path:
				part = query
				b.WriteByte(c)
				continue
			}
			if c <= 0x20 || c >= 0x7f || strings.IndexByte(sets[part], c) >= 0 {
				fmt.Fprintf(&b, "%%%02X", c)
				continue
			}
			b.WriteByte(c)
		}
		out = append(out, b.String())
	}
	return out
}

// jsEscapeForm is JavaScript's legacy escape(): %XX below U+0100, %uXXXX above.
func jsEscapeForm(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80 && (isAlnum(byte(r)) || strings.ContainsRune("@*_+-./", r)):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "%%%02X", r)
		default:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, "%%u%04X", u)
			}
		}
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// base64Cores returns, for each of the three byte alignments a value can have inside a
// base64-encoded text (a Basic auth header, a JWT, a data URI), the run of base64 characters
// that depends on the value's bytes only — in the standard and the URL alphabet. Masking
// these hides a secret inside any base64 text that contains it but for up to three
// characters at each end, which base64Edges covers. Runs shorter than four characters are
// not used.
func base64Cores(secret string) []string {
	var out []string
	for k := 0; k < 3; k++ {
		buf := make([]byte, k, k+len(secret))
		buf = append(buf, secret...)
		first := 0
		if k > 0 {
			first = 1 // the first group mixes padding bytes with the value
		}
		last := len(buf) / 3 // groups made of value bytes only end before this one
		if last-first < 1 {
			continue
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			full := enc.EncodeToString(buf)
			out = append(out, full[4*first:4*last])
		}
	}
	return append(out, base64Edges(secret)...)
}

// base64EdgeLen is how many characters a base64Edges form holds at most.
const base64EdgeLen = 8

// base64Edges returns the short runs that cover the ends of a value inside base64 text, which
// base64Cores leaves out: at each end, the characters that depend on the value's bytes only
// and the one character that mixes the value's first (last) bits with the bits of the byte
// before (after) it. That mixed character has 4 or 16 possible letters, one per value of the
// neighbour's bits, so each is listed: with "user:" before a value, "dXNlcjpT" must not keep
// the "T" that is six bits of the value's first byte, nor the "j" that holds its other two.
func base64Edges(secret string) []string {
	var out []string
	n := len(secret)
	for k := 0; k < 3; k++ {
		lo, hi := 8*k, 8*(k+n) // the value's bits inside the encoded text
		start, end := lo/6, (hi+5)/6
		onlyFrom, onlyTo := (lo+5)/6, hi/6 // characters made of the value's bits only
		for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
			// Head: the byte before the value (k > 0) lends its low 2 or 4 bits.
			if lo%6 != 0 {
				for v := 0; v < 1<<(lo%6); v++ {
					buf := make([]byte, k, k+n)
					buf[k-1] = byte(v)
					full := enc.EncodeToString(append(buf, secret...))
					if to := min(onlyTo, start+base64EdgeLen); to-start >= 4 {
						out = append(out, full[start:to])
					}
				}
			}
			// Tail: the byte after the value lends its high 2 or 4 bits.
			if hi%6 != 0 {
				bits := hi % 6 // the value's bits in the mixed character
				for v := 0; v < 1<<(6-bits); v++ {
					buf := make([]byte, k, k+n+1)
					buf = append(buf, secret...)
					buf = append(buf, byte(v<<(8-(6-bits))))
					full := enc.EncodeToString(buf)
					if from := max(onlyFrom, end-base64EdgeLen); end-from >= 4 {
						out = append(out, full[from:end])
					}
				}
			}
		}
	}
	return out
}

// urlTextForm is the value as it appears inside a URL that was encoded as a whole, the way
// browsers and postman-runtime encode a request URL: every byte outside the characters a URL
// may carry as they are (unreserved, sub-delims, ":", "@", "/", "?") is percent-encoded.
func urlTextForm(s string) string {
	return encodeURIForm(s, "-._~!$&'()*+,;=:@/?")
}

// xmlForm is the value as an XML attribute carries it (the JUnit report's escaping).
func xmlForm(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;",
		"\n", "&#10;", "\r", "&#13;", "\t", "&#9;").Replace(s)
}

// jsonForm is the value as it appears inside a JSON string, without the quotes.
func jsonForm(s string, escapeHTML bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		return s
	}
	out := strings.TrimSuffix(buf.String(), "\n")
	return out[1 : len(out)-1]
}

// anchorMachine is an Aho-Corasick automaton over the first anchorLen bytes of every form.
type anchorMachine struct {
	nodes []acNode
	edges map[uint64]int32 // node<<8 | byte -> child
	first [256]bool        // bytes that start some anchor
	// byAnchor lists, per node that ends an anchor, the forms with that anchor.
	byAnchor map[int32][]int32
}

type acNode struct {
	fail  int32
	depth int32
	// out is the nearest node on the failure chain (itself included) that ends an anchor, or -1.
	out int32
}

func edgeKey(n int32, c byte) uint64 { return uint64(n)<<8 | uint64(c) }

func newAnchorMachine(forms []*form) *anchorMachine {
	m := &anchorMachine{nodes: []acNode{{out: -1}}, edges: map[uint64]int32{}, byAnchor: map[int32][]int32{}}
	children := [][]int32{nil} // per node, for the breadth-first pass
	labels := []byte{0}        // the byte on the edge into each node
	for i, f := range forms {
		anchor := f.s[:min(len(f.s), anchorLen)]
		m.first[anchor[0]] = true
		n := int32(0)
		for j := 0; j < len(anchor); j++ {
			c := anchor[j]
			next, ok := m.edges[edgeKey(n, c)]
			if !ok {
				next = int32(len(m.nodes))
				m.nodes = append(m.nodes, acNode{depth: int32(j + 1), out: -1})
				children = append(children, nil)
				labels = append(labels, c)
				children[n] = append(children[n], next)
				m.edges[edgeKey(n, c)] = next
			}
			n = next
		}
		m.byAnchor[n] = append(m.byAnchor[n], int32(i))
	}
	// Breadth-first: failure links and output links.
	queue := []int32{0}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if _, ends := m.byAnchor[n]; ends {
			m.nodes[n].out = n
		} else if n != 0 {
			m.nodes[n].out = m.nodes[m.nodes[n].fail].out
		}
		for _, child := range children[n] {
			if n != 0 {
				m.nodes[child].fail = m.step(m.nodes[n].fail, labels[child])
			}
			queue = append(queue, child)
		}
	}
	return m
}

// step is the automaton's transition from node n on byte c.
func (m *anchorMachine) step(n int32, c byte) int32 {
	for {
		if next, ok := m.edges[edgeKey(n, c)]; ok {
			return next
		}
		if n == 0 {
			return 0
		}
		n = m.nodes[n].fail
	}
}

// starts finds, for every form whose anchor occurs in buf, the offset of the anchor's first
// occurrence, and returns the depth of the automaton's state at the end of buf (the
// longest end of buf that begins some form).
func (m *anchorMachine) starts(buf []byte) (first map[int32]int, tail int) {
	n := int32(0)
	for i := 0; i < len(buf); i++ {
		c := buf[i]
		if n == 0 && !m.first[c] {
			continue
		}
		n = m.step(n, c)
		for o := m.nodes[n].out; o >= 0; o = m.nodes[m.nodes[o].fail].out {
			for _, f := range m.byAnchor[o] {
				if _, seen := first[f]; !seen {
					if first == nil {
						first = map[int32]int{}
					}
					first[f] = i + 1 - int(m.nodes[o].depth)
				}
			}
			if o == 0 {
				break
			}
		}
	}
	return first, int(m.nodes[n].depth)
}

// failureUpTo returns at least the first n entries of f's KMP failure table: fail[i] is
// the length of the longest proper border of f.s[:i+1]. Entries once computed never change.
func (f *form) failureUpTo(n int) []int32 {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, fail := f.s, f.fail
	if len(fail) >= n {
		return fail
	}
	if len(fail) == 0 {
		fail = append(fail, 0)
	}
	k := fail[len(fail)-1]
	for i := len(fail); i < n; i++ {
		for k > 0 && p[i] != p[k] {
			k = fail[k-1]
		}
		if p[i] == p[k] {
			k++
		}
		fail = append(fail, k)
	}
	f.fail = fail
	return fail
}

// span is a stretch of output to mask.
type span struct{ start, end int }

// matches appends the spans of buf where f occurs from offset from on, where a start of at
// least prefixMin bytes of it occurs, or a start of at least minCut bytes is followed by
// "…". Unless final, hold is the offset from which buf's end may still turn out to be f
// (or its cut form) once more data arrives; len(buf) if none.
func (f *form) matches(spans []span, buf []byte, from int, final bool) (_ []span, hold int) {
	p := f.s
	fail := f.failureUpTo(min(len(p), 64))
	hold = len(buf)
	k := 0 // length of the longest start of p that ends here
	for q := from; q < len(buf); q++ {
		if k >= minCut {
			rest := buf[q:]
			switch {
			case len(rest) >= len(ellipsis) && string(rest[:len(ellipsis)]) == ellipsis:
				spans = append(spans, span{q - k, q + len(ellipsis)})
			case len(rest) < len(ellipsis) && strings.HasPrefix(ellipsis, string(rest)):
				hold = min(hold, q-k)
			}
		}
		c := buf[q]
		if k >= prefixMin && k < len(p) && p[k] != c {
			spans = append(spans, span{q - k, q}) // a start of the value, cut here
		}
		for k > 0 && (k == len(p) || p[k] != c) {
			k = int(fail[k-1])
		}
		if p[k] == c {
			k++
			if k > len(fail) {
				fail = f.failureUpTo(min(len(p), max(2*len(fail), k)))
			}
		}
		if k == len(p) {
			spans = append(spans, span{q + 1 - k, q + 1})
		}
	}
	switch {
	case k == 0 || k == len(p):
	case !final:
		hold = min(hold, len(buf)-k)
	case k >= prefixMin:
		spans = append(spans, span{len(buf) - k, len(buf)})
	}
	return spans, hold
}

// Redact returns s with every registered value replaced by Mask; overlapping values are
// masked as one.
func (r *Redactor) Redact(s string) string {
	if !r.Masking() {
		return s
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if len(r.forms) == 0 {
		return s
	}
	out, _ := r.scan(nil, []byte(s), true)
	return string(out)
}

// scan appends the redacted form of buf to out. Unless final, it stops at the first byte
// that could begin a secret continuing beyond buf and returns that offset; the caller
// keeps buf[rest:] until more data arrives. Callers hold r.mu.
func (r *Redactor) scan(out, buf []byte, final bool) (_ []byte, rest int) {
	if r.ac == nil {
		return append(out, buf...), len(buf)
	}
	starts, tail := r.ac.starts(buf)
	hold := len(buf)
	if !final {
		hold = len(buf) - tail
	}
	var spans []span
	for fi, from := range starts {
		var h int
		spans, h = r.forms[fi].matches(spans, buf, from, final)
		if !final {
			hold = min(hold, h)
		}
	}
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	// Overlapping spans are one; a span that reaches into the held-back end is held back
	// whole (and found again with the data that follows).
	var merged []span
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.start < merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, sp.end)
			continue
		}
		merged = append(merged, sp)
	}
	for i := len(merged) - 1; i >= 0; i-- {
		if merged[i].start >= hold {
			merged = merged[:i]
		} else if merged[i].end > hold {
			hold = merged[i].start
			merged = merged[:i]
		}
	}
	i := 0
	for _, sp := range merged {
		out = append(out, buf[i:sp.start]...)
		out = append(out, Mask...)
		i = sp.end
	}
	return append(out, buf[i:hold]...), hold
}

// Writer returns a writer that redacts everything written through it before passing it to
// w. A value split across Write calls is still masked: the few trailing bytes that could
// start a secret are held back until the next Write, so when done call Flush (the writer
// is a *RedactWriter; FlushWriter does the type check). Output ending in a line break is
// never held back unless a secret starts with one.
func (r *Redactor) Writer(w io.Writer) io.Writer { return &RedactWriter{r: r, w: w} }

// FlushWriter flushes w if it is a *RedactWriter (or anything else with Flush() error).
func FlushWriter(w io.Writer) error {
	if f, ok := w.(interface{ Flush() error }); ok {
		return f.Flush()
	}
	return nil
}

// RedactWriter is the writer returned by Redactor.Writer. It is safe for concurrent use.
type RedactWriter struct {
	r       *Redactor
	w       io.Writer
	mu      sync.Mutex
	pending []byte
}

// Write redacts p and writes what is certain to w. It reports len(p) on success.
func (rw *RedactWriter) Write(p []byte) (int, error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.r.Masking() {
		return rw.w.Write(p)
	}
	buf := append(rw.pending, p...)
	rw.r.mu.RLock()
	out, rest := rw.r.scan(make([]byte, 0, len(buf)+len(Mask)), buf, false)
	rw.r.mu.RUnlock()
	rw.pending = append([]byte(nil), buf[rest:]...)
	if len(out) > 0 {
		if _, err := rw.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes out the held-back bytes, redacted.
func (rw *RedactWriter) Flush() error {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if len(rw.pending) == 0 {
		return nil
	}
	rw.r.mu.RLock()
	out, _ := rw.r.scan(nil, rw.pending, true)
	rw.r.mu.RUnlock()
	rw.pending = nil
	_, err := rw.w.Write(out)
	return err
}
