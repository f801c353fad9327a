package harness

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pmrun/pmrun/bench/internal/gen"
)

// Verdicts of a target.
const (
	Met         = "met"
	Missed      = "MISSED"
	NotMeasured = "not measured"
)

// Target is one of the goals, checked against this session's numbers.
type Target struct {
	Name     string // e.g. "scripted-1000 wall, pmrun/Newman"
	Goal     string // e.g. "≤ 0.10"
	Measured string // the ratio, or why there is none
	Verdict  string
}

// goal is a ratio of two rows' medians on scenarios of one kind, bounded above or below.
type goal struct {
	kind     gen.Kind
	metric   string // "wall" or "RSS"
	num, den string // labels of the rows whose medians are divided
	max, min float64
	variant  []string // for speedups: pmrun / (pmrun with these arguments), bounded below
}

// goals are the targets of issues 6 and 14.
var goals = []goal{
	{kind: gen.Empty, metric: "wall", num: LabelPmrun, den: LabelNewman, max: 0.05},
	{kind: gen.Scripted, metric: "wall", num: LabelPmrun, den: LabelNewman, max: 0.08},
	{kind: gen.Heavy, metric: "wall", num: LabelPmrun, den: LabelNewman, max: 0.12},
	{kind: gen.Plain, metric: "wall", num: LabelPmrun, den: LabelFloor, max: 2},
	{kind: gen.Scripted, metric: "RSS", num: LabelPmrun, den: LabelNewman, max: 0.33},
	{kind: gen.Data, metric: "wall", variant: []string{"--parallel", "2"}, min: 1.6},
	{kind: gen.CPU, metric: "wall", variant: []string{"--parallel", "2"}, min: 1.6},
}

// Targets checks every goal whose scenario kind was run.
func Targets(rows []Row, runs int) []Target {
	var out []Target
	for _, g := range goals {
		for _, name := range scenarioNames(rows, g.kind) {
			out = append(out, g.check(rows, name, runs))
		}
	}
	return out
}

func (g goal) check(rows []Row, scenario string, runs int) Target {
	t := Target{Goal: "≤ " + fmtGoal(g.max)}
	num, den := g.num, g.den
	if g.variant != nil {
		num, den = LabelPmrun, LabelPmrun+" "+strings.Join(g.variant, " ")
		t.Goal = "≥ " + fmtGoal(g.min)
		t.Name = fmt.Sprintf("%s %s speedup, %s vs %s", scenario, g.metric, den, num)
	} else {
		t.Name = fmt.Sprintf("%s %s, %s/%s", scenario, g.metric, num, den)
	}
	a, okA := find(rows, scenario, num, runs)
	b, okB := find(rows, scenario, den, runs)
	if !okA || !okB {
		t.Verdict, t.Measured = NotMeasured, fmt.Sprintf("needs valid %s and %s rows", num, den)
		return t
	}
	v := ratio(metricOf(StatsOf(a.Runs), g.metric), metricOf(StatsOf(b.Runs), g.metric))
	t.Measured = fmtRatio(v)
	t.Verdict = Met
	if (g.variant == nil && v > g.max) || (g.variant != nil && v < g.min) {
		t.Verdict = Missed
	}
	return t
}

func metricOf(st Stats, metric string) float64 {
	if metric == "RSS" {
		return st.RSS.Median
	}
	return st.Wall.Median
}

// scenarioNames lists, in order and once each, the scenarios of a kind among rows.
func scenarioNames(rows []Row, k gen.Kind) []string {
	var names []string
	for _, r := range rows {
		if r.Scenario.Kind == k && !slices.Contains(names, r.Scenario.Name) {
			names = append(names, r.Scenario.Name)
		}
	}
	return names
}

func writeTargets(b *strings.Builder, ts []Target) {
	if len(ts) == 0 {
		return
	}
	b.WriteString("| target | goal | measured | verdict |\n|---|---|---|---|\n")
	for _, t := range ts {
		_, _ = fmt.Fprintf(b, "| %s | %s | %s | %s |\n", t.Name, t.Goal, t.Measured, t.Verdict)
	}
}
