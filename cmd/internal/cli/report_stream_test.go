package cli

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner/event/eventtest"
	jsonreport "github.com/pmrun/pmrun/runner/report/json"
)

// TestJSONReportIsStreamed writes the JSON report of a run with many large responses and
// checks that writing it allocates far less than the report's size: the report goes to the
// file piece by piece (through the redactor) instead of being built, copied and masked in
// memory as a whole (237 MB for a deep collection).
//
//nolint:paralleltest // it counts the process's allocations: parallel tests would add theirs
func TestJSONReportIsStreamed(t *testing.T) {
	item := eventtest.Req("i1", "big", "GET", "http://127.0.0.1/big")
	b := eventtest.New(eventtest.Collection("stream", item), 1, 1)
	body := strings.Repeat("0123456789abcdef", 1<<12) // 64 KiB: 256 KiB as a JSON byte array
	b.Iteration(0, func() {
		for range 100 {
			b.Item(1, item, func() { b.Request(eventtest.Get("http://127.0.0.1/big"), eventtest.OK(body, 1), nil) })
		}
	})
	b.Done(nil)
	summary := b.Summary()

	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	o := &runOptions{reporterFlags: reporterFlags{"json": {"export": path}}}
	env := &Env{Dir: dir}
	allocs := func(f func() error) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if err := f(); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	// What the JSON writer itself allocates (one execution at a time, garbage at once).
	writer := allocs(func() error { return jsonreport.Options{}.Write(io.Discard, summary) })
	total := allocs(func() error { return o.writeFileReport(env, "json", summary, noRedactor{}) })
	writer = min(writer, allocs(func() error { return jsonreport.Options{}.Write(io.Discard, summary) }))
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 20<<20 || total > writer+uint64(fi.Size()) {
		t.Errorf("a %d MiB report allocated %d MiB while written (the JSON writer alone: %d MiB)",
			fi.Size()>>20, total>>20, writer>>20)
	}
}
