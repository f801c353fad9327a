package runner

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/sandbox"
)

// FolderNotFoundError is returned when a --folder name matches nothing in the collection.
type FolderNotFoundError struct{ Name string }

func (e *FolderNotFoundError) Error() string {
	return fmt.Sprintf("unable to find a folder or request: %s", e.Name)
}

// ErrRunTimeout ends a run that exceeded Options.Timeout.
var ErrRunTimeout = errors.New("callback timed out")

// run is the state of one collection run. It is used by one goroutine only.
type run struct {
	opts Options
	coll *collections.Collection
	now  func() time.Time
	rep  *reporterSet
	sb   *sandbox.Sandbox
	http *HTTPClient
	// requester serves pm.sendRequest
	requester *scriptRequester
	items     []*collections.Item

	env, globals, collVars, local, data *collections.VariableScope

	iterations int
	refSeq     int
	failures   int

	// what the sandbox is running now, for the events it emits
	cur struct {
		cursor event.Cursor
		item   *collections.Item
		listen string
		failed bool
	}
}

// Run executes a collection run and reports every event to opts.Reporters. It returns when
// the run is over; a run with failures is not an error (see Result.Failures).
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Collection == nil {
		return nil, errors.New("no collection to run")
	}
	r := &run{opts: opts, coll: opts.Collection, now: opts.Now}
	if r.now == nil {
		r.now = time.Now
	}
	r.rep = &reporterSet{ctx: ctx, reporters: opts.Reporters}
	r.env = scopeOrEmpty(opts.Environment, "environment")
	r.globals = scopeOrEmpty(opts.Globals, "globals")
	r.collVars = collections.NewScope(r.coll.Info.ID, r.coll.Info.Name, r.coll.Variables)
	r.local = collections.NewScope("", "local", nil)

	items, err := r.selectItems()
	if err != nil {
		return nil, err
	}
	r.items = items
	r.iterations = opts.Iterations
	if r.iterations <= 0 {
		r.iterations = max(1, len(opts.Data))
	}

	client, err := NewHTTPClient(opts.HTTP)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	r.http = client

	r.requester = &scriptRequester{r: r}
	sb, err := sandbox.New(sandbox.Options{
		ScriptTimeout: opts.ScriptTimeout,
		Requester:     r.requester,
		Vault:         vaultOrNil(opts.Vault),
		Cookies:       client.Jar(),
		Emit:          r.onSandboxEvent,
	})
	if err != nil {
		return nil, err
	}
	defer sb.Close()
	r.sb = sb

	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	runErr := r.loop(ctx)

	res := &Result{
		Failures:    r.failures,
		Environment: r.env,
		Globals:     r.globals,
		Collection:  r.collVars,
		Err:         runErr,
	}
	return res, nil
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
func (r *run) selectItems() ([]*collections.Item, error) {
	if len(r.opts.Folders) == 0 {
		return collections.Walk(r.coll.Items), nil
	}
	var roots []*collections.Item
	for _, name := range r.opts.Folders {
		found := r.coll.Find(name)
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

// loop runs every iteration; it returns a fatal error (timeout, cancellation) or nil.
func (r *run) loop(ctx context.Context) error {
	base := event.Cursor{Iterations: r.iterations, Length: len(r.items)}
	r.rep.emit(&event.Start{Header: r.header(base), Collection: r.coll, Environment: r.env, Globals: r.globals})
	var runErr error
	for i := 0; i < r.iterations && runErr == nil; i++ {
		c := base
		c.Iteration = i
		r.data = r.dataScope(i)
		r.rep.emit(&event.BeforeIteration{Header: r.header(c)})
		stop, err := r.iteration(ctx, c)
		runErr = err
		r.rep.emit(&event.Iteration{Header: r.header(c)})
		if stop {
			break
		}
	}
	var doneErr *event.Error
	if runErr != nil {
		doneErr = &event.Error{Name: "Error", Message: runErr.Error()}
	}
	r.rep.emit(&event.BeforeDone{Header: r.header(base)})
	r.rep.emit(&event.Done{Header: r.header(base), Err: doneErr})
	return runErr
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
	return "ref-" + strconv.Itoa(r.refSeq)
}
