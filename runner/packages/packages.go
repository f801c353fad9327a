package packages

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/pmrun/pmrun/sandbox"
)

// DefaultRegistry is npm's public registry; JSRRegistry serves jsr: packages in npm form.
const (
	DefaultRegistry = "https://registry.npmjs.org/"
	JSRRegistry     = "https://npm.jsr.io/"
)

// Config says where packages come from.
type Config struct {
	// Dir holds team packages, one file per package: @team/name is Dir/@team/name.js.
	Dir string
	// CacheDir holds downloaded and bundled npm/jsr packages ("" disables npm: packages).
	CacheDir string
	// Registry is the npm registry URL (npm's `registry` setting); "" is DefaultRegistry.
	Registry string
	// JSRRegistry serves jsr: packages; "" is JSRRegistry.
	JSRRegistry string
	// Offline reads the cache only.
	Offline bool
	// Client makes the registry requests (nil: http.DefaultClient).
	Client *http.Client
	// Context bounds registry requests made while a script waits (nil: Background).
	Context context.Context
}

// Store resolves pm.require names. It is safe for concurrent use.
type Store struct {
	cfg Config
	mu  sync.Mutex
	// bundles caches resolved sources by name for this process.
	bundles map[string]string
}

var _ sandbox.Packages = (*Store)(nil)

// New returns a Store for cfg.
func New(cfg Config) *Store {
	if cfg.Registry == "" {
		cfg.Registry = DefaultRegistry
	}
	if cfg.JSRRegistry == "" {
		cfg.JSRRegistry = JSRRegistry
	}
	if cfg.Client == nil {
		cfg.Client = http.DefaultClient
	}
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	return &Store{cfg: cfg, bundles: map[string]string{}}
}

// Resolve implements sandbox.Packages.
func (s *Store) Resolve(name string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if src, ok := s.bundles[name]; ok {
		return src, nil
	}
	var src string
	var err error
	if spec, ok := parseSpec(name); ok {
		src, err = s.registryPackage(s.cfg.Context, spec)
	} else {
		src, err = s.teamPackage(name)
	}
	if err != nil {
		return "", err
	}
	s.bundles[name] = src
	return src, nil
}

// teamPackage reads a team package from Dir.
func (s *Store) teamPackage(name string) (string, error) {
	if s.cfg.Dir == "" {
		return "", fmt.Errorf("team packages are read from --package-dir, which is not set: %w", sandbox.ErrPackageNotFound)
	}
	if !validTeamName.MatchString(name) {
		return "", fmt.Errorf("%q is not a package name (@team/name or name): %w", name, sandbox.ErrPackageNotFound)
	}
	var tried []string
	for _, rel := range []string{name + ".js", filepath.Join(name, "index.js")} {
		p := filepath.Join(s.cfg.Dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err == nil {
			return string(b), nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("read %s: %w", p, err)
		}
		tried = append(tried, p)
	}
	return "", fmt.Errorf("looked for %s: %w", strings.Join(tried, " and "), sandbox.ErrPackageNotFound)
}

var validTeamName = regexp.MustCompile(`^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$`)

// spec is a parsed npm: or jsr: package name.
type spec struct {
	raw      string // as the script wrote it
	registry string // "npm" or "jsr"
	name     string // the npm name (jsr: @scope/name is @jsr/scope__name)
	version  string // a version, range or dist-tag; "" is latest
}

// parseSpec reads "npm:name@range" and "jsr:@scope/name@range".
func parseSpec(s string) (spec, bool) {
	kind, rest, ok := strings.Cut(s, ":")
	if !ok || (kind != "npm" && kind != "jsr") || rest == "" {
		return spec{}, false
	}
	sp := spec{raw: s, registry: kind}
	at := strings.LastIndex(rest, "@")
	if at > 0 {
		sp.name, sp.version = rest[:at], rest[at+1:]
	} else {
		sp.name = rest
	}
	if kind == "jsr" {
		scope, pkg, ok := strings.Cut(strings.TrimPrefix(sp.name, "@"), "/")
		if !ok || !strings.HasPrefix(sp.name, "@") {
			return spec{}, false
		}
		sp.name = "@jsr/" + scope + "__" + pkg
	}
	return sp, true
}

// validNPMName is what npm accepts as a package name (old names may have capitals); it
// keeps names from leaving the cache directory.
var validNPMName = regexp.MustCompile(`^(@[A-Za-z0-9~-][A-Za-z0-9._~-]*/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$`)

// Names returns the package names that scripts pass to pm.require as string literals,
// sorted and without repeats.
func Names(scripts []string) []string {
	seen := map[string]bool{}
	for _, src := range scripts {
		for _, m := range requireCall.FindAllStringSubmatch(src, -1) {
			seen[m[2]] = true
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

var requireCall = regexp.MustCompile(`pm\.require\(\s*(['"])([^'"\s]+)(['"])\s*\)`)

// Fetch resolves every name (npm:/jsr: ones into the cache) and reports each result.
func (s *Store) Fetch(names []string, report func(name string, err error)) error {
	var failed int
	for _, n := range names {
		_, err := s.Resolve(n)
		report(n, err)
		if err != nil {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d packages could not be fetched", failed, len(names))
	}
	return nil
}
