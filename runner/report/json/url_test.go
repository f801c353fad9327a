package json

import (
	"strings"
	"testing"
)

func TestURLJSON(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		raw    string
		object bool
		host   string
		port   string
	}{
		"plain":            {"http://127.0.0.1:1/users?page=1", true, "127.0.0.1", "1"},
		"no path":          {"http://example.com", true, "example.com", ""},
		"root path":        {"http://example.com/", true, "example.com", ""},
		"everything":       {"https://u:p@api.example.com:8443/a/b?x&y=&=z#frag", true, "api.example.com", "8443"},
		"variable host":    {"http://{{nosuchhost}}/get", true, "{{nosuchhost}}", ""},
		"no scheme":        {"{{baseUrl}}/get", true, "{{baseUrl}}", ""},
		"ipv6":             {"http://[::1]:8080/x", true, "[::1]", "8080"},
		"empty fragment":   {"http://h/a#", false, "", ""},
		"encoded segments": {"http://h/a%20b?q=%2F", true, "h", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			switch v := urlJSON(tc.raw).(type) {
			case *urlObject:
				if !tc.object {
					t.Fatalf("object form for %q, which it cannot render back", tc.raw)
				}
				if got := v.String(); got != tc.raw {
					t.Errorf("String() = %q, want %q", got, tc.raw)
				}
				host := ""
				for i, h := range v.Host {
					if i > 0 {
						host += "."
					}
					host += h
				}
				if host != tc.host || v.Port != tc.port {
					t.Errorf("host %q port %q, want %q %q", host, v.Port, tc.host, tc.port)
				}
			case string:
				if tc.object || v != tc.raw {
					t.Errorf("string form %q for %q", v, tc.raw)
				}
			}
		})
	}
}

func TestIsScheme(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"http": true, "HTTPS": true, "svn+ssh": true, "coap.tcp": true, "x-y1": true,
		"": false, "1http": false, "+a": false, ".a": false, "ht tp": false, "h_t": false,
		"{{base}}": false, "é": false,
	}
	for s, want := range tests {
		if got := isScheme(s); got != want {
			t.Errorf("isScheme(%q) = %v, want %v", s, got, want)
		}
	}
}

// A path starting with empty segments is written in object form, as Newman writes it.
func TestURLJSONLeadingEmptySegments(t *testing.T) {
	t.Parallel()
	u, ok := urlJSON("https://h.org//get?a=1").(*urlObject)
	if !ok || strings.Join(u.Path, "|") != "|get" || u.String() != "https://h.org/get?a=1" {
		t.Fatalf("urlJSON = %#v", urlJSON("https://h.org//get?a=1"))
	}
	if s, ok := urlJSON("https://h.org/a//b").(string); ok {
		t.Errorf("inner empty segments need no string form: %q", s)
	}
}
