package pmvault

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// printableASCII is every printable ASCII character, space to tilde.
func printableASCII() string {
	var b strings.Builder
	for c := byte(' '); c <= '~'; c++ {
		b.WriteByte(c)
	}
	return b.String()
}

// TestRedactFormsOfRealEngines masks values in the exact texts that chai (through Newman
// 6.2.2), Node 20's util.inspect and encodeURI, and pmrun's sandbox print for them. The
// texts were captured from those programs, not computed by the code under test.
func TestRedactFormsOfRealEngines(t *testing.T) {
	t.Parallel()
	all := printableASCII()
	values := []string{all, "Tr0ub4dor'sHorse-Battery9", "a'b\"c`d-secret-value",
		"ctl\b\f\v\x7f\x01\n\t\r\\end", "x\u00e9\u00ad\u2028\U0001F600y-more"}
	r := NewRedactor(true)
	for _, v := range values {
		r.Add(v)
	}
	cases := []struct{ name, text, want string }{
		// chai through Newman: the message, then as Newman's JSON report and JUnit carry it.
		{"chai all", `expected ' !"#$%&\'()*+,-./0123456789:;<=>?@ABC…' to equal 'nope'`, `expected '` + Mask + `' to equal 'nope'`},
		{"chai all json", `"expected ' !\"#$%&\\'()*+,-./0123456789:;<=>?@ABC…' to equal 'nope'"`, `"expected '` + Mask + `' to equal 'nope'"`},
		{"chai all junit", `message="expected ' !&quot;#$%&amp;\'()*+,-./0123456789:;&lt;=&gt;?@ABC…' to equal 'nope'"`, `message="expected '` + Mask + `' to equal 'nope'"`},
		{"chai apostrophe", `expected 'Tr0ub4dor\'sHorse-Battery9' to equal 'nope'`, `expected '` + Mask + `' to equal 'nope'`},
		{"chai apostrophe json", `"expected 'Tr0ub4dor\\'sHorse-Battery9' to equal 'nope'"`, `"expected '` + Mask + `' to equal 'nope'"`},
		{"chai deep", `expected { k: 'a\'b"c` + "`" + `d-secret-value' } to deeply equal { k: 1 }`, `expected { k: '` + Mask + `' } to deeply equal { k: 1 }`},
		{"chai controls", `expected 'ctl\b\f\u000b\u007f\u0001\n\t\r\end' to equal 'nope'`, `expected '` + Mask + `' to equal 'nope'`},
		{"chai unicode", "expected 'x\u00e9\\u00ad\\u2028\U0001F600y-more' to equal 'nope'", `expected '` + Mask + `' to equal 'nope'`},
		// Node 20 util.inspect({k: s}) and encodeURI(s).
		{"node inspect all", "{\n  k: ' !\"#$%&\\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'\n}", "{\n  k: '" + Mask + "'\n}"},
		{"node inspect apostrophe", `{ k: "Tr0ub4dor'sHorse-Battery9" }`, `{ k: "` + Mask + `" }`},
		{"node inspect three quotes", "{ k: 'a\\'b\"c`d-secret-value' }", "{ k: '" + Mask + "' }"},
		{"node inspect controls", `{ k: 'ctl\b\f\x0B\x7F\x01\n\t\r\\end' }`, "{ k: '" + Mask + "' }"},
		{"node encodeURI all", "%20!%22#$%25&'()*+,-./0123456789:;%3C=%3E?@ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~", Mask},
		{"node encodeURI three", "q=a'b%22c%60d-secret-value", "q=" + Mask},
		{"node encodeURI controls", "ctl%08%0C%0B%7F%01%0A%09%0D%5Cend", Mask},
		// pmrun's sandbox: console.log({k: s}), encodeURIComponent(s), JSON.stringify(s), escape(s).
		{"sandbox inspect all", "{\n  k: ' !\"#$%&\\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'\n}", "{\n  k: '" + Mask + "'\n}"},
		{"sandbox encodeURIComponent", "%20!%22%23%24%25%26'()*%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~", Mask},
		{"sandbox JSON.stringify", `" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_` + "`" + `abcdefghijklmnopqrstuvwxyz{|}~"`, `"` + Mask + `"`},
		{"sandbox escape", "%20%21%22%23%24%25%26%27%28%29*+%2C-./0123456789%3A%3B%3C%3D%3E%3F@ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D%7E", Mask},
	}
	for _, tc := range cases {
		if got := r.Redact(tc.text); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// TestRedactLongValues: values of 64 KB (one repeated character, and every printable ASCII
// character over and over) are masked whole, in one piece and written through a Writer in
// small chunks, and cut with "…".
func TestRedactLongValues(t *testing.T) {
	t.Parallel()
	all := strings.Repeat(printableASCII(), 64<<10/95+1)[:64<<10]
	for name, v := range map[string]string{"one character": strings.Repeat("x", 64<<10), "printable": all} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := NewRedactor(true)
			r.Add(v)
			text := "a " + v + " b " + jsonForm(v, true) + " c " + chaiForm(v)[:40] + "… d"
			want := "a " + Mask + " b " + Mask + " c " + Mask + " d"
			if got := r.Redact(text); got != want {
				t.Errorf("Redact: %d bytes out, want %q", len(got), want)
			}
			var buf bytes.Buffer
			w := r.Writer(&buf)
			for i := 0; i < len(text); i += 1000 {
				if _, err := w.Write([]byte(text[i:min(i+1000, len(text))])); err != nil {
					t.Fatal(err)
				}
			}
			if err := FlushWriter(w); err != nil {
				t.Fatal(err)
			}
			if buf.String() != want {
				t.Errorf("Writer: %d bytes out, want %q", buf.Len(), want)
			}
			// A longer run of the same text is masked as one.
			if name == "one character" {
				if got := r.Redact(v + v[:100]); got != Mask {
					t.Errorf("a run longer than the value: %q", got[:min(len(got), 50)])
				}
			}
		})
	}
}

// TestRedactorStoresLinear: what a 1 MiB value leaves in the redactor is a bounded
// multiple of its length, even for a value made of every special character (the old
// redactor stored every prefix: about 550 GB for 1 MiB). Memory itself is measured by
// BenchmarkRedactorLongValue.
func TestRedactorStoresLinear(t *testing.T) {
	t.Parallel()
	v := strings.Repeat(printableASCII(), 1<<20/95+1)[:1<<20]
	r := NewRedactor(true)
	r.Add(v)
	stored := 0
	for _, f := range r.forms {
		stored += len(f.s)
	}
	stored += len(r.ac.nodes) * 64
	if stored > 64*len(v) {
		t.Errorf("a 1 MiB value stores %d MB, want at most 64 times its length", stored>>20)
	}
	if got := r.Redact("x" + v + "y"); got != "x"+Mask+"y" {
		t.Fatal("the 1 MiB value was not masked")
	}
}

// BenchmarkRedactorLongValue measures adding a long value and redacting text that holds it.
func BenchmarkRedactorLongValue(b *testing.B) {
	for _, size := range []int{64 << 10, 1 << 20} {
		v := strings.Repeat(printableASCII(), size/95+1)[:size]
		text := strings.Repeat("ordinary output line\n", 1000) + v + "\n"
		b.Run(fmt.Sprintf("add-%dKB", size>>10), func(b *testing.B) {
			b.ReportAllocs()
			var kept uint64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				r := NewRedactor(true)
				r.Add(v)
				_ = r.Redact(text) // computes the failure tables of the forms it meets
				runtime.GC()
				runtime.ReadMemStats(&after)
				kept = after.HeapAlloc - before.HeapAlloc
				runtime.KeepAlive(r)
			}
			b.ReportMetric(float64(kept)/(1<<20), "MB-kept")
		})
		b.Run(fmt.Sprintf("redact-%dKB", size>>10), func(b *testing.B) {
			r := NewRedactor(true)
			r.Add(v)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				_ = r.Redact(text)
			}
		})
	}
}

// TestRedactCutTrimmedAndSplitValues: output that cuts a value anywhere after its first 12
// bytes, trims it (HTTP header values) or shows its pieces between URL delimiters apart
// (a URL split into path segments and query parameters) shows none of it.
func TestRedactCutTrimmedAndSplitValues(t *testing.T) {
	t.Parallel()
	r := NewRedactor(true)
	r.Add("sk_live_0123456789abcdefXYZ")
	r.Add("  padded-secret-value ")
	r.Add("first-long-segment/second?query-part-long#fragment-long-enough")
	cases := map[string]string{
		"body: sk_live_0123456789ab":                                           "body: " + Mask,
		"body: sk_live_0123456789ab\n(…)":                                      "body: " + Mask + "\n(…)",
		"X-Key: padded-secret-value\r\n":                                       "X-Key: " + Mask + "\r\n",
		`"path": ["first-long-segment", "second"], "query": "query-part-long"`: `"path": ["` + Mask + `", "second"], "query": "` + Mask + `"`,
		"fragment: fragment-long-enough":                                       "fragment: " + Mask,
		// Short starts are ordinary text.
		"sk_live_01 and padded": "sk_live_01 and padded",
	}
	for in, want := range cases {
		if got := r.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRedactRenderedURLForms: a value placed in a URL that the runner renders is encoded with
// the set of the part it lands in, and a "#" (or a "?" in a path) inside it moves the rest
// into the next part, encoded with that part's set: the whole rendered text is masked.
func TestRedactRenderedURLForms(t *testing.T) {
	t.Parallel()
	secret := `q'u"o` + "`te-#-and space"
	printable := ` !"#$%&'()*+,-./0123456789:;<=>?@AZ[\]^_` + "`az{|}~"
	for _, tc := range []struct{ value, text string }{
		{secret, "GET http://h/post?db=q%27u%22o`te-#-and%20space&o=1"},                   // query, then fragment
		{secret, "GET http://h/p/q'u%22o%60te-#-and%20space"},                             // path, then fragment
		{secret, "GET http://h/#q'u%22o%60te-#-and%20space"},                              // fragment
		{printable, "key=%20!%22#$%&'()*+,-./0123456789:;%3C=%3E?@AZ[\\]^_%60az{|}~&x=1"}, // query, then fragment
		{printable, "/%20!%22#$%&'()*+,-./0123456789:;%3C=%3E?@AZ[\\]^_%60az{|}~"},        // path, then fragment
	} {
		r := NewRedactor(true)
		r.Add(tc.value)
		got := r.Redact(tc.text)
		if strings.Contains(got, "te-") || strings.Contains(got, "0123456789") {
			t.Errorf("Redact(%q) = %q: the rendered value is not masked", tc.text, got)
		}
	}
}
