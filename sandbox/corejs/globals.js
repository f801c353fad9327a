// Script-visible globals that need no Go: a process stub (never the host's environment).
// This file is the body of a function (host).
'use strict';

var proc = {
    env: {},
    argv: [],
    platform: 'browser',
    browser: true,
    version: '',
    versions: {},
    nextTick: function (fn) {
        var args = Array.prototype.slice.call(arguments, 1);
        Promise.resolve().then(function () { fn.apply(null, args); });
    },
    cwd: function () { return '/'; }
};
Object.defineProperty(globalThis, 'process', { value: proc, writable: true, configurable: true });

// Errors serialise as {type, name, message} (postman-sandbox's Error#toJSON): an enumerable,
// anonymous prototype method, so own properties such as code or stack are left out.
Error.prototype.toJSON = function () {
    return { type: 'Error', name: this.name, message: this.message };
};
