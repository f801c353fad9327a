package sandbox

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/sandbox/jslib"
)

// The model tests compile js/model.js in a bare goja runtime (chai, buffer and ajv from
// jslib, a stub host) and check it snippet by snippet. Unless a case says otherwise, every
// expected value below was produced by running the same snippet against
// postman-collection 5.2.1 and chai-postman 2.0.1 under Node;
// TestModelMatchesPostmanCollection (model_diff_test.go) runs every table on the real
// libraries and lists each intended difference with its reason. In short: model.wireJSON
// (what Go reads back) writes a Url with "raw" (= toString()), without empty
// "query"/"variable" lists or the implicit variable type "any", and its userinfo as
// "user:password" (Url#toJSON itself has postman-collection's shape); PropertyList#getAll
// exists; a request's description stays a plain string; FormParam lists print as [object Object] where
// postman-collection overflows its stack; responses carry responseSize and decode their body
// as postman-runtime's stream is.

// modelCase is a JavaScript snippet and the text it must produce.
type modelCase struct{ js, want string }

var (
	modelProgramOnce sync.Once
	modelProgram     *goja.Program
	modelProgramErr  error
)

// modelPrelude defines the helpers the snippets use: sdk (the model), req/res
// constructors, expect, and canon (JSON with sorted keys, like the Node oracle printed).
const modelPrelude = `
var sdk = model;
var expect = chai.expect;
function req (j) { return model.request(j); }
function res (p) {
	if (p && p.body !== undefined && p.responseSize === undefined) {
		p = Object.assign({responseSize: Buffer.byteLength(p.body)}, p);
	}
	return model.response(p);
}
function canon (v) {
	var walk = function (x) {
		if (Array.isArray(x)) { return x.map(walk); }
		if (x && typeof x === 'object') {
			var o = {};
			Object.keys(x).sort().forEach(function (k) { o[k] = walk(x[k]); });
			return o;
		}
		return x;
	};
	var j = JSON.stringify(v);
	return j === undefined ? 'undefined' : JSON.stringify(walk(JSON.parse(j)));
}
function evalExpr (src) {
	try {
		var v = (new Function('return (' + src + ');'))();
		return typeof v === 'string' ? v : canon(v);
	} catch (e) { return 'THROW ' + e.name + ': ' + e.message; }
}
function evalStmt (src) {
	try { (new Function(src))(); return 'pass'; } catch (e) { return e.name + ': ' + e.message; }
}
`

// modelFixtures are the requests and responses the chai-postman cases assert on.
const modelFixtures = `
var r200 = res({code: 200, status: 'OK', header: [{key: 'Content-Type', value: 'application/json; charset=utf-8'}], body: '{"status":200,"json":{"name":"conf","items":[1,2]},"a.b":5}', responseTime: 20});
var r404 = res({code: 404, status: 'Not Found', header: [{key: 'Content-Type', value: 'application/json; charset=utf-8'}], body: '{"status":404}', responseTime: 20});
var rHtml = res({code: 200, status: 'OK', header: [{key: 'Content-Type', value: 'text/html'}], body: '<html>\n<b>x</b></html>'});
var rEmpty = res({code: 204, status: 'No Content', header: [], body: ''});
var q = req({url: 'http://a.com', method: 'POST', header: [{key: 'Content-Type', value: 'text/plain'}], body: {mode: 'raw', raw: 'hello'}});
var schema = {type: 'object', required: ['id', 'name'], properties: {id: {type: 'integer'}, name: {type: 'string'}}};
`

// newModelVM returns a runtime with the model loaded the way the contract says: chai from
// jslib, a host with httpReason and require, installChai called, and the test prelude.
func newModelVM(t testing.TB) *goja.Runtime {
	t.Helper()
	modelProgramOnce.Do(func() {
		modelProgram, modelProgramErr = goja.Compile(modelFile, "(function (chai, host) {"+modelSource+"\n})", false)
	})
	if modelProgramErr != nil {
		t.Fatalf("compile model: %v", modelProgramErr)
	}
	vm := goja.New()
	if _, err := vm.RunString(`var console = {log: function () {}, warn: function () {}, error: function () {},
		info: function () {}, debug: function () {}};
		function setTimeout () { return 0; } function clearTimeout () {}`); err != nil {
		t.Fatalf("stubs: %v", err)
	}
	buf, err := jslib.Load(vm, "buffer", nil)
	if err != nil {
		t.Fatalf("load buffer: %v", err)
	}
	modelMustSet(t, vm, "Buffer", buf.ToObject(vm).Get("Buffer"))
	chai, err := jslib.Load(vm, "chai", nil)
	if err != nil {
		t.Fatalf("load chai: %v", err)
	}
	host := vm.NewObject()
	modelMustSet(t, host, "httpReason", func(code int) string { return http.StatusText(code) })
	modelMustSet(t, host, "require", func(name string) goja.Value {
		v, err := jslib.Load(vm, name, nil)
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return v
	})
	wrapper, err := vm.RunProgram(modelProgram)
	if err != nil {
		t.Fatalf("run model: %v", err)
	}
	fn, ok := goja.AssertFunction(wrapper)
	if !ok {
		t.Fatal("model wrapper is not a function")
	}
	model, err := fn(goja.Undefined(), chai, host)
	if err != nil {
		t.Fatalf("build model: %v", err)
	}
	modelMustSet(t, vm, "model", model)
	modelMustSet(t, vm, "chai", chai)
	if _, err := vm.RunString("model.installChai();" + modelPrelude + modelFixtures); err != nil {
		t.Fatalf("prelude: %v", err)
	}
	return vm
}

func modelMustSet(t testing.TB, target interface{ Set(string, any) error }, name string, v any) {
	t.Helper()
	if err := target.Set(name, v); err != nil {
		t.Fatalf("set %s: %v", name, err)
	}
}

// modelCall calls a prelude function (evalExpr, evalStmt, ...) with one string argument.
func modelCall(t *testing.T, vm *goja.Runtime, fn, arg string) string {
	t.Helper()
	f, ok := goja.AssertFunction(vm.Get(fn))
	if !ok {
		t.Fatalf("%s is not a function", fn)
	}
	v, err := f(goja.Undefined(), vm.ToValue(arg))
	if err != nil {
		t.Fatalf("%s(%q): %v", fn, arg, err)
	}
	return v.String()
}

// runModelCases checks each case with one runtime (goja runtimes are single-threaded, so
// the subtests of one table run in order; the tables themselves run in parallel).
func runModelCases(t *testing.T, fn string, cases []modelCase) {
	t.Helper()
	vm := newModelVM(t)
	for _, c := range cases {
		if got := modelCall(t, vm, fn, c.js); got != c.want {
			t.Errorf("%s\n got: %q\nwant: %q", c.js, got, c.want)
		}
	}
}

func TestModelURL(t *testing.T) {
	t.Parallel()
	runModelCases(t, "evalExpr", modelURLCases)
}

func TestModelRequest(t *testing.T) {
	t.Parallel()
	runModelCases(t, "evalExpr", modelRequestCases)
}

func TestModelResponse(t *testing.T) {
	t.Parallel()
	runModelCases(t, "evalExpr", modelResponseCases)
}

func TestModelPropertyListsAndBodies(t *testing.T) {
	t.Parallel()
	runModelCases(t, "evalExpr", modelMiscCases)
}

func TestModelChaiPostman(t *testing.T) {
	t.Parallel()
	runModelCases(t, "evalStmt", modelChaiCases)
}

// TestModelJSONError checks Response#json on invalid bodies: name JSONError and
// liquid-json's message with its code frame (expected values from liquid-json 0.3.1).
func TestModelJSONError(t *testing.T) {
	t.Parallel()
	vm := newModelVM(t)
	if _, err := vm.RunString(`function parseBody (text) {
		try { res({code: 200, header: [], body: text}).json(); return 'OK'; }
		catch (e) { return e.name + ': ' + e.message; } }`); err != nil {
		t.Fatal(err)
	}
	for _, c := range modelJSONErrorCases {
		if got := modelCall(t, vm, "parseBody", c.js); got != c.want {
			t.Errorf("json() of %q\n got: %q\nwant: %q", c.js, got, c.want)
		}
	}
}

// TestModelJSONErrorDeepNesting checks that deeply nested invalid bodies still fail with a
// catchable JSONError (the locating scanner gives up and JSON.parse's message is kept)
// under a small call-stack limit.
func TestModelJSONErrorDeepNesting(t *testing.T) {
	t.Parallel()
	vm := newModelVM(t)
	vm.SetMaxCallStackSize(1000)
	cases := []modelCase{
		{"'['.repeat(100000)", "JSONError"},
		{"'{\"a\":'.repeat(3000) + 'x'", "JSONError"},
		{"'['.repeat(150) + 'x'", "JSONError: Unexpected token 'x' at 1:151"},
	}
	for _, c := range cases {
		got := modelCall(t, vm, "evalExpr", "(function () { try { model.parseJSON("+c.js+"); return 'OK'; } "+
			"catch (e) { return e.name + (/^Unexpected token/.test(e.message) ? ': ' + e.message.split('\\n')[0] : ''); } })()")
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.js, got, c.want)
		}
	}
}

// TestModelConformanceMessages replays assertions of the conformance cases
// res-assertions, res-basics and res-json-schema against responses shaped like pmecho's,
// with the messages Newman 6.2.2 recorded.
func TestModelConformanceMessages(t *testing.T) {
	t.Parallel()
	vm := newModelVM(t)
	if _, err := vm.RunString(`
		var notFound = res({code: 404, status: 'Not Found', body: '{"status":404}',
			header: [{key: 'Content-Type', value: 'application/json; charset=utf-8'}]});
		var html = res({code: 200, status: 'OK', body: '<!doctype html>\n<h1 id="title">Hello from pmecho</h1>',
			header: [{key: 'Content-Type', value: 'text/html; charset=utf-8'}]});
		var posted = res({code: 200, status: 'OK', body: '{"args":{},"json":{"id":7,"name":"x"},"url":"http://127.0.0.1/post"}',
			header: [{key: 'Content-Type', value: 'application/json; charset=utf-8'}]});
		var pm = {expect: chai.expect};`); err != nil {
		t.Fatal(err)
	}
	cases := []modelCase{
		{"notFound.to.have.status(200)", "AssertionError: expected response to have status code 200 but got 404"},
		{"notFound.to.be.ok", "AssertionError: expected response to have status reason 'OK' but got 'NOT FOUND'"},
		{"notFound.to.have.header('X-Nope')", "AssertionError: expected response to have header with key 'X-Nope'"},
		{"notFound.to.have.header('Content-Type', 'text/plain')",
			"AssertionError: expected 'Content-Type' response header to be 'text/plain' but got 'application/json; charset=utf-8'"},
		{"notFound.to.have.jsonBody('no.such.path')",
			"AssertionError: expected { status: 404 } in response to contain property 'no.such.path'"},
		{"notFound.to.have.jsonBody('status', 200)",
			"AssertionError: expected response body json at \"status\" to contain 200 but got 404"},
		{"notFound.to.have.body('nope')", "AssertionError: expected response body to equal 'nope' but got '{\"status\":404}'"},
		{"notFound.to.be.clientError", "pass"},
		{"notFound.to.be.notFound", "pass"},
		{"notFound.to.be.serverError", "AssertionError: expected response code to be 5XX but found 404"},
		{"var err; try { html.json() } catch (e) { err = e } pm.expect(err.name).to.equal('JSONError'); pm.expect(err.message).to.match(/^Unexpected token/)", "pass"},
		{"pm.expect(function () { html.json() }).to.throw()", "pass"},
		{"pm.expect({id: 'seven'}).to.be.jsonSchema({type: 'object', required: ['id', 'name'], properties: {id: {type: 'integer'}, name: {type: 'string'}}})",
			"AssertionError: expected data to satisfy schema but found following errors: \ndata.id should be integer, data should have required property 'name'"},
		{"posted.to.have.jsonSchema({type: 'object', properties: {url: {type: 'number'}}})",
			"AssertionError: expected data to satisfy schema but found following errors: \ndata.url should be number"},
		{"posted.to.have.jsonSchema({type: 'object', required: ['args', 'json', 'url']})", "pass"},
		// errors-request: after a request error the response has no code (Newman's runtime
		// still passes an id and the time spent)
		{"res({responseTime: 12}).to.have.status(200)", "AssertionError: expected PostmanResponse{ …(5) } to have property 'code'"},
		{"pm.expect(String(res({}).code)).to.equal('undefined')", "pass"},
	}
	for _, c := range cases {
		if got := modelCall(t, vm, "evalStmt", c.js); got != c.want {
			t.Errorf("%s\n got: %q\nwant: %q", c.js, got, c.want)
		}
	}
}

// TestModelResponseShape checks what the contract adds to postman-collection's Response:
// bodyBase64 for binary bodies (stream, dataURI), the own keys chai and console show, and
// the plain object the sandbox passes after a request error.
func TestModelResponseShape(t *testing.T) {
	t.Parallel()
	vm := newModelVM(t)
	cases := []modelCase{
		{"(function () { var r = res({id: 'r1', code: 200, status: 'OK', header: [{key: 'Content-Type', value: 'image/png'}], " +
			"body: '\\ufffdPNG', bodyBase64: 'iVBORw==', responseSize: 4}); " +
			"return [r.dataURI(), r.stream.length, r.stream.toString('base64'), r.size().body, r.contentInfo().fileName].join('|'); })()",
			"data:image/png;base64, iVBORw==|4|iVBORw==|4|response.png"},
		{"(function () { var r = res({id: 'r1', code: 201, header: [], body: 'h\\u00e9', responseTime: 5, cookie: []}); " +
			"return Object.keys(r).join() + '|' + r.status + '|' + r.stream.toString() + '|' + r.responseSize; })()",
			"id,_details,status,code,headers,stream,cookies,responseTime,responseSize|Created|h\u00e9|3"},
		{"Object.keys(res({responseTime: 7})).join()", "id,_details,headers,cookies,responseTime"},
		{"(function () { var r = res({}); return [typeof r.id, r.id.length, 'code' in r, r.text() === undefined, r.reason() === undefined, JSON.stringify(r.details())].join('|'); })()",
			"string|36|false|true|true|{}"},
		{"(function () { var r = res({code: 404, header: [], body: ''}); return [r.status, r.reason(), JSON.stringify(r.details())].join('|'); })()",
			"Not Found|Not Found|{\"name\":\"Not Found\",\"detail\":\"Not Found\",\"code\":404,\"standardName\":\"Not Found\"}"},
		{"(function () { var c = model.cookieList([{key: 'sid', value: 'a b', domain: 'x.com', path: '/', httpOnly: true}]); " +
			"return [c.get('SID'), c.one('sid').domain, c.has('sid'), c.count(), String(c.one('sid'))].join('|'); })()",
			"a b|x.com|true|1|sid=a%20b; Domain=x.com; Path=/; HttpOnly"},
	}
	for _, c := range cases {
		if got := modelCall(t, vm, "evalExpr", c.js); got != c.want {
			t.Errorf("%s\n got: %q\nwant: %q", c.js, got, c.want)
		}
	}
}

// TestModelRequestRoundTrip feeds collections.Request JSON (the contract shape) through
// model.request(...).toJSON() and reads it back with collections: nothing may change.
func TestModelRequestRoundTrip(t *testing.T) {
	t.Parallel()
	vm := newModelVM(t)
	reqs := map[string]*collections.Request{
		"vars and query": {Method: "GET", URL: collections.ParseURL("{{baseUrl}}/users/:id?active=true&flag&empty=#top"),
			Headers: []collections.Header{{Key: "Accept", Value: "application/json"},
				{Key: "X-Off", Value: "1", Disabled: true}}},
		"raw json body and basic auth": {Method: "POST", URL: collections.ParseURL("https://api.example.com:8443/v1/items"),
			Body: &collections.Body{Mode: "raw", Raw: "{\n  \"a\": \"{{who}}\"\n}",
				Options: map[string]any{"raw": map[string]any{"language": "json"}}},
			Auth: &collections.Auth{Type: "basic", Params: []collections.AuthParam{
				{Key: "username", Value: "u", Type: "string"}, {Key: "password", Value: "{{pw}}", Type: "string"}}}},
		"urlencoded": {Method: "PUT", URL: collections.ParseURL("http://localhost:3000/form"),
			Body: &collections.Body{Mode: "urlencoded", URLEncoded: []collections.Param{
				{Key: "a", Value: "1"}, {Key: "b", Value: "x&y", Disabled: true}}}},
		"formdata": {Method: "POST", URL: collections.ParseURL("http://h/f"),
			Body: &collections.Body{Mode: "formdata", FormData: []collections.FormParam{
				{Key: "t", Value: "v", Type: "text"}, {Key: "f", Type: "file", Src: []string{"/tmp/a.txt"}}}}},
		"graphql": {Method: "POST", URL: collections.ParseURL("http://h/graphql"),
			Body: &collections.Body{Mode: "graphql", GraphQL: &collections.GraphQLBody{Query: "{ a }", Variables: "{\"n\":1}"}}},
		"userinfo":    {Method: "DELETE", URL: collections.ParseURL("http://user:secret@h.example.com/x")},
		"description": {Method: "GET", URL: collections.ParseURL("http://h/d"), Description: "described"},
	}
	for name, in := range reqs {
		data, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("%s: marshal: %v", name, err)
		}
		out := modelCall(t, vm, "evalExpr", "model.wireJSON(model.request("+string(data)+"))")
		var back collections.Request
		if err := json.Unmarshal([]byte(out), &back); err != nil {
			t.Fatalf("%s: unmarshal %s: %v", name, out, err)
		}
		if !reflect.DeepEqual(&back, in) {
			t.Errorf("%s: round trip changed the request\n  in: %#v\n out: %#v\n json: %s", name, *in, back, out)
		}
	}
}

// TestModelScriptMutations applies the edits of the conformance cases req-url-mutation
// and req-headers-mutation and checks what the Go side reads back.
func TestModelScriptMutations(t *testing.T) {
	t.Parallel()
	vm := newModelVM(t)
	cases := []struct {
		name, in, script string
		url              string
		headers          []collections.Header
	}{
		{"query edits", `{"url": "{{baseUrl}}/get?keep=1&drop=2&dup=a&dup=b", "method": "GET"}`,
			`r.url.query.remove('drop'); r.url.query.add({key: 'added', value: 'yes'});
			 r.url.addQueryParams(['viaAdd=1', 'enc=a b&c']); r.url.query.upsert({key: 'keep', value: 'changed'});`,
			"", nil},
		{"replace url", `{"url": "{{baseUrl}}/status/500"}`, `r.url = 'http://127.0.0.1:1/get?replaced=true';`,
			"http://127.0.0.1:1/get?replaced=true", nil},
		{"path variables", `{"url": "{{baseUrl}}/:kind/:code"}`,
			`r.url.variables.upsert({key: 'kind', value: 'status'}); r.url.variables.upsert({key: 'code', value: '202'});
			 if (r.url.getPath() !== '/status/202') { throw new Error(r.url.getPath()); }`,
			"{{baseUrl}}/:kind/:code", nil},
		{"headers", `{"url": "http://h/headers", "header": [{"key": "X-Keep", "value": "kept"}, {"key": "X-Drop", "value": "dropped"},
			{"key": "X-Replace", "value": "old"}, {"key": "X-Disabled", "value": "off", "disabled": true}]}`,
			`r.headers.add({key: 'X-Added', value: 'added'}); r.headers.add({key: 'X-Var', value: '{{hv}}'});
			 r.headers.upsert({key: 'X-Replace', value: 'new'}); r.headers.upsert({key: 'X-Upserted', value: 'fresh'});
			 r.headers.remove('X-Drop'); r.addHeader({key: 'X-Via-AddHeader', value: '1'});
			 if (!r.headers.has('x-added') || r.headers.get('x-replace') !== 'new' || r.headers.has('X-Drop')) { throw new Error('lookup'); }`,
			"http://h/headers", []collections.Header{{Key: "X-Keep", Value: "kept"}, {Key: "X-Replace", Value: "new"},
				{Key: "X-Disabled", Value: "off", Disabled: true}, {Key: "X-Added", Value: "added"}, {Key: "X-Var", Value: "{{hv}}"},
				{Key: "X-Upserted", Value: "fresh"}, {Key: "X-Via-AddHeader", Value: "1"}}},
	}
	for _, c := range cases {
		out := modelCall(t, vm, "evalExpr", "(function () { var r = model.request("+c.in+"); "+c.script+
			" return model.wireJSON(r); })()")
		var back collections.Request
		if err := json.Unmarshal([]byte(out), &back); err != nil {
			t.Fatalf("%s: %s: %v", c.name, out, err)
		}
		if c.url == "" { // query edits: compare the parameters, not Go's rendering of them
			var kv []string
			for _, qp := range back.URL.Query {
				kv = append(kv, qp.Key+"="+qp.Value)
			}
			if got, want := strings.Join(kv, "|"), "keep=changed|dup=a|dup=b|added=yes|viaAdd=1|enc=a b&c"; got != want {
				t.Errorf("%s: query %q, want %q", c.name, got, want)
			}
			if !strings.Contains(out, `"raw":"{{baseUrl}}/get?keep=changed&dup=a&dup=b&added=yes&viaAdd=1&enc=a b%26c"`) {
				t.Errorf("%s: raw not encoded as Postman does: %s", c.name, out)
			}
		} else if got := back.URL.String(); got != c.url {
			t.Errorf("%s: url %q, want %q", c.name, got, c.url)
		}
		if !reflect.DeepEqual(back.Headers, c.headers) {
			t.Errorf("%s: headers %+v, want %+v", c.name, back.Headers, c.headers)
		}
	}
}

// TestModelWithoutHost checks the model works with an empty host (no replaceIn, no
// httpReason, no require) and without chai.
func TestModelWithoutHost(t *testing.T) {
	t.Parallel()
	vm := goja.New()
	v, err := vm.RunString("(function (chai, host) {" + modelSource + "\n})(undefined, {})")
	if err != nil {
		t.Fatal(err)
	}
	modelMustSet(t, vm, "model", v)
	got, err := vm.RunString(`var r = model.response({code: 418, body: 'x'});
		[r.status === undefined ? 'none' : r.status, r.reason(), model.request('http://a/b').url.getPath(),
		 (function () { try { return String(r.to); } catch (e) { return e.name; } })()].join('|')`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "none||/b|TypeError"; got.String() != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got, err = vm.RunString(`model.installChai(); 'ok'`)
	if err != nil || got.String() != "ok" {
		t.Errorf("installChai without chai: %v %v", got, err)
	}
}

// BenchmarkModelObjects measures building the per-script objects (pm.request and
// pm.response) in a prepared runtime.
func BenchmarkModelObjects(b *testing.B) {
	vm := newModelVM(b)
	build, err := vm.RunString(`(function () {
		var rq = {url: {raw: 'http://h/p?a=1', protocol: 'http', host: ['h'], path: ['p'], query: [{key: 'a', value: '1'}]},
			method: 'GET', header: [{key: 'Accept', value: '*/*'}, {key: 'X-A', value: 'b'}]};
		var rs = {code: 200, status: 'OK', header: [{key: 'Content-Type', value: 'application/json'}], body: '{"a":1}',
			responseTime: 3, responseSize: 7, cookie: []};
		return function () { model.request(rq); model.response(rs); };
	})()`)
	if err != nil {
		b.Fatal(err)
	}
	fn, _ := goja.AssertFunction(build)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := fn(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

var modelURLCases = []modelCase{
	{"new sdk.Url('{{baseUrl}}/get?a=1&b=2#frag').toString()", "{{baseUrl}}/get?a=1&b=2#frag"},
	{"new sdk.Url('{{baseUrl}}/get?a=1&b=2#frag').toJSON().host", "[\"{{baseUrl}}\"]"},
	{"new sdk.Url('https://user:pass@api.example.com:8443/v1/:id/items?x=&y#h').toString()", "https://user:pass@api.example.com:8443/v1/:id/items?x=&y#h"},
	{"new sdk.Url('https://user:pass@api.example.com:8443/v1/:id/items?x=&y#h').port", "8443"},
	{"new sdk.Url('https://user:pass@api.example.com:8443/v1/:id/items?x=&y#h').variables.toJSON()", "[{\"key\":\"id\",\"type\":\"any\"}]"},
	{"new sdk.Url('https://user:pass@api.example.com:8443/v1/:id/items?x=&y#h').query.toJSON()", "[{\"key\":\"x\",\"value\":\"\"},{\"key\":\"y\",\"value\":null}]"},
	{"new sdk.Url('http://{{host}}.example.com/{{path.with.dots}}/x').host", "[\"{{host}}\",\"example\",\"com\"]"},
	{"new sdk.Url('http://{{host}}.example.com/{{path.with.dots}}/x').path", "[\"{{path.with.dots}}\",\"x\"]"},
	{"new sdk.Url('localhost:3000/a').toString()", "localhost:3000/a"},
	{"new sdk.Url('localhost:3000/a').host", "[\"localhost\"]"},
	{"new sdk.Url('http://a.com/?').toString()", "http://a.com/?"},
	{"new sdk.Url('http://a.com/a?x=1&&y=2').toString()", "http://a.com/a?x=1&&y=2"},
	{"new sdk.Url('http://a.com/a?x=1&&y=2').query.toJSON()", "[{\"key\":\"x\",\"value\":\"1\"},{\"key\":null,\"value\":null},{\"key\":\"y\",\"value\":\"2\"}]"},
	{"new sdk.Url('   http://a.com').toString()", "http://a.com"},
	{"new sdk.Url('file:///tmp/x').toString()", "file:///tmp/x"},
	{"new sdk.Url('file:///tmp/x').path", "[\"tmp\",\"x\"]"},
	{"new sdk.Url('http://[::1]:8080/x').host", "[\"[::1]\"]"},
	{"new sdk.Url('http:\\\\\\\\a.com\\\\b?c=\\\\d').toString()", "http://a.com/b?c=\\d"},
	{"new sdk.Url('http:////a.com/b').toString()", "http://a.com/b"},
	{"new sdk.Url('http://a.com').getPath()", "/"},
	{"new sdk.Url('http://a.com').toString()", "http://a.com"},
	{"new sdk.Url('http://a.com/').toString()", "http://a.com/"},
	{"new sdk.Url('http://a.com/').path", "[\"\"]"},
	{"new sdk.Url('{{url}}').toString()", "{{url}}"},
	{"new sdk.Url('{{url}}').host", "[\"{{url}}\"]"},
	{"new sdk.Url('{{proto}}://{{host}}:{{port}}/{{p}}?{{q}}={{v}}#{{h}}').toJSON()", "{\"hash\":\"{{h}}\",\"host\":[\"{{host}}\"],\"path\":[\"{{p}}\"],\"port\":\"{{port}}\",\"protocol\":\"{{proto}}\",\"query\":[{\"key\":\"{{q}}\",\"value\":\"{{v}}\"}],\"variable\":[]}"},
	{"new sdk.Url('http://a.com/x?q={{a#b}}&r=1').query.toJSON()", "[{\"key\":\"q\",\"value\":\"{{a#b}}\"},{\"key\":\"r\",\"value\":\"1\"}]"},
	{"new sdk.Url('http://a.com/:a/:b.json/:a').variables.toJSON()", "[{\"key\":\"a\",\"type\":\"any\"},{\"key\":\"b\",\"type\":\"any\"}]"},
	{"(function(){var u=new sdk.Url('http://a.com/:a/:b.json'); u.variables.upsert({key:'a',value:'1'}); u.variables.upsert({key:'b',value:'2'}); return u.getPath()+' '+u.getPath(true)+' '+u.toString()})()", "/1/2.json /:a/:b.json http://a.com/1/2.json"},
	{"(function(){var u=new sdk.Url('http://a.com/p?keep=1&drop=2&dup=a&dup=b'); u.query.remove('drop'); u.query.add({key:'added',value:'yes'}); u.addQueryParams(['viaAdd=1','enc=a b&c']); u.query.upsert({key:'keep',value:'changed'}); return u.toString()+' '+u.query.count()})()", "http://a.com/p?keep=changed&dup=a&dup=b&added=yes&viaAdd=1&enc=a b%26c 6"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1&b=2&a=3'); return [u.query.get('a'), u.query.has('a'), u.query.has('a','1'), u.query.has('a','9'), u.query.has('z'), u.query.indexOf('b'), JSON.stringify(u.query.toObject()), JSON.stringify(u.query.getAll('a'))].join('|')})()", "3|true|true|false|false|1|{\"a\":[\"1\",\"3\"],\"b\":\"2\"}|[\"1\",\"3\"]"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1&b=2&a=3'); u.removeQueryParams(['a']); return u.toString()})()", "http://a.com/p?b=2"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1&b=2&a=3'); u.removeQueryParams('b'); u.addQueryParams('c=3&d'); return u.toString()+' '+u.getQueryString()+' '+u.getPathWithQuery()})()", "http://a.com/p?a=1&a=3&c=3&d a=1&a=3&c=3&d /p?a=1&a=3&c=3&d"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1'); u.query.add({key:'off',value:'x',disabled:true}); return u.toString()+'|'+u.getQueryString()+'|'+JSON.stringify(u.query.toObject(true))+'|'+JSON.stringify(u.query.toObject())})()", "http://a.com/p?a=1|a=1|{\"a\":\"1\"}|{\"a\":\"1\",\"off\":\"x\"}"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1'); u.query.idx(0).disabled=true; return u.toString()})()", "http://a.com/p"},
	{"(function(){var u=new sdk.Url('http://a.com/p'); u.query.add({key:'k&=#',value:'v&=#'}); return u.toString()})()", "http://a.com/p?k%26%3D%23=v%26=%23"},
	{"(function(){var u=new sdk.Url('http://a.com/p'); u.query.add({key:'{{a&b}}&',value:'{{c&d}}#'}); return u.toString()})()", "http://a.com/p?{{a&b}}%26={{c&d}}%23"},
	{"new sdk.Url('http://a.com:80/p').getRemote()+' '+new sdk.Url('https://a.com/p').getRemote(true)+' '+new sdk.Url('http://a.com/p').getRemote(true)", "a.com:80 a.com:443 a.com:80"},
	{"new sdk.Url('HTTP://A.com:8080/P?x=1').getOAuth1BaseUrl()", "http://a.com:8080/P"},
	{"new sdk.Url('http://a.com/p?x=1').query.toString()", "x=1"},
	{"(function(){var u=new sdk.Url('http://a.com/p'); u.update('https://b.org:1/q?z=9'); return u.toString()})()", "https://b.org:1/q?z=9"},
	{"(function(){var u=new sdk.Url({protocol:'https',host:'a.b.com',path:'/x/y',query:[{key:'a',value:'1'}], port: 443}); return u.toString()})()", "https://a.b.com:443/x/y?a=1"},
	{"(function(){var u=new sdk.Url({host:['a','com'],path:['x'],query:{a:'1',b:'2'}}); return u.toString()})()", "a.com/x?a=1&b=2"},
	{"(function(){var u=new sdk.Url('http://a.com/p?x=1'); u.query.clear(); return u.toString()+' '+u.query.count()})()", "http://a.com/p 0"},
	{"(function(){var u=new sdk.Url('http://a.com/p?x=1&y=2'); u.query.repopulate([{key:'z',value:'3'}]); return u.toString()})()", "http://a.com/p?z=3"},
	{"(function(){var u=new sdk.Url('http://a.com/p?x=1&y=2'); return u.query.map(function(q){return q.key}).join()+u.query.filter(function(q){return q.key==='y'}).length+u.query.find(function(q){return q.key==='y'}).value+u.query.reduce(function(a,q){return a+q.value},'')})()", "x,y1212"},
	{"(function(){var u=new sdk.Url('http://a.com/p?x=1&y=2'); var ks=[]; u.query.each(function(q){ks.push(q.key)}); return ks.join()+JSON.stringify(u.query.all().map(String))})()", "x,y[\"x=1\",\"y=2\"]"},
	{"(function(){var u=new sdk.Url('http://a.com/p?x=1&y=2'); u.query.remove(function(q){return q.key==='x'}); u.query.prepend(new sdk.QueryParam('first=0')); return u.toString()})()", "http://a.com/p?first=0&y=2"},
	{"(function(){var u=new sdk.Url('http://a.com/p?x=1&y=2'); var y=u.query.one('y'); u.query.remove(y); return u.toString()+u.query.has('y')})()", "http://a.com/p?x=1false"},
	{"sdk.Url.parse('http://a.com:8/b?c=d#e')", "{\"hash\":\"e\",\"host\":[\"a\",\"com\"],\"path\":[\"b\"],\"port\":\"8\",\"protocol\":\"http\",\"query\":[{\"key\":\"c\",\"value\":\"d\"}],\"raw\":\"http://a.com:8/b?c=d#e\"}"},
	{"sdk.QueryParam.unparse({a:'1',b:'x y'})", "a=1&b=x y"},
	{"sdk.QueryParam.parse('a=1&b&=c&')", "[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":null},{\"key\":\"\",\"value\":\"c\"},{\"key\":\"\",\"value\":null}]"},
	{"new sdk.QueryParam('a=b=c').toJSON()", "{\"key\":\"a\",\"value\":\"b=c\"}"},
	{"new sdk.QueryParam({key:'a',value:null}).toString()", "a"},
}

var modelRequestCases = []modelCase{
	{"req({url:'http://a.com/x', method:'post', header:[{key:'A',value:'1'},{key:'b',value:'2',disabled:true}]}).toJSON()", "{\"header\":[{\"key\":\"A\",\"value\":\"1\"},{\"disabled\":true,\"key\":\"b\",\"value\":\"2\"}],\"method\":\"POST\",\"url\":{\"host\":[\"a\",\"com\"],\"path\":[\"x\"],\"protocol\":\"http\",\"query\":[],\"variable\":[]}}"},
	{"req('http://a.com/x').toJSON()", "{\"method\":\"GET\",\"url\":{\"host\":[\"a\",\"com\"],\"path\":[\"x\"],\"protocol\":\"http\",\"query\":[],\"variable\":[]}}"},
	{"req({url:'http://a.com/x', header:{'X-One':'1','X-Two':'2'}}).headers.toJSON()", "[{\"key\":\"X-One\",\"value\":\"1\"},{\"key\":\"X-Two\",\"value\":\"2\"}]"},
	{"req({url:'http://a.com/x', header:'X-One: 1\\nX-Two:  2 '}).headers.toJSON()", "[{\"key\":\"X-One\",\"value\":\"1\"},{\"key\":\"X-Two\",\"value\":\"2\"}]"},
	{"req({url:'http://a.com/x', header:['X-One: 1','X-Two:2']}).headers.toJSON()", "[{\"key\":\"X-One\",\"value\":\"1\"},{\"key\":\"X-Two\",\"value\":\"2\"}]"},
	{"(function(){var r=req({url:'http://a.com', header:[{key:'Content-Type',value:'a'},{key:'X-M',value:'1'},{key:'x-m',value:'2'}]}); return [r.headers.get('content-type'), r.headers.get('X-M'), r.headers.has('CONTENT-TYPE'), r.headers.has('x-m','1'), r.headers.has('X-M','3'), r.headers.one('x-M').value, r.headers.count(), r.headers.toString()].join('|')})()", "a|2|true|true|false|2|3|Content-Type: a\r\nX-M: 1\r\nx-m: 2\r\n"},
	{"(function(){var r=req({url:'http://a.com', header:[{key:'Content-Type',value:'a'},{key:'X-M',value:'1'},{key:'x-m',value:'2'},{key:'Off',value:'z',disabled:true}]}); return [JSON.stringify(r.headers.toObject()), JSON.stringify(r.headers.toObject(true)), JSON.stringify(r.headers.toObject(false,true)), JSON.stringify(r.getHeaders()), JSON.stringify(r.getHeaders({enabled:true,ignoreCase:true})), JSON.stringify(r.getHeaders({multiValue:true}))].join('|')})()", "{\"content-type\":\"a\",\"x-m\":[\"1\",\"2\"],\"off\":\"z\"}|{\"content-type\":\"a\",\"x-m\":[\"1\",\"2\"]}|{\"Content-Type\":\"a\",\"X-M\":\"1\",\"x-m\":\"2\",\"Off\":\"z\"}|{\"Content-Type\":\"a\",\"X-M\":\"1\",\"x-m\":\"2\",\"Off\":\"z\"}|{\"content-type\":\"a\",\"x-m\":[\"1\",\"2\"]}|{\"Content-Type\":\"a\",\"X-M\":\"1\",\"x-m\":\"2\",\"Off\":\"z\"}"},
	{"(function(){var r=req({url:'http://a.com', header:[{key:'A',value:'1'},{key:'B',value:'2'}]}); r.headers.remove('a'); r.addHeader({key:'C',value:'3'}); r.headers.add({key:'D',value:'{{d}}'}); r.upsertHeader({key:'B',value:'22'}); r.upsertHeader({key:'E',value:'5'}); r.headers.upsert({key:'c',value:'33'}); return JSON.stringify(r.headers.toJSON())})()", "[{\"key\":\"B\",\"value\":\"22\"},{\"key\":\"c\",\"value\":\"33\"},{\"key\":\"D\",\"value\":\"{{d}}\"},{\"key\":\"E\",\"value\":\"5\"}]"},
	{"(function(){var r=req({url:'http://a.com', header:[{key:'A',value:'1'},{key:'b',value:'2'}]}); r.removeHeader('B'); var x=r.headers.count(); r.removeHeader('B',{ignoreCase:true}); return x+' '+r.headers.count()+' '+r.headers.has('b')})()", "2 1 false"},
	{"(function(){var r=req({url:'http://a.com', header:[{key:'A',value:'1'}]}); r.headers.remove(function(h){return h.key==='A'}); return r.headers.count()+' '+r.headers.has('A')+' '+String(r.headers.get('A'))})()", "0 false undefined"},
	{"(function(){var r=req({url:'http://a.com/p?x=1'}); r.addQueryParams([{key:'y',value:'2'}]); r.removeQueryParams('x'); return r.url.toString()})()", "http://a.com/p?y=2"},
	{"(function(){var r=req({url:'http://a.com'}); r.url='http://b.com/z?q=1'; return String(r.url)+' '+JSON.stringify(r.toJSON().url)})()", "http://b.com/z?q=1 {\"protocol\":\"http\",\"path\":[\"z\"],\"host\":[\"b\",\"com\"],\"query\":[{\"key\":\"q\",\"value\":\"1\"}],\"variable\":[]}"},
	{"req({url:'http://a.com', method:'POST', body:{mode:'raw', raw:'{\"a\":1}', options:{raw:{language:'json'}}}}).toJSON().body", "{\"mode\":\"raw\",\"options\":{\"raw\":{\"language\":\"json\"}},\"raw\":\"{\\\"a\\\":1}\"}"},
	{"req({url:'http://a.com', method:'POST', body:{mode:'urlencoded', urlencoded:[{key:'a',value:'1'},{key:'b',value:'x&y',disabled:true}]}}).toJSON().body", "{\"mode\":\"urlencoded\",\"urlencoded\":[{\"key\":\"a\",\"value\":\"1\"},{\"disabled\":true,\"key\":\"b\",\"value\":\"x&y\"}]}"},
	{"(function(){var r=req({url:'http://a.com', method:'POST', body:{mode:'urlencoded', urlencoded:[{key:'a',value:'1'},{key:'b',value:'x&y'},{key:'c',value:'off',disabled:true}]}}); return r.body.toString()+' '+r.body.isEmpty()+' '+r.body.urlencoded.get('b')})()", "a=1&b=x%26y false x&y"},
	{"req({url:'http://a.com', method:'POST', body:{mode:'formdata', formdata:[{key:'a',value:'1',type:'text'},{key:'f',type:'file',src:'/x'}]}}).toJSON().body", "{\"formdata\":[{\"key\":\"a\",\"type\":\"text\",\"value\":\"1\"},{\"key\":\"f\",\"src\":\"/x\",\"type\":\"file\"}],\"mode\":\"formdata\"}"},
	{"(function(){var b=req({url:'http://a.com', method:'POST', body:{mode:'formdata', formdata:[{key:'a',value:'1',type:'text'}]}}).body; return b.toString()+'|'+b.isEmpty()+'|'+b.formdata.get('a')})()", "|false|1"},
	{"req({url:'http://a.com', method:'POST', body:{mode:'graphql', graphql:{query:'{a}', variables:'{\"n\":1}'}}}).toJSON().body", "{\"graphql\":{\"query\":\"{a}\",\"variables\":\"{\\\"n\\\":1}\"},\"mode\":\"graphql\"}"},
	{"req({url:'http://a.com', method:'POST', body:{mode:'file', file:{src:'/tmp/x'}}}).toJSON().body", "{\"file\":{\"src\":\"/tmp/x\"},\"mode\":\"file\"}"},
	{"req({url:'http://a.com', method:'POST', body:{mode:'raw'}}).toJSON().body", "{\"mode\":\"raw\",\"raw\":\"\"}"},
	{"(function(){var b=req({url:'http://a.com', method:'POST', body:{mode:'raw', raw:''}}).body; return b.isEmpty()+' '+JSON.stringify(b.toString())})()", "true \"\""},
	{"(function(){var r=req({url:'http://a.com', method:'POST', body:{mode:'raw', raw:'x'}}); r.body.update({mode:'urlencoded', urlencoded:'a=1&b=2'}); return JSON.stringify(r.toJSON().body)+' '+r.body.toString()})()", "{\"mode\":\"urlencoded\",\"urlencoded\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"2\"}]} a=1&b=2"},
	{"(function(){var r=req({url:'http://a.com', method:'POST', body:{mode:'raw', raw:'x'}}); r.body.update('plain'); return JSON.stringify(r.toJSON().body)})()", "{\"mode\":\"raw\",\"raw\":\"plain\"}"},
	{"req({url:'http://a.com', body:{mode:'raw', raw:'x', disabled:true}}).toJSON().body", "{\"disabled\":true,\"mode\":\"raw\",\"raw\":\"x\"}"},
	{"req({url:'http://a.com', auth:{type:'basic', basic:[{key:'username',value:'u',type:'string'},{key:'password',value:'p',type:'string'}]}}).toJSON().auth", "{\"basic\":[{\"key\":\"username\",\"type\":\"string\",\"value\":\"u\"},{\"key\":\"password\",\"type\":\"string\",\"value\":\"p\"}],\"type\":\"basic\"}"},
	{"(function(){var r=req({url:'http://a.com', auth:{type:'basic', basic:[{key:'username',value:'u',type:'string'}]}}); return r.auth.type+' '+r.auth.parameters().get('username')+' '+JSON.stringify(r.auth.parameters().toObject())})()", "basic u {\"username\":\"u\"}"},
	{"(function(){var r=req({url:'http://a.com'}); r.authorizeUsing('bearer',{token:'t1'}); return JSON.stringify(r.toJSON().auth)})()", "{\"type\":\"bearer\",\"bearer\":[{\"type\":\"any\",\"value\":\"t1\",\"key\":\"token\"}]}"},
	{"(function(){var r=req({url:'http://a.com', auth:{type:'basic', basic:[{key:'username',value:'u'}]}}); r.authorizeUsing({type:'apikey', key:'k', value:'v'}); return JSON.stringify(r.toJSON().auth)})()", "{\"type\":\"apikey\",\"basic\":[{\"type\":\"any\",\"value\":\"u\",\"key\":\"username\"}],\"apikey\":[{\"type\":\"any\",\"value\":\"k\",\"key\":\"key\"},{\"type\":\"any\",\"value\":\"v\",\"key\":\"value\"}]}"},
	{"(function(){var r=req({url:'http://a.com', auth:{type:'basic', basic:[{key:'username',value:'u'}]}}); r.authorizeUsing(null); return JSON.stringify(r.toJSON())})()", "{\"url\":{\"protocol\":\"http\",\"host\":[\"a\",\"com\"],\"query\":[],\"variable\":[]},\"method\":\"GET\"}"},
	{"(function(){var r=req({url:'http://a.com', auth:{type:'basic', basic:[{key:'username',value:'u'}]}}); r.auth.update({username:'v', password:'w'}); return JSON.stringify(r.toJSON().auth)})()", "{\"type\":\"basic\",\"basic\":[{\"type\":\"any\",\"value\":\"v\",\"key\":\"username\"},{\"type\":\"any\",\"value\":\"w\",\"key\":\"password\"}]}"},
	{"(function(){var r=req({url:'http://a.com', auth:{type:'basic', basic:[{key:'username',value:'u'}]}}); r.auth.use('bearer',{token:'x'}); return JSON.stringify(r.toJSON().auth)})()", "{\"type\":\"bearer\",\"basic\":[{\"type\":\"any\",\"value\":\"u\",\"key\":\"username\"}],\"bearer\":[{\"type\":\"any\",\"value\":\"x\",\"key\":\"token\"}]}"},
	{"(function(){var r=req({url:'http://a.com/p?x=1', method:'post', header:[{key:'A',value:'1'}], body:{mode:'raw',raw:'h\u00e9llo'}}); return JSON.stringify(r.size())})()", "{\"body\":6,\"header\":30,\"total\":36,\"source\":\"COMPUTED\"}"},
	{"(function(){var r=req({url:'http://a.com/p?x=1', method:'post', header:[{key:'A',value:'1'}], body:{mode:'raw',raw:'h\u00e9llo'}}); var c=r.clone(); c.headers.add({key:'B',value:'2'}); return r.headers.count()+' '+c.headers.count()+' '+JSON.stringify(c.toJSON())})()", "1 2 {\"url\":{\"protocol\":\"http\",\"path\":[\"p\"],\"host\":[\"a\",\"com\"],\"query\":[{\"key\":\"x\",\"value\":\"1\"}],\"variable\":[]},\"method\":\"POST\",\"header\":[{\"key\":\"A\",\"value\":\"1\"},{\"key\":\"B\",\"value\":\"2\"}],\"body\":{\"mode\":\"raw\",\"raw\":\"h\u00e9llo\"}}"},
	{"req({url:'http://a.com', description:'described'}).description.toString()", "described"},
	{"req({url:'http://a.com', method:null}).method", "GET"},
	{"req({}).toJSON()", "{\"method\":\"GET\",\"url\":{\"query\":[],\"variable\":[]}}"},
	{"req().toJSON()", "{\"method\":\"GET\",\"url\":{\"query\":[],\"variable\":[]}}"},
	{"sdk.Request.isRequest(req('http://a.com'))+' '+sdk.Request.isRequest({})+' '+sdk.Response.isResponse(req('http://a.com'))", "true false false"},
	{"(function(){var r=req({url:'http://a.com', header:[{key:'A',value:'1'}]}); var h=r.headers.one('A'); h.update({key:'Z',value:'9'}); return JSON.stringify(r.headers.toObject())+r.headers.has('Z')+r.headers.has('A')})()", "{\"z\":\"9\"}falsetrue"},
	{"(function(){var r=req({url:'http://a.com'}); r.headers.add(new sdk.Header('v1','K1')); r.headers.add(new sdk.Header('K2: v2')); r.headers.add('K3: v3'); return JSON.stringify(r.headers.toJSON())})()", "[{\"key\":\"K1\",\"value\":\"v1\"},{\"key\":\"K2\",\"value\":\"v2\"},{\"key\":\"K3\",\"value\":\"v3\"}]"},
	{"(function(){var r=req({url:'http://a.com', header:[{key:'A',value:'1'}]}); r.headers.populate({B:'2'}); r.headers.insert(new sdk.Header({key:'C',value:'3'}), 'A'); r.headers.insertAfter(new sdk.Header({key:'D',value:'4'}), 'A'); return r.headers.toString()})()", "C: 3\r\nA: 1\r\nD: 4\r\nB: 2\r\n"},
	{"(function(){var r=req({url:'http://a.com'}); return JSON.stringify(r.headers.toJSON())+r.headers.toString()+'|'+String(r.headers.get('x'))+'|'+r.headers.has('x')})()", "[]|undefined|false"},
}

var modelResponseCases = []modelCase{
	{"(function(){var r=res({code:200,status:'OK',header:[{key:'Content-Type',value:'application/json; charset=utf-8'},{key:'X-Multi',value:'a'},{key:'x-multi',value:'b'}],body:'{\"a\":1,\"b\":[1,2]}',responseTime:12}); return [r.code,r.status,r.reason(),r.text(),JSON.stringify(r.json()),r.headers.get('x-MULTI'),r.headers.count(),JSON.stringify(r.headers.toObject()),r.responseTime,r.responseSize].join('|')})()", "200|OK|OK|{\"a\":1,\"b\":[1,2]}|{\"a\":1,\"b\":[1,2]}|b|3|{\"content-type\":\"application/json; charset=utf-8\",\"x-multi\":[\"a\",\"b\"]}|12|17"},
	{"(function(){var r=res({code:200,status:'OK',header:[{key:'Content-Type',value:'application/json; charset=utf-8'}],body:'{\"a\":1,\"b\":[1,2]}'}); return [JSON.stringify(r.contentInfo()), JSON.stringify(r.size()), JSON.stringify(r.encoding()), r.dataURI()].join('|')})()", "{\"contentType\":\"application/json\",\"mimeType\":\"text\",\"mimeFormat\":\"json\",\"charset\":\"utf8\",\"fileExtension\":\"json\",\"fileName\":\"response.json\"}|{\"body\":17,\"header\":66,\"total\":83}|{}|data:application/json;base64, eyJhIjoxLCJiIjpbMSwyXX0="},
	{"(function(){var r=res({code:404,status:'Not Found',header:[{key:'Content-Type',value:'text/html'}],body:'<html>\\n<body>x</body>\\n</html>'}); try{r.json()}catch(e){return e.name+'|'+e.message}})()", "JSONError|Unexpected token '<' at 1:1\n<html>\n^"},
	{"(function(){var r=res({code:200,header:[],body:''}); try{r.json()}catch(e){return e.name+'|'+e.message}})()", "JSONError|No data, empty input at 1:1\n\n^"},
	{"(function(){var r=res({code:200,header:[],body:'\\ufeff{\"a\":1}'}); return JSON.stringify(r.json())})()", "{\"a\":1}"},
	{"(function(){var r=res({code:200,header:[],body:'\\ufeff{\"a\":1}'}); try{r.json(null,true)}catch(e){return e.name+'|'+e.message}})()", "undefined"},
	{"(function(){var r=res({code:200,header:[],body:'{\"a\":1,\"b\":2}'}); return JSON.stringify(r.json(function(k,v){return k==='a'?10:v}))})()", "{\"a\":10,\"b\":2}"},
	{"(function(){var r=res({code:200,header:[],body:'callback({\"a\":1});'}); return JSON.stringify(r.jsonp())})()", "{\"a\":1}"},
	{"(function(){var r=res({code:200,header:[],body:'cb({\"a\":1})'}); return JSON.stringify(r.jsonp())})()", "{\"a\":1}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'text/html; charset=ISO-8859-1'},{key:'Content-Disposition',value:'attachment; filename=\"report.csv\"'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"text/html\",\"mimeType\":\"text\",\"mimeFormat\":\"html\",\"charset\":\"iso-8859-1\",\"fileExtension\":\"html\",\"fileName\":\"report.csv\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'application/vnd.api+json'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"application/vnd.api+json\",\"mimeType\":\"text\",\"mimeFormat\":\"json\",\"charset\":\"utf8\",\"fileName\":\"response\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'image/png'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"image/png\",\"mimeType\":\"image\",\"mimeFormat\":\"image\",\"charset\":\"utf8\",\"fileExtension\":\"png\",\"fileName\":\"response.png\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'application/octet-stream'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"application/octet-stream\",\"mimeType\":\"application\",\"mimeFormat\":\"raw\",\"charset\":\"utf8\",\"fileExtension\":\"bin\",\"fileName\":\"response.bin\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'text/plain'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"text/plain\",\"mimeType\":\"text\",\"mimeFormat\":\"plain\",\"charset\":\"utf8\",\"fileExtension\":\"txt\",\"fileName\":\"response.txt\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'application/xml'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"application/xml\",\"mimeType\":\"text\",\"mimeFormat\":\"xml\",\"charset\":\"utf8\",\"fileExtension\":\"xml\",\"fileName\":\"response.xml\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'text/xml'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"text/xml\",\"mimeType\":\"text\",\"mimeFormat\":\"xml\",\"charset\":\"utf8\",\"fileExtension\":\"xml\",\"fileName\":\"response.xml\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'application/javascript'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"application/javascript\",\"mimeType\":\"text\",\"mimeFormat\":\"script\",\"charset\":\"utf8\",\"fileExtension\":\"js\",\"fileName\":\"response.js\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'application/x-www-form-urlencoded'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"application/x-www-form-urlencoded\",\"mimeType\":\"text\",\"mimeFormat\":\"plain\",\"charset\":\"utf8\",\"fileName\":\"response\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'multipart/form-data; boundary=x'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"multipart/form-data\",\"mimeType\":\"multipart\",\"mimeFormat\":\"raw\",\"charset\":\"utf8\",\"fileName\":\"response\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'application/pdf'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"application/pdf\",\"mimeType\":\"embed\",\"mimeFormat\":\"pdf\",\"charset\":\"utf8\",\"fileExtension\":\"pdf\",\"fileName\":\"response.pdf\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'text/csv'}],body:'x'}); return JSON.stringify(r.contentInfo())})()", "{\"contentType\":\"text/csv\",\"mimeType\":\"text\",\"mimeFormat\":\"plain\",\"charset\":\"utf8\",\"fileExtension\":\"csv\",\"fileName\":\"response.csv\"}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Length',value:'100'}],body:'x'}); return JSON.stringify(r.size())})()", "{\"body\":100,\"header\":40,\"total\":140}"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Encoding',value:'gzip'}],body:'x'}); return JSON.stringify(r.encoding())})()", "{\"format\":\"gzip\",\"source\":\"header\"}"},
	{"(function(){var r=res({code:201,header:[],body:'x'}); return r.status+'|'+r.reason()+'|'+r.details().code+'|'+r.details().name+'|'+r.details().standardName})()", "Created|Created|201|Created|Created"},
	{"(function(){var r=res({code:200,status:'Fine',header:[],body:'x'}); return r.status+'|'+r.reason()+'|'+r.details().name+'|'+r.details().standardName})()", "Fine|Fine|Fine|OK"},
	{"(function(){var r=res({code:200,header:[],body:'x',cookie:[{name:'a',value:'1'},{name:'B',value:'x%20y',domain:'a.com',path:'/'}]}); return [r.cookies.get('a'), r.cookies.get('b'), r.cookies.has('A'), r.cookies.one('b').domain, JSON.stringify(r.cookies.toObject()), r.cookies.count(), String(r.cookies.one('b'))].join('|')})()", "1|x y|true|a.com|{\"a\":\"1\",\"b\":\"x y\"}|2|B=x%20y; Domain=a.com; Path=/"},
	{"(function(){var c=new sdk.Cookie('sid=abc; Path=/; Domain=x.com; HttpOnly; Secure; Max-Age=60; SameSite=Lax'); return JSON.stringify(c.toJSON())+'|'+c.toString()+'|'+c.valueOf()})()", "{\"name\":\"sid\",\"maxAge\":60,\"domain\":\"x.com\",\"path\":\"/\",\"secure\":true,\"httpOnly\":true,\"value\":\"abc\",\"extensions\":[{\"key\":\"SameSite\",\"value\":\"Lax\"}]}|sid=abc; Max-Age=60; Domain=x.com; Path=/; Secure; HttpOnly; SameSite=Lax|abc"},
	{"(function(){var c=new sdk.CookieList(null,[{name:'a',value:'x y'}]); return c.get('a')+'|'+c.one('a').value+'|'+sdk.Cookie.unparse(c.all())})()", "x y|x%20y|a=x%20y"},
}

var modelMiscCases = []modelCase{
	{"(function(){var l=new sdk.PropertyList(sdk.QueryParam,null,[]); l.add(null); l.add(undefined); l.add(NaN); l.add('a=1'); l.add(''); return l.count()+' '+l.toString()})()", "2 a=1&"},
	{"(function(){var l=new sdk.PropertyList(sdk.QueryParam,null,'a=1&b=2'); return [l.upsert({key:'a',value:'9'}), l.upsert({key:'c',value:'3'}), l.upsert(null), l.toString()].join('|')})()", "false|true||a=9&b=2&c=3"},
	{"(function(){var l=new sdk.PropertyList(sdk.QueryParam,null,'a=1&b=2&c=3'); l.prepend(l.idx(2)); return l.toString()+'|'+l.count()})()", "c=3&a=1&b=2|3"},
	{"(function(){var l=new sdk.PropertyList(sdk.QueryParam,null,'a=1&b=2&c=3'); l.append(l.idx(0)); return l.toString()})()", "b=2&c=3&a=1"},
	{"(function(){var l=new sdk.PropertyList(sdk.QueryParam,null,'a=1&b=2&c=3'); l.insert(new sdk.QueryParam('z=0'), 'b'); return l.toString()})()", "a=1&z=0&b=2&c=3"},
	{"(function(){var l=new sdk.PropertyList(sdk.QueryParam,null,'a=1&b=2&c=3'); return l.has(l.idx(1))+' '+l.has(l.idx(1),'2')+' '+l.has({key:'a'})+' '+l.indexOf(l.idx(2))+' '+l.indexOf('zz')})()", "true true false 2 -1"},
	{"(function(){var l=new sdk.PropertyList(sdk.QueryParam,null,'a=1&=2&c'); return JSON.stringify(l.toObject(false,false,false,true))+JSON.stringify(l.toObject())})()", "{\"a\":\"1\",\"c\":\"\"}{\"a\":\"1\",\"\":\"2\",\"c\":\"\"}"},
	{"(function(){var h=new sdk.PropertyList(sdk.Header,null,[{key:'A',value:'1'},{key:'a',value:'2'}]); return JSON.stringify(h.toObject(false,true))+JSON.stringify(h.toObject(false,true,true))+JSON.stringify(h.toObject())})()", "{\"A\":\"1\",\"a\":\"2\"}{\"A\":\"1\",\"a\":\"2\"}{\"a\":[\"1\",\"2\"]}"},
	{"(function(){var h=new sdk.PropertyList(sdk.Header,null,[{key:'A',value:'1'},{key:'a',value:'2'}]); h.remove('A'); return h.count()})()", "0"},
	{"(function(){var h=new sdk.PropertyList(sdk.Header,null,[{key:'A',value:'1'},{key:'B',value:'2'}]); return JSON.stringify(h.filter('key'))+JSON.stringify(h.find({key:'B'}))+JSON.stringify(h.map('value'))})()", "[{\"key\":\"A\",\"value\":\"1\"},{\"key\":\"B\",\"value\":\"2\"}]{\"key\":\"B\",\"value\":\"2\"}[\"1\",\"2\"]"},
	{"(function(){var h=new sdk.PropertyList(sdk.Header,null,[{key:'A',value:'1'},{key:'B',value:'2'}]); var seen=[]; h.each(function(x){seen.push(x.key); }); return seen.join()})()", "A,B"},
	{"(function(){var h=new sdk.PropertyList(sdk.Header,null,[{key:'A',value:'1'},{key:'B',value:'2',disabled:true}]); return h.toString()+'|'+sdk.Header.unparse(h.all(),'\\n')+'|'+h.get('B')})()", "A: 1\r\n|A: 1\n|2"},
	{"sdk.Header.parse('Content-Type: text/plain\\r\\nX-Long: a\\r\\n b\\r\\nBad line\\r\\nX: 1')", "[{\"key\":\"Content-Type\",\"value\":\"text/plain\"},{\"key\":\"X-Long\",\"value\":\"a b\"},{\"key\":\"X\",\"value\":\"1\"}]"},
	{"sdk.Header.parseSingle(' K :  v : w ')", "{\"key\":\"K\",\"value\":\"v : w\"}"},
	{"new sdk.Header({key:'K'}).toJSON()", "{\"key\":\"K\",\"value\":\"\"}"},
	{"new sdk.Header({}).toJSON()", "{\"key\":\"\",\"value\":\"\"}"},
	{"new sdk.Header('v','k').toString()", "k: v"},
	{"(function(){var h=new sdk.Header({key:'K',value:'v',disabled:true,description:'d'}); return JSON.stringify(h.toJSON())})()", "{\"disabled\":true,\"description\":{\"content\":\"d\",\"type\":\"text/plain\"},\"key\":\"K\",\"value\":\"v\"}"},
	{"(function(){var b=new sdk.RequestBody({mode:'urlencoded', urlencoded:'a=1&b=x%20y'}); return b.toString()+'|'+JSON.stringify(b.toJSON())})()", "a=1&b=x%20y|{\"mode\":\"urlencoded\",\"urlencoded\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"x%20y\"}]}"},
	{"(function(){var b=new sdk.RequestBody({mode:'URLENCODED'}); return JSON.stringify(b.toJSON())+b.isEmpty()})()", "{\"mode\":\"urlencoded\",\"urlencoded\":[]}true"},
	{"(function(){var b=new sdk.RequestBody({mode:'nope', raw:'x'}); return JSON.stringify(b.toJSON())})()", "{\"mode\":\"raw\",\"raw\":\"x\"}"},
	{"(function(){var b=new sdk.RequestBody({mode:'file', file:'/a'}); return JSON.stringify(b.toJSON())+b.isEmpty()})()", "{\"mode\":\"file\",\"file\":{\"src\":\"/a\"}}false"},
	{"(function(){var b=new sdk.RequestBody({mode:'graphql'}); return JSON.stringify(b.toJSON())+b.isEmpty()})()", "{\"mode\":\"graphql\",\"graphql\":{}}true"},
	{"(function(){var b=new sdk.RequestBody({mode:'graphql', graphql:{query:'q'}}); return JSON.stringify(b.toJSON())+b.isEmpty()+b.toString()})()", "{\"mode\":\"graphql\",\"graphql\":{\"query\":\"q\"}}false"},
	{"(function(){var b=new sdk.RequestBody(); return JSON.stringify(b.toJSON())+b.isEmpty()})()", "{}true"},
	{"(function(){var b=new sdk.RequestBody({mode:'formdata', formdata:[{key:'a',value:'1'},{key:'b',value:'2',disabled:true}]}); return JSON.stringify(b.formdata.toObject())+b.formdata.toString()})()", "{\"a\":\"1\",\"b\":\"2\"}[object Object]"},
	{"(function(){var r=res({code:500,header:[],body:'x'}); return r.status+'|'+r.reason()})()", "Internal Server Error|Internal Server Error"},
	{"(function(){var r=res({code:200,header:{'X-A':'1'},body:'x'}); return JSON.stringify(r.headers.toJSON())})()", "[{\"key\":\"X-A\",\"value\":\"1\"}]"},
	{"(function(){var r=res({code:200,header:'X-A: 1\\nX-B: 2',body:'x'}); return JSON.stringify(r.headers.toJSON())})()", "[{\"key\":\"X-A\",\"value\":\"1\"},{\"key\":\"X-B\",\"value\":\"2\"}]"},
	{"(function(){var r=res({code:200,header:[],body:'{\"a\":1}'}); return JSON.stringify(r.json(function(k,v){return typeof v==='number'?v+1:v}))})()", "{\"a\":2}"},
	{"(function(){var r=res({code:200,header:[],body:'[1,2'}); try{r.jsonp()}catch(e){return e.name+': '+e.message}})()", "JSONError: Unexpected end of input at 1:5\n[1,2\n    ^"},
	{"(function(){var r=res({code:200,header:[{key:'Content-Type',value:'application/json'}],body:'{\"a\":1}'}); return r.headers.contentSize()})()", "32"},
	{"(function(){var r=req({url:'http://a.com/p?x=1', header:[{key:'Content-Length',value:'12'}]}); return JSON.stringify(r.size())})()", "{\"body\":12,\"header\":43,\"total\":55,\"source\":\"CONTENT-LENGTH\"}"},
	{"(function(){var r=req({url:'http://a.com', method:'post', body:{mode:'urlencoded', urlencoded:[{key:'a',value:'1'}]}}); return JSON.stringify(r.size())})()", "{\"body\":3,\"header\":19,\"total\":22,\"source\":\"COMPUTED\"}"},
	{"(function(){var u=new sdk.Url('http://a.com/p'); u.query.add({key:'k'}); return u.toString()})()", "http://a.com/p?k"},
	{"(function(){var u=new sdk.Url('http://a.com/p'); u.query.add({key:'k', value:null}); u.query.add({key:null, value:'v'}); return u.toString()})()", "http://a.com/p?k&=v"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1'); u.query.idx(0).value='x y'; u.hash='h'; u.port=8080; return u.toString()+'|'+u.getRemote()})()", "http://a.com:8080/p?a=x y#h|a.com:8080"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1'); u.host=['b','org']; u.path=['x','y']; u.protocol='https'; return u.toString()})()", "https://b.org/x/y?a=1"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1'); u.addQueryParams({b:'2'}); return u.toString()+'|'+u.query.count()})()", "http://a.com/p?a=1&|2"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1'); u.addQueryParams([{key:'b',value:'2'},'c=3']); return u.toString()})()", "http://a.com/p?a=1&b=2&c=3"},
	{"(function(){var u=new sdk.Url('http://a.com/p?a=1&b=2'); u.removeQueryParams([{key:'a'},'b']); return u.toString()+'|'+u.query.count()})()", "http://a.com/p|0"},
	{"(function(){var u=new sdk.Url('https://a.com:443/p'); return u.getRemote(true)+' '+u.getRemote()+' '+u.getOAuth1BaseUrl()})()", "a.com:443 a.com:443 https://a.com/p"},
	{"new sdk.Url('').toString()+'|'+new sdk.Url('').getPath()+'|'+new sdk.Url('').getHost()", "|/|"},
	{"new sdk.Url('/relative/path?x=1').toJSON()", "{\"path\":[\"relative\",\"path\"],\"query\":[{\"key\":\"x\",\"value\":\"1\"}],\"variable\":[]}"},
	{"new sdk.Url('?x=1').toJSON()", "{\"query\":[{\"key\":\"x\",\"value\":\"1\"}],\"variable\":[]}"},
	{"new sdk.Url('#only').toJSON()", "{\"hash\":\"only\",\"query\":[],\"variable\":[]}"},
	{"new sdk.Url('a.com:').toJSON()", "{\"host\":[\"a\",\"com\"],\"port\":\"\",\"query\":[],\"variable\":[]}"},
	{"new sdk.Url('http://@a.com').toJSON()", "{\"auth\":{\"user\":\"\"},\"host\":[\"a\",\"com\"],\"protocol\":\"http\",\"query\":[],\"variable\":[]}"},
	{"new sdk.Url('http://u@a.com').toString()", "http://u@a.com"},
	{"new sdk.Url('http://:p@a.com').toString()", "http://:p@a.com"},
	{"new sdk.Url('HTTPS://A.COM/X').toJSON()", "{\"host\":[\"A\",\"COM\"],\"path\":[\"X\"],\"protocol\":\"HTTPS\",\"query\":[],\"variable\":[]}"},
	{"new sdk.Url('{{a}}{{b}}.com/{{c}}/d').toJSON()", "{\"host\":[\"{{a}}{{b}}\",\"com\"],\"path\":[\"{{c}}\",\"d\"],\"query\":[],\"variable\":[]}"},
	{"new sdk.Url('http://a.com/x y/?q=a b#h h').toString()", "http://a.com/x y/?q=a b#h h"},
}

var modelChaiCases = []modelCase{
	{"r200.to.have.status(200)", "pass"},
	{"r200.to.have.status('OK')", "pass"},
	{"r200.to.be.ok", "pass"},
	{"r200.to.be.success", "pass"},
	{"r200.to.not.be.error", "pass"},
	{"r200.to.have.header('Content-Type')", "pass"},
	{"r200.to.have.header('content-type', 'application/json; charset=utf-8')", "pass"},
	{"r200.to.be.json", "pass"},
	{"r200.to.have.jsonBody()", "pass"},
	{"r200.to.have.jsonBody('json.name')", "pass"},
	{"r200.to.have.jsonBody('json.items[1]', 2)", "pass"},
	{"r200.to.have.jsonBody('a.b', 5)", "pass"},
	{"r200.to.have.jsonBody('json.items', [1, 2])", "pass"},
	{"r200.to.have.jsonBody('json[\"name\"]', 'conf')", "pass"},
	{"r200.to.have.body()", "pass"},
	{"r200.to.be.withBody", "pass"},
	{"r200.to.have.statusCode(200)", "pass"},
	{"r200.to.have.statusCode('200')", "pass"},
	{"r200.to.have.statusReason('OK')", "pass"},
	{"r200.to.be.a.postmanResponse", "pass"},
	{"r200.to.not.have.header('X-Nope')", "pass"},
	{"r200.to.have.responseTime.below(30)", "pass"},
	{"r200.to.have.responseTime(20)", "pass"},
	{"r200.to.have.responseSize.above(10)", "pass"},
	{"r200.to.have.body({status: 200, json: {name: 'conf', items: [1, 2]}, 'a.b': 5})", "pass"},
	{"r200.to.have.body(/conf/)", "pass"},
	{"r200.to.be.postmanRequestOrResponse", "pass"},
	{"r200.to.have.statusCodeClass(2)", "pass"},
	{"r200.to.not.be.postmanRequest", "pass"},
	{"expect(r200).to.have.status(200)", "pass"},
	{"expect(r200).to.be.ok", "pass"},
	{"r404.to.have.status(200)", "AssertionError: expected response to have status code 200 but got 404"},
	{"r404.to.be.ok", "AssertionError: expected response to have status reason 'OK' but got 'NOT FOUND'"},
	{"r404.to.have.header('X-Nope')", "AssertionError: expected response to have header with key 'X-Nope'"},
	{"r404.to.have.header('Content-Type', 'text/plain')", "AssertionError: expected 'Content-Type' response header to be 'text/plain' but got 'application/json; charset=utf-8'"},
	{"r404.to.have.jsonBody('no.such.path')", "AssertionError: expected { status: 404 } in response to contain property 'no.such.path'"},
	{"r404.to.have.jsonBody('status', 200)", "AssertionError: expected response body json at \"status\" to contain 200 but got 404"},
	{"r404.to.have.body('nope')", "AssertionError: expected response body to equal 'nope' but got '{\"status\":404}'"},
	{"r404.to.be.clientError", "pass"},
	{"r404.to.be.notFound", "pass"},
	{"r404.to.be.serverError", "AssertionError: expected response code to be 5XX but found 404"},
	{"r404.to.be.success", "AssertionError: expected response code to be 2XX but found 404"},
	{"r404.to.be.info", "AssertionError: expected response code to be 1XX but found 404"},
	{"r404.to.be.redirection", "AssertionError: expected response code to be 3XX but found 404"},
	{"r404.to.not.be.error", "AssertionError: expected response code to not be 4XX or 5XX"},
	{"r404.to.not.be.clientError", "AssertionError: expected response code to not be 4XX"},
	{"r404.to.have.statusCode(201)", "AssertionError: expected response to have status code 201 but got 404"},
	{"r404.to.not.have.statusCode(404)", "AssertionError: expected response to not have status code 404"},
	{"r404.to.have.statusReason('OK')", "AssertionError: expected response to have status reason 'OK' but got 'Not Found'"},
	{"r404.to.not.have.statusReason('Not Found')", "AssertionError: expected response to not have status reason 'Not Found'"},
	{"r404.to.have.status('OK')", "AssertionError: expected response to have status reason 'OK' but got 'Not Found'"},
	{"r404.to.not.have.status(404)", "AssertionError: expected response to not have status code 404"},
	{"r404.to.not.have.status('Not Found')", "AssertionError: expected response to not have status reason 'Not Found'"},
	{"r404.to.not.have.header('Content-Type')", "AssertionError: expected response to not have header with key 'Content-Type'"},
	{"r404.to.not.have.header('Content-Type', 'application/json; charset=utf-8')", "AssertionError: expected response to not have header with key 'Content-Type'"},
	{"r404.to.not.be.json", "AssertionError: expected response body not to be a valid json"},
	{"r404.to.not.have.jsonBody()", "AssertionError: expected response body not to be a valid json"},
	{"r404.to.not.have.jsonBody('status')", "AssertionError: expected { status: 404 } in response to not contain property 'status'"},
	{"r404.to.not.have.jsonBody('status', 404)", "AssertionError: expected { status: 404 } in response to not contain property 'status'"},
	{"r404.to.not.have.body()", "AssertionError: expected response to not have content in body"},
	{"r404.to.not.have.body('{\"status\":404}')", "AssertionError: expected response body to not equal '{\"status\":404}'"},
	{"r404.to.have.body(/zzz/)", "AssertionError: expected response body text to match /zzz/ but got '{\"status\":404}'"},
	{"r404.to.not.have.body(/404/)", "AssertionError: expected response body text '{\"status\":404}' to not match /404/"},
	{"r404.to.have.body({a: 1})", "AssertionError: expected response body json to equal { a: 1 } but got { status: 404 }"},
	{"r404.to.not.have.body({status: 404})", "AssertionError: expected response body json to not equal { status: 404 } but got { status: 404 }"},
	{"r404.to.not.be.withBody", "AssertionError: expected response to not have content in body"},
	{"r404.to.have.responseTime(5)", "AssertionError: expected response to have a valid response time but got 20"},
	{"r404.to.not.have.responseTime(20)", "AssertionError: expected response to not have a valid response time but got 20"},
	{"r404.to.have.responseTime.above(100)", "AssertionError: expected 20 to be above 100"},
	{"r404.to.have.responseSize(1)", "AssertionError: expected response size to equal 87 but got 1"},
	{"r404.to.not.be.postmanResponse", "AssertionError: not expecting a postman response object"},
	{"r404.to.have.statusCodeClass(5)", "AssertionError: expected response code to be 5XX but found 404"},
	{"r404.to.not.have.statusCodeClass(4)", "AssertionError: expected response code to not be 4XX"},
	{"r404.to.be.accepted", "AssertionError: expected response to have status reason 'ACCEPTED' but got 'NOT FOUND'"},
	{"r404.to.be.withoutContent", "AssertionError: expected response to have status reason 'NO CONTENT' but got 'NOT FOUND'"},
	{"r404.to.be.badRequest", "AssertionError: expected response to have status reason 'BAD REQUEST' but got 'NOT FOUND'"},
	{"r404.to.be.unauthorised", "AssertionError: expected response to have status reason 'UNAUTHORISED' but got 'NOT FOUND'"},
	{"r404.to.be.unauthorized", "AssertionError: expected response to have status reason 'UNAUTHORIZED' but got 'NOT FOUND'"},
	{"r404.to.be.forbidden", "AssertionError: expected response to have status reason 'FORBIDDEN' but got 'NOT FOUND'"},
	{"r404.to.be.notAcceptable", "AssertionError: expected response to have status reason 'ACCEPTABLE' but got 'NOT FOUND'"},
	{"r404.to.be.rateLimited", "AssertionError: expected response to have status reason 'TOO MANY REQUESTS' but got 'NOT FOUND'"},
	{"r404.to.not.be.notFound", "AssertionError: expected response to not have status reason 'NOT FOUND'"},
	{"r404.to.not.be.ok", "pass"},
	{"rHtml.to.be.json", "AssertionError: expected response body to be a valid json but got error Unexpected token '<' at 1:1"},
	{"rHtml.to.have.jsonBody()", "AssertionError: expected response body to be a valid json but got error Unexpected token '<' at 1:1"},
	{"rHtml.to.have.jsonBody('a')", "AssertionError: expected undefined in response to contain property 'a'"},
	{"rHtml.to.have.body({a: 1})", "AssertionError: expected response body json to equal { a: 1 } but got undefined"},
	{"rHtml.to.not.be.json", "pass"},
	{"rEmpty.to.be.withBody", "AssertionError: expected response to have content in body"},
	{"rEmpty.to.have.body()", "AssertionError: expected response to have content in body"},
	{"rEmpty.to.not.be.withBody", "pass"},
	{"rEmpty.to.have.body('')", "pass"},
	{"rEmpty.to.be.json", "AssertionError: expected response body to be a valid json but got error No data, empty input at 1:1"},
	{"rEmpty.to.be.withoutContent", "pass"},
	{"expect({id: 1, name: 'x'}).to.be.jsonSchema(schema)", "pass"},
	{"expect({id: 'seven'}).to.be.jsonSchema(schema)", "AssertionError: expected data to satisfy schema but found following errors: \ndata.id should be integer, data should have required property 'name'"},
	{"expect({id: 'seven'}).to.not.be.jsonSchema(schema)", "pass"},
	{"expect({id: 1, name: 'x'}).to.not.be.jsonSchema(schema)", "AssertionError: expected data to not satisfy schema"},
	{"expect(5).to.be.jsonSchema('x')", "AssertionError: expected 'x' to be an object"},
	{"res({code: 200, header: [], body: '{\"url\":\"x\"}'}).to.have.jsonSchema({type: 'object', properties: {url: {type: 'number'}}})", "AssertionError: expected data to satisfy schema but found following errors: \ndata.url should be number"},
	{"res({code: 200, header: [], body: '{\"args\":{},\"json\":null,\"url\":\"x\"}'}).to.have.jsonSchema({type: 'object', required: ['args', 'json', 'url']})", "pass"},
	{"expect({a: 1}).to.be.jsonSchema({type: 'object', properties: {a: {type: 'string'}}}, {allErrors: false})", "AssertionError: expected data to satisfy schema but found following errors: \ndata.a should be string"},
	{"expect(1).to.be.ok", "pass"},
	{"expect(0).to.be.ok", "AssertionError: expected +0 to be truthy"},
	{"expect(0).to.not.be.ok", "pass"},
	{"expect('').to.not.be.ok", "pass"},
	{"expect({a: 1}).to.be.success", "AssertionError: expecting a postman response object but got { a: 1 }"},
	{"expect({code: 200}).to.have.status(200)", "AssertionError: expecting a postman response object but got { code: 200 }"},
	{"expect(1).to.be.json", "AssertionError: expecting a postman response object but got 1"},
	{"expect({}).to.have.header('a')", "AssertionError: expecting a postman request or response object but got {}"},
	{"q.to.have.header('content-type')", "pass"},
	{"q.to.have.header('Content-Type', 'text/plain')", "pass"},
	{"q.to.have.header('X')", "AssertionError: expected request to have header with key 'X'"},
	{"q.to.have.header('Content-Type', 'x')", "AssertionError: expected 'Content-Type' request header to be 'x' but got 'text/plain'"},
	{"q.to.not.have.header('Content-Type')", "AssertionError: expected request to not have header with key 'Content-Type'"},
	{"q.to.be.a.postmanRequest", "pass"},
	{"q.to.be.postmanRequestOrResponse", "pass"},
	{"q.to.be.ok", "pass"},
	{"q.to.not.be.postmanResponse", "pass"},
	{"expect(q).to.have.jsonSchema({type: 'object'})", "pass"},
}

var modelJSONErrorCases = []modelCase{
	{"", "JSONError: No data, empty input at 1:1\n\n^"},
	{"   ", "JSONError: No data, only a whitespace at 1:4\n   \n   ^"},
	{"<html>\n<body>hi</body></html>", "JSONError: Unexpected token '<' at 1:1\n<html>\n^"},
	{"{\"a\":1,}", "JSONError: Trailing comma in object at 1:8\n{\"a\":1,}\n       ^"},
	{"[1,2,]", "JSONError: Trailing comma in array at 1:6\n[1,2,]\n     ^"},
	{"[1,,2]", "JSONError: Elisions are not supported at 1:5\n[1,,2]\n    ^"},
	{"{\"a\":}", "JSONError: No value found for key a at 1:6\n{\"a\":}\n     ^"},
	{"{a:1}", "JSONError: Unexpected token 'a' at 1:2\n{a:1}\n ^"},
	{"{\"a\":1", "JSONError: Unexpected end of input at 1:8\n{\"a\":1\n      ^"},
	{"[1,", "JSONError: No data, only a whitespace at 1:4\n[1,\n   ^"},
	{"\"a\\qb\"", "JSONError: Unexpected token 'q' at 1:4\n\"a\\qb\"\n   ^"},
	{"\"a\\u12g4\"", "JSONError: Bad escape sequence at 1:7\n\"a\\u12g4\"\n      ^"},
	{"\"a\tb\"", "JSONError: Unexpected control character at 1:3\n\"a\tb\"\n  ^"},
	{"01", "JSONError: Unexpected token '1' at 1:2\n01\n ^"},
	{"1.", "JSONError: Non-json numeric literal - \"1.\" at 1:2\n1.\n ^"},
	{"\n\n  {\"a\":\n  bad}", "JSONError: No value found for key a at 4:3\n  bad}\n  ^"},
	{"  \r\n{\"x\":1,\r\n\"y\":}", "JSONError: No value found for key y at 3:5\n\"y\":}\n    ^"},
	{"NaN", "JSONError: Unexpected token 'N' at 1:1\nNaN\n^"},
	{"{\"a\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"  , bad}", "JSONError: Unexpected token 'b' at 1:112\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"  , bad}\n                                                                     ^"},
	{"{\"a\":1}\n}", "JSONError: Unexpected token '}' at 2:1\n}\n^"},
	{"\ufeff{\"a\":}", "JSONError: No value found for key a at 1:6\n{\"a\":}\n     ^"},
	{"{\"\\u0041\":x}", "JSONError: No value found for key A at 1:11\n{\"\\u0041\":x}\n          ^"},
	{"[\t1,\t2\tx]", "JSONError: Unexpected token 'x' at 1:8\n[\t1,\t2\tx]\n \t  \t \t^"},
	{"{1:2}", "JSONError: Wrong key type: 1 at 1:5\n{1:2}\n    ^"},
	{"{[1]:2}", "JSONError: Wrong key type: 1 at 1:7\n{[1]:2}\n      ^"},
	{"plain text, hello world", "JSONError: Unexpected token 'p' at 1:1\nplain text, hello world\n^"},
}
