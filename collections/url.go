package collections

import (
	"strconv"
	"strings"
)

// ParseURL parses a raw URL string the way postman-collection's Url.parse does: leading
// spaces trimmed; "<protocol>://" only when written; "user:pass@" auth; host split on ".";
// ":port"; path split on "/" (leading "/" dropped; "/" alone is one empty segment); query
// split on "&" with NoValue for parameters without "="; "#hash". {{var}} tokens are kept
// intact even when they contain ".", "/", ":", "?" or "#". Path segments ":name" become
// Variables (each name once, no value).
func ParseURL(raw string) URL {
	masked, tokens := maskTokens(strings.TrimLeft(raw, " \t\r\n\f\v\u00a0\ufeff"))
	var u URL
	rest := masked
	if p, after, ok := cutProtocol(rest); ok {
		u.Protocol, rest = p, after
	}
	hostEnd := strings.IndexAny(rest, "?#/")
	if hostEnd < 0 {
		hostEnd = len(rest)
	}
	if hostEnd > 0 {
		u.Auth, u.Host, u.Port = splitHost(rest[:hostEnd])
	}
	rest = rest[hostEnd:]
	pathEnd := strings.IndexAny(rest, "?#")
	if pathEnd < 0 {
		pathEnd = len(rest)
	}
	u.Path = splitPath(rest[:pathEnd])
	rest = rest[pathEnd:]
	if strings.HasPrefix(rest, "?") {
		q := rest[1:]
		if i := strings.IndexByte(q, '#'); i >= 0 {
			q = q[:i]
		}
		// "x?" has one empty parameter, as postman-collection parses it: String leaves the
		// "?" out, postman-runtime sends it
		u.Query = ParseQuery(q)
		rest = rest[1+len(q):]
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 && i+1 < len(rest) {
		u.Hash = rest[i+1:]
	}
	u.unmask(tokens)
	u.Variables = pathVariables(u.Path)
	return u
}

// cutProtocol matches /^([^:?]+):\/\/([^?#/:]*|$)/ and returns the protocol.
func cutProtocol(s string) (string, string, bool) {
	i := strings.Index(s, "://")
	if i <= 0 || strings.ContainsAny(s[:i], ":?") {
		return "", s, false
	}
	return s[:i], s[i+3:], true
}

// splitHost splits "user:pass@host.name:port"; the host starts after the last "@" (as in
// WHATWG parsing), so a user or password may hold "@".
func splitHost(h string) (auth string, host []string, port string) {
	if i := strings.LastIndexByte(h, '@'); i > 0 {
		auth, h = h[:i], h[i+1:]
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 {
		port, h = h[i+1:], h[:i]
	}
	h = strings.Trim(h, ".")
	return auth, strings.Split(h, "."), port
}

func splitPath(p string) []string {
	switch p {
	case "":
		return nil
	case "/":
		return []string{""}
	}
	if len(p) > 1 && p[0] == '/' {
		p = p[1:]
	}
	return strings.Split(p, "/")
}

// ParseQuery splits a query string (without "?") on "&"; a part without "=" is NoValue.
func ParseQuery(q string) []QueryParam {
	parts := strings.Split(q, "&")
	params := make([]QueryParam, 0, len(parts))
	for _, part := range parts {
		k, v, ok := strings.Cut(part, "=")
		params = append(params, QueryParam{Key: k, Value: v, NoValue: !ok})
	}
	return params
}

func pathVariables(path []string) []Variable {
	var vars []Variable
	for _, seg := range path {
		if len(seg) > 1 && seg[0] == ':' && !hasVariable(vars, seg[1:]) {
			vars = append(vars, Variable{Key: seg[1:]})
		}
	}
	return vars
}

// hasVariable reports whether vars has one named key.
func hasVariable(vars []Variable, key string) bool {
	for _, v := range vars {
		if v.Key == key {
			return true
		}
	}
	return false
}

// String renders the URL as Postman's Url.toString() does: protocol + "://" when set,
// "auth@", host joined with ".", ":" + port, "/" + path segments, "?" + enabled query
// parameters (when that is not empty), "#" + hash. Path variables are not substituted (see
// StringWithPathVars).
func (u URL) String() string { return u.render(urlStyle{}) }

// StringWithPathVars is String with each ":name" path segment replaced by the value of the
// URL variable "name" when that variable exists and has a value.
func (u URL) StringWithPathVars() string { return u.render(urlStyle{pathVars: true}) }

// urlStyle says how render writes a URL.
type urlStyle struct {
	// pathVars substitutes ":name" path segments (see pathSegment).
	pathVars bool
	// keepQuery writes "?" for any enabled parameter, even one that renders empty, so that
	// parsing the text again gives the same parameters.
	keepQuery bool
	// wire, when set, writes the URL as postman-runtime sends it (see WireString), with
	// these percent-encode sets.
	wire *wireSets
}

// wireSets are the percent-encode sets of a URL as sent: WHATWG's, or with
// disableUrlEncoding only what net/http cannot send.
type wireSets struct{ path, query, fragment, userinfo *percentSet }

var (
	encodedSets = &wireSets{pathSet, querySet, fragmentSet, userinfoSet}
	rawSets     = &wireSets{rawPathSet, rawQuerySet, rawHashSet, rawAuthSet}
)

// render writes the URL in one of its two renderings: postman-collection's Url.toString
// (scripts, reports, {{var}} resolution) or, with st.wire, the URL postman-runtime sends.
func (u URL) render(st urlStyle) string {
	w := st.wire
	var b strings.Builder
	b.Grow(u.sizeHint())
	switch {
	case w != nil: // lower-cased, "http" when none is written
		proto := strings.ToLower(u.Protocol)
		if proto == "" {
			proto = "http"
		}
		b.WriteString(proto)
		b.WriteString("://")
	case u.Protocol != "":
		b.WriteString(u.Protocol)
		if !strings.HasSuffix(u.Protocol, "://") {
			b.WriteString("://")
		}
	}
	switch {
	case w != nil && u.Auth != "": // "user:password", each part in WHATWG's userinfo set
		user, pass, hasPass := strings.Cut(u.Auth, ":")
		w.userinfo.write(&b, user)
		if hasPass {
			b.WriteByte(':')
			w.userinfo.write(&b, pass)
		}
		b.WriteByte('@')
	case w == nil && u.Auth != "" && !strings.HasPrefix(u.Auth, ":"):
		b.WriteString(u.Auth)
		b.WriteByte('@')
	}
	if w != nil {
		writeSentHost(&b, u.Host)
	} else {
		for i, h := range u.Host {
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(h)
		}
	}
	if u.Port != "" {
		b.WriteByte(':')
		b.WriteString(u.Port)
	}
	if w != nil && len(u.Path) == 0 {
		b.WriteByte('/')
	}
	for _, seg := range u.Path {
		b.WriteByte('/')
		switch {
		case w != nil:
			w.path.write(&b, u.sentSegment(seg))
		case st.pathVars:
			b.WriteString(u.pathSegment(seg))
		default:
			b.WriteString(seg)
		}
	}
	switch {
	case w != nil:
		if u.hasEnabledQuery() {
			b.WriteByte('?')
			u.writeQuery(&b, w.query.write)
		}
	case u.hasQueryString() || (st.keepQuery && u.hasEnabledQuery()):
		b.WriteByte('?')
		u.writeQuery(&b, writeQueryPart)
	}
	if u.Hash != "" {
		b.WriteByte('#')
		if w != nil {
			w.fragment.write(&b, u.Hash)
		} else {
			b.WriteString(u.Hash)
		}
	}
	return b.String()
}

// sizeHint is about the length of the rendered URL.
func (u URL) sizeHint() int {
	n := len(u.Protocol) + 8 + len(u.Auth) + 1 + len(u.Port) + 1 + len(u.Hash) + 2
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

// pathSegment is a path segment as Url.toString with path variables writes it: ":name"
// becomes the value of the last enabled variable "name" that has one ("" included).
func (u URL) pathSegment(seg string) string {
	if len(seg) < 2 || seg[0] != ':' {
		return seg
	}
	for i := len(u.Variables) - 1; i >= 0; i-- {
		v := u.Variables[i]
		if v.Key == seg[1:] && !v.Disabled && v.Value != nil {
			return Stringify(v.Value)
		}
	}
	return seg
}

// QueryString joins the enabled query parameters with "&" ("key" alone for NoValue).
func (u URL) QueryString() string {
	if !u.hasQueryString() {
		return ""
	}
	var b strings.Builder
	u.writeQuery(&b, writeQueryPart)
	return b.String()
}

// hasQueryString reports whether QueryString is not empty: two enabled parameters or
// more, or one with a name or a value.
func (u URL) hasQueryString() bool {
	enabled := 0
	for _, q := range u.Query {
		if q.Disabled {
			continue
		}
		enabled++
		if enabled > 1 || q.Key != "" || !q.NoValue {
			return true
		}
	}
	return false
}

// hasEnabledQuery reports whether a parameter is enabled.
func (u URL) hasEnabledQuery() bool {
	for _, q := range u.Query {
		if !q.Disabled {
			return true
		}
	}
	return false
}

// writeQuery writes the enabled parameters joined with "&", each key and value written by
// escape.
func (u URL) writeQuery(b *strings.Builder, escape func(*strings.Builder, string)) {
	first := true
	for _, q := range u.Query {
		if q.Disabled {
			continue
		}
		if !first {
			b.WriteByte('&')
		}
		first = false
		escape(b, q.Key)
		if !q.NoValue {
			b.WriteByte('=')
			escape(b, q.Value)
		}
	}
}

// writeQueryPart writes a query key or value with "&" and "#" encoded (%26, %23): the
// characters that would change how the parameter is split when the URL is parsed again,
// as postman-collection encodes them when it renders a URL. {{variable}} tokens are written
// as they are, so that a variable named "&" or "foo#bar" still resolves (Newman substitutes
// before anything is encoded).
func writeQueryPart(b *strings.Builder, s string) {
	if strings.Contains(s, "{{") {
		last := 0
		for i := 0; ; {
			start, end, ok := nextToken(s, i)
			if !ok {
				break
			}
			querySplitSet.write(b, s[last:start])
			b.WriteString(s[start : end+2])
			last, i = end+2, end+2
		}
		s = s[last:]
	}
	querySplitSet.write(b, s)
}

// Placeholders for {{…}} tokens while parsing: a private-use rune, the token index, and
// the private-use rune again, none of which the parser splits on.
const tokenMark = '\ue000'

// maskTokens replaces every {{name}} token (name without braces) by a placeholder.
func maskTokens(s string) (string, []string) {
	if !strings.Contains(s, "{{") {
		return s, nil
	}
	var b strings.Builder
	var tokens []string
	i, last := 0, 0
	for {
		start, end, ok := nextToken(s, i)
		if !ok {
			break
		}
		b.WriteString(s[last:start])
		b.WriteRune(tokenMark)
		b.WriteString(strconv.Itoa(len(tokens)))
		b.WriteRune(tokenMark)
		tokens = append(tokens, s[start:end+2])
		last, i = end+2, end+2
	}
	b.WriteString(s[last:])
	return b.String(), tokens
}

func unmaskString(s string, tokens []string) string {
	if len(tokens) == 0 || !strings.ContainsRune(s, tokenMark) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexRune(s, tokenMark)
		if i < 0 {
			break
		}
		rest := s[i+len(string(tokenMark)):]
		j := strings.IndexRune(rest, tokenMark)
		n, err := strconv.Atoi(rest[:max(j, 0)])
		if j < 0 || err != nil || n >= len(tokens) {
			b.WriteString(s[:i+len(string(tokenMark))])
			s = rest
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(tokens[n])
		s = rest[j+len(string(tokenMark)):]
	}
	b.WriteString(s)
	return b.String()
}

func (u *URL) unmask(tokens []string) {
	if len(tokens) == 0 {
		return
	}
	un := func(s string) string { return unmaskString(s, tokens) }
	u.Protocol, u.Auth, u.Port, u.Hash = un(u.Protocol), un(u.Auth), un(u.Port), un(u.Hash)
	for i := range u.Host {
		u.Host[i] = un(u.Host[i])
	}
	for i := range u.Path {
		u.Path[i] = un(u.Path[i])
	}
	for i := range u.Query {
		u.Query[i].Key, u.Query[i].Value = un(u.Query[i].Key), un(u.Query[i].Value)
	}
}

// WithScheme adds "http://" to a raw URL string that has no scheme (pm.sendRequest("host/x")).
func WithScheme(raw string) string {
	if i := strings.Index(raw, "://"); i > 0 && !strings.ContainsAny(raw[:i], "/?#") {
		return raw
	}
	return "http://" + raw
}
