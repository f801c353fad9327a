package httpclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

func TestCookieRoundTrip(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/cookies/set", func(w http.ResponseWriter, r *http.Request) {
		for k, v := range r.URL.Query() {
			http.SetCookie(w, &http.Cookie{Name: k, Value: v[0], Path: "/"})
		}
		http.Redirect(w, r, "/cookies", http.StatusFound)
	})
	mux.HandleFunc("/cookies", echoHandler)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c := newClient(t, Options{FollowRedirects: true})

	res, e := sendEcho(t, c, &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/cookies/set?foo=bar")}, nil, nil)
	if got := strings.Join(e.Headers["Cookie"], ";"); got != "foo=bar" {
		t.Errorf("redirected request cookie = %q", got)
	}
	if len(res.Response.Cookies) != 1 || res.Response.Cookies[0].Name != "foo" || res.Response.Cookies[0].Domain != "127.0.0.1" {
		t.Errorf("response cookies = %+v", res.Response.Cookies)
	}
	res, e = sendEcho(t, c, &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/cookies")}, nil, nil)
	if got := strings.Join(e.Headers["Cookie"], ";"); got != "foo=bar" {
		t.Errorf("next request cookie = %q", got)
	}
	if collections.HeaderValue(res.Request.Headers, "Cookie") != "foo=bar" {
		t.Errorf("recorded request headers lack the cookie: %v", res.Request.Headers)
	}
	_, e = sendEcho(t, c, &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/cookies")}, nil,
		map[string]any{"disableCookies": true})
	if got := e.Headers["Cookie"]; got != nil {
		t.Errorf("disableCookies still sent %q", got)
	}

	// Scripts' jar API on the same jar.
	jar := c.Jar()
	ctx := context.Background()
	if err := jar.Set(ctx, srv.URL, collections.Cookie{Name: "s", Value: "1"}); err != nil {
		t.Fatal(err)
	}
	_, e = sendEcho(t, c, &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/cookies")}, nil, nil)
	if got := strings.Join(e.Headers["Cookie"], ";"); got != "foo=bar; s=1" {
		t.Errorf("cookie after jar.set = %q", got)
	}
	if err := jar.Unset(ctx, srv.URL+"/cookies", "foo"); err != nil {
		t.Fatal(err)
	}
	if ck, _ := jar.Get(ctx, srv.URL+"/cookies", "foo"); ck != nil {
		t.Errorf("foo still there after unset: %+v", ck)
	}
	if err := jar.Clear(ctx, srv.URL); err != nil {
		t.Fatal(err)
	}
	if all, _ := jar.GetAll(ctx, srv.URL+"/x"); len(all) != 0 {
		t.Errorf("cookies after clear: %+v", all)
	}
}
