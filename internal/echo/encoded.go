package echo

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"

	"github.com/andybalholm/brotli"
)

// encoding describes one compressed endpoint: the flag it reports and how it compresses.
type encoding struct {
	flag     string // "gzipped", "deflated", "brotli"
	name     string // Content-Encoding value
	compress func(io.Writer) io.WriteCloser
}

var (
	gzipEncoding = encoding{"gzipped", "gzip", func(w io.Writer) io.WriteCloser {
		return gzip.NewWriter(w)
	}}
	deflateEncoding = encoding{"deflated", "deflate", func(w io.Writer) io.WriteCloser {
		fw, _ := flate.NewWriter(w, flate.DefaultCompression) // only fails on a bad level
		return fw
	}}
	brotliEncoding = encoding{"brotli", "br", func(w io.Writer) io.WriteCloser {
		return brotli.NewWriter(w)
	}}
)

// handler answers {flag: true, headers, method} compressed with the encoding, whatever the
// request's Accept-Encoding says (as postman-echo does).
func (e encoding) handler(w http.ResponseWriter, r *http.Request) {
	plain, err := encode(object{{e.flag, true}, {"headers", headers(r)}, {"method", r.Method}})
	if err != nil {
		http.Error(w, "encoding response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	zw := e.compress(&buf)
	if _, err := zw.Write(plain); err != nil {
		http.Error(w, "compressing response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if err := zw.Close(); err != nil {
		http.Error(w, "compressing response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Encoding", e.name)
	h.Set("Content-Type", jsonType)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}
