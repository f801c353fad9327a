package sandbox

import (
	"context"
	"strings"
	"testing"
)

// TestJSONParseAsLiquidJSON checks the global JSON against what Newman 6.2.2's sandbox
// (liquid-json 0.3.1) throws, recorded with real Newman: the error's name, exact message
// and class, for JSON.parse and for pm.response.json().
func TestJSONParseAsLiquidJSON(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	cases := []struct{ expr, want string }{
		{`JSON.parse('<x>')`, "JSONError \"Unexpected token '<' at 1:1\\n<x>\\n^\" true"},
		{`JSON.parse('')`, `JSONError "No data, empty input at 1:1\n\n^" true`},
		{`JSON.parse(' ')`, `JSONError "No data, only a whitespace at 1:2\n \n ^" true`},
		{`JSON.parse(undefined)`, `JSONError "\"undefined\" is not valid JSON" true`},
		{`JSON.parse()`, `JSONError "\"undefined\" is not valid JSON" true`},
		{`JSON.parse(null)`, `OK null`},
		{`JSON.parse('{')`, `JSONError "Unexpected end of input at 1:2\n{\n ^" true`},
		{`JSON.parse('[1,]')`, `JSONError "Trailing comma in array at 1:4\n[1,]\n   ^" true`},
		{`JSON.parse('{"a":1,}')`, `JSONError "Trailing comma in object at 1:8\n{\"a\":1,}\n       ^" true`},
		{`JSON.parse('1.')`, `JSONError "Non-json numeric literal - \"1.\" at 1:2\n1.\n ^" true`},
		{`JSON.parse('{\n  "a": 1,\n  "b": oops\n}')`, `JSONError "No value found for key b at 3:8\n  \"b\": oops\n       ^" true`},
		{`JSON.parse('\r\n{')`, `JSONError "Unexpected end of input at 2:2\n{\n ^" true`},
		{`JSON.parse({})`, "JSONError \"Unexpected token 'o' at 1:2\\n[object Object]\\n ^\" true"},
		{`JSON.parse('\uFEFF{"a":1}')`, `OK {"a":1}`},
		{`JSON.parse('"\u0001"')`, `JSONError "Unexpected control character at 1:2\n\"\u0001\"\n ^" true`},
		{`JSON.parse('{"a":[1,{"b":true}]}', (k, v) => v === true ? 'yes' : v)`, `OK {"a":[1,{"b":"yes"}]}`},
		{`JSON.stringify((() => { const o = {}; o.o = o; return o; })())`, `JSONError`},
		{`pm.response.json()`, `OK {"args":{"a":"1"},"n":5,"list":[1,2,3]}`},
	}
	for _, tc := range cases {
		src := `let got;
try { const v = ` + tc.expr + `; got = 'OK ' + JSON.stringify(v); }
catch (e) { got = e.name + (e.message.startsWith('Converting circular') ? '' : ' ' + JSON.stringify(e.message) + ' ' + (e instanceof SyntaxError)); }
console.log(got);`
		h.reset()
		if res := h.run(src); res.Err != nil {
			t.Fatalf("%s: %v", tc.expr, res.Err)
		}
		if got := strings.TrimPrefix(joinLines(h.rec.console()), "log: "); got != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.expr, got, tc.want)
		}
	}
	ex := newExec("test", `try { pm.response.json(); } catch (e) { console.log(e.name, JSON.stringify(e.message)); }`)
	ex.Response.Body = []byte("<!DOCTYPE html>\n<html>")
	h.reset()
	h.sb.Run(context.Background(), ex)
	if got, want := joinLines(h.rec.console()), "log: JSONError \"Unexpected token '<' at 1:1\\n<!DOCTYPE html>\\n^\""; got != want {
		t.Errorf("pm.response.json() on HTML:\n got %s\nwant %s", got, want)
	}
}

// TestErrorToJSON checks JSON.stringify of errors against Newman 6.2.2 (recorded with real
// Newman): {type, name, message} for every Error, own properties left out, a subclass's own
// toJSON kept, and the method enumerable on Error.prototype.
func TestErrorToJSON(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	cases := []struct{ expr, want string }{
		{`JSON.stringify(new Error('x'))`, `{"type":"Error","name":"Error","message":"x"}`},
		{`JSON.stringify(new TypeError('y'))`, `{"type":"Error","name":"TypeError","message":"y"}`},
		{`JSON.stringify(Object.assign(new Error('z'), {code: 5}))`, `{"type":"Error","name":"Error","message":"z"}`},
		{`JSON.stringify({e: new RangeError('r')})`, `{"e":{"type":"Error","name":"RangeError","message":"r"}}`},
		{`(() => { try { JSON.parse('{') } catch (e) { return JSON.stringify(e); } })()`, `{"type":"Error","name":"JSONError","message":"Unexpected end of input at 1:2\n{\n ^"}`},
		{`(() => { class A extends Error { toJSON () { return 'own'; } } return JSON.stringify(new A('a')); })()`, `"own"`},
		{`JSON.stringify(Object.getOwnPropertyDescriptor(Error.prototype, 'toJSON'))`, `{"writable":true,"enumerable":true,"configurable":true}`},
		{`Object.keys(new Error('k')).join(',') + '|' + Error.prototype.toJSON.name`, `|`},
	}
	for _, tc := range cases {
		h.reset()
		if res := h.run(`console.log(` + tc.expr + `);`); res.Err != nil {
			t.Fatalf("%s: %v", tc.expr, res.Err)
		}
		if got := strings.TrimPrefix(joinLines(h.rec.console()), "log: "); got != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.expr, got, tc.want)
		}
	}
}

// TestRegExpExecFromLastIndex checks a global regexp's exec loop from a non-zero lastIndex
// where the pattern starts with an alternation holding ^ and is followed by a negated class
// (regexp2 before v2.10 skipped the match; V8 finds it).
func TestRegExpExecFromLastIndex(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	src := `var re = /(^|_)([^_]+)/g, m, out = [];
while ((m = re.exec('a_b_cd')) !== null) { out.push(m.index + ':' + m[2] + ':' + re.lastIndex); }
out.push(JSON.stringify('foo_bar'.replace(/(^|_)([^_])/g, '[$2]')));
out.push(JSON.stringify(/(x|^)[^_]/y.exec('ab')));
console.log(out.join(' '));`
	if res := h.run(src); res.Err != nil {
		t.Fatal(res.Err)
	}
	if got, want := joinLines(h.rec.console()), `log: 0:a:1 1:b:3 3:cd:6 "[f]oo[b]ar" ["a",""]`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
