package cli

import (
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/internal/echo"
	"github.com/pmrun/pmrun/pmvault"
)

//go:embed demo/demo.postman_collection.json
var demoCollection []byte

func newDemoCmd(env *Env) *cobra.Command {
	o := &runOptions{reporters: "cli", color: "auto", parallel: 1}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run a demo collection offline against a built-in echo server",
		Long: "demo starts an echo server on a free loopback port, runs a bundled collection against it\n" +
			"and prints the normal report. It needs no network and no account.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(cmd.Context(), env, o)
		},
	}
	cmd.Flags().StringVar(&o.color, "color", "auto", "colour output: auto, on or off")
	cmd.Flags().BoolVar(&o.disableUnicode, "disable-unicode", false, "use plain ASCII symbols")
	return cmd
}

func runDemo(ctx context.Context, env *Env, o *runOptions) error {
	srv, err := echo.Start("127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("starting the demo echo server: %w", err)
	}
	// The loopback listener's close error cannot change the demo's outcome or its output.
	defer func() { _ = srv.Close() }()
	c, err := collections.ParseCollection(demoCollection, "demo.postman_collection.json")
	if err != nil {
		return fmt.Errorf("the bundled demo collection is invalid: %w", err)
	}
	if err := writef(env.Stdout, "pmrun demo: echo server on %s\n\n", srv.URL()); err != nil {
		return err
	}
	envScope := collections.NewScope("", "demo", nil)
	envScope.Set("baseUrl", srv.URL())
	if err := o.validate(newRunCmd(env).Flags()); err != nil {
		return err
	}
	opts := o.optionsFor(env, c, envScope, nil, nil)
	session, cleanup, err := demoVault(ctx)
	if err != nil {
		return err
	}
	defer cleanup()
	opts.Vault = session
	return o.execute(ctx, env, opts, session.Redactor())
}

// demoVault makes a throw-away vault in a temporary directory, with a generated key and one
// random secret usable by scripts and by requests to the demo server (http://127.0.0.1).
func demoVault(ctx context.Context) (*pmvault.Session, func(), error) {
	dir, err := os.MkdirTemp("", "pmrun-demo-")
	if err != nil {
		return nil, nil, fmt.Errorf("creating the demo vault: %w", err)
	}
	// Best effort: a leftover directory holds only a throw-away vault with a random demo value.
	cleanup := func() { _ = os.RemoveAll(dir) }
	fail := func(err error) (*pmvault.Session, func(), error) {
		cleanup()
		return nil, nil, fmt.Errorf("creating the demo vault: %w", err)
	}
	key, _, err := pmvault.GenerateKey()
	if err != nil {
		return fail(err)
	}
	v, err := pmvault.Create(filepath.Join(dir, "vault.age"), key)
	if err != nil {
		return fail(err)
	}
	secret := make([]byte, 12)
	if _, err := rand.Read(secret); err != nil {
		return fail(err)
	}
	if err := v.SetValue("demoToken", "demo-"+hex.EncodeToString(secret)); err != nil {
		return fail(err)
	}
	if err := v.SetDomains("demoToken", []string{"http://127.0.0.1"}); err != nil {
		return fail(err)
	}
	v.SetScriptAccess(true)
	if err := v.Save(); err != nil {
		return fail(err)
	}
	s := pmvault.NewSession(v, pmvault.SessionOptions{Context: ctx})
	return s, func() {
		// Close only waits for background 1Password lookups, and the demo vault links none.
		_ = s.Close()
		cleanup()
	}, nil
}
