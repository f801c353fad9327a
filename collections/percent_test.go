package collections

import "testing"

// The one percent-encoder, with each context's set: what Node and postman-runtime
// write for the same input.
func TestPercentSets(t *testing.T) {
	t.Parallel()
	const in = "a-Z_0.9~!*'() \"#<>?`{}/:;=@[\\]^|&+$,%é\x01"
	tests := []struct {
		name string
		set  *percentSet
		want string
	}{
		// encodeURIComponent plus !'()* (SigV4, OAuth 1.0)
		{"rfc3986", rfc3986Set, "a-Z_0.9~%21%2A%27%28%29%20%22%23%3C%3E%3F%60%7B%7D%2F%3A%3B%3D%40%5B%5C%5D%5E%7C%26%2B%24%2C%25%C3%A9%01"},
		// Node's querystring.escape (urlencoded bodies)
		{"querystring", querystringSet, "a-Z_0.9~!*'()%20%22%23%3C%3E%3F%60%7B%7D%2F%3A%3B%3D%40%5B%5C%5D%5E%7C%26%2B%24%2C%25%C3%A9%01"},
		// WHATWG sets: existing escapes ("%") kept
		{"path", pathSet, "a-Z_0.9~!*'()%20%22%23%3C%3E%3F%60%7B%7D/:;=@[\\]^|&+$,%%C3%A9%01"},
		{"query", querySet, "a-Z_0.9~!*%27()%20%22%23%3C%3E?`{}/:;=@[\\]^|&+$,%%C3%A9%01"},
		{"fragment", fragmentSet, "a-Z_0.9~!*'()%20%22#%3C%3E?%60{}/:;=@[\\]^|&+$,%%C3%A9%01"},
		{"userinfo", userinfoSet, "a-Z_0.9~!*'()%20%22%23%3C%3E%3F%60%7B%7D%2F%3A%3B%3D%40%5B%5C%5D%5E%7C&+$,%%C3%A9%01"},
	}
	for _, tt := range tests {
		if got := tt.set.escape(in); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
