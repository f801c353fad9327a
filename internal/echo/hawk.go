package echo

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net"
	"net/http"
	"strings"
)

// The Hawk credentials /auth/hawk accepts (postman-echo's published test credentials).
const (
	// HawkID is the Hawk key identifier /auth/hawk accepts.
	HawkID = "dh37fgj492je"
	// HawkKey is the Hawk key /auth/hawk accepts (sha256 or sha1).
	HawkKey = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn"
)

// hawkAuth verifies a Hawk Authorization header (the request MAC; the timestamp and the
// payload hash are taken as given, as a test server can afford).
func hawkAuth(w http.ResponseWriter, r *http.Request) {
	scheme, rest, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if scheme != "Hawk" {
		hawkFailure(w, "Missing authentication")
		return
	}
	p := authParams(rest)
	if p["id"] != HawkID {
		hawkFailure(w, "Unknown credentials")
		return
	}
	text := hawkNormalized(r, p)
	for _, h := range []func() hash.Hash{sha256.New, sha1.New} {
		mac := hmac.New(h, []byte(HawkKey))
		mac.Write([]byte(text))
		if equal(base64.StdEncoding.EncodeToString(mac.Sum(nil)), p["mac"]) {
			writeJSON(w, http.StatusOK, object{{"message", "Hawk Authentication Successful"}})
			return
		}
	}
	hawkFailure(w, "Bad mac")
}

// hawkNormalized builds Hawk's normalized request string for a header MAC.
func hawkNormalized(r *http.Request, p map[string]string) string {
	host, port := hostAndPort(r)
	ext := strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(p["ext"])
	parts := []string{"hawk.1.header", p["ts"], p["nonce"], strings.ToUpper(r.Method), r.RequestURI,
		host, port, p["hash"], ext}
	if p["app"] != "" {
		parts = append(parts, p["app"], p["dlg"])
	}
	return strings.Join(parts, "\n") + "\n"
}

func hawkFailure(w http.ResponseWriter, msg string) {
	w.Header().Set("WWW-Authenticate", `Hawk error="`+msg+`"`)
	writeJSON(w, http.StatusUnauthorized, object{{"statusCode", 401}, {"error", "Unauthorized"}, {"message", msg}})
}

// hostAndPort splits the Host header, defaulting the port from the scheme.
func hostAndPort(r *http.Request) (host, port string) {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = r.Host, "80"
		if r.TLS != nil {
			port = "443"
		}
	}
	return strings.ToLower(host), port
}
