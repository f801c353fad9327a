package packages

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/packages/packagestest"
	"github.com/pmrun/pmrun/sandbox"
)

// registryPackages are the fake registry's packages: greeter depends on padder ^1 (1.2.0
// is the highest 1.x) and uses the sandbox's own lodash; an ESM-only package; a scoped one.
func registryPackages() []packagestest.Package {
	return []packagestest.Package{
		{Name: "padder", Version: "1.0.0", Files: map[string]string{"index.js": "module.exports = (s) => '[' + s + ']';"}},
		{Name: "padder", Version: "1.2.0", Files: map[string]string{"index.js": "module.exports = (s) => '<' + s + '>';"}},
		{Name: "padder", Version: "2.0.0", Files: map[string]string{"index.js": "module.exports = (s) => '{' + s + '}';"}},
		{Name: "greeter", Version: "3.1.4", Deps: map[string]string{"padder": "^1.0.0"}, Files: map[string]string{
			"index.js": "const pad = require('padder'); const _ = require('lodash');\n" +
				"module.exports = { greet: (n) => pad('hello ' + _.capitalize(n)), version: require('./package.json').version };",
		}},
		{Name: "esm-only", Version: "1.0.0", Files: map[string]string{
			"package.json": `{"name":"esm-only","version":"1.0.0","type":"module","exports":{".":"./main.mjs"}}`,
			"main.mjs":     "export const twice = (x) => x * 2; export default 'esm';",
		}},
		{Name: "@acme/ids", Version: "0.1.0", Files: map[string]string{"index.js": "exports.id = () => 'acme-1';"}},
	}
}

// runScript runs src in a sandbox whose pm.require uses store; it fails t on a script
// error or a failed pm.test.
func runScript(t *testing.T, store sandbox.Packages, src string) {
	t.Helper()
	var tests []sandbox.AssertionEvent
	sb, err := sandbox.New(sandbox.Options{Packages: store, Emit: func(e sandbox.Event) {
		if a, ok := e.(sandbox.AssertionEvent); ok {
			tests = append(tests, a)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	res := sb.Run(context.Background(), &sandbox.Execution{
		Listen: "test", Script: collections.Script{Source: src}, ScriptName: "test",
		Scopes: collections.Scopes{
			Local: collections.NewScope("", "", nil), Data: collections.NewScope("", "", nil),
			Environment: collections.NewScope("", "", nil), Collection: collections.NewScope("", "", nil),
			Globals: collections.NewScope("", "", nil),
		},
		Request: &collections.Request{Method: "GET", URL: collections.ParseURL("http://example.com/")},
	})
	if res.Err != nil {
		t.Fatalf("script error: %s: %s", res.Err.Name, res.Err.Message)
	}
	if len(tests) == 0 {
		t.Fatal("no pm.test ran")
	}
	for _, a := range tests {
		if a.Err != nil {
			t.Errorf("%s: %s", a.Name, a.Err.Message)
		}
	}
}

func TestNPMPackagesFromRegistry(t *testing.T) {
	reg := packagestest.NewRegistry(t, registryPackages()...)
	cache := t.TempDir()
	store := New(Config{CacheDir: cache, Registry: reg.URL})
	runScript(t, store, strings.ReplaceAll(`
const greeter = pm.require('npm:greeter@^3.0.0');
pm.test('bundled with its dependency', () => {
    pm.expect(greeter.greet('world')).to.equal('<hello World>');
    pm.expect(greeter.version).to.equal('3.1.4');
    pm.expect(pm.require('npm:greeter@^3.0.0')).to.equal(greeter);
});
pm.test('versions, tags and scopes', () => {
    pm.expect(pm.require('npm:padder@2')('x')).to.equal('{x}');
    pm.expect(pm.require('npm:padder@1.0.0')('x')).to.equal('[x]');
    pm.expect(pm.require('npm:padder')('x')).to.equal('{x}');
    pm.expect(pm.require('npm:@acme/ids@0.1.0').id()).to.equal('acme-1');
    const esm = pm.require('npm:esm-only@1.0.0');
    pm.expect([esm.twice(4), esm.default]).to.deep.equal([8, 'esm']);
});
pm.test('missing', () => {
    pm.expect(() => pm.require('npm:nope@1')).to.throw("Cannot find package 'npm:nope@1': the registry REG has no package nope");
    pm.expect(() => pm.require('npm:padder@^9')).to.throw("Cannot find package 'npm:padder@^9': npm:padder@^9: no version of padder matches");
});`, "REG", reg.URL))
	if _, err := os.Stat(filepath.Join(cache, "npm", "greeter", "3.1.4", "bundle.js")); err != nil {
		t.Errorf("bundle not cached: %v", err)
	}

	// Offline, a new store reads the cache alone: the registry is gone.
	reg.Close()
	offline := New(Config{CacheDir: cache, Registry: reg.URL, Offline: true})
	runScript(t, offline, `
pm.test('from the cache', () => {
    pm.expect(pm.require('npm:greeter@^3').greet('cache')).to.equal('<hello Cache>');
    pm.expect(pm.require('npm:padder@^1.0.0')('x')).to.equal('[x]'); // the cached 1.x
    pm.expect(() => pm.require('npm:never@1')).to.throw('is not in the package cache');
});`)
}

func TestOfflineSaysWhatIsMissing(t *testing.T) {
	cache := t.TempDir()
	store := New(Config{CacheDir: cache, Offline: true})
	_, err := store.Resolve("npm:left-pad@1.3.0")
	if !errors.Is(err, sandbox.ErrPackageNotFound) {
		t.Fatalf("err = %v, want ErrPackageNotFound", err)
	}
	want := "npm:left-pad@1.3.0 is not in the package cache " + cache + " (--offline): run `pmrun packages fetch` first"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v\nwant it to say %q", err, want)
	}
}

func TestTarballIntegrityIsChecked(t *testing.T) {
	reg := packagestest.NewRegistry(t, registryPackages()...)
	reg.Corrupt = true
	store := New(Config{CacheDir: t.TempDir(), Registry: reg.URL})
	_, err := store.Resolve("npm:padder@1.2.0")
	if err == nil || !strings.Contains(err.Error(), "integrity check failed: the tarball's sha512 is not") {
		t.Fatalf("err = %v, want an integrity failure", err)
	}
}

func TestJSRPackagesUseTheJSRRegistry(t *testing.T) {
	reg := packagestest.NewRegistry(t, packagestest.Package{Name: "@jsr/std__text", Version: "1.0.2",
		Files: map[string]string{"index.js": "exports.toCamelCase = (s) => s.replace(/-(\\w)/g, (m, c) => c.toUpperCase());"}})
	store := New(Config{CacheDir: t.TempDir(), JSRRegistry: reg.URL, Registry: "http://127.0.0.1:1/"})
	runScript(t, store, `
pm.test('jsr', () => { pm.expect(pm.require('jsr:@std/text@^1').toCamelCase('a-b-c')).to.equal('aBC'); });`)
}

func TestTeamPackagesFromDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "@team"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "@team", "utils.js"), []byte("module.exports = { sum: (a, b) => a + b, env: pm.environment.name };"), 0o644); err != nil {
		t.Fatal(err)
	}
	store := New(Config{Dir: dir})
	runScript(t, store, `
pm.test('team package', () => {
    pm.expect(pm.require('@team/utils').sum(2, 3)).to.equal(5);
    pm.expect(() => pm.require('@team/nope')).to.throw("Cannot find package '@team/nope': looked for `+
		filepath.Join(dir, "@team", "nope.js")+` and `+filepath.Join(dir, "@team", "nope", "index.js")+`");
});`)
	_, err := New(Config{}).Resolve("@team/utils")
	if err == nil || err.Error() != "team packages are read from --package-dir, which is not set: package not found" {
		t.Errorf("without a dir: %v", err)
	}
}

func TestNames(t *testing.T) {
	got := Names([]string{
		"const a = pm.require('npm:lodash@4.17.21');\nconst b = pm.require(\"@team/utils\");",
		"pm.require( 'npm:lodash@4.17.21' ); pm.require(name);",
	})
	want := []string{"@team/utils", "npm:lodash@4.17.21"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Names = %v, want %v", got, want)
	}
}

func TestNamesCannotLeaveTheCache(t *testing.T) {
	store := New(Config{CacheDir: t.TempDir(), Registry: "http://127.0.0.1:1/"})
	for _, name := range []string{"npm:../../etc/passwd@1", "npm:a/../../b", "jsr:@x/../y@1"} {
		_, err := store.Resolve(name)
		if err == nil || !strings.Contains(err.Error(), "is not an npm package name") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
