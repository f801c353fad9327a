package auth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"hash"
	"math/big"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/internal/testpki"
)

// signWith runs one handler's sign step on req and returns the request as signed.
func signWith(t *testing.T, h authHandler, auth *collections.Auth, req *collections.Request, body string) *signable {
	t.Helper()
	r := &signable{req: req.Clone(), body: []byte(body)}
	if err := h.sign(newAuthState(auth), r); err != nil {
		t.Fatalf("sign: %v", err)
	}
	return r
}

// TestHawkVectors uses the examples of the Hawk specification (hapijs/hawk README).
func TestHawkVectors(t *testing.T) {
	t.Parallel()
	creds := []any{"authId", "dh37fgj492je", "authKey", "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn", "algorithm", "sha256",
		"timestamp", "1353832234", "nonce", "j4h3g2", "extraData", "some-app-ext-data"}
	tests := []struct {
		name    string
		method  string
		headers []collections.Header
		body    string
		extra   []any
		want    string
	}{
		{"header", "GET", nil, "", nil,
			`Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="`},
		{"payload", "POST", []collections.Header{{Key: "Content-Type", Value: "text/plain"}}, "Thank you for flying Hawk",
			[]any{"includePayloadHash", true},
			`Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", hash="Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=", ext="some-app-ext-data", mac="aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw="`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := &collections.Request{Method: tt.method, URL: urlOf(t, "http://example.com:8000/resource/1?b=1&a=2"), Headers: tt.headers}
			r := signWith(t, hawkAuth{}, authOf("hawk", append(creds, tt.extra...)...), req, tt.body)
			if got := collections.HeaderValue(r.req.Headers, "Authorization"); got != tt.want {
				t.Errorf("Authorization = %s\nwant            %s", got, tt.want)
			}
		})
	}
}

func TestHawkDefaults(t *testing.T) {
	t.Parallel()
	req := &collections.Request{Method: "GET", URL: urlOf(t, "https://h/")}
	r := signWith(t, hawkAuth{}, authOf("hawk", "authId", "id", "authKey", "k", "algorithm", "sha1"), req, "")
	got := collections.HeaderValue(r.req.Headers, "Authorization")
	if !regexpMatch(`^Hawk id="id", ts="\d{10}", nonce="[A-Za-z0-9]{6}", mac="[A-Za-z0-9+/=]+"$`, got) {
		t.Errorf("Authorization = %s", got)
	}
}

// twitterAuth is the worked example of X's (Twitter's) OAuth 1.0a documentation.
func twitterAuth(extra ...any) *collections.Auth {
	return authOf("oauth1", append([]any{"consumerKey", "xvz1evFS4wEEPTGEFPHBog",
		"consumerSecret", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
		"token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
		"tokenSecret", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
		"signatureMethod", "HMAC-SHA1", "timestamp", "1318622958",
		"nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", "version", "1.0"}, extra...)...)
}

func twitterRequest(t *testing.T) *collections.Request {
	return &collections.Request{Method: "POST", URL: urlOf(t, "https://api.twitter.com/1.1/statuses/update.json?include_entities=true"),
		Body: &collections.Body{Mode: "urlencoded", URLEncoded: []collections.Param{{Key: "status", Value: "Hello Ladies + Gentlemen, a signed OAuth request!"}}}}
}

func TestOAuth1Vector(t *testing.T) {
	t.Parallel()
	r := signWith(t, oauth1Auth{}, twitterAuth("addParamsToHeader", true), twitterRequest(t), "")
	got := collections.HeaderValue(r.req.Headers, "Authorization")
	want := `OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog",oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",` +
		`oauth_signature_method="HMAC-SHA1",oauth_timestamp="1318622958",oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",` +
		`oauth_version="1.0",oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"`
	if got != want {
		t.Errorf("Authorization =\n%s\nwant\n%s", got, want)
	}
	if r.bodyChanged {
		t.Error("header placement changed the body")
	}
}

func TestOAuth1Placement(t *testing.T) {
	t.Parallel()
	// Body placement: POST with a urlencoded body.
	r := signWith(t, oauth1Auth{}, twitterAuth(), twitterRequest(t), "")
	if !r.bodyChanged || collections.HeaderValue(r.req.Headers, "Authorization") != "" {
		t.Fatalf("params not put in the body: %+v", r.req.Body.URLEncoded)
	}
	var sig string
	for _, p := range r.req.Body.URLEncoded {
		if p.Key == "oauth_signature" {
			sig = p.Value
		}
	}
	if sig != "hCtSmYh+iHYCEqBWrE7C7hYmtUk=" {
		t.Errorf("body signature = %q", sig)
	}
	// Query placement: GET, values RFC 3986 encoded, existing query re-encoded.
	get := &collections.Request{Method: "GET", URL: urlOf(t, "http://h/p?a=x+y&b=%21")}
	r = signWith(t, oauth1Auth{}, authOf("oauth1", "consumerKey", "ck", "consumerSecret", "cs", "signatureMethod", "PLAINTEXT",
		"timestamp", "1", "nonce", "n"), get, "")
	u, err := url.Parse(r.req.URL.WireString(true))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u.RawQuery, "a=x%20y&b=%21&oauth_consumer_key=ck&oauth_signature_method=PLAINTEXT&oauth_timestamp=1&oauth_nonce=n&oauth_signature=cs%26") {
		t.Errorf("query = %s", u.RawQuery)
	}
}

func TestJWT(t *testing.T) {
	t.Parallel()
	// jwt.io's default example.
	req := &collections.Request{Method: "GET", URL: urlOf(t, "http://h/x")}
	r := signWith(t, jwtAuth{}, authOf("jwt", "algorithm", "HS256", "secret", "your-256-bit-secret",
		"header", `{"alg": "HS256", "typ": "JWT"}`, "payload", "{\n \"sub\": \"1234567890\", \"name\": \"John Doe\", \"iat\": 1516239022}"), req, "")
	want := "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	if got := collections.HeaderValue(r.req.Headers, "Authorization"); got != want {
		t.Errorf("Authorization = %s\nwant %s", got, want)
	}
	// alg appended when the header lacks it; query placement.
	r = signWith(t, jwtAuth{}, authOf("jwt", "algorithm", "HS512", "secret", "c2VjcmV0", "isSecretBase64Encoded", true,
		"header", `{"typ":"JWT"}`, "payload", "", "addTokenTo", "queryParam", "queryParamKey", "jwt"), req, "")
	if len(r.req.URL.Query) != 1 || r.req.URL.Query[0].Key != "jwt" {
		t.Fatalf("query = %+v", r.req.URL.Query)
	}
	parts := strings.Split(r.req.URL.Query[0].Value, ".")
	if len(parts) != 3 || parts[0] != b64url([]byte(`{"typ":"JWT","alg":"HS512"}`)) || parts[1] != b64url([]byte("{}")) {
		t.Errorf("token = %s", r.req.URL.Query[0].Value)
	}
	if parts[2] != b64url(hmacSum(sha512.New, []byte("secret"), parts[0]+"."+parts[1])) {
		t.Error("HS512 signature does not verify with the decoded secret")
	}
}

func hmacSum(newHash func() hash.Hash, key []byte, msg string) []byte {
	m := hmac.New(newHash, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

func TestJWTAsymmetric(t *testing.T) {
	t.Parallel()
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey := testpki.Key(t)
	pkcs8 := func(k any) string {
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	}
	tests := []struct {
		alg    string
		key    string
		verify func(digest, sig []byte) error
	}{
		{"RS256", pkcs8(rsaKey), func(d, s []byte) error { return rsa.VerifyPKCS1v15(&rsaKey.PublicKey, crypto.SHA256, d, s) }},
		{"PS256", pkcs8(rsaKey), func(d, s []byte) error {
			return rsa.VerifyPSS(&rsaKey.PublicKey, crypto.SHA256, d, s, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		}},
		{"ES256", pkcs8(ecKey), func(d, s []byte) error {
			if len(s) != 64 || !ecdsa.Verify(&ecKey.PublicKey, d, new(big.Int).SetBytes(s[:32]), new(big.Int).SetBytes(s[32:])) {
				return errors.New("bad ecdsa signature")
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.alg, func(t *testing.T) {
			t.Parallel()
			req := &collections.Request{Method: "GET", URL: urlOf(t, "http://h/x")}
			r := signWith(t, jwtAuth{}, authOf("jwt", "algorithm", tt.alg, "privateKey", tt.key, "payload", `{"a":1}`, "headerPrefix", "JWT"), req, "")
			token, ok := strings.CutPrefix(collections.HeaderValue(r.req.Headers, "Authorization"), "JWT ")
			parts := strings.Split(token, ".")
			if !ok || len(parts) != 3 {
				t.Fatalf("Authorization = %q", collections.HeaderValue(r.req.Headers, "Authorization"))
			}
			sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
			digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
			if err := tt.verify(digest[:], sig); err != nil {
				t.Errorf("signature does not verify: %v", err)
			}
		})
	}
}

// TestEdgeGridVectors uses Akamai's published EdgeGrid test data.
func TestEdgeGridVectors(t *testing.T) {
	t.Parallel()
	const base = "https://akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net"
	tests := []struct{ method, path, body, sig string }{
		{"GET", "/", "", "tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU="},
		{"GET", "/testapi/v1/t1?p1=1&p2=2", "", "hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA="},
		{"POST", "/testapi/v1/t3", "datadatadatadatadatadatadatadata", "hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4="},
		{"POST", "/testapi/v1/t6", "", "1gEDxeQGD5GovIkJJGcBaKnZ+VaPtrc4qBUHixjsPCQ="},
	}
	for _, tt := range tests {
		t.Run(tt.method+tt.path, func(t *testing.T) {
			t.Parallel()
			auth := authOf("edgegrid", "clientToken", "akab-client-token-xxx-xxxxxxxxxxxxxxxx",
				"accessToken", "akab-access-token-xxx-xxxxxxxxxxxxxxxx", "clientSecret", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=",
				"nonce", "nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "timestamp", "20140321T19:34:21+0000")
			req := &collections.Request{Method: tt.method, URL: urlOf(t, base+tt.path)}
			r := signWith(t, edgegridAuth{}, auth, req, tt.body)
			want := "EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;" +
				"timestamp=20140321T19:34:21+0000;nonce=nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx;signature=" + tt.sig
			if got := collections.HeaderValue(r.req.Headers, "Authorization"); got != want {
				t.Errorf("Authorization = %s\nwant %s", got, want)
			}
		})
	}
}

func TestASAP(t *testing.T) {
	t.Parallel()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := strings.ReplaceAll(string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), "\n", "")
	dataURI := "data:application/pkcs8;kid=k1;base64," + base64.StdEncoding.EncodeToString(der)
	now := time.Unix(1700000000, 0)
	for _, tt := range []struct{ name, key, kid, wantErr string }{
		{"pem without newlines", pemKey, "k1", ""},
		{"data uri", dataURI, "k1", ""},
		{"data uri kid mismatch", dataURI, "k2", "Failed to parse private key."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := newAuthState(authOf("asap", "kid", tt.kid, "aud", "aud1", "exp", "60", "privateKey", tt.key,
				"claims", `{"custom": "x", "iss": "svc"}`))
			st.now = func() time.Time { return now }
			r := &signable{req: &collections.Request{Method: "GET", URL: urlOf(t, "http://h/")}}
			err := (asapAuth{}).sign(st, r)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			token, _ := strings.CutPrefix(collections.HeaderValue(r.req.Headers, "Authorization"), "Bearer ")
			parts := strings.Split(token, ".")
			if len(parts) != 3 {
				t.Fatalf("token = %q", token)
			}
			header, _ := base64.RawURLEncoding.DecodeString(parts[0])
			payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
			if string(header) != `{"alg":"RS256","kid":"`+tt.kid+`"}` {
				t.Errorf("header = %s", header)
			}
			wantPayload := regexp.MustCompile(`^\{"custom":"x","iss":"svc","iat":1700000000,"sub":"svc","jti":"[0-9a-f-]{36}","aud":"aud1","exp":1700000060\}$`)
			if !wantPayload.Match(payload) {
				t.Errorf("payload = %s", payload)
			}
			sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
			digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
			if err := rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA256, digest[:], sig); err != nil {
				t.Errorf("signature: %v", err)
			}
		})
	}
}

// TestJWTAlgorithms signs with every asymmetric algorithm and checks the token with
// golang-jwt's verifier; an ES key on the wrong curve is refused, as jose refuses it, by
// JWT and ASAP alike.
func TestJWTAlgorithms(t *testing.T) {
	t.Parallel()
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ec := map[string]*ecdsa.PrivateKey{}
	for name, curve := range map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()} {
		if ec[name], err = ecdsa.GenerateKey(curve, rand.Reader); err != nil {
			t.Fatal(err)
		}
	}
	pkcs8 := func(k any) string {
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	}
	tests := []struct {
		alg     string
		key     any
		wantErr string
	}{
		{"RS256", rsaKey, ""}, {"RS384", rsaKey, ""}, {"RS512", rsaKey, ""},
		{"PS256", rsaKey, ""}, {"PS384", rsaKey, ""}, {"PS512", rsaKey, ""},
		{"ES256", ec["P-256"], ""}, {"ES384", ec["P-384"], ""}, {"ES512", ec["P-521"], ""},
		{"ES256", ec["P-384"], "invalid key curve for the algorithm, its curve must be P-256"},
		{"ES512", ec["P-256"], "invalid key curve for the algorithm, its curve must be P-521"},
		{"RS256", ec["P-256"], "the private key does not fit algorithm RS256"},
		{"ES256", rsaKey, "the private key does not fit algorithm ES256"},
	}
	for _, tt := range tests {
		var public any
		switch k := tt.key.(type) {
		case *rsa.PrivateKey:
			public = &k.PublicKey
		case *ecdsa.PrivateKey:
			public = &k.PublicKey
		}
		req := &collections.Request{Method: "GET", URL: urlOf(t, "http://h/x")}
		auths := map[string]*collections.Auth{
			"jwt": authOf("jwt", "algorithm", tt.alg, "privateKey", pkcs8(tt.key),
				"header", `{"typ":"JWT","kid":"k"}`, "payload", `{"z":1,"a":2}`),
			"asap": authOf("asap", "alg", tt.alg, "privateKey", pkcs8(tt.key), "kid", "k", "iss", "i", "aud", "a"),
		}
		for kind, auth := range auths {
			r := &signable{req: req.Clone()}
			err := map[string]authHandler{"jwt": jwtAuth{}, "asap": asapAuth{}}[kind].sign(newAuthState(auth), r)
			want := tt.wantErr
			if kind == "asap" && want != "" {
				want = "Failed to sign request with key." // runtime's text for any signing failure
			}
			if want != "" {
				if err == nil || err.Error() != want {
					t.Errorf("%s %s: err = %v, want %q", kind, tt.alg, err, want)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s %s: %v", kind, tt.alg, err)
			}
			token, _ := strings.CutPrefix(collections.HeaderValue(r.req.Headers, "Authorization"), "Bearer ")
			parsed, err := jwt.Parse(token, func(*jwt.Token) (any, error) { return public, nil },
				jwt.WithValidMethods([]string{tt.alg}), jwt.WithoutClaimsValidation())
			if err != nil || !parsed.Valid {
				t.Errorf("%s %s: token does not verify: %v", kind, tt.alg, err)
			}
			if kind == "jwt" && !strings.HasPrefix(token, b64url([]byte(`{"typ":"JWT","kid":"k","alg":"`+tt.alg+`"}`))+"."+b64url([]byte(`{"z":1,"a":2}`))+".") {
				t.Errorf("jwt %s: header/payload lost the key order: %s", tt.alg, token)
			}
		}
	}
}
