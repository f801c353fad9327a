package collections

import (
	"reflect"
	"testing"
)

func TestParseURL(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		raw  string
		want URL
		str  string // String(), when it differs from raw
	}{
		"full": {
			raw: "https://user:pw@api.example.com:8443/v1/users?a=1&flag&b=#frag",
			want: URL{Protocol: "https", Auth: "user:pw", Host: []string{"api", "example", "com"}, Port: "8443",
				Path: []string{"v1", "users"}, Hash: "frag",
				Query: []QueryParam{{Key: "a", Value: "1"}, {Key: "flag", NoValue: true}, {Key: "b"}}},
		},
		"at signs in auth": {
			raw:  "https://us@r:p@ss@h.com/x",
			want: URL{Protocol: "https", Auth: "us@r:p@ss", Host: []string{"h", "com"}, Path: []string{"x"}},
		},
		"variable host": {
			raw:  "{{baseUrl}}/get",
			want: URL{Host: []string{"{{baseUrl}}"}, Path: []string{"get"}},
		},
		"variable with dots and slashes": {
			raw:  "{{base.url/v1}}/x/{{a.b}}?q={{c/d}}",
			want: URL{Host: []string{"{{base.url/v1}}"}, Path: []string{"x", "{{a.b}}"}, Query: []QueryParam{{Key: "q", Value: "{{c/d}}"}}},
		},
		"variable with question mark and hash": {
			raw:  "http://{{h?x}}:{{port}}/p{{#y}}",
			want: URL{Protocol: "http", Host: []string{"{{h?x}}"}, Port: "{{port}}", Path: []string{"p{{#y}}"}},
		},
		"no protocol with port": {
			raw:  "localhost:3000/a/b/",
			want: URL{Host: []string{"localhost"}, Port: "3000", Path: []string{"a", "b", ""}},
		},
		"root path": {
			raw:  "http://example.com/",
			want: URL{Protocol: "http", Host: []string{"example", "com"}, Path: []string{""}},
		},
		"no path": {
			raw:  "http://example.com?x=1",
			want: URL{Protocol: "http", Host: []string{"example", "com"}, Query: []QueryParam{{Key: "x", Value: "1"}}},
		},
		"path variables": {
			raw: "http://h/users/:id/posts/:postId/:id",
			want: URL{Protocol: "http", Host: []string{"h"}, Path: []string{"users", ":id", "posts", ":postId", ":id"},
				Variables: []Variable{{Key: "id"}, {Key: "postId"}}},
		},
		"leading spaces": {
			raw:  "  http://h/x",
			want: URL{Protocol: "http", Host: []string{"h"}, Path: []string{"x"}},
			str:  "http://h/x",
		},
		"hash before query": {
			raw:  "http://h/p#frag?notquery",
			want: URL{Protocol: "http", Host: []string{"h"}, Path: []string{"p"}, Hash: "frag?notquery"},
		},
		"empty": {raw: "", want: URL{}},
		"value with equals": {
			raw:  "http://h?a=b=c&&d",
			want: URL{Protocol: "http", Host: []string{"h"}, Query: []QueryParam{{Key: "a", Value: "b=c"}, {Key: "", NoValue: true}, {Key: "d", NoValue: true}}},
		},
		"ipv6": {
			raw:  "http://[::1]:8080/x",
			want: URL{Protocol: "http", Host: []string{"[::1]"}, Port: "8080", Path: []string{"x"}},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := ParseURL(tc.raw)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseURL(%q) =\n %#v\nwant\n %#v", tc.raw, got, tc.want)
			}
			wantStr := tc.raw
			if tc.str != "" {
				wantStr = tc.str
			}
			if s := got.String(); s != wantStr {
				t.Errorf("String() = %q, want %q", s, wantStr)
			}
		})
	}
}

func TestURLStringVariants(t *testing.T) {
	t.Parallel()
	u := URL{Protocol: "https://", Host: []string{"h"}, Path: []string{"users", ":id", ":missing", ":empty", ":"},
		Query:     []QueryParam{{Key: "a", Value: "1", Disabled: true}, {Key: "b", Value: "2"}},
		Variables: []Variable{{Key: "id", Value: 7.0}, {Key: "missing"}, {Key: "empty", Value: ""}}}
	if got, want := u.String(), "https://h/users/:id/:missing/:empty/:?b=2"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := u.StringWithPathVars(), "https://h/users/7/:missing//:?b=2"; got != want {
		t.Errorf("StringWithPathVars() = %q, want %q", got, want)
	}
	onlyDisabled := URL{Host: []string{"h"}, Query: []QueryParam{{Key: "a", Disabled: true}}}
	if got := onlyDisabled.String(); got != "h" {
		t.Errorf("String() with only disabled params = %q", got)
	}
}
