package collections

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// The fuzz targets below run on their seeds (testdata/fuzz/FuzzX plus the f.Add calls) in
// every `go test`; `make fuzz` runs each with -fuzz for a fixed time.

// assertInputError fails unless err is nil or an *InputError naming file, as the CLI needs
// to map it to exit code 3 and a message that points at the file.
func assertInputError(t *testing.T, err error, file string) {
	t.Helper()
	if err == nil {
		return
	}
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error is %T, not *InputError: %v", err, err)
	}
	if ie.File != file {
		t.Fatalf("error names %q, not %q: %v", ie.File, file, err)
	}
}

func FuzzParseVariableFile(f *testing.F) {
	for _, s := range []string{
		`{"id":"e","name":"env","values":[{"key":"a","value":"1","enabled":true},{"key":"b","value":2,"type":"default"}]}`,
		`{"environment":{"name":"w","values":[{"key":"x","value":null,"disabled":true}]}}`,
		`{"globals":{"values":[]}}`,
		`[{"key":"k","value":{"nested":[1,2]}}]`,
		"\ufeff{\"values\":[{\"key\":\"bom\",\"value\":\"v\"}]}",
		"\xff\xfe{\x00}\x00",
		``, `null`, `{"values":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		scope, err := ParseVariableFile(data, "env.json")
		assertInputError(t, err, "env.json")
		if err == nil && scope == nil {
			t.Fatal("no error and no scope")
		}
	})
}

func FuzzParseData(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n3,4\n",
		"name,\"quoted, cell\"\r\n\"x\"\"y\",007\n\n",
		"h\n\"unterminated\n",
		"a,b\n1\n",
		`[{"a":1,"b":"x"},{"b":null,"a":[1]}]`,
		`[1]`, `{"a":1}`, `[]`, "\ufeffk\nv\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseData(data, "data.csv")
		assertInputError(t, err, "data.csv")
		if err != nil || len(rows) == 0 || rows[0] == nil {
			return
		}
		trimmed := strings.TrimSpace(string(decodeText(data)))
		if trimmed != "" && trimmed[0] != '[' && trimmed[0] != '{' {
			// CSV, as Newman's csv-parse reads it: a row has at most the header's columns (a
			// short row has fewer, a long row's extra cells are dropped).
			records, _ := readCSV(decodeText(data))
			for len(records) > 0 && records[0].blank() {
				records = records[1:]
			}
			for i, r := range rows {
				if len(records) == 0 || len(r) > len(records[0].cells) {
					t.Fatalf("CSV row %d has %d cells, more than the header's columns", i+1, len(r))
				}
			}
		}
	})
}

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{
		"https://user:pa:ss@{{host}}.example.com:8080/a/:id/{{p/q}}?x=1&y&=z#frag",
		"{{baseUrl}}/get?a={{v?#}}",
		"localhost:3000", "/relative/path", "?only=query", "#hash", "http://[::1]:80/",
		"  \ufeffhttp://a/b//c/", "{{a}}{{b}}://c", "http://h/%zz?%%=%", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u := ParseURL(raw)
		_ = u.String()
		// Every {{var}} token of the input survives parsing whole, in one of the parts.
		parts := []string{u.Protocol, u.Auth, strings.Join(u.Host, "."), u.Port,
			strings.Join(u.Path, "/"), u.Hash}
		for _, q := range u.Query {
			parts = append(parts, q.Key+"="+q.Value)
		}
		all := strings.Join(parts, "\x00")
		for _, name := range TokenNames(raw, "") {
			if tok := "{{" + name + "}}"; !strings.Contains(all, tok) {
				t.Fatalf("token %s lost: %q parsed to %#v", tok, raw, u)
			}
		}
	})
}

// postmanVarRE is postman-collection's substitution pattern; FuzzReplace checks Replace
// against a straightforward use of it.
var postmanVarRE = regexp.MustCompile(`\{\{([^{}]*?)}}`)

func replaceReference(text string, lookup Lookup) string {
	for range maxReplacePasses {
		changed := false
		text = postmanVarRE.ReplaceAllStringFunc(text, func(tok string) string {
			if v, ok := lookup(tok[2 : len(tok)-2]); ok && v != tok {
				changed = true
				return v
			}
			return tok
		})
		if !changed {
			break
		}
	}
	return text
}

func FuzzReplace(f *testing.F) {
	for _, s := range [][2]string{
		{"{{a}}/{{b}}", "x"}, {"{{k{{i}}}}", "1"}, {"{{{{a}}}}", "{{a}}"}, {"{{}}", ""},
		{"{{a}", "z"}, {"{{a b}}-{{c.d}}", "{{"}, {"}}{{", "}}"}, {"no tokens", "v"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, text, value string) {
		if got := Replace(text, func(string) (string, bool) { return "", false }); got != text {
			t.Fatalf("Replace with nothing to substitute changed %q to %q", text, got)
		}
		// Names of one or two characters resolve to value (which may hold tokens); others don't.
		lookup := func(name string) (string, bool) {
			if len(name) == 0 || len(name) > 2 {
				return "", false
			}
			return value + name, true
		}
		if got, want := Replace(text, lookup), replaceReference(text, lookup); got != want {
			t.Fatalf("Replace(%q) = %q, postman-collection's pattern gives %q", text, got, want)
		}
	})
}
