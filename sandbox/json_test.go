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
