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
    this.mutations.track('set', String(key), value);
};
VariableScope.prototype.unset = function (key) {
    host.varUnset(this._idx, String(key));
    this.mutations.track('unset', String(key));
};
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
VariableScope.prototype.toJSON = function () {
    return { id: host.varID(this._idx), name: this.name, values: host.varValues(this._idx) };
};
VariableScope.prototype.replaceIn = function (tpl) {
    if (typeof tpl === 'string') { return host.replaceIn(tpl); }
    if (tpl === null || tpl === undefined) { return tpl; }
    if (typeof tpl === 'object') { return JSON.parse(host.replaceIn(JSON.stringify(tpl))); }
    return tpl;
};
Object.defineProperty(VariableScope.prototype, 'name', {
    enumerable: true,
    get: function () { return host.varName(this._idx) || this._name; }
});
Object.defineProperty(VariableScope.prototype, 'id', { get: function () { return host.varID(this._idx); } });
Object.defineProperty(VariableScope.prototype, 'values', { get: function () { return host.varValues(this._idx); } });

// pm.test ------------------------------------------------------------------------------------

function errorInfo(e, testName) {
    if (e !== null && typeof e === 'object') {
        var name = e.name === undefined ? 'AssertionError' : String(e.name);
        var message = e.message === undefined ? testName : String(e.message);
        if (name === 'TypeError') { message = host.nodeMessage(message, String(e.stack)); }
        return [name, message];
    }
    return ['AssertionError', testName];
}

// test is pm.test, shared by every pm of the runtime: it records into the running script.
function test(name, fn) {
    var st = state;
    name = String(name);
    var index = st.testIndex++;
    if (typeof fn !== 'function') {
        host.assertion(name, index, false);
        return st.pm;
    }
    var settled = false;
    function done(err) {
        if (settled) { return; }
        settled = true;
        if (err === undefined || err === null) {
            host.assertion(name, index, false);
        } else {
            var info = errorInfo(err, name);
            host.assertion(name, index, false, info[0], info[1]);
        }
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
        var waiting = { name: name, settled: false, promise: true };
        st.pending.push(waiting);
        ret.then(function () { waiting.settled = true; done(); },
            function (e) { waiting.settled = true; done(e === undefined ? new Error('promise rejected') : e); });
        return st.pm;
    }
    done();
    return st.pm;
}
test.skip = function skip(name) {
    host.assertion(String(name), state.testIndex++, true);
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

function sendRequest(req, cb) {
    var st = state;
    if (!req) { throw new Error('sendrequest: nothing to request'); }
    var json = model.wireJSON(toRequest(req));
    var p = host.sendRequest(json).then(function (plain) { return model.response(plain); });
    if (typeof cb === 'function') {
        p.then(function (res) {
            cb(null, res, { cookies: res.cookies });
        }, function (err) { cb(err); });
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
    if (typeof url !== 'string' || url === '') {
        throw new TypeError('CookieJar.' + cmd + '() requires a valid url');
    }
    var p = host.jar(cmd, url, a, b);
    if (typeof cb === 'function') {
        p.then(function (res) { cb(null, res); }, function (err) { cb(err); });
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

cached('info', function () { return Object.freeze(host.info()); });
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
    return st.listen === 'test' ? model.response(host.response() || { responseTime: 0 }) : undefined;
});
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
    var module = { exports: {} };
    cache[name] = module;
    try { fn.call(module.exports, module, module.exports); }
    catch (e) {
        delete cache[name];
        throw new Error('Error in package \'' + name + '\': ' + (e && e.message !== undefined ? e.message : String(e)));
    }
    return module.exports;
});

function requestModel(st) {
    if (!st.request) {
        var json = host.requestJSON();
        st.request = model.request(json ? JSON.parse(json) : {});
        if (st.listen === 'prerequest') { st.requestBefore = model.wireJSON(st.request); }
    }
    return st.request;
}

// begin prepares a script run: a fresh state and pm. legacy tells whether legacy globals
// answer for this script.
function begin(listen, legacy) {
    state = {
        listen: listen, legacy: legacy, testIndex: 0, pm: null, request: null, warned: {}, tests: null, cache: {},
        pending: []
    };
    state.pm = new Pm(state);
    globalThis.pm = state.pm;
}

// finish ends a script run; it returns the request JSON to write back (pre-request scripts
// that touched pm.request) or undefined.
function finish() {
    var st = state;
    if (!st) { return undefined; }
    // Postman drops a test whose done() is never called (or whose promise never settles)
    // without a word, so a broken async test passes CI unnoticed. pmrun fails it instead.
    st.pending.forEach(function (p) {
        if (!p.settled) {
            host.assertion(p.name, st.testIndex++, false, 'Error', p.promise ?
                'the test\'s promise never settled before the script ended' :
                'done() was never called before the script ended');
        }
    });
    if (st.tests) {
        var names = Object.keys(st.tests);
        for (var i = 0; i < names.length; i++) {
            var v = st.tests[names[i]];
            if (v) {
                host.assertion(names[i], st.testIndex++, false);
            } else {
                host.assertion(names[i], st.testIndex++, false, 'AssertionError',
                    'expected ' + fmt.inspect(v, { quoteStrings: true }) + ' to be truthy');
            }
        }
    }
    var out;
    if (st.listen === 'prerequest' && st.request) {
        out = model.wireJSON(st.request);
        if (out === st.requestBefore) { out = undefined; } // only read: keep the Go request as is
    }
    state = null;
    return out;
}

return { begin: begin, finish: finish, current: function () { return state; }, requestModel: requestModel };
