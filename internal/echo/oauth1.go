package echo

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
)

// The OAuth 1.0a consumer /oauth1 accepts (postman-echo's published test consumer; no
// token secret).
const (
	// OAuth1ConsumerKey is the consumer key /oauth1 expects.
	OAuth1ConsumerKey = "RKCGzna7bv9YD57c"
	// OAuth1ConsumerSecret is the consumer secret /oauth1 signs with.
	OAuth1ConsumerSecret = "D+EdQ-gs$-%@2Nu7"
)

// oauth1 verifies an OAuth 1.0a signature (HMAC-SHA1, HMAC-SHA256 or PLAINTEXT) made over
// the Authorization header's oauth_* parameters, the query and an urlencoded body.
func oauth1(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		badRequest(w, "reading body: "+err.Error())
		return
	}
	sig, method, params := oauthParams(r, body)
	normalized := oauthNormalize(params)
	base := oauthBaseURI(r)
	baseString := strings.ToUpper(r.Method) + "&" + percentEncode(base) + "&" + percentEncode(normalized)
	key := percentEncode(OAuth1ConsumerSecret) + "&"
	if equal(sig, oauthSign(method, key, baseString)) {
		writeJSON(w, http.StatusOK, object{{"status", "pass"}, {"message", "OAuth-1.0a signature verification was successful"}})
		return
	}
	writeJSON(w, http.StatusUnauthorized, object{
		{"status", "fail"},
		{"message", strings.ToUpper(method) + " verification failed"},
		{"base_uri", base},
		{"normalized_param_string", normalized},
		{"base_string", baseString},
		{"signing_key", key},
	})
}

// oauthParams collects the signed parameters and returns them with the signature and the
// signature method.
func oauthParams(r *http.Request, body []byte) (sig, method string, params [][2]string) {
	method = "HMAC-SHA1"
	add := func(k, v string) {
		switch k {
		case "oauth_signature":
			sig = v
			return
		case "realm":
			return
		case "oauth_signature_method":
			method = v
		}
		params = append(params, [2]string{k, v})
	}
	if scheme, rest, _ := strings.Cut(r.Header.Get("Authorization"), " "); strings.EqualFold(scheme, "OAuth") {
		for k, v := range authParams(rest) {
			add(k, unescape(strings.ReplaceAll(v, "+", "%2B")))
		}
	}
	for _, kv := range splitPairs(rawQuery(r)) {
		add(kv[0], kv[1])
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
		for _, kv := range splitPairs(string(body)) {
			add(kv[0], kv[1])
		}
	}
	return sig, method, params
}

// oauthNormalize encodes, sorts and joins the parameters (RFC 5849 section 3.4.1.3.2).
func oauthNormalize(params [][2]string) string {
	enc := make([]string, len(params))
	for i, p := range params {
		enc[i] = percentEncode(p[0]) + "=" + percentEncode(p[1])
	}
	slices.SortFunc(enc, func(a, b string) int {
		ak, av, _ := strings.Cut(a, "=")
		bk, bv, _ := strings.Cut(b, "=")
		if c := strings.Compare(ak, bk); c != 0 {
			return c
		}
		return strings.Compare(av, bv)
	})
	return strings.Join(enc, "&")
}

// oauthBaseURI is scheme://host[:port]/path with the default port left out.
func oauthBaseURI(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host, port := hostAndPort(r)
	uri := scheme + "://" + host
	if (scheme == "http" && port != "80") || (scheme == "https" && port != "443") {
		uri += ":" + port
	}
	return uri + r.URL.EscapedPath()
}

func oauthSign(method, key, text string) string {
	var h func() hash.Hash
	switch strings.ToUpper(method) {
	case "PLAINTEXT":
		return key
	case "HMAC-SHA256":
		h = sha256.New
	default:
		h = sha1.New
	}
	mac := hmac.New(h, []byte(key))
	mac.Write([]byte(text))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// percentEncode encodes everything but RFC 3986 unreserved characters.
func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('A' <= c && c <= 'Z') || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
