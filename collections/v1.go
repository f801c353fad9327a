package collections

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// V1Warnings are the warnings a v1 collection produces on load, in Newman's words
// (newman lib/run/options.js prints them when it converts a v1 collection).
var V1Warnings = []string{
	"newman: Newman v4 deprecates support for the v1 collection format",
	"  Use the Postman Native app to export collections in the v2 format",
}

// schemaV21 is the schema URL a converted collection declares.
const schemaV21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

// isV1Collection says whether a top-level object is a collection in the v1 format: no
// v2 "info" or "item", and v1's "requests" or "order" lists.
func isV1Collection(top map[string]json.RawMessage) bool {
	return top["info"] == nil && top["item"] == nil && (top["requests"] != nil || top["order"] != nil)
}

// parseV1Collection converts a v1 collection to v2.1 the way
// postman-collection-transformer does for Newman, then parses the result. The
// collection's Raw is the converted v2.1 JSON and Warnings holds V1Warnings.
func parseV1Collection(top map[string]json.RawMessage, name string) (*Collection, error) {
	converted, err := convertV1(top)
	if err != nil {
		return nil, &InputError{Kind: collectionKind, File: name, Msg: "invalid v1 collection", Err: err}
	}
	var v2 map[string]json.RawMessage
	if err := json.Unmarshal(converted, &v2); err != nil {
		return nil, &InputError{Kind: collectionKind, File: name, Msg: "invalid v1 collection", Err: err}
	}
	c, err := buildCollection(v2)
	if err != nil {
		return nil, &InputError{Kind: collectionKind, File: name, Msg: "invalid v1 collection", Err: err}
	}
	c.Raw = converted
	c.Warnings = append([]string(nil), V1Warnings...)
	return c, nil
}

// v1Entity holds the fields v1 collections, folders and requests share: scripts, auth
// and variables. Raw messages tell "absent" (nil) from "null".
type v1Entity struct {
	ID               string          `json:"id"`
	Name             json.RawMessage `json:"name"`
	Description      json.RawMessage `json:"description"`
	Events           json.RawMessage `json:"events"`
	Tests            json.RawMessage `json:"tests"`
	PreRequestScript json.RawMessage `json:"preRequestScript"`
	Auth             json.RawMessage `json:"auth"`
	CurrentHelper    json.RawMessage `json:"currentHelper"`
	HelperAttributes json.RawMessage `json:"helperAttributes"`
	Variables        json.RawMessage `json:"variables"`
	Variable         json.RawMessage `json:"variable"`
}

// v1Folder is one entry of a v1 collection's "folders".
type v1Folder struct {
	v1Entity
	Order        []string `json:"order"`
	FoldersOrder []string `json:"folders_order"`
}

type v1CollectionJSON struct {
	v1Entity
	Order        []string          `json:"order"`
	FoldersOrder []string          `json:"folders_order"`
	Folders      []*v1Folder       `json:"folders"`
	Requests     []json.RawMessage `json:"requests"`
}

// convertV1 returns the v2.1 JSON of a v1 collection.
func convertV1(top map[string]json.RawMessage) ([]byte, error) {
	raw, err := json.Marshal(top)
	if err != nil {
		return nil, err
	}
	var in v1CollectionJSON
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, err
	}
	conv := &v1Converter{requests: map[string]json.RawMessage{}}
	for _, r := range in.Requests {
		var id struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(r, &id) == nil && id.ID != "" {
			if _, dup := conv.requests[id.ID]; !dup {
				conv.requests[id.ID] = r
				conv.requestOrder = append(conv.requestOrder, id.ID)
			}
		}
	}
	out := map[string]any{}
	info := map[string]any{"_postman_id": in.ID, "name": jsonString(in.Name), "schema": schemaV21}
	if in.ID == "" {
		info["_postman_id"] = NewUUID()
	}
	if d := parseDescription(in.Description); d != "" {
		info["description"] = d
	}
	out["info"] = info
	if out["item"], err = conv.items(&in); err != nil {
		return nil, err
	}
	if err := conv.entityParts(out, &in.v1Entity, true); err != nil {
		return nil, fmt.Errorf("collection: %w", err)
	}
	return json.Marshal(out)
}

// v1Converter keeps the requests of a v1 collection by id while items are built.
type v1Converter struct {
	requests     map[string]json.RawMessage
	requestOrder []string
}

// v1Node is a folder being assembled: its subfolders and request ids in order.
type v1Node struct {
	folder *v1Folder
	subs   []*v1Node
	isSub  bool
}

// items builds the top-level item list: folders (in folders_order, subfolders nested
// under their parents), then the collection's own requests in "order".
func (c *v1Converter) items(in *v1CollectionJSON) ([]any, error) {
	nodes := map[string]*v1Node{}
	var ids []string
	for _, f := range in.Folders {
		if f == nil {
			continue
		}
		if _, dup := nodes[f.ID]; !dup {
			ids = append(ids, f.ID)
		}
		nodes[f.ID] = &v1Node{folder: f}
	}
	for _, f := range in.Folders {
		if f == nil {
			continue
		}
		n := nodes[f.ID]
		for _, sub := range f.FoldersOrder {
			if s, ok := nodes[sub]; ok && s != n {
				s.isSub = true
				n.subs = append(n.subs, s)
			}
		}
	}
	if err := v1FolderCycle(ids, nodes); err != nil {
		return nil, err
	}
	order := in.FoldersOrder
	if order == nil {
		order = ids
	}
	items := []any{}
	seen := map[string]bool{}
	for _, id := range order {
		n, ok := nodes[id]
		if !ok || seen[id] || n.isSub {
			continue
		}
		seen[id] = true
		item, err := c.folderItem(n, map[*v1Node]bool{})
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	done := map[string]bool{}
	for _, id := range in.Order {
		raw, ok := c.requests[id]
		if !ok || done[id] {
			continue
		}
		done[id] = true
		item, err := c.requestItem(raw)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	return items, nil
}

// v1FolderCycle finds folders that contain themselves through folders_order (A lists B, B
// lists A): they would be nobody's subfolder and nobody's parent, and vanish from the run.
func v1FolderCycle(ids []string, nodes map[string]*v1Node) error {
	const inProgress, done = 1, 2
	state := map[*v1Node]int{}
	var visit func(n *v1Node, path []*v1Node) error
	visit = func(n *v1Node, path []*v1Node) error {
		switch state[n] {
		case done:
			return nil
		case inProgress:
			var names []string
			for i := len(path) - 1; i >= 0; i-- {
				names = append([]string{jsonString(path[i].folder.Name)}, names...)
				if path[i] == n {
					break
				}
			}
			return fmt.Errorf("folders %s list each other in folders_order: a folder cannot contain itself",
				quoteNames(append(names, jsonString(n.folder.Name))))
		}
		state[n] = inProgress
		for _, s := range n.subs {
			if err := visit(s, append(path, n)); err != nil {
				return err
			}
		}
		state[n] = done
		return nil
	}
	for _, id := range ids {
		if err := visit(nodes[id], nil); err != nil {
			return err
		}
	}
	return nil
}

func quoteNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, " → ")
}

// folderItem converts a folder and, recursively, its subfolders and requests. path
// guards against folders that contain themselves.
func (c *v1Converter) folderItem(n *v1Node, path map[*v1Node]bool) (map[string]any, error) {
	path[n] = true
	defer delete(path, n)
	f := n.folder
	children := []any{}
	for _, s := range n.subs {
		if path[s] {
			continue
		}
		item, err := c.folderItem(s, path)
		if err != nil {
			return nil, err
		}
		children = append(children, item)
	}
	for _, id := range f.Order {
		raw, ok := c.requests[id]
		if !ok {
			continue
		}
		item, err := c.requestItem(raw)
		if err != nil {
			return nil, err
		}
		children = append(children, item)
	}
	out := map[string]any{"name": jsonString(f.Name), "item": children}
	if f.ID != "" {
		out["id"] = f.ID
	}
	if d := parseDescription(f.Description); d != "" {
		out["description"] = d
	}
	if err := c.entityParts(out, &f.v1Entity, false); err != nil {
		return nil, fmt.Errorf("folder %q: %w", jsonString(f.Name), err)
	}
	return out, nil
}

// entityParts adds the converted auth, events and variables of e to out.
func (c *v1Converter) entityParts(out map[string]any, e *v1Entity, isCollection bool) error {
	auth, err := v1Auth(e)
	if err != nil {
		return err
	}
	if auth != nil && (!isCollection || auth.Type != "noauth") {
		out["auth"] = auth
	}
	events, err := v1Events(e)
	if err != nil {
		return err
	}
	if len(events) > 0 {
		out["event"] = events
	}
	if vars := v1Variables(e); len(vars) > 0 {
		out["variable"] = vars
	}
	return nil
}

// v1Events converts a v1 entity's scripts: its "events" list when it has no legacy
// tests/preRequestScript, else those two scripts (tests first, as the transformer does).
func v1Events(e *v1Entity) ([]any, error) {
	tests, pre := v1Script(e.Tests), v1Script(e.PreRequestScript)
	if tests == nil && pre == nil && !isJSONNull(e.Events) {
		var events []map[string]any
		if err := json.Unmarshal(e.Events, &events); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		out := make([]any, 0, len(events))
		for _, ev := range events {
			if l, _ := ev["listen"].(string); l == "" {
				ev["listen"] = "test"
			}
			if s, ok := ev["script"].(map[string]any); ok {
				if t, _ := s["type"].(string); t == "" {
					s["type"] = "text/javascript"
				}
				if exec, ok := s["exec"].(string); ok {
					s["exec"] = strings.Split(exec, "\n")
				}
			}
			out = append(out, ev)
		}
		return out, nil
	}
	var out []any
	if tests != nil {
		out = append(out, scriptEvent("test", tests))
	}
	if pre != nil {
		out = append(out, scriptEvent("prerequest", pre))
	}
	return out, nil
}

func scriptEvent(listen string, exec any) map[string]any {
	return map[string]any{"listen": listen, "script": map[string]any{"type": "text/javascript", "exec": exec}}
}

// v1Script returns a legacy script (a string, split into lines, or a list of lines) as
// v2 exec, or nil when it is absent or empty.
func v1Script(raw json.RawMessage) any {
	if isJSONNull(raw) {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s == "" {
			return nil
		}
		return strings.Split(s, "\n")
	}
	var lines []any
	if json.Unmarshal(raw, &lines) == nil {
		return lines
	}
	return nil
}

// v1Variables converts a "variables" (or "variable") list: key falls back to id, type
// "text" becomes "string".
func v1Variables(e *v1Entity) []any {
	raw := e.Variables
	if isJSONNull(raw) {
		raw = e.Variable
	}
	if isJSONNull(raw) {
		return nil
	}
	var list []map[string]any
	if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	out := make([]any, 0, len(list))
	for _, v := range list {
		key := v["key"]
		if s, _ := key.(string); s == "" {
			key = v["id"]
		}
		nv := map[string]any{"key": key, "value": v["value"]}
		if t, _ := v["type"].(string); t != "" {
			if t == "text" {
				t = "string"
			}
			nv["type"] = t
		}
		if d, _ := v["disabled"].(bool); d {
			nv["disabled"] = true
		}
		if d, ok := v["description"]; ok && d != nil && d != "" {
			nv["description"] = d
		}
		out = append(out, nv)
	}
	return out
}

// isJSONFalsy reports JSON null, false, "", 0 or absence.
func isJSONFalsy(raw json.RawMessage) bool {
	t := string(bytes.TrimSpace(raw))
	return t == "" || t == "null" || t == "false" || t == `""` || t == "0"
}
