// Package harness runs the benchmark: it measures each command in a child process through a
// small launcher (so the child's peak RSS is its own), checks every run against the target
// server's request count, alternates the tools round by round, and writes the results as
// Markdown tables with the pmrun/Newman ratios and the targets.
//
// It imports the standard library and bench/internal/{gen,target} only; it never imports
// pmrun's packages, which it measures from the outside.
package harness
