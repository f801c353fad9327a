package sandbox

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkRunScriptedTest measures one typical test script in a warm sandbox.
func BenchmarkRunScriptedTest(b *testing.B) {
	var events int
	sb, err := New(Options{Emit: func(Event) { events++ }})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	const src = `pm.test('status and body', function () {
    pm.response.to.have.status(200);
    const body = pm.response.json();
    pm.expect(body.n).to.equal(5);
    pm.expect(body.args).to.have.property('a', '1');
    pm.expect(body.list).to.be.an('array').that.includes(2);
    pm.expect(pm.response.headers.get('Content-Type')).to.include('json');
    pm.expect(pm.response.responseTime).to.be.below(1000);
});`
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		res := sb.Run(ctx, newExec("test", src))
		if res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// BenchmarkRunEmptyPrerequest measures the fixed cost of a script run.
func BenchmarkRunEmptyPrerequest(b *testing.B) {
	sb, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	ctx := context.Background()
	for b.Loop() {
		if res := sb.Run(ctx, newExec("prerequest", "pm.variables.set('x', 1);")); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// BenchmarkNew measures building a sandbox (runtime, Buffer, chai, model).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		sb, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		sb.Close()
	}
}

// BenchmarkJSONParseValid measures the global JSON.parse (liquid-json's) on valid JSON: the
// fast path is one native parse.
func BenchmarkJSONParseValid(b *testing.B) {
	sb, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	const src = `const text = JSON.stringify({ list: Array.from({ length: 200 }, (_, i) => ({ id: i, name: 'n' + i, ok: true })) });
let n = 0;
for (let i = 0; i < 200; i++) { n += JSON.parse(text).list.length; }
if (n !== 40000) { throw new Error('bad ' + n); }`
	ctx := context.Background()
	for b.Loop() {
		if res := sb.Run(ctx, newExec("test", src)); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// BenchmarkSugarFirstUse measures a fresh runtime whose script uses Sugar: the one-time cost
// of installing Sugar.js (BenchmarkNew is the cost when no script uses it).
func BenchmarkSugarFirstUse(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		sb, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res := sb.Run(ctx, newExec("test", "if ([1, 2].first() !== 1) { throw new Error('no Sugar'); }")); res.Err != nil {
			b.Fatal(res.Err)
		}
		sb.Close()
	}
}

// benchScripts runs each script (fixed text, so it is compiled once) in one warm sandbox.
// Subtract the "empty" case of BenchmarkEmptyScript for the cost of the path itself.
func benchScripts(b *testing.B, cases []struct{ name, listen, src string }) {
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			sb, err := New(Options{Emit: func(Event) {}})
			if err != nil {
				b.Fatal(err)
			}
			defer sb.Close()
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				ex := newExec(c.listen, c.src)
				ex.Response.ID = "resp-1" // the runner's responses carry one (httpclient)
				if res := sb.Run(ctx, ex); res.Err != nil {
					b.Fatal(res.Err)
				}
			}
		})
	}
}

// BenchmarkEmptyScript is the fixed cost of a script run, the baseline of the benchmarks below.
func BenchmarkEmptyScript(b *testing.B) {
	benchScripts(b, []struct{ name, listen, src string }{
		{"prerequest", "prerequest", `1;`},
		{"test", "test", `1;`},
	})
}

// BenchmarkFirstRequestAccess measures the first use of pm.request in a script: building
// the model from the Go request and deciding at the end whether to write it back.
func BenchmarkFirstRequestAccess(b *testing.B) {
	benchScripts(b, []struct{ name, listen, src string }{
		{"urlString", "prerequest", `pm.request.url.toString();`},
		{"headerAdd", "prerequest", `pm.request.headers.add({ key: 'X-Sig', value: 'abc' });`},
		{"method", "prerequest", `pm.request.method;`},
		{"inTest", "test", `pm.request.url.toString();`},
	})
}

// BenchmarkResponseFirstAccess measures the first use of pm.response in a test script.
func BenchmarkResponseFirstAccess(b *testing.B) {
	benchScripts(b, []struct{ name, listen, src string }{
		{"code", "test", `pm.response.code;`},
		{"json", "test", `pm.response.json();`},
		{"header", "test", `pm.response.headers.get('Content-Type');`},
	})
}

// BenchmarkVariablesGetSet measures pm.variables / pm.environment reads and writes: ten calls
// per script, so (x - empty) / 10 is the cost of one call.
func BenchmarkVariablesGetSet(b *testing.B) {
	get10 := strings.Repeat(`pm.variables.get('host');`, 10)
	envGet10 := strings.Repeat(`pm.environment.get('host');`, 10)
	set10 := ""
	for i := range 10 {
		set10 += fmt.Sprintf(`pm.variables.set('k%d', 'v');`, i)
	}
	benchScripts(b, []struct{ name, listen, src string }{
		{"get10", "prerequest", get10},
		{"envGet10", "prerequest", envGet10},
		{"set10", "prerequest", set10},
	})
}
