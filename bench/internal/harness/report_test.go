package harness

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/bench/internal/gen"
)

func TestSpreadOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   []float64
		want Spread
	}{
		{in: nil, want: Spread{}},
		{in: []float64{3}, want: Spread{Median: 3, Min: 3, Max: 3}},
		{in: []float64{5, 1, 3}, want: Spread{Median: 3, Min: 1, Max: 5}},
		{in: []float64{4, 1, 2, 10}, want: Spread{Median: 3, Min: 1, Max: 10}},
	}
	for _, tt := range tests {
		if got := spreadOf(tt.in); got != tt.want {
			t.Errorf("spreadOf(%v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// usages are n runs with the given wall and CPU seconds and RSS MiB.
func usages(n int, wall, cpu float64, rssMiB int64) []Usage {
	u := Usage{WallNS: int64(wall * float64(time.Second)), UserNS: int64(cpu * float64(time.Second)), MaxRSSKiB: rssMiB * 1024}
	out := make([]Usage, n)
	for i := range out {
		out[i] = u
	}
	return out
}

func TestWriteMarkdown(t *testing.T) {
	t.Parallel()
	empty := gen.Scenario{Name: "empty", Kind: gen.Empty}
	plain := gen.Scenario{Name: "plain-10", Kind: gen.Plain, N: 10}
	scripted := gen.Scenario{Name: "scripted-10", Kind: gen.Scripted, N: 10}
	data := gen.Scenario{Name: "data-5", Kind: gen.Data, N: 5}
	pm, nm, fl := Tool{Label: LabelPmrun}, Tool{Label: LabelNewman}, Tool{Label: LabelFloor, Floor: true}
	par := Variant{Kind: gen.Data, Args: []string{"--parallel", "2"}}.tool(pm)
	rows := []Row{
		{Scenario: empty, Tool: pm, Runs: usages(3, 0.02, 0.01, 20)},
		{Scenario: empty, Tool: nm, Runs: usages(3, 0.5, 0.4, 100)},
		{Scenario: plain, Tool: fl, Runs: usages(3, 0.2, 0.1, 8)},
		{Scenario: plain, Tool: pm, Runs: usages(3, 0.3, 0.2, 30)},
		{Scenario: scripted, Tool: pm, Runs: usages(3, 0.5, 0.4, 40)},
		{Scenario: scripted, Tool: nm, Runs: usages(2, 4, 3, 100), Failure: "exit status 1"},
		{Scenario: data, Tool: pm, Runs: usages(3, 3, 1, 40)},
		{Scenario: data, Tool: par, Runs: usages(3, 2, 1, 50)},
	}
	var b bytes.Buffer
	rep := Report{Date: time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC), Machine: "test box", Versions: []string{"pmrun dev"},
		Notes: []string{"a note"}, Rows: rows, Runs: 3}
	if err := rep.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Measured 2026-11-27 06:00 UTC on test box.",
		"- a note\n",
		"| empty | pmrun | 3/3 | 20.0 ms (20.0 ms–20.0 ms) | 10.0 ms | 20.0 MiB | pmrun/Newman: wall 0.04 · CPU 0.025 · RSS 0.2 |",
		"| plain-10 | floor | 3/3 | 200.0 ms (200.0 ms–200.0 ms) | 100.0 ms | 8.0 MiB | pmrun/floor: wall 1.5 |",
		"| scripted-10 | pmrun | 3/3 | 500.0 ms (500.0 ms–500.0 ms) | 400.0 ms | 40.0 MiB |  |",
		"| scripted-10 | newman | 2/3 FAILED | 4.00 s (4.00 s–4.00 s) | 3.00 s | 100.0 MiB |  |",
		"| data-5 | pmrun --parallel 2 | 3/3 | 2.00 s (2.00 s–2.00 s) | 1.00 s | 50.0 MiB | 1.5× faster than pmrun |",
		"| empty wall, pmrun/newman | ≤ 0.05 | 0.04 | met |",
		"| plain-10 wall, pmrun/floor | ≤ 2 | 1.5 | met |",
		"| scripted-10 wall, pmrun/newman | ≤ 0.08 | needs valid pmrun and newman rows | not measured |",
		"| data-5 wall speedup, pmrun --parallel 2 vs pmrun | ≥ 1.6 | 1.5 | MISSED |",
		"- scripted-10, newman: exit status 1\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q\n%s", want, out)
		}
	}
}
