// Package runner executes a Postman collection: iterations, items in order, the
// collection → folder → request pre-request and test scripts, variable substitution in
// requests (vault secrets last), and flow control (pm.execution.setNextRequest,
// skipRequest, --bail, --folder, delays and timeouts, --parallel, --shard).
//
// It reports everything it does as typed events (package runner/event) to the reporters it
// is given, on the goroutine that called Run, in Newman's order.
//
// Its rooms, each with a doc.go of its own, are internal to it:
//   - runner/internal/httpclient sends a request as postman-runtime does (body, URL,
//     headers, TLS, proxies, redirects, timings, Node's error codes);
//   - runner/internal/auth signs requests (basic to NTLM);
//   - runner/internal/cookiejar is the cookie store (tough-cookie's rules and JSON).
//
// runner keeps the names the CLI uses (HTTPOptions, CookieJar, NewCookieJar,
// ParseCookieJar, FormatSize) as aliases of theirs.
//
// runner imports collections, sandbox, runner/event and its internal packages. It must not import a reporter (runner/report/...),
// pmvault, pmvault/onepassword or cmd: the vault and the reporters are handed in by the
// CLI through small interfaces.
package runner
