// Package pmvault owns pmrun's local secret vault: the encrypted vault file (age, written
// atomically with mode 0600), its secrets (local values or links to an external store such
// as 1Password, "op://vault/item/[section/]field"), allowed-domain rules, the script access
// policy, the in-memory resolution cache for linked values and the redactor that masks every
// secret value in output.
//
// A Session is the run-time view handed to the runner ({{vault:name}} substitution through
// Lookup) and to the sandbox (pm.vault through Get, Set and Unset).
//
// Key and cost: a vault is encrypted either to an age X25519 identity (a key that starts with
// AGE-SECRET-KEY-1, what "pmrun vault init" generates) or to a passphrase (age's scrypt
// recipient, work factor 2^18, slow on purpose). Measured on the project machine with 50
// secrets: identity open 0.14–0.2 ms, save 0.9 ms (mostly fsync); passphrase open 0.45 s,
// save 0.7 s (about a second on slower machines). Every "pmrun run --vault" pays one open,
// plus one open and one save when scripts changed secrets, so CI should use an identity.
//
// Writers (Vault.Save, Update, Session.Save, Create) hold an advisory lock on a file next
// to the vault (LockPath: "<vault>.lock"; flock on Unix, LockFileEx on Windows, through
// github.com/gofrs/flock) while they read, change and write, so concurrent runs and vault
// commands never lose each other's writes; a writer waits up to LockTimeout for it.
//
// The redactor (redact.go) finds where a secret's forms may start with a small Aho-Corasick
// automaton over their first 8 bytes and matches the forms found there with a KMP scan. It is
// written here, not taken from a library, because it needs what the maintained Aho-Corasick
// packages do not expose: the state at the end of a buffer (a secret split across writes is
// held back), and the longest start of a form at each point (a value cut off with "…" or at
// any point after 12 bytes is masked). Its memory is linear in the secrets' length.
//
// pmvault imports only the standard library, filippo.io/age and github.com/gofrs/flock. It must not import the
// sandbox, runner or collections packages (it meets them through structural interfaces) nor
// any provider SDK: providers such as pmvault/onepassword implement Provider and are chosen
// by cmd/internal/cli.
package pmvault
