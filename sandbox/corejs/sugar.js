// Sugar.js's replacements of natives, until Sugar is installed (see sugar.go). Sugar replaces
// a few natives with versions that accept more (a property name for map, a callback for
// Object.keys, a case flag for startsWith): until it is installed, these run the native
// unless called in a way only Sugar understands, which installs Sugar first. This file is
// the body of a function (host) returning restore(), which puts the natives back (called
// just before Sugar runs).
'use strict';

var installed = false;
var natives = []; // [target, name, descriptor] of the natives wrapped below

function wrapNative(target, name, needsSugar) {
    var desc = Object.getOwnPropertyDescriptor(target, name), native = desc && desc.value;
    if (typeof native !== 'function') { return; }
    var wrapper = function () {
        if (!installed && needsSugar(arguments)) { host.installSugar(); }
        var fn = installed ? target[name] : native;
        return (fn === wrapper ? native : fn).apply(this, arguments);
    };
    Object.defineProperty(wrapper, 'name', { value: name, configurable: true });
    Object.defineProperty(wrapper, 'length', { value: native.length, configurable: true });
    natives.push([target, name, desc]);
    Object.defineProperty(target, name, { value: wrapper, writable: desc.writable, enumerable: desc.enumerable, configurable: true });
}

function notAFunction(args) { return typeof args[0] !== 'function'; }
['map', 'filter', 'some', 'every'].forEach(function (name) { wrapNative(Array.prototype, name, notAFunction); });
wrapNative(Object, 'keys', function (args) { return args.length > 1; });
['startsWith', 'endsWith'].forEach(function (name) {
    wrapNative(String.prototype, name, function (args) { return args.length > 1 || args[0] instanceof RegExp; });
});

return function restore() {
    installed = true;
    natives.forEach(function (n) { Object.defineProperty(n[0], n[1], n[2]); });
    natives = null;
};
