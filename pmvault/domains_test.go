package pmvault

import "testing"

func TestMatchDomains(t *testing.T) {
	t.Parallel()
	tests := []struct {
		domains []string
		url     string
		want    bool
	}{
		{nil, "http://anything.test/x", true},
		{[]string{"example.com"}, "https://example.com/path?q=1", true},
		{[]string{"example.com"}, "https://EXAMPLE.com:8443/path", true}, // any port, any case
		{[]string{"example.com"}, "http://example.com/", false},          // https when no scheme
		{[]string{"example.com"}, "example.com/x", false},                // no scheme in URL = http
		{[]string{"http://example.com"}, "example.com/x", true},
		{[]string{"example.com"}, "https://www.example.com/", false},
		{[]string{"*.example.com"}, "https://www.example.com/", true},
		{[]string{"*.example.com"}, "https://a.b.example.com/", true},
		{[]string{"*.example.com"}, "https://example.com/", true},
		{[]string{"*.example.com"}, "https://badexample.com/", false},
		{[]string{"*.example.com"}, "https://example.com.evil.test/", false},
		{[]string{"https://*"}, "https://any.test/", true},
		{[]string{"*://api.test"}, "http://api.test/", true},
		{[]string{"http+https://api.test"}, "http://api.test/", true},
		{[]string{"api.test/only/this/path"}, "https://api.test/other", true}, // path ignored
		{[]string{"api.test:8443"}, "https://api.test:8443/", true},
		{[]string{"api.test:8443"}, "https://api.test/", false},
		{[]string{"api.test:443"}, "https://api.test/", true},
		{[]string{"other.test", "api.test"}, "https://api.test/", true},
		{[]string{"api.test"}, "https://user:pw@api.test/", true},
		{[]string{"api.test"}, "https://{{host}}/x", false},
		{[]string{"ws://api.test"}, "https://api.test/", false}, // invalid pattern matches nothing
		{[]string{"api.test"}, "wss://api.test/", false},
		{[]string{"*.0.0.1"}, "https://127.0.0.1/", false}, // a wildcard never matches an IP
		{[]string{"https://127.0.0.1"}, "https://127.0.0.1:8443/", true},
		{[]string{"http://[::1]"}, "http://[::1]:8080/x", true},
		{[]string{"http://[::1]:8080"}, "http://[::1]:8080/x", true},
		{[]string{"http://[::1]:8080"}, "http://[::1]:9090/x", false},
		{[]string{"http://[::1]"}, "http://127.0.0.1/x", false},
	}
	for _, tc := range tests {
		if got := MatchDomains(tc.domains, tc.url); got != tc.want {
			t.Errorf("MatchDomains(%q, %q) = %v, want %v", tc.domains, tc.url, got, tc.want)
		}
	}
}

func TestCheckDomain(t *testing.T) {
	t.Parallel()
	for pattern, ok := range map[string]bool{
		"example.com": true, "*.example.com": true, "*": true, "http://localhost": true,
		"https+http://x.test:*": true, "x.test:8080": true,
		"": false, "ws://x.test": false, "a*.test": false, "*.": false, "x.test:port": false,
		"*.a.*.test": false, "a b.test": false,
	} {
		if err := CheckDomain(pattern); (err == nil) != ok {
			t.Errorf("CheckDomain(%q) = %v, want ok=%v", pattern, err, ok)
		}
	}
}
