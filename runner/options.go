package runner

import (
	"context"
	"time"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/sandbox"
)

// Options configure one collection run. Collection is required; everything else is optional.
type Options struct {
	Collection  *collections.Collection
	Environment *collections.VariableScope // nil: an empty environment
	Globals     *collections.VariableScope // nil: empty globals
	Data        []collections.DataRow      // iteration data; row i for iteration i, last reused

	// Iterations is the number of iterations; 0 means len(Data), or 1 without data.
	Iterations int
	// Folders limits the run to these folders or requests (id or name), in the order given.
	Folders []string
	// TimeZone is the host's IANA time zone name, for Intl (see sandbox.Options.TimeZone).
	TimeZone string
	// Packages answers pm.require (nil: every pm.require fails, naming the package).
	Packages sandbox.Packages

	Delay         time.Duration // --delay-request: pause between items
	Timeout       time.Duration // --timeout: whole run (0 = none)
	ScriptTimeout time.Duration // --timeout-script: each script (0 = none)
	// ScriptMemory stops a script when the Go heap grows past it, in bytes
	// (--max-script-memory; 0 = sandbox.DefaultMemoryLimit, < 0 = no limit).
	ScriptMemory int64
	// OnRunaway is called (once per stuck script, on its own goroutine) when a script does
	// not stop within RunawayGrace after its timeout or memory limit: it is stuck in a native
	// call and the run cannot go on. See sandbox.Options.OnRunaway.
	OnRunaway    func(msg string)
	RunawayGrace time.Duration

	// Bail stops the run after the first item with a failure (--bail / --bail failure).
	Bail bool
	// BailFolder makes an unknown --folder a fatal error (--bail folder).
	BailFolder bool

	// Shard runs only a deterministic slice of the iterations (--shard i/n): those whose
	// 0-based index k has k mod Count == Index-1. Cursors keep the iterations' global
	// indexes, so the reports of all shards merge into the report of the whole run. The zero
	// value runs everything.
	Shard Shard

	// Parallel runs iterations on this many workers, each with its own sandbox, HTTP client,
	// cookie jar and copies of the variable scopes (see runParallel). 0 or 1: sequential.
	Parallel int

	HTTP HTTPOptions

	// Vault resolves {{vault:name}} in requests and backs pm.vault. Nil: no vault.
	Vault Vault

	Reporters []event.Reporter
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Vault is what a run needs of the vault: pm.vault for scripts, and a lookup of
// "vault:name" keys for the request whose URL is given (allowed domains apply).
type Vault interface {
	sandbox.Vault
	Lookup(url string) func(key string) (string, bool)
}

// Result is the outcome of a run, beside the events the reporters saw.
type Result struct {
	// Failures counts failed assertions, failed scripts and request errors.
	Failures int
	// Environment, Globals and Collection are the scopes as they are at the end of the run.
	Environment *collections.VariableScope
	Globals     *collections.VariableScope
	Collection  *collections.VariableScope
	// Err is a fatal error that ended the run early (timeout, unknown folder with bail).
	Err error
}

// reporterSet fans an event out to every reporter, keeping the first error of each.
type reporterSet struct {
	ctx       context.Context
	reporters []event.Reporter
	errs      []error
}

func (r *reporterSet) emit(ev event.Event) {
	for _, rep := range r.reporters {
		if err := rep.Report(r.ctx, ev); err != nil {
			r.errs = append(r.errs, err)
		}
	}
}

// Shard is one of Count slices of a run's iterations; Index is 1-based.
type Shard struct{ Index, Count int }

// iterations lists the 0-based iteration indexes of a run of n iterations that this shard
// runs (all of them for the zero Shard).
func (s Shard) iterations(n int) []int {
	out := make([]int, 0, n)
	for k := 0; k < n; k++ {
		if s.Count <= 1 || k%s.Count == s.Index-1 {
			out = append(out, k)
		}
	}
	return out
}
