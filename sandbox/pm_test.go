package sandbox

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

func TestPmTest(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"conformance test-basics": {
			src: `pm.test('passes', () => { pm.expect(1).to.equal(1); });
pm.test('fails', () => { pm.expect(1).to.equal(2); });
pm.test('throws an Error', () => { throw new Error('custom failure'); });
pm.test('throws a TypeError', () => { throw new TypeError('typed failure'); });
pm.test('throws a string', () => { throw 'just a string'; });
pm.test('throws an object', () => { throw { message: 'plain object', name: 'Custom' }; });
pm.test.skip('skipped test', () => { throw new Error('never runs'); });
pm.test('empty body passes', () => {});
pm.test('same name twice', () => {});
pm.test('same name twice', () => { pm.expect(false).to.be.true; });
pm.test('no function given');
pm.test('', () => {});
pm.test('first failure stops the test', () => {
    pm.expect(1).to.equal(3);
    pm.environment.set('afterFirstFailure', 'reached');
});
pm.test('nested outer', () => {
    pm.test('nested inner', () => { pm.expect(true).to.be.true; });
});
pm.test('return value false does not fail', () => false);
pm.test('pm.expect.fail', () => { pm.expect.fail('explicit fail'); });`,
			wantAsserts: []string{
				"passes ok",
				"fails FAIL AssertionError: expected 1 to equal 2",
				"throws an Error FAIL Error: custom failure",
				"throws a TypeError FAIL TypeError: typed failure",
				"throws a string FAIL AssertionError: throws a string",
				"throws an object FAIL Custom: plain object",
				"skipped test skipped",
				"empty body passes ok",
				"same name twice ok",
				"same name twice FAIL AssertionError: expected false to be true",
				"no function given ok",
				" ok",
				"first failure stops the test FAIL AssertionError: expected 1 to equal 3",
				"nested inner ok",
				"nested outer ok",
				"return value false does not fail ok",
				"pm.expect.fail FAIL AssertionError: explicit fail",
			},
			check: func(t *testing.T, ex *Execution, _ Result) {
				if ex.Scopes.Environment.Has("afterFirstFailure") {
					t.Error("test body continued after a failed expect")
				}
			},
		},
		"async forms": {
			src: `pm.test('done later', (done) => { setTimeout(() => { pm.expect(1).to.equal(1); done(); }, 5); });
pm.test('done with error', (done) => { setTimeout(() => done(new Error('late failure')), 1); });
pm.test('async passes', async () => { await new Promise(r => setTimeout(r, 2)); });
pm.test('async rejects', async () => { await null; pm.expect('a').to.equal('b'); });
pm.test('thenable rejects', () => Promise.reject(new RangeError('bad')));`,
			// Promise tests keep their registration order (Newman reports them at once);
			// done() tests report when done is called, behind a pending promise test.
			wantAsserts: []string{
				"async passes ok",
				"async rejects FAIL AssertionError: expected 'a' to equal 'b'",
				"thenable rejects FAIL RangeError: bad",
				"done with error FAIL Error: late failure",
				"done later ok",
			},
		},
		"done never called ends with the loop": {
			opts: Options{ScriptTimeout: 5 * time.Second}, // a hang fails as a timeout
			src: `pm.test('never done', (done) => {});
pm.test('done after a timer', (done) => { setTimeout(done, 1); });
pm.test('never settles', () => new Promise(() => {}));
pm.test('sync', () => {});`,
			wantAsserts: []string{
				"never settles FAIL Error: the test's promise never settled before the script ended",
				"sync ok", "done after a timer ok",
				"never done FAIL Error: done() was never called before the script ended",
			},
		},
		"done called twice or after a throw counts once": {
			src: `pm.test('twice', (done) => { done(); done(new Error('late')); });
pm.test('throws then done', (done) => { setTimeout(done, 1); throw new Error('sync'); });`,
			wantAsserts: []string{"twice ok", "throws then done FAIL Error: sync"},
		},
		"misspelt chai property fails": {
			src:         "pm.test('typo', () => { pm.expect(true).to.be.ture; });",
			wantAsserts: []string{"typo FAIL Error: Invalid Chai property: ture. Did you mean \"true\"?"},
		},
		"chai's proxy: excluded keys, symbols, no proxy, a misspelt method's property": {
			src: `pm.test('excluded keys read undefined', () => {
    const a = pm.expect(1);
    pm.expect([typeof a.then, typeof a.inspect, typeof a.toJSON, a[Symbol.iterator]]).to.eql(['undefined', 'undefined', 'undefined', undefined]);
    pm.expect(Object.prototype.toString.call(a)).to.equal('[object Object]');
});
pm.test('own flags and getters through the proxy', () => {
    const a = pm.expect({ x: 1 }).to.have.property('x');
    pm.expect(a._obj).to.equal(1);
    pm.expect(a.__flags.object).to.equal(1);
    a.that.is.a('number');
});
pm.test('misspelt property after a method', () => { pm.expect(1).to.equal.ture; });
pm.test('without the proxy a typo reads undefined', () => {
    const chai = require('chai');
    chai.config.useProxy = false;
    try { pm.expect(pm.expect(true).to.be.ture).to.be.undefined; } finally { chai.config.useProxy = true; }
});
pm.test('suggestion from the whole chain', () => { pm.expect([1]).to.includes(1).and.to.have.lengthh(1); });`,
			wantAsserts: []string{"excluded keys read undefined ok", "own flags and getters through the proxy ok",
				"misspelt property after a method FAIL Error: Invalid Chai property: equal.ture. See docs for proper usage of \"equal\".",
				"without the proxy a typo reads undefined ok",
				"suggestion from the whole chain FAIL Error: Invalid Chai property: lengthh. Did you mean \"length\"?"},
		},
		"index and chaining": {
			src: `const r = pm.test('a', () => {}).test('b', () => {});
pm.test('index', () => { pm.expect(pm.test.index()).to.equal(3); pm.expect(r).to.equal(pm); });`,
			wantAsserts: []string{"a ok", "b ok", "index ok"},
		},
		"chai-postman on response": {
			src: `pm.test('status', () => { pm.response.to.have.status(200); });
pm.test('wrong status', () => { pm.response.to.have.status(404); });
pm.test('json', () => { pm.expect(pm.response.json().args.a).to.equal('1'); });
pm.test('header', () => { pm.expect(pm.response.headers.get('content-type')).to.equal('application/json'); });
pm.test('text', () => { pm.expect(pm.response.text()).to.include('"n":5'); });
pm.test('code', () => { pm.expect(pm.response.code).to.equal(200); pm.expect(pm.response.responseTime).to.equal(12); });`,
			wantAsserts: []string{
				"status ok",
				"wrong status FAIL AssertionError: expected response to have status code 404 but got 200",
				"json ok", "header ok", "text ok", "code ok",
			},
		},
	})
}

func TestPmVariables(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"types and scopes": {
			src: `pm.environment.set('num', 5);
pm.environment.set('obj', { a: [1, 2] });
pm.environment.set('nul', null);
pm.environment.set('undef', undefined);
pm.globals.set('g', true);
pm.collectionVariables.set('c', 'coll');
pm.variables.set('local', 'L');
pm.test('types', () => {
    pm.expect(pm.environment.get('num')).to.equal(5);
    pm.expect(pm.environment.get('obj')).to.eql({ a: [1, 2] });
    pm.expect(pm.globals.get('g')).to.equal(true);
    pm.expect(pm.variables.get('c')).to.equal('coll');
    pm.expect(pm.variables.get('host')).to.equal('example.com');
    pm.expect(pm.variables.get('row')).to.equal('r1');
    pm.expect(pm.variables.has('local')).to.equal(true);
    pm.expect(pm.environment.has('local')).to.equal(false);
    pm.expect(pm.iterationData.get('row')).to.equal('r1');
    pm.iterationData.unset('row');
    pm.expect(pm.iterationData.has('row')).to.equal(false);
    pm.expect(pm.variables.get('row')).to.equal('r1'); // substitution still sees the data
    pm.expect(pm.environment.name).to.equal('env');
    pm.expect(pm.variables.name).to.equal(undefined); // as Newman: only a file's scope has a name
    pm.expect(pm.environment.id).to.equal('env-id');
    pm.expect(pm.variables.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    pm.expect(pm.variables.toJSON().id).to.equal(pm.variables.id);
    pm.environment.set('added', 1);
    const envJSON = pm.environment.toJSON();
    pm.expect(Object.keys(envJSON)).to.eql(['id', 'name', 'mutations', 'values']);
    pm.expect(envJSON.mutations.compacted.added).to.eql(['added', 1]);
    pm.expect(envJSON.values.find(v => v.key === 'num')).to.eql({ type: 'any', value: 5, key: 'num' });
    pm.expect(Object.keys(pm.iterationData.toJSON())).to.eql(['id', 'values']);
    pm.environment.unset('added');
    pm.expect(pm.environment.get('nul')).to.equal(null);
    pm.expect(pm.environment.has('undef')).to.equal(true);
    pm.expect(pm.environment.toObject()).to.eql({ host: 'example.com', num: 5, obj: { a: [1, 2] }, nul: null, undef: null });
    pm.expect(pm.variables.toObject()).to.include({ host: 'example.com', row: 'r1', local: 'L', c: 'coll', g: true });
});
pm.test('replaceIn', () => {
    pm.expect(pm.variables.replaceIn('http://{{host}}/{{local}}/{{missing}}')).to.equal('http://example.com/L/{{missing}}');
    pm.expect(pm.environment.replaceIn('{{$guid}}')).to.match(/^[0-9a-f-]{36}$/);
    pm.expect(pm.variables.replaceIn({ u: '{{host}}' })).to.eql({ u: 'example.com' });
    pm.expect(pm.variables.replaceIn('{{vault:x}}')).to.equal('{{vault:x}}');
});
pm.environment.unset('num');
pm.globals.clear();`,
			wantAsserts: []string{"types ok", "replaceIn ok"},
			check: func(t *testing.T, ex *Execution, _ Result) {
				if ex.Scopes.Environment.Has("num") || len(ex.Scopes.Globals.Keys()) != 0 {
					t.Error("unset/clear not applied")
				}
				if v, _ := ex.Scopes.Local.Get("local"); v != "L" {
					t.Errorf("local = %v", v)
				}
				if v, _ := ex.Scopes.Collection.Get("c"); v != "coll" {
					t.Errorf("collection c = %v", v)
				}
				if v, _ := ex.Scopes.Environment.Get("obj"); !reflect.DeepEqual(v, map[string]any{"a": []any{int64(1), int64(2)}}) {
					t.Errorf("obj = %#v", v)
				}
			},
		},
		"info and execution": {
			listen: "prerequest",
			src: `pm.info.iteration = 7;
pm.test('info', () => {
    const got = {};
    Object.getOwnPropertyNames(pm.info).forEach((k) => { got[k] = pm.info[k]; });
    pm.expect(got).to.eql({ eventName: 'prerequest', iteration: 0, iterationCount: 1, requestName: 'Item', requestId: 'req-1' });
    // as in Newman: read-only, not enumerable, the object not frozen
    pm.expect(JSON.stringify(pm.info)).to.equal('{}');
    pm.expect(Object.getOwnPropertyDescriptor(pm.info, 'iteration')).to.eql({ value: 0, writable: false, enumerable: false, configurable: false });
    pm.expect(Object.isFrozen(pm.info)).to.equal(false);
    pm.expect(Array.from(pm.execution.location)).to.eql(['Folder', 'Item']);
    pm.expect(pm.execution.location.current).to.equal('Item');
    pm.expect(pm.response).to.equal(undefined);
});
pm.execution.setNextRequest('Other');
pm.execution.skipRequest();
pm.environment.set('afterSkip', 'ran');`,
			wantAsserts: []string{"info ok"},
			check: func(t *testing.T, ex *Execution, res Result) {
				if res.NextRequest == nil || *res.NextRequest != "Other" || !res.SkipRequest || res.Err != nil {
					t.Errorf("result = %+v", res)
				}
				if ex.Scopes.Environment != nil && ex.Scopes.Environment.Has("afterSkip") {
					t.Errorf("code after pm.execution.skipRequest() ran")
				}
			},
		},
		"setNextRequest null and no skip in tests": {
			src:     "pm.execution.setNextRequest(null);\npm.execution.skipRequest();",
			wantErr: "TypeError: pm.execution.skipRequest is not a function",
			check: func(t *testing.T, _ *Execution, res Result) {
				if !res.NextRequestNull || res.NextRequest != nil {
					t.Errorf("result = %+v", res)
				}
			},
		},
		"visualizer": {
			src: `pm.visualizer.set('<b>{{x}}</b>', { x: 1 });
try { pm.visualizer.set(5); } catch (e) { console.log(e.message); }`,
			wantConsole: []string{"log: Invalid template. Template must be of type string, found number"},
			check: func(t *testing.T, _ *Execution, res Result) {
				if res.Visualizer == nil || res.Visualizer.Template != "<b>{{x}}</b>" ||
					!reflect.DeepEqual(res.Visualizer.Data, map[string]any{"x": int64(1)}) {
					t.Errorf("visualizer = %+v", res.Visualizer)
				}
			},
		},
		"visualizer clear": {
			src: "pm.visualizer.set('x'); pm.visualizer.clear();",
			check: func(t *testing.T, _ *Execution, res Result) {
				if res.Visualizer != nil {
					t.Errorf("visualizer = %+v", res.Visualizer)
				}
			},
		},
		"pm.require": {
			src:     "pm.require('@team/pkg');",
			wantErr: "Error: Cannot find package '@team/pkg': pmrun has no package source (use --package-dir for team packages)",
		},
	})
}

func TestPmRequest(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"pre-request changes are written back": {
			listen: "prerequest",
			src: `pm.request.headers.add({ key: 'X-Added', value: 'yes' });
pm.request.url.query.add({ key: 'b', value: '2' });
pm.request.method = 'POST';`,
			check: func(t *testing.T, ex *Execution, _ Result) {
				r := ex.Request
				if r.Method != "POST" || len(r.Headers) != 2 || r.Headers[1].Key != "X-Added" || len(r.URL.Query) != 2 {
					t.Errorf("request = %+v", r)
				}
				if r.URL.Host[0] != "{{host}}" {
					t.Errorf("host = %q, want the unresolved variable kept", r.URL.Host)
				}
			},
		},
		"reading in pre-request keeps the request": {
			listen: "prerequest",
			src:    "pm.request.url.toString(); pm.request.headers.get('Accept');",
			check: func(t *testing.T, ex *Execution, _ Result) {
				if ex.Request.URL.Query[0].Key != "a" || len(ex.Request.Headers) != 1 || ex.Request.URL.Host[0] != "{{host}}" {
					t.Errorf("request = %+v", ex.Request)
				}
			},
		},
		"test script changes are not written": {
			src: "pm.request.headers.add({ key: 'X-Added', value: 'yes' });",
			check: func(t *testing.T, ex *Execution, _ Result) {
				if len(ex.Request.Headers) != 1 {
					t.Errorf("headers = %+v", ex.Request.Headers)
				}
			},
		},
		"reading the request": {
			src: `pm.test('request', () => {
    pm.expect(pm.request.url.toString()).to.equal('http://{{host}}/get?a=1');
    pm.expect(pm.request.headers.get('accept')).to.equal('application/json');
    pm.expect(pm.request.method).to.equal('GET');
});`,
			wantAsserts: []string{"request ok"},
		},
	})
}

// TestResponseAfterRequestError checks what a test script sees after a request error, as
// recorded with Newman 6.2.2: Postman's empty response and the legacy globals still defined.
func TestResponseAfterRequestError(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	ex := newExec("test", `const seen = [];
const probe = (name, f) => { try { seen.push(name + '=' + JSON.stringify(f())); } catch (e) { seen.push(name + ' threw ' + e.name + ': ' + e.message); } };
probe('text', () => pm.response.text());
probe('json', () => pm.response.json());
probe('responseTime', () => pm.response.responseTime);
probe('reason', () => pm.response.reason());
probe('size', () => pm.response.size());
probe('toJSON', () => Object.keys(JSON.parse(JSON.stringify(pm.response.toJSON()))));
probe('legacy', () => [responseCode, responseHeaders, responseCookies, responseBody, responseTime]);
console.log(seen.join('\n'));
pm.test('fast enough', () => { pm.expect(pm.response.responseTime).to.be.below(500); });
pm.test('status', () => { pm.response.to.have.status(200); });
tests['legacy code'] = responseCode.code === 200;`)
	ex.Response = nil
	ex.RequestError = errors.New("connect ECONNREFUSED 127.0.0.1:1")
	if res := h.sb.Run(context.Background(), ex); res.Err != nil {
		t.Fatal(res.Err)
	}
	want := []string{"log: text=undefined\n" +
		"json threw JSONError: \"undefined\" is not valid JSON\n" +
		"responseTime=undefined\n" +
		"reason=undefined\n" +
		`size={"body":0,"header":32,"total":32}` + "\n" +
		`toJSON=["id","header","cookie"]` + "\n" +
		`legacy=[{},{},[],null,null]`}
	var logs []string
	for _, l := range h.rec.console() {
		if strings.HasPrefix(l, "log: ") {
			logs = append(logs, l)
		}
	}
	if !reflect.DeepEqual(logs, want) {
		t.Errorf("console:\n got %q\nwant %q", logs, want)
	}
	wantAsserts := []string{
		"fast enough FAIL AssertionError: expected undefined to be a number or a date",
		"status FAIL AssertionError: expected PostmanResponse{ …(5) } to have property 'code'",
		"legacy code FAIL AssertionError: expected false to be truthy",
	}
	if g := describeAssertions(h.rec.assertions()); !reflect.DeepEqual(g, wantAsserts) {
		t.Errorf("assertions:\n got %q\nwant %q", g, wantAsserts)
	}
}

func TestResponseAbsent(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	ex := newExec("test", "pm.test('no response', () => { pm.expect(pm.response.code).to.equal(undefined); });")
	ex.Response = nil
	ex.RequestError = errors.New("connect ECONNREFUSED")
	if res := h.sb.Run(context.Background(), ex); res.Err != nil {
		t.Fatal(res.Err)
	}
	if g := describeAssertions(h.rec.assertions()); !reflect.DeepEqual(g, []string{"no response ok"}) {
		t.Fatalf("assertions %q", g)
	}
}

// fakeRequester answers every request with the request's URL echoed, or fails.
type fakeRequester struct {
	mu     sync.Mutex
	seen   []string
	bodies []string // "path mode [form keys]" of each request
	err    error
}

type codedError struct{ code, msg string }

func (e codedError) Error() string { return e.msg }
func (e codedError) Code() string  { return e.code }

// systemError is a codedError with the own properties of Node's system error, as runner's
// request errors have them.
type systemError struct {
	codedError
	address string
	port    int
}

func (e systemError) NodeFields() ([]string, []any) {
	return []string{"errno", "code", "syscall", "address", "port"}, []any{-111, e.code, "connect", e.address, e.port}
}

func (f *fakeRequester) Send(_ context.Context, req *collections.Request) (*collections.Response, error) {
	f.mu.Lock()
	f.seen = append(f.seen, req.Method+" "+req.URL.String())
	f.bodies = append(f.bodies, describeBody(req))
	f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	return &collections.Response{
		Code: 201, Status: "Created",
		Headers: []collections.Header{{Key: "Content-Type", Value: "application/json"}},
		Body:    []byte(`{"url":"` + req.URL.String() + `"}`),
	}, nil
}

func TestSendRequest(t *testing.T) {
	t.Parallel()
	ok := &fakeRequester{}
	files := &fakeRequester{}
	runCases(t, map[string]scriptCase{
		"promise and callback": {
			opts: Options{Requester: ok},
			src: `const res = await pm.sendRequest('http://localhost/one');
pm.test('promise', () => { pm.expect(res.code).to.equal(201); pm.expect(res.json().url).to.equal('http://localhost/one'); });
pm.sendRequest({ url: 'http://localhost/two', method: 'POST', header: { 'X-A': '1' }, body: { mode: 'raw', raw: 'hi' } }, (err, r) => {
    pm.test('callback', () => { pm.expect(err).to.equal(null); pm.expect(r.status).to.equal('Created'); });
});`,
			wantAsserts: []string{"promise ok", "callback ok"},
			check: func(t *testing.T, _ *Execution, _ Result) {
				ok.mu.Lock()
				defer ok.mu.Unlock()
				if len(ok.seen) != 2 || ok.seen[1] != "POST http://localhost/two" {
					t.Errorf("requests = %q", ok.seen)
				}
			},
		},
		"error with code": {
			opts: Options{Requester: &fakeRequester{err: codedError{"ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"}}},
			src: `pm.sendRequest('http://127.0.0.1:1/', (err, res) => {
    pm.test('error', () => { pm.expect(err.code).to.equal('ECONNREFUSED'); pm.expect(err.message).to.equal('connect ECONNREFUSED 127.0.0.1:1'); pm.expect(res).to.be.postmanResponse; });
});
try { await pm.sendRequest('http://127.0.0.1:1/'); } catch (e) { console.log(e.name, e.code); }`,
			wantAsserts: []string{"error ok"},
			wantConsole: []string{"log: Error ECONNREFUSED"},
		},
		"errors in callbacks are ignored with a warning, other requests finish": {
			opts: Options{Requester: &fakeRequester{}},
			src: `pm.sendRequest('http://localhost/one', () => { throw new TypeError('in cb'); });
pm.sendRequest('http://localhost/two', (err, res) => { pm.environment.set('two', res.code); pm.test('second', () => {}); });`,
			wantAsserts: []string{"second ok"},
			wantConsole: []string{"warn: error in an async callback ignored (as Newman does): TypeError: in cb (Folder/Item [test] line 1)"},
			check: func(t *testing.T, ex *Execution, _ Result) {
				if v, _ := ex.Scopes.Environment.Get("two"); v != int64(201) && v != float64(201) && v != 201 {
					t.Errorf("environment two = %#v, want 201", v)
				}
			},
		},
		"a synchronous throw while a request is pending is ignored, the callback runs": {
			opts: Options{Requester: &fakeRequester{}},
			src: `pm.sendRequest('http://localhost/one', (err, res) => { pm.test('callback', () => { pm.expect(res.code).to.equal(201); }); });
throw new Error('sync stop');`,
			wantAsserts: []string{"callback ok"},
			wantConsole: []string{"warn: error ignored because the script had started timers or requests (as Newman does): Error: sync stop (Folder/Item [test] line 2)"},
		},
		// As Newman: the callback gets Node's system error as a plain object (no own message)
		// and an empty response; the promise form keeps an Error.
		"system error": {
			opts: Options{Requester: &fakeRequester{err: systemError{codedError{"ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"}, "127.0.0.1", 1}}},
			src: `pm.sendRequest('http://127.0.0.1:1/', (err, res) => {
    pm.test('callback', () => {
        pm.expect(JSON.stringify(err)).to.equal('{"errno":-111,"code":"ECONNREFUSED","syscall":"connect","address":"127.0.0.1","port":1}');
        pm.expect(err instanceof Error).to.equal(false);
        pm.expect(res).to.be.an('object');
        pm.expect(res.code).to.equal(undefined);
        pm.expect(JSON.stringify(res)).to.match(/^{"id":"[^"]+","header":\[\],"cookie":\[\]}$/);
    });
});
try { await pm.sendRequest('http://127.0.0.1:1/'); } catch (e) { console.log(e.name, e.code, e.message); }`,
			wantAsserts: []string{"callback ok"},
			wantConsole: []string{"log: Error ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1"},
		},
		// As Newman: sent as written, {{variables}} included.
		"no substitution": {
			opts: Options{Requester: &fakeRequester{}},
			src: `pm.variables.set('who', 'alice');
const res = await pm.sendRequest('http://localhost/{{who}}?q={{who}}');
pm.test('literal', () => { pm.expect(res.json().url).to.equal('http://localhost/{{who}}?q={{who}}'); });`,
			wantAsserts: []string{"literal ok"},
		},
		// As Newman: nothing to request calls back (it used to throw); without a callback it
		// is a promise that rejects, and no failure when not awaited.
		"nothing to request": {
			opts: Options{Requester: &fakeRequester{}},
			src: `let got;
pm.sendRequest('', (err, res) => { got = [err instanceof Error, err.message, res]; });
pm.sendRequest(null);
try { await pm.sendRequest(''); } catch (e) { got.push(e.message); }
pm.test('called back', () => { pm.expect(got).to.deep.equal([true, 'sendrequest: nothing to request', undefined, 'sendrequest: nothing to request']); });`,
			wantAsserts: []string{"called back ok"},
		},
		"unawaited failure fails the script": {
			opts:    Options{Requester: &fakeRequester{err: errors.New("boom")}},
			src:     "pm.sendRequest('http://x/');",
			wantErr: "Error: boom",
		},
		"file bodies are stripped with a warning": {
			opts: Options{Requester: files},
			src: `await pm.sendRequest({ url: 'http://localhost/file', method: 'POST', body: { mode: 'file', file: { src: '/etc/passwd' } } });
await pm.sendRequest({ url: 'http://localhost/form', method: 'POST', body: { mode: 'formdata', formdata: [
    { key: 'a', value: '1', type: 'text' }, { key: 'f', type: 'file', src: '/etc/passwd' }] } });
await pm.sendRequest({ url: 'http://localhost/raw', method: 'POST', body: { mode: 'raw', raw: 'x' } });`,
			wantConsole: []string{
				"warn: uploading files from scripts is not allowed",
				"warn: uploading files from scripts is not allowed",
			},
			check: func(t *testing.T, _ *Execution, _ Result) {
				files.mu.Lock()
				defer files.mu.Unlock()
				want := []string{"/file <nil>", "/form formdata [a]", "/raw raw []"}
				if !reflect.DeepEqual(files.bodies, want) {
					t.Errorf("bodies sent = %q, want %q", files.bodies, want)
				}
			},
		},
		"no requester": {
			src:     "await pm.sendRequest('http://x/');",
			wantErr: "Error: pm.sendRequest is not available in this run",
		},
	})
}

// fakeVault is an in-memory Vault; deny makes every call fail like Postman's denied access.
type fakeVault struct {
	mu     sync.Mutex
	values map[string]string
	deny   bool
	fail   error // returned by Set and Unset when set (a linked secret, a provider error)
}

func (v *fakeVault) Get(_ context.Context, key string) (string, bool, error) {
	if v.deny {
		return "", false, errors.New("Vault access denied")
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	s, ok := v.values[key]
	return s, ok, nil
}

func (v *fakeVault) Set(_ context.Context, key, value string) error {
	if v.deny {
		return errors.New("Vault access denied")
	}
	if v.fail != nil {
		return v.fail
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.values[key] = value
	return nil
}

func (v *fakeVault) Unset(_ context.Context, key string) error {
	if v.deny {
		return errors.New("Vault access denied")
	}
	if v.fail != nil {
		return v.fail
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	delete(v.values, key)
	return nil
}

func TestVault(t *testing.T) {
	t.Parallel()
	vault := &fakeVault{values: map[string]string{"apiKey": "s3cr3t"}}
	runCases(t, map[string]scriptCase{
		"get set unset": {
			opts: Options{Vault: vault},
			src: `pm.test('shape', () => {
    pm.expect(Object.keys(pm.vault).sort()).to.eql(['get', 'set', 'unset']);
    const v = pm.vault; pm.vault = []; pm.expect(pm.vault).to.equal(v);
});
const got = await pm.vault.get('apiKey');
const missing = await pm.vault.get('missing');
await pm.vault.set('newKey', 'v1');
await pm.vault.unset('apiKey');
pm.test('values', () => {
    pm.expect(got).to.equal('s3cr3t');
    pm.expect(missing).to.equal(undefined);
    pm.expect(pm.variables.get('newKey')).to.equal(undefined);
});`,
			wantAsserts: []string{"shape ok", "values ok"},
			check: func(t *testing.T, _ *Execution, _ Result) {
				vault.mu.Lock()
				defer vault.mu.Unlock()
				if _, ok := vault.values["apiKey"]; ok || vault.values["newKey"] != "v1" {
					t.Errorf("vault = %v", vault.values)
				}
			},
		},
		"nil vault rejects": {
			src:         "try { await pm.vault.get('x'); } catch (e) { console.log(e.message); }",
			wantConsole: []string{"error: " + msgVaultDisabled, "log: " + msgVaultDisabled},
		},
		"denied and caught": {
			opts:        Options{Vault: &fakeVault{deny: true}},
			src:         "try { await pm.vault.get('x'); } catch (e) { console.log('caught', e.message); }",
			wantConsole: []string{"error: Vault access denied", "log: caught Vault access denied"},
		},
		"denied and unawaited": {
			opts:    Options{Vault: &fakeVault{deny: true}},
			src:     "pm.vault.get('x');",
			wantErr: "Error: Vault access denied",
		},
		"denied and awaited": {
			opts:    Options{Vault: &fakeVault{deny: true}},
			src:     "await pm.vault.set('x', 'y');",
			wantErr: "Error: Vault access denied",
		},
		"every denied call is on the console": {
			opts: Options{Vault: &fakeVault{deny: true}},
			src: `const results = await Promise.allSettled([pm.vault.get('a'), pm.vault.set('b', 'v'), pm.vault.unset('c')]);
pm.test('all rejected', () => pm.expect(results.map(r => r.status + ' ' + r.reason.message)).to.eql(Array(3).fill('rejected Vault access denied')));`,
			wantAsserts: []string{"all rejected ok"},
			wantConsole: []string{"error: Vault access denied", "error: Vault access denied", "error: Vault access denied"},
		},
		"provider error is on the console": {
			opts:        Options{Vault: &fakeVault{values: map[string]string{}, fail: errors.New("secret \"db\" is linked to 1Password and cannot be set from scripts")}},
			src:         "try { await pm.vault.set('db', 'x'); } catch (e) { console.log('caught'); }",
			wantConsole: []string{"error: secret \"db\" is linked to 1Password and cannot be set from scripts", "log: caught"},
		},
	})
}

// fakeJar is an in-memory CookieJar keyed by url.
type fakeJar struct {
	mu      sync.Mutex
	cookies map[string][]collections.Cookie
}

func (j *fakeJar) Get(_ context.Context, url, name string) (*collections.Cookie, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, c := range j.cookies[url] {
		if c.Name == name {
			return &c, nil
		}
	}
	return nil, nil
}

func (j *fakeJar) GetAll(_ context.Context, url string) ([]collections.Cookie, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]collections.Cookie(nil), j.cookies[url]...), nil
}

func (j *fakeJar) Set(_ context.Context, url string, c collections.Cookie) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.cookies[url] = append(j.cookies[url], c)
	return nil
}

func (j *fakeJar) Unset(_ context.Context, url, name string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	var keep []collections.Cookie
	for _, c := range j.cookies[url] {
		if c.Name != name {
			keep = append(keep, c)
		}
	}
	j.cookies[url] = keep
	return nil
}

func (j *fakeJar) Clear(_ context.Context, url string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	delete(j.cookies, url)
	return nil
}

func TestCookies(t *testing.T) {
	t.Parallel()
	jar := &fakeJar{cookies: map[string][]collections.Cookie{}}
	h := newHarness(t, Options{Cookies: jar})
	ex := newExec("test", `pm.test('pm.cookies', () => {
    pm.expect(pm.cookies.get('session')).to.equal('abc');
    pm.expect(pm.cookies.has('nope')).to.equal(false);
});
const j = pm.cookies.jar();
await j.set('http://a.test/', 'k', 'v');
await j.set('http://a.test/', { name: 'k2', value: 'v2', httpOnly: true });
const v = await j.get('http://a.test/', 'k');
const all = await j.getAll('http://a.test/');
await new Promise(r => j.get('http://a.test/', 'k2', (err, value) => {
    pm.test('callback', () => { pm.expect(err).to.equal(null); pm.expect(value).to.equal('v2'); });
    r();
}));
await j.unset('http://a.test/', 'k');
pm.test('type error wording', () => { const o = {}; o.missing(); });
pm.test('jar', () => {
    pm.expect(v).to.equal('v');
    pm.expect(all.map(c => c.name)).to.eql(['k', 'k2']);
    pm.expect(() => j.get('', 'x')).to.throw('CookieJar.get() requires a valid url');
});`)
	ex.Cookies = []collections.Cookie{{Name: "session", Value: "abc", Domain: "example.com"}}
	if res := h.sb.Run(context.Background(), ex); res.Err != nil {
		t.Fatal(res.Err)
	}
	if g := describeAssertions(h.rec.assertions()); !reflect.DeepEqual(g, []string{"pm.cookies ok", "callback ok", "type error wording FAIL TypeError: o.missing is not a function", "jar ok"}) {
		t.Fatalf("assertions %q", g)
	}
	if len(jar.cookies["http://a.test/"]) != 1 || !jar.cookies["http://a.test/"][0].HTTPOnly {
		t.Fatalf("jar = %+v", jar.cookies)
	}
}

func TestLegacy(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"tests object and globals": {
			src: `tests['truthy'] = responseCode.code === 200;
tests['falsy'] = false;
tests['zero'] = 0;
postman.setEnvironmentVariable('legacy', 42);
postman.setGlobalVariable('lg', 'g');
tests['body'] = JSON.parse(responseBody).n === 5;
tests['header'] = postman.getResponseHeader('CONTENT-TYPE') === 'application/json' && responseHeaders['Content-Type'] === 'application/json';
tests['env'] = environment.host === 'example.com' && data.row === 'r1' && iteration === 0;
tests['libs'] = _.isArray([]) && CryptoJS.MD5('a').toString().length === 32 && typeof tv4.validate === 'function';
tests['request'] = request.method === 'GET' && request.headers.Accept === 'application/json';
postman.setNextRequest('next');`,
			wantAsserts: []string{
				"truthy ok",
				"falsy FAIL AssertionError: expected false to be truthy",
				"zero FAIL AssertionError: expected 0 to be truthy",
				"body ok", "header ok", "env ok", "libs ok", "request ok",
			},
			wantConsole: []string{
				`warn: Using "tests" is deprecated. Use "pm.test()" instead.`,
				`warn: Using "responseCode" is deprecated. Use "pm.response.code" instead.`,
				`warn: Using "postman.setEnvironmentVariable" is deprecated. Use "pm.environment.set()" instead.`,
				`warn: Using "postman.setGlobalVariable" is deprecated. Use "pm.globals.set()" instead.`,
				`warn: Using "postman.getResponseHeader" is deprecated. Use "pm.response.headers.get()" instead.`,
				`warn: Using "responseHeaders" is deprecated. Use "pm.response.headers" instead.`,
				`warn: Using "environment" is deprecated. Use "pm.environment" instead.`,
				`warn: Using "data" is deprecated. Use "pm.iterationData" instead.`,
				`warn: Using "_" is deprecated. Use "require('lodash')" instead.`,
				`warn: Using "CryptoJS" is deprecated. Use global "crypto" object instead.`,
				`warn: Using "tv4" is deprecated. Use "require('ajv')" instead.`,
				`warn: Using "request" is deprecated. Use "pm.request" instead.`,
				`warn: Using "postman.setNextRequest" is deprecated. Use "pm.execution.setNextRequest()" instead.`,
			},
			check: func(t *testing.T, ex *Execution, res Result) {
				if v, _ := ex.Scopes.Environment.Get("legacy"); v != "42" {
					t.Errorf("legacy = %#v, want the string 42", v)
				}
				if res.NextRequest == nil || *res.NextRequest != "next" {
					t.Errorf("next = %v", res.NextRequest)
				}
			},
		},
		"lodash 3 as _ and lodash 4 by require": {
			src: `pm.test('versions', () => {
    pm.expect(_.VERSION).to.match(/^3\./);
    pm.expect(require('lodash').VERSION).to.match(/^4\./);
    pm.expect(cheerio.load('<i>x</i>')('i').text()).to.equal('x');
    pm.expect(xml2Json('<a><b>1</b></a>')).to.eql({ a: { b: '1' } });
});`,
			wantAsserts: []string{"versions ok"},
		},
		"use sandbox2 disables legacy": {
			src:         "'use sandbox2';\npm.test('no legacy', () => { pm.expect(typeof tests).to.equal('undefined'); pm.expect(typeof _).to.equal('undefined'); });",
			wantAsserts: []string{"no legacy ok"},
			wantConsole: []string{},
		},
		"shadowing a legacy name": {
			src:         "const cheerio = require('cheerio');\npm.test('local cheerio', () => pm.expect(typeof cheerio.load).to.equal('function'));",
			wantAsserts: []string{"local cheerio ok"},
			wantConsole: []string{},
		},
	})
}

func TestWarningsOncePerScript(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	for range 2 {
		h.run("tests['a'] = true; tests['b'] = true;")
	}
	n := 0
	for _, l := range h.rec.console() {
		if strings.Contains(l, `"tests"`) {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("warnings = %d, want one per script", n)
	}
}

func TestRequestReadOnlyNotRewritten(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	for _, tc := range []struct {
		src       string
		rewritten bool
	}{
		{"pm.request.url.toString(); pm.request.headers.get('Accept');", false},
		{"pm.request.headers.upsert({ key: 'Accept', value: 'text/plain' });", true},
	} {
		ex := newExec("prerequest", tc.src)
		ex.Response = nil
		before := &ex.Request.Headers[0]
		if res := h.sb.Run(context.Background(), ex); res.Err != nil {
			t.Fatal(res.Err)
		}
		if got := &ex.Request.Headers[0] != before; got != tc.rewritten {
			t.Errorf("%s: rewritten = %v, want %v", tc.src, got, tc.rewritten)
		}
	}
}

// slowVault blocks every call until its context ends.
type slowVault struct{ cancelled chan struct{} }

func (v *slowVault) Get(ctx context.Context, _ string) (string, bool, error) {
	<-ctx.Done()
	close(v.cancelled)
	return "", false, ctx.Err()
}
func (v *slowVault) Set(context.Context, string, string) error { return nil }
func (v *slowVault) Unset(context.Context, string) error       { return nil }

func TestTimeoutCancelsHostCall(t *testing.T) {
	t.Parallel()
	v := &slowVault{cancelled: make(chan struct{})}
	h := newHarness(t, Options{Vault: v, ScriptTimeout: 50 * time.Millisecond})
	res := h.run("await pm.vault.get('k');")
	if res.Err == nil || !res.Err.Timeout || res.Err.Message != msgAsyncTimeout {
		t.Fatalf("err = %+v", res.Err)
	}
	select {
	case <-v.cancelled:
	case <-time.After(2 * time.Second):
		t.Fatal("host call not cancelled")
	}
	h.reset()
	if res := h.run("pm.test('after', () => {});"); res.Err != nil || len(h.rec.assertions()) != 1 {
		t.Fatalf("next run: %v %v", res.Err, h.rec.assertions())
	}
}

func describeBody(req *collections.Request) string {
	path := "/" + strings.Join(req.URL.Path, "/")
	if req.Body == nil {
		return path + " <nil>"
	}
	keys := []string{}
	for _, p := range req.Body.FormData {
		keys = append(keys, p.Key)
	}
	return fmt.Sprintf("%s %s %v", path, req.Body.Mode, keys)
}

// TestAssertionOrderAsNewman checks, against what Newman 6.2.2 reported for the same
// script, the order of results (promise tests in registration order, legacy tests when the
// synchronous part ends, done() tests when done is called) and the legacy failure message.
func TestAssertionOrderAsNewman(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"registration order and legacy tests": {
			src: `tests['empty'] = '';
tests['zero'] = 0;
tests['negzero'] = -0;
tests['nan'] = NaN;
tests['undef'] = undefined;
tests['ok'] = 'x';
pm.test('done first', (done) => { setTimeout(done, 30); });
pm.test('sync second', () => {});
pm.test('async third', async () => { await new Promise(r => setTimeout(r, 10)); });
pm.test('done fourth fails', (done) => { setTimeout(() => done(new Error('d4')), 5); });
pm.test('sync fifth', () => {});`,
			wantAsserts: []string{
				"sync second ok", "async third ok", "sync fifth ok",
				"empty FAIL AssertionError: expected  to be truthy",
				"zero FAIL AssertionError: expected 0 to be truthy",
				"negzero FAIL AssertionError: expected 0 to be truthy",
				"nan FAIL AssertionError: expected NaN to be truthy",
				"undef FAIL AssertionError: expected undefined to be truthy",
				"ok ok",
				"done fourth fails FAIL Error: d4",
				"done first ok",
			},
		},
		"legacy tests changed in a timer are not seen": {
			src: `tests['early'] = true;
setTimeout(() => { tests['late'] = false; tests['early'] = false; }, 10);
pm.test('done first', (done) => { setTimeout(done, 30); });`,
			wantAsserts: []string{"early ok", "done first ok"},
		},
	})
}

// TestXML2JSONAsPostman: Postman's xml2Json returns the parser's result whatever happened,
// so undefined and text that is not XML give undefined (recorded with Newman 6.2.2).
func TestXML2JSONAsPostman(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"results": {
			src: `const r = [undefined, '', 'not xml', '<a>1</a>', null, 12].map(v => JSON.stringify(xml2Json(v)) + ' ' + typeof xml2Json(v));
console.log(r.join('|'));`,
			wantConsole: []string{
				`warn: Using "xml2Json" is deprecated. Use "require('xml2js')" instead.`,
				`log: undefined undefined|null object|undefined undefined|{"a":"1"} object|undefined undefined|undefined undefined`,
			},
		},
	})
}

// TestLegacyAsNewman covers legacy behaviours found on Newman's own integration suite
// (multi-level-folders, multi-value-data), checked with Newman 6.2.2: postman.set*Variable
// keeps 0, the empty string, false and null as they are (only truthy values are stringified), and request.data
// collects a repeated form key into an array.
func TestLegacyAsNewman(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	ex := newExec("test", `console.log(JSON.stringify(request.data));`)
	ex.Request.Body = &collections.Body{Mode: "formdata", FormData: []collections.FormParam{
		{Key: "name", Value: "a", Type: "text"}, {Key: "name", Value: "b", Type: "text"}, {Key: "name", Value: "c", Type: "text"},
		{Key: "x", Value: "", Type: "text"}, {Key: "x", Value: "y", Type: "text"}, {Key: "off", Value: "1", Type: "text", Disabled: true},
	}}
	h.sb.Run(context.Background(), ex)
	if got, want := h.rec.console(), `log: {"name":["a","b","c"],"x":"y"}`; len(got) == 0 || got[len(got)-1] != want {
		t.Errorf("request.data: %q, want %q", got, want)
	}
	h.reset()
	if res := h.run(`postman.setEnvironmentVariable('zero', 0); postman.setEnvironmentVariable('f', false); postman.setEnvironmentVariable('one', 1);
console.log(['zero', 'f', 'one'].map(k => typeof postman.getEnvironmentVariable(k)).join(','), postman.getEnvironmentVariable('zero') === 0);`); res.Err != nil {
		t.Fatal(res.Err)
	}
	if got := h.rec.console(); len(got) == 0 || got[len(got)-1] != "log: number,boolean,string true" {
		t.Errorf("set variable types: %q", got)
	}
}

// TestCookieJarCallbackErrorIgnored: as in Newman 6.2.2, an error thrown by a cookie jar
// callback does not fail the script; later timers still run.
func TestCookieJarCallbackErrorIgnored(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"jar callback throws": {
			opts: Options{Cookies: &fakeJar{cookies: map[string][]collections.Cookie{}}},
			src: `pm.cookies.jar().set('http://a.test/', 'a', '1', () => { throw new Error('jar cb'); });
setTimeout(() => { pm.test('after jar error', () => {}); }, 20);`,
			wantAsserts: []string{"after jar error ok"},
			wantConsole: []string{"warn: error in an async callback ignored (as Newman does): Error: jar cb (Folder/Item [test] line 1)"},
		},
	})
}

// TestResponseCookiesAsNewman checks the cookies a test script sees against Newman 6.2.2
// (recorded with real Newman): pm.response.cookies is always empty (postman-runtime builds the
// response with no cookies), while responseCookies and postman.getResponseCookie read the
// cookie jar's cookies for the URL, as pm.cookies does, as Cookie objects.
func TestResponseCookiesAsNewman(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	ex := newExec("test", `pm.test('response ' + pm.response.cookies.count(), () => {});
pm.test('responseCookies ' + responseCookies.map((c) => c.name + '=' + c.value + (c.secure ? ' secure' : '')).join(','), () => {});
const b = postman.getResponseCookie('b');
pm.test('getResponseCookie ' + b.name + '=' + b.value + ' ' + (b instanceof Object && typeof b.toJSON) + ' ' + postman.getResponseCookie('nope'), () => {});
pm.test('same as pm.cookies ' + (JSON.stringify(responseCookies) === JSON.stringify(pm.cookies)), () => {});`)
	ex.Response.Cookies = []collections.Cookie{{Name: "fromResponse", Value: "1", Domain: "example.com"}}
	ex.Cookies = []collections.Cookie{{Name: "a", Value: "1", Domain: "example.com", Path: "/"}, {Name: "b", Value: "2", Domain: "example.com", Path: "/", Secure: true}}
	h.sb.Run(context.Background(), ex)
	var got []string
	for _, a := range h.rec.assertions() {
		got = append(got, a.Name)
	}
	want := []string{
		"response 0",
		"responseCookies a=1,b=2 secure",
		"getResponseCookie b=2 function undefined",
		"same as pm.cookies true",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n %q\nwant\n %q", got, want)
	}
}

// slowSetJar is fakeJar whose Set takes a while, so calls that ran concurrently would
// finish out of order.
type slowSetJar struct{ fakeJar }

func (j *slowSetJar) Set(ctx context.Context, url string, c collections.Cookie) error {
	time.Sleep(20 * time.Millisecond)
	return j.fakeJar.Set(ctx, url, c)
}

// A script's cookie-jar calls run in the order it made them, callbacks included, whatever
// each takes.
func TestCookieJarCallsRunInOrder(t *testing.T) {
	t.Parallel()
	jar := &slowSetJar{fakeJar{cookies: map[string][]collections.Cookie{}}}
	h := newHarness(t, Options{Cookies: jar})
	ex := newExec("test", `const j = pm.cookies.jar(), u = 'http://a.test/', seen = [];
j.set(u, 'a', '1', () => seen.push('set a'));
j.get(u, 'a', (err, v) => seen.push('get a=' + v));
j.unset(u, 'a', () => seen.push('unset a'));
j.get(u, 'a', (err, v) => seen.push('get a=' + v));
j.set(u, 'b', '2').then(() => seen.push('set b'));
j.getAll(u, (err, list) => {
    seen.push('getAll ' + list.count());
    pm.test('in call order', () => {
        pm.expect(seen).to.eql(['set a', 'get a=1', 'unset a', 'get a=undefined', 'set b', 'getAll 1']);
    });
});`)
	if res := h.sb.Run(context.Background(), ex); res.Err != nil {
		t.Fatal(res.Err)
	}
	if g := describeAssertions(h.rec.assertions()); !reflect.DeepEqual(g, []string{"in call order ok"}) {
		t.Fatalf("assertions %q", g)
	}
}
