package jslib

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
)

//go:embed dist
var dist embed.FS

// module is one row of dist/modules.json.
type module struct {
	File    string `json:"file"`
	Package string `json:"package"`
	Version string `json:"version"`
}

// modules maps require names to their bundles; it never changes after init.
var modules = mustReadTable()

func mustReadTable() map[string]module {
	table, err := readTable()
	if err != nil {
		// The table is embedded at build time; failing here means dist/ is broken.
		panic(err)
	}
	return table
}

func readTable() (map[string]module, error) {
	raw, err := dist.ReadFile("dist/modules.json")
	if err != nil {
		return nil, fmt.Errorf("read jslib module table: %w", err)
	}
	var table map[string]module
	if err := json.Unmarshal(raw, &table); err != nil {
		return nil, fmt.Errorf("parse jslib module table: %w", err)
	}
	return table, nil
}

// Has reports whether name is a library that require() can load.
func Has(name string) bool {
	_, ok := modules[name]
	return ok
}

// Names returns the require names of all embedded libraries, sorted.
func Names() []string {
	names := make([]string, 0, len(modules))
	for name := range modules {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Version returns the npm package and version that serve name, for
// diagnostics, and false if name is not an embedded library.
func Version(name string) (pkg, version string, ok bool) {
	m, ok := modules[name]
	return m.Package, m.Version, ok
}

// source returns the bundled JavaScript of name.
func source(name string) (string, error) {
	m, ok := modules[name]
	if !ok {
		return "", fmt.Errorf("jslib module %q: %w", name, ErrUnknown)
	}
	raw, err := dist.ReadFile(path.Join("dist", m.File))
	if err != nil {
		return "", fmt.Errorf("read jslib module %q: %w", name, err)
	}
	return string(raw), nil
}

// Notices returns the licence texts of all third-party packages bundled in
// dist/, for a "licenses" command or an about screen.
func Notices() string {
	raw, err := dist.ReadFile("dist/THIRD_PARTY_NOTICES.txt")
	if err != nil {
		return ""
	}
	return string(raw)
}
