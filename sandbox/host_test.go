package sandbox

import (
	"encoding/json"
	"testing"

	"github.com/dop251/goja"

	"github.com/pmrun/pmrun/collections"
)

// requestPlain is host.request's object (what pm.request is built from) with its url made at
// once, as host.requestURL makes it.
func requestPlain(vm *goja.Runtime, r *collections.Request) goja.Value {
	return requestObject(vm, r, urlPlain(vm, &r.URL))
}

// TestRequestPlainMatchesJSON holds requestPlain to collections.Request's MarshalJSON: the same
// members, values and order, for every part of a request.
func TestRequestPlainMatchesJSON(t *testing.T) {
	t.Parallel()
	vars := collections.ParseURL("https://u:p@{{host}}:8443/v1/:id/items/:sub?a=1&flag&b=&a=2#frag")
	vars.Variables = []collections.Variable{
		{Key: "id", Value: "7", Type: "string", Description: "the id"},
		{ID: "sub", Key: "sub", Value: map[string]any{"z": 1.5, "a": []any{true, nil}}, Name: "n", Disabled: true, System: true},
		{Key: "none"},
		{Key: "num", Value: 3.0},
	}
	vars.Query[1].Disabled = true
	vars.Query[2].Description = "empty one"
	reqs := map[string]*collections.Request{
		"nil parts": {},
		"plain get": {Method: "GET", URL: collections.ParseURL("http://{{host}}/get?a=1"),
			Headers: []collections.Header{{Key: "Accept", Value: "application/json"}}},
		"url parts": {Method: "PATCH", URL: vars, Description: "described <&>",
			Headers: []collections.Header{{Key: "X-Off", Value: "1", Disabled: true, Description: "off"}, {Key: "E"}, {Key: "Host", Value: "h", System: true}}},
		"empty path": {URL: collections.URL{Host: []string{"h"}, Path: []string{}}},
		"raw body": {Method: "POST", URL: collections.ParseURL("h/x"),
			Body: &collections.Body{Mode: "raw", Raw: "{\n  \"a\": \"{{who}}\" \u2028 é \x00\"}",
				Options: map[string]any{"raw": map[string]any{"language": "json"}, "b": 1.0}, Disabled: true}},
		"empty raw":       {Body: &collections.Body{Mode: "raw"}},
		"raw in non-raw":  {Body: &collections.Body{Mode: "file", Raw: "x", File: &collections.FileBody{Src: "/a"}}},
		"file content":    {Body: &collections.Body{Mode: "file", File: &collections.FileBody{Src: "", Content: "abc"}}},
		"empty mode body": {Body: &collections.Body{}},
		"urlencoded": {Body: &collections.Body{Mode: "urlencoded", URLEncoded: []collections.Param{
			{Key: "a", Value: "1"}, {Key: "b", Value: "x&y", Disabled: true, Description: "d"}, {Key: "", Value: ""}}}},
		"formdata": {Body: &collections.Body{Mode: "formdata", FormData: []collections.FormParam{
			{Key: "t", Value: "v", Type: "text", ContentType: "text/plain", Description: "d"},
			{Key: "f", Type: "file", Src: []string{"/tmp/a.txt", "/tmp/b"}, Disabled: true}, {}}}},
		"graphql": {Body: &collections.Body{Mode: "graphql", GraphQL: &collections.GraphQLBody{Query: "{ a }",
			Variables: "{\"n\":1}", OperationName: "Op"}}},
		"graphql bare": {Body: &collections.Body{Mode: "graphql", GraphQL: &collections.GraphQLBody{}}},
		"auth": {Auth: &collections.Auth{Type: "basic", Params: []collections.AuthParam{
			{Key: "username", Value: "u", Type: "string"}, {Key: "n", Value: 2.0}}}},
		"noauth": {Auth: &collections.Auth{Type: "noauth"}},
		"proxy and certificate": {Proxy: json.RawMessage(`{ "host": "p", "port": 8080, "match": "*" }`),
			Certificate: json.RawMessage(`{"name":"c","key":{"src":"/k"}}`)},
		"invalid utf8": {URL: collections.ParseURL("http://h/\xff"), Headers: []collections.Header{{Key: "K\xfe", Value: "v\xc3"}}},
	}
	vm := goja.New()
	stringify, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("stringify"))
	for name, r := range reqs {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("%s: marshal: %v", name, err)
		}
		got, err := stringify(goja.Undefined(), requestPlain(vm, r))
		if err != nil {
			t.Fatalf("%s: stringify: %v", name, err)
		}
		// the same JSON text once both are in JS (json.Marshal escapes <>& and U+2028 itself)
		back, err := parseJSON(vm, string(want))
		if err != nil {
			t.Fatalf("%s: parse: %v", name, err)
		}
		wantText, _ := stringify(goja.Undefined(), back)
		if got.String() != wantText.String() {
			t.Errorf("%s:\n got: %s\nwant: %s", name, got, wantText)
		}
	}
}
