// Package target is the loopback HTTP server the benchmark runs against: it answers every
// request with a small JSON body, keeps connections alive, and counts what it served so the
// driver can reject a run that did not send the requests it should have.
//
// It imports only the standard library and nothing else from pmrun.
package target
