package runner

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/sandbox"
)

// maxNestedRuns bounds pm.execution.runRequest chains (a request running itself, or a cycle).
const maxNestedRuns = 5

// nestedRunner serves pm.execution.runRequest: it runs another request of the collection,
// with its own pre-request and test scripts, in a worker of its own (its own sandbox and
// HTTP connections, the run's cookie jar) over copies of the variable scopes taken when the
// script called it. Variable changes made by the nested request stay in it. Its events are
// reported, as a separate item execution, when the calling script is over.
type nestedRunner struct {
	r     *run
	depth int

	mu       sync.Mutex
	seq      int
	events   []event.Event
	failures int
}

var _ sandbox.RequestRunner = (*nestedRunner)(nil)

// PrepareRun implements sandbox.RequestRunner. It runs on the run goroutine while the calling
// script waits, so it may copy the run's scopes.
func (n *nestedRunner) PrepareRun(idOrName string, vars map[string]any,
) (func(context.Context) (*collections.Response, bool, error), error) {
	if n.depth >= maxNestedRuns {
		return nil, fmt.Errorf("pm.execution.runRequest: requests run each other more than %d levels deep", maxNestedRuns)
	}
	var target *collections.Item
	for _, it := range n.r.coll.Find(idOrName) {
		if !it.IsFolder {
			target = it
			break
		}
	}
	if target == nil {
		return nil, fmt.Errorf("pm.execution.runRequest: no request with id or name %q in the collection", idOrName)
	}
	n.mu.Lock()
	n.seq++
	prefix := n.r.refPrefix + "run" + strconv.Itoa(n.seq) + "-"
	n.mu.Unlock()

	buf := &bufferEmitter{}
	w, err := newWorker(n.r.opts, []*collections.Item{target}, n.r.iterations, buf,
		n.r.env.Clone(), n.r.globals.Clone(), n.r.collVars.Clone(), n.r.http.Jar(), prefix)
	if err != nil {
		return nil, err
	}
	w.local = n.r.local.Clone()
	for k, v := range vars {
		w.local.Set(k, v)
	}
	w.data = n.r.data.Clone()
	w.nested.depth = n.depth + 1
	c := n.r.cur.cursor
	c.Length, c.Position = 1, 0

	return func(ctx context.Context) (*collections.Response, bool, error) {
		defer w.close()
		out, resp := w.itemWithResponse(ctx, c, target)
		n.mu.Lock()
		n.events = append(n.events, buf.take()...)
		n.failures += w.failures
		n.mu.Unlock()
		return resp, out.skipped, nil
	}, nil
}

// flush reports the nested runs that finished since the last flush, on the run goroutine.
func (n *nestedRunner) flush(r *run) {
	n.mu.Lock()
	evs, failures := n.events, n.failures
	n.events, n.failures = nil, 0
	n.mu.Unlock()
	for _, ev := range evs {
		r.rep.emit(ev)
	}
	if failures > 0 {
		r.failures += failures
		r.cur.failed = true
	}
}
