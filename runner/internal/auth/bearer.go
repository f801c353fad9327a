package auth

import "github.com/pmrun/pmrun/collections"

// bearerAuth sends "Authorization: Bearer <token>"; without a token it does nothing.
type bearerAuth struct{}

func (bearerAuth) sign(st *authState, r *signable) error {
	token := st.get("token")
	if token == "" {
		return nil
	}
	setAuthorization(r, "Bearer "+token)
	return nil
}

func (bearerAuth) retry(*authState, *collections.Response) bool { return false }
