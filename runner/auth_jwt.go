package runner

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// jwtAuth builds a JSON Web Token from the header and payload JSON and sends it as
// "Authorization: Bearer <jwt>" (headerPrefix) or the query parameter queryParamKey
// (default "token"), as postman-runtime does with jose: HS256/384/512 with secret
// (isSecretBase64Encoded), RS/PS/ES 256/384/512 with a PKCS#8 PEM privateKey.
type jwtAuth struct{}

func (jwtAuth) retry(*authState, *collections.Response) bool { return false }

var jwtHashes = map[string]crypto.Hash{"256": crypto.SHA256, "384": crypto.SHA384, "512": crypto.SHA512}

func (jwtAuth) sign(st *authState, r *signable) error {
	alg := st.get("algorithm")
	family, bits := alg[:min(2, len(alg))], strings.TrimLeft(alg, "HSRPE")
	if _, ok := jwtHashes[bits]; !ok || !strings.Contains("HS RS PS ES", family) || len(alg) != 5 {
		return errors.New("invalid algorithm")
	}
	if family == "HS" && st.get("secret") == "" {
		return errors.New("Invalid secret key. Enter a valid key.") //nolint:staticcheck,revive // runtime's text
	}
	if family != "HS" && st.get("privateKey") == "" {
		return errors.New("Invalid private key. Enter a valid key.") //nolint:staticcheck,revive // runtime's text
	}
	header, err := jwtHeader(st.get("header"), alg)
	if err != nil {
		return err
	}
	payload, err := compactJSON(st.get("payload"), "{}")
	if err != nil {
		return err
	}
	input := b64url(header) + "." + b64url(payload)
	sig, err := jwtSignature(family, jwtHashes[bits], input, st)
	if err != nil {
		return err
	}
	token := input + "." + b64url(sig)
	switch st.get("addTokenTo") {
	case "", "header":
		prefix := "Bearer"
		if v, set := st.values["headerPrefix"]; set && v != nil {
			prefix = st.get("headerPrefix")
		}
		if prefix != "" {
			prefix += " "
		}
		setAuthorization(r, prefix+token)
	case "queryParam":
		key := st.get("queryParamKey")
		if key == "" {
			key = "token"
		}
		r.req.URL.Query = append(removeQuery(r.req.URL.Query, key), collections.QueryParam{Key: key, Value: token})
	}
	return nil
}

// jwtHeader is the user's header JSON with "alg" set (kept in place when present,
// appended otherwise), compact.
func jwtHeader(raw, alg string) ([]byte, error) {
	h, err := compactJSON(raw, "{}")
	if err != nil {
		return nil, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(h, &obj); err != nil {
		return nil, fmt.Errorf("jwt header must be a JSON object: %w", err)
	}
	algJSON, _ := json.Marshal(alg)
	return upsertTopLevel(h, "alg", algJSON)
}

// compactJSON validates and compacts JSON text (def when blank), keeping key order.
func compactJSON(raw, def string) ([]byte, error) {
	if strings.TrimSpace(raw) == "" {
		raw = def
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(raw)); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	return buf.Bytes(), nil
}

// upsertTopLevel sets a top-level key of a compact JSON object: in place when present
// (as a JavaScript object keeps its key order), appended otherwise.
func upsertTopLevel(obj []byte, key string, value []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteByte('{')
	found := false
	write := func(k string, v []byte) {
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		kj, _ := json.Marshal(k)
		out.Write(kj)
		out.WriteByte(':')
		out.Write(v)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if t.(string) == key {
			v, found = value, true
		}
		write(t.(string), v)
	}
	if !found {
		write(key, value)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

func jwtSignature(family string, h crypto.Hash, input string, st *authState) ([]byte, error) {
	if family == "HS" {
		secret := []byte(st.get("secret"))
		if st.flag("isSecretBase64Encoded") {
			dec, err := base64.StdEncoding.DecodeString(string(secret))
			if err != nil {
				dec, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(string(secret), "="))
			}
			if err != nil {
				return nil, fmt.Errorf("secret is not base64: %w", err)
			}
			secret = dec
		}
		newHash := map[crypto.Hash]func() hash.Hash{crypto.SHA256: sha256.New, crypto.SHA384: sha512.New384, crypto.SHA512: sha512.New}[h]
		m := hmac.New(newHash, secret)
		m.Write([]byte(input))
		return m.Sum(nil), nil
	}
	key, err := parsePKCS8(st.get("privateKey"))
	if err != nil {
		return nil, err
	}
	return jwtSignWithKey(family, h, input, key)
}

// jwtSignWithKey signs input with an RSA (RS, PS) or ECDSA (ES) private key.
func jwtSignWithKey(family string, h crypto.Hash, input string, key any) ([]byte, error) {
	d := h.New()
	d.Write([]byte(input))
	digest := d.Sum(nil)
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if family == "PS" {
			return rsa.SignPSS(rand.Reader, k, h, digest, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		}
		if family == "RS" {
			return rsa.SignPKCS1v15(rand.Reader, k, h, digest)
		}
	case *ecdsa.PrivateKey:
		if family == "ES" {
			rr, ss, err := ecdsa.Sign(rand.Reader, k, digest)
			if err != nil {
				return nil, err
			}
			size := (k.Curve.Params().BitSize + 7) / 8
			return append(fixedBytes(rr, size), fixedBytes(ss, size)...), nil
		}
	}
	return nil, fmt.Errorf("the private key does not fit algorithm %s", family)
}

func parsePKCS8(keyPEM string) (any, error) {
	block, _ := pem.Decode([]byte(keyPEM))
	if block == nil {
		return nil, errors.New("Invalid private key. Enter a valid key.") //nolint:staticcheck,revive // runtime's text
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	return key, nil
}

func fixedBytes(n *big.Int, size int) []byte {
	b := make([]byte, size)
	return n.FillBytes(b)
}

func b64url(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
