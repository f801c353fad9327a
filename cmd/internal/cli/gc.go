package cli

import "runtime/debug"

// GC settings of a --parallel run (issue 14). A sequential run leaves Go's defaults: its
// garbage collector marks on the core the run leaves idle, so it costs no wall time. With
// two or more workers every core runs a script, the collector's ~20% of the CPU comes out
// of the workers' share, and 2 workers on 2 cores reached only ~1.4×. Collecting at 5× the
// live heap instead of 2× cuts that CPU by about a quarter; the soft limit keeps the heap
// of a big run bounded (the collector works harder as the heap nears it).
const (
	parallelGCPercent  = 400
	parallelMemoryGoal = 256 << 20
)

// tuneGCForParallel applies the parallel GC settings for a run with the given number of
// workers and returns what restores the previous ones. A GOGC or GOMEMLIMIT the user set
// wins: then nothing changes.
func tuneGCForParallel(getenv func(string) string, workers int) (restore func()) {
	if workers < 2 || getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	pct := debug.SetGCPercent(parallelGCPercent)
	limit := debug.SetMemoryLimit(parallelMemoryGoal)
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	}
}
