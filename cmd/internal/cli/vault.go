package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/pmrun/pmrun/pmvault"
	"github.com/pmrun/pmrun/pmvault/onepassword"
)

// vaultCmdOptions are the flags shared by every vault subcommand.
type vaultCmdOptions struct {
	file    string
	keyFile string
}

// newVaultCmd builds "pmrun vault" and its subcommands.
func newVaultCmd(env *Env) *cobra.Command { return newVaultCmdWith(env, defaultVaultDeps()) }

func newVaultCmdWith(env *Env, deps vaultDeps) *cobra.Command {
	o := &vaultCmdOptions{}
	cmd := &cobra.Command{
		Use:   "vault",
		Short: "Manage the encrypted local vault ({{vault:name}} and pm.vault)",
		Long: `The vault is one age-encrypted file (default ~/.config/pmrun/vault.age, or --vault-file,
or PMRUN_VAULT_FILE). Its key comes from --vault-key-file, PMRUN_VAULT_KEY, PMRUN_VAULT_KEY_FILE
or a prompt, in that order. A key that starts with AGE-SECRET-KEY-1 is an age identity (opens in
microseconds; what "vault init" generates); anything else is a passphrase (age scrypt: about a
second per open and per save, on purpose, so a poor fit for CI).

Secret values are never taken from the command line: "vault set" reads them from stdin or a
prompt without echo.`,
		SilenceUsage: true,
	}
	cmd.PersistentFlags().StringVar(&o.file, "vault-file", "", "vault file (default $PMRUN_VAULT_FILE or ~/.config/pmrun/vault.age)")
	cmd.PersistentFlags().StringVar(&o.keyFile, "vault-key-file", "", "file holding the vault key (default $PMRUN_VAULT_KEY, $PMRUN_VAULT_KEY_FILE, or a prompt)")
	cmd.AddCommand(
		newVaultInitCmd(env, o),
		newVaultSetCmd(env, o),
		newVaultLinkCmd(env, o),
		newVaultUnsetCmd(env, o),
		newVaultListCmd(env, o),
		newVaultGetCmd(env, o, deps),
		newVaultDomainsCmd(env, o),
		newVaultEnableCmd(env, o, true),
		newVaultEnableCmd(env, o, false),
		newVaultScriptsCmd(env, o),
		newVaultMaskCmd(env, o),
		newVaultIntegrateCmd(env, o),
		newVaultCacheTTLCmd(env, o),
	)
	return cmd
}

// editVault opens the vault (checking the key), then applies change under the vault's lock
// to the file as it is at that moment and saves it (pmvault.Update), so that a concurrent
// run or vault command does not lose its writes; nothing is written if change fails.
func editVault(ctx context.Context, env *Env, o *vaultCmdOptions, change func(v *pmvault.Vault) error) error {
	v, err := openVault(ctx, env, o.file, o.keyFile)
	if err != nil {
		return err
	}
	return updateVault(v, change)
}

// updateVault applies change to the current file of the opened vault v under its lock.
func updateVault(v *pmvault.Vault, change func(v *pmvault.Vault) error) error {
	err := pmvault.Update(v.Path(), v.Key(), change)
	var ve *vaultError
	if err == nil || errors.As(err, &ve) {
		return err
	}
	return vaultFailure(err)
}

func newVaultInitCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	var passphrase bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create the vault; without a key, generate one and show it once",
		Long: `Create an empty vault. With a key from --vault-key-file, PMRUN_VAULT_KEY or
PMRUN_VAULT_KEY_FILE, use it. With --passphrase, ask for a passphrase. Otherwise generate an age
identity (AGE-SECRET-KEY-1…) and print it once on stdout: keep it, it is the only way in.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := vaultPath(env, o.file)
			if err != nil {
				return err
			}
			key, generated, err := initKey(cmd.Context(), env, o, passphrase)
			if err != nil {
				return err
			}
			if _, err := pmvault.Create(path, key); err != nil {
				return vaultFailure(err)
			}
			switch {
			case generated != "":
				warnf(env.Stderr, "Created vault %s.\nThis is its key, shown only this once. Keep it in a password manager and pass it as\nPMRUN_VAULT_KEY or in a file named by --vault-key-file / PMRUN_VAULT_KEY_FILE:\n", path)
				if err := writef(env.Stdout, "%s\n", generated); err != nil {
					return vaultFailure(fmt.Errorf("the key of the new vault %s could not be shown, so nobody can open it; delete the file and run vault init again: %w", path, err))
				}
				return nil
			case key.IsPassphrase():
				return writef(env.Stdout, "Created vault %s (passphrase: opening and saving take about a second each).\n", path)
			default:
				return writef(env.Stdout, "Created vault %s.\n", path)
			}
		},
	}
	cmd.Flags().BoolVar(&passphrase, "passphrase", false, "protect the vault with a passphrase typed at a prompt")
	return cmd
}

// initKey finds the key for a new vault; generated is the new identity's text, if any.
func initKey(ctx context.Context, env *Env, o *vaultCmdOptions, passphrase bool) (key pmvault.Key, generated string, err error) {
	ko := keyOptions(ctx, env, o.keyFile)
	if ko.File != "" || ko.Env != "" || ko.EnvFile != "" {
		ko.Prompt = nil
		key, err := pmvault.LoadKey(ko)
		return key, "", vaultFailure(err)
	}
	if passphrase {
		if ko.Prompt == nil {
			return pmvault.Key{}, "", vaultUsage(errors.New("--passphrase needs a terminal; or set PMRUN_VAULT_KEY"))
		}
		p1, err := ko.Prompt("New vault passphrase: ")
		if err != nil {
			return pmvault.Key{}, "", vaultFailure(err)
		}
		p2, err := ko.Prompt("Repeat the passphrase: ")
		if err != nil {
			return pmvault.Key{}, "", vaultFailure(err)
		}
		if p1 != p2 {
			return pmvault.Key{}, "", vaultUsage(errors.New("the passphrases differ"))
		}
		key, err := pmvault.ParseKey(p1)
		return key, "", usageIf(err)
	}
	key, text, err := pmvault.GenerateKey()
	return key, text, vaultFailure(err)
}

// usageIf wraps a non-nil err as a usage error.
func usageIf(err error) error {
	if err == nil {
		return nil
	}
	return vaultUsage(err)
}

func newVaultSetCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "set NAME",
		Short: "Store a local secret; the value comes from stdin or a prompt, never from arguments",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if err := pmvault.CheckName(name); err != nil {
				return vaultUsage(err)
			}
			v, err := openVault(cmd.Context(), env, o.file, o.keyFile)
			if err != nil {
				return err
			}
			value, err := readSecretInput(cmd.Context(), env, fmt.Sprintf("Value for %s: ", name))
			if err != nil {
				return err
			}
			if err := updateVault(v, func(v *pmvault.Vault) error { return v.SetValue(name, value) }); err != nil {
				return err
			}
			if len(value) < pmvault.MinSecretLen {
				warnf(env.Stderr, "warning: %s is shorter than %d characters, so output does not mask it\n",
					name, pmvault.MinSecretLen)
			}
			return writef(env.Stdout, "Stored secret %s.\n", name)
		},
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func checkDomains(domains []string) error {
	for _, d := range domains {
		if err := pmvault.CheckDomain(d); err != nil {
			return vaultUsage(err)
		}
	}
	return nil
}

func newVaultLinkCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	var domains string
	cmd := &cobra.Command{
		Use:   "link NAME op://VAULT/ITEM/[SECTION/]FIELD",
		Short: "Link a secret to a 1Password secret reference",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, ref := args[0], args[1]
			if err := pmvault.CheckName(name); err != nil {
				return vaultUsage(err)
			}
			if err := pmvault.CheckReference(ref); err != nil {
				return vaultUsage(err)
			}
			list := splitList(domains)
			if err := checkDomains(list); err != nil {
				return err
			}
			err := editVault(cmd.Context(), env, o, func(v *pmvault.Vault) error {
				if err := v.Link(name, ref); err != nil {
					return err
				}
				if cmd.Flags().Changed("allowed-domains") {
					return v.SetDomains(name, list)
				}
				return nil
			})
			if err != nil {
				return err
			}
			return writef(env.Stdout, "Linked secret %s to %s.\n", name, ref)
		},
	}
	cmd.Flags().StringVar(&domains, "allowed-domains", "", "comma-separated domains where {{vault:NAME}} may be used (e.g. '*.example.com'); default any")
	return cmd
}

func newVaultUnsetCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "unset NAME",
		Short: "Remove a secret",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := editVault(cmd.Context(), env, o, func(v *pmvault.Vault) error { return v.Unset(args[0]) }); err != nil {
				return err
			}
			return writef(env.Stdout, "Removed secret %s.\n", args[0])
		},
	}
}

func newVaultListCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List secrets and settings (never values)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, err := openVault(cmd.Context(), env, o.file, o.keyFile)
			if err != nil {
				return err
			}
			return writeVaultList(env, v)
		},
	}
}

// writeVaultList prints the secrets table (names, sources and settings, never values)
// followed by the vault-wide settings.
func writeVaultList(env *Env, v *pmvault.Vault) error {
	if err := writeSecretsTable(env.Stdout, v.Secrets()); err != nil {
		return err
	}
	st := v.Settings()
	ttl := st.CacheTTL
	if ttl == 0 {
		ttl = pmvault.DefaultCacheTTL
	}
	token := "not stored"
	if v.OnePasswordToken() != "" {
		token = "stored in the vault"
	}
	if env.Getenv("OP_SERVICE_ACCOUNT_TOKEN") != "" {
		token += " (OP_SERVICE_ACCOUNT_TOKEN is set and takes precedence)"
	}
	return writef(env.Stdout, "\nScript access (pm.vault): %s\nMask secrets in output: %s\n1Password cache lifetime: %s\n1Password token: %s\n",
		onOff(st.ScriptAccess, "on", "off"), onOff(st.MaskSecrets, "on", "off"), ttl, token)
}

// writeSecretsTable prints one aligned row per secret, or "No secrets.".
func writeSecretsTable(w io.Writer, secrets []pmvault.Secret) error {
	if len(secrets) == 0 {
		return writef(w, "No secrets.\n")
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if err := writef(tw, "NAME\tSOURCE\tREFERENCE\tALLOWED DOMAINS\tENABLED\n"); err != nil {
		return err
	}
	for _, s := range secrets {
		source, ref := "local", "-"
		if s.Linked() {
			source, ref = "1password", s.Link
		}
		domains := "any"
		if len(s.Domains) > 0 {
			domains = strings.Join(s.Domains, ",")
		}
		if err := writef(tw, "%s\t%s\t%s\t%s\t%s\n", s.Name, source, ref, domains, onOff(s.Enabled, "yes", "no")); err != nil {
			return err
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

func onOff(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

func newVaultGetCmd(env *Env, o *vaultCmdOptions, deps vaultDeps) *cobra.Command {
	return &cobra.Command{
		Use:   "get NAME",
		Short: "Print one secret's value (resolving a 1Password link)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := openVault(cmd.Context(), env, o.file, o.keyFile)
			if err != nil {
				return err
			}
			sec, ok := v.Secret(args[0])
			if !ok {
				return vaultFailure(&pmvault.NotFoundError{Name: args[0]})
			}
			value := sec.Value
			if sec.Linked() {
				if value, err = resolveLinked(cmd.Context(), env, v, deps, sec); err != nil {
					return vaultFailure(err)
				}
			}
			return writef(env.Stdout, "%s\n", value)
		},
	}
}

func newVaultDomainsCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "domains NAME [DOMAIN,DOMAIN...]",
		Short: "Set where {{vault:NAME}} may be used; an empty list allows any domain",
		Args:  cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var list []string
			if len(args) == 2 {
				list = splitList(args[1])
			}
			if err := checkDomains(list); err != nil {
				return err
			}
			if err := editVault(cmd.Context(), env, o, func(v *pmvault.Vault) error { return v.SetDomains(args[0], list) }); err != nil {
				return err
			}
			if len(list) == 0 {
				return writef(env.Stdout, "Secret %s may be used with any domain.\n", args[0])
			}
			return writef(env.Stdout, "Secret %s may be used with %s.\n", args[0], strings.Join(list, ", "))
		},
	}
}

func newVaultEnableCmd(env *Env, o *vaultCmdOptions, enable bool) *cobra.Command {
	verb := onOff(enable, "enable", "disable")
	return &cobra.Command{
		Use:   verb + " NAME",
		Short: onOff(enable, "Make a secret usable again", "Keep a secret but hide it from requests and scripts"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := editVault(cmd.Context(), env, o, func(v *pmvault.Vault) error { return v.SetEnabled(args[0], enable) }); err != nil {
				return err
			}
			return writef(env.Stdout, "Secret %s %sd.\n", args[0], verb)
		},
	}
}

// onOffArg parses "on"/"off".
func onOffArg(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "on", "true", "yes":
		return true, nil
	case "off", "false", "no":
		return false, nil
	}
	return false, vaultUsage(fmt.Errorf("want on or off, got %q", s))
}

func newVaultScriptsCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	return newVaultSwitchCmd(env, o, "scripts", "Allow or forbid pm.vault in scripts (off by default)",
		"Script access to the vault", (*pmvault.Vault).SetScriptAccess)
}

func newVaultMaskCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	return newVaultSwitchCmd(env, o, "mask",
		"Mask secret values in all output (on by default; --no-mask-secrets overrides per run)",
		"Masking of secret values", (*pmvault.Vault).SetMaskSecrets)
}

// newVaultSwitchCmd is a "NAME on|off" command that turns one vault setting on or off.
func newVaultSwitchCmd(env *Env, o *vaultCmdOptions, name, short, what string, set func(*pmvault.Vault, bool),
) *cobra.Command {
	return &cobra.Command{
		Use:       name + " on|off",
		Short:     short,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"on", "off"},
		RunE: func(cmd *cobra.Command, args []string) error {
			on, err := onOffArg(args[0])
			if err != nil {
				return err
			}
			if err := editVault(cmd.Context(), env, o, func(v *pmvault.Vault) error { set(v, on); return nil }); err != nil {
				return err
			}
			return writef(env.Stdout, "%s is %s.\n", what, onOff(on, "on", "off"))
		},
	}
}

func newVaultIntegrateCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	var remove bool
	cmd := &cobra.Command{
		Use:   "integrate 1password",
		Short: "Store a 1Password service account token (from stdin or a prompt) inside the vault",
		Long: `Store a 1Password service account token inside the encrypted vault, read from stdin
or a prompt. At run time OP_SERVICE_ACCOUNT_TOKEN, when set, is used instead.`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"1password"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.ToLower(args[0]) != "1password" {
				return vaultUsage(fmt.Errorf("unknown integration %q (supported: 1password)", args[0]))
			}
			if remove {
				if err := editVault(cmd.Context(), env, o, func(v *pmvault.Vault) error { v.SetOnePasswordToken(""); return nil }); err != nil {
					return err
				}
				return writef(env.Stdout, "Removed the 1Password token from the vault.\n")
			}
			v, err := openVault(cmd.Context(), env, o.file, o.keyFile)
			if err != nil {
				return err
			}
			token, err := readSecretInput(cmd.Context(), env, "1Password service account token: ")
			if err != nil {
				return err
			}
			token = strings.TrimSpace(token)
			if err := onepassword.CheckToken(token); err != nil {
				return vaultUsage(err)
			}
			if err := updateVault(v, func(v *pmvault.Vault) error { v.SetOnePasswordToken(token); return nil }); err != nil {
				return err
			}
			return writef(env.Stdout, "Stored the 1Password service account token in the vault.\n")
		},
	}
	cmd.Flags().BoolVar(&remove, "remove", false, "remove the stored token instead")
	return cmd
}

func newVaultCacheTTLCmd(env *Env, o *vaultCmdOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "cache-ttl DURATION",
		Short: "Set how long 1Password values stay cached in memory during a run (default 1h)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := time.ParseDuration(args[0])
			if err != nil || d <= 0 {
				return vaultUsage(fmt.Errorf("cache lifetime %q: want a positive duration such as 30m or 2h", args[0]))
			}
			if err := editVault(cmd.Context(), env, o, func(v *pmvault.Vault) error { return v.SetCacheTTL(d) }); err != nil {
				return err
			}
			return writef(env.Stdout, "Linked values are cached for %s.\n", d)
		},
	}
}

// noArgs is cobra.NoArgs without repeating the argument in the error: what was typed there
// by mistake is often the key or a secret ("pmrun vault init MY-PASSPHRASE"), and errors
// end up in CI logs.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageError{fmt.Sprintf("%q takes no arguments (keys and secrets never come from the command line; see %q)",
			cmd.CommandPath(), cmd.CommandPath()+" --help")}
	}
	return nil
}
