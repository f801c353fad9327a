package echo

import (
	"net/http"
	"strconv"
)

// maxRedirects bounds /redirect/{n}.
const maxRedirects = 50

// redirectTo redirects to ?url= with ?status_code= (a 3xx; 302 otherwise).
func redirectTo(w http.ResponseWriter, r *http.Request) {
	q := args(r)
	location, _ := q.last("url")
	code := http.StatusFound
	if s, ok := q.last("status_code"); ok {
		if c, err := strconv.Atoi(s); err == nil && c >= 300 && c < 400 {
			code = c
		}
	}
	redirect(w, code, location)
}

// redirectN redirects n times (relative locations) and finally lands on /get.
func redirectN(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > maxRedirects {
		badRequest(w, "invalid redirect count")
		return
	}
	location := "/get"
	if n > 1 {
		location = "/redirect/" + strconv.Itoa(n-1)
	}
	redirect(w, http.StatusFound, location)
}
