package echo

import (
	"bytes"
	"encoding/json"
)

// field is one member of an ordered JSON object.
type field struct {
	name  string
	value any
}

// object is a JSON object that keeps its members in insertion order, as postman-echo (an
// express app) does for query strings, forms and headers.
type object []field

// MarshalJSON writes the members in order, without HTML escaping.
func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		name, err := encode(f.name)
		if err != nil {
			return nil, err
		}
		buf.Write(name)
		buf.WriteByte(':')
		val, err := encode(f.value)
		if err != nil {
			return nil, err
		}
		buf.Write(val)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// with appends a string value under name; when name is already present the value becomes an
// array of every value in order (express's qs behaviour).
func (o object) with(name, value string) object {
	for i := range o {
		if o[i].name != name {
			continue
		}
		switch cur := o[i].value.(type) {
		case string:
			o[i].value = []string{cur, value}
		case []string:
			o[i].value = append(cur, value)
		}
		return o
	}
	return append(o, field{name, value})
}

// last returns the last string value stored under name.
func (o object) last(name string) (string, bool) {
	for _, f := range o {
		if f.name != name {
			continue
		}
		switch v := f.value.(type) {
		case string:
			return v, true
		case []string:
			return v[len(v)-1], true
		}
	}
	return "", false
}

// values returns every string value stored under f, in order.
func (f field) values() []string {
	switch v := f.value.(type) {
	case string:
		return []string{v}
	case []string:
		return v
	}
	return nil
}

// encode marshals v as JSON without escaping <, > and & (express does not escape them).
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
