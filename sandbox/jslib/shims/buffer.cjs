// Bundles other than buffer itself share the Buffer the sandbox installs on
// globalThis at startup (built from the buffer bundle).
'use strict';

var B = globalThis.Buffer;

module.exports = {
  Buffer: B,
  SlowBuffer: function (n) { return B.alloc(n); },
  INSPECT_MAX_BYTES: 50,
  kMaxLength: 0x7fffffff,
};
