// Package bench holds pmrun's benchmark harness: pmrun against Newman on the same
// generated collections and the same loopback server, with every run checked.
//
// The harness lives in bench/cmd/pmbench (the driver, `make bench`) and bench/cmd/floor
// (a plain Go HTTP client that sets the floor for request-bound runs), built from the
// packages under bench/internal. See bench/README.md for how to run it and the latest
// numbers.
//
// Nothing under bench/ imports pmrun's own packages (only the generator's tests use
// package collections, to check that the generated files parse): the harness measures the
// pmrun binary from the outside, exactly as it measures Newman, and uses only the standard
// library.
package bench
