package json_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	jsonreport "github.com/pmrun/pmrun/runner/report/json"

	"github.com/pmrun/pmrun/runner/event/eventtest"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// conformanceDir is where the conformance normaliser lives: $PMRUN_CONFORMANCE_DIR, or the
// shared folder beside the repository.
func conformanceDir() string {
	if d := os.Getenv("PMRUN_CONFORMANCE_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "..", "shared", "conformance")
}

// TestNormaliserReadsReport runs the conformance normaliser (which compares pmrun with real
// Newman) on a written report and checks what it extracts.
func TestNormaliserReadsReport(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH; the conformance normaliser is a node script")
	}
	script := filepath.Join(conformanceDir(), "normalise.js")
	if _, err := os.Stat(script); err != nil {
		t.Skipf("conformance normaliser not found at %s (set PMRUN_CONFORMANCE_DIR)", script)
	}
	report := filepath.Join(t.TempDir(), "report.json")
	var buf bytes.Buffer
	if err := jsonreport.Write(&buf, eventtest.Sample(1).Summary()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(report, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, script, "--report", report).Output()
	if err != nil {
		t.Fatalf("normalise.js: %v", err)
	}
	golden := filepath.Join("testdata", "sample.normalised.json")
	if *update {
		if err := os.WriteFile(golden, out, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	wantText, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("normaliser output: %v", err)
	}
	if err := json.Unmarshal(wantText, &want); err != nil {
		t.Fatalf("%s: %v", golden, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("normalised report differs from %s:\n%s", golden, out)
	}
}
