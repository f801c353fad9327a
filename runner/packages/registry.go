package packages

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha1" //nolint:gosec // npm's legacy shasum, checked only when no sha512 integrity is given
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/pmrun/pmrun/sandbox"
)

// maxTarball bounds one package tarball (and maxPackument one registry document).
const (
	maxTarball   = 64 << 20
	maxPackument = 32 << 20
	maxDepth     = 32
)

type packument struct {
	Name     string                      `json:"name"`
	DistTags map[string]string           `json:"dist-tags"`
	Versions map[string]packumentVersion `json:"versions"`
}

type packumentVersion struct {
	Version      string            `json:"version"`
	Dependencies map[string]string `json:"dependencies"`
	Dist         struct {
		Tarball   string `json:"tarball"`
		Integrity string `json:"integrity"`
		Shasum    string `json:"shasum"`
	} `json:"dist"`
}

// registryPackage returns the bundle of an npm: or jsr: package, from the cache or the
// registry.
func (s *Store) registryPackage(ctx context.Context, sp spec) (string, error) {
	if s.cfg.CacheDir == "" {
		return "", fmt.Errorf("npm: and jsr: packages need a package cache directory: %w", sandbox.ErrPackageNotFound)
	}
	if !validNPMName.MatchString(sp.name) || len(sp.name) > 214 {
		return "", fmt.Errorf("%q is not an npm package name: %w", sp.name, sandbox.ErrPackageNotFound)
	}
	base := filepath.Join(s.cfg.CacheDir, sp.registry, filepath.FromSlash(sp.name))
	if s.cfg.Offline {
		v, err := cachedVersion(base, sp.version)
		if err != nil {
			return "", fmt.Errorf("%s is not in the package cache %s (--offline): run `pmrun packages fetch` first: %w",
				sp.raw, s.cfg.CacheDir, sandbox.ErrPackageNotFound)
		}
		b, err := os.ReadFile(filepath.Join(base, v, "bundle.js"))
		if err != nil {
			return "", fmt.Errorf("read cached %s: %w", sp.raw, err)
		}
		return string(b), nil
	}
	registry := s.cfg.Registry
	if sp.registry == "jsr" {
		registry = s.cfg.JSRRegistry
	}
	doc, err := s.fetchPackument(ctx, registry, sp.name)
	if err != nil {
		return "", err
	}
	ver, err := pickVersion(doc, sp.version)
	if err != nil {
		return "", fmt.Errorf("%s: %w", sp.raw, err)
	}
	if _, err := semver.StrictNewVersion(ver.Version); err != nil {
		return "", fmt.Errorf("%s: the registry gives version %q, which is not a semantic version", sp.raw, ver.Version)
	}
	dir := filepath.Join(base, ver.Version)
	if b, err := os.ReadFile(filepath.Join(dir, "bundle.js")); err == nil {
		return string(b), nil
	}
	work, err := os.MkdirTemp(filepath.Dir(dir), ".install-")
	if err != nil {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return "", fmt.Errorf("package cache: %w", err)
		}
		if work, err = os.MkdirTemp(filepath.Dir(dir), ".install-"); err != nil {
			return "", fmt.Errorf("package cache: %w", err)
		}
	}
	defer func() { _ = os.RemoveAll(work) }()
	modDir := filepath.Join(work, "node_modules", filepath.FromSlash(sp.name))
	if err := s.install(ctx, registry, ver, modDir, 0); err != nil {
		return "", fmt.Errorf("%s: %w", sp.raw, err)
	}
	src, err := bundle(work, sp.name)
	if err != nil {
		return "", fmt.Errorf("bundle %s: %w", sp.raw, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("package cache: %w", err)
	}
	tmp := filepath.Join(dir, ".bundle.js.tmp")
	if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
		return "", fmt.Errorf("package cache: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "bundle.js")); err != nil {
		return "", fmt.Errorf("package cache: %w", err)
	}
	return src, nil
}

// cachedVersion returns the highest cached version of a package that satisfies want.
func cachedVersion(base, want string) (string, error) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return "", err
	}
	var versions []*semver.Version
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(base, e.Name(), "bundle.js")); err != nil {
			continue
		}
		if v, err := semver.NewVersion(e.Name()); err == nil {
			versions = append(versions, v)
		}
	}
	sort.Sort(sort.Reverse(semver.Collection(versions)))
	for _, v := range versions {
		if want == "" || want == "latest" || matches(want, v) {
			return v.Original(), nil
		}
	}
	return "", os.ErrNotExist
}

func matches(want string, v *semver.Version) bool {
	if want == v.Original() {
		return true
	}
	c, err := semver.NewConstraint(want)
	return err == nil && c.Check(v)
}

// pickVersion chooses the version for want: a dist-tag, an exact version or the highest
// version in a semver range ("" is the latest tag).
func pickVersion(doc *packument, want string) (packumentVersion, error) {
	if want == "" {
		want = "latest"
	}
	if tagged, ok := doc.DistTags[want]; ok {
		if v, ok := doc.Versions[tagged]; ok {
			return v, nil
		}
	}
	if v, ok := doc.Versions[want]; ok {
		return v, nil
	}
	c, err := semver.NewConstraint(want)
	if err != nil {
		return packumentVersion{}, fmt.Errorf("version %q is neither a version, a range nor a tag of %s", want, doc.Name)
	}
	var best *semver.Version
	var bestV packumentVersion
	for s, pv := range doc.Versions {
		v, err := semver.NewVersion(s)
		if err != nil || !c.Check(v) {
			continue
		}
		if best == nil || v.GreaterThan(best) {
			best, bestV = v, pv
		}
	}
	if best == nil {
		return packumentVersion{}, fmt.Errorf("no version of %s matches %q: %w", doc.Name, want, sandbox.ErrPackageNotFound)
	}
	return bestV, nil
}

func (s *Store) fetchPackument(ctx context.Context, registry, name string) (*packument, error) {
	u := strings.TrimRight(registry, "/") + "/" + strings.Replace(url.PathEscape(name), "%2F", "%2f", 1)
	body, err := s.get(ctx, u, maxPackument, "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8")
	if err != nil {
		var nf notFound
		if errors.As(err, &nf) {
			return nil, fmt.Errorf("the registry %s has no package %s: %w", registry, name, sandbox.ErrPackageNotFound)
		}
		return nil, err
	}
	var doc packument
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("registry answer for %s: %w", name, err)
	}
	if doc.Name == "" {
		doc.Name = name
	}
	return &doc, nil
}

type notFound struct{ url string }

func (e notFound) Error() string { return "404 Not Found: " + e.url }

func (s *Store) get(ctx context.Context, u string, limit int64, accept string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("registry request: %w", err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := s.cfg.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode == http.StatusNotFound {
		return nil, notFound{u}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("registry: GET %s: %s", u, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("registry: GET %s: %w", u, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("registry: GET %s: more than %d bytes", u, limit)
	}
	return b, nil
}

// install downloads, checks and unpacks one package version into dir, then its
// dependencies into dir/node_modules (nested, so each gets the version it asked for).
func (s *Store) install(ctx context.Context, registry string, v packumentVersion, dir string, depth int) error {
	if depth > maxDepth {
		return errors.New("dependencies nest too deep")
	}
	tgz, err := s.get(ctx, v.Dist.Tarball, maxTarball, "")
	if err != nil {
		return err
	}
	if err := checkIntegrity(tgz, v.Dist.Integrity, v.Dist.Shasum); err != nil {
		return fmt.Errorf("%s@%s: %w", path.Base(v.Dist.Tarball), v.Version, err)
	}
	if err := untar(tgz, dir); err != nil {
		return fmt.Errorf("unpack %s: %w", v.Dist.Tarball, err)
	}
	names := make([]string, 0, len(v.Dependencies))
	for n := range v.Dependencies {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !validNPMName.MatchString(n) {
			return fmt.Errorf("dependency %q is not an npm package name", n)
		}
		doc, err := s.fetchPackument(ctx, registry, n)
		if err != nil {
			return fmt.Errorf("dependency %s: %w", n, err)
		}
		dv, err := pickVersion(doc, v.Dependencies[n])
		if err != nil {
			return fmt.Errorf("dependency %s: %w", n, err)
		}
		if err := s.install(ctx, registry, dv, filepath.Join(dir, "node_modules", filepath.FromSlash(n)), depth+1); err != nil {
			return fmt.Errorf("dependency %s: %w", n, err)
		}
	}
	return nil
}

// checkIntegrity verifies a tarball against its Subresource Integrity string (any of its
// sha512/sha384/sha256 hashes) or, without one, npm's sha1 shasum.
func checkIntegrity(data []byte, integrity, shasum string) error {
	if integrity != "" {
		for _, h := range strings.Fields(integrity) {
			alg, want, ok := strings.Cut(h, "-")
			if !ok {
				continue
			}
			var sum hash.Hash
			switch alg {
			case "sha512":
				sum = sha512.New()
			case "sha384":
				sum = sha512.New384()
			case "sha256":
				sum = sha256.New()
			default:
				continue
			}
			sum.Write(data)
			if base64.StdEncoding.EncodeToString(sum.Sum(nil)) == want {
				return nil
			}
			return fmt.Errorf("integrity check failed: the tarball's %s is not %s", alg, want)
		}
	}
	if shasum != "" {
		sum := sha1.Sum(data) //nolint:gosec // see import
		if hex.EncodeToString(sum[:]) == strings.ToLower(shasum) {
			return nil
		}
		return fmt.Errorf("integrity check failed: the tarball's sha1 is not %s", shasum)
	}
	return errors.New("the registry gives no integrity for the tarball; refusing it")
}

// untar unpacks an npm tarball (files under one top directory, usually package/) into dir.
func untar(tgz []byte, dir string) error {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue // directories are made as needed; links are not followed
		}
		name := path.Clean(strings.TrimPrefix(h.Name, "/"))
		_, rest, ok := strings.Cut(name, "/")
		if !ok || rest == "" || strings.HasPrefix(rest, "../") || rest == ".." {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(rest))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(filepath.Separator)) {
			return fmt.Errorf("tarball entry %q leaves the package directory", h.Name)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, io.LimitReader(tr, maxTarball))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
}

// bundle makes one CommonJS module of the package installed in root/node_modules/name,
// for the browser-like sandbox. Node's built-in modules stay require() calls, for the
// sandbox to answer (the ones Postman offers) or refuse (the others), as in a script.
func bundle(root, name string) (string, error) {
	res := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   "module.exports = require(" + jsString(name) + ");",
			ResolveDir: root,
			Sourcefile: "pm-require-entry.js",
			Loader:     api.LoaderJS,
		},
		Bundle:        true,
		Write:         false,
		Format:        api.FormatCommonJS,
		Platform:      api.PlatformBrowser,
		MainFields:    []string{"browser", "module", "main"},
		Conditions:    []string{"require", "default"},
		Target:        api.ES2020,
		External:      append(append([]string(nil), nodeBuiltins...), sandbox.Modules()...),
		LogLevel:      api.LogLevelSilent,
		Charset:       api.CharsetUTF8,
		LegalComments: api.LegalCommentsNone,
	})
	if len(res.Errors) > 0 {
		msgs := make([]string, 0, len(res.Errors))
		for _, m := range res.Errors {
			msgs = append(msgs, m.Text)
		}
		return "", errors.New(strings.Join(msgs, "; "))
	}
	if len(res.OutputFiles) == 0 {
		return "", errors.New("esbuild wrote nothing")
	}
	return string(res.OutputFiles[0].Contents), nil
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// nodeBuiltins are Node's built-in module names (and node:*): a package's require of
// one is left to the sandbox's require, which has the same few as Postman's.
var nodeBuiltins = []string{
	"node:*", "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
	"crypto", "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https",
	"inspector", "module", "net", "os", "path", "perf_hooks", "process", "punycode", "querystring",
	"readline", "repl", "stream", "string_decoder", "sys", "timers", "tls", "trace_events", "tty",
	"url", "util", "v8", "vm", "wasi", "worker_threads", "zlib",
}
