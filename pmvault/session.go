package pmvault

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// VarPrefix starts every vault key in request templates: {{vault:name}}.
const VarPrefix = "vault:"

// SessionOptions configure NewSession.
type SessionOptions struct {
	// Context bounds provider calls made by Lookup (which has no context of its own);
	// context.Background when nil.
	Context context.Context
	// Providers resolve linked secrets, one per scheme. Only schemes present here resolve.
	Providers []Provider
	// NoMask turns masking off whatever the vault's setting (--no-mask-secrets).
	NoMask bool
	// Now is the clock for the resolution cache (time.Now when nil).
	Now func() time.Time
	// OnUnresolved, if set, is called each time Lookup leaves a {{vault:…}} literal.
	OnUnresolved func(Unresolved)
}

// Unresolved describes a {{vault:name}} that stayed literal. Reason never holds a value.
type Unresolved struct {
	Name   string
	URL    string
	Reason string
}

// Session is a vault in use by one run: requests read it through Lookup, scripts through
// Get, Set and Unset (the method set the sandbox's Vault interface asks for), and Save
// writes the scripts' changes back at the end. It is safe for concurrent use.
type Session struct {
	ctx          context.Context
	path         string
	key          Key
	access       bool
	redactor     *Redactor
	resolvers    map[string]*Resolver
	onUnresolved func(Unresolved)

	mu         sync.Mutex
	secrets    map[string]Secret
	ops        []sessionOp
	unresolved []Unresolved
	// providerFailures counts lookups whose provider failed.
	providerFailures int
	bg               sync.WaitGroup
}

// sessionOp is one script change, replayed onto the file at Save.
type sessionOp struct {
	unset bool
	name  string
	value string
}

// NewSession starts a run-time session over v. Every local value is registered with the
// session's redactor at once; linked values are registered the moment they resolve.
func NewSession(v *Vault, o SessionOptions) *Session {
	settings := v.Settings()
	s := &Session{
		ctx:          o.Context,
		path:         v.path,
		key:          v.key,
		access:       settings.ScriptAccess,
		redactor:     NewRedactor(settings.MaskSecrets && !o.NoMask),
		resolvers:    map[string]*Resolver{},
		onUnresolved: o.OnUnresolved,
		secrets:      map[string]Secret{},
	}
	if s.ctx == nil {
		s.ctx = context.Background()
	}
	s.redactor.Add(v.key.secret)
	s.redactor.Add(v.OnePasswordToken())
	for _, sec := range v.Secrets() {
		s.secrets[sec.Name] = sec
		s.redactor.Add(sec.Value)
	}
	opts := []ResolverOption{WithOnResolved(func(_, value string) { s.redactor.Add(value) })}
	if o.Now != nil {
		opts = append(opts, WithClock(o.Now))
	}
	for _, p := range o.Providers {
		s.resolvers[p.Scheme()] = NewResolver(p, settings.CacheTTL, opts...)
	}
	return s
}

// Redactor masks every value this session has seen; put it in front of all output.
func (s *Session) Redactor() *Redactor { return s.redactor }

// ScriptAccess reports whether scripts may use pm.vault.
func (s *Session) ScriptAccess() bool { return s.access }

// Get returns the value of the enabled secret key for pm.vault.get. A missing or disabled
// secret gives ok false. A linked secret is resolved through its provider (cached).
// With script access off it fails with ErrAccessDenied.
func (s *Session) Get(ctx context.Context, key string) (string, bool, error) {
	if !s.access {
		return "", false, ErrAccessDenied
	}
	s.mu.Lock()
	sec, ok := s.secrets[key]
	s.mu.Unlock()
	if !ok || !sec.Enabled {
		return "", false, nil
	}
	if !sec.Linked() {
		return sec.Value, true, nil
	}
	v, err := s.resolve(ctx, sec.Link)
	if err != nil {
		return "", false, err
	}
	return v, true, nil
}

// Set stores a local value for pm.vault.set; later requests and scripts of the run see it
// and Save writes it. A new secret is enabled and allowed on any domain. A linked secret is
// refused with a *LinkedSecretError and nothing changes.
func (s *Session) Set(_ context.Context, key, value string) error {
	if !s.access {
		return ErrAccessDenied
	}
	if err := CheckName(key); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sec, ok := s.secrets[key]
	if ok && sec.Linked() {
		return &LinkedSecretError{Name: key, Provider: describeScheme(referenceScheme(sec.Link))}
	}
	if !ok {
		sec = Secret{Name: key, Enabled: true}
	}
	sec.Value = value
	s.secrets[key] = sec
	s.redactor.Add(value)
	s.ops = append(s.ops, sessionOp{name: key, value: value})
	return nil
}

// Unset removes a local secret for pm.vault.unset (a missing one is not an error). A linked
// secret is refused with a *LinkedSecretError and nothing changes.
func (s *Session) Unset(_ context.Context, key string) error {
	if !s.access {
		return ErrAccessDenied
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sec, ok := s.secrets[key]
	if !ok {
		return nil
	}
	if sec.Linked() {
		return &LinkedSecretError{Name: key, Provider: describeScheme(referenceScheme(sec.Link))}
	}
	delete(s.secrets, key)
	s.ops = append(s.ops, sessionOp{unset: true, name: key})
	return nil
}

// Lookup returns the substitution function for {{vault:name}} in a request to url (pass
// the URL after the other scopes are substituted). Keys come with the "vault:" prefix; any
// other key, an unknown or disabled secret, a domain mismatch or a failed resolution gives
// ok false and, for vault keys, is recorded (see Unresolved and OnUnresolved). Callers
// that must not send a request whose linked secret failed to resolve use LookupStrict.
func (s *Session) Lookup(url string) func(key string) (string, bool) {
	strict := s.LookupStrict(url)
	return func(key string) (string, bool) {
		v, ok, _ := strict(key)
		return v, ok
	}
}

// LookupStrict is Lookup that also tells why a linked secret has no value: when its
// provider failed (bad token, network, item not found…) the function returns a
// *SecretError naming the secret and the provider's reason, and the caller should not send
// the request. Unknown and disabled secrets and domains not allowed give ok false and a
// nil error: they stay literal, as documented. Every such failure is counted (see
// ProviderFailures).
func (s *Session) LookupStrict(url string) func(key string) (string, bool, error) {
	return func(key string) (string, bool, error) {
		name, isVault := strings.CutPrefix(key, VarPrefix)
		if !isVault {
			return "", false, nil
		}
		s.mu.Lock()
		sec, ok := s.secrets[name]
		s.mu.Unlock()
		switch {
		case !ok:
			return s.miss(name, url, "no such secret in the vault")
		case !sec.Enabled:
			return s.miss(name, url, "the secret is disabled")
		case !MatchDomains(sec.Domains, url):
			return s.miss(name, url, "the request URL is not in the secret's allowed domains ("+strings.Join(sec.Domains, ", ")+")")
		case !sec.Linked():
			return sec.Value, true, nil
		}
		v, err := s.resolve(s.ctx, sec.Link)
		if err != nil {
			_, _, _ = s.miss(name, url, err.Error())
			s.mu.Lock()
			s.providerFailures++
			s.mu.Unlock()
			return "", false, &SecretError{Name: name, Err: err}
		}
		return v, true, nil
	}
}

// ProviderFailures counts the lookups that found a linked secret but could not resolve it
// because its provider failed. A run with any ends with the vault's exit code.
func (s *Session) ProviderFailures() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.providerFailures
}

func (s *Session) miss(name, url, reason string) (string, bool, error) {
	u := Unresolved{Name: name, URL: url, Reason: reason}
	s.mu.Lock()
	if !slices.ContainsFunc(s.unresolved, func(x Unresolved) bool { return x.Name == name && x.Reason == reason }) {
		s.unresolved = append(s.unresolved, u)
	}
	s.mu.Unlock()
	if s.onUnresolved != nil {
		s.onUnresolved(u)
	}
	return "", false, nil
}

// Unresolved lists the distinct (name, reason) pairs Lookup left literal so far.
func (s *Session) Unresolved() []Unresolved {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.unresolved)
}

func (s *Session) resolve(ctx context.Context, ref string) (string, error) {
	scheme := referenceScheme(ref)
	r, ok := s.resolvers[scheme]
	if !ok {
		return "", &ProviderError{Provider: describeScheme(scheme), Ref: ref, Kind: KindMissingToken,
			Msg: "no provider is configured for this reference"}
	}
	return r.Resolve(ctx, ref)
}

// Prefetch starts resolving, in the background and in one batch per provider, the linked
// secrets among names (with or without the "vault:" prefix; unknown, local and disabled
// names are ignored). Later Get and Lookup calls wait for that batch instead of calling the
// provider again. Close waits for the background work.
func (s *Session) Prefetch(ctx context.Context, names []string) {
	byScheme := map[string][]string{}
	s.mu.Lock()
	for _, n := range names {
		sec, ok := s.secrets[strings.TrimPrefix(n, VarPrefix)]
		if !ok || !sec.Enabled || !sec.Linked() {
			continue
		}
		scheme := referenceScheme(sec.Link)
		if !slices.Contains(byScheme[scheme], sec.Link) {
			byScheme[scheme] = append(byScheme[scheme], sec.Link)
		}
	}
	s.mu.Unlock()
	for scheme, refs := range byScheme {
		r, ok := s.resolvers[scheme]
		if !ok {
			continue
		}
		done := r.Prefetch(ctx, refs)
		s.bg.Add(1)
		go func() {
			defer s.bg.Done()
			<-done
		}()
	}
}

// StartProviders lets every provider that supports it (1Password: Start) begin its slow
// setup in the background, for runs that will need linked values but cannot name them
// yet (scripts calling pm.vault.get). It returns at once.
func (s *Session) StartProviders(ctx context.Context) {
	for _, r := range s.resolvers {
		if st, ok := r.p.(interface{ Start(context.Context) }); ok {
			st.Start(ctx)
		}
	}
}

// Close waits for background resolution started by Prefetch; cancel its context first to
// stop early.
func (s *Session) Close() error {
	s.bg.Wait()
	return nil
}

// Dirty reports whether scripts changed local secrets that Save has not written yet.
func (s *Session) Dirty() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ops) > 0
}

// Save writes the scripts' changes to the vault file. Under the vault's lock it re-reads
// the file and replays only this run's changes on it (see Update), so edits made by
// another pmrun during the run, or saved by a concurrent run, survive. A change to a
// secret that was meanwhile linked to an external store is dropped and reported.
func (s *Session) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.ops) == 0 {
		return nil
	}
	var skipped []error
	err := Update(s.path, s.key, func(v *Vault) error {
		skipped = nil
		for _, op := range s.ops {
			cur, exists := v.Secret(op.name)
			if exists && cur.Linked() {
				skipped = append(skipped, &LinkedSecretError{Name: op.name, Provider: describeScheme(referenceScheme(cur.Link))})
				continue
			}
			if op.unset {
				_ = v.Unset(op.name) // already gone is fine
				continue
			}
			if err := v.SetValue(op.name, op.value); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("saving vault changes: %w", err)
	}
	s.ops = nil
	return errors.Join(skipped...)
}
