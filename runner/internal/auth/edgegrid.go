package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// edgegridAuth signs Akamai EdgeGrid (EG1-HMAC-SHA256) requests as postman-runtime does:
// nonce a UUID and timestamp now by default; POST bodies hashed up to maxBodySize
// (128 KiB); headersToSign is a comma-separated list; baseURL overrides the host.
type edgegridAuth struct{}

func (edgegridAuth) retry(*authState, *collections.Response) bool { return false }

func (edgegridAuth) sign(st *authState, r *signable) error {
	access, client, secret := st.get("accessToken"), st.get("clientToken"), st.get("clientSecret")
	if access == "" || client == "" || secret == "" {
		return nil
	}
	r.req.Headers = collections.RemoveHeaders(r.req.Headers, "Authorization")
	u, err := url.Parse(r.req.URL.WireString(true))
	if err != nil {
		return err
	}
	host := u.Host
	if (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		host = u.Hostname()
	}
	if base := st.get("baseURL"); base != "" {
		if bu, err := url.Parse(collections.WithScheme(base)); err == nil && bu.Host != "" {
			host = bu.Host
		}
	}
	nonce, ts := st.get("nonce"), st.get("timestamp")
	if nonce == "" {
		nonce = collections.NewUUID() // a nonce: from crypto/rand
	}
	if ts == "" {
		ts = st.clock().UTC().Format("20060102T15:04:05+0000")
	}
	bodyHash := edgegridBodyHash(r, st.get("maxBodySize"))
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if path == "" {
		path = "/"
	}
	authHeader := "EG1-HMAC-SHA256 client_token=" + client + ";access_token=" + access +
		";timestamp=" + ts + ";nonce=" + nonce + ";"
	data := strings.Join([]string{r.req.Method, u.Scheme, host, path,
		edgegridHeaders(st.get("headersToSign"), r.req.Headers), bodyHash, authHeader}, "\t")
	key := hmacBase64([]byte(secret), ts)
	r.addHeader("Authorization", authHeader+"signature="+hmacBase64([]byte(key), data))
	return nil
}

// edgegridBodyHash hashes at most maxBodySize bytes (128 KiB by default) of a POST
// body; other methods and empty bodies have no hash.
func edgegridBodyHash(r *signable, maxBodySize string) string {
	if r.req.Method != "POST" || len(r.body) == 0 {
		return ""
	}
	limit := 131072
	if n, err := strconv.Atoi(maxBodySize); err == nil && n > 0 {
		limit = n
	}
	b := r.body
	if len(b) > limit {
		b = b[:limit]
	}
	sum := sha256.Sum256(b)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// edgegridHeaders canonicalises the headers to sign ("name:value" joined by tabs,
// empty ones left out).
func edgegridHeaders(list string, hs []collections.Header) string {
	var out []string
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		i := collections.FindHeader(hs, name)
		if i < 0 || hs[i].Value == "" {
			continue
		}
		out = append(out, name+":"+strings.Join(strings.Fields(hs[i].Value), " "))
	}
	return strings.Join(out, "\t")
}

func hmacBase64(key []byte, msg string) string {
	return base64.StdEncoding.EncodeToString(hmacSHA256(key, msg))
}
