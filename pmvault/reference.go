package pmvault

import (
	"fmt"
	"strings"
)

// ReferenceError rejects a linked-secret reference before any provider sees it.
type ReferenceError struct {
	Ref    string
	Reason string
}

func (e *ReferenceError) Error() string {
	return fmt.Sprintf("invalid 1Password reference %q: %s", e.Ref, e.Reason)
}

// Hint shows the accepted shape.
func (e *ReferenceError) Hint() string {
	return `use op://<vault>/<item>/[section/]<field>, optionally with ?attribute=otp|totp or ?ssh-format=openssh; ` +
		`names with other characters must be written as their IDs`
}

// Reasons match the 1Password SDK's own parser (v0.4.1), measured case by case.
const (
	reasonPrefix     = `secret reference is not prefixed with "op://"`
	reasonFormat     = `secret reference has invalid format - must be "op://<vault>/<item>/[section/]field[?attribute=<attribute-value>]"`
	reasonChar       = `invalid character in secret reference: secret references must only contain alphanumeric, _, . or - characters`
	reasonQueryKey   = `secret reference has invalid query parameter key`
	reasonQueryValue = `secret reference has invalid query parameter value`
)

// queryValues are the only query parameters the SDK accepts (lower case, one at most).
var queryValues = map[string][]string{
	"attribute":  {"otp", "totp"},
	"ssh-format": {"openssh"},
}

// CheckReference checks the syntax of a 1Password secret reference with the same rules as
// the SDK's ValidateSecretReference, without loading the SDK (whose first use compiles a
// 9.5 MB WASM core for 3–4 s). Like the SDK it accepts ASCII letters, digits, "_", ".",
// "-" and spaces in names, three or four path segments (empty segments included), and one
// optional ?attribute=otp|totp or ?ssh-format=openssh. Shell quotes are not stripped.
func CheckReference(ref string) error {
	if !strings.HasPrefix(ref, "op://") {
		return &ReferenceError{Ref: ref, Reason: reasonPrefix}
	}
	path, query, hasQuery := strings.Cut(ref[len("op://"):], "?")
	for _, r := range path {
		if !refChar(r) && r != '/' {
			return &ReferenceError{Ref: ref, Reason: reasonChar}
		}
	}
	if n := strings.Count(path, "/") + 1; n < 3 || n > 4 {
		return &ReferenceError{Ref: ref, Reason: reasonFormat}
	}
	if !hasQuery {
		return nil
	}
	key, value, ok := strings.Cut(query, "=")
	if !ok || query == "" || strings.Contains(query, "&") {
		return &ReferenceError{Ref: ref, Reason: reasonFormat}
	}
	allowed, known := queryValues[key]
	if !known {
		return &ReferenceError{Ref: ref, Reason: reasonQueryKey}
	}
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return &ReferenceError{Ref: ref, Reason: reasonQueryValue}
}

func refChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return r == '_' || r == '.' || r == '-' || r == ' '
}
