package sandbox

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/pmrun/pmrun/sandbox/jslib"
)

// Packages gives pm.require its packages. The sandbox only evaluates them; finding,
// downloading, checking and bundling them is the implementation's (runner/packages), as
// it needs the network and the disk.
type Packages interface {
	// Resolve returns the CommonJS source of a package, by the name a script passes to
	// pm.require ("npm:lodash@4.17.21", "jsr:@std/text@1", "@team/utils"). It is called on
	// the goroutine running the script, which waits for it. A package that does not exist
	// is an error wrapping ErrPackageNotFound that says where it was looked for.
	Resolve(name string) (string, error)
}

// ErrPackageNotFound marks a package that Packages.Resolve did not find.
var ErrPackageNotFound = errors.New("package not found")

// packagePrograms caches compiled packages by name and source, for every sandbox.
var packagePrograms sync.Map

// loadPackage is host.loadPackage: the package's module function (module, exports),
// compiled as a sloppy-mode script so that it shares the script's globals, like Postman's.
func (s *Sandbox) loadPackage(vm *goja.Runtime, name string) goja.Value {
	if s.opts.Packages == nil {
		throw(vm, "Error", fmt.Sprintf("Cannot find package '%s': pmrun has no package source (use --package-dir for team packages)", name))
	}
	src, err := s.opts.Packages.Resolve(name)
	switch {
	case errors.Is(err, ErrPackageNotFound):
		where := strings.TrimSuffix(err.Error(), ": "+ErrPackageNotFound.Error())
		throw(vm, "Error", fmt.Sprintf("Cannot find package '%s': %s", name, where))
	case err != nil:
		throw(vm, "Error", fmt.Sprintf("Error while loading package '%s': %v", name, err))
	}
	key := name + "\x00" + src
	prog, ok := packagePrograms.Load(key)
	if !ok {
		// The hidden names are parameters of an outer function, so that the package's own
		// declarations of them (const _ = require('lodash')) still work.
		wrapped := "(function (module, exports" + packageHidden(name) + ") {(function (module, exports) {" + src +
			"\n}).call(this, module, exports);})"
		p, err := goja.Compile("package:"+name, wrapped, false)
		if err != nil {
			throw(vm, "Error", fmt.Sprintf("Error while loading package '%s': %v", name, err))
		}
		prog, _ = packagePrograms.LoadOrStore(key, p)
	}
	fn, err := vm.RunProgram(prog.(*goja.Program))
	if err != nil {
		panic(err)
	}
	return fn
}

// legacyGlobalNames are the legacy script globals a package does not see (Postman runs a
// package with them blocked: packages are written against pm.* and require()).
var legacyGlobalNames = []string{"tests", "globals", "environment", "data", "request", "responseCookies",
	"responseHeaders", "responseTime", "responseCode", "responseBody", "iteration", "postman",
	"_", "CryptoJS", "tv4", "xml2Json", "Backbone", "cheerio"}

// packageHidden returns the extra parameters of a package's module function: each shadows a
// global the package must not reach, so it reads as undefined there. An external package
// (registry:name, e.g. npm:lodash) does not see pm either.
func packageHidden(name string) string {
	hidden := legacyGlobalNames
	if i := strings.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		hidden = append(slices.Clone(hidden), "pm")
	}
	return ", " + strings.Join(hidden, ", ")
}

// Modules returns the names scripts can require(): the libraries the sandbox carries.
// A package bundler leaves them as require() calls for the sandbox to answer.
func Modules() []string {
	names := jslib.Names()
	for n := range builtinModules {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}
