// Package js holds the JavaScript source of the Postman object model that pmrun scripts
// see: Request, Url, QueryParam, Header(List), PropertyList, RequestBody, RequestAuth,
// Response, Cookie(List), and the chai-postman assertions (pm.response.to.have.status...).
//
// model.js is the body of a function `function (chai, host) { ... }` returning the model;
// the sandbox compiles it once per process and runs it once per runtime. Its contract
// with the sandbox is sandbox/model-contract.md: host offers require and httpReason; the
// model offers request(json), response(plain), cookieList(array), installChai(), parseJSON,
// util and the classes.
//
// The code follows the behaviour of postman-collection 5 and chai-postman 2.0.1; it is
// our own. This package only embeds a file: it must not import anything but embed.
package js
