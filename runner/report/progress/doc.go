// Package progress draws one live progress line on a terminal while a run goes: iteration
// i/n, items and requests done, failures so far and the elapsed time. The line is drawn by
// github.com/schollz/progressbar (throttling, terminal width, clearing); this package feeds
// it from the run's events and keeps it at the bottom: Wrap returns a writer that clears the
// line before other output reaches the terminal and draws it again after.
//
// The caller turns it on only for a terminal (never for a pipe, a file or CI), so it leaves
// no trace in logs.
//
// This package imports runner/event, collections, the standard library and progressbar; it
// must not import runner, sandbox, pmvault or another reporter.
package progress
