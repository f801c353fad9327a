package httpclient

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/pmrun/pmrun/collections"
)

const encodedText = `{"gzipped":true,"text":"héllo wörld"}`

// serveEncoded answers encodedText compressed with ?enc=.
func serveEncoded(w http.ResponseWriter, r *http.Request) {
	enc := r.URL.Query().Get("enc")
	var buf bytes.Buffer
	var zw io.WriteCloser
	switch enc {
	case "gzip":
		zw = gzip.NewWriter(&buf)
	case "deflate":
		zw = zlib.NewWriter(&buf)
	case "br":
		zw = brotli.NewWriter(&buf)
	default:
		_, _ = io.WriteString(w, encodedText)
		return
	}
	_, _ = io.WriteString(zw, encodedText)
	_ = zw.Close()
	w.Header().Set("Content-Encoding", enc)
	_, _ = w.Write(buf.Bytes())
}

func TestBodies(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "upload.txt"), []byte("file content"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, Options{WorkingDir: dir})
	raw := func(text, lang string) *collections.Body {
		b := &collections.Body{Mode: "raw", Raw: text}
		if lang != "" {
			b.Options = map[string]any{"raw": map[string]any{"language": lang}}
		}
		return b
	}
	tests := []struct {
		name     string
		method   string
		headers  []collections.Header
		body     *collections.Body
		ppb      map[string]any
		wantType string // Content-Type the server saw ("" = none)
		wantBody string
	}{
		{"raw json", "POST", nil, raw(`{"a":1}`, "json"), nil, "application/json", `{"a":1}`},
		{"raw text default", "POST", nil, raw("plain", ""), nil, "text/plain", "plain"},
		{"raw xml", "POST", nil, raw("<a/>", "xml"), nil, "application/xml", "<a/>"},
		{"raw html", "POST", nil, raw("<p>", "html"), nil, "text/html", "<p>"},
		{"raw javascript", "POST", nil, raw("x()", "javascript"), nil, "application/javascript", "x()"},
		{"raw unknown language", "POST", nil, raw("x", "yaml"), nil, "text/plain", "x"},
		{"raw user content type", "POST", []collections.Header{{Key: "content-type", Value: "text/csv"}}, raw("a,b", "json"), nil, "text/csv", "a,b"},
		{"raw json comments stripped", "POST", nil, raw("{\n // c\n \"a\": \"//x\" /* b */\n}", "json"), nil, "application/json", "{\n \n \"a\": \"//x\" \n}"},
		{"urlencoded", "POST", nil, &collections.Body{Mode: "urlencoded", URLEncoded: []collections.Param{
			{Key: "plain", Value: "v"}, {Key: "special", Value: "a&b=c d+e/é"}, {Key: "off", Value: "x", Disabled: true},
			{Key: "repeat", Value: "1"}, {Key: "next", Value: "n"}, {Key: "repeat", Value: "2"},
		}}, nil, "application/x-www-form-urlencoded", "plain=v&special=a%26b%3Dc%20d%2Be%2F%C3%A9&repeat=1&repeat=2&next=n"},
		{"file", "PUT", nil, &collections.Body{Mode: "file", File: &collections.FileBody{Src: "upload.txt"}}, nil, "", "file content"},
		{"graphql", "POST", nil, &collections.Body{Mode: "graphql", GraphQL: &collections.GraphQLBody{Query: "query { a }", Variables: `{"n": 1}`}},
			nil, "application/json", `{"query":"query { a }","variables":{"n": 1}}`},
		{"disabled body", "POST", nil, &collections.Body{Mode: "raw", Raw: "no", Disabled: true}, nil, "", ""},
		{"GET body pruned", "GET", nil, raw("no", "json"), nil, "", ""},
		{"GET body kept", "GET", nil, raw("yes", ""), map[string]any{"disableBodyPruning": true}, "text/plain", "yes"},
		{"DELETE keeps body", "DELETE", nil, raw("yes", ""), nil, "text/plain", "yes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := &collections.Request{Method: tt.method, URL: urlOf(t, srv.URL+"/post"), Headers: tt.headers, Body: tt.body}
			res, e := sendEcho(t, c, req, nil, tt.ppb)
			if got := strings.Join(e.Headers["Content-Type"], ","); got != tt.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tt.wantType)
			}
			if e.Body != tt.wantBody || string(res.Request.Body) != tt.wantBody {
				t.Errorf("server body %q, recorded %q, want %q", e.Body, res.Request.Body, tt.wantBody)
			}
			// Newman sends "Content-Length: 0" for a POST without body (req-bodies case).
			if tt.method == "POST" && tt.wantBody == "" && strings.Join(e.Headers["Content-Length"], "") != "0" {
				t.Errorf("empty POST sent Content-Length %v, want 0", e.Headers["Content-Length"])
			}
		})
	}
}

func TestFormData(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.json"), []byte(`{"f":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, Options{WorkingDir: dir})
	req := &collections.Request{Method: "POST", URL: urlOf(t, srv.URL+"/post"), Body: &collections.Body{Mode: "formdata", FormData: []collections.FormParam{
		{Key: "a", Value: "one", Type: "text"},
		{Key: "off", Value: "x", Type: "text", Disabled: true},
		{Key: "doc", Type: "file", Src: []string{"a.json"}},
		{Key: "nosrc", Type: "file"},
		{Key: "a", Value: "two", Type: "text", ContentType: "text/x-test"},
	}}}
	res, e := sendEcho(t, c, req, nil, nil)
	mt, params, err := mime.ParseMediaType(strings.Join(e.Headers["Content-Type"], ""))
	if err != nil || mt != "multipart/form-data" || !strings.HasPrefix(params["boundary"], "--------------------------") {
		t.Fatalf("content type %v %v %v", mt, params, err)
	}
	type part struct{ name, file, ctype, body string }
	var parts []part
	mr := multipart.NewReader(strings.NewReader(e.Body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		b, _ := io.ReadAll(p)
		parts = append(parts, part{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(b)})
	}
	want := []part{{"a", "", "", "one"}, {"doc", "a.json", "application/json", `{"f":1}`}, {"a", "", "text/x-test", "two"}}
	if len(parts) != len(want) {
		t.Fatalf("parts = %+v, want %+v", parts, want)
	}
	for i := range want {
		if parts[i] != want[i] {
			t.Errorf("part %d = %+v, want %+v", i, parts[i], want[i])
		}
	}
	wantWarn := "Form param `nosrc`, file load error: missing file source"
	if len(res.Warnings) != 1 || res.Warnings[0] != wantWarn {
		t.Errorf("warnings = %q, want %q", res.Warnings, wantWarn)
	}
}

func TestFormDataUserContentType(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, Options{})
	req := &collections.Request{Method: "POST", URL: urlOf(t, srv.URL+"/post"),
		Headers: []collections.Header{{Key: "Content-Type", Value: "multipart/form-data"}},
		Body:    &collections.Body{Mode: "formdata", FormData: []collections.FormParam{{Key: "a", Value: "1"}}}}
	_, e := sendEcho(t, c, req, nil, nil)
	_, params, err := mime.ParseMediaType(strings.Join(e.Headers["Content-Type"], ""))
	if err != nil || params["boundary"] == "" || !strings.Contains(e.Body, params["boundary"]) {
		t.Errorf("content type %v without the body's boundary", e.Headers["Content-Type"])
	}
}

// TestBodyFileErrors checks that a body file that cannot be read is left out of its request
// with postman-runtime's warning, and that the request is still sent (as Newman does; the
// conformance case dropin-body shows it on Newman).
func TestBodyFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "outside.txt")
	for _, f := range []string{filepath.Join(dir, "in.txt"), outside} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	file := func(src string) *collections.Body {
		return &collections.Body{Mode: "file", File: &collections.FileBody{Src: src}}
	}
	form := func(src ...string) *collections.Body {
		return &collections.Body{Mode: "formdata", FormData: []collections.FormParam{
			{Key: "t", Value: "v", Type: "text"}, {Key: "f", Type: "file", Src: src}}}
	}
	tests := []struct {
		name       string
		body       *collections.Body
		restricted bool
		warn       string
		files      int // file parts that reach the server (form-data)
	}{
		{"file missing absolute", file("/no/such/file"), false, `Binary file load error: "/no/such/file", no such file`, 0},
		{"file missing relative", file("gone.bin"), false, `Binary file load error: "gone.bin", no such file`, 0},
		{"file is a directory", file("sub"), false, `Binary file load error: "sub", is not a file`, 0},
		{"form file missing", form("in.txt", "nope.txt"), false, "Form param `f`, file load error: \"nope.txt\", no such file", 1},
		{"form single file missing", form("nope.txt"), false, "Form param `f`, file load error: \"nope.txt\", no such file", 0},
		{"outside refused", file(outside), true, "Binary file load error: PPERM: insecure file access outside working directory", 0},
		{"outside relative refused", form("../" + filepath.Base(filepath.Dir(outside)) + "/outside.txt"), true,
			"Form param `f`, file load error: PPERM: insecure file access outside working directory", 0},
		{"outside allowed by default", file(outside), false, "", 0},
		{"inside allowed when restricted", form("in.txt", "./sub/../in.txt"), true, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			var files atomic.Int32
			var length atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				length.Store(r.ContentLength)
				if err := r.ParseMultipartForm(1 << 20); err == nil {
					files.Store(int32(len(r.MultipartForm.File["f"])))
				}
			}))
			t.Cleanup(srv.Close)
			c := newClient(t, Options{WorkingDir: dir, NoInsecureFileRead: tt.restricted})
			req := &collections.Request{Method: "POST", URL: urlOf(t, srv.URL+"/post"), Body: tt.body}
			res, err := c.Send(context.Background(), req, nil, nil)
			if err != nil || res.Response == nil || hits.Load() != 1 {
				t.Fatalf("Send: %v (response %v, %d requests)", err, res.Response, hits.Load())
			}
			if got := strings.Join(res.Warnings, "\n"); got != tt.warn {
				t.Errorf("warnings %q, want %q", got, tt.warn)
			}
			if tt.body.Mode == "formdata" && files.Load() != int32(tt.files) {
				t.Errorf("%d file parts sent, want %d", files.Load(), tt.files)
			}
			if tt.body.Mode == "file" && tt.warn != "" && length.Load() != 0 {
				t.Errorf("body of %d bytes sent, want none", length.Load())
			}
		})
	}
}

func TestStripJSONComments(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		`{"a":"/* not */"}`:      `{"a":"/* not */"}`,
		"{\"a\":1} // tail":      `{"a":1} `,
		`{"a":"\"//"}/*x*/`:      `{"a":"\"//"}`,
		"[1,/* two */2]":         "[1,2]",
		"{\"u\":\"http://x\"}\n": "{\"u\":\"http://x\"}\n",
	}
	for in, want := range tests {
		if got := stripJSONComments(in); got != want {
			t.Errorf("stripJSONComments(%q) = %q, want %q", in, got, want)
		}
	}
}

// rawServer answers every request with 200 and records the head of each request as sent.
func rawServer(t *testing.T) (addr string, heads func() []string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	var mu sync.Mutex
	var got []string
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer func() { _ = conn.Close() }()
				br := bufio.NewReader(conn)
				for {
					var head strings.Builder
					for {
						line, err := br.ReadString('\n')
						if err != nil {
							return
						}
						if line == "\r\n" {
							break
						}
						head.WriteString(line)
					}
					mu.Lock()
					got = append(got, head.String())
					mu.Unlock()
					if _, v, ok := strings.Cut(head.String(), "Content-Length: "); ok {
						n, _ := strconv.Atoi(v[:strings.IndexByte(v, '\r')])
						if _, err := io.CopyN(io.Discard, br, int64(n)); err != nil {
							return
						}
					}
					if _, err := conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")); err != nil {
						return
					}
				}
			}()
		}
	}()
	return ln.Addr().String(), func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), got...)
	}
}

// Node sends "Content-Length: 0" for a request without a body (a disabled one included) on
// every method but GET, HEAD, DELETE, OPTIONS, TRACE and CONNECT — custom methods too
// (conformance case dropin-body); test scripts see it among the request's headers.
func TestEmptyBodyContentLength(t *testing.T) {
	t.Parallel()
	addr, heads := rawServer(t)
	c := newClient(t, Options{})
	disabled := &collections.Body{Mode: "raw", Raw: "x", Disabled: true}
	want := map[string]bool{"POST": true, "PUT": true, "PATCH": true, "PURGE": true, "MKCOL": true,
		"GET": false, "HEAD": false, "DELETE": false, "OPTIONS": false}
	for _, m := range []string{"POST", "PUT", "PATCH", "PURGE", "MKCOL", "GET", "HEAD", "DELETE", "OPTIONS"} {
		req := &collections.Request{Method: m, URL: urlOf(t, "http://"+addr+"/x"), Body: disabled}
		res, err := c.Send(context.Background(), req, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		h := heads()
		sent := strings.Contains(h[len(h)-1], "Content-Length: 0\r\n")
		reported := collections.FindHeader(res.Request.Headers, "Content-Length") >= 0
		if sent != want[m] || reported != want[m] {
			t.Errorf("%s: Content-Length: 0 sent %v, reported %v; want %v", m, sent, reported, want[m])
		}
	}
}

// postman-request, not runtime, types form-data and urlencoded bodies: the type is sent but
// is not among the headers reported (and seen by test scripts), as in Newman.
func TestLibraryContentTypeNotReported(t *testing.T) {
	t.Parallel()
	addr, heads := rawServer(t)
	c := newClient(t, Options{})
	for _, b := range []*collections.Body{
		{Mode: "formdata", FormData: []collections.FormParam{{Key: "a", Value: "1", Type: "text"}}},
		{Mode: "urlencoded", URLEncoded: []collections.Param{{Key: "a", Value: "1"}}},
	} {
		res, err := c.Send(context.Background(), &collections.Request{Method: "POST", URL: urlOf(t, "http://"+addr+"/x"), Body: b}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		h := heads()
		if !strings.Contains(h[len(h)-1], "Content-Type: ") || collections.FindHeader(res.Request.Headers, "Content-Type") >= 0 {
			t.Errorf("%s: sent %q, reported %v", b.Mode, h[len(h)-1], res.Request.Headers)
		}
	}
	res, err := c.Send(context.Background(), &collections.Request{Method: "POST", URL: urlOf(t, "http://"+addr+"/x"),
		Body: &collections.Body{Mode: "raw", Raw: "x"}}, nil, nil)
	if err != nil || collections.FindHeader(res.Request.Headers, "Content-Type") < 0 {
		t.Errorf("raw: runtime's Content-Type must be reported: %v %v", err, res.Request.Headers)
	}
}

// A "%" that starts no escape is sent as written, as Node does (url.Parse rejects it).
func TestStrayPercentInPath(t *testing.T) {
	t.Parallel()
	addr, heads := rawServer(t)
	c := newClient(t, Options{})
	u := collections.URL{Host: strings.Split(addr, ":")[:1], Port: strings.Split(addr, ":")[1],
		Path: []string{"100%", "%", "%41"}, Query: []collections.QueryParam{{Key: "q", Value: "5%"}}}
	res, err := c.Send(context.Background(), &collections.Request{Method: "GET", URL: u}, nil, nil)
	if err != nil || res.Response == nil {
		t.Fatalf("Send: %v", err)
	}
	h := heads()
	if line := strings.SplitN(h[len(h)-1], "\r\n", 2)[0]; line != "GET /100%/%/%41?q=5% HTTP/1.1" {
		t.Errorf("request line %q", line)
	}
}
