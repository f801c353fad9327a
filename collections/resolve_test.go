package collections

import (
	"fmt"
	"testing"
)

func TestResolveRequest(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"host": "example.com", "id": "42", "tok": "t0k", "m": "post", "v": "val"}
	lookup := func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	req := &Request{
		Method:  "{{m}}",
		URL:     ParseURL("https://{{host}}/users/:id?q={{v}}&keep={{unknown}}"),
		Headers: []Header{{Key: "X-{{v}}", Value: "{{tok}}"}},
		Body:    &Body{Mode: "urlencoded", URLEncoded: []Param{{Key: "a", Value: "{{v}}"}}},
		Auth:    &Auth{Type: "bearer", Params: []AuthParam{{Key: "token", Value: "{{tok}}"}, {Key: "n", Value: 1.0}}},
	}
	req.URL.Variables = []Variable{{Key: "id", Value: "{{id}}"}}
	got := ResolveRequest(req, lookup)
	cases := map[string][2]string{
		"method": {got.Method, "POST"},
		"url":    {got.URL.String(), "https://example.com/users/42?q=val&keep={{unknown}}"},
		"header": {got.Headers[0].Key + ":" + got.Headers[0].Value, "X-val:t0k"},
		"body":   {got.Body.URLEncoded[0].Value, "val"},
		"auth":   {got.Auth.Get("token"), "t0k"},
		"orig":   {req.Headers[0].Value, "{{tok}}"},
	}
	for name, c := range cases {
		if c[0] != c[1] {
			t.Errorf("%s: got %q, want %q", name, c[0], c[1])
		}
	}
	if got.Auth.Params[1].Value != 1.0 {
		t.Errorf("non-string auth parameter changed: %v", got.Auth.Params[1].Value)
	}
}

func TestResolveURLKeepsUnsetPathVariable(t *testing.T) {
	t.Parallel()
	u := ParseURL("http://h/users/:id")
	u.Variables = []Variable{{Key: "id"}}
	got := ResolveURL(u, func(string) (string, bool) { return "", false })
	if got.String() != "http://h/users/:id" {
		t.Fatalf("got %q", got.String())
	}
}

func TestTokenNames(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		text, prefix string
		want         []string
	}{
		"vault tokens in order, once": {"a {{vault:x}} b {{vault:y}} {{vault:x}}", "vault:", []string{"x", "y"}},
		"other tokens ignored":        {"{{x}} {{vault:k}}", "vault:", []string{"k"}},
		"unterminated":                {"{{vault:x", "vault:", nil},
		"nested braces skipped":       {"{{vault:{{n}}}} {{vault:ok}}", "vault:", []string{"ok"}},
		"no prefix lists all":         {"{{a}}{{b}}", "", []string{"a", "b"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := TokenNames(tc.text, tc.prefix)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("TokenNames(%q, %q) = %q, want %q", tc.text, tc.prefix, got, tc.want)
			}
		})
	}
}

// Variables named with "&" or "#" resolve in query parameters (Newman substitutes before it
// encodes; conformance case dropin-query-vars), and a value holding "&" splits the query as
// in Newman, whose substitution is textual.
func TestResolveURLQueryVariableNames(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"&": "amp", "foo#bar": "1", "v": "a&b"}
	lookup := func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	u := URL{Protocol: "http", Host: []string{"h"}, Path: []string{"get"},
		Query: []QueryParam{{Key: "r", Value: "{{&}}"}, {Key: "x&y", Value: "%23{{foo#bar}}%23"}, {Key: "q", Value: "{{v}}"}}}
	if got, want := ResolveURL(u, lookup).String(), "http://h/get?r=amp&x%26y=%231%23&q=a&b"; got != want {
		t.Errorf("ResolveURL = %q, want %q", got, want)
	}
}

// A trailing "?" is one empty parameter (postman-collection's parse): String leaves it out,
// as Postman's toString does, but resolving keeps it, so it is sent ("get?"), as Newman does
// (conformance case dropin-empty-query).
func TestTrailingQuestionMark(t *testing.T) {
	t.Parallel()
	u := ParseURL("http://h/get?")
	if len(u.Query) != 1 || !u.Query[0].NoValue || u.String() != "http://h/get" {
		t.Fatalf("ParseURL = %#v, String %q", u.Query, u.String())
	}
	r := ResolveURL(u, func(string) (string, bool) { return "", false })
	if len(r.Query) != 1 || !r.Query[0].NoValue {
		t.Errorf("ResolveURL lost the empty parameter: %#v", r.Query)
	}
}
