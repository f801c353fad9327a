package json_test

import (
	"bytes"
	stdjson "encoding/json"
	"math"
	"testing"

	jsonreport "github.com/pmrun/pmrun/runner/report/json"
)

func TestMergeCombinesShards(t *testing.T) {
	t.Parallel()
	a := `{"collection": {"info": {"name": "c"}}, "run": {
	  "stats": {"iterations": {"total": 2, "pending": 0, "failed": 0}, "requests": {"total": 2, "pending": 0, "failed": 1}},
	  "timings": {"responseAverage": 10, "responseMin": 5, "responseMax": 15, "responseSd": 5, "started": 100, "completed": 200},
	  "executions": [{"cursor": {"iteration": 0}, "id": "a0"}, {"cursor": {"iteration": 2}, "id": "a2"}],
	  "transfers": {"responseTotal": 30},
	  "failures": [{"cursor": {"iteration": 2}, "at": "request"}],
	  "error": null}}`
	b := `{"collection": {"info": {"name": "c"}}, "run": {
	  "stats": {"iterations": {"total": 1, "pending": 0, "failed": 0}, "requests": {"total": 1, "pending": 0, "failed": 0}},
	  "timings": {"responseAverage": 40, "responseMin": 40, "responseMax": 40, "responseSd": 0, "started": 90, "completed": 150},
	  "executions": [{"cursor": {"iteration": 1}, "id": "b1"}],
	  "transfers": {"responseTotal": 12},
	  "failures": [],
	  "error": null}}`
	var buf bytes.Buffer
	if err := jsonreport.Merge(&buf, []string{"a", "b"}, [][]byte{[]byte(a), []byte(b)}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Collection struct{ Info struct{ Name string } }
		Run        struct {
			Stats      map[string]struct{ Total, Pending, Failed int }
			Timings    map[string]float64
			Executions []struct{ ID string }
			Transfers  map[string]float64
			Failures   []struct{ At string }
		}
	}
	if err := stdjson.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("merged report is not JSON: %v\n%s", err, buf.String())
	}
	if got.Collection.Info.Name != "c" || got.Run.Stats["iterations"].Total != 3 || got.Run.Stats["requests"].Failed != 1 {
		t.Errorf("stats = %+v", got.Run.Stats)
	}
	var ids string
	for _, x := range got.Run.Executions {
		ids += x.ID + " "
	}
	if ids != "a0 b1 a2 " {
		t.Errorf("executions in order %q, want a0 b1 a2", ids)
	}
	tm := got.Run.Timings
	// Three responses: 5..15 (mean 10, sd 5) twice and 40 once → mean 20.
	if tm["responseAverage"] != 20 || tm["responseMin"] != 5 || tm["responseMax"] != 40 || tm["started"] != 90 || tm["completed"] != 200 {
		t.Errorf("timings = %v", tm)
	}
	// pooled: (2*(25+100) + 1*(0+400)) / 3 = 216.67
	if sd := tm["responseSd"]; math.Abs(sd-math.Sqrt(650.0/3)) > 1e-9 {
		t.Errorf("responseSd = %v", sd)
	}
	if got.Run.Transfers["responseTotal"] != 42 || len(got.Run.Failures) != 1 {
		t.Errorf("transfers %v, failures %v", got.Run.Transfers, got.Run.Failures)
	}
}

func TestMergeRejectsOtherFiles(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := jsonreport.Merge(&buf, []string{"x.json"}, [][]byte{[]byte(`{"info": {}}`)}); err == nil {
		t.Fatal("a file that is not a report was merged")
	}
	if err := jsonreport.Merge(&buf, []string{"y.json"}, [][]byte{[]byte(`{`)}); err == nil {
		t.Fatal("invalid JSON was merged")
	}
}
