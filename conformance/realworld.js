#!/usr/bin/env node
// Runs collections as a new user would, under real Newman 6.2.2 and under pmrun, with every
// host pointed at the local echo server, and says for each whether the two outcomes match
// (the shared harness's normalised form: stats, executions, assertions, failures, exported
// environment).
//
//   node conformance/realworld.js PMRUN_BINARY DIR [--only NAME,…] [--keep OUT]
//
// DIR holds one folder per collection: collection.json, and optionally environment.json,
// globals.json, data.json or data.csv. Nothing in DIR is changed; rewritten copies go to a
// temporary folder (or OUT). The collections themselves are not part of this repository:
// point it at any folder of exported collections.
'use strict';

const fs = require('fs'),
    os = require('os'),
    path = require('path');

const shared = process.env.PMRUN_SHARED_CONFORMANCE ||
        path.resolve(__dirname, '..', '..', 'shared', 'conformance'),
    common = require(path.join(shared, 'lib', 'common.js')),
    normalise = require(path.join(shared, 'normalise.js'));

const ORIGIN_RE = /\bhttps?:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+(?::\d+)?/g;

// Points every absolute origin in a string at the echo server.
function rewriteString (s, base) {
    return s.replace(ORIGIN_RE, base);
}

// Rewrites a collection, environment or globals document in place.
function rewrite (node, base, port) {
    if (Array.isArray(node)) {
        return node.map((n) => { return rewrite(n, base, port); });
    }
    if (node && typeof node === 'object') {
        // A structured URL whose host is literal (no variables): aim it at the echo server.
        if (Array.isArray(node.host) && !node.host.join('.').includes('{{') && 'path' in node) {
            node.host = ['127', '0', '0', '1'];
            node.port = String(port);
            node.protocol = 'http';
        }
        else if (typeof node.host === 'string' && !node.host.includes('{{') && 'path' in node) {
            node.host = '127.0.0.1';
            node.port = String(port);
            node.protocol = 'http';
        }
        for (const k of Object.keys(node)) {
            node[k] = rewrite(node[k], base, port);
        }

        return node;
    }
    if (typeof node === 'string') { return rewriteString(node, base); }

    return node;
}

function readJSON (file) {
    let text = fs.readFileSync(file, 'utf8');

    if (text.charCodeAt(0) === 0xfeff) { text = text.slice(1); }

    return JSON.parse(text);
}

function outcome (argv, dir, cwd) {
    const r = common.run(argv, { cwd, timeoutMs: 180000 }),
        report = path.join(dir, 'report.json'),
        envout = path.join(dir, 'envout.json');

    fs.writeFileSync(path.join(dir, 'stdout.txt'), r.stdout);
    fs.writeFileSync(path.join(dir, 'stderr.txt'), r.stderr);
    if (!fs.existsSync(report)) {
        return { text: `no report (exit ${r.status})\n${r.stderr.slice(0, 500)}`, status: r.status };
    }
    const n = normalise(readJSON(report), fs.existsSync(envout) ? envout : undefined);

    n.exit = r.status;

    return { text: JSON.stringify(n, null, 2) + '\n', status: r.status };
}

function main () {
    const argv = process.argv.slice(2),
        opts = { only: null, keep: null },
        pos = [];

    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--only') { opts.only = argv[++i].split(','); }
        else if (argv[i] === '--keep') { opts.keep = argv[++i]; }
        else { pos.push(argv[i]); }
    }
    if (pos.length !== 2) {
        console.error('usage: realworld.js PMRUN_BINARY DIR [--only NAMES] [--keep OUT]');
        process.exit(2);
    }
    const pmrun = path.resolve(pos[0]),
        root = path.resolve(pos[1]),
        echo = common.startEcho(),
        base = `http://127.0.0.1:${echo.port}`,
        work = opts.keep ? path.resolve(opts.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'pm-real-'));
    let names = fs.readdirSync(root).filter((n) => {
            return fs.existsSync(path.join(root, n, 'collection.json'));
        }).sort(),
        same = 0,
        differ = 0;

    if (opts.only) { names = names.filter((n) => { return opts.only.includes(n); }); }
    try {
        for (const name of names) {
            const src = path.join(root, name),
                dir = path.join(work, name),
                files = {};

            fs.mkdirSync(dir, { recursive: true });
            for (const [key, file] of [['collection', 'collection.json'], ['environment', 'environment.json'],
                ['globals', 'globals.json']]) {
                if (!fs.existsSync(path.join(src, file))) { continue; }
                files[key] = path.join(dir, file);
                fs.writeFileSync(files[key], JSON.stringify(rewrite(readJSON(path.join(src, file)), base, echo.port), null, 2));
            }
            for (const file of ['data.json', 'data.csv']) {
                if (fs.existsSync(path.join(src, file))) { files.data = path.join(src, file); }
            }
            const results = {};

            for (const tool of ['newman', 'pmrun']) {
                const out = path.join(dir, tool);

                fs.mkdirSync(out, { recursive: true });
                const cmd = [tool === 'newman' ? common.NEWMAN_BIN : pmrun, 'run', files.collection];

                files.environment && cmd.push('-e', files.environment);
                files.globals && cmd.push('-g', files.globals);
                files.data && cmd.push('-d', files.data);
                cmd.push('--reporters', 'json', '--reporter-json-export', path.join(out, 'report.json'),
                    '--export-environment', path.join(out, 'envout.json'));
                results[tool] = outcome(cmd, out, src);
                fs.writeFileSync(path.join(out, 'normalised.json'), results[tool].text);
            }
            if (results.newman.text === results.pmrun.text) {
                same++;
                console.log(`SAME ${name}`);
            }
            else {
                differ++;
                console.log(`DIFF ${name}: diff ${path.join(dir, 'newman', 'normalised.json')} ${path.join(dir, 'pmrun', 'normalised.json')}`);
            }
        }
    }
    finally {
        echo.stop();
    }
    console.log(`outputs in ${work}`);
    console.log(`${same} passed, ${differ} failed`);
    process.exitCode = differ ? 1 : 0;
}

main();
