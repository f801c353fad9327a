package collections

import (
	"strings"
	"testing"
)

// The two renderings of a URL (render): Url.toString and the URL as sent.

func TestURLStringQueryEdges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		u    URL
		want string
	}{
		{"lone empty flag", URL{Host: []string{"h"}, Query: []QueryParam{{NoValue: true}}}, "h"},
		{"two empty flags", URL{Host: []string{"h"}, Query: []QueryParam{{NoValue: true}, {NoValue: true}}}, "h?&"},
		{"empty value", URL{Host: []string{"h"}, Query: []QueryParam{{}}}, "h?="},
		{"disabled only", URL{Host: []string{"h"}, Query: []QueryParam{{Key: "a", Disabled: true}}}, "h"},
		{"escapes", URL{Host: []string{"h"}, Query: []QueryParam{{Key: "a&b#", Value: "#c&&"}}}, "h?a%26b%23=%23c%26%26"},
		{"hash and path", URL{Protocol: "https", Auth: "u:p", Host: []string{"a", "b"}, Port: "8",
			Path: []string{"", "x"}, Hash: "h"}, "https://u:p@a.b:8//x#h"},
		{"empty path list", URL{Host: []string{"h"}, Path: []string{}}, "h"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.u.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestURLWireString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		url  URL
		want string
	}{
		{"no scheme", URL{Host: []string{"Example", "COM"}, Path: []string{"a"}}, "http://example.com/a"},
		{"path variables", URL{Protocol: "https", Host: []string{"h"}, Port: "8443", Path: []string{"users", ":id", ":empty"},
			Variables: []Variable{{Key: "id", Value: "42"}, {Key: "empty", Value: ""}}}, "https://h:8443/users/42/:empty"},
		{"query", URL{Host: []string{"h"}, Query: []QueryParam{
			{Key: "a", Value: "x y"}, {Key: "off", Value: "1", Disabled: true}, {Key: "flag", NoValue: true}, {Key: "e", Value: "é%20"},
		}}, "http://h/?a=x%20y&flag&e=%C3%A9%20"},
		{"hash kept (Newman reports it; net/http does not send it)", URL{Host: []string{"h"}, Path: []string{""}, Hash: "a b"}, "http://h/#a%20b"},
		{"path escapes", URL{Host: []string{"h"}, Path: []string{"a b", "{x}"}}, "http://h/a%20b/%7Bx%7D"},
		{"IPv4 shorthand", URL{Host: []string{"127", "1"}, Port: "80"}, "http://127.0.0.1:80/"},
		{"IPv4 hex and octal", URL{Host: []string{"0x7f", "0", "0", "010"}}, "http://127.0.0.8/"},
		{"IPv4 one number", URL{Host: []string{"2130706433"}}, "http://127.0.0.1/"},
		{"not an IPv4 address", URL{Host: []string{"127", "1", "x"}}, "http://127.1.x/"},
		{"userinfo escapes (as Newman sends and reports them)", URL{Auth: "us@r:p@ss:w rd", Host: []string{"h"}}, "http://us%40r:p%40ss%3Aw%20rd@h/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.url.WireString(true); got != tt.want {
				t.Errorf("WireString(true) = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWriteLowerHostMatchesToLower(t *testing.T) {
	t.Parallel()
	hosts := [][]string{
		nil, {""}, {"API", "Example", "COM"}, {"already", "lower"}, {"Ünïcode", "ÄÖ"},
		{"a\xffB", "C\xe2\x84"}, {"\xaaX", "y"}, {"{{Host}}"}, {"", "", "A"},
	}
	for _, h := range hosts {
		var b strings.Builder
		writeLowerHost(&b, h)
		if want := strings.ToLower(strings.Join(h, ".")); b.String() != want {
			t.Errorf("writeLowerHost(%q) = %q, want %q", h, b.String(), want)
		}
	}
}
