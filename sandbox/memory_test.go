package sandbox

import (
	"context"
	"errors"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/dop251/goja"
)

func TestMemoryLimit(t *testing.T) {
	t.Parallel()
	if got := memoryLimit(Options{}); got != DefaultMemoryLimit {
		t.Errorf("default limit = %d", got)
	}
	if got := memoryLimit(Options{MemoryLimit: -1}); got != 0 {
		t.Errorf("negative limit = %d, want off", got)
	}
	// A budget a little above the current heap: the growing script must be stopped by the
	// watchdog (the script timeout is only a safety net that would fail the test).
	heap := readHeap([]metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}})
	limit := int64(heap) + 48<<20
	h := newHarness(t, Options{MemoryLimit: limit, ScriptTimeout: raceSlowdown * 20 * time.Second})
	start := time.Now()
	res := h.run("const keep = []; for (let i = 0; ; i++) { keep.push('x'.repeat(1024) + i); }")
	if res.Err == nil || res.Err.Name != "RangeError" || res.Err.Message != memoryMessage(uint64(limit)) || res.Err.Timeout {
		t.Fatalf("err = %+v after %v", res.Err, time.Since(start))
	}
	// The runtime holding the garbage is dropped: the next script runs normally.
	h.reset()
	if res := h.run("pm.test('after', () => {});"); res.Err != nil || len(h.rec.assertions()) != 1 {
		t.Fatalf("next run: %v %v", res.Err, h.rec.assertions())
	}
}

func TestMemoryWatchdogLifecycle(t *testing.T) {
	t.Parallel()
	w := &memoryWatchdog{running: map[*interruptGuard]uint64{}}
	_, cancel := context.WithCancel(context.Background())
	defer cancel()
	over := newInterruptGuard(goja.New(), cancel)
	under := newInterruptGuard(goja.New(), cancel)
	stopOver := w.watch(over, 1)
	stopUnder := w.watch(under, 1<<62)
	deadline := time.Now().Add(5 * time.Second)
	for over.reason() == nil && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if !errors.Is(over.reason(), errMemory) || under.reason() != nil {
		t.Fatalf("over: %v, under: %v", over.reason(), under.reason())
	}
	stopOver()
	stopUnder()
	// No goroutine outlives the scripts it watches.
	for time.Now().Before(deadline) {
		w.mu.Lock()
		started := w.started
		w.mu.Unlock()
		if !started {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("the watchdog goroutine is still running with nothing to watch")
}
