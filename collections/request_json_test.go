package collections

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestRequestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	c := loadFixture(t, "v21.postman_collection.json")
	for _, it := range Walk(c.Items) {
		t.Run(it.Name, func(t *testing.T) {
			t.Parallel()
			data, err := json.Marshal(it.Request)
			if err != nil {
				t.Fatal(err)
			}
			var back Request
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatalf("unmarshal %s: %v", data, err)
			}
			if !reflect.DeepEqual(&back, it.Request) {
				t.Errorf("round trip changed the request\n got %#v\nwant %#v\njson %s", back, *it.Request, data)
			}
		})
	}
}

func TestRequestMarshalShape(t *testing.T) {
	t.Parallel()
	r := &Request{
		Method:  "POST",
		URL:     ParseURL("http://h:1/p/:id?x=1&flag#f"),
		Headers: []Header{{Key: "A", Value: "b", Disabled: true}},
		Body:    &Body{Mode: "urlencoded", URLEncoded: []Param{{Key: "k", Value: "v"}}},
		Auth:    &Auth{Type: "bearer", Params: []AuthParam{{Key: "token", Value: "t", Type: "string"}}},
	}
	r.URL.Variables[0].Value = "9"
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"url":{"raw":"http://h:1/p/:id?x=1\u0026flag#f","protocol":"http","host":["h"],"port":"1","path":["p",":id"],` +
		`"query":[{"key":"x","value":"1"},{"key":"flag","value":null}],"hash":"f","variable":[{"key":"id","value":"9"}]},` +
		`"method":"POST","header":[{"key":"A","value":"b","disabled":true}],` +
		`"body":{"mode":"urlencoded","urlencoded":[{"key":"k","value":"v"}]},` +
		`"auth":{"type":"bearer","bearer":[{"key":"token","value":"t","type":"string"}]}}`
	if string(data) != want {
		t.Errorf("MarshalJSON =\n%s\nwant\n%s", data, want)
	}
}

func TestRequestUnmarshalForms(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in     string
		method string
		url    string
		check  func(t *testing.T, r *Request)
	}{
		"string":    {in: `"http://x/y"`, method: "GET", url: "http://x/y"},
		"no method": {in: `{"url": "x"}`, method: "GET", url: "x"},
		"header object": {in: `{"url": "x", "method": "patch", "header": {"A": "1", "B": 2}}`, method: "PATCH", url: "x",
			check: func(t *testing.T, r *Request) {
				if !reflect.DeepEqual(r.Headers, []Header{{Key: "A", Value: "1"}, {Key: "B", Value: "2"}}) {
					t.Errorf("headers %#v", r.Headers)
				}
			}},
		"v2.0 auth": {in: `{"url": "x", "auth": {"type": "apikey", "apikey": {"key": "X-Key", "value": "v", "in": "header"}}}`,
			method: "GET", url: "x", check: func(t *testing.T, r *Request) {
				if r.Auth.Get("in") != "header" || r.Auth.Params[0].Key != "key" {
					t.Errorf("auth %#v", r.Auth)
				}
			}},
		"raw body not a string": {in: `{"url": "x", "body": {"mode": "raw", "raw": {"a": [1, 2]}}}`, method: "GET", url: "x",
			check: func(t *testing.T, r *Request) {
				if r.Body.Raw != `{"a":[1,2]}` {
					t.Errorf("raw %q", r.Body.Raw)
				}
			}},
		"description object": {in: `{"url": "x", "description": {"content": "doc"}, "proxy": {"host": "p"}}`, method: "GET", url: "x",
			check: func(t *testing.T, r *Request) {
				if r.Description != "doc" || !strings.Contains(string(r.Proxy), `"p"`) {
					t.Errorf("description %q proxy %s", r.Description, r.Proxy)
				}
			}},
		"url object with raw and variables": {in: `{"url": {"raw": "http://h/:id", "variable": [{"id": "id", "value": "5"}]}}`,
			method: "GET", url: "http://h/:id", check: func(t *testing.T, r *Request) {
				if got := r.URL.StringWithPathVars(); got != "http://h/5" {
					t.Errorf("path vars %q", got)
				}
			}},
		"path segment objects": {in: `{"url": {"host": ["h"], "path": [{"type": "string", "value": "a"}, "b"], "port": 80}}`,
			method: "GET", url: "h:80/a/b"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var r Request
			if err := json.Unmarshal([]byte(tc.in), &r); err != nil {
				t.Fatal(err)
			}
			if r.Method != tc.method || r.URL.String() != tc.url {
				t.Errorf("got %s %s, want %s %s", r.Method, r.URL.String(), tc.method, tc.url)
			}
			if tc.check != nil {
				tc.check(t, &r)
			}
		})
	}
}

func TestRequestClone(t *testing.T) {
	t.Parallel()
	c := loadFixture(t, "v21.postman_collection.json")
	for _, it := range Walk(c.Items) {
		orig := it.Request
		cp := orig.Clone()
		if !reflect.DeepEqual(cp, orig) {
			t.Fatalf("%s: clone differs", it.Name)
		}
		before, _ := json.Marshal(orig)
		cp.Method = "X"
		if len(cp.URL.Host) > 0 {
			cp.URL.Host[0] = "changed"
		}
		if len(cp.URL.Query) > 0 {
			cp.URL.Query[0].Value = "changed"
		}
		if len(cp.Headers) > 0 {
			cp.Headers[0].Value = "changed"
		}
		if cp.Body != nil {
			if len(cp.Body.FormData) > 0 {
				cp.Body.FormData[len(cp.Body.FormData)-1].Src[0] = "changed"
			}
			if cp.Body.Options != nil {
				cp.Body.Options["raw"].(map[string]any)["language"] = "changed"
			}
			if cp.Body.GraphQL != nil {
				cp.Body.GraphQL.Query = "changed"
			}
		}
		if cp.Auth != nil && len(cp.Auth.Params) > 0 {
			cp.Auth.Params[0].Value = "changed"
		}
		after, _ := json.Marshal(orig)
		if string(before) != string(after) {
			t.Errorf("%s: changing the clone changed the original\n%s\n%s", it.Name, before, after)
		}
	}
}

// A URL object's auth is postman-collection's {user, password}; Postman v2.0 exports put
// `"auth": {}` on every URL, which must add nothing (it used to render "[object Object]@").
func TestURLObjectAuth(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		`{}`:                                     "http://h.com/x",
		`null`:                                   "http://h.com/x",
		`"user:pw"`:                              "http://user:pw@h.com/x", // pmrun's own form
		`{"user": "u", "password": "p"}`:         "http://u:p@h.com/x",
		`{"user": "u"}`:                          "http://u@h.com/x",
		`{"user": "{{u}}", "password": "{{p}}"}`: "http://{{u}}:{{p}}@h.com/x",
		`{"user": 1, "password": true}`:          "http://h.com/x",
	}
	for auth, want := range tests {
		for _, parse := range []func(json.RawMessage) (URL, error){parseURLJSON, parseValidURL} {
			u, err := parse(json.RawMessage(`{"raw": "http://h.com/x", "protocol": "http", "auth": ` + auth +
				`, "host": ["h", "com"], "path": ["x"]}`))
			if err != nil {
				t.Fatal(err)
			}
			if got := u.String(); got != want {
				t.Errorf("auth %s: %q, want %q", auth, got, want)
			}
		}
	}
}
