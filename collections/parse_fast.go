package collections

import (
	"encoding/json"
	"fmt"
)

// The readers in this file take JSON that is known to be valid (see jsonscan.go) and
// read the common shapes of items, requests, URLs and headers in one pass over
// sub-slices. Whatever they do not handle — a member written in another letter case, a
// repeated member, a value of an unexpected type — they hand to the encoding/json based
// readers (parseItem, Request.UnmarshalJSON, parseURLJSON, parseHeaders), so the result,
// errors included, is the same as reading with those alone.

// itemKeys are the members of itemJSON, in its field order.
var itemKeys = []string{"id", "_postman_id", "name", "description", "item", "request", "event",
	"variable", "auth", "protocolProfileBehavior"}

// parseValidItems is parseItems for valid JSON: items are read by parseValidItem.
func parseValidItems(raw json.RawMessage, parent *Item) ([]*Item, error) {
	if isJSONNull(raw) {
		return nil, nil
	}
	var list []json.RawMessage
	switch {
	case len(raw) > 0 && raw[0] == '{': // a single item instead of a list
		list = []json.RawMessage{raw}
	case !eachElement(raw, func(v []byte) bool { list = append(list, v[:len(v):len(v)]); return true }):
		return parseItems(raw, parent)
	}
	return buildItems(list, parent, parseValidItem)
}

// splitItem reads the members of an item object; ok is false when encoding/json must.
func splitItem(raw []byte) (in itemJSON, ok bool) {
	var seen fieldSet
	ok = eachMember(raw, func(k, v []byte) bool {
		var field *json.RawMessage
		var bit uint
		switch string(k) {
		case "id", "_postman_id":
			s, isStr := decodeJSONString(v)
			if !isStr && !isNullLiteral(v) {
				return false
			}
			if string(k) == "id" {
				in.ID, bit = s, 0
			} else {
				in.PostmanID, bit = s, 1
			}
			return seen.add(bit)
		case "name":
			field, bit = &in.Name, 2
		case "description":
			field, bit = &in.Description, 3
		case "item":
			field, bit = &in.Item, 4
		case "request":
			field, bit = &in.Request, 5
		case "event":
			field, bit = &in.Event, 6
		case "variable":
			field, bit = &in.Variable, 7
		case "auth":
			field, bit = &in.Auth, 8
		case "protocolProfileBehavior":
			return seen.add(9) && json.Unmarshal(v, &in.ProtocolProfileBehavior) == nil
		default:
			return !foldsToAny(k, itemKeys)
		}
		*field = v[:len(v):len(v)]
		return seen.add(bit)
	})
	return in, ok
}

// parseValidItem is parseItem for valid JSON. The item's Raw is a sub-slice of raw.
func parseValidItem(raw json.RawMessage, parent *Item) (*Item, error) {
	in, ok := splitItem(raw)
	if !ok {
		return parseItem(raw, parent)
	}
	return buildItem(in, raw[:len(raw):len(raw)], parent, itemDecoders{
		items:   parseValidItems,
		request: func(r *Request, raw json.RawMessage) error { return r.unmarshalValid(raw) },
		events:  parseValidEvents,
	})
}

// requestKeys are the members Request.UnmarshalJSON reads.
var requestKeys = []string{"url", "method", "header", "body", "auth", "description", "proxy", "certificate"}

// requestJSON holds the members of a request object.
type requestJSON struct {
	URL, Method, Header, Body, Auth, Description, Proxy, Certificate json.RawMessage
}

// splitRequest reads the members of a request object; ok is false when encoding/json must.
func splitRequest(raw []byte) (in requestJSON, ok bool) {
	var seen fieldSet
	ok = eachMember(raw, func(k, v []byte) bool {
		var field *json.RawMessage
		var bit uint
		switch string(k) {
		case "url":
			field, bit = &in.URL, 0
		case "method":
			field, bit = &in.Method, 1
		case "header":
			field, bit = &in.Header, 2
		case "body":
			field, bit = &in.Body, 3
		case "auth":
			field, bit = &in.Auth, 4
		case "description":
			field, bit = &in.Description, 5
		case "proxy":
			field, bit = &in.Proxy, 6
		case "certificate":
			field, bit = &in.Certificate, 7
		default:
			return !foldsToAny(k, requestKeys)
		}
		*field = v[:len(v):len(v)]
		return seen.add(bit)
	})
	return in, ok
}

// unmarshalValid is UnmarshalJSON for valid JSON.
func (r *Request) unmarshalValid(data []byte) error {
	if len(data) == 0 || data[0] != '{' {
		return r.UnmarshalJSON(data)
	}
	in, ok := splitRequest(data)
	if !ok {
		return r.UnmarshalJSON(data)
	}
	*r = Request{Method: "GET"}
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
	var err error
	if r.URL, err = parseValidURL(in.URL); err != nil {
		return fmt.Errorf("url: %w", err)
	}
	if r.Headers, err = parseValidHeaders(in.Header); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	return r.unmarshalBodyAuth(in.Body, in.Auth)
}
