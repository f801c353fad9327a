// Package cookiejar is the cookie store of a run, tough-cookie's behaviour in Go: it serves
// net/http (http.CookieJar), scripts (pm.cookies.jar(): Get, GetAll, Set, Unset, Clear) and
// the --cookie-jar / --export-cookie-jar files in tough-cookie's JSON (Parse, MarshalJSON).
//
// It is our own because no library matches tough-cookie's listing, deleting and JSON
// export (net/http/cookiejar can neither list nor delete cookies); public suffixes come
// from golang.org/x/net/publicsuffix.
//
// It imports collections (the cookie type scripts see) and the standard library. It must
// not import runner, sandbox, pmvault or the other packages under runner/internal: runner
// hands the jar to the HTTP client and to the sandbox.
package cookiejar
