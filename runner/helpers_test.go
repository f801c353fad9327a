package runner_test

import (
	"net/http"
	"sync/atomic"
)

// countingHandler counts the requests that reach h.
func countingHandler(h http.Handler, n *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h.ServeHTTP(w, r)
	})
}
