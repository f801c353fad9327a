package js

import _ "embed" // for go:embed

// Model is the source of model.js: the body of `function (chai, host) { ... }` that
// returns the Postman object model (see the package documentation).
//
//go:embed model.js
var Model string
