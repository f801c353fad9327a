package sandbox

import "testing"

// Checks drawn from postman-sandbox 6.7.2's own unit tests (test/unit), run as collection
// items: each case is what a script in today's Postman app may rely on. The suite was measured
// with pmrun, Newman 6.2.2 and the Postman CLI 1.34 (215 tests a collection runner can run);
// these are the cases pmrun got wrong. Where pmrun still differs on purpose: a pm.test whose
// done() is never called fails; an error thrown in a timer callback is ignored as in Newman; a
// missing package's error says where it was looked for; Buffer#toString stops at
// kStringMaxLength (2^28-16). Not done: Atomics/SharedArrayBuffer, and the legacy globals live
// on the global object, so Function('return postman')() inside a package still reaches them.
func TestPostmanSandboxUnitChecks(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"pm scopes are postman-collection VariableScopes": {
			src: `const { VariableScope } = require('postman-collection');
pm.test('scopes', () => {
    for (const name of ['variables', 'globals', 'environment', 'collectionVariables', 'iterationData']) {
        pm.expect(VariableScope.isVariableScope(pm[name]), name).to.equal(true);
    }
    pm.expect(VariableScope.isVariableScope({})).to.equal(false);
});`,
			wantAsserts: []string{"scopes ok"},
		},
		"Buffer has Node's static members": {
			src: `const own = Object.getOwnPropertyNames(Buffer).filter((p) => !Object.getOwnPropertyNames(function () {}).includes(p)).sort();
pm.test('statics', () => {
    pm.expect(own).to.eql(['alloc', 'allocUnsafe', 'allocUnsafeSlow', 'byteLength', 'compare', 'concat',
        'copyBytesFrom', 'from', 'isBuffer', 'isEncoding', 'of', 'poolSize']);
    pm.expect(Buffer.of(1, 2).toString('hex')).to.equal('0102');
    pm.expect(Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1).toString('hex')).to.equal('02000300');
    pm.expect(Buffer.copyBytesFrom(new Uint8Array([9, 8, 7]), 1, 1).toString('hex')).to.equal('08');
    pm.expect(Buffer.copyBytesFrom(new Uint8Array([1]), 5).length).to.equal(0);
    pm.expect(() => Buffer.copyBytesFrom([1])).to.throw(TypeError);
});`,
			wantAsserts: []string{"statics ok"},
		},
		"a package sees module.id and no legacy globals; an external one no pm": {
			opts: Options{Packages: mapPackages{
				"@team/mod": "module.exports = { id: module.id, same: module.exports === exports, postman: typeof postman, " +
					"tests: typeof tests, lodash: typeof _, responseBody: typeof responseBody, pm: typeof pm, " +
					"global: this === globalThis };",
				"npm:ext@1": "module.exports = { pm: typeof pm, postman: typeof postman, console: typeof console };",
			}},
			src: `pm.test('team package', () => {
    pm.expect(pm.require('@team/mod')).to.eql({ id: '@team/mod', same: true, postman: 'undefined',
        tests: 'undefined', lodash: 'undefined', responseBody: 'undefined', pm: 'object', global: true });
    pm.expect(typeof postman).to.equal('object'); // the script itself still has them
});
pm.test('external package', () => {
    pm.expect(pm.require('npm:ext@1')).to.eql({ pm: 'undefined', postman: 'undefined', console: 'object' });
});`,
			wantAsserts: []string{"team package ok", "external package ok"},
		},
	})
}
