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
// The JavaScript object model of requests, responses and cookies lives in
// js/model.js; the sandbox's own JavaScript glue lives in corejs/.
//
// crypto-js keeps its own 3.3.0 objects, but its hashers, HMACs, PBKDF2/EvpKDF, AES/DES/
// TripleDES and encoders run on Go's crypto (cryptojs_native.go, cryptojs_native.js), bit
// for bit; a differential test holds the two to the same output.
//
// Limits: Options.ScriptTimeout interrupts a script, the call stack is capped, and a
// process-wide memory watchdog (memory.go) interrupts running scripts when the Go heap
// grows above Options.MemoryLimit.
//
// Compat (compat.go) is the compatibility table of the pm API, the legacy globals and the
// libraries: each row carries a script that the tests run, and README.md's compatibility
// section is generated from it (go test ./sandbox -run TestCompatTableInREADME -update).
//
// This package must not import runner, runner/event or pmvault; it may import
// collections and sandbox/jslib.
package sandbox
