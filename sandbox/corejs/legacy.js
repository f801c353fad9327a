// Postman's legacy script globals (tests, responseBody, postman.*, _, CryptoJS...). This file is
// the body of a function (host, core, model) run once per runtime; it defines accessors on the
// global object that read the running script's state, so nothing is built for scripts that do
// not use them and costly libraries load on first access only. As in Postman, the first use
// in a script of a legacy object or function logs a deprecation warning; the primitive ones
// (responseBody, responseTime, iteration) do not.
'use strict';

// warn logs Postman's deprecation warning once per script; alt '' gives the form without an
// alternative.
function warn(st, name, alt) {
    if (st.warned[name]) { return; }
    st.warned[name] = true;
    host.console('warn', 'Using "' + name + '" is deprecated.' + (alt ? ' Use ' + alt + ' instead.' : ''));
}

function response() { return host.response(); }

function headerObject(list) {
    var out = {};
    (list || []).forEach(function (h) { if (!h.disabled) { out[h.key] = h.value; } });
    return out;
}

// bodyParams folds urlencoded / formdata parameters into an object as Postman's legacy
// request.data does: a repeated key collects its values in an array (a first value that is
// falsy is replaced rather than collected, as there).
function bodyParams(list) {
    var out = {};
    (list || []).forEach(function (p) {
        if (p.disabled) { return; }
        if (out[p.key]) {
            if (Array.isArray(out[p.key])) { out[p.key].push(p.value); } else { out[p.key] = [out[p.key], p.value]; }
        } else {
            out[p.key] = p.value;
        }
    });
    return out;
}

function legacyRequest() {
    var st = core.current();
    var req = core.requestModel(st);
    var json = req.toJSON();
    var data = {}, b = json.body;
    if (b && b.mode === 'raw') { data = b.raw || {}; }
    else if (b && (b.mode === 'urlencoded' || b.mode === 'formdata')) {
        data = bodyParams(b[b.mode]);
    }
    else if (b && b.mode === 'file' && b.file && (b.file.src || b.file.content)) { data = b.file.content; }
    return {
        id: host.info().requestId,
        name: host.info().requestName,
        description: req.description === undefined || req.description === null ? undefined : String(req.description),
        headers: headerObject(json.header),
        method: json.method,
        url: String(req.url),
        data: data
    };
}

function lib(name) { return host.lib(name); }

var values = {
    tests: ['"pm.test()"', function (st) { return st.tests || (st.tests = {}); }],
    globals: ['"pm.globals"', function () { return host.varObject(4); }],
    environment: ['"pm.environment"', function () { return host.varObject(2); }],
    data: ['"pm.iterationData"', function () { return host.varObject(1); }],
    iteration: [null, function () { return host.info().iteration; }],
    request: ['"pm.request"', legacyRequest],
    responseBody: [null, function (st) {
        // Postman leaves responseBody undefined for bodies above 50 MB (MAX_RESPONSE_SIZE).
        var r = st.listen === 'test' && response();
        return r && !(r.responseSize > 50 * 1024 * 1024) ? r.body : undefined;
    }],
    // After a request error a test script still has responseCode, responseHeaders and
    // responseCookies, from Postman's empty response: {}, {} and [].
    responseCode: ['"pm.response.code"', function (st) {
        if (st.listen !== 'test') { return undefined; }
        var r = response();
        if (!r) { return {}; }
        var standard = host.httpReason(r.code);
        return { code: r.code, name: r.status || standard, detail: standard, standardName: standard };
    }],
    responseHeaders: ['"pm.response.headers"', function (st) {
        if (st.listen !== 'test') { return undefined; }
        var r = response(); return r ? headerObject(r.header) : {};
    }],
    responseTime: [null, function (st) {
        var r = st.listen === 'test' && response(); return r ? r.responseTime : undefined;
    }],
    // responseCookies and postman.getResponseCookie read what pm.cookies reads: the jar's
    // cookies for the request's URL, as Cookie objects (the response's own list is empty).
    responseCookies: ['"pm.cookies"', function (st) {
        if (st.listen !== 'test') { return undefined; }
        return model.cookieList(host.cookies());
    }],
    postman: [null, function (st) { return makePostman(st); }],
    _: ['"require(\'lodash\')"', function () { return lib('lodash3'); }],
    CryptoJS: ['global "crypto" object', function () { return lib('crypto-js'); }],
    tv4: ['"require(\'ajv\')"', function () { return lib('tv4'); }],
    cheerio: ['"require(\'cheerio\')"', function () { return lib('cheerio'); }],
    Backbone: ['', function () { return lib('backbone'); }],
    xml2Json: ['"require(\'xml2js\')"', function () { return xml2Json; }]
};

// xml2Json is Postman's: the parser's result whatever happened, so text that is not XML
// (or undefined) gives undefined.
function xml2Json(text) {
    var out = {};
    lib('xml2js').parseString(text, { explicitArray: false, async: false, trim: true, mergeAttrs: false },
        function (err, result) { out = result; });
    return out;
}

function makePostman(st) {
    if (st.postman) { return st.postman; }
    // Postman stringifies only truthy values that have a toString: 0, '', false, NaN, null
    // and undefined are stored as they are (so a count set to 0 reads back as the number 0).
    function str(v) { return ((v === false || v) && typeof (v && v.toString) === 'function') ? v.toString() : v; }
    function def(name, alt, fn) {
        p[name] = function () { warn(st, 'postman.' + name, alt); return fn.apply(null, arguments); };
    }
    var p = {};
    def('setEnvironmentVariable', '"pm.environment.set()"', function (k, v) { host.varSet(2, String(k), str(v)); });
    def('getEnvironmentVariable', '"pm.environment.get()"', function (k) { return host.varGet(2, String(k)); });
    def('clearEnvironmentVariable', '"pm.environment.unset()"', function (k) { host.varUnset(2, String(k)); });
    def('clearEnvironmentVariables', '"pm.environment.clear()"', function () { host.varClear(2); });
    def('setGlobalVariable', '"pm.globals.set()"', function (k, v) { host.varSet(4, String(k), str(v)); });
    def('getGlobalVariable', '"pm.globals.get()"', function (k) { return host.varGet(4, String(k)); });
    def('clearGlobalVariable', '"pm.globals.unset()"', function (k) { host.varUnset(4, String(k)); });
    def('clearGlobalVariables', '"pm.globals.clear()"', function () { host.varClear(4); });
    def('setNextRequest', '"pm.execution.setNextRequest()"', function (n) {
        host.setNextRequest(n === null || n === undefined ? null : String(n));
    });
    if (st.listen === 'test') {
        def('getResponseHeader', '"pm.response.headers.get()"', function (name) {
            var r = response();
            if (!r) { return undefined; }
            var want = String(name).toLowerCase();
            var found;
            (r.header || []).forEach(function (h) { if (found === undefined && h.key.toLowerCase() === want) { found = h.value; } });
            return found;
        });
        def('getResponseCookie', '"pm.cookies.get()"', function (name) {
            return model.cookieList(host.cookies()).one(String(name));
        });
    }
    st.postman = p;
    return p;
}

Object.keys(values).forEach(function (name) {
    var alt = values[name][0], make = values[name][1];
    Object.defineProperty(globalThis, name, {
        configurable: true, enumerable: false,
        get: function () {
            var st = core.current();
            if (!st || !st.legacy || host.loading()) { return undefined; }
            if (st.overrides && name in st.overrides) { return st.overrides[name]; }
            if (alt !== null) { warn(st, name, alt); }
            return make(st);
        },
        set: function (v) {
            var st = core.current();
            if (!st || host.loading()) { return; }
            (st.overrides || (st.overrides = {}))[name] = v;
        }
    });
});
