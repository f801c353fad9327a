package collections

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func loadFixture(t *testing.T, name string) *Collection {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCollection(data, name)
	if err != nil {
		t.Fatalf("ParseCollection(%s): %v", name, err)
	}
	return c
}

func itemNamed(t *testing.T, c *Collection, name string) *Item {
	t.Helper()
	found := c.Find(name)
	if len(found) != 1 {
		t.Fatalf("Find(%q) = %d items, want 1", name, len(found))
	}
	return found[0]
}

func TestParseCollectionV21(t *testing.T) {
	t.Parallel()
	c := loadFixture(t, "v21.postman_collection.json")

	tests := map[string]struct {
		got, want any
	}{
		"info name":        {c.Info.Name, "Sample v2.1"},
		"info id":          {c.Info.ID, "c0ffee00-0000-4000-8000-000000000001"},
		"info description": {c.Info.Description, "A *sample*"},
		"collection auth":  {c.Auth.Type + ":" + c.Auth.Get("username"), "basic:{{user}}"},
		"events":           {len(c.Events), 3},
		"exec array":       {c.Events[0].Script.Source, "console.log('coll pre');\nvar a = 1;"},
		"exec string":      {c.Events[1].Script.Source, "pm.test('coll', () => {});"},
		"event disabled":   {c.Events[2].Disabled, true},
		"variable typed":   {c.Variables[1].Value, float64(5)},
		"variable by id":   {c.Variables[2].Key, "legacyId"},
		"variable off":     {c.Variables[3].Disabled, true},
		"ppb":              {c.ProtocolProfileBehavior["followRedirects"], false},
		"top items":        {len(c.Items), 8},
		"requests walked":  {len(Walk(c.Items)), 8},
		"raw kept":         {strings.HasPrefix(string(c.Raw), "{"), true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
}

func TestParseCollectionV21Requests(t *testing.T) {
	t.Parallel()
	c := loadFixture(t, "v21.postman_collection.json")
	admins := itemNamed(t, c, "List admins")
	create := itemNamed(t, c, "Create user")
	form := itemNamed(t, c, "Form upload")
	urlenc := itemNamed(t, c, "Urlencoded")
	gqlObj := itemNamed(t, c, "GraphQL object vars")
	gqlStr := itemNamed(t, c, "GraphQL string vars")
	file := itemNamed(t, c, "File body")
	plain := itemNamed(t, c, "Plain string request")
	empty := itemNamed(t, c, "Empty folder")

	tests := map[string]struct {
		got, want any
	}{
		"method upper":        {admins.Request.Method, "GET"},
		"id":                  {admins.ID, "req-admins"},
		"_postman_id":         {create.ID, "req-create"},
		"parent":              {admins.Parent.Name, "Admins"},
		"path":                {admins.Path(), []string{"Users", "Admins", "List admins"}},
		"url string":          {admins.Request.URL.String(), "{{baseUrl}}/users/:role?active=true&flag&x="},
		"url path vars":       {admins.Request.URL.StringWithPathVars(), "{{baseUrl}}/users/admin?active=true&flag&x="},
		"query novalue":       {admins.Request.URL.Query[1].NoValue, true},
		"query empty value":   {admins.Request.URL.Query[2].NoValue, false},
		"query disabled":      {admins.Request.URL.Query[3].Disabled, true},
		"header list":         {admins.Request.Headers[1], Header{Key: "X-Off", Value: "1", Disabled: true}},
		"header raw string":   {create.Request.Headers, []Header{{Key: "Content-Type", Value: "application/json"}, {Key: "X-Trace", Value: "{{trace}}"}}},
		"noauth":              {create.Request.Auth.Type, "noauth"},
		"raw body":            {create.Request.Body.Raw, `{"name": "{{name}}"}`},
		"body options":        {create.Request.Body.Options["raw"], map[string]any{"language": "json"}},
		"url from string":     {create.Request.URL.Port + " " + create.Request.URL.Hash, "8443 top"},
		"raw-only url object": {form.Request.URL.Host, []string{"example", "com"}},
		"raw-only url query":  {form.Request.URL.Query, []QueryParam{{Key: "a", Value: "1"}}},
		"formdata file":       {form.Request.Body.FormData[1].Src, []string{"/tmp/a.txt"}},
		"formdata files":      {form.Request.Body.FormData[2].Src, []string{"/tmp/b.txt", "/tmp/c.txt"}},
		"formdata text type":  {form.Request.Body.FormData[0].Type, "text"},
		"urlencoded":          {urlenc.Request.Body.URLEncoded[1], Param{Key: "b", Value: "2", Disabled: true}},
		"graphql object vars": {gqlObj.Request.Body.GraphQL.Variables, `{"id":"1","n":2}`},
		"graphql string vars": {gqlStr.Request.Body.GraphQL.Variables, `{"a": 1}`},
		"body disabled":       {gqlStr.Request.Body.Disabled, true},
		"file body":           {file.Request.Body.File.Src, "/tmp/body.bin"},
		"plain request":       {plain.Request.Method + " " + plain.Request.URL.String(), "GET http://example.com/plain"},
		"empty folder":        {empty.IsFolder && len(empty.Items) == 0, true},
		"item raw":            {strings.Contains(string(plain.Raw), `"Plain string request"`), true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
}

func TestParseCollectionV20(t *testing.T) {
	t.Parallel()
	c := loadFixture(t, "v20.postman_collection.json")
	basic := itemNamed(t, c, "Basic")
	inherit := itemNamed(t, c, "Inherit")

	tests := map[string]struct {
		got, want any
	}{
		"description string": {c.Info.Description, "old style"},
		"object auth order": {c.Auth.Params, []AuthParam{
			{Key: "username", Value: "u", Type: "string"}, {Key: "password", Value: "p", Type: "string"},
			{Key: "realm", Value: "r", Type: "string"}, {Key: "disableRetryRequest", Value: true, Type: "boolean"},
			{Key: "nonceCount", Value: float64(1), Type: "number"}}},
		"request object auth": {basic.Request.Auth.Get("password"), "password"},
		"auth bool as text":   {basic.Request.Auth.Get("saveHelperData"), "true"},
		"empty body is nil":   {basic.Request.Body == nil, true},
		"exec string":         {basic.Events[0].Script.Source, "tests['ok'] = true;"},
		"host string split":   {inherit.Request.URL.Host, []string{"{{host}}"}},
		"path string split":   {inherit.Request.URL.Path, []string{"get"}},
		"method lower":        {inherit.Request.Method, "DELETE"},
		"inherits collection": {inherit.ResolvedAuth(c).Type, "digest"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
}

func TestParseCollectionErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		data string
		want string
		line int
		col  int
	}{
		"syntax": {
			data: "{\n  \"info\": {},\n  \"item\": [}\n}",
			want: `parsing collection "x.json": invalid JSON at line 3, column 12: invalid character '}' looking for beginning of value`,
			line: 3, col: 12,
		},
		"syntax after unicode": {
			data: "{\"info\": {\"name\": \"é\"},,}",
			want: `at line 1, column 24`, line: 1, col: 24,
		},
		"truncated":      {data: "{\n\"info\": {", want: "invalid JSON at line 2", line: 2},
		"not collection": {data: `{"values": []}`, want: `parsing collection "x.json": not a Postman collection: no "info" or "item" found`},
		"array":          {data: `[1]`, want: `unexpected JSON value at line 1, column 1`, line: 1, col: 1},
		"v1 bad headers": {data: `{"name": "old", "order": ["r"], "requests": [{"id": "r", "name": "R", "headers": 5}]}`, want: `invalid v1 collection: request "R": headers: expected a string`},
		"bad item":       {data: `{"info": {}, "item": [{"name": "A", "item": [{"name": "B", "request": {"header": 5}}]}]}`, want: `invalid collection: item "A/B": request: header:`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseCollection([]byte(tc.data), "x.json")
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			if ie.ExitCode() != 3 {
				t.Errorf("ExitCode() = %d", ie.ExitCode())
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			if tc.line != 0 && ie.Line != tc.line {
				t.Errorf("line = %d, want %d", ie.Line, tc.line)
			}
			if tc.col != 0 && ie.Column != tc.col {
				t.Errorf("column = %d, want %d", ie.Column, tc.col)
			}
		})
	}
}

func TestParseCollectionEncodings(t *testing.T) {
	t.Parallel()
	const doc = `{"info": {"name": "Enc ✓"}, "item": [{"name": "r", "request": "http://x/"}]}`
	tests := map[string][]byte{
		"plain":    []byte(doc),
		"utf8 bom": append([]byte{0xEF, 0xBB, 0xBF}, doc...),
		"utf16 le": utf16Bytes(doc, false),
		"utf16 be": utf16Bytes(doc, true),
		"wrapped":  []byte(`{"collection": ` + doc + `}`),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := ParseCollection(data, "enc.json")
			if err != nil {
				t.Fatal(err)
			}
			if c.Info.Name != "Enc ✓" || len(c.Items) != 1 {
				t.Errorf("got name %q, %d items", c.Info.Name, len(c.Items))
			}
		})
	}
}

// utf16Bytes encodes s as UTF-16 with a BOM.
func utf16Bytes(s string, bigEndian bool) []byte {
	var out []byte
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			put(uint16(0xD800 + (r >> 10)))
			put(uint16(0xDC00 + (r & 0x3FF)))
			continue
		}
		put(uint16(r))
	}
	return out
}
