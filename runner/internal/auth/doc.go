// Package auth signs requests the way postman-runtime's authorizers do: basic, bearer, API
// key, OAuth 1.0 and 2.0, digest, Hawk, AWS SigV4, Akamai EdgeGrid, JWT, ASAP and NTLM. A
// Signer (New) adds a request's auth data to its headers, query or body for each exchange
// of one send, and says when a response calls for another exchange (a digest challenge,
// the NTLM handshake).
//
// Libraries and hand-written parts: NTLM messages come from github.com/Azure/go-ntlmssp,
// JWT and ASAP signatures from github.com/golang-jwt/jwt/v5 (the header and payload JSON
// are built here, to keep Postman's key order). SigV4, OAuth 1.0, Hawk, EdgeGrid and
// Digest signing are our own because no library matches what postman-runtime does (aws4's
// header and path rules); SigV4 is tested against aws-sdk-go-v2's signer, a test-only
// dependency.
//
// It imports collections (requests, URL rendering, percent-encoding, header lists) and the
// standard library and signing libraries above. It must not import runner, sandbox,
// pmvault or the other packages under runner/internal: it sees a request, never how it is
// sent.
package auth
