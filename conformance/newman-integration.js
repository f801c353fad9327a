#!/usr/bin/env node
// Runs Newman's own integration collections (test/integration of a newman checkout) with real
// Newman 6.2.2 and with pmrun, each against loopback servers, and compares the two outcomes in
// the shared conformance shape (../shared/conformance/normalise.js). Called by
// newman-integration.sh; see there for usage.
'use strict';

const fs = require('fs'),
    os = require('os'),
    path = require('path'),
    childProcess = require('child_process');

const [newmanCheckout, pmrunBin, sharedDir, toolsDir, keepDir, only] = process.argv.slice(2),
    normalise = require(path.join(sharedDir, 'normalise.js')),
    NEWMAN = path.join(toolsDir, 'node_modules', '.bin', 'newman'),
    PMECHO = path.join(toolsDir, 'bin', 'pmecho'),
    SRC = path.join(newmanCheckout, 'test', 'integration'),
    work = keepDir ? path.resolve(keepDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'nm-int-'));

function walk (dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const p = path.join(dir, d.name);

        return d.isDirectory() ? walk(p) : [p];
    });
}

// Suites as newman's npm/test-integration.js groups them: NAME.postman_KIND.EXT.
function suites () {
    const out = {};

    for (const f of walk(SRC)) {
        const m = f.match(/(.+)\.postman_([^.]+)(\.skip)?\.([^.]{3,})$/i);

        if (!m || m[3]) { continue; }
        (out[m[1]] = out[m[1]] || { name: path.relative(SRC, m[1]) })[m[2] + m[4].toUpperCase()] = f;
    }

    return Object.values(out).filter((s) => { return s.collectionJSON; })
        .sort((a, b) => { return a.name < b.name ? -1 : 1; });
}

// Newman's raw echo and redirect servers (npm/server.js) need `server-destroy`; a no-op
// stand-in is enough here since the process is killed at the end.
function startNewmanServers () {
    const dir = path.join(work, '_servers');

    fs.mkdirSync(path.join(dir, 'node_modules', 'server-destroy'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'server-destroy', 'index.js'), 'module.exports = function () {};\n');
    fs.copyFileSync(path.join(newmanCheckout, 'npm', 'server.js'), path.join(dir, 'server.js'));
    fs.writeFileSync(path.join(dir, 'start.js'), `
const s = require('./server');
const a = s.createRawEchoServer(), b = s.createRedirectServer();
a.listen(0, '127.0.0.1', () => b.listen(0, '127.0.0.1', () => {
  require('fs').writeFileSync(process.argv[2], JSON.stringify({ raw: a.address().port, redirect: b.address().port }));
}));
`);
    return startWithReadyFile(process.execPath, [path.join(dir, 'start.js')], path.join(dir, 'ports.json'));
}

function startWithReadyFile (bin, args, ready) {
    fs.rmSync(ready, { force: true });
    const child = childProcess.spawn(bin, args.concat([ready]), { stdio: 'ignore' });
    const until = Date.now() + 20000;

    while (!fs.existsSync(ready) || !fs.readFileSync(ready, 'utf8').trim()) {
        if (Date.now() > until) { child.kill(); throw new Error('server did not start: ' + bin); }
        childProcess.spawnSync('sleep', ['0.1']);
    }

    return { child, ports: JSON.parse(fs.readFileSync(ready, 'utf8')) };
}

// postman-echo.com becomes the loopback pmecho (in raw URLs, URL objects and script text alike);
// localhost:4041/4042 become newman's raw echo and redirect servers.
function rewrite (text, ports) {
    const echo = `http://127.0.0.1:${ports.echo}`,
        str = (v) => {
            // a bare host (a variable's value) stays bare; "https://{{var}}" is read over http
            return v
                .replace(/https?:\/\/postman-echo\.com(:443)?/g, echo)
                .replace(/postman-echo\.com(:443)?/g, `127.0.0.1:${ports.echo}`)
                .replace(/https:\/\/\{\{/g, 'http://{{')
                .replace(/localhost:4041/g, `127.0.0.1:${ports.raw}`)
                .replace(/localhost:4042/g, `127.0.0.1:${ports.redirect}`);
        },
        fix = (v) => {
            if (typeof v === 'string') { return str(v); }
            if (Array.isArray(v)) { return v.map(fix); }
            if (v && typeof v === 'object') {
                const host = Array.isArray(v.host) ? v.host.join('.') : v.host;

                if (host === 'postman-echo.com' && (v.raw !== undefined || v.path !== undefined)) {
                    v.host = ['127', '0', '0', '1'];
                    v.port = String(ports.echo);
                    v.protocol = 'http';
                }
                if (host === 'localhost' && (String(v.port) === '4041' || String(v.port) === '4042')) {
                    v.host = ['127', '0', '0', '1'];
                    v.port = String(String(v.port) === '4041' ? ports.raw : ports.redirect);
                }
                for (const k of Object.keys(v)) { v[k] = fix(v[k]); }
            }

            return v;
        };

    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : ''; // kept: one collection tests it

    return bom + JSON.stringify(fix(JSON.parse(text.slice(bom.length))), null, 2);
}

function flags (o) {
    const f = [];

    o.timeout !== undefined && f.push('--timeout', String(o.timeout));
    o.timeoutRequest !== undefined && f.push('--timeout-request', String(o.timeoutRequest));
    o.timeoutScript !== undefined && f.push('--timeout-script', String(o.timeoutScript));
    o.ignoreRedirects && f.push('--ignore-redirects');
    o.insecure && f.push('--insecure');

    return f;
}

function runOne (bin, s, dir, ports) {
    fs.mkdirSync(dir, { recursive: true });
    const copy = (file) => {
            if (!file) { return undefined; }
            const to = path.join(dir, path.basename(file)),
                buf = fs.readFileSync(file);

            // variable and data files are rewritten only when plain UTF-8 (the BOM and UTF-16
            // cases keep their bytes)
            const plain = buf[0] !== 0xef && buf[0] !== 0xff && buf[0] !== 0xfe;

            fs.writeFileSync(to, file === s.collectionJSON || (plain && /\.json$/.test(file) &&
                buf.includes('postman-echo.com')) ? rewrite(buf.toString('utf8'), ports) : buf);

            return to;
        },
        config = s.configJSON ? JSON.parse(fs.readFileSync(s.configJSON, 'utf8')).run || {} : {},
        args = ['run', copy(s.collectionJSON)];

    s.environmentJSON && args.push('-e', copy(s.environmentJSON));
    s.globalsJSON && args.push('-g', copy(s.globalsJSON));
    (s.dataCSV || s.dataJSON) && args.push('-d', copy(s.dataCSV || s.dataJSON));
    // files the collections upload sit beside them
    for (const f of fs.readdirSync(path.dirname(s.collectionJSON))) {
        if (!/\.postman_/.test(f) && fs.statSync(path.join(path.dirname(s.collectionJSON), f)).isFile()) {
            fs.copyFileSync(path.join(path.dirname(s.collectionJSON), f), path.join(dir, f));
        }
    }
    args.push(...flags(config), '--reporters', 'json',
        '--reporter-json-export', path.join(dir, 'report.json'),
        '--export-environment', path.join(dir, 'envout.json'), '--export-globals', path.join(dir, 'globalsout.json'));
    // newman's suite runs with the checkout's test/integration as the collection's relative root
    const r = childProcess.spawnSync(bin, args, { cwd: dir, encoding: 'utf8', timeout: 120000 });

    fs.writeFileSync(path.join(dir, 'stdout.txt'), (r.stdout || '') + (r.stderr || ''));
    if (!fs.existsSync(path.join(dir, 'report.json'))) { return null; }

    const n = normalise(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')),
        fs.existsSync(path.join(dir, 'envout.json')) ? path.join(dir, 'envout.json') : undefined,
        fs.existsSync(path.join(dir, 'globalsout.json')) ? path.join(dir, 'globalsout.json') : undefined);
    let text = JSON.stringify(n, null, 2)
        .replace(new RegExp(`127\\.0\\.0\\.1:(${ports.echo}|${ports.raw}|${ports.redirect})`, 'g'), '127.0.0.1:<port>');

    // values of {{$random…}}, {{$guid}} and {{$timestamp}} differ from run to run (and scripts
    // put them into test names): hide UUIDs and every run of digits inside a string
    if (/\{\{\$(random|guid|timestamp)/.test(fs.readFileSync(s.collectionJSON, 'utf8'))) {
        text = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
            .replace(/"(?:[^"\\]|\\.)*"/g, (str) => { return str.replace(/\d+/g, '<n>'); });
    }
    // a Digest server's nonce is random per run of the echo server; scripts keep it in a variable
    text = text.replace(/("[^"]*nonce[^"]*",\s*)"[0-9A-Za-z+/=]{16,}"/gi, '$1"<nonce>"');

    fs.writeFileSync(path.join(dir, 'normalised.json'), text + '\n');

    return text;
}

function main () {
    fs.mkdirSync(work, { recursive: true });
    const echo = startWithReadyFile(PMECHO, ['-port', '0', '-ready-file'], path.join(work, 'pmecho-ports.json')),
        nm = startNewmanServers(),
        ports = { echo: echo.ports.port, raw: nm.ports.raw, redirect: nm.ports.redirect };
    let list = suites(),
        same = 0;
    const differ = [];

    if (only) { list = list.filter((s) => { return only.split(',').includes(s.name); }); }
    try {
        for (const s of list) {
            const slug = s.name.replace(/[\\/]/g, '__'),
                a = runOne(NEWMAN, s, path.join(work, slug, 'newman'), ports),
                b = runOne(pmrunBin, s, path.join(work, slug, 'pmrun'), ports);

            if (a !== null && a === b) { same++; console.log(`SAME   ${s.name}`); continue; }
            differ.push(s.name);
            console.log(`DIFFER ${s.name}` + (a === null ? ' (newman wrote no report)' : b === null ? ' (pmrun wrote no report)' : ''));
            if (a !== null && b !== null) {
                const r = childProcess.spawnSync('diff', ['-u', path.join(work, slug, 'newman', 'normalised.json'),
                    path.join(work, slug, 'pmrun', 'normalised.json')], { encoding: 'utf8' });

                console.log(r.stdout.split('\n').slice(2, 40).map((l) => { return '    ' + l; }).join('\n'));
            }
        }
    }
    finally {
        echo.child.kill();
        nm.child.kill();
    }
    console.log(`${same} of ${list.length} match` + (differ.length ? ` (differ: ${differ.join(', ')})` : ''));
    console.log(`outputs in ${work}`);
    process.exitCode = differ.length ? 1 : 0;
}

main();
