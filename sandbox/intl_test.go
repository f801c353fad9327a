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
	src.WriteString("const out = [];\n")
	for _, c := range table.Cases {
		l, _ := json.Marshal(c.Locale)
		e, _ := json.Marshal(c.Expr)
		src.WriteString("try { out.push(String(new Function('L', 'return ' + " + string(e) + ")(" + string(l) + "))); } catch (e) { out.push('threw ' + e); }\n")
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
