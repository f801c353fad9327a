package sandbox

import jsmodel "github.com/pmrun/pmrun/sandbox/js"

// modelFile names the JavaScript object model (requests, responses, cookies, chai-postman)
// in compile errors and stack traces; its source is js.Model (see the model contract in the
// project notes).
const modelFile = "js/model.js"

var modelSource = jsmodel.Model
