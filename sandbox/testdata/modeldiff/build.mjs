// build.mjs bundles the real postman-collection and chai-postman, with the chai, lodash
// and ajv versions that pmrun embeds, into one CommonJS file for Node:
// postman-collection.cjs exports {sdk, chaiPostman, chai, lodash, Ajv}. oracle.cjs loads it
// for sandbox/model_diff_test.go. Test data only: pmrun never ships it. @faker-js/faker
// (dynamic variables, which the test does not use) is left out.
//
// Regenerate: cd sandbox/testdata/modeldiff && npm ci && node build.mjs
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const version = (pkg) => JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;

const noFaker = {
  name: 'no-faker',
  setup(build) {
    build.onResolve({ filter: /^@faker-js\/faker/ }, (args) => ({ path: args.path, namespace: 'no-faker' }));
    build.onLoad({ filter: /.*/, namespace: 'no-faker' }, () => ({
      // any property path resolves; calling one throws
      contents: 'const f = () => new Proxy(function () { throw new Error("faker is not bundled"); }, { get: (t, k) => (k === "prototype" ? t.prototype : f()) });\nmodule.exports = f();',
    }));
  },
};

const result = await esbuild.build({
  absWorkingDir: here,
  stdin: {
    contents: 'module.exports = { sdk: require("postman-collection"), chaiPostman: require("chai-postman"), ' +
      'chai: require("chai"), lodash: require("lodash"), Ajv: require("ajv") };\n',
    resolveDir: here,
    sourcefile: 'modeldiff-entry.js',
  },
  bundle: true,
  write: false,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  plugins: [noFaker],
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
});
const versions = ['postman-collection', 'chai-postman', 'chai', 'lodash', 'ajv'].map((p) => `${p} ${version(p)}`).join(', ');
writeFileSync(join(here, 'postman-collection.cjs'), `// ${versions}: bundled by build.mjs (test data only).\n` + result.outputFiles[0].text);
console.log(`postman-collection.cjs: ${(result.outputFiles[0].text.length / 1024).toFixed(1)} KiB (${versions})`);
