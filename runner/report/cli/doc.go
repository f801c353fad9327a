// Package cli is the terminal reporter: it streams a run as Newman's CLI reporter lays it out
// (banner, iterations, folders, items, request lines, assertions, script errors, console
// output in place, warnings) and ends with the summary table and the failure table.
//
// Whether to colour is the caller's decision (Options.Color): the reporter never looks at
// the terminal or the environment itself. Colours come from fatih/color values switched on or
// off per reporter, not from that package's global settings.
//
// This package imports runner/event, collections, fatih/color and the standard library; it
// must not import runner, sandbox, pmvault or another reporter.
package cli
