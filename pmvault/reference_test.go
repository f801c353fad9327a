package pmvault

import (
	"strings"
	"testing"
)

// The cases and reasons are the ones measured with the 1Password SDK v0.4.1's own
// ValidateSecretReference (postman-reference.md §6.1).
func TestCheckReference(t *testing.T) {
	t.Parallel()
	tests := map[string]string{ // reference -> reason ("" = valid)
		"op://vault/item/field":          "",
		"op://vault/item/section/field":  "",
		"op://My Vault/My Item/my field": "",
		"op://vault/item/fi_e-l.d 1":     "",
		"op://vault/item/file.txt":       "",
		"op://v/i/f?attribute=otp":       "",
		"op://v/i/f?attribute=totp":      "",
		"op://v/i/f?ssh-format=openssh":  "",
		"op://v/i/f ":                    "",
		"op://vault//field":              "",
		"op:///i/f":                      "",
		"op://v/i/":                      "",
		"op://vault/item":                reasonFormat,
		"op://a/b/c/d/e":                 reasonFormat,
		"op://v/i/f?":                    reasonFormat,
		"op://v/i/f?attribute=otp&a=b":   reasonFormat,
		"OP://v/i/f":                     reasonPrefix,
		`"op://v/i/f"`:                   reasonPrefix,
		" op://v/i/f":                    reasonPrefix,
		"":                               reasonPrefix,
		"op://v/i/f$":                    reasonChar,
		"op://v/i#/f":                    reasonChar,
		"op://v@x/i/f":                   reasonChar,
		"op://v/i:x/f":                   reasonChar,
		"op://v/(i)/f":                   reasonChar,
		"op://v/ü/f":                     reasonChar,
		"op://v/i/f\n":                   reasonChar,
		"op://v/i/f?attribute=type":      reasonQueryValue,
		"op://v/i/f?attribute=OTP":       reasonQueryValue,
		"op://v/i/f?ssh-format=pem":      reasonQueryValue,
		"op://v/i/f?ssh-format=OpenSSH":  reasonQueryValue,
		"op://v/i/f?foo=bar":             reasonQueryKey,
	}
	for ref, reason := range tests {
		t.Run(ref, func(t *testing.T) {
			t.Parallel()
			err := CheckReference(ref)
			if reason == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				return
			}
			if err == nil || !strings.HasSuffix(err.Error(), reason) {
				t.Fatalf("err = %v, want reason %q", err, reason)
			}
		})
	}
}
