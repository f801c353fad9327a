package sandbox

// modernCompat are the rows of the current Postman sandbox's additions (sandbox 6: web
// globals, Intl, pm.require…). They are kept apart from compat.go so that work on them
// does not touch the shared table; init appends them to Compat.
var modernCompat = []CompatRow{
	{Area: "pm", API: "pm.require()", Status: StatusSupported,
		Note: "team packages from `--package-dir`; `npm:` and `jsr:` packages from the npm registry (integrity checked, cached, bundled with esbuild; `pmrun packages fetch`, `--offline`); as in Postman a package sees `module.id` and not the legacy globals (`postman`, `tests`, `_`…), and an `npm:`/`jsr:` package not `pm` either",
		Script: `
const utils = pm.require('@team/utils');
pm.test('team package', () => {
    pm.expect(utils.greet('pmrun')).to.equal('hello pmrun from Item');
    pm.expect(pm.require('@team/utils')).to.equal(utils);
    pm.expect(() => pm.require('@team/missing')).to.throw("Cannot find package '@team/missing'");
});`},
	{Area: "pm", API: "pm.variables.mutations (and environment, globals, collectionVariables, iterationData): count(), applyOn()", Status: StatusSupported,
		Note: "this script's changes, compacted per key, as Postman tracks them", Script: `
const sdk = require('postman-collection');
pm.test('mutations', () => {
    pm.expect(pm.environment.mutations.count()).to.equal(0);
    pm.environment.set('a', 1);
    pm.environment.set('a', 2);
    pm.environment.unset('host');
    pm.expect(pm.environment.mutations.count()).to.equal(2);
    const copy = new sdk.VariableScope({ values: [{ key: 'host', value: 'x' }] });
    pm.environment.mutations.applyOn(copy);
    pm.expect(copy.toObject()).to.deep.equal({ a: 2 });
    pm.variables.set('v', 1);
    pm.expect(JSON.stringify(pm.variables.mutations)).to.equal('{"autoCompact":true,"stream":[],"compacted":{"v":["v",1]}}');
});`},
	{Area: "pm", API: "pm.request.toJSON()", Status: StatusSupported, Note: "postman-collection's shape (the url without `raw`, with `query` and `variable` lists)", Script: `
pm.test('url shape', () => {
    pm.expect(pm.request.toJSON().url).to.deep.equal({
        protocol: 'http', path: ['users'], host: ['{{host}}'],
        query: [{ key: 'page', value: '2' }, { key: 'sort', value: 'name' }], variable: []
    });
});`},
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
	{Area: "globals", API: "crypto (getRandomValues, randomUUID, subtle.digest, importKey, exportKey, sign, verify, encrypt, decrypt)", Status: StatusPartial,
		Note: "in Go: SHA digests, HMAC (raw keys), RSASSA-PKCS1-v1_5, RSA-PSS and ECDSA (pkcs8/spki keys), AES-GCM and AES-CBC (raw keys); no generateKey, jwk, key derivation or wrapping",
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
	{Area: "globals", API: "ReadableStream, WritableStream, TransformStream (and readers, writers, strategies), TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream", Status: StatusSupported,
		Note: "web-streams-polyfill 4.3.0, loaded on first use; compression in Go (gzip, deflate, deflate-raw)", Script: `
const rs = new ReadableStream({ start(c) { c.enqueue('pm'); c.close(); } });
const reader = rs.pipeThrough(new TransformStream({ transform(chunk, c) { c.enqueue(chunk + 'run'); } })).getReader();
const { value } = await reader.read();
pm.test('streams', () => pm.expect(value).to.equal('pmrun'));`},
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
	{Area: "globals", API: "Intl.NumberFormat (decimal, percent, currency, grouping, digits, formatToParts), Number/BigInt toLocaleString", Status: StatusPartial,
		Note: "CLDR data from bojanz/currency and x/text, equal to Node 20 on a recorded table; no `unit` style, compact or scientific notation",
		Script: `
pm.test('numbers', () => {
    pm.expect((1234.5).toLocaleString('en-US')).to.equal('1,234.5');
    pm.expect((1234.5).toLocaleString('de-DE')).to.equal('1.234,5');
    pm.expect(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5)).to.equal('1.234,50 €');
    pm.expect(new Intl.NumberFormat('en-US', { style: 'percent' }).format(0.256)).to.equal('26%');
    pm.expect((0.5).toLocaleString('en-US', { minimumFractionDigits: 2 })).to.equal('0.50');
    pm.expect(new Intl.NumberFormat('en-US').formatToParts(-1.5).map(p => p.type)).to.deep.equal(['minusSign', 'integer', 'decimal', 'fraction']);
});`},
	{Area: "globals", API: "Intl.DateTimeFormat, Date toLocaleString / toLocaleDateString / toLocaleTimeString", Status: StatusPartial,
		Note: "CLDR 48 (Node 20's) patterns and names, `timeZone` and `timeZoneName`, `hour12`/`hourCycle`, `dateStyle`/`timeStyle`, `formatToParts`; no `era`, `dayPeriod` or other calendars",
		Script: `
const d = new Date(Date.UTC(2026, 11, 6, 18, 5, 9));
pm.test('dates', () => {
    pm.expect(d.toLocaleString('en-US', { timeZone: 'UTC' })).to.equal('12/6/2026, 6:05:09 PM');
    pm.expect(d.toLocaleDateString('de-DE', { timeZone: 'UTC' })).to.equal('6.12.2026');
    pm.expect(d.toLocaleTimeString('en-GB', { timeZone: 'Europe/London' })).to.equal('18:05:09');
    pm.expect(d.toLocaleDateString('fr-FR', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' })).to.equal('dimanche 6 décembre 2026');
    pm.expect(new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' }).format(d)).to.equal('2026年12月7日');
});`},
	{Area: "globals", API: "Intl.Collator, String.prototype.localeCompare", Status: StatusSupported,
		Note: "x/text's CLDR collation; `sensitivity`, `numeric`, `ignorePunctuation`", Script: `
pm.test('collation', () => {
    pm.expect('a'.localeCompare('B')).to.equal(-1);
    pm.expect('ä'.localeCompare('z', 'sv')).to.equal(1);
    pm.expect('a'.localeCompare('A', undefined, { sensitivity: 'base' })).to.equal(0);
    pm.expect(['10', '9', '1'].sort(new Intl.Collator('en', { numeric: true }).compare)).to.deep.equal(['1', '9', '10']);
});`},
	{Area: "globals", API: "Intl.PluralRules", Status: StatusSupported, Note: "x/text's CLDR plural rules (cardinal and ordinal)", Script: `
pm.test('plurals', () => {
    pm.expect([1, 2].map(n => new Intl.PluralRules('en-US').select(n))).to.deep.equal(['one', 'other']);
    pm.expect(new Intl.PluralRules('en-US', { type: 'ordinal' }).select(22)).to.equal('two');
});`},
	{Area: "globals", API: "Buffer#toString of very large buffers", Status: StatusSupported,
		Note: "above `require('buffer').kStringMaxLength` (Postman's 2^28-16) it throws `ERR_STRING_TOO_LONG` at once; UTF-8 is decoded natively", Script: `
const big = Buffer.alloc(134217721);
let err;
try { big.toString('hex'); } catch (e) { err = e; }
pm.test('fails fast', () => pm.expect(err.code).to.equal('ERR_STRING_TOO_LONG'));`},
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
