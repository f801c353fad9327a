// Package testpki makes throwaway certificates for tests: a CA, a server certificate for
// 127.0.0.1 and a client certificate with its key (plain and with legacy PEM encryption),
// all valid for an hour around now. Only tests import it; the keys protect nothing.
//
// It imports only the standard library (testing included) and no pmrun package.
package testpki
