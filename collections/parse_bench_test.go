package collections

import (
	"encoding/json"
	"fmt"
	"testing"
)

// benchCollectionJSON generates a Postman v2.1 export of n request items shaped like the
// ones the Postman app writes: a structured URL with host, port, path and query lists,
// headers, and for every other item a raw JSON body; the whole file indented.
func benchCollectionJSON(tb testing.TB, n int) []byte {
	tb.Helper()
	items := make([]any, n)
	for i := range items {
		req := map[string]any{
			"method": "GET",
			"header": []any{map[string]any{"key": "Accept", "value": "application/json", "type": "text"}},
			"url": map[string]any{
				"raw":      fmt.Sprintf("http://127.0.0.1:8080/get?i=%d", i+1),
				"protocol": "http",
				"host":     []string{"127", "0", "0", "1"},
				"port":     "8080",
				"path":     []string{"get"},
				"query":    []any{map[string]any{"key": "i", "value": fmt.Sprint(i + 1)}},
			},
		}
		if i%2 == 1 {
			req["method"] = "POST"
			req["body"] = map[string]any{"mode": "raw", "raw": `{"n": ` + fmt.Sprint(i) + `}`,
				"options": map[string]any{"raw": map[string]any{"language": "json"}}}
		}
		items[i] = map[string]any{"name": fmt.Sprintf("request %d", i+1), "request": req, "response": []any{}}
	}
	doc := map[string]any{
		"info": map[string]any{"_postman_id": "00000000-0000-4000-8000-000000000001", "name": "bench",
			"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
		"item": items,
	}
	data, err := json.MarshalIndent(doc, "", "\t")
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// BenchmarkParseCollection parses a generated 1000-item collection.
func BenchmarkParseCollection(b *testing.B) {
	data := benchCollectionJSON(b, 1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		c, err := ParseCollection(data, "bench.json")
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Items) != 1000 {
			b.Fatalf("%d items", len(c.Items))
		}
	}
}
