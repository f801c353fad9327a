package cli_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/runner/event/eventtest"
	"github.com/pmrun/pmrun/runner/report/cli"
)

// plainRun is the event stream of a run of n script-less GET items.
func plainRun(n int) *eventtest.Builder {
	items := make([]*collections.Item, n)
	for i := range items {
		items[i] = eventtest.Req(fmt.Sprint("id-", i), fmt.Sprint("request ", i+1), "GET", "")
	}
	b := eventtest.New(eventtest.Collection("plain", items...), 1, n)
	b.Iteration(0, func() {
		for i, it := range items {
			b.Item(i, it, func() {
				b.Prerequest(func() {})
				b.Request(eventtest.Get(fmt.Sprint("http://127.0.0.1:8080/get?i=", i+1)),
					eventtest.OK(`{"ok":true,"n":1,"args":{"i":"1"}}`, 1), nil)
				b.Test(func() {})
			})
		}
	})
	b.Done(nil)
	return b
}

// BenchmarkReportPlainRun feeds the events of a 1000-request run without scripts to a
// Collector and the CLI reporter, as pmrun run does by default.
func BenchmarkReportPlainRun(b *testing.B) {
	run := plainRun(1000)
	b.ReportAllocs()
	for b.Loop() {
		collector := event.NewCollector()
		collector.DropResponseBodies = true
		rep := cli.New(io.Discard, cli.Options{Summary: collector.Summary})
		if err := run.Replay(collector, rep); err != nil {
			b.Fatal(err)
		}
	}
}
