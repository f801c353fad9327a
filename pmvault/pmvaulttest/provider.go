package pmvaulttest

import (
	"context"
	"slices"
	"sync"

	"github.com/pmrun/pmrun/pmvault"
)

// Provider is a fake pmvault.Provider answering from maps and recording every batch.
type Provider struct {
	SchemeName string            // "op" when empty
	Values     map[string]string // reference -> value
	Errors     map[string]error  // reference -> error (wins over Values)
	// CallErr, if set, fails every reference of every call (a client-level failure such as
	// a bad token).
	CallErr error
	// Block, if set, makes ResolveAll wait until it is closed or the context ends.
	Block chan struct{}

	mu    sync.Mutex
	calls [][]string
}

// Scheme implements pmvault.Provider.
func (p *Provider) Scheme() string {
	if p.SchemeName == "" {
		return "op"
	}
	return p.SchemeName
}

// ResolveAll implements pmvault.Provider.
func (p *Provider) ResolveAll(ctx context.Context, refs []string) (map[string]string, map[string]error) {
	p.mu.Lock()
	p.calls = append(p.calls, slices.Clone(refs))
	p.mu.Unlock()
	vals, errs := map[string]string{}, map[string]error{}
	if p.Block != nil {
		select {
		case <-p.Block:
		case <-ctx.Done():
			for _, r := range refs {
				errs[r] = ctx.Err()
			}
			return vals, errs
		}
	}
	for _, r := range refs {
		switch {
		case p.CallErr != nil:
			errs[r] = p.CallErr
		case p.Errors[r] != nil:
			errs[r] = p.Errors[r]
		default:
			if v, ok := p.Values[r]; ok {
				vals[r] = v
			} else {
				errs[r] = &pmvault.ProviderError{Provider: "1Password", Ref: r, Kind: pmvault.KindNotFound, Msg: "item not found"}
			}
		}
	}
	return vals, errs
}

// Calls returns the batches ResolveAll received, in order.
func (p *Provider) Calls() [][]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([][]string, len(p.calls))
	for i, c := range p.calls {
		out[i] = slices.Clone(c)
	}
	return out
}

// Refs returns every reference ResolveAll was asked for, in order, duplicates kept.
func (p *Provider) Refs() []string {
	var out []string
	for _, c := range p.Calls() {
		out = append(out, c...)
	}
	return out
}
