package collections

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// UnmarshalJSON reads a Postman request definition: a plain URL string, or an object with
// url (string or object), method, header (list, raw "Key: value" lines, or a {name: value}
// object), body, auth (v2.0 or v2.1 form), description, proxy and certificate. The method
// defaults to GET and is upper-cased.
func (r *Request) UnmarshalJSON(data []byte) error {
	*r = Request{Method: "GET"}
	data = bytes.TrimSpace(data)
	if isJSONNull(data) {
		return nil
	}
	if data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		r.URL = ParseURL(s)
		return nil
	}
	var in struct {
		URL         json.RawMessage `json:"url"`
		Method      json.RawMessage `json:"method"`
		Header      json.RawMessage `json:"header"`
		Body        json.RawMessage `json:"body"`
		Auth        json.RawMessage `json:"auth"`
		Description json.RawMessage `json:"description"`
		Proxy       json.RawMessage `json:"proxy"`
		Certificate json.RawMessage `json:"certificate"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	if err := r.setMethod(in.Method); err != nil {
		return err
	}
	r.Description = parseDescription(in.Description)
	if !isJSONNull(in.Proxy) {
		r.Proxy = in.Proxy
	}
	if !isJSONNull(in.Certificate) {
		r.Certificate = in.Certificate
	}
	return r.unmarshalParts(in.URL, in.Header, in.Body, in.Auth)
}

// setMethod sets the method from a request's "method" member: a string (upper-cased; empty
// keeps the default), or absent / null. Anything else is an error: Newman would send such a
// request as GET, or crash on it.
func (r *Request) setMethod(raw json.RawMessage) error {
	if len(raw) == 0 || isJSONNull(raw) {
		return nil
	}
	m, ok := decodeJSONString(raw)
	if !ok {
		return fmt.Errorf("method: must be a string such as \"GET\", not %s", jsonKind(raw))
	}
	if m != "" {
		r.Method = strings.ToUpper(m)
	}
	return nil
}

// jsonKind names the kind of a JSON value for error messages: an object, an array, a number…
func jsonKind(raw json.RawMessage) string {
	switch t := bytes.TrimSpace(raw); {
	case len(t) == 0:
		return "nothing"
	case t[0] == '{':
		return "an object"
	case t[0] == '[':
		return "an array"
	case t[0] == 't' || t[0] == 'f':
		return "a boolean"
	case t[0] == '"':
		return "a string"
	}
	return "a number"
}

func (r *Request) unmarshalParts(url, header, body, auth json.RawMessage) error {
	var err error
	if r.URL, err = parseURLJSON(url); err != nil {
		return fmt.Errorf("url: %w", err)
	}
	if r.Headers, err = parseHeaders(header); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	return r.unmarshalBodyAuth(body, auth)
}

// unmarshalBodyAuth reads the body and auth members of a request.
func (r *Request) unmarshalBodyAuth(body, auth json.RawMessage) error {
	var err error
	if r.Body, err = parseBody(body); err != nil {
		return fmt.Errorf("body: %w", err)
	}
	if !isJSONNull(auth) {
		a := &Auth{}
		if err := a.UnmarshalJSON(auth); err != nil {
			return err
		}
		if a.Type != "" {
			r.Auth = a
		}
	}
	return nil
}

// parseDescription reads a description given as a string or as {content, type}.
func parseDescription(raw json.RawMessage) string {
	if s, ok := plainJSONString(raw); ok {
		return s
	}
	if isJSONNull(raw) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var obj struct {
		Content string `json:"content"`
	}
	_ = json.Unmarshal(raw, &obj)
	return obj.Content
}

// jsonString reads a JSON value as text: strings as they are, numbers and booleans
// rendered, null as "".
func jsonString(raw json.RawMessage) string {
	if s, ok := plainJSONString(raw); ok {
		return s
	}
	if isJSONNull(raw) {
		return ""
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	return Stringify(v)
}

type urlJSON struct {
	Raw      string          `json:"raw"`
	Protocol string          `json:"protocol"`
	Auth     json.RawMessage `json:"auth"`
	Host     json.RawMessage `json:"host"`
	Port     json.RawMessage `json:"port"`
	Path     json.RawMessage `json:"path"`
	Query    []queryJSON     `json:"query"`
	Hash     string          `json:"hash"`
	Variable []variableJSON  `json:"variable"`
}

type queryJSON struct {
	Key         *string         `json:"key"`
	Value       json.RawMessage `json:"value"`
	Disabled    bool            `json:"disabled"`
	Description json.RawMessage `json:"description"`
}

func parseURLJSON(raw json.RawMessage) (URL, error) {
	if isJSONNull(raw) {
		return URL{}, nil
	}
	if s, ok := decodeJSONString(bytes.TrimSpace(raw)); ok {
		return ParseURL(s), nil
	}
	var in urlJSON
	if err := json.Unmarshal(raw, &in); err != nil {
		return URL{}, err
	}
	return in.toURL(), nil
}

// toURL builds the URL from its decoded members: from raw when neither host nor path is
// given, else from the structured members.
func (in *urlJSON) toURL() URL {
	var u URL
	if isJSONNull(in.Host) && isJSONNull(in.Path) {
		u = ParseURL(in.Raw)
	} else {
		u = URL{Protocol: strings.TrimSuffix(in.Protocol, "://"), Port: jsonString(in.Port), Hash: in.Hash}
		u.Host = splitList(in.Host, ".")
		u.Path = splitPathJSON(in.Path)
		u.Query = queryFromJSON(in.Query)
		u.Auth = urlAuthJSON(in.Auth)
	}
	if in.Variable != nil {
		u.Variables = variablesFromJSON(in.Variable)
	}
	return u
}

// urlAuthJSON reads a URL object's auth as postman-collection does: an object with string
// "user" and "password" members renders as "user:password" ("user" alone, ":password"
// alone); an object without them — Postman v2.0 exports put `"auth": {}` on every URL —
// adds nothing. A string is pmrun's own form (the sandbox's request JSON) and is kept.
func urlAuthJSON(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if s, ok := decodeJSONString(raw); ok {
		return s
	}
	if len(raw) == 0 || raw[0] != '{' {
		return ""
	}
	var in struct{ User, Password any }
	if json.Unmarshal(raw, &in) != nil {
		return ""
	}
	user, hasUser := in.User.(string)
	password, hasPassword := in.Password.(string)
	switch {
	case hasPassword:
		return user + ":" + password
	case hasUser:
		return user
	}
	return ""
}

func queryFromJSON(in []queryJSON) []QueryParam {
	if in == nil {
		return nil
	}
	out := make([]QueryParam, 0, len(in))
	for _, q := range in {
		p := QueryParam{Disabled: q.Disabled, Description: parseDescription(q.Description)}
		if q.Key != nil {
			p.Key = *q.Key
		}
		if isJSONNull(q.Value) {
			p.NoValue = true
		} else {
			p.Value = jsonString(q.Value)
		}
		out = append(out, p)
	}
	return out
}

// rawElements returns the elements of a JSON array; ok is false for any other value.
// raw is a member encoding/json decoded or split from valid JSON, so the elements can be
// split without decoding.
func rawElements(raw json.RawMessage) (list []json.RawMessage, ok bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		return nil, false
	}
	if eachElement(raw, func(v []byte) bool { list = append(list, v); return true }) {
		return list, true
	}
	list = nil
	return list, json.Unmarshal(raw, &list) == nil
}

// splitList reads a string (split on sep) or an array of strings.
func splitList(raw json.RawMessage, sep string) []string {
	if isJSONNull(raw) {
		return nil
	}
	if s, ok := decodeJSONString(bytes.TrimSpace(raw)); ok {
		return strings.Split(s, sep)
	}
	list, ok := rawElements(raw)
	if !ok {
		return nil
	}
	out := make([]string, len(list))
	for i, item := range list {
		out[i] = jsonString(item)
	}
	return out
}

// splitPathJSON reads a path given as a string or as an array of strings or {type, value}.
func splitPathJSON(raw json.RawMessage) []string {
	if isJSONNull(raw) {
		return nil
	}
	if s, ok := decodeJSONString(bytes.TrimSpace(raw)); ok {
		return splitPath(s)
	}
	list, ok := rawElements(raw)
	if !ok {
		return nil
	}
	out := make([]string, len(list))
	for i, item := range list {
		var seg struct {
			Value json.RawMessage `json:"value"`
		}
		if bytes.HasPrefix(bytes.TrimSpace(item), []byte("{")) && json.Unmarshal(item, &seg) == nil {
			out[i] = jsonString(seg.Value)
			continue
		}
		out[i] = jsonString(item)
	}
	return out
}

// parseHeaders reads a header list, a raw "Key: value" string, or a {name: value} object.
func parseHeaders(raw json.RawMessage) ([]Header, error) {
	raw = bytes.TrimSpace(raw)
	if isJSONNull(raw) {
		return nil, nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return ParseHeaderString(s), nil
	case '{':
		var hs []Header
		err := orderedObject(raw, func(k string, v json.RawMessage) error {
			hs = append(hs, Header{Key: k, Value: jsonString(v)})
			return nil
		})
		return hs, err
	}
	var list []struct {
		Key         json.RawMessage `json:"key"`
		Value       json.RawMessage `json:"value"`
		Disabled    bool            `json:"disabled"`
		Description json.RawMessage `json:"description"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, errors.New("expected a list of {key, value}, a string or an object")
	}
	if len(list) == 0 {
		return nil, nil
	}
	hs := make([]Header, len(list))
	for i, h := range list {
		hs[i] = Header{Key: jsonString(h.Key), Value: jsonString(h.Value), Disabled: h.Disabled,
			Description: parseDescription(h.Description)}
	}
	return hs, nil
}

// ParseHeaderString parses "Key: value" lines (LF or CRLF); empty lines are skipped and
// keys and values trimmed.
func ParseHeaderString(s string) []Header {
	var hs []Header
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, _ := strings.Cut(line, ":")
		hs = append(hs, Header{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	return hs
}
