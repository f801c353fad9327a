package auth

import (
	"strings"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// Signer applies one request's auth for the duration of one Send: it signs each exchange
// and says whether a response calls for another (a digest challenge, an NTLM handshake).
// It is used by one goroutine.
type Signer struct {
	h  authHandler
	st *authState
}

// New returns the signer of auth, or nil when there is nothing to sign (no auth, noauth,
// or a type without a handler, for which warning is postman-runtime's text). now is the
// signing clock (nil: time.Now); ppb is the request's protocolProfileBehavior.
func New(auth *collections.Auth, now func() time.Time, ppb map[string]any) (s *Signer, warning string) {
	h, warning := authSigner(auth)
	if h == nil {
		return nil, warning
	}
	st := newAuthState(auth)
	st.now, st.ppb = now, ppb
	return &Signer{h: h, st: st}, ""
}

// Sign adds the auth data to r, whose body will be body. bodyChanged says the handler
// changed r.Body (OAuth 1.0 parameters in a urlencoded body), which must then be built
// again; a signing error becomes postman-runtime's warning text and r goes unsigned.
func (s *Signer) Sign(r *collections.Request, body []byte) (bodyChanged bool, warning string) {
	sr := &signable{req: r, body: body}
	if err := s.h.sign(s.st, sr); err != nil {
		warning = "runtime~" + s.st.authType + ".auth: could not sign the request: " + err.Error()
	}
	return sr.bodyChanged, warning
}

// Retry reports whether resp calls for the request to be sent again, signed with what
// the response taught (digest's nonce, NTLM's challenge).
func (s *Signer) Retry(resp *collections.Response) bool { return s.h.retry(s.st, resp) }

// authHandler signs requests for one auth type, like postman-runtime's authorizers.
type authHandler interface {
	// sign adds the auth data (headers, query parameters) to the request. An error is
	// reported as a warning and the request is sent unsigned.
	sign(st *authState, r *signable) error
	// retry looks at a response and says whether the request must be sent again with
	// updated state (a digest challenge). Most handlers never retry.
	retry(st *authState, resp *collections.Response) bool
}

// signable is what a handler may change or read: the request copy being prepared
// (headers, URL query) and the body bytes that will be sent.
type signable struct {
	req  *collections.Request
	body []byte
	// bodyChanged is set by a handler that changed req.Body (OAuth 1.0 parameters
	// added to a urlencoded body); the body is then built again.
	bodyChanged bool
}

// authHandlers maps auth types to their handlers.
var authHandlers = map[string]authHandler{
	"asap":     asapAuth{},
	"awsv4":    awsv4Auth{},
	"basic":    basicAuth{},
	"bearer":   bearerAuth{},
	"apikey":   apikeyAuth{},
	"oauth2":   oauth2Auth{},
	"digest":   digestAuth{},
	"edgegrid": edgegridAuth{},
	"hawk":     hawkAuth{},
	"jwt":      jwtAuth{},
	"ntlm":     ntlmAuth{},
	"oauth1":   oauth1Auth{},
}

// authSigner returns the handler for auth (nil for none) and, for a type without a
// handler, postman-runtime's warning text.
func authSigner(auth *collections.Auth) (authHandler, string) {
	if auth == nil || auth.Type == "" || auth.Type == "noauth" {
		return nil, ""
	}
	h, ok := authHandlers[auth.Type]
	if !ok {
		return nil, "runtime: could not find a handler for auth: " + auth.Type
	}
	return h, ""
}

// authState holds an auth's parameters for the duration of one Send (a digest retry
// adds the challenge's nonce and realm to it, as runtime's auth.set does).
type authState struct {
	authType string
	keys     []string
	values   map[string]any
	now      func() time.Time // nil = time.Now
	ppb      map[string]any   // the request's protocolProfileBehavior
}

// clock returns the signing time.
func (s *authState) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

func newAuthState(auth *collections.Auth) *authState {
	st := &authState{}
	if auth == nil {
		return st // no parameters: the map is made by the first put
	}
	st.values = make(map[string]any, len(auth.Params))
	st.authType = auth.Type
	for _, p := range auth.Params {
		if _, seen := st.values[p.Key]; !seen {
			st.keys = append(st.keys, p.Key)
		}
		st.values[p.Key] = p.Value
	}
	return st
}

// get returns a parameter's string form ("" when absent).
func (s *authState) get(key string) string { return collections.Stringify(s.values[key]) }

// has reports whether a parameter is set to a non-empty value.
func (s *authState) has(key string) bool { return s.get(key) != "" }

// flag reads a boolean parameter (true or "true").
func (s *authState) flag(key string) bool { return s.get(key) == "true" }

// setDefault sets a parameter only when it is absent or empty (runtime never
// overwrites a value the user gave).
func (s *authState) setDefault(key, value string) {
	if s.has(key) {
		return
	}
	s.put(key, value)
}

// put sets a parameter, keeping the order in which parameters were first set.
func (s *authState) put(key string, value any) {
	if s.values == nil {
		s.values = map[string]any{}
	}
	if _, seen := s.values[key]; !seen {
		s.keys = append(s.keys, key)
	}
	s.values[key] = value
}

// set sets a parameter unconditionally (handler state such as NTLM's handshake step).
func (s *authState) set(key, value string) { s.put(key, value) }

// addHeader appends a header the handler computed. Like every header the runtime adds, it is
// a system header ("system": true where scripts and reports see the request).
func (r *signable) addHeader(key, value string) {
	r.req.Headers = append(r.req.Headers, collections.Header{Key: key, Value: value, System: true})
}

// setAuthorization replaces any Authorization header with value (added last).
func setAuthorization(r *signable, value string) {
	r.req.Headers = collections.RemoveHeaders(r.req.Headers, "Authorization")
	r.addHeader("Authorization", value)
}

// removeQuery deletes the query parameters named key.
func removeQuery(q []collections.QueryParam, key string) []collections.QueryParam {
	out := q[:0]
	for _, p := range q {
		if p.Key != key {
			out = append(out, p)
		}
	}
	return out
}

// lodashLowerCase approximates lodash's _.lowerCase for header names: words split at
// non-alphanumerics, joined by single spaces, lower-cased ("X-Api-Key" → "x api key").
func lodashLowerCase(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9') && r <= 127
	}), " ")
}
