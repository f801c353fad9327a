// The global JSON of Postman's sandbox: liquid-json's parse and stringify. parse skips a
// byte order mark and, when the engine's parser rejects the text, throws a JSONError whose
// message locates the problem with a code frame (model.parseJSON); valid JSON costs one
// native parse. stringify is the engine's, its errors renamed JSONError. This file is the
// body of a function (model) run once per runtime.
'use strict';

var nativeJSON = JSON;

var liquid = {
    parse: function parse(text, reviver, strict) {
        if (typeof reviver === 'boolean' && strict === null) {
            strict = reviver;
            reviver = null;
        }
        return model.parseJSON(text, reviver, strict);
    },
    stringify: function stringify(value, replacer, space) {
        try {
            return nativeJSON.stringify(value, replacer, space);
        }
        catch (e) {
            if (e !== null && typeof e === 'object') { e.name = 'JSONError'; }
            throw e;
        }
    }
};

Object.defineProperty(globalThis, 'JSON', { value: liquid, writable: true, configurable: true, enumerable: false });
