package onepassword

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/1password/onepassword-sdk-go"

	"github.com/pmrun/pmrun/pmvault"
)

// clientError turns an SDK call error into a classified *pmvault.ProviderError: the WASM
// stack trace is cut, wazero's recovery note dropped and the token masked.
func (p *Provider) clientError(doing string, err error) error {
	msg := cleanMessage(err.Error(), p.opts.Token)
	kind := classify(err, msg)
	if msg == "" {
		msg = "no details given"
		if kind == pmvault.KindRateLimited {
			msg = "rate limit exceeded"
		}
	}
	return &pmvault.ProviderError{Provider: providerName, Kind: kind, Msg: doing + ": " + msg}
}

// cleanMessage removes what users must not see or need not see in an SDK error.
func cleanMessage(msg, token string) string {
	if i := strings.Index(msg, "\nwasm stack trace:"); i >= 0 {
		msg = msg[:i]
	}
	msg = strings.ReplaceAll(msg, " (recovered by wazero)", "")
	msg = strings.TrimPrefix(msg, "error initializing client: ")
	if token != "" {
		msg = strings.ReplaceAll(msg, token, pmvault.Mask)
	}
	return strings.TrimSpace(msg)
}

// classify sorts an SDK error by type first and by its (measured) text otherwise: the SDK
// has typed errors only for rate limits and desktop sessions.
func classify(err error, msg string) pmvault.ErrorKind {
	var rl *onepassword.RateLimitExceededError
	if errors.As(err, &rl) {
		return pmvault.KindRateLimited
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return pmvault.KindCanceled
	}
	m := strings.ToLower(msg)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(m, s) {
				return true
			}
		}
		return false
	}
	switch {
	case has("rate limit", "too many requests"):
		return pmvault.KindRateLimited
	case has("token was not specified"):
		return pmvault.KindMissingToken
	case has("invalid format", "invalid service account token", "deserialization failed", "base64 decoding failed", "invalid user input"):
		return pmvault.KindBadToken
	case has("authentication error", "not authenticated", "bad service account token", "unauthorized", "forbidden"):
		return pmvault.KindAuth
	case has("context canceled", "deadline exceeded"):
		return pmvault.KindCanceled
	case has("dial tcp", "no such host", "connection refused", "connection reset", "i/o timeout", "tls:", "x509:", "eof", "is not allowed"):
		return pmvault.KindNetwork
	}
	return pmvault.KindOther
}

// referenceError explains one reference's failure from a ResolveAll response.
func referenceError(ref string, e *onepassword.ResolveReferenceError) error {
	kind, msg := pmvault.KindOther, string(e.Type)
	switch e.Type {
	case onepassword.ResolveReferenceErrorTypeVariantVaultNotFound:
		kind, msg = pmvault.KindNotFound, "vault not found, or the service account cannot read it"
	case onepassword.ResolveReferenceErrorTypeVariantItemNotFound:
		kind, msg = pmvault.KindNotFound, "item not found"
	case onepassword.ResolveReferenceErrorTypeVariantFieldNotFound:
		kind, msg = pmvault.KindNotFound, "field not found in the item"
	case onepassword.ResolveReferenceErrorTypeVariantNoMatchingSections:
		kind, msg = pmvault.KindNotFound, "section not found in the item"
	case onepassword.ResolveReferenceErrorTypeVariantSSHKeyMetadataNotFound:
		kind, msg = pmvault.KindNotFound, "the field is not an SSH key"
	case onepassword.ResolveReferenceErrorTypeVariantTooManyVaults:
		kind, msg = pmvault.KindAmbiguous, "more than one vault has this name; use the vault's ID"
	case onepassword.ResolveReferenceErrorTypeVariantTooManyItems:
		kind, msg = pmvault.KindAmbiguous, "more than one item has this name; use the item's ID"
	case onepassword.ResolveReferenceErrorTypeVariantTooManyMatchingFields:
		kind, msg = pmvault.KindAmbiguous, "more than one field has this name; use the field's ID"
	case onepassword.ResolveReferenceErrorTypeVariantParsing:
		kind, msg = pmvault.KindBadReference, "the reference could not be parsed"
		if detail := messageOf(e.Parsing); detail != "" {
			msg += ": " + detail
		}
	case onepassword.ResolveReferenceErrorTypeVariantUnableToGenerateTOTPCode:
		msg = "could not generate the one-time password"
		if detail := messageOf(e.UnableToGenerateTOTPCode); detail != "" {
			msg += ": " + detail
		}
	case onepassword.ResolveReferenceErrorTypeVariantIncompatibleTOTPQueryParameterField:
		kind, msg = pmvault.KindBadReference, "?attribute=otp used on a field that is not a one-time password"
	case onepassword.ResolveReferenceErrorTypeVariantIncompatibleSSHKeyQueryParameterField:
		kind, msg = pmvault.KindBadReference, "?ssh-format used on a field that is not an SSH private key"
	case onepassword.ResolveReferenceErrorTypeVariantUnsupportedFileFormat:
		msg = "only text files can be used as secrets"
	}
	return &pmvault.ProviderError{Provider: providerName, Ref: ref, Kind: kind, Msg: msg}
}

// messageOf reads an SDK error message accessor, which panics when the message is absent.
func messageOf(get func() onepassword.ErrorMessage) (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	return strings.TrimSpace(fmt.Sprint(get()))
}
