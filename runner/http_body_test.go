package runner

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
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
	c := newClient(t, HTTPOptions{WorkingDir: dir})
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
	c := newClient(t, HTTPOptions{WorkingDir: dir})
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
	c := newClient(t, HTTPOptions{})
	req := &collections.Request{Method: "POST", URL: urlOf(t, srv.URL+"/post"),
		Headers: []collections.Header{{Key: "Content-Type", Value: "multipart/form-data"}},
		Body:    &collections.Body{Mode: "formdata", FormData: []collections.FormParam{{Key: "a", Value: "1"}}}}
	_, e := sendEcho(t, c, req, nil, nil)
	_, params, err := mime.ParseMediaType(strings.Join(e.Headers["Content-Type"], ""))
	if err != nil || params["boundary"] == "" || !strings.Contains(e.Body, params["boundary"]) {
		t.Errorf("content type %v without the body's boundary", e.Headers["Content-Type"])
	}
}

// TestBodyFileErrors checks that a body file that cannot be read fails its request with
// Node's code and text, and that the request is not sent.
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
		code, msg  string
	}{
		{"file missing absolute", file("/no/such/file"), false, "ENOENT", "ENOENT: no such file or directory, open '/no/such/file'"},
		{"file missing relative", file("gone.bin"), false, "ENOENT", "ENOENT: no such file or directory, open '" + filepath.Join(dir, "gone.bin") + "'"},
		{"file is a directory", file("sub"), false, "EISDIR", "EISDIR: illegal operation on a directory, read"},
		{"form file missing", form("in.txt", "nope.txt"), false, "ENOENT", "ENOENT: no such file or directory, open '" + filepath.Join(dir, "nope.txt") + "'"},
		{"outside refused", file(outside), true, "PPERM", "PPERM: insecure file access outside working directory"},
		{"outside relative refused", form("../" + filepath.Base(filepath.Dir(outside)) + "/outside.txt"), true, "PPERM", "PPERM: insecure file access outside working directory"},
		{"outside allowed by default", file(outside), false, "", ""},
		{"inside allowed when restricted", form("in.txt", "./sub/../in.txt"), true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
			t.Cleanup(srv.Close)
			c := newClient(t, HTTPOptions{WorkingDir: dir, NoInsecureFileRead: tt.restricted})
			req := &collections.Request{Method: "POST", URL: urlOf(t, srv.URL+"/post"), Body: tt.body}
			res, err := c.Send(context.Background(), req, nil, nil)
			if tt.code == "" {
				if err != nil || res.Response == nil {
					t.Fatalf("Send: %v", err)
				}
				return
			}
			var re *RequestError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *RequestError", err)
			}
			if re.Code() != tt.code || re.Error() != tt.msg {
				t.Errorf("error = %s %q, want %s %q", re.Code(), re.Error(), tt.code, tt.msg)
			}
			if res.Response != nil || res.Request == nil {
				t.Errorf("response %v, request %v: want no response and the request reported", res.Response, res.Request)
			}
			if hits.Load() != 0 {
				t.Errorf("the request was sent")
			}
		})
	}
}

func TestRequestURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		url  collections.URL
		want string
	}{
		{"no scheme", collections.URL{Host: []string{"Example", "COM"}, Path: []string{"a"}}, "http://example.com/a"},
		{"path variables", collections.URL{Protocol: "https", Host: []string{"h"}, Port: "8443", Path: []string{"users", ":id", ":empty"},
			Variables: []collections.Variable{{Key: "id", Value: "42"}, {Key: "empty", Value: ""}}}, "https://h:8443/users/42/:empty"},
		{"query", collections.URL{Host: []string{"h"}, Query: []collections.QueryParam{
			{Key: "a", Value: "x y"}, {Key: "off", Value: "1", Disabled: true}, {Key: "flag", NoValue: true}, {Key: "e", Value: "é%20"},
		}}, "http://h/?a=x%20y&flag&e=%C3%A9%20"},
		{"hash kept (Newman reports it; net/http does not send it)", collections.URL{Host: []string{"h"}, Path: []string{""}, Hash: "a b"}, "http://h/#a%20b"},
		{"path escapes", collections.URL{Host: []string{"h"}, Path: []string{"a b", "{x}"}}, "http://h/a%20b/%7Bx%7D"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := requestURL(tt.url); got != tt.want {
				t.Errorf("requestURL = %q, want %q", got, tt.want)
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
