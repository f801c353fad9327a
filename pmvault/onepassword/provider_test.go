package onepassword

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/1password/onepassword-sdk-go"

	"github.com/pmrun/pmrun/pmvault"
)

// fakeToken builds a token with the shape the SDK's core accepts (engine-notes §5 "Token
// format"); signInAddress decides where the SDK signs in.
func fakeToken(t *testing.T) string {
	t.Helper()
	payload := map[string]any{
		"signInAddress": "my.1password.com",
		"email":         "pmrun-test@example.com",
		"secretKey":     "A3-ABCDEF-GHJKLM-NPQRS-TVWXY-Z2345-6789A",
		"srpX":          strings.Repeat("ab", 32),
		"muk": map[string]any{
			"alg": "A256GCM", "ext": true, "k": base64.RawURLEncoding.EncodeToString(make([]byte, 32)),
			"key_ops": []string{"encrypt", "decrypt"}, "kty": "oct", "kid": "mp",
		},
		"userAuth": map[string]any{
			"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000,
			"salt": base64.RawURLEncoding.EncodeToString(make([]byte, 16)),
		},
		"deviceUuid": "abcdefghijklmnopqrstuvwxyz",
	}
	raw, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	return "ops_" + base64.RawURLEncoding.EncodeToString(raw)
}

// fakeSecrets stands in for the SDK client's Secrets API.
type fakeSecrets struct {
	resp  onepassword.ResolveAllResponse
	err   error
	mu    sync.Mutex
	calls [][]string
}

func (f *fakeSecrets) ResolveAll(_ context.Context, refs []string) (onepassword.ResolveAllResponse, error) {
	f.mu.Lock()
	f.calls = append(f.calls, refs)
	f.mu.Unlock()
	return f.resp, f.err
}

func response(t *testing.T, js string) onepassword.ResolveAllResponse {
	t.Helper()
	var r onepassword.ResolveAllResponse
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func withFake(p *Provider, f *fakeSecrets, clientErr error, created *atomic.Int32) *Provider {
	p.newClient = func(context.Context, string, string, string) (secretsAPI, error) {
		if created != nil {
			created.Add(1)
		}
		time.Sleep(5 * time.Millisecond) // let concurrent callers pile up
		if clientErr != nil {
			return nil, clientErr
		}
		return f, nil
	}
	return p
}

func TestResolveAllPerReference(t *testing.T) {
	t.Parallel()
	f := &fakeSecrets{resp: response(t, `{"individualResponses":{
		"op://v/i/f": {"content":{"secret":"the-value","itemId":"i1","vaultId":"v1"}},
		"op://v/missing/f": {"error":{"type":"itemNotFound"}},
		"op://nov/i/f": {"error":{"type":"vaultNotFound"}},
		"op://v/i/nofield": {"error":{"type":"fieldNotFound"}},
		"op://v/dup/f": {"error":{"type":"tooManyItems"}},
		"op://v/i/p": {"error":{"type":"parsing","message":"bad thing"}}}}`)}
	var created atomic.Int32
	p := withFake(New(Options{Token: fakeToken(t)}), f, nil, &created)
	refs := []string{"op://v/i/f", "op://v/missing/f", "op://nov/i/f", "op://v/i/nofield", "op://v/dup/f", "op://v/i/p", "op://v/i/gap", "not-a-ref", "op://v/i/f"}
	vals, errs := p.ResolveAll(context.Background(), refs)
	if vals["op://v/i/f"] != "the-value" {
		t.Errorf("value = %q", vals["op://v/i/f"])
	}
	want := map[string]pmvault.ErrorKind{
		"op://v/missing/f": pmvault.KindNotFound, "op://nov/i/f": pmvault.KindNotFound,
		"op://v/i/nofield": pmvault.KindNotFound, "op://v/dup/f": pmvault.KindAmbiguous,
		"op://v/i/p": pmvault.KindBadReference, "op://v/i/gap": pmvault.KindOther, "not-a-ref": pmvault.KindBadReference,
	}
	for ref, kind := range want {
		var pe *pmvault.ProviderError
		if !errors.As(errs[ref], &pe) || pe.Kind != kind || pe.Ref != ref {
			t.Errorf("%s: err = %v, want kind %s", ref, errs[ref], kind)
		}
	}
	if !strings.Contains(errs["op://v/i/p"].Error(), "bad thing") || !strings.Contains(errs["op://v/missing/f"].Error(), "item not found") {
		t.Errorf("messages: %v / %v", errs["op://v/i/p"], errs["op://v/missing/f"])
	}
	if len(f.calls) != 1 || len(f.calls[0]) != 7 || created.Load() != 1 {
		t.Errorf("SDK calls = %v (created %d), want one call without the malformed reference", f.calls, created.Load())
	}
}

func TestClientErrors(t *testing.T) {
	t.Parallel()
	token := fakeToken(t)
	trace := "\nwasm stack trace:\n\textism:host/env.http_request(i64) i64\n\t.$1234()"
	tests := map[string]struct {
		token     string
		clientErr error // from NewClient
		callErr   error // from ResolveAll
		kind      pmvault.ErrorKind
		want      string
	}{
		"missing token":    {"", nil, nil, pmvault.KindMissingToken, "OP_SERVICE_ACCOUNT_TOKEN"},
		"not ops_":         {"not-a-token", nil, nil, pmvault.KindBadToken, `does not start with "ops_"`},
		"bad base64":       {"ops_!!!", nil, nil, pmvault.KindBadToken, "base64"},
		"not json":         {"ops_" + base64.RawURLEncoding.EncodeToString([]byte("nope")), nil, nil, pmvault.KindBadToken, "JSON"},
		"sdk bad token":    {token, errors.New("error initializing client: invalid service account token, please make sure you provide a valid service account token as parameter:  service account deserialization failed, please create another token"), nil, pmvault.KindBadToken, "deserialization failed"},
		"sdk auth":         {token, errors.New("error initializing client: authentication error: you are not authenticated"), nil, pmvault.KindAuth, "signing in: authentication error"},
		"sdk network":      {token, errors.New(`error initializing client: Post "https://my.1password.com/api/v3/auth/start?": dial tcp: lookup my.1password.com: no such host (recovered by wazero)` + trace), nil, pmvault.KindNetwork, "no such host"},
		"rate limited":     {token, nil, errors.New("rate limit exceeded: too many requests"), pmvault.KindRateLimited, "resolving secrets: rate limit exceeded"},
		"typed rate limit": {token, nil, &onepassword.RateLimitExceededError{}, pmvault.KindRateLimited, "resolving secrets: rate limit exceeded"},
		"other":            {token, nil, errors.New("an internal error occurred: " + token), pmvault.KindOther, "internal error occurred: ********"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var created atomic.Int32
			f := &fakeSecrets{err: tc.callErr}
			p := withFake(New(Options{Token: tc.token}), f, tc.clientErr, &created)
			_, errs := p.ResolveAll(context.Background(), []string{"op://v/i/a", "op://v/i/b"})
			for _, ref := range []string{"op://v/i/a", "op://v/i/b"} {
				var pe *pmvault.ProviderError
				if !errors.As(errs[ref], &pe) || pe.Kind != tc.kind {
					t.Fatalf("%s: err = %v, want kind %s", ref, errs[ref], tc.kind)
				}
				msg := errs[ref].Error()
				if !strings.Contains(msg, tc.want) || !strings.HasPrefix(msg, "1Password: ") {
					t.Errorf("message %q lacks %q", msg, tc.want)
				}
				if strings.Contains(msg, "wasm") || strings.Contains(msg, "wazero") || strings.Contains(msg, "\n") ||
					(tc.token != "" && strings.Contains(msg, tc.token)) {
					t.Errorf("message leaks internals or the token: %q", msg)
				}
			}
			// Pre-checked tokens never load the SDK.
			if tc.clientErr == nil && tc.callErr == nil && created.Load() != 0 {
				t.Errorf("SDK client created %d times for a token rejected up front", created.Load())
			}
		})
	}
}

func TestOneClientPerProvider(t *testing.T) {
	t.Parallel()
	f := &fakeSecrets{resp: response(t, `{"individualResponses":{"op://v/i/f":{"content":{"secret":"x-value"}}}}`)}
	var created atomic.Int32
	p := withFake(New(Options{Token: fakeToken(t)}), f, nil, &created)
	p.Start(context.Background())
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if vals, errs := p.ResolveAll(context.Background(), []string{"op://v/i/f"}); vals["op://v/i/f"] != "x-value" {
				t.Errorf("got %v %v", vals, errs)
			}
		}()
	}
	wg.Wait()
	if created.Load() != 1 {
		t.Errorf("clients created = %d, want 1", created.Load())
	}
	// A caller that gives up waiting gets a cancellation, not a cached failure.
	slow := withFake(New(Options{Token: fakeToken(t)}), f, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, errs := slow.ResolveAll(ctx, []string{"op://v/i/f"})
	var pe *pmvault.ProviderError
	if !errors.As(errs["op://v/i/f"], &pe) || pe.Kind != pmvault.KindCanceled {
		t.Errorf("cancelled err = %v", errs["op://v/i/f"])
	}
	if vals, _ := slow.ResolveAll(context.Background(), []string{"op://v/i/f"}); vals["op://v/i/f"] != "x-value" {
		t.Error("client creation did not survive the first caller's cancellation")
	}
}
