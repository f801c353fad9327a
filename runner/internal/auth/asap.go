package auth

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// asapAuth signs Atlassian S2S (ASAP) tokens as postman-runtime does: a JWT with header
// {alg, kid}, the claims JSON plus iat, iss, sub (defaults to iss), jti (a UUID), aud and
// exp (now + exp seconds, 3600 by default), sent as "Authorization: Bearer <jwt>". The
// private key is PKCS#8 PEM or a data:application/pkcs8;kid=…;base64,… URI.
type asapAuth struct{}

func (asapAuth) retry(*authState, *collections.Response) bool { return false }

var asapDataURI = regexp.MustCompile(`^data:application/pkcs8;kid=([\w.\-+/]+);base64,([a-zA-Z0-9+/=]+)$`)

func (asapAuth) sign(st *authState, r *signable) error {
	claims, kid, err := asapClaims(st)
	if err != nil {
		return err
	}
	alg := st.get("alg")
	if alg == "" {
		alg = "RS256"
	}
	method, err := jwtAlgorithm(alg, "RS", "PS", "ES")
	if err != nil {
		return err
	}
	key, err := asapKey(kid, st.get("privateKey"))
	if err != nil {
		return errors.New("Failed to parse private key.") //nolint:staticcheck,revive // runtime's text
	}
	header, _ := json.Marshal(struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}{alg, kid})
	input := b64url(header) + "." + b64url(claims)
	sig, err := jwtSign(method, input, key)
	if err != nil {
		return errors.New("Failed to sign request with key.") //nolint:staticcheck,revive // runtime's text
	}
	setAuthorization(r, "Bearer "+input+"."+b64url(sig))
	return nil
}

// asapClaims builds the payload: the claims JSON (key order kept) with iat, iss, sub,
// jti, aud and exp set as jose's SignJWT setters do. It also returns the key id.
func asapClaims(st *authState) ([]byte, string, error) {
	claims, err := compactJSON(st.get("claims"), "{}")
	var c map[string]any
	if err == nil {
		err = json.Unmarshal(claims, &c)
	}
	if err != nil {
		return nil, "", errors.New("Failed to parse claims") //nolint:staticcheck // runtime's text
	}
	pick := func(key string) string {
		if v := collections.Stringify(c[key]); v != "" {
			return v
		}
		return st.get(key)
	}
	iss, aud, kid, sub := pick("iss"), pick("aud"), pick("kid"), pick("sub")
	if sub == "" {
		sub = iss
	}
	if kid == "" || iss == "" || aud == "" || st.get("privateKey") == "" {
		return nil, "", errors.New("One or more of required claims missing") //nolint:staticcheck // runtime's text
	}
	now := st.clock().Unix()
	exp := now + 3600
	if n, err := strconv.ParseInt(st.get("exp"), 10, 64); err == nil && n > 0 {
		exp = now + n
	}
	if n, err := strconv.ParseInt(collections.Stringify(c["exp"]), 10, 64); err == nil && n > 0 {
		exp = n
	}
	iat := any(now)
	if v := c["iat"]; v != nil && v != "" {
		iat = v
	}
	jti := collections.Stringify(c["jti"])
	if jti == "" {
		jti = collections.NewUUID() // a nonce: from crypto/rand
	}
	for _, kv := range []struct {
		k string
		v any
	}{{"iat", iat}, {"iss", iss}, {"sub", sub}, {"jti", jti}, {"aud", aud}, {"exp", exp}} {
		vj, _ := json.Marshal(kv.v)
		if claims, err = upsertTopLevel(claims, kv.k, vj); err != nil {
			return nil, "", err
		}
	}
	return claims, kid, nil
}

// asapKey reads a PKCS#8 PEM key (newlines optional, as jose accepts) or a data URI
// whose kid must match.
func asapKey(kid, raw string) (any, error) {
	raw = strings.TrimSuffix(strings.TrimPrefix(strings.ReplaceAll(raw, "\n", ""), `"`), `"`)
	if dec, err := url.PathUnescape(raw); err == nil {
		raw = dec
	}
	var der []byte
	if strings.HasPrefix(raw, "data:") {
		m := asapDataURI.FindStringSubmatch(raw)
		if m == nil || m[1] != kid {
			return nil, errors.New("malformed data URI or key id mismatch")
		}
		d, err := base64.StdEncoding.DecodeString(m[2])
		if err != nil {
			return nil, err
		}
		der = d
	} else {
		body := raw
		for _, marker := range []string{"-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----"} {
			body = strings.ReplaceAll(body, marker, "")
		}
		d, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(body), ""))
		if err != nil {
			return nil, err
		}
		der = d
	}
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return k, nil
	}
	return x509.ParsePKCS1PrivateKey(der)
}
