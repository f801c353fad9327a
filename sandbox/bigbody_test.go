package sandbox

import (
	"bytes"
	"context"
	"runtime"
	"syscall"
	"testing"
)

// bigExec is a test script run whose response body is n bytes of "abcdefghij…".
func bigExec(src string, n int) *Execution {
	ex := newExec("test", src)
	ex.Response.Body = bytes.Repeat([]byte("abcdefghij"), n/10+1)[:n]
	return ex
}

// TestBigBodies: a 50 MB body is compared, responseBody follows Postman's 50 MB rule, and a
// string too long for the sandbox fails at once with Node's error (postman-sandbox's
// "should be able to convert large buffer to string" with its browser size, 60 MB).
func TestBigBodies(t *testing.T) {
	h := newHarness(t, Options{})
	const limit = 50 * 1024 * 1024
	res := h.sb.Run(context.Background(), bigExec(`
const t = pm.response.text();
pm.test('compared', () => pm.expect(t === 'abcdefghij'.repeat(5242880)).to.equal(true));
pm.test('responseBody at the limit', () => pm.expect(responseBody.length).to.equal(52428800));`, limit))
	checkRun(t, h, res, 2)

	h.reset()
	res = h.sb.Run(context.Background(), bigExec(`
pm.test('responseBody above the limit', () => pm.expect(responseBody).to.equal(undefined));
pm.test('text still there', () => pm.expect(pm.response.text().length).to.equal(52428801));`, limit+1))
	checkRun(t, h, res, 2)

	h.reset()
	res = h.run(`
const SIZE = 60 * 1024 * 1024;
const buf = Buffer.alloc(SIZE, 'a');
pm.test('60 MB buffer to string', () => {
    const s = buf.toString();
    pm.expect(s.length).to.equal(SIZE);
    pm.expect(s.slice(-3)).to.equal('aaa');
});
pm.test('too long fails at once', () => {
    const big = Buffer.alloc(134217721); // its hex is one character over kStringMaxLength
    let err;
    try { big.toString('hex'); } catch (e) { err = e; }
    pm.expect([err.name, err.message, err.code]).to.deep.equal(['Error', 'Cannot create a string longer than 0xffffff0 characters', 'ERR_STRING_TOO_LONG']);
});
pm.test('utf8 decoding of bad bytes', () => {
    pm.expect(Buffer.from([0x68, 0xe2, 0x82, 0xff, 0x21]).toString()).to.equal('h\ufffd\ufffd!');
    pm.expect(Buffer.from('h€llo').toString('utf8', 1, 4)).to.equal('€');
    pm.expect(Buffer.alloc(4, 1).toString('hex')).to.equal('01010101');
});`)
	checkRun(t, h, res, 3)
}

func checkRun(t *testing.T, h *harness, res Result, want int) {
	t.Helper()
	if res.Err != nil {
		t.Fatalf("script error: %s", errText(res.Err))
	}
	as := h.rec.assertions()
	if len(as) != want {
		t.Fatalf("%d assertions, want %d", len(as), want)
	}
	for _, a := range as {
		if a.Err != nil {
			t.Errorf("%s: %s", a.Name, errText(a.Err))
		}
	}
}

// BenchmarkBigResponse runs a test script comparing a 50 MB response body and reports
// the process's peak RSS.
func BenchmarkBigResponse(b *testing.B) {
	h := &harness{rec: &recorder{}}
	sb, err := New(Options{Emit: h.rec.emit})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	for b.Loop() {
		h.rec.events = nil
		res := sb.Run(context.Background(), bigExec(`
const t = pm.response.text();
pm.test('compared', () => pm.expect(t === 'abcdefghij'.repeat(5242880)).to.equal(true));
pm.test('json fails cleanly', () => pm.expect(() => pm.response.json()).to.throw());`, 50*1024*1024))
		if res.Err != nil {
			b.Fatal(errText(res.Err))
		}
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse>>20), "heap-inuse-MB")
}
