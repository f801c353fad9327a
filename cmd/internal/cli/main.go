package cli

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
)

// Version is pmrun's version, set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// Main runs pmrun with env and returns the process exit code.
func Main(env *Env) (code int) {
	defer func() {
		if p := recover(); p != nil {
			warnf(env.Stderr, "pmrun: internal error: %v\n%s\nThis is a bug in pmrun; please report it with the output above.\n", p, debug.Stack())
			code = ExitInternal
		}
	}()
	// A Go fatal error (out of memory) prints one line, not every goroutine's stack: the
	// limits of limits.go keep scripts from getting there; GOTRACEBACK=all brings stacks back.
	debug.SetTraceback("none")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C (or SIGTERM) stops the run and lets it save reports and vault changes;
	// from then on the signals have their default action again, so a second one ends a
	// process stuck on the way out (waiting for the vault's lock, a slow write).
	go func() {
		<-ctx.Done()
		stop()
	}()
	return Execute(ctx, env)
}

// Execute runs the command line in env.Args and returns the exit code; it is Main without
// signal handling and panic recovery, for tests.
func Execute(ctx context.Context, env *Env) int {
	args := env.Args
	if len(args) > 0 && args[0] == "run" {
		rest, flags, err := extractReporterFlags(args)
		if err != nil {
			warnf(env.Stderr, "error: %s\n", err)
			return ExitUsage
		}
		args = rest
		ctx = context.WithValue(ctx, reporterFlagsKey{}, flags)
	}
	root := newRootCmd(env)
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	code := exitCodeOf(err)
	var ee *exitError
	if !errors.As(err, &ee) {
		if code == ExitFailures && !isCobraUsage(err) {
			warnf(env.Stderr, "error: %s\n", err)
		} else if isCobraUsage(err) {
			code = ExitUsage
			warnf(env.Stderr, "error: %s\nRun 'pmrun --help' for usage.\n", err)
		} else {
			warnf(env.Stderr, "error: %s\n", err)
		}
		var h interface{ Hint() string }
		if errors.As(err, &h) && h.Hint() != "" {
			warnf(env.Stderr, "hint: %s\n", h.Hint())
		}
	}
	return code
}

// isCobraUsage recognises cobra's and pflag's own usage errors, which carry no type.
func isCobraUsage(err error) bool {
	var ec exitCoder
	if errors.As(err, &ec) {
		return false
	}
	msg := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand flag", "unknown command", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "bad flag syntax", "if any flags in the group"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func newRootCmd(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:           "pmrun",
		Short:         "Run Postman collections from the command line",
		Long:          "pmrun runs Postman collections (v2.0/v2.1) headless, like Newman, with the current Postman\nscript sandbox (pm.vault included) and an encrypted local vault linkable to 1Password.",
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().BoolP("version", "v", false, "print the version")
	root.AddCommand(newRunCmd(env), newDemoCmd(env), newVaultCmd(env), newReportCmd(env), newPackagesCmd(env))
	return root
}
