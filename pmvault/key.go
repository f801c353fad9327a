package pmvault

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"

	"filippo.io/age"
)

// identityPrefix starts every age X25519 identity.
const identityPrefix = "AGE-SECRET-KEY-1"

// scryptWorkFactor is age's default (about 1 s). Tests lower it.
var scryptWorkFactor = 18

// Key unlocks a vault: an age X25519 identity or a passphrase. The zero Key is invalid.
type Key struct {
	identity   age.Identity
	recipient  age.Recipient
	passphrase bool
	secret     string // the key text, kept so the redactor can mask it
}

// ParseKey turns key text into a Key. Text that starts with AGE-SECRET-KEY-1 must be a
// valid age X25519 identity; anything else is a passphrase. Surrounding white space is
// ignored. The error never repeats the key.
func ParseKey(text string) (Key, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Key{}, errors.New("vault key is empty")
	}
	if strings.HasPrefix(strings.ToUpper(text), identityPrefix) {
		id, err := age.ParseX25519Identity(strings.ToUpper(text))
		if err != nil {
			return Key{}, errors.New("vault key looks like an age identity (AGE-SECRET-KEY-1…) but is not a valid one")
		}
		return Key{identity: id, recipient: id.Recipient(), secret: text}, nil
	}
	id, err := age.NewScryptIdentity(text)
	if err != nil {
		return Key{}, fmt.Errorf("vault passphrase: %w", err)
	}
	r, err := age.NewScryptRecipient(text)
	if err != nil {
		return Key{}, fmt.Errorf("vault passphrase: %w", err)
	}
	r.SetWorkFactor(scryptWorkFactor)
	return Key{identity: id, recipient: r, passphrase: true, secret: text}, nil
}

// GenerateKey creates a new age X25519 identity and returns it with its text
// (AGE-SECRET-KEY-1…), which the caller shows to the user once.
func GenerateKey() (Key, string, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return Key{}, "", fmt.Errorf("generating vault key: %w", err)
	}
	text := id.String()
	return Key{identity: id, recipient: id.Recipient(), secret: text}, text, nil
}

// IsPassphrase reports whether the key is a passphrase (slow scrypt) rather than an identity.
func (k Key) IsPassphrase() bool { return k.passphrase }

// Valid reports whether k was made by ParseKey, GenerateKey or LoadKey.
func (k Key) Valid() bool { return k.identity != nil }

// KeyFromFile reads a key file: the first line that starts with AGE-SECRET-KEY-1 (age's own
// identity files, "# comments" allowed), or else the first line of the file as a passphrase.
func KeyFromFile(path string) (Key, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Key{}, fmt.Errorf("reading vault key file %s: %w", path, err)
	}
	var first string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(strings.ToUpper(line), identityPrefix) {
			first = line
			break
		}
		if first == "" && line != "" && !strings.HasPrefix(line, "#") {
			first = line
		}
	}
	k, err := ParseKey(first)
	if err != nil {
		return Key{}, fmt.Errorf("vault key file %s: %w", path, err)
	}
	return k, nil
}

// KeyOptions are the places a vault key may come from. LoadKey tries them in field order.
type KeyOptions struct {
	File    string // --vault-key-file
	Env     string // value of PMRUN_VAULT_KEY
	EnvFile string // value of PMRUN_VAULT_KEY_FILE
	// Prompt asks the user without echo; nil when not interactive.
	Prompt func(prompt string) (string, error)
}

// ErrNoKey means no key source was available.
var ErrNoKey = errors.New("no vault key: use --vault-key-file, PMRUN_VAULT_KEY or PMRUN_VAULT_KEY_FILE, or run interactively")

// LoadKey returns the key from the first available source: the key file flag,
// PMRUN_VAULT_KEY, PMRUN_VAULT_KEY_FILE, then the prompt.
func LoadKey(o KeyOptions) (Key, error) {
	switch {
	case o.File != "":
		return KeyFromFile(o.File)
	case o.Env != "":
		k, err := ParseKey(o.Env)
		if err != nil {
			return Key{}, fmt.Errorf("PMRUN_VAULT_KEY: %w", err)
		}
		return k, nil
	case o.EnvFile != "":
		return KeyFromFile(o.EnvFile)
	case o.Prompt != nil:
		return KeyFromPrompt(o.Prompt)
	}
	return Key{}, ErrNoKey
}

// KeyFromPrompt asks for the key with prompt (which must not echo).
func KeyFromPrompt(prompt func(string) (string, error)) (Key, error) {
	text, err := prompt("Vault key: ")
	if err != nil {
		return Key{}, fmt.Errorf("reading vault key: %w", err)
	}
	return ParseKey(text)
}
