package httpclient

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

// TestRedirectHeaders checks the headers a followed redirect carries to another host:
// Authorization is dropped unless followAuthorizationHeader, Referer is set unless
// removeRefererHeaderOnRedirect.
func TestRedirectHeaders(t *testing.T) {
	t.Parallel()
	target := newEchoServer(t)
	tu, _ := url.Parse(target.URL)
	// "localhost" is another host name than 127.0.0.1, so the redirect leaves the host.
	elsewhere := "http://localhost:" + tu.Port() + "/end"
	start := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere, http.StatusFound)
	}))
	t.Cleanup(start.Close)
	c := newClient(t, Options{FollowRedirects: true})
	tests := []struct {
		name        string
		ppb         map[string]any
		wantAuth    string
		wantReferer string
	}{
		{"defaults", nil, "", start.URL + "/start"},
		{"followAuthorizationHeader", map[string]any{"followAuthorizationHeader": true}, "Bearer tok", start.URL + "/start"},
		{"removeRefererHeaderOnRedirect", map[string]any{"removeRefererHeaderOnRedirect": true}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := &collections.Request{Method: "GET", URL: urlOf(t, start.URL+"/start"),
				Headers: []collections.Header{{Key: "Authorization", Value: "Bearer tok"}}}
			_, e := sendEcho(t, c, req, nil, tt.ppb)
			if e.URI != "/end" {
				t.Fatalf("the redirect was not followed: %s", e.URI)
			}
			if got := strings.Join(e.Headers["Authorization"], ","); got != tt.wantAuth {
				t.Errorf("Authorization after the redirect = %q, want %q", got, tt.wantAuth)
			}
			if got := strings.Join(e.Headers["Referer"], ","); got != tt.wantReferer {
				t.Errorf("Referer after the redirect = %q, want %q", got, tt.wantReferer)
			}
		})
	}
}
