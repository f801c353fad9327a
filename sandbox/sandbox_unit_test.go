package sandbox

import "testing"

// Checks drawn from postman-sandbox 6.7.2's own unit tests (test/unit), run as collection
// items: each case is what a script in today's Postman app may rely on. The suite was measured
// with pmrun, Newman 6.2.2 and the Postman CLI; these are the cases pmrun got wrong.
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
	})
}
