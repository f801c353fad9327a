// Package jslib holds the JavaScript libraries that pmrun scripts can load
// with require(), at the versions Postman ships (chai, lodash, moment,
// crypto-js, ajv, tv4, cheerio, xml2js, csv-parse, buffer, backbone,
// liquid-json and browserify-style polyfills of Node built-ins), plus Sugar.js
// 1.3.9, which the sandbox installs into the built-in types (not require()-able).
//
// The libraries are pre-bundled by build.mjs (esbuild, one minified
// CommonJS bundle per module) into dist/, which is embedded into the binary.
// dist/modules.json, written by build.mjs, is the single table of require
// names and files; dist/THIRD_PARTY_NOTICES.txt carries the bundled
// packages' licences (see [Notices]). Regenerate with:
//
//	cd sandbox/jslib && npm ci && node build.mjs
//
// Each bundle is compiled into a *goja.Program at most once per process, on
// first use, and shared by all runtimes; [Load] evaluates it in one runtime.
// Caching module objects per runtime is the caller's job.
//
// A few hot utilities inside the bundles run in Go (native.go): build.mjs
// replaces their modules with a require of an internal "pmrun:" name, which
// Load answers itself; scripts cannot require those names.
//
// Bundles never see the host: process is a fixed stub without environment,
// and every bundle except "buffer" takes Buffer from globalThis.Buffer, which
// the sandbox must set from the "buffer" bundle before loading others.
//
// This package owns only the embedded libraries and their loading. It must
// not import other pmrun packages (sandbox, runner, collections, cmd); its
// only non-standard dependency is goja.
package jslib
