package auth

import (
	"encoding/base64"

	"github.com/pmrun/pmrun/collections"
)

// basicAuth sends "Authorization: Basic base64(username:password)", replacing any
// Authorization header the request has (as postman-runtime does).
type basicAuth struct{}

func (basicAuth) sign(st *authState, r *signable) error {
	creds := st.get("username") + ":" + st.get("password")
	setAuthorization(r, "Basic "+base64.StdEncoding.EncodeToString([]byte(creds)))
	return nil
}

func (basicAuth) retry(*authState, *collections.Response) bool { return false }
