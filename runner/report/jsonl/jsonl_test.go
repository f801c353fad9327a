package jsonl_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/runner/event/eventtest"
	"github.com/pmrun/pmrun/runner/report/jsonl"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestGolden replays the sample run and compares the stream with testdata/sample.jsonl.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := eventtest.Sample(2).Replay(jsonl.New(&buf, nil, nil)); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.jsonl")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if buf.String() != string(want) {
		t.Errorf("stream differs from %s (run with -update to accept):\n%s", golden, buf.String())
	}
}

// TestEveryLineIsVersionedJSON: each line is one JSON object with v, type and time; the
// stream opens with start and ends with done, and item lines count their failures.
func TestEveryLineIsVersionedJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := eventtest.Sample(1).Replay(jsonl.New(&buf, nil, nil)); err != nil {
		t.Fatal(err)
	}
	var types []string
	failures := 0
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		var l jsonl.Line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if l.V != jsonl.Version || l.Type == "" || l.Time == "" {
			t.Errorf("line without v/type/time: %s", sc.Text())
		}
		if l.Type == "item" && l.Failures != nil {
			failures += *l.Failures
		}
		if l.Type == "done" && (l.Failures == nil || *l.Failures != failures) {
			t.Errorf("done line %s: want %d failures (the items' sum)", sc.Text(), failures)
		}
		types = append(types, l.Type)
	}
	if len(types) < 3 || types[0] != "start" || types[len(types)-1] != "done" {
		t.Fatalf("types %v: want start first and done last", types)
	}
	if failures == 0 {
		t.Errorf("the sample run fails, but no item line says so")
	}
	for _, want := range []string{"iteration", "request", "response", "console", "assertion", "scriptError", "item"} {
		if !strings.Contains(strings.Join(types, " "), want) {
			t.Errorf("no %s line in %v", want, types)
		}
	}
}
