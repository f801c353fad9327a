// Package packagestest is a fake npm registry for tests: it serves real gzipped tarballs
// with their sha512 integrity on a loopback server. It must not be imported by
// non-test code.
package packagestest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Package is one version of a package the fake registry serves.
type Package struct {
	Name, Version string
	Deps          map[string]string
	Files         map[string]string // path inside package/ → content; package.json is made when absent
}

// Registry is an npm registry on loopback serving real gzipped tarballs.
type Registry struct {
	*httptest.Server
	mu       sync.Mutex
	tarballs map[string][]byte // URL path → tgz
	docs     map[string]map[string]any
	// Corrupt serves tarballs with a byte changed.
	Corrupt  bool
	requests []string
}

// NewRegistry starts a registry serving pkgs; it stops when the test ends.
func NewRegistry(t testing.TB, pkgs ...Package) *Registry {
	t.Helper()
	r := &Registry{tarballs: map[string][]byte{}, docs: map[string]map[string]any{}}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	for _, p := range pkgs {
		r.Add(t, p)
	}
	return r
}

// Add publishes one more package version.
func (r *Registry) Add(t testing.TB, p Package) {
	t.Helper()
	files := map[string]string{}
	for k, v := range p.Files {
		files[k] = v
	}
	if _, ok := files["package.json"]; !ok {
		pj, _ := json.Marshal(map[string]any{"name": p.Name, "version": p.Version, "main": "index.js", "dependencies": p.Deps})
		files["package.json"] = string(pj)
	}
	tgz := makeTarball(t, files)
	tarPath := "/" + p.Name + "/-/" + strings.ReplaceAll(p.Name, "/", "-") + "-" + p.Version + ".tgz"
	sum := sha512.Sum512(tgz)
	r.tarballs[tarPath] = tgz
	doc := r.docs[p.Name]
	if doc == nil {
		doc = map[string]any{"name": p.Name, "dist-tags": map[string]string{}, "versions": map[string]any{}}
		r.docs[p.Name] = doc
	}
	doc["dist-tags"].(map[string]string)["latest"] = p.Version
	doc["versions"].(map[string]any)[p.Version] = map[string]any{
		"name": p.Name, "version": p.Version, "dependencies": p.Deps,
		"dist": map[string]string{
			"tarball":   r.URL + tarPath,
			"integrity": "sha512-" + base64.StdEncoding.EncodeToString(sum[:]),
		},
	}
}

func (r *Registry) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests = append(r.requests, req.URL.EscapedPath())
	if tgz, ok := r.tarballs[req.URL.Path]; ok {
		if r.Corrupt {
			tgz = append([]byte(nil), tgz...)
			tgz[len(tgz)-5] ^= 0xff
		}
		_, _ = w.Write(tgz)
		return
	}
	name := strings.TrimPrefix(req.URL.Path, "/")
	if doc, ok := r.docs[name]; ok {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(doc)
		return
	}
	http.NotFound(w, req)
}

// makeTarball builds an npm tarball: the files under package/, gzipped.
func makeTarball(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, content := range files {
		if err := tw.WriteHeader(&tar.Header{Name: "package/" + name, Mode: 0o644, Size: int64(len(content)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
