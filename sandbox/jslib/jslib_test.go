package jslib

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"
)

// hostStub stands in for what the sandbox provides: a silent console and a
// queue-based setTimeout with __flush(), which runs queued callbacks
// (including ones they queue) in order.
const hostStub = `
var console = {log: function () {}, info: function () {}, warn: function () {}, error: function () {}, debug: function () {}};
var __timers = [];
function setTimeout(fn, ms) {
	var args = Array.prototype.slice.call(arguments, 2);
	__timers.push(function () { fn.apply(undefined, args); });
	return __timers.length;
}
function clearTimeout() {}
function __flush() {
	for (var i = 0; i < __timers.length && i < 10000; i++) { __timers[i](); }
	__timers.length = 0;
}
`

// newRuntime returns a runtime prepared as the sandbox does: console and
// timer stubs, and globalThis.Buffer from the buffer bundle.
func newRuntime(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	if _, err := vm.RunString(hostStub); err != nil {
		t.Fatalf("host stub: %v", err)
	}
	buf, err := Load(vm, "buffer", nil)
	if err != nil {
		t.Fatalf("load buffer: %v", err)
	}
	if err := vm.Set("Buffer", buf.ToObject(vm).Get("Buffer")); err != nil {
		t.Fatalf("set Buffer: %v", err)
	}
	return vm
}

// moduleCases holds one real call per library; the script sees the loaded
// module as `lib` and its completion value must equal want.
var moduleCases = []struct {
	name   string
	script string
	want   string
}{
	{"chai", `(function () { try { lib.expect(1).to.equal(2); return 'no throw' } catch (e) { return e.name + ': ' + e.message } })()`,
		"AssertionError: expected 1 to equal 2"},
	{"lodash", `lib.get({a: {b: [1, {c: 3}]}}, 'a.b[1].c') + ' ' + lib.VERSION`, "3 4.18.1"},
	{"lodash3", `lib.VERSION + ' ' + lib.map([1, 2], function (x) { return x * 2 }).join(',')`, "3.10.2 2,4"},
	{"moment", `lib.utc('2024-01-02T03:04:05Z').format('YYYY-MM-DD HH:mm dddd')`, "2024-01-02 03:04 Tuesday"},
	{"crypto-js", `lib.HmacSHA256('message', 'secret').toString()`,
		"8b5f48702995c1598c573db1e21866a9b825d4a794d169d7060a03605796360b"},
	{"ajv", `(function () {
		var ajv = new lib({allErrors: true});
		var v = ajv.compile({type: 'object', properties: {id: {type: 'integer'}}});
		return v({id: 'x'}) + ' ' + ajv.errorsText(v.errors) })()`, "false data.id should be integer"},
	{"tv4", `lib.validate(1, {type: 'string'}) + ' ' + lib.error.message`, "false Invalid type: number (expected string)"},
	{"cheerio", `(function () { var $ = lib.load('<ul><li class="a">x</li><li>y</li></ul>'); return $('li').length + ' ' + $('.a').text() })()`,
		"2 x"},
	{"xml2js", `(function () { var out; lib.parseString('<r><a x="1">t</a></r>', function (err, res) { out = err ? String(err) : JSON.stringify(res) }); __flush(); return out })()`,
		`{"r":{"a":[{"_":"t","$":{"x":"1"}}]}}`},
	{"csv-parse/lib/sync", `JSON.stringify(lib("a,b\n1,2", {columns: true}))`, `[{"a":"1","b":"2"}]`},
	{"buffer", `lib.Buffer.from('hi').toString('base64') + ' ' + new lib.Buffer(3).length + ' ' + lib.Buffer.from('aGk=', 'base64').toString()`,
		"aGk= 3 hi"},
	{"backbone", `(function () { var m = new lib.Model({a: 1}); m.set('b', 2); return m.get('a') + m.get('b') + ' ' + JSON.stringify(m.toJSON()) })()`,
		`3 {"a":1,"b":2}`},
	{"liquid-json", `lib.parse('\uFEFF{"a": 1}').a + ' ' + (function () { try { lib.parse('{a'); return 'no throw' } catch (e) { return e.name } })()`,
		"1 JSONError"},
	{"events", `(function () { var e = new lib(); var got = []; e.on('x', function (v) { got.push(v) }); e.emit('x', 5); return got.join() + ' ' + (lib.EventEmitter === lib) })()`,
		"5 true"},
	{"path", `lib.join('/a', 'b', '../c') + ' ' + lib.extname('f.txt') + ' ' + lib.basename('/x/y.js', '.js')`, "/a/c .txt y"},
	{"util", `lib.format('%s=%d', 'a', 1) + ' ' + lib.inspect({a: [1, 2]})`, "a=1 { a: [ 1, 2 ] }"},
	{"stream", `(function () { var r = new lib.Readable({read: function () {}}); var out = ''; r.on('data', function (c) { out += c }); r.push('ab'); r.push('cd'); r.push(null); __flush(); return typeof lib.Transform + ' ' + out })()`,
		"function abcd"},
	{"string_decoder", `(function () { var d = new lib.StringDecoder('utf8'); return d.write(Buffer.from([0xE2, 0x82])) + '|' + d.end(Buffer.from([0xAC])) })()`,
		"|€"},
	{"timers", `(function () { var hit = 0; lib.setTimeout(function (v) { hit = v }, 0, 7); __flush(); return typeof lib.setInterval + ' ' + hit })()`,
		"function 7"},
	{"assert", `(function () { try { lib.deepStrictEqual({a: 1}, {a: 2}); return 'no throw' } catch (e) { return e.name + ' ' + e.code } })()`,
		"AssertionError ERR_ASSERTION"},
	{"punycode", `lib.toASCII('mañana.com') + ' ' + lib.toUnicode('xn--maana-pta.com')`, "xn--maana-pta.com mañana.com"},
	{"querystring", `lib.stringify({a: 1, b: 'x y'}) + ' ' + lib.parse('c=3&d=%20').d.length`, "a=1&b=x%20y 1"},
	{"sugar", `'abc'.has('b') + ' ' + [1, 2, 3].first() + ' ' + (56).ordinalize() + ' ' + Object.merge({a: 1}, {b: 2}).b`, "true 1 56th 2"},
	{"url", `(function () { var u = lib.parse('https://u:p@h.example:8080/p/a?q=1#f', true); return [u.hostname, u.port, u.pathname, u.query.q, u.hash, u.auth].join(' ') })()`,
		"h.example 8080 /p/a 1 #f u:p"},
}

func TestModules(t *testing.T) {
	t.Parallel()
	for _, tc := range moduleCases {
		t.Run(strings.ReplaceAll(tc.name, "/", "_"), func(t *testing.T) {
			t.Parallel()
			vm := newRuntime(t)
			lib, err := Load(vm, tc.name, nil)
			if err != nil {
				t.Fatalf("Load(%q): %v", tc.name, err)
			}
			if err := vm.Set("lib", lib); err != nil {
				t.Fatal(err)
			}
			got, err := vm.RunString(tc.script)
			if err != nil {
				t.Fatalf("script for %q: %v", tc.name, err)
			}
			if got.String() != tc.want {
				t.Errorf("%s: got %q, want %q", tc.name, got.String(), tc.want)
			}
		})
	}
}

// BenchmarkCompile measures a fresh compile of each bundle (was a test that logged times).
func BenchmarkCompile(b *testing.B) {
	for _, name := range Names() {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := compile(name); err != nil {
					b.Fatalf("compile %q: %v", name, err)
				}
			}
		})
	}
}

// BenchmarkLoad measures one Load of each (cached, compiled) bundle into a prepared runtime.
func BenchmarkLoad(b *testing.B) {
	for _, name := range Names() {
		b.Run(name, func(b *testing.B) {
			if _, err := Program(name); err != nil { // fill the cache, untimed
				b.Fatalf("Program(%q): %v", name, err)
			}
			for b.Loop() {
				b.StopTimer()
				vm := newRuntime(b)
				b.StartTimer()
				if _, err := Load(vm, name, nil); err != nil {
					b.Fatalf("Load(%q): %v", name, err)
				}
			}
		})
	}
}

func TestEveryModuleHasACase(t *testing.T) {
	t.Parallel()
	var covered []string
	for _, tc := range moduleCases {
		covered = append(covered, tc.name)
	}
	slices.Sort(covered)
	if !slices.Equal(covered, Names()) {
		t.Errorf("test cases cover %v, modules are %v", covered, Names())
	}
}

func TestNamesAndHas(t *testing.T) {
	t.Parallel()
	names := Names()
	if !slices.IsSorted(names) {
		t.Errorf("Names() not sorted: %v", names)
	}
	want := []string{"ajv", "assert", "backbone", "buffer", "chai", "cheerio", "crypto-js",
		"csv-parse/lib/sync", "events", "liquid-json", "lodash", "lodash3", "moment", "path",
		"punycode", "querystring", "stream", "string_decoder", "sugar", "timers", "tv4", "url", "util", "xml2js"}
	if !slices.Equal(names, want) {
		t.Errorf("Names() = %v, want %v", names, want)
	}
	for _, tc := range []struct {
		name string
		want bool
	}{{"chai", true}, {"csv-parse/lib/sync", true}, {"csv-parse", false}, {"uuid", false}, {"", false}, {"fs", false}} {
		if got := Has(tc.name); got != tc.want {
			t.Errorf("Has(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
	if pkg, ver, ok := Version("lodash3"); !ok || pkg != "lodash3" || ver != "3.10.2" {
		t.Errorf("Version(lodash3) = %q %q %v", pkg, ver, ok)
	}
}

func TestTableMatchesDist(t *testing.T) {
	t.Parallel()
	files, err := fs.Glob(dist, "dist/*.js")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, m := range modules {
		listed = append(listed, "dist/"+m.File)
	}
	slices.Sort(listed)
	if !slices.Equal(files, listed) {
		t.Errorf("dist files %v, table lists %v", files, listed)
	}
}

func TestUnknownModule(t *testing.T) {
	t.Parallel()
	if _, err := Program("left-pad"); !errors.Is(err, ErrUnknown) {
		t.Errorf("Program(left-pad) error = %v, want ErrUnknown", err)
	}
	if _, err := Load(goja.New(), "left-pad", nil); !errors.Is(err, ErrUnknown) {
		t.Errorf("Load(left-pad) error = %v, want ErrUnknown", err)
	}
}

func TestProgramCompilesOnce(t *testing.T) {
	t.Parallel()
	first, err := Program("tv4")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]*goja.Program, 8)
	for i := range got {
		wg.Go(func() { got[i], _ = Program("tv4") })
	}
	wg.Wait()
	for i, p := range got {
		if p != first {
			t.Errorf("Program call %d returned %p, first call %p", i, p, first)
		}
	}
}

func TestProgramSharedAcrossRuntimes(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			vm := goja.New()
			lib, err := Load(vm, "lodash", nil)
			if err != nil {
				errs[i] = err
				return
			}
			sum := lib.ToObject(vm).Get("sum")
			fn, _ := goja.AssertFunction(sum)
			v, err := fn(nil, vm.ToValue([]int{1, 2, i}))
			if err == nil && v.ToInteger() != int64(3+i) {
				err = errors.New("wrong sum " + v.String())
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("runtime %d: %v", i, err)
		}
	}
}

func TestNestedRequire(t *testing.T) {
	t.Parallel()
	vm := newRuntime(t)
	var asked []string
	require := func(name string) (goja.Value, error) {
		asked = append(asked, name)
		return nil, errors.New("Cannot find module '" + name + "'")
	}
	if _, err := Load(vm, "backbone", require); err != nil {
		t.Fatalf("backbone with failing require: %v", err)
	}
	if !slices.Equal(asked, []string{"jquery"}) {
		t.Errorf("nested requires = %v, want [jquery]", asked)
	}
	if _, err := Load(vm, "backbone", nil); err != nil {
		t.Fatalf("backbone with nil require: %v", err)
	}
}

func TestNestedRequireValue(t *testing.T) {
	t.Parallel()
	vm := newRuntime(t)
	jq := vm.NewObject()
	lib, err := Load(vm, "backbone", func(name string) (goja.Value, error) {
		if name == "jquery" {
			return jq, nil
		}
		return nil, errors.New("unexpected " + name)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := lib.ToObject(vm).Get("$"); got != jq {
		t.Errorf("Backbone.$ = %v, want the value require returned", got)
	}
}

// TestBundlesLeaveNoHostGlobals loads every bundle into one runtime and
// checks that none defines process, require, module or exports globally; the
// only globals a bundle may add are the setImmediate pair that timers
// installs when the host has none.
func TestBundlesLeaveNoHostGlobals(t *testing.T) {
	t.Parallel()
	vm := newRuntime(t)
	const listGlobals = `Object.getOwnPropertyNames(globalThis).sort().join()`
	before, err := vm.RunString(listGlobals)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Names() {
		if _, err := Load(vm, name, nil); err != nil {
			t.Fatalf("Load(%q): %v", name, err)
		}
	}
	after, err := vm.RunString(listGlobals)
	if err != nil {
		t.Fatal(err)
	}
	var added []string
	for _, g := range strings.Split(after.String(), ",") {
		if !slices.Contains(strings.Split(before.String(), ","), g) {
			added = append(added, g)
		}
	}
	if allowed := []string{"clearImmediate", "setImmediate"}; !slices.Equal(added, allowed) {
		t.Errorf("globals added by bundles: %v, want %v", added, allowed)
	}
	got, err := vm.RunString(`[typeof process, typeof require, typeof module, typeof exports].join()`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "undefined,undefined,undefined,undefined"; got.String() != want {
		t.Errorf("globals after loading all bundles: %s, want %s", got, want)
	}
}

func BenchmarkLoadChai(b *testing.B) {
	if _, err := Program("chai"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		vm := goja.New()
		if _, err := Load(vm, "chai", nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestNotices(t *testing.T) {
	t.Parallel()
	notices := Notices()
	for _, m := range modules {
		if want := "== " + m.Package + "@" + m.Version + " =="; !strings.Contains(notices, want) {
			t.Errorf("notices lack %q", want)
		}
	}
}
