package junit_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner/event"
	"github.com/pmrun/pmrun/runner/event/eventtest"
	"github.com/pmrun/pmrun/runner/report/junit"
)

type testsuites struct {
	XMLName xml.Name    `xml:"testsuites"`
	Name    string      `xml:"name,attr"`
	Tests   string      `xml:"tests,attr"`
	Time    string      `xml:"time,attr"`
	Suites  []testsuite `xml:"testsuite"`
}

type testsuite struct {
	Name      string     `xml:"name,attr"`
	ID        string     `xml:"id,attr"`
	Timestamp string     `xml:"timestamp,attr"`
	Tests     string     `xml:"tests,attr"`
	Failures  string     `xml:"failures,attr"`
	Errors    string     `xml:"errors,attr"`
	Time      string     `xml:"time,attr"`
	SystemErr string     `xml:"system-err"`
	Cases     []testcase `xml:"testcase"`
}

type testcase struct {
	Name      string   `xml:"name,attr"`
	Time      string   `xml:"time,attr"`
	Classname string   `xml:"classname,attr"`
	Failure   *failure `xml:"failure"`
}

type failure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func parse(t *testing.T, s *event.Summary) (testsuites, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := junit.Write(&buf, s); err != nil {
		t.Fatalf("Write: %v", err)
	}
	var out testsuites
	if err := xml.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("not XML: %v\n%s", err, buf.String())
	}
	return out, buf.String()
}

func TestWriteSample(t *testing.T) {
	t.Parallel()
	doc, text := parse(t, eventtest.Sample(1).Summary())
	if !strings.HasPrefix(text, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<testsuites ") {
		t.Errorf("missing XML declaration: %.80q", text)
	}
	if doc.Name != "Sample API" || doc.Tests != "3" || doc.Time != "0.042" {
		t.Errorf("testsuites name %q tests %q time %q, want Sample API, 3, 0.042", doc.Name, doc.Tests, doc.Time)
	}
	type row struct{ name, id, tests, failures, errors, time string }
	want := []row{
		{"List users", "i-list", "3", "0", "0", "0.012"},
		{"Accounts / Create account", "i-create", "2", "1", "1", "0.030"},
		{"Accounts / Get account", "i-get", "1", "0", "1", "0.000"},
	}
	if len(doc.Suites) != len(want) {
		t.Fatalf("suites = %d, want %d (no suite for the item that skipped its request)", len(doc.Suites), len(want))
	}
	for i, w := range want {
		s := doc.Suites[i]
		if got := (row{s.Name, s.ID, s.Tests, s.Failures, s.Errors, s.Time}); got != w {
			t.Errorf("suite %d = %+v, want %+v", i, got, w)
		}
		if s.Timestamp != "2026-01-02T03:04:05.000Z" {
			t.Errorf("suite %d timestamp = %q", i, s.Timestamp)
		}
	}
	create := doc.Suites[1]
	if !strings.Contains(create.SystemErr, "testScriptError: Cannot read properties of undefined (reading 'id')") ||
		!strings.HasPrefix(strings.TrimSpace(create.SystemErr), "Iteration: 0\n") {
		t.Errorf("create system-err = %q", create.SystemErr)
	}
	if got := doc.Suites[2].SystemErr; !strings.Contains(got, "RequestError: Error: connect ECONNREFUSED 127.0.0.1:9") {
		t.Errorf("get system-err = %q", got)
	}
	if doc.Suites[0].SystemErr != "" {
		t.Errorf("system-err for an item without errors: %q", doc.Suites[0].SystemErr)
	}
	if len(create.Cases) != 2 {
		t.Fatalf("create testcases = %+v", create.Cases)
	}
	pass, fail := create.Cases[0], create.Cases[1]
	if pass.Name != "created" || pass.Failure != nil || pass.Classname != "AccountsCreateAccount" || pass.Time != "0.030" {
		t.Errorf("passing testcase = %+v", pass)
	}
	if fail.Failure == nil || fail.Failure.Type != "AssertionFailure" ||
		fail.Failure.Message != "expected response to have status code 200 but got 201" {
		t.Fatalf("failing testcase = %+v", fail)
	}
	for _, line := range []string{"Failed 1 times.", "Collection JSON ID: coll-1.", "Collection name: Sample API.",
		"Request name: Accounts / Create account.", "Test description: status is 200.",
		"Error message: expected response to have status code 200 but got 201.", "Stacktrace: AssertionError: "} {
		if !strings.Contains(fail.Failure.Text, line) {
			t.Errorf("failure text lacks %q:\n%s", line, fail.Failure.Text)
		}
	}
}

func TestWriteCountsFailuresOverIterations(t *testing.T) {
	t.Parallel()
	doc, _ := parse(t, eventtest.Sample(2).Summary())
	create := doc.Suites[1]
	if create.Failures != "2" || create.Errors != "2" || create.Tests != "2" {
		t.Errorf("create over 2 iterations: failures %s errors %s tests %s, want 2 2 2", create.Failures, create.Errors, create.Tests)
	}
	if f := create.Cases[1].Failure; f == nil || !strings.Contains(f.Text, "Failed 2 times.") {
		t.Errorf("failure = %+v, want Failed 2 times", f)
	}
	if !strings.Contains(create.SystemErr, "Iteration: 1\n") {
		t.Errorf("system-err lacks the second iteration: %q", create.SystemErr)
	}
}

func TestWriteEscapes(t *testing.T) {
	t.Parallel()
	nasty := "a <b> & \"c\" ]]> d\x01\ne"
	item := eventtest.Req("i<1>", nasty, "GET", "http://h/")
	b := eventtest.New(eventtest.Collection("coll & <co>", item), 1, 1)
	b.Iteration(0, func() {
		b.Item(0, item, func() {
			b.Request(eventtest.Get("http://h/"), eventtest.OK("", 3), nil)
			b.Test(func() {
				b.Script("test", func() { b.Fail(nasty, "bad ]]> value <x/>") }, &event.Error{Name: "Error", Message: "]]>"})
			})
		})
	})
	b.Done(nil)
	doc, _ := parse(t, b.Summary())
	want := "a <b> & \"c\" ]]> d\uFFFD\ne"
	s := doc.Suites[0]
	if doc.Name != "coll & <co>" || s.Name != want || s.ID != "i<1>" {
		t.Errorf("names did not survive: %q %q %q", doc.Name, s.Name, s.ID)
	}
	if c := s.Cases[0]; c.Name != want || c.Failure.Message != "bad ]]> value <x/>" ||
		!strings.Contains(c.Failure.Text, "Error message: bad ]]> value <x/>.") {
		t.Errorf("testcase did not survive: %+v", c)
	}
	if !strings.Contains(s.SystemErr, "testScriptError: ]]>") {
		t.Errorf("system-err = %q", s.SystemErr)
	}
}

func TestWriteEmptyRun(t *testing.T) {
	t.Parallel()
	b := eventtest.New(eventtest.Collection("empty"), 1, 0)
	b.Iteration(0, func() {})
	b.Done(nil)
	doc, text := parse(t, b.Summary())
	if len(doc.Suites) != 0 || doc.Tests != "0" {
		t.Errorf("empty run: %s", text)
	}
	if err := junit.Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("Write(nil) succeeded")
	}
}
