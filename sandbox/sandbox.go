package sandbox

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/pmrun/pmrun/collections"
)

// Timeout messages, in Postman's words.
const (
	msgSyncTimeout  = "sandbox: synchronous script execution timeout"
	msgAsyncTimeout = "sandbox: asynchronous script execution timeout"
)

// Sandbox runs scripts one after another in one reused goja runtime. It is not safe for
// concurrent use: use one Sandbox per run or per worker.
type Sandbox struct {
	opts  Options
	rt    *jsRuntime // nil until first use and after a runtime had to be discarded
	progs *programCache
	cur   *execState // the running script, nil between runs
	// sources maps each script name run so far to its source, so stack frames in another
	// script (a function a collection-level script defined) can be placed in its text.
	sources map[string]string
}

// execState is what one Run collects. Loop goroutine only.
type execState struct {
	ctx   context.Context
	ex    *Execution
	res   Result
	abort error // uncatchable goja error (interrupt, stack overflow): the runtime is lost
	guard *interruptGuard
	// stopped is set when a built-in stopped itself for a limit (limits.go): the error it
	// threw to unwind is not the script's; the script ends with the limit's error.
	stopped error
	async   bool // the synchronous part has returned
	// data is this script's own copy of the iteration data once it called
	// pm.iterationData.set/unset/clear: as in Postman, those change what the script sees
	// through pm.iterationData, not the data used for substitution.
	data *collections.VariableScope
	// skip is the value pm.execution.skipRequest() throws to end the script; it is not an error.
	skip goja.Value
	// jarDone is closed when the script's last cookie-jar call has run: the next one waits for
	// it, so the jar sees a script's calls in the order it made them.
	jarDone chan struct{}
}

// New returns a Sandbox with its runtime prepared (libraries compiled, chai loaded).
func New(opts Options) (*Sandbox, error) {
	s := &Sandbox{opts: opts, progs: newProgramCache(defaultProgramCacheBytes)}
	rt, err := newRuntime(s)
	if err != nil {
		return nil, err
	}
	s.rt = rt
	return s, nil
}

// Close releases the runtime. The Sandbox must not be used afterwards.
func (s *Sandbox) Close() {
	s.rt = nil
	s.cur = nil
}

// Run runs one script and returns its result; scopes, request and the run's variables are
// changed in place. Script failures are reported in Result.Err (and as an ExceptionEvent),
// never as a Go error; the Sandbox stays usable.
func (s *Sandbox) Run(ctx context.Context, ex *Execution) Result {
	if s.rt == nil {
		rt, err := newRuntime(s)
		if err != nil {
			return Result{Err: &ScriptError{Name: "Error", Message: "sandbox: " + err.Error()}}
		}
		s.rt = rt
	}
	if s.sources == nil {
		s.sources = map[string]string{}
	}
	s.sources[ex.ScriptName] = ex.Script.Source
	prog, serr := s.progs.get(ex.ScriptName, ex.Script.Source)
	if serr != nil {
		s.emit(ExceptionEvent{Err: serr})
		return Result{Err: serr}
	}
	if ex.Scopes.Local == nil {
		ex.Scopes.Local = newLocalScope()
	}
	x := &execState{ctx: ctx, ex: ex}
	s.cur = x
	defer func() { s.cur = nil }()

	rt := s.rt
	rt.loop.reset()
	rt.rejections = rt.rejections[:0]

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	x.ctx = runCtx
	guard := newInterruptGuard(rt.vm, cancel)
	x.guard = guard
	if s.opts.OnRunaway != nil {
		guard.grace = s.opts.RunawayGrace
		if guard.grace <= 0 {
			guard.grace = DefaultRunawayGrace
		}
		name := ex.ScriptName
		guard.runaway = func(why error, overGrace bool) {
			s.opts.OnRunaway(runawayMessage(name, why, guard.grace, overGrace, s.opts))
		}
	}
	if s.opts.ScriptTimeout > 0 {
		t := time.AfterFunc(s.opts.ScriptTimeout, func() { guard.fire(errTimeout) })
		defer t.Stop()
	}
	stopCtx := context.AfterFunc(ctx, func() { guard.fire(errCancelled) })
	defer stopCtx()
	if limit := memoryLimit(s.opts); limit > 0 {
		defer watchdog.watch(guard, limit)()
	}

	s.runScript(rt, x, prog, legacyEnabled(ex.Script.Source))

	if guard.done() || x.abort != nil {
		// The runtime may be poisoned (pending interrupt, dead job queue): rebuild it next time.
		s.rt = nil
		if errors.Is(guard.reason(), errMemory) {
			// Collect the stopped script's garbage now: the watchdog must not blame it on
			// the next script.
			runtime.GC()
		}
	}
	if x.stopped != nil && x.abort == nil {
		x.abort = x.stopped
	}
	x.stopped = nil
	if x.abort != nil && x.res.Err == nil {
		s.fail(x, s.abortError(x, guard.reason()))
	}
	return x.res
}

func (s *Sandbox) runScript(rt *jsRuntime, x *execState, prog *goja.Program, legacy bool) {
	if _, err := rt.begin(goja.Undefined(), rt.vm.ToValue(x.ex.Listen), rt.vm.ToValue(legacy)); err != nil {
		s.jsFailure(x, err)
		return
	}
	top, ok := s.start(rt, x, prog)
	if ok {
		if _, err := rt.syncDone(goja.Undefined()); err != nil {
			s.jsFailure(x, err)
		}
		if top != nil && top.State() == goja.PromiseStateRejected && rt.loop.started > 0 {
			// Postman's sandbox (Newman and the Postman CLI alike) drops an error thrown by
			// the synchronous part of a script that started a timer or a request (even one
			// it cleared), and lets the pending ones finish: pmrun does the same, with a
			// console warning.
			if e := s.errorFromValue(top.Result(), x.ex); e != nil { // nil: skipRequest's stop
				s.warnAsync(x, e, "error ignored because the script had started timers or requests (as Newman does)")
				top = nil
			}
		}
		s.checkSettled(rt, x, top)
		if x.res.Err == nil && x.abort == nil {
			err := rt.loop.run(x.ctx, func() bool {
				s.checkSettled(rt, x, top)
				return x.res.Err != nil || x.abort != nil
			})
			if err != nil {
				x.abort = err
			} else {
				s.checkSettled(rt, x, top)
			}
		}
	}
	if x.abort != nil {
		return
	}
	out, err := rt.finish(goja.Undefined())
	if err != nil {
		s.jsFailure(x, err)
		return
	}
	if x.ex.Listen == "prerequest" && x.ex.Request != nil && !goja.IsUndefined(out) {
		if err := writeRequest(x.ex.Request, out.String()); err != nil && x.res.Err == nil {
			s.fail(x, &ScriptError{Name: "Error", Message: err.Error()})
		}
	}
}

// start runs the synchronous part of the script and returns the promise of the wrapper.
func (s *Sandbox) start(rt *jsRuntime, x *execState, prog *goja.Program) (*goja.Promise, bool) {
	fnv, err := rt.vm.RunProgram(prog)
	if err != nil {
		s.jsFailure(x, err)
		return nil, false
	}
	fn, ok := goja.AssertFunction(fnv)
	if !ok {
		s.fail(x, &ScriptError{Name: "Error", Message: "sandbox: script wrapper is not a function"})
		return nil, false
	}
	v, err := fn(goja.Undefined())
	if err != nil {
		s.jsFailure(x, err)
		return nil, false
	}
	if x.stopped != nil { // a built-in stopped the synchronous part for a limit
		x.abort = x.stopped
		return nil, false
	}
	x.async = true
	p, _ := v.Export().(*goja.Promise)
	rt.forgetRejection(p)
	return p, true
}

// checkSettled reports a rejected top-level promise or an unhandled rejection, once.
func (s *Sandbox) checkSettled(rt *jsRuntime, x *execState, top *goja.Promise) {
	if x.res.Err != nil {
		return
	}
	if top != nil && top.State() == goja.PromiseStateRejected {
		s.fail(x, s.errorFromValue(top.Result(), x.ex))
		return
	}
	if p := rt.unhandled(top); p != nil {
		s.fail(x, s.errorFromValue(p.Result(), x.ex))
	}
}

// fail records the script's error (the first one wins) and reports it.
func (s *Sandbox) fail(x *execState, e *ScriptError) {
	if e == nil || x.res.Err != nil || x.stopped != nil {
		return
	}
	x.res.Err = e
	s.emit(ExceptionEvent{Err: e})
}

// jsFailure records an error returned by goja: an exception thrown by the script, or an
// uncatchable interrupt or stack overflow.
func (s *Sandbox) jsFailure(x *execState, err error) {
	var intr *goja.InterruptedError
	var so *goja.StackOverflowError
	switch {
	case errors.As(err, &intr):
		x.abort = err
	case errors.As(err, &so):
		x.abort = err
		s.fail(x, &ScriptError{Name: "RangeError", Message: "Maximum call stack size exceeded"})
	default:
		var ex *goja.Exception
		if errors.As(err, &ex) {
			s.fail(x, s.errorFromValue(ex.Value(), x.ex, ex))
			return
		}
		s.fail(x, &ScriptError{Name: "Error", Message: err.Error()})
	}
}

func (s *Sandbox) abortError(x *execState, reason error) *ScriptError {
	switch {
	case errors.Is(reason, errTimeout) && x.async:
		return &ScriptError{Name: "Error", Message: msgAsyncTimeout, Timeout: true}
	case errors.Is(reason, errTimeout):
		return &ScriptError{Name: "Error", Message: msgSyncTimeout, Timeout: true}
	case errors.Is(reason, errMemory):
		return &ScriptError{Name: "RangeError", Message: memoryMessage(memoryLimit(s.opts))}
	case errors.Is(reason, errCancelled):
		return &ScriptError{Name: "Error", Message: "sandbox: script execution cancelled"}
	}
	return &ScriptError{Name: "Error", Message: "sandbox: script execution interrupted"}
}

func (s *Sandbox) emit(e Event) {
	if s.opts.Emit != nil {
		s.opts.Emit(e)
	}
}

var (
	errTimeout   = errors.New("script timeout")
	errCancelled = errors.New("script cancelled")
)

// interruptGuard interrupts the runtime at most once, and only while a script runs. When
// the script does not stop within grace of the interrupt (it is stuck in a native call),
// the guard calls runaway once, from its own goroutine.
type interruptGuard struct {
	mu      sync.Mutex
	vm      *goja.Runtime
	cancel  context.CancelFunc
	why     error
	grace   time.Duration
	runaway func(why error, overGrace bool) // nil: no backstop
	timer   *time.Timer
	escaped bool // runaway was called
}

func newInterruptGuard(vm *goja.Runtime, cancel context.CancelFunc) *interruptGuard {
	return &interruptGuard{vm: vm, cancel: cancel}
}

func (g *interruptGuard) fire(why error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.why != nil || g.vm == nil {
		return
	}
	g.why = why
	g.vm.Interrupt(why)
	g.cancel()
	if g.runaway != nil {
		g.timer = time.AfterFunc(g.grace, func() { g.escape(true) })
	}
}

// escape calls runaway if the script is still running: it did not stop within the grace
// after its limit (overGrace), or it went on allocating past twice its memory limit.
func (g *interruptGuard) escape(overGrace bool) {
	g.mu.Lock()
	if g.vm == nil || g.escaped || g.runaway == nil {
		g.mu.Unlock()
		return
	}
	g.escaped = true
	why, runaway := g.why, g.runaway
	g.mu.Unlock()
	runaway(why, overGrace)
}

// done stops the guard and tells whether it fired.
func (g *interruptGuard) done() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.vm = nil
	if g.timer != nil {
		g.timer.Stop()
	}
	return g.why != nil
}

func (g *interruptGuard) reason() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.why
}
