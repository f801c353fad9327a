// Package echo is an offline stand-in for postman-echo.com: an http.Handler that answers the
// endpoints Postman collections commonly call (/get, /post, /headers, /status/{code},
// /basic-auth, /digest-auth, /auth/hawk, /oauth1, /cookies, /redirect-to, /gzip, ...) with
// JSON of the same shapes as the public service, so that collections, the integration suite
// and `pmrun demo` run without a network.
//
// Handler returns the handler (tests wrap it in httptest.NewServer); Start listens on a
// loopback address and serves in the background for the demo command.
//
// Response shapes follow postman-echo: header names lower-cased, query and form fields in the
// order they were sent (a repeated key becomes an array), "application/json; charset=utf-8".
//
// This package must stay on the standard library plus the brotli encoder; it must not import
// runner, sandbox, collections, or the testing package.
package echo
