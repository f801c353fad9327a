// Package jsonl writes a run as a stream of JSON lines (pmrun run -r jsonl): one JSON object
// per event, written as the run goes, for tools and for people tailing a long run. The
// schema is versioned (field "v"); README.md documents it.
//
// The reporter writes to the io.Writer it is given (the caller masks secrets by wrapping
// it); it encodes with encoding/json and needs nothing else.
//
// This package imports runner/event, collections and the standard library only; it must not
// import runner, sandbox, pmvault or another reporter.
package jsonl
