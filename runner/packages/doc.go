// Package packages finds the packages of pm.require for the sandbox (it implements
// sandbox.Packages): team packages from a directory, and npm: / jsr: packages from an npm
// registry — the version resolved with semver, the tarball's integrity checked, its
// dependencies installed beside it, the whole bundled into one CommonJS module with
// esbuild's Go API, and kept in a disk cache that an offline run reads alone.
//
// It owns network and disk I/O for packages; it must not import cmd, the reporters or
// pmvault, and takes its settings (registry, cache directory) from its caller instead of
// reading the process environment.
package packages
