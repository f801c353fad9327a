// build.mjs bundles web-streams-polyfill's ponyfill into dist/webstreams.js, the body of
// `function (module, exports) {...}` whose exports are the stream classes.
//
// Regenerate: cd sandbox/webstreams && npm ci && node build.mjs
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const res = await esbuild.build({
    stdin: { contents: "module.exports = require('web-streams-polyfill');", resolveDir: here, loader: 'js' },
    bundle: true, write: false, format: 'cjs', platform: 'neutral', mainFields: ['main', 'module'],
    target: 'es2020', minify: true, keepNames: true, legalComments: 'eof', logLevel: 'error'
});
mkdirSync(join(here, 'dist'), { recursive: true });
writeFileSync(join(here, 'dist', 'webstreams.js'), res.outputFiles[0].text);
