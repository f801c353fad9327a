package sandbox

import (
	"context"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// Options configure a Sandbox. All capabilities are optional; a nil capability makes the
// matching pm API fail with a clear message.
type Options struct {
	// ScriptTimeout bounds one script, sync and async parts together (0 = no limit).
	ScriptTimeout time.Duration
	// MemoryLimit stops the running script when the process's Go heap grows above it, in
	// bytes (0 = DefaultMemoryLimit, 1 GiB; negative = no limit). It is checked every 10 ms.
	MemoryLimit int64
	Requester   Requester // pm.sendRequest
	Vault       Vault     // pm.vault; nil => calls reject with a hint to use --vault
	Cookies     CookieJar // pm.cookies.jar()
	// Runner runs another request of the collection for pm.execution.runRequest; nil leaves
	// pm.execution.runRequest undefined (as in Postman when the host cannot resolve requests).
	Runner RequestRunner
	// TimeZone is the IANA name of the host's time zone, which Intl reports as the default
	// timeZone ("" = UTC when the local zone has no offset, else "Local").
	TimeZone string
	// Packages resolves pm.require names; nil makes every pm.require a "Cannot find
	// package" error.
	Packages Packages
	// Emit receives console lines, assertions and exceptions as they happen, on the
	// goroutine that called Run.
	Emit func(Event)
	// OnRunaway is the backstop for a script that does not stop after its timeout, memory
	// limit or cancellation (it is stuck inside one native call): it is called once, on a
	// goroutine of its own, RunawayGrace after the interrupt (0 = DefaultRunawayGrace), or at
	// once when the heap passes twice the memory limit. msg says which script and which limit.
	// The caller decides (pmrun writes its reports and exits); nil waits for the script.
	OnRunaway    func(msg string)
	RunawayGrace time.Duration
}

// DefaultRunawayGrace is how long a script may run on after its limit before OnRunaway.
const DefaultRunawayGrace = 5 * time.Second

// Requester sends HTTP requests for pm.sendRequest. Send is called on its own goroutine.
type Requester interface {
	Send(ctx context.Context, req *collections.Request) (*collections.Response, error)
}

// RequestRunner runs a request of the collection, with its own pre-request and test
// scripts, for pm.execution.runRequest. PrepareRun is called on the goroutine that called
// Sandbox.Run, while the calling script is paused, so it may read the run's state (vars are
// extra local variables for the nested run); the function it returns is then called on a
// goroutine of its own. It returns the response, or skipped when the request's pre-request
// script called pm.execution.skipRequest().
type RequestRunner interface {
	PrepareRun(idOrName string, vars map[string]any) (func(ctx context.Context) (resp *collections.Response, skipped bool, err error), error)
}

// Vault is what pm.vault needs. Methods are called on their own goroutine. Errors are
// shown to scripts as rejected promises with err.Error() as message.
type Vault interface {
	Get(ctx context.Context, key string) (value string, ok bool, err error)
	Set(ctx context.Context, key, value string) error
	Unset(ctx context.Context, key string) error
}

// CookieJar is what pm.cookies.jar() needs. Methods are called on their own goroutine.
type CookieJar interface {
	Get(ctx context.Context, url, name string) (*collections.Cookie, error)
	GetAll(ctx context.Context, url string) ([]collections.Cookie, error)
	Set(ctx context.Context, url string, c collections.Cookie) error
	Unset(ctx context.Context, url, name string) error
	Clear(ctx context.Context, url string) error
}

// Execution is one script run: the script and the state it may read and change. Scopes,
// Request are changed in place by the script (pm.environment.set, pm.request.addHeader...).
type Execution struct {
	Listen string // "prerequest" or "test"
	Script collections.Script
	// ScriptName locates errors, e.g. "Users/Create user [test]".
	ScriptName string

	ItemID, ItemName string
	ItemPath         []string // folder names down to the item
	// CollectionName heads pm.execution.location; ScriptOwner is the name of the
	// collection, folder or item whose script this is (location.current; ItemName when empty).
	CollectionName, ScriptOwner string
	RequestID                   string // pm.info.requestId
	Iteration                   int
	IterationCount              int

	Scopes  collections.Scopes // Local, Data, Environment, Collection, Globals (Extra ignored)
	Request *collections.Request
	// Response is nil in pre-request scripts and after a request error.
	Response *collections.Response
	// RequestError is set (test scripts) when the request failed.
	RequestError error
	Cookies      []collections.Cookie // cookies for the request's URL (pm.cookies)
}

// Result is what a script run produced besides its in-place changes.
type Result struct {
	// Err is set when the script failed: syntax error, uncaught exception, unhandled
	// rejection, timeout. Assertions that ran before are still reported.
	Err *ScriptError
	// NextRequest is set when pm.execution.setNextRequest (or postman.setNextRequest) ran;
	// NextRequestNull is true for setNextRequest(null).
	NextRequest     *string
	NextRequestNull bool
	// SkipRequest is true when pm.execution.skipRequest() ran (pre-request only).
	SkipRequest bool
	// Visualizer holds pm.visualizer.set's arguments (nil when not called or cleared).
	Visualizer *Visualizer
}

// ScriptError is a failed script, in Newman's terms.
type ScriptError struct {
	Name    string // "SyntaxError", "TypeError", "Error", ...
	Message string
	Stack   string
	Line    int // 1-based line in the user's script (0 = unknown)
	Column  int
	Timeout bool
	// Expected and Actual are a failed chai assertion's values, formatted like Node's
	// util.inspect ("" when the error carries none).
	Expected, Actual string
	// Trace is the JavaScript stack through the collection's scripts, innermost call first,
	// one "function (script name:line:column)" per frame; nil when the error did not pass
	// through a function.
	Trace []string
}

func (e *ScriptError) Error() string { return e.Name + ": " + e.Message }

// Visualizer is the data given to pm.visualizer.set.
type Visualizer struct {
	Template string
	Data     any
	Options  any
}

// Event is something a script produced while running.
type Event interface{ sandboxEvent() }

// ConsoleEvent is one console.* call, formatted like Node's console.
type ConsoleEvent struct {
	Level string // log, info, warn, error, debug
	Text  string
	// Line is the line of the console call in the running script (1-based; 0 when the call
	// did not come from the script's own code, e.g. from a timer of another script).
	Line int
}

// AssertionEvent is one pm.test result (or legacy tests[] entry).
type AssertionEvent struct {
	Name    string
	Index   int
	Skipped bool
	Err     *ScriptError // nil when passed; Name "AssertionError" for chai failures
}

// ExceptionEvent is an uncaught error (emitted besides Result.Err).
type ExceptionEvent struct{ Err *ScriptError }

func (ConsoleEvent) sandboxEvent()   {}
func (AssertionEvent) sandboxEvent() {}
func (ExceptionEvent) sandboxEvent() {}

// The constructor and runner, to be implemented in sandbox.go:
//
//	func New(opts Options) (*Sandbox, error)
//	func (s *Sandbox) Run(ctx context.Context, ex *Execution) Result  // not concurrent
//	func (s *Sandbox) Close()
