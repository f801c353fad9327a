package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// bufferEmitter keeps one iteration's events until the merger reports them.
type bufferEmitter struct{ events []event.Event }

func (b *bufferEmitter) emit(ev event.Event) { b.events = append(b.events, ev) }

func (b *bufferEmitter) take() []event.Event {
	ev := b.events
	b.events = nil
	return ev
}

// iterationResult is one finished iteration of a parallel run.
type iterationResult struct {
	index  int // position in the list of iterations this run runs
	worker int
	events []event.Event
	stop   bool
	err    error
}

// runParallel runs the iterations on opts.Parallel workers. Each worker has its own sandbox,
// HTTP client and cookie jar, and its own copies of the environment, globals and collection
// variables, taken when the run starts: a change a script makes is seen by the later
// iterations of the same worker only. Events are buffered per iteration and reported in
// iteration order, so reporters see the same stream shape as in a sequential run. The final
// scopes (for --export-environment and --export-globals) are those of the worker that ran the
// last reported iteration. With --bail, no new iteration starts after a failing one, and the
// iterations after it are not reported.
func runParallel(ctx context.Context, opts Options, items []*collections.Item, iterations int, indexes []int,
	rep *reporterSet, env, globals, collVars *collections.VariableScope,
) (*Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := min(opts.Parallel, len(indexes))
	workers := make([]*run, 0, n)
	defer func() {
		for _, w := range workers {
			w.close()
		}
	}()
	for w := 0; w < n; w++ {
		jar, err := cloneJar(opts.HTTP.CookieJar, w == 0)
		if err != nil {
			return nil, err
		}
		wr, err := newWorker(opts, items, iterations, &bufferEmitter{}, env.Clone(), globals.Clone(),
			collVars.Clone(), jar, fmt.Sprintf("w%d-", w+1))
		if err != nil {
			return nil, err
		}
		workers = append(workers, wr)
	}
	base := event.Cursor{Iterations: iterations, Length: len(items)}
	first := workers[0]
	rep.emit(&event.Start{Header: first.header(base), Collection: first.coll, Environment: env, Globals: globals})

	jobs := make(chan int)
	results := make(chan iterationResult, n)
	stopDispatch := make(chan struct{})
	var stopOnce sync.Once
	go func() {
		defer close(jobs)
		for k := range indexes {
			select {
			case jobs <- k:
			case <-stopDispatch:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w, wr := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := wr.rep.(*bufferEmitter)
			for k := range jobs {
				stop, err := wr.runIteration(ctx, indexes[k])
				results <- iterationResult{index: k, worker: w, events: buf.take(), stop: stop, err: err}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := map[int]iterationResult{}
	next, last := 0, -1
	stopped := false
	var runErr error
	for res := range results {
		if res.stop {
			stopOnce.Do(func() { close(stopDispatch) })
		}
		pending[res.index] = res
		for !stopped {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			for _, ev := range r.events {
				rep.emit(ev)
			}
			last = r.worker
			next++
			if r.stop {
				stopped, runErr = true, r.err
			}
		}
	}
	emitDone(rep, first.header(base), runErr)
	res := &Result{Err: runErr}
	for _, w := range workers {
		res.Failures += w.failures
	}
	final := workers[max(last, 0)]
	res.Environment, res.Globals, res.Collection = final.env, final.globals, final.collVars
	return res, nil
}

// cloneJar gives each worker its own cookie jar starting from the run's cookies. The first
// worker uses the run's jar itself, so --export-cookie-jar sees its cookies.
func cloneJar(jar *CookieJar, first bool) (*CookieJar, error) {
	if jar == nil {
		return nil, nil
	}
	if first {
		return jar, nil
	}
	data, err := json.Marshal(jar)
	if err != nil {
		return nil, fmt.Errorf("copying the cookie jar: %w", err)
	}
	return ParseCookieJar(data, "cookie jar")
}
