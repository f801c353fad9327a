package collections

import (
	"maps"
	"strings"
)

// Walk returns the request items under items in execution order (depth first).
func Walk(items []*Item) []*Item {
	var out []*Item
	var walk func([]*Item)
	walk = func(list []*Item) {
		for _, it := range list {
			if it.IsFolder {
				walk(it.Items)
				continue
			}
			out = append(out, it)
		}
	}
	walk(items)
	return out
}

// Path returns the names from the top-level folder down to it (item included).
func (it *Item) Path() []string {
	var names []string
	for p := it; p != nil; p = p.Parent {
		names = append(names, p.Name)
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	return names
}

// joinPath renders a path the way reports show it: names joined with "/".
func joinPath(names []string) string { return strings.Join(names, "/") }

// ancestors returns the enclosing folders from the top level down to the direct parent.
func (it *Item) ancestors() []*Item {
	var list []*Item
	for p := it.Parent; p != nil; p = p.Parent {
		list = append(list, p)
	}
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list
}

// ownAuth is the auth defined on the item itself: the request's for request items, the
// folder's for folders.
func (it *Item) ownAuth() *Auth {
	if it.IsFolder || it.Request == nil {
		return it.Auth
	}
	return it.Request.Auth
}

// ResolvedAuth returns the auth that applies to the item (postman-reference §4.1 "Auth
// inheritance"): its own if it has a type, else the nearest enclosing folder's, else the
// collection's; nil when none is set. A "noauth" definition stops the search and is returned
// as is, so callers check Type == "noauth".
func (it *Item) ResolvedAuth(c *Collection) *Auth {
	for p := it; p != nil; p = p.Parent {
		if a := p.ownAuth(); !a.Inherits() {
			return a
		}
	}
	if c != nil && !c.Auth.Inherits() {
		return c.Auth
	}
	return nil
}

// ScriptChain returns the scripts run for listen ("prerequest" or "test") around the item,
// in execution order: collection, then folders from the top level down, then the item.
// Disabled events and events without a script are left out; blank scripts are kept, since
// Newman runs and counts them.
func (it *Item) ScriptChain(c *Collection, listen string) []Script {
	var out []Script
	add := func(events []Event) {
		for _, e := range events {
			if e.Listen == listen && !e.Disabled && !e.NoScript {
				out = append(out, e.Script)
			}
		}
	}
	if c != nil {
		add(c.Events)
	}
	for _, f := range it.ancestors() {
		add(f.Events)
	}
	add(it.Events)
	return out
}

// ResolvedProtocolProfileBehavior merges protocolProfileBehavior from the collection, the
// folders and the item, the nearest definition of each key winning. The result is a new map
// (never nil).
func (it *Item) ResolvedProtocolProfileBehavior(c *Collection) map[string]any {
	out := map[string]any{}
	if c != nil {
		maps.Copy(out, c.ProtocolProfileBehavior)
	}
	for _, f := range it.ancestors() {
		maps.Copy(out, f.ProtocolProfileBehavior)
	}
	maps.Copy(out, it.ProtocolProfileBehavior)
	return out
}

// Find returns the folders and requests matching idOrName anywhere in the tree, as
// Newman's --folder and setNextRequest look them up: items whose ID matches first; only when
// none does, items whose Name matches. Results are in document order.
func (c *Collection) Find(idOrName string) []*Item {
	if c == nil {
		return nil
	}
	var byID, byName []*Item
	var walk func([]*Item)
	walk = func(list []*Item) {
		for _, it := range list {
			if it.ID != "" && it.ID == idOrName {
				byID = append(byID, it)
			}
			if it.Name == idOrName {
				byName = append(byName, it)
			}
			walk(it.Items)
		}
	}
	walk(c.Items)
	if len(byID) > 0 {
		return byID
	}
	return byName
}
