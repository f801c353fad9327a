package html_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner/event/eventtest"
	"github.com/pmrun/pmrun/runner/report/html"
)

// page renders a one-item run whose response body is body; failing makes its test fail.
func page(t *testing.T, body string, failing bool, redact func(string) string) string {
	t.Helper()
	item := eventtest.Req("i1", "one", "GET", "http://h/")
	b := eventtest.New(eventtest.Collection("c", item), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, item, func() {
			b.Request(eventtest.Get("http://h/"), eventtest.OK(body, 3), nil)
			b.Test(func() {
				b.Script("test", func() {
					b.Console("warn", "look </script><b>here</b>")
					if failing {
						b.Fail("status", "expected 404")
					} else {
						b.Pass("status")
					}
				}, nil)
			})
		})
	})
	b.Done(nil)
	r := html.New(redact)
	if err := b.Replay(r); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := r.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestPageIsSelfContainedAndEscaped: no external resource, and text from the run cannot
// close the data script or inject markup.
func TestPageIsSelfContainedAndEscaped(t *testing.T) {
	got := page(t, `{"x":"</script><script>alert(1)</script>"}`, true, nil)
	for _, bad := range []string{"http://h/</script>", "<script>alert(1)", "<b>here</b>", `src="http`, `href="http`} {
		if strings.Contains(got, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if strings.Count(got, "</script>") != 2 { // the data block and the code
		t.Errorf("%d </script> in the page, want 2", strings.Count(got, "</script>"))
	}
}

// TestBodiesAreCutAndMasked: a passed request's body is cut to 8 KB, a failed one's kept up
// to 64 KB; a secret at the cut is masked before the cut.
func TestBodiesAreCutAndMasked(t *testing.T) {
	long := strings.Repeat("p", 20000)
	if got := page(t, long, false, nil); strings.Contains(got, strings.Repeat("p", 8193)) || !strings.Contains(got, `"bz":20000`) {
		t.Errorf("a passed request's 20 kB body is not cut to 8 KB with its size noted")
	}
	if got := page(t, long, true, nil); !strings.Contains(got, long) {
		t.Errorf("a failed request's 20 kB body was cut")
	}
	const secret = "SECRET-VALUE-123456"
	body := strings.Repeat("x", 8190) + secret
	redact := func(s string) string { return strings.ReplaceAll(s, secret, "********") }
	if got := page(t, body, false, redact); strings.Contains(got, "SECR") {
		t.Errorf("the start of a secret shows at the cut")
	}
}
