// Package onepassword resolves op:// references for pmvault through the 1Password Go SDK
// with a service account token. It is the only package in pmrun that imports
// github.com/1password/onepassword-sdk-go, and only cmd/internal/cli imports it.
//
// The SDK runs a 9.5 MB WASM core whose first use compiles for 3–4 s, so the Provider
// creates its client lazily, once, and can start doing so in the background (Start) as soon
// as a run knows it will need 1Password. Errors are turned into *pmvault.ProviderError with
// a class (missing token, malformed token, refused token, not found, rate limit, network),
// without the SDK's WASM stack trace and never with the token.
//
// It imports pmvault, the SDK and the standard library; never the sandbox, runner or
// collections packages.
package onepassword
