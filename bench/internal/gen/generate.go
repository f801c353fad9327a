package gen

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Options are the settings shared by every scenario.
type Options struct {
	// BaseURL is the target server, http://127.0.0.1:<port>.
	BaseURL string
	// Latency is the simulated network latency of data-scenario requests (the server
	// sleeps that long before answering); zero means none.
	Latency time.Duration
}

// Files are the paths Generate wrote.
type Files struct {
	Collection string
	Data       string // empty unless the scenario has iteration data
}

// Generate writes the scenario's collection (and data file) into dir.
func Generate(dir string, s Scenario, opt Options) (Files, error) {
	c, rows := Build(s, opt)
	files := Files{Collection: filepath.Join(dir, s.Name+".postman_collection.json")}
	if err := writeJSON(files.Collection, c); err != nil {
		return Files{}, err
	}
	if rows != nil {
		files.Data = filepath.Join(dir, s.Name+".data.json")
		if err := writeJSON(files.Data, rows); err != nil {
			return Files{}, err
		}
	}
	return files, nil
}

// Build returns the scenario's collection and, for data scenarios, its data rows (else
// nil), as values ready for encoding/json.
func Build(s Scenario, opt Options) (coll, rows any) {
	c := collection{Info: info{
		PostmanID: "00000000-0000-4000-8000-" + fmt.Sprintf("%012d", s.Requests()),
		Name:      "pmbench " + s.Name,
		Schema:    schemaV21,
	}, Item: []item{}}
	switch s.Kind {
	case Plain, Scripted, Heavy, AES, Digest:
		for i := range s.N {
			c.Item = append(c.Item, numberedItem(s.Kind, i+1, opt.BaseURL))
		}
	case Data:
		for step := range DataItems {
			c.Item = append(c.Item, dataItem(step+1, opt))
		}
		return c, dataRows(s.N)
	case CPU:
		for step := range CPUItems {
			c.Item = append(c.Item, dataItem(step+1, Options{BaseURL: opt.BaseURL}))
		}
		return c, dataRows(s.N)
	case Empty:
	}
	return c, nil
}

// numberedItem is request i of a plain, scripted or heavy collection.
func numberedItem(k Kind, i int, base string) item {
	id := strconv.Itoa(i)
	it := item{
		Name: "request " + id,
		Request: request{
			Method: "GET",
			Header: []keyValue{},
			URL:    newURL(base, "get", []keyValue{{Key: "i", Value: id}}),
		},
	}
	switch k {
	case Scripted:
		it.Event = []event{prerequest(scriptedPre(jsString(id))), test(scriptedTest("i", jsString(id)))}
		it.Request.Header = []keyValue{{Key: tagHeader, Value: "{{tag}}"}}
	case Heavy:
		it.Event = []event{prerequest(heavyPre(jsString(id))), test(heavyTest("i", jsString(id)))}
		it.Request.Header = []keyValue{{Key: tagHeader, Value: "{{tag}}"}}
	case AES:
		it.Event = []event{prerequest(aesPre(jsString(id))), test(scriptedTest("i", jsString(id)))}
		it.Request.Header = []keyValue{{Key: tagHeader, Value: "{{tag}}"}}
	case Digest:
		it.Event = []event{prerequest(digestPre(jsString(id))), test(scriptedTest("i", jsString(id)))}
		it.Request.Header = []keyValue{{Key: tagHeader, Value: "{{tag}}"}}
	case Plain, Empty, Data, CPU:
	}
	return it
}

// dataItem is request step of every iteration of a data scenario: the user comes from the
// data file, and the server waits opt.Latency before it answers.
func dataItem(step int, opt Options) item {
	q := []keyValue{{Key: "user", Value: "{{user}}"}, {Key: "step", Value: strconv.Itoa(step)}}
	if ms := opt.Latency.Milliseconds(); ms > 0 {
		q = append(q, keyValue{Key: "delay", Value: strconv.FormatInt(ms, 10)})
	}
	idExpr := `pm.iterationData.get("user") + "/` + strconv.Itoa(step) + `"`
	return item{
		Name:  "step " + strconv.Itoa(step),
		Event: []event{prerequest(scriptedPre(idExpr)), test(scriptedTest("user", `pm.iterationData.get("user")`))},
		Request: request{
			Method: "GET",
			Header: []keyValue{{Key: tagHeader, Value: "{{tag}}"}},
			URL:    newURL(opt.BaseURL, "get", q),
		},
	}
}

// dataRow is one row of iteration data.
type dataRow struct {
	User string `json:"user"`
	Row  int    `json:"row"`
}

// dataRows are n rows of iteration data.
func dataRows(n int) []dataRow {
	rows := make([]dataRow, n)
	for i := range rows {
		rows[i] = dataRow{User: fmt.Sprintf("user-%04d", i+1), Row: i + 1}
	}
	return rows
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "\t")
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
