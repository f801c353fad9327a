package collections

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

const collectionKind = "collection"

// ParseCollection parses a Postman collection (v2.0 or v2.1) from a file's bytes; name is
// the file path, used in errors. A UTF-8 BOM is ignored and UTF-16 (with BOM) decoded; a
// {"collection": …} wrapper (Postman API responses) is unwrapped. Errors are *InputError:
// invalid JSON (with line and column) or a document that is not a collection. A v1
// collection is converted to v2.1 and gets Newman's deprecation warning in Warnings.
func ParseCollection(data []byte, name string) (*Collection, error) {
	data = decodeText(data)
	if c, ok, err := parseValidCollection(data, name); ok {
		return c, err
	}
	return parseCollectionJSON(data, name, parseValidItems)
}

// parseCollectionJSON is ParseCollection's general path, reading the document with
// encoding/json and the item list with readItems.
func parseCollectionJSON(data []byte, name string, readItems func(json.RawMessage, *Item) ([]*Item, error),
) (*Collection, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, jsonError(collectionKind, name, data, err)
	}
	if inner, ok := top["collection"]; ok && top["item"] == nil && top["info"] == nil {
		if err := json.Unmarshal(inner, &top); err != nil {
			return nil, jsonError(collectionKind, name, inner, err)
		}
		data = inner
	}
	if top["info"] == nil && top["item"] == nil {
		if isV1Collection(top) {
			return parseV1Collection(top, name)
		}
		return nil, &InputError{Kind: collectionKind, File: name, Msg: "not a Postman collection",
			Err: errors.New(`no "info" or "item" found`)}
	}
	c, err := buildCollectionWith(top, readItems)
	if err != nil {
		return nil, &InputError{Kind: collectionKind, File: name, Msg: "invalid collection", Err: err}
	}
	c.Raw = append(json.RawMessage(nil), bytes.TrimSpace(data)...)
	return c, nil
}

// parseValidCollection is ParseCollection's one-pass reader: when data is valid JSON and
// a plain v2 collection object, the collection is read from sub-slices of one copy of the
// file, which is also its Raw (items' Raw are sub-slices of it). ok is false when the
// document needs ParseCollection's general path: invalid JSON, a {"collection": …}
// wrapper, a v1 collection or not a collection at all, escaped member names.
func parseValidCollection(data []byte, name string) (c *Collection, ok bool, err error) {
	if !json.Valid(data) {
		return nil, false, nil
	}
	own := append(json.RawMessage(nil), bytes.TrimSpace(data)...)
	top := map[string]json.RawMessage{}
	if !eachMember(own, func(k, v []byte) bool { top[string(k)] = v[:len(v):len(v)]; return true }) {
		return nil, false, nil
	}
	if top["info"] == nil && top["item"] == nil {
		return nil, false, nil
	}
	if c, err = buildCollection(top); err != nil {
		return nil, true, &InputError{Kind: collectionKind, File: name, Msg: "invalid collection", Err: err}
	}
	c.Raw = own
	return c, true, nil
}

// itemJSON holds the fields shared by collections, folders and request items.
type itemJSON struct {
	ID                      string          `json:"id"`
	PostmanID               string          `json:"_postman_id"`
	Name                    json.RawMessage `json:"name"`
	Description             json.RawMessage `json:"description"`
	Item                    json.RawMessage `json:"item"`
	Request                 json.RawMessage `json:"request"`
	Event                   json.RawMessage `json:"event"`
	Variable                json.RawMessage `json:"variable"`
	Auth                    json.RawMessage `json:"auth"`
	ProtocolProfileBehavior map[string]any  `json:"protocolProfileBehavior"`
}

func buildCollection(top map[string]json.RawMessage) (*Collection, error) {
	return buildCollectionWith(top, parseValidItems)
}

// buildCollectionWith is buildCollection reading the item list with readItems.
func buildCollectionWith(top map[string]json.RawMessage,
	readItems func(json.RawMessage, *Item) ([]*Item, error),
) (*Collection, error) {
	c := &Collection{}
	if raw := top["info"]; !isJSONNull(raw) {
		var info struct {
			ID          string          `json:"_postman_id"`
			Name        json.RawMessage `json:"name"`
			Description json.RawMessage `json:"description"`
			Schema      string          `json:"schema"`
			Version     json.RawMessage `json:"version"`
		}
		if err := json.Unmarshal(raw, &info); err != nil {
			return nil, fmt.Errorf("info: %w", err)
		}
		c.Info = Info{ID: info.ID, Name: jsonString(info.Name), Description: parseDescription(info.Description),
			Schema: info.Schema, Version: versionString(info.Version)}
	}
	var err error
	if c.Events, err = parseEvents(top["event"]); err != nil {
		return nil, err
	}
	if c.Variables, err = parseVariableList(top["variable"]); err != nil {
		return nil, err
	}
	if c.Auth, err = parseAuth(top["auth"]); err != nil {
		return nil, err
	}
	if raw := top["protocolProfileBehavior"]; !isJSONNull(raw) {
		if err := json.Unmarshal(raw, &c.ProtocolProfileBehavior); err != nil {
			return nil, fmt.Errorf("protocolProfileBehavior: %w", err)
		}
	}
	if c.Items, err = readItems(top["item"], nil); err != nil {
		return nil, err
	}
	return c, nil
}

// versionString reads info.version, a string or a {major, minor, patch} object.
func versionString(raw json.RawMessage) string {
	if isJSONNull(raw) {
		return ""
	}
	var v struct {
		Major, Minor, Patch any
	}
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) && json.Unmarshal(raw, &v) == nil {
		return Stringify(v.Major) + "." + Stringify(v.Minor) + "." + Stringify(v.Patch)
	}
	return jsonString(raw)
}

func parseItems(raw json.RawMessage, parent *Item) ([]*Item, error) {
	if isJSONNull(raw) {
		return nil, nil
	}
	raw = bytes.TrimSpace(raw)
	if raw[0] == '{' { // a single item instead of a list
		raw = append(append([]byte{'['}, raw...), ']')
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("item list: %w", err)
	}
	return buildItems(list, parent, parseItem)
}

// buildItems parses each raw item with parse, naming the innermost failing item in errors.
func buildItems(list []json.RawMessage, parent *Item, parse func(json.RawMessage, *Item) (*Item, error),
) ([]*Item, error) {
	items := make([]*Item, 0, len(list))
	for i, r := range list {
		it, err := parse(r, parent)
		var nested *itemError
		if errors.As(err, &nested) {
			return nil, err
		}
		if err != nil {
			return nil, &itemError{label: itemLabel(parent, i, r), err: err}
		}
		items = append(items, it)
	}
	return items, nil
}

// itemError names the innermost item that failed to parse.
type itemError struct {
	label string
	err   error
}

func (e *itemError) Error() string { return e.label + ": " + e.err.Error() }
func (e *itemError) Unwrap() error { return e.err }

// itemLabel names an item in errors: its path of names, or its position.
func itemLabel(parent *Item, i int, raw json.RawMessage) string {
	var n struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal(raw, &n)
	label := n.Name
	if label == "" {
		label = fmt.Sprintf("#%d", i+1)
	}
	if parent != nil {
		return fmt.Sprintf("item %q", joinPath(append(parent.Path(), label)))
	}
	return fmt.Sprintf("item %q", label)
}

func parseItem(raw json.RawMessage, parent *Item) (*Item, error) {
	var in itemJSON
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, err
	}
	return buildItem(in, append(json.RawMessage(nil), bytes.TrimSpace(raw)...), parent, itemDecoders{
		items:   parseItems,
		request: func(r *Request, raw json.RawMessage) error { return r.UnmarshalJSON(raw) },
		events:  parseEvents,
	})
}

// itemDecoders are the readers buildItem uses for nested items and the request: the
// encoding/json ones, or the one-pass ones for input already known to be valid JSON.
type itemDecoders struct {
	items   func(json.RawMessage, *Item) ([]*Item, error)
	request func(*Request, json.RawMessage) error
	events  func(json.RawMessage) ([]Event, error)
}

// buildItem makes the Item of a decoded item object whose JSON text is raw.
func buildItem(in itemJSON, raw json.RawMessage, parent *Item, dec itemDecoders) (*Item, error) {
	it := &Item{ID: in.ID, Name: jsonString(in.Name), Description: parseDescription(in.Description),
		ProtocolProfileBehavior: in.ProtocolProfileBehavior, Parent: parent, Raw: raw}
	if it.ID == "" {
		it.ID = in.PostmanID
	}
	if it.ID == "" {
		// Postman gives every item an id; scripts read it as pm.info.requestId.
		it.ID = NewUUID()
	}
	var err error
	if it.Events, err = dec.events(in.Event); err != nil {
		return nil, err
	}
	if it.Variables, err = parseVariableList(in.Variable); err != nil {
		return nil, err
	}
	if in.Item != nil && isJSONNull(in.Request) {
		it.IsFolder = true
		if it.Auth, err = parseAuth(in.Auth); err != nil {
			return nil, err
		}
		it.Items, err = dec.items(in.Item, it)
		return it, err
	}
	it.Request = &Request{Method: "GET"}
	if !isJSONNull(in.Request) {
		if err := dec.request(it.Request, in.Request); err != nil {
			return nil, fmt.Errorf("request: %w", err)
		}
	}
	return it, nil
}

func parseAuth(raw json.RawMessage) (*Auth, error) {
	if isJSONNull(raw) {
		return nil, nil
	}
	a := &Auth{}
	if err := a.UnmarshalJSON(raw); err != nil {
		return nil, err
	}
	if a.Type == "" {
		return nil, nil
	}
	return a, nil
}

func parseVariableList(raw json.RawMessage) ([]Variable, error) {
	if isJSONNull(raw) {
		return nil, nil
	}
	var list []variableJSON
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("variable: %w", err)
	}
	return variablesFromJSON(list), nil
}
