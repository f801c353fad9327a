// Package json writes a run Summary as Newman's JSON report (newman run -r json): the
// collection, the environment and globals, and run.stats, run.timings, run.executions,
// run.transfers, run.failures and run.error in the shapes Newman's JSON reporter produces, so
// tools that read Newman reports (and the conformance normaliser) keep working.
//
// Write works from a finished event.Summary; it holds one execution in memory at a time
// besides the summary itself. Response bodies are written as Node Buffer JSON
// ({"type":"Buffer","data":[...]}) like Newman, unless Options.OmitResponseBodies is set.
//
// This package imports runner/event, collections and the standard library only; it must not
// import runner, sandbox, pmvault or another reporter.
package json
