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

// heavyPre adds lodash and a crypto-js HMAC to the scripted pre-request script.
func heavyPre(idExpr string) []string {
	return []string{
		`const lodash = require("lodash");`,
		`const cryptojs = require("crypto-js");`,
		`pm.variables.set("client", "pmbench");`,
		`pm.variables.set("reqId", ` + idExpr + `);`,
		`const tag = lodash.join([pm.variables.get("client"), pm.variables.get("reqId")], "-");`,
		`pm.variables.set("tag", tag);`,
		`pm.variables.set("sig", cryptojs.HmacSHA256(tag, "` + HMACKey + `").toString(cryptojs.enc.Hex));`,
	}
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
