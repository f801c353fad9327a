// Package event defines the typed run events (Newman's names and order), the Cursor that says
// where in a run an event happened, the Reporter interface every reporter implements, and the
// Collector that folds an event stream into a Summary (Newman's run summary: stats, timings,
// per-execution records and failures) for the file reporters.
//
// Events are delivered in order on the run goroutine; a reporter must treat them as read-only.
// The Collector keeps pointers to event payloads (items, requests, responses, errors), which is
// safe because events are immutable once emitted.
//
// This package imports only the standard library and collections. It must not import runner,
// sandbox, pmvault or any reporter: reporters depend on it, never the other way round.
package event
