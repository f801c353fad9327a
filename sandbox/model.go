package sandbox

import jsmodel "github.com/pmrun/pmrun/sandbox/js"

// modelFile names the JavaScript object model (requests, responses, cookies, chai-postman)
// in compile errors and stack traces; its source is js.Model (the contract between the two
// is model-contract.md in this directory).
const modelFile = "js/model.js"

var modelSource = jsmodel.Model
