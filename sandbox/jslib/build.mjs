// build.mjs bundles every library that pmrun scripts can require() into one
// minified file per module under dist/, and writes dist/modules.json, the
// table the Go package reads. This file is the single source of truth for
// which require names exist and which file serves them.
//
// Each output file is the body of `function (module, exports, require) {...}`:
// esbuild's CommonJS output for an entry that assigns module.exports.
//
// Regenerate: cd sandbox/jslib && npm ci && node build.mjs

import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const shims = join(here, 'shims');

// require name -> npm package (for the version), entry specifier, output file.
const modules = [
  { name: 'ajv', pkg: 'ajv', entry: 'ajv', file: 'ajv.js' },
  { name: 'assert', pkg: 'assert', entry: 'assert/', file: 'assert.js' },
  { name: 'backbone', pkg: 'backbone', entry: 'backbone', file: 'backbone.js' },
  { name: 'buffer', pkg: 'buffer', entry: 'buffer/', file: 'buffer.js', realBuffer: true },
  { name: 'chai', pkg: 'chai', entry: 'chai', file: 'chai.js' },
  { name: 'cheerio', pkg: 'cheerio', entry: 'cheerio', file: 'cheerio.js' },
  { name: 'crypto-js', pkg: 'crypto-js', entry: 'crypto-js', file: 'crypto-js.js' },
  { name: 'csv-parse/lib/sync', pkg: 'csv-parse', entry: 'csv-parse/lib/sync', file: 'csv-parse-sync.js' },
  { name: 'events', pkg: 'events', entry: 'events/', file: 'events.js' },
  { name: 'liquid-json', pkg: 'liquid-json', entry: 'liquid-json', file: 'liquid-json.js' },
  { name: 'lodash', pkg: 'lodash', entry: 'lodash', file: 'lodash.js' },
  { name: 'lodash3', pkg: 'lodash3', entry: 'lodash3', file: 'lodash3.js' },
  { name: 'moment', pkg: 'moment', entry: 'moment', file: 'moment.js' },
  { name: 'path', pkg: 'path-browserify', entry: 'path-browserify', file: 'path.js' },
  { name: 'punycode', pkg: 'punycode', entry: 'punycode/', file: 'punycode.js' },
  { name: 'querystring', pkg: 'querystring-es3', entry: 'querystring-es3', file: 'querystring.js' },
  { name: 'stream', pkg: 'stream-browserify', entry: 'stream-browserify', file: 'stream.js' },
  { name: 'string_decoder', pkg: 'string_decoder', entry: 'string_decoder/', file: 'string_decoder.js' },
  // Sugar 1.3.9 (what postman-sandbox 4.x vendors) extends the built-in prototypes when it
  // runs; the sandbox installs it, scripts cannot require it.
  { name: 'sugar', pkg: 'sugar', entry: 'sugar', file: 'sugar.js' },
  { name: 'timers', pkg: 'timers-browserify', entry: 'timers-browserify', file: 'timers.js' },
  { name: 'tv4', pkg: 'tv4', entry: 'tv4', file: 'tv4.js' },
  { name: 'url', pkg: 'url', entry: 'url/', file: 'url.js' },
  { name: 'util', pkg: 'util', entry: 'util/', file: 'util.js' },
  { name: 'xml2js', pkg: 'xml2js', entry: 'xml2js', file: 'xml2js.js' },
];

// Node built-in names that nested code may require, mapped to polyfills.
const builtinAlias = {
  path: 'path-browserify',
  stream: 'stream-browserify',
  timers: 'timers-browserify',
  querystring: 'querystring-es3',
};

// shimPlugin routes buffer and process to our shims. The buffer bundle
// itself keeps the real npm buffer.
function shimPlugin(realBuffer) {
  return {
    name: 'pmrun-shims',
    setup(build) {
      build.onResolve({ filter: /^process(\/|\/browser(\.js)?)?$/ }, () => ({
        path: join(shims, 'process.cjs'),
      }));
      if (!realBuffer) {
        build.onResolve({ filter: /^buffer\/?$/ }, () => ({
          path: join(shims, 'buffer.cjs'),
        }));
      }
    },
  };
}

// chaiNativePlugin routes two of chai's utilities, flag and transferFlags, to functions the
// sandbox implements in Go (jslib/native.go): chai calls them a dozen times per assertion,
// and both read `arguments`, which costs goja an object per call. The bundle requires them
// by the internal names below, which scripts cannot require.
function chaiNativePlugin() {
  const native = {
    'flag.js': 'pmrun:chai-flag',
    'transferFlags.js': 'pmrun:chai-transfer-flags',
  };
  return {
    name: 'pmrun-chai-native',
    setup(build) {
      build.onResolve({ filter: /^pmrun:/ }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /[\\/]chai[\\/]lib[\\/]chai[\\/]utils[\\/](flag|transferFlags)\.js$/ }, (args) => {
        const name = native[args.path.split(/[\\/]/).pop()];
        return { contents: `module.exports = require(${JSON.stringify(name)});\n`, loader: 'js' };
      });
    },
  };
}

function version(pkg) {
  const meta = JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8'));
  return meta.version;
}

async function bundle(mod) {
  const result = await esbuild.build({
    absWorkingDir: here,
    stdin: {
      contents: `module.exports = require(${JSON.stringify(mod.entry)});\n`,
      resolveDir: here,
      sourcefile: `pmrun-entry-${mod.file}`,
    },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'browser',
    target: 'es2017',
    alias: builtinAlias,
    plugins: [shimPlugin(mod.realBuffer === true), ...(mod.name === 'chai' ? [chaiNativePlugin()] : [])],
    inject: [join(shims, 'inject-process.mjs')],
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  writeFileSync(join(dist, mod.file), code);
  const external = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports.filter((imp) => imp.external).map((imp) => imp.path))
    .filter((path) => !path.startsWith('/') && !path.startsWith('<'));
  const packages = Object.keys(result.metafile.inputs).map(packageDir).filter(Boolean);
  return { bytes: Buffer.byteLength(code), external: [...new Set(external)], packages };
}

// packageDir returns node_modules/<pkg> (or node_modules/@scope/pkg) for a
// bundled input path, or '' for our own files.
function packageDir(input) {
  const m = /^(node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m ? m[1] : '';
}

// writeNotices collects the licence texts of every package that ended up in
// a bundle into dist/THIRD_PARTY_NOTICES.txt.
function writeNotices(dirs) {
  const parts = [];
  for (const dir of [...new Set(dirs)].sort()) {
    const meta = JSON.parse(readFileSync(join(here, dir, 'package.json'), 'utf8'));
    const file = readdirSync(join(here, dir)).find((f) => /^(licen[cs]e|copying)/i.test(f));
    const text = file ? readFileSync(join(here, dir, file), 'utf8').trim() : `License: ${meta.license}`;
    parts.push(`== ${meta.name}@${meta.version} ==\n\n${text}\n`);
  }
  writeFileSync(join(dist, 'THIRD_PARTY_NOTICES.txt'), parts.join('\n'));
}

function cleanDist() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
}

async function main() {
  cleanDist();
  const started = Date.now();
  const results = await Promise.all(modules.map(bundle));
  const table = {};
  let total = 0;
  modules.forEach((mod, i) => {
    const { bytes, external } = results[i];
    total += bytes;
    table[mod.name] = { file: mod.file, package: mod.pkg, version: version(mod.pkg) };
    const ext = external.length ? `  external: ${external.join(', ')}` : '';
    console.log(`${mod.name.padEnd(20)} ${mod.file.padEnd(22)} ${(bytes / 1024).toFixed(1).padStart(7)} KiB${ext}`);
  });
  writeFileSync(join(dist, 'modules.json'), JSON.stringify(table, null, 2) + '\n');
  writeNotices(results.flatMap((r) => r.packages));
  const files = readdirSync(dist).length;
  console.log(`total ${(total / 1024).toFixed(1)} KiB in ${files} files, ${Date.now() - started} ms`);
}

await main();
