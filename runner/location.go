package runner

import (
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// scriptOwners names, for each script of it.ScriptChain(c, listen), the collection, folder
// or item that holds it: what pm.execution.location.current says in Postman.
func scriptOwners(c *collections.Collection, it *collections.Item, listen string) []string {
	var out []string
	add := func(name string, events []collections.Event) {
		for _, e := range events {
			if e.Listen == listen && !e.Disabled && strings.TrimSpace(e.Script.Source) != "" {
				out = append(out, name)
			}
		}
	}
	if c != nil {
		add(c.Info.Name, c.Events)
	}
	var folders []*collections.Item
	for p := it.Parent; p != nil; p = p.Parent {
		folders = append([]*collections.Item{p}, folders...)
	}
	for _, f := range folders {
		add(f.Name, f.Events)
	}
	add(it.Name, it.Events)
	return out
}

// ownerAt is owners[i], or "" when the lists disagree.
func ownerAt(owners []string, i int) string {
	if i < len(owners) {
		return owners[i]
	}
	return ""
}
