package echo

import (
	"net/http"
	"slices"
	"strings"
)

// Handler returns the echo server's handler. It is safe for concurrent use and keeps no
// state between requests (cookies live in the client's jar).
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", text("text/plain; charset=utf-8", "pmrun echo: a local stand-in for postman-echo\n"))
	mux.HandleFunc("/", notFound)

	mux.Handle("/get", only(get, http.MethodGet, http.MethodHead))
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		mux.Handle("/"+strings.ToLower(m), only(echoBody, m))
	}
	mux.HandleFunc("/headers", requestHeaders)
	mux.HandleFunc("/response-headers", responseHeaders)
	mux.HandleFunc("/status/{code}", status)
	mux.HandleFunc("/delay/{n}", delay)
	mux.HandleFunc("/basic-auth", basicAuth)
	mux.HandleFunc("/digest-auth", digestAuth)
	mux.HandleFunc("/auth/hawk", hawkAuth)
	mux.HandleFunc("/oauth1", oauth1)
	mux.HandleFunc("/cookies", cookies)
	mux.HandleFunc("/cookies/set", setCookies)
	mux.HandleFunc("/cookies/delete", deleteCookies)
	mux.HandleFunc("/redirect-to", redirectTo)
	mux.HandleFunc("/redirect/{n}", redirectN)
	mux.HandleFunc("/type/html", text("text/html; charset=utf-8", htmlDoc))
	mux.HandleFunc("/type/xml", text("application/xml; charset=utf-8", xmlDoc))
	mux.HandleFunc("/encoding/utf8", text("text/html; charset=utf-8", utf8Doc))
	mux.HandleFunc("/gzip", gzipEncoding.handler)
	mux.HandleFunc("/deflate", deflateEncoding.handler)
	mux.HandleFunc("/brotli", brotliEncoding.handler)
	mux.HandleFunc("/stream/{n}", stream)
	mux.HandleFunc("/bytes/{n}", randomBytes)
	mux.HandleFunc("/ip", ip)
	mux.HandleFunc("/time/now", timeNow)
	return options(mux)
}

// only serves h for the given methods and answers 404 (as express does) for others.
func only(h http.HandlerFunc, methods ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !slices.Contains(methods, r.Method) {
			notFound(w, r)
			return
		}
		h(w, r)
	})
}

// allowed lists the methods each method-specific endpoint accepts, for OPTIONS.
var allowed = map[string]string{
	"/get":    "GET,HEAD",
	"/post":   "POST",
	"/put":    "PUT",
	"/patch":  "PATCH",
	"/delete": "DELETE",
}

// options answers OPTIONS requests with an Allow header, as express does.
func options(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		allow, ok := allowed[r.URL.Path]
		if !ok {
			allow = "GET,HEAD,POST,PUT,PATCH,DELETE"
		}
		w.Header().Set("Allow", allow)
		writeText(w, http.StatusOK, "text/html; charset=utf-8", allow)
	})
}
