package testpki

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// ClientCN is the client certificate's common name.
const ClientCN = "pmrun client"

// PKI is a CA with a server certificate for 127.0.0.1 and a client certificate, as PEM.
type PKI struct {
	CAPEM      []byte
	Pool       *x509.CertPool // holds the CA
	ServerCert tls.Certificate
	// ClientCertPEM and ClientKeyPEM are the client's certificate and EC key;
	// ClientKeyEncPEM is the key with legacy PEM encryption (what `openssl ec -aes256`
	// writes) under Passphrase.
	ClientCertPEM, ClientKeyPEM, ClientKeyEncPEM []byte
	Passphrase                                   string
}

// New makes a PKI whose encrypted client key is protected by passphrase.
func New(t testing.TB, passphrase string) *PKI {
	t.Helper()
	now := time.Now()
	caKey := Key(t)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "pmrun test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	issue := func(serial int64, cn string, usage x509.ExtKeyUsage, ips []net.IP) ([]byte, *ecdsa.PrivateKey) {
		key := Key(t)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IPAddresses: ips,
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		return der, key
	}
	certPEM := func(der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}) }

	p := &PKI{CAPEM: certPEM(caDER), Pool: x509.NewCertPool(), Passphrase: passphrase}
	p.Pool.AddCert(ca)
	srvDER, srvKey := issue(2, "127.0.0.1", x509.ExtKeyUsageServerAuth, []net.IP{net.IPv4(127, 0, 0, 1)})
	p.ServerCert = tls.Certificate{Certificate: [][]byte{srvDER}, PrivateKey: srvKey}
	cliDER, cliKey := issue(3, ClientCN, x509.ExtKeyUsageClientAuth, nil)
	keyDER, err := x509.MarshalECPrivateKey(cliKey)
	if err != nil {
		t.Fatal(err)
	}
	p.ClientCertPEM = certPEM(cliDER)
	p.ClientKeyPEM = pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	//nolint:staticcheck // legacy PEM encryption is what `openssl ec -aes256` writes and what pmrun must read
	enc, err := x509.EncryptPEMBlock(rand.Reader, "EC PRIVATE KEY", keyDER, []byte(passphrase), x509.PEMCipherAES256)
	if err != nil {
		t.Fatal(err)
	}
	p.ClientKeyEncPEM = pem.EncodeToMemory(enc)
	return p
}

// Files are the paths WriteFiles wrote.
type Files struct {
	Dir, CA, ClientCert, ClientKey, ClientKeyEnc string
}

// WriteFiles writes the CA, the client certificate and both client keys into dir as
// ca.pem, client.pem, client.key and client-enc.key (mode 0600).
func (p *PKI) WriteFiles(t testing.TB, dir string) Files {
	t.Helper()
	f := Files{Dir: dir, CA: filepath.Join(dir, "ca.pem"), ClientCert: filepath.Join(dir, "client.pem"),
		ClientKey: filepath.Join(dir, "client.key"), ClientKeyEnc: filepath.Join(dir, "client-enc.key")}
	for path, data := range map[string][]byte{f.CA: p.CAPEM, f.ClientCert: p.ClientCertPEM,
		f.ClientKey: p.ClientKeyPEM, f.ClientKeyEnc: p.ClientKeyEncPEM} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// Key returns a new P-256 key.
func Key(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
