package cli

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/pmrun/pmrun/collections"
)

// collectionExport is the collection as read, with its "variable" list replaced by the
// collection variables as they are at the end of the run (Newman's --export-collection).
// Known top-level keys keep Postman's order; any others follow.
func collectionExport(c *collections.Collection, vars *collections.VariableScope) ([]byte, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(c.Raw, &doc); err != nil {
		return nil, fmt.Errorf("exporting the collection: %w", err)
	}
	list := []collections.Variable{}
	if vars != nil {
		for _, v := range vars.Values {
			list = append(list, collections.Variable{Key: v.Key, Value: collections.JSONSafe(v.Value), Type: v.Type, Disabled: v.Disabled})
		}
	}
	encoded, err := json.Marshal(list)
	if err != nil {
		return nil, fmt.Errorf("exporting the collection variables: %w", err)
	}
	doc["variable"] = encoded
	var buf bytes.Buffer
	buf.WriteString("{")
	first := true
	write := func(k string) error {
		v, ok := doc[k]
		if !ok {
			return nil
		}
		delete(doc, k)
		if !first {
			buf.WriteString(",")
		}
		first = false
		key, _ := json.Marshal(k) // a string always marshals
		buf.Write(key)
		buf.WriteString(":")
		buf.Write(v)
		return nil
	}
	for _, k := range []string{"info", "item", "event", "variable", "auth", "protocolProfileBehavior"} {
		_ = write(k)
	}
	for len(doc) > 0 {
		for k := range doc {
			_ = write(k)
			break
		}
	}
	buf.WriteString("}")
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return nil, fmt.Errorf("exporting the collection: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}
