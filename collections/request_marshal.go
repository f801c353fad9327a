package collections

import (
	"encoding/json"
)

type urlOut struct {
	Raw      string         `json:"raw"`
	Protocol string         `json:"protocol,omitempty"`
	Auth     string         `json:"auth,omitempty"`
	Host     []string       `json:"host,omitempty"`
	Port     string         `json:"port,omitempty"`
	Path     []string       `json:"path,omitempty"`
	Query    []kvOut        `json:"query,omitempty"`
	Hash     string         `json:"hash,omitempty"`
	Variable []variableJSON `json:"variable,omitempty"`
}

type kvOut struct {
	Key         string  `json:"key"`
	Value       *string `json:"value"`
	Disabled    bool    `json:"disabled,omitempty"`
	Description string  `json:"description,omitempty"`
	System      bool    `json:"system,omitempty"`
}

type formOut struct {
	Key         string   `json:"key"`
	Value       string   `json:"value,omitempty"`
	Type        string   `json:"type,omitempty"`
	Src         []string `json:"src,omitempty"`
	ContentType string   `json:"contentType,omitempty"`
	Disabled    bool     `json:"disabled,omitempty"`
	Description string   `json:"description,omitempty"`
}

type bodyOut struct {
	Mode       string         `json:"mode"`
	Raw        *string        `json:"raw,omitempty"`
	URLEncoded []kvOut        `json:"urlencoded,omitempty"`
	FormData   []formOut      `json:"formdata,omitempty"`
	File       *fileOut       `json:"file,omitempty"`
	GraphQL    *graphQLOut    `json:"graphql,omitempty"`
	Options    map[string]any `json:"options,omitempty"`
	Disabled   bool           `json:"disabled,omitempty"`
}

type fileOut struct {
	Src     string `json:"src"`
	Content string `json:"content,omitempty"`
}

type graphQLOut struct {
	Query         string `json:"query"`
	Variables     string `json:"variables,omitempty"`
	OperationName string `json:"operationName,omitempty"`
}

type requestOut struct {
	URL         urlOut          `json:"url"`
	Method      string          `json:"method"`
	Header      []kvOut         `json:"header"`
	Body        *bodyOut        `json:"body,omitempty"`
	Auth        *Auth           `json:"auth,omitempty"`
	Description string          `json:"description,omitempty"`
	Proxy       json.RawMessage `json:"proxy,omitempty"`
	Certificate json.RawMessage `json:"certificate,omitempty"`
}

// MarshalJSON writes the request as a Postman v2.1 request object: url as an object (with
// raw), method, header list, body, auth ({"type", "<type>": [{key, value, type}]}),
// description, proxy and certificate. UnmarshalJSON reads it back.
func (r *Request) MarshalJSON() ([]byte, error) {
	out := requestOut{URL: urlToJSON(r.URL), Method: r.Method, Header: []kvOut{}, Auth: r.Auth,
		Description: r.Description, Proxy: r.Proxy, Certificate: r.Certificate}
	if out.Method == "" {
		out.Method = "GET"
	}
	for _, h := range r.Headers {
		out.Header = append(out.Header, kvOut{Key: h.Key, Value: ptr(h.Value), Disabled: h.Disabled,
			Description: h.Description, System: h.System})
	}
	out.Body = bodyToJSON(r.Body)
	return json.Marshal(out)
}

func ptr(s string) *string { return &s }

func urlToJSON(u URL) urlOut {
	out := urlOut{Raw: u.String(), Protocol: u.Protocol, Auth: u.Auth, Host: u.Host, Port: u.Port,
		Path: u.Path, Hash: u.Hash}
	for _, q := range u.Query {
		kv := kvOut{Key: q.Key, Disabled: q.Disabled, Description: q.Description}
		if !q.NoValue {
			kv.Value = ptr(q.Value)
		}
		out.Query = append(out.Query, kv)
	}
	for _, v := range u.Variables {
		out.Variable = append(out.Variable, variableToJSON(v))
	}
	return out
}

func bodyToJSON(b *Body) *bodyOut {
	if b == nil {
		return nil
	}
	out := &bodyOut{Mode: b.Mode, Options: b.Options, Disabled: b.Disabled}
	if b.File != nil {
		out.File = &fileOut{Src: b.File.Src, Content: b.File.Content}
	}
	if b.Mode == "raw" || b.Raw != "" {
		out.Raw = ptr(b.Raw)
	}
	for _, p := range b.URLEncoded {
		out.URLEncoded = append(out.URLEncoded, kvOut{Key: p.Key, Value: ptr(p.Value), Disabled: p.Disabled,
			Description: p.Description})
	}
	for _, p := range b.FormData {
		out.FormData = append(out.FormData, formOut(p))
	}
	if b.GraphQL != nil {
		out.GraphQL = &graphQLOut{Query: b.GraphQL.Query, Variables: b.GraphQL.Variables,
			OperationName: b.GraphQL.OperationName}
	}
	return out
}

// Clone returns a deep copy of the request.
func (r *Request) Clone() *Request {
	if r == nil {
		return nil
	}
	c := *r
	c.URL = r.URL.Clone()
	c.Headers = append([]Header(nil), r.Headers...)
	c.Auth = r.Auth.Clone()
	c.Proxy = append(json.RawMessage(nil), r.Proxy...)
	c.Certificate = append(json.RawMessage(nil), r.Certificate...)
	if r.Proxy == nil {
		c.Proxy = nil
	}
	if r.Certificate == nil {
		c.Certificate = nil
	}
	c.Body = r.Body.Clone()
	return &c
}

// Clone returns a deep copy of the URL.
func (u URL) Clone() URL {
	c := u
	c.Host = append([]string(nil), u.Host...)
	c.Path = append([]string(nil), u.Path...)
	if u.Path != nil && len(u.Path) == 0 {
		c.Path = []string{}
	}
	c.Query = append([]QueryParam(nil), u.Query...)
	c.Variables = append([]Variable(nil), u.Variables...)
	for i := range c.Variables {
		c.Variables[i].Value = deepCopyJSON(c.Variables[i].Value)
	}
	return c
}

// Clone returns a deep copy of the body (option values are copied one level deep).
func (b *Body) Clone() *Body {
	if b == nil {
		return nil
	}
	c := *b
	c.URLEncoded = append([]Param(nil), b.URLEncoded...)
	c.FormData = make([]FormParam, len(b.FormData))
	for i, p := range b.FormData {
		p.Src = append([]string(nil), p.Src...)
		c.FormData[i] = p
	}
	if b.FormData == nil {
		c.FormData = nil
	}
	if b.File != nil {
		f := *b.File
		c.File = &f
	}
	if b.GraphQL != nil {
		g := *b.GraphQL
		c.GraphQL = &g
	}
	if b.Options != nil {
		c.Options = make(map[string]any, len(b.Options))
		for k, v := range b.Options {
			c.Options[k] = deepCopyJSON(v)
		}
	}
	return &c
}

// deepCopyJSON copies decoded JSON values (maps and slices); other values are shared.
func deepCopyJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopyJSON(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = deepCopyJSON(e)
		}
		return s
	}
	return v
}
