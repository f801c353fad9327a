package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pmrun/pmrun/pmvault"
	"github.com/pmrun/pmrun/pmvault/onepassword"
)

// vaultError carries the exit code of a failed vault command.
type vaultError struct {
	err  error
	code int
}

func (e *vaultError) Error() string { return e.err.Error() }
func (e *vaultError) Unwrap() error { return e.err }

// ExitCode is 4 for vault and provider failures, 2 for bad argument values.
func (e *vaultError) ExitCode() int { return e.code }

// Hint passes on the wrapped error's hint, if it has one.
func (e *vaultError) Hint() string {
	var h interface{ Hint() string }
	if errors.As(e.err, &h) {
		return h.Hint()
	}
	return ""
}

func vaultFailure(err error) error {
	if err == nil {
		return nil
	}
	return &vaultError{err: err, code: ExitVault}
}

func vaultUsage(err error) error { return &vaultError{err: err, code: ExitUsage} }

// vaultDeps are the replaceable parts of the vault commands (tests swap the provider).
type vaultDeps struct {
	// onePassword builds the 1Password provider for a token ("" when none is configured).
	onePassword func(token string) pmvault.Provider
}

func defaultVaultDeps() vaultDeps {
	return vaultDeps{onePassword: func(token string) pmvault.Provider {
		return onepassword.New(onepassword.Options{Token: token})
	}}
}

// vaultPath picks the vault file: the flag, PMRUN_VAULT_FILE, or
// $XDG_CONFIG_HOME/pmrun/vault.age (~/.config/pmrun/vault.age).
func vaultPath(env *Env, flag string) (string, error) {
	p := flag
	if p == "" {
		p = env.Getenv("PMRUN_VAULT_FILE")
	}
	if p == "" {
		cfg := env.Getenv("XDG_CONFIG_HOME")
		if cfg == "" {
			home := homeDir(env)
			if home == "" {
				return "", vaultUsage(errors.New("cannot find the default vault file: HOME is not set; use --vault-file or PMRUN_VAULT_FILE"))
			}
			cfg = filepath.Join(home, ".config")
		}
		p = filepath.Join(cfg, "pmrun", "vault.age")
	}
	return envPath(env, p), nil
}

func homeDir(env *Env) string {
	if h := env.Getenv("HOME"); h != "" {
		return h
	}
	return env.Getenv("USERPROFILE")
}

// envPath expands a leading ~/ and makes p absolute against the Env's directory.
func envPath(env *Env, p string) string {
	if p == "" {
		return ""
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok && homeDir(env) != "" {
		p = filepath.Join(homeDir(env), rest)
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(env.Dir, p)
	}
	return p
}

// keyOptions lists the key sources in LoadKey's order; the prompt only when interactive
// (and given up at once when ctx ends).
func keyOptions(ctx context.Context, env *Env, keyFileFlag string) pmvault.KeyOptions {
	o := pmvault.KeyOptions{
		File:    envPath(env, keyFileFlag),
		Env:     env.Getenv("PMRUN_VAULT_KEY"),
		EnvFile: envPath(env, env.Getenv("PMRUN_VAULT_KEY_FILE")),
	}
	if env.StdinIsTerminal && env.ReadPassword != nil {
		o.Prompt = func(prompt string) (string, error) {
			return interruptible(ctx, env, func() (string, error) { return env.ReadPassword(prompt) })
		}
	}
	return o
}

// openVault loads the key and opens the vault file.
func openVault(ctx context.Context, env *Env, file, keyFile string) (*pmvault.Vault, error) {
	path, err := vaultPath(env, file)
	if err != nil {
		return nil, err
	}
	key, err := pmvault.LoadKey(keyOptions(ctx, env, keyFile))
	if err != nil {
		return nil, vaultFailure(err)
	}
	v, err := pmvault.Open(path, key)
	return v, vaultFailure(err)
}

// readSecretInput reads one secret from a no-echo prompt when stdin is a terminal, or else
// all of stdin minus one trailing line break. Secrets never come from argv. When ctx ends
// (Ctrl-C) it gives up at once with an *interruptedError.
func readSecretInput(ctx context.Context, env *Env, prompt string) (string, error) {
	if env.StdinIsTerminal {
		if env.ReadPassword == nil {
			return "", vaultUsage(errors.New("cannot prompt: no terminal; pipe the value on stdin"))
		}
		s, err := interruptible(ctx, env, func() (string, error) { return env.ReadPassword(prompt) })
		if err != nil && !errors.Is(err, context.Canceled) {
			return "", vaultFailure(fmt.Errorf("reading the value: %w", err))
		}
		return s, err
	}
	if env.Stdin == nil {
		return "", vaultUsage(errors.New("no value on stdin"))
	}
	var data []byte
	_, err := interruptible(ctx, env, func() (string, error) {
		var err error
		data, err = io.ReadAll(io.LimitReader(env.Stdin, 1<<20+1))
		return "", err
	})
	if errors.Is(err, context.Canceled) {
		return "", err
	}
	if err != nil {
		return "", vaultFailure(fmt.Errorf("reading the value from stdin: %w", err))
	}
	if len(data) > 1<<20 {
		return "", vaultUsage(errors.New("the value on stdin is larger than 1 MiB"))
	}
	s := string(data)
	if t, ok := strings.CutSuffix(s, "\n"); ok {
		s = strings.TrimSuffix(t, "\r")
	}
	return s, nil
}

// interruptedError ends a vault command stopped by Ctrl-C or SIGTERM: exit 130.
type interruptedError struct{}

func (*interruptedError) Error() string { return "interrupted; the vault was not changed" }

// ExitCode is 130, as for any interrupted command.
func (*interruptedError) ExitCode() int { return ExitInterrupted }

// Is makes errors.Is(err, context.Canceled) true.
func (*interruptedError) Is(target error) bool { return target == context.Canceled }

// interruptible runs read, which blocks on stdin or the terminal, and returns what it
// returns; if ctx ends first (Ctrl-C, SIGTERM) it restores the terminal (echo back on) and
// returns an *interruptedError at once, abandoning the read.
func interruptible(ctx context.Context, env *Env, read func() (string, error)) (string, error) {
	type result struct {
		s   string
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := read()
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		return r.s, r.err
	case <-ctx.Done():
		if env.RestoreTerminal != nil {
			env.RestoreTerminal()
			warnf(env.Stderr, "\n")
		}
		return "", &interruptedError{}
	}
}

// onePasswordToken is OP_SERVICE_ACCOUNT_TOKEN, or else the token stored in the vault.
func onePasswordToken(env *Env, v *pmvault.Vault) string {
	if t := strings.TrimSpace(env.Getenv("OP_SERVICE_ACCOUNT_TOKEN")); t != "" {
		return t
	}
	return v.OnePasswordToken()
}

// resolveLinked resolves one linked secret for "vault get".
func resolveLinked(ctx context.Context, env *Env, v *pmvault.Vault, deps vaultDeps, sec pmvault.Secret) (string, error) {
	p := deps.onePassword(onePasswordToken(env, v))
	return pmvault.NewResolver(p, 0).Resolve(ctx, sec.Link)
}
