package collections

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

const envDoc = `{
  "id": "env-1",
  "name": "staging",
  "values": [
    {"key": "baseUrl", "value": "http://x", "type": "default", "enabled": true},
    {"key": "off", "value": "o", "type": "secret", "enabled": false},
    {"key": "gone", "value": "g", "disabled": true},
    {"key": "num", "value": 5},
    {"key": "obj", "value": {"a": 1}}
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2026-01-01T00:00:00.000Z",
  "_postman_exported_using": "Postman/11"
}`

func TestParseVariableFile(t *testing.T) {
	t.Parallel()
	wantVars := []Variable{
		{Key: "baseUrl", Value: "http://x", Type: "default"},
		{Key: "off", Value: "o", Type: "secret", Disabled: true},
		{Key: "gone", Value: "g", Disabled: true},
		{Key: "num", Value: 5.0},
		{Key: "obj", Value: map[string]any{"a": 1.0}},
	}
	tests := map[string]struct {
		data     []byte
		id, name string
	}{
		"export":       {data: []byte(envDoc), id: "env-1", name: "staging"},
		"utf8 bom":     {data: append([]byte{0xEF, 0xBB, 0xBF}, envDoc...), id: "env-1", name: "staging"},
		"utf16 le":     {data: utf16Bytes(envDoc, false), id: "env-1", name: "staging"},
		"utf16 be":     {data: utf16Bytes(envDoc, true), id: "env-1", name: "staging"},
		"env wrapper":  {data: []byte(`{"environment": ` + envDoc + `}`), id: "env-1", name: "staging"},
		"glob wrapper": {data: []byte(`{"globals": ` + envDoc + `}`), id: "env-1", name: "staging"},
		"bare array":   {data: []byte(envArray(t))},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, err := ParseVariableFile(tc.data, "env.json")
			if err != nil {
				t.Fatal(err)
			}
			if s.ID != tc.id || s.Name != tc.name {
				t.Errorf("id, name = %q, %q", s.ID, s.Name)
			}
			if !reflect.DeepEqual(s.Values, wantVars) {
				t.Errorf("values = %#v", s.Values)
			}
			if s.Has("off") || s.Has("gone") || !s.Has("num") {
				t.Error("enabled:false / disabled:true not honoured")
			}
		})
	}
}

func envArray(t *testing.T) string {
	var doc struct{ Values json.RawMessage }
	if err := json.Unmarshal([]byte(envDoc), &doc); err != nil {
		t.Fatal(err)
	}
	return string(doc.Values)
}

func TestParseVariableFileErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ data, want string }{
		"syntax":  {"{\n \"values\": [,]\n}", `parsing variable file "env.json": invalid JSON at line 2, column 13`},
		"empty":   {"  ", "file is empty"},
		"unknown": {`{"foo": 1}`, "not an environment or globals file"},
		"types":   {`{"values": {"a": 1}}`, "unexpected JSON value at line 1"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseVariableFile([]byte(tc.data), "env.json")
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want *InputError containing %q", err, tc.want)
			}
		})
	}
}

func TestMarshalPostman(t *testing.T) {
	t.Parallel()
	s := NewScope("env-1", "staging", []Variable{
		{Key: "s", Value: "str", Type: "secret"},
		{Key: "n", Value: 42.0},
		{Key: "b", Value: false},
		{Key: "o", Value: map[string]any{"x": []any{1.0, 2.0}}},
		{Key: "a", Value: []any{"p", "q"}},
		{Key: "null", Value: nil},
		{Key: "nan", Value: math.NaN()},
		{Key: "d", Value: "dup", Disabled: true},
		{Key: "d", Value: "dup2"},
	})
	at := time.Date(2026, 11, 27, 5, 6, 7, 890_000_000, time.UTC)
	data, err := s.MarshalPostman("environment", at)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "id": "env-1",
  "name": "staging",
  "values": [
    {
      "key": "s",
      "value": "str",
      "type": "secret",
      "enabled": true
    },
    {
      "key": "n",
      "value": 42,
      "type": "default",
      "enabled": true
    },
    {
      "key": "b",
      "value": false,
      "type": "default",
      "enabled": true
    },
    {
      "key": "o",
      "value": {
        "x": [
          1,
          2
        ]
      },
      "type": "default",
      "enabled": true
    },
    {
      "key": "a",
      "value": [
        "p",
        "q"
      ],
      "type": "default",
      "enabled": true
    },
    {
      "key": "null",
      "value": null,
      "type": "default",
      "enabled": true
    },
    {
      "key": "nan",
      "value": null,
      "type": "default",
      "enabled": true
    },
    {
      "key": "d",
      "value": "dup",
      "type": "default",
      "enabled": false
    },
    {
      "key": "d",
      "value": "dup2",
      "type": "default",
      "enabled": true
    }
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2026-11-27T05:06:07.890Z",
  "_postman_exported_using": "pmrun"
}`
	if string(data) != want {
		t.Errorf("MarshalPostman =\n%s\nwant\n%s", data, want)
	}
	back, err := ParseVariableFile(data, "out.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Values) != 9 || !back.Values[7].Disabled || back.Values[1].Value != 42.0 {
		t.Errorf("re-read export: %#v", back.Values)
	}

	empty, err := (&VariableScope{}).MarshalPostman("globals", at)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(empty, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["name"] != "globals" || len(doc["id"].(string)) != 36 || len(doc["values"].([]any)) != 0 ||
		doc["_postman_variable_scope"] != "globals" {
		t.Errorf("empty globals export: %s", empty)
	}
}
