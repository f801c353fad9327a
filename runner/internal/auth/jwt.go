package auth

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/golang-jwt/jwt/v5"

	"github.com/pmrun/pmrun/collections"
)

// jwtAuth builds a JSON Web Token from the header and payload JSON and sends it as
// "Authorization: Bearer <jwt>" (headerPrefix) or the query parameter queryParamKey
// (default "token"), as postman-runtime does with jose: HS256/384/512 with secret
// (isSecretBase64Encoded), RS/PS/ES 256/384/512 with a PKCS#8 PEM privateKey. The header
// and payload JSON keep the user's key order (as Postman's do); the signature is
// github.com/golang-jwt/jwt/v5's.
type jwtAuth struct{}

func (jwtAuth) retry(*authState, *collections.Response) bool { return false }

// jwtAlgorithm parses a JWS algorithm name for JWT and ASAP auth: one of families ("HS",
// "RS", "PS", "ES") followed by 256, 384 or 512.
func jwtAlgorithm(alg string, families ...string) (jwt.SigningMethod, error) {
	if len(alg) != 5 || !slices.Contains(families, alg[:2]) || !slices.Contains([]string{"256", "384", "512"}, alg[2:]) {
		return nil, errors.New("invalid algorithm")
	}
	return jwt.GetSigningMethod(alg), nil
}

// jwtSign signs input with method and key ([]byte for HS, *rsa.PrivateKey for RS/PS,
// *ecdsa.PrivateKey on the algorithm's curve for ES, as jose requires).
func jwtSign(method jwt.SigningMethod, input string, key any) ([]byte, error) {
	alg := method.Alg()
	if k, ok := key.(*ecdsa.PrivateKey); ok && strings.HasPrefix(alg, "ES") {
		want := map[string]string{"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}[alg]
		if k.Curve.Params().Name != want {
			return nil, fmt.Errorf("invalid key curve for the algorithm, its curve must be %s", want)
		}
	}
	sig, err := method.Sign(input, key)
	if errors.Is(err, jwt.ErrInvalidKeyType) || errors.Is(err, jwt.ErrInvalidKey) {
		return nil, fmt.Errorf("the private key does not fit algorithm %s", alg)
	}
	return sig, err
}

func (jwtAuth) sign(st *authState, r *signable) error {
	alg := st.get("algorithm")
	method, err := jwtAlgorithm(alg, "HS", "RS", "PS", "ES")
	if err != nil {
		return err
	}
	hs := strings.HasPrefix(alg, "HS")
	if hs && st.get("secret") == "" {
		return errors.New("Invalid secret key. Enter a valid key.") //nolint:staticcheck,revive // runtime's text
	}
	if !hs && st.get("privateKey") == "" {
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
	key, err := jwtKey(hs, st)
	if err != nil {
		return err
	}
	sig, err := jwtSign(method, input, key)
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

// jwtKey is the HMAC secret (base64-decoded when isSecretBase64Encoded) or the PKCS#8
// private key.
func jwtKey(hs bool, st *authState) (any, error) {
	if !hs {
		return parsePKCS8(st.get("privateKey"))
	}
	secret := st.get("secret")
	if !st.flag("isSecretBase64Encoded") {
		return []byte(secret), nil
	}
	dec, err := base64.StdEncoding.DecodeString(secret)
	if err != nil {
		dec, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(secret, "="))
	}
	if err != nil {
		return nil, fmt.Errorf("secret is not base64: %w", err)
	}
	return dec, nil
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

func b64url(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
