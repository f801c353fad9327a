package auth

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// oauth1Auth signs OAuth 1.0a requests as postman-runtime (node-oauth1) does:
// HMAC-SHA1/256/512, RSA-SHA1/256/512 and PLAINTEXT; parameters go to the Authorization
// header (addParamsToHeader), else into a urlencoded POST/PUT body, else the query;
// urlencoded body parameters and the query are part of the signature base string.
type oauth1Auth struct{}

func (oauth1Auth) retry(*authState, *collections.Response) bool { return false }

// oauth1Keys are the protocol parameters removed from a request before signing.
var oauth1Keys = []string{"oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp",
	"oauth_nonce", "oauth_version", "oauth_signature", "oauth_callback", "oauth_verifier", "oauth_body_hash"}

func (oauth1Auth) sign(st *authState, r *signable) error {
	method := st.get("signatureMethod")
	if method == "" {
		method = "HMAC-SHA1"
	}
	algo, hashName, _ := strings.Cut(method, "-")
	algo = strings.ToUpper(algo)
	if st.get("consumerKey") == "" || (algo != "RSA" && st.get("consumerSecret") == "") ||
		(algo == "RSA" && st.get("privateKey") == "") {
		return nil
	}
	r.req.Headers = collections.RemoveHeaders(r.req.Headers, "Authorization")
	for _, k := range oauth1Keys {
		r.req.URL.Query = removeQuery(r.req.URL.Query, k)
	}
	form := urlencodedParams(r.req.Body)
	if form != nil {
		r.removeBodyParams(oauth1Keys)
		form = urlencodedParams(r.req.Body)
	}
	params := oauth1Params(st, method, hashName, form == nil, r.body)
	u, err := url.Parse(r.req.URL.WireString(true))
	if err != nil {
		return err
	}
	base := oauthBaseString(r.req.Method, u, append(append([][2]string{}, params...), form...))
	sig, err := oauthSignature(algo, hashName, base, st.get("consumerSecret"), st.get("tokenSecret"), st.get("privateKey"))
	if err != nil {
		return err
	}
	params = append(params, [2]string{"oauth_signature", sig})
	if off, _ := st.ppb["disableUrlEncoding"].(bool); !off {
		reencodeQuery(r.req.URL.Query)
	}
	r.placeOAuth1(st, params, form != nil)
	return nil
}

// oauth1Params lists the protocol parameters to sign, in runtime's order; empty ones are
// left out unless addEmptyParamsToSign. The body hash is added for non-form bodies when
// includeBodyHash is set.
func oauth1Params(st *authState, method, hashName string, hashBody bool, body []byte) [][2]string {
	addEmpty := st.flag("addEmptyParamsToSign")
	val := func(k string) string {
		v := st.get(k)
		if !addEmpty && strings.TrimSpace(v) == "" {
			return ""
		}
		return v
	}
	nonce, ts := val("nonce"), val("timestamp")
	if nonce == "" {
		nonce = oauthNonce(11)
	}
	if ts == "" {
		ts = strconv.FormatInt(st.clock().Unix(), 10)
	}
	params := [][2]string{{"oauth_consumer_key", val("consumerKey")}, {"oauth_token", val("token")},
		{"oauth_signature_method", method}, {"oauth_timestamp", ts}, {"oauth_nonce", nonce},
		{"oauth_version", val("version")}}
	if hashBody && st.flag("includeBodyHash") && hashName != "" {
		if newHash := oauthHash(hashName); newHash != nil {
			h := newHash()
			h.Write(body)
			params = append(params, [2]string{"oauth_body_hash", base64.StdEncoding.EncodeToString(h.Sum(nil))})
		}
	}
	for _, k := range []string{"callback", "verifier"} {
		if v := val(k); v != "" {
			params = append(params, [2]string{"oauth_" + k, v})
		}
	}
	if !addEmpty {
		params = dropEmpty(params)
	}
	return params
}

// placeOAuth1 puts the protocol parameters where runtime does.
func (r *signable) placeOAuth1(st *authState, params [][2]string, hasForm bool) {
	switch {
	case st.flag("addParamsToHeader"):
		r.addHeader("Authorization", oauthHeader(st.get("realm"), params, !st.flag("disableHeaderEncoding")))
	case hasForm && (r.req.Method == "POST" || r.req.Method == "PUT"):
		for _, p := range params {
			r.req.Body.URLEncoded = append(r.req.Body.URLEncoded, collections.Param{Key: p[0], Value: p[1]})
		}
		r.bodyChanged = true
	default:
		for _, p := range params {
			r.req.URL.Query = append(r.req.URL.Query, collections.QueryParam{Key: oauthEncode(p[0]), Value: oauthEncode(p[1])})
		}
	}
}

// reencodeQuery rewrites query parameters in RFC 3986 encoding, as runtime does for
// OAuth 1.0a (https://oauth.net/core/1.0a/#encoding_parameters).
func reencodeQuery(q []collections.QueryParam) {
	for i := range q {
		q[i].Key = oauthEncode(nodeUnescape(q[i].Key))
		if !q[i].NoValue {
			q[i].Value = oauthEncode(nodeUnescape(q[i].Value))
		}
	}
}

// urlencodedParams returns the enabled urlencoded body parameters (nil for other bodies).
func urlencodedParams(b *collections.Body) [][2]string {
	if b == nil || b.Disabled || b.Mode != "urlencoded" {
		return nil
	}
	out := [][2]string{}
	for _, p := range b.URLEncoded {
		if !p.Disabled {
			out = append(out, [2]string{p.Key, p.Value})
		}
	}
	return out
}

// removeBodyParams drops urlencoded body parameters with the given names.
func (r *signable) removeBodyParams(keys []string) {
	var kept []collections.Param
	for _, p := range r.req.Body.URLEncoded {
		drop := false
		for _, k := range keys {
			drop = drop || p.Key == k
		}
		if !drop {
			kept = append(kept, p)
		}
	}
	if len(kept) != len(r.req.Body.URLEncoded) {
		r.req.Body.URLEncoded = kept
		r.bodyChanged = true
	}
}

func dropEmpty(params [][2]string) [][2]string {
	var out [][2]string
	for _, p := range params {
		if p[1] != "" {
			out = append(out, p)
		}
	}
	return out
}

// oauthBaseString is method & normalized URL & normalized parameters (query included).
func oauthBaseString(method string, u *url.URL, params [][2]string) string {
	all := oauthDecodeForm(u.RawQuery)
	all = append(all, params...)
	type kv struct{ sortKey, enc string }
	list := make([]kv, 0, len(all))
	for _, p := range all {
		if p[0] == "oauth_signature" {
			continue
		}
		k, v := oauthEncode(p[0]), oauthEncode(p[1])
		list = append(list, kv{k + " " + v, k + "=" + v})
	}
	sort.SliceStable(list, func(a, b int) bool { return list[a].sortKey < list[b].sortKey })
	parts := make([]string, len(list))
	for i, p := range list {
		parts[i] = p.enc
	}
	host := strings.ToLower(u.Host)
	if (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		host = strings.ToLower(u.Hostname())
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return oauthEncode(strings.ToUpper(method)) + "&" + oauthEncode(strings.ToLower(u.Scheme)+"://"+host+path) +
		"&" + oauthEncode(strings.Join(parts, "&"))
}

// oauthDecodeForm splits a query like node-oauth1's decodeForm ("+" is a space).
func oauthDecodeForm(q string) [][2]string {
	var out [][2]string
	for _, part := range strings.Split(q, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out = append(out, [2]string{nodeUnescape(k), nodeUnescape(v)})
	}
	return out
}

// oauthEncode is RFC 3986 percent-encoding (OAuth's percentEncode).
func oauthEncode(s string) string { return rfc3986(s) }

// oauthSignature signs the base string with the named method.
func oauthSignature(algo, hashName, base, consumerSecret, tokenSecret, privateKey string) (string, error) {
	key := oauthEncode(consumerSecret) + "&" + oauthEncode(tokenSecret)
	switch algo {
	case "PLAINTEXT":
		return key, nil
	case "HMAC":
		newHash := oauthHash(hashName)
		if newHash == nil {
			return "", fmt.Errorf("unsupported signature method HMAC-%s", hashName)
		}
		m := hmac.New(newHash, []byte(key))
		m.Write([]byte(base))
		return base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
	case "RSA":
		return rsaSign(hashName, base, privateKey)
	}
	return "", fmt.Errorf("unsupported signature method %s-%s", algo, hashName)
}

func oauthHash(name string) func() hash.Hash {
	switch strings.ToUpper(name) {
	case "SHA1":
		return sha1.New
	case "SHA256":
		return sha256.New
	case "SHA512":
		return sha512.New
	}
	return nil
}

// rsaSign signs base with a PEM RSA private key (PKCS#1 v1.5).
func rsaSign(hashName, base, keyPEM string) (string, error) {
	block, _ := pem.Decode([]byte(keyPEM))
	if block == nil {
		return "", errors.New("invalid private key: no PEM block")
	}
	var key *rsa.PrivateKey
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		key = k
	} else if k8, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		key, _ = k8.(*rsa.PrivateKey)
	}
	if key == nil {
		return "", errors.New("invalid private key: not an RSA key")
	}
	hashes := map[string]crypto.Hash{"SHA1": crypto.SHA1, "SHA256": crypto.SHA256, "SHA512": crypto.SHA512}
	h, ok := hashes[strings.ToUpper(hashName)]
	if !ok {
		return "", fmt.Errorf("unsupported signature method RSA-%s", hashName)
	}
	d := h.New()
	d.Write([]byte(base))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, h, d.Sum(nil))
	if err != nil {
		return "", fmt.Errorf("rsa signature: %w", err)
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

// oauthHeader renders `OAuth realm="…",oauth_x="…",…`, leaving out empty values.
func oauthHeader(realm string, params [][2]string, encode bool) string {
	var parts []string
	if strings.TrimSpace(realm) != "" {
		if encode {
			realm = oauthEncode(realm)
		}
		parts = append(parts, `realm="`+realm+`"`)
	}
	for _, p := range params {
		k, v := p[0], strings.TrimSpace(p[1])
		if v == "" || !strings.HasPrefix(k, "oauth_") {
			continue
		}
		if encode {
			k, v = oauthEncode(k), oauthEncode(v)
		}
		parts = append(parts, k+`="`+v+`"`)
	}
	return "OAuth " + strings.Join(parts, ",")
}

// oauthNonce mimics node-oauth1's nonce alphabet.
func oauthNonce(n int) string {
	const chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXTZabcdefghiklmnopqrstuvwxyz"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = chars[int(b[i])%len(chars)]
	}
	return string(b)
}
