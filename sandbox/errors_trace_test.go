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

// TestErrorThroughCollectionFunction: an item script calls a function that the
// collection-level script defined; the error names the item's line at the start of the
// call, and the trace goes through the collection script.
func TestErrorThroughCollectionFunction(t *testing.T) {
	h := newHarness(t, Options{})
	coll := newExec("prerequest", "helpers = { check: function (x) { return x.nope.deeper; } };")
	coll.ScriptName = "collection [prerequest]"
	if res := h.sb.Run(t.Context(), coll); res.Err != nil {
		t.Fatal(res.Err)
	}
	item := newExec("test", "const v = 1;\nfunction inner() { return helpers.check({}); }\ninner();")
	res := h.sb.Run(t.Context(), item)
	if res.Err == nil {
		t.Fatal("no error")
	}
	// Line 2, column 27: the start of helpers.check(...) (goja alone says the "(").
	if res.Err.Line != 2 || res.Err.Column != 27 {
		t.Errorf("error at %d:%d, want 2:27", res.Err.Line, res.Err.Column)
	}
	want := []string{
		"check (collection [prerequest]:1:49)",
		"inner (Folder/Item [test]:2:27)",
		"Folder/Item [test]:3:1",
	}
	if !reflect.DeepEqual(res.Err.Trace, want) {
		t.Errorf("trace %q\nwant  %q", res.Err.Trace, want)
	}
}
