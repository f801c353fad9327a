package onepassword

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pmrun/pmrun/pmvault"
)

// TestRealSDKSignInRefused drives the real SDK (WASM core, about 4 s to compile) against a
// local TLS server. The SDK allows only 1Password hosts and has no option for another
// address or HTTP client, but its HTTP goes through http.DefaultClient, hence
// http.DefaultTransport: pointing that transport's dialer at the test server makes the
// SDK's real sign-in request land here. The server refuses it with 401, which must come
// back as a clear authentication error without the WASM stack trace or the token.
//
// Not parallel: it replaces the process-wide http.DefaultTransport.
func TestRealSDKSignInRefused(t *testing.T) { //nolint:paralleltest // mutates http.DefaultTransport
	type seen struct{ method, host, path, body string }
	var mu sync.Mutex
	var got []seen
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, seen{r.Method, r.Host, r.URL.Path, string(body)})
		mu.Unlock()
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()

	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	addr := srv.Listener.Addr().String()
	orig := http.DefaultTransport
	http.DefaultTransport = &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		},
		TLSClientConfig: &tls.Config{ServerName: "example.com", RootCAs: roots, MinVersion: tls.VersionTLS12},
	}
	t.Cleanup(func() { http.DefaultTransport = orig })

	token := fakeToken(t)
	p := New(Options{Token: token, IntegrationVersion: "test"})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	_, errs := p.ResolveAll(ctx, []string{"op://Shared/Item/password"})
	t.Logf("first SDK use took %v", time.Since(start))

	err := errs["op://Shared/Item/password"]
	var pe *pmvault.ProviderError
	if !errors.As(err, &pe) || pe.Kind != pmvault.KindAuth {
		t.Fatalf("err = %v, want an authentication ProviderError", err)
	}
	msg := err.Error()
	if msg != "1Password: signing in: authentication error: you are not authenticated" {
		t.Errorf("message = %q", msg)
	}
	if strings.Contains(msg, token) || strings.Contains(msg, "wasm") {
		t.Errorf("message leaks: %q", msg)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) == 0 || got[0].method != http.MethodPost || got[0].path != "/api/v3/auth/start" ||
		got[0].host != "my.1password.com" || !strings.Contains(got[0].body, "pmrun-test@example.com") {
		t.Errorf("server saw %+v, want the SDK's sign-in POST", got)
	}
}
