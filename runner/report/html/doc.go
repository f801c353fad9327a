// Package html writes a run as one self-contained HTML page (pmrun run -r html): the run
// summary, the failures first, then every request of every iteration with its request and
// response (headers, body up to a size cap), console lines, assertions and script errors
// with their source line, and a response-time chart. The page needs no network: its CSS and
// JavaScript are inlined and it works from file://.
//
// The page is built to open fast on big runs: the summary and the failure list are static
// HTML, the executions travel as one JSON document that the page turns into rows on load,
// and an execution's details are built only when it is opened.
//
// The reporter collects what the page shows while the run goes (bodies clipped as they
// arrive) and renders at the end; the caller masks secrets in the bytes it writes.
//
// This package imports runner/event, collections and the standard library only; it must not
// import runner, sandbox, pmvault or another reporter.
package html
