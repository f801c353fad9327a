// model.js: the Postman object model (requests, URLs, headers, bodies, auth,
// responses, cookies) as Postman scripts use it, plus the chai-postman
// assertions. Written for pmrun; behaviour follows postman-collection 5 and
// chai-postman 2.0.1, the code is our own.
//
// This file is the BODY of `function (chai, host) { ... }` (see
// sandbox/model-contract.md). It runs once per runtime: it only defines
// classes and helpers; object construction is cheap and lazy.
'use strict';

var hasOwn = Object.prototype.hasOwnProperty,
    nativeJSON = JSON, // the engine's JSON, kept: the sandbox makes the global JSON liquid-json's
    E = '',
    modelHost = host || {},
    hostRequire = function (name) {
        if (typeof modelHost.require !== 'function') {
            throw new Error('module ' + name + ' is not available');
        }
        return modelHost.require(name);
    },
    httpReason = function (code) {
        return (typeof modelHost.httpReason === 'function' && code !== undefined && code !== null) ?
            String(modelHost.httpReason(Number(code)) || E) : E;
    };

// ---------------------------------------------------------------------------
// small helpers

function isString (v) { return typeof v === 'string'; }
function isFunction (v) { return typeof v === 'function'; }
function isObject (v) { return v !== null && (typeof v === 'object' || typeof v === 'function'); }
function isNil (v) { return v === null || v === undefined; }
function isPlainObject (v) {
    if (v === null || typeof v !== 'object') { return false; }
    var proto = Object.getPrototypeOf(v);
    return proto === null || proto === Object.prototype;
}
function has (obj, key) { return isObject(obj) && hasOwn.call(obj, key); }

// inherit wires Child.prototype to Parent.prototype.
function inherit (Child, Parent) {
    Child.prototype = Object.create(Parent.prototype, {
        constructor: { value: Child, writable: true, configurable: true }
    });
    Child.super_ = Parent;
    return Child;
}

// urlOf and rawOf keep per-object internals (a request's Url, a response's raw body) out of
// the objects themselves: chai prints every own property name, hidden ones included.
var urlOf = new WeakMap(),
    rawOf = new WeakMap();

// rawBody is a response's body text ('' for objects built elsewhere).
function rawBody (res) {
    var raw = rawOf.get(res);
    return raw ? raw.body : (isString(res.body) ? res.body : E);
}

// plainCopy deep-copies JSON-like data (used by toJSON for free-form values).
function plainCopy (v) {
    if (v === null || typeof v !== 'object') { return v; }
    if (v instanceof Date) { return new Date(v.getTime()); }
    if (isFunction(v.toJSON)) { return v.toJSON(); }
    if (Array.isArray(v)) { return v.map(plainCopy); }
    var out = {}, k;
    for (k in v) {
        if (hasOwn.call(v, k) && v[k] !== undefined) { out[k] = plainCopy(v[k]); }
    }
    return out;
}

// inSuperChain reports whether a constructor (or one of its parents) carries the given
// _postman_propertyName, so objects from another copy of the model are recognised.
function inSuperChain (ctor, name) {
    while (ctor) {
        if (ctor._postman_propertyName === name) { return true; }
        ctor = ctor.super_;
    }
    return false;
}

// iteratee turns lodash-style shorthands (property name, matches object, [key, value])
// into a predicate.
function iteratee (rule) {
    if (isFunction(rule)) { return rule; }
    if (isNil(rule)) { return function (v) { return v; }; }
    if (Array.isArray(rule)) {
        return function (item) { return isObject(item) && isEqual(item[rule[0]], rule[1]); };
    }
    if (typeof rule === 'object') {
        var keys = Object.keys(rule);
        return function (item) {
            if (!isObject(item)) { return keys.length === 0; }
            for (var i = 0; i < keys.length; i++) {
                if (!isEqual(item[keys[i]], rule[keys[i]])) { return false; }
            }
            return true;
        };
    }
    return function (item) { return isObject(item) ? item[rule] : undefined; };
}

function bindRule (rule, context) {
    return (isFunction(rule) && isObject(context)) ? rule.bind(context) : iteratee(rule);
}

// isEqual is a deep equality for JSON-like data with lodash's isEqual semantics for the
// cases scripts meet (NaN equals NaN, 0 equals -0, arrays and plain objects by value).
function isEqual (a, b, seen) {
    if (a === b) { return true; }
    if (a !== a && b !== b) { return true; } // NaN
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
        // boxed primitives compare by value
        return false;
    }
    var ta = Object.prototype.toString.call(a), i, ka, kb;
    if (ta !== Object.prototype.toString.call(b)) { return false; }
    if (ta === '[object Date]') { return a.getTime() === b.getTime(); }
    if (ta === '[object RegExp]') { return String(a) === String(b); }
    if (ta === '[object Number]' || ta === '[object String]' || ta === '[object Boolean]') {
        return isEqual(a.valueOf(), b.valueOf());
    }
    seen = seen || [];
    for (i = 0; i < seen.length; i++) {
        if (seen[i][0] === a) { return seen[i][1] === b; }
    }
    seen.push([a, b]);
    if (Array.isArray(a)) {
        if (a.length !== b.length) { return false; }
        for (i = 0; i < a.length; i++) {
            if (!isEqual(a[i], b[i], seen)) { return false; }
        }
        return true;
    }
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) && !(isPlainObject(a) && isPlainObject(b))) {
        return false;
    }
    ka = Object.keys(a);
    kb = Object.keys(b);
    if (ka.length !== kb.length) { return false; }
    for (i = 0; i < ka.length; i++) {
        if (!hasOwn.call(b, ka[i]) || !isEqual(a[ka[i]], b[ka[i]], seen)) { return false; }
    }
    return true;
}

// toPath splits a lodash-style property path: a.b[0]["c.d"].
function toPath (path) {
    var out = [], cur = E, i = 0, n = path.length, ch, quote, buf, sawSep = false;
    if (path.charAt(0) === '.') { out.push(E); }
    while (i < n) {
        ch = path.charAt(i);
        if (ch === '.') {
            if (cur !== E || sawSep) { out.push(cur); }
            cur = E; sawSep = true; i++;
            continue;
        }
        if (ch === '[') {
            if (cur !== E) { out.push(cur); cur = E; }
            sawSep = false;
            i++;
            quote = path.charAt(i);
            buf = E;
            if (quote === '"' || quote === '\'') {
                i++;
                while (i < n && path.charAt(i) !== quote) {
                    if (path.charAt(i) === '\\' && i + 1 < n) { i++; }
                    buf += path.charAt(i++);
                }
                i++; // closing quote
                while (i < n && path.charAt(i) !== ']') { i++; }
            }
            else {
                while (i < n && path.charAt(i) !== ']') { buf += path.charAt(i++); }
            }
            i++; // closing bracket
            out.push(buf);
            if (path.charAt(i) === '.') { i++; sawSep = true; if (i >= n) { out.push(E); } }
            continue;
        }
        sawSep = false;
        cur += ch;
        i++;
    }
    if (cur !== E) { out.push(cur); }
    return out;
}

function pathOf (obj, path) {
    if (Array.isArray(path)) { return path.map(String); }
    path = String(path);
    if (obj !== null && obj !== undefined && (path in Object(obj))) { return [path]; }
    if (/^\w*$/.test(path)) { return [path]; }
    return toPath(path);
}

// getPath and hasPath behave like lodash _.get and _.has.
function getPath (obj, path, dflt) {
    var keys = pathOf(obj, path), cur = obj, i;
    for (i = 0; i < keys.length; i++) {
        if (cur === null || cur === undefined) { return dflt; }
        cur = cur[keys[i]];
    }
    return (i && cur !== undefined) ? cur : dflt;
}

function hasPath (obj, path) {
    if (obj === null || obj === undefined) { return false; }
    var keys = pathOf(obj, path), cur = obj, i;
    if (!keys.length) { return false; }
    for (i = 0; i < keys.length; i++) {
        if (cur === null || cur === undefined || !hasOwn.call(Object(cur), keys[i])) { return false; }
        cur = cur[keys[i]];
    }
    return true;
}

// utf8Length is the byte length of a string in UTF-8.
function utf8Length (s) {
    var n = 0, i, c;
    for (i = 0; i < s.length; i++) {
        c = s.charCodeAt(i);
        if (c < 0x80) { n += 1; }
        else if (c < 0x800) { n += 2; }
        else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length &&
            (s.charCodeAt(i + 1) & 0xFC00) === 0xDC00) { n += 4; i++; }
        else { n += 3; }
    }
    return n;
}

var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// utf8Base64 encodes a string's UTF-8 bytes in base64.
function utf8Base64 (s) {
    var bytes = [], i, c, out = E, b0, b1, b2;
    for (i = 0; i < s.length; i++) {
        c = s.charCodeAt(i);
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xFC00) === 0xDC00) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s.charCodeAt(++i) - 0xDC00);
        }
        if (c < 0x80) { bytes.push(c); }
        else if (c < 0x800) { bytes.push(0xC0 | (c >> 6), 0x80 | (c & 63)); }
        else if (c < 0x10000) { bytes.push(0xE0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)); }
        else {
            bytes.push(0xF0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        }
    }
    for (i = 0; i < bytes.length; i += 3) {
        b0 = bytes[i]; b1 = bytes[i + 1]; b2 = bytes[i + 2];
        out += B64.charAt(b0 >> 2) + B64.charAt(((b0 & 3) << 4) | ((b1 || 0) >> 4)) +
            (b1 === undefined ? '=' : B64.charAt(((b1 & 15) << 2) | ((b2 || 0) >> 6))) +
            (b2 === undefined ? '=' : B64.charAt(b2 & 63));
    }
    return out;
}

function isNumeric (n) {
    return !isNaN(parseFloat(n)) && isFinite(n);
}

// ---------------------------------------------------------------------------
// JSON parsing with liquid-json's behaviour: BOM tolerated (fatal when strict), errors
// named JSONError with a message that locates the problem and shows a code frame.

function bomLength (str) {
    if (!isString(str)) { return 0; }
    var c0 = str.charCodeAt(0), c1 = str.charCodeAt(1), c2 = str.charCodeAt(2);
    if (c0 === 0xFEFF || c0 === 0xBBBF) { return 1; }
    if ((c0 === 0xFE && c1 === 0xFF) || (c0 === 0xFF && c1 === 0xFE)) { return 2; }
    if (c0 === 0xEF && c1 === 0xBB && c2 === 0xBF) { return 3; }
    return 0;
}

// codeFrame renders "<msg> at L:C", the offending line (at most ~78 chars) and a caret.
function codeFrame (input, msg, pos, line, col) {
    var head = msg + ' at ' + (line + 1) + ':' + (col + 1),
        i = Math.max(pos - col - 1, pos - 70),
        src = E,
        caret = E,
        ch;
    for (;;) {
        i++;
        ch = input.charAt(i);
        if (i >= input.length || ch === '\n' || ch === '\r') {
            if (pos >= i) { caret += '^'; }
            break;
        }
        src += ch;
        if (pos === i) { caret += '^'; }
        else if (pos > i) { caret += (ch === '\t') ? '\t' : ' '; }
        if (src.length > 78) { break; }
    }
    return head + '\n' + src + '\n' + caret;
}

// jsonProblem scans text that JSON.parse rejected and describes the first problem the
// way liquid-json's strict-JSON fallback parser does. It returns null when it finds none.
function jsonProblem (input) {
    var len = input.length, pos = 0, line = 0, lineStart = 0,
        RESERVED = {},
        MAX_DEPTH = 200, // the runtime's call stack must not overflow (deeper input keeps JSON.parse's message)
        TOO_DEEP = {},
        depth = 0,
        ESCAPES = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' },
        Fail = function (msg) { this.msg = msg; };

    function fail (msg) {
        var col = pos - lineStart;
        if (!msg) {
            if (pos < len) {
                msg = 'Unexpected token \'' + JSON.stringify(input.charAt(pos)).replace(/^"|"$/g, E)
                    .replace(/'/g, '\\\'').replace(/\\"/g, '"') + '\'';
            }
            else {
                msg = 'Unexpected end of input';
            }
        }
        throw new Fail(codeFrame(input, msg, pos, line, col));
    }
    function isDigit (c) { return c >= '0' && c <= '9'; }
    function isHex (c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
    function skipSpace () {
        var c;
        while (pos < len) {
            c = input.charAt(pos++);
            if (c === '\n' || c === '\r') {
                if (c === '\r' && input.charAt(pos) === '\n') { pos++; }
                lineStart = pos;
                line++;
            }
            else if (c !== ' ' && c !== '\t') {
                pos--;
                return;
            }
        }
    }
    function keyword (word) {
        var start = pos, i;
        for (i = 1; i < word.length; i++) {
            if (pos >= len || input.charAt(pos) !== word.charAt(i)) {
                pos = start - 1;
                fail();
            }
            pos++;
        }
    }
    function number () {
        var start = --pos, c = input.charAt(pos++), text, n;
        if (c === '-') { c = input.charAt(pos++); }
        if (c >= '1' && c <= '9') {
            while (pos < len && isDigit(input.charAt(pos))) { pos++; }
            c = input.charAt(pos++);
        }
        if (c === '0') { c = input.charAt(pos++); }
        if (c === '.') {
            while (pos < len && isDigit(input.charAt(pos))) { pos++; }
            c = input.charAt(pos++);
        }
        if (c === 'e' || c === 'E') {
            c = input.charAt(pos++);
            if (c === '-' || c === '+') { pos++; }
            while (pos < len && isDigit(input.charAt(pos))) { pos++; }
            c = input.charAt(pos++);
        }
        pos--;
        text = input.substr(start, pos - start);
        n = Number(text);
        if (n !== n) {
            pos--;
            fail('Bad numeric literal - "' + input.substr(start, pos - start + 1) + '"');
        }
        if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?(e[+-]?[0-9]+)?$/i.test(text)) {
            pos--;
            fail('Non-json numeric literal - "' + input.substr(start, pos - start + 1) + '"');
        }
        return n;
    }
    function string () {
        var out = E, c, i;
        while (pos < len) {
            c = input.charAt(pos++);
            if (c === '"') { return out; }
            if (c === '\\') {
                if (pos >= len) { fail(); }
                c = input.charAt(pos++);
                if (ESCAPES[c] !== undefined) {
                    out += ESCAPES[c];
                }
                else if (c === 'u') {
                    for (i = 0; i < 4; i++) {
                        if (pos >= len) { fail(); }
                        if (!isHex(input.charAt(pos))) { fail('Bad escape sequence'); }
                        pos++;
                    }
                    out += String.fromCharCode(parseInt(input.substr(pos - 4, 4), 16));
                }
                else {
                    pos--;
                    fail();
                }
            }
            else if (c === '\n' || c === '\r') {
                fail();
            }
            else {
                if (c.charCodeAt(0) < 32) {
                    pos--;
                    fail('Unexpected control character');
                }
                out += c;
            }
        }
        fail();
    }
    function value (asKey) {
        var c, v;
        if (pos >= len) { return undefined; }
        c = input.charAt(pos++);
        if (c === '"') { return string(); }
        if (c === '{' || c === '[') {
            if (++depth > MAX_DEPTH) { throw TOO_DEEP; }
            v = (c === '{') ? object() : array();
            depth--;
            return v;
        }
        if (asKey) {
            if (c === '.' || isDigit(c)) { return number(); }
        }
        else {
            if (c === '-' || c === '.' || isDigit(c)) { return number(); }
            if (c === 'n') { keyword('null'); return null; }
            if (c === 't') { keyword('true'); return true; }
            if (c === 'f') { keyword('false'); return false; }
        }
        pos--;
        return undefined;
    }
    function object () {
        var filled = false, key, val, c;
        while (pos < len) {
            skipSpace();
            key = value(true);
            skipSpace();
            c = input.charAt(pos++);
            if (c === '}' && key === undefined) {
                if (filled) {
                    pos--;
                    fail('Trailing comma in object');
                }
                return {};
            }
            if (c === ':' && key !== undefined) {
                skipSpace();
                val = value(false);
                if (val === undefined) { fail('No value found for key ' + key); }
                if (typeof key !== 'string') { fail('Wrong key type: ' + key); }
                if (!((key in RESERVED) || RESERVED[key] != null)) { filled = true; } // eslint-disable-line eqeqeq
                skipSpace();
                c = input.charAt(pos++);
                if (c === ',') { continue; }
                if (c === '}') { return {}; }
                fail();
            }
            pos--;
            fail();
        }
        fail();
    }
    function array () {
        var items = [], item, c;
        while (pos < len) {
            skipSpace();
            item = value(false);
            skipSpace();
            c = input.charAt(pos++);
            if (item !== undefined) { items.push(item); }
            if (c === ',') {
                if (item === undefined) { fail('Elisions are not supported'); }
            }
            else if (c === ']') {
                if (item === undefined && items.length) {
                    pos--;
                    fail('Trailing comma in array');
                }
                return items;
            }
            else {
                pos--;
                fail();
            }
        }
        return undefined;
    }

    try {
        skipSpace();
        var top = value(false);
        if (top !== undefined || pos < len) {
            skipSpace();
            if (pos < len) { fail(); }
            return null;
        }
        fail(pos ? 'No data, only a whitespace' : 'No data, empty input');
    }
    catch (e) {
        if (e instanceof Fail) { return e.msg; }
        if (e === TOO_DEEP) { return null; }
        throw e;
    }
    return null;
}

// parseJSON is liquid-json's parse(text, reviver, strict).
function parseJSON (text, reviver, strict) {
    var bom, problem, err;
    try {
        bom = bomLength(text);
        if (bom) {
            if (strict) {
                throw new SyntaxError('Unexpected byte order mark found in first ' + bom + ' character(s)');
            }
            text = text.slice(bom);
        }
        try {
            return isFunction(reviver) ? nativeJSON.parse(text, reviver) : nativeJSON.parse(text);
        }
        catch (e) {
            // liquid-json's fallback parser returns undefined for undefined, so Node's own
            // message is what Postman shows there.
            if (text === undefined) { throw new SyntaxError('"undefined" is not valid JSON'); }
            problem = jsonProblem(String(text));
            throw problem ? new SyntaxError(problem) : e;
        }
    }
    catch (e) {
        err = e;
        if (isObject(err)) { err.name = 'JSONError'; }
        throw err;
    }
}

// ---------------------------------------------------------------------------
// PropertyList: an ordered list of typed members indexed by the type's key.

var PropertyList = function PostmanPropertyList (Type, parent, populate) {
    initList(this, Type, populate);
};

// initList is the PropertyList constructor's work, called directly by the subclasses (a
// plain call costs less than PropertyList.call in goja; lists are built for every script).
function initList (self, Type, populate) {
    self.members = [];
    self.reference = Object.create(null);
    self.Type = Type;
    if (populate) { self.populate(populate); }
}

PropertyList._postman_propertyName = 'PropertyList';
PropertyList.isPropertyList = function (obj) {
    return Boolean(obj) && ((obj instanceof PropertyList) || inSuperChain(obj.constructor, 'PropertyList'));
};

PropertyList.prototype._postman_propertyIsList = true;

PropertyList.prototype._indexKey = function () {
    return (this.Type && this.Type._postman_propertyIndexKey) || 'id';
};
PropertyList.prototype._caseless = function () {
    return Boolean(this.Type && this.Type._postman_propertyIndexCaseInsensitive);
};
PropertyList.prototype._multi = function () {
    return Boolean(this.Type && this.Type._postman_propertyAllowsMultipleValues);
};
// _refKey normalises an item's index value for the reference map ('' when it has none).
PropertyList.prototype._refKey = function (item) {
    var index = item[this._indexKey()];
    if (!index) { return E; }
    index = String(index);
    return this._caseless() ? index.toLowerCase() : index;
};
PropertyList.prototype._link = function (item) {
    var T = this.Type, index = item[(T && T._postman_propertyIndexKey) || 'id'], ref = this.reference;
    if (!index) { return; }
    index = String(index);
    if (!index) { return; }
    if (T && T._postman_propertyIndexCaseInsensitive) { index = index.toLowerCase(); }
    if ((index in ref) && T && T._postman_propertyAllowsMultipleValues) {
        if (!Array.isArray(ref[index])) { ref[index] = [ref[index]]; }
        ref[index].push(item);
    }
    else {
        ref[index] = item;
    }
};
PropertyList.prototype._unlink = function (item) {
    var index = this._refKey(item), ref = this.reference, list;
    if (!index || !(index in ref)) { return; }
    list = ref[index];
    if (Array.isArray(list)) {
        list = list.filter(function (each) { return each !== item; });
        if (!list.length) { delete ref[index]; }
        else { ref[index] = (list.length === 1) ? list[0] : list; }
    }
    else if (list === item || !this._multi()) {
        delete ref[index];
    }
};

PropertyList.prototype.insert = function (item, before) {
    if (item === null || (typeof item !== 'object' && typeof item !== 'function')) { return; }
    var members = this.members, duplicate = members.length ? members.indexOf(item) : -1, at = -1;
    if (duplicate > -1) { members.splice(duplicate, 1); }
    if (before !== undefined && before !== null) { at = this.indexOf(before); }
    if (at > -1) { members.splice(at, 0, item); }
    else { members.push(item); }
    if (duplicate === -1) { this._link(item); }
};
PropertyList.prototype.insertAfter = function (item, after) {
    return this.insert(item, this.idx(this.indexOf(after) + 1));
};
PropertyList.prototype.append = function (item) { return this.insert(item); };
PropertyList.prototype.prepend = function (item) { return this.insert(item, this.idx(0)); };

PropertyList.prototype.add = function (item, name) {
    if (isNil(item) || (typeof item === 'number' && item !== item)) { return; }
    var Type = this.Type;
    if (item.constructor === Type) {
        this.insert(item);
        return;
    }
    this.insert(hasOwn.call(Type, 'create') ? Type.create(item, name) : new Type(item));
};

PropertyList.prototype.upsert = function (item) {
    if (isNil(item) || (typeof item === 'number' && item !== item)) { return null; }
    var existing = this.one(item[this._indexKey()]);
    if (existing) {
        if (!isFunction(existing.update)) {
            throw new Error('collection: unable to upsert into a list of Type that does not support .update()');
        }
        this._unlink(existing);
        existing.update(item);
        this._link(existing);
        return false;
    }
    this.add(item);
    return true;
};

PropertyList.prototype.remove = function (predicate, context) {
    var self = this, match, kept = [], removed = [];
    context = context || this;
    if (isString(predicate)) {
        match = this._caseless() ? predicate.toLowerCase() : predicate;
        predicate = function (item) {
            var id = item && item[self._indexKey()];
            if (self._caseless() && isString(id)) { id = id.toLowerCase(); }
            return id === match;
        };
    }
    else if (this.Type && (predicate instanceof this.Type)) {
        match = predicate;
        predicate = function (item) { return item === match; };
    }
    if (!isFunction(predicate)) { return; }
    this.members.forEach(function (item, i, all) {
        (predicate.call(context, item, i, all) ? removed : kept).push(item);
    });
    if (!removed.length) { return; }
    this.members.length = 0;
    Array.prototype.push.apply(this.members, kept);
    removed.forEach(function (item) { self._unlink(item); });
};

PropertyList.prototype.clear = function () {
    this.members.length = 0;
    this.reference = Object.create(null);
};

PropertyList.prototype.populate = function (items) {
    var Type = this.Type, i, keys;
    if (isString(items) && Type && isFunction(Type.parse)) { items = Type.parse(items); }
    if (isNil(items)) { return; }
    if (!Array.isArray(items) && PropertyList.isPropertyList(items)) { items = items.all(); }
    if (Array.isArray(items)) {
        for (i = 0; i < items.length; i++) { this.add(items[i]); }
        return;
    }
    if (isPlainObject(items) && hasOwn.call(Type, 'create')) {
        keys = Object.keys(items);
        for (i = 0; i < keys.length; i++) { this.add(items[keys[i]], keys[i]); }
        return;
    }
    this.add(items);
};

PropertyList.prototype.repopulate = function (items) {
    this.clear();
    this.populate(items);
};

PropertyList.prototype.assimilate = function (source, prune) {
    var members = PropertyList.isPropertyList(source) ? source.members : source,
        key = this._indexKey(),
        self = this,
        seen = Object.create(null);
    if (!Array.isArray(members)) { return; }
    members.forEach(function (item) {
        if (!(item && hasOwn.call(item, key))) { return; }
        self.upsert(item);
        seen[item[key]] = true;
    });
    if (prune) {
        Object.keys(this.reference).forEach(function (k) {
            if (!seen[k]) { self.remove(k); }
        });
    }
};

PropertyList.prototype.all = function () { return this.members.slice(); };

PropertyList.prototype.one = function (id) {
    var val = this.reference[this._caseless() ? String(id).toLowerCase() : id];
    if (Array.isArray(val)) { return val.length ? val[val.length - 1] : undefined; }
    return val;
};

PropertyList.prototype.get = function (key) {
    var member = this.one(key);
    if (!member) { return undefined; }
    return member.valueOf();
};

PropertyList.prototype.getAll = function (key) {
    var member = this.reference[this._caseless() ? String(key).toLowerCase() : key];
    if (!member) { return undefined; }
    return (Array.isArray(member) ? member : [member]).map(function (m) { return m.valueOf(); });
};

PropertyList.prototype.each = function (iterator, context) {
    var fn = isFunction(iterator) ? iterator.bind(context || this) : iteratee(iterator),
        list = this.members.slice(), i;
    for (i = 0; i < list.length; i++) {
        if (fn(list[i], i, list) === false) { break; }
    }
};
PropertyList.prototype.filter = function (rule, context) {
    return this.members.filter(bindRule(rule, context));
};
PropertyList.prototype.find = function (rule, context) {
    return this.members.find(bindRule(rule, context));
};
PropertyList.prototype.map = function (iterator, context) {
    return this.members.map(isFunction(iterator) ? iterator.bind(context || this) : iteratee(iterator));
};
PropertyList.prototype.reduce = function (iterator, accumulator, context) {
    var fn = isFunction(iterator) ? iterator.bind(context || this) : iterator;
    return this.members.reduce(fn, accumulator);
};
PropertyList.prototype.count = function () { return this.members.length; };
PropertyList.prototype.idx = function (index) { return this.members[index]; };
PropertyList.prototype.indexOf = function (item) {
    return this.members.indexOf(isString(item) ? this.one(item) : item);
};

PropertyList.prototype.has = function (item, value) {
    var match, i, val;
    if (isString(item)) {
        match = this.reference[this._caseless() ? item.toLowerCase() : item];
    }
    else {
        match = this.members.filter(function (m) { return m === item; });
    }
    if (!match) { return false; }
    if (arguments.length === 1) { return Boolean(Array.isArray(match) ? match.length : match); }
    if (Array.isArray(match)) {
        for (i = 0; i < match.length; i++) {
            val = isFunction(match[i].valueOf) ? match[i].valueOf() : match[i];
            if (val === value) { return true; }
        }
        return false;
    }
    isFunction(match.valueOf) && (match = match.valueOf());
    return match === value;
};

PropertyList.prototype.toObject = function (excludeDisabled, caseSensitive, multiValue, sanitizeKeys) {
    var obj = {},
        key = this._indexKey(),
        sensitive = !this._caseless() || caseSensitive,
        multi = this._multi() || multiValue;
    this.members.forEach(function (member) {
        if (!member || !hasOwn.call(member, key) || (excludeDisabled && member.disabled) ||
            (sanitizeKeys && !member[key])) {
            return;
        }
        var prop = sensitive ? member[key] : String(member[key]).toLowerCase();
        if (multi && hasOwn.call(obj, prop)) {
            if (!Array.isArray(obj[prop])) { obj[prop] = [obj[prop]]; }
            obj[prop].push(member.valueOf());
        }
        else {
            obj[prop] = member.valueOf();
        }
    });
    return obj;
};

PropertyList.prototype.toString = function () {
    if (this.Type && isFunction(this.Type.unparse)) { return this.Type.unparse(this.members); }
    return '[object Object]';
};

PropertyList.prototype.toJSON = function () {
    var members = this.members, out = new Array(members.length), i, member;
    for (i = 0; i < members.length; i++) {
        member = members[i];
        out[i] = (member && isFunction(member.toJSON)) ? member.toJSON() : plainCopy(member);
    }
    return out;
};

// ---------------------------------------------------------------------------
// Description (request.description)

var Description = function PostmanDescription (def) {
    if (isString(def)) { def = { content: def }; }
    def = def || {};
    this.content = def.content;
    if (def.type !== undefined) { this.type = def.type; }
};
Description._postman_propertyName = 'Description';
Description.prototype.update = function (content, type) {
    if (isObject(content)) { type = content.type; content = content.content; }
    this.content = content;
    if (type !== undefined) { this.type = type; }
};
Description.prototype.toString = function () { return isString(this.content) ? this.content : E; };
Description.prototype.toJSON = function () {
    return (this.type === undefined) ? this.content : { content: this.content, type: this.type };
};

// setCommon copies the Property attributes every list member may carry.
function setCommon (self, def) {
    if (!isObject(def)) { return; }
    if (has(def, 'disabled')) { self.disabled = Boolean(def.disabled); }
    if (has(def, 'description') && def.description !== undefined) { self.description = def.description; }
    if (has(def, 'system')) { self.system = def.system; }
}

function commonJSON (self, out) {
    if (self.description !== undefined) {
        out.description = isObject(self.description) && isFunction(self.description.toJSON) ?
            self.description.toJSON() : self.description;
    }
    if (self.disabled !== undefined) { out.disabled = self.disabled; }
    if (self.system !== undefined) { out.system = self.system; }
    return out;
}

// ---------------------------------------------------------------------------
// QueryParam

var REGEX_VARS = /\{\{[^{}]*?\}\}/g;

function encodeReserved (str, encodeEquals) {
    if (!str) { return str; }
    str = str.replace(/&/g, '%26').replace(/#/g, '%23');
    return encodeEquals ? str.replace(/=/g, '%3D') : str;
}

// encodeOutsideVars escapes & # (and = in keys) except inside {{variables}}.
function encodeOutsideVars (str, encodeEquals) {
    if (!str || !isString(str)) { return str; }
    if (str.indexOf('&') === -1 && str.indexOf('#') === -1 && !(encodeEquals && str.indexOf('=') !== -1)) {
        return str;
    }
    var out = E, last = 0, m;
    REGEX_VARS.lastIndex = 0;
    while ((m = REGEX_VARS.exec(str)) !== null) {
        out += encodeReserved(str.slice(last, m.index), encodeEquals) + m[0];
        last = m.index + m[0].length;
    }
    return out + encodeReserved(str.slice(last), encodeEquals);
}

var QueryParam = function PostmanQueryParam (options) {
    if (options !== null && typeof options === 'object') {
        this.key = options.key;
        this.value = options.value;
        if (options.disabled !== undefined) { this.disabled = Boolean(options.disabled); }
        if (options.description !== undefined) { this.description = options.description; }
        if (options.system !== undefined) { this.system = options.system; }
        return;
    }
    this.update(options);
};
QueryParam._postman_propertyName = 'QueryParam';
QueryParam._postman_propertyIndexKey = 'key';
QueryParam._postman_propertyAllowsMultipleValues = true;

QueryParam.prototype.update = function (param) {
    var parsed = isString(param) ? QueryParam.parseSingle(param) :
        { key: isObject(param) ? param.key : undefined, value: isObject(param) ? param.value : undefined };
    this.key = parsed.key;
    this.value = parsed.value;
    if (has(param, 'system')) { this.system = param.system; }
    if (has(param, 'disabled')) { this.disabled = Boolean(param.disabled); }
};
QueryParam.prototype.valueOf = function () { return isString(this.value) ? this.value : E; };
QueryParam.prototype.toString = function () { return QueryParam.unparseSingle(this); };
QueryParam.prototype.toJSON = function () {
    var out = { key: this.key, value: this.value };
    if (out.key === undefined) { delete out.key; }
    if (out.value === undefined) { delete out.value; }
    return commonJSON(this, out);
};

QueryParam.parse = function (query) {
    return isString(query) ? query.split('&').map(QueryParam.parseSingle) : [];
};
QueryParam.parseSingle = function (param, idx, all) {
    if (param === E && typeof idx === 'number' && Array.isArray(all) && idx !== all.length - 1) {
        return { key: null, value: null };
    }
    var at = isString(param) ? param.indexOf('=') : -1;
    if (!isString(param)) { return { key: param, value: null }; }
    if (at < 0) { return { key: param, value: null }; }
    return { key: param.slice(0, at), value: param.slice(at + 1) };
};
QueryParam.unparse = function (params) {
    if (!params) { return E; }
    var out = E, first = true, k;
    if (!Array.isArray(params) && !PropertyList.isPropertyList(params)) {
        for (k in params) {
            if (hasOwn.call(params, k)) {
                out && (out += '&');
                out += QueryParam.unparseSingle({ key: k, value: params[k] });
            }
        }
        return out;
    }
    (Array.isArray(params) ? params : params.all()).forEach(function (param) {
        if (!param || param.disabled === true) { return; }
        if (!first) { out += '&'; }
        first = false;
        out += QueryParam.unparseSingle(param);
    });
    return out;
};
QueryParam.unparseSingle = function (obj) {
    if (!obj) { return E; }
    var out = isString(obj.key) ? encodeOutsideVars(obj.key, true) : E;
    if (isString(obj.value)) { out += '=' + encodeOutsideVars(obj.value); }
    return out;
};

// ---------------------------------------------------------------------------
// Header and HeaderList

var Header = function PostmanHeader (options, name) {
    if (typeof options === 'string') {
        options = (typeof name === 'string') ? { key: name, value: options } : Header.parseSingle(options);
    }
    else if (typeof name === 'string' && !isNil(options) && typeof options !== 'object') {
        options = { key: name, value: String(options) };
    }
    if (options !== null && typeof options === 'object') {
        this.key = options.key || E;
        this.value = (options.value !== undefined) ? options.value : E;
        if (options.disabled !== undefined) { this.disabled = options.disabled; }
        if (options.description) { // Property.describe: a Description, text/plain by default
            this.description = new Description(options.description);
            if (this.description.type === undefined) { this.description.type = 'text/plain'; }
        }
        if (options.system !== undefined) { this.system = options.system; }
        return;
    }
    this.key = E;
    this.value = E;
};
Header._postman_propertyName = 'Header';
Header._postman_propertyIndexKey = 'key';
Header._postman_propertyIndexCaseInsensitive = true;
Header._postman_propertyAllowsMultipleValues = true;

Header.prototype.update = function (options) {
    this.key = (isObject(options) && options.key) || E;
    this.value = (isObject(options) && options.value !== undefined) ? options.value : E;
    if (has(options, 'system')) { this.system = options.system; }
    if (has(options, 'disabled')) { this.disabled = options.disabled; }
};
Header.prototype.valueOf = function () { return this.value; };
Header.prototype.toString = function () { return this.key + ': ' + this.value; };
// toJSON orders the fields as postman-collection does: disabled and description come from
// the Property constructor, before key and value.
Header.prototype.toJSON = function () {
    var out = {};
    if (this.disabled !== undefined) { out.disabled = this.disabled; }
    if (this.description !== undefined) {
        out.description = isObject(this.description) && isFunction(this.description.toJSON) ?
            this.description.toJSON() : this.description;
    }
    out.key = this.key;
    out.value = this.value;
    if (this.system !== undefined) { out.system = this.system; }
    return out;
};

Header.parse = function (text) {
    var out = [], lines = String(text).replace(/\r\n([ \t])/g, '$1').split(/\r\n|\n|\r/), i, m;
    for (i = 0; i < lines.length; i++) {
        if ((m = /^(\S+):(.*)$/.exec(lines[i])) !== null) { out.push({ key: m[1], value: m[2].trim() }); }
    }
    return out;
};
Header.parseSingle = function (text) {
    if (!isString(text)) { return { key: E, value: E }; }
    var at = text.indexOf(':');
    if (at < 0) { at = text.length; }
    return { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
};
Header.unparse = function (headers, separator) {
    if (separator === undefined) { separator = '\r\n'; }
    if (!Array.isArray(headers) && !PropertyList.isPropertyList(headers)) { return E; }
    return (Array.isArray(headers) ? headers : headers.all()).reduce(function (acc, h) {
        if (h && !h.disabled) { acc += Header.unparseSingle(h) + separator; }
        return acc;
    }, E);
};
Header.unparseSingle = function (h) {
    return isObject(h) ? h.key + ': ' + h.value : E;
};
Header.isHeader = function (obj) {
    return Boolean(obj) && ((obj instanceof Header) || inSuperChain(obj.constructor, 'Header'));
};
Header.create = function (value, name) {
    return new Header(value, name);
};

function HeaderList (parent, headers) {
    initList(this, Header, headers);
}
inherit(HeaderList, PropertyList);
HeaderList._postman_propertyName = 'HeaderList';
HeaderList.isHeaderList = function (obj) {
    return Boolean(obj) && ((obj instanceof HeaderList) || inSuperChain(obj.constructor, 'HeaderList'));
};
HeaderList.prototype.contentSize = function () {
    return this.count() ? Header.unparse(this).length : 0;
};

// ---------------------------------------------------------------------------
// Variable and VariableList (path variables, auth parameters)

var Variable = function PostmanVariable (options) {
    setCommon(this, options);
    this.update(options);
};
Variable._postman_propertyName = 'Variable';
Variable._postman_propertyIndexKey = 'key';

Variable.prototype.update = function (options) {
    if (!isObject(options)) { return; }
    if (has(options, 'key') || has(options, 'id')) { this.key = has(options, 'key') ? options.key : options.id; }
    if (has(options, 'value')) { this.value = options.value; }
    if (has(options, 'type')) { this.type = options.type; }
    if (has(options, 'name')) { this.name = options.name; }
    if (has(options, 'disabled')) { this.disabled = Boolean(options.disabled); }
};
Variable.prototype.get = function () { return this.value; };
Variable.prototype.set = function (value) { this.value = value; };
Variable.prototype.valueOf = function (value) {
    if (arguments.length) { this.value = value; }
    return this.value;
};
Variable.prototype.toString = function () {
    return isNil(this.value) ? E : String(this.value);
};
// toJSON has postman-collection's members in its order: type ("any" unless set), value, key;
// the implicit "any" stays out of what goes back to the Go side (wireJSON), so a round trip
// leaves the request unchanged.
Variable.prototype.toJSON = function () {
    var out = (this.type === undefined && wire) ? {} : { type: this.type !== undefined ? this.type : 'any' };
    out.value = plainCopy(this.value);
    out.key = this.key;
    if (this.name !== undefined) { out.name = this.name; }
    return commonJSON(this, out);
};

function VariableList (parent, populate) {
    initList(this, Variable, populate);
}
inherit(VariableList, PropertyList);
VariableList._postman_propertyName = 'VariableList';
VariableList.isVariableList = function (obj) {
    return Boolean(obj) && ((obj instanceof VariableList) || inSuperChain(obj.constructor, 'VariableList'));
};
VariableList.prototype.syncFromObject = function (obj) {
    var self = this;
    if (!isObject(obj)) { return; }
    Object.keys(obj).forEach(function (k) {
        var existing = self.one(k);
        if (existing) { existing.value = obj[k]; }
        else { self.add({ key: k, value: obj[k] }); }
    });
};
VariableList.prototype.syncToObject = function (obj) {
    obj = obj || {};
    this.members.forEach(function (v) { obj[v.key] = v.valueOf(); });
    return obj;
};

// ---------------------------------------------------------------------------
// Url

var PV_MARK_OPEN = '\uE000', PV_MARK_CLOSE = '\uE001';

// parseUrlString splits a URL the way Postman does: from the back (hash, query), then the
// protocol, path, credentials, port and host; {{variables}} are never split.
function parseUrlString (text) {
    var out = { raw: text, protocol: undefined, auth: undefined, host: undefined, port: undefined,
            path: undefined, query: undefined, hash: undefined },
        vars = [],
        s, at, auth, port;
    if (!text || !isString(text)) { return out; }
    out.raw = text = text.replace(/^\s+/, E);
    s = text.replace(/\{\{[^{}]*\}\}/g, function (m) {
        vars.push(m);
        return PV_MARK_OPEN + (vars.length - 1) + PV_MARK_CLOSE;
    });
    function back (v) {
        if (!vars.length || !isString(v)) { return v; }
        return v.replace(/\uE000(\d+)\uE001/g, function (m, i) { return vars[Number(i)]; });
    }
    if ((at = s.indexOf('#')) !== -1) {
        out.hash = back(s.slice(at + 1));
        s = s.slice(0, at);
    }
    if ((at = s.indexOf('?')) !== -1) {
        out.query = s.slice(at + 1).split('&').map(back);
        s = s.slice(0, at);
    }
    s = s.replace(/\\/g, '/');
    if ((at = s.indexOf('://')) !== -1) {
        out.protocol = back(s.slice(0, at));
        s = s.slice(at + 3).replace(/^\/+/, s.slice(0, at).toLowerCase() === 'file' ? '/' : E);
    }
    if ((at = s.indexOf('/')) !== -1) {
        out.path = s.slice(at + 1).split('/').map(back);
        s = s.slice(0, at);
    }
    if ((at = s.lastIndexOf('@')) !== -1) {
        auth = s.slice(0, at);
        s = s.slice(at + 1);
        at = auth.indexOf(':');
        out.auth = (at !== -1) ? [back(auth.slice(0, at)), back(auth.slice(at + 1))] : [back(auth)];
    }
    if ((at = s.lastIndexOf(':')) !== -1 && (port = s.slice(at + 1)).indexOf(']') === -1) {
        out.port = back(port);
        s = s.slice(0, at);
    }
    if (s) { out.host = s.split('.').map(back); }
    return out;
}

// pathVariableName returns "id" for ":id" or ":id.json", null for other segments.
function pathVariableName (segment) {
    if (isString(segment) && segment.charAt(0) === ':') {
        var dot = segment.indexOf('.');
        return segment.slice(1, dot === -1 ? undefined : dot) || null;
    }
    return null;
}

var Url = function PostmanUrl (options) {
    this.update(options);
};
Url._postman_propertyName = 'Url';
Url.isUrl = function (obj) {
    return Boolean(obj) && ((obj instanceof Url) || inSuperChain(obj.constructor, 'Url'));
};

Url.parse = function (text) {
    var url = parseUrlString(text), seen = Object.create(null), vars = [];
    if (url.auth) { url.auth = { user: url.auth[0], password: url.auth[1] }; }
    if (url.query) { url.query = url.query.map(QueryParam.parseSingle); }
    (url.path || []).forEach(function (segment) {
        var name = pathVariableName(segment);
        if (name && !seen[name]) {
            seen[name] = true;
            vars.push({ key: name });
        }
    });
    url.variable = vars.length ? vars : undefined;
    return url;
};

Url.prototype.update = function (url) {
    if (!url) { url = E; }
    var parsed, query, variable, path, host, auth, i, at;
    if (typeof url === 'string') {
        parsed = Url.parse(url);
    }
    else if (typeof url.raw === 'string' && isNil(url.host) && isNil(url.path) && isNil(url.protocol)) {
        parsed = Url.parse(url.raw); // an object that only carries "raw"
    }
    else {
        parsed = url;
    }
    query = parsed.query;
    variable = parsed.variable;
    path = parsed.path;
    host = parsed.host;
    auth = parsed.auth;
    if (query) {
        if (typeof query === 'string') { query = QueryParam.parse(query); }
        else if (!Array.isArray(query) && !PropertyList.isPropertyList(query) && typeof query === 'object') {
            query = Object.keys(query).map(function (k) { return { key: k, value: query[k] }; });
        }
    }
    if (Array.isArray(variable)) {
        for (i = 0; i < variable.length; i++) {
            if (isObject(variable[i]) && variable[i].key === undefined && variable[i].id !== undefined) {
                variable = variable.map(function (v) {
                    return (isObject(v) && v.key === undefined) ? Object.assign({}, v, { key: v.id }) : v;
                });
                break;
            }
        }
    }
    if (typeof path === 'string') {
        if (path) { path = path.replace(/^\/((.+))$/, '$1'); }
        path = path ? (path === '/' ? [E] : path.split('/')) : undefined;
    }
    else if (Array.isArray(path)) {
        for (i = 0; i < path.length; i++) {
            if (path[i] !== null && typeof path[i] === 'object') { // v2.0 segment objects
                path = path.map(function (p) { return (p !== null && typeof p === 'object') ? String(p.value) : p; });
                break;
            }
        }
    }
    if (typeof host === 'string') { host = host.split(/\.(?![^{]*\}{2})/g); }
    if (typeof auth === 'string') {
        at = auth.indexOf(':');
        auth = (at !== -1) ? { user: auth.slice(0, at), password: auth.slice(at + 1) } : { user: auth };
    }
    this.auth = auth || undefined;
    this.protocol = parsed.protocol || undefined;
    this.port = isNil(parsed.port) ? undefined : parsed.port;
    this.path = path;
    this.hash = isNil(parsed.hash) ? undefined : parsed.hash;
    this.host = host;
    this.query = new PropertyList(QueryParam, this, query);
    this.variables = new VariableList(this, variable);
};

Url.prototype.addQueryParams = function (params) {
    this.query.populate(isString(params) ? QueryParam.parse(params) : params);
};

Url.prototype.removeQueryParams = function (params) {
    params = Array.isArray(params) ? params.map(function (p) { return (p && p.key) ? p.key : p; }) : [params];
    this.query.remove(function (param) { return params.indexOf(param.key) !== -1; });
};

Url.prototype.toString = function (forceProtocol) {
    var raw = E, protocol = this.protocol, qs, cred;
    if (forceProtocol && !protocol) { protocol = 'http://'; }
    if (protocol) {
        protocol = String(protocol);
        raw += (protocol.slice(-3) === '://') ? protocol : protocol + '://';
    }
    if (this.auth) {
        if (isString(this.auth.user)) { cred = this.auth.user; }
        if (isString(this.auth.password)) { cred = (cred || E) + ':' + this.auth.password; }
        if (isString(cred)) { raw += cred + '@'; }
    }
    if (this.host) { raw += this.getHost(); }
    if (!isNil(this.port) && isFunction(this.port.toString)) { raw += ':' + this.port.toString(); }
    if (this.path) { raw += this.getPath(); }
    if (this.query instanceof PropertyList && this.query.count()) {
        qs = this.getQueryString();
        if (qs === E) {
            qs = this.query.find(function (p) { return !(p && p.disabled); }) ? E : undefined;
        }
        if (isString(qs)) { raw += '?' + qs; }
    }
    if (isString(this.hash)) { raw += '#' + this.hash; }
    return raw;
};

// getRaw is the pre-v4 name of toString.
Url.prototype.getRaw = function () { return this.toString(); };

Url.prototype.getPath = function (unresolved) {
    if (isObject(unresolved)) { unresolved = unresolved.unresolved; }
    var path = Array.isArray(this.path) ? this.path : (isNil(this.path) ? [] : [String(this.path)]),
        vars = this.variables;
    if (unresolved) { return '/' + path.join('/'); }
    var out = new Array(path.length), i, segment, name, value;
    for (i = 0; i < path.length; i++) { // a loop: Sugar's stand-in for map costs more
        segment = path[i];
        name = pathVariableName(segment);
        value = name && vars ? vars.get(name) : undefined;
        out[i] = (value && isString(value)) ? value + segment.slice(name.length + 1) : segment;
    }
    return '/' + out.join('/');
};

Url.prototype.getQueryString = function () {
    return this.query.count() ? QueryParam.unparse(this.query.all()) : E;
};

Url.prototype.getPathWithQuery = function () {
    var path = this.getPath(), qs = this.getQueryString();
    return qs ? path + '?' + qs : path;
};

Url.prototype.getHost = function () {
    if (!this.host) { return E; }
    return Array.isArray(this.host) ? this.host.join('.') : this.host.toString();
};

Url.prototype.getRemote = function (forcePort) {
    var host = this.getHost(), port = this.port && this.port.toString();
    if (isObject(forcePort)) { forcePort = forcePort.forcePort; }
    if (forcePort && !port) { port = (this.protocol === 'https') ? '443' : '80'; }
    return port ? host + ':' + port : host;
};

Url.prototype.getOAuth1BaseUrl = function () {
    var protocol = String(this.protocol || 'http'),
        port = this.port ? this.port.toString() : undefined,
        host = this.getHost();
    if (!(port === undefined || port === '80' || port === '443')) { host += ':' + port; }
    if (protocol.slice(-3) !== '://') { protocol += '://'; }
    return protocol.toLowerCase() + host.toLowerCase() + this.getPath();
};

// toJSON has postman-collection's shape for scripts: its members in its order, auth as
// {user, password}, no raw, query and variable always lists. wireJSON (what the Go side
// reads back) keeps raw and the userinfo string and leaves out empty lists (see
// wireURLJSON).
Url.prototype.toJSON = function () {
    if (wire) { return wireURLJSON(this); }
    var out = {};
    if (this.auth && (isString(this.auth.user) || isString(this.auth.password))) {
        out.auth = {};
        if (isString(this.auth.user)) { out.auth.user = this.auth.user; }
        if (isString(this.auth.password)) { out.auth.password = this.auth.password; }
    }
    if (this.protocol !== undefined) { out.protocol = this.protocol; }
    if (this.port !== undefined) { out.port = String(this.port); }
    if (this.path !== undefined) { out.path = Array.isArray(this.path) ? this.path.slice() : this.path; }
    if (this.hash !== undefined) { out.hash = this.hash; }
    if (this.host !== undefined) { out.host = Array.isArray(this.host) ? this.host.slice() : this.host; }
    out.query = this.query.toJSON();
    out.variable = this.variables.toJSON().map(function (v) {
        return v.type === undefined ? Object.assign({ type: 'any' }, v) : v;
    });
    return out;
};

// wire is true while wireJSON serialises for the Go side.
var wire = false;

// wireJSON is the JSON text of obj.toJSON() in the form the Go side reads back unchanged.
function wireJSON (obj) {
    wire = true;
    try { return JSON.stringify(obj.toJSON()); }
    finally { wire = false; }
}

// wireLazy is true while wirePlain serialises: a Request's Url not yet built is LAZY_URL.
var wireLazy = false;

// wirePlain is obj.toJSON() in the form wireJSON serialises (not yet text), where a Url never
// built (pmRequest) is LAZY_URL: the caller knows what it was given.
function wirePlain (obj) {
    wire = true;
    wireLazy = true;
    try { return obj.toJSON(); }
    finally { wire = false; wireLazy = false; }
}

function wireURLJSON (url) {
    var out = { raw: url.toString() };
    if (url.protocol !== undefined) { out.protocol = url.protocol; }
    if (url.auth && (isString(url.auth.user) || isString(url.auth.password))) {
        // userinfo as "user:password", the form the Go side reads
        out.auth = (isString(url.auth.user) ? url.auth.user : E) +
            (isString(url.auth.password) ? ':' + url.auth.password : E);
    }
    if (url.host !== undefined) { out.host = Array.isArray(url.host) ? url.host.slice() : url.host; }
    if (url.port !== undefined) { out.port = String(url.port); }
    if (url.path !== undefined) { out.path = Array.isArray(url.path) ? url.path.slice() : url.path; }
    if (url.query instanceof PropertyList) {
        if (url.query.count()) { out.query = url.query.toJSON(); }
    } else if (isString(url.query) || Array.isArray(url.query)) {
        // A script assigned url.query a string or an array: as postman-runtime rebuilds the
        // request from its JSON, the string is parsed as a query string.
        out.query = new PropertyList(QueryParam, url, isString(url.query) ? QueryParam.parse(url.query) : url.query).toJSON();
        if (!out.query.length) { delete out.query; }
    }
    if (url.hash !== undefined) { out.hash = url.hash; }
    if (url.variables.count()) { out.variable = url.variables.toJSON(); }
    return out;
}

// ---------------------------------------------------------------------------
// FormParam and RequestBody

var FormParam = function PostmanFormParam (options) {
    options = isObject(options) ? options : {};
    setCommon(this, options);
    this.key = options.key || E;
    this.value = options.value || E;
    this.type = options.type;
    this.src = options.src;
    this.contentType = options.contentType;
    this.fileName = options.fileName;
};
FormParam._postman_propertyName = 'FormParam';
FormParam._postman_propertyIndexKey = 'key';
FormParam._postman_propertyAllowsMultipleValues = true;
FormParam.parse = function () { return undefined; };
FormParam.prototype.update = function (options) {
    if (!isObject(options)) { return; }
    ['key', 'value', 'type', 'src', 'contentType', 'fileName'].forEach(function (k) {
        if (has(options, k)) { this[k] = options[k]; }
    }, this);
    if (has(options, 'disabled')) { this.disabled = Boolean(options.disabled); }
};
FormParam.prototype.valueOf = function () { return this.value; };
FormParam.prototype.toString = function () { return this.key + '=' + this.value; };
FormParam.prototype.toJSON = function () {
    var out = { key: this.key }, self = this;
    if (!(this.type === 'file' && (!isString(this.value) || !this.value))) { out.value = plainCopy(this.value); }
    ['type', 'src', 'contentType', 'fileName'].forEach(function (k) {
        if (self[k] !== undefined) { out[k] = plainCopy(self[k]); }
    });
    return commonJSON(this, out);
};

var BODY_MODES = { file: 'file', formdata: 'formdata', graphql: 'graphql', raw: 'raw', urlencoded: 'urlencoded' };

var RequestBody = function PostmanRequestBody (options) {
    if (!options) { return; }
    this.update(options);
};
RequestBody._postman_propertyName = 'RequestBody';
RequestBody.MODES = BODY_MODES;

RequestBody.prototype.update = function (options) {
    if (isString(options)) { options = { mode: 'raw', raw: options }; }
    if (!isObject(options) || !options.mode) { return; }
    var mode = BODY_MODES[String(options.mode).toLowerCase()] || BODY_MODES.raw,
        urlencoded = options.urlencoded,
        formdata = options.formdata,
        graphql = options.graphql,
        file = options.file,
        raw = options.raw;
    if (urlencoded) {
        if (isString(urlencoded)) { urlencoded = QueryParam.parse(urlencoded); }
        urlencoded = new PropertyList(QueryParam, this, urlencoded);
    }
    if (formdata) { formdata = new PropertyList(FormParam, this, formdata); }
    if (graphql) {
        graphql = { query: graphql.query, operationName: graphql.operationName, variables: graphql.variables };
    }
    if (isString(file)) { file = { src: file }; }
    if (mode === 'raw' && !raw) { raw = E; }
    if (mode === 'urlencoded' && !urlencoded) { urlencoded = new PropertyList(QueryParam, this, []); }
    if (mode === 'formdata' && !formdata) { formdata = new PropertyList(FormParam, this, []); }
    if (mode === 'graphql' && !graphql) { graphql = {}; }
    this.mode = mode;
    this.raw = raw;
    this.urlencoded = urlencoded;
    this.formdata = formdata;
    this.file = file;
    this.graphql = graphql;
    this.options = isObject(options.options) ? options.options : undefined;
    this.disabled = options.disabled;
};

RequestBody.prototype.toString = function () {
    if (this.mode === 'urlencoded') {
        if (PropertyList.isPropertyList(this.urlencoded)) { return QueryParam.unparse(this.urlencoded.all()); }
        return (this.urlencoded && isFunction(this.urlencoded.toString)) ? this.urlencoded.toString() : E;
    }
    if (this.mode === 'raw') {
        return (this.raw && isFunction(this.raw.toString)) ? this.raw.toString() : E;
    }
    return E;
};

RequestBody.prototype.isEmpty = function () {
    var data = this.mode && this[this.mode];
    if (!data) { return true; }
    if (this.mode === 'file') { return !(data.src || data.content); }
    if (isString(data)) { return data.length === 0; }
    if (isFunction(data.count)) { return data.count() === 0; }
    if (Array.isArray(data)) { return data.length === 0; }
    return isObject(data) ? Object.keys(data).length === 0 : true;
};

RequestBody.prototype.toJSON = function () {
    var out = {};
    if (this.mode !== undefined) { out.mode = this.mode; }
    if (this.raw !== undefined) {
        out.raw = (isString(this.raw) || isNil(this.raw)) ? this.raw : (isObject(this.raw) ?
            JSON.stringify(this.raw) : String(this.raw));
    }
    if (this.urlencoded !== undefined) {
        out.urlencoded = PropertyList.isPropertyList(this.urlencoded) ? this.urlencoded.toJSON() :
            plainCopy(this.urlencoded);
    }
    if (this.formdata !== undefined) {
        out.formdata = PropertyList.isPropertyList(this.formdata) ? this.formdata.toJSON() : plainCopy(this.formdata);
    }
    if (this.file !== undefined) {
        out.file = plainCopy(this.file);
        if (out.file && out.file.content !== undefined && !isString(out.file.content)) { delete out.file.content; }
    }
    if (this.graphql !== undefined) { out.graphql = plainCopy(this.graphql); }
    if (this.options !== undefined) { out.options = plainCopy(this.options); }
    if (this.disabled !== undefined) { out.disabled = this.disabled; }
    return out;
};

// ---------------------------------------------------------------------------
// RequestAuth

function isValidAuthType (type) { return isString(type) && type !== 'type'; }

var RequestAuth = function PostmanRequestAuth (options, parent) {
    var self = this;
    if (has(options, 'type')) { this.use(options.type); }
    if (isObject(options)) {
        Object.keys(options).forEach(function (k) {
            if (k !== 'type') { self.update(options[k], k); }
        });
    }
};
RequestAuth._postman_propertyName = 'RequestAuth';
RequestAuth.isValidType = isValidAuthType;

RequestAuth.prototype._params = function (type) {
    var params = this[type];
    if (!VariableList.isVariableList(params)) {
        params = this[type] = new VariableList(this);
    }
    return params;
};
RequestAuth.prototype.update = function (options, type) {
    if (!isObject(options)) { return; }
    if (!type) { type = this.type; }
    if (!isValidAuthType(type)) { return; }
    var params = this._params(type);
    if (Array.isArray(options) || VariableList.isVariableList(options)) { params.assimilate(options); }
    else { params.syncFromObject(options); }
};
RequestAuth.prototype.use = function (type, options) {
    if (!isValidAuthType(type)) { return; }
    this.type = type;
    var params = this._params(type);
    if (Array.isArray(options) || VariableList.isVariableList(options)) { params.assimilate(options); }
    else { params.syncFromObject(options); }
};
RequestAuth.prototype.parameters = function () { return this[this.type]; };
// get is a shortcut for parameters().get(key).
RequestAuth.prototype.get = function (key) {
    var params = this.parameters();
    return params ? params.get(key) : undefined;
};
RequestAuth.prototype.clear = function (type) {
    if (!(isValidAuthType(type) && VariableList.isVariableList(this[type]))) { return; }
    this[type].clear();
    if (type !== this.type) { delete this[type]; }
};
RequestAuth.prototype.toJSON = function () {
    var out = {}, self = this;
    if (this.type !== undefined) { out.type = this.type; }
    Object.keys(this).forEach(function (k) {
        if (k !== 'type' && VariableList.isVariableList(self[k])) { out[k] = self[k].toJSON(); }
    });
    return out;
};

// ---------------------------------------------------------------------------
// Request

var Request = function PostmanRequest (options) {
    if (isString(options)) { options = { url: options }; }
    else if (Request.isRequest(options) && isFunction(options.toJSON)) { options = options.toJSON(); }
    if (isObject(options)) {
        if (options.id) { this.id = options.id; }
        if (options.name) { this.name = options.name; }
        if (has(options, 'description') && !isNil(options.description)) {
            this.description = new Description(options.description);
        }
    }
    if (lazyUrlInput) {
        // pm.request: the Url is built on first use (requestUrl.get) from the request's own,
        // unshared definition, so a script that never reads the URL does not pay for it.
        urlOf.set(this, new LazyUrl(has(options, 'url') ? options.url : undefined));
    }
    else {
        urlOf.set(this, new Url(has(options, 'url') ? urlInput(options.url) : undefined));
    }
    Object.defineProperty(this, 'url', requestUrl);
    this.headers = new HeaderList(this, options && options.header);
    this.method = (has(options, 'method') && !isNil(options.method)) ? String(options.method).toUpperCase() : 'GET';
    this._assignParts(options);
};

// lazyUrlInput is true while pmRequest builds a Request whose Url waits for first use; a
// LazyUrl holds the definition's "url" until then, or a function that gives it.
var lazyUrlInput = false;
function LazyUrl (input) { this.input = input; }

// LAZY_URL stands for a Url never built in the output of wirePlain: it is still what the
// definition said.
var LAZY_URL = Object.freeze({ lazyUrl: true });

// urlLazy tells whether req's url is a Url not yet built (its own accessor untouched).
function urlLazy (req) {
    if (!(urlOf.get(req) instanceof LazyUrl)) { return false; }
    var d = Object.getOwnPropertyDescriptor(req, 'url');
    return Boolean(d) && d.get === requestUrl.get;
}

// urlInput turns what a definition holds under "url" into what Url#update takes.
function urlInput (url) {
    return Url.isUrl(url) ? url.toJSON() : url;
}
Request._postman_propertyName = 'Request';
Request.isRequest = function (obj) {
    return Boolean(obj) && ((obj instanceof Request) || inSuperChain(obj.constructor, 'Request'));
};

// requestUrl is the own `url` accessor of every Request: assigning a string or an object
// (pm.request.url = '...') turns it into a Url.
var requestUrl = {
    configurable: true,
    enumerable: true,
    get: function () {
        var url = urlOf.get(this);
        if (url instanceof LazyUrl) {
            var input = isFunction(url.input) ? url.input() : url.input;
            url = new Url(urlInput(input));
            urlOf.set(this, url);
        }
        return url;
    },
    set: function (value) {
        if (Url.isUrl(value)) { urlOf.set(this, value); }
        else if (isNil(value)) { urlOf.set(this, new Url()); }
        else { urlOf.set(this, new Url(isObject(value) ? value : String(value))); }
    }
};

Request.prototype.update = function (options) {
    if (!options) { return; }
    if (isString(options)) { options = { url: options }; }
    if (has(options, 'url')) { this.url.update(urlInput(options.url)); }
    if (options.header) { this.headers.repopulate(options.header); }
    if (has(options, 'method')) {
        this.method = isNil(options.method) ? 'GET' : String(options.method).toUpperCase();
    }
    this._assignParts(options);
};

// _assignParts sets body, auth, proxy and certificate from a definition.
Request.prototype._assignParts = function (options) {
    if (!isObject(options)) { return; }
    if (options.body !== undefined) {
        this.body = (options.body instanceof RequestBody) ? options.body : new RequestBody(options.body);
    }
    if (options.auth) {
        this.auth = (options.auth instanceof RequestAuth) ? options.auth : new RequestAuth(options.auth, this);
    }
    if (options.proxy) { this.proxy = options.proxy; }
    if (options.certificate) { this.certificate = options.certificate; }
};

Request.prototype.authorizeUsing = function (type, options) {
    if (isObject(type) && isNil(options)) {
        options = Object.assign({}, type);
        delete options.type;
        type = type.type;
    }
    if (type === null) {
        delete this.auth;
        return;
    }
    if (!isValidAuthType(type)) { return; }
    if (!this.auth) { this.auth = new RequestAuth(null, this); }
    else { this.auth.clear(type); }
    this.auth.use(type, options);
};

Request.prototype.getHeaders = function (options) {
    options = options || {};
    return this.headers.toObject(options.enabled, !options.ignoreCase, options.multiValue, options.sanitizeKeys);
};

Request.prototype.forEachHeader = function (callback) {
    var self = this;
    this.headers.all().forEach(function (h) { return callback(h, self); });
};

Request.prototype.addHeader = function (header) { this.headers.add(header); };

Request.prototype.removeHeader = function (toRemove, options) {
    toRemove = isString(toRemove) ? toRemove : (toRemove && toRemove.key);
    options = options || {};
    if (!toRemove) { return; }
    if (options.ignoreCase) { toRemove = toRemove.toLowerCase(); }
    this.headers.remove(function (h) {
        var key = options.ignoreCase ? String(h.key).toLowerCase() : h.key;
        return key === toRemove;
    });
};

Request.prototype.upsertHeader = function (header) {
    if (!(header && header.key)) { return; }
    var existing = this.headers.find({ key: header.key });
    if (!existing) { return this.headers.add(header); }
    existing.value = header.value;
};

Request.prototype.addQueryParams = function (params) { this.url.addQueryParams(params); };
Request.prototype.removeQueryParams = function (params) { this.url.removeQueryParams(params); };

Request.prototype.size = function () {
    var contentLength = this.headers.get('Content-Length'),
        info = { body: 0, header: 0, total: 0, source: 'COMPUTED' };
    if (contentLength && isNumeric(contentLength)) {
        info.body = parseInt(contentLength, 10);
        info.source = 'CONTENT-LENGTH';
    }
    else if (this.body) {
        info.body = utf8Length(this.body.toString());
    }
    info.header = (this.method + ' ' + this.url.getPathWithQuery() + ' HTTP/X.X\r\n\r\n').length +
        this.headers.contentSize();
    info.total = (info.body || 0) + info.header;
    return info;
};

Request.prototype.toJSON = function () {
    var out = {};
    if (this.id !== undefined) { out.id = this.id; }
    if (this.name !== undefined) { out.name = this.name; }
    if (wireLazy && urlLazy(this)) { out.url = LAZY_URL; }
    else { out.url = Url.isUrl(this.url) ? this.url.toJSON() : plainCopy(this.url); }
    out.method = this.method;
    if (this.headers.count()) { out.header = this.headers.toJSON(); }
    if (this.body !== undefined) {
        out.body = isFunction(this.body && this.body.toJSON) ? this.body.toJSON() : plainCopy(this.body);
    }
    if (this.auth !== undefined) {
        out.auth = isFunction(this.auth && this.auth.toJSON) ? this.auth.toJSON() : plainCopy(this.auth);
    }
    if (this.description !== undefined) {
        out.description = isFunction(this.description && this.description.toJSON) ?
            this.description.toJSON() : this.description;
    }
    if (this.proxy !== undefined) { out.proxy = plainCopy(this.proxy); }
    if (this.certificate !== undefined) { out.certificate = plainCopy(this.certificate); }
    return out;
};

Request.prototype.clone = function () { return new Request(this.toJSON()); };

// ---------------------------------------------------------------------------
// Cookie and CookieList

var Cookie = function PostmanCookie (options) {
    if (isString(options)) { options = Cookie.parse(options); }
    if (options) { this.update(options); }
};
Cookie._postman_propertyName = 'Cookie';
Cookie._postman_propertyIndexKey = 'name';
Cookie._postman_propertyIndexCaseInsensitive = true;
Cookie._postman_propertyAllowsMultipleValues = true;

function ensureEncoded (s) {
    s = String(s);
    try { s = decodeURIComponent(s); }
    catch (e) { /* keep as is */ }
    try { return encodeURIComponent(s); }
    catch (e) { return s; }
}

Cookie.prototype.update = function (o) {
    var name = !isNil(o.name) ? o.name : o.key, expires = o.expires;
    if (name !== undefined) { this.name = name; }
    if (isString(expires)) { expires = new Date(expires); }
    else if (typeof expires === 'number') { expires = new Date(expires); }
    if (expires !== undefined && expires !== null && !(expires instanceof Date && isNaN(expires.getTime()) &&
        !isString(o.expires))) {
        this.expires = expires;
    }
    else if (expires === null) { this.expires = null; } // a session cookie, as runtime gives it
    if (has(o, 'maxAge')) { this.maxAge = Number(o.maxAge); }
    if (o.domain !== undefined) { this.domain = o.domain; }
    if (o.path !== undefined) { this.path = o.path; }
    if (has(o, 'secure')) { this.secure = Boolean(o.secure); }
    if (has(o, 'httpOnly')) { this.httpOnly = Boolean(o.httpOnly); }
    if (has(o, 'hostOnly')) { this.hostOnly = Boolean(o.hostOnly); }
    if (has(o, 'session')) { this.session = Boolean(o.session); }
    if (o.value) { this.value = ensureEncoded(o.value); }
    if (o.extensions) { this.extensions = o.extensions; }
};
Cookie.prototype.valueOf = function () {
    try { return decodeURIComponent(this.value); }
    catch (e) { return this.value; }
};
Cookie.prototype.toString = function () {
    var s = Cookie.unparseSingle(this);
    if (this.expires instanceof Date) {
        if (!isNaN(this.expires.getTime())) { s += '; Expires=' + this.expires.toUTCString(); }
    }
    else if (this.expires) { s += '; Expires=' + this.expires; }
    if (this.maxAge && this.maxAge !== Infinity) { s += '; Max-Age=' + this.maxAge; }
    if (this.domain && !this.hostOnly) { s += '; Domain=' + this.domain; }
    if (this.path) { s += '; Path=' + this.path; }
    if (this.secure) { s += '; Secure'; }
    if (this.httpOnly) { s += '; HttpOnly'; }
    (this.extensions || []).forEach(function (x) {
        s += '; ' + x.key + (x.value === true ? E : '=' + x.value);
    });
    return s;
};
Cookie.prototype.toJSON = function () {
    var out = {}, self = this;
    // the order update() sets them in, which is the order postman-collection's toJSON gives
    ['name', 'expires', 'maxAge', 'domain', 'path', 'secure', 'httpOnly', 'hostOnly', 'session', 'value',
        'extensions'].forEach(function (k) {
        if (self[k] !== undefined) {
            out[k] = (self[k] instanceof Date) ? (isNaN(self[k].getTime()) ? null : self[k].toISOString()) :
                plainCopy(self[k]);
        }
    });
    return out;
};

Cookie.isCookie = function (obj) {
    return Boolean(obj) && ((obj instanceof Cookie) || inSuperChain(obj.constructor, 'Cookie'));
};
Cookie.unparseSingle = function (c) {
    if (!isObject(c)) { return E; }
    var value = isNil(c.value) ? E : c.value;
    return c.name ? c.name + '=' + value : value;
};
Cookie.unparse = function (cookies) {
    if (!Array.isArray(cookies) && !PropertyList.isPropertyList(cookies)) { return E; }
    return (Array.isArray(cookies) ? cookies : cookies.all()).map(Cookie.unparseSingle).join('; ');
};
Cookie.splitParam = function (param) {
    var parts = param.split('='), key = parts[0].trim(), value = isString(parts[1]) ? parts[1].trim() : true;
    if (isString(value) && value.charAt(0) === '"') { value = value.slice(1, -1); }
    return { key: key, value: value };
};
Cookie.parse = function (str) {
    if (!isString(str)) { return str; }
    var attrs = { httponly: 'httpOnly', secure: 'secure', domain: 'domain', path: 'path', 'max-age': 'maxAge',
            session: 'session', expires: 'expires' },
        pairs = str.split(/; */),
        first = Cookie.splitParam(pairs.shift()),
        obj = { key: first.key, value: first.value };
    pairs.forEach(function (pair) {
        var kv = Cookie.splitParam(pair), lower = kv.key.toLowerCase();
        if (attrs[lower]) { obj[attrs[lower]] = kv.value; }
        else { (obj.extensions = obj.extensions || []).push(kv); }
    });
    if (!obj.domain) { obj.hostOnly = true; }
    return obj;
};
Cookie.stringify = function (c) { return Cookie.prototype.toString.call(c); };

function CookieList (parent, cookies) {
    initList(this, Cookie, cookies);
}
inherit(CookieList, PropertyList);
CookieList._postman_propertyName = 'CookieList';
CookieList.isCookieList = function (obj) {
    return Boolean(obj) && ((obj instanceof CookieList) || inSuperChain(obj.constructor, 'CookieList'));
};

// ---------------------------------------------------------------------------
// content information (Response#contentInfo)

// MIME_DB classifies well-known types (type, format); other types are guessed from their
// name. MIME_EXT maps a type to its usual file extension.
var MIME_DB = {
        'application/json': ['text', 'json'],
        'application/json5': ['text', 'json'],
        'application/ld+json': ['text', 'json'],
        'application/javascript': ['text', 'script'],
        'application/ecmascript': ['text', 'script'],
        'application/jwt': ['text', 'jwt'],
        'application/xml': ['text', 'xml'],
        'application/x-www-form-urlencoded': ['text', 'plain'],
        'application/pdf': ['embed', 'pdf'],
        'text/javascript': ['text', 'script']
    },
    MIME_EXT = {
        'application/json': 'json', 'application/ld+json': 'jsonld', 'application/javascript': 'js',
        'application/ecmascript': 'es', 'application/xml': 'xml', 'application/pdf': 'pdf',
        'application/octet-stream': 'bin', 'application/zip': 'zip', 'application/gzip': 'gz',
        'application/x-yaml': 'yaml', 'application/yaml': 'yaml', 'application/wasm': 'wasm',
        'application/msword': 'doc', 'application/rtf': 'rtf', 'application/x-sh': 'sh',
        'text/html': 'html', 'text/plain': 'txt', 'text/xml': 'xml', 'text/css': 'css', 'text/csv': 'csv',
        'text/javascript': 'js', 'text/markdown': 'md', 'text/calendar': 'ics', 'text/yaml': 'yaml',
        'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'image/svg+xml': 'svg',
        'image/webp': 'webp', 'image/bmp': 'bmp', 'image/x-icon': 'ico', 'image/tiff': 'tif',
        'audio/mpeg': 'mpga', 'audio/wav': 'wav', 'audio/ogg': 'oga', 'video/mp4': 'mp4',
        'video/webm': 'webm', 'font/woff': 'woff', 'font/woff2': 'woff2'
    },
    TEXT_FORMATS = /(jsonp|json|xml|html|yaml|vml|webml|script)/;

// mimeLookup classifies a Content-Type the way Postman's mime-format does.
function mimeLookup (contentType) {
    var charsetMatch = /(?:charset|encoding)\s{0,10}=\s{0,10}['"]? {0,10}([\w-]{1,100})/i.exec(contentType),
        source = String(contentType).toLowerCase().replace(/\s/g, E).replace(/^([^;]+).*$/, '$1'),
        known = MIME_DB[source],
        base = source.split('/')[0] || E,
        info = { type: 'unknown', format: 'raw' },
        m;
    if (known) {
        info = { type: known[0], format: known[1] };
    }
    else if ((m = /(audio|video|image|text)/.exec(base))) {
        info.type = info.format = m[1];
        if (m[1] === 'text') { info.format = (TEXT_FORMATS.exec(source) || [])[1] || 'plain'; }
    }
    else if ((m = TEXT_FORMATS.exec(source))) {
        info.type = 'text';
        info.format = m[1];
    }
    else if ((m = /\/[^/]*(audio|video|image|text)/.exec(source))) {
        info.type = info.format = m[1];
    }
    else if ((m = /(application|message|multipart)/.exec(base))) {
        info.type = m[1];
    }
    info.source = source;
    info.ext = MIME_EXT[source] || E;
    info.charset = charsetMatch ? charsetMatch[1].toLowerCase() : undefined;
    if (info.charset === 'utf-8') { info.charset = 'utf8'; }
    return info;
}

function dispositionFileName (header) {
    if (!header) { return undefined; }
    var enc = /;[ \t]*filename\*[ \t]*=[ \t]*([A-Za-z0-9!#$%&+\-^_`{}~]+)'.*'((?:%[0-9A-Fa-f]{2}|[A-Za-z0-9!#$&+.^_`|~-])+)[ \t]*/
            .exec(header),
        plain, name, cs;
    if (enc) {
        cs = enc[1].toLowerCase();
        try {
            if (cs === 'utf-8') { name = decodeURIComponent(enc[2]); }
            else if (cs === 'iso-8859-1') {
                name = enc[2].replace(/%([0-9A-Fa-f]{2})/g, function (m, h) {
                    return String.fromCharCode(parseInt(h, 16));
                }).replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
            }
        }
        catch (e) { name = undefined; }
    }
    if (!name) {
        plain = /;[ \t]*filename[ \t]*=[ \t]*("(?:[\x20!\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\x20-\x7e])*"|[!#$%&'*+.0-9A-Z^_`a-z|~-]+)[ \t]*/
            .exec(header);
        name = plain && plain[1];
        if (name && name.charAt(0) === '"') { name = name.slice(1, -1).replace(/\\([ -~])/g, '$1'); }
    }
    return name || undefined;
}

function contentInfoOf (response) {
    var contentType = response.headers.get('Content-Type') || 'text/plain',
        mime = mimeLookup(contentType),
        fileName = dispositionFileName(response.headers.get('Content-Disposition')),
        out = {};
    if (!fileName) { fileName = 'response' + (mime.ext ? '.' + mime.ext : E); }
    if (mime.source) { out.contentType = mime.source; }
    if (mime.type) { out.mimeType = mime.type; }
    if (mime.format) { out.mimeFormat = mime.format; }
    out.charset = mime.charset || 'utf8';
    if (mime.ext) { out.fileExtension = mime.ext; }
    out.fileName = fileName;
    return out;
}

// ---------------------------------------------------------------------------
// Response

var Response = function PostmanResponse (options) {
    this.update(options || {});
};
Response._postman_propertyName = 'Response';
Response.isResponse = function (obj) {
    return Boolean(obj) && ((obj instanceof Response) || inSuperChain(obj.constructor, 'Response'));
};

// uuid4 returns a random (Math.random based) version 4 UUID, as Postman's vendored uuid does.
function uuid4 () {
    var h = E, i;
    for (i = 0; i < 4; i++) { h += (0x100000000 + Math.floor(Math.random() * 0x100000000)).toString(16).slice(1); }
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-4' + h.slice(13, 16) + '-' +
        (8 | (parseInt(h.charAt(16), 16) & 3)).toString(16) + h.slice(17, 20) + '-' + h.slice(20, 32);
}

// responseStream is the own `stream` accessor of responses that have a body: the raw body
// as a Buffer, built on first use when the runtime has Buffer.
var responseStream = {
    configurable: true,
    enumerable: true,
    get: function () {
        if (typeof Buffer !== 'function') { return undefined; }
        var raw = rawOf.get(this),
            buf = isString(raw.base64) ? Buffer.from(raw.base64, 'base64') : Buffer.from(raw.body, 'utf8');
        Object.defineProperty(this, 'stream', { value: buf, writable: true, configurable: true, enumerable: true });
        return buf;
    },
    set: function (v) {
        Object.defineProperty(this, 'stream', { value: v, writable: true, configurable: true, enumerable: true });
    }
};

// update fills the response from the plain object of the contract. Like postman-collection it
// only sets what is defined (after a request error there is no `code` at all), so scripts and
// chai see the same own properties: id, _details, status, code, headers, stream, cookies,
// responseTime, responseSize.
Response.prototype.update = function (o) {
    if (isNil(o.body) && !isString(o.bodyBase64) && isObject(o.stream) && typeof Buffer === 'function') {
        // new Response({ stream: Buffer }) as postman-collection: the body is the stream's bytes
        var sb = Buffer.isBuffer(o.stream) ? o.stream :
            Buffer.from(o.stream.type === 'Buffer' && Array.isArray(o.stream.data) ? o.stream.data : o.stream);
        o = Object.assign({}, o, { body: sb.toString('utf8'), bodyBase64: sb.toString('base64') });
    }
    var hasBody = !isNil(o.body) || isString(o.bodyBase64),
        body = isString(o.body) ? o.body : (isNil(o.body) ? E : String(o.body)),
        standard = httpReason(o.code),
        status = !isNil(o.reason) ? o.reason : (!isNil(o.status) && o.status !== E ? o.status : standard);
    rawOf.set(this, { body: body, base64: isString(o.bodyBase64) ? o.bodyBase64 : undefined, none: !hasBody });
    this.id = o.id || uuid4();
    if (o.name !== undefined) { this.name = o.name; }
    this._details = isNil(o.code) ? {} :
        { name: status || standard, detail: standard, code: o.code, standardName: standard };
    if (o.originalRequest) { this.originalRequest = new Request(o.originalRequest); }
    if (status) { this.status = status; }
    if (o.code !== undefined) { this.code = o.code; }
    this.headers = new HeaderList(this, o.header || o.headers);
    if (hasBody) { Object.defineProperty(this, 'stream', responseStream); }
    this.cookies = new CookieList(this, o.cookie || o.cookies);
    if (o.responseTime !== undefined) { this.responseTime = o.responseTime; }
    if (!isNil(o.responseSize)) { this.responseSize = o.responseSize; }
    else if (hasBody) { this.responseSize = utf8Length(body); }
};

Response.prototype.reason = function () {
    return this.status || (isNil(this.code) ? undefined : httpReason(this.code));
};

Response.prototype.details = function () {
    var standard;
    if (!this._details || this._details.code !== this.code) {
        standard = httpReason(this.code) || undefined;
        this._details = { name: standard, detail: standard, code: this.code, standardName: standard };
    }
    return Object.assign({}, this._details);
};

// text is the body as text; like Postman's decoder it drops a leading byte order mark. A
// response without a body (the empty response a test script sees after a request error)
// has no text: undefined, as in postman-collection.
Response.prototype.text = function () {
    var raw = rawOf.get(this), body;
    if (raw && raw.none) { return undefined; }
    body = rawBody(this);
    return (body.charCodeAt(0) === 0xFEFF) ? body.slice(1) : body;
};

Response.prototype.json = function (reviver, strict) {
    return parseJSON(this.text(), reviver, strict);
};

Response.prototype.jsonp = function (reviver, strict) {
    var text = (this.text() || E).replace(/^[^{(].*\(/, E).replace(/\)[^}].*$|\)$/, E);
    return parseJSON(text, reviver, strict);
};

Response.prototype.contentInfo = function () { return contentInfoOf(this); };

// mime is the pre-v4 shape of contentInfo.
Response.prototype.mime = function () {
    var info = contentInfoOf(this);
    return {
        type: info.mimeType,
        format: info.mimeFormat,
        name: info.fileName,
        ext: info.fileExtension || E,
        charset: info.charset,
        source: info.contentType,
        detected: null
    };
};

Response.prototype.dataURI = function () {
    var info = contentInfoOf(this);
    if (!info.contentType) { return E; }
    return 'data:' + info.contentType + ';base64, ' +
        (isString(rawOf.has(this) && rawOf.get(this).base64) ? rawOf.get(this).base64 : utf8Base64(rawBody(this)));
};

Response.prototype.size = function () {
    var info = { body: 0, header: 0, total: 0 },
        contentLength = this.headers.get('Content-Length');
    if (contentLength && isNumeric(contentLength)) { info.body = parseInt(contentLength, 10); }
    else if (isNumeric(this.responseSize)) { info.body = Number(this.responseSize); }
    else { info.body = utf8Length(rawBody(this)); }
    info.header = ('HTTP/X.X ' + this.code + ' ' + this.reason() + '\r\n\r\n').length + this.headers.contentSize();
    info.total = (info.body || 0) + info.header;
    return info;
};

Response.prototype.encoding = function () {
    var enc = this.headers.get('Content-Encoding');
    return { format: enc || undefined, source: enc ? 'header' : undefined };
};

Response.prototype.toJSON = function () {
    var out = {};
    if (this.id !== undefined) { out.id = this.id; }
    if (this.name !== undefined) { out.name = this.name; }
    if (this.status !== undefined) { out.status = this.status; } // none after a request error
    if (this.code !== undefined) { out.code = this.code; }
    out.header = this.headers.toJSON();
    if (!(rawOf.get(this) || {}).none) { out.body = rawBody(this); }
    out.cookie = this.cookies.toJSON();
    if (this.responseTime !== undefined) { out.responseTime = this.responseTime; }
    if (this.responseSize !== undefined) { out.responseSize = this.responseSize; }
    if (this.originalRequest) { out.originalRequest = this.originalRequest.toJSON(); }
    return out;
};

// `request.to` and `response.to` start a chai-postman assertion chain.
[Request, Response].forEach(function (Type) {
    Object.defineProperty(Type.prototype, 'to', {
        configurable: true,
        enumerable: false,
        get: function () { return chai.expect(this).to; }
    });
});

// ---------------------------------------------------------------------------
// chai-postman assertions

var chaiInstalled = false;

function installChai () {
    if (chaiInstalled || !chai || !chai.Assertion) { return; }
    chaiInstalled = true;

    var Assertion = chai.Assertion,
        flag = chai.util.flag,
        FIRST_LINE = /(.*?)\n.*/g,
        isResponse = Response.isResponse,
        isRequest = Request.isRequest,
        statusClasses = { info: 1, success: 2, redirection: 3, clientError: 4, serverError: 5 },
        statusReasons = {
            accepted: [202, 'Accepted'],
            withoutContent: [204, 'No Content'],
            badRequest: [400, 'Bad Request'],
            unauthorised: [401, 'Unauthorised'],
            unauthorized: [401, 'Unauthorized'],
            forbidden: [403, 'Forbidden'],
            notFound: [404, 'Not Found'],
            notAcceptable: [406, 'Acceptable'],
            rateLimited: [429, 'Too Many Requests']
        };

    function kindOf (obj) {
        return isRequest(obj) ? 'request' : (isResponse(obj) ? 'response' : undefined);
    }

    // The precondition helpers below check directly and only build chai's nested assertion
    // (which then throws its own message) when the check fails: a chai chain costs tens of
    // microseconds in goja, a plain check next to nothing.
    function needResponse (obj) {
        if (!isResponse(obj)) { new Assertion(obj).to.be.postmanResponse; }
    }
    function needRequestOrResponse (obj) {
        if (!isResponse(obj) && !isRequest(obj)) { new Assertion(obj).to.be.postmanRequestOrResponse; }
    }
    function needProperty (obj, name) {
        if (obj === null || obj === undefined || !(name in Object(obj))) { new Assertion(obj).to.have.property(name); }
    }
    function needType (value, type) {
        if (typeof value !== type) { new Assertion(value).to.be.a(type); }
    }
    // expectCode checks the preconditions every status assertion shares.
    function expectCode (obj) {
        needResponse(obj);
        needProperty(obj, 'code');
        needType(obj.code, 'number');
    }
    function expectFn (obj, name) {
        needProperty(obj, name);
        needType(obj[name], 'function');
    }
    function jsonParseError (obj) {
        try {
            obj.json();
        }
        catch (e) {
            if (e && e.name === 'JSONError' && e.message) { return String(e.message).replace(FIRST_LINE, '$1'); }
            return (e && e.name) + ': ' + (e && e.message);
        }
        return undefined;
    }
    function assertReason (assertion, wanted, code) {
        var obj = assertion._obj, actualReason, actualCode;
        expectFn(obj, 'reason');
        expectFn(obj, 'details');
        actualReason = String(obj.reason()).toUpperCase();
        actualCode = Number(obj.details().code);
        assertion.assert(actualReason === wanted,
            'expected response to have status reason #{exp} but got #{act}',
            'expected response to not have status reason #{act}', wanted, actualReason);
        assertion.assert(actualCode === code,
            'expected response to have status code #{exp} but got #{act}',
            'expected response to not have status code #{act}', code, actualCode);
    }

    Assertion.addProperty('postmanRequest', function () {
        this.assert(isRequest(this._obj), 'expecting a postman request object but got #{this}',
            'not expecting a postman request object');
    });
    Assertion.addProperty('postmanResponse', function () {
        this.assert(isResponse(this._obj), 'expecting a postman response object but got #{this}',
            'not expecting a postman response object');
    });
    Assertion.addProperty('postmanRequestOrResponse', function () {
        this.assert(isResponse(this._obj) || isRequest(this._obj),
            'expecting a postman request or response object but got #{this}',
            'not expecting a postman request or response object');
    });

    Assertion.addMethod('statusCodeClass', function (classCode) {
        expectCode(this._obj);
        this.assert(Math.floor(this._obj.code / 100) === classCode,
            'expected response code to be #{exp}XX but found #{act}',
            'expected response code to not be #{exp}XX', classCode, this._obj.code);
    });

    Object.keys(statusClasses).forEach(function (name) {
        var classCode = statusClasses[name];
        Assertion.addProperty(name, function () {
            expectCode(this._obj);
            this.assert(Math.floor(this._obj.code / 100) === classCode,
                'expected response code to be #{exp}XX but found #{act}',
                'expected response code to not be #{exp}XX', classCode, this._obj.code);
        });
    });

    Assertion.addProperty('error', function () {
        expectCode(this._obj);
        var cls = Math.floor(this._obj.code / 100);
        this.assert(cls === 4 || cls === 5,
            'expected response code to be 4XX or 5XX but found #{act}',
            'expected response code to not be 4XX or 5XX', null, this._obj.code);
    });

    Assertion.addMethod('statusCode', function (code) {
        expectCode(this._obj);
        this.assert(this._obj.code === Number(code),
            'expected response to have status code #{exp} but got #{act}',
            'expected response to not have status code #{act}', Number(code), this._obj.code);
    });

    Assertion.addMethod('statusReason', function (reason) {
        needResponse(this._obj);
        expectFn(this._obj, 'reason');
        reason = String(reason);
        this.assert(this._obj.reason() === reason,
            'expected response to have status reason #{exp} but got #{act}',
            'expected response to not have status reason #{act}', reason, this._obj.reason());
    });

    Object.keys(statusReasons).forEach(function (name) {
        var spec = statusReasons[name];
        Assertion.addProperty(name, function () {
            needResponse(this._obj);
            assertReason(this, spec[1].toUpperCase(), spec[0]);
        });
    });

    Assertion.addProperty('ok', function () {
        if (!isResponse(this._obj)) {
            this.assert(flag(this, 'object'), 'expected #{this} to be truthy', 'expected #{this} to be falsy');
            return;
        }
        assertReason(this, 'OK', 200);
    });

    Assertion.addMethod('status', function (codeOrReason) {
        needResponse(this._obj);
        if (typeof codeOrReason === 'number') {
            needProperty(this._obj, 'code');
            needType(this._obj.code, 'number');
            this.assert(this._obj.code === Number(codeOrReason),
                'expected response to have status code #{exp} but got #{act}',
                'expected response to not have status code #{act}', Number(codeOrReason), this._obj.code);
            return;
        }
        expectFn(this._obj, 'reason');
        this.assert(this._obj.reason() === codeOrReason,
            'expected response to have status reason #{exp} but got #{act}',
            'expected response to not have status reason #{act}', codeOrReason, this._obj.reason());
    });

    Assertion.addMethod('header', function (key, value) {
        needRequestOrResponse(this._obj);
        needProperty(this._obj, 'headers');
        var kind = kindOf(this._obj), headers = this._obj.headers;
        this.assert(headers.has(key),
            'expected ' + kind + ' to have header with key \'' + String(key) + '\'',
            'expected ' + kind + ' to not have header with key \'' + String(key) + '\'',
            true, headers.has(key));
        if (arguments.length < 2) { return; }
        this.assert(headers.one(key).value === value,
            'expected \'' + String(key) + '\' ' + kind + ' header to be #{exp} but got #{act}',
            'expected \'' + String(key) + '\' ' + kind + ' header to not be #{act}',
            value, headers.one(key).value);
    });

    Assertion.addProperty('withBody', function () {
        needResponse(this._obj);
        expectFn(this._obj, 'text');
        var text = this._obj.text();
        this.assert(isString(text) && text.length, 'expected response to have content in body',
            'expected response to not have content in body');
    });

    Assertion.addProperty('json', function () {
        needResponse(this._obj);
        expectFn(this._obj, 'json');
        var problem = jsonParseError(this._obj);
        this.assert(!problem, 'expected response body to be a valid json but got error ' + problem,
            'expected response body not to be a valid json');
    });

    Assertion.addMethod('body', function (content) {
        var data;
        needResponse(this._obj);
        if (isPlainObject(content)) {
            expectFn(this._obj, 'json');
            try { data = this._obj.json(); }
            catch (e) { data = undefined; }
            this.assert(isEqual(data, content),
                'expected response body json to equal #{exp} but got #{act}',
                'expected response body json to not equal #{exp} but got #{act}', content, data);
            return;
        }
        expectFn(this._obj, 'text');
        data = this._obj.text();
        if (arguments.length === 0) {
            this.assert(isString(data) && data.length, 'expected response to have content in body',
                'expected response to not have content in body');
            return;
        }
        if (content instanceof RegExp) {
            this.assert(content.exec(data) !== null,
                'expected response body text to match #{exp} but got #{act}',
                'expected response body text #{act} to not match #{exp}', content, data);
            return;
        }
        this.assert(isEqual(data, content), 'expected response body to equal #{exp} but got #{act}',
            'expected response body to not equal #{exp}', content, data);
    });

    Assertion.addMethod('jsonBody', function (path, value) {
        needResponse(this._obj);
        expectFn(this._obj, 'json');
        var body, problem = jsonParseError(this._obj);
        if (!problem) { body = this._obj.json(); }
        if (arguments.length === 0) {
            this.assert(!problem, 'expected response body to be a valid json but got error ' + problem,
                'expected response body not to be a valid json');
            return;
        }
        if (!isString(path)) { return; }
        this.assert(hasPath(body, path), 'expected #{act} in response to contain property #{exp}',
            'expected #{act} in response to not contain property #{exp}', path, body);
        if (arguments.length > 1) {
            body = getPath(body, path);
            this.assert(isEqual(body, value),
                'expected response body json at "' + path + '" to contain #{exp} but got #{act}',
                'expected response body json at "' + path + '" to not contain #{exp} but got #{act}', value, body);
        }
    });

    Assertion.addChainableMethod('responseTime', function (value) {
        var time = flag(this, 'number');
        this.assert(typeof time === 'number', 'expected response to have a valid response time but got #{act}',
            'expected response to not have a valid response time but got #{act}', null, time);
        if (arguments.length) {
            this.assert(isEqual(time, value), 'expected response to have a valid response time but got #{act}',
                'expected response to not have a valid response time but got #{act}', null, time);
        }
    }, function () {
        needResponse(this._obj);
        needProperty(this._obj, 'responseTime');
        flag(this, 'number', this._obj.responseTime);
        this._obj = this._obj.responseTime;
    });

    Assertion.addChainableMethod('responseSize', function (value) {
        var size = flag(this, 'number');
        this.assert(typeof size === 'number', 'expected response to have a valid response size but got #{act}',
            'expected response to not have a valid response size but got #{act}', null, size);
        if (arguments.length) {
            this.assert(isEqual(size, value), 'expected response size to equal #{act} but got #{exp}',
                'expected response size to not equal #{act} but got #{exp}', value, size);
        }
    }, function () {
        needResponse(this._obj);
        expectFn(this._obj, 'size');
        var size = this._obj.size(), total = (size.header || 0) + (size.body || 0);
        flag(this, 'number', total);
        this._obj = total;
    });

    Assertion.addMethod('jsonSchema', function (schema, options) {
        if (!isPlainObject(schema)) { new Assertion(schema).to.be.an('object'); }
        var Ajv = hostRequire('ajv'), ajv, valid, data, obj = this._obj;
        options = Object.assign({ allErrors: true, logger: false }, options);
        if (isResponse(obj) || (isRequest(obj) && isFunction(obj.json))) { data = obj.json(); }
        else { data = obj; }
        ajv = new Ajv(options);
        valid = ajv.validate(schema, data);
        this.assert(valid && !ajv.errors,
            'expected data to satisfy schema but found following errors: \n' + ajv.errorsText(),
            'expected data to not satisfy schema', true, valid);
    });
}

// ---------------------------------------------------------------------------

return {
    request: function (json) { return new Request(json); },
    // pmRequest is request(json) for a definition nobody else holds (pm.request): its Url is
    // built on first use, from json.url or, when that is a function, from what it returns.
    pmRequest: function (json) {
        lazyUrlInput = true;
        try { return new Request(json); }
        finally { lazyUrlInput = false; }
    },
    wirePlain: wirePlain,
    LAZY_URL: LAZY_URL,
    response: function (plain) { return new Response(plain); },
    cookieList: function (list) { return new CookieList(null, list); },
    installChai: installChai,
    parseJSON: parseJSON,
    wireJSON: wireJSON,
    util: { isEqual: isEqual, get: getPath, has: hasPath, toPath: toPath },
    uuid: uuid4,
    PropertyList: PropertyList,
    Description: Description,
    QueryParam: QueryParam,
    Header: Header,
    HeaderList: HeaderList,
    Variable: Variable,
    VariableList: VariableList,
    Url: Url,
    FormParam: FormParam,
    RequestBody: RequestBody,
    RequestAuth: RequestAuth,
    Request: Request,
    Cookie: Cookie,
    CookieList: CookieList,
    Response: Response
};
