// oracle.cjs runs the model test cases on the real postman-collection and chai-postman
// (postman-collection.cjs, next to this file) under Node: the other side of
// sandbox/model_diff_test.go. It reads {"prelude": "...", "cases": [{"fn": "evalExpr",
// "js": "..."}]} on stdin and writes the cases' outputs as a JSON array of strings.
'use strict';
const path = require('path');
const real = require(path.join(__dirname, 'postman-collection.cjs'));

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const { prelude, cases } = JSON.parse(input);
  const model = Object.create(real.sdk);
  model.request = (j) => new real.sdk.Request(j);
  model.response = (p) => new real.sdk.Response(p);
  model.cookieList = (l) => new real.sdk.CookieList(null, l);
  model.installChai = () => {
    real.chai.use(real.chaiPostman(real.sdk, real.lodash, real.Ajv));
    // what postman-sandbox adds to pm.request and pm.response: `.to` is chai.expect(it).to
    for (const C of [real.sdk.Request, real.sdk.Response]) {
      Object.defineProperty(C.prototype, 'to', { get() { return real.chai.expect(this).to; }, configurable: true });
    }
  };
  globalThis.model = model;
  globalThis.chai = real.chai;
  model.installChai();
  (0, eval)(prelude); // sloppy, global: its functions and vars become globals, as in goja
  const out = cases.map((c) => {
    try {
      return String(globalThis[c.fn](c.js));
    } catch (e) {
      return 'ORACLE ' + e.name + ': ' + e.message;
    }
  });
  process.stdout.write(JSON.stringify(out));
});
