package json

import "strings"

// urlObject is a URL in postman-collection's Url JSON form, as Newman writes it.
type urlObject struct {
	Protocol string       `json:"protocol,omitempty"`
	Auth     *urlAuth     `json:"auth,omitempty"`
	Port     string       `json:"port,omitempty"`
	Path     []string     `json:"path,omitempty"`
	Host     []string     `json:"host"`
	Query    []queryParam `json:"query"`
	Hash     string       `json:"hash,omitempty"`
	Variable []struct{}   `json:"variable"`
}

type urlAuth struct {
	User     string  `json:"user"`
	Password *string `json:"password,omitempty"`
}

// queryParam is one query parameter; a nil Value is a parameter written without "=".
type queryParam struct {
	Key   string  `json:"key"`
	Value *string `json:"value"`
}

// urlJSON returns the sent URL in object form when the object form renders back to exactly
// the same text (as Newman's readers render it), otherwise the URL string itself. A path
// that starts with empty segments ("//get") is the exception: Newman writes it in object
// form too (path ["", "get"]), which its readers render with one slash.
func urlJSON(raw string) any {
	u := parseURL(raw)
	if s := u.String(); s != raw && (len(u.Path) < 2 || u.Path[0] != "" || s != collapseLeadingSlashes(raw)) {
		return raw
	}
	return u
}

// collapseLeadingSlashes is raw with the run of slashes that starts its path made one.
func collapseLeadingSlashes(raw string) string {
	_, rest, ok := strings.Cut(raw, "://")
	i := strings.IndexByte(rest, '/')
	if !ok || i < 0 {
		return raw
	}
	i += len(raw) - len(rest)
	j := i
	for j < len(raw) && raw[j] == '/' {
		j++
	}
	return raw[:i+1] + raw[j:]
}

// parseURL splits a URL textually (nothing is decoded, {{var}} tokens survive).
func parseURL(raw string) *urlObject {
	u := &urlObject{Host: []string{}, Query: []queryParam{}, Variable: []struct{}{}}
	rest := raw
	if i := strings.Index(rest, "://"); i > 0 && isScheme(rest[:i]) {
		u.Protocol, rest = rest[:i], rest[i+3:]
	}
	rest, u.Hash, _ = strings.Cut(rest, "#")
	rest, query, hasQuery := strings.Cut(rest, "?")
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		user, pass, hasPass := strings.Cut(authority[:i], ":")
		u.Auth = &urlAuth{User: user}
		if hasPass {
			u.Auth.Password = &pass
		}
		authority = authority[i+1:]
	}
	host := authority
	if i := strings.LastIndexByte(authority, ':'); i >= 0 && !strings.Contains(authority[i:], "]") {
		host, u.Port = authority[:i], authority[i+1:]
	}
	if host != "" {
		u.Host = strings.Split(host, ".")
	}
	if path != "" {
		u.Path = strings.Split(path[1:], "/")
	}
	if hasQuery {
		for _, p := range strings.Split(query, "&") {
			k, v, hasValue := strings.Cut(p, "=")
			q := queryParam{Key: k}
			if hasValue {
				q.Value = &v
			}
			u.Query = append(u.Query, q)
		}
	}
	return u
}

// isScheme reports whether s is a URL scheme as RFC 3986 spells one: a letter, then letters,
// digits, "+", "-" or ".".
func isScheme(s string) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// String renders the object the way readers of Newman reports do (the conformance
// normaliser's urlString, itself following postman-collection's Url.toString).
func (u *urlObject) String() string {
	var b strings.Builder
	if u.Protocol != "" {
		b.WriteString(u.Protocol + "://")
	}
	if u.Auth != nil {
		b.WriteString(u.Auth.User)
		if u.Auth.Password != nil {
			b.WriteString(":" + *u.Auth.Password)
		}
		b.WriteString("@")
	}
	b.WriteString(strings.Join(u.Host, "."))
	if u.Port != "" {
		b.WriteString(":" + u.Port)
	}
	if u.Path != nil {
		p := strings.Join(u.Path, "/")
		if !strings.HasPrefix(p, "/") {
			b.WriteString("/")
		}
		b.WriteString(p)
	}
	if len(u.Query) > 0 {
		parts := make([]string, len(u.Query))
		for i, q := range u.Query {
			parts[i] = q.Key
			if q.Value != nil {
				parts[i] += "=" + *q.Value
			}
		}
		b.WriteString("?" + strings.Join(parts, "&"))
	}
	if u.Hash != "" {
		b.WriteString("#" + u.Hash)
	}
	return b.String()
}
