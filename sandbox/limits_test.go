package sandbox

import (
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

// TestNativeStringLimits: built-ins that would build a string past V8's limit throw Node's
// RangeError at once (catchable, as in Node) instead of allocating gigabytes.
func TestNativeStringLimits(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{ScriptTimeout: 20 * time.Second})
	for _, expr := range []string{
		"'x'.repeat(2 ** 29)",
		"'ab'.repeat(2 ** 28 + 1)",
		"''.padStart(2 ** 30, 'ab')",
		"'a'.padEnd(2 ** 29)",
		"new Array(2 ** 29).join('x')",
		"new Array(2 ** 10).fill('y'.repeat(2 ** 20)).join()",
	} {
		h.reset()
		res := h.run("try { " + expr + "; pm.test('no error', () => {}); } catch (e) { pm.test(e.name + ': ' + e.message, () => {}); }")
		a := h.rec.assertions()
		if res.Err != nil || len(a) != 1 || a[0].Name != "RangeError: Invalid string length" {
			t.Errorf("%s: err %v, assertions %+v", expr, res.Err, a)
		}
	}
	h.reset()
	res := h.run(`pm.test('small ones work', () => {
		pm.expect('ab'.repeat(3)).to.equal('ababab');
		pm.expect('5'.padStart(3, '0') + '5'.padEnd(2, '!')).to.equal('0055!');
		pm.expect([1, 'a', null, [2, 3]].join('-')).to.equal('1-a--2,3');
		pm.expect(new Array(3).fill(7)).to.eql([7, 7, 7]);
		pm.expect([1, 2, 3, 4, 5].fill(0, -3, -1)).to.eql([1, 2, 0, 0, 5]);
		pm.expect(JSON.stringify({b: [1, {c: 'x'}], a: undefined, d: () => 1}, null, 2)).to.equal('{\n  "b": [\n    1,\n    {\n      "c": "x"\n    }\n  ]\n}');
		pm.expect(JSON.stringify({a: 1, b: 2, c: {a: 3, z: 4}}, ['c', 'a'])).to.equal('{"c":{"a":3},"a":1}');
		pm.expect(JSON.stringify({a: 1, b: 'x'}, (k, v) => typeof v === 'number' ? v * 2 : v)).to.equal('{"a":2,"b":"x"}');
		pm.expect(JSON.stringify({toJSON() { return {t: 1}; }})).to.equal('{"t":1}');
		pm.expect(JSON.stringify(undefined)).to.equal(undefined);
		pm.expect(Object.keys(Array.prototype)).to.eql([]);
		pm.expect(Array.prototype.fill.name + Array.prototype.join.length + JSON.stringify.length).to.equal('fill13');
		const o = {}; o.self = o;
		pm.expect(() => JSON.stringify(o)).to.throw(TypeError);
		pm.expect('a-b-c'.split(/-/)).to.eql(['a', 'b', 'c']);
		pm.expect('abcabc'.replace(/(?=b)b/g, 'X')).to.equal('aXcaXc');
		pm.expect(/^(?=a)a+$/.test('aaa')).to.equal(true);
		pm.expect([...'a1b2'.matchAll(/\d/g)].map(m => m[0])).to.eql(['1', '2']);
	});`)
	if res.Err != nil || len(h.rec.assertions()) != 1 || h.rec.assertions()[0].Err != nil {
		t.Errorf("err %v, assertions %+v", res.Err, h.rec.assertions())
	}
}

// TestNativeAllocationsRespectMemoryLimit: one big allocation inside a built-in is checked
// against the memory limit before it happens: the script stops with the memory error even
// when the allocation is its last statement (the watchdog's polling would come too late).
//
//nolint:paralleltest // it measures the process-wide heap: parallel tests would blur it
func TestNativeAllocationsRespectMemoryLimit(t *testing.T) {
	for _, src := range []string{
		"const a = new Array(2 ** 23).fill(0);",
		"const s = 'ab'.repeat(2 ** 26);",
		"const s = ''.padEnd(2 ** 27, 'xy');",
		"let o = {}; for (let i = 0; i < 22; i++) o = {a: o, b: o}; const s = JSON.stringify(o);",
		"const big = 'z'.repeat(2 ** 20); const s = new Array(200).fill(big).join();",
	} {
		runtime.GC()
		heap := readHeap([]metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}})
		limit := int64(heap) + 24<<20
		h := newHarness(t, Options{MemoryLimit: limit, ScriptTimeout: 20 * time.Second})
		res := h.run(src + " pm.test('not stopped', () => {});")
		if res.Err == nil || res.Err.Name != "RangeError" || !strings.Contains(res.Err.Message, "memory limit") {
			t.Errorf("%s: err = %+v, assertions %+v", src, res.Err, h.rec.assertions())
		}
	}
}

// TestNativeCallsHonourTheScriptTimeout: long native loops and a catastrophic regular
// expression end with the script timeout (or the regex limit) instead of running for minutes.
func TestNativeCallsHonourTheScriptTimeout(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src, want string
		timeout   time.Duration
	}{
		"catastrophic regex": {src: "/^(?=a)(a+)+$/.test('a'.repeat(32) + 'b');", want: "RangeError: regular expression stopped after 1s"},
		"regex caught in a loop": {src: "for (;;) { try { /^(?=a)(a+)+$/.test('a'.repeat(32) + 'b'); } catch (e) {} }",
			want: "Error: " + msgSyncTimeout},
		"exponential stringify": {src: "let o = {}; for (let i = 0; i < 40; i++) o = {a: o, b: o}; JSON.stringify(o);",
			want: "Error: " + msgSyncTimeout},
		// As Newman 6.2.2: liquid-json renames the RangeError JSONError.
		"deep stringify": {src: "let o = {}; for (let i = 0; i < 20000; i++) o = {a: o}; JSON.stringify(o);",
			want: "JSONError: Maximum call stack size exceeded", timeout: 20 * time.Second},
		"huge fill": {src: "new Array(2 ** 28).fill(0);", want: "Error: " + msgSyncTimeout},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			timeout := tc.timeout
			if timeout == 0 {
				timeout = 1500 * time.Millisecond
			}
			h := newHarness(t, Options{ScriptTimeout: timeout, MemoryLimit: -1})
			start := time.Now()
			res := h.run(tc.src)
			if got := errText(res.Err); !strings.HasPrefix(got, tc.want) {
				t.Errorf("error = %q, want %q", got, tc.want)
			}
			if d := time.Since(start); d > timeout+10*time.Second {
				t.Errorf("stopped after %v", d)
			}
		})
	}
}

// TestRegexMethodsKeepEveryMatch: the bounded regular-expression methods still find every
// match of a global pattern (wrapping exec sent goja's replace down a path that lost all
// matches after the first for patterns such as /(^|_)([^_]+)/g; Sugar's camelize uses it).
func TestRegexMethodsKeepEveryMatch(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	res := h.run(`
const checks = [
    ['foo_bar'.replace(/(^|_)([^_]+)/g, (m, p, w, i) => '[' + w + i + ']'), '[foo0][bar3]'],
    ['foo_bar'.replace(/(^|_)([^_]+)/g, '<$2>'), '<foo><bar>'],
    [String('a1b22c'.match(/(^|[a-z])(\d+)/g)), 'a1,b22'],
    [String('a,b;c'.split(/(^|[,;])/)), 'a,,,b,;,c'],
    ['x-y-z'.search(/(^|-)z/), 3],
    [[...'a1b2'.matchAll(/(^|[a-z])(\d)/g)].length, 2],
];
checks.forEach(([got, want], i) => { if (got !== want) { throw new Error('check ' + i + ': ' + got + ' != ' + want); } });
`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
}
