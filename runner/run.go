package runner

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/runner/internal/httpclient"
	"github.com/pmrun/pmrun/sandbox"
)

// FolderNotFoundError is returned when a --folder name matches nothing in the collection.
type FolderNotFoundError struct{ Name string }

func (e *FolderNotFoundError) Error() string {
	return fmt.Sprintf("unable to find a folder or request: %s", e.Name)
}

// ErrRunTimeout ends a run that exceeded Options.Timeout.
var ErrRunTimeout = errors.New("callback timed out")

// emitter receives the events of a worker: the reporters directly in a sequential run, a
// per-iteration buffer in a parallel one.
type emitter interface{ emit(event.Event) }

// run is one worker of a collection run: its own sandbox, HTTP client and variable scopes.
// A sequential run has one; --parallel N has N. It is used by one goroutine only.
type run struct {
	opts Options
	coll *collections.Collection
	now  func() time.Time
	rep  emitter
	sb   *sandbox.Sandbox
	http *httpclient.Client
	// requester serves pm.sendRequest, nested pm.execution.runRequest
	requester *scriptRequester
	nested    nestedRunner
	items     []*collections.Item
	refPrefix string

	env, globals, collVars, local, data *collections.VariableScope

	iterations int
	refSeq     int
	failures   int

	// what the sandbox is running now, for the events it emits
	cur struct {
		cursor event.Cursor
		item   *collections.Item
		listen string
		owner  string // the collection, folder or item whose script runs (location.current)
		failed bool
		// failedTests names the failed assertions of the running script (for --bail's
		// AssertionFailure).
		failedTests []string
	}
}

// Run executes a collection run and reports every event to opts.Reporters, on the calling
// goroutine and in Newman's order (with Parallel > 1 too: events are merged in iteration
// order). It returns when the run is over; a run with failures is not an error (see
// Result.Failures).
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Collection == nil {
		return nil, errors.New("no collection to run")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	items, err := selectItems(opts.Collection, opts.Folders)
	if err != nil {
		return nil, err
	}
	iterations := opts.Iterations
	if iterations <= 0 {
		iterations = max(1, len(opts.Data))
	}
	rep := &reporterSet{ctx: ctx, reporters: opts.Reporters}
	env := scopeOrEmpty(opts.Environment, "environment")
	globals := scopeOrEmpty(opts.Globals, "globals")
	collVars := collections.NewScope(opts.Collection.Info.ID, opts.Collection.Info.Name, opts.Collection.Variables)

	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	if opts.Shard.Count > 1 && (opts.Shard.Index < 1 || opts.Shard.Index > opts.Shard.Count) {
		return nil, fmt.Errorf("invalid shard %d/%d", opts.Shard.Index, opts.Shard.Count)
	}
	indexes := opts.Shard.iterations(iterations)
	if opts.Parallel > 1 && len(indexes) > 1 {
		return runParallel(ctx, opts, items, iterations, indexes, rep, env, globals, collVars)
	}
	r, err := newWorker(opts, items, iterations, rep, env, globals, collVars, opts.HTTP.CookieJar, "")
	if err != nil {
		return nil, err
	}
	defer r.close()
	base := event.Cursor{Iterations: iterations, Length: len(items)}
	rep.emit(&event.Start{Header: r.header(base), Collection: r.coll, Environment: r.env, Globals: r.globals})
	var runErr error
	for _, i := range indexes {
		stop, err := r.runIteration(ctx, i)
		runErr = err
		if stop {
			break
		}
	}
	emitDone(rep, r.header(base), runErr)
	return &Result{
		Failures:    r.failures,
		Environment: r.env,
		Globals:     r.globals,
		Collection:  r.collVars,
		Err:         runErr,
	}, nil
}

// newWorker builds a worker with its own sandbox and HTTP client over the given scopes.
func newWorker(opts Options, items []*collections.Item, iterations int, rep emitter,
	env, globals, collVars *collections.VariableScope, jar *CookieJar, refPrefix string,
) (*run, error) {
	r := &run{
		opts: opts, coll: opts.Collection, now: opts.Now, rep: rep, items: items,
		iterations: iterations, refPrefix: refPrefix,
		env: env, globals: globals, collVars: collVars,
		local: collections.NewScope("", "local", nil),
	}
	httpOpts := opts.HTTP
	httpOpts.CookieJar = jar
	client, err := httpclient.New(httpOpts)
	if err != nil {
		return nil, err
	}
	r.http = client
	r.requester = &scriptRequester{r: r}
	r.nested.r = r
	return r, nil
}

// sandbox returns the worker's sandbox, creating it on the first script: a collection
// without scripts never pays for the JavaScript runtime.
func (r *run) sandbox() (*sandbox.Sandbox, error) {
	if r.sb != nil {
		return r.sb, nil
	}
	sb, err := sandbox.New(sandbox.Options{
		ScriptTimeout: r.opts.ScriptTimeout,
		MemoryLimit:   r.opts.ScriptMemory,
		OnRunaway:     r.opts.OnRunaway,
		RunawayGrace:  r.opts.RunawayGrace,
		Requester:     r.requester,
		Vault:         vaultOrNil(r.opts.Vault),
		Cookies:       r.http.Jar(),
		Runner:        &r.nested,
		Packages:      r.opts.Packages,
		TimeZone:      r.opts.TimeZone,
		Emit:          r.onSandboxEvent,
	})
	if err != nil {
		return nil, fmt.Errorf("starting the script sandbox: %w", err)
	}
	r.sb = sb
	return sb, nil
}

func (r *run) close() {
	if r.sb != nil {
		r.sb.Close()
	}
	r.http.Close()
}

// runIteration runs iteration i with its BeforeIteration and Iteration events. stop is true
// when the run must end (bail, timeout, cancellation); err is a fatal run error.
func (r *run) runIteration(ctx context.Context, i int) (stop bool, err error) {
	c := event.Cursor{Iterations: r.iterations, Length: len(r.items), Iteration: i}
	r.data = r.dataScope(i)
	r.rep.emit(&event.BeforeIteration{Header: r.header(c)})
	stop, err = r.iteration(ctx, c)
	r.rep.emit(&event.Iteration{Header: r.header(c)})
	return stop || err != nil, err
}

// emitDone ends the run's event stream.
func emitDone(rep emitter, h event.Header, runErr error) {
	var doneErr *event.Error
	if runErr != nil {
		doneErr = &event.Error{Name: "Error", Message: runErr.Error()}
	}
	rep.emit(&event.BeforeDone{Header: h})
	rep.emit(&event.Done{Header: h, Err: doneErr})
}

func vaultOrNil(v Vault) sandbox.Vault {
	if v == nil {
		return nil
	}
	return v
}

func scopeOrEmpty(s *collections.VariableScope, name string) *collections.VariableScope {
	if s != nil {
		return s
	}
	return collections.NewScope("", name, nil)
}

// selectItems returns the request items to run, honouring --folder.
func selectItems(c *collections.Collection, folders []string) ([]*collections.Item, error) {
	if len(folders) == 0 {
		return collections.Walk(c.Items), nil
	}
	var roots []*collections.Item
	for _, name := range folders {
		found := c.Find(name)
		if len(found) == 0 {
			return nil, &FolderNotFoundError{Name: name}
		}
		roots = append(roots, found[0])
	}
	return collections.Walk(roots), nil
}

func (r *run) header(c event.Cursor) event.Header {
	return event.Header{Cursor: c, Time: r.now()}
}

func (r *run) dataScope(i int) *collections.VariableScope {
	if len(r.opts.Data) == 0 {
		return collections.NewScope("", "data", nil)
	}
	row := r.opts.Data[min(i, len(r.opts.Data)-1)]
	return collections.NewScope("", "data", row)
}

// iteration runs the items of one iteration, following pm.execution.setNextRequest.
// stop is true when the run must end (bail).
func (r *run) iteration(ctx context.Context, c event.Cursor) (stop bool, err error) {
	for pos := 0; pos < len(r.items); {
		if err := ctx.Err(); err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				return true, ErrRunTimeout
			}
			return true, err
		}
		if pos > 0 && r.opts.Delay > 0 {
			if err := sleep(ctx, r.opts.Delay); err != nil {
				return true, ErrRunTimeout
			}
		}
		c.Position = pos
		out := r.item(ctx, c, r.items[pos])
		if out.failed && r.opts.Bail {
			return true, nil
		}
		switch {
		case out.nextNull:
			pos = len(r.items)
		case out.next != nil:
			pos = r.findNext(*out.next)
		default:
			pos++
		}
	}
	return false, nil
}

// findNext finds the target of setNextRequest by id first, then by name; an unknown
// target ends the iteration.
func (r *run) findNext(target string) int {
	for i, it := range r.items {
		if it.ID != "" && it.ID == target {
			return i
		}
	}
	for i, it := range r.items {
		if it.Name == target {
			return i
		}
	}
	return len(r.items)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (r *run) nextRef() string {
	r.refSeq++
	return r.refPrefix + "ref-" + strconv.Itoa(r.refSeq)
}
