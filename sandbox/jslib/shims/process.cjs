// A safe stand-in for Node's process object. It never exposes the host:
// no real environment, arguments, paths or exit.
'use strict';

function nextTick(fn) {
  var args = Array.prototype.slice.call(arguments, 1);
  var run = function () { fn.apply(undefined, args); };
  if (typeof setTimeout === 'function') {
    setTimeout(run, 0);
  } else {
    Promise.resolve().then(run);
  }
}

function noop() {}

module.exports = {
  title: 'browser',
  browser: true,
  env: {},
  argv: [],
  version: '',
  versions: {},
  platform: 'browser',
  nextTick: nextTick,
  cwd: function () { return '/'; },
  emitWarning: noop,
};
