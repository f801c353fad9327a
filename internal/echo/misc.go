package echo

import (
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Bounds on what one request can ask for.
const (
	maxDelay       = 10 * time.Second
	maxStreamLines = 100
	maxBytes       = 100 << 10
)

// get answers {args, headers, url}.
func get(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, object{{"args", args(r)}, {"headers", headers(r)}, {"url", requestURL(r)}})
}

// requestHeaders answers {headers}.
func requestHeaders(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, object{{"headers", headers(r)}})
}

// responseHeaders sets every query parameter as a response header and echoes the query. A
// content-type parameter replaces the JSON type (with charset=utf-8 added).
func responseHeaders(w http.ResponseWriter, r *http.Request) {
	q := args(r)
	for _, f := range q {
		for _, v := range f.values() {
			if !strings.EqualFold(f.name, "content-type") {
				w.Header().Add(f.name, v)
				continue
			}
			if mt, params, err := mime.ParseMediaType(v); err == nil {
				if params == nil {
					params = map[string]string{}
				}
				params["charset"] = "utf-8"
				v = mime.FormatMediaType(mt, params)
			}
			w.Header().Set("Content-Type", v)
		}
	}
	writeJSON(w, http.StatusOK, q)
}

// status answers with the status code in the path and {"status": code}; codes that carry no
// body (1xx, 204, 304) answer without one.
func status(w http.ResponseWriter, r *http.Request) {
	code, err := strconv.Atoi(r.PathValue("code"))
	if err != nil || code < 100 || code > 599 {
		badRequest(w, "invalid status code")
		return
	}
	if code < 200 || code == http.StatusNoContent || code == http.StatusNotModified {
		w.WriteHeader(code)
		return
	}
	writeJSON(w, code, object{{"status", code}})
}

// delay waits n seconds (fractions allowed, at most maxDelay) unless the client goes away,
// then answers {"delay": "n"}.
func delay(w http.ResponseWriter, r *http.Request) {
	s := r.PathValue("n")
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 {
		badRequest(w, "invalid delay")
		return
	}
	d := min(time.Duration(n*float64(time.Second)), maxDelay)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		writeJSON(w, http.StatusOK, object{{"delay", s}})
	case <-r.Context().Done():
	}
}

// stream writes n newline-separated JSON objects like /get's, each with its "id", flushing
// after each one.
func stream(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 {
		badRequest(w, "invalid count")
		return
	}
	n = min(n, maxStreamLines)
	w.Header().Set("Content-Type", jsonType)
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	for i := range n {
		line, err := encode(object{{"args", args(r)}, {"headers", headers(r)}, {"url", requestURL(r)}, {"id", i}})
		if err != nil {
			return
		}
		if _, err := w.Write(append(line, '\n')); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
	}
}

// randomBytes answers n (at most maxBytes) pseudo-random bytes; ?seed= makes them
// reproducible.
func randomBytes(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n > maxBytes {
		badRequest(w, "invalid byte count")
		return
	}
	seed := rand.Uint64()
	if s, ok := args(r).last("seed"); ok {
		if v, err := strconv.ParseUint(s, 10, 64); err == nil {
			seed = v
		}
	}
	src := rand.New(rand.NewPCG(seed, seed))
	body := make([]byte, n)
	for i := range body {
		body[i] = byte(src.Uint32())
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(n))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// ip answers {"ip": client address}.
func ip(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	writeJSON(w, http.StatusOK, object{{"ip", host}})
}

// timeNow answers the current time in HTTP date format, as text.
func timeNow(w http.ResponseWriter, _ *http.Request) {
	writeText(w, http.StatusOK, "text/html; charset=utf-8", time.Now().UTC().Format(http.TimeFormat))
}

// Fixed documents for the content-type endpoints.
const (
	htmlDoc = `<!DOCTYPE html><html><head><title>pmrun echo</title></head><body>` +
		`<h1 id="title">Hello from the pmrun echo server</h1>` +
		`<ul class="items"><li>one</li><li>two</li><li>three</li></ul></body></html>`
	xmlDoc = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<note>\n  <to>Tove</to>\n  <from>Jani</from>\n" +
		"  <heading>Reminder</heading>\n  <body>Don't forget me this weekend!</body>\n</note>\n"
	utf8Doc = "<html><body><h1>Unicode Demo</h1><p>∮ E⋅da = Q, ñ, ü, 日本語, Ελληνικά, 🍪</p></body></html>"
)

// text returns a handler answering a fixed document.
func text(contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, contentType, body)
	}
}
