package onepassword

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/1password/onepassword-sdk-go"

	"github.com/pmrun/pmrun/pmvault"
)

// Scheme is the reference scheme this provider resolves: op://vault/item/[section/]field.
const Scheme = "op"

// providerName is how errors name the store.
const providerName = "1Password"

// Options configure New.
type Options struct {
	// Token is the service account token (OP_SERVICE_ACCOUNT_TOKEN or the one stored in the
	// vault). Empty gives every reference a missing-token error without loading the SDK.
	Token string
	// IntegrationName and IntegrationVersion identify pmrun to 1Password ("pmrun" and
	// "dev" when empty).
	IntegrationName, IntegrationVersion string
}

// secretsAPI is the part of the SDK client we use.
type secretsAPI interface {
	ResolveAll(ctx context.Context, refs []string) (onepassword.ResolveAllResponse, error)
}

// newClientFunc builds an SDK client; tests replace it with a fake.
type newClientFunc func(ctx context.Context, token, name, version string) (secretsAPI, error)

func newSDKClient(ctx context.Context, token, name, version string) (secretsAPI, error) {
	c, err := onepassword.NewClient(ctx,
		onepassword.WithServiceAccountToken(token),
		onepassword.WithIntegrationInfo(name, version))
	if err != nil {
		return nil, err
	}
	return c.Secrets(), nil
}

// Provider implements pmvault.Provider for 1Password. It is safe for concurrent use.
type Provider struct {
	opts      Options
	newClient newClientFunc

	mu      sync.Mutex
	started bool
	done    chan struct{} // closed when client/err are set
	client  secretsAPI
	err     error
}

// New returns a provider that creates its SDK client only when first needed.
func New(o Options) *Provider {
	o.Token = strings.TrimSpace(o.Token)
	if o.IntegrationName == "" {
		o.IntegrationName = "pmrun"
	}
	if o.IntegrationVersion == "" {
		o.IntegrationVersion = "dev"
	}
	return &Provider{opts: o, newClient: newSDKClient, done: make(chan struct{})}
}

// Scheme implements pmvault.Provider.
func (p *Provider) Scheme() string { return Scheme }

// Start begins creating the SDK client in the background (the 3–4 s WASM compile and the
// sign-in) and returns at once. Calling it more than once, or after a resolution started,
// does nothing. Cancelling ctx does not abort a client creation already under way.
func (p *Provider) Start(ctx context.Context) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.started {
		return
	}
	p.started = true
	go p.create(context.WithoutCancel(ctx))
}

// connectTimeout bounds the client creation: WASM compile plus sign-in.
const connectTimeout = 2 * time.Minute

func (p *Provider) create(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	client, err := p.connect(ctx)
	p.mu.Lock()
	p.client, p.err = client, err
	p.mu.Unlock()
	close(p.done)
}

func (p *Provider) connect(ctx context.Context) (secretsAPI, error) {
	if p.opts.Token == "" {
		return nil, &pmvault.ProviderError{Provider: providerName, Kind: pmvault.KindMissingToken,
			Msg: "no service account token (set OP_SERVICE_ACCOUNT_TOKEN or run \"pmrun vault integrate 1password\")"}
	}
	if err := CheckToken(p.opts.Token); err != nil {
		return nil, err
	}
	c, err := p.newClient(ctx, p.opts.Token, p.opts.IntegrationName, p.opts.IntegrationVersion)
	if err != nil {
		return nil, p.clientError("signing in", err)
	}
	return c, nil
}

// sdk waits for the client, starting its creation if nobody has.
func (p *Provider) sdk(ctx context.Context) (secretsAPI, error) {
	p.Start(ctx)
	select {
	case <-p.done:
	case <-ctx.Done():
		return nil, &pmvault.ProviderError{Provider: providerName, Kind: pmvault.KindCanceled, Msg: ctx.Err().Error()}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.client, p.err
}

// ResolveAll implements pmvault.Provider: it checks each reference's syntax, then resolves
// the valid ones in one SDK call.
func (p *Provider) ResolveAll(ctx context.Context, refs []string) (map[string]string, map[string]error) {
	vals, errs := map[string]string{}, map[string]error{}
	var valid []string
	seen := map[string]bool{}
	for _, ref := range refs {
		if seen[ref] {
			continue
		}
		seen[ref] = true
		if err := pmvault.CheckReference(ref); err != nil {
			errs[ref] = &pmvault.ProviderError{Provider: providerName, Ref: ref, Kind: pmvault.KindBadReference, Msg: err.Error()}
			continue
		}
		valid = append(valid, ref)
	}
	if len(valid) == 0 {
		return vals, errs
	}
	client, err := p.sdk(ctx)
	if err != nil {
		for _, ref := range valid {
			errs[ref] = err
		}
		return vals, errs
	}
	resp, err := client.ResolveAll(ctx, valid)
	if err != nil {
		cerr := p.clientError("resolving secrets", err)
		for _, ref := range valid {
			errs[ref] = cerr
		}
		return vals, errs
	}
	for _, ref := range valid {
		r, ok := resp.IndividualResponses[ref]
		switch {
		case ok && r.Error != nil:
			errs[ref] = referenceError(ref, r.Error)
		case ok && r.Content != nil:
			vals[ref] = r.Content.Secret
		default:
			errs[ref] = &pmvault.ProviderError{Provider: providerName, Ref: ref, Kind: pmvault.KindOther,
				Msg: "1Password returned no result for this reference"}
		}
	}
	return vals, errs
}
