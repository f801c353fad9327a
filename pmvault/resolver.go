package pmvault

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Provider resolves references of one scheme ("op" for op://…) in an external store.
// ResolveAll resolves a batch; every reference gets a value or an error (preferably a
// *ProviderError). Implementations must be safe for concurrent use and must never put a
// secret value or a token in an error.
type Provider interface {
	Scheme() string
	ResolveAll(ctx context.Context, refs []string) (values map[string]string, errs map[string]error)
}

// Resolver puts an in-memory cache in front of a Provider: each reference is resolved at
// most once per cache lifetime, concurrent requests for the same reference share one
// provider call, and failures are remembered for the lifetime too (so a missing token or a
// rate limit does not turn into one provider call per request). Nothing is written to disk.
type Resolver struct {
	p          Provider
	ttl        time.Duration
	now        func() time.Time
	onResolved func(ref, value string)

	mu       sync.Mutex
	cache    map[string]cacheEntry
	inflight map[string]*call
}

type cacheEntry struct {
	value   string
	err     error
	expires time.Time
}

// call is one provider batch in progress; done closes when results are in the cache.
type call struct{ done chan struct{} }

// ResolverOption configures NewResolver.
type ResolverOption func(*Resolver)

// WithClock sets the clock used for cache lifetimes (tests).
func WithClock(now func() time.Time) ResolverOption { return func(r *Resolver) { r.now = now } }

// WithOnResolved registers a function called with every value the provider returns, before
// any caller sees it (the session registers values with its redactor here).
func WithOnResolved(f func(ref, value string)) ResolverOption {
	return func(r *Resolver) { r.onResolved = f }
}

// NewResolver caches p's results for ttl (DefaultCacheTTL when ttl <= 0).
func NewResolver(p Provider, ttl time.Duration, opts ...ResolverOption) *Resolver {
	if ttl <= 0 {
		ttl = DefaultCacheTTL
	}
	r := &Resolver{p: p, ttl: ttl, now: time.Now, cache: map[string]cacheEntry{}, inflight: map[string]*call{}}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Scheme is the provider's scheme.
func (r *Resolver) Scheme() string { return r.p.Scheme() }

// Resolve returns the value of one reference.
func (r *Resolver) Resolve(ctx context.Context, ref string) (string, error) {
	vals, errs := r.ResolveAll(ctx, []string{ref})
	if err := errs[ref]; err != nil {
		return "", err
	}
	return vals[ref], nil
}

// ResolveAll returns a value or an error for each distinct reference in refs. References
// that are cached are answered from the cache, references another caller is already
// resolving are waited for, and the rest go to the provider in one batch.
func (r *Resolver) ResolveAll(ctx context.Context, refs []string) (map[string]string, map[string]error) {
	// A second round picks up references whose in-flight batch belonged to a caller that
	// was cancelled (such results are not cached).
	for range 2 {
		batch, mine, waits := r.claim(refs)
		if mine == nil && len(waits) == 0 {
			break
		}
		if mine != nil {
			r.fetch(ctx, batch, mine)
		}
		for _, c := range waits {
			select {
			case <-c.done:
			case <-ctx.Done():
				return r.collect(refs, ctx.Err())
			}
		}
	}
	return r.collect(refs, nil)
}

// Prefetch claims the references that are neither cached nor in flight before returning,
// so that later callers wait for this batch, and resolves them in the background. The
// returned channel closes when the batch is done.
func (r *Resolver) Prefetch(ctx context.Context, refs []string) <-chan struct{} {
	batch, mine, _ := r.claim(refs)
	if mine == nil {
		done := make(chan struct{})
		close(done)
		return done
	}
	go r.fetch(ctx, batch, mine)
	return mine.done
}

// claim sorts refs into those this caller must fetch (batch, under the new call mine) and
// the calls already in flight it must wait for. Cached references need neither.
func (r *Resolver) claim(refs []string) (batch []string, mine *call, waits []*call) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	for _, ref := range refs {
		if e, ok := r.cache[ref]; ok && now.Before(e.expires) {
			continue
		}
		if c, ok := r.inflight[ref]; ok {
			if c != mine && !slices.Contains(waits, c) {
				waits = append(waits, c)
			}
			continue
		}
		if mine == nil {
			mine = &call{done: make(chan struct{})}
		}
		r.inflight[ref] = mine
		batch = append(batch, ref)
	}
	return batch, mine, waits
}

// fetch calls the provider for batch and stores every outcome in the cache.
func (r *Resolver) fetch(ctx context.Context, batch []string, c *call) {
	got, gotErrs := r.p.ResolveAll(ctx, batch)
	canceled := ctx.Err() != nil
	for _, ref := range batch {
		if v, ok := got[ref]; ok && gotErrs[ref] == nil && r.onResolved != nil {
			r.onResolved(ref, v)
		}
	}
	r.mu.Lock()
	expires := r.now().Add(r.ttl)
	for _, ref := range batch {
		delete(r.inflight, ref)
		err := gotErrs[ref]
		v, ok := got[ref]
		if err == nil && !ok {
			err = &ProviderError{Provider: describeScheme(r.p.Scheme()), Ref: ref, Kind: KindOther, Msg: "no result for this reference"}
		}
		if err != nil && canceled {
			continue // a cancelled run's failures are not the reference's fault: do not cache
		}
		r.cache[ref] = cacheEntry{value: v, err: err, expires: expires}
	}
	r.mu.Unlock()
	close(c.done)
}

// collect reads refs from the cache into vals/errs; references with no fresh entry (their
// provider call was cancelled, or this caller stopped waiting) get a cancellation error.
func (r *Resolver) collect(refs []string, cause error) (map[string]string, map[string]error) {
	vals, errs := map[string]string{}, map[string]error{}
	if cause == nil {
		cause = context.Canceled
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	for _, ref := range refs {
		e, ok := r.cache[ref]
		switch {
		case !ok || !now.Before(e.expires):
			errs[ref] = &ProviderError{Provider: describeScheme(r.p.Scheme()), Ref: ref, Kind: KindCanceled, Msg: cause.Error()}
		case e.err != nil:
			errs[ref] = e.err
		default:
			vals[ref] = e.value
		}
	}
	return vals, errs
}
