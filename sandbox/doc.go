// Package sandbox runs Postman pre-request and test scripts in goja.
//
// It owns the goja runtime and its event loop (one per Sandbox, reused across
// scripts and rebuilt after a timeout), the script wrapper (top-level await,
// isolated top-level declarations), timers, the Node-like console, require()
// of the embedded libraries in sandbox/jslib, and the pm API (variables,
// request/response models, pm.test, pm.expect, pm.sendRequest, pm.vault,
// cookies, visualizer, execution control) plus Postman's legacy globals.
// Capabilities that reach outside the runtime (HTTP, vault, cookie jar) come in
// through Options as interfaces and run on their own goroutines; no goja value
// ever crosses a goroutine.
//
// As in Postman's sandbox, the global JSON is liquid-json's (corejs/json.js) and Sugar.js
// extends the built-in types; Sugar is installed on first use (sugar.go).
//
// The JavaScript object model of requests, responses and cookies lives in
// js/model.js (embedded by model.go; no package of its own); the sandbox's own JavaScript
// glue lives in corejs/.
//
// The web globals of Postman's sandbox 6 (webglobals.go, corejs/webglobals.js) do their
// bytes, hashes, HMAC and randomness in Go; the Streams classes are web-streams-polyfill,
// bundled in webstreams/ (regenerate: cd sandbox/webstreams && npm ci && node build.mjs). Intl (intl.go, intldate.go, corejs/intl.js)
// takes its locale data from CLDR: numbers and currencies from github.com/bojanz/currency,
// collation and plural rules from golang.org/x/text, and dates from intl_dates.json.gz,
// CLDR 48's calendar data extracted by cmd/internal/cldrgen (no Go library exposes it; x/text
// keeps its copy internal).
//
// pm.require (pmrequire.go) evaluates packages that Options.Packages (runner/packages)
// finds; the sandbox does no network or disk I/O for them.
//
// crypto-js keeps its own 3.3.0 objects, but its hashers, HMACs, PBKDF2/EvpKDF, AES/DES/
// TripleDES and encoders run on Go's crypto (cryptojs_native.go, cryptojs_native.js), bit
// for bit; a differential test holds the two to the same output.
//
// Limits: Options.ScriptTimeout interrupts a script, the call stack is capped, and a
// process-wide memory watchdog (memory.go) interrupts running scripts when the Go heap
// grows above Options.MemoryLimit. goja honours an interrupt only between instructions, so
// limits.go wraps the built-ins that can allocate much or run long in one native call
// (Array.prototype.fill and join, String.prototype.repeat and padding, JSON.stringify, the
// RegExp methods): size checks before they allocate, limit checks while they loop, and
// regexp2's match timeout for backtracking patterns. goja has no hook for this; wrapping in
// the runtime setup keeps goja unforked. A script still stuck after its limit is reported
// through Options.OnRunaway, and the caller decides (pmrun ends the run).
//
// Compat (compat.go) is the compatibility table of the pm API, the legacy globals and the
// libraries: each row carries a script that the tests run, and README.md's compatibility
// section is generated from it (go test ./sandbox -run TestCompatTableInREADME -update).
//
// This package must not import runner, runner/event or pmvault; it may import
// collections and sandbox/jslib.
package sandbox
