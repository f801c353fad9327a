package runner

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"net/url"
	"regexp"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// digestAuth implements HTTP Digest (RFC 7616): without a nonce and realm the request
// goes out unsigned; a 401/403 with a Digest challenge fills them in and the request is
// sent once more, signed (unless disableRetryRequest). Algorithms MD5, SHA-256,
// SHA-512-256 and their -sess variants; qop auth and auth-int.
type digestAuth struct{}

var (
	digestNonceRe  = regexp.MustCompile(`(?i)nonce="([^"]*)"`)
	digestRealmRe  = regexp.MustCompile(`(?i)realm="([^"]*)"`)
	digestQopRe    = regexp.MustCompile(`(?i)qop="([^"]*)"`)
	digestOpaqueRe = regexp.MustCompile(`(?i)opaque="([^"]*)"`)
	digestAlgoRe   = regexp.MustCompile(`(?i)algorithm="?([A-Za-z0-9-]+)"?`)
)

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
	if u, err := url.Parse(requestURL(r.req.URL)); err == nil {
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
	r.req.Headers = removeHeaders(r.req.Headers, "Authorization")
	r.req.Headers = append(r.req.Headers, collections.Header{Key: "Authorization", Value: p.header(newHash)})
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
	found := map[string]string{
		"nonce": firstMatch(digestNonceRe, challenge),
		"realm": firstMatch(digestRealmRe, challenge),
	}
	if v := firstMatch(digestOpaqueRe, challenge); v != "" {
		found["opaque"] = v
	}
	if v := firstMatch(digestQopRe, challenge); v != "" {
		found["qop"] = v
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
	if a := firstMatch(digestAlgoRe, challenge); a != "" {
		st.setDefault("algorithm", a)
	}
	return true
}

// digestChallenge picks the WWW-Authenticate Digest challenge matching the chosen
// algorithm (a challenge without algorithm= is MD5), else the first.
func digestChallenge(hs []collections.Header, algo string) (string, bool) {
	var all []string
	for _, h := range hs {
		if strings.EqualFold(h.Key, "WWW-Authenticate") && strings.HasPrefix(strings.ToLower(h.Value), "digest ") {
			all = append(all, h.Value)
		}
	}
	if len(all) == 0 {
		return "", false
	}
	if algo != "" {
		want := strings.ToLower(algo)
		for _, c := range all {
			lc := strings.ToLower(c)
			if !strings.Contains(lc, "algorithm=") && want == "md5" ||
				strings.Contains(lc, "algorithm="+want) || strings.Contains(lc, `algorithm="`+want+`"`) {
				return c, true
			}
		}
	}
	return all[0], true
}

func firstMatch(re *regexp.Regexp, s string) string {
	if m := re.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
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
