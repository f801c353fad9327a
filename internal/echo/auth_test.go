package echo_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/internal/echo"
)

// hawkHeader signs a GET of uri on hostPort the way a Hawk client does.
func hawkHeader(key, method, uri, hostPort string, h func() hash.Hash) string {
	host, port, _ := strings.Cut(hostPort, ":")
	ts, nonce := "1700000000", "abc123"
	text := strings.Join([]string{"hawk.1.header", ts, nonce, method, uri, host, port, "", ""}, "\n") + "\n"
	mac := hmac.New(h, []byte(key))
	mac.Write([]byte(text))
	return fmt.Sprintf(`Hawk id="%s", ts="%s", nonce="%s", mac="%s"`,
		echo.HawkID, ts, nonce, base64.StdEncoding.EncodeToString(mac.Sum(nil)))
}

func TestHawkAuth(t *testing.T) {
	t.Parallel()
	srv, client := newServer(t)
	host := strings.TrimPrefix(srv.URL, "http://")
	tests := []struct {
		name   string
		header string
		want   int
		body   string
	}{
		{"sha256", hawkHeader(echo.HawkKey, "GET", "/auth/hawk?x=1", host, sha256.New), 200, "Hawk Authentication Successful"},
		{"sha1", hawkHeader(echo.HawkKey, "GET", "/auth/hawk?x=1", host, sha1.New), 200, "Successful"},
		{"wrong key", hawkHeader("nope", "GET", "/auth/hawk?x=1", host, sha256.New), 401, "Bad mac"},
		{"signed another path", hawkHeader(echo.HawkKey, "GET", "/auth/hawk", host, sha256.New), 401, "Bad mac"},
		{"unknown id", `Hawk id="x", ts="1", nonce="n", mac="m"`, 401, "Unknown credentials"},
		{"missing", "", 401, "Missing authentication"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := newRequest(t, "GET", srv.URL+"/auth/hawk?x=1", "", "")
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			got := do(t, client, req)
			if got.code != tt.want || !strings.Contains(string(got.body), tt.body) {
				t.Errorf("got %d %s, want %d with %q", got.code, got.body, tt.want, tt.body)
			}
		})
	}
}

// oauthEncode is RFC 3986 encoding as OAuth 1.0a needs it.
func oauthEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// oauthHeader signs method baseURI with extra (query or form) parameters using HMAC-SHA1.
func oauthHeader(secret, method, baseURI string, extra url.Values) string {
	oauth := map[string]string{
		"oauth_consumer_key":     echo.OAuth1ConsumerKey,
		"oauth_nonce":            "n0nce",
		"oauth_signature_method": "HMAC-SHA1",
		"oauth_timestamp":        "1700000000",
		"oauth_version":          "1.0",
	}
	var pairs []string
	for k, v := range oauth {
		pairs = append(pairs, oauthEncode(k)+"="+oauthEncode(v))
	}
	for k, vs := range extra {
		for _, v := range vs {
			pairs = append(pairs, oauthEncode(k)+"="+oauthEncode(v))
		}
	}
	sort.Strings(pairs)
	base := method + "&" + oauthEncode(baseURI) + "&" + oauthEncode(strings.Join(pairs, "&"))
	mac := hmac.New(sha1.New, []byte(oauthEncode(secret)+"&"))
	mac.Write([]byte(base))
	oauth["oauth_signature"] = base64.StdEncoding.EncodeToString(mac.Sum(nil))
	var parts []string
	for k, v := range oauth {
		parts = append(parts, fmt.Sprintf(`%s="%s"`, k, oauthEncode(v)))
	}
	sort.Strings(parts)
	return "OAuth " + strings.Join(parts, ",")
}

func TestOAuth1(t *testing.T) {
	t.Parallel()
	srv, client := newServer(t)
	form := url.Values{"b": {"two words"}}
	tests := []struct {
		name, method, query, body, header string
		want                              int
	}{
		{"query signed", "GET", "?a=1", "",
			oauthHeader(echo.OAuth1ConsumerSecret, "GET", srv.URL+"/oauth1", url.Values{"a": {"1"}}), 200},
		{"form body signed", "POST", "", form.Encode(),
			oauthHeader(echo.OAuth1ConsumerSecret, "POST", srv.URL+"/oauth1", form), 200},
		{"query not signed", "GET", "?a=2", "",
			oauthHeader(echo.OAuth1ConsumerSecret, "GET", srv.URL+"/oauth1", url.Values{"a": {"1"}}), 401},
		{"wrong secret", "GET", "", "", oauthHeader("nope", "GET", srv.URL+"/oauth1", nil), 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctype := ""
			if tt.body != "" {
				ctype = "application/x-www-form-urlencoded"
			}
			req := newRequest(t, tt.method, srv.URL+"/oauth1"+tt.query, ctype, tt.body)
			req.Header.Set("Authorization", tt.header)
			got := do(t, client, req)
			if got.code != tt.want {
				t.Errorf("status = %d, want %d: %s", got.code, tt.want, got.body)
			}
		})
	}
}
