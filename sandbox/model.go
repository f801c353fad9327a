package sandbox

import _ "embed" // for go:embed

// modelFile names the JavaScript object model in compile errors and stack traces; it is
// also the file's path in this directory.
//
// js/model.js is the Postman object model scripts see: Request, Url, QueryParam,
// Header(List), PropertyList, RequestBody, RequestAuth, Response, Cookie(List), and the
// chai-postman assertions (pm.response.to.have.status...). It is the body of a function
// `function (chai, host) { ... }` returning the model; the sandbox compiles it once per
// process and runs it once per runtime. Its contract with the sandbox is
// model-contract.md in this directory: host offers require and httpReason; the model
// offers request(json), response(plain), cookieList(array), installChai(), parseJSON,
// util and the classes. The code follows the behaviour of postman-collection 5 and
// chai-postman 2.0.1; it is our own.
const modelFile = "js/model.js"

// modelSource is the source of js/model.js.
//
//go:embed js/model.js
var modelSource string
