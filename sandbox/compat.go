package sandbox

import (
	"fmt"
	"strings"
)

// Compatibility statuses of a CompatRow.
const (
	StatusSupported    = "supported"
	StatusPartial      = "partial"
	StatusNotSupported = "not supported"
)

// CompatRow is one line of the compatibility table: a part of Postman's script API or a
// library, how well pmrun supports it, and a real script that proves it. The tests run
// every Script (see Compat for the world it runs in): a supported or partial row must run
// without error and with all its pm.test assertions passing (at least one); a not supported
// row must fail with exactly Fails. README.md's compatibility section is generated from
// this table (CompatMarkdown), and a test keeps the two equal.
type CompatRow struct {
	Area   string // "pm", "chai-postman", "legacy", "globals", "library"
	API    string // what the row covers, as scripts write it
	Status string // StatusSupported, StatusPartial or StatusNotSupported
	Note   string // what is missing or different (Markdown, one line)
	// Listen is the script kind the Script runs as: "test" (the default when empty) or
	// "prerequest".
	Listen string
	Script string
	// Fails is the "Name: message" of the script error a not supported row must produce.
	Fails string
}

// Compat is the compatibility table. Its scripts run as test scripts (unless Listen says
// otherwise) of the item "Item" (id req-1) in folder "Folder" of collection "My Collection",
// iteration 0 of 1, with:
//   - environment "env" {host: example.com, token: t0k}, globals {g: 1}, collection variables
//     {base: /v1}, data row {user: alice};
//   - request POST http://{{host}}/users?page=2&sort=name with headers Accept: application/json,
//     Content-Type: application/json, X-Token: {{token}}, raw JSON body {"name":"{{user}}"} and
//     bearer auth {{token}};
//   - response 200 OK, Content-Type: application/json; charset=utf-8, X-Request-Id: abc-123,
//     body {"id":1,"name":"pmrun","tags":["a","b"],"nested":{"ok":true}}, 42 ms, cookie
//     session=abc (also pm.cookies for the request);
//   - pm.sendRequest answering 200 with JSON {method, url, body, headers} of what it was sent,
//     and failing with ECONNREFUSED for host refused.test;
//   - an in-memory cookie jar and a vault holding apiKey=s3cr3t, where linked-db is a linked
//     secret that scripts cannot change;
//   - a package source holding the team package @team/utils (greet(name)).
var Compat = []CompatRow{
	// pm: variables -----------------------------------------------------------------------
	{Area: "pm", API: "pm.info", Status: StatusSupported,
		Note: "members read-only and not enumerable (`JSON.stringify(pm.info)` is `{}`), as in Newman",
		Script: `
pm.test('info', () => {
    const { eventName, iteration, iterationCount, requestName, requestId } = pm.info;
    pm.expect({ eventName, iteration, iterationCount, requestName, requestId }).to.deep.equal({ eventName: 'test', iteration: 0, iterationCount: 1, requestName: 'Item', requestId: 'req-1' });
    pm.expect(Object.keys(pm.info)).to.have.lengthOf(0);
});`},
	{Area: "pm", API: "pm.variables", Status: StatusSupported,
		Note: "`get` looks in local, data, environment, collection, globals; `set` is local to the item",
		Script: `
pm.test('precedence and local scope', () => {
    pm.expect(pm.variables.get('user')).to.equal('alice');
    pm.expect(pm.variables.get('host')).to.equal('example.com');
    pm.expect(pm.variables.get('base')).to.equal('/v1');
    pm.expect(pm.variables.get('g')).to.equal('1');
    pm.variables.set('host', 'local.test');
    pm.expect(pm.variables.get('host')).to.equal('local.test');
    pm.expect(pm.environment.get('host')).to.equal('example.com');
    pm.expect(pm.variables.has('host')).to.equal(true);
    pm.expect(pm.variables.replaceIn('{{user}}@{{host}}')).to.equal('alice@local.test');
    pm.expect(pm.variables.toObject()).to.include({ host: 'local.test', user: 'alice' });
    pm.variables.unset('host');
    pm.expect(pm.variables.get('host')).to.equal('example.com');
});`},
	{Area: "pm", API: "pm.environment", Status: StatusSupported, Script: `
pm.test('environment scope', () => {
    pm.expect(pm.environment.name).to.equal('env');
    pm.expect(pm.environment.get('host')).to.equal('example.com');
    pm.environment.set('n', 5);
    pm.expect(pm.environment.get('n')).to.equal(5);
    pm.environment.set('s', 5, 'string');
    pm.expect(pm.environment.get('s')).to.equal('5');
    pm.expect(pm.environment.has('n')).to.equal(true);
    pm.environment.unset('n');
    pm.expect(pm.environment.has('n')).to.equal(false);
    pm.expect(pm.environment.toObject()).to.deep.equal({ host: 'example.com', token: 't0k', s: '5' });
    pm.expect(pm.environment.replaceIn('https://{{host}}/')).to.equal('https://example.com/');
    pm.expect(pm.environment.toJSON().values.map(v => v.key)).to.include('host');
    pm.environment.clear();
    pm.expect(pm.environment.toObject()).to.deep.equal({});
});`},
	{Area: "pm", API: "pm.globals", Status: StatusSupported, Script: `
pm.test('globals scope', () => {
    pm.expect(pm.globals.get('g')).to.equal('1');
    pm.globals.set('obj', { a: [1, 2] });
    pm.expect(pm.globals.get('obj')).to.deep.equal({ a: [1, 2] });
    pm.globals.unset('g');
    pm.expect(pm.globals.toObject()).to.deep.equal({ obj: { a: [1, 2] } });
});`},
	{Area: "pm", API: "pm.collectionVariables", Status: StatusSupported, Script: `
pm.test('collection scope', () => {
    pm.expect(pm.collectionVariables.get('base')).to.equal('/v1');
    pm.collectionVariables.set('base', '/v2');
    pm.expect(pm.variables.get('base')).to.equal('/v2');
    pm.expect(pm.collectionVariables.replaceIn('{{base}}/x')).to.equal('/v2/x');
});`},
	{Area: "pm", API: "pm.iterationData", Status: StatusSupported,
		Note: "`set`/`unset`/`clear` change only what the script sees, as in Postman",
		Script: `
pm.test('data row', () => {
    pm.expect(pm.iterationData.get('user')).to.equal('alice');
    pm.expect(pm.iterationData.has('nope')).to.equal(false);
    pm.expect(pm.iterationData.toObject()).to.deep.equal({ user: 'alice' });
    pm.iterationData.set('user', 'bob');
    pm.expect(pm.iterationData.get('user')).to.equal('bob');
});`},

	// pm.request ----------------------------------------------------------------------------
	{Area: "pm", API: "pm.request (method, url, toJSON, clone, size)", Status: StatusSupported, Script: `
pm.test('request', () => {
    pm.expect(pm.request.method).to.equal('POST');
    pm.expect(pm.request.url.toString()).to.equal('http://{{host}}/users?page=2&sort=name');
    pm.expect(pm.request.toJSON().method).to.equal('POST');
    pm.expect(pm.request.clone().url.getPath()).to.equal('/users');
    pm.expect(pm.request.size().body).to.equal(19);
});`},
	{Area: "pm", API: "pm.request.url (getHost, getPath, getQueryString, query, addQueryParams, removeQueryParams, update)", Status: StatusSupported, Script: `
const url = pm.request.url;
pm.test('url', () => {
    pm.expect(url.getHost()).to.equal('{{host}}');
    pm.expect(url.getPath()).to.equal('/users');
    pm.expect(url.getQueryString()).to.equal('page=2&sort=name');
    pm.expect(url.query.get('page')).to.equal('2');
    url.addQueryParams([{ key: 'limit', value: '10' }]);
    url.removeQueryParams('sort');
    pm.expect(url.getQueryString()).to.equal('page=2&limit=10');
    pm.request.addQueryParams('q=x');
    pm.expect(url.query.toObject()).to.deep.equal({ page: '2', limit: '10', q: 'x' });
    url.update('https://api.test:8443/a/b?z=1');
    pm.expect(url.getRemote()).to.equal('api.test:8443');
    pm.expect(url.getPathWithQuery()).to.equal('/a/b?z=1');
});`},
	{Area: "pm", API: "pm.request.headers, addHeader, removeHeader, upsertHeader, getHeaders", Status: StatusSupported, Script: `
pm.test('headers', () => {
    pm.expect(pm.request.headers.get('accept')).to.equal('application/json');
    pm.expect(pm.request.headers.has('X-TOKEN')).to.equal(true);
    pm.request.addHeader({ key: 'X-One', value: '1' });
    pm.request.upsertHeader({ key: 'X-One', value: '2' }); // case-sensitive, as in Postman
    pm.request.removeHeader('Accept');
    pm.request.headers.add({ key: 'X-Two', value: 'a' });
    pm.expect(pm.request.headers.one('X-One').value).to.equal('2');
    pm.expect(pm.request.getHeaders({ ignoreCase: true })).to.include({ 'x-one': '2', 'x-two': 'a' });
    pm.expect(pm.request.headers.count()).to.equal(4);
    pm.expect(pm.request.headers.all().map(h => h.key)).to.deep.equal(['Content-Type', 'X-Token', 'X-One', 'X-Two']);
});`},
	{Area: "pm", API: "pm.request.body", Status: StatusSupported, Script: `
pm.test('body', () => {
    pm.expect(pm.request.body.mode).to.equal('raw');
    pm.expect(pm.request.body.raw).to.equal('{"name":"{{user}}"}');
    pm.expect(pm.request.body.toString()).to.equal('{"name":"{{user}}"}');
    pm.request.body.update({ mode: 'urlencoded', urlencoded: [{ key: 'a', value: '1' }] });
    pm.expect(pm.request.body.urlencoded.get('a')).to.equal('1');
    pm.expect(pm.request.body.isEmpty()).to.equal(false);
});`},
	{Area: "pm", API: "pm.request.auth, authorizeUsing", Status: StatusSupported, Script: `
pm.test('auth', () => {
    pm.expect(pm.request.auth.type).to.equal('bearer');
    pm.expect(pm.request.auth.parameters().get('token')).to.equal('{{token}}');
    pm.request.authorizeUsing('basic', { username: 'u', password: 'p' });
    pm.expect(pm.request.auth.type).to.equal('basic');
    pm.expect(pm.request.auth.basic.get('username')).to.equal('u');
});`},

	// pm.response ---------------------------------------------------------------------------
	{Area: "pm", API: "pm.response (code, status, headers, cookies, responseTime, responseSize)", Status: StatusSupported,
		Note: "`pm.response.cookies` is always empty, as in Newman (postman-runtime builds responses without cookies): cookies are read with `pm.cookies`",
		Script: `
pm.test('response properties', () => {
    pm.expect(pm.response.code).to.equal(200);
    pm.expect(pm.response.status).to.equal('OK');
    pm.expect(pm.response.headers.get('x-request-id')).to.equal('abc-123');
    pm.expect(pm.response.cookies.count()).to.equal(0);
    pm.expect(pm.cookies.get('session')).to.equal('abc');
    pm.expect(pm.response.responseTime).to.equal(42);
    pm.expect(pm.response.responseSize).to.equal(61);
});`},
	{Area: "pm", API: "pm.response.text(), json(), jsonp()", Status: StatusSupported, Script: `
pm.test('body readers', () => {
    pm.expect(pm.response.text()).to.have.lengthOf(61);
    pm.expect(pm.response.json().nested.ok).to.equal(true);
    pm.expect(pm.response.json((k, v) => (k === 'id' ? v + 1 : v)).id).to.equal(2);
    pm.expect(pm.response.jsonp().name).to.equal('pmrun');
});`},
	{Area: "pm", API: "pm.response.reason(), details()", Status: StatusPartial,
		Note: "`details().detail` is the reason phrase, not the long description Postman takes from http-reasons", Script: `
pm.test('reason', () => {
    pm.expect(pm.response.reason()).to.equal('OK');
    pm.expect(pm.response.details()).to.include({ code: 200, standardName: 'OK' });
});`},
	{Area: "pm", API: "pm.response.contentInfo(), mime(), dataURI(), size(), encoding()", Status: StatusSupported, Script: `
pm.test('content info', () => {
    pm.expect(pm.response.contentInfo()).to.include({ mimeType: 'text', mimeFormat: 'json', charset: 'utf8', fileExtension: 'json', fileName: 'response.json' });
    pm.expect(pm.response.mime()).to.include({ type: 'text', format: 'json', ext: 'json' });
    pm.expect(pm.response.dataURI()).to.match(/^data:application\/json;base64, eyJpZCI6/);
    pm.expect(pm.response.size().body).to.equal(61);
    pm.expect(pm.response.encoding()).to.deep.equal({ format: undefined, source: undefined });
});`},
	{Area: "pm", API: "pm.response in pre-request scripts", Status: StatusSupported, Listen: "prerequest",
		Note: "undefined, as in Postman", Script: `
pm.test('no response yet', () => { pm.expect(pm.response).to.equal(undefined); });`},

	// chai-postman --------------------------------------------------------------------------
	{Area: "chai-postman", API: "postmanRequest, postmanResponse, postmanRequestOrResponse, pm.request.to", Status: StatusSupported, Script: `
pm.test('types', () => {
    pm.expect(pm.response).to.be.postmanResponse;
    pm.expect(pm.request).to.be.postmanRequest;
    pm.expect(pm.request).to.be.postmanRequestOrResponse;
    pm.request.to.be.postmanRequest;
    pm.expect({}).not.to.be.postmanResponse;
});`},
	{Area: "chai-postman", API: "info, success, redirection, clientError, serverError, error", Status: StatusSupported, Script: `
pm.test('status classes', () => {
    pm.response.to.be.success;
    pm.response.to.not.be.info;
    pm.response.to.not.be.redirection;
    pm.response.to.not.be.clientError;
    pm.response.to.not.be.serverError;
    pm.response.to.not.be.error;
    pm.expect(() => pm.response.to.be.clientError).to.throw('expected response code to be 4XX but found 200');
});`},
	{Area: "chai-postman", API: "ok, accepted, withoutContent, badRequest, unauthorised, unauthorized, forbidden, notFound, notAcceptable, rateLimited", Status: StatusSupported, Script: `
pm.test('status reasons', () => {
    pm.response.to.be.ok;
    ['accepted', 'withoutContent', 'badRequest', 'unauthorised', 'unauthorized', 'forbidden', 'notFound', 'notAcceptable', 'rateLimited']
        .forEach(name => { pm.response.to.not.be[name]; });
    pm.expect(() => pm.response.to.be.notFound).to.throw('expected response to have status reason');
});`},
	{Area: "chai-postman", API: "statusCodeClass(), statusCode(), statusReason(), status()", Status: StatusSupported, Script: `
pm.test('status methods', () => {
    pm.response.to.have.statusCodeClass(2);
    pm.response.to.have.statusCode(200);
    pm.response.to.have.statusReason('OK');
    pm.response.to.have.status(200);
    pm.response.to.have.status('OK');
    pm.expect(() => pm.response.to.have.status(404)).to.throw('expected response to have status code 404 but got 200');
});`},
	{Area: "chai-postman", API: "header(key[, value])", Status: StatusSupported, Script: `
pm.test('header', () => {
    pm.response.to.have.header('X-Request-Id');
    pm.response.to.have.header('x-request-id', 'abc-123');
    pm.response.to.not.have.header('X-Missing');
    pm.expect(() => pm.response.to.have.header('X-Missing')).to.throw("expected response to have header with key 'X-Missing'");
});`},
	{Area: "chai-postman", API: "withBody, json, body([string|RegExp|object])", Status: StatusSupported, Script: `
pm.test('body', () => {
    pm.response.to.be.withBody;
    pm.response.to.be.json;
    pm.response.to.have.body();
    pm.response.to.have.body(/"name":"pmrun"/);
    pm.response.to.have.body({ id: 1, name: 'pmrun', tags: ['a', 'b'], nested: { ok: true } });
    pm.response.to.not.have.body('something else');
});`},
	{Area: "chai-postman", API: "jsonBody([path[, value]])", Status: StatusSupported, Script: `
pm.test('jsonBody', () => {
    pm.response.to.have.jsonBody();
    pm.response.to.have.jsonBody('tags[1]');
    pm.response.to.have.jsonBody('nested.ok', true);
    pm.response.to.not.have.jsonBody('nested.missing');
});`},
	{Area: "chai-postman", API: "responseTime([n]), responseSize([n])", Status: StatusSupported, Script: `
pm.test('time and size', () => {
    pm.response.to.have.responseTime(42);
    pm.response.to.have.responseTime.below(100);
    pm.response.to.have.responseSize(pm.response.size().total);
    pm.response.to.have.responseSize.above(10);
});`},
	{Area: "chai-postman", API: "jsonSchema(schema[, ajvOptions])", Status: StatusSupported, Note: "Ajv 6.12.5, as Postman", Script: `
const schema = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string' } } };
pm.test('schema', () => {
    pm.response.to.have.jsonSchema(schema);
    pm.expect({ id: 'x' }).not.to.have.jsonSchema(schema);
    pm.expect(() => pm.expect({ id: 'x' }).to.have.jsonSchema(schema)).to.throw('expected data to satisfy schema but found following errors');
});`},

	// cookies -------------------------------------------------------------------------------
	{Area: "pm", API: "pm.cookies", Status: StatusSupported, Script: `
pm.test('cookie list', () => {
    pm.expect(pm.cookies.get('session')).to.equal('abc');
    pm.expect(pm.cookies.has('session')).to.equal(true);
    pm.expect(pm.cookies.has('nope')).to.equal(false);
    pm.expect(pm.cookies.one('session').value).to.equal('abc');
    pm.expect(pm.cookies.toObject()).to.deep.equal({ session: 'abc' });
});`},
	{Area: "pm", API: "pm.cookies.jar() (get, getAll, set, unset, clear; callbacks or promises)", Status: StatusSupported,
		Note: "`getAll` ignores its `{http, secure}` filter",
		Script: `
const jar = pm.cookies.jar();
await jar.set('http://a.test/', 'k', 'v');
await jar.set('http://a.test/', { name: 'k2', value: 'v2', httpOnly: true });
const value = await jar.get('http://a.test/', 'k');
const names = (await jar.getAll('http://a.test/')).map(c => c.name);
const viaUrl = (await jar.getAll(new (require('postman-collection').Url)('http://a.test/'))).map(c => c.name);
const viaCallback = await new Promise((resolve) => jar.get('http://a.test/', 'k2', (err, v) => resolve([err, v])));
await jar.unset('http://a.test/', 'k');
const afterUnset = (await jar.getAll('http://a.test/')).count();
await new Promise((resolve) => jar.clear('http://a.test/', resolve));
pm.test('jar', async () => {
    pm.expect(value).to.equal('v');
    pm.expect(names).to.deep.equal(['k', 'k2']);
    pm.expect(viaUrl).to.deep.equal(['k', 'k2']);
    pm.expect(() => jar.getAll({}, () => {})).to.throw(TypeError, 'CookieJar.getAll() requires a valid url');
    pm.expect(viaCallback).to.deep.equal([null, 'v2']);
    pm.expect(afterUnset).to.equal(1);
    pm.expect((await jar.getAll('http://a.test/')).count()).to.equal(0);
    pm.expect(() => jar.get('', 'k')).to.throw(TypeError, 'CookieJar.get() requires a valid url');
});`},

	// pm.sendRequest ------------------------------------------------------------------------
	{Area: "pm", API: "pm.sendRequest(req, callback)", Status: StatusSupported, Script: `
pm.sendRequest({ url: 'http://example.com/echo', method: 'PUT', header: { 'X-A': '1' }, body: { mode: 'raw', raw: 'hi' } }, (err, res) => {
    pm.test('callback', () => {
        pm.expect(err).to.equal(null);
        pm.expect(res.code).to.equal(200);
        pm.expect(res.json()).to.deep.include({ method: 'PUT', url: 'http://example.com/echo', body: 'hi' });
        pm.expect(res.json().headers).to.include({ 'X-A': '1' });
    });
});`},
	{Area: "pm", API: "pm.sendRequest(req) promise", Status: StatusSupported, Script: `
const res = await pm.sendRequest('http://example.com/get?a=1');
pm.test('promise', () => {
    pm.expect(res).to.be.postmanResponse;
    pm.expect(res.json()).to.deep.include({ method: 'GET', url: 'http://example.com/get?a=1' });
});`},
	{Area: "pm", API: "pm.sendRequest errors (err.code, nothing to request)", Status: StatusSupported,
		Note: "as Newman, the callback gets Node's error (a plain object: errno, code, syscall, address, port) and an empty response; the promise rejects with an Error",
		Script: `
let caught, nothing;
try { await pm.sendRequest('http://refused.test/'); } catch (e) { caught = e; }
pm.sendRequest('http://refused.test/', (err, res) => {
    pm.test('callback error', () => {
        pm.expect(err).to.deep.equal({ errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 80 });
        pm.expect(res).to.be.an('object');
        pm.expect(res.code).to.equal(undefined);
    });
});
pm.sendRequest('', (err) => { nothing = err; });
pm.test('promise error', () => {
    pm.expect(caught.code).to.equal('ECONNREFUSED');
    pm.expect(caught.message).to.equal('connect ECONNREFUSED 127.0.0.1:80');
    pm.expect(nothing.message).to.equal('sendrequest: nothing to request');
});`},
	{Area: "pm", API: "pm.sendRequest with a file body", Status: StatusSupported,
		Note: "file bodies and form-data file fields are removed, with the console warning `uploading files from scripts is not allowed`",
		Script: `
const res = await pm.sendRequest({ url: 'http://example.com/upload', method: 'POST', body: { mode: 'file', file: { src: '/etc/passwd' } } });
pm.test('file body stripped', () => { pm.expect(res.json().body).to.equal(null); });`},

	// pm.execution ---------------------------------------------------------------------------
	{Area: "pm", API: "pm.execution.setNextRequest()", Status: StatusSupported, Script: `
pm.execution.setNextRequest('Item 2');
pm.test('returns nothing', () => { pm.expect(pm.execution.setNextRequest('Item 2')).to.equal(undefined); });`},
	{Area: "pm", API: "pm.execution.skipRequest()", Status: StatusSupported, Listen: "prerequest",
		Note: "pre-request scripts only; nothing after it runs", Script: `
pm.test('before skip', () => { pm.expect(pm.execution.skipRequest).to.be.a('function'); });
pm.execution.skipRequest();
pm.test('never runs', () => { pm.expect.fail('ran after skipRequest'); });`},
	{Area: "pm", API: "pm.execution.location", Status: StatusSupported, Script: `
pm.test('location', () => {
    pm.expect(Array.from(pm.execution.location)).to.deep.equal(['My Collection', 'Folder', 'Item']);
    pm.expect(pm.execution.location.current).to.equal('Item');
    pm.expect(pm.execution.skipRequest).to.equal(undefined);
});`},
	{Area: "pm", API: "pm.execution.runRequest()", Status: StatusPartial,
		Note: "runs a request of the same collection (by id or name) with its own scripts, over copies of the variables; " +
			"Postman can also run requests of other collections",
		Script: `
const res = await pm.execution.runRequest('other-request', { variables: { id: 7 } });
pm.test('nested response', () => pm.expect(res.json().ran).to.equal('other-request:7'));
pm.test('skipped request gives null', async () => pm.expect(await pm.execution.runRequest('skipped')).to.equal(null));`},

	// visualizer, tests, expect ----------------------------------------------------------------
	{Area: "pm", API: "pm.visualizer.set(), clear()", Status: StatusSupported,
		Note: "recorded, not rendered (there is no visualizer in a terminal)", Script: `
pm.visualizer.set('<p>{{name}}</p>', { name: 'pmrun' }, { a: 1 });
pm.test('type checks', () => {
    pm.expect(() => pm.visualizer.set(1)).to.throw('Invalid template. Template must be of type string, found number');
    pm.expect(() => pm.visualizer.set('', 'x')).to.throw('Invalid data. Data must be an object, found string');
});`},
	{Area: "pm", API: "pm.test(name, fn)", Status: StatusSupported, Script: `
const self = pm.test('sync test', () => { pm.expect(1 + 1).to.equal(2); });
pm.test('chainable', () => { pm.expect(self).to.equal(pm); });
pm.test('no function is a pass');`},
	{Area: "pm", API: "pm.test.skip(), pm.test.index()", Status: StatusSupported, Script: `
pm.test.skip('skipped', () => { throw new Error('never runs'); });
pm.test('index counts skipped tests', () => { pm.expect(pm.test.index()).to.equal(2); });`},
	{Area: "pm", API: "pm.test(name, done => ...)", Status: StatusSupported,
		Note: "a test whose `done` is never called fails when the script has nothing left to wait for (Postman drops it silently)",
		Script: `
pm.test('done later', (done) => { setTimeout(() => { pm.expect(1).to.equal(1); done(); }, 5); });`},
	{Area: "pm", API: "pm.test(name, async () => ...)", Status: StatusPartial,
		Note: "pmrun waits for the promise and fails the test when it rejects; Postman reports such a test as passed and the rejection as a script error",
		Script: `
pm.test('awaits', async () => {
    const v = await new Promise((resolve) => setTimeout(() => resolve(3), 5));
    pm.expect(v).to.equal(3);
});`},
	{Area: "pm", API: "pm.expect (chai 4.4.1 BDD)", Status: StatusSupported, Script: `
pm.test('chai', () => {
    pm.expect({ a: { b: [1, 2] } }).to.have.nested.property('a.b[1]', 2);
    pm.expect([1, 2, 3]).to.include(2).and.have.lengthOf(3);
    pm.expect('pmrun').to.be.a('string').that.matches(/^pm/);
    pm.expect({ a: 1, b: 2 }).to.have.all.keys('a', 'b');
    pm.expect(5).to.be.within(1, 10).and.oneOf([5, 6]);
    pm.expect(() => { throw new TypeError('bad'); }).to.throw(TypeError, 'bad');
    pm.expect({ x: [1] }).to.deep.equal({ x: [1] });
    pm.expect(4).to.satisfy(n => n % 2 === 0);
    pm.expect(() => pm.expect(1).to.equal(2)).to.throw('expected 1 to equal 2');
    pm.expect.fail.length;
});`},

	// pm.vault ----------------------------------------------------------------------------
	{Area: "pm", API: "pm.vault.get(), set(), unset()", Status: StatusSupported,
		Note: "needs `--vault` and `pmrun vault scripts on`; every rejection is also shown on the console",
		Script: `
pm.test('shape', () => {
    pm.expect(Object.keys(pm.vault).sort()).to.deep.equal(['get', 'set', 'unset']);
    pm.expect(Object.isFrozen(pm.vault)).to.equal(true);
});
pm.test('values', async () => {
    pm.expect(await pm.vault.get('apiKey')).to.equal('s3cr3t');
    pm.expect(await pm.vault.get('missing')).to.equal(undefined);
    await pm.vault.set('newKey', 'v1');
    pm.expect(await pm.vault.get('newKey')).to.equal('v1');
    await pm.vault.unset('newKey');
    pm.expect(await pm.vault.get('newKey')).to.equal(undefined);
    let err;
    try { await pm.vault.set('linked-db', 'x'); } catch (e) { err = e; }
    pm.expect(err.message).to.equal('secret "linked-db" is linked and cannot be changed from scripts');
});`},

	// not in pmrun -----------------------------------------------------------------------------
	{Area: "pm", API: "pm.datasets", Status: StatusNotSupported, Note: "Postman app only",
		Script: "await pm.datasets('id').executeQuery('select 1');",
		Fails:  "TypeError: pm.datasets is not a function"},
	{Area: "pm", API: "pm.message", Status: StatusNotSupported, Note: "WebSocket/gRPC requests only",
		Script: "pm.message.on('x', () => {});",
		Fails:  "TypeError: Cannot read properties of undefined (reading 'on')"},

	// globals -----------------------------------------------------------------------------------
	{Area: "globals", API: "console (log, info, warn, error, debug, clear)", Status: StatusSupported,
		Note: "Node-style formatting; every line is a run event shown by the reporters",
		Script: `
console.log('log', { a: [1, 'x'] });
console.info('info %s=%d', 'n', 5);
console.warn('warn');
console.error(new Error('boom').message);
console.debug('debug', null, undefined);
console.clear();
pm.test('console returns nothing', () => { pm.expect(console.log()).to.equal(undefined); });`},
	{Area: "globals", API: "setTimeout, setInterval, setImmediate and their clear*", Status: StatusSupported,
		Note: "the script waits for pending timers, as in Postman; an error thrown in a callback is ignored as there (shown as a console warning)", Script: `
const order = [];
await new Promise((resolve) => {
    const done = (what) => { order.push(what); if (order.length === 3) { setTimeout(resolve, 5); } };
    setTimeout(() => done('t10'), 250); // long enough that a slow machine (-race) still runs the immediate first
    const cancelled = setTimeout(() => order.push('cancelled'), 1);
    clearTimeout(cancelled);
    setImmediate(() => done('immediate'));
    clearImmediate(setImmediate(() => order.push('cancelled immediate')));
    let ticks = 0;
    const iv = setInterval(() => { ticks++; if (ticks === 3) { clearInterval(iv); done('interval'); } }, 1);
});
pm.test('timers', () => {
    pm.expect(order[0]).to.equal('immediate');
    pm.expect(order.slice().sort()).to.deep.equal(['immediate', 'interval', 't10']);
});`},
	{Area: "globals", API: "top-level await", Status: StatusSupported, Script: `
const v = await Promise.resolve(7);
pm.test('awaited', () => { pm.expect(v).to.equal(7); });`},
	{Area: "globals", API: "Buffer", Status: StatusSupported, Note: "buffer 6.0.3", Script: `
pm.test('Buffer', () => {
    pm.expect(Buffer.from('pmrun').toString('base64')).to.equal('cG1ydW4=');
    pm.expect(Buffer.from('cG1ydW4=', 'base64').toString('hex')).to.equal('706d72756e');
});`},
	{Area: "globals", API: "atob, btoa", Status: StatusSupported, Script: `
pm.test('base64', () => {
    pm.expect(btoa('user:pass')).to.equal('dXNlcjpwYXNz');
    pm.expect(atob('dXNlcjpwYXNz')).to.equal('user:pass');
});`},
	{Area: "globals", API: "URL, URLSearchParams", Status: StatusSupported, Script: `
pm.test('WHATWG URL', () => {
    const u = new URL('https://example.com:8443/a/b?x=1&y=2#h');
    pm.expect(u.hostname).to.equal('example.com');
    pm.expect(u.searchParams.get('y')).to.equal('2');
    pm.expect(new URLSearchParams({ a: '1 2' }).toString()).to.equal('a=1+2');
});`},
	{Area: "globals", API: "require() of other modules", Status: StatusNotSupported,
		Note:   "only the libraries below, as in Postman (no npm packages, no Node built-ins such as http)",
		Script: "require('http');",
		Fails:  "Error: Cannot find module 'http'"},

	// legacy ------------------------------------------------------------------------------------
	{Area: "legacy", API: "tests[]", Status: StatusSupported,
		Note: "as in Postman, the first use in a script of a legacy object or function logs a deprecation warning",
		Script: `
tests['legacy test'] = pm.response.code === 200;
tests['another'] = true;`},
	{Area: "legacy", API: "globals, environment, data, iteration", Status: StatusSupported, Script: `
pm.test('snapshots', () => {
    pm.expect(globals).to.deep.equal({ g: '1' });
    pm.expect(environment).to.deep.equal({ host: 'example.com', token: 't0k' });
    pm.expect(data).to.deep.equal({ user: 'alice' });
    pm.expect(iteration).to.equal(0);
});`},
	{Area: "legacy", API: "request", Status: StatusSupported, Script: `
pm.test('legacy request', () => {
    pm.expect(request).to.deep.include({ id: 'req-1', name: 'Item', method: 'POST', url: 'http://{{host}}/users?page=2&sort=name' });
    pm.expect(request.headers).to.include({ Accept: 'application/json' });
    pm.expect(request.data).to.equal('{"name":"{{user}}"}');
});`},
	{Area: "legacy", API: "responseBody, responseCode, responseHeaders, responseTime, responseCookies", Status: StatusPartial,
		Note: "`responseCode.detail` is the reason phrase (see `details()`); `responseBody` is undefined above 50 MB, as in Postman", Script: `
pm.test('legacy response', () => {
    pm.expect(JSON.parse(responseBody).id).to.equal(1);
    pm.expect(responseCode).to.deep.equal({ code: 200, name: 'OK', detail: 'OK', standardName: 'OK' });
    pm.expect(responseHeaders['X-Request-Id']).to.equal('abc-123');
    pm.expect(responseTime).to.equal(42);
    pm.expect(responseCookies.map(c => c.name)).to.deep.equal(['session']);
});`},
	{Area: "legacy", API: "postman.setEnvironmentVariable, getEnvironmentVariable, clearEnvironmentVariable(s), setGlobalVariable, getGlobalVariable, clearGlobalVariable(s)", Status: StatusSupported, Script: `
postman.setEnvironmentVariable('n', 5);
postman.setGlobalVariable('flag', true);
pm.test('legacy variables', () => {
    pm.expect(postman.getEnvironmentVariable('n')).to.equal('5');
    pm.expect(postman.getGlobalVariable('flag')).to.equal('true');
    postman.clearEnvironmentVariable('n');
    pm.expect(pm.environment.has('n')).to.equal(false);
    postman.clearGlobalVariables();
    pm.expect(pm.globals.toObject()).to.deep.equal({});
    postman.clearEnvironmentVariables();
    pm.expect(pm.environment.toObject()).to.deep.equal({});
});`},
	{Area: "legacy", API: "postman.setNextRequest", Status: StatusSupported, Script: `
postman.setNextRequest('Item 2');
pm.test('set', () => { pm.expect(typeof postman.setNextRequest).to.equal('function'); });`},
	{Area: "legacy", API: "postman.getResponseHeader, getResponseCookie", Status: StatusSupported, Script: `
pm.test('legacy response helpers', () => {
    pm.expect(postman.getResponseHeader('x-request-id')).to.equal('abc-123');
    pm.expect(postman.getResponseCookie('session').value).to.equal('abc');
});`},
	{Area: "legacy", API: "_ (lodash 3), CryptoJS, tv4, cheerio, Backbone, xml2Json", Status: StatusSupported, Script: `
pm.test('legacy libraries', () => {
    pm.expect(_.VERSION).to.equal('3.10.2');
    pm.expect(CryptoJS.SHA256('x').toString()).to.have.lengthOf(64);
    pm.expect(tv4.validate(1, { type: 'number' })).to.equal(true);
    pm.expect(cheerio.load('<b>hi</b>')('b').text()).to.equal('hi');
    pm.expect(new Backbone.Model({ a: 1 }).get('a')).to.equal(1);
    pm.expect(xml2Json('<r><a>1</a></r>')).to.deep.equal({ r: { a: '1' } });
});`},
	{Area: "legacy", API: "JSON (liquid-json)", Status: StatusSupported,
		Note: "skips a byte order mark; errors are `JSONError` with Postman's code-frame message; valid JSON is one native parse",
		Script: `
pm.test('JSON', () => {
    pm.expect(JSON.parse('{"a":[1]}')).to.deep.equal({ a: [1] });
    pm.expect(JSON.parse('\uFEFF{"a":1}').a).to.equal(1);
    pm.expect(require('json').parse('\uFEFF{"a":1}').a).to.equal(1);
    pm.expect(() => JSON.parse('<x>')).to.throw("Unexpected token '<' at 1:1\n<x>\n^");
});`},
	{Area: "legacy", API: "\"use sandbox2\"", Status: StatusSupported, Note: "turns the legacy globals off", Script: `'use sandbox2';
pm.test('no legacy globals', () => {
    pm.expect(typeof tests).to.equal('undefined');
    pm.expect(typeof postman).to.equal('undefined');
    pm.expect(typeof responseBody).to.equal('undefined');
});`},

	// libraries ---------------------------------------------------------------------------------
	{Area: "library", API: "lodash", Status: StatusSupported, Note: "4.18.1", Script: `
const _ = require('lodash');
pm.test('lodash', () => {
    pm.expect(_.get({ a: [{ b: 2 }] }, 'a[0].b')).to.equal(2);
    pm.expect(_.uniqBy([{ id: 1 }, { id: 1 }, { id: 2 }], 'id')).to.have.lengthOf(2);
});`},
	{Area: "library", API: "moment", Status: StatusSupported, Note: "2.30.1", Script: `
const moment = require('moment');
pm.test('moment', () => {
    pm.expect(moment.utc('2024-02-28T10:00:00Z').add(1, 'day').format('YYYY-MM-DD')).to.equal('2024-02-29');
});`},
	{Area: "library", API: "crypto-js", Status: StatusSupported, Note: "3.3.0", Script: `
const CryptoJS = require('crypto-js');
pm.test('HMAC-SHA256', () => {
    const mac = CryptoJS.HmacSHA256('The quick brown fox jumps over the lazy dog', 'key');
    pm.expect(mac.toString(CryptoJS.enc.Hex)).to.equal('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    pm.expect(CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse('hi'))).to.equal('aGk=');
});`},
	{Area: "library", API: "chai", Status: StatusSupported, Note: "4.4.1", Script: `
const chai = require('chai');
pm.test('chai', () => {
    chai.assert.deepEqual({ a: 1 }, { a: 1 });
    chai.expect([1, 2]).to.have.members([2, 1]);
});`},
	{Area: "library", API: "ajv", Status: StatusSupported, Note: "6.12.5", Script: `
const Ajv = require('ajv');
const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile({ type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } });
pm.test('ajv', () => {
    pm.expect(validate({ id: 3 })).to.equal(true);
    pm.expect(validate({ id: 0 })).to.equal(false);
    pm.expect(ajv.errorsText(validate.errors)).to.equal('data.id should be >= 1');
});`},
	{Area: "library", API: "tv4", Status: StatusSupported, Note: "1.3.0", Script: `
const tv4 = require('tv4');
pm.test('tv4', () => {
    pm.expect(tv4.validate({ id: 'x' }, { properties: { id: { type: 'integer' } } })).to.equal(false);
    pm.expect(tv4.error.message).to.equal('Invalid type: string (expected integer)');
});`},
	{Area: "library", API: "cheerio", Status: StatusSupported, Note: "0.22.0", Script: `
const cheerio = require('cheerio');
const $ = cheerio.load('<ul id="l"><li class="x">one</li><li class="x" data-n="2">two</li></ul>');
pm.test('cheerio', () => {
    pm.expect($('#l li.x').length).to.equal(2);
    pm.expect($('li').last().attr('data-n')).to.equal('2');
    pm.expect($('li').map((i, el) => $(el).text()).get()).to.deep.equal(['one', 'two']);
});`},
	{Area: "library", API: "xml2js", Status: StatusSupported, Note: "0.6.2", Script: `
const xml2js = require('xml2js');
const parsed = await new Promise((resolve, reject) => xml2js.parseString('<user id="7"><name>Ada</name></user>',
    (err, out) => (err ? reject(err) : resolve(out))));
pm.test('xml2js', () => {
    pm.expect(parsed.user.$.id).to.equal('7');
    pm.expect(parsed.user.name[0]).to.equal('Ada');
    pm.expect(new xml2js.Builder({ headless: true }).buildObject({ a: 'b' })).to.equal('<a>b</a>');
});`},
	{Area: "library", API: "csv-parse/lib/sync", Status: StatusSupported, Note: "csv-parse 1.2.4", Script: `
const parse = require('csv-parse/lib/sync');
pm.test('csv', () => {
    pm.expect(parse('id,name\n1,"Ada, L"', { columns: true })).to.deep.equal([{ id: '1', name: 'Ada, L' }]);
});`},
	{Area: "library", API: "uuid", Status: StatusSupported, Note: "Postman's own: `uuid()` and `uuid.v4()`", Script: `
const uuid = require('uuid');
pm.test('uuid', () => {
    pm.expect(uuid()).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    pm.expect(uuid.v4()).to.not.equal(uuid.v4());
});`},
	{Area: "library", API: "atob, btoa (modules)", Status: StatusSupported, Script: `
pm.test('modules', () => {
    pm.expect(require('btoa')('hi')).to.equal('aGk=');
    pm.expect(require('atob')('aGk=')).to.equal('hi');
});`},
	{Area: "library", API: "buffer", Status: StatusSupported, Note: "6.0.3", Script: `
const { Buffer: B } = require('buffer');
pm.test('buffer', () => {
    pm.expect(B).to.equal(Buffer);
    pm.expect(B.concat([B.from([1]), B.from([2])]).readUInt16BE(0)).to.equal(258);
});`},
	{Area: "library", API: "assert", Status: StatusSupported, Note: "2.0.0", Script: `
const assert = require('assert');
pm.test('assert', () => {
    assert.deepStrictEqual({ a: [1] }, { a: [1] });
    pm.expect(() => assert.strictEqual(1, 2)).to.throw(assert.AssertionError);
});`},
	{Area: "library", API: "postman-collection", Status: StatusPartial,
		Note: "the classes scripts meet (Request, Response, Url, Header, QueryParam, Cookie, the lists, RequestBody, RequestAuth, " +
			"Variable, VariableList, VariableScope, MutationTracker, Item, ItemGroup, Collection, Event); not the rest of the SDK",
		Script: `
const sdk = require('postman-collection');
pm.test('sdk classes', () => {
    const url = new sdk.Url('https://example.com/a?b=1');
    pm.expect(url.getQueryString()).to.equal('b=1');
    const req = new sdk.Request({ url: 'https://example.com/x', method: 'DELETE' });
    pm.expect(req.method).to.equal('DELETE');
    pm.expect(new sdk.Header({ key: 'A', value: 'b' }).toString()).to.equal('A: b');
    const collection = new sdk.Collection({ info: { name: 'C' }, item: [{ id: 'get-one', request: 'http://example.com/get?test=123' }] });
    pm.expect(sdk.Collection.isCollection(collection)).to.equal(true);
    pm.expect(collection.items.one('get-one').request.url.toString()).to.equal('http://example.com/get?test=123');
    const scope = new sdk.VariableScope({ values: [{ key: 'var1', value: 'val1' }] });
    pm.expect(sdk.VariableScope.isVariableScope(scope)).to.equal(true);
    pm.expect(scope.syncVariablesTo()).to.deep.equal({ var1: 'val1' });
    pm.expect(new sdk.Response({ stream: Buffer.from('buffer') }).text()).to.equal('buffer');
});
const res = await pm.sendRequest(new sdk.Request({ url: 'http://example.com/sdk', method: 'PATCH' }));
pm.test('sendRequest takes a Request', () => { pm.expect(res.json().method).to.equal('PATCH'); });`},
	{Area: "library", API: "backbone", Status: StatusSupported, Note: "1.6.0", Script: `
const Backbone = require('backbone');
const seen = [];
const m = new Backbone.Model({ a: 1 });
m.on('change:a', (model, v) => seen.push(v));
m.set('a', 2);
pm.test('backbone', () => { pm.expect(seen).to.deep.equal([2]); pm.expect(new Backbone.Collection([{}, {}]).length).to.equal(2); });`},
	{Area: "library", API: "json (liquid-json)", Status: StatusSupported, Note: "0.3.1", Script: `
const json = require('json');
pm.test('liquid-json', () => {
    pm.expect(json.parse('\uFEFF{"a": 1}')).to.deep.equal({ a: 1 });
    pm.expect(() => json.parse('{a')).to.throw();
});`},
	{Area: "library", API: "events", Status: StatusSupported, Script: `
const EventEmitter = require('events');
const e = new EventEmitter();
let got;
e.once('ping', (v) => { got = v; });
e.emit('ping', 42);
pm.test('events', () => { pm.expect(got).to.equal(42); pm.expect(e.listenerCount('ping')).to.equal(0); });`},
	{Area: "library", API: "path", Status: StatusSupported, Script: `
const path = require('path');
pm.test('path', () => {
    pm.expect(path.join('/a', 'b', '../c')).to.equal('/a/c');
    pm.expect(path.extname('f.json')).to.equal('.json');
});`},
	{Area: "library", API: "timers", Status: StatusSupported, Script: `
const timers = require('timers');
const v = await new Promise((resolve) => timers.setTimeout(() => resolve('fired'), 1));
pm.test('timers', () => { pm.expect(v).to.equal('fired'); });`},
	{Area: "library", API: "util", Status: StatusSupported, Script: `
const util = require('util');
pm.test('util', () => {
    pm.expect(util.format('%s=%d', 'n', 5)).to.equal('n=5');
    pm.expect(util.inspect({ a: 1 })).to.equal('{ a: 1 }');
});`},
	{Area: "library", API: "stream", Status: StatusSupported, Script: `
const { Readable } = require('stream');
const chunks = [];
await new Promise((resolve) => {
    const r = new Readable({ read() {} });
    r.on('data', (c) => chunks.push(String(c)));
    r.on('end', resolve);
    r.push('a'); r.push('b'); r.push(null);
});
pm.test('stream', () => { pm.expect(chunks.join('')).to.equal('ab'); });`},
	{Area: "library", API: "string_decoder", Status: StatusSupported, Script: `
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('utf8');
pm.test('string_decoder', () => {
    const euro = Buffer.from('€');
    pm.expect(d.write(euro.slice(0, 1)) + d.write(euro.slice(1))).to.equal('€');
});`},
	{Area: "library", API: "url", Status: StatusSupported, Script: `
const url = require('url');
pm.test('url', () => {
    const u = url.parse('http://user@example.com:8080/p?q=1', true);
    pm.expect(u.port).to.equal('8080');
    pm.expect(u.query).to.deep.equal({ q: '1' });
    pm.expect(url.resolve('http://a.test/b/c', '../d')).to.equal('http://a.test/d');
});`},
	{Area: "library", API: "punycode", Status: StatusSupported, Script: `
const punycode = require('punycode');
pm.test('punycode', () => { pm.expect(punycode.toASCII('bücher.de')).to.equal('xn--bcher-kva.de'); });`},
	{Area: "library", API: "querystring", Status: StatusSupported, Script: `
const qs = require('querystring');
pm.test('querystring', () => {
    pm.expect(qs.stringify({ a: [1, 2], b: 'x y' })).to.equal('a=1&a=2&b=x%20y');
    pm.expect(qs.parse('a=1&b=2')).to.deep.equal({ a: '1', b: '2' });
});`},
	{Area: "library", API: "fs, os", Status: StatusSupported,
		Note: "stubs, as in Postman (browserify's empty `fs` and `os-browserify`): no file system, no host details", Script: `
pm.test('stubs', () => {
    pm.expect(Object.keys(require('fs'))).to.deep.equal([]);
    pm.expect(require('os').platform()).to.equal('browser');
    pm.expect(require('os').hostname()).to.equal('');
});`},
	{Area: "library", API: "Sugar.js native extensions", Status: StatusSupported,
		Note: "1.3.9, as vendored by Newman 6's sandbox; installed on the first use of one of its names",
		Script: `
pm.test('Sugar', () => {
    pm.expect('postman'.capitalize()).to.equal('Postman');
    pm.expect('abcdef'.has('cd')).to.equal(true);
    pm.expect([1, 2, 3].first()).to.equal(1);
    pm.expect([1, 2, 3, 4].average()).to.equal(2.5);
    pm.expect(Object.merge({ a: 1 }, { b: 2 })).to.deep.equal({ a: 1, b: 2 });
    pm.expect((56).ordinalize()).to.equal('56th');
    pm.expect(Date.create('2020-01-15').format('{yyyy}-{MM}-{dd}')).to.equal('2020-01-15');
});`},
}

// CompatMarkdown renders Compat as the Markdown of README.md's compatibility section: a
// count by status and one table per area.
func CompatMarkdown() string {
	var b strings.Builder
	counts := map[string]int{}
	for _, r := range Compat {
		counts[r.Status]++
	}
	fmt.Fprintf(&b, "<!-- generated from sandbox/compat.go by `go test ./sandbox -run TestCompatTableInREADME -update`; do not edit -->\n\n")
	fmt.Fprintf(&b, "%d rows: %d supported, %d partial, %d not supported. Every row is exercised by a real script in `sandbox/compat.go`.\n",
		len(Compat), counts[StatusSupported], counts[StatusPartial], counts[StatusNotSupported])
	for _, area := range compatAreas {
		fmt.Fprintf(&b, "\n### %s\n\n| API | status | note |\n|---|---|---|\n", area.title)
		for _, r := range Compat {
			if r.Area == area.key {
				fmt.Fprintf(&b, "| `%s` | %s | %s |\n", escapeCell(r.API), r.Status, escapeCell(r.Note))
			}
		}
	}
	return b.String()
}

var compatAreas = []struct{ key, title string }{
	{"pm", "The pm API"},
	{"chai-postman", "Response assertions (chai-postman)"},
	{"globals", "Script globals"},
	{"legacy", "Legacy globals"},
	{"library", "Libraries for require()"},
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
