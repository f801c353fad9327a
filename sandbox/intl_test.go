package sandbox

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestIntlMatchesNode runs every expression that testdata/intl/record.js recorded with
// Node 20 and compares the sandbox's answer with Node's.
func TestIntlMatchesNode(t *testing.T) {
	raw, err := os.ReadFile("testdata/intl/node20.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Node  string
		Cases []struct{ Locale, Expr, Want string }
	}
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	src.WriteString("const out = [];\nconst D = new Date(Date.UTC(2026, 11, 6, 18, 5, 9, 123));\nconst E = new Date(Date.UTC(2026, 0, 5, 0, 3, 0));\n")
	for _, c := range table.Cases {
		l, _ := json.Marshal(c.Locale)
		e, _ := json.Marshal(c.Expr)
		src.WriteString("try { out.push(String(new Function('L', 'D', 'E', 'return ' + " + string(e) + ")(" + string(l) + ", D, E))); } catch (e) { out.push('threw ' + e); }\n")
	}
	src.WriteString("console.log(JSON.stringify(out));\n")
	h := newHarness(t, Options{})
	res := h.run(src.String())
	if res.Err != nil {
		t.Fatalf("script error: %s", errText(res.Err))
	}
	lines := h.rec.console()
	if len(lines) != 1 {
		t.Fatalf("console: %v", lines)
	}
	var got []string
	if err := json.Unmarshal([]byte(strings.TrimPrefix(lines[0], "log: ")), &got); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for i, c := range table.Cases {
		if intlKnownDifference[c.Locale+" "+c.Expr] {
			continue
		}
		if got[i] != c.Want {
			failed++
			t.Errorf("%s %s\n got  %q\n want %q (node %s)", c.Locale, c.Expr, got[i], c.Want, table.Node)
		}
	}
	t.Logf("%d of %d cases equal to Node's", len(table.Cases)-failed-len(intlKnownDifference), len(table.Cases))
}

// intlKnownDifference are the cases where our CLDR data (see intl.go) and Node 20's CLDR 43 disagree.
var intlKnownDifference = map[string]bool{
	// x/text's plural rules are CLDR 32: French "many" (1e6 and up) came with CLDR 38.
	"fr-FR JSON.stringify(new Intl.PluralRules(L).resolvedOptions().pluralCategories)": true,
	// CLDR 43 has no French symbol for the yen ("JPY"); CLDR 49 has "¥".
	`fr-FR new Intl.NumberFormat(L, { style: "currency", currency: "JPY" }).format(1234.5)`: true,
}

// TestIntlErrors checks Intl's errors for bad input, worded as Node words them.
func TestIntlErrors(t *testing.T) {
	runChecks(t, `
pm.test('errors', () => {
    pm.expect(() => new Intl.NumberFormat('x_invalid!')).to.throw(RangeError, 'Incorrect locale information provided');
    pm.expect(() => (1).toLocaleString('en', { style: 'currency' })).to.throw(TypeError, 'Currency code is required with currency style.');
    pm.expect(() => (1).toLocaleString('en', { maximumFractionDigits: 101 })).to.throw(RangeError, 'maximumFractionDigits value is out of range.');
    pm.expect(() => new Intl.DateTimeFormat('en', { timeZone: 'Foo/Bar' })).to.throw(RangeError, 'Invalid time zone specified: Foo/Bar');
    pm.expect(() => new Intl.DateTimeFormat('en', { dateStyle: 'short', year: 'numeric' })).to.throw(TypeError, "Can't set option year when dateStyle is used");
    pm.expect(() => new Intl.DateTimeFormat('en').format(NaN)).to.throw(RangeError, 'Invalid time value');
    pm.expect(new Date(NaN).toLocaleString()).to.equal('Invalid Date');
});
pm.test('shape', () => {
    pm.expect(Intl.getCanonicalLocales(['EN-us', 'de-de'])).to.deep.equal(['en-US', 'de-DE']);
    pm.expect(Object.prototype.toString.call(new Intl.NumberFormat())).to.equal('[object Intl.NumberFormat]');
    pm.expect(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' })).to.be.an.instanceof(Intl.DateTimeFormat);
    const f = new Intl.NumberFormat('de-DE').format;
    pm.expect([1, 2.5].map(f)).to.deep.equal(['1', '2,5']);
    pm.expect(new Date(0).toLocaleString('en-US', { timeZone: 'Asia/Tokyo' })).to.equal('1/1/1970, 9:00:00 AM');
});`)
}

// TestIntlHostTimeZone: the default timeZone is the host's zone name the caller gives.
func TestIntlHostTimeZone(t *testing.T) {
	h := newHarness(t, Options{TimeZone: "europe/berlin"})
	res := h.run(`pm.test('zone', () => pm.expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('Europe/Berlin'));`)
	if res.Err != nil || len(h.rec.assertions()) != 1 || h.rec.assertions()[0].Err != nil {
		t.Fatalf("err %s, assertions %+v", errText(res.Err), h.rec.assertions())
	}
}
