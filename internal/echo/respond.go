package echo

import (
	"crypto/md5"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

const jsonType = "application/json; charset=utf-8"

// headers lists the request headers with lower-case names: "host" first, then the others
// sorted by name (net/http does not keep wire order). Repeated headers are joined with ", ",
// cookies with "; ".
func headers(r *http.Request) object {
	out := object{{"host", r.Host}}
	names := make([]string, 0, len(r.Header))
	for name := range r.Header {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		lower := strings.ToLower(name)
		if lower == "host" {
			continue
		}
		sep := ", "
		if lower == "cookie" {
			sep = "; "
		}
		out = append(out, field{lower, strings.Join(r.Header[name], sep)})
	}
	return out
}

// requestURL is the absolute URL of the request as the client sent it.
func requestURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.RequestURI
}

// writeJSON sends v as JSON with status code, an explicit length and a weak ETag, as
// express does.
func writeJSON(w http.ResponseWriter, code int, v any) {
	body, err := encode(v)
	if err != nil {
		http.Error(w, "encoding response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", jsonType)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("ETag", fmt.Sprintf(`W/"%x-%x"`, len(body), md5.Sum(body)))
	w.WriteHeader(code)
	_, _ = w.Write(body)
}

// writeText sends body with the given content type and status code.
func writeText(w http.ResponseWriter, code int, contentType, body string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	_, _ = io.WriteString(w, body)
}

// notFound answers like express's default 404 page.
func notFound(w http.ResponseWriter, r *http.Request) {
	writeText(w, http.StatusNotFound, "text/html; charset=utf-8",
		"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n"+
			"</head>\n<body>\n<pre>Cannot "+r.Method+" "+r.URL.EscapedPath()+"</pre>\n</body>\n</html>\n")
}

// badRequest answers 400 with {"error": msg}.
func badRequest(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, object{{"error", msg}})
}

// redirect answers code with a Location header and a short text body.
func redirect(w http.ResponseWriter, code int, location string) {
	w.Header().Set("Location", location)
	writeText(w, code, "text/plain; charset=utf-8",
		http.StatusText(code)+". Redirecting to "+location)
}
