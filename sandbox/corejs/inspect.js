// Node-like value formatting for console.* (a small subset of util.inspect and util.format).
// This file is the body of a function returning { inspect, format }.
'use strict';

var IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
var BREAK = 80;

function quote(s) {
    var q = "'";
    if (s.indexOf("'") !== -1) {
        if (s.indexOf('"') === -1) { q = '"'; } else if (s.indexOf('`') === -1) { q = '`'; }
    }
    var out = '';
    for (var i = 0; i < s.length; i++) {
        var c = s[i];
        if (c === q || c === '\\') { out += '\\' + c; }
        else if (c === '\n') { out += '\\n'; }
        else if (c === '\t') { out += '\\t'; }
        else if (c === '\r') { out += '\\r'; }
        else if (c < ' ') { out += '\\x' + ('0' + c.charCodeAt(0).toString(16)).slice(-2); }
        else { out += c; }
    }
    return q + out + q;
}

function fnName(f) {
    var src = '';
    try { src = Function.prototype.toString.call(f); } catch (e) { src = ''; }
    var isClass = /^class[\s{]/.test(src);
    var name = f.name;
    if (isClass) { return '[class ' + (name || '(anonymous)') + ']'; }
    var kind = 'Function';
    if (/^async\s/.test(src)) { kind = 'AsyncFunction'; }
    else if (/^function\s*\*/.test(src)) { kind = 'GeneratorFunction'; }
    return '[' + kind + (name ? ': ' + name : ' (anonymous)') + ']';
}

function ctorName(o) {
    var proto = Object.getPrototypeOf(o);
    if (proto === null) { return null; }
    var c = proto.constructor;
    return (typeof c === 'function' && c.name) ? c.name : '';
}

function key(k) {
    if (typeof k === 'symbol') { return '[' + k.toString() + ']'; }
    return IDENT.test(k) ? k : quote(k);
}

function errorText(e) {
    var stack = e.stack;
    var head = String(e.name || 'Error') + (e.message ? ': ' + e.message : '');
    if (typeof stack === 'string' && stack.length) {
        return stack.replace(/\t/g, '    ');
    }
    return head;
}

function join(open, parts, close, indent) {
    if (parts.length === 0) { return open + close; }
    var total = parts.length + indent + open.length + 10;
    var multi = false;
    for (var i = 0; i < parts.length; i++) {
        total += parts[i].length;
        if (parts[i].indexOf('\n') !== -1) { multi = true; }
    }
    if (!multi && total <= BREAK) {
        return open + ' ' + parts.join(', ') + ' ' + close;
    }
    var pad = '\n' + ' '.repeat(indent + 2);
    return open + pad + parts.join(',' + pad) + '\n' + ' '.repeat(indent) + close;
}

function inspect(v, opts) {
    var depthMax = (opts && opts.depth !== undefined) ? opts.depth : 2;
    var seen = [];
    var circular = null;

    function fmt(v, depth, indent, top) {
        switch (typeof v) {
        case 'string': return top ? v : quote(v);
        case 'number': return (v === 0 && 1 / v < 0) ? '-0' : String(v);
        case 'bigint': return String(v) + 'n';
        case 'boolean': return String(v);
        case 'undefined': return 'undefined';
        case 'symbol': return v.toString();
        case 'function': return fnName(v);
        }
        if (v === null) { return 'null'; }
        if (seen.indexOf(v) !== -1) {
            if (!circular) { circular = v; }
            return '[Circular *1]';
        }
        if (v instanceof Error) { return errorText(v); }
        if (v instanceof Date) { return isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString(); }
        if (v instanceof RegExp) { return String(v); }
        if (typeof Promise === 'function' && v instanceof Promise) { return 'Promise { <unknown> }'; }
        var isArr = Array.isArray(v);
        var name = ctorName(v);
        if (depth > depthMax) {
            if (isArr) { return '[Array]'; }
            return '[' + (name || 'Object') + ']';
        }
        seen.push(v);
        var parts = [], open, close = '}';
        try {
            if (isArr) {
                var n = Math.min(v.length, 100);
                for (var i = 0; i < n; i++) {
                    parts.push(i in v ? fmt(v[i], depth + 1, indent + 2) : '<1 empty item>');
                }
                if (v.length > 100) { parts.push('... ' + (v.length - 100) + ' more items'); }
                open = (name && name !== 'Array') ? name + '(' + v.length + ') [' : '[';
                close = ']';
            } else if (v instanceof Map) {
                v.forEach(function (val, k) {
                    parts.push(fmt(k, depth + 1, indent + 2) + ' => ' + fmt(val, depth + 1, indent + 2));
                });
                open = 'Map(' + v.size + ') {';
            } else if (v instanceof Set) {
                v.forEach(function (val) { parts.push(fmt(val, depth + 1, indent + 2)); });
                open = 'Set(' + v.size + ') {';
            } else {
                open = name === null ? '[Object: null prototype] {' :
                    (name && name !== 'Object' ? name + ' {' : '{');
            }
            if (!isArr || Object.keys(v).length !== v.length) {
                var keys = Object.keys(v);
                for (var j = 0; j < keys.length; j++) {
                    var k = keys[j];
                    if (isArr && String(k >>> 0) === k) { continue; }
                    var val;
                    try { val = v[k]; } catch (e) { val = '[Getter]'; }
                    parts.push(key(k) + ': ' + fmt(val, depth + 1, indent + 2));
                }
            }
        } finally {
            seen.pop();
        }
        return join(open, parts, close, indent);
    }

    var out = fmt(v, 0, 0, !(opts && opts.quoteStrings));
    if (circular !== null && circular === v) { out = '<ref *1> ' + out; }
    return out;
}

function format(args) {
    if (args.length === 0) { return ''; }
    var first = args[0];
    var out = '', a = 1;
    if (typeof first === 'string') {
        if (first.indexOf('%') === -1) {
            out = first;
        } else {
            for (var i = 0; i < first.length; i++) {
                var c = first[i];
                if (c !== '%' || i + 1 >= first.length) { out += c; continue; }
                var d = first[i + 1];
                if (d === '%') { out += '%'; i++; continue; }
                if ('sdifjoOc'.indexOf(d) === -1) { out += c; continue; }
                i++;
                if (d === 'c') { a++; continue; }
                if (a >= args.length) { out += '%' + d; continue; }
                var x = args[a++];
                switch (d) {
                case 's':
                    out += typeof x === 'string' ? x :
                        (typeof x === 'object' && x !== null ? inspect(x, { depth: 1, quoteStrings: true }) :
                            (typeof x === 'bigint' ? x + 'n' : inspect(x)));
                    break;
                case 'd':
                    out += typeof x === 'bigint' ? x + 'n' : (typeof x === 'object' && x !== null ? 'NaN' : inspect(Number(x)));
                    break;
                case 'i':
                    out += typeof x === 'bigint' ? x + 'n' : inspect(parseInt(x, 10));
                    break;
                case 'f':
                    out += inspect(parseFloat(x));
                    break;
                case 'j':
                    try { out += JSON.stringify(x); } catch (e) { out += '[Circular]'; }
                    break;
                default:
                    out += inspect(x, { depth: 4, quoteStrings: true });
                }
            }
        }
    } else {
        out = inspect(first);
    }
    for (; a < args.length; a++) {
        out += ' ' + inspect(args[a]);
    }
    return out;
}

return { inspect: inspect, format: format };
