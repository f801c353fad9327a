package json

import (
	stdjson "encoding/json"
	"testing"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

func TestItemJSON(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		item *collections.Item
		want string
	}{
		"raw with id":    {&collections.Item{ID: "x", Raw: []byte(`{"id":"a","name":"n"}`)}, `{"id":"a","name":"n"}`},
		"raw without id": {&collections.Item{ID: "gen", Raw: []byte(` {"name":"n"}`)}, `{"id":"gen","name":"n"}`},
		"empty object":   {&collections.Item{ID: "gen", Raw: []byte(`{}`)}, `{"id":"gen"}`},
		"no raw":         {&collections.Item{ID: "i", Name: "n"}, `{"id":"i","name":"n"}`},
		"no id anywhere": {&collections.Item{Raw: []byte(`{"name":"n"}`)}, `{"name":"n"}`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := itemJSON(tc.item)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("itemJSON = %s, want %s", got, tc.want)
			}
		})
	}
	if _, err := itemJSON(&collections.Item{Name: "bad", Raw: []byte(`[1]`)}); err == nil {
		t.Error("itemJSON accepted an item whose JSON is not an object")
	}
}

func TestCursorOf(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		c                   event.Cursor
		empty, eof, bof, cr bool
	}{
		"first":        {event.Cursor{Position: 0, Iteration: 0, Length: 3, Iterations: 2}, false, false, true, false},
		"last":         {event.Cursor{Position: 2, Iteration: 1, Length: 3, Iterations: 2}, false, true, false, false},
		"end of first": {event.Cursor{Position: 2, Iteration: 0, Length: 3, Iterations: 2}, false, false, false, false},
		"empty":        {event.Cursor{Length: 0, Iterations: 1}, true, true, true, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := cursorOf(tc.c)
			if got.Empty != tc.empty || got.EOF != tc.eof || got.BOF != tc.bof || got.CR != tc.cr {
				t.Errorf("cursor %+v: empty %v eof %v bof %v cr %v", tc.c, got.Empty, got.EOF, got.BOF, got.CR)
			}
		})
	}
}

// TestScopeOfWritesNaNAsNull: a variable typed "number" whose value does not parse holds
// NaN; the report writes it as null (as Newman's JSON.stringify does) instead of failing.
func TestScopeOfWritesNaNAsNull(t *testing.T) {
	t.Parallel()
	sc := collections.NewScope("e", "env", nil)
	sc.SetTyped("bad", "abc", "number")
	b, err := stdjson.Marshal(scopeOf(sc))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":"e","name":"env","values":[{"key":"bad","value":null,"type":"number"}]}`; string(b) != want {
		t.Errorf("scope = %s\nwant    %s", b, want)
	}
}

// Newman's report writes "system": true on the headers the runtime added, and leaves
// disabled headers out.
func TestHeadersOfMarksSystemHeaders(t *testing.T) {
	t.Parallel()
	got, err := stdjson.Marshal(headersOf([]collections.Header{{Key: "X-A", Value: "1"},
		{Key: "X-Off", Value: "0", Disabled: true}, {Key: "Host", Value: "h", System: true}}))
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"key":"X-A","value":"1"},{"key":"Host","value":"h","system":true}]`; string(got) != want {
		t.Errorf("headers = %s, want %s", got, want)
	}
}
