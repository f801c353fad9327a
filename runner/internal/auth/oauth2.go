package auth

import (
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// oauth2Auth sends an existing access token (pmrun, like postman-runtime, does not fetch
// tokens): "Authorization: <headerPrefix> <token>" (prefix "Bearer" by default), or the
// access_token query parameter with addTokenTo "queryParams". MAC tokens are not sent.
type oauth2Auth struct{}

func (oauth2Auth) sign(st *authState, r *signable) error {
	token := st.get("accessToken")
	if token == "" {
		return nil
	}
	if strings.EqualFold(st.get("tokenType"), "mac") {
		return nil
	}
	prefix := "Bearer"
	if _, set := st.values["headerPrefix"]; set && st.values["headerPrefix"] != nil {
		prefix = strings.TrimSpace(st.get("headerPrefix"))
	}
	if prefix != "" {
		prefix += " "
	}
	r.req.Headers = collections.RemoveHeaders(r.req.Headers, "Authorization")
	r.req.URL.Query = removeQuery(r.req.URL.Query, "access_token")
	switch st.get("addTokenTo") {
	case "queryParams":
		r.req.URL.Query = append(r.req.URL.Query, collections.QueryParam{Key: "access_token", Value: token})
	case "", "header":
		r.addHeader("Authorization", prefix+token)
	}
	return nil
}

func (oauth2Auth) retry(*authState, *collections.Response) bool { return false }
