package sandbox

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// DefaultMemoryLimit is the heap size above which a running script is stopped when
// Options.MemoryLimit is 0.
const DefaultMemoryLimit = 1 << 30

// MinMemoryLimit is the smallest memory limit a user may set (--max-script-memory). The
// measure is the whole process's heap, a few MiB before any script runs, and it is read
// every memoryPoll: a smaller limit would stop every script that runs long enough to be
// measured and miss the short ones, which is no limit at all.
const MinMemoryLimit = 32 << 20

// memoryPoll is how often the watchdog reads the heap size while a script runs.
const memoryPoll = 10 * time.Millisecond

// errMemory is the interrupt reason of a script stopped by the memory watchdog.
var errMemory = errors.New("script memory limit")

// memoryLimit returns the watchdog budget of opts, or 0 when the watchdog is off.
func memoryLimit(opts Options) uint64 {
	switch {
	case opts.MemoryLimit < 0:
		return 0
	case opts.MemoryLimit == 0:
		return DefaultMemoryLimit
	}
	return uint64(opts.MemoryLimit)
}

func memoryMessage(limit uint64) string {
	return fmt.Sprintf("sandbox: script stopped: memory limit of %d MiB exceeded", limit>>20)
}

// memoryWatchdog is the process-wide watchdog: one goroutine that polls the Go heap every
// memoryPoll while scripts run, and interrupts every running script whose budget the heap
// exceeds. goja has no heap of its own, so the measure is the whole process's heap: with
// scripts running in parallel the attribution is rough.
//
// The goroutine ends at the first poll that finds no script running, so none outlives the
// scripts by more than memoryPoll. It is not stopped the moment the last script ends: a run
// starts its next script within microseconds, and starting a goroutine and a ticker per
// script and waking it to stop cost about 18 µs a script (2% of a run of signing scripts).
type memoryWatchdog struct {
	mu      sync.Mutex
	running map[*interruptGuard]uint64 // guard → limit in bytes
	started bool
}

var watchdog = &memoryWatchdog{running: map[*interruptGuard]uint64{}}

// watch registers a running script; the returned function unregisters it.
func (w *memoryWatchdog) watch(g *interruptGuard, limit uint64) func() {
	w.mu.Lock()
	w.running[g] = limit
	if !w.started {
		w.started = true
		go w.loop()
	}
	w.mu.Unlock()
	return func() {
		w.mu.Lock()
		delete(w.running, g)
		w.mu.Unlock()
	}
}

// loop polls while scripts run and ends at the first poll that finds none running (watch
// starts a new one).
func (w *memoryWatchdog) loop() {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(memoryPoll)
	defer tick.Stop()
	for range tick.C {
		w.mu.Lock()
		if len(w.running) == 0 {
			w.started = false
			w.mu.Unlock()
			return
		}
		w.mu.Unlock()
		w.check(sample)
	}
}

// check reads the heap and fires the guards over budget. Before firing it collects
// garbage once, so that dead objects waiting for the next GC do not count, unless the heap
// is far over (half as much again): then a native call is allocating fast (a string
// doubling), and the GC would only let it go on. A guard that fired and still sees the heap
// at twice its limit is a runaway: its script is stuck in a native call that still
// allocates, and the process would run out of memory before the grace ends.
func (w *memoryWatchdog) check(sample []metrics.Sample) {
	heap := readHeap(sample)
	over := w.over(heap)
	if len(over) == 0 {
		return
	}
	needGC := false
	for g, limit := range over {
		switch {
		case g.reason() != nil:
			if heap > 2*limit {
				go g.escape(false)
			}
		case heap > limit+limit/2:
			g.fire(errMemory)
		default:
			needGC = true
		}
	}
	if !needGC {
		return
	}
	runtime.GC()
	heap = readHeap(sample)
	for g := range w.over(heap) {
		g.fire(errMemory)
	}
}

// over returns the guards whose limit heap exceeds, with their limits.
func (w *memoryWatchdog) over(heap uint64) map[*interruptGuard]uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out map[*interruptGuard]uint64
	for g, limit := range w.running {
		if heap > limit {
			if out == nil {
				out = map[*interruptGuard]uint64{}
			}
			out[g] = limit
		}
	}
	return out
}

func readHeap(sample []metrics.Sample) uint64 {
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}

// runawayMessage says which script did not stop after which limit.
func runawayMessage(script string, why error, grace time.Duration, overGrace bool, opts Options) string {
	limit := "its limit"
	switch {
	case errors.Is(why, errTimeout):
		limit = fmt.Sprintf("its timeout (--timeout-script %d)", opts.ScriptTimeout.Milliseconds())
	case errors.Is(why, errMemory):
		limit = fmt.Sprintf("its memory limit (%d MiB, --max-script-memory)", memoryLimit(opts)>>20)
	case errors.Is(why, errCancelled):
		limit = "the run was stopped"
	}
	if !overGrace {
		return fmt.Sprintf("script %q went on allocating past twice its memory limit (%d MiB, --max-script-memory) inside a built-in call",
			script, memoryLimit(opts)>>20)
	}
	return fmt.Sprintf("script %q did not stop within %v after %s: it is stuck inside a built-in call", script, grace, limit)
}
