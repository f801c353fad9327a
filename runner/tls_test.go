package runner

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// testPKI is a CA with a server certificate for 127.0.0.1 and a client certificate,
// written as PEM files.
type testPKI struct {
	dir                      string
	caFile                   string
	serverCert               tls.Certificate
	clientCert, clientKey    string
	encryptedKey, passphrase string
	pool                     *x509.CertPool
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	dir := t.TempDir()
	p := &testPKI{dir: dir, passphrase: "s3cret"}
	caKey := mustKey(t)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "pmrun test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	p.pool = x509.NewCertPool()
	p.pool.AddCert(ca)
	p.caFile = writePEM(t, dir, "ca.pem", "CERTIFICATE", caDER)

	issue := func(name string, usage x509.ExtKeyUsage, ip net.IP) ([]byte, *ecdsa.PrivateKey) {
		key := mustKey(t)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
			ExtKeyUsage: []x509.ExtKeyUsage{usage}, KeyUsage: x509.KeyUsageDigitalSignature}
		if ip != nil {
			tmpl.IPAddresses = []net.IP{ip}
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		return der, key
	}
	srvDER, srvKey := issue("server", x509.ExtKeyUsageServerAuth, net.ParseIP("127.0.0.1"))
	p.serverCert = tls.Certificate{Certificate: [][]byte{srvDER}, PrivateKey: srvKey}
	cliDER, cliKey := issue("client", x509.ExtKeyUsageClientAuth, nil)
	p.clientCert = writePEM(t, dir, "client.pem", "CERTIFICATE", cliDER)
	keyDER, err := x509.MarshalECPrivateKey(cliKey)
	if err != nil {
		t.Fatal(err)
	}
	p.clientKey = writePEM(t, dir, "client.key", "EC PRIVATE KEY", keyDER)
	//nolint:staticcheck // legacy PEM encryption is the format under test
	block, err := x509.EncryptPEMBlock(rand.Reader, "EC PRIVATE KEY", keyDER, []byte(p.passphrase), x509.PEMCipherAES256)
	if err != nil {
		t.Fatal(err)
	}
	p.encryptedKey = filepath.Join(dir, "client-enc.key")
	if err := os.WriteFile(p.encryptedKey, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func writePEM(t *testing.T, dir, name, typ string, der []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestClientCertificates(t *testing.T) {
	t.Parallel()
	pki := newTestPKI(t)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.TLS.PeerCertificates[0].Subject.CommonName))
	}))
	srv.Config.ErrorLog = quietLog()
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{pki.serverCert}, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pki.pool}
	srv.StartTLS()
	t.Cleanup(srv.Close)

	certList := filepath.Join(pki.dir, "list.json")
	list := `[{"name":"local","matches":["https://127.0.0.1:*/*"],"cert":{"src":"client.pem"},"key":{"src":"client-enc.key"},"passphrase":"s3cret"}]`
	if err := os.WriteFile(certList, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		opts     HTTPOptions
		wantBody string
		wantCode string // request error code; "" = success
	}{
		{"client cert", HTTPOptions{ExtraCACerts: pki.caFile, ClientCert: pki.clientCert, ClientKey: pki.clientKey}, "client", ""},
		{"encrypted key", HTTPOptions{ExtraCACerts: pki.caFile, ClientCert: pki.clientCert, ClientKey: pki.encryptedKey, ClientPassphrase: pki.passphrase}, "client", ""},
		{"cert list", HTTPOptions{ExtraCACerts: pki.caFile, ClientCertList: certList}, "client", ""},
		{"no client cert", HTTPOptions{ExtraCACerts: pki.caFile}, "", "EPROTO"},
		{"unknown CA", HTTPOptions{ClientCert: pki.clientCert, ClientKey: pki.clientKey}, "", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, tt.opts)
			_, resp, err := c.Do(context.Background(), &collections.Request{URL: urlOf(t, srv.URL+"/")}, nil, nil)
			if tt.wantCode != "" {
				var re *RequestError
				if !asRequestError(err, &re) || re.Code() != tt.wantCode {
					t.Fatalf("err = %v, want code %s", err, tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != tt.wantBody {
				t.Errorf("server saw client %q", resp.Body)
			}
		})
	}
}

func TestTLSOptionErrors(t *testing.T) {
	t.Parallel()
	pki := newTestPKI(t)
	tests := []struct {
		name string
		opts HTTPOptions
		want string
	}{
		{"wrong passphrase", HTTPOptions{ClientCert: pki.clientCert, ClientKey: pki.encryptedKey, ClientPassphrase: "nope"}, "wrong passphrase"},
		{"missing passphrase", HTTPOptions{ClientCert: pki.clientCert, ClientKey: pki.encryptedKey}, "--ssl-client-passphrase is needed"},
		{"key without cert", HTTPOptions{ClientKey: pki.clientKey}, "both --ssl-client-cert and --ssl-client-key"},
		{"missing CA file", HTTPOptions{ExtraCACerts: filepath.Join(pki.dir, "nope.pem")}, "reading extra CA certificates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewHTTPClient(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "nope") && tt.name == "wrong passphrase" {
				t.Error("the passphrase leaked into the error")
			}
		})
	}
}

func TestSelfSignedAndInsecure(t *testing.T) {
	t.Parallel()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(echoHandler))
	srv.Config.ErrorLog = quietLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	strict := newClient(t, HTTPOptions{})
	_, _, err := strict.Do(context.Background(), &collections.Request{URL: urlOf(t, srv.URL+"/")}, nil, nil)
	var re *RequestError
	if !asRequestError(err, &re) || re.Code() != "DEPTH_ZERO_SELF_SIGNED_CERT" || re.Error() != "self-signed certificate" {
		t.Errorf("err = %v, want Node's self-signed certificate error", err)
	}
	insecure := newClient(t, HTTPOptions{Insecure: true})
	_, resp, err := insecure.Do(context.Background(), &collections.Request{URL: urlOf(t, srv.URL+"/")}, nil, nil)
	if err != nil || resp.Code != 200 {
		t.Errorf("insecure: %v", err)
	}
}
