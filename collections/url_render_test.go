package collections

import "testing"

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
