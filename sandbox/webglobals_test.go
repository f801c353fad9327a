package sandbox

import (
	"strings"
	"testing"
)

// runChecks runs src as a test script and fails t unless it ran without error and every
// pm.test in it passed (at least one).
func runChecks(t *testing.T, src string) {
	t.Helper()
	h := newHarness(t, Options{})
	res := h.run(src)
	if res.Err != nil {
		t.Fatalf("script error: %s\nconsole:\n%s", errText(res.Err), joinLines(h.rec.console()))
	}
	as := h.rec.assertions()
	if len(as) == 0 {
		t.Fatalf("no pm.test ran; console:\n%s", joinLines(h.rec.console()))
	}
	for _, a := range as {
		if a.Err != nil {
			t.Errorf("test %q: %s", a.Name, errText(a.Err))
		}
	}
}

// TestWebGlobals checks the globals of Postman's sandbox 6. The buffer, prepareStackTrace
// and import() cases follow postman-sandbox's test/unit/vendors/buffer.test.js and
// test/unit/sandbox-sanity.test.js; the expected values of the others were recorded with
// Node 20 (what Postman's sandbox runs on).
func TestWebGlobals(t *testing.T) {
	cases := map[string]string{
		"buffer module constants": `
const buffer = require('buffer');
pm.test('constants', () => {
    pm.expect(buffer.kMaxLength).to.be.a('number');
    pm.expect(buffer.kStringMaxLength).to.equal((1 << 28) - 16);
    pm.expect(buffer.constants.MAX_LENGTH).to.be.a('number');
    pm.expect(buffer.constants.MAX_STRING_LENGTH).to.be.a('number');
    pm.expect(buffer.INSPECT_MAX_BYTES).to.be.a('number');
    pm.expect(new buffer.SlowBuffer(10).length).to.equal(10);
    pm.expect(buffer.atob).to.equal(atob);
    pm.expect(buffer.btoa).to.equal(btoa);
    pm.expect(() => buffer.transcode()).to.throw('Not implemented');
});`,
		"File and Blob, global and from buffer": `
const buffer = require('buffer');
const lastModified = Date.now();
const file = new buffer.File([], 'filename.txt', { type: 'text/plain', lastModified });
const blob = new buffer.Blob(['hello world'], { type: 'text/plain' });
pm.test('File', () => {
    pm.expect(file.name).to.equal('filename.txt');
    pm.expect(file.lastModified).to.equal(lastModified);
    pm.expect(File).to.equal(buffer.File);
    pm.expect(file).to.be.an.instanceof(Blob);
});
pm.test('Blob', async () => {
    pm.expect(blob.size).to.equal(11);
    pm.expect(Blob).to.equal(buffer.Blob);
    pm.expect(blob.type).to.equal('text/plain');
    pm.expect(await blob.text()).to.equal('hello world');
    pm.expect(await blob.slice(-5).text()).to.equal('world');
    pm.expect(new Uint8Array(await new Blob([new Uint8Array([1, 2]), blob.slice(0, 1)]).arrayBuffer())).to.deep.equal(new Uint8Array([1, 2, 104]));
    pm.expect(Object.prototype.toString.call(blob)).to.equal('[object Blob]');
});`,
		"Error.prepareStackTrace cannot be replaced": `
var fn = Error.prepareStackTrace;
Error.prepareStackTrace = () => {};
pm.test('prepareStackTrace', () => {
    pm.expect(Error.prepareStackTrace).to.equal(fn);
    pm.expect(fn).to.be.a('function');
    pm.expect(new Error('Test').stack.split('\n')[0]).to.equal('Error: Test');
});`,
		"structuredClone": `
const src = { d: new Date(0), m: new Map([[1, { x: [1] }]]), s: new Set(['a']), r: /x/gi, u: new Uint8Array([1, 2]), n: null };
src.self = src;
const copy = structuredClone(src);
pm.test('clones deeply', () => {
    pm.expect(copy).not.to.equal(src);
    pm.expect(copy.self).to.equal(copy);
    pm.expect(copy.d.getTime()).to.equal(0);
    pm.expect(copy.m.get(1)).to.deep.equal({ x: [1] });
    pm.expect(copy.m.get(1)).not.to.equal(src.m.get(1));
    pm.expect(copy.s.has('a')).to.equal(true);
    pm.expect(copy.r.flags).to.equal('gi');
    pm.expect(Array.from(copy.u)).to.deep.equal([1, 2]);
});
pm.test('DataCloneError', () => {
    let err;
    try { structuredClone(() => {}); } catch (e) { err = e; }
    pm.expect(err).to.be.an.instanceof(DOMException);
    pm.expect(err.name).to.equal('DataCloneError');
    pm.expect(err.message).to.equal('() => {} could not be cloned.');
    pm.expect(err.code).to.equal(25);
    pm.expect(() => structuredClone(Symbol('x'))).to.throw('Symbol(x) could not be cloned.');
});`,
		"queueMicrotask": `
const order = [];
queueMicrotask(() => order.push('micro'));
setTimeout(() => order.push('timer'), 0);
order.push('sync');
await new Promise((r) => setTimeout(r, 5));
pm.test('order', () => {
    pm.expect(order).to.deep.equal(['sync', 'micro', 'timer']);
    pm.expect(() => queueMicrotask(1)).to.throw(TypeError, 'The "callback" argument must be of type function. Received type number (1)');
});`,
		"AbortController, AbortSignal, Event, EventTarget": `
const c = new AbortController();
const seen = [];
c.signal.addEventListener('abort', (e) => seen.push(e.type));
c.signal.onabort = () => seen.push('onabort');
c.abort();
c.abort();
pm.test('abort', () => {
    pm.expect(c.signal.aborted).to.equal(true);
    pm.expect(seen).to.deep.equal(['abort', 'onabort']);
    pm.expect(c.signal.reason.name).to.equal('AbortError');
    pm.expect(c.signal.reason.message).to.equal('This operation was aborted');
    pm.expect(c.signal.reason.code).to.equal(20);
    pm.expect(() => c.signal.throwIfAborted()).to.throw('This operation was aborted');
    pm.expect(AbortSignal.abort('why').reason).to.equal('why');
    pm.expect(AbortSignal.any([AbortSignal.abort(1)]).aborted).to.equal(true);
    pm.expect(() => new AbortSignal()).to.throw(TypeError, 'Illegal constructor');
});
const quick = AbortSignal.timeout(5);
AbortSignal.timeout(60000); // does not keep the script waiting, as in Node
await new Promise((r) => setTimeout(r, 30));
pm.test('AbortSignal.timeout', () => {
    pm.expect(quick.aborted).to.equal(true);
    pm.expect([quick.reason.name, quick.reason.message]).to.deep.equal(['TimeoutError', 'The operation was aborted due to timeout']);
});
pm.test('EventTarget', () => {
    const t = new EventTarget();
    const calls = [];
    const fn = (e) => { calls.push(e.type); e.preventDefault(); };
    t.addEventListener('x', fn);
    t.addEventListener('x', fn);
    t.addEventListener('y', () => calls.push('once'), { once: true });
    pm.expect(t.dispatchEvent(new Event('x', { cancelable: true }))).to.equal(false);
    t.dispatchEvent(new Event('y'));
    t.dispatchEvent(new Event('y'));
    t.removeEventListener('x', fn);
    t.dispatchEvent(new Event('x'));
    pm.expect(calls).to.deep.equal(['x', 'once']);
    const e = new Event('foo', { cancelable: true });
    pm.expect([e.type, e.cancelable, e.defaultPrevented, e.eventPhase]).to.deep.equal(['foo', true, false, 0]);
});
pm.test('DOMException', () => {
    pm.expect(new DOMException('x', 'NotFoundError').code).to.equal(8);
    pm.expect(DOMException.ABORT_ERR).to.equal(20);
    pm.expect(String(new DOMException('m'))).to.equal('Error: m');
    pm.expect(Object.prototype.toString.call(new DOMException('m'))).to.equal('[object DOMException]');
    pm.expect(new DOMException('m', 'AbortError')).to.be.an.instanceof(Error);
});`,
		"TextEncoder, TextDecoder": `
pm.test('encode', () => {
    pm.expect(Array.from(new TextEncoder().encode('h€'))).to.deep.equal([104, 226, 130, 172]);
    pm.expect(Array.from(new TextEncoder().encode('\ud800'))).to.deep.equal([239, 191, 189]);
    pm.expect(new TextEncoder().encodeInto('a€😀', new Uint8Array(5))).to.deep.equal({ read: 2, written: 4 });
});
pm.test('decode', () => {
    pm.expect(new TextDecoder().decode(new Uint8Array([0xE2, 0x82, 0x41, 0xF0, 0x9F, 0x98, 0xff, 0xC0, 0x80])))
        .to.equal('\ufffdA\ufffd\ufffd\ufffd\ufffd');
    pm.expect(new TextDecoder().decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x41]))).to.equal('A');
    pm.expect(new TextDecoder('utf-16le').decode(new Uint8Array([0x61, 0, 0x62, 0]))).to.equal('ab');
    pm.expect(() => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])))
        .to.throw(TypeError, 'The encoded data was not valid for encoding utf-8');
    pm.expect(() => new TextDecoder('nope')).to.throw(RangeError, 'The "nope" encoding is not supported');
    const d = new TextDecoder();
    pm.expect(d.decode(new Uint8Array([0xE2, 0x82]), { stream: true }) + d.decode(new Uint8Array([0xAC]))).to.equal('€');
    pm.expect(new TextDecoder().decode(Buffer.from('pmrun'))).to.equal('pmrun');
});`,
		"crypto": `
const enc = new TextEncoder();
const hex = (b) => Buffer.from(b).toString('hex');
pm.test('random', () => {
    pm.expect(crypto.randomUUID()).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    pm.expect(crypto.randomUUID()).not.to.equal(crypto.randomUUID());
    const a = new Uint32Array(8);
    pm.expect(crypto.getRandomValues(a)).to.equal(a);
    pm.expect(a.some((x) => x !== 0)).to.equal(true);
    pm.expect(() => crypto.getRandomValues(new Float32Array(2))).to.throw('The data argument must be an integer-type TypedArray');
    pm.expect(() => crypto.getRandomValues(new Uint8Array(65537))).to.throw('The requested length exceeds 65,536 bytes');
});
pm.test('digest', async () => {
    pm.expect(hex(await crypto.subtle.digest('SHA-1', enc.encode('abc')))).to.equal('a9993e364706816aba3e25717850c26c9cd0d89d');
    pm.expect(hex(await crypto.subtle.digest({ name: 'SHA-256' }, enc.encode('abc')))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    pm.expect(hex(await crypto.subtle.digest('SHA-512', enc.encode('abc')).then((d) => d))).to.equal('ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
    let err;
    try { await crypto.subtle.digest('MD5', enc.encode('abc')); } catch (e) { err = e; }
    pm.expect([err.name, err.message]).to.deep.equal(['NotSupportedError', 'Unrecognized algorithm name']);
});
pm.test('HMAC importKey, sign, verify', async () => {
    const key = await crypto.subtle.importKey('raw', enc.encode('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    pm.expect(key.algorithm).to.deep.equal({ name: 'HMAC', length: 24, hash: { name: 'SHA-256' } });
    pm.expect([key.type, key.extractable, key.usages]).to.deep.equal(['secret', false, ['sign', 'verify']]);
    const data = enc.encode('The quick brown fox jumps over the lazy dog');
    const sig = await crypto.subtle.sign('HMAC', key, data);
    pm.expect(hex(sig)).to.equal('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    pm.expect(await crypto.subtle.verify('HMAC', key, sig, data)).to.equal(true);
    pm.expect(await crypto.subtle.verify({ name: 'HMAC' }, key, sig, enc.encode('other'))).to.equal(false);
});`,
		"streams": `
const read = async (readable) => {
    const r = readable.getReader(), out = [];
    for (;;) { const { value, done } = await r.read(); if (done) { return out; } out.push(value); }
};
const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
const upper = new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); } });
const piped = await read(rs.pipeThrough(upper));
const written = [];
const ws = new WritableStream({ write(chunk) { written.push(chunk); } });
const writer = ws.getWriter();
await writer.write(1); await writer.write(2); await writer.close();
const cs = new CompressionStream('gzip');
const cw = cs.writable.getWriter(); cw.write(new TextEncoder().encode('hello hello hello')); cw.close();
const gz = await read(cs.readable);
const ds = new DecompressionStream('gzip');
const dw = ds.writable.getWriter(); gz.forEach((c) => dw.write(c)); dw.close();
const text = (await read(ds.readable.pipeThrough(new TextDecoderStream()))).join('');
const blobBytes = await read(new Blob(['abc']).stream());
pm.test('streams', () => {
    pm.expect(piped).to.deep.equal(['A', 'B']);
    pm.expect(written).to.deep.equal([1, 2]);
    pm.expect([gz[0][0], gz[0][1]]).to.deep.equal([0x1f, 0x8b]);
    pm.expect(text).to.equal('hello hello hello');
    pm.expect(Array.from(blobBytes[0])).to.deep.equal([97, 98, 99]);
    pm.expect(ReadableStream.name).to.equal('ReadableStream');
    pm.expect(new CountQueuingStrategy({ highWaterMark: 3 }).highWaterMark).to.equal(3);
    pm.expect(() => new CompressionStream('zip')).to.throw(TypeError);
});`,
		"dynamic import is rejected": `
const text = "import('x') stays";
let err;
try { await import("child_process"); } catch (e) { err = e; }
pm.test('rejected as V8 rejects it', () => {
    pm.expect(err).to.be.an.instanceof(TypeError);
    pm.expect(err.message).to.equal('A dynamic import callback was not specified.');
    pm.expect(text).to.equal("import('x') stays");
});`,
	}
	for name, src := range cases {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) { runChecks(t, src) })
	}
}

// TestDynamicImportFailsScript mirrors postman-sandbox's "should not allow dynamic import":
// an import() that nobody catches fails the script with V8's message.
func TestDynamicImportFailsScript(t *testing.T) {
	h := newHarness(t, Options{})
	res := h.run(`const mod = await import("child_process");
(async () => { const mod = await import("child_process"); })();`)
	if got := errText(res.Err); got != "TypeError: A dynamic import callback was not specified." {
		t.Fatalf("error = %s", got)
	}
	if res.Err.Line != 1 {
		t.Errorf("line = %d, want 1", res.Err.Line)
	}
}

func TestRewriteDynamicImport(t *testing.T) {
	for src, want := range map[string]string{
		`await import('a')`:                   `await __imp_('a')`,
		`x.import('a'); reimport('b')`:        `x.import('a'); reimport('b')`,
		"'import(' // import(\n/* import( */": "'import(' // import(\n/* import( */",
		"`${import('a')}`":                    "`${import('a')}`",
		"import ('a')":                        "__imp_ ('a')",
	} {
		if got, _ := rewriteDynamicImport(src); got != want {
			t.Errorf("rewrite(%q) = %q, want %q", src, got, want)
		}
	}
}
