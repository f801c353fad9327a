package auth

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"net/url"
	"strconv"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// hawkAuth signs with Hawk (hapijs/hawk, header scheme v1) as postman-runtime does:
// nonce and timestamp default to a random 6-character string and the current time;
// extraData is sent as ext; with includePayloadHash the body is hashed with the
// Content-Type the request itself sets (runtime adds its own Content-Type later).
type hawkAuth struct{}

func (hawkAuth) retry(*authState, *collections.Response) bool { return false }

func (hawkAuth) sign(st *authState, r *signable) error {
	id, key := st.get("authId"), st.get("authKey")
	if id == "" || key == "" {
		return nil
	}
	r.req.Headers = collections.RemoveHeaders(r.req.Headers, "Authorization")
	newHash, err := hawkHash(st.get("algorithm"))
	if err != nil {
		return err
	}
	u, err := url.Parse(r.req.URL.WireString(true))
	if err != nil {
		return err
	}
	h := hawkParams{
		id: id, key: key, newHash: newHash, method: r.req.Method,
		ts: st.get("timestamp"), nonce: st.get("nonce"),
		ext: st.get("extraData"), app: st.get("app"), dlg: st.get("delegation"),
	}
	if n, _ := strconv.Atoi(h.ts); n == 0 {
		h.ts = strconv.FormatInt(st.clock().Unix(), 10)
	}
	if h.nonce == "" {
		h.nonce = randomAlnum(6)
	}
	if st.flag("includePayloadHash") && len(r.body) > 0 {
		ctype := ""
		if i := collections.FindHeader(r.req.Headers, "Content-Type"); i >= 0 {
			ctype = r.req.Headers[i].Value
		}
		h.hash = hawkPayloadHash(newHash, ctype, r.body)
	}
	r.addHeader("Authorization", h.header(u))
	return nil
}

func hawkHash(algo string) (func() hash.Hash, error) {
	switch algo {
	case "sha256":
		return sha256.New, nil
	case "sha1":
		return sha1.New, nil
	}
	return nil, fmt.Errorf("unsupported hawk algorithm %q (sha1 or sha256)", algo)
}

type hawkParams struct {
	id, key, method, ts, nonce, hash, ext, app, dlg string
	newHash                                         func() hash.Hash
}

// header computes the MAC over Hawk's normalized string and renders the header.
func (h hawkParams) header(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "443"
		if u.Scheme == "http" {
			port = "80"
		}
	}
	resource := u.EscapedPath()
	if u.RawQuery != "" {
		resource += "?" + u.RawQuery
	}
	var b strings.Builder
	for _, line := range []string{"hawk.1.header", h.ts, h.nonce, strings.ToUpper(h.method), resource,
		strings.ToLower(u.Hostname()), port, h.hash} {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	b.WriteString(strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(h.ext))
	b.WriteByte('\n')
	if h.app != "" {
		b.WriteString(h.app + "\n" + h.dlg + "\n")
	}
	m := hmac.New(h.newHash, []byte(h.key))
	m.Write([]byte(b.String()))
	mac := base64.StdEncoding.EncodeToString(m.Sum(nil))

	out := `Hawk id="` + h.id + `", ts="` + h.ts + `", nonce="` + h.nonce + `"`
	if h.hash != "" {
		out += `, hash="` + h.hash + `"`
	}
	if h.ext != "" {
		out += `, ext="` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(h.ext) + `"`
	}
	out += `, mac="` + mac + `"`
	if h.app != "" {
		out += `, app="` + h.app + `"`
		if h.dlg != "" {
			out += `, dlg="` + h.dlg + `"`
		}
	}
	return out
}

// hawkPayloadHash is Hawk's payload hash: the media type without parameters, lower-cased.
func hawkPayloadHash(newHash func() hash.Hash, contentType string, body []byte) string {
	mt, _, _ := strings.Cut(contentType, ";")
	x := newHash()
	x.Write([]byte("hawk.1.payload\n" + strings.ToLower(strings.TrimSpace(mt)) + "\n"))
	x.Write(body)
	x.Write([]byte("\n"))
	return base64.StdEncoding.EncodeToString(x.Sum(nil))
}
