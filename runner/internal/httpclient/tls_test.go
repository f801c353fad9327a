package httpclient

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/internal/testpki"
)

// testPKI is testpki's CA, server and client certificates, with the files written.
type testPKI struct {
	*testpki.PKI
	testpki.Files
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	p := testpki.New(t, "s3cret")
	return &testPKI{PKI: p, Files: p.WriteFiles(t, t.TempDir())}
}

func TestClientCertificates(t *testing.T) {
	t.Parallel()
	pki := newTestPKI(t)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.TLS.PeerCertificates[0].Subject.CommonName))
	}))
	srv.Config.ErrorLog = quietLog()
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{pki.ServerCert}, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pki.Pool}
	srv.StartTLS()
	t.Cleanup(srv.Close)

	certList := filepath.Join(pki.Dir, "list.json")
	list := `[{"name":"local","matches":["https://127.0.0.1:*/*"],"cert":{"src":"client.pem"},"key":{"src":"client-enc.key"},"passphrase":"s3cret"}]`
	if err := os.WriteFile(certList, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		opts     Options
		wantBody string
		wantCode string // request error code; "" = success
	}{
		{"client cert", Options{ExtraCACerts: pki.CA, ClientCert: pki.ClientCert, ClientKey: pki.ClientKey}, testpki.ClientCN, ""},
		{"encrypted key", Options{ExtraCACerts: pki.CA, ClientCert: pki.ClientCert, ClientKey: pki.ClientKeyEnc, ClientPassphrase: pki.Passphrase}, testpki.ClientCN, ""},
		{"cert list", Options{ExtraCACerts: pki.CA, ClientCertList: certList}, testpki.ClientCN, ""},
		{"no client cert", Options{ExtraCACerts: pki.CA}, "", "EPROTO"},
		{"unknown CA", Options{ClientCert: pki.ClientCert, ClientKey: pki.ClientKey}, "", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"},
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
		opts Options
		want string
	}{
		{"wrong passphrase", Options{ClientCert: pki.ClientCert, ClientKey: pki.ClientKeyEnc, ClientPassphrase: "nope"}, "wrong passphrase"},
		{"missing passphrase", Options{ClientCert: pki.ClientCert, ClientKey: pki.ClientKeyEnc}, "--ssl-client-passphrase is needed"},
		{"key without cert", Options{ClientKey: pki.ClientKey}, "both --ssl-client-cert and --ssl-client-key"},
		{"missing CA file", Options{ExtraCACerts: filepath.Join(pki.Dir, "nope.pem")}, "reading extra CA certificates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(tt.opts)
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
	strict := newClient(t, Options{})
	_, _, err := strict.Do(context.Background(), &collections.Request{URL: urlOf(t, srv.URL+"/")}, nil, nil)
	var re *RequestError
	if !asRequestError(err, &re) || re.Code() != "DEPTH_ZERO_SELF_SIGNED_CERT" || re.Error() != "self-signed certificate" {
		t.Errorf("err = %v, want Node's self-signed certificate error", err)
	}
	insecure := newClient(t, Options{Insecure: true})
	_, resp, err := insecure.Do(context.Background(), &collections.Request{URL: urlOf(t, srv.URL+"/")}, nil, nil)
	if err != nil || resp.Code != 200 {
		t.Errorf("insecure: %v", err)
	}
}
