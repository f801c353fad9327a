// Package runner executes a Postman collection: iterations, items in order, the
// collection → folder → request pre-request and test scripts, variable substitution in
// requests (vault secrets last), HTTP with cookies, redirects, TLS and auth, and flow control
// (pm.execution.setNextRequest, skipRequest, --bail, --folder, delays and timeouts).
//
// It reports everything it does as typed events (package runner/event) to the reporters it
// is given, on the goroutine that called Run, in Newman's order.
//
// Libraries and hand-written parts: NTLM messages come from github.com/Azure/go-ntlmssp,
// JWT and ASAP signatures from github.com/golang-jwt/jwt/v5 (pmrun builds the header and
// payload JSON itself, to keep Postman's key order), public suffixes from
// golang.org/x/net/publicsuffix. SigV4, OAuth 1.0, Hawk, EdgeGrid and Digest signing and
// the cookie jar are our own because no library matches what postman-runtime does (aws4's
// header and path rules, tough-cookie's listing, deleting and JSON export); SigV4 is tested
// against aws-sdk-go-v2's signer, a test-only dependency.
//
// runner imports collections, sandbox and runner/event. It must not import a reporter
// (runner/report/...), pmvault, pmvault/onepassword or cmd: the vault and the reporters are
// handed in by the CLI through small interfaces.
package runner
