package collections

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Get returns the string value of an auth parameter ("" when absent); non-string values
// are rendered with Stringify.
func (a *Auth) Get(key string) string {
	v, _ := a.Lookup(key)
	return Stringify(v)
}

// Lookup returns an auth parameter's value with its JSON type; the last entry wins.
func (a *Auth) Lookup(key string) (any, bool) {
	if a == nil {
		return nil, false
	}
	for i := len(a.Params) - 1; i >= 0; i-- {
		if a.Params[i].Key == key {
			return a.Params[i].Value, true
		}
	}
	return nil, false
}

// Set replaces the value of an auth parameter, or appends it.
func (a *Auth) Set(key string, value any) {
	for i := len(a.Params) - 1; i >= 0; i-- {
		if a.Params[i].Key == key {
			a.Params[i].Value = value
			return
		}
	}
	a.Params = append(a.Params, AuthParam{Key: key, Value: value, Type: "string"})
}

// Inherits reports whether this auth definition defers to the parent's: nil, no type, or
// the invalid type "type" (postman-collection request-auth.js isValidType).
func (a *Auth) Inherits() bool { return a == nil || a.Type == "" || a.Type == "type" }

// Clone returns a copy of the auth definition (parameter values are shared).
func (a *Auth) Clone() *Auth {
	if a == nil {
		return nil
	}
	c := *a
	c.Params = append([]AuthParam(nil), a.Params...)
	return &c
}

// MarshalJSON writes the v2.1 form {"type": t, t: [{key, value, type}]}.
func (a *Auth) MarshalJSON() ([]byte, error) {
	if a == nil {
		return []byte("null"), nil
	}
	type param struct {
		Key   string `json:"key"`
		Value any    `json:"value"`
		Type  string `json:"type,omitempty"`
	}
	params := make([]param, len(a.Params))
	for i, p := range a.Params {
		params[i] = param(p)
	}
	var b bytes.Buffer
	b.WriteString(`{"type":`)
	t, _ := json.Marshal(a.Type)
	b.Write(t)
	if a.Type != "" && a.Type != "noauth" {
		b.WriteByte(',')
		b.Write(t)
		b.WriteByte(':')
		list, err := json.Marshal(params)
		if err != nil {
			return nil, fmt.Errorf("encoding %s auth: %w", a.Type, err)
		}
		b.Write(list)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads both the v2.1 list form and the v2.0 object form
// ("basic": {"username": "..."}), keeping the object's key order. null leaves a nil-like
// empty auth (Type "").
func (a *Auth) UnmarshalJSON(data []byte) error {
	*a = Auth{}
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	a.Type = head.Type
	if head.Type == "" {
		return nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	raw, ok := fields[head.Type]
	if !ok || isJSONNull(raw) {
		return nil
	}
	params, err := parseAuthParams(raw)
	if err != nil {
		return fmt.Errorf("%s auth: %w", head.Type, err)
	}
	a.Params = params
	return nil
}

func parseAuthParams(raw json.RawMessage) ([]AuthParam, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var list []struct {
			Key   string `json:"key"`
			Value any    `json:"value"`
			Type  string `json:"type"`
		}
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, err
		}
		params := make([]AuthParam, len(list))
		for i, p := range list {
			params[i] = AuthParam(p)
		}
		return params, nil
	}
	var params []AuthParam
	err := orderedObject(raw, func(key string, value json.RawMessage) error {
		var v any
		if err := json.Unmarshal(value, &v); err != nil {
			return err
		}
		params = append(params, AuthParam{Key: key, Value: v, Type: jsonTypeName(v)})
		return nil
	})
	return params, err
}

// jsonTypeName names a decoded JSON value's type the way Postman's auth params do.
func jsonTypeName(v any) string {
	switch v.(type) {
	case bool:
		return "boolean"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case nil:
		return "any"
	}
	return "string"
}

// orderedObject calls fn for each member of the JSON object raw, in document order.
func orderedObject(raw []byte, fn func(key string, value json.RawMessage) error) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("expected a JSON object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return err
		}
		if err := fn(key, value); err != nil {
			return err
		}
	}
	_, err = dec.Token()
	return err
}

func isJSONNull(raw json.RawMessage) bool {
	return len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}
