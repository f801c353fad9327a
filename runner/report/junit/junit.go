package junit

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/pmrun/pmrun/runner/event"
)

// Write writes s as Newman's JUnit XML report to w.
func Write(w io.Writer, s *event.Summary) error {
	if s == nil {
		return errors.New("writing junit report: no summary")
	}
	x := &xmlWriter{w: w}
	name, collID := "", ""
	if s.Collection != nil {
		name, collID = s.Collection.Info.Name, s.Collection.Info.ID
	}
	suites := groupSuites(s.Executions)
	var total float64
	for _, su := range suites {
		for _, ex := range su.runs {
			total += seconds(ex)
		}
	}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.open(0, "testsuites", false, "name", name, "tests", strconv.Itoa(s.Stats.Tests.Total),
		"time", fixed3(total))
	stamp := s.Timings.Started.UTC().Format("2006-01-02T15:04:05.000Z")
	for _, su := range suites {
		su.write(x, stamp, name, collID)
	}
	x.close(0, "testsuites")
	if x.err != nil {
		return fmt.Errorf("writing junit report: %w", x.err)
	}
	return nil
}

// suite is one item's executions (each repeated once per request event, as Newman lists them).
type suite struct {
	runs []*event.Execution
}

// groupSuites groups the executions that sent a request by item, in order of appearance.
func groupSuites(execs []*event.Execution) []*suite {
	var out []*suite
	byID := map[string]*suite{}
	for _, ex := range execs {
		if ex.Requests == 0 || ex.Item == nil {
			continue
		}
		key := ex.Item.ID
		if key == "" {
			key = "\x00" + event.ItemFullName(ex.Item)
		}
		su, ok := byID[key]
		if !ok {
			su = &suite{}
			byID[key] = su
			out = append(out, su)
		}
		for range ex.Requests {
			su.runs = append(su.runs, ex)
		}
	}
	return out
}

// testcase is one assertion name within a suite and the failures it had.
type testcase struct {
	name     string
	failures []*event.Error
}

func (su *suite) write(x *xmlWriter, stamp, collName, collID string) {
	item := su.runs[0].Item
	fullName := event.ItemFullName(item)
	var (
		cases       []*testcase
		byName      = map[string]*testcase{}
		nFail, nErr int
		sysErr      string
		timeSum     float64
	)
	for _, ex := range su.runs {
		timeSum += seconds(ex)
		if msg, n := errorText(ex); n > 0 {
			nErr += n
			sysErr += msg
		}
		for _, a := range ex.Assertions {
			tc, ok := byName[a.Name]
			if !ok {
				tc = &testcase{name: a.Name}
				byName[a.Name] = tc
				cases = append(cases, tc)
			}
			if a.Err != nil {
				nFail++
				tc.failures = append(tc.failures, a.Err)
			}
		}
	}
	last := su.runs[len(su.runs)-1]
	empty := sysErr == "" && len(cases) == 0
	x.open(1, "testsuite", empty, "name", fullName, "id", item.ID, "timestamp", stamp,
		"tests", strconv.Itoa(len(last.Assertions)), "failures", strconv.Itoa(nFail),
		"errors", strconv.Itoa(nErr), "time", fixed3(timeSum/float64(len(su.runs))))
	if empty {
		return
	}
	if sysErr != "" {
		x.open(2, "system-err", false)
		x.cdata(3, sysErr)
		x.close(2, "system-err")
	}
	class := className(fullName)
	caseTime := fixed3(seconds(last))
	for _, tc := range cases {
		x.open(2, "testcase", len(tc.failures) == 0, "name", tc.name, "time", caseTime, "classname", class)
		if len(tc.failures) == 0 {
			continue
		}
		first := tc.failures[0]
		x.open(3, "failure", false, "type", "AssertionFailure", "message", first.Message)
		for _, line := range []string{
			"Failed " + strconv.Itoa(len(tc.failures)) + " times.",
			"Collection JSON ID: " + collID + ".",
			"Collection name: " + collName + ".",
			"Request name: " + fullName + ".",
			"Test description: " + tc.name + ".",
			"Error message: " + first.Message + ".",
			"Stacktrace: " + first.Stack + ".",
		} {
			x.cdata(4, line)
		}
		x.close(3, "failure")
		x.close(2, "testcase")
	}
	x.close(1, "testsuite")
}

// errorText is Newman's system-err text for one execution and its number of errors.
func errorText(ex *event.Execution) (string, int) {
	n := 0
	msg := "Iteration: " + strconv.Itoa(ex.Cursor.Iteration) + "\n"
	if ex.RequestError != nil {
		n++
		msg += "RequestError: " + stackOf(ex.RequestError) + "\n"
	}
	msg += "\n---\n"
	for _, group := range []struct {
		prop string
		errs []*event.Error
	}{{"testScript", ex.TestScriptErrors}, {"prerequestScript", ex.PrerequestScriptErrors}} {
		for _, e := range group.errs {
			n++
			text := e.Stack
			if text == "" {
				text = e.Message
			}
			msg += group.prop + "Error: " + text + "\n---\n"
		}
	}
	return msg, n
}

// stackOf is an error's stack, or "Name: message" when it has none.
func stackOf(e *event.Error) string {
	if e.Stack != "" {
		return e.Stack
	}
	return e.Name + ": " + e.Message
}

func seconds(ex *event.Execution) float64 {
	if ex.Response == nil {
		return 0
	}
	return float64(ex.Response.ResponseTime) / float64(time.Second)
}

func fixed3(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }
