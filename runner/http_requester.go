package runner

import (
	"context"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/sandbox"
)

// Requester adapts an HTTPClient to sandbox.Requester for pm.sendRequest: the request is
// sent with its own auth (no inheritance, as in Postman) through the run's client, so it
// shares connections and the cookie jar with the collection's requests.
type Requester struct {
	Client *HTTPClient
	// ProtocolProfileBehavior applies to every script request (nil = none).
	ProtocolProfileBehavior map[string]any
	// OnResult, when set, sees every completed Send (for request events and warnings).
	// It is called on the goroutine that called Send.
	OnResult func(res *SendResult, err error)
}

var _ sandbox.Requester = (*Requester)(nil)

// Send sends req and returns its response, or the *RequestError that prevented one.
func (r *Requester) Send(ctx context.Context, req *collections.Request) (*collections.Response, error) {
	res, err := r.Client.Send(ctx, req, req.Auth, r.ProtocolProfileBehavior)
	if r.OnResult != nil {
		r.OnResult(res, err)
	}
	return res.Response, err
}
