package auth

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"net/url"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// digestAuth implements HTTP Digest (RFC 7616): without a nonce and realm the request
// goes out unsigned; a 401/403 with a Digest challenge fills them in and the request is
// sent once more, signed (unless disableRetryRequest). Algorithms MD5, SHA-256,
// SHA-512-256 and their -sess variants; qop auth and auth-int.
type digestAuth struct{}

func (digestAuth) sign(st *authState, r *signable) error {
	if !st.has("username") || !st.has("realm") || !st.has("nonce") {
		return nil
	}
	algo := st.get("algorithm")
	if algo == "" {
		algo = "MD5"
	}
	newHash, err := digestHash(algo)
	if err != nil {
		return err
	}
	uri := "/"
	if u, err := url.Parse(r.req.URL.WireString(true)); err == nil {
		uri = u.RequestURI()
	}
	p := digestParams{
		algorithm: algo, username: st.get("username"), realm: st.get("realm"),
		password: st.get("password"), method: r.req.Method, uri: uri,
		nonce: st.get("nonce"), nc: st.get("nonceCount"), cnonce: st.get("clientNonce"),
		opaque: st.get("opaque"), qop: pickQop(st.get("qop")), body: r.body,
	}
	if p.qop != "" || strings.HasSuffix(strings.ToLower(algo), "-sess") {
		if p.nc == "" {
			p.nc = "00000001"
		}
		if p.cnonce == "" {
			p.cnonce = randomAlnum(8)
		}
	}
	r.req.Headers = collections.RemoveHeaders(r.req.Headers, "Authorization")
	r.addHeader("Authorization", p.header(newHash))
	return nil
}

func (digestAuth) retry(st *authState, resp *collections.Response) bool {
	if resp == nil || st.flag("disableRetryRequest") || (resp.Code != 401 && resp.Code != 403) {
		return false
	}
	challenge, ok := digestChallenge(resp.Headers, st.get("algorithm"))
	if !ok {
		return false
	}
	found := map[string]string{"nonce": challenge["nonce"], "realm": challenge["realm"]}
	for _, k := range []string{"opaque", "qop"} {
		if v := challenge[k]; v != "" {
			found[k] = v
		}
	}
	if found["qop"] != "" || st.has("qop") {
		found["clientNonce"] = randomAlnum(8)
		found["nonceCount"] = "00000001"
	}
	allPresent := true
	for k := range found {
		allPresent = allPresent && st.has(k)
	}
	if allPresent {
		return false // nothing new to sign with: runtime does not loop
	}
	for k, v := range found {
		st.setDefault(k, v)
	}
	if a := challenge["algorithm"]; a != "" {
		st.setDefault("algorithm", a)
	}
	return true
}

// digestChallenge picks the WWW-Authenticate Digest challenge matching the chosen
// algorithm (a challenge without algorithm= is MD5), else the first, and returns its
// parameters.
func digestChallenge(hs []collections.Header, algo string) (map[string]string, bool) {
	var all []map[string]string
	for _, h := range hs {
		if !strings.EqualFold(h.Key, "WWW-Authenticate") {
			continue
		}
		if params, ok := parseDigestChallenge(h.Value); ok {
			all = append(all, params)
		}
	}
	if len(all) == 0 {
		return nil, false
	}
	for _, c := range all {
		a, has := c["algorithm"]
		if algo != "" && (strings.EqualFold(a, algo) || !has && strings.EqualFold(algo, "MD5")) {
			return c, true
		}
	}
	return all[0], true
}

// parseDigestChallenge reads `Digest name=value, name="quoted \"value\"", …` (RFC 7235
// auth-params: names case-insensitive, values tokens or quoted strings with backslash
// escapes). It stops at the end of the Digest challenge (a following scheme on the same
// line) or at malformed text, keeping what it read; the first of repeated names wins.
func parseDigestChallenge(v string) (map[string]string, bool) {
	v = strings.TrimLeft(v, " \t")
	if len(v) < 6 || !strings.EqualFold(v[:6], "digest") || (len(v) > 6 && v[6] != ' ' && v[6] != '\t') {
		return nil, false
	}
	params := map[string]string{}
	rest := v[6:]
	for {
		rest = strings.TrimLeft(rest, " \t,")
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			return params, true
		}
		name := strings.ToLower(strings.TrimRight(rest[:eq], " \t"))
		if name == "" || strings.ContainsAny(name, " \t,\"") {
			return params, true // the next challenge's scheme, or garbage
		}
		rest = strings.TrimLeft(rest[eq+1:], " \t")
		var value string
		if strings.HasPrefix(rest, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(rest) && rest[i] != '"'; i++ {
				if rest[i] == '\\' && i+1 < len(rest) {
					i++
				}
				b.WriteByte(rest[i])
			}
			value, rest = b.String(), rest[min(i+1, len(rest)):]
		} else {
			end := strings.IndexAny(rest, ", \t")
			if end < 0 {
				end = len(rest)
			}
			value, rest = rest[:end], rest[end:]
		}
		if _, seen := params[name]; !seen {
			params[name] = value
		}
	}
}

// pickQop chooses "auth" from a challenge's list ("auth,auth-int"), else "auth-int".
func pickQop(qop string) string {
	var hasInt bool
	for _, q := range strings.Split(qop, ",") {
		switch strings.TrimSpace(strings.ToLower(q)) {
		case "auth":
			return "auth"
		case "auth-int":
			hasInt = true
		}
	}
	if hasInt {
		return "auth-int"
	}
	return ""
}

func digestHash(algo string) (func() hash.Hash, error) {
	switch strings.ToUpper(strings.TrimSuffix(strings.ToLower(algo), "-sess")) {
	case "MD5":
		return md5.New, nil
	case "SHA-256":
		return sha256.New, nil
	case "SHA-512-256":
		return sha512.New512_256, nil
	}
	return nil, fmt.Errorf("Unsupported digest algorithm: %s", algo) //nolint:staticcheck // runtime's text
}

type digestParams struct {
	algorithm, username, realm, password, method, uri string
	nonce, nc, cnonce, opaque, qop                    string
	body                                              []byte
}

// header computes the response and renders the Authorization value in runtime's order.
func (p digestParams) header(newHash func() hash.Hash) string {
	h := func(s string) string {
		x := newHash()
		x.Write([]byte(s))
		return hex.EncodeToString(x.Sum(nil))
	}
	a1 := p.username + ":" + p.realm + ":" + p.password
	if strings.HasSuffix(strings.ToLower(p.algorithm), "-sess") {
		a1 = h(a1) + ":" + p.nonce + ":" + p.cnonce
	}
	a2 := p.method + ":" + p.uri
	if p.qop == "auth-int" {
		bh := newHash()
		bh.Write(p.body)
		a2 += ":" + hex.EncodeToString(bh.Sum(nil))
	}
	var response string
	if p.qop != "" {
		response = h(strings.Join([]string{h(a1), p.nonce, p.nc, p.cnonce, p.qop, h(a2)}, ":"))
	} else {
		response = h(h(a1) + ":" + p.nonce + ":" + h(a2))
	}
	parts := []string{
		`username="` + p.username + `"`, `realm="` + p.realm + `"`,
		`nonce="` + p.nonce + `"`, `uri="` + p.uri + `"`, `algorithm="` + p.algorithm + `"`,
	}
	if p.qop != "" {
		parts = append(parts, "qop="+p.qop)
	}
	if p.qop != "" || strings.HasSuffix(strings.ToLower(p.algorithm), "-sess") {
		if p.nc != "" {
			parts = append(parts, "nc="+p.nc)
		}
		parts = append(parts, `cnonce="`+p.cnonce+`"`)
	}
	parts = append(parts, `response="`+response+`"`)
	if p.opaque != "" {
		parts = append(parts, `opaque="`+p.opaque+`"`)
	}
	return "Digest " + strings.Join(parts, ", ")
}

// randomAlnum returns n random letters and digits (runtime's client nonce alphabet).
func randomAlnum(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
