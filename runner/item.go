package runner

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/runner/internal/httpclient"
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
			sent = httpclient.AsSent(resolved, wire)
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
	if strings.TrimSpace(s.Source) == "" {
		// Newman runs a blank script (exported collections are full of `"exec": [""]`) and
		// counts it; there is nothing to evaluate, so the sandbox is not started for it.
		r.rep.emit(&event.Script{Header: r.header(c), Item: it, Listen: listen})
		return sandbox.Result{}
	}
	ex := &sandbox.Execution{
		Listen:         listen,
		Script:         s,
		ScriptName:     scriptName(r.coll, it, listen, s),
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
	r.cur.failedTests = r.cur.failedTests[:0]
	if sb, err := r.sandbox(); err != nil {
		res.Err = &sandbox.ScriptError{Name: "Error", Message: err.Error()}
	} else {
		res = sb.Run(ctx, ex)
	}
	r.requester.flush(r, it)
	r.nested.flush(r)
	if res.Err == nil && r.opts.Bail && len(r.cur.failedTests) > 0 {
		// With --bail, postman-runtime turns the script's failed assertions into a script
		// error named AssertionFailure that lists them.
		res.Err = &sandbox.ScriptError{Name: "AssertionFailure", Message: strings.Join(r.cur.failedTests, ", ")}
		r.rep.emit(&event.Exception{Header: r.header(c), Item: it, Listen: listen,
			Err: &event.Error{Name: res.Err.Name, Message: res.Err.Message}})
	}
	var evErr *event.Error
	if res.Err != nil {
		evErr = &event.Error{
			Name: res.Err.Name, Message: res.Err.Message, Stack: res.Err.Stack,
			Line: res.Err.Line, Column: res.Err.Column, Trace: res.Err.Trace,
		}
		r.fail()
	}
	r.rep.emit(&event.Script{Header: r.header(c), Item: it, Listen: listen, Err: evErr})
	return res
}

// scriptName names a script in stack traces: the path of the item or folder that defines
// it ("collection" for a collection-level script) and the event. A collection or folder
// script then has the same name for every item it runs for, so its functions show where
// they were defined when an item's script calls them.
func scriptName(c *collections.Collection, it *collections.Item, listen string, s collections.Script) string {
	owner := it
	for p := it; p != nil; p = p.Parent {
		if hasScript(p.Events, s) {
			owner = p
			break
		}
		if p.Parent == nil && c != nil && hasScript(c.Events, s) {
			return "collection [" + listen + "]"
		}
	}
	// Joined once: adding segment by segment was quadratic in the depth, for every script
	// of every folder around an item (a 1600-deep folder chain took 23 s).
	return strings.Join(owner.Path(), "/") + " [" + listen + "]"
}

func hasScript(events []collections.Event, s collections.Script) bool {
	for _, e := range events {
		if e.Script.Source == s.Source && e.Script.ID == s.ID {
			return true
		}
	}
	return false
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
	resolved, rauth, warnings, urlText, usedVault, vaultErr := resolveRequest(req, auth, r.scopes(), r.opts.Vault)
	for _, w := range warnings {
		r.rep.emit(&event.Warning{Header: r.header(c), Item: it, Text: w})
	}
	if vaultErr != nil {
		// A secret whose provider failed: the request is not sent, it is a request error.
		// Scripts see the request with its {{vault:…}} references.
		pre := &event.HTTPRequest{Method: resolved.Method, URL: collections.ResolveRequest(req, r.scopes().Lookup).URL.String()}
		r.rep.emit(&event.BeforeRequest{Header: r.header(c), Item: it, Request: pre})
		r.fail()
		r.rep.emit(&event.Request{Header: r.header(c), Item: it, Request: pre, Err: requestError(vaultErr)})
		return collections.ResolveRequest(req, r.scopes().Lookup), nil, nil, vaultErr
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
	var failed *collections.Item
	if err != nil {
		evErr = requestError(err)
		r.fail()
		resp = nil
		failed = &collections.Item{ID: it.ID, Name: collections.Replace(it.Name, r.scopes().Lookup),
			Request: collections.ResolveRequest(req, r.scopes().Lookup)}
	}
	r.rep.emit(&event.Request{Header: r.header(c), Item: it, Request: sent, Response: resp, Err: evErr, Resolved: failed})
	if usedVault && resp != nil && resp.Code >= 300 && resp.Code < 400 {
		if loc := collections.HeaderValue(resp.Headers, "Location"); loc != "" && leavesOrigin(urlText, loc) {
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
	if auth != req.Auth && auth != nil && rauth != nil {
		// Newman's test scripts see the auth an item inherits from its folder or the
		// collection (resolved) as the request's own; pre-request scripts do not
		withAuth := *resolved
		withAuth.Auth = rauth
		resolved = &withAuth
	}
	return resolved, res.Request, resp, err
}

// withSameOriginRedirects returns a copy of ppb that keeps redirects on the request's origin.
func withSameOriginRedirects(ppb map[string]any) map[string]any {
	out := make(map[string]any, len(ppb)+1)
	for k, v := range ppb {
		out[k] = v
	}
	out[httpclient.SameOriginRedirects] = true
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
	var named interface{ Name() string }
	if errors.As(err, &named) {
		e.Name = named.Name()
	}
	return e
}

// onSandboxEvent turns what a script emits into run events.
func (r *run) onSandboxEvent(ev sandbox.Event) {
	c := r.cur.cursor
	switch ev := ev.(type) {
	case sandbox.ConsoleEvent:
		r.rep.emit(&event.Console{Header: r.header(c), Item: r.cur.item, Listen: r.cur.listen, Level: ev.Level, Text: ev.Text,
			Line: ev.Line})
	case sandbox.AssertionEvent:
		var e *event.Error
		if ev.Err != nil && !ev.Skipped {
			e = &event.Error{Name: ev.Err.Name, Message: ev.Err.Message, Stack: ev.Err.Stack, Test: ev.Name, Index: ev.Index,
				Expected: ev.Err.Expected, Actual: ev.Err.Actual}
			r.fail()
			r.cur.failedTests = append(r.cur.failedTests, ev.Name)
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
	asked    *collections.Request // as the script gave it
	warnings []string             // runtime's warnings for it (unknown auth type, file load errors)
	req      *event.HTTPRequest
	resp     *collections.Response
	err      error
}

var _ sandbox.Requester = (*scriptRequester)(nil)

// Send sends one pm.sendRequest request.
func (s *scriptRequester) Send(ctx context.Context, req *collections.Request) (*collections.Response, error) {
	res, err := s.r.http.Send(ctx, req, req.Auth, map[string]any{"disableBodyPruning": true})
	sent := res.Request
	if sent == nil {
		sent = &event.HTTPRequest{Method: req.Method, URL: req.URL.String()}
	}
	s.mu.Lock()
	s.pending = append(s.pending, sentRequest{asked: req, req: sent, resp: res.Response, err: err, warnings: res.Warnings})
	s.mu.Unlock()
	return res.Response, err
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
		var failed *collections.Item
		if p.err != nil {
			e = requestError(p.err)
			// Newman's failure for a script's request names the request's own item, which has
			// no name (the failure's source reads "")
			failed = &collections.Item{ID: httpclient.NewUUID(), Request: p.asked}
		}
		for _, w := range p.warnings { // shown like the warnings of the item's own request
			r.rep.emit(&event.Warning{Header: r.header(c), Item: it, Text: w})
		}
		r.rep.emit(&event.BeforeRequest{Header: r.header(c), Item: it, Request: p.req})
		r.rep.emit(&event.Request{Header: r.header(c), Item: it, Request: p.req, Response: p.resp, Err: e,
			FromScript: true, Resolved: failed})
	}
}

// leavesOrigin reports whether a redirect Location (absolute or relative) points to another
// origin than the request URL from.
func leavesOrigin(from, location string) bool {
	base, err := url.Parse(from)
	if err != nil {
		return true
	}
	to, err := base.Parse(location)
	return err != nil || !httpclient.SameOrigin(base, to)
}
