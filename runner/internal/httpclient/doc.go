// Package httpclient sends collection requests the way postman-runtime and
// postman-request do: it builds the body (raw, urlencoded, form-data, file, GraphQL),
// applies the auth (package runner/internal/auth), renders the URL as sent, adds runtime's
// system headers, and makes the exchange over a keep-alive transport with the run's cookie
// jar (package runner/internal/cookiejar), TLS settings and client certificates, proxies
// (the request's own setting or the environment's), redirects and the
// protocolProfileBehavior switches. It returns the request as sent and the response as
// Newman reports them (headers in received order, timings, decoded body), and turns
// network failures into Node's error codes and texts (RequestError).
//
// Hand-written parts: encrypted PKCS#8 client keys (tls_pkcs8.go; the standard library
// reads only unencrypted ones) and the raw header block kept per connection (transport.go)
// so response headers keep their order.
//
// It imports collections, runner/event (the request-as-sent type), runner/internal/auth,
// runner/internal/cookiejar and the standard library (plus golang.org/x/net for proxies
// and brotli). It must not import runner, sandbox or pmvault: it knows nothing of scripts,
// variables or secrets, which runner resolves before a request gets here.
package httpclient
