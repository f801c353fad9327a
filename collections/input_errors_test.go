package collections

import (
	"strings"
	"testing"
)

// TestBadInputsNameTheItem: inputs Newman accepts silently but runs wrongly are errors that
// name the item: a method that is not a string (Newman sends GET), v1 folders that contain
// each other (Newman drops both without a word).
func TestBadInputsNameTheItem(t *testing.T) {
	t.Parallel()
	v2 := func(request string) string {
		return `{"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
		  "item": [{"name": "ok", "request": "http://a/"}, {"name": "bad one", "request": ` + request + `}]}`
	}
	tests := map[string]struct{ doc, want string }{
		"object method": {v2(`{"method": {"x": 1}, "url": "http://a/"}`),
			`item "bad one": request: method: must be a string such as "GET", not an object`},
		"numeric method": {v2(`{"method": 5, "url": "http://a/"}`), `item "bad one": request: method: must be a string such as "GET", not a number`},
		"array method":   {v2(`{"url": "http://a/", "method": ["GET"]}`), `item "bad one": request: method: must be a string such as "GET", not an array`},
		"numeric url":    {v2(`{"method": "GET", "url": 5}`), `item "bad one": request: url`},
		"v1 folders in a cycle": {`{"id": "c", "name": "v1", "order": [], "folders_order": ["fa", "fb", "fc"],
		  "folders": [{"id": "fc", "name": "C", "order": [], "folders_order": ["fa"]},
		    {"id": "fa", "name": "A", "order": ["r1"], "folders_order": ["fb"]},
		    {"id": "fb", "name": "B", "order": [], "folders_order": ["fa"]}],
		  "requests": [{"id": "r1", "name": "req", "method": "GET", "url": "http://a/"}]}`,
			`folders "A" → "B" → "A" list each other in folders_order`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseCollection([]byte(tc.doc), "c.json")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one with %q", err, tc.want)
			}
		})
	}
	for _, method := range []string{`"post"`, `null`, `""`} {
		c, err := ParseCollection([]byte(v2(`{"method": `+method+`, "url": "http://a/"}`)), "c.json")
		if err != nil {
			t.Errorf("method %s: %v", method, err)
			continue
		}
		want := map[string]string{`"post"`: "POST", `null`: "GET", `""`: "GET"}[method]
		if got := c.Items[1].Request.Method; got != want {
			t.Errorf("method %s: %q, want %q", method, got, want)
		}
	}
}
