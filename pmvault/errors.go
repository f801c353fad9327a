package pmvault

import (
	"errors"
	"fmt"
	"io/fs"
	"time"
)

// ErrAccessDenied is the error every pm.vault call gets while script access is off. The
// text is exactly Postman's, capital letter included, so scripts that match on it keep
// working.
var ErrAccessDenied = errors.New("Vault access denied")

// NotExistError means there is no vault file at Path. It matches fs.ErrNotExist.
type NotExistError struct{ Path string }

func (e *NotExistError) Error() string { return fmt.Sprintf("no vault file at %s", e.Path) }

// Hint tells the user how to create a vault.
func (e *NotExistError) Hint() string {
	return "create one with \"pmrun vault init\" or point --vault-file at an existing vault"
}

// Is makes errors.Is(err, fs.ErrNotExist) true.
func (e *NotExistError) Is(target error) bool { return target == fs.ErrNotExist }

// ExistsError means Create found a vault file already at Path.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return fmt.Sprintf("a vault file already exists at %s", e.Path) }

// Is makes errors.Is(err, fs.ErrExist) true.
func (e *ExistsError) Is(target error) bool { return target == fs.ErrExist }

// WrongKeyError means the key does not decrypt the vault file. Nothing was changed.
type WrongKeyError struct {
	Path string
	// Detail says which kind of key the file expects, when that is known.
	Detail string
}

func (e *WrongKeyError) Error() string {
	msg := fmt.Sprintf("wrong vault key for %s", e.Path)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Hint tells the user where the key comes from.
func (e *WrongKeyError) Hint() string {
	return "the key comes from --vault-key-file, PMRUN_VAULT_KEY, PMRUN_VAULT_KEY_FILE or the prompt, in that order"
}

// CorruptError means the vault file is damaged, truncated or not a pmrun vault at all.
type CorruptError struct {
	Path string
	Err  error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("vault file %s is damaged or truncated: %v", e.Path, e.Err)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// LockedError means another process held the vault's lock for longer than the writer
// waited. Nothing was changed.
type LockedError struct {
	Path   string
	Waited time.Duration
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("vault file %s is locked by another process (waited %s); nothing was changed", e.Path, e.Waited)
}

// Hint tells the user what holds the lock.
func (e *LockedError) Hint() string {
	return "another pmrun is writing this vault; if none is running, check what holds " + LockPath(e.Path)
}

// VersionError means the vault file was written by a newer pmrun with a format this one
// cannot read. Nothing was changed.
type VersionError struct {
	Path    string
	Version int
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("vault file %s has format version %d, this pmrun reads up to version %d",
		e.Path, e.Version, FormatVersion)
}

// Hint tells the user what to do about a newer format.
func (e *VersionError) Hint() string { return "upgrade pmrun to use this vault" }

// NotFoundError means the vault has no secret called Name.
type NotFoundError struct{ Name string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("vault secret %q not found", e.Name) }

// LinkedSecretError is returned when a script tries to change a secret linked to an
// external store. Nothing was changed.
type LinkedSecretError struct {
	Name     string
	Provider string // human name of the store, e.g. "1Password"
}

func (e *LinkedSecretError) Error() string {
	return fmt.Sprintf("vault secret %q is linked to %s and cannot be changed from scripts", e.Name, e.Provider)
}

// InvalidNameError rejects a secret name.
type InvalidNameError struct {
	Name   string
	Reason string
}

func (e *InvalidNameError) Error() string {
	return fmt.Sprintf("invalid vault secret name %q: %s", e.Name, e.Reason)
}

// ErrorKind classifies a ProviderError so callers can react without matching strings.
type ErrorKind string

// The provider error classes.
const (
	KindMissingToken ErrorKind = "missing-token" // no credentials configured
	KindBadToken     ErrorKind = "bad-token"     // credentials malformed
	KindAuth         ErrorKind = "auth"          // credentials refused by the service
	KindNotFound     ErrorKind = "not-found"     // vault, item, section or field unknown
	KindAmbiguous    ErrorKind = "ambiguous"     // several vaults, items or fields match
	KindBadReference ErrorKind = "bad-reference" // reference syntax rejected
	KindRateLimited  ErrorKind = "rate-limited"  // the service throttled us
	KindNetwork      ErrorKind = "network"       // the service could not be reached
	KindCanceled     ErrorKind = "canceled"      // the run stopped waiting
	KindOther        ErrorKind = "other"
)

// ProviderError is a failure to resolve a linked secret. Its text names the provider and
// the reference and never contains a secret value or a token.
type ProviderError struct {
	Provider string // human name, e.g. "1Password"
	Ref      string // the reference, e.g. "op://Shared/DB/password" (empty for client errors)
	Kind     ErrorKind
	Msg      string // cleaned-up provider message
}

func (e *ProviderError) Error() string {
	if e.Ref == "" {
		return fmt.Sprintf("%s: %s", e.Provider, e.Msg)
	}
	return fmt.Sprintf("%s: resolving %q: %s", e.Provider, e.Ref, e.Msg)
}

// Hint suggests a fix for the error classes that have an obvious one.
func (e *ProviderError) Hint() string {
	switch e.Kind {
	case KindMissingToken:
		return "set OP_SERVICE_ACCOUNT_TOKEN or store a token with \"pmrun vault integrate 1password\""
	case KindBadToken, KindAuth:
		return "check the service account token (OP_SERVICE_ACCOUNT_TOKEN or \"pmrun vault integrate 1password\")"
	case KindRateLimited:
		return "the service account hit its rate limit; wait or raise the limit, and keep the cache lifetime long"
	case KindNotFound:
		return "check the reference with \"pmrun vault list\" and the service account's access to that vault"
	}
	return ""
}

// SecretError means the linked secret Name could not be resolved because its provider
// failed; Err (usually a *ProviderError) says why. A request that uses the secret is not
// sent. The text never holds a value or a token.
type SecretError struct {
	Name string
	Err  error
}

func (e *SecretError) Error() string {
	return fmt.Sprintf("vault secret %q could not be resolved, so the request was not sent: %v", e.Name, e.Err)
}

func (e *SecretError) Unwrap() error { return e.Err }
