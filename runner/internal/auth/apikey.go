package auth

import "github.com/pmrun/pmrun/collections"

// apikeyAuth adds key=value as a header (in: "header", the default) or a query
// parameter (in: "query"), replacing an existing one of the same name.
type apikeyAuth struct{}

func (apikeyAuth) sign(st *authState, r *signable) error {
	key, value := st.get("key"), st.get("value")
	if key == "" && value == "" {
		return nil
	}
	if st.get("in") == "query" {
		r.req.URL.Query = append(removeQuery(r.req.URL.Query, key), collections.QueryParam{Key: key, Value: value})
		return nil
	}
	lkey := lodashLowerCase(key)
	hs := r.req.Headers[:0]
	for _, h := range r.req.Headers {
		if lodashLowerCase(h.Key) != lkey {
			hs = append(hs, h)
		}
	}
	r.req.Headers = hs
	r.addHeader(key, value)
	return nil
}

func (apikeyAuth) retry(*authState, *collections.Response) bool { return false }
