package runner_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/internal/echo"
	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/runner/event"
)

const parallelCollection = `{
  "info": {"name": "parallel", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [
    {"name": "first", "event": [{"listen": "test", "script": {"exec": [
      "pm.test('row ' + pm.iterationData.get('n'), () => pm.expect(pm.response.json().args.n).to.equal(String(pm.iterationData.get('n'))));",
      "pm.test('fails on row 4', () => pm.expect(pm.iterationData.get('n')).to.not.equal(4));"
    ]}}], "request": {"method": "GET", "url": "{{baseUrl}}/get?n={{n}}"}},
    {"name": "second", "event": [{"listen": "prerequest", "script": {"exec": [
      "pm.environment.set('seen', (pm.environment.get('seen') || 0) + 1);"
    ]}}], "request": {"method": "GET", "url": "{{baseUrl}}/get?second={{n}}"}}
  ]
}`

// trace renders the events of a run as lines that do not depend on timing or workers.
func trace(evs []event.Event) []string {
	var out []string
	for _, ev := range evs {
		line := fmt.Sprintf("%s i=%d", ev.Kind(), ev.Base().Cursor.Iteration)
		switch ev := ev.(type) {
		case *event.Assertion:
			line += " " + ev.Name + fmt.Sprintf(" failed=%v", ev.Err != nil)
		case *event.Request:
			if ev.Request != nil {
				line += " " + ev.Request.URL[strings.Index(ev.Request.URL, "/get"):]
			}
		}
		out = append(out, line)
	}
	return out
}

func runParallelCase(t *testing.T, url string, parallel int, bail bool) ([]event.Event, *runner.Result) {
	t.Helper()
	return runShardCase(t, url, parallel, bail, runner.Shard{})
}

func runShardCase(t *testing.T, url string, parallel int, bail bool, shard runner.Shard) ([]event.Event, *runner.Result) {
	t.Helper()
	c, err := collections.ParseCollection([]byte(parallelCollection), "parallel.json")
	if err != nil {
		t.Fatal(err)
	}
	var data []collections.DataRow
	for n := 1; n <= 6; n++ {
		data = append(data, collections.DataRow{{Key: "n", Value: float64(n)}})
	}
	env := collections.NewScope("", "env", nil)
	env.Set("baseUrl", url)
	var evs []event.Event
	res, err := runner.Run(context.Background(), runner.Options{
		Collection: c, Environment: env, Data: data, Parallel: parallel, Bail: bail, Shard: shard,
		HTTP:      runner.HTTPOptions{FollowRedirects: true},
		Reporters: []event.Reporter{event.ReporterFunc(func(_ context.Context, ev event.Event) error { evs = append(evs, ev); return nil })},
	})
	if err != nil {
		t.Fatal(err)
	}
	return evs, res
}

func TestParallelMatchesSequential(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)
	seqEvents, seq := runParallelCase(t, srv.URL, 1, false)
	for _, n := range []int{2, 3, 8} {
		parEvents, par := runParallelCase(t, srv.URL, n, false)
		a, b := trace(seqEvents), trace(parEvents)
		if strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Fatalf("parallel %d: event stream differs from the sequential one:\nsequential:\n%s\nparallel:\n%s",
				n, strings.Join(a, "\n"), strings.Join(b, "\n"))
		}
		if par.Failures != seq.Failures || par.Failures != 1 {
			t.Errorf("parallel %d: failures %d, sequential %d, want 1", n, par.Failures, seq.Failures)
		}
		refs := map[string]bool{}
		for _, ev := range parEvents {
			if bi, ok := ev.(*event.BeforeItem); ok {
				if refs[bi.Cursor.Ref] {
					t.Errorf("parallel %d: cursor ref %q used twice", n, bi.Cursor.Ref)
				}
				refs[bi.Cursor.Ref] = true
			}
		}
	}
}

func TestParallelBailStopsAfterFailingIteration(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	h := echo.Handler()
	srv := httptest.NewServer(countingHandler(h, &hits))
	t.Cleanup(srv.Close)
	evs, res := runParallelCase(t, srv.URL, 2, true)
	var iterations []int
	for _, ev := range evs {
		if it, ok := ev.(*event.Iteration); ok {
			iterations = append(iterations, it.Cursor.Iteration)
		}
	}
	// Row 4 (iteration 3) fails: iterations 0..3 are reported, nothing after.
	if fmt.Sprint(iterations) != "[0 1 2 3]" {
		t.Fatalf("reported iterations %v, want [0 1 2 3]", iterations)
	}
	if res.Failures < 1 {
		t.Errorf("failures = %d", res.Failures)
	}
	if _, ok := evs[len(evs)-1].(*event.Done); !ok {
		t.Errorf("last event is %s, want done", evs[len(evs)-1].Kind())
	}
}

func TestShardsSplitIterations(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(echo.Handler())
	t.Cleanup(srv.Close)
	seen := map[int]string{}
	for _, parallel := range []int{1, 2} {
		clear(seen)
		for i := 1; i <= 3; i++ {
			evs, _ := runShardCase(t, srv.URL, parallel, false, runner.Shard{Index: i, Count: 3})
			for _, ev := range evs {
				it, ok := ev.(*event.Iteration)
				if !ok {
					continue
				}
				k := it.Cursor.Iteration
				if prev, dup := seen[k]; dup {
					t.Fatalf("parallel %d: iteration %d run by shard %s and %d/3", parallel, k, prev, i)
				}
				if k%3 != i-1 {
					t.Errorf("parallel %d: shard %d/3 ran iteration %d", parallel, i, k)
				}
				seen[k] = fmt.Sprintf("%d/3", i)
			}
		}
		if len(seen) != 6 {
			t.Errorf("parallel %d: the shards ran %d of 6 iterations: %v", parallel, len(seen), seen)
		}
	}
}
