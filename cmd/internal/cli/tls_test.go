package cli

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/internal/testpki"
)

type testPKI = testpki.PKI

func newTestPKI(t *testing.T) *testPKI { return testpki.New(t, "s3cret pass") }

// mtlsServer starts a TLS server that requires a client certificate issued by the CA
// and answers with the client's common name.
func mtlsServer(t *testing.T, p *testPKI) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"client": r.TLS.PeerCertificates[0].Subject.CommonName})
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{p.ServerCert}, ClientCAs: p.Pool,
		ClientAuth: tls.RequireAndVerifyClientCert, MinVersion: tls.VersionTLS12}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // rejected handshakes are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// tlsCollection is a collection with one request to url whose test checks the client
// certificate the server saw.
func tlsCollection(url string) string {
	return `{"info": {"name": "mtls", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [{"name": "secure", "request": {"method": "GET", "url": "` + url + `/secure"},
    "event": [{"listen": "test", "script": {"exec": [
      "pm.test('the server saw the client certificate', function () {",
      "    pm.response.to.have.status(200);",
      "    pm.expect(pm.response.json().client).to.equal('pmrun client');",
      "});"]}}]}]}`
}

// TestTLSClientCertificates runs a collection against a server that requires a client
// certificate, with and without the certificate flags.
func TestTLSClientCertificates(t *testing.T) {
	t.Parallel()
	pki := newTestPKI(t)
	srv := mtlsServer(t, pki)
	dir := t.TempDir()
	files := map[string][]byte{
		"coll.json": []byte(tlsCollection(srv.URL)),
		"ca.pem":    pki.CAPEM, "c.pem": pki.ClientCertPEM, "k.pem": pki.ClientKeyPEM, "k-enc.pem": pki.ClientKeyEncPEM,
		"certs.json": []byte(`[{"name": "local", "matches": ["https://127.0.0.1:*/*"], "cert": {"src": "c.pem"}, "key": {"src": "k.pem"}},
			{"name": "other", "matches": ["https://other.example.com/*"], "cert": {"src": "c.pem"}, "key": {"src": "k.pem"}}]`),
		"other-only.json": []byte(`[{"name": "other", "matches": ["https://other.example.com/*"], "cert": {"src": "c.pem"}, "key": {"src": "k.pem"}}]`),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	certFlags := []string{"--ssl-client-cert", "c.pem", "--ssl-client-key", "k.pem"}
	tests := []struct {
		name     string
		args     []string
		wantExit int
		wantOut  string // in stdout or stderr
		wantCode string // the requestError code in the JSON report ("" = no request error)
	}{
		{name: "cert, key and extra CA", args: append(append([]string{}, certFlags...), "--ssl-extra-ca-certs", "ca.pem")},
		{name: "cert, key and -k", args: append(append([]string{}, certFlags...), "-k")},
		{name: "encrypted key with passphrase", args: []string{"--ssl-client-cert", "c.pem", "--ssl-client-key", "k-enc.pem",
			"--ssl-client-passphrase", pki.Passphrase, "--ssl-extra-ca-certs", "ca.pem"}},
		{name: "per-host certificate list", args: []string{"--ssl-client-cert-list", "certs.json", "--ssl-extra-ca-certs", "ca.pem"}},
		{name: "no client certificate", args: []string{"--ssl-extra-ca-certs", "ca.pem"},
			wantExit: 1, wantOut: "certificate required", wantCode: "EPROTO"},
		{name: "certificate list for another host", args: []string{"--ssl-client-cert-list", "other-only.json", "-k"},
			wantExit: 1, wantOut: "certificate required", wantCode: "EPROTO"},
		{name: "server CA not trusted", args: certFlags,
			wantExit: 1, wantOut: "unable to verify the first certificate", wantCode: "UNABLE_TO_VERIFY_LEAF_SIGNATURE"},
		{name: "encrypted key without passphrase", args: []string{"--ssl-client-cert", "c.pem", "--ssl-client-key", "k-enc.pem", "-k"},
			wantExit: -1, wantOut: "--ssl-client-passphrase is needed"},
		{name: "wrong passphrase", args: []string{"--ssl-client-cert", "c.pem", "--ssl-client-key", "k-enc.pem",
			"--ssl-client-passphrase", "nope", "-k"},
			wantExit: -1, wantOut: "wrong passphrase"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			report := filepath.Join(t.TempDir(), "r.json")
			args := append([]string{"run", "coll.json", "-r", "cli,json", "--reporter-json-export", report}, tt.args...)
			code, out := runCLI(t, dir, args)
			switch {
			case tt.wantExit == -1 && code == 0, tt.wantExit >= 0 && code != tt.wantExit:
				t.Fatalf("exit %d, want %d; output:\n%s", code, tt.wantExit, out)
			}
			if tt.wantOut != "" && !strings.Contains(out, tt.wantOut) {
				t.Errorf("output does not mention %q:\n%s", tt.wantOut, out)
			}
			if strings.Contains(out, pki.Passphrase) {
				t.Errorf("the passphrase appears in the output")
			}
			if tt.wantExit == -1 {
				return // the run did not start: no report
			}
			checkTLSReport(t, report, tt.wantCode)
		})
	}
}

// checkTLSReport reads the JSON report: the execution's requestError code and the
// assertion outcome (the test script runs even when the request failed).
func checkTLSReport(t *testing.T, path, wantCode string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	var r struct {
		Run struct {
			Executions []struct {
				RequestError *struct{ Code, Message string } `json:"requestError"`
				Assertions   []struct {
					Assertion string
					Error     *struct{ Message string }
				}
			}
			Failures []struct{ Error struct{ Message string } }
		}
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("report: %v", err)
	}
	if len(r.Run.Executions) != 1 {
		t.Fatalf("%d executions, want 1", len(r.Run.Executions))
	}
	ex := r.Run.Executions[0]
	gotCode := ""
	if ex.RequestError != nil {
		gotCode = ex.RequestError.Code
	}
	if gotCode != wantCode {
		t.Errorf("requestError code = %q, want %q", gotCode, wantCode)
	}
	if len(ex.Assertions) != 1 {
		t.Fatalf("assertions = %+v, want the test script to run once", ex.Assertions)
	}
	if failed := ex.Assertions[0].Error != nil; failed != (wantCode != "") {
		t.Errorf("assertion failed = %v, want %v", failed, wantCode != "")
	}
	if wantCode == "" && len(r.Run.Failures) != 0 {
		t.Errorf("failures = %+v", r.Run.Failures)
	}
}

// runCLI runs pmrun in-process in dir and returns the exit code and the combined output.
func runCLI(t *testing.T, dir string, args []string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	env := &Env{Args: args, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out,
		Getenv: func(k string) string {
			if k == "NO_COLOR" {
				return "1"
			}
			return ""
		},
		Dir: dir, Now: time.Now}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	code := Execute(ctx, env)
	return code, out.String()
}
