package echo

import (
	"net/http"
)

// cookiesOf lists the cookies the request carried, in order.
func cookiesOf(r *http.Request) object {
	out := object{}
	for _, c := range r.Cookies() {
		out = append(out, field{c.Name, c.Value})
	}
	return out
}

// cookies answers {"cookies": {...}}.
func cookies(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, object{{"cookies", cookiesOf(r)}})
}

// setCookies sets one cookie (path /) per query parameter, the last value winning, then
// redirects to /cookies.
func setCookies(w http.ResponseWriter, r *http.Request) {
	for _, f := range args(r) {
		vals := f.values()
		http.SetCookie(w, &http.Cookie{Name: f.name, Value: vals[len(vals)-1], Path: "/"})
	}
	redirect(w, http.StatusFound, "/cookies")
}

// deleteCookies expires the cookies named in the query and answers directly with the
// cookies that remain (no redirect).
func deleteCookies(w http.ResponseWriter, r *http.Request) {
	gone := map[string]bool{}
	for _, f := range args(r) {
		gone[f.name] = true
		w.Header().Add("Set-Cookie", f.name+"=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
	}
	left := object{}
	for _, c := range cookiesOf(r) {
		if !gone[c.name] {
			left = append(left, c)
		}
	}
	writeJSON(w, http.StatusOK, object{{"cookies", left}})
}
