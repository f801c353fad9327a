// Package github reports a run to GitHub Actions (pmrun run -r github): each failure and
// script error becomes an "::error title=…::…" workflow command on the job log, where
// GitHub shows it as an annotation, and the run's summary becomes Markdown for the job
// summary page ($GITHUB_STEP_SUMMARY, which the caller opens).
//
// The workflow command format (escaping of %, CR, LF, and of ":" and "," in properties) is
// small and documented by GitHub; there is no Go library for it worth a dependency.
//
// This package imports runner/event, collections and the standard library only; it must not
// import runner, sandbox, pmvault or another reporter.
package github
