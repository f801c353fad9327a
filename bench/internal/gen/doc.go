// Package gen writes the collections and data files the benchmark runs: Postman v2.1
// collections as the Postman app exports them, aimed at the loopback target server.
//
// Scenarios are named kind-N: "empty"; "plain-N" (N GETs, no scripts); "scripted-N" (each
// request with a pre-request script of pm.variables calls feeding a header, and a test
// script with 3 pm.test blocks, 5 pm.expect and pm.response.json()); "heavy-N" (as
// scripted, plus lodash and a crypto-js HMAC the server verifies); "data-N" (N iterations
// over a JSON data file, two scripted requests per iteration, against a server that
// answers after a simulated network latency).
//
// It imports only the standard library (its tests also use package collections); it knows
// the target's header names as plain strings so the two packages stay independent.
package gen
