package gen

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// The generated files must be collections pmrun's own parser accepts, with one request
// per expected request and the scripts each kind promises.
func TestGenerate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		scenario string
		items    int
		// per-item counts in the test script
		tests, expects, json int
		// substrings every pre-request / test script must contain
		pre, post []string
		headers   []string
	}{
		{scenario: "empty"},
		{scenario: "plain-5", items: 5},
		{
			scenario: "scripted-4", items: 4, tests: 3, expects: 5, json: 1,
			pre:     []string{`pm.variables.set("tag"`, `pm.variables.get("client")`},
			headers: []string{tagHeader},
		},
		{
			scenario: "heavy-3", items: 3, tests: 3, expects: 5, json: 1,
			pre:     []string{`require("lodash")`, `require("crypto-js")`, "HmacSHA256", HMACKey, "lodash.sortBy", "pm.request.headers.add", sigHeader},
			post:    []string{`require("lodash")`, "sigOk"},
			headers: []string{tagHeader},
		},
		{
			scenario: "aes-2", items: 2, tests: 3, expects: 5, json: 1,
			pre:     []string{`require("crypto-js")`, "cjs.AES.encrypt", "cjs.AES.decrypt", "{ iv: iv }"},
			headers: []string{tagHeader},
		},
		{
			scenario: "digest-2", items: 2, tests: 3, expects: 5, json: 1,
			pre:     []string{"CryptoJS.MD5", "CryptoJS.SHA1", "CryptoJS.SHA512", "CryptoJS.enc.Base64"},
			headers: []string{tagHeader},
		},
		{
			scenario: "cpu-3", items: CPUItems, tests: 3, expects: 5, json: 1,
			pre:     []string{`pm.iterationData.get("user")`},
			post:    []string{`pm.iterationData.get("user")`},
			headers: []string{tagHeader},
		},
		{
			scenario: "data-6", items: DataItems, tests: 3, expects: 5, json: 1,
			pre:     []string{`pm.iterationData.get("user")`},
			post:    []string{`pm.iterationData.get("user")`},
			headers: []string{tagHeader},
		},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			t.Parallel()
			s, err := Parse(tt.scenario)
			if err != nil {
				t.Fatal(err)
			}
			files, err := Generate(t.TempDir(), s, Options{BaseURL: "http://127.0.0.1:4567", Latency: 15 * time.Millisecond})
			if err != nil {
				t.Fatalf("Generate: %v", err)
			}
			c := parseCollection(t, files.Collection)
			if len(c.Items) != tt.items {
				t.Fatalf("%d items, want %d", len(c.Items), tt.items)
			}
			for i, it := range c.Items {
				checkItem(t, i, it, tt.tests, tt.expects, tt.json, tt.pre, tt.post, tt.headers)
			}
			checkData(t, s, files.Data)
		})
	}
}

func parseCollection(t *testing.T, path string) *collections.Collection {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := collections.ParseCollection(b, path)
	if err != nil {
		t.Fatalf("the generated collection does not parse: %v", err)
	}
	if c.Info.Schema != schemaV21 {
		t.Errorf("schema %q, want %q", c.Info.Schema, schemaV21)
	}
	return c
}

func checkItem(t *testing.T, i int, it *collections.Item, tests, expects, jsonCalls int, pre, post, headers []string) {
	t.Helper()
	if it.Request == nil || it.Request.Method != "GET" {
		t.Fatalf("item %d: want a GET request, got %+v", i, it.Request)
	}
	u := it.Request.URL
	if strings.Join(u.Host, ".") != "127.0.0.1" || u.Port != "4567" || strings.Join(u.Path, "/") != "get" {
		t.Errorf("item %d: URL %+v does not point at the target", i, u)
	}
	var got []string
	for _, h := range it.Request.Headers {
		got = append(got, h.Key)
	}
	if strings.Join(got, ",") != strings.Join(headers, ",") {
		t.Errorf("item %d: headers %v, want %v", i, got, headers)
	}
	scripts := map[string]string{}
	for _, e := range it.Events {
		scripts[e.Listen] = e.Script.Source
	}
	if tests == 0 {
		if len(scripts) != 0 {
			t.Errorf("item %d: want no scripts, got %v", i, scripts)
		}
		return
	}
	test := scripts["test"]
	for call, want := range map[string]int{"pm.test(": tests, "pm.expect(": expects, "pm.response.json()": jsonCalls} {
		if n := strings.Count(test, call); n != want {
			t.Errorf("item %d: test script has %d %s, want %d", i, n, call, want)
		}
	}
	for _, s := range pre {
		if !strings.Contains(scripts["prerequest"], s) {
			t.Errorf("item %d: pre-request script lacks %q", i, s)
		}
	}
	for _, s := range post {
		if !strings.Contains(test, s) {
			t.Errorf("item %d: test script lacks %q", i, s)
		}
	}
}

func checkData(t *testing.T, s Scenario, path string) {
	t.Helper()
	if s.Kind != Data && s.Kind != CPU {
		if path != "" {
			t.Errorf("%s: unexpected data file %s", s.Name, path)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := collections.ParseData(b, path)
	if err != nil {
		t.Fatalf("the data file does not parse: %v", err)
	}
	if len(rows) != s.Iterations() {
		t.Fatalf("%d data rows, want %d", len(rows), s.Iterations())
	}
	if rows[0][0].Key != "user" || rows[0][0].Value != "user-0001" {
		t.Errorf("first row %+v, want user=user-0001 first", rows[0])
	}
}

// The data scenario asks the server for its latency; the others do not.
func TestDataLatency(t *testing.T) {
	t.Parallel()
	c, _ := Build(Scenario{Name: "data-1", Kind: Data, N: 1}, Options{BaseURL: "http://127.0.0.1:1", Latency: 25 * time.Millisecond})
	raw := c.(collection).Item[0].Request.URL.Raw
	if !strings.Contains(raw, "delay=25") {
		t.Errorf("data URL %q lacks delay=25", raw)
	}
	c, _ = Build(Scenario{Name: "plain-1", Kind: Plain, N: 1}, Options{BaseURL: "http://127.0.0.1:1", Latency: 25 * time.Millisecond})
	if raw := c.(collection).Item[0].Request.URL.Raw; strings.Contains(raw, "delay") {
		t.Errorf("plain URL %q asks for a delay", raw)
	}
}
