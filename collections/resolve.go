package collections

import "strings"

// ResolveRequest returns a copy of req with {{variables}} substituted by lookup in every part
// that is sent: the URL (as text, then parsed again, as postman-runtime does; path variables
// take their substituted values), the method, header keys and values, the body and the auth
// parameters. Unresolved tokens stay as written.
func ResolveRequest(req *Request, lookup Lookup) *Request {
	if req == nil {
		return nil
	}
	// The URL is rebuilt from text below: copy everything else. ResolveURL does not
	// change the URL it is given.
	u := req.URL
	tmp := *req
	tmp.URL = URL{}
	out := tmp.Clone()
	out.URL = ResolveURL(u, lookup)
	sub := func(s string) string { return Replace(s, lookup) }
	out.Method = strings.ToUpper(sub(out.Method))
	for i := range out.Headers {
		out.Headers[i].Key = sub(out.Headers[i].Key)
		out.Headers[i].Value = sub(out.Headers[i].Value)
	}
	if b := out.Body; b != nil {
		resolveBody(b, sub)
	}
	out.Auth = ResolveAuth(out.Auth, lookup)
	return out
}

func resolveBody(b *Body, sub func(string) string) {
	b.Raw = sub(b.Raw)
	for i := range b.URLEncoded {
		b.URLEncoded[i].Key = sub(b.URLEncoded[i].Key)
		b.URLEncoded[i].Value = sub(b.URLEncoded[i].Value)
	}
	for i := range b.FormData {
		f := &b.FormData[i]
		f.Key, f.Value = sub(f.Key), sub(f.Value)
		for j := range f.Src {
			f.Src[j] = sub(f.Src[j])
		}
	}
	if b.File != nil {
		b.File.Src = sub(b.File.Src)
	}
	if b.GraphQL != nil {
		b.GraphQL.Query = sub(b.GraphQL.Query)
		b.GraphQL.Variables = sub(b.GraphQL.Variables)
	}
}

// ResolveAuth returns a copy of auth with string parameters substituted (nil stays nil).
func ResolveAuth(auth *Auth, lookup Lookup) *Auth {
	if auth == nil {
		return nil
	}
	out := &Auth{Type: auth.Type, Params: make([]AuthParam, len(auth.Params))}
	for i, p := range auth.Params {
		if s, ok := p.Value.(string); ok {
			p.Value = Replace(s, lookup)
		}
		out.Params[i] = p
	}
	return out
}

// ResolveURL substitutes variables in a URL: path variable values first, then the URL text,
// which is parsed again. A path variable without a value keeps its ":name" segment.
func ResolveURL(u URL, lookup Lookup) URL {
	vars := make([]Variable, len(u.Variables))
	for i, v := range u.Variables {
		if v.Value != nil {
			v.Value = Replace(Stringify(v.Value), lookup)
		}
		vars[i] = v
	}
	u.Variables = vars
	return ParseURL(Replace(u.render(urlStyle{pathVars: true, keepQuery: true}), lookup))
}
