// The web platform globals of Postman's sandbox 6: DOMException, Event, EventTarget,
// AbortController, AbortSignal, queueMicrotask, structuredClone, TextEncoder, TextDecoder,
// Blob, File and crypto (getRandomValues, randomUUID, subtle). Bytes, hashes, HMAC and
// randomness are Go functions (native); this file gives them their web-shaped API.
// This file is the body of a function (native, bufferModule).
'use strict';

var define = function (name, value) {
    Object.defineProperty(globalThis, name, { value: value, writable: true, configurable: true, enumerable: false });
};

var hidden = function (obj, props) {
    Object.keys(props).forEach(function (k) {
        Object.defineProperty(obj, k, { value: props[k], writable: true, configurable: true, enumerable: false });
    });
};

var tag = function (ctor, name) {
    Object.defineProperty(ctor.prototype, Symbol.toStringTag, { value: name, configurable: true });
};

var argType = function (name, want, v) {
    var got = v === null ? 'null' : typeof v === 'function' ? 'function ' + (v.name || '') :
        typeof v === 'object' ? 'an instance of ' + ((v.constructor && v.constructor.name) || 'Object') :
            'type ' + typeof v + ' (' + String(v) + ')';
    if (v === undefined) { got = 'undefined'; }
    var e = new TypeError('The "' + name + '" argument must be ' + want + '. Received ' + got);
    e.code = 'ERR_INVALID_ARG_TYPE';
    return e;
};

// bytes views a BufferSource as [ArrayBuffer, byteOffset, byteLength] for native calls.
var bytes = function (src, what) {
    if (src instanceof ArrayBuffer) { return [src, 0, src.byteLength]; }
    if (ArrayBuffer.isView(src)) { return [src.buffer, src.byteOffset, src.byteLength]; }
    throw argType(what || 'data', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', src);
};

// DOMException ---------------------------------------------------------------------------
var domCodes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25
};

class DOMException extends Error {
    constructor (message, options) {
        super(message === undefined ? '' : String(message));
        var name = 'Error';
        if (options !== null && typeof options === 'object') {
            if ('cause' in options) { hidden(this, { cause: options.cause }); }
            if (options.name !== undefined) { name = String(options.name); }
        }
        else if (options !== undefined) { name = String(options); }
        hidden(this, { _name: name });
    }
    get name () { return this._name; }
    get code () { return domCodes[this._name] || 0; }
}
Object.defineProperty(DOMException.prototype, 'message', { value: '', writable: true, configurable: true });
Object.keys(domCodes).forEach(function (n) {
    var c = n.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() + '_ERR';
    if (n === 'TypeMismatchError') { c = 'TYPE_MISMATCH_ERR'; }
    if (n === 'QuotaExceededError') { c = 'QUOTA_EXCEEDED_ERR'; }
    if (n === 'DataCloneError') { c = 'DATA_CLONE_ERR'; }
    if (n === 'URLMismatchError') { c = 'URL_MISMATCH_ERR'; }
    Object.defineProperty(DOMException, c, { value: domCodes[n], enumerable: true });
    Object.defineProperty(DOMException.prototype, c, { value: domCodes[n], enumerable: true });
});
tag(DOMException, 'DOMException');
define('DOMException', DOMException);

// Event, EventTarget ---------------------------------------------------------------------
var kStop = Symbol('stop'), kTarget = Symbol('target'), kListeners = Symbol('listeners');

class Event {
    constructor (type, options) {
        if (arguments.length === 0) { throw argType('type', 'specified', undefined); }
        options = options || {};
        hidden(this, { _type: String(type), _bubbles: !!options.bubbles, _cancelable: !!options.cancelable,
            _composed: !!options.composed, _defaultPrevented: false, _timeStamp: Date.now() });
        this[kTarget] = null;
        this[kStop] = false;
    }
    get type () { return this._type; }
    get bubbles () { return this._bubbles; }
    get cancelable () { return this._cancelable; }
    get composed () { return this._composed; }
    get defaultPrevented () { return this._cancelable && this._defaultPrevented; }
    get target () { return this[kTarget]; }
    get currentTarget () { return this[kTarget]; }
    get srcElement () { return this[kTarget]; }
    get timeStamp () { return this._timeStamp; }
    get isTrusted () { return false; }
    get eventPhase () { return this[kTarget] ? 2 : 0; }
    get returnValue () { return !this.defaultPrevented; }
    get cancelBubble () { return this[kStop]; }
    composedPath () { return this[kTarget] ? [this[kTarget]] : []; }
    preventDefault () { this._defaultPrevented = true; }
    stopPropagation () { }
    stopImmediatePropagation () { this[kStop] = true; }
}
[['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]].forEach(function (p) {
    Object.defineProperty(Event, p[0], { value: p[1], enumerable: true });
});
tag(Event, 'Event');

class EventTarget {
    constructor () { hidden(this, {}); this[kListeners] = new Map(); }
    addEventListener (type, listener, options) {
        if (listener === null || listener === undefined) { return; }
        var once = !!(options && typeof options === 'object' && options.once);
        var signal = options && typeof options === 'object' ? options.signal : undefined;
        if (signal && signal.aborted) { return; }
        var list = this[kListeners].get(String(type));
        if (!list) { list = []; this[kListeners].set(String(type), list); }
        if (list.some(function (l) { return l.listener === listener; })) { return; }
        var entry = { listener: listener, once: once };
        list.push(entry);
        if (signal) {
            var self = this;
            signal.addEventListener('abort', function () { self.removeEventListener(type, listener); });
        }
    }
    removeEventListener (type, listener) {
        var list = this[kListeners].get(String(type));
        if (!list) { return; }
        var i = list.findIndex(function (l) { return l.listener === listener; });
        i >= 0 && list.splice(i, 1);
    }
    dispatchEvent (event) {
        if (!(event instanceof Event)) { throw argType('event', 'an instance of Event', event); }
        event[kTarget] = this;
        var list = (this[kListeners].get(event.type) || []).slice();
        for (var i = 0; i < list.length && !event[kStop]; i++) {
            var l = list[i];
            l.once && this.removeEventListener(event.type, l.listener);
            if (typeof l.listener === 'function') { l.listener.call(this, event); }
            else if (l.listener && typeof l.listener.handleEvent === 'function') { l.listener.handleEvent(event); }
        }
        var handler = this['on' + event.type];
        // the on<type> handler of AbortSignal
        if (typeof handler === 'function' && !event[kStop]) { handler.call(this, event); }
        return !event.defaultPrevented;
    }
}
tag(EventTarget, 'EventTarget');
define('Event', Event);
define('EventTarget', EventTarget);

// AbortController, AbortSignal -----------------------------------------------------------
var kAborted = Symbol('aborted'), kReason = Symbol('reason'), kCreate = Symbol('create');

class AbortSignal extends EventTarget {
    constructor (key) {
        if (key !== kCreate) { throw new TypeError('Illegal constructor'); }
        super();
        this[kAborted] = false;
        this[kReason] = undefined;
        this.onabort = null;
    }
    get aborted () { return this[kAborted]; }
    get reason () { return this[kReason]; }
    throwIfAborted () { if (this[kAborted]) { throw this[kReason]; } }
    static abort (reason) {
        var s = new AbortSignal(kCreate);
        s[kAborted] = true;
        s[kReason] = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
        return s;
    }
    static any (signals) {
        var s = new AbortSignal(kCreate);
        var done = signals.find(function (x) { return x.aborted; });
        if (done) { s[kAborted] = true; s[kReason] = done.reason; return s; }
        signals.forEach(function (x) {
            x.addEventListener('abort', function () { abortSignal(s, x.reason); });
        });
        return s;
    }
    static timeout (ms) {
        var s = new AbortSignal(kCreate);
        // Like Node's, the timer does not keep the script waiting.
        native.unrefTimeout(function () {
            abortSignal(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
        }, Number(ms));
        return s;
    }
}
tag(AbortSignal, 'AbortSignal');

var abortSignal = function (s, reason) {
    if (s[kAborted]) { return; }
    s[kAborted] = true;
    s[kReason] = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    s.dispatchEvent(new Event('abort'));
};

class AbortController {
    constructor () { hidden(this, { _signal: new AbortSignal(kCreate) }); }
    get signal () { return this._signal; }
    abort (reason) { abortSignal(this._signal, reason); }
}
tag(AbortController, 'AbortController');
define('AbortSignal', AbortSignal);
define('AbortController', AbortController);

// queueMicrotask ---------------------------------------------------------------------------
define('queueMicrotask', function queueMicrotask (callback) {
    if (typeof callback !== 'function') { throw argType('callback', 'of type function', callback); }
    Promise.resolve().then(function () { callback(); });
});

// TextEncoder, TextDecoder -----------------------------------------------------------------
class TextEncoder {
    get encoding () { return 'utf-8'; }
    encode (input) {
        return new Uint8Array(native.encodeUTF8(input === undefined ? '' : String(input)));
    }
    encodeInto (src, dest) {
        if (!(dest instanceof Uint8Array)) { throw argType('dest', 'an instance of Uint8Array', dest); }
        src = String(src);
        var read = 0, written = 0;
        for (var cp of src) {
            var enc = native.encodeUTF8(cp);
            if (written + enc.byteLength > dest.length) { break; }
            dest.set(new Uint8Array(enc), written);
            written += enc.byteLength;
            read += cp.length;
        }
        return { read: read, written: written };
    }
}
tag(TextEncoder, 'TextEncoder');

var encodings = {
    'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
    'utf-16le': 'utf-16le', 'utf-16': 'utf-16le', 'utf-16be': 'utf-16be',
    latin1: 'windows-1252', 'iso-8859-1': 'windows-1252', 'windows-1252': 'windows-1252', ascii: 'windows-1252',
    'us-ascii': 'windows-1252'
};

class TextDecoder {
    constructor (label, options) {
        var key = label === undefined ? 'utf-8' : String(label).trim().toLowerCase();
        var enc = encodings[key];
        if (!enc) {
            var e = new RangeError('The "' + String(label) + '" encoding is not supported');
            e.code = 'ERR_ENCODING_NOT_SUPPORTED';
            throw e;
        }
        options = options || {};
        hidden(this, { _enc: enc, _fatal: !!options.fatal, _ignoreBOM: !!options.ignoreBOM, _pending: null });
    }
    get encoding () { return this._enc; }
    get fatal () { return this._fatal; }
    get ignoreBOM () { return this._ignoreBOM; }
    decode (input, options) {
        var u8 = input === undefined ? new Uint8Array(0) : new Uint8Array(native.copyBytes.apply(null, bytes(input, 'input')));
        if (this._pending) {
            var joined = new Uint8Array(this._pending.length + u8.length);
            joined.set(this._pending);
            joined.set(u8, this._pending.length);
            u8 = joined;
            this._pending = null;
        }
        if (options && options.stream && this._enc === 'utf-8') {
            var cut = incompleteTail(u8);
            if (cut > 0) { this._pending = u8.slice(u8.length - cut); u8 = u8.subarray(0, u8.length - cut); }
        }
        var text = native.decode(this._enc, u8.buffer, u8.byteOffset, u8.byteLength, this._fatal);
        if (text === null) {
            var e = new TypeError('The encoded data was not valid for encoding ' + this._enc);
            e.code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
            throw e;
        }
        if (!this._ignoreBOM && text.charCodeAt(0) === 0xFEFF) { text = text.slice(1); }
        return text;
    }
}
tag(TextDecoder, 'TextDecoder');

// incompleteTail counts the bytes at the end of u8 that start a UTF-8 sequence not yet complete.
var incompleteTail = function (u8) {
    for (var i = 1; i <= 3 && i <= u8.length; i++) {
        var c = u8[u8.length - i];
        if ((c & 0xC0) === 0x80) { continue; }
        var need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > i ? i : 0;
    }
    return 0;
};
define('TextEncoder', TextEncoder);
define('TextDecoder', TextDecoder);

// Blob, File --------------------------------------------------------------------------------
var kBytes = Symbol('bytes');
var encoder = new TextEncoder();

class Blob {
    constructor (parts, options) {
        parts = parts === undefined ? [] : parts;
        if (typeof parts !== 'object' || parts === null || typeof parts[Symbol.iterator] !== 'function') {
            throw argType('sources', 'a sequence', parts);
        }
        var chunks = [], size = 0;
        for (var p of parts) {
            var c;
            if (p instanceof Blob) { c = p[kBytes]; }
            else if (p instanceof ArrayBuffer) { c = new Uint8Array(p.slice(0)); }
            else if (ArrayBuffer.isView(p)) { c = new Uint8Array(native.copyBytes(p.buffer, p.byteOffset, p.byteLength)); }
            else { c = encoder.encode(String(p)); }
            chunks.push(c);
            size += c.length;
        }
        var all = new Uint8Array(size), at = 0;
        chunks.forEach(function (c) { all.set(c, at); at += c.length; });
        var type = options && options.type !== undefined ? String(options.type) : '';
        this[kBytes] = all;
        hidden(this, { _type: /[^\u0020-\u007E]/.test(type) ? '' : type.toLowerCase() });
    }
    get size () { return this[kBytes].length; }
    get type () { return this._type; }
    text () { return Promise.resolve(new TextDecoder().decode(this[kBytes])); }
    arrayBuffer () { return Promise.resolve(this[kBytes].slice().buffer); }
    bytes () { return Promise.resolve(this[kBytes].slice()); }
    stream () {
        var data = this[kBytes].slice();
        return new globalThis.ReadableStream({ start: function (c) { data.length && c.enqueue(data); c.close(); } });
    }
    slice (start, end, type) {
        var n = this.size;
        var rel = function (v, d) {
            if (v === undefined) { return d; }
            v = Math.trunc(Number(v)) || 0;
            return v < 0 ? Math.max(n + v, 0) : Math.min(v, n);
        };
        var b = new Blob([], { type: type });
        b[kBytes] = this[kBytes].slice(rel(start, 0), Math.max(rel(end, n), rel(start, 0)));
        return b;
    }
}
tag(Blob, 'Blob');

class File extends Blob {
    constructor (bits, name, options) {
        if (arguments.length < 2) { throw argType('fileName', 'specified', undefined); }
        super(bits, options);
        var lm = options && options.lastModified !== undefined ? Number(options.lastModified) : Date.now();
        hidden(this, { _name: String(name), _lastModified: Number.isNaN(lm) ? 0 : Math.trunc(lm) });
    }
    get name () { return this._name; }
    get lastModified () { return this._lastModified; }
}
tag(File, 'File');
define('Blob', Blob);
define('File', File);

// structuredClone ---------------------------------------------------------------------------
var cloneError = function (v) {
    return new DOMException((typeof v === 'symbol' ? v.toString() : String(v)) + ' could not be cloned.', 'DataCloneError');
};
var errorCtors = { Error: Error, EvalError: EvalError, RangeError: RangeError, ReferenceError: ReferenceError,
    SyntaxError: SyntaxError, TypeError: TypeError, URIError: URIError };

var clone = function (v, seen) {
    if (typeof v === 'function' || typeof v === 'symbol') { throw cloneError(v); }
    if (v === null || typeof v !== 'object') { return v; }
    if (seen.has(v)) { return seen.get(v); }
    var out, tagName = Object.prototype.toString.call(v).slice(8, -1);
    switch (tagName) {
        case 'Date': out = new Date(v.getTime()); seen.set(v, out); return out;
        case 'RegExp': out = new RegExp(v.source, v.flags); seen.set(v, out); return out;
        case 'Boolean': case 'Number': case 'String': case 'BigInt':
            out = Object(v.valueOf()); seen.set(v, out); return out;
        case 'ArrayBuffer': out = v.slice(0); seen.set(v, out); return out;
        case 'DataView': out = new DataView(clone(v.buffer, seen), v.byteOffset, v.byteLength); seen.set(v, out); return out;
        case 'Map':
            out = new Map(); seen.set(v, out);
            v.forEach(function (val, key) { out.set(clone(key, seen), clone(val, seen)); });
            return out;
        case 'Set':
            out = new Set(); seen.set(v, out);
            v.forEach(function (val) { out.add(clone(val, seen)); });
            return out;
        case 'Blob': case 'File':
            out = tagName === 'File' ? new File([v], v.name, { type: v.type, lastModified: v.lastModified }) :
                new Blob([v], { type: v.type });
            seen.set(v, out);
            return out;
        case 'Error': case 'DOMException':
            if (v instanceof DOMException) { out = new DOMException(v.message, v.name); }
            else {
                var C = errorCtors[v.name] || Error;
                out = new C(v.message);
                if (v.stack !== undefined) { hidden(out, { stack: v.stack }); }
            }
            seen.set(v, out);
            return out;
        case 'WeakMap': case 'WeakSet': case 'Promise': case 'WeakRef':
            throw cloneError('#<' + tagName + '>');
    }
    if (ArrayBuffer.isView(v)) {
        out = new v.constructor(clone(v.buffer, seen), v.byteOffset, v.length);
        seen.set(v, out);
        return out;
    }
    if (Array.isArray(v)) {
        out = new Array(v.length); seen.set(v, out);
        Object.keys(v).forEach(function (k) { out[k] = clone(v[k], seen); });
        return out;
    }
    if (v instanceof EventTarget || v instanceof Event) { throw cloneError('[object ' + tagName + ']'); }
    out = {}; seen.set(v, out);
    Object.keys(v).forEach(function (k) { out[k] = clone(v[k], seen); });
    return out;
};

define('structuredClone', function structuredClone (value) {
    if (arguments.length === 0) {
        var e = new TypeError('The "value" argument must be specified');
        e.code = 'ERR_MISSING_ARGS';
        throw e;
    }
    return clone(value, new Map());
});

// crypto --------------------------------------------------------------------------------------
var kKey = Symbol('key');
var hashName = function (h) {
    var n = typeof h === 'string' ? h : h && h.name;
    n = String(n).toUpperCase();
    if (['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'].indexOf(n) < 0) {
        throw new DOMException('Unrecognized algorithm name', 'NotSupportedError');
    }
    return n;
};
var algName = function (a) { return String(typeof a === 'string' ? a : a && a.name).toUpperCase(); };

class CryptoKey {
    constructor (key) { if (key !== kCreate) { throw new TypeError('Illegal constructor'); } }
    get type () { return this._type; }
    get extractable () { return this._extractable; }
    get algorithm () { return this._algorithm; }
    get usages () { return this._usages.slice(); }
}
tag(CryptoKey, 'CryptoKey');

var subtle = {
    digest: function (algorithm, data) {
        try {
            var name = hashName(algorithm);
            return Promise.resolve(native.digest.apply(null, [name].concat(bytes(data))));
        }
        catch (e) { return Promise.reject(e); }
    },
    importKey: function (format, keyData, algorithm, extractable, usages) {
        try {
            var an = algName(algorithm);
            if (ASYM[an]) { return Promise.resolve(importAsym(format, keyData, algorithm, an, extractable, usages)); }
            if (AES[an]) { return Promise.resolve(importAES(format, keyData, an, extractable, usages)); }
            if (an !== 'HMAC') {
                throw new DOMException('Unrecognized algorithm name', 'NotSupportedError');
            }
            if (format !== 'raw') {
                throw new DOMException('Unable to import HMAC key with format ' + format, 'NotSupportedError');
            }
            var raw = new Uint8Array(native.copyBytes.apply(null, bytes(keyData, 'keyData')));
            if (raw.length === 0) { throw new DOMException('Zero-length key is not supported', 'DataError'); }
            var hash = hashName(algorithm.hash);
            (usages || []).forEach(function (u) {
                if (u !== 'sign' && u !== 'verify') { throw new DOMException('Unsupported key usage for an HMAC key', 'SyntaxError'); }
            });
            var key = new CryptoKey(kCreate);
            hidden(key, { _type: 'secret', _extractable: !!extractable, _usages: (usages || []).slice(),
                _algorithm: { name: 'HMAC', length: algorithm.length || raw.length * 8, hash: { name: hash } } });
            key[kKey] = raw;
            return Promise.resolve(key);
        }
        catch (e) { return Promise.reject(e); }
    },
    exportKey: function (format, key) {
        if (!(key instanceof CryptoKey)) { return Promise.reject(argType('key', 'an instance of CryptoKey', key)); }
        if (!key.extractable) { return Promise.reject(new DOMException('key is not extractable', 'InvalidAccessError')); }
        if (format !== 'raw') { return Promise.reject(new DOMException('Unsupported export format', 'NotSupportedError')); }
        return Promise.resolve(key[kKey].slice().buffer);
    },
    sign: function (algorithm, key, data) {
        try {
            var k = checkKey(algorithm, key, 'sign');
            if (key[kHandle] !== undefined) {
                return Promise.resolve(native.asymSign(key[kHandle], key.algorithm.name, asymHash(algorithm, key),
                    saltLength(algorithm), copy(data)));
            }
            return Promise.resolve(native.hmac.apply(null, [key.algorithm.hash.name].concat(bytes(k), bytes(data))));
        }
        catch (e) { return Promise.reject(e); }
    },
    encrypt: function (algorithm, key, data) { return aesOp(algorithm, key, data, false); },
    decrypt: function (algorithm, key, data) { return aesOp(algorithm, key, data, true); },
    verify: function (algorithm, key, signature, data) {
        try {
            var k = checkKey(algorithm, key, 'verify');
            if (key[kHandle] !== undefined) {
                return Promise.resolve(native.asymVerify(key[kHandle], key.algorithm.name, asymHash(algorithm, key),
                    saltLength(algorithm), copy(signature), copy(data)));
            }
            var mac = native.hmac.apply(null, [key.algorithm.hash.name].concat(bytes(k), bytes(data)));
            return Promise.resolve(native.equal.apply(null, [mac, 0, mac.byteLength].concat(bytes(signature, 'signature'))));
        }
        catch (e) { return Promise.reject(e); }
    }
};

var checkKey = function (algorithm, key, usage) {
    if (!(key instanceof CryptoKey)) { throw argType('key', 'an instance of CryptoKey', key); }
    if (algName(algorithm) !== key.algorithm.name.toUpperCase()) {
        throw new DOMException('Unable to use this key with this algorithm', 'InvalidAccessError');
    }
    if (key.usages.indexOf(usage) < 0) {
        throw new DOMException('Unable to use this key to ' + usage, 'InvalidAccessError');
    }
    return key[kKey];
};

// Asymmetric and AES keys live in Go (webcrypto.go); their CryptoKey holds a handle.
var kHandle = Symbol('handle');
var ASYM = { 'RSASSA-PKCS1-V1_5': 'RSASSA-PKCS1-v1_5', 'RSA-PSS': 'RSA-PSS', ECDSA: 'ECDSA' };
var AES = { 'AES-GCM': 'AES-GCM', 'AES-CBC': 'AES-CBC' };
var copy = function (src, what) { return native.copyBytes.apply(null, bytes(src, what)); };
var asymHash = function (algorithm, key) {
    // ECDSA names its hash in the operation; RSA keys carry theirs.
    return key.algorithm.name === 'ECDSA' ? hashName(algorithm && algorithm.hash) : key.algorithm.hash.name;
};
var saltLength = function (algorithm) { return algorithm && algorithm.saltLength !== undefined ? Number(algorithm.saltLength) : 0; };
var makeKey = function (type, extractable, usages, algorithm, handle) {
    var key = new CryptoKey(kCreate);
    hidden(key, { _type: type, _extractable: !!extractable, _usages: (usages || []).slice(), _algorithm: algorithm });
    key[kHandle] = handle;
    return key;
};
var importAsym = function (format, keyData, algorithm, an, extractable, usages) {
    var info = native.importAsym(format, an, copy(keyData, 'keyData'));
    var alg = { name: ASYM[an] };
    if (an === 'ECDSA') {
        var curve = String(algorithm.namedCurve);
        if (curve !== info.namedCurve) { throw new DOMException('Named curve mismatch', 'DataError'); }
        alg.namedCurve = curve;
    }
    else {
        alg.modulusLength = info.modulusLength;
        alg.publicExponent = new Uint8Array(info.publicExponent);
        alg.hash = { name: hashName(algorithm.hash) };
    }
    var allowed = info.type === 'private' ? ['sign'] : ['verify'];
    (usages || []).forEach(function (u) {
        if (allowed.indexOf(u) < 0) { throw new DOMException('Unsupported key usage for a ' + ASYM[an] + ' key', 'SyntaxError'); }
    });
    return makeKey(info.type, extractable, usages, alg, info.handle);
};
var importAES = function (format, keyData, an, extractable, usages) {
    if (format !== 'raw') { throw new DOMException('Unable to import ' + AES[an] + ' key with format ' + format, 'NotSupportedError'); }
    var raw = copy(keyData, 'keyData');
    var handle = native.importAES(raw);
    (usages || []).forEach(function (u) {
        if (['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'].indexOf(u) < 0) {
            throw new DOMException('Unsupported key usage for an AES key', 'SyntaxError');
        }
    });
    return makeKey('secret', extractable, usages, { name: AES[an], length: raw.byteLength * 8 }, handle);
};
var aesOp = function (algorithm, key, data, decrypt) {
    try {
        checkKey(algorithm, key, decrypt ? 'decrypt' : 'encrypt');
        var an = algName(algorithm);
        var iv = copy(algorithm.iv, 'iv');
        var ad = algorithm.additionalData !== undefined ? copy(algorithm.additionalData, 'additionalData') : new ArrayBuffer(0);
        var tagLength = algorithm.tagLength !== undefined ? Number(algorithm.tagLength) : 128;
        return Promise.resolve(native.aes(key[kHandle], an, iv, ad, tagLength, copy(data), decrypt));
    }
    catch (e) { return Promise.reject(e); }
};

class SubtleCrypto {
    constructor (key) { if (key !== kCreate) { throw new TypeError('Illegal constructor'); } }
}
Object.keys(subtle).forEach(function (k) { hidden(SubtleCrypto.prototype, { [k]: subtle[k] }); });
tag(SubtleCrypto, 'SubtleCrypto');

var integerArrays = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];

class Crypto {
    constructor (key) { if (key !== kCreate) { throw new TypeError('Illegal constructor'); } }
    get subtle () { return subtleInstance; }
    getRandomValues (array) {
        var t = ArrayBuffer.isView(array) && Object.prototype.toString.call(array).slice(8, -1);
        if (!t || integerArrays.indexOf(t) < 0) {
            throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
        }
        if (array.byteLength > 65536) {
            throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
        }
        native.randomFill(array.buffer, array.byteOffset, array.byteLength);
        return array;
    }
    randomUUID () { return native.randomUUID(); }
}
tag(Crypto, 'Crypto');
var subtleInstance = new SubtleCrypto(kCreate);
define('crypto', new Crypto(kCreate));
define('Crypto', Crypto);
define('CryptoKey', CryptoKey);
define('SubtleCrypto', SubtleCrypto);

// require('buffer') as Postman's sandbox has it ------------------------------------------------
var kStringMaxLength = (1 << 28) - 16;
var notImplemented = function () { throw new Error('Not implemented'); };
var bm = bufferModule;
[['kStringMaxLength', kStringMaxLength],
    ['constants', { MAX_LENGTH: bm.kMaxLength, MAX_STRING_LENGTH: kStringMaxLength }],
    ['File', File], ['Blob', Blob], ['atob', globalThis.atob], ['btoa', globalThis.btoa],
    ['isAscii', notImplemented], ['isUtf8', notImplemented], ['resolveObjectURL', notImplemented],
    ['transcode', notImplemented]].forEach(function (p) {
    Object.defineProperty(bm, p[0], { value: p[1], writable: true, configurable: true, enumerable: true });
});

// The Buffer class has the static members of Node's (Buffer.of, Buffer.copyBytesFrom), not the
// npm package's TYPED_ARRAY_SUPPORT flag, as postman-sandbox's own tests check.
(function (B) {
    delete B.TYPED_ARRAY_SUPPORT;
    var hidden = function (name, fn) {
        Object.defineProperty(B, name, { value: fn, writable: true, configurable: true, enumerable: false });
    };
    hidden('of', function of () { return B.from(Array.prototype.slice.call(arguments)); });
    hidden('copyBytesFrom', function copyBytesFrom (view, offset, length) {
        if (!ArrayBuffer.isView(view) || view instanceof DataView) {
            throw new TypeError('The "view" argument must be an instance of TypedArray.');
        }
        var size = view.BYTES_PER_ELEMENT || 1;
        var start = offset === undefined ? 0 : Number(offset);
        var end = length === undefined ? view.length : Math.min(view.length, start + Number(length));
        if (start >= view.length || end <= start) { return B.alloc(0); }
        return B.from(new Uint8Array(view.buffer, view.byteOffset + start * size, (end - start) * size).slice());
    });
}(bm.Buffer));

// import() (see dynimport.go): rejected as V8 does when no import callback is set.
define('__imp_', function () {
    var e = new TypeError('A dynamic import callback was not specified.');
    e.code = 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING';
    return Promise.reject(e);
});

// Error.prepareStackTrace is fixed, as in Postman's sandbox: scripts cannot replace it.
Object.defineProperty(Error, 'prepareStackTrace', {
    value: function prepareStackTrace (error, frames) {
        var head = (error && error.name || 'Error') + ': ' + (error && error.message);
        return [head].concat((frames || []).map(function (f) { return '    at ' + f; })).join('\n');
    },
    writable: false, configurable: false, enumerable: false
});

// Buffer#toString: a string longer than the sandbox's kStringMaxLength fails at once, as
// in Node (instead of minutes of work and the memory limit), and UTF-8 is decoded in Go
// (WHATWG replacement of bad bytes, as Node's decoder does).
(function () {
    var B = bm.Buffer, jsToString = B.prototype.toString;
    var outLength = function (enc, n) {
        switch (String(enc === undefined ? 'utf8' : enc).toLowerCase()) {
            case 'hex': return 2 * n;
            case 'base64': case 'base64url': return Math.ceil(n / 3) * 4;
            case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return Math.floor(n / 2);
            default: return n;
        }
    };
    Object.defineProperty(B.prototype, 'toString', {
        writable: true, configurable: true, enumerable: false,
        value: function toString (encoding, start, end) {
            var len = this.length;
            var s = start === undefined ? 0 : Math.max(0, Math.min(len, Math.trunc(Number(start)) || 0));
            var e = end === undefined ? len : Math.max(0, Math.min(len, Math.trunc(Number(end)) || 0));
            var n = Math.max(0, e - s);
            if (outLength(encoding, n) > kStringMaxLength) {
                var err = new Error('Cannot create a string longer than 0x' + kStringMaxLength.toString(16) + ' characters');
                err.code = 'ERR_STRING_TOO_LONG';
                throw err;
            }
            var enc = encoding === undefined ? 'utf8' : String(encoding).toLowerCase();
            if ((enc === 'utf8' || enc === 'utf-8') && arguments.length <= 3) {
                return n === 0 ? '' : native.decode('utf-8', this.buffer, this.byteOffset + s, n, false);
            }
            return jsToString.apply(this, arguments);
        }
    });
    // Filling with a byte and encoding UTF-8 are native loops, not JavaScript ones.
    var jsFill = B.prototype.fill;
    Object.defineProperty(B.prototype, 'fill', {
        writable: true, configurable: true, enumerable: false,
        value: function fill (val, start, end) {
            if (typeof val === 'string' && val.length === 1 && val.charCodeAt(0) < 128) { val = val.charCodeAt(0); }
            if (typeof val === 'number' && arguments.length <= 3 &&
                (start === undefined || typeof start === 'number') && (end === undefined || typeof end === 'number')) {
                var len = this.length;
                var s = start === undefined ? 0 : start, e = end === undefined ? len : end;
                if (s < 0 || e > len) { return jsFill.apply(this, arguments); } // its RangeError
                Uint8Array.prototype.fill.call(this, val & 255, s, e);
                return this;
            }
            return jsFill.apply(this, arguments);
        }
    });
    var jsFrom = B.from;
    Object.defineProperty(B, 'from', {
        writable: true, configurable: true, enumerable: false,
        value: function from (value, encodingOrOffset, length) {
            if (typeof value === 'string' && (encodingOrOffset === undefined ||
                /^utf-?8$/i.test(String(encodingOrOffset)))) {
                return jsFrom.call(B, native.encodeUTF8(value));
            }
            return jsFrom.apply(B, arguments);
        }
    });
})();

// WHATWG Streams (webstreams.go): the classes load on first use.
(function () {
    var names = ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
        'ReadableStreamDefaultController', 'ReadableByteStreamController', 'WritableStream', 'WritableStreamDefaultWriter',
        'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController',
        'ByteLengthQueuingStrategy', 'CountQueuingStrategy'];
    var loaded = null;
    var load = function () {
        if (!loaded) {
            loaded = native.webStreams();
            names.forEach(function (n) { define(n, loaded[n]); });
            defineTextStreams(loaded.TransformStream);
        }
        return loaded;
    };
    var lazy = function (n, make) {
        Object.defineProperty(globalThis, n, {
            configurable: true, enumerable: false,
            get: function () { return make(); },
            set: function (v) { define(n, v); }
        });
    };
    names.forEach(function (n) { lazy(n, function () { return load()[n]; }); });
    ['TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream'].forEach(function (n) {
        lazy(n, function () { load(); return globalThis[n]; });
    });

    var defineTextStreams = function (TransformStream) {
        class TextEncoderStream {
            constructor () {
                var enc = new TextEncoder();
                var t = new TransformStream({ transform: function (chunk, c) {
                    var b = enc.encode(String(chunk));
                    b.length && c.enqueue(b);
                } });
                hidden(this, { _t: t });
            }
            get encoding () { return 'utf-8'; }
            get readable () { return this._t.readable; }
            get writable () { return this._t.writable; }
        }
        tag(TextEncoderStream, 'TextEncoderStream');
        class TextDecoderStream {
            constructor (label, options) {
                var dec = new TextDecoder(label, options);
                var t = new TransformStream({
                    transform: function (chunk, c) { var s = dec.decode(chunk, { stream: true }); s && c.enqueue(s); },
                    flush: function (c) { var s = dec.decode(); s && c.enqueue(s); }
                });
                hidden(this, { _t: t, _dec: dec });
            }
            get encoding () { return this._dec.encoding; }
            get fatal () { return this._dec.fatal; }
            get ignoreBOM () { return this._dec.ignoreBOM; }
            get readable () { return this._t.readable; }
            get writable () { return this._t.writable; }
        }
        tag(TextDecoderStream, 'TextDecoderStream');
        var formats = ['gzip', 'deflate', 'deflate-raw'];
        var zipStream = function (name, decompress) {
            var C = class {
                constructor (format) {
                    if (formats.indexOf(format) < 0) {
                        var e = new TypeError('The provided value \'' + format + '\' is not a valid enum value of type CompressionFormat.');
                        e.code = 'ERR_INVALID_ARG_VALUE';
                        throw e;
                    }
                    var chunks = [];
                    var t = new TransformStream({
                        transform: function (chunk) { chunks.push(new Uint8Array(native.copyBytes.apply(null, bytes(chunk, 'chunk')))); },
                        flush: function (c) {
                            var n = chunks.reduce(function (a, b) { return a + b.length; }, 0), all = new Uint8Array(n), at = 0;
                            chunks.forEach(function (b) { all.set(b, at); at += b.length; });
                            c.enqueue(new Uint8Array(native.compress(format, all.buffer, 0, n, decompress)));
                        }
                    });
                    hidden(this, { _t: t });
                }
                get readable () { return this._t.readable; }
                get writable () { return this._t.writable; }
            };
            Object.defineProperty(C, 'name', { value: name });
            tag(C, name);
            return C;
        };
        define('TextEncoderStream', TextEncoderStream);
        define('TextDecoderStream', TextDecoderStream);
        define('CompressionStream', zipStream('CompressionStream', false));
        define('DecompressionStream', zipStream('DecompressionStream', true));
    };
})();
