// Package runner executes a Postman collection: iterations, items in order, the
// collection → folder → request pre-request and test scripts, variable substitution in
// requests (vault secrets last), HTTP with cookies, redirects, TLS and auth, and flow control
// (pm.execution.setNextRequest, skipRequest, --bail, --folder, delays and timeouts).
//
// It reports everything it does as typed events (package runner/event) to the reporters it
// is given, on the goroutine that called Run, in Newman's order.
//
// runner imports collections, sandbox and runner/event. It must not import a reporter
// (runner/report/...), pmvault, pmvault/onepassword or cmd: the vault and the reporters are
// handed in by the CLI through small interfaces.
package runner
