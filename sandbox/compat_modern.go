package sandbox

// modernCompat are the rows of the current Postman sandbox's additions (sandbox 6: web
// globals, Intl, pm.require…). They are kept apart from compat.go so that work on them
// does not touch the shared table; init appends them to Compat.
var modernCompat = []CompatRow{
	{Area: "globals", API: "structuredClone", Status: StatusSupported,
		Note: "objects, arrays, Date, RegExp, Map, Set, ArrayBuffer and views, errors, Blob/File, cycles; functions and symbols throw DataCloneError",
		Script: `
const src = { d: new Date(0), m: new Map([['k', [1]]]) };
src.self = src;
const copy = structuredClone(src);
pm.test('deep copy', () => {
    pm.expect(copy.self).to.equal(copy);
    pm.expect(copy.m.get('k')).to.deep.equal([1]);
    pm.expect(copy.m.get('k')).not.to.equal(src.m.get('k'));
    pm.expect(() => structuredClone(() => 1)).to.throw(DOMException, 'could not be cloned');
});`},
	{Area: "globals", API: "queueMicrotask", Status: StatusSupported, Script: `
const order = [];
queueMicrotask(() => order.push('micro'));
order.push('sync');
await Promise.resolve();
pm.test('runs after the current job', () => { pm.expect(order).to.deep.equal(['sync', 'micro']); });`},
	{Area: "globals", API: "AbortController, AbortSignal (abort, any, timeout, throwIfAborted)", Status: StatusSupported, Script: `
const c = new AbortController();
let fired = 0;
c.signal.addEventListener('abort', () => fired++);
c.abort();
pm.test('abort', () => {
    pm.expect([c.signal.aborted, fired, c.signal.reason.name]).to.deep.equal([true, 1, 'AbortError']);
    pm.expect(AbortSignal.abort('x').reason).to.equal('x');
});`},
	{Area: "globals", API: "Event, EventTarget, DOMException", Status: StatusSupported, Script: `
const t = new EventTarget();
const got = [];
t.addEventListener('ping', (e) => got.push(e.type), { once: true });
t.dispatchEvent(new Event('ping'));
t.dispatchEvent(new Event('ping'));
pm.test('events', () => {
    pm.expect(got).to.deep.equal(['ping']);
    const e = new DOMException('gone', 'NotFoundError');
    pm.expect([e.name, e.message, e.code, e instanceof Error]).to.deep.equal(['NotFoundError', 'gone', 8, true]);
});`},
	{Area: "globals", API: "TextEncoder, TextDecoder", Status: StatusSupported,
		Note: "utf-8 (with `fatal`, `ignoreBOM`, `stream`), utf-16le/be and latin1; Node knows more legacy encodings",
		Script: `
pm.test('text', () => {
    const bytes = new TextEncoder().encode('€1');
    pm.expect(Array.from(bytes)).to.deep.equal([226, 130, 172, 49]);
    pm.expect(new TextDecoder().decode(bytes)).to.equal('€1');
    pm.expect(new TextDecoder().decode(new Uint8Array([0xff]))).to.equal('\ufffd');
});`},
	{Area: "globals", API: "crypto (getRandomValues, randomUUID, subtle.digest, importKey, exportKey, sign, verify)", Status: StatusPartial,
		Note: "`subtle` does SHA-1/256/384/512 digests and HMAC keys (raw format); no RSA, ECDSA, AES or key derivation",
		Script: `
const enc = new TextEncoder();
const hex = (b) => Buffer.from(b).toString('hex');
const key = await crypto.subtle.importKey('raw', enc.encode('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
const sig = await crypto.subtle.sign('HMAC', key, enc.encode('The quick brown fox jumps over the lazy dog'));
const digest = await crypto.subtle.digest('SHA-256', enc.encode('abc'));
pm.test('web crypto', async () => {
    pm.expect(hex(sig)).to.equal('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    pm.expect(await crypto.subtle.verify('HMAC', key, sig, enc.encode('The quick brown fox jumps over the lazy dog'))).to.equal(true);
    pm.expect(hex(digest)).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    pm.expect(crypto.randomUUID()).to.match(/^[0-9a-f-]{36}$/);
    pm.expect(crypto.getRandomValues(new Uint8Array(16))).to.have.lengthOf(16);
});`},
	{Area: "globals", API: "File, Blob", Status: StatusSupported, Note: "also `require('buffer').File` / `.Blob`, the same classes", Script: `
const f = new File(['hello ', 'world'], 'a.txt', { type: 'text/plain', lastModified: 1 });
pm.test('file', async () => {
    pm.expect([f.name, f.size, f.type, f.lastModified]).to.deep.equal(['a.txt', 11, 'text/plain', 1]);
    pm.expect(await f.slice(6).text()).to.equal('world');
    pm.expect(require('buffer').File).to.equal(File);
    pm.expect(require('buffer').Blob).to.equal(Blob);
});`},
	{Area: "globals", API: "import()", Status: StatusSupported, Note: "rejected with V8's message, as in Postman", Script: `
let err;
try { await import('lodash'); } catch (e) { err = e; }
pm.test('no dynamic import', () => { pm.expect(err.message).to.equal('A dynamic import callback was not specified.'); });`},
	{Area: "globals", API: "Error.prepareStackTrace", Status: StatusSupported, Note: "fixed: scripts cannot replace it, as in Postman", Script: `
const before = Error.prepareStackTrace;
Error.prepareStackTrace = () => 'mine';
pm.test('unchanged', () => {
    pm.expect(Error.prepareStackTrace).to.equal(before);
    pm.expect(new Error('Test').stack.split('\n')[0]).to.equal('Error: Test');
});`},
	{Area: "library", API: "buffer (kStringMaxLength, constants, File, Blob, atob, btoa)", Status: StatusSupported, Script: `
const buffer = require('buffer');
pm.test('module', () => {
    pm.expect(buffer.kStringMaxLength).to.equal(268435440);
    pm.expect(buffer.constants).to.have.keys('MAX_LENGTH', 'MAX_STRING_LENGTH');
    pm.expect(buffer.atob).to.equal(atob);
    pm.expect(() => buffer.isUtf8()).to.throw('Not implemented');
});`},
}

func init() { Compat = append(Compat, modernCompat...) }
