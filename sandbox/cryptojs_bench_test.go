package sandbox

import (
	"context"
	"testing"

	"github.com/dop251/goja"
)

// The pre-request scripts of bench's heavy, aes and digest scenarios (issue 14).
const (
	benchHeavyScript = `const lodash = require('lodash');
const cryptojs = require('crypto-js');
pm.variables.set('client', 'pmbench');
pm.variables.set('reqId', '42');
const reqId = lodash.join([pm.variables.get('client'), pm.variables.get('reqId')], '-');
const payload = lodash.map(lodash.range(20), function (i) { return { i: i, sq: i * i, tag: lodash.padStart(String(i), 4, '0') }; });
const body = JSON.stringify(lodash.sortBy(payload, 'tag'));
const sig = cryptojs.HmacSHA256(body + reqId, 'bench-secret').toString(cryptojs.enc.Hex);
pm.variables.set('sig', sig);
pm.request.headers.add({ key: 'X-Signature', value: sig });`

	benchAESScript = `const cjs = require('crypto-js');
const tag = 'pmbench-42';
const key = cjs.enc.Utf8.parse('0123456789abcdef0123456789abcdef');
const iv = cjs.enc.Utf8.parse('abcdef9876543210');
const token = JSON.stringify({ tag: tag, ts: 1700000000, scope: ['read', 'write'] });
const sealed = cjs.AES.encrypt(token, key, { iv: iv }).toString();
const opened = cjs.AES.decrypt(sealed, key, { iv: iv }).toString(cjs.enc.Utf8);
const locked = cjs.AES.encrypt(tag, 'bench-secret').toString();
const unlocked = cjs.AES.decrypt(locked, 'bench-secret').toString(cjs.enc.Utf8);
if (opened !== token || unlocked !== tag) { throw new Error('AES round trip failed'); }
pm.variables.set('sealed', sealed);`

	benchDigestScript = `const tag = 'pmbench-42';
const md5 = CryptoJS.MD5(tag).toString();
const sha1 = CryptoJS.SHA1(tag + md5).toString(CryptoJS.enc.Base64);
const sha512 = CryptoJS.SHA512(sha1).toString(CryptoJS.enc.Hex);
pm.variables.set('digest', CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(tag + ':' + sha512.slice(0, 16))));`
)

// BenchmarkScriptCrypto runs each crypto pre-request script in a warm sandbox.
func BenchmarkScriptCrypto(b *testing.B) {
	for _, bc := range []struct{ name, src string }{
		{"heavy-signing", benchHeavyScript},
		{"aes", benchAESScript},
		{"digest", benchDigestScript},
	} {
		b.Run(bc.name, func(b *testing.B) {
			sb, err := New(Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer sb.Close()
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if res := sb.Run(ctx, newExec("prerequest", bc.src)); res.Err != nil {
					b.Fatal(res.Err)
				}
			}
		})
	}
}

// BenchmarkCryptoJS compares crypto-js as shipped ("pure") with the native fast paths on
// the calls the scenarios make.
func BenchmarkCryptoJS(b *testing.B) {
	vm := cryptoJSPair(b)
	body, err := vm.RunString(`JSON.stringify(Array.from({length: 20}, function (_, i) { return {i: i, sq: i * i, tag: String(i).padStart(4, '0')}; })) + 'pmbench-42'`)
	if err != nil {
		b.Fatal(err)
	}
	_ = vm.Set("body", body)
	for _, bc := range []struct{ name, fn string }{
		{"HmacSHA256-hex", `(function (C) { return C.HmacSHA256(body, 'bench-secret').toString(C.enc.Hex); })`},
		{"SHA512-hex", `(function (C) { return C.SHA512(body).toString(); })`},
		{"MD5-base64", `(function (C) { return C.MD5(body).toString(C.enc.Base64); })`},
		{"AES-CBC-roundtrip", `(function (C) {
			var key = C.enc.Utf8.parse('0123456789abcdef0123456789abcdef'), iv = C.enc.Utf8.parse('abcdef9876543210');
			return C.AES.decrypt(C.AES.encrypt(body, key, {iv: iv}).toString(), key, {iv: iv}).toString(C.enc.Utf8); })`},
		{"AES-passphrase-roundtrip", `(function (C) { return C.AES.decrypt(C.AES.encrypt(body, 'pw').toString(), 'pw').toString(C.enc.Utf8); })`},
		{"PBKDF2-SHA256-100", `(function (C) { return C.PBKDF2('pw', 'salt', {keySize: 8, iterations: 100, hasher: C.algo.SHA256}).toString(); })`},
	} {
		v, err := vm.RunString(bc.fn)
		if err != nil {
			b.Fatal(err)
		}
		fn, _ := goja.AssertFunction(v)
		for _, side := range []string{"pure", "native"} {
			lib := vm.Get(side)
			b.Run(bc.name+"/"+side, func(b *testing.B) {
				for b.Loop() {
					if _, err := fn(goja.Undefined(), lib); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
