// Package collections owns pmrun's data formats and variable rules: Postman collections
// (v2.0 and v2.1; v1 is converted to v2.1 on load, with Newman's warning), environment and globals files, iteration data (JSON or CSV), variable
// scopes with Postman's duplicate/disabled semantics, {{var}} substitution, dynamic variables
// ($guid, $randomInt, …), URLs in Postman's structured form and their two renderings
// (Url.toString for scripts and reports, URL.WireString as postman-runtime sends it, with
// the one percent-encoder of percent.go), header lists, auth definitions and the
// inheritance rules over the item tree (auth, scripts, protocolProfileBehavior).
//
// Everything here is pure: functions take bytes and return values or *InputError (exit code
// 3), and never read files, the environment or the network. The behaviours copy
// postman-collection and Newman as described in docs/postman-reference.md (§3, §4.1, §4.3,
// A.2, A.3).
//
// Threading: parsed collections are read-only after parsing and may be shared; a
// VariableScope is not safe for concurrent use. Dynamic and Replace are safe for concurrent
// use.
//
// This package imports only the standard library and gofakeit (for dynamic variables). It
// must not import any other pmrun package, goja, an HTTP client or the vault.
package collections
