// Go fast paths for crypto-js 3.3.0 (see cryptojs_native.go). C is the loaded crypto-js
// module, N the Go functions. Each replacement calls N first and, when N answers null (an
// input it does not reproduce bit for bit), runs crypto-js's own function unchanged.
(function (C, N) {
    'use strict';
    var lib = C && C.lib, algo = C && C.algo, enc = C && C.enc;
    if (!lib || !lib.WordArray || !algo || !enc || !lib.BufferedBlockAlgorithm) { return; }
    N.setWordArray(lib.WordArray);

    // Hashers: buffer every update and hash the whole message natively on finalize.
    var BBA = lib.BufferedBlockAlgorithm, bbaProcess = BBA._process;
    var names = ['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3', 'RIPEMD160'];
    var hashers = [];
    names.forEach(function (name, id) {
        var H = algo[name];
        if (!H || typeof H._doFinalize !== 'function') { return; }
        hashers[id] = H;
        var block = H._doProcessBlock, fin = H._doFinalize;
        H._process = function (doFlush) {
            if (this._jsFinalize || this._doProcessBlock !== block) { return bbaProcess.call(this, doFlush); }
        };
        H._doFinalize = function () {
            if (this._jsFinalize) { return fin.call(this); }
            if (this._doProcessBlock === block) {
                var r = N.hash(id, this._data, this.cfg && this.cfg.outputLength);
                if (r) { return r; }
            }
            this._jsFinalize = true;
            try {
                bbaProcess.call(this);
                return fin.call(this);
            } finally {
                delete this._jsFinalize;
            }
        };
        var helper = C[name];
        if (typeof helper === 'function') {
            C[name] = function (message, cfg) {
                var r = N.hash(id, message, cfg && cfg.outputLength);
                return r || helper.apply(this, arguments);
            };
        }
        var hmacHelper = C['Hmac' + name];
        if (typeof hmacHelper === 'function') {
            C['Hmac' + name] = function (message, key) {
                return N.hmac(id, message, key) || hmacHelper.apply(this, arguments);
            };
        }
    });

    // Key derivation.
    [['PBKDF2', N.pbkdf2], ['EvpKDF', N.evpkdf]].forEach(function (k) {
        var K = algo[k[0]], native = k[1];
        if (!K || typeof K.compute !== 'function') { return; }
        var compute = K.compute;
        K.compute = function (password, salt) {
            var cfg = this.cfg, h = hashers.indexOf(cfg.hasher);
            return (h >= 0 && native(h, password, salt, cfg.keySize, cfg.iterations)) || compute.apply(this, arguments);
        };
    });

    // Block ciphers: AES, DES, TripleDES in CBC/ECB/CTR/OFB/CFB with Pkcs7/NoPadding/ZeroPadding.
    var SC = lib.SerializableCipher, CP = lib.CipherParams, mode = C.mode || {}, pad = C.pad || {};
    if (SC && CP) {
        var ciphers = [algo.AES, algo.DES, algo.TripleDES];
        var modes = [mode.CBC, mode.ECB, mode.CTR, mode.OFB, mode.CFB];
        var pads = [pad.Pkcs7, pad.NoPadding, pad.ZeroPadding];
        var scEncrypt = SC.encrypt, scDecrypt = SC.decrypt;
        SC.encrypt = function (cipher, message, key, cfg) {
            var c = cipher ? ciphers.indexOf(cipher) : -1;
            if (c >= 0) {
                var ecfg = this.cfg.extend(cfg), ccfg = cipher.cfg.extend(ecfg);
                var r = N.cipher(true, c, modes.indexOf(ccfg.mode), pads.indexOf(ccfg.padding), message, key, ccfg.iv);
                if (r) {
                    return CP.create({
                        ciphertext: r, key: key, iv: ccfg.iv, algorithm: cipher, mode: ccfg.mode,
                        padding: ccfg.padding, blockSize: cipher.blockSize, formatter: ecfg.format
                    });
                }
            }
            return scEncrypt.apply(this, arguments);
        };
        SC.decrypt = function (cipher, ciphertext, key, cfg) {
            var c = cipher ? ciphers.indexOf(cipher) : -1;
            if (c < 0) { return scDecrypt.apply(this, arguments); }
            var ecfg = this.cfg.extend(cfg);
            var params = this._parse(ciphertext, ecfg.format);
            var ccfg = cipher.cfg.extend(ecfg);
            var r = N.cipher(false, c, modes.indexOf(ccfg.mode), pads.indexOf(ccfg.padding), params.ciphertext, key, ccfg.iv);
            return r || cipher.createDecryptor(key, ecfg).finalize(params.ciphertext);
        };
    }

    // Encoders.
    function wrap(obj, method, native) {
        var orig = obj && obj[method];
        if (typeof orig !== 'function') { return; }
        obj[method] = function (x) {
            var r = native(x);
            return r === null ? orig.apply(this, arguments) : r;
        };
    }
    wrap(enc.Hex, 'stringify', N.hexStringify);
    wrap(enc.Hex, 'parse', N.hexParse);
    wrap(enc.Latin1, 'stringify', N.latin1Stringify);
    wrap(enc.Latin1, 'parse', N.latin1Parse);
    wrap(enc.Utf8, 'stringify', N.utf8Stringify);
    wrap(enc.Utf8, 'parse', N.utf8Parse);
    var B64 = enc.Base64, map = B64 && B64._map;
    if (B64 && typeof B64.stringify === 'function' && typeof B64.parse === 'function') {
        var b64s = B64.stringify, b64p = B64.parse;
        B64.stringify = function (wordArray) {
            if (this._map === map && wordArray && typeof wordArray.clamp === 'function') {
                var r = N.b64Stringify(wordArray);
                if (r !== null) { wordArray.clamp(); return r; }
            }
            return b64s.apply(this, arguments);
        };
        B64.parse = function (base64Str) {
            return (this._map === map && N.b64Parse(base64Str)) || b64p.apply(this, arguments);
        };
    }
})
