package auth

import (
	"encoding/base64"
	"strings"

	"github.com/Azure/go-ntlmssp"

	"github.com/pmrun/pmrun/collections"
)

// ntlmAuth runs the NTLM handshake as postman-runtime does: the request goes out
// unsigned; a 401/403 asking for NTLM is answered with a negotiate (type 1) message, the
// server's challenge (type 2) with an authenticate (type 3) message, each a new
// exchange on the kept-alive connection. The messages are github.com/Azure/go-ntlmssp's
// (NTLMv2 only, with the server's MsvAvTimestamp; a challenge asking for key exchange or
// for LM keys is refused, and the server's 401 stands). The auth's parameters are
// Postman's: username, password, domain, workstation; without a domain the user name may
// carry it as DOMAIN\user or user@domain.
type ntlmAuth struct{}

const (
	ntlmStateT1 = "T1_MSG_CREATED"
	ntlmStateT3 = "T3_MSG_CREATED"
)

func (ntlmAuth) sign(st *authState, r *signable) error {
	r.req.Headers = collections.RemoveHeaders(r.req.Headers, "Authorization")
	if h := st.get("ntlmHeader"); h != "" {
		r.addHeader("Authorization", h)
	}
	return nil
}

func (ntlmAuth) retry(st *authState, resp *collections.Response) bool {
	if resp == nil || st.flag("disableRetryRequest") || (resp.Code != 401 && resp.Code != 403) {
		return false
	}
	user, domain := ntlmUser(st.get("username"), st.get("domain"))
	switch st.get("state") {
	case "":
		if !hasNTLMChallenge(resp.Headers) {
			return false
		}
		msg, err := ntlmssp.NewNegotiateMessage(domain, st.get("workstation"))
		if err != nil {
			return false
		}
		st.set("ntlmHeader", "NTLM "+base64.StdEncoding.EncodeToString(msg))
		st.set("state", ntlmStateT1)
		return true
	case ntlmStateT1:
		challenge := ntlmChallenge(resp.Headers)
		if challenge == nil {
			return false
		}
		if domain != "" {
			user = domain + `\` + user // go-ntlmssp takes the domain from a down-level name
		}
		msg, err := ntlmssp.NewAuthenticateMessage(challenge, user, st.get("password"),
			&ntlmssp.AuthenticateMessageOptions{WorkstationName: st.get("workstation")})
		if err != nil {
			return false
		}
		st.set("ntlmHeader", "NTLM "+base64.StdEncoding.EncodeToString(msg))
		st.set("state", ntlmStateT3)
		return true
	}
	return false
}

// hasNTLMChallenge reports a WWW-Authenticate offering NTLM or Negotiate.
func hasNTLMChallenge(hs []collections.Header) bool {
	for _, h := range hs {
		if !strings.EqualFold(h.Key, "WWW-Authenticate") {
			continue
		}
		v := strings.TrimSpace(h.Value)
		if strings.EqualFold(v, "NTLM") || strings.EqualFold(v, "Negotiate") || strings.Contains(v, "NTLM") {
			return true
		}
	}
	return false
}

// ntlmUser splits DOMAIN\user and user@domain when no domain is given.
func ntlmUser(username, domain string) (string, string) {
	if domain != "" {
		return username, domain
	}
	dll := strings.Split(username, `\`)
	upn := strings.Split(username, "@")
	switch {
	case len(dll) > 1 && len(upn) > 1:
		return username, ""
	case len(dll) == 2 && dll[0] != "" && dll[1] != "":
		return dll[1], dll[0]
	case len(upn) == 2 && upn[0] != "" && upn[1] != "":
		return upn[0], upn[1]
	}
	return username, ""
}

// ntlmChallenge returns the decoded "WWW-Authenticate: NTLM <base64>" challenge, nil when
// the response has none.
func ntlmChallenge(hs []collections.Header) []byte {
	for _, h := range hs {
		v, ok := strings.CutPrefix(strings.TrimSpace(h.Value), "NTLM ")
		if !strings.EqualFold(h.Key, "WWW-Authenticate") || !ok {
			continue
		}
		if m, err := base64.StdEncoding.DecodeString(strings.TrimSpace(v)); err == nil {
			return m
		}
	}
	return nil
}
