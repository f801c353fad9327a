// The pm API and the per-script state. This file is the body of a function
// (host, model, chai, fmt) returning { begin, finish, state }; host is the Go side (see
// host.go), model the object model of js/model.js, fmt the console formatter.
'use strict';

var state = null; // the running script's state; replaced by begin

var SCOPES = { local: 0, data: 1, environment: 2, collection: 3, globals: 4, variables: 5 };

function readonly(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: false, enumerable: true, configurable: false });
}

// Variable scopes --------------------------------------------------------------------------

function VariableScope(idx, name, readOnly) {
    Object.defineProperty(this, '_idx', { value: idx });
    Object.defineProperty(this, '_name', { value: name });
    if (readOnly) {
        Object.defineProperty(this, 'set', { value: undefined });
        Object.defineProperty(this, 'unset', { value: undefined });
        Object.defineProperty(this, 'clear', { value: undefined });
    }
}
// postman-collection's VariableScope.isVariableScope recognises a scope by this name on its
// constructor, so require('postman-collection').VariableScope.isVariableScope(pm.globals) holds.
VariableScope._postman_propertyName = 'VariableScope';
VariableScope.prototype.has = function (key) { return host.varHas(this._idx, String(key)); };
VariableScope.prototype.get = function (key) { return host.varGet(this._idx, String(key)); };
VariableScope.prototype.set = function (key, value, type) {
    if (type !== undefined && value !== undefined && value !== null) {
        switch (type) {
        case 'string': value = String(value); break;
        case 'number': value = Number(value); break;
        case 'boolean': value = Boolean(value); break;
        }
    }
    if (value && typeof value === 'object') {
        // Store a plain copy so later mutations of the script's object do not leak in.
        try { value = JSON.parse(JSON.stringify(value)); } catch (e) { /* keep as is */ }
    }
    host.varSet(this._idx, String(key), value);
    track(this.mutations, String(key), value, 2);
};
VariableScope.prototype.unset = function (key) {
    host.varUnset(this._idx, String(key));
    track(this.mutations, String(key), undefined, 1);
};

// track is m.track('set', key, value) (n 2) or m.track('unset', key) (n 1) without the call
// through MutationTracker#track, which reads `arguments` (slow in goja), when it would do just
// this: a compacting tracker whose track is the original stores [key, value] or [key].
var TRACK = model.MutationTracker.prototype.track;
function track(m, key, value, n) {
    var fn = m.track, c;
    if (fn === TRACK && m.autoCompact === true && (c = m.compacted) !== null && typeof c === 'object') {
        c[key] = n === 2 ? [key, value] : [key];
    } else if (n === 2) {
        fn.call(m, 'set', key, value);
    } else {
        fn.call(m, 'unset', key);
    }
}
VariableScope.prototype.clear = function () {
    var m = this.mutations;
    Object.keys(host.varObject(this._idx)).forEach(function (k) { m.track('unset', k); });
    host.varClear(this._idx);
};
// mutations records this script's changes to the scope, compacted per key, as Postman does.
Object.defineProperty(VariableScope.prototype, 'mutations', {
    get: function () {
        var m = new model.MutationTracker({ autoCompact: true });
        Object.defineProperty(this, 'mutations', { value: m, enumerable: false });
        return m;
    }
});
VariableScope.prototype.toObject = function () { return host.varObject(this._idx); };
// toJSON is Newman's: the id (a random one, kept per scope object, when the scope has none),
// the name when the file gave one, this script's mutations (not for iterationData) and every
// value typed "any" (a disabled one, which Newman would not keep apart, says so).
VariableScope.prototype.toJSON = function () {
    var out = { id: this.id }, name = this.name;
    if (name !== undefined) { out.name = name; }
    if (this._name !== 'iterationData') { out.mutations = this.mutations.toJSON(); }
    out.values = host.varValues(this._idx).map(function (v) {
        var o = { type: 'any', value: v.value, key: v.key };
        if (v.disabled) { o.disabled = true; }
        return o;
    });
    return out;
};
VariableScope.prototype.replaceIn = function (tpl) {
    if (typeof tpl === 'string') { return host.replaceIn(tpl); }
    if (tpl === null || tpl === undefined) { return tpl; }
    if (typeof tpl === 'object') { return JSON.parse(host.replaceIn(JSON.stringify(tpl))); }
    return tpl;
};
// name is the environment's or globals' own (from its file), else undefined, as in Newman.
Object.defineProperty(VariableScope.prototype, 'name', {
    enumerable: true,
    get: function () { return host.varName(this._idx) || undefined; }
});
Object.defineProperty(VariableScope.prototype, 'id', {
    get: function () {
        var id = host.varID(this._idx);
        if (id) { return id; }
        if (!this._id) { Object.defineProperty(this, '_id', { value: model.uuid() }); }
        return this._id;
    }
});
Object.defineProperty(VariableScope.prototype, 'values', { get: function () { return host.varValues(this._idx); } });

// pm.test ------------------------------------------------------------------------------------

function errorInfo(e, testName) {
    if (e !== null && typeof e === 'object') {
        var name = e.name === undefined ? 'AssertionError' : String(e.name);
        var message = e.message === undefined ? testName : String(e.message);
        if (name === 'TypeError') { message = host.nodeMessage(message, String(e.stack)); }
        if (name === 'AssertionError' && 'expected' in e && 'actual' in e) {
            return [name, message, e.expected, e.actual];
        }
        return [name, message];
    }
    return ['AssertionError', testName];
}

// Assertions are reported in the order the tests were registered, as Newman does (it
// reports a promise-returning test at once): a pending promise test holds back the results
// that come after it until it settles. Other results are reported as they happen.
function report(st, args) {
    if (st.queue.length === 0) { host.assertion.apply(null, args); return; }
    st.queue.push({ ready: true, args: args });
}

function holdSlot(st) {
    var slot = { ready: false, args: null };
    st.queue.push(slot);
    return slot;
}

function fillSlot(st, slot, args) {
    slot.ready = true;
    slot.args = args;
    while (st.queue.length > 0 && st.queue[0].ready) {
        host.assertion.apply(null, st.queue.shift().args);
    }
}

// test is pm.test, shared by every pm of the runtime: it records into the running script.
function test(name, fn) {
    var st = state;
    name = String(name);
    var index = st.testIndex++;
    if (typeof fn !== 'function') {
        report(st, [name, index, false]);
        return st.pm;
    }
    var settled = false, slot = null;
    function done(err) {
        if (settled) { return; }
        settled = true;
        var args;
        if (err === undefined || err === null) {
            args = [name, index, false];
        } else {
            var info = errorInfo(err, name);
            args = info.length > 2 ? [name, index, false, info[0], info[1], info[2], info[3]] : [name, index, false, info[0], info[1]];
        }
        if (slot) { fillSlot(st, slot, args); } else { report(st, args); }
    }
    if (fn.length >= 1) {
        // As in Postman, a pending done() does not keep the script alive: the script ends
        // when nothing else is left to run, and a test whose done() never ran is not
        // reported (finish warns about it on the console).
        var pending = { name: name, settled: false };
        st.pending.push(pending);
        var finish = function (err) {
            if (!state || state !== st) { return; } // called after its script ended
            pending.settled = true;
            done(err);
        };
        try { fn.call(st.pm, finish); } catch (e) { finish(e); }
        return st.pm;
    }
    var ret;
    try {
        ret = fn.call(st.pm);
    } catch (e) {
        done(e);
        return st.pm;
    }
    if (ret && typeof ret.then === 'function') {
        // No reservation: a promise that is still pending when no timer or host call is left
        // can never settle; finish then warns about it.
        var waiting = { name: name, settled: false, promise: true, index: index };
        slot = holdSlot(st);
        waiting.slot = slot;
        st.pending.push(waiting);
        ret.then(function () { waiting.settled = true; done(); },
            function (e) { waiting.settled = true; done(e === undefined ? new Error('promise rejected') : e); });
        return st.pm;
    }
    done();
    return st.pm;
}
test.skip = function skip(name) {
    report(state, [String(name), state.testIndex++, true]);
    return state.pm;
};
test.index = function index() { return state.testIndex; };

// pm.visualizer ------------------------------------------------------------------------------

function typeOf(v) { return v === null ? 'null' : (Array.isArray(v) ? 'array' : typeof v); }

var visualizer = {
    set: function (template, data, options) {
        if (typeof template !== 'string') {
            throw new Error('Invalid template. Template must be of type string, found ' + typeOf(template));
        }
        if (data !== undefined && (data === null || typeof data !== 'object')) {
            throw new Error('Invalid data. Data must be an object, found ' + typeOf(data));
        }
        if (options !== undefined && (options === null || typeof options !== 'object')) {
            throw new Error('Invalid options. Options must be an object, found ' + typeOf(options));
        }
        host.visualizerSet(template, data, options);
    },
    clear: function () { host.visualizerClear(); }
};

// pm.sendRequest, pm.vault, cookie jar ----------------------------------------------------------

function toRequest(req) {
    if (req && typeof req === 'object' && typeof req.toJSON === 'function') { return req; }
    return model.request(req);
}

// guarded wraps an asynchronous callback: as in Postman, an error it throws does not fail
// the script; the host shows it as a console warning.
function guarded(cb) {
    return function (a, b, c) {
        try { cb(a, b, c); } catch (e) { host.asyncError(e); }
    };
}


// sendRequest sends req as written: like Newman and the Postman app, {{variables}} in it are not
// substituted (scripts call replaceIn). With a callback, as Newman: nothing to send calls back
// with an Error, and a request error calls back with Node's error (a plain object) and an
// empty response.
function sendRequest(req, cb) {
    var st = state, nothing;
    if (!req) {
        nothing = new Error('sendrequest: nothing to request');
        if (typeof cb === 'function') { cb(nothing); return st.pm; }
        nothing = Promise.reject(nothing);
        nothing.catch(function () {}); // like Newman, a call without a callback is no failure
        return nothing;
    }
    var json = model.wireJSON(toRequest(req));
    var p = host.sendRequest(json, typeof cb === 'function').then(function (plain) { return model.response(plain); });
    if (typeof cb === 'function') {
        var call = guarded(cb);
        p.then(function (res) {
            call(null, res, { cookies: res.cookies });
        }, function (err) { call(err, model.response({})); });
        return st.pm;
    }
    return p;
}

function makeVault() {
    var v = {};
    readonly(v, 'get', function get(key) { return host.vault('get', String(key)); });
    readonly(v, 'set', function set(key, value) {
        return host.vault('set', String(key), value === undefined || value === null ? '' : String(value));
    });
    readonly(v, 'unset', function unset(key) { return host.vault('unset', String(key)); });
    return Object.freeze(v);
}

function jarCall(cmd, url, a, b, cb) {
    if (model.Url.isUrl(url)) { url = url.toString(); } // pm.request.url, as Newman takes it
    if (typeof url !== 'string' || url === '') {
        throw new TypeError('CookieJar.' + cmd + '() requires a valid url');
    }
    var p = host.jar(cmd, url, a, b);
    // As postman-sandbox's jar: getAll gives a CookieList (each, one, get, toObject, …), set
    // the Cookie as the jar stored it.
    if (cmd === 'getAll') {
        p = p.then(function (list) { return model.cookieList(list); });
    } else if (cmd === 'set') {
        p = p.then(function (c) { return c ? new model.Cookie(c) : c; });
    }
    if (typeof cb === 'function') {
        var call = guarded(cb);
        p.then(function (res) { call(null, res); }, function (err) { call(err); });
        return undefined;
    }
    return p;
}

function makeJar() {
    return {
        get: function (url, name, cb) { return jarCall('get', url, String(name), undefined, cb); },
        getAll: function (url, opts, cb) {
            if (typeof opts === 'function') { cb = opts; opts = undefined; }
            return jarCall('getAll', url, undefined, undefined, cb);
        },
        set: function (url, name, value, cb) {
            var cookie;
            if (name && typeof name === 'object') {
                cookie = name; cb = value;
            } else {
                if (typeof value === 'function') { cb = value; value = undefined; }
                cookie = { name: String(name), value: value === undefined ? '' : String(value) };
            }
            return jarCall('set', url, cookie, undefined, cb);
        },
        unset: function (url, name, cb) { return jarCall('unset', url, String(name), undefined, cb); },
        clear: function (url, cb) { return jarCall('clear', url, undefined, undefined, cb); }
    };
}

// pm -----------------------------------------------------------------------------------------

// Pm is the prototype of every script's pm: read-only getters build each part on first use
// (cached in the script's state), so an unused part costs nothing.
function Pm(st) {
    Object.defineProperty(this, '_st', { value: st });
}

function cached(name, make) {
    Object.defineProperty(Pm.prototype, name, {
        enumerable: true, configurable: false,
        get: function () {
            var c = this._st.cache;
            return (name in c) ? c[name] : (c[name] = make(this._st));
        }
    });
}

function constant(name, value) {
    Object.defineProperty(Pm.prototype, name, { value: value, enumerable: true, writable: false, configurable: false });
}

var vault = makeVault();

// pm.info's members are read-only and not enumerable (JSON.stringify(pm.info) is '{}' in
// Newman); the object itself stays extensible. host.info() makes it so.
cached('info', function () { return host.info(); });
cached('variables', function () { return new VariableScope(SCOPES.variables, 'variables'); });
cached('environment', function () { return new VariableScope(SCOPES.environment, 'environment'); });
cached('globals', function () { return new VariableScope(SCOPES.globals, 'globals'); });
cached('collectionVariables', function () { return new VariableScope(SCOPES.collection, 'collectionVariables'); });
cached('iterationData', function () { return new VariableScope(SCOPES.data, 'iterationData', false); });
Object.defineProperty(Pm.prototype, 'request', {
    enumerable: true, configurable: false,
    get: function () { return requestModel(this._st); }
});
cached('response', function (st) {
    // After a request error Postman's test script sees an empty response: no code, no
    // body (text() is undefined), no responseTime.
    return st.listen === 'test' ? withTo(model.response(host.response() || {})) : undefined;
});

// withTo gives pm.response and pm.request their own `to` (non-enumerable), as Postman's
// sandbox does: chai counts it when it prints them (PostmanResponse{ …(5) }).
var TO = { get: function () { return chai.expect(this).to; } };
function withTo(obj) {
    Object.defineProperty(obj, 'to', TO);
    return obj;
}
cached('cookies', function () {
    var list = model.cookieList(host.cookies());
    var jar = makeJar();
    Object.defineProperty(list, 'jar', { value: function () { return jar; }, enumerable: false });
    return list;
});
constant('test', test);
constant('expect', chai.expect);
cached('execution', function (st) {
    var ex = {};
    readonly(ex, 'setNextRequest', function setNextRequest(name) {
        host.setNextRequest(name === null || name === undefined ? null : String(name));
    });
    if (st.listen === 'prerequest') {
        readonly(ex, 'skipRequest', function skipRequest() {
            // Postman stops the script here: nothing after skipRequest() runs.
            var stop = Object.freeze({ name: 'SkipRequest', message: 'request skipped' });
            host.skipRequest(stop);
            throw stop;
        });
    }
    if (host.canRunRequest()) {
        readonly(ex, 'runRequest', function runRequest(id, options) {
            if (id === undefined || id === null || id === '') {
                return Promise.reject(new TypeError('pm.execution.runRequest: a request id is required'));
            }
            var vars = options && options.variables;
            if (vars !== undefined && (vars === null || typeof vars !== 'object')) {
                return Promise.reject(new TypeError('pm.execution.runRequest: options.variables must be an object'));
            }
            return host.runRequest(String(id), vars).then(function (plain) {
                return plain === null ? null : model.response(plain);
            });
        });
    }
    var loc = host.location();
    Object.defineProperty(loc, 'current', { value: host.locationCurrent(), enumerable: false });
    readonly(ex, 'location', Object.freeze(loc));
    return Object.freeze(ex);
});
constant('visualizer', visualizer);
constant('sendRequest', sendRequest);
constant('vault', vault);
constant('require', function require(name) {
    // Each package runs once per script (a cycle sees the exports so far), as in Postman.
    name = String(name);
    var cache = state.packages || (state.packages = Object.create(null));
    if (cache[name]) { return cache[name].exports; }
    var fn = host.loadPackage(name);
    var module = { id: name, exports: {} };
    cache[name] = module;
    // this is the script's global scope in a package, as in Postman (not module.exports as in Node).
    try { fn.call(globalThis, module, module.exports); }
    catch (e) {
        delete cache[name];
        throw new Error('Error in package \'' + name + '\': ' + (e && e.message !== undefined ? e.message : String(e)));
    }
    return module.exports;
});

// pm.request is built from the Go request (host.request, the object JSON.parse would make of
// its JSON). A pre-request script's changes are written back when the request's wire JSON
// (model.wireJSON) at the end differs from the one it started with. Making both texts in
// full for every script was most of the cost of touching pm.request, so:
//   - the Url is built only when the script uses it (model.pmRequest); until then it is
//     model.LAZY_URL in model.wirePlain's output, the same before and after, and both texts
//     are compared with null in its place;
//   - the text before the script leaves the Url out while it is unused, so a script that
//     changes nothing costs one text of the rest before and one after.
// (A cache of the texts per request JSON, for items run again, was tried: it kept megabytes
// on runs of distinct requests and saved nothing measurable on the signing benchmark.)

// wireEntry is what requestOut compares against, made from req before the script runs:
// lazyText (the wire JSON with url null, while the Url is not built), text (the wire JSON,
// made when first needed) and url (the wire form of the Url, when first needed).
function wireEntry(req) {
    var e = { lazyText: undefined, text: undefined, url: undefined };
    var plain = model.wirePlain(req);
    if (plain !== null && typeof plain === 'object' && plain.url === model.LAZY_URL) {
        plain.url = null;
        e.lazyText = JSON.stringify(plain);
    } else {
        e.text = model.wireJSON(req);
    }
    return e;
}

// wireURL is the wire form of the Url of the request as the host gave it (the host's request
// does not change until the script has ended).
function wireURL(e) {
    if (e.url === undefined) { e.url = model.wirePlain(new model.Url(host.requestURL())); }
    return e.url;
}

// wireText is the wire JSON of the request as the host gave it.
function wireText(e) {
    if (e.text === undefined) {
        var plain = model.parseJSON(e.lazyText);
        plain.url = wireURL(e);
        e.text = JSON.stringify(plain);
    }
    return e.text;
}

function requestModel(st) {
    if (!st.request) {
        st.request = withTo(model.pmRequest(host.request() || {}));
        if (st.listen === 'prerequest') { st.requestWire = wireEntry(st.request); }
    }
    return st.request;
}

// requestOut is the wire JSON of a pre-request script's pm.request when the script changed it,
// else undefined (only read: the Go request stays as it is).
function requestOut(st) {
    var e = st.requestWire, req = st.request, after;
    if (req.toJSON !== model.Request.prototype.toJSON) { return changedFrom(e, model.wireJSON(req)); }
    after = model.wirePlain(req);
    if (after.url === model.LAZY_URL) {
        // The Url was never used: it is what the host gave. When the rest is as it was,
        // nothing changed; otherwise the whole is serialised, once.
        if (e.lazyText !== undefined) {
            after.url = null;
            if (JSON.stringify(after) === e.lazyText) { return undefined; }
            after.url = wireURL(e);
            return JSON.stringify(after);
        }
        after.url = wireURL(e);
    }
    return changedFrom(e, JSON.stringify(after));
}

// changedFrom is out, or undefined when it is the wire JSON the request started from.
function changedFrom(e, out) { return out === wireText(e) ? undefined : out; }

// begin prepares a script run: a fresh state and pm. legacy tells whether legacy globals
// answer for this script.
function begin(listen, legacy) {
    state = {
        listen: listen, legacy: legacy, testIndex: 0, pm: null, request: null, warned: {}, tests: null, cache: {},
        pending: [], queue: [], legacyReported: false
    };
    state.pm = new Pm(state);
    globalThis.pm = state.pm;
}

// reportLegacyTests reports the legacy tests[...] entries once, when the synchronous part of
// the script is over (as Newman: later changes are not seen), with Postman's message
// 'expected ' + String(value) + ' to be truthy'.
function reportLegacyTests(st) {
    if (!st || st.legacyReported) { return; }
    st.legacyReported = true;
    if (!st.tests) { return; }
    var names = Object.keys(st.tests);
    for (var i = 0; i < names.length; i++) {
        var v = st.tests[names[i]];
        if (v) {
            report(st, [names[i], st.testIndex++, false]);
        } else {
            report(st, [names[i], st.testIndex++, false, 'AssertionError', 'expected ' + String(v) + ' to be truthy']);
        }
    }
}

// syncDone is called when the synchronous part of the script has returned.
function syncDone() { reportLegacyTests(state); }

// finish ends a script run; it returns the request JSON to write back (pre-request scripts
// that touched pm.request) or undefined.
function finish() {
    var st = state;
    if (!st) { return undefined; }
    // Postman drops a test whose done() is never called (or whose promise never settles)
    // without a word, so a broken async test passes CI unnoticed. pmrun fails it instead.
    reportLegacyTests(st);
    st.pending.forEach(function (p) {
        if (!p.settled) {
            p.settled = true;
            if (p.promise) {
                fillSlot(st, p.slot, [p.name, p.index, false, 'Error',
                    'the test\'s promise never settled before the script ended']);
            } else {
                report(st, [p.name, st.testIndex++, false, 'Error', 'done() was never called before the script ended']);
            }
        }
    });
    var out;
    if (st.listen === 'prerequest' && st.request) { out = requestOut(st); }
    state = null;
    return out;
}

return { begin: begin, finish: finish, syncDone: syncDone, current: function () { return state; }, requestModel: requestModel };
