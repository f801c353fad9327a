package sandbox

import (
	"errors"
	"fmt"
	"testing"
)

// mapPackages serves packages from a map; a value starting with "!" is a loading error.
type mapPackages map[string]string

func (m mapPackages) Resolve(name string) (string, error) {
	src, ok := m[name]
	switch {
	case !ok:
		return "", fmt.Errorf("looked in the test map: %w", ErrPackageNotFound)
	case len(src) > 0 && src[0] == '!':
		return "", errors.New(src[1:])
	}
	return src, nil
}

// TestPmRequire follows postman-sandbox's test/unit/sandbox-libraries/pm-require.test.js.
func TestPmRequire(t *testing.T) {
	pkgs := mapPackages{
		"mod1":        "module.exports = { a: 123, b: 456 }",
		"empty":       "",
		"broken":      "!my error",
		"throws":      `throw new Error("my error");`,
		"globals":     "var2 = 456;\nmodule.exports = { a: var1, b: pm.require('mod2') };",
		"mod2":        "module.exports = var2;",
		"setsGlobals": "gv1 = 123; gv2 = 456;",
		"pmapi":       "module.exports = { a: pm.environment.get('host'), b: pm.variables.get('row') };",
		"counter":     "counted = (typeof counted === 'number' ? counted : 0) + 1; module.exports = { n: counted };",
		"circA":       "module.exports.a = 123; module.exports.b = pm.require('circB').b;",
		"circB":       "module.exports.b = pm.require('circA').a;",
		"async":       "module.exports = { a: 123 }; setTimeout(() => { module.exports.b = 456; }, 5);",
		"usesLib":     "const _ = require('lodash'); module.exports = _.chunk([1, 2, 3], 2);",
		"@team/utils": "exports.hello = (n) => 'hello ' + n;",
	}
	h := newHarness(t, Options{Packages: pkgs})
	src := `
pm.test('exports', () => {
    pm.expect(pm.require).to.be.a('function');
    const mod = pm.require('mod1');
    pm.expect([mod.a, mod.b]).to.deep.equal([123, 456]);
    pm.expect(pm.require('empty')).to.deep.equal({});
    pm.expect(pm.require('@team/utils').hello('pm')).to.equal('hello pm');
});
pm.test('errors', () => {
    pm.expect(() => pm.require('missing')).to.throw("Cannot find package 'missing': looked in the test map");
    pm.expect(() => pm.require('broken')).to.throw("Error while loading package 'broken': my error");
    pm.expect(() => pm.require('throws')).to.throw("Error in package 'throws': my error");
});
pm.test('globals and pm', () => {
    var1 = 123;
    const mod = pm.require('globals');
    pm.expect([mod.a, mod.b]).to.deep.equal([123, 456]);
    pm.require('setsGlobals');
    pm.expect([gv1, gv2]).to.deep.equal([123, 456]);
    pm.expect(pm.require('pmapi')).to.deep.equal({ a: 'example.com', b: 'r1' });
});
pm.test('evaluated once, cycles', () => {
    pm.expect(pm.require('counter')).to.equal(pm.require('counter'));
    pm.expect(counted).to.equal(1);
    const a = pm.require('circA');
    pm.expect([a.a, a.b]).to.deep.equal([123, 123]);
});
pm.test('same restrictions as scripts', () => {
    pm.expect(pm.require('usesLib')).to.deep.equal([[1, 2], [3]]);
});
const mod = pm.require('async');
pm.test('async (sync part)', () => { pm.expect([mod.a, mod.b]).to.deep.equal([123, undefined]); });
await new Promise((r) => setTimeout(r, 20));
pm.test('async (later)', () => { pm.expect(mod.b).to.equal(456); });
`
	res := h.run(src)
	if res.Err != nil {
		t.Fatalf("script error: %s", errText(res.Err))
	}
	as := h.rec.assertions()
	if len(as) != 7 {
		t.Fatalf("%d assertions, want 7", len(as))
	}
	for _, a := range as {
		if a.Err != nil {
			t.Errorf("%s: %s", a.Name, errText(a.Err))
		}
	}
}

func TestPmRequireWithoutPackages(t *testing.T) {
	h := newHarness(t, Options{})
	res := h.run("pm.require('@team/utils');")
	want := "Error: Cannot find package '@team/utils': pmrun has no package source (use --package-dir for team packages)"
	if got := errText(res.Err); got != want {
		t.Fatalf("error = %s, want %s", got, want)
	}
}
