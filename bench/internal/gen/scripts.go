package gen

import "strconv"

// HMACKey is the key heavy collections sign the tag header with; the target server must be
// started with the same key.
const HMACKey = "pmbench-hmac-key"

// Header names the target server reads (kept in step with package target).
const (
	tagHeader = "X-Bench-Tag"
	sigHeader = "X-Bench-Sig"
)

// scriptedPre is the pre-request script of a scripted item: a few pm.variables calls that
// build the value the {{tag}} header sends. idExpr is a JavaScript expression for the
// request's id (a string literal, or a read of iteration data).
func scriptedPre(idExpr string) []string {
	return []string{
		`pm.variables.set("client", "pmbench");`,
		`pm.variables.set("reqId", ` + idExpr + `);`,
		`const tag = pm.variables.get("client") + "-" + pm.variables.get("reqId");`,
		`pm.variables.set("tag", tag);`,
	}
}

// heavyPre is issue 14's signing script: lodash builds and sorts a 20-row payload, and
// crypto-js signs its JSON plus the tag with HMAC-SHA256; the signature is sent in a header
// added by pm.request.headers.add (the target server checks it).
func heavyPre(idExpr string) []string {
	return []string{
		`const lodash = require("lodash");`,
		`const cryptojs = require("crypto-js");`,
		`pm.variables.set("client", "pmbench");`,
		`pm.variables.set("reqId", ` + idExpr + `);`,
		`const reqId = lodash.join([pm.variables.get("client"), pm.variables.get("reqId")], "-");`,
		`pm.variables.set("tag", reqId);`,
		`const payload = lodash.map(lodash.range(20), function (i) { return { i: i, sq: i * i, tag: lodash.padStart(String(i), 4, "0") }; });`,
		`const body = JSON.stringify(lodash.sortBy(payload, "tag"));`,
		`const sig = cryptojs.HmacSHA256(body + reqId, "` + HMACKey + `").toString(cryptojs.enc.Hex);`,
		`pm.variables.set("sig", sig);`,
		`pm.request.headers.add({ key: "` + sigHeader + `", value: sig });`,
	}
}

// aesPre encrypts and decrypts a small JSON token with crypto-js's AES twice: with a key and
// IV (CBC, Pkcs7) and in the OpenSSL passphrase form; it throws if a round trip fails.
func aesPre(idExpr string) []string {
	return append(scriptedPre(idExpr),
		`const cjs = require("crypto-js");`,
		`const key = cjs.enc.Utf8.parse("0123456789abcdef0123456789abcdef");`,
		`const iv = cjs.enc.Utf8.parse("abcdef9876543210");`,
		`const token = JSON.stringify({ tag: tag, ts: 1700000000, scope: ["read", "write"] });`,
		`const sealed = cjs.AES.encrypt(token, key, { iv: iv }).toString();`,
		`const opened = cjs.AES.decrypt(sealed, key, { iv: iv }).toString(cjs.enc.Utf8);`,
		`const locked = cjs.AES.encrypt(tag, "`+HMACKey+`").toString();`,
		`const unlocked = cjs.AES.decrypt(locked, "`+HMACKey+`").toString(cjs.enc.Utf8);`,
		`if (opened !== token || unlocked !== tag) { throw new Error("AES round trip failed"); }`,
		`pm.variables.set("sealed", sealed);`,
	)
}

// digestPre chains MD5, SHA1 and SHA512 with Hex and Base64 through the legacy CryptoJS
// global.
func digestPre(idExpr string) []string {
	return append(scriptedPre(idExpr),
		`const md5 = CryptoJS.MD5(tag).toString();`,
		`const sha1 = CryptoJS.SHA1(tag + md5).toString(CryptoJS.enc.Base64);`,
		`const sha512 = CryptoJS.SHA512(sha1).toString(CryptoJS.enc.Hex);`,
		`pm.variables.set("digest", CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(tag + ":" + sha512.slice(0, 16))));`,
	)
}

// scriptedTest is the test script of a scripted item: pm.response.json(), 3 pm.test blocks
// and 5 pm.expect. argKey/argExpr name the query argument the server must echo and the
// JavaScript expression it must equal.
func scriptedTest(argKey, argExpr string) []string {
	return []string{
		`const body = pm.response.json();`,
		`pm.test("status is 200", function () {`,
		`    pm.expect(pm.response.code).to.equal(200);`,
		`});`,
		`pm.test("body echoes the query", function () {`,
		`    pm.expect(body.ok).to.equal(true);`,
		`    pm.expect(body.args.` + argKey + `).to.equal(` + argExpr + `);`,
		`});`,
		`pm.test("header built by the pre-request script arrived", function () {`,
		`    pm.expect(body.tag).to.equal(pm.variables.get("tag"));`,
		`    pm.expect(body.n).to.be.a("number");`,
		`});`,
	}
}

// heavyTest is scriptedTest with lodash reading the body and the server's verdict on the
// HMAC as the last expectation.
func heavyTest(argKey, argExpr string) []string {
	return []string{
		`const lodash = require("lodash");`,
		`const body = pm.response.json();`,
		`pm.test("status is 200", function () {`,
		`    pm.expect(pm.response.code).to.equal(200);`,
		`});`,
		`pm.test("body echoes the query", function () {`,
		`    pm.expect(lodash.get(body, "ok")).to.equal(true);`,
		`    pm.expect(lodash.get(body, ["args", "` + argKey + `"])).to.equal(` + argExpr + `);`,
		`});`,
		`pm.test("signed header verified", function () {`,
		`    pm.expect(body.tag).to.equal(pm.variables.get("tag"));`,
		`    pm.expect(lodash.get(body, "sigOk")).to.equal(true);`,
		`});`,
	}
}

// jsString quotes s as a JavaScript string literal (s is plain ASCII here).
func jsString(s string) string { return strconv.Quote(s) }
