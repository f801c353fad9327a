package cli

import (
	"context"

	"github.com/spf13/pflag"

	"github.com/pmrun/pmrun/pmvault"
)

// VaultRunOptions are the vault flags of "pmrun run".
type VaultRunOptions struct {
	Enabled       bool   // --vault
	File          string // --vault-file
	KeyFile       string // --vault-key-file
	NoMaskSecrets bool   // --no-mask-secrets
}

// enabled reports whether the run uses the vault: --vault, or naming a vault or key file.
func (o *VaultRunOptions) enabled() bool { return o.Enabled || o.File != "" || o.KeyFile != "" }

// addVaultRunFlags registers the vault flags of "pmrun run".
func addVaultRunFlags(fs *pflag.FlagSet, o *VaultRunOptions) {
	fs.BoolVar(&o.Enabled, "vault", false, "use the local vault: {{vault:name}} in requests and pm.vault in scripts")
	fs.StringVar(&o.File, "vault-file", "", "vault file (implies --vault; default $PMRUN_VAULT_FILE or ~/.config/pmrun/vault.age)")
	fs.StringVar(&o.KeyFile, "vault-key-file", "", "file holding the vault key (implies --vault; default $PMRUN_VAULT_KEY, $PMRUN_VAULT_KEY_FILE, or a prompt)")
	fs.BoolVar(&o.NoMaskSecrets, "no-mask-secrets", false, "show vault secret values in output instead of ********")
}

// openVaultSessionWith opens the vault for a run; deps builds the secret providers
// (defaultVaultDeps in pmrun, a fake 1Password in tests). The 1Password provider is added
// only when an enabled secret is linked to 1Password; it is lazy (no SDK work until a
// linked value is needed or Session.Prefetch starts it) and takes its token from
// OP_SERVICE_ACCOUNT_TOKEN or the vault. The token and every local value are registered
// with the session's redactor. Errors carry exit code 4.
func openVaultSessionWith(ctx context.Context, env *Env, o *VaultRunOptions, deps vaultDeps) (*pmvault.Session, error) {
	v, err := openVault(ctx, env, o.File, o.KeyFile)
	if err != nil {
		return nil, err
	}
	var providers []pmvault.Provider
	token := onePasswordToken(env, v)
	if v.HasLinks("op") {
		providers = append(providers, deps.onePassword(token))
	}
	s := pmvault.NewSession(v, pmvault.SessionOptions{Context: ctx, Providers: providers, NoMask: o.NoMaskSecrets})
	s.Redactor().Add(token)
	return s, nil
}

// withProviderFailures gives a run in which a linked secret could not be resolved (its
// provider failed, so the requests using it were not sent) the vault's exit code 4, as
// README's exit codes promise, unless it already ends with a graver one (interrupted,
// input or reporter errors). --suppress-exit-code does not hide it: it is not a test
// failure.
func withProviderFailures(env *Env, s *pmvault.Session, err error) error {
	if s.ProviderFailures() == 0 {
		return err
	}
	if code := exitCodeOf(err); code != ExitOK && code != ExitFailures {
		return err
	}
	warnf(env.Stderr, "error: requests were not sent because a linked vault secret could not be resolved (see the request errors)\n")
	return &exitError{ExitVault}
}
