package jslib

import (
	"testing"
)

// chaiOriginals are chai 4.4.1's flag and transferFlags as JavaScript (the semantics the
// natives must keep), for the differential test below.
const chaiOriginals = `
var jsFlag = function flag(obj, key, value) {
	var flags = obj.__flags || (obj.__flags = Object.create(null));
	if (arguments.length === 3) { flags[key] = value; } else { return flags[key]; }
};
var jsTransfer = function transferFlags(assertion, object, includeAll) {
	var flags = assertion.__flags || (assertion.__flags = Object.create(null));
	if (!object.__flags) { object.__flags = Object.create(null); }
	includeAll = arguments.length === 3 ? includeAll : true;
	for (var flag in flags) {
		if (includeAll || (flag !== 'object' && flag !== 'ssfi' && flag !== 'lockSsfi' && flag != 'message')) {
			object.__flags[flag] = flags[flag];
		}
	}
};`

// TestChaiNativesMatchChai runs the same calls through the Go flag/transferFlags and chai's
// JavaScript ones and compares everything observable: return values, the flags objects
// (keys, values, prototype) and the functions' name and length.
func TestChaiNativesMatchChai(t *testing.T) {
	vm := newRuntime(t)
	for name, native := range natives {
		if err := vm.Set(map[string]string{"pmrun:chai-flag": "goFlag", "pmrun:chai-transfer-flags": "goTransfer"}[name], native(vm)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := vm.RunString(chaiOriginals); err != nil {
		t.Fatal(err)
	}
	const script = `(function () {
	var sym = Symbol('s');
	function scenario(flag, transfer) {
		var out = [];
		function dump(o) {
			var f = o.__flags;
			if (!f) { return String(f); }
			return JSON.stringify(Object.keys(f).map(function (k) { return [k, String(f[k])]; })) +
				' proto=' + String(Object.getPrototypeOf(f)) + ' sym=' + String(f[sym]);
		}
		var a = {}, b = {}, c = { __flags: 0 }, d = {};
		out.push(flag(a, 'object', 1));              // set
		out.push(flag(a, 'object'));                 // read
		out.push(flag(a, 'message', undefined));     // set to undefined (three arguments)
		out.push('message' in a.__flags);
		out.push(flag(a, 'negate', true, 'extra'));  // four arguments read
		out.push(flag(a, 'negate'));
		flag(a, 7, 'seven');                         // number key
		flag(a, sym, 'symbol');                      // symbol key
		out.push(flag(a, sym), flag(a, '7'));
		out.push(flag(c, 'x'));                      // false-y __flags replaced
		flag(a, 'ssfi', 'S'); flag(a, 'lockSsfi', false); flag(a, 'deep', true);
		transfer(a, b);                              // all
		out.push(dump(b));
		transfer(a, d, false);                       // without object/ssfi/lockSsfi/message
		out.push(dump(d));
		var e = {};
		transfer(a, e, undefined);                   // three arguments, undefined: false-y
		out.push(dump(e));
		var g = {};
		transfer({}, g);                             // empty source still creates flags
		out.push(dump(g));
		out.push(dump(a), dump(c));
		out.push(flag.name, flag.length, transfer.name, transfer.length);
		return out.map(String).join('\n');
	}
	var js = scenario(jsFlag, jsTransfer), go = scenario(goFlag, goTransfer);
	return js === go ? 'same' : 'JS:\n' + js + '\n\nGo:\n' + go;
})()`
	got, err := vm.RunString(script)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != "same" {
		t.Errorf("native chai utilities differ from chai's:\n%s", got)
	}
}

// TestChaiBundleUsesNatives checks that the chai bundle gets its flag utility from Go (so
// the build plugin is in effect) and that assertions still work through it.
func TestChaiBundleUsesNatives(t *testing.T) {
	vm := newRuntime(t)
	chai, err := Load(vm, "chai", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := vm.Set("chai", chai); err != nil {
		t.Fatal(err)
	}
	got, err := vm.RunString(`(function () {
		var native = /native code/.test(Function.prototype.toString.call(chai.util.flag));
		chai.expect({ a: [1, 2] }).to.have.property('a').that.deep.equals([1, 2]);
		chai.expect(undefined).to.be.undefined;
		var failed = '';
		try { chai.expect(1).to.not.equal(1); } catch (e) { failed = e.message; }
		return native + ' ' + failed;
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "true expected 1 to not equal 1"; got.String() != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
