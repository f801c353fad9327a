package runner

import (
	"context"
	"errors"
	"net/url"
	"sync"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/sandbox"
)

// itemOutcome is what one item execution decided about the flow.
type itemOutcome struct {
	failed   bool
	next     *string
	nextNull bool
	skipped  bool
}

// item runs one item: pre-request scripts, the request, test scripts.
func (r *run) item(ctx context.Context, c event.Cursor, it *collections.Item) itemOutcome {
	out, _ := r.itemWithResponse(ctx, c, it)
	return out
}

// itemWithResponse is item, also returning the response (nil when skipped or errored).
func (r *run) itemWithResponse(ctx context.Context, c event.Cursor, it *collections.Item,
) (itemOutcome, *collections.Response) {
	c.Ref = r.nextRef()
	c.ItemID = it.ID
	c.ItemPath = it.Path()
	r.cur.cursor, r.cur.item, r.cur.failed = c, it, false
	var out itemOutcome

	r.rep.emit(&event.BeforeItem{Header: r.header(c), Item: it})
	prerequest := it.ScriptChain(r.coll, "prerequest")
	// Scripts change the request they see: they get a copy. Without them the item's own
	// request is only read (resolving it makes the copy that is sent).
	req := it.Request
	if len(prerequest) > 0 {
		req = it.Request.Clone()
	}

	// Pre-request scripts: collection, folders, item.
	r.rep.emit(&event.BeforePrerequest{Header: r.header(c), Item: it})
	skip := false
	owners := scriptOwners(r.coll, it, "prerequest")
	for i, s := range prerequest {
		r.cur.owner = ownerAt(owners, i)
		res := r.script(ctx, it, "prerequest", s, req, nil, nil)
		out.merge(res)
		if res.SkipRequest {
			skip = true
			break
		}
	}
	r.rep.emit(&event.Prerequest{Header: r.header(c), Item: it})

	var resp *collections.Response
	if !skip {
		resolved, wire, res, reqErr := r.send(ctx, c, it, req)
		resp = res
		tests := it.ScriptChain(r.coll, "test")
		var sent *collections.Request
		if len(tests) > 0 { // the request as test scripts see it
			sent = AsSent(resolved, wire)
		}
		r.rep.emit(&event.BeforeTest{Header: r.header(c), Item: it})
		owners := scriptOwners(r.coll, it, "test")
		for i, s := range tests {
			r.cur.owner = ownerAt(owners, i)
			res := r.script(ctx, it, "test", s, sent, resp, reqErr)
			out.merge(res)
		}
		r.rep.emit(&event.Test{Header: r.header(c), Item: it})
	}
	r.rep.emit(&event.Item{Header: r.header(c), Item: it})
	out.failed = r.cur.failed
	out.skipped = skip
	return out, resp
}

func (o *itemOutcome) merge(res sandbox.Result) {
	if res.NextRequestNull {
		o.next, o.nextNull = nil, true
	} else if res.NextRequest != nil {
		o.next, o.nextNull = res.NextRequest, false
	}
}

// script runs one script in the sandbox and reports it.
func (r *run) script(ctx context.Context, it *collections.Item, listen string, s collections.Script,
	req *collections.Request, resp *collections.Response, reqErr error,
) sandbox.Result {
	c := r.cur.cursor
	r.cur.listen = listen
	r.rep.emit(&event.BeforeScript{Header: r.header(c), Item: it, Listen: listen, Script: s})
	ex := &sandbox.Execution{
		Listen:         listen,
		Script:         s,
		ScriptName:     scriptName(it, listen),
		ItemID:         it.ID,
		ItemName:       it.Name,
		ItemPath:       c.ItemPath,
		CollectionName: r.coll.Info.Name,
		ScriptOwner:    r.cur.owner,
		RequestID:      it.ID,
		Iteration:      c.Iteration,
		IterationCount: c.Iterations,
		Scopes:         r.scopes(),
		Request:        req,
		Response:       resp,
		RequestError:   reqErr,
		Cookies:        r.http.CookiesFor(req),
	}
	var res sandbox.Result
	if sb, err := r.sandbox(); err != nil {
		res.Err = &sandbox.ScriptError{Name: "Error", Message: err.Error()}
	} else {
		res = sb.Run(ctx, ex)
	}
	r.requester.flush(r, it)
	r.nested.flush(r)
	var evErr *event.Error
	if res.Err != nil {
		evErr = &event.Error{
			Name: res.Err.Name, Message: res.Err.Message, Stack: res.Err.Stack,
			Line: res.Err.Line, Column: res.Err.Column,
		}
		r.fail()
	}
	r.rep.emit(&event.Script{Header: r.header(c), Item: it, Listen: listen, Err: evErr})
	return res
}

func scriptName(it *collections.Item, listen string) string {
	name := ""
	for i, p := range it.Path() {
		if i > 0 {
			name += "/"
		}
		name += p
	}
	return name + " [" + listen + "]"
}

func (r *run) fail() {
	r.failures++
	r.cur.failed = true
}

func (r *run) scopes() collections.Scopes {
	return collections.Scopes{
		Local:       r.local,
		Data:        r.data,
		Environment: r.env,
		Collection:  r.collVars,
		Globals:     r.globals,
	}
}

// send resolves variables in the request, sends it and reports it. It returns the resolved
// request and the request as it went on the wire (AsSent of both is what test scripts
// see), the response and the request error.
func (r *run) send(ctx context.Context, c event.Cursor, it *collections.Item, req *collections.Request,
) (*collections.Request, *event.HTTPRequest, *collections.Response, error) {
	auth := req.Auth
	if auth == nil || auth.Type == "" {
		tmp := *it
		tmp.Request = req
		auth = tmp.ResolvedAuth(r.coll)
	}
	resolved, rauth, warnings, urlText, usedVault := resolveRequest(req, auth, r.scopes(), r.opts.Vault)
	for _, w := range warnings {
		r.rep.emit(&event.Warning{Header: r.header(c), Item: it, Text: w})
	}
	ppb := r.protocolProfileBehavior(it)
	if usedVault {
		ppb = withSameOriginRedirects(ppb)
	}
	pre := &event.HTTPRequest{Method: resolved.Method, URL: urlText}
	r.rep.emit(&event.BeforeRequest{Header: r.header(c), Item: it, Request: pre})
	res, err := r.http.Send(ctx, resolved, rauth, ppb)
	for _, w := range res.Warnings {
		r.rep.emit(&event.Warning{Header: r.header(c), Item: it, Text: w})
	}
	// An auth handshake (digest, NTLM) is several exchanges; Newman reports each one.
	for i, ex := range res.Exchanges {
		if i == len(res.Exchanges)-1 {
			break
		}
		var exErr *event.Error
		if ex.Err != nil {
			exErr = requestError(ex.Err)
		}
		r.rep.emit(&event.Request{Header: r.header(c), Item: it, Request: ex.Request, Response: ex.Response, Err: exErr})
		r.rep.emit(&event.BeforeRequest{Header: r.header(c), Item: it, Request: pre})
	}
	sent, resp := res.Request, res.Response
	if sent == nil {
		sent = pre
	}
	var evErr *event.Error
	if err != nil {
		evErr = requestError(err)
		r.fail()
		resp = nil
	}
	r.rep.emit(&event.Request{Header: r.header(c), Item: it, Request: sent, Response: resp, Err: evErr})
	if usedVault && resp != nil && resp.Code >= 300 && resp.Code < 400 {
		if loc := headerValue(resp.Headers, "Location"); loc != "" && leavesOrigin(urlText, loc) {
			r.rep.emit(&event.Warning{Header: r.header(c), Item: it, Text: "not following the redirect to " + loc +
				": the request carries vault secrets and the redirect leaves its origin"})
		}
	}
	if usedVault {
		// Test scripts see pm.request; with vault values in it, a script without vault
		// access could read them (and an allowed-domains limit could be escaped with
		// pm.sendRequest). They see the request resolved without the vault instead, its
		// {{vault:…}} references left as written, and without the headers auth computed.
		return collections.ResolveRequest(req, r.scopes().Lookup), nil, resp, err
	}
	return resolved, res.Request, resp, err
}

// withSameOriginRedirects returns a copy of ppb that keeps redirects on the request's origin.
func withSameOriginRedirects(ppb map[string]any) map[string]any {
	out := make(map[string]any, len(ppb)+1)
	for k, v := range ppb {
		out[k] = v
	}
	out[sameOriginRedirects] = true
	return out
}

// protocolProfileBehavior is the item's resolved protocolProfileBehavior, or nil (read as
// an empty map) when neither the collection, a folder nor the item sets any: most
// requests, which then do not pay for merging empty maps.
func (r *run) protocolProfileBehavior(it *collections.Item) map[string]any {
	set := r.coll != nil && len(r.coll.ProtocolProfileBehavior) > 0
	for p := it; p != nil && !set; p = p.Parent {
		set = len(p.ProtocolProfileBehavior) > 0
	}
	if !set {
		return nil
	}
	return it.ResolvedProtocolProfileBehavior(r.coll)
}

// requestError converts a request error to the event form (Node-style code when known).
func requestError(err error) *event.Error {
	e := &event.Error{Name: "Error", Message: err.Error()}
	var coded interface{ Code() string }
	if errors.As(err, &coded) {
		e.Code = coded.Code()
	}
	return e
}

// onSandboxEvent turns what a script emits into run events.
func (r *run) onSandboxEvent(ev sandbox.Event) {
	c := r.cur.cursor
	switch ev := ev.(type) {
	case sandbox.ConsoleEvent:
		r.rep.emit(&event.Console{Header: r.header(c), Item: r.cur.item, Listen: r.cur.listen, Level: ev.Level, Text: ev.Text})
	case sandbox.AssertionEvent:
		var e *event.Error
		if ev.Err != nil && !ev.Skipped {
			e = &event.Error{Name: ev.Err.Name, Message: ev.Err.Message, Stack: ev.Err.Stack, Test: ev.Name, Index: ev.Index}
			r.fail()
		}
		r.rep.emit(&event.Assertion{Header: r.header(c), Item: r.cur.item, Listen: r.cur.listen,
			Name: ev.Name, Index: ev.Index, Skipped: ev.Skipped, Err: e})
	case sandbox.ExceptionEvent:
		r.rep.emit(&event.Exception{Header: r.header(c), Item: r.cur.item, Listen: r.cur.listen,
			Err: &event.Error{Name: ev.Err.Name, Message: ev.Err.Message, Stack: ev.Err.Stack}})
	}
}

// scriptRequester sends pm.sendRequest requests with the run's client. Send runs on a
// goroutine of its own, so it only records what happened; the run goroutine reports the
// recorded requests when the script is over (flush).
type scriptRequester struct {
	r       *run
	mu      sync.Mutex
	pending []sentRequest
}

type sentRequest struct {
	req  *event.HTTPRequest
	resp *collections.Response
	err  error
}

var _ sandbox.Requester = (*scriptRequester)(nil)

// Send sends one pm.sendRequest request.
func (s *scriptRequester) Send(ctx context.Context, req *collections.Request) (*collections.Response, error) {
	sent, resp, err := s.r.http.Do(ctx, req, req.Auth, map[string]any{"disableBodyPruning": true})
	if sent == nil {
		sent = &event.HTTPRequest{Method: req.Method, URL: req.URL.String()}
	}
	s.mu.Lock()
	s.pending = append(s.pending, sentRequest{req: sent, resp: resp, err: err})
	s.mu.Unlock()
	return resp, err
}

// flush reports the requests scripts sent since the last flush.
func (s *scriptRequester) flush(r *run, it *collections.Item) {
	s.mu.Lock()
	list := s.pending
	s.pending = nil
	s.mu.Unlock()
	c := r.cur.cursor
	for _, p := range list {
		var e *event.Error
		if p.err != nil {
			e = requestError(p.err)
		}
		r.rep.emit(&event.BeforeRequest{Header: r.header(c), Item: it, Request: p.req})
		r.rep.emit(&event.Request{Header: r.header(c), Item: it, Request: p.req, Response: p.resp, Err: e, FromScript: true})
	}
}

// headerValue returns the last value of name in hs ("" when absent).
func headerValue(hs []collections.Header, name string) string {
	if i := findHeader(hs, name); i >= 0 {
		return hs[i].Value
	}
	return ""
}

// leavesOrigin reports whether a redirect Location (absolute or relative) points to another
// origin than the request URL from.
func leavesOrigin(from, location string) bool {
	base, err := url.Parse(from)
	if err != nil {
		return true
	}
	to, err := base.Parse(location)
	return err != nil || !sameOrigin(base, to)
}
