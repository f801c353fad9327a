package collections

import (
	"encoding/json"
)

// urlKeys, queryKeys and headerKeys are the members of urlJSON, queryJSON and a header
// list entry.
var (
	urlKeys    = []string{"raw", "protocol", "auth", "host", "port", "path", "query", "hash", "variable"}
	queryKeys  = []string{"key", "value", "disabled", "description"}
	headerKeys = queryKeys
)

// parseValidURL is parseURLJSON for valid JSON.
func parseValidURL(raw json.RawMessage) (URL, error) {
	if len(raw) > 0 && raw[0] == '{' {
		if in, ok := splitURL(raw); ok {
			return in.toURL(), nil
		}
	}
	return parseURLJSON(raw)
}

// stringMember reads a member decoded into a string field: a string, or null (which
// leaves the field as it is); ok is false for other values.
func stringMember(dst *string, v []byte) bool {
	if isNullLiteral(v) {
		return true
	}
	s, ok := decodeJSONString(v)
	*dst = s
	return ok
}

// boolMember reads a member decoded into a bool field: true, false or null (no change).
func boolMember(dst *bool, v []byte) bool {
	switch string(v) {
	case "true":
		*dst = true
	case "false":
		*dst = false
	case "null":
	default:
		return false
	}
	return true
}

// splitURL reads the members of a URL object; ok is false when encoding/json must.
func splitURL(raw []byte) (in urlJSON, ok bool) {
	var seen fieldSet
	ok = eachMember(raw, func(k, v []byte) bool {
		var bit uint
		good := true
		switch string(k) {
		case "raw":
			bit, good = 0, stringMember(&in.Raw, v)
		case "protocol":
			bit, good = 1, stringMember(&in.Protocol, v)
		case "auth":
			bit, in.Auth = 2, v
		case "host":
			bit, in.Host = 3, v
		case "port":
			bit, in.Port = 4, v
		case "path":
			bit, in.Path = 5, v
		case "query":
			bit, good = 6, splitQuery(v, &in.Query)
		case "hash":
			bit, good = 7, stringMember(&in.Hash, v)
		case "variable":
			bit, good = 8, json.Unmarshal(v, &in.Variable) == nil
		default:
			return !foldsToAny(k, urlKeys)
		}
		return good && seen.add(bit)
	})
	return in, ok
}

// splitQuery reads a query list: null, or an array of objects.
func splitQuery(v []byte, dst *[]queryJSON) bool {
	if isNullLiteral(v) {
		return true
	}
	list := []queryJSON{}
	ok := eachElement(v, func(e []byte) bool {
		q, ok := splitQueryParam(e)
		list = append(list, q)
		return ok
	})
	*dst = list
	return ok
}

// splitQueryParam reads one query parameter object.
func splitQueryParam(raw []byte) (q queryJSON, ok bool) {
	var seen fieldSet
	ok = eachMember(raw, func(k, v []byte) bool {
		var bit uint
		good := true
		switch string(k) {
		case "key":
			bit = 0
			if isNullLiteral(v) {
				q.Key = nil
			} else {
				s, isStr := decodeJSONString(v)
				q.Key, good = &s, isStr
			}
		case "value":
			bit, q.Value = 1, v
		case "disabled":
			bit, good = 2, boolMember(&q.Disabled, v)
		case "description":
			bit, q.Description = 3, v
		default:
			return !foldsToAny(k, queryKeys)
		}
		return good && seen.add(bit)
	})
	return q, ok
}

// headerJSON is one entry of a header list.
type headerJSON struct {
	Key, Value, Description json.RawMessage
	Disabled                bool
}

// parseValidHeaders is parseHeaders for valid JSON.
func parseValidHeaders(raw json.RawMessage) ([]Header, error) {
	if len(raw) == 0 || raw[0] != '[' {
		return parseHeaders(raw)
	}
	var list []headerJSON
	if !eachElement(raw, func(e []byte) bool {
		h, ok := splitHeader(e)
		list = append(list, h)
		return ok
	}) {
		return parseHeaders(raw)
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

// splitHeader reads one header object.
func splitHeader(raw []byte) (h headerJSON, ok bool) {
	var seen fieldSet
	ok = eachMember(raw, func(k, v []byte) bool {
		var bit uint
		good := true
		switch string(k) {
		case "key":
			bit, h.Key = 0, v
		case "value":
			bit, h.Value = 1, v
		case "disabled":
			bit, good = 2, boolMember(&h.Disabled, v)
		case "description":
			bit, h.Description = 3, v
		default:
			return !foldsToAny(k, headerKeys)
		}
		return good && seen.add(bit)
	})
	return h, ok
}
