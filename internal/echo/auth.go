package echo

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
)

// The credentials postman-echo accepts on /basic-auth and /digest-auth.
const (
	// User is the user name /basic-auth and /digest-auth accept.
	User = "postman"
	// Password is the password /basic-auth and /digest-auth accept.
	Password = "password"
	// DigestRealm is the realm /digest-auth challenges with.
	DigestRealm = "Users"
)

// unauthorized answers 401 with a plain text body.
func unauthorized(w http.ResponseWriter) {
	writeText(w, http.StatusUnauthorized, "text/plain; charset=utf-8", "Unauthorized")
}

func authenticated(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, object{{"authenticated", true}})
}

// basicAuth accepts only postman:password.
func basicAuth(w http.ResponseWriter, r *http.Request) {
	user, pass, ok := r.BasicAuth()
	if !ok || !equal(user, User) || !equal(pass, Password) {
		unauthorized(w)
		return
	}
	authenticated(w)
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// digestAuth implements RFC 7616 digest authentication for postman/password in realm
// "Users": without (or with a wrong) Authorization header it challenges with a fresh nonce
// and qop="auth". MD5 and SHA-256 (and their -sess forms) are verified.
func digestAuth(w http.ResponseWriter, r *http.Request) {
	header := r.Header.Get("Authorization")
	scheme, rest, _ := strings.Cut(header, " ")
	if !strings.EqualFold(scheme, "digest") {
		challengeDigest(w)
		return
	}
	p := authParams(rest)
	if p["username"] != User || !equal(p["response"], digestResponse(r.Method, p)) {
		challengeDigest(w)
		return
	}
	authenticated(w)
}

func challengeDigest(w http.ResponseWriter) {
	nonce := make([]byte, 16)
	_, _ = rand.Read(nonce)
	w.Header().Set("WWW-Authenticate",
		`Digest realm="`+DigestRealm+`", nonce="`+hex.EncodeToString(nonce)+`", qop="auth"`)
	unauthorized(w)
}

// digestResponse computes the response the client should have sent for params.
func digestResponse(method string, p map[string]string) string {
	algorithm := strings.ToUpper(p["algorithm"])
	h := hexMD5
	if strings.HasPrefix(algorithm, "SHA-256") {
		h = hexSHA256
	}
	ha1 := h(p["username"] + ":" + p["realm"] + ":" + Password)
	if strings.HasSuffix(algorithm, "-SESS") {
		ha1 = h(ha1 + ":" + p["nonce"] + ":" + p["cnonce"])
	}
	ha2 := h(method + ":" + p["uri"])
	if p["qop"] == "auth" || p["qop"] == "auth-int" {
		return h(strings.Join([]string{ha1, p["nonce"], p["nc"], p["cnonce"], p["qop"], ha2}, ":"))
	}
	return h(ha1 + ":" + p["nonce"] + ":" + ha2)
}

func hexMD5(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func hexSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// authParams parses a comma-separated list of k=v or k="quoted v" (backslash escapes).
func authParams(s string) map[string]string {
	out := map[string]string{}
	for {
		s = strings.TrimLeft(s, " \t,")
		key, rest, ok := strings.Cut(s, "=")
		if !ok {
			return out
		}
		var value string
		value, s = authValue(strings.TrimLeft(rest, " \t"))
		out[strings.ToLower(strings.TrimSpace(key))] = value
	}
}

// authValue reads one (possibly quoted) value from the start of s and returns the rest.
func authValue(s string) (value, rest string) {
	if !strings.HasPrefix(s, `"`) {
		value, rest, _ = strings.Cut(s, ",")
		return strings.TrimSpace(value), rest
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String(), s[i+1:]
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String(), ""
}
