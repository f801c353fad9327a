package httpclient

import (
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
)

// Encrypted PKCS#8 keys written by OpenSSL 3.0 (published test vectors for our PBES2
// code): one P-256 key encrypted three ways with the passphrase "pmrun test", e.g.
//
//	openssl pkcs8 -topk8 -in ec.pem -passout pass:'pmrun test' -v2 aes-256-cbc -v2prf hmacWithSHA256
var opensslPKCS8 = map[string]string{
	"aes256-sha256": `-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjoRS22NIL1DgICCAAw
DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEGihU9LQGrdJL8ihr7o8hZQEgZBI
kXUiEZeTgTvyAWbpwh4ayctKjgAuYul56auSEJewULMkgBvY+d2dYHPt0UZYqZyJ
54GinwSdCRj7OWfJFZcM5G2BzUOPy4Mo4eFZb2yIbm8VXOUFGyJA8nmrsEkkvy1t
m3Cu9jgBp3R2dnAjhXMcPAiJTuO7QAd6juU6UwFYO7wuiFr6yAjUibkbcpGa+gQ=
-----END ENCRYPTED PRIVATE KEY-----`,
	"des3-sha1": `-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHVMEAGCSqGSIb3DQEFDTAzMBsGCSqGSIb3DQEFDDAOBAjTgikIKz+EgAICCAAw
FAYIKoZIhvcNAwcECGaSzqo+5H+vBIGQwnUue+j87QhAQjYVs/uQYjZ06xjDACZJ
l9aH7vuQqE94TlbfPgKsviKTlU1YnuSA4PHP+94oVgmYQ9bYqzq1NteOMFDJhIW2
CxtIQn5IhAyrrWLClhuzIgHAqDFL7S+C8/uI9blLBWl5f3E6S1Z/sLhzYifXdpNu
B3NeV96sVfUaTTB71XoPs16paz/g+QfG
-----END ENCRYPTED PRIVATE KEY-----`,
	"aes128-sha512": `-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiZg0f6ELj+wQICCAAw
DAYIKoZIhvcNAgsFADAdBglghkgBZQMEAQIEEJnEk052ztIOd9qlDe/0biUEgZBs
OrQEf8137ymqrBRvfb4bqBeWxjrPArE2bupq33EFIFFUN7a4sSDBmqfaMgYaA52E
k9LEjBPE9PuDGZ7pNd3SEC7MMbKFp+zEYaIrbt7PoqXS60+mtVqgy+TjZMe5wKDd
nQWqdX+2j5RHcsySsr9A8FSFz2XCpFDIw0hCU2pBlC5hhicocHBV5aywHMPZn6s=
-----END ENCRYPTED PRIVATE KEY-----`,
}

// opensslPublicKey is the public key of the keys above (openssl pkey -pubout).
const opensslPublicKey = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeil5bJT3TBrNZN09q3pm2/Wv9C+f
h/KktbVQlAnuDu3250Vpq2VTP7iyhJzcGX4yqse14bXafcJfEwEyldptQQ==
-----END PUBLIC KEY-----`

func TestDecryptPKCS8OpenSSL(t *testing.T) {
	t.Parallel()
	block, _ := pem.Decode([]byte(opensslPublicKey))
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	for name, keyPEM := range opensslPKCS8 {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			plain, err := decryptKeyPEM([]byte(keyPEM), "pmrun test", "k.pem")
			if err != nil {
				t.Fatalf("decryptKeyPEM: %v", err)
			}
			b, _ := pem.Decode(plain)
			key, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			if err != nil {
				t.Fatalf("decrypted key: %v", err)
			}
			if ec, ok := key.(*ecdsa.PrivateKey); !ok || !ec.PublicKey.Equal(pub) {
				t.Errorf("decrypted key does not match the public key")
			}
			for _, bad := range []struct{ pass, want string }{
				{"pmrun tesT", "k.pem: wrong passphrase or damaged key"},
				{"", "k.pem is encrypted: --ssl-client-passphrase is needed"},
			} {
				_, err := decryptKeyPEM([]byte(keyPEM), bad.pass, "k.pem")
				if err == nil || !strings.Contains(err.Error(), bad.want) {
					t.Errorf("passphrase %q: error %v, want %q", bad.pass, err, bad.want)
				}
			}
		})
	}
}
