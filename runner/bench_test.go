package runner_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/internal/echo"
	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/runner/event"
)

// benchCollection is one scripted request: a pre-request script building a header from
// variables and a test script with three pm.test blocks over the JSON response.
const benchCollection = `{"info": {"name": "bench"}, "item": [{
  "name": "cycle",
  "event": [
    {"listen": "prerequest", "script": {"exec": [
      "pm.variables.set('client', 'bench');",
      "pm.variables.set('tag', pm.variables.get('client') + '-' + pm.info.iteration);"
    ]}},
    {"listen": "test", "script": {"exec": [
      "const body = pm.response.json();",
      "pm.test('status', () => pm.response.to.have.status(200));",
      "pm.test('query', () => pm.expect(body.args.i).to.equal('1'));",
      "pm.test('header', () => pm.expect(body.headers['x-tag']).to.equal(pm.variables.get('tag')));"
    ]}}
  ],
  "request": {"url": "{{baseUrl}}/get?i=1", "header": [{"key": "X-Tag", "value": "{{tag}}"}]}
}]}`

// BenchmarkRequestCycle measures one whole item — pre-request script, substitution, HTTP
// round trip to a loopback server, test script, events to a collector — per iteration.
func BenchmarkRequestCycle(b *testing.B) {
	srv := httptest.NewServer(echo.Handler())
	defer srv.Close()
	c, err := collections.ParseCollection([]byte(benchCollection), "bench.json")
	if err != nil {
		b.Fatal(err)
	}
	env := collections.NewScope("", "env", nil)
	env.Set("baseUrl", srv.URL)
	collector := event.NewCollector()
	collector.DropResponseBodies = true
	b.ReportAllocs()
	b.ResetTimer()
	res, err := runner.Run(context.Background(), runner.Options{
		Collection: c, Environment: env, Iterations: b.N,
		HTTP:      runner.HTTPOptions{FollowRedirects: true},
		Reporters: []event.Reporter{collector},
	})
	if err != nil {
		b.Fatal(err)
	}
	if res.Failures != 0 {
		b.Fatalf("%d failures", res.Failures)
	}
}

// BenchmarkPlainRequest measures one request item without scripts or variables — the
// resolution fast path, the HTTP round trip to a minimal loopback server and the events
// to a collector — per iteration.
func BenchmarkPlainRequest(b *testing.B) {
	body := []byte(`{"ok":true,"n":1,"args":{"i":"1"}}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	coll := `{"info": {"name": "plain"}, "item": [{"name": "plain", "request": {"method": "GET", "header": [],
	  "url": "` + srv.URL + `/get?i=1"}}]}`
	c, err := collections.ParseCollection([]byte(coll), "plain.json")
	if err != nil {
		b.Fatal(err)
	}
	collector := event.NewCollector()
	collector.DropResponseBodies = true
	b.ReportAllocs()
	b.ResetTimer()
	res, err := runner.Run(context.Background(), runner.Options{
		Collection: c, Iterations: b.N,
		HTTP:      runner.HTTPOptions{FollowRedirects: true},
		Reporters: []event.Reporter{collector},
	})
	if err != nil {
		b.Fatal(err)
	}
	if res.Failures != 0 {
		b.Fatalf("%d failures", res.Failures)
	}
}
