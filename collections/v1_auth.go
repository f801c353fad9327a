package collections

import (
	"encoding/json"
	"fmt"
)

// v1AuthTypes maps v1 currentHelper names to v2 auth types.
var v1AuthTypes = map[string]string{
	"apikeyAuth":   "apikey",
	"basicAuth":    "basic",
	"bearerAuth":   "bearer",
	"digestAuth":   "digest",
	"hawkAuth":     "hawk",
	"oAuth1":       "oauth1",
	"oAuth2":       "oauth2",
	"ntlmAuth":     "ntlm",
	"awsSigV4":     "awsv4",
	"jwtAuth":      "jwt",
	"asapAuth":     "asap",
	"edgegridAuth": "edgegrid",
}

// v1AuthParams lists, per v1 helper, the v2 parameter names and the v1 helperAttributes
// they come from, in v2 order. A helper missing here (awsSigV4) keeps its attributes as
// they are.
var v1AuthParams = map[string][][2]string{
	"apikeyAuth": {{"key", "key"}, {"value", "value"}, {"in", "in"}},
	"basicAuth":  {{"username", "username"}, {"password", "password"}, {"saveHelperData", "saveToRequest"}},
	"bearerAuth": {{"token", "token"}},
	"digestAuth": {{"algorithm", "algorithm"}, {"username", "username"}, {"realm", "realm"},
		{"password", "password"}, {"nonce", "nonce"}, {"nonceCount", "nonceCount"},
		{"clientNonce", "clientNonce"}, {"opaque", "opaque"}, {"qop", "qop"},
		{"disableRetryRequest", "disableRetryRequest"}},
	"oAuth1": {{"consumerKey", "consumerKey"}, {"consumerSecret", "consumerSecret"}, {"token", "token"},
		{"tokenSecret", "tokenSecret"}, {"signatureMethod", "signatureMethod"}, {"timestamp", "timestamp"},
		{"nonce", "nonce"}, {"version", "version"}, {"realm", "realm"}, {"addParamsToHeader", "header"},
		{"autoAddParam", "auto"}, {"addEmptyParamsToSign", "includeEmpty"}},
	"hawkAuth": {{"authId", "hawk_id"}, {"authKey", "hawk_key"}, {"algorithm", "algorithm"}, {"user", "user"},
		{"saveHelperData", "saveToRequest"}, {"nonce", "nonce"}, {"extraData", "ext"}, {"appId", "app"},
		{"delegation", "dlg"}, {"timestamp", "timestamp"}},
	"ntlmAuth": {{"username", "username"}, {"password", "password"}, {"domain", "domain"},
		{"workstation", "workstation"}, {"disableRetryRequest", "disableRetryRequest"}},
	"oAuth2": {{"accessToken", "accessToken"}, {"addTokenTo", "addTokenTo"}, {"callBackUrl", "callBackUrl"},
		{"authUrl", "authUrl"}, {"accessTokenUrl", "accessTokenUrl"}, {"clientId", "clientId"},
		{"clientSecret", "clientSecret"}, {"clientAuth", "clientAuth"}, {"grantType", "grantType"},
		{"scope", "scope"}, {"username", "username"}, {"password", "password"}, {"tokenType", "tokenType"},
		{"redirectUri", "redirectUri"}, {"refreshToken", "refreshToken"}},
	"jwtAuth": {{"algorithm", "algorithm"}, {"isSecretBase64Encoded", "isSecretBase64Encoded"},
		{"payload", "payload"}, {"addTokenTo", "addTokenTo"}, {"headerPrefix", "headerPrefix"},
		{"queryParamKey", "queryParamKey"}, {"header", "header"}},
	"asapAuth": {{"exp", "exp"}, {"claims", "claims"}, {"sub", "sub"}, {"privateKey", "privateKey"},
		{"kid", "kid"}, {"aud", "aud"}, {"iss", "iss"}, {"alg", "alg"}},
	"edgegridAuth": {{"clientToken", "clientToken"}, {"clientSecret", "clientSecret"},
		{"accessToken", "accessToken"}, {"headersToSign", "headersToSign"}, {"nonce", "nonce"},
		{"timestamp", "timestamp"}, {"baseURL", "baseURL"}, {"maxBodySize", "maxBodySize"}},
}

// v1Auth converts an entity's auth. A v2-style "auth" without the legacy currentHelper
// and helperAttributes is read as it is; otherwise currentHelper names the type ("normal"
// or null: none) and helperAttributes (an object, or its JSON text) the parameters.
func v1Auth(e *v1Entity) (*Auth, error) {
	legacy := e.CurrentHelper != nil || !isJSONFalsy(e.HelperAttributes)
	if !legacy {
		a, err := parseAuth(e.Auth)
		if err != nil {
			return nil, fmt.Errorf("auth: %w", err)
		}
		return a, nil
	}
	var helper string
	if json.Unmarshal(e.CurrentHelper, &helper) != nil || helper == "" || helper == "normal" {
		return nil, nil
	}
	a := &Auth{Type: helper}
	if t, ok := v1AuthTypes[helper]; ok {
		a.Type = t
	}
	attrs := e.HelperAttributes
	var text string
	if json.Unmarshal(attrs, &text) == nil {
		attrs = json.RawMessage(text)
	}
	if isJSONNull(attrs) {
		return a, nil
	}
	values := map[string]json.RawMessage{}
	var order []string
	err := orderedObject(attrs, func(k string, v json.RawMessage) error {
		if _, dup := values[k]; !dup {
			order = append(order, k)
		}
		values[k] = v
		return nil
	})
	if err != nil { // unreadable attributes: the transformer gives up on the auth
		return nil, nil //nolint:nilerr // as postman-collection-transformer does
	}
	pairs, known := v1AuthParams[helper]
	if !known {
		if _, mapped := v1AuthTypes[helper]; !mapped {
			return a, nil // no mapper: the type alone
		}
		for _, k := range order {
			pairs = append(pairs, [2]string{k, k})
		}
	}
	for _, p := range pairs {
		raw, ok := values[p[1]]
		if !ok {
			continue
		}
		var v any
		if json.Unmarshal(raw, &v) != nil {
			continue
		}
		a.Params = append(a.Params, AuthParam{Key: p[0], Value: v, Type: jsonTypeName(v)})
	}
	return a, nil
}
