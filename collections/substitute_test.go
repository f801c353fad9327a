package collections

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

func mapLookup(m map[string]string) Lookup {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

func TestReplace(t *testing.T) {
	t.Parallel()
	vars := map[string]string{
		"baseUrl": "http://h", "host": "{{baseUrl}}", "inner": "deep", "outer": "{{inner}}-value",
		"k1": "key-one", "idx": "1", "with space": "spaced", "dot.name": "dotted", "empty": "",
		"selfRef": "{{selfRef}}", "a_b": "AB", "b": "b", "": "empty-name",
	}
	tests := map[string]struct{ in, want string }{
		"no tokens":           {"plain text", "plain text"},
		"simple":              {"{{baseUrl}}/get", "http://h/get"},
		"recursive value":     {"{{host}}/x", "http://h/x"},
		"nested value":        {"{{outer}}", "deep-value"},
		"nested name":         {"{{k{{idx}}}}", "key-one"},
		"nested underscore":   {"{{a_{{b}}}}", "AB"},
		"space and dot":       {"{{with space}}|{{dot.name}}", "spaced|dotted"},
		"empty value":         {"[{{empty}}]", "[]"},
		"unresolved verbatim": {"{{missing}} and {{inner}}", "{{missing}} and deep"},
		"self reference":      {"{{selfRef}}", "{{selfRef}}"},
		"triple brace":        {"{{{inner}}}", "{deep}"},
		"unclosed":            {"{{inner", "{{inner"},
		"brace inside name":   {"{{in}ner}}", "{{in}ner}}"},
		"empty name":          {"{{}}", "empty-name"},
		"adjacent":            {"{{idx}}{{idx}}", "11"},
		"json body":           {`{"n": {{idx}}, "o": "{{outer}}"}`, `{"n": 1, "o": "deep-value"}`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := Replace(tc.in, mapLookup(vars)); got != tc.want {
				t.Errorf("Replace(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestReplacePassLimit(t *testing.T) {
	t.Parallel()
	// v0 -> {{v1}} -> ... -> {{v30}} -> "end": each pass resolves one level.
	chain := map[string]string{"v30": "end"}
	for i := range 30 {
		chain[fmt.Sprintf("v%d", i)] = fmt.Sprintf("{{v%d}}", i+1)
	}
	if got, want := Replace("{{v0}}", mapLookup(chain)), "{{v19}}"; got != want {
		t.Errorf("after the pass limit got %q, want %q", got, want)
	}
	if got := Replace("{{v12}}", mapLookup(chain)); got != "end" {
		t.Errorf("18 levels should resolve, got %q", got)
	}
}

func TestReplaceNoAllocWithoutTokens(t *testing.T) {
	text := strings.Repeat("no tokens here { } ", 20)
	lookup := mapLookup(map[string]string{"a": "b"})
	if n := testing.AllocsPerRun(100, func() { _ = Replace(text, lookup) }); n != 0 {
		t.Errorf("Replace allocated %v times on text without tokens", n)
	}
	unresolved := "{{missing}} only"
	if n := testing.AllocsPerRun(100, func() { _ = Replace(unresolved, lookup) }); n != 0 {
		t.Errorf("Replace allocated %v times when nothing resolved", n)
	}
}

func BenchmarkReplace(b *testing.B) {
	lookup := mapLookup(map[string]string{"baseUrl": "http://localhost:3000", "id": "42", "token": "abc"})
	cases := map[string]string{
		"none":   "https://api.example.com/v1/users?limit=10&offset=20",
		"tokens": "{{baseUrl}}/v1/users/{{id}}?token={{token}}&missing={{nope}}",
	}
	for name, text := range cases {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Replace(text, lookup)
			}
		})
	}
}

func TestStringify(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in   any
		want string
	}{
		"string":      {"abc", "abc"},
		"nil":         {nil, ""},
		"int float":   {1.0, "1"},
		"fraction":    {1.5, "1.5"},
		"negative":    {-0.25, "-0.25"},
		"big":         {1e21, "1e+21"},
		"below big":   {123456789012345680000.0, "123456789012345680000"},
		"small":       {1e-7, "1e-7"},
		"small dec":   {0.000001, "0.000001"},
		"mantissa":    {1.5e-10, "1.5e-10"},
		"nan":         {math.NaN(), "NaN"},
		"inf":         {math.Inf(-1), "-Infinity"},
		"neg zero":    {math.Copysign(0, -1), "0"},
		"go int":      {42, "42"},
		"true":        {true, "true"},
		"false":       {false, "false"},
		"array":       {[]any{"p", "q", 1.0, nil, []any{"x", "y"}}, "p,q,1,,x,y"},
		"object":      {map[string]any{"x": []any{1.0}}, "[object Object]"},
		"json number": {jsonNumber("007"), "7"},
		"raw message": {rawJSON(`[1,"a"]`), "1,a"},
		"string list": {[]string{"a", "b"}, "a,b"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := Stringify(tc.in); got != tc.want {
				t.Errorf("Stringify(%#v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func jsonNumber(s string) any { return json.Number(s) }
func rawJSON(s string) any    { return json.RawMessage(s) }
