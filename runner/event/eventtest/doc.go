// Package eventtest builds synthetic run event streams for the reporters' tests: a Builder
// that emits events in the runner's order with a fake clock, small collection constructors,
// and Sample, a canned run that exercises every kind of outcome.
//
// It is imported by tests only (runner/event and runner/report). It imports runner/event and
// collections.
package eventtest
