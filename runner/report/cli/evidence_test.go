package cli_test

import (
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner/event/eventtest"
	"github.com/pmrun/pmrun/runner/report/cli"
)

// failingRun is one item whose response body is body and whose one test fails.
func failingRun(body string) *eventtest.Builder {
	item := eventtest.Req("i1", "one", "GET", "http://h/")
	b := eventtest.New(eventtest.Collection("c", item), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, item, func() {
			b.Request(eventtest.Get("http://h/"), eventtest.OK(body, 3), nil)
			b.Test(func() { b.Script("test", func() { b.Fail("status", "expected 404") }, nil) })
		})
	})
	b.Done(nil)
	return b
}

// TestFailureDetailsCutTheBodyAndSaySo: a long body is cut at 2 KB with the cut in words;
// full shows it all; none shows no details.
func TestFailureDetailsCutTheBodyAndSaySo(t *testing.T) {
	t.Parallel()
	body := `{"data":"` + strings.Repeat("a", 5000) + `"}`
	got := render(t, failingRun(body), cli.Options{NoBanner: true, NoSummary: true})
	if !strings.Contains(got, "failure details") || !strings.Contains(got, "(body cut: showing the first 2.05kB of 5.02kB)") {
		t.Errorf("no cut notice:\n%s", got)
	}
	if strings.Count(got, "a") > 2100 {
		t.Errorf("more than 2 KB of the body shown")
	}
	full := render(t, failingRun(body), cli.Options{NoBanner: true, NoSummary: true, FailureDetails: cli.DetailsFull})
	if strings.Contains(full, "body cut") || !strings.Contains(full, strings.Repeat("a", 5000)) {
		t.Errorf("full does not show the whole body")
	}
	none := render(t, failingRun(body), cli.Options{NoBanner: true, NoSummary: true, FailureDetails: cli.DetailsNone})
	if strings.Contains(none, "failure details") {
		t.Errorf("none still shows details:\n%s", none)
	}
}

// TestFailureDetailsMaskBeforeTheCut: a secret that straddles the 2 KB cut is masked before
// the body is cut, so not even its first characters show.
func TestFailureDetailsMaskBeforeTheCut(t *testing.T) {
	t.Parallel()
	const secret = "SECRETVALUE-0123456789"
	body := strings.Repeat("x", 2040) + secret + strings.Repeat("y", 100)
	redact := func(s string) string { return strings.ReplaceAll(s, secret, "********") }
	got := render(t, failingRun(body), cli.Options{NoBanner: true, NoSummary: true, Redact: redact})
	if strings.Contains(got, "SECRET") {
		t.Errorf("the start of the secret shows at the cut:\n%s", got[len(got)-400:])
	}
}
