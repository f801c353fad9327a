package sandbox

import "testing"

// TestSDKMatchesPostmanCollection runs a script against require('postman-collection') and
// compares its output with what the same script printed under Node with the real
// postman-collection 4.4.0 (Newman 6.2.2's).
func TestSDKMatchesPostmanCollection(t *testing.T) {
	const want = `{"a":"1","n":5} | {"autoCompact":false,"stream":[["b",2],["b",3],["a"]],"compacted":{}} | 3 | false | 3 | {"n":5,"b":3} | {"b":3} | 3-5-{{zz}} | 2 | {"autoCompact":false,"stream":[["k",1],["k",2]],"compacted":{}} | r | C | true | true | F | buffer`
	h := newHarness(t, Options{})
	res := h.run("const sdk = require('postman-collection');\n" + sdkScript)
	if res.Err != nil {
		t.Fatalf("script error: %s", errText(res.Err))
	}
	if got := h.rec.console(); len(got) != 1 || got[0] != "log: "+want {
		t.Errorf("got  %q\nwant %q", got, "log: "+want)
	}
}

const sdkScript = `const out = [];
const s = new sdk.VariableScope({ values: [{ key: 'a', value: '1' }, { key: 'n', value: 5, type: 'number' }] });
out.push(JSON.stringify(s.toObject()));
s.enableTracking();
s.set('b', 2); s.set('b', 3); s.unset('a');
out.push(JSON.stringify(s.mutations.toJSON()), s.mutations.count());
out.push(s.has('a'), s.get('b'), JSON.stringify(s.syncVariablesTo({ x: 1 })));
const t = new sdk.VariableScope(); s.mutations.applyOn(t); out.push(JSON.stringify(t.toObject()));
out.push(s.replaceIn('{{b}}-{{n}}-{{zz}}'));
const m = new sdk.MutationTracker({ autoCompact: false }); m.track('set', 'k', 1); m.track('set', 'k', 2); out.push(m.count(), JSON.stringify(m.toJSON()));
const c = new sdk.Collection({ info: { name: 'C' }, item: [{ name: 'F', item: [{ name: 'r', request: 'http://x.test/a' }] }] });
const names = []; c.forEachItem(i => names.push(i.name)); out.push(names.join(','), c.name, sdk.ItemGroup.isItemGroup(c), sdk.Item.isItem(c.oneDeep('r')), c.oneDeep('r').parent().name);
out.push(new sdk.Response({ stream: Buffer.from('buffer') }).text());
console.log(out.join(' | '));
`

// TestSDKVariableScopeTypes: a VariableScope casts values to their type, as
// postman-collection 4.4.0 does (recorded under Node).
func TestSDKVariableScopeTypes(t *testing.T) {
	const want = `[5,true,"{\"a\":1}","7",null,false] | 9`
	h := newHarness(t, Options{})
	res := h.run(`const sdk = require('postman-collection');
const s = new sdk.VariableScope({ values: [{ key: 'n', value: '5', type: 'number' }, { key: 'b', value: 'true', type: 'boolean' },
    { key: 'j', value: '{"a":1}', type: 'json' }, { key: 'x', value: 7, type: 'string' }, { key: 'd', value: 'v', disabled: true }] });
const first = JSON.stringify([s.get('n'), s.get('b'), s.get('j'), s.get('x'), s.get('d'), s.has('d')]);
s.set('n', '9');
console.log(first + ' | ' + JSON.stringify(s.get('n')));`)
	if res.Err != nil {
		t.Fatalf("script error: %s", errText(res.Err))
	}
	if got := h.rec.console(); len(got) != 1 || got[0] != "log: "+want {
		t.Errorf("got  %q\nwant %q", got, "log: "+want)
	}
}
