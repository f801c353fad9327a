package sandbox

import (
	"reflect"
	"testing"
)

// TestScriptTrace: frames in the collection's scripts are kept, innermost first, with
// user columns; a calling frame points at the start of its callee.
func TestScriptTrace(t *testing.T) {
	// goja's columns on line 1 include the wrapper's head; the "(" of check( is column 33.
	stack := "TypeError: x\n\tat check (collection [prerequest]:1:69(3))\n\tat lib (corejs/pm.js:10:2(1))\n" +
		"\tat inner (F/two [test]:1:" + itoa(len(wrapHead)+33) + "(4))\n\tat F/two [test]:3:6(5)\n"
	sources := map[string]string{"F/two [test]": "function inner() { helpers.check({}); }\n\ninner();"}
	got := scriptTrace(stack, sources)
	want := []string{
		"check (collection [prerequest]:1:" + itoa(69-len(wrapHead)) + ")",
		"inner (F/two [test]:1:20)",
		"F/two [test]:3:1",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("trace %q\nwant  %q", got, want)
	}
	if tr := scriptTrace("Error: x\n\tat F/two [test]:3:6(5)\n", sources); tr != nil {
		t.Errorf("a one-frame stack gives a trace: %q", tr)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
