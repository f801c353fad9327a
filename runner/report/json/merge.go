package json

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

// mergedReport is the part of a Newman JSON report Merge understands; the collection,
// environment and globals are taken from the first report as they are.
type mergedReport struct {
	Collection  stdjson.RawMessage `json:"collection"`
	Environment stdjson.RawMessage `json:"environment"`
	Globals     stdjson.RawMessage `json:"globals"`
	Run         struct {
		Stats      map[string]map[string]float64 `json:"stats"`
		Timings    map[string]float64            `json:"timings"`
		Executions []stdjson.RawMessage          `json:"executions"`
		Transfers  map[string]float64            `json:"transfers"`
		Failures   []stdjson.RawMessage          `json:"failures"`
		Error      stdjson.RawMessage            `json:"error"`
	} `json:"run"`
}

// statKeys are the run.stats entries, in Newman's order.
var statKeys = []string{"iterations", "items", "scripts", "prerequests", "requests", "tests", "assertions",
	"testScripts", "prerequestScripts"}

// Merge joins the JSON reports of the shards of one run (pmrun run --shard i/n) into the
// report of the whole run: stats and transfers are summed, executions and failures put in
// iteration order, timings combined (averages weighted by each shard's requests, standard
// deviations pooled), the first run error kept. names label the inputs in errors.
func Merge(w io.Writer, names []string, reports [][]byte) error {
	if len(reports) == 0 {
		return errors.New("merging reports: no reports given")
	}
	var out mergedReport
	parts := make([]mergedReport, len(reports))
	for i, data := range reports {
		if err := stdjson.Unmarshal(data, &parts[i]); err != nil {
			return fmt.Errorf("merging reports: %s is not a JSON report: %w", names[i], err)
		}
		if parts[i].Run.Stats == nil {
			return fmt.Errorf("merging reports: %s has no run.stats (not a Newman or pmrun JSON report)", names[i])
		}
	}
	out.Collection, out.Environment, out.Globals = parts[0].Collection, parts[0].Environment, parts[0].Globals
	out.Run.Stats = map[string]map[string]float64{}
	out.Run.Transfers = map[string]float64{}
	for _, p := range parts {
		for k, v := range p.Run.Stats {
			if out.Run.Stats[k] == nil {
				out.Run.Stats[k] = map[string]float64{}
			}
			for f, n := range v {
				out.Run.Stats[k][f] += n
			}
		}
		for k, v := range p.Run.Transfers {
			out.Run.Transfers[k] += v
		}
		out.Run.Executions = append(out.Run.Executions, p.Run.Executions...)
		out.Run.Failures = append(out.Run.Failures, p.Run.Failures...)
		if len(out.Run.Error) == 0 || string(out.Run.Error) == "null" {
			out.Run.Error = p.Run.Error
		}
	}
	if out.Run.Executions == nil {
		out.Run.Executions = []stdjson.RawMessage{}
	}
	if out.Run.Failures == nil {
		out.Run.Failures = []stdjson.RawMessage{}
	}
	sortByIteration(out.Run.Executions)
	sortByIteration(out.Run.Failures)
	out.Run.Timings = mergeTimings(parts)
	return writeMerged(w, &out)
}

// sortByIteration orders report entries by their cursor's iteration, keeping the order of
// entries of the same iteration.
func sortByIteration(list []stdjson.RawMessage) {
	iter := make([]float64, len(list))
	for i, raw := range list {
		var e struct {
			Cursor struct {
				Iteration float64 `json:"iteration"`
			} `json:"cursor"`
		}
		_ = stdjson.Unmarshal(raw, &e) // an entry without a cursor sorts first
		iter[i] = e.Cursor.Iteration
	}
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return iter[idx[a]] < iter[idx[b]] })
	sorted := make([]stdjson.RawMessage, len(list))
	for i, j := range idx {
		sorted[i] = list[j]
	}
	copy(list, sorted)
}

// mergeTimings combines each shard's response, DNS and first-byte statistics, weighting by
// the shard's request count, and takes the earliest start and the latest end.
func mergeTimings(parts []mergedReport) map[string]float64 {
	out := map[string]float64{}
	for _, kind := range []string{"response", "dns", "firstByte"} {
		var n, sum float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range parts {
			c := p.Run.Stats["requests"]["total"]
			n += c
			sum += c * p.Run.Timings[kind+"Average"]
			lo = math.Min(lo, p.Run.Timings[kind+"Min"])
			hi = math.Max(hi, p.Run.Timings[kind+"Max"])
		}
		if n == 0 {
			out[kind+"Average"], out[kind+"Min"], out[kind+"Max"], out[kind+"Sd"] = 0, 0, 0, 0
			continue
		}
		mean := sum / n
		var ss float64
		for _, p := range parts {
			c := p.Run.Stats["requests"]["total"]
			sd, avg := p.Run.Timings[kind+"Sd"], p.Run.Timings[kind+"Average"]
			ss += c * (sd*sd + (avg-mean)*(avg-mean))
		}
		out[kind+"Average"], out[kind+"Min"], out[kind+"Max"], out[kind+"Sd"] = mean, lo, hi, math.Sqrt(ss/n)
	}
	started, completed := math.Inf(1), math.Inf(-1)
	for _, p := range parts {
		if s, ok := p.Run.Timings["started"]; ok {
			started = math.Min(started, s)
		}
		if c, ok := p.Run.Timings["completed"]; ok {
			completed = math.Max(completed, c)
		}
	}
	if !math.IsInf(started, 0) {
		out["started"] = started
	}
	if !math.IsInf(completed, 0) {
		out["completed"] = completed
	}
	return out
}

// writeMerged writes the merged report with Newman's key order, indented by two spaces.
func writeMerged(w io.Writer, m *mergedReport) error {
	var b bytes.Buffer
	field := func(name string, v any) error {
		raw, ok := v.(stdjson.RawMessage)
		if !ok {
			enc, err := stdjson.Marshal(v)
			if err != nil {
				return fmt.Errorf("merging reports: %w", err)
			}
			raw = enc
		}
		if len(raw) == 0 {
			raw = stdjson.RawMessage("null")
		}
		fmt.Fprintf(&b, "%q:", name)
		b.Write(raw)
		return nil
	}
	b.WriteByte('{')
	for i, k := range []string{"collection", "environment", "globals"} {
		_ = field(k, []stdjson.RawMessage{m.Collection, m.Environment, m.Globals}[i]) // raw: cannot fail
		b.WriteByte(',')
	}
	b.WriteString(`"run":{"stats":{`)
	first := true
	for _, k := range statKeys {
		v, ok := m.Run.Stats[k]
		if !ok {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		fmt.Fprintf(&b, `%q:{"total":%d,"pending":%d,"failed":%d}`, k,
			int64(v["total"]), int64(v["pending"]), int64(v["failed"]))
	}
	b.WriteString("},")
	rest := []struct {
		name string
		v    any
	}{
		{"timings", m.Run.Timings}, {"executions", m.Run.Executions}, {"transfers", m.Run.Transfers},
		{"failures", m.Run.Failures}, {"error", m.Run.Error},
	}
	for i, f := range rest {
		if err := field(f.name, f.v); err != nil {
			return err
		}
		if i < len(rest)-1 {
			b.WriteByte(',')
		}
	}
	b.WriteString("}}")
	var out bytes.Buffer
	if err := stdjson.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return fmt.Errorf("merging reports: %w", err)
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}
