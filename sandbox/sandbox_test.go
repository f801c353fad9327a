package sandbox

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// scriptCase is one script with the events and result it must produce.
type scriptCase struct {
	listen      string // "test" when empty
	src         string
	opts        Options
	wantErr     string   // "Name: message" of Result.Err, "" for none
	wantAsserts []string // "name ok", "name FAIL Name: message", "name skipped"; nil: not checked
	wantConsole []string // "level: text" lines; nil: not checked
	check       func(t *testing.T, ex *Execution, res Result)
}

func describeAssertions(as []AssertionEvent) []string {
	out := []string{}
	for _, a := range as {
		switch {
		case a.Skipped:
			out = append(out, a.Name+" skipped")
		case a.Err != nil:
			out = append(out, a.Name+" FAIL "+errText(a.Err))
		default:
			out = append(out, a.Name+" ok")
		}
	}
	return out
}

func runCases(t *testing.T, cases map[string]scriptCase) {
	t.Helper()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, tc.opts)
			listen := tc.listen
			if listen == "" {
				listen = "test"
			}
			ex := newExec(listen, tc.src)
			if listen == "prerequest" {
				ex.Response = nil
			}
			res := h.sb.Run(context.Background(), ex)
			got := ""
			if res.Err != nil {
				got = errText(res.Err)
			}
			if got != tc.wantErr {
				t.Errorf("error = %q, want %q\nconsole:\n%s", got, tc.wantErr, joinLines(h.rec.console()))
			}
			if tc.wantAsserts != nil {
				if g := describeAssertions(h.rec.assertions()); !reflect.DeepEqual(g, tc.wantAsserts) {
					t.Errorf("assertions:\n got %q\nwant %q", g, tc.wantAsserts)
				}
			}
			if tc.wantConsole != nil {
				if g := h.rec.console(); !reflect.DeepEqual(g, tc.wantConsole) {
					t.Errorf("console:\n got %q\nwant %q", g, tc.wantConsole)
				}
			}
			if tc.check != nil {
				tc.check(t, ex, res)
			}
		})
	}
}

func TestScriptErrors(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"syntax error does not run": {
			src:         "pm.test('never', () => {});\nvar x = ;",
			wantErr:     "SyntaxError: Unexpected token ;",
			wantAsserts: []string{},
		},
		"thrown error after a test": {
			src:         "pm.test('before', () => {});\nthrow new Error('stop here');\npm.test('after', () => {});",
			wantErr:     "Error: stop here",
			wantAsserts: []string{"before ok"},
		},
		"reference error": {
			src:     "undefinedFunctionCall();",
			wantErr: "ReferenceError: undefinedFunctionCall is not defined",
		},
		"range error in pre-request": {
			listen:  "prerequest",
			src:     "throw new RangeError('pre-request broke');",
			wantErr: "RangeError: pre-request broke",
		},
		"thrown string has no name or message": {
			src:     "throw 'a plain string';",
			wantErr: ": ",
		},
		"rejected top-level await": {
			src:     "await Promise.resolve();\nawait Promise.reject(new TypeError('nope'));",
			wantErr: "TypeError: nope",
		},
		"unhandled rejection fails the script": {
			src:         "Promise.reject(new Error('lost'));\npm.test('sync', () => {});",
			wantErr:     "Error: lost",
			wantAsserts: []string{"sync ok"},
		},
		"handled rejection is fine": {
			src:     "const p = Promise.reject(new Error('x')); await null; p.catch(() => {});",
			wantErr: "",
		},
		"errors in timer callbacks are ignored with a warning, other timers still run": {
			src: `pm.test('sync part', () => {});
setTimeout(() => { throw new Error('from timer'); }, 5);
let n = 0;
const iv = setInterval(() => {
    n++;
    if (n === 3) { clearInterval(iv); setTimeout(() => { pm.environment.set('after', String(n)); pm.test('later', () => {}); }, 10); }
    if (n === 1) { throw new TypeError('tick'); }
}, 1);`,
			wantAsserts: []string{"sync part ok", "later ok"},
			wantConsole: []string{
				"warn: error in an async callback ignored (as Newman does): TypeError: tick (Folder/Item [test] line 7)",
				"warn: error in an async callback ignored (as Newman does): Error: from timer (Folder/Item [test] line 2)",
			},
			check: func(t *testing.T, ex *Execution, _ Result) {
				if v, _ := ex.Scopes.Environment.Get("after"); v != "3" {
					t.Errorf("environment after = %v, want 3", v)
				}
			},
		},
		"a synchronous throw after starting a timer is ignored, the timer still runs": {
			src: `pm.test('before', () => {});
setTimeout(() => { pm.test('in timer', () => {}); }, 5);
throw new Error('sync stop');`,
			wantAsserts: []string{"before ok", "in timer ok"},
			wantConsole: []string{"warn: error ignored because the script had started timers or requests (as Newman does): Error: sync stop (Folder/Item [test] line 3)"},
		},
		"a synchronous throw after a cleared timer is ignored too": {
			src:         "clearTimeout(setTimeout(() => {}, 5));\nthrow new Error('sync stop');",
			wantConsole: []string{"warn: error ignored because the script had started timers or requests (as Newman does): Error: sync stop (Folder/Item [test] line 2)"},
		},
		"a thrown string in a timer is ignored with a warning": {
			src:         "setTimeout(() => { throw 'plain'; }, 1);",
			wantConsole: []string{"warn: error in an async callback ignored (as Newman does): plain (Folder/Item [test] line 1)"},
		},
		"top-level const does not leak": {
			src: "const token = 1; let other = 2;",
		},
	})
}

func TestErrorPosition(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	res := h.run("var a = 1;\n  nope();")
	if res.Err == nil || res.Err.Line != 2 || res.Err.Column < 3 {
		t.Fatalf("err = %+v, want line 2", res.Err)
	}
	res = h.run("var a = ;")
	if res.Err == nil || res.Err.Name != "SyntaxError" || res.Err.Line != 1 || res.Err.Column != 9 {
		t.Fatalf("syntax err = %+v, want line 1 column 9", res.Err)
	}
	var exc int
	for _, e := range h.rec.events {
		if _, ok := e.(ExceptionEvent); ok {
			exc++
		}
	}
	if exc != 2 {
		t.Fatalf("exception events = %d, want 2", exc)
	}
}

func TestReuseAcrossScripts(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	for i := range 3 {
		res := h.run("const token = 'x';\nlet n = 1;\npm.test('t', () => pm.expect(token).to.equal('x'));")
		if res.Err != nil {
			t.Fatalf("run %d: %v", i, res.Err)
		}
	}
	res := h.run("Object.prototype.shared = 42;")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	h.reset()
	h.run("pm.test('prototype persists', () => pm.expect(({}).shared).to.equal(42)); delete Object.prototype.shared;")
	if g := describeAssertions(h.rec.assertions()); !reflect.DeepEqual(g, []string{"prototype persists ok"}) {
		t.Fatalf("assertions %q", g)
	}
}

func TestTimeouts(t *testing.T) {
	t.Parallel()
	const budget = raceSlowdown * 400 * time.Millisecond
	tests := map[string]struct {
		src     string
		timeout time.Duration
		want    string
	}{
		// The budget is also the next run's (a fresh runtime's first script): generous
		// enough for a loaded 2-core machine.
		"busy loop":          {src: "while (true) {}", timeout: budget, want: "Error: " + msgSyncTimeout},
		"busy loop in timer": {src: "setTimeout(() => { for (;;) {} }, 1);", timeout: budget, want: "Error: " + msgAsyncTimeout},
		"pending timer":      {src: "setTimeout(() => {}, 60000);", timeout: budget, want: "Error: " + msgAsyncTimeout},
		"await forever loop": {src: "while (true) { await null; }", timeout: budget, want: "Error: " + msgSyncTimeout},
		"deep recursion":     {src: "function f() { return f() + 1; }\nf();", want: "RangeError: Maximum call stack size exceeded"},
		"caught recursion":   {src: "function f() { return f() + 1; }\ntry { f(); } catch (e) {}", want: "RangeError: Maximum call stack size exceeded"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, Options{ScriptTimeout: tc.timeout})
			start := time.Now()
			res := h.run(tc.src)
			if got := errText(res.Err); got != tc.want {
				t.Fatalf("error = %q, want %q", got, tc.want)
			}
			if tc.timeout > 0 && (!res.Err.Timeout || time.Since(start) > tc.timeout+2*time.Second) {
				t.Fatalf("timeout flag %v after %v", res.Err.Timeout, time.Since(start))
			}
			h.reset()
			res = h.run("await new Promise(r => setTimeout(r, 1)); pm.test('next run works', () => {});")
			if res.Err != nil || len(h.rec.assertions()) != 1 {
				t.Fatalf("next run: err %v, assertions %v", res.Err, h.rec.assertions())
			}
		})
	}
}

func TestContextCancel(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	res := h.sb.Run(ctx, newExec("test", "while (true) {}"))
	if res.Err == nil || !strings.Contains(res.Err.Message, "cancelled") {
		t.Fatalf("err = %v", res.Err)
	}
	if res := h.run("pm.test('after', () => {})"); res.Err != nil {
		t.Fatalf("next run: %v", res.Err)
	}
}

func TestTimers(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"order and interval": {
			src: `const order = [];
setTimeout(() => {
    order.push('t50');
    pm.test('inside a 50ms timer', () => { pm.expect(order).to.eql(['sync', 't0', 't10', 't50']); });
    pm.environment.set('timerOrder', order.join(','));
}, 50);
setTimeout(() => order.push('t10'), 10);
setTimeout(() => order.push('t0'));
const cancelled = setTimeout(() => order.push('cancelled'), 5);
clearTimeout(cancelled);
order.push('sync');
let ticks = 0;
const iv = setInterval(() => {
    ticks += 1;
    if (ticks === 3) { clearInterval(iv); pm.environment.set('intervalTicks', ticks); }
}, 5);
pm.test('sync test first', () => {});`,
			wantAsserts: []string{"sync test first ok", "inside a 50ms timer ok"},
			check: func(t *testing.T, ex *Execution, _ Result) {
				if v, _ := ex.Scopes.Environment.Get("intervalTicks"); v != int64(3) {
					t.Errorf("intervalTicks = %#v", v)
				}
			},
		},
		"setImmediate with args": {
			src:         "setImmediate((a, b) => pm.test('imm ' + a + b, () => {}), 1, 2);",
			wantAsserts: []string{"imm 12 ok"},
		},
		"timer arguments and microtask order": {
			src: `const seen = [];
setTimeout(() => seen.push('timeout'), 0);
Promise.resolve().then(() => seen.push('micro'));
seen.push('sync');
await new Promise(r => setTimeout(r, 5));
pm.test('order', () => pm.expect(seen).to.eql(['sync', 'micro', 'timeout']));`,
			wantAsserts: []string{"order ok"},
		},
	})
}

func TestConsoleFormatting(t *testing.T) {
	t.Parallel()
	runCases(t, map[string]scriptCase{
		"node-like": {
			src: `console.log('pre-request log', 1, { a: [1, 2] });
console.log('plain', 'two', 3);
console.info('info', { nested: { deep: { deeper: { deepest: 1 } } } });
console.warn('warn', [1, 'x', null]);
console.log(undefined, null, NaN, () => 1, Symbol('s'));
function named() {}
console.debug(named, { s: 'it\'s' });
console.log('%s is %d', 'format', 5, 'extra');
console.log('%j %o', { a: 1 }, [1]);
console.error('100%');
const cyc = { name: 'c' }; cyc.self = cyc;
console.log(cyc);
console.log([]);
console.log({});
console.log(new Map([['k', 1]]), new Set([1]));
console.log(-0, 10n, true);
class Point { constructor() { this.x = 1; } }
console.log(new Point());
console.log({ 'a-b': 1, long: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' });`,
			wantConsole: []string{
				"log: pre-request log 1 { a: [ 1, 2 ] }",
				"log: plain two 3",
				"info: info { nested: { deep: { deeper: [Object] } } }",
				"warn: warn [ 1, 'x', null ]",
				"log: undefined null NaN [Function (anonymous)] Symbol(s)",
				`debug: [Function: named] { s: "it's" }`,
				"log: format is 5 extra",
				"log: {\"a\":1} [ 1 ]",
				"error: 100%",
				"log: <ref *1> { name: 'c', self: [Circular *1] }",
				"log: []",
				"log: {}",
				"log: Map(1) { 'k' => 1 } Set(1) { 1 }",
				"log: -0 10n true",
				"log: Point { x: 1 }",
				"log: {\n  'a-b': 1,\n  long: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n}",
			},
		},
	})
	// An Error object prints with its stack, which holds positions: checked by prefix.
	h := newHarness(t, Options{})
	h.run("console.error('error', new Error('logged, not thrown'));")
	lines := h.rec.console()
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "error: error Error: logged, not thrown\n    at ") {
		t.Fatalf("console = %q", lines)
	}
}

func TestRequire(t *testing.T) {
	t.Parallel()
	libs := map[string]string{
		"lodash":             "typeof m.get === 'function'",
		"moment":             "typeof m === 'function' && m('2024-01-02').format('YYYY') === '2024'",
		"crypto-js":          "m.MD5('a').toString() === '0cc175b9c0f1b6a831c399e269772661'",
		"chai":               "typeof m.expect === 'function'",
		"ajv":                "typeof m === 'function'",
		"tv4":                "typeof m.validate === 'function'",
		"cheerio":            "m.load('<p>x</p>')('p').text() === 'x'",
		"xml2js":             "typeof m.parseString === 'function'",
		"csv-parse/lib/sync": "m('a,b\\n1,2', { columns: true })[0].b === '2'",
		"uuid":               "/^[0-9a-f-]{36}$/.test(m.v4())",
		"buffer":             "m.Buffer === Buffer",
		"fs":                 "Object.keys(m).length === 0",
		"backbone":           "typeof m.Model === 'function'",
		"assert":             "typeof m === 'function'",
		"events":             "typeof m === 'function'",
		"util":               "typeof m.inspect === 'function'",
		"url":                "typeof m.parse === 'function'",
		"path":               "m.join('a', 'b') === 'a/b'",
		"querystring":        "m.stringify({ a: 1 }) === 'a=1'",
		"liquid-json":        "typeof m.parse === 'function'",
		"stream":             "typeof m.Readable === 'function'",
		"string_decoder":     "typeof m.StringDecoder === 'function'",
		"timers":             "typeof m.setTimeout === 'function'",
		"punycode":           "m.toASCII('bücher.de') === 'xn--bcher-kva.de'",
		"json":               "m.parse('\\uFEFF{\"a\": 1}').a === 1",
		"atob":               "m('aGk=') === 'hi'",
		"btoa":               "m('hi') === 'aGk='",
		"os":                 "m.platform() === 'browser' && m.EOL === '\\n'",
		"postman-collection": "new m.Url('http://a.test/p?q=1').getQueryString() === 'q=1'",
	}
	cases := map[string]scriptCase{}
	for name, cond := range libs {
		cases[name] = scriptCase{
			src:         fmt.Sprintf("const m = require(%q);\npm.test('works', () => pm.expect(%s).to.equal(true));", name, cond),
			wantAsserts: []string{"works ok"},
		}
	}
	for _, name := range []string{"child_process", "http", "nope", "lodash3"} {
		cases["refused "+name] = scriptCase{
			src:     fmt.Sprintf("require(%q);", name),
			wantErr: fmt.Sprintf("Error: Cannot find module '%s'", name),
		}
	}
	runCases(t, cases)
}

func TestHostIsolation(t *testing.T) {
	t.Setenv("PMRUN_SECRET_FOR_TEST", "s3cr3t")
	h := newHarness(t, Options{})
	res := h.run(`pm.test('no env', () => {
    pm.expect(JSON.stringify(process.env)).to.equal('{}');
    pm.expect(JSON.stringify(globalThis)).to.not.include('s3cr3t');
});
pm.test('globals', () => {
    pm.expect(btoa('hello')).to.equal('aGVsbG8=');
    pm.expect(atob('aGVsbG8=')).to.equal('hello');
    pm.expect(Buffer.from('hi').toString('base64')).to.equal('aGk=');
    pm.expect(new Buffer(2).length).to.equal(2);
    pm.expect(new URL('http://a.b/c?d=1').searchParams.get('d')).to.equal('1');
    pm.expect(new URLSearchParams('x=1&y=2').get('y')).to.equal('2');
});`)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if g := describeAssertions(h.rec.assertions()); !reflect.DeepEqual(g, []string{"no env ok", "globals ok"}) {
		t.Fatalf("assertions %q", g)
	}
	if os.Getenv("PMRUN_SECRET_FOR_TEST") != "s3cr3t" {
		t.Fatal("env changed")
	}
}

func TestSandboxDoesNotTouchOtherScopesOnError(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	ex := newExec("test", "pm.environment.set('beforeThrow', 'set');\nthrow new Error('x');")
	res := h.sb.Run(context.Background(), ex)
	if res.Err == nil {
		t.Fatal("no error")
	}
	if v, _ := ex.Scopes.Environment.Get("beforeThrow"); v != "set" {
		t.Fatalf("beforeThrow = %v", v)
	}
	_ = collections.Variable{}
}

func TestProgramCacheIsBoundedBySourceSize(t *testing.T) {
	t.Parallel()
	c := newProgramCache(100)
	if _, err := c.get("a", "1 + 1"); err != nil {
		t.Fatal(err)
	}
	if len(c.progs) != 0 {
		t.Fatal("a script run once was kept")
	}
	p2, err := c.get("a", "1 + 1")
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := c.get("a", "1 + 1"); p != p2 {
		t.Fatal("a script run a third time was compiled again")
	}
	if p, _ := c.get("other name", "1 + 1"); p == p2 {
		t.Fatal("the same source under another name shared a program (names appear in stack traces)")
	}
	for i := 0; i < 20; i++ {
		for range 2 {
			if _, err := c.get("b", fmt.Sprintf("var x = %d;", i)); err != nil {
				t.Fatal(err)
			}
		}
		if c.bytes > 100 {
			t.Fatalf("cache holds %d bytes of source, limit 100", c.bytes)
		}
	}
	if len(c.progs) >= 20 {
		t.Fatalf("cache kept %d programs", len(c.progs))
	}
}

// TestProgramCacheForgetsScriptsSeenOnce checks that the hashes of scripts compiled once
// stay bounded on a run of distinct scripts.
func TestProgramCacheForgetsScriptsSeenOnce(t *testing.T) {
	t.Parallel()
	c := newProgramCache(1 << 20)
	for i := 0; i < maxSeen+10; i++ {
		if _, err := c.get("s", strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.progs) != 0 || len(c.seen) > maxSeen {
		t.Fatalf("after %d distinct scripts: %d programs kept, %d hashes", maxSeen+10, len(c.progs), len(c.seen))
	}
}
